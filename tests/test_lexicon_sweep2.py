"""Word families added by the second root-by-root sweep (issue 4): a wider list of wire phrasings per CAMEO
code (idioms, phrasal verbs, light verb + noun, nominalisations) was coded and the families the lexicon
lacked were added. Each test sentence uses another member of the family or other actors than the sweep
sentences did, so a pattern fitted to one wording fails here; the hard negatives put the same words in
sport, market, business and weather senses."""
from __future__ import annotations

import pytest

from dragoman.events.lexicon import compile_lexicon, lemma_of


@pytest.fixture(scope="module")
def codes(coded_events):
    """The CAMEO codes of every event the coder finds in a sentence."""
    return lambda text: [code for _, code, _ in coded_events(text, "2023-03-15")]


@pytest.mark.parametrize("text, prefix", [
    # 01: fears voiced; blame shouldered; denial pushed back; prayer at a memorial; silence kept
    ("The Jordanian foreign minister expressed fears of a wider war.", "012"),
    ("The Pakistani army shouldered the blame for the raid.", "015"),
    ("Beijing pushed back on the allegations of forced labour.", "016"),
    ("The German chancellor prayed at the tomb of the unknown soldier in Paris.", "017"),
    ("Russia held a memorial service for the victims of the siege.", "017"),
    ("The Saudi government remained silent on the fate of the activist.", "011"),
    # 02 / 03: a call for relief; assurances given
    ("Morocco appealed for international rescuers after the earthquake.", "023"),
    ("Washington gave assurances to Manila.", "030"),
    # 04 / 05: a call on the phone; ties restored by noun; an envoy named; a green light; a defence offered
    ("Macron and Scholz talked on the phone about the crisis.", "041"),
    ("The restoration of diplomatic relations between Egypt and Iran was announced in Cairo.", "050"),
    ("Ankara named an ambassador to Cairo.", "050"),
    ("Washington gave the green light to the Saudi plan.", "051"),
    ("Moscow offered a defence of Tehran at the Security Council.", "052"),
    ("The Japanese prime minister said sorry to China.", "055"),
    # 06 / 07: exercises joined; a pipeline opened; money wired; a weapons sale cleared
    ("Japanese and Australian troops took part in joint drills.", "062"),
    ("Russia and China inaugurated a new gas pipeline.", "061"),
    ("Qatar wired $300 million to Gaza.", "071"),
    ("Germany approved the export of tanks to Poland.", "072"),
    # 08: a tax U-turn; a reform frozen; a return to the list undone; weapons handed in; a truce called
    ("The Nigerian government backtracked on the fuel price hike.", "0832"),
    ("The Georgian government froze the media law.", "0832"),
    ("Washington removed Sudan from the blacklist.", "085"),
    ("The ELN rebels in Colombia turned in their weapons.", "0873"),
    ("Ukraine called a truce for Christmas.", "0871"),
    ("Hezbollah announced a halt to its attacks on Israel.", "087"),
    # 09 / 11: a strike reviewed; displeasure; a swipe; a court case
    ("The Israeli military reviewed the raid on the refugee camp.", "093"),
    ("Tokyo expressed its dissatisfaction with the Chinese response.", "110"),
    ("Beijing reacted angrily to the Japanese decision.", "110"),
    ("The Indian prime minister took a swipe at Pakistan.", "111"),
    ("Qatar took the UAE to an international tribunal.", "115"),
    # 14 / 15: protests joined; streets thronged; a march on parliament; an election boycotted; ships sailed
    ("Thousands of Serbs took part in protests against the government.", "141"),
    ("Georgian protesters thronged the square outside parliament.", "141"),
    ("Armenian protesters marched on the parliament in Yerevan.", "141"),
    ("The Bangladeshi opposition boycotted the election.", "143"),
    ("China flew fighter jets near the Philippines.", "150"),
    ("The Canadian navy sailed a frigate through the Taiwan Strait.", "150"),
    ("Britain dispatched a warship to Guyana.", "154"),
    # 16 / 17: ties severed by noun; arms exports halted; pressure piled; arrests by phrasal verb
    ("The severing of ties between Nicaragua and Taiwan came in December.", "161"),
    ("Washington cut off assistance to Mali.", "162"),
    ("Spain stopped the sale of ammunition to Israel.", "1622"),
    ("Washington stepped up pressure on Caracas.", "170"),
    ("The Egyptian police picked up the blogger.", "173"),
    ("Indian police lathi-charged the protesters in Delhi.", "175"),
    # 18: hostages seized; floggings
    ("Al-Shabaab gunmen seized the Kenyan teachers.", "181"),
    ("The Iranian authorities flogged the protester.", "182"),
])
def test_sweep2_families_code_their_root(codes, text: str, prefix: str) -> None:
    assert any(code.startswith(prefix) for code in codes(text)), codes(text)


@pytest.mark.parametrize("text", [
    "The Nigerian runner beat the Kenyan champion in the race.",
    "The Spanish winger attacked down the right flank.",
    "The Pakistani opener hit a century against India.",
    "The Korean chipmaker seized a bigger share of the memory market.",
    "The Serbian tennis player withdrew from the tournament.",
    "The German side stormed back to win the cup.",
    "The Japanese team marched into the semi-finals.",
    "The Turkish sprinter was disqualified from the race.",
    "The Chinese carmaker invaded the European market.",
    "The Slovenian rider attacked on the last climb.",
])
def test_sweep2_words_in_other_senses_give_no_event(codes, text: str) -> None:
    assert codes(text) == []


def test_sending_a_carrier_is_a_deployment_not_an_arms_transfer(codes) -> None:
    found = codes("Washington sent an aircraft carrier to the eastern Mediterranean.")
    assert "154" in found and "072" not in found, found


def test_an_aid_cut_is_not_a_siege(codes) -> None:
    found = codes("The World Bank cut off aid to Uganda.")
    assert "162" in found and "191" not in found, found


def test_protests_joined_are_not_exercises_joined(codes) -> None:
    """The light phrase "take part in" takes its code from what is joined."""
    found = codes("Thousands of Kenyans took part in protests in Nairobi.")
    assert "141" in found and "062" not in found, found


def test_a_fear_voiced_is_pessimism_not_criticism(codes) -> None:
    found = codes("Egypt's foreign minister voiced fears of a regional war.")
    assert "012" in found and not any(c.startswith("11") for c in found), found


def test_silence_negated_is_a_statement(codes) -> None:
    found = codes("Turkey was not silent on the killings.")
    assert "011" not in found, found


def test_misread_past_forms_take_their_verbs_lemma(pipeline) -> None:
    """spaCy leaves "forgave" and "leapt" as their own lemmas; lemma_of reads them as forgive and leap."""
    doc = pipeline.nlp("The president forgave the rebels, and Ankara leapt to its defence.")
    lemmas = {t.lower_: lemma_of(t) for t in doc}
    assert lemmas["forgave"] == "forgive" and lemmas["leapt"] == "leap"


def test_a_preposition_slot_with_alternatives_is_refused() -> None:
    """">over|near" never matches a preposition token, so the loader refuses it instead of failing silently."""
    with pytest.raises(ValueError, match="one preposition per pattern"):
        compile_lexicon([{"code": "150", "verbs": ["fly ~jets >over|near"]}])
