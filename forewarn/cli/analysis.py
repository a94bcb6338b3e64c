"""Commands over the store's clusters, dyads and warnings (registered on import)."""
from __future__ import annotations
