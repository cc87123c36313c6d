"""Battlefield numbers of the contract's kinds: territory, missiles, drones, killed, injured,
prisoners, troops, with qualifier, side, claimant, place and date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.extract.actors import sides_in
from store.extract.gazetteer import lexicon
from store.extract.numbers import number_pattern, value_of

# Up to three modifier words, none a number or another weapon noun: in "267 drones and 12
# missiles" the 267 are drones, not missiles.
# A model designation ("Kh-101", "S-400") is one modifier word, never a count.
_MODS = (r"(?:(?!\d|(?:drones?|missiles?|UAVs?|Shaheds?)\b)(?:[A-Za-z]{1,4}-\d[\w-]*|[\w’'.]+)"
         r"[\s-]+){0,3}?")
_KIND_AFTER: list[tuple[str, re.Pattern[str]]] = [
    ("territory_km2", re.compile(r"^\s*(?:square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|"
                                 r"square\s+km)\b", re.I)),
    ("missiles", re.compile(r"^\s+" + _MODS + r"missiles?\b(?!\s+(?:strikes?|attacks?|defen[cs]e|"
                            r"systems?|launchers?|fragments?|debris|alerts?|threats?))", re.I)),
    ("drones", re.compile(r"^\s+" + _MODS + r"(?:drones?|UAVs?|Shaheds?)\b(?!\s+(?:strikes?|"
                          r"attacks?|debris|fragments?|alerts?|threats?|operators?|units?|"
                          r"production|makers?))", re.I)),
    ("killed", re.compile(r"^\s+(?:(?:more|other)\s+)?(?:(?:people|persons?|civilians|children|"
                          r"soldiers|servicemen|"
                          r"others|residents)\s+)?(?:(?:were|was|have\s+been|had\s+been|are)\s+)?"
                          r"(?:killed|dead|died|deaths)\b", re.I)),
    ("injured", re.compile(r"^\s+(?:(?:more|other)\s+)?(?:(?:people|persons?|civilians|children|"
                           r"soldiers|others|"
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


# The last of these before a weapon count says whether it was launched or brought down.
_WEAPON_VERB = re.compile(r"\b(?:launch\w*|fir(?:ed|ing)|shot\s+down|intercept\w*|down(?:ed|ing)|"
                          r"destroy\w*|disabled|neutrali[sz]\w*)\b", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*$|"
                           r"\b(?:January|February|March|April|May|June|July|August|September|"
                           r"October|November|December)\s+$")
_PERSON_NOUN = r"(?:man|woman|child|boy|girl|civilian|person|resident|soldier)"
_PEOPLE = (r"(?:people|persons?|civilians?|children|child|soldiers?|servicemen|others|residents?|"
           r"men|women|man|woman|boys?|girls?|crew\s+members|employees|workers|officers|"
           r"rescuers|firefighters|medics|journalists|passengers|teenagers|minors|adults|"
           r"members|volunteers)")
# weapons made, bought or sent are no launch: "plans to produce 1,000 drones a month"
_NOT_LAUNCHED = re.compile(r"\b(?:produc\w*|manufactur\w*|build\w*|buy\w*|bought|purchas\w*|"
                           r"order\w*|deliver\w*|suppl\w*|transfer\w*|provid\w*|stockpil\w*|"
                           r"armed\s+with|carry\w*|capable)\s+(?:[\w,.-]+\s+){0,5}$", re.I)
_KIND_OF_PEOPLE = re.compile(r"^\s+(?:(?:more|other)\s+)?(?:[\w-]+\s+)?" + _PEOPLE +
                             r"\s+(?:(?:were|was|have\s+been|had\s+been|are)\s+)?"
                             r"(killed|dead|died|injured|wounded|hurt)\b", re.I)


@dataclass(slots=True)
class Metric:
    kind: str
    value: float
    qualifier: str
    side: str | None
    position: int
    intercepted: bool = False  # "of which 210 were shot down": not a launched count


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
        if kind is None and not m.group(4):
            people = _KIND_OF_PEOPLE.match(after)
            if people:  # "Three crew members were injured", "two employees were hurt"
                kind = "killed" if people.group(1).lower() in ("killed", "dead", "died") \
                    else "injured"
        if kind is None and out and re.search(
                r"\bincluding\s+(?:[^.;()]*?(?:,|\band)\s+)?$", before[-120:]):
            # a breakdown of the count before it: "26 killed, including three children",
            # "74 drones, including 31 over the Bryansk region"
            if re.match(r"\s+" + _PEOPLE + r"\b", after) and out[-1].kind in ("killed",
                                                                               "injured"):
                kind = out[-1].kind
            elif re.match(r"\s+(?:over|in|from|above|near|against)\s", after) and \
                    out[-1].kind in ("drones", "missiles"):
                kind = out[-1].kind
        if kind is None and verb and (re.match(r"\s+" + _PEOPLE + r"\b", after) or
                                      re.match(r"\s*(?:[,.;]|$|\s+(?:in|on|at|near|and|more|"
                                               r"others|according|across|after)\b)", after)):
            # "killing one person", "killed four people and injured 11"
            kind = "killed" if verb.group(1).lower().startswith("kill") else "injured"
        a_person = m.group(4) and kind is None and re.match(
            r"\s+" + _PERSON_NOUN + r"\s+(?:was|has\s+been|had\s+been)\s+(?:killed|injured|"
            r"wounded|hurt)\b", after)
        if a_person:  # "a man was killed"
            kind = "killed" if "kill" in after[:40] else "injured"
        if kind is None:
            continue
        word_number = not m.group(1)
        if m.group(1) and _MONTH_BEFORE.search(before):
            continue  # "Nov. 17 that Russian troops ..."
        if m.group(1) and re.search(r"[A-Za-z]-$", before):
            continue  # "Kh-101", "Su-34": a model, not a count
        if kind in ("missiles", "drones") and _NOT_LAUNCHED.search(before[-60:]):
            continue
        if m.group(4) and a_person:
            pass
        elif m.group(4):  # "a"/"an": one item, for a launched weapon ("an Iskander-M missile")
            if kind not in ("missiles", "drones") or not _LAUNCH.search(sentence):
                continue
            if re.match(r"\s+(?:[\w’'.-]+\s+){0,3}?(?:missile|drone)s\b", after, re.I):
                continue
        if word_number and re.match(r"\s*-\s*(?:year|day|week|month)", after):
            continue
        # "eight of the missiles": a part of a number given already
        if re.match(r"\s+of\s+(?:the|those|them|these)\b", after):
            continue
        exchange = re.search(r"\b(?:exchang|swap|trade)\w*", sentence, re.I)
        if kind == "troops" and exchange and re.search(r"\b(?:return|releas|freed|exchang|swap)\w*",
                                                       sentence, re.I):
            kind = "prisoners"  # "each side returning 185 soldiers" in a prisoner swap
        if kind == "prisoners" and exchange:
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
        verbs = list(_WEAPON_VERB.finditer(before[-80:]))
        intercepted = kind in ("missiles", "drones") and bool(
            re.search(r"\bof\s+which\s+$", before, re.I)
            or verbs and not re.match(r"launch|fir", verbs[-1].group(0), re.I)
            or re.match(r"\s+" + _MODS + r"\w+\s+(?:were|was|had\s+been|have\s+been)\s+"
                        r"(?:shot\s+down|intercepted|downed|destroyed|neutrali[sz]ed)", after))
        out.append(Metric(kind, value, _qualifier(before), side, m.start(), intercepted))
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
        if re.match(r"[\w’'.\s]{0,50}?\b(?:said|says|reported|claimed|told|wrote)\b", after):
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
