"""The relation graph at a date or over a window: who cooperates, who fights.

Graph
-----
`relation_graph` builds a `networkx.Graph` (or `DiGraph` with
`directed=True`) from the events dated in the window (counted as in
`dyads`: asserted/reported mentions only, one event per merged event, each
with its weight `w_e` from the chosen `weighting` — none, mentions,
reliability or both; see `dragoman.analysis.dyads`).

Nodes are countries (`level="country"`: an actor's country, or its code when
it has none, e.g. `IGONAT`) or actor codes (`level="actor"`: `TURGOV`,
`TURMIL` apart). Events inside one node (domestic events) are left out
unless `include_domestic=True`. For the events `E_uv` between u and v (both
directions in the undirected graph) an edge carries

* `events = |E_uv|`, `cooperation = sum of w_e over QuadClass 1-2`,
  `conflict = sum of w_e over QuadClass 3-4`
* `goldstein = sum w_e g_e` (weighted Goldstein sum) and
  `goldstein_mean = goldstein / sum w_e`
* `net_cooperation = (cooperation - conflict) / (cooperation + conflict)`
* `sign = +1` if `goldstein > 0`, `-1` if `< 0`, `0` if the two balance out
* `weight = |goldstein|` (tie strength, used for widths and centrality) and
  `distance = 1 / weight` (strong ties are short, for betweenness).

Windows
-------
`at` names a year `2022`, month `2022-06` or day `2022-06-15`; without
`window` the graph covers that period. `window` (`30d`, `6w`, `3m`, `1y`)
makes it the trailing window of that length ending on the last day of
`at`. `since`/`until` give the window explicitly instead.
Events dated less precisely than the window allows are left out: windows
shorter than 28 days take day-precision events only, shorter than a year
also month-precision ones, longer windows also year-precision ones.

Structural balance
------------------
A triad (triangle u, v, w with all three edges signed) is *balanced* in
Heider's sense when the product of its signs is positive: `+++` (friends of
friends) and `+--` (a common enemy). `++-` is unbalanced (two of my friends
are enemies); `---` is unbalanced in the strong sense but balanced in
Davis's weak sense (three mutually hostile camps), reported with
`weak_balanced=True`. Balance ratio = balanced triads / all signed triads.

Centrality
----------
Per node: `degree` (neighbours), `degree_centrality = degree / (n - 1)`,
`strength = sum of weight` over its edges, `positive`/`negative` = sum of
weight over its cooperative/conflictual edges, `betweenness` (shortest
paths by `distance`, normalised, `networkx.betweenness_centrality`) and
`eigenvector` (`networkx.eigenvector_centrality_numpy` on `weight`; 0 when
undefined, e.g. no edges).
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from ..store import EventFilter
from .dyads import DyadEvent, dyad_events


# --------------------------------------------------------------------------- windows
def _month_end(d: dt.date) -> dt.date:
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def period_bounds(at: str) -> tuple[dt.date, dt.date]:
    """First and last day of `2022`, `2022-06` or `2022-06-15`."""
    at = at.strip()
    if re.fullmatch(r"\d{4}", at):
        return dt.date(int(at), 1, 1), dt.date(int(at), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", at):
        first = dt.date(int(at[:4]), int(at[5:]), 1)
        return first, _month_end(first)
    try:
        d = dt.date.fromisoformat(at[:10])
    except ValueError:
        raise ValueError(f"--at takes YYYY, YYYY-MM or YYYY-MM-DD, not {at!r}") from None
    return d, d


def window_bounds(at: str | None = None, window: str | None = None, since: str | None = None,
                  until: str | None = None) -> tuple[str | None, str | None]:
    """The (since, until) ISO dates of a graph window (see the module docstring)."""
    if at is None:
        return since, until
    first, last = period_bounds(at)
    if window:
        m = re.fullmatch(r"\s*(\d+)\s*([dwmy])\s*", window.lower())
        if not m:
            raise ValueError(f"window takes a length like 30d, 6w, 3m or 1y, not {window!r}")
        n, unit = int(m.group(1)), m.group(2)
        if unit == "d":
            first = last - dt.timedelta(days=n - 1)
        elif unit == "w":
            first = last - dt.timedelta(days=7 * n - 1)
        elif unit == "m":
            first = _add_months(last.replace(day=1), -(n - 1))
        else:
            first = _add_months(last.replace(day=1), -(12 * n - 1))
    return first.isoformat(), last.isoformat()


def _freq_for(since: str | None, until: str | None) -> str:
    if not since or not until:
        return "year"
    days = (dt.date.fromisoformat(until[:10]) - dt.date.fromisoformat(since[:10])).days + 1
    return "day" if days < 28 else "month" if days < 365 else "year"


# --------------------------------------------------------------------------- graph
def _node(e: DyadEvent, side: str, level: str) -> str | None:
    actor = e.source_actor if side == "source" else e.target_actor
    if level == "actor":
        return actor
    country = e.source_country if side == "source" else e.target_country
    return country or actor


def graph_from_events(events: Iterable[DyadEvent], level: str = "country", directed: bool = False,
                      include_domestic: bool = False) -> nx.Graph:
    """The signed, weighted relation graph of some events (attributes in the module docstring)."""
    if level not in ("country", "actor"):
        raise ValueError("level is 'country' or 'actor'")
    G: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    acc: dict[tuple[str, str], dict[str, Any]] = {}
    for e in events:
        u, v = _node(e, "source", level), _node(e, "target", level)
        if not u or not v or (u == v and not include_domestic):
            continue
        key = (u, v) if directed else tuple(sorted((u, v)))
        a = acc.setdefault(key, {"events": 0, "w": 0.0, "cooperation": 0.0, "conflict": 0.0, "goldstein": 0.0,
                                 "event_ids": []})
        a["events"] += 1
        a["w"] += e.weight
        a["goldstein"] += e.weight * e.goldstein
        if e.quad_class in (1, 2):
            a["cooperation"] += e.weight
        elif e.quad_class in (3, 4):
            a["conflict"] += e.weight
        a["event_ids"].append(e.event_id)
    for (u, v), a in acc.items():
        g = round(a["goldstein"], 4)
        cc = a["cooperation"] + a["conflict"]
        weight = abs(g)
        G.add_edge(
            u, v, events=a["events"], cooperation=round(a["cooperation"], 4), conflict=round(a["conflict"], 4),
            goldstein=g, goldstein_mean=round(g / a["w"], 3) if a["w"] else 0.0,
            net_cooperation=round((a["cooperation"] - a["conflict"]) / cc, 3) if cc else 0.0,
            sign=1 if g > 0 else -1 if g < 0 else 0, weight=weight,
            distance=1.0 / weight if weight else float("inf"), event_ids=a["event_ids"],
        )
    return G


def relation_graph(store: Any, at: str | None = None, window: str | None = None, *, since: str | None = None,
                   until: str | None = None, level: str = "country", weighting: str = "none",
                   reliability: Mapping[str, float] | None = None, directed: bool = False,
                   include_domestic: bool = False, actor: str | None = None) -> nx.Graph:
    """The relation graph from the store for a date/window (`actor` limits to events touching a code prefix)."""
    since, until = window_bounds(at, window, since, until)
    rows = store.mentions(EventFilter(since=since, until=until, actor=actor))
    missing = {r["doc_id"] for r in rows if not r.get("source_name")}
    if missing:
        names = {d: (store.document(d) or {}).get("source_name") for d in missing}
        for r in rows:
            r["source_name"] = r.get("source_name") or names.get(r["doc_id"])
    events = dyad_events(rows, _freq_for(since, until), weighting, reliability)
    G = graph_from_events(events, level, directed, include_domestic)
    G.graph.update(since=since, until=until, at=at, window=window, level=level, weighting=weighting)
    return G


# --------------------------------------------------------------------------- balance
@dataclass
class Triad:
    nodes: tuple[str, str, str]
    signs: tuple[int, int, int]  # of edges (n0,n1), (n0,n2), (n1,n2)
    balanced: bool  # strong (Heider) balance: product of signs > 0
    weak_balanced: bool  # Davis: all but exactly one negative edge

    @property
    def pattern(self) -> str:
        return "".join("+" if s > 0 else "-" for s in sorted(self.signs, reverse=True))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["pattern"] = self.pattern
        return d


def _undirected_signs(G: nx.Graph) -> nx.Graph:
    if not G.is_directed():
        return G
    H = nx.Graph()
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        g = d.get("goldstein", 0.0) + (H[u][v]["goldstein"] if H.has_edge(u, v) else 0.0)
        H.add_edge(u, v, goldstein=g, sign=1 if g > 0 else -1 if g < 0 else 0)
    return H


def triads(G: nx.Graph) -> list[Triad]:
    """Every triangle whose three edges are signed (+ or -), in a stable order."""
    H = _undirected_signs(G)
    signed = nx.Graph()
    signed.add_edges_from((u, v, {"sign": d["sign"]}) for u, v, d in H.edges(data=True)
                          if u != v and d.get("sign"))
    order = {n: i for i, n in enumerate(sorted(signed.nodes, key=str))}
    out = []
    for u in sorted(signed.nodes, key=str):
        nbrs = sorted((n for n in signed[u] if order[n] > order[u]), key=str)
        for i, v in enumerate(nbrs):
            for w in nbrs[i + 1:]:
                if signed.has_edge(v, w):
                    s = (signed[u][v]["sign"], signed[u][w]["sign"], signed[v][w]["sign"])
                    neg = sum(1 for x in s if x < 0)
                    out.append(Triad((u, v, w), s, neg % 2 == 0, neg != 1))
    return out


def unbalanced_triads(G: nx.Graph, weak: bool = False) -> list[Triad]:
    """Triads violating strong balance (`++-`, `---`), or with `weak=True` only `++-`."""
    return [t for t in triads(G) if not (t.weak_balanced if weak else t.balanced)]


def balance_summary(G: nx.Graph) -> dict[str, Any]:
    ts = triads(G)
    bal = sum(t.balanced for t in ts)
    return {"triads": len(ts), "balanced": bal, "unbalanced": len(ts) - bal,
            "weak_unbalanced": sum(not t.weak_balanced for t in ts),
            "balance_ratio": round(bal / len(ts), 3) if ts else None}


# --------------------------------------------------------------------------- centrality
def centrality(G: nx.Graph) -> list[dict[str, Any]]:
    """Per-node centrality measures (module docstring), strongest node first."""
    if G.number_of_nodes() == 0:
        return []
    H = G.to_undirected() if G.is_directed() else G
    deg_c = nx.degree_centrality(H)
    btw = nx.betweenness_centrality(H, weight="distance") if H.number_of_edges() else {n: 0.0 for n in H}
    try:
        with warnings.catch_warnings():  # tiny graphs: networkx falls back to a dense solver and says so
            warnings.simplefilter("ignore", RuntimeWarning)
            eig = nx.eigenvector_centrality_numpy(H, weight="weight") if H.number_of_edges() else {}
    except Exception:  # disconnected or degenerate graphs
        eig = {}
    out = []
    for n in H.nodes:
        edges = [d for _, _, d in G.edges(n, data=True)] if not G.is_directed() else \
            [d for _, _, d in G.in_edges(n, data=True)] + [d for _, _, d in G.out_edges(n, data=True)]
        out.append({
            "node": n, "degree": H.degree(n), "degree_centrality": round(deg_c.get(n, 0.0), 3),
            "strength": round(sum(d.get("weight", 0.0) for d in edges), 3),
            "positive": round(sum(d.get("weight", 0.0) for d in edges if d.get("sign", 0) > 0), 3),
            "negative": round(sum(d.get("weight", 0.0) for d in edges if d.get("sign", 0) < 0), 3),
            "betweenness": round(btw.get(n, 0.0), 3), "eigenvector": round(abs(eig.get(n, 0.0)), 3),
        })
    out.sort(key=lambda r: (-r["strength"], str(r["node"])))
    return out


def edge_table(G: nx.Graph) -> list[dict[str, Any]]:
    """Edges as rows, strongest first (no event id lists); undirected pairs in sorted order."""
    rows = []
    for u, v, d in G.edges(data=True):
        if not G.is_directed():
            u, v = sorted((u, v), key=str)
        rows.append({"a": u, "b": v, **{k: val for k, val in d.items() if k not in ("event_ids", "distance")}})
    rows.sort(key=lambda r: (-r["weight"], str(r["a"]), str(r["b"])))
    return rows
