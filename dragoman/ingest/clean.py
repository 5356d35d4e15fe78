"""Text cleaning for ingest: normalisation, Markdown stripping, boilerplate removal.

The text these functions return is the text Dragoman stores and codes; every
character offset later in the pipeline (sentences, triggers) points into it.
So cleaning is done once, here, and nothing downstream rewrites the text.

- `normalize_text` — newlines, odd spaces, control characters, blank-line runs.
- `markdown_to_text` — drops Markdown syntax (headings, emphasis, links,
  images, lists, quotes, tables, code fences), keeping the words and the line
  structure, so a paragraph of the clean text is a paragraph of the source.
- `prune_boilerplate_tree` — removes comment sections, newsletter boxes,
  related-article lists, share bars, navigation and legal footers from a
  parsed HTML tree *before* trafilatura extracts the main text.
- `drop_boilerplate_lines` — a second, line-level pass for what survives:
  "Sign up for our newsletter", "© 2024 ... All rights reserved", "Read more: ...".
"""
from __future__ import annotations

import re
import unicodedata

from lxml import etree

# --------------------------------------------------------------------------- text

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0/C1 controls except tab and newline (CR is handled first)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def normalize_text(text: str) -> str:
    """Normalise whitespace and characters without changing the words.

    NFC composition (so "Erdog\u0306an" and "Erdoğan" compare equal), CRLF/CR and
    Unicode line/paragraph separators to "\\n", zero-width characters and soft
    hyphens removed, other control characters removed, runs of spaces and odd
    spaces to one space, lines stripped, at most one blank line in a row.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SURROGATES.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs separated by one blank line (the layout of every clean text)."""
    return "\n\n".join(p.strip() for p in paragraphs if p and p.strip())


# ----------------------------------------------------------------------- markdown

