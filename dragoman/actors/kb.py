"""The actor knowledge base: countries, organisations, groups, IGOs, people, role phrases.

Data lives in YAML files (`dragoman/data/actors/*.yaml`, plus user files). Each
file's kind comes from its name (`people_europe.yaml` is a people file) or,
for user files, from top-level keys (`{people: [...], organisations: [...]}`).
Loaders are a registry keyed by kind, so a new kind of entry is a new loader.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

ROLE_CODES = {"GOV", "MIL", "SPY", "DIP", "COP", "JUD", "LEG", "OPP", "REB", "MED", "BUS", "CVL", "IGO"}

_FOLD = str.maketrans({"ı": "i", "İ": "I", "’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-"})


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Case- and diacritic-insensitive key: 'Erdoğan' and 'ERDOGAN' meet at 'erdogan'."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace(".", "").split())


@dataclass(frozen=True)
class RoleSpell:
    """One office held by a person for a span of dates (end None = still held)."""

    title: str
    role: str
    office: str | None = None
    org: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    posted_to: str | None = None
    minor: bool = False  # deputy, acting-in-a-region or other non-principal holders of an office
    secondary: bool = False  # held beside another office that the press names the person by (ranks last)

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def spell_code(country: str | None, spell: RoleSpell) -> str | None:
    """The actor code of a person holding `spell`: an IGO's or a named group's own code, else country + role."""
    org = spell.org
    if org and (spell.role == "IGO" or (len(org) > 6 and country and org.startswith(country + spell.role))):
        return org
    if org and spell.role == "REB":
        return org
    if org and country is None and len(org) == 6 and org[3:] == spell.role:
        return org  # a stateless person (an IGO official) who once held a national office: "PRTGOV"
    return (country + spell.role) if country else None


@dataclass
class Person:
    name: str
    country: str | None
    roles: list[RoleSpell] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    source: str | None = None
    party: str | None = None  # code of the person's party, for "his party" (the person keeps their own office's code)
    gender: str | None = None  # "female"/"male" where recorded (people_gender.yaml): evidence for "she"/"he" links

    def role_on(self, day: dt.date | None) -> tuple[RoleSpell | None, str]:
        """The spell held on `day` and how it was chosen ('dated', 'nearest', 'undated')."""
        if not self.roles:
            return None, "none"
        if day is None:
            return max(self.roles, key=lambda r: r.start or dt.date.min), "undated"
        current = [r for r in self.roles if r.covers(day)]
        if current:
            # several offices at once (e.g. minister and party leader): prefer the state office
            order = ["GOV", "MIL", "SPY", "DIP", "IGO", "LEG", "JUD", "COP", "REB", "OPP"]
            return min(current, key=lambda r: (r.secondary, order.index(r.role) if r.role in order else 99)), "dated"
        return _spell_on(self.roles, day), "nearest"


@dataclass(frozen=True)
class Entry:
    """What an alias can stand for."""

    code: str
    name: str
    kind: str  # country | capital | demonym | organisation | igo | group | person | role
    country: str | None = None
    role: str | None = None
    office: str | None = None
    person: str | None = None  # key into KnowledgeBase.people
    spells: tuple[RoleSpell, ...] = ()  # dated roles of an organisation (a party in and out of government)

    def code_on(self, day: dt.date | None) -> str:
        """The code on `day`: a party with dated roles swaps the role part (GRCOPPNDM -> GRCGOVNDM)."""
        if not self.spells or day is None or not self.country:
            return self.code
        spell = _spell_on(self.spells, day)
        return self.country + spell.role + self.code[6:]


def _spell_on(spells: Iterable[RoleSpell], day: dt.date) -> RoleSpell:
    """The spell covering `day`, else the nearest one in time (the first of equals, in file order)."""
    def distance(r: RoleSpell) -> int:
        if r.start and day < r.start:
            return (r.start - day).days
        if r.end and day > r.end:
            return (day - r.end).days
        return 0

    return min(spells, key=distance)


@dataclass
class KnowledgeBase:
    aliases: dict[str, list[Entry]] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    # keyed "CODE|name": several organisations share a code (every USAGOV department) and each keeps its aliases
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)
    # first entry per organisation code, so a party code on a person can be dated ("his party" in 2018 vs 2020)
    org_entries: dict[str, Entry] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    # office -> (person, spell) of principal holders, in load order; rebuilt after people change
    _office_index: dict[Any, list[tuple[Person, RoleSpell]]] | None = field(default=None, repr=False, compare=False)

    def add_alias(self, alias: str, entry: Entry) -> None:
        key = normalize(alias)
        if not key:
            return
        bucket = self.aliases.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def lookup(self, text: str) -> list[Entry]:
        return self.aliases.get(normalize(text), [])

    def party_on(self, person_name: str | None, day: dt.date | None) -> str | None:
        """The code on `day` of the party of a person named in the text ('his party'), if the KB records one."""
        person = self.people.get(normalize(person_name)) if person_name else None
        entry = self.org_entries.get(person.party) if person and person.party else None
        return entry.code_on(day) if entry else (person.party if person else None)

    def office_holder(self, country: str | None, office: str, day: dt.date | None) -> tuple[Person, RoleSpell] | None:
        """Who held `office` for `country` on `day` (role phrases without a name)."""
        if day is None:
            return None
        for person, spell in self._offices().get((office, country) if country else office, ()):
            if spell.covers(day):
                return person, spell
        return None

    def previous_holder(self, country: str | None, office: str, before: dt.date,
                        exclude: Person | None = None, ended: bool = True) -> tuple[Person, RoleSpell] | None:
        """Who held `office` for `country` last before `before` ("the former prime minister", "his predecessor"):
        the spell started before the date with the latest start, not `exclude`'s and (`ended`) not still covering
        the date."""
        best = None
        for person, spell in self._offices().get((office, country) if country else office, ()):
            if person is exclude or spell.start is None or spell.start >= before or (ended and spell.covers(before)):
                continue
            if best is None or spell.start > best[1].start:
                best = (person, spell)
        return best

    def _offices(self) -> dict[Any, list[tuple[Person, RoleSpell]]]:
        """Principal office holders by office and by (office, country), in load order, so a role
        phrase does not scan every person."""
        if self._office_index is None:
            index: dict[Any, list[tuple[Person, RoleSpell]]] = {}
            for person in self.people.values():
                for spell in person.roles:
                    if spell.office and not spell.minor:
                        index.setdefault(spell.office, []).append((person, spell))
                        index.setdefault((spell.office, person.country), []).append((person, spell))
            self._office_index = index
        return self._office_index

    def load_file(self, path: str | Path) -> None:
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot read actor file: {exc}") from exc
        self.load_data(data, default_kind=_kind_from_name(path.stem), origin=str(path))

    def load_data(self, data: Any, default_kind: str | None, origin: str) -> None:
        if isinstance(data, dict):
            for kind, entries in data.items():
                self._load_entries(kind, entries or [], origin)
        elif isinstance(data, list):
            if default_kind is None:
                raise ValueError(f"{origin}: a list of actors needs a file name saying its kind "
                                 f"({', '.join(sorted(LOADERS))}) or top-level keys")
            self._load_entries(default_kind, data, origin)
        elif data is not None:
            raise ValueError(f"{origin}: expected a list or a mapping of kind -> list")
        self.sources.append(origin)

    def _load_entries(self, kind: str, entries: Iterable[dict[str, Any]], origin: str) -> None:
        loader = LOADERS.get(kind)
        if loader is None:
            raise ValueError(f"{origin}: unknown actor kind {kind!r}; known: {', '.join(sorted(LOADERS))}")
        for i, item in enumerate(entries):
            if not isinstance(item, dict):
                raise ValueError(f"{origin}: entry {i} of {kind} is not a mapping")
            try:
                loader(self, item)
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{origin}: entry {i} of {kind} ({item.get('name') or item.get('code')}): {exc}") from exc


LOADERS: dict[str, Callable[[KnowledgeBase, dict[str, Any]], None]] = {}


def register_loader(*kinds: str) -> Callable:
    def deco(fn: Callable[[KnowledgeBase, dict[str, Any]], None]) -> Callable:
        for k in kinds:
            LOADERS[k] = fn
        return fn

    return deco


def _kind_from_name(stem: str) -> str | None:
    for kind in sorted(LOADERS, key=len, reverse=True):
        if stem == kind or stem.startswith(kind + "_") or stem.startswith(kind + "-"):
            return kind
    return None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _date(value: Any) -> dt.date | None:
    if value in (None, "", "null"):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    parts = text.split("-")
    if len(parts) == 1:
        return dt.date(int(parts[0]), 1, 1)
    if len(parts) == 2:
        return dt.date(int(parts[0]), int(parts[1]), 1)
    return dt.date.fromisoformat(text)


@register_loader("countries")
def _load_country(kb: KnowledgeBase, item: dict[str, Any]) -> None:
    code = item["code"]
    kb.countries[code] = item
    name = item.get("name", code)
    for alias in [name, *_as_list(item.get("aliases"))]:
        kb.add_alias(alias, Entry(code, name, "country", country=code))
    for alias in _as_list(item.get("demonyms")):
        kb.add_alias(alias, Entry(code, name, "demonym", country=code))
    for alias in [*_as_list(item.get("capitals")), *_as_list(item.get("seats"))]:
        kb.add_alias(alias, Entry(code + "GOV", f"Government of {name}", "capital", country=code, role="GOV"))


@register_loader("igos", "organisations", "organizations", "groups")
def _load_org(kb: KnowledgeBase, item: dict[str, Any]) -> None:
    code = item["code"]
    role = item.get("role") or ("IGO" if code.startswith("IGO") else None)
    if role and role not in ROLE_CODES:
        raise ValueError(f"unknown role {role!r}")
    kind = item.get("kind") or ("igo" if role == "IGO" else "organisation")
    kb.organisations[f"{code}|{item['name']}"] = item
    spells = tuple(_org_spells(item, code))
    entry = Entry(code, item["name"], "igo" if role == "IGO" else ("group" if kind == "group" else "organisation"),
                  country=item.get("country"), role=role, spells=spells)
    kb.org_entries.setdefault(code, entry)
    for alias in [item["name"], *_as_list(item.get("aliases"))]:
        kb.add_alias(alias, entry)
    # a seat used as a metonym ("Brussels" for the EU) behaves like a capital: a place or the organisation
    for seat in _as_list(item.get("seats")):
        kb.add_alias(seat, Entry(code, item["name"], "capital", country=item.get("country"), role=role))


def _org_spells(item: dict[str, Any], code: str) -> list[RoleSpell]:
    """Dated roles of an organisation: `roles: [{role: OPP, start: 2015-01-26, end: 2019-07-07}, ...]`."""
    spells = []
    for r in item.get("roles") or []:
        if r["role"] not in ROLE_CODES:
            raise ValueError(f"unknown role {r['role']!r}")
        if len(code) <= 6 or not item.get("country"):
            raise ValueError("dated roles need a country and a tagged code (country + role + tag)")
        spells.append(RoleSpell(title=r["role"], role=r["role"], start=_date(r.get("start")), end=_date(r.get("end"))))
    return spells


@register_loader("people")
def _load_person(kb: KnowledgeBase, item: dict[str, Any]) -> None:
    spells = []
    for r in item.get("roles") or []:
        role = r["role"]
        if role not in ROLE_CODES:
            raise ValueError(f"unknown role {role!r}")
        spells.append(RoleSpell(
            title=r.get("title") or r.get("office") or role, role=role, office=r.get("office"),
            org=r.get("org"), start=_date(r.get("start")), end=_date(r.get("end")),
            posted_to=r.get("posted_to"), minor=bool(r.get("deputy") or r.get("region")),
            secondary=bool(r.get("secondary")),
        ))
    kb._office_index = None
    person = Person(item["name"], item.get("country"), spells, _as_list(item.get("aliases")), item.get("source"),
                    item.get("party"), item.get("gender"))
    key = normalize(person.name)
    if key in kb.people:  # a user file may extend a person with more roles
        existing = kb.people[key]
        existing.roles.extend(spells)
        existing.aliases.extend(person.aliases)
        existing.party = existing.party or person.party
        existing.gender = existing.gender or person.gender
        existing.country = existing.country or person.country
        person = existing
    kb.people[key] = person
    entry = Entry(person.country or "", person.name, "person", country=person.country, person=key)
    for alias in [person.name, *person.aliases]:
        kb.add_alias(alias, entry)


@register_loader("roles")
def _load_role_phrase(kb: KnowledgeBase, item: dict[str, Any]) -> None:
    role = item["role"]
    if role not in ROLE_CODES:
        raise ValueError(f"unknown role {role!r}")
    office = item.get("office")
    org = item.get("org")  # a title that names its body ("UN chief") carries the body's code
    for phrase in _as_list(item.get("phrases")):
        kb.add_alias(phrase, Entry(org or role, phrase, "role", role=role, office=office))


def builtin_files() -> list[Path]:
    folder = resources.files("dragoman.data") / "actors"
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith((".yaml", ".yml")))


@lru_cache(maxsize=8)
def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The built-in knowledge base plus user files (later files extend earlier ones)."""
    kb = KnowledgeBase()
    for path in [*builtin_files(), *map(Path, extra_files)]:
        kb.load_file(path)
    return kb
