"""Topics: one named rule per lexicon topic, whose words let it skip sentences cheaply."""

from __future__ import annotations

from store.extract import rules
from store.extract.topics import TOPIC_RULES, topics_of


def test_every_topic_is_a_named_rule_with_its_words() -> None:
    assert TOPIC_RULES and all(rules.RULES[f"topic.{t}"] is r for t, r in TOPIC_RULES.items())
    assert all(r.words and r.stage == "statement" for r in TOPIC_RULES.values())


def test_topics_of_sentences_we_wrote() -> None:
    assert "sanctions" in topics_of("The EU agreed new sanctions on Russian oil on Friday.")
    assert "ceasefire" in topics_of("Both sides said the Ceasefire was holding.")
    assert topics_of("The weather in the capital was mild.") == []


def test_no_use_of_the_private_regex_parser() -> None:
    from store.extract import topics as module

    assert not {"required_literals", "lowered", "prefilter"} & set(vars(module))
