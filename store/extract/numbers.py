"""Numbers written as digits ("1,200", "3.5 million") or words ("five", "a dozen")."""

from __future__ import annotations

import re
from functools import cache

from store.extract.gazetteer import lexicon

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@cache
def number_pattern() -> re.Pattern[str]:
    words = lexicon()["number_words"]
    singles = sorted((w for w in words if " " not in w and w not in {"a", "an"}), key=len,
                     reverse=True)
    word = r"(?:" + "|".join(singles) + r")"
    compound = word + r"(?:[\s-]+(?:and\s+)?" + word + r")*"
    multiplier = r"(?:\s*(?:hundred|thousand|million|billion|k|m|mn|bn)\b)?"
    return re.compile(
        r"(?<![\w.,])(?:(" + _DIGITS + r")" + multiplier + r"|(?:a|an)\s+(dozen|hundred|thousand)"
        r"|\b(" + compound + r")\b|\b(a|an)\b)", re.I)


def value_of(match: re.Match[str]) -> float | None:
    """The number a `number_pattern` match stands for."""
    words = lexicon()["number_words"]
    mult = lexicon()["number_multipliers"]
    text = match.group(0).lower().strip()
    if match.group(1):
        value = float(match.group(1).replace(",", ""))
        tail = text[len(match.group(1)):].strip()
        return value * mult.get(tail, 1) if tail else value
    if match.group(2):
        return float(words[match.group(2).lower()])
    if match.group(4):
        return 1.0
    parts = [p for p in re.split(r"[\s-]+", text) if p and p != "and"]
    total, current = 0.0, 0.0
    for part in parts:
        n = words.get(part)
        if n is None:
            return None
        if n in (100,) and part == "hundred":
            current = (current or 1) * 100
        elif n in (1000, 1000000):
            total += (current or 1) * n
            current = 0
        else:
            current += n
    return total + current
