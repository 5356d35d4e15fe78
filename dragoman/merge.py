"""Mentions to events: one real-world event, however many sentences report it.

A *mention* is one sentence saying who did what to whom; an *event* is the
thing that happened. Several sentences of one article, and several articles,
report the same event; `merge_mentions` groups their mentions and writes one
event row per group with its evidence.

When two mentions are the same event
------------------------------------
All of these must hold between a mention and **every** mention already in the
event (complete linkage, so a chain of daily strikes never collapses into one
event):

1. **Actors** — the same actor pair *up to roles*: actors are compared by
   country (`TURGOV`, `TURMIL` and `TUR` are all Turkey; an actor without a
   country, e.g. `IGONAT`, is compared by its code). Direction must agree,
   except that

   * symmetric codes (`SYMMETRIC_CODES`: consult, phone, meet, negotiate, sign
     an agreement, material cooperation) have no direction, and
   * inverse codes (`INVERSE_CODES`: "A visits B" 042 = "B hosts A" 043) are
     compared after turning 043 round into 042.

   A mention missing one actor ("Turkey launched airstrikes") may join an
   event whose known actor is on the same side, if the choice is unambiguous
   (see *Order and ambiguity*) and, across documents, only when it and every
   mention of the event state a day; otherwise it joins only events of its
   own document.
2. **Codes** — the same CAMEO root and compatible codes: after turning `043`
   into `042`, and reading a generic code (third digit `0`: `190` "use
   conventional force", `040` "consult") as its root, one code must be a
   prefix of the other. So `190` and `195` (aerial weapons) are one airstrike
   reported more or less specifically, `195` and `1951` too, but `193`
   (small arms) and `195`, or `051` (praise) and `057` (sign an agreement),
   are different events. The event's code is the most specific code among
   its mentions (longest, then most frequent).
3. **Dates** — every mention has a date interval `[lo, hi]`:

   * `day` precision, explicit/relative/narrative basis: `[d, d]`;
   * `day` precision with basis `publication` (the text gave no date, the
     article's date stands in): `[d - PUBLICATION_LAG_DAYS, d]`, since news
     reports what happened on or shortly before the publication day;
   * `month`, `year`, `range`: `[date, date_end]` (the whole month/year/range).

   Two intervals are compatible when they overlap after widening by
   `MAX_GAP_DAYS`: `lo_a <= hi_b + GAP and lo_b <= hi_a + GAP`.
   Two *different explicit days* are compatible only when they are at most
   `MAX_GAP_DAYS` apart, come from different documents, and at least one of
   them was resolved from relative or narrative wording ("yesterday", "on
   Tuesday", the running date of a story) — the dates that time zones,
   overnight events and anchoring errors put a day off. Two firm calendar
   dates (basis `explicit`) that differ are two events (daily strikes stay
   daily), and so are two days in one document.
   A mention without any date joins only an event of its own document.
4. **Places** — location countries, when both are known, are equal; and when
   both mentions have coordinates (a city), the great-circle (haversine)
   distance between them is at most `MAX_KM`.

Modality is *not* a condition: "Israel struck Gaza" and "Israel denied
striking Gaza" are two statements about one event.

Order and ambiguity
-------------------
Mentions are taken most specific first: both actors and a firm calendar day,
then days from relative wording, publication-dated days, month/range, year,
mentions missing an actor, and finally undated ones. A mention with both
actors and a stated day joins the compatible event whose dates are closest
(its own document first on ties). A less specific one joins only if the
choice is unambiguous: exactly one compatible event, or exactly one
compatible event from its own document; otherwise it becomes an event of its
own (a month-dated "airstrikes in March" next to ten dated
strikes is a summary, not one of them).

Contradictions are kept and flagged
-----------------------------------
`flags` (comma-separated) and `contradicted` record:

* `asserted_vs_negated` — some mentions say it happened (asserted or
  reported), others that it did not (negated);
* `different_dates` — mentions give different explicit days (within the
  tolerance above).

Mentions naming opposite sources and targets for a directed code ("A struck
B" vs "B struck A") are not merged: that is two events, or a coding error,
never one event.

The event takes its date from the firm calendar day most mentions give (else
the relative-wording day most give; ties: the earliest); its code is the most
specific one reported (its Goldstein score and QuadClass go with it); its
modality, actors and place come from the representative mention: the most
confident asserted mention on that date.

Ids and counts
--------------
* `event_id` — the first 16 hex digits of sha1("event|" + the smallest
  mention id of the event): the same mentions always give the same id, and
  an event keeps its id as reports are added unless one with a smaller id
  arrives;
* `num_mentions` — mentions in the event;
* `num_documents` — distinct `doc_id`;
* `num_sources` — distinct publishers (`source_name`; a document without one
  counts as a source of its own);
* `first_seen`, `last_seen` — earliest and latest publication date of the
  reporting documents (None when no document has a publication date).

Each event dict also carries `mention_ids` and `evidence` (one short dict per
mention: document, publisher, date, modality, sentence and, under
`contradicts`, the reasons it disagrees with the event). The store keeps the
event columns; `evidence(store, event_id)` rebuilds the evidence list from
the stored mentions.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MAX_GAP_DAYS = 1  # explicit days this far apart may still be one event
PUBLICATION_LAG_DAYS = 3  # a publication-dated mention happened on or up to this many days before
MAX_KM = 100.0  # two located mentions of one event are at most this far apart

SYMMETRIC_CODES = frozenset({"040", "041", "044", "046", "057", "060", "061", "062", "063", "064"})
INVERSE_CODES = {"043": "042"}  # B hosts A  ==  A visits B

POSITIVE_MODALITIES = frozenset({"asserted", "reported"})
_PREC_RANK = {"day": 0, "month": 1, "range": 2, "year": 3}


# --------------------------------------------------------------------------- helpers
def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _actor_key(code: str | None, country: str | None) -> str | None:
    """Actors compare by country (roles ignored); country-less actors by their code."""
    return country or code or None


def _explicit_day(m: dict[str, Any]) -> dt.date | None:
    """The day a mention states (not inferred from the publication date), if any."""
    if m.get("date_precision") == "day" and m.get("date_basis") != "publication":
        return _day(m.get("date"))
    return None


def _interval(m: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    lo = _day(m.get("date"))
    if lo is None:
        return None
    hi = _day(m.get("date_end")) or lo
    if hi < lo:
        lo, hi = hi, lo
    if m.get("date_precision") == "day" and m.get("date_basis") == "publication":
        lo = lo - dt.timedelta(days=PUBLICATION_LAG_DAYS)
    elif m.get("date_precision") == "month" and hi == lo:
        # a month-precision date stored without its end: cover the month
        nxt = (lo.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        lo, hi = lo.replace(day=1), nxt - dt.timedelta(days=1)
    elif m.get("date_precision") == "year" and hi == lo:
        lo, hi = lo.replace(month=1, day=1), lo.replace(month=12, day=31)
    return lo, hi


def _code_key(code: str | None) -> str:
    """The code as compared by the merge: 043 -> 042, generic XX0 -> its root XX."""
    c = str(code or "")
    c = INVERSE_CODES.get(c, c)
    if len(c) == 3 and c.endswith("0"):
        c = c[:2]
    return c


def codes_compatible(a: str | None, b: str | None) -> bool:
    """Whether two CAMEO codes can describe one event (see the module docstring)."""
    ka, kb = _code_key(a), _code_key(b)
    return ka.startswith(kb) or kb.startswith(ka)


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class _Oriented:
    """A mention seen through the merge: actor keys after undoing inverse codes."""

    row: dict[str, Any]
    src: str | None
    tgt: str | None
    symmetric: bool
    interval: tuple[dt.date, dt.date] | None
    day: dt.date | None
    firm: bool  # the day is a calendar date in the text (basis explicit or not recorded)
    code: str  # as compared: _code_key
    point: tuple[float, float] | None
    place_country: str | None

    @classmethod
    def of(cls, m: dict[str, Any]) -> "_Oriented":
        code = str(m.get("cameo_code") or "")
        src = _actor_key(m.get("source_actor"), m.get("source_country"))
        tgt = _actor_key(m.get("target_actor"), m.get("target_country"))
        if code in INVERSE_CODES:
            src, tgt = tgt, src
        lat, lon = m.get("lat"), m.get("lon")
        point = (float(lat), float(lon)) if lat is not None and lon is not None else None
        firm = m.get("date_basis") in (None, "", "explicit")
        return cls(m, src, tgt, code in SYMMETRIC_CODES, _interval(m), _explicit_day(m), firm, _code_key(code),
                   point, m.get("location_country") or None)

    pair: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if self.src is not None and self.tgt is not None:
            self.pair = tuple(sorted((self.src, self.tgt)))  # type: ignore[assignment]

    def tier(self) -> int:
        """Merge order, most specific first (see *Order and ambiguity*)."""
        if self.interval is None:
            return 6
        if self.pair is None:
            return 5
        if self.day is not None:
            return 0 if self.firm else 1
        prec = self.row.get("date_precision")
        if prec == "day":
            return 2
        if prec in ("month", "range"):
            return 3
        return 4


@dataclass
class _Cluster:
    members: list[_Oriented] = field(default_factory=list)
    pair: tuple[str, str] | None = None
    direction: tuple[str, str] | None = None  # (src, tgt) of a directed full-actor member
    sides: set[str] = field(default_factory=set)  # actor keys seen
    max_lo: dt.date | None = None
    min_hi: dt.date | None = None
    days: list[tuple[dt.date, bool, Any]] = field(default_factory=list)  # (day, firm, doc_id)
    docs: set[str] = field(default_factory=set)
    place_country: str | None = None
    points: list[tuple[float, float]] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    all_days: bool = True  # every mention states a day
    reg_whos: tuple = ()
    reg_docs: set = field(default_factory=set)

    def add(self, o: _Oriented) -> None:
        self.members.append(o)
        self.codes.add(o.code)
        self.all_days = self.all_days and o.day is not None
        if self.pair is None and o.pair is not None:
            self.pair = o.pair
        if self.direction is None and o.pair is not None and not o.symmetric:
            self.direction = (o.src, o.tgt)  # type: ignore[assignment]
        self.sides.update(x for x in (o.src, o.tgt) if x)
        if o.interval is not None:
            lo, hi = o.interval
            self.max_lo = lo if self.max_lo is None else max(self.max_lo, lo)
            self.min_hi = hi if self.min_hi is None else min(self.min_hi, hi)
        if o.day is not None:
            self.days.append((o.day, o.firm, o.row.get("doc_id")))
        self.docs.add(o.row.get("doc_id"))
        if o.place_country:
            self.place_country = self.place_country or o.place_country
        if o.point:
            self.points.append(o.point)

    # -- compatibility ---------------------------------------------------
    def actors_ok(self, o: _Oriented) -> bool:
        if o.pair is not None:
            if self.pair is None:
                # the event so far lacks an actor: the mention must cover its known ones
                return self.sides <= set(o.pair) and self._side_ok(o.src, o.tgt, o.symmetric)
            if o.pair != self.pair:
                return False
            if o.symmetric or self.direction is None:
                return True
            return (o.src, o.tgt) == self.direction
        known = [x for x in (o.src, o.tgt) if x]
        if self.pair is None:
            return set(known) == self.sides or (not known and not self.sides)
        if not known:
            return False
        return all(k in self.pair for k in known) and self._side_ok(o.src, o.tgt, o.symmetric)

    def _side_ok(self, src: str | None, tgt: str | None, symmetric: bool) -> bool:
        if symmetric or self.direction is None:
            return True
        return (src is None or src == self.direction[0]) and (tgt is None or tgt == self.direction[1])

    def dates_ok(self, o: _Oriented) -> bool:
        if o.interval is None:
            return o.row.get("doc_id") in self.docs
        if self.max_lo is None or self.min_hi is None:  # an undated event: same document only
            return o.row.get("doc_id") in self.docs
        gap = dt.timedelta(days=MAX_GAP_DAYS)
        lo, hi = o.interval
        if not (lo <= self.min_hi + gap and self.max_lo <= hi + gap):
            return False
        if o.day is not None:
            doc = o.row.get("doc_id")
            for day, firm, d_doc in self.days:
                if day != o.day and (
                    (firm and o.firm) or d_doc == doc or abs((day - o.day).days) > MAX_GAP_DAYS
                ):
                    return False
        return True

    def place_ok(self, o: _Oriented) -> bool:
        if o.place_country and self.place_country and o.place_country != self.place_country:
            return False
        if o.point:
            return all(_haversine_km(o.point, p) <= MAX_KM for p in self.points)
        return True

    def codes_ok(self, o: _Oriented) -> bool:
        return all(o.code.startswith(c) or c.startswith(o.code) for c in self.codes)

    def compatible(self, o: _Oriented) -> bool:
        if o.pair is None and o.row.get("doc_id") not in self.docs and (o.day is None or not self.all_days):
            return False  # across documents, a mention missing an actor joins only on stated days
        return self.codes_ok(o) and self.actors_ok(o) and self.dates_ok(o) and self.place_ok(o)

    def distance_days(self, o: _Oriented) -> int:
        if o.interval is None or self.max_lo is None or self.min_hi is None:
            return 0
        lo, hi = o.interval
        return max(0, (lo - self.min_hi).days, (self.max_lo - hi).days)


# --------------------------------------------------------------------------- merge
def merge_mentions(mentions: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Group mention rows into events; returns (event rows, mention_id -> event_id).

    Event rows carry the store's event columns plus `mention_ids` and
    `evidence` (see the module docstring for the rules and formulas).
    """
    oriented = [_Oriented.of(m) for m in mentions]
    oriented.sort(key=lambda o: (o.tier(), str(o.row.get("date") or "9999"), str(o.row.get("doc_id") or ""),
                                 o.row.get("sent_start") or 0, o.row.get("mention_id") or ""))
    clusters: list[_Cluster] = []
    # candidate index: (root, who, month or "doc:<id>") -> clusters, where `who` is ("pair", pair) for
    # events with both actors, ("partial", actor) for events missing one, ("actor", actor) for every
    # event with that actor and ("none",) for events without actors. A cluster's date window only
    # shrinks as mentions join, so stale entries merely cost a compatibility check.
    index: dict[tuple, list[_Cluster]] = defaultdict(list)
    for o in oriented:
        root = str(o.row.get("cameo_root") or (o.row.get("cameo_code") or "")[:2])
        if o.pair is not None:
            whos = [("pair", o.pair), *(("partial", a) for a in o.pair)]
        elif o.src or o.tgt:
            whos = [("actor", a) for a in (o.src, o.tgt) if a]
        else:
            whos = [("none",)]
        slots = _months(o.interval) if o.interval else [f"doc:{o.row.get('doc_id')}"]
        pool: dict[int, _Cluster] = {}
        for who in whos:
            for slot in slots:
                for c in index.get((root, who, slot), ()):
                    pool.setdefault(id(c), c)
        chosen = _choose(o, [c for c in pool.values() if c.compatible(o)])
        if chosen is None:
            chosen = _Cluster()
            clusters.append(chosen)
        chosen.add(o)
        _register(chosen, root, index)

    events: list[dict[str, Any]] = []
    assignment: dict[str, str] = {}
    for cl in clusters:
        ev = event_summary([o.row for o in cl.members])
        events.append(ev)
        for o in cl.members:
            assignment[o.row["mention_id"]] = ev["event_id"]
    events.sort(key=lambda e: (str(e["date"] or "9999"), e["event_id"]))
    return events, assignment


