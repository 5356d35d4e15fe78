"""Targets from the document: a reaction to "the decision" is aimed at whoever made it.

The coder reads one sentence at a time, so "Iran announced sanctions on Turkish firms. Turkey condemned
the decision." leaves the condemnation without a target: the sentence names no one it could be aimed at.
`ContextLinker` runs over the document's events in order and, for a reaction (criticism, rejection,
denial, praise, protest) with no target whose object is a word that points back at an earlier act ("the
decision", "the accusation", "a move Athens welcomed", "in what London called an escalation", "despite
objections from Turkey"), takes as target the doer of the most recent earlier event of the same or the
previous sentence that the word can refer to (an accusation is a statement, an attack is force). When
no coded event fits, the last actor named as a doer before the reaction, on another side, is used.
A participle that goes on with the same doer's act ("struck Syrian forces, destroying dozens of tanks")
keeps that act's target. The step looks at each event once and keeps only the previous sentence, so a
document costs O(events).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Span, Token

from ..actors.resolve import ActorMention
from .coder import CodedEvent

ANY_ACT = ("",)  # every code starts with the empty prefix
STATEMENT = ("01", "02", "03", "10", "11", "12", "13", "016")
ACCUSATION = ("11",)
FORCE = ("15", "17", "18", "19", "20")
VISIT = ("042", "043", "044")
AGREEMENT = ("03", "05", "06", "08")
DETENTION = ("17",)
SANCTION = ("16", "17")

# a word that points back at an earlier act -> the CAMEO prefixes of the acts it can name
ANAPHORS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("decision", "move", "step", "measure", "action", "act", "timing", "development",
                     "what", "this", "it"), ANY_ACT),
    **dict.fromkeys(("accusation", "claim", "allegation", "charge", "criticism"), ACCUSATION),
    **dict.fromkeys(("remark", "statement", "comment", "announcement", "word", "speech", "threat",
                     "warning", "demand", "ultimatum"), STATEMENT),
    **dict.fromkeys(("attack", "strike", "raid", "killing", "bombing", "shelling", "assault", "incursion",
                     "offensive", "operation", "escalation", "provocation", "exercise", "drill"), FORCE),
    **dict.fromkeys(("visit", "trip", "tour"), VISIT),
    **dict.fromkeys(("deal", "agreement", "accord", "pact", "concession"), AGREEMENT),
    **dict.fromkeys(("detention", "arrest", "expulsion", "seizure", "ban"), DETENTION),
    **dict.fromkeys(("sanction", "embargo", "tariff", "restriction"), SANCTION),
}
# reactions aimed at the doer of what they react to: praise/welcome, denial, criticism, rejection, protest
REACTION_CODES = ("051", "016", "11", "12", "14")
# "condemned / criticised / protested" + object; "voiced alarm over", "objected to", "reacted angrily to"
OBJECT_DEPS = {"dobj", "nsubjpass"}
OBJECT_PREPS = {"over", "on", "about", "at", "against", "to", "by"}
# "a move Athens welcomed", "comments condemned by Washington": the reaction modifies the word itself
MODIFIER_DEPS = {"relcl", "acl"}
# "despite objections from Turkey", "amid protests": a reaction noun attached to the act it answers
CONCESSIVE_PREPS = {"despite", "amid", "amidst"}
# the role codes of one side of a country: a state's organs answer for one another, the rest do not
STATE_ROLES = {"", "GOV", "MIL", "COP", "SPY", "DIP", "LEG", "JUD"}
# "..., destroying dozens of tanks": a participle clause that continues its head's act
CONTINUING_DEPS = {"advcl", "conj", "xcomp"}
# assault, fight and mass violence (a show of force and coercion are left out, see _answered_side)
ARMED_FORCE = ("18", "19", "20")
# clauses joined to another: "X did A, and Y did B", "X did A as Y did B"
JOINED_CLAUSE_DEPS = {"conj", "advcl"}
# who is named as a doer: a subject, a possessor ("Iran's move"), or the agent of a passive ("was set up by the UN")
DOER_DEPS = {"nsubj", "poss"}
AGENT_PREPS = {"by"}
# with no coded event to point at, a named doer is taken only where the word fits any act, or where a
# statement or accusation points back at someone's saying (an uncoded attack or visit is unlikely: the
# coder would have coded it)
SAYING_VERBS = {"say", "tell", "claim", "allege", "state", "declare", "announce", "write", "insist", "suggest",
                "argue", "assert", "charge", "accuse", "warn", "tweet", "post"}
FALLBACK_VERBS: dict[tuple[str, ...], set[str] | None] = {ANY_ACT: None, STATEMENT: SAYING_VERBS,
                                                          ACCUSATION: SAYING_VERBS}


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def referred_kinds(trigger: Token) -> tuple[str, ...] | None:
    """The acts a reaction's object points back at, or None when it names something of its own."""
    if trigger.dep_ in MODIFIER_DEPS and _lemma(trigger.head) in ANAPHORS:
        return ANAPHORS[_lemma(trigger.head)]
    if trigger.dep_ == "pobj" and trigger.head.lower_ in CONCESSIVE_PREPS and not _objects(trigger):
        return ANY_ACT
    for obj in _objects(trigger):
        kinds = ANAPHORS.get(_lemma(obj))
        if kinds is not None:
            return kinds
    return None


