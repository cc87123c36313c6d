"""PagedTable on its own: a small window (pages of 10, at most 40 rows held) over a store of
statements, so that a walk through the table crosses many page boundaries both ways.

The riskiest paths: paging backwards (rows put in front of the window move the cursor and
the scroll by as many), rows dropped at the window's far end, rows removed from the store
while the table is paged through, and a resize that drops columns mid-window.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from store import open_store
from store.articles import article_from_text
from store.extract.records import Extraction, StatementRecord
from store.ingest import ingest_article
from store.manage import remove_articles
from store.query import Filters, Reader, fetch_page
from tests.test_tui_support import asynctest, settle
from tui.panes.statements import COLUMNS, render_statement
from tui.widgets.paged_table import PagedTable

ARTICLES = 12
PER_ARTICLE = 8
# As the app's 50 and 150 to its views of at most ~40 rows: a window holds a page and a
# screen beyond the rows on screen, so a page read in front never pushes them out.
PAGE, HELD = 10, 40
# The statements pane's columns, Mode and Topics left out (Mode first) when narrow.
DROPPING = {"Mode": 2, "Topics": 1}
TABLE_COLUMNS = [replace(c, drop=DROPPING.get(c.label, 0), key=c.label.lower())
                 for c in COLUMNS]


def build_interleaved_store(path: Path) -> tuple[Path, list[str]]:
    """ARTICLES articles of PER_ARTICLE statements each, on distinct days interleaved so that
    one article's rows are spread evenly through the whole table (every 12th row)."""
    db = open_store(path)
    ids = []
    for a in range(ARTICLES):
        lines = [f"Speaker {a} said remark {a}-{j} was true." for j in range(PER_ARTICLE)]
        text = f"Report {a}\n\n" + "\n".join(lines)
        article = article_from_text(text, published="2025-06-01", source=f"Outlet {a}")
        statements = []
        for j, line in enumerate(lines):
            day = j * ARTICLES + a  # days 0..95, article a on every 12th
            date = f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}"
            start = text.index(line)
            statements.append(StatementRecord(f"Speaker {a}", f"remark {a}-{j}", "indirect",
                                              date, [], line, (start, start + len(line)),
                                              "day"))
        ingest_article(db, article, Extraction(statements=statements))
        ids.append(article.id)
    db.conn.close()
    return path, ids


class TableApp(App[None]):
    """One PagedTable under no filters, as a pane would hold it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.reader = Reader(path)

    def compose(self) -> ComposeResult:
        yield PagedTable("statements", TABLE_COLUMNS, render_statement, page_size=PAGE,
                         max_rows=HELD, id="t")

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.focus()
        table.load(Filters())

    def on_unmount(self) -> None:
        self.reader.close()


@pytest.fixture()
def store(tmp_path: Path) -> tuple[Path, list[str]]:
    return build_interleaved_store(tmp_path / "paged.db")


def every_quote(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r.quote for r in fetch_page(conn, "statements", Filters(), limit=1000).rows]
    finally:
        conn.close()


def check_window(t: PagedTable, order: list[str]) -> None:
    """The window is a run of the table in order, no longer than allowed, and the title's
    position agrees with where the cursor's row really is."""
    quotes = [r.quote for r in t.window]
    assert len(quotes) <= HELD
    assert t.start is not None
    assert quotes == order[t.start:t.start + len(quotes)]
    top = int(t.scroll_y)
    visible = t.scrollable_content_region.height - t.header_height
    assert top <= t.cursor_row < top + visible  # the cursor's row is on screen
    first = int(t.position().split("–")[0].replace(",", ""))
    assert first == t.start + top + 1


def shown_quote(t: PagedTable) -> str:
    """The quote in the line the cursor is drawn on (what the user sees, not the model)."""
    y = t.cursor_row - int(t.scroll_y) + t.header_height
    return t.render_line(y).text


