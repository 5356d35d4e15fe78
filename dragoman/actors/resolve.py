"""Find actor mentions in a parsed document and give each a dated CAMEO-style code.

Matching is on normalised token sequences (case and diacritics folded), longest
alias first; short all-capital aliases (US, UN, MIT) must match case exactly so
the pronoun "us" is never the United States. Adjacent pieces are then composed:
"Turkish" + "President" + "Recep Tayyip Erdogan" is one mention. Later short
mentions ("Fidan", "the minister", "he") reuse the document's earlier people.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH
from spacy.tokens import Doc

from .kb import Entry, KnowledgeBase, normalize, spell_code

PRONOUNS = {"he", "she", "him", "her"}
_CONNECTORS = {"'s", "’s", "'", "the", "of"}


@dataclass
class ActorMention:
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    start_char: int
    end_char: int
    text: str
    code: str | None
    name: str | None = None
    country: str | None = None
    role: str | None = None
    kind: str = "country"
    confidence: float = 0.5
    office: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass
class Matcher:
    """Alias keys as token tuples, compiled once per knowledge base and tokenizer."""

    kb: KnowledgeBase
    keys: dict[tuple[str, ...], list[Entry]]
    exact_case: dict[tuple[str, ...], set[str]]
    # first normalised token -> the key lengths starting with it, longest first
    first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # token text hash -> normalised text, so each distinct word is normalised once
    norms: dict[int, str] = field(default_factory=dict)


_MATCHERS: dict[tuple[int, int], Matcher] = {}


def compile_matcher(kb: KnowledgeBase, nlp: Any) -> Matcher:
    key = (id(kb), id(nlp))
    if key in _MATCHERS:
        return _MATCHERS[key]
    keys: dict[tuple[str, ...], list[Entry]] = {}
    exact: dict[tuple[str, ...], set[str]] = {}
    for alias_key, entries in kb.aliases.items():
        toks = tuple(normalize(t.text) for t in nlp.make_doc(alias_key))
        toks = tuple(t for t in toks if t)
        if not toks:
            continue
        keys.setdefault(toks, []).extend(e for e in entries if e not in keys.get(toks, []))
    # short acronyms must keep their case ("US" yes, the pronoun "us" no)
    for raw in _raw_aliases(kb):
        if len(raw.replace(".", "")) <= 6 and sum(c.isupper() for c in raw) >= 2:
            toks = tuple(normalize(t.text) for t in nlp.make_doc(raw))
            exact.setdefault(toks, set()).add(_squash(raw))
    lengths: dict[str, set[int]] = {}
    for toks in keys:
        lengths.setdefault(toks[0], set()).add(len(toks))
    first = {t: tuple(sorted(ls, reverse=True)) for t, ls in lengths.items()}
    m = Matcher(kb, keys, exact, first)
    _MATCHERS[key] = m
    return m


def _dateline(doc: Doc, start: int, end: int, entries: list[Entry]) -> bool:
    """'ROME, June 27, 2016 —' or 'ANKARA (Reuters) -': a place of filing, not an actor."""
    if not any(e.kind in ("capital", "country") for e in entries):
        return False
    if end >= len(doc) or doc[end].text not in (",", "(", "—", "-", "–"):
        return False
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and "\n" not in prev.text_with_ws and (prev.is_lower or prev.text in (",", ";")):
        return False  # "Saudi Arabia, the UAE, Bahrain": an acronym inside a sentence is not a place of filing
    text = doc[start:end].text
    return text.isupper() and len(text) > 2


def _squash(text: str) -> str:
    return text.replace(".", "").replace(" ", "")


def _raw_aliases(kb: KnowledgeBase) -> list[str]:
    out: list[str] = []
    for item in kb.countries.values():
        out += [str(a) for a in (item.get("aliases") or [])]
    for item in kb.organisations.values():
        out += [str(a) for a in (item.get("aliases") or [])] + [str(item.get("name", ""))]
    for p in kb.people.values():
        out += p.aliases
    return out


def _token_norms(doc: Doc, m: Matcher) -> list[str]:
    """normalize() of every token text, read from the doc's array (no Token objects made)."""
    cache, strings = m.norms, doc.vocab.strings
    out = []
    for h in doc.to_array(ORTH).tolist() if len(doc) else ():
        norm = cache.get(h)
        if norm is None:
            norm = cache[h] = normalize(strings[h])
        out.append(norm)
    return out


def _raw_matches(doc: Doc, m: Matcher) -> list[tuple[int, int, list[Entry]]]:
    norms = _token_norms(doc, m)
    out = []
    i = 0
    n = len(doc)
    first = m.first
    while i < n:
        if norms[i] not in first:
            i += 1
            continue
        found = _match_at(doc, m, norms, i)
        if found and norms[i] == "the" and i + 1 < n:
            # "the" is optional in aliases: "The Pentagon chief" is the role phrase, not "the Pentagon" + "chief"
            inner = _match_at(doc, m, norms, i + 1)
            if inner and inner[1] > found[1]:
                found = inner
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out


# "US-trained rebels", "Iranian-backed militias", "Ankara-based broadcaster": the country or capital qualifies the noun and is
# not the actor. Participles whose country does act are left out ("Russian-brokered deal", "US-led coalition",
# "Norwegian-owned tanker").
_HYPHEN_PARTICIPLES = {"trained", "backed", "supported", "funded", "financed", "armed", "sponsored", "made", "built",
                       "based"}


# "a Greek-flagged tanker", "a Liberian-registered ship", "a Norwegian-owned tanker": the country is the vessel's flag
# or owner, so the compound is that country's vessel (its operator, BUS), not a country beside it
_FLAG_PARTICIPLES = {"flagged", "registered", "owned", "operated"}


def _flag_compound(gap: list[str], nxt: list[Entry]) -> bool:
    return len(gap) == 2 and gap[0] == "-" and gap[1] in _FLAG_PARTICIPLES and any(
        e.kind == "role" and e.role == "BUS" for e in nxt)


def _hyphen_modifier(doc: Doc, end: int, entries: list[Entry]) -> bool:
    if end + 1 >= len(doc) or doc[end].text != "-":
        return False
    return all(e.kind in ("country", "demonym", "capital") for e in entries) and doc[end + 1].lower_ in _HYPHEN_PARTICIPLES


def _match_at(doc: Doc, m: Matcher, norms: list[str], i: int) -> tuple[int, int, list[Entry]] | None:
    """The longest acceptable alias starting at token `i`."""
    n = len(norms)
    for length in m.first.get(norms[i], ()):
        if length > n - i:
            continue
        key = tuple(norms[i : i + length])
        entries = m.keys.get(key)
        if not entries:
            continue
        forms = m.exact_case.get(key)
        if forms is not None and _squash(doc[i : i + length].text) not in forms:
            continue
        # a lone lower-case common word is never a name (e.g. "turkey" the bird is rare; "chad", "jordan" fine)
        if all(e.kind == "person" for e in entries) and not doc[i].text[:1].isupper():
            continue  # a person's name is capitalised: "struck" is not Peter Struck
        if all(e.kind == "person" for e in entries) and _inside_place_name(doc, i, i + length):
            continue  # "the Qandil mountains", "Bandar Abbas": a place named like a person
        if length == 1 and doc[i].is_stop and forms is None:
            continue
        if _dateline(doc, i, i + length, entries) or _hyphen_modifier(doc, i + length, entries):
            continue
        return (i, i + length, entries)
    return None


# nouns that make a name before them a geographic feature: "the Qandil mountains", "the Assad dam"
_FEATURE_NOUNS = {"mountain", "mountains", "valley", "river", "province", "region", "district", "airport", "street",
                  "square", "camp", "dam", "lake", "bridge", "highway", "road", "crossing", "base", "port", "stadium",
                  "mosque", "canal", "desert", "plain", "plains", "range", "hills"}


def _inside_place_name(doc: Doc, start: int, end: int) -> bool:
    """A known surname that is part of a place's name: before a geographic noun ('the Qandil mountains') or after
    another capitalised word with which it names a place in the gazetteer ('Bandar Abbas')."""
    if end < len(doc) and doc[end].lower_ in _FEATURE_NOUNS and start > 0 and doc[start - 1].lower_ == "the":
        return True
    if start == 0 or doc[start - 1].pos_ != "PROPN" or not doc[start - 1].text[:1].isupper():
        return False
    from ..geo import geocode  # lazy: geo imports the knowledge base

    found = geocode(doc[start - 1 : end].text)
    return found is not None and found.kind in ("city", "town", "village", "place", "region")


# "thousands of Lebanese", "a million Sudanese": a demonym that does not inflect for the plural is people when counted
_QUANTITY_NOUNS = {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens", "number",
                   "group", "lot", "majority"}


# posts and units named by the force that mans them: "a police checkpoint", "an army patrol"
_POST_NOUNS = {"checkpoint", "station", "post", "outpost", "headquarters", "barracks", "convoy", "patrol",
               "reinforcements", "squad", "squads"}


# collective nouns for the people speaking for a body: "the Syrian opposition delegation", "rebel leaders"
_MEMBER_NOUNS = {"official", "officials", "leader", "leaders", "leadership", "delegation", "negotiator", "negotiators",
                 "delegates", "representatives"}


def _member_role(role_es: list[Entry], span: Any) -> Entry:
    """The role of a phrase: its last role noun, unless that is a generic member noun after a more telling one
    ('opposition delegation' is the opposition's, OPP, not a government's)."""
    last = role_es[-1]
    if last.office is None and span[-1].lower_ in _MEMBER_NOUNS:
        earlier = [e for e in role_es[:-1] if e.office is None and e.role != last.role]
        if earlier:
            return earlier[-1]
    return last


def _possessed_igo(group: list[tuple[int, int, list[Entry]]]) -> bool:
    """'Sweden's NATO membership', 'Turkey's EU accession talks': a state's possessive on an international body with
    no role after it names the state's relation to the body (its bid, its membership), not an organ of either; the
    possessor is the bare country and the body a second actor. "Turkey's UN envoy" (a role follows) stays one."""
    if len(group) < 2 or any(e.kind in ("role", "person") for _, _, ents in group for e in ents):
        return False
    *owners, (_, _, last) = group
    return all(e.kind == "igo" for e in last) and all(
        e.kind in ("country", "demonym", "capital") for _, _, ents in owners for e in ents)


def _shared_heads(doc: Doc, mentions: list[ActorMention]) -> None:
    """'the Turkish and Syrian defence ministers', 'US, British and Israeli forces': demonyms coordinated before one
    role noun share it, so each is that country's organ, not the bare country."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for k, m in enumerate(ordered):
        tok = doc[m.start]
        if m.kind not in ("demonym", "country") or m.end - m.start != 1 or tok.dep_ not in ("amod", "compound", "nmod") \
                or m not in mentions:
            continue
        head = next((o for o in ordered[k + 1:] if o.start <= tok.head.i < o.end), None)
        role = _organ_role(head) if head is not None else None
        if role is None:
            continue
        between = [t for t in doc[m.end : head.start]]
        others = [o for o in ordered if m.end <= o.start and o.end <= head.start]
        if not between or not all(t.lower_ in (",", "and", "or") or any(o.start <= t.i < o.end for o in others)
                                  for t in between):
            continue
        idx = mentions.index(m)
        mentions[idx] = replace(m, code=_code(m.country, role), role=role, kind="role", confidence=0.7,
                                extras={**m.extras, "shared_head": head.text})
        for o in others:
            if o.kind in ("demonym", "country") and o.end - o.start == 1 and o in mentions:
                mentions[mentions.index(o)] = replace(o, code=_code(o.country, role), role=role, kind="role",
                                                      confidence=0.7, extras={**o.extras, "shared_head": head.text})


def _organ_role(m: ActorMention) -> str | None:
    """The role of an unnamed state organ phrase ('defence ministers', 'Israeli forces'), else None: a person's
    office, an IGO or a named group is not shared with another country."""
    if m.kind == "role" and m.office is None and m.role and m.role != "IGO":
        return m.role
    if m.kind == "organisation" and m.code and len(m.code) == 6 and not m.code.startswith("IGO"):
        return m.code[3:6]
    return None


# what civilians own or form, standing for them when a demonym names whose: "demolished Palestinian homes",
# "confiscated Palestinian farmland", "evicted a Palestinian family", "shelled Armenian villages"
_OWNED_NOUNS = {"home", "house", "farmland", "farm", "land", "property", "orchard", "olive", "grove", "shop", "family",
                "village", "household"}


def _owned_by_people(doc: Doc, span: Any) -> int | None:
    """Index of the owned noun a one-word demonym modifies ('Palestinian homes', 'Armenian villages'), else None.
    Goods, languages and the country's land as a whole ('Iranian oil', 'Syrian territory') are not listed."""
    tok = span[-1]
    head = tok.head
    if tok.dep_ not in ("amod", "compound", "nmod") or not 0 < head.i - tok.i <= 2:
        return None
    if head.lemma_.lower() not in _OWNED_NOUNS or head.pos_ != "NOUN":
        return None
    if head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "of":
        return None  # "the Syrian village of Kobani": a named place
    if any(t.pos_ not in ("NOUN", "ADJ") for t in doc[tok.i + 1 : head.i]):
        return None
    return head.i


def _counted(tok: Any) -> bool:
    if any(c.dep_ in ("nummod", "quantmod") for c in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _QUANTITY_NOUNS


def _modifier(tok: Any, nxt: list[Entry]) -> bool:
    """'new' in "Israel's new prime minister", 'ground' in "Iranian ground forces"."""
    if not any(e.kind == "role" for e in nxt):
        return False
    return tok.pos_ in ("ADJ", "CCONJ") or (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "amod", "conj",
                                                                                       "nmod"))


