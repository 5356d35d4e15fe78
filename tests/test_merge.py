"""Merge: mentions of one real-world event, across sentences and documents, become one event."""
from __future__ import annotations

from dragoman.events.ontology import cameo
from dragoman.merge import evidence, merge_mentions
from dragoman.records import Document, Mention
from dragoman.store import EventFilter


def _m(doc: Document, code: str, src: str, tgt: str, date: str | None, sentence: str, start: int = 0, *,
       modality: str = "asserted", basis: str | None = "explicit", precision: str = "day",
       place: tuple[str, str, float | None, float | None] | None = None, date_end: str | None = None) -> Mention:
    info = cameo(code)
    name, country, lat, lon = place or (None, None, None, None)
    return Mention(
        doc_id=doc.doc_id, sentence=sentence, sent_start=start, sent_end=start + len(sentence),
        trigger=sentence.split()[-1], trigger_start=start + 5, cameo_code=code, cameo_root=code[:2],
        goldstein=info.goldstein, quad_class=info.quad_class, plover_type=info.plover_type,
        source_actor=src, target_actor=tgt, source_country=src[:3], target_country=tgt[:3],
        date=date, date_end=date_end or date, date_precision=precision if date else "unknown",
        date_basis=basis if date else None, modality=modality, location_name=name, location_country=country,
        lat=lat, lon=lon, confidence=0.8, source_name=doc.source_name, published=doc.published,
        doc_title=doc.title,
    )


ISFAHAN = ("Isfahan", "IRN", 32.65, 51.67)
TEHRAN = ("Tehran", "IRN", 35.69, 51.42)


def _merge(store):
    events, assignment = merge_mentions(store.mentions())
    store.replace_events(events, assignment)
    return events


def test_one_airstrike_in_two_documents_is_one_event_and_denial_is_flagged(duck):
    a = Document(text="Israeli jets struck a site near Isfahan on April 19. The strike hit an air base.",
                 source_name="Reuters", published="2024-04-20", title="Israel strikes Iran")
    b = Document(text="Israel attacked Isfahan on Friday, officials said.", source_name="Tasnim News Agency",
                 published="2024-04-19", title="Explosions heard in Isfahan")
    c = Document(text="Iran denied that Israel carried out any strike on Isfahan on April 19.",
                 source_name="IRNA", published="2024-04-21", title="Iran denies strike")
    duck.add_document(a, [
        _m(a, "195", "ISRMIL", "IRNMIL", "2024-04-19", "Israeli jets struck a site near Isfahan on April 19.",
           place=ISFAHAN),
        _m(a, "190", "ISR", "IRN", "2024-04-19", "The strike hit an air base.", 53, basis="narrative"),
    ])
    duck.add_document(b, [_m(b, "190", "ISRGOV", "IRNMIL", "2024-04-19", "Israel attacked Isfahan on Friday.",
                             basis="relative", place=ISFAHAN)])
    duck.add_document(c, [_m(c, "195", "ISR", "IRN", "2024-04-19", "Iran denied that Israel carried out any strike.",
                             modality="negated", place=ISFAHAN)])
    events = _merge(duck)
    assert len(events) == 1
    ev = duck.events()[0]
    assert ev["num_mentions"] == 4
    assert ev["num_documents"] == 3
    assert ev["num_sources"] == 3
    assert ev["cameo_code"] == "195"  # the most specific report wins
    assert ev["date"] == "2024-04-19"
    assert ev["modality"] == "asserted"
    assert ev["first_seen"] == "2024-04-19" and ev["last_seen"] == "2024-04-21"
    assert ev["contradicted"] and "asserted_vs_negated" in ev["flags"]
    ev_rows = evidence(duck, ev["event_id"])
    assert len(ev_rows) == 4
    assert [r["source_name"] for r in ev_rows][0] == "Tasnim News Agency"  # oldest report first
    denial = [r for r in ev_rows if r["modality"] == "negated"]
    assert len(denial) == 1 and denial[0]["contradicts"] == ["negated"]
    assert all(r["contradicts"] == [] for r in ev_rows if r["modality"] == "asserted")
    # every mention points at the event
    assert {m["event_id"] for m in duck.mentions()} == {ev["event_id"]}
    assert evidence(duck, "no-such-event") == []


