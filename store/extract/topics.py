"""Topics of a statement, from the topic lexicon in data/lexicon.json.

Each topic is a named rule (`topic.<name>`) whose words are the lexicon's: a topic's pattern can
match only where one of its words occurs, so `Rule.may_fire` skips the regex for most topics
(as fast as the prefilter that read `re`'s private parser, now deleted).
"""

from __future__ import annotations

import re
from functools import cache

from store.extract import rules
from store.extract.gazetteer import fold, lexicon

TOPIC_RULES: dict[str, rules.Rule] = {
    topic: rules.rule(f"topic.{topic}", "statement",
                      f"a statement is about {topic.replace('_', ' ')} when it names one of "
                      "the lexicon's words for it", words=tuple(words))
    for topic, words in lexicon()["topics"].items()
}


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], rules.Rule]]:
    out = []
    for topic, words in lexicon()["topics"].items():
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out.append((topic, re.compile(r"\b(?:" + alternation + r")\b"), TOPIC_RULES[topic]))
    return out


def topics_of(text: str) -> list[str]:
    folded = fold(text)  # lower case: the rules' words are tested against it as they are
    return [topic for topic, pattern, rule in _patterns()
            if rule.may_fire(folded) and pattern.search(folded)]
