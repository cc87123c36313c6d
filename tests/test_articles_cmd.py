"""`sitrep articles` (listing, removing) and where the sample articles go (issue 12).

The articles are written here for the tests (ingested with exact extractions, so each row
count is known); none comes from a real source.
"""

from __future__ import annotations

import io
import json
import re
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

import store.db
from store import open_store
from store.articles import Article, article_from_text
from store.extract.records import (
    ActorMention,
    EventRecord,
    Extraction,
    MetricRecord,
    StatementRecord,
)
from store.ingest import ingest_article
from store.manage import list_articles, remove_articles
from tests.test_tui_support import asynctest, settle
from tui import cli
from tui.app import SitrepApp
from tui.cli import main
from tui.widgets.paged_table import PagedTable

from .conftest import SAMPLE_DATA

HOSTILE_TITLE = "[bold red]Loud[/] headline \x1b]52;c;aGk=\x07 \u202eokay"


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


HARBOUR = ("Harbour talks open\n\n"
           "Negotiators gathered in Velmora on Monday. "
           "Envoy Ilse Marrow said: \u201cThe harbour must stay open.\u201d "
           "Officials counted 14 drones over the bay.")
GRAIN = ("Grain corridor report\n\n"
         "Tomas Reed met port officials in Velmora. "
         "The port authority said 3 ships were turned back.")


def _harbour() -> tuple[Article, Extraction]:
    article = article_from_text(HARBOUR, published="2025-03-10", source="Coastal Wire",
                                url="https://example.test/harbour", path="/news/harbour.txt")
    article.html = b"<html><body><p>Harbour talks open</p></body></html>"
    article.html_url = "https://example.test/harbour"
    met = "Negotiators gathered in Velmora on Monday."
    said = "Envoy Ilse Marrow said: \u201cThe harbour must stay open.\u201d"
    drones = "Officials counted 14 drones over the bay."
    return article, Extraction(
        events=[EventRecord("talks", "2025-03-10", "Velmora", ["Tomas Reed", "Ilse Marrow"],
                            "Negotiators meet in Velmora", met, _span(HARBOUR, met), "day")],
        statements=[StatementRecord("Ilse Marrow", "The harbour must stay open.", "direct",
                                    "2025-03-10", ["talks"], said, _span(HARBOUR, said), "day")],
        metrics=[MetricRecord("drones", 14.0, "exact", "Russia", "Velmora", "2025-03-09", drones,
                              _span(HARBOUR, drones), "day", "Harbour Command")],
        actors={"Ilse Marrow": ActorMention("Ilse Marrow", "person", None),
                "Tomas Reed": ActorMention("Tomas Reed", "person", None)},
    )


def _grain() -> tuple[Article, Extraction]:
    article = article_from_text(GRAIN, published="2025-03-12", source="Inland Daily")
    met = "Tomas Reed met port officials in Velmora."
    ships = "The port authority said 3 ships were turned back."
    return article, Extraction(
        events=[EventRecord("meeting", "2025-03-12", "Velmora", ["Tomas Reed"],
                            "Reed meets port officials", met, _span(GRAIN, met), "day")],
        statements=[StatementRecord("Port Authority", "3 ships were turned back", "indirect",
                                    "2025-03-12", [], ships, _span(GRAIN, ships), "day")],
        actors={"Tomas Reed": ActorMention("Tomas Reed", "person", None)},
    )


def build(path: Path) -> dict[str, str]:
    """Four articles: two with rows (sharing one actor), a hostile title, an undated one."""
    db = open_store(path)
    ids = {}
    for name, (article, extraction) in (("harbour", _harbour()), ("grain", _grain())):
        ingest_article(db, article, extraction)
        ids[name] = article.id
    hostile = article_from_text(HOSTILE_TITLE + "\n\nNothing to see.", published="2024-11-02",
                                source="[i]odd\x1b[31m[/i]")
    undated = article_from_text("No date given\n\nA quiet day on the river.")
    for name, article in (("hostile", hostile), ("undated", undated)):
        ingest_article(db, article, Extraction())
        ids[name] = article.id
    db.conn.close()
    return ids


