"""A record's oblast, from its location: the Ukraine place list (data/ukraine_places.json, made
by tools/build_places.py from GeoNames and KATOTTG) read once per process.

"Kharkiv" (a city), "Kharkiv Oblast", "the Kharkiv region" and "Kharkov" all give
"Kharkiv Oblast"; "Kyiv" is the city with special status, "Kyiv region" the oblast around it.
Places the extraction gazetteer puts outside Ukraine (Belgorod, Kursk, Geneva) get none, and so
does a name shared by places of several oblasts when none of them clearly dominates.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from store.extract.gazetteer import fold, load, places

DATA_FILE = "ukraine_places.json"
# A name shared by places of two oblasts goes to the larger place when it is this many times
# the size of the next one (Huliaipole the town, not a village of that name elsewhere).
_DOMINANT = 5
_REGION_WORDS = re.compile(r"^(?:the\s+)?(.+?)\s+(?:oblast|region|province|area|raion|district|"
                           r"governorate)$")
_NOT_KEY = re.compile(r"['\u2019\u02bc`.]")


def _key(name: str) -> str:
    """Folded, apostrophes and dots dropped, spaces and hyphens made one: Vovchans'k ->
    vovchansk, Ivano Frankivsk -> ivano-frankivsk."""
    return re.sub(r"[\s-]+", "-", _NOT_KEY.sub("", fold(name)).strip())


def data() -> dict[str, Any]:
    return load(DATA_FILE)


def oblast_names() -> list[str]:
    """The 27 top-level divisions (24 oblasts, Crimea, Kyiv and Sevastopol), west to east."""
    tiles = {name: info["tile"] for name, info in data()["oblasts"].items()}
    return sorted(tiles, key=lambda n: (tiles[n][1], tiles[n][0]))


@cache
def _oblast_keys() -> dict[str, str]:
    """Folded oblast name or variant -> oblast; then each oblast's root ("kharkiv" of Kharkiv
    Oblast) where no name took it: "Kyiv" stays the city."""
    out = {_key(variant): name for name, info in data()["oblasts"].items()
           for variant in (name, *info["aliases"])}
    for root, name in _oblast_roots().items():
        out.setdefault(root, name)
    return out


@cache
def _oblast_roots() -> dict[str, str]:
    """Folded root of each "X Oblast" name or variant -> that oblast: kyiv, kiev -> Kyiv Oblast."""
    return {_key(variant.removesuffix(" Oblast")): name
            for name, info in data()["oblasts"].items() if name.endswith(" Oblast")
            for variant in (name, *info["aliases"]) if variant.endswith(" Oblast")}


@cache
def _place_keys() -> dict[str, str | None]:
    """Folded place or raion name or alias -> its oblast, None when the name is ambiguous."""
    sizes: dict[str, dict[str, int]] = {}
    for place in data()["places"]:
        for name in (place["name"], *place["aliases"]):
            by_oblast = sizes.setdefault(_key(name), {})
            size = place["population"] or 0
            by_oblast[place["oblast"]] = max(by_oblast.get(place["oblast"], 0), size)
    for site, oblast in data()["sites"].items():
        sizes.setdefault(_key(site), {}).setdefault(oblast, 0)
    for oblast, raion in data()["raions"]:
        sizes.setdefault(_key(raion), {}).setdefault(oblast, 0)
    return {key: _dominant(by_oblast) for key, by_oblast in sizes.items()}


def _dominant(by_oblast: dict[str, int]) -> str | None:
    ranked = sorted(by_oblast.items(), key=lambda item: -item[1])
    if len(ranked) == 1 or ranked[0][1] >= _DOMINANT * max(ranked[1][1], 1):
        return ranked[0][0]
    return None


@lru_cache(maxsize=4096)
def oblast_of(location: str | None) -> str | None:
    """The oblast (or Kyiv, Sevastopol, Crimea) a location lies in; None outside Ukraine or
    when the place list does not know it."""
    if not location or not location.strip():
        return None
    entry = places().get(location.strip())
    if entry is not None and entry.get("country") != "Ukraine":
        return None  # the extraction gazetteer knows it abroad: Belgorod, Geneva, Kursk Oblast
    names = [location.strip()]
    if entry is not None:
        names += [entry["name"], *_gazetteer_aliases(entry["name"])]
    for name in names:
        found = _resolve(name)
        if found:
            return found
    return None


def oblast_named(name: str) -> str | None:
    """What a user means by `name` on the command line: an oblast by its name or a variant
    ("kharkiv oblast", "Zaporozhye", "Crimea"), else the oblast of a place ("Bucha")."""
    return _oblast_keys().get(_key(name)) or oblast_of(name.strip())


def _resolve(name: str) -> str | None:
    key = _key(name)
    if key in _oblast_keys():
        return _oblast_keys()[key]
    if key in _place_keys():
        return _place_keys()[key]
    region = _REGION_WORDS.match(fold(name).strip())
    if region:  # "the Kyiv region" is the oblast around the city
        root = _key(region.group(1))
        return _oblast_roots().get(root) or _oblast_keys().get(root) or _place_keys().get(root)
    return None


@cache
def _gazetteer_aliases(canonical: str) -> tuple[str, ...]:
    """The extraction gazetteer's other spellings of a place (Sievierodonetsk: Severodonetsk)."""
    return tuple(alias for alias, entry in places().items()
                 if entry["name"] == canonical and alias != canonical)


def tiles() -> dict[str, tuple[int, int, str]]:
    """Oblast -> (row, column, short label) on a tile-grid map of Ukraine, north at the top."""
    return {name: (info["tile"][0], info["tile"][1], info["label"])
            for name, info in data()["oblasts"].items()}
