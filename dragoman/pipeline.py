"""Documents in, event mentions out: the stages of DESIGN.md wired together.

`Pipeline` holds what is expensive to build (spaCy model, actor knowledge
base, lexicon) once per process and codes documents in `nlp.pipe` batches.
`ingest` is the batch job behind `dragoman ingest`: read, dedupe, code and
store each document in its own transaction, recording bad files as errors.
"""
from __future__ import annotations

import atexit
import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from functools import cache

from .actors.kb import KnowledgeBase, load_kb
from .actors.resolve import ActorMention, DocumentActors, at_date
from .events.coder import CodedEvent, Coder
from .events.context import ContextLinker
from .events.lexicon import load_lexicon
from .events.ontology import cameo
from .geo import geocode
from .ingest.attribution import find_attribution
from .nlp import load_pipeline
from .records import Document, Mention
from .timex import DateSpan, DocumentClock


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _anchor(doc: Document) -> DateSpan:
    if doc.published:
        day = dt.date.fromisoformat(doc.published[:10])
        prec = doc.published_precision if doc.published_precision in ("day", "month", "year") else "day"
        return DateSpan(day, day, prec, "publication", doc.published)
    return DateSpan(None, None, "unknown", "unknown")


def settle_heap() -> None:
    """Exempt what is loaded so far (model, knowledge base, lexicon, place index) from cyclic GC scans.

    These objects live as long as the process, and the place index alone holds about
    200,000 of them: without this, every full collection while coding rescans them all
    (some 350 ms each on the benchmark machine). Unreachable cycles are collected
    first, and refcounting still frees frozen objects that lose their last reference. They are
    unfrozen at exit, so the interpreter's last collection still tears them down (extension
    modules report leaks otherwise).
    """
    gc.collect()
    gc.freeze()
    _unfreeze_at_exit()


@cache
def _unfreeze_at_exit() -> None:
    atexit.register(gc.unfreeze)


class Pipeline:
    def __init__(self, model: str = "en_core_web_sm", actor_files: Iterable[str] = (), batch_size: int = 16,
                 similar: bool = False, learned: bool = False, learned_model: str = "default") -> None:
        """`similar` turns on the embedding fallback for unknown trigger verbs (needs the `embed` extra);
        `learned` the small trained classifier of events/learned.py (tried after `similar` when both are on),
        loading the shipped model named `learned_model` ("default", or "minilm": MiniLM token vectors)."""
        self.nlp = load_pipeline(model)
        self.kb: KnowledgeBase = load_kb(tuple(actor_files))
        self.actors = DocumentActors(self.kb, self.nlp)
        lexicon = load_lexicon()
        fallbacks = []
        if similar:
            from .events.similar import SimilarTriggers

            fallbacks.append(SimilarTriggers(lexicon))
        if learned:
            from .events.learned import LearnedTriggers, model_path

            fallbacks.append(LearnedTriggers.load(model_path(learned_model)))
        if len(fallbacks) > 1:
            from .events.learned import FallbackChain

            fallbacks = [FallbackChain(fallbacks)]
        self.coder = Coder(lexicon, fallbacks[0] if fallbacks else None)
        geocode("Ankara")  # build the place index now, not inside the first document's timing
        self.batch_size = batch_size
        settle_heap()

    def code(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Mention]]]:
        """Code documents in spaCy batches, yielding each with its mentions in input order."""
        docs = list(docs) if not isinstance(docs, list) else docs
        texts = ((d.text, d) for d in docs)
        for sdoc, doc in self.nlp.pipe(texts, as_tuples=True, batch_size=self.batch_size):
            yield doc, self.code_parsed(doc, sdoc)

    def code_one(self, doc: Document) -> list[Mention]:
        return next(self.code([doc]))[1]

    def code_parsed(self, doc: Document, sdoc) -> list[Mention]:
        anchor = _anchor(doc)
        actor_list = self.actors.resolve(sdoc, anchor.start)
        actor_at: dict[int, ActorMention] = {}
        for a in actor_list:
            for i in range(a.start, a.end):
                actor_at[i] = a
        clock = DocumentClock(anchor)
        context = ContextLinker(actor_list)  # reactions to "the decision" aim at its doer (events/context.py)
        out: list[Mention] = []
        prev_end = 0
        # `Span.text` (and `Doc.text`) re-join tokens on every access; a slice of the document's own text is
        # the same string, since spaCy's tokenizer keeps the text exactly, and costs next to nothing
        text = doc.text
        for sent in sdoc.sents:
            start, end = sent.start_char, sent.end_char
            sent_text = text[start:end]
            if "\n\n" in text[prev_end:start] or "\n" in sent_text.strip():
                clock.new_paragraph()
            prev_end = end
            attribution = find_attribution(sent_text)
            events = self.coder.code_sentence(sent, actor_at, attribution)
            if not events:
                context.skip(sent)
                clock.observe(sent_text)  # keep the running date moving
                continue
            events = context.link(sent, events)
            for ev in events:
                out.append(self._mention(doc, sent, sent_text, ev, clock))
        return out

    def _mention(self, doc: Document, sent, sent_text: str, ev: CodedEvent, clock: DocumentClock) -> Mention:
        span = clock.date_for(sent_text, ev.trigger.idx - sent.start_char)
        day = span.start
        src = at_date(ev.source, self.kb, day) if ev.source else None
        tgt = at_date(ev.target, self.kb, day) if ev.target else None
        info = cameo(ev.code)
        place = geocode(ev.location)
        return Mention(
            doc_id=doc.doc_id, sentence=sent_text, sent_start=sent.start_char, sent_end=sent.end_char,
            trigger=ev.trigger_text, trigger_start=ev.trigger.idx, trigger_end=ev.trigger.idx + len(ev.trigger),
            cameo_code=info.code, cameo_root=info.root, goldstein=info.goldstein, quad_class=info.quad_class,
            plover_type=info.plover_type, plover_mode=info.plover_mode,
            source_actor=src.code if src else None, target_actor=tgt.code if tgt else None,
            source_actor_name=src.name if src else None, target_actor_name=tgt.name if tgt else None,
            source_country=src.country if src else None, target_country=tgt.country if tgt else None,
            source_role=src.role if src else None, target_role=tgt.role if tgt else None,
            modality=ev.modality, attributed_to=ev.attributed_to,
            date=_iso(span.start), date_end=_iso(span.end), date_precision=span.precision,
            date_basis=span.basis if span.start else None,
            location_name=ev.location, location_country=place.country if place else None,
            lat=place.lat if place else None, lon=place.lon if place else None,
            confidence=ev.confidence, doc_path=doc.path, doc_url=doc.url, doc_title=doc.title,
            source_name=doc.source_name, published=doc.published, published_precision=doc.published_precision,
        )
