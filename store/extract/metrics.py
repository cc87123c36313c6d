"""Battlefield numbers of the contract's kinds: territory, missiles, drones, killed, injured,
prisoners, troops, with qualifier, side, claimant, place and date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.extract.actors import sides_in
from store.extract.gazetteer import lexicon
from store.extract.numbers import number_pattern, value_of

_MODS = r"(?:[\w’'.]+[\s-]+){0,3}?"
_KIND_AFTER: list[tuple[str, re.Pattern[str]]] = [
    ("territory_km2", re.compile(r"^\s*(?:square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|"
                                 r"square\s+km)\b", re.I)),
    ("missiles", re.compile(r"^\s+" + _MODS + r"missiles?\b(?!\s+(?:strikes?|attacks?|defen[cs]e|"
                            r"systems?|launchers?|fragments?|debris|alerts?|threats?))", re.I)),
    ("drones", re.compile(r"^\s+" + _MODS + r"(?:drones?|UAVs?|Shaheds?)\b(?!\s+(?:strikes?|"
                          r"attacks?|debris|fragments?|alerts?|threats?|operators?|units?|"
                          r"production|makers?))", re.I)),
    ("killed", re.compile(r"^\s+(?:(?:people|persons|civilians|children|soldiers|servicemen|"
                          r"others|residents)\s+)?(?:(?:were|was|have\s+been|had\s+been|are)\s+)?"
                          r"(?:killed|dead|died|deaths)\b", re.I)),
    ("injured", re.compile(r"^\s+(?:(?:people|persons|civilians|children|soldiers|others|"
                           r"residents)\s+)?(?:(?:were|was|have\s+been|had\s+been|are)\s+)?"
                           r"(?:injured|wounded|hurt)\b", re.I)),
    ("prisoners", re.compile(r"^\s+" + _MODS + r"(?:prisoners(?:\s+of\s+war)?|POWs|captives)\b",
                             re.I)),
    ("troops", re.compile(r"^\s+" + _MODS + r"(?:troops|soldiers|servicemen|personnel)\b"
                          r"(?!\s+(?:were\s+|have\s+been\s+)?(?:killed|injured|wounded|dead))",
                          re.I)),
]
_VERB_BEFORE = re.compile(r"\b(killing|killed|injuring|injured|wounding|wounded)\s+"
                          r"(?:at\s+least\s+|more\s+than\s+|over\s+|about\s+|nearly\s+|"
                          r"up\s+to\s+)?$", re.I)
_TARGET_BEFORE = re.compile(r"\b(?:at|against|on|into|over|across|in|targeting|toward|towards)"
                            r"\s+(?:the\s+)?$", re.I)
_LAUNCH = re.compile(r"\b(?:launch\w*|fir\w*|shot\s+down|intercept\w*|down\w*|destroy\w*|"
                     r"attack\w*|hit|struck|used)\b", re.I)


@dataclass(slots=True)
class Metric:
    kind: str
    value: float
    qualifier: str
    side: str | None
    position: int


def _qualifier(before: str) -> str:
    quals = lexicon()["qualifiers"]
    tail = before[-30:].lower()
    for name in ("at_least", "up_to", "over", "about"):
        for phrase in sorted(quals[name], key=len, reverse=True):
            if re.search(r"(?:^|\W)" + re.escape(phrase) + r"\s*$", tail):
                return name
    return "exact"


def _opposite(side: str | None) -> str | None:
    return {"Russia": "Ukraine", "Ukraine": "Russia"}.get(side or "")


def find(sentence: str, places_here: list[tuple[int, str, str | None]]) -> list[Metric]:
    """Metrics in one sentence. places_here: (offset, place name, country)."""
    out: list[Metric] = []
    sides = sides_in(sentence)
    for m in number_pattern().finditer(sentence):
        value = value_of(m)
        if value is None or value <= 0:
            continue
        after = sentence[m.end():]
        before = sentence[:m.start()]
        kind = None
        for name, pattern in _KIND_AFTER:
            if pattern.match(after):
                kind = name
                break
        verb = _VERB_BEFORE.search(before)
        if kind is None and verb and re.match(r"\s+(?:people|civilians|persons|children|others|"
                                              r"residents|soldiers)\b", after):
            kind = "killed" if verb.group(1).lower().startswith("kill") else "injured"
        if kind is None:
            continue
        word_number = not m.group(1)
        if m.group(4):  # "a"/"an": one item, only for a launched weapon ("an Iskander-M missile")
            if kind not in ("missiles", "drones") or not _LAUNCH.search(sentence):
                continue
            if re.match(r"\s+(?:[\w’'.-]+\s+){0,3}?(?:missile|drone)s\b", after, re.I):
                continue
        if word_number and re.match(r"\s*-\s*(?:year|day|week|month)", after):
            continue
        if kind == "prisoners" and re.search(r"\b(?:exchang|swap|trade)\w*", sentence, re.I):
            side = None  # an exchange: both sides' prisoners
        elif kind == "territory_km2" or kind in ("troops", "prisoners"):
            side = _side_before(sentence, sides, m.start())
        elif kind in ("missiles", "drones"):
            side = _attacker(sentence, sides)
        else:
            own = re.match(r"\s+(Ukrainian|Russian)\b", after)
            if own:
                side = "Ukraine" if own.group(1) == "Ukrainian" else "Russia"
            else:
                attacker = _attacker(sentence, sides, attacks_only=True)
                side = _opposite(attacker)
                if side is None and places_here:
                    side = places_here[0][2]
        out.append(Metric(kind, value, _qualifier(before), side, m.start()))
    return out


def _side_before(sentence: str, sides: list[tuple[int, str]], position: int) -> str | None:
    prior = [s for s in sides if s[0] < position and not _TARGET_BEFORE.search(sentence[:s[0]])]
    if prior:
        return prior[-1][1]
    return None


def _attacker(sentence: str, sides: list[tuple[int, str]], attacks_only: bool = False
              ) -> str | None:
    for pos, side in sides:
        if _TARGET_BEFORE.search(sentence[:pos]) and not attacks_only:
            continue
        after = sentence[pos:pos + 60]
        if re.match(r"[\w’'.\s]{0,30}?\b(?:said|says|reported|claimed|told)\b", after):
            continue
        if re.search(r"according\s+to\s+(?:the\s+)?$", sentence[:pos]):
            continue
        if attacks_only and not re.match(r"\w+(?:’s|'s)?\s+(?:\w+\s+){0,2}(?:attacks?|strikes?|"
                                         r"shelling|missiles?|drones?|forces|troops|army|"
                                         r"airstrikes?|bombardment|launched|struck|shelled|"
                                         r"hit|fired)\b", after):
            continue
        return side
    return None
