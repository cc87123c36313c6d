"""Topics of a statement, from the topic lexicon in data/lexicon.json."""

from __future__ import annotations

import re
from functools import cache

from store.extract.gazetteer import fold, lexicon


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for topic, words in lexicon()["topics"].items():
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out.append((topic, re.compile(r"\b(?:" + alternation + r")\b")))
    return out


def topics_of(text: str) -> list[str]:
    folded = fold(text)
    return [topic for topic, pattern in _patterns() if pattern.search(folded)]
