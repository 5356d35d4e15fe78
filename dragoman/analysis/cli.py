"""Command-line front ends of the analysis: turning points, networks, figures.

Wired into `dragoman.cli` as

    app.add_typer(plot_app, name="plot")      # dragoman plot dyad TUR RUS -o fig.png
                                              # dragoman plot network --at 2022-06 -o net.png
    app.command("turning")(turning)           # dragoman turning TUR ISR
    app.command("network")(network_cmd)       # dragoman network --at 2022-06

Weighting (`--weight none|mentions|reliability|both`) and every formula are
documented in `dragoman.analysis.dyads`, `turning` and `network`. Publisher
reliability comes from the source registry: the packaged list plus any
`source_files` in the settings.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

plot_app = typer.Typer(help="Figures: a dyad's series with turning points, the relation graph.",
                       no_args_is_help=True)
console = Console()

_DB_HELP = "DuckDB file or postgresql:// URL (default: dragoman.duckdb)"
_WEIGHT_HELP = "Event weights: none, mentions (1 + ln n), reliability (noisy-OR of publisher tiers) or both"
_METRIC_HELP = ("Series analysed: w_goldstein_mean (default), w_net_cooperation, w_goldstein_sum, events, "
                "conflict, cooperation, ... (w_ forms use --weight)")

# options shared by the network table and the network plot
AtOpt = Annotated[Optional[str], typer.Option("--at", help="Year, month or day: 2022, 2022-06, 2022-06-15")]
WindowOpt = Annotated[Optional[str], typer.Option(help="Trailing window ending with --at: 30d, 6w, 3m, 1y")]
SinceOpt = Annotated[Optional[str], typer.Option(help="Window start (instead of --at)")]
UntilOpt = Annotated[Optional[str], typer.Option(help="Window end (instead of --at)")]
DbOpt = Annotated[Optional[str], typer.Option("--db", help=_DB_HELP)]
LevelOpt = Annotated[str, typer.Option(help="Nodes are countries or actor codes (country | actor)")]
WeightOpt = Annotated[str, typer.Option("--weight", help=_WEIGHT_HELP)]
ActorOpt = Annotated[Optional[str], typer.Option(help="Only events touching this actor code prefix")]
DomesticOpt = Annotated[bool, typer.Option(help="Keep events inside one node")]


def _store(db: Optional[str]):
    from ..config import load_settings
    from ..store import open_store

    return open_store(db or load_settings().db)


def _reliability() -> dict[str, float] | None:
    """Publisher -> weight from the user's extra source files (the packaged registry is the default)."""
    from ..config import load_settings

    files = load_settings().source_files
    if not files:
        return None
    from ..ingest.sources import load_sources
    from .dyads import TIER_WEIGHT

    reg = load_sources(files)
    out: dict[str, float] = {}
    for s in reg:
        for name in (s.name, *s.aliases):
            out[name] = TIER_WEIGHT.get(s.reliability, TIER_WEIGHT[3])
    return out


def _check(freq: str, weighting: str) -> None:
    from .dyads import FREQS, WEIGHTINGS

    if freq not in FREQS:
        raise typer.BadParameter(f"--freq takes one of {', '.join(FREQS)}, not {freq!r}")
    if weighting not in WEIGHTINGS:
        raise typer.BadParameter(f"--weight takes one of {', '.join(WEIGHTINGS)}, not {weighting!r}")


def _analysis(db, a, b, freq, directed, since, until, metric, weighting, penalty, alpha, drivers):
    from .turning import METRICS, turning_points

    _check(freq, weighting)
    if metric and metric not in METRICS:
        raise typer.BadParameter(f"--metric takes one of {', '.join(METRICS)}, not {metric!r}")
    store = _store(db)
    try:
        return turning_points(store, a.upper(), b.upper(), freq, directed, since, until, metric=metric,
                              weighting=weighting, reliability=_reliability(), penalty=penalty, alpha=alpha,
                              drivers=drivers)
    finally:
        store.close()


def _graph(db, at, window, since, until, level, weighting, directed, actor, include_domestic):
    from .network import relation_graph

    _check("month", weighting)
    if not at and not (since or until):
        raise typer.BadParameter("give --at (2022, 2022-06 or 2022-06-15) or --since/--until")
    store = _store(db)
    try:
        return relation_graph(store, at, window, since=since, until=until, level=level, weighting=weighting,
                              reliability=_reliability(), directed=directed, include_domestic=include_domestic,
                              actor=actor.upper() if actor else None)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    finally:
        store.close()


