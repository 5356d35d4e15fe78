"""One store interface over SQL backends.

Backends differ only in how they connect, their placeholder style and their
bulk paths; every query lives here once, parameterised (no values are ever
spliced into SQL text). Each document is written together with its mentions
in one transaction, so a crash leaves it wholly stored or not at all.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from ..records import MENTION_COLUMNS, Document, Mention
from .schema import MIGRATIONS, event_keys_fill, search_index_fill

DOC_COLUMNS = [
    "doc_id", "path", "url", "title", "source_name", "published", "published_precision",
    "published_basis", "format", "duplicate_of", "text", "num_mentions", "ingested_at",
]

EVENT_COLUMNS = [
    "event_id", "cameo_code", "cameo_root", "source_actor", "target_actor", "source_country",
    "target_country", "date", "date_end", "date_precision", "goldstein", "quad_class",
    "plover_type", "modality", "location_name", "num_mentions", "num_sources", "num_documents",
    "first_seen", "last_seen", "contradicted", "flags",
]


@dataclass
class EventFilter:
    """Filters shared by `dragoman events`, the API and exports."""

    actor: str | None = None  # code prefix on either side: TUR, TURGOV, IGONAT
    dyad: tuple[str, str] | None = None  # (source prefix, target prefix), either direction if undirected
    directed: bool = False
    since: str | None = None
    until: str | None = None
    code: str | None = None  # CAMEO code prefix: 04, 042
    quad_class: int | None = None
    modality: str | None = None
    doc_id: str | None = None
    event_id: str | None = None
    text: str | None = None  # substring of the evidence sentence
    limit: int | None = None
    offset: int = 0

    def where(self) -> tuple[str, list[Any]]:
        """` WHERE ...` over mentions columns, and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clauses.append("(source_actor LIKE ? OR target_actor LIKE ?)")
            params += [self.actor + "%", self.actor + "%"]
        if self.dyad:
            a, b = self.dyad
            fwd = "(source_actor LIKE ? AND target_actor LIKE ?)"
            if self.directed:
                clauses.append(fwd)
                params += [a + "%", b + "%"]
            else:
                clauses.append(f"({fwd} OR {fwd})")
                params += [a + "%", b + "%", b + "%", a + "%"]
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.code:
            clauses.append("cameo_code LIKE ?")
            params.append(self.code + "%")
        if self.quad_class:
            clauses.append("quad_class = ?")
            params.append(self.quad_class)
        if self.modality:
            clauses.append("modality = ?")
            params.append(self.modality)
        if self.doc_id:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        if self.event_id:
            clauses.append("event_id = ?")
            params.append(self.event_id)
        if self.text:
            clauses.append(self.text_match("?"))  # ILIKE: no per-row LOWER() copy
            params.append(self.like_pattern())
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def like_pattern(self) -> str:
        """The ILIKE pattern matching `text` anywhere, its own % _ and \\ taken literally."""
        escaped = (self.text or "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "%" + escaped + "%"

    def text_match(self, pattern: str) -> str:
        """SQL testing the sentence against `pattern` (SQL: a placeholder or a column holding `like_pattern()`).

        ESCAPE is written only when the text has a % _ or \\ to escape: DuckDB's
        ILIKE with an ESCAPE clause runs two to three times slower, and without one
        the pattern then holds no escape character on either backend.
        """
        needs_escape = any(c in (self.text or "") for c in "\\%_")
        return f"sentence ILIKE {pattern}" + (" ESCAPE '\\'" if needs_escape else "")


@dataclass
class DyadGroups:
    """`Store.dyad_groups`' result: parallel NumPy columns of count rows, the weighting keys' publishers and event ids."""

    period: np.ndarray  # str
    quad: np.ndarray  # int, 0 for none
    gs: np.ndarray  # float
    wn: np.ndarray  # int: the events' mention count when the weighting needs it, else 0
    key: np.ndarray  # int: index into `publishers`
    events: np.ndarray  # int
    mentions: np.ndarray  # int
    publishers: list[tuple[str, ...]]
    ids: dict[str, list[str]]  # each period's event ids in series order (empty without `event_ids`)


@dataclass(frozen=True)
class SearchPlan:
    """How the word index answers a text search (`Store._search_plan`)."""

    words: list[list[int]]  # per run of the text, the ids of the words holding it; a match has a posting of each
    exact: bool  # one run that is the whole text: the postings of words[0] are exactly the matches
    share: float = 1.0  # the share of all mentions that the rarest run's postings cover (an upper bound on matches)


class Store:
    """Backend-neutral store; subclasses provide `_connect`, `placeholder` and `url`."""

    placeholder = "?"
    url: str = ""
    # SQL turning a text day {d} into an ISO week label like 2020-W53 (Python's isocalendar)
    week_sql = "strftime(TRY_CAST({d} AS DATE), '%G-W%V')"
    collate = ""  # appended to text ORDER BY terms so the database orders like Python (bytewise)
    extra_migrations: dict[int, list[str]] = {}  # backend-only statements run with a migration version
    # A text search goes through the word index when its rarest word covers at most this share of the
    # mentions (beyond it, scanning every sentence is cheaper); 0 never uses the index, 1 or more always does.
    search_index_share = 0.2
    # `compact_search_index` re-sorts the postings after a load adding at least this share of the mentions;
    # only where their order decides how much is read (DuckDB; PostgreSQL finds them through a B-tree index)
    search_compact_share = 0.05
    postings_order_matters = True

    def __init__(self) -> None:
        self._publishers_seen: set[str] = set()  # publisher names this store has written to `publishers`
        self.conn = self._connect()
        self.migrate()

    # -- backend hooks -------------------------------------------------
    def _connect(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        # on the connection itself: a DuckDB cursor is a separate connection with its own transaction
        return self.conn.execute(self._sql(sql), list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [list(r) for r in rows]
        if rows:
            self.conn.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def query_arrays(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any]:
        """The result as one sequence per column, for NumPy work: lists here, (masked) arrays where the
        driver hands them over (DuckDB); `_filled` turns either into a plain array."""
        cur = self.execute(sql, params)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        return {name: [r[i] for r in rows] for i, name in enumerate(names)}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.execute("ROLLBACK")
            raise
        else:
            self.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ----------------------------------------------------------
    def migrate(self) -> None:
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
        done = {r["version"] for r in self.query("SELECT version FROM schema_version")}
        for version, statements in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                for stmt in [*statements, *self.extra_migrations.get(version, [])]:
                    self.execute(stmt)
                self.execute(
                    "INSERT INTO schema_version VALUES (?, ?)", [version, _now()]
                )

    # -- documents -----------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return bool(self.present([doc_id]))

    def add_document(
        self, doc: Document, mentions: Sequence[Mention], signature: str | None = None
    ) -> bool:
        """Store a document with its mentions atomically; False if it was already stored."""
        return self.add_documents([(doc, mentions, signature)])[0]

    def add_documents(self, items: Sequence[tuple[Document, Sequence[Mention], str | None]]) -> list[bool]:
        """Store several documents with their mentions in one transaction, one bulk insert per table.

        True for each document stored, False for one already there (or repeated in `items`).
        A failure rolls the whole batch back: every document ends up wholly stored or absent.
        """
        if not items:
            return []
        with self.transaction():
            ids = [doc.doc_id for doc, _, _ in items]
            present = self.present(ids)
            stored: list[bool] = []
            doc_rows, mention_rows, sig_rows = [], [], []
            seen_mentions: set[str] = set()
            for doc, mentions, signature in items:
                if doc.doc_id in present:
                    stored.append(False)
                    continue
                present.add(doc.doc_id)
                stored.append(True)
                row = doc.to_row()
                row["num_mentions"] = len({m.mention_id for m in mentions})
                row["ingested_at"] = _now()
                doc_rows.append([row.get(c) for c in DOC_COLUMNS])
                for m in mentions:
                    if m.mention_id not in seen_mentions:
                        seen_mentions.add(m.mention_id)
                        r = m.to_row()
                        if not r["source_name"]:  # a mention's publisher is its document's (series rely on it)
                            r["source_name"] = doc.source_name
                        mention_rows.append([r[c] for c in MENTION_COLUMNS])
                if signature is not None:
                    sig_rows.append([doc.doc_id, signature])
            last_mid = self._last_mid()
            self.bulk_insert("documents", DOC_COLUMNS, doc_rows)
            self.bulk_insert("mentions", MENTION_COLUMNS, mention_rows)
            self.bulk_insert("signatures", ["doc_id", "signature"], sig_rows)
            self._index_mentions([r[MENTION_COLUMNS.index("mention_id")] for r in mention_rows], last_mid)
            if any(r[MENTION_COLUMNS.index("event_id")] for r in mention_rows):  # mentions stored already merged
                for stmt in event_keys_fill("mentions.mid > ?"):
                    self.execute(stmt, [last_mid])
            self._note_publishers({r[DOC_COLUMNS.index("source_name")] for r in doc_rows}
                                  | {r[MENTION_COLUMNS.index("source_name")] for r in mention_rows})
        return stored

    def _note_publishers(self, names: set[Any]) -> None:
        """Add new publisher names to `publishers` (one statement, only when this store has not seen them)."""
        seen = self._publishers_seen
        new = sorted(n for n in names if n and n not in seen)
        if new:
            self.execute(f"INSERT INTO publishers (name) VALUES {', '.join(['(?)'] * len(new))} ON CONFLICT DO NOTHING",
                         new)
            seen.update(new)

    def _last_mid(self) -> int:
        return int(self.query("SELECT COALESCE(MAX(mid), 0) AS n FROM mentions")[0]["n"])

    def _index_mentions(self, mention_ids: Sequence[str], last_mid: int) -> None:
        """Add just-inserted mentions to the search index.

        `mid > last_mid` lets DuckDB skip all older row groups; the id list keeps it
        exact where other writers commit meanwhile (PostgreSQL reads committed rows).
        """
        for i in range(0, len(mention_ids), 500):
            chunk = list(mention_ids[i : i + 500])
            where = f" WHERE mid > ? AND mention_id IN ({', '.join('?' * len(chunk))})"
            for stmt in search_index_fill(where):
                self.execute(stmt, [last_mid, *chunk])

    def rebuild_search_index(self) -> None:
        """Index every mention afresh, e.g. after mentions were loaded with plain SQL (bench/bench_queries.py).

        A rebuilt index also has each word's postings stored together again, which
        DuckDB reads fastest; ingest appends postings batch by batch.
        """
        with self.transaction():
            self.execute("DELETE FROM search_postings")
            self.execute("DELETE FROM search_words")
            for stmt in search_index_fill():
                self.execute(stmt)

    def compact_search_index(self, added: int) -> bool:
        """Store each word's postings together again after a load of `added` new mentions; True if it did.

        Inserts append postings batch by batch, so a word's postings end up spread
        over every row group written since, and DuckDB can no longer skip the rest
        when looking a word up (35-50 ms instead of 3 ms on a million events).
        Re-sorting costs about a second per million mentions, so it runs only when
        the load added at least `search_compact_share` of all mentions: a small
        ingest into a big store does not pay for it.
        """
        if not self.postings_order_matters or added <= 0:
            return False
        total = int(self.query("SELECT COUNT(*) AS n FROM mentions")[0]["n"])
        if added < total * self.search_compact_share:
            return False
        with self.transaction():
            self.execute("CREATE TEMP TABLE search_postings_sorted AS SELECT wid, mid FROM search_postings")
            self.execute("DELETE FROM search_postings")
            self.execute("INSERT INTO search_postings (wid, mid) SELECT wid, mid FROM search_postings_sorted ORDER BY wid, mid")
            self.execute("DROP TABLE search_postings_sorted")
        return True

    def present(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of `doc_ids` the store holds, in one query per 500 ids."""
        found: set[str] = set()
        for i in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[i : i + 500])
            marks = ", ".join("?" * len(chunk))
            found |= {r["doc_id"] for r in self.query(f"SELECT doc_id FROM documents WHERE doc_id IN ({marks})", chunk)}
        return found

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows; backends override this with their fast path."""
        if rows:
            self.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows
            )

    def documents(self, limit: int | None = None, offset: int = 0, with_text: bool = False) -> list[dict[str, Any]]:
        cols = [c for c in DOC_COLUMNS if with_text or c != "text"]
        sql = f"SELECT {', '.join(cols)} FROM documents ORDER BY published NULLS LAST, doc_id"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self.query(sql, params)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        rows = self.query(f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE doc_id = ?", [doc_id])
        return rows[0] if rows else None

    def signatures(self) -> list[tuple[str, str]]:
        return [(r["doc_id"], r["signature"]) for r in self.query("SELECT doc_id, signature FROM signatures")]

    # -- mentions and events ----------------------------------------------
    def mentions(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        flt = flt or EventFilter()
        return self._mentions(flt, self._plan(flt))

    def mention_page(self, flt: EventFilter) -> tuple[int, list[dict[str, Any]]]:
        """How many mentions match `flt` (its limit and offset aside) and its page of them: the
        `count_mentions` and `mentions` a listing needs, with the search text planned once."""
        plan = self._plan(flt)
        return self._count(flt, plan), self._mentions(flt, plan)

    def _plan(self, flt: EventFilter) -> SearchPlan | None:
        return self._search_plan(flt.text) if flt.text else None

    def _mentions(self, flt: EventFilter, plan: SearchPlan | None) -> list[dict[str, Any]]:
        source, where, params = self._mention_source(flt, plan)
        cols = ", ".join(MENTION_COLUMNS)
        order = f"date NULLS LAST, doc_id, sent_start, trigger_start, mention_id{self.collate}"
        if flt.limit is None:
            return self.query(f"SELECT {cols} FROM {source}{where} ORDER BY {order}", params)
        # a page: order and cut on the sort columns, then read the whole rows of that page only
        early = self._common_text_page(flt, plan, cols, order) if flt.text else None
        if early is not None:
            return early
        page = f"SELECT mention_id FROM {source}{where} ORDER BY {order} LIMIT ? OFFSET ?"
        sql = f"SELECT {cols} FROM mentions WHERE mention_id IN ({page}) ORDER BY {order}"
        return self.query(sql, [*params, flt.limit, flt.offset])

    def _common_text_page(self, flt: EventFilter, plan: SearchPlan | None, cols: str,
                          order: str) -> list[dict[str, Any]] | None:
        """A page of a search whose text matches many mentions, from the first rows in order only; None if unsure.

        When a share f of the mentions match, the page's last row is expected near
        row (offset + limit) / f of the order, so checking the text on the first
        few times that many rows (the other filters applied) usually fills the page
        without ordering every match. It is exact whenever the page is full: a
        match beyond those rows sorts after all of them. Otherwise (the matches are
        rarer there, or run out) the caller orders every match as usual.
        """
        share = plan.share if plan is not None else self.search_index_share or _COMMON_TEXT_SHARE
        need = flt.offset + (flt.limit or 0)
        if share < _COMMON_TEXT_SHARE or not need:
            return None
        first = min(int(_COMMON_TEXT_MARGIN * need / share) + 100, _COMMON_TEXT_ROWS)
        where, params = replace(flt, text=None).where()
        # the sort columns are selected: inside IN (...) a missing one would silently be the outer row's
        head = (f"SELECT mention_id, sentence, date, doc_id, sent_start, trigger_start FROM mentions{where} "
                f"ORDER BY {order} LIMIT ?")
        page = f"SELECT mention_id FROM ({head}) h WHERE {flt.text_match('?')} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = self.query(f"SELECT {cols} FROM mentions WHERE mention_id IN ({page}) ORDER BY {order}",
                          [*params, first, flt.like_pattern(), flt.limit, flt.offset])
        return rows if len(rows) == flt.limit else None

    def count_mentions(self, flt: EventFilter | None = None) -> int:
        flt = flt or EventFilter()
        return self._count(flt, self._plan(flt))

    def _count(self, flt: EventFilter, plan: SearchPlan | None) -> int:
        if plan is not None and plan.exact and not replace(flt, text=None).where()[0]:
            # the text alone, and one word: count its postings, nothing else is read
            wids = plan.words[0]
            what = "COUNT(*)" if len(wids) == 1 else "COUNT(DISTINCT mid)"  # a word has a mention once
            sql = f"SELECT {what} AS n FROM search_postings WHERE wid IN ({', '.join('?' * len(wids))})"
            return int(self.query(sql, wids)[0]["n"])
        source, where, params = self._mention_source(flt, plan)
        return int(self.query(f"SELECT COUNT(*) AS n FROM {source}{where}", params)[0]["n"])

    def _mention_source(self, flt: EventFilter, plan: SearchPlan | None) -> tuple[str, str, list[Any]]:
        """FROM and WHERE (with parameters) selecting `flt`'s mentions, through the search index when it helps.

        A search text that is one word (say "pipeline") matches exactly the mentions
        with an indexed word containing it: no sentence is read. Any other text joins
        the mentions holding a word for each of its selective runs (the intersection
        of their postings) and checks ILIKE on those only; the pattern comes in as a
        column of the candidates, so the database cannot move the ILIKE below the
        join and run it on every sentence.
        """
        if plan is None:  # no text, or one the index does not narrow (`_plan`)
            return "mentions", *flt.where()
        where, params = replace(flt, text=None).where()
        where += " AND " if where else " WHERE "
        if plan.exact:
            wids = plan.words[0]
            marks = ", ".join("?" * len(wids))
            return "mentions", where + f"mid IN (SELECT mid FROM search_postings WHERE wid IN ({marks}))", [*params, *wids]
        # a word has a mention once, so one word's postings need no DISTINCT; INTERSECT is a set operation
        candidates = " INTERSECT ".join(
            f"SELECT {'DISTINCT ' if len(w) > 1 else ''}mid FROM search_postings WHERE wid IN ({', '.join('?' * len(w))})"
            for w in plan.words)
        source = f"mentions JOIN (SELECT mid, CAST(? AS TEXT) AS pat FROM ({candidates}) k) c ON c.mid = mentions.mid"
        wids = [w for ws in plan.words for w in ws]
        return source, where + flt.text_match("c.pat"), [flt.like_pattern(), *wids, *params]

    def _search_plan(self, text: str) -> SearchPlan | None:
        """Which word ids' postings hold every match of `text`, or None to scan every sentence.

        Each [a-z0-9] run of the lower-cased text (lower-casing is the database's,
        as for ILIKE) lies inside one word of every matching sentence: a run with
        text on its left starts that word, one with text on its right ends it, one
        with both is the whole word. So a match has a posting for each run, and the
        candidates are the intersection over the runs. Runs whose words cover more
        than `search_index_share` of the mentions narrow little and are left out; if
        all are, a scan is cheaper -- except for a text that is one bare word, whose
        postings are exactly its matches, which answers without reading a sentence.
        """
        share = self.search_index_share
        if share <= 0:
            return None
        lowered = self.query("SELECT lower(CAST(? AS TEXT)) AS s", [text])[0]["s"] or ""
        runs = list(_WORD.finditer(lowered))
        exact = len(runs) == 1 and runs[0].group() == lowered
        patterns = {("%" if r.start() == 0 else "") + r.group() + ("%" if r.end() == len(lowered) else "") for r in runs}
        patterns = set(sorted(patterns, key=len, reverse=True)[:_MAX_RUNS])  # the longest say the most
        total = self._last_mid()
        counted: list[tuple[int, list[int]]] = []
        for like in patterns:
            wids = [r["wid"] for r in self.query("SELECT wid FROM search_words WHERE word LIKE ?", [like])]
            if not wids:
                return SearchPlan([[-1]], True, 0.0)  # a run no word holds: no match (wid -1 never exists)
            if len(wids) <= _MAX_WORDS:
                counted.append((self._postings(wids, total + 1), wids))
        counted.sort(key=lambda c: c[0])
        rarest = counted[0][0] / max(total, 1) if counted else 1.0
        if exact and counted:
            return SearchPlan([counted[0][1]], True, rarest)
        narrowing = [wids for n, wids in counted if n <= total * share]
        return SearchPlan(narrowing, False, rarest) if narrowing else None

    def _postings(self, wids: Sequence[int], cap: int) -> int:
        """How many postings the words `wids` have, counting up to `cap`."""
        if not wids:
            return 0
        marks = ", ".join("?" * len(wids))
        sql = f"SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM search_postings WHERE wid IN ({marks}) LIMIT ?) t"
        return int(self.query(sql, [*wids, cap])[0]["n"])

    def dyad_groups(self, flt: EventFilter, freq: str, by_mentions: bool = False, by_publishers: bool = False,
                    event_ids: bool = True, publisher_class: Callable[[str], Hashable] | None = None,
                    ) -> DyadGroups:
        """The dyad series of `flt`'s mentions aggregated in SQL (see `store.series`), column by column.

        Row i counts `events[i]` events alike in period, QuadClass, Goldstein score and
        weighting key (`wn`, `key`); `publishers[key]` is the key's publisher tuple. Plainly
        that is the event's sorted publisher set. With `publisher_class` (say, a
        publisher's weight) publishers of one class are one key: the tuple then holds one
        representative publisher per publisher of the event (the class's first publisher by
        name), in class order, then any publisher without a class, sorted; far fewer rows
        come back. Columns, not row dicts: a busy dyad returns tens of thousands of rows.
        """
        from .series import class_bits, dyad_groups_sql, split, unpack_classes

        source, where, params = self._mention_source(flt, self._plan(flt))
        pairs: list[tuple[str, int]] = []
        reps: list[str] = []
        bits = 0
        if by_publishers and publisher_class is not None:
            names = self._class_publishers(source, where, params)
            index: dict[Hashable, int] = {}
            for name in names:
                c = index.setdefault(publisher_class(name), len(index))
                if c == len(reps):
                    reps.append(name)
                pairs.append((name, c))
            bits = class_bits(len(reps), len(names))
            pairs = [(name, 1 << (bits * c)) for name, c in pairs] if bits else []
        sql = dyad_groups_sql(where, freq, self.week_sql, self.collate, by_mentions, by_publishers, event_ids, source,
                              classes=len(pairs))
        cols = self.query_arrays(sql, [x for pair in pairs for x in pair] + list(params))
        kind = _filled(cols["kind"], "")
        period = _filled(cols["period"], "")
        ids = {str(p): split(id_list) for p, id_list in
               zip(period[kind == "i"].tolist(), _filled(cols["ids"], "")[kind == "i"].tolist())}
        g = kind == "g"

        def column(name: str, fill: Any, dtype: Any) -> np.ndarray:  # a count-row column, NULLs as `fill`
            return _filled(cols[name], fill)[g].astype(dtype)

        # an event's publisher key is (its unclassed publishers, its packed classes): number the distinct pairs
        pub_code, pub_values = pd.factorize(_filled(cols["pubs"], "")[g])
        ckey_code, ckey_values = pd.factorize(_filled(cols["ckey"], -1)[g])
        width = max(1, len(ckey_values))
        key, pairs_seen = pd.factorize(pub_code * width + ckey_code)
        publishers = []
        for pair in pairs_seen.tolist():
            pubs, ckey = pub_values[pair // width], int(ckey_values[pair % width])
            classed = [reps[c] for c in unpack_classes(ckey, bits, len(reps))] if ckey > 0 else []
            publishers.append(tuple(classed + sorted(split(pubs))))
        return DyadGroups(period[g].astype(str), column("quad", 0, np.int64), column("gs", 0.0, np.float64),
                          column("wn", 0, np.int64), key.astype(np.int64), column("events", 0, np.int64),
                          column("mentions", 0, np.int64), publishers, ids)

    # a publisher list longer than this is not sent with each series (the dyad's own publishers are read instead)
    class_publishers_limit = 512

    def _class_publishers(self, source: str, where: str, params: Sequence[Any]) -> list[str]:
        """Publishers to give classes for a series, sorted: the store's list when short, else the dyad's own."""
        from .series import publishers_sql

        rows = self.query(f"SELECT name FROM publishers ORDER BY name{self.collate} LIMIT {self.class_publishers_limit + 1}")
        if len(rows) <= self.class_publishers_limit:
            return [str(r["name"]) for r in rows]
        names = sorted(str(r["pub"]) for r in self.query(publishers_sql(where, source), params))
        return names if len(names) <= self.class_publishers_limit else []

    def set_event_ids(self, assignments: dict[str, str]) -> None:
        """Point mentions at their events: one bulk load and one set-based UPDATE, not a statement per row."""
        self.execute("DELETE FROM event_assignments")
        self.bulk_insert("event_assignments", ["mention_id", "event_id"], list(assignments.items()))
        self.execute(
            "UPDATE mentions SET event_id = a.event_id FROM event_assignments a WHERE mentions.mention_id = a.mention_id"
        )
        for stmt in event_keys_fill("mentions.mention_id IN (SELECT mention_id FROM event_assignments)"):
            self.execute(stmt)
        self.execute("DELETE FROM event_assignments")

    def replace_events(self, events: Sequence[dict[str, Any]], assignments: dict[str, str]) -> None:
        """Swap in a new merge result in one transaction."""
        with self.transaction():
            self.execute("DELETE FROM events")
            self.bulk_insert("events", EVENT_COLUMNS, [[e.get(c) for c in EVENT_COLUMNS] for e in events])
            self.set_event_ids(assignments)

    def events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        flt = flt or EventFilter()
        where, params = EventFilter(
            actor=flt.actor, dyad=flt.dyad, directed=flt.directed, since=flt.since,
            until=flt.until, code=flt.code, quad_class=flt.quad_class, modality=flt.modality,
            event_id=flt.event_id,
        ).where()
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events{where} ORDER BY date NULLS LAST, event_id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [flt.limit, flt.offset]
        return self.query(sql, params)

    # -- errors ------------------------------------------------------------
    def record_error(self, path: str, message: str) -> None:
        self.execute("INSERT INTO errors VALUES (?, ?, ?)", [path, message, _now()])

    def errors(self) -> list[dict[str, Any]]:
        return self.query("SELECT path, message, occurred_at AS at FROM errors ORDER BY occurred_at")

    def stats(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "mentions", "events", "errors"):
            out[table] = int(self.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])
        return out


_WORD = re.compile("[a-z0-9]+")  # an indexed word: what splitting on [^a-z0-9]+ keeps (schema.search_index_fill)
_MAX_WORDS = 1000  # a search word found inside more indexed words than this is no use for narrowing
_MAX_RUNS = 8  # runs of a long search text beyond this many add little to the intersection
# A page of a text search tries the first rows in order when the text may match at least this share of the
# mentions, checking MARGIN times the rows the page is expected to need, and never more than ROWS rows.
_COMMON_TEXT_SHARE = 0.1
_COMMON_TEXT_MARGIN = 4
_COMMON_TEXT_ROWS = 50_000


def _filled(values: Any, fill: Any) -> np.ndarray:
    """A result column as a plain array with NULLs as `fill`, whether it came as a (masked) array or a list."""
    if isinstance(values, np.ndarray):
        return np.ma.filled(values, fill)
    return np.array([fill if v is None else v for v in values], dtype=object if isinstance(fill, str) else None)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
