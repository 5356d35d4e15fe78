"""The event coder: triggers from the lexicon, roles from the dependency parse.

For each sentence: find trigger words (verbs and event nouns), decide who did
it (subject, passive "by" agent, possessor, modifier) and to whom (object,
passive subject, prepositional target), expand conjunctions into one event per
actor pair, and read modality from the parse. Embedded events of a governing
event ("threatened to impose sanctions") are left to the governing event.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

import yaml

from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Span, Token

from ..actors.resolve import ActorMention
from ..geo import geocode
from . import modality as mod
from .lexicon import NOT_AN_EVENT, Lexicon, NounPattern, VerbPattern, fixed_forms, lemma_of
from .ontology import ontology

TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "over", "from")
# prepositions that name the target only for some roots: one stands "behind" whom it supports
# ("threw its weight behind Morocco's plan"), but "behind closed doors" is not a target elsewhere; a host
# lays something on "for" its guest ("rolled out the red carpet for Xi", "hosted a dinner for the envoy")
ROOT_TARGET_PREPS = {"05": ("behind",), "04": ("for",)}
LIGHT_VERBS = {"hold", "have", "conduct", "pay", "make", "launch", "carry", "stage", "reach", "conclude",
               "give", "deliver", "issue", "impose", "announce", "begin", "start", "continue", "resume",
               "sign", "seal", "strike", "express", "extend", "offer", "provide", "host", "order", "mount",
               "undertake", "perform", "lodge", "file", "level", "voice", "complete", "finalize", "finalise",
               "attend", "join", "open", "initiate", "carry out", "send", "unleash"}
# verbs that set money or help aside: their object's event noun is the act ("approved a bailout",
# "earmarked 2.7 billion euros in military assistance"), done by the verb's subject
ALLOCATING_VERBS = {"approve", "earmark", "allocate", "authorise", "authorize", "budget", "greenlight"}
LIGHT_VERBS |= ALLOCATING_VERBS
# codes whose complement clause is part of the same event ("urged Iran to release", "threatened to strike")
EMBEDDING_ROOTS = {"02", "03", "10", "13"}
EMBEDDING_CODES = {"112", "111", "016", "051"}
# "A agreed to pause its offensive": consenting to an act is coded as that act (the gold convention), so
# these verbs give way to an infinitive complement that is itself a trigger; pledges and vows stay intents.
# Conjoined parties who "agreed to" an act do it to each other ("A and B agreed to extend the truce").
CONSENT_VERBS = {"agree", "consent"}
# acts that consenting does not stand for: "agreed to hold talks" is an intent to meet (036)
CONSULT_ROOTS = {"04"}
# ... and stays an intent when agreed jointly: "A and B agreed to begin talks" is 036, not a deal (057)
JOINT_INTENT_CODES = {"036"}
# Appeals (02), intents (03) and demands (10) share one layout of what is wanted: x1 material cooperation,
# x2 diplomatic cooperation, x3 aid, x4 political reform, x5 yielding, x6 meeting, x7 settling, x8 mediation.
# The embedded event's code (longest prefix first) gives the suffix: "urged Iran to release" 0253,
# "demanded the release" 1053, "pledged to send aid" 033.
WANTED_SUFFIX = {
    "06": "1", "061": "11", "062": "12", "063": "13", "064": "14",
    "05": "2", "07": "3", "071": "31", "072": "32", "073": "33", "074": "34",
    "083": "4", "0831": "41", "0832": "42", "0833": "43", "0834": "44",
    "08": "5", "081": "51", "082": "52", "084": "53", "0841": "53", "0842": "53", "085": "54", "086": "55",
    "087": "56", "0871": "56", "0872": "56", "0873": "56", "0874": "56",
    "04": "6", "045": "8",
}
# intent to mediate is 039, not 038 (accept mediation)
WANTED_OVERRIDES = {("03", "045"): "039"}
# words that state an intent only through the act they introduce: "offered to broker", "stands ready to
# send", "was prepared to accept", "is willing to resume". They are coded as an intent (030) refined by
# that act, and only when the act is itself a trigger.
INTENT_FRAMES = {"VERB": {"offer", "volunteer", "poise"}, "ADJ": {"ready", "prepared", "willing", "eager", "keen"}}
INTENT_CODE = "030"
# adjectives whose intent is stated through a preposition and the act it leads to: "open to talks",
# "open to easing sanctions", "amenable to a deal" (an event noun or a gerund that is itself a trigger)
INTENT_PREP_FRAMES = {"open": "to", "amenable": "to", "receptive": "to"}
# "declined to say", "refused to be drawn", "would not comment": keeping silent is a comment of its own
# (011), not a negated statement nor a rejection. The acts withheld, and the auxiliaries of a negated one
# that withholds it ("would not", "did not"; "could not confirm" is being unable, not declining).
SILENCE_CODE = "011"
SILENT_ACTS = {"comment", "say", "confirm", "elaborate", "discuss", "disclose", "specify", "speculate", "reveal",
               "respond", "answer", "detail", "identify", "name"}
SILENCING_VERBS = {"decline", "refuse"}
SILENCE_AUX = {"would", "wo", "will", "did", "do", "does"}
# "told Israel to allow more fuel in": telling an actor to act is a demand (10), refined by the act
TELLING_VERBS = {"tell", "instruct"}
DEMAND_CODE = "100"
# verbs a predicate adjective complements: "were upbeat", "remained hopeful", "sounded pessimistic"
COPULAS = {"be", "remain", "stay", "seem", "appear", "sound", "look", "feel"}
# doers' own forces are not the target of their posture or pullback ("put its forces on alert",
# "stood down its troops")
OWN_FORCE_ROOTS = {"08", "15"}
FORCE_ROLES = {"MIL", "COP", "SPY"}
# heads whose "for" phrase names whom they speak for: "a spokesman for the foreign ministry"
SPEAKS_FOR_HEADS = {"spokesman", "spokeswoman", "spokesperson", "envoy", "representative", "adviser", "advisor",
                    "lawyer", "negotiator"}
# threats (13), and intents to do harm ("vowed to retaliate" is a threat): the sub-code of the harm
THREAT_CODES = {
    "16": "131", "162": "1311", "1621": "1311", "1622": "1311", "1623": "1311", "163": "1312", "161": "1313",
    "164": "134", "165": "135", "166": "136",
    "17": "130", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324", "175": "137",
    "14": "133", "18": "138", "19": "138", "190": "138", "191": "1381", "192": "1382", "20": "1383",
}
HARM_ROOTS = {"13", "14", "15", "16", "17", "18", "19", "20"}
# "test-fired a missile" is not "fired"; "re-imposed" is still "imposed". A hyphenated verb is looked up
# whole ("de-escalate"), and only these prefixes fall back to the bare verb.
SAME_VERB_PREFIXES = {"re", "co"}
# "Trade between Turkey and Iran fell 20%": an event noun whose amount changes is a statistic, not an event
QUANTITY_VERBS = {"fall", "rise", "grow", "drop", "increase", "decrease", "decline", "reach", "total", "double",
                  "triple", "climb", "surge", "plunge", "shrink", "exceed", "amount", "jump", "slump", "dip", "soar",
                  "halve", "top", "hit", "stand", "contract", "expand", "edge", "slip", "tumble", "rebound"}
PLURAL_PRONOUNS = {"they", "them"}
# the preposition of an event noun that says how its clause's act was done ("in a show of strength")
MANNER_PREPS = ("in",)
# things that rise and fall but never act: with one as its subject a verb is market news, not an event
# ("Turkish shares rallied", "the lira plunged", "oil prices surged", "defence stocks soared")
INERT_SUBJECTS = {"share", "shares", "stock", "stocks", "equity", "equities", "price", "prices", "market", "markets",
                  "currency", "lira", "rouble", "ruble", "rupee", "rial", "dollar", "euro", "yen", "yuan", "pound",
                  "peso", "bond", "bonds", "yield", "yields", "index", "indices", "bourse", "futures", "crude",
                  "inflation", "valuation", "valuations", "benchmark"}
# weapons that, as the subject of a generic force verb, give its code ("Ukrainian drones targeted")
SUBJECT_WEAPON_CODES = {"drone": "1952", "uav": "1952", "missile": "195", "rocket": "195"}
WEAPON_REFINED_CODES = {"190", "195"}
# "Turkish artillery hammered villages": a force noun as the subject of a force verb is one attack. The verb
# keeps the event; when both only name a means of fighting, the noun's (the weapon used) is the code.
FORCE_MEANS_CODES = {"190", "193", "194", "195", "1951", "1952"}
# the toll of an attack ("killing dozens"), coded only when no attack is coded beside it (see _casualty)
NAMED_FORCE_ROOTS = {"18", "19", "20"}  # "the Istanbul bombing": a place named there is the victim
NEW_EVENT_DETS = {"a", "an"}
# "in a call", "during a call": a call that asks for nothing is a contact by phone
CONTACT_NOUNS = {"call": "041"}
CONTACT_PREPS = {"in", "during", "on", "over"}
APPEAL_ROOT = "02"
APPEAL_PREPS = {"for", "on", "to"}
NAME_MODIFIER_DEPS = {"compound", "nmod"}
CASUALTY_VERBS = {"kill", "wound", "injure", "maim"}
COMPANION_WORDS = {"along", "together"}
# measures before an object ("fired a barrage of rockets", "sent dozens of drones"): the verb's object is inside
QUANTITY_HEADS = {"dozen", "dozens", "hundreds", "thousands", "scores", "barrage", "salvo", "volley", "wave", "lot",
                  "raft", "slew", "package", "bundle", "flurry", "string", "set", "range", "host", "series",
                  "batch", "shipment", "consignment", "number", "couple", "handful", "pair", "fleet", "swarm", "convoy",
                  "planeload", "tonne", "ton"}
# force verbs whose object is a named place: "captured Baghouz", "seized Kherson" occupy territory (192)
PLACE_OBJECT_CODES = {"capture": "192", "seize": "192", "take": "192", "overrun": "192", "retake": "192",
                      "recapture": "192", "occupy": "192", "liberate": "192", "storm": "192"}
# doers a report leaves unnamed: "a gunman attacked the embassy" has a null source, not no event
UNNAMED_ATTACKERS = {"gunman", "attacker", "assailant", "bomber", "militant", "man", "woman", "suspect", "sniper",
                     "shooter", "drone", "missile", "rocket", "bomb", "projectile", "shell"}
# nouns whose "for" phrase is the one acted on: "arrest warrants for Netanyahu", "asylum for Assad"
FOR_TARGET_HEADS = {"warrant", "asylum", "bounty", "extradition"}
# weapons a doer fires or sends, never its target ("launched drones at Israel"), unless they are the
# other side's ("downed a US drone")
WEAPON_OBJECTS = {"drone", "missile", "rocket", "bomb", "projectile", "shell", "mortar", "warhead", "munition"}
# "Turkey and Russia signed / met / clashed": with no target, each side acts on the other; the
# cooperative roots also with an object ("signed a deal"), fighting only without one ("clashed", not
# "took control of the town")
RECIPROCAL_ROOTS = {"03", "04", "05", "06", "19"}
RECIPROCAL_WITH_OBJECT = {"03", "04", "05", "06"}
# the conjunctions of a clause that names whom a threat (13) or a show of force (15) answers
CONDITION_MARKS = {"13": {"if", "unless"}, "15": {"if", "unless", "after", "as", "when", "while"}}
# appeals and demands, and the prepositions that name what they ask for ("insisted on", "called for")
DEMAND_ROOTS = {"02", "10"}
DEMANDED_PREPS = ("for", "on")
# one-sided acts inside those roots: "Egypt and Qatar welcomed the ceasefire" is two welcomes, not a
# welcome of each other (praise, verbal defence, rallying support, apology)
ONE_SIDED_CODES = ("051", "052", "053", "055")
# objects that make any act mutual between its conjoined doers ("traded fire", "exchanged accusations")
RECIPROCAL_OBJECTS = {"fire", "gunfire", "shots", "blows", "barbs", "accusations", "insults", "jibes", "recriminations",
                      "blame"}
RECIPROCAL_VERBS = {"trade", "exchange"}
# codes mutual between two conjoined doers whatever their root ("Egypt and Saudi Arabia saw eye to eye": 019),
# and objects that name the fighting itself ("A and B fought pitched battles", unlike "took the town")
RECIPROCAL_CODES = {"019"}
FIGHT_OBJECTS = {"battle", "war", "clash", "skirmish", "gunbattle", "firefight", "duel", "fight", "engagement"}
# a mediator acts on the parties it mediates between, never on its co-mediator
MEDIATION_CODES = {"045", "039"}
# acts that bring others together ("talks hosted by Turkey"): with MEDIATION_CODES, a participle on the
# meeting or deal they shape is aimed at the doers of its clause
GATHERING_ROOTS = {"04"}
# meetings that a named place can turn into a visit or a third-place meeting
PLAIN_MEETING_CODES = {"040"}
# the same for a gathering's doers, some already read as visiting the place
GROUP_MEETING_CODES = {"040", "042"}
# passive acts with no named doer that are still worth recording
UNKNOWN_DOER_ROOTS = {"14", "17", "18", "19", "20"}
# roots whose passive subject is the doer's own goods or forces, not the one acted on ("troops were
# deployed", "aid was sent"), and those where it is so when the subject is a force ("were withdrawn")
MEANS_SUBJECT_ROOTS = {"07", "15"}
# a bare country using force is its military (dev: "Iran launched missiles" IRNMIL), but one showing or
# readying force stays the country ("Armenia mobilised", "Japan scrambled jets": ARM, JPN; 15 of 17 in dev/dev2/dev3)
MILITARY_ROOTS = {"19", "20"}
# force used on a foreign place targets that place's country when no actor is named
FORCE_ROOTS = {"18", "19", "20"}
# "X drew / prompted / sparked condemnation from Y": Y reacts to X
REACTION_VERBS = {"draw", "prompt", "trigger", "spark", "provoke", "attract", "earn", "elicit", "bring", "cause"}
# "telephoned Putin to offer condolences", "visited Erdogan to discuss trade": the infinitive after these
# verbs is the caller's purpose, not what the one called is asked to do ("urged Iran to release")
CONTACT_PURPOSE_VERBS = {"telephone", "phone", "call", "ring", "visit", "meet", "host", "receive", "welcome"}
# "two days of talks", "a series of strikes": the measure takes the event noun's place in the clause
MEASURE_HEADS = {"hour", "day", "week", "month", "year", "night", "decade", "round", "series", "wave", "spate",
                 "string", "number", "dozen", "hundred", "thousand"}
MEASURES = MEASURE_HEADS | QUANTITY_HEADS
# participles that name the owner of a thing acted on, with the preposition that introduces the owner
OWNING_PARTICIPLES = {"link": "to", "tie": "to", "own": "by", "operate": "by", "run": "by", "hold": "by",
                      "control": "by", "use": "by", "affiliate": "with", "connect": "to"}
# a part of a whole whose "of" phrase carries the target: "suspended part of its military aid to Egypt"
PARTITIVE_HEADS = {"part", "portion", "share", "half", "bulk", "some", "most", "all", "much", "rest", "tranche"}
# posts a country's forces hold: a force act on "Armenian positions" or "a US outpost" hits that military
MILITARY_OBJECTS = {"position", "base", "outpost", "garrison", "barracks", "trench", "bunker", "airbase",
                    "checkpoint", "stronghold", "fortification"}
# joint activities only armed forces carry out: both sides are militaries
MILITARY_NOUNS = {"exercise", "drill", "patrol", "manoeuvre", "maneuver", "wargame"}
# attribution cues that colour the whole sentence; "X said ..." only colours its own clause (the parse does that)
SENTENCE_WIDE_CUES = {"according to", "citing", "reportedly", "allegedly", "purportedly", "reported", "quoted"}
SUBJECT_DEPS = ("nsubj", "csubj")
# how many nested complements deep a target is looked for ("pledged to help rebuild X's grid" is two)
COMPLEMENT_DEPTH = 3
# heads whose "of" phrase names the actor: "a delegation of Iranian officials", "members of the PKK",
# "dozens of Palestinians" (looked for inside the phrase too)
OF_ACTOR_HEADS = {
    "delegation", "member", "team", "group", "head", "chief", "leader", "envoy", "representative", "official",
    "spokesman", "spokesperson", "unit", "force", "supporter", "follower", "loyalist", "fighter", "militant",
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "score", "scores",
    "some", "many", "most", "several", "number", "all", "each", "both", "none", "rest", "majority",
}
# texts through which their adopters act ("a decree imposing sanctions", "a resolution censuring Iran")
INSTRUMENT_HEADS = {"decree", "law", "bill", "motion", "letter", "order", "declaration", "measure", "amendment"}
# things said or decided, whose "of" phrase is their author when it names an actor itself: "the findings of
# the UN panel" is the UN, "the reports of an Iranian plot" is nobody
AUTHORED_HEADS = {
    "finding", "report", "decision", "proposal", "statement", "remark", "comment", "plan", "request",
    "resolution", "demand", "draft", "offer", "move", "assessment", "conclusion", "verdict", "ruling",
}
# who answers for an act, in the words of whoever says so: "blamed X for E", "held X responsible for E",
# "X was responsible for E", "X claimed responsibility for E", "E, which officials attributed to X",
# "E the government blamed on X". The act's doer is X, and the act is reported by the one blaming.
BLAME_VERBS = {"blame", "fault"}
RESPONSIBLE_WORDS = {"responsible", "accountable", "culpable", "liable"}
RESPONSIBILITY_NOUNS = {"responsibility", "credit"}
ASCRIBE_VERBS = {"blame": "on", "attribute": "to", "ascribe": "to", "pin": "on"}
# acts of harm one is blamed for; "blamed the US for the unrest" does not make the US a protester
BLAMED_ROOTS = {"17", "18", "19", "20"}
# verbs that judge another party's act ("decried the Israeli raid", "hailed the Chinese visit"): a national
# adjective on the act's noun names its doer, so the act is an event of its own beside the judgement
JUDGING_ROOTS = {"05", "11"}
# aid is given "for" someone: the benefactive phrase names the target of 07x events
BENEFIT_ROOTS = {"07"}
BENEFIT_PREPS = ("for",)
# "said no to a Saudi offer", "acted on Iran's request": the prepositions that answer an addressed act
ANSWER_PREPS = {"to", "on"}
# refusals: whoever of the refuser's own country a refused act would reach is not the one refused
REFUSAL_ROOTS = {"12"}
# acts addressed to someone (appeals, offers, visits, demands, accusations, threats): answered by another
# side, they were addressed to it ("Kyiv brushed aside Moscow's call" is Moscow's call to Kyiv)
ADDRESSED_ROOTS = {"02", "03", "04", "10", "11", "13"}
# stances taken on something (comments, approval, disapproval, rejection, threats): their target may sit
# deep in the phrase they are taken on, searched this many prepositional levels down
STANCE_ROOTS = {"01", "05", "11", "12", "13"}
STANCE_DEPTH = 3
# prepositions that name where or when, not on whom
PLACE_ONLY_PREPS = ("in", "at", "near", "during", "since", "until", "after", "before", "inside", "across",
                    # what an act is done in spite of is someone else's act, not its target
                    "despite", "notwithstanding", "amid")
# prepositions naming who made a thing: "an offer from Seoul", "a request by the envoy"
AUTHOR_PREPS = ("by", "from")
OWNER_DEPS = {"poss"}
JUDGED_OWNER_DEPS = {"poss", "amod", "compound", "nmod"}
# "eight countries including Turkey": the listed members stand for the group
INCLUDING_PREPS = ("including", "like")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "the Israeli raid on Jenin", "the annexation of Crimea": a force noun's place of action
NOUN_PLACE_PREPS = ("in", "inside", "into", "on", "against", "of")
PLACE_NOUNS = {"town", "city", "village", "port", "region", "province", "district", "camp", "coast", "outskirts",
               "enclave", "strip", "capital", "suburb", "suburbs", "area", "settlement", "corridor", "crossing",
               "coastline", "neighbourhood", "neighborhood"}
# Material acts that land somewhere: with no actor named, the country of the place they land in is the
# target ("laid siege to Mariupol", "airlifted tents to Derna", "massed troops along Ukraine's border").
# The prepositions, by root, that name that place on the act's verb (verb triggers) or on the event noun;
# force also looks on the weapon it was done with ("retaliated with strikes inside Iran").
FORCE_PLACE_PREPS = ("in", "inside", "into", "to", "on", "at", "against")
PLACE_TARGET_PREPS = {
    "07": ("to", "into", "over", "in", "inside"),
    "15": ("to", "into", "toward", "towards", "along", "near", "on", "around"),
    "18": FORCE_PLACE_PREPS, "19": FORCE_PLACE_PREPS, "20": FORCE_PLACE_PREPS,
    # an inquiry looks into what happened in a place (a pullback from a place is not aimed at its country
    # in the gold sets: "pulled out of Jenin", "abandoned Kherson" have no target)
    "09": ("in", "inside", "at"),
}
# assaults and mass violence in the doer's own country fall on its civilians ("the army shelled Douma",
# "militias massacred hundreds in El Geneina"); fighting there (19) is against some armed side, unnamed
HOME_VICTIMS = {"18": "CVL", "20": "CVL"}
# roots whose place may sit deep inside what is acted on: "probing war crimes in Darfur", "scrutinising
# traces of uranium found at sites in Iran", "an inquiry into the crackdown on protesters in Iran"
DEEP_PLACE_ROOTS = {"09"}
# ... and on an event noun ("the Israeli raid on Jenin", "the annexation of Crimea")
NOUN_PLACE_TARGET_PREPS = {"18": NOUN_PLACE_PREPS, "19": NOUN_PLACE_PREPS, "20": NOUN_PLACE_PREPS}
# force, whose capital target is a place it lands in: see _capital_as_place (aid "to Kyiv" and envoys
# recalled "from Ankara" are coded either way in the dev gold, so they keep the resolver's government)
CAPITAL_AS_PLACE_ROOTS = {"18", "19", "20"}
# role codes of a state's own organs: one side with the country itself (see side_of)
STATE_ROLES = {"", "GOV", "MIL", "COP", "SPY", "DIP", "LEG", "JUD"}
# a frontier names the country on its far side: "along Ukraine's border", "the border with Guyana",
# "on the Belarusian border"
BORDER_NOUNS = {"border", "frontier", "borderline", "boundary"}
# "Tens of thousands marched through Tbilisi against the bill": a protest by a country's own people that
# names no target is aimed at their government (dev gold: 49 such events to 9 left without a target)
PROTEST_ROOT = "14"
PROTESTER_ROLES = {"CVL", "OPP", "LAB", "EDU"}
GOVERNMENT_ROLE = "GOV"
# ... but a strike over pay is a dispute with employers ("dock workers downed tools over pay")
LABOUR_GRIEVANCES = {"pay", "wage", "salary", "bonus", "overtime"}
# lower-case words before a place name that do not change its country ("northwest Syria", "southern Turkey")
COMPASS_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                 "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
                 "southwestern", "central"}


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
        # triggers of the last sentence left uncoded for want of a doer, for error analysis
        self.dropped: list[tuple[Token, str]] = []
        # prefilter: which tokens could match at all (see _trigger_mask); per-string answers are memoised
        self._trigger_words = _trigger_words(lexicon)
        self._word_ok: dict[int, bool] = {}
        self._mask_doc: Any = None
        self._mask: list[bool] = []

    def _stock_matchers(self) -> bool:
        """Are match_verb and match_noun this class's own? Only then does the word prefilter hold."""
        own = self.__dict__
        cls = type(self)
        return "match_verb" not in own and "match_noun" not in own and cls.match_verb is Coder.match_verb \
            and cls.match_noun is Coder.match_noun

    def _trigger_mask(self, doc: Any) -> list[bool] | None:
        """Per token of `doc`: might its lower form or lemma start a trigger? A token for which this is
        False is one match_verb, _intent_frame and match_noun all reject, so skipping it saves their
        attribute look-ups without changing what is coded. None (check every token) with a fallback or
        with match_verb / match_noun replaced (a subclass or a patched instance may match other words)."""
        # a fallback that names the tags it codes (events.learned) keeps the prefilter: those tags pass too
        tags = self.similar.candidate_pos() if hasattr(self.similar, "candidate_pos") else None
        if (self.similar is not None and tags is None) or not self._stock_matchers():
            return None
        if doc is not self._mask_doc or len(self._mask) != len(doc):
            strings, known, ok = doc.vocab.strings, self._trigger_words, self._word_ok
            open_tags = {POS_IDS[t] for t in tags or ()}
            mask = []
            for lower, lemma, pos in doc.to_array([LOWER, LEMMA, POS]).tolist():
                for h in (lower, lemma):
                    if h not in ok:
                        ok[h] = strings[h].lower() in known
                mask.append(ok[lower] or ok[lemma] or pos in open_tags)
            self._mask_doc, self._mask = doc, mask
        return self._mask

    # -- trigger matching ------------------------------------------------
    def match_verb(self, tok: Token) -> VerbPattern | None:
        if tok.pos_ != "VERB" and not _headline_verb(tok):
            return None
        lemma = lemma_of(tok)
        prefix = _hyphen_prefix(tok)
        if prefix is not None:
            whole = f"{prefix.lower_}-{lemma_of(tok).lower()}"
            if self.lex.verb_patterns(whole):
                lemma = whole
            elif prefix.lower_ not in SAME_VERB_PREFIXES:
                return None  # "test-fired": another verb than "fired"
        if lemma.lower() in PLACE_OBJECT_CODES and any(
                c.dep_ == "dobj" and self._is_place(c) for c in tok.children):
            return VerbPattern(PLACE_OBJECT_CODES[lemma.lower()], lemma, objects=frozenset({"<place>"}))
        for pat in self.lex.verb_patterns(lemma):
            particle = _particle(tok, pat) if pat.particle else None
            if pat.particle and particle is None:
                continue
            if pat.prep_objects is not None:
                if not _prep_nouns(tok, pat.prep, pat.prep_objects):
                    continue  # "took to the streets", "put its forces on high alert"
            elif pat.prep and not any(
                c.dep_ in ("prep", "agent", "dative") and c.lower_ == pat.prep
                and any(p.i in self._actor_at or p.ent_type_ in PLACE_LABELS or any(
                    cc.i in self._actor_at for cc in p.children) for p in _pobjs(c))
                for c in tok.children
            ):
                continue  # "came to Ankara" is a visit, "came to war" is not
            if pat.objects is not None:
                # ("give inspectors access": the indirect object may be the one the pattern names)
                objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")
                        or (c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN"))]
                if particle is not None and particle.dep_ == "prep":
                    objs += _pobjs(particle)  # "walked off the job": the parser took the particle for a preposition
                objs += [cc for o in objs for cc in o.conjuncts]
                objs += _of_wholes(objs, _quantity)
                # "declined to comment": an infinitive the pattern names stands where its object would
                objs += [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                         and pat.objects and lemma_of(c).lower() in pat.objects]
                if not objs:
                    continue
                if "@" in pat.objects:
                    if not any(o.i in self._actor_at and self._actor_at[o.i].kind in ("person", "country", "capital")
                               for o in objs) or any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
                        continue
                elif pat.objects and not any(_names_object(o, pat.objects) for o in objs):
                    continue
            return None if pat.code == NOT_AN_EVENT or _inert_subject(tok) else pat
        return self.similar.verb_pattern(tok, self._actor_at) if self.similar else None

    def _told(self, tok: Token) -> VerbPattern | None:
        """"told Israel to allow", "were told by the army to move south": a demand (100) on the one told,
        which must be an actor, refined by the act when that is a trigger."""
        if tok.pos_ != "VERB" or lemma_of(tok).lower() not in TELLING_VERBS:
            return None
        kids = list(tok.children)
        if not any(c.dep_ == "xcomp" and c.pos_ == "VERB" and _infinitive(c) for c in kids):
            return None
        told = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
        if not any(self.actor(c, self._actor_at) is not None for c in told):
            return None
        return VerbPattern(DEMAND_CODE, lemma_of(tok).lower(), order=-3)

    def _is_place(self, tok: Token) -> bool:
        """A named place: a place entity, or a proper noun the gazetteer knows and the resolver left alone."""
        a = self._actor_at.get(tok.i)
        if a is not None:
            return a.kind == "capital"
        if tok.ent_type_ in PLACE_LABELS:
            return True
        return tok.pos_ == "PROPN" and not tok.ent_type_ and geocode(_entity_span(tok)) is not None

    def match_noun(self, tok: Token) -> tuple[NounPattern, int] | None:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        pats = self.lex.noun_patterns(tok.lower_) + self.lex.noun_patterns(lemma_of(tok))
        doc = tok.doc
        for pat in pats:
            n = len(pat.words)
            first = tok.i - n + 1
            if first < 0 or any(doc[k].is_sent_start for k in range(first + 1, tok.i + 1)):
                continue
            words = doc[first : tok.i + 1]
            if all(w.lower_ == p or lemma_of(w).lower() == p for w, p in zip(words, pat.words)):
                return None if pat.code == NOT_AN_EVENT else (pat, first)
        return self.similar.noun_pattern(tok, self._actor_at) if self.similar else None

    # -- main entry ---------------------------------------------------------
    def code_sentence(self, sent: Span, actor_at: dict[int, ActorMention], attribution: Any = None) -> list[CodedEvent]:
        """Events of one sentence; `attribution` (ingest.attribution.Attribution) marks claims made by others."""
        self._actor_at = actor_at
        self.dropped = []
        triggers: list[tuple[Token, str, object, int]] = []
        doc = sent.doc
        mask = self._trigger_mask(doc)
        for i in range(sent.start, sent.end):
            if mask is not None and not mask[i]:
                continue
            tok = doc[i]
            if tok.i in actor_at and actor_at[tok.i].kind not in ("role",):
                continue
            vp = _silence(tok) or self.match_verb(tok) or _intent_frame(tok) or _stance(tok) or self._told(tok)
            if vp is not None:
                triggers.append((tok, vp.code, vp, tok.i))
                continue
            np_ = self.match_noun(tok)
            if np_ is not None:
                triggers.append((tok, np_[0].code, np_[0], np_[1]))
        veto = getattr(self.similar, "veto", None)  # a learned fallback may also drop unlikely lexicon triggers
        if veto is not None:
            triggers = [tr for tr in triggers if not veto(tr[0], tr[2], actor_at)]
        if not triggers:
            return []
        triggers = self._light_verbs(triggers)
        triggers = _force_subjects(triggers)
        # "declined to say", "would not comment on reports that ...": the withheld act, and what it would have
        # said, are part of the silence, not events of their own
        withheld = {k.i for t, _, pat, _ in triggers if isinstance(pat, SilencePattern)
                    for c in (_withheld(t) or [t]) for k in c.subtree if k.i != t.i}
        triggers = [tr for tr in triggers if tr[0].i not in withheld]
        trig_tokens = {t.i: code for t, code, _, _ in triggers}
        # an intent frame without a coded act is not an event ("is ready to talk about the weather")
        triggers = [tr for tr in triggers if not _is_frame(tr[2]) or _complement_trigger(tr[0], trig_tokens)
                    or any(_carries_trigger(c, trig_tokens) for c in _frame_objects(tr[0]))]
        trig_tokens = {t.i: code for t, code, _, _ in triggers}
        governors = {t.i: self._governor(t, trig_tokens) for t, _, _, _ in triggers}
        wanted: dict[int, list[str]] = {}  # governor -> the codes of the events it embeds
        for t, code, _, _ in triggers:
            gov = governors[t.i]
            if gov is not None:
                wanted.setdefault(gov.i, []).append(code)
        twins = self._purpose_twins(triggers, trig_tokens)
        triggers = [tr for tr in triggers if tr[0].i not in twins]
        s_cues = mod.sentence_cues(list(sent))
        events: list[CodedEvent] = []
        for tok, code, pat, first in triggers:
            if governors[tok.i] is not None:
                continue  # the complement of another trigger that already carries the event
            if tok.i in wanted and not getattr(pat, "objects", None):
                code = _complement_code(code, wanted[tok.i])
            if isinstance(pat, VerbPattern):
                # "refused to meet": the governor is a modality cue for its complement, not an event itself
                if lemma_of(tok) in mod.GOVERNORS["negated"] | mod.GOVERNORS["planned"] \
                        and _complement_trigger(tok, trig_tokens) and code[:2] not in EMBEDDING_ROOTS:
                    continue
                if _consented(tok, trig_tokens) is not None:
                    continue  # "agreed to pause": the pause is the event
                if _casualty(tok, trig_tokens):
                    continue  # "an air strike killed ten": the toll of an attack coded on its own
                sources, targets = self._verb_roles(tok, pat, actor_at)
            else:
                if tok.head.i in trig_tokens and tok.head.i != tok.i and tok.dep_ in ("dobj", "nsubjpass", "attr") \
                        and not self._possessed_act(tok, first, trig_tokens.get(tok.head.i, "")):
                    continue  # the governing verb trigger already codes it ("held talks", "imposed sanctions")
                if tok.dep_ == "compound" and tok.head.i in trig_tokens:
                    continue
                if self._idiom_noun(tok, triggers):
                    continue  # "put its forces on high alert": the verb's idiom already codes it
                if _statistic(tok):
                    continue
                if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "by") and tok.head.head.i in trig_tokens \
                        and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.head.children):
                    continue  # the instrument of a coded passive event ("killed in an air strike")
                sources, targets = self._noun_roles(tok, pat, actor_at, first)
            sources = [s for s in sources if s is not None]
            if isinstance(pat, NounPattern) and _named_reference(tok, code, sources):
                sources = []  # "after the Pretoria agreement": a known event named by its venue, not news
            claimant: list | None = None
            if not sources and isinstance(pat, NounPattern) and code[:2] in BLAMED_ROOTS:
                sources, claimant = self._accountable(tok, actor_at)
            sources, targets, mutual = self._parties(tok, code, _dedupe(sources), _dedupe(targets), actor_at)
            if not sources:
                # "X was killed / detained": the doer is unknown but the act and its target are real
                if not (targets and (self._unknown_doer(tok, pat) and code[:2] in UNKNOWN_DOER_ROOTS
                                     or self._patient_subject(tok, pat, actor_at))):
                    self.dropped.append((tok, code))
                    continue
                sources = [None]
            modality = mod.detect(tok, s_cues)
            if isinstance(pat, StancePattern) and pat.flipped and modality.value == "negated":
                modality = mod.Modality("asserted")  # "not optimistic": the negation made it 012
            attributed = None
            in_attr = attribution is not None and attribution.start <= tok.idx - sent.start_char < attribution.end
            # (the reports one declines to comment on do not make the silence reported)
            after = isinstance(pat, SilencePattern) and attribution is not None \
                and attribution.start > tok.idx - sent.start_char
            if attribution is not None and not in_attr and modality.value == "asserted" and not after \
                    and (attribution.cue in SENTENCE_WIDE_CUES or _closes(attribution, sent, tok)):
                modality = mod.Modality("reported", attribution.cue, None)
            if modality.value == "reported":
                attributed = self._reporter(modality.governor, actor_at) or self._attribution_actor(
                    sent, attribution, actor_at)
            if claimant is not None and modality.value != "negated":
                modality, attributed = self._claimed(claimant, sources, actor_at)
            location = self._location(tok, actor_at)
            srcs = _dedupe(sources)
            tgts_all = _dedupe([t for t in targets if t is not None])
            jointly = len(srcs) > 1 or any(c.lower_ == "joint" for c in tok.children) or any(
                c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
            if getattr(pat, "partnered", None) and jointly and code not in JOINT_INTENT_CODES:
                code = pat.partnered
            code = _weapon_code(tok, code)
            if isinstance(pat, NounPattern):
                code = _contact_code(tok, code)
            # two named sides act on each other; three or more with no dyad keep a null target
            reciprocal = len(srcs) == 2 and (mutual or self._reciprocal(tok, code, tgts_all) or (
                _jointly_consented(tok) and all(_is_own(t, _own_codes(srcs)) for t in tgts_all)))
            if sources == [None]:
                srcs = [None]
            if (code[:2] in MILITARY_ROOTS and claimant is None) or lemma_of(tok).lower() in MILITARY_NOUNS:
                # "Iran launched drones at Israel": force is used by the country's military (but one
                # blamed for an attack is named as the claimant names it: "blamed Israel for the attack")
                srcs = [_as_military(a) if a is not None else a for a in srcs]
            if lemma_of(tok).lower() in MILITARY_NOUNS:
                tgts_all = [_as_military(a) for a in tgts_all]  # "joint drills with Belarus": its army too
            if code[:2] in OWN_FORCE_ROOTS:
                own = _own_codes(srcs)
                tgts_all = [t for t in tgts_all if not (t.role in FORCE_ROLES and _is_own(t, own))]
            if tgts_all and srcs and srcs[0] is not None:
                tgts_all = self._foreign_targets(tok, srcs[0], tgts_all, actor_at)
            if not tgts_all and code[:2] in BENEFIT_ROOTS and isinstance(pat, NounPattern):
                tgts_all = _dedupe(self._beneficiaries(tok, actor_at) or self._beneficiaries(_clause_of(tok), actor_at))
            if not tgts_all and code[:2] == "04" and srcs and srcs[0] is not None:
                tgts_all = self._destination(tok, srcs[0])
            if not tgts_all and code[:2] in PLACE_TARGET_PREPS and srcs and srcs[0] is not None and not reciprocal:
                tgts_all = self._landing_place(tok, code, srcs[0])
            if not tgts_all and code[:2] == PROTEST_ROOT and len(srcs) == 1 and srcs[0] is not None:
                tgts_all = _protested_government(srcs[0], sent, actor_at)
            if code[:2] in CAPITAL_AS_PLACE_ROOTS:
                tgts_all = _dedupe([_capital_as_place(t) for t in tgts_all])
            for src in srcs:
                if src is None:
                    tgts = tgts_all[:1] or [None]
                elif reciprocal:
                    tgts = [o for o in srcs if o.code != src.code] or [None]
                else:
                    tgts = [t for t in tgts_all if t.code != src.code] or [None]
                # an actor announcing its own act is reported too ("the ministry said its jets struck"),
                # as gold/events/README.md has it: on dev..dev7 that beat coding self-reports as asserted
                value, by = modality.value, attributed
                for tgt in tgts:
                    conf = (src.confidence if src else 0.5) * (tgt.confidence if tgt else 0.8)
                    events.append(CodedEvent(tok, sent.doc[first : tok.i + 1].text if first < tok.i else tok.text,
                                             code, src, tgt, value, by, location, round(conf, 3),
                                             {"modality_cue": modality.cue}))
        return _guest_visits(_group_hosted([_hosted(e) for e in events]))

    def _possessed_act(self, noun: Token, first: int, verb_code: str = "") -> bool:
        """Is an event-noun object another party's own act ("slammed Azerbaijan's blockade", "brushed aside
        Moscow's call", "decried the Israeli raid")? Then it is an event beside the verb's. A light verb's
        object is its own act; only a judging verb lets an adjective or compound name the act's doer."""
        verb = noun.head
        if lemma_of(verb) in LIGHT_VERBS or noun.dep_ != "dobj" or verb_code[:2] in EMBEDDING_ROOTS:
            return False  # (what is demanded, urged or threatened is not yet anyone's act)
        doers = {a.code for a in self._all(_subjects(verb), self._actor_at) if a is not None}
        if not doers:
            return False
        deps = JUDGED_OWNER_DEPS if verb_code[:2] in JUDGING_ROOTS else OWNER_DEPS
        owners = [self.actor(c, self._actor_at) for c in noun.children if c.dep_ in deps and c.i < first]
        return any(a is not None and a.code not in doers for a in owners)

    def _idiom_noun(self, noun: Token, triggers: list) -> bool:
        """Is the noun the fixed prepositional part of a verb idiom that was matched ("on hold", "into custody")?"""
        for tok, _, pat, _ in triggers:
            if isinstance(pat, VerbPattern) and pat.prep_objects is not None and tok.i != noun.i \
                    and any(p.i == noun.i or noun.head.i == p.i for p in _prep_nouns(tok, pat.prep, pat.prep_objects)):
                return True
        return False

    def _accountable(self, noun: Token, actor_at: dict[int, ActorMention]) -> tuple[list, list | None]:
        """Doers of an event noun named by whoever blames them, and that claimant's tokens.

        "blamed Israel for a blackout", "said Russia was responsible for the attack", "claimed
        responsibility for the bombing", "an attack that officials attributed to Israel". A
        negated claim ("did not claim responsibility") names no doer. Returns ([], None) otherwise.
        """
        doers: list[Token] = []
        claimant: list[Token] = []
        head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else None
        if head is not None and lemma_of(head) in BLAME_VERBS and head.pos_ == "VERB":
            passive = any(c.dep_ == "nsubjpass" for c in head.children)
            doers = [c for c in head.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
            claimant = [p for c in head.children if c.dep_ == "agent" for p in _pobjs(c)] if passive \
                else _subjects(head)
            clause = head
        elif head is not None and head.lower_ in RESPONSIBLE_WORDS:
            clause = head.head
            if head.dep_ in ("oprd", "ccomp", "xcomp") and lemma_of(clause) == "hold":
                doers = [c for c in clause.children if c.dep_ == "dobj"]
                claimant = _subjects(clause)
            elif head.dep_ == "acomp":
                doers = _subjects(clause)
                claimant = self._saying(clause)
        elif head is not None and lemma_of(head) in RESPONSIBILITY_NOUNS and head.dep_ == "dobj":
            clause = head.head
            doers = claimant = _subjects(clause)
        else:
            clause = noun
            for r in noun.children:
                if r.dep_ in ("relcl", "acl") and lemma_of(r) in ASCRIBE_VERBS:
                    doers = [p for c in r.children if c.dep_ == "prep" and c.lower_ == ASCRIBE_VERBS[lemma_of(r)]
                             for p in _pobjs(c)]
                    claimant = _subjects(r)
                    clause = r
        found = [a for a in self._all(_with_conj(doers), actor_at) if a is not None]
        if not found or any(c.dep_ == "neg" for c in clause.children):
            return [], None
        return found, claimant

    def _saying(self, clause: Token) -> list[Token]:
        """The subject of the reporting verb a clause is the complement of ("May said Russia was ...")."""
        node, hops = clause, 0
        while node.dep_ in ("ccomp", "conj") and hops < 3:
            node, hops = node.head, hops + 1
            if lemma_of(node) in mod.GOVERNORS["reported"]:
                return _subjects(node)
        return []

    def _claimed(self, claimant: list[Token], doers: list, actor_at: dict[int, ActorMention]
                 ) -> tuple[mod.Modality, str | None]:
        """An act someone is blamed for is reported by the blamer; one's own claim is asserted."""
        said = [a for a in self._all(_with_conj(claimant), actor_at) if a is not None]
        who = said[0].code if said else (claimant[0].text if claimant and claimant[0].pos_ != "PRON" else None)
        if who is None or any(a.code == who for a in doers if a is not None):
            return mod.Modality("asserted"), None
        return mod.Modality("reported", "blame"), who

    def _unknown_doer(self, tok: Token, pat: VerbPattern | NounPattern) -> bool:
        """May the act be coded with a null source? Only when its doer is left unnamed, not unresolved.

        A passive without an agent ("was assassinated") or an unnamed attacker
        ("a gunman attacked the embassy"); never when a pronoun or a named thing
        stands there. Event nouns with no doer stay dropped: measured on dev,
        "the killing of X" in background clauses costs more precision than it adds.
        """
        if isinstance(pat, NounPattern):
            return False
        if any(c.dep_ == "auxpass" for c in tok.children):
            return True
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        return bool(subj) and all(s.pos_ == "NOUN" and not s.ent_type_ and lemma_of(s).lower() in UNNAMED_ATTACKERS
                                  for s in subj)

    def _patient_subject(self, tok: Token, pat: VerbPattern | NounPattern,
                         actor_at: dict[int, ActorMention]) -> bool:
        """Is `tok` an agentless passive whose subject is the actor acted on? "The ambassador was
        summoned": the pattern's object slot is filled by the passive subject, so the act is real and
        only its doer is left unsaid (source null). Not for patterns that need a preposition
        ("ruled >against"), whose passive subject is no object."""
        if not isinstance(pat, VerbPattern) or pat.prep is not None or pat.prep_objects is not None \
                or pat.code[:2] in MEANS_SUBJECT_ROOTS:
            return False
        kids = list(tok.children)
        if not any(c.dep_ == "auxpass" for c in kids) or any(c.dep_ == "agent" for c in kids):
            return False
        if any(t.dep_ == "prep" and t.lower_ == "by" and any(p.i in actor_at for p in _pobjs(t)) for t in tok.subtree):
            return False  # a "by" agent the parser hung elsewhere ("designated an organisation by Turkey")
        # the subject itself is an actor ("the ambassador"), not a thing of one ("Iraqi oil exports")
        patients = [actor_at[c.i] for c in kids if c.dep_ == "nsubjpass" and c.i in actor_at]
        if pat.code[:2] in OWN_FORCE_ROOTS:
            patients = [a for a in patients if a.role not in FORCE_ROLES]  # "troops were pulled back"
        return bool(patients)

    def _light_verbs(self, triggers: list) -> list:
        """One event for a light verb and its event-noun object.

        The noun carries the event ("provided military support"), as it reads
        its own doers and partners from its modifiers ("joint exercises", "a
        Russian-brokered deal"). When the verb's pattern names its objects and
        gives another code ("sent ~$aid" 073 beside "aid" 070, "refuse ~extend"),
        that pattern was written for this pairing: the verb is kept instead,
        unless the noun is a multiword pattern of its own ("ground operation").
        """
        nouns = {t.i: code for t, code, pat, _ in triggers if isinstance(pat, NounPattern) and len(pat.words) == 1}
        multi = {t.i for t, _, pat, _ in triggers if isinstance(pat, NounPattern) and len(pat.words) > 1}
        coded = nouns.keys() | multi
        drop: set[int] = set()
        for tok, code, pat, _ in triggers:
            if not isinstance(pat, VerbPattern) or lemma_of(tok) not in LIGHT_VERBS:
                continue
            direct = _direct_objects(tok)
            objs = [c for c in direct if c.i in coded]
            if not objs:
                continue
            guests = direct + ([c for c in tok.children if c.dep_ == "npadvmod"] if _headline_verb(tok) else [])
            if code[:2] == "04" and any(self._actor_at.get(c.i) for c in _with_conj(guests)):
                drop.update(o.i for o in objs)  # "Egypt hosts Hamas, Fatah for talks": the guests make it a visit
                continue
            if pat.objects and all(o.i in nouns and nouns[o.i] != code for o in objs):
                drop.update(o.i for o in objs)
            else:
                drop.add(tok.i)
        return [tr for tr in triggers if tr[0].i not in drop]

    def _purpose_twins(self, triggers: list, trig_tokens: dict[int, str]) -> set[int]:
        """One of each pair "met in Moscow for talks", "arrived in Jeddah for a visit to Saudi Arabia".

        The event noun after "for" repeats its verb's event. The noun is kept
        when it names a target of its own ("a visit to Saudi Arabia"), the verb
        otherwise.
        """
        drop: set[int] = set()
        for tok, code, pat, _ in triggers:
            if not isinstance(pat, NounPattern):
                continue
            purpose = _measured(tok)
            verb = purpose.head.head
            if purpose.dep_ == "pobj" and purpose.head.lower_ == "for" and trig_tokens.get(verb.i, "")[:2] == code[:2]:
                drop.add(verb.i if any(self._prep_targets(tok, self._actor_at)) else tok.i)
        return drop

    def _reciprocal(self, tok: Token, code: str, tgts: list[ActorMention]) -> bool:
        """Do two conjoined doers with no target act on each other ("Oman and Kuwait signed a deal")?"""
        if not tgts and _traded(tok):
            return True
        if tgts or code in MEDIATION_CODES:
            return False
        # "A and B agreed a ceasefire": what two parties agree on, they agree with each other
        if code in RECIPROCAL_CODES or (tok.pos_ == "VERB" and lemma_of(tok).lower() in CONSENT_VERBS):
            return True
        if code[:2] not in RECIPROCAL_ROOTS or code.startswith(ONE_SIDED_CODES):
            return False
        if code[:2] in RECIPROCAL_WITH_OBJECT:
            return True
        # "A and B clashed", but not "A and B took the town" nor "neither A's nor B's jets carried out strikes"
        return tok.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass") and lemma_of(c).lower() not in FIGHT_OBJECTS
                                              for c in tok.children)

    def _parties(self, tok: Token, code: str, srcs: list, tgts: list,
                 actor_at: dict[int, ActorMention]) -> tuple[list, list, bool]:
        """Sources, targets and mutuality once "between A and B" and mediation are taken into account.

        "Qatar's mediation between A and B": A and B are targets. "fighting
        between A and B", "an agreement between A and B was signed": A and B
        are the doers, each acting on the other (mutual).
        """
        between = self._between(tok, actor_at)
        if code in MEDIATION_CODES:
            if not tgts and srcs:
                own = {a.code for a in srcs} | {a.country for a in srcs if a.country}
                parties = between or self._mediated(tok, actor_at)
                tgts = [a for a in parties if a.code not in own and a.country not in own]
            return srcs, tgts, False
        if len(between) < 2:
            return srcs, tgts, False
        codes = {a.code for a in between}
        if srcs and not any(a.code in codes for a in srcs):
            # "Turkey hosted talks between Russia and Ukraine"; "Qatar put its mediation between A and B on hold"
            others = [t for t in tgts if t.code not in {a.code for a in srcs}]
            return srcs, others or between, False
        return between, [], True

    def _between(self, tok: Token, actor_at: dict[int, ActorMention]) -> list[ActorMention]:
        """Actors of "between A and B" on the trigger, on its object, or on the verb an event noun is subject of."""
        heads = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX"):
            heads.append(tok.head)  # "fighting erupted between A and B"
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "between":
                    return _dedupe(self._all(_with_conj(_pobjs(c)), actor_at))
        return []

    def _mediated(self, tok: Token, actor_at: dict[int, ActorMention]) -> list[ActorMention]:
        """The parties a mediator works between when no "between" names them.

        "A and B agreed in a deal brokered by X": the doers of the clause the
        brokered thing belongs to. "X brokered a deal under which A ...", "X
        worked to broker the release of hostages held by A": actors inside the
        mediated thing. Any "between" in the sentence names them first.
        """
        for t in tok.sent:
            if t.dep_ == "prep" and t.lower_ == "between":
                found = _dedupe(self._all(_with_conj(_pobjs(t)), actor_at))
                if found:
                    return found
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            clause = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
            if clause.pos_ in ("VERB", "AUX") and clause is not noun:
                doers = _subjects(clause) + [p for c in clause.children if c.dep_ == "agent" for p in _pobjs(c)]
                found = _dedupe(self._all(_with_conj(doers), actor_at))
                if found:
                    return found
        inner = [t for c in tok.children if c.dep_ in ("dobj", "prep") for t in c.subtree]
        return _dedupe([actor_at[t.i] for t in inner if t.i in actor_at])

    def _own_doer(self, tok: Token, governor: Token) -> bool:
        """Does a participle name a doer of its own ("agreed in a deal brokered by China")?

        Such an event is not the governor's complement even when it sits below it.
        """
        if tok.dep_ not in ("acl", "relcl"):
            return False
        gov = {a.code for a in self._all(_subjects(governor), self._actor_at) if a is not None}
        own = [a for c in tok.children if c.dep_ == "agent" for a in self._all(_pobjs(c), self._actor_at)]
        own += self._all([c for c in tok.children if c.dep_ in SUBJECT_DEPS], self._actor_at)
        return any(a is not None and a.code not in gov for a in own)

    def _governor(self, tok: Token, trig_tokens: dict[int, str]) -> Token | None:
        """The trigger whose complement `tok` is and which carries its event, if any."""
        node, hops = tok, 0
        if tok.dep_ in ("dobj", "nsubjpass") and lemma_of(tok.head) in LIGHT_VERBS and tok.head.i not in trig_tokens:
            node = tok.head  # "threatened to impose sanctions": the light verb stands in the clause
        while node.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "acl") and hops < 3 or _purpose(node):
            head = node.head
            if head.dep_ == "prep" and node.dep_ in ("pcomp", "pobj"):
                head = head.head
            code = trig_tokens.get(head.i)
            if node.dep_ == "advcl":
                # "pleaded with the Houthis to halt": the infinitive is what is asked for; "phoned X to
                # discuss": a purpose of the same kind as its act repeats that act
                same = hops == 0 and code is not None and code[:2] == trig_tokens.get(tok.i, "")[:2]
                wanted = code is not None and code[:2] in EMBEDDING_ROOTS
                return head if head.i != tok.i and (same or wanted) else None
            if node.dep_ == "xcomp" and _consented(head, trig_tokens) is not None:
                return None  # "agreed to pause": the complement is the event, not the agreement
            if code and head.i != tok.i and (code[:2] in EMBEDDING_ROOTS or code in EMBEDDING_CODES):
                if node.dep_ == "pobj" and tok.pos_ in ("NOUN", "PROPN") and code[:2] not in EMBEDDING_ROOTS:
                    return None  # "accused Iran of the attack" still codes the accusation only
                return None if self._own_doer(tok, head) else head
            node, hops = head, hops + 1
        return None

    # -- roles ----------------------------------------------------------------
    def _verb_roles(self, verb: Token, pat: VerbPattern, actor_at: dict[int, ActorMention]) -> tuple[list, list]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive and _is_frame(pat):
            # "the kingdom is poised to invest": a passive frame's subject is the one intending
            sources = self._all(_with_conj([c for c in verb.children if c.dep_ == "nsubjpass"]), actor_at)
            return sources, [t for t in self._complement_targets(verb, sources, actor_at) if t is not None]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "a deal brokered by Russia": the participle is passive, its noun the patient
            sources = [a for c in verb.children if c.dep_ == "agent" for a in self._all(_with_conj(_pobjs(c)), actor_at)]
            targets = [self.actor(verb.head, actor_at)]
            if not any(targets) and (pat.code in MEDIATION_CODES or pat.code[:2] in GATHERING_ROOTS):
                targets = self._clause_parties(verb.head, sources, actor_at)
            return sources, [t for t in targets if t is not None]
        sources: list[ActorMention | None] = []
        targets: list[ActorMention | None] = []
        if passive:
            for c in verb.children:
                if c.dep_ == "agent":
                    sources += self._all(_with_conj(_pobjs(c)), actor_at)
                elif c.dep_ == "nsubjpass":
                    targets += self._all(_with_conj([c]), actor_at)
            if verb.dep_ == "conj" and not any(c.dep_ in ("nsubjpass", "nsubj") for c in verb.children):
                # "flew to Kyiv and was welcomed by Zelensky": the first verb's subject undergoes the second
                targets += self._all(_with_conj([c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]),
                                     actor_at)
            if not any(sources):
                sources += self._instrument_doers(verb, actor_at)
        else:
            subj = _subjects(verb)
            sources += self._all(_with_conj(subj + _companions(verb, subj)), actor_at)
            objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            if _headline_verb(verb):
                objs += [c for c in verb.children if c.dep_ in HEADLINE_OBJECT_DEPS and c.i > verb.i and c not in objs]
            particle = _particle(verb, pat) if pat.particle else None
            if particle is not None and particle.dep_ == "prep":
                objs += _pobjs(particle)  # "stood down its troops"
            if pat.prep and pat.prep_objects is None:
                preps = [c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == pat.prep]
                targets += [a for pr in preps for a in self._all(_with_conj(_pobjs(pr)), actor_at)]
            # "launched drones at Israel": a weapon the resolver read as its side's forces is not the target
            # (a weapon is read as its country's: "Houthi rebels lobbed missiles at a carrier")
            own = _own_country(sources)
            targets += self._all([o for o in _with_conj(objs) if not (
                _weapon(o) and (a := self.actor(o, actor_at)) is not None and _is_own(a, own))], actor_at)
        own_objects: list = []
        if len(doers := {a.code for a in sources if a is not None}) == 1:
            # "threw its support behind X", "moved its tanks toward the border with X": an object that is the
            # doer itself, or its own forces moved about, leaves the target to be found (kept last, for
            # _foreign_targets: "froze its participation in the CSTO")
            own = _own_codes(sources)
            own_objects = [t for t in targets if t is not None and _own_object(t, doers, own, pat.code)]
            targets = [t for t in targets if t is not None and not _own_object(t, doers, own, pat.code)]
        if not any(targets):
            targets += self._prep_targets(verb, actor_at)
        if not any(targets):
            # "imposed sanctions on Turkey", "signed a deal with Russia": the target hangs off the object
            for o in _partitive([c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]):
                targets += self._prep_targets(o, actor_at)
        if not any(targets):
            # "would press ahead with talks with Ankara": the partner hangs off the act the verb goes on with
            acts = [p for c in verb.children if c.dep_ == "prep" and _target_prep(verb, c) for p in _pobjs(c)
                    if p.i not in actor_at and self.match_noun(p) is not None]
            targets += [a for n in acts for a in self._prep_targets(n, actor_at)]
        if not any(targets) and pat.code[:2] in ROOT_TARGET_PREPS:
            targets += self._root_prep_targets(verb, pat.code[:2], actor_at)
        if not any(targets):
            targets += self._object_owners(verb, sources, actor_at)
        if not any(targets):
            targets += self._object_authors(verb, sources, actor_at)
        if not any(targets) and pat.code[:2] in BENEFIT_ROOTS:
            targets += self._beneficiaries(verb, actor_at)
        if not any(targets) and not (len(_dedupe(sources)) > 1 and pat.code[:2] in RECIPROCAL_WITH_OBJECT):
            # (two parties who "agreed that X would ..." act on each other, not on X)
            targets += self._complement_targets(verb, sources, actor_at, pat.code)
        if not any(targets) and not passive:
            targets += self._cause_doers(verb, sources, actor_at)
        if not any(targets):
            targets += self._condition_targets(verb, pat.code, sources, actor_at)
        if not any(targets) and pat.code[:2] in DEMAND_ROOTS:
            targets += self._demanded_parties(verb, sources, actor_at)
        if not any(targets) and not passive:
            targets += self._result_targets(verb, sources, actor_at, pat.code)
        if not any(targets) and not passive:
            targets += self._sibling_targets(verb, sources, actor_at)
        if not any(targets) and pat.code[:2] in STANCE_ROOTS:
            targets += self._deep_targets(verb, sources, actor_at)
        if not any(targets):
            targets += self._called(verb, sources, actor_at)
        if not any(targets) and _is_frame(pat):
            # "open to talks with Pakistan": the partner of the act the doer is open to
            own = _own_codes(sources)
            targets += [a for o in _frame_objects(verb) for a in self._prep_targets(o, actor_at)
                        if a is not None and not _is_own(a, own)]
        return sources, [t for t in targets if t is not None] or own_objects

    def _called(self, verb: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """"telephoned Putin to offer his condolences", "visited Erdogan to discuss trade": the purpose of a
        call or a visit is aimed at the one called on."""
        if verb.dep_ not in ("xcomp", "advcl") or lemma_of(verb.head).lower() not in CONTACT_PURPOSE_VERBS:
            return []
        own = _own_codes(sources)
        called = [c for c in verb.head.children if c.dep_ == "dobj"]
        return [a for a in self._all(_with_conj(called), actor_at) if a is not None and not _is_own(a, own)]

    def _clause_parties(self, noun: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """The doers of the clause a brokered deal or hosted meeting sits in, who are the ones brought
        together: "agreed to normalise relations in a deal brokered by the US", "met in Antalya in talks
        hosted by Turkey", "began evacuating under a deal brokered by Russia"."""
        clause = noun
        for _ in range(2):  # "agreed to normalise relations in a deal brokered by X": through "relations"
            if clause.dep_ == "pobj" and clause.head.dep_ == "prep":
                clause = clause.head.head
            elif clause.dep_ == "dobj":
                clause = clause.head
            else:
                return []
            if clause.pos_ in ("VERB", "AUX"):
                break
        if clause.pos_ not in ("VERB", "AUX"):
            return []
        own = _own_codes(sources)
        return [a for a in self._all(_with_conj(_subjects(clause)), actor_at) if a is not None and not _is_own(a, own)]

    def _deep_targets(self, verb: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """The nearest other-side actor inside what a stance is taken on, however deep: "dug in its heels over
        Sweden's NATO bid", "sprang to the defence of Iran", "raised the spectre of sanctions on Ankara".
        Only noun phrases are searched (the object and the prepositional phrases), never a clause, and
        the nearest level wins, so a place or party mentioned further down does not outrank it."""
        own = _own_country(sources)  # ("denied any knowledge of the journalist's fate": its own citizen)
        level = [c for c in verb.children if c.dep_ == "dobj"]
        level += [p for c in verb.children if c.dep_ == "prep" and c.lower_ not in PLACE_ONLY_PREPS for p in _pobjs(c)]
        for _ in range(STANCE_DEPTH):
            found = [a for a in self._all(level, actor_at) if a is not None and not _is_own(a, own)]
            if found or not level:
                return _dedupe(found)
            # (what a report or a decision is about is not aimed at: "dismissed the reports of a Swedish plot")
            level = [p for n in level if lemma_of(n).lower() not in AUTHORED_HEADS for c in n.children
                     if c.dep_ == "prep" and c.lower_ not in PLACE_ONLY_PREPS for p in _pobjs(c)]
        return []

    def _root_prep_targets(self, verb: Token, root: str, actor_at: dict[int, ActorMention]) -> list:
        """Actors after the prepositions ROOT_TARGET_PREPS gives the root, on the verb or its object."""
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        pobjs = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ROOT_TARGET_PREPS[root]
                 for p in _pobjs(c)]
        return self._all(_with_conj(pobjs), actor_at)

    def _object_owners(self, verb: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """Whose thing the act is done to: "froze the assets of Russian oligarchs", "raided the homes of
        Palestinian activists", "struck a convoy of the SDF". Only another side than the doers', and
        not what a report or an act is about ("dismissed the reports of a Swedish plot")."""
        own = _own_country(sources)
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in actor_at
                and lemma_of(c).lower() not in AUTHORED_HEADS]
        owners = [p for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)
                  if self.match_noun(p) is None]
        # "targeting ships linked to Israel", "seized tankers owned by Iranian firms": a participle ties the
        # object to its owner
        owners += [p for o in objs for acl in o.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                   and (prep := OWNING_PARTICIPLES.get(lemma_of(acl).lower())) is not None
                   for c in acl.children if c.dep_ in ("prep", "agent") and c.lower_ == prep for p in _pobjs(c)]
        # (the doers' own side is left out: "denied any knowledge of the journalist's fate" is aimed at no one,
        # which in dev outweighs the rarer "froze the assets of its own dissidents")
        return [a for a in self._all(_with_conj(owners), actor_at) if a is not None and not _is_own(a, own)]

    def _object_authors(self, verb: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """Who made what the act answers: "spurned an offer of talks from Seoul", "turned down a request by
        the envoy", "decried the executions carried out by X". The author's "by" or "from" may hang off the
        object, off a noun it governs through "of" or "for", or be the agent of a participle on the object."""
        own = _own_codes(sources)
        nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in actor_at]
        nouns += [p for n in list(nouns) for c in n.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                  for p in _pobjs(c) if p.i not in actor_at]
        authors = [p for n in nouns for c in n.children if c.dep_ in ("prep", "agent") and c.lower_ in AUTHOR_PREPS
                   for p in _pobjs(c)]
        authors += [p for n in nouns for acl in n.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                    for c in acl.children if c.dep_ == "agent" for p in _pobjs(c)]
        return [a for a in self._all(_with_conj(authors), actor_at) if a is not None and not _is_own(a, own)]

    def _instrument_doers(self, verb: Token, actor_at: dict[int, ActorMention]) -> list:
        """Doers of a passive act named on its instrument.

        "was killed in an Israeli air strike": the strike's side, and as a
        strike is military force, its military. "was hit by a missile fired by
        Israel": the doer of the participle on the agent noun.
        """
        out: list = []
        for c in verb.children:
            if c.dep_ not in ("prep", "agent") or c.lower_ not in ("in", "during", "by"):
                continue
            for p in _pobjs(c):
                m = self.match_noun(p)
                if m is not None:
                    a = self.actor(p, actor_at)
                    out.append(_as_military(a) if a is not None and m[0].code[:2] in MILITARY_ROOTS else a)
                for acl in p.children:
                    if acl.dep_ == "acl" and acl.tag_ == "VBN":
                        agents = [p for g in acl.children if g.dep_ == "agent" for p in _pobjs(g)]
                        out += self._all(_with_conj(agents), actor_at)
        return out

    def _prep_targets(self, head: Token, actor_at: dict[int, ActorMention], skip: Token | None = None) -> list:
        """Actors in the target-bearing prepositions of `head` ("against X", "on X", "with X").

        An absolute clause is not a target ("criticised it, with Israel's
        minister telling Erdogan ..."), nor is the preposition holding the
        trigger itself (`skip`).
        """
        out: list = []
        for c in _preps(head):
            if c.dep_ not in ("prep", "dative", "conj") or not _target_prep(head, c) or c is skip:
                continue
            pobjs = [p for p in _pobjs(c) if not (c.lower_ == "with" and _absolute(p))]
            out += self._all(_with_conj(pobjs), actor_at)
        return out

    def _complement_targets(self, verb: Token, sources: list, actor_at: dict[int, ActorMention],
                            code: str = "") -> list:
        """Targets named inside a complement clause.

        "urged Iran to ...": the complement's own subject. When that subject is
        the doer itself or absent, the complement's object or prepositional
        target: "warned that Moscow could retaliate against Ankara", "pledged to
        send supplies to Iran".
        """
        # ("brushed aside calls to reopen girls' schools": a refusal is not aimed at the refuser's own people)
        own = _own_side(code, sources)
        level = _complements(verb)
        # "pledged to help rebuild Ukraine's grid", "committed to supplying Minsk": a complement with no
        # target of its own passes the search on to the complement it embeds, a few levels down
        for _ in range(COMPLEMENT_DEPTH):
            out: list[ActorMention] = []
            for c in level:
                subj = [a for a in self._all([s for s in c.children if s.dep_ in SUBJECT_DEPS], actor_at)
                        if a is not None]
                foreign = [a for a in subj if not _is_own(a, own)]
                out += foreign or [a for a in self._inner_targets(c, actor_at) if not _is_own(a, own)]
            if out or not level:
                return out
            level = [n for c in level if not any(s.dep_ in SUBJECT_DEPS for s in c.children)
                     for n in _complements(c)]
        return []

    def _cause_doers(self, verb: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """A reaction aimed at the doer of the act it answers.

        "vowed revenge for the assassination of Soleimani by the US": the US.
        "protested over Israel's raid": Israel.
        """
        own = _own_codes(sources)
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        for h in heads:
            for c in h.children:
                if c.dep_ != "prep" or c.lower_ not in ("for", "over"):
                    continue
                for p in _pobjs(c):
                    m = self.match_noun(p)
                    if m is None:
                        continue
                    doers = [a for a in self._noun_roles(p, m[0], actor_at, m[1])[0] if a is not None]
                    found = [a for a in doers if not _is_own(a, own)]
                    if found:
                        return found
        return []

    def _condition_targets(self, verb: Token, code: str, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """Who a threat or a show of force answers, named in a condition or a time clause on the act or on
        what it embeds: "warned of countermeasures if Taiwan's vice president transited", "threatened to
        march on Moscow unless the minister was removed", "scrambled jets after Chinese bombers flew near"."""
        marks = CONDITION_MARKS.get(code[:2])
        if not marks:
            return []
        own = _own_codes(sources)
        clauses = [verb] + _complements(verb)
        clauses += [n for c in clauses[1:] for n in _complements(c)]
        found = [a for c in clauses for adv in c.children if adv.dep_ == "advcl"
                 and any(m.dep_ == "mark" and m.lower_ in marks for m in adv.children)
                 for a in self._all(_with_conj([s for s in adv.children if s.dep_ in ("nsubj", "nsubjpass")]),
                                    actor_at)]
        return [a for a in found if a is not None and not _is_own(a, own)]

    def _demanded_parties(self, verb: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """Who must act on what is asked for: "insisted on the departure of French troops", "pushing for the
        return of the marbles from Britain", "renewed its request for missiles from Washington". The one
        asked ("from") comes first, else the owner of the thing to be moved ("of")."""
        own = _own_country(sources)  # ("the return of Ukrainian children": its own people are not asked)
        nouns = [c for c in verb.children if c.dep_ == "dobj" and c.i not in actor_at]
        # (weapons asked for may be read as the asker's own forces: "its request for missiles from Washington")
        nouns += [p for h in [verb] + nouns for c in h.children if c.dep_ == "prep" and c.lower_ in DEMANDED_PREPS
                  for p in _pobjs(c) if p.i not in actor_at or _weapon(p)]
        for prep in ("from", "of"):
            found = [a for a in self._all(_with_conj([p for n in nouns for c in n.children
                                                      if c.dep_ == "prep" and c.lower_ == prep for p in _pobjs(c)]),
                                          actor_at) if a is not None and not _is_own(a, own)]
            if found:
                return found
        return []

    def _result_targets(self, verb: Token, sources: list, actor_at: dict[int, ActorMention], code: str = "") -> list:
        """Who an act reaches, named in the purpose or result clause of the same doer: "opened the crossing
        to let wounded Palestinians out", "sealed off the corridor, cutting Karabakh's Armenians off",
        "slammed into a block, killing dozens of residents". Only a clause with no subject of its own."""
        own = _own_side(code, sources)
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB"
                   and not any(k.dep_ in SUBJECT_DEPS + ("mark",) for k in c.children)]
        objs = [o for c in clauses for o in c.children if o.dep_ == "dobj"]
        objs += _of_wholes(objs, lambda o: o.i not in actor_at and _quantity(o))
        return [a for a in self._all(_with_conj(objs), actor_at) if a is not None and not _is_own(a, own)]

    def _beneficiaries(self, verb: Token, actor_at: dict[int, ActorMention]) -> list:
        """Who aid is set aside for: "earmarked 2.7 billion euros in military assistance for Ukraine".

        The "for" phrase may hang off the verb, its object, or a noun nested in the object, so the
        object's whole subtree is searched (never the subject's).
        """
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "prep", "npadvmod")]
        heads = [verb] + [t for o in objs for t in o.subtree]
        preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in BENEFIT_PREPS]
        return [a for pr in preps for a in self._all(_with_conj(_pobjs(pr)), actor_at) if a is not None]

    def _sibling_targets(self, verb: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """A coordinated verb without a subject of its own acts on its sibling's target.

        "branded the Netherlands fascists and threatened to retaliate": the
        threat is aimed at the Netherlands too.
        """
        # ("raided the homes of activists and arrested five": a bare count is no object of its own)
        counted = {c.i for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NUM" and c.i not in actor_at}
        if any(c.dep_ in ("dobj", "dative") and c.i not in counted for c in verb.children) or any(
                c.dep_ == "prep" and c.lower_ in TARGET_PREPS for c in verb.children):
            return []  # it has an object of its own
        has_subject = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        siblings = [verb.head] if verb.dep_ == "conj" and not has_subject else []
        # "summoned and rebuked the envoy": the first verb's subject is shared by a later verb with none of its
        # own, and so is that verb's object
        siblings += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                     and (not has_subject or not any(k.dep_ in SUBJECT_DEPS for k in c.children))]
        own = _own_codes(sources)
        for sib in siblings:
            if sib.pos_ != "VERB" or any(c.dep_ in ("nsubjpass", "auxpass") for c in sib.children):
                continue
            found = [a for a in self._inner_targets(sib, actor_at) if not _is_own(a, own)]
            found = found or [a for a in self._object_owners(sib, sources, actor_at)]
            if found:
                return found
        return []

    def _inner_targets(self, clause: Token, actor_at: dict[int, ActorMention]) -> list[ActorMention]:
        """Actors a clause acts on: its objects and its prepositional targets, on the verb or the object."""
        objs = [c for c in clause.children if c.dep_ in ("dobj", "dative")]
        heads = [clause] + objs
        found = self._all(_with_conj(objs), actor_at)
        found += [a for h in heads for a in self._prep_targets(h, actor_at)]
        return [a for a in found if a is not None]

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
        for c in _preps(noun):
            if c.dep_ not in ("prep", "conj"):
                continue
            if c.lower_ == "of":
                # "the visit of Bagheri", not "purchases of US dollars": the object itself must be the actor,
                # or a count of it ("the removal of hundreds of thousands of Afghans")
                objs = [actor_at.get(p.i) or (self.actor(p, actor_at) if _quantity(p) else None)
                        for p in _with_conj(_pobjs(c))]
            else:
                objs = self._all(_with_conj(_pobjs(c)), actor_at)
            if c.lower_ == "by":
                sources = objs + sources
            elif c.lower_ == "of":
                (sources if pat.of_role == "source" else targets).extend(objs)
            elif c.lower_ == "between":
                continue  # the parties are read by _between
            elif c.lower_ == "from" and pat.of_role == "source":
                sources.extend(objs)  # "condemnation from the Arab League", "aid from Russia"
            elif _target_prep(noun, c):
                targets.extend(objs)
        # the noun as object of a light verb: "Turkey held talks with Iran", "Israel launched strikes on"
        measure = _measured(noun)  # "held two days of talks": the measure stands in the noun's place
        if measure is not noun and not any(targets):
            targets.extend(self._prep_targets(measure, actor_at))  # "a wave of airstrikes on Hezbollah targets"
        noun = measure
        noun = _allotted(noun)  # "earmarked 500 million euros in aid": the sum stands in the noun's place
        head = noun.head
        if noun.dep_ in ("dobj", "attr", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX", "ADP"):
            verb = head.head if head.pos_ == "ADP" else head
            if verb.pos_ in ("VERB", "AUX"):
                vsubj = self._all(_with_conj(_subjects(verb)), actor_at)
                if noun.dep_ == "nsubjpass":
                    vsubj = [a for c in verb.children if c.dep_ == "agent" for a in self._all(_with_conj(_pobjs(c)), actor_at)]
                light = lemma_of(verb) in LIGHT_VERBS and (noun.dep_ != "pobj" or head.lower_ in ("in", "into"))
                if any(vsubj) and light:
                    sources = [s for s in vsubj if s is not None] + [s for s in sources if s is not None]
                if light or noun.dep_ != "pobj":
                    # "launched strikes on X"; but in "halted licences to Turkey over its offensive" the
                    # verb's own target is not the offensive's
                    targets.extend(self._prep_targets(verb, actor_at, skip=head if head.pos_ == "ADP" else None))
                if noun.dep_ == "dobj" and not any(targets):
                    # "gave the US delegation a dressing-down", "dealt Moscow a blow": the indirect object
                    own = _own_codes([s for s in sources if s is not None])
                    targets.extend(a for a in self._all(_with_conj([c for c in verb.children if c.dep_ == "dative"
                                   and c.pos_ in ("NOUN", "PROPN", "PRON")]), actor_at)
                                   if a is not None and not _is_own(a, own))
                if noun.dep_ == "dobj" and not any(targets):
                    targets.extend(self._called(verb, sources, actor_at))  # "phoned X to offer condolences"
        # "agreed a ceasefire after talks in Moscow", "flew to Baghdad for talks": talks held by the doers
        # ("for" only on a verb without an object: "blamed X for the coup" is not the blamer's coup)
        if not any(sources) and noun.dep_ == "pobj" and head.lower_ in ("after", "following", "during", "for") \
                and head.head.pos_ in ("VERB", "AUX") and pat.of_role == "source" and not (
                head.lower_ == "for" and any(c.dep_ in ("dobj", "dative") for c in head.head.children)):
            sources = self._all(_with_conj(_subjects(head.head)), actor_at)
        phrase = _phrase_head(noun, first)  # "show" in "a show of strength"
        if not any(sources) and self._manner_event(phrase, pat):
            # "crossed the line in a show of strength", "told Erdogan in a phone call": done by the clause's
            # doers, to whom the clause acts on when the noun names no one
            verb = phrase.head.head
            sources = self._all(_with_conj(_subjects(verb)), actor_at)
            if not any(targets):
                objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
                targets += self._all(_with_conj(objs), actor_at)
                targets += self._prep_targets(verb, actor_at, skip=phrase.head)
                if not any(targets):  # "discussed the situation with Raisi in a call"
                    targets += [a for o in objs for a in self._prep_targets(o, actor_at)]
        if not any(sources) and noun.dep_ == "dobj" and lemma_of(head) in REACTION_VERBS:
            sources, targets = self._reaction(noun, head, actor_at) or (sources, targets)
        # an event noun as subject: "Turkish airstrikes hit PKK positions"
        if noun.dep_ == "nsubj" and head.pos_ == "VERB":
            targets.extend(self._all(_with_conj([c for c in head.children if c.dep_ == "dobj"]), actor_at))
        if not any(targets) and pat.code[:2] in FORCE_ROOTS:
            targets.extend(self._victims(noun, sources, actor_at))
        if not any(targets) and any(sources) and pat.code[:2] in ADDRESSED_ROOTS:
            targets.extend(self._answerers(noun, sources, actor_at))
        return sources, [t for t in targets if t is not None]

    def _victims(self, noun: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """Whom an attack named by a noun hit, told in its relative clause: "a drone strike that killed two
        Iranian truck drivers", "the bombing, which wounded dozens of police officers"."""
        own = _own_codes(sources)
        clauses = [c for c in noun.children if c.dep_ in ("relcl", "acl") and lemma_of(c).lower() in CASUALTY_VERBS
                   and not any(k.dep_ in ("nsubjpass", "auxpass") for k in c.children)]
        objs = [o for c in clauses for o in c.children if o.dep_ == "dobj"]
        return [a for a in self._all(_with_conj(objs), actor_at) if a is not None and not _is_own(a, own)]

    def _manner_event(self, noun: Token, pat: NounPattern) -> bool:
        """Is an event noun the way its clause's act was done ("in a show of strength", "in a phone call")?
        Only after "in" on an active verb that is no trigger of the same kind ("met in talks" is one meeting),
        and with "a" or "an": "in the attack" names a known event, not how this one was done."""
        head = noun.head
        if noun.dep_ != "pobj" or head.lower_ not in MANNER_PREPS or head.dep_ != "prep" or pat.of_role != "source":
            return False
        verb = head.head
        if verb.pos_ != "VERB" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return False
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            return False
        vp = self.match_verb(verb)
        return vp is None or vp.code[:2] != pat.code[:2]

    def _answerers(self, noun: Token, sources: list, actor_at: dict[int, ActorMention]) -> list:
        """Who an addressed act with no named addressee was aimed at: the one answering it. "Kyiv brushed
        aside Moscow's call", "Riyadh hailed Xi's visit": the subject of the event verb the noun is the
        object of, when that is another side than the act's doers."""
        verb = noun.head
        answered = False
        if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ANSWER_PREPS:
            # "said no to a Saudi offer", "has not acted on Iran's request": any verb that answers it
            verb, answered = verb.head, True
        elif noun.dep_ != "dobj":
            return []
        if verb.pos_ != "VERB" or not (answered or self.match_verb(verb) is not None):
            return []
        own = _own_codes(sources)
        return [a for a in self._all(_with_conj(_subjects(verb)), actor_at) if a is not None and not _is_own(a, own)]

    def _reaction(self, noun: Token, verb: Token, actor_at: dict[int, ActorMention]) -> tuple[list, list] | None:
        """"The incursion drew condemnation from the Arab League": the reaction's doer follows "from",
        and it is aimed at whoever did what drew it (the verb's subject, or the doer of an event-noun subject,
        or for "..., prompting a response from X" the main clause's doer)."""
        doers = [a for h in (noun, verb) for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                 for a in self._all(_with_conj(_pobjs(c)), actor_at) if a is not None]
        if not doers:
            return None
        cause = _subjects(verb)
        aimed: list = []
        for c in cause:
            m = self.match_noun(c) if c.i not in actor_at else None
            aimed += self._noun_roles(c, m[0], actor_at, m[1])[0] if m else self._all(_with_conj([c]), actor_at)
        own = _own_codes(doers)
        return doers, [a for a in aimed if a is not None and not _is_own(a, own)]

    def _destination(self, tok: Token, src: ActorMention, preps: tuple[str, ...] = ("in", "to", "at"),
                     objects: bool = True, home_role: str | None = None) -> list[ActorMention]:
        """'arrived in Jeddah', 'visited Istanbul', 'talks in Sochi': the country of the place visited.

        A capital the actor resolver already reads as a metonym keeps its
        government code ("visited Ankara" is TURGOV).
        """
        places = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for p in _pobjs(c)]
        if objects:
            places += [c for c in tok.children if c.dep_ == "dobj"]
        # "shelled the town of Avdiivka", "the coast of Gaza": the named place inside a place noun
        places += [n for p in list(places) if lemma_of(p).lower() in PLACE_NOUNS for c in p.children
                   if c.dep_ == "prep" and c.lower_ == "of" for n in _pobjs(c)]
        # "the Jabalia refugee camp": a named place before a place noun
        places += [c for p in list(places) if lemma_of(p).lower() in PLACE_NOUNS for c in p.children
                   if c.dep_ == "compound" and c.pos_ == "PROPN"]
        for p in places:
            a = self._actor_at.get(p.i)
            if a is not None and a.kind == "capital" and a.country != src.country:
                return [a]
            if lemma_of(p).lower() in BORDER_NOUNS and (other := self._frontier(p, src)) is not None:
                return [other]
            # a visited object may be a city the parser left untyped ("visited Izmir"), or mistyped
            # ("laid siege to Mariupol" as an organisation)
            named = p.pos_ == "PROPN" and (p.dep_ == "dobj" or lemma_of(p.head.head).lower() in PLACE_NOUNS or (
                p.dep_ in ("pobj", "compound") and p.ent_type_ not in ("PERSON", "NORP")))
            if p.ent_type_ not in PLACE_LABELS and not named:
                continue
            place = geocode(_place_name(p))
            if place and place.country and place.country != src.country:
                return [ActorMention(p.i, p.i + 1, p.idx, p.idx + len(p), p.text, place.country,
                                     None, place.country, None, "country", 0.6)]
            if place and place.country and home_role and place.country == _country(src):
                # (`home_role`) an attack in the doer's own country falls on its people: "gassed Douma"
                return [ActorMention(p.i, p.i + 1, p.idx, p.idx + len(p), p.text, place.country + home_role,
                                     None, place.country, home_role, "role", 0.5)]
        return []

    def _landing_place(self, tok: Token, code: str, src: ActorMention) -> list[ActorMention]:
        """The country a material act lands in when no actor is named (see PLACE_TARGET_PREPS): the place
        named on the event noun, on its verb, or on the weapon it was done with."""
        root = code[:2]
        noun = tok.pos_ in ("NOUN", "PROPN")
        heads = [tok, _clause_of(tok)]
        # "massed troops along Ukraine's border", "sent aid to Derna": the place may hang off the object
        heads += [c for c in heads[-1].children if c.dep_ == "dobj"]
        if root in FORCE_ROOTS:
            heads += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for p in _pobjs(c)]
        if root in DEEP_PLACE_ROOTS:
            heads += [t for h in heads[:1] + heads[2:] for t in h.subtree if t.pos_ in ("NOUN", "PROPN", "VERB")]
        for head in dict.fromkeys(heads):
            own_noun = head is tok and noun
            preps = NOUN_PLACE_TARGET_PREPS.get(root, PLACE_TARGET_PREPS[root]) if own_noun else PLACE_TARGET_PREPS[root]
            found = self._destination(head, src, preps, objects=head is tok and root in FORCE_ROOTS,
                                      home_role=HOME_VICTIMS.get(root))
            if found:
                return found
        return []

    def _frontier(self, place: Token, src: ActorMention) -> ActorMention | None:
        """The other side of a border: its owner ("Ukraine's border", "the Syrian border") or "with" X."""
        owner = self.actor(place, self._actor_at)
        if owner is None:
            owner = next((a for c in place.children if c.dep_ == "prep" and c.lower_ == "with"
                          for a in self._all(_pobjs(c), self._actor_at) if a is not None), None)
        return owner if owner is not None and owner.country != src.country else None

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
            if a is not None and tok.i not in actor_at and self._armed(tok):
                a = _as_military(a)  # "pounded Armenian positions", "condemned the Israeli incursion"
            out.append(a)
            if a is not None:
                out.extend(_modifier_conjuncts(tok, a, actor_at))
            elif tok.lower_ in PLURAL_PRONOUNS:
                out.extend(self._all(_with_conj(self._plural_antecedent(tok, actor_at)), actor_at))
            else:
                listed = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in INCLUDING_PREPS
                          for p in _pobjs(c)]
                out.extend(self._all(_with_conj(listed), actor_at))
        return out

    def _armed(self, tok: Token) -> bool:
        """Does a noun phrase stand for a country's armed forces: a military post ("Iranian positions",
        "a US outpost") or a military act that is acted on ("condemned the Israeli incursion")?"""
        if lemma_of(tok).lower() in MILITARY_OBJECTS:
            return True
        if tok.dep_ != "dobj":
            return False  # ("halted licences to Turkey over its offensive": the country itself is the target)
        m = self.match_noun(tok)
        return m is not None and m[0].code[:2] in MILITARY_ROOTS

    def _plural_antecedent(self, pron: Token, actor_at: dict[int, ActorMention]) -> list[Token]:
        """"Israel and Turkey said they would ...", "talks with Sweden and Finland, accusing them": the
        nearest earlier conjunction of actors in the sentence (a single actor is left to the resolver)."""
        for t in reversed(pron.doc[pron.sent.start : pron.i]):
            if t.dep_ == "conj" or self.actor(t, actor_at) is None:
                continue
            if any(self.actor(c, actor_at) is not None for c in t.conjuncts):
                return [t]
        return []

    def actor(self, tok: Token, actor_at: dict[int, ActorMention]) -> ActorMention | None:
        """The actor a noun phrase head stands for, looking into its modifiers when needed."""
        if tok.i in actor_at:
            return actor_at[tok.i]
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "appos") and c.i in actor_at:
                return actor_at[c.i]
        if tok.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj") and tok.tag_ in ("WP", "WDT") \
                and tok.head.dep_ == "relcl":
            return self.actor(tok.head.head, actor_at)  # "Gulen, whom it blames": the relative's antecedent
        if lemma_of(tok).lower() in SPEAKS_FOR_HEADS:
            for p in [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for p in _pobjs(c)]:
                if (a := self.actor(p, actor_at)) is not None:
                    return a
        quantity = lemma_of(tok).lower() in OF_ACTOR_HEADS or tok.lower_ in OF_ACTOR_HEADS or tok.pos_ == "NUM"
        if quantity or lemma_of(tok).lower() in AUTHORED_HEADS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    for p in _pobjs(c):
                        a = self.actor(p, actor_at) if quantity else actor_at.get(p.i) or next(
                            (actor_at[k.i] for k in p.children if k.dep_ == "compound" and k.i in actor_at), None)
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