@pytest.fixture()
def store_path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "m.db"


@pytest.fixture()
def ids(store_path: Path) -> dict[str, str]:
    return build(store_path)


def query(path: Path, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


def counts(path: Path) -> dict[str, int]:
    tables = ("articles", "events", "statements", "metrics", "event_actors", "actors",
              "actor_aliases", "article_paths", "article_html", "feed_entries")
    return {t: query(path, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


# -- listing ----------------------------------------------------------------------------------


def test_lists_articles_newest_first_with_their_rows(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["articles", "--db", str(store_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "date", "rows", "source", "title"]
    body = [line.split(None, 3) for line in lines[1:-1]]
    assert [row[0] for row in body] == [ids["grain"], ids["harbour"], ids["hostile"],
                                        ids["undated"]]
    assert [row[1] for row in body] == ["2025-03-12", "2025-03-10", "2024-11-02", "—"]
    assert [row[2] for row in body] == ["2", "3", "0", "0"]
    assert re.search(r"  Inland Daily +Grain corridor report$", lines[1])
    assert lines[-1] == "4 articles (4 shown)"
    # aligned: every title starts in the same column
    assert len({line.index("Grain") if "Grain" in line else line.index("Harbour")
                for line in lines[1:3]}) == 1


def test_every_printed_field_is_inert(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["articles", "--db", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "[bold red]Loud[/] headline ␛]52;c;aGk=␇ <U+202E>okay" in out
    assert "[i]odd␛[31m[/i]" in out
    # on a terminal: a rich table, markup in titles shown as typed, cut to the width
    console = Console(file=io.StringIO(), width=64, force_terminal=True, color_system=None)
    listing = list_articles(sqlite3.connect(store_path))
    cli.render_articles(listing.articles, console)
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b]52" not in drawn and "\x07" not in drawn and "[bold red]" in drawn
    assert all(len(line) <= 64 for line in drawn.splitlines())
    assert ids["grain"] in drawn and ids["undated"] in drawn  # ids are never cut


def test_json_keeps_the_stored_text(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["articles", "--db", str(store_path), "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    data = json.loads(out)
    assert [a["id"] for a in data][:2] == [ids["grain"], ids["harbour"]]
    harbour = data[1]
    assert harbour == {"id": ids["harbour"], "published": "2025-03-10",
                       "source": "Coastal Wire", "title": "Harbour talks open",
                       "url": "https://example.test/harbour", "rows": 3}
    assert data[2]["title"] == HOSTILE_TITLE


@pytest.mark.parametrize(("search", "expected"), [
    ("harbour", ["harbour"]),  # a word of the title (FTS)
    ("turned back", ["grain"]),  # words of the text (FTS)
    ("Inland Dai", ["grain"]),  # part of the source
    ("example.test/harb", ["harbour"]),  # part of the URL
    ("[i]odd", ["hostile"]),  # punctuation is text, not FTS syntax or a LIKE wildcard
    ('"NEAR( * -', []),
    ("100%", []),
])
def test_search_matches_words_source_url_and_id_prefix(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str], search: str,
    expected: list[str],
) -> None:
    assert main(["articles", "--db", str(store_path), "--search", search, "--json"]) == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)] == [ids[n] for n in expected]


def test_search_by_id_prefix_and_limit(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = ids["undated"][:5].upper()
    assert main(["articles", "--db", str(store_path), "--search", prefix, "--json"]) == 0
    assert ids["undated"] in [a["id"] for a in json.loads(capsys.readouterr().out)]
    assert main(["articles", "--db", str(store_path), "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and lines[-1] == "4 articles (2 shown)"
    assert main(["articles", "--db", str(store_path), "--search", "velmora", "--limit",
                 "1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 articles (1 shown)"
    with pytest.raises(SystemExit) as stop:
        main(["articles", "--db", str(store_path), "--limit", "-1"])
    assert stop.value.code == 2


def test_listing_a_missing_store_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["articles", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"sitrep: error: {tmp_path / 'none.db'}: no such store"
    assert not (tmp_path / "none.db").exists()


# -- removing ---------------------------------------------------------------------------------


def _add_feed_entry(path: Path, article_id: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO feeds (id, url, added_at) VALUES (1, 'https://example.test/rss',"
                     " '2025-03-10')")
        conn.execute("INSERT INTO feed_entries (feed_id, entry, url, article_id, seen_at) VALUES "
                     "(1, 'harbour-1', 'https://example.test/harbour', ?, '2025-03-10')",
                     (article_id,))
        conn.commit()


def test_remove_takes_every_row_of_the_articles(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _add_feed_entry(store_path, ids["harbour"])
    before = counts(store_path)
    assert before["article_html"] == 1 and before["article_paths"] == 1
    assert main(["articles", "remove", ids["harbour"][:6], ids["undated"],
                 "--db", str(store_path)]) == 0
    assert capsys.readouterr().err.strip() == "removed 2 articles (3 rows)"
    after = counts(store_path)
    assert after["articles"] == 2 and after["events"] == 1 and after["statements"] == 1
    assert after["metrics"] == 0 and after["article_html"] == 0 and after["article_paths"] == 0
    assert after["event_actors"] == 1  # grain's event and Tomas Reed
    # The feed entry stays, pointing nowhere: `fetch` knows it and does not bring it back.
    assert query(store_path, "SELECT entry, article_id FROM feed_entries") == [("harbour-1", None)]
    # The full-text indexes forgot them too (and are whole).
    for sql in ("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'",
                "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'harbour'",
                "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'negotiators'",
                "SELECT count(*) FROM metrics_fts WHERE metrics_fts MATCH 'bay'"):
        assert query(store_path, sql) == [(0,)], sql
    with closing(sqlite3.connect(store_path)) as conn:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        for table in ("statements", "events", "metrics"):
            conn.execute(f"INSERT INTO {table}_fts({table}_fts, rank) "
                         "VALUES ('integrity-check', 1)")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_actors_only_the_removed_articles_named_go_with_them(
    store_path: Path, ids: dict[str, str]
) -> None:
    def actors() -> set[str]:
        return {name for (name,) in query(store_path, "SELECT name FROM actors")}

    assert {"Ilse Marrow", "Tomas Reed", "Harbour Command", "Port Authority"} <= actors()
    with closing(open_store(store_path).conn) as conn:
        removal = remove_articles(conn, [ids["harbour"]])
    assert (removal.articles, removal.rows, removal.actors) == (1, 3, 2)
    left = actors()
    assert "Ilse Marrow" not in left and "Harbour Command" not in left
    assert {"Tomas Reed", "Port Authority"} <= left  # grain's rows still name them
    assert query(store_path, "SELECT count(*) FROM actor_aliases WHERE alias = 'Ilse Marrow'"
                 ) == [(0,)]


def test_an_unknown_id_removes_nothing(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(store_path)
    assert main(["articles", "remove", ids["harbour"], "0000aaaa", "--db", str(store_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"sitrep: error: 0000aaaa: no such article (store {store_path}); "
                   "nothing removed"]
    assert counts(store_path) == before


def test_an_ambiguous_prefix_names_how_many_it_matches(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_store(store_path)
    for n in (1, 2):
        article = article_from_text(f"Twin {n}\n\nA twin article, number {n}.")
        article.id = f"abcdef000000000{n}"
        ingest_article(db, article, Extraction())
    db.conn.close()
    assert main(["articles", "remove", "ABCDEF", "--db", str(store_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "abcdef: ambiguous, 2 articles have ids starting with it" in err[0]
    assert counts(store_path)["articles"] == 2
    assert main(["articles", "remove", "abcdef0000000002", "abcdef0000000002",
                 "--db", str(store_path)]) == 0
    assert capsys.readouterr().err.strip() == "removed 1 article (0 rows)"
    assert query(store_path, "SELECT id FROM articles") == [("abcdef0000000001",)]


@pytest.mark.parametrize("bad", ["abc12", "0bd33g", "-", ""])
def test_an_id_that_is_not_hex_or_too_short_is_a_usage_error(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["articles", "remove", ids["grain"], bad, "--db", str(store_path)])
    assert stop.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "is not an article id (at least 6 hex digits" in err[0]
    assert counts(store_path)["articles"] == 4


def test_remove_waits_for_the_write_lock_and_fails_whole_when_it_stays_held(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store.db, "BUSY_TIMEOUT_MS", 400)
    holder = sqlite3.connect(store_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.2, lambda: holder.execute("COMMIT"))
    released.start()
    started = time.monotonic()
    assert main(["articles", "remove", ids["undated"], "--db", str(store_path)]) == 0
    assert time.monotonic() - started >= 0.15  # it waited for the ingest holding the lock
    released.join()
    assert "removed 1 article" in capsys.readouterr().err
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert main(["articles", "remove", ids["grain"], "--db", str(store_path)]) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "the store is busy" in err[0] and "nothing removed" in err[0]
    assert counts(store_path)["articles"] == 3


@pytest.mark.parametrize(("signum", "code", "said"), [
    (signal.SIGINT, 130, "sitrep: interrupted"),
    (signal.SIGTERM, 143, "sitrep: terminated (SIGTERM)"),
])
def test_a_stop_during_the_write_waits_for_the_commit_and_says_what_was_removed(
    store_path: Path, ids: dict[str, str], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, signum: signal.Signals, code: int, said: str,
) -> None:
    import store.manage

    real_delete = store.manage._delete

    def interrupted_delete(conn: sqlite3.Connection, found: list[str]) -> store.manage.Removal:
        removal = real_delete(conn, found)
        signal.raise_signal(signum)  # in the middle of the transaction
        return removal

    monkeypatch.setattr(store.manage, "_delete", interrupted_delete)
    assert main(["articles", "remove", ids["harbour"], "--db", str(store_path)]) == code
    err = capsys.readouterr().err.splitlines()
    assert err == ["removed 1 article (3 rows)", said]
    assert counts(store_path)["articles"] == 3  # committed whole


def test_a_removed_file_comes_back_only_when_ingested_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "river.txt").write_text("River crossing\n\nRussia launched 12 drones at the "
                                      "river port, the governor said.\n", encoding="utf-8")
    db = str(tmp_path / "r.db")
    assert main(["ingest", str(folder), "--db", db]) == 0
    (article_id,) = query(Path(db), "SELECT id FROM articles")[0]
    assert main(["articles", "remove", article_id, "--db", db]) == 0
    assert main(["ingest", str(folder), "--db", db]) == 0
    assert "1 new" in capsys.readouterr().err.splitlines()[-1]


# -- the sample articles ----------------------------------------------------------------------


@pytest.fixture()
def dashboards(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The stores `sitrep` opened its dashboard on (the dashboard itself is not started)."""
    import tui.app

    opened: list[Path] = []
    monkeypatch.setattr(tui.app, "run_app", lambda path, **_filters: opened.append(path) or 0)
    return opened


def test_a_new_db_opens_empty_and_says_how_to_fill_it(
    tmp_path: Path, dashboards: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new war.db"
    assert main(["--db", str(path)]) == 0
    assert dashboards == [path]
    err = capsys.readouterr().err.splitlines()
    assert err == [f"sitrep: {path} is empty: add articles with `sitrep ingest PATH|URL --db "
                   f"'{path}'`, or run `sitrep --samples --db '{path}'` for the bundled sample "
                   "articles"]
    assert counts(path)["articles"] == 0
    # the same again for a store that exists but is empty
    assert main(["--db", str(path)]) == 0
    assert "is empty" in capsys.readouterr().err


def test_sitrep_db_is_the_users_own_store_and_gets_no_samples(
    tmp_path: Path, dashboards: list[Path], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("SITREP_DB", str(path))
    assert main([]) == 0
    assert dashboards == [path] and counts(path)["articles"] == 0
    assert "is empty: add articles with `sitrep ingest PATH|URL --db" in capsys.readouterr().err


def test_samples_go_into_the_default_store_on_its_first_run_only(
    dashboards: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = store.db.default_db_path()
    assert not path.exists()
    assert main([]) == 0
    err = capsys.readouterr().err
    assert "building the store" in err and "5 new" in err
    (article_id,) = query(path, "SELECT id FROM articles ORDER BY id LIMIT 1")[0]
    # Emptied by the user: it stays empty, and says how to fill it.
    all_ids = [i for (i,) in query(path, "SELECT id FROM articles")]
    assert main(["articles", "remove", *all_ids]) == 0
    capsys.readouterr()
    assert main([]) == 0
    err = capsys.readouterr().err
    assert "building" not in err and counts(path)["articles"] == 0
    assert err.strip() == (f"sitrep: {path} is empty: add articles with `sitrep ingest "
                           "PATH|URL`, or run `sitrep --samples` for the bundled sample articles")
    assert article_id not in [i for (i,) in query(path, "SELECT id FROM articles")]


def test_samples_flag_adds_them_once_to_any_store(
    tmp_path: Path, dashboards: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.db"
    assert main(["--samples", "--db", str(path)]) == 0
    err = capsys.readouterr().err
    assert "adding the sample articles in" in err and "5 new" in err and "is empty" not in err
    assert counts(path)["articles"] == len(list(SAMPLE_DATA.glob("*.txt")))
    rows = counts(path)
    assert main(["--db", str(path), "--samples"]) == 0
    assert "0 new, 5 unchanged" in capsys.readouterr().err
    assert counts(path) == rows
    assert dashboards == [path, path]


def test_samples_flag_with_a_command_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--samples", "ingest", str(SAMPLE_DATA), "--db", str(tmp_path / "x.db")])
    assert stop.value.code == 2
    assert "--samples is for the dashboard" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_another_applications_file_is_not_listed_or_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "notes.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
    before = foreign.read_bytes()
    for argv in (["articles"], ["articles", "remove", "abcdef"]):
        assert main([*argv, "--db", str(foreign)]) == 1
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and "not a sitrep store" in err[0]
    assert foreign.read_bytes() == before


# -- the dashboard on an empty store ----------------------------------------------------------


def _drawn_first_row(app: SitrepApp, pane: str) -> str:
    """The first line under a pane's table header, as drawn."""
    table = app.query_one(f"#{pane}").query_one(PagedTable)
    return table.render_line(1).text


@asynctest
async def test_an_empty_store_says_how_to_add_articles_in_every_pane(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    open_store(path).conn.close()
    app = SitrepApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.store_empty
        for pane in ("timeline", "statements", "metrics"):
            line = _drawn_first_row(app, pane)
            assert line.startswith(" No articles yet. Add some: sitrep ingest"), pane
        source = str(app.query_one("#source-text", Static).render())
        assert f"sitrep ingest PATH|URL --db {path}" in source
        assert f"sitrep --samples --db {path}" in source

        # An article arrives (another process ingests): the panes show it without ctrl+r.
        db = open_store(path)
        article, extraction = _grain()
        ingest_article(db, article, extraction)
        db.conn.close()
        app._check_store()
        await settle(pilot)
        assert not app.store_empty
        assert "Reed meets port" in _drawn_first_row(app, "timeline")
        assert "No articles" not in _drawn_first_row(app, "statements")
        assert "Enter on a row" in str(app.query_one("#source-text", Static).render())


@asynctest
async def test_a_store_with_articles_shows_no_such_note(store_path: Path,
                                                        ids: dict[str, str]) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.store_empty
        assert "Grain" not in _drawn_first_row(app, "metrics")  # harbour's drones only
        assert "No articles" not in _drawn_first_row(app, "timeline")
