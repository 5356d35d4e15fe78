"""Temporal grounding: date expressions, publication dates, the document clock."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.eval.timex import evaluate_timex, load_gold
from dragoman.timex import (
    UNKNOWN,
    DateSpan,
    DocumentClock,
    find_timexes,
    infer_publication_date,
    parse_date_string,
)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "gold" / "timex" / "dev.jsonl"
TEST = ROOT / "gold" / "timex" / "test.jsonl"
D = date.fromisoformat


def one(text: str, anchor: str | None, expr: str, running: DateSpan | None = None) -> DateSpan:
    """The resolved expression whose text contains `expr`."""
    spans = find_timexes(text, D(anchor) if anchor else None, running)
    hits = [s for s in spans if s.text and expr in s.text]
    assert hits, f"{expr!r} not found in {[s.text for s in spans]}"
    return hits[0]


def iso(span: DateSpan) -> tuple[str | None, str | None, str]:
    return (*span.iso(), span.precision)


def running(day: str, precision: str = "day") -> DateSpan:
    d = D(day)
    if precision == "day":
        return DateSpan(d, d, "day", "explicit")
    if precision == "month":
        import calendar

        return DateSpan(d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1]), "month", "explicit")
    return DateSpan(date(d.year, 1, 1), date(d.year, 12, 31), "year", "explicit")


# --------------------------------------------------------------------------- explicit


@pytest.mark.parametrize(
    "text,anchor,expr,want",
    [
        ("Talks were held on August 15, 2017 in Ankara.", "2017-09-01", "August 15, 2017", ("2017-08-15", "2017-08-15", "day")),
        ("The coup began on 15 July 2016.", "2016-08-01", "15 July 2016", ("2016-07-15", "2016-07-15", "day")),
        ("Soleimani was killed on Jan. 3, 2020.", "2020-01-09", "Jan. 3, 2020", ("2020-01-03", "2020-01-03", "day")),
        ("The statement, dated 2021-05-12, was read out.", "2021-05-13", "2021-05-12", ("2021-05-12", "2021-05-12", "day")),
        ("Police detained 40 suspects on 15.07.2017.", "2017-07-16", "15.07.2017", ("2017-07-15", "2017-07-15", "day")),
        ("They met in August 2017.", "2018-01-01", "August 2017", ("2017-08-01", "2017-08-31", "month")),
        ("Ankara and Tehran signed the deal in 2020.", "2021-06-01", "2020", ("2020-01-01", "2020-12-31", "year")),
        ("Iran's envoy came to Ankara in late November.", "2023-12-05", "November", ("2023-11-01", "2023-11-30", "month")),
        ("Strikes intensified in mid-2018.", "2019-01-15", "2018", ("2018-01-01", "2018-12-31", "year")),
        # year-less dates: the most recent one not after the anchor...
        ("Hamas attacked on Oct. 7, killing 1,200 people.", "2023-11-15", "Oct. 7", ("2023-10-07", "2023-10-07", "day")),
        ("The ministers last spoke on 3 March.", "2022-03-10", "3 March", ("2022-03-03", "2022-03-03", "day")),
        ("Putin visited Tehran on July 19.", "2023-01-10", "July 19", ("2022-07-19", "2022-07-19", "day")),
        ("The embassy moved in May.", "2018-08-01", "May", ("2018-05-01", "2018-05-31", "month")),
        # ...or the next one when the clause speaks of the future
        ("Elections will be held on June 24, the board said.", "2018-04-20", "June 24", ("2018-06-24", "2018-06-24", "day")),
        ("Turkey may send troops in March, officials warned.", "2020-02-10", "March", ("2020-03-01", "2020-03-31", "month")),
    ],
)
def test_explicit(text, anchor, expr, want):
    assert iso(one(text, anchor, expr)) == want


def test_explicit_dates_do_not_depend_on_the_anchor():
    a = one("Russia invaded Ukraine on 24 February 2022.", "2024-01-01", "2022")
    b = one("Russia invaded Ukraine on 24 February 2022.", None, "2022")
    assert iso(a) == iso(b) == ("2022-02-24", "2022-02-24", "day")
    assert a.basis == "explicit"


def test_yearless_date_without_anchor_is_left_out():
    assert find_timexes("They met on Oct. 7.", None) == []


def test_offsets_point_at_the_expression():
    text = "On Tuesday, Turkey said it had struck PKK targets on 3 March and in the last five years."
    spans = find_timexes(text, D("2022-03-10"))
    assert [s.text for s in spans] == ["Tuesday", "3 March", "in the last five years"]
    for s in spans:
        assert text[s.start_char:s.end_char] == s.text


# --------------------------------------------------------------------------- relative


@pytest.mark.parametrize(
    "text,anchor,expr,want",
    [
        # 2022-07-26 is a Tuesday
        ("Putin and Erdogan spoke on Saturday.", "2022-07-26", "Saturday", ("2022-07-23", "2022-07-23", "day")),
        ("The Kremlin said Tuesday that talks went well.", "2022-07-26", "Tuesday", ("2022-07-26", "2022-07-26", "day")),
        ("Putin will travel to Tehran on Wednesday.", "2022-07-26", "Wednesday", ("2022-07-27", "2022-07-27", "day")),
        ("Officials met last Tuesday.", "2022-07-26", "last Tuesday", ("2022-07-19", "2022-07-19", "day")),
        ("Parliament reconvenes next Tuesday.", "2022-07-26", "next Tuesday", ("2022-08-02", "2022-08-02", "day")),
        ("Iran's leader spoke yesterday.", "2022-07-26", "yesterday", ("2022-07-25", "2022-07-25", "day")),
        ("The ministry reported last week that ...", "2022-07-26", "last week", ("2022-07-18", "2022-07-24", "range")),
        ("Exports fell last month.", "2022-07-26", "last month", ("2022-06-01", "2022-06-30", "month")),
        ("The rial collapsed last year.", "2022-07-26", "last year", ("2021-01-01", "2021-12-31", "year")),
        ("Leaders will meet next month.", "2022-07-26", "next month", ("2022-08-01", "2022-08-31", "month")),
        ("Three days ago, a drone struck.", "2022-07-26", "Three days ago", ("2022-07-23", "2022-07-23", "day")),
        ("Rates rose two weeks ago.", "2022-07-26", "two weeks ago", ("2022-07-12", "2022-07-12", "day")),
        ("Six months ago, war loomed.", "2022-07-26", "Six months ago", ("2022-01-01", "2022-01-31", "month")),
        ("Ten years ago, they were allies.", "2022-07-26", "Ten years ago", ("2012-01-01", "2012-12-31", "year")),
        ("Erdogan said earlier this month ...", "2022-07-26", "earlier this month", ("2022-07-01", "2022-07-31", "month")),
        ("Diplomats were told a day before June 13.", "2019-06-20", "a day before June 13", ("2019-06-12", "2019-06-12", "day")),
        ("Two days before Oct. 7, warnings were dismissed.", "2023-11-01", "Two days before Oct. 7", ("2023-10-05", "2023-10-05", "day")),
    ],
)
def test_relative(text, anchor, expr, want):
    span = one(text, anchor, expr)
    assert iso(span) == want
    assert span.basis in ("relative", "explicit")


def test_future_cue_applies_only_after_it_in_the_clause():
    # 2020-03-02 is a Monday: he spoke that Monday and will travel on the coming Friday
    text = "Erdogan said on Monday that he would travel to Moscow on Friday."
    spans = find_timexes(text, D("2020-03-02"))
    assert [iso(s) for s in spans] == [
        ("2020-03-02", "2020-03-02", "day"),
        ("2020-03-06", "2020-03-06", "day"),
    ]


# --------------------------------------------------------------------------- narrative


@pytest.mark.parametrize(
    "text,run,expr,want",
    [
        ("Two months later, troops moved in.", running("2017-08-15"), "Two months later", ("2017-10-01", "2017-10-31", "month")),
        ("Two months later, troops moved in.", running("2017-08-01", "month"), "Two months later", ("2017-10-01", "2017-10-31", "month")),
        ("The next day, jets bombed the town.", running("2015-11-24"), "The next day", ("2015-11-25", "2015-11-25", "day")),
        ("The following year, Ankara bought the S-400.", running("2016-01-01", "year"), "The following year", ("2017-01-01", "2017-12-31", "year")),
        ("A week later, Iran seized a tanker.", running("2019-07-12"), "A week later", ("2019-07-19", "2019-07-19", "day")),
        ("A year earlier, Washington left the deal.", running("2019-05-08"), "A year earlier", ("2018-01-01", "2018-12-31", "year")),
        ("That same day, Tehran denied a role.", running("2019-09-14"), "That same day", ("2019-09-14", "2019-09-14", "day")),
        ("The day before, jets struck a depot.", running("2018-05-10"), "The day before", ("2018-05-09", "2018-05-09", "day")),
        ("Later that year, the deal was signed.", running("2016-08-09"), "Later that year", ("2016-01-01", "2016-12-31", "year")),
        ("Five days after that, a ceasefire was agreed.", running("2019-10-12"), "Five days after that", ("2019-10-17", "2019-10-17", "day")),
        ("Ties have improved since then.", running("2020-05-01"), "since then", ("2020-05-01", "2022-07-26", "range")),
    ],
)
def test_narrative(text, run, expr, want):
    span = one(text, "2022-07-26", expr, running=run)
    assert iso(span) == want
    assert span.basis == "narrative"


def test_narrative_uses_the_latest_date_earlier_in_the_text():
    text = "Turkey shot down a Russian jet on November 24, 2015. Two days later, Moscow announced sanctions."
    later = one(text, "2015-12-10", "Two days later")
    assert iso(later) == ("2015-11-26", "2015-11-26", "day")


def test_attributive_year_does_not_become_the_running_date():
    text = "Iran breached the 2015 deal on May 8, 2019. The next day, Europe protested."
    assert iso(one(text, "2019-06-01", "The next day")) == ("2019-05-09", "2019-05-09", "day")


def test_narrative_without_running_falls_back_to_the_anchor():
    assert iso(one("The next day, talks resumed.", "2022-07-26", "The next day")) == ("2022-07-27", "2022-07-27", "day")


def test_unresolvable_offsets_are_not_guessed():
    spans = find_timexes("Two days after the election, the lira fell.", D("2023-06-01"))
    assert spans == []


# --------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    "text,anchor,expr,want",
    [
        ("Inflation rose between 2016 and 2018.", "2019-01-10", "between 2016 and 2018", ("2016-01-01", "2018-12-31")),
        ("Strikes from March to May 2019 displaced thousands.", "2019-06-01", "from March to May 2019", ("2019-03-01", "2019-05-31")),
        ("From November 2015 to June 2016, trade froze.", "2017-01-01", "From November 2015 to June 2016", ("2015-11-01", "2016-06-30")),
        ("Since Oct. 7, 200,000 Israelis have been displaced.", "2023-11-15", "Since Oct. 7", ("2023-10-07", "2023-11-15")),
        ("Since 2011, Turkey has taken in refugees.", "2019-10-10", "Since 2011", ("2011-01-01", "2019-10-10")),
        ("Since last year, Iran has supplied drones.", "2023-03-01", "Since last year", ("2022-01-01", "2023-03-01")),
        ("Iran enriched more in the last five years.", "2023-06-15", "in the last five years", ("2018-06-15", "2023-06-15")),
        ("Over the past decade, Turkey became a drone exporter.", "2024-04-02", "Over the past decade", ("2014-04-02", "2024-04-02")),
        ("In the past 24 hours, jets struck 150 targets.", "2023-10-27", "In the past 24 hours", ("2023-10-26", "2023-10-27")),
        ("The ruble fell during 2014-2015.", "2016-01-20", "2014-2015", ("2014-01-01", "2015-12-31")),
        ("Between June 1 and June 5, 2018, jets struck.", "2018-06-25", "June 1 and June 5, 2018", ("2018-06-01", "2018-06-05")),
        ("They fought from March 3-5, 2019.", "2019-06-25", "March 3-5, 2019", ("2019-03-03", "2019-03-05")),
        ("In the first quarter of 2019 exports fell.", "2019-05-01", "first quarter of 2019", ("2019-01-01", "2019-03-31")),
        ("In the summer of 2016, Turkey entered Syria.", "2017-01-15", "summer of 2016", ("2016-06-01", "2016-08-31")),
        ("Israel and Iran fought throughout the 2010s.", "2020-01-08", "2010s", ("2010-01-01", "2019-12-31")),
        ("Exports rose so far this year.", "2020-05-05", "so far this year", ("2020-01-01", "2020-05-05")),
    ],
)
def test_spans(text, anchor, expr, want):
    span = one(text, anchor, expr)
    assert (span.iso(), span.precision) == (want, "range")


def test_two_dates_joined_by_and_are_not_a_range():
    spans = find_timexes("Talks were held on Jan. 10 and Jan. 11 in Moscow.", D("2023-01-20"))
    assert [iso(s) for s in spans] == [
        ("2023-01-10", "2023-01-10", "day"),
        ("2023-01-11", "2023-01-11", "day"),
    ]


# --------------------------------------------------------------------------- false positives


@pytest.mark.parametrize(
    "text",
    [
        "Turkey deployed 300 soldiers and the S-400 system, not the F-35, under Resolution 2231.",
        "Theresa May said Britain may act; thousands march in Ankara.",
        "The Women's March drew large crowds.",
        "Erdogan and May met in London.",
        "Tories rebelled after May resigned.",
        "He said that May would step down.",
        "The strike at 2030 GMT killed 2000 troops and 1,500 people fled.",
        "The Sunday Times and Russia Today reported that Black Friday sales fell.",
        "Saudi Arabia's Vision 2030 plan was discussed.",
        "The Su-24 and the F-16 flew 1998 km.",
        "Two days after the election, the lira fell 3.5 percent.",
        "Turkey has been a NATO member since Turkey joined with Greece.",
    ],
)
def test_false_positive_guards(text):
    assert find_timexes(text, D("2022-07-26")) == []


def test_modal_may_and_the_month_may():
    spans = find_timexes("Iran may resume talks in May, officials said.", D("2022-02-01"))
    assert [(s.text, iso(s)) for s in spans] == [("May", ("2022-05-01", "2022-05-31", "month"))]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on", "Tuesday", "May", "2019", "since", "the", "last", "two", "days", "later", "ago",
                "between", "and", "March", "3", "-", "5,", "Oct.", "7", "from", "to", "in", "year",
                "next", "week", "300", "S-400", ".", ",", "decades", "900", "Feb.", "29", "31", "past",
                "that", "day", "before", "after", "quarter", "first", "of", "summer", "2010s",
            ]
        ),
        max_size=25,
    ),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)) | st.none(),
)
def test_never_crashes_and_offsets_are_consistent(words, anchor):
    text = " ".join(words)
    for s in find_timexes(text, anchor):
        assert text[s.start_char:s.end_char] == s.text
        assert s.start is not None and (s.end is None or s.start <= s.end)
        assert s.precision in ("day", "month", "year", "range")


# --------------------------------------------------------------------------- publication date


@pytest.mark.parametrize(
    "value,want",
    [
        ("2022-07-26T10:00:00+03:00", ("2022-07-26", "2022-07-26", "day")),
        ("2022-07-26", ("2022-07-26", "2022-07-26", "day")),
        ("Tue, 26 Jul 2022 14:03:00 GMT", ("2022-07-26", "2022-07-26", "day")),
        ("26 Temmuz 2022", ("2022-07-26", "2022-07-26", "day")),
        ("July 2022", ("2022-07-01", "2022-07-31", "month")),
        ("2022-07", ("2022-07-01", "2022-07-31", "month")),
        ("1658844180", ("2022-07-26", "2022-07-26", "day")),
    ],
)
def test_metadata_dates(value, want):
    span = infer_publication_date("Body text without dates.", value)
    assert iso(span) == want and span.basis == "metadata"


@pytest.mark.parametrize("value", ["today", "yesterday", "2 hours ago", "July 26", "Tuesday", "", "n/a"])
def test_metadata_never_borrows_from_today(value):
    assert parse_date_string(value) is None
    assert infer_publication_date("Erdogan said on Tuesday that talks would go on.", value) == UNKNOWN


def test_metadata_wins_over_text():
    span = infer_publication_date("Jul 26, 2022\nANKARA (Reuters) - ...", "2022-07-27")
    assert (span.start, span.basis) == (D("2022-07-27"), "metadata")


@pytest.mark.parametrize(
    "text,want",
    [
        ("Turkey says talks will continue\nBy Ece Toksabay\nJul 26, 2022\nANKARA (Reuters) - Turkey said ...", "2022-07-26"),
        ("Published: 26.07.2022 10:15\nIran and Russia signed a memorandum ...", "2022-07-26"),
        ("Tehran Times - July 26, 2022 - 21:12\nTEHRAN - Iran's foreign minister ...", "2022-07-26"),
        ("ISTANBUL, July 26 (Reuters) - Turkey's central bank held rates in 2022, it said.", "2022-07-26"),
        ("26 July 2022, 2:03 pm\nJERUSALEM - Israel's cabinet ...", "2022-07-26"),
    ],
)
def test_datelines_and_bylines(text, want):
    span = infer_publication_date(text)
    assert (span.start, span.precision, span.basis) == (D(want), "day", "dateline")


def test_yearless_dateline_takes_the_year_of_past_dates_not_targets():
    text = "ANKARA, Oct 10 (Reuters) - Turkey struck on Wednesday. In January 2018 it took Afrin. It wants a zone by 2020."
    assert infer_publication_date(text).start == D("2018-10-10")
    text = "ISTANBUL, Jan 5 (Reuters) - Inflation hit 85 percent in October 2022, data showed."
    assert infer_publication_date(text).start == D("2023-01-05")


def test_event_date_in_the_first_sentence_is_not_a_dateline():
    text = "On July 15, 2016, soldiers tried to seize power. On July 20 a state of emergency was declared."
    span = infer_publication_date(text)
    assert span.basis == "content"
    assert iso(span) == ("2016-07-20", "2016-07-20", "day")


def test_content_inference_uses_ago_after_a_dated_event():
    text = "The drone strike on August 3, 2022 killed two commanders. It happened more than ten days ago."
    span = infer_publication_date(text)
    assert (span.start, span.basis) == (D("2022-08-13"), "content")


def test_content_inference_ignores_future_dates_and_targets():
    text = "Elections will be held on June 24, 2018, and Ankara hopes to join the EU by 2023. The campaign began on April 20, 2018."
    span = infer_publication_date(text)
    assert iso(span) == ("2018-04-20", "2018-04-20", "day")


def test_content_inference_keeps_coarse_precision():
    span = infer_publication_date("The talks began in March 2019 and went on for weeks.")
    assert iso(span) == ("2019-03-01", "2019-03-31", "month") and span.basis == "content"


@pytest.mark.parametrize(
    "text",
    [
        "Erdogan said on Tuesday that Turkey would not back down.",
        "ISTANBUL (Reuters) - Turkey's central bank held rates on Thursday.",
        "ISTANBUL, July 26 (Reuters) - No year anywhere in this text.",
        "",
    ],
)
def test_unknown_publication_date_is_never_today(text):
    span = infer_publication_date(text)
    assert span == UNKNOWN
    assert span.start != date.today()


# --------------------------------------------------------------------------- DocumentClock


PUB = DateSpan(D("2017-10-20"), D("2017-10-20"), "day", "metadata")  # a Friday


def test_clock_prefers_the_expression_in_the_triggers_clause():
    clock = DocumentClock(PUB)
    s = "Turkey recalled its ambassador on Monday and Israel expelled the consul on Thursday."
    assert clock.date_for(s, s.index("recalled")).start == D("2017-10-16")
    assert clock.date_for(s, s.index("expelled")).start == D("2017-10-19")


def test_clock_uses_the_sentence_when_the_clause_has_no_date():
    clock = DocumentClock(PUB)
    s = "Erdogan and Putin met in Sochi on 17 September 2017 and agreed on a zone in Idlib."
    got = clock.date_for(s, s.index("agreed"))
    assert (got.start, got.basis) == (D("2017-09-17"), "explicit")


def test_clock_prefers_adverbial_over_attributive_dates():
    clock = DocumentClock(PUB)
    s = "Iran violated the 2015 deal, the agency said on Monday."
    got = clock.date_for(s, s.index("violated"))
    assert got.start == D("2017-10-16")


def test_clock_fallbacks_paragraph_running_then_publication():
    clock = DocumentClock(PUB)
    s1 = "Turkey and Iran agreed on August 15, 2017 to coordinate against Kurdish militants."
    s2 = "The deal was criticised by Damascus."
    assert clock.date_for(s1, 16).start == D("2017-08-15")
    got = clock.date_for(s2, s2.index("criticised"))
    assert (iso(got), got.basis) == (("2017-08-15", "2017-08-15", "day"), "narrative")
    clock.new_paragraph()
    got = clock.date_for(s2, s2.index("criticised"))
    assert (iso(got), got.basis) == (("2017-10-20", "2017-10-20", "day"), "publication")


def test_clock_narrative_carries_across_paragraphs():
    clock = DocumentClock(PUB)
    clock.observe("Turkey and Iran agreed on August 15, 2017 to coordinate.")
    clock.new_paragraph()
    s = "Two months later, Turkish troops entered Idlib."
    got = clock.date_for(s, s.index("entered"))
    assert (iso(got), got.basis) == (("2017-10-01", "2017-10-31", "month"), "narrative")


def test_clock_reads_a_sentence_once_for_several_events():
    clock = DocumentClock(PUB)
    clock.observe("Iran seized a tanker on July 12, 2017.")
    s = "A week later, Iran seized another tanker and Britain protested."
    first = clock.date_for(s, s.index("seized"))
    second = clock.date_for(s, s.index("protested"))
    assert first.start == second.start == D("2017-07-19")


def test_clock_without_trigger_takes_the_first_non_attributive_date():
    clock = DocumentClock(PUB)
    got = clock.date_for("The 2015 deal collapsed on Tuesday.")
    assert got.start == D("2017-10-17")


def test_clock_with_unknown_publication_date():
    clock = DocumentClock(UNKNOWN)
    assert clock.date_for("Officials said talks would continue.", 0) == UNKNOWN
    got = clock.date_for("Talks were held on 3 March 2019.", 0)
    assert got.start == D("2019-03-03")


def test_clock_coarsens_relative_dates_to_a_month_anchor():
    clock = DocumentClock(DateSpan(D("2022-07-01"), D("2022-07-31"), "month", "content"))
    got = clock.date_for("Officials met on Tuesday.", 0)
    assert (iso(got), got.basis) == (("2022-07-01", "2022-07-31", "month"), "relative")


# --------------------------------------------------------------------------- gold set


@pytest.mark.parametrize("path", [DEV, TEST], ids=["dev", "test"])
def test_gold_files_are_well_formed(path):
    items = load_gold(path)  # checks offsets against expr
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    for i in items:
        assert i["type"] in ("explicit", "relative", "narrative", "span")
        assert i["precision"] in ("day", "month", "year", "range")
        assert D(i["date"]) <= D(i["date_end"])
        D(i["anchor"])


def test_gold_size_and_mix():
    items = load_gold(DEV) + load_gold(TEST)
    counts = Counter(i["type"] for i in items)
    assert len(items) >= 220
    assert counts["explicit"] >= 70 and counts["relative"] >= 60
    assert counts["narrative"] >= 30 and counts["span"] >= 30


def test_dev_accuracy_meets_targets():
    result = evaluate_timex(DEV)
    acc = {t: s["accuracy"] for t, s in result["by_type"].items()}
    assert acc["explicit"] >= 0.95, result["failures"]
    assert acc["relative"] >= 0.90, result["failures"]
    assert acc["narrative"] >= 0.90, result["failures"]
    assert acc["span"] >= 0.90, result["failures"]
    assert result["meets_targets"]


def test_evaluator_reports_failures(tmp_path):
    bad = {
        "id": "x-1", "text": "They met on Tuesday.", "anchor": "2022-07-26", "running": None,
        "expr": "Tuesday", "start": 12, "end": 19, "type": "relative",
        "date": "2022-07-25", "date_end": "2022-07-25", "precision": "day",
    }
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(bad) + "\n")
    result = evaluate_timex(p)
    assert result["correct"] == 0 and result["found"] == 1
    assert result["failures"][0]["pred"] == ["2022-07-26", "2022-07-26", "day"]
