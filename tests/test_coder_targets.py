"""Targets the role rules used to miss (issue #4): each rule with a sentence where it fires and one where it must not."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def code(coded_events):
    """The shared `coded_events` fixture, dated 2019-05-14 unless a test says otherwise."""
    return lambda text, day="2019-05-14": coded_events(text, day)


def _targets(evs, source: str, root: str) -> list[str | None]:
    return [t for s, c, t in evs if s == source and c.startswith(root)]


# -- a state's own civilians are another side than the state ------------------------------------------------
def test_police_acting_on_their_own_countrys_students(code):
    evs = code("Kenyan police used tear gas to disperse students in Nairobi.")
    assert _targets(evs, "KENCOP", "17") == ["KENCVL"]


def test_a_states_own_organs_stay_its_own_side(code):
    evs = code("Iran's foreign ministry dismissed reports of an Iranian plot.")
    assert _targets(evs, "IRNGOV", "01") == [None]


def test_conjoined_armed_groups_act_on_villagers(code):
    # the first verb shares the second's object, and soldiers and villagers are two sides of one country
    evs = code("Myanmar soldiers beat and detained villagers.")
    assert _targets(evs, "MMRMIL", "18") == ["MMRCVL"]
    assert _targets(evs, "MMRMIL", "17") == ["MMRCVL"]


# -- coordination: "summoned and rebuked the envoy" ----------------------------------------------------------
def test_first_verb_takes_the_object_of_the_second(code):
    evs = code("Turkey summoned and rebuked the Dutch ambassador.")
    assert _targets(evs, "TUR", "") == ["NLDDIP", "NLDDIP"]  # summoned, rebuked


def test_a_second_clause_with_its_own_subject_keeps_its_object(code):
    evs = code("Turkey summoned the Dutch envoy, and Russia criticised Ukraine.")
    assert _targets(evs, "TUR", "") == ["NLDDIP"]
    assert _targets(evs, "RUS", "11") == ["UKR"]


def test_a_passive_second_verb_acts_on_the_first_verbs_subject(code):
    evs = code("The Indian prime minister arrived in Moscow and was greeted by Putin.")
    assert _targets(evs, "RUSGOV", "04") == ["INDGOV"]


# -- the target sits on a measure, a count or a clause of the event noun -------------------------------------
def test_target_on_the_measure_of_an_event_noun(code):
    evs = code("Turkey unleashed a wave of airstrikes on PKK hideouts in northern Iraq.")
    assert _targets(evs, "TURMIL", "19") == ["TURREBPKK"]
    assert _targets(code("Israel unleashed a wave of raids on Friday."), "ISRMIL", "19") == [None]


def test_a_count_of_people_after_of(code):
    evs = code("Pakistan began the deportation of thousands of Afghans.")
    assert _targets(evs, "PAK", "17") == ["AFGCVL"]


def test_victims_in_the_relative_clause_of_an_attack(code):
    assert _targets(code("Turkish jets carried out an air strike that killed three Iraqi soldiers."),
                    "TURMIL", "19") == ["IRQMIL"]
    # a relative clause that is no casualty names no victim
    assert _targets(code("Turkish jets carried out an air strike that was condemned by Iraq."),
                    "TURMIL", "19") == [None]


def test_partner_on_the_object_of_a_call(code):
    evs = code("Putin discussed the grain deal with Erdogan in a call on Friday.")
    assert _targets(evs, "RUSGOV", "041") == ["TURGOV"]


# -- hosts, brokers, answerers ------------------------------------------------------------------------------
def test_host_lays_something_on_for_a_guest(code):
    assert _targets(code("Qatar hosted a dinner for the Iranian foreign minister."), "QAT", "043") == ["IRNGOV"]
    assert _targets(code("Qatar hosted a dinner for the first time."), "QAT", "043") == [None]


def test_a_host_acts_on_the_parties_of_its_talks(code):
    evs = code("Iran and Iraq held talks hosted by Oman.")
    assert sorted(_targets(evs, "OMN", "04")) == ["IRN", "IRQ"]


def test_an_offer_turned_down_is_aimed_at_who_turns_it_down(code):
    evs = code("The Houthis turned their backs on a Saudi offer of a truce.")
    assert _targets(evs, "SAU", "03") == ["YEMREBHOU"]


def test_a_time_phrase_does_not_answer_an_act(code):
    evs = code("Beijing put its forces on alert after the Japanese prime minister's visit.")
    assert _targets(evs, "JPNGOV", "04") == [None]


# -- the purpose of a call or a visit ------------------------------------------------------------------------
def test_the_purpose_of_a_visit_is_the_visitors_act_aimed_at_the_host(code):
    evs = code("Erdogan visited Tokyo to sign a trade deal.")
    assert _targets(evs, "TURGOV", "06") == ["JPNGOV"]
    assert not _targets(evs, "JPNGOV", "06")  # the host is no doer of the visitor's purpose


def test_asking_verbs_still_hand_the_infinitive_to_their_object(code):
    evs = code("Erdogan urged Putin to halt the offensive.")
    assert _targets(evs, "TURGOV", "02") == ["RUSGOV"]


# -- a reaction in a clause on a coded act (document step, events/context.py) --------------------------------
@pytest.fixture(scope="module")
def document(pipeline):
    from dragoman.records import Document

    def run(text: str) -> list[tuple[str | None, str, str | None]]:
        doc = Document(text=text, published="2021-05-03", published_precision="day", doc_id="tgt")
        return [(m.source_actor, m.cameo_code, m.target_actor) for m in pipeline.code_one(doc)]

    return run


def test_reaction_in_a_relative_clause_on_an_act_aims_at_its_doer(document):
    assert _targets(document("Turkish jets carried out an air strike that Iraq condemned."), "IRQ", "11") == ["TURMIL"]


def test_reaction_by_the_acts_own_side_gets_no_target(document):
    evs = document("Russian forces launched a raid that was condemned by Russian officials.")
    assert _targets(evs, "RUSGOV", "11") == [None]


# -- targets further down the object ------------------------------------------------------------------------
def test_part_of_a_whole_keeps_the_wholes_target(code):
    assert _targets(code("Washington suspended part of its military aid to Ethiopia."), "USAGOV", "16") == ["ETH"]
    assert _targets(code("Washington suspended part of its spending on Friday."), "USAGOV", "16") == [None]


def test_weapons_asked_for_are_not_the_askers_target(code):
    # the resolver reads "missiles" as the asker's own forces; the one asked is after "from"
    assert _targets(code("Ukraine renewed its request for ATACMS missiles from Washington."), "UKR", "02") == ["USAGOV"]


def test_a_participle_names_the_owner_of_the_object(code):
    assert _targets(code("The Houthis kept targeting vessels linked to Israel."), "YEMREBHOU", "19") == ["ISR"]
    assert _targets(code("The Houthis kept targeting vessels in the Red Sea."), "YEMREBHOU", "19") == [None]


def test_conjoined_prepositions_each_name_a_target(code):
    evs = code("Turkey imposed sanctions on Syria and on Iraq.")
    assert sorted(_targets(evs, "TUR", "16")) == ["IRQ", "SYR"]


def test_indirect_object_of_a_light_verb(code):
    assert _targets(code("The Iranian minister gave Britain a stern warning."), "IRNGOV", "13") == ["GBR"]
    assert _targets(code("The Iranian minister gave a stern warning on Monday."), "IRNGOV", "13") == [None]


def test_a_group_in_focus_lends_its_country_but_not_a_target(code):
    # "shipping firms" get Yemen's code only because the Houthis are in focus: that makes them no other side
    assert _targets(code("The Houthis gave shipping firms an ultimatum."), "YEMREBHOU", "13") == [None]


def test_a_state_in_focus_lends_its_country_to_no_armed_group(code):
    # "Rebels" get Russia's code only because Russia is in focus: they are not the broker's other side
    assert _targets(code("Rebels left the city under a deal brokered by Russia."), "RUS", "04") == [None]


def test_broker_of_a_deal_reached_through_the_clause(code):
    evs = code("Bahrain and Qatar agreed on Monday to resume flights in a deal brokered by Kuwait.")
    assert sorted(_targets(evs, "KWT", "04")) == ["BHR", "QAT"]


def test_any_verb_answering_an_offer_makes_its_subject_the_target(code):
    assert _targets(code("Pakistan has not responded to an Indian offer of talks."), "IND", "03") == ["PAK"]


# -- force in a clause joined to another side's act (document step) ------------------------------------------
def test_force_in_a_joined_clause_answers_the_other_side(document):
    evs = document("Hezbollah fired rockets at Israel, and Israeli jets pounded targets across the border.")
    assert _targets(evs, "ISRMIL", "19") == ["LBNREBHEZ"]


def test_force_beside_an_act_on_a_third_party_is_not_aimed_at_its_doer(document):
    evs = document("Russian missiles struck Kyiv, and Israeli jets bombed targets near Damascus.")
    assert _targets(evs, "ISRMIL", "19") == [None]


# -- a place in the doer's own country ----------------------------------------------------------------------
def test_an_attack_at_home_falls_on_the_countrys_civilians(code):
    assert _targets(code("The Syrian army gassed the town of Saraqeb."), "SYRMIL", "20") == ["SYRCVL"]
    assert _targets(code("Sudanese paramilitaries carried out a massacre in Nyala."), "SDNREB", "20") == ["SDNCVL"]


def test_taking_a_town_at_home_names_no_civilian_target(code):
    assert _targets(code("Ethiopian troops captured the town of Adigrat."), "ETHMIL", "19") == [None]


# -- a country's armed forces named by what they hold or do -------------------------------------------------
def test_force_against_military_posts_hits_the_military(code):
    evs = code("Indian troops shelled Pakistani positions along the Line of Control.")
    assert _targets(evs, "INDMIL", "19") == ["PAKMIL"]
    evs = code("Indian troops shelled Pakistani villages along the Line of Control.")
    assert _targets(evs, "INDMIL", "19") != ["PAKMIL"]


def test_reaction_to_a_military_act_aims_at_the_military_that_did_it(code):
    evs = code("Qatar denounced the Russian offensive.")
    assert _targets(evs, "QAT", "11") == ["RUSMIL"]
    assert [s for s, c, t in evs if c.startswith("19")] == ["RUSMIL"]  # as the act itself is coded


def test_a_country_named_over_its_act_stays_the_country(code):
    evs = code("Sweden halted arms sales to Turkey over its offensive in Syria.")
    assert _targets(evs, "SWE", "16") == ["TUR"]


def test_a_capital_hit_by_force_is_its_country(code):
    assert _targets(code("Russian jets bombed Kyiv overnight."), "RUSMIL", "19") == ["UKR"]
    assert _targets(code("Canada is shipping howitzers to Kyiv."), "CAN", "07") == ["UKRGOV"]  # aid keeps the government
