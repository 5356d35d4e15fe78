"""Exports of event mentions: JSONL, CSV, Parquet, and GDELT-like columns.

Writers are a registry keyed by format name; each gets the rows of the export
contract (records.EXPORT_COLUMNS) in a fixed column order.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .records import EXPORT_COLUMNS
from .store import EventFilter, Store

WRITERS: dict[str, Callable[[list[dict[str, Any]], Path], None]] = {}

# GDELT 1.0/2.0 event-table names for the fields we have
GDELT_COLUMNS = {
    "GLOBALEVENTID": "event_id", "SQLDATE": "date", "Actor1Code": "source_actor",
    "Actor1Name": "source_actor_name", "Actor1CountryCode": "source_country", "Actor1Type1Code": "source_role",
    "Actor2Code": "target_actor", "Actor2Name": "target_actor_name", "Actor2CountryCode": "target_country",
    "Actor2Type1Code": "target_role", "IsRootEvent": None, "EventCode": "cameo_code",
    "EventBaseCode": None, "EventRootCode": "cameo_root", "QuadClass": "quad_class",
    "GoldsteinScale": "goldstein", "NumMentions": "num_mentions", "NumSources": "num_sources",
    "NumArticles": "num_documents", "ActionGeo_FullName": "location_name",
    "ActionGeo_CountryCode": "location_country", "ActionGeo_Lat": "lat", "ActionGeo_Long": "lon",
    "DATEADDED": "published", "SOURCEURL": "doc_url",
}


def register_writer(name: str) -> Callable:
    def deco(fn: Callable[[list[dict[str, Any]], Path], None]) -> Callable:
        WRITERS[name] = fn
        return fn

    return deco


def export_rows(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Mention rows in the export contract, with event-level counts joined in."""
    events = {e["event_id"]: e for e in store.events()}
    rows = []
    for m in store.mentions(flt):
        row = {c: m.get(c) for c in EXPORT_COLUMNS if c != "target_name"}
        row["target_name"] = m.get("target_actor_name")
        ev = events.get(m.get("event_id") or "")
        for k in ("num_mentions", "num_sources", "num_documents"):
            row[k] = ev.get(k) if ev else None
        rows.append(row)
    return rows


def export(store: Store, fmt: str, path: str | Path, flt: EventFilter | None = None) -> int:
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(WRITERS))}")
    rows = export_rows(store, flt)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[fmt](rows, path)
    return len(rows)


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    return list(rows[0].keys()) if rows else EXPORT_COLUMNS + ["num_mentions", "num_sources", "num_documents"]


@register_writer("jsonl")
def _jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


@register_writer("csv")
def _csv(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=_columns(rows))
        w.writeheader()
        w.writerows(rows)


@register_writer("parquet")
def _parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = _columns(rows)
    table = pa.Table.from_pylist(rows, schema=None) if rows else pa.table({c: pa.array([], pa.string()) for c in cols})
    pq.write_table(table, path)


@register_writer("gdelt")
def _gdelt(rows: list[dict[str, Any]], path: Path) -> None:
    """Tab-separated, GDELT event-table column names, one row per mention."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(GDELT_COLUMNS)
        for r in rows:
            out = []
            for name, src in GDELT_COLUMNS.items():
                if name == "SQLDATE":
                    out.append((r.get("date") or "").replace("-", ""))
                elif name == "IsRootEvent":
                    out.append(1)
                elif name == "EventBaseCode":
                    out.append((r.get("cameo_code") or "")[:3])
                else:
                    out.append("" if r.get(src) is None else r.get(src))
            w.writerow(out)
