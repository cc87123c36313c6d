"""One figure per happening: the same night's count reported by several articles is one figure.

Store level: grouping on ingest, the value shown (the claimant's latest report), removal and
replacement of articles, the migration from schema 6, and every total and chart bar.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store import open_store
from store.articles import article_from_text
from store.db import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from store.extract import extract
from store.extract.records import EventRecord, Extraction, MetricRecord
from store.ingest import ingest_article
from store.manage import remove_articles
from store.query import (
    Filters,
    Reader,
    Series,
    fetch_page,
    interception,
    interception_pairs,
    metric_series,
    metric_summary,
    metric_total,
)
from tests.test_tui_app import asynctest, cells, column, settle
from tui.app import SitrepApp
from tui.panes.metrics import MetricsPane
from tui.widgets.chart import BarChart

UAF = "Ukrainian Air Force"
MOD = "Russian Defence Ministry"
NIGHT = "2026-03-02"  # the night of 1 to 2 March


def _metric(text: str, sentence: str, kind: str, value: float, claimant: str | None,
            date: str | None, *, cumulative: bool = False,
            side: str | None = "Russia") -> MetricRecord:
    start = text.index(sentence)
    return MetricRecord(kind, value, "exact", side, None, date, sentence,
                        (start, start + len(sentence)), "day" if date else "unknown",
                        claimant=claimant, cumulative=cumulative)


def _article(db, title: str, published: str, body: str,  # noqa: ANN001
             figures: list[tuple[str, float, str | None, str | None]],
             path: str | None = None, **extra: bool) -> str:
    """Ingest an article whose body is one sentence per figure (kind, value, claimant, date)."""
    text = f"{title}\n\n{body}"
    article = article_from_text(text, published=published, source="Wire", path=path)
    sentences = body.split(". ")
    metrics = [_metric(text, sentence.rstrip("."), kind, value, claimant, date, **extra)
               for sentence, (kind, value, claimant, date) in zip(sentences, figures,
                                                                  strict=True)]
    ingest_article(db, article, Extraction(metrics=metrics))
    return article.id


def build_night_store(path: Path) -> tuple[Path, dict[str, str]]:
    """Three articles report the same night (drones, Russia, the Air Force); a revision comes
    last; the Defence Ministry gives its own figure; plus an undated and a running figure."""
    db = open_store(path)
    ids = {
        "first": _article(db, "Night raid", NIGHT,
                          "Russia sent 150 drones overnight. Defences downed 130 of them.",
                          [("drones", 150, UAF, NIGHT), ("drones_intercepted", 130, UAF, NIGHT)]),
        "second": _article(db, "Drones again", NIGHT, "A raid of 150 drones hit the east.",
                           [("drones", 150, UAF, NIGHT)]),
        "revised": _article(db, "Raid figures revised", "2026-03-03",
                            "The count of the raid rose to 157 drones. Of those 140 were "
                            "downed.",
                            [("drones", 157, UAF, NIGHT), ("drones_intercepted", 140, UAF, NIGHT)]),
        "ministry": _article(db, "Moscow's account", NIGHT,
                             "Moscow said 90 drones took part in the raid.",
                             [("drones", 90, MOD, NIGHT)]),
        "later": _article(db, "A quieter night", "2026-03-05",
                          "Sixty drones flew in on Thursday. A tally of 33 drones had no day.",
                          [("drones", 60, UAF, "2026-03-05"), ("drones", 33, UAF, None)]),
    }
    ids["running"] = _article(db, "Since the winter", "2026-03-05",
                              "Since January 5000 drones were launched.",
                              [("drones", 5000, UAF, "2026-03-05")], cumulative=True)
    db.conn.close()
    return path, ids


@pytest.fixture()
def night(tmp_path: Path):
    path, ids = build_night_store(tmp_path / "night.db")
    reader = Reader(path)
    yield reader.conn(), path, ids
    reader.close()


def _happenings(conn: sqlite3.Connection) -> set[tuple]:
    return set(conn.execute(
        "SELECT kind, claimant, day, cumulative, value, reports FROM happenings"))


def test_three_reports_of_one_night_are_one_happening_at_the_latest_figure(night) -> None:
    conn, _path, _ids = night
    assert _happenings(conn) == {
        ("drones", UAF, NIGHT, 0, 157.0, 3),  # the revision, published last; 3 articles
        ("drones_intercepted", UAF, NIGHT, 0, 140.0, 2),
        ("drones", MOD, NIGHT, 0, 90.0, 1),
        ("drones", UAF, "2026-03-05", 0, 60.0, 1),
        ("drones", UAF, "2026-03-05", 1, 5000.0, 1),  # a running total: its own happening
    }
    undated = conn.execute("SELECT happening_id FROM metrics WHERE date IS NULL").fetchall()
    assert undated == [(None,)]


def test_every_total_and_bar_counts_a_happening_once(night) -> None:
    conn, _path, _ids = night
    summary = metric_summary(conn, "drones", Filters())
    main = summary.main
    assert main is not None and main.series == Series(UAF, "Russia")
    # 157 + 60: not 150 + 150 + 157 + 60, nor + the Ministry's 90, nor the undated 33, nor
    # the running 5,000.
    assert (main.value, main.happenings, main.reports) == (217.0, 2, 4)
    assert [(s.series.claimant, s.value, s.happenings) for s in summary.series] == [
        (UAF, 217.0, 2), (MOD, 90.0, 1)]
    assert summary.undated == 1
    assert metric_total(conn, "drones", Filters()) == (217.0, 2)
    assert metric_total(conn, "drones", Filters(), Series(MOD, "Russia")) == (90.0, 1)

    bars = metric_series(conn, ("drones",), Filters(), series=main.series)
    assert [(p.bucket, p.value) for p in bars] == [(NIGHT, 157.0), ("2026-03-05", 60.0)]
    both = metric_series(conn, ("drones", "drones_intercepted"), Filters(), series=main.series)
    assert [(p.bucket, p.group, p.value) for p in both] == [
        (NIGHT, "drones", 157.0), (NIGHT, "drones_intercepted", 140.0),
        ("2026-03-05", "drones", 60.0)]
    side_by_side = metric_series(conn, ("drones",), Filters(), split="claimant")
    assert [(p.bucket, p.group, p.value) for p in side_by_side] == [
        (NIGHT, f"{MOD} · Russia", 90.0), (NIGHT, f"{UAF} · Russia", 157.0),
        ("2026-03-05", f"{UAF} · Russia", 60.0)]
    sides = metric_series(conn, ("drones",), Filters(), split="side", claimants=(UAF,))
    assert [(p.bucket, p.group, p.value) for p in sides] == [
        (NIGHT, "Russia", 157.0), ("2026-03-05", "Russia", 60.0)]  # not 157 + 90
    weekly = metric_series(conn, ("drones",), Filters(), series=main.series, bucket="week")
    assert [(p.bucket, p.value) for p in weekly] == [(NIGHT, 217.0)]  # the Monday

    rate = interception(conn, "drones", "drones_intercepted", Filters())
    assert rate is not None and (rate.launched, rate.intercepted, rate.pairs) == (157, 140, 1)
    pairs = interception_pairs(conn, "drones", "drones_intercepted", Filters())
    assert [(p.day, p.series.claimant, p.launched, p.intercepted, p.reports) for p in pairs] == [
        (NIGHT, UAF, 157.0, 140.0, 3)]


def test_the_table_shows_each_happening_once_with_its_reports(night) -> None:
    conn, _path, _ids = night
    rows = fetch_page(conn, "metrics", Filters(), extra="drones").rows
    assert sorted((r.value, r.reports, r.cumulative) for r in rows) == [
        (33.0, 1, False), (60.0, 1, False), (90.0, 1, False), (157.0, 3, False),
        (5000.0, 1, True)]
    # A search shows every report it matches, each with its happening's count.
    found = fetch_page(conn, "metrics", Filters(search="150"), extra="drones").rows
    assert sorted((r.value, r.reports) for r in found) == [(150.0, 3), (150.0, 3)]


def test_filters_narrow_happenings_by_their_reports(night) -> None:
    conn, _path, _ids = night
    assert metric_total(conn, "drones", Filters(date_from="2026-03-03")) == (60.0, 1)
    # "rose" is only in the revision: the happening it reports counts, at its value.
    assert metric_total(conn, "drones", Filters(search="rose")) == (157.0, 1)


def test_removing_and_replacing_articles_keeps_happenings_right(night) -> None:
    _conn, path, ids = night
    db = open_store(path)
    remove_articles(db.conn, [ids["revised"]])
    assert ("drones", UAF, NIGHT, 0, 150.0, 2) in _happenings(db.conn)
    assert ("drones_intercepted", UAF, NIGHT, 0, 130.0, 1) in _happenings(db.conn)
    remove_articles(db.conn, [ids["first"], ids["second"]])
    assert not [h for h in _happenings(db.conn) if h[2] == NIGHT and h[1] == UAF]
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []

    # A file edited to another figure: its old text goes, and so does its report.
    _article(db, "Edited", NIGHT, "At first 80 drones were counted.",
             [("drones", 80, UAF, NIGHT)], path="/news/edited.txt")
    assert ("drones", UAF, NIGHT, 0, 80.0, 1) in _happenings(db.conn)
    _article(db, "Edited", NIGHT, "Then 85 drones were counted.",
             [("drones", 85, UAF, NIGHT)], path="/news/edited.txt")
    assert ("drones", UAF, NIGHT, 0, 85.0, 1) in _happenings(db.conn)
    db.conn.close()


def test_the_night_of_x_to_y_groups_with_day_y() -> None:
    """As the extractor dates them: "the night of March 1 to 2", "overnight into March 2" and
    "overnight" in an article of March 2 are all day March 2, so they are one happening."""
    sentences = [
        "Russia launched 143 drones at Ukraine on the night of March 1 to 2, the Ukrainian Air "
        "Force said.",
        "Russia attacked Ukraine with 143 drones overnight into March 2, Ukraine's air force "
        "said.",
    ]
    dates = {m.date for s in sentences
             for m in extract(f"Raid\n\n{s}", published=NIGHT, title="Raid").metrics}
    assert dates == {NIGHT}


def test_a_version_6_store_is_grouped_on_upgrade(tmp_path: Path) -> None:
    import sqlite_utils

    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    conn.execute("BEGIN")
    for step in MIGRATIONS[:6]:
        step(db)
    conn.execute("PRAGMA user_version = 6")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for n, (published, value) in enumerate((("2026-03-02", 150), ("2026-03-03", 157))):
        conn.execute("INSERT INTO articles (id, title, published, text, ingested_at) "
                     "VALUES (?, 't', ?, 'x', '2026-03-03T00:00:00')", (f"a{n}", published))
        conn.execute("INSERT INTO metrics (article_id, kind, value, side, date, claimant, "
                     "evidence, span_start, span_end, reported) VALUES "
                     "(?, 'drones', ?, 'Russia', ?, ?, 'x', 0, 1, ?)",
                     (f"a{n}", value, NIGHT, UAF, published))
    conn.execute("COMMIT")
    conn.close()

    upgraded = open_store(path).conn
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert _happenings(upgraded) == {("drones", UAF, NIGHT, 0, 157.0, 2)}
    # the metrics' FTS trigger is back after the grouping
    upgraded.execute("UPDATE metrics SET evidence = 'zyzzyva' WHERE article_id = 'a0'")
    assert upgraded.execute("SELECT count(*) FROM metrics_fts WHERE metrics_fts MATCH "
                            "'zyzzyva'").fetchone()[0] == 1
    assert upgraded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---------------------------------------------------------------------------------------------
# The Metrics pane


@asynctest
async def test_the_metrics_pane_shows_each_happening_once(tmp_path: Path) -> None:
    path, _ids = build_night_store(tmp_path / "night.db")
    app = SitrepApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        assert metrics.kind == "drones"
        header = metrics.header_text()
        # the rate right after the total: at 80 columns the line is cut after it
        assert ("total 217 on 2 days · 89% intercepted (140 of 157, 1 day) · "
                "Ukrainian Air Force · Russia") in header
        assert "1 other series not added" in header
        assert "1 undated figure not charted" in header
        chart = app.query_one(BarChart)
        assert [(p.bucket, p.group, p.value) for p in chart.points] == [
            (NIGHT, "drones", 157.0), (NIGHT, "drones_intercepted", 140.0),
            ("2026-03-05", "drones", 60.0)]
        drawn = str(chart.render())
        assert "\n03-02 " in drawn and "\n03-05 L " in drawn  # one year: no year in the labels
        assert "┊ 2 days without figures" in drawn  # 3 and 4 March: a gap, not closed up
        # The table: each happening once, its reports beside it; no 150s.
        values = cells(app, "metrics", 1)
        assert sorted(values) == sorted(["Σ5,000", "60", "33", "157", "90"])
        reports = dict(zip(values, column(app, "metrics", "Rep"), strict=True))
        assert reports["157"] == "3" and reports["90"] == "1"


@asynctest
async def test_c_puts_claimants_then_sides_side_by_side_never_added(tmp_path: Path) -> None:
    path, _ids = build_night_store(tmp_path / "night.db")
    app = SitrepApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "c")
        await settle(pilot)
        metrics = app.query_one(MetricsPane)
        assert metrics.split == "claimant"
        chart = app.query_one(BarChart)
        assert [(p.bucket, p.group, p.value) for p in chart.points] == [
            (NIGHT, f"drones · {MOD} · Russia", 90.0), (NIGHT, f"drones · {UAF} · Russia", 157.0),
            (NIGHT, f"drones_intercepted · {UAF} · Russia", 140.0),
            ("2026-03-05", f"drones · {UAF} · Russia", 60.0)]
        drawn = str(chart.render())
        assert "drones per day · L launched, I intercepted · every claim" in drawn
        assert chart.whose == "every claimant's"
        # a label each, in words, readable without colour
        assert "L Russian Def… Rus " in drawn and "I Ukrainian A… Rus " in drawn
        # The header still adds one series only.
        assert "total 217 on 2 days" in metrics.header_text()
        assert "· Ukrainian Air Force · Russia ·" in metrics.header_text()
        # and the table puts each claimant in a column of its own
        grid = metrics.claimant_grid.grid
        assert grid is not None
        assert [(r.bucket, r.values) for r in grid.rows] == [
            ("2026-03-05", [60.0, None]), (NIGHT, [157.0, 90.0])]
        await pilot.press("c")
        await settle(pilot)
        assert metrics.split == "side"
        # the main claimant's sides: the Ministry's 90 is not added to the Air Force's 157
        assert [(p.bucket, p.group, p.value) for p in chart.points] == [
            (NIGHT, "drones · Russia", 157.0), (NIGHT, "drones_intercepted · Russia", 140.0),
            ("2026-03-05", "drones · Russia", 60.0)]
        drawn = str(chart.render())
        assert drawn.startswith("drones per day · L launched, I intercepted · ")
        assert chart.whose == "Ukrainian Air Force by side"
        assert "L Russia " in drawn and "I Russia " in drawn
        await pilot.press("c")
        await settle(pilot)
        assert metrics.split == "kind"
        assert any("c: by claimant" in what for _key, what in app.help_keys())


@asynctest
async def test_chart_labels_carry_the_year_when_the_window_spans_two(tmp_path: Path) -> None:
    db = open_store(tmp_path / "years.db")
    for day, value in (("2025-12-31", 40), ("2026-01-01", 50)):
        _article(db, f"Night of {day}", day, f"{value} drones came.",
                 [("drones", value, UAF, day)])
    db.conn.close()
    app = SitrepApp(tmp_path / "years.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        drawn = str(app.query_one(BarChart).render())
        assert "2025-12-31 " in drawn and "2026-01-01 " in drawn
        assert "without figures" not in drawn


# ---------------------------------------------------------------------------------------------
# Events: the same mechanism (schema 9). Same kind, day and place from several articles is one
# happening; the timeline's report count is its number of articles.

STRIKE_DAY = "2026-03-04"


def _event_article(db, title: str, published: str, body: str,  # noqa: ANN001
                   events: list[tuple[str, str | None, str | None]],
                   path: str | None = None, actors: tuple[str, ...] = ()) -> str:
    """Ingest an article whose body is one sentence per event (kind, date, place)."""
    text = f"{title}\n\n{body}"
    article = article_from_text(text, published=published, source="Wire", path=path)
    records = []
    for sentence, (kind, date, place) in zip(body.split(". "), events, strict=True):
        sentence = sentence.rstrip(".")
        start = text.index(sentence)
        records.append(EventRecord(kind, date, place, list(actors), sentence[:40], sentence,
                                   (start, start + len(sentence)),
                                   "day" if date else "unknown"))
    ingest_article(db, article, Extraction(events=records))
    return article.id


def _event_happenings(conn: sqlite3.Connection) -> set[tuple]:
    return set(conn.execute("SELECT kind, day, place, reports FROM happenings "
                            "WHERE metric_id IS NULL"))


def _timeline(conn: sqlite3.Connection) -> list[tuple]:
    return sorted((r.kind, r.date or "", r.location, r.reports) for r in
                  fetch_page(conn, "events", Filters(), limit=100).rows)


@pytest.fixture()
def strikes(tmp_path: Path):
    db = open_store(tmp_path / "strikes.db")
    ids = {
        "wire": _event_article(db, "Strike on Kharkiv", STRIKE_DAY,
                               "A missile hit Kharkiv. Talks were held in Riyadh",
                               [("strike", STRIKE_DAY, "Kharkiv"),
                                ("talks", STRIKE_DAY, "Riyadh")]),
        "paper": _event_article(db, "Kharkiv hit again", STRIKE_DAY,
                                "Kharkiv was struck overnight. Odesa was struck too",
                                [("strike", STRIKE_DAY, "Kharkiv"),
                                 ("strike", STRIKE_DAY, "Odesa")],
                                path="/news/paper.txt", actors=("Ilse Marrow",)),
        "undated": _event_article(db, "Another strike", STRIKE_DAY, "Kharkiv was struck once",
                                  [("strike", None, "Kharkiv")]),
    }
    yield db, ids
    db.conn.close()


def test_events_of_one_kind_day_and_place_are_one_happening(strikes) -> None:
    db, _ids = strikes
    assert _event_happenings(db.conn) == {
        ("strike", STRIKE_DAY, "Kharkiv", 2), ("strike", STRIKE_DAY, "Odesa", 1),
        ("talks", STRIKE_DAY, "Riyadh", 1)}
    # The undated strike belongs to none; the timeline reads each count from the happening.
    assert db.conn.execute("SELECT count(*) FROM events WHERE happening_id IS NULL "
                           "AND date IS NULL").fetchone()[0] == 1
    assert _timeline(db.conn) == [
        ("strike", "", "Kharkiv", 1), ("strike", STRIKE_DAY, "Kharkiv", 2),
        ("strike", STRIKE_DAY, "Kharkiv", 2), ("strike", STRIKE_DAY, "Odesa", 1),
        ("talks", STRIKE_DAY, "Riyadh", 1)]


def test_removing_and_replacing_keeps_event_happenings_right(strikes) -> None:
    db, ids = strikes
    remove_articles(db.conn, [ids["wire"]])
    assert _event_happenings(db.conn) == {
        ("strike", STRIKE_DAY, "Kharkiv", 1), ("strike", STRIKE_DAY, "Odesa", 1)}
    assert ("strike", STRIKE_DAY, "Kharkiv", 1) in _timeline(db.conn)
    # The paper's file edited: its old text goes, with its happenings.
    _event_article(db, "Kharkiv hit again", STRIKE_DAY, "Only Lviv was struck",
                   [("strike", STRIKE_DAY, "Lviv")], path="/news/paper.txt")
    assert _event_happenings(db.conn) == {("strike", STRIKE_DAY, "Lviv", 1)}
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_replacing_a_files_text_drops_the_actors_only_it_named(strikes) -> None:
    """As `articles remove` does: an ingest that deletes an old text no file holds any more
    deletes the actors only that text's rows named (one function does both)."""
    db, _ids = strikes

    def actors() -> set[str]:
        return {name for (name,) in db.conn.execute("SELECT name FROM actors")}

    assert "Ilse Marrow" in actors()
    _event_article(db, "Kharkiv hit again", STRIKE_DAY, "Only Lviv was struck",
                   [("strike", STRIKE_DAY, "Lviv")], path="/news/paper.txt")
    assert "Ilse Marrow" not in actors()
    assert db.conn.execute("SELECT count(*) FROM actor_aliases WHERE alias = 'Ilse Marrow'"
                           ).fetchone()[0] == 0


