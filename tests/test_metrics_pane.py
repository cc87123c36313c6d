"""The Metrics pane's issue-13 views: launched beside intercepted in each row, one column per
claimant (c), buckets chosen by the span shown (b), and the oblast of every row.

Stores are built here through ingest from sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widget import Widget

from store import open_store
from store.articles import article_from_text
from store.extract.records import EventRecord, Extraction, MetricRecord
from store.ingest import ingest_article
from store.query import (
    Filters,
    Reader,
    choose_bucket,
    claimant_table,
    fetch_page,
    happening_partners,
    interception,
    metric_series,
    metric_span,
    metric_summary,
)
from tests.test_happenings import MOD, NIGHT, UAF, build_night_store
from tests.test_tui_app import asynctest, column, settle, table, title
from tui.app import SitrepApp
from tui.panes.metrics import MetricsPane
from tui.panes.timeline import TimelinePane
from tui.widgets.chart import BarChart, buckets_between
from tui.widgets.claimant_grid import ClaimantGrid
from tui.widgets.detail_strip import DetailStrip

ISW = "Institute for the Study of War"

Figure = tuple[str, float, str | None, str | None, str | None]  # kind, value, claimant, day, side


def add_article(db, title: str, published: str, figures: list[Figure],  # noqa: ANN001
                *, location: str | None = None, events: list[tuple[str, str]] = ()) -> None:
    """An article with one sentence per figure (and per event: kind, day) at `location`."""
    sentences = [f"Figure {i}: {value:g} {kind} by {claimant or 'someone'}."
                 for i, (kind, value, claimant, _day, _side) in enumerate(figures)]
    sentences += [f"Event {i} of kind {kind} happened." for i, (kind, _day) in enumerate(events)]
    text = f"{title}\n\n" + " ".join(sentences)

    def span(sentence: str) -> tuple[int, int]:
        start = text.index(sentence)
        return start, start + len(sentence)

    metrics = [MetricRecord(kind, value, "exact", side, location, day, sentence, span(sentence),
                            "day" if day else "unknown", claimant=claimant, rule="metric.test")
               for sentence, (kind, value, claimant, day, side)
               in zip(sentences, figures, strict=False)]
    event_records = [EventRecord(kind, day, location, [], f"{kind} at {location}", sentence,
                                 span(sentence), "day", rule="event.test")
                     for sentence, (kind, day) in zip(sentences[len(figures):], events,
                                                      strict=True)]
    article = article_from_text(text, published=published, source="Wire")
    ingest_article(db, article, Extraction(metrics=metrics, events=event_records))


def subtitle(pane: Widget) -> str:
    content = pane._border_subtitle  # what is drawn on the bottom border
    return content.plain if content is not None else ""


def day(start: str, offset: int) -> str:
    return (dt.date.fromisoformat(start) + dt.timedelta(days=offset)).isoformat()


@pytest.fixture()
def night_path(tmp_path: Path) -> Path:
    path, _ids = build_night_store(tmp_path / "night.db")
    db = open_store(path)
    # A kind that has no intercepted partner, and a running total beside a running total.
    add_article(db, "Casualties", NIGHT, [("killed", 4, "Kharkiv governor", NIGHT, "Ukraine")])
    add_article(db, "Since the winter, downed", "2026-03-05",
                [("drones_intercepted", 4500, UAF, None, "Russia")])
    db.conn.close()
    return path


# ---------------------------------------------------------------------------------------------
# 1. Launched beside intercepted, in each row


def test_a_page_of_metrics_carries_each_happenings_partner(night_path: Path) -> None:
    reader = Reader(night_path)
    try:
        conn = reader.conn()
        rows = fetch_page(conn, "metrics", Filters(), extra="drones").rows
        partner = {(r.claimant, r.value, r.cumulative): r.partner for r in rows}
        assert partner[(UAF, 157.0, False)] == 140.0  # the latest figures of both, one night
        assert partner[(MOD, 90.0, False)] is None  # the Ministry gave no intercepted figure
        assert partner[(UAF, 60.0, False)] is None
        assert partner[(UAF, 33.0, False)] is None  # undated: no happening, no partner
        intercepted = fetch_page(conn, "metrics", Filters(), extra="drones_intercepted").rows
        assert [(r.value, r.partner) for r in intercepted if r.date] == [(140.0, 157.0)]
        assert happening_partners(conn, []) == {}
    finally:
        reader.close()


@asynctest
async def test_rows_show_intercepted_and_rate_at_80x24_blank_when_missing(
        night_path: Path) -> None:
    app = SitrepApp(night_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        assert metrics.kind == "drones"
        shown = metrics.table.shown_columns()
        assert shown[:6] == ["Date", "Value", "partner", "rate", "Rep", "Claimant"]
        values = column(app, "metrics", "Value")
        by_value = dict(zip(values, zip(column(app, "metrics", "Intercept"),
                                        column(app, "metrics", "Rate"), strict=True),
                            strict=True))
        assert by_value["157"] == ("140", "89%")
        assert by_value["90"] == ("", "")  # no partner: blank, not 0 and not 0%
        assert by_value["60"] == ("", "")
        # The header keeps the overall rate, and at 80 columns it is not cut off.
        header = metrics.header_text()
        assert "total 217 on 2 days · 89% intercepted (140 of 157, 1 day)" in header
        assert header.index("intercepted (140 of 157, 1 day)") + 30 < 78

        await pilot.press("right")  # drones_intercepted: the launched count beside it
        await settle(pilot)
        assert metrics.kind == "drones_intercepted"
        assert [str(c.label) for c in table(app, "metrics").ordered_columns][2] == "Launched"
        assert column(app, "metrics", "Launched")[column(app, "metrics", "Value").index("140")] \
            == "157"

        await pilot.press("right")  # killed: no partner, so no such columns
        await settle(pilot)
        assert metrics.kind == "killed"
        assert "partner" not in metrics.table.shown_columns()
        assert "rate" not in metrics.table.shown_columns()


# ---------------------------------------------------------------------------------------------
# 2. One column per claimant (and per side)


def claimants_store(path: Path, claimants: int = 7) -> Path:
    """The same night told by `claimants` claimants, one of them for both sides."""
    db = open_store(path)
    add_article(db, "Air Force", NIGHT, [("drones", 157, UAF, NIGHT, "Russia"),
                                          ("drones", 12, UAF, NIGHT, "Ukraine"),
                                          ("drones", 80, UAF, day(NIGHT, 1), "Russia")])
    add_article(db, "Ministry", NIGHT, [("drones", 90, MOD, NIGHT, "Ukraine")])
    for i in range(claimants - 2):
        add_article(db, f"Governor {i}", NIGHT,
                    [("drones", 10 + i, f"Governor of oblast number {i}", NIGHT, "Russia")])
    db.conn.close()
    return path


def grid_lines(grid: ClaimantGrid) -> list[str]:
    return ["".join(segment.text for segment in grid.render_line(y))
            for y in range(grid.size.height)]


def test_claimant_table_puts_each_series_in_its_own_column(tmp_path: Path) -> None:
    reader = Reader(claimants_store(tmp_path / "c.db", claimants=3))
    try:
        conn = reader.conn()
        grid = claimant_table(conn, "drones", Filters())
        # most happenings first, then by name
        assert [s.label() for s in grid.series] == [
            f"{UAF} · Russia", "Governor of oblast number 0 · Russia", f"{MOD} · Ukraine",
            f"{UAF} · Ukraine"]
        assert [(r.bucket, r.values) for r in grid.rows] == [
            (day(NIGHT, 1), [80.0, None, None, None]),
            (NIGHT, [157.0, 10.0, 90.0, 12.0])]  # never 157 + 90 + ...
        sides = claimant_table(conn, "drones", Filters(), claimant=UAF, by_claimant=False)
        assert [s.label() for s in sides.series] == [f"{UAF} · Russia", f"{UAF} · Ukraine"]
        weekly = claimant_table(conn, "drones", Filters(), bucket="week", max_series=1)
        assert [(r.bucket, r.values, r.happenings) for r in weekly.rows] == [
            (NIGHT, [237.0], [2])]  # the Monday; one series' two nights, nothing else added
        assert weekly.left_out == 3
    finally:
        reader.close()


@asynctest
async def test_c_shows_one_column_per_claimant_at_80x24(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = SitrepApp(claimants_store(tmp_path / "c.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "c")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        grid = app.query_one(ClaimantGrid)
        assert metrics.split == "claimant" and grid.display and not metrics.table.display
        assert app.focused is grid
        assert len(grid.grid.series) == 8  # seven claimants, the Air Force for both sides
        lines = grid_lines(grid)
        # Headed by claimant over side, as text (NO_COLOR); the day column first.
        assert lines[0].split()[:2] == ["Day", "Ukrainian"]
        assert lines[1].split()[:2] == ["Russia", "Russia"]
        newest = lines[2].split()
        assert newest == [day(NIGHT, 1), "80"]  # one figure that day: the others blank
        night = lines[3].split()
        assert night[:4] == [NIGHT, "157", "10", "11"]
        assert all(len(line) <= 78 for line in lines)
        # What the columns cut, the detail strip says in full.
        await pilot.press("j")
        await settle(pilot)
        assert metrics.query_one(DetailStrip).plain.startswith(
            f"{NIGHT}: {UAF} · Russia 157, Governor of oblast number 0 · Russia 10, ")
        assert "by claimant" in title(app, "metrics")
        await pilot.press("y")  # the row copied is the one on screen, in words
        await settle(pilot)
        assert app.clipboard.startswith(f"drones {NIGHT}: {UAF} · Russia 157, ")
        # The rest of the claimants are a scroll away; the day column stays put.
        await pilot.press("greater_than_sign", "greater_than_sign", "greater_than_sign")
        await settle(pilot)
        assert grid.scroll_x > 0
        lines = grid_lines(grid)
        assert lines[3].split()[0] == NIGHT and "Ukraine" in lines[1]
        assert lines[3].split()[-2:] == ["90", "12"]
        # The chart says whose each bar is in words, not by colour.
        drawn = str(app.query_one(BarChart).render())
        assert "L Ukrainian A… Rus " in drawn and "L Ukrainian A… Ukr " in drawn
        assert "L launched" in drawn and "I intercepted" not in drawn  # none charted

        await pilot.press("c")  # the main claimant's sides
        await settle(pilot)
        assert metrics.split == "side"
        assert [s.label() for s in grid.grid.series] == [f"{UAF} · Russia", f"{UAF} · Ukraine"]
        assert [r.values for r in grid.grid.rows] == [[80.0, None], [157.0, 12.0]]
        await pilot.press("c")
        await settle(pilot)
        assert metrics.split == "kind" and metrics.table.display and not grid.display
        assert app.focused is metrics.table


# ---------------------------------------------------------------------------------------------
# 3. Buckets chosen by the span shown


def test_the_bucket_follows_the_span() -> None:
    assert choose_bucket(None) == "day"
    assert choose_bucket(("2026-01-01", "2026-02-14")) == "day"  # 44 days
    assert choose_bucket(("2026-01-01", "2026-03-01")) == "week"
    assert choose_bucket(("2025-01-01", "2025-12-31")) == "week"
    assert choose_bucket(("2024-01-01", "2026-01-01")) == "month"
    assert choose_bucket(("2026-01-01", "2026-01-10"), weekly=True) == "week"  # km²
    assert choose_bucket(("2022-01-01", "2026-01-10"), weekly=True) == "month"
    assert buckets_between(dt.date(2025, 11, 1), dt.date(2026, 2, 1), "month") == 2
    assert buckets_between(dt.date(2026, 1, 5), dt.date(2026, 1, 26), "week") == 2
    assert buckets_between(dt.date(2026, 1, 5), dt.date(2026, 1, 6), "day") == 0


def span_store(path: Path, days: list[str], kind: str = "drones") -> Path:
    db = open_store(path)
    for d in days:
        add_article(db, f"Figures of {d}", d, [(kind, 10, UAF, d, "Russia")])
    db.conn.close()
    return path


@pytest.mark.parametrize(("days", "kind", "bucket", "label"), [
    (["2026-01-05", "2026-01-20"], "drones", "day", "\n01-05 "),
    (["2025-10-06", "2026-01-19"], "drones", "week", "\n2025-10-06 "),
    (["2024-01-10", "2025-11-10", "2026-02-10"], "drones", "month", "\n2025-11 "),
    (["2026-01-05", "2026-01-20"], "territory_km2", "week", "\n01-05 "),
])
@asynctest
async def test_the_chart_picks_its_bucket_and_says_it(tmp_path: Path, days: list[str], kind: str,
                                                      bucket: str, label: str) -> None:
    app = SitrepApp(span_store(tmp_path / "s.db", days, kind))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        chart = app.query_one(BarChart)
        assert metrics.bucket == bucket == chart.bucket
        drawn = str(chart.render())
        assert f" per {bucket}" in drawn.splitlines()[0]
        assert label in drawn
        if bucket == "month":  # a gap is counted in months and stays a gap
            assert "┊ 2 months without figures" in drawn
            assert [line for line in chart.lines() if not line[1]] == [
                ("2025-11-01", "", 21), ("2026-02-01", "", 2)]


@asynctest
async def test_b_overrides_the_bucket_and_a_month_window_gives_days(tmp_path: Path) -> None:
    days = ["2025-06-02", "2026-01-05", "2026-01-20"]
    app = SitrepApp(span_store(tmp_path / "s.db", days))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        chart = app.query_one(BarChart)
        assert metrics.bucket == "week"  # 232 days
        await pilot.press("b")
        await settle(pilot)
        assert (metrics.bucket_choice, metrics.bucket) == ("day", "day")
        assert "drones per day (b)" in str(chart.render())
        await pilot.press("b", "b")
        await settle(pilot)
        assert metrics.bucket == "month"
        assert [p.bucket for p in chart.points] == ["2025-06-01", "2026-01-01"]
        assert [p.value for p in chart.points] == [10.0, 20.0]
        await pilot.press("b")  # back to the span's choice
        await settle(pilot)
        assert (metrics.bucket_choice, metrics.bucket) == (None, "week")
        assert any(key.startswith("b") and "week" in what for key, what in app.help_keys())
        await pilot.press("1", "left_square_bracket", "3")  # the month of January 2026
        await settle(pilot)
        assert app.filters.date_from == "2026-01-01"
        assert metrics.bucket == "day"


# ---------------------------------------------------------------------------------------------
# 4. The oblast of every row


def oblast_store(path: Path) -> Path:
    db = open_store(path)
    add_article(db, "Vovchansk", NIGHT, [("killed", 4, "Kharkiv governor", NIGHT, "Ukraine")],
                location="Vovchansk", events=[("strike", NIGHT)])
    db.conn.close()
    return path


@asynctest
async def test_the_oblast_is_a_column_where_it_fits_else_in_the_detail(tmp_path: Path) -> None:
    path = oblast_store(tmp_path / "o.db")
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        timeline = app.query_one(TimelinePane)
        assert "Oblast" not in timeline.table.shown_columns()  # the summary keeps its room
        assert subtitle(timeline) == "rule event.test"
        assert "at Vovchansk, Kharkiv Oblast" in timeline.query_one(DetailStrip).plain
        await pilot.press("3")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        assert "Oblast" not in metrics.table.shown_columns()
        assert column(app, "metrics", "Side") == ["Ukraine"]
        assert subtitle(metrics) == "rule metric.test"
        assert " · at Vovchansk · Kharkiv Oblast · " in metrics.query_one(DetailStrip).plain
    app = SitrepApp(path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert column(app, "timeline", "Oblast") == ["Kharkiv"]
        assert subtitle(app.query_one(TimelinePane)) == "rule event.test"
        await pilot.press("3")
        await settle(pilot)
        assert column(app, "metrics", "Oblast") == ["Kharkiv"]
        assert column(app, "metrics", "Location") == ["Vovchansk"]
        assert subtitle(app.query_one(MetricsPane)) == "rule metric.test"


def test_metric_span_is_of_the_series_asked_for(tmp_path: Path) -> None:
    reader = Reader(claimants_store(tmp_path / "c.db", claimants=2))
    try:
        conn = reader.conn()
        assert metric_span(conn, ("drones",), Filters()) == (NIGHT, day(NIGHT, 1))
        assert metric_span(conn, ("drones",), Filters(), claimants=(MOD,)) == (NIGHT, NIGHT)
        assert metric_span(conn, ("missiles",), Filters()) is None
    finally:
        reader.close()


def test_an_oblast_counts_the_happenings_some_report_of_it_places_there(tmp_path: Path) -> None:
    """The oblast filter reads only the reports that can belong to the happenings asked for
    (their kind, running or not, in the window): the happenings counted stay the same."""
    db = open_store(tmp_path / "o.db")
    add_article(db, "From Vovchansk", NIGHT, [("drones", 157, UAF, NIGHT, "Russia"),
                                              ("drones_intercepted", 140, UAF, NIGHT, "Russia")],
                location="Vovchansk")
    add_article(db, "Revised, from Kyiv", day(NIGHT, 1), [("drones", 160, UAF, NIGHT, "Russia")],
                location="Kyiv")
    add_article(db, "Odesa", day(NIGHT, 3), [("drones", 30, UAF, day(NIGHT, 3), "Russia")],
                location="Odesa")
    db.conn.close()
    reader = Reader(tmp_path / "o.db")
    try:
        conn = reader.conn()
        kharkiv = Filters(oblast="Kharkiv Oblast")
        main = metric_summary(conn, "drones", kharkiv).main
        assert main is not None and (main.value, main.happenings) == (160.0, 1)  # the latest
        assert metric_span(conn, ("drones",), kharkiv) == (NIGHT, NIGHT)
        assert [p.value for p in metric_series(conn, ("drones",), kharkiv)] == [160.0]
        rate = interception(conn, "drones", "drones_intercepted", kharkiv)
        assert rate is not None and (rate.launched, rate.intercepted) == (160.0, 140.0)
        later = Filters(oblast="Kharkiv Oblast", date_from=day(NIGHT, 1))
        assert metric_summary(conn, "drones", later).main is None
        odesa = Filters(oblast="Odesa Oblast", date_from=NIGHT, date_to=day(NIGHT, 3))
        assert [(p.bucket, p.value) for p in metric_series(conn, ("drones",), odesa)] == [
            (day(NIGHT, 3), 30.0)]
    finally:
        reader.close()
