"""Metrics: for each kind a chart over time (aggregated in SQL) and the table of its rows, or
(c) a table of its figures with one column per claimant · side."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.worker import get_current_worker

from store.cite import markdown_escape
from store.query import (
    BUCKETS,
    INTERCEPTED,
    PARTNER_KIND,
    SPLITS,
    ClaimantTable,
    Connection,
    Filters,
    Interception,
    KindSummary,
    MetricRow,
    ReadError,
    RunningTotal,
    Series,
    SeriesPoint,
    choose_bucket,
    claimant_table,
    distinct_values,
    interception,
    metric_series,
    metric_span,
    metric_summary,
    running_total,
)
from tui.css import css_beside
from tui.messages import SourceRequested
from tui.panes.base import Pane
from tui.text import (
    DATE_WIDTH,
    cell,
    cut,
    date_cell,
    dates_fact,
    format_number,
    oblast_cell,
    plain,
    search_pattern,
    words_text,
)
from tui.widgets.chart import BarChart
from tui.widgets.claimant_grid import ClaimantGrid
from tui.widgets.detail_strip import DetailStrip
from tui.widgets.paged_table import Column, PagedTable
from tui.widgets.text_line import TextLine

CHART_DEBOUNCE = 0.25  # seconds: while a search is typed, the chart and total wait for a pause

PREFERRED = ["drones", "drones_intercepted", "missiles", "missiles_intercepted", "killed",
             "injured", "territory_km2"]

# kind -> (kinds charted together, weekly, by side, what is charted). Weekly: never by day
# (store.query.choose_bucket). Running totals are never charted.
CHARTS: dict[str, tuple[tuple[str, ...], bool, bool, str]] = {
    "missiles": (("missiles", "missiles_intercepted"), False, False, "missiles"),
    "missiles_intercepted": (("missiles", "missiles_intercepted"), False, False, "missiles"),
    "drones": (("drones", "drones_intercepted"), False, False, "drones"),
    "drones_intercepted": (("drones", "drones_intercepted"), False, False, "drones"),
    "territory_km2": (("territory_km2",), True, True, "km²"),
    "killed": (("killed", "injured"), False, False, "killed and injured"),
    "injured": (("killed", "injured"), False, False, "killed and injured"),
}
# The letter of each kind's bars when a chart shows several (else its initial), and the word
# the chart's legend gives it.
LETTERS = {"drones": "L", "missiles": "L", "drones_intercepted": "I",
           "missiles_intercepted": "I", "killed": "K", "injured": "I"}
LEGEND = {"drones": "launched", "missiles": "launched", "drones_intercepted": "intercepted",
          "missiles_intercepted": "intercepted", "killed": "killed", "injured": "injured"}
# intercepted kind -> its launched kind
LAUNCHED = {v: k for k, v in INTERCEPTED.items()}
RUNNING_MARK = "Σ"  # before a running total's value (a cumulative figure, not a day's)

# The partner and rate columns show for launched and intercepted kinds only; side, place and
# oblast give way (in that order: oblast last) to the evidence on a narrow pane, and are then
# said in the row's detail line.
COLUMNS = [
    Column("Date", DATE_WIDTH),
    Column("Value", 9),
    Column("Intercept", 9, key="partner"),  # the other figure of the same happening
    Column("Rate", 4, key="rate"),  # intercepted / launched, of that happening
    Column("Rep", 3),  # articles reporting the happening: each is shown once
    Column("Claimant", 15),
    Column("Side", 7, drop=1),
    Column("Location", 12, drop=3),
    Column("Oblast", 12, drop=2),
    Column("Evidence", 12, flex=True),
]
PAIR_COLUMNS = frozenset({"partner", "rate"})
PARTNER_LABEL = {"drones": "Intercept", "missiles": "Intercept",
                 "drones_intercepted": "Launched", "missiles_intercepted": "Launched"}


def interception_rate(m: MetricRow) -> float | None:
    """Intercepted / launched of the row's happening (None: one of them missing, or none
    launched)."""
    if m.partner is None or m.kind not in PARTNER_KIND:
        return None
    launched, intercepted = ((m.value, m.partner) if m.kind in INTERCEPTED
                             else (m.partner, m.value))
    return intercepted / launched if launched > 0 else None


def render_metric(m: MetricRow, pattern: re.Pattern[str] | None) -> Sequence[Text]:
    date = date_cell(m.date, m.date_precision, m.reported)
    qualifier = {"at_least": "≥", "over": ">", "about": "~", "up_to": "≤"}.get(m.qualifier, "")
    mark = RUNNING_MARK if m.cumulative else ""
    if m.cumulative:  # a running total: marked, and left out of the total and the chart
        value = Text(mark + qualifier + format_number(m.value), style="italic",
                     justify="right")
    else:
        value = Text(qualifier + format_number(m.value), style="bold", justify="right")
    # A missing partner is a blank, never a 0: the claimant gave no such figure.
    partner = Text("" if m.partner is None else mark + format_number(m.partner),
                   justify="right")
    rate = interception_rate(m)
    rate_cell = Text("" if rate is None else f"{rate:.0%}", justify="right")
    reports = Text(str(m.reports), style="bold" if m.reports > 1 else "dim", justify="right")
    return [
        date,
        value,
        partner,
        rate_cell,
        reports,
        cell(m.claimant, pattern),
        cell(m.side),
        cell(m.location, pattern),
        oblast_cell(m.oblast),
        cell(m.evidence, pattern),
    ]


def split_labels(points: list[SeriesPoint], with_kind: bool) -> dict[str, str]:
    """The labels of a chart's bars split by series ("claimant · side") or by side, after
    "kind · " `with_kind`: the kind's letter (L launched, I intercepted), then the claimant
    (cut) and the side's first letters, or the side: "L Ukrainian A… Rus", "I Russia". They
    say whose each bar is without a legend or colour."""
    labels: dict[str, str] = {}
    for group in {p.group for p in points}:
        kind, _, name = group.partition(" · ") if with_kind else ("", "", group)
        claimant, dot, side = name.rpartition(" · ")
        tag = f"{cut(claimant, 12)} {side[:3]}" if dot else cut(name, 16)
        letter = LETTERS.get(kind, kind[:1].upper())
        labels[group] = f"{letter} {tag}" if letter else tag
    return labels


def kinds_legend(kinds: tuple[str, ...]) -> str:
    """"L launched, I intercepted": what the letters of a chart of several kinds stand for."""
    return ", ".join(f"{LETTERS.get(k, k[:1].upper())} {LEGEND.get(k, cut(k, 20))}"
                     for k in kinds)


def order_kinds(kinds: list[str]) -> list[str]:
    return sorted(kinds, key=lambda k: (PREFERRED.index(k) if k in PREFERRED else 99, k))


def _main_series(conn: Connection, kinds: tuple[str, ...], filters: Filters,
                 summary: KindSummary, summarised: str) -> dict[str, Series | None]:
    """The main series of each of `kinds` (`summary` is that of kind `summarised`, read
    already): each read once, for the chart's span and its bars."""
    mains: dict[str, Series | None] = {}
    for kind in kinds:
        of_kind = summary if kind == summarised else metric_summary(conn, kind, filters)
        mains[kind] = of_kind.main.series if of_kind.main is not None else None
    return mains