def _load_stance() -> dict[str, tuple[str, str]]:
    """Adjective -> (its code, its code when negated), from data/lexicon/stance_adjectives.yaml."""
    text = resources.files("dragoman.data.lexicon").joinpath("stance_adjectives.yaml").read_text(encoding="utf-8")
    return {w.lower(): (str(e["code"]), str(e.get("negated") or e["code"]))
            for e in yaml.safe_load(text) for w in e["words"]}


STANCE_ADJECTIVES = _load_stance()


@dataclass(frozen=True)
class StancePattern(VerbPattern):
    """A predicate adjective's comment. `flipped`: its negation is already in the code ("not
    optimistic" is 012), so the negator is no modality cue."""
    flipped: bool = False


def _stance(tok: Token) -> StancePattern | None:
    """A comment carried by a predicate adjective ("Officials were upbeat", "is cautiously hopeful")."""
    codes = STANCE_ADJECTIVES.get(lemma_of(tok).lower()) or STANCE_ADJECTIVES.get(tok.lower_)
    if codes is None or tok.pos_ != "ADJ" or tok.dep_ != "acomp" or lemma_of(tok.head).lower() not in COPULAS:
        return None
    negated = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in mod.NEGATORS)
                  for node in (tok, tok.head) for c in node.children)
    return StancePattern(codes[1] if negated else codes[0], lemma_of(tok).lower(), order=-2, flipped=negated)