async def walk(pilot, t: PagedTable, key: str, steps: int, order: list[str]) -> list[str]:  # noqa: ANN001
    seen = []
    line = t.cursor_row - int(t.scroll_y)
    visible = t.scrollable_content_region.height - t.header_height
    for _ in range(steps):
        full = t.row_count > visible  # (else rows read come into view where there were none)
        await pilot.press(key)
        if t._fetching:
            await settle(pilot)
        check_window(t, order)
        assert t.current_row.quote in shown_quote(t)
        seen.append(t.current_row.quote)
        # A page read in front of the window moves the view with the cursor: on screen the
        # cursor steps one line (or stays at the edge), it never jumps.
        was, line = line, t.cursor_row - int(t.scroll_y)
        assert abs(line - was) <= 1 or not full
    return seen


@asynctest
async def test_walking_back_from_the_end_crosses_every_page_boundary(
        store: tuple[Path, list[str]]) -> None:
    path, _ = store
    order = every_quote(path)
    assert len(order) == ARTICLES * PER_ARTICLE
    app = TableApp(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        t = app.query_one(PagedTable)
        await pilot.press("G")
        await settle(pilot)
        assert t.current_row.quote == order[-1] and t.start == len(order) - t.row_count
        seen = await walk(pilot, t, "k", len(order) + 5, order)
        # Each row once, in order, up to the first (then the cursor stays there).
        assert seen[: len(order) - 1] == order[-2::-1]
        assert set(seen[len(order) - 1:]) == {order[0]}
        assert not t.more_before and t.start == 0


@asynctest
async def test_page_up_and_down_across_page_boundaries(store: tuple[Path, list[str]]) -> None:
    path, _ = store
    order = every_quote(path)
    app = TableApp(path)
    async with app.run_test(size=(100, 10)) as pilot:
        await settle(pilot)
        t = app.query_one(PagedTable)
        visible = t.scrollable_content_region.height - t.header_height
        positions = []
        for key in ["pagedown"] * 14 + ["pageup"] * 14:
            await pilot.press(key)
            await settle(pilot)
            check_window(t, order)
            positions.append(order.index(t.current_row.quote))
        down, up = positions[:14], positions[14:]
        # A page at a time (less at the window's edge, where the next page is read), on to
        # the very end and back to the very top.
        for rows in (down, [-p for p in up]):
            steps = [b - a for a, b in zip(rows, rows[1:], strict=False)]
            moving = steps[: steps.index(0)] if 0 in steps else steps
            assert moving and all(0 < step <= visible for step in moving)
            assert set(steps[len(moving):]) <= {0}
        assert down[-1] == len(order) - 1 and up[-1] == 0
        assert visible in [b - a for a, b in zip(down, down[1:], strict=False)]


@asynctest
async def test_rows_removed_from_the_store_while_paged(store: tuple[Path, list[str]]) -> None:
    path, article_ids = store
    order = every_quote(path)
    app = TableApp(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        t = app.query_one(PagedTable)
        await walk(pilot, t, "j", 60, order)  # windows along: rows dropped at the top
        assert t.more_before and t.start and t.start > 0
        held = {r.quote for r in t.window}  # read before the removal: shown as they were
        db = open_store(path)
        try:
            removal = remove_articles(db.conn, [article_ids[5]])  # every 12th row, held too
        finally:
            db.conn.close()
        assert removal.rows == PER_ARTICLE
        remaining = every_quote(path)
        assert len(remaining) == len(order) - PER_ARTICLE
        # On to the end: the rows read from now on are the remaining ones, none twice.
        seen = []
        for _ in range(len(order)):
            await pilot.press("j")
            if t._fetching:
                await settle(pilot)
            seen.append(t.current_row.quote)
            assert len(t.window) <= HELD
        assert seen[-1] == remaining[-1]
        # The rows read after the removal are none of the removed; the window runs on.
        final = [r.quote for r in t.window]
        removed = set(order) - set(remaining)
        assert not removed & (set(final) - held)
        kept = [q for q in final if q not in removed]
        assert kept == remaining[-len(kept):]
        back = []
        for _ in range(len(order)):
            await pilot.press("k")
            if t._fetching:
                await settle(pilot)
            back.append(t.current_row.quote)
            assert len(t.window) <= HELD
        # Back to the top: past the rows still held, every row is read again; exactly the
        # remaining ones, in order.
        stale = removed & set(final)
        assert [q for q in dict.fromkeys(back) if q not in stale] == remaining[-2::-1]
        await pilot.press("ctrl+r")
        await settle(pilot)
        t.reload()
        await settle(pilot)
        assert t.total is not None and t.total.value == len(remaining)
        assert t.position().startswith("1–")


@asynctest
async def test_resize_mid_window_keeps_the_row_and_drops_columns(
        store: tuple[Path, list[str]]) -> None:
    path, _ = store
    order = every_quote(path)
    app = TableApp(path)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        t = app.query_one(PagedTable)
        await walk(pilot, t, "j", 45, order)
        await pilot.press("pagedown")
        await settle(pilot)
        row = t.current_row
        every = ["date", "speaker", "mode", "quote", "topics"]
        assert t.shown_columns() == every
        for size, shown in (((90, 10), ["date", "speaker", "quote", "topics"]),
                            ((60, 10), ["date", "speaker", "quote"]),
                            ((40, 8), ["date", "speaker", "quote"]), ((120, 36), every)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert t.shown_columns() == shown
            assert t.current_row is row  # the same row under the cursor
            check_window(t, order)  # ... and on screen, with the title's numbers right
            assert row.date[:10] in shown_quote(t)  # drawn on the cursor's line
            for y in range(t.size.height):
                assert t.render_line(y).cell_length == t.size.width
            # Cells are cut to the columns' new widths, and the header says the same.
            widths = [c.width for c in t.ordered_columns]
            for cells in (t.get_row_at(i) for i in range(t.row_count)):
                assert all(c.cell_len <= w for c, w in zip(cells, widths, strict=True))
            x = int(t.scroll_x)
            header = "".join(f" {str(c.label):<{c.width}} " for c in t.ordered_columns)
            assert t.render_line(0).text == header[x:x + t.size.width].ljust(t.size.width)


@asynctest
async def test_a_pane_may_rename_and_hide_columns(store: tuple[Path, list[str]]) -> None:
    path, _ = store
    app = TableApp(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        t = app.query_one(PagedTable)
        t.set_label("speaker", "Who")
        t.hide_columns({"topics"})
        await pilot.pause()
        assert t.shown_columns() == ["date", "speaker", "mode", "quote"]
        assert t.render_line(0).text.split() == ["Date", "Who", "Mode", "Quote"]
        assert len(t.get_row_at(0)) == 4
        t.hide_columns(set())
        await pilot.pause()
        assert t.render_line(0).text.split() == ["Date", "Who", "Mode", "Quote", "Topics"]


@asynctest
async def test_selection_messages(store: tuple[Path, list[str]]) -> None:
    path, _ = store
    moved: list[tuple[str, bool]] = []
    opened: list[str] = []

    class Watching(TableApp):
        def on_paged_table_row_moved(self, message: PagedTable.RowMoved) -> None:
            moved.append((message.row.quote, message.by_user))

        def on_paged_table_row_opened(self, message: PagedTable.RowOpened) -> None:
            opened.append(message.row.quote)

    order = every_quote(path)
    app = Watching(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert moved == [(order[0], False), (order[1], True), (order[2], True)]
        assert opened == [order[2]]
        # A click on a row puts the cursor there (the header is line 0, row 0 is line 1).
        await pilot.click(PagedTable, offset=(5, 5))
        assert moved[-1] == (order[4], True)


@asynctest
async def test_empty_note_is_drawn_in_place_of_rows(store: tuple[Path, list[str]]) -> None:
    path, _ = store
    app = TableApp(path)
    async with app.run_test(size=(60, 10)) as pilot:
        await settle(pilot)
        t = app.query_one(PagedTable)
        t.load(Filters(search="nothing matches this"))
        await settle(pilot)
        t.set_empty_note(Text("No articles yet"))
        await pilot.pause()
        assert t.row_count == 0 and t.position() == "0 rows"
        assert "No articles yet" in t.render_line(1).text



@asynctest
async def test_a_new_search_draws_the_rows_held_again(store: tuple[Path, list[str]]) -> None:
    path, _ = store
    app = TableApp(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        t = app.query_one(PagedTable)
        t.load(Filters(search="remark"))
        await settle(pilot)
        quote = [c.label for c in t.ordered_columns].index(Text("Quote"))
        assert t.get_row_at(0)[quote].spans  # the match is marked
        t.render_line(1)
        t.load(Filters())  # the same rows, no search: no mark left from the last drawing
        await settle(pilot)
        assert not t.get_row_at(0)[quote].spans