# "the agency", "the alliance": a definite noun pointing back to the last organisation of a kind
ANAPHORS: dict[str, tuple[str, ...]] = {
    "agency": ("organisation", "igo", "spy_person"), "service": ("organisation", "spy_person"),
    "ministry": ("organisation",), "watchdog": ("igo", "organisation"),
    "alliance": ("igo",), "league": ("igo",), "bloc": ("igo",), "union": ("igo",), "body": ("igo", "organisation"),
    "organisation": ("igo", "group", "organisation"), "organization": ("igo", "group", "organisation"),
    "group": ("group",), "movement": ("group",), "militia": ("group",), "faction": ("group",),
    "force": ("group", "military"), "party": ("party",), "paper": ("media",), "daily": ("media",),
    "broadcaster": ("media",), "newspaper": ("media",), "channel": ("media",), "network": ("media",),
    "outlet": ("media",),
    "country": ("country",), "kingdom": ("country",), "republic": ("country",),
}


def _group_antecedent(doc: Doc, m: "ActorMention", ordered: list["ActorMention"]) -> "ActorMention | None":
    """A role noun that is also a group or media anaphor ('the militia', 'the group', 'the broadcaster') right after
    'the' points back to the salient named group or outlet, like the anaphors the role table does not list."""
    tok = doc[m.start]
    kinds = ANAPHORS.get(tok.lemma_.lower())
    if kinds is None or not ("group" in kinds or "media" in kinds) or tok.tag_ != "NN" or not _after_the(doc, m):
        return None
    prev = _salient(doc, ordered, m.start, lambda p: _anaphor_fits(p, kinds) and p.kind != "person")
    return prev if prev is not None and m.start - prev.start < 80 else None


def _rebel_antecedent(doc: Doc, m: "ActorMention", ordered: list["ActorMention"]) -> "ActorMention | None":
    """'the rebels', 'the militants' (plural, right after 'the') point back to the named armed group in focus, as
    'the group' does; the subject acting on the phrase ('AQAP vowed to fight the rebels') is another party."""
    tok = doc[m.start]
    if m.role != "REB" or tok.tag_ != "NNS" or not _after_the(doc, m):
        return None
    actor = _acting_subject(doc, m, ordered) or _reporting_subject(doc, m, ordered)
    other = actor.code if actor is not None else None
    prev = _salient(doc, ordered, m.start, lambda p: p.code != other and p.kind != "person"
                    and _anaphor_fits(p, ("group",)))
    return prev if prev is not None and m.start - prev.start < 80 else None


def _after_the(doc: Doc, m: "ActorMention") -> bool:
    """A one-word mention right after 'the' ('the militia', 'the rebels'): the shape of a group anaphor."""
    return m.end - m.start == 1 and m.start > 0 and doc[m.start - 1].lower_ == "the"


def _state_side(doc: Doc, m: "ActorMention", ordered: list["ActorMention"]) -> list["ActorMention"]:
    """'Palestinian militants killed five soldiers': a state organ acted on by an armed group is not the group's; it
    takes its country from the state actors in focus (the whole list when there are none)."""
    actor = _acting_subject(doc, m, ordered, placed=False)  # "its fighters killed 13 soldiers": not yet resolved
    if m.role in _NON_STATE_ROLES or actor is None or (actor.role or (actor.code or "")[3:6]) != "REB":
        return ordered
    states = [p for p in ordered if p.code and p.code[3:6] not in ("REB", "CVL", "OPP") and len(p.code) <= 6
              and p.kind != "group" and p.start < m.start]
    return states or ordered


def _reporting_subject(doc: Doc, m: "ActorMention", ordered: list["ActorMention"]) -> "ActorMention | None":
    """'Dagalo said the rebels had been crushed': the speaker of the clause `m` opens talks about another party."""
    tok = doc[m.end - 1]
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
        return None
    subj = [c for c in tok.head.head.children if c.dep_ == "nsubj"]
    return next((p for p in ordered if subj and p.start <= subj[0].i < p.end and p.code), None)


def _acting_subject(doc: Doc, m: "ActorMention", ordered: list["ActorMention"],
                    placed: bool = True) -> "ActorMention | None":
    """The actor that is the subject of the verb taking `m` as its object ('Palestinian militants killed five
    soldiers'), climbing through infinitives and prepositions ('vowed to fight the rebels')."""
    tok = doc[m.end - 1]
    if tok.dep_ not in ("dobj", "pobj"):
        return None
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return None
        subj = [c for c in head.children if c.dep_ == "nsubj" and c.i < m.start]
        if subj:
            return next((p for p in ordered if p.start <= subj[0].i < p.end and (p.country or not placed)), None)
        if tok.dep_ not in _CLIMB:
            return None
        tok = head
    return None


def _anaphor_fits(p: "ActorMention", kinds: tuple[str, ...]) -> bool:
    """Can `p` be what 'the <noun>' points back to? A named group or party counts wherever its code appears, also
    inside a person's title ("Hezbollah's secretary-general ... the movement")."""
    code = p.code or ""
    tagged = len(code) > 6 and not code.startswith("IGO")
    return (p.kind in kinds
            or ("igo" in kinds and code.startswith("IGO"))
            or ("group" in kinds and tagged and code[3:6] in ("REB", "MIL"))
            or ("party" in kinds and tagged and code[3:6] in ("GOV", "OPP"))
            or ("media" in kinds and p.kind == "organisation" and code[3:6] == "MED")
            or ("military" in kinds and p.kind == "organisation" and code[3:6] == "MIL")
            # "CIA Director William Burns ... the agency": a spy chief stands for the service named in the title
            or ("spy_person" in kinds and p.kind == "person" and code[3:6] == "SPY"))


def _pick(entries: list[Entry], kinds: tuple[str, ...]) -> Entry | None:
    for k in kinds:
        for e in entries:
            if e.kind == k:
                return e
    return None


