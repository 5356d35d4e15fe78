"""Analysis on a real DuckDB store: dyad series and weights, turning points, networks."""
from __future__ import annotations

import datetime as dt
import math
import random

import pytest

from dragoman.events.ontology import cameo
from dragoman.merge import merge_mentions
from dragoman.records import Document, Mention

COOP = ["042", "043", "046", "057", "061", "040", "036", "051"]
CONFLICT = ["111", "112", "130", "161", "163", "1621", "164"]
PUBLISHERS = ["Reuters", "Associated Press", "Anadolu Agency", "Haaretz", "Daily Sabah", "Al Jazeera"]


def mention(doc: Document, code: str, src: str, tgt: str, date: str, sentence: str, start: int = 0,
            modality: str = "asserted") -> Mention:
    info = cameo(code)
    return Mention(
        doc_id=doc.doc_id, sentence=sentence, sent_start=start, sent_end=start + len(sentence),
        trigger=sentence.split()[-1], trigger_start=start, cameo_code=code, cameo_root=code[:2],
        goldstein=info.goldstein, quad_class=info.quad_class, plover_type=info.plover_type,
        source_actor=src, target_actor=tgt, source_country=src[:3], target_country=tgt[:3],
        date=date, date_end=date, date_precision="day", date_basis="explicit", modality=modality,
        confidence=0.8, source_name=doc.source_name, published=doc.published,
    )


def report(store, code: str, src: str, tgt: str, day: dt.date, publishers: list[str], sentence: str,
           modality: str = "asserted") -> None:
    """One real-world event reported by one document per publisher (published the next day)."""
    pub = (day + dt.timedelta(days=1)).isoformat()
    for p in publishers:
        doc = Document(text=f"{p} | {day} | {sentence}", source_name=p, published=pub, title=sentence[:40])
        store.add_document(doc, [mention(doc, code, src, tgt, day.isoformat(), sentence, modality=modality)])


def merge(store) -> None:
    events, assignment = merge_mentions(store.mentions())
    store.replace_events(events, assignment)


def seed_turkey_israel(store, seed: int = 7) -> None:
    """Turkey-Israel, monthly 2021-01 .. 2024-06: cooperative until Sep 2023, conflictual from Oct 2023.

    Each month has 2-4 events on distinct days, each reported by 1-2 publishers; the cooperative
    years carry an occasional criticism, the conflictual months (after the first) an occasional
    contact. On 2023-10-25 Turkey halts energy talks, reported by three publishers.
    """
    rng = random.Random(seed)
    for year in range(2021, 2025):
        for month in range(1, 13):
            if (year, month) > (2024, 6):
                break
            conflictual = (year, month) >= (2023, 10)
            days = rng.sample(range(1, 28), rng.randint(2, 4))
            for i, d in enumerate(sorted(days)):
                day = dt.date(year, month, d)
                odd = rng.random() < 0.15 and (year, month) != (2023, 10)
                if conflictual != odd:
                    code = rng.choice(CONFLICT)
                else:
                    code = rng.choice(COOP)
                src, tgt = ("TURGOV", "ISRGOV") if i % 2 == 0 else ("ISRGOV", "TURGOV")
                pubs = rng.sample(PUBLISHERS, rng.randint(1, 2))
                sentence = f"{src[:3]} {cameo(code).label.lower()} {tgt[:3]} ({day})."
                report(store, code, src, tgt, day, pubs, sentence)
    # the event the turn should be blamed on, widely reported
    report(store, "164", "TURGOV", "ISRGOV", dt.date(2023, 10, 25), ["Reuters", "Associated Press", "Haaretz"],
           "Turkey halted energy talks with Israel.")
    # a negated claim and a planned event never count
    report(store, "195", "TURMIL", "ISR", dt.date(2022, 5, 5), ["Reuters"], "Turkey did not strike Israel.",
           modality="negated")
    report(store, "057", "TURGOV", "ISRGOV", dt.date(2023, 11, 5), ["Reuters"], "They plan to sign a deal.",
           modality="planned")
    merge(store)


