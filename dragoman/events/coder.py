"""The event coder: triggers from the lexicon, roles from the dependency parse.

For each sentence: find trigger words (verbs and event nouns), decide who did
it (subject, passive "by" agent, possessor, modifier) and to whom (object,
passive subject, prepositional target), expand conjunctions into one event per
actor pair, and read modality from the parse. Embedded events of a governing
event ("threatened to impose sanctions") are left to the governing event.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Span, Token

from ..actors.resolve import ActorMention
from ..geo import geocode
from . import modality as mod
from .lexicon import Lexicon, NounPattern, VerbPattern

TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "over", "from")
LIGHT_VERBS = {"hold", "have", "conduct", "pay", "make", "launch", "carry", "stage", "reach", "conclude",
               "give", "deliver", "issue", "impose", "announce", "begin", "start", "continue", "resume",
               "sign", "seal", "strike", "express", "extend", "offer", "provide", "host", "order", "mount",
               "undertake", "perform", "lodge", "file", "level", "voice", "complete", "finalize", "finalise",
               "attend", "join", "open", "initiate", "carry out", "send", "unleash"}
# codes whose complement clause is part of the same event ("urged Iran to release", "threatened to strike")
EMBEDDING_ROOTS = {"02", "03", "10", "13"}
EMBEDDING_CODES = {"112", "111", "016", "051"}
# "Turkey and Russia signed / met / clashed": with no object, each side acts on the other
RECIPROCAL_ROOTS = {"03", "04", "05", "06", "19"}
# passive acts with no named doer that are still worth recording
UNKNOWN_DOER_ROOTS = {"17", "18", "19", "20"}
MILITARY_ROOTS = {"15", "19", "20"}
# attribution cues that colour the whole sentence; "X said ..." only colours its own clause (the parse does that)
SENTENCE_WIDE_CUES = {"according to", "citing", "reportedly", "allegedly", "purportedly", "reported", "quoted"}
SUBJECT_DEPS = ("nsubj", "csubj")
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class CodedEvent:
    trigger: Token
    trigger_text: str
    code: str
    source: ActorMention | None
    target: ActorMention | None
    modality: str
    attributed_to: str | None = None
    location: str | None = None
    confidence: float = 0.5
    notes: dict = field(default_factory=dict)


class Coder:
    def __init__(self, lexicon: Lexicon, similar: Any = None) -> None:
        """`similar`: an optional events.similar.SimilarTriggers, consulted for words the lexicon misses."""
        self.lex = lexicon
        self.similar = similar
        self._actor_at: dict[int, ActorMention] = {}

    # -- trigger matching ------------------------------------------------
    def match_verb(self, tok: Token) -> VerbPattern | None:
        if tok.pos_ != "VERB":
            return None
        for pat in self.lex.verb_patterns(tok.lemma_):
            if pat.particle and not any(c.dep_ == "prt" and c.lower_ == pat.particle for c in tok.children):
                continue
            if pat.prep and not any(
                c.dep_ in ("prep", "agent", "dative") and c.lower_ == pat.prep
                and any(p.i in self._actor_at or p.ent_type_ in PLACE_LABELS or any(
                    cc.i in self._actor_at for cc in p.children) for p in _pobjs(c))
                for c in tok.children
            ):
                continue  # "came to Ankara" is a visit, "came to war" is not
            if pat.objects is not None:
                objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
                objs += [cc for o in objs for cc in o.conjuncts]
                if not objs:
                    continue
                if "@" in pat.objects:
                    if not any(o.i in self._actor_at and self._actor_at[o.i].kind in ("person", "country", "capital")
                               for o in objs) or any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
                        continue
                elif pat.objects and not any(o.lemma_.lower() in pat.objects or o.lower_ in pat.objects for o in objs):
                    continue
            return pat
        return self.similar.verb_pattern(tok, self._actor_at) if self.similar else None

    def match_noun(self, tok: Token) -> tuple[NounPattern, int] | None:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        pats = self.lex.noun_patterns(tok.lower_) + self.lex.noun_patterns(tok.lemma_)
        doc = tok.doc
        for pat in pats:
            n = len(pat.words)
            first = tok.i - n + 1
            if first < 0 or any(doc[k].is_sent_start for k in range(first + 1, tok.i + 1)):
                continue
            words = doc[first : tok.i + 1]
            if all(w.lower_ == p or w.lemma_.lower() == p for w, p in zip(words, pat.words)):
                return pat, first
        return self.similar.noun_pattern(tok, self._actor_at) if self.similar else None

    # -- main entry ---------------------------------------------------------
    def code_sentence(self, sent: Span, actor_at: dict[int, ActorMention], attribution: Any = None) -> list[CodedEvent]:
        """Events of one sentence; `attribution` (ingest.attribution.Attribution) marks claims made by others."""
        self._actor_at = actor_at
        triggers: list[tuple[Token, str, object, int]] = []
        for tok in sent:
            if tok.i in actor_at and actor_at[tok.i].kind not in ("role",):
                continue
            vp = self.match_verb(tok)
            if vp is not None:
                triggers.append((tok, vp.code, vp, tok.i))
                continue
            np_ = self.match_noun(tok)
            if np_ is not None:
                triggers.append((tok, np_[0].code, np_[0], np_[1]))
        # a light verb whose object is an event noun leaves the event to the noun ("provided military support")
        noun_trigs = {t.i for t, _, pat, _ in triggers if isinstance(pat, NounPattern)}
        triggers = [tr for tr in triggers if not (
            isinstance(tr[2], VerbPattern) and tr[0].lemma_ in LIGHT_VERBS
            and any(c.dep_ == "dobj" and c.i in noun_trigs for c in tr[0].children))]
        trig_tokens = {t.i: code for t, code, _, _ in triggers}
        s_cues = mod.sentence_cues(list(sent))
        events: list[CodedEvent] = []
        for tok, code, pat, first in triggers:
            if self._embedded(tok, trig_tokens):
                continue
            if isinstance(pat, VerbPattern):
                # "refused to meet": the governor is a modality cue for its complement, not an event itself
                if tok.lemma_ in mod.GOVERNORS["negated"] | mod.GOVERNORS["planned"] and any(
                    c.dep_ in ("xcomp", "ccomp") and c.i in trig_tokens for c in tok.children
                ) and code[:2] not in EMBEDDING_ROOTS:
                    continue
                sources, targets = self._verb_roles(tok, pat, actor_at)
            else:
                if tok.head.i in trig_tokens and tok.head.i != tok.i and tok.dep_ in ("dobj", "nsubjpass", "attr"):
                    continue  # the governing verb trigger already codes it ("held talks", "imposed sanctions")
                if tok.dep_ == "compound" and tok.head.i in trig_tokens:
                    continue
                if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "by") and tok.head.head.i in trig_tokens \
                        and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.head.children):
                    continue  # the instrument of a coded passive event ("killed in an air strike")
                sources, targets = self._noun_roles(tok, pat, actor_at, first)
            sources = [s for s in sources if s is not None]
            if not sources:
                # "X was killed / detained": the doer is unknown but the act and its target are real
                passive = isinstance(pat, VerbPattern) and any(c.dep_ == "auxpass" for c in tok.children)
                if not (passive and code[:2] in UNKNOWN_DOER_ROOTS and targets):
                    continue
                sources = [None]
            modality = mod.detect(tok, s_cues)
            attributed = None
            in_attr = attribution is not None and attribution.start <= tok.idx - sent.start_char < attribution.end
            if attribution is not None and not in_attr and modality.value == "asserted" \
                    and attribution.cue in SENTENCE_WIDE_CUES:
                modality = mod.Modality("reported", attribution.cue, None)
            if modality.value == "reported":
                attributed = self._reporter(modality.governor, actor_at) or self._attribution_actor(
                    sent, attribution, actor_at)
            location = self._location(tok, actor_at)
            srcs = _dedupe(sources)
            tgts_all = _dedupe([t for t in targets if t is not None])
            jointly = len(srcs) > 1 or any(c.lower_ == "joint" for c in tok.children) or any(
                c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
            if getattr(pat, "partnered", None) and jointly:
                code = pat.partnered
            reciprocal = not tgts_all and len(srcs) > 1 and code[:2] in RECIPROCAL_ROOTS
            if sources == [None]:
                srcs = [None]
            if code[:2] in MILITARY_ROOTS:
                # "Iran launched drones at Israel": force is used by the country's military
                srcs = [replace(a, code=a.code + "MIL", role="MIL") if a is not None and a.code == a.country
                        and a.kind in ("country", "demonym") else a for a in srcs]
            if tgts_all and srcs and srcs[0] is not None:
                tgts_all = self._foreign_targets(tok, srcs[0], tgts_all, actor_at)
            if not tgts_all and code[:2] == "04" and srcs and srcs[0] is not None:
                tgts_all = self._destination(tok, srcs[0])
            for src in srcs:
                if src is None:
                    tgts = tgts_all[:1] or [None]
                elif reciprocal:
                    tgts = [o for o in srcs if o.code != src.code] or [None]
                else:
                    tgts = [t for t in tgts_all if t.code != src.code] or [None]
                value, by = modality.value, attributed
                if value == "reported" and modality.governor is not None and src is not None and attributed \
                        and attributed[:3] == (src.country or src.code or "")[:3]:
                    value, by = "asserted", None  # an actor announcing its own act asserts it
                for tgt in tgts:
                    conf = (src.confidence if src else 0.5) * (tgt.confidence if tgt else 0.8)
                    events.append(CodedEvent(tok, sent.doc[first : tok.i + 1].text if first < tok.i else tok.text,
                                             code, src, tgt, value, by, location, round(conf, 3),
                                             {"modality_cue": modality.cue}))
        return events

    def _embedded(self, tok: Token, trig_tokens: dict[int, str]) -> bool:
        """Is `tok` the complement of another trigger that already carries the event?"""
        node, hops = tok, 0
        while node.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "acl") and hops < 3:
            head = node.head
            if head.dep_ == "prep" and node.dep_ in ("pcomp", "pobj"):
                head = head.head
            code = trig_tokens.get(head.i)
            if code and head.i != tok.i and (code[:2] in EMBEDDING_ROOTS or code in EMBEDDING_CODES or code == "016"):
                if node.dep_ == "pobj" and tok.pos_ in ("NOUN", "PROPN") and code[:2] not in EMBEDDING_ROOTS:
                    return False  # "accused Iran of the attack" still codes the accusation only
                return True
            node, hops = head, hops + 1
        return False

    # -- roles ----------------------------------------------------------------
    def _verb_roles(self, verb: Token, pat: VerbPattern, actor_at: dict[int, ActorMention]) -> tuple[list, list]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "a deal brokered by Russia": the participle is passive, its noun the patient
            sources = [a for c in verb.children if c.dep_ == "agent" for a in self._all(_with_conj(_pobjs(c)), actor_at)]
            targets = [self.actor(verb.head, actor_at)]
            return sources, [t for t in targets if t is not None]
        sources: list[ActorMention | None] = []
        targets: list[ActorMention | None] = []
        if passive:
            for c in verb.children:
                if c.dep_ == "agent":
                    sources += self._all(_with_conj(_pobjs(c)), actor_at)
                elif c.dep_ == "nsubjpass":
                    targets += self._all(_with_conj([c]), actor_at)
            if not any(sources):
                # "was killed in an Israeli air strike": the doer is named on the instrument
                for c in verb.children:
                    if c.dep_ == "prep" and c.lower_ in ("in", "during", "by"):
                        for p in _pobjs(c):
                            if self.match_noun(p) is not None:
                                sources.append(self.actor(p, actor_at))
        else:
            subj = _subjects(verb)
            sources += self._all(_with_conj(subj), actor_at)
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            if pat.prep:
                preps = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == pat.prep]
                targets += [a for pr in preps for a in self._all(_with_conj(_pobjs(pr)), actor_at)]
            targets += self._all(_with_conj(objs), actor_at)
        if not any(targets):
            for c in verb.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
                    targets += self._all(_with_conj(_pobjs(c)), actor_at)
        if not any(targets):
            # "imposed sanctions on Turkey", "signed a deal with Russia": the target hangs off the object
            for o in [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]:
                for c in o.children:
                    if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                        targets += self._all(_with_conj(_pobjs(c)), actor_at)
        if not any(targets):
            # "urged Iran to ...", "accused Israel of": the object sits in the complement
            for c in verb.children:
                if c.dep_ in ("xcomp", "ccomp"):
                    targets += [self.actor(s, actor_at) for s in c.children if s.dep_ in SUBJECT_DEPS]
        return sources, [t for t in targets if t is not None]

    def _noun_roles(self, noun: Token, pat: NounPattern, actor_at: dict[int, ActorMention], first: int) -> tuple[list, list]:
        sources: list[ActorMention | None] = []
        targets: list[ActorMention | None] = []
        # modifiers: "Turkish airstrikes", "Iran's attack", "US-Turkey talks"
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < first:
                a = self.actor(c, actor_at)
                if a is not None:
                    sources.append(a)
        # also modifiers inside a multiword trigger span ("the Israeli air strikes")
        for i in range(first, noun.i):
            if i in actor_at:
                sources.append(actor_at[i])
        for c in noun.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ == "of":
                # "the visit of Bagheri", not "purchases of US dollars": the object itself must be the actor
                objs = [actor_at.get(p.i) for p in _with_conj(_pobjs(c))]
            else:
                objs = self._all(_with_conj(_pobjs(c)), actor_at)
            if c.lower_ == "by":
                sources = objs + sources
            elif c.lower_ == "of":
                (sources if pat.of_role == "source" else targets).extend(objs)
            elif c.lower_ == "between":
                if len(objs) >= 2:
                    sources.append(objs[0])
                    targets.extend(objs[1:])
            elif c.lower_ == "from" and pat.of_role == "source":
                sources.extend(objs)  # "condemnation from the Arab League", "aid from Russia"
            elif c.lower_ in TARGET_PREPS:
                targets.extend(objs)
        # the noun as object of a light verb: "Turkey held talks with Iran", "Israel launched strikes on"
        head = noun.head
        if noun.dep_ in ("dobj", "attr", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX", "ADP"):
            verb = head.head if head.pos_ == "ADP" else head
            if verb.pos_ in ("VERB", "AUX"):
                vsubj = self._all(_with_conj(_subjects(verb)), actor_at)
                if noun.dep_ == "nsubjpass":
                    vsubj = [a for c in verb.children if c.dep_ == "agent" for a in self._all(_with_conj(_pobjs(c)), actor_at)]
                light = verb.lemma_ in LIGHT_VERBS and (noun.dep_ != "pobj" or head.lower_ in ("in", "into"))
                if any(vsubj) and light:
                    sources = [s for s in vsubj if s is not None] + [s for s in sources if s is not None]
                for c in verb.children:
                    if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
                        targets.extend(self._all(_with_conj(_pobjs(c)), actor_at))
        # "agreed a ceasefire after talks in Moscow": talks held by those who agreed
        if not any(sources) and noun.dep_ == "pobj" and head.lower_ in ("after", "following", "during") \
                and head.head.pos_ in ("VERB", "AUX") and pat.of_role == "source":
            sources = self._all(_with_conj(_subjects(head.head)), actor_at)
        # an event noun as subject: "Turkish airstrikes hit PKK positions"
        if noun.dep_ == "nsubj" and head.pos_ == "VERB":
            targets.extend(self._all(_with_conj([c for c in head.children if c.dep_ == "dobj"]), actor_at))
        return sources, [t for t in targets if t is not None]

    def _destination(self, tok: Token, src: ActorMention) -> list[ActorMention]:
        """'arrived in Jeddah', 'talks in Sochi': a visit's host is the country of the place visited."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "to", "at"):
                for p in _pobjs(c):
                    if p.ent_type_ not in PLACE_LABELS:
                        continue
                    place = geocode(_entity_span(p))
                    if place and place.country and place.country != src.country:
                        return [ActorMention(p.i, p.i + 1, p.idx, p.idx + len(p), p.text, place.country,
                                             None, place.country, None, "country", 0.6)]
        return []

    def _foreign_targets(self, tok: Token, src: ActorMention, tgts: list[ActorMention],
                         actor_at: dict[int, ActorMention]) -> list[ActorMention]:
        """'recalled its ambassador from Tel Aviv': the target is the other country, not one's own envoy."""
        if any(t.country != src.country for t in tgts):
            return tgts
        heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        others = [a for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "in", "to", "with")
                  for a in self._all(_with_conj(_pobjs(c)), actor_at) if a is not None and a.country != src.country]
        return others or tgts

    def _all(self, tokens: list[Token], actor_at: dict[int, ActorMention]) -> list[ActorMention | None]:
        """Actors of several noun phrases; "Azerbaijani and Armenian forces" gives both sides."""
        out: list[ActorMention | None] = []
        for tok in tokens:
            a = self.actor(tok, actor_at)
            out.append(a)
            if a is None or tok.i in actor_at:
                continue
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and c.i in actor_at and actor_at[c.i] is a:
                    out.extend(actor_at[cc.i] for cc in c.conjuncts if cc.i in actor_at)
        return out

    def actor(self, tok: Token, actor_at: dict[int, ActorMention]) -> ActorMention | None:
        """The actor a noun phrase head stands for, looking into its modifiers when needed."""
        if tok.i in actor_at:
            return actor_at[tok.i]
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "appos") and c.i in actor_at:
                return actor_at[c.i]
        # "a delegation of Iranian officials", "members of the PKK"
        if tok.lemma_ in ("delegation", "member", "team", "group", "head", "chief", "leader", "envoy",
                          "representative", "official", "spokesman", "spokesperson", "unit", "force"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    for p in _pobjs(c):
                        a = self.actor(p, actor_at)
                        if a:
                            return a
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss"):
                for cc in c.children:
                    if cc.i in actor_at:
                        return actor_at[cc.i]
        return None

    def _reporter(self, governor: Token | None, actor_at: dict[int, ActorMention]) -> str | None:
        if governor is None:
            return None
        for s in _subjects(governor):
            a = self.actor(s, actor_at)
            if a is not None:
                return a.code
            return s.text if s.pos_ != "PRON" else None
        for c in governor.children:
            if c.dep_ == "agent":
                for p in _pobjs(c):
                    a = self.actor(p, actor_at)
                    return a.code if a else p.text
        return None

    def _attribution_actor(self, sent: Span, attribution: Any, actor_at: dict[int, ActorMention]) -> str | None:
        """Who the claim is attributed to: an actor code when the phrase names one, else the phrase."""
        if attribution is None or not attribution.who:
            return None
        lo = sent.start_char + (attribution.who_start if attribution.who_start is not None else attribution.start)
        hi = sent.start_char + (attribution.who_end if attribution.who_end is not None else attribution.end)
        for tok in sent:
            if lo <= tok.idx < hi and tok.i in actor_at:
                return actor_at[tok.i].code
        return attribution.who

    def _location(self, trigger: Token, actor_at: dict[int, ActorMention]) -> str | None:
        heads = [trigger]
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ == "VERB":
            heads.append(trigger.head)
        # "struck Iranian targets in Syria": the place may hang off the object
        heads += [c for h in list(heads) for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "inside"):
                    for p in _pobjs(c):
                        if p.ent_type_ in PLACE_LABELS or (p.i in actor_at and actor_at[p.i].kind in ("capital", "country")):
                            ent = _entity_span(p)
                            return ent
        return None


def _entity_span(tok: Token) -> str:
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    return tok.text


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _with_conj(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out.append(t)
        out.extend(t.conjuncts)
        # "Saudi Arabia, the UAE, Bahrain and Egypt" often parses as an apposition chain
        for a in t.children:
            if a.dep_ == "appos":
                out.append(a)
                out.extend(a.conjuncts)
    seen, res = set(), []
    for t in out:
        if t.i not in seen:
            seen.add(t.i)
            res.append(t)
    return res


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, inherited through xcomp/conj/relative clauses when it has none."""
    node, hops = verb, 0
    while hops < 4:
        subj = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX"):
            node = node.head.head  # "took control after driving out the YPG": the same doer
            hops += 1
            continue
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head is not node:
            # "urged Iran to release": the xcomp's doer is the object of the head
            if node.dep_ == "xcomp":
                obj = [c for c in node.head.children if c.dep_ in ("dobj",)]
                if obj:
                    return obj
            node = node.head
            hops += 1
            continue
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
            noun = node.head
            # "signed a decree imposing sanctions": the decree's signer imposes them
            if node.dep_ == "acl" and noun.dep_ in ("dobj", "pobj") and node.tag_ == "VBG":
                gov = noun.head if noun.dep_ == "dobj" else noun.head.head
                if gov.pos_ in ("VERB", "AUX"):
                    return _subjects(gov)
            return [noun]
        return []
    return []


def _dedupe(items: list) -> list:
    seen, out = set(), []
    for a in items:
        if a is None:
            continue
        key = (a.code, a.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    # same actor code twice (a name and its pronoun): keep the first
    codes, final = set(), []
    for a in out:
        if a.code in codes:
            continue
        codes.add(a.code)
        final.append(a)
    return final