def _trigger_words(lex: Lexicon) -> frozenset[str]:
    """Every lower-cased word a trigger match can start from: verb and noun keys, the tail of each
    hyphenated verb key after any hyphen ("test-fire" is found from "fire"), place-object verbs and intent
    frame words, and misread forms of known lemmas. A superset is safe; a missing word would lose a trigger."""
    words: set[str] = set()
    for key in (*lex.verbs, *lex.nouns, *PLACE_OBJECT_CODES):
        low = key.lower()
        words.add(low)
        parts = low.split("-")
        words.update("-".join(parts[k:]) for k in range(1, len(parts)))
    for frame in INTENT_FRAMES.values():
        words.update(w.lower() for w in frame)
    words.update(INTENT_PREP_FRAMES)
    words.update(SILENT_ACTS | SILENCING_VERBS | TELLING_VERBS)
    words.update(STANCE_ADJECTIVES)
    words |= fixed_forms(words)  # "staged": its parser lemma "stag" is no key, its right one is
    return frozenset(words)


def _force_subjects(triggers: list) -> list:
    """One event for a force noun that is the subject of a force verb ("Turkish artillery hammered
    villages", "drone strikes pounded the port"), on the verb; see FORCE_MEANS_CODES for its code.
    A casualty verb is left alone: its toll gives way to the attack (see _casualty)."""
    codes = {t.i: code for t, code, _, _ in triggers}
    nouns = {t.i: code for t, code, pat, _ in triggers if isinstance(pat, NounPattern) and code[:2] in FORCE_ROOTS
             and t.dep_ == "nsubj" and codes.get(t.head.i, "")[:2] in FORCE_ROOTS and t.head.pos_ == "VERB"
             and lemma_of(t.head).lower() not in CASUALTY_VERBS}
    if not nouns:
        return triggers
    means = {t.head.i: nouns[t.i] for t, *_ in triggers if t.i in nouns}
    out = []
    for tok, code, pat, first in triggers:
        if tok.i in nouns:
            continue
        if tok.i in means and code in FORCE_MEANS_CODES and means[tok.i] in FORCE_MEANS_CODES:
            code = means[tok.i]
        out.append((tok, code, pat, first))
    return out


