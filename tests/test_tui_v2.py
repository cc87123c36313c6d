"""Pilot tests for contract v2 in the dashboard: exchange events, intercepted metric kinds and
their rate, running totals kept out of totals and charts, rows dated by their article, and the
rule that made each row."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_tui_app import asynctest, cells, settle, table, title
from tests.test_tui_support import build_v2_store
from tui.app import SitrepApp
from tui.panes.metrics import MetricsPane
from tui.panes.source import SourcePane
from tui.screens.kind_picker import KindPicker
from tui.widgets.chart import BarChart
from tui.widgets.detail_strip import DetailStrip


@pytest.fixture(scope="module")
def v2_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_v2_store(tmp_path_factory.mktemp("tui_v2") / "v2.db")


def subtitle(app: SitrepApp, pane: str) -> str:
    content = app.query_one(f"#{pane}")._border_subtitle
    return content.plain if content is not None else ""


@asynctest
async def test_exchange_events_have_a_glyph_and_a_kind_in_the_picker(v2_path: Path) -> None:
    app = SitrepApp(v2_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert cells(app, "timeline", 1) == ["↔ exchange"]
        assert cells(app, "timeline", 0) == ["2026-02-06"]
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, KindPicker) and app.screen.kinds == ["exchange"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.filters.kind == "exchange"
        assert "1–1 of 1" in title(app, "timeline")


@asynctest
async def test_the_rule_of_the_highlighted_row_is_shown_and_explained(v2_path: Path) -> None:
    app = SitrepApp(v2_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert subtitle(app, "timeline") == "rule event.trigger.exchange"
        await pilot.press("2")
        await settle(pilot)
        assert subtitle(app, "statements") == "rule speech.verb_after_subject"
        await pilot.press("1", "enter")
        await settle(pilot)
        source = app.query_one(SourcePane)
        assert source.rule == "event.trigger.exchange"
        head = str(app.query_one("#source-text").render()).splitlines()[:3]
        why = head[2]
        assert why.startswith("rule event.trigger.exchange · why: sitrep explain "
                              "/news/night.txt")
        try:
            from store.explain import rule_sentences
        except ImportError:  # explain not in this build: no sentence number to give
            return
        article = source.article
        assert article is not None
        expected = next(i for i, s in enumerate(rule_sentences(article.text))
                        if s.start <= article.text.index("The two sides swapped") < s.end)
        assert why.endswith(f"--sentence {expected}")


@asynctest
async def test_statements_without_a_date_show_their_articles_marked(v2_path: Path) -> None:
    app = SitrepApp(v2_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # dated by its article (marked ~), then the one whose article has no date at all
        assert cells(app, "statements", 0) == ["~2026-02-08", "undated"]
        await pilot.press("right_square_bracket")  # the month of the newest row
        await settle(pilot)
        assert cells(app, "statements", 0) == ["~2026-02-08"]


@asynctest
async def test_intercepted_kinds_are_charted_beside_launched_with_a_rate(v2_path: Path) -> None:
    app = SitrepApp(v2_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        assert metrics.kinds == ["drones", "drones_intercepted", "missiles",
                                 "missiles_intercepted", "killed"]
        assert metrics.kind == "drones"
        header = metrics.header_text()
        # 100 (reported twice) + 120: each night once, not 320
        assert ("total 220 on 2 days · 86% intercepted (190 of 220, 2 days) · "
                "Ukrainian Air Force · Russia") in header
        chart = app.query_one(BarChart)
        assert {p.group for p in chart.points} == {"drones", "drones_intercepted"}
        drawn = str(chart.render())
        # what the letters stand for before whose figures they are: the line is cut there
        assert drawn.startswith("drones per day · L launched, I intercepted · ")
        assert chart.whose == "Ukrainian Air Force · Russia"
        assert "02-08 L " in drawn and "      I " in drawn
        await pilot.press("3", "right")
        await settle(pilot)
        assert metrics.kind == "drones_intercepted"
        assert "total 190 on 2 days" in metrics.header_text()
        assert "86% intercepted" in metrics.header_text()
        assert subtitle(app, "metrics").endswith("rule metric.intercepted")
        await pilot.press("right")
        await settle(pilot)
        assert metrics.kind == "missiles"
        # launched and intercepted claimed by different sources: no rate, both still charted
        assert "intercepted" not in metrics.header_text().split("►", 1)[1]
        assert {p.group for p in chart.points} == {"missiles", "missiles_intercepted"}


@asynctest
async def test_running_totals_are_marked_and_never_added(v2_path: Path) -> None:
    app = SitrepApp(v2_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        await pilot.press("3", "left")
        await settle(pilot)
        assert metrics.kind == "killed"
        header = metrics.header_text()
        assert "total 3 on 1 day" in header  # not 12,003
        assert "Σ12,000 running total, not added (2026-02-08)" in header
        assert [(p.bucket, p.value) for p in app.query_one(BarChart).points] == [
            ("2026-02-07", 3.0)]
        t = table(app, "metrics")
        assert cells(app, "metrics", 0) == ["~2026-02-08", "2026-02-07"]
        assert cells(app, "metrics", 1) == ["Σ12,000", "3"]
        assert cells(app, "metrics", 2) == ["1", "1"]  # reports of each
        assert t.current_row.cumulative
        # the rule on the border; the side, whose column gives way to the evidence on this
        # narrow pane, in the detail strip with the rest of the row
        assert subtitle(app, "metrics") == "rule metric.cumulative"
        strip = app.query_one("#metrics-detail", DetailStrip).plain
        assert strip == ("The war has killed 12,000 civilians so far.\n"
                         "killed 12,000 (running total, not added) · no claimant · side Ukraine"
                         " · no date of its own · article 2026-02-08 · Wire")


@asynctest
async def test_a_copied_citation_says_whose_date_it_is(v2_path: Path) -> None:
    app = SitrepApp(v2_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "left", "y")
        await settle(pilot)
        assert app.clipboard == ('killed: running total of 12,000 (side Ukraine): "The war has '
                                 'killed 12,000 civilians so far." (Wire, 2026-02-08)')
        await pilot.press("2", "y")
        await settle(pilot)
        # reported speech: no quotation marks, which would say these were his words
        assert app.clipboard == "A spokesman said that the talks would resume. (Wire, 2026-02-08)"
