"""Train the learned trigger fallback (dragoman/events/learned.py) on the gold dev sets.

    python scripts/train_triggers.py                       # train on the DEV_FILES (dev..dev5), write the model
    python scripts/train_triggers.py --cv                  # leave-one-dev-set-out: rules alone vs rules + learned
    python scripts/train_triggers.py --cv --no-write       # the same, without rewriting the shipped model
    python scripts/train_triggers.py --cv --no-write --features minilm+lex --hidden 64 --lr 0.01 --epochs 400 \
        --classifier-cv
                                                           # MiniLM token vectors; also score the classifier alone

Each gold event's trigger string is found in the text and aligned to the head
(dependency root) of its token span; that token is labelled with the event's
CAMEO root, every other candidate token (events.learned.is_candidate, in a
sentence that names an actor) is labelled NONE. A softmax regression over the
features of `events.learned` is fitted with Adam in NumPy (fixed seed, full
batch), so a rerun writes the same weights.

`--features` picks the feature blocks (FEATURES): the spaCy tensor rows, the
hashed lexical features, and MiniLM context vectors of the token and its head
(events.learned.ContextVectors), the last optionally through `--hidden` ReLU
units. `--classifier-cv` adds a view without the lexicon: per held-out file,
the classifier alone over every candidate token (trigger detection P/R and root
accuracy on the gold trigger tokens), since the rules' CV only leaves the
classifier the words a lexicon tuned on all five files still misses.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dragoman.eval.events import _align, _span, evaluate_events, load_gold  # noqa: E402
from dragoman.events import learned as L  # noqa: E402
from dragoman.events.coder import Coder  # noqa: E402
from dragoman.events.lexicon import Lexicon  # noqa: E402
from dragoman.records import Document  # noqa: E402

GOLD = ROOT / "gold" / "events"
# the training files, named: later dev files (dev6, dev7) are kept for first-contact measurement, test is held out
DEV_FILES = ("dev.jsonl", "dev2.jsonl", "dev3.jsonl", "dev4.jsonl", "dev5.jsonl")
# feature blocks per setting: spaCy tensor rows, hashed lexical features, MiniLM context vectors
FEATURES = {
    "current": {"tensor": True, "hash": True, "ctx": False},
    "minilm": {"tensor": False, "hash": False, "ctx": True},
    "minilm+lex": {"tensor": False, "hash": True, "ctx": True},
    "all": {"tensor": True, "hash": True, "ctx": True},
}


@dataclass
class Parsed:
    """One gold file, parsed and actor-resolved once, so folds and settings reuse the parse."""
    path: Path
    items: list[dict]
    docs: list[Document]
    sdocs: list
    actor_at: list[dict]


def dev_sets() -> list[Path]:
    """The training files of DEV_FILES (never test, never a dev file added later)."""
    return [GOLD / name for name in DEV_FILES]


class ContextCache:
    """MiniLM context rows of the parsed gold sentences, embedded once in batches and shared by every
    fold, fit and coder of the run (a fallback asks by token: the key is its doc and sentence)."""

    def __init__(self) -> None:
        self.rows: dict[tuple[int, int], np.ndarray] = {}
        self.seconds = 0.0
        self.sentences = 0

    def fill(self, parsed: Iterable[Parsed]) -> None:
        """Embed every sentence that names an actor and has a candidate (those a fallback is asked about)."""
        sents = [s for p in parsed for sdoc, at in zip(p.sdocs, p.actor_at) for s in sdoc.sents
                 if (id(sdoc), s.start) not in self.rows and any(L.is_candidate(t) for t in s)
                 and L.has_actor(s[0], at)]
        t0 = time.perf_counter()
        for s, rows in zip(sents, L.sentence_vectors(sents)):
            self.rows[(id(s.doc), s.start)] = rows
        self.seconds += time.perf_counter() - t0
        self.sentences += len(sents)

    def __call__(self, tok) -> np.ndarray:
        sent = tok.sent
        rows = self.rows.get((id(tok.doc), sent.start))
        if rows is None:
            rows = self.rows[(id(tok.doc), sent.start)] = L.sentence_vectors([sent])[0]
        return L.context_row(rows, tok, sent.start)


CONTEXT = ContextCache()


def parse(pipe, path: Path) -> Parsed:
    from dragoman.pipeline import _anchor

    items = load_gold(path)
    docs = [Document(text=it["text"], published=it.get("published"), published_precision="day"
                     if it.get("published") else "unknown", doc_id=it["id"]) for it in items]
    sdocs = list(pipe.nlp.pipe([d.text for d in docs], batch_size=pipe.batch_size))
    actor_at = []
    for doc, sdoc in zip(docs, sdocs):
        at = {}
        for a in pipe.actors.resolve(sdoc, _anchor(doc).start):
            for i in range(a.start, a.end):
                at[i] = a
        actor_at.append(at)
    return Parsed(path, items, docs, sdocs, actor_at)


def trigger_token(sdoc, text: str, trigger: str | None) -> tuple[int, set[int]] | None:
    """The head token index of a trigger string and the indices of its whole span, or None when the
    string is not in the text. Found as the evaluation finds it: first exact, else case-blind."""
    span = _span(text, trigger)
    if span is None:
        return None
    toks = sdoc.char_span(span[0], span[1], alignment_mode="expand")
    if toks is None or len(toks) == 0:
        return None
    return toks.root.i, set(range(toks.start, toks.end))


@dataclass
class Examples:
    """Training rows: dense context vectors, labels (NONE or a root), lexical features, lemmas, weights,
    and (lemma, code) of every gold positive for the code tables; MiniLM context rows and POS tags when
    the examples were built with context."""
    dense: list = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    lexical: list[list[str]] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)
    ctx: list = field(default_factory=list)
    pos: list[str] = field(default_factory=list)

    def add(self, dense, label: str, lexical: list[str], lemma: str, weight: float = 1.0, ctx=None,
            pos: str = "VERB") -> None:
        self.dense.append(dense)
        self.labels.append(label)
        self.lexical.append(lexical)
        self.lemmas.append(lemma)
        self.weights.append(weight)
        self.pos.append(pos)
        if ctx is not None:
            self.ctx.append(ctx)


def examples(parsed: Iterable[Parsed], context: bool = False) -> Examples:
    """Every candidate token of the gold files, labelled with the root of the event it triggers or NONE;
    with `context`, each also carries its MiniLM context row (from CONTEXT)."""
    ex = Examples()
    for p in parsed:
        for it, sdoc, at in zip(p.items, p.sdocs, p.actor_at):
            gold: dict[int, str] = {}
            inside: set[int] = set()
            for ev in it.get("events") or []:
                hit = trigger_token(sdoc, it["text"], ev.get("trigger"))
                if hit is None or not ev.get("cameo"):
                    continue
                gold.setdefault(hit[0], ev["cameo"])
                inside |= hit[1]
            for tok in sdoc:
                if not L.is_candidate(tok) or not L.has_actor(tok, at):
                    continue
                if tok.i in inside and tok.i not in gold:
                    continue  # a dependent inside a trigger phrase: neither trigger nor non-trigger
                code = gold.get(tok.i)
                lemma = tok.lemma_.lower()
                ex.add(L.dense_features(tok), code[:2] if code else L.NONE, L.lexical_features(tok, at), lemma,
                       ctx=CONTEXT(tok) if context else None, pos=tok.pos_)
                if code:
                    ex.codes.append((lemma, code))
    return ex


def add_lexicon(ex: Examples, lex, weight: float) -> None:
    """One positive per lexicon verb without constraints: its lemma and root, no context (mean tensor).
    They teach the lemma weights which roots lie where, beyond the few hundred gold lemmas."""
    if not ex.dense:
        return
    mean = np.mean(np.asarray(ex.dense, dtype=np.float32), 0)
    ctx = np.mean(np.asarray(ex.ctx, dtype=np.float32), 0) if ex.ctx else None
    for lemma, pats in lex.verbs.items():
        free = [p for p in pats if p.code != "-" and p.particle is None and p.prep is None and p.objects is None]
        if free and lemma.isalpha():
            ex.add(mean, free[0].code[:2], [f"l={lemma}", "p=VERB"], lemma, weight, ctx=ctx)


def _code_tables(codes: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Per root its most frequent code; per lemma and root the code seen most with that lemma."""
    by_root: dict[str, Counter] = {}
    by_lemma: dict[str, Counter] = {}
    for lemma, code in codes:
        by_root.setdefault(code[:2], Counter())[code] += 1
        by_lemma.setdefault(f"{lemma}:{code[:2]}", Counter())[code] += 1
    # ties go to the shorter (more general) code, then the smaller one, so the table does not hang on order
    pick = lambda c: min(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]  # noqa: E731
    return {r: pick(c) for r, c in by_root.items()}, {k: pick(c) for k, c in by_lemma.items()}


