"""Fuzz the ingest readers: whatever goes in, only Documents or IngestErrors come out.

An IngestError whose message starts with "internal error" means a reader let
an unexpected exception escape (the driver caught it); that counts as a bug
here, so every reader must turn bad input into its own clear error.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dragoman.ingest import (
    READERS,
    Deduper,
    IngestError,
    IngestOptions,
    detect_format,
    find_attributions,
    iter_documents,
    parse_date_string,
    read_bytes,
    sniff_binary,
)
from dragoman.ingest.clean import drop_boilerplate_lines, html_fragment_to_text, markdown_to_text, normalize_text
from dragoman.ingest.readers import INTERNAL, _format_of_response
from dragoman.records import Document

FILE_FORMATS = ["txt", "md", "html", "jsonl", "feed"]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_items(items, location: str) -> None:
    assert isinstance(items, list)
    for item in items:
        assert isinstance(item, (Document, IngestError)), type(item)
        if isinstance(item, IngestError):
            assert not item.message.startswith(INTERNAL), str(item)
            assert str(item) == f"{item.path}: {item.message}"
            assert "\n" not in str(item)
            assert item.path.startswith(location)
        else:
            assert item.text and item.text == item.text.strip()
            assert item.doc_id
            assert item.published_precision in ("day", "month", "year", "unknown")


# ----------------------------------------------------------- raw bytes and text

words = st.sampled_from(["Turkey", "Iran", "said", "the", "<p>", "</p>", "<div>", "{", "}", '"', ":", ",", "\n",
                         "\x00", "\xff", "#", "*", "[", "](", ")", "---", "<rss>", "<item>", "<title>", "é", "ğ",
                         "&amp;", "&#0;", "<!--", "-->", "<script>", "\r\n", "\ufeff", "\u2028"])
mixed_text = st.lists(st.one_of(words, st.text(max_size=20)), max_size=60).map("".join)


@FUZZ
@given(fmt=st.sampled_from(FILE_FORMATS), data=st.binary(max_size=3000))
@example(fmt="html", data=b"<html><body><div><p")
@example(fmt="feed", data=b"<?xml version='1.0'?><rss><channel><item></item></channel></rss>")
@example(fmt="jsonl", data=b"[" * 5000)
@example(fmt="jsonl", data=b'{"text": ' * 3000)
@example(fmt="txt", data=b"\xef\xbb\xbf")
@example(fmt="txt", data=b"\xff\xfe\x00")
@example(fmt="md", data=b"---\n: [\n---\nx")
def test_readers_on_random_bytes(fmt, data):
    check_items(read_bytes(data, fmt, "fuzz.bin"), "fuzz.bin")


@FUZZ
@given(fmt=st.sampled_from(FILE_FORMATS), text=mixed_text)
def test_readers_on_random_text(fmt, text):
    check_items(read_bytes(text.encode("utf-8", "surrogatepass"), fmt, "fuzz.txt"), "fuzz.txt")


# ----------------------------------------------------------- structured inputs

html_page = st.builds(
    lambda title, paras, junk: (
        f"<html><head><title>{title}</title></head><body><nav>{junk}</nav><article>"
        + "".join(f"<p>{p}</p>" for p in paras)
        + f"</article><div class='comments'>{junk}</div><footer>{junk}</footer></body></html>"
    ),
    mixed_text, st.lists(mixed_text, max_size=8), mixed_text,
)


@FUZZ
@given(page=html_page)
def test_html_reader_on_page_shaped_input(page):
    check_items(read_bytes(page.encode("utf-8", "surrogatepass"), "html", "page.html"), "page.html")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=15,
)
records = st.fixed_dictionaries(
    {},
    optional={"text": json_values | mixed_text, "title": json_values, "published": json_values,
              "url": json_values | st.just("https://www.reuters.com/x"), "source": json_values},
)


@FUZZ
@given(lines=st.lists(records | json_values, max_size=6), as_array=st.booleans())
def test_jsonl_reader_on_record_shaped_input(lines, as_array):
    if as_array:
        data = json.dumps(lines)
    else:
        data = "\n".join(json.dumps(x) for x in lines)
    check_items(read_bytes(data.encode("utf-8", "surrogatepass"), "jsonl", "f.jsonl"), "f.jsonl")


def _xml_escape_maybe(s: str, escape: bool) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;") if escape else s


feed_doc = st.builds(
    lambda kind, items, escape: (
        "<?xml version='1.0' encoding='utf-8'?>"
        + ("<rss version='2.0'><channel><title>T</title>" if kind == "rss" else "<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>")
        + "".join(
            (f"<item><title>{_xml_escape_maybe(t, escape)}</title><link>{_xml_escape_maybe(l, escape)}</link>"
             f"<pubDate>{_xml_escape_maybe(d, escape)}</pubDate><description>{_xml_escape_maybe(b, escape)}</description></item>")
            if kind == "rss" else
            (f"<entry><title>{_xml_escape_maybe(t, escape)}</title><link href='{_xml_escape_maybe(l, True)}'/>"
             f"<updated>{_xml_escape_maybe(d, escape)}</updated><summary>{_xml_escape_maybe(b, escape)}</summary></entry>")
            for t, l, d, b in items
        )
        + ("</channel></rss>" if kind == "rss" else "</feed>")
    ),
    st.sampled_from(["rss", "atom"]),
    st.lists(st.tuples(mixed_text, st.text(max_size=30), st.text(max_size=30) | st.just("Tue, 05 Mar 2024 10:00:00 GMT"), mixed_text), max_size=4),
    st.booleans(),
)


@FUZZ
@given(feed=feed_doc)
def test_feed_reader_on_feed_shaped_input(feed):
    # follow_links stays off: entry links are fuzz, and no test should touch the network
    check_items(read_bytes(feed.encode("utf-8", "surrogatepass"), "feed", "f.rss"), "f.rss")


md_text = st.lists(st.sampled_from(["# ", "## ", "> ", "- ", "1. ", "**", "*", "_", "`", "```\n", "[", "](", ")",
                                    "![", "|", "---\n", "\n", "\\", "<b>", "word ", "Iran ", "==\n"]), max_size=80).map("".join)


@FUZZ
@given(md=md_text | mixed_text)
def test_markdown_reader_and_cleaner(md):
    out = markdown_to_text(md)
    assert isinstance(out, str) and out == out.strip()
    check_items(read_bytes(md.encode("utf-8", "surrogatepass"), "md", "a.md"), "a.md")


# ----------------------------------------------------------- files and URLs


@FUZZ
@given(suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json", ".rss", ".atom", ".xml", "", ".csv", ".bin"]),
       data=st.binary(max_size=2000) | mixed_text.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_iter_documents_on_random_files(suffix, data):
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"fuzz{suffix}"
        f.write_bytes(data)
        items = list(iter_documents([str(f)]))
        check_items(items, str(f))
        assert items  # a file gives at least a Document or an error, never silence
        items = list(iter_documents([d], IngestOptions(max_bytes=500)))
        check_items(items, d)


@FUZZ
@given(s=st.text(max_size=60).filter(lambda s: not s.lower().lstrip().startswith(("http://", "https://"))))
def test_url_reader_rejects_non_urls_without_network(s):
    items = read_bytes(b"x", "url", s or "empty")
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert not items[0].message.startswith(INTERNAL)


@FUZZ
@given(ctype=st.sampled_from(["text/html", "application/rss+xml", "application/xml", "text/plain", "application/json",
                              "application/pdf", "", "image/png"]),
       body=st.binary(max_size=1000))
def test_response_format_detection(ctype, body):
    fmt = _format_of_response(ctype, body, "http://example.invalid/a")
    assert fmt is None or fmt in READERS


# ----------------------------------------------------------- helpers


@FUZZ
@given(head=st.binary(max_size=500), name=st.text(max_size=20))
def test_detection_never_raises(head, name):
    sniff_binary(head)
    try:
        path = Path(name or "x")
    except (ValueError, TypeError):
        return
    fmt = detect_format(path, head)
    assert fmt is None or fmt in READERS


@FUZZ
@given(text=mixed_text)
def test_cleaners_never_raise(text):
    n = normalize_text(text)
    assert normalize_text(n) == n  # idempotent
    drop_boilerplate_lines(n)
    html_fragment_to_text(text)


@FUZZ
@given(value=st.one_of(st.text(max_size=40), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.none()))
def test_parse_date_never_raises(value):
    out = parse_date_string(value)
    assert out is None or out[1] in ("day", "month", "year")


sentences = st.lists(st.sampled_from(["according", "to", "Arab", "media", "said", "reported", "that", "citing",
                                      "told", "Reuters", "reportedly", ",", ".", '"', "Iran", "diplomats", "on",
                                      "Monday", "was", "by", "the", "had", "struck", "claimed", "is", "U.S."]),
                     max_size=25).map(" ".join)


@FUZZ
@given(s=sentences | st.text(max_size=120))
def test_attribution_never_raises_and_spans_are_in_the_sentence(s):
    for a in find_attributions(s):
        assert 0 <= a.start < a.end <= len(s)
        if a.who is not None:
            assert s[a.who_start:a.who_end] == a.who
            assert a.start <= a.who_start <= a.who_end <= a.end


@settings(max_examples=30, deadline=None)
@given(texts=st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=6))
def test_deduper_on_random_texts(texts):
    dd = Deduper()
    ids: list[str] = []
    for i, t in enumerate(texts):
        doc = Document(text=t, doc_id=f"d{i}")
        dup = dd.seen(doc)
        assert dup is None or dup in ids
        if dup is None:
            ids.append(doc.doc_id)
            assert dd.from_signature(dd.dump(doc.doc_id)).jaccard(dd.minhash(t)) == 1.0
