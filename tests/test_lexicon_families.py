"""Trigger families added for gaps seen in dev4 misses (issue #4). Every sentence here is new, not a
dev item, and each family is checked with more than one member, so a pattern that only fits the
sentence it was written for fails."""
from __future__ import annotations

import pytest

Event = tuple[str | None, str, str | None]


@pytest.fixture(scope="module")
def events(coded_events):
    """(source, CAMEO code, target) of every event the coder finds in a text."""
    return lambda text: coded_events(text, "2022-03-15")


def codes(evs: list[Event]) -> set[str]:
    return {code for _, code, _ in evs}


@pytest.mark.parametrize("text, code", [
    # stones, bricks and petrol bombs thrown by a crowd are a violent protest, not an air or missile strike
    ("Lebanese protesters lobbed bricks at the French embassy in Beirut.", "145"),
    ("Kosovar demonstrators hurled petrol bombs at the Serbian consulate.", "145"),
    ("Kenyan protesters stoned police cars in Nairobi.", "145"),
    ("Iraqi protesters broke into the Swedish embassy in Baghdad.", "145"),
    # calling a diplomat in
    ("Poland carpeted the Russian ambassador over the missile strike.", "114"),
    ("China's ambassador delivered a letter of protest to the Japanese foreign ministry.", "114"),
    ("Greece sent a note of protest to Turkey over the drilling ship.", "114"),
    # scorn is criticism; cold water and a turned back are rejections, of a plan (127) or of talks (125)
    ("Moscow poured scorn on the Ukrainian peace plan.", "111"),
    ("Tehran heaped scorn on the French proposal.", "111"),
    ("Berlin poured cold water on the French proposal for a European army.", "127"),
    ("Moscow threw cold water on the Turkish plan for talks with Kyiv.", "127"),
    ("Hungary turned its back on the EU migration deal.", "127"),
    ("Caracas poured cold water on talks with the opposition.", "125"),
    ("Japan threw cold water on hopes of a summit with North Korea.", "120"),
    # accord, notice, turnout
    ("Greek and Cypriot leaders spoke with one voice on the Turkish drilling.", "019"),
    ("Biden served notice to Tehran that attacks on US troops would not go unanswered.", "130"),
    ("Thousands of Armenian protesters turned out in force in Yerevan.", "141"),
    # joint building and co-production: arms are military cooperation, the rest economic
    ("Egypt and Russia will jointly build two nuclear reactors at El Dabaa.", "061"),
    ("Turkey and Azerbaijan will co-produce armoured vehicles.", "062"),
    ("France and India will co-finance a new port in Mumbai.", "061"),
    # moving into the edge of a town is occupying territory
    ("Russian troops advanced into the northern suburbs of Kharkiv.", "192"),
    ("Ukrainian troops stormed into the outskirts of Bakhmut.", "192"),
    # withheld or frozen sums of aid: the kind of aid decides the code
    ("Washington withheld $95 million in security assistance to Egypt.", "1622"),
    ("Germany withheld military aid to Turkey.", "1622"),
    ("The US froze $300 million in aid to the Palestinians.", "162"),
    # gifts: weapons and warships are military aid, food is humanitarian aid
    ("Japan gifted Vietnam six patrol boats.", "072"),
    ("The UAE gifted Sudan 50 tonnes of food aid.", "073"),
    ("Turkey sheltered millions of Syrian refugees.", "075"),
    # visits and mediation
    ("The Canadian prime minister dropped in on Kyiv on Saturday.", "042"),
    ("The Iranian foreign minister travelled to Moscow on Tuesday.", "042"),
    ("Sweden served as an intermediary between Iran and the United States.", "045"),
    ("Qatar acted as a go-between for Israel and Hamas.", "045"),
    ("Kenya played the role of mediator between Ethiopia and Eritrea.", "045"),
    # emergency rule and visa sanctions
    ("Sri Lanka's president introduced a state of emergency in Colombo.", "1724"),
    ("Thai authorities introduced a curfew in Bangkok.", "1723"),
    ("The US imposed visa restrictions on Nigerian officials.", "163"),
])
def test_family_member_gets_its_code(events, text: str, code: str) -> None:
    assert code in codes(events(text)), events(text)


def test_conjoined_doers_of_joint_work_cooperate_both_ways(events) -> None:
    evs = events("Turkey and Azerbaijan will co-produce armoured vehicles.")
    assert ("TUR", "062", "AZE") in evs and ("AZE", "062", "TUR") in evs, evs


def test_go_between_names_both_parties(events) -> None:
    evs = events("Qatar acted as a go-between for Israel and Hamas.")
    assert {t for _, code, t in evs if code == "045"} >= {"ISR", "PSEREBHMS"}, evs


@pytest.mark.parametrize("text, code", [
    ("Hamas hurled rockets at Israeli towns.", "195"),        # rockets stay a strike, stones a riot
    ("Turkish troops turned back at the Syrian border.", "0874"),  # the particle "back" is still a retreat
])
def test_neighbouring_senses_keep_their_code(events, text: str, code: str) -> None:
    assert code in codes(events(text)), events(text)
    assert "145" not in codes(events(text)) and "120" not in codes(events(text))


@pytest.mark.parametrize("text", [
    "Iran built a new drone factory near Isfahan.",  # building alone, with no partner, is not cooperation
    "Greek police turned back three boats of migrants off Lesbos.",
])
def test_no_cooperation_or_rejection_without_the_idiom(events, text: str) -> None:
    assert not {c for c in codes(events(text)) if c.startswith(("06", "12"))}, events(text)
