"""Topics of a statement, from the topic lexicon in data/lexicon.json."""

from __future__ import annotations

import re
from functools import cache

from store.extract.gazetteer import fold, lexicon
from store.extract.prefilter import lowered, required_literals


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], tuple[str, ...] | None]]:
    out = []
    for topic, words in lexicon()["topics"].items():
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        pattern = re.compile(r"\b(?:" + alternation + r")\b")
        out.append((topic, pattern, required_literals(pattern)))
    return out


def topics_of(text: str) -> list[str]:
    folded = fold(text)
    low = lowered(folded)
    return [topic for topic, pattern, literals in _patterns()
            if (low is None or literals is None or any(lit in low for lit in literals))
            and pattern.search(folded)]
