"""End to end through the CLI: the sample corpus into a real DuckDB file, then out again."""
from __future__ import annotations

import csv
import json
import os

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dragoman.cli import app
from dragoman.records import EXPORT_COLUMNS
from dragoman.store import open_store

from conftest import CORPUS

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("cli") / "corpus.duckdb")
    res = runner.invoke(app, ["ingest", str(CORPUS), "--db", db])
    assert res.exit_code == 0, res.output
    return db


def test_ingest_stores_documents_and_events(corpus_db):
    s = open_store(corpus_db)
    stats = s.stats()
    n_files = sum(1 for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html"))
    assert stats["documents"] >= n_files  # the JSONL adds several more
    assert stats["mentions"] > 50
    assert 0 < stats["events"] <= stats["mentions"]
    # the syndicated copy is linked to its original, not counted as a new story
    dups = [d for d in s.documents() if d["duplicate_of"]]
    assert len(dups) == 1 and "syndicated" in dups[0]["path"]
    s.close()


def test_reingest_adds_nothing(corpus_db):
    before = open_store(corpus_db).stats()
    res = runner.invoke(app, ["ingest", str(CORPUS), "--db", corpus_db])
    assert res.exit_code == 0, res.output
    assert open_store(corpus_db).stats() == before


def test_events_filters(corpus_db):
    res = runner.invoke(app, ["events", "--db", corpus_db, "--dyad", "TUR:ISR", "--json", "--limit", "500"])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert rows
    for r in rows:
        pair = {r["source_actor"][:3], (r["target_actor"] or "")[:3]}
        assert pair == {"TUR", "ISR"}
    res = runner.invoke(app, ["events", "--db", corpus_db, "--code", "19", "--since", "2020-01-01", "--json"])
    rows = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert rows and all(r["cameo_code"].startswith("19") and r["date"] >= "2020-01-01" for r in rows)


def test_dyad_table(corpus_db):
    res = runner.invoke(app, ["dyad", "TUR", "ISR", "--db", corpus_db, "--freq", "year"])
    assert res.exit_code == 0
    import re

    assert "period" in res.output
    years = re.findall(r"│ (20\d\d) ", res.output)
    assert years and years == sorted(years)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_contract_field(corpus_db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    res = runner.invoke(app, ["export", "--db", corpus_db, "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    if fmt == "jsonl":
        rows = [json.loads(x) for x in out.read_text().splitlines()]
        cols = set(rows[0])
    elif fmt == "csv":
        with out.open() as fh:
            rows = list(csv.DictReader(fh))
        cols = set(rows[0])
    else:
        table = pq.read_table(out)
        cols, rows = set(table.column_names), table.to_pylist()
    assert set(EXPORT_COLUMNS) <= cols
    assert len(rows) == open_store(corpus_db).stats()["mentions"]
    sample = rows[0]
    assert sample["sentence"] and sample["cameo_code"] and sample["source_actor"]


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    db = str(tmp_path / "bad.duckdb")
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Turkey and Iran signed a trade agreement in Tehran on March 3, 2019.\n")
    assert runner.invoke(app, ["ingest", str(good), "--db", db]).exit_code == 0
    before = open_store(db).stats()
    (tmp_path / "in" / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "in" / "empty.md").write_text("")
    (tmp_path / "in" / "latin1.txt").write_bytes("Ankara condemned the raid on the caf\xe9.\x00\x00".encode("latin-1"))
    other = tmp_path / "in" / "other.txt"
    other.write_text("Israel expelled the Turkish consul general on Monday, May 14, 2018.\n")
    missing = tmp_path / "nope.txt"
    res = runner.invoke(app, ["ingest", str(tmp_path / "in"), str(missing), "--db", db])
    assert res.exit_code == 1
    errs = open_store(db).errors()
    paths = {e["path"] for e in errs}
    assert str(missing) in paths
    assert any(p.endswith("binary.txt") for p in paths)
    assert any(p.endswith("empty.md") for p in paths)
    for e in errs:
        assert "\n" not in e["message"] and e["message"]
    after = open_store(db).stats()
    assert after["documents"] == before["documents"] + 1  # other.txt stored, good.txt kept
    stored = {os.path.basename(d["path"]) for d in open_store(db).documents()}
    assert {"good.txt", "other.txt"} <= stored


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file, so an unreadable file cannot be made")
def test_unreadable_file(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_text("Turkey hosted Iranian officials.")
    f.chmod(0)
    res = runner.invoke(app, ["ingest", str(f), "--db", str(tmp_path / "x.duckdb")])
    assert res.exit_code == 1


def test_module_entry_point_knows_every_command():
    # `python -m dragoman.cli` must run main() only after the last command is registered
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "dragoman.cli", "eval", "timex", "--help"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_fallbacks_with_workers_are_refused_not_ignored(tmp_path):
    """The Dask workers build the stock pipeline, so asking for a fallback with --workers is an error
    that names the option, and nothing is stored."""
    db = tmp_path / "w.duckdb"
    res = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(db), "--workers", "2", "--learned"])
    assert res.exit_code != 0 and "--learned works only without --workers" in res.output
    assert not db.exists() or open_store(str(db)).stats()["documents"] == 0


def test_learned_model_is_chosen_by_name(tmp_path):
    """`--learned-model minilm` loads the MiniLM model; an unknown name fails before anything is coded."""
    from dragoman.pipeline import Pipeline

    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "g1", "text": "Turkey condemned the Israeli raid.", "published": "2023-01-02",
                                "events": []}) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "events", str(gold), "--learned", "--learned-model", "nosuch"])
    assert res.exit_code != 0 and "unknown learned model 'nosuch'" in res.output
    assert Pipeline(learned=True, learned_model="minilm").coder.similar.model.w_ctx is not None
    assert Pipeline(learned=True).coder.similar.model.w_ctx is None
