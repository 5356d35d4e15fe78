"""Shared fixtures: the real spaCy pipeline (loaded once) and fresh DuckDB stores."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def pipeline():
    from dragoman.pipeline import Pipeline

    return Pipeline()


@pytest.fixture
def duck(tmp_path):
    from dragoman.store import open_store

    store = open_store(str(tmp_path / "t.duckdb"))
    yield store
    store.close()
