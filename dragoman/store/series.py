"""Dyad series aggregated inside the database, so only per-period rows reach Python.

`analysis.dyads` defines the series over mention rows: the counted mentions
(modality asserted or reported, with a date) are grouped into events by
`event_id` (a mention without one is its own event), each event is summarised
as `merge.event_summary` would summarise those mentions, and events are
counted per period. `dyad_groups_sql` writes that definition as one SQL
statement that DuckDB and PostgreSQL both run:

* `m`     counted mentions of the dyad, with their event's integer key `g`
          (`eid`, see `schema.event_keys_fill`; `-mid` for a mention without
          an event), their explicit day (`xday`: day precision and not dated
          from the publication) and publisher;
* `single` events of one counted mention (most of them) take its values
          directly; the steps below run only on the others (`mm`);
* `cday`  the event's consensus day: the firm (explicit-basis) day most
          mentions give, else the explicit day most give, ties the earliest;
* `best`  the event's code: most specific, then most frequent, then highest;
* `ranked` orders each event's mentions by the representative key of
          `event_summary`; the representative gives date and precision, the
          first mention carrying the best code gives Goldstein and QuadClass;
* `ev`    one row per event, kept when its date is as precise as the period.

The result has two kinds of rows. `kind = 'g'` rows count events per period,
QuadClass, Goldstein score and weighting key (mention count and/or publishers,
only when the weighting needs them), with the sum of their mentions; Python
then computes each key's weight once with `analysis.dyads.event_weight` and
sums exactly (`math.fsum`), so the figures do not depend on the order in which
the database added rows. `kind = 'i'` rows list the period's event ids in
series order (date, then id).

Publishers are keyed one of two ways. Plainly, an event's key is its set of
publishers. With publisher classes (publishers that weigh alike share a class,
numbered 0..k-1), the key is `ckey`, the event's multiset of classes packed in
one integer (`bits` bits per class: the count of class i times 2**(bits*i)),
plus the publishers no class was given for; far fewer keys reach Python.
"""
from __future__ import annotations

from typing import Any

# the coarsest event date precision each frequency counts (analysis.dyads: day 0, month 1, year 2)
FREQ_MAX_RANK = {"day": 0, "week": 0, "month": 1, "year": 2}
PERIOD_LENGTH = {"day": 10, "month": 7, "year": 4}
SEPARATOR = "\x1f"  # between publishers and between event ids in aggregated strings (chr(31))

# merge.event_summary's representative key, as SQL over the `m` columns plus `day`
_PREC_ORDER = "CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'range' THEN 2 WHEN 'year' THEN 3 ELSE 9 END"


def _rep_key(collate: str) -> str:
    return ", ".join([
        "CASE WHEN modality = 'asserted' THEN 0 ELSE 1 END",
        "CASE WHEN day IS NOT NULL AND (xday IS NULL OR xday <> day) THEN 1 ELSE 0 END",
        "CASE WHEN source_actor IS NULL OR target_actor IS NULL THEN 1 ELSE 0 END",
        _PREC_ORDER,
        "COALESCE(confidence, 0) DESC",
        f"mention_id{collate}",
    ])


# a mention's publisher; the store gives every mention its document's publisher (`Store.add_documents`,
# migration 4 for older stores), so one missing on the mention is missing on the document too
_PUBLISHER = "COALESCE(NULLIF(f.source_name, ''), 'doc:' || COALESCE(f.doc_id, 'None'))"
_COUNTED = "f.date IS NOT NULL AND f.date <> '' AND f.modality IN ('asserted', 'reported')"


def publishers_sql(where: str, source: str = "mentions") -> str:
    """The distinct publishers of the counted mentions `dyad_groups_sql` reads (same parameters)."""
    return f"""
WITH f AS (
    SELECT mentions.* FROM {source}{where}
)
SELECT DISTINCT {_PUBLISHER} AS pub FROM f WHERE {_COUNTED}
"""


def classes_sql(rows: int) -> str:
    """A VALUES list of `rows` (publisher, class unit) pairs, for `dyad_groups_sql`'s `cls`; each row's
    position is the publisher's integer id, so events compare publishers as integers, not text."""
    return ", ".join(f"(CAST(? AS TEXT), {i}, CAST(? AS BIGINT))" for i in range(rows))


def class_bits(classes: int, publishers: int) -> int:
    """Bits per class in a packed class multiset, or 0 when `publishers` could overflow one in 62 bits."""
    bits = 62 // max(1, classes)
    return bits if publishers < 2 ** bits else 0


