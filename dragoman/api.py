"""The HTTP API and the analyst web page, served by one FastAPI process.

`create_app(db_url)` builds the app. Everything is read-only unless the
settings carry an `api_token`; then `POST /api/ingest` codes posted articles
(the token goes in `Authorization: Bearer ...`). Without a configured token
ingest answers 403, with a missing or wrong token 401.

The store is opened per request and closed afterwards. For DuckDB this keeps
the file unlocked between requests, so `dragoman ingest` in another process
can write while the server is idle, and every request sees the latest data.
Without a token, DuckDB files are opened read-only. Every filter reaches SQL
as a parameter (`EventFilter.where`), and every input is validated here first.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import json
import math
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from starlette.background import BackgroundTask

from .config import Settings
from .records import MENTION_COLUMNS
from .store import EventFilter, Store, open_store
from .store.base import DOC_COLUMNS, EVENT_COLUMNS

# -- input shapes -------------------------------------------------------------
ACTOR_RE = r"^[A-Za-z0-9]{2,24}$"
DYAD_RE = r"^[A-Za-z0-9]{2,24}[:\-][A-Za-z0-9]{2,24}$"
CODE_RE = r"^[0-9]{2,4}$"
ID_RE = r"^[A-Za-z0-9_\-]{1,64}$"
PERIOD_RE = (r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?"
             r"|-W(0[1-9]|[1-4][0-9]|5[0-3]))?$")
TEXT_RE = r"^[^\x00-\x1f\x7f]*$"  # printable text, no control characters
Modality = Literal["asserted", "reported", "planned", "hypothetical", "negated"]
Freq = Literal["day", "week", "month", "year"]
Weighting = Literal["none", "mentions", "reliability", "both"]
Metric = Literal["conflict", "cooperation", "events", "goldstein_mean", "goldstein_sum", "mentions",
                 "net_cooperation", "q1", "q2", "q3", "q4", "w_conflict", "w_cooperation", "w_goldstein_mean",
                 "w_goldstein_sum", "w_net_cooperation", "weight"]
ExportFormat = Literal["csv", "jsonl", "parquet"]
MAX_PAGE = 1000


def _iso_only(value: Any) -> Any:
    """Dates as YYYY-MM-DD only: pydantic would also take 0 or 1700000000 as Unix timestamps."""
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]

EXPORT_TYPES = {"csv": "text/csv", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}


# -- output shapes (generated from the store's column lists so they never drift) --
_INT_COLS = {"sent_start", "sent_end", "trigger_start", "trigger_end", "quad_class", "num_mentions",
             "num_sources", "num_documents"}
_FLOAT_COLS = {"goldstein", "lat", "lon", "confidence"}
_BOOL_COLS = {"contradicted"}


def _field_type(col: str) -> Any:
    if col in _INT_COLS:
        return int | None
    if col in _FLOAT_COLS:
        return float | None
    if col in _BOOL_COLS:
        return bool | None
    return str | None


def _model(name: str, cols: list[str], doc: str) -> type[BaseModel]:
    model = create_model(name, **{c: (_field_type(c), None) for c in cols})
    model.__doc__ = doc
    return model


MentionOut = _model("Mention", MENTION_COLUMNS, "One event mention with its evidence sentence and source.")
EventOut = _model("Event", EVENT_COLUMNS, "One merged real-world event.")
DocumentOut = _model("Document", [c for c in DOC_COLUMNS if c != "text"], "A stored article, without its text.")


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class MentionPage(Page):
    items: list[MentionOut]  # type: ignore[valid-type]


class DocumentPage(Page):
    items: list[DocumentOut]  # type: ignore[valid-type]


class EventDetail(BaseModel):
    event: EventOut  # type: ignore[valid-type]
    mentions: list[MentionOut]  # type: ignore[valid-type]


class DocumentDetail(DocumentOut):  # type: ignore[valid-type,misc]
    text: str | None = None
    mentions: list[MentionOut] = []  # type: ignore[valid-type]


class DyadPointOut(BaseModel):
    """One period of a dyad series (see dragoman.analysis.dyads); means are null in empty periods."""

    period: str
    start: str
    end: str
    events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float | None
    cooperation: int
    conflict: int
    net_cooperation: float | None
    mentions: int = 0
    weight: float = 0.0
    w_cooperation: float = 0.0
    w_conflict: float = 0.0
    w_goldstein_sum: float = 0.0
    w_goldstein_mean: float | None = None
    w_net_cooperation: float | None = None


class DyadSeriesOut(BaseModel):
    a: str
    b: str
    freq: str
    directed: bool
    weighting: str
    points: list[DyadPointOut]


class DyadEventOut(BaseModel):
    """An event that drove a turning point."""

    model_config = ConfigDict(extra="allow")
    event_id: str
    period: str | None = None
    date: str | None = None
    date_precision: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    cameo_code: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    mentions: int | None = None
    sources: list[str] = []
    weight: float | None = None
    sentence: str | None = None
    doc_id: str | None = None
    flags: str | None = None


class TurningPointOut(BaseModel):
    """A significant change in a dyad's relations; `period` is the first period of the new regime."""

    model_config = ConfigDict(extra="allow")
    period: str
    date: str | None = None
    metric: str | None = None
    before_mean: float | None = None
    after_mean: float | None = None
    delta: float | None = None
    direction: str | None = None
    p_value: float | None = None
    before: list[str] = []
    after: list[str] = []
    drivers: list[DyadEventOut] = []