def test_a_version_8_store_groups_its_events_on_upgrade(tmp_path: Path) -> None:
    import sqlite_utils

    path = tmp_path / "v8.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    conn.execute("BEGIN")
    for step in MIGRATIONS[:8]:
        step(db)
    conn.execute("PRAGMA user_version = 8")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for n in range(2):
        conn.execute("INSERT INTO articles (id, title, published, text, ingested_at) "
                     "VALUES (?, 't', ?, 'x', '2026-03-04T00:00:00')", (f"a{n}", STRIKE_DAY))
        conn.execute("INSERT INTO events (article_id, kind, date, location, evidence, "
                     "span_start, span_end, reported) VALUES (?, 'strike', ?, 'Kharkiv', "
                     "'x', 0, 1, ?)", (f"a{n}", STRIKE_DAY, STRIKE_DAY))
        conn.execute("INSERT INTO metrics (article_id, kind, value, side, date, claimant, "
                     "evidence, span_start, span_end, reported) VALUES "
                     "(?, 'drones', ?, ?, ?, ?, 'x', 0, 1, ?)",
                     (f"a{n}", 150 + n, "Russia" if n else None, NIGHT, UAF, STRIKE_DAY))
    conn.execute("COMMIT")
    conn.close()

    upgraded = open_store(path).conn
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 11
    assert _event_happenings(upgraded) == {("strike", STRIKE_DAY, "Kharkiv", 2)}
    # the metrics are grouped again, with the side rule: the side-less figure joins the
    # Air Force's one sided happening of that night
    assert _happenings(upgraded) - {("strike", "", STRIKE_DAY, 0, None, 2)} == {
        ("drones", UAF, NIGHT, 0, 151.0, 2)}
    assert upgraded.execute("PRAGMA foreign_key_check").fetchall() == []
    assert upgraded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---------------------------------------------------------------------------------------------
