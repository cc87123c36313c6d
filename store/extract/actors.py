"""Who is named in an article: the actor gazetteer plus what the article itself teaches.

`ActorBook` is per-article state. It finds actor mentions in each sentence (gazetteer names and
aliases, "TITLE Name" persons, surnames of persons already named, role phrases, he/she) and
resolves each to a canonical name. A capitalised name after a title ("Foreign Minister Sergei
Lavrov", "spokesman Dmitry Peskov") becomes an actor of its own; spelling variants merge
(Zelensky / Zelenskyy, Sergei / Sergey) through `gazetteer.name_key`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from store.extract.gazetteer import first_chars, fold, lexicon, load, name_key, places
from store.extract.records import ActorMention

_NAME_WORD = r"(?:[A-Z][a-zà-ÿ]+(?:[-’'][A-Za-z][a-zà-ÿ]+)*|[A-Z]\.(?:[A-Z]\.)?)"
_PARTICLE = r"(?:von|der|van|de|den|bin|ibn|al|la|le|da|dos)"
_NAME_SEQ = re.compile(
    _NAME_WORD + r"(?:\s+(?:" + _PARTICLE + r"\s+)*(?:al-)?" + _NAME_WORD + r")+")
_HONORIFICS = {"sir", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prince", "king",
               "sheikh", "lord", "dame"}
# Capitalised words that are never part of a person's name.
_NOT_NAME = {
    "the", "a", "an", "in", "on", "at", "of", "and", "but", "for", "with", "from", "as", "by",
    "state", "department", "ministry", "foreign", "defense", "defence", "security", "council",
    "conference", "palace", "day", "war", "institute", "service", "force", "forces", "air",
    "army", "military", "district", "command", "staff", "general", "national", "house", "white",
    "united", "nations", "states", "kingdom", "union", "european", "commission", "parliament",
    "victory", "news", "media", "agency", "office", "government", "federation", "republic",
    "north", "south", "east", "west", "eastern", "western", "central", "oblast", "region",
    "secretary", "secretary-general", "minister", "president", "prime",
    "spokesman", "spokeswoman", "spokesperson",
    "envoy", "adviser", "advisor", "aide", "chancellor", "governor", "mayor", "commander", "chief",
    "head", "negotiator", "ambassador", "senator", "special", "deputy", "vice", "middle",
    "kremlin", "russian", "ukrainian", "american", "british", "french", "german", "saudi",
    "sovereign", "wealth", "fund", "combined", "arms", "southern", "northern",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "latest", "world", "key", "takeaways", "authors", "getty", "images",
    "please", "meeting", "talks", "peace", "source", "link", "former", "regional", "top",
    "senior", "personal", "acting", "interim", "then", "it", "this", "that", "we", "they",
    "he", "she", "i", "you", "our", "their", "his", "her", "its", "after", "before", "while",
    "despite", "although", "when", "since", "both", "other", "many", "some", "officials",
}
PRONOUNS = {"he": "person", "she": "person", "He": "person", "She": "person"}
_POSSESSIVE = re.compile(r"(?:’|')s\b")
_CAPITALISED = re.compile(r"\b([A-Z][\w’'-]+)((?:’|')s\b)?")
_ROLE_HEAD = re.compile(r"(?:spokes|president|minister|negotiator|governor|mayor|"
                        r"aide|adviser|advisor|envoy|chief|head|commander|leader)\w*$", re.I)
_OWNED_ROLE = re.compile(r"(?:’s|'s|\bof\b|^(?:Kremlin|Russian|Ukrainian|U\.S\.|US|American|"
                         r"British|French|German|Ukraine|Russia|State|White))")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_SAID_AFTER = re.compile(r"\s*(?:,[^,]{0,80},\s*)?(?:has |have |had |also |then )*([a-z]+)")
_LEADING_THE = re.compile(r"^the\s+")
_WHITESPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Mention:
    start: int  # offsets in the sentence
    end: int
    name: str  # canonical name, or the role phrase when no one holds the role
    kind: str
    side: str | None
    possessive: bool = False  # "Russia’s", "Putin's"
    pronoun: bool = False
    role_phrase: bool = False  # a title with no name ("Kyiv’s chief negotiator")


@dataclass(slots=True)
class _Entry:
    name: str
    kind: str
    side: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]


@cache
def _gazetteer() -> tuple[dict[str, _Entry], dict[str, _Entry], dict[tuple[str, str], _Entry],
                          dict[str, _Entry], re.Pattern[str]]:
    """(alias -> entry, role -> entry, person name key -> entry, canonical -> entry, pattern)."""
    data: dict[str, Any] = load("actors.json")
    by_alias: dict[str, _Entry] = {}
    by_role: dict[str, _Entry] = {}
    by_key: dict[tuple[str, str], _Entry] = {}
    by_name: dict[str, _Entry] = {}
    for raw in data["actors"]:
        entry = _Entry(raw["name"], raw["kind"], raw.get("side"), tuple(raw.get("aliases", [])),
                       tuple(raw.get("roles", [])))
        by_name[entry.name] = entry
        for alias in (entry.name, *entry.aliases):
            by_alias.setdefault(alias, entry)
        for role in entry.roles:
            by_role[_role_key(role)] = entry
        if entry.kind == "person":
            by_key[name_key(entry.name)] = entry
            for alias in entry.aliases:
                if " " in alias:
                    by_key.setdefault(name_key(alias), entry)
    aliases = sorted(by_alias, key=len, reverse=True)
    # the leading class only skips positions no alias starts at (the alternation is long)
    pattern = re.compile(first_chars(aliases) + r"(?<![\w.-])(" + "|".join(
        re.escape(a) for a in aliases) + r")(?![\w-])((?:’|')s\b)?")
    return by_alias, by_role, by_key, by_name, pattern


@lru_cache(maxsize=4096)
def _role_key(role: str) -> str:
    role = fold(role)
    role = _LEADING_THE.sub("", role)
    role = role.replace("u.s.", "us").replace("u.k.", "uk")
    return _WHITESPACE.sub(" ", role).strip()


@cache
def _title_pattern() -> tuple[re.Pattern[str], int]:
    """(pattern for a title ending the text, longest title's length)."""
    titles = sorted(lexicon()["titles"], key=len, reverse=True)
    pattern = re.compile(r"(?i:" + first_chars(titles, ignore_case=True) + r"\b(?:" + "|".join(
        re.escape(t) for t in titles) + r"))\s*,?\s*$")
    return pattern, max((len(t) for t in titles), default=0)


def _title_before(before: str) -> re.Match[str] | None:
    """A title ending `before` (then only spaces and a comma). Same as searching all of it:
    a match ends in the trailing run of spaces and commas, so it starts no earlier than that
    run less the longest title (case-insensitive matching keeps lengths)."""
    pattern, longest = _title_pattern()
    tail_start = len(before.rstrip().rstrip(", \t\n\r\f\v").rstrip())
    return pattern.search(before, max(0, tail_start - longest - 1))


@cache
def _role_phrase_pattern() -> re.Pattern[str]:
    roles = sorted(lexicon()["role_nouns"], key=len, reverse=True)
    owner = r"(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?:’s|'s)\s+|" \
            r"(?:Kremlin|Russian|Ukrainian|U\.S\.|US|American|British|French|German|" \
            r"Ukraine|Russia|State Department|White House)\s+)"
    modifiers = r"(?:(?:chief|top|deputy|foreign|defen[cs]e|regional|personal|former|senior|" \
                r"lead|military|special|presidential)\s+)*"
    of_place = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)?"
    return re.compile(
        r"\b(?:[Tt]he\s+)?(" + owner + r"?" + modifiers + r"(?:" + "|".join(
            re.escape(r) for r in roles) + r")\b" + of_place + r")(?!\s+[A-Z][a-z])")