def _objects(trigger: Token) -> list[Token]:
    out = [c for c in trigger.children if c.dep_ in OBJECT_DEPS]
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in OBJECT_PREPS:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _side(a: ActorMention) -> tuple[str, str]:
    """(country, role group): Turkey's army and its government are one side, its opposition another."""
    code = a.code or ""
    role = code[3:6]
    return (a.country or code[:3], "STATE" if role in STATE_ROLES else role)


def other_side(a: ActorMention | None, b: ActorMention | None) -> bool:
    return a is not None and b is not None and a.code != b.code and _side(a) != _side(b)


def _fits(code: str, kinds: tuple[str, ...]) -> bool:
    return any(code.startswith(k) for k in kinds)


def _doer_verb(a: ActorMention, doc: Any) -> Token | None:
    """The word this actor is named as doing (a subject's verb, a possessor's noun, a passive's verb), if any."""
    head = doc[a.end - 1]
    while head.head.i != head.i and a.start <= head.head.i < a.end:
        head = head.head
    if head.dep_ in DOER_DEPS:
        return head.head
    if head.dep_ == "pobj" and head.head.lower_ in AGENT_PREPS and head.head.dep_ == "agent":
        return head.head.head
    return None


def _may_have_done(a: ActorMention, kinds: tuple[str, ...], doc: Any) -> bool:
    """Could this named doer's (uncoded) act be what the word points back at?"""
    verb = _doer_verb(a, doc)
    if verb is None or kinds not in FALLBACK_VERBS:
        return False
    wanted = FALLBACK_VERBS[kinds]
    return wanted is None or _lemma(verb) in wanted


