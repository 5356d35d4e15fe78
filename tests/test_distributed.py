"""Parallel ingest on Dask stores exactly what a single-process run stores, once.

A real `LocalCluster` (two worker processes) codes the sample corpus; the store
it leaves must equal the store of `run_ingest` in this process -- documents,
mentions and merged events -- and a second run must load nothing.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'dragoman[dask]')")

from dragoman.batch import run_ingest  # noqa: E402
from dragoman.distributed import PartitionResult, code_partition, read_partition, run_distributed  # noqa: E402
from dragoman.records import Document, Mention  # noqa: E402
from dragoman.store import open_store  # noqa: E402
from pg import postgres_db, postgres_url  # noqa: E402,F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    from dragoman.distributed import LOCAL_CLUSTER_HTTP

    # a plain LocalCluster (as `dask scheduler` + `dask worker` would give), not dragoman's tuned one
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      **LOCAL_CLUSTER_HTTP) as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The sample corpus plus two files that cannot be read (errors, not crashes)."""
    extra = tmp_path_factory.mktemp("bad")
    (extra / "broken.pdf").write_bytes(b"\x00\x01 not a pdf")
    (extra / "empty.txt").write_text("")
    return [str(CORPUS), str(extra)]


@pytest.fixture(scope="module")
def reference(inputs, pipeline, tmp_path_factory):
    """What one process stores: the result the parallel runs must match."""
    path = str(tmp_path_factory.mktemp("ref") / "single.duckdb")
    store = open_store(path)
    report = run_ingest(inputs, store, pipeline)
    snap = snapshot(store)
    store.close()
    assert report.stored > 20 and report.mentions > 100, report
    return report, snap


def snapshot(store) -> dict:
    docs = [{k: v for k, v in d.items() if k != "ingested_at"} for d in store.documents(with_text=True)]
    return {
        "documents": sorted(docs, key=lambda d: d["doc_id"]),
        "mentions": sorted(store.mentions(), key=lambda m: m["mention_id"]),
        "events": sorted(store.events(), key=lambda e: e["event_id"]),
        "errors": sorted((e["path"], e["message"]) for e in store.errors()),
        "signatures": sorted(store.signatures()),
    }


def assert_same(got: dict, want: dict) -> None:
    assert len(got["documents"]) == len(want["documents"])
    assert got["documents"] == want["documents"]
    assert len(got["mentions"]) == len(want["mentions"])
    assert got["mentions"] == want["mentions"]
    assert got["events"] == want["events"]
    assert got["errors"] == want["errors"]
    assert got["signatures"] == want["signatures"]


def test_cluster_run_equals_single_process_and_loads_once(cluster, inputs, reference, tmp_path):
    want_report, want = reference
    db = str(tmp_path / "multi.duckdb")
    stage = tmp_path / "stage"
    report = run_distributed(inputs, db, "en_core_web_sm", [], None, 0, cluster.scheduler_address,
                             partition_size=5, staging=str(stage))
    assert (report.stored, report.skipped, report.near_duplicates, report.mentions) == (
        want_report.stored, want_report.skipped, want_report.near_duplicates, want_report.mentions)
    assert sorted(report.errors) == sorted(want_report.errors)
    store = open_store(db)
    assert_same(snapshot(store), want)
    store.close()
    assert list(stage.iterdir()) == []  # every partition file was loaded, then removed

    # re-running finds everything stored: nothing is coded or loaded twice
    again = run_distributed(inputs, db, "en_core_web_sm", [], None, 0, cluster.scheduler_address,
                            partition_size=5, staging=str(stage))
    assert (again.stored, again.mentions, again.near_duplicates) == (0, 0, 0)
    assert again.skipped == want_report.stored + want_report.skipped
    store = open_store(db)
    got = snapshot(store)
    # the unreadable files are reported again, everything else is unchanged
    assert got["errors"] == sorted(want["errors"] * 2)
    assert_same({**got, "errors": want["errors"]}, want)
    assert store.stats()["documents"] == want_report.stored
    store.close()