def _phrase_head(noun: Token, first: int) -> Token:
    """The word of a multiword trigger ("show of strength") that the rest of the sentence hangs from."""
    span = range(first, noun.i + 1)
    return next((t for t in noun.doc[first : noun.i + 1] if t.head.i not in span or t.head is t), noun)


def _inert_subject(verb: Token) -> bool:
    """Is the verb's subject a market quantity (INERT_SUBJECTS), so that "rallied" or "plunged" is no act?"""
    subj = _subjects(verb)
    return bool(subj) and all(lemma_of(t).lower() in INERT_SUBJECTS or t.lower_ in INERT_SUBJECTS for t in subj)


def _intent_frame(tok: Token) -> VerbPattern | None:
    """A pattern for "offered to X" / "ready to X" when the word governs an infinitive."""
    words = INTENT_FRAMES.get(tok.pos_, ())
    if lemma_of(tok).lower() not in words and tok.lower_ not in words:
        return _prep_frame_intent(tok)
    if not any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in tok.children):
        return _prep_frame_intent(tok)
    return VerbPattern(INTENT_CODE, lemma_of(tok).lower(), order=-1)


def _prep_frame_intent(tok: Token) -> VerbPattern | None:
    """A pattern for "open to talks" / "open to easing sanctions": the adjective and its preposition."""
    if tok.pos_ != "ADJ" or not _frame_objects(tok):
        return None
    return VerbPattern(INTENT_CODE, lemma_of(tok).lower(), order=-1)


