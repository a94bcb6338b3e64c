"""Code: events in CAMEO (code, base, root) and PLOVER, with Goldstein score and quad class."""
from __future__ import annotations

from .coder import CODER_NAME, CODER_VERSION, code_events, sentence_code
from .ontology import lookup, quad_class
from .patterns import load_patterns

__all__ = ["code_events", "sentence_code", "lookup", "quad_class", "load_patterns", "CODER_NAME", "CODER_VERSION"]