def seed_network(store) -> None:
    """June 2022: TUR+RUS, TUR+UKR, RUS-UKR (an unbalanced ++- triad), USA+UKR, USA-RUS (balanced +--),
    TUR+ISR; and one May event that a June window must not see."""
    day = dt.date(2022, 6, 10)
    report(store, "046", "TURGOV", "RUSGOV", day, ["Reuters"], "Turkey negotiated with Russia.")
    report(store, "061", "RUSGOV", "TURGOV", day + dt.timedelta(days=3), ["TASS"], "Russia cooperated with Turkey.")
    report(store, "062", "TURGOV", "UKRGOV", day, ["Reuters", "Anadolu Agency"], "Turkey supplied drones to Ukraine.")
    report(store, "190", "RUSMIL", "UKRMIL", day, ["Reuters", "Associated Press", "TASS"], "Russia attacked Ukraine.")
    report(store, "195", "RUSMIL", "UKR", day + dt.timedelta(days=1), ["BBC"], "Russia bombed Kharkiv.")
    report(store, "071", "USAGOV", "UKRGOV", day, ["Associated Press"], "The US gave aid to Ukraine.")
    report(store, "163", "USAGOV", "RUSGOV", day + dt.timedelta(days=2), ["Reuters"], "The US sanctioned Russia.")
    report(store, "042", "ISRGOV", "TURGOV", day, ["Haaretz"], "Israel's president visited Ankara.")
    report(store, "190", "TURMIL", "USAMIL", dt.date(2022, 5, 10), ["Reuters"], "May event outside the window.")
    report(store, "173", "TURGOV", "TURREB", day, ["Reuters"], "A domestic event.")
    merge(store)


# --------------------------------------------------------------------------- dyad series
def test_series_counts_events_not_mentions_and_skips_unreal_modalities(duck):
    from dragoman.analysis.dyads import dyad_series

    seed_turkey_israel(duck)
    pts = dyad_series(duck, "TUR", "ISR", "month")
    assert pts[0].period == "2021-01" and pts[-1].period == "2024-06"
    total_events = sum(p.events for p in pts)
    merged = [e for e in duck.events() if e["modality"] in ("asserted", "reported")]
    assert total_events == len(merged)
    assert sum(p.mentions for p in pts) > total_events  # several publishers per event
    may22 = next(p for p in pts if p.period == "2022-05")
    assert all(e["cameo_code"] != "195" for e in duck.events() if e["event_id"] in may22.event_ids)
    for p in pts:
        assert p.q1 + p.q2 + p.q3 + p.q4 == p.events
        assert p.cooperation == p.q1 + p.q2 and p.conflict == p.q3 + p.q4
        assert p.net_cooperation == pytest.approx((p.cooperation - p.conflict) / p.events, abs=1e-3)
        assert p.goldstein_mean == pytest.approx(p.goldstein_sum / p.events, abs=1e-2)
        # weighting "none": weighted fields equal the plain ones
        assert p.weight == p.events and p.w_goldstein_mean == pytest.approx(p.goldstein_mean, abs=1e-3)
    year = dyad_series(duck, "TUR", "ISR", "year")
    assert [p.period for p in year] == ["2021", "2022", "2023", "2024"]
    assert sum(p.events for p in year) == total_events
    assert year[1].net_cooperation > 0.5 and year[3].net_cooperation < -0.5
    weeks = dyad_series(duck, "TUR", "ISR", "week")
    assert all("-W" in p.period for p in weeks) and sum(p.events for p in weeks) == total_events
    directed = dyad_series(duck, "TUR", "ISR", "month", directed=True)
    reverse = dyad_series(duck, "ISR", "TUR", "month", directed=True)
    assert sum(p.events for p in directed) + sum(p.events for p in reverse) == total_events
    with pytest.raises(ValueError):
        dyad_series(duck, "TUR", "ISR", "fortnight")


