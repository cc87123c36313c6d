"""Synthetic data for the benchmarks.

Two things come out of here:

* `write_articles(dir, n)`: article files (`.txt`, some with a `.meta.json` sidecar, some with a
  `date YYYY-MM-DD Title` header) built from many sentence templates with varied people,
  places, numbers and dates, so extraction and dateparser see realistic text.
* `build_store(path, ...)`: a store at the scale users reach after years of reading (1,000,000
  statements, 1,000,000 events, 500,000 metrics over 100,000 articles by default) written in
  bulk: big executemany transactions with the FTS triggers dropped, then one FTS `rebuild`
  per table and the triggers put back, which takes minutes where ingesting would take hours.

The schema always comes from `store.db.open_store`, so the bulk store is a real sitrep store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.db import KEYED_FTS, fill_keyed_fts, fill_oblasts, open_store, row_counts
from store.happenings import group_all

# ---------------------------------------------------------------------------------------------
# Vocabulary. (name, role, side): roles are the way a reporter introduces the person.

PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("Volodymyr Zelensky", "Ukrainian President", "Ukraine"),
    ("Vladimir Putin", "Russian President", "Russia"),
    ("Dmitry Peskov", "Kremlin spokesman", "Russia"),
    ("Sergei Lavrov", "Russian Foreign Minister", "Russia"),
    ("Maria Zakharova", "Russian Foreign Ministry spokeswoman", "Russia"),
    ("Andrii Sybiha", "Ukrainian Foreign Minister", "Ukraine"),
    ("Rustem Umerov", "Ukraine's chief negotiator", "Ukraine"),
    ("Andriy Yermak", "head of Ukraine's presidential office", "Ukraine"),
    ("Kyrylo Budanov", "Ukraine's military intelligence chief", "Ukraine"),
    ("Oleksandr Syrskyi", "Ukraine's commander-in-chief", "Ukraine"),
    ("Denys Shmyhal", "Ukrainian Defence Minister", "Ukraine"),
    ("Yulia Svyrydenko", "Ukrainian Prime Minister", "Ukraine"),
    ("Donald Trump", "US President", "United States"),
    ("Marco Rubio", "US Secretary of State", "United States"),
    ("Steve Witkoff", "US special envoy", "United States"),
    ("Keith Kellogg", "US envoy for Ukraine", "United States"),
    ("JD Vance", "US Vice President", "United States"),
    ("Emmanuel Macron", "French President", "France"),
    ("Keir Starmer", "British Prime Minister", "United Kingdom"),
    ("Friedrich Merz", "German Chancellor", "Germany"),
    ("Mark Rutte", "NATO Secretary General", "NATO"),
    ("Ursula von der Leyen", "European Commission President", "European Union"),
    ("Kaja Kallas", "EU foreign policy chief", "European Union"),
    ("Recep Tayyip Erdogan", "Turkish President", "Turkey"),
    ("Yuri Ushakov", "Kremlin foreign policy aide", "Russia"),
    ("Kirill Dmitriev", "Russian envoy", "Russia"),
    ("Vladimir Medinsky", "head of the Russian delegation", "Russia"),
    ("Andrei Belousov", "Russian Defence Minister", "Russia"),
    ("Valery Gerasimov", "Russia's chief of the general staff", "Russia"),
    ("Dmitry Medvedev", "deputy chairman of Russia's Security Council", "Russia"),
    ("Alexander Stubb", "Finnish President", "Finland"),
    ("Giorgia Meloni", "Italian Prime Minister", "Italy"),
    ("Donald Tusk", "Polish Prime Minister", "Poland"),
    ("Viktor Orban", "Hungarian Prime Minister", "Hungary"),
    ("Antonio Guterres", "UN Secretary-General", "United Nations"),
    ("Rafael Grossi", "head of the IAEA", "IAEA"),
)

# Regional officials are invented from first names and surnames so names vary a lot.
UA_FIRST = ("Oleh", "Ivan", "Serhiy", "Vadym", "Mykola", "Oleksandr", "Vitaliy", "Yuriy",
            "Andriy", "Petro", "Iryna", "Olena", "Natalia", "Tetiana", "Roman", "Taras",
            "Bohdan", "Dmytro", "Ihor", "Volodymyr")
UA_LAST = ("Kovalenko", "Syniehubov", "Fedorov", "Kiper", "Filashkin", "Lysak", "Prokudin",
           "Kim", "Terekhov", "Tkachenko", "Bondarenko", "Shevchuk", "Melnyk", "Kravchenko",
           "Hrytsenko", "Polishchuk", "Lysenko", "Marchenko", "Savchenko", "Rudenko")
RU_FIRST = ("Vyacheslav", "Alexander", "Alexei", "Igor", "Roman", "Sergei", "Andrei",
            "Mikhail", "Yevgeny", "Nikolai", "Denis", "Pavel")
RU_LAST = ("Gladkov", "Bogomaz", "Khinshtein", "Smirnov", "Starovoit", "Volkov", "Orlov",
           "Sokolov", "Kuznetsov", "Morozov", "Pushilin", "Saldo", "Balitsky", "Pasechnik")
UA_ROLES = ("governor of the {region} region", "head of the {city} military administration",
            "mayor of {city}", "regional police chief in {region}", "{city}'s deputy mayor")
RU_ROLES = ("governor of the {ru_region} region", "acting governor of {ru_region}",
            "Moscow-installed official in {region}")

INSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("the Kremlin", "Russia"),
    ("Ukraine's General Staff", "Ukraine"),
    ("Russia's Defence Ministry", "Russia"),
    ("the Ukrainian Air Force", "Ukraine"),
    ("the Institute for the Study of War", "United States"),
    ("the UN human rights monitoring mission", "United Nations"),
    ("the State Emergency Service", "Ukraine"),
    ("the White House", "United States"),
    ("the State Department", "United States"),
    ("Ukraine's Foreign Ministry", "Ukraine"),
    ("the European Commission", "European Union"),
)

UA_CITIES = ("Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Kherson", "Mykolaiv",
             "Sumy", "Chernihiv", "Poltava", "Lviv", "Kryvyi Rih", "Vinnytsia", "Ternopil",
             "Ivano-Frankivsk", "Khmelnytskyi", "Rivne", "Zhytomyr", "Cherkasy", "Izmail")
FRONT_TOWNS = ("Pokrovsk", "Kostiantynivka", "Kramatorsk", "Sloviansk", "Bakhmut", "Avdiivka",
               "Kupiansk", "Huliaipole", "Siversk", "Lyman", "Toretsk", "Chasiv Yar",
               "Vovchansk", "Myrnohrad", "Velyka Novosilka", "Orikhiv", "Kurakhove",
               "Vuhledar", "Robotyne", "Stepnohirsk", "Druzhkivka", "Rodynske")
UA_REGIONS = ("Donetsk", "Kharkiv", "Zaporizhzhia", "Dnipropetrovsk", "Sumy", "Kherson",
              "Odesa", "Mykolaiv", "Chernihiv", "Kyiv", "Luhansk", "Poltava")
RU_REGIONS = ("Belgorod", "Kursk", "Bryansk", "Rostov", "Voronezh", "Krasnodar", "Oryol",
              "Tula", "Leningrad", "Saratov")
VENUES = ("Istanbul", "Riyadh", "Jeddah", "Abu Dhabi", "Geneva", "Anchorage", "Miami",
          "Berlin", "Paris", "London", "Washington", "Moscow", "Doha", "Brussels", "Rome")
VILLAGE_PREFIXES = ("Novo", "Staro", "Velyko", "Mala ", "Pishchane", "Zoriane")
VILLAGE_STEMS = ("pillia", "mykolaivka", "selivka", "dmytrivka", "kalynove", "oleksandrivka")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "fifteen", "twenty")
WEAPONS = ("drones", "Shahed drones", "ballistic missiles", "cruise missiles", "missiles",
           "guided aerial bombs", "attack drones", "Iskander missiles", "Kinzhal missiles")
TARGETS = ("energy infrastructure", "a residential building", "a railway station",
           "a hospital", "port facilities", "a power substation", "an apartment block",
           "a grain terminal", "a thermal power plant", "a supermarket", "a school",
           "an oil refinery", "an ammunition depot", "a military airfield", "a fuel depot")
TOPICS = ("ceasefire", "territory", "security guarantees", "sanctions", "prisoner exchange",
          "energy truce", "Black Sea", "Zaporizhzhia nuclear plant", "peacekeepers",
          "elections", "frozen assets", "air defence", "mobilisation", "NATO membership")
OUTLETS = ("Reuters", "AP", "Kyiv Independent", "BBC", "CNBC", "Ukrainska Pravda", "Meduza",
           "The Guardian", "Al Jazeera", "Euronews", "Politico", "DW")

# Quote pieces: a claim is opener + subject + predicate, so quotes rarely repeat exactly.
QUOTE_OPENERS = ("", "", "We believe ", "Let me be clear: ", "Frankly, ", "Today ",
                 "As of now, ", "Once again, ", "I think ", "Our position is simple: ")
QUOTE_SUBJECTS = ("Russia", "Moscow", "Kyiv", "the Kyiv regime", "Ukraine", "our partners",
                  "Europe", "the American side", "the other side", "our army",
                  "the delegation", "the coalition of the willing", "no one", "the enemy")
QUOTE_PREDICATES = (
    "is not ready for a real ceasefire",
    "must withdraw its troops from {region}",
    "will not give up a single metre of {region}",
    "wants peace, but not at any price",
    "is preparing a new offensive near {town}",
    "has violated the energy truce again",
    "should stop the strikes on {city} first",
    "needs more air defence before the winter",
    "is dragging out the talks in {venue}",
    "has agreed to exchange {n} prisoners",
    "will keep pushing for security guarantees",
    "is betting only on war",
    "cannot accept foreign troops on Ukrainian soil",
    "is ready to meet at the leaders' level",
    "will respond to every strike on {ru_region}",
    "has shown no willingness to compromise on {topic}",
    "is close to an agreement on {topic}",
    "must pay for the destruction of {city}",
)

SAY = ("said", "told reporters", "said in a statement", "wrote on Telegram",
       "said in his nightly address", "told journalists in {venue}", "said on X",
       "told a news conference", "said in an interview with {outlet}")
INDIRECT_SAY = ("said", "told reporters", "claimed", "warned", "insisted", "added")


@dataclass(slots=True)
class Day:
    """A calendar day and the ways a reporter writes it relative to publication."""

    date: dt.date

    def phrase(self, rng: random.Random, published: dt.date) -> str:
        delta = (published - self.date).days
        choice = rng.random()
        if 0 <= delta < 7 and choice < 0.45:
            return "on " + WEEKDAYS[self.date.weekday()]
        if 0 <= delta < 7 and choice < 0.55:
            return "overnight into " + WEEKDAYS[self.date.weekday()]
        if choice < 0.75:
            return f"on {MONTHS[self.date.month - 1]} {self.date.day}"
        if choice < 0.85:
            return f"on {self.date.day} {MONTHS[self.date.month - 1]} {self.date.year}"
        if choice < 0.92:
            return f"on {MONTHS[self.date.month - 1]} {self.date.day}, {self.date.year}"
        return "earlier this month" if delta < 20 else f"in {MONTHS[self.date.month - 1]}"


class Vocabulary:
    """Random picks from the vocabulary, seeded so a run is reproducible."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, items: tuple[str, ...]) -> str:
        return items[int(self.rng.random() * len(items))]

    def number(self, low: int, high: int) -> str:
        value = self.rng.randint(low, high)
        if value <= 20 and self.rng.random() < 0.5 and value >= 2:
            return NUMBER_WORDS[min(value - 2, len(NUMBER_WORDS) - 1)]
        return f"{value:,}"

    def official(self) -> tuple[str, str]:
        """An invented regional official: (name, role)."""
        if self.rng.random() < 0.7:
            name = f"{self.pick(UA_FIRST)} {self.pick(UA_LAST)}"
            role = self.pick(UA_ROLES)
        else:
            name = f"{self.pick(RU_FIRST)} {self.pick(RU_LAST)}"
            role = self.pick(RU_ROLES)
        return name, self.fill(role)

    def speaker(self) -> tuple[str, str]:
        if self.rng.random() < 0.65:
            name, role, _ = PEOPLE[int(self.rng.random() * len(PEOPLE))]
            return name, role
        return self.official()

    def fill(self, template: str) -> str:
        # Only the placeholders a template names are drawn.
        values: dict[str, str] = {}
        for key, source in (("city", UA_CITIES), ("town", FRONT_TOWNS), ("region", UA_REGIONS),
                            ("ru_region", RU_REGIONS), ("venue", VENUES), ("topic", TOPICS),
                            ("outlet", OUTLETS), ("weapon", WEAPONS), ("target", TARGETS)):
            if "{" + key + "}" in template:
                values[key] = self.pick(source)
        if "{n}" in template:
            values["n"] = self.number(10, 1200)
        return template.format(**values) if values else template

    def quote(self) -> str:
        claim = self.pick(QUOTE_SUBJECTS) + " " + self.fill(self.pick(QUOTE_PREDICATES))
        opener = self.pick(QUOTE_OPENERS)
        text = opener + (claim if opener else claim[0].upper() + claim[1:])
        return text + "."


