"""Events: kinds, dates, places, status, and what is not an event."""

from __future__ import annotations

from store.extract import extract


def events(text: str, published: str = "2026-03-04") -> list[tuple[str, str | None, str | None,
                                                                      str]]:
    ex = extract("Headline\n" + text, published=published)
    return [(e.kind, e.date, e.location, e.status) for e in ex.events]


def test_strike_with_place_and_day() -> None:
    got = events("At least 12 people were killed in a strike on Kharkiv on Saturday.")
    assert got == [("strike", "2026-02-28", "Kharkiv", "occurred")]


def test_planned_talks() -> None:
    got = events("Delegations will meet in Istanbul next week for a new round.")
    assert got == [("meeting", "2026-03-09", "Istanbul", "planned")]


def test_phone_call_on_a_date() -> None:
    got = events("Trump and Putin held a phone call on March 2 about a truce deal.")
    assert got[0][:3] == ("call", "2026-03-02", None)


def test_advance_per_side_in_one_sentence() -> None:
    got = events("Ukrainian forces advanced near Kupiansk, and Russian forces captured a "
                 "village near Pokrovsk.")
    assert [(k, loc) for k, _, loc, _ in got] == [("advance", "Kupiansk"),
                                                   ("advance", "Pokrovsk")]


def test_hypothetical_and_quoted_events_are_not_events() -> None:
    assert events("Any future talks would need a ceasefire first.") == []
    assert events("Kyiv will not negotiate until there are talks between leaders.") == []
    assert events("“This strike shows Russia wants war,” Zelensky said.") == []


def test_one_meeting_reported_twice_is_one_event() -> None:
    text = ("Officials met in Riyadh on Tuesday for talks on the war. "
            "The talks in Riyadh lasted four hours.")
    got = events(text, published="2025-02-18")
    assert got == [("talks", "2025-02-18", "Riyadh", "occurred")]


def test_sanctions_and_agreement() -> None:
    assert events("The EU imposed new sanctions on Russian banks on Friday.")[0][0] == "sanctions"
    assert events("Kyiv and Washington signed a minerals deal in Washington.")[0][:1] == (
        "agreement",)


def test_claimed_status() -> None:
    got = events("Russia claimed that Ukraine launched drones at Belgorod.")
    assert got[0][0] == "strike" and got[0][3] == "claimed"
