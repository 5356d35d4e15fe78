"""A batch killed with SIGKILL leaves every document whole or absent; a rerun completes it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from conftest import CORPUS

DRAGOMAN = [sys.executable, "-m", "dragoman.cli"]


def _consistent(db: str) -> tuple[int, int]:
    con = duckdb.connect(db, read_only=True)
    try:
        docs = con.execute("SELECT doc_id, num_mentions FROM documents").fetchall()
        counts = dict(con.execute("SELECT doc_id, COUNT(*) FROM mentions GROUP BY doc_id").fetchall())
        orphans = con.execute("SELECT COUNT(*) FROM mentions WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
    finally:
        con.close()
    assert orphans == 0, "mentions stored without their document"
    for doc_id, n in docs:
        assert counts.get(doc_id, 0) == n, f"document {doc_id} is half stored"
    return len(docs), sum(counts.values())


def _corpus(tmp_path: Path, copies: int) -> Path:
    """Many distinct documents: the sample articles, each with a numbered note so hashes differ."""
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for i in range(copies):
        for j, text in enumerate(texts):
            (folder / f"a{i:03d}_{j:02d}.txt").write_text(f"{text}\n\nEditor's note {i}-{j}.\n", encoding="utf-8")
    return folder


def test_kill_minus_nine_mid_batch_then_rerun(tmp_path):
    folder = _corpus(tmp_path, 12)
    total = len(list(folder.iterdir()))
    db = str(tmp_path / "crash.duckdb")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([*DRAGOMAN, "ingest", str(folder), "--db", db, "--batch-size", "4", "--verbose"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    # wait until some documents are reported done (each is committed before it is reported), then kill
    done = 0
    for line in proc.stderr:
        if line.startswith("done "):
            done += 1
            if done >= 8:
                break
    assert proc.poll() is None, "the batch finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    docs_after_kill, _ = _consistent(db)
    assert 0 < docs_after_kill < total
    rerun = subprocess.run([*DRAGOMAN, "ingest", str(folder), "--db", db], capture_output=True, text=True, env=env)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    docs, mentions = _consistent(db)
    assert docs == total
    assert mentions > 0