def test_workers_option_on_the_command_line(inputs, reference, tmp_path):
    from typer.testing import CliRunner

    from dragoman.cli import app

    want_report, want = reference
    db = str(tmp_path / "cli.duckdb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAGOMAN_")}
    env["DRAGOMAN_CONFIG"] = str(tmp_path / "none.toml")
    runner = CliRunner(env=env)
    result = runner.invoke(app, ["ingest", *inputs, "--db", db, "--workers", "2"])
    assert result.exit_code == 1, result.output  # the two unreadable files make it exit 1 ...
    assert f"stored {want_report.stored} documents ({want_report.mentions} event mentions)" in result.output
    store = open_store(db)
    assert_same(snapshot(store), want)  # ... and everything readable is stored as by one process
    store.close()
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", db, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "stored 0 documents (0 event mentions)" in result.output
    store = open_store(db)
    assert store.stats()["mentions"] == len(want["mentions"])
    store.close()


@pytest.mark.postgres
def test_cluster_run_into_postgresql(cluster, inputs, reference, postgres_db):
    want_report, want = reference
    report = run_distributed(inputs, postgres_db, "en_core_web_sm", [], None, 0, cluster.scheduler_address)
    assert report.stored == want_report.stored
    store = open_store(postgres_db)
    assert_same(snapshot(store), want)
    store.close()
    again = run_distributed([str(CORPUS)], postgres_db, scheduler=cluster.scheduler_address)
    assert (again.stored, again.mentions) == (0, 0)


class _FlakyPipeline:
    """Codes every document to one mention, but fails on any batch holding the word BOOM."""

    def code(self, docs):
        docs = list(docs)
        if any("BOOM" in d.text for d in docs):
            raise RuntimeError("parser exploded")
        for d in docs:
            yield d, [Mention(doc_id=d.doc_id, sentence=d.text, sent_start=0, sent_end=len(d.text), trigger="x",
                              cameo_code="042", goldstein=2, quad_class=1, lat=None)]


def test_one_bad_document_does_not_sink_its_partition(tmp_path, monkeypatch):
    import threading

    from dragoman import distributed as dist

    key = ("flaky-model", (), 16)
    monkeypatch.setitem(dist._PIPELINES, key, _FlakyPipeline())
    monkeypatch.setitem(dist._PIPELINE_LOCKS, key, threading.Lock())
    docs = [Document(text="fine one", path="a.txt"), Document(text="BOOM", path="b.txt"),
            Document(text="fine two", url="https://x.example/c")]
    res = code_partition("k1", docs, "flaky-model", (), 16, str(tmp_path))
    assert isinstance(res, PartitionResult)
    assert (res.documents, res.mentions) == (2, 2)
    assert res.errors == [("b.txt", "coding failed: RuntimeError: parser exploded")]
    back = read_partition(res.docs_file, res.mentions_file)
    assert [d for d, _ in back] == [docs[0], docs[2]]
    assert [m[0].goldstein for _, m in back] == [2.0, 2.0]
    assert back[0][1][0].mention_id == Mention(doc_id=docs[0].doc_id, sentence="fine one", sent_start=0, sent_end=8,
                                               trigger="x", cameo_code="042").mention_id
    # the same partition read back from bytes (as fetched from a worker with its own disk)
    assert read_partition(Path(res.docs_file).read_bytes(), Path(res.mentions_file).read_bytes()) == back


def test_partitions_use_a_batch_store_method_when_there_is_one(tmp_path):
    from dragoman.batch import store_documents

    class BatchStore:
        def __init__(self):
            self.calls = []

        def add_documents(self, items):
            self.calls.append([d.doc_id for d, _, _ in items])
            return [i % 2 == 0 for i in range(len(items))]

    docs = [Document(text=f"doc {i}") for i in range(3)]
    s = BatchStore()
    assert store_documents(s, [(d, [], None) for d in docs]) == [True, False, True]
    assert s.calls == [[d.doc_id for d in docs]]

    plain = open_store(str(tmp_path / "p.duckdb"))
    items = [(docs[0], [], "c2ln"), (docs[1], [], None), (docs[0], [], "c2ln")]
    assert store_documents(plain, items) == [True, True, False]
    assert plain.signatures() == [(docs[0].doc_id, "c2ln")]
    plain.close()
