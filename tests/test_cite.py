"""Citations that do not misquote (store.cite): rows made here, sentences written for the test."""

from __future__ import annotations

from store.cite import citation, day_phrase, markdown_citation, status_word
from store.query import EventRow, MetricRow, StatementRow


def statement(mode: str, quote: str, **kw: object) -> StatementRow:
    row = StatementRow(1, "a1", "Olena Example", quote, mode, "2025-03-04", "day", ["talks"],
                       "evidence", 0, 8, reported="2025-03-05", outlet="Example Wire",
                       url="https://news.example/a b(1)", article_title="Headline")
    for name, value in kw.items():
        setattr(row, name, value)
    return row


def test_direct_speech_is_quoted_with_outlet_date_and_url() -> None:
    row = statement("direct", "We will keep talking.")
    assert citation(row) == ('Olena Example said on 2025-03-04: "We will keep talking." '
                             '(Example Wire, 2025-03-05, https://news.example/a b(1))')


def test_indirect_speech_is_reported_without_quotation_marks() -> None:
    row = statement("indirect", "that the talks would go on.")
    text = citation(row)
    assert text == ("Olena Example said on 2025-03-04 that the talks would go on. "
                    "(Example Wire, 2025-03-05, https://news.example/a b(1))")
    assert '"' not in text


def test_quotation_marks_inside_a_quote_become_single() -> None:
    row = statement("direct", 'They called it "a pause".')
    assert citation(row).startswith("Olena Example said on 2025-03-04: "
                                    "\"They called it 'a pause'.\" (")


def test_markdown_links_the_outlet_and_escapes_the_words() -> None:
    row = statement("direct", "Read *this* [now]")
    assert markdown_citation(row) == (
        'Olena Example said on 2025-03-04: "Read \\*this\\* \\[now\\]" '
        "([Example Wire, 2025-03-05](https://news.example/a%20b%281%29))")


def test_without_url_or_outlet_the_headline_names_the_source() -> None:
    row = statement("indirect", "nothing had changed", outlet=None, url=None, date=None,
                    reported=None)
    assert citation(row) == "Olena Example said that nothing had changed. (Headline, undated)"
    assert markdown_citation(row) == ("Olena Example said that nothing had changed. "
                                      "(Headline, undated)")


def test_events_and_figures_quote_the_articles_sentence() -> None:
    event = EventRow(2, "a1", "talks", "2025-03-10", "day", "planned", "Geneva", [],
                     "Talks in Geneva", "Talks are due in Geneva next week.", 0, 10,
                     reported="2025-03-05", outlet="Example Wire", url=None)
    assert citation(event) == ('Talks (planned, in Geneva, on 2025-03-10): "Talks are due in '
                               'Geneva next week." (Example Wire, 2025-03-05)')
    metric = MetricRow(3, "a1", "drones", 40.0, "over", "Russia", None, "2025-03-04", "day",
                       "Air Force", "Over 40 drones flew in.", 0, 10, reported="2025-03-05",
                       outlet="Example Wire")
    assert citation(metric) == ('drones: over 40 (according to Air Force, side Russia, on '
                                '2025-03-04): "Over 40 drones flew in." (Example Wire, 2025-03-05)')


def test_status_and_dates_say_no_more_than_the_source() -> None:
    assert status_word("talks", "occurred") == "held"
    assert status_word("strike", "occurred") == "occurred"
    assert status_word("strike", "claimed") == "claimed"
    assert day_phrase("2025-03-01", "month") == "in 2025-03"
    assert day_phrase("2025-03-06", "week") == "in the week of 2025-03-03"
    assert day_phrase(None) == ""
