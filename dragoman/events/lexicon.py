"""The trigger lexicon: verb and noun patterns mapped to CAMEO codes.

Patterns are data (`dragoman/data/lexicon/triggers.yaml`); this module compiles
them into lookups keyed by lemma so the coder checks only the patterns of the
word at hand.

Two conveniences keep the data short and consistent:
- named word sets (`- set: weapons` with `words: [...]`) that verb object lists
  name as `$weapons` ("supply ~$weapons", "fire ~$projectiles|shells"), so one
  list of weapon nouns serves every verb that takes them;
- hyphenated nouns ("cease-fire", "sit-in") are also compiled as the three
  tokens the tokenizer splits them into ("cease", "-", "fire").
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Token


# The code of a blocking entry: a word sense that is not an event ("launched a lunar probe", "press ahead
# with"). Being more specific than the event patterns of the same word, it wins and the word stays uncoded.
NOT_AN_EVENT = "-"
# The order of a pattern a fallback (events.similar, events.learned) proposes: after every lexicon pattern.
FALLBACK_ORDER = 10**6


# Verb forms the spaCy lemmatiser misreads ("staged" -> "stag", "readied" -> "readie", "retook" -> "retook",
# "waged" -> "wag"): the right lemma, the wrong one it gives, and the forms it gives it for. A token is
# read under the right lemma only when the parse gave exactly that wrong lemma for that form, so "rapped"
# stays "rap"; a pattern written under a wrong lemma is compiled under the right one.
LEMMA_FIXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("stage", "stag", ("staged", "staging", "stages")),
    ("ready", "readie", ("readied",)),
    ("readmit", "readmitte", ("readmitted", "readmitting")),
    ("retake", "retook", ("retook",)),
    ("wage", "wag", ("waged", "waging", "wages")),
    ("fine", "fin", ("fined", "fining", "fines")),
    ("lambaste", "lambast", ("lambasted", "lambasting", "lambastes")),
    ("extol", "extoll", ("extolled", "extolling")),
    ("snipe", "snip", ("sniped", "sniping", "snipes")),
    ("rape", "rap", ("raped", "raping", "rapes")),
    ("unban", "unbanne", ("unbanned", "unbanning")),
    ("teargas", "teargasse", ("teargassed", "teargassing")),
    ("reappoint", "reappointe", ("reappointed", "reappointing")),
    ("scapegoat", "scapegoate", ("scapegoated", "scapegoating")),
    ("waterboard", "waterboarde", ("waterboarded", "waterboarding")),
    ("forgive", "forgave", ("forgave",)),
    ("leap", "leapt", ("leapt",)),
)
_FIXED_LEMMA = {(form, wrong): right for right, wrong, forms in LEMMA_FIXES for form in forms}
MISREAD_LEMMAS = {wrong: right for right, wrong, _ in LEMMA_FIXES}


def lemma_of(tok: Token) -> str:
    """The token's lemma, corrected where the lemmatiser is known to misread the form (LEMMA_FIXES)."""
    lemma = tok.lemma_
    return _FIXED_LEMMA.get((tok.lower_, lemma), lemma)


def fixed_forms(lemmas: Iterable[str]) -> set[str]:
    """The misread forms of these lemmas, for a prefilter that looks at surface forms and parser lemmas."""
    wanted = set(lemmas)
    return {form for right, _, forms in LEMMA_FIXES if right in wanted for form in forms}


@dataclass(frozen=True)
class VerbPattern:
    code: str
    lemma: str = ""
    particle: str | None = None
    objects: frozenset[str] | None = None  # None: any or no object; empty: needs an object
    prep: str | None = None
    order: int = 0
    partnered: str | None = None  # code when done jointly or with a partner (agree -> 057, exercises -> 062)
    # ">to~streets": the preposition must govern one of these nouns, no actor needed ("took to the streets",
    # "put ... on hold"); None: the preposition must lead to an actor or place
    prep_objects: frozenset[str] | None = None


@dataclass(frozen=True)
class NounPattern:
    code: str
    words: tuple[str, ...]
    of_role: str = "source"
    order: int = 0
    partnered: str | None = None


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbPattern]]
    nouns: dict[str, list[NounPattern]]  # keyed by the last (head) word

    def verb_patterns(self, lemma: str) -> list[VerbPattern]:
        return self.verbs.get(lemma.lower(), [])

    def noun_patterns(self, word: str) -> list[NounPattern]:
        return self.nouns.get(word.lower(), [])


