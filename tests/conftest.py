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


@pytest.fixture(scope="session")
def coded_events(pipeline):
    """(source, CAMEO code, target) of every event the coder finds in a text dated `day`."""
    import datetime as dt

    def run(text: str, day: str) -> list[tuple[str | None, str, str | None]]:
        sdoc = pipeline.nlp(text)
        acts = pipeline.actors.resolve(sdoc, dt.date.fromisoformat(day))
        at = {i: a for a in acts for i in range(a.start, a.end)}
        return [(e.source.code if e.source else None, e.code, e.target.code if e.target else None)
                for sent in sdoc.sents for e in pipeline.coder.code_sentence(sent, at)]
    return run


@pytest.fixture
def duck(tmp_path):
    from dragoman.store import open_store

    store = open_store(str(tmp_path / "t.duckdb"))
    yield store
    store.close()
