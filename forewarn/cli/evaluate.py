"""The ``forewarn eval`` command (registered on import)."""
from __future__ import annotations
