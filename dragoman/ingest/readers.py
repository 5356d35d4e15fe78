"""Readers: files, folders, feeds and URLs in; `Document`s (or `IngestError`s) out.

One reader per format, in a registry keyed by format name (`READERS`), with
the file suffixes it claims (`SUFFIXES`). `iter_documents` expands folders,
detects each file's format, runs its reader and yields one `Document` per
article, or an `IngestError` for anything it cannot read. It never raises
for one bad input: the caller records the error and the batch goes on.

Decisions worth knowing:

- Encoding. txt, md and jsonl must be UTF-8 (a UTF-8/16/32 byte-order mark is
  honoured). Invalid UTF-8 is an `IngestError` naming the offset and the
  likely real encoding, not a silent replacement: replaced characters would
  corrupt names ("Erdo?an") that actor matching and content hashes depend on.
  Set `IngestOptions.encoding` (e.g. "cp1252") to read such files on purpose.
  HTML and feeds declare their own encoding; trafilatura and feedparser
  detect it.
- Titles. The HTML title comes from trafilatura's metadata (og:title, <title>,
  h1) minus a " | Site name" suffix. For txt/md, a first line that looks like
  a headline (or a Markdown heading) is the title and stays in the text.
- Dates. `published` comes from `dragoman.timex.infer_publication_date(text,
  metadata_date)`; until that exists, from the metadata date alone. A
  document without any date has `published=None`; the clock is never used.
  `--since` keeps documents with an unknown date.
- Sources. `source_name` is the registry name of the outlet found by the URL's
  domain, else by the metadata/byline name, else by a dateline
  ("ANKARA (Reuters) -"); an outlet the registry does not know keeps the name
  the metadata gave.
"""
from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import functools
import http.client
import io
import json
import logging
import os
import re
import socket
import stat
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.records import Document

from .clean import (
    drop_boilerplate_lines,
    html_fragment_to_text,
    join_paragraphs,
    markdown_to_text,
    normalize_text,
    prune_boilerplate_tree,
    split_front_matter,
)

if TYPE_CHECKING:
    from .sources import SourceRegistry

log = logging.getLogger(__name__)
# trafilatura and htmldate log every page they discard at WARNING; keep that out
# of a CLI that has not configured logging (an app that has still receives it)
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

USER_AGENT = "dragoman/0.1 (+news event coding)"
INTERNAL = "internal error (bug)"


class IngestError(Exception):
    """A file, URL or record that could not be read. `str(e) == f"{path}: {message}"`."""

    def __init__(self, path: str, message: str) -> None:
        self.path = str(path)
        self.message = " ".join(str(message).split())  # one line
        super().__init__(f"{self.path}: {self.message}")

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __reduce__(self):  # picklable for worker processes
        return (IngestError, (self.path, self.message))


@dataclass
class IngestOptions:
    since: dt.date | None = None  # skip documents published before (unknown dates are kept)
    jsonl_text_field: str = "text"
    jsonl_title_field: str = "title"
    jsonl_date_field: str = "published"
    jsonl_url_field: str = "url"
    jsonl_source_field: str = "source"
    follow_links: bool = False  # feeds: fetch entry pages when the network allows
    max_bytes: int = 50_000_000  # bigger files -> IngestError, never read into memory
    timeout: float = 10.0  # seconds, for each URL fetch
    encoding: str | None = None  # force a codec for txt/md/jsonl (default: UTF-8, strict)
    sources: SourceRegistry | None = None  # outlet registry (default: the packaged one)


Reader = Callable[..., Iterable["Document | IngestError"]]
"""reader(location, data, options, *, url=None) -> Documents and per-record IngestErrors.

`location` is the file path (or URL) named in errors and stored as
`Document.path`; `data` the raw bytes; `url` the address the bytes came from.
A reader raises IngestError for a problem with the whole input and yields
IngestError for a bad record inside it (a JSONL line, a feed entry)."""

READERS: dict[str, Reader] = {}
SUFFIXES: dict[str, str] = {}  # ".html" -> "html"


def register_reader(fmt: str, suffixes: tuple[str, ...] = ()) -> Callable[[Reader], Reader]:
    """Decorator: register `func` as the reader of format `fmt` for these suffixes."""

    def deco(func: Reader) -> Reader:
        READERS[fmt] = func
        for s in suffixes:
            s = s.lower()
            SUFFIXES[s if s.startswith(".") else "." + s] = fmt
        return func

    return deco


