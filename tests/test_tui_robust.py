"""A store the dashboard did not write: huge values and bytes that are not UTF-8 (issue 11).

The stores are made with the store's own functions, then changed behind its back with plain
sqlite3 UPDATEs, as an older sitrep or another tool could have left them.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from store import ingest_article, open_store
from store.articles import article_from_text
from store.extract.records import Extraction, StatementRecord
from store.query import (
    NAME_MAX,
    TEXT_MAX,
    TITLE_MAX,
    URL_MAX,
    Filters,
    Reader,
    distinct_values,
    export_view,
    fetch_page,
    get_article,
    list_actors,
)
from tests.test_tui_support import asynctest, build_store, settle
from tui.app import SitrepApp
from tui.panes.metrics import MetricsPane
from tui.panes.source import MAX_SHOWN, SourcePane
from tui.text import CELL_MAX
from tui.widgets.filter_bar import FilterBar
from tui.widgets.paged_table import PagedTable, read_failure

from .fixtures.helpers import run_cli

HUGE_TITLE = "Huge title " + "T" * 2_000_000
HUGE_SOURCE = "Huge source " + "S" * 50_000_000
HUGE_QUOTE = "huge quote " + "Q" * 1_000_000
HUGE_URL = "https://example.org/" + "u" * 1_000_000
LONG_LINE_EVIDENCE = "The envoy said the talks would resume."  # our own sentence
LONG_LINE_HALF = 1_000_000  # characters of one line, no spaces, either side of it


@contextlib.contextmanager
def finishes_within(seconds: float) -> Iterator[None]:
    """Fail (not hang) when the block runs longer: SIGALRM interrupts even a draw that never
    yields to the event loop, where asyncio.wait_for could not."""
    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"the dashboard did not finish within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def huge_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test store, then a 2 MB title, a 50 MB source, a 1 MB url and quote, a 1 MB metric
    kind, and an article that is one 2 MB line."""
    path = build_store(tmp_path_factory.mktemp("huge") / "huge.db")
    db = open_store(path)
    text = ("Long line\n\n" + "x" * LONG_LINE_HALF + " " + LONG_LINE_EVIDENCE + " "
            + "y" * LONG_LINE_HALF)
    start = text.index(LONG_LINE_EVIDENCE)
    ingest_article(db, article_from_text(text, published="2025-03-01", source="Wire"),
                   Extraction(statements=[StatementRecord(
                       "An envoy", "the talks would resume", "indirect", "2025-03-01", [],
                       LONG_LINE_EVIDENCE, (start, start + len(LONG_LINE_EVIDENCE)), "day")]))
    db.conn.close()
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE articles SET title = ?, url = ? WHERE title = 'Riyadh talks begin'",
                     (HUGE_TITLE, HUGE_URL))
        conn.execute("UPDATE articles SET source = ? WHERE title = 'Second report on Riyadh'",
                     (HUGE_SOURCE,))
        conn.execute("UPDATE statements SET quote = ? WHERE speaker = 'Dmitry Peskov'",
                     (HUGE_QUOTE,))
        conn.execute("UPDATE metrics SET kind = ? WHERE kind = 'missiles'", ("k" * 1_000_000,))
    return path


def source_text(app: SitrepApp) -> str:
    content = app.query_one("#source-text", Static).render()
    return str(getattr(content, "plain", content))


def statement_row(app: SitrepApp, speaker: str) -> int:
    table = app.query_one("#statements").query_one(PagedTable)
    return next(i for i, row in enumerate(table.window) if row.speaker == speaker)


async def open_statement(pilot, speaker: str) -> SourcePane:
    app = pilot.app
    await pilot.press("2")
    table = app.query_one("#statements").query_one(PagedTable)
    table.move_cursor(row=statement_row(app, speaker), animate=False)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.pause(0.1)  # past a screen refresh: the article is drawn before any check
    await pilot.pause(0.1)
    return app.query_one(SourcePane)


def test_the_dashboard_stays_responsive_over_huge_stored_values(huge_store: Path) -> None:
    """It took 3-11 s on a 1.9 MB title and never drew a 300 MB source (past 1.4 GB)."""
    @asynctest
    async def run() -> None:
        app = SitrepApp(huge_store)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for _ in range(4):  # every pane, each drawn with the focus
                await pilot.press("tab")
                await settle(pilot)

            source = await open_statement(pilot, "Volodymyr Zelensky")  # the 50 MB source
            assert source.article is not None
            assert source.article.source == HUGE_SOURCE[:NAME_MAX]
            assert len(source_text(app)) < 20_000

            source = await open_statement(pilot, "Dmitry Peskov")  # 2 MB title, 1 MB url
            assert source.article is not None
            assert source.article.title == HUGE_TITLE[:TITLE_MAX]
            assert source.article.url == HUGE_URL[:URL_MAX]
            shown = source_text(app)
            assert HUGE_TITLE[:TITLE_MAX] in shown and HUGE_TITLE[:TITLE_MAX + 1] not in shown
            assert len(shown) < 20_000
            await pilot.press("tab", "tab")  # drawn again, and away
            await settle(pilot)
            table = app.query_one("#statements").query_one(PagedTable)
            quote = table.window[statement_row(app, "Dmitry Peskov")].quote
            assert quote == HUGE_QUOTE[:TEXT_MAX]
            cells = [str(c) for c in table.get_row_at(statement_row(app, "Dmitry Peskov"))]
            assert any(c.startswith("huge quote Q") and c.endswith("…") for c in cells)
            assert all(len(c) <= CELL_MAX for c in cells)

            source = await open_statement(pilot, "An envoy")  # one line of 2 MB
            assert source.highlighted_text() == LONG_LINE_EVIDENCE
            assert len(source.body.plain) < MAX_SHOWN + 200
            assert "characters before" in source.body.plain
            await pilot.press("G", "g", "enter", "tab")
            await settle(pilot)
            assert app.query_one(FilterBar).plain.startswith("Filters: none")

            await pilot.press("3", "right", "right", "left")  # the 1 MB metric kind
            await settle(pilot)
            metrics = app.query_one(MetricsPane)
            assert len(metrics.header_text()) < 200
            assert len(str(metrics.border_title)) < 200

    with finishes_within(20):
        run()


