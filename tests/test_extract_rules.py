"""The rule registry and the trace behind `sitrep explain`."""

from __future__ import annotations

import pytest

from store.extract import rules


def test_note_outside_tracing_is_dropped() -> None:
    rules.rule("test.example_dropped", "step", "a rule for this test")
    rules.note("test.example_dropped", "found")  # nobody listening: nothing happens
    assert not rules.tracing_active()


def test_tracing_collects_notes_by_sentence() -> None:
    rules.rule("test.example_traced", "veto", "a rule for this test", words=("Peace",))
    with rules.tracing() as trace:
        rules.at_sentence(3)
        rules.note("test.example_traced", "vetoed", "why")
    assert [(e.sentence, e.rule, e.outcome, e.detail) for e in trace.entries] == [
        (3, "test.example_traced", "vetoed", "why")]
    assert not rules.tracing_active()
    assert rules.RULES["test.example_traced"].words == ("peace",)
    assert rules.RULES["test.example_traced"].may_fire("talks on peace")
    assert not rules.RULES["test.example_traced"].may_fire("talks on trade")


def test_ids_are_unique_and_notes_need_a_registered_rule() -> None:
    rules.rule("test.example_unique", "step", "a rule for this test")
    with pytest.raises(ValueError):
        rules.rule("test.example_unique", "step", "again")
    with pytest.raises(ValueError):
        rules.rule("test.example_stage", "nonsense", "bad stage")
    with rules.tracing(), pytest.raises(KeyError):
        rules.note("test.never_registered", "found")