def _frame_objects(tok: Token) -> list[Token]:
    """What an INTENT_PREP_FRAMES adjective is open to: the objects of its preposition ("talks", "easing")."""
    prep = INTENT_PREP_FRAMES.get(tok.lower_)
    if prep is None or tok.pos_ != "ADJ":
        return []
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == prep for p in _pobjs(c)]


@dataclass(frozen=True)
class SilencePattern(StancePattern):
    """Declining to comment (011): "would not comment" carries its negation in the code."""


def _silence(tok: Token) -> SilencePattern | None:
    """"declined to say / refused to be drawn" (on the declining verb) or "would not comment" (on the act)."""
    if tok.pos_ != "VERB":
        return None
    lemma = lemma_of(tok).lower()
    if lemma in SILENCING_VERBS and _withheld(tok):
        return SilencePattern(SILENCE_CODE, lemma, order=-2)
    if lemma not in SILENT_ACTS or tok.dep_ in ("xcomp", "amod", "acl", "relcl"):
        return None
    kids = list(tok.children)
    negated = any(c.dep_ == "neg" for c in kids)
    helped = any(c.dep_ == "aux" and c.lower_ in SILENCE_AUX for c in kids)
    # "did not say that Iran was to blame" states something; "would not say whether" withholds it
    stated = any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in kids)
    return SilencePattern(SILENCE_CODE, lemma, order=-2, flipped=True) if negated and helped and not stated else None


