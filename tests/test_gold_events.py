"""Mechanical checks of every event gold file, so an annotation slip is caught before it skews a score.

The checks follow `gold/events/README.md`: codes from `cameo.tsv` with their `plover_type`,
valid modality with `attributed_to` only on reported events, triggers and locations that are
substrings of the text, never two null actors, and actor codes built from a known country or
IGO prefix, a role from `docs/actor_codes.md` and at most one group tag. Only the schema is
read (never scored), so the held-out file is checked too without anyone looking at it.
"""
from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest

from dragoman.actors.kb import load_kb

GOLD = Path(__file__).resolve().parent.parent / "gold" / "events"
ROLES = frozenset({"GOV", "MIL", "SPY", "DIP", "COP", "JUD", "LEG", "OPP", "REB", "MED", "BUS", "CVL"})
MODALITIES = frozenset({"asserted", "reported", "planned", "hypothetical", "negated"})
PRECISIONS = frozenset({"day", "week", "month", "year", "range", "unknown"})
CODE_SHAPE = re.compile(r"^(?P<prefix>[A-Z]{3})(?P<role>[A-Z]{3})?(?P<tag>[A-Z0-9]{3})?$")


@lru_cache(maxsize=1)
def cameo() -> dict[str, str]:
    """code -> plover_type ('' where PLOVER does not code it)."""
    path = Path(str(resources.files("dragoman") / "data" / "ontology" / "cameo.tsv"))
    with path.open(encoding="utf-8") as fh:
        return {row["code"]: row["plover_type"] or "" for row in csv.DictReader(fh, delimiter="\t")}


@lru_cache(maxsize=1)
def known_codes() -> tuple[frozenset[str], frozenset[str]]:
    """(country prefixes, whole codes of named organisations and groups)."""
    kb = load_kb()
    orgs = frozenset(e["code"] for e in kb.organisations.values() if e.get("code"))
    return frozenset(kb.countries), orgs


def actor_problem(code: str) -> str | None:
    countries, orgs = known_codes()
    if code in orgs:
        return None
    m = CODE_SHAPE.match(code)
    if not m:
        return "not a CAMEO-style code"
    prefix, role, tag = m["prefix"], m["role"], m["tag"]
    if prefix == "IGO":
        return None if role and not tag else "an IGO code needs its three-letter organisation tag"
    if prefix not in countries:
        return f"unknown country {prefix}"
    if role and role not in ROLES:
        return f"unknown role {role}"
    if tag and not role:
        return "a tag without a role"
    return None


def event_problems(item: dict, ev: dict) -> list[str]:
    text, out = item["text"], []
    table = cameo()
    code = ev.get("cameo")
    if code not in table:
        out.append(f"CAMEO code {code!r} not in cameo.tsv")
    elif (ev.get("plover") or "") != table[code]:
        out.append(f"plover {ev.get('plover')!r} but cameo.tsv gives {table[code]!r} for {code}")
    modality = ev.get("modality", "asserted")
    if modality not in MODALITIES:
        out.append(f"modality {modality!r}")
    if bool(ev.get("attributed_to")) and modality != "reported":
        out.append("attributed_to set on an event that is not reported")
    for key in ("trigger", "location"):
        if ev.get(key) and ev[key].lower() not in text.lower():
            out.append(f"{key} {ev[key]!r} is not in the text")
    if not ev.get("trigger"):
        out.append("no trigger")
    if not ev.get("source") and not ev.get("target"):
        out.append("both actors null")
    for key in ("source", "target"):
        if ev.get(key) and (why := actor_problem(ev[key])):
            out.append(f"{key} {ev[key]}: {why}")
    precision = ev.get("date_precision", "unknown")
    if precision not in PRECISIONS:
        out.append(f"date_precision {precision!r}")
    if ev.get("date") and precision == "unknown":
        out.append("a date with unknown precision")
    if precision == "range" and not ev.get("date_end"):
        out.append("a range without date_end")
    return out


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.jsonl"))


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.name)
def test_gold_file_is_well_formed(path: Path) -> None:
    problems, ids = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item["id"] in ids:
            problems.append(f"{path.name}:{n}: duplicate id {item['id']}")
        ids.add(item["id"])
        for ev in item.get("events") or []:
            problems += [f"{path.name}:{n} {item['id']}: {p}" for p in event_problems(item, ev)]
    assert not problems, "\n".join(problems[:40])


def test_checker_catches_slips() -> None:
    item = {"id": "x", "text": "Turkey summoned the Iranian ambassador on Monday."}
    good = {"source": "TURGOV", "target": "IRNDIP", "cameo": "111", "plover": cameo()["111"],
            "modality": "asserted", "trigger": "summoned", "date_precision": "unknown"}
    assert event_problems(item, good) == []
    slips = [
        {**good, "cameo": "999"},
        {**good, "plover": "ASSAULT"},
        {**good, "trigger": "rebuked"},
        {**good, "source": None, "target": None},
        {**good, "target": "XYZGOV"},
        {**good, "target": "IRNABC"},
        {**good, "attributed_to": "IRNGOV"},
        {**good, "modality": "maybe"},
        {**good, "date": "2020-01-01"},
    ]
    for slip in slips:
        assert event_problems(item, slip), slip
    assert actor_problem("TURREBPKK") is None and actor_problem("IGONAT") is None
    assert actor_problem("IGO") is not None
