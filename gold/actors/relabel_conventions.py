"""Bring gold actor codes in line with the conventions of docs/actor_codes.md, by rule.

    python gold/actors/relabel_conventions.py          # rewrite gold/actors/*.jsonl and gold/events/*.jsonl
    python gold/actors/relabel_conventions.py --dry-run

The rules look only at the gold file itself (its text, spans, dates and codes) and at the
knowledge-base data (party names and dated roles, country names); never at what the system
outputs. They print counts per file and rule, nothing of the texts, so the held-out test half
can be converted without being read.

Rules (each is a documented convention):
1. defence organ -> MIL: an actor mention whose text names a defence ministry or department
   ("the defence ministry", "Russia's Ministry of Defence", "the Pentagon"), and not a person
   holding it ("the Pentagon chief", "defence ministry spokesman"), coded ISO3GOV becomes ISO3MIL.
   In event gold, which has no spans, `attributed_to` ISO3GOV becomes ISO3MIL when the text reports
   the statement of that country's defence ministry ("Turkey's defence ministry said",
   "according to the Pentagon") and names no other speaker.
2. Brussels -> EU: a mention that is just "Brussels" coded BELGOV becomes IGOEUR.
3. dated party roles: a mention that is just a party's name or alias, coded with one of that
   party's tagged codes, gets the code for the item's date (GRCGOVNDM -> GRCOPPNDM in 2018).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "dragoman/data/actors"

_DEFENCE = r"(?:defen[cs]e|armed forces) (?:ministry|department)|ministry of (?:national )?defen[cs]e" \
           r"|department of defense|ministry of the armed forces|pentagon|\bmod\b"
DEFENCE_ORGAN = re.compile(rf"(?i)({_DEFENCE})")
# a person or office holder named through the organ: not the organ itself
HOLDER_WORDS = re.compile(r"(?i)\b(chief|head|spokes(?:man|woman|person)|official|officials|minister|secretary|"
                          r"press secretary|adviser|advisor|source|sources)\b")
REPORT = r"(?:\s+on\s+\w+)?\s+(?:said|says|announced|stated|claimed|reported|added|confirmed|denied)\b"
OTHER_SPEAKER = re.compile(r"(?i)\b(said|says|announced|stated|claimed|according to)\b")
_LEAD = re.compile(r"(?i)^(the\s+)")


def _core(text: str) -> str:
    return _LEAD.sub("", text.strip()).strip()


def _countries() -> dict[str, list[str]]:
    """ISO3 -> names and demonyms (possessive forms are matched by the pattern)."""
    out: dict[str, list[str]] = {}
    for item in yaml.safe_load((DATA / "countries.yaml").read_text(encoding="utf-8")):
        names = [item.get("name", "")] + [str(a) for a in item.get("aliases") or []] \
            + [str(d) for d in item.get("demonyms") or []]
        out[item["code"]] = [n for n in names if n]
    return out


def _parties() -> dict[str, dict]:
    """Normalised alias -> party item, for parties with dated roles."""
    out: dict[str, dict] = {}
    for item in yaml.safe_load((DATA / "organisations.yaml").read_text(encoding="utf-8")):
        if item.get("kind") == "party" and item.get("roles"):
            for name in [item["name"], *[str(a) for a in item.get("aliases") or []]]:
                out[name.casefold()] = item
    return out


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    parts = str(value).split("-")
    return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def party_code(item: dict, day: dt.date) -> str:
    """The party's code on `day`: the covering role, else the nearest one."""
    def distance(r: dict) -> int:
        start, end = _date(r.get("start")), _date(r.get("end"))
        if start and day < start:
            return (start - day).days
        if end and day > end:
            return (day - end).days
        return 0

    role = min(item["roles"], key=distance)["role"]
    return item["country"] + role + item["code"][6:]


def relabel_mention(m: dict, day: dt.date | None, parties: dict[str, dict]) -> str | None:
    """The rule that changes this gold mention, if any (the mention is updated in place)."""
    code, text = m.get("code") or "", m["text"]
    if DEFENCE_ORGAN.search(text) and not HOLDER_WORDS.search(text) and len(code) == 6 and code.endswith("GOV"):
        _set(m, code[:3] + "MIL")
        return "defence_organ"
    if _core(text) == "Brussels" and code == "BELGOV":
        m.update(code="IGOEUR", country=None, role="IGO")
        return "brussels"
    party = parties.get(_core(text).casefold())
    if party and day and len(code) == 9 and code[:3] == party["country"] and code[6:] == party["code"][6:]:
        new = party_code(party, day)
        if new != code:
            _set(m, new)
            return "party_role"
    return None


def _set(m: dict, code: str) -> None:
    m["code"], m["country"], m["role"] = code, code[:3], code[3:6]


def relabel_attribution(item: dict, ev: dict, countries: dict[str, list[str]]) -> str | None:
    """Events: a statement reported from a defence ministry is attributed to ISO3MIL."""
    att = ev.get("attributed_to") or ""
    if len(att) != 6 or not att.endswith("GOV"):
        return None
    text = item["text"]
    iso = att[:3]
    names = [re.escape(n) for n in countries.get(iso, [])] or ["(?!x)x"]
    owner = rf"(?:(?:{'|'.join(names)})(?:'s|’s)?\s+)?"
    said = re.compile(rf"(?i)\b(?:the\s+)?{owner}(?:{_DEFENCE}){REPORT}")
    according = re.compile(rf"(?i)according to (?:the\s+)?{owner}(?:{_DEFENCE})")
    hits = list(said.finditer(text)) + list(according.finditer(text))
    if not hits or len(OTHER_SPEAKER.findall(text)) != len(hits):
        return None
    if "pentagon" in " ".join(h.group(0).lower() for h in hits) and iso != "USA":
        return None
    ev["attributed_to"] = iso + "MIL"
    return "defence_attribution"


def run(dry: bool) -> None:
    parties, countries = _parties(), _countries()
    for path in sorted((ROOT / "gold/actors").glob("*.jsonl")):
        _relabel_file(path, dry, lambda item: (relabel_mention(m, _date(item.get("date")), parties)
                                               for m in item.get("mentions", [])))
    for path in sorted((ROOT / "gold/events").glob("*.jsonl")):
        _relabel_file(path, dry, lambda item: (relabel_attribution(item, ev, countries)
                                               for ev in item.get("events", [])))


def _relabel_file(path: Path, dry: bool, rules: Callable[[dict], Iterable[str | None]]) -> None:
    """Apply `rules` (the rule fired per mention or event, None for none) to every item; write and count."""
    counts: Counter = Counter()
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in items:
        counts.update(rule for rule in rules(item) if rule)
    _write(path, items, dry)
    print(f"{path.relative_to(ROOT)}: {sum(counts.values())} labels changed {dict(counts)}")


def _write(path: Path, items: list[dict], dry: bool) -> None:
    if not dry:
        path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true")
    run(ap.parse_args().dry_run)