def _register(c: _Cluster, root: str, index: dict[tuple, list[_Cluster]]) -> None:
    """Index a cluster under its actor keys, its documents and the months its window covers.

    The window only shrinks, so months are indexed once per set of actor keys; documents as they join.
    """
    if c.pair is not None:
        whos: list[tuple] = [("pair", c.pair), *(("actor", a) for a in c.pair)]
    elif c.sides:
        whos = [w for a in sorted(c.sides) for w in (("partial", a), ("actor", a))]
    else:
        whos = [("none",)]
    slots: list[str] = []
    if tuple(whos) != c.reg_whos:
        c.reg_whos = tuple(whos)
        c.reg_docs = set()
        if c.max_lo is not None and c.min_hi is not None:
            # a joining mention's interval must meet [max_lo - gap, min_hi + gap] (see dates_ok)
            gap = dt.timedelta(days=MAX_GAP_DAYS)
            slots += _months((c.max_lo - gap, c.min_hi + gap))
    slots += [f"doc:{d}" for d in c.docs - c.reg_docs]
    c.reg_docs |= c.docs
    for who in whos:
        for slot in slots:
            index[(root, who, slot)].append(c)


def _months(interval: tuple[dt.date, dt.date]) -> list[str]:
    lo, hi = interval
    out, y, m = [], lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _choose(o: _Oriented, candidates: list[_Cluster]) -> _Cluster | None:
    if not candidates:
        return None
    doc = o.row.get("doc_id")
    if o.tier() <= 1:
        return min(candidates, key=lambda c: (c.distance_days(o), doc not in c.docs))
    if len(candidates) == 1:
        return candidates[0]
    same_doc = [c for c in candidates if doc in c.docs]
    return same_doc[0] if len(same_doc) == 1 else None


