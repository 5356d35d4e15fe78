"""Parallel ingest on Dask: code documents in partitions on workers, load the result once.

    dragoman ingest corpus/ --workers 4                     # a LocalCluster of 4 processes here
    dragoman ingest corpus/ --scheduler tcp://host:8786     # an existing Dask cluster

The job is split where the work is:

* The driver (this process) reads the inputs, skips documents already stored,
  links near-duplicates (the same `Deduper` as a single-process run, so the
  same copies are linked) and cuts the rest into partitions of
  `partition_size` documents. Reading is cheap next to parsing.
* Each worker codes a partition with its `Pipeline` -- built once per worker
  process and kept in a module-level cache, so the spaCy model is loaded once,
  not once per task -- and writes two Parquet files into the staging
  directory: the partition's documents and their mentions.
* The driver loads each finished partition into the store, one transaction per
  document (`Store.add_document`, which skips a document already stored), then
  deletes the partition's files, and merges events once at the end.

Only the driver writes to the store, so the result is loaded exactly once: a
document is stored by one transaction or not at all, a re-run skips what is
stored before sending it anywhere, and a task Dask retries on another worker
just overwrites the same partition files. At most `max_in_flight` partitions
are out at a time (two per worker thread by default), so the driver's memory
does not grow with the corpus; futures rather than a `dask.bag` keep it that
way, as a bag would put every document into the task graph up front.

The staging directory (`staging=`, else `$DRAGOMAN_STAGING`, else a temporary
directory) should be one that the workers and the driver both see, such as a
shared filesystem on a multi-host cluster. If the driver cannot see a file a
worker wrote, it asks that worker for the bytes instead, so a cluster without
shared storage still works, with the results travelling over Dask.

Run Dask workers with one thread each (`dask worker --nthreads 1 --nworkers N`):
spaCy holds the GIL for most of its work, so threads add nothing. A worker
with more threads still works; its tasks take turns on the one pipeline.
Local clusters started here also unset Dask's `MALLOC_TRIM_THRESHOLD_` and
switch off the workers' sampling profiler (`WORKER_CONFIG`), which together
cost about a quarter more CPU per document; on a cluster of your own, start
the workers with `MALLOC_TRIM_THRESHOLD_` unset and
`DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False` for the same effect.
"""
from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .batch import IngestReport, admit, remerge, store_coded
from .ingest import IngestOptions, iter_documents
from .ingest.dedupe import Deduper
from .records import MENTION_COLUMNS, Document, Mention
from .store import Store, open_store

log = logging.getLogger(__name__)

__all__ = ["PartitionResult", "code_partition", "local_cluster", "read_partition", "run_distributed", "warm_up",
           "worker_pipeline"]

# -- Parquet layout of a partition ----------------------------------------------------


def _arrow_type(annotation: Any) -> Any:
    import pyarrow as pa

    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    kinds = {part.strip() for part in text.split("|")}
    if "int" in kinds:
        return pa.int64()
    if "float" in kinds:
        return pa.float64()
    if "bool" in kinds:
        return pa.bool_()
    return pa.string()


def _schema(cls: type, columns: list[str]) -> Any:
    import pyarrow as pa

    types = {f.name: f.type for f in fields(cls)}
    return pa.schema([(c, _arrow_type(types[c])) for c in columns])


DOCUMENT_FIELDS: list[str] = [f.name for f in fields(Document)]


def _tables(docs: list[Document], mentions: list[Mention]) -> tuple[Any, Any]:
    import pyarrow as pa

    doc_rows = [d.to_row() for d in docs]
    mention_rows = [m.to_row() for m in mentions]
    for r in mention_rows:  # a float column may receive an int (e.g. Goldstein 3); a str one an int code
        for c in ("goldstein", "lat", "lon", "confidence"):
            if isinstance(r.get(c), int) and not isinstance(r.get(c), bool):
                r[c] = float(r[c])
    return (
        pa.Table.from_pylist(doc_rows, schema=_schema(Document, DOCUMENT_FIELDS)),
        pa.Table.from_pylist(mention_rows, schema=_schema(Mention, MENTION_COLUMNS)),
    )


def _write_atomically(table: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + f".{os.getpid()}.{threading.get_ident()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def read_partition(docs_file: str | Path | bytes, mentions_file: str | Path | bytes
                   ) -> list[tuple[Document, list[Mention]]]:
    """A partition's documents, each with its mentions, in the order they were coded."""
    import pyarrow.parquet as pq

    def table(src: str | Path | bytes) -> Any:
        return pq.read_table(io.BytesIO(src) if isinstance(src, bytes) else src)

    by_doc: dict[str, list[Mention]] = {}
    for row in table(mentions_file).to_pylist():
        by_doc.setdefault(row["doc_id"], []).append(Mention(**row))
    return [(Document(**row), by_doc.get(row["doc_id"], [])) for row in table(docs_file).to_pylist()]


