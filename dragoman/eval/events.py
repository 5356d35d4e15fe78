"""`dragoman eval events GOLD`: precision, recall and F1 of the coder on annotated sentences.

Gold and predicted events of one item are aligned greedily: a pair may align
when their triggers overlap in the text or when they share root, source and
target. Detection counts aligned pairs; root and code scores count aligned
pairs whose codes agree (so a wrong code is both a false positive and a false
negative for that score); actor, modality and date accuracies are over aligned
pairs.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Document


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class EventReport:
    items: int = 0
    detection: Scores = field(default_factory=Scores)
    root: Scores = field(default_factory=Scores)
    code: Scores = field(default_factory=Scores)
    source: Accuracy = field(default_factory=Accuracy)
    target: Accuracy = field(default_factory=Accuracy)
    pair: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    confusion: Counter = field(default_factory=Counter)
    error_kinds: Counter = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "detection": self.detection.as_dict(),
            "root": self.root.as_dict(),
            "code": self.code.as_dict(),
            "source_accuracy": round(self.source.value, 3),
            "target_accuracy": round(self.target.value, 3),
            "actor_pair_accuracy": round(self.pair.value, 3),
            "modality_accuracy": round(self.modality.value, 3),
            "date_accuracy": round(self.date.value, 3),
            "aligned": self.pair.total,
            "error_kinds": dict(self.error_kinds.most_common()),
        }


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON: {exc}") from exc
    return items


def _span(text: str, trigger: str | None) -> tuple[int, int] | None:
    if not trigger:
        return None
    i = text.find(trigger)
    if i < 0:
        i = text.lower().find(trigger.lower())
    return (i, i + len(trigger)) if i >= 0 else None


def _align(text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    cands = []
    for gi, g in enumerate(gold):
        gs = _span(text, g.get("trigger"))
        for pi, p in enumerate(pred):
            ps = (p["trigger_start"], p["trigger_end"]) if p.get("trigger_start") is not None else None
            overlap = bool(gs and ps and gs[0] < ps[1] and ps[0] < gs[1])
            same_root = (g.get("cameo") or "")[:2] == (p.get("cameo_code") or "")[:2]
            same_src = g.get("source") == p.get("source_actor")
            same_tgt = g.get("target") == p.get("target_actor")
            if not (overlap or (same_root and same_src and same_tgt)):
                continue
            score = 4 * overlap + 2 * same_root + same_src + same_tgt
            cands.append((score, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for score, gi, pi in sorted(cands, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def evaluate_events(path: str | Path, pipeline: Any, progress: Any = None) -> EventReport:
    items = load_gold(path)
    report = EventReport()
    docs = [Document(text=it["text"], published=it.get("published"), published_precision="day"
                     if it.get("published") else "unknown", doc_id=it["id"]) for it in items]
    for it, (doc, mentions) in zip(items, pipeline.code(docs)):
        report.items += 1
        gold = it.get("events") or []
        pred = [m.to_row() for m in mentions]
        pairs = _align(it["text"], gold, pred)
        aligned_g = {g for g, _ in pairs}
        aligned_p = {p for _, p in pairs}
        report.detection.tp += len(pairs)
        report.detection.fp += len(pred) - len(pairs)
        report.detection.fn += len(gold) - len(pairs)
        for scores, width in ((report.root, 2), (report.code, None)):
            right = sum(1 for g, p in pairs if _code_eq(gold[g].get("cameo"), pred[p]["cameo_code"], width))
            scores.tp += right
            scores.fp += len(pred) - right
            scores.fn += len(gold) - right
        for g, p in pairs:
            ge, pe = gold[g], pred[p]
            report.confusion[((ge.get("cameo") or "")[:2], (pe["cameo_code"] or "")[:2])] += 1
            report.source.add(ge.get("source") == pe["source_actor"])
            report.target.add(ge.get("target") == pe["target_actor"])
            report.pair.add(ge.get("source") == pe["source_actor"] and ge.get("target") == pe["target_actor"])
            report.modality.add(ge.get("modality", "asserted") == pe["modality"])
            if ge.get("date"):
                report.date.add(ge.get("date") == pe["date"])
        for g, ge in enumerate(gold):
            if g not in aligned_g:
                report.confusion[((ge.get("cameo") or "")[:2], "--")] += 1
        for p, pe in enumerate(pred):
            if p not in aligned_p:
                report.confusion[("--", (pe["cameo_code"] or "")[:2])] += 1
        wrong = [(gold[g], pred[p]) for g, p in pairs if not (
            _code_eq(gold[g].get("cameo"), pred[p]["cameo_code"], 2)
            and gold[g].get("source") == pred[p]["source_actor"] and gold[g].get("target") == pred[p]["target_actor"]
            and gold[g].get("modality", "asserted") == pred[p]["modality"])]
        kinds = error_kinds(it["text"], gold, pred, pairs)
        report.error_kinds.update(kinds)
        if wrong or len(pairs) < max(len(gold), len(pred)):
            report.errors.append({
                "id": it["id"], "text": it["text"],
                "gold": [_brief_gold(e) for e in gold],
                "pred": [_brief_pred(e) for e in pred],
                "kinds": kinds,
            })
        if progress:
            progress()
    return report


def actor_error(gold: dict[str, Any], pred: dict[str, Any]) -> str | None:
    """What went wrong with the actors of an aligned pair, or None when both are right.

    Kinds, so that counts point at a cause: `swapped` (source and target
    exchanged), `source_wrong`, `target_missing` (gold has one, we have none),
    `target_extra` (gold has none), `target_wrong` (both set, differ), `both_wrong`.
    """
    gs, gt, ps, pt = gold.get("source"), gold.get("target"), pred["source_actor"], pred["target_actor"]
    if gs == ps and gt == pt:
        return None
    if gs == pt and gt == ps:
        return "swapped"
    if gt == pt:
        return "source_wrong"
    if gs != ps:
        return "both_wrong"
    if pt is None:
        return "target_missing"
    return "target_extra" if gt is None else "target_wrong"


def error_kinds(text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]],
                pairs: list[tuple[int, int]]) -> list[str]:
    """Error categories of one item: actor errors of aligned pairs, then unaligned gold and predictions.

    An unaligned gold event is `missed_direction` when its reverse is another
    gold event of the item, `missed_conjunct` when another gold event shares
    its trigger, `missed_with_trigger` when some prediction overlaps its
    trigger, else `missed_event`. An unaligned prediction is `extra_same_trigger`
    when an aligned prediction has the same trigger, else `extra_event`.
    """
    kinds = [k for g, p in pairs if (k := actor_error(gold[g], pred[p]))]
    aligned_g, aligned_p = {g for g, _ in pairs}, {p for _, p in pairs}
    for gi, g in enumerate(gold):
        if gi in aligned_g:
            continue
        others = [o for oi, o in enumerate(gold) if oi != gi]
        gs = _span(text, g.get("trigger"))
        if any(o.get("source") == g.get("target") and o.get("target") == g.get("source") for o in others):
            kinds.append("missed_direction")
        elif any(o.get("trigger") == g.get("trigger") for o in others):
            kinds.append("missed_conjunct")
        elif gs and any(p.get("trigger_start") is not None and gs[0] < p["trigger_end"] and p["trigger_start"] < gs[1]
                        for p in pred):
            kinds.append("missed_with_trigger")
        else:
            kinds.append("missed_event")
    aligned_trigs = {pred[p].get("trigger_start") for p in aligned_p}
    for pi, p in enumerate(pred):
        if pi not in aligned_p:
            kinds.append("extra_same_trigger" if p.get("trigger_start") in aligned_trigs else "extra_event")
    return kinds


def _code_eq(gold: str | None, pred: str | None, width: int | None) -> bool:
    if not gold or not pred:
        return False
    return gold[:width] == pred[:width] if width else gold == pred


def _brief_gold(e: dict[str, Any]) -> str:
    return f"{e.get('source')} {e.get('cameo')} {e.get('target')} [{e.get('modality')}] '{e.get('trigger')}' {e.get('date')}"


def _brief_pred(e: dict[str, Any]) -> str:
    return f"{e['source_actor']} {e['cameo_code']} {e['target_actor']} [{e['modality']}] '{e['trigger']}' {e['date']}"


def confusion_table(report: EventReport) -> tuple[list[str], list[list[int]]]:
    labels = sorted({a for a, _ in report.confusion} | {b for _, b in report.confusion})
    return labels, [[report.confusion.get((g, p), 0) for p in labels] for g in labels]