def _chart_span(conn: Connection, kinds: tuple[str, ...], filters: Filters,
                split: str, by_side: bool, mains: dict[str, Series | None], kind: str
                ) -> tuple[str, str] | None:
    """The first and last day of what the chart shows (each kind's main series, every
    series, or the main claimant's sides): the span its buckets are chosen by."""
    main = mains.get(kind)
    if split == "claimant":
        return metric_span(conn, kinds, filters)
    if split == "side" or by_side:
        return metric_span(conn, kinds, filters, claimants=(main.claimant,) if main else None)
    spans = [span for charted in kinds
             if (span := metric_span(conn, (charted,), filters, series=mains.get(charted)))
             is not None]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


@dataclass(frozen=True, slots=True)
class ChartData:
    """What the chart worker read for one kind, split and bucket choice."""

    points: list[SeriesPoint]
    bucket: str
    summary: KindSummary | None = None
    running: RunningTotal | None = None
    rate: Interception | None = None
    grid: ClaimantTable | None = None  # the claimant table, when split


class MetricsTable(PagedTable):
    BINDINGS = [
        Binding("left,h", "kind(-1)", "Previous metric", show=False),
        Binding("right,l", "kind(1)", "Next metric", show=False),
        Binding("c", "split", "Split by claimant / side", show=False),
        Binding("b", "bucket", "Buckets: day / week / month / by window", show=False),
    ]

    def action_kind(self, step: int) -> None:
        self.query_ancestor(MetricsPane).step_kind(step)

    def action_split(self) -> None:
        self.query_ancestor(MetricsPane).step_split()

    def action_bucket(self) -> None:
        self.query_ancestor(MetricsPane).step_bucket()


