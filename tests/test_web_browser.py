"""End to end: the web page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A real uvicorn server in a thread serves the app over a real DuckDB store
(tests/webdata.py); the browser loads the page, picks a dyad through the
actor suggestions, clicks a point of the chart and reads the evidence.
Set DRAGOMAN_SCREENSHOTS=/some/dir to keep a screenshot of each step.
"""
from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("headless browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install playwright)")
uvicorn = pytest.importorskip("uvicorn")

from dragoman.api import create_app  # noqa: E402

try:
    from webdata import build_store
except ImportError:  # tests/ imported as a package
    from tests.webdata import build_store

pytestmark = pytest.mark.browser

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = os.environ.get("DRAGOMAN_SCREENSHOTS")


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("web") / "web.duckdb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    pg.goto(base_url + "/")
    yield pg
    context.close()
    assert not problems, problems


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def pick_actor(page, field: str, typed: str, code: str) -> None:
    page.fill(f"#actor-{field}", typed)
    option = page.locator(f"#actor-{field}-list li[data-code='{code}']").first
    option.wait_for()
    option.click()
    assert page.input_value(f"#actor-{field}") == code


def show_dyad(page, a: str = "TUR", b: str = "ISR", freq: str = "month") -> None:
    pick_actor(page, "a", a.lower(), a)
    pick_actor(page, "b", b.lower(), b)
    page.select_option("#freq", freq)
    page.click("#show-dyad")
    page.locator("#chart circle.point").first.wait_for()


def test_page_loads_with_stats_and_timeline(page):
    sync_api.expect(page).to_have_title("Dragoman · event explorer")
    sync_api.expect(page.locator("#stats")).to_contain_text("45 documents")
    sync_api.expect(page.locator("#timeline-table tbody tr")).to_have_count(15)
    sync_api.expect(page.locator("#tl-page")).to_have_text("1–15 of 45")
    sync_api.expect(page.locator("#top-dyads .chip")).to_have_count(2)
    shot(page, "01-start")


def test_pick_a_dyad_click_a_point_and_read_the_evidence(page):
    show_dyad(page)
    sync_api.expect(page.locator("#dyad-title")).to_have_text("Dyad: TUR – ISR")
    sync_api.expect(page.locator("#actor-a-name")).to_have_text("Turkey")
    # bars for both kinds of events and one point per month with events
    assert page.locator("#chart rect.bar.coop").count() > 0
    assert page.locator("#chart rect.bar.confl").count() > 0
    sync_api.expect(page.locator("#chart circle.point")).to_have_count(16)
    shot(page, "02-dyad")

    page.click("#chart circle.point[data-period='2018-05']")
    cards = page.locator("#evidence-list li.evidence")
    sync_api.expect(cards).to_have_count(3)
    sync_api.expect(page.locator("#evidence-title")).to_contain_text("Events in 2018-05")
    sync_api.expect(page.locator("#chart circle.point.selected")).to_have_attribute("data-period", "2018-05")
    expelled = cards.filter(has_text="expelled the ambassador of Israel")
    sync_api.expect(expelled).to_have_count(1)
    sync_api.expect(expelled.locator("mark.trigger")).to_have_text("expelled")
    sync_api.expect(expelled.locator(".outlet")).to_have_text("Associated Press")
    sync_api.expect(expelled.locator("time")).to_have_text("2018-05-15")
    link = expelled.locator("a.doc-link")
    assert link.get_attribute("href").startswith("https://apnews.example/2018/05/")
    assert link.get_attribute("rel") == "noopener noreferrer"
    shot(page, "03-evidence")
    # the view is in the URL, so it can be bookmarked and reloaded
    assert "period=2018-05" in page.url and "a=TUR" in page.url
    page.reload()
    sync_api.expect(page.locator("#evidence-list li.evidence")).to_have_count(3)


def test_clicking_a_period_column_and_the_keyboard(page):
    show_dyad(page, "TUR", "RUS", "year")
    page.locator("#chart rect.period-hit[data-period='2020']").click(position={"x": 5, "y": 5})
    cards = page.locator("#evidence-list li.evidence")
    sync_api.expect(cards.filter(has_text="Idlib")).to_have_count(3)
    page.locator("#chart circle.point[data-period='2016']").focus()
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("#evidence-title")).to_contain_text("Events in 2016")


@pytest.mark.skipif(not _has("dragoman.analysis.turning"), reason="dragoman.analysis.turning is not written yet")
def test_turning_points_are_marked_and_explained(page):
    show_dyad(page)
    marks = page.locator("#chart g.tp")
    sync_api.expect(marks.first).to_be_visible()
    assert marks.count() == page.locator("#turning-list .tp-item").count() >= 1
    marks.first.click()
    sync_api.expect(page.locator("#evidence-title")).to_contain_text("Turning point")
    sync_api.expect(page.locator("#evidence-list li.evidence").first).to_be_visible()
    assert page.locator("#evidence-list mark.trigger").count() >= 1
    shot(page, "04-turning-point")


def test_timeline_pages_and_follows_the_dyad(page):
    page.click("#tl-next")
    sync_api.expect(page.locator("#tl-page")).to_have_text("16–30 of 45")
    page.click("#tl-prev")
    sync_api.expect(page.locator("#tl-page")).to_have_text("1–15 of 45")
    show_dyad(page, "TUR", "RUS", "year")
    sync_api.expect(page.locator("#tl-page")).to_have_text("1–15 of 21")
    page.fill("#tl-text", "grain")
    page.click("#timeline-form button[type=submit]")
    sync_api.expect(page.locator("#timeline-table tbody tr")).to_have_count(3)
    href = page.get_attribute("#dl-csv", "href")
    assert "format=csv" in href and "dyad=TUR%3ARUS" in href and "text=grain" in href
    shot(page, "05-timeline")


def test_download_links_return_files(page, base_url):
    href = page.get_attribute("#dl-jsonl", "href")
    r = page.request.get(href)
    assert r.ok and r.headers["content-type"].startswith("application/x-ndjson")
    assert len(r.text().splitlines()) == 45


def test_actor_search_box_suggests_and_shows_the_actor(page):
    page.fill("#actor-search", "russia")
    option = page.locator("#actor-search-list li[data-code='RUS']")
    option.wait_for()
    option.click()
    sync_api.expect(page.locator("#actor-card")).to_be_visible()
    sync_api.expect(page.locator("#actor-card-title")).to_contain_text("RUS")
    sync_api.expect(page.locator("#actor-card-lookup li").first).to_contain_text("mentions")
    page.click("#actor-card-a")
    assert page.input_value("#actor-a") == "RUS"


@pytest.mark.skipif(not _has("dragoman.analysis.network"), reason="dragoman.analysis.network is not written yet")
def test_network_view_for_a_date(page):
    page.fill("#net-date", "2020-02-29")
    page.select_option("#net-window", "30")
    page.click("#network-form button[type=submit]")
    sync_api.expect(page.locator("#network-chart g.node")).to_have_count(2)
    sync_api.expect(page.locator("#network-chart path.edge.confl")).to_have_count(1)
    page.fill("#net-date", "2022-08-31")
    page.select_option("#net-window", "365")
    page.click("#network-form button[type=submit]")
    sync_api.expect(page.locator("#network-chart g.node")).to_have_count(3)
    sync_api.expect(page.locator("#network-chart path.edge.coop")).to_have_count(2)
    shot(page, "06-network")
    # a line opens its dyad
    page.locator("#network-chart path.edge").first.click()
    page.locator("#chart circle.point").first.wait_for()
    assert page.input_value("#actor-a") and page.input_value("#actor-b")
