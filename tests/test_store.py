from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from store import StoreError, ingest_paths, open_store, row_counts
from store.articles import load_article
from store.db import SCHEMA_VERSION

from .conftest import SAMPLE_DATA


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