# --------------------------------------------------------------------------- turning
def turning(
    a: str = typer.Argument(..., help="Actor code prefix, e.g. TUR"),
    b: str = typer.Argument(..., help="Actor code prefix, e.g. ISR"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    freq: str = typer.Option("month", help="day, week, month or year"),
    directed: bool = typer.Option(False, help="Only events with A as source and B as target"),
    since: Optional[str] = typer.Option(None),
    until: Optional[str] = typer.Option(None),
    metric: Optional[str] = typer.Option(None, help=_METRIC_HELP),
    weighting: str = typer.Option("none", "--weight", help=_WEIGHT_HELP),
    penalty: Optional[float] = typer.Option(None, help="PELT penalty (default 2·σ²·ln n, σ robust noise)"),
    alpha: float = typer.Option(0.05, help="Welch-test level a change point must pass"),
    drivers: int = typer.Option(5, help="Driving events to show per turning point"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object instead of tables"),
) -> None:
    """Significant shifts in a dyad's relationship, with the events that drove them."""
    res = _analysis(db, a, b, freq, directed, since, until, metric, weighting, penalty, alpha, drivers)
    if as_json:
        out = res.to_dict()
        out.pop("series")
        out.pop("events")
        sys.stdout.write(json.dumps(out, default=str, ensure_ascii=False) + "\n")
        return
    arrow = "→" if directed else "–"
    n_periods = sum(1 for p in res.series if p.events)
    console.print(
        f"[bold]{res.a} {arrow} {res.b}[/bold]: {sum(p.events for p in res.series)} events in {n_periods} "
        f"{freq}s, metric {res.metric}, weighting {res.weighting}; "
        f"{len(res.turning_points)} turning point(s) from {res.candidates} candidate change point(s)"
        + (f", penalty {res.penalty:g}" if res.penalty is not None else "")
    )
    if not res.turning_points:
        console.print("no significant turning point" if res.series else
                      f"no asserted or reported events between {res.a} and {res.b}")
        return
    for t in res.turning_points:
        d = t.direction
        worse = d == "toward conflict" or (d.startswith("more") and "conflict" in d) or \
            (d.startswith("less") and "cooperation" in d)
        colour = "red" if worse else "green"
        console.print(
            f"\n[bold {colour}]{t.period}[/bold {colour}]  {t.direction}: mean {t.before_mean:+.2f} → "
            f"{t.after_mean:+.2f} (Δ {t.delta:+.2f}, p={t.p_value:.2g}); before {t.before[0]}..{t.before[1]}, "
            f"after {t.after[0]}..{t.after[1]}"
        )
        if not t.drivers:
            console.print("  no driving events")
            continue
        tab = Table("date", "source", "code", "target", "goldstein", "weight", "mentions", "publishers", "evidence",
                    title=f"events that drove the {t.period} turn", title_justify="left")
        for e in t.drivers:
            tab.add_row(e.date, e.source_actor or "", e.cameo_code or "", e.target_actor or "",
                        f"{e.goldstein:+.1f}", f"{e.weight:.2f}", str(e.mentions),
                        ", ".join(s for s in e.sources if not s.startswith("doc:")) or "-",
                        (e.sentence or "")[:80])
        console.print(tab)


# --------------------------------------------------------------------------- network (text)
def network_cmd(
    at: AtOpt = None,
    window: WindowOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
    level: LevelOpt = "country",
    weighting: WeightOpt = "none",
    directed: bool = typer.Option(False, help="Keep source → target directions"),
    actor: ActorOpt = None,
    include_domestic: DomesticOpt = False,
    top: int = typer.Option(20, help="Rows to show per table"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object instead of tables"),
) -> None:
    """The relation graph at a date or window: signed edges, unbalanced triads, centrality."""
    from .network import balance_summary, centrality, edge_table, unbalanced_triads

    G = _graph(db, at, window, since, until, level, weighting, directed, actor, include_domestic)
    edges, bad, cent, bal = edge_table(G), unbalanced_triads(G), centrality(G), balance_summary(G)
    if as_json:
        out: dict[str, Any] = {"window": {"since": G.graph["since"], "until": G.graph["until"]}, "edges": edges,
                               "unbalanced_triads": [t.to_dict() for t in bad], "balance": bal,
                               "centrality": cent}
        sys.stdout.write(json.dumps(out, default=str, ensure_ascii=False) + "\n")
        return
    console.print(f"[bold]relations {G.graph['since']} to {G.graph['until']}[/bold]: "
                  f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges (weighting {weighting})")
    if not edges:
        console.print("no events in this window")
        return
    arrow = "→" if directed else "–"
    t = Table("a", "", "b", "sign", "events", "coop", "conflict", "goldstein sum", "mean", "net coop",
              title="edges (strongest first)", title_justify="left")
    for e in edges[:top]:
        sign = "[green]+[/green]" if e["sign"] > 0 else "[red]-[/red]" if e["sign"] < 0 else "0"
        t.add_row(str(e["a"]), arrow, str(e["b"]), sign, str(e["events"]), f"{e['cooperation']:.1f}",
                  f"{e['conflict']:.1f}", f"{e['goldstein']:+.1f}", f"{e['goldstein_mean']:+.2f}",
                  f"{e['net_cooperation']:+.2f}")
    console.print(t)
    if bal["triads"]:
        console.print(f"structural balance: {bal['balanced']} of {bal['triads']} signed triads balanced "
                      f"(ratio {bal['balance_ratio']}); {len(bad)} unbalanced")
        for tr in bad[:top]:
            console.print(f"  [yellow]unbalanced[/yellow] {' · '.join(map(str, tr.nodes))}  ({tr.pattern})")
    else:
        console.print("structural balance: no signed triads")
    c = Table("node", "degree", "strength", "positive", "negative", "betweenness", "eigenvector",
              title="centrality", title_justify="left")
    for r in cent[:top]:
        c.add_row(str(r["node"]), str(r["degree"]), f"{r['strength']:.1f}", f"{r['positive']:.1f}",
                  f"{r['negative']:.1f}", f"{r['betweenness']:.3f}", f"{r['eigenvector']:.3f}")
    console.print(c)


# --------------------------------------------------------------------------- plots
@plot_app.command("dyad")
def plot_dyad_cmd(
    a: str = typer.Argument(..., help="Actor code prefix, e.g. TUR"),
    b: str = typer.Argument(..., help="Actor code prefix, e.g. RUS"),
    output: Path = typer.Option(..., "-o", "--output", help="Image file (.png, .svg, .pdf)"),
    db: Optional[str] = typer.Option(None, "--db", help=_DB_HELP),
    freq: str = typer.Option("month", help="day, week, month or year"),
    directed: bool = typer.Option(False, help="Only events with A as source and B as target"),
    since: Optional[str] = typer.Option(None),
    until: Optional[str] = typer.Option(None),
    metric: Optional[str] = typer.Option(None, help=_METRIC_HELP),
    weighting: str = typer.Option("none", "--weight", help=_WEIGHT_HELP),
    penalty: Optional[float] = typer.Option(None, help="PELT penalty (default 2·σ²·ln n)"),
    alpha: float = typer.Option(0.05, help="Welch-test level a change point must pass"),
    title: Optional[str] = typer.Option(None, help="Figure title"),
) -> None:
    """Time series of a dyad with its turning points marked."""
    from .plots import plot_dyad

    res = _analysis(db, a, b, freq, directed, since, until, metric, weighting, penalty, alpha, 5)
    plot_dyad(res, output, title)
    console.print(f"wrote {output} ({sum(p.events for p in res.series)} events, "
                  f"{len(res.turning_points)} turning point(s))")


@plot_app.command("network")
def plot_network_cmd(
    output: Path = typer.Option(..., "-o", "--output", help="Image file (.png, .svg, .pdf)"),
    at: AtOpt = None,
    window: WindowOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
    level: LevelOpt = "country",
    weighting: WeightOpt = "none",
    directed: bool = typer.Option(False, help="Draw source → target arrows"),
    actor: ActorOpt = None,
    include_domestic: DomesticOpt = False,
    title: Optional[str] = typer.Option(None, help="Figure title"),
) -> None:
    """The relation graph: green cooperation, red conflict, width by strength."""
    from .plots import plot_network

    G = _graph(db, at, window, since, until, level, weighting, directed, actor, include_domestic)
    plot_network(G, output, title)
    console.print(f"wrote {output} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