# ---------------------------------------------------------------------------------------------
# Sentence templates for articles. Each takes (vocabulary, day phrase) and returns a sentence.

SentenceMaker = Callable[[Vocabulary, str], str]


def _direct_quote(v: Vocabulary, when: str) -> str:
    name, role = v.speaker()
    say = v.fill(v.pick(SAY))
    quote = v.quote()
    if v.rng.random() < 0.5:
        return f'"{quote[:-1]}," {role} {name} {say} {when}.'
    return f'{role[0].upper() + role[1:]} {name} {say} {when}: "{quote}"'


def _indirect_speech(v: Vocabulary, when: str) -> str:
    name, role = v.speaker()
    claim = v.pick(QUOTE_SUBJECTS) + " " + v.fill(v.pick(QUOTE_PREDICATES))
    # "the Ukrainian President", but not "the Ukraine's chief negotiator".
    the = "" if "'s" in role.split()[0] else "the "
    return f"{name}, {the}{role}, {v.pick(INDIRECT_SAY)} {when} that {claim}."


def _strike(v: Vocabulary, when: str) -> str:
    n = v.number(3, 480)
    weapon = v.pick(WEAPONS)
    city = v.pick(UA_CITIES)
    return v.pick((
        f"Russia launched {n} {weapon} at Ukraine {when}, targeting {city}, the Ukrainian Air "
        f"Force said.",
        f"Russian forces struck {v.pick(TARGETS)} in {city} {when} with {n} {weapon}.",
        f"Air defences shot down {n} of the {weapon} fired at {city} and surrounding areas {when}.",
    ))


