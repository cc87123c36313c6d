"""The dashboard's query layer: keyset paging, counts, filters and hostile search input."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.db import fts_ids_sql
from store.query import (
    Filters,
    Reader,
    count_rows,
    distinct_values,
    export_view,
    fetch_page,
    get_article,
    latest_date,
    list_actors,
    metric_series,
    metric_total,
)
from store.search import fts_query
from tests.test_tui_support import build_store


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory):
    path = build_store(tmp_path_factory.mktemp("q") / "q.db")
    reader = Reader(path)
    yield reader.conn()
    reader.close()


def walk_forward(conn, table: str, filters: Filters, limit: int) -> list:
    page = fetch_page(conn, table, filters, limit=limit)
    rows = list(page.rows)
    while page.more_after:
        page = fetch_page(conn, table, filters, after=rows[-1].key, limit=limit)
        rows += page.rows
    return rows


def test_forward_paging_is_newest_first_undated_at_their_reported_date(conn) -> None:
    rows = walk_forward(conn, "statements", Filters(), 7)
    assert len(rows) == count_rows(conn, "statements", Filters()).value == 133
    assert [r.key for r in rows] == sorted((r.key for r in rows), reverse=True)
    # The undated remark sorts at its article's date (2024-06-01): after the 2025 rows,
    # before the bulk rows of January to May 2024, not in a block at the end.
    remark = next(i for i, r in enumerate(rows) if r.quote == "undated remark")
    assert remark == 2 and rows[remark].date is None
    assert rows[remark].reported == "2024-06-01" and rows[remark].key[0] == "2024-06-01"
    assert rows[-1].quote == "item000 matters"
    assert len({r.id for r in rows}) == len(rows)


def test_backward_paging_and_jump_to_end(conn) -> None:
    forward = walk_forward(conn, "statements", Filters(), 50)
    last = fetch_page(conn, "statements", Filters(), last=True, limit=50)
    assert [r.id for r in last.rows] == [r.id for r in forward[-50:]]
    assert last.more_before and not last.more_after
    before = fetch_page(conn, "statements", Filters(), before=last.rows[0].key, limit=50)
    assert [r.id for r in before.rows] == [r.id for r in forward[-100:-50]]
    first = fetch_page(conn, "statements", Filters(), before=forward[3].key, limit=50)
    assert [r.id for r in first.rows] == [r.id for r in forward[:3]]
    assert not first.more_before


def test_undated_events_sort_at_their_reported_date(conn) -> None:
    rows = walk_forward(conn, "events", Filters(), 2)
    assert [r.kind for r in rows] == ["talks", "talks", "strike"]
    assert rows[-1].date is None and rows[-1].reported == "2025-01-20"
    back = fetch_page(conn, "events", Filters(), last=True, limit=2)
    assert [r.kind for r in back.rows] == ["talks", "strike"]
    # The date window takes it by its reported date; the same-event count does not.
    jan = fetch_page(conn, "events", Filters(date_from="2025-01-01", date_to="2025-01-31"))
    assert [r.kind for r in jan.rows] == ["strike"] and jan.rows[0].reports == 1
    assert fetch_page(conn, "events", Filters(date_to="2024-12-31")).rows == []


def test_same_event_report_count(conn) -> None:
    rows = fetch_page(conn, "events", Filters(kind="talks")).rows
    assert [r.reports for r in rows] == [2, 2]
    strike = fetch_page(conn, "events", Filters(kind="strike")).rows[0]
    assert strike.reports == 1


def test_filters(conn) -> None:
    peskov = next(a for a in list_actors(conn) if a.name == "Dmitry Peskov")
    rows = fetch_page(conn, "statements", Filters(actor_id=peskov.id)).rows
    assert [r.quote for r in rows] == ["We are ready to talk."]
    lavrov = next(a for a in list_actors(conn) if a.name == "Sergei Lavrov")
    assert count_rows(conn, "events", Filters(actor_id=lavrov.id)).value == 2
    feb = Filters(date_from="2025-02-01", date_to="2025-02-28")
    assert count_rows(conn, "events", replace_kind(feb, "talks")).value == 2
    assert count_rows(conn, "statements", feb).value == 2
    near = fetch_page(conn, "statements", Filters(near="2024-01-10")).rows
    assert {r.date for r in near} == {f"2024-01-{d:02d}" for d in range(7, 14)}
    count = count_rows(conn, "statements", Filters(search="bulk"), cap=10)
    assert (count.value, count.exact, str(count)) == (10, False, "10+")


def replace_kind(f: Filters, kind: str) -> Filters:
    from dataclasses import replace

    return replace(f, kind=kind)


def test_search_is_fts_with_prefix(conn) -> None:
    rows = fetch_page(conn, "statements", Filters(search="Pesk")).rows
    assert [r.speaker for r in rows] == ["Dmitry Peskov"]
    assert count_rows(conn, "events", Filters(search="riyadh")).value == 2
    # metrics match on their own sentence, not on the rest of their article
    assert [m.kind for m in fetch_page(conn, "metrics", Filters(search="fired")).rows] == [
        "missiles"]
    assert fetch_page(conn, "metrics", Filters(search="Zelensky")).rows == []


def _sort_date(r) -> str | None:
    """Brute force: the row's own date, else its article's."""
    return r.date if r.date is not None else r.reported


def _display_order(rows: list) -> list[int]:
    dated = sorted((r for r in rows if _sort_date(r)), key=lambda r: (_sort_date(r), r.id),
                   reverse=True)
    undated = sorted((r for r in rows if not _sort_date(r)), key=lambda r: r.id, reverse=True)
    return [r.id for r in dated + undated]


# (table, filters, how many rows they select in the test store)
SEARCH_CASES = [
    ("statements", Filters(search="Bulk"), 131),  # 130 dated one per day, one undated
    ("statements", Filters(search="item01"), 10),  # prefix
    ("statements", Filters(search="Bulk", date_from="2024-02-10"), 94),  # 28-day months,
    # and the undated remark at its article's date, 2024-06-01
    ("statements", Filters(search="Bulk", date_to="2024-02-09"), 37),
    ("statements", Filters(search="Bulk", date_from="2024-02-10", date_to="2024-03-05"), 24),
    ("statements", Filters(search="Bulk", near="2024-03-05"), 7),
    ("statements", Filters(search="nothingmatchesthis"), 0),
    ("events", Filters(search="Riyadh"), 2),
    ("events", Filters(search="Riyadh", near="2024-03-05"), 2),  # near is for statements
    ("events", Filters(search="Riyadh", date_to="2025-02-17"), 0),
    ("events", Filters(search="boom"), 1),  # undated
    ("events", Filters(search="boom", date_from="2025-01-20", date_to="2025-01-20"), 1),
    ("events", Filters(search="boom", date_to="2025-01-19"), 0),
    ("statements", Filters(search="remark", date_from="2024-06-01", date_to="2024-06-30"), 1),
    ("statements", Filters(search="remark", near="2024-06-03"), 1),
    ("metrics", Filters(search="drones"), 1),
    ("metrics", Filters(search="o", date_from="2025-02-12"), 0),
]


@pytest.mark.parametrize(("table", "filters", "n"), SEARCH_CASES,
                         ids=[f"{t}-{f.describe()}" for t, f, _n in SEARCH_CASES])
def test_search_pages_read_off_the_index_match_the_filtered_table(conn, table, filters, n) -> None:
    """A search is paged off the sort-keyed FTS index; it must give exactly the rows the
    plain filters select (every match, dates applied), in display order, forward, backward
    and from the end."""
    everything = walk_forward(conn, table, Filters(), 500)
    # The same rows by brute force: text match via the index's ids, dates by string compare.
    ids = {i for (i,) in conn.execute(fts_ids_sql(table), (fts_query(filters.search),))}
    chosen = [r for r in everything if r.id in ids]
    if filters.date_from:
        chosen = [r for r in chosen if _sort_date(r) and _sort_date(r) >= filters.date_from]
    if filters.date_to:
        chosen = [r for r in chosen if _sort_date(r) and _sort_date(r)[:10] <= filters.date_to]
    if filters.near and table == "statements":  # "near" narrows statements only
        day = dt.date.fromisoformat(filters.near)
        low, high = (str(day + dt.timedelta(days=d)) for d in (-3, 3))
        chosen = [r for r in chosen if _sort_date(r) and low <= _sort_date(r)[:10] <= high]
    expected = _display_order(chosen)
    assert len(expected) == n
    assert [r.id for r in fetch_page(conn, table, filters, limit=1000).rows] == expected
    # Paged forward in small pages, backward from the end: the same sequence.
    paged = walk_forward(conn, table, filters, 2)
    assert [r.id for r in paged] == expected
    back: list = []
    page = fetch_page(conn, table, filters, last=True, limit=2)
    back = list(page.rows)
    while page.more_before:
        page = fetch_page(conn, table, filters, before=back[0].key, limit=2)
        back = list(page.rows) + back
    assert [r.id for r in back] == expected


@pytest.mark.parametrize("text", ['"', 'NEAR', '*', 'AND', '(', '-', 'a OR', 'NEAR(a b, 2)',
                                  '"unclosed', 'x AND (', '^', 'col:term', '\x00', ' '])
def test_hostile_search_never_raises(conn, text: str) -> None:
    for table in ("events", "statements", "metrics"):
        fetch_page(conn, table, Filters(search=text))
        count_rows(conn, table, Filters(search=text))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_any_search_text_never_raises(conn, text: str) -> None:
    fetch_page(conn, "statements", Filters(search=text), limit=5)
    count_rows(conn, "events", Filters(search=text))


def test_metric_series_and_totals(conn) -> None:
    points = metric_series(conn, ("drones",), Filters())
    assert [(p.bucket, p.group, p.value) for p in points] == [("2025-02-17", "drones", 126.0)]
    weekly = metric_series(conn, ("drones", "missiles"), Filters(), weekly=True, by_side=True)
    assert {(p.bucket, p.group) for p in weekly} == {("2025-02-17", "Russia"),
                                                     ("2025-02-10", "?")}
    assert metric_total(conn, "drones", Filters()) == (126.0, 1)
    assert distinct_values(conn, "metrics") == ["drones", "missiles"]


def test_article_latest_and_export(conn) -> None:
    first = fetch_page(conn, "statements", Filters(search="ready")).rows[0]
    article = get_article(conn, first.article_id)
    assert article is not None and article.title == "Riyadh talks begin"
    assert latest_date(conn) == "2025-02-18"
    out = io.StringIO()
    n = export_view(conn, "statements", Filters(search="bulk"), "json", out)
    data = json.loads(out.getvalue())
    assert n == len(data) == 131
    assert data[0]["quote"] == "undated remark" and data[0]["date"] is None
    assert data[0]["reported"] == "2024-06-01" and data[0]["rule"] == ""
    assert data[1]["quote"] == "item129 matters" and data[-1]["quote"] == "item000 matters"


def test_reader_is_read_only(tmp_path: Path) -> None:
    import sqlite3

    path = build_store(tmp_path / "ro.db", n_bulk=2)
    reader = Reader(path)
    with pytest.raises(sqlite3.OperationalError):
        reader.conn().execute("DELETE FROM articles")
    reader.close()


def test_reader_never_creates_a_missing_store(tmp_path) -> None:
    import sqlite3 as _sqlite3

    from store.query import Reader

    missing = tmp_path / "nowhere.db"
    reader = Reader(missing)
    with pytest.raises(_sqlite3.OperationalError):
        reader.conn()
    assert not missing.exists()


# ---------------------------------------------------------------------------------------------
# Contract v2: intercepted kinds, running totals, rows dated by their article


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory):
    from tests.test_tui_support import build_v2_store

    path = build_v2_store(tmp_path_factory.mktemp("v2") / "v2.db")
    reader = Reader(path)
    yield reader.conn()
    reader.close()


def test_running_totals_are_never_added_into_totals_or_charts(v2) -> None:
    from store.query import running_total

    assert metric_total(v2, "killed", Filters()) == (3.0, 1)  # not 12,003 in 2
    points = metric_series(v2, ("killed",), Filters())
    assert [(p.bucket, p.value) for p in points] == [("2026-02-07", 3.0)]
    rows = fetch_page(v2, "metrics", Filters(), extra="killed").rows
    assert [(r.value, r.cumulative) for r in rows] == [(12000.0, True), (3.0, False)]
    assert rows[0].date is None and rows[0].key == ("2026-02-08", rows[0].id)
    total = running_total(v2, "killed", Filters())
    assert total is not None and (total.value, total.date, total.count) == (
        12000.0, "2026-02-08", 1)
    assert running_total(v2, "drones", Filters()) is None
    assert running_total(v2, "killed", Filters(date_to="2026-02-07")) is None


def test_intercepted_kinds_and_the_interception_rate(v2) -> None:
    from store.query import INTERCEPTED, interception

    kinds = distinct_values(v2, "metrics")
    assert {"drones_intercepted", "missiles_intercepted"} <= set(kinds)
    assert metric_total(v2, "drones_intercepted", Filters()) == (190.0, 2)
    both = metric_series(v2, ("drones", INTERCEPTED["drones"]), Filters())
    # Two articles give the same night's 100 drones: one happening, counted once.
    assert [(p.bucket, p.group, p.value) for p in both] == [
        ("2026-02-07", "drones", 100.0), ("2026-02-07", "drones_intercepted", 90.0),
        ("2026-02-08", "drones", 120.0), ("2026-02-08", "drones_intercepted", 100.0)]
    # Per (day, claimant) with both figures, a figure repeated by two articles counted once:
    # (90 + 100) of (100 + 120).
    rate = interception(v2, "drones", "drones_intercepted", Filters())
    assert rate is not None and (rate.intercepted, rate.launched, rate.pairs) == (
        190.0, 220.0, 2)
    assert round(rate.rate, 3) == 0.864
    one_day = interception(v2, "drones", "drones_intercepted",
                           Filters(date_from="2026-02-08", date_to="2026-02-08"))
    assert one_day is not None and (one_day.intercepted, one_day.launched) == (100.0, 120.0)
    # Missiles: launched and intercepted were claimed by different sources: no rate.
    assert interception(v2, "missiles", "missiles_intercepted", Filters()) is None


def test_exchange_events_and_three_kinds_of_dates(v2) -> None:
    events = fetch_page(v2, "events", Filters(kind="exchange")).rows
    assert [(e.kind, e.date, e.rule) for e in events] == [
        ("exchange", "2026-02-06", "event.trigger.exchange")]
    assert "exchange" in distinct_values(v2, "events")
    rows = walk_forward(v2, "statements", Filters(), 1)
    # dated by its article (2026-02-08), then the one whose article has no date at all
    assert [(r.quote, r.date, r.reported) for r in rows] == [
        ("the talks would resume", None, "2026-02-08"),
        ("the matter was closed", None, None)]
    assert [r.rule for r in rows] == ["speech.verb_after_subject"] * 2
    feb = Filters(date_from="2026-02-01", date_to="2026-02-28")
    assert [r.quote for r in fetch_page(v2, "statements", feb).rows] == [
        "the talks would resume"]
    assert [r.quote for r in fetch_page(v2, "statements", Filters(search="the")).rows] == [
        "the talks would resume", "the matter was closed"]
    assert fetch_page(v2, "statements", Filters(search="the", date_to="2026-03-01")).rows[
        0].quote == "the talks would resume"
    back = fetch_page(v2, "statements", Filters(), last=True, limit=1)
    assert back.rows[0].quote == "the matter was closed" and back.more_before


def test_export_carries_rule_cumulative_and_reported(v2) -> None:
    out = io.StringIO()
    export_view(v2, "metrics", Filters(), "json", out, extra="killed")
    data = json.loads(out.getvalue())
    assert [(d["value"], d["cumulative"], d["reported"], d["rule"]) for d in data] == [
        (12000, True, "2026-02-08", "metric.cumulative"),
        (3, False, "2026-02-08", "metric.count_before_noun")]
    out = io.StringIO()
    export_view(v2, "events", Filters(), "csv", out)
    header, first = out.getvalue().splitlines()[:2]
    assert header.endswith(",rule,reported") and first.endswith(
        ",event.trigger.exchange,2026-02-08")


def test_rows_carry_their_articles_outlet_address_and_headline(conn) -> None:
    # what the detail strip and a copied citation name, read with the page (no SQL in widgets)
    for table in ("events", "statements", "metrics"):
        extra = "drones" if table == "metrics" else None
        rows = fetch_page(conn, table, Filters(), extra=extra).rows
        wire = [r for r in rows if r.outlet == "Wire"]
        assert wire, table
        assert wire[0].url == "https://wire.example/riyadh-talks"
        assert wire[0].article_title == "Riyadh talks begin"
    daily = fetch_page(conn, "statements", Filters(search="deal")).rows
    assert [(r.outlet, r.url, r.article_title) for r in daily] == [
        ("Daily", None, "Second report on Riyadh")]
