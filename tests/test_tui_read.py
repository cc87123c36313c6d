"""Pilot tests at 80×24 (and under NO_COLOR) for reading a row whole: the detail strip under
each table, citations that do not misquote (y, Y), the timeline linked to statements only on
purpose (L), and a filter line that never cuts its notice. Sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import open_store
from store.articles import article_from_text
from store.extract.records import ActorMention, EventRecord, Extraction, StatementRecord
from store.ingest import ingest_article
from tests.test_tui_app import screen_text
from tests.test_tui_support import asynctest, settle
from tui.app import NEAR_DEBOUNCE, SitrepApp
from tui.panes.source import SourcePane
from tui.widgets.detail_strip import DetailStrip
from tui.widgets.paged_table import PagedTable

LONG_QUOTE = ("We will go to Geneva with a plan for the grain corridor, for the prisoners and "
              "for the power plants, and we expect the other side to bring one too.")
REPORTED = "the delegation would leave on Sunday"


def span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def reading_store(path: Path) -> Path:
    db = open_store(path)
    said = f"Foreign minister Ilona Testova said: \u201c{LONG_QUOTE}\u201d"
    told = f"Ilona Testova said {REPORTED}."
    plan = "Talks are due to open in Geneva next week."
    text = f"Geneva talks planned\n\n{plan} {said} {told}"
    article = article_from_text(text, published="2025-03-05", source="Example Wire",
                                url="https://news.example/geneva")
    ingest_article(db, article, Extraction(
        events=[EventRecord("talks", "2025-03-12", "Geneva", ["Ilona Testova"],
                            "Talks due in Geneva", plan, span(text, plan), "day",
                            status="planned", rule="event.trigger.talks")],
        statements=[
            StatementRecord("Ilona Testova", LONG_QUOTE, "direct", "2025-03-04",
                            ["grain", "prisoners"], said, span(text, said), "day",
                            rule="quote.direct_owner"),
            StatementRecord("Ilona Testova", REPORTED, "indirect", "2025-03-03", [], told,
                            span(text, told), "day", rule="speech.verb_after_subject"),
        ],
        actors={"Ilona Testova": ActorMention("Ilona Testova", "person", None)},
    ))
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reading_store(tmp_path_factory.mktemp("read") / "read.db")


@pytest.fixture(params=["colour", "NO_COLOR"])
def colours(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    return str(request.param)


def strip_on_screen(app: SitrepApp, pane: str) -> list[str]:
    """The lines of `pane`'s detail strip as the terminal shows them (borders cut off)."""
    strip = app.query_one(f"#{pane}").query_one(DetailStrip)
    region = strip.region
    assert region.height and strip.display, f"no detail strip shown in {pane}"
    lines = screen_text(app).splitlines()[region.y:region.y + region.height]
    return [line[region.x:region.x + region.width].strip() for line in lines]


@asynctest
async def test_the_strip_shows_the_selected_row_whole(path: Path, colours: str) -> None:
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # the timeline: the event's sentence, its status (planned, not held), dates, outlet
        lines = strip_on_screen(app, "timeline")
        assert 3 <= len(lines) <= 4
        shown = " ".join(lines)
        assert "Talks are due to open in Geneva next week." in shown
        assert "talks planned · 2025-03-12 · article 2025-03-05 · at Geneva" in shown
        assert "Example Wire" in shown
        await pilot.press("2")
        await settle(pilot)
        # the long quote, cut at ~35 characters in its column, is whole in the strip, wrapped
        assert LONG_QUOTE not in screen_text(app).replace("\n", " ")  # no line holds it all
        lines = strip_on_screen(app, "statements")
        assert len(lines) == 4
        assert " ".join(lines[:2]) == f'"{LONG_QUOTE}"'
        assert lines[2] == "Ilona Testova · direct quote · 2025-03-04 · article 2025-03-05"
        assert lines[3] == "Example Wire · topics grain, prisoners"
        await pilot.press("j")  # reported speech: no quotation marks
        await settle(pilot)
        lines = strip_on_screen(app, "statements")
        assert lines[0] == REPORTED
        assert lines[1].startswith("Ilona Testova · reported speech (indirect) · 2025-03-03 · "
                                   "article 2025-03-05")
        # the rule stays on the border; the timeline's strip is gone with its focus
        assert app.query_one("#timeline").query_one(DetailStrip).region.height == 0
        await pilot.press("enter")  # Enter still opens the source
        await settle(pilot)
        source = app.query_one(SourcePane)
        assert source.article is not None and source.article.title == "Geneva talks planned"
        assert app.focused is not None and source in app.focused.ancestors


@asynctest
async def test_y_and_Y_quote_only_what_was_said(path: Path, colours: str) -> None:
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "y")
        await settle(pilot)
        assert app.clipboard == (f'Ilona Testova said on 2025-03-04: "{LONG_QUOTE}" '
                                 "(Example Wire, 2025-03-05, https://news.example/geneva)")
        await pilot.press("j", "y")
        await settle(pilot)
        assert app.clipboard == (f"Ilona Testova said on 2025-03-03 that {REPORTED}. "
                                 "(Example Wire, 2025-03-05, https://news.example/geneva)")
        app.action_copy_citation()  # Y: Markdown, the source a link
        await settle(pilot)
        assert app.clipboard == (f"Ilona Testova said on 2025-03-03 that {REPORTED}. "
                                 "([Example Wire, 2025-03-05](https://news.example/geneva))")
        await pilot.press("1", "y")
        await settle(pilot)
        assert app.clipboard == ('Talks (planned, in Geneva, on 2025-03-12): "Talks are due to '
                                 'open in Geneva next week." (Example Wire, 2025-03-05, '
                                 "https://news.example/geneva)")
        said = [str(n.message) for n in app._notifications]
        assert said[-1].startswith("Talks (planned, in Geneva")


@asynctest
async def test_dates_are_linked_on_purpose_and_the_line_says_so(path: Path,
                                                               colours: str) -> None:
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith("L link dates")
        await pilot.press("j", "k")
        await pilot.pause(NEAR_DEBOUNCE + 0.05)
        await settle(pilot)
        assert app.filters.near is None  # the cursor moved: no filter came of it
        app.action_toggle_link_dates()
        await settle(pilot)
        top = screen_text(app).splitlines()[0]
        assert "near 2025-03-12 ±3d" in top and "L dates linked" in top
        assert app.filters.near == "2025-03-12"
        assert app.query_one("#statements").query_one(PagedTable).window == []  # none that week
        app.action_toggle_link_dates()
        await settle(pilot)
        assert app.filters.near is None
        assert "L link dates" in screen_text(app).splitlines()[0]


@asynctest
async def test_the_new_rows_notice_is_never_cut_at_80_columns(path: Path, colours: str) -> None:
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"geneva grain corridor prisoners", "enter")
        await settle(pilot)
        app._store_changed()  # what the store watcher calls when another process wrote rows
        await settle(pilot)
        top = screen_text(app).splitlines()[0]
        assert len(top) <= 80
        assert top.rstrip().endswith("L link dates  new rows — press ctrl+r")
        assert "Filters: search" in top and "…" in top  # the filters gave way
