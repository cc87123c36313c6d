"""Pilot tests: every key of the dashboard, asserting on what the widgets hold."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from store import ingest_article
from store.articles import article_from_text
from store.extract.records import EventRecord, Extraction
from tests.test_tui_support import HOSTILE_TEXT, asynctest, build_store, settle
from tui.app import NEAR_DEBOUNCE, SitrepApp
from tui.panes.metrics import MetricsPane
from tui.panes.source import SourcePane
from tui.screens.actor_picker import ActorPicker
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.kind_picker import KindPicker
from tui.text import EVIDENCE_STYLE
from tui.widgets.filter_bar import FilterBar
from tui.widgets.paged_table import PagedTable
from tui.widgets.search_bar import SearchBar


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("tui") / "tui.db")


def table(app: SitrepApp, pane: str) -> PagedTable:
    return app.query_one(f"#{pane}").query_one(PagedTable)


def cells(app: SitrepApp, pane: str, column: int) -> list[str]:
    t = table(app, pane)
    return [str(t.get_row_at(i)[column]) for i in range(t.row_count)]


def column(app: SitrepApp, pane: str, label: str) -> list[str]:
    """The cells of the column headed `label` (columns come and go with the width)."""
    t = table(app, pane)
    labels = [str(c.label) for c in t.ordered_columns]
    return cells(app, pane, labels.index(label))


def filter_bar(app: SitrepApp) -> str:
    return app.query_one(FilterBar).plain


def screen_text(app: SitrepApp) -> str:
    """What the terminal shows, line by line, as text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def title(app: SitrepApp, pane: str) -> str:
    content = app.query_one(f"#{pane}")._border_title  # what is drawn, markup resolved
    return content.plain if content is not None else ""