@cache
def _genders() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    data: dict[str, Any] = load("actors.json")
    known = {a["name"]: a["gender"] for a in data["actors"] if a.get("gender")}
    lex = lexicon()
    return (known, frozenset(lex.get("female_first_names", [])),
            frozenset(lex.get("male_first_names", [])))


@cache
def gender_of(name: str) -> str | None:
    """'f', 'm' or None: from the gazetteer, else from the first name."""
    known, female, male = _genders()
    if name in known:
        return known[name]
    first = name.split()[0] if name.split() else ""
    if first in female:
        return "f"
    if first in male:
        return "m"
    return None


@cache
def _skip_words() -> frozenset[str]:
    """Words peeled off the front of a capitalised run: titles, honorifics, demonyms."""
    return frozenset(_NOT_NAME | _HONORIFICS | {fold(d) for d in demonyms()})


def demonyms() -> dict[str, str]:
    return load("actors.json")["demonyms"]


def collective_nouns() -> set[str]:
    return set(load("actors.json")["collective_nouns"])


@dataclass
class ActorBook:
    """Per-article memory of who has been named, so later mentions resolve to them."""

    persons: dict[tuple[str, str], str] = field(default_factory=dict)  # name key -> canonical
    surnames: dict[str, str] = field(default_factory=dict)  # folded surname -> canonical
    roles: dict[str, str] = field(default_factory=dict)  # role key -> canonical
    used: dict[str, ActorMention] = field(default_factory=dict)
    last_person: str | None = None
    recent_persons: list[str] = field(default_factory=list)

    # ---- registering -------------------------------------------------------------------
    def _person(self, raw_name: str, title: str | None = None) -> _Entry:
        _, by_role, by_key, _, _ = _gazetteer()
        words = [w for w in raw_name.split() if fold(w).rstrip(".") not in _HONORIFICS]
        name = " ".join(words)
        key = name_key(name)
        known = by_key.get(key)
        if known is None and key[1] in self.surnames:
            canonical = self.surnames[key[1]]
            known_key = name_key(canonical)
            if not key[0] or not known_key[0] or known_key[0] == key[0]:
                known = by_key.get(known_key) or _Entry(canonical, "person", None, (), ())
        entry = known or _Entry(self.persons.get(key, name), "person", None, (), ())
        self.persons.setdefault(key, entry.name)
        self.surnames.setdefault(key[1], entry.name)
        if title:
            self.roles.setdefault(_role_key(title), entry.name)
            role_entry = by_role.get(_role_key(title))
            if entry.side is None and role_entry is not None:
                entry = _Entry(entry.name, "person", role_entry.side, (), ())
        return entry

    def note(self, entry: _Entry, alias: str | None = None) -> None:
        mention = self.used.get(entry.name)
        if mention is None:
            mention = ActorMention(entry.name, entry.kind, entry.side, tuple(entry.aliases))
            self.used[entry.name] = mention
        if alias and alias != entry.name and alias not in mention.aliases:
            mention.aliases = (*mention.aliases, alias)
        if entry.side and mention.side is None:
            mention.side = entry.side

    def note_name(self, name: str) -> None:
        """Record an actor named by a record (event actors, claimants) for the actors table."""
        by_alias, _, _, by_name, _ = _gazetteer()
        entry = by_name.get(name) or by_alias.get(name)
        if entry is None:
            key = name_key(name)
            canonical = self.persons.get(key)
            kind = "person" if canonical else "group"
            entry = _Entry(canonical or name, kind, None, (), ())
        self.note(entry)

    # ---- finding -------------------------------------------------------------------------
    def mentions(self, sentence: str) -> list[Mention]:
        """Actor mentions in one sentence, left to right, resolving as it goes."""
        by_alias, by_role, _, by_name, pattern = _gazetteer()
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return not any(s < te and ts < e for ts, te in taken)

        # 1. capitalised name sequences: persons (known, or after a title, or learnt earlier)
        for m in _NAME_SEQ.finditer(sentence):
            words = m.group(0).split()
            # peel leading title / organisation words ("Foreign Minister Sergei Lavrov")
            lead = 0
            skip_words = _skip_words()
            while lead < len(words) - 1 and fold(words[lead]).rstrip(".") in skip_words:
                lead += 1
            name_words = words[lead:]
            while name_words and fold(name_words[-1]).rstrip(".,") in _NOT_NAME:
                name_words = name_words[:-1]
            # "Energy Minister Svitlana Hrynchuk": a title word inside the run ends the title
            inner = [i for i, w in enumerate(name_words) if fold(w).rstrip(".") in _NOT_NAME]
            if inner and len(name_words) - inner[-1] - 1 >= 2:
                lead += inner[-1] + 1
                name_words = name_words[inner[-1] + 1:]
            if len(name_words) < 2 or any(fold(w).rstrip(".") in _NOT_NAME for w in name_words):
                continue
            name = " ".join(name_words)
            if any(n in places() or n in by_alias and by_alias[n].kind != "person"
                   for n in (name, m.group(0), " ".join(words[max(0, lead - 1):]))):
                continue
            start = m.start() + m.group(0).index(name_words[0], len(" ".join(words[:lead])))
            end = start + len(name)
            before = sentence[:start]
            title = _title_before(before)
            titled = bool(title) or lead > 0
            key = name_key(name)
            known = key in self.persons or key in _gazetteer()[2]
            if not (titled or known or self._said_after(sentence, end)):
                continue
            title_text = None
            if title:
                title_text = title.group(0).strip(" ,")
            elif lead > 0:
                title_text = " ".join(words[:lead])
            entry = self._person(name, title_text)
            self.note(entry, name)
            possessive = bool(_POSSESSIVE.match(sentence, end))
            found.append(Mention(start, end, entry.name, "person", entry.side, possessive))
            taken.append((start, end + (2 if possessive else 0)))
        # 2. gazetteer names and aliases (institutions, countries, known surnames)
        for m in pattern.finditer(sentence):
            if not free(m.start(1), m.end(1)):
                continue
            alias = m.group(1)
            entry = by_alias[alias]
            if entry.kind == "person":
                entry = self._person(entry.name)
            found.append(Mention(m.start(1), m.end(1), entry.name, entry.kind, entry.side,
                                 bool(m.group(2))))
            taken.append((m.start(), m.end()))
            self.note(entry, alias)
        # 3. surnames of persons named earlier in this article
        if self.surnames:
            for m in _CAPITALISED.finditer(sentence):
                word = m.group(1)
                surname = name_key(word)[1]
                if surname in self.surnames and free(m.start(1), m.end(1)):
                    canonical = self.surnames[surname]
                    entry = by_name.get(canonical) or _Entry(canonical, "person", None, (), ())
                    found.append(Mention(m.start(1), m.end(1), canonical, "person", entry.side,
                                         bool(m.group(2))))
                    taken.append((m.start(), m.end()))
        # 4. role phrases with no name after them ("Kyiv’s chief negotiator", "the governor
        #    of Odesa", "Ukraine's president")
        for m in _role_phrase_pattern().finditer(sentence):
            if not free(m.start(1), m.end(1)):
                # a role phrase may contain an institution ("the Kremlin spokesman"):
                inside = [f for f in found if m.start(1) <= f.start and f.end <= m.end(1)]
                if not inside or any(f.kind == "person" for f in inside):
                    continue
                if not _ROLE_HEAD.search(m.group(1)):
                    continue
                found = [f for f in found if f not in inside]
            phrase = m.group(1)
            if not _OWNED_ROLE.search(phrase):
                # a bare role noun ("the president") resolves only to someone holding it here
                resolved = self.roles.get(_role_key(phrase))
                if not resolved:
                    continue
            role = _role_key(phrase)
            held_by = self.roles.get(role)
            holder: _Entry | None = None
            if held_by:
                holder = by_name.get(held_by) or _Entry(held_by, "person", None, (), ())
            elif role in by_role:
                holder = self._person(by_role[role].name)
            if holder is None:
                side = _side_of_phrase(phrase)
                found.append(Mention(m.start(1), m.end(1), phrase, "person", side,
                                     role_phrase=True))
                self.note(_Entry(phrase, "person", side, (), ()))
            else:
                found.append(Mention(m.start(1), m.end(1), holder.name, "person", holder.side))
                self.note(holder, phrase)
            taken.append((m.start(1), m.end(1)))
        # 5. he / she: the nearest person named before
        found.sort(key=lambda f: f.start)
        for m in _PRONOUN.finditer(sentence):
            wanted = "f" if m.group(0).lower() == "she" else "m"
            previous = [f.name for f in found if f.kind == "person" and f.end <= m.start()
                        and not f.role_phrase and not f.pronoun]
            # the nearest person of the pronoun's gender (or of unknown gender), in this
            # sentence first, then in those before
            candidates = previous[::-1] + self.recent_persons[::-1]
            fitting = [n for n in candidates if gender_of(n) in (wanted, None)]
            target = fitting[0] if fitting else (previous[-1] if previous else
                                                 self.last_person)
            if target and free(m.start(), m.end()):
                referent = by_name.get(target)
                found.append(Mention(m.start(), m.end(), target, "person",
                                     referent.side if referent else None, pronoun=True))
        found.sort(key=lambda f: f.start)
        persons = [f for f in found if f.kind == "person" and not f.pronoun and not f.role_phrase]
        if persons:
            self.last_person = persons[-1].name
            for f in persons:
                if f.name in self.recent_persons:
                    self.recent_persons.remove(f.name)
                self.recent_persons.append(f.name)
        return found

    @staticmethod
    def _said_after(sentence: str, end: int) -> bool:
        from store.extract.gazetteer import speech_forms

        m = _SAID_AFTER.match(sentence[end:])
        return bool(m and m.group(1) in speech_forms())

    def side_of(self, name: str) -> str | None:
        mention = self.used.get(name)
        return mention.side if mention else None