# -- the worker side ----------------------------------------------------------------------

_PIPELINES: dict[tuple[str, tuple[str, ...], int], Any] = {}
_PIPELINE_LOCKS: dict[tuple[str, tuple[str, ...], int], threading.Lock] = {}
_CACHE_LOCK = threading.Lock()


def worker_pipeline(model: str, actor_files: tuple[str, ...] = (), batch_size: int = 16) -> tuple[Any, threading.Lock]:
    """This process's Pipeline for these settings (built on first use) and the lock that serialises its use."""
    key = (model, tuple(actor_files), batch_size)
    with _CACHE_LOCK:
        if key not in _PIPELINES:
            from .pipeline import Pipeline

            _PIPELINES[key] = Pipeline(model, list(actor_files), batch_size)
            _PIPELINE_LOCKS[key] = threading.Lock()
        return _PIPELINES[key], _PIPELINE_LOCKS[key]


def warm_up(model: str, actor_files: tuple[str, ...] = (), batch_size: int = 16) -> None:
    """Build this worker's pipeline now (`client.run(warm_up, model)` loads the model on every worker)."""
    worker_pipeline(model, tuple(actor_files), batch_size)


@dataclass
class PartitionResult:
    key: str
    docs_file: str
    mentions_file: str
    documents: int
    mentions: int
    errors: list[tuple[str, str]]  # (path or doc id, message) of documents that could not be coded
    worker: str | None = None


def partition_key(docs: list[Document], model: str, actor_files: Iterable[str]) -> str:
    h = hashlib.sha1(model.encode())
    for f in actor_files:
        h.update(b"\0" + str(f).encode())
    for d in docs:
        h.update(b"\1" + d.doc_id.encode())
    return h.hexdigest()[:16]


def code_partition(key: str, docs: list[Document], model: str, actor_files: tuple[str, ...], batch_size: int,
                   staging: str) -> PartitionResult:
    """Code `docs` on this worker and write `<key>.docs.parquet` and `<key>.mentions.parquet` into `staging`.

    A document the pipeline fails on is left out and reported, the rest of the
    partition is still coded (first as one batch, then one by one if the batch fails).
    """
    pipe, lock = worker_pipeline(model, tuple(actor_files), batch_size)
    coded: list[tuple[Document, list[Mention]]] = []
    errors: list[tuple[str, str]] = []
    with lock:
        try:
            coded = list(pipe.code(docs))
        except Exception:
            coded = []
            for d in docs:
                try:
                    coded.extend(pipe.code([d]))
                except Exception as exc:  # one bad document does not sink its partition
                    errors.append((d.path or d.url or d.doc_id, f"coding failed: {type(exc).__name__}: {exc}"))
    doc_table, mention_table = _tables([d for d, _ in coded], [m for _, ms in coded for m in ms])
    out = Path(staging)
    out.mkdir(parents=True, exist_ok=True)
    docs_file, mentions_file = out / f"{key}.docs.parquet", out / f"{key}.mentions.parquet"
    _write_atomically(doc_table, docs_file)
    _write_atomically(mention_table, mentions_file)
    return PartitionResult(key, str(docs_file), str(mentions_file), len(coded), mention_table.num_rows, errors,
                           _worker_address())


def _worker_address() -> str | None:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return None


def _read_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


def _remove(*paths: str) -> None:
    for p in paths:
        Path(p).unlink(missing_ok=True)


# -- the driver side --------------------------------------------------------------------------


# No dashboard, and the scheduler's small HTTP server (health, metrics) on a free loopback
# port instead of 8787, which another cluster on this machine may hold.
LOCAL_CLUSTER_HTTP: dict[str, Any] = {
    "dashboard_address": None,
    "scheduler_kwargs": {"dashboard": False, "dashboard_address": "127.0.0.1:0"},
}


# Worker settings that cost CPU on this workload: Dask's default MALLOC_TRIM_THRESHOLD_=65536
# makes glibc hand memory back to the OS so eagerly that spaCy's many small allocations
# get slower (about a fifth more CPU per document, measured), and the worker's sampling
# profiler takes a few percent more. None unsets a pre-spawn variable.
WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


