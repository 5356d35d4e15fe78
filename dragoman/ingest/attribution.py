"""Find who a sentence attributes its claim to ("according to Arab media outlets").

Rule-based, on one sentence's text, no parser. The event coder calls
`find_attribution(sentence)`; when it returns something, the mention gets
`attributed_to = a.who` and modality `reported`.

Patterns handled (the cue is what `Attribution.cue` holds):

- "according to X"                      -> who X, cue "according to"
- "X reported (that) ..." / "X said (that) ..." / "X claimed ..." / "X alleged ..."
  when what follows the verb is a clause ("Diplomats said Iran had ...") or the
  verb closes or interrupts the sentence ("..., Nordic Monitor reported.",
  "Turkey, diplomats said, has ..."); not "Hamas claimed responsibility" or
  "The ministry reported an increase in exports" (the verb's object is a noun
  phrase: that is the event itself, not an attribution)
- "..., said X." / "..., reported X."   (inverted)
- "... was reported by X"               -> who X, cue "reported"
- "citing X"                            -> who X, cue "citing"
- "sources told X (that) ..."           -> who "sources", cue "told", via X
  (only for anonymous-source subjects or when X is a known outlet)
- "reportedly", "allegedly", "purportedly", "is said to", "it was reported that"
                                        -> who None

`start`/`end` span the whole attribution expression in the sentence
("according to Arab media outlets", "Nordic Monitor reported"), so the coder
can keep actors out of it; `who_start`/`who_end` span `who`. A leading "the",
"a" or "an" is left out of `who` ("according to the Turkish Defence Ministry"
-> "Turkish Defence Ministry").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Attribution", "find_attribution", "find_attributions"]


@dataclass(frozen=True)
class Attribution:
    who: str | None
    cue: str
    start: int
    end: int
    who_start: int | None = None
    who_end: int | None = None
    via: str | None = None  # "two diplomats told Reuters": via = "Reuters"


_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’.]\w+)*|[^\w\s]")


@dataclass
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def _tokens(s: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(s)]


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
_TIME_WORDS = _WEEKDAYS | _MONTHS | {"today", "yesterday", "tonight", "friday's", "saturday's"}
# words that end a noun phrase going forward
_NP_STOP = {
    "that", "which", "who", "whom", "whose", "when", "where", "while", "as", "because", "since",
    "after", "before", "if", "although", "though", "but", "whereas", "until", "unless",
    "said", "says", "say", "reported", "reports", "claimed", "claims", "alleged", "alleges",
    "told", "added", "stated", "wrote", "citing", "quoting", "according",
    "earlier", "later", "late", "last", "this", "yesterday", "today", "tonight",
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "did", "does", "do",
}
# words skipped between a subject and its reporting verb ("Nordic Monitor on Sunday also reported")
_ADVERBS = {
    "also", "previously", "earlier", "separately", "first", "later", "then", "too", "further",
    "repeatedly", "publicly", "privately", "once", "initially", "subsequently", "exclusively",
    "have", "has", "had", "had", "recently", "originally",
}
_REPORT_VERBS = {
    "said": "said", "says": "said", "say": "said",
    "reported": "reported", "reports": "reported", "report": "reported",
    "claimed": "claimed", "claims": "claimed", "claim": "claimed",
    "alleged": "alleged", "alleges": "alleged", "allege": "alleged",
    "stated": "said", "wrote": "reported", "writes": "reported",
}
_HEDGES = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly", "apparently"}
_AUX = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "did", "does", "do", "shall", "be", "been",
}
_IRREGULAR_PAST = set(
    """met struck sent held took made gave told began fought shot hit led left sought sold bought
    brought won lost ran went came saw spoke wrote paid set put kept fled built broke caught chose
    drove fell felt flew froze got grew hid hung knew laid lent meant rode rose shook shut stole
    stood swore taught threw understood withdrew wore beat blew bound cast cut dealt drew fed found
    heard let lit quit sank spent split spread stuck swept tore undertook upheld overtook woke
    hurt cost shed thrust slew forbade""".split()
)
_ED_NOT_VERB = {
    "armed", "based", "united", "red", "need", "speed", "seed", "bed", "hundred", "alleged",
    "advanced", "related", "limited", "detailed", "unidentified", "unnamed", "sacred", "naked",
    "embed", "feed", "breed", "creed", "greed", "proceed", "indeed", "shed", "wed", "fled",
    "exceed", "succeed", "weed", "deed", "reed", "tweed", "steed",
}
_PRONOUN_SUBJECTS = {"he", "she", "they", "it", "we", "i", "you", "there"}
_ANON_HEADS = {
    "source", "sources", "official", "officials", "diplomat", "diplomats", "person", "people",
    "insider", "insiders", "aide", "aides", "analyst", "analysts", "witness", "witnesses",
    "resident", "residents", "activist", "activists", "member", "members", "figure", "figures",
}
_CLAIM_OBJECTS = {"responsibility", "credit", "victory", "control", "the", "a", "an", "lives", "ownership", "asylum", "damages", "compensation"}
_CLOSE_QUOTES = {'"', "”", "’", "'", "»"}
_DETERMINERS = {"the", "a", "an"}


def _is_time_adjunct(toks: list[_Tok], i: int) -> int:
    """Length of a time adjunct starting at toks[i] ("on Monday", "late on Sunday",
    "on March 3", "last week", "earlier this month"), else 0."""
    n = len(toks)
    j = i
    if j < n and toks[j].low in {"late", "early", "earlier", "later"}:
        j += 1
        if j == n or toks[j].low not in {"on", "last", "this", "in"}:
            return j - i if toks[i].low in {"earlier", "later"} else 0
    if j < n and toks[j].low == "on" and j + 1 < n and toks[j + 1].low in _TIME_WORDS:
        j += 2
        if j < n and toks[j - 1].low in _MONTHS and toks[j].text.isdigit():
            j += 1
        return j - i
    if j < n and toks[j].low in {"last", "this", "next"} and j + 1 < n and toks[j + 1].low in (
        {"week", "month", "year", "weekend", "night", "morning", "evening", "summer", "winter", "spring", "autumn"} | _WEEKDAYS
    ):
        return j + 2 - i
    if j < n and toks[j].low in {"yesterday", "today", "tonight"} | _WEEKDAYS:
        return j + 1 - i
    return j - i if j > i else 0


def _is_statement_adjunct(toks: list[_Tok], i: int) -> int:
    """"in a statement", "in an interview", "on Twitter", "on X", "in a report" -> length."""
    n = len(toks)
    if i + 2 < n and toks[i].low == "in" and toks[i + 1].low in {"a", "an", "its", "his", "her", "their", "the"}:
        k = i + 2
        while k < n and k < i + 5 and toks[k].is_word and toks[k].low not in {"statement", "interview", "report", "post", "tweet", "briefing", "letter", "message", "speech"}:
            k += 1
        if k < n and toks[k].low in {"statement", "interview", "report", "post", "tweet", "briefing", "letter", "message", "speech"}:
            return k + 1 - i
    if i + 1 < n and toks[i].low == "on" and toks[i + 1].low in {"twitter", "x", "telegram", "facebook", "instagram", "television", "tv", "radio"}:
        return 2
    return 0


def _skip_adjuncts(toks: list[_Tok], i: int) -> int:
    while i < len(toks):
        k = _is_time_adjunct(toks, i) or _is_statement_adjunct(toks, i)
        if k:
            i += k
            continue
        if toks[i].low in {"also", "separately", "further", "again"}:
            i += 1
            continue
        break
    return i


def _np_forward(toks: list[_Tok], i: int, max_words: int = 12) -> tuple[int, int] | None:
    """Token range [i, j) of a noun phrase starting at toks[i]."""
    j = i
    n = len(toks)
    while j < n and j - i < max_words:
        t = toks[j]
        if not t.is_word:
            if t.text in {"&"}:
                j += 1
                continue
            break
        if t.low in _NP_STOP:
            break
        if t.low in _HEDGES:
            break
        if _is_time_adjunct(toks, j) and (t.low != "on" or j > i):
            break
        if _is_statement_adjunct(toks, j):
            break
        j += 1
    # do not end on a preposition or conjunction ("according to officials in")
    while j > i and toks[j - 1].low in {"in", "on", "at", "of", "and", "or", "for", "from", "with", "by", "to", "the", "a", "an"}:
        j -= 1
    return (i, j) if j > i else None


def _np_backward(toks: list[_Tok], j: int, max_words: int = 8) -> tuple[int, int] | None:
    """Token range [i, j) of a subject noun phrase ending just before toks[j]."""
    i = j
    while i > 0 and j - i < max_words:
        t = toks[i - 1]
        if not t.is_word:
            if t.text == "&":
                i -= 1
                continue
            break
        low = t.low
        if low in {"and", "or"}:
            # keep "Turkey and Iran", "Reuters and AFP"; stop at "struck Gaza and officials"
            nxt = toks[i] if i < j else None
            prv = toks[i - 2] if i >= 2 else None
            if nxt and prv and nxt.text[:1].isupper() and prv.text[:1].isupper():
                i -= 1
                continue
            break
        if low in _NP_STOP or low in _HEDGES or low in _REPORT_VERBS:
            break
        if low in {"but", "so", "yet", "while", "then", "also"}:
            break
        if low in _AUX:
            break
        if _looks_past_verb(t) and i < j:  # "Israel struck Gaza officials said" -> stop at struck
            break
        i -= 1
    if i == j:
        return None
    return (i, j)


def _looks_past_verb(t: _Tok) -> bool:
    low = t.low
    if low in _IRREGULAR_PAST:
        return True
    if low.endswith("ed") and len(low) > 4 and low not in _ED_NOT_VERB and "-" not in low and t.text.islower():
        return True
    return False


def _clause_follows(toks: list[_Tok], k: int, window: int = 8) -> bool:
    """Is toks[k:] a finite clause ("Iran had enriched ...", "Turkey would respond")?"""
    n = len(toks)
    if k >= n:
        return False
    if toks[k].low in {"to", "for", "about", "on", "of", "in", "with", "by"}:
        return False
    words = 0
    for j in range(k, min(n, k + window + 4)):
        t = toks[j]
        if not t.is_word:
            if t.text in {".", ";", "!", "?", ":"}:
                return False
            continue
        if t.low in {"that", "which", "who", "whom", "whose"} and j > k:
            return False
        if j > k and (t.low in _AUX or _looks_past_verb(t)):
            return True
        words += 1
        if words >= window:
            return False
    return False


def _ends_here(toks: list[_Tok], k: int) -> bool:
    """Nothing but punctuation (or a closing quote) at toks[k:], or a comma next."""
    if k >= len(toks):
        return True
    return not toks[k].is_word and toks[k].text in {",", ".", ";", "!", "?", ")", "—", "–", "-"} | _CLOSE_QUOTES


def _words_outside(toks: list[_Tok], a: int, b: int) -> int:
    return sum(1 for t in toks[:a] + toks[b:] if t.is_word)


def _who(sentence: str, toks: list[_Tok], rng: tuple[int, int]) -> tuple[str, int, int] | None:
    i, j = rng
    while i < j and toks[i].low in _DETERMINERS:
        i += 1
    if i >= j:
        return None
    s, e = toks[i].start, toks[j - 1].end
    return sentence[s:e], s, e


# What "citing" names when it attributes ("citing officials", "citing state media", "citing Reuters");
# otherwise it gives a reason ("citing the presence of Wagner fighters", "citing security concerns"),
# and the sentence is the actor's own account, not a report.
CITED_SOURCES = frozenset({
    "source", "sources", "official", "officials", "report", "reports", "media", "agency",
    "agencies", "newspaper", "newspapers", "ministry", "spokesman", "spokeswoman", "spokesperson", "diplomat",
    "diplomats", "people", "person", "witness", "witnesses", "document", "documents", "aide", "aides", "outlet",
    "outlets", "broadcaster", "television", "tv", "channel", "website", "press", "insiders", "residents",
    "activists", "monitors", "observatory",
})


def _names_a_source(sentence: str, toks: list[_Tok], rng: tuple[int, int]) -> bool:
    """Does the noun phrase after "citing" name who said it, rather than a reason?"""
    words = [toks[i].low for i in range(*rng)]
    if any(w in CITED_SOURCES for w in words[:6]):
        return True
    who = _who(sentence, toks, rng)
    return who is not None and _is_outlet(who[0])


def _is_outlet(name: str) -> bool:
    try:
        from dragoman.ingest.sources import default_registry

        return default_registry().by_name(name) is not None
    except Exception:  # registry missing or broken: fall back to the subject rule
        return False


# Every rule below fires on one of these words (as a whole token); most sentences contain none, and a
# substring test on the lower-cased sentence rules them out before tokenizing. (str.lower maps character
# by character for these letters, so a token equal to a cue always shows as a substring.)
_CUE_WORDS = tuple(sorted({"according", "citing", "told", "rumoured", "rumored", *_HEDGES, *_REPORT_VERBS}))


def _may_attribute(sentence: str) -> bool:
    low = sentence.lower()
    for w in _CUE_WORDS:
        if w in low:
            return True
    return False


def find_attributions(sentence: str) -> list[Attribution]:
    """Every attribution expression in the sentence, by position (overlaps removed,
    the more specific one kept)."""
    if not sentence or not sentence.strip() or not _may_attribute(sentence):
        return []
    toks = _tokens(sentence)
    n = len(toks)
    cands: list[tuple[int, int, Attribution]] = []  # (rank, token index, attribution)

    def add(rank: int, idx: int, who_rng, cue: str, start: int, end: int, via: str | None = None) -> None:
        if who_rng is None:
            cands.append((rank, idx, Attribution(None, cue, start, end, None, None, via)))
            return
        w = _who(sentence, toks, who_rng)
        if w is None:
            return
        cands.append((rank, idx, Attribution(w[0], cue, start, end, w[1], w[2], via)))

    for k, t in enumerate(toks):
        low = t.low
        # according to X
        if low == "according" and k + 1 < n and toks[k + 1].low == "to":
            rng = _np_forward(toks, k + 2)
            if rng:
                add(0, k, rng, "according to", t.start, toks[rng[1] - 1].end)
            continue
        # citing X
        if low == "citing" and k + 1 < n:
            rng = _np_forward(toks, k + 1)
            if rng and _names_a_source(sentence, toks, rng):
                add(2, k, rng, "citing", t.start, toks[rng[1] - 1].end)
            continue
        # reportedly, allegedly
        if low in _HEDGES and low != "apparently":
            add(3, k, None, low, t.start, t.end)
            continue
        # it is said that / Iran is said to have / was reported to
        if low in {"said", "reported", "alleged", "claimed", "rumoured", "rumored"} and k >= 1 and toks[k - 1].low in {"is", "are", "was", "were", "been", "being"}:
            nxt = toks[k + 1].low if k + 1 < n else ""
            if nxt == "by":
                rng = _np_forward(toks, k + 2)
                if rng:
                    add(1, k, rng, _REPORT_VERBS.get(low, low), toks[k - 1].start, toks[rng[1] - 1].end)
                continue
            if nxt in {"to", "that"}:
                add(3, k, None, _REPORT_VERBS.get(low, low), toks[k - 1].start, t.end)
            continue
        # sources told X (that)
        if low == "told" and k >= 1:
            subj = _np_backward(toks, k)
            obj = _np_forward(toks, k + 1, max_words=6)
            if subj and obj:
                head = toks[subj[1] - 1].low
                via = _who(sentence, toks, obj)
                if via and (head in _ANON_HEADS or _is_outlet(via[0])):
                    add(1, k, subj, "told", toks[subj[0]].start, toks[obj[1] - 1].end, via=via[0])
            continue
        if low not in _REPORT_VERBS or not t.text.islower():
            continue
        cue = _REPORT_VERBS[low]
        # inverted: '..., said X.'  '"...," reported X'
        if k >= 1 and (toks[k - 1].text == "," or toks[k - 1].text in _CLOSE_QUOTES):
            rng = _np_forward(toks, k + 1, max_words=8)
            if rng:
                end_k = _skip_adjuncts(toks, rng[1])
                if _ends_here(toks, end_k) and toks[rng[0]].low not in _PRONOUN_SUBJECTS | {"that"} and _words_outside(toks, k, rng[1]) >= 3:
                    add(1, k, rng, cue, t.start, toks[rng[1] - 1].end)
                    continue
        # subject + verb: 'Nordic Monitor (on Sunday) reported (that) ...'
        b = k
        while b > 0:
            if toks[b - 1].low in _ADVERBS:
                b -= 1
                continue
            # 'on Sunday', 'late on Monday', 'on March 3'
            moved = False
            for span in (2, 3, 4):
                if b - span >= 0 and _is_time_adjunct(toks, b - span) == span:
                    b -= span
                    moved = True
                    break
            if not moved:
                break
        subj = _np_backward(toks, b)
        if not subj:
            continue
        after = _skip_adjuncts(toks, k + 1)
        if after < n and toks[after].text == ",":
            # 'X said, citing ..., that' / 'X said, adding that' -> look past the comma
            after2 = after + 1
        else:
            after2 = after
        before_subj = toks[subj[0] - 1].text if subj[0] > 0 else None
        ok = False
        if after < n and toks[after].low == "that":
            ok = True
        elif cue == "claimed" and after < n and toks[after].low in _CLAIM_OBJECTS:
            ok = False
        elif _clause_follows(toks, after2 if after2 < n and toks[after2].low != "citing" else after):
            ok = True
        elif _ends_here(toks, after) and (before_subj in {",", ";", "—", "–"} or before_subj in _CLOSE_QUOTES or subj[0] == 0 and after < n and toks[after].text == ","):
            # trailing '..., diplomats said.' or parenthetical 'Turkey, diplomats said, has'
            ok = _words_outside(toks, subj[0], after) >= 3
        if ok:
            add(1, k, subj, cue, toks[subj[0]].start, t.end)

    if not cands:
        return []
    # drop candidates overlapping a better one (lower rank, then earlier)
    cands.sort(key=lambda c: (c[0], c[1]))
    chosen: list[Attribution] = []
    for _, _, a in cands:
        if all(a.end <= c.start or a.start >= c.end for c in chosen):
            chosen.append(a)
    return sorted(chosen, key=lambda a: a.start)


def find_attribution(sentence_text: str) -> Attribution | None:
    """The attribution of a sentence's claim, or None.

    With several, the one naming a source wins over a bare "reportedly", and
    "according to"/"X reported" win over "citing" (the outlet that reports it
    rather than whom it cites); ties go to the earlier one.
    """
    found = find_attributions(sentence_text)
    if not found:
        return None
    rank = {"according to": 0, "reported": 1, "said": 1, "claimed": 1, "alleged": 1, "told": 1, "citing": 2}
    named = [a for a in found if a.who]
    pool = named or found
    return min(pool, key=lambda a: (rank.get(a.cue, 3), a.start))
