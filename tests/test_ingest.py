"""Ingest: readers, cleaning, bad input, feeds, URLs, near-duplicates, sources, attribution.

Real trafilatura, feedparser and datasketch on the fixtures in tests/data/ingest;
URLs are served by a local http.server (no outside network needed).
"""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import pickle
import socket
import threading
from pathlib import Path

import pytest

from dragoman.ingest import (
    READERS,
    SUFFIXES,
    Deduper,
    IngestError,
    IngestOptions,
    detect_format,
    find_attribution,
    find_attributions,
    iter_documents,
    load_sources,
    mark_duplicates,
    parse_date_string,
    read_bytes,
    read_path,
    register_reader,
    sniff_binary,
)
from dragoman.ingest.clean import is_boilerplate_line, markdown_to_text, normalize_text
from dragoman.ingest.readers import published_before, publication_date
from dragoman.ingest.sources import Source, SourceRegistry, default_registry
from dragoman.records import Document

DATA = Path(__file__).parent / "data" / "ingest"


def docs_and_errors(items):
    items = list(items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, IngestError)]


def one_doc(path, options=None) -> Document:
    docs, errors = docs_and_errors(iter_documents([str(path)], options))
    assert not errors, errors
    assert len(docs) == 1
    return docs[0]


def one_error(path, options=None) -> IngestError:
    docs, errors = docs_and_errors(iter_documents([str(path)], options))
    assert not docs, [d.text[:80] for d in docs]
    assert len(errors) == 1
    err = errors[0]
    assert str(err).startswith(f"{path}: ")
    assert "\n" not in str(err)
    return err


# ------------------------------------------------------------------ registry


def test_registry_has_every_format():
    assert {"txt", "md", "html", "jsonl", "feed", "url"} <= set(READERS)
    assert SUFFIXES[".html"] == "html" and SUFFIXES[".md"] == "md" and SUFFIXES[".jsonl"] == "jsonl"
    assert SUFFIXES[".rss"] == "feed" and SUFFIXES[".atom"] == "feed" and SUFFIXES[".txt"] == "txt"


def test_register_reader_adds_a_format(tmp_path):
    @register_reader("shout", (".shout",))
    def read_shout(location, data, options, *, url=None):
        from dragoman.ingest.readers import make_document

        yield make_document(data.decode().upper(), location=location, fmt="shout", options=options)

    try:
        f = tmp_path / "a.shout"
        f.write_text("turkey and iran met in ankara.")
        doc = one_doc(f)
        assert doc.text == "TURKEY AND IRAN MET IN ANKARA." and doc.format == "shout"
    finally:
        READERS.pop("shout")
        SUFFIXES.pop(".shout")