def _adam(params: dict, grads: dict, moments: dict, step: int, lr: float) -> None:
    for k, g in grads.items():
        m, v = moments[k]
        m *= 0.9
        m += 0.1 * g
        v *= 0.999
        v += 0.001 * g * g
        params[k] -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)


def train(ex: Examples, *, lemma_vector=None, epochs: int = 300, lr: float = 0.05, l2: float = 1e-4,
          pos_weight: float = 1.0, seed: int = 0, features: str = "current", hidden: int = 0,
          ctx_l2: float = 1e-3, dropout: float = 0.0) -> L.Model:
    """Softmax regression, full-batch Adam; every CAMEO root is a class, whether seen or not.
    With `lemma_vector` (lemma -> MiniLM vector) the model also has lemma weights. `features` names the
    blocks of FEATURES; a block left out keeps zero weights, so the model file keeps one layout. The
    MiniLM block (768 inputs for a few thousand rows) gets its own, stronger `ctx_l2`, and with `hidden`
    > 0 goes through that many ReLU units (inverted `dropout` on them while training)."""
    use = FEATURES[features]
    rng = np.random.default_rng(seed)
    classes = [L.NONE] + [f"{r:02d}" for r in range(1, 21)]
    index = {c: k for k, c in enumerate(classes)}
    y = np.array([index[lab] for lab in ex.labels])
    X = np.asarray(ex.dense, dtype=np.float32)
    mean, scale = X.mean(0), X.std(0) + 1e-3
    X = (X - mean) / scale
    C = np.asarray(ex.ctx, dtype=np.float32) if use["ctx"] else None
    if C is not None and C.shape != (len(ex.labels), L.CTX_DIM):
        raise ValueError("MiniLM features need examples built with context=True")
    c_mean, c_scale = (C.mean(0), C.std(0) + 1e-3) if C is not None else (None, None)
    if C is not None:
        C = (C - c_mean) / c_scale
    V = np.stack([lemma_vector(w) for w in ex.lemmas]).astype(np.float32) if lemma_vector else None
    rows = np.concatenate([np.full(len(f), n) for n, f in enumerate(ex.lexical)]).astype(np.int64)
    cols = np.array([L._hash(f) for fs in ex.lexical for f in fs], dtype=np.int64)
    n, K = len(y), len(classes)
    # hashed features as a sparse count matrix: two sparse products per step instead of scatter-adds
    H = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(n, L.N_HASH))
    Ht = H.T.tocsr()
    Y = np.zeros((n, K), dtype=np.float32)
    Y[np.arange(n), y] = 1.0
    w = np.asarray(ex.weights, dtype=np.float32) * np.where(y == 0, 1.0, pos_weight)
    weight = (w / w.sum()).astype(np.float32)[:, None]
    params = {"d": rng.normal(0, 0.01, (X.shape[1], K)).astype(np.float32),
              "h": np.zeros((L.N_HASH, K), dtype=np.float32), "b": np.zeros(K, dtype=np.float32)}
    if V is not None:
        params["v"] = np.zeros((V.shape[1], K), dtype=np.float32)
    if C is not None and hidden > 0:
        params["w1"] = (rng.normal(0, 1, (L.CTX_DIM, hidden)) * np.sqrt(2.0 / L.CTX_DIM)).astype(np.float32)
        params["b1"] = np.zeros(hidden, dtype=np.float32)
    if C is not None:
        params["c"] = np.zeros((hidden or L.CTX_DIM, K), dtype=np.float32)
    frozen = {k for k, on in (("d", use["tensor"]), ("h", use["hash"])) if not on}
    if "d" in frozen:
        params["d"][:] = 0.0
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    for step in range(1, epochs + 1):
        logits = X @ params["d"] + params["b"]
        if V is not None:
            logits += V @ params["v"]
        logits += H @ params["h"]
        if C is not None:
            A, Z = C, None
            if hidden > 0:
                Z = C @ params["w1"] + params["b1"]
                A = np.maximum(Z, 0.0)
                if dropout > 0:
                    keep = (rng.random(A.shape) >= dropout).astype(np.float32) / (1 - dropout)
                    A = A * keep
            logits += A @ params["c"]
        logits -= logits.max(1, keepdims=True)
        P = np.exp(logits)
        P /= P.sum(1, keepdims=True)
        G = (P - Y) * weight
        grads = {"d": X.T @ G + l2 * params["d"], "h": Ht @ G + l2 * params["h"], "b": G.sum(0)}
        if V is not None:
            grads["v"] = V.T @ G + l2 * params["v"]
        if C is not None:
            grads["c"] = A.T @ G + ctx_l2 * params["c"]
            if hidden > 0:
                dZ = (G @ params["c"].T) * (Z > 0)
                if dropout > 0:
                    dZ *= keep
                grads["w1"] = C.T @ dZ + ctx_l2 * params["w1"]
                grads["b1"] = dZ.sum(0)
        _adam(params, {k: g for k, g in grads.items() if k not in frozen}, moments, step, lr)
    root_code, lemma_code = _code_tables(ex.codes)
    for c in classes[1:]:
        root_code.setdefault(c, c + "0")  # a root never seen in training still has a code
    return L.Model(params["d"], params["h"], params["b"], classes, root_code, lemma_code, mean, scale,
                   params.get("v"), w_ctx=params.get("c"), ctx_mean=c_mean, ctx_scale=c_scale,
                   w_hidden=params.get("w1"), b_hidden=params.get("b1"))


