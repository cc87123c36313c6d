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
