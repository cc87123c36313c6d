"""A scrolling table that holds a window of a store table's rows, never the whole table.

The store pages with keyset queries; this widget keeps at most `max_rows` rows, fetches the
next or previous page in a worker when the cursor nears an edge, and jumps to either end with
one query. The pane shows `position()` ("41–60 of 1,000,000") in its title.

It is drawn on Textual's public Line API (a ScrollView whose `render_line` draws one line
from the rows held, as Textual's "Line API" guide and Toolong's LogLines do), not on
DataTable: every row is one line and every column has a fixed width, so a row is drawn
straight into segments and kept in a line cache until its look changes. The virtual size is
the rows held plus the header: keyset paging cannot seek to an arbitrary offset, so the
scrollbar spans the window and `position()` says where the window is in the whole table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from store.db import describe_sqlite_error
from store.query import Count, Filters, Page, ReadError, count_rows, fetch_page
from tui.text import clip, cut, search_pattern

RenderRow = Callable[[Any, re.Pattern[str] | None], Sequence[Text]]
# The least a last flex column is cut to, once every droppable column has gone, before it
# is given 10 and a horizontal scrollbar instead.
FLEX_LEAST = 8


def read_failure(exc: ReadError) -> str:
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


@dataclass(frozen=True, slots=True)
class ShownColumn:
    """A column on screen: its header label and the width its cells are cut to."""

    key: str
    label: Text
    width: int


class PagedTable(ScrollView, can_focus=True):
    """Rows of one store table under the app's filters, paged through with keyset queries."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("g,home,ctrl+home", "first", "First row", show=False),
        Binding("G,end,ctrl+end", "last", "Last row", show=False),
        Binding("enter", "open", "Open source", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-table--header", "paged-table--cursor", "paged-table--hover",
    }

    # The look DataTable gives a table with a row cursor (so the screen reads as it did).
    DEFAULT_CSS = """
    PagedTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 1;
        &:focus {
            background-tint: $foreground 5%;
            & > .paged-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .paged-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .paged-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .paged-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .paged-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .paged-table--hover {
            background: $block-hover-background;
        }
    }
    """

    EDGE = 8  # fetch more when the cursor is this close to the window's edge
    cell_padding = 1  # cells on each side of a cell's text
    show_header = True
    header_height = 1

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
        super().__init__(id=id)
        self.table_name = table
        self._columns = list(columns)  # every column the rows have a cell for
        self._shown: list[int] = []  # those on screen, by index in _columns
        self._widths: dict[str, int] = {}  # of the flex column, when the width changed it
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
        self._cursor = 0  # index in window of the row under the cursor
        self._hover: int | None = None  # index in window of the row under the mouse
        self._filling = False
        self._fetching = False
        self._last_posted: Any = None
        # Each held row's cells, cut to their columns' widths (by the row's key), and each
        # line drawn once per look (cursor on it or not, hovered, focus, width, theme).
        self._cells: dict[Any, list[Text]] = {}
        self._lines: LRUCache[tuple[Any, ...], Strip] = LRUCache(1024)
        self._frame_style = Style()
        self.empty_note: Text | None = None  # shown in place of rows while there are none

    def set_empty_note(self, note: Text | None) -> None:
        """Show `note` on the first line while the table has no rows (None: a blank table)."""
        self.empty_note = note
        self.refresh()

    def on_mount(self) -> None:
        self._fit_columns()

    def on_resize(self) -> None:
        self._fit_columns()
        self._scroll_cursor_into_view()
        # The rows on screen change with the height (the focused pane grows): the title's
        # "1–4 of 63" must follow.
        self.post_message(self.WindowChanged(self))

    # -- the DataTable-like surface the panes and tests read ----------------------------------

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def row_count(self) -> int:
        return len(self.window)

    @property
    def ordered_columns(self) -> list[ShownColumn]:
        return [ShownColumn(c.name, Text(self._labels.get(c.name, c.label)), self._width(c))
                for c in (self._columns[i] for i in self._shown)]

    def get_row_at(self, index: int) -> list[Text]:
        """The cells on screen of window row `index`, as drawn (cut to their columns)."""
        return list(self._row_cells(self.window[index]))

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
        self._lines.clear()
        self.refresh()

    def shown_columns(self) -> list[str]:
        return [self._columns[i].name for i in self._shown]

    def _width(self, column: Column) -> int:
        return self._widths.get(column.name, column.width)

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

    def _fit_columns(self) -> None:
        """Show the columns that fit (_choose_columns) and give the flex column what the
        others leave. When that is less than its width, it pushes the columns after it off
        to the right (reachable by scrolling), or, the last, it makes do down to FLEX_LEAST."""
        shown = self._choose_columns()
        widths: dict[str, int] = {}
        avail = self.size.width - 1
        pad = 2 * self.cell_padding
        flex = [i for i in shown if self._columns[i].flex]
        if flex and avail > 0:
            i = flex[0]
            at = shown.index(i)
            before = sum(self._columns[j].width + pad for j in shown[:at])
            after = sum(self._columns[j].width + pad for j in shown[at + 1:])
            width = avail - before - after - pad
            if width < self._columns[i].width and (after or width < FLEX_LEAST):
                width = max(10, avail - before - pad)
            widths[self._columns[i].name] = width
        if shown == self._shown and widths == self._widths:
            return
        self._shown, self._widths = shown, widths
        self._cells.clear()  # cells are cut to their column's width: cut them again
        self._lines.clear()
        self._update_virtual_size()
        self.refresh()

    def _update_virtual_size(self) -> None:
        width = sum(self._width(self._columns[i]) + 2 * self.cell_padding for i in self._shown)
        self.virtual_size = Size(width, len(self.window) + self.header_height)

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
        except ReadError as exc:
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
        except ReadError:
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
        cursor = self._cursor
        scroll = self.scroll_y
        if how in ("first", "last"):
            self.window = list(page.rows)
            # A new window, perhaps under a new search: its rows are drawn afresh.
            self._cells.clear()
            self._lines.clear()
            if how == "first":
                self.start = 0
                self.more_before, self.more_after = False, page.more_after
                cursor, scroll = 0, 0.0
            else:
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
            drop = max(0, len(self.window) - self.max_rows)
            if drop:
                self._forget(self.window[:drop])
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
            self.more_before = page.more_before
            if self.start is not None:
                self.start = max(0, self.start - n)
            elif not page.more_before:
                self.start = 0
            cursor += n
            scroll += n
            if len(self.window) > self.max_rows:
                self._forget(self.window[self.max_rows:])
                self.window = self.window[: self.max_rows]
                self.more_after = True
        self.loaded = True
        self._fill(cursor, scroll)

    def _forget(self, rows: list[Any]) -> None:
        """Let go of the cells of rows that leave the window (their lines age out)."""
        for row in rows:
            self._cells.pop(row.key, None)

    def _fill(self, cursor: float, scroll: float) -> None:
        """Show the window with the cursor on row `cursor`, scrolled to `scroll`."""
        self._update_virtual_size()
        self._cursor = max(0, min(int(cursor), len(self.window) - 1)) if self.window else 0
        self._hover = None
        target = scroll

        def restore() -> None:
            if target == float("inf"):
                self.scroll_end(animate=False, immediate=True)
            else:
                self.scroll_to(y=max(0.0, target), animate=False, immediate=True)
            self._scroll_cursor_into_view()
            self.post_message(self.WindowChanged(self))

        if self.size.height:
            restore()  # in the same frame as the rows
        else:  # not laid out yet: nothing to scroll against
            self.call_after_refresh(restore)
        self.refresh()
        self._post_moved(by_user=False)

    # -- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a theme or CSS change: the cursor's colours too
        self._lines.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame_style = self.rich_style  # not once a line: it walks the CSS each time
        return super().render_lines(crop)

    def _row_cells(self, row: Any) -> list[Text]:
        cells = self._cells.get(row.key)
        if cells is None:
            every = self._render_row(row, self._pattern)
            columns = [self._columns[i] for i in self._shown]
            cells = [clip(every[i], self._width(col)) for i, col in zip(self._shown, columns,
                                                                          strict=True)
                     if i < len(every)]
            self._cells[row.key] = cells
        return cells

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base_style = self._frame_style
        scroll_x = int(self.scroll_x)
        focused = self.has_focus
        if y < self.header_height:
            key: tuple[Any, ...] = ("header", base_style, width, focused)
            strip = self._lines.get(key)
            if strip is None:
                header = self.get_component_rich_style("paged-table--header")
                labels = [Text(self._labels.get(c.name, c.label))
                          for c in (self._columns[i] for i in self._shown)]
                strip = self._lines[key] = self._line(labels, header, Style(), header, width)
            return self._scrolled(strip, scroll_x, width, base_style)
        index = y - self.header_height + int(self.scroll_y)
        if not 0 <= index < len(self.window):
            if index == 0 and self.empty_note is not None and not self.window:
                note = clip(Text(" " * self.cell_padding) + self.empty_note, width)
                segments = Segment.apply_style(note.render(self.app.console), base_style)
                return Strip(segments).adjust_cell_length(width, base_style)
            return Strip.blank(width, base_style)
        row = self.window[index]
        cursor = index == self._cursor
        hover = index == self._hover
        key = (row.key, cursor, hover, base_style, width, focused)
        strip = self._lines.get(key)
        if strip is None:
            component = Style()
            if hover:
                component += self.get_component_rich_style("paged-table--hover")
            if cursor:
                component += self.get_component_rich_style("paged-table--cursor")
            # The cursor's colour wins over a cell's own (a search match stays readable);
            # the cell's background wins over the cursor's, as DataTable draws it.
            post = Style.from_color(color=component.color) if cursor or hover else Style()
            strip = self._lines[key] = self._line(self._row_cells(row), base_style + component,
                                                  post, base_style + component, width)
        return self._scrolled(strip, scroll_x, width, base_style)

    @staticmethod
    @lru_cache(maxsize=64)
    def _column_meta(index: int) -> Style:
        return Style.from_meta({"column": index} if index >= 0 else {"out_of_bounds": True})

    @staticmethod
    def _scrolled(strip: Strip, scroll_x: int, width: int, base_style: Style) -> Strip:
        if scroll_x == 0 and strip.cell_length == width:
            return strip
        return strip.crop(scroll_x, scroll_x + width).adjust_cell_length(width, base_style)

    def _line(self, cells: Sequence[Text], pre: Style, post: Style, extend: Style,
              width: int) -> Strip:
        """One line of `cells`, each padded to its column's width, styled `pre` under and
        `post` over their own styles, then `extend` to the widget's width."""
        console = self.app.console
        pad = " " * self.cell_padding
        segments: list[Segment] = []
        used = 0
        columns = (self._columns[i] for i in self._shown)
        for index, (text, column) in enumerate(zip(cells, columns, strict=False)):
            inner = self._width(column)
            if text.spans:
                line = list(text.render(console))
            else:  # Text.render leaves the text's own style to the caller
                line = [Segment(text.plain, console.get_style(text.style) if text.style else None)]
            line = [segment for segment in line if segment.text != "\n"]
            fill = inner - sum(segment.cell_length for segment in line)
            text_style = console.get_style(text.style) if text.style else None
            if fill < 0:  # wider than its column (it was cut for an older width)
                line = Segment.adjust_line_length(line, inner)
            elif fill and text.justify in ("right", "center"):
                left = fill if text.justify == "right" else fill // 2
                line.insert(0, Segment(" " * left, text_style))
                if text.justify == "center":
                    line.append(Segment(" " * (fill - left), text_style))
            elif fill and text.justify in ("left", "full"):
                line.append(Segment(" " * fill, text_style))
            elif fill:
                line.append(Segment(" " * fill))
            if pad:
                line.insert(0, Segment(pad))
                line.append(Segment(pad))
            # Each cell its own segments (the meta says which column), as DataTable draws
            # them: screenshots and snapshots group the same cells the same way.
            segments.extend(Segment.apply_style(line, pre + self._column_meta(index), post))
            used += inner + 2 * self.cell_padding
        segments.append(Segment(" " * max(0, width - used), extend + self._column_meta(-1)))
        return Strip(segments).simplify()

    # -- moving -------------------------------------------------------------------------------

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        """Put the cursor on window row `row` (clamped to the rows held)."""
        if not self.window:
            return
        row = max(0, min(row, len(self.window) - 1))
        if scroll:
            self._scroll_cursor_into_view(row, animate=animate)
        if row == self._cursor:
            return
        self._cursor = row
        self.refresh()
        if self._filling:
            return
        self._maybe_extend()
        self._post_moved(by_user=True)
        self.post_message(self.WindowChanged(self))

    def _visible_rows(self) -> int:
        """Rows that fit under the header and above a horizontal scrollbar, if one shows."""
        return max(1, self.scrollable_content_region.height - self.header_height)

    def _scroll_cursor_into_view(self, row: int | None = None, *, animate: bool = False) -> None:
        row = self._cursor if row is None else row
        if not self.window or not self.size.height:
            return
        top, visible = int(self.scroll_y), self._visible_rows()
        if row < top:
            self.scroll_to(y=row, animate=animate, immediate=True)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=animate, immediate=True)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(self.WindowChanged(self))

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_page_down(self) -> None:
        # As DataTable pages: the view moves a screen and the cursor with it, keeping its
        # place on screen (at the end of the rows held, the last row).
        height = self._visible_rows()
        self.scroll_to(y=self.scroll_y + height, animate=False, immediate=True)
        self.move_cursor(row=self._cursor + height)

    def action_page_up(self) -> None:
        height = self._visible_rows()
        self.scroll_to(y=self.scroll_y - height, animate=False, immediate=True)
        self.move_cursor(row=self._cursor - height)

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.header_height:
            return None
        index = offset.y - self.header_height + int(self.scroll_y)
        return index if 0 <= index < len(self.window) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._row_under(event)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        row = self._row_under(event)
        if row is not None:
            self.focus()
            self.move_cursor(row=row)

    def _maybe_extend(self) -> None:
        if self._fetching or not self.window:
            return
        row = self._cursor
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
        if not self.window or not 0 <= self._cursor < len(self.window):
            return None
        return self.window[self._cursor]

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
        visible = self._visible_rows()
        top = max(0, min(int(self.scroll_y), len(self.window) - 1))
        bottom = min(len(self.window), top + visible)
        if self.start is None:
            return f"{bottom - top} rows near the end of {total}"
        return f"{self.start + top + 1:,}–{self.start + bottom:,} of {total}"