def _casualties(v: Vocabulary, when: str) -> str:
    killed = v.number(1, 40)
    injured = v.number(2, 120)
    place = v.pick(UA_CITIES + FRONT_TOWNS)
    qualifier = v.pick(("at least ", "", "more than ", "nearly "))
    return v.pick((
        f"{qualifier.capitalize()}{killed} people were killed and {injured} injured in {place} "
        f"{when}, officials said.",
        f"The attack on {place} {when} killed {qualifier}{killed} civilians, including "
        f"{v.number(1, 6)} children.",
        f"{injured.capitalize() if injured[0].isalpha() else injured} people were wounded when "
        f"a strike hit {v.pick(TARGETS)} in {place} {when}.",
    ))


def _advance(v: Vocabulary, when: str) -> str:
    town = v.pick(FRONT_TOWNS)
    return v.pick((
        f"Russia's Defence Ministry claimed {when} that its troops had captured the village of "
        f"{v.pick(VILLAGE_PREFIXES)}{v.pick(VILLAGE_STEMS)} near {town}.",
        f"Ukrainian forces repelled {v.number(12, 180)} Russian assaults along the {town} "
        f"axis {when}, the General Staff said.",
        f"Russian troops advanced about {v.number(1, 9)} kilometres towards {town} {when}, "
        f"according to the Institute for the Study of War.",
        f"Ukraine said {when} it had pushed Russian units back from the outskirts of {town}.",
    ))