def parse_verb(code: str, text: str, order: int, partnered: str | None = None,
               sets: dict[str, frozenset[str]] | None = None) -> VerbPattern:
    lemma, particle, objects, prep, prep_objects = None, None, None, None, None
    for part in text.split():
        if part[0] in "~>+" and {"~": objects, ">": prep, "+": particle}[part[0]] is not None:
            raise ValueError(f"verb pattern {text!r} for {code}: a second {part[0]!r} slot")
        if part.startswith("~"):
            objects = frozenset(_expand_objects(part[1:], sets or {}, code, text))
        elif part.startswith(">"):
            prep, _, nouns = part[1:].partition("~")
            if "|" in prep:
                raise ValueError(f"verb pattern {text!r} for {code}: one preposition per pattern, "
                                 f"write a pattern for each of {prep!r}")
            if nouns:
                prep_objects = frozenset(_expand_objects(nouns, sets or {}, code, text))
        elif part.startswith("+"):
            particle = part[1:]
        elif lemma is None:
            lemma = MISREAD_LEMMAS.get(part.lower(), part.lower())
        else:
            raise ValueError(f"verb pattern {text!r} for {code}: unexpected {part!r}")
    if lemma is None:
        raise ValueError(f"verb pattern {text!r} for {code}: no lemma")
    return VerbPattern(code, lemma, particle, objects, prep, order, partnered, prep_objects)


# Words the parser attaches as particles or prepositions, never as a verb's object: written
# in an object slot ("stand ~up >for", "push ~for") they are a typo for `+` or `>` and the
# pattern silently never matches, so the loader refuses them.
NOT_OBJECTS = frozenset({"up", "down", "off", "out", "back", "over", "in", "away", "aside", "for", "on", "to",
                         "with", "about", "into", "from", "at", "by", "against", "between"})


def _expand_objects(spec: str, sets: dict[str, frozenset[str]], code: str, text: str) -> set[str]:
    """`a|$set|b` -> the words, with each `$name` replaced by that named set."""
    out: set[str] = set()
    for o in spec.split("|"):
        if not o:
            continue
        if o.lower() in NOT_OBJECTS:
            raise ValueError(f"verb pattern {text!r} for {code}: {o!r} is a particle or preposition, "
                             f"write it as +{o} or >{o}, not as an object")
        if o.startswith("$"):
            if o[1:] not in sets:
                raise ValueError(f"verb pattern {text!r} for {code}: unknown word set {o!r}")
            out |= sets[o[1:]]
        else:
            out.add(o.lower())
    return out


def noun_forms(text: str) -> list[tuple[str, ...]]:
    """The token sequences a noun pattern matches: as written, and with hyphens split off."""
    words = tuple(text.lower().split())
    split = tuple(w for part in words for w in _split_hyphens(part))
    return [words] if split == words else [words, split]


def _split_hyphens(word: str) -> list[str]:
    """'cease-fire' -> ['cease', '-', 'fire'], as spaCy's infix rule tokenizes it."""
    if "-" not in word.strip("-"):
        return [word]
    out: list[str] = []
    for i, piece in enumerate(word.split("-")):
        if i:
            out.append("-")
        if piece:
            out.append(piece)
    return out


def compile_lexicon(entries: Iterable[dict]) -> Lexicon:
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[NounPattern]] = {}
    entries = list(entries)
    sets = {str(e["set"]): frozenset(str(w).lower() for w in e.get("words") or []) for e in entries if "set" in e}
    order = 0
    for entry in entries:
        if "set" in entry:
            continue
        code = str(entry["code"])
        for text in entry.get("verbs") or []:
            order += 1
            vp = parse_verb(code, text, order, entry.get("partnered"), sets)
            verbs.setdefault(vp.lemma, []).append(vp)
        for text in entry.get("nouns") or []:
            order += 1
            for words in noun_forms(text):
                nouns.setdefault(words[-1], []).append(
                    NounPattern(code, words, entry.get("of", "source"), order, entry.get("partnered")))
    for table in (verbs, nouns):
        for pats in table.values():
            # longer, more constrained patterns first; then file order
            pats.sort(key=lambda p: (-_specificity(p), p.order))
    return Lexicon(verbs, nouns)


def _specificity(p: VerbPattern | NounPattern) -> int:
    if isinstance(p, NounPattern):
        return len(p.words)
    return (p.objects is not None and len(p.objects) > 0) * 2 + (p.prep is not None) + (p.particle is not None) * 2 \
        + (p.prep_objects is not None) * 2


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    text = resources.files("dragoman.data.lexicon").joinpath("triggers.yaml").read_text(encoding="utf-8")
    entries = list(yaml.safe_load(text))
    for path in extra:
        entries = list(yaml.safe_load(Path(path).read_text(encoding="utf-8"))) + entries
    return compile_lexicon(entries)


def codes_in(lex: Lexicon) -> set[str]:
    """Every CAMEO code the lexicon can assign, partnered codes included."""
    pats = [p for table in (lex.verbs, lex.nouns) for ps in table.values() for p in ps]
    return ({p.code for p in pats} | {p.partnered for p in pats if p.partnered}) - {NOT_AN_EVENT}