def _withheld(verb: Token) -> list[Token]:
    """The acts a declining verb withholds: "declined to comment / say / be drawn"."""
    out = []
    for c in verb.children:
        if c.dep_ != "xcomp" or c.pos_ != "VERB":
            continue
        drawn = lemma_of(c).lower() == "draw" and any(k.dep_ == "auxpass" for k in c.children)
        if drawn or lemma_of(c).lower() in SILENT_ACTS:
            out += [c, *c.conjuncts]
    return out


def _closes(attribution: Any, sent: Span, tok: Token) -> bool:
    """Does the attribution close the sentence after the trigger ("..., the ministry said.")? Then
    everything before it is the reported content, relative clauses and nominal events included."""
    rest = sent.text[attribution.end:].strip(" .!?\"'\u201d")
    return not rest and tok.idx - sent.start_char < attribution.start


def _is_frame(pat: object) -> bool:
    return isinstance(pat, VerbPattern) and pat.order == -1 and pat.code == INTENT_CODE


def _complement_trigger(verb: Token, trig_tokens: dict[int, str]) -> bool:
    """Does the verb's infinitive or clause complement carry a coded act, itself or through a light
    verb's object ("refused to impose sanctions")?"""
    return any(_carries_trigger(c, trig_tokens) for c in verb.children if c.dep_ in ("xcomp", "ccomp"))


