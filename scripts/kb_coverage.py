"""Knowledge-base coverage: which office holders are missing, by country, office kind and date.

Why: a role phrase without a name ("the Iranian defence minister") and a later "the minister"
are only resolved to a person when the people files (dragoman/data/actors/people_*.yaml) hold
whoever had the office on the event date. This script lists, for the ~30 countries the project
reports on most and for six office kinds, the date ranges between 2000-01-01 and 2025-12-31
that no principal holder covers, so gaps can be filled deliberately instead of by accident.

Office kinds are groups of the `office:` keys used in the people files and in roles.yaml:

    head_of_state        head_of_state, supreme_leader
    head_of_government   head_of_government
    foreign_minister     foreign_minister
    defence_minister     defence_minister
    military_chief       chief_of_general_staff, army_commander  (either one covers the date)
    intelligence_chief   intelligence_chief  (any of the country's services covers the date)

A spell counts when it is a principal one (not `deputy:`/`region:`) held for the country;
`secondary: true` spells count (the person did hold the office). Deputy or acting-in-a-region
holders do not. Periods where an office did not exist are listed in NOT_APPLICABLE and are not
gaps (no prime minister in the US, in Iran after 1989, in Cyprus, or in Turkey after July 2018).
Vacancies (Lebanon's presidency) count as not applicable too.
Gaps shorter than --min-days (default 15) are handover slack and are not reported.

Usage:
    python scripts/kb_coverage.py                 # every gap, then totals
    python scripts/kb_coverage.py --summary       # totals per country and office kind only
    python scripts/kb_coverage.py --country TUR   # one country

The total printed last ("uncovered country-office-years") is the sum of uncovered days / 365.25.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dragoman.actors.kb import KnowledgeBase, load_kb  # noqa: E402

START = dt.date(2000, 1, 1)
END = dt.date(2025, 12, 31)

COUNTRIES = ("TUR IRN RUS ISR USA SYR IRQ EGY SAU ARE QAT JOR LBN AZE ARM UKR GEO GRC CYP DEU FRA GBR "
             "CHN PAK AFG IND LBY YEM SDN KWT").split()

OFFICE_KINDS: dict[str, tuple[str, ...]] = {
    "head_of_state": ("head_of_state", "supreme_leader"),
    "head_of_government": ("head_of_government",),
    "foreign_minister": ("foreign_minister",),
    "defence_minister": ("defence_minister",),
    "military_chief": ("chief_of_general_staff", "army_commander"),
    "intelligence_chief": ("intelligence_chief",),
}

# (country, office kind) -> periods when the office did not exist; these are not gaps.
NOT_APPLICABLE: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {
    ("USA", "head_of_government"): [(START, END)],  # the president heads the government
    ("IRN", "head_of_government"): [(START, END)],  # post abolished in 1989
    ("CYP", "head_of_government"): [(START, END)],  # presidential republic
    ("TUR", "head_of_government"): [(dt.date(2018, 7, 9), END)],  # post abolished with the 2017 referendum
    ("SYR", "head_of_government"): [(dt.date(2025, 3, 29), END)],  # no prime minister in the transitional government
    ("SDN", "head_of_government"): [(START, dt.date(2017, 2, 28))],  # post abolished 1989, restored March 2017
    ("AFG", "head_of_government"): [(dt.date(2001, 12, 22), dt.date(2014, 9, 28)),  # presidential system
                                    (dt.date(2020, 3, 10), dt.date(2021, 9, 6))],  # chief executive post ended
    ("IRQ", "head_of_state"): [(dt.date(2003, 4, 10), dt.date(2004, 6, 27))],  # CPA; rotating council presidency
    ("IRQ", "head_of_government"): [(dt.date(2003, 4, 10), dt.date(2004, 6, 27))],
    ("LBN", "head_of_state"): [(dt.date(2007, 11, 24), dt.date(2008, 5, 24)),  # presidential vacancies
                               (dt.date(2014, 5, 25), dt.date(2016, 10, 30)),
                               (dt.date(2022, 10, 31), dt.date(2025, 1, 8))],
}

Interval = tuple[dt.date, dt.date]


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Union of closed date intervals, sorted."""
    out: list[Interval] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1] + dt.timedelta(days=1):
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _gaps(covered: list[Interval], lo: dt.date, hi: dt.date) -> list[Interval]:
    """The parts of [lo, hi] that `covered` (merged) leaves out."""
    gaps, cursor = [], lo
    for start, end in covered:
        if end < cursor:
            continue
        if start > hi:
            break
        if start > cursor:
            gaps.append((cursor, start - dt.timedelta(days=1)))
        cursor = max(cursor, end + dt.timedelta(days=1))
    if cursor <= hi:
        gaps.append((cursor, hi))
    return gaps


def held_intervals(kb: KnowledgeBase) -> dict[tuple[str, str], list[Interval]]:
    """(country, office kind) -> intervals covered by principal holders, clipped to the window."""
    kind_of = {office: kind for kind, offices in OFFICE_KINDS.items() for office in offices}
    held: dict[tuple[str, str], list[Interval]] = {}
    for person in kb.people.values():
        for spell in person.roles:
            kind = kind_of.get(spell.office or "")
            if kind is None or spell.minor or spell.role == "DIP":
                continue
            start, end = max(spell.start or START, START), min(spell.end or END, END)
            if start <= end and person.country:
                held.setdefault((person.country, kind), []).append((start, end))
    return held


def uncovered(kb: KnowledgeBase, countries: Iterable[str], min_days: int) -> dict[tuple[str, str], list[Interval]]:
    """(country, office kind) -> gaps of at least `min_days` days, outside NOT_APPLICABLE periods."""
    held = held_intervals(kb)
    result = {}
    for country in countries:
        for kind in OFFICE_KINDS:
            cover = _merge([*held.get((country, kind), []), *NOT_APPLICABLE.get((country, kind), [])])
            gaps = [g for g in _gaps(cover, START, END) if (g[1] - g[0]).days + 1 >= min_days]
            result[(country, kind)] = gaps
    return result


def _years(gaps: list[Interval]) -> float:
    return sum((b - a).days + 1 for a, b in gaps) / 365.25


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--country", action="append", help="ISO3 code (repeatable); default: the 30 listed")
    ap.add_argument("--min-days", type=int, default=15, help="ignore gaps shorter than this (handover slack)")
    ap.add_argument("--summary", action="store_true", help="print totals only")
    args = ap.parse_args(argv)
    kb = load_kb()
    gaps = uncovered(kb, args.country or COUNTRIES, args.min_days)
    if not args.summary:
        for (country, kind), spans in gaps.items():
            for a, b in spans:
                print(f"{country}\t{kind}\t{a}\t{b}\t{(b - a).days + 1} days")
    by_country: dict[str, float] = {}
    by_kind: dict[str, float] = {}
    for (country, kind), spans in gaps.items():
        by_country[country] = by_country.get(country, 0.0) + _years(spans)
        by_kind[kind] = by_kind.get(kind, 0.0) + _years(spans)
    print("\nuncovered years by country: " + ", ".join(f"{c} {y:.1f}" for c, y in
                                                      sorted(by_country.items(), key=lambda x: -x[1]) if y))
    print("uncovered years by office kind: " + ", ".join(f"{k} {y:.1f}" for k, y in by_kind.items()))
    total = sum(by_country.values())
    slots = len(gaps) * (END.year - START.year + 1)
    print(f"uncovered country-office-years: {total:.1f} of {slots}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