class CachedPipeline:
    """What evaluate_events needs of a Pipeline, coding the cached parses with another coder."""

    def __init__(self, pipe, parsed: Parsed, coder: Coder) -> None:
        self.pipe, self.coder = pipe, coder
        self.by_id = {d.doc_id: s for d, s in zip(parsed.docs, parsed.sdocs)}

    def code(self, docs: list[Document]) -> Iterator[tuple[Document, list]]:
        saved = self.pipe.coder
        self.pipe.coder = self.coder
        try:
            for d in docs:
                yield d, self.pipe.code_parsed(d, self.by_id[d.doc_id])
        finally:
            self.pipe.coder = saved


def score(pipe, parsed: Parsed, fallback, lex: Lexicon | None = None) -> dict:
    coder = Coder(lex or pipe.coder.lex, fallback)
    s = evaluate_events(parsed.path, CachedPipeline(pipe, parsed, coder)).summary()
    det, root, code = s["detection"], s["root"], s["code"]
    return {"det_p": det["precision"], "det_r": det["recall"], "det_f1": det["f1"], "root_f1": root["f1"],
            "code_f1": code["f1"], "pair": s["actor_pair_accuracy"]}


def fallback(model: L.Model, **options) -> L.LearnedTriggers:
    """The runtime fallback of a model, reading MiniLM rows from the run's cache."""
    return L.LearnedTriggers(model, context_vectors=CONTEXT, **options)