def _carries_trigger(c: Token, trig_tokens: dict[int, str]) -> bool:
    """Is `c` (or a conjunct) a coded act, itself or through a light verb's object ("resuming talks")?"""
    if c.i in trig_tokens or any(cc.i in trig_tokens for cc in c.conjuncts):
        return True
    return lemma_of(c) in LIGHT_VERBS and any(o.i in trig_tokens for o in _direct_objects(c))


def _particle(verb: Token, pat: VerbPattern) -> Token | None:
    """The particle a pattern asks for, also when the parser read it as an adverb or preposition.

    "pulled back", "brushed aside" (advmod), "stood down its troops" (prep):
    such a word counts only right after the verb, and as a preposition only
    when its object can be the verb's ("walked off the job" for "walk +off ~job";
    any object when the pattern leaves objects open).
    """
    for c in verb.children:
        if c.lower_ != pat.particle:
            continue
        if c.dep_ == "prt":
            return c
        if c.i != verb.i + 1 or c.dep_ not in ("advmod", "prep"):
            continue
        objs = _pobjs(c) if c.dep_ == "prep" else []
        if not objs or pat.objects is None or any(_names_object(o, pat.objects) for o in objs):
            return c
    return None


def _names_object(obj: Token, words: frozenset[str]) -> bool:
    """Is the object one of the words, by its head or a compound before it ("its alert level")?"""
    if lemma_of(obj).lower() in words or obj.lower_ in words:
        return True
    return any(c.dep_ in ("compound", "amod") and (lemma_of(c).lower() in words or c.lower_ in words)
               for c in obj.children if c.i < obj.i)


def _prep_nouns(verb: Token, prep: str | None, words: frozenset[str]) -> list[Token]:
    """Objects of `prep` on the verb or its direct object that are among `words` ("put X on hold")."""
    heads = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return [p for h in heads for c in h.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep
            for p in _pobjs(c) if _names_object(p, words)]


def _complement_code(code: str, embedded: list[str]) -> str:
    """The sub-code an appeal, intent, demand or threat takes from the event it embeds.

    Only a generic governor is refined (its pattern named no object); the
    first embedded event with a listed sub-code decides. Codes not in the
    CAMEO table are never produced.
    """
    root = code[:2]
    if root not in ("02", "03", "10", "13"):
        return code
    known = ontology("cameo")
    for inner in embedded:
        if inner[:2] == root and inner in known:
            return inner  # "was prepared to accept mediation" (038): the inner intent is the intent
        if root == "13" or (root == "03" and inner[:2] in HARM_ROOTS):
            found = _longest_prefix(THREAT_CODES, inner)
        elif inner[:2] in HARM_ROOTS:
            continue
        else:
            suffix = _longest_prefix(WANTED_SUFFIX, inner)
            found = WANTED_OVERRIDES.get((root, inner[:3])) or (root + suffix if suffix else None)
        if found and found in known:
            return found
    return code


def _consented(verb: Token, trig_tokens: dict[int, str]) -> Token | None:
    """The act a consent verb agrees to ("agreed to pause its operation"), when that act is a trigger.

    "agreed to reinstall cameras and allow inspections": any conjoined act. Agreeing only to meet or
    talk is not the meeting itself: the agreement stays, as an intent to meet (036)."""
    if lemma_of(verb) not in CONSENT_VERBS:
        return None
    for c in verb.children:
        if c.dep_ != "xcomp":
            continue
        acts = [t for t in (c, *c.conjuncts) if t.i in trig_tokens]
        # "agreed to extend the truce": the light verb's object carries the act
        acts += [o for t in (c, *c.conjuncts) if lemma_of(t) in LIGHT_VERBS for o in _direct_objects(t)
                 if o.i in trig_tokens]
        if any(trig_tokens[t.i][:2] not in CONSULT_ROOTS for t in acts):
            return c
    return None


def _jointly_consented(tok: Token) -> bool:
    """Is this the act conjoined parties agreed to ("Hamas and Israel agreed to extend the truce")?
    Each then does it to the other."""
    node = tok.head if tok.dep_ == "dobj" and lemma_of(tok.head) in LIGHT_VERBS else tok
    node = node.head if node.dep_ == "conj" else node
    return node.dep_ == "xcomp" and lemma_of(node.head) in CONSENT_VERBS and any(
        s.conjuncts for s in _subjects(node.head))


def _hosted(ev: CodedEvent) -> CodedEvent:
    """A plain meeting in one party's country is a visit by the other (README: 042 visitor->host,
    043 host->visitor); between two parties at a third place it is 044."""
    if ev.code not in PLAIN_MEETING_CODES or not ev.location or ev.source is None or ev.target is None:
        return ev
    place = geocode(ev.location)
    host = place.country if place else None
    src, tgt = ev.source.country or ev.source.code, ev.target.country or ev.target.code
    if host is None or not src or not tgt or src[:3] == tgt[:3]:
        return ev
    code = "043" if src[:3] == host else "042" if tgt[:3] == host else "044"
    return replace(ev, code=code)


def _guest_visits(events: list[CodedEvent]) -> list[CodedEvent]:
    """A host receiving a guest (043) is the guest's visit to the host (042) as well (README "Meetings":
    "Erdogan received Orban in Ankara", "was hosted by Georgian officials"), unless the sentence
    already codes that visit ("flew to Turkey ... and was met by")."""
    def side(a: ActorMention) -> str:
        return (a.country or a.code or "")[:3]

    visits = {(side(e.source), side(e.target)) for e in events
              if e.code == "042" and e.source is not None and e.target is not None}
    out = list(events)
    for e in events:
        if e.code != "043" or e.source is None or e.target is None:
            continue
        host, guest = e.source, e.target
        if (side(guest), side(host)) in visits or side(guest) == side(host) or _stationed(e.trigger, guest):
            continue
        out.append(replace(e, code="042", source=guest, target=host))
    return out


def _stationed(trigger: Token, guest: ActorMention) -> bool:
    """Forces a place hosts ("bases hosting US troops") are stationed there, not visiting."""
    return guest.role in FORCE_ROLES and trigger.doc[guest.end - 1].tag_ in ("NNS", "NNPS")


def _group_hosted(events: list[CodedEvent]) -> list[CodedEvent]:
    """Several parties meeting in one party's country: each other party visits the host (042) and the
    host receives each of them (043), as in "Turkish, Russian and Iranian leaders convene in Tehran"."""
    out: list[CodedEvent] = []
    groups: dict[int, list[CodedEvent]] = {}
    for e in events:
        groups.setdefault(e.trigger.i, []).append(e)
    for group in groups.values():
        out += _recode_group(group) or group
    return out


def _recode_group(group: list[CodedEvent]) -> list[CodedEvent] | None:
    """The visits of one meeting trigger with a host among its doers, or None to keep the group."""
    first = group[0]
    if not first.location or any(e.code not in GROUP_MEETING_CODES or e.source is None for e in group):
        return None
    doers = _dedupe([e.source for e in group])
    if len(doers) < 2:
        return None
    place = geocode(first.location)
    if place is None or any(e.target is not None and (e.target.country or e.target.code or "")[:3] != place.country
                            and e.target.code not in {a.code for a in doers} for e in group):
        return None  # someone outside the gathering is met
    home = {(a.country or a.code or "")[:3]: a for a in doers}
    host = home.get(place.country) if place else None
    if host is None:
        return None
    guests = [a for a in doers if (a.country or a.code or "")[:3] != place.country]
    return [replace(first, code=c, source=s, target=t) for g in guests
            for c, s, t in (("042", g, host), ("043", host, g))]


def _traded(verb: Token) -> bool:
    """Is this "traded fire" / "exchanged accusations", an act each doer aims at the other?"""
    return lemma_of(verb).lower() in RECIPROCAL_VERBS and any(
        c.dep_ == "dobj" and c.lower_ in RECIPROCAL_OBJECTS for c in verb.children)