def test_weighting_by_mentions_and_reliability(duck):
    from dragoman.analysis.dyads import TIER_WEIGHT, dyad_events, dyad_series, event_weight

    d = dt.date(2022, 3, 1)
    report(duck, "057", "TURGOV", "ISRGOV", d, ["Reuters", "Associated Press", "Anadolu Agency"], "Deal signed.")
    report(duck, "111", "TURGOV", "ISRGOV", d + dt.timedelta(days=5), ["Anadolu Agency"], "Turkey criticised Israel.")
    report(duck, "112", "ISRGOV", "TURGOV", d + dt.timedelta(days=9), ["Some Blog"], "Israel accused Turkey.")
    merge(duck)
    by_code = {e.cameo_code: e for e in dyad_events(duck.mentions(), "month", "both")}
    # documented formulas: mentions 1 + ln(n); reliability noisy-OR of tier weights (unknown -> tier 3)
    assert by_code["057"].weight == pytest.approx((1 + math.log(3)) * (1 - (1 - 1.0) * (1 - 1.0) * (1 - 0.4)))
    assert by_code["111"].weight == pytest.approx(TIER_WEIGHT[3])
    assert by_code["112"].weight == pytest.approx(TIER_WEIGHT[3])
    assert event_weight(2, [0.4, 0.4], "reliability") == pytest.approx(1 - 0.6 * 0.6)
    assert event_weight(10, [], "mentions") == pytest.approx(1 + math.log(10))
    plain = dyad_series(duck, "TUR", "ISR")[0]
    rel = dyad_series(duck, "TUR", "ISR", weighting="reliability")[0]
    assert plain.goldstein_mean == pytest.approx((8.0 - 2.0 - 2.0) / 3, abs=1e-3)
    # the corroborated agreement outweighs two single low-tier reports
    assert rel.weight == pytest.approx(1.0 + 0.4 + 0.4)
    assert rel.w_goldstein_mean == pytest.approx((8.0 - 0.8 - 0.8) / 1.8, abs=1e-3)
    assert rel.w_net_cooperation == pytest.approx((1.0 - 0.8) / 1.8, abs=1e-3)
    # a caller's own reliability mapping overrides the registry
    mine = dyad_series(duck, "TUR", "ISR", weighting="reliability", reliability={"Some Blog": 1.0})[0]
    assert mine.weight == pytest.approx(1.0 + 0.4 + 1.0)


# --------------------------------------------------------------------------- turning points
def test_turning_point_found_at_october_2023_with_conflictual_drivers(duck):
    from dragoman.analysis.turning import turning_points

    seed_turkey_israel(duck)
    res = turning_points(duck, "TUR", "ISR", "month")
    assert res.turning_points, "no turning point found"
    main = max(res.turning_points, key=lambda t: abs(t.delta))
    start = dt.date.fromisoformat(main.date)
    assert dt.date(2023, 9, 1) <= start <= dt.date(2023, 11, 1), main
    assert main.direction == "toward conflict" and main.delta < -5
    assert main.p_value < 0.01
    assert main.before_mean > 2 and main.after_mean < -2
    assert main.drivers, "no driving events reported"
    assert all(e.quad_class in (3, 4) and e.goldstein < 0 for e in main.drivers)
    assert all(e.date >= "2023-10-01" for e in main.drivers)
    assert "Turkey halted energy talks with Israel." in [e.sentence for e in main.drivers]
    # no spurious turning points inside the stable cooperative years
    assert all(not ("2021-03" <= t.period <= "2023-07") for t in res.turning_points)
    # weighted runs find it as well
    res_w = turning_points(duck, "TUR", "ISR", "month", weighting="both", metric="w_net_cooperation")
    assert any("2023-09" <= t.period <= "2023-11" for t in res_w.turning_points)


def test_turning_on_a_flat_series_finds_nothing(duck):
    from dragoman.analysis.turning import turning_points

    for m in range(1, 13):
        report(duck, "042", "TURGOV", "RUSGOV", dt.date(2022, m, 10), ["Reuters"], "Erdogan visited Moscow.")
    merge(duck)
    assert turning_points(duck, "TUR", "RUS").turning_points == []
    assert turning_points(duck, "TUR", "XXX").turning_points == []  # no events at all


