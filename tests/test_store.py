from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from store import StoreError, ingest_paths, open_store, row_counts
from store.articles import load_article
from store.db import ID_BITS, ID_MASK, SCHEMA_VERSION, fts_ids_sql

from .conftest import SAMPLE_DATA
from .fixtures.helpers import make_version_2_store, make_version_3_store


def test_schema_pragmas_and_tables(tmp_path: Path) -> None:
    db = open_store(tmp_path / "s.db")
    conn = db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = set(db.table_names())
    for table in ("articles", "actors", "actor_aliases", "events", "statements", "metrics",
                  "statements_fts", "events_fts", "articles_fts"):
        assert table in names


def test_round_trip_of_an_article(tmp_path: Path) -> None:
    db = open_store(tmp_path / "s.db")
    report = ingest_paths(db, [SAMPLE_DATA / "003_9909a515f67f05aa.txt"])
    assert (report.new, report.unchanged, report.replaced) == (1, 0, 0)
    article = load_article(SAMPLE_DATA / "003_9909a515f67f05aa.txt")
    row = db["articles"].get(article.id)
    assert row["text"] == article.text
    assert row["published"] == "2026-02-18"  # from the sidecar
    assert row["title"] == article.title
    for table in ("events", "statements", "metrics"):
        for rec in db[table].rows_where("article_id = ?", [article.id]):
            assert article.text[rec["span_start"]:rec["span_end"]] == rec["evidence"]
    assert report.rows_added == sum(
        db[t].count_where("article_id = ?", [article.id])
        for t in ("events", "statements", "metrics")
    )


def test_reingest_same_text_changes_nothing(tmp_path: Path) -> None:
    db = open_store(tmp_path / "s.db")
    first = ingest_paths(db, [SAMPLE_DATA])
    before = row_counts(db)
    ids_before = [r[0] for r in db.conn.execute("SELECT id FROM statements ORDER BY id")]
    second = ingest_paths(db, [SAMPLE_DATA])
    assert first.new == 5 and second.new == 0 and second.unchanged == 5
    assert second.rows_added == 0
    assert row_counts(db) == before
    assert [r[0] for r in db.conn.execute("SELECT id FROM statements ORDER BY id")] == ids_before


def test_changed_file_at_same_path_replaces_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Drones hit Odesa\nRussia launched 50 drones at Odesa overnight, the "
                    "air force said.\n", encoding="utf-8")
    db = open_store(tmp_path / "s.db")
    ingest_paths(db, [path])
    old_id = load_article(path).id
    path.write_text("Drones hit Odesa\nRussia launched 80 drones at Odesa overnight, the "
                    "air force said.\n", encoding="utf-8")
    report = ingest_paths(db, [path])
    assert report.replaced == 1 and report.new == 0
    assert db["articles"].count == 1
    assert db["metrics"].count_where("article_id = ?", [old_id]) == 0
    values = [r["value"] for r in db["metrics"].rows_where("kind = 'drones'")]
    assert 50 not in values


def test_fts_indexes_follow_inserts_and_deletes(tmp_path: Path) -> None:
    db = open_store(tmp_path / "s.db")
    ingest_paths(db, [SAMPLE_DATA])
    hits = db.conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Riyadh'").fetchone()[0]
    assert hits >= 1
    db.conn.execute("DELETE FROM articles")
    assert db.conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Riyadh'").fetchone()[0] == 0
    # foreign keys cascade: no orphan rows survive their article
    assert db["statements"].count == 0 and db["events"].count == 0


def _fts_ids(conn: sqlite3.Connection, table: str, word: str) -> set[int]:
    return {i for (i,) in conn.execute(fts_ids_sql(table), (word,))}


