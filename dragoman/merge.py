"""Mentions to events: one real-world event, however many sentences report it.

Two mentions are the same event when they have the same (source, target)
country pair (roles may differ: "Turkey" and "the Turkish government"), the
same CAMEO root, overlapping or adjacent dates, and compatible places.
Mentions with unknown dates only join events within the same document.
Asserted vs negated mentions of one event, or differing dates, are kept and
flagged as contradictions instead of being thrown away.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

MAX_GAP_DAYS = 2  # day-precision dates this far apart may still be one event


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _actor_key(code: str | None, country: str | None) -> str:
    return country or (code or "")


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    a0, a1, b0, b1 = _day(a["date"]), _day(a.get("date_end") or a["date"]), _day(b["date"]), _day(b.get("date_end") or b["date"])
    if a0 is None or b0 is None:
        return a["doc_id"] == b["doc_id"]
    if a.get("date_precision") == "day" and b.get("date_precision") == "day":
        if abs((a0 - b0).days) > MAX_GAP_DAYS:
            return False
    elif not (a0 <= (b1 or b0) and b0 <= (a1 or a0)):
        return False
    la, lb = a.get("location_country"), b.get("location_country")
    return not (la and lb and la != lb)


def merge_mentions(mentions: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Group mention rows into events; returns (event rows, mention_id -> event_id)."""
    buckets: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        key = (_actor_key(m["source_actor"], m["source_country"]), _actor_key(m["target_actor"], m["target_country"]),
               (m["cameo_code"] or "")[:2])
        buckets[key].append(m)
    events: list[dict[str, Any]] = []
    assignment: dict[str, str] = {}
    for key, rows in buckets.items():
        rows.sort(key=lambda r: (str(r["date"] or "9999"), r["doc_id"], r["sent_start"] or 0))
        clusters: list[list[dict[str, Any]]] = []
        for r in rows:
            for cl in clusters:
                if any(_compatible(r, c) for c in cl):
                    cl.append(r)
                    break
            else:
                clusters.append([r])
        for cl in clusters:
            ev = _event_row(cl)
            events.append(ev)
            for r in cl:
                assignment[r["mention_id"]] = ev["event_id"]
    return events, assignment


def _event_row(cluster: list[dict[str, Any]]) -> dict[str, Any]:
    # the representative is the most confident asserted mention with a precise date
    prec_rank = {"day": 0, "month": 1, "range": 2, "year": 3}
    rep = min(cluster, key=lambda r: (r["modality"] != "asserted", prec_rank.get(r["date_precision"], 9),
                                      -(r["confidence"] or 0)))
    ids = sorted(r["mention_id"] for r in cluster)
    event_id = hashlib.sha1("|".join(ids[:1] + [rep["cameo_code"] or ""]).encode()).hexdigest()[:16]
    modalities = {r["modality"] for r in cluster}
    dates = {r["date"] for r in cluster if r["date"] and r["date_precision"] == "day"}
    flags = []
    if "asserted" in modalities and "negated" in modalities:
        flags.append("asserted_vs_negated")
    if len(dates) > 1:
        flags.append("different_dates")
    seen_dates = sorted(str(r["published"]) for r in cluster if r.get("published"))
    return {
        "event_id": event_id,
        "cameo_code": rep["cameo_code"],
        "cameo_root": rep["cameo_root"],
        "source_actor": rep["source_actor"],
        "target_actor": rep["target_actor"],
        "source_country": rep["source_country"],
        "target_country": rep["target_country"],
        "date": rep["date"],
        "date_end": rep["date_end"],
        "date_precision": rep["date_precision"],
        "goldstein": rep["goldstein"],
        "quad_class": rep["quad_class"],
        "plover_type": rep["plover_type"],
        "modality": rep["modality"],
        "location_name": rep["location_name"],
        "num_mentions": len(cluster),
        "num_sources": len({r.get("source_name") or r["doc_id"] for r in cluster}),
        "num_documents": len({r["doc_id"] for r in cluster}),
        "first_seen": seen_dates[0] if seen_dates else None,
        "last_seen": seen_dates[-1] if seen_dates else None,
        "contradicted": bool(flags),
        "flags": ",".join(flags) or None,
    }
