"""A DataTable that holds a window of a store table's rows, never the whole table.

The store pages with keyset queries; this widget keeps at most `max_rows` rows, fetches the
next or previous page in a worker when the cursor nears an edge, and jumps to either end with
one query. The pane shows `position()` ("41–60 of 1,000,000") in its title.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import work
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellKey, ColumnKey, RowKey
from textual.worker import get_current_worker

from store.db import describe_sqlite_error
from store.query import Count, Filters, Page, count_rows, fetch_page
from tui.text import clip, cut, search_pattern

RenderRow = Callable[[Any, re.Pattern[str] | None], Sequence[Text]]
# The least a last flex column is cut to, once every droppable column has gone, before it
# is given 10 and a horizontal scrollbar instead.
FLEX_LEAST = 8


def read_failure(exc: sqlite3.Error) -> str:
    """What a failed page read says in the pane's title: "store busy" only when it is (a
    row that would not decode was shown as busy once), else the reason, short."""
    reason = describe_sqlite_error(exc)
    if reason.startswith("the store is busy"):
        return "store busy"
    return f"cannot read the store: {cut(reason)}"


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    width: int  # of a flex column: the least it is given before other columns are dropped
    flex: bool = False  # takes the width the others leave (one column per table)
    # 0: always shown. Else left out while the table is too narrow for it (the highest
    # first): the pane then says its value in the row's detail line (Pane.row_detail).
    drop: int = 0
    key: str = ""  # what the table knows it by (default: its label, which a pane may change)

    @property
    def name(self) -> str:
        return self.key or self.label


class PagedTable(DataTable[Text]):
    """Rows of one store table under the app's filters, paged through with keyset queries."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First row", show=False),
        Binding("G", "last", "Last row", show=False),
        Binding("home", "first", "First row", show=False),
        Binding("end", "last", "Last row", show=False),
        Binding("enter", "open", "Open source", show=False),
    ]

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    """

    EDGE = 8  # fetch more when the cursor is this close to the window's edge

    @dataclass
    class RowMoved(Message):
        """The cursor rests on a new row (by_user: moved by a key, not by a reload)."""

        table: PagedTable
        row: Any
        by_user: bool

    @dataclass
    class RowOpened(Message):
        table: PagedTable
        row: Any

    @dataclass
    class WindowChanged(Message):
        table: PagedTable

    def __init__(
        self,
        table: str,
        columns: Sequence[Column],
        render_row: RenderRow,
        *,
        page_size: int = 50,
        max_rows: int = 150,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.table_name = table
        self._columns = list(columns)  # every column the rows have a cell for
        self._shown: list[int] = []  # those on screen, by index in _columns
        self._hidden: frozenset[str] = frozenset()  # left out by the pane (hide_columns)
        self._labels: dict[str, str] = {}  # label given by the pane, by column name
        self._render_row = render_row
        self.page_size = page_size
        self.max_rows = max_rows
        self.window: list[Any] = []  # the rows held (a window of the store table)
        self.start: int | None = 0  # absolute index of window[0], None when unknown
        self.total: Count | None = None
        self.more_before = False
        self.more_after = False
        self.filters = Filters()
        self.extra: str | None = None
        self.loaded = False  # a first page has arrived
        self.error: str | None = None
        self._pattern: re.Pattern[str] | None = None
        self._filling = False
        self._fetching = False
        self._last_posted: Any = None
        self._reload_by_user = False
        self._keys: list[RowKey] = []  # the DataTable's row key of each window row
        # Each held row drawn once per look (cursor on it or not, hovered or not, ...): see
        # render_line.
        self._strips: dict[RowKey, dict[tuple[Any, ...], Strip]] = {}
        self._frame_style = Style()
        self.empty_note: Text | None = None  # shown in place of rows while there are none

    def set_empty_note(self, note: Text | None) -> None:
        """Show `note` on the first line while the table has no rows (None: a blank table)."""
        self.empty_note = note
        self.refresh()

    def on_mount(self) -> None:
        self._show_columns(self._choose_columns())

    def on_resize(self) -> None:
        self._fit_columns()
        # The rows on screen change with the height (the focused pane grows): the title's
        # "1–4 of 63" must follow.
        self.post_message(self.WindowChanged(self))

    # -- columns ------------------------------------------------------------------------------

    def hide_columns(self, names: set[str] | frozenset[str]) -> None:
        """Leave the columns named out whatever the width (a metric kind they do not fit)."""
        hidden = frozenset(names)
        if hidden != self._hidden:
            self._hidden = hidden
            self._fit_columns()

    def set_label(self, name: str, label: str) -> None:
        """Give column `name` another header label."""
        if self._labels.get(name) == label:
            return
        self._labels[name] = label
        column = self.columns.get(ColumnKey(name))
        if column is not None:
            column.label = Text(label)
            self._clear_caches()
            self.refresh()

    def shown_columns(self) -> list[str]:
        return [self._columns[i].name for i in self._shown]

    def _choose_columns(self) -> list[int]:
        """The columns to show at this width: every one not hidden, less droppable ones (the
        highest `drop` first) while the flex column would get less than its width."""
        shown = [i for i, c in enumerate(self._columns) if c.name not in self._hidden]
        avail = self.size.width - 1
        if avail <= 0:
            return shown
        pad = 2 * self.cell_padding
        flex = next((i for i in shown if self._columns[i].flex), None)
        need = self._columns[flex].width + pad if flex is not None else 0

        def used(indexes: list[int]) -> int:
            return sum(self._columns[i].width + pad for i in indexes if i != flex)

        for i in sorted((i for i in shown if self._columns[i].drop),
                        key=lambda i: -self._columns[i].drop):
            if used(shown) + need <= avail:
                break
            shown = [j for j in shown if j != i]
        return shown

    def _show_columns(self, shown: list[int]) -> None:
        """Put the columns `shown` on screen (again) and the rows held with them."""
        self._shown = shown
        cursor, scroll = self.cursor_row, self.scroll_y
        self._filling = True
        try:
            self.clear(columns=True)
            self._keys = []
            for i in shown:
                col = self._columns[i]
                self.add_column(self._labels.get(col.name, col.label), width=col.width,
                                key=col.name)
        finally:
            self._filling = False
        if self.window:
            self._fill(cursor, scroll)

    def _fit_columns(self) -> None:
        """Show the columns that fit (_choose_columns) and give the flex column what the
        others leave. When that is less than its width, it pushes the columns after it off
        to the right (reachable by scrolling), or, the last, it makes do down to FLEX_LEAST."""
        shown = self._choose_columns()
        if shown != self._shown:
            self._show_columns(shown)
        avail = self.size.width - 1
        pad = 2 * self.cell_padding
        flex = [i for i in shown if self._columns[i].flex]
        if not flex or avail <= 0:
            return
        i = flex[0]
        col = self._columns[i]
        at = shown.index(i)
        before = sum(self._columns[j].width + pad for j in shown[:at])
        after = sum(self._columns[j].width + pad for j in shown[at + 1:])
        width = avail - before - after - pad
        if width < col.width and (after or width < FLEX_LEAST):
            width = max(10, avail - before - pad)
        column = self.columns.get(ColumnKey(col.name))
        if column is not None and column.width != width:
            column.width = width
            column.content_width = width
            self._clear_caches()
            self._require_update_dimensions = True
            if self.window:  # cells are cut to their column's width: cut them again
                self._fill(self.cursor_row, self.scroll_y)
            self.refresh()

    # -- loading ------------------------------------------------------------------------------

    def load(self, filters: Filters, extra: str | None = None) -> None:
        """Show the first page under `filters` (a new query supersedes any running one)."""
        self.filters = filters
        self.extra = extra
        self._pattern = search_pattern(filters.search_text)
        self.total = None
        self._fetching = True
        self._fetch(None, "first")
        self._count()

    def reload(self) -> None:
        self.load(self.filters, self.extra)

    @property
    def _reader(self) -> Any:
        return self.app.reader  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="page", exit_on_error=False)
    def _fetch(self, key: Any, how: str) -> None:
        worker = get_current_worker()
        filters, extra = self.filters, self.extra
        try:
            conn = self._reader.conn(lambda: worker.is_cancelled)
            if how == "first":
                page = fetch_page(conn, self.table_name, filters, limit=self.page_size,
                                  extra=extra)
            elif how == "last":
                page = fetch_page(conn, self.table_name, filters, last=True,
                                  limit=self.page_size, extra=extra)
            elif how == "after":
                page = fetch_page(conn, self.table_name, filters, after=key,
                                  limit=self.page_size, extra=extra)
            else:
                page = fetch_page(conn, self.table_name, filters, before=key,
                                  limit=self.page_size, extra=extra)
        except sqlite3.Error as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, read_failure(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._apply, page, how, filters, extra)

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def _count(self) -> None:
        worker = get_current_worker()
        filters, extra = self.filters, self.extra
        try:
            conn = self._reader.conn(lambda: worker.is_cancelled)
            total = count_rows(conn, self.table_name, filters, extra=extra)
        except sqlite3.Error:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._set_total, total, filters, extra)

    def _failed(self, reason: str) -> None:
        self._fetching = False
        self.error = reason
        self.post_message(self.WindowChanged(self))

    def _set_total(self, total: Count, filters: Filters, extra: str | None) -> None:
        if (filters, extra) != (self.filters, self.extra):
            return
        self.total = total
        if self.start is None and total.exact and not self.more_after:
            self.start = max(0, total.value - len(self.window))
        self.post_message(self.WindowChanged(self))

    def _apply(self, page: Page, how: str, filters: Filters, extra: str | None) -> None:
        self._fetching = False
        if (filters, extra) != (self.filters, self.extra):
            return
        self.error = None
        cursor = self.cursor_row
        added: list[Any] | None = None  # rows added at one end (None: the window is new)
        dropped = 0  # rows dropped from the other end
        if how == "first":
            self.window = list(page.rows)
            self.start = 0
            self.more_before, self.more_after = False, page.more_after
            cursor, scroll = 0, 0.0
        elif how == "last":
            self.window = list(page.rows)
            self.more_before, self.more_after = page.more_before, False
            self.start = (
                max(0, self.total.value - len(self.window))
                if self.total and self.total.exact
                else (0 if not page.more_before else None)
            )
            cursor, scroll = len(self.window) - 1, float("inf")
        elif how == "after":
            if not page.rows:
                self.more_after = False
                return
            self.window += page.rows
            self.more_after = page.more_after
            added = list(page.rows)
            scroll = self.scroll_y
            drop = max(0, len(self.window) - self.max_rows)
            dropped = drop
            if drop:
                self.window = self.window[drop:]
                self.more_before = True
                if self.start is not None:
                    self.start += drop
                cursor -= drop
                scroll -= drop
        else:  # before
            if not page.rows:
                self.more_before = False
                return
            n = len(page.rows)
            self.window = list(page.rows) + self.window
            added = list(page.rows)
            self.more_before = page.more_before
            if self.start is not None:
                self.start = max(0, self.start - n)
            elif not page.more_before:
                self.start = 0
            cursor += n
            scroll = self.scroll_y + n
            if len(self.window) > self.max_rows:
                dropped = len(self.window) - self.max_rows
                self.window = self.window[: self.max_rows]
                self.more_after = True
        self.loaded = True
        if added is None:
            self._fill(cursor, scroll)
        else:
            self._fill(cursor, scroll, added=added, at_end=how == "after", dropped=dropped)

    def _rendered(self, rows: list[Any]) -> list[list[Text]]:
        """Rows' cells, each cut to its column's width (so drawing it costs what shows)."""
        widths = [column.width for column in self.ordered_columns]  # a property: ask once
        pattern = self._pattern
        shown = self._shown
        rendered = []
        for row in rows:
            every = self._render_row(row, pattern)
            cells = [every[i] for i in shown if i < len(every)]
            for i, width in enumerate(widths[: len(cells)]):
                cells[i] = clip(cells[i], width)
            rendered.append(cells)
        return rendered

    def _fill(
        self, cursor: int, scroll: float, *, added: list[Any] | None = None,
        at_end: bool = True, dropped: int = 0,
    ) -> None:
        """Show the window: all of it anew, or (`added`) only the rows added at one end,
        removing the `dropped` ones at the other, so a page costs a page's rows."""
        self._filling = True
        try:
            if added is None or len(self._keys) + len(added) - dropped != len(self.window):
                self.clear()
                self._keys = self.add_rows(self._rendered(self.window))
            else:
                self._shift(added, at_end, dropped)
            if self.window:
                cursor = max(0, min(cursor, len(self.window) - 1))
                self.move_cursor(row=cursor, animate=False, scroll=False)
        finally:
            self._filling = False
        target = scroll

        def restore() -> None:
            if target == float("inf"):
                self.scroll_end(animate=False, immediate=True)
            else:
                self.scroll_to(y=max(0.0, target), animate=False, immediate=True)
            self._scroll_cursor_into_view()
            self.post_message(self.WindowChanged(self))

        if self.size.height:
            # The virtual size follows from the row count alone (_update_dimensions): set it
            # now rather than when idle, so the scroll lands in the same frame as the rows.
            self._require_update_dimensions = False
            self._update_dimensions(self._new_rows.copy())
            restore()
        else:  # not laid out yet: nothing to scroll against
            self.call_after_refresh(restore)
        self._post_moved(by_user=False)

    def _shift(self, added: list[Any], at_end: bool, dropped: int) -> None:
        new_keys = self.add_rows(self._rendered(added))
        if at_end:
            gone, self._keys = self._keys[:dropped], self._keys[dropped:] + new_keys
        else:
            kept = len(self._keys) - dropped
            gone, self._keys = self._keys[kept:], new_keys + self._keys[:kept]
        for key in gone:  # DataTable.remove_row, for many rows at once
            for column_key in self._data.get(key, ()):
                self._updated_cells.discard(CellKey(key, column_key))
            self._new_rows.discard(key)
            self.rows.pop(key, None)
            self._data.pop(key, None)
            self._strips.pop(key, None)
        self._row_locations = TwoWayDict({key: i for i, key in enumerate(self._keys)})
        self._update_count += 1
        self._require_update_dimensions = True
        # Only what moved is stale: the rows kept keep their drawing (render_line). A window
        # that stays the same height needs no layout; one that grows gets it from its virtual
        # size changing (_update_dimensions).
        self.refresh()

    def _update_dimensions(self, new_rows: Any) -> None:
        # DataTable measures every new cell to widen auto-width columns; every column here
        # has a fixed width (cells are cut to it) and every row is one line, so the virtual
        # size follows from the row count alone.
        if any(c.auto_width for c in self.columns.values()) or self._labelled_row_exists:
            super()._update_dimensions(new_rows)  # pragma: no cover - not how it is used
            return
        self._new_rows.clear()
        width = sum(c.get_render_width(self) for c in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width,
                                 len(self._row_locations) + header)

    # -- drawing ------------------------------------------------------------------------------

    # DataTable draws a line from cells it renders through Rich (Padding inside Styled) and
    # keys its caches by the cursor position, so every line on screen is drawn again, cell by
    # cell, when a page scrolls or the cursor moves. Here every row is one line and every
    # column has a fixed width: a row is drawn straight into segments, the same segments
    # DataTable would draw (tests compare the two), and kept until its row leaves the window.

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a theme or CSS change: the cursor's colours too
        self._strips.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = self.rich_style  # not once a line: it walks the CSS each time
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        header = self.header_height if self.show_header else 0
        if y < header or self.fixed_rows or self.fixed_columns or self._labelled_row_exists:
            return super().render_line(y)
        index = y - header + int(self.scroll_y)
        base_style = self._frame_style
        width = self.size.width
        if not 0 <= index < len(self._row_locations):
            if index == 0 and self.empty_note is not None and not self._row_locations:
                note = clip(Text(" " * self.cell_padding) + self.empty_note, width)
                segments = Segment.apply_style(note.render(self.app.console), base_style)
                return Strip(segments).adjust_cell_length(width, base_style)
            return Strip.blank(width, base_style)
        row_key = self._row_locations.get_key(index)
        if row_key is None or self.rows[row_key].height != 1:  # pragma: no cover - one line each
            return super().render_line(y)
        show_cursor = self.show_cursor and self.cursor_type == "row"
        cursor = show_cursor and index == self.cursor_row
        hover = show_cursor and self._show_hover_cursor and index == self.hover_row
        look = (index, cursor, hover, base_style, width, self._pseudo_class_state)
        looks = self._strips.setdefault(row_key, {})
        strip = looks.get(look)
        if strip is None:
            if len(looks) > 8:  # old looks (focus, hover, width) of a row kept on screen
                looks.clear()
            strip = looks[look] = self._row_strip(row_key, index, cursor, hover, base_style,
                                                  width)
        scroll_x = int(self.scroll_x)
        if scroll_x == 0 and strip.cell_length == width:
            return strip
        return strip.crop(scroll_x, scroll_x + width).adjust_cell_length(width, base_style)

    def _row_strip(
        self, row_key: RowKey, index: int, cursor: bool, hover: bool, base_style: Style,
        width: int,
    ) -> Strip:
        """Row `index` as one line of segments, as DataTable._render_line_in_row draws it."""
        console = self.app.console
        pad = " " * self.cell_padding
        component, post = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css",
        )
        cells = self._data.get(row_key, {})
        segments: list[Segment] = []
        used = 0
        for column_index, column in enumerate(self.ordered_columns):
            cell_width = column.get_render_width(self)
            value = cells.get(column.key)
            text = value if isinstance(value, Text) else Text(str(value or ""))
            pre = base_style + Style.from_meta({"row": index, "column": column_index})
            pre += component
            inner = cell_width - 2 * self.cell_padding
            if text.spans:
                line = list(text.render(console))
            else:  # Text.render leaves the text's own style to the caller
                line = [Segment(text.plain, console.get_style(text.style) if text.style else None)]
            fill = inner - sum(seg.cell_length for seg in line)
            if fill < 0:  # wider than its column (it was cut for an older width)
                line = Segment.adjust_line_length(line, inner)
                fill = 0
            elif fill and text.justify in ("right", "center"):
                left = fill if text.justify == "right" else fill // 2
                text_style = console.get_style(text.style) if text.style else None
                line.insert(0, Segment(" " * left, text_style))
                if text.justify == "center":
                    line.append(Segment(" " * (fill - left), text_style))
                fill = 0
            elif fill and text.justify in ("left", "full"):
                text_style = console.get_style(text.style) if text.style else None
                line.append(Segment(" " * fill, text_style))
                fill = 0
            if fill:
                line.append(Segment(" " * fill))
            if pad:
                line.insert(0, Segment(pad))
                line.append(Segment(pad))
            segments.extend(Segment.apply_style(line, pre, post))
            used += cell_width
        extend, _ = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            False, False,
        )
        extend = base_style + extend
        extend += Style.from_meta({"row": index, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * max(0, width - used), extend))
        return Strip(segments).simplify()

    # -- moving -------------------------------------------------------------------------------

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if self._filling:
            return
        self._maybe_extend()
        self._post_moved(by_user=True)
        self.post_message(self.WindowChanged(self))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(self.WindowChanged(self))

    def _maybe_extend(self) -> None:
        if self._fetching or not self.window:
            return
        row = self.cursor_row
        if self.more_after and row >= len(self.window) - self.EDGE:
            self._fetching = True
            self._fetch(self.window[-1].key, "after")
        elif self.more_before and row < self.EDGE:
            self._fetching = True
            self._fetch(self.window[0].key, "before")

    def _post_moved(self, by_user: bool) -> None:
        row = self.current_row
        if row is None:
            self._last_posted = None
            return
        if row is self._last_posted:
            return
        self._last_posted = row
        self.post_message(self.RowMoved(self, row, by_user))

    @property
    def current_row(self) -> Any:
        if not self.window or not 0 <= self.cursor_row < len(self.window):
            return None
        return self.window[self.cursor_row]

    def action_first(self) -> None:
        if not self.more_before:
            if self.window:
                self.move_cursor(row=0, animate=False)
            return
        self._fetching = True
        self._fetch(None, "first")

    def action_last(self) -> None:
        if not self.more_after:
            if self.window:
                self.move_cursor(row=len(self.window) - 1, animate=False)
            return
        self._fetching = True
        self._fetch(None, "last")

    def action_open(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.RowOpened(self, row))

    # -- describing ---------------------------------------------------------------------------

    def position(self) -> str:
        """"1–20 of 1,000,000": the rows on screen among all rows under the filters."""
        if self.error:
            return f"({self.error} — press ctrl+r)"
        if not self.loaded:
            return "loading…"
        total = str(self.total) if self.total is not None else "…"
        if not self.window:
            return "0 rows"
        # Rows that fit under the header and above a horizontal scrollbar, if one is shown.
        header = self.header_height if self.show_header else 0
        visible = max(1, self.scrollable_content_region.height - header)
        top = max(0, min(int(self.scroll_y), len(self.window) - 1))
        bottom = min(len(self.window), top + visible)
        if self.start is None:
            return f"{bottom - top} rows near the end of {total}"
        return f"{self.start + top + 1:,}–{self.start + bottom:,} of {total}"
