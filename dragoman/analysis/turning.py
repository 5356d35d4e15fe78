"""Turning points: where a dyad's relationship shifted, and which events did it.

Method
------
1. **Signal.** The dyad series (`dyads.series_from_rows`) gives one value per
   period of the chosen `metric` (default `w_goldstein_mean`, the weighted
   mean Goldstein score; with `weighting="none"` it equals `goldstein_mean`).
   Means are undefined in a period without events, so for mean-type metrics
   (`*goldstein_mean`, `*net_cooperation`) empty periods are left out of the
   signal; count- and sum-type metrics (`events`, `conflict`,
   `w_goldstein_sum`, ...) fill empty periods with 0.
2. **Change points.** `ruptures.Pelt` (exact penalised segmentation, PELT,
   Killick et al. 2012) with the `l2` cost — segments of constant mean,
   cost of a segment = sum of squared deviations from its mean — finds the
   segmentation minimising `sum of segment costs + pen * (number of change
   points)`. `min_size` (default 2) is the shortest segment, `jump=1`.
   The default penalty is BIC-like on the noise scale:

       pen = PENALTY_FACTOR * sigma^2 * ln(n),   PENALTY_FACTOR = 2

   with `n` the signal length and `sigma` a robust noise estimate that a
   mean shift does not inflate — the median absolute deviation of first
   differences: `sigma = 1.4826 * MAD(diff(x)) / sqrt(2)` (floored at 1e-3
   and, when the differences are mostly zero, at `std(diff(x))/sqrt(2)`).
   Pass `penalty=` to override.
3. **Significance.** Each change point is tested by Welch's two-sample
   t-test (unequal variances, `scipy.stats.ttest_ind(equal_var=False)`)
   between the segment just before it and the segment just after; it is
   reported when `p < alpha` (default 0.05). Segments of one value, or with
   no variance on either side, get p = 0 if the means differ and 1 if not.
   The split was chosen on the same data, so p is a screening score, not a
   calibrated error rate.
4. **Drivers.** For a change from segment mean `mu_before` to `mu_after`
   (`delta = mu_after - mu_before`), the candidate events are those in the
   first `driver_periods` periods (default 3) of the new segment. Each event
   scores

       score_e = w_e * (g_e - gbar_before) * sign(delta)

   with `w_e` its weight, `g_e` its Goldstein score and `gbar_before` the
   weighted mean Goldstein score of the events of the previous segment:
   events pulling the relationship the way it moved score high. The
   `drivers` (default 5) highest positive scores are reported. For pure
   volume metrics (`events`, `mentions`, `weight`) the score is `w_e` when
   activity rose and there are no drivers when it fell; for `cooperation`
   / `conflict` (and their `w_` forms, `q1..q4`) it is `w_e` for events of
   that kind.

Direction: for tone metrics delta < 0 is "toward conflict", > 0 "toward
cooperation"; for volume metrics "more"/"less" of what is counted.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .dyads import DyadEvent, DyadPoint, dyad_events, dyad_rows, period_start, series_from_events

PENALTY_FACTOR = 2.0
MEAN_METRICS = {"goldstein_mean", "net_cooperation", "w_goldstein_mean", "w_net_cooperation"}
TONE_METRICS = MEAN_METRICS | {"goldstein_sum", "w_goldstein_sum"}
VOLUME_METRICS = {"events", "mentions", "weight"}
KIND_METRICS = {
    "cooperation": (1, 2), "w_cooperation": (1, 2), "conflict": (3, 4), "w_conflict": (3, 4),
    "q1": (1,), "q2": (2,), "q3": (3,), "q4": (4,),
}
METRICS = sorted(TONE_METRICS | VOLUME_METRICS | set(KIND_METRICS))


@dataclass
class TurningPoint:
    period: str  # first period of the new regime
    date: str  # its first day (ISO)
    metric: str
    before_mean: float
    after_mean: float
    delta: float
    direction: str
    p_value: float
    before: tuple[str, str]  # first and last period of the previous segment
    after: tuple[str, str]  # first and last period of the new segment
    drivers: list[DyadEvent] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TurningAnalysis:
    a: str
    b: str
    freq: str
    metric: str
    weighting: str
    directed: bool
    series: list[DyadPoint]
    events: list[DyadEvent]
    turning_points: list[TurningPoint]
    penalty: float | None
    candidates: int  # change points found before the significance test

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- core
def noise_sigma(values: Iterable[float]) -> float:
    """Robust noise scale from first differences (see the module docstring)."""
    x = np.asarray(list(values), dtype=float)
    if len(x) < 3:
        return 1e-3
    d = np.diff(x)
    mad = float(np.median(np.abs(d - np.median(d))))
    sigma = 1.4826 * mad / math.sqrt(2)
    if sigma < 1e-9:
        sigma = float(np.std(d)) / math.sqrt(2)
    return max(sigma, 1e-3)


def default_penalty(values: Iterable[float]) -> float:
    x = list(values)
    return PENALTY_FACTOR * noise_sigma(x) ** 2 * math.log(max(len(x), 2))


def detect_breakpoints(values: Iterable[float], penalty: float | None = None, min_size: int = 2,
                       model: str = "l2") -> list[int]:
    """Indices where a new segment starts (0 < i < n), by `ruptures.Pelt`."""
    import ruptures as rpt

    x = np.asarray(list(values), dtype=float)
    n = len(x)
    if n < 2 * min_size:
        return []
    pen = default_penalty(x) if penalty is None else float(penalty)
    algo = rpt.Pelt(model=model, min_size=min_size, jump=1).fit(x.reshape(-1, 1))
    return [int(i) for i in algo.predict(pen=pen) if 0 < i < n]


def welch_p(before: np.ndarray, after: np.ndarray) -> float:
    """Two-sided Welch t-test p-value, with the degenerate cases of the module docstring."""
    from scipy import stats

    mb, ma = float(np.mean(before)), float(np.mean(after))
    if len(before) < 2 or len(after) < 2 or (np.var(before) == 0 and np.var(after) == 0):
        return 0.0 if not math.isclose(mb, ma) else 1.0
    p = float(stats.ttest_ind(after, before, equal_var=False).pvalue)
    return 1.0 if math.isnan(p) else p


def _signal(series: list[DyadPoint], metric: str) -> tuple[list[int], np.ndarray]:
    """Positions in `series` that enter the signal, and their values."""
    keep, vals = [], []
    for i, p in enumerate(series):
        v = getattr(p, metric)
        if metric in MEAN_METRICS and (p.events == 0 or v is None or (isinstance(v, float) and math.isnan(v))):
            continue
        keep.append(i)
        vals.append(float(v or 0.0))
    return keep, np.asarray(vals, dtype=float)


def _direction(metric: str, delta: float) -> str:
    if metric in TONE_METRICS:
        return "toward conflict" if delta < 0 else "toward cooperation"
    name = metric.removeprefix("w_")
    return ("more " if delta > 0 else "less ") + {"q1": "verbal cooperation", "q2": "material cooperation",
                                                   "q3": "verbal conflict", "q4": "material conflict",
                                                   "events": "activity", "mentions": "coverage",
                                                   "weight": "weighted activity"}.get(name, name)


def _drivers(metric: str, delta: float, before: list[DyadEvent], window: list[DyadEvent], k: int) -> list[DyadEvent]:
    scored: list[tuple[float, DyadEvent]] = []
    if metric in TONE_METRICS:
        wsum = sum(e.weight for e in before)
        gbar = sum(e.weight * e.goldstein for e in before) / wsum if wsum else 0.0
        sign = 1.0 if delta > 0 else -1.0
        scored = [(e.weight * (e.goldstein - gbar) * sign, e) for e in window]
    elif metric in KIND_METRICS:
        if delta > 0:
            scored = [(e.weight, e) for e in window if e.quad_class in KIND_METRICS[metric]]
    elif delta > 0:
        scored = [(e.weight, e) for e in window]
    scored = [(s, e) for s, e in scored if s > 0]
    scored.sort(key=lambda t: (-t[0], t[1].date, t[1].event_id))
    return [e for _, e in scored[:k]]


def find_turning_points(series: list[DyadPoint], events: list[DyadEvent], metric: str = "w_goldstein_mean",
                        penalty: float | None = None, alpha: float = 0.05, min_size: int = 2,
                        drivers: int = 5, driver_periods: int = 3) -> tuple[list[TurningPoint], int]:
    """Significant change points of a (filled) series; returns (turning points, candidates tested)."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}: use one of {', '.join(METRICS)}")
    keep, x = _signal(series, metric)
    bkps = detect_breakpoints(x, penalty, min_size)
    bounds = [0, *bkps, len(x)]
    by_period: dict[str, list[DyadEvent]] = {}
    for e in events:
        by_period.setdefault(e.period, []).append(e)
    out: list[TurningPoint] = []
    for j in range(1, len(bounds) - 1):
        lo, cut, hi = bounds[j - 1], bounds[j], bounds[j + 1]
        before, after = x[lo:cut], x[cut:hi]
        p = welch_p(before, after)
        if p >= alpha:
            continue
        mb, ma = float(np.mean(before)), float(np.mean(after))
        delta = ma - mb
        periods_before = [series[keep[i]].period for i in range(lo, cut)]
        periods_after = [series[keep[i]].period for i in range(cut, hi)]
        ev_before = [e for per in periods_before for e in by_period.get(per, [])]
        ev_window = [e for per in periods_after[:driver_periods] for e in by_period.get(per, [])]
        start = periods_after[0]
        out.append(TurningPoint(
            period=start, date=period_start(start).isoformat(), metric=metric, before_mean=round(mb, 3),
            after_mean=round(ma, 3), delta=round(delta, 3), direction=_direction(metric, delta),
            p_value=float(f"{p:.3g}"), before=(periods_before[0], periods_before[-1]),
            after=(periods_after[0], periods_after[-1]),
            drivers=_drivers(metric, delta, ev_before, ev_window, drivers),
        ))
    return out, len(bkps)


