"""Document context fills targets the sentence does not name: a reaction to "the decision" aims at its doer."""
from __future__ import annotations

import pytest

from dragoman.records import Document


@pytest.fixture(scope="module")
def events(pipeline):
    def run(text: str) -> list[tuple[str | None, str, str | None]]:
        doc = Document(text=text, published="2021-05-03", published_precision="day", doc_id="ctx")
        return [(m.source_actor, m.cameo_code, m.target_actor) for m in pipeline.code_one(doc)]

    return run


def _reactions(evs, source: str, root: str) -> list[str | None]:
    return [t for s, c, t in evs if s == source and c.startswith(root)]


def test_decision_in_the_previous_sentence_names_the_target(events):
    evs = events("Iran imposed sanctions on three Turkish companies on Monday. Turkey condemned the decision.")
    assert _reactions(evs, "TUR", "11") == ["IRN"]
    assert any(s == "IRN" and c.startswith("16") for s, c, t in evs)  # the earlier event itself is unchanged


def test_the_word_picks_the_kind_of_act_it_points_back_at(events):
    text = ("Israeli jets struck Hezbollah positions in Lebanon on Monday, and Iran accused Israel of war crimes. "
            "Hezbollah {} the {}.")
    attack = events(text.format("condemned", "attack"))
    accusation = events(text.format("rejected", "accusation"))
    assert _reactions(attack, "LBNREBHEZ", "11") == ["ISRMIL"]  # the strike, though the accusation is later
    assert _reactions(accusation, "LBNREBHEZ", "016") == ["IRN"]


def test_a_move_the_reaction_modifies(events):
    evs = events("Pakistan closed the Torkham crossing on Friday, a move Kabul criticised as hostile.")
    assert _reactions(evs, "AFGGOV", "11") == ["PAK"]


def test_objections_despite_which_an_act_went_ahead(events):
    evs = events("The Serbian parliament approved the law on Thursday despite strong objections from Kosovo.")
    assert _reactions(evs, "XKX", "11") == ["SRBLEG"]


def test_remarks_of_a_named_speaker_with_no_coded_event(events):
    evs = events("Greek Prime Minister Kyriakos Mitsotakis said the island would stay demilitarised, "
                 "remarks condemned by Ankara as a provocation.")
    assert _reactions(evs, "TURGOV", "11") == ["GRCGOV"]


def test_no_fitting_act_or_speaker_leaves_the_target_empty(events):
    # the sailing is no accusation, and co-subjects of the reaction are never its target
    assert _reactions(events("Chinese warships sailed near Taiwan on Monday. Japan rejected the accusation."),
                      "JPN", "016") == [None]
    both = events("Iran imposed sanctions on three Turkish companies on Monday. "
                  "Syria and Turkey denounced the decision.")
    assert _reactions(both, "SYR", "11") == ["IRN"] and _reactions(both, "TUR", "11") == ["IRN"]


def test_participle_keeps_its_heads_target(events):
    evs = events("Israeli jets struck Hamas positions in Gaza on Sunday, destroying several rocket launchers.")
    assert _reactions(evs, "ISRMIL", "194") == ["PSEREBHMS"]
