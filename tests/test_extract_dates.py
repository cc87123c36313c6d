"""Date resolution rules of the contract, each with its precision."""

from __future__ import annotations

import pytest

from store.extract.dates import find, infer_published


def resolved(sentence: str, published: str | None) -> list[tuple[str | None, str]]:
    return [(d.date, d.precision) for d in find(sentence, published)]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # a date without a year takes the year nearest publication
        ("They met on February 3.", "2026-02-04", [("2026-02-03", "day")]),
        ("Talks on December 30 went nowhere.", "2026-01-02", [("2025-12-30", "day")]),
        ("talks on February 17-18", "2026-02-14", [("2026-02-17", "day")]),
        ("held on January 23rd and 24th", "2026-02-04", [("2026-01-23", "day")]),
        ("on Feb. 17, 2025, in Paris", "2026-02-18", [("2025-02-17", "day")]),
        ("on 16 March 2025", None, [("2025-03-16", "day")]),
        ("KRAMATORSK - FEBRUARY 3: a fire", "2026-02-04", [("2026-02-03", "day")]),
        # weekdays: latest on or before publication, the next one for the future
        ("Talks ended on Wednesday.", "2026-02-18", [("2026-02-18", "day")]),
        ("They met on Monday.", "2026-02-18", [("2026-02-16", "day")]),
        ("the strike overnight into Tuesday", "2026-02-04", [("2026-02-03", "day")]),
        ("Talks will resume on Friday.", "2026-02-18", [("2026-02-20", "day")]),
        ("between Wednesday and Sunday", "2026-02-18", [("2026-02-11", "week")]),
        # relative and week expressions
        ("last night", "2026-02-04", [("2026-02-04", "day")]),
        ("yesterday", "2026-02-04", [("2026-02-03", "day")]),
        ("last week", "2026-02-04", [("2026-01-26", "week")]),
        ("next week", "2025-02-18", [("2025-02-24", "week")]),
        ("in the week commencing January 25", "2026-02-18", [("2026-01-25", "week")]),
        ("since January 2022", "2025-02-18", [("2022-01-01", "month")]),
        # vague time gives no day
        ("in the coming weeks", "2026-02-18", [(None, "unknown")]),
        ("Russia recently advanced.", "2026-02-18", [(None, "unknown")]),
        # no publication date: relative dates are null
        ("on Monday", None, [(None, "unknown")]),
        ("on February 16", None, [(None, "unknown")]),
    ],
)
def test_resolution(sentence: str, published: str | None,
                    expected: list[tuple[str | None, str]]) -> None:
    assert resolved(sentence, published) == expected


def test_may_the_verb_is_not_a_month() -> None:
    assert resolved("Talks may resume 9 times.", "2026-02-18") == []
    assert resolved("the May 9 parade", "2025-02-17") == [("2025-05-09", "day")]


def test_published_inferred_from_latest_full_date() -> None:
    text = "Met on February 17, 2025. Again on February 18, 2025. Since January 2022."
    assert infer_published(text) == "2025-02-18"
    assert infer_published("No dates here, only Monday.") is None


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # v2: "the night of X to Y" is day Y
        ("on the night of Saturday to Sunday", "2026-02-18", [("2026-02-15", "day")]),
        ("during the night of February 14 to 15", "2026-02-18", [("2026-02-15", "day")]),
        # the named day dates "overnight"
        ("launched overnight Saturday", "2026-02-08", [("2026-02-07", "day")]),
        # a time that names no day
        ("over the weekend", "2026-02-18", [(None, "week")]),
        ("hours after the vote", "2026-02-18", [(None, "unknown")]),
        ("this past week", "2026-02-18", [(None, "week")]),
        # a month alone: the one nearest publication, not after it when told in the past
        ("It fell in early March.", "2026-07-10", [("2026-03-01", "month")]),
        ("It began in November.", "2026-02-10", [("2025-11-01", "month")]),
        # a past-tense day the nearest-year rule would put after publication
        ("Troops crossed the border on February 24.", "2026-02-10", [("2025-02-24", "day")]),
    ],
)
def test_resolution_v2(sentence: str, published: str,
                       expected: list[tuple[str | None, str]]) -> None:
    assert resolved(sentence, published) == expected


def test_calendar_edges() -> None:
    for published in ("0001-01-01", "9999-12-31"):
        for sentence in ("last week", "yesterday", "next month", "on Monday", "next week",
                         "on February 3", "in March", "the night of Monday to Tuesday"):
            find(sentence, published)  # must not raise


def test_date_rules_declare_their_words() -> None:
    from store.extract.rules import RULES

    ids = [r for r in RULES if r.startswith("date.")]
    assert {"date.weekday", "date.month_day", "date.night_of", "date.weekend"} <= set(ids)
    assert all(RULES[r].words for r in ("date.weekday", "date.month_day", "date.relative"))


def test_fronted_day_of_a_past_speech_act() -> None:
    # "On Friday, X said he would ...": the Friday before publication, not after it
    assert resolved("On Friday, Trump said he would meet them this week.", "2025-02-10")[0] == (
        "2025-02-07", "day")
    # "finished sooner than planned on Wednesday": no future
    assert resolved("Talks finished sooner than planned on Wednesday.", "2026-02-18") == [
        ("2026-02-18", "day")]


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-03", "9999-12-28", "9999-12-31"])
def test_relative_dates_at_the_calendars_edges_never_raise(published: str) -> None:
    # strict: a rule that raised would fail here instead of silently costing the records
    from store.extract import extract as run

    text = ("Title of the piece\n\nRussian forces struck Kharkiv last week, killing five "
            "people. Talks will resume next week in Geneva, officials said on Monday. "
            "Yesterday, the governor said 12 drones were shot down overnight into Tuesday. "
            "Next year the talks will resume, he said.")
    ex = run(text, published=published, strict=True)
    middle = run(text, published="2025-06-04", strict=True)
    # the same records as in an ordinary year; only dates past the calendar's edge go
    assert [(m.kind, m.value) for m in ex.metrics] == [(m.kind, m.value) for m in middle.metrics]
    assert ex.events and ex.events[0].kind == "strike"  # (a plan "next year" may go: no day)


def test_nothing_said_or_done_is_dated_after_its_article() -> None:
    from store.extract.dates import not_after_report

    # a weekday read forward ("Speaking Tuesday" in a Saturday article) is the week before
    assert not_after_report("2022-11-01", "day", "2022-10-29") == ("2022-10-25", "day")
    assert not_after_report("2022-10-25", "day", "2022-10-29") == ("2022-10-25", "day")
    # any later day is not known, rather than wrong
    assert not_after_report("2023-03-10", "day", "2022-10-29") == (None, "unknown")
    assert not_after_report("2022-12-01", "month", "2022-10-29") == (None, "unknown")
    assert not_after_report(None, "unknown", "2022-10-29") == (None, "unknown")


def test_a_statement_said_on_a_weekday_is_dated_in_the_week_before_the_article() -> None:
    from store.extract import extract

    ex = extract("Headline\nSpeaking Tuesday, Nancy Pelosi vowed that aid would be in the "
                 "bill.", published="2022-10-29")
    assert [(s.speaker, s.date) for s in ex.statements] == [("Nancy Pelosi", "2022-10-25")]