@pytest.mark.parametrize(
    "name,head,fmt",
    [
        ("a.html", b"<html><body>x</body></html>", "html"),
        ("a.htm", b"anything", "html"),
        ("a.md", b"# Title", "md"),
        ("a.txt", b"plain", "txt"),
        ("a.jsonl", b'{"text": "x"}', "jsonl"),
        ("a.rss", b"<?xml version='1.0'?><rss>", "feed"),
        ("a.xml", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("a.xml", b"<?xml version='1.0'?><config/>", None),
        ("noext", b"<!DOCTYPE html><html>", "html"),
        ("noext", b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        ("noext", b"Just some words.", "txt"),
        ("a.csv", b"a,b,c", None),
        ("a.txt", b"%PDF-1.7 ...", None),
        ("a.txt", b"ab\x00cd", None),
    ],
)
def test_detect_format(name, head, fmt):
    assert detect_format(Path(name), head) == fmt


def test_sniff_binary():
    assert "PDF" in sniff_binary(b"%PDF-1.4\n...")
    assert "NUL" in sniff_binary(b"text\x00text")
    assert sniff_binary("Erdoğan met Raisi.".encode()) is None
    assert sniff_binary("\ufeffhello".encode("utf-16")) is None  # UTF-16 text is not binary


def test_ingest_error_is_one_line_and_picklable():
    e = IngestError("some/file.txt", "bad\nthing  happened")
    assert str(e) == "some/file.txt: bad thing happened"
    assert e.path == "some/file.txt" and e.message == "bad thing happened"
    e2 = pickle.loads(pickle.dumps(e))
    assert str(e2) == str(e)


# ------------------------------------------------------------------ HTML

ARTICLE_SENTENCES = [
    "Turkey and Iran agreed on Tuesday to expand intelligence sharing along their shared border",
    "Turkish Foreign Minister Hakan Fidan told reporters that the agreement would create a joint monitoring centre",
    "Iranian Foreign Minister Hossein Amir-Abdollahian said Tehran was ready to hold joint patrols",
    "Diplomats said the deal had been under negotiation since last autumn",
]
BOILERPLATE = [
    "This agreement will never hold",  # reader comments
    "Finally some good news from the region",
    "Both governments only care about crushing the Kurds",
    "truthseeker77",
    "42 Comments",
    "Log in to comment",
    "Sign up for our Middle East newsletter",  # newsletter box
    "delivered straight to your inbox",
    "Enter your email",
    "Kurdish militants attack police post",  # related articles
    "Oil prices climb",
    "Related stories",
    "All rights reserved",  # legal footer
    "may not be published, broadcast",
    "Privacy Policy",
    "We use cookies",  # cookie banner
    "Share on Facebook",  # share bar
    "Markets",  # navigation
]


def test_html_main_text_without_boilerplate():
    doc = one_doc(DATA / "article.html")
    for s in ARTICLE_SENTENCES:
        assert s in doc.text
    for s in BOILERPLATE:
        assert s not in doc.text, s
    assert "\n\n" in doc.text  # paragraphs separated by a blank line


def test_html_metadata():
    doc = one_doc(DATA / "article.html")
    assert doc.format == "html"
    assert doc.title == "Turkey and Iran agree to expand border security cooperation"  # " | Reuters" removed
    assert doc.url == "https://www.reuters.com/world/middle-east/turkey-iran-border-security-2024-03-05/"
    assert doc.source_name == "Reuters"
    assert doc.published == "2024-03-05"
    assert doc.published_precision == "day"
    assert doc.path == str(DATA / "article.html")
    assert doc.doc_id and doc.duplicate_of is None


def test_html_div_soup_comments_and_related_removed():
    doc = one_doc(DATA / "divsoup.html")
    assert "Greek and Turkish coast guard vessels faced each other" in doc.text
    assert "urged the alliance to call on Ankara" in doc.text
    for s in ["Every year the same provocations", "These islets were never handed over", "Posted by",
              "Cyprus talks stall again", "Fishermen on Lesbos", "Want the Aegean briefing", "Reproduction without permission"]:
        assert s not in doc.text, s
    assert doc.title == "Greek and Turkish coast guards in standoff near Kardak islets"
    assert doc.published == "2024-02-11"


def test_malformed_html_still_read():
    doc = one_doc(DATA / "malformed.html")
    assert "Pakistan and Afghanistan reopened the Torkham border crossing" in doc.text
    assert "joint committee to resolve disputes" in doc.text
    assert doc.title == "Pakistan and Afghanistan reopen Torkham crossing"


def test_broken_html_is_an_error():
    err = one_error(DATA / "broken.html")
    assert "no article text" in err.message


# ------------------------------------------------------------------ txt / md


def test_txt_headline_title_and_dateline_source():
    doc = one_doc(DATA / "plain.txt")
    assert doc.title == "Iraq summons Turkish envoy over drone strike near Sulaymaniyah"
    assert doc.text.startswith(doc.title + "\n\n")  # the headline stays in the text
    assert "flagrant violation of Iraqi sovereignty" in doc.text
    assert doc.source_name == "Agence France-Presse"  # from "BAGHDAD (AFP) -"
    assert doc.published != dt.date.today().isoformat()  # never today's date by default
    assert doc.format == "txt"


def test_txt_header_block_metadata():
    doc = one_doc(DATA / "header.txt")
    assert doc.title == "Turkish intelligence monitored dissidents in Sweden, documents show"
    assert doc.source_name == "Nordic Monitor"  # registry name for "nordic monitor"
    assert doc.url == "https://nordicmonitor.com/2024/01/turkish-intelligence-sweden/"
    assert doc.published == "2024-01-18" and doc.published_precision == "day"
    assert doc.text.startswith("Turkey's National Intelligence Organization")  # header not in the text
    assert "Title:" not in doc.text


def test_txt_sentence_first_line_is_not_a_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Turkey and Iran met in Ankara on Tuesday.\n\nThey talked for hours.\n")
    assert one_doc(f).title is None


def test_markdown_front_matter_and_syntax_removed():
    doc = one_doc(DATA / "article.md")
    assert doc.title == "Israel and Hezbollah exchange fire across Lebanon border"
    assert doc.source_name == "The Times of Israel"
    assert doc.published == "2024-01-09"
    assert doc.url == "https://www.timesofisrael.com/israel-hezbollah-exchange-fire/"
    assert doc.format == "md"
    text = doc.text
    assert "Israeli warplanes struck Hezbollah positions in southern Lebanon" in text  # link and emphasis gone
    assert "according to local residents" in text
    assert "We will respond forcefully" in text
    assert "an army post near Metula," in text
    for junk in ["**", "__", "](", "![", "# ", "> ", "- an army", "[1]", "https://", "Smoke rises", "---", "title:"]:
        assert junk not in text, junk


def test_markdown_setext_heading_title():
    doc = one_doc(DATA / "notitle.md")
    assert doc.title == "Qatar hosts new round of Gaza truce talks"
    assert "=====" not in doc.text
    assert doc.published is None  # no metadata date, none invented


@pytest.mark.parametrize(
    "md,text",
    [
        ("# Head\n\nBody *em* and **strong** and `code`.", "Head\n\nBody em and strong and code."),
        ("See [the report](http://x.org/a_(b)) now.", "See the report now."),
        ("1. first\n2. second\n* third", "first\nsecond\nthird"),
        ("> quoted\n> > nested", "quoted\nnested"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "a; b\n\n1; 2"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("```\ncode line\n```", "code line"),
        ("Text<br/>more <span class='x'>inline</span>", "Text\nmore inline"),
        ("Escaped \\*star\\*", "Escaped *star*"),
    ],
)
def test_markdown_to_text(md, text):
    assert markdown_to_text(md) == text


def test_normalize_text():
    assert normalize_text("a\r\nb\u00a0\u00a0c\u200b\n\n\n\nd  ") == "a\nb c\n\nd"
    assert normalize_text("Erdog\u0306an") == "Erdoğan"  # NFC


@pytest.mark.parametrize(
    "line,boiler",
    [
        ("Sign up for our daily newsletter", True),
        ("© 2024 Example Media. All rights reserved.", True),
        ("Read more: Turkey strikes PKK targets", True),
        ("12 comments", True),
        ("Share this article", True),
        ("Turkey signed a deal on Tuesday, officials said.", False),
        ("The minister said he would subscribe to the treaty's principles, which he called essential for peace.", False),
    ],
)
def test_boilerplate_lines(line, boiler):
    assert is_boilerplate_line(line) is boiler


# ------------------------------------------------------------------ JSONL


def test_jsonl_custom_fields():
    opts = IngestOptions(jsonl_text_field="body", jsonl_title_field="headline", jsonl_date_field="meta.date",
                         jsonl_url_field="link", jsonl_source_field="outlet")
    docs, errors = docs_and_errors(iter_documents([str(DATA / "custom.jsonl")], opts))
    assert [d.title for d in docs] == [
        "Azerbaijan and Armenia hold border delimitation talks",
        "Russia expels Moldovan diplomat",
        "Egypt and Turkey sign trade deal",
    ]
    ap, tass, blog = docs
    assert ap.source_name == "Associated Press" and ap.published == "2024-04-22"
    assert ap.url == "https://apnews.com/article/azerbaijan-armenia-border-talks"
    assert tass.source_name == "TASS" and tass.published == "2024-04-24"  # RFC 2822 date
    assert "<p>" not in tass.text and "Moldova called the move unjustified." in tass.text
    assert blog.source_name == "Some Local Blog"  # unknown outlet keeps its name
    assert blog.published == "2024-04-25"  # Unix timestamp
    assert all(d.format == "jsonl" and d.path == str(DATA / "custom.jsonl") for d in docs)
    # the bad lines are errors naming file and line; the rest was still read
    paths = [e.path for e in errors]
    assert paths == [f"{DATA / 'custom.jsonl'}:3", f"{DATA / 'custom.jsonl'}:4"]
    assert "invalid JSON" in errors[0].message
    assert "'body'" in errors[1].message


def test_jsonl_default_fields_say_which_field_is_missing():
    docs, errors = docs_and_errors(iter_documents([str(DATA / "custom.jsonl")]))
    assert not docs
    assert any("no text in field 'text'" in e.message and "body" in e.message for e in errors)


def test_json_array_file(tmp_path):
    f = tmp_path / "articles.json"
    f.write_text('[{"text": "Japan and South Korea held security talks in Tokyo.", "published": "2024-06"},'
                 ' {"text": "China protested a US warship transit.", "source": "xinhua"}]')
    docs, errors = docs_and_errors(iter_documents([str(f)]))
    assert not errors and len(docs) == 2
    assert docs[0].published == "2024-06-01" and docs[0].published_precision == "month"
    assert docs[1].source_name == "Xinhua"


# ------------------------------------------------------------------ feeds


def test_rss_feed():
    docs, errors = docs_and_errors(iter_documents([str(DATA / "feed.rss")]))
    assert not errors and len(docs) == 3
    first = docs[0]
    assert first.title == "Turkish, Iraqi defence ministers discuss joint fight against PKK"
    assert first.url == "https://www.aa.com.tr/en/world/turkish-iraqi-defence-ministers/3100001"
    assert first.source_name == "Anadolu Agency"
    assert first.published == "2024-03-18" and first.published_precision == "day"
    assert "<b>" not in first.text and "joint measures against the PKK" in first.text
    assert first.format == "feed" and first.path == str(DATA / "feed.rss")
    assert len({d.doc_id for d in docs}) == 3


def test_atom_feed():
    docs, errors = docs_and_errors(iter_documents([str(DATA / "feed.atom")]))
    assert not errors and len(docs) == 2
    assert docs[0].title == "Saudi Arabia and Iran reopen consulates in Jeddah and Mashhad"
    assert docs[0].published == "2024-05-02"
    assert "restored diplomatic ties" in docs[0].text and "<p>" not in docs[0].text
    assert docs[1].published == "2024-05-01"  # only <updated>
    assert all(d.source_name == "Al-Monitor" for d in docs)


def test_empty_feed_is_an_error():
    err = one_error(DATA / "empty_feed.rss")
    assert "no entries" in err.message


def test_garbage_feed_is_an_error(tmp_path):
    f = tmp_path / "bad.rss"
    f.write_bytes(b"this is not xml at all <<<<")
    err = one_error(f)
    assert "feed" in err.message


def test_xml_that_is_not_a_feed():
    err = one_error(DATA / "not_a_feed.xml")
    assert "unsupported file type .xml" in err.message


# ------------------------------------------------------------------ since


def test_since_filter_on_feed_entries():
    docs, _ = docs_and_errors(iter_documents([str(DATA / "feed.rss")], IngestOptions(since=dt.date(2024, 1, 1))))
    assert [d.title for d in docs] == [
        "Turkish, Iraqi defence ministers discuss joint fight against PKK",
        "Türkiye condemns attack on aid convoy in Gaza",
    ]
    docs, _ = docs_and_errors(iter_documents([str(DATA / "feed.rss")], IngestOptions(since=dt.date(2024, 3, 19))))
    assert len(docs) == 1


def test_since_filter_across_formats_keeps_undated():
    opts = IngestOptions(since=dt.date(2024, 3, 1))
    docs, _ = docs_and_errors(iter_documents([str(DATA / "article.html"), str(DATA / "header.txt"), str(DATA / "plain.txt")], opts))
    names = [Path(d.path).name for d in docs]
    assert names == ["article.html", "plain.txt"]  # header.txt is from January; plain.txt has no date


def test_published_before_respects_precision():
    month = Document(text="x", published="2024-03-01", published_precision="month")
    assert not published_before(month, dt.date(2024, 3, 15))  # March 2024 may be after the 15th
    assert published_before(month, dt.date(2024, 4, 1))
    assert not published_before(Document(text="x"), dt.date(2030, 1, 1))  # unknown date is kept


# ------------------------------------------------------------------ bad input


def test_binary_file():
    err = one_error(DATA / "binary.txt")
    assert "binary file" in err.message and "PNG" in err.message
    err = one_error(DATA / "nulls.dat")
    assert "binary" in err.message


def test_invalid_utf8_is_an_error_with_a_hint():
    err = one_error(DATA / "invalid_utf8.txt")
    assert "not valid UTF-8" in err.message and "offset 62" in err.message


def test_invalid_utf8_read_with_forced_encoding():
    doc = one_doc(DATA / "invalid_utf8.txt", IngestOptions(encoding="cp1252"))
    assert "Stéphane Séjourné" in doc.text


def test_empty_and_blank_files():
    assert one_error(DATA / "empty.txt").message == "empty file"
    assert "empty" in one_error(DATA / "blank.txt").message


def test_missing_path():
    err = one_error(DATA / "does-not-exist.txt")
    assert err.message == "no such file or directory"


def test_too_big_file_is_not_read(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    err = one_error(f)
    assert "over the limit" in err.message and "104,857,600" in err.message
    small = tmp_path / "small.txt"
    small.write_text("Turkey and Greece held talks in Athens on Monday.\n" * 100)
    assert "over the limit" in one_error(small, IngestOptions(max_bytes=1000)).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    err = one_error(fifo)
    assert "not a regular file" in err.message


def test_batch_continues_past_bad_inputs(tmp_path):
    paths = [DATA / "binary.txt", DATA / "does-not-exist.txt", DATA / "invalid_utf8.txt", DATA / "empty.txt",
             DATA / "broken.html", DATA / "empty_feed.rss", DATA / "plain.txt"]
    items = list(iter_documents([str(p) for p in paths]))
    assert [type(i).__name__ for i in items] == ["IngestError"] * 6 + ["Document"]
    for item, path in zip(items, paths):
        if isinstance(item, IngestError):
            assert item.path == str(path) and str(item).startswith(f"{path}: ")


def test_folder_is_read_recursively_sorted_without_hidden_files():
    items = list(iter_documents([str(DATA)]))
    where = [Path(i.path.split(":")[0].split("#")[0]).relative_to(DATA).as_posix() for i in items]
    assert ".hidden.txt" not in where
    assert where == sorted(where, key=lambda p: (p.split("/")[:-1] != [], p))  # files sorted, syndicated/ in place
    docs, errors = docs_and_errors(items)
    doc_files = {Path(d.path).relative_to(DATA).as_posix() for d in docs}
    assert {"article.html", "divsoup.html", "malformed.html", "plain.txt", "header.txt", "article.md",
            "notitle.md", "feed.rss", "feed.atom", "syndicated/wire.txt", "syndicated/copy.txt", "syndicated/other.txt"} <= doc_files
    error_files = {Path(e.path.split(":")[0]).name for e in errors}
    assert {"binary.txt", "nulls.dat", "invalid_utf8.txt", "empty.txt", "blank.txt", "broken.html",
            "empty_feed.rss", "not_a_feed.xml", "custom.jsonl"} <= error_files
    assert not any(e.message.startswith("internal error") for e in errors)


def test_read_path_on_a_folder():
    (err,) = list(read_path(DATA))
    assert "folder" in err.message


def test_read_bytes_never_raises():
    assert isinstance(read_bytes(b"", "html")[0], IngestError)
    assert isinstance(read_bytes(b"x", "nope")[0], IngestError)
    (doc,) = read_bytes(b"Iran and Iraq signed a security pact.", "txt", "mem.txt")
    assert doc.path == "mem.txt"


# ------------------------------------------------------------------ URLs


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("www")
    for name in ("article.html", "plain.txt", "feed.rss"):
        (root / name).write_bytes((DATA / name).read_bytes())
    (root / "photo.png").write_bytes((DATA / "binary.txt").read_bytes())
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield root, base
    server.shutdown()
    server.server_close()


def test_url_html_page(served):
    _, base = served
    doc = one_doc(f"{base}/article.html")
    assert doc.path is None and doc.url == f"{base}/article.html"
    assert "Hakan Fidan told reporters" in doc.text and "This agreement will never hold" not in doc.text
    assert doc.source_name == "Reuters"  # og:site_name; the host is unknown
    assert doc.format == "html"


def test_url_text_and_feed(served):
    _, base = served
    assert "Sulaymaniyah" in one_doc(f"{base}/plain.txt").text
    docs, errors = docs_and_errors(iter_documents([f"{base}/feed.rss"]))
    assert len(docs) == 3 and not errors


def test_url_errors(served):
    _, base = served
    assert "HTTP 404" in one_error(f"{base}/missing.html").message
    assert "unsupported content type" in one_error(f"{base}/photo.png").message
    # a port nobody listens on
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    assert "network error" in one_error(f"http://127.0.0.1:{port}/x.html").message


def test_url_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection but never answers
    try:
        port = listener.getsockname()[1]
        err = one_error(f"http://127.0.0.1:{port}/slow.html", IngestOptions(timeout=0.5))
        assert "timed out" in err.message
    finally:
        listener.close()


def test_feed_follow_links(served):
    root, base = served
    (root / "links.rss").write_text(f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test wire</title>
<item><title>Turkey, Iran deal</title><link>{base}/article.html</link>
<pubDate>Tue, 05 Mar 2024 12:00:00 GMT</pubDate><description>Short summary only.</description></item>
<item><title>Gone</title><link>{base}/gone.html</link>
<pubDate>Wed, 06 Mar 2024 12:00:00 GMT</pubDate><description>The summary of a page that is gone.</description></item>
<item><title>Picture</title><link>{base}/photo.png</link>
<pubDate>Wed, 06 Mar 2024 13:00:00 GMT</pubDate><description>A photo caption.</description></item>
</channel></rss>""")
    docs, errors = docs_and_errors(iter_documents([f"{base}/links.rss"], IngestOptions(follow_links=True, timeout=5)))
    assert not errors and len(docs) == 3
    page, fallback, photo = docs
    assert photo.text == "A photo caption."  # a link to an image: the summary is kept
    assert "Hakan Fidan told reporters" in page.text and "Short summary only" not in page.text
    assert page.title == "Turkey, Iran deal"  # the feed title wins over the page title
    assert page.published == "2024-03-05" and page.url == f"{base}/article.html"
    assert fallback.text == "The summary of a page that is gone."
    assert page.source_name == "Reuters"  # the page's own site name
    assert fallback.source_name == "Test wire"  # the feed's name, not the host
    # without follow_links the summaries are the text
    docs, _ = docs_and_errors(iter_documents([f"{base}/links.rss"]))
    assert docs[0].text == "Short summary only."


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-03-05", (dt.date(2024, 3, 5), "day")),
        ("2024-03-05T23:30:00-05:00", (dt.date(2024, 3, 5), "day")),
        ("2024-03", (dt.date(2024, 3, 1), "month")),
        ("2024", (dt.date(2024, 1, 1), "year")),
        ("Tue, 05 Mar 2024 10:00:00 GMT", (dt.date(2024, 3, 5), "day")),
        ("5 March 2024", (dt.date(2024, 3, 5), "day")),
        ("March 5, 2024", (dt.date(2024, 3, 5), "day")),
        ("March 2024", (dt.date(2024, 3, 1), "month")),
        ("2024/03/05", (dt.date(2024, 3, 5), "day")),
        (1709632800, (dt.date(2024, 3, 5), "day")),
        ("yesterday", None),
        ("", None),
        (None, None),
        ("2024-13-45", None),
    ],
)
def test_parse_date_string(value, expected):
    assert parse_date_string(value) == expected


def test_publication_date_never_defaults_to_today():
    published, precision, basis = publication_date("Turkey and Iran met.", None)
    assert published is None or published != dt.date.today().isoformat()
    assert publication_date("Text.", "2024-03-05")[0] == "2024-03-05"


# ------------------------------------------------------------------ dedupe


def _syndicated():
    docs = {Path(d.path).name: d for d in iter_documents([str(DATA / "syndicated")]) if isinstance(d, Document)}
    return docs["wire.txt"], docs["copy.txt"], docs["other.txt"]


def test_syndicated_copy_is_linked_and_unrelated_is_not():
    wire, copy, other = _syndicated()
    dd = Deduper()
    assert dd.seen(wire) is None
    assert dd.seen(copy) == wire.doc_id  # retitled, re-datelined, one sentence changed
    assert dd.seen(other) is None  # same story, different article
    m = Deduper()
    m.seen(wire)
    match = m.check(copy)
    assert match.kind == "near" and 0.8 <= match.similarity < 1.0


def test_exact_duplicate_by_content_hash():
    wire, _, _ = _syndicated()
    dd = Deduper()
    dd.seen(wire)
    again = Document(text=wire.text.replace("\n\n", "\n\n  "), path="elsewhere.txt")  # whitespace differs only
    match = dd.check(again)
    assert match.kind == "exact" and match.doc_id == wire.doc_id


def test_signatures_persist_across_runs():
    wire, copy, other = _syndicated()
    first = Deduper()
    first.seen(wire)
    stored = {wire.doc_id: first.dump(wire.doc_id)}
    assert isinstance(stored[wire.doc_id], bytes)
    later = Deduper()  # a new run, pre-loaded from the store
    for doc_id, sig in stored.items():
        later.load(doc_id, sig)
    assert later.seen(copy) == wire.doc_id
    assert later.seen(other) is None
    assert later.seen(wire) == wire.doc_id  # the same text again: exact (doc_id is the content hash)
    assert Deduper().signature(wire.text) == stored[wire.doc_id]
    with pytest.raises(ValueError):
        later.from_signature(b"not a signature")
    with pytest.raises(ValueError):
        Deduper(num_perm=128).from_signature(stored[wire.doc_id])


def test_mark_duplicates_chain_links_to_first_copy():
    wire, copy, other = _syndicated()
    copy2 = Document(text=copy.text.replace("within days", "within a few days"))
    out = list(mark_duplicates([wire, IngestError("x", "bad"), copy, other, copy2]))
    assert out[0].duplicate_of is None and isinstance(out[1], IngestError)
    assert out[2].duplicate_of == wire.doc_id and out[3].duplicate_of is None
    assert out[4].duplicate_of == wire.doc_id


# ------------------------------------------------------------------ sources

REQUIRED_OUTLETS = [
    "Reuters", "AP", "AFP", "Anadolu", "TRT", "Daily Sabah", "Hurriyet", "IRNA", "Tasnim", "Fars", "Press TV",
    "TASS", "RIA", "Al-Monitor", "Al Jazeera", "Haaretz", "Times of Israel", "Jerusalem Post", "Middle East Eye",
    "Nordic Monitor", "BBC", "NYT", "WaPo",
]


def test_packaged_registry():
    reg = default_registry()
    assert len(reg) >= 30
    for name in REQUIRED_OUTLETS:
        src = reg.by_name(name)
        assert src is not None, name
        assert src.domains and src.type in {"wire", "newspaper", "broadcaster", "state_media", "analysis", "blog"}
        assert src.reliability in (1, 2, 3) and src.basis and src.country and len(src.country) == 3
    assert reg.by_name("TASS").type == "state_media" and reg.by_name("TASS").reliability == 3
    assert reg.by_name("Reuters").reliability == 1


@pytest.mark.parametrize(
    "where,name",
    [
        ("https://www.reuters.com/world/x", "Reuters"),
        ("https://uk.reuters.com/x", "Reuters"),
        ("en.irna.ir", "IRNA"),
        ("https://www.hurriyetdailynews.com/a-1", "Hürriyet"),
        ("https://notreuters.com/x", None),
        ("https://reuters.com.evil.example/x", None),
    ],
)
def test_registry_by_domain(where, name):
    src = default_registry().by_domain(where)
    assert (src.name if src else None) == name


def test_registry_names_and_datelines():
    reg = default_registry()
    assert reg.by_name("the associated press").name == "Associated Press"
    assert reg.by_name("HÜRRIYET").name == "Hürriyet" and reg.by_name("Hurriyet Daily News").name == "Hürriyet"
    assert reg.in_dateline("ISTANBUL, March 3 (AP) — Turkey said...").name == "Associated Press"
    assert reg.in_dateline("The (unknown) thing - said") is None
    assert reg.canonical_name(name="Some Blog") == "Some Blog"


def test_user_sources_override_and_round_trip(tmp_path):
    user = tmp_path / "my_sources.yaml"
    user.write_text("""sources:
  - name: Reuters
    domains: [reuters.com]
    type: wire
    country: GBR
    reliability: 2
    basis: our own rating
  - name: Kurdish Monitor Blog
    domains: [kurdmonitor.example]
    type: blog
    reliability: 3
""")
    reg = load_sources([user])
    assert reg.by_name("Reuters").reliability == 2
    assert reg.by_domain("https://kurdmonitor.example/post").name == "Kurdish Monitor Blog"
    assert default_registry().by_name("Reuters").reliability == 1  # the packaged one is untouched
    reg.add(Source(name="Example Wire", domains=["examplewire.org"], type="wire", reliability=1))
    assert reg.remove("TASS") and reg.by_name("TASS") is None
    out = tmp_path / "saved.yaml"
    reg.save(out)
    again = load_sources([out], include_default=False)
    assert len(again) == len(reg)
    assert again.by_name("Example Wire").domains == ["examplewire.org"]


def test_bad_source_entries_are_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: X\n    type: tabloid\n")
    with pytest.raises(ValueError, match="entry 1.*tabloid"):
        load_sources([bad])
    with pytest.raises(ValueError):
        Source(name="Y", reliability=5)


def test_ingest_uses_a_custom_registry(tmp_path):
    reg = SourceRegistry([Source(name="Aegean Observer", domains=["aegeanobserver.example"], type="newspaper")])
    f = tmp_path / "a.txt"
    f.write_text("URL: https://www.aegeanobserver.example/story\n\nGreece and Turkey met in Athens.\n")
    assert one_doc(f, IngestOptions(sources=reg)).source_name == "Aegean Observer"


# ------------------------------------------------------------------ attribution


@pytest.mark.parametrize(
    "sentence,who,cue",
    [
        ("Turkish intelligence captured an Islamic State operative in Syria, according to Arab media outlets.", "Arab media outlets", "according to"),
        ("According to Arab media outlets, Turkish intelligence captured an operative.", "Arab media outlets", "according to"),
        ("Israel struck Hezbollah positions, according to the Israeli military.", "Israeli military", "according to"),
        ("Nordic Monitor reported that Turkish intelligence had run an operation in Sweden.", "Nordic Monitor", "reported"),
        ("Sweden-based Nordic Monitor on Sunday reported that MIT agents monitored dissidents.", "Sweden-based Nordic Monitor", "reported"),
        ("The Turkish daily Hurriyet reported on Sunday that the army had begun an operation.", "Turkish daily Hurriyet", "reported"),
        ("Diplomats said Iran had enriched uranium to 60 percent.", "Diplomats", "said"),
        ("Israeli jets struck a convoy near Damascus, diplomats said.", "diplomats", "said"),
        ("Israeli jets struck a convoy near Damascus, diplomats said on Tuesday.", "diplomats", "said"),
        ("Turkey, diplomats said, has moved troops to the border.", "diplomats", "said"),
        ("The strike killed five people, said the Syrian Observatory for Human Rights.", "Syrian Observatory for Human Rights", "said"),
        ('"We will respond," Erdogan said.', "Erdogan", "said"),
        ("Fars news agency claimed that Israeli agents had been arrested.", "Fars news agency", "claimed"),
        ("Turkey and Iran said they would cooperate against the PKK.", "Turkey and Iran", "said"),
        ("The attack was reported by Tasnim news agency.", "Tasnim news agency", "reported"),
        ("Two diplomats told Reuters that Iran would resume talks.", "Two diplomats", "told"),
        ("Security forces arrested 12 suspects, the agency reported, citing police sources.", "agency", "reported"),
        ("Security forces arrested 12 suspects, citing police sources.", "police sources", "citing"),
        ("Iran reportedly moved missiles to Iraq.", None, "reportedly"),
        ("The militia allegedly attacked a base.", None, "allegedly"),
        ("Iran is said to have supplied drones to Russia.", None, "said"),
    ],
)
def test_find_attribution(sentence, who, cue):
    a = find_attribution(sentence)
    assert a is not None
    assert (a.who, a.cue) == (who, cue)
    assert 0 <= a.start < a.end <= len(sentence)
    if a.who:
        assert sentence[a.who_start:a.who_end] == a.who
        assert a.start <= a.who_start and a.who_end <= a.end


@pytest.mark.parametrize(
    "sentence",
    [
        "Hamas claimed responsibility for the attack.",
        "The ministry reported an increase in exports.",
        "Russia and Ukraine exchanged prisoners on Monday.",
        "Erdogan told Putin that Turkey would mediate.",  # a statement between actors, not a media attribution
        "The minister said on Monday.",
        "",
    ],
)
def test_no_attribution(sentence):
    assert find_attribution(sentence) is None


def test_attribution_spans_and_via():
    s = "Two diplomats told Reuters that Iran would resume talks."
    a = find_attribution(s)
    assert a.via == "Reuters" and s[a.start:a.end] == "Two diplomats told Reuters"
    s = "Turkish jets struck targets in Iraq, according to Arab media outlets."
    a = find_attribution(s)
    assert s[a.start:a.end] == "according to Arab media outlets"
    both = find_attributions("Iran reportedly moved missiles, according to Israeli officials.")
    assert [x.cue for x in both] == ["reportedly", "according to"]
    assert find_attribution("Iran reportedly moved missiles, according to Israeli officials.").who == "Israeli officials"


def test_unknown_outlet_falls_back_to_host_and_given_name_beats_dateline(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(
        '{"text": "Oman hosted talks on Yemen.", "url": "https://www.gulf-notes.example/yemen"}\n'
        '{"text": "DOHA (Reuters) - Qatar hosted talks.", "source": "Doha Daily Digest"}\n'
        '{"text": "DOHA (Reuters) - Qatar hosted talks again."}\n'
    )
    docs, errors = docs_and_errors(iter_documents([str(f)]))
    assert not errors
    assert [d.source_name for d in docs] == ["gulf-notes.example", "Doha Daily Digest", "Reuters"]


def test_misconfigured_jsonl_stops_early(tmp_path):
    f = tmp_path / "big.jsonl"
    f.write_text("".join(f'{{"body": "record {i}"}}\n' for i in range(500)))
    docs, errors = docs_and_errors(iter_documents([str(f)]))
    assert not docs and len(errors) == 21
    assert errors[-1].path == str(f) and "set the text field option" in errors[-1].message
