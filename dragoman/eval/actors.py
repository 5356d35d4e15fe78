"""`dragoman eval actors GOLD`: does each annotated mention get the right code on its date?

Each gold mention is matched to the resolver's mention covering the same
characters (overlap); a gold mention with no resolver mention counts wrong.
`non_actors` (places used as locations, things described by a demonym) are
scored apart, so `accuracy` stays the share of actor mentions coded right:
a resolver mention overlapping a non-actor span is a false positive, and
`non_actor_accuracy` is the share of those spans left alone.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ActorReport:
    total: int = 0
    right: int = 0
    non_actors: int = 0
    non_actors_left: int = 0
    by_tag: dict[str, list[int]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def summary(self) -> dict[str, Any]:
        both = self.total + self.non_actors
        return {"mentions": self.total, "correct": self.right, "accuracy": round(self.accuracy, 3),
                "non_actor_spans": self.non_actors, "non_actors_left_alone": self.non_actors_left,
                "non_actor_accuracy": round(self.non_actors_left / self.non_actors, 3) if self.non_actors else None,
                "accuracy_with_non_actors": round((self.right + self.non_actors_left) / both, 3) if both else 0.0,
                "by_tag": {t: round(r / n, 3) for t, (r, n) in sorted(self.by_tag.items())}}


def _overlapping(found: list[Any], span: dict[str, Any]) -> list[Any]:
    """Resolver mentions sharing at least one character with a gold span."""
    return [a for a in found if a.start_char < span["end"] and span["start"] < a.end_char]


def evaluate_actors(path: str | Path, pipeline: Any) -> ActorReport:
    from ..actors.resolve import at_date

    report = ActorReport()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        day = dt.date.fromisoformat(item["date"]) if item.get("date") else None
        sdoc = pipeline.nlp(item["text"])
        found = [at_date(a, pipeline.kb, day) for a in pipeline.actors.resolve(sdoc, day)]
        for m in item.get("mentions", []):
            hits = _overlapping(found, m)
            got = hits[0].code if hits else None
            ok = got == m["code"]
            report.total += 1
            report.right += ok
            for tag in item.get("tags", []) or ["untagged"]:
                r = report.by_tag.setdefault(tag, [0, 0])
                r[0] += ok
                r[1] += 1
            if not ok:
                report.failures.append({"id": item["id"], "mention": m["text"], "expected": m["code"], "got": got,
                                        "text": item["text"]})
        for n in item.get("non_actors", []):
            hits = _overlapping(found, n)
            report.non_actors += 1
            report.non_actors_left += not hits
            if hits:
                report.failures.append({"id": item["id"], "mention": n["text"], "expected": f"no actor ({n['type']})",
                                        "got": hits[0].code, "text": item["text"]})
    return report