def test_two_documents_with_one_mention_each(duck):
    a = Document(text="a", source_name="Reuters", published="2023-10-10")
    b = Document(text="b", source_name="Associated Press", published="2023-10-10")
    duck.add_document(a, [_m(a, "195", "ISRMIL", "PSE", "2023-10-09", "Israeli jets bombed Gaza City.")])
    duck.add_document(b, [_m(b, "195", "ISR", "PSEREB", "2023-10-09", "Israel's air force struck Gaza.")])
    events = _merge(duck)
    assert len(events) == 1
    assert events[0]["num_documents"] == 2 and events[0]["num_mentions"] == 2
    assert not events[0]["contradicted"]
    assert sorted(events[0]["mention_ids"]) == sorted(m["mention_id"] for m in duck.mentions())


def test_daily_strikes_with_calendar_dates_stay_separate(duck):
    for i, day in enumerate(["2023-10-09", "2023-10-10", "2023-10-11", "2023-10-12"]):
        d = Document(text=f"strike {day}", source_name="Reuters", published=day)
        duck.add_document(d, [_m(d, "195", "ISRMIL", "PSE", day, f"Israeli jets struck Gaza on {day}.")])
    assert len(_merge(duck)) == 4


def test_a_day_off_from_relative_wording_merges_and_is_flagged(duck):
    a = Document(text="a", source_name="Reuters", published="2023-10-10")
    b = Document(text="b", source_name="Al Jazeera", published="2023-10-11")
    duck.add_document(a, [_m(a, "195", "ISRMIL", "PSE", "2023-10-09", "Israeli jets struck Jabalia on October 9.")])
    duck.add_document(b, [_m(b, "195", "ISRMIL", "PSE", "2023-10-10", "Israeli jets struck Jabalia yesterday.",
                             basis="relative")])
    events = _merge(duck)
    assert len(events) == 1
    ev = events[0]
    assert ev["date"] == "2023-10-09"  # the calendar date beats the relative one
    assert ev["flags"] == "different_dates"
    rel = [e for e in ev["evidence"] if e["source_name"] == "Al Jazeera"][0]
    assert rel["contradicts"] == ["date 2023-10-10"]


def test_different_pairs_codes_directions_places_are_different_events(duck):
    d = Document(text="many", source_name="Reuters", published="2023-10-10")
    duck.add_document(d, [
        _m(d, "195", "ISRMIL", "PSE", "2023-10-09", "Israel struck Gaza.", 0),
        _m(d, "195", "PSEREB", "ISR", "2023-10-09", "Hamas fired rockets at Israel.", 30),  # reversed direction
        _m(d, "111", "ISRGOV", "PSE", "2023-10-09", "Israel condemned Hamas.", 60),  # other root
        _m(d, "195", "ISRMIL", "LBN", "2023-10-09", "Israel struck Lebanon.", 90),  # other target
        _m(d, "195", "ISRMIL", "IRN", "2023-10-09", "Israel struck Tehran.", 120, place=TEHRAN),
        _m(d, "195", "ISRMIL", "IRN", "2023-10-09", "Israel struck Isfahan.", 150, place=ISFAHAN),  # 330 km away
    ])
    assert len(_merge(duck)) == 6


def test_visit_and_host_are_one_event_and_roles_do_not_split(duck):
    a = Document(text="visit", source_name="Reuters", published="2017-10-05")
    b = Document(text="host", source_name="IRNA", published="2017-10-05")
    duck.add_document(a, [_m(a, "042", "TURGOV", "IRN", "2017-10-04", "Erdogan visited Tehran.")])
    duck.add_document(b, [_m(b, "043", "IRNGOV", "TURGOV", "2017-10-04", "Rouhani hosted Erdogan.")])
    events = _merge(duck)
    assert len(events) == 1 and events[0]["num_sources"] == 2


