"""Query latency on a DuckDB store of one million generated events.

    python bench/bench_queries.py                        # builds out/bench/events-1000000.duckdb once, then times
    python bench/bench_queries.py --events 200000 --runs 9

The store is built with the project's schema (`open_store` runs the
migrations) and filled in bulk by DuckDB itself: `--events` merged events
and about 1.25 mentions per event (a fifth of the events have two or three
mentions from different outlets), spread over 2000-2024, with a skewed
actor distribution -- a few countries appear in most events, as in real
news, so the busiest dyad holds tens of thousands of mentions -- and
one document per four mentions. Actor codes, CAMEO codes, Goldstein scores,
quad classes, modalities and date precisions follow the coder's conventions.

Then it times, through the same calls the CLI and the API make:

* dyad series: `analysis.dyads.dyad_series` (the store groups the dyad's
  mentions into events and periods in SQL), monthly, for the busiest dyad, a
  mid-sized one and a directed government-level one, without event ids as the
  CLI and the API ask; the busiest also with event ids and with each weighting;
* event search: what `GET /api/events` needs -- `Store.mention_page`, the count
  plus the first page (50 rows) -- by dyad and date range, by actor, by CAMEO
  root, by evidence text, and the events table by dyad. Text searches go
  through the store's word index when it narrows them (`Store.search_index_share`):
  a one-word text is answered from its postings, a longer one checks ILIKE on the
  intersection of its words' postings; `--no-search-index` times the same
  searches scanning every sentence. `--only WORD` times just the queries whose
  label contains WORD.

Each query is run once to warm up, then `--runs` times; the median and the
slowest run are printed against the 200 ms target.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0

# ISO3 codes in order of how often they appear (weights fall off with rank)
COUNTRIES = ["USA", "RUS", "ISR", "IRN", "TUR", "CHN", "SYR", "UKR", "IRQ", "SAU", "EGY", "PSE", "LBN", "GBR",
             "FRA", "DEU", "QAT", "ARE", "JOR", "AZE", "ARM", "GRC", "CYP", "PAK", "IND", "AFG", "YEM", "LBY",
             "JPN", "KOR", "PRK", "BRA", "ITA", "ESP", "POL", "KAZ", "GEO", "SRB", "ETH", "NGA"]
ROLES = ["GOV", "GOV", "GOV", "MIL", "MIL", "DIP", "", "", "SPY", "REB", "LEG", "JUD", "MED", "BUS", "CVL"]
# (CAMEO code, Goldstein, quad class, PLOVER type, trigger, phrase for the evidence sentence)
CODES = [
    ("010", 0.0, 1, "CONSULT", "said", "made a statement on"), ("020", 3.0, 1, "REQUEST", "urged", "urged restraint over"),
    ("036", 4.0, 1, "CONSULT", "offered", "offered talks on"), ("042", 1.9, 1, "CONSULT", "visited", "visited to discuss"),
    ("043", 2.8, 1, "CONSULT", "hosted", "hosted a meeting on"), ("051", 3.4, 1, "COOPERATE", "praised", "praised the stance on"),
    ("057", 8.0, 1, "AGREE", "signed", "signed an agreement on"), ("061", 6.4, 2, "COOPERATE", "cooperated", "agreed economic cooperation on"),
    ("070", 7.0, 2, "AID", "pledged", "pledged aid after"), ("081", 5.0, 2, "CONCEDE", "eased", "eased restrictions on"),
    ("111", -2.0, 3, "DISAPPROVE", "criticised", "criticised the policy on"), ("112", -2.0, 3, "DISAPPROVE", "accused", "accused over"),
    ("120", -4.0, 3, "REJECT", "rejected", "rejected a proposal on"), ("130", -4.4, 3, "THREATEN", "threatened", "threatened retaliation over"),
    ("160", -4.0, 4, "SANCTION", "cut", "cut ties over"), ("163", -8.0, 4, "SANCTION", "imposed", "imposed sanctions over"),
    ("173", -5.0, 4, "COERCE", "arrested", "arrested suspects linked to"), ("190", -10.0, 4, "ASSAULT", "attacked", "attacked positions near"),
    ("193", -10.0, 4, "ASSAULT", "fought", "clashed with forces near"), ("195", -10.0, 4, "ASSAULT", "struck", "carried out air strikes near"),
]
TOPICS = ["the border", "the pipeline", "the nuclear talks", "the ceasefire", "refugee returns", "grain exports",
          "the embassy", "the airspace", "prisoner exchanges", "the disputed islands", "arms deliveries", "the port"]
OUTLETS = ["Reuters", "Associated Press", "Agence France-Presse", "Anadolu Agency", "TASS", "Al Jazeera", "Xinhua",
           "The Times of Israel", "Hurriyet Daily News", "Deutsche Welle", "IRNA", "BBC"]
MODALITIES = ["asserted"] * 14 + ["reported"] * 4 + ["planned", "negated"]


def _u(col: str, salt: int) -> str:
    """SQL for a uniform [0, 1) number derived from an integer column and a salt (deterministic)."""
    return f"((hash({col} * 1000003 + {salt}) % 1000000007)::DOUBLE / 1000000007)"


def _pick(values_sql: str, n: int, u: str, skew: float = 1.0) -> str:
    """SQL picking one element of a list literal; skew > 1 favours the first elements."""
    return f"{values_sql}[1 + LEAST({n - 1}, floor(pow({u}, {skew}) * {n})::INTEGER)]"


def _lit(values: list[Any]) -> str:
    def one(v: Any) -> str:
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
        return repr(v)

    return "[" + ", ".join(one(v) for v in values) + "]"


def build(path: Path, n_events: int) -> dict[str, Any]:
    """Create the store at `path` (schema by the project's migrations) and fill it in bulk."""
    from dragoman.records import MENTION_COLUMNS
    from dragoman.store import open_store
    from dragoman.store.schema import PUBLISHERS_FILL, event_keys_fill
    from dragoman.store.base import DOC_COLUMNS, EVENT_COLUMNS

    if path.exists():
        path.unlink()
    store = open_store(str(path))
    con = store.conn
    t0 = time.perf_counter()
    nc, nr, nk = len(COUNTRIES), len(ROLES), len(CODES)
    countries, roles = _lit(COUNTRIES), _lit(ROLES)
    codes = {name: _lit([c[i] for c in CODES]) for i, name in enumerate(["code", "gold", "quad", "plover", "trig", "phrase"])}
    con.execute(f"""
        CREATE TEMP TABLE gen_ev AS
        SELECT i,
               {_pick(countries, nc, _u('i', 1), 2.2)} AS sc,
               ({_pick(countries, nc, _u('i', 2), 2.2)}) AS tc0,
               {_pick(roles, nr, _u('i', 3))} AS sr,
               {_pick(roles, nr, _u('i', 4))} AS tr,
               1 + floor({_u('i', 5)} * {nk})::INTEGER AS k,
               DATE '2000-01-01' + floor({_u('i', 6)} * 9131)::INTEGER AS d,
               CASE WHEN {_u('i', 7)} < 0.9 THEN 'day' WHEN {_u('i', 7)} < 0.97 THEN 'month' ELSE 'year' END AS prec,
               {_pick(_lit(MODALITIES), len(MODALITIES), _u('i', 8))} AS modality,
               {_pick(_lit(TOPICS), len(TOPICS), _u('i', 9))} AS topic,
               1 + ({_u('i', 10)} < 0.2)::INTEGER + ({_u('i', 11)} < 0.05)::INTEGER AS n_mentions
        FROM range({n_events}) t(i)""")
    # the target country differs from the source
    con.execute(f"""UPDATE gen_ev SET tc0 = {countries}[1 + (list_position({countries}, sc) % {nc})] WHERE tc0 = sc""")
    con.execute(f"""
        CREATE TEMP TABLE gen_m AS
        SELECT e.*, j, row_number() OVER (ORDER BY i, j) - 1 AS m
        FROM (SELECT *, unnest(range(n_mentions)) AS j FROM gen_ev) e""")
    n_mentions = con.execute("SELECT COUNT(*) FROM gen_m").fetchone()[0]
    # dates as the coder writes them: day precision keeps the day, month and year ones start their span
    date_sql = ("CASE prec WHEN 'day' THEN strftime(d, '%Y-%m-%d') WHEN 'month' THEN strftime(d, '%Y-%m-01') "
                "ELSE strftime(d, '%Y-01-01') END")
    date_end_sql = ("CASE prec WHEN 'day' THEN strftime(d, '%Y-%m-%d') "
                    "WHEN 'month' THEN strftime(last_day(d), '%Y-%m-%d') ELSE strftime(d, '%Y-12-31') END")
    mention_values = {
        "doc_id": "'doc' || lpad((m // 4)::VARCHAR, 8, '0')",
        "sentence": (f"sc || ' officials ' || {codes['phrase']}[k] || ' ' || topic || ' with ' || tc0 || "
                     "' counterparts, according to a statement.'"),
        "sent_start": "(j * 120)::INTEGER", "sent_end": "(j * 120 + 110)::INTEGER",
        "trigger": f"{codes['trig']}[k]", "cameo_code": f"{codes['code']}[k]",
        "source_actor": "sc || sr", "target_actor": "tc0 || tr",
        "source_actor_name": "sc || ' ' || sr", "target_actor_name": "tc0 || ' ' || tr",
        "source_country": "sc", "target_country": "tc0",
        "source_role": "NULLIF(sr, '')", "target_role": "NULLIF(tr, '')",
        "cameo_root": f"substr({codes['code']}[k], 1, 2)", "goldstein": f"{codes['gold']}[k]",
        "quad_class": f"{codes['quad']}[k]", "plover_type": f"{codes['plover']}[k]", "plover_mode": "NULL",
        "modality": "modality", "attributed_to": "NULL",
        "date": date_sql, "date_end": date_end_sql, "date_precision": "prec", "date_basis": "'explicit'",
        "location_name": "NULL", "location_country": "NULL", "lat": "NULL", "lon": "NULL",
        "trigger_start": "(j * 120 + 20)::INTEGER", "trigger_end": "(j * 120 + 28)::INTEGER",
        "confidence": "0.8", "doc_path": "NULL",
        "doc_url": "'https://news.example/' || lpad((m // 4)::VARCHAR, 8, '0')", "doc_title": "'Report'",
        "source_name": f"{_pick(_lit(OUTLETS), len(OUTLETS), _u('m', 12))}",
        "published": "strftime(d + (j)::INTEGER, '%Y-%m-%d')", "published_precision": "'day'",
        "mention_id": "'m' || lpad(m::VARCHAR, 15, '0')", "event_id": "'e' || lpad(i::VARCHAR, 15, '0')",
    }
    missing = [c for c in MENTION_COLUMNS if c not in mention_values]
    assert not missing, f"bench generator does not fill {missing}"
    con.execute(f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}) "
                f"SELECT {', '.join(mention_values[c] for c in MENTION_COLUMNS)} FROM gen_m")
    event_values = {
        "event_id": "'e' || lpad(i::VARCHAR, 15, '0')", "cameo_code": f"{codes['code']}[k]",
        "cameo_root": f"substr({codes['code']}[k], 1, 2)", "source_actor": "sc || sr", "target_actor": "tc0 || tr",
        "source_country": "sc", "target_country": "tc0", "date": date_sql, "date_end": date_end_sql,
        "date_precision": "prec", "goldstein": f"{codes['gold']}[k]", "quad_class": f"{codes['quad']}[k]",
        "plover_type": f"{codes['plover']}[k]", "modality": "modality", "location_name": "NULL",
        "num_mentions": "n_mentions", "num_sources": "n_mentions", "num_documents": "n_mentions",
        "first_seen": "strftime(d, '%Y-%m-%d')", "last_seen": "strftime(d + n_mentions - 1, '%Y-%m-%d')",
        "contradicted": "false", "flags": "NULL",
    }
    con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
                f"SELECT {', '.join(event_values[c] for c in EVENT_COLUMNS)} FROM gen_ev")
    doc_values = {
        "doc_id": "doc_id", "path": "NULL", "url": "ANY_VALUE(doc_url)", "title": "'Report'",
        "source_name": "ANY_VALUE(source_name)", "published": "MIN(published)", "published_precision": "'day'",
        "published_basis": "'metadata'", "format": "'jsonl'", "duplicate_of": "NULL",
        "text": "string_agg(sentence, ' ')", "num_mentions": "COUNT(*)::INTEGER", "ingested_at": "'2025-01-01T00:00:00+00:00'",
    }
    con.execute(f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}) "
                f"SELECT {', '.join(doc_values[c] for c in DOC_COLUMNS)} FROM mentions GROUP BY doc_id")
    con.execute("DROP TABLE gen_m")
    con.execute("DROP TABLE gen_ev")
    store.rebuild_search_index()  # the mentions came in by SQL, not through add_documents
    con.execute(PUBLISHERS_FILL)  # likewise the publisher list
    for stmt in event_keys_fill():  # and the events' integer keys
        con.execute(stmt)
    con.execute("CHECKPOINT")
    stats = store.stats()
    store.close()
    return {"seconds": time.perf_counter() - t0, "mentions": n_mentions, **stats}


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    out = fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", default=None, help="store file (default out/bench/events-N.duckdb)")
    ap.add_argument("--rebuild", action="store_true", help="build the store even if the file exists")
    ap.add_argument("--no-search-index", action="store_true", help="text searches scan every sentence")
    ap.add_argument("--only", default="", help="time only the queries whose label contains this")
    args = ap.parse_args()

    from dragoman.analysis.dyads import dyad_series
    from dragoman.store import EventFilter, open_store

    path = Path(args.db) if args.db else ROOT / "out" / "bench" / f"events-{args.events}.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not path.exists():
        print(f"building {path} with {args.events} events ...", flush=True)
        info = build(path, args.events)
        print(f"built in {info['seconds']:.1f}s: {info['events']} events, {info['mentions']} mentions, "
              f"{info['documents']} documents", flush=True)
    store = open_store(str(path))
    if args.no_search_index:
        store.search_index_share = 0
    st = store.stats()
    print(f"store: {st['events']} events, {st['mentions']} mentions, {st['documents']} documents "
          f"({path.stat().st_size / 1e6:.0f} MB)")

    busiest = store.query(
        """SELECT LEAST(source_country, target_country) AS a, GREATEST(source_country, target_country) AS b,
                  COUNT(*) AS n FROM mentions GROUP BY 1, 2 ORDER BY n DESC LIMIT 1""")[0]
    a, b = busiest["a"], busiest["b"]
    mid_a, mid_b = "TUR", "GRC"
    n_busy = store.count_mentions(EventFilter(dyad=(a, b)))
    n_mid = store.count_mentions(EventFilter(dyad=(mid_a, mid_b)))
    n_gov = store.count_mentions(EventFilter(dyad=(a + "GOV", b + "GOV"), directed=True))
    print(f"dyads: {a}:{b} {n_busy} mentions (the busiest), {mid_a}:{mid_b} {n_mid}, {a}GOV->{b}GOV {n_gov}")
    queries: list[tuple[str, Callable[[], Any], Callable[[Any], int]]] = [
        (f"dyad series {a}:{b} monthly (busiest dyad)", lambda: dyad_series(store, a, b, "month", event_ids=False), len),
        (f"dyad series {a}:{b} monthly, with event ids", lambda: dyad_series(store, a, b, "month"), len),
        *[(f"dyad series {a}:{b} monthly, weight {w}",
           lambda w=w: dyad_series(store, a, b, "month", weighting=w, event_ids=False), len)
          for w in ("mentions", "reliability", "both")],
        (f"dyad series {mid_a}:{mid_b} monthly", lambda: dyad_series(store, mid_a, mid_b, "month", event_ids=False), len),
        (f"dyad series {a}GOV->{b}GOV monthly, directed",
         lambda: dyad_series(store, a + "GOV", b + "GOV", "month", directed=True, event_ids=False), len),
        (f"dyad series {a}:{b} yearly since 2020",
         lambda: dyad_series(store, a, b, "year", since="2020-01-01", event_ids=False), len),
    ]

    def search(flt: EventFilter) -> Callable[[], Any]:
        def run() -> tuple[int, list]:
            return store.mention_page(EventFilter(**{**flt.__dict__, "limit": 50}))  # keeps the offset
        return run

    searches = [
        (f"search dyad {mid_a}:{mid_b} since 2015", EventFilter(dyad=(mid_a, mid_b), since="2015-01-01")),
        (f"search dyad {a}:{b} (busiest)", EventFilter(dyad=(a, b))),
        ("search actor IRN, 2019", EventFilter(actor="IRN", since="2019-01-01", until="2019-12-31")),
        ("search CAMEO 19 (assault), since 2020", EventFilter(code="19", since="2020-01-01")),
        ("search text 'pipeline'", EventFilter(text="pipeline")),
        ("search actor TUR, text 'border', page 3", EventFilter(actor="TUR", text="border", offset=100)),
        ("search text 'NGA officials' (a rarer word)", EventFilter(text="NGA officials")),
        ("search text 'TUR officials signed' (3 words)", EventFilter(text="TUR officials signed")),
        ("search text 'the' (in 70% of mentions)", EventFilter(text="the")),
        ("search text 'statement.' (every mention: scans)", EventFilter(text="statement.")),
    ]
    for label, flt in searches:
        queries.append((label, search(flt), lambda out: out[0]))
    queries.append((f"events table, dyad {mid_a}:{mid_b}, first 50",
                    lambda: store.events(EventFilter(dyad=(mid_a, mid_b), limit=50)), len))

    print(f"\n{'query':50} {'rows':>8} {'median ms':>10} {'max ms':>8}  target {TARGET_MS:.0f} ms")
    worst = 0.0
    results = []
    for label, fn, count in [q for q in queries if args.only in q[0]]:
        times, out = timed(fn, args.runs)
        med, mx = statistics.median(times), max(times)
        worst = max(worst, med)
        results.append((label, count(out), med, mx))
        print(f"{label:50} {count(out):8d} {med:10.1f} {mx:8.1f}  {'ok' if med < TARGET_MS else 'SLOW'}", flush=True)
    store.close()
    load1, load5, _ = os.getloadavg()
    print(f"\nslowest median: {worst:.1f} ms ({'all under' if worst < TARGET_MS else 'NOT all under'} "
          f"{TARGET_MS:.0f} ms); {args.runs} runs each after a warm-up; load average {load1:.1f} "
          f"on {os.cpu_count()} CPUs")
    sys.exit(0)


if __name__ == "__main__":
    main()
