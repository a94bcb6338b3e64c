"""Resolve: actors to country + PLOVER sector, and temporal expressions to dates."""
from __future__ import annotations

from .actor_knowledge import Knowledge, is_media, knowledge_version, load_knowledge, media_name
from .actors import is_metonymic, resolve_actors
from .dates import find_dates, publication_date_ref, resolve_expression
from .places import find_places, place_for_event

__all__ = ["Knowledge", "find_dates", "is_media", "is_metonymic", "knowledge_version", "load_knowledge",
           "media_name", "find_places", "place_for_event", "publication_date_ref", "resolve_actors", "resolve_expression"]
