"""Offline geocoding of place names (dragoman.geo)."""
from __future__ import annotations

from dragoman.geo import geocode


def test_a_city_own_name_beats_a_bigger_city_alternate_name():
    # GeoNames lists "Islamabad" among the old names of Chattogram, which is more populous
    assert geocode("Islamabad").country == "PAK"
    assert geocode("Chittagong").country == "BGD"  # an alternate name still resolves when no city owns it


def test_countries_give_no_point_and_unknown_names_nothing():
    place = geocode("Turkey")
    assert (place.country, place.lat, place.kind) == ("TUR", None, "country")
    assert geocode("Nowhereville Qq") is None and geocode("") is None
