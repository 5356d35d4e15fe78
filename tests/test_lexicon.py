"""The trigger lexicon: pattern syntax, word sets, hyphenated nouns, and the shipped data's integrity."""
from __future__ import annotations

from pathlib import Path

import pytest

from dragoman.events.lexicon import codes_in, compile_lexicon, load_lexicon, noun_forms, parse_verb

CAMEO_TSV = Path(__file__).resolve().parents[1] / "dragoman" / "data" / "ontology" / "cameo.tsv"


def _cameo_codes() -> set[str]:
    lines = CAMEO_TSV.read_text(encoding="utf-8").splitlines()[1:]
    return {line.split("\t")[0] for line in lines if line.strip()}


def test_parse_verb_slots() -> None:
    vp = parse_verb("161", "break +off ~ties|relations", 1)
    assert (vp.lemma, vp.particle, vp.objects, vp.prep) == ("break", "off", frozenset({"ties", "relations"}), None)
    assert parse_verb("042", "fly >to", 2).prep == "to"
    assert parse_verb("051", "embrace ~", 3).objects == frozenset()  # needs some object
    assert parse_verb("020", "urge", 4).objects is None  # any or none


def test_parse_verb_rejects_a_second_slot() -> None:
    with pytest.raises(ValueError):
        parse_verb("115", "take ~ >to ~court", 1)


def test_word_sets_expand_into_object_lists() -> None:
    lex = compile_lexicon([
        {"set": "weapons", "words": ["Missile", "drones"]},
        {"code": "072", "verbs": ["supply ~$weapons|tanks"]},
    ])
    [vp] = lex.verb_patterns("supply")
    assert vp.objects == frozenset({"missile", "drones", "tanks"})


def test_unknown_word_set_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown word set"):
        compile_lexicon([{"code": "072", "verbs": ["supply ~$nothing"]}])


@pytest.mark.parametrize("text", ["stand ~up >for", "push ~for", "break ~ties|off"])
def test_particle_or_preposition_in_an_object_slot_is_an_error(text: str) -> None:
    """Such a word is never a direct object, so the pattern could never match: a typo for + or >."""
    with pytest.raises(ValueError, match="particle or preposition"):
        parse_verb("052", text, 1)
    assert parse_verb("052", "stand +up >for", 1).particle == "up"


def test_hyphenated_nouns_match_the_split_tokens() -> None:
    assert noun_forms("cease-fire") == [("cease-fire",), ("cease", "-", "fire")]
    assert noun_forms("joint drills") == [("joint", "drills")]
    lex = compile_lexicon([{"code": "0871", "nouns": ["cease-fire"]}])
    assert [p.words for p in lex.noun_patterns("fire")] == [("cease", "-", "fire")]


def test_specific_pattern_wins_over_bare_lemma() -> None:
    lex = compile_lexicon([
        {"code": "120", "verbs": ["reject"]},
        {"code": "016", "verbs": ["reject ~accusation"]},
    ])
    assert [p.code for p in lex.verb_patterns("reject")] == ["016", "120"]


def test_shipped_lexicon_uses_only_cameo_codes() -> None:
    unknown = codes_in(load_lexicon()) - _cameo_codes()
    assert not unknown, f"codes not in cameo.tsv: {sorted(unknown)}"


def test_shipped_lexicon_covers_every_root() -> None:
    roots = {c[:2] for c in codes_in(load_lexicon())}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize("lemma, obj, code", [
    ("impose", "sanctions", "163"), ("recall", "ambassador", "161"), ("release", "hostages", "0841"),
    ("release", "tanker", "0842"), ("fire", "missiles", "195"), ("fire", "shells", "194"),
    ("reject", "accusations", "016"), ("lift", "sanctions", "085"), ("veto", None, "129"),
])
def test_shipped_verb_object_collocations(lemma: str, obj: str | None, code: str) -> None:
    """The first pattern of a lemma whose object list admits `obj` (or that needs none) gives its code."""
    for p in load_lexicon().verb_patterns(lemma):
        if p.particle or p.prep:
            continue
        if p.objects is None or (obj is not None and obj in p.objects):
            assert p.code == code
            return
    pytest.fail(f"no pattern for {lemma} {obj}")


def test_preposition_with_named_nouns_slot() -> None:
    vp = parse_verb("141", "take >to~streets|$places", 1, sets={"places": frozenset({"square"})})
    assert (vp.lemma, vp.prep, vp.prep_objects) == ("take", "to", frozenset({"streets", "square"}))
    assert parse_verb("042", "fly >to", 2).prep_objects is None
    with pytest.raises(ValueError, match="particle or preposition"):
        parse_verb("141", "take >to~on", 3)


def test_blocking_entries_are_not_codes_and_outrank_the_bare_word() -> None:
    lex = compile_lexicon([
        {"code": "026", "verbs": ["press"]},
        {"code": "-", "verbs": ["press +ahead"]},
    ])
    assert [p.code for p in lex.verb_patterns("press")] == ["-", "026"]
    assert codes_in(lex) == {"026"}


@pytest.mark.parametrize("lemma, obj, code", [
    ("convey", "condolences", "018"), ("declare", "solidarity", "018"), ("voice", "misgivings", "012"),
    ("disavow", "role", "016"), ("beg", "forgiveness", "055"), ("pool", "intelligence", "064"),
    ("place", "bounty", "173"),
])
def test_formal_register_families(lemma: str, obj: str, code: str) -> None:
    """Formal-register idioms from the dev3 first contact: the verb codes only with its idiomatic object."""
    codes = {p.code for p in load_lexicon().verb_patterns(lemma)
             if not p.particle and not p.prep and p.objects and obj in p.objects}
    assert codes == {code}


def test_extradition_is_judicial_cooperation_not_deportation() -> None:
    """Handing a suspect to another state's courts is 063; only a bare 'expel/deport' is 174."""
    assert {p.code for p in load_lexicon().verb_patterns("extradite")} == {"063"}


def test_phone_calls_need_no_actor_after_by() -> None:
    pats = [p for p in load_lexicon().verb_patterns("speak") if p.prep == "by" and p.prep_objects]
    assert pats and all(p.code == "041" and "phone" in p.prep_objects for p in pats)


def test_traded_fire_is_fighting_not_small_arms():
    from dragoman.events.lexicon import load_lexicon

    lex = load_lexicon()
    codes = {p.code for p in lex.verb_patterns("trade") if p.objects and "fire" in p.objects}
    assert codes == {"190"}
