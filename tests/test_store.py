"""The store keeps documents and their mentions together, once, and survives failures."""
from __future__ import annotations

import pytest

from dragoman.records import Document, Mention
from dragoman.store import EventFilter, open_store


def _mention(doc: Document, code: str = "042", src: str = "TURGOV", tgt: str = "IRNGOV", date: str = "2017-08-15", start: int = 0) -> Mention:
    return Mention(doc_id=doc.doc_id, sentence="Erdogan visited Tehran.", sent_start=start, sent_end=start + 23,
                   trigger="visited", trigger_start=start + 8, cameo_code=code, cameo_root=code[:2],
                   source_actor=src, target_actor=tgt, source_country=src[:3], target_country=tgt[:3],
                   date=date, date_precision="day", quad_class=1, goldstein=1.9)


def test_document_and_mentions_stored_once(duck):
    doc = Document(text="Erdogan visited Tehran.", path="a.txt")
    assert duck.add_document(doc, [_mention(doc)])
    assert not duck.add_document(doc, [_mention(doc)])
    assert duck.stats()["documents"] == 1
    assert duck.stats()["mentions"] == 1


def test_failed_write_leaves_nothing_half_stored(duck):
    good = Document(text="first document")
    duck.add_document(good, [_mention(good)])
    bad = Document(text="second document")
    m = _mention(bad)
    m.sent_start = "not a number"  # the mentions insert fails after the document row went in
    with pytest.raises(Exception):
        duck.add_document(bad, [m])
    assert not duck.has_document(bad.doc_id)
    assert duck.stats() == {"documents": 1, "mentions": 1, "events": 0, "errors": 0}


def test_filters(duck):
    doc = Document(text="x")
    duck.add_document(doc, [
        _mention(doc, "042", "TURGOV", "IRNGOV", "2017-08-15", 0),
        _mention(doc, "111", "IRNGOV", "ISRGOV", "2019-01-02", 30),
        _mention(doc, "195", "ISRMIL", "IRNMIL", "2024-04-19", 60),
    ])
    assert len(duck.mentions(EventFilter(actor="IRN"))) == 3
    assert len(duck.mentions(EventFilter(dyad=("TUR", "IRN")))) == 1
    assert len(duck.mentions(EventFilter(dyad=("IRN", "TUR")))) == 1
    assert len(duck.mentions(EventFilter(dyad=("IRN", "TUR"), directed=True))) == 0
    assert [m["cameo_code"] for m in duck.mentions(EventFilter(since="2018-01-01"))] == ["111", "195"]
    assert [m["cameo_code"] for m in duck.mentions(EventFilter(code="19"))] == ["195"]
    # filter values are parameters, never SQL
    assert duck.mentions(EventFilter(actor="' OR 1=1 --")) == []


def test_reopen_keeps_data_and_schema_version(tmp_path):
    path = str(tmp_path / "x.duckdb")
    s = open_store(path)
    doc = Document(text="kept")
    s.add_document(doc, [])
    s.close()
    s2 = open_store(path)
    assert s2.has_document(doc.doc_id)
    from dragoman.store.schema import MIGRATIONS

    assert s2.query("SELECT COUNT(*) AS n FROM schema_version")[0]["n"] == len(MIGRATIONS)
    s2.close()


def test_unknown_scheme_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown store URL scheme"):
        open_store("mongodb://x")


def test_batch_of_documents_is_all_or_nothing(duck):
    a, b = Document(text="batch one"), Document(text="batch two")
    bad = _mention(b)
    bad.sent_start = "not a number"
    with pytest.raises(Exception):
        duck.add_documents([(a, [_mention(a)], None), (b, [bad], None)])
    assert duck.stats()["documents"] == 0 and duck.stats()["mentions"] == 0
    assert duck.add_documents([(a, [_mention(a)], "sig"), (a, [_mention(a)], "sig"), (b, [], None)]) == [True, False, True]
    assert duck.signatures() == [(a.doc_id, "sig")]


def test_event_ids_are_set_in_bulk(duck):
    doc = Document(text="x")
    ms = [_mention(doc, start=i * 10) for i in range(50)]
    duck.add_document(doc, ms)
    duck.replace_events([{"event_id": "e1", "cameo_code": "042"}], {m.mention_id: "e1" for m in ms[:30]})
    rows = duck.mentions()
    assert sum(1 for r in rows if r["event_id"] == "e1") == 30
    assert duck.query("SELECT COUNT(*) AS n FROM event_assignments")[0]["n"] == 0
