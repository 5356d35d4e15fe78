"""Dyad time series: what two actors did to each other, period by period.

Input are mention rows (`store.mentions(...)`); the unit counted is the
*event*: mentions sharing an `event_id` (set by the merge) are one event, and a
mention without one is an event of its own. Only mentions whose modality is
`asserted` or `reported` count — planned, hypothetical and negated events did
not happen (yet); an event whose every mention is negated is left out.

Event attributes
----------------
For each event `e` the counted mentions give (via `dragoman.merge.event_summary`)
its date `d_e` (the explicit day most mentions give, else the most precise
date), its CAMEO code, Goldstein score `g_e` (-10..10) and QuadClass `q_e`
(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict). An event is assigned to the one period containing `d_e`; events
dated less precisely than the period (a year-precision event in a monthly
series, a month-precision one in a daily or weekly series) are left out
rather than piled onto the first day of their span.

Weights
-------
Every event has a weight `w_e`, chosen by `weighting`:

* `none`:        `w_e = 1`
* `mentions`:    `w_e = 1 + ln(n_e)`, `n_e` = counted mentions of the event.
  Widely reported events weigh more, with diminishing returns (1 mention
  -> 1, 10 -> 3.3, 100 -> 5.6), so one saturation-covered event cannot drown
  a month of others.
* `reliability`: `w_e = 1 - prod_{s in S_e} (1 - r_s)`, `S_e` = distinct
  publishers (`source_name`) of the counted mentions, `r_s` = the publisher's
  reliability weight. This is the chance that at least one of independent
  sources is right ("noisy-OR"): corroboration raises it, one state outlet
  alone keeps it low. `r_s` comes from the `reliability` mapping
  (publisher -> weight in 0..1) when given and it names the publisher, else
  from the publisher's tier in the source registry
  (`dragoman.ingest.sources`): `TIER_WEIGHT = {1: 1.0, 2: 0.7, 3: 0.4}`;
  publishers the registry does not know get tier 3.
* `both`:        the product of the two.

Per period `P` with events `E_P`
---------------------------------
* `events = |E_P|`, `mentions = sum n_e`
* `q1..q4 = #{e in E_P : q_e = k}`; `cooperation = q1 + q2`, `conflict = q3 + q4`
* `goldstein_sum = sum g_e`, `goldstein_mean = goldstein_sum / events`
* net cooperation index `net_cooperation = (cooperation - conflict) / events`,
  in -1 (all conflict) .. +1 (all cooperation)
* weighted: `weight = W = sum w_e`, `w_cooperation = sum_{q_e in 1,2} w_e`,
  `w_conflict = sum_{q_e in 3,4} w_e`, `w_goldstein_sum = sum w_e g_e`,
  `w_goldstein_mean = w_goldstein_sum / W`,
  `w_net_cooperation = (w_cooperation - w_conflict) / W`.
  With `weighting="none"` the weighted fields equal the unweighted ones.
* Sums are exactly rounded (`math.fsum`) before the fields are rounded for
  display, so a series does not depend on the order events are added in:
  `dyad_series` (aggregated by the database) equals `series_from_rows`.

Directed series (`directed=True`) count only events with `a` as source and
`b` as target; undirected ones count both directions. Actor arguments are code
prefixes (`TUR` matches `TURGOV`, `TURMIL`, ...).

Periods are `YYYY-MM-DD` (day), ISO weeks `YYYY-Www` (week), `YYYY-MM`
(month) or `YYYY` (year); `period_start` turns one into its first day.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..store import EventFilter, Store

PERIODS = {"day": 10, "month": 7, "year": 4}
FREQS = ("day", "week", "month", "year")
COUNTED_MODALITIES = ("asserted", "reported")
WEIGHTINGS = ("none", "mentions", "reliability", "both")
TIER_WEIGHT = {1: 1.0, 2: 0.7, 3: 0.4}
UNKNOWN_TIER = 3
# the coarsest date precision each frequency accepts (rank: day 0, month 1, year 2)
_PREC_RANK = {"day": 0, "range": 0, "month": 1, "year": 2}
_FREQ_MAX_RANK = {"day": 0, "week": 0, "month": 1, "year": 2}


@dataclass
class DyadPoint:
    period: str
    events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float
    cooperation: int
    conflict: int
    net_cooperation: float  # (cooperative - conflictual) / all, in -1..1
    mentions: int = 0
    weight: float = 0.0
    w_cooperation: float = 0.0
    w_conflict: float = 0.0
    w_goldstein_sum: float = 0.0
    w_goldstein_mean: float = 0.0
    w_net_cooperation: float = 0.0
    event_ids: list[str] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DyadEvent:
    """One event of a dyad series, with the weight it counts with."""

    event_id: str
    period: str
    date: str
    date_precision: str | None
    source_actor: str | None
    target_actor: str | None
    cameo_code: str | None
    goldstein: float
    quad_class: int | None
    mentions: int
    sources: list[str]
    weight: float
    sentence: str | None
    doc_id: str | None
    flags: str | None = None
    source_country: str | None = None
    target_country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- periods
def period_of(date: str | dt.date, freq: str) -> str:
    """The period label containing a date."""
    s = date.isoformat() if isinstance(date, dt.date) else str(date)
    if freq == "week":
        y, w, _ = dt.date.fromisoformat(s[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    if freq not in PERIODS:
        raise ValueError(f"unknown period {freq!r}: use day, week, month or year")
    return s[: PERIODS[freq]]


_period = period_of  # old name


def period_start(period: str, freq: str | None = None) -> dt.date:
    """First day of a period label (freq is inferred from the label's shape when omitted)."""
    if "-W" in period:
        y, w = period.split("-W")
        return dt.date.fromisocalendar(int(y), int(w), 1)
    if len(period) == 4:
        return dt.date(int(period), 1, 1)
    if len(period) == 7:
        return dt.date(int(period[:4]), int(period[5:7]), 1)
    return dt.date.fromisoformat(period[:10])


def next_period(period: str, freq: str) -> str:
    d = period_start(period, freq)
    if freq == "day":
        return (d + dt.timedelta(days=1)).isoformat()
    if freq == "week":
        return period_of(d + dt.timedelta(days=7), "week")
    if freq == "month":
        return f"{d.year + (d.month == 12):04d}-{d.month % 12 + 1:02d}"
    return f"{d.year + 1:04d}"


def period_range(first: str, last: str, freq: str) -> list[str]:
    """Every period label from `first` to `last` inclusive."""
    out, p, end = [], first, period_start(last)
    while period_start(p) <= end:
        out.append(p)
        p = next_period(p, freq)
    return out


# --------------------------------------------------------------------------- weights
def source_weight(name: str | None, reliability: Mapping[str, float] | None = None, registry: Any = None) -> float:
    """Reliability weight r_s of a publisher (see the module docstring)."""
    if reliability and name in reliability:
        return float(reliability[name])  # type: ignore[index]
    tier = UNKNOWN_TIER
    if name:
        if registry is None:
            try:
                from ..ingest.sources import default_registry

                registry = default_registry()
            except Exception:  # registry unavailable: every publisher is unknown
                registry = None
        src = registry.by_name(name) if registry is not None else None
        if src is not None:
            tier = int(getattr(src, "reliability", UNKNOWN_TIER))
    return TIER_WEIGHT.get(tier, TIER_WEIGHT[UNKNOWN_TIER])


def event_weight(n_mentions: int, source_weights: Iterable[float], weighting: str = "none") -> float:
    """w_e for one event: see the module docstring for the formulas."""
    if weighting not in WEIGHTINGS:
        raise ValueError(f"unknown weighting {weighting!r}: use {', '.join(WEIGHTINGS)}")
    w = 1.0
    if weighting in ("mentions", "both"):
        w *= 1.0 + math.log(max(1, n_mentions))
    if weighting in ("reliability", "both"):
        miss = 1.0
        for r in sorted(source_weights):  # one order for every caller: the product's last bit cannot differ
            miss *= 1.0 - min(1.0, max(0.0, r))
        w *= 1.0 - miss
    return w


def _reliability_lookup(reliability: Mapping[str, float] | None, registry: Any) -> Callable[[str | None], float]:
    """`source_weight` memoised per publisher: the registry lookup is the slow part."""
    cache: dict[str | None, float] = {}

    def rel(name: str | None) -> float:
        if name not in cache:
            cache[name] = source_weight(name, reliability, registry)
        return cache[name]

    return rel


# --------------------------------------------------------------------------- events and series
def dyad_events(rows: Iterable[dict[str, Any]], freq: str = "month", weighting: str = "none",
                reliability: Mapping[str, float] | None = None, registry: Any = None) -> list[DyadEvent]:
    """Collapse mention rows into the weighted events a series counts, oldest first."""
    from ..merge import event_summary

    if freq not in FREQS:
        raise ValueError(f"unknown period {freq!r}: use day, week, month or year")
    if weighting not in WEIGHTINGS:
        raise ValueError(f"unknown weighting {weighting!r}: use {', '.join(WEIGHTINGS)}")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if not r.get("date") or r.get("modality") not in COUNTED_MODALITIES:
            continue
        groups[r.get("event_id") or r["mention_id"]].append(r)
    rel = _reliability_lookup(reliability, registry)
    out: list[DyadEvent] = []
    for eid, rs in groups.items():
        ev = event_summary(rs)
        if not ev.get("date"):
            continue
        if _PREC_RANK.get(ev.get("date_precision") or "day", 0) > _FREQ_MAX_RANK[freq]:
            continue
        publishers = sorted({r.get("source_name") or f"doc:{r.get('doc_id')}" for r in rs})
        w = event_weight(len(rs), [rel(None if p.startswith("doc:") else p) for p in publishers], weighting)
        rep = next((r for r in rs if r["mention_id"] in ev["mention_ids"] and r.get("cameo_code") == ev["cameo_code"]), rs[0])
        out.append(DyadEvent(
            event_id=eid, period=period_of(ev["date"], freq), date=str(ev["date"])[:10],
            date_precision=ev.get("date_precision"), source_actor=ev.get("source_actor"),
            target_actor=ev.get("target_actor"), cameo_code=ev.get("cameo_code"),
            goldstein=float(ev.get("goldstein") or 0.0), quad_class=ev.get("quad_class"), mentions=len(rs),
            sources=publishers, weight=round(w, 6), sentence=rep.get("sentence"), doc_id=rep.get("doc_id"),
            flags=ev.get("flags"), source_country=ev.get("source_country"),
            target_country=ev.get("target_country"),
        ))
    out.sort(key=lambda e: (e.date, e.event_id))
    return out


def dyad_series(store: Store, a: str, b: str, freq: str = "month", directed: bool = False,
                since: str | None = None, until: str | None = None, *, weighting: str = "none",
                reliability: Mapping[str, float] | None = None, fill: bool = False,
                registry: Any = None, event_ids: bool = True) -> list[DyadPoint]:
    """The dyad's series (see the module docstring for every field), aggregated by the store.

    The database groups mentions into events and events into periods
    (`Store.dyad_groups`), so only a few rows per period reach Python; the
    result equals `series_from_rows(dyad_rows(...))`, which stays the reference.
    `event_ids=False` leaves `DyadPoint.event_ids` empty and saves sorting every
    event: callers that only show the figures (CLI, API) need not pay for it.
    """
    if freq not in FREQS:
        raise ValueError(f"unknown period {freq!r}: use day, week, month or year")
    if weighting not in WEIGHTINGS:
        raise ValueError(f"unknown weighting {weighting!r}: use {', '.join(WEIGHTINGS)}")
    flt = EventFilter(dyad=(a, b), directed=directed, since=since, until=until)
    rel = _reliability_lookup(reliability, registry)

    def pub_weight(pub: str) -> float:  # the store names a document without a publisher "doc:<id>"
        return rel(None if pub.startswith("doc:") else pub)

    # publishers of one weight are alike to the series: the store keys events by weight class
    groups = store.dyad_groups(flt, freq, by_mentions=weighting in ("mentions", "both"),
                               by_publishers=weighting in ("reliability", "both"), event_ids=event_ids,
                               publisher_class=pub_weight)
    # many rows share a weighting key (mention count, publishers): weigh each distinct key once
    nkeys = max(1, len(groups.publishers))
    wkey, seen = pd.factorize(np.maximum(groups.wn, 1) * nkeys + groups.key)
    weights = np.array([round(event_weight(k // nkeys, [pub_weight(p) for p in groups.publishers[k % nkeys]],
                                           weighting), 6) for k in seen.tolist()], np.float64)
    return _series_points(groups.period, groups.events, groups.quad, groups.gs, weights[wkey], groups.mentions,
                          groups.ids, freq, fill)


def dyad_rows(store: Store, a: str, b: str, directed: bool = False, since: str | None = None,
              until: str | None = None) -> list[dict[str, Any]]:
    """Mention rows of the dyad, with publishers filled in from their documents when missing."""
    rows = store.mentions(EventFilter(dyad=(a, b), directed=directed, since=since, until=until))
    missing = {r["doc_id"] for r in rows if not r.get("source_name")}
    if missing:
        names = {d: (store.document(d) or {}).get("source_name") for d in missing}
        for r in rows:
            if not r.get("source_name"):
                r["source_name"] = names.get(r["doc_id"])
    return rows


def series_from_rows(rows: Iterable[dict[str, Any]], freq: str = "month", *, weighting: str = "none",
                     reliability: Mapping[str, float] | None = None, fill: bool = False,
                     registry: Any = None) -> list[DyadPoint]:
    """Period points from mention rows; `fill` adds empty periods (means NaN) between the first and last."""
    events = dyad_events(rows, freq, weighting, reliability, registry)
    return series_from_events(events, freq, fill=fill)


def series_from_events(events: Iterable[DyadEvent], freq: str = "month", fill: bool = False) -> list[DyadPoint]:
    events = list(events)
    ids: dict[str, list[str]] = defaultdict(list)
    for e in events:
        ids[e.period].append(e.event_id)
    return _series_points(np.array([e.period for e in events], dtype=object), np.ones(len(events), np.int64),
                          np.array([e.quad_class or 0 for e in events], np.int64),
                          np.array([e.goldstein for e in events], np.float64),
                          np.array([e.weight for e in events], np.float64),
                          np.array([e.mentions for e in events], np.int64), ids, freq, fill)


def _series_points(period: np.ndarray, n: np.ndarray, quad: np.ndarray, gs: np.ndarray, weight: np.ndarray,
                   mentions: np.ndarray, ids: Mapping[str, list[str]], freq: str, fill: bool) -> list[DyadPoint]:
    """Period points from parts: part i is `n[i]` events alike in period, QuadClass (0: none), Goldstein
    score and weight.

    Parts may be single events (`series_from_events`) or the store's grouped rows
    (`dyad_series`); the figures are the same either way, since every sum is exactly
    rounded over the events (`_period_fsums`). The work is done on NumPy columns:
    a busy dyad brings tens of thousands of parts.
    """
    pidx, names = pd.factorize(period)
    k = len(names)
    q = np.where((quad >= 1) & (quad <= 4), quad, 0)
    counts = np.zeros((k, 5), np.int64)  # column 0: no QuadClass
    np.add.at(counts, (pidx, q), n)
    ment = np.bincount(pidx, weights=mentions, minlength=k)  # exact: integer sums far below 2**53
    sums = _period_fsums(pidx, k, n, [gs, weight, np.where((q == 1) | (q == 2), weight, 0.0),
                                      np.where(q >= 3, weight, 0.0), weight * gs])
    totals = {str(p): (counts[i].tolist(), int(ment[i]), [col[i] for col in sums]) for i, p in enumerate(names)}
    periods = sorted(totals, key=lambda p: period_start(p))
    if fill and periods:
        periods = period_range(periods[0], periods[-1], freq)
    return [_point(p, *totals[p], ids.get(p, [])) if p in totals else _empty_point(p) for p in periods]


_SPLIT = 134217729.0  # 2**27 + 1: Veltkamp's constant, splits a double into two halves of at most 26 bits
_MAX_COPIES = 1 << 26  # n * (26-bit half) stays within a double's 53 bits


def _period_fsums(pidx: np.ndarray, k: int, n: np.ndarray, columns: list[np.ndarray]) -> list[list[float]]:
    """For each column, per period (0..k-1): the exactly rounded sum over parts of n copies of the part's value.

    n copies of x would cost n terms; splitting x into two halves of 26 bits
    (Veltkamp) makes n * half exact, so two terms carry the same exact value and
    `math.fsum` gives the same result to the last bit. Values the split cannot
    take (not finite, tiny, huge) or huge counts fall back to `_copies`.
    """
    order = np.argsort(pidx, kind="stable")
    seg = pidx[order]
    bounds = np.searchsorted(seg, np.arange(k + 1)).tolist()
    n = n[order]
    nf = n.astype(np.float64)
    out = []
    for x in columns:
        x = x[order]
        with np.errstate(all="ignore"):
            c = _SPLIT * x
            hi = c - (c - x)
            terms = np.stack([nf * hi, nf * (x - hi)], axis=1)
        bad = ~((x == 0) | ((np.abs(x) > 1e-250) & (np.abs(x) < 1e250))) | (n >= _MAX_COPIES)
        extra: dict[int, list[float]] = defaultdict(list)
        for i in np.flatnonzero(bad).tolist():
            terms[i] = 0.0
            extra[int(seg[i])].extend(_copies(float(x[i]), int(n[i])))
        flat = terms.ravel().tolist()
        out.append([math.fsum(flat[2 * bounds[j]:2 * bounds[j + 1]] + extra.get(j, [])) for j in range(k)])
    return out


def _copies(x: float, n: int) -> Iterable[float]:
    """Floats whose exact sum is n copies of x, so fsum over them equals fsum over the copies."""
    if n == 1:
        return (x,)
    if n >= _MAX_COPIES or not (1e-250 < abs(x) < 1e250):  # zero, tiny, huge or not finite: plain copies
        return (x,) * n
    c = _SPLIT * x
    hi = c - (c - x)
    return (n * hi, n * (x - hi))


def _empty_point(p: str) -> DyadPoint:
    nan = float("nan")
    return DyadPoint(p, 0, 0, 0, 0, 0, 0.0, nan, 0, 0, nan, 0, 0.0, 0.0, 0.0, 0.0, nan, nan, [])


def _point(p: str, counts: list[int], mentions: int, sums: list[float], event_ids: list[str]) -> DyadPoint:
    q = counts[1:]
    n = sum(counts)
    coop, confl = q[0] + q[1], q[2] + q[3]
    gs, W, wc, wk, wgs = sums
    return DyadPoint(
        p, n, *q, round(gs, 2), round(gs / n, 3), coop, confl, round((coop - confl) / n, 3),
        mentions=mentions, weight=round(W, 4), w_cooperation=round(wc, 4),
        w_conflict=round(wk, 4), w_goldstein_sum=round(wgs, 3),
        w_goldstein_mean=round(wgs / W, 3) if W else 0.0,
        w_net_cooperation=round((wc - wk) / W, 3) if W else 0.0,
        event_ids=list(event_ids),
    )


def to_frame(points: Iterable[DyadPoint]):
    """The series as a pandas DataFrame indexed by period start date."""
    import pandas as pd

    rows = [p.to_dict() for p in points]
    df = pd.DataFrame(rows)
    if not df.empty:
        df.insert(0, "start", pd.to_datetime([period_start(p) for p in df["period"]]))
        df = df.set_index("start")
    return df