# ============================================================== detection

_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF media file"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
]
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def sniff_binary(head: bytes) -> str | None:
    """What binary thing this is ("a PDF document", "contains NUL bytes"), or None for text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith(_BOMS):
        return None  # UTF-16/32 text has NUL bytes
    sample = head[:8192]
    if b"\x00" in sample:
        return "contains NUL bytes"
    if sample:
        controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
        if controls / len(sample) > 0.05:
            return "mostly control characters"
    return None


_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.I)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)


def detect_format(path: Path | str, head: bytes) -> str | None:
    """The format name for a file from its suffix and first bytes, or None (binary/unsupported)."""
    path = Path(path)
    if sniff_binary(head):
        return None
    suffix = path.suffix.lower()
    fmt = SUFFIXES.get(suffix)
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if fmt == "feed" and suffix == ".xml" and not _FEED_ROOT.search(probe):
        return "html" if _HTML_START.search(probe) else None  # an XML file that is not a feed
    if fmt:
        return fmt
    # unknown or no suffix: look at the content
    if _FEED_ROOT.search(probe) and (probe.startswith(b"<?xml") or probe[:5].lower() in (b"<rss ", b"<rss>", b"<feed")):
        return "feed"
    if _HTML_START.search(probe[:1024]):
        return "html"
    if probe.startswith(b"{") and suffix in ("", ".log", ".data"):
        return "jsonl"
    if suffix == "":
        return "txt"
    return None


def _is_url(s: str) -> bool:
    return bool(re.match(r"(?i)https?://", s))


# ============================================================== text helpers


def decode_text(data: bytes, location: str, options: IngestOptions) -> str:
    """Bytes to str: the forced codec, else a BOM's codec, else strict UTF-8."""
    if options.encoding:
        try:
            return data.decode(options.encoding)
        except LookupError:
            raise IngestError(location, f"unknown encoding {options.encoding!r}") from None
        except UnicodeDecodeError as e:
            raise IngestError(location, f"not valid {options.encoding} (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    for bom, codec in ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise IngestError(location, f"not valid {codec} despite its byte-order mark (offset {e.start})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        guess = _guess_encoding(data)
        hint = f"; it looks like {guess}: re-save it as UTF-8 or set the encoding option to {guess!r}" if guess else "; re-save it as UTF-8 or set the encoding option"
        raise IngestError(location, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}){hint}") from None


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:
        return None
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return best.encoding


_HEADER_LINE = re.compile(r"^(title|headline|source|publisher|outlet|url|link|date|published|publication date|author|byline)\s*:\s*(\S.*)$", re.I)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A leading block of "Key: value" lines (Title, Source, URL, Date, ...) up to a
    blank line, as metadata; every line of the block must be such a line."""
    lines = text.lstrip("\n").split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        m = _HEADER_LINE.match(lines[i].strip())
        if not m:
            return {}, text
        meta[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if not meta or i >= len(lines):
        return {}, text
    return meta, "\n".join(lines[i + 1 :])


def _meta_pick(meta: dict[str, str], *keys: str) -> str | None:
    for k in keys:
        v = meta.get(k)
        if v:
            return v
    return None


_SENT_END = re.compile(r"[.;:,]$")


def headline_of(text: str) -> str | None:
    """The first line when it looks like a headline: short, no sentence-final
    period, and followed by more text."""
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first:
        return None
    words = first.split()
    if len(first) > 200 or len(words) > 25 or len(words) < 2:
        return None
    if _SENT_END.search(first) and not first.endswith("..."):
        return None
    return first


# ============================================================== dates

_MONTH_NUM = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_NUM.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_NUM["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTH_NUM, key=len, reverse=True))
_DMY = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MDY = re.compile(rf"^(?:\w+,\s+)?({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MY = re.compile(rf"^({_MONTH_RE})\.?,?\s+(\d{{4}})$", re.I)


def parse_date_string(value: Any) -> tuple[dt.date, str] | None:
    """A metadata date and its precision ("day", "month", "year"), or None.

    Accepts ISO dates and datetimes (the local date is kept), "2024-03",
    "2024", RFC 2822 ("Tue, 05 Mar 2024 10:00:00 GMT"), "5 March 2024",
    "March 5, 2024", "March 2024", "2024/03/05" and Unix timestamps.
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, dt.datetime):
            return value.date(), "day"
        if isinstance(value, dt.date):
            return value, "day"
        if isinstance(value, (int, float)):
            ts = float(value)
            if ts > 1e11:  # milliseconds
                ts /= 1000.0
            d = dt.datetime.fromtimestamp(ts, tz=dt.timezone.utc).date()
            return (d, "day") if 1900 <= d.year <= 2200 else None
        s = str(value).strip()
        if not s or len(s) > 100:
            return None
        if re.fullmatch(r"\d{4}", s):
            y = int(s)
            return (dt.date(y, 1, 1), "year") if 1800 <= y <= 2200 else None
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), 1), "month"
        m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])", s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        if re.fullmatch(r"\d{9,13}(\.\d+)?", s):
            return parse_date_string(float(s))
        m = _DMY.match(s)
        if m:
            return dt.date(int(m.group(3)), _MONTH_NUM[m.group(2).lower()], int(m.group(1))), "day"
        m = _MDY.match(s)
        if m:
            return dt.date(int(m.group(3)), _MONTH_NUM[m.group(1).lower()], int(m.group(2))), "day"
        m = _MY.match(s)
        if m:
            return dt.date(int(m.group(2)), _MONTH_NUM[m.group(1).lower()], 1), "month"
        parsed = email.utils.parsedate_to_datetime(s)
        return parsed.date(), "day"
    except (ValueError, TypeError, OverflowError, OSError, IndexError):
        return None


