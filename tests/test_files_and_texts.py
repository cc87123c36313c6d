"""Files and texts are tracked apart: a path points to a text; a text lives while a path does.

Before schema 5 an article was found by its path alone: editing one of two files with the same
text deleted the article the other, unchanged file still held, and a file edited to another
file's text was reported unchanged and kept its stale version.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store import ingest_paths, open_store
from store.db import SCHEMA_VERSION

TEXT_A = "Envoys meet\n\nEnvoys from both sides met in Geneva on Monday, officials said.\n"
TEXT_B = "Strike on Sumy\n\nRussia launched 40 drones at Sumy overnight, the governor said.\n"
TEXT_C = "Grain talks\n\nThe minister said on Tuesday that grain exports would resume.\n"


def _ingest(db_path: Path, *paths: Path) -> str:
    db = open_store(db_path)
    try:
        return ingest_paths(db, paths).summary()
    finally:
        db.conn.close()


def _query(db_path: Path, sql: str, *params: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _held(db_path: Path) -> dict[str, str]:
    """File name -> the title of the text it holds in the store."""
    return {Path(p).name: title for p, title in _query(
        db_path,
        "SELECT p.path, a.title FROM article_paths p JOIN articles a ON a.id = p.article_id")}


def _titles(db_path: Path) -> list[str]:
    return sorted(t for (t,) in _query(db_path, "SELECT title FROM articles"))


def _rows_of(db_path: Path, title: str) -> int:
    return sum(_query(db_path, f"SELECT count(*) FROM {table} t JOIN articles a ON "
                      "a.id = t.article_id WHERE a.title = ?", title)[0][0]
               for table in ("events", "statements", "metrics"))


def _files(folder: Path, **texts: str) -> list[Path]:
    """Files named by the keywords (a="..." -> a.txt) holding those texts."""
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_editing_one_of_two_identical_files_keeps_the_others_article(tmp_path: Path) -> None:
    (a, b), db = _files(tmp_path, a=TEXT_A, b=TEXT_A), tmp_path / "s.db"
    assert _ingest(db, a, b).startswith("articles: 1 new, 1 unchanged, 0 replaced")
    assert _held(db) == {"a.txt": "Envoys meet", "b.txt": "Envoys meet"}
    rows = _rows_of(db, "Envoys meet")
    assert rows > 0

    a.write_text(TEXT_B, encoding="utf-8")
    assert _ingest(db, a, b).startswith("articles: 0 new, 1 unchanged, 1 replaced")
    assert _held(db) == {"a.txt": "Strike on Sumy", "b.txt": "Envoys meet"}
    assert _titles(db) == ["Envoys meet", "Strike on Sumy"]
    assert _rows_of(db, "Envoys meet") == rows  # b's article whole, its rows all there

    # the last path to a text moves away: the text goes, with its rows
    b.write_text(TEXT_C, encoding="utf-8")
    assert _ingest(db, b).startswith("articles: 0 new, 0 unchanged, 1 replaced")
    assert _titles(db) == ["Grain talks", "Strike on Sumy"]
    assert _rows_of(db, "Envoys meet") == 0


def test_a_file_edited_to_another_files_text_points_to_that_text(tmp_path: Path) -> None:
    (a, b), db = _files(tmp_path, a=TEXT_A, b=TEXT_B), tmp_path / "s.db"
    _ingest(db, a, b)
    a.write_text(TEXT_B, encoding="utf-8")
    # was: "0 new, 1 unchanged" with a's stale text kept under a's path
    assert _ingest(db, a).startswith("articles: 0 new, 0 unchanged, 1 replaced")
    assert _held(db) == {"a.txt": "Strike on Sumy", "b.txt": "Strike on Sumy"}
    assert _titles(db) == ["Strike on Sumy"]  # a's old text held by no path: gone
    before = _rows_of(db, "Strike on Sumy")
    assert _ingest(db, a, b).startswith("articles: 0 new, 2 unchanged, 0 replaced")
    assert _rows_of(db, "Strike on Sumy") == before  # never doubled


def test_the_article_shows_a_path_that_still_holds_it(tmp_path: Path) -> None:
    (a, b), db = _files(tmp_path, a=TEXT_A, b=TEXT_A), tmp_path / "s.db"
    _ingest(db, a, b)
    a.write_text(TEXT_C, encoding="utf-8")
    _ingest(db, a)
    assert dict(_query(db, "SELECT title, path FROM articles")) == {
        "Envoys meet": str(b.resolve()), "Grain talks": str(a.resolve())}


def test_a_file_moved_back_and_forth_between_texts(tmp_path: Path) -> None:
    a, db = tmp_path / "a.txt", tmp_path / "s.db"
    for text in (TEXT_A, TEXT_B, TEXT_A, TEXT_A):
        a.write_text(text, encoding="utf-8")
        _ingest(db, a)
        assert len(_titles(db)) == 1
    assert _held(db) == {"a.txt": "Envoys meet"}


def test_a_version_4_store_keeps_each_path_as_the_one_holding_its_article(
    tmp_path: Path,
) -> None:
    (a, b), db = _files(tmp_path, a=TEXT_A, b=TEXT_B), tmp_path / "s.db"
    _ingest(db, a, b)
    # Schema 4 is schema 5 without article_paths.
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE article_paths")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    assert _ingest(db, a, b).startswith("articles: 0 new, 2 unchanged, 0 replaced")
    assert _held(db) == {"a.txt": "Envoys meet", "b.txt": "Strike on Sumy"}
    assert _query(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