def fit(parsed: list[Parsed], lex=None, lexicon_weight: float = 0.0, **kw) -> L.Model:
    """A model from the gold files, with the lexicon's free verbs as extra positives when weighted."""
    ex = examples(parsed, context=FEATURES[kw.get("features", "current")]["ctx"])
    if lex is not None and lexicon_weight > 0:
        add_lexicon(ex, lex, lexicon_weight)
    return train(ex, **kw)


class Recording(L.LearnedTriggers):
    """A fallback that remembers what it proposed: (doc id, char offset) -> (root, probability)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, context_vectors=CONTEXT, **kwargs)
        self.doc_id = ""
        self.proposed: dict[tuple[str, int], tuple[str, float]] = {}

    def predict(self, tok, actor_at=None):
        hit = super().predict(tok, actor_at)
        if hit is not None:
            self.proposed[(self.doc_id, tok.idx)] = (hit[0][:2], hit[1])
        return hit


def _coded(pipe, parsed: Parsed, coder: Coder, fallback: Recording | None = None) -> list[list[dict]]:
    saved = pipe.coder
    pipe.coder = coder
    try:
        out = []
        for d, s in zip(parsed.docs, parsed.sdocs):
            if fallback is not None:
                fallback.doc_id = d.doc_id
            out.append([m.to_row() for m in pipe.code_parsed(d, s)])
        return out
    finally:
        pipe.coder = saved


def _event_key(e: dict) -> tuple:
    return e["trigger_start"], e["cameo_code"], e["source_actor"], e["target_actor"]


def outcomes(pipe, held: Parsed, model: L.Model, lex: Lexicon, floor: float = 0.3,
             options: dict | None = None) -> list[tuple[str, float, bool]]:
    """(root, probability, root right?) of every event the fallback adds to the rules' output on a file
    its model did not see, proposing down to `floor` (or as the fallback `options` say, for the CV's
    right-root share). Events the addition displaces are not counted here; the CV table measures them."""
    rec = Recording(model, **options) if options is not None else \
        Recording(model, threshold=floor, noun_threshold=floor, calibrated=False)
    base = _coded(pipe, held, Coder(lex))
    with_fb = _coded(pipe, held, Coder(lex, rec), rec)
    out = []
    for it, b, w in zip(held.items, base, with_fb):
        gold = it.get("events") or []
        seen = {_event_key(e) for e in b}
        aligned = {p: g for g, p in _align(it["text"], gold, w)}
        for k, e in enumerate(w):
            hit = rec.proposed.get((it["id"], e["trigger_start"]))
            if _event_key(e) in seen or hit is None:
                continue
            right = k in aligned and (gold[aligned[k]].get("cameo") or "")[:2] == e["cameo_code"][:2]
            out.append((hit[0], hit[1], right))
    return out


def calibrate(seen: list[tuple[str, float, bool]], f1: float, min_right: int = 2) -> dict[str, float]:
    """Per root the threshold that maximises the root-F1 gain of its out-of-fold proposals, or none
    (never propose it) when no threshold gains. An added event with the right root adds about (2 - F1)
    to the numerator side of F1 for every F1 a wrong one costs, so a root must be right more than
    F1 / 2 of the time it is proposed; `min_right` right proposals are required as evidence."""
    by_root: dict[str, list[tuple[float, bool]]] = {}
    for root, p, right in seen:
        by_root.setdefault(root, []).append((p, right))
    table = {}
    for root, rows in by_root.items():
        gain = n_right = 0.0
        best, best_gain = None, 0.0
        for p, right in sorted(rows, reverse=True):
            gain += (2 - f1) if right else -f1
            n_right += right
            if gain > best_gain and n_right >= min_right:
                best, best_gain = p, gain
        if best is not None:
            table[root] = best
    return table


def fit_calibrated(pipe, parsed: list[Parsed], lex: Lexicon, first_contact: bool = False, **kw) -> L.Model:
    """A model from all `parsed` files whose per-root thresholds come from inner leave-one-file-out
    proposals, so that no file's outcomes calibrate a model that trained on that file. `first_contact`:
    the inner held-out file meets a lexicon without the words only it uses (see held_out_lexicon), as
    unseen text would."""
    seen: list[tuple[str, float, bool]] = []
    f1s = []
    for k, held in enumerate(parsed):
        rest = [p for j, p in enumerate(parsed) if j != k]
        inner_lex = held_out_lexicon(lex, held, rest) if first_contact else lex
        inner = fit(rest, lex=inner_lex, **kw)
        seen += outcomes(pipe, held, inner, inner_lex)
        f1s.append(score(pipe, held, None, inner_lex)["root_f1"])
    model = fit(parsed, lex=lex, **kw)
    model.root_threshold = calibrate(seen, float(np.mean(f1s)))
    return model


def trigger_words(p: Parsed) -> set[str]:
    """Lemmas and lower forms of the gold trigger heads of one file."""
    out: set[str] = set()
    for it, sdoc in zip(p.items, p.sdocs):
        for ev in it.get("events") or []:
            hit = trigger_token(sdoc, it["text"], ev.get("trigger"))
            if hit is not None:
                out |= {sdoc[hit[0]].lemma_.lower(), sdoc[hit[0]].lower_}
    return out


def held_out_lexicon(lex: Lexicon, held: Parsed, train: list[Parsed]) -> Lexicon:
    """The lexicon without the words only the held-out file uses as triggers: the lexicon was extended
    from every dev file's misses, so this approximates meeting the held-out wording for the first time."""
    drop = trigger_words(held) - set().union(*map(trigger_words, train))
    return Lexicon({w: v for w, v in lex.verbs.items() if w not in drop},
                   {w: v for w, v in lex.nouns.items() if w not in drop})