class DocumentActors:
    """Resolves actor mentions sentence by sentence, remembering the document's people."""

    def __init__(self, kb: KnowledgeBase, nlp: Any) -> None:
        self.kb = kb
        self.matcher = compile_matcher(kb, nlp)

    def resolve(self, doc: Doc, day: dt.date | None) -> list[ActorMention]:
        raw = _raw_matches(doc, self.matcher)
        mentions = self._compose(doc, raw, day)
        _igo_postings(doc, mentions)
        mentions = [m for m in mentions if not _capital_as_place(doc, m, mentions)
                    and not _country_as_place(doc, m, mentions) and not _describes_thing(doc, m, mentions)]
        _shared_heads(doc, mentions)
        _linked_groups(doc, mentions)
        self._titled_names(doc, mentions)
        self._context_names(doc, mentions)
        _appositives(doc, mentions)
        _described_by_appositive(doc, mentions)
        _surnames(doc, mentions)
        _appositives(doc, mentions)  # again for surnames found just now ("Wang, the party's top diplomat,")
        _counted_crowds(doc, mentions)
        self._coreference(doc, mentions, day)
        _plural_pronouns(doc, mentions)
        _repeated_heads(doc, mentions)
        _divided_sides(doc, mentions)
        return sorted(mentions, key=lambda a: a.start)

    # -- composition --------------------------------------------------
    def _compose(self, doc: Doc, raw: list[tuple[int, int, list[Entry]]], day: dt.date | None) -> list[ActorMention]:
        out: list[ActorMention] = []
        k = 0
        while k < len(raw):
            s, e, entries = raw[k]
            group = [(s, e, entries)]
            # gather adjacent pieces of one noun phrase: country/demonym, role phrase, person
            while k + 1 < len(raw):
                ns, ne, nentries = raw[k + 1]
                if ns - group[-1][1] > 4:
                    break  # too far apart to be one noun phrase
                gap_toks = doc[group[-1][1] : ns]
                gap = [t.text.lower() for t in gap_toks]
                if (all(g in _CONNECTORS or _modifier(t, nentries) for g, t in zip(gap, gap_toks))
                        or _flag_compound(gap, nentries)) \
                        and self._joinable(group, nentries, gap):
                    group.append((ns, ne, nentries))
                    k += 1
                else:
                    break
            if _possessed_igo(group):  # "Sweden's NATO membership": the country and the body, two actors
                out += [self._build(doc, group[:-1], day), self._build(doc, group[-1:], day)]
            else:
                out.append(self._build(doc, group, day))
            k += 1
        return [m for m in out if m is not None]

    def _joinable(self, group: list, nxt: list[Entry], gap: list[str]) -> bool:
        kinds = {e.kind for _, _, ents in group for e in ents}
        nkinds = {e.kind for e in nxt}
        if "person" in kinds and ("person" in nkinds or "and" in gap or "or" in gap):
            return False  # "President Erdogan and UN Secretary-General Guterres" are two actors
        if "the" in gap and not {"of", "'s", "’s", "'"} & set(gap):
            return False  # "told the Senate the Israeli air force ...": a new "the" without "of"/"'s" opens a new phrase
        if "of" in gap:  # "President of Iran", "the president of the European Commission", "forces of Assad"
            return "role" in kinds and bool(nkinds & {"country", "demonym", "capital", "igo", "organisation", "group",
                                                      "person", "role"})
        if nkinds & {"role", "person", "organisation", "group", "igo"}:
            if not gap and len(group) == 1 and kinds & {"organisation", "group", "igo"} \
                    and all(e.kind == "role" and e.office is None for e in nxt):
                return True  # "Hamas leaders", "NATO diplomats": members of the named body carry its code
            if not gap and len(group) == 1 and kinds == {"igo"} and all(e.kind == "role" and e.role == "DIP"
                                                                         for e in nxt):
                return True  # "a UN envoy": the body's own envoy, not a state's
            if not gap and len(group) == 1 and kinds == {"igo"} and all(e.kind == "role" and e.role == "IGO"
                                                                         for e in nxt):
                return True  # "the NATO secretary-general": the body's own head
            return bool(kinds & {"country", "demonym", "role", "capital"})
        return False

    def _build(self, doc: Doc, group: list, day: dt.date | None) -> ActorMention | None:
        s, e = group[0][0], group[-1][1]
        span = doc[s:e]
        entries = [ent for _, _, ents in group for ent in ents]
        country_e = _pick(entries, ("country", "demonym", "capital"))
        person_e = self._pick_person(entries, day)
        org_e = _pick(entries, ("organisation", "group", "igo"))
        role_es = [ent for ent in entries if ent.kind == "role"]
        role_e = _member_role(role_es, span) if role_es else None
        # in "Chief of General Staff of Iran" the country follows the role phrase
        country = country_e.country if country_e else None
        base = dict(start=s, end=e, start_char=span.start_char, end_char=span.end_char, text=span.text)

        if person_e is not None and role_e is not None and group[0][2] is not None and any(
                ent.kind == "role" for ent in group[0][2]) and any(
                doc[k].lower_ == "of" for k in range(group[0][1], group[-1][0])):
            # "the forces of President Bashar al-Assad": the person's state, in the role named
            person = self.kb.people[person_e.person]
            pc = person.country or country
            head_role = role_es[0].role
            return ActorMention(**base, code=_code(pc, head_role), name=None, country=pc, role=head_role,
                                kind="role", confidence=0.7)
        if person_e is not None:
            person = self.kb.people[person_e.person]
            spell, how = person.role_on(day)
            pc = person.country or country
            if spell is None:
                role = role_e.role if role_e else None
                return ActorMention(**base, code=_code(pc, role), name=person.name, country=pc, role=role,
                                    kind="person", confidence=0.5)
            code = spell_code(pc, spell)
            conf = {"dated": 0.95, "nearest": 0.6, "undated": 0.5}.get(how, 0.5)
            # an explicit title in the text outranks a guessed (undated/nearest) office
            if how != "dated" and role_e is not None and role_e.role != "IGO":
                code, conf = _code(pc, role_e.role), 0.7
            return ActorMention(**base, code=code, name=person.name, country=pc,
                                role=spell.role if role_e is None or code == spell_code(pc, spell) else role_e.role,
                                kind="person", confidence=conf, office=spell.office,
                                extras={"title": spell.title, "basis": how,
                                        "spell": f"{spell.start}..{spell.end or ''}"})
        if org_e is not None and org_e.kind == "igo" and country is not None and role_e is not None \
                and role_e.role == "DIP":
            # "Turkey's UN envoy", "the Chinese NATO ambassador": the country's diplomat posted to the body
            return ActorMention(**base, code=_code(country, "DIP"), name=None, country=country, role="DIP",
                                kind="person" if role_e.office else "role", confidence=0.85, office=role_e.office,
                                extras={"posted_to": org_e.code})
        if org_e is not None:
            code = org_e.code_on(day)
            return ActorMention(**base, code=code, name=org_e.name, country=org_e.country,
                                role=code[3:6] if org_e.spells else org_e.role, kind=org_e.kind, confidence=0.9)
        if role_e is not None:
            if country is None and len(group) == 1 and _abstract_modifier(doc, s):
                return None  # "market forces", "economic forces": not an armed force
            if country is None and len(group) == 1 and role_e.role == "MIL" and _sponsored(doc, s):
                # "Iran-backed militias", "US-backed forces": proxies of a state are armed groups, not its army
                role_e = replace(role_e, role="REB")
            if country is None and len(group) == 1 and span[-1].dep_ in ("amod", "compound") \
                    and span[-1].head.i >= e:
                head = span[-1].head
                if head.i != e or head.lemma_.lower() not in _POST_NOUNS:
                    return None  # "military support", "government spending": a modifier, not an actor
                # "a police checkpoint", "an army post": the post stands for the force manning it
                e = head.i + 1
                span = doc[s:e]
                base = dict(start=s, end=e, start_char=span.start_char, end_char=span.end_char, text=span.text)
            office = role_e.office
            if role_e.role == "IGO" and role_e.code != "IGO":  # "the UN secretary-general": the title names the body
                return ActorMention(**base, code=role_e.code, name=None, country=None, role="IGO", kind="person",
                                    confidence=0.85, office=office)
            holder = self.kb.office_holder(country, office, day) if (office and country) else None
            ment = ActorMention(**base, code=_code(country, role_e.role) if country and role_e.role != "IGO" else None,
                                name=holder[0].name if holder else None, country=country, role=role_e.role,
                                kind="person" if office else "role", confidence=0.85 if country else 0.3,
                                office=office)
            if holder and holder[1].role != role_e.role:
                ment.code, ment.role = _code(country, holder[1].role), holder[1].role
            self._posting(doc, ment)
            return ment
        owned = _owned_by_people(doc, span) if country_e is not None and country_e.kind == "demonym" \
            and len(group) == 1 else None
        if owned is not None:  # "Palestinian homes", "a Palestinian family": the civilians who own or form them
            span = doc[s : owned + 1]
            return ActorMention(s, owned + 1, span.start_char, span.end_char, span.text, code=country + "CVL",
                                name=None, country=country, role="CVL", kind="role", confidence=0.6)
        if country_e is not None and country_e.kind == "demonym" and len(group) == 1 \
                and (span[-1].tag_ in ("NNS", "NNPS") or _counted(span[-1])) and span[-1].dep_ not in ("amod", "compound"):
            return ActorMention(**base, code=country + "CVL", name=None, country=country, role="CVL",
                                kind="role", confidence=0.7)
        if country_e is not None:
            return ActorMention(**base, code=country_e.code, name=country_e.name, country=country,
                                role=country_e.role, kind=country_e.kind,
                                confidence=0.8 if country_e.kind == "capital" else 0.9)
        return None

    def _pick_person(self, entries: list[Entry], day: dt.date | None) -> Entry | None:
        """A surname shared by several people ('Aliyev': Heydar, then Ilham) is the one in office on the date."""
        people = [e for e in entries if e.kind == "person"]
        if len(people) > 1 and day is not None:
            dated = [e for e in people if self.kb.people[e.person].role_on(day)[1] == "dated"]
            if dated:
                return dated[0]
        return people[0] if people else None

    def _place_country(self, doc: Doc, m: ActorMention) -> str | None:
        """The country of a place right after a non-state actor phrase: 'rebels in Idlib', 'north of Aleppo',
        'residents killed in Dnipro'; else the place of its own clause ('Two journalists were detained in
        Istanbul', 'Demonstrators stormed the parliament in Nairobi')."""
        k = m.end
        limit = min(len(doc), m.end + 4)
        while k < limit and doc[k].lower_ not in _PLACE_PREPS:
            if _reduced_relative(doc, m, doc[k]):
                k += 1
                continue  # "residents killed in Dnipro", "civilians trapped in Mariupol"
            if doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX"):
                return self._clause_place(doc, m)
            k += 1
        if k >= limit - 1 or k + 1 >= len(doc):
            return self._clause_place(doc, m)
        return self._country_at(doc, k + 1 + (doc[k + 1].lower_ == "the")) or self._clause_place(doc, m)

    def _monarchy(self, country: str | None) -> bool:
        return bool(country and (self.kb.countries.get(country) or {}).get("monarchy"))

    def _seat_country(self, doc: Doc, m: ActorMention) -> str | None:
        """'Officials in Hanoi', 'the authorities in Tehran', 'the junta in Niger': a government noun with no
        country, right before 'in' and a capital or a country, is that state's government. Governments act abroad
        too, so only a seat of government or the country's own name counts, never a town."""
        if m.role != "GOV" or m.office is not None or m.end + 1 >= len(doc) or doc[m.end].lower_ != "in":
            return None
        j = m.end + 1 + (doc[m.end + 1].lower_ == "the")
        end = j
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        place = _pick(self.kb.lookup(doc[j:end].text), ("capital", "country")) if end > j else None
        return place.country if place is not None else None

    def _clause_place(self, doc: Doc, m: ActorMention) -> str | None:
        """The country of the 'in'/'at' place of the clause a generic person acts or is acted on in: 'Two
        journalists were detained in Istanbul', 'Angry crowds tried to storm the embassy in Amman', 'missiles
        slammed into a block in Dnipro, killing residents'. Only people without a demonym come here, so the place
        is theirs; a state force beside them ('Turkish jets struck rebels in Idlib') keeps its own country."""
        tok = doc[m.end - 1]
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _QUANTITY_NOUNS:
            tok = tok.head.head  # "Dozens of students were detained in Istanbul": the count is the subject
        found = [(abs(j - tok.i), j) for j in _clause_places(doc, tok) if not m.start <= j < m.end]
        for _, j in sorted(found):
            country = self._place_token_country(doc, j)
            if country is not None:
                return country
        return None

    def _place_token_country(self, doc: Doc, j: int) -> str | None:
        """The country of the place noun at `j`: its proper name ('Istanbul', "Nigeria's Kaduna state") or a
        demonym on a word for places ('several Iranian cities')."""
        obj = doc[j]
        if obj.pos_ != "PROPN" and obj.lemma_.lower() not in _PLACE_NOUNS:
            return None  # "at a US base": a thing's owner, not where it is (a nested "in Syria" is its own place)
        names = [c.i for c in obj.subtree if c.pos_ == "PROPN" and c.text[:1].isupper() and c.i <= obj.i]
        if names:
            return self._country_at(doc, min(names))
        if obj.lemma_.lower() in _PLACE_NOUNS:
            for c in obj.children:
                if c.dep_ in ("amod", "compound", "nmod"):
                    place = _pick(self.kb.lookup(c.text), ("demonym", "country"))
                    if place is not None:
                        return place.country
        return None

    def _country_at(self, doc: Doc, j: int) -> str | None:
        """The country of the capitalised place name starting at token `j`, from the KB or the gazetteer."""
        end = j
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end == j:
            return None
        name = doc[j:end].text
        place = _pick(self.kb.lookup(name), ("country", "capital"))
        if place is not None:
            return place.country
        from ..geo import geocode  # lazy: geo imports the knowledge base

        found = geocode(name)
        return found.country if found is not None else None

    def _posting(self, doc: Doc, ment: ActorMention) -> None:
        """'the Turkish ambassador in Tehran': a diplomat of one country located in another."""
        if ment.role != "DIP" or ment.end + 1 >= len(doc):
            return
        if doc[ment.end].lower_ in {"in", "to"}:
            entries = self.kb.lookup(doc[ment.end + 1].text)
            place = _pick(entries, ("capital", "country"))
            if place:
                ment.extras["posted_to"] = place.country
                ment.extras["posted_span"] = (ment.end, ment.end + 2)

    def _titled_names(self, doc: Doc, mentions: list[ActorMention]) -> None:
        """'Japanese Prime Minister Shinzo Abe' with Abe unknown: the title codes the name and its later uses."""
        if not any(m.kind in ("person", "role") and m.code for m in mentions):
            return  # no title to lend a name (building doc.ents is not free)
        persons = {e.start: e for e in doc.ents if e.label_ == "PERSON"}
        local: dict[str, ActorMention] = {}
        covered = _covered(mentions)
        for i, m in enumerate(mentions):
            ent = persons.get(m.end)
            if _private_title(m):
                continue  # 'Turkish novelist Asli Erdogan': an inferred private person (_context_names)
            if m.kind in ("person", "role") and m.code and not (m.name and m.kind == "person" and m.extras.get("title")) \
                    and ent is not None and not any(j in covered for j in range(ent.start, ent.end)):
                mentions[i] = replace(m, end=ent.end, end_char=ent.end_char, text=doc[m.start : ent.end].text,
                                      name=ent.text, kind="person", confidence=min(m.confidence, 0.8))
                local[normalize(ent[-1].text)] = mentions[i]
                covered.update(range(ent.start, ent.end))
        if not local:
            return
        for tok in doc:
            m = local.get(normalize(tok.text))
            if m is not None and tok.i not in covered and tok.pos_ == "PROPN":
                mentions.append(replace(m, start=tok.i, end=tok.i + 1, start_char=tok.idx,
                                        end_char=tok.idx + len(tok), text=tok.text, confidence=0.7))

    def _context_names(self, doc: Doc, mentions: list[ActorMention]) -> None:
        """'Turkish journalist Can Dundar', 'Iranian-American businessman Siamak Namazi': a name the knowledge base
        does not know, after a demonym and an occupation, is a private person of that country in the role the
        occupation gives (CVL when it gives none). The code is inferred, so the confidence stays low. A bare
        unknown name is left alone. A known surname inside a longer unknown name ('Asli Erdogan') is not the
        known person."""
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        starts = {e.start for e in persons}
        persons += [n for m in mentions for n in [_occupied_name(doc, m)] if n is not None and n.start not in starts]
        if not persons:
            return
        by_start = {m.start: m for m in mentions}
        local: dict[str, ActorMention] = {}
        for ent in persons:
            inside = [m for m in mentions if ent.start <= m.start and m.end <= ent.end]
            if any(m.start < ent.start < m.end or m.start < ent.end < m.end for m in mentions):
                continue
            if inside and not all(m.kind == "person" and m.start > ent.start and not _name_has(m.name, doc[ent.start])
                                  for m in inside):
                continue
            demonym, role = self._occupation_before(doc, ent.start, by_start)
            if demonym is None:
                continue
            for m in inside + [m for m in mentions if _title_phrase(m, ent.start)]:
                mentions.remove(m)  # a title before a name is not a mention of its own
            ment = ActorMention(ent.start, ent.end, ent.start_char, ent.end_char, ent.text, _code(demonym, role),
                                ent.text, demonym, role, "person", 0.55, None, {"basis": "inferred from context"})
            mentions.append(ment)
            local[normalize(ent[-1].text)] = ment
        if not local:
            return
        for k, m in enumerate(mentions):  # 'Erdogan' later in the text is the local person, not the known one
            key = normalize(m.text)
            if m.end - m.start == 1 and key in local and m is not local[key] and m.start > local[key].start:
                mentions[k] = replace(local[key], start=m.start, end=m.end, start_char=m.start_char,
                                      end_char=m.end_char, text=m.text, confidence=0.5)
        covered = _covered(mentions)
        for tok in doc:
            m = local.get(normalize(tok.text))
            if m is not None and tok.i not in covered and tok.i > m.start and tok.pos_ == "PROPN":
                mentions.append(replace(m, start=tok.i, end=tok.i + 1, start_char=tok.idx,
                                        end_char=tok.idx + len(tok), text=tok.text, confidence=0.5))

    def _occupation_before(self, doc: Doc, start: int, by_start: dict[int, ActorMention]) -> tuple[str | None, str]:
        """The country and role of 'Turkish opposition MP' / 'Saudi activist' right before a name."""
        words: list[str] = []
        k = start - 1
        while k >= 0 and len(words) < 4 and (doc[k].is_lower or doc[k].text in ("MP", "MPs")) \
                and doc[k].pos_ in ("NOUN", "ADJ", "PROPN"):
            words.append(doc[k].lower_)
            k -= 1
        if not words or k < 0:
            return None, ""
        owner = next((m for m in by_start.values() if m.end == k + 1 and m.kind in ("demonym", "country")
                      or _title_phrase(m, start)), None)
        if owner is None or not owner.country:
            return None, ""
        role = next((r for w in words for r in [_OCCUPATION_ROLES.get(w)] if r), "CVL")
        return owner.country, role

    # -- coreference --------------------------------------------------
    def _coreference(self, doc: Doc, mentions: list[ActorMention], day: dt.date | None) -> None:
        """Pronouns and bare titles ('he', 'the minister') point back to the last fitting person."""
        covered = _covered(mentions)
        people = [m for m in mentions if m.kind == "person" and m.name]
        people_by_start = sorted(people, key=lambda m: m.start)
        ordered = sorted(mentions, key=lambda m: m.start)
        for m in list(mentions):
            if self._former_holder(doc, mentions, m, people_by_start, day):
                continue
            if m.code is not None or m.kind not in ("role", "person"):
                continue
            idx = mentions.index(m)
            leader = _leader_possessive(doc, m, ordered)
            if leader is not None:  # "Yevgeny Prigozhin's fighters": a named group leader's forces are the group
                mentions[idx] = replace(m, code=leader.code, country=leader.country, role=leader.code[3:6],
                                        kind="group", confidence=0.6, extras={"possessor": leader.text})
                continue
            group = _group_antecedent(doc, m, ordered) or _rebel_antecedent(doc, m, ordered)
            if group is not None:  # "the militia", "the force": the named group in focus, not the focus country
                mentions[idx] = replace(group, start=m.start - 1, end=m.end, start_char=doc[m.start - 1].idx,
                                        end_char=m.end_char, text=doc[m.start - 1 : m.end].text, name=group.name,
                                        confidence=0.6, extras={"coref": group.text})
                continue
            prev = self._title_antecedent(doc, m, ordered, day)
            if prev is None:
                prev = _last_before(people_by_start, m.start, lambda p: m.office is not None and p.office == m.office)
            head = doc[m.end - 1]
            if prev is None and m.office is None and head.tag_ == "NN" and doc[m.start].lower_ == "the":
                # "the minister", "the general": the last person in that line of work
                prev = _last_before(people_by_start, m.start, lambda p: p.role == m.role and m.start - p.start < 60)
            if prev:
                mentions[idx] = replace(m, code=prev.code, name=prev.name, country=prev.country, role=prev.role,
                                        kind=prev.kind if prev.kind == "person" else "role", confidence=0.7,
                                        office=prev.office or m.office, extras={"coref": prev.text})
                continue
            owner = _possessor(doc, m, people_by_start)
            if owner is not None:
                mentions[idx] = owner
                continue
            if m.role == "IGO":
                continue  # an unnamed head of an unnamed organisation: no country to lend it
            # generic instruments ("retaliated with artillery") are not actors of the focus country
            # ("clashed with the opposition" is definite: an actor, not an instrument)
            instrument = doc[m.start].dep_ == "pobj" and doc[m.start].head.lower_ == "with" and m.end - m.start == 1 \
                and not _definite(doc, m.start)
            seat = self._seat_country(doc, m)
            if seat is not None:  # "Officials in Hanoi", "the junta in Niger": the seat names the government
                mentions[idx] = replace(m, code=_code(seat, m.role), country=seat, confidence=0.6,
                                        extras={"place": True})
                continue
            if doc[m.end - 1].lemma_.lower() in _UNNAMED_DOERS:
                continue  # "Gunmen opened fire on worshippers in Kabul": who they are is unknown, not the place's
            if m.role in _PLACED_ROLES:
                # "rebels in Idlib": an explicit place says whose; "Russia bombed rebels": the actor's subject does not
                place = self._place_country(doc, m)
                if place is not None:
                    mentions[idx] = replace(m, code=_code(place, m.role), country=place, confidence=0.55,
                                            extras={"place": True})
                    continue
            if m.role in _NON_STATE_ROLES:
                definite = any(c.dep_ == "det" and c.lower_ == "the" for c in doc[m.end - 1].children)
                # the subject may itself have been resolved earlier in this loop ("The soldiers killed militants")
                if m.role == "REB" and not definite and _target_of(doc, m, mentions):
                    continue  # a state's own civilians are often its object ("pardoned prisoners"); rebels are not
            focus = None if instrument or _peers(doc, m) else _focus(doc, _state_side(doc, m, ordered), m.start)
            if focus is None:
                focus = None if instrument or _peers(doc, m) or not _opens_sentence(doc, m) \
                    else _first_after(doc, ordered, m)
            if _royal_title(doc, m) and not (focus is not None and self._monarchy(focus.country)):
                # "the crown prince" with a US focus: only monarchies have crown princes
                focus = _last_before(ordered, m.start, lambda p: p.code is not None and self._monarchy(p.country))
                if focus is None:
                    place = self._clause_place(doc, m)
                    if place is not None and self._monarchy(place):
                        mentions[idx] = replace(m, code=_code(place, m.role), country=place, confidence=0.5,
                                                extras={"place": True})
                    continue
            if focus is None:
                continue
            # an envoy's posting is not known from the phrase, and a state has many: no holder is guessed
            holder = self.kb.office_holder(focus.country, m.office, day) if m.office and m.role != "DIP" else None
            role = holder[1].role if holder else m.role
            mentions[idx] = replace(m, code=_code(focus.country, role), country=focus.country, role=role,
                                    name=holder[0].name if holder else None, confidence=0.5,
                                    extras={"focus": focus.text})
        for i, m in enumerate(mentions):
            # "his Iraqi counterpart": the country's holder of the same kind of office as the last person
            if m.end <= len(doc) and doc[m.end - 1].head.lemma_.lower() == "counterpart" and m.kind in ("demonym", "country") \
                    and m.country:
                prev = _last_before(people_by_start, m.start, lambda p: p.country != m.country)
                if prev is not None and prev.role:
                    mentions[i] = replace(m, code=m.country + prev.role, role=prev.role, kind="role",
                                          confidence=0.6, extras={"counterpart_of": prev.text})
        for tok in _tokens_where(doc, LEMMA, _is_anaphor):
            if tok.i in covered:
                continue
            if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its") for c in tok.children):
                continue
            kinds = ANAPHORS[tok.lemma_.lower()]
            if kinds == ("country",):
                if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE | {"to"}:
                    continue  # "Putin's visit to the country": a place, not an actor
                prev = _focus(doc, ordered, tok.i)
                if prev is not None and prev.country:
                    mentions.append(ActorMention(tok.i - 1, tok.i + 1, doc[tok.i - 1].idx, tok.idx + len(tok),
                                                 doc[tok.i - 1 : tok.i + 1].text, prev.country, None, prev.country,
                                                 None, "country", 0.6, None, {"focus": prev.text}))
                continue
            prev = _salient(doc, ordered, tok.i, lambda p: _anaphor_fits(p, kinds))
            if prev is not None:
                first = min([c.i for c in tok.children if c.dep_ in ("det", "poss", "amod", "compound")] + [tok.i])
                if prev.kind == "person":  # the group (or spy service) named in a person's title, not the person
                    prev = replace(prev, kind="organisation" if (prev.code or "")[3:6] == "SPY" else "group",
                                   name=None, office=None)
                end, name = _members_after(doc, mentions, tok, prev)
                mentions.append(replace(prev, start=first, end=end, start_char=doc[first].idx,
                                        end_char=doc[end - 1].idx + len(doc[end - 1]), text=doc[first:end].text,
                                        name=name, confidence=0.6, extras={"coref": prev.text}))
        self._unlisted_titles(doc, mentions, covered, day)
        self._predecessors(doc, mentions, covered, people_by_start, day)
        self._its_owned(doc, mentions, covered)
        self._followers(doc, mentions, covered, people_by_start, day)
        # "she told him": an unnamed office holder ("the Turkish ambassador") is a person a pronoun can point to
        speakers = sorted(people_by_start + [m for m in mentions if m.kind == "person" and not m.name and m.office
                                             and m.code and doc[m.end - 1].tag_ == "NN"], key=lambda m: m.start)
        for tok in _tokens_where(doc, LOWER, _is_pronoun):
            if tok.lower_ in ("it", "its") and tok.i not in covered and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
                # "Ankara said it would...", "accusing it of": the last state or organisation mentioned
                prev = _last_before(sorted(mentions, key=lambda m: m.start), tok.i,
                                    lambda p: p.kind in _IT_KINDS
                                    and not _modifier_only(doc, p))
                if prev and tok.i - prev.end < 40:
                    mentions.append(replace(prev, start=tok.i, end=tok.i + 1, start_char=tok.idx,
                                            end_char=tok.idx + len(tok), text=tok.text, confidence=0.5,
                                            extras={"coref": prev.text}))
                continue
            if tok.lower_ in PRONOUNS and tok.i not in covered and tok.dep_ in ("nsubj", "nsubjpass", "dobj",
                                                                                        "dative", "pobj", "poss"):
                prev = self._pronoun_antecedent(_unbound(doc, speakers, tok), tok)
                if prev and tok.i - prev.start < 80:
                    mentions.append(ActorMention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok), tok.text,
                                                 prev.code, prev.name, prev.country, prev.role, "person", 0.6,
                                                 prev.office, {"coref": prev.text}))
        mentions[:] = [m for m in mentions if m.code]

    def _former_holder(self, doc: Doc, mentions: list[ActorMention], m: ActorMention,
                       people: list[ActorMention], day: dt.date | None) -> bool:
        """'the former prime minister', 'The former Tehran mayor': a role phrase after 'former' is someone who held
        the office before, never its current holder: the last person named in the text who held it before the date
        (or, for an office the knowledge base does not track, the last named person of the phrase's country); with
        no such person, the office's previous holder, inferred at lower confidence. Returns whether it rewrote `m`."""
        if m.kind not in ("role", "person") or {"appositive", "coref", "basis", "former"} & set(m.extras):
            return False  # a named person, or a phrase already tied to one ("X, a former AKP lawmaker,")
        if "former" not in (doc[k].lower_ for k in range(max(0, m.start - 2), m.end)):
            return False
        idx = mentions.index(m)

        def held_before(p: ActorMention) -> bool:
            person = self.kb.people.get(normalize(p.name)) if p.name else None
            if person is None or (m.country and m.country not in _countries_served(person)):
                return False
            if m.office is None:
                return True  # an office the KB does not track ('mayor'): any earlier named person of the country
            return any(r.office == m.office and (day is None or not r.covers(day)) and (
                day is None or r.start is None or r.start < day) for r in person.roles)

        prev = _last_before(people, m.start, lambda p: m.start - p.start < 80 and held_before(p))
        if prev is not None:
            mentions[idx] = replace(m, code=prev.code, name=prev.name, country=prev.country, role=prev.role,
                                    kind="person", confidence=0.7, office=prev.office,
                                    extras={"coref": prev.text, "former": m.office})
            return True
        if m.office is None or m.country is None or day is None:
            return False
        found = self.kb.previous_holder(m.country, m.office, day)
        if found is None:
            return False
        spell, how = found[0].role_on(day)
        if spell is None or how != "dated":
            return False  # no office on the date: not an actor then
        code = spell_code(found[0].country, spell)
        mentions[idx] = replace(m, code=code, name=None, role=spell.role, kind="role", confidence=0.45,
                                office=spell.office, extras={"basis": "inferred previous holder",
                                                             "holder": found[0].name, "former": m.office})
        return True

    def _gender(self, p: ActorMention) -> str | None:
        person = self.kb.people.get(normalize(p.name)) if p.name else None
        return person.gender if person is not None else None

    def _pronoun_antecedent(self, people: list[ActorMention], tok: Any) -> ActorMention | None:
        """The last person before a pronoun, skipping those whose recorded gender rules it out; 'she'/'her' prefer
        a person recorded as a woman within reach. Without a record nothing is assumed."""
        want = "female" if tok.lower_ in ("she", "her") else "male"
        near = [p for p in people if p.start < tok.i and tok.i - p.start < 80]
        if want == "female":
            women = [p for p in near if self._gender(p) == "female"]
            if women:
                return women[-1]
        fits = [p for p in near if self._gender(p) in (None, want)]
        if not fits:
            return None
        return _previous_subject(tok, fits) or fits[-1]

    def _predecessors(self, doc: Doc, mentions: list[ActorMention], covered: set[int],
                      people: list[ActorMention], day: dt.date | None) -> None:
        """'his predecessor', 'Fidan's successor': the person who held the possessor's office just before (after)
        them, coded by that person's own office on the date (no office then: no actor)."""
        for tok in _tokens_where(doc, LOWER, _is_succession_noun):
            poss = [c for c in tok.children if c.dep_ == "poss"]
            if tok.i in covered or not poss or any(poss[0].i <= k <= tok.i for k in covered):
                continue
            if poss[0].lower_ in _POSSESSIVES:
                owner = _recent_coded(people, poss[0].i)
            else:
                owner = next((p for p in people if p.start <= poss[0].i < p.end), None)
            person = self.kb.people.get(normalize(owner.name)) if owner is not None and owner.name else None
            if person is None or not owner.office or day is None:
                continue
            spells = [r for r in person.roles if r.office == owner.office and r.start is not None]
            if not spells:
                continue
            spell = min(spells, key=lambda r: 0 if r.covers(day) else 1)
            if tok.lower_ == "predecessor":
                found = self.kb.previous_holder(person.country, owner.office, spell.start, exclude=person,
                                                ended=False)
            else:
                found = self.kb.office_holder(person.country, owner.office, spell.end + dt.timedelta(days=1)) \
                    if spell.end else None
            if found is None or found[0] is person:
                continue
            held, how = found[0].role_on(day)
            if held is None or how != "dated":
                continue
            named = any(normalize(p.name) == normalize(found[0].name) for p in people)
            mentions.append(ActorMention(poss[0].i, tok.i + 1, doc[poss[0].i].idx, tok.idx + len(tok),
                                         doc[poss[0].i : tok.i + 1].text, spell_code(found[0].country, held),
                                         found[0].name if named else None, found[0].country, held.role, "person",
                                         0.6, held.office, {"succession_of": owner.text, "holder": found[0].name}))
            covered.update(range(poss[0].i, tok.i + 1))

    def _title_antecedent(self, doc: Doc, m: ActorMention, ordered: list[ActorMention],
                          day: dt.date | None) -> ActorMention | None:
        """'the speaker', 'the president', 'the admiral', 'the envoy': a bare definite title points back to the
        most recent actor of that kind of office, preferring the subject when its sentence names two."""
        toks = doc[m.start : m.end]
        words = [t.lower_ for t in toks[:-1] if t.lower_ != "the" and t.pos_ not in ("ADJ", "VERB")] + [toks[-1].lower_]
        tiers = TITLE_ANTECEDENTS.get(" ".join(words))
        if tiers is None or not _definite(doc, m.start):
            return None
        window = [p for p in ordered if p.end <= m.start and p.code and m.start - p.start < 80]
        for tier in tiers:
            fits = [p for p in window if self._fits_title(p, tier, day)]
            if fits:
                return _prefer_subject(doc, fits)
        return None

    def _fits_title(self, p: ActorMention, tier: str, day: dt.date | None) -> bool:
        """Does `p` hold (or, for a military rank, ever have held) the kind of office `tier` names?"""
        if tier == "military":  # generals and admirals: serving officers, or people with a military career
            if p.kind != "person":
                return False
            person = self.kb.people.get(normalize(p.name)) if p.name else None
            return p.role == "MIL" or bool(person and any(
                r.role == "MIL" and (day is None or r.start is None or r.start <= day) for r in person.roles))
        if tier == "security":  # security chiefs are often career officers ("the general" for a spy chief)
            return p.kind == "person" and p.role == "SPY"
        return p.office == tier

    def _unlisted_titles(self, doc: Doc, mentions: list[ActorMention], covered: set[int],
                         day: dt.date | None) -> None:
        """Titles too ambiguous for the role table ('speaker' is also a loudspeaker or a conference speaker) are
        actors only as 'the <title>' after someone holding that office in the same text."""
        ordered = sorted(mentions, key=lambda m: m.start)
        for tok in _tokens_where(doc, LOWER, _is_unlisted_title):
            det = doc[tok.i - 1] if tok.i > 0 else None
            if tok.i in covered or det is None or det.lower_ != "the" or det.i in covered:
                continue
            probe = ActorMention(det.i, tok.i + 1, det.idx, tok.idx + len(tok), doc[det.i : tok.i + 1].text, None,
                                 kind="role")
            prev = self._title_antecedent(doc, probe, ordered, day)
            if prev is not None:
                mentions.append(replace(prev, start=det.i, end=tok.i + 1, start_char=det.idx,
                                        end_char=tok.idx + len(tok), text=probe.text, confidence=0.7,
                                        extras={"coref": prev.text}))
                covered.update((det.i, tok.i))

    def _its_owned(self, doc: Doc, mentions: list[ActorMention], covered: set[int]) -> None:
        """'Paris recalled its ambassadors', 'Al Jazeera said ... its correspondent': an actor phrase opened by 'its'
        belongs to the last singular state or organisation before it (its own code when the roles match)."""
        ordered = sorted(mentions, key=lambda m: m.start)
        for idx, m in enumerate(mentions):
            if m.kind not in ("role", "person") or (m.kind == "person" and m.name) or not m.role or m.role == "IGO":
                continue
            its = _opening_possessive(doc, m, ("its",))
            if its is None or its in covered:
                continue
            owner = _last_before(ordered, its, lambda p: p.kind in _IT_KINDS
                                 and p.end <= its and p.code is not None
                                 and (p.kind in ("country", "capital") or not _plural(doc, p))
                                 and not _located(doc, p)
                                 and not _modifier_only(doc, p))
            if owner is None or its - owner.end > 40:
                continue
            same_role = (owner.code or "")[3:6] == m.role  # "Al Jazeera ... its correspondent" is Al Jazeera itself
            # "The Wagner Group denied that its fighters ...": a named armed group's forces are the group
            group_forces = _tagged_group(owner.code) and doc[m.end - 1].lemma_.lower() in _FORCE_NOUNS
            code = owner.code if same_role or group_forces or owner.kind == "igo" else _code(owner.country, m.role)
            if code is None:
                continue
            mentions[idx] = replace(m, start=its, start_char=doc[its].idx, text=doc[its : m.end].text, code=code,
                                    country=owner.country, role=m.role if not code.startswith("IGO") else "IGO",
                                    confidence=0.6, extras={**m.extras, "possessor": owner.text})
            covered.add(its)

    def _followers(self, doc: Doc, mentions: list[ActorMention], covered: set[int],
                   people: list[ActorMention], day: dt.date | None) -> None:
        """'Prigozhin ... his men', 'Bardella ... his party': a possessive on a follower noun after a named person is
        that person's group (a group leader's own code) or party (the person's `party` in the KB)."""
        for tok in _tokens_where(doc, LOWER, _is_personal_possessive):
            head = tok.head
            noun = head.lemma_.lower()
            forces = noun in _FORCE_NOUNS
            if tok.dep_ != "poss" or not (forces or noun in _FOLLOWER_NOUNS) or tok.i in covered \
                    or head.i in covered and not forces:
                continue
            prev = _recent_coded(people, tok.i)
            if prev is None:
                continue
            if forces:  # "Mazloum Abdi ... his forces": a group leader's forces are the group, a minister's the state's
                if prev.code and len(prev.code) > 6 and not prev.code.startswith("IGO"):
                    mentions[:] = [x for x in mentions if not x.start <= head.i < x.end]
                else:
                    continue
            if noun == "party":
                code = self.kb.party_on(prev.name, day)
            else:
                code = prev.code if prev.code and len(prev.code) > 6 and not prev.code.startswith("IGO") else None
            if not code:
                continue
            mentions.append(ActorMention(tok.i, head.i + 1, tok.idx, head.idx + len(head), doc[tok.i : head.i + 1].text,
                                         code, None, code[:3] if not code.startswith("IGO") else None,
                                         code[3:6], "group", 0.6, None, {"possessor": prev.text}))
            covered.update(range(tok.i, head.i + 1))


