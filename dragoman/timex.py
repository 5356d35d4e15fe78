"""Temporal grounding: publication dates, date expressions and event dates.

Three entry points are used by the pipeline:

* :func:`infer_publication_date` -- the document's anchor date, from metadata,
  then a dateline/byline, then the dates the content itself mentions.  It never
  falls back to today's date: when nothing is found the result is
  ``DateSpan(None, None, "unknown", "unknown")``.
* :func:`find_timexes` -- every date expression in a piece of text, resolved
  against the publication anchor and the running (narrative) date.
* :class:`DocumentClock` -- walks a document sentence by sentence, keeps the
  running date, and dates each event from the expression attached to its clause,
  else its sentence, else the paragraph's running date, else publication.

Resolution conventions (the gold set in ``gold/timex/`` follows them):

* A day is ``start == end``; a month or a year covers its first to last day;
  weeks run Monday to Sunday and have precision ``range``; every span
  ("between 2016 and 2018", "since Oct. 7", "in the last five years", seasons,
  quarters, decades) has precision ``range``.
* Modifiers such as *early*, *late*, *mid-*, *earlier this*, *the end of* do
  not narrow the period: "late November" is November, "mid-2018" is 2018.
* Year-less dates ("on Oct. 7", "in May") are the most recent such date not
  after the anchor; with a future cue in the clause ("will", "is expected to",
  "would", ...) they are the first such date on or after the anchor.  Weekdays
  follow the same rule; "last Tuesday" is strictly before the anchor and
  "next Tuesday" strictly after it.
* "N days/weeks ago" is a day; "N months ago" the month; "N years ago" the year.
  "last week/month/year" are the calendar period before the anchor's.
* "the last/past N units" is the rolling span ``anchor - N units .. anchor``.
  "since X" is ``X.start .. anchor``.
* Narrative expressions ("two months later", "the following year", "that day",
  "the day before") shift the running date; the result's precision is the
  coarser of the unit's and the running date's ("two months later" after
  15 August 2017 is October 2017, precision month).
* Offsets from an explicit date ("a day before June 13") are ``relative``.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from dateutil.relativedelta import relativedelta

__all__ = [
    "DateSpan",
    "DocumentClock",
    "find_timexes",
    "infer_publication_date",
    "parse_date_string",
    "UNKNOWN",
]

PRECISIONS = ("day", "month", "year", "range", "unknown")
BASES = (
    "explicit",
    "relative",
    "narrative",
    "publication",
    "metadata",
    "dateline",
    "content",
    "unknown",
)


@dataclass(frozen=True)
class DateSpan:
    start: date | None  # first day covered
    end: date | None  # last day covered
    precision: str  # "day" | "month" | "year" | "range" | "unknown"
    basis: str  # "explicit" | "relative" | "narrative" | "publication" | "metadata" | "dateline" | "content" | "unknown"
    text: str | None = None  # the expression as written
    start_char: int | None = None  # offsets of the expression in the text passed in
    end_char: int | None = None

    @property
    def known(self) -> bool:
        return self.start is not None

    def iso(self) -> tuple[str | None, str | None]:
        """(start, end) as ISO strings, for records and exports."""
        return (
            self.start.isoformat() if self.start else None,
            self.end.isoformat() if self.end else None,
        )


UNKNOWN = DateSpan(None, None, "unknown", "unknown")

# ---------------------------------------------------------------------------
# span constructors and calendar arithmetic
# ---------------------------------------------------------------------------


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12) or not (1 <= d <= _last_day(y, m)):
        return None
    return date(y, m, d)


def _span_at(d: date, precision: str, basis: str) -> DateSpan:
    """The day, month or year containing `d`."""
    if precision == "day":
        return DateSpan(d, d, "day", basis)
    if precision == "month":
        return DateSpan(
            date(d.year, d.month, 1), date(d.year, d.month, _last_day(d.year, d.month)), "month", basis
        )
    if precision == "year":
        return DateSpan(date(d.year, 1, 1), date(d.year, 12, 31), "year", basis)
    raise ValueError(precision)


def _range(a: date, b: date, basis: str) -> DateSpan:
    if b < a:
        a, b = b, a
    return DateSpan(a, b, "range", basis)


def _week(d: date, basis: str) -> DateSpan:
    mon = d - timedelta(days=d.weekday())
    return DateSpan(mon, mon + timedelta(days=6), "range", basis)


_RANK = {"day": 0, "range": 0, "month": 1, "year": 2}


def _coarser(p1: str, p2: str) -> str:
    return p1 if _RANK.get(p1, 0) >= _RANK.get(p2, 0) else p2


def _shift(d: date, n: int, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    if unit == "month":
        return d + relativedelta(months=n)
    if unit == "year":
        return d + relativedelta(years=n)
    if unit == "decade":
        return d + relativedelta(years=10 * n)
    if unit == "hour":
        days = -(-abs(n) // 24)  # ceil: 24h -> 1 day, 36h -> 2 days
        return d + timedelta(days=days if n >= 0 else -days)
    raise ValueError(unit)


_UNIT_PRECISION = {
    "hour": "day",
    "day": "day",
    "week": "day",
    "fortnight": "day",
    "weekend": "day",
    "month": "month",
    "year": "year",
    "decade": "year",
}

# ---------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a couple of": 2,
    "a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100,
}
_VAGUE_NUMBERS = {"a few", "few", "several", "many", "some", "half a", "a number of"}

_MONFULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_WDN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_MOD = r"(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUM = (
    rf"(?:\d{{1,3}}|{_TENS}(?:[\s-]{_ONES})?|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    rf"|seventeen|eighteen|nineteen|ten|{_ONES}|a\s+couple\s+of|a\s+dozen|a\s+hundred|a\s+few"
    rf"|several|few|half\s+a|an|a)"
)
_UNIT = r"(?:days?|weeks?|fortnights?|months?|years?|decades?|hours?)"
_APPROX = (
    r"(?:over|more\s+than|nearly|almost|about|some|around|roughly|just|barely|less\s+than"
    r"|fewer\s+than|at\s+least|only|exactly|precisely|approximately)"
)

# prepositions and modifiers that license a bare month name ("in May", not "Theresa May")
_MONTH_CONTEXT = {
    "in", "since", "until", "till", "by", "from", "through", "throughout",
    "during", "of", "early", "late", "mid", "last", "next", "this",
    "before", "after", "between", "around", "for", "into", "each",
    "every", "past", "coming",
}
# "May" is also a name and a modal: "after May resigned", "said that May would"
_MAY_CONTEXT = {
    "in", "since", "until", "till", "by", "from", "through", "throughout",
    "during", "of", "early", "late", "mid", "last", "next", "this", "between",
}
_YEAR_BAD_PREV = {
    "resolution", "resolutions", "no", "no.", "nos", "number", "flight", "route",
    "article", "vision", "code", "model", "page", "room", "highway", "law",
    "decree", "item", "paragraph", "chapter", "section", "bill", "unit", "batch",
    "division", "brigade", "regiment", "squadron", "battalion", "platform", "gate",
    "channel", "grade", "level", "tier", "mark", "block", "lot", "case",
    "hull", "serial", "pkk-", "ids", "id", "euro",
}
_YEAR_BAD_NEXT = {
    "troops", "soldiers", "people", "fighters", "refugees", "civilians", "militants",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "tons",
    "tonnes", "barrels", "dollars", "euros", "lira", "liras", "rials", "rubles",
    "roubles", "shekels", "hours", "hrs", "gmt", "utc", "local", "votes", "members",
    "units", "cases", "pages", "residents", "migrants", "prisoners", "detainees",
    "deaths", "dead", "casualties", "police", "officers", "rockets", "missiles",
    "drones", "vehicles", "tanks", "homes", "houses", "buildings", "families",
    "children", "women", "men", "workers", "jobs", "students", "tourists",
    "sorties", "strikes", "attacks", "targets", "euro", "usd", "mw", "bcm",
}
_NEWSPAPER_NAMES = {
    "times", "telegraph", "express", "mirror", "post", "herald", "observer",
    "mail", "star", "people", "sun", "independent",
}
_WEEKDAY_BAD_PREV = {
    "good", "black", "bloody", "super", "cyber", "holy", "ash", "palm", "easter",
    "maundy", "shrove", "great",
}

_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won['’]t|would|is\s+(?:expected|scheduled|set|due|planned|slated|going|poised)\s+to"
    r"|are\s+(?:expected|scheduled|set|due|planned|slated|going|poised)\s+to"
    r"|(?:is|are)\s+(?:scheduled|planned|slated|set)\s+for|plans?\s+to|intends?\s+to"
    r"|to\s+be\s+held|upcoming|forthcoming)\b|['’]ll\b"
    r"|\b(?-i:may|might|could)\b(?!\s+(?:not\s+)?have\b)",
    re.I,
)
_FUTURE_AFTER = re.compile(
    r"^\s*,?\s*(?:will|would|is\s+(?:expected|scheduled|set|due)|are\s+(?:expected|scheduled|set|due))\b",
    re.I,
)

# ---------------------------------------------------------------------------
# atom patterns
# ---------------------------------------------------------------------------

_F = re.I


def _p(rx: str) -> re.Pattern[str]:
    return re.compile(rx, _F)


_WDPFX = rf"(?:(?P<wd>{_WDN}),?\s+)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("FULL_MDY", _p(rf"{_WDPFX}(?P<m>{_MON})\s+{_DAY},?\s+{_YEAR}")),
    ("FULL_DMY", _p(rf"{_WDPFX}(?:the\s+)?(?<![\w.,$-]){_DAY}\s+(?:of\s+)?(?P<m>{_MON}),?\s+{_YEAR}")),
    ("ISO", _p(r"(?<![\w./-])(?P<y>(?:19|20)\d{2})-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d)(?![\d-])")),
    (
        "NUM",
        _p(
            r"(?<![\w./-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[01]?\d)(?P=sep)"
            r"(?P<y>(?:19|20)\d{2})(?![\d]|[./-]\d)"
        ),
    ),
    (
        "MDR",
        _p(
            rf"(?:(?P<pre>between|from)\s+)?(?P<m>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*"
            rf"(?P<conn>-|–|—|to|and|through|until|till)\s*(?:(?P<m2>{_MON})\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?![\d:])(?:,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d))?"
        ),
    ),
    (
        "DMR",
        _p(
            rf"(?:(?P<pre>between|from)\s+)?(?<![\w.,$-])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*"
            rf"(?P<conn>-|–|—|to|and|through|until|till)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<m>{_MON})(?:,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d))?"
        ),
    ),
    ("MY", _p(rf"(?:(?P<mod>{_MOD})[\s-]+)?(?P<m>{_MON}),?\s+(?:of\s+)?{_YEAR}")),
    (
        "MD",
        _p(
            rf"{_WDPFX}(?:(?P<mod>{_MOD})[\s-]+)?(?P<m>{_MON})\s+{_DAY}"
            r"(?![\d:.,]\d|\d|\s*(?:%|percent|per\s+cent))"
        ),
    ),
    (
        "DM",
        _p(
            rf"{_WDPFX}(?:the\s+)?(?<![\w.,$-]){_DAY}\s+(?:of\s+)?(?P<m>{_MON})"
        ),
    ),
    ("M", _p(rf"(?:(?P<mod>{_MOD})[\s-]+)?(?P<m>{_MONFULL})(?![\w-])")),
    (
        "YRANGE",
        _p(
            r"(?<![\w$€£#/.,-])(?P<y>(?:19|20)\d{2})\s*[-–—/]\s*(?P<y2>(?:19|20)\d{2}|\d{2})"
            r"(?![\w/-]|[.,]\d)"
        ),
    ),
    ("DECADE", _p(r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<dec>(?:19|20)\d0)['’]?s\b")),
    (
        "SEASON",
        _p(rf"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}"),
    ),
    ("SEASON_REL", _p(r"(?P<rel>last|this|next|past|coming)\s+(?P<season>spring|summer|autumn|fall|winter)\b")),
    (
        "PART",
        _p(
            r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?P<part>quarter|half)\s+"
            r"(?:of\s+)?(?:(?P<yref>this|last|next|the)\s+year|(?P<y>(?:19|20)\d{2})(?!\d))"
        ),
    ),
    ("PARTQ", _p(r"\b(?P<q>[QH])(?P<qn>[1-4])\s+(?P<y>(?:19|20)\d{2})(?!\d)")),
    ("PARTQ2", _p(r"(?<![\w-])(?P<y>(?:19|20)\d{2})\s+(?P<q>[QH])(?P<qn>[1-4])\b")),
    (
        "Y",
        _p(
            rf"(?:(?P<mod>{_MOD})[\s-]+|(?<![\w$€£#/.,:-]))(?P<y>(?:19|20)\d{{2}})"
            r"(?![\w/]|[.,:]\d|\s*%|\s*-\s*\d|–\d)"
        ),
    ),
    (
        "WD",
        _p(
            rf"(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>{_WDN})"
            r"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?![\w-])"
        ),
    ),
    (
        "DEICTIC",
        _p(
            r"\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight"
            r"|tomorrow|last\s+night|(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening))\b"
        ),
    ),
    (
        "SOFAR",
        _p(
            r"\b(?:so\s+far\s+this\s+(?P<u1>year|month|week)|this\s+(?P<u2>year|month|week)\s+so\s+far"
            r"|(?:since\s+)?the\s+(?:start|beginning)\s+of\s+(?:this|the)\s+(?P<u3>year|month|week)"
            r"|year[\s-]to[\s-]date)\b"
        ),
    ),
    (
        "REL",
        _p(
            r"\b(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<rel>last|this|next|coming)\s+"
            r"(?P<unit>week|weekend|month|year)\b"
        ),
    ),
    ("AGO", _p(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+ago\b")),
    (
        "ROLL",
        _p(
            rf"\b(?:(?:in|over|during|for|within|throughout)\s+)?the\s+(?P<dir>last|past|next|coming)\s+"
            rf"(?:(?P<n>{_NUM})\s+)?(?P<unit>{_UNIT})\b(?!\s+of\b)(?!['’]s)"
        ),
    ),
    (
        "NARR_N",
        _p(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>later|earlier|afterwards?|(?:after|before)\s+(?:that|this)|before\s+then|on(?=\s*[,.;]))\b(?!\s+(?:than|the)\b)"),
    ),
    ("NARR_HOURS", _p(r"\b(?P<n>hours|minutes)\s+(?P<dir>later|earlier)\b")),
    (
        "OFFS",
        _p(rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>before|after|prior\s+to|ahead\s+of)(?=\W|$)"),
    ),
    (
        "OFFS_THE",
        _p(r"\bthe\s+(?P<unit>day|week|month|year|night|morning|evening)\s+(?P<dir>before|after)(?P<that>\s+(?:that|this))?(?=\W|$)"),
    ),
    (
        "NARR_THE",
        _p(
            r"\bthe\s+(?P<dir>following|next|previous|preceding|subsequent|prior)\s+"
            r"(?P<unit>day|week|weekend|month|year|morning|afternoon|evening|night)\b(?!['’]s)"
        ),
    ),
    (
        "NARR_THAT",
        _p(
            r"\b(?:(?P<mod>later|earlier|early|late)\s+)?(?:that\s+same|that|the\s+same|the\s+very)\s+"
            r"(?P<unit>day|week|weekend|month|year|morning|afternoon|evening|night)\b"
        ),
    ),
    ("NARR_THAT", _p(r"\b(?P<mod>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)\b")),
    ("SINCE_THEN", _p(r"\b(?:ever\s+)?since\s+then\b")),
]

_KIND_PRIORITY = {k: i for i, (k, _) in enumerate(_PATTERNS)}

# ---------------------------------------------------------------------------
# cues: a cheap test that lets most text skip most patterns
# ---------------------------------------------------------------------------
# Scanning ~30 patterns over every sentence was the costliest step of coding a
# document, yet most sentences hold no date at all. Each pattern can only match
# text containing all of its cues, so a pattern whose cues are absent is skipped;
# the cues are plain substrings (checked on lower-cased ASCII text) or tiny regexes.
# A cue must be present in every match the pattern keeps (see `_valid`), never tighter.

_CUE_WORDS: dict[str, tuple[str, ...]] = {
    "unit": ("day", "week", "fortnight", "month", "year", "decade", "hour"),  # _UNIT and REL's units
    "unit_tod": ("day", "week", "month", "year", "morning", "afternoon", "evening", "night"),
    "deictic": ("yesterday", "today", "tonight", "tomorrow", "night", "morning", "afternoon", "evening"),
    "rel": ("last", "this", "next", "coming"),
    "roll": ("last", "past", "next", "coming"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "part": ("quarter", "half"),
    "sofar": ("far", "start", "beginning", "date"),
    "ago": ("ago",),
    "offs": ("before", "after", "prior", "ahead"),
    "hours": ("hours", "minutes"),
    "since": ("since",),
}
# `_valid` drops every month or weekday match whose first letter is lower case, so those patterns
# need a capital: a month stem ("Jan", "SEPT", "May"), a full month name, a weekday name.
_CUE_RX: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "year": re.compile(r"(?:19|20)\d\d"),
    "month": re.compile(r"J(?i:an|un|ul)|F(?i:eb)|M(?i:ar|ay)|A(?i:pr|ug)|S(?i:ep)|O(?i:ct)|N(?i:ov)|D(?i:ec)"),
    "month_full": re.compile(
        r"J(?i:anuary|une|uly)|F(?i:ebruary)|M(?i:arch|ay)|A(?i:pril|ugust)|S(?i:eptember)|O(?i:ctober)"
        r"|N(?i:ovember)|D(?i:ecember)"
    ),
    "weekday": re.compile(r"M(?i:onday)|T(?i:uesday|hursday)|W(?i:ednesday)|F(?i:riday)|S(?i:aturday|unday)"),
}
_ALL_CUES = frozenset(_CUE_WORDS) | frozenset(_CUE_RX)

# kind -> cues every kept match of that kind's pattern(s) contains
_NEEDS: dict[str, tuple[str, ...]] = {
    "FULL_MDY": ("year", "month"), "FULL_DMY": ("year", "month"), "ISO": ("year",), "NUM": ("year",),
    "MDR": ("digit", "month"), "DMR": ("digit", "month"), "MY": ("year", "month"), "MD": ("digit", "month"),
    "DM": ("digit", "month"), "M": ("month_full",), "YRANGE": ("year",), "DECADE": ("year",),
    "SEASON": ("year", "season"), "SEASON_REL": ("season",), "PART": ("part",), "PARTQ": ("year",),
    "PARTQ2": ("year",), "Y": ("year",), "WD": ("weekday",), "DEICTIC": ("deictic",), "SOFAR": ("sofar",),
    "REL": ("rel", "unit"), "AGO": ("ago", "unit"), "ROLL": ("roll", "unit"), "NARR_N": ("unit",),
    "NARR_HOURS": ("hours",), "OFFS": ("offs", "unit"), "OFFS_THE": ("offs", "unit_tod"),
    "NARR_THE": ("unit_tod",), "NARR_THAT": ("unit_tod",), "SINCE_THEN": ("since",),
}
assert set(_NEEDS) == {k for k, _ in _PATTERNS} and set().union(*_NEEDS.values()) <= _ALL_CUES


def _cues(text: str) -> frozenset[str]:
    """The cues present in `text`. Non-ASCII text gets every cue: under re.I a few non-ASCII letters
    (dotless i, long s, the Kelvin sign) match ASCII ones, which plain lower-casing would miss."""
    if not text.isascii():
        return _ALL_CUES
    low = text.lower()
    found = set()
    for name, words in _CUE_WORDS.items():
        for w in words:
            if w in low:
                found.add(name)
                break
    for name, rx in _CUE_RX.items():
        if rx.search(text):
            found.add(name)
    return frozenset(found)
_DATE_KINDS = {"FULL_MDY", "FULL_DMY", "ISO", "NUM", "MY", "MD", "DM", "M", "Y"}
_SENT_END = re.compile(r"[.!?]['\"”’)]?\s+(?=[\"“‘']?[A-Z])|\n\s*\n")


def _unit_of(word: str) -> str:
    w = word.lower().rstrip("s")
    if w in ("morning", "afternoon", "evening", "night"):
        return "day"
    return w


def _number(text: str | None) -> int | None:
    """A cardinal in digits or words; None when vague ("a few", "several")."""
    if text is None:
        return 1
    t = re.sub(r"\s+", " ", text.lower().strip())
    if t in _VAGUE_NUMBERS:
        return None
    if t.isdigit():
        return int(t)
    if t in _NUMBER_WORDS:
        return _NUMBER_WORDS[t]
    parts = re.split(r"[\s-]", t)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]]
    return None


def _month(token: str) -> int | None:
    return _MONTHS.get(token.lower().rstrip("."))


def _titled(token: str) -> bool:
    return bool(token) and token[0].isupper()


# ---------------------------------------------------------------------------
# atoms
# ---------------------------------------------------------------------------


@dataclass
class _Hit:
    kind: str
    start: int
    end: int
    g: dict
    ctx_ok: bool = True
    future: bool = False
    attributive: bool = False
    since: bool = False
    parts: tuple = ()  # composed sub-hits (RANGE, OFFSET)
    offset: tuple | None = None  # (n, unit, sign) for OFFSET
    span: DateSpan | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([\w.'’-]+)\W*$", text[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*([\w'’-]+)", text[pos:pos + 40])
    return m.group(1) if m else ""


def _valid(kind: str, m: re.Match[str], text: str) -> tuple[bool, bool]:
    """(keep the match, context licenses it) -- the false-positive guards."""
    g = m.groupdict()
    mon = g.get("m")
    if mon is not None and not _titled(mon):
        return False, False
    if g.get("m2") is not None and not _titled(g["m2"]):
        return False, False
    wd = g.get("wd")
    if wd is not None and not _titled(wd):
        return False, False
    if g.get("d") is not None and kind not in ("ISO",):
        if not 1 <= int(g["d"]) <= 31:
            return False, False
    if g.get("d2") is not None and not 1 <= int(g["d2"]) <= 31:
        return False, False
    if kind in ("MDR", "DMR"):
        conn = g["conn"].lower()
        pre = (g.get("pre") or "").lower()
        if conn == "and" and pre != "between":
            return False, False
        if pre == "between" and conn not in ("and", "-", "–", "—"):
            return False, False
        return True, True
    if kind == "M":
        if g.get("mod"):
            return True, True
        prev = _prev_word(text, m.start())
        if g["m"].lower() == "may":
            possessive = re.match(r"['’]s\b", text[m.end():m.end() + 3]) is not None
            return True, prev in _MAY_CONTEXT and not possessive
        return True, prev in _MONTH_CONTEXT
    if kind == "Y":
        if g.get("mod"):
            return True, True
        prev = _prev_word(text, m.start())
        nxt = _next_word(text, m.end()).lower()
        if prev in _YEAR_BAD_PREV or prev.rstrip(".") in _YEAR_BAD_PREV:
            return False, False
        if nxt in _YEAR_BAD_NEXT:
            return False, False
        if re.match(r"\s*(?:[ap]\.?m\.?\b|h\b|hrs?\b)", text[m.end():m.end() + 6], re.I):
            return False, False
        return True, True
    if kind == "YRANGE":
        y, y2 = int(g["y"]), g["y2"]
        y2i = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
        return y < y2i <= y + 50, True
    if kind == "WD":
        prev = _prev_word(text, m.start())
        nxt = _next_word(text, m.end())
        if prev in _WEEKDAY_BAD_PREV and not g.get("rel"):
            return False, False
        if nxt and _titled(nxt) and nxt.lower() in _NEWSPAPER_NAMES:
            return False, False
        return True, True
    if kind == "DEICTIC":
        w = g["w"]
        if w.startswith("Today") and m.start() > 0:
            # "USA Today", "Russia Today": a capitalised Today mid-sentence is a name
            before = text[:m.start()].rstrip()
            if before and before[-1] not in ".!?\"“:\n":
                return False, False
        return True, True
    if kind in ("AGO", "ROLL", "NARR_N", "OFFS"):
        n = g.get("n")
        if kind == "ROLL" and n is None:
            # "the past week", "the past decade": one unit, singular noun
            if g["unit"].lower().endswith("s"):
                return False, False
            if g["dir"].lower() in ("next", "coming"):
                return False, False
            return True, True
        if n is not None and _number(n) is None:
            return False, False
        if kind == "ROLL" and g["dir"].lower() in ("next", "coming") and n is None:
            return False, False
        return True, True
    return True, True


def _atoms(text: str) -> list[_Hit]:
    cands: list[_Hit] = []
    cues = _cues(text)
    for kind, rx in _PATTERNS:
        if not cues.issuperset(_NEEDS[kind]):
            continue
        for m in rx.finditer(text):
            keep, ctx = _valid(kind, m, text)
            if not keep:
                continue
            cands.append(_Hit(kind, m.start(), m.end(), m.groupdict(), ctx_ok=ctx))
    # leftmost-longest, greedy: longer matches first, then pattern priority
    cands.sort(key=lambda h: (-h.length, _KIND_PRIORITY[h.kind], h.start))
    chosen: list[_Hit] = []
    taken = [False] * (len(text) + 1)
    for h in cands:
        if any(taken[h.start:h.end]):
            continue
        for i in range(h.start, h.end):
            taken[i] = True
        chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return chosen


def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in _SENT_END.finditer(text, 0, pos):
        if m.end() <= pos:
            start = m.end()
    return start


_RANGE_PRE = re.compile(r"\b(?P<pre>between|from)\s+$", re.I)
_RANGE_CONN = re.compile(r"^\s*(?:and|to|until|till|through|thru|[-–—])\s*$", re.I)
_SINCE_PRE = re.compile(r"\b(?:ever\s+)?since\s+$", re.I)
_COMPOSABLE = _DATE_KINDS
_OFFSET_TARGETS = _DATE_KINDS | {"WD", "DEICTIC"}


def _has_year(h: _Hit) -> bool:
    return h.kind in ("FULL_MDY", "FULL_DMY", "ISO", "NUM", "MY", "Y")


def _compose(text: str, hits: list[_Hit]) -> list[_Hit]:
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        # ranges: "between 2016 and 2018", "from March to May 2019"
        if h.kind in _COMPOSABLE and nxt is not None and nxt.kind in _COMPOSABLE:
            gap = text[h.end:nxt.start]
            pre = _RANGE_PRE.search(text[max(0, h.start - 12):h.start])
            if _RANGE_CONN.match(gap):
                conn = gap.strip().lower()
                ok = False
                if pre is not None:
                    ok = (pre.group("pre").lower() == "between") == (conn == "and") or conn in "-–—"
                elif conn != "and" and _has_year(h) and _has_year(nxt):
                    ok = True
                if ok:
                    start = h.start - (len(text[max(0, h.start - 12):h.start]) - pre.start()) if pre else h.start
                    out.append(_Hit("RANGE", start, nxt.end, {}, parts=(h, nxt)))
                    i += 2
                    continue
        # offsets from a date: "a day before June 13", "the day after Oct. 7"
        if h.kind in ("OFFS", "OFFS_THE"):
            if nxt is not None and nxt.kind in _OFFSET_TARGETS and not text[h.end:nxt.start].strip():
                unit = _unit_of(h.g["unit"])
                n = _number(h.g.get("n")) if h.kind == "OFFS" else 1
                sign = -1 if h.g["dir"].lower().startswith(("before", "prior", "ahead")) else 1
                out.append(_Hit("OFFSET", h.start, nxt.end, {}, parts=(nxt,), offset=(n, unit, sign)))
                i += 2
                continue
            # "The day before, ..." -- narrative; otherwise ("two days after the vote") unresolvable
            if h.g.get("that") or re.match(r"\s*(?:[,.;:—–)]|$)", text[h.end:h.end + 3]):
                out.append(h)
            i += 1
            continue
        out.append(h)
        i += 1
    # "since X"
    for h in out:
        if h.kind not in ("NARR_N", "NARR_THE", "NARR_THAT", "OFFS", "OFFS_THE", "ROLL", "SOFAR", "SINCE_THEN"):
            pre = _SINCE_PRE.search(text[max(0, h.start - 12):h.start])
            if pre is not None:
                h.since = True
                h.start = h.start - (len(text[max(0, h.start - 12):h.start]) - pre.start())
                h.ctx_ok = True
    # drop bare month names that no preposition licensed ("Theresa May", "Women's March")
    kept = []
    for h in out:
        if h.kind == "M" and not h.ctx_ok:
            continue
        if h.kind == "RANGE":
            for p in h.parts:
                p.ctx_ok = True
        kept.append(h)
    return kept


def _annotate(text: str, hits: list[_Hit]) -> None:
    """Future cues and attributive use ("the 2015 deal", "the Oct. 7 attacks")."""
    prev_end = 0
    for h in hits:
        lo = max(prev_end, _sentence_start(text, h.start))
        window = text[lo:h.start]
        h.future = bool(_FUTURE_CUE.search(window)) or bool(_FUTURE_AFTER.match(text[h.end:h.end + 30]))
        if h.kind in ("Y", "MY", "MD", "DM", "FULL_MDY", "FULL_DMY") and not h.since and not h.g.get("mod"):
            before = text[max(0, h.start - 12):h.start]
            after = text[h.end:h.end + 20]
            if re.search(r"(?:\b(?:the|a|an|its|their|his|her|this|that)|['’]s)\s+$", before, re.I) and re.match(
                r"\s*[-–]?\s*[a-z]", after
            ):
                h.attributive = True
        prev_end = h.end


# ---------------------------------------------------------------------------
# resolution
# ---------------------------------------------------------------------------


def _year_for(m: int, d: int | None, ref: date, future: bool) -> int:
    """Year of a year-less date: most recent not after `ref`, or next on/after it."""
    y = ref.year
    if d is None:
        if future:
            return y if m >= ref.month else y + 1
        return y if m <= ref.month else y - 1
    dd = min(d, _last_day(y, m))
    cand = date(y, m, dd)
    if future:
        return y if cand >= ref else y + 1
    return y if cand <= ref else y - 1


def _weekday(ref: date, wd: int, rel: str | None, future: bool) -> date:
    back = (ref.weekday() - wd) % 7
    fwd = (wd - ref.weekday()) % 7
    if rel in ("last", "past"):
        return ref - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return ref + timedelta(days=fwd or 7)
    if future:
        return ref + timedelta(days=fwd)
    return ref - timedelta(days=back)


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def _season(y: int, s: str, basis: str) -> DateSpan:
    a, b = _SEASONS[s.lower()]
    if a == 12:  # winter of Y: December Y to February Y+1
        return _range(date(y, 12, 1), date(y + 1, 2, _last_day(y + 1, 2)), basis)
    return _range(date(y, a, 1), date(y, b, _last_day(y, b)), basis)


def _part(y: int, part: str, k: int, basis: str) -> DateSpan | None:
    if part == "quarter":
        if not 1 <= k <= 4:
            return None
        a = 3 * (k - 1) + 1
        return _range(date(y, a, 1), date(y, a + 2, _last_day(y, a + 2)), basis)
    if not 1 <= k <= 2:
        return None
    return _range(date(y, 1, 1), date(y, 6, 30), basis) if k == 1 else _range(date(y, 7, 1), date(y, 12, 31), basis)


_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _resolve(h: _Hit, anchor: date | None, running: DateSpan | None, future: bool | None = None) -> DateSpan | None:
    """The span of one atom; None when it cannot be resolved."""
    g = h.g
    k = h.kind
    fut = h.future if future is None else future
    base_ref = anchor or (running.start if running and running.start else None)
    if k in ("FULL_MDY", "FULL_DMY"):
        d = _safe_date(int(g["y"]), _month(g["m"]), int(g["d"]))
        return DateSpan(d, d, "day", "explicit") if d else None
    if k == "ISO":
        d = _safe_date(int(g["y"]), int(g["mo"]), int(g["d"]))
        return DateSpan(d, d, "day", "explicit") if d else None
    if k == "NUM":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        d = _safe_date(y, b, a) or _safe_date(y, a, b)  # day-first unless impossible
        return DateSpan(d, d, "day", "explicit") if d else None
    if k == "MY":
        return _span_at(date(int(g["y"]), _month(g["m"]), 1), "month", "explicit")
    if k == "Y":
        return _span_at(date(int(g["y"]), 1, 1), "year", "explicit")
    if k in ("MD", "DM"):
        mo, d = _month(g["m"]), int(g["d"])
        if base_ref is None:
            return None
        y = _year_for(mo, d, base_ref, fut)
        dd = _safe_date(y, mo, d)
        return DateSpan(dd, dd, "day", "explicit") if dd else None
    if k == "M":
        if base_ref is None:
            return None
        mo = _month(g["m"])
        prev = h.g.get("_prev", "")
        if prev == "last":
            y = base_ref.year if mo < base_ref.month else base_ref.year - 1
        elif prev == "next":
            y = base_ref.year if mo > base_ref.month else base_ref.year + 1
        elif prev == "this":
            y = base_ref.year
        else:
            y = _year_for(mo, None, base_ref, fut)
        return _span_at(date(y, mo, 1), "month", "explicit")
    if k in ("MDR", "DMR"):
        mo = _month(g["m"])
        mo2 = _month(g["m2"]) if g.get("m2") else mo
        d1, d2 = int(g["d"]), int(g["d2"])
        if g.get("y"):
            y = int(g["y"])
        elif base_ref is not None:
            y = _year_for(mo, d1, base_ref, fut)
        else:
            return None
        a = _safe_date(y, mo, d1)
        b = _safe_date(y if mo2 >= mo else y + 1, mo2, d2)
        if a is None or b is None or b < a:
            return None
        return _range(a, b, "explicit" if g.get("y") else "relative")
    if k == "YRANGE":
        y = int(g["y"])
        y2 = g["y2"]
        y2i = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
        return _range(date(y, 1, 1), date(y2i, 12, 31), "explicit")
    if k == "DECADE":
        y = int(g["dec"])
        return _range(date(y, 1, 1), date(y + 9, 12, 31), "explicit")
    if k == "SEASON":
        return _season(int(g["y"]), g["season"], "explicit")
    if k == "SEASON_REL":
        if anchor is None:
            return None
        rel = g["rel"].lower()
        s = g["season"].lower()
        y = anchor.year
        if s == "winter" and anchor.month <= 2:
            y -= 1  # January and February belong to the winter that began in December
        cur = _season(y, s, "relative")
        if rel in ("last", "past"):
            if cur.end >= anchor:
                y -= 1
        elif rel in ("next", "coming"):
            if cur.start <= anchor:
                y += 1
        return _season(y, s, "relative")
    if k in ("PART", "PARTQ", "PARTQ2"):
        if k == "PART":
            ordw = g["ord"].lower()
            part = g["part"].lower()
            n = _ORD.get(ordw, 4 if part == "quarter" else 2)
        else:
            part = "quarter" if g["q"].upper() == "Q" else "half"
            n = int(g["qn"])
        basis = "explicit"
        if g.get("y"):
            y = int(g["y"])
        else:
            ref = g.get("yref", "the").lower()
            if ref == "the":
                if running is not None and running.start is not None:
                    y, basis = running.start.year, "narrative"
                elif anchor is not None:
                    y, basis = anchor.year, "relative"
                else:
                    return None
            else:
                if anchor is None:
                    return None
                y = anchor.year + {"this": 0, "last": -1, "next": 1}[ref]
                basis = "relative"
        return _part(y, part, n, basis)
    if k == "WD":
        if anchor is None:
            return None
        rel = (g.get("rel") or "").lower() or None
        if rel == "this":
            rel = None
        d = _weekday(anchor, _WEEKDAYS[g["wd"].lower()], rel, fut)
        return DateSpan(d, d, "day", "relative")
    if k == "DEICTIC":
        if anchor is None:
            return None
        w = re.sub(r"\s+", " ", g["w"].lower())
        off = {
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
            "yesterday": -1,
            "last night": -1,
            "tomorrow": 1,
        }.get(w, 0)
        d = anchor + timedelta(days=off)
        return DateSpan(d, d, "day", "relative")
    if k == "SOFAR":
        if anchor is None:
            return None
        u = (g.get("u1") or g.get("u2") or g.get("u3") or "year").lower()
        if u == "year":
            s = date(anchor.year, 1, 1)
        elif u == "month":
            s = date(anchor.year, anchor.month, 1)
        else:
            s = anchor - timedelta(days=anchor.weekday())
        return _range(s, anchor, "relative")
    if k == "REL":
        if anchor is None:
            return None
        rel = g["rel"].lower()
        unit = g["unit"].lower()
        n = {"last": -1, "this": 0, "next": 1, "coming": 1}[rel]
        if unit == "week":
            return _week(anchor + timedelta(weeks=n), "relative")
        if unit == "weekend":
            sat = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5)  # this week's Saturday
            if rel == "last":
                sat -= timedelta(weeks=1)
            elif rel in ("next", "coming"):
                sat += timedelta(weeks=1)
            return _range(sat, sat + timedelta(days=1), "relative")
        return _span_at(_shift(anchor, n, unit), unit, "relative")
    if k == "AGO":
        if anchor is None:
            return None
        n = _number(g["n"])
        unit = _unit_of(g["unit"])
        d = _shift(anchor, -n, unit)
        return _span_at(d, _UNIT_PRECISION[unit], "relative")
    if k == "ROLL":
        if anchor is None:
            return None
        n = _number(g.get("n")) if g.get("n") else 1
        unit = _unit_of(g["unit"])
        if g["dir"].lower() in ("next", "coming"):
            return _range(anchor, _shift(anchor, n, unit), "relative")
        return _range(_shift(anchor, -n, unit), anchor, "relative")
    if k in ("NARR_N", "NARR_HOURS", "NARR_THE", "NARR_THAT", "OFFS", "OFFS_THE"):
        base = running if running is not None and running.start is not None else (
            DateSpan(anchor, anchor, "day", "publication") if anchor else None
        )
        if base is None:
            return None
        return _narrative(h, base)
    if k == "RANGE":
        return _resolve_range(h, anchor, running)
    if k == "SINCE_THEN":
        if running is None or running.start is None or anchor is None or anchor < running.start:
            return None
        return _range(running.start, anchor, "narrative")
    if k == "OFFSET":
        n, unit, sign = h.offset
        if n is None:
            return None
        inner = _resolve(h.parts[0], anchor, running)
        if inner is None or inner.start is None:
            return None
        ref = inner.start if sign < 0 or inner.precision == "day" else inner.end
        d = _shift(ref, sign * n, unit)
        prec = _coarser(_UNIT_PRECISION.get(unit, "day"), inner.precision if inner.precision != "range" else "day")
        return replace(_span_at(d, prec, "relative"))
    return None


def _narrative(h: _Hit, base: DateSpan) -> DateSpan | None:
    g = h.g
    k = h.kind
    b = base.start
    bprec = base.precision if base.precision in ("day", "month", "year") else "day"
    if k == "NARR_THAT":
        unit = _unit_of(g["unit"])
        if unit == "week" or unit == "weekend":
            return _week(b, "narrative")
        return _span_at(b, _coarser(_UNIT_PRECISION[unit], bprec), "narrative")
    if k == "NARR_HOURS":
        return _span_at(b, bprec, "narrative")
    if k == "NARR_THE":
        unit = _unit_of(g["unit"])
        sign = 1 if g["dir"].lower() in ("following", "next", "subsequent") else -1
        if unit in ("week", "weekend"):
            return _week(b + timedelta(weeks=sign), "narrative")
        return _span_at(_shift(b, sign, unit), _coarser(_UNIT_PRECISION[unit], bprec), "narrative")
    if k == "OFFS_THE":
        unit = _unit_of(g["unit"])
        sign = -1 if g["dir"].lower() == "before" else 1
        return _span_at(_shift(b, sign, unit), _coarser(_UNIT_PRECISION[unit], bprec), "narrative")
    # NARR_N / OFFS: "two months later", "a year earlier", "two days before,"
    n = _number(g.get("n"))
    if n is None:
        return None
    unit = _unit_of(g["unit"])
    d = g["dir"].lower()
    sign = -1 if d.startswith(("earlier", "before", "prior", "ahead")) else 1
    return _span_at(_shift(b, sign * n, unit), _coarser(_UNIT_PRECISION[unit], bprec), "narrative")


def _resolve_range(h: _Hit, anchor: date | None, running: DateSpan | None) -> DateSpan | None:
    a_hit, b_hit = h.parts
    b = _resolve(b_hit, anchor, running, future=False if not a_hit.future else True)
    if b is None or b.start is None:
        return None
    if not _has_year(a_hit) and _has_year(b_hit) and a_hit.kind in ("M", "MD", "DM"):
        mo = _month(a_hit.g["m"])
        y = b.start.year if mo <= b.start.month else b.start.year - 1
        if a_hit.kind == "M":
            a = _span_at(date(y, mo, 1), "month", "explicit")
        else:
            dd = _safe_date(y, mo, int(a_hit.g["d"]))
            if dd is None:
                return None
            a = DateSpan(dd, dd, "day", "explicit")
    else:
        a = _resolve(a_hit, anchor, running)
    if a is None or a.start is None:
        return None
    start, end = a.start, b.end
    if end < start and not _has_year(b_hit):
        # "from November to February": the second end point is in the following year
        end = end + relativedelta(years=1)
        end = date(end.year, end.month, _last_day(end.year, end.month)) if b.precision == "month" else end
    if end < start:
        return None
    basis = "explicit" if a.basis == "explicit" and b.basis == "explicit" else "relative"
    return DateSpan(start, end, "range", basis)


# ---------------------------------------------------------------------------
# scanning
# ---------------------------------------------------------------------------


@dataclass
class _Timex:
    span: DateSpan
    kind: str
    attributive: bool
    future: bool


def _scan(
    text: str,
    anchor: date | None,
    running: DateSpan | None = None,
    anchor_precision: str = "day",
) -> tuple[list[_Timex], DateSpan | None]:
    """Resolve every expression in order; returns them and the running date after the text."""
    hits = _compose(text, _atoms(text))
    for h in hits:
        if h.kind == "M":
            h.g["_prev"] = _prev_word(text, h.start)
    _annotate(text, hits)
    out: list[_Timex] = []
    cur = running
    for h in hits:
        try:
            span = _resolve_hit(h, anchor, cur)
        except (ValueError, OverflowError):  # e.g. "900 decades ago" leaves the calendar
            span = None
        if span is None or span.start is None:
            continue
        if anchor is not None and anchor_precision in ("month", "year") and span.basis == "relative" and not h.since:
            span = _coarsen_to_anchor(span, anchor, anchor_precision)
        span = replace(span, text=text[h.start:h.end], start_char=h.start, end_char=h.end)
        out.append(_Timex(span, h.kind, h.attributive, h.future))
        if (
            not h.attributive
            and not h.since
            and span.precision in ("day", "month", "year")
            and h.kind not in ("ROLL", "SOFAR")
            and not _in_since_clause(text, h.start)
        ):
            cur = replace(span, text=None, start_char=None, end_char=None)
    return out, cur


_SINCE_CLAUSE = re.compile(r"\bsince\b[^.;:]*$", re.I)


def _in_since_clause(text: str, pos: int) -> bool:
    """Whether `pos` lies in a since-clause ("... since Peres addressed parliament in 2007"):
    such a date is backdrop and does not move the running date."""
    return _SINCE_CLAUSE.search(text, 0, pos) is not None


def _coarsen_to_anchor(span: DateSpan, anchor: date, anchor_precision: str) -> DateSpan:
    """With a publication date known only to the month or year, a relative date can be
    no finer: "on Tuesday" in a July 2022 article is July 2022, "last month" is June."""
    prec = span.precision
    if prec == "range":
        width = (span.end - span.start).days if span.end else 0
        prec = "day" if width <= 7 else "month" if width <= 31 else "year"
    if _RANK[prec] >= _RANK[anchor_precision]:
        return span
    if prec == "day":  # a weekday, yesterday, three days ago: somewhere in the anchor's period
        return _span_at(anchor, anchor_precision, "relative")
    return _span_at(span.start, anchor_precision, "relative")


def _resolve_hit(h: _Hit, anchor: date | None, cur: DateSpan | None) -> DateSpan | None:
    if not h.since:
        return _resolve(h, anchor, cur)
    # "since X": from X to the anchor (open-ended when there is no anchor)
    inner = _resolve(h, anchor, cur, future=False)
    if inner is None or inner.start is None:
        return None
    end = anchor if anchor is not None and anchor >= inner.start else None
    return DateSpan(inner.start, end, "range", inner.basis if inner.basis != "narrative" else "relative")


def find_timexes(text: str, anchor: date | None, running: DateSpan | None = None) -> list[DateSpan]:
    """All date expressions in `text`, resolved against the publication `anchor` and the running narrative date.

    Expressions are returned in textual order with character offsets into `text`.
    Narrative expressions ("two days later") use the latest dated expression earlier
    in `text`, else `running`, else the anchor.  Expressions that cannot be resolved
    (a year-less date with no anchor) are left out.
    """
    found, _ = _scan(text, anchor, running)
    return [t.span for t in found]


# ---------------------------------------------------------------------------
# publication dates
# ---------------------------------------------------------------------------

_ISO_RX = re.compile(r"^\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?(?:[T\s].*)?$")


def parse_date_string(value: str | None) -> DateSpan | None:
    """A metadata date ("2022-07-26T10:00:00+03:00", "Tue, 26 Jul 2022 14:03 GMT",
    "26 Temmuz 2022", "July 2022") as a DateSpan with basis 'metadata'.

    Relative words ("today", "2 hours ago") are refused, and so is any value without
    a year: dateparser would otherwise fill the missing parts from today's date.
    """
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = _ISO_RX.match(s)
    if m and 1900 <= int(m.group("y")) <= 2100:
        y = int(m.group("y"))
        if m.group("d"):
            d = _safe_date(y, int(m.group("m")), int(m.group("d")))
            if d:
                return DateSpan(d, d, "day", "metadata")
        elif m.group("m"):
            mo = int(m.group("m"))
            if 1 <= mo <= 12:
                return _span_at(date(y, mo, 1), "month", "metadata")
        elif re.fullmatch(r"\s*\d{4}\s*", s):
            return _span_at(date(y, 1, 1), "year", "metadata")
    if re.fullmatch(r"\d{9,10}(?:\.\d+)?", s):  # unix timestamp
        try:
            d = datetime.fromtimestamp(float(s), tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
        return DateSpan(d, d, "day", "metadata")
    # dateparser fills whatever is missing from the clock ("Tuesday", "10:00", "July 26"),
    # and reports such values as complete; insist that the string itself shows a year.
    if not (
        re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", s)
        or re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2}(?:[\sT].*)?", s)
    ):
        return None
    parser = _date_data_parser()
    try:
        data = parser.get_date_data(s)
    except Exception:  # dateparser raises assorted errors on garbage input
        return None
    if data is None or data.date_obj is None:
        return None
    parts = set(getattr(data, "parts", ()) or ())
    if "year" not in parts:
        return None
    d = data.date_obj.date()
    if "day" in parts:
        return DateSpan(d, d, "day", "metadata")
    if "month" in parts:
        return _span_at(d, "month", "metadata")
    return _span_at(d, "year", "metadata")


_DDP = None


def _date_data_parser():
    global _DDP
    if _DDP is None:
        from dateparser.date import DateDataParser

        _DDP = DateDataParser(
            settings={
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_TIME_AS_PERIOD": True,
                "DATE_ORDER": "DMY",
            }
        )
    return _DDP


_DATELINE_CUE = re.compile(
    r"(?:published|updated|posted|last\s+updated|last\s+modified|modified|first\s+published|date[d]?|issued|released)"
    r"\s*(?:on|at)?\s*[:\-–—|]?\s*$",
    re.I,
)
_BYLINE = re.compile(r"^\s*by\s+\S", re.I)
_CITY_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][A-Za-z .'-]+)?\s*,\s*$")
_AFTER_DATE_OK = re.compile(
    r"^\s*(?:$|[-—–|·•/]|,?\s*\d{1,2}[:.]\d{2}|\(|,?\s*at\s+\d|,?\s*(?:GMT|UTC)|\s*,\s*$|,\s*[A-Z][a-z]+day)"
)
_HEAD_CHARS = 300


def _dateline_year(text: str, month: int, day: int) -> int | None:
    """The year of a year-less dateline ("ISTANBUL, July 26 (Reuters)"): that of the latest
    past date the text mentions (targets such as "by 2030" and future dates do not count),
    moved on a year if the dateline would otherwise precede that date."""
    content = _content_date(text)
    if content is None or content.start is None:
        return None
    y = content.start.year
    d = _safe_date(y, month, min(day, _last_day(y, month)))
    if d is not None and d < content.start:
        y += 1
    return y


def _dateline(text: str) -> DateSpan | None:
    head = text[: _HEAD_CHARS]
    # extend to the end of the line the cut fell in
    nl = text.find("\n", _HEAD_CHARS)
    if 0 <= nl < _HEAD_CHARS + 200:
        head = text[:nl]
    hits = _atoms(head)
    for h in hits:
        if h.kind not in ("FULL_MDY", "FULL_DMY", "ISO", "NUM", "MD", "DM"):
            continue
        ls = head.rfind("\n", 0, h.start) + 1
        le = head.find("\n", h.end)
        le = len(head) if le < 0 else le
        prefix, suffix = head[ls:h.start], head[h.end:le]
        line = head[ls:le]
        short = len(line.split()) <= 12 and not line.rstrip().endswith(".")
        prefix_ok = (
            not prefix.strip()
            or bool(_DATELINE_CUE.search(prefix))
            or bool(_BYLINE.match(prefix))
            or bool(_CITY_DATELINE.match(prefix))
            or (short and re.search(r"[-–—|·•:]\s*$", prefix) is not None)
        )
        suffix_ok = bool(_AFTER_DATE_OK.match(suffix)) or short
        if not (prefix_ok and suffix_ok):
            continue
        if h.kind in ("MD", "DM"):
            # "ISTANBUL, July 26 (Reuters) -": take the year from the text
            if not (_CITY_DATELINE.match(prefix) or _DATELINE_CUE.search(prefix) or short):
                continue
            y = _dateline_year(text[h.end:], _month(h.g["m"]), int(h.g["d"]))
            if y is None:
                continue
            d = _safe_date(y, _month(h.g["m"]), int(h.g["d"]))
            if d is None:
                continue
            return DateSpan(d, d, "day", "dateline", head[h.start:h.end], h.start, h.end)
        span = _resolve(h, None, None)
        if span is not None and span.start is not None:
            return replace(span, basis="dateline", text=head[h.start:h.end], start_char=h.start, end_char=h.end)
    return None


_TARGET_PREPS = {"by", "until", "till", "through", "before", "vision", "to"}



def _content_date(text: str) -> DateSpan | None:
    """Latest explicit date the text mentions as past, shifted by "N days ago" when
    such a phrase follows a dated event in the same or the next sentence."""
    hits = _compose(text, _atoms(text))
    _annotate(text, hits)
    best: tuple[date, int, DateSpan] | None = None  # (start, -rank, span)
    last_day: tuple[date, int] | None = None  # latest full date seen, and where

    def consider(span: DateSpan, at: tuple[int, int]) -> None:
        nonlocal best
        key = (span.start, -_RANK.get(span.precision, 0))
        if best is None or key > best[:2]:
            best = (span.start, key[1], replace(span, basis="content", text=text[at[0]:at[1]], start_char=at[0], end_char=at[1]))

    for h in hits:
        if h.future or h.since:
            continue
        if h.kind in ("FULL_MDY", "FULL_DMY", "ISO", "NUM"):
            span = _resolve(h, None, None)
            if span is None:
                continue
            consider(span, (h.start, h.end))
            last_day = (span.start, h.end)
        elif h.kind in ("MD", "DM") and last_day is not None:
            # "on July 20" after "July 15, 2016": the same year when that moves forward in time
            span = _resolve(h, last_day[0], None, future=True)
            if span is not None and span.start is not None and (span.start - last_day[0]).days <= 180:
                consider(span, (h.start, h.end))
        elif h.kind in ("MY", "Y") and not h.attributive and _prev_word(text, h.start) not in _TARGET_PREPS:
            span = _resolve(h, None, None)
            if span is None:
                continue
            if h.kind == "Y" and span.start.year > 2100:
                continue
            # a month or a year only says the document is from its start or later
            consider(_span_at(span.start, span.precision, "content"), (h.start, h.end))
        elif h.kind == "AGO" and last_day is not None:
            # "the strike on August 3 ... over ten days ago": published about ten days after it
            between = text[last_day[1]:h.start]
            if len(_SENT_END.findall(between)) <= 1:
                n = _number(h.g["n"])
                unit = _unit_of(h.g["unit"])
                if n is not None:
                    d = _shift(last_day[0], n, unit)
                    consider(_span_at(d, _UNIT_PRECISION[unit], "content"), (h.start, h.end))
    return best[2] if best else None


def infer_publication_date(text: str, metadata_date: str | None = None) -> DateSpan:
    """metadata first (ISO or any common format -> basis 'metadata'), then a dateline/byline in the
    first ~300 chars (basis 'dateline'), then content inference (basis 'content': latest explicit
    full date mentioned, with precision); never today's date; DateSpan(None, None, 'unknown', 'unknown')
    when nothing is found."""
    meta = parse_date_string(metadata_date)
    if meta is not None:
        return meta
    if text:
        dl = _dateline(text)
        if dl is not None:
            return dl
        content = _content_date(text)
        if content is not None:
            return content
    return UNKNOWN


# ---------------------------------------------------------------------------
# event dates in a document
# ---------------------------------------------------------------------------

_CLAUSE_BOUNDARY = re.compile(
    r";|:\s|\s[—–]\s|\s--\s|\(|\)"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|after|before|when|which|who|where|because|as|until)\b)"
    r"|\s(?=(?:and|but|while|whereas|although|though|because|after|before|when|until)\s)",
    re.I,
)


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0]
    for m in _CLAUSE_BOUNDARY.finditer(text):
        cuts.append(m.start())
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            out.append((a, b))
    return out or [(0, len(text))]


def _distance(span: DateSpan, pos: int) -> int:
    if span.start_char <= pos < span.end_char:
        return 0
    return span.start_char - pos if pos < span.start_char else pos - span.end_char + 1


class DocumentClock:
    """Walks a document's sentences in order and keeps the running (narrative) date.

    Call :meth:`date_for` for every event (several calls for one sentence are fine:
    a sentence is read once) and, ideally, :meth:`observe` for sentences without
    events, so the running date follows the narrative.  :meth:`new_paragraph` starts
    a new paragraph: the fallback "paragraph running date" is cleared, while
    narrative expressions ("two months later") keep resolving against the last
    date mentioned anywhere before.
    """

    def __init__(self, anchor: DateSpan):
        self.anchor = anchor if anchor is not None else UNKNOWN
        self._doc_running: DateSpan | None = None
        self._para_running: DateSpan | None = None
        self._last_sent: str | None = None
        self._last_found: list[_Timex] = []
        self._para_before: DateSpan | None = None

    @property
    def running(self) -> DateSpan | None:
        """The paragraph's running date (None at the start of a paragraph)."""
        return self._para_running

    def new_paragraph(self) -> None:
        self._para_running = None
        self._last_sent = None

    def observe(self, sent_text: str) -> list[DateSpan]:
        """Read a sentence: resolve its expressions and advance the running date."""
        if sent_text == self._last_sent:
            return [t.span for t in self._last_found]
        anchor_date = self.anchor.start
        base = self._doc_running
        if base is None and anchor_date is not None:
            base = self.anchor
        prec = self.anchor.precision if self.anchor.precision in ("day", "month", "year") else "day"
        found, after = _scan(sent_text, anchor_date, base, anchor_precision=prec)
        self._para_before = self._para_running
        self._last_sent = sent_text
        self._last_found = found
        if after is not None and after is not base:
            self._doc_running = after
            self._para_running = after
        return [t.span for t in found]

    def date_for(self, sent_text: str, trigger_char: int | None = None) -> DateSpan:
        """Date of an event whose trigger is at `trigger_char` (offset within sent_text): the expression nearest
        the trigger in its clause, else any in the sentence, else the paragraph's running date (basis
        'narrative'), else the publication anchor (basis 'publication'). Updates the running date when the
        sentence has an explicit/relative date."""
        self.observe(sent_text)
        found = [t for t in self._last_found if t.span.start is not None]
        chosen = self._choose(sent_text, found, trigger_char)
        if chosen is not None:
            return chosen
        if self._para_before is not None:
            r = self._para_before
            return DateSpan(r.start, r.end, r.precision, "narrative")
        if self.anchor.start is not None:
            a = self.anchor
            return DateSpan(a.start, a.end, a.precision, "publication")
        return UNKNOWN

    @staticmethod
    def _choose(text: str, found: list[_Timex], trigger: int | None) -> DateSpan | None:
        if not found:
            return None
        main = [t for t in found if not t.attributive]
        if trigger is None:
            pool = main or found
            return pool[0].span
        clause = next(((a, b) for a, b in _clauses(text) if a <= trigger < b), None)
        # "the first visit ... since Peres addressed parliament in 2007": the since-phrase is backdrop
        backdrop = [t for t in found if t.span.start_char is not None and t.span.start_char > trigger
                    and re.search(r"\bfirst\b.*\bsince\b", text[:t.span.end_char], re.I)
                    and re.search(r"\bsince\b", text[trigger:t.span.end_char], re.I)]
        if backdrop:
            main = [t for t in main if t not in backdrop]
            found = [t for t in found if t not in backdrop]
            if not found:
                return None
        for pool in (main, found):
            if not pool:
                continue
            if clause is not None:
                inside = [t for t in pool if clause[0] <= t.span.start_char < clause[1]]
                if inside:
                    return min(inside, key=lambda t: (_distance(t.span, trigger), t.span.start_char)).span
            return min(pool, key=lambda t: (_distance(t.span, trigger), t.span.start_char)).span
        return None
