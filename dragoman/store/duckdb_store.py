"""Embedded DuckDB backend: the default, one file, no server."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

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
