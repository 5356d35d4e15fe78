"""Generate a synthetic news corpus for the benchmarks.

    python bench/generate.py out/bench-corpus --articles 5000            # JSONL shards of 500 articles
    python bench/generate.py out/bench-txt --articles 200 --format txt   # one .txt file per article

Each article is a short wire-style report: a headline, a dateline, then three to
seven sentences composed from templates -- diplomatic visits, talks,
statements, accusations, sanctions, aid, military moves, ceasefires --
with actors drawn from governments, ministries, armed forces, leaders' titles
and international organisations, dates in the forms newsrooms use ("on
Tuesday", "on March 3", "last week", "in 2019"), attributions ("according to
state media") and background sentences that carry no event. About 2% of the
articles are syndicated copies of an earlier one under a new headline, so
near-duplicate detection has work to do. Output is deterministic for a seed.

The wording is written for this generator; no real article is reproduced.
Real-world names are limited to countries, capitals and organisations, so
the coder's actor resolution is exercised the way real news exercises it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

# (country, demonym, capital, ISO3)
COUNTRIES = [
    ("Turkey", "Turkish", "Ankara", "TUR"), ("Iran", "Iranian", "Tehran", "IRN"),
    ("Israel", "Israeli", "Jerusalem", "ISR"), ("Russia", "Russian", "Moscow", "RUS"),
    ("the United States", "American", "Washington", "USA"), ("Egypt", "Egyptian", "Cairo", "EGY"),
    ("Saudi Arabia", "Saudi", "Riyadh", "SAU"), ("Qatar", "Qatari", "Doha", "QAT"),
    ("Greece", "Greek", "Athens", "GRC"), ("Germany", "German", "Berlin", "DEU"),
    ("France", "French", "Paris", "FRA"), ("China", "Chinese", "Beijing", "CHN"),
    ("Iraq", "Iraqi", "Baghdad", "IRQ"), ("Syria", "Syrian", "Damascus", "SYR"),
    ("Jordan", "Jordanian", "Amman", "JOR"), ("Azerbaijan", "Azerbaijani", "Baku", "AZE"),
    ("Armenia", "Armenian", "Yerevan", "ARM"), ("Ukraine", "Ukrainian", "Kyiv", "UKR"),
    ("Pakistan", "Pakistani", "Islamabad", "PAK"), ("India", "Indian", "New Delhi", "IND"),
    ("Lebanon", "Lebanese", "Beirut", "LBN"), ("the United Arab Emirates", "Emirati", "Abu Dhabi", "ARE"),
    ("Japan", "Japanese", "Tokyo", "JPN"), ("Brazil", "Brazilian", "Brasilia", "BRA"),
]
IGOS = ["NATO", "the United Nations", "the European Union", "the Arab League", "the African Union",
        "the UN Security Council", "the International Atomic Energy Agency"]
GROUPS = ["Hamas", "Hezbollah", "the PKK", "the Taliban", "the Houthis"]
OUTLETS = ["Reuters", "Associated Press", "Agence France-Presse", "Anadolu Agency", "TASS", "Al Jazeera",
           "The Times of Israel", "Hurriyet Daily News", "Xinhua", "Deutsche Welle"]
TOPICS = ["border security", "energy supplies", "the war in Syria", "trade tariffs", "a gas pipeline",
          "refugee returns", "the nuclear programme", "grain exports", "water rights", "airspace violations",
          "the release of detained journalists", "a prisoner exchange", "counter-terrorism cooperation",
          "maritime boundaries", "arms sales", "visa rules", "reconstruction funding"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _gov(r: random.Random, c: tuple[str, str, str, str]) -> str:
    country, dem, cap, _ = c
    return r.choice([
        country,
        f"the {dem} government", f"the {dem} foreign ministry", f"{cap}", f"the {dem} president",
        f"the {dem} foreign minister", f"the {dem} prime minister", f"{country[0].upper() + country[1:]}'s government",
    ])


def _mil(r: random.Random, c: tuple[str, str, str, str]) -> str:
    country, dem, _, _ = c
    return r.choice([f"the {dem} army", f"{dem} troops", f"the {dem} navy", f"{dem} warplanes",
                     f"the {dem} defence ministry", f"{dem} forces", f"the {dem} chief of staff"])


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


class ArticleWriter:
    def __init__(self, seed: int = 7, start: dt.date = dt.date(2015, 1, 1), end: dt.date = dt.date(2024, 12, 31)) -> None:
        self.r = random.Random(seed)
        self.start = start
        self.days = (end - start).days

    # -- pieces ------------------------------------------------------------
    def day(self) -> dt.date:
        return self.start + dt.timedelta(days=self.r.randrange(self.days))

    def when(self, published: dt.date) -> str:
        r = self.r
        back = published - dt.timedelta(days=r.randrange(0, 6))
        return r.choice([
            f"on {WEEKDAYS[back.weekday()]}", f"on {back.day} {MONTHS[back.month - 1]}",
            f"on {MONTHS[back.month - 1]} {back.day}", "last week", "earlier this month", "on Sunday evening",
            f"in {published.year - r.randrange(1, 6)}", "yesterday", "this week",
        ])

    def side(self, c: tuple[str, str, str, str], military: bool = False) -> str:
        return _mil(self.r, c) if military else _gov(self.r, c)

    def pair(self) -> tuple[tuple[str, str, str, str], tuple[str, str, str, str]]:
        a, b = self.r.sample(COUNTRIES, 2)
        return a, b

    def event_sentence(self, a, b, published: dt.date) -> str:
        r = self.r
        A, B = self.side(a), self.side(b)
        when = self.when(published)
        topic = r.choice(TOPICS)
        igo = r.choice(IGOS)
        group = r.choice(GROUPS)
        templates = [
            f"{_cap(A)} hosted a delegation from {b[0]} in {a[2]} {when} for talks on {topic}.",
            f"{_cap(A)} met {B} {when} to discuss {topic}.",
            f"{_cap(A)} condemned {B} {when} over {topic}, calling its conduct unacceptable.",
            f"{_cap(A)} accused {B} of undermining efforts on {topic}.",
            f"{_cap(A)} imposed new sanctions on {B} {when}.",
            f"{_cap(A)} praised {B} for its role in {topic}.",
            f"{_cap(A)} called on {B} to show restraint over {topic}.",
            f"{_cap(A)} threatened {B} with retaliation if it pressed ahead with {topic}.",
            f"{_cap(A)} signed an agreement with {B} on {topic} {when}.",
            f"{_cap(A)} pledged humanitarian aid to {b[0]} after the floods.",
            f"{_cap(self.side(a, True))} carried out air strikes against {self.side(b, True)} near the border {when}.",
            f"{_cap(self.side(a, True))} shelled positions held by {group} {when}, officials said.",
            f"{_cap(A)} expelled two diplomats from {b[0]} {when}.",
            f"{_cap(A)} rejected a proposal by {B} on {topic}.",
            f"{_cap(A)} denied reports that it had supplied weapons to {group}.",
            f"{_cap(A)} warned {B} against any further escalation.",
            f"{_cap(A)} and {B} agreed to reopen their embassies {when}.",
            f"{_cap(A)} asked {igo} to mediate between it and {b[0]}.",
            f"{_cap(igo)} urged {a[0]} and {b[0]} to resume negotiations on {topic}.",
            f"{_cap(A)} visited {b[2]} {when}, the first such trip in years.",
            f"{_cap(A)} offered to host talks between {b[0]} and {group}.",
            f"{_cap(A)} recalled its ambassador from {b[2]} {when} in protest.",
            f"{_cap(A)} arrested several {b[1]} nationals suspected of spying {when}.",
            f"{_cap(A)} welcomed the decision by {B} to release the detained sailors.",
            f"{_cap(A)} is expected to sign a defence pact with {B} later this year.",
            f"{_cap(A)} did not criticise {B} over {topic}, diplomats noted.",
        ]
        sent = r.choice(templates)
        if r.random() < 0.2:
            sent = sent[:-1] + r.choice([", according to state media.", ", a spokesman told reporters.",
                                         ", officials in both capitals said.", ", local media reported."])
        return sent

    def background_sentence(self, a, b) -> str:
        r = self.r
        topic = r.choice(TOPICS)
        return r.choice([
            f"Relations between {a[0]} and {b[0]} have been strained for much of the past decade.",
            f"Analysts said the dispute over {topic} was unlikely to be settled soon.",
            f"The talks were held behind closed doors and no joint statement was issued.",
            f"Trade between the two countries reached a record level last year.",
            f"Both sides have described {topic} as a priority.",
            f"The meeting took place amid rising tension in the region.",
            f"Officials gave no further details.",
            f"It was not immediately clear how the other side would respond.",
            f"Markets in {a[2]} were little changed after the announcement.",
            f"The issue of {topic} has dominated the agenda of regional summits.",
        ])

    def headline(self, a, b) -> str:
        r = self.r
        return r.choice([
            f"{_cap(a[0])} and {b[0]} hold talks on {r.choice(TOPICS)}",
            f"{a[1]} officials visit {b[2]} amid tension",
            f"{_cap(a[0])} criticises {b[0]} over {r.choice(TOPICS)}",
            f"New sanctions as {a[0]}-{b[0]} row deepens",
            f"{_cap(b[0])} responds to {a[1]} proposal",
            f"Diplomatic push on {r.choice(TOPICS)}",
        ])

    def article(self, i: int) -> dict[str, str]:
        r = self.r
        a, b = self.pair()
        published = self.day()
        outlet = r.choice(OUTLETS)
        body = [self.event_sentence(a, b, published)]
        for _ in range(r.randint(2, 6)):
            x, y = (a, b) if r.random() < 0.7 else self.pair()
            body.append(self.event_sentence(x, y, published) if r.random() < 0.6 else self.background_sentence(x, y))
        dateline = f"{a[2].upper()}, {MONTHS[published.month - 1]} {published.day} ({outlet}) - "
        paras, cur = [], []
        for s in body:
            cur.append(s)
            if len(cur) >= r.randint(1, 3):
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        paras[0] = dateline + paras[0]
        title = self.headline(a, b)
        slug = "-".join(title.lower().replace(",", "").split())[:60]
        return {
            "title": title,
            "text": title + "\n\n" + "\n\n".join(paras),
            "published": published.isoformat(),
            "url": f"https://news.example/{published.year}/{i:06d}-{slug}",
            "source": outlet,
        }


def articles(n: int, seed: int = 7, dup_rate: float = 0.02) -> Iterator[dict[str, str]]:
    """`n` articles; about `dup_rate` of them re-publish an earlier one under a new headline."""
    w = ArticleWriter(seed)
    recent: list[dict[str, str]] = []
    for i in range(n):
        if recent and w.r.random() < dup_rate:
            orig = w.r.choice(recent)
            a, b = w.pair()
            title = w.headline(a, b)
            body = orig["text"].split("\n\n", 1)[1]
            art = {**orig, "title": title, "text": title + "\n\n" + body,
                   "url": orig["url"].replace("news.example", "syndicated.example") + f"-{i}",
                   "source": w.r.choice(OUTLETS)}
        else:
            art = w.article(i)
            recent = (recent + [art])[-50:]
        yield art


def write_corpus(out: str | Path, n: int, seed: int = 7, fmt: str = "jsonl", per_file: int = 500,
                 dup_rate: float = 0.02) -> dict[str, int]:
    """Write the corpus under `out` (created); return counts of articles, words and files."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    words = files = 0
    fh = None
    for i, art in enumerate(articles(n, seed, dup_rate)):
        words += len(art["text"].split())
        if fmt == "txt":
            (out / f"article-{i:06d}.txt").write_text(art["text"] + "\n", encoding="utf-8")
            files += 1
            continue
        if i % per_file == 0:
            if fh:
                fh.close()
            fh = open(out / f"part-{i // per_file:05d}.jsonl", "w", encoding="utf-8")
            files += 1
        fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    return {"articles": n, "words": words, "files": files}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="directory to write")
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=["jsonl", "txt"], default="jsonl")
    ap.add_argument("--per-file", type=int, default=500, help="articles per JSONL shard")
    ap.add_argument("--dup-rate", type=float, default=0.02)
    args = ap.parse_args()
    stats = write_corpus(args.out, args.articles, args.seed, args.format, args.per_file, args.dup_rate)
    print(f"wrote {stats['articles']} articles ({stats['words']} words) in {stats['files']} files to {args.out}")


if __name__ == "__main__":
    main()