def _specificity(code: str) -> int:
    """Digits that say something: "190" (generic use of force) < "195" (aerial weapons)."""
    return len(code) - 1 if len(code) > 2 and code.endswith("0") else len(code)


def consensus_day(rows: list[dict[str, Any]]) -> dt.date | None:
    """The day the event is dated to: the firm calendar day most mentions give, else the
    relative-wording day most give (ties: the earliest); None without stated days."""
    firm = Counter(_explicit_day(r) for r in rows if r.get("date_basis") in (None, "", "explicit"))
    firm.pop(None, None)
    days = firm or Counter(d for d in (_explicit_day(r) for r in rows) if d is not None)
    if not days:
        return None
    return min(days, key=lambda d: (-days[d], d))


def _contradictions(row: dict[str, Any], event_positive: bool, event_day: dt.date | None) -> list[str]:
    out = []
    mod = row.get("modality")
    if event_positive and mod == "negated":
        out.append("negated")
    elif not event_positive and mod in POSITIVE_MODALITIES:
        out.append("asserted")
    d = _explicit_day(row)
    if event_day is not None and d is not None and d != event_day:
        out.append(f"date {d.isoformat()}")
    return out


def event_summary(cluster: list[dict[str, Any]]) -> dict[str, Any]:
    """One event row (store columns + `mention_ids`, `evidence`) from the mention rows of one event."""
    if len(cluster) == 1:
        return _event_row(cluster, *_single_parts(cluster[0]))
    return _event_row(cluster, *_cluster_parts(cluster))