# The side rule: a side-less figure joins its claimant's one sided happening of that night.


def _sides(conn: sqlite3.Connection) -> set[tuple]:
    return set(conn.execute("SELECT kind, side, claimant, day, value, reports FROM happenings "
                            "WHERE metric_id IS NOT NULL"))


def _sided(db, title: str, published: str, sentence: str,  # noqa: ANN001
           figures: list[tuple[str, float, str | None, str | None, str | None]]) -> str:
    """Ingest an article of one sentence per figure (kind, value, claimant, date, side)."""
    text = f"{title}\n\n{sentence}"
    article = article_from_text(text, published=published, source="Wire")
    start = text.index(sentence)
    metrics = [MetricRecord(kind, value, "exact", side, None, date, sentence,
                            (start, start + len(sentence)), "day", claimant=claimant)
               for kind, value, claimant, date, side in figures]
    ingest_article(db, article, Extraction(metrics=metrics))
    return article.id


def test_a_sideless_figure_joins_the_one_sided_happening_in_either_order(tmp_path: Path) -> None:
    for order in ((0, 1), (1, 0)):
        db = open_store(tmp_path / f"sides{order[0]}.db")
        articles = [
            ("Raid", NIGHT, "Russia launched 150 drones, the Air Force said.",
             [("drones", 150, UAF, NIGHT, "Russia")]),
            ("Raid, later", "2026-03-03", "The Air Force counted 152 drones.",
             [("drones", 152, UAF, NIGHT, None)]),
        ]
        for n in order:
            _sided(db, *articles[n])
        # one happening, side Russia, at the later report, with both articles
        assert _sides(db.conn) == {("drones", "Russia", UAF, NIGHT, 152.0, 2)}
        db.conn.close()


