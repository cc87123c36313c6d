"""Dates people type (store.when), actors found by any spelling (store.actor_search), saved
views (store.views) and the statement filters for direct quotes and a topic."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from store import open_store
from store.actor_search import ActorEntry, list_actor_entries, rank_actors
from store.db import SCHEMA_VERSION
from store.query import Actor, Filters, count_rows, fetch_page
from store.views import ViewError, delete_view, get_view, list_views, save_view
from store.when import DayRange, WhenError, parse_day_range, parse_window

TODAY = dt.date(2026, 12, 4)  # a Friday


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2025-02-17", "2025-02-17", "2025-02-17"),
    ("last Tuesday", "2026-12-01", "2026-12-01"),
    ("yesterday", "2026-12-03", "2026-12-03"),
    ("3 weeks ago", "2026-11-13", "2026-11-13"),
    ("March 2025", "2025-03-01", "2025-03-31"),
    ("february 2024", "2024-02-01", "2024-02-29"),
    ("2025-03", "2025-03-01", "2025-03-31"),
    ("2025", "2025-01-01", "2025-12-31"),
    ("last week", "2026-11-23", "2026-11-29"),
    ("last month", "2026-11-01", "2026-11-30"),
    ("2025-02-17..2025-02-20", "2025-02-17", "2025-02-20"),
    ("  2025-02-17 .. 2025-02-20 ", "2025-02-17", "2025-02-20"),
    ("January 2025 to March 2025", "2025-01-01", "2025-03-31"),
    ("March 2025..last Tuesday", "2025-03-01", "2026-12-01"),
])
def test_dates_people_type(text: str, start: str, end: str) -> None:
    assert parse_day_range(text, TODAY) == DayRange(start, end)


def test_relative_dates_follow_the_today_given() -> None:
    assert parse_day_range("last Tuesday", dt.date(2025, 2, 20)).start == "2025-02-18"
    assert parse_day_range("3 weeks ago", dt.date(2025, 2, 20)).start == "2025-01-30"


@pytest.mark.parametrize(("text", "named"), [
    ("blorp", "'blorp' is not a date"),
    ("2025-02-30", "'2025-02-30' is not a date"),
    ("", "an empty date"),
    ("..2025-02-20", "a range needs a date on both sides"),
    ("2025-03-01..2025-01-01", "ends (2025-01-01) before it starts (2025-03-01)"),
    ("2025-02-17..someday soon", "'someday soon' is not a date"),
])
def test_what_cannot_be_read_is_named_on_one_line(text: str, named: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_day_range(text, TODAY)
    assert named in str(caught.value)
    assert "\n" not in str(caught.value)


def test_since_and_until_make_a_window() -> None:
    assert parse_window("March 2025", None, TODAY) == ("2025-03-01", None)
    assert parse_window(None, "March 2025", TODAY) == (None, "2025-03-31")
    assert parse_window("March 2025", "last Tuesday", TODAY) == ("2025-03-01", "2026-12-01")
    assert parse_window("2025-02-17..2025-02-20", None, TODAY) == ("2025-02-17", "2025-02-20")
    with pytest.raises(WhenError, match="before --since"):
        parse_window("last Tuesday", "March 2025", TODAY)


def _entry(actor_id: int, name: str, aliases: tuple[str, ...] = (), n: int = 0) -> ActorEntry:
    return ActorEntry(Actor(actor_id, name, "person", None), aliases, n)


ACTORS = [
    _entry(1, "Volodymyr Zelensky", ("Zelenskyy", "Volodymyr Zelenskiy"), 27),
    _entry(2, "Sergei Lavrov", ("Sergey Lavrov",), 5),
    _entry(3, "Dmitry Peskov", ("Dmitri Peskov",), 9),
    _entry(4, "Ursula von der Leyen", (), 2),
    _entry(5, "Olena Zelenska", (), 1),
]


@pytest.mark.parametrize(("typed", "found"), [
    ("zelenskyy", "Volodymyr Zelensky"),
    ("zelenskiy", "Volodymyr Zelensky"),
    ("ZELENSKY", "Volodymyr Zelensky"),
    ("lavrof", "Sergei Lavrov"),
    ("sergey", "Sergei Lavrov"),
    ("peskof", "Dmitry Peskov"),
    ("dmitri peskov", "Dmitry Peskov"),
    ("pesk", "Dmitry Peskov"),
    ("vonderleyen", "Ursula von der Leyen"),
    ("zelénsky", "Volodymyr Zelensky"),
])
def test_an_actor_is_found_however_spelled(typed: str, found: str) -> None:
    ranked = rank_actors(ACTORS, typed)
    assert ranked and ranked[0].entry.actor.name == found


def test_no_match_for_a_name_spelled_like_nobody() -> None:
    assert rank_actors(ACTORS, "xqzt") == []
    assert rank_actors(ACTORS, "zz") == []  # two letters: no guessing at typos


def test_letters_in_order_match_below_any_word() -> None:
    ranked = [m.entry.actor.name for m in rank_actors(ACTORS, "dpsk")]
    assert ranked == ["Dmitry Peskov"]
    # "la" starts Lavrov's name; it is only letters in order in "Olena Zelenska"
    ranked = [m.entry.actor.name for m in rank_actors(ACTORS, "la")]
    assert ranked[0] == "Sergei Lavrov" and ranked[-1] == "Olena Zelenska"


def test_an_empty_query_lists_every_actor_and_an_alias_match_says_so() -> None:
    assert [m.entry.actor.id for m in rank_actors(ACTORS, " ")] == [1, 2, 3, 4, 5]
    match = rank_actors(ACTORS, "sergey")[0]
    assert match.via == "Sergey Lavrov"


def test_actor_entries_carry_aliases_and_statement_counts(sample_store_path: Path) -> None:
    conn = sqlite3.connect(sample_store_path)
    try:
        entries = {e.actor.name: e for e in list_actor_entries(conn)}
        said = dict(conn.execute("SELECT a.name, count(*) FROM statements s JOIN actors a "
                                 "ON a.id = s.speaker_id GROUP BY a.name").fetchall())
        for name, n in said.items():
            assert entries[name].statements == n
        zelensky = rank_actors(entries.values(), "zelenskiy")[0].entry
        assert zelensky.statements == said[zelensky.actor.name] > 0
        assert rank_actors(entries.values(), "lavrof")[0].entry.actor.name == "Sergei Lavrov"
    finally:
        conn.close()


def _statements_store(path: Path) -> sqlite3.Connection:
    db = open_store(path)
    conn = db.conn
    conn.execute("INSERT INTO articles (id, title, published, text, ingested_at) "
                 "VALUES ('a1', 't', '2025-03-02', 'x', '2025-03-02')")
    rows = [("direct", '["ceasefire", "sanctions"]'), ("indirect", '["ceasefire"]'),
            ("direct", '["energy"]'), ("direct", "[]")]
    for i, (mode, topics) in enumerate(rows, start=1):
        conn.execute("INSERT INTO statements (id, article_id, speaker, quote, mode, date, "
                     "topics, evidence, span_start, span_end) VALUES "
                     "(?, 'a1', 'Someone', ?, ?, '2025-03-02', ?, 'e', 0, 1)",
                     (i, f"words number {i}", mode, topics))
    return conn


def test_direct_quotes_and_a_topic_filter_statements(tmp_path: Path) -> None:
    conn = _statements_store(tmp_path / "s.db")

    def ids(f: Filters) -> list[int]:
        return sorted(r.id for r in fetch_page(conn, "statements", f, limit=50).rows)

    assert ids(Filters()) == [1, 2, 3, 4]
    assert ids(Filters(direct_only=True)) == [1, 3, 4]
    assert ids(Filters(topic="ceasefire")) == [1, 2]
    assert ids(Filters(topic="ceasefire", direct_only=True)) == [1]
    assert ids(Filters(topic="sanctions", search="words")) == [1]
    assert ids(Filters(direct_only=True, search="words")) == [1, 3, 4]
    assert count_rows(conn, "statements", Filters(topic="energy")).value == 1
    assert ("quotes", "direct only") in Filters(direct_only=True).describe()
    assert ("topic", "ceasefire") in Filters(topic="ceasefire").describe()


def test_views_are_saved_listed_reopened_and_deleted(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    conn = _statements_store(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 11
    conn.execute("INSERT INTO actors (id, name) VALUES (7, 'Dmitry Peskov')")
    wanted = Filters(search="talks", actor_id=7, actor_name="Dmitry Peskov", kind="strike",
                     date_from="2025-03-01", date_to="2025-03-31", near="2025-03-05",
                     direct_only=True, topic="ceasefire")
    saved = save_view(path, "  peskov  march ", wanted, "statements")
    assert saved.name == "peskov march"
    back = get_view(conn, "PESKOV MARCH")
    assert back is not None and back.pane == "statements"
    assert back.filters == Filters(search="talks", actor_id=7, actor_name="Dmitry Peskov",
                                   kind="strike", date_from="2025-03-01",
                                   date_to="2025-03-31", direct_only=True, topic="ceasefire")
    assert "actor Dmitry Peskov" in back.describe()
    save_view(path, "Peskov March", Filters(kind="strike"))  # replaces, whatever the case
    assert [(v.name, v.filters) for v in list_views(conn)] == [
        ("Peskov March", Filters(kind="strike"))]
    save_view(path, "all", Filters())
    assert [v.name for v in list_views(conn)] == ["all", "Peskov March"]
    assert delete_view(path, "all") and not delete_view(path, "all")
    assert get_view(conn, "nothing") is None
    with pytest.raises(ViewError, match="needs a name"):
        save_view(path, "   ", Filters())
    with pytest.raises(ViewError, match="not a pane"):
        save_view(path, "x", Filters(), "charts")


def test_a_view_whose_actor_is_gone_opens_without_it(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    conn = _statements_store(path)
    conn.execute("INSERT INTO actors (id, name) VALUES (7, 'Dmitry Peskov')")
    save_view(path, "p", Filters(actor_id=7, actor_name="Dmitry Peskov", kind="strike"))
    conn.execute("DELETE FROM actors")
    view = get_view(conn, "p")
    assert view is not None and view.filters == Filters(kind="strike")
