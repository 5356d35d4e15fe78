"""A small learned fallback for trigger words the lexicon does not know.

A softmax classifier over cheap per-token features says whether a verb or noun
is an event trigger and of which CAMEO root. It plugs into `Coder(lexicon,
similar=...)` like `events.similar.SimilarTriggers`: the coder asks it only
about tokens the lexicon left unmatched, and the coder's own role machinery
finds source and target (a trigger without a doer is still dropped there).

Features, all already computed by spaCy or a dictionary look-up away:
- the token's row of `doc.tensor` (the 96-dim tok2vec context vector of
  en_core_web_sm) and its syntactic head's row;
- hashed lexical features: lemma, POS and dependency, the head's lemma, the
  object's lemma, particle and prepositions, suffix, which argument slots hold
  actors.

No transformer runs per sentence for the shipped model: the forward pass is one
small matrix product per candidate. Weights are trained by
`scripts/train_triggers.py` on the gold dev sets and shipped as
`dragoman/data/models/triggers.npz`.

A model may also read MiniLM context vectors (`Model.w_ctx`): the last encoder
layer averaged over the token's wordpieces, for the token and its head
(`embed.token_vectors`), optionally through one hidden ReLU layer. Those cost
one MiniLM forward pass per sentence, run only when the coder asks about an
unmatched candidate in a sentence that names an actor.

    learned = LearnedTriggers.load()
    Coder(load_lexicon(), similar=learned)
"""
from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from .lexicon import FALLBACK_ORDER, NounPattern, VerbPattern
from .similar import ACTOR_ENTS, EXCLUDED_NOUNS, EXCLUDED_VERBS

NONE = "--"  # the class of tokens that are no trigger
N_HASH = 1 << 13
TENSOR_DIM = 96
CTX_DIM = 2 * 384  # MiniLM vectors (embed.DIM) of the token and of its head
OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
ARG_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "agent", "dative", "compound", "amod", "nmod")
CANDIDATE_POS = ("VERB", "NOUN")


# shipped models by name: the default reads spaCy's tensor and lexical features; "minilm" also reads
# MiniLM context vectors (one encoder pass per sentence it is asked about)
MODEL_FILES = {"default": "triggers.npz", "minilm": "triggers_minilm.npz"}


def model_path(name: str = "default") -> Path:
    return Path(str(resources.files("dragoman") / "data" / "models" / MODEL_FILES[name]))


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_HASH


def is_candidate(tok: Token) -> bool:
    """A verb or common noun that could be an unknown trigger: alphabetic, not a light, reporting
    or modal verb (their complement carries the event), not a noun naming people, places or times."""
    if tok.pos_ not in CANDIDATE_POS or tok.dep_ in ("aux", "auxpass") or not tok.is_alpha:
        return False
    lemma = tok.lemma_.lower()
    return lemma not in (EXCLUDED_VERBS if tok.pos_ == "VERB" else EXCLUDED_NOUNS)


def _actorish(tok: Token, actor_at: Mapping[int, Any]) -> bool:
    return tok.i in actor_at or tok.ent_type_ in ACTOR_ENTS


def has_actor(tok: Token, actor_at: Mapping[int, Any]) -> bool:
    """Does the token's sentence name an actor? Without one the coder could find no doer anyway."""
    sent = tok.sent
    return any(i in actor_at for i in range(sent.start, sent.end))


def lexical_features(tok: Token, actor_at: Mapping[int, Any]) -> list[str]:
    """Feature strings of one candidate; hashed into the weight table."""
    lemma = tok.lemma_.lower()
    head = tok.head
    feats = [f"l={lemma}", f"p={tok.pos_}", f"d={tok.dep_}", f"pd={tok.pos_}:{tok.dep_}",
             f"h={head.lemma_.lower()}", f"hd={tok.dep_}:{head.lemma_.lower()}", f"hp={head.pos_}",
             f"s3={lemma[-3:]}", f"s4={lemma[-4:]}", f"pl={tok.pos_}:{lemma}"]
    for c in tok.children:
        dep = c.dep_
        if dep in OBJECT_DEPS and c.pos_ == "NOUN":
            obj = c.lemma_.lower()
            feats += [f"o={obj}", f"lo={lemma}:{obj}"]
        elif dep == "prt":
            feats += [f"prt={c.lower_}", f"lp={lemma}:{c.lower_}"]
        elif dep in ("prep", "agent"):
            feats += [f"pr={c.lower_}", f"lpr={lemma}:{c.lower_}"]
        elif dep == "auxpass":
            feats.append("passive")
        elif dep == "neg":
            feats.append("neg")
        elif dep in ("amod", "compound") and c.i < tok.i and c.pos_ in ("ADJ", "NOUN"):
            feats.append(f"m={c.lemma_.lower()}")
        if dep in ARG_DEPS and _actorish(c, actor_at):
            feats.append(f"ad={dep}")
        elif dep == "prep" and any(_actorish(p, actor_at) for p in c.children if p.dep_ == "pobj"):
            feats.append(f"ap={c.lower_}")
    if tok.dep_ == "pobj":
        feats.append(f"under={head.lower_}")
    return feats