def _talks(v: Vocabulary, when: str) -> str:
    venue = v.pick(VENUES)
    return v.pick((
        f"Delegations from Ukraine, Russia and the United States met in {venue} {when} for a "
        f"new round of peace talks.",
        f"{v.speaker()[0]} held a phone call with {v.speaker()[0]} {when} to discuss "
        f"{v.pick(TOPICS)}.",
        f"Talks in {venue} ended {when} without a breakthrough on {v.pick(TOPICS)}.",
        f"{v.speaker()[0]} and {v.speaker()[0]} are due to meet in {venue} {when}, officials "
        f"said.",
        f"The two sides agreed {when} to exchange {v.number(80, 1200)} prisoners of war after "
        f"talks in {venue}.",
    ))


def _ceasefire(v: Vocabulary, when: str) -> str:
    return v.pick((
        f"A {v.number(3, 30)}-day ceasefire on strikes against {v.pick(TARGETS)} took effect "
        f"{when}.",
        f"Kyiv accused Moscow {when} of breaking the energy truce with strikes on "
        f"{v.pick(UA_CITIES)}.",
        f"The proposed ceasefire would freeze the front line along the {v.pick(UA_REGIONS)} "
        f"region, {v.speaker()[0]} said {when}.",
        f"Moscow rejected {when} a call for an unconditional {v.number(30, 90)}-day ceasefire.",
    ))


