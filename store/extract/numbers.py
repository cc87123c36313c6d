"""Numbers written as digits ("1,200", "3.5 million"), words ("five", "two dozen"), an article
("an Iskander-M missile": one) or a vague plural ("dozens", "hundreds of thousands").

A vague plural stands for its conservative floor, as ACLED codes them ("dozens" -> 12, "scores"
-> 20, "hundreds" -> 100, "tens of thousands" -> 10,000), with the qualifier it implies
(at_least); "two dozen" is 24 about. The table is `vague_numbers` in lexicon.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from store.extract.gazetteer import lexicon

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    start: int
    end: int
    form: str  # digits | words | article | vague
    qualifier: str | None = None  # implied by the number itself: "dozens" -> at_least


@cache
def number_pattern() -> re.Pattern[str]:
    words = lexicon()["number_words"]
    singles = sorted((w for w in words if " " not in w and w not in {"a", "an"}), key=len,
                     reverse=True)
    vague = sorted(lexicon()["vague_numbers"], key=len, reverse=True)
    word = r"(?:" + "|".join(singles) + r")"
    compound = word + r"(?:[\s-]+(?:and\s+)?" + word + r")*"
    multiplier = r"(?:\s*(?:hundred|thousand|million|billion|k|m|mn|bn)\b)?"
    vague_alt = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in vague)
    return re.compile(
        r"(?<![\w.,])(?:(" + _DIGITS + r")" + multiplier +
        r"|(?:a|an)\s+(dozen|hundred|thousand|million)\b|\b(" + vague_alt + r")\b"
        r"|\b(" + compound + r")\b|\b(a|an)\b)", re.I)


def numbers_in(text: str) -> Iterator[Number]:
    """Every number in `text`, left to right (one pass of one pattern: linear)."""
    for m in number_pattern().finditer(text):
        value, qualifier = _value(m)
        if value is None:
            continue
        form = ("digits" if m.group(1) else "vague" if m.group(3) else
                "article" if m.group(5) else "words")
        yield Number(value, m.start(), m.end(), form, qualifier)


def value_of(match: re.Match[str]) -> float | None:
    """The number a `number_pattern` match stands for."""
    return _value(match)[0]


def _value(match: re.Match[str]) -> tuple[float | None, str | None]:
    words = lexicon()["number_words"]
    mult = lexicon()["number_multipliers"]
    text = match.group(0).lower().strip()
    if match.group(1):
        value = float(match.group(1).replace(",", ""))
        tail = text[len(match.group(1)):].strip()
        return (value * mult.get(tail, 1) if tail else value), None
    if match.group(2):
        return float(words[match.group(2).lower()]), None
    if match.group(3):
        floor, qualifier = lexicon()["vague_numbers"][" ".join(text.split())]
        return float(floor), qualifier
    if match.group(5):
        return 1.0, None
    parts = [p for p in re.split(r"[\s-]+", text) if p and p != "and"]
    total, current = 0.0, 0.0
    qualifier = None
    for part in parts:
        n = words.get(part)
        if n is None:
            return None, None
        if part == "hundred":
            current = (current or 1) * 100
        elif part == "dozen":  # "two dozen": 24, a round figure
            if current:
                qualifier = "about"
            current = (current or 1) * 12
        elif n in (1000, 1000000):
            total += (current or 1) * n
            current = 0
        else:
            current += n
    return total + current, qualifier