@dataclass
class Model:
    """Softmax weights: dense (tensor rows) and hashed lexical features, one column per class."""
    w_dense: np.ndarray  # (2 * TENSOR_DIM, K)
    w_hash: np.ndarray  # (N_HASH, K)
    bias: np.ndarray  # (K,)
    classes: list[str]  # NONE first, then CAMEO roots
    root_code: dict[str, str]  # the code given for a root when no lemma-specific one is known
    lemma_code: dict[str, str]  # "lemma:root" -> code seen with that lemma in training
    mean: np.ndarray  # dense feature centring
    scale: np.ndarray
    w_lemma: np.ndarray | None = None  # (embed.DIM, K) when the model also reads the lemma's MiniLM vector
    # root -> least probability for proposing it, calibrated on out-of-fold proposals (a root missing
    # from a calibrated table is never proposed); None: an uncalibrated model, the global thresholds rule
    root_threshold: dict[str, float] | None = None
    # MiniLM context head (None: the model does not read MiniLM token vectors): centring of the
    # (CTX_DIM,) input, an optional hidden ReLU layer, and the output weights of the head
    w_ctx: np.ndarray | None = None  # (CTX_DIM or hidden size, K)
    ctx_mean: np.ndarray | None = None
    ctx_scale: np.ndarray | None = None
    w_hidden: np.ndarray | None = None  # (CTX_DIM, hidden size)
    b_hidden: np.ndarray | None = None

    OPTIONAL = ("w_lemma", "w_ctx", "ctx_mean", "ctx_scale", "w_hidden", "b_hidden")

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        optional = {k: getattr(self, k).astype(np.float32) for k in self.OPTIONAL if getattr(self, k) is not None}
        np.savez_compressed(
            path, w_dense=self.w_dense.astype(np.float32), w_hash=self.w_hash.astype(np.float16),
            bias=self.bias.astype(np.float32), classes=np.array(self.classes),
            root_code=np.array([f"{k}={v}" for k, v in sorted(self.root_code.items())]),
            lemma_code=np.array([f"{k}={v}" for k, v in sorted(self.lemma_code.items())]),
            mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32), **optional,
            **({} if self.root_threshold is None else {"root_threshold": np.array(
                [f"{k}={v:.4f}" for k, v in sorted(self.root_threshold.items())], dtype=str)}))

    @classmethod
    def read(cls, path: Path) -> Model:
        z = np.load(path, allow_pickle=False)

        def table(key: str) -> dict[str, str]:
            return dict(s.split("=", 1) for s in z[key].tolist())

        calibrated = {k: float(v) for k, v in table("root_threshold").items()} if "root_threshold" in z.files else None
        optional = {k: z[k] for k in cls.OPTIONAL if k in z.files}
        return cls(z["w_dense"], z["w_hash"].astype(np.float32), z["bias"], z["classes"].tolist(),
                   table("root_code"), table("lemma_code"), z["mean"], z["scale"],
                   root_threshold=calibrated, **optional)

    def logits(self, dense: np.ndarray, hashed: list[list[int]], ctx: np.ndarray | None = None,
               lemma: np.ndarray | None = None) -> np.ndarray:
        """Class scores of n candidates from their feature blocks: dense (n, 2*TENSOR_DIM), hashed feature
        indices, MiniLM context rows (n, CTX_DIM) and lemma vectors (n, DIM) when the model reads them.
        The one scoring function of the runtime and the training script's held-out views."""
        out = ((dense - self.mean) / self.scale) @ self.w_dense + self.bias
        if hashed:
            out = out + np.stack([self.w_hash[h].sum(0) for h in hashed])
        if self.w_lemma is not None:
            out = out + lemma @ self.w_lemma
        if self.w_ctx is not None:
            out = out + self.context_head(ctx) @ self.w_ctx
        return out

    def context_head(self, ctx: np.ndarray) -> np.ndarray:
        """The centred context rows, through the hidden layer when the model has one."""
        x = (ctx - self.ctx_mean) / self.ctx_scale
        if self.w_hidden is None:
            return x
        return np.maximum(x @ self.w_hidden + self.b_hidden, 0.0)


