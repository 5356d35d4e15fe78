"""Word families added after the dev5 first-contact round. Each is checked on new sentences (not dev5
items, other actors and other members of the family), so a family that only fits one sentence fails here."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def roots(coded_events):
    """(source, CAMEO code, target) of every event the coder finds in a sentence."""
    return lambda text: coded_events(text, "2022-06-15")


@pytest.mark.parametrize("text, prefix", [
    # 01: dampening hopes is a pessimistic comment; disputing a claim is a denial; respects paid at a grave are symbolic
    ("The Kremlin dampened hopes of a quick deal with Kyiv.", "012"),
    ("Moscow contested the accusations of a cover-up.", "016"),
    ("Greece's president paid homage at the tomb of the unknown soldier in Athens.", "017"),
    ("Armenia's prime minister sent a letter of condolence to the Iranian president.", "018"),
    ("Lithuania stands in solidarity with Ukraine, its president said.", "018"),
    # 02 / 04: renewed and reiterated appeals; exchanging views; a guest jetting into a capital; a red-carpet welcome
    ("Iraq reiterated its appeal to Turkey to release more water into the Tigris.", "02"),
    ("Egypt's foreign minister exchanged views with his Jordanian counterpart.", "040"),
    ("The Kuwaiti emir jetted into Riyadh on Sunday.", "042"),
    ("Algeria rolled out the red carpet for the Italian prime minister.", "043"),
    # 05: idioms of praise, reconciliation and siding with someone; approving an agreement
    ("Hungary's prime minister showered praise on the Chinese president.", "051"),
    ("Armenia and Turkey buried the hatchet after decades of hostility.", "050"),
    ("Serbia rallied to Russia's side at the United Nations.", "052"),
    ("Spain and Morocco signed off on a new migration agreement.", "057"),
    # 06 / 07: stepped-up cooperation; intelligence handed over; aid handed out, flown in, furnished
    ("Morocco and Spain stepped up cooperation on border security.", "06"),
    ("Jordan and Iraq are working in tandem on the electricity grid.", "06"),
    ("Israel fed intelligence to the Egyptian army about militants in Sinai.", "064"),
    ("UNICEF handed out food rations to displaced families in Idlib.", "073"),
    ("Turkey provided Azerbaijan with armed drones.", "072"),
    ("Qatar flew medical supplies to Khartoum.", "073"),
    ("The World Bank released a second tranche of its loan to Ukraine.", "071"),
    ("Jordan opened its doors to Syrian refugees.", "075"),
    # 08 / 09: aid trucks let through; troops falling back; a review ordered; abuses documented
    ("Israel let through 50 aid trucks at Kerem Shalom.", "0863"),
    ("Armenian troops fell back from their positions near the border.", "0874"),
    ("The Pentagon ordered a review of the drone strike in Kabul.", "09"),
    ("UN investigators documented torture of detainees in Libyan prisons.", "092"),
    # 10 / 11 / 12: conditions set; aim taken; a refusal to engage
    ("Hamas set conditions for any hostage exchange with Israel.", "10"),
    ("The Chinese foreign ministry took aim at Japan over its defence budget.", "111"),
    ("Iran stonewalled the IAEA over the missing cameras.", "12"),
    ("Moscow pulled the plug on the gas deal with Bulgaria.", "127"),
    # 14 / 15: street protest by verb; staged drills (parsed lemma "stag"); test launches; readied forces
    ("Serbian students protested outside the government building in Belgrade.", "141"),
    ("Iran staged large-scale air defence drills near Natanz.", "150"),
    ("Pakistan test-fired a nuclear-capable cruise missile.", "150"),
    ("China flew 30 warplanes into Taiwan's air defence zone.", "150"),
    # 16 / 17: paused funding, trade cut off, a pullout from a deal; detainees hauled into vans
    ("The Netherlands paused funding for the Palestinian NGO.", "162"),
    ("Ukraine cut off gas exports to Hungary.", "163"),
    ("The US withdrew from the Intermediate-Range Nuclear Forces treaty.", "127"),
    ("Belarusian police bundled opposition activists into vans in Minsk.", "173"),
    # 19 / 20: targets hammered, positions overwhelmed; families driven from their homes; chemical weapons used
    ("Russian warplanes hammered rebel positions in Idlib.", "195"),
    ("Houthi fighters overwhelmed government positions near Marib.", "190"),
    ("Myanmar's army drove thousands of Rohingya from their homes.", "201"),
    ("The Syrian air force used chemical weapons in Khan Sheikhoun.", "2041"),
])
def test_new_families_code_their_root(roots, text: str, prefix: str) -> None:
    assert any(code.startswith(prefix) for _, code, _ in roots(text)), roots(text)


@pytest.mark.parametrize("text", [
    "Spain beat Germany 1-0 in the Euro 2024 quarterfinal in Stuttgart.",
    "Turkey beat Croatia on penalties to reach the semifinal.",
])
def test_sport_senses_of_beat_give_no_event(roots, text: str) -> None:
    assert roots(text) == []


def test_symbolic_respects_are_not_a_visit(roots) -> None:
    codes = [code for _, code, _ in roots("Kazakhstan's president paid his respects at the memorial in Astana.")]
    assert "017" in codes and "042" not in codes, codes


def test_balking_is_a_rejection_not_a_criticism(roots) -> None:
    codes = [code for _, code, _ in roots("Slovakia balked at the EU's plan to share out migrants.")]
    assert any(c.startswith("12") for c in codes) and not any(c.startswith("11") for c in codes), codes


def test_export_cutoff_is_a_sanction_not_a_siege(roots) -> None:
    codes = [code for _, code, _ in roots("Kazakhstan cut off oil exports to Kyrgyzstan.")]
    assert "163" in codes and "191" not in codes, codes


def test_joint_staged_drills_are_cooperation(roots) -> None:
    evs = roots("Russian and Belarusian troops staged joint drills near the Polish border.")
    assert any(code == "062" for _, code, _ in evs), evs


def test_a_pullout_from_talks_is_not_a_pullout_from_a_deal(roots) -> None:
    codes = [code for _, code, _ in roots("Iran withdrew from the talks in Vienna.")]
    assert "164" in codes and "127" not in codes, codes


def test_aircraft_flying_in_are_not_a_visit(roots) -> None:
    """Only people travel: warplanes flown into an air defence zone are a show of force, never a visit (042)."""
    codes = [code for _, code, _ in roots("China flew 30 warplanes into Taiwan's air defence zone.")]
    assert "042" not in codes, codes