def _background(v: Vocabulary, when: str) -> str:
    return v.pick((
        "Russia launched its full-scale invasion of Ukraine in February 2022.",
        f"Moscow occupies about a fifth of Ukraine's territory, including most of the "
        f"{v.pick(UA_REGIONS)} region.",
        f"The war has displaced millions of people, and {v.pick(UA_CITIES)} has been hit "
        f"repeatedly in recent months.",
        f"Neither side's figures could be independently verified by {v.pick(OUTLETS)}.",
        f"European leaders are due to discuss {v.pick(TOPICS)} at a summit in "
        f"{v.pick(VENUES)} next week.",
        f"Power outages continued in parts of the {v.pick(UA_REGIONS)} region after the strikes.",
    ))


SENTENCE_MAKERS: tuple[tuple[SentenceMaker, float], ...] = (
    (_direct_quote, 3.0),
    (_indirect_speech, 2.0),
    (_strike, 2.0),
    (_casualties, 1.5),
    (_advance, 1.5),
    (_talks, 2.0),
    (_ceasefire, 1.0),
    (_background, 1.5),
)
_MAKERS = tuple(m for m, _ in SENTENCE_MAKERS)
_WEIGHTS = tuple(w for _, w in SENTENCE_MAKERS)

FIRST_DAY = dt.date(2022, 2, 24)
LAST_DAY = dt.date(2026, 2, 28)


