from __future__ import annotations

import pytest

from tui.text import date_cell


@pytest.mark.parametrize(
    ("date", "precision", "shown"),
    [
        ("2026-02-18", "day", "2026-02-18"),
        ("2026-02-09", "week", "2026-W07"),
        ("2026-01-01", "month", "2026-01"),
        ("2022-01-01", "year", "2022"),
        (None, "unknown", "undated"),
        ("2026-02-18", "unknown", "2026-02-18"),
    ],
)
def test_dates_show_no_more_precision_than_the_source_gave(
    date: str | None, precision: str, shown: str
) -> None:
    assert date_cell(date, precision).plain == shown


def test_the_detail_strip_keeps_the_facts_whole_and_cuts_long_words_last() -> None:
    from rich.console import Console
    from rich.text import Text

    from tui.widgets.detail_strip import pack_facts, strip_lines

    console = Console(width=32)
    facts = ["Olena Example", "direct quote", "2025-03-04 · article 2025-03-05", "Wire"]
    packed = [line.plain for line in pack_facts(console, facts, 32)]
    # a fact is never broken while it fits a line
    assert packed == ["Olena Example · direct quote", "2025-03-04 · article 2025-03-05",
                      "Wire"]
    words = Text("one two three four five six seven eight nine ten eleven twelve thirteen")
    lines = [line.plain for line in strip_lines(console, words, facts, 32, height=4)]
    assert lines[1:] == packed  # the facts whole, the words in the line left
    assert lines[0].endswith("…") and len(lines[0]) <= 32 and lines[0].startswith("one two")
    short = [line.plain for line in strip_lines(console, Text("Said."), ["Wire"], 30)]
    assert short == ["Said.", "Wire"]