def test_the_side_rule_joins_only_what_it_can_place(tmp_path: Path) -> None:
    db = open_store(tmp_path / "apart.db")
    # Intercepted missiles: the claimant's one sided figure of the night takes the other.
    _sided(db, "Downed", NIGHT, "Air defences downed 30 Russian missiles, the Air Force said.",
           [("missiles_intercepted", 30, UAF, NIGHT, "Russia")])
    _sided(db, "Downed again", NIGHT, "The Air Force said 30 missiles were downed.",
           [("missiles_intercepted", 30, UAF, NIGHT, None)])
    # Two sides named by one claimant that night: the side-less figure stays on its own.
    _sided(db, "Both ways", NIGHT, "Drones flew both ways, the ministry said.",
           [("drones", 40, MOD, NIGHT, "Ukraine"), ("drones", 10, MOD, NIGHT, "Russia")])
    _sided(db, "Unsided", NIGHT, "The ministry counted 45 drones.",
           [("drones", 45, MOD, NIGHT, None)])
    # Another kind, casualties: a side is not implied by who counts them.
    _sided(db, "Dead", NIGHT, "Five were killed there, the Air Force said.",
           [("killed", 5, UAF, NIGHT, "Ukraine")])
    _sided(db, "Dead again", NIGHT, "The Air Force said five died.",
           [("killed", 5, UAF, NIGHT, None)])
    # No claimant: figures of unnamed sources are not joined.
    _sided(db, "Unnamed", NIGHT, "Russia launched 70 missiles.",
           [("missiles", 70, None, NIGHT, "Russia")])
    _sided(db, "Unnamed again", NIGHT, "Seventy missiles came.",
           [("missiles", 70, None, NIGHT, None)])
    assert _sides(db.conn) == {
        ("missiles_intercepted", "Russia", UAF, NIGHT, 30.0, 2),
        ("drones", "Ukraine", MOD, NIGHT, 40.0, 1), ("drones", "Russia", MOD, NIGHT, 10.0, 1),
        ("drones", "", MOD, NIGHT, 45.0, 1),
        ("killed", "Ukraine", UAF, NIGHT, 5.0, 1), ("killed", "", UAF, NIGHT, 5.0, 1),
        ("missiles", "Russia", "", NIGHT, 70.0, 1), ("missiles", "", "", NIGHT, 70.0, 1)}
    db.conn.close()