def _longest_prefix(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _companions(verb: Token, subjects: list[Token]) -> list[Token]:
    """"Turkey, along with Qatar, sent aid", "Chile together with Peru": co-doers beside the subject."""
    out = []
    for h in [verb, *subjects]:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in COMPANION_WORDS:
                out += [p for w in c.children if w.dep_ == "prep" and w.lower_ == "with" for p in _pobjs(w)]
    return out


def _direct_objects(verb: Token) -> list[Token]:
    """The verb's direct objects, looking through a measure ("carried out hundreds of strikes")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    measured = _of_wholes(objs, _quantity)
    if lemma_of(verb) in ALLOCATING_VERBS:  # "earmarked 500 million euros in aid": the sum is given as aid
        measured += [p for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "in" for p in _pobjs(c)]
    return objs + measured


def _target_prep(head: Token, prep: Token) -> bool:
    """Does this preposition of `head` name whom the act is aimed at? "for" only after the nouns
    that take their target with it ("arrest warrants for X"), not "sanctions for its role"."""
    return prep.lower_ in TARGET_PREPS or (prep.lower_ == "for" and lemma_of(head).lower() in FOR_TARGET_HEADS)


def _weapon(tok: Token) -> bool:
    """A weapon noun, also inside a measure ("dozens of drones")."""
    inner = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)] \
        if _quantity(tok) or lemma_of(tok).lower() in OF_ACTOR_HEADS else []
    return any(lemma_of(t).lower() in WEAPON_OBJECTS for t in [tok, *inner])


def _quantity(tok: Token) -> bool:
    """"hundreds", "a barrage", "dozens": a measure whose "of" phrase is the real object."""
    return tok.pos_ == "NUM" or lemma_of(tok).lower() in MEASURES


def _preps(head: Token) -> list[Token]:
    """The children of `head`, with the prepositions conjoined to its prepositions: "sanctions on Syria and on
    Iraq", "struck at Hamas in Gaza and at Hezbollah" (the second "at" hangs off the first phrase's "in")."""
    out = list(head.children)
    for c in head.children:
        if c.dep_ == "prep":
            out += [k for k in c.conjuncts if k.pos_ == "ADP" and k.dep_ == "conj"]
    return out


def _own_side(code: str, sources: list) -> set[str]:
    """Whom an act of `code` counts as the doers' own: for a refusal the whole country (who would gain from
    the refused act is not the one refused), else the doers' own codes."""
    return _own_country(sources) if code[:2] in REFUSAL_ROOTS else _own_codes(sources)


def _partitive(objs: list[Token]) -> list[Token]:
    """Objects with the whole a part or a count is taken of: "suspended part of its aid to Egypt" -> "aid"."""
    return objs + _of_wholes(objs, lambda o: _quantity(o) or lemma_of(o).lower() in PARTITIVE_HEADS)


def _of_wholes(objs: list[Token], measure: Any) -> list[Token]:
    """The nouns in the "of" phrases of those objects that `measure` says are a count or a part of something:
    "hundreds of strikes" -> "strikes". One walk for every slot that looks through a measure."""
    return [p for o in objs if measure(o) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in _pobjs(c)]


def _hyphen_prefix(tok: Token) -> Token | None:
    """The word joined to a verb by a hyphen without spaces ("test" in "test-fired"), if any."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 1].whitespace_ or doc[tok.i - 2].whitespace_:
        return None
    return doc[tok.i - 2] if doc[tok.i - 2].is_alpha else None


def _contact_code(noun: Token, code: str) -> str:
    """"Putin discussed Syria with Raisi in a call": an appeal noun that asks for nothing (no "for",
    "on" or "to" complement) and says how a clause's act was done is a phone contact, not an appeal."""
    contact = CONTACT_NOUNS.get(lemma_of(noun).lower())
    if contact is None or code[:2] != APPEAL_ROOT or noun.dep_ != "pobj" or noun.head.lower_ not in CONTACT_PREPS:
        return code
    if any(c.dep_ in ("acl", "relcl", "xcomp") or c.dep_ == "prep" and c.lower_ in APPEAL_PREPS
           and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children) for c in noun.children):
        return code
    return contact


def _named_reference(noun: Token, code: str, sources: list) -> bool:
    """Is an event noun a known event named by a bare name before it ("after the Pretoria agreement", "during
    the EU summit", "in breach of EU sanctions", "pulled out of the Doha talks")? Such a name gives the
    event's venue, topic or institution, not a doer reported acting now: so when every doer comes from
    such a name, the noun is a reference, not news. A clause's subject ("US sanctions hampered"), an
    event brought in with "a"/"an", and a doer named by a possessive, an adjective of nationality or a
    preposition all keep their reading; force nouns are left to the blame and unknown-doer rules."""
    if not sources or code[:2] in NAMED_FORCE_ROOTS or noun.dep_ in SUBJECT_DEPS + ("nsubjpass",):
        return False
    if any(c.dep_ == "det" and c.lower_ in NEW_EVENT_DETS for c in noun.children):
        return False
    names = [c for c in noun.children if c.dep_ in NAME_MODIFIER_DEPS]
    return all(any(a.start <= c.i < a.end for c in names) for a in sources)


def _statistic(noun: Token) -> bool:
    """Is an event noun the subject of a change in amount ("trade fell 20%", "investment reached $5 billion")?"""
    node = _measured(noun)
    return node.dep_ == "nsubj" and lemma_of(node.head).lower() in QUANTITY_VERBS


def _place_name(tok: Token) -> str:
    """The name of a place token without a leading compass word ("northwest Syria" -> "Syria"), and
    with the proper nouns before it ("Nur Shams" in "the Nur Shams refugee camp")."""
    if tok.dep_ == "compound" and not tok.ent_type_:
        words = [c for c in tok.head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        return " ".join(w.text for w in words)
    words = _entity_span(tok).split()
    while len(words) > 1 and words[0] in COMPASS_WORDS:  # (capitalised, it is part of a name: "West Bank")
        words = words[1:]
    return " ".join(words)


def _entity_span(tok: Token) -> str:
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    return tok.text


def _protested_government(src: ActorMention, sent: Span, actor_at: dict[int, ActorMention]) -> list[ActorMention]:
    """The protesters' own government, for a protest with no named target; none when the sentence names
    another country's actor, which the protest may be about ("rallied in support of the Palestinians")."""
    if src.role not in PROTESTER_ROLES or not src.country:
        return []
    if any(t.pos_ == "NOUN" and lemma_of(t).lower() in LABOUR_GRIEVANCES for t in sent):
        return []
    others = {a.country or a.code for i in range(sent.start, sent.end) if (a := actor_at.get(i)) is not None}
    if any(c and c[:3] != src.country for c in others):
        return []
    gov = src.country + GOVERNMENT_ROLE
    return [replace(src, code=gov, role=GOVERNMENT_ROLE, kind="implied", name=None, office=None, confidence=0.5,
                    extras={"basis": "protest convention"})]


def _capital_as_place(a: ActorMention) -> ActorMention:
    """A capital named as where force lands is its country, not its government: "rockets toward Tel Aviv",
    "a barrage of missiles on Kyiv" (but "visited Ankara" meets the government)."""
    if a.kind == "capital" and a.country:
        return replace(a, code=a.country, role=None)
    return a


def _as_military(a: ActorMention) -> ActorMention:
    """A bare country acting by force is its military."""
    if a.code and a.code == a.country and a.kind in ("country", "demonym"):
        return replace(a, code=a.code + "MIL", role="MIL")
    return a


def _measured(noun: Token) -> Token:
    """The measure phrase an event noun sits in ("two days of talks" -> "days"), else the noun."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
            and lemma_of(head.head).lower() in MEASURES:
        return head.head
    return noun


HEADLINE_SUBJECT_DEPS = ("nsubj", "compound")
HEADLINE_OBJECT_DEPS = ("dobj", "npadvmod")


def _headline_verb(tok: Token) -> bool:
    """A headline verb the tagger read as a noun: a root with a name before it and a name after it
    ("Qatar hosts Hamas, Fatah", where "Qatar" may be parsed as a compound of "hosts")."""
    return tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and bool(_headline_subjects(tok)) and any(
        c.dep_ in HEADLINE_OBJECT_DEPS and c.pos_ == "PROPN" and c.i > tok.i for c in tok.children)


def _headline_subjects(tok: Token) -> list[Token]:
    """The names before a headline verb the tagger read as a noun."""
    return [c for c in tok.children if c.dep_ in HEADLINE_SUBJECT_DEPS and c.i < tok.i
            and (c.pos_ == "PROPN" or (c.pos_ == "NOUN" and c.is_title))]


def _allotted(noun: Token) -> Token:
    """The sum an allocating verb sets aside as this noun ("earmarked 500 million euros in aid"), or the noun."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.dep_ == "dobj" \
            and lemma_of(head.head.head) in ALLOCATING_VERBS:
        return head.head
    return noun


def _clause_of(tok: Token) -> Token:
    """The verb an event noun is the object of ("launched strikes in Syria"), else the trigger itself."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
        return tok.head
    return tok


def _absolute(tok: Token) -> bool:
    """"with X telling Y": a noun with its own -ing clause names a side event, not a partner."""
    return any(c.dep_ in ("acl", "relcl") and c.tag_ == "VBG" for c in tok.children)


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


def _complements(verb: Token) -> list[Token]:
    """Clauses a verb embeds: "to help", "that X would", and a gerund after a preposition ("committed to
    supplying", "open to resuming")."""
    out = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    out += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pcomp" and p.pos_ == "VERB"]
    # the clause of a noun the verb takes: "signalled its readiness to normalise ties with Israel",
    # "demands guarantees that NATO will not expand"
    out += [a for o in verb.children if o.dep_ == "dobj" for a in o.children
            if a.dep_ == "acl" and a.pos_ in ("VERB", "AUX") and a.tag_ != "VBN"]
    return out


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, inherited through xcomp/conj/relative clauses when it has none."""
    if _headline_verb(verb):
        return _headline_subjects(verb)
    node, hops = verb, 0
    while hops < 4:
        subj = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and (frame := mod.prep_frame(node.head)) is not None:
            # the verb the preposition hangs from, through an adverb if need be, has the same doer:
            # "took control after driving out the YPG", "held back from striking", "stopped short of imposing"
            node = frame[0]
            hops += 1
            continue
        if node.dep_ in ("xcomp", "conj", "advcl", "acomp") and node.head is not node:
            # "urged Iran to release": the xcomp's doer is the object of the head
            if node.dep_ == "xcomp":
                # ("is expected / set / scheduled to visit", "was asked to leave": the passive
                # head's subject is the xcomp's doer)
                deps = ("dobj", "nsubjpass") if _infinitive(node) else ("dobj",)
                obj = [c for c in node.head.children if c.dep_ in deps]
                if obj and lemma_of(node.head).lower() not in CONTACT_PURPOSE_VERBS:
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
            # "a resolution censuring Iran was passed by the Board": the passer censures
            if node.dep_ == "acl" and noun.dep_ == "nsubjpass" and node.tag_ == "VBG" \
                    and lemma_of(noun).lower() in AUTHORED_HEADS | INSTRUMENT_HEADS:
                agents = [p for c in noun.head.children if c.dep_ == "agent" for p in _pobjs(c)]
                if agents:
                    return agents
            return [noun]
        return []
    return []


def _weapon_code(tok: Token, code: str) -> str:
    """A generic force code refined by the weapon that is the act's subject: "Turkish drones struck"
    is 1952 (remotely piloted aerial munitions), "missiles slammed into" 195."""
    if code not in WEAPON_REFINED_CODES or tok.pos_ != "VERB":
        return code
    for s in tok.children:
        if s.dep_ in SUBJECT_DEPS and lemma_of(s).lower() in SUBJECT_WEAPON_CODES:
            return SUBJECT_WEAPON_CODES[lemma_of(s).lower()]
    return code


def _casualty(verb: Token, trig_tokens: dict[int, str]) -> bool:
    """Is a killing or wounding the toll of an attack that is coded on its own? "an air strike killed
    ten" (an attack noun as subject), "a bombing that killed 40", "slammed into a block, killing dozens",
    "were killed when jets bombed", and "wounded civilians" (a state, not an act). The gold files code
    the attack only."""
    if lemma_of(verb).lower() not in CASUALTY_VERBS:
        return False
    if verb.dep_ == "amod":
        return True

    def force(t: Token) -> bool:
        return trig_tokens.get(t.i, "")[:2] in FORCE_ROOTS

    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i in trig_tokens:
        return True
    if verb.dep_ == "relcl" and force(verb.head):
        return True
    return any((c.dep_ in SUBJECT_DEPS and force(c)) or (c.dep_ == "advcl" and force(c) and any(
        m.dep_ == "advmod" and m.lower_ == "when" or m.dep_ == "mark" and m.lower_ in ("when", "as")
        for m in c.children)) for c in verb.children)


def _purpose(node: Token) -> bool:
    """An infinitive adverbial clause ("phoned Fidan to discuss", "pleaded with X to halt")."""
    return node.dep_ == "advcl" and _infinitive(node)


def _infinitive(verb: Token) -> bool:
    """A "to" infinitive ("to visit"), not a bare participle ("were found shot dead")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _modifier_conjuncts(head: Token, a: ActorMention, actor_at: dict[int, ActorMention]) -> list[ActorMention]:
    """The other sides of a conjoined modifier: "Turkish and Iraqi troops" -> TURMIL beside IRQMIL.

    A bare country or demonym among the modifiers takes the role of the head
    noun ("troops" makes both sides MIL), so each conjunct is coded like the
    mention the head belongs to.
    """
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
    if head.tag_ in ("NNS", "NNPS") and a.role and a.start <= head.i < a.end:
        # "leaders of Russia, Turkey and Iran": a plural office spans every country
        mods += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)]
    # a modifier that belongs to the head's own mention may carry the conjunction ("Iraqi" in "Iraqi troops")
    cands = [m for c in mods for m in [c, *c.conjuncts] if m.i in actor_at]
    out: list[ActorMention] = []
    for m in cands:
        other = actor_at[m.i]
        if other is a or other.code == a.code:
            continue
        if a.role and other.code and other.code == other.country and other.kind in ("country", "demonym") \
                and a.country and a.code == a.country + a.role:
            other = replace(other, code=other.country + a.role, role=a.role)
        out.append(other)
    return out


def _own_object(a: ActorMention, doers: set[str], own: set[str], code: str) -> bool:
    """Is a would-be target the doer itself, or (for postures and pullbacks) the doer's own forces?"""
    return a.code in doers or (code[:2] in OWN_FORCE_ROOTS and a.role in FORCE_ROLES and _is_own(a, own))


def side_of(a: ActorMention) -> str:
    """A country and a role group: a state's organs answer for one another ("Turkey" and its army are one
    side), while its civilians, opposition, rebels or firms are another ("police dispersed students")."""
    code = a.code or ""
    role = code[3:6]
    return f"{_country(a)}/{'STATE' if role in STATE_ROLES else role}"


def _own_codes(actors: list) -> set[str]:
    """Codes and sides of the doers, to tell their own side from the other.

    The doers' countries are marked too ("~", and "~state" for a state organ): an unnamed noun the
    resolver gave a country only because a doer is in focus ("the Houthis attacked tankers", "Russia
    brokered a deal ... rebels") is not known to be another side of it, except a state's own people
    ("Myanmar soldiers burned villagers"), see _is_own."""
    own = {x for a in actors if a is not None for x in (a.code, side_of(a)) if x}
    own |= {f"{_country(a)}/~" for a in actors if a is not None}
    own |= {f"{_country(a)}/~state" for a in actors if a is not None and side_of(a).endswith("/STATE")}
    return own


def _own_country(actors: list) -> set[str]:
    """Codes and whole countries of the doers: where any actor of the doers' country counts as their own."""
    return {x for a in actors if a is not None for x in (a.code, f"{_country(a)}/*") if x}


def _country(a: ActorMention) -> str:
    return a.country or (a.code or "")[:3]


def _is_own(a: ActorMention, own: set[str]) -> bool:
    if a.code in own or side_of(a) in own or f"{_country(a)}/*" in own:
        return True
    borrowed = bool(a.extras.get("focus")) and f"{_country(a)}/~" in own
    return borrowed and not (a.role == "CVL" and f"{_country(a)}/~state" in own)


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
