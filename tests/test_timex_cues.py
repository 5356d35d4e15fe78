"""The cue prefilter in `dragoman.timex` only skips patterns that could not have produced a hit.

Every test compares the atoms found with the prefilter against the atoms found when every
pattern runs on every text (the prefilter switched off), so a cue that is tighter than its
pattern shows up as a missing or different hit.
"""
from __future__ import annotations

import random

import pytest

from dragoman import timex


def _atoms_key(text: str) -> list[tuple]:
    return [(h.kind, h.start, h.end, tuple(sorted(h.g.items())), h.ctx_ok) for h in timex._atoms(text)]


def _unfiltered(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    with monkeypatch.context() as m:
        m.setattr(timex, "_cues", lambda _text: timex._ALL_CUES)
        return _atoms_key(text)


TRICKY = [
    "Turkish warplanes shot down a Russian Su-24 bomber on November 24, 2015.",
    "PARIS, June 6 (Reuters) - The French government condemned the move on Tuesday.",
    "MARCH 5, 2020: ministers met in SEPT. and again on the 3rd of OCTOBER 2021.",
    "Theresa May met Markets officials; the Women's March was held in mid-May.",
    "Talks ran from march 3 to march 9, and between 2016 and 2018.",
    "Two days later, the day before, that same week, earlier in the year.",
    "Three years ago, in the past five years, so far this year, year-to-date.",
    "Hours later the Q3 2019 figures and 2019 H2 numbers for the first quarter of last year.",
    "The 1990s, the early 2000s, the summer of 2014, last winter and next spring.",
    "Ever since then, the following morning, the week after that, a fortnight before June 13.",
    "Yesterday, last night, tomorrow, this afternoon, the day after tomorrow, USA Today.",
    "The vote was on 15/07/2016 and 2016-07-15, with 2,000 troops and 1500 km.",
    "İstanbul, 5 MART 2020 - Cumartesİ; KELVIN K degrees; ſeptember.",
    "FRIDAY, Good Friday, Black Monday, last Sunday, next thursday, Sunday Times.",
    "The ministry condemned the attack and called for restraint.",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_prefilter_keeps_every_hit(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _atoms_key(text) == _unfiltered(text, monkeypatch)


FRAGMENTS = [
    "on", "in", "since", "the", "last", "next", "this", "past", "coming", "early", "late", "mid-",
    "January", "JULY", "july", "Sept.", "Oct", "May", "may", "Monday", "TUESDAY", "sunday",
    "3", "15th", "31", "2016", "1999", "2016-2018", "2019-05-04", "05/04/2019", "1990s", "Q2",
    "days", "weeks", "month", "year", "decade", "hours", "minutes", "ago", "later", "earlier",
    "before", "after", "prior to", "ahead of", "that", "same", "following", "morning", "night",
    "today", "Yesterday", "tomorrow", "so far", "quarter", "half", "spring", "winter", "then",
    "two", "a few", "several", "twenty-one", "between", "and", "to", "from", ",", ".", "-",
    "Markets", "President", "said", "troops", "İ", "ſ", "\n",
]


def test_prefilter_on_random_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(20261123)
    for _ in range(400):
        text = " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 14)))
        assert _atoms_key(text) == _unfiltered(text, monkeypatch), text


def test_plain_sentence_runs_no_pattern() -> None:
    cues = timex._cues("The ministry condemned the attack and called for restraint.")
    assert not [k for k, needs in timex._NEEDS.items() if cues.issuperset(needs)]


def test_non_ascii_text_runs_every_pattern() -> None:
    assert timex._cues("Cumartesİ günü") == timex._ALL_CUES