def test_breakpoints_by_ruptures():
    from dragoman.analysis.turning import detect_breakpoints

    rng = random.Random(1)
    x = [5 + rng.gauss(0, 1) for _ in range(30)] + [-5 + rng.gauss(0, 1) for _ in range(20)]
    assert detect_breakpoints(x) == [30]


# --------------------------------------------------------------------------- networks
def test_network_in_june_2022_has_the_expected_signed_edges(duck):
    from dragoman.analysis.network import relation_graph

    seed_network(duck)
    G = relation_graph(duck, at="2022-06")
    signs = {tuple(sorted((u, v))): d["sign"] for u, v, d in G.edges(data=True)}
    assert signs == {
        ("RUS", "TUR"): 1, ("TUR", "UKR"): 1, ("RUS", "UKR"): -1, ("UKR", "USA"): 1, ("RUS", "USA"): -1,
        ("ISR", "TUR"): 1,
    }
    e = G["RUS"]["UKR"]
    assert e["events"] == 2 and e["conflict"] == 2 and e["goldstein"] == pytest.approx(-20.0)
    assert e["weight"] == pytest.approx(20.0)
    assert G["TUR"]["RUS"]["events"] == 2  # both directions in the undirected graph
    assert G.graph["since"] == "2022-06-01" and G.graph["until"] == "2022-06-30"
    # a trailing window reaches back to May; the directed graph keeps directions
    wide = relation_graph(duck, at="2022-06", window="2m")
    assert wide.has_edge("TUR", "USA") and wide["TUR"]["USA"]["sign"] == -1
    D = relation_graph(duck, at="2022-06", directed=True)
    assert D.has_edge("RUS", "TUR") and D.has_edge("TUR", "RUS") and not D.has_edge("UKR", "RUS")
    actors = relation_graph(duck, at="2022-06", level="actor")
    assert actors.has_edge("RUSMIL", "UKRMIL")


def test_structural_balance_and_centrality(duck):
    from dragoman.analysis.network import balance_summary, centrality, relation_graph, unbalanced_triads

    seed_network(duck)
    G = relation_graph(duck, at="2022-06")
    bad = unbalanced_triads(G)
    assert [(t.nodes, t.pattern) for t in bad] == [(("RUS", "TUR", "UKR"), "++-")]
    summary = balance_summary(G)
    assert summary["triads"] == 2 and summary["unbalanced"] == 1 and summary["balance_ratio"] == 0.5
    cent = {r["node"]: r for r in centrality(G)}
    assert cent["TUR"]["degree"] == 3 and cent["UKR"]["degree"] == 3
    assert cent["RUS"]["negative"] > cent["RUS"]["positive"]
    assert centrality(G)[0]["node"] in ("RUS", "UKR")  # strongest ties: the war


def test_balance_on_hand_built_signed_graphs():
    import networkx as nx

    from dragoman.analysis.network import triads, unbalanced_triads

    G = nx.Graph()
    G.add_edge("A", "B", sign=1)
    G.add_edge("B", "C", sign=1)
    G.add_edge("A", "C", sign=-1)
    G.add_edge("C", "D", sign=-1)
    G.add_edge("B", "D", sign=-1)
    ts = {t.nodes: t for t in triads(G)}
    assert not ts[("A", "B", "C")].balanced and not ts[("A", "B", "C")].weak_balanced
    assert ts[("B", "C", "D")].balanced  # +-- : common enemy
    H = nx.Graph()
    H.add_edges_from([("X", "Y"), ("Y", "Z"), ("X", "Z")], sign=-1)
    assert [t.pattern for t in unbalanced_triads(H)] == ["---"]
    assert unbalanced_triads(H, weak=True) == []


def test_window_parsing():
    from dragoman.analysis.network import window_bounds

    assert window_bounds("2022-06") == ("2022-06-01", "2022-06-30")
    assert window_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert window_bounds("2022") == ("2022-01-01", "2022-12-31")
    assert window_bounds("2022-06-15", "7d") == ("2022-06-09", "2022-06-15")
    assert window_bounds("2022-06", "3m") == ("2022-04-01", "2022-06-30")
    with pytest.raises(ValueError):
        window_bounds("June", None)