def article_text(rng: random.Random, published: dt.date, paragraphs: int) -> tuple[str, str]:
    """(title, body) of one synthetic article published on `published`."""
    v = Vocabulary(rng)
    title = v.pick((
        f"Russia strikes {v.pick(UA_CITIES)} as talks resume in {v.pick(VENUES)}",
        f"{v.speaker()[0]} says {v.pick(QUOTE_SUBJECTS)} {v.fill(v.pick(QUOTE_PREDICATES))}",
        f"Fighting intensifies near {v.pick(FRONT_TOWNS)}",
        f"Ukraine war latest: {v.pick(TOPICS)} on the agenda in {v.pick(VENUES)}",
        f"{v.number(20, 500).capitalize()} drones launched at {v.pick(UA_CITIES)} overnight",
    ))
    body: list[str] = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            day = Day(published - dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 5, 9, 20))))
            maker = rng.choices(_MAKERS, _WEIGHTS)[0]
            sentences.append(maker(v, day.phrase(rng, published)))
        body.append(" ".join(sentences))
    return title, "\n\n".join(body)


def random_day(rng: random.Random) -> dt.date:
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + dt.timedelta(days=rng.randint(0, span))


def write_articles(directory: Path, count: int, *, seed: int = 1) -> list[Path]:
    """Write `count` article files (8-16 paragraphs each, about 3-6 KB) under `directory`.

    A third carry a `date` header line, a third a `.meta.json` sidecar with the publication
    date and source, and the rest no date at all (sitrep infers one from the text).
    """
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(count):
        published = random_day(rng)
        title, body = article_text(rng, published, rng.randint(8, 16))
        path = directory / f"{i:06d}.txt"
        style = i % 3
        if style == 0:
            path.write_text(f"date {published.isoformat()} {title}\n\n{body}\n", encoding="utf-8")
        else:
            path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        if style == 1:
            meta = {"published": published.isoformat(), "source": rng.choice(OUTLETS)}
            path.with_name(path.stem + ".meta.json").write_text(json.dumps(meta))
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# The bulk store.

EVENT_KINDS = ("strike", "talks", "call", "meeting", "advance", "ceasefire", "prisoner_exchange",
               "sanctions", "aid", "casualties")
METRIC_KINDS = ("drones", "missiles", "killed", "injured", "prisoners", "assaults",
                "territory_km2", "drones_intercepted")  # contract v2 names
BATCH_ROWS = 50_000


FULL_ARTICLES, FULL_STATEMENTS, FULL_EVENTS, FULL_METRICS = 100_000, 1_000_000, 1_000_000, 500_000


@dataclass(slots=True)
class StoreSize:
    articles: int = FULL_ARTICLES
    statements: int = FULL_STATEMENTS
    events: int = FULL_EVENTS
    metrics: int = FULL_METRICS


def _actor_pool(rng: random.Random) -> list[tuple[str, str, str | None]]:
    """Every actor the bulk store names: (name, kind, side)."""
    actors: dict[str, tuple[str, str, str | None]] = {}
    for name, _role, side in PEOPLE:
        actors[name] = (name, "person", side)
    for name, side in INSTITUTIONS:
        actors[name] = (name, "institution", side)
    for first in UA_FIRST:
        for last in UA_LAST[: rng.randint(4, len(UA_LAST))]:
            actors.setdefault(f"{first} {last}", (f"{first} {last}", "person", "Ukraine"))
    for first in RU_FIRST:
        for last in RU_LAST[: rng.randint(3, len(RU_LAST))]:
            actors.setdefault(f"{first} {last}", (f"{first} {last}", "person", "Russia"))
    return list(actors.values())


def _article_rows(rng: random.Random, count: int) -> list[tuple]:
    """Short articles in publication order (the order a user ingests them, roughly)."""
    days = sorted(random_day(rng) for _ in range(count))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows = []
    for i, day in enumerate(days):
        title, body = article_text(rng, day, 1)
        text = f"{title}\n\n{body}\n"
        article_id = hashlib.sha256(f"{i}\n{text}".encode()).hexdigest()[:16]
        rows.append((article_id, title, day.isoformat(), 0, rng.choice(OUTLETS),
                     f"https://example.org/{article_id}", f"/news/{day.year}/{i:06d}.txt",
                     text, now))
    return rows


