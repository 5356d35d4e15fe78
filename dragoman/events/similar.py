"""Embedding fallback for trigger words the lexicon does not know.

Every lexicon pattern becomes a short phrase ("impose sanctions", "visit",
"launch missiles", "air strike"), embedded once with all-MiniLM-L6-v2
(`dragoman.events.embed`). A candidate trigger the lexicon missed becomes the
same kind of phrase (a verb lemma with its particle and object head, or a noun
with its compounds and adjectives) and takes the code of the nearest pattern
when the score reaches `threshold` and the best root leads every other root by
`margin`. A verb's score blends the cosine of the whole phrases with that of
the bare verbs, both framed as "the government will ...".

    sim = SimilarTriggers(load_lexicon())        # the setting tuned on gold/events/dev.jsonl
    sim.code_for(tok, actor_at)                  # ("163", 0.83) for "slapped tariffs on", else None
    sim.verb_pattern(tok, actor_at)              # a VerbPattern for Coder.match_verb to return, or None
    sim.noun_pattern(tok, actor_at)              # (NounPattern, first index) like Coder.match_noun, or None

Only verbs are tried by default: on dev, unknown nouns near actors were mostly
not events ("missile", "targets", "aircraft") and the noun fallback never
raised root F1. The first miss in a document embeds all of that document's
candidates in one batch; phrases are memoised per instance.

Pattern vectors are cached in a `.npy` file under the user cache directory
(`$DRAGOMAN_CACHE_DIR`, else `$XDG_CACHE_HOME/dragoman`, else
`~/.cache/dragoman`), keyed by the model and the phrase list, so a changed
lexicon is embedded afresh and an unwritable cache only costs start-up time.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from .lexicon import FALLBACK_ORDER, NOT_AN_EVENT, Lexicon, NounPattern, VerbPattern
from .modality import GOVERNOR_OF

# Words that are never event triggers on their own: saying and reporting (the coder reads
# them as attribution), being and having, bare light verbs, and the modality governors whose
# complement carries the event ("plans to visit", "tried to seize"). On dev this list beat a minimal
# one (saying verbs and copulas only) on root F1, with or without held-out lexicon entries.
REPORTING_VERBS = frozenset({
    "say", "tell", "add", "note", "state", "announce", "report", "write", "tweet", "post", "quote", "cite",
    "describe", "explain", "reply", "comment", "insist", "argue", "believe", "think", "know", "claim",
    "confirm", "reveal", "disclose", "indicate", "stress", "emphasize", "emphasise", "underline", "reiterate",
    "remark", "mention", "declare", "suggest", "estimate", "show", "see", "hear", "read", "learn", "understand",
    "consider", "regard", "call",
})
COPULAS_AND_LIGHT = frozenset({
    "be", "have", "do", "become", "seem", "appear", "remain", "stay", "get", "make", "take", "give", "put",
    "keep", "let", "go", "come", "include", "involve", "use", "need", "want", "try", "begin", "start",
    "continue", "happen", "occur", "follow", "lead", "mark", "bring", "leave", "live", "die", "look",
    "expect", "plan", "intend", "hope", "seek", "aim", "prepare", "set", "decide", "mean", "wait", "fail",
    "manage", "allow", "help", "tend", "hold", "carry", "conduct",
})
EXCLUDED_VERBS = REPORTING_VERBS | COPULAS_AND_LIGHT | frozenset(GOVERNOR_OF)
# "escalate" sits next to "de-escalate" in embedding space: a prefix that flips the meaning
POLARITY_PREFIXES = ("de-", "de", "un", "dis", "non-", "non", "anti-", "anti")

# Noun heads that name people, places, times, quantities or statements rather than acts
EXCLUDED_NOUNS = frozenset({
    "official", "minister", "ministry", "president", "government", "spokesman", "spokesperson", "leader",
    "statement", "comment", "remark", "report", "news", "source", "people", "country", "city", "region",
    "area", "border", "year", "month", "week", "day", "time", "number", "percent", "part", "way", "issue",
    "situation", "side", "party", "member", "force", "troop", "soldier", "civilian", "person", "man", "woman",
    "child", "agency", "media", "office", "state", "nation", "world", "home", "town", "village", "capital",
})

VERB_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
NOUN_CANDIDATE_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos", "oprd")
ACTOR_ENTS = ("GPE", "NORP", "ORG", "PERSON")


@dataclass(frozen=True)
class SimilarVerbPattern(VerbPattern):
    """A verb pattern found by similarity; `score` is the cosine, `nearest` the lexicon phrase."""
    score: float = 0.0
    nearest: str = ""


@dataclass(frozen=True)
class SimilarNounPattern(NounPattern):
    score: float = 0.0
    nearest: str = ""


@dataclass(frozen=True)
class Match:
    code: str
    score: float
    phrase: str  # the candidate's phrase
    nearest: str  # the lexicon phrase it is closest to
    pattern: VerbPattern | NounPattern
    lead: float = 1.0  # score minus the best score of a pattern with another CAMEO root


def _cache_dir() -> Path:
    if os.environ.get("DRAGOMAN_CACHE_DIR"):
        return Path(os.environ["DRAGOMAN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dragoman"


def _model_key() -> str:
    from . import embed

    st = (embed.model_dir() / "model.safetensors").stat()
    return f"minilm-l6-v2:{st.st_size}"


def embed_cached(phrases: list[str], cache_dir: Path | None = None) -> np.ndarray:
    """Embeddings of `phrases`, read from or written to a .npy keyed by model and phrase list."""
    from . import embed

    key = hashlib.sha1(("\n".join([_model_key(), *phrases])).encode("utf-8")).hexdigest()[:16]
    path = (cache_dir or _cache_dir()) / f"triggers-{key}.npy"
    try:
        vecs = np.load(path)
        if vecs.shape == (len(phrases), embed.DIM):
            return vecs
    except (OSError, ValueError):
        pass
    vecs = embed.encode(phrases)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npy.tmp")
        with os.fdopen(fd, "wb") as fh:
            np.save(fh, vecs)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home or full disk: recompute next time
    return vecs


def pattern_phrases(lexicon: Lexicon) -> tuple[list[str], list[VerbPattern], list[str], list[NounPattern]]:
    """One phrase per verb pattern and object alternative ("sign agreement", "sign deal"), one per noun pattern.

    A phrase shared by several patterns keeps the one the lexicon tries first; blocking entries
    (code "-", a word sense that is not an event) are no anchors: their code is not a code."""
    vphr: dict[str, VerbPattern] = {}
    for lemma, pats in lexicon.verbs.items():
        for p in pats:
            if p.code == NOT_AN_EVENT:
                continue
            head = " ".join(w for w in (lemma, p.particle) if w)
            objs = sorted(o for o in (p.objects or ()) if o and o != "@") or [""]
            for o in objs:
                vphr.setdefault(f"{head} {o}".strip(), p)
    nphr: dict[str, NounPattern] = {}
    for pats in lexicon.nouns.values():
        for p in pats:
            if p.code == NOT_AN_EVENT:
                continue
            nphr.setdefault(" ".join(p.words), p)
    return list(vphr), list(vphr.values()), list(nphr), list(nphr.values())


def _is_actorish(tok: Token, actor_at: Mapping[int, object] | None) -> bool:
    if actor_at is not None and tok.i in actor_at:
        return True
    return tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ACTOR_ENTS


def verb_phrase(tok: Token, actor_at: Mapping[int, object] | None = None) -> str:
    """"slap sanctions", "pull back", "visit": lemma, particle, and the object head unless it is an actor."""
    words = [verb_head(tok)]
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    deps = ("nsubjpass",) if passive else VERB_OBJECT_DEPS
    for c in tok.children:
        if c.dep_ in deps and c.pos_ == "NOUN" and not _is_actorish(c, actor_at):
            words.append(c.lower_)
            break
    return " ".join(words)


def verb_head(tok: Token) -> str:
    """The bare verb: lemma and particle ("pull back")."""
    return " ".join([tok.lemma_.lower()] + [c.lower_ for c in tok.children if c.dep_ == "prt"])


def _flipped(a: str, b: str) -> bool:
    """Do two verbs differ only by a prefix that reverses or undoes the act ("escalate", "de-escalate")?"""
    a, b = a.split()[0], b.split()[0]
    if a == b:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_ == pre + short for pre in POLARITY_PREFIXES)


def _head(p: VerbPattern) -> str:
    return " ".join(w for w in (p.lemma, p.particle) if w)


def noun_phrase(tok: Token, actor_at: Mapping[int, object] | None = None) -> tuple[str, int]:
    """"retaliatory strike", "arms embargo": the noun with its compounds and adjectives, and the first index."""
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i
            and c.pos_ in ("NOUN", "ADJ") and not _is_actorish(c, actor_at)]
    # only the contiguous run just before the noun, so the phrase is a span of the sentence
    first = tok.i
    for c in sorted(mods, key=lambda t: -t.i):
        if c.i == first - 1:
            first = c.i
    words = [t.lower_ for t in tok.doc[first : tok.i]] + [tok.lower_]
    return " ".join(words), first


class SimilarTriggers:
    """Nearest lexicon code for a candidate trigger, by cosine between phrase embeddings."""

    def __init__(self, lexicon: Lexicon, threshold: float = 0.75, noun_threshold: float | None = None, *,
                 phrase_weight: float = 0.5, template: str = "the government will {}", margin: float = 0.06,
                 excluded_verbs: Iterable[str] = EXCLUDED_VERBS, excluded_nouns: Iterable[str] = EXCLUDED_NOUNS,
                 nouns: bool = False, known_lemmas: bool = True, cache_dir: Path | None = None) -> None:
        """`threshold` is the least score for verbs, `noun_threshold` for nouns (default: the same).

        A verb's score against a pattern is `phrase_weight` * cosine of the whole phrases ("slap
        sanctions" / "impose sanctions") + the rest * cosine of the bare verbs ("slap" / "impose"):
        the verb term keeps "accuse" away from "deny accusation" and "strike" from "threaten strike".
        `margin` is how far the best root must lead the best pattern of any other root.
        `template` frames every verb phrase before embedding ("the government will {}"): the model was
        trained on sentences and separates bare words mostly by their spelling.
        `known_lemmas` also tries verbs the lexicon has patterns for whose constraints did not match."""
        self.lex = lexicon
        self.threshold = threshold
        self.noun_threshold = threshold if noun_threshold is None else noun_threshold
        self.excluded_verbs = frozenset(excluded_verbs)
        self.excluded_nouns = frozenset(excluded_nouns)
        self.nouns = nouns
        self.known_lemmas = known_lemmas
        self.phrase_weight = phrase_weight
        self.template = template
        self.margin = margin
        self.verb_phrases, self.verb_pats, self.noun_phrases, self.noun_pats = pattern_phrases(lexicon)
        heads = sorted({_head(p) for p in self.verb_pats})
        t = template.format
        vecs = embed_cached([t(p) for p in self.verb_phrases] + self.noun_phrases + [t(h) for h in heads], cache_dir)
        nv, nn = len(self.verb_phrases), len(self.noun_phrases)
        self.verb_vecs = vecs[:nv]
        self.noun_vecs = vecs[nv : nv + nn]
        head_vecs = dict(zip(heads, vecs[nv + nn :]))
        self.verb_head_vecs = np.stack([head_vecs[_head(p)] for p in self.verb_pats]) if nv else self.verb_vecs
        self.verb_roots = np.array([p.code[:2] for p in self.verb_pats])
        self.noun_roots = np.array([p.code[:2] for p in self.noun_pats])
        self._memo: dict[tuple[str, str, str], tuple[int, float, float]] = {}
        self._primed: tuple | None = None

    # -- nearest pattern for a phrase --------------------------------------------
    def nearest(self, phrase: str, kind: str = "verb", head: str | None = None) -> Match:
        """The closest lexicon pattern of `kind` ("verb" or "noun") to `phrase`, whatever its score.
        For verbs, `head` is the bare verb (lemma and particle) of the phrase, default the phrase."""
        key = (kind, phrase, head or phrase)
        if key not in self._memo:
            self._score([key])
        j, score, lead = self._memo[key]
        if kind == "verb":
            pat: VerbPattern | NounPattern = self.verb_pats[j]
            near = self.verb_phrases[j]
        else:
            pat = self.noun_pats[j]
            near = self.noun_phrases[j]
        return Match(pat.code, score, phrase, near, pat, lead)

    def _score(self, keys: list[tuple[str, str, str]]) -> None:
        """Embed the (kind, phrase, head) keys in one batch and memoise their nearest patterns."""
        from . import embed

        keys = list(dict.fromkeys(k for k in keys if k not in self._memo))
        if not keys:
            return
        t = self.template.format
        texts = list(dict.fromkeys(
            x for kind, phrase, head in keys for x in ((t(phrase), t(head)) if kind == "verb" else (phrase,))))
        vec = dict(zip(texts, embed.encode(texts)))
        if len(self._memo) > 100_000:
            self._memo.clear()
        w = self.phrase_weight
        for kind, phrase, head in keys:
            if kind == "verb":
                sims = w * (self.verb_vecs @ vec[t(phrase)]) + (1.0 - w) * (self.verb_head_vecs @ vec[t(head)])
                for k in np.argsort(-sims)[:3]:
                    if _flipped(head, _head(self.verb_pats[k])):
                        sims[k] = -1.0
                roots = self.verb_roots
            else:
                sims = self.noun_vecs @ vec[phrase]
                roots = self.noun_roots
            if sims.size == 0:
                self._memo[(kind, phrase, head)] = (0, -1.0, 0.0)
                continue
            j = int(np.argmax(sims))
            other = sims[roots != roots[j]]
            self._memo[(kind, phrase, head)] = (j, float(sims[j]), float(sims[j] - other.max()) if other.size else 1.0)

    def _key(self, tok: Token, actor_at: Mapping[int, object] | None) -> tuple[str, str, str] | None:
        if self.verb_candidate(tok):
            return ("verb", verb_phrase(tok, actor_at), verb_head(tok))
        if self.nouns and self.noun_candidate(tok, actor_at):
            phrase = noun_phrase(tok, actor_at)[0]
            return ("noun", phrase, phrase)
        return None

    def prime(self, tokens: Iterable[Token], actor_at: Mapping[int, object] | None = None) -> None:
        """Embed the phrases of all candidates among `tokens` in one batch (one forward pass costs
        about as much for one short phrase as for dozens: the time goes into reading the weights)."""
        self._score([k for k in (self._key(t, actor_at) for t in tokens) if k is not None])

    def _ensure(self, tok: Token, key: tuple[str, str, str], actor_at: Mapping[int, object] | None) -> None:
        # first miss in a document: score every candidate of that document at once
        if key in self._memo:
            return
        doc = tok.doc
        mark = (id(doc), len(doc), doc.text[:64])
        if mark != self._primed:
            self._primed = mark
            self.prime(doc, actor_at)
        if key not in self._memo:
            self._score([key])

    # -- candidates ---------------------------------------------------------------
    def verb_candidate(self, tok: Token) -> bool:
        if tok.pos_ != "VERB" or tok.dep_ in ("aux", "auxpass"):
            return False
        lemma = tok.lemma_.lower()
        if lemma in self.excluded_verbs or not lemma.isalpha():
            return False
        pats = self.lex.verb_patterns(lemma)
        if not pats:
            return True
        # a lexicon verb with an unconstrained pattern always matches there: never the fallback's case
        return self.known_lemmas and not any(p.particle is None and p.prep is None and p.objects is None for p in pats)

    def noun_candidate(self, tok: Token, actor_at: Mapping[int, object] | None = None) -> bool:
        """A common noun in an argument slot with an actor next to it (its modifier, its of/by phrase,
        or the subject of the verb it belongs to)."""
        if tok.pos_ != "NOUN" or tok.dep_ not in NOUN_CANDIDATE_DEPS or not tok.is_alpha:
            return False
        if tok.lemma_.lower() in self.excluded_nouns or _is_actorish(tok, actor_at):
            return False
        if self.lex.noun_patterns(tok.lower_) or self.lex.noun_patterns(tok.lemma_):
            return False
        near = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        near += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "by", "between", "from")
                 for p in c.children if p.dep_ == "pobj"]
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ in ("dobj", "attr", "nsubjpass", "oprd", "pobj") and verb.pos_ in ("VERB", "AUX"):
            near += [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
        return any(_is_actorish(t, actor_at) or any(_is_actorish(cc, actor_at) for cc in t.children
                                                    if cc.dep_ in ("compound", "amod", "poss")) for t in near)

    # -- the coder's entry points ---------------------------------------------------
    def match(self, tok: Token, actor_at: Mapping[int, object] | None = None) -> Match | None:
        """The nearest pattern for a candidate verb or noun when it reaches the threshold."""
        key = self._key(tok, actor_at)
        if key is None:
            return None
        self._ensure(tok, key, actor_at)
        kind, phrase, head = key
        m = self.nearest(phrase, kind, head)
        least = self.threshold if kind == "verb" else self.noun_threshold
        return m if m.score >= least and m.lead >= self.margin else None

    def code_for(self, tok: Token, actor_at: Mapping[int, object] | None = None) -> tuple[str, float] | None:
        """(CAMEO code, cosine) of the nearest lexicon pattern, or None below the threshold."""
        m = self.match(tok, actor_at)
        return (m.code, m.score) if m else None

    def verb_pattern(self, tok: Token, actor_at: Mapping[int, object] | None = None) -> SimilarVerbPattern | None:
        """What `Coder.match_verb` returns, for a verb the lexicon missed."""
        if not self.verb_candidate(tok):
            return None
        m = self.match(tok, actor_at)
        if m is None:
            return None
        return SimilarVerbPattern(code=m.code, partnered=m.pattern.partnered, lemma=tok.lemma_.lower(),
                                  order=FALLBACK_ORDER, score=round(m.score, 3), nearest=m.nearest)

    def noun_pattern(self, tok: Token, actor_at: Mapping[int, object] | None = None
                     ) -> tuple[SimilarNounPattern, int] | None:
        """What `Coder.match_noun` returns, for a noun the lexicon missed: the pattern and its first token."""
        if self.verb_candidate(tok) or not (self.nouns and self.noun_candidate(tok, actor_at)):
            return None
        m = self.match(tok, actor_at)
        if m is None:
            return None
        pat = m.pattern
        first = noun_phrase(tok, actor_at)[1]
        of_role = pat.of_role if isinstance(pat, NounPattern) else "source"
        words = tuple(t.lower_ for t in tok.doc[first : tok.i + 1])
        return SimilarNounPattern(code=m.code, words=words, of_role=of_role, order=FALLBACK_ORDER,
                                  partnered=pat.partnered, score=round(m.score, 3), nearest=m.nearest), first
