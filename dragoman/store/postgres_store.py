"""PostgreSQL backend: the same schema, migrations and queries as DuckDB, on a server.

    store = open_store("postgresql://user:secret@db.example:5432/events")

The connection runs in autocommit mode, so the explicit BEGIN / COMMIT /
ROLLBACK statements of `Store.transaction` are what delimit a transaction
(psycopg would otherwise open one implicitly and nest ours inside it).
Queries are written once in `base.py` with `?` placeholders; here they become
psycopg's `%s`, after any literal `%` has been doubled so psycopg does not read
it as a placeholder. Bulk inserts (`bulk_insert`: documents, mentions,
events) use COPY; other repeated statements use `executemany`, which psycopg
sends in pipeline mode (one round trip per batch, not per row).

Migrations take a session-level advisory lock, so two processes opening a new
database at the same moment do not both try to create the schema.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .base import Store

# An arbitrary constant naming Dragoman's migration lock (pg_advisory_lock takes a bigint).
_MIGRATION_LOCK = 0x647261676F6D  # "dragom"

_PASSWORD = re.compile(r"(://[^:/@]+:)[^@]*@")


def redact(url: str) -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    return _PASSWORD.sub(r"\1***@", url)


class PostgresStore(Store):
    placeholder = "%s"
    week_sql = "to_char(CAST({d} AS DATE), 'IYYY-\"W\"IW')"
    collate = ' COLLATE "C"'
    # B-tree indexes for the search index's lookups and joins (DuckDB reads sorted postings without one)
    extra_migrations = {3: ["CREATE INDEX IF NOT EXISTS mentions_mid ON mentions (mid)",
                            "CREATE INDEX IF NOT EXISTS search_postings_wid ON search_postings (wid)"]}
    postings_order_matters = False  # the B-tree index on wid finds a word's postings wherever they are

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        self.url = url
        self.connect_timeout = connect_timeout
        super().__init__()

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(
                "PostgreSQL stores need psycopg 3: pip install 'dragoman[postgres]'"
            ) from exc
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout)
        except psycopg.OperationalError as exc:
            raise RuntimeError(f"cannot connect to PostgreSQL at {redact(self.url)}: {exc}".strip()) from exc

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        # always pass a parameter list (even empty) so psycopg un-doubles the `%%` of _sql
        return self.conn.execute(self._sql(sql), list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [list(r) for r in rows]
        if not rows:
            return
        # a cursor of a psycopg connection shares the connection's transaction
        with self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """COPY the rows in: one statement and one data stream, however many rows."""
        if not rows:
            return
        from psycopg import sql

        stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
        )
        with self.conn.cursor() as cur, cur.copy(stmt) as copy:
            for row in rows:
                copy.write_row(row)

    def migrate(self) -> None:
        self.execute("SELECT pg_advisory_lock(?)", [_MIGRATION_LOCK])
        try:
            super().migrate()
        finally:
            self.execute("SELECT pg_advisory_unlock(?)", [_MIGRATION_LOCK])

    def __repr__(self) -> str:
        return f"PostgresStore({redact(self.url)!r})"
