"""Timeline: events newest first, undated ones in their own group at the end."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult

from store.cite import status_word
from store.query import EventRow, Filters
from tui.css import css_beside
from tui.messages import EventHighlighted, SourceRequested
from tui.panes.base import TablePane
from tui.text import (
    DATE_WIDTH,
    cell,
    cut,
    date_cell,
    dates_fact,
    kind_cell,
    oblast_cell,
    search_pattern,
    words_text,
)
from tui.widgets.detail_strip import DetailStrip
from tui.widgets.paged_table import Column, PagedTable

COLUMNS = [
    Column("Date", DATE_WIDTH),
    Column("Kind", 11),
    Column("#", 2),
    Column("Location", 12),
    # Gives way to the summary on a narrow pane (80 columns); the detail strip says it.
    Column("Oblast", 12, drop=1),
    Column("Summary · actors", 24, flex=True),
]


def render_event(e: EventRow, pattern: re.Pattern[str] | None) -> Sequence[Text]:
    date = date_cell(e.date, e.date_precision, e.reported)
    reports = Text(str(e.reports), style="bold" if e.reports > 1 else "dim", justify="right")
    summary = cell(e.summary or e.evidence, pattern)
    if e.actors:
        summary.append(" · ", style="dim")
        summary.append_text(cell(", ".join(e.actors), pattern, style="italic"))
    return [date, kind_cell(e.kind), reports, cell(e.location, pattern), oblast_cell(e.oblast),
            summary]


class TimelinePane(TablePane):
    """Events by date, newest first; # is how many articles report the same kind, day, place."""

    TITLE = "1 Timeline"
    DEFAULT_CSS = css_beside(__file__)

    def compose(self) -> ComposeResult:
        yield PagedTable("events", COLUMNS, render_event, id="timeline-table")
        yield DetailStrip(id="timeline-detail")

    def relevant(self, filters: Filters) -> Filters:
        return replace(filters, near=None)

    def row_words(self, row: object) -> Text:
        """The article's sentence whole (the summary in the table abridges it)."""
        if not isinstance(row, EventRow):
            return Text()
        return words_text(row.evidence or row.summary, search_pattern(self.filters.search_text))

    def row_facts(self, row: object) -> list[str]:
        if not isinstance(row, EventRow):
            return []
        facts = [f"{cut(row.kind, 30)} {status_word(row.kind, row.status)}",
                 dates_fact(row.date, row.date_precision, row.reported)]
        if row.location:
            place = cut(row.location, 60)
            if row.oblast and row.oblast != row.location:
                place += f", {cut(row.oblast, 40)}"
            facts.append(f"at {place}")
        if row.actors:
            facts.append("actors " + cut(", ".join(row.actors), 120))
        if row.reports > 1:
            facts.append(f"{row.reports} articles report it")
        if row.outlet:
            facts.append(cut(row.outlet, 40))
        return facts

    def on_paged_table_window_changed(self, message: PagedTable.WindowChanged) -> None:
        message.stop()
        self.show_row(self.table.current_row)
        self.set_title(self.table.position())

    def on_paged_table_row_moved(self, message: PagedTable.RowMoved) -> None:
        message.stop()
        self.show_row(message.row)
        self.post_message(EventHighlighted(message.row, message.by_user and self.table.has_focus))

    def on_paged_table_row_opened(self, message: PagedTable.RowOpened) -> None:
        message.stop()
        e: EventRow = message.row
        self.post_message(SourceRequested(e.article_id, e.span_start, e.span_end,
                                          e.evidence, e.rule, row=e))
