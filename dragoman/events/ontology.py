"""Event ontologies as a registry: CAMEO (with Goldstein and QuadClass) and PLOVER.

The tables are data files in `dragoman/data/ontology/`; code looks codes up
through `ontology("cameo")` rather than branching on code ranges, so another
ontology is a new table and a `register_ontology` call.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    goldstein: float | None = None
    quad_class: int | None = None
    plover_type: str | None = None
    plover_mode: str | None = None

    @property
    def root(self) -> str:
        return self.code[:2]


class Ontology:
    def __init__(self, name: str, codes: dict[str, Code]) -> None:
        self.name = name
        self.codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def get(self, code: str) -> Code:
        """The entry for `code`, falling back to its nearest listed ancestor (0421 -> 042 -> 04)."""
        probe = code
        while probe:
            if probe in self.codes:
                found = self.codes[probe]
                return found if probe == code else Code(code, found.label, found.goldstein,
                                                        found.quad_class, found.plover_type, found.plover_mode)
            probe = probe[:-1]
        raise KeyError(f"{self.name}: unknown code {code!r}")


_LOADERS: dict[str, Callable[[], Ontology]] = {}


def register_ontology(name: str) -> Callable[[Callable[[], Ontology]], Callable[[], Ontology]]:
    def deco(fn: Callable[[], Ontology]) -> Callable[[], Ontology]:
        _LOADERS[name] = fn
        return fn

    return deco


@lru_cache(maxsize=None)
def ontology(name: str) -> Ontology:
    try:
        return _LOADERS[name]()
    except KeyError:
        raise KeyError(f"unknown ontology {name!r}; known: {sorted(_LOADERS)}") from None


def _read_tsv(filename: str) -> list[dict[str, str]]:
    text = resources.files("dragoman.data.ontology").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


def _num(value: str | None, kind: type) -> float | int | None:
    value = (value or "").strip()
    return kind(value) if value else None


@register_ontology("cameo")
def _cameo() -> Ontology:
    codes = {}
    for row in _read_tsv("cameo.tsv"):
        c = row["code"].strip()
        codes[c] = Code(
            code=c,
            label=row["label"].strip(),
            goldstein=_num(row.get("goldstein"), float),
            quad_class=_num(row.get("quad_class"), int),
            plover_type=(row.get("plover_type") or "").strip() or None,
            plover_mode=(row.get("plover_mode") or "").strip() or None,
        )
    return Ontology("cameo", codes)


@register_ontology("plover")
def _plover() -> Ontology:
    codes = {}
    for row in _read_tsv("plover.tsv"):
        key = row["type"].strip() + (("/" + row["mode"].strip()) if (row.get("mode") or "").strip() else "")
        codes[key] = Code(code=key, label=row.get("description", "").strip(),
                          quad_class=_num(row.get("quad_class"), int),
                          plover_type=row["type"].strip(), plover_mode=(row.get("mode") or "").strip() or None)
    return Ontology("plover", codes)


def cameo(code: str) -> Code:
    return ontology("cameo").get(code)