def _span_end(start: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        return dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def _metadata_iso(meta_date: Any) -> str | None:
    parsed = parse_date_string(meta_date)
    if parsed is None:
        return None
    d, prec = parsed
    return {"year": d.strftime("%Y"), "month": d.strftime("%Y-%m")}.get(prec, d.isoformat())


def publication_date(text: str, metadata_date: Any = None) -> tuple[str | None, str, str]:
    """(published ISO date, precision, basis) for a document.

    Delegates to `dragoman.timex.infer_publication_date(text, metadata_date)`
    (metadata date passed as an ISO string: "2024-03-05", "2024-03" or "2024");
    without that module, the metadata date alone, basis "metadata". Never the
    current date.
    """
    meta_iso = _metadata_iso(metadata_date)
    infer = None
    try:
        from dragoman.timex import infer_publication_date as infer  # type: ignore[no-redef]
    except ImportError:
        infer = None
    if infer is not None:
        span = None
        try:
            span = infer(text, meta_iso)
        except (TypeError, AttributeError):
            parsed = parse_date_string(metadata_date)
            try:
                span = infer(text, parsed[0] if parsed else None)
            except Exception as e:  # a bug there must not stop ingest
                log.warning("infer_publication_date failed: %s", e)
                span = None
        except Exception as e:
            log.warning("infer_publication_date failed: %s", e)
            span = None
        if span is not None:
            start = getattr(span, "start", None)
            if start is None:
                return None, "unknown", "unknown"
            precision = getattr(span, "precision", None) or "day"
            if precision not in ("day", "month", "year"):
                precision = "day" if precision == "range" else "unknown"
            return start.isoformat(), precision, getattr(span, "basis", None) or "unknown"
    parsed = parse_date_string(metadata_date)
    if parsed is None:
        return None, "unknown", "unknown"
    return parsed[0].isoformat(), parsed[1], "metadata"


def published_before(doc: Document, since: dt.date) -> bool:
    """True when the document's whole publication span lies before `since`
    (a document with an unknown date is never 'before')."""
    if not doc.published:
        return False
    try:
        start = dt.date.fromisoformat(doc.published[:10])
    except ValueError:
        return False
    return _span_end(start, doc.published_precision) < since


# ============================================================== documents


def _registry(options: IngestOptions) -> SourceRegistry:
    if options.sources is not None:
        return options.sources
    from .sources import default_registry

    return default_registry()


def make_document(
    text: str,
    *,
    location: str,
    fmt: str,
    options: IngestOptions,
    title: str | None = None,
    url: str | None = None,
    source_name: str | None = None,
    metadata_date: Any = None,
) -> Document:
    """A Document from clean text and whatever metadata the reader found."""
    text = normalize_text(text)
    if not text:
        raise IngestError(location, "no text")
    title = normalize_text(title).replace("\n", " ") if title else None
    url = url.strip() if isinstance(url, str) and url.strip() else None
    source = _registry(options).canonical_name(url=url, name=source_name, text=text)
    if source is None and url:
        from .sources import host_of

        source = host_of(url)  # an unknown outlet: its host name is still a stable name
    published, precision, basis = publication_date(text, metadata_date)
    return Document(
        text=text,
        path=None if _is_url(location) else location,
        url=url,
        title=title or None,
        source_name=source,
        published=published,
        published_precision=precision,
        published_basis=basis,
        format=fmt,
    )


# ============================================================== readers


@register_reader("txt", (".txt", ".text"))
def read_txt(location: str, data: bytes, options: IngestOptions, *, url: str | None = None) -> Iterator[Document]:
    """Plain text. An optional header block ("Title: ...", "Source: ...", "URL: ...",
    "Date: ...") or YAML front matter gives metadata; otherwise the first line is
    the title when it looks like a headline."""
    raw = decode_text(data, location, options)
    meta, body = split_front_matter(raw.lstrip("\ufeff"))
    if not meta:
        meta, body = split_header(raw)
    text = normalize_text(body)
    if not text:
        raise IngestError(location, "no text (only whitespace or a header)")
    title = _meta_pick(meta, "title", "headline") or headline_of(text)
    yield make_document(
        text, location=location, fmt="txt", options=options, title=title,
        url=_meta_pick(meta, "url", "link") or url,
        source_name=_meta_pick(meta, "source", "publisher", "outlet"),
        metadata_date=_meta_pick(meta, "published", "date", "publication date"),
    )


_MD_HEADING = re.compile(r"^\s{0,3}#{1,2}\s+(.+?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}=+\s*$")


@register_reader("md", (".md", ".markdown", ".mdown", ".mkd"))
def read_md(location: str, data: bytes, options: IngestOptions, *, url: str | None = None) -> Iterator[Document]:
    """Markdown: syntax dropped (`clean.markdown_to_text`); YAML front matter or a
    header block gives metadata; the first heading is the title."""
    raw = decode_text(data, location, options).lstrip("\ufeff")
    meta, body = split_front_matter(raw)
    if not meta:
        meta, body = split_header(raw)
    title = _meta_pick(meta, "title", "headline")
    if not title:
        lines = [ln for ln in body.split("\n") if ln.strip()][:2]
        if lines:
            h = _MD_HEADING.match(lines[0])
            if h:
                title = h.group(1)
            elif len(lines) > 1 and _MD_SETEXT.match(lines[1]):
                title = lines[0].strip()
    text = markdown_to_text(body)
    if not text:
        raise IngestError(location, "no text (only Markdown markup or whitespace)")
    if title:
        title = markdown_to_text(title)
    else:
        title = headline_of(text)
    yield make_document(
        text, location=location, fmt="md", options=options, title=title,
        url=_meta_pick(meta, "url", "link", "canonical") or url,
        source_name=_meta_pick(meta, "source", "publisher", "outlet"),
        metadata_date=_meta_pick(meta, "published", "date", "publication date"),
    )


@functools.lru_cache(maxsize=8)
def _trafilatura_config(max_bytes: int):
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    cfg = deepcopy(DEFAULT_CONFIG)
    cfg["DEFAULT"]["MAX_FILE_SIZE"] = str(max_bytes)
    cfg["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"  # no SIGALRM: we run inside worker threads too
    return cfg


_TITLE_SPLIT = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")


def _strip_site_from_title(title: str | None, site: str | None, options: IngestOptions) -> str | None:
    """ "Turkey strikes PKK targets | Reuters" -> "Turkey strikes PKK targets"."""
    if not title:
        return title
    parts = _TITLE_SPLIT.split(title)
    if len(parts) < 2:
        return title
    from .sources import name_key

    reg = _registry(options)
    while len(parts) > 1:
        last = parts[-1]
        if (site and name_key(last) == name_key(site)) or reg.by_name(last) is not None or "." in last and reg.by_domain(last) is not None:
            parts.pop()
        else:
            break
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def html_document(location: str, data: bytes | str, options: IngestOptions, *, url: str | None = None, fmt: str = "html",
                  source_name: str | None = None) -> Document:
    """One Document from an HTML page: main text by trafilatura after removing
    comment sections, newsletter boxes, related-article lists and footers."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    if isinstance(data, bytes) and len(data) > options.max_bytes:
        raise IngestError(location, f"page is {len(data):,} bytes, over the limit of {options.max_bytes:,}")
    try:
        tree = load_html(data)
    except (ValueError, TypeError) as e:
        raise IngestError(location, f"not parseable as HTML ({e})") from None
    if tree is None or len(tree) == 0:
        raise IngestError(location, "not parseable as HTML (no document tree)")
    prune_boilerplate_tree(tree)
    try:
        result = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_tables=True,
            deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
            config=_trafilatura_config(options.max_bytes),
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as e:
        raise IngestError(location, f"HTML extraction failed ({type(e).__name__}: {e})") from None
    if result is None or not (result.text or "").strip():
        raise IngestError(location, "no article text found in the HTML (empty, script-only or not an article page)")
    paragraphs = [p for p in normalize_text(result.text).split("\n") if p.strip()]
    text = drop_boilerplate_lines(join_paragraphs(paragraphs))
    if not text:
        raise IngestError(location, "no article text left after removing boilerplate")
    page_url = url or result.url
    if page_url and not _is_url(page_url):
        page_url = None
    site = result.sitename
    title = _strip_site_from_title(result.title, site, options)
    return make_document(
        text, location=location, fmt=fmt, options=options, title=title, url=page_url,
        source_name=(site if site and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", site) else None) or source_name,
        metadata_date=result.date,
    )


@register_reader("html", (".html", ".htm", ".xhtml", ".shtml"))
def read_html(location: str, data: bytes, options: IngestOptions, *, url: str | None = None) -> Iterator[Document]:
    """HTML pages: trafilatura main text and metadata, boilerplate removed."""
    yield html_document(location, data, options, url=url)


def _field(record: dict, name: str) -> Any:
    """record[name], or a dotted path into nested objects ("meta.published")."""
    if not name:
        return None
    if name in record:
        return record[name]
    cur: Any = record
    for part in name.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _as_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    if isinstance(v, dict):
        for k in ("name", "title", "value", "text"):
            if isinstance(v.get(k), str):
                return v[k]
    return None


_LOOKS_HTML = re.compile(r"<(?:p|div|br|span|a|em|strong|h[1-6]|ul|li|blockquote)\b[^>]*>", re.I)


def _record_document(record: Any, where: str, location: str, options: IngestOptions) -> Document:
    if not isinstance(record, dict):
        raise IngestError(where, f"not a JSON object (got {type(record).__name__})")
    o = options
    raw = _field(record, o.jsonl_text_field)
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        raw = "\n\n".join(raw)
    if not isinstance(raw, str) or not raw.strip():
        present = ", ".join(sorted(map(str, record))[:8])
        raise IngestError(where, f"no text in field {o.jsonl_text_field!r} (fields: {present or 'none'})")
    text = html_fragment_to_text(raw) if _LOOKS_HTML.search(raw) else raw
    url = _as_str(_field(record, o.jsonl_url_field))
    return make_document(
        text, location=location, fmt="jsonl", options=options,
        title=_as_str(_field(record, o.jsonl_title_field)),
        url=url if url and _is_url(url) else None,
        source_name=_as_str(_field(record, o.jsonl_source_field)),
        metadata_date=_field(record, o.jsonl_date_field),
    )


_GIVE_UP_AFTER = 20  # records without the text field before a file is judged misconfigured


@register_reader("jsonl", (".jsonl", ".ndjson", ".json"))
def read_jsonl(location: str, data: bytes, options: IngestOptions, *, url: str | None = None) -> Iterator[Document | IngestError]:
    """JSON Lines (one article object per line), or a JSON array of such objects,
    or one object. Field names come from the options; dotted names reach into
    nested objects. A bad line is an IngestError "file:LINE: ..." and the rest
    of the file is still read."""
    text = decode_text(data, location, options).lstrip("\ufeff")
    stripped = text.strip()
    if not stripped:
        raise IngestError(location, "no records (only whitespace)")
    items: list[tuple[str, Any]] = []
    whole: Any = None
    if stripped[0] == "[" or (stripped[0] == "{" and "\n" in stripped and not stripped.split("\n", 1)[0].rstrip().endswith("}")):
        try:
            whole = json.loads(stripped)
        except json.JSONDecodeError as e:
            if stripped[0] == "[":
                raise IngestError(location, f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
            whole = None
        except RecursionError:
            raise IngestError(location, "invalid JSON: nested too deeply") from None
    if isinstance(whole, list):
        items = [(f"{location}:[{i}]", r) for i, r in enumerate(whole)]
        if not items:
            raise IngestError(location, "no records (empty JSON array)")
    elif isinstance(whole, dict):
        items = [(location, whole)]
    else:
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"{location}:{lineno}"
            try:
                items.append((where, json.loads(line)))
            except json.JSONDecodeError as e:
                items.append((where, IngestError(where, f"invalid JSON: {e.msg} at column {e.colno}")))
            except RecursionError:
                items.append((where, IngestError(where, "invalid JSON: nested too deeply")))
    read = missing = 0
    for where, record in items:
        if isinstance(record, IngestError):
            yield record
            continue
        try:
            doc = _record_document(record, where, location, options)
        except IngestError as e:
            yield e if e.path == where else IngestError(where, e.message)
            if e.message.startswith("no text in field") and read == 0:
                missing += 1
                if missing >= _GIVE_UP_AFTER:
                    raise IngestError(location, f"stopped: the first {missing} records have no text in field {options.jsonl_text_field!r}; set the text field option") from None
            continue
        read += 1
        yield doc


def _struct_to_date(st: Any) -> dt.date | None:
    try:
        return dt.date(st.tm_year, st.tm_mon, st.tm_mday) if st else None
    except (AttributeError, ValueError, TypeError):
        return None


def _raw(entry: Any, key: str) -> Any:
    """entry[key] without feedparser's deprecated updated->published fallback (and its warning)."""
    return dict.get(entry, key) if isinstance(entry, dict) else None


def _entry_text(entry: Any) -> str:
    best = ""
    for c in _raw(entry, "content") or []:
        value = c.get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = _raw(entry, "summary") or _raw(entry, "description") or ""
    if not isinstance(best, str):
        return ""
    return html_fragment_to_text(best) if best else ""


@register_reader("feed", (".rss", ".atom", ".xml", ".rdf"))
def read_feed(location: str, data: bytes, options: IngestOptions, *, url: str | None = None) -> Iterator[Document | IngestError]:
    """RSS/Atom feeds (feedparser): one Document per entry from its content or
    summary; with `follow_links`, from the entry's page when it can be fetched
    (falling back to the summary). An empty feed is an IngestError."""
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url} if url else None)
    except Exception as e:  # feedparser is lenient, but a crash there is still one bad file
        raise IngestError(location, f"not a valid RSS/Atom feed ({type(e).__name__}: {e})") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            exc = parsed.get("bozo_exception")
            raise IngestError(location, f"not a valid RSS/Atom feed ({exc})" if exc else "not a valid RSS/Atom feed")
        raise IngestError(location, "feed has no entries")
    feed = parsed.get("feed") or {}
    feed_title = feed.get("title") if isinstance(feed.get("title"), str) else None
    for i, entry in enumerate(entries, 1):
        where = f"{location}#entry{i}"
        try:
            doc = _feed_entry(entry, where, location, feed_title, options)
        except IngestError as e:
            yield e
            continue
        if doc is not None:
            yield doc


