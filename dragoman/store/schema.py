"""Schema and migrations, shared by every backend.

Migrations are an ordered list of portable SQL statements (the subset DuckDB
and PostgreSQL both accept). `schema_version` records which have run, so an
old database is brought forward in place and nothing stored is rewritten.
A backend may add statements of its own to a version (`Store.extra_migrations`,
e.g. PostgreSQL's B-tree indexes, which DuckDB does not need).

The search index (migration 3) serves `EventFilter.text`, a case-insensitive
substring of the evidence sentence (`sentence ILIKE '%text%'`). It maps each
word of a mention's lower-cased sentence -- a maximal run of [a-z0-9] -- to the
mention's integer key `mid`. The database itself lower-cases and splits the
sentence, with the same `lower()` its ILIKE applies, so any sentence that
matches a search text contains, inside one of its indexed words, every [a-z0-9]
run of the lower-cased text: the words that contain such a run cover all the
matches, and ILIKE is then checked on those candidates only.
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


# (mid, word) for every word of the lower-cased sentence of the mentions selected by {where}
_TOKENS = """SELECT DISTINCT mid, word FROM (
    SELECT mid, unnest(regexp_split_to_array(lower(sentence), '[^a-z0-9]+')) AS word FROM mentions{where}
) t WHERE word <> ''"""


def search_index_fill(where: str = "") -> list[str]:
    """Statements adding the mentions selected by `where` to the search index (each takes where's parameters).

    New words get a `wid` first; postings are inserted sorted, so a store filled
    in one go keeps each word's postings together (DuckDB then skips the rest).
    """
    tokens = _TOKENS.replace("{where}", where)
    return [
        f"""INSERT INTO search_words (word) SELECT DISTINCT word FROM ({tokens}) t
    WHERE word NOT IN (SELECT word FROM search_words) ON CONFLICT DO NOTHING""",
        f"""INSERT INTO search_postings (wid, mid) SELECT w.wid, t.mid FROM ({tokens}) t
    JOIN search_words w ON w.word = t.word ORDER BY w.wid, t.mid""",
    ]


# publishers of stored mentions and documents not yet in `publishers` (documents without one are left out:
# each stands for itself in a series)
PUBLISHERS_FILL = """INSERT INTO publishers (name)
SELECT DISTINCT source_name FROM (
    SELECT source_name FROM mentions UNION SELECT source_name FROM documents
) s WHERE source_name IS NOT NULL AND source_name <> '' ON CONFLICT DO NOTHING"""


def event_keys_fill(where: str = "") -> list[str]:
    """Statements giving the mentions selected by `where` (a condition on `mentions.` columns, taking its own
    parameters) the integer key `eid` of their event, numbering event ids not seen before.

    A dyad series groups mentions by event: an integer groups several times faster
    than a 16-character id, and spares reading the id column at all.
    """
    cond = f" AND ({where})" if where else ""
    return [
        f"""INSERT INTO event_keys (event_id) SELECT DISTINCT event_id FROM mentions
    WHERE event_id IS NOT NULL AND event_id <> ''{cond}
    AND event_id NOT IN (SELECT event_id FROM event_keys) ON CONFLICT DO NOTHING""",
        f"""UPDATE mentions SET eid = k.eid FROM event_keys k
    WHERE k.event_id = mentions.event_id AND mentions.eid IS DISTINCT FROM k.eid{cond}""",
    ]


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
    (
        3,
        [
            # an integer key, so the search index joins back to mentions cheaply
            "CREATE SEQUENCE IF NOT EXISTS mention_seq",
            "ALTER TABLE mentions ADD COLUMN mid BIGINT DEFAULT nextval('mention_seq')",
            "CREATE SEQUENCE IF NOT EXISTS search_word_seq",
            "CREATE TABLE IF NOT EXISTS search_words (word TEXT PRIMARY KEY, wid INTEGER NOT NULL DEFAULT nextval('search_word_seq'))",
            "CREATE TABLE IF NOT EXISTS search_postings (wid INTEGER NOT NULL, mid BIGINT NOT NULL)",
            *search_index_fill(),
        ],
    ),
    (
        4,
        [
            # every publisher named in the store, so a reliability-weighted series can key events by
            # publisher weight class without first reading the dyad's publishers (`Store._class_publishers`)
            "CREATE TABLE IF NOT EXISTS publishers (name TEXT PRIMARY KEY)",
            # mentions stored without their document's publisher get it, as `Store.add_documents` now does
            """UPDATE mentions SET source_name = d.source_name FROM documents d
    WHERE d.doc_id = mentions.doc_id AND (mentions.source_name IS NULL OR mentions.source_name = '')
    AND d.source_name IS NOT NULL AND d.source_name <> ''""",
            PUBLISHERS_FILL,
        ],
    ),
    (
        5,
        [
            # events numbered, so series group mentions by an integer (`event_keys_fill`); a mention
            # without an event has no `eid` and stands for itself (by `mid`)
            "CREATE SEQUENCE IF NOT EXISTS event_key_seq",
            "CREATE TABLE IF NOT EXISTS event_keys (event_id TEXT PRIMARY KEY, eid BIGINT NOT NULL DEFAULT nextval('event_key_seq'))",
            "ALTER TABLE mentions ADD COLUMN eid BIGINT",
            *event_keys_fill(),
        ],
    ),
]
