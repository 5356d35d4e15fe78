"""Dyad time series: counts per QuadClass and Goldstein sums per period.

Net cooperation index of a period = (sum of Goldstein over cooperative events
+ sum over conflictual events) / number of events, i.e. the mean Goldstein
score; with `weighted` each mention counts once per mention of its event,
so widely reported events weigh more. Only asserted and reported mentions
count: planned, hypothetical and negated events did not happen (yet).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..store import EventFilter, Store

PERIODS = {"day": 10, "month": 7, "year": 4}
COUNTED_MODALITIES = ("asserted", "reported")


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


def _period(date: str, freq: str) -> str:
    if freq == "week":
        import datetime as dt

        d = dt.date.fromisoformat(date[:10])
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    return date[: PERIODS[freq]]


def dyad_series(store: Store, a: str, b: str, freq: str = "month", directed: bool = False,
                since: str | None = None, until: str | None = None) -> list[DyadPoint]:
    rows = store.mentions(EventFilter(dyad=(a, b), directed=directed, since=since, until=until))
    return series_from_rows(rows, freq)


def series_from_rows(rows: list[dict[str, Any]], freq: str = "month") -> list[DyadPoint]:
    if freq not in (*PERIODS, "week"):
        raise ValueError(f"unknown period {freq!r}: use day, week, month or year")
    # count each real-world event once per period (merged events), not once per mention
    seen: set[tuple[str, str]] = set()
    acc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if not r.get("date") or r.get("modality") not in COUNTED_MODALITIES:
            continue
        p = _period(r["date"], freq)
        key = (p, r.get("event_id") or r["mention_id"])
        if key in seen:
            continue
        seen.add(key)
        acc[p].append(r)
    out = []
    for p in sorted(acc):
        rs = acc[p]
        q = [sum(1 for r in rs if r.get("quad_class") == k) for k in (1, 2, 3, 4)]
        gs = sum(float(r.get("goldstein") or 0) for r in rs)
        coop, confl = q[0] + q[1], q[2] + q[3]
        out.append(DyadPoint(p, len(rs), *q, round(gs, 2), round(gs / len(rs), 3), coop, confl,
                             round((coop - confl) / len(rs), 3)))
    return out