def _spread(total: int, parents: int, rng: random.Random) -> list[int]:
    """How many rows each of `parents` articles gets, summing exactly to `total`."""
    counts = [0] * parents
    for _ in range(total):
        counts[int(rng.random() * parents)] += 1
    return counts


def _child_rows(
    kind: str,
    articles: list[tuple],
    per_article: list[int],
    actors: list[tuple[str, str, str | None]],
    actor_ids: dict[str, int],
    rng: random.Random,
) -> Iterator[tuple]:
    v = Vocabulary(rng)
    for article, count in zip(articles, per_article, strict=True):
        article_id, published = article[0], dt.date.fromisoformat(article[2])
        for _ in range(count):
            if rng.random() < 0.05:
                date, precision = None, "unknown"
            else:
                date = (published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 4))))
                date, precision = date.isoformat(), "day"
            if kind == "statements":
                name, role = v.speaker()
                quote = v.quote()
                direct = rng.random() < 0.7
                evidence = (f'{role} {name} said: "{quote}"' if direct
                            else f"{name} said that {quote[0].lower()}{quote[1:]}")
                topics = json.dumps(rng.sample(TOPICS, rng.randint(0, 2)))
                yield (article_id, name, actor_ids.get(name), quote,
                       "direct" if direct else "indirect", date, precision, topics, evidence,
                       0, len(evidence))
            elif kind == "events":
                maker = rng.choices(_MAKERS[2:], _WEIGHTS[2:])[0]
                evidence = maker(v, "on " + (date or "an unknown day"))
                names = [actors[int(rng.random() * len(actors))][0]
                         for _ in range(rng.randint(1, 2))]
                yield (article_id, v.pick(EVENT_KINDS), date, precision,
                       "occurred" if rng.random() < 0.9 else "planned",
                       v.pick(UA_CITIES + FRONT_TOWNS + VENUES), json.dumps(names),
                       evidence[:80], evidence, 0, len(evidence))
            else:
                evidence = _strike(v, "on " + (date or "an unknown day"))
                claimant = actors[int(rng.random() * len(actors))][0]
                yield (article_id, v.pick(METRIC_KINDS), float(rng.randint(1, 800)),
                       v.pick(("exact", "exact", "at_least", "over", "about", "up_to")),
                       rng.choice(("Russia", "Ukraine", None)), v.pick(UA_CITIES + FRONT_TOWNS),
                       date, precision, claimant, actor_ids.get(claimant), evidence, 0,
                       len(evidence))


