"""Floors on development set A (tests/devsets/written_a: eight articles we wrote and annotated
before the extractor ran on them, then tuned the rules on; a development set, no longer a measure
of generalisation: ../shared/corpus is), and unit tests for the rules added for it.

The gold is contract v2 (extraction.md v2, annotation.md "Conventions (v2)", DECISIONS.md):
intercepted counts are drones_intercepted / missiles_intercepted, parts of a total are not
listed, "lost N troops" is killed, running totals are cumulative, exchanges are events."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.eval import evaluate
from store.extract import extract

DEVSET = Path(__file__).resolve().parent / "devsets" / "written_a"
# Floors: the scores on the v2 gold when it was regenerated (statements 0.886, metrics 0.929,
# events 0.852; on the pre-v2 gold 0.91 / 0.77 / 0.88), rounded down to 0.05.
# events 0.80: 0.8496 after the events rework on real articles (v2 vetoes of background).
FLOORS = {"statements": 0.85, "metrics": 0.90, "events": 0.80}


@pytest.fixture(scope="module")
def report():
    return evaluate(DEVSET / "articles", DEVSET / "gold").to_dict()["summary"]


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_devset_a_f1_floor(report, part: str) -> None:
    assert report[part]["f1"] >= FLOORS[part], report[part]


def test_devset_a_nothing_failed(report) -> None:
    assert report["failed"] == 0
    assert report["speaker"]["accuracy"] >= 0.9


def _metrics(text: str) -> set[tuple[str, float]]:
    return {(m.kind, m.value) for m in extract(text, published="2025-10-30").metrics}


def _statements(text: str) -> set[tuple[str, str, str]]:
    return {(s.speaker, s.quote, s.mode) for s in extract(text, published="2025-10-30").statements}


# ---- metrics ----------------------------------------------------------------------------------
def test_two_weapon_counts_keep_their_own_nouns() -> None:
    got = _metrics("Title\n\nMoscow fired 350 drones and 21 missiles at the west overnight.")
    assert ("drones", 350) in got and ("missiles", 21) in got and ("missiles", 350) not in got


def test_intercepted_after_a_launch_count_is_not_a_launch() -> None:
    text = ("Title\n\nRussia launched 90 drones and 6 missiles overnight, of which 70 drones were "
            "shot down. Air defences also intercepted four of the missiles.\n\nThe air force "
            "reported that Ukrainian units downed 15 more drones and 2 missiles.")
    got = _metrics(text)
    assert {("drones", 90), ("missiles", 6)} <= got
    assert not {("drones", 70), ("missiles", 4), ("drones", 15), ("missiles", 2)} & got


def test_intercepted_alone_is_the_only_count() -> None:
    got = _metrics("Title\n\nThe ministry said air defences destroyed 64 Ukrainian drones.")
    assert ("drones_intercepted", 64) in got and ("drones", 64) not in got  # contract v2


def test_bare_number_after_kill_or_injure_verb() -> None:
    got = _metrics("Title\n\nA glide bomb on Kramatorsk killed three people and injured 14, "
                   "the mayor said.")
    assert {("killed", 3), ("injured", 14)} <= got


def test_a_person_was_killed_and_more_people_died() -> None:
    got = _metrics("Title\n\nA woman was killed in Nikopol. Two more people died in Kherson.")
    assert {("killed", 1), ("killed", 2)} <= got


def test_soldiers_returned_in_a_swap_are_prisoners() -> None:
    got = _metrics("Title\n\nThe two sides exchanged prisoners, each returning 84 soldiers.")
    assert ("prisoners", 84) in got and ("troops", 84) not in got


def test_no_number_after_month_abbreviation() -> None:
    got = _metrics("Title\n\nThe general claimed on Oct. 12 that troops had entered the town.")
    assert not any(v == 12 for _, v in got)


# ---- statements -------------------------------------------------------------------------------
def test_attribution_after_a_title() -> None:
    got = _statements("Title\n\nFour people were hurt in the Shevchenkivskyi district, Mayor "
                      "Vitali Klitschko said.")
    assert any(s == "Vitali Klitschko" and "Four people were hurt" in q for s, q, _ in got)


def test_according_to_a_titled_person_even_with_numbers() -> None:
    got = _statements("Title\n\nShelling killed two men in Nikopol, according to regional "
                      "governor Serhiy Lysak.")
    assert any(s == "Serhiy Lysak" and "Shelling killed two men" in q for s, q, _ in got)


def test_according_to_at_the_start() -> None:
    got = _statements("Title\n\nAccording to Zelensky, the framework would be signed in Kyiv.")
    assert ("Volodymyr Zelensky", "the framework would be signed in Kyiv", "indirect") in got


def test_quotation_continued_in_the_next_sentence() -> None:
    got = _statements('Title\n\n"We are not giving up," Zelensky said. "Nobody will decide for '
                      'us."')
    assert ("Volodymyr Zelensky", "Nobody will decide for us.", "direct") in got


def test_no_indirect_clause_from_inside_a_quotation() -> None:
    got = _statements('Title\n\n"We are close, but we are not finished," Rubio said.')
    assert all(mode == "direct" for _, _, mode in got)


# ---- events -----------------------------------------------------------------------------------
def _kinds(text: str) -> set[str]:
    return {e.kind for e in extract(text, published="2025-10-30").events}


@pytest.mark.parametrize(("sentence", "kind"), [
    ("The proposal, drafted by envoys in Miami, would freeze the front line.", "agreement"),
    ("The talks in Istanbul ended with an agreement to exchange the wounded.", "agreement"),
    ("Russian forces are also advancing on Siversk, the brigade said.", "advance"),
    ("Moscow plans to redeploy units from Kursk to Zaporizhzhia, Budanov said.", "deployment"),
    ("The EU adopted its 19th package of sanctions in Brussels on Thursday.", "sanctions"),
])
def test_new_event_triggers(sentence: str, kind: str) -> None:
    assert kind in _kinds("Title\n\n" + sentence)