class MetricsGrid(ClaimantGrid):
    """The claimant table of the Metrics pane: the same keys as its rows."""

    BINDINGS = MetricsTable.BINDINGS

    def action_kind(self, step: int) -> None:
        self.query_ancestor(MetricsPane).step_kind(step)

    def action_split(self) -> None:
        self.query_ancestor(MetricsPane).step_split()

    def action_bucket(self) -> None:
        self.query_ancestor(MetricsPane).step_bucket()


class MetricsPane(Pane):
    """One metric kind at a time (←/→ switch): its total, its chart, its rows (or, split, one
    column per claimant)."""

    TITLE = "3 Metrics"
    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kinds: list[str] = []
        self.kind: str | None = None
        self.summary: KindSummary | None = None
        # "kind": the main series alone (one claimant, one side) and the rows; "claimant",
        # "side": every series side by side (store.query, SPLITS), in the chart and as the
        # columns of a table. Never added together.
        self.split = SPLITS[0]
        # The buckets asked for with b (None: chosen by the span shown, choose_bucket), and
        # those of the chart on screen.
        self.bucket_choice: str | None = None
        self.bucket = "day"
        self.running: RunningTotal | None = None
        self.intercepted: Interception | None = None
        self.points: list[SeriesPoint] = []
        self.grid: ClaimantTable | None = None
        self._header = Text()
        self._stale_kinds = True  # the kinds are read again (at start and on ctrl+r)
        self._charted: Filters | None = None  # the filters of the last chart asked for
        self._chart_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TextLine(id="metric-kind")
        yield BarChart(id="metric-chart")
        yield MetricsTable("metrics", COLUMNS, render_metric, id="metrics-table")
        grid = MetricsGrid(id="metrics-grid")
        grid.display = False
        yield grid
        yield DetailStrip(id="metrics-detail")

    def on_mount(self) -> None:
        self.set_title("loading…")
        self.table.hide_columns(PAIR_COLUMNS)

    @property
    def table(self) -> MetricsTable:
        return self.query_one(MetricsTable)

    @property
    def claimant_grid(self) -> MetricsGrid:
        return self.query_one(MetricsGrid)

    def focus_main(self) -> None:
        widget = self.claimant_grid if self.split != "kind" else self.table
        self.screen.set_focus(widget)

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
        """Cycle between the rows with the main series' chart, and every claimant's series
        (then the main claimant's sides) side by side: as columns of a table and in the
        chart."""
        self.split = SPLITS[(SPLITS.index(self.split) + 1) % len(SPLITS)]
        split = self.split != "kind"
        had_focus = self.table.has_focus or self.claimant_grid.has_focus
        self.table.display = not split
        self.claimant_grid.display = split
        self.set_class(split, "-split")
        if not split:
            self.claimant_grid.show(None)
            self.show_row(self.table.current_row)
        if had_focus:
            self.focus_main()
        self._charted = None
        self._load_chart(self.filters, self.kind, self.split, self.bucket_choice)
        self._update_title()

    def step_bucket(self) -> None:
        """Cycle the buckets: chosen by the span shown, then by day, week, month."""
        choices: list[str | None] = [None, *BUCKETS]
        self.bucket_choice = choices[(choices.index(self.bucket_choice) + 1) % len(choices)]
        self._charted = None
        self._load_chart(self.filters, self.kind, self.split, self.bucket_choice)

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
        except ReadError:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._set_kinds, kinds)

    def _set_kinds(self, kinds: list[str]) -> None:
        self.kinds = kinds
        if self.kind not in kinds:
            self.kind = kinds[0] if kinds else None
        self._show_kind()

    def _show_kind(self) -> None:
        table = self.table
        paired = self.kind in PARTNER_KIND
        if paired:
            table.set_label("partner", PARTNER_LABEL[self.kind or ""])
        table.hide_columns(frozenset() if paired else PAIR_COLUMNS)
        table.load(self.filters, extra=self.kind or "")
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
                CHART_DEBOUNCE,
                lambda: self._load_chart(filters, kind, self.split, self.bucket_choice))
        else:
            self._load_chart(self.filters, self.kind, self.split, self.bucket_choice)

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def _load_chart(self, filters: Filters, kind: str | None, split: str,
                    bucket_choice: str | None) -> None:
        worker = get_current_worker()
        if kind is None:
            self.app.call_from_thread(self._set_chart, kind, split, bucket_choice,
                                      ChartData([], bucket_choice or "day"))
            return
        kinds, weekly, by_side, _what = CHARTS.get(kind, ((kind,), False, False, ""))
        launched = LAUNCHED.get(kind, kind)
        try:
            conn = self.app.reader.conn(lambda: worker.is_cancelled)  # type: ignore[attr-defined]
            summary = metric_summary(conn, kind, filters)
            main = summary.main.series if summary.main is not None else None
            mains = (_main_series(conn, kinds, filters, summary, kind)
                     if split == "kind" and not by_side else {kind: main})
            bucket = bucket_choice or choose_bucket(
                _chart_span(conn, kinds, filters, split, by_side, mains, kind), weekly=weekly)
            # The main series alone unless split: one claimant's figures for one side, so
            # two claimants' counts of one night are never added (a side split of a chart
            # that is by side already shows every claimant's, side by side).
            if split == "kind" and not by_side:  # each kind by its own main series
                points = sorted(
                    (point for charted in kinds for point in metric_series(
                        conn, (charted,), filters, bucket=bucket,
                        series=mains.get(charted))),
                    key=lambda p: (p.bucket, p.group))
            elif split == "claimant":  # every series side by side
                points = metric_series(conn, kinds, filters, bucket=bucket, split="claimant")
            else:  # the sides of the main claimant side by side
                points = metric_series(conn, kinds, filters, bucket=bucket, split="side",
                                       claimants=(main.claimant,) if main else None)
            running = running_total(conn, kind, filters)
            rate = (interception(conn, launched, INTERCEPTED[launched], filters, main)
                    if launched in INTERCEPTED else None)
            grid = None
            if split != "kind":
                grid = claimant_table(conn, kind, filters, bucket=bucket,
                                      claimant=main.claimant if main else None,
                                      by_claimant=split == "claimant", summary=summary)
        except ReadError:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._set_chart, kind, split, bucket_choice,
                                      ChartData(points, bucket, summary, running, rate, grid))

    def _set_chart(self, kind: str | None, split: str, bucket_choice: str | None,
                   data: ChartData) -> None:
        if kind != self.kind or split != self.split or bucket_choice != self.bucket_choice:
            return
        self.points = data.points
        self.bucket = data.bucket
        self.summary = data.summary
        self.running = data.running
        self.intercepted = data.rate
        self.grid = data.grid
        caption = whose = ""
        if kind is not None:
            what = CHARTS.get(kind, ((kind,), False, False, cut(kind)))[3]
            by_side = CHARTS.get(kind, ((), False, False, ""))[2] and split == "kind"
            caption = (f"{what} per {data.bucket}" + (" (b)" if bucket_choice else "")
                       + (" by side" if by_side else ""))
            whose = self._chart_whose(data.summary)
        letters, legend = (LETTERS, LEGEND)
        if split != "kind":
            # Each bar says whose it is; the caption what the kinds' letters stand for.
            charted = CHARTS.get(kind or "", ((kind or "",), False, False, ""))[0]
            letters, legend = split_labels(data.points, len(charted) > 1), {}
            present = {p.group.partition(" · ")[0] for p in data.points}
            if len(charted) > 1 and present:
                caption += f" · {kinds_legend(tuple(k for k in charted if k in present))}"
        self.query_one(BarChart).set_series(data.points, caption, data.bucket, letters, legend,
                                            whose)
        if split != "kind":
            self.claimant_grid.show(data.grid)
            self._show_grid_detail()
        self._update_header()
        self._update_title()

    def _chart_whose(self, summary: KindSummary | None) -> str:
        """Whose figures the chart shows: the main series, or every claimant's / side's."""
        if self.split == "claimant":
            return "every claimant's"
        if summary is None or summary.main is None:
            return ""
        if self.split == "side":
            return f"{cut(summary.main.series.claimant or 'unnamed claimant', 40)} by side"
        return cut(summary.main.series.label(), 40)

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
            # Most telling first: the line is cut at the pane's width. The total, then the
            # share intercepted, then whose figures they are (the chart's caption says it too).
            if summary is not None:
                self._append_total(header, summary)
            if self.intercepted is not None:
                rate = self.intercepted
                header.append(f" · {rate.rate:.0%} intercepted", style="bold")
                header.append(f" ({format_number(rate.intercepted)} of "
                              f"{format_number(rate.launched)}, {rate.pairs} "
                              f"day{'s' if rate.pairs != 1 else ''})")
            if summary is not None and summary.main is not None:
                header.append(f" · {cut(summary.main.series.label(), 40)}", style="italic")
            if summary is not None and len(summary.series) > 1:
                others = len(summary.series) - 1
                header.append(f" · {others} other series not added (c: side by side)",
                              style="dim")
            if self.grid is not None and self.split != "kind" and self.grid.left_out:
                header.append(f" · {self.grid.left_out} more series without a column",
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

    def header_text(self) -> str:
        """The header line as plain text: kind, position among kinds, total."""
        return self._header.plain

    def _update_title(self) -> None:
        kind = cut(self.kind or "")
        if self.split == "kind":
            self.set_title(f"{kind} {self.table.position()}".strip())
            return
        grid = self.grid
        if grid is None:
            self.set_title(f"{kind} loading…".strip())
            return
        n, k = len(grid.rows), len(grid.series)
        self.set_title(f"{kind} by {'claimant' if self.split == 'claimant' else 'side'}: "
                       f"{n:,} {grid.bucket}{'s' if n != 1 else ''} × {k} column"
                       f"{'s' if k != 1 else ''}")

    def row_words(self, row: object) -> Text:
        """The figure's sentence whole."""
        if not isinstance(row, MetricRow):
            return Text()
        return words_text(row.evidence, search_pattern(self.filters.search_text))

    def row_facts(self, row: object) -> list[str]:
        """The figure, whose it is, where and when; every column's value in full."""
        if not isinstance(row, MetricRow):
            return []
        qualifier = {"at_least": "at least ", "over": "over ", "about": "about ",
                     "up_to": "up to "}.get(row.qualifier, "")
        figure = f"{cut(row.kind, 30)} {qualifier}{format_number(row.value)}"
        if row.cumulative:
            figure += " (running total, not added)"
        facts = [figure]
        rate = interception_rate(row)
        if row.partner is not None and row.kind in PARTNER_KIND:
            partner = PARTNER_LABEL.get(row.kind, "partner").lower()
            facts.append(f"{partner} {format_number(row.partner)}"
                         + (f" ({rate:.0%} intercepted)" if rate is not None else ""))
        facts.append(f"claimant {cut(row.claimant, 60)}" if row.claimant else "no claimant")
        if row.side:
            facts.append(f"side {cut(row.side, 20)}")
        if row.location:
            facts.append(f"at {cut(row.location, 40)}")
        if row.oblast and row.oblast != row.location:
            facts.append(cut(row.oblast, 40))
        facts.append(dates_fact(row.date, row.date_precision, row.reported))
        if row.reports > 1:
            facts.append(f"{row.reports} articles report it")
        if row.outlet:
            facts.append(cut(row.outlet, 40))
        return facts

    def citation_text(self, markdown: bool) -> str | None:
        if self.split != "kind":  # the claimant table's row, in words
            detail = self.claimant_grid.row_detail()
            if not detail:
                return None
            text = f"{plain(self.kind)} {plain(detail)}"
            return markdown_escape(text) if markdown else text
        return super().citation_text(markdown)

    def citable_row(self) -> object:
        return self.table.current_row

    def _show_grid_detail(self) -> None:
        """The claimant table's highlighted row in words, in the detail strip."""
        self.border_subtitle = ""
        self.query_one(DetailStrip).show(Text(self.claimant_grid.row_detail()), None)

    def on_data_table_row_highlighted(self, message: ClaimantGrid.RowHighlighted) -> None:
        if message.data_table is self.claimant_grid:
            message.stop()
            self._show_grid_detail()

    def on_paged_table_window_changed(self, message: PagedTable.WindowChanged) -> None:
        message.stop()
        if self.split == "kind":
            self.show_row(self.table.current_row)
        self._update_title()

    def on_paged_table_row_moved(self, message: PagedTable.RowMoved) -> None:
        message.stop()
        if self.split == "kind":
            self.show_row(message.row)

    def on_paged_table_row_opened(self, message: PagedTable.RowOpened) -> None:
        message.stop()
        m: MetricRow = message.row
        self.post_message(SourceRequested(m.article_id, m.span_start, m.span_end,
                                          m.evidence, m.rule, row=m))