def dense_features(tok: Token) -> np.ndarray:
    """The token's and its head's context vectors (zeros when the pipeline left no tensor)."""
    tensor = tok.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(tok.doc) or tensor.shape[1] != TENSOR_DIM:
        return np.zeros(2 * TENSOR_DIM, dtype=np.float32)
    return np.concatenate([tensor[tok.i], tensor[tok.head.i]])


def sentence_vectors(sents: list[Span]) -> list[np.ndarray]:
    """MiniLM token vectors of whole sentences, one (len(sent), 384) array each, batched."""
    from . import embed

    spans = [[(t.idx - s.start_char, t.idx - s.start_char + len(t.text)) for t in s] for s in sents]
    return embed.token_vectors([s.text for s in sents], spans)


def context_row(rows: np.ndarray, tok: Token, start: int) -> np.ndarray:
    """The token's and its head's rows of its sentence's vectors (the token's own for a head elsewhere)."""
    head = tok.head.i - start
    own = tok.i - start
    return np.concatenate([rows[own], rows[head if 0 <= head < len(rows) else own]])


class ContextVectors:
    """tok -> its MiniLM context features; one forward pass per sentence, on the first question about
    it, kept while the coder stays in the same doc (whatever order it asks in), dropped at the next."""

    def __init__(self, compute: Any = sentence_vectors) -> None:
        self.compute = compute
        self.passes = 0  # sentences embedded so far, for cost accounting
        self._doc: tuple[int, str] | None = None
        self._rows: dict[int, np.ndarray] = {}  # sentence start -> its token rows

    def __call__(self, tok: Token) -> np.ndarray:
        doc_key = (id(tok.doc), tok.doc.text)  # the text guards against a reused doc id
        if doc_key != self._doc:
            self._doc, self._rows = doc_key, {}
        sent = tok.sent
        rows = self._rows.get(sent.start)
        if rows is None:
            rows = self._rows[sent.start] = self.compute([sent])[0]
            self.passes += 1
        return context_row(rows, tok, sent.start)


def memo_lemma_vector() -> Any:
    """lemma -> its MiniLM vector, one forward pass per distinct lemma in this process."""
    from . import embed

    memo: dict[str, np.ndarray] = {}

    def vector(lemma: str) -> np.ndarray:
        v = memo.get(lemma)
        if v is None:
            v = memo[lemma] = embed.encode([lemma])[0]
        return v

    return vector


