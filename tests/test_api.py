"""The HTTP API over a real DuckDB store (tests/webdata.py), through FastAPI's TestClient."""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from dragoman.api import create_app, period_bounds  # noqa: E402
from dragoman.config import Settings  # noqa: E402
from dragoman.records import EXPORT_COLUMNS  # noqa: E402
from dragoman.store import EventFilter, open_store  # noqa: E402

try:
    from webdata import ITEMS, build_store
except ImportError:  # tests/ imported as a package
    from tests.webdata import ITEMS, build_store


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


needs_turning = pytest.mark.skipif(not _has("dragoman.analysis.turning"),
                                   reason="dragoman.analysis.turning (turning points) is not written yet")
needs_network = pytest.mark.skipif(not _has("dragoman.analysis.network"),
                                   reason="dragoman.analysis.network (network at a date) is not written yet")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("api") / "web.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def truth(db):
    """What the store itself says, to compare the API with.

    Read and closed at once: DuckDB refuses a read-only connection (the app's) to a file
    that the same process holds open read-write.
    """
    store = open_store(db)
    try:
        return {
            "stats": store.stats(),
            "tur_isr": store.count_mentions(EventFilter(dyad=("TUR", "ISR"))),
            "tur_isr_directed": store.count_mentions(EventFilter(dyad=("TUR", "ISR"), directed=True)),
            "events": store.events(),
        }
    finally:
        store.close()


# -- overview and page -----------------------------------------------------------
def test_stats_and_read_only(client, truth):
    r = client.get("/api/stats")
    assert r.status_code == 200
    body = r.json()
    assert {k: body[k] for k in ("documents", "mentions", "events", "errors")} == truth["stats"]
    assert body["read_only"] is True and body["ingest_enabled"] is False
    assert (body["first_date"], body["last_date"]) == ("2016-01-01", "2024-08-01")


def test_store_is_opened_read_only_without_a_token(db):
    import duckdb

    app = create_app(db)
    store = app.state.open_db()
    try:
        with pytest.raises(duckdb.Error):
            store.execute("DELETE FROM documents")
    finally:
        store.close()


def test_the_store_is_opened_per_request_so_new_data_shows(db, tmp_path):
    from dragoman.records import Document

    copy = shutil.copy(db, tmp_path / "grow.duckdb")
    with TestClient(create_app(str(copy))) as c:
        before = c.get("/api/stats").json()["documents"]
        writer = open_store(str(copy))  # e.g. `dragoman ingest` between two requests
        try:
            writer.add_document(Document(text="A later article."), [])
        finally:
            writer.close()
        assert c.get("/api/stats").json()["documents"] == before + 1


def test_missing_database_is_an_error_not_a_new_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        create_app(str(tmp_path / "nothing.duckdb"))
    assert not (tmp_path / "nothing.duckdb").exists()


def test_page_and_static_files_are_served(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert 'id="chart"' in r.text and "static/app.js" in r.text
    for name, kind in (("app.js", "javascript"), ("style.css", "text/css")):
        s = client.get(f"/static/{name}")
        assert s.status_code == 200 and kind in s.headers["content-type"]


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/export", "/api/dyads/series", "/api/dyads/turning-points",
              "/api/dyads/top", "/api/network", "/api/documents", "/api/documents/{doc_id}", "/api/actors",
              "/api/actors/lookup", "/api/stats", "/api/ingest"):
        assert p in paths, p
    assert "post" in paths["/api/ingest"] and "get" not in paths["/api/ingest"]


# -- search ------------------------------------------------------------------------
def test_search_by_dyad_either_direction_and_directed(client, truth):
    both = client.get("/api/events", params={"dyad": "TUR:ISR", "limit": 1000}).json()
    assert both["total"] == truth["tur_isr"] == len(both["items"])
    pairs = {(m["source_country"], m["target_country"]) for m in both["items"]}
    assert pairs == {("TUR", "ISR"), ("ISR", "TUR")}
    one_way = client.get("/api/events", params={"dyad": "tur-isr", "directed": True, "limit": 1000}).json()
    assert one_way["total"] == truth["tur_isr_directed"]
    assert all(m["source_actor"].startswith("TUR") and m["target_actor"].startswith("ISR") for m in one_way["items"])