def test_the_side_rule_follows_removals(tmp_path: Path) -> None:
    db = open_store(tmp_path / "follow.db")
    sided = _sided(db, "Raid", NIGHT, "Russia launched 150 drones, the Air Force said.",
                   [("drones", 150, UAF, NIGHT, "Russia")])
    _sided(db, "Raid, later", "2026-03-03", "The Air Force counted 152 drones.",
           [("drones", 152, UAF, NIGHT, None)])
    other = _sided(db, "Other way", NIGHT, "Ukraine sent 20 drones, the Air Force said.",
                   [("drones", 20, UAF, NIGHT, "Ukraine")])
    # A second side that night: the side-less figure can no longer be placed.
    assert _sides(db.conn) == {("drones", "Russia", UAF, NIGHT, 150.0, 1),
                               ("drones", "Ukraine", UAF, NIGHT, 20.0, 1),
                               ("drones", "", UAF, NIGHT, 152.0, 1)}
    remove_articles(db.conn, [other])
    assert _sides(db.conn) == {("drones", "Russia", UAF, NIGHT, 152.0, 2)}
    # The sided report gone: nothing says a side any more.
    remove_articles(db.conn, [sided])
    assert _sides(db.conn) == {("drones", "", UAF, NIGHT, 152.0, 1)}
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    db.conn.close()


