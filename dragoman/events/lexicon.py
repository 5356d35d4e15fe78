"""The trigger lexicon: verb and noun patterns mapped to CAMEO codes.

Patterns are data (`dragoman/data/lexicon/triggers.yaml`); this module compiles
them into lookups keyed by lemma so the coder checks only the patterns of the
word at hand.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


@dataclass(frozen=True)
class VerbPattern:
    code: str
    lemma: str = ""
    particle: str | None = None
    objects: frozenset[str] | None = None  # None: any or no object; empty: needs an object
    prep: str | None = None
    order: int = 0
    partnered: str | None = None  # code when done jointly or with a partner (agree -> 057, exercises -> 062)


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


def parse_verb(code: str, text: str, order: int, partnered: str | None = None) -> VerbPattern:
    lemma, particle, objects, prep = None, None, None, None
    for part in text.split():
        if part.startswith("~"):
            objects = frozenset(o for o in part[1:].split("|") if o)
        elif part.startswith(">"):
            prep = part[1:]
        elif part.startswith("+"):
            particle = part[1:]
        elif lemma is None:
            lemma = part.lower()
        else:
            raise ValueError(f"verb pattern {text!r} for {code}: unexpected {part!r}")
    if lemma is None:
        raise ValueError(f"verb pattern {text!r} for {code}: no lemma")
    return VerbPattern(code, lemma, particle, objects, prep, order, partnered)


def compile_lexicon(entries: Iterable[dict]) -> Lexicon:
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[NounPattern]] = {}
    order = 0
    for entry in entries:
        code = str(entry["code"])
        for text in entry.get("verbs") or []:
            order += 1
            vp = parse_verb(code, text, order, entry.get("partnered"))
            verbs.setdefault(vp.lemma, []).append(vp)
        for text in entry.get("nouns") or []:
            order += 1
            words = tuple(text.lower().split())
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
    return (p.objects is not None and len(p.objects) > 0) * 2 + (p.prep is not None) + (p.particle is not None) * 2


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    text = resources.files("dragoman.data.lexicon").joinpath("triggers.yaml").read_text(encoding="utf-8")
    entries = list(yaml.safe_load(text))
    for path in extra:
        entries = list(yaml.safe_load(Path(path).read_text(encoding="utf-8"))) + entries
    return compile_lexicon(entries)