# nouns for a leader's own people: "his men", "their loyalists", "her party"
_FOLLOWER_NOUNS = {"man", "men", "follower", "loyalist", "supporter", "party", "movement", "organisation", "organization"}
# armed nouns the role table codes as the state's own ("his forces"); after a named group leader they are the group
_FORCE_NOUNS = {"force", "fighter", "troop", "militiaman", "gunman"}


def _countries_served(person: Any) -> set[str | None]:
    """The person's country and the states whose offices they held: an IGO head recorded without a country who was
    once a prime minister ('Mark Rutte ... the former Dutch prime minister') served the state named by the office."""
    return {person.country} | {r.org[:3] for r in person.roles if r.org and not r.org.startswith("IGO")}


def _unbound(doc: Doc, people: list[ActorMention], tok: Any) -> list[ActorMention]:
    """An object pronoun is never its own clause's subject: in "Mohammed bin Salman greeted him" 'him' is someone
    else (a reflexive would name the subject). Drops the subject of the pronoun's verb from the candidates."""
    if tok.dep_ not in ("dobj", "dative", "pobj"):
        return people
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    return [p for p in people if not any(p.start <= i < p.end for i in subjects)]


def _previous_subject(tok: Any, fits: list[ActorMention]) -> ActorMention | None:
    """'Donald Trump hosted Recep Tayyip Erdogan ... He told him': a subject pronoun opening a sentence continues
    the previous sentence's subject rather than its object, when that subject is a fitting person."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.i != tok.sent.start or tok.sent.start == 0:
        return None
    prev_sent = tok.doc[tok.sent.start - 1].sent
    subjects = [p for p in fits if prev_sent.start <= p.start < prev_sent.end
                and any(tok.doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(p.start, p.end))]
    return subjects[-1] if subjects else None


def _tagged_group(code: str | None) -> bool:
    """A named non-state group's code (country + role + tag), not an IGO's or a state organ's."""
    return bool(code) and len(code) > 6 and not code.startswith("IGO")


