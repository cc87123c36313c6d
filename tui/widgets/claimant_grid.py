"""A kind's figures per day (week, month) with one column per claimant · side: what each
claimant said of the same day, side by side and never added together.

The rows are a few hundred buckets at most (store.query.claimant_table), held whole. The
bucket column stays put while the claimants' columns scroll sideways (< and >); each column
is headed by its claimant over its side, so it reads without colour, and the pane's detail
line names every figure of the highlighted row in full.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from store.query import ClaimantRow, ClaimantTable, Series
from tui.text import cut, format_number

BUCKET_LABELS = {"day": "Day", "week": "Week (Mon)", "month": "Month"}
BUCKET_WIDTH = 10  # "2026-02-18"
SERIES_WIDTH = 11  # "1,234,567.5"


def bucket_label(bucket: str, kind: str) -> str:
    """How a bucket's first day reads in the grid: the day, the week's Monday, the month."""
    return bucket[:7] if kind == "month" else bucket[:10]


def series_header(series: Series, width: int = SERIES_WIDTH) -> Text:
    """Two lines: the claimant (cut to the column), then the side."""
    claimant = cut(series.claimant or "unnamed", width)
    return Text(f"{claimant}\n{cut(series.side or 'side ?', width)}", justify="right")


class ClaimantGrid(DataTable[Text]):
    """The rows of a ClaimantTable: one bucket a row, newest first."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "First row", show=False),
        Binding("G,end", "scroll_bottom", "Last row", show=False),
        Binding("less_than_sign", "columns(-1)", "Claimants to the left", show=False),
        Binding("greater_than_sign", "columns(1)", "Claimants to the right", show=False),
    ]

    DEFAULT_CSS = """
    ClaimantGrid { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", header_height=2, fixed_columns=1,
                         zebra_stripes=False)
        self.grid: ClaimantTable | None = None

    def show(self, grid: ClaimantTable | None) -> None:
        """Show `grid` (None: nothing yet), keeping the cursor on the same bucket if it is
        still there."""
        keep = self.current_bucket()
        self.grid = grid
        self.clear(columns=True)
        if grid is None:
            return
        self.add_column(Text(f"{BUCKET_LABELS.get(grid.bucket, grid.bucket)}\n"),
                        width=BUCKET_WIDTH, key="bucket")
        for i, series in enumerate(grid.series):
            self.add_column(series_header(series), width=SERIES_WIDTH, key=f"s{i}")
        for row in grid.rows:
            self.add_row(*self._cells(row, grid.bucket), key=row.bucket)
        buckets = [r.bucket for r in grid.rows]
        if keep in buckets:
            self.move_cursor(row=buckets.index(keep), animate=False)

    @staticmethod
    def _cells(row: ClaimantRow, bucket: str) -> list[Text]:
        cells = [Text(bucket_label(row.bucket, bucket), style="bold")]
        for value in row.values:
            # No figure is a blank, never a 0: the claimant said nothing of that day.
            cells.append(Text("" if value is None else format_number(value), justify="right"))
        return cells

    def current_bucket(self) -> str | None:
        row = self.current_row
        return row.bucket if row is not None else None

    @property
    def current_row(self) -> ClaimantRow | None:
        grid = self.grid
        if grid is None or not grid.rows or not 0 <= self.cursor_row < len(grid.rows):
            return None
        return grid.rows[self.cursor_row]

    def action_columns(self, step: int) -> None:
        """Scroll the claimants' columns sideways by one column (the bucket column stays)."""
        self.scroll_to(x=max(0, self.scroll_x + step * (SERIES_WIDTH + 2 * self.cell_padding)),
                       animate=False)

    def row_detail(self) -> str:
        """The highlighted row in words: each figure with its claimant and side in full."""
        grid, row = self.grid, self.current_row
        if grid is None or row is None:
            return ""
        parts = [f"{s.label()} {format_number(v)}"
                 for s, v in zip(grid.series, row.values, strict=True) if v is not None]
        return f"{bucket_label(row.bucket, grid.bucket)}: " + ", ".join(parts)