class LearnedTriggers:
    """The coder's fallback: a CAMEO code for an unknown trigger verb or noun, or None."""

    def __init__(self, model: Model, threshold: float = 0.6, noun_threshold: float = 0.8, nouns: bool = True,
                 lemma_vector: Any = None, veto_threshold: float | None = None, add: bool = True,
                 calibrated: bool = True, context_vectors: Any = None) -> None:
        """`threshold`: least probability of the best root for a verb; `noun_threshold` for nouns,
        which are more often no event ("missile", "aircraft") than unknown verbs are.
        `lemma_vector` (lemma -> vector) serves a model with lemma weights; default: MiniLM, memoised.
        `veto_threshold`: drop a lexicon trigger whose probability of being no trigger reaches it (None: never).
        `add`: propose triggers for words the lexicon missed (False: veto only).
        `calibrated`: also apply the model's per-root thresholds, when it has them (False: global ones only).
        `context_vectors` (tok -> CTX_DIM row) serves a model with a MiniLM head; default: ContextVectors()."""
        self.calibrated = calibrated
        self.veto_threshold = veto_threshold
        self.add = add
        self.model = model
        self.lemma_vector = lemma_vector or (memo_lemma_vector() if model.w_lemma is not None else None)
        self.context_vectors = context_vectors or (ContextVectors() if model.w_ctx is not None else None)
        self.threshold = threshold
        self.noun_threshold = noun_threshold
        self.nouns = nouns
        self._hashes: dict[str, int] = {}
        self._sent: tuple[int, int, int] | None = None
        self._sent_has_actor = False

    @classmethod
    def load(cls, path: Path | None = None, **kwargs: Any) -> LearnedTriggers:
        return cls(Model.read(path or model_path()), **kwargs)

    # -- scoring --------------------------------------------------------------
    def _indices(self, feats: list[str]) -> list[int]:
        memo = self._hashes
        out = []
        for f in feats:
            h = memo.get(f)
            if h is None:
                if len(memo) > 200_000:
                    memo.clear()
                h = memo[f] = _hash(f)
            out.append(h)
        return out

    def probs(self, tok: Token, actor_at: Mapping[int, Any] | None = None) -> np.ndarray:
        """Class probabilities of one token (classes in `model.classes`)."""
        m = self.model
        lemma = self.lemma_vector(tok.lemma_.lower())[None] if m.w_lemma is not None else None
        ctx = self.context_vectors(tok)[None] if m.w_ctx is not None else None
        logits = m.logits(dense_features(tok)[None], [self._indices(lexical_features(tok, actor_at or {}))],
                          ctx, lemma)[0]
        logits -= logits.max()
        e = np.exp(logits)
        return e / e.sum()

    def predict(self, tok: Token, actor_at: Mapping[int, Any] | None = None) -> tuple[str, float] | None:
        """(CAMEO code, probability) for a candidate above its threshold, else None."""
        actor_at = actor_at or {}
        if not self.add or not is_candidate(tok) or (tok.pos_ == "NOUN" and not self.nouns) or not self._has_actor(tok, actor_at):
            return None
        p = self.probs(tok, actor_at)
        k = int(np.argmax(p[1:])) + 1
        root = self.model.classes[k]
        if p[k] < self.least(root, tok.pos_):
            return None
        lemma = tok.lemma_.lower()
        return self.model.lemma_code.get(f"{lemma}:{root}", self.model.root_code[root]), float(p[k])

    def least(self, root: str, pos: str) -> float:
        """The probability a proposal of `root` needs: the global threshold of its word class, raised to
        the root's calibrated one (out-of-fold evidence says which roots the model gets right)."""
        least = self.threshold if pos == "VERB" else self.noun_threshold
        table = self.model.root_threshold
        if table is None or not self.calibrated:
            return least
        return max(least, table.get(root, np.inf))

    def _has_actor(self, tok: Token, actor_at: Mapping[int, Any]) -> bool:
        sent = tok.sent
        key = (id(tok.doc), sent.start, sent.end)
        if key != self._sent:
            self._sent, self._sent_has_actor = key, has_actor(tok, actor_at)
        return self._sent_has_actor

    # -- the coder's entry points -----------------------------------------------
    def veto(self, tok: Token, pat: Any, actor_at: Mapping[int, Any] | None = None) -> bool:
        """Should the coder drop this lexicon trigger? Only with a veto threshold, never for a fallback's pattern."""
        if self.veto_threshold is None or getattr(pat, "order", 0) == FALLBACK_ORDER:
            return False
        actor_at = actor_at or {}
        if not is_candidate(tok) or not self._has_actor(tok, actor_at):
            return False
        return float(self.probs(tok, actor_at)[0]) >= self.veto_threshold

    def candidate_pos(self) -> tuple[str, ...]:
        """POS tags the coder's prefilter must let through for this fallback."""
        return ("VERB", "NOUN") if self.nouns else ("VERB",)

    def verb_pattern(self, tok: Token, actor_at: Mapping[int, Any] | None = None) -> VerbPattern | None:
        if tok.pos_ != "VERB":
            return None
        hit = self.predict(tok, actor_at)
        if hit is None:
            return None
        return VerbPattern(code=hit[0], lemma=tok.lemma_.lower(), order=FALLBACK_ORDER)

    def noun_pattern(self, tok: Token, actor_at: Mapping[int, Any] | None = None) -> tuple[NounPattern, int] | None:
        if tok.pos_ != "NOUN":
            return None
        hit = self.predict(tok, actor_at)
        if hit is None:
            return None
        return NounPattern(code=hit[0], words=(tok.lower_,), order=FALLBACK_ORDER), tok.i


class FallbackChain:
    """Several fallbacks behind the coder's one `similar` slot: the first that codes a word wins,
    and any of them may veto a lexicon trigger."""

    def __init__(self, fallbacks: list[Any]) -> None:
        self.fallbacks = list(fallbacks)

    def candidate_pos(self) -> tuple[str, ...] | None:
        """The union of the members' prefilter tags; None (check every token) when one has none."""
        tags: list[str] = []
        for f in self.fallbacks:
            own = getattr(f, "candidate_pos", None)
            if own is None:
                return None
            tags += own()
        return tuple(dict.fromkeys(tags))

    def verb_pattern(self, tok: Token, actor_at: Mapping[int, Any] | None = None) -> VerbPattern | None:
        return next((p for f in self.fallbacks if (p := f.verb_pattern(tok, actor_at)) is not None), None)

    def noun_pattern(self, tok: Token, actor_at: Mapping[int, Any] | None = None) -> tuple[NounPattern, int] | None:
        return next((p for f in self.fallbacks if (p := f.noun_pattern(tok, actor_at)) is not None), None)

    def veto(self, tok: Token, pat: Any, actor_at: Mapping[int, Any] | None = None) -> bool:
        return any(getattr(f, "veto", None) is not None and f.veto(tok, pat, actor_at) for f in self.fallbacks)
