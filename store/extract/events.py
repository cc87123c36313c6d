"""Events of the contract's kinds: found by the trigger lexicon, outside quotation marks,
skipping what is only hypothetical ("future talks", "if Ukraine withdraws", "to seize"), and
merged so that one occurrence reported in several sentences is listed once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from store.extract.actors import sides_in
from store.extract.dates import DateMention
from store.extract.gazetteer import lexicon, places
from store.extract.prefilter import lowered, required_literals

KIND_ORDER = ["call", "talks", "ceasefire", "sanctions", "agreement", "deployment", "advance",
              "strike", "meeting"]
_MEETING_FAMILY = {"talks", "meeting"}


@dataclass(slots=True)
class Event:
    kind: str
    position: int  # trigger offset in the sentence
    date: str | None
    precision: str
    location: str | None
    actors: list[str]
    status: str
    side: str | None
    sides: set[str] = field(default_factory=set)
    sentence_index: int = 0
    summary: str = ""
    explicit: bool = False  # names its participants ("talks between X and Y")
    places: set[str] = field(default_factory=set)  # every place its sentence names


@cache
def _triggers() -> list[tuple[str, re.Pattern[str], tuple[str, ...] | None]]:
    """(kind, pattern, literals one of which any match contains) in KIND_ORDER."""
    table = lexicon()["event_triggers"]
    out = []
    for kind in KIND_ORDER:
        for expression in table[kind]:
            pattern = re.compile(expression, re.I)
            out.append((kind, pattern, required_literals(pattern)))
    return out


_HYPOTHETICAL = re.compile(
    r"\b(?:future|potential|possible|any|further|prospective|leaders[’']|leader-level|no|"
    r"such|a\s+new|next\s+round\s+of|other)\s+(?:[\w-]+\s+){0,2}$", re.I)
_CONDITION = re.compile(r"\b(?:if|unless|until|whether|once)\b[^,;]*$", re.I)
_MODAL = re.compile(r"\b(?:should|could|might|may|must|would)\s+(?:\w+\s+){0,6}$")
# reported plans keep their event: "the two sides would meet in Istanbul"
_WOULD_PLAN = re.compile(r"\bwould\s+(?:\w+\s+)?(?:meet|hold|sign|visit|travel|begin|resume|"
                         r"start|host|attend)\b")
_PLANNED_INFINITIVE = re.compile(
    r"\b(?:due|expected|set|scheduled|plans?|planning|planned|going|invit\w+|agreed|intends?|"
    r"ready|prepar\w+)\s+to\s+(?:\w+\s+){0,2}$", re.I)
_PLANNED = re.compile(
    r"\b(?:will|would|is\s+due|are\s+due|due\s+to|expected|scheduled|plans?\s+to|set\s+to|"
    r"upcoming|forthcoming|in\s+the\s+coming|prepares?\s+to|preparing\s+to|intends?\s+to|"
    r"ahead\s+of|invitation|invited|to\s+be\s+held|next\s+week|next\s+month)\b", re.I)
# "not interested in a ceasefire", "sanctions relief without a ceasefire", "rejects talks"
_NEGATED_PREP = re.compile(
    r"\b(?:without|not\s+(?:interested|engaged|involved)\s+in|instead\s+of|rather\s+than|"
    r"oppos\w+|reject\w*|refus\w+\s+(?:to\s+\w+\s+)?|rul\w+\s+out|"
    r"(?:not|never|failed\s+to)\s+(?:\w+\s+)?(?:agree|reach|sign)\w*(?:\s+(?:on|to))?)\s+"
    r"(?:(?:a|an|the|any)\s+)?(?:[\w-]+\s+)?$", re.I)
# "a ceasefire would only allow", "talks could collapse": the occurrence is a hypothesis
_MODAL_AFTER = re.compile(
    r"^[\w-]*(?:\s+[\w-]+){0,5}?\s+(?:(?:would|could|might|may)\b(?!\s+be\s+held)|"
    r"(?:was|is|were|are|remains?)\s+(?:still\s+|only\s+)?[\"“]?(?:possible|unlikely|"
    r"impossible|premature|unrealistic)\b)", re.I)
# offers and readiness: "ready to resume negotiations", "open to a meeting", "offered to host
# talks" are no occurrence unless a day is named for them
_OFFER = re.compile(
    r"\b(?:ready|willing|open|prepared|offer(?:ed|s|ing)?|proposed|propos(?:es|ing))\s+"
    r"(?:to\s+)?(?:[\w-]+\s+){0,4}$", re.I)
# "Russia hit back", "hit hard by sanctions": no strike
_NOT_STRIKE = re.compile(r"^(?:hit|struck)\s+(?:back|hard\s+by|a\s+deal|an?\s+agreement|"
                         r"a\s+chord|out\s+at)\b", re.I)
# "Macron joining by video link" to a meeting named in the same sentence: no separate call
_JOINED_BY_LINK = re.compile(r"\bjoin\w*\s+(?:\w+\s+)?(?:by|via)\s+$", re.I)
_CLAIMED = re.compile(r"\b(?:claim\w*|accus\w*|alleg\w*)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|denying)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no)\s+(?:been\s+|yet\s+|publicly\s+|\w+ly\s+)*$", re.I)
_ANAPHORIC_HELD = re.compile(
    r"\b(?:the\s+)?(?:last|previous|first|latest|earlier|next)\s+(?:series|round|session)\s+"
    r"(?:was|were)\s+held\b", re.I)


def mask_quotes(sentence: str, spans: list[tuple[int, int]]) -> str:
    chars = list(sentence)
    for s, e in spans:
        for i in range(max(0, s - 1), min(len(chars), e + 1)):
            chars[i] = " "
    return "".join(chars)


def place_mentions(sentence: str) -> list[tuple[int, str, str | None]]:
    from store.extract.gazetteer import place_pattern

    out = []
    for m in place_pattern().finditer(sentence):
        entry = places()[m.group(1)]
        out.append((m.start(), entry["name"], entry.get("country")))
    return out


def find(sentence: str, masked: str, dates: list[DateMention], actor_names: list[str],
         speech_verb_ends: list[int], published: str | None, previous_kind: str | None,
         ) -> list[Event]:
    """Events in one sentence (quotations already masked out of `masked`)."""
    hits: list[tuple[str, int]] = []
    low = lowered(sentence)
    for kind, pattern, literals in _triggers():
        if low is not None and literals is not None and not any(lit in low for lit in literals):
            continue  # none of the words this trigger needs is in the sentence
        for m in pattern.finditer(sentence):
            if masked[m.start()] != sentence[m.start()]:
                continue  # inside a quotation: speech, not narration
            before = masked[:m.start()]
            if _HYPOTHETICAL.search(before) or _CONDITION.search(before[-80:]) or \
                    _NEGATED.search(before[-30:]) or _NEGATED_PREP.search(before[-60:]):
                continue
            after = sentence[m.start():]
            if kind in ("ceasefire", "talks", "meeting", "agreement", "sanctions") and \
                    _MODAL_AFTER.search(after[:70].split(",")[0]):
                continue
            if _OFFER.search(before[-60:]) and not any(
                    d.precision == "day" and d.date and d.start > m.start() and
                    not any(0 <= d.start - v <= 25 for v in speech_verb_ends) for d in dates):
                # a day that dates the speech ("told journalists on Wednesday") is no plan
                continue
            if kind == "strike" and _NOT_STRIKE.search(after):
                continue
            if kind == "call" and _JOINED_BY_LINK.search(before[-40:]):
                continue

            clause = re.split(r"[;,]|\bwhile\b", before)[-1]
            modal = _MODAL.search(clause)
            if modal and not (modal.group(0).startswith("would") and
                              _WOULD_PLAN.search(modal.group(0) + m.group(0))):
                continue
            if re.search(r"\bto\s+$", before) and not _PLANNED_INFINITIVE.search(before):
                continue
            if kind in _MEETING_FAMILY and re.search(
                    r"\b(?:before|after|when|since|as|following)\s+(?:[\w-]+\s+){1,2}$", before):
                continue  # "hours before negotiators met": a reference, not a report
            hits.append((kind, m.start()))
    held = _ANAPHORIC_HELD.search(masked)
    if held and previous_kind and not any(k == previous_kind for k, _ in hits):
        hits.append((previous_kind, held.start()))
    if not hits:
        return []
    kinds = {k for k, _ in hits}
    if "talks" in kinds and "meeting" in kinds:
        hits = [h for h in hits if h[0] != "meeting"]
    places_here = place_mentions(masked)
    sides = sides_in(masked)
    events: list[Event] = []
    for kind in KIND_ORDER:
        positions = sorted(p for k, p in hits if k == kind)
        if not positions:
            continue
        groups: dict[str | None, list[int]] = {}
        for p in positions:
            side = _subject_side(masked, sides, p) if kind in ("advance", "deployment") else None
            if kind in ("meeting", "strike") and len(positions) > 1:
                # "met in Moscow ..., is expected to travel to Budapest": two occurrences
                where = location_near(sentence, masked, places_here, p)
                side = where if where and places().get(where, {}).get("kind") != "country" \
                    else None
            groups.setdefault(side, []).append(p)
        if kind in ("meeting", "strike") and len(groups) > 1 and None in groups:
            rest = groups.pop(None)
            first = next(iter(groups))
            groups[first] = sorted(groups[first] + rest)
        for side, group in groups.items():
            if kind in ("meeting", "strike"):
                side = None
            event = _event(kind, group, sentence, masked, dates, places_here, sides,
                           actor_names, speech_verb_ends, published, side)
            event.places = {name for _, name, _ in places_here}
            events.append(event)
    return events


def _subject_side(text: str, sides: list[tuple[int, str]], position: int) -> str | None:
    clause_start = 0
    for m in re.finditer(r",\s+and\s+|;\s|,\s+while\s+|,\s+but\s+", text[:position]):
        clause_start = m.end()
    prior = [s for p, s in sides if clause_start <= p < position]
    return prior[0] if prior else None


def _event(kind: str, trigger_positions: list[int], sentence: str, masked: str,
           dates: list[DateMention],
           places_here: list[tuple[int, str, str | None]], sides: list[tuple[int, str]],
           actor_names: list[str], speech_verb_ends: list[int], published: str | None,
           side: str | None) -> Event:
    p = trigger_positions[0]
    # a date that belongs to the speech verb ("told reporters on Monday that <event>") does
    # not date an event inside the reported clause
    usable = dates
    verbs_before = [v for v in speech_verb_ends if v <= p]
    if verbs_before:
        usable = [d for d in dates if d.start >= verbs_before[-1] + 25 or d.start > p - 5
                  or d.start < verbs_before[-1] - 60]
    def distance(d: DateMention) -> int:
        return min(abs(d.start - t) for t in trigger_positions)

    resolved = [d for d in usable if d.date]
    date = min(resolved, key=lambda d: (d.precision not in ("day", "week"), distance(d)),
               default=None)
    nearest = min(usable, key=distance, default=None)
    if nearest is not None and nearest.date is None and distance(nearest) < 40 and (
            date is None or distance(date) > distance(nearest) + 40):
        date = None  # "air strikes in recent days": vague time wins over a date further off
    location = location_near(sentence, masked, places_here, p)
    window = masked[max(0, p - 80):p + 60]
    status = "occurred"
    if _PLANNED.search(window) or (date and published and date.date and
                                    date.date > published):
        status = "planned"
    if _DENIED.search(masked):
        status = "denied"
    elif _CLAIMED.search(masked[max(0, p - 120):p + 40]):
        status = "claimed"
    if re.search(r"\b(?:were|was|had\s+been|has\s+been)\s+(?:held|signed)\b|\bmet\b|\bheld\b",
                 window) and status == "planned" and not re.search(r"\bwill\b", window):
        status = "occurred"
    words = sentence.split()
    summary = " ".join(words[:18]) + (" …" if len(words) > 18 else "")
    explicit = bool(re.match(r"[\w\s-]{0,25}?\bbetween\s", masked[p:]))
    return Event(kind, p, date.date if date else None, date.precision if date else "unknown",
                 location, actor_names[:8], status, side,
                 {s for _, s in sides} | ({side} if side else set()), summary=summary,
                 explicit=explicit)


_LOCATIVE = re.compile(r"\b(?:in|at|near|to|from|outside|around|over|on|into|across|"
                       r"(?:governor|mayor|outskirts|city|region|province)\s+of)\s+(?:the\s+)?$",
                       re.I)
_DATELINE = re.compile(r"^([A-Z][A-Z-]{2,}(?:\s[A-Z][A-Z-]{2,})?)\s*[,–—-]")


def location_near(sentence: str, text: str, places_here: list[tuple[int, str, str | None]],
                  p: int) -> str | None:
    """Where something at position `p` happened: a place after a locative preposition
    ("in Riyadh", "near Toretsk", "governor of Odesa") or a dateline ("KRAMATORSK, UKRAINE -");
    cities before countries; "the war in Ukraine" is no location."""
    dateline = _DATELINE.match(sentence)
    if dateline:
        name = dateline.group(1).title()
        if name in places():
            return places()[name]["name"]
    candidates = [pl for pl in places_here if _LOCATIVE.search(text[:pl[0]])
                  and not re.search(r"\b(?:war|invasion|conflict|peace|aggression)\s+(?:in|on|"
                                    r"against|over|for)\s+(?:the\s+)?$", text[:pl[0]])
                  and not re.search(r"\b(?:talks|negotiations|discussions|deal|agreement|"
                                    r"meeting|summit|conference)\s+(?:on|over|for|about)\s+"
                                    r"(?:the\s+)?$", text[:pl[0]])]
    if not candidates:
        return None
    cities = [pl for pl in candidates if places()[pl[1]]["kind"] != "country"]
    pool = cities or candidates
    return min(pool, key=lambda pl: abs(pl[0] - p))[1]


def _compatible_places(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    pa, pb = places().get(a, {}), places().get(b, {})
    return pa.get("country") == b or pb.get("country") == a


def merge(events: list[Event]) -> list[Event]:
    """One occurrence reported in several sentences becomes one event: a talks/meeting/strike
    with neither date nor place goes when an anchored one of its kind covers its sides; two
    talks/meetings with the same day and compatible places are one."""
    keep = [True] * len(events)
    anchored = [e.date is not None or e.location is not None for e in events]
    for i, e in enumerate(events):
        if anchored[i]:
            continue
        family = _MEETING_FAMILY if e.kind in _MEETING_FAMILY else {e.kind}
        if e.kind not in _MEETING_FAMILY | {"strike"}:
            continue
        if e.kind in _MEETING_FAMILY and e.explicit:
            continue  # "discussions between U.S. and Ukrainian negotiators": its own occurrence
        for j, f in enumerate(events):
            if i != j and anchored[j] and f.kind in family and (
                    e.kind in _MEETING_FAMILY or e.sides <= f.sides | {None}):
                keep[i] = False
                break
    for i, e in enumerate(events):
        if not keep[i] or not anchored[i] or e.kind not in _MEETING_FAMILY:
            continue
        for j, f in enumerate(events):
            if i == j or not keep[j] or not anchored[j] or f.kind not in _MEETING_FAMILY:
                continue
            if not _compatible_places(e.location, f.location):
                continue
            same_day = e.date is not None and e.date == f.date
            same_place = e.location is not None and f.location is not None and (
                e.date is None or f.date is None or e.date == f.date)
            if not (same_day or same_place):
                continue
            # e and f are one occurrence: keep the richer, then talks, then the earlier
            def rank(x: Event, index: int) -> tuple[int, int, int]:
                return ((x.date is not None) + (x.location is not None),
                        int(x.kind == "talks"), -index)

            if rank(e, i) < rank(f, j):
                keep[i] = False
                break
    _merge_repeats(events, keep)
    return [e for e, k in zip(events, keep, strict=False) if k]


def _day_gap(a: str, b: str) -> int:
    import datetime as dt
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _country_or_none(place: str | None) -> bool:
    return place is None or places().get(place, {}).get("kind") == "country"


def _merge_repeats(events: list[Event], keep: list[bool]) -> None:
    """A report that repeats itself (an ISW summary and its body, a lede and its detail):
    a later advance or deployment by the same side at one of the same places, or a later
    strike on the same day at the same place (or none but a country), with the same status,
    is the earlier one."""
    for j, f in enumerate(events):
        if not keep[j] or f.kind not in ("advance", "deployment", "strike"):
            continue
        for i in range(j):
            e = events[i]
            if not keep[i] or e.kind != f.kind or e.status != f.status or \
                    e.sentence_index == f.sentence_index:
                continue
            if f.kind == "strike":
                if not (e.date and f.date and e.date == f.date and
                        (e.location == f.location or _country_or_none(e.location) and
                         _country_or_none(f.location))):
                    continue
            else:
                if e.side is None or e.side != f.side or not (e.places & f.places):
                    continue
                if e.date and f.date and _day_gap(e.date, f.date) > 3:
                    continue
            keep[j] = False
            break
