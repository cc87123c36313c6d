"""Statements: who said what, when, directly or reported."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult

from store.query import Filters, StatementRow
from tui.css import css_beside
from tui.messages import SourceRequested
from tui.panes.base import TablePane
from tui.text import DATE_WIDTH, cell, cut, date_cell, dates_fact, search_pattern, words_text
from tui.widgets.detail_strip import DetailStrip
from tui.widgets.paged_table import Column, PagedTable

COLUMNS = [
    Column("Date", DATE_WIDTH),
    Column("Speaker", 16),
    Column("Mode", 8),
    Column("Quote", 30, flex=True),
    Column("Topics", 20),
]


def render_statement(s: StatementRow, pattern: re.Pattern[str] | None) -> Sequence[Text]:
    date = date_cell(s.date, s.date_precision, s.reported)
    mode = Text("direct" if s.mode == "direct" else "indirect",
                style="bold" if s.mode == "direct" else "italic")
    return [
        date,
        cell(s.speaker, pattern, style="bold"),
        mode,
        cell(s.quote, pattern),
        cell(", ".join(s.topics) if s.topics else None),
    ]


class StatementsPane(TablePane):
    """Statements newest first; follows the timeline's date when linked to it (L)."""

    TITLE = "2 Statements"
    DEFAULT_CSS = css_beside(__file__)

    def compose(self) -> ComposeResult:
        yield PagedTable("statements", COLUMNS, render_statement, id="statements-table")
        yield DetailStrip(id="statements-detail")

    def relevant(self, filters: Filters) -> Filters:
        return replace(filters, kind=None)

    def row_words(self, row: object) -> Text:
        """The quote whole: word for word in quotation marks, reported speech without."""
        if not isinstance(row, StatementRow):
            return Text()
        direct = row.mode == "direct"
        return words_text(row.quote, search_pattern(self.filters.search_text), quoted=direct,
                          style="bold" if direct else "italic")

    def row_facts(self, row: object) -> list[str]:
        if not isinstance(row, StatementRow):
            return []
        mode = "direct quote" if row.mode == "direct" else "reported speech (indirect)"
        facts = [cut(row.speaker, 80), mode, dates_fact(row.date, row.date_precision,
                                                      row.reported)]
        if row.outlet:
            facts.append(cut(row.outlet, 40))
        facts.append("topics " + cut(", ".join(row.topics), 120) if row.topics
                     else "no topics")
        return facts

    def on_paged_table_window_changed(self, message: PagedTable.WindowChanged) -> None:
        message.stop()
        self.show_row(self.table.current_row)
        detail = self.table.position()
        if self.filters.near:
            detail += f" · near {self.filters.near[:10]}"
        self.set_title(detail)

    def on_paged_table_row_moved(self, message: PagedTable.RowMoved) -> None:
        message.stop()
        self.show_row(message.row)

    def on_paged_table_row_opened(self, message: PagedTable.RowOpened) -> None:
        message.stop()
        s: StatementRow = message.row
        self.post_message(SourceRequested(s.article_id, s.span_start, s.span_end,
                                          s.evidence, s.rule, row=s))
