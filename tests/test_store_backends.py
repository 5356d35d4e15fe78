"""The store behaves the same on every backend: DuckDB (embedded) and PostgreSQL (a real server).

Each test runs once per backend. The PostgreSQL runs use a throwaway server
started by `tests/pg.py` and a fresh database per test; they are skipped, with
the reason, where the server binaries are not installed.
"""
from __future__ import annotations

import threading

import pytest

from dragoman.records import Document, Mention
from dragoman.store import EventFilter, open_store
from dragoman.store.schema import MIGRATIONS
from pg import postgres_db, postgres_url  # noqa: F401  (fixtures)

BACKENDS = ["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """A URL for an empty store of each backend (opened by the test, possibly twice)."""
    if request.param == "duckdb":
        return str(tmp_path / "t.duckdb")
    return request.getfixturevalue("postgres_db")


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def mention(doc: Document, code: str = "042", src: str = "TURGOV", tgt: str = "IRNGOV", date: str = "2017-08-15",
            start: int = 0, sentence: str = "Erdogan visited Tehran.") -> Mention:
    return Mention(doc_id=doc.doc_id, sentence=sentence, sent_start=start, sent_end=start + len(sentence),
                   trigger="visited", trigger_start=start + 8, cameo_code=code, cameo_root=code[:2],
                   source_actor=src, target_actor=tgt, source_country=src[:3], target_country=tgt[:3],
                   date=date, date_precision="day", quad_class=1, goldstein=1.9)


def test_backend_class(store, store_url):
    expected = "DuckDBStore" if not store_url.startswith("postgresql://") else "PostgresStore"
    assert type(store).__name__ == expected


def test_document_and_mentions_stored_once(store):
    doc = Document(text="Erdogan visited Tehran.", path="a.txt")
    assert store.add_document(doc, [mention(doc)])
    assert not store.add_document(doc, [mention(doc)])
    assert store.stats() == {"documents": 1, "mentions": 1, "events": 0, "errors": 0}


def test_failed_write_leaves_nothing_half_stored(store):
    good = Document(text="first document")
    store.add_document(good, [mention(good)])
    bad = Document(text="second document")
    m = mention(bad)
    m.sent_start = "not a number"  # the mentions insert fails after the document row went in
    with pytest.raises(Exception):
        store.add_document(bad, [m])
    assert not store.has_document(bad.doc_id)
    assert store.stats() == {"documents": 1, "mentions": 1, "events": 0, "errors": 0}
    # and the connection is usable again afterwards
    again = Document(text="third document")
    assert store.add_document(again, [mention(again)])
    assert store.stats()["documents"] == 2


def test_batch_of_documents_is_all_or_nothing(store):
    a, b = Document(text="batch one"), Document(text="batch two")
    bad = mention(b)
    bad.sent_start = "not a number"
    with pytest.raises(Exception):
        store.add_documents([(a, [mention(a)], None), (b, [bad], None)])
    assert store.stats()["documents"] == 0 and store.stats()["mentions"] == 0
    assert store.add_documents([(a, [mention(a)], "sig"), (a, [mention(a)], "sig"), (b, [], None)]) == [True, False, True]
    assert store.signatures() == [(a.doc_id, "sig")]
    assert store.add_documents([(b, [], None)]) == [False]
    assert store.add_documents([]) == []


def test_large_batch_round_trips(store):
    docs = [Document(text=f"document number {i} about Turkey and Iran", title=None if i % 3 else f"T{i}",
                     published=f"2020-01-{1 + i % 28:02d}") for i in range(300)]
    items = []
    for i, d in enumerate(docs):
        ms = [mention(d, start=j * 40, code=("042", "111", "195")[j], sentence=f"Sentence {j} of {i}: 10% “quoted”\ttab")
              for j in range(3)]
        for m in ms:
            m.lat = None if i % 2 else 39.9 + i / 1000
        items.append((d, ms, f"sig{i}"))
    assert store.add_documents(items) == [True] * 300
    assert store.stats()["documents"] == 300 and store.stats()["mentions"] == 900
    got = {m["mention_id"]: m for m in store.mentions()}
    for _, ms, _ in items[:20]:
        for m in ms:
            want = m.to_row()
            assert {k: got[m.mention_id][k] for k in want} == want
    assert store.document(docs[3].doc_id)["title"] == "T3"
    assert len(store.signatures()) == 300


def test_event_ids_are_set_in_bulk(store):
    doc = Document(text="x")
    ms = [mention(doc, start=i * 10) for i in range(50)]
    store.add_document(doc, ms)
    store.replace_events([{"event_id": "e1", "cameo_code": "042"}], {m.mention_id: "e1" for m in ms[:30]})
    assert sum(1 for r in store.mentions() if r["event_id"] == "e1") == 30
    assert store.query("SELECT COUNT(*) AS n FROM event_assignments")[0]["n"] == 0


def test_event_keys_follow_every_writer_of_event_ids(store):
    """Each event id has one integer key, on every mention carrying it: after ingest of merged mentions,
    after a merge, and after the migration on a store whose keys were never set."""
    from dragoman.store.schema import MIGRATIONS

    def pairs() -> set[tuple[str, int | None]]:
        return {(r["event_id"], r["eid"]) for r in store.query(
            "SELECT DISTINCT event_id, eid FROM mentions WHERE event_id IS NOT NULL AND event_id <> ''")}

    def one_to_one() -> None:
        got = pairs()
        assert all(eid is not None for _, eid in got)
        assert len({e for e, _ in got}) == len({k for _, k in got}) == len(got)

    doc = Document(text="x")
    ms = [mention(doc, start=i * 10) for i in range(12)]
    for i, m in enumerate(ms[:8]):
        m.event_id = f"pre-{i % 3}"
    store.add_document(doc, ms)
    one_to_one()
    assert len(pairs()) == 3
    assert store.query("SELECT COUNT(*) AS n FROM mentions WHERE event_id IS NULL AND eid IS NOT NULL")[0]["n"] == 0
    before = dict(pairs())
    store.set_event_ids({m.mention_id: "merged" for m in ms[6:]})  # two old events and the loose mentions join
    one_to_one()
    after = dict(pairs())
    assert set(after) == {"pre-0", "pre-1", "pre-2", "merged"} and after["pre-0"] == before["pre-0"]
    store.execute("UPDATE mentions SET eid = NULL")
    store.execute("DELETE FROM event_keys")
    for stmt in dict(MIGRATIONS)[5][3:]:
        store.execute(stmt)
    one_to_one()
    assert len(pairs()) == 4


def test_filters(store):
    doc = Document(text="x")
    store.add_document(doc, [
        mention(doc, "042", "TURGOV", "IRNGOV", "2017-08-15", 0),
        mention(doc, "111", "IRNGOV", "ISRGOV", "2019-01-02", 30, "Iran criticised Israel for 100% of it."),
        mention(doc, "195", "ISRMIL", "IRNMIL", "2024-04-19", 60),
    ])
    assert len(store.mentions(EventFilter(actor="IRN"))) == 3
    assert len(store.mentions(EventFilter(dyad=("TUR", "IRN")))) == 1
    assert len(store.mentions(EventFilter(dyad=("IRN", "TUR")))) == 1
    assert len(store.mentions(EventFilter(dyad=("IRN", "TUR"), directed=True))) == 0
    assert [m["cameo_code"] for m in store.mentions(EventFilter(since="2018-01-01"))] == ["111", "195"]
    assert [m["cameo_code"] for m in store.mentions(EventFilter(until="2018-01-01"))] == ["042"]
    assert [m["cameo_code"] for m in store.mentions(EventFilter(code="19"))] == ["195"]
    assert [m["cameo_code"] for m in store.mentions(EventFilter(quad_class=1, limit=2, offset=1))] == ["111", "195"]
    assert store.count_mentions(EventFilter(actor="ISR")) == 2
    # a % in a value is data, on both placeholder styles
    assert [m["cameo_code"] for m in store.mentions(EventFilter(text="100% of"))] == ["111"]
    # filter values are parameters, never SQL
    assert store.mentions(EventFilter(actor="' OR 1=1 --")) == []
    assert store.mentions(EventFilter(text="'); DROP TABLE mentions; --")) == []
    assert store.stats()["mentions"] == 3


def test_values_round_trip(store):
    doc = Document(text="Ankara, 15 August.\n\nErdogan visited Tehran – «talks».", path="a.txt", url="https://x.example/a",
                   title="Visit ü", source_name="Reuters", published="2017-08-15", published_precision="day")
    m = mention(doc, sentence="Erdogan visited Tehran – «talks».")
    m.lat, m.lon, m.confidence = 35.69, 51.39, 0.75
    store.add_document(doc, [m], signature="c2ln")
    got = store.mentions()[0]
    want = {**m.to_row(), "source_name": "Reuters"}  # a mention without a publisher gets its document's
    assert m.source_name is None and {k: got[k] for k in want} == want
    assert isinstance(got["sent_start"], int) and isinstance(got["goldstein"], float)
    stored = store.document(doc.doc_id)
    assert stored["text"] == doc.text and stored["title"] == "Visit ü" and stored["num_mentions"] == 1
    assert store.signatures() == [(doc.doc_id, "c2ln")]
    assert store.document("nope") is None


def test_documents_order_and_paging(store):
    docs = [Document(text="b", published="2020-01-02"), Document(text="a", published=None),
            Document(text="c", published="2019-05-01")]
    for d in docs:
        store.add_document(d, [])
    assert [d["text"] for d in store.documents(with_text=True)] == ["c", "b", "a"]
    assert "text" not in store.documents()[0]
    assert [d["published"] for d in store.documents(limit=1, offset=1)] == ["2020-01-02"]


def test_events_replace_and_assign(store):
    doc = Document(text="y")
    m1, m2 = mention(doc, start=0), mention(doc, "111", "IRNGOV", "ISRGOV", "2019-01-02", 30)
    store.add_document(doc, [m1, m2])
    ev = {"event_id": "e1", "cameo_code": "042", "cameo_root": "04", "source_actor": "TURGOV",
          "target_actor": "IRNGOV", "source_country": "TUR", "target_country": "IRN", "date": "2017-08-15",
          "goldstein": 1.9, "quad_class": 1, "num_mentions": 1, "contradicted": False}
    store.replace_events([ev, {**ev, "event_id": "e2", "cameo_code": "111", "date": "2019-01-02",
                               "source_actor": "IRNGOV", "target_actor": "ISRGOV", "contradicted": True}],
                         {m1.mention_id: "e1", m2.mention_id: "e2"})
    assert [e["event_id"] for e in store.events()] == ["e1", "e2"]
    assert store.events(EventFilter(event_id="e2"))[0]["contradicted"] is True
    assert [e["event_id"] for e in store.events(EventFilter(dyad=("ISR", "IRN")))] == ["e2"]
    assert [m["mention_id"] for m in store.mentions(EventFilter(event_id="e1"))] == [m1.mention_id]
    # replacing is wholesale: a second merge result leaves no trace of the first
    store.replace_events([{**ev, "event_id": "e3"}], {m1.mention_id: "e3", m2.mention_id: "e3"})
    assert [e["event_id"] for e in store.events()] == ["e3"]
    assert {m["event_id"] for m in store.mentions()} == {"e3"}


def test_failed_event_replace_keeps_previous_events(store):
    doc = Document(text="z")
    m1 = mention(doc)
    store.add_document(doc, [m1])
    ev = {"event_id": "e1", "cameo_code": "042", "num_mentions": 1}
    store.replace_events([ev], {m1.mention_id: "e1"})
    with pytest.raises(Exception):
        store.replace_events([{**ev, "event_id": "e2"}, {**ev, "event_id": "e2"}], {})  # duplicate key
    assert [e["event_id"] for e in store.events()] == ["e1"]


def test_errors_recorded(store):
    store.record_error("bad.pdf", "not a PDF: 100% garbage?")
    assert [(e["path"], e["message"]) for e in store.errors()] == [("bad.pdf", "not a PDF: 100% garbage?")]
    assert store.stats()["errors"] == 1


def test_reopen_keeps_data_and_schema_version(store_url):
    s = open_store(store_url)
    doc = Document(text="kept")
    s.add_document(doc, [])
    s.close()
    s2 = open_store(store_url)
    assert s2.has_document(doc.doc_id)
    versions = [r["version"] for r in s2.query("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [v for v, _ in MIGRATIONS]
    s2.close()


def test_store_url_is_kept(store, store_url):
    assert store.url == store_url


def test_unknown_scheme_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown store URL scheme"):
        open_store("mongodb://x")


# -- PostgreSQL only ------------------------------------------------------------


@pytest.mark.postgres
def test_postgres_connection_is_autocommit(postgres_db):
    s = open_store(postgres_db)
    assert s.conn.autocommit
    doc = Document(text="visible to others at once")
    s.add_document(doc, [mention(doc)])
    other = open_store(postgres_db)  # a second session sees the committed write
    assert other.has_document(doc.doc_id)
    other.close()
    s.close()


@pytest.mark.postgres
def test_postgres_concurrent_first_open_migrates_once(postgres_db):
    stores, errors = [], []

    def opener() -> None:
        try:
            stores.append(open_store(postgres_db))
        except Exception as exc:  # pragma: no cover - the failure is asserted below
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert stores[0].query("SELECT COUNT(*) AS n FROM schema_version")[0]["n"] == len(MIGRATIONS)
    for s in stores:
        s.close()


@pytest.mark.postgres
def test_postgres_bad_url_is_a_clear_error(postgres_url):
    from pg import free_port

    with pytest.raises(RuntimeError, match=r"cannot connect to PostgreSQL at postgresql://u:\*\*\*@127\.0\.0\.1"):
        open_store(f"postgresql://u:secret@127.0.0.1:{free_port()}/x?connect_timeout=2")


# --------------------------------------------------------------------------- dyad series in SQL
def random_dyad_store(store, seed: int = 11) -> None:
    """A small store with every case the series' event summary distinguishes, drawn at random:
    several mentions per event (or none), all modalities, date precisions and bases, generic and
    specific codes, tied and missing confidences, publishers on the mention, the document or nowhere."""
    import random

    rng = random.Random(seed)
    actors = ["TURGOV", "TURMIL", "TUR", "ISRGOV", "ISR", "IGONAT"]
    codes = [("190", -10.0, 4), ("195", -10.0, 4), ("19", -10.0, 4), ("1951", -10.0, 4), ("042", 1.9, 1),
             ("043", 2.8, 1), ("057", 8.0, 1), ("111", -2.0, 3), ("061", 6.4, 2), ("", None, None)]
    outlets = ["Reuters", "BBC", "Anadolu Agency", "Some Blog", "", None]
    items, event_of = [], {}
    for i in range(80):
        doc = Document(text=f"document {i}", path=f"d{i}.txt", source_name=rng.choice(outlets),
                       published=f"2021-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}")
        mentions = []
        for j in range(rng.randint(1, 4)):
            code, gold, quad = rng.choices(codes, weights=[3, 3, 1, 1, 4, 4, 4, 3, 3, 1])[0]
            src, tgt = rng.sample(actors, 2)
            month, day = rng.randint(1, 3), rng.randint(1, 28)
            precision = rng.choice(["day", "day", "day", "month", "year", "range", "unknown"])
            date = {"month": f"2021-{month:02d}-01", "year": "2021-01-01"}.get(precision, f"2021-{month:02d}-{day:02d}")
            m = Mention(doc_id=doc.doc_id, sentence=f"Sentence {j} of {i}.", sent_start=j * 50, sent_end=j * 50 + 20,
                        trigger="did", cameo_code=code, cameo_root=code[:2] or None, source_actor=src,
                        target_actor=tgt, source_country=src[:3], target_country=tgt[:3],
                        goldstein=gold, quad_class=quad, date=rng.choice([date] * 9 + [None, ""]),
                        date_precision=precision,
                        date_basis=rng.choice(["explicit", "relative", "narrative", "publication", None]),
                        modality=rng.choice(["asserted", "asserted", "reported", "planned", "negated"]),
                        confidence=rng.choice([0.9, 0.7, 0.7, 0.5]), source_name=rng.choice(outlets))
            mentions.append(m)
            # most mentions join one of a few events per month; some stay without an event id
            pair = "-".join(sorted([src[:3], tgt[:3]]))
            event_of[m.mention_id] = rng.choice([f"ev-{pair}-{rng.randint(0, 5)}"] * 4 + [None])
        items.append((doc, mentions, None))
    store.add_documents(items)
    store.set_event_ids({mid: ev for mid, ev in event_of.items() if ev is not None})


def _same_points(got, want) -> None:
    import math

    assert [p.period for p in got] == [p.period for p in want]
    for g, w in zip(got, want):
        for key, expected in w.to_dict().items():
            value = g.to_dict()[key]
            if isinstance(expected, float) and math.isnan(expected):
                assert math.isnan(value), (g.period, key)
            elif isinstance(expected, float):
                assert value == pytest.approx(expected, abs=1e-9), (g.period, key)
            else:
                assert value == expected, (g.period, key)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_dyad_series_in_sql_equals_the_python_definition(store, seed):
    """The store's SQL aggregation gives exactly the series computed in Python from the mention rows."""
    from dragoman.analysis.dyads import dyad_rows, dyad_series, series_from_rows

    random_dyad_store(store, seed)
    reliability = {"Some Blog": 0.9}
    cases = [("TUR", "ISR", False, None, None), ("TURGOV", "ISR", True, None, None),
             ("ISR", "TUR", True, "2021-02-01", None), ("TUR", "IGONAT", False, None, "2021-02-28")]
    checked = merged = 0
    for a, b, directed, since, until in cases:
        rows = dyad_rows(store, a, b, directed, since, until)
        for freq in ("day", "week", "month", "year"):
            for weighting in ("none", "mentions", "reliability", "both"):
                want = series_from_rows([dict(r) for r in rows], freq, weighting=weighting, reliability=reliability,
                                        fill=True)
                got = dyad_series(store, a, b, freq, directed, since, until, weighting=weighting,
                                  reliability=reliability, fill=True)
                _same_points(got, want)
                checked += sum(p.events for p in want)
                merged += sum(p.mentions - p.events for p in want)
    assert checked > 200 and merged > 20  # the cases are not empty, and events of several mentions occur
    # without event ids the figures stay the same
    plain = dyad_series(store, "TUR", "ISR", "month", event_ids=False)
    assert all(p.event_ids == [] for p in plain)
    assert [p.events for p in plain] == [p.events for p in dyad_series(store, "TUR", "ISR", "month")]



def test_dyad_groups_key_publishers_by_class(store):
    """With a publisher class, events whose publishers fall in the same classes share a key."""
    from collections import Counter

    from dragoman.store import EventFilter

    random_dyad_store(store, 12)
    flt = EventFilter()  # every mention: many publisher sets per period

    def cls(publisher: str) -> bool:  # two classes: documents' ids and names from the alphabet's first half
        return publisher.startswith("doc:") or publisher < "M"

    def keys(groups) -> Counter:  # events per (period, QuadClass, Goldstein, publisher classes)
        out: Counter = Counter()
        for period, quad, gs, key, events in zip(groups.period, groups.quad, groups.gs, groups.key, groups.events):
            out[period, quad, gs, tuple(sorted(Counter(cls(p) for p in groups.publishers[key]).items()))] += events
        return out

    plain = store.dyad_groups(flt, "year", by_publishers=True, event_ids=False)
    grouped = store.dyad_groups(flt, "year", by_publishers=True, event_ids=False, publisher_class=cls)
    assert len(grouped.period) < len(plain.period)
    assert len(grouped.publishers) < len(plain.publishers)
    assert keys(grouped) == keys(plain)
    # a class is represented by its first publisher by name; documents without a publisher stand for themselves
    named = sorted({p for pubs in plain.publishers for p in pubs if not p.startswith("doc:")})
    reps = {p for pubs in grouped.publishers for p in pubs if not p.startswith("doc:")}
    assert reps == {next(p for p in named if cls(p) == c) for c in {cls(p) for p in named}}


def test_publishers_table_follows_ingest_and_old_stores(store):
    """Every stored publisher is listed once; a store filled behind the store's back is backfilled by the migration."""
    from dragoman.store.schema import MIGRATIONS, PUBLISHERS_FILL

    random_dyad_store(store, 12)
    names = [r["name"] for r in store.query("SELECT name FROM publishers")]
    stored = {r["s"] for r in store.query(
        "SELECT source_name AS s FROM mentions UNION SELECT source_name AS s FROM documents")} - {None, ""}
    assert sorted(names) == sorted(stored) and len(names) == len(set(names))
    store.execute("DELETE FROM publishers")
    store.execute(PUBLISHERS_FILL)
    assert sorted(r["name"] for r in store.query("SELECT name FROM publishers")) == sorted(stored)
    # a mention without its own publisher carries its document's; the migration mends mentions stored without it
    def unmatched() -> int:
        return store.query("SELECT COUNT(*) AS n FROM mentions m JOIN documents d ON d.doc_id = m.doc_id "
                           "WHERE COALESCE(m.source_name, '') = '' AND COALESCE(d.source_name, '') <> ''")[0]["n"]

    assert unmatched() == 0
    store.execute("UPDATE mentions SET source_name = NULL WHERE mention_id IN (SELECT m.mention_id FROM mentions m "
                  "JOIN documents d ON d.doc_id = m.doc_id WHERE COALESCE(d.source_name, '') <> '' "
                  "ORDER BY m.mention_id LIMIT 5)")
    assert unmatched() == 5
    for stmt in dict(MIGRATIONS)[4][1:]:
        store.execute(stmt)
    assert unmatched() == 0


def test_copies_sum_exactly_like_repeated_terms():
    """A part of n alike events sums like n separate terms, to the last bit."""
    import math
    import random

    from dragoman.analysis.dyads import _copies

    rng = random.Random(5)
    for _ in range(2000):
        parts = [(rng.randint(1, 5000), rng.choice([rng.uniform(-10, 10), round(rng.uniform(-10, 10), 1), 0.1, 0.0]))
                 for _ in range(rng.randint(1, 6))]
        assert math.fsum(x for n, v in parts for x in _copies(v, n)) == math.fsum(v for n, v in parts for _ in range(n))


def test_period_sums_are_exact_over_every_event():
    """Grouped parts sum per period to the last bit like the events one by one, odd values included."""
    import math
    import random

    import numpy as np

    from dragoman.analysis.dyads import _period_fsums

    rng = random.Random(9)
    for _ in range(300):
        size = rng.randint(1, 40)
        k = rng.randint(1, 5)
        pidx = [rng.randrange(k) for _ in range(size)]
        n = [rng.choice([1, 1, 2, rng.randint(1, 3000)]) for _ in range(size)]
        x = [rng.choice([rng.uniform(-10, 10), round(rng.uniform(-10, 10), 1), 0.0, 1e-300, -3e-260, 0.1])
             for _ in range(size)]
        got = _period_fsums(np.array(pidx, np.int64), k, np.array(n, np.int64), [np.array(x)])[0]
        want = [math.fsum(v for p, c, v in zip(pidx, n, x) if p == j for _ in range(c)) for j in range(k)]
        assert got == want
    inf = _period_fsums(np.array([0, 0, 1]), 2, np.array([3, 1, 2]), [np.array([math.inf, 1.0, 2.5])])[0]
    assert inf == [math.inf, 5.0]


# --------------------------------------------------------------------------- text search and its word index
SEARCH_WORDS = ["Pipeline", "pipelines", "PIPE", "border", "Border-crossing", "ceasefire", "cease-fire", "İstanbul",
                "istanbul", "\u212aey", "key", "Straße", "STRASSE", "Ölpreis", "naïve", "100%", "a_b", "back\\slash",
                "U.S.", "e-mail", "talks", "talk", "ISR", "N.G.A", "o'clock", "café", "CAFÉ", "x", "2024", "1,000"]
SEARCH_QUERIES = ["pipeline", "Pipe", "pipelines", "ipel", "border", "border-", "-crossing", "order cross", "cease",
                  "cease-fire", "ceasefire", "istanbul", "İstanbul", "stanbul", "key", "KEY", "straße", "strasse",
                  "ölpreis", "naïve", "naive", "100%", "100", "a_b", "a%b", "back\\slash", "u.s.", "U.S", ".s.",
                  "e-mail", "mail", "talks about", "talk", "s ab", "isr", "n.g.a", "o'clock", "café", "CAFE", "x",
                  "2024", "1,000", "000", ",", " ", "%", "_", "--", "zzz", "pipeline pipe", "the",
                  # several words: whole interior words, partial first and last ones, punctuation between
                  "pipeline border", "line bord", "ipeline, bor", "talks key", "talk-key", "cease-fire talks",
                  "U.S. talks", "e-mail key", ". key", "key .", "order-cross", "100% key", "s, ", "n.g.a o'c",
                  "Ölpreis naïve", "ine-bor", "2024 1,000", "stanbul key", "key key", "x x", "talks zzz", "a_b key",
                  "border border-crossing", "- talk", "pipelinepipe", "keyx", "y, t"]


def random_text_store(store, seed: int) -> None:
    """Mentions whose sentences mix the words above with case changes, punctuation and non-ASCII letters."""
    import random

    rng = random.Random(seed)
    items = []
    for i in range(40):
        doc = Document(text=f"text doc {i}", path=f"t{i}.txt")
        mentions = []
        for j in range(rng.randint(1, 5)):
            words = [rng.choice(SEARCH_WORDS) for _ in range(rng.randint(1, 7))]
            words = [w.upper() if rng.random() < 0.1 else w for w in words]
            sentence = "".join(w + rng.choice([" ", " ", ", ", "-", "", ". "]) for w in words).strip()
            mentions.append(mention(doc, start=j * 100, sentence=sentence, date=f"2020-01-{rng.randint(1, 3):02d}"))
        items.append((doc, mentions, None))
    store.add_documents(items)


def _search_results(store, text: str) -> tuple:
    flt = EventFilter(text=text)
    pages = [EventFilter(text=text, limit=3, offset=1), EventFilter(text=text, limit=5, offset=30),
             EventFilter(text=text, actor="TUR", limit=2)]
    return (store.count_mentions(flt), [m["mention_id"] for m in store.mentions(flt)],
            *[[m["mention_id"] for m in store.mentions(p)] for p in pages])


@pytest.mark.parametrize("seed", [1, 2])
def test_text_search_index_gives_the_same_results_as_a_scan(store, seed):
    """Words, parts of words, punctuation, case and non-ASCII letters: the index never loses a match."""
    random_text_store(store, seed)
    used = found = 0
    for text in SEARCH_QUERIES:
        store.search_index_share = 0  # scan every sentence
        want = _search_results(store, text)
        store.search_index_share = 1  # the index whenever the text has a word
        got = _search_results(store, text)
        assert got == want, text
        assert got[2] == got[1][1:4] and got[3] == got[1][30:35], text  # pages cut the full order
        used += store._search_plan(text) is not None
        found += want[0] > 0
    assert used >= 60 and found >= 40  # the index was taken, and most searches match something
    # a plain ASCII search agrees with Python's own substring test
    rows = store.mentions()
    assert store.count_mentions(EventFilter(text="Pipe")) == sum("pipe" in r["sentence"].lower() for r in rows)


def test_text_search_index_with_other_filters_and_the_default_share(store):
    random_text_store(store, 3)
    for flt in (EventFilter(text="border", since="2020-01-02"), EventFilter(text="key", actor="TUR", limit=2),
                EventFilter(text="e-mail", code="04", offset=1, limit=5)):
        store.search_index_share = 0
        want = store.count_mentions(flt), store.mentions(flt)
        for share in (1, 0.2):
            store.search_index_share = share
            assert (store.count_mentions(flt), store.mentions(flt)) == want


def test_multi_word_search_intersects_the_postings_of_every_run(store):
    """Each run of the text narrows the candidates; a run that no indexed word holds answers 'none' at once."""
    random_text_store(store, 4)
    store.search_index_share = 1
    plan = store._search_plan("talks key border")
    assert len(plan.words) == 3 and not plan.exact
    assert store._search_plan("pipeline").exact and not store._search_plan("pipeline,").exact
    assert store._search_plan("talks qqqq").words == [[-1]]
    assert store.count_mentions(EventFilter(text="talks qqqq")) == 0
    store.search_index_share = 0.2  # a very common run is left out of the intersection, or the search scans
    common = store._search_plan("talks key")
    assert common is None or len(common.words) <= 2


def test_compacting_the_postings_keeps_results_and_skips_small_loads(store):
    random_text_store(store, 5)  # 40 documents stored in one batch
    store.search_index_share = 1
    before = {t: _search_results(store, t) for t in ("pipeline", "talks key", "order cross", "the")}
    n = store.count_mentions()
    assert store.compact_search_index(n) == store.postings_order_matters
    assert {t: _search_results(store, t) for t in before} == before
    assert not store.compact_search_index(max(1, n // 100))  # a load adding 1% of the mentions
    if store.postings_order_matters:  # DuckDB: the postings are stored in word order again
        rows = store.query("SELECT wid, mid FROM search_postings ORDER BY rowid")
        assert [(r["wid"], r["mid"]) for r in rows] == sorted((r["wid"], r["mid"]) for r in rows)


def test_old_store_gains_the_search_index(store_url, monkeypatch):
    """A store made before migration 3 is keyed and indexed when opened, and stays indexed on insert."""
    import dragoman.store.base as base
    from dragoman.records import MENTION_COLUMNS
    from dragoman.store.base import DOC_COLUMNS

    monkeypatch.setattr(base, "MIGRATIONS", [m for m in MIGRATIONS if m[0] < 3])
    old = open_store(store_url)
    doc = Document(text="old")
    rows = [mention(doc, start=i * 10, sentence=s).to_row() for i, s in
            enumerate(["Talks on the PIPELINE.", "A cease-fire held.", "Nothing here."])]
    old.bulk_insert("documents", DOC_COLUMNS, [[{**doc.to_row(), "num_mentions": 3}.get(c) for c in DOC_COLUMNS]])
    old.bulk_insert("mentions", MENTION_COLUMNS, [[r[c] for c in MENTION_COLUMNS] for r in rows])
    old.close()
    monkeypatch.setattr(base, "MIGRATIONS", MIGRATIONS)

    s = open_store(store_url)
    assert [r["version"] for r in s.query("SELECT version FROM schema_version ORDER BY version")] == [v for v, _ in MIGRATIONS]
    keys = s.query("SELECT COUNT(DISTINCT mid) AS n, COUNT(*) AS rows FROM mentions")[0]
    assert keys["n"] == keys["rows"] == 3
    new = Document(text="new")
    s.add_document(new, [mention(new, sentence="The pipeline reopened after the ceasefire.")])
    s.search_index_share = 1
    assert s._search_plan("pipeline") is not None
    assert s.count_mentions(EventFilter(text="pipeline")) == 2
    assert sorted(m["sentence"] for m in s.mentions(EventFilter(text="cease"))) == [
        "A cease-fire held.", "The pipeline reopened after the ceasefire."]
    s.search_index_share = 0
    assert s.count_mentions(EventFilter(text="pipeline")) == 2
    s.close()