@asynctest
async def test_opens_with_every_pane_filled(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # the strike has no date of its own: its article's, marked
        assert cells(app, "timeline", 0) == ["2025-02-18", "2025-02-18", "~2025-01-20"]
        assert cells(app, "timeline", 2) == ["2", "2", "1"]  # articles reporting it
        assert "Riyadh" in cells(app, "timeline", 3)
        assert "1–3 of 3" in title(app, "timeline")
        assert title(app, "statements").startswith("2 Statements 1–")
        assert "of 133" in title(app, "statements")
        assert table(app, "statements").row_count == 50  # a window, not the whole table
        metrics = app.query_one(MetricsPane)
        assert metrics.kinds == ["drones", "missiles"] and metrics.kind == "drones"
        assert "total 126" in metrics.header_text()
        assert "Filters: none" in filter_bar(app)
        assert app.focused is table(app, "timeline")


@asynctest
async def test_tab_shift_tab_and_number_keys_move_between_panes(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_pane() == "timeline"
        await pilot.press("tab")
        assert app.current_pane() == "statements"
        await pilot.press("tab")
        assert app.current_pane() == "metrics"
        await pilot.press("shift+tab")
        assert app.current_pane() == "statements"
        for key, name in (("4", "source"), ("3", "metrics"), ("2", "statements"),
                          ("1", "timeline")):
            await pilot.press(key)
            assert app.current_pane() == name


@asynctest
async def test_arrows_jk_pages_and_ends(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        t = table(app, "statements")
        zelensky = "Ukraine would not accept a deal made without it"
        assert t.current_row.quote == zelensky  # newest first
        await pilot.press("j", "j")
        # undated: at its article's date (2024-06-01), after 2025 and before January 2024
        assert t.current_row.quote == "undated remark"
        await pilot.press("down")
        assert t.current_row.quote == "item129 matters"
        await pilot.press("k", "up")
        assert t.current_row.quote == "We are ready to talk."
        await pilot.press("pagedown")
        await settle(pilot)
        assert t.cursor_row > 5
        after_pgdn = t.current_row.quote
        await pilot.press("pageup")
        await settle(pilot)
        assert t.current_row.quote != after_pgdn
        await pilot.press("G")  # the end of the whole table: one query, not 3 pages
        await settle(pilot)
        assert t.current_row.quote == "item000 matters"
        assert t.row_count <= t.max_rows
        assert "of 133" in title(app, "statements")
        assert title(app, "statements").split()[2].endswith("133")  # "…–133 of 133"
        await pilot.press("k")
        assert t.current_row.quote == "item001 matters"
        await pilot.press("g")
        await settle(pilot)
        assert t.current_row.quote == zelensky
        assert "1–" in title(app, "statements")


@asynctest
async def test_scrolling_down_refills_the_window(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        t = table(app, "statements")
        seen = []
        for _ in range(140):
            await pilot.press("j")
            if t._fetching:
                await settle(pilot)
            seen.append(t.current_row.quote)
        assert seen[-1] == "item000 matters"
        assert len(set(seen)) == 132
        assert t.row_count <= t.max_rows


def _cells_of(strip: Strip) -> list[tuple[str, Style]]:
    """Each cell of a line: its character and how it looks (meta, which says nothing on
    screen, left out)."""
    return [(ch, Style(color=s.color, bgcolor=s.bgcolor, bold=s.bold, dim=s.dim,
                       italic=s.italic, underline=s.underline, reverse=s.reverse,
                       strike=s.strike))
            for segment in strip for s in [segment.style or Style()] for ch in segment.text]


def drawn_as_rich_draws(t: PagedTable, hover: int | None = None) -> list[int]:
    """The lines of `t` on screen that its own drawing and a drawing of the same cells
    through Rich (each cell padded, under the row's style and over it the cursor's colour,
    as DataTable draws a row) disagree on."""
    console = t.app.console
    base = t.rich_style
    width = t.size.width
    columns = t.ordered_columns
    used = sum(c.width + 2 for c in columns)
    differing = []
    for y in range(t.size.height):
        index = y - 1 + int(t.scroll_y)
        if y == 0:
            cells = [c.label for c in columns]
            pre, post = t.get_component_rich_style("paged-table--header"), Style()
        elif 0 <= index < t.row_count:
            cells = t.get_row_at(index)
            look = Style()
            if index == hover:
                look += t.get_component_rich_style("paged-table--hover")
            if index == t.cursor_row:
                look += t.get_component_rich_style("paged-table--cursor")
            pre = base + look
            post = Style.from_color(color=look.color) if look.color else Style()
        else:
            continue
        segments: list[Segment] = []
        for text, column in zip(cells, columns, strict=True):
            options = t.app.console_options.update_dimensions(column.width + 2, 1)
            lines = console.render_lines(Padding(text, (0, 1)), options.update(no_wrap=True))
            segments += Segment.apply_style(lines[0], pre, post)
        segments.append(Segment(" " * max(0, width - used), pre))
        x = int(t.scroll_x)
        theirs = Strip(segments).crop(x, x + width).adjust_cell_length(width, base)
        if _cells_of(t.render_line(y)) != _cells_of(theirs):
            differing.append(y)
    return differing


@asynctest
async def test_rows_are_drawn_as_rich_draws_their_cells(store_path: Path) -> None:
    # PagedTable draws its rows straight into segments (cheaper); what shows must be what
    # Rich draws for the same cells: cursor, hover, search matches, hostile text,
    # right-aligned numbers, a table scrolled sideways.
    for size in ((80, 24), (120, 40)):
        app = SitrepApp(store_path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"item", "enter")
            await settle(pilot)
            for pane in ("timeline", "statements", "metrics"):
                await pilot.press({"timeline": "1", "statements": "2", "metrics": "3"}[pane])
                t = table(app, pane)
                await pilot.press("down", "down")
                await pilot.pause()
                assert drawn_as_rich_draws(t) == []
                if t.row_count > t.cursor_row + 1:  # the mouse on the row below the cursor
                    line = t.cursor_row + 1 - int(t.scroll_y) + 1
                    await pilot.hover(f"#{t.id}", offset=(2, line))
                    await pilot.pause()
                    assert drawn_as_rich_draws(t, hover=t.cursor_row + 1) == []
                    await pilot.hover(f"#{t.id}", offset=(2, 0))  # the header
                    await pilot.pause()
                t.scroll_x = 3
                await pilot.pause()
                assert drawn_as_rich_draws(t) == []
            await pilot.press("escape", "1", "G")
            await settle(pilot)
            assert drawn_as_rich_draws(table(app, "timeline")) == []  # hostile text


@asynctest
async def test_enter_opens_the_source_with_the_evidence_highlighted(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        source = app.query_one(SourcePane)
        assert app.current_pane() == "source"
        assert source.article is not None and source.article.title.startswith(("Riyadh",
                                                                              "Second"))
        evidence = source.highlighted_text()
        assert evidence in ("US and Russian officials met in Riyadh on Tuesday.",
                            "Delegations sat down in Riyadh for talks.")
        start, end = source.highlight
        assert any(s.start <= start and s.end >= end and str(s.style) == EVIDENCE_STYLE
                   for s in source.body.spans)
        # Enter on a statement and on a metric row too
        await pilot.press("2", "enter")
        await settle(pilot)
        assert source.highlighted_text().startswith("Zelensky said Ukraine would not")
        await pilot.press("3", "enter")
        await settle(pilot)
        assert source.highlighted_text() == "Russia launched 126 drones at Ukraine overnight."


@asynctest
async def test_hostile_text_is_shown_literally(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        # Cells are cut to their column (12 wide here): what shows is still the literal text.
        assert cells(app, "timeline", 3)[-1] == "[bold]Khark…"
        assert table(app, "timeline").window[-1].location == "[bold]Kharkiv[/bold]"
        assert "[bold]boom[/bold] ␛[31mred␛[0m" in cells(app, "timeline", 4)[-1]
        await pilot.press("enter")
        await settle(pilot)
        source = app.query_one(SourcePane)
        shown = source.body.plain
        assert "[link=file:///etc/passwd]here[/link]" in shown
        assert "\x1b" not in shown and "␛[31m" in shown
        assert "\u202e" not in shown and "<U+202E>" in shown
        assert source.highlighted_text() == "The strike hit [bold]Kharkiv[/bold] at night."
        assert "[bold red]Hostile[/] title ␛]52;c;aGk=␇" in title(app, "source")
        assert HOSTILE_TEXT.count("[link") == 1


@asynctest
async def test_slash_searches_every_pane_and_escape_clears(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.query_one(SearchBar).is_open
        await pilot.press("P", "e", "s", "k")
        await settle(pilot)
        assert app.filters.search == "Pesk"
        assert cells(app, "statements", 1) == ["Dmitry Peskov"]
        assert table(app, "timeline").row_count == 0
        assert "search Pesk" in filter_bar(app)
        # the match is highlighted in the cell
        speaker = table(app, "statements").get_row_at(0)[1]
        assert any("yellow" in str(s.style) for s in speaker.spans)
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.press("r", "i", "y", "a", "d", "h")
        await settle(pilot)
        assert cells(app, "timeline", 3) == ["Riyadh", "Riyadh"]
        # Metrics match on their own sentence: no figure's sentence names Riyadh.
        metrics = app.query_one(MetricsPane)
        assert metrics.table.row_count == 0
        await pilot.press("enter")
        assert not app.query_one(SearchBar).is_open
        assert app.focused is table(app, "timeline")
        await pilot.press("escape")
        await settle(pilot)
        assert app.filters.search == ""
        assert table(app, "timeline").row_count == 3
        assert "Filters: none" in filter_bar(app)


@asynctest
async def test_escape_inside_the_search_box_clears_and_closes(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "z", "z", "z")
        await settle(pilot)
        assert table(app, "statements").row_count == 0
        await pilot.press("escape")
        await settle(pilot)
        assert not app.query_one(SearchBar).is_open and app.filters.search == ""
        assert table(app, "statements").row_count == 50


@asynctest
async def test_a_picks_an_actor_fuzzily(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActorPicker)
        await pilot.press("d", "p", "s", "k")  # D…P…s…k: Dmitry Peskov
        await settle(pilot)
        assert app.screen.shown[0].name == "Dmitry Peskov"
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters.actor_name == "Dmitry Peskov"
        assert cells(app, "statements", 3) == ["We are ready to talk."]
        assert "actor Dmitry Peskov" in filter_bar(app)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("l", "a", "v", "enter")
        await settle(pilot)
        assert app.filters.actor_name == "Sergei Lavrov"
        assert table(app, "timeline").row_count == 2
        assert table(app, "statements").row_count == 0


@asynctest
async def test_t_picks_an_event_kind(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, KindPicker)
        assert app.screen.kinds == ["strike", "talks"]
        await pilot.press("down", "enter")  # (any kind), strike
        await settle(pilot)
        assert app.filters.kind == "strike"
        assert cells(app, "timeline", 1) == ["▲ strike"]
        assert "kind strike" in filter_bar(app)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("escape")
        assert app.filters.kind == "strike"


@asynctest
async def test_brackets_move_the_month_window_and_r_resets(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        # anchored on the highlighted event's month
        assert (app.filters.date_from, app.filters.date_to) == ("2025-02-01", "2025-02-28")
        assert "dates 2025-02-01 – 2025-02-28" in filter_bar(app)
        assert cells(app, "timeline", 0) == ["2025-02-18", "2025-02-18"]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.filters.date_from == "2025-01-01"
        # the strike without a date of its own falls in its article's month, marked as such
        assert cells(app, "timeline", 0) == ["~2025-01-20"]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.filters.date_from == "2025-03-01"
        await pilot.press("left_curly_bracket")  # a year at a time
        await settle(pilot)
        assert (app.filters.date_from, app.filters.date_to) == ("2024-03-01", "2024-03-31")
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await settle(pilot)
        assert app.filters.date_from == "2026-03-01"
        await pilot.press("r")
        await settle(pilot)
        assert app.filters.date_from is None and table(app, "timeline").row_count == 3
        assert "Filters: none" in filter_bar(app)


@asynctest
async def test_moving_on_the_timeline_never_narrows_statements_unless_linked(
        store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "L link dates" in screen_text(app).splitlines()[0]  # off, and said so
        await pilot.press("j")  # second Riyadh event, 2025-02-18
        await pilot.pause(NEAR_DEBOUNCE + 0.05)
        await settle(pilot)
        assert app.filters.near is None  # moving the cursor is no filter
        assert table(app, "statements").row_count == 50
        app.action_toggle_link_dates()  # L: statements follow the timeline's date
        await settle(pilot)
        assert app.filters.near == "2025-02-18"
        assert sorted(s.speaker for s in table(app, "statements").window) == [
            "Dmitry Peskov", "Volodymyr Zelensky"]
        assert "near 2025-02-18" in title(app, "statements")
        top = screen_text(app).splitlines()[0]
        assert "near 2025-02-18" in top and "L dates linked" in top
        await pilot.press("j")  # the undated strike: no narrowing
        await pilot.pause(NEAR_DEBOUNCE + 0.05)
        await settle(pilot)
        assert app.filters.near is None
        assert table(app, "statements").row_count == 50
        await pilot.press("k")  # linked: the cursor's date again, once it rests
        await pilot.pause(NEAR_DEBOUNCE + 0.05)
        await settle(pilot)
        assert app.filters.near == "2025-02-18"
        app.action_toggle_link_dates()  # unlinked: every statement again, at once
        await settle(pilot)
        assert app.filters.near is None and table(app, "statements").row_count == 50
        assert "L link dates" in screen_text(app).splitlines()[0]


@asynctest
async def test_e_exports_the_current_view(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "r", "i", "y", "a", "d", "h", "enter")
        await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("c")
        await settle(pilot)
        path = app.last_export
        assert path is not None and path.suffix == ".csv" and path.exists()
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert [r["location"] for r in rows] == ["Riyadh", "Riyadh"]
        assert any(str(path) in str(n.message) for n in app._notifications)
        await pilot.press("2", "e", "j")
        await settle(pilot)
        data = json.loads(app.last_export.read_text(encoding="utf-8"))
        assert data == []  # no statement's text says Riyadh
        await pilot.press("e", "escape")
        assert not isinstance(app.screen, ExportScreen)


@asynctest
async def test_an_export_that_fails_part_way_leaves_no_file(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app

    def fills_the_disk(conn: object, table: str, filters: object, fmt: str, out: Any,
                       **kwargs: object) -> int:
        out.write("id,kind\n1,")  # part of the file is written, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tui.app, "export_view", fills_the_disk)
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e", "c")
        await settle(pilot)
        assert app.last_export is None
        folder = tui.app.exports_dir()
        assert not folder.exists() or list(folder.iterdir()) == []  # no truncated file, no .part
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith(f"Export failed: {folder}") and m.endswith(".csv: disk full")
                   for m in said), said


@asynctest
async def test_y_copies_a_citation(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("p", "e", "s", "k", "o", "v", "enter")
        await settle(pilot)
        await pilot.press("2", "y")
        await settle(pilot)
        # word for word: in quotation marks, with outlet, article date and address
        assert app.clipboard == ('Dmitry Peskov said on 2025-02-17: "We are ready to talk." '
                                 '(Wire, 2025-02-18, https://wire.example/riyadh-talks)')
        app.action_copy_citation()  # Y: the same as Markdown, the source a link
        await settle(pilot)
        assert app.clipboard == ('Dmitry Peskov said on 2025-02-17: "We are ready to talk." '
                                 '([Wire, 2025-02-18](https://wire.example/riyadh-talks))')
        await pilot.press("r", "1", "y")
        await settle(pilot)
        # an event: the article's own sentence quoted, never the summary
        assert app.clipboard == ('Talks (held, in Riyadh, on 2025-02-18): "Delegations sat down '
                                 'in Riyadh for talks." (Daily, 2025-02-18)')
        await pilot.press("enter", "y")  # the source pane cites the row it shows
        await settle(pilot)
        assert app.clipboard.startswith('Talks (held, in Riyadh, on 2025-02-18): "Delegations')


@asynctest
async def test_reported_speech_is_copied_without_quotation_marks(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "y")  # Zelensky, reported (indirect) speech
        await settle(pilot)
        assert app.clipboard == ("Volodymyr Zelensky said on 2025-02-18 that Ukraine would not "
                                 "accept a deal made without it. (Daily, 2025-02-18)")
        assert '"' not in app.clipboard
        app.action_copy_citation()
        await settle(pilot)
        assert app.clipboard == ("Volodymyr Zelensky said on 2025-02-18 that Ukraine would not "
                                 "accept a deal made without it. (Daily, 2025-02-18)")


@asynctest
async def test_question_mark_shows_every_key(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text()
        for key in ("Tab", "1 2 3 4", "j k", "PgUp", "g G", "Enter", "/", "a ", "t ", "[",
                    "]", "r ", "e ", "y ", "ctrl+r", "q ", "ctrl+p", "Esc"):
            assert key in text, key
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@asynctest
async def test_ctrl_p_palette_runs_the_same_actions(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)
        for ch in "pick event":
            await pilot.press("space" if ch == " " else ch)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, KindPicker)


@asynctest
async def test_the_collector_is_paced_while_running_and_restored_after(store_path: Path) -> None:
    import gc

    threshold = gc.get_threshold()
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() > 0  # the startup objects are left out of collections
        assert gc.get_threshold()[2] > threshold[2]
        before = app._collector.last_input
        await pilot.press("j")
        assert app._collector.last_input > before  # keys put off the next full collection
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


@asynctest
async def test_q_quits(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@asynctest
async def test_store_changes_are_noticed_and_ctrl_r_reloads(tmp_path: Path) -> None:
    path = build_store(tmp_path / "live.db", n_bulk=3)
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert table(app, "timeline").row_count == 3
        from store import open_store

        db = open_store(path)
        text = "New talks\n\nNew talks in Istanbul today."
        ingest_article(db, article_from_text(text, published="2025-05-16"), Extraction(
            events=[EventRecord("talks", "2025-05-16", "Istanbul", [], "Talks in Istanbul",
                                "New talks in Istanbul today.", (11, 39))]))
        db.conn.close()
        app._check_store()
        await settle(pilot)
        assert app.store_changed
        assert "new rows — press ctrl+r" in filter_bar(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert cells(app, "timeline", 3)[0] == "Istanbul"
        assert "new rows" not in filter_bar(app)


@asynctest
async def test_a_write_lock_does_not_break_the_dashboard(tmp_path: Path) -> None:
    path = build_store(tmp_path / "locked.db", n_bulk=3)
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM statements")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert table(app, "timeline").row_count == 3  # WAL: readers see the last commit
        writer.execute("ROLLBACK")
        writer.close()


@asynctest
async def test_sample_store_answers_the_questions(sample_store_path: Path) -> None:
    """On the sample store: Peskov's statements, drones launched, talks; each opens."""
    app = SitrepApp(sample_store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"peskov", "enter")
        await settle(pilot)
        speakers = cells(app, "statements", 1)
        assert speakers and all("Peskov" in s for s in speakers)
        await pilot.press("2", "enter")
        await settle(pilot)
        assert "Peskov" in app.query_one(SourcePane).body.plain
        await pilot.press("escape", "3")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        if "drones" in metrics.kinds:
            while metrics.kind != "drones":
                await pilot.press("right")
                await settle(pilot)
            assert "total" in metrics.header_text()
        await pilot.press("t")
        await settle(pilot)
        if "talks" in app.screen.kinds:
            index = app.screen.kinds.index("talks") + 1
            await pilot.press(*["down"] * index, "enter")
            await settle(pilot)
            assert set(cells(app, "timeline", 1)) <= {"♦ talks"}
        else:
            await pilot.press("escape")


@asynctest
async def test_keys_in_one_burst_land_where_they_were_typed(store_path: Path) -> None:
    """Over SSH several keys can arrive before the app has handled the first: `/Pat⏎3` must
    search "Pat" (a and t are letters in the box, not the actor and kind pickers) and then
    switch to the metrics pane, not search "Pat3"."""
    from textual import events

    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, char in [("slash", "/"), ("P", "P"), ("a", "a"), ("t", "t"),
                          ("enter", "\r"), ("3", "3")]:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # queued at once, as the terminal delivers them
        await settle(pilot)
        assert len(app.screen_stack) == 1  # no picker opened
        assert app.filters.search == "Pat"
        assert not app.query_one(SearchBar).is_open
        assert app.focused is app.query_one(MetricsPane).table


@asynctest
async def test_date_keys_stop_at_the_edges_of_the_calendar(tmp_path: Path) -> None:
    # an article may name the calendar's last and first days; [ ] { } from there stay inside
    from tui.cli import main

    db, folder = tmp_path / "edges.db", tmp_path / "articles"
    folder.mkdir()
    for day in ("9999-12-31", "0001-01-01"):
        (folder / f"a{day[:4]}.txt").write_text(
            f"date {day} Strikes at the edge of time\n\n"
            "Russian forces struck Kharkiv on Monday, killing two people.\n", encoding="utf-8")
    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    app = SitrepApp(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_curly_bracket", "right_square_bracket")  # past year 9999
        await settle(pilot)
        assert app.filters.date_to == "9999-12-31"
        await pilot.press("G")
        await settle(pilot)
        for _ in range(3):
            await pilot.press("left_curly_bracket")
        await pilot.press("r", "G", "left_square_bracket", "left_curly_bracket")
        await settle(pilot)
        assert app.is_running and app.return_code is None


def test_month_window_and_near_window_are_held_inside_the_calendar() -> None:
    from store.query import Filters, near_days
    from tui.app import month_window

    assert month_window("9999-12-31", 1) == ("9999-12-01", "9999-12-31")
    assert month_window("9999-12-31", 12) == ("9999-12-01", "9999-12-31")
    assert month_window("0001-01-01", -12) == ("0001-01-01", "0001-01-31")
    assert month_window("2025-12-15", 1) == ("2026-01-01", "2026-01-31")
    assert near_days(Filters(near="9999-12-31")) == ("9999-12-28", "9999-12-31")
    assert near_days(Filters(near="0001-01-01")) == ("0001-01-01", "0001-01-04")
