"""Ingest+code throughput against the bare spaCy limit, and memory.

    python bench/bench_throughput.py                       # 5,000 generated articles, one core and all cores
    python bench/bench_throughput.py --articles 1000 --no-parallel
    python bench/bench_throughput.py --profile out/bench/full.prof   # cProfile of the one-core run

Measures, each in a fresh process:

1. bare      -- the corpus texts streamed through `nlp.pipe` of the very
                pipeline `Pipeline` uses (same model, same components, same
                batch size), one core. Nothing Dragoman adds can be faster.
2. full x1   -- `run_ingest` into a new DuckDB file, one core: reading the
                JSONL shards, near-duplicate detection, coding (actors,
                events, dates, places), storing through the store's batch
                path, then the event merge. Resident memory is sampled
                after every fifth of the corpus and after the merge, so
                growth with corpus size shows directly.
3. full xN   -- `run_distributed` on `local_cluster(N)`, the cluster
                `dragoman ingest --workers N` starts: N single-threaded
                worker processes (N = all cores), driver included.

Throughput is documents and whitespace-separated words per second of
wall-clock time, excluding the one-off loading of the spaCy model (and, for
xN, the cluster start-up, reported separately). One-core runs are pinned to
one CPU; for them documents per CPU-second are given too, which other load on
a shared machine disturbs much less than wall-clock time. Prints a table
with the ratio full/bare (both ways) and writes every number as JSON
(default `out/bench/throughput.json`).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "BLIS_NUM_THREADS": "1"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def rss_mb() -> float:
    """Current resident memory of this process."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def corpus_texts(corpus: Path):
    for f in sorted(corpus.glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)["text"]


def corpus_words(corpus: Path) -> tuple[int, int]:
    docs = words = 0
    for t in corpus_texts(corpus):
        docs += 1
        words += len(t.split())
    return docs, words


# -- the measured tasks (each runs in its own process) ------------------------------------


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})


def task_bare(corpus: Path, model: str, batch_size: int) -> dict:
    pin_one_core()
    from dragoman.pipeline import Pipeline

    t0 = time.perf_counter()
    pipe = Pipeline(model, batch_size=batch_size)  # the same object `full` uses, so the same components
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    n = tokens = 0
    for doc in pipe.nlp.pipe(corpus_texts(corpus), batch_size=batch_size):
        n += 1
        tokens += len(doc)
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0,
            "load_seconds": load, "docs": n, "tokens": tokens,
            "peak_rss_mb": peak_rss_mb(), "pipe_names": pipe.nlp.pipe_names}


