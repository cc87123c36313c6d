"""Metrics: for each kind a chart over time (aggregated in SQL) and the table of its rows."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.worker import get_current_worker

from store.query import (
    INTERCEPTED,
    SPLITS,
    Filters,
    Interception,
    KindSummary,
    MetricRow,
    RunningTotal,
    Series,
    SeriesPoint,
    distinct_values,
    interception,
    metric_series,
    metric_summary,
    running_total,
)
from tui.css import css_beside
from tui.messages import SourceRequested
from tui.panes.base import Pane
from tui.text import DATE_WIDTH, cell, cut, date_cell, format_number
from tui.widgets.chart import BarChart
from tui.widgets.paged_table import Column, PagedTable
from tui.widgets.text_line import TextLine

CHART_DEBOUNCE = 0.25  # seconds: while a search is typed, the chart and total wait for a pause

PREFERRED = ["drones", "drones_intercepted", "missiles", "missiles_intercepted", "killed",
             "injured", "territory_km2"]

# kind -> (kinds charted together, weekly, by side, caption). Running totals are never charted.
CHARTS: dict[str, tuple[tuple[str, ...], bool, bool, str]] = {
    "missiles": (("missiles", "missiles_intercepted"), False, False, "missiles per day"),
    "missiles_intercepted": (("missiles", "missiles_intercepted"), False, False,
                             "missiles per day"),
    "drones": (("drones", "drones_intercepted"), False, False, "drones per day"),
    "drones_intercepted": (("drones", "drones_intercepted"), False, False, "drones per day"),
    "territory_km2": (("territory_km2",), True, True, "km² per week by side"),
    "killed": (("killed", "injured"), False, False, "killed and injured per day"),
    "injured": (("killed", "injured"), False, False, "killed and injured per day"),
}
# The letter of each kind's bars when a chart shows several (else its initial), and the word
# the chart's legend gives it.
LETTERS = {"drones": "L", "missiles": "L", "drones_intercepted": "I",
           "missiles_intercepted": "I"}
LEGEND = {"drones": "launched", "missiles": "launched", "drones_intercepted": "intercepted",
          "missiles_intercepted": "intercepted"}
# intercepted kind -> its launched kind
LAUNCHED = {v: k for k, v in INTERCEPTED.items()}
RUNNING_MARK = "Σ"  # before a running total's value (a cumulative figure, not a day's)

COLUMNS = [
    Column("Date", DATE_WIDTH),
    Column("Value", 10),
    Column("Rep", 3),  # articles reporting the happening: each is shown once
    Column("Side", 8),
    Column("Location", 12),
    Column("Claimant", 16),
    Column("Evidence", 30, flex=True),
]


def render_metric(m: MetricRow, pattern: re.Pattern[str] | None) -> Sequence[Text]:
    date = date_cell(m.date, m.date_precision, m.reported)
    qualifier = {"at_least": "≥", "over": ">", "about": "~", "up_to": "≤"}.get(m.qualifier, "")
    if m.cumulative:  # a running total: marked, and left out of the total and the chart
        value = Text(RUNNING_MARK + qualifier + format_number(m.value), style="italic",
                     justify="right")
    else:
        value = Text(qualifier + format_number(m.value), style="bold", justify="right")
    reports = Text(str(m.reports), style="bold" if m.reports > 1 else "dim", justify="right")
    return [
        date,
        value,
        reports,
        cell(m.side),
        cell(m.location, pattern),
        cell(m.claimant, pattern),
        cell(m.evidence, pattern),
    ]


def split_labels(points: list[SeriesPoint], with_kind: bool
                 ) -> tuple[dict[str, str], dict[str, str]]:
    """Letters and legend words of a chart split by series ("claimant · side") or side, after
    "kind · " `with_kind`: one letter a series (A, B, ...), after the kind's letter when a
    chart shows two kinds (LA launched, IA intercepted): no two groups share a label, so the
    chart reads without colour."""
    groups = sorted({p.group for p in points})

    def parts(group: str) -> tuple[str, str]:
        kind, _, name = group.partition(" · ") if with_kind else ("", "", group)
        return kind, name

    names = sorted({parts(g)[1] for g in groups})
    series_letter = {name: chr(ord("A") + i) if i < 26 else "?" for i, name in enumerate(names)}
    letters: dict[str, str] = {}
    legend: dict[str, str] = {}
    for group in groups:
        kind, name = parts(group)
        letters[group] = LETTERS.get(kind, "") + series_letter[name]
        legend[group] = f"{LEGEND[kind]} {cut(name, 32)}" if kind in LEGEND else cut(name, 32)
    return letters, legend


def order_kinds(kinds: list[str]) -> list[str]:
    return sorted(kinds, key=lambda k: (PREFERRED.index(k) if k in PREFERRED else 99, k))


def _main_series(conn: sqlite3.Connection, kind: str, filters: Filters, summary: KindSummary,
                 summarised: str) -> Series | None:
    """The main series of `kind` (`summary` is that of kind `summarised`, read already)."""
    if kind != summarised:
        summary = metric_summary(conn, kind, filters)
    return summary.main.series if summary.main is not None else None


class MetricsTable(PagedTable):
    BINDINGS = [
        Binding("left,h", "kind(-1)", "Previous metric", show=False),
        Binding("right,l", "kind(1)", "Next metric", show=False),
        Binding("c", "split", "Split by claimant / side", show=False),
    ]

    def action_kind(self, step: int) -> None:
        self.query_ancestor(MetricsPane).step_kind(step)

    def action_split(self) -> None:
        self.query_ancestor(MetricsPane).step_split()


class MetricsPane(Pane):
    """One metric kind at a time (←/→ switch): its total, its chart, its rows."""

    TITLE = "3 Metrics"
    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kinds: list[str] = []
        self.kind: str | None = None
        self.summary: KindSummary | None = None
        # "kind": the main series alone (one claimant, one side); "claimant", "side": every
        # series side by side (store.query, SPLITS). Never added together.
        self.split = SPLITS[0]
        self.running: RunningTotal | None = None
        self.intercepted: Interception | None = None
        self.points: list[SeriesPoint] = []
        self._header = Text()
        self._stale_kinds = True  # the kinds are read again (at start and on ctrl+r)
        self._charted: Filters | None = None  # the filters of the last chart asked for
        self._chart_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TextLine(id="metric-kind")
        yield BarChart(id="metric-chart")
        yield MetricsTable("metrics", COLUMNS, render_metric, id="metrics-table")

    def on_mount(self) -> None:
        self.set_title("loading…")

    @property
    def table(self) -> MetricsTable:
        return self.query_one(MetricsTable)

    def relevant(self, filters: Filters) -> Filters:
        return replace(filters, near=None, kind=None)

    def apply_filters(self, filters: Filters, *, force: bool = False) -> None:
        self._stale_kinds = self._stale_kinds or force
        super().apply_filters(filters, force=force)

    def reload(self) -> None:
        # The kinds are the whole table's, whatever the filters: read once, not per keystroke.
        if self.kinds and not self._stale_kinds:
            self._show_kind()
            return
        self._stale_kinds = False
        self._load_kinds()

    def step_split(self) -> None:
        """Cycle the chart between the main series and every claimant's, or side's."""
        self.split = SPLITS[(SPLITS.index(self.split) + 1) % len(SPLITS)]
        self._charted = None
        self._load_chart(self.filters, self.kind, self.split)

    def step_kind(self, step: int) -> None:
        if not self.kinds:
            return
        i = self.kinds.index(self.kind) if self.kind in self.kinds else 0
        self.kind = self.kinds[(i + step) % len(self.kinds)]
        self._show_kind()

    @work(thread=True, exclusive=True, group="kinds", exit_on_error=False)
    def _load_kinds(self) -> None:
        worker = get_current_worker()
        try:
            conn = self.app.reader.conn(lambda: worker.is_cancelled)  # type: ignore[attr-defined]
            kinds = order_kinds(distinct_values(conn, "metrics"))
        except sqlite3.Error:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._set_kinds, kinds)

    def _set_kinds(self, kinds: list[str]) -> None:
        self.kinds = kinds
        if self.kind not in kinds:
            self.kind = kinds[0] if kinds else None
        self._show_kind()

    def _show_kind(self) -> None:
        self.table.load(self.filters, extra=self.kind or "")
        self._update_header()
        # The chart and total aggregate every matching row (100-400 ms for a common word):
        # while a search is being typed they wait for a pause, so the rows come first and a
        # keystroke never queues an aggregate behind the previous one's.
        if self._chart_timer is not None:
            self._chart_timer.stop()
            self._chart_timer = None
        typing = self._charted is not None and self._charted.search != self.filters.search
        self._charted = self.filters
        if typing:
            filters, kind = self.filters, self.kind
            self._chart_timer = self.set_timer(
                CHART_DEBOUNCE, lambda: self._load_chart(filters, kind, self.split))
        else:
            self._load_chart(self.filters, self.kind, self.split)

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def _load_chart(self, filters: Filters, kind: str | None, split: str) -> None:
        worker = get_current_worker()
        if kind is None:
            self.app.call_from_thread(self._set_chart, kind, split, [], None, None, None)
            return
        kinds, weekly, by_side, _caption = CHARTS.get(kind, ((kind,), False, False, ""))
        launched = LAUNCHED.get(kind, kind)
        try:
            conn = self.app.reader.conn(lambda: worker.is_cancelled)  # type: ignore[attr-defined]
            summary = metric_summary(conn, kind, filters)
            main = summary.main.series if summary.main is not None else None
            # The main series alone unless split: one claimant's figures for one side, so
            # two claimants' counts of one night are never added (a side split of a chart
            # that is by side already shows every claimant's, side by side).
            if split == "kind" and not by_side:  # each kind by its own main series
                points = sorted(
                    (point for charted in kinds for point in metric_series(
                        conn, (charted,), filters, weekly=weekly,
                        series=_main_series(conn, charted, filters, summary, kind))),
                    key=lambda p: (p.bucket, p.group))
            elif split == "claimant":  # every series side by side
                points = metric_series(conn, kinds, filters, weekly=weekly, split="claimant")
            else:  # the sides of the main claimant side by side
                points = metric_series(conn, kinds, filters, weekly=weekly, split="side",
                                       claimants=(main.claimant,) if main else None)
            running = running_total(conn, kind, filters)
            rate = (interception(conn, launched, INTERCEPTED[launched], filters, main)
                    if launched in INTERCEPTED else None)
        except sqlite3.Error:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._set_chart, kind, split, points, summary, running,
                                      rate)

    def _set_chart(
        self,
        kind: str | None,
        split: str,
        points: list[SeriesPoint],
        summary: KindSummary | None,
        running: RunningTotal | None,
        rate: Interception | None,
    ) -> None:
        if kind != self.kind or split != self.split:
            return
        self.points = points
        self.summary = summary
        self.running = running
        self.intercepted = rate
        weekly = False
        caption = ""
        if kind is not None:
            _k, weekly, _s, caption = CHARTS.get(kind,
                                                 ((kind,), False, False, f"{cut(kind)} per day"))
            caption += self._chart_whose(summary)
        letters, legend = (LETTERS, LEGEND)
        if split != "kind":
            letters, legend = split_labels(points, len(CHARTS.get(kind or "", ((),))[0]) > 1)
        self.query_one(BarChart).set_series(points, caption, weekly, letters, legend)
        self._update_header()

    def _chart_whose(self, summary: KindSummary | None) -> str:
        """Whose figures the chart shows: the main series, or every claimant's / side's."""
        if self.split == "claimant":
            return ", every claimant's"
        if summary is None or summary.main is None:
            return ""
        if self.split == "side":
            return f", {cut(summary.main.series.claimant or 'unnamed claimant', 40)} by side"
        return f", {cut(summary.main.series.label(), 40)}"

    def _update_header(self) -> None:
        header = Text(no_wrap=True, overflow="ellipsis")
        if not self.kinds:
            header.append("no metrics in the store" if self.kind is None else "", style="dim")
        else:
            header.append("◄ ", style="dim")
            header.append(cut(self.kind or ""), style="bold reverse")
            header.append(" ►", style="dim")
            header.append(f" {self.kinds.index(self.kind) + 1}/{len(self.kinds)}"
                          if self.kind in self.kinds else "", style="dim")
            summary = self.summary
            if summary is not None:
                self._append_total(header, summary)
            # Most telling first: the line is cut at the pane's width.
            if self.intercepted is not None:
                rate = self.intercepted
                header.append(f" · {rate.rate:.0%} intercepted", style="bold")
                header.append(f" ({format_number(rate.intercepted)} of "
                              f"{format_number(rate.launched)}, {rate.pairs} "
                              f"day{'s' if rate.pairs != 1 else ''})")
            if summary is not None and len(summary.series) > 1:
                others = len(summary.series) - 1
                header.append(f" · {others} other series not added (c: side by side)",
                              style="dim")
            if summary is not None and summary.undated:
                header.append(f" · {summary.undated:,} undated figure"
                              f"{'s' if summary.undated != 1 else ''} not charted")
            if self.running is not None:
                running = self.running
                header.append(f" · {RUNNING_MARK}{format_number(running.value)}", style="italic")
                header.append(" running total, not added")
                if running.date:
                    header.append(f" ({running.date[:10]}"
                                  + (f", newest of {running.count:,})" if running.count > 1
                                     else ")"))
        self._header = header
        self.query_one("#metric-kind", TextLine).set_text(header)

    @staticmethod
    def _append_total(header: Text, summary: KindSummary) -> None:
        """The main series' total: each happening once, one claimant and one side."""
        main = summary.main
        if main is None:
            header.append("  total 0", style="bold")
            return
        days = main.happenings
        header.append(f"  total {format_number(main.value)}", style="bold")
        header.append(f" on {days:,} day{'s' if days != 1 else ''}")
        header.append(f" · {cut(main.series.label(), 40)}", style="italic")

    def header_text(self) -> str:
        """The header line as plain text: kind, position among kinds, total."""
        return self._header.plain

    def on_paged_table_window_changed(self, message: PagedTable.WindowChanged) -> None:
        message.stop()
        self.show_rule(self.table.current_row)
        self.set_title(f"{cut(self.kind or '')} {self.table.position()}".strip())

    def on_paged_table_row_moved(self, message: PagedTable.RowMoved) -> None:
        message.stop()
        self.show_rule(message.row)

    def on_paged_table_row_opened(self, message: PagedTable.RowOpened) -> None:
        message.stop()
        m: MetricRow = message.row
        self.post_message(SourceRequested(m.article_id, m.span_start, m.span_end,
                                          m.evidence, m.rule))
