"""What the embedding fallback (dragoman.events.similar) costs.

    python bench/bench_similar.py                      # the example corpus
    python bench/bench_similar.py out/bench-txt -n 200 # any folder of .txt/.md files

Reports: loading the MiniLM weights, building the pattern index without and
with its .npy cache, and the coding time per sentence without the fallback,
with it on first sight of each phrase (every candidate embedded) and with
its phrase memo warm. Parsing is done once up front and not counted: only
the coder runs in the timed loops. The fallback is attached the way the
coder hook does it: after the lexicon finds nothing for a token.
"""
from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parent.parent / "examples" / "corpus"))
    ap.add_argument("-n", type=int, default=0, help="at most this many files")
    args = ap.parse_args()

    from dragoman.events import embed, similar
    from dragoman.pipeline import Pipeline

    files = sorted(p for p in Path(args.folder).iterdir() if p.suffix in (".txt", ".md"))
    if args.n:
        files = files[: args.n]
    pipe = Pipeline()
    texts = [p.read_text(encoding="utf-8") for p in files]
    pipe.nlp("warm up")
    t = time.perf_counter()
    docs = list(pipe.nlp.pipe(texts, batch_size=16))
    t_parse = time.perf_counter() - t
    parsed = []
    for sdoc in docs:
        acts = pipe.actors.resolve(sdoc, dt.date(2020, 1, 1))
        parsed.append((sdoc, {i: a for a in acts for i in range(a.start, a.end)}))
    n_sents = sum(1 for sdoc, _ in parsed for _ in sdoc.sents)

    t = time.perf_counter()
    embed.load_model()
    t_load = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        sim = similar.SimilarTriggers(pipe.coder.lex, cache_dir=Path(tmp))
        t_cold = time.perf_counter() - t
        t = time.perf_counter()
        similar.SimilarTriggers(pipe.coder.lex, cache_dir=Path(tmp))
        t_warm = time.perf_counter() - t

    coder = pipe.coder
    plain_v, plain_n = coder.match_verb, coder.match_noun

    def code_all() -> tuple[float, int]:
        t = time.perf_counter()
        n = 0
        for sdoc, at in parsed:
            for sent in sdoc.sents:
                n += len(coder.code_sentence(sent, at))
        return time.perf_counter() - t, n

    code_all()  # warm-up: spaCy's lazy attributes, the coder's caches
    base, n_base = code_all()
    coder.match_verb = lambda tok: plain_v(tok) or sim.verb_pattern(tok, coder._actor_at)
    coder.match_noun = lambda tok: plain_n(tok) or sim.noun_pattern(tok, coder._actor_at)
    try:
        cold, n_fb = code_all()
        warm, _ = code_all()
    finally:
        coder.match_verb, coder.match_noun = plain_v, plain_n

    ms = lambda s: f"{1000 * s / max(n_sents, 1):.2f} ms/sentence"  # noqa: E731
    print(f"{len(files)} files, {n_sents} sentences; events without fallback {n_base}, with {n_fb}")
    print(f"model load            {t_load:.2f} s")
    print(f"pattern index         {t_cold:.2f} s to embed {len(sim.verb_phrases) + len(sim.noun_phrases)} phrases, "
          f"{t_warm:.2f} s from the .npy cache")
    print(f"spaCy parse (context) {ms(t_parse)}")
    print(f"coding, no fallback   {ms(base)}")
    print(f"coding, fallback cold {ms(cold)}  (+{ms(cold - base)}; {len(sim._memo)} distinct candidate phrases)")
    print(f"coding, fallback warm {ms(warm)}  (+{ms(warm - base)})")


if __name__ == "__main__":
    main()
