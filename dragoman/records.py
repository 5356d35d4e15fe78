"""The records that flow through the pipeline.

`Document` is what ingest produces; `Mention` is one coded event mention and is
the export contract of DESIGN.md (one row per mention). Keeping both as plain
dataclasses lets every stage, store backend and exporter agree on one shape.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def content_hash(text: str) -> str:
    """Stable id of a document's text (whitespace-normalised, so re-saves match)."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


@dataclass
class Document:
    """One article after ingest: clean text plus whatever metadata we could find."""

    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    source_name: str | None = None
    published: str | None = None  # ISO date
    published_precision: str = "unknown"  # day | month | year | unknown
    published_basis: str = "unknown"  # metadata | dateline | content | unknown
    format: str = "txt"
    duplicate_of: str | None = None  # near-duplicate link (syndicated copies)
    doc_id: str = ""

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = content_hash(self.text)

    def to_row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Mention:
    """One event mention: who did what to whom, when, where, from which sentence."""

    doc_id: str
    sentence: str
    sent_start: int
    sent_end: int
    trigger: str
    cameo_code: str
    source_actor: str | None = None
    target_actor: str | None = None
    source_actor_name: str | None = None
    target_actor_name: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    source_role: str | None = None
    target_role: str | None = None
    cameo_root: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    date: str | None = None
    date_end: str | None = None
    date_precision: str = "unknown"
    date_basis: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    confidence: float = 0.5
    # document-level fields, copied in for self-contained export rows
    doc_path: str | None = None
    doc_url: str | None = None
    doc_title: str | None = None
    source_name: str | None = None
    published: str | None = None
    published_precision: str | None = None
    mention_id: str = ""
    event_id: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.mention_id:
            key = "|".join(
                str(x)
                for x in (
                    self.doc_id,
                    self.sent_start,
                    self.trigger_start,
                    self.cameo_code,
                    self.source_actor,
                    self.target_actor,
                )
            )
            self.mention_id = hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_row(self) -> dict[str, Any]:
        # shallow on purpose: asdict() deep-copies every field and is the slowest step of storing
        return {name: getattr(self, name) for name in MENTION_COLUMNS}


MENTION_COLUMNS: list[str] = [f.name for f in fields(Mention) if f.name != "extras"]

# Export contract: DESIGN.md names the actor names `source_name`/`target_name`;
# `source_name` is also the publisher. Exports resolve the clash by writing the
# publisher as `source_name` and the actors as `source_actor_name`/`target_actor_name`
# plus `target_name`, so every contract field is present and none is ambiguous.
EXPORT_COLUMNS: list[str] = [
    "event_id", "mention_id", "doc_id", "doc_path", "doc_url", "doc_title", "source_name",
    "published", "published_precision", "date", "date_end", "date_precision", "date_basis",
    "source_actor", "target_actor", "source_actor_name", "target_name", "target_actor_name",
    "source_country", "target_country", "source_role", "target_role",
    "cameo_code", "cameo_root", "goldstein", "quad_class", "plover_type", "plover_mode",
    "modality", "attributed_to", "location_name", "location_country", "lat", "lon",
    "sentence", "sent_start", "sent_end", "trigger", "confidence",
]
