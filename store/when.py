"""Dates as people type them ("last Tuesday", "3 weeks ago", "March 2025",
"2025-02-17..2025-02-20"), read relative to a given today into a range of ISO days.

Used by `sitrep --since/--until` and the dashboard's "go to date" prompt. Offline: dateparser
reads English only here (its language detection would try every locale, slowly, and guess).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

RANGE_SEPARATORS = ("..", " to ", " until ", " – ", " — ")
EXAMPLES = "'last Tuesday', '3 weeks ago', 'March 2025', '2025-02-17..2025-02-20'"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")
# "3 weeks ago", "in 2 days", "2 months back": a point in time, not the week or month holding it
_OFFSET = re.compile(r"\b(ago|back|in\s+\d+|\d+\s+\w+\s+(before|earlier))\b", re.IGNORECASE)


class WhenError(ValueError):
    """Text that names no date: the message is one line naming it."""


@dataclass(frozen=True, slots=True)
class DayRange:
    """Inclusive first and last ISO day."""

    start: str
    end: str

    def __str__(self) -> str:
        return self.start if self.start == self.end else f"{self.start}..{self.end}"


@lru_cache(maxsize=8)
def _parser(today: dt.date) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "past",  # "Tuesday" is the last one, "March" the last March
        "RETURN_TIME_AS_PERIOD": False,
    })


def _month_range(year: int, month: int) -> DayRange:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return DayRange(first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat())


def _not_read(text: str) -> WhenError:
    shown = " ".join(text.split())[:80]
    return WhenError(f"{shown!r} is not a date sitrep can read (try {EXAMPLES})")


def parse_day_range(text: str, today: dt.date) -> DayRange:
    """The days `text` names: one day ("yesterday", "3 weeks ago", "2025-02-17"), a week
    ("last week"), a month ("March 2025", "last month"), a year ("2025"), or a range of any of
    these written A..B. Raises WhenError naming what could not be read."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise WhenError("an empty date (try " + EXAMPLES + ")")
    for sep in RANGE_SEPARATORS:
        if sep in cleaned:
            left, _, right = cleaned.partition(sep)
            if not left.strip() or not right.strip():
                raise WhenError(f"{cleaned!r}: a range needs a date on both sides of "
                                f"{sep.strip()!r} (2025-02-17..2025-02-20)")
            first = parse_day_range(left, today)
            last = parse_day_range(right, today)
            if last.end < first.start:
                raise WhenError(f"{cleaned!r}: the range ends ({last.end}) before it starts "
                                f"({first.start})")
            return DayRange(first.start, last.end)
    return _single(cleaned, today)


def _single(text: str, today: dt.date) -> DayRange:
    try:
        if _ISO_DAY.match(text):
            return _one_day(dt.date.fromisoformat(text))
        month = _ISO_MONTH.match(text)
        if month:
            return _month_range(int(month.group(1)), int(month.group(2)))
        if _YEAR.match(text):
            return DayRange(f"{text}-01-01", f"{text}-12-31")
    except ValueError:
        raise _not_read(text) from None
    data = _parser(today).get_date_data(text)
    found = data.date_obj
    if found is None:
        raise _not_read(text)
    day = found.date()
    period = data.period or "day"
    if _OFFSET.search(text) or period in ("day", "time"):
        return _one_day(day)
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return DayRange(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
    if period == "month":
        return _month_range(day.year, day.month)
    if period == "year":
        return DayRange(f"{day.year:04d}-01-01", f"{day.year:04d}-12-31")
    return _one_day(day)


def _one_day(day: dt.date) -> DayRange:
    return DayRange(day.isoformat(), day.isoformat())


def parse_window(since: str | None, until: str | None,
                 today: dt.date) -> tuple[str | None, str | None]:
    """The (date_from, date_to) of `--since` and `--until`: from the first day `since` names to
    the last day `until` names (a range given to either sets both ends when the other is
    missing: `--since 'March 2025'` alone is all of March 2025 onward)."""
    start = end = None
    if since:
        got = parse_day_range(since, today)
        start = got.start
        if any(sep in since for sep in RANGE_SEPARATORS) and not until:
            end = got.end
    if until:
        end = parse_day_range(until, today).end
    if start and end and end < start:
        raise WhenError(f"--until {until!r} ({end}) is before --since {since!r} ({start})")
    return start, end
