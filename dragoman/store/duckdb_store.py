"""Embedded DuckDB backend: the default, one file, no server."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .base import Store


class DuckDBStore(Store):
    def __init__(self, path: str = "dragoman.duckdb", read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.url = path
        super().__init__()

    def _connect(self) -> Any:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(self.path, read_only=self.read_only)

    def migrate(self) -> None:
        if not self.read_only:
            super().migrate()

    def query_arrays(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any]:
        """NumPy columns straight from DuckDB (masked where NULL): no Python object per row."""
        return self.execute(sql, params).fetchnumpy()

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Load rows as an Arrow table and insert them in one statement (executemany runs row by row)."""
        if not rows:
            return
        # transpose once in C (zip) instead of indexing every row once per column
        values = list(zip(*rows))
        arrow = pa.table({c: pa.array(values[i], type=_arrow_type(table, c)) for i, c in enumerate(columns)})
        name = f"_bulk_{table}"
        self.conn.register(name, arrow)
        try:
            cols = ", ".join(columns)
            self.conn.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self.conn.unregister(name)


_NUMERIC = {"sent_start": pa.int64(), "sent_end": pa.int64(), "trigger_start": pa.int64(), "trigger_end": pa.int64(),
            "quad_class": pa.int64(), "num_mentions": pa.int64(), "num_sources": pa.int64(),
            "num_documents": pa.int64(), "goldstein": pa.float64(), "lat": pa.float64(), "lon": pa.float64(),
            "confidence": pa.float64(), "contradicted": pa.bool_()}


def _arrow_type(table: str, column: str) -> pa.DataType:
    return _NUMERIC.get(column, pa.string())