def turning_points(store: Any, a: str, b: str, freq: str = "month", directed: bool = False,
                   since: str | None = None, until: str | None = None, *, metric: str | None = None,
                   weighting: str = "none", reliability: Mapping[str, float] | None = None,
                   penalty: float | None = None, alpha: float = 0.05, min_size: int = 2,
                   drivers: int = 5, driver_periods: int = 3) -> TurningAnalysis:
    """Series, events and significant turning points of the dyad a-b from the store.

    `metric` defaults to `w_goldstein_mean` (the weighted mean Goldstein score).
    """
    rows = dyad_rows(store, a, b, directed, since, until)
    return analyse_rows(rows, a, b, freq, directed, metric=metric, weighting=weighting, reliability=reliability,
                        penalty=penalty, alpha=alpha, min_size=min_size, drivers=drivers,
                        driver_periods=driver_periods)


def analyse_rows(rows: Iterable[dict[str, Any]], a: str = "", b: str = "", freq: str = "month",
                 directed: bool = False, *, metric: str | None = None, weighting: str = "none",
                 reliability: Mapping[str, float] | None = None, penalty: float | None = None,
                 alpha: float = 0.05, min_size: int = 2, drivers: int = 5, driver_periods: int = 3,
                 registry: Any = None) -> TurningAnalysis:
    """`turning_points` on mention rows already fetched."""
    metric = metric or "w_goldstein_mean"
    events = dyad_events(rows, freq, weighting, reliability, registry)
    series = series_from_events(events, freq, fill=True)
    keep, x = _signal(series, metric)
    pen = (default_penalty(x) if penalty is None else penalty) if len(x) else None
    tps, n = find_turning_points(series, events, metric, pen, alpha, min_size, drivers, driver_periods)
    return TurningAnalysis(a, b, freq, metric, weighting, directed, series, events, tps,
                           round(pen, 4) if pen is not None else None, n)
