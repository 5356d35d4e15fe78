"""Ingest: files, folders, feeds and URLs -> clean `Document`s.

    from dragoman.ingest import iter_documents, IngestOptions, IngestError
    for item in iter_documents(["articles/", "https://example.org/feed.xml"], IngestOptions(since=date(2024, 1, 1))):
        if isinstance(item, IngestError):
            record(item.path, item.message)      # the batch goes on
        else:
            code(item)

Modules: `readers` (registry and readers), `clean` (normalisation, Markdown,
boilerplate), `dedupe` (content hash and MinHash near-duplicates), `sources`
(outlet registry), `attribution` ("according to X" in a sentence).
"""
from .attribution import Attribution, find_attribution, find_attributions
from .dedupe import Deduper, DuplicateMatch, mark_duplicates
from .readers import (
    READERS,
    SUFFIXES,
    IngestError,
    IngestOptions,
    Reader,
    detect_format,
    iter_documents,
    parse_date_string,
    publication_date,
    read_bytes,
    read_path,
    register_reader,
    sniff_binary,
)
from .sources import Source, SourceRegistry, default_registry, load_sources

__all__ = [
    "READERS", "SUFFIXES", "Attribution", "Deduper", "DuplicateMatch", "IngestError", "IngestOptions",
    "Reader", "Source", "SourceRegistry", "default_registry", "detect_format", "find_attribution",
    "find_attributions", "iter_documents", "load_sources", "mark_duplicates", "parse_date_string",
    "publication_date", "read_bytes", "read_path", "register_reader", "sniff_binary",
]
