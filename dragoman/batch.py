"""The ingest job: read -> dedupe -> code -> store, one transaction per lot of documents.

A bad file becomes an error row and the batch goes on; a document already
stored is skipped by its content hash, so re-running a batch (after a crash or
kill) completes it without duplicates. Merging runs once at the end.
"""
from __future__ import annotations

import base64
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from .ingest import IngestError, IngestOptions, iter_documents
from .ingest.dedupe import Deduper
from .merge import merge_mentions
from .pipeline import Pipeline, settle_heap
from .records import Document
from .store import Store


# Documents per store transaction. A commit has a fixed cost (about 14 ms on DuckDB), so
# larger lots are cheaper per document; nlp.pipe still parses them in `Pipeline.batch_size` batches.
STORE_EVERY = 64


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0  # already stored (same content)
    near_duplicates: int = 0
    mentions: int = 0
    errors: list[str] = field(default_factory=list)


def run_ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    options: IngestOptions | None = None,
    progress: Callable[[Document | IngestError], None] | None = None,
    merge: bool = True,
    store_every: int = STORE_EVERY,
) -> IngestReport:
    """Ingest every document under `paths`; coded documents are stored `store_every` at a time
    (at least one spaCy batch), each lot in one transaction."""
    report = IngestReport()
    lot = max(store_every, pipeline.batch_size)
    deduper = Deduper()
    for doc_id, sig in store.signatures():
        deduper.load(doc_id, base64.b64decode(sig))
    pending: list[Document] = []

    settled = False

    def flush() -> None:
        nonlocal settled
        for doc in store_coded(store, deduper, pipeline.code(pending), report):
            if progress:
                progress(doc)
        pending.clear()
        if not settled:  # the first lot loaded the store's libraries (DuckDB, Arrow): exempt them from GC scans too
            settle_heap()
            settled = True

    items = iter(iter_documents(paths, options))
    while chunk := list(islice(items, lot)):
        # one presence query per chunk instead of one per document; `waiting` then holds every id queued
        # since that query (stored or not yet), so a copy within the chunk is skipped just the same
        waiting = {d.doc_id for d in pending}
        stored = store.present([d.doc_id for d in chunk if isinstance(d, Document)])
        for item in chunk:
            doc = admit(item, store, deduper, report, waiting, stored)
            if doc is None:
                if progress:
                    progress(item)
                continue
            pending.append(doc)
            if len(pending) >= lot:
                flush()
    flush()
    store.compact_search_index(report.mentions)  # keeps word lookups fast after a big load; skips small ones
    if merge:
        remerge(store)
    return report


def admit(item: Document | IngestError, store: Store, deduper: Deduper, report: IngestReport,
          waiting: set[str], stored: set[str] | None = None) -> Document | None:
    """The document to code next, or None: errors are recorded, stored or already queued copies skipped,
    near-duplicates linked to their original. `waiting` holds the ids queued but not yet stored; `stored`,
    when given, the ids the store held when `waiting` was last reset (else the store is asked)."""
    if isinstance(item, IngestError):
        store.record_error(item.path, item.message)
        report.errors.append(str(item))
        return None
    if item.doc_id in waiting or (item.doc_id in stored if stored is not None else store.has_document(item.doc_id)):
        report.skipped += 1
        return None
    dup = deduper.seen(item)
    if dup and dup != item.doc_id:
        item.duplicate_of = dup
        report.near_duplicates += 1
    waiting.add(item.doc_id)
    return item


def store_documents(store: Store, items: list[tuple[Document, list, str | None]]) -> list[bool]:
    """Store (document, mentions, signature) triples in one transaction (`Store.add_documents`);
    True for each one stored, False if it already was."""
    return list(store.add_documents(items))


def store_coded(store: Store, deduper: Deduper, coded: Iterable[tuple[Document, list]],
                report: IngestReport) -> list[Document]:
    """Store coded documents (with their near-duplicate signatures) in one batch and count the outcome."""
    coded = list(coded)
    items = []
    for doc, mentions in coded:
        sig = deduper.dump(doc.doc_id)
        items.append((doc, mentions, base64.b64encode(sig).decode() if sig else None))
    for (doc, mentions), stored in zip(coded, store_documents(store, items)):
        if stored:
            report.stored += 1
            report.mentions += len(mentions)
        else:
            report.skipped += 1
    return [doc for doc, _ in coded]


def remerge(store: Store) -> int:
    """Recompute events from all stored mentions (near-duplicate copies are not counted twice)."""
    with _gc_paused():
        dup_docs = {d["doc_id"] for d in store.documents() if d.get("duplicate_of")}
        rows = [m for m in store.mentions() if m["doc_id"] not in dup_docs]
        events, assignment = merge_mentions(rows)
        # mentions in syndicated copies join the event of their original's mention when one matches
        store.replace_events(events, assignment)
    return len(events)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic GC while the merge builds its rows, clusters and events: they form no garbage cycles
    (refcounting frees them), yet each full collection on the way rescans all of them; on 23,000
    mentions that was 0.7 s of a 3 s merge."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