# what `_event_row` needs besides the rows: consensus day, whether any mention is positive, the representative,
# the event's code, the row its scores come from, the flags and the rows in evidence order
_Parts = tuple[dt.date | None, bool, dict[str, Any], Any, dict[str, Any], list[str], list[dict[str, Any]]]


def _single_parts(r: dict[str, Any]) -> _Parts:
    """`_cluster_parts` of a one-mention event (most events), without the counting and sorting: the mention
    is its own representative and code row, states at most one day and cannot contradict itself."""
    code = str(r["cameo_code"]) if r.get("cameo_code") else r.get("cameo_code")
    return _explicit_day(r), r.get("modality") in POSITIVE_MODALITIES, r, code, r, [], [r]


def _cluster_parts(cluster: list[dict[str, Any]]) -> _Parts:
    day = consensus_day(cluster)
    modalities = {r.get("modality") for r in cluster}
    positive = bool(modalities & POSITIVE_MODALITIES)

    def rep_key(r: dict[str, Any]) -> tuple:
        return (
            r.get("modality") != "asserted",
            r.get("modality") not in POSITIVE_MODALITIES,
            day is not None and _explicit_day(r) != day,
            r.get("source_actor") is None or r.get("target_actor") is None,
            _PREC_RANK.get(r.get("date_precision") or "", 9),
            -(r.get("confidence") or 0),
            r.get("mention_id") or "",
        )

    rep = min(cluster, key=rep_key)
    codes = Counter(str(r.get("cameo_code") or "") for r in cluster if r.get("cameo_code"))
    code = max(codes, key=lambda c: (_specificity(c), codes[c], c)) if codes else rep.get("cameo_code")
    flags = []
    if positive and "negated" in modalities:
        flags.append("asserted_vs_negated")
    if len({d for d in (_explicit_day(r) for r in cluster) if d is not None}) > 1:
        flags.append("different_dates")
    # the code and its scores come from the representative unless a more specific code won
    code_row = rep if rep.get("cameo_code") == code else next(
        (r for r in sorted(cluster, key=rep_key) if r.get("cameo_code") == code), rep)
    ordered = sorted(cluster, key=lambda r: (str(r.get("published") or ""), str(r.get("doc_id")), r.get("sent_start") or 0))
    return day, positive, rep, code, code_row, flags, ordered