class TurningPointsOut(BaseModel):
    a: str
    b: str
    freq: str
    directed: bool
    metric: str | None = None
    weighting: str | None = None
    penalty: float | None = None
    candidates: int | None = None
    points: list[TurningPointOut]


class NodeOut(BaseModel):
    """An actor (country or actor code) with its centrality in the window (dragoman.analysis.network)."""

    model_config = ConfigDict(extra="allow")
    id: str
    label: str | None = None
    events: int = 0
    degree: int | None = None
    degree_centrality: float | None = None
    strength: float | None = None
    positive: float | None = None
    negative: float | None = None
    betweenness: float | None = None
    eigenvector: float | None = None


class EdgeOut(BaseModel):
    """Relations between two nodes in the window; sign +1 cooperative, -1 conflictual on balance."""

    model_config = ConfigDict(extra="allow")
    source: str
    target: str
    events: int = 0
    cooperation: float | None = None
    conflict: float | None = None
    goldstein: float | None = None
    goldstein_mean: float | None = None
    net_cooperation: float | None = None
    sign: int | None = None
    weight: float | None = None


class NetworkOut(BaseModel):
    date: str
    window_days: int
    since: str | None = None
    until: str | None = None
    level: str
    directed: bool
    weighting: str
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    balance: dict[str, Any] = {}


class TopDyadOut(BaseModel):
    a: str
    b: str
    a_name: str | None = None
    b_name: str | None = None
    mentions: int


class ActorOut(BaseModel):
    code: str
    name: str | None = None
    kind: str
    country: str | None = None
    mentions: int = 0


class ActorLookupOut(BaseModel):
    name: str
    on: str | None = None
    results: list[str]


class StatsOut(BaseModel):
    documents: int
    mentions: int
    events: int
    errors: int
    read_only: bool
    ingest_enabled: bool
    first_date: str | None = None
    last_date: str | None = None


class Problem(BaseModel):
    detail: str


class IngestDocument(BaseModel):
    text: str = Field(min_length=1, max_length=500_000, description="The article text")
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://[^\s]+$")
    source_name: str | None = Field(None, max_length=200)
    published: IsoDate | None = Field(None, description="Publication date (YYYY-MM-DD)")


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=50)


class IngestReportOut(BaseModel):
    stored: int
    skipped: int
    near_duplicates: int
    mentions: int
    errors: list[str]
    events: int