def _is_personal_possessive(lower: str) -> bool:
    return lower in _POSSESSIVES


def _opening_possessive(doc: Doc, m: ActorMention, words: tuple[str, ...]) -> int | None:
    """Index of a possessive pronoun that opens `m`'s noun phrase ('its own envoy'), else None."""
    k = m.start - 1
    while k >= 0 and doc[k].lower_ in ("own", "new", "former", "top", "senior"):
        k -= 1
    if k < 0 or doc[k].lower_ not in words or doc[k].dep_ != "poss":
        return None
    return k if m.start <= doc[k].head.i < m.end else None


# "the two leaders", "both presidents", "G7 leaders": heads of several states, not of the country in focus
_PEER_NOUNS = {"leader", "president", "minister", "ambassador", "head"}


def _peers(doc: Doc, m: ActorMention) -> bool:
    head = doc[m.end - 1]
    if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in _PEER_NOUNS:
        return False
    return any(c.dep_ in ("nummod", "compound", "amod") and (c.like_num or c.lower_ in ("both", "allied", "world", "g7", "g20",
                                                                                    "european", "arab", "western"))
               or c.lower_ == "both" for c in head.children)


_LOCATIVE = {"in", "at", "near", "inside", "outside", "from", "across", "into"}


def _located(doc: Doc, m: ActorMention) -> bool:
    """'its embassy in Ankara': a city after a locative preposition is where, not whose (a country there, as in
    'forces in Syria without the permission of its government', still owns)."""
    tok = doc[m.end - 1]
    return m.kind == "capital" and tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE


# prepositions after which a capital is where something happens ("talks in Cairo", "a blast in Seoul", "fighting
# near Tripoli"), not who acts; "from" (a source: "an envoy from Tehran", "pressure from Washington") and "to"/"into"
# (a destination or target) are left to the metonym reading
_PLACE_ONLY = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within"}
# verbs whose "in"/"at" place is a visit's destination ("arrived in Ankara"): the host government, as "visited Ankara" is
_ARRIVAL_WORDS = {"arrive", "land", "travel", "fly", "come", "go", "return", "head", "stop", "visit"}
# meeting words whose place is the host when someone from another state is there ("talks in Ankara" with a US envoy,
# "would meet in Islamabad"); the event coder reads the host government from this mention
# ("hosted X in Riyadh", "received X in Cairo", "signed ... at the White House" name the host as the subject: the
# place there is only where)
_MEETING_WORDS = {"meet", "talk", "talks", "meeting", "summit", "negotiation", "negotiations", "conference",
                  "agree", "hold", "discuss"}
# words whose "at" names who is criticised or blamed, not where: "lashed out at Seoul", "took a swipe at Ankara",
# "pointed the finger at Tehran", "anger at Washington"
_AIM_WORDS = {"lash", "hit", "swipe", "jab", "dig", "finger", "rail", "snap", "bristle", "fume", "scoff", "sneer",
              "poke", "anger", "angry", "fury", "furious", "outrage", "outraged", "frustration", "frustrated",
              "irritation", "irritated", "annoyance", "annoyed", "displeasure", "criticism", "barb", "jibe",
              "broadside", "shout", "yell", "mock", "laugh", "swing", "grievance", "blame", "accusation"}


def _aimed_at(tok: Any) -> bool:
    """'Pyongyang lashed out at Seoul', 'Kyiv hit out at Budapest', 'took a swipe at Ankara', 'directed his anger at
    Washington': the capital after 'at' is the government aimed at. Only words of blame or anger count, on the verb or
    its object ('a blast at Kabul airport', 'fired rockets at Jerusalem' stay places)."""
    at = tok.head
    if at.lower_ != "at":
        return False
    head = at.head
    if head.dep_ == "prt":  # "lashed out at": the particle hangs under the verb
        head = head.head
    words = {head.lemma_.lower(), head.lower_} | {c.lemma_.lower() for c in head.children if c.dep_ in ("prt", "dobj")}
    return bool(words & _AIM_WORDS)


# verbs whose object is a place taken, left or entered ("seized Sanaa", "left Turkey"), not an actor acted on
_TAKE_WORDS = {"seize", "capture", "recapture", "retake", "overrun", "encircle", "besiege", "leave", "enter"}
# prepositions of a direction or destination that make a place after a verb of movement ("fled to Aden",
# "flights to Tehran", "moved into Number 10", "advancing on Tripoli")
_MOVE_PREPS = {"to", "into", "on", "towards", "toward"}


# parts of a city that keep a possessive capital a place
_CITY_PARTS = {"airport", "suburb", "outskirts", "street", "district", "centre", "center", "square", "port", "harbour",
               "neighbourhood", "neighborhood", "old city", "quarter", "market", "university", "hospital", "hotel"}
# events and venues a capital names without standing for its government ("the Vilnius summit", "the Moscow fair")
_EVENT_NOUNS = {"summit", "talks", "fair", "forum", "exhibition", "expo", "metro", "marathon", "festival", "stadium"}


def _capital_as_place(doc: Doc, m: ActorMention, mentions: list[ActorMention]) -> bool:
    """'a blast in Seoul', 'talks in Cairo ended': a capital after a preposition of place is a location, not its
    government; kept as the host after an arrival word, or a meeting word with a visitor from another state."""
    tok = doc[m.end - 1]
    if m.kind == "capital" and tok.dep_ == "poss" and tok.head.lemma_.lower() in _CITY_PARTS:
        return True  # "near Baghdad's airport", "Moscow's Sheremetyevo airport" (not "in Moscow's view")
    if m.kind != "capital":
        return False
    if _place_by_motion(tok):
        return True
    first = tok
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "detained in Istanbul and Ankara": a capital joined to a place is one too
    tok = first if first.dep_ == "pobj" and first.head.lower_ in _PLACE_ONLY else tok
    if tok.dep_ != "pobj" or tok.head.lower_ not in _PLACE_ONLY:
        return False
    word = {tok.head.head.lemma_.lower(), tok.head.head.lower_}
    if word & _ARRIVAL_WORDS or _aimed_at(tok):
        return False
    if word & _MEETING_WORDS:
        sent = tok.sent
        return not any(o.country and o.country != m.country and sent.start <= o.start < sent.end for o in mentions)
    return True


# prepositions after which a bare country is where something happens ("fighting in Yemen", "through Hungary");
# "to" only after a verb of flight or deployment ("fled to Germany"), since "send jets to Ukraine" and "a message to
# Iran" name a recipient; "at" and "into" name a target ("fired rockets at Israel", "launched drones into Russia")
_COUNTRY_PLACE_PREPS = (_PLACE_ONLY - {"at"}) | {"through", "via"}
_FLIGHT_WORDS = {"flee", "fled", "escape", "migrate", "emigrate", "deploy", "relocate", "smuggle", "deport", "evacuate",
                 "cross", "displace", "displacement", "deployment", "exodus", "migration", "push", "spill",
                 "move", "flight", "advance", "march", "withdraw", "retreat"}
# words whose "in" names the country acted on, not a place: "interfering in Iran", "intervention in Libya"
_INVOLVEMENT_WORDS = {"interfere", "intervene", "meddle", "interference", "intervention", "meddling", "involvement"}
# compass adjectives that make a country a region of it: "northern Syria", "northeastern Syria"
_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeastern",
            "northwestern", "southeastern", "southwestern", "northeast", "northwest", "southeast", "southwest"}


def _place_by_motion(tok: Any) -> bool:
    """'seized Sanaa', 'left Turkey', 'fled to Aden', 'flights to Tehran', 'north of Moscow', 'off Cyprus', 'out of
    Somalia': a capital or country taken, left, reached by moving or placed by a compass word is where, not who."""
    head = tok.head
    word = {head.lemma_.lower(), head.lower_}
    if tok.dep_ == "dobj":
        return bool(word & _TAKE_WORDS)
    if tok.dep_ != "pobj":
        return False
    over = {head.head.lemma_.lower(), head.head.lower_}
    if head.lower_ == "off" or head.lower_ == "of" and over & ({"out"} | _COMPASS):
        return True
    return head.lower_ in _MOVE_PREPS and bool(over & _FLIGHT_WORDS)


