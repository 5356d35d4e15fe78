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