def local_cluster(workers: int, **kwargs: Any) -> Any:
    """A LocalCluster on loopback of `workers` single-threaded processes, tuned for coding."""
    import dask
    from distributed import LocalCluster

    opts: dict[str, Any] = {"n_workers": max(1, workers), "threads_per_worker": 1, "processes": True,
                            "host": "127.0.0.1", "silence_logs": logging.ERROR, **LOCAL_CLUSTER_HTTP}
    opts.update(kwargs)
    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(**opts)


def _client(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("parallel ingest needs Dask: pip install 'dragoman[dask]'") from exc
    if scheduler:
        return Client(scheduler), None
    cluster = local_cluster(workers)
    try:
        return Client(cluster), cluster
    except BaseException:
        cluster.close()
        raise


def _threads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # pragma: no cover - scheduler without workers yet
        return 1


def run_distributed(
    paths: Iterable[str],
    db_url: str | Store,
    model: str = "en_core_web_sm",
    actor_files: Iterable[str] = (),
    options: IngestOptions | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    *,
    partition_size: int = 64,
    batch_size: int = 16,
    staging: str | None = None,
    max_in_flight: int | None = None,
    client: Any = None,
    merge: bool = True,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest `paths` into the store at `db_url` with Dask workers; see the module docstring.

    `workers` local processes are started unless `scheduler` (a Dask scheduler
    address) or `client` (a connected `distributed.Client`) is given.
    `progress`, if given, is called with the number of documents each loaded
    partition held.
    """
    from distributed import wait

    actor_files = tuple(str(a) for a in actor_files)
    store = db_url if isinstance(db_url, Store) else open_store(db_url)
    own_store = not isinstance(db_url, Store)
    report = IngestReport()
    deduper = Deduper()
    for doc_id, sig in store.signatures():
        deduper.load(doc_id, base64.b64decode(sig))

    own_staging = not (staging or os.environ.get("DRAGOMAN_STAGING"))
    stage_root = staging or os.environ.get("DRAGOMAN_STAGING") or tempfile.mkdtemp(prefix="dragoman-staging-")
    Path(stage_root).mkdir(parents=True, exist_ok=True)

    own_client = client is None
    cluster = None
    pending: dict[Any, set[str]] = {}  # future -> doc ids it carries
    in_flight: set[str] = set()

    def load(fut: Any) -> None:
        ids = pending.pop(fut)
        res: PartitionResult = fut.result()
        docs_src: str | bytes = res.docs_file
        mentions_src: str | bytes = res.mentions_file
        remote = not (Path(res.docs_file).exists() and Path(res.mentions_file).exists())
        if remote:  # the worker's disk is not ours: fetch the files through Dask
            target = [res.worker] if res.worker else None
            docs_src = client.submit(_read_bytes, res.docs_file, workers=target, pure=False).result()
            mentions_src = client.submit(_read_bytes, res.mentions_file, workers=target, pure=False).result()
        store_coded(store, deduper, read_partition(docs_src, mentions_src), report)
        for where, message in res.errors:
            store.record_error(where, message)
            report.errors.append(f"{where}: {message}")
        if remote:
            client.submit(_remove, res.docs_file, res.mentions_file, workers=[res.worker] if res.worker else None,
                          pure=False).result()
        else:
            _remove(res.docs_file, res.mentions_file)
        in_flight.difference_update(ids)
        if progress:
            progress(res.documents)

    def drain(until: int) -> None:
        while len(pending) > until:
            done, _ = wait(list(pending), return_when="FIRST_COMPLETED")
            for fut in done:
                load(fut)

    def submit(batch: list[Document]) -> None:
        key = partition_key(batch, model, actor_files)
        fut = client.submit(code_partition, key, batch, model, actor_files, batch_size, stage_root,
                            key=f"dragoman-code-{key}", pure=False, retries=1)
        pending[fut] = {d.doc_id for d in batch}
        drain(limit - 1)

    try:
        if own_client:
            client, cluster = _client(workers, scheduler)
        limit = max_in_flight or 2 * _threads(client)
        batch: list[Document] = []
        for item in iter_documents(paths, options):
            doc = admit(item, store, deduper, report, in_flight)
            if doc is None:
                continue
            batch.append(doc)
            if len(batch) >= partition_size:
                submit(batch)
                batch = []
        if batch:
            submit(batch)
        drain(0)
        store.compact_search_index(report.mentions)  # as run_ingest: keeps word lookups fast after a big load
        if merge:
            remerge(store)
    finally:
        for fut in pending:
            fut.cancel()
        if own_client and client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if own_staging:
            shutil.rmtree(stage_root, ignore_errors=True)
        if own_store:
            store.close()
    return report

