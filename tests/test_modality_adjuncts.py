"""Modality of acts that ride along with another verb: -ing adjuncts and "citing" reasons (issue 4).

An -ing adjunct ("..., accusing him of sabotage") is the subject's own second act, so the
hypothetical or negated reading of the verb it hangs on does not reach it; a complement does
("threatened to expel"). "citing X" attributes the sentence only when X names who said it.
"""
from __future__ import annotations

import pytest

from dragoman.ingest.attribution import find_attribution
from dragoman.records import Document


@pytest.fixture(scope="module")
def modalities(pipeline):
    """(CAMEO code, modality) of every event coded in a text."""
    def run(text: str) -> list[tuple[str, str]]:
        doc = Document(text=text, published="2023-06-15", published_precision="day", doc_id="m")
        return [(m.cameo_code, m.modality) for _, ms in pipeline.code([doc]) for m in ms]
    return run


@pytest.mark.parametrize("text, root", [
    ("Georgia's opposition called for new elections, alleging widespread fraud by the ruling party.", "11"),
    ("Israeli protesters urged Netanyahu to accept the deal, accusing him of stalling.", "11"),
    ("Moscow rejected the report, blaming the blast on Ukrainian saboteurs.", "11"),
])
def test_an_ing_adjunct_keeps_its_own_modality(modalities, text, root):
    evs = modalities(text)
    assert any(c.startswith(root) and m == "asserted" for c, m in evs), evs


def test_a_complement_still_takes_the_governor(modalities):
    evs = modalities("Turkey threatened to expel the Swedish ambassador if the protests went on.")
    assert not any(c.startswith("17") and m == "asserted" for c, m in evs), evs


@pytest.mark.parametrize("text, who", [
    ("Security forces arrested 12 suspects, citing police sources.", "police sources"),
    ("Iran executed two men, citing state media.", "state media"),
    ("Russia moved troops to the border, citing unnamed officials.", "unnamed officials"),
])
def test_citing_a_source_attributes(text, who):
    att = find_attribution(text)
    assert att is not None and att.who == who


@pytest.mark.parametrize("text", [
    "Poland shut its last open border crossing with Belarus, citing the presence of Wagner fighters.",
    "Turkey recalled its ambassador from Tel Aviv, citing the humanitarian tragedy in Gaza.",
    "Putin put nuclear forces on alert, citing aggressive statements by NATO leaders.",
])
def test_citing_a_reason_does_not_attribute(modalities, text):
    assert find_attribution(text) is None
    assert all(m != "reported" for _, m in modalities(text))


def test_a_closing_attribution_reports_everything_before_it(modalities):
    evs = modalities("Kyiv and Moscow swapped 95 prisoners of war each in an exchange mediated by the "
                     "United Arab Emirates, Ukraine's human rights ombudsman said.")
    mediated = [m for c, m in evs if c.startswith("045")]
    assert mediated and all(m == "reported" for m in mediated), evs
