"""Open a store by URL: a file path means DuckDB, postgresql://... means PostgreSQL.

Backends register themselves by URL scheme so a new engine is one entry here,
not a branch in every caller.
"""
from __future__ import annotations

from collections.abc import Callable

from .base import DyadGroups, EventFilter, Store

BACKENDS: dict[str, Callable[[str], Store]] = {}


def register_backend(*schemes: str) -> Callable[[Callable[[str], Store]], Callable[[str], Store]]:
    def deco(factory: Callable[[str], Store]) -> Callable[[str], Store]:
        for s in schemes:
            BACKENDS[s] = factory
        return factory

    return deco


@register_backend("duckdb", "file")
def _duckdb(url: str) -> Store:
    from .duckdb_store import DuckDBStore

    path = url.split("://", 1)[1] if "://" in url else url
    return DuckDBStore(path or ":memory:")


@register_backend("postgresql", "postgres")
def _postgres(url: str) -> Store:
    from .postgres_store import PostgresStore

    return PostgresStore(url)


def open_store(url: str) -> Store:
    """A store for `url`; plain paths (and ':memory:') are DuckDB files."""
    scheme = url.split("://", 1)[0] if "://" in url else "duckdb"
    try:
        factory = BACKENDS[scheme]
    except KeyError:
        raise ValueError(f"unknown store URL scheme {scheme!r} in {url!r}; known: {sorted(BACKENDS)}") from None
    return factory(url)


__all__ = ["DyadGroups", "EventFilter", "Store", "open_store", "register_backend"]