def _country_as_place(doc: Doc, m: ActorMention, mentions: list[ActorMention]) -> bool:
    """'fighting in Yemen', 'fled to Germany', 'northern Syria': a bare country used as a place is no actor. Kept as
    the host after an arrival word or a meeting word with a visitor from another state, like capitals (the event
    coder reads the host from it), and after words of involvement ('interfering in Iran')."""
    if m.kind != "country" or m.role is not None:
        return False
    if m.start > 0 and doc[m.start - 1].lower_ in _COMPASS:
        return True
    tok = doc[m.end - 1]
    if tok.dep_ == "conj":  # "in northern Syria and Iraq": a country joined to a place is one too
        first = next((o for o in mentions if o.start <= tok.head.i < o.end and o is not m), None)
        return first is not None and _country_as_place(doc, first, mentions)
    if _place_by_motion(tok):
        return True
    if tok.dep_ != "pobj":
        return False
    prep = tok.head.lower_
    word = {tok.head.head.lemma_.lower(), tok.head.head.lower_}
    if word & _INVOLVEMENT_WORDS or word & _ARRIVAL_WORDS - {"come", "go"}:
        return False
    if prep == "to":
        return bool(word & _FLIGHT_WORDS)
    if prep not in _COUNTRY_PLACE_PREPS:
        return False
    if word & _MEETING_WORDS:
        sent = tok.sent
        return not any(o.country and o.country != m.country and sent.start <= o.start < sent.end for o in mentions)
    return True


# nouns a demonym or country describes without standing for an actor: goods, languages, and places of the country
# ("Turkish coffee", "the Russian language", "Iranian oil", "the Syrian border", "Greek airspace")
_THING_NOUNS = {"coffee", "tea", "food", "cuisine", "dish", "oil", "crude", "gas", "lng", "coal", "wheat", "grain",
                "saffron", "carpet", "steel", "goods", "product", "language", "dialect", "alphabet", "literature",
                "music", "film", "cinema", "lira", "rial", "rouble", "ruble", "currency", "economy", "market", "stock",
                "border", "frontier", "airspace", "water", "territory", "soil", "coast", "coastline", "mainland",
                "island", "province", "countryside", "village", "town", "city", "port", "doll", "pistachio",
                "ceramic", "ceramics", "pottery", "rug", "caviar", "vodka", "wine", "cotton", "textile", "fruit",
                "flag", "delight", "handicraft"}
# nouns a capital names without standing for its government: "the Minsk agreements", "Havana syndrome"
_ACCORD_NOUNS = {"agreement", "accord", "process", "format", "syndrome", "protocol", "convention", "pact", "declaration",
                 "formula", "communique", "principle"}


def _describes_thing(doc: Doc, m: ActorMention, mentions: list[ActorMention] = ()) -> bool:
    """A one-word demonym, country or capital that only modifies a thing or a place ('Iranian oil', 'the Syrian
    border', 'The Doha agreement') is not an actor; acts and actors ('Iranian entrenchment', 'Turkish troops') are."""
    if m.kind not in ("demonym", "country", "capital") or m.end - m.start != 1:
        return False
    tok = doc[m.start]
    if tok.dep_ not in ("amod", "compound", "nmod") or tok.head.i < m.end:
        return False
    nouns = _ACCORD_NOUNS | _CITY_PARTS | _EVENT_NOUNS if m.kind == "capital" else _THING_NOUNS
    head = tok.head
    # "the Turkish-Armenian border crossing": climb a hyphenated pair of modifiers to the noun they share
    while head.dep_ in ("amod", "compound", "nmod") and head.head.i > head.i and head.head.i - tok.i <= 5:
        head = head.head
    # "a Bangkok hotel room": a noun between the name and its head can be the thing named too, unless it belongs to
    # another actor phrase ("Italian and Maltese coast guards")
    taken = {i for o in mentions if o is not m for i in range(o.start, o.end)}
    if head.i in taken:
        return False
    return any(t.lemma_.lower() in nouns for t in doc[m.end : head.i + 1]
               if (t.pos_ == "NOUN" or t.i == head.i) and t.i not in taken)


def _igo_postings(doc: Doc, mentions: list[ActorMention]) -> None:
    """'Iran's ambassador to the United Nations': a state's diplomat and the body it is posted to are one mention,
    the state's DIP; the organisation is its posting, not a second actor."""
    by_start = {m.start: m for m in mentions}
    for m in list(mentions):
        if m.role != "DIP" or not m.country or m.end + 1 >= len(doc) or doc[m.end].lower_ not in ("to", "at"):
            continue
        body = by_start.get(m.end + 1) or (by_start.get(m.end + 2) if doc[m.end + 1].lower_ == "the" else None)
        if body is None or body.kind != "igo":
            continue
        end = body.end
        idx = mentions.index(m)
        mentions[idx] = replace(m, end=end, end_char=doc[end - 1].idx + len(doc[end - 1]), text=doc[m.start:end].text,
                                extras={**m.extras, "posted_to": body.code})
        mentions.remove(body)


def _plural(doc: Doc, m: ActorMention) -> bool:
    return doc[m.end - 1].tag_ in ("NNS", "NNPS")


def _modifier_only(doc: Doc, m: ActorMention) -> bool:
    """'the US ban': the mention only modifies a noun outside it, so 'it' later is not this actor."""
    last = doc[m.end - 1]
    return last.dep_ in ("compound", "amod") and not (m.start <= last.head.i < m.end) and last.head.i >= m.end


_PRONOUN_FORMS = PRONOUNS | {"it", "its"}
# what 'it'/'its' can point back to: a state or an organisation, never a person or a role phrase
_IT_KINDS = ("country", "capital", "organisation", "igo", "group")
_WORD_TESTS: dict[tuple[int, Any], dict[int, bool]] = {}


# bare titles after "the" -> the kinds of antecedent they point back to, tried in order (office keys, or
# "military"/"security" for ranks); see DocumentActors._title_antecedent
TITLE_ANTECEDENTS: dict[str, tuple[str, ...]] = {
    "speaker": ("speaker_of_parliament",),
    "president": ("head_of_state",), "king": ("head_of_state",), "emir": ("head_of_state",),
    "prime minister": ("head_of_government",), "premier": ("head_of_government",),
    "chancellor": ("head_of_government",),
    "general": ("military", "security"), "admiral": ("military", "security"),
    "envoy": ("ambassador",), "ambassador": ("ambassador",),
    # "Sergey Lavrov ... The veteran diplomat": an envoy, else the foreign minister named before
    "diplomat": ("ambassador", "foreign_minister"),
}
# titles left out of roles.yaml that still point back after "the"
UNLISTED_TITLES = {"speaker"}


def _definite(doc: Doc, start: int) -> bool:
    """Does the phrase at `start` open with 'the', perhaps before modifiers left out of the span ('the retired')?"""
    i = start
    while i > 0 and i > start - 3 and doc[i].lower_ != "the" and doc[i - 1].pos_ in ("ADJ", "VERB", "DET"):
        i -= 1
    return doc[i].lower_ == "the"


def _prefer_subject(doc: Doc, fits: list[ActorMention]) -> ActorMention:
    """The last fitting mention, unless its sentence has a fitting subject: 'Rouhani spoke with Obama ...
    criticised the president' is Rouhani."""
    last = fits[-1]
    sent = doc[last.start].sent
    subjects = [p for p in fits if doc[p.start].sent.start == sent.start
                and _is_subject(doc, p)]
    return subjects[-1] if subjects else last


def _is_subject(doc: Doc, p: ActorMention) -> bool:
    """Is some token of `p` a clause subject?"""
    return any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(p.start, p.end))


def _is_anaphor(lemma: str) -> bool:
    return lemma.lower() in ANAPHORS


def _is_unlisted_title(lower: str) -> bool:
    """A named function, not a lambda: _tokens_where memoises per test, and a fresh lambda per document
    would never hit that memo and leave one more entry in it every time."""
    return lower in UNLISTED_TITLES


def _is_succession_noun(lower: str) -> bool:
    return lower in ("predecessor", "successor")


def _is_pronoun(lower: str) -> bool:
    return lower in _PRONOUN_FORMS


def _tokens_where(doc: Doc, attr: int, test: Any) -> list[Any]:
    """Tokens whose `attr` string passes `test`, in order; the test runs once per distinct string."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    known = _WORD_TESTS.setdefault((attr, test), {})
    hashes = doc.to_array(attr).tolist()
    for h in set(hashes):
        if h not in known:
            known[h] = bool(test(strings[h]))
    return [doc[i] for i, h in enumerate(hashes) if known[h]]


def _focus(doc: Doc, ordered: list[ActorMention], index: int) -> ActorMention | None:
    """The country in focus before `index`: the last subject actor, else the last actor with a country."""
    def subject(p: ActorMention) -> bool:
        return p.country is not None and p.code is not None and _is_subject(doc, p)

    return _last_before(ordered, index, subject) or _last_before(
        ordered, index, lambda p: p.country is not None and p.code is not None)


def _salient(doc: Doc, ordered: list[ActorMention], index: int, ok: Any) -> ActorMention | None:
    """What 'the group', 'the alliance' point back to: the last fitting subject in this or the previous sentence
    ('The YPG took Tal Abyad from ISIS, and the group's fighters...'), else the last fitting mention."""
    sent = doc[index].sent
    since = doc[sent.start - 1].sent.start if sent.start > 0 else 0
    subject = _last_before(ordered, index, lambda p: ok(p) and p.start >= since and _is_subject(doc, p))
    return subject or _last_before(ordered, index, ok)


def _members_after(doc: Doc, mentions: list[ActorMention], tok: Any, owner: ActorMention) -> tuple[int, str | None]:
    """'the group's fighters': a collective noun owned by the anaphor is the group's members, one mention with the
    group's code (name null, as for 'PKK suspects'). Returns the anaphor mention's end and name."""
    nxt = tok.i + 2
    if nxt >= len(doc) or doc[tok.i + 1].lower_ not in ("'s", "’s") or owner.kind == "person":
        return tok.i + 1, owner.name
    for k, m in enumerate(mentions):
        if m.start == nxt and m.kind == "role" and m.office is None and doc[m.end - 1].tag_ in ("NNS", "NNPS"):
            del mentions[k]
            return m.end, None
    return tok.i + 1, owner.name


def _occupied_name(doc: Doc, m: ActorMention) -> Any:
    """'Iranian rapper Toomaj Salehi': two or three capitalised proper nouns right after a singular private
    occupation are a person's name, whatever entity label the tagger gave them (it often says ORG)."""
    if not _private_title(m) or doc[m.end - 1].tag_ != "NN":
        return None
    end = m.end
    while end < len(doc) and end - m.end < 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
            and doc[end].text[1:].islower():
        end += 1
    if end - m.end < 2 or (end < len(doc) and doc[end].pos_ == "PROPN"):
        return None
    return doc[m.end : end]


def _private_title(m: ActorMention) -> bool:
    """'Turkish novelist', 'Iranian journalist': a private occupation with a country, a title for a name after it."""
    return m.kind == "role" and m.office is None and m.country is not None and m.role in _PRIVATE_ROLES


def _title_phrase(m: ActorMention, name_start: int) -> bool:
    """'Turkish novelist' right before an unknown name: the name's title, not a mention of its own."""
    return m.end == name_start and _private_title(m)


# roles of private people (a "Libyan leader" before a name is an office, not an occupation)
_PRIVATE_ROLES = {"CVL", "MED", "BUS"}


# words of a private person's occupation that name a CAMEO role; any other occupation ("novelist", "lawyer") is CVL
_OCCUPATION_ROLES = {"journalist": "MED", "reporter": "MED", "correspondent": "MED", "editor": "MED", "blogger": "MED",
                     "columnist": "MED", "photographer": "MED", "photojournalist": "MED", "businessman": "BUS",
                     "businesswoman": "BUS", "tycoon": "BUS", "billionaire": "BUS", "oligarch": "BUS", "executive": "BUS", "banker": "BUS", "investor": "BUS",
                     "opposition": "OPP", "dissident": "OPP", "mp": "LEG", "lawmaker": "LEG", "legislator": "LEG",
                     "senator": "LEG", "militant": "REB", "commander": "MIL", "officer": "MIL", "soldier": "MIL",
                     "diplomat": "DIP", "judge": "JUD", "prosecutor": "JUD", "policeman": "COP"}


def _name_has(name: str | None, tok: Any) -> bool:
    """Does a known person's name contain this token ('Tayyip' in 'Recep Tayyip Erdogan')?"""
    return bool(name) and normalize(tok.text) in normalize(name).split()


# roles of people who are not organs of a state: their country never comes from another state acting on them
_NON_STATE_ROLES = {"REB", "CVL"}
# roles of people located where they act: an explicit place after the phrase gives their country ("journalists in
# Istanbul", "a police checkpoint in Peshawar", "a court in Yekaterinburg", "the parliament in Nairobi"); armies,
# governments and envoys often act abroad, so not these
_PLACED_ROLES = _NON_STATE_ROLES | {"MED", "BUS", "COP", "OPP", "JUD", "LEG"}
_PLACE_PREPS = {"in", "near", "of", "around", "outside", "across", "inside"}
# attackers named only by the act ("gunmen", "assailants"): no place or focus says whose they are, so they stay
# unresolved and the event coder codes their act with a null source
_UNNAMED_DOERS = {"gunman", "gunmen", "attacker", "assailant", "man", "men", "sniper", "shooter", "bomber"}
_CLIMB = {"xcomp", "pcomp", "prep", "pobj", "dobj"}



# prepositions of where an act happens ("in Nairobi", "outside Moscow"); "into"/"from"/"to" only lead to one
# ("slammed into a block in Dnipro", "from a school in Kaduna"), since they also name a target or an origin
_CLAUSE_PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within", "through"}
_CONTAINER_PREPS = _CLAUSE_PLACE_PREPS | {"into", "from", "to", "on", "of", "during", "with", "against", "by"}
# words for places a demonym can locate ("several Iranian cities", "Syrian villages")
_PLACE_NOUNS = {"city", "town", "village", "province", "region", "capital", "territory", "countryside", "street",
                "state", "county", "governorate", "oblast", "municipality", "island", "islands", "coast",
                "neighbourhood", "neighborhood", "district", "area", "camp", "suburb", "border", "provinces",
                "cities", "towns", "villages", "streets", "regions", "areas", "camps", "districts"}
# objects naming an act or a state of affairs, whose place is not where the clause's people are ("protested the
# war in Gaza", "condemned the killings in Bucha")
_EVENT_OBJECTS = {"war", "conflict", "killing", "killings", "crackdown", "situation", "violence", "offensive",
                  "fighting", "attack", "attacks", "bombing", "invasion", "occupation", "detention", "arrest",
                  "death", "election", "elections", "policy", "treatment", "massacre", "siege", "blockade",
                  "strikes", "raid", "raids", "operation", "deaths", "crisis", "law", "bill", "decision", "plan",
                  "visit", "talks", "summit", "deal", "agreement", "ban", "vote"}
# how far up from a person the clause reaches: objects, prepositions and infinitive or participle complements
_CLAUSE_UP = {"dobj", "pobj", "prep", "xcomp", "advcl", "dative", "nsubj", "nsubjpass", "conj", "acl", "attr"}


def _clause_verbs(doc: Doc, tok: Any) -> list[Any]:
    """The verbs of the clause around `tok`: up through objects, prepositions and non-finite complements to the
    clause's finite verb, and down its xcomp chain ('tried to storm', 'used tear gas to disperse')."""
    verbs: list[Any] = []
    cur = tok
    for _ in range(6):
        if cur.dep_ not in _CLAUSE_UP or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            verbs.append(cur)
            if cur.dep_ not in ("xcomp", "advcl", "conj") or cur.tag_ not in ("VB", "VBG", "VBN"):
                break
    more = list(verbs)
    while more:
        v = more.pop()
        for c in v.children:
            # "tried to storm", "used tear gas to disperse"; "blocked roads and set fire to banks" shares the subject
            if (c.dep_ in ("xcomp", "advcl") and c.tag_ in ("VB", "VBG") or c.dep_ == "conj" and v is verbs[0]
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)) \
                    and c.pos_ == "VERB" and c not in verbs:
                verbs.append(c)
                more.append(c)
    return verbs