def _feed_entry(entry: Any, where: str, location: str, feed_title: str | None, options: IngestOptions) -> Document | None:
    title = _raw(entry, "title") if isinstance(_raw(entry, "title"), str) else None
    link = _raw(entry, "link") if isinstance(_raw(entry, "link"), str) else None
    raw_date = _raw(entry, "published") or _raw(entry, "updated") or _raw(entry, "created")
    date_value: Any = raw_date if parse_date_string(raw_date) else None
    if date_value is None:
        date_value = _struct_to_date(_raw(entry, "published_parsed") or _raw(entry, "updated_parsed") or _raw(entry, "created_parsed"))
    if options.since and date_value is not None:
        parsed = parse_date_string(date_value)
        if parsed and _span_end(*parsed) < options.since:
            return None  # skip before fetching anything
    src = _raw(entry, "source") or {}
    source_name = (src.get("title") if isinstance(src, dict) else None) or feed_title
    summary = _entry_text(entry)
    if options.follow_links and link and _is_url(link):
        try:
            body, ctype, final = fetch_url(link, options)
            if _format_of_response(ctype, body, final) != "html":
                raise IngestError(link, f"not an HTML page ({ctype or 'unknown type'})")
            page = html_document(link, body, options, url=final, fmt="feed", source_name=source_name)
        except IngestError as e:
            log.info("%s: using the feed summary (%s)", where, e.message)
            if not summary and not title:
                raise IngestError(where, f"no text in the entry and its page failed: {e.message}") from None
        else:
            page.path = None if _is_url(location) else location
            if date_value is not None:  # the feed's date is metadata; prefer it
                published, precision, basis = publication_date(page.text, date_value)
                page.published, page.published_precision, page.published_basis = published, precision, basis
            page.title = title or page.title
            return page
    text = summary or (title or "")
    if not text.strip():
        raise IngestError(where, "entry has no title, summary or content")
    return make_document(
        text, location=location, fmt="feed", options=options, title=title,
        url=link if link and _is_url(link) else None, source_name=source_name, metadata_date=date_value,
    )


