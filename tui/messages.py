"""Messages between the panes and the app, each named for what happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from store.query import EventRow, Filters


@dataclass
class FiltersChanged(Message, bubble=False):
    """The app's filters changed; sent to each pane, which reloads what concerns it."""

    filters: Filters


@dataclass
class EventHighlighted(Message):
    """The timeline cursor rests on `event` (moved by the user when `by_user`)."""

    event: EventRow
    by_user: bool


@dataclass
class SourceRequested(Message):
    """Enter on a row: show its article with the evidence span highlighted."""

    article_id: str
    span_start: int
    span_end: int
    evidence: str
    rule: str = ""  # the extraction rule that made the row
    row: Any = None  # the row itself (the source pane cites it: y, Y)


@dataclass
class SearchChanged(Message):
    """The search box's text changed (search as you type)."""

    text: str


@dataclass
class SearchSubmitted(Message):
    """Enter in the search box."""

    text: str


@dataclass
class SearchCancelled(Message):
    """Esc in the search box: clear the search."""
