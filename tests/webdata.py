"""A small, real DuckDB store for the API and browser tests.

Turkey–Israel and Turkey–Russia relations 2016–2024, told as short news
items. Every item is a `Document` (text, source, URL, publication date) with
its `Mention`s written through `store.add_document`, then merged into events
the way `dragoman ingest` does it, so the API reads exactly what a real
ingest leaves behind. The sentences are paraphrases written for these tests;
the URLs use the reserved `.example` domain so no link leads anywhere real.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dragoman.events.ontology import cameo
from dragoman.records import Document, Mention
from dragoman.store import Store, open_store

ACTORS = {
    "TURGOV": ("Turkey", "TUR", "GOV"),
    "TURMIL": ("Turkish Armed Forces", "TUR", "MIL"),
    "ISRGOV": ("Israel", "ISR", "GOV"),
    "ISRMIL": ("Israel Defense Forces", "ISR", "MIL"),
    "RUSGOV": ("Russia", "RUS", "GOV"),
    "RUSMIL": ("Russian Armed Forces", "RUS", "MIL"),
}

OUTLETS = {
    "Reuters": "reuters.example",
    "Associated Press": "apnews.example",
    "Hurriyet Daily News": "hurriyetdailynews.example",
    "TASS": "tass.example",
    "The Times of Israel": "timesofisrael.example",
    "Anadolu Agency": "aa.example",
}


@dataclass(frozen=True)
class Item:
    date: str
    outlet: str
    source: str
    code: str
    target: str
    trigger: str
    sentence: str
    modality: str = "asserted"


# (date, outlet, source actor, CAMEO code, target actor, trigger, sentence[, modality])
ITEMS: list[Item] = [
    # Turkey - Israel
    Item("2016-06-27", "Reuters", "TURGOV", "057", "ISRGOV", "signed",
         "Turkey signed an agreement with Israel to restore full diplomatic relations after a six-year rift."),
    Item("2016-06-27", "The Times of Israel", "ISRGOV", "057", "TURGOV", "signed",
         "Israel signed the reconciliation deal with Turkey in Rome on Monday."),
    Item("2016-06-28", "Associated Press", "TURGOV", "057", "ISRGOV", "signed",
         "Turkey formally signed the deal with Israel, which pays 20 million dollars in compensation."),
    Item("2016-11-15", "Anadolu Agency", "TURGOV", "043", "ISRGOV", "hosted",
         "Ankara hosted a delegation from Israel to discuss a natural gas pipeline."),
    Item("2017-07-25", "Hurriyet Daily News", "TURGOV", "111", "ISRGOV", "condemned",
         "Turkey condemned Israel over new security measures at the Al-Aqsa compound."),
    Item("2017-12-10", "Reuters", "TURGOV", "112", "ISRGOV", "accused",
         "President Erdogan accused Israel of being a terrorist state."),
    Item("2018-05-15", "Associated Press", "TURGOV", "161", "ISRGOV", "expelled",
         "Turkey expelled the ambassador of Israel after deadly shootings on the Gaza border."),
    Item("2018-05-15", "The Times of Israel", "ISRGOV", "161", "TURGOV", "ordered",
         "Israel ordered the Turkish consul general in Jerusalem to leave in response."),
    Item("2018-05-16", "Reuters", "TURGOV", "111", "ISRGOV", "denounced",
         "Turkey denounced Israel at an emergency summit in Istanbul."),
    Item("2019-04-02", "Hurriyet Daily News", "TURGOV", "111", "ISRGOV", "criticized",
         "Turkey criticized Israel over plans to annex parts of the West Bank."),
    Item("2020-08-13", "Anadolu Agency", "TURGOV", "130", "ISRGOV", "warned",
         "Turkey warned Israel against further settlement building."),
    Item("2021-05-12", "Associated Press", "TURGOV", "111", "ISRGOV", "condemned",
         "Turkey condemned Israel over air strikes on Gaza."),
    Item("2021-11-18", "The Times of Israel", "ISRGOV", "040", "TURGOV", "spoke",
         "Israel spoke with Turkey by phone after the release of an Israeli couple held in Istanbul."),
    Item("2022-03-09", "Reuters", "ISRGOV", "042", "TURGOV", "visited",
         "Israel's president Isaac Herzog visited Turkey, the first such trip in fourteen years."),
    Item("2022-03-09", "Anadolu Agency", "TURGOV", "043", "ISRGOV", "hosted",
         "Turkey hosted the president of Israel with a ceremony in Ankara."),
    Item("2022-08-17", "Associated Press", "TURGOV", "057", "ISRGOV", "agreed",
         "Turkey agreed with Israel to restore ambassadors, completing the normalisation."),
    Item("2022-08-17", "The Times of Israel", "ISRGOV", "057", "TURGOV", "agreed",
         "Israel agreed with Turkey to upgrade ties to full diplomatic relations."),
    Item("2023-09-19", "Reuters", "TURGOV", "046", "ISRGOV", "met",
         "Turkey met Israel's prime minister in New York for the first time, discussing energy."),
    Item("2023-10-28", "Hurriyet Daily News", "TURGOV", "111", "ISRGOV", "condemned",
         "Turkey condemned Israel at a mass rally in Istanbul over the war in Gaza."),
    Item("2023-11-04", "Associated Press", "TURGOV", "161", "ISRGOV", "recalled",
         "Turkey recalled its ambassador to Israel for consultations over Gaza."),
    Item("2024-05-02", "Reuters", "TURGOV", "163", "ISRGOV", "halted",
         "Turkey halted all trade with Israel until a ceasefire in Gaza."),
    Item("2024-05-03", "Hurriyet Daily News", "TURGOV", "163", "ISRGOV", "suspended",
         "Turkey suspended exports and imports with Israel, the trade ministry said."),
    Item("2024-05-02", "The Times of Israel", "ISRGOV", "111", "TURGOV", "denounced",
         "Israel denounced Turkey for breaking trade agreements."),
    Item("2024-08-01", "Anadolu Agency", "TURGOV", "138", "ISRGOV", "threatened",
         "Turkey threatened Israel with intervention, according to remarks by the president.", "reported"),
    # Turkey - Russia
    Item("2016-01-01", "TASS", "RUSGOV", "163", "TURGOV", "imposed",
         "Russia imposed sanctions on Turkey over the downing of a warplane."),
    Item("2016-06-29", "Reuters", "RUSGOV", "081", "TURGOV", "lifted",
         "Russia lifted restrictions on Turkey after a letter of regret from Ankara."),
    Item("2016-08-09", "TASS", "TURGOV", "042", "RUSGOV", "visited",
         "Turkey's president visited Russia and met Vladimir Putin in St Petersburg."),
    Item("2016-08-09", "Anadolu Agency", "RUSGOV", "043", "TURGOV", "hosted",
         "Russia hosted Turkey's president for talks on restoring ties."),
    Item("2016-12-20", "Associated Press", "RUSGOV", "046", "TURGOV", "negotiated",
         "Russia negotiated with Turkey a ceasefire for Syria after the killing of an ambassador."),
    Item("2017-09-12", "Reuters", "TURGOV", "061", "RUSGOV", "bought",
         "Turkey bought S-400 missile systems from Russia, signing a deal worth 2.5 billion dollars."),
    Item("2018-04-03", "TASS", "RUSGOV", "061", "TURGOV", "launched",
         "Russia launched construction of the Akkuyu nuclear plant with Turkey."),
    Item("2019-07-12", "Hurriyet Daily News", "RUSMIL", "061", "TURMIL", "delivered",
         "Russian Armed Forces delivered the first S-400 parts to the Turkish military."),
    Item("2020-01-08", "Anadolu Agency", "TURGOV", "057", "RUSGOV", "opened",
         "Turkey opened the TurkStream pipeline with Russia in Istanbul."),
    Item("2020-02-27", "Reuters", "RUSMIL", "195", "TURMIL", "struck",
         "Russian-backed aircraft struck Turkish troops in Idlib, killing 34 soldiers."),
    Item("2020-02-28", "Anadolu Agency", "RUSMIL", "195", "TURMIL", "bombed",
         "Russian warplanes bombed a Turkish convoy near Idlib overnight, officials said."),
    Item("2020-02-28", "Associated Press", "TURGOV", "112", "RUSGOV", "accused",
         "Turkey accused Russia of failing to restrain the Syrian government."),
    Item("2020-03-05", "TASS", "RUSGOV", "057", "TURGOV", "agreed",
         "Russia agreed with Turkey on a ceasefire in Idlib after six hours of talks in Moscow."),
    Item("2021-09-29", "Reuters", "TURGOV", "042", "RUSGOV", "visited",
         "Turkey's president visited Russia for talks in Sochi."),
    Item("2022-03-10", "Anadolu Agency", "TURGOV", "043", "RUSGOV", "hosted",
         "Turkey hosted the foreign minister of Russia in Antalya."),
    Item("2022-07-22", "Reuters", "TURGOV", "057", "RUSGOV", "signed",
         "Turkey signed the Black Sea grain initiative with Russia in Istanbul."),
    Item("2022-08-05", "TASS", "RUSGOV", "0311", "TURGOV", "pledged",
         "Russia pledged to expand trade with Turkey after talks in Sochi."),
    Item("2023-07-17", "Associated Press", "RUSGOV", "1246", "TURGOV", "refused",
         "Russia refused Turkey's request to extend the grain deal."),
    Item("2023-09-04", "TASS", "TURGOV", "042", "RUSGOV", "visited",
         "Turkey's president visited Russia in Sochi, seeking to revive the grain deal."),
    Item("2024-03-14", "Hurriyet Daily News", "TURGOV", "036", "RUSGOV", "offered",
         "Turkey offered to host talks between Russia and Ukraine.", "planned"),
    Item("2024-06-20", "Reuters", "TURGOV", "040", "RUSGOV", "consulted",
         "Turkey consulted Russia on payments after banks tightened checks."),
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def make_documents() -> list[tuple[Document, list[Mention]]]:
    out = []
    for item in ITEMS:
        title = item.sentence.split(",")[0].rstrip(".")
        text = f"{title}\n\n{item.sentence} Officials gave no further details."
        start = text.index(item.sentence)
        trig = item.sentence.index(item.trigger) + start
        url = f"https://{OUTLETS[item.outlet]}/{item.date[:4]}/{item.date[5:7]}/{_slug(title)}"
        doc = Document(text=text, url=url, title=title, source_name=item.outlet, published=item.date,
                       published_precision="day", published_basis="metadata", format="html")
        info = cameo(item.code)
        sname, scountry, srole = ACTORS[item.source]
        tname, tcountry, trole = ACTORS[item.target]
        m = Mention(
            doc_id=doc.doc_id, sentence=item.sentence, sent_start=start, sent_end=start + len(item.sentence),
            trigger=item.trigger, trigger_start=trig, trigger_end=trig + len(item.trigger),
            cameo_code=info.code, cameo_root=info.code[:2], goldstein=info.goldstein, quad_class=info.quad_class,
            plover_type=info.plover_type, plover_mode=info.plover_mode,
            source_actor=item.source, target_actor=item.target, source_actor_name=sname, target_actor_name=tname,
            source_country=scountry, target_country=tcountry, source_role=srole, target_role=trole,
            modality=item.modality,
            attributed_to="the president" if item.modality == "reported" else None,
            date=item.date, date_end=item.date, date_precision="day", date_basis="publication",
            confidence=0.8, doc_url=url, doc_title=title, source_name=item.outlet, published=item.date,
            published_precision="day",
        )
        out.append((doc, [m]))
    return out


def merge_store(store: Store) -> int:
    """Merge mentions into events exactly as `dragoman ingest` does at the end of a batch."""
    try:
        from dragoman.batch import remerge
    except ImportError:  # the ingest package is being rebuilt; merging itself only needs dragoman.merge
        from dragoman.merge import merge_mentions

        def remerge(store: Store) -> int:
            dup = {d["doc_id"] for d in store.documents() if d.get("duplicate_of")}
            events, assignment = merge_mentions([m for m in store.mentions() if m["doc_id"] not in dup])
            store.replace_events(events, assignment)
            return len(events)

    return remerge(store)


def build_store(path: str | Path) -> str:
    """Write the test corpus into a DuckDB file at `path` and return its path."""
    path = str(path)
    store = open_store(path)
    try:
        for doc, mentions in make_documents():
            store.add_document(doc, mentions)
        merge_store(store)
    finally:
        store.close()
    return path


if __name__ == "__main__":  # python -m tests.webdata out.duckdb
    import sys

    print(build_store(sys.argv[1] if len(sys.argv) > 1 else "webdata.duckdb"))
