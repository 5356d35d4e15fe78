"""Modality of an event mention: asserted, reported, planned, hypothetical or negated.

Read off the dependency parse around the trigger: negation and modal
auxiliaries on the trigger, governing verbs it depends on ("plans to",
"refused to", "said that"), hedging adverbs, conditional clauses. When several
cues meet, the strongest wins: negated > hypothetical > planned > reported.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import lemma_of

PRIORITY = ["negated", "hypothetical", "planned", "reported", "asserted"]

NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}  # "said he would": future seen from the past
HYPOTHETICAL_AUX = {"may", "might", "could", "should", "must", "ought", "can"}
HEDGE_ADVERBS = {"reportedly", "allegedly", "purportedly", "apparently", "supposedly", "ostensibly"}
HYPO_ADVERBS = {"possibly", "perhaps", "maybe", "potentially", "likely", "probably"}
PLAN_MODIFIERS = {"upcoming", "planned", "scheduled", "proposed", "expected", "forthcoming", "next", "future", "prospective"}
HYPO_MODIFIERS = {"possible", "potential", "hypothetical", "would-be"}

# governing verbs whose complement event is not (yet) real ("agreed to X" is coded as X done: not here)
GOVERNORS = {
    "negated": {"refuse", "decline", "fail", "deny", "avoid", "reject", "cancel", "postpone", "stop", "halt", "skip", "forgo", "abstain"},
    "planned": {"plan", "intend", "prepare", "schedule", "expect", "aim", "set", "decide", "vow", "pledge",
                "promise", "hope", "seek", "want", "plot", "arrange", "mean", "resolve", "due"},
    "hypothetical": {"consider", "propose", "suggest", "mull", "weigh", "contemplate", "discuss", "recommend",
                     "urge", "call", "demand", "ask", "advise", "threaten", "offer", "warn", "could", "try", "attempt"},
    "reported": {"say", "report", "claim", "tell", "state", "allege", "assert", "confirm", "reveal", "announce",
                 "write", "add", "note", "insist", "cite", "quote", "disclose", "acknowledge", "admit", "indicate",
                 "believe", "think", "suspect", "accuse", "argue", "describe", "tweet", "post"},
}
GOVERNOR_OF = {lemma: kind for kind in ("reported", "hypothetical", "planned", "negated") for lemma in GOVERNORS[kind]}

# a verb (with an optional adverb) and the preposition that takes the event as its gerund: the event
# is held back, so it is coded negated like "declined to X" ("refrained from retaliating",
# "stopped short of imposing", "held back from striking")
NEGATING_FRAMES = {"refrain from", "abstain from", "desist from", "hold back from", "hold off from", "hold off on",
                   "stop short of", "shy away from", "steer clear of", "back away from"}
FRAME_ADVERBS = {"back", "off", "short", "away", "clear"}


@dataclass
class Modality:
    value: str
    cue: str | None = None
    governor: Token | None = None  # the reporting verb, when reported


def _own_cues(tok: Token) -> list[tuple[str, str]]:
    cues = []
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in NEGATORS and child.dep_ in ("neg", "advmod", "det", "preconj")):
            cues.append(("negated", low))
        elif child.dep_ == "aux" and low in FUTURE_AUX:
            cues.append(("planned", low))
        elif child.dep_ == "aux" and low in HYPOTHETICAL_AUX:
            cues.append(("hypothetical", low))
        elif child.dep_ == "advmod" and low in HEDGE_ADVERBS:
            cues.append(("reported", low))
        elif child.dep_ == "advmod" and low in HYPO_ADVERBS:
            cues.append(("hypothetical", low))
        elif child.dep_ == "amod" and low in PLAN_MODIFIERS:
            cues.append(("planned", low))
        elif child.dep_ == "amod" and low in HYPO_MODIFIERS:
            cues.append(("hypothetical", low))
        elif child.dep_ == "mark" and low in ("if", "unless", "whether"):
            cues.append(("hypothetical", low))
    # "is to meet", "is going to meet", "is expected to"
    if tok.dep_ == "xcomp" and lemma_of(tok.head) == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        cues.append(("planned", "is to"))
    if tok.dep_ == "xcomp" and lemma_of(tok.head) == "go" and tok.head.tag_ == "VBG":
        cues.append(("planned", "going to"))
    return cues


def detect(trigger: Token, sentence_cues: list[tuple[str, str]] | None = None) -> Modality:
    """Modality of the event expressed by `trigger` (a verb or an event noun)."""
    cues = _own_cues(trigger)
    governor = None
    # walk up through complement clauses: "said Turkey would refuse to meet"
    node = trigger
    # a noun trigger takes its cues from the verb it belongs to ("held talks", "the planned visit")
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj"):
        verb = trigger.head if trigger.dep_ != "pobj" else trigger.head.head
        if verb.pos_ in ("VERB", "AUX"):
            cues += _own_cues(verb)
            node = verb
            if lemma_of(verb) in GOVERNOR_OF and lemma_of(verb) not in ("agree",):
                kind = GOVERNOR_OF[lemma_of(verb)]
                if kind in ("planned", "hypothetical", "negated"):
                    cues.append((kind, lemma_of(verb)))
    hops = 0
    while node.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl") and hops < 4:
        head = node.head
        if node.dep_ == "conj":
            node = head
            hops += 1
            continue
        if node.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            break
        if node.dep_ == "pcomp" and head.dep_ == "prep":
            frame = prep_frame(head)
            if frame is not None and frame[1] in NEGATING_FRAMES:
                cues.append(("negated", frame[1]))
                node = frame[0]  # keep walking: "said Turkey refrained from retaliating"
                hops += 1
                continue
        kind = GOVERNOR_OF.get(lemma_of(head))
        if kind and kind != "reported" and _participle_adjunct(node):
            # "called for a rerun, alleging fraud", "denied it, blaming the damage on Kyiv": the -ing
            # adjunct is a second act of the subject, not the complement that "call"/"deny" governs
            kind = None
        if kind:
            if kind == "reported" and node.dep_ in ("ccomp", "xcomp", "advcl") or kind != "reported":
                cues.append((kind, lemma_of(head)))
                if kind == "reported" and governor is None:
                    governor = head
        cues += [c for c in _own_cues(head) if c[0] in ("negated",) and kind in ("planned", "hypothetical", "negated")]
        cues += [c for c in _own_cues(head) if c[0] in ("planned", "hypothetical") and kind is not None]
        node = head
        hops += 1
    cues += sentence_cues or []
    if not cues:
        return Modality("asserted")
    best = min(cues, key=lambda c: PRIORITY.index(c[0]))
    # a negated governor of a negating verb ("did not refuse") would be double negation: rare, ignore
    return Modality(best[0], best[1], governor)


def _participle_adjunct(node: Token) -> bool:
    """An -ing clause hung on a verb without a subordinator ("..., accusing him of sabotage")."""
    return node.dep_ == "advcl" and node.tag_ == "VBG" and not any(
        c.dep_ in ("mark", "nsubj", "nsubjpass") for c in node.children)


def prep_frame(prep: Token) -> tuple[Token, str] | None:
    """The verb a preposition hangs from, through an adverb particle, and the phrase they make:
    "held back from" -> (held, "hold back from"). None when the preposition is not on a verb."""
    head = prep.head
    words = [prep.lower_]
    if head.lower_ in FRAME_ADVERBS and head.dep_ in ("advmod", "prt", "acomp") and head.head is not head:
        words.insert(0, head.lower_)
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head is prep:
        return None
    # particles the parser left on the verb itself ("held back" with "from" on the verb)
    prts = [c.lower_ for c in head.children if c.dep_ in ("prt", "advmod") and c.lower_ in FRAME_ADVERBS
            and c.i < prep.i and c.lower_ not in words]
    return head, " ".join([lemma_of(head).lower(), *prts[:1], *words])


def sentence_cues(sent_tokens: list[Token]) -> list[tuple[str, str]]:
    """Cues that colour a whole sentence ("according to ..." opening, "if" clauses)."""
    cues = []
    lows = [t.lower_ for t in sent_tokens]
    for i, low in enumerate(lows):
        if low == "according" and i + 1 < len(lows) and lows[i + 1] == "to":
            cues.append(("reported", "according to"))
    return cues