def cross_validate(pipe, parsed: list[Parsed], options: dict, held_out_lex: bool = False,
                   calibrated: bool = False, first_contact: bool = False, **kw) -> list[dict]:
    """Per dev file: the rules alone and the rules with a model trained (and, when `calibrated`,
    calibrated by inner CV) on the other dev files."""
    rows = []
    for k, held in enumerate(parsed):
        train_sets = [p for j, p in enumerate(parsed) if j != k]
        lex = held_out_lexicon(pipe.coder.lex, held, train_sets) if held_out_lex else pipe.coder.lex
        model = fit_calibrated(pipe, train_sets, lex, first_contact, **kw) if calibrated else fit(train_sets, lex=lex, **kw)
        if calibrated:
            print(f"{held.path.stem}: calibrated roots {model.root_threshold}", file=sys.stderr)
        fb = fallback(model, **options)
        added = outcomes(pipe, held, model, lex, options=options)
        rows.append({"fold": held.path.stem, "rules": score(pipe, held, None, lex),
                     "learned": {**score(pipe, held, fb, lex), "added": len(added),
                                 "right": sum(right for _, _, right in added)}})
    return rows


def classifier_scores(model: L.Model, ex: Examples, threshold: float, noun_threshold: float) -> dict:
    """The classifier alone over held-out candidate tokens, no lexicon: a token is detected when its best
    root passes the thresholds; root accuracy is the argmax root on the gold trigger tokens, thresholds
    aside. Gold triggers that are no candidate (outside an actor sentence, light verbs) are not counted."""
    ctx = np.asarray(ex.ctx, dtype=np.float32) if model.w_ctx is not None else None
    vector = L.memo_lemma_vector() if model.w_lemma is not None else None
    lemma = np.stack([vector(w) for w in ex.lemmas]) if vector else None
    hashed = [[L._hash(f) for f in fs] for fs in ex.lexical]
    logits = model.logits(np.asarray(ex.dense, dtype=np.float32), hashed, ctx, lemma)
    P = np.exp(logits - logits.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    best = P[:, 1:].argmax(1) + 1
    least = np.where(np.array(ex.pos) == "VERB", threshold, noun_threshold)
    detected = P[np.arange(len(best)), best] >= least
    gold = np.array([lab != L.NONE for lab in ex.labels])
    right = np.array([model.classes[k] == lab for k, lab in zip(best, ex.labels)])
    tp = int((detected & gold).sum())
    return {"cand": len(gold), "gold": int(gold.sum()), "det_p": tp / max(int(detected.sum()), 1),
            "det_r": tp / max(int(gold.sum()), 1), "root_acc": float(right[gold].mean()) if gold.any() else 0.0,
            "right_of_detected": float((right & detected & gold).sum() / max(int(detected.sum()), 1))}


def classifier_cv(parsed: list[Parsed], options: dict, **kw) -> list[dict]:
    """Per dev file, the classifier trained on the others and scored alone on its candidate tokens."""
    rows = []
    ctx = FEATURES[kw.get("features", "current")]["ctx"]
    for k, held in enumerate(parsed):
        model = fit([p for j, p in enumerate(parsed) if j != k], **kw)
        rows.append({"fold": held.path.stem, **classifier_scores(
            model, examples([held], context=ctx), options["threshold"], options["noun_threshold"])})
    return rows


def print_classifier_table(rows: list[dict]) -> None:
    keys = ("det_p", "det_r", "root_acc", "right_of_detected")
    print(f"{'fold':6} {'cand':>6} {'gold':>5} " + " ".join(f"{k:>17}" for k in keys))
    for r in rows:
        print(f"{r['fold']:6} {r['cand']:6d} {r['gold']:5d} " + " ".join(f"{r[k]:17.3f}" for k in keys))
    print(f"{'mean':6} {'':6} {'':5} " + " ".join(f"{np.mean([r[k] for r in rows]):17.3f}" for k in keys))


def print_table(rows: list[dict]) -> None:
    keys = ("det_p", "det_r", "det_f1", "root_f1", "code_f1", "pair")
    print(f"{'fold':6} {'setting':8} " + " ".join(f"{k:>7}" for k in keys))
    for r in rows:
        for name in ("rules", "learned"):
            print(f"{r['fold']:6} {name:8} " + " ".join(f"{r[name][k]:7.3f}" for k in keys))
    for name in ("rules", "learned"):
        mean = {k: sum(r[name][k] for r in rows) / len(rows) for k in keys}
        print(f"{'mean':6} {name:8} " + " ".join(f"{mean[k]:7.3f}" for k in keys))
    added, right = (sum(r["learned"].get(k, 0) for r in rows) for k in ("added", "right"))
    print(f"events the fallback added: {added}, with the right root: {right}"
          + (f" ({right / added:.0%})" if added else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="leave-one-dev-set-out comparison with the rules alone")
    ap.add_argument("--no-write", action="store_true", help="do not write the model file")
    ap.add_argument("--out", type=Path, default=None,
                    help="model file (default: the shipped one of its kind, learned.MODEL_FILES)")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--noun-threshold", type=float, default=0.8)
    ap.add_argument("--veto", type=float, default=None, help="also drop lexicon triggers this sure to be none")
    ap.add_argument("--held-out-lexicon", action="store_true",
                    help="CV as first contact: drop lexicon words that only the held-out set has as triggers")
    ap.add_argument("--first-contact-calibration", action="store_true",
                    help="calibrate per-root thresholds on inner folds whose lexicon lacks the words only they use")
    ap.add_argument("--no-nouns", action="store_true")
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--lr", type=float, default=0.05, help="Adam step size (0.01 suits --hidden)")
    ap.add_argument("--pos-weight", type=float, default=1.0)
    ap.add_argument("--json", type=Path, help="write the CV rows here")
    ap.add_argument("--no-calibrate", action="store_true",
                    help="skip the per-root thresholds from inner leave-one-file-out proposals")
    ap.add_argument("--lemma-vectors", action="store_true",
                    help="also read each lemma's MiniLM vector (one forward pass per new lemma at run time)")
    ap.add_argument("--features", choices=sorted(FEATURES), default="current",
                    help="feature blocks: spaCy tensor + hashed lexical (current), MiniLM context vectors alone "
                         "(minilm), with the hashed lexical features (minilm+lex), or all three")
    ap.add_argument("--hidden", type=int, default=0, help="ReLU units between the MiniLM block and the softmax (0: none)")
    ap.add_argument("--ctx-l2", type=float, default=1e-3, help="L2 weight of the MiniLM block")
    ap.add_argument("--dropout", type=float, default=0.0, help="dropout on the hidden units while training")
    ap.add_argument("--classifier-cv", action="store_true",
                    help="also score the classifier alone (no lexicon) on each held-out file's candidate tokens")
    ap.add_argument("--lexicon-weight", type=float, default=0.0,
                    help="add the lexicon's unconstrained verbs as positives with this weight (useful with lemma vectors)")
    args = ap.parse_args()
    from dragoman.pipeline import Pipeline

    t0 = time.time()
    pipe = Pipeline()
    parsed = [parse(pipe, p) for p in dev_sets()]
    print(f"parsed {', '.join(p.path.name for p in parsed)} in {time.time() - t0:.0f}s", file=sys.stderr)
    kw = {"epochs": args.epochs, "l2": args.l2, "lr": args.lr, "pos_weight": args.pos_weight, "lexicon_weight": args.lexicon_weight,
          "lemma_vector": L.memo_lemma_vector() if args.lemma_vectors else None, "features": args.features,
          "hidden": args.hidden, "ctx_l2": args.ctx_l2, "dropout": args.dropout}
    if FEATURES[args.features]["ctx"]:
        CONTEXT.fill(parsed)
        print(f"embedded {CONTEXT.sentences} sentences in {CONTEXT.seconds:.1f}s "
              f"({1000 * CONTEXT.seconds / max(CONTEXT.sentences, 1):.1f} ms/sentence, batched)", file=sys.stderr)
    options = {"threshold": args.threshold, "noun_threshold": args.noun_threshold, "nouns": not args.no_nouns,
               "veto_threshold": args.veto}
    if args.classifier_cv:
        print_classifier_table(classifier_cv(parsed, options, **kw))
    if args.cv:
        rows = cross_validate(pipe, parsed, options, args.held_out_lexicon, not args.no_calibrate,
                              args.first_contact_calibration, **kw)
        print_table(rows)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1))
    if not args.no_write:
        args.out = args.out or L.model_path("minilm" if FEATURES[args.features]["ctx"] else "default")
        lex = pipe.coder.lex
        model = fit(parsed, lex=lex, **kw) if args.no_calibrate else \
            fit_calibrated(pipe, parsed, lex, args.first_contact_calibration, **kw)
        model.save(args.out)
        print(f"calibrated roots: {model.root_threshold}", file=sys.stderr)
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB) from {len(parsed)} dev sets", file=sys.stderr)


if __name__ == "__main__":
    main()