INSERT_SQL = {
    "statements": "INSERT INTO statements (article_id, speaker, speaker_id, quote, mode, date, "
                  "date_precision, topics, evidence, span_start, span_end) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "events": "INSERT INTO events (article_id, kind, date, date_precision, status, location, "
              "actors, summary, evidence, span_start, span_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "metrics": "INSERT INTO metrics (article_id, kind, value, qualifier, side, location, date, "
               "date_precision, claimant, claimant_id, evidence, span_start, span_end) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
}


def _batched(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fts_triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER sql) of the triggers that keep the FTS tables in step."""
    return [
        (name, sql)
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%_fts%'"
        )
    ]


def build_store(
    path: Path,
    size: StoreSize | None = None,
    *,
    seed: int = 2,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Write a bulk store at `path` (which must not exist yet); returns its row counts."""
    size = size or StoreSize()
    if path.exists():
        raise FileExistsError(f"{path} exists; remove it or reuse it with --store")
    # Built under another name and renamed at the end, so an interrupted build never leaves
    # a half-written store that a later --store run would take for a whole one.
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, partial.with_name(partial.name + "-wal"),
                     partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    rng = random.Random(seed)
    started = time.perf_counter()
    db = open_store(partial)  # the real schema, FTS tables and triggers
    conn = db.conn
    triggers = _fts_triggers(conn)
    # Bulk-load settings: no journal or fsync (a failed build is simply deleted and redone),
    # a big page cache for the index b-trees.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -512000")
    conn.execute("PRAGMA foreign_keys = OFF")
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {name}")

    actors = _actor_pool(rng)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO actors (name, kind, side) VALUES (?, ?, ?)", actors)
    actor_ids = {name: actor_id for actor_id, name in conn.execute("SELECT id, name FROM actors")}
    conn.executemany("INSERT INTO actor_aliases (alias, actor_id) VALUES (?, ?)",
                     [(name, actor_id) for name, actor_id in actor_ids.items()])
    articles = _article_rows(rng, size.articles)
    conn.executemany("INSERT INTO articles (id, title, published, published_inferred, source, "
                     "url, path, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?)", articles)
    conn.execute("COMMIT")
    log(f"articles: {len(articles):,} in {time.perf_counter() - started:.0f}s")

    for kind, total in (("statements", size.statements), ("events", size.events),
                        ("metrics", size.metrics)):
        per_article = _spread(total, len(articles), rng)
        rows = _child_rows(kind, articles, per_article, actors, actor_ids, rng)
        conn.execute("BEGIN")
        for batch in _batched(rows, BATCH_ROWS):
            conn.executemany(INSERT_SQL[kind], batch)
        # As ingest does: every row keeps its article's date (undated rows sort by it).
        conn.execute(f"UPDATE {kind} SET reported = "
                     f"(SELECT published FROM articles a WHERE a.id = {kind}.article_id)")
        conn.execute("COMMIT")
        log(f"{kind}: {total:,} rows at {time.perf_counter() - started:.0f}s")

    # Link every event to the actors it names, and give each event and metric its oblast,
    # as ingest does.
    conn.execute("BEGIN")
    fill_oblasts(conn)
    conn.execute(
        "INSERT OR IGNORE INTO event_actors (event_id, actor_id) "
        "SELECT events.id, actors.id FROM events, json_each(events.actors) AS names "
        "JOIN actors ON actors.name = names.value"
    )
    conn.execute("COMMIT")
    log(f"event_actors at {time.perf_counter() - started:.0f}s")
    # Group the metrics into happenings, as ingest does (store.happenings).
    conn.execute("BEGIN")
    group_all(conn)
    conn.execute("COMMIT")
    log(f"happenings at {time.perf_counter() - started:.0f}s")

    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    log(f"articles_fts rebuilt at {time.perf_counter() - started:.0f}s")
    for table in KEYED_FTS:
        fill_keyed_fts(conn, table)
        log(f"{table}_fts filled at {time.perf_counter() - started:.0f}s")
    for _name, sql in triggers:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    counts = row_counts(db)
    conn.close()
    partial.rename(path)
    log(f"store {path} written in {time.perf_counter() - started:.0f}s: {counts}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate benchmark data for sitrep.")
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("articles", help="write synthetic article files")
    p.add_argument("directory", type=Path)
    p.add_argument("--count", type=int, default=100)
    p = sub.add_parser("store", help="write a bulk store")
    p.add_argument("path", type=Path)
    p.add_argument("--articles", type=int, default=FULL_ARTICLES)
    p.add_argument("--statements", type=int, default=FULL_STATEMENTS)
    p.add_argument("--events", type=int, default=FULL_EVENTS)
    p.add_argument("--metrics", type=int, default=FULL_METRICS)
    args = parser.parse_args(argv)
    if args.what == "articles":
        paths = write_articles(args.directory, args.count)
        print(f"wrote {len(paths)} articles to {args.directory}")
    else:
        size = StoreSize(args.articles, args.statements, args.events, args.metrics)
        build_store(args.path, size, log=lambda message: print(message, file=sys.stderr))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
