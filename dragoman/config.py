"""Settings, read once from environment variables and an optional TOML file.

A plain dataclass: the CLI and API override fields; nothing else reads the
environment, so tests can build a Settings explicitly.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "dragoman.duckdb"
DEFAULT_MODEL = "en_core_web_sm"


@dataclass
class Settings:
    db: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    actor_files: list[str] = field(default_factory=list)
    source_files: list[str] = field(default_factory=list)
    api_token: str | None = None
    batch_size: int = 32
    similar_triggers: bool = False  # embedding fallback for verbs the lexicon does not know
    # learned fallback (events/learned.py): off, since it raised detection recall but not root F1 in
    # leave-one-dev-set-out cross-validation (scripts/train_triggers.py --cv)
    learned_triggers: bool = False
    learned_model: str = "default"  # which shipped model the learned fallback loads (events.learned.MODEL_FILES)


def load_settings(path: str | None = None) -> Settings:
    """Settings from `dragoman.toml` (or DRAGOMAN_CONFIG) then DRAGOMAN_* env vars."""
    s = Settings()
    cfg = Path(path or os.environ.get("DRAGOMAN_CONFIG", "dragoman.toml"))
    if cfg.is_file():
        data = tomllib.loads(cfg.read_text(encoding="utf-8"))
        for key, value in data.get("dragoman", data).items():
            if hasattr(s, key):
                setattr(s, key, value)
    env = {
        "db": os.environ.get("DRAGOMAN_DB"),
        "model": os.environ.get("DRAGOMAN_MODEL"),
        "api_token": os.environ.get("DRAGOMAN_API_TOKEN"),
    }
    for key, value in env.items():
        if value:
            setattr(s, key, value)
    if os.environ.get("DRAGOMAN_ACTORS"):
        s.actor_files += os.environ["DRAGOMAN_ACTORS"].split(os.pathsep)
    return s
