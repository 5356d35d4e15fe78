"""Actor resolution: the coding conventions of docs/actor_codes.md and the general resolution rules."""
from __future__ import annotations

import datetime as dt

import pytest

from dragoman.actors.kb import KnowledgeBase, load_kb, normalize
from dragoman.actors.resolve import DocumentActors, _token_norms, compile_matcher


@pytest.fixture(scope="module")
def nlp():
    from dragoman.nlp import load_pipeline

    return load_pipeline("en_core_web_sm")


@pytest.fixture(scope="module")
def actors(nlp):
    return DocumentActors(load_kb(()), nlp)


def codes(actors, nlp, text: str, day: str | None = "2020-01-01") -> dict[str, str | None]:
    """Mention text -> code for one text (the last mention wins for a repeated text)."""
    doc = nlp(text)
    return {m.text: m.code for m in actors.resolve(doc, dt.date.fromisoformat(day) if day else None)}


def code_at(actors, nlp, text: str, word: str, day: str = "2020-01-01") -> str | None:
    """The code of the mention covering the first occurrence of `word`."""
    doc = nlp(text)
    start = text.index(word)
    hits = [m for m in actors.resolve(doc, dt.date.fromisoformat(day))
            if m.start_char < start + len(word) and start < m.end_char]
    return hits[0].code if hits else None


# -- conventions -----------------------------------------------------------------------------------

def test_defence_organs_are_mil_and_defence_ministers_gov(actors, nlp):
    text = "The Pentagon said the strikes were over. Russia's Defence Ministry denied it."
    assert code_at(actors, nlp, text, "Pentagon") == "USAMIL"
    assert code_at(actors, nlp, text, "Defence Ministry") == "RUSMIL"
    text = "Turkish Defence Minister Hulusi Akar met the Pentagon chief in Brussels."
    assert code_at(actors, nlp, text, "Hulusi Akar") == "TURGOV"
    assert code_at(actors, nlp, text, "Pentagon chief") == "USAGOV"


def test_brussels_as_a_metonym_is_the_eu(actors, nlp):
    assert code_at(actors, nlp, "Brussels warned Ankara over drilling off Cyprus.", "Brussels") == "IGOEUR"
    assert load_kb(()).lookup("Brussels")[0].kind == "capital"  # still a place when used as one


def test_party_code_follows_its_dated_role(actors, nlp):
    text = "New Democracy criticised the agreement."
    assert code_at(actors, nlp, text, "New Democracy", "2018-06-13") == "GRCOPPNDM"
    assert code_at(actors, nlp, text, "New Democracy", "2021-03-01") == "GRCGOVNDM"
    # before the first listed spell the nearest one is used; with no date the static code stays
    entry = next(e for e in load_kb(()).lookup("New Democracy") if e.kind == "organisation")
    assert entry.code_on(None) == entry.code


def test_user_party_roles_load_and_are_checked():
    kb = KnowledgeBase()
    kb.load_data({"organisations": [{"code": "XXXGOVABC", "name": "Abc Party", "country": "XXX", "role": "GOV",
                                     "kind": "party", "roles": [{"role": "OPP", "end": "2019-12-31"},
                                                                {"role": "GOV", "start": "2020-01-01"}]}]},
                 None, "test")
    entry = kb.lookup("Abc Party")[0]
    assert entry.code_on(dt.date(2019, 6, 1)) == "XXXOPPABC"
    assert entry.code_on(dt.date(2022, 6, 1)) == "XXXGOVABC"
    with pytest.raises(ValueError):
        kb.load_data({"organisations": [{"code": "XXXGOV", "name": "No Tag", "country": "XXX", "role": "GOV",
                                         "roles": [{"role": "OPP"}]}]}, None, "test")


# -- general rules ---------------------------------------------------------------------------------

def test_country_in_a_hyphenated_qualifier_is_not_the_actor(actors, nlp):
    text = "US-trained Syrian rebels crossed the border."
    assert code_at(actors, nlp, text, "US") != "USA"
    assert code_at(actors, nlp, text, "rebels") == "SYRREB"
    # a country that acts through the participle stays an actor
    assert code_at(actors, nlp, "The Russian-brokered deal held.", "Russian") == "RUS"


def test_optional_article_does_not_hide_a_longer_alias(actors, nlp):
    assert code_at(actors, nlp, "The Pentagon chief flew to Israel.", "Pentagon chief") == "USAGOV"


def test_appositive_title_takes_the_persons_dated_code(actors, nlp):
    text = "Kyriakos Mitsotakis, the leader of New Democracy, accused the government of concessions."
    assert code_at(actors, nlp, text, "New Democracy", "2018-06-13") == "GRCOPP"
    assert code_at(actors, nlp, text, "New Democracy", "2021-03-01") == "GRCGOV"


def test_possessive_role_phrase_takes_the_leaders_group(actors, nlp):
    text = "Abu Mohammad al-Jolani, the leader of Hayat Tahrir al-Sham, said his fighters would hold Idlib."
    assert code_at(actors, nlp, text, "fighters") == "SYRREBHTS"


def test_plural_pronoun_refers_to_the_last_plural_actor(actors, nlp):
    text = "Iranian ground forces said they had killed PJAK militants near the border."
    assert code_at(actors, nlp, text, "they") == "IRNMIL"
    # a singular antecedent is not taken
    assert code_at(actors, nlp, "The Iranian president said they would respond.", "they") is None


def test_definite_noun_repeating_a_group_phrase_head(actors, nlp):
    text = ("Turkish gendarmerie units detained PKK suspects in Hakkari province. "
            "The Interior Ministry said the suspects were planning attacks.")
    assert code_at(actors, nlp, text, "the suspects") == "TURREBPKK"


def test_surname_after_full_name_is_the_same_person(actors, nlp):
    text = "Syrian President Ahmed al-Sharaa received Hakan Fidan in Damascus. Al-Sharaa thanked Türkiye."
    assert code_at(actors, nlp, text, "Al-Sharaa", "2025-03-01") == "SYRGOV"


def test_unnamed_igo_head_gets_no_country_code(actors, nlp):
    text = "Turkish officials met in Ankara. The secretary-general said talks would continue."
    assert code_at(actors, nlp, text, "secretary-general") is None


# -- speed structures give the same answers as the plain definitions -------------------------------

def test_token_norms_match_normalize(nlp):
    matcher = compile_matcher(load_kb(()), nlp)
    doc = nlp("Erdoğan met ERDOGAN’s envoy in İstanbul – U.S. officials said.")
    assert _token_norms(doc, matcher) == [normalize(t.text) for t in doc]
    assert _token_norms(nlp(""), matcher) == []


def test_office_index_sees_people_added_later():
    kb = KnowledgeBase()
    person = {"name": "A Minister", "country": "XXX",
              "roles": [{"role": "GOV", "office": "foreign_minister", "start": "2020-01-01"}]}
    kb.load_data({"people": [person]}, None, "t1")
    assert kb.office_holder("XXX", "foreign_minister", dt.date(2021, 1, 1))[0].name == "A Minister"
    later = {"name": "B Minister", "country": "YYY",
             "roles": [{"role": "GOV", "office": "foreign_minister", "start": "2020-01-01"}]}
    kb.load_data({"people": [later]}, None, "t2")
    assert kb.office_holder("YYY", "foreign_minister", dt.date(2021, 1, 1))[0].name == "B Minister"
    assert kb.office_holder("XXX", "foreign_minister", dt.date(2019, 1, 1)) is None