def _event_row(cluster: list[dict[str, Any]], day: dt.date | None, positive: bool, rep: dict[str, Any], code: Any,
               code_row: dict[str, Any], flags: list[str], ordered: list[dict[str, Any]]) -> dict[str, Any]:
    ids = sorted(r["mention_id"] for r in cluster)
    event_id = hashlib.sha1(("event|" + ids[0]).encode()).hexdigest()[:16]
    published = sorted(str(r["published"])[:10] for r in cluster if r.get("published"))
    evidence = [
        {
            "mention_id": r["mention_id"], "doc_id": r.get("doc_id"), "source_name": r.get("source_name"),
            "published": r.get("published"), "date": r.get("date"), "date_precision": r.get("date_precision"),
            "modality": r.get("modality"), "cameo_code": r.get("cameo_code"), "trigger": r.get("trigger"),
            "sentence": r.get("sentence"), "contradicts": _contradictions(r, positive, day),
        }
        for r in ordered
    ]
    src = next((r for r in [rep, *cluster] if r.get("source_actor")), rep)
    tgt = next((r for r in [rep, *cluster] if r.get("target_actor")), rep)
    return {
        "event_id": event_id,
        "cameo_code": code,
        "cameo_root": code_row.get("cameo_root") or (code or "")[:2] or None,
        "source_actor": src.get("source_actor"),
        "target_actor": tgt.get("target_actor"),
        "source_country": src.get("source_country"),
        "target_country": tgt.get("target_country"),
        "date": day.isoformat() if day else rep.get("date"),
        "date_end": day.isoformat() if day else rep.get("date_end"),
        "date_precision": "day" if day else rep.get("date_precision"),
        "goldstein": code_row.get("goldstein"),
        "quad_class": code_row.get("quad_class"),
        "plover_type": code_row.get("plover_type"),
        "modality": rep.get("modality"),
        "location_name": rep.get("location_name") or next((r.get("location_name") for r in cluster if r.get("location_name")), None),
        "num_mentions": len(cluster),
        "num_sources": len({r.get("source_name") or f"doc:{r.get('doc_id')}" for r in cluster}),
        "num_documents": len({r.get("doc_id") for r in cluster}),
        "first_seen": published[0] if published else None,
        "last_seen": published[-1] if published else None,
        "contradicted": bool(flags),
        "flags": ",".join(flags) or None,
        "mention_ids": ids,
        "evidence": evidence,
    }


def evidence(store: Any, event_id: str) -> list[dict[str, Any]]:
    """The stored mentions of one event, oldest report first, each with `contradicts`.

    `contradicts` lists why a mention disagrees with the event: "negated" (the
    event is asserted but this mention denies it), "asserted" (the reverse), or
    "date YYYY-MM-DD" (it gives another explicit day than the event's).
    Returns [] for an unknown event id.
    """
    from .store import EventFilter

    rows = store.mentions(EventFilter(event_id=event_id))
    if not rows:
        return []
    ev = store.events(EventFilter(event_id=event_id))
    positive = bool({r.get("modality") for r in rows} & POSITIVE_MODALITIES)
    day = _day(ev[0]["date"]) if ev and ev[0].get("date_precision") == "day" else consensus_day(rows)
    out = []
    for r in sorted(rows, key=lambda r: (str(r.get("published") or ""), str(r.get("doc_id")), r.get("sent_start") or 0)):
        out.append({**r, "contradicts": _contradictions(r, positive, day)})
    return out