def test_search_filters(client):
    def get(**params):
        return client.get("/api/events", params={"limit": 1000, **params}).json()["items"]

    assert {m["cameo_code"][:2] for m in get(code="16")} == {"16"}
    assert all(m["date"] >= "2022-01-01" and m["date"] <= "2022-12-31" for m in get(since="2022-01-01", until="2022-12-31"))
    assert [m["modality"] for m in get(modality="planned")] == ["planned"]
    assert {m["quad_class"] for m in get(quad_class=4)} == {4}
    rus = get(actor="rusmil")
    assert rus and all("RUSMIL" in (m["source_actor"], m["target_actor"]) for m in rus)
    amb = get(text="AMBASSADOR")
    assert amb and all("ambassador" in m["sentence"].lower() for m in amb)


def test_search_by_period_matches_the_series_periods(client):
    for period, n in (("2018-05", 3), ("2018", 3), ("2020-W09", 3), ("2016-06-27", 2)):
        items = client.get("/api/events", params={"period": period, "dyad": "TUR:ISR" if period != "2020-W09" else "TUR:RUS"}).json()["items"]
        lo, hi = period_bounds(period)
        assert len(items) == n, period
        assert all(lo <= m["date"] <= hi for m in items)


def test_paging_is_stable_and_complete(client, truth):
    seen, offset = [], 0
    while True:
        page = client.get("/api/events", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == truth["stats"]["mentions"] and page["limit"] == 7
        if not page["items"]:
            break
        seen += [m["mention_id"] for m in page["items"]]
        offset += 7
    assert len(seen) == len(set(seen)) == truth["stats"]["mentions"]


@pytest.mark.parametrize("params", [
    {"dyad": "TUR;DROP TABLE mentions"}, {"dyad": "TUR"}, {"actor": "T"}, {"actor": "TUR%"},
    {"code": "4a"}, {"limit": 0}, {"limit": 100000}, {"offset": -1}, {"since": "yesterday"},
    {"modality": "rumoured"}, {"quad_class": 5}, {"period": "2020-13"}, {"text": "x" * 201},
])
def test_invalid_inputs_are_rejected(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, params


def test_text_is_a_parameter_not_sql(client, truth):
    # (LIKE wildcards % and _ in `text` are not escaped by EventFilter: they match, but never run as SQL)
    for probe in ("x' OR '1'='1", "' --", "'; DELETE FROM mentions; --", '" OR ""="'):
        r = client.get("/api/events", params={"text": probe})
        assert r.status_code == 200 and r.json()["total"] == 0, probe
    assert client.get("/api/stats").json()["mentions"] == truth["stats"]["mentions"]


# -- one event, documents --------------------------------------------------------------
def test_event_with_its_evidence(client, truth):
    multi = max(truth["events"], key=lambda e: (e["num_mentions"], e["event_id"]))
    assert multi["num_mentions"] >= 2
    r = client.get(f"/api/events/{multi['event_id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["event"]["event_id"] == multi["event_id"]
    assert len(body["mentions"]) == multi["num_mentions"]
    for m in body["mentions"]:
        assert m["event_id"] == multi["event_id"]
        assert m["trigger"] in m["sentence"]
        assert m["source_name"] and m["doc_url"].startswith("https://")
    assert len({m["source_name"] for m in body["mentions"]}) >= 2
    assert client.get("/api/events/doesnotexist").status_code == 404
    assert client.get("/api/events/bad%20id").status_code == 422


def test_documents_list_and_detail(client, truth):
    page = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()
    assert page["total"] == truth["stats"]["documents"] and len(page["items"]) == 5
    assert "text" not in page["items"][0]
    doc = client.get(f"/api/documents/{page['items'][0]['doc_id']}").json()
    assert doc["text"] and doc["mentions"]
    for m in doc["mentions"]:
        assert doc["text"][m["sent_start"]:m["sent_end"]] == m["sentence"]
    assert client.get("/api/documents/0000").status_code == 404


# -- analysis ----------------------------------------------------------------------------
def test_dyad_series_matches_the_analysis(client, db):
    from dragoman.analysis.dyads import dyad_series

    body = client.get("/api/dyads/series", params={"a": "tur", "b": "isr", "freq": "year", "fill": False}).json()
    store = open_store(db)
    try:
        expected = dyad_series(store, "TUR", "ISR", "year")
    finally:
        store.close()
    assert [p["period"] for p in body["points"]] == [p.period for p in expected]
    assert [(p["cooperation"], p["conflict"], p["net_cooperation"]) for p in body["points"]] == \
        [(p.cooperation, p.conflict, p.net_cooperation) for p in expected]
    first = body["points"][0]
    assert (first["start"], first["end"]) == ("2016-01-01", "2016-12-31")
    # the 2024 trade halt is in the series as conflict
    y2024 = next(p for p in body["points"] if p["period"] == "2024")
    assert y2024["conflict"] >= 2 and y2024["cooperation"] == 0


def test_dyad_series_fills_empty_months_with_nulls(client):
    body = client.get("/api/dyads/series", params={"a": "TUR", "b": "ISR", "freq": "month"}).json()
    periods = [p["period"] for p in body["points"]]
    assert periods[0] == "2016-06" and periods[-1] == "2024-08"
    assert len(periods) == (2024 - 2016) * 12 + 3  # every month in between
    empty = next(p for p in body["points"] if p["events"] == 0)
    assert empty["net_cooperation"] is None


def test_top_dyads(client):
    top = client.get("/api/dyads/top").json()
    assert {(t["a"], t["b"]) for t in top} == {("ISR", "TUR"), ("RUS", "TUR")}
    assert top[0]["a_name"] and top[0]["mentions"] >= top[-1]["mentions"]


@needs_turning
def test_turning_points(client):
    series = client.get("/api/dyads/series", params={"a": "TUR", "b": "ISR"}).json()
    r = client.get("/api/dyads/turning-points", params={"a": "TUR", "b": "ISR", "metric": "net_cooperation"})
    assert r.status_code == 200
    body = r.json()
    assert body["points"], "the 2016 rapprochement, the 2017-2021 rift and the 2022 normalisation should show"
    periods = {p["period"] for p in series["points"]}
    for tp in body["points"]:
        assert tp["period"] in periods
        assert tp["direction"] in ("toward conflict", "toward cooperation")
        for d in tp["drivers"]:
            assert client.get(f"/api/events/{d['event_id']}").status_code == 200
    assert client.get("/api/dyads/turning-points", params={"a": "TUR", "b": "ISR", "metric": "vibes"}).status_code == 422
    assert client.get("/api/dyads/turning-points", params={"a": "TUR", "b": "ISR", "alpha": 1.5}).status_code == 422


@needs_turning
def test_metric_choices_match_the_analysis():
    import typing

    from dragoman.analysis.turning import METRICS
    from dragoman.api import Metric

    assert sorted(typing.get_args(Metric)) == sorted(METRICS)


@needs_network
def test_network_at_a_date(client):
    r = client.get("/api/network", params={"date": "2020-03-31", "window_days": 365})
    assert r.status_code == 200
    net = r.json()
    assert {n["id"] for n in net["nodes"]} == {"TUR", "RUS", "ISR"}
    assert net["since"] == "2019-04-02" and net["until"] == "2020-03-31"
    assert all(n["label"] for n in net["nodes"])
    # February 2020 alone: the Idlib strikes and the accusations that followed
    feb = client.get("/api/network", params={"date": "2020-02-29", "window_days": 29}).json()
    assert [(e["source"], e["target"], e["sign"]) for e in feb["edges"]] in ([("RUS", "TUR", -1)], [("TUR", "RUS", -1)])
    later = client.get("/api/network", params={"date": "2022-08-31", "window_days": 60}).json()
    assert all(e["sign"] == 1 for e in later["edges"])


# -- actors --------------------------------------------------------------------------------
def test_actor_suggestions(client):
    items = client.get("/api/actors", params={"q": "tur"}).json()
    codes = [i["code"] for i in items]
    assert codes[0] == "TUR" and items[0]["kind"] == "country"
    assert items[0]["mentions"] == len(ITEMS)  # every item has Turkey on exactly one side
    assert "TURGOV" in codes and "TURMIL" in codes
    by_name = client.get("/api/actors", params={"q": "israel"}).json()
    assert by_name[0]["code"] == "ISR"
    for probe in ("%", "_", "'", "x' OR 1=1 --"):
        assert client.get("/api/actors", params={"q": probe}).status_code == 200
    assert client.get("/api/actors", params={"q": ""}).status_code == 422


def test_actor_lookup(client):
    body = client.get("/api/actors/lookup", params={"name": "Turkey", "on": "2020-01-01"}).json()
    assert body["on"] == "2020-01-01"
    assert any(line.startswith("TUR") for line in body["results"])


# -- export ------------------------------------------------------------------------------------
def test_csv_download_of_a_query(client, truth):
    r = client.get("/api/export", params={"format": "csv", "dyad": "TUR:ISR"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == truth["tur_isr"]
    assert set(EXPORT_COLUMNS) <= set(rows[0])
    assert {"num_mentions", "num_sources", "num_documents"} <= set(rows[0])


def test_jsonl_download_with_paging(client):
    r = client.get("/api/export", params={"format": "jsonl", "code": "05", "limit": 3})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == 3 and all(row["cameo_code"].startswith("05") for row in rows)
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


# -- ingest ------------------------------------------------------------------------------------
ARTICLE = {
    "documents": [{
        "text": "Turkey and Israel signed a new trade agreement on Tuesday, officials in Ankara said.",
        "title": "Turkey and Israel sign trade deal", "url": "https://reuters.example/2025/01/trade-deal",
        "source_name": "Reuters", "published": "2025-01-14",
    }]
}


def test_ingest_is_forbidden_without_a_configured_token(client):
    r = client.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert client.post("/api/ingest", json=ARTICLE).status_code == 403


def test_ingest_needs_the_right_token(db, tmp_path):
    copy = shutil.copy(db, tmp_path / "w.duckdb")
    with TestClient(create_app(str(copy), Settings(db=str(copy), api_token="s3cret"))) as c:
        assert c.post("/api/ingest", json=ARTICLE).status_code == 401
        r = c.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Basic s3cret"}).status_code == 401
        # a valid token still gets its input validated
        bad = c.post("/api/ingest", json={"documents": []}, headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 422
        assert c.get("/api/stats").json()["ingest_enabled"] is True


def test_ingest_codes_and_stores_posted_text(db, tmp_path):
    pytest.importorskip("spacy")
    try:
        from dragoman.pipeline import Pipeline  # noqa: F401
        from dragoman.batch import run_ingest  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the ingest pipeline cannot be imported: {exc}")
    copy = shutil.copy(db, tmp_path / "w.duckdb")
    with TestClient(create_app(str(copy), Settings(db=str(copy), api_token="s3cret"))) as c:
        before = c.get("/api/stats").json()
        r = c.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["stored"] == 1 and not report["errors"]
        after = c.get("/api/stats").json()
        assert after["documents"] == before["documents"] + 1
        again = c.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer s3cret"}).json()
        assert again["stored"] == 0 and again["skipped"] == 1
        docs = c.get("/api/documents", params={"limit": 100}).json()["items"]
        posted = [d for d in docs if d["url"] == ARTICLE["documents"][0]["url"]]
        assert len(posted) == 1 and posted[0]["published"] == "2025-01-14"