# ============================================================== URLs


def fetch_url(url: str, options: IngestOptions) -> tuple[bytes, str, str]:
    """GET a URL: (body, content type, final URL). IngestError on any failure."""
    if not _is_url(url):
        raise IngestError(url, "not an http(s) URL")
    try:
        parts = urllib.parse.urlsplit(url)
        if not parts.hostname:
            raise ValueError("no host")
    except ValueError as e:
        raise IngestError(url, f"malformed URL ({e})") from None
    req = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    })
    try:
        with urllib.request.urlopen(req, timeout=options.timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise IngestError(url, f"response is {int(length):,} bytes, over the limit of {options.max_bytes:,}")
            body = resp.read(options.max_bytes + 1)
            if len(body) > options.max_bytes:
                raise IngestError(url, f"response is over the limit of {options.max_bytes:,} bytes")
            ctype = resp.headers.get_content_type() or ""
            charset = resp.headers.get_content_charset()
            final = resp.geturl() or url
    except IngestError:
        raise
    except urllib.error.HTTPError as e:
        raise IngestError(url, f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise IngestError(url, f"timed out after {options.timeout:g}s") from None
        raise IngestError(url, f"network error: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise IngestError(url, f"timed out after {options.timeout:g}s") from None
    except (http.client.HTTPException, OSError, ValueError) as e:
        raise IngestError(url, f"fetch failed: {type(e).__name__}: {e}") from None
    if charset and ctype.startswith("text/") and charset.lower().replace("-", "") not in ("utf8", "usascii", "ascii") and "html" not in ctype:
        try:
            body = body.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            raise IngestError(url, f"body is not valid {charset}") from None
    return body, ctype, final


_CTYPE_FORMATS = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "text/plain": "txt", "text/markdown": "md", "text/x-markdown": "md",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/json": "jsonl",
}


def _format_of_response(ctype: str, body: bytes, url: str) -> str | None:
    head = body[:8192]
    if sniff_binary(head):
        return None
    fmt = _CTYPE_FORMATS.get(ctype)
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if ctype in ("application/xml", "text/xml") or (fmt in (None, "html") and _FEED_ROOT.search(probe) and probe.startswith(b"<?xml")):
        return "feed" if _FEED_ROOT.search(probe) else "html"
    if fmt:
        return fmt
    return detect_format(Path(urllib.parse.urlsplit(url).path or "index"), head)


@register_reader("url")
def read_url(location: str, data: bytes = b"", options: IngestOptions | None = None, *, url: str | None = None) -> Iterator[Document | IngestError]:
    """Fetch `location` (an http(s) URL; `data` is ignored) and read the response
    by its content type: HTML page, feed, text, Markdown or JSON lines."""
    options = options or IngestOptions()
    body, ctype, final = fetch_url(location, options)
    if not body.strip():
        raise IngestError(location, "empty response")
    fmt = _format_of_response(ctype, body, final)
    if fmt is None or fmt == "url":
        what = sniff_binary(body[:8192])
        raise IngestError(location, f"unsupported content type {ctype or 'unknown'}" + (f" ({what})" if what else ""))
    yield from READERS[fmt](location, body, options, url=final)


# ============================================================== driver


def _safe(location: str, produce: Callable[[], Iterable[Document | IngestError]], options: IngestOptions) -> Iterator[Document | IngestError]:
    """Run a reader; turn anything it raises into an IngestError; apply --since."""
    try:
        for item in produce():
            if isinstance(item, Document) and options.since and published_before(item, options.since):
                continue
            yield item
    except IngestError as e:
        yield e
    except MemoryError:
        yield IngestError(location, "out of memory while reading")
    except RecursionError:
        yield IngestError(location, "nested too deeply to parse")
    except Exception as e:  # a reader bug must not stop the batch; say so
        log.exception("reader failed on %s", location)
        yield IngestError(location, f"{INTERNAL}: {type(e).__name__}: {e}")


def read_bytes(data: bytes, fmt: str, location: str = "<bytes>", options: IngestOptions | None = None, url: str | None = None) -> list[Document | IngestError]:
    """Read bytes with the reader of `fmt`; never raises for bad content."""
    options = options or IngestOptions()
    if fmt not in READERS:
        return [IngestError(location, f"no reader for format {fmt!r} (known: {', '.join(sorted(READERS))})")]
    if not data.strip():
        return [IngestError(location, "empty input")]
    return list(_safe(location, lambda: READERS[fmt](location, data, options, url=url), options))


def read_path(path: str | Path, options: IngestOptions | None = None) -> Iterator[Document | IngestError]:
    """Read one file (not a folder) with the reader its format calls for."""
    options = options or IngestOptions()
    location = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        yield IngestError(location, "no such file or directory")
        return
    except PermissionError:
        yield IngestError(location, "permission denied")
        return
    except (OSError, ValueError) as e:
        yield IngestError(location, f"cannot read: {getattr(e, 'strerror', None) or e}")
        return
    if stat.S_ISDIR(st.st_mode):
        yield IngestError(location, "is a folder (pass it to iter_documents to read it recursively)")
        return
    if not stat.S_ISREG(st.st_mode):
        yield IngestError(location, "not a regular file (a device, pipe or socket)")
        return
    if st.st_size > options.max_bytes:
        yield IngestError(location, f"file is {st.st_size:,} bytes, over the limit of {options.max_bytes:,} (max_bytes)")
        return
    if st.st_size == 0:
        yield IngestError(location, "empty file")
        return
    try:
        with open(path, "rb") as f:
            data = f.read(options.max_bytes + 1)
    except PermissionError:
        yield IngestError(location, "permission denied")
        return
    except OSError as e:
        yield IngestError(location, f"cannot read: {e.strerror or e}")
        return
    if len(data) > options.max_bytes:
        yield IngestError(location, f"file grew over the limit of {options.max_bytes:,} bytes while reading")
        return
    if not data.strip():
        yield IngestError(location, "empty file (only whitespace)")
        return
    what = sniff_binary(data[:8192])
    if what:
        yield IngestError(location, f"binary file ({what}), not text")
        return
    fmt = detect_format(Path(path), data[:8192])
    if fmt is None:
        suffix = Path(path).suffix or "(none)"
        known = " ".join(sorted(SUFFIXES))
        yield IngestError(location, f"unsupported file type {suffix} (readable: {known})")
        return
    yield from _safe(location, lambda: READERS[fmt](location, data, options), options)


def walk_files(root: Path) -> Iterator[Path | IngestError]:
    """Files under `root`, recursively, sorted by name, hidden files and folders
    skipped; symlinked folders followed once (no loops)."""
    seen: set[tuple[int, int]] = set()

    def walk(d: Path) -> Iterator[Path | IngestError]:
        try:
            st = d.stat()
        except OSError as e:
            yield IngestError(str(d), f"cannot open folder: {e.strerror or e}")
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            yield IngestError(str(d), f"cannot list folder: {e.strerror or e}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(p)
            else:
                yield p

    yield from walk(root)


def iter_documents(paths: Iterable[str | Path] | str, options: IngestOptions | None = None) -> Iterator[Document | IngestError]:
    """Documents from files, folders (recursively, sorted, hidden files skipped) and
    http(s) URLs, one per article; an IngestError for each input (or record) that
    cannot be read. Never raises for bad input."""
    options = options or IngestOptions()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        s = str(p)
        if _is_url(s):
            yield from _safe(s, lambda s=s: READERS["url"](s, b"", options), options)
            continue
        path = Path(s)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            for f in walk_files(path):
                if isinstance(f, IngestError):
                    yield f
                else:
                    yield from read_path(f, options)
        else:
            yield from read_path(path, options)