@dataclass
class ContextLinker:
    """Walks one document's sentences in order, filling anaphoric reaction targets from what came before."""

    actors: list[ActorMention]  # the document's actor mentions, in text order
    previous: list[CodedEvent] = field(default_factory=list)
    previous_start: int = 0  # first token of the previous sentence (for actors named there)
    _ends: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.actors = sorted(self.actors, key=lambda a: a.start)
        self._ends = [a.end for a in self.actors]

    def link(self, sent: Span, events: list[CodedEvent]) -> list[CodedEvent]:
        """This sentence's events with context targets filled in; then remember them for the next one."""
        ordered = sorted(events, key=lambda e: e.trigger.i)
        out = [self._linked(e, ordered) for e in events]
        self.previous = [e for e in out if e.source is not None]
        self.previous_start = sent.start
        return out

    def skip(self, sent: Span) -> None:
        """A sentence without events still moves the window: only the previous sentence is context."""
        self.previous = []
        self.previous_start = sent.start

    def _linked(self, ev: CodedEvent, ordered: list[CodedEvent]) -> CodedEvent:
        if ev.target is not None or ev.source is None:
            return ev
        shared = _continued_target(ev, ordered)
        if shared is not None:
            return replace(ev, target=shared, notes={**ev.notes, "target_from": "continued"})
        answered = _answered_side(ev, ordered)
        if answered is not None:
            return replace(ev, target=answered, notes={**ev.notes, "target_from": "answered"})
        if not _fits(ev.code, REACTION_CODES):
            return ev
        modified = _modified_act(ev, ordered)
        if modified is not None:
            return replace(ev, target=modified, notes={**ev.notes, "target_from": "modified"})
        kinds = referred_kinds(ev.trigger)
        if kinds is None:
            return ev
        target = self._antecedent(ev, kinds, ordered) or self._named_before(ev, kinds, ordered)
        if target is None:
            return ev
        return replace(ev, target=target, notes={**ev.notes, "target_from": "context"})

    def _antecedent(self, ev: CodedEvent, kinds: tuple[str, ...], ordered: list[CodedEvent]) -> ActorMention | None:
        """The doer of the latest earlier event (this sentence, then the previous one) the word can name."""
        earlier = [e for e in ordered if e.trigger.i < ev.trigger.i and e.source is not None]
        for cand in _latest_first(earlier, self.previous):
            if _fits(cand.code, kinds) and other_side(cand.source, ev.source):
                return cand.source
        return None

    def _named_before(self, ev: CodedEvent, kinds: tuple[str, ...], ordered: list[CodedEvent]) -> ActorMention | None:
        """The last actor named as a doer before the reaction, from the previous sentence on.

        Doers of coded events are left out: their acts were weighed above and do not fit the word (or
        they are the reaction's own co-subjects, "Syria and Turkey denounced the decision").
        """
        doc = ev.trigger.doc
        coded = {e.source.code for e in (*ordered, *self.previous) if e.source is not None}
        for n in range(bisect_right(self._ends, ev.trigger.i) - 1, -1, -1):
            a = self.actors[n]
            if a.start < self.previous_start:
                break
            if a.end > ev.trigger.i:
                continue
            if a.code and a.code not in coded and other_side(a, ev.source) and _may_have_done(a, kinds, doc):
                return a
        return None


def _continued_target(ev: CodedEvent, ordered: list[CodedEvent]) -> ActorMention | None:
    """"launched an offensive against Syrian forces, destroying dozens of tanks": a participle that goes on
    with the same doer's act keeps that act's target (it names none of its own, or we would not be here)."""
    if ev.trigger.dep_ not in CONTINUING_DEPS or ev.trigger.tag_ != "VBG":
        return None
    head = ev.trigger.head
    for e in ordered:
        if e.trigger.i == head.i and e.target is not None and e.source is not None \
                and e.source.code == ev.source.code:
            return e.target
    return None


def _answered_side(ev: CodedEvent, ordered: list[CodedEvent]) -> ActorMention | None:
    """"Hamas fired rockets at Israel, and Israeli warplanes pounded targets in Gaza", "Taiwan raised its readiness
    as Chinese warships encircled the island": armed force used in a clause joined to another side's act (and
    not aimed at a third party) is aimed at that other side. (A show of force or a ban beside another's act,
    "Niger shut its airspace, and Nigeria cut off exports", names no target this way: dev gold leaves those
    without one.)"""
    if not _fits(ev.code, ARMED_FORCE):
        return None
    t = ev.trigger
    for e in ordered:
        u = e.trigger
        joined = (t.dep_ in JOINED_CLAUSE_DEPS and t.head.i == u.i) or (u.dep_ in JOINED_CLAUSE_DEPS and u.head.i == t.i)
        if not joined or e.source is None or not other_side(e.source, ev.source):
            continue
        if e.target is None or _side(e.target) == _side(ev.source):
            return e.source
    return None


def _modified_act(ev: CodedEvent, ordered: list[CodedEvent]) -> ActorMention | None:
    """"an air strike that was condemned by Iraq", "the raid, which Amman denounced": a reaction in a clause on
    the noun of a coded act of this sentence is aimed at that act's doer."""
    if ev.trigger.dep_ not in MODIFIER_DEPS:
        return None
    head = ev.trigger.head
    for e in ordered:
        if e.trigger.i == head.i and other_side(e.source, ev.source):
            return e.source
    return None


def _latest_first(current: list[CodedEvent], previous: Iterable[CodedEvent]) -> Iterable[CodedEvent]:
    yield from reversed(current)
    yield from reversed(list(previous))
