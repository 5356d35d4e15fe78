"""`dragoman eval timex GOLD`: accuracy of date-expression resolution.

Each gold line is one expression in context::

    {"id": "t-dev-001", "text": "...", "anchor": "2017-10-20", "running": "2017-08-15" | null,
     "expr": "two months later", "start": 12, "end": 28,
     "type": "explicit|relative|narrative|span",
     "date": "2017-10-01", "date_end": "2017-10-31", "precision": "month"}

``running`` is the narrative date known from earlier text; it may be a day
(``YYYY-MM-DD``), a month (``YYYY-MM``) or a year (``YYYY``).

For each item :func:`dragoman.timex.find_timexes` runs on the text; the predicted
expression that overlaps the gold offsets most is compared with the gold span.
An item is correct when ``date``, ``date_end`` and ``precision`` all match.
"""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from ..timex import DateSpan, find_timexes, parse_date_string

TARGETS = {"explicit": 0.95, "relative": 0.90, "narrative": 0.90}


def _running(value: str | None) -> DateSpan | None:
    if not value:
        return None
    span = parse_date_string(value)
    if span is None:
        raise ValueError(f"bad running date {value!r}")
    return DateSpan(span.start, span.end, span.precision, "narrative")


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    items = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            item = json.loads(line)
            if item["text"][item["start"]:item["end"]] != item["expr"]:
                raise ValueError(f"{path}:{n}: offsets do not match expr {item['expr']!r}")
            items.append(item)
    return items


def _pick(pred: list[DateSpan], start: int, end: int) -> DateSpan | None:
    best, best_overlap = None, 0
    for p in pred:
        if p.start_char is None:
            continue
        overlap = min(end, p.end_char) - max(start, p.start_char)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    return best


def evaluate_timex(path: str | Path) -> dict[str, Any]:
    """Exact-match accuracy per expression type and overall, plus the failures.

    Returns ``{"n", "correct", "accuracy", "found", "by_type": {type: {"n", "correct",
    "accuracy", "found"}}, "targets", "meets_targets", "failures": [...]}`` where
    ``found`` counts items for which some predicted expression overlapped the gold one.
    """
    items = load_gold(path)
    by_type: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "correct": 0, "found": 0})
    failures: list[dict[str, Any]] = []
    for item in items:
        anchor = date.fromisoformat(item["anchor"]) if item.get("anchor") else None
        pred = find_timexes(item["text"], anchor, _running(item.get("running")))
        got = _pick(pred, item["start"], item["end"])
        stats = by_type[item["type"]]
        stats["n"] += 1
        if got is not None:
            stats["found"] += 1
        g_start, g_end = (got.iso() if got is not None else (None, None))
        ok = (
            got is not None
            and g_start == item["date"]
            and g_end == item["date_end"]
            and got.precision == item["precision"]
        )
        if ok:
            stats["correct"] += 1
        else:
            failures.append(
                {
                    "id": item["id"],
                    "type": item["type"],
                    "expr": item["expr"],
                    "anchor": item.get("anchor"),
                    "running": item.get("running"),
                    "gold": [item["date"], item["date_end"], item["precision"]],
                    "pred": [g_start, g_end, got.precision] if got is not None else None,
                    "pred_text": got.text if got is not None else None,
                    "text": item["text"],
                }
            )
    report_types = {}
    for t, s in sorted(by_type.items()):
        report_types[t] = {**s, "accuracy": s["correct"] / s["n"] if s["n"] else 0.0}
    n = sum(s["n"] for s in by_type.values())
    correct = sum(s["correct"] for s in by_type.values())
    found = sum(s["found"] for s in by_type.values())
    meets = all(report_types[t]["accuracy"] >= v for t, v in TARGETS.items() if t in report_types)
    return {
        "path": str(path),
        "n": n,
        "correct": correct,
        "found": found,
        "accuracy": correct / n if n else 0.0,
        "by_type": report_types,
        "targets": dict(TARGETS),
        "meets_targets": meets,
        "failures": failures,
    }


def format_report(result: dict[str, Any], max_failures: int = 20) -> str:
    """A plain-text summary for the CLI."""
    lines = [f"timex gold: {result['path']}  ({result['n']} expressions)"]
    for t, s in result["by_type"].items():
        target = result["targets"].get(t)
        mark = "" if target is None else f"  (target {target:.0%})"
        lines.append(f"  {t:<10} {s['correct']:>4}/{s['n']:<4} {s['accuracy']:.1%}{mark}")
    lines.append(f"  {'overall':<10} {result['correct']:>4}/{result['n']:<4} {result['accuracy']:.1%}")
    for f in result["failures"][:max_failures]:
        lines.append(f"  FAIL {f['id']} [{f['type']}] {f['expr']!r}: gold {f['gold']} pred {f['pred']} ({f['pred_text']!r})")
    if len(result["failures"]) > max_failures:
        lines.append(f"  ... {len(result['failures']) - max_failures} more failures")
    return "\n".join(lines)