_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+\s*)?$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_BR = re.compile(r"<br\s*/?>", re.I)
_INLINE_CODE = re.compile(r"`+([^`]+?)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(md: str) -> tuple[dict[str, str], str]:
    """Split a YAML front-matter block ("---\\nkey: value\\n---") off a Markdown text.

    Returns (metadata with lower-cased keys and string values, rest of the text).
    Malformed front matter is left in the text untouched.
    """
    m = _FRONT_MATTER.match(md)
    if not m:
        return {}, md
    try:
        import yaml

        data = yaml.safe_load(m.group(1))
    except Exception:  # malformed YAML: treat as ordinary text
        return {}, md
    if not isinstance(data, dict):
        return {}, md
    meta = {str(k).strip().lower(): str(v).strip() for k, v in data.items() if v is not None and not isinstance(v, (dict, list))}
    return meta, md[m.end():]


_ESC_BASE = 0xE000  # private-use code points stand in for escaped characters


def _md_inline(line: str) -> str:
    # protect backslash escapes from the emphasis and link rules (unless the
    # line already holds private-use characters, which must come out unchanged)
    protect = not any(_ESC_BASE <= ord(c) < _ESC_BASE + 128 for c in line)
    if protect:
        line = _ESCAPE.sub(lambda m: chr(_ESC_BASE + ord(m.group(1))), line)
    line = _BR.sub("\n", line)
    line = _IMAGE.sub("", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _FOOTNOTE.sub("", line)
    line = _INLINE_CODE.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        line = _STRONG.sub(r"\2", line)
        line = _EM_STAR.sub(r"\1", line)
        line = _EM_UNDERSCORE.sub(r"\1", line)
        line = _STRIKE.sub(r"\1", line)
    if not protect:
        return _ESCAPE.sub(r"\1", line)
    return "".join(chr(ord(c) - _ESC_BASE) if _ESC_BASE <= ord(c) < _ESC_BASE + 128 else c for c in line)


def markdown_to_text(md: str) -> str:
    """Plain text of a Markdown document, one output line per source line.

    Headings keep their words, link text is kept and URLs dropped, images and
    reference definitions are dropped, list markers and quote markers removed,
    table pipes become "; ". Front matter should be split off first
    (`split_front_matter`).
    """
    md = _HTML_COMMENT.sub("", md.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    in_fence = False
    lines = md.split("\n")
    for i, raw in enumerate(lines):
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(raw.strip())
            continue
        line = raw
        if _REF_DEF.match(line) or _HR.match(line) or _TABLE_SEP.match(line):
            out.append("")
            continue
        if _SETEXT_UNDERLINE.match(line) and out and out[-1].strip():
            continue  # underline of a setext heading: the heading text is the line above
        line = _QUOTE.sub("", line)
        h = _ATX_HEADING.match(line)
        if h:
            line = h.group(1)
        else:
            line = _LIST_ITEM.sub("", line)
        if "|" in line and line.strip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = "; ".join(c for c in cells if c)
        out.append(_md_inline(line))
    return normalize_text("\n".join(out))


# ------------------------------------------------------------------- boilerplate

# class/id tokens that mark boilerplate blocks (compared per token, lower case)
_BOILER_TOKENS = {
    "ad", "ads", "advert", "advertisement", "adverts", "banner", "breadcrumb", "breadcrumbs",
    "comment", "comments", "commentlist", "cookie", "cookies", "copyright", "disclaimer",
    "disqus", "footer", "legal", "masthead", "menu", "mostread", "nav", "navbar", "navigation",
    "newsletter", "newsletters", "outbrain", "paywall", "popular", "promo", "promotion",
    "recommended", "recommendations", "related", "relatedarticles", "respond", "share",
    "sharing", "sidebar", "signup", "social", "sponsor", "sponsored", "subscribe",
    "subscription", "taboola", "tags", "trending", "toolbar", "widget",
}
_BOILER_PREFIXES = ("related", "newsletter", "comment", "subscri", "advert", "sponsor", "cookie", "social", "taboola", "outbrain", "disqus", "breadcrumb", "recommend")
# substrings that mark boilerplate anywhere in a class/id ("usercomments", "fbCommentsBox")
_BOILER_SUBSTRINGS = ("comment", "newsletter", "related", "disqus", "taboola", "outbrain", "cookie", "subscribe", "advert", "promo", "social", "sharebar", "share-bar")
# phrases over the joined tokens ("more-from-us" -> " more from us ")
_BOILER_PHRASES = (" more from ", " most read ", " most popular ", " read more ", " also read ", " read next ", " you may like ", " see also ", " top stories ", " latest news ")
_NOT_BOILER = {"commentary", "commentaries", "article", "story", "content", "main", "body", "post"}
_BOILER_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
_BOILER_TAGS = {"nav", "footer", "aside", "form", "script", "style", "noscript", "iframe", "template", "button", "select", "svg"}
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")


def _is_boiler_element(el: etree._Element) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in _BOILER_TAGS:
        return True
    if (el.get("role") or "").lower() in _BOILER_ROLES:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if not names.strip():
        return False
    tokens = [t for t in _TOKEN_SPLIT.split(names) if t]
    for tok in tokens:
        if tok in _NOT_BOILER:
            continue
        if tok in _BOILER_TOKENS or tok.startswith(_BOILER_PREFIXES):
            return True
        if any(sub in tok for sub in _BOILER_SUBSTRINGS) and not tok.startswith("commentar"):
            return True
    joined = " " + " ".join(tokens) + " "
    return any(p in joined for p in _BOILER_PHRASES)


def _text_len(el: etree._Element) -> int:
    try:
        return len("".join(el.itertext()).strip())
    except ValueError:
        return 0


def prune_boilerplate_tree(tree: etree._Element, max_share: float = 0.5) -> int:
    """Remove boilerplate blocks from an lxml HTML tree in place; return how many.

    A block is boilerplate by its tag (nav, footer, aside, form, ...), its ARIA
    role (navigation, contentinfo, complementary, ...) or a class/id token
    (comments, newsletter, related, share, cookie, ...). A block holding more
    than `max_share` of the page's text is never removed (it is the article, or
    a wrapper of it, even if its class says "has-comments").
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    total = _text_len(root) or 1
    to_remove: list[etree._Element] = []
    marked: set[etree._Element] = set()
    for el in root.iter():
        if el is root or not isinstance(el.tag, str):
            continue
        if el.tag.lower() in {"html", "body", "head", "article", "main"}:
            continue
        if any(a in marked for a in el.iterancestors()):
            continue  # inside a block already marked
        if _is_boiler_element(el) and _text_len(el) <= max_share * total:
            to_remove.append(el)
            marked.add(el)
    for el in to_remove:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail text (it belongs to the parent), drop the element
        tail = el.tail
        prev = el.getprevious()
        parent.remove(el)
        if tail and tail.strip():
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    return len(to_remove)


_BOILER_LINES = [
    # newsletters, subscriptions, sign-ups
    r"(sign|signing) up\b.*\b(newsletter|briefing|alerts?|inbox|updates|email)",
    r"\bsubscribe\b.*\b(newsletter|briefing|updates|inbox|email|channel|today|now|to read)",
    r"^(get|receive) (our|the)\b.*\b(newsletter|briefing)\b",
    r"^newsletters?\b",
    r"\b(enter|your) e-?mail address\b",
    r"\bdelivered (straight |directly )?to your inbox\b",
    # legal footers
    r"^(©|\(c\)|copyright\b)",
    r"\ball rights reserved\b",
    r"may not be (published|reproduced|broadcast|redistributed)",
    r"^(terms (of|and) (use|service|conditions)|privacy (policy|notice)|cookie (policy|settings|preferences))\b",
    r"\bwe use cookies\b",
    # related / recommended lists
    r"^(related( articles| stories| news| coverage)?|read (more|also|next)|see also|also read|more on this( story)?|recommended( for you)?|most (read|popular|viewed)|you (may|might) (also )?like|trending( now)?|more from)\b\s*[:\-–—]?",
    # comments
    r"^\d+\s+comments?$",
    r"^(comments?|reader comments|join the (conversation|discussion)|leave a (comment|reply)|post a comment|add a comment|show comments|view comments)\b",
    r"\b(comments are closed|log ?in to (comment|reply)|to post comments?)\b",
    r"^(posted|submitted) by \S.{0,60}? (on|at) .{0,40}\d",
    # share bars, navigation crumbs, ads
    r"^(share( this( article| story)?)?|share on|follow us( on)?|tweet|email this|print this( article)?)\b\s*[:\-]?\s*(\w+\s*){0,6}$",
    r"^(advertisement|sponsored( content)?|skip to (main )?content|click here\b.*)$",
]
_BOILER_LINE_RES = [re.compile(p, re.I) for p in _BOILER_LINES]


def is_boilerplate_line(line: str, max_len: int = 300) -> bool:
    """True for a short line that is a newsletter prompt, legal line, related-list
    header, comment-section header or share bar. Long lines are never dropped."""
    s = line.strip()
    if not s or len(s) > max_len:
        return False
    return any(r.search(s) for r in _BOILER_LINE_RES)


def drop_boilerplate_lines(text: str) -> str:
    """Remove boilerplate lines (see `is_boilerplate_line`) from a clean text."""
    kept = [line for line in text.split("\n") if not is_boilerplate_line(line)]
    return normalize_text("\n".join(kept))


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries), paragraphs on their own lines."""
    if not fragment or "<" not in fragment:
        return normalize_text(_unescape(fragment or ""))
    from lxml import html as lxml_html

    # lxml refuses NUL, control characters and lone surrogates: drop them first
    fragment = _SURROGATES.sub("", _CONTROLS.sub("", fragment))

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalize_text(_unescape(_HTML_TAG.sub(" ", fragment)))
    for el in list(root.iter("script", "style", "noscript")):
        if el.getparent() is not None:
            el.drop_tree()
    blocks = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in blocks:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    return normalize_text(root.text_content())


def _unescape(s: str) -> str:
    import html

    return html.unescape(s)