def _side_of_phrase(phrase: str) -> str | None:
    demonym_words, place_countries, country_aliases = _phrase_side_tables()
    for pattern, side in demonym_words:
        if pattern.search(phrase):
            return side
    for name, country in place_countries:
        if name in phrase:
            return country
    for pattern, alias_side in country_aliases:
        if pattern.search(phrase):
            return alias_side
    return None


@cache
def _phrase_side_tables() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[str, str]],
                                   list[tuple[re.Pattern[str], str | None]]]:
    """_side_of_phrase's lookups, in its order of precedence, compiled once."""
    demonym_words = [(re.compile(r"\b" + re.escape(word) + r"\b"), side)
                     for word, side in demonyms().items()]
    place_countries = [(place["name"], place["country"]) for place in places().values()
                       if place.get("country")]
    country_aliases = [(re.compile(r"\b" + re.escape(alias) + r"\b"), entry.side)
                       for alias, entry in _gazetteer()[0].items() if entry.kind == "country"]
    return demonym_words, place_countries, country_aliases


def sides_in(text: str) -> list[tuple[int, str]]:
    """(offset, side) for every country, demonym or side-bearing institution in the text."""
    return list(_sides_in(text))  # events and metrics both ask about the same masked sentence


@lru_cache(maxsize=8)
def _sides_in(text: str) -> tuple[tuple[int, str], ...]:
    by_alias, _, _, _, pattern = _gazetteer()
    out: list[tuple[int, str]] = []
    for m in pattern.finditer(text):
        entry = by_alias[m.group(1)]
        if entry.side and entry.kind in ("country", "institution"):
            out.append((m.start(1), entry.side))
    table, demonym_pattern = _demonym_pattern()
    for m in demonym_pattern.finditer(text):
        out.append((m.start(), table[m.group(1)]))
    out.sort()
    return tuple(out)


@cache
def _demonym_pattern() -> tuple[dict[str, str], re.Pattern[str]]:
    table = demonyms()
    words = sorted(table, key=len, reverse=True)
    return table, re.compile(first_chars(words) + r"(?<![\w.])(" + "|".join(
        re.escape(w) for w in words) + r")(?![\w-])")