def _clause_places(doc: Doc, tok: Any) -> list[int]:
    """Indices of the place nouns of the clause around `tok`: objects of 'in'/'at'/'near'/... on its verbs or on
    their objects (not on an event-noun object: 'protested the war in Gaza'), also nested ('at a mosque in
    Kabul', 'slammed into a block in Dnipro'). Reported clauses and relative clauses are other clauses."""
    out: list[int] = []

    def walk(prep: Any, depth: int) -> None:
        if depth > 3 or prep.lower_ not in _CONTAINER_PREPS:
            return
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if prep.lower_ in _CLAUSE_PLACE_PREPS or obj.lemma_.lower() in _PLACE_NOUNS:
                out.append(obj.i)  # "took to the streets of Tbilisi", "poured into Dagestan's capital"
            for c in obj.children:
                if c.dep_ == "prep":
                    walk(c, depth + 1)

    for verb in _clause_verbs(doc, tok):
        # "protested the war in Gaza": a place after an event-noun object is that event's, however it is parsed
        after_event = min([c.i for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _EVENT_OBJECTS]
                          + [len(doc)])
        for c in verb.children:
            if c.dep_ in ("prep", "agent") and c.i < after_event:
                walk(c, 0)  # "were detained by police in Istanbul": the place may hang under the agent
            elif c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() not in _EVENT_OBJECTS:
                for p in c.children:
                    if p.dep_ == "prep":
                        walk(p, 0)
    return out


def _reduced_relative(doc: Doc, m: ActorMention, tok: Any) -> bool:
    """'residents killed in Dnipro': a participle right after the phrase that modifies it."""
    return tok.tag_ == "VBN" and tok.dep_ == "acl" and m.start <= tok.head.i < m.end



# counts that stand for a crowd when nothing follows them: "Tens of thousands marched", "Thousands rallied"
_CROWD_COUNTS = {"dozens", "hundreds", "thousands", "millions", "tens", "scores"}


def _counted_crowds(doc: Doc, mentions: list[ActorMention]) -> None:
    """'Tens of thousands marched in Tbilisi', 'Thousands rallied in Istanbul': a bare count as the subject of a
    clause is a crowd of civilians; their country comes later, as for 'protesters' (place, then focus). A count
    of something ('thousands of tons', 'hundreds of soldiers') is not a crowd."""
    covered = _covered(mentions)
    for tok in _tokens_where(doc, LOWER, _is_crowd_count):
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.i in covered or tok.tag_ != "NNS":
            continue
        counts = [c for c in tok.subtree if c.i != tok.i]
        if any(c.lower_ not in _CROWD_COUNTS | {"of"} and c.dep_ not in ("amod", "advmod", "quantmod", "det")
               for c in counts) or any(c.i in covered for c in counts):
            continue
        start, end = min([c.i for c in counts] + [tok.i]), max([c.i for c in counts] + [tok.i]) + 1
        span = doc[start:end]
        mentions.append(ActorMention(start, end, span.start_char, span.end_char, span.text, None, role="CVL",
                                     kind="role", confidence=0.5))


def _is_crowd_count(lower: str) -> bool:
    return lower in _CROWD_COUNTS



# "hackers linked to China", "militants tied to al-Qaeda": an unnamed group known only by whom it works for
_LINK_WORDS = {("linked", "to"), ("tied", "to"), ("connected", "to"), ("affiliated", "with"), ("aligned", "with")}
_LINKED_NOUNS = {"hacker", "hackers", "group", "groups", "cell", "cells", "operative", "operatives", "militant",
                 "militants", "militia", "militias", "fighters", "network", "networks", "suspects", "individuals",
                 "actors", "gunmen", "men", "unit", "units"}


def _linked_groups(doc: Doc, mentions: list[ActorMention]) -> None:
    """'Hackers linked to China', 'militants tied to al-Qaeda': a group noun followed by a word of affiliation and
    an actor is that actor ('Hackers linked to Russian military intelligence' RUSSPY); the link is all the text
    says of who they are."""
    for m in sorted(mentions, key=lambda x: x.start):
        if m.code is None or m.start < 3 or (doc[m.start - 2].lower_, doc[m.start - 1].lower_) not in _LINK_WORDS:
            continue
        part = doc[m.start - 2]
        # the noun right before the participle (the parser often makes "Hackers linked" a clause of its own)
        noun = doc[part.i - 1] if doc[part.i - 1].lower_ in _LINKED_NOUNS else part.head
        if noun.i >= part.i or noun.lower_ not in _LINKED_NOUNS or part.tag_ not in ("VBN", "VBD"):
            continue
        start = min(c.i for c in noun.subtree if c.i <= noun.i)
        if any(o is not m and o.start < m.start and o.end > start and not (start <= o.start and o.end <= noun.i + 1)
               for o in mentions):
            continue  # something else already owns the noun phrase
        mentions[:] = [o for o in mentions if o is m or not (start <= o.start and o.end <= noun.i + 1)]
        span = doc[start : m.end]
        mentions[mentions.index(m)] = replace(m, start=start, end=m.end, start_char=span.start_char,
                                              end_char=span.end_char, text=span.text, kind=m.kind, confidence=0.6,
                                              extras={**m.extras, "linked": doc[start : noun.i + 1].text})



# modifiers that make a force noun abstract: "market forces", "economic forces", "the forces of nature"
_ABSTRACT_MODIFIERS = {"market", "economic", "political", "social", "natural", "global", "labour", "labor", "sales",
                       "free-market", "cosmic", "creative", "competitive"}


def _abstract_modifier(doc: Doc, start: int) -> bool:
    """'market forces': a role phrase right after a modifier that names an abstract domain is no actor."""
    prev = doc[start - 1] if start > 0 else None
    return prev is not None and prev.lower_ in _ABSTRACT_MODIFIERS and prev.dep_ in ("amod", "compound", "nmod") \
        and prev.head.i >= start


def _sponsored(doc: Doc, start: int) -> bool:
    """'Iran-backed forces': a hyphenated sponsor compound right before the phrase (the country is left out as a
    modifier, see _HYPHEN_PARTICIPLES)."""
    return start >= 2 and doc[start - 1].lower_ in _HYPHEN_PARTICIPLES and doc[start - 2].text == "-"



def _leader_possessive(doc: Doc, m: ActorMention, ordered: list[ActorMention]) -> ActorMention | None:
    """'Yevgeny Prigozhin's fighters', 'Abdi's men': forces or followers owned by a named person who leads an armed
    group (a tagged code) are that group, as 'his forces' after the leader are."""
    if m.start < 2 or doc[m.start - 1].lower_ not in ("'s", "’s") or m.end - m.start != 1:
        return None
    noun = doc[m.end - 1].lemma_.lower()
    if noun not in _FORCE_NOUNS | _FOLLOWER_NOUNS and m.role != "REB":
        return None
    owner = next((p for p in ordered if p.end == m.start - 1 and p.kind == "person"), None)
    return owner if owner is not None and _tagged_group(owner.code) and owner.code[3:6] in ("REB", "MIL") else None



# titles only a monarchy has: with no country named they point to a monarchy in focus, never to a republic
_ROYAL_TITLES = {"crown prince", "prince", "princess", "king", "queen", "monarch", "emir", "amir", "sultan",
                 "royal court", "crown princes"}


def _royal_title(doc: Doc, m: ActorMention) -> bool:
    words = [t.lower_ for t in doc[m.start : m.end] if t.lower_ not in ("the", "a", "an")]
    return " ".join(words) in _ROYAL_TITLES


def _target_of(doc: Doc, m: ActorMention, ordered: list[ActorMention]) -> bool:
    """'Turkish jets struck Kurdish fighters', 'Russia began bombing insurgents': the phrase is the object of a verb
    whose subject is another actor, so that subject's country is not the phrase's."""
    return _acting_subject(doc, m, ordered) is not None


def _first_after(doc: Doc, ordered: list[ActorMention], m: ActorMention) -> ActorMention | None:
    """'Parliament voted ... Turkey's army': a phrase opening the text with nothing before it borrows the first
    country named after it in the same or the next sentence."""
    if any(p.start < m.start and p.country for p in ordered):
        return None
    sent = doc[m.start].sent
    stop = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    for p in ordered:
        if p.start >= m.end and p.start < stop and p.country and p.code:
            # "The cargo ship was hijacked by Houthi forces": an armed group acting on the phrase lends it nothing
            agent = doc[p.end - 1].dep_ == "pobj" and doc[p.end - 1].head.dep_ == "agent"
            return None if agent and (p.code or "")[3:6] == "REB" and m.role != "REB" else p
    return None


def _opens_sentence(doc: Doc, m: ActorMention) -> bool:
    """Does `m` open its sentence, perhaps after a count ('Hundreds of soldiers were detained by Turkish police',
    'Two journalists ...')? Only then may it borrow a country named after it. 'foreign' says the people are not of
    that country ('Ten foreign prisoners were freed by Russia')."""
    sent_start = doc[m.start].sent.start
    if m.start == sent_start:
        return True
    if doc[m.end - 1].tag_ not in ("NNS", "NNPS"):
        return False  # "A spokesman for the Saudi foreign ministry": a singular title is left to the title rules
    words = _QUANTITY_NOUNS | {"of", "some", "several", "about", "nearly", "more", "than", "over", "the"}
    return all((t.pos_ in ("DET", "NUM") or t.lower_ in words) and t.lower_ != "foreign"
               for t in doc[sent_start : m.start]) and not any(t.lower_ == "foreign" for t in doc[m.start : m.end])


def _covered(mentions: list[ActorMention]) -> set[int]:
    """Token indices inside any of `mentions` (recomputed per pass: each pass adds mentions)."""
    return {i for m in mentions for i in range(m.start, m.end)}


def _recent_coded(people: list[ActorMention], index: int) -> ActorMention | None:
    """The last coded person before `index`, if at most 40 tokens back: who 'his'/'her'/'their' refers to."""
    prev = _last_before(people, index, lambda p: p.code is not None)
    return prev if prev is not None and index - prev.end <= 40 else None


def _last_before(people: list[ActorMention], index: int, ok: Any) -> ActorMention | None:
    best = None
    for p in people:
        if p.start < index and ok(p):
            best = p
    return best


def _code(country: str | None, role: str | None) -> str | None:
    if country is None:
        return None
    return country + (role or "")


def at_date(m: ActorMention, kb: KnowledgeBase, day: dt.date | None) -> ActorMention:
    """The same mention coded with the office its person held on `day` (the event date)."""
    if m.kind != "person" or not m.name or day is None:
        return m
    person = kb.people.get(normalize(m.name))
    if person is None:
        return m
    spell, how = person.role_on(day)
    if spell is None or how != "dated":
        return m
    code = spell_code(person.country, spell)
    if code == m.code:
        return m
    return replace(m, code=code, role=spell.role, office=spell.office, confidence=max(m.confidence, 0.9),
                   extras={**m.extras, "title": spell.title, "basis": "event date"})


# -- general coreference rules ------------------------------------------------------------------
_POSSESSIVES = {"his", "her", "their"}


def _possessor(doc: Doc, m: ActorMention, people: list[ActorMention]) -> ActorMention | None:
    """'his fighters' after a named group leader: the leader's group (or country) in the role named."""
    if doc[m.start].lower_ not in _POSSESSIVES and (m.start == 0 or doc[m.start - 1].lower_ not in _POSSESSIVES):
        return None
    prev = _recent_coded(people, m.start)
    if prev is None:
        return None
    own_group = prev.role == m.role and prev.code and len(prev.code) > 6
    code = prev.code if own_group else _code(prev.country, m.role)
    if code is None:
        return None
    return replace(m, code=code, country=prev.country, confidence=0.6, extras={"possessor": prev.text})


