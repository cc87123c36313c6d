"""Oblasts: the Ukraine place list, a location's oblast, stored on every event and metric
(backfilled for older stores), and the oblast filter of the timeline and metrics."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from store.articles import article_from_text
from store.db import MIGRATIONS, SCHEMA_VERSION, open_store
from store.extract.oblasts import data, oblast_named, oblast_names, oblast_of
from store.ingest import ingest_article
from store.query import (
    Filters,
    count_rows,
    fetch_page,
    metric_series,
    metric_total,
    oblast_counts,
)
from tests.fixtures.helpers import run_cli
from tests.test_tui_support import asynctest, settle
from tui.app import SitrepApp
from tui.oblast_map import oblast_map
from tui.screens.oblast_picker import OblastPicker
from tui.widgets.filter_bar import FilterBar
from tui.widgets.paged_table import PagedTable


@pytest.mark.parametrize(("location", "oblast"), [
    ("Kharkiv", "Kharkiv Oblast"),
    ("Kharkov", "Kharkiv Oblast"),
    ("the Kharkiv region", "Kharkiv Oblast"),
    ("Kharkiv Oblast", "Kharkiv Oblast"),
    ("Kharkiv province", "Kharkiv Oblast"),
    ("Vovchansk", "Kharkiv Oblast"),
    ("Kyiv", "Kyiv"),  # the city with special status
    ("Kiev", "Kyiv"),
    ("Kyiv region", "Kyiv Oblast"),  # the oblast around it
    ("Bucha", "Kyiv Oblast"),
    ("Zaporozhye", "Zaporizhzhia Oblast"),
    ("Zaporizhzhya", "Zaporizhzhia Oblast"),
    ("Zaporizhzhia Nuclear Power Plant", "Zaporizhzhia Oblast"),
    ("Dnipropetrovsk", "Dnipropetrovsk Oblast"),
    ("Dnipro", "Dnipropetrovsk Oblast"),
    ("Nikolaev", "Mykolaiv Oblast"),
    ("Odessa", "Odesa Oblast"),
    ("Lugansk", "Luhansk Oblast"),
    ("Sievierodonetsk", "Luhansk Oblast"),  # renamed in the codifier; the gazetteer's alias
    ("Donetsk", "Donetsk Oblast"),
    ("Pokrovsk", "Donetsk Oblast"),
    ("Artemivsk", "Donetsk Oblast"),  # Bakhmut's old name
    ("Kherson", "Kherson Oblast"),
    ("Sumy", "Sumy Oblast"),
    ("Chernihiv", "Chernihiv Oblast"),
    ("Crimea", "Autonomous Republic of Crimea"),
    ("Kerch", "Autonomous Republic of Crimea"),
    ("Sevastopol", "Sevastopol"),
    ("Huliaipole", "Zaporizhzhia Oblast"),  # a town here, a village in Dnipropetrovsk
])
def test_a_ukrainian_location_gets_its_oblast(location: str, oblast: str) -> None:
    assert oblast_of(location) == oblast


@pytest.mark.parametrize("location", [
    "Moscow", "Belgorod", "Belgorod Oblast", "Kursk", "Kursk region", "Geneva", "Riyadh",
    "Black Sea", "Ukraine", "Donbas", "Novoselivka", "", None, "Atlantis",
])
def test_no_oblast_abroad_for_the_whole_country_or_an_ambiguous_name(location) -> None:
    assert oblast_of(location) is None


def test_place_list_has_every_oblast_raions_and_coordinates() -> None:
    places = data()["places"]
    assert len(oblast_names()) == 27
    assert len(data()["raions"]) == 136
    assert "GeoNames" in " ".join(data()["_sources"])  # the source and its licence are named
    kharkiv = next(p for p in places if p["name"] == "Kharkiv")
    assert kharkiv["raion"] == "Kharkivskyi Raion"
    assert 49 < kharkiv["lat"] < 51 and 35 < kharkiv["lon"] < 37
    # every oblast has places, and the tiles of the grid map do not overlap
    assert {p["oblast"] for p in places} == set(oblast_names())
    tiles = [tuple(info["tile"]) for info in data()["oblasts"].values()]
    assert len(set(tiles)) == len(tiles)


def _article(title: str, body: str):
    return article_from_text(f"{title}\n\n{body}", published="2025-03-04", source="Test")


@pytest.fixture()
def store(tmp_path: Path) -> sqlite_utils.Database:
    db = open_store(tmp_path / "o.db")
    return _fill(db)


def _fill(db: sqlite_utils.Database) -> sqlite_utils.Database:
    ingest_article(db, _article(
        "Night of strikes", "Russian drones struck Kharkiv overnight, the mayor said. "
        "Three people were injured in Kharkiv on Monday. A missile hit the port of Odesa on "
        "Monday."))
    ingest_article(db, _article(
        "Talks abroad", "Negotiators met in Geneva on Monday to discuss a truce."))
    return db


def test_ingest_stores_the_oblast_of_each_event_and_metric(store) -> None:
    rows = store.conn.execute(
        "SELECT location, oblast FROM events UNION ALL SELECT location, oblast FROM metrics"
    ).fetchall()
    assert ("Kharkiv", "Kharkiv Oblast") in rows
    assert ("Geneva", None) in rows
    assert all(oblast == oblast_of(location) for location, oblast in rows)


def test_the_oblast_filter_narrows_timeline_and_metrics(store) -> None:
    conn = store.conn
    kharkiv = Filters(oblast="Kharkiv Oblast")
    events = fetch_page(conn, "events", kharkiv).rows
    assert events and {e.location for e in events} == {"Kharkiv"}
    assert count_rows(conn, "events", kharkiv).value == len(events)
    assert count_rows(conn, "events", Filters()).value > len(events)
    assert metric_total(conn, "injured", kharkiv) == (3.0, 1)
    assert metric_total(conn, "injured", Filters(oblast="Odesa Oblast")) == (0.0, 0)
    assert metric_series(conn, ("injured",), Filters(oblast="Lviv Oblast")) == []
    # a search together with the oblast still honours the oblast
    assert fetch_page(conn, "events", Filters(search="Geneva", oblast="Kharkiv Oblast")).rows == []
    assert ("oblast", "Kharkiv Oblast") in kharkiv.describe()


def test_an_older_store_gets_oblasts_from_the_locations_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    db.conn.execute("BEGIN")
    for step in MIGRATIONS[:6]:
        step(db)
    db.conn.execute("PRAGMA user_version = 6")
    db.conn.execute("COMMIT")
    db.conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('a', 'x', 'now')")
    db.conn.execute(
        "INSERT INTO events (id, article_id, kind, location, evidence, span_start, span_end) "
        "VALUES (1, 'a', 'strike', 'Zaporozhye', 'e', 0, 1), "
        "(2, 'a', 'talks', 'Riyadh', 'e', 0, 1), (3, 'a', 'strike', NULL, 'e', 0, 1)")
    db.conn.execute(
        "INSERT INTO metrics (id, article_id, kind, value, location, evidence, span_start, "
        "span_end) VALUES (1, 'a', 'drones', 5, 'the Sumy region', 'e', 0, 1)")
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    before = db.conn.execute(triggers).fetchall()
    db.conn.close()
    conn = open_store(path).conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # the FTS triggers set aside for the backfill are back, and still keep the index
    assert conn.execute(triggers).fetchall() == before
    conn.execute("UPDATE events SET summary = 'zyzzyva strike' WHERE id = 3")
    assert fetch_page(conn, "events", Filters(search="zyzzyva")).rows[0].id == 3
    assert conn.execute("SELECT id, oblast FROM events ORDER BY id").fetchall() == [
        (1, "Zaporizhzhia Oblast"), (2, None), (3, None)]
    assert conn.execute("SELECT oblast FROM metrics").fetchall() == [("Sumy Oblast",)]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_oblast_counts_leave_the_oblast_filter_out(store) -> None:
    counts = oblast_counts(store.conn, "events", Filters(oblast="Odesa Oblast"))
    assert counts["Kharkiv Oblast"] >= 1 and "Odesa Oblast" in counts
    assert None not in counts and all(n > 0 for n in counts.values())


def test_the_map_fits_80_columns_and_reads_without_colour() -> None:
    text = oblast_map({"Kharkiv Oblast": 1234, "Kyiv": 5}, selected="Kharkiv Oblast")
    lines = text.plain.splitlines()
    assert len(lines) == 10 and max(map(len, lines)) <= 78
    # the numbers are the information: a plain copy says it all
    kharkiv_column = lines[2].index("Kharkiv")
    assert lines[3][kharkiv_column:].startswith("*1,234")
    assert lines[3][lines[2].index("Kyiv"):].startswith("5")
    assert lines[1].startswith("·")  # Volyn: none


@asynctest
async def test_o_opens_the_map_and_picks_an_oblast(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    _fill(open_store(path)).conn.close()
    app = SitrepApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        timeline = app.query_one("#timeline").query_one(PagedTable)
        everything = timeline.row_count
        await pilot.press("o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, OblastPicker)
        assert picker.events["Kharkiv Oblast"] >= 1
        await pilot.press("down", "enter")  # (any oblast), then the one with most rows
        await settle(pilot)
        assert app.filters.oblast == "Kharkiv Oblast"
        assert "oblast Kharkiv Oblast" in app.query_one(FilterBar).plain
        assert 0 < timeline.row_count < everything
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("escape")
        assert app.filters.oblast == "Kharkiv Oblast"  # Esc keeps it
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("k", "k", "enter")  # back to (any oblast)
        await settle(pilot)
        assert app.filters.oblast is None
        assert timeline.row_count == everything


@pytest.mark.parametrize(("name", "oblast"), [
    ("kharkiv oblast", "Kharkiv Oblast"), ("Kharkiv", "Kharkiv Oblast"),
    ("Zaporozhye", "Zaporizhzhia Oblast"), ("Crimea", "Autonomous Republic of Crimea"),
    ("Kyiv", "Kyiv"), ("Kyiv Oblast", "Kyiv Oblast"), ("Bucha", "Kyiv Oblast"),
    ("Moscow", None), ("Atlantis", None),
])
def test_oblast_named_on_the_command_line(name: str, oblast: str | None) -> None:
    assert oblast_named(name) == oblast


def test_cli_oblast_that_is_not_one_is_a_one_line_usage_error(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    out = run_cli("--oblast", "Atlantis", "--db", db)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith("sitrep: error: --oblast Atlantis: not an oblast of Ukraine")
    out = run_cli("--oblast", "Kharkiv", "articles", "--db", db)
    assert out.returncode == 2 and "--oblast is for the dashboard" in out.stderr


@asynctest
async def test_the_dashboard_opens_on_the_oblast_given(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    _fill(open_store(path)).conn.close()
    app = SitrepApp(path, oblast="Kharkiv Oblast")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "oblast Kharkiv Oblast" in app.query_one(FilterBar).plain
        timeline = app.query_one("#timeline").query_one(PagedTable)
        assert 1 <= timeline.row_count < count_rows(app.reader.conn(), "events", Filters()).value
        assert app.filters == Filters(oblast="Kharkiv Oblast")


def test_an_oblasts_metric_totals_read_through_their_own_indexes(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "s.db").conn
    plan = " ".join(str(r[3]) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT happening_id FROM metrics WHERE oblast = ? AND kind = ? "
        "AND cumulative = 0 AND sort_date >= ? AND happening_id IS NOT NULL",
        ["Kharkiv Oblast", "drones", "2026-01-01"]))
    assert "metrics_oblast_happening" in plan
    plan = " ".join(str(r[3]) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM metrics WHERE oblast = ? AND kind = ? "
        "AND cumulative = 0 AND date IS NULL", ["Kharkiv Oblast", "drones"]))
    assert "metrics_oblast_undated" in plan
