"""Word families added after the dev4 first-contact round: each is checked on new sentences
(not dev4 items) so a family that only fits one sentence would fail here."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def roots(coded_events):
    """CAMEO codes the coder gives a sentence, with their source and target."""
    return lambda text: coded_events(text, "2021-05-04")


@pytest.mark.parametrize("text, prefix", [
    ("Greek police hauled off a dozen activists outside the Turkish consulate.", "173"),
    ("The Egyptian army brought down a drone over Sinai.", "19"),
    ("Armenian troops routed the attacking forces near the border.", "190"),
    ("Azerbaijani troops retook three villages from Armenian forces.", "192"),
    ("The Israeli foreign ministry sprang to the defence of Washington.", "052"),
    ("Iraqi police swooped on a hideout of Islamic State militants in Kirkuk.", "173"),
    ("Georgian authorities knocked down two houses built without permits in Batumi.", "1712"),
    ("Iran's parliament voted down the government's budget bill.", "120"),
    ("China cast a veto against the Security Council resolution on Myanmar.", "129"),
    ("The Kuwaiti emir placed a wreath at the tomb of the unknown soldier.", "017"),
])
def test_new_families_code_their_root(roots, text: str, prefix: str) -> None:
    assert any(code.startswith(prefix) for _, code, _ in roots(text)), roots(text)


@pytest.mark.parametrize("text", [
    "Turkish wrestlers captured four gold medals at the championships in Rome.",
    "Firefighters in Greece battled wildfires near Athens for a third day.",
    "A Saudi investment fund bought a stake in a British football club.",
])
def test_blocked_senses_give_no_event(roots, text: str) -> None:
    assert roots(text) == []


def test_demand_for_release_is_specific(roots) -> None:
    evs = roots("Kyiv called for the release of Ukrainian sailors held by Russia.")
    assert any(code == "1053" for _, code, _ in evs), evs
