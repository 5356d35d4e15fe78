"""Schema and migrations, shared by every backend.

Migrations are an ordered list of portable SQL statements (the subset DuckDB
and PostgreSQL both accept). `schema_version` records which have run, so an
old database is brought forward in place and nothing stored is rewritten.
"""
from __future__ import annotations

from ..records import MENTION_COLUMNS

# Column types for the mentions table; anything not listed is TEXT.
_MENTION_TYPES = {
    "sent_start": "INTEGER",
    "sent_end": "INTEGER",
    "trigger_start": "INTEGER",
    "trigger_end": "INTEGER",
    "goldstein": "DOUBLE PRECISION",
    "quad_class": "INTEGER",
    "lat": "DOUBLE PRECISION",
    "lon": "DOUBLE PRECISION",
    "confidence": "DOUBLE PRECISION",
}


def _mention_columns_sql() -> str:
    cols = []
    for name in MENTION_COLUMNS:
        typ = _MENTION_TYPES.get(name, "TEXT")
        cols.append(f"{name} {typ}{' PRIMARY KEY' if name == 'mention_id' else ''}")
    return ",\n    ".join(cols)


MIGRATIONS: list[tuple[int, list[str]]] = [
    (
        1,
        [
            """CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT,
    url TEXT,
    title TEXT,
    source_name TEXT,
    published TEXT,
    published_precision TEXT,
    published_basis TEXT,
    format TEXT,
    duplicate_of TEXT,
    text TEXT NOT NULL,
    num_mentions INTEGER,
    ingested_at TEXT
)""",
            f"""CREATE TABLE IF NOT EXISTS mentions (
    {_mention_columns_sql()}
)""",
            "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id)",
            "CREATE INDEX IF NOT EXISTS mentions_dyad ON mentions (source_country, target_country, date)",
            """CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    cameo_code TEXT,
    cameo_root TEXT,
    source_actor TEXT,
    target_actor TEXT,
    source_country TEXT,
    target_country TEXT,
    date TEXT,
    date_end TEXT,
    date_precision TEXT,
    goldstein DOUBLE PRECISION,
    quad_class INTEGER,
    plover_type TEXT,
    modality TEXT,
    location_name TEXT,
    num_mentions INTEGER,
    num_sources INTEGER,
    num_documents INTEGER,
    first_seen TEXT,
    last_seen TEXT,
    contradicted BOOLEAN,
    flags TEXT
)""",
            "CREATE INDEX IF NOT EXISTS events_dyad ON events (source_country, target_country, date)",
            """CREATE TABLE IF NOT EXISTS errors (
    path TEXT,
    message TEXT,
    occurred_at TEXT
)""",
            """CREATE TABLE IF NOT EXISTS signatures (
    doc_id TEXT PRIMARY KEY,
    signature TEXT
)""",
        ],
    ),
    (
        2,
        [
            # staging for set-based event-id updates after a merge
            "CREATE TABLE IF NOT EXISTS event_assignments (mention_id TEXT PRIMARY KEY, event_id TEXT)",
        ],
    ),
]