def task_full(corpus: Path, model: str, batch_size: int, profile: str | None = None) -> dict:
    pin_one_core()
    from dragoman.batch import remerge, run_ingest
    from dragoman.pipeline import Pipeline
    from dragoman.records import Document
    from dragoman.store import open_store

    total, _ = corpus_words(corpus)
    every = max(1, total // 5)
    t0 = time.perf_counter()
    pipe = Pipeline(model, batch_size=batch_size)
    load = time.perf_counter() - t0
    rss_at: dict[int, float] = {0: rss_mb()}
    seen = 0

    def sample(item: object) -> None:  # resident memory after every fifth of the corpus
        nonlocal seen
        if isinstance(item, Document):
            seen += 1
            if seen % every == 0:
                rss_at[seen] = rss_mb()

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.duckdb"))
        t0, c0 = time.perf_counter(), time.process_time()
        if profile:
            import cProfile

            prof = cProfile.Profile()
            prof.enable()
        report = run_ingest([str(corpus)], store, pipe, progress=sample, merge=False)
        t_merge = time.perf_counter()
        remerge(store)
        merge_seconds = time.perf_counter() - t_merge
        if profile:
            prof.disable()
            prof.dump_stats(profile)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        stats = store.stats()
        store.close()
    return {"seconds": seconds, "cpu_seconds": cpu, "load_seconds": load, "merge_seconds": merge_seconds,
            "docs": report.stored + report.skipped, "stored": report.stored, "mentions": report.mentions,
            "near_duplicates": report.near_duplicates, "events": stats["events"], "errors": len(report.errors),
            "peak_rss_mb": peak_rss_mb(), "rss_mb_after_docs": rss_at, "rss_mb_after_merge": rss_mb()}


def task_parallel(corpus: Path, model: str, batch_size: int, workers: int) -> dict:
    from distributed import Client

    from dragoman.distributed import local_cluster, run_distributed, warm_up

    t0 = time.perf_counter()
    cluster = local_cluster(workers)  # the same cluster `dragoman ingest --workers N` starts
    client = Client(cluster)
    client.run(warm_up, model, (), batch_size)  # every worker loads the model before the clock starts
    startup = time.perf_counter() - t0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            report = run_distributed([str(corpus)], str(Path(tmp) / "bench.duckdb"), model, (), None,
                                     client=client, batch_size=batch_size)
            seconds = time.perf_counter() - t0
        worker_rss = client.run(peak_rss_mb)
    finally:
        client.close()
        cluster.close()
    return {"seconds": seconds, "load_seconds": startup, "docs": report.stored + report.skipped,
            "stored": report.stored, "mentions": report.mentions, "errors": len(report.errors),
            "peak_rss_mb": peak_rss_mb(), "worker_peak_rss_mb": sorted(worker_rss.values()), "workers": workers}


TASKS = {"bare": task_bare, "full": task_full, "parallel": task_parallel}


def run_task(name: str, corpus: Path, args: argparse.Namespace, **extra: object) -> dict:
    """Run one task in a fresh interpreter and return its JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--task", name, "--corpus", str(corpus),
           "--model", args.model, "--batch-size", str(args.batch_size)]
    for k, v in extra.items():
        cmd += [f"--{k.replace('_', '-')}", str(v)]
    env = {**os.environ, **ONE_THREAD}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"task {name} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def ensure_corpus(path: Path, n: int, seed: int) -> Path:
    from generate import write_corpus

    marker = path / ".complete"
    if not marker.exists():
        write_corpus(path, n, seed)
        marker.write_text(str(n))
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    ap.add_argument("--no-parallel", action="store_true", help="skip the all-cores run")
    ap.add_argument("--work", default=str(ROOT / "out" / "bench"), help="where corpora and results go")
    ap.add_argument("--json", dest="json_out", default=None, help="results file (default WORK/throughput.json)")
    ap.add_argument("--profile", default=None, help="also write a cProfile of full x1 to this file")
    # internal: run one task and print its result
    ap.add_argument("--task", choices=sorted(TASKS), help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.task:
        corpus = Path(args.corpus)
        if args.task == "parallel":
            res = task_parallel(corpus, args.model, args.batch_size, args.workers)
        elif args.task == "full":
            res = task_full(corpus, args.model, args.batch_size, args.profile)
        else:
            res = task_bare(corpus, args.model, args.batch_size)
        print(json.dumps(res))
        return

    work = Path(args.work)
    corpus = ensure_corpus(work / f"corpus-{args.articles}-s{args.seed}", args.articles, args.seed)
    docs, words = corpus_words(corpus)
    print(f"corpus: {docs} articles, {words} words ({words / docs:.0f} per article), {corpus}")
    print(f"machine: {platform.processor() or platform.machine()}, {args.workers} cores; "
          f"Python {platform.python_version()}; model {args.model}; batch {args.batch_size}", flush=True)

    results: dict[str, dict] = {}
    print("running bare nlp.pipe, one core ...", flush=True)
    results["bare"] = run_task("bare", corpus, args)
    print("running full ingest+code, one core ...", flush=True)
    extra = {"profile": args.profile} if args.profile else {}
    results["full_1"] = run_task("full", corpus, args, **extra)
    if not args.no_parallel:
        print(f"running full ingest+code, {args.workers} workers ...", flush=True)
        results[f"full_{args.workers}"] = run_task("parallel", corpus, args, workers=args.workers)

    for r in results.values():
        r["docs_per_s"] = docs / r["seconds"]
        r["words_per_s"] = words / r["seconds"]
        if "cpu_seconds" in r:
            r["docs_per_cpu_s"] = docs / r["cpu_seconds"]
            r["words_per_cpu_s"] = words / r["cpu_seconds"]

    bare, full = results["bare"], results["full_1"]
    ratio = full["docs_per_s"] / bare["docs_per_s"]
    cpu_ratio = full["docs_per_cpu_s"] / bare["docs_per_cpu_s"]
    rows = [("bare nlp.pipe, 1 core", bare), ("full ingest+code, 1 core", full)]
    if not args.no_parallel:
        rows.append((f"full ingest+code, {args.workers} workers", results[f"full_{args.workers}"]))
    print()
    print(f"{'run':36} {'docs/s':>7} {'words/s':>8} {'docs/cpu-s':>10} {'seconds':>8} {'start-up s':>10} "
          f"{'peak RSS MB':>13}")
    for label, r in rows:
        rss = f"{r['peak_rss_mb']:.0f}"
        if "worker_peak_rss_mb" in r:
            rss += " +" + "+".join(f"{x:.0f}" for x in r["worker_peak_rss_mb"])
        per_cpu = f"{r['docs_per_cpu_s']:.1f}" if "docs_per_cpu_s" in r else "-"
        print(f"{label:36} {r['docs_per_s']:7.1f} {r['words_per_s']:8.0f} {per_cpu:>10} {r['seconds']:8.1f} "
              f"{r['load_seconds']:10.1f} {rss:>13}")
    print()
    print(f"full coding / bare spaCy, 1 core: {full['docs_per_s']:.1f} / {bare['docs_per_s']:.1f} docs/s "
          f"= {ratio:.1%} wall-clock; {cpu_ratio:.1%} by CPU time (target >= 75%)")
    if not args.no_parallel:
        par = results[f"full_{args.workers}"]
        print(f"speed-up with {args.workers} workers over 1 core: {par['docs_per_s'] / full['docs_per_s']:.2f}x")
    curve = ", ".join(f"{int(k)}: {v:.0f}" for k, v in sorted(full["rss_mb_after_docs"].items(), key=lambda kv: int(kv[0])))
    print(f"memory, full 1 core (MB resident after N documents): {curve}; after the event merge: "
          f"{full['rss_mb_after_merge']:.0f}; peak {full['peak_rss_mb']:.0f} (merge took {full['merge_seconds']:.1f}s)")
    print(f"mentions coded: {full['mentions']}, events after merge: {full['events']}, "
          f"near-duplicates linked: {full['near_duplicates']}")
    load1, load5, _ = os.getloadavg()
    print(f"load average at the end: {load1:.1f} (1 min), {load5:.1f} (5 min) on {os.cpu_count()} CPUs"
          + ("  -- other work was running: wall-clock figures are pessimistic" if load5 > 1.5 * (os.cpu_count() or 1) / 2 else ""))

    out = Path(args.json_out) if args.json_out else work / "throughput.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"corpus": {"docs": docs, "words": words, "path": str(corpus)},
                               "workers": args.workers, "model": args.model, "batch_size": args.batch_size,
                               "ratio_full_to_bare": ratio, "ratio_full_to_bare_cpu": cpu_ratio,
                               "loadavg": os.getloadavg(), "results": results}, indent=2))
    print(f"results written to {out}")


if __name__ == "__main__":
    main()