def unpack_classes(ckey: int, bits: int, classes: int) -> list[int]:
    """The classes of a packed multiset, in class order, each as often as it occurs."""
    mask = (1 << bits) - 1
    return [c for c in range(classes) for _ in range((ckey >> (bits * c)) & mask)]


def dyad_groups_sql(where: str, freq: str, week_sql: str, collate: str,
                    by_mentions: bool, by_publishers: bool, event_ids: bool = True, source: str = "mentions",
                    classes: int = 0) -> str:
    """The statement for `Store.dyad_groups`; `where` filters `mentions` (parameters follow it).

    `source` is the FROM clause (mentions, possibly joined to search-index candidates
    whose parameters come before where's).

    `week_sql` formats the text day `d` as an ISO week label; `collate` is the
    clause that makes text order bytewise (Python's order) on the backend.
    Without `event_ids` the id lists (a sort of every event) are left out.

    With `classes` > 0 (and `by_publishers`) the statement starts with that many
    (publisher, unit) parameter pairs, the unit of class i being 2**(bits*i): an
    event's `ckey` sums the units of its distinct publishers (see the module
    docstring), and `pubs` lists only its publishers missing from the pairs (added
    since they were read, or never given a class), which stand for themselves.
    """
    if freq not in FREQ_MAX_RANK:
        raise ValueError(f"unknown period {freq!r}: use day, week, month or year")
    period = week_sql.replace("{d}", "SUBSTR(edate, 1, 10)") if freq == "week" \
        else f"SUBSTR(edate, 1, {PERIOD_LENGTH[freq]})"
    by_class = by_publishers and classes > 0
    publisher = _PUBLISHER if by_publishers else "NULL"
    wn = "n" if by_mentions else "0"
    keys = ", ".join(["period", "quad", "gs", *(["n"] if by_mentions else []), *(["pubs"] if by_publishers else []),
                      *(["ckey"] if by_class else [])])
    # publisher order does not matter (Python sorts them); no COLLATE, which DISTINCT would reject
    wpubs = "string_agg(DISTINCT pub, chr(31) ORDER BY pub)" if by_publishers and not by_class else "NULL"
    rep = _rep_key(collate)
    # the event's id, read only when the ids are listed: grouping uses the integer `g`
    gid = "COALESCE(NULLIF(f.event_id, ''), f.mention_id)" if event_ids else "CAST(NULL AS TEXT)"
    cls = f"cls (pub, pid, unit) AS (VALUES {classes_sql(classes)}),\n" if by_class else ""
    # with classes, a mention carries its publisher's id and unit, and its name only when it has no class
    pub_cols = (f"c.pid, c.unit, CASE WHEN c.pid IS NULL THEN {publisher} END AS pub" if by_class
                else f"NULL AS pid, CAST(NULL AS BIGINT) AS unit, {publisher} AS pub")
    pub_join = f"LEFT JOIN cls c ON c.pub = {publisher}" if by_class else ""
    multi_pubs, multi_key, multi_join = ("k.pubs", "k.ckey", "JOIN keyed k ON k.g = mu.g") if by_class \
        else ("pubs", "CAST(NULL AS BIGINT)", "")
    keyed = ("""keyed AS (
    SELECT g, CAST(SUM(unit) AS BIGINT) AS ckey, string_agg(pub, chr(31)) AS pubs
    FROM (SELECT DISTINCT g, pid, unit, pub FROM mm) x
    GROUP BY g
),
""" if by_class else "")
    return f"""
WITH {cls}f AS (
    SELECT mentions.* FROM {source}{where}
),
m AS MATERIALIZED (
    SELECT COALESCE(f.eid, -f.mid) AS g, {gid} AS gid, f.mention_id, f.date, f.date_precision,
           f.modality, f.cameo_code, f.goldstein, f.quad_class, f.confidence, f.source_actor, f.target_actor,
           CASE WHEN f.date_precision = 'day' AND COALESCE(f.date_basis, '') <> 'publication'
                THEN SUBSTR(f.date, 1, 10) END AS xday,
           CASE WHEN COALESCE(f.date_basis, '') IN ('', 'explicit') THEN 1 ELSE 0 END AS firm,
           {pub_cols}
    FROM f {pub_join}
    WHERE {_COUNTED}
),
sizes AS MATERIALIZED (
    SELECT g, COUNT(*) AS n FROM m GROUP BY g
),
single AS (
    -- an event of one counted mention is that mention: its explicit day, else its own date
    SELECT m.g, m.gid, s.n, COALESCE(xday, date) AS edate,
           CASE WHEN xday IS NOT NULL THEN 'day' ELSE date_precision END AS eprec,
           goldstein AS gs, quad_class AS quad, pub AS pubs, unit AS ckey
    FROM m JOIN sizes s ON s.g = m.g WHERE s.n = 1
),
mm AS MATERIALIZED (
    SELECT m.*, s.n FROM m JOIN sizes s ON s.g = m.g WHERE s.n > 1
),
days AS (
    SELECT g, xday, SUM(firm) AS nf, COUNT(*) AS ne FROM mm WHERE xday IS NOT NULL GROUP BY g, xday
),
scored AS (
    SELECT g, xday, CASE WHEN MAX(nf) OVER (PARTITION BY g) > 0 THEN nf ELSE ne END AS score FROM days
),
cday AS (
    SELECT g, xday AS day FROM (
        SELECT g, xday, ROW_NUMBER() OVER (PARTITION BY g ORDER BY score DESC, xday) AS rn FROM scored WHERE score > 0
    ) s WHERE rn = 1
),
codes AS (
    SELECT g, cameo_code, COUNT(*) AS k,
           CASE WHEN LENGTH(cameo_code) > 2 AND SUBSTR(cameo_code, LENGTH(cameo_code), 1) = '0'
                THEN LENGTH(cameo_code) - 1 ELSE LENGTH(cameo_code) END AS spec
    FROM mm WHERE cameo_code IS NOT NULL AND cameo_code <> '' GROUP BY g, cameo_code
),
best AS (
    SELECT g, cameo_code AS code FROM (
        SELECT g, cameo_code, ROW_NUMBER() OVER (PARTITION BY g ORDER BY spec DESC, k DESC, cameo_code{collate} DESC) AS rn
        FROM codes
    ) s WHERE rn = 1
),
ranked AS (
    SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.g ORDER BY {rep}) AS rep_rn
    -- only the columns the windows and `multi` read: a window moves whole rows
    FROM (SELECT mm.g, mm.gid, mm.n, mm.mention_id, mm.date, mm.date_precision, mm.modality, mm.cameo_code, mm.goldstein,
                 mm.quad_class, mm.confidence, mm.source_actor, mm.target_actor, mm.xday, mm.pub, c.day, b.code
          FROM mm LEFT JOIN cday c ON c.g = mm.g LEFT JOIN best b ON b.g = mm.g) x
),
coded AS (
    -- the first mention in representative order that carries the event's code (any, when none has one)
    SELECT g, MIN(rep_rn) AS code_rn FROM ranked WHERE code IS NULL OR cameo_code = code GROUP BY g
),
multi AS (
    SELECT r.g, n, MIN(gid) AS gid,
           MAX(CASE WHEN rep_rn = 1 THEN COALESCE(day, date) END) AS edate,
           MAX(CASE WHEN rep_rn = 1 THEN CASE WHEN day IS NOT NULL THEN 'day' ELSE date_precision END END) AS eprec,
           MAX(CASE WHEN rep_rn = k.code_rn THEN goldstein END) AS gs,
           MAX(CASE WHEN rep_rn = k.code_rn THEN quad_class END) AS quad,
           {wpubs} AS pubs
    FROM ranked r JOIN coded k ON k.g = r.g GROUP BY r.g, n
),
{keyed}ev AS (
    SELECT g, gid, n, edate, eprec, gs, quad, pubs, ckey FROM single
    UNION ALL
    SELECT mu.g, gid, n, edate, eprec, gs, quad, {multi_pubs} AS pubs, {multi_key} AS ckey FROM multi mu {multi_join}
),
kept AS (
    SELECT gid, n, edate, COALESCE(gs, 0) AS gs, quad, pubs, ckey FROM ev
    WHERE CASE COALESCE(NULLIF(eprec, ''), 'day') WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 0 END <= {FREQ_MAX_RANK[freq]}
),
evp AS (
    SELECT gid, n, gs, quad, pubs, ckey, SUBSTR(edate, 1, 10) AS d10, {period} AS period FROM kept
)
SELECT 'g' AS kind, period, quad, gs, {wn} AS wn, {"pubs" if by_publishers else "NULL"} AS pubs,
       {"ckey" if by_class else "NULL"} AS ckey, COUNT(*) AS events,
       CAST(SUM(n) AS BIGINT) AS mentions, NULL AS ids
FROM evp GROUP BY {keys}
""" + ("""UNION ALL
SELECT 'i' AS kind, period, NULL, NULL, NULL, NULL, NULL, COUNT(*), NULL, string_agg(gid, chr(31) ORDER BY d10, gid{collate})
FROM evp GROUP BY period
""".replace("{collate}", collate) if event_ids else "")


def split(value: Any) -> list[str]:
    """A chr(31)-joined aggregate as a list ([] for NULL)."""
    return str(value).split(SEPARATOR) if value else []