def test_less_precise_mentions_join_only_when_unambiguous(duck):
    a = Document(text="a", source_name="Reuters", published="2022-06-30")
    duck.add_document(a, [
        _m(a, "163", "TURGOV", "ISR", "2022-06-10", "Turkey imposed an embargo on Israel on June 10."),
        _m(a, "163", "TURGOV", "ISR", "2022-06-01", "The June embargo hurt trade.", 60, precision="month",
           date_end="2022-06-30", basis="explicit"),
        _m(a, "163", "TURGOV", "ISR", None, "The embargo was criticised.", 120),
    ])
    b = Document(text="b", source_name="AP", published="2022-06-12")
    duck.add_document(b, [
        _m(b, "195", "ISRMIL", "SYR", "2022-06-03", "Israel struck Damascus on June 3."),
        _m(b, "195", "ISRMIL", "SYR", "2022-06-08", "Israel struck Damascus again on June 8.", 40),
        _m(b, "195", "ISRMIL", "SYR", "2022-06-01", "June saw Israeli strikes in Syria.", 80, precision="month",
           date_end="2022-06-30"),
    ])
    events = _merge(duck)
    sizes = sorted((e["cameo_code"], e["num_mentions"]) for e in events)
    # embargo: one event with all three mentions; strikes: two dated ones plus the ambiguous summary
    assert sizes == [("163", 3), ("195", 1), ("195", 1), ("195", 1)]


def test_merge_is_deterministic_and_ids_stable(duck):
    a = Document(text="a", source_name="Reuters", published="2023-10-10")
    b = Document(text="b", source_name="AP", published="2023-10-10")
    duck.add_document(a, [_m(a, "195", "ISRMIL", "PSE", "2023-10-09", "x")])
    duck.add_document(b, [_m(b, "190", "ISR", "PSE", "2023-10-09", "y")])
    rows = duck.mentions()
    e1, a1 = merge_mentions(rows)
    e2, a2 = merge_mentions(list(reversed(rows)))
    assert [e["event_id"] for e in e1] == [e["event_id"] for e in e2]
    assert a1 == a2
    _merge(duck)
    assert len(duck.events(EventFilter(dyad=("ISR", "PSE")))) == 1


def test_codes_must_be_compatible_not_just_share_a_root(duck):
    d = Document(text="codes", source_name="Reuters", published="2023-10-10")
    e = Document(text="codes 2", source_name="AP", published="2023-10-10")
    duck.add_document(d, [
        _m(d, "195", "ISRMIL", "PSE", "2023-10-09", "Israeli jets struck Gaza."),
        _m(d, "193", "ISRMIL", "PSE", "2023-10-09", "Israeli troops exchanged fire with gunmen.", 40),
    ])
    duck.add_document(e, [_m(e, "190", "ISR", "PSE", "2023-10-09", "Israel attacked Gaza.")])  # generic: joins one
    events = _merge(duck)
    assert sorted((ev["cameo_code"], ev["num_mentions"]) for ev in events) == [("193", 1), ("195", 2)]


def test_a_mention_missing_an_actor_joins_across_documents_only_on_stated_days(duck):
    a = Document(text="full", source_name="Reuters", published="2022-07-24")
    b = Document(text="partial day", source_name="AP", published="2022-07-24")
    c = Document(text="partial month", source_name="AFP", published="2022-08-02")
    duck.add_document(a, [_m(a, "195", "TURMIL", "IRQ", "2022-07-23", "Turkish jets struck PKK targets in Iraq.")])
    duck.add_document(b, [Mention(**{**_m(b, "195", "TURMIL", "IRQ", "2022-07-23", "Turkey launched airstrikes.")
                                     .to_row(), "target_actor": None, "target_country": None, "mention_id": ""})])
    duck.add_document(c, [Mention(**{**_m(c, "195", "TURMIL", "IRQ", "2022-07-01", "Turkey kept up strikes in July.",
                                          precision="month", date_end="2022-07-31").to_row(),
                                     "target_actor": None, "target_country": None, "mention_id": ""})])
    events = _merge(duck)
    sizes = sorted(ev["num_documents"] for ev in events)
    assert sizes == [1, 2]
    joined = next(ev for ev in events if ev["num_documents"] == 2)
    assert joined["target_actor"] == "IRQ" and joined["date"] == "2022-07-23"