def test_keyed_fts_indexes_follow_inserts_updates_and_deletes(tmp_path: Path) -> None:
    db = open_store(tmp_path / "s.db")
    ingest_paths(db, [SAMPLE_DATA])
    conn = db.conn
    for table, column in (("statements", "quote"), ("events", "evidence"),
                          ("metrics", "evidence")):
        every = {i for (i,) in conn.execute(f"SELECT id FROM {table}")}
        row_id, date = conn.execute(f"SELECT id, date FROM {table} LIMIT 1").fetchone()
        conn.execute(f"UPDATE {table} SET {column} = 'zyzzyva', date = '2020-01-02' "
                     "WHERE id = ?", (row_id,))
        assert _fts_ids(conn, table, "zyzzyva") == {row_id}
        key = conn.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH 'zyzzyva'"
                           ).fetchone()[0]
        assert key >> ID_BITS == 2458850 + 1  # julian day of 2020-01-02 (at noon: .5 off), plus one
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        assert _fts_ids(conn, table, "zyzzyva") == set()
        # every other row is still indexed, under its own id
        assert {i for (i,) in conn.execute(f"SELECT rowid & {ID_MASK} FROM {table}_fts")} \
            == every - {row_id}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_version_2_store_is_migrated_to_keyed_fts(tmp_path: Path) -> None:
    """A store written by the previous schema (rowid-keyed FTS for statements and events,
    none for metrics) is upgraded in place: old triggers gone, every row searchable."""
    path = tmp_path / "v2.db"
    db = make_version_2_store(path)
    old_triggers = {n for (n,) in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert old_triggers  # sqlite-utils' triggers for the version-2 FTS tables
    db.conn.close()

    conn = open_store(path).conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    triggers = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert not any(n.startswith(("statements_a", "events_a")) for n in triggers)
    assert _fts_ids(conn, "statements", "Peskov") == {7}
    assert _fts_ids(conn, "metrics", "Odesa") == {3}
    conn.execute("DELETE FROM articles")  # cascades; the indexes follow
    assert _fts_ids(conn, "statements", "Peskov") == set()
    assert _fts_ids(conn, "metrics", "Odesa") == set()


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_xinfo({table})")}


def test_version_3_store_is_migrated_to_rules_reported_dates_and_cumulative(
    tmp_path: Path,
) -> None:
    """A v3 store gains rule, reported (its article's date), cumulative and the sort date, in
    place; the FTS keys and the date indexes follow the sort date; nothing is lost."""
    from store.query import Filters, fetch_page

    path = tmp_path / "v3.db"
    db = make_version_3_store(path)
    before = row_counts(db)
    db.conn.close()
    upgrades: list[tuple[int, int]] = []
    conn = open_store(path, on_upgrade=lambda old, new: upgrades.append((old, new))).conn
    assert upgrades == [(3, SCHEMA_VERSION)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 11
    assert row_counts(sqlite_utils_db(conn)) == before
    # schema 6: an article's author, its kept page, the feeds
    assert "author" in _columns(conn, "articles")
    assert {"article_html", "feeds", "feed_entries"} <= {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("events", "statements", "metrics"):
        assert {"rule", "reported", "sort_date"} <= _columns(conn, table)
    assert "cumulative" in _columns(conn, "metrics")
    rows = conn.execute("SELECT id, date, reported, sort_date, rule FROM statements "
                        "ORDER BY id").fetchall()
    assert rows == [(7, "2025-02-17", "2025-02-18", "2025-02-17", ""),
                    (8, None, "2025-02-18", "2025-02-18", ""),
                    (9, None, None, None, "")]
    assert conn.execute("SELECT reported, sort_date FROM events").fetchone() == (
        "2025-02-18", "2025-02-18")
    assert conn.execute("SELECT cumulative, rule FROM metrics").fetchone() == (0, "")
    # The FTS key of the undated statement is its reported day's; the dateless one its id.
    keys = dict(conn.execute(f"SELECT rowid & {ID_MASK}, rowid >> {ID_BITS} FROM "
                             "statements_fts WHERE statements_fts MATCH 'talks'").fetchall())
    assert keys[8] == keys[7] + 1 and keys[9] == 0
    # Pages: own date or reported date, newest first; no date at all last.
    page = fetch_page(conn, "statements", Filters())
    assert [r.id for r in page.rows] == [8, 7, 9]
    assert [r.id for r in fetch_page(conn, "statements", Filters(search="talks")).rows] == \
        [8, 7, 9]
    plan = " ".join(str(r) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM statements WHERE sort_date IS NOT NULL "
        "ORDER BY sort_date DESC, id DESC LIMIT 5"))
    assert "statements_sort" in plan
    indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert not indexes & {"events_date", "events_kind_date", "statements_date",
                          "statements_speaker", "metrics_date", "metrics_kind_date"}
    # schema 9: every dated event is in a happening (the timeline's report count), and the
    # index that counted them before is gone
    assert "events_same" not in indexes
    assert conn.execute("SELECT count(*) FROM events WHERE date IS NOT NULL "
                        "AND happening_id IS NULL").fetchone()[0] == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for fts in ("statements_fts", "events_fts", "metrics_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")


def sqlite_utils_db(conn: sqlite3.Connection):  # noqa: ANN201
    import sqlite_utils

    return sqlite_utils.Database(conn)


def test_ingest_writes_rule_cumulative_and_reported(tmp_path: Path) -> None:
    from store import article_from_text, ingest_article
    from store.extract import Extraction
    from store.extract.records import MetricRecord, StatementRecord

    text = "Title\n\nAn official said it went on. It cost 300 lives since the war began."
    db = open_store(tmp_path / "s.db")
    article = article_from_text(text, published="2026-02-08")
    said = "An official said it went on."
    cost = "It cost 300 lives since the war began."
    ingest_article(db, article, Extraction(
        statements=[StatementRecord("An official", "it went on", "indirect", None, [], said,
                                    (text.index(said), text.index(said) + len(said)),
                                    rule="speech.verb_after_subject")],
        metrics=[MetricRecord("killed", 300.0, "exact", None, None, None, cost,
                              (text.index(cost), text.index(cost) + len(cost)),
                              cumulative=True, rule="metric.count_before_noun")],
    ))
    conn = db.conn
    assert conn.execute("SELECT rule, reported, date FROM statements").fetchone() == (
        "speech.verb_after_subject", "2026-02-08", None)
    assert conn.execute("SELECT rule, reported, cumulative FROM metrics").fetchone() == (
        "metric.count_before_noun", "2026-02-08", 1)


def test_sample_rows_carry_their_articles_date_as_reported(sample_store_path: Path) -> None:
    conn = open_store(sample_store_path).conn
    for table in ("events", "statements", "metrics"):
        assert conn.execute(
            f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id "
            "WHERE t.reported IS NOT a.published "
            "OR t.sort_date IS NOT coalesce(t.date, a.published)").fetchone()[0] == 0
        # only an article with no date at all (neither given nor inferred) leaves rows dateless
        assert conn.execute(
            f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id "
            "WHERE t.sort_date IS NULL AND a.published IS NOT NULL").fetchone()[0] == 0


def test_store_opens_with_plain_sqlite(sample_store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(sample_store_path, copy)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_corrupt_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="corrupt"):
        open_store(path)


def test_actors_are_linked(sample_store_path: Path) -> None:
    db = open_store(sample_store_path)
    linked = db.conn.execute(
        "SELECT count(*) FROM statements s JOIN actors a ON a.id = s.speaker_id").fetchone()[0]
    assert linked == db["statements"].count
    for row in db["events"].rows:
        names = json.loads(row["actors"])
        ids = db.conn.execute(
            "SELECT count(*) FROM event_actors WHERE event_id = ?", [row["id"]]).fetchone()[0]
        assert ids == len(set(names))