def _appositives(doc: Doc, mentions: list[ActorMention]) -> None:
    """'Kyriakos Mitsotakis, the leader of New Democracy,': an appositive names the same actor.

    A person coded from a dated office lends that code to the appositive phrase; a person with no
    office on the date takes the code of the explicit title beside them ('Portugal's prime minister,
    António Guterres' in 2001)."""
    if not any(m.kind == "person" and m.name for m in mentions):
        return
    links = _appos_links(doc, mentions)
    if links is None:
        return
    for i, a in enumerate(mentions):
        if a.kind != "person" or not a.name:
            continue
        for j, b in enumerate(mentions):
            if i == j or abs(a.start - b.start) > 40 or b.kind == "person" and b.name:
                continue
            if b.kind == "country":  # "Herzi Halevi, Israel's chief of staff,": a title the role table lacks
                if _own_country_title(doc, a, b) and _is_appos(links, a, b):
                    mentions[j] = replace(b, code=a.code, name=a.name, role=a.role, kind="person",
                                          confidence=min(a.confidence, 0.7), extras={**b.extras, "appositive": a.text})
                continue
            if b.kind not in ("role", "person", "organisation", "group", "igo"):
                continue
            direct = _is_appos(links, a, b, direct=True)
            if not direct and (b.kind in ("role", "person") or not _is_appos(links, a, b)):
                continue  # an organisation stands for the person only as the complement of a title
            if a.extras.get("basis") in ("dated", "event date") or b.code is None:
                mentions[j] = replace(b, code=a.code, name=a.name, country=a.country, role=a.role, kind="person",
                                      confidence=min(a.confidence, 0.8), extras={**b.extras, "appositive": a.text})
            elif b.kind in ("role", "person") and b.code and len(b.code) == 6:
                mentions[i] = replace(a, code=b.code, country=b.country, role=b.role, confidence=0.7,
                                      extras={**a.extras, "appositive": b.text})


def _is_appos_dep(dep: str) -> bool:
    return dep == "appos"


# kinds of named actor an appositive noun phrase can describe
_DESCRIBED_KINDS = ("person", "organisation", "group", "igo")


def _described_by_appositive(doc: Doc, mentions: list[ActorMention]) -> None:
    """'The CHP, Turkey's main opposition party,', 'Andrei Belousov, a civilian economist,': a comma-set appositive
    noun phrase describing a named person or organisation is that actor, whatever words it uses; the country or
    demonym inside it ('Turkey's') is part of the description, not a second actor. Phrases naming another person or
    organisation of their own are left to the title rules (_appositives)."""
    tokens = _tokens_where(doc, DEP, _is_appos_dep)
    if not tokens:
        return
    for tok in tokens:
        owner = next((m for m in mentions if m.start <= tok.head.i < m.end and m.kind in _DESCRIBED_KINDS
                      and m.name and m.code), None)
        if owner is None or tok.pos_ != "NOUN" or tok.i < owner.end:
            continue
        left = tok.left_edge.i
        end = _description_end(doc, tok)
        if left != owner.end + 1 or doc[owner.end].text != "," or end is None:
            continue
        if doc[left].lower_ not in _DESCRIPTION_OPENERS and doc[left + 1].tag_ != "POS":
            continue  # "Saudi Arabia, Qatar, ...": a list, not a description
        inside = [m for m in mentions if left <= m.start < end]
        if any(m.end > end or (m.kind in _DESCRIBED_KINDS and m.name) for m in inside):
            continue  # a title naming someone else ('the leader of New Democracy') is _appositives' work
        if any(m.country and owner.country and m.country != owner.country for m in inside):
            continue  # "Aviv Kochavi, Turkey's critic,": another state's possessive describes a relation, not a title
        if owner.kind == "person" and any(m.kind == "role" for m in inside):
            continue  # a person's title with a role word is coded by the office rules
        for m in inside:
            mentions.remove(m)
        mentions.append(replace(owner, start=left, end=end, start_char=doc[left].idx,
                                end_char=doc[end - 1].idx + len(doc[end - 1]), text=doc[left:end].text,
                                confidence=min(owner.confidence, 0.7), extras={"appositive": owner.text}))


# words opening a descriptive appositive: "X, the ...", "X, a ...", "Wang Yi, his predecessor,"
_DESCRIPTION_OPENERS = {"the", "a", "an", "his", "her", "their"}
# modifiers after an appositive's head noun that belong to the description ("an economist with no military background")
_DESCRIPTION_TAILS = {"prep", "pobj", "amod", "compound", "det", "poss", "case", "nummod", "advmod", "cc", "conj"}


def _description_end(doc: Doc, tok: Any) -> int | None:
    """Where the appositive headed by `tok` ends: after the head noun, or after its prepositional tail ('with no
    military background'), when a comma, a full stop or a relative pronoun follows; None otherwise."""
    def closed(end: int) -> bool:
        return end < len(doc) and (doc[end].is_punct or doc[end].lower_ in ("that", "which", "who", "whose"))

    if closed(tok.i + 1):
        return tok.i + 1
    edge = tok.right_edge.i + 1
    tail = doc[tok.i + 1 : edge]
    if edge - tok.i <= 8 and closed(edge) and all(t.dep_ in _DESCRIPTION_TAILS and not t.is_punct for t in tail):
        return edge
    return None


def _own_country_title(doc: Doc, person: ActorMention, country: ActorMention) -> bool:
    """Is `country` the possessor opening a title for `person`'s own state ("Israel's chief of staff" beside an
    Israeli officer)? Another state's possessive ("Turkey's ally") or a bare country is not."""
    if not person.code or person.country != country.country or len(person.code) != 6:
        return False
    last = doc[country.end - 1]
    nxt = doc[country.end] if country.end < len(doc) else None
    return last.tag_ == "POS" or (nxt is not None and nxt.tag_ == "POS")


_NP_LINKS = {"pobj", "prep", "compound", "amod", "poss", "nmod"}


def _appos_links(doc: Doc, mentions: list[ActorMention]) -> tuple[dict[int, int], dict[int, int]] | None:
    """For the tokens inside mentions, once per document: the head of the token if it is an appositive (`direct`),
    and the head of the first appositive reached by climbing at most four noun-phrase links (`reach`); -1 where
    there is none. None when the parse has no appositive at all (most documents)."""
    strings = doc.vocab.strings
    appos = strings["appos"]
    deps = doc.to_array(DEP)
    if appos not in deps:
        return None
    deps = deps.tolist()
    np_links = {strings[d] for d in _NP_LINKS}
    rel = doc.to_array(HEAD).astype("int64").tolist()
    direct: dict[int, int] = {}
    reach: dict[int, int] = {}
    for k in _covered(mentions):
        direct[k] = k + rel[k] if deps[k] == appos else -1
        target, t = -1, k
        for _ in range(4):
            if deps[t] == appos:
                target = t + rel[t]
                break
            if deps[t] not in np_links or rel[t] == 0:
                break
            t += rel[t]
        reach[k] = target
    return direct, reach


def _is_appos(links: tuple[dict[int, int], dict[int, int]], a: ActorMention, b: ActorMention, direct: bool = False) -> bool:
    """One mention's head is an appositive of a token in the other, or (not `direct`) the complement
    of such an appositive ('the leader of New Democracy')."""
    targets = links[0] if direct else links[1]

    def linked(x: ActorMention, y: ActorMention) -> bool:
        return any(y.start <= targets[k] < y.end for k in range(x.start, x.end))

    return linked(b, a) or linked(a, b)


def _surnames(doc: Doc, mentions: list[ActorMention]) -> None:
    """'Al-Sharaa' after 'Ahmed al-Sharaa': the tail of a name already resolved in the text is that person."""
    people = [m for m in mentions if m.kind == "person" and m.name and m.end - m.start > 1]
    if not people:
        return
    lowers = doc.to_array(LOWER).tolist()
    covered = _covered(mentions)
    tails: dict[tuple[int, ...], ActorMention] = {}
    for p in sorted(people, key=lambda m: m.start):
        if not doc[p.end - 1].text[:1].isupper():
            continue
        words = lowers[p.start : p.end]
        for k in (3, 2, 1):
            if k < len(words):
                tails.setdefault(tuple(words[-k:]), p)
        if p.country in FAMILY_NAME_FIRST and p.name and len(p.name.split()) > 1:
            family = normalize(p.name).split()[0]  # "Li Keqiang ... Li said"
            for k in range(p.start, p.end - 1):
                if doc[k].lower_ == family:
                    tails.setdefault((lowers[k],), p)
                    break
    firsts = {key[0] for key in tails}
    i, n = 0, len(doc)
    while i < n:
        hit = None
        if lowers[i] in firsts and i not in covered:
            for k in (3, 2, 1):
                p = tails.get(tuple(lowers[i : i + k]))
                if p is not None and i + k <= n and p.end <= i and not any(x in covered for x in range(i, i + k)) \
                        and doc[i + k - 1].pos_ == "PROPN" and doc[i].text[:1].isupper():
                    hit = (k, p)
                    break
        if hit:
            k, p = hit
            mentions.append(replace(p, start=i, end=i + k, start_char=doc[i].idx,
                                    end_char=doc[i + k - 1].idx + len(doc[i + k - 1]), text=doc[i : i + k].text,
                                    confidence=0.7, extras={"coref": p.text}))
            i += k
        else:
            i += 1


# countries whose names English news writes family name first ("Xi Jinping" -> "Xi", "Kim Jong Un" -> "Kim")
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM", "KHM"}

_PLURAL_PRONOUNS = {"they", "them"}


def _plural_pronouns(doc: Doc, mentions: list[ActorMention]) -> None:
    """'Iranian ground forces said they had killed...': they/them is the last plural actor phrase nearby."""
    covered = _covered(mentions)
    ordered = sorted(mentions, key=lambda m: m.start)
    for tok in _tokens_where(doc, LOWER, _is_plural_pronoun):
        if tok.i in covered or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            continue
        prev = _last_before(ordered, tok.i, lambda p: p.kind in ("role", "organisation", "group")
                            and p.code is not None and p.end <= tok.i
                            and doc[p.end - 1].tag_ in ("NNS", "NNPS"))
        if prev is not None and tok.i - prev.end < 30 and doc[prev.start].sent.start <= tok.i < doc[prev.start].sent.end:
            mentions.append(replace(prev, start=tok.i, end=tok.i + 1, start_char=tok.idx, end_char=tok.idx + len(tok),
                                    text=tok.text, confidence=0.5, extras={"coref": prev.text}))


def _is_plural_pronoun(lower: str) -> bool:
    return lower in _PLURAL_PRONOUNS


# head nouns of named state bodies that "the <noun>" can point back to
_NAMED_BODY_HEADS = {"council", "court", "assembly", "committee", "commission", "tribunal", "directorate", "guard",
                     "agency", "service", "office"}


def _repeated_heads(doc: Doc, mentions: list[ActorMention]) -> None:
    """'PKK suspects ... the suspects': a definite noun repeating an actor phrase's head noun is that actor."""
    covered = _covered(mentions)
    heads: dict[str, tuple[int, ActorMention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        last = doc[m.end - 1]
        head = last.head if last.dep_ in ("compound", "amod") and last.head.i >= m.end else None
        if head is not None and head.pos_ == "NOUN" and m.code and m.kind in ("organisation", "group", "igo"):
            heads[head.lemma_.lower()] = (head.i, m)
        elif m.code and m.kind in ("role", "organisation") and m.end - m.start > 1 and m.role not in ("IGO", None) \
                and last.tag_ == "NNP" and last.lemma_.lower() in _NAMED_BODY_HEADS:
            # "Iraq's National Security Council ... the council": a named body's own head noun points back to it
            heads[last.lemma_.lower()] = (last.i, m)
    if not heads:
        return
    for tok in doc:
        found = heads.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if found is None or tok.i <= found[0] or tok.i in covered or tok.i - found[0] > 60:
            continue
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the" and c.i == tok.i - 1]
        if det:
            m = found[1]
            mentions.append(replace(m, start=tok.i - 1, end=tok.i + 1, start_char=doc[tok.i - 1].idx,
                                    end_char=tok.idx + len(tok), text=doc[tok.i - 1 : tok.i + 1].text, name=None,
                                    confidence=0.5, extras={"coref": doc[m.start : found[0] + 1].text}))


# "the North"/"the South" for the two halves of a divided country, only once one of them is named in the text
DIVIDED_SIDES: dict[frozenset[str], dict[str, str]] = {
    frozenset({"PRK", "KOR"}): {"north": "PRK", "south": "KOR"},
}


def _divided_sides(doc: Doc, mentions: list[ActorMention]) -> None:
    """'Seoul said the North fired two missiles': a capitalised 'the North' is North Korea when the text names
    either Korea (or Seoul, Pyongyang); not a place ('in the North'), nor part of a longer name ('the North Atlantic')."""
    named = {m.country for m in mentions if m.country}
    covered = _covered(mentions)
    for states, sides in DIVIDED_SIDES.items():
        if not named & states:
            continue
        for tok in doc:
            code = sides.get(tok.lower_)
            if code is None or tok.text[:1] != tok.text[:1].upper() or tok.i in covered or tok.i == 0:
                continue
            det = doc[tok.i - 1]
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if det.lower_ != "the" or (nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()):
                continue
            if det.i > 0 and doc[det.i - 1].lower_ in _LOCATIVE | {"to", "of"}:
                continue
            mentions.append(ActorMention(det.i, tok.i + 1, det.idx, tok.idx + len(tok), doc[det.i : tok.i + 1].text,
                                         code, None, code, None, "country", 0.6, None, {"divided": True}))
