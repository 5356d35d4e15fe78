"""The coder on single sentences: who did what to whom, with which modality."""
from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(scope="module")
def code(pipeline):
    def run(text: str, day: str = "2017-08-16"):
        sdoc = pipeline.nlp(text)
        acts = pipeline.actors.resolve(sdoc, dt.date.fromisoformat(day))
        at = {i: a for a in acts for i in range(a.start, a.end)}
        out = []
        for sent in sdoc.sents:
            for e in pipeline.coder.code_sentence(sent, at):
                out.append((e.source.code if e.source else None, e.code, e.target.code if e.target else None, e.modality))
        return out

    return run


def test_visit_with_role_and_capital(code):
    evs = code("Turkish President Recep Tayyip Erdogan visited Tehran on Tuesday.")
    assert ("TURGOV", "042", "IRNGOV", "asserted") in evs


def test_conjoined_sources_give_one_event_each(code):
    evs = code("Turkey and Israel provided military support to Azerbaijan.")
    assert {(s, t) for s, c, t, m in evs if c.startswith("07")} == {("TUR", "AZE"), ("ISR", "AZE")}


def test_passive_agent_is_the_source(code):
    evs = code("Iran's foreign minister was received by Erdogan in Ankara.")
    assert any(s == "TURGOV" and c == "043" and t == "IRNGOV" for s, c, t, m in evs)


def test_negation(code):
    evs = code("Russia did not attack Turkish positions in Idlib.")
    assert [m for s, c, t, m in evs if c.startswith("19")] == ["negated"]


def test_planned_and_hypothetical(code):
    assert code("Putin will visit Ankara next month.")[0][3] == "planned"
    assert code("Turkey could impose sanctions on Israel.")[0][3] == "hypothetical"


def test_reported_speech(code):
    evs = code("Iranian media reported that Israeli jets struck a base near Damascus.")
    assert any(c.startswith("19") and m == "reported" for s, c, t, m in evs)


def test_governing_refusal_codes_the_complement_as_negated(code):
    evs = code("Ankara refused to extradite the suspects to Iran.")
    assert all(c[:2] != "12" for s, c, t, m in evs)
    assert any(m == "negated" for s, c, t, m in evs)


def test_threat_keeps_its_complement(code):
    evs = code("Erdogan threatened to cut diplomatic ties with Israel.")
    assert [c[:2] for s, c, t, m in evs] == ["13"]


def test_sentence_without_event(code):
    assert code("The Turkish economy grew by five percent last year.") == []


def test_nominal_event_with_of_and_to(code):
    evs = code("The visit of Russian Foreign Minister Sergei Lavrov to Turkey was postponed.")
    assert any(s == "RUSGOV" and c == "042" and t == "TUR" for s, c, t, m in evs)


@pytest.fixture(scope="module")
def coded(pipeline):
    from dragoman.records import Document

    def run(text: str, published: str = "2017-08-16"):
        return [(m.source_actor, m.cameo_code, m.target_actor, m.modality, m.date)
                for m in pipeline.code_one(Document(text=text, published=published))]

    return run


def test_dateline_city_is_not_an_actor(coded):
    evs = coded("ROME, June 27, 2016 — Israel and Turkey announced an agreement to normalise relations.")
    assert evs and all(not (s or "").startswith("ITA") and not (t or "").startswith("ITA") for s, c, t, m, d in evs)


def test_actor_announcing_its_own_act_is_asserted(coded):
    evs = coded("Russia's Foreign Ministry said Moscow was suspending an air safety agreement with Washington.")
    assert any(c.startswith("16") and m == "asserted" for s, c, t, m, d in evs)


def test_others_claims_are_reported(coded):
    evs = coded("Syrian state media said Israeli jets struck an Iranian base near Damascus.")
    assert any(c.startswith("19") and m == "reported" for s, c, t, m, d in evs)


def test_visit_to_a_city_targets_its_country(coded):
    evs = coded("Erdogan arrived in Jeddah on Thursday.", published="2023-07-28")
    assert ("TURGOV", "042", "SAU", "asserted", "2023-07-27") in evs


def test_first_since_backdrop_does_not_date_the_event(coded):
    evs = coded("It was the first visit to Turkey by an Israeli head of state since Shimon Peres addressed "
                "parliament in 2007. Herzog and Erdogan held talks.", published="2022-03-09")
    assert evs and all(d == "2022-03-09" for s, c, t, m, d in evs)
