"""Figures: a dyad's series with its turning points, and the relation graph.

Both write PNG (or any format matplotlib infers from the file name) with the
non-interactive Agg backend, so they work on servers without a display.

`plot_dyad` draws two panels sharing a date axis:

* top — the analysed metric per period (default: mean Goldstein score,
  -10 conflict .. +10 cooperation) as a line with markers (dotted across
  periods without events, where a mean is undefined), the zero line,
  the mean of each segment between turning points as a dashed step, and
  each turning point as a vertical line labelled with its period, direction,
  the change in the segment mean and its p-value;
* bottom — events per period stacked by QuadClass (verbal/material
  cooperation in greens, verbal/material conflict in oranges/reds).

`plot_network` draws the signed relation graph: node labels, node size by
strength (sum of |weighted Goldstein sum| over its edges), edges green for
cooperation (sign +) and red for conflict (sign -), edge width proportional
to |weighted Goldstein sum|, edges of unbalanced triads dashed, and a
legend explaining colour, width and dashes.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from .dyads import period_start  # noqa: E402

QUAD_COLORS = {1: "#8fd19e", 2: "#2e8b57", 3: "#f4a261", 4: "#c0392b"}
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
COOP_COLOR, CONFLICT_COLOR, NEUTRAL_COLOR = "#2e7d32", "#c62828", "#9e9e9e"
METRIC_LABELS = {
    "goldstein_mean": "mean Goldstein score",
    "w_goldstein_mean": "mean Goldstein score",
    "goldstein_sum": "summed Goldstein score",
    "w_goldstein_sum": "summed Goldstein score",
    "net_cooperation": "net cooperation index",
    "w_net_cooperation": "net cooperation index",
    "events": "events",
    "mentions": "mentions",
    "weight": "weighted events",
    "cooperation": "cooperative events",
    "w_cooperation": "cooperative events",
    "conflict": "conflictual events",
    "w_conflict": "conflictual events",
}
_FREQ_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_FREQ_WORD = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}


def _metric_label(metric: str, weighting: str) -> str:
    base = METRIC_LABELS.get(metric, metric)
    if metric.startswith("w_") and weighting != "none":
        base += f" (weighted by {weighting if weighting != 'both' else 'mentions × reliability'})"
    return base


def plot_dyad(analysis: Any, output: str | Path, title: str | None = None, dpi: int = 130) -> Path:
    """Draw a `turning.TurningAnalysis` (series, turning points, QuadClass counts) to `output`."""
    series = analysis.series
    metric, freq = analysis.metric, analysis.freq
    fig, (ax, axb) = plt.subplots(2, 1, figsize=(12, 7.5), sharex=True,
                                  gridspec_kw={"height_ratios": [2.2, 1], "hspace": 0.08})
    mode = "directed" if analysis.directed else "undirected"
    arrow = "→" if analysis.directed else "–"
    fig.suptitle(title or f"{analysis.a} {arrow} {analysis.b}: {_metric_label(metric, analysis.weighting)}, "
                 f"{_FREQ_WORD.get(freq, freq)} ({mode})", fontsize=14, fontweight="bold")
    if not series:
        ax.text(0.5, 0.5, "no asserted or reported events", ha="center", va="center", transform=ax.transAxes,
                fontsize=13, color="#555")
        ax.set_xticks([])
        ax.set_yticks([])
        axb.set_visible(False)
        fig.savefig(output, dpi=dpi, bbox_inches="tight")
        plt.close(fig)
        return Path(output)

    dates = [period_start(p.period) for p in series]
    vals = [getattr(p, metric) for p in series]
    obs = [(d, v) for d, v in zip(dates, vals) if v is not None and not (isinstance(v, float) and math.isnan(v))]
    if obs:
        xs, ys = zip(*obs)
        # solid between consecutive periods, dotted across periods without events
        ax.plot(xs, ys, color="#37474f", lw=1.0, alpha=0.35, ls=":", zorder=2)
        solid = [float("nan") if v is None else float(v) for v in vals]
        ax.plot(dates, solid, color="#37474f", lw=1.3, alpha=0.6, zorder=2)
        ax.scatter(xs, ys, c=[COOP_COLOR if y > 0 else CONFLICT_COLOR if y < 0 else NEUTRAL_COLOR for y in ys],
                   s=22, zorder=3, edgecolors="white", linewidths=0.5)
    ax.axhline(0, color="#555", lw=0.8, zorder=1)
    if metric in ("goldstein_mean", "w_goldstein_mean"):
        ax.set_ylim(-10.5, 10.5)
        ax.axhspan(0, 10.5, color=COOP_COLOR, alpha=0.04, zorder=0)
        ax.axhspan(-10.5, 0, color=CONFLICT_COLOR, alpha=0.04, zorder=0)
    elif metric in ("net_cooperation", "w_net_cooperation"):
        ax.set_ylim(-1.08, 1.08)
        ax.axhspan(0, 1.08, color=COOP_COLOR, alpha=0.04, zorder=0)
        ax.axhspan(-1.08, 0, color=CONFLICT_COLOR, alpha=0.04, zorder=0)
    ax.set_ylabel(_metric_label(metric, "none").replace(" (", "\n("), fontsize=11)

    # segment means between turning points
    tps = sorted(analysis.turning_points, key=lambda t: t.date)
    period_len = _FREQ_DAYS.get(freq, 30)
    import datetime as dt

    end_date = dates[-1] + dt.timedelta(days=period_len)
    cuts = [dates[0]] + [period_start(t.period) for t in tps] + [end_date]
    seg_means = [tps[0].before_mean] + [t.after_mean for t in tps] if tps else []
    if not tps and obs:
        seg_means = [sum(ys) / len(ys)]
    for i, m in enumerate(seg_means):
        ax.hlines(m, cuts[i], cuts[i + 1], colors="#1565c0", linestyles="--", lw=1.6, zorder=4,
                  label="segment mean" if i == 0 else None)
    ymin, ymax = ax.get_ylim()
    for k, t in enumerate(tps):
        x = period_start(t.period)
        for a in (ax, axb):
            a.axvline(x, color="#6a1b9a", lw=1.6, ls=":", zorder=5)
        sign = "▼" if t.delta < 0 else "▲"
        label = (f"{sign} turning point {t.period}\n{t.direction}\n"
                 f"mean {t.before_mean:+.1f} → {t.after_mean:+.1f}  (p={t.p_value:.2g})")
        y = ymax - (ymax - ymin) * (0.04 + 0.2 * (k % 2))
        span = (end_date - dates[0]).days or 1
        right_side = (x - dates[0]).days / span < 0.7
        ax.annotate(label, xy=(x, y), xytext=(6 if right_side else -6, 0), textcoords="offset points",
                    ha="left" if right_side else "right", va="top", fontsize=9, color="#4a148c",
                    bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#6a1b9a", "alpha": 0.9}, zorder=6)
    handles = [Line2D([], [], color="#37474f", marker="o", markersize=5, lw=1.3,
                      label=_metric_label(metric, analysis.weighting))]
    if obs and any(p.events == 0 for p in series):
        handles.append(Line2D([], [], color="#37474f", lw=1.0, ls=":", alpha=0.6, label="across periods without events"))
    if seg_means:
        handles.append(Line2D([], [], color="#1565c0", ls="--", lw=1.6,
                              label="segment mean" if tps else "mean (no turning point)"))
    if tps:
        handles.append(Line2D([], [], color="#6a1b9a", ls=":", lw=1.6, label="turning point (PELT + Welch test)"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=len(handles), fontsize=9,
              frameon=False, borderaxespad=0.2)
    ax.grid(True, axis="y", alpha=0.3)

    # QuadClass counts
    width = max(1.0, period_len * 0.8)
    bottom = [0] * len(series)
    for q in (1, 2, 3, 4):
        h = [getattr(p, f"q{q}") for p in series]
        axb.bar(dates, h, width=width, bottom=bottom, color=QUAD_COLORS[q], label=QUAD_LABELS[q], align="edge",
                edgecolor="white", linewidth=0.3)
        bottom = [b + x for b, x in zip(bottom, h)]
    axb.set_ylabel("events per period\nby QuadClass", fontsize=11)
    axb.legend(loc="upper left", fontsize=8, ncol=4, framealpha=0.9, title="QuadClass", title_fontsize=8,
               alignment="left")
    axb.set_ylim(0, max(bottom or [1]) * 1.45 + 0.5)
    axb.grid(True, axis="y", alpha=0.3)
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)
    axb.xaxis.set_major_locator(locator)
    axb.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axb.set_xlabel("date (period start)", fontsize=11)
    axb.set_xlim(dates[0] - dt.timedelta(days=period_len * 0.5), end_date + dt.timedelta(days=period_len * 0.5))
    fig.savefig(output, dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return Path(output)


def plot_network(G: Any, output: str | Path, title: str | None = None, dpi: int = 130, seed: int = 3) -> Path:
    """Draw a signed relation graph (`network.relation_graph`) to `output`."""
    import networkx as nx

    from .network import unbalanced_triads

    fig, ax = plt.subplots(figsize=(13, 8))
    g = G.graph
    window = f"{g.get('since')} to {g.get('until')}" if g.get("since") else "all dates"
    fig.suptitle(title or f"Relations {('at ' + g['at']) if g.get('at') else ''} ({window})".replace("  ", " "),
                 fontsize=14, fontweight="bold")
    ax.set_axis_off()
    if G.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no events in this window", ha="center", va="center", transform=ax.transAxes,
                fontsize=13, color="#555")
        fig.savefig(output, dpi=dpi, bbox_inches="tight")
        plt.close(fig)
        return Path(output)

    H = G.to_undirected() if G.is_directed() else G
    # layout: attraction by tie strength, cooperative ties pull harder than hostile ones; weak links
    # between every pair keep separate components (and isolated dyads) on one readable canvas
    L = nx.complete_graph(list(H.nodes)) if H.number_of_nodes() <= 60 else nx.Graph(H)
    nx.set_edge_attributes(L, 0.04, "w")
    wmax = max((d.get("weight", 0.0) for _, _, d in H.edges(data=True)), default=1.0) or 1.0
    for u, v, d in H.edges(data=True):
        strength = 0.3 + d.get("weight", 0.0) / wmax
        L.add_edge(u, v, w=strength * (1.0 if d.get("sign", 0) >= 0 else 0.35))
    n = L.number_of_nodes()
    if n <= 3:
        pos = nx.circular_layout(L)
    else:
        pos = nx.spring_layout(L, weight="w", seed=seed, k=1.6 / math.sqrt(n), iterations=300)

    unbalanced_edges: set[frozenset] = set()
    bad = unbalanced_triads(G)
    for t in bad:
        a, b, c = t.nodes
        unbalanced_edges |= {frozenset((a, b)), frozenset((a, c)), frozenset((b, c))}

    strength = {node: 0.0 for node in G.nodes}
    for u, v, d in G.edges(data=True):
        strength[u] += d.get("weight", 0.0)
        strength[v] += d.get("weight", 0.0)
    smax = max(strength.values()) or 1.0
    base = 700 if max((len(str(node)) for node in G.nodes), default=3) <= 4 else 1100
    sizes = [base + 2300 * strength[node] / smax for node in G.nodes]
    def width(d: dict) -> float:
        return 1.0 + 7.0 * d.get("weight", 0.0) / wmax

    for u, v, d in G.edges(data=True):
        color = COOP_COLOR if d.get("sign", 0) > 0 else CONFLICT_COLOR if d.get("sign", 0) < 0 else NEUTRAL_COLOR
        style = "dashed" if frozenset((u, v)) in unbalanced_edges else "solid"
        kw: dict[str, Any] = {}
        if G.is_directed():
            kw = {"arrows": True, "arrowstyle": "-|>", "arrowsize": 18, "connectionstyle": "arc3,rad=0.12",
                  "node_size": sizes[list(G.nodes).index(v)]}
        nx.draw_networkx_edges(G, pos, edgelist=[(u, v)], ax=ax, width=width(d), edge_color=color, style=style,
                               alpha=0.85, **kw)
    nodes = nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color="#eceff1", edgecolors="#37474f",
                                   linewidths=1.5)
    nodes.set_zorder(3)
    longest = max((len(str(node)) for node in G.nodes), default=3)
    font = 11 if longest <= 4 else 9 if longest <= 7 else 8
    for text in nx.draw_networkx_labels(G, pos, ax=ax, font_size=font, font_weight="bold").values():
        text.set_zorder(4)
    edge_labels = {(u, v): f"{d.get('goldstein', 0):+.0f} ({d.get('events', 0)})" for u, v, d in G.edges(data=True)}
    if not G.is_directed():
        nx.draw_networkx_edge_labels(G, pos, edge_labels=edge_labels, ax=ax, font_size=8, font_color="#263238",
                                     bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    handles = [
        Line2D([], [], color=COOP_COLOR, lw=4, label="cooperation (weighted Goldstein sum > 0)"),
        Line2D([], [], color=CONFLICT_COLOR, lw=4, label="conflict (weighted Goldstein sum < 0)"),
        Line2D([], [], color="#555", lw=width({"weight": wmax * 0.1}), label=f"width: |sum| = {wmax * 0.1:.1f}"),
        Line2D([], [], color="#555", lw=width({"weight": wmax * 0.5}), label=f"width: |sum| = {wmax * 0.5:.1f}"),
        Line2D([], [], color="#555", lw=width({"weight": wmax}), label=f"width: |sum| = {wmax:.1f}"),
    ]
    if G.is_directed():
        handles.append(Line2D([], [], color="#555", lw=2, marker=">", markersize=8, markevery=[1],
                              label="arrow: source → target"))
    if bad:
        handles.append(Line2D([], [], color="#555", lw=2, ls="--", label="edge of an unbalanced triad"))
    handles.append(Patch(facecolor="#eceff1", edgecolor="#37474f", label="node size: tie strength"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, framealpha=0.95,
              title=None if G.is_directed() else "edge label: weighted Goldstein sum (events)", title_fontsize=9,
              borderpad=0.8, labelspacing=0.9)
    note = [f"{len(bad)} unbalanced triad(s)" if bad else "all triads balanced"]
    for t in bad[:6]:
        note.append(f"  {' · '.join(t.nodes)}  ({t.pattern})")
    ax.text(1.01, 0.0, "\n".join(note), transform=ax.transAxes, ha="left", va="bottom", fontsize=9,
            family="monospace", bbox={"boxstyle": "round,pad=0.4", "fc": "#fff8e1", "ec": "#ffb300"})
    ax.margins(0.12)
    fig.savefig(output, dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return Path(output)
