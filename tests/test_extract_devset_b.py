"""Floors on development set B (tests/devsets/written_b: eight articles in other styles that we
wrote and annotated before the extractor ran on them, then tuned the rules on; a development set,
no longer a measure of generalisation), and unit tests for the rules added for it.

The gold is contract v2 (extraction.md v2, annotation.md "Conventions (v2)", DECISIONS.md):
intercepted counts are drones_intercepted / missiles_intercepted, parts of a total are not
listed, "lost N personnel" is killed, running totals are cumulative, exchanges are events."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.eval import evaluate
from store.extract import extract
from store.extract.actors import gender_of
from store.extract.dates import find as find_dates

DEVSET = Path(__file__).resolve().parent / "devsets" / "written_b"
# Floors: the scores on the v2 gold when it was regenerated (statements 0.836, metrics 0.973,
# events 0.788; on the pre-v2 gold 0.84 / 0.75 / 0.85), rounded down to 0.05. Events fell
# because v2 gold codes war summits as talks, adds exchange events and drops background.
FLOORS = {"statements": 0.80, "metrics": 0.95, "events": 0.75}
PUB = "2025-11-06"  # a Thursday


@pytest.fixture(scope="module")
def report():
    return evaluate(DEVSET / "articles", DEVSET / "gold").to_dict()["summary"]


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_devset_b_f1_floor(report, part: str) -> None:
    assert report[part]["f1"] >= FLOORS[part], report[part]


def test_devset_b_nothing_failed(report) -> None:
    assert report["failed"] == 0


def _events(text: str) -> list[tuple[str, str | None]]:
    return [(e.kind, e.date) for e in extract("Title\n\n" + text, published=PUB).events]


def _metrics(text: str) -> set[tuple[str, float]]:
    return {(m.kind, m.value) for m in extract("Title\n\n" + text, published=PUB).metrics}


def _statements(text: str) -> list[tuple[str, str, str]]:
    return [(s.speaker, s.quote, s.mode)
            for s in extract("Title\n\n" + text, published=PUB).statements]


def _day(sentence: str) -> str | None:
    found = [d.date for d in find_dates(sentence, PUB) if d.date]
    return found[0] if found else None


# ---- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "day"), [
    ("The envoys are scheduled to meet in Geneva on Saturday.", "2025-11-08"),
    ("The minister said he was prepared to meet his counterpart on Monday.", "2025-11-10"),
    ("Officials said both sides were ready to sign on Tuesday.", "2025-11-11"),
    ("The talks were held on Monday.", "2025-11-03"),
    ("Drones hit the port on the night of October 30 to 31.", "2025-10-31"),
    ("A large strike hit the grid overnight into November 2, officials said.", "2025-11-02"),
    ("The envoy from Jared's team met them on Tuesday.", "2025-11-04"),
])
def test_weekday_and_night_resolution(sentence: str, day: str) -> None:
    assert _day(sentence) == day


# ---- events -----------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "The two delegations did not agree on a ceasefire in Geneva on Monday.",
    "The spokesman warned that a ceasefire would only let the enemy regroup.",
    "Analysts said the Kremlin is not interested in a truce.",
    "A senator said sanctions relief without a ceasefire would be a mistake.",
    "The ministry said Moscow was ready to resume negotiations in Istanbul.",
    "Ankara has offered to host talks between the two sides.",
    "The Kremlin remains open to a meeting between the two presidents.",
    "Moscow is open to a summit, but it must be prepared, the minister told journalists on "
    "Wednesday.",
    "A summit between the leaders was \"possible, but premature,\" the aide said.",
    "After the vote, the party hit back at its critics.",
])
def test_no_event_for_negated_hypothetical_or_offered(sentence: str) -> None:
    assert _events(sentence) == []


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Russian drones attacked port infrastructure in Izmail overnight.", "strike"),
    ("Five people remain trapped under the rubble in Dnipro, rescuers said.", "strike"),
    ("A guided bomb hit a school in Sloviansk on Tuesday.", "strike"),
    ("Air defences destroyed 40 drones over the Belgorod region on Monday.", "strike"),
    ("Moscow had concentrated about 20,000 troops near Kupiansk, the general said.",
     "deployment"),
    ("Russian forces are redeploying units to the Huliaipole direction.", "deployment"),
    ("Ukrainian units pushed Russian troops out of Kupiansk last week.", "advance"),
    ("Russian troops entered the outskirts of Lyman, the brigade said.", "advance"),
    ("The two ministers are set to speak by phone on Monday.", "call"),
])
def test_new_event_triggers(sentence: str, kind: str) -> None:
    assert kind in {k for k, _ in _events(sentence)}


def test_ready_to_meet_with_a_named_day_is_a_planned_event() -> None:
    got = _events("Zelensky said he was prepared to meet Putin in Istanbul on Thursday.")
    assert ("meeting", "2025-11-06") in got or ("meeting", "2025-11-13") in got


def test_summary_repeated_in_the_body_is_one_event() -> None:
    text = ("Russian forces recently advanced near Lyman and Siversk.\n\n"
            "Russian forces recently advanced in the Lyman direction. Geolocated footage "
            "published on November 4 indicates that Russian forces advanced north of Lyman.\n\n"
            "Ukrainian forces recently advanced near Kupiansk.")
    got = _events(text)
    assert [k for k, _ in got].count("advance") == 2


def test_a_claim_is_not_merged_into_an_observed_advance() -> None:
    text = ("Russian forces recently advanced near Pokrovsk.\n\nThe Russian MoD claimed on "
            "November 5 that Russian forces seized Rodynske north of Pokrovsk.")
    assert [k for k, _ in _events(text)].count("advance") == 2


def test_same_strike_repeated_merges_but_another_day_does_not() -> None:
    text = ("Russia launched a combined strike against Ukraine overnight into November 2.\n\n"
            "Russian forces conducted a combined strike overnight into November 2, targeting "
            "energy facilities.\n\nA glide bomb hit Kramatorsk on Tuesday. Shelling hit "
            "Kramatorsk again on Wednesday.")
    assert [k for k, _ in _events(text)].count("strike") == 3


def test_two_meetings_at_two_places_in_one_sentence() -> None:
    got = _events("Trump said he would meet Putin in Budapest, a day before Zelensky is due to "
                  "meet him in Washington on Friday.")
    assert [k for k, _ in got].count("meeting") == 2


# ---- metrics ----------------------------------------------------------------------------------
def test_model_designation_is_not_a_count() -> None:
    got = _metrics("Russia launched 24 missiles, including seven Kh-101 cruise missiles.")
    # contract v2: the seven are a part of the 24, no metric of their own
    assert ("missiles", 24) in got and ("missiles", 101) not in got and ("missiles", 7) not in got


def test_breakdowns_without_a_noun() -> None:
    got = _metrics("The ministry said 60 drones were destroyed overnight, including 25 over the "
                   "Kursk region and 10 over the Bryansk region.")
    # contract v2: shot down is drones_intercepted; the regional breakdown is part of the total
    assert got == {("drones_intercepted", 60)}
    got = _metrics("Twelve people were killed, including two children.")
    assert got == {("killed", 12)}


def test_more_people_nouns() -> None:
    assert ("injured", 4) in _metrics("Four crew members were injured in the attack.")
    assert ("injured", 2) in _metrics("Two employees were hurt, the company said.")
    assert ("killed", 1) in _metrics("Bombs hit the town, killing one man, the governor said.")


def test_weapons_produced_are_not_launched() -> None:
    assert not _metrics("The minister said Ukraine planned to produce 500 long-range drones a "
                        "month.")


# ---- statements -------------------------------------------------------------------------------
def test_she_resolves_to_the_nearest_woman() -> None:
    got = _statements("Prime Minister Yulia Svyrydenko met Finance Minister Serhiy Marchenko. "
                      "She said the budget was ready.")
    assert ("Yulia Svyrydenko", "the budget was ready", "indirect") in got


def test_he_skips_a_woman_named_last() -> None:
    got = _statements("Interior Minister Ihor Klymenko visited the site with Energy Minister "
                      "Svitlana Hrynchuk. He said rescuers had found two more bodies.")
    assert ("Ihor Klymenko", "rescuers had found two more bodies", "indirect") in got


def test_gender_from_gazetteer_and_first_names() -> None:
    assert gender_of("Maria Zakharova") == "f"
    assert gender_of("Sergei Lavrov") == "m"
    assert gender_of("Olena Kovalenko") == "f"
    assert gender_of("Xq Unknown") is None


def test_title_inside_a_capitalised_run() -> None:
    got = _statements("Ukrainian Energy Minister Svitlana Hrynchuk said the grid was stable.")
    assert ("Svitlana Hrynchuk", "the grid was stable", "indirect") in got


def test_reported_clause_that_quotes_keeps_both_statements() -> None:
    got = _statements('NATO Secretary-General Mark Rutte said the alliance would back "any deal '
                      'that holds."')
    assert {mode for s, _, mode in got if s == "Mark Rutte"} == {"direct", "indirect"}


def test_country_military_is_an_institution() -> None:
    got = _statements("Ukraine's military said the Russian claims were false.")
    assert got and got[0][0] == "Ukrainian military"