def test_the_reads_cut_huge_values_in_sqlite_and_exports_keep_them(huge_store: Path) -> None:
    reader = Reader(huge_store)
    try:
        conn = reader.conn()
        rows = fetch_page(conn, "statements", Filters(search="huge quote"), limit=5).rows
        assert [r.quote for r in rows] == [HUGE_QUOTE[:TEXT_MAX]]
        rows = fetch_page(conn, "statements", Filters(), limit=200).rows
        assert max(len(r.quote) for r in rows) == TEXT_MAX
        article = get_article(conn, rows[0].article_id)
        assert article is not None
        assert max(len(a.name) for a in list_actors(conn)) <= NAME_MAX
        # Kinds are what the filters compare with: whole; the panes show them cut.
        assert "k" * 1_000_000 in distinct_values(conn, "metrics")
        out = io.StringIO()
        export_view(conn, "statements", Filters(search="huge quote"), "json", out)
        assert json.loads(out.getvalue())[0]["quote"] == HUGE_QUOTE  # an export is whole
    finally:
        reader.close()


# -- text that is not UTF-8 -------------------------------------------------------------------

BAD_BYTES = "fffe41"  # 0xff 0xfe: never valid UTF-8; then "A"


@pytest.fixture(scope="module")
def bad_utf8_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test store with bytes that are not UTF-8 in a quote, a title, a speaker, a kind,
    an event's summary and a metric's evidence."""
    path = build_store(tmp_path_factory.mktemp("bad-utf8") / "bad.db")
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(f"UPDATE statements SET quote = CAST(x'{BAD_BYTES}' AS TEXT), "
                     f"speaker = 'Dmitry ' || CAST(x'ff' AS TEXT) "
                     "WHERE speaker = 'Dmitry Peskov'")
        conn.execute(f"UPDATE articles SET title = 'Riyadh ' || CAST(x'{BAD_BYTES}' AS TEXT) "
                     "WHERE title = 'Riyadh talks begin'")
        conn.execute("UPDATE events SET summary = 'bad ' || CAST(x'c0' AS TEXT)")
        conn.execute("UPDATE metrics SET kind = 'missiles' || CAST(x'ff' AS TEXT), "
                     "evidence = CAST(x'e282' AS TEXT) WHERE kind = 'missiles'")
    return path


def test_a_row_that_is_not_utf8_shows_instead_of_store_busy(bad_utf8_store: Path) -> None:
    """sqlite3 failed the whole page ("Could not decode to UTF-8 column"), which the panes
    reported as "store busy"."""
    @asynctest
    async def run() -> None:
        app = SitrepApp(bad_utf8_store)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for pane in ("timeline", "statements", "metrics"):
                table = app.query_one(f"#{pane}").query_one(PagedTable)
                assert table.error is None, (pane, table.error)
                assert "busy" not in table.position()
            table = app.query_one("#statements").query_one(PagedTable)
            quotes = [row.quote for row in table.window]
            assert "\ufffd\ufffdA" in quotes
            metrics = app.query_one(MetricsPane)
            assert "missiles\ufffd" in metrics.kinds
            source = await open_statement(pilot, "Dmitry \ufffd")
            assert source.article is not None
            assert source.article.title == "Riyadh \ufffd\ufffdA"
            assert "Riyadh \ufffd\ufffdA" in source_text(app)

    with finishes_within(20):
        run()


def test_kinds_that_are_not_utf8_are_each_listed_once(bad_utf8_store: Path) -> None:
    """The kinds are walked by skip-scan; stepping on a decoded U+FFFD (which sorts below the
    stored byte 0xff) found the same kind again, forever."""
    reader = Reader(bad_utf8_store)
    try:
        kinds = distinct_values(reader.conn(), "metrics")
    finally:
        reader.close()
    assert kinds == ["drones", "missiles\ufffd"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_of_rows_that_are_not_utf8(bad_utf8_store: Path, tmp_path: Path,
                                          fmt: str) -> None:
    for table in ("statements", "articles", "events", "metrics"):
        target = tmp_path / f"{table}.{fmt}"
        result = run_cli("export", "--db", str(bad_utf8_store), "--table", table, "--format", fmt,
                         "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        text = target.read_text(encoding="utf-8")
        rows = (list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text))
        values = [str(v) for row in rows for v in row.values()]
        assert any("\ufffd" in v for v in values), table
    result = run_cli("export", "--db", str(bad_utf8_store), "--table", "statements",
                     "--format", fmt)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "\ufffd\ufffdA" in result.stdout


def test_a_failed_read_says_why_and_busy_only_when_busy(tmp_path: Path) -> None:
    """Every failed page read used to read "store busy"."""
    assert read_failure(sqlite3.OperationalError("database is locked")) == "store busy"
    path = build_store(tmp_path / "no-index.db")
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                    "AND name LIKE 'statements_fts%'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE statements_fts")  # as another tool might

    @asynctest
    async def run() -> None:
        app = SitrepApp(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"peace", "enter")
            await settle(pilot)
            table = app.query_one("#statements").query_one(PagedTable)
            assert table.position() == ("(cannot read the store: no such table: "
                                        "statements_fts — press ctrl+r)")

    with finishes_within(20):
        run()