ERRORS: dict[int | str, dict[str, Any]] = {503: {"model": Problem, "description": "The store cannot be opened"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such item"}}
NOT_READY: dict[int | str, dict[str, Any]] = {501: {"model": Problem, "description": "Analysis module not installed"}}


# -- helpers ---------------------------------------------------------------------
def period_bounds(period: str) -> tuple[str, str]:
    """First and last ISO day of a period written as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www.

    Stored dates are ISO strings, so 'YYYY-MM-31' is a safe upper bound for any month.
    """
    if "-W" in period:
        year, week = int(period[:4]), int(period[6:])
        start = dt.date.fromisocalendar(year, 1, 1) + dt.timedelta(weeks=week - 1)
        try:
            end = start + dt.timedelta(days=6)
        except OverflowError:
            end = dt.date.max
        return start.isoformat(), end.isoformat()
    if len(period) == 4:
        return f"{period}-01-01", f"{period}-12-31"
    if len(period) == 7:
        return f"{period}-01", f"{period}-31"
    return period, period


def _pair(dyad: str) -> tuple[str, str]:
    a, b = re.split(r"[:\-]", dyad, maxsplit=1)
    return a.upper(), b.upper()


def _plain(value: Any) -> Any:
    """JSON-friendly copy of analysis results (dataclasses, dates, numpy scalars)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        return value.item()
    return value


def _json_safe(value: Any) -> Any:
    """NaN and infinities (empty periods, degenerate tests) become null; unknown types text."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclasses.dataclass
class FilterParams:
    """The filters of `dragoman events`, as query parameters (shared by search and export)."""

    actor: str | None
    dyad: str | None
    directed: bool
    since: dt.date | None
    until: dt.date | None
    period: str | None
    code: str | None
    quad_class: int | None
    modality: str | None
    text: str | None
    event_id: str | None
    doc_id: str | None

    def to_filter(self, limit: int | None = None, offset: int = 0) -> EventFilter:
        since = self.since.isoformat() if self.since else None
        until = self.until.isoformat() if self.until else None
        if self.period:
            p0, p1 = period_bounds(self.period)
            since = max(since, p0) if since else p0
            until = min(until, p1) if until else p1
        return EventFilter(
            actor=self.actor.upper() if self.actor else None,
            dyad=_pair(self.dyad) if self.dyad else None,
            directed=self.directed, since=since, until=until, code=self.code,
            quad_class=self.quad_class, modality=self.modality, text=self.text or None,
            event_id=self.event_id, doc_id=self.doc_id, limit=limit, offset=offset,
        )


def filter_params(
    actor: Annotated[str | None, Query(pattern=ACTOR_RE, description="Actor code prefix on either side: TUR, TURGOV")] = None,
    dyad: Annotated[str | None, Query(pattern=DYAD_RE, description="Two actor code prefixes, A:B")] = None,
    directed: Annotated[bool, Query(description="With dyad: only A as source and B as target")] = False,
    since: Annotated[IsoDate | None, Query(description="First event date (YYYY-MM-DD)")] = None,
    until: Annotated[IsoDate | None, Query(description="Last event date (YYYY-MM-DD)")] = None,
    period: Annotated[str | None, Query(pattern=PERIOD_RE, description="A period of a dyad series: 2020, 2020-03, 2020-W09 or 2020-03-05")] = None,
    code: Annotated[str | None, Query(pattern=CODE_RE, description="CAMEO code prefix: 04, 042")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal coop .. 4 material conflict")] = None,
    modality: Annotated[Modality | None, Query()] = None,
    text: Annotated[str | None, Query(max_length=200, pattern=TEXT_RE, description="Words in the evidence sentence")] = None,
    event_id: Annotated[str | None, Query(pattern=ID_RE)] = None,
    doc_id: Annotated[str | None, Query(pattern=ID_RE)] = None,
) -> FilterParams:
    return FilterParams(actor, dyad, directed, since, until, period, code, quad_class, modality, text, event_id, doc_id)


Filters = Annotated[FilterParams, Depends(filter_params)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]


# -- per-request dependencies -----------------------------------------------------
def get_store(request: Request) -> Iterator[Store]:
    """A store for this request, closed when the response is done."""
    try:
        store = request.app.state.open_db()
    except Exception as exc:  # locked by a writer, server down, file gone
        raise HTTPException(503, f"cannot open the event store: {exc}") from exc
    try:
        yield store
    finally:
        store.close()


DB = Annotated[Store, Depends(get_store)]
bearer = HTTPBearer(auto_error=False, description="The api_token from the Dragoman settings")


def require_token(request: Request, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    token: str | None = request.app.state.api_token
    if token is None:
        raise HTTPException(403, "ingest is disabled: set api_token in the settings to enable it")
    if cred is None or not hmac.compare_digest(cred.credentials.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


# -- the app ---------------------------------------------------------------------
def _opener(db_url: str, read_only: bool) -> Callable[[], Store]:
    scheme = db_url.split("://", 1)[0] if "://" in db_url else "duckdb"
    if scheme in ("duckdb", "file"):
        path = db_url.split("://", 1)[1] if "://" in db_url else db_url
        if not path or path == ":memory:":
            raise ValueError("the API needs a database file or server, not an in-memory database")
        if not Path(path).exists():
            raise FileNotFoundError(f"no database at {path}; run `dragoman ingest` first")
        from .store.duckdb_store import DuckDBStore

        return lambda: DuckDBStore(path, read_only=read_only)
    return lambda: open_store(db_url)


def web_dir() -> Path:
    return Path(str(resources.files("dragoman") / "web"))


CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(db_url: str, settings: Settings | None = None) -> FastAPI:
    """The API and web page over the store at `db_url` (DuckDB path or postgresql:// URL)."""
    settings = settings or Settings(db=db_url)
    token = settings.api_token or None
    read_only = token is None
    open_db = _opener(db_url, read_only)
    ingest_lock = threading.Lock()
    pipeline_holder: dict[str, Any] = {}

    app = FastAPI(
        title="Dragoman",
        version="0.1.0",
        description="Political events coded from news (CAMEO): search, evidence, dyads, turning points, networks. "
                    + ("Read-only." if read_only else "Ingest enabled with a bearer token."),
    )

    app.state.open_db = open_db
    app.state.api_token = token

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith(("/api/", "/docs", "/redoc", "/openapi")):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    # -- page ------------------------------------------------------------------
    static = web_dir()
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    # -- overview --------------------------------------------------------------
    @app.get("/api/stats", response_model=StatsOut, responses=ERRORS, tags=["store"])
    def stats(store: DB) -> dict[str, Any]:
        """How much is stored, the date range of events, and whether ingest is open."""
        out: dict[str, Any] = dict(store.stats())
        span = store.query("SELECT MIN(date) AS lo, MAX(date) AS hi FROM mentions WHERE date IS NOT NULL")
        out.update(read_only=read_only, ingest_enabled=not read_only,
                   first_date=span[0]["lo"] if span else None, last_date=span[0]["hi"] if span else None)
        return out

    # -- events ----------------------------------------------------------------
    @app.get("/api/events", response_model=MentionPage, responses=ERRORS, tags=["events"])
    def search_events(store: DB, f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Event mentions matching the filters of `dragoman events`, one row per mention with its evidence."""
        total, items = store.mention_page(f.to_filter(limit, offset))
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/events/{event_id}", response_model=EventDetail, responses={**ERRORS, **NOT_FOUND}, tags=["events"])
    def get_event(store: DB, event_id: Annotated[str, PathParam(pattern=ID_RE)]) -> dict[str, Any]:
        """One merged event with every mention that reports it (evidence sentences, sources, links)."""
        events = store.events(EventFilter(event_id=event_id))
        if not events:
            raise HTTPException(404, f"no event {event_id}")
        return {"event": events[0], "mentions": store.mentions(EventFilter(event_id=event_id))}

    @app.get("/api/export", responses={**ERRORS, 200: {
        "description": "The matching mentions in the export contract of DESIGN.md",
        "content": {t: {"schema": {"type": "string"}} for t in EXPORT_TYPES.values()}}},
        response_class=FileResponse, tags=["events"])
    def export_query(store: DB, f: Filters, format: Annotated[ExportFormat, Query()] = "csv",
                     limit: Annotated[int | None, Query(ge=1, le=10_000_000)] = None,
                     offset: Offset = 0) -> FileResponse:
        """Download any event query as CSV, JSONL or Parquet (same columns as `dragoman export`)."""
        from .export import WRITERS, export_rows

        rows = export_rows(store, f.to_filter(limit, offset))
        fd, name = tempfile.mkstemp(prefix="dragoman-export-", suffix="." + format)
        os.close(fd)
        WRITERS[format](rows, Path(name))
        stamp = dt.date.today().isoformat()
        return FileResponse(name, media_type=EXPORT_TYPES[format], filename=f"dragoman-events-{stamp}.{format}",
                            background=BackgroundTask(os.unlink, name))

    # -- dyads -----------------------------------------------------------------
    @app.get("/api/dyads/series", response_model=DyadSeriesOut, responses=ERRORS, tags=["analysis"])
    def dyad_series_endpoint(
        store: DB,
        a: Annotated[str, Query(pattern=ACTOR_RE, description="Actor code prefix A")],
        b: Annotated[str, Query(pattern=ACTOR_RE, description="Actor code prefix B")],
        freq: Annotated[Freq, Query()] = "month",
        directed: Annotated[bool, Query(description="Only A as source and B as target")] = False,
        since: IsoDate | None = None,
        until: IsoDate | None = None,
        weighting: Annotated[Weighting, Query(description="How events weigh: see dragoman.analysis.dyads")] = "none",
        fill: Annotated[bool, Query(description="Include empty periods between the first and last")] = True,
    ) -> dict[str, Any]:
        """Cooperation and conflict between A and B per period (asserted and reported events only)."""
        from .analysis.dyads import dyad_series

        pts = dyad_series(store, a.upper(), b.upper(), freq, directed, _iso(since), _iso(until),
                          weighting=weighting, fill=fill, event_ids=False)
        points = []
        for p in pts:
            row = _json_safe(_plain(p))
            row.pop("event_ids", None)
            row["start"], row["end"] = period_bounds(p.period)
            points.append(row)
        return {"a": a.upper(), "b": b.upper(), "freq": freq, "directed": directed, "weighting": weighting,
                "points": points}

    @app.get("/api/dyads/turning-points", response_model=TurningPointsOut,
             responses={**ERRORS, **NOT_READY, 400: {"model": Problem, "description": "Options the analysis rejects"}},
             tags=["analysis"])
    def turning_points_endpoint(
        store: DB,
        a: Annotated[str, Query(pattern=ACTOR_RE)],
        b: Annotated[str, Query(pattern=ACTOR_RE)],
        freq: Annotated[Freq, Query()] = "month",
        directed: bool = False,
        since: IsoDate | None = None,
        until: IsoDate | None = None,
        weighting: Annotated[Weighting, Query()] = "none",
        metric: Annotated[Metric | None, Query(description="Series field to segment (default w_goldstein_mean)")] = None,
        alpha: Annotated[float, Query(gt=0, lt=1, description="Significance level of the Welch test")] = 0.05,
    ) -> dict[str, Any]:
        """Periods where relations between A and B changed course, with the events that drove each change."""
        try:
            from .analysis import turning
        except ImportError as exc:
            raise _missing("dragoman.analysis.turning", exc) from exc
        try:
            result = turning.turning_points(store, a.upper(), b.upper(), freq, directed, _iso(since), _iso(until),
                                            metric=metric, weighting=weighting, alpha=alpha)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from exc
        return {"a": a.upper(), "b": b.upper(), "freq": freq, "directed": directed,
                "metric": getattr(result, "metric", metric), "weighting": getattr(result, "weighting", weighting),
                "penalty": _json_safe(getattr(result, "penalty", None)),
                "candidates": getattr(result, "candidates", None),
                "points": _json_safe(_plain(result.turning_points))}

    @app.get("/api/dyads/top", response_model=list[TopDyadOut], responses=ERRORS, tags=["analysis"])
    def top_dyads(store: DB, limit: Annotated[int, Query(ge=1, le=100)] = 8) -> list[dict[str, Any]]:
        """The country pairs with the most event mentions (either direction), to start from."""
        from .actors.kb import load_kb

        rows = store.query(
            """SELECT LEAST(source_country, target_country) AS a, GREATEST(source_country, target_country) AS b,
                      COUNT(*) AS n
               FROM mentions
               WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country
               GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?""",
            [limit],
        )
        countries = load_kb(tuple(settings.actor_files)).countries
        return [{"a": r["a"], "b": r["b"], "a_name": countries.get(r["a"], {}).get("name"),
                 "b_name": countries.get(r["b"], {}).get("name"), "mentions": int(r["n"])} for r in rows]

    # -- network ---------------------------------------------------------------
    @app.get("/api/network", response_model=NetworkOut, responses={**ERRORS, **NOT_READY}, tags=["analysis"])
    def network_endpoint(
        store: DB,
        date: Annotated[IsoDate, Query(description="The last day of the window")],
        window_days: Annotated[int, Query(ge=1, le=3660, description="Length of the window ending on `date`")] = 365,
        level: Annotated[Literal["country", "actor"], Query(description="Nodes are countries or actor codes")] = "country",
        directed: bool = False,
        weighting: Annotated[Weighting, Query()] = "none",
        actor: Annotated[str | None, Query(pattern=ACTOR_RE, description="Only events touching this actor")] = None,
    ) -> dict[str, Any]:
        """Who cooperated or fought with whom in the `window_days` up to `date`, with centrality and balance."""
        try:
            from .analysis import network
        except ImportError as exc:
            raise _missing("dragoman.analysis.network", exc) from exc
        from .actors.kb import load_kb

        try:
            first = date - dt.timedelta(days=window_days - 1)
        except OverflowError:  # windows reaching before year 1
            first = dt.date.min
        G = network.relation_graph(store, since=first.isoformat(), until=date.isoformat(), level=level,
                                   weighting=weighting, directed=directed, actor=actor.upper() if actor else None)
        countries = load_kb(tuple(settings.actor_files)).countries
        edges = [{"source": str(r.pop("a")), "target": str(r.pop("b")), **r} for r in network.edge_table(G)]
        events: dict[str, int] = {}
        for e in edges:
            for n in (e["source"], e["target"]):
                events[n] = events.get(n, 0) + int(e.get("events") or 0)
        nodes = [{"id": str(r["node"]), "label": countries.get(str(r["node"]), {}).get("name"),
                  "events": events.get(str(r["node"]), 0), **{k: v for k, v in r.items() if k != "node"}}
                 for r in network.centrality(G)]
        return _json_safe({
            "date": date.isoformat(), "window_days": window_days, "since": G.graph.get("since"),
            "until": G.graph.get("until"), "level": level, "directed": directed, "weighting": weighting,
            "nodes": nodes, "edges": edges, "balance": _plain(network.balance_summary(G)),
        })

    # -- documents -------------------------------------------------------------
    @app.get("/api/documents", response_model=DocumentPage, responses=ERRORS, tags=["documents"])
    def list_documents(store: DB, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Stored articles, oldest first, without their text."""
        total = int(store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"])
        return {"total": total, "limit": limit, "offset": offset, "items": store.documents(limit, offset)}

    @app.get("/api/documents/{doc_id}", response_model=DocumentDetail, responses={**ERRORS, **NOT_FOUND},
             tags=["documents"])
    def get_document(store: DB, doc_id: Annotated[str, PathParam(pattern=ID_RE)]) -> dict[str, Any]:
        """One article with its text and the event mentions coded from it."""
        doc = store.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id}")
        return {**doc, "mentions": store.mentions(EventFilter(doc_id=doc_id))}

    # -- actors ----------------------------------------------------------------
    @app.get("/api/actors", response_model=list[ActorOut], responses=ERRORS, tags=["actors"])
    def search_actors(
        store: DB,
        q: Annotated[str, Query(min_length=1, max_length=60, pattern=TEXT_RE, description="Code or name fragment")],
        limit: Annotated[int, Query(ge=1, le=100)] = 12,
    ) -> list[dict[str, Any]]:
        """Actor suggestions: codes seen in the store (with mention counts), then knowledge-base names."""
        return _search_actors(store, q.strip(), limit, tuple(settings.actor_files))

    @app.get("/api/actors/lookup", response_model=ActorLookupOut, tags=["actors"])
    def lookup_actor(
        name: Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT_RE)],
        on: Annotated[IsoDate | None, Query(description="Date the role should hold on")] = None,
    ) -> dict[str, Any]:
        """What a name resolves to on a date, as `dragoman actors lookup` prints it."""
        from .actors.lookup import lookup

        return {"name": name, "on": on.isoformat() if on else None,
                "results": lookup(name, on, tuple(settings.actor_files))}

    # -- ingest ----------------------------------------------------------------
    @app.post("/api/ingest", response_model=IngestReportOut, tags=["store"], dependencies=[Depends(require_token)],
              responses={**ERRORS, 400: {"model": Problem, "description": "The body is not JSON"},
                         401: {"model": Problem, "description": "Missing or wrong token"},
                         403: {"model": Problem, "description": "Ingest is disabled (no token configured)"}})
    def ingest(body: IngestRequest, store: DB) -> dict[str, Any]:
        """Code posted articles and store them (needs the configured bearer token)."""
        from .batch import run_ingest
        from .ingest import IngestOptions

        with ingest_lock:
            if "pipeline" not in pipeline_holder:
                from .pipeline import Pipeline

                pipeline_holder["pipeline"] = Pipeline(settings.model, settings.actor_files, settings.batch_size,
                                                       similar=settings.similar_triggers,
                                                       learned=settings.learned_triggers,
                                                       learned_model=settings.learned_model)
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            with tempfile.TemporaryDirectory(prefix="dragoman-ingest-") as tmp:
                # the JSONL reader keeps each record's metadata; the file name says where the text came from
                path = Path(tmp) / f"api-upload-{stamp}.jsonl"
                with path.open("w", encoding="utf-8") as fh:
                    for d in body.documents:
                        row = {"text": d.text, "title": d.title, "url": d.url, "source": d.source_name,
                               "published": d.published.isoformat() if d.published else None}
                        fh.write(json.dumps({k: v for k, v in row.items() if v is not None}) + "\n")
                report = run_ingest([str(path)], store, pipeline_holder["pipeline"], IngestOptions())
        return {**dataclasses.asdict(report), "events": store.stats()["events"]}

    return app


# -- analysis adapters (the modules are imported lazily: they may be absent) --------
def _missing(module: str, exc: ImportError) -> HTTPException:
    return HTTPException(501, f"{module} is not available in this installation ({exc})")


# -- actor suggestions --------------------------------------------------------------
def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_actors(store: Store, q: str, limit: int, actor_files: tuple[str, ...]) -> list[dict[str, Any]]:
    from .actors.kb import load_kb, normalize

    if not q:
        return []
    kb = load_kb(actor_files)
    code_pat = _like_escape(q.upper()) + "%"
    name_pat = "%" + _like_escape(q.lower()) + "%"
    rows = store.query(
        """SELECT code, MAX(name) AS name, MAX(country) AS country, COUNT(*) AS n FROM (
               SELECT source_actor AS code, source_actor_name AS name, source_country AS country FROM mentions
               UNION ALL
               SELECT target_actor AS code, target_actor_name AS name, target_country AS country FROM mentions
           ) t
           WHERE code IS NOT NULL AND (code LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\')
           GROUP BY code ORDER BY n DESC, code LIMIT ?""",
        [code_pat, name_pat, 200],
    )
    countries: dict[str, dict[str, Any]] = {}
    for r in rows:  # a country line sums its actors: picking TUR covers TURGOV, TURMIL, ...
        c = r["country"]
        if c and r["code"].startswith(c):
            entry = countries.setdefault(c, {"code": c, "name": kb.countries.get(c, {}).get("name", c),
                                             "kind": "country", "country": c, "mentions": 0})
            entry["mentions"] += int(r["n"])
    out = sorted(countries.values(), key=lambda e: -e["mentions"])
    out += [{"code": r["code"], "name": r["name"], "kind": "actor", "country": r["country"], "mentions": int(r["n"])}
            for r in rows if r["code"] not in countries]
    seen = {(o["code"], o["name"]) for o in out}
    key = normalize(q)
    if key:
        hits = []
        for alias, entries in kb.aliases.items():
            pos = alias.find(key)
            if pos < 0:
                continue
            for e in entries:
                if e.kind in ("role",) or not e.code:
                    continue
                hits.append((pos != 0, len(alias), e))
        for _, _, e in sorted(hits, key=lambda h: (h[0], h[1], h[2].code)):
            code = e.code
            if (code, e.name) in seen:
                continue
            seen.add((code, e.name))
            out.append({"code": code, "name": e.name, "kind": e.kind, "country": e.country, "mentions": 0})
    return out[:limit]