def test_grouping_from_scratch_gives_what_ingest_gave(tmp_path: Path) -> None:
    """group_all (the migration, the bench's bulk store) and ingest article by article give
    the same happenings, the side rule included."""
    from store.happenings import group_all

    path, _ids = build_night_store(tmp_path / "night.db")
    db = open_store(path)
    _sided(db, "Unsided", "2026-03-04", "The Air Force counted 158 drones.",
           [("drones", 158, UAF, NIGHT, None)])
    _sided(db, "Both ways", NIGHT, "Drones flew both ways, the ministry said.",
           [("drones", 40, MOD, NIGHT, "Ukraine"), ("drones", 45, MOD, NIGHT, None)])
    _event_article(db, "Strike", NIGHT, "Kharkiv was hit. Kharkiv was hit again",
                   [("strike", NIGHT, "Kharkiv"), ("strike", NIGHT, "Kharkiv")])

    def grouping() -> set[tuple]:
        return set(db.conn.execute(
            "SELECT coalesce(m.id, -e.id), h.kind, h.side, h.claimant, h.day, h.cumulative, "
            "h.place, h.value, h.reports FROM happenings h LEFT JOIN metrics m ON "
            "m.happening_id = h.id LEFT JOIN events e ON e.happening_id = h.id"))

    by_ingest = grouping()
    assert (1, "drones", "Russia", UAF, NIGHT, 0, "", 158.0, 4) in {
        (1,) + g[1:] for g in by_ingest}
    db.conn.execute("BEGIN")
    for table in ("metrics", "events"):
        db.conn.execute(f"UPDATE {table} SET happening_id = NULL")
    db.conn.execute("DELETE FROM happenings")
    group_all(db.conn)
    db.conn.execute("COMMIT")
    assert grouping() == by_ingest
    db.conn.close()
