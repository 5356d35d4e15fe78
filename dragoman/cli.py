"""The `dragoman` command line (typer + rich)."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .analysis.cli import network_cmd, plot_app, turning
from .config import Settings, load_settings
from .serve import serve
from .store import EventFilter, open_store

app = typer.Typer(help="Dragoman: political event data from news.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
actors_app = typer.Typer(help="The actor knowledge base.", no_args_is_help=True)
eval_app = typer.Typer(help="Accuracy on gold data.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
app.add_typer(eval_app, name="eval")
app.add_typer(plot_app, name="plot")
app.command("turning")(turning)
app.command("network")(network_cmd)
app.command("serve")(serve)
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DbOpt = typer.Option(None, "--db", help="DuckDB file or postgresql:// URL (default: dragoman.duckdb)")


def _db(db: Optional[str]) -> str:
    return db or load_settings().db


def _fallbacks(settings: Settings, similar: Optional[bool], learned: Optional[bool]) -> dict[str, bool]:
    """Which trigger fallbacks are on: the options when given, else the configuration."""
    return {"similar": settings.similar_triggers if similar is None else similar,
            "learned": settings.learned_triggers if learned is None else learned}


def _learned_model(settings: Settings, name: Optional[str]) -> str:
    """The learned model to load: the option when given, else the configuration; unknown names fail early."""
    from .events.learned import MODEL_FILES

    name = name or settings.learned_model
    if name not in MODEL_FILES:
        raise typer.BadParameter(f"unknown learned model {name!r}; choose from {', '.join(MODEL_FILES)}")
    return name


def _pipeline(model: Optional[str], actors: list[Path] = (), batch_size: int = 16, similar: Optional[bool] = None,
              learned: Optional[bool] = None, learned_model: Optional[str] = None):
    """The coding pipeline with the configured model, actor dictionaries and trigger fallback."""
    from .pipeline import Pipeline

    settings = load_settings()
    return Pipeline(model or settings.model, [*settings.actor_files, *map(str, actors)], batch_size,
                    **_fallbacks(settings, similar, learned), learned_model=_learned_model(settings, learned_model))


LearnedOpt = typer.Option(None, "--learned/--no-learned",
                          help="Small trained classifier for trigger words the lexicon misses (events/learned.py)")
LearnedModelOpt = typer.Option(None, "--learned-model",
                               help="Which learned model --learned loads: default, or minilm (MiniLM token vectors)")
SimilarOpt = typer.Option(None, "--similar/--no-similar",
                          help="Embedding fallback for trigger verbs the lexicon misses (needs the embed extra)")


def _count_inputs(paths: list[str]) -> int:
    n = 0
    for p in paths:
        path = Path(p)
        if path.is_dir():
            n += sum(1 for f in path.rglob("*") if f.is_file() and not any(part.startswith(".") for part in f.parts))
        else:
            n += 1
    return n


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders or URLs"),
    db: Optional[str] = DbOpt,
    model: Optional[str] = typer.Option(None, help="spaCy English pipeline name"),
    actors: list[Path] = typer.Option([], "--actors", help="Extra actor dictionary file(s)"),
    since: Optional[str] = typer.Option(None, help="Skip documents published before this date"),
    text_field: str = typer.Option("text", help="JSONL field with the article text"),
    date_field: str = typer.Option("published", help="JSONL field with the publication date"),
    url_field: str = typer.Option("url", help="JSONL field with the URL"),
    title_field: str = typer.Option("title", help="JSONL field with the title"),
    source_field: str = typer.Option("source", help="JSONL field with the outlet name"),
    encoding: Optional[str] = typer.Option(None, help="Read text files in this codec instead of strict UTF-8"),
    follow_links: bool = typer.Option(False, help="Feeds: fetch each entry's page (needs network)"),
    max_bytes: int = typer.Option(50_000_000, help="Files larger than this are reported, not read"),
    sources: list[Path] = typer.Option([], "--sources", help="Extra source registry file(s) (YAML)"),
    workers: int = typer.Option(1, help="Parallel worker processes on this machine"),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (tcp://host:8786)"),
    batch_size: int = typer.Option(16, help="Documents per spaCy batch"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="One line per document on stderr"),
    similar: Optional[bool] = SimilarOpt,
    learned: Optional[bool] = LearnedOpt,
    learned_model: Optional[str] = LearnedModelOpt,
) -> None:
    """Read articles, code their events and store them (re-running adds nothing twice)."""
    from .batch import run_ingest
    from .ingest import IngestError, IngestOptions
    from .pipeline import Pipeline

    settings = load_settings()
    opts = IngestOptions(
        since=dt.date.fromisoformat(since) if since else None, jsonl_text_field=text_field,
        jsonl_date_field=date_field, jsonl_url_field=url_field, jsonl_title_field=title_field,
        jsonl_source_field=source_field, encoding=encoding, follow_links=follow_links, max_bytes=max_bytes,
    )
    source_files = [*settings.source_files, *map(str, sources)]
    if source_files:
        from .ingest.sources import load_sources

        opts.sources = load_sources(source_files)
    if workers > 1 or scheduler:
        from .distributed import run_distributed

        fallbacks = [f"--{name}" for name, on in _fallbacks(settings, similar, learned).items() if on]
        if fallbacks:  # the workers build the stock pipeline: say so rather than code without them
            verb = "work" if len(fallbacks) > 1 else "works"
            raise typer.BadParameter(f"{' and '.join(fallbacks)} {verb} only without --workers/--scheduler")
        report = run_distributed(paths, _db(db), model or settings.model,
                                 [*settings.actor_files, *map(str, actors)], opts, workers, scheduler,
                                 batch_size=batch_size)
    else:
        pipe = _pipeline(model, actors, batch_size, similar, learned, learned_model)
        store = open_store(_db(db))
        total = _count_inputs(paths)
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=False) as bar:
            task = bar.add_task("coding", total=total or None)

            def tick(item: object) -> None:
                if isinstance(item, IngestError):
                    err.print(f"[red]error[/red] {item}")
                elif verbose:
                    print(f"done {item.path or item.url or item.doc_id}", file=sys.stderr, flush=True)
                bar.advance(task)

            report = run_ingest(paths, store, pipe, opts, progress=tick)
            bar.update(task, completed=bar.tasks[0].completed, total=bar.tasks[0].completed)
        store.close()
    console.print(
        f"stored {report.stored} documents ({report.mentions} event mentions), "
        f"{report.skipped} already stored, {report.near_duplicates} near-duplicates linked, "
        f"{len(report.errors)} errors"
    )
    if report.errors:
        raise typer.Exit(code=1)


def _filter(actor, dyad, since, until, code, modality, limit, directed=False) -> EventFilter:
    pair = None
    if dyad:
        parts = dyad.replace("-", ":").split(":")
        if len(parts) != 2 or not all(parts):
            raise typer.BadParameter("--dyad takes two actor codes like TUR:IRN")
        pair = (parts[0].upper(), parts[1].upper())
    return EventFilter(actor=actor.upper() if actor else None, dyad=pair, directed=directed, since=since,
                       until=until, code=code, modality=modality, limit=limit)


@app.command()
def events(
    db: Optional[str] = DbOpt,
    actor: Optional[str] = typer.Option(None, help="Actor code prefix on either side (TUR, TURGOV)"),
    dyad: Optional[str] = typer.Option(None, help="Two actor codes, e.g. TUR:IRN (either direction)"),
    directed: bool = typer.Option(False, help="With --dyad: only source:target in that order"),
    since: Optional[str] = typer.Option(None),
    until: Optional[str] = typer.Option(None),
    code: Optional[str] = typer.Option(None, help="CAMEO code prefix, e.g. 04 or 042"),
    modality: Optional[str] = typer.Option(None),
    limit: int = typer.Option(50),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table"),
) -> None:
    """List event mentions with their evidence."""
    store = open_store(_db(db))
    total, rows = store.mention_page(_filter(actor, dyad, since, until, code, modality, limit, directed))
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, default=str, ensure_ascii=False) + "\n")
        return
    t = Table("date", "source", "code", "target", "modality", "trigger", "evidence", show_lines=False)
    for r in rows:
        t.add_row(str(r["date"] or "?"), r["source_actor"] or "", f"{r['cameo_code']} {r['plover_type'] or ''}",
                  r["target_actor"] or "", r["modality"], r["trigger"], " ".join((r["sentence"] or "").split())[:100])
    console.print(t)
    console.print(f"{len(rows)} of {total} mentions")


@app.command()
def export(
    output: Path = typer.Option(..., "-o", "--output"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, parquet or gdelt"),
    db: Optional[str] = DbOpt,
    actor: Optional[str] = typer.Option(None),
    dyad: Optional[str] = typer.Option(None),
    since: Optional[str] = typer.Option(None),
    until: Optional[str] = typer.Option(None),
    code: Optional[str] = typer.Option(None),
) -> None:
    """Write event mentions in the export contract of DESIGN.md."""
    from .export import export as do_export

    store = open_store(_db(db))
    try:
        n = do_export(store, fmt, output, _filter(actor, dyad, since, until, code, None, None))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    console.print(f"wrote {n} mentions to {output}")


@app.command()
def dyad(
    a: str, b: str,
    db: Optional[str] = DbOpt,
    freq: str = typer.Option("month", help="day, week, month or year"),
    directed: bool = typer.Option(False),
    since: Optional[str] = typer.Option(None),
    until: Optional[str] = typer.Option(None),
    weighting: str = typer.Option("none", "--weight", help="none, mentions, reliability or both (see analysis.dyads)"),
) -> None:
    """Cooperation and conflict between two actors, period by period."""
    from .analysis.dyads import dyad_series

    store = open_store(_db(db))
    pts = dyad_series(store, a.upper(), b.upper(), freq, directed, since, until, weighting=weighting, event_ids=False)
    weighted = weighting != "none"
    t = Table("period", "events", "verbal coop", "material coop", "verbal confl", "material confl",
              "goldstein sum", "goldstein mean", "net coop", *(["weight", "w net coop"] if weighted else []))
    for p in pts:
        t.add_row(p.period, str(p.events), str(p.q1), str(p.q2), str(p.q3), str(p.q4), f"{p.goldstein_sum:.1f}",
                  f"{p.goldstein_mean:.2f}", f"{p.net_cooperation:+.2f}",
                  *([f"{p.weight:.1f}", f"{p.w_net_cooperation:+.2f}"] if weighted else []))
    console.print(t)
    if not pts:
        console.print(f"no asserted or reported events between {a.upper()} and {b.upper()}")


@app.command()
def errors(db: Optional[str] = DbOpt) -> None:
    """Files that could not be read, and why."""
    store = open_store(_db(db))
    rows = store.errors()
    for r in rows:
        console.print(f"{r['at']}  {r['path']}: {r['message']}")
    console.print(f"{len(rows)} errors")


@app.command()
def stats(db: Optional[str] = DbOpt) -> None:
    """How much is stored."""
    store = open_store(_db(db))
    for k, v in store.stats().items():
        console.print(f"{k:10} {v}")


@app.command()
def merge(db: Optional[str] = DbOpt) -> None:
    """Recompute events from stored mentions."""
    from .batch import remerge

    console.print(f"{remerge(open_store(_db(db)))} events")


@actors_app.command("lookup")
def actors_lookup(
    name: str,
    on: Optional[str] = typer.Option(None, "--on", help="Date (YYYY-MM-DD) the role should hold on"),
    actors: list[Path] = typer.Option([], "--actors", help="Extra actor dictionary file(s)"),
) -> None:
    """Show what a name resolves to, with the dated entry used."""
    from .actors.lookup import lookup

    settings = load_settings()
    day = dt.date.fromisoformat(on) if on else None
    results = lookup(name, day, (*settings.actor_files, *map(str, actors)))
    if not results:
        console.print(f"no actor matches {name!r}")
        raise typer.Exit(code=1)
    for r in results:
        console.print(r)


def main() -> None:  # pragma: no cover
    app()


def _print_scores(title: str, summary: dict) -> None:
    t = Table(title=title)
    t.add_column("measure")
    t.add_column("value")
    for k, v in summary.items():
        if isinstance(v, dict):
            v = ", ".join(f"{a}={b}" for a, b in v.items())
        t.add_row(k, str(v))
    console.print(t)


@eval_app.command("events")
def eval_events(
    gold: Path,
    model: Optional[str] = typer.Option(None),
    show_errors: int = typer.Option(0, help="Print this many mis-coded items"),
    as_json: bool = typer.Option(False, "--json"),
    similar: Optional[bool] = SimilarOpt,
    learned: Optional[bool] = LearnedOpt,
    learned_model: Optional[str] = LearnedModelOpt,
) -> None:
    """Precision, recall and F1 of event coding on a gold file (JSONL)."""
    from .eval.events import confusion_table, evaluate_events
    from .pipeline import Pipeline

    report = evaluate_events(gold, _pipeline(model, similar=similar, learned=learned,
                                                learned_model=learned_model))
    summary = report.summary()
    if as_json:
        console.print_json(json.dumps(summary))
        return
    _print_scores(f"event coding on {gold}", summary)
    labels, matrix = confusion_table(report)
    t = Table(title="root confusion (rows gold, columns predicted; -- = none)")
    t.add_column("")
    for lab in labels:
        t.add_column(lab, justify="right")
    for lab, row in zip(labels, matrix):
        t.add_row(lab, *[str(x) if x else "." for x in row])
    console.print(t)
    for e in report.errors[:show_errors]:
        console.print(f"[bold]{e['id']}[/bold] {e['text']}\n  gold: {e['gold']}\n  pred: {e['pred']}")


@eval_app.command("actors")
def eval_actors(gold: Path, model: Optional[str] = typer.Option(None), show_errors: int = typer.Option(0)) -> None:
    """Accuracy of actor resolution on a gold file (JSONL)."""
    from .eval.actors import evaluate_actors
    from .pipeline import Pipeline

    report = evaluate_actors(gold, _pipeline(model))
    _print_scores(f"actor resolution on {gold}", report.summary())
    for f in report.failures[:show_errors]:
        console.print(f"{f['id']}: {f['mention']!r} expected {f['expected']} got {f['got']}  | {f['text'][:100]}")


@eval_app.command("timex")
def eval_timex(gold: Path, show_errors: int = typer.Option(0)) -> None:
    """Exact-match accuracy of date grounding on a gold file (JSONL)."""
    from .eval.timex import evaluate_timex

    result = evaluate_timex(gold)
    failures = result.pop("failures", [])
    _print_scores(f"dates on {gold}", result)
    for f in failures[:show_errors]:
        console.print(f)


if __name__ == "__main__":  # pragma: no cover (after every command is registered)
    main()
