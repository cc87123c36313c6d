"""Crash safety: a killed, interrupted or starved ingest leaves a store that opens, passes its
integrity checks and holds each article whole (all its rows) or not at all."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import store.ingest
from store import open_store
from store.ingest import written_before
from tui import cli
from tui.cli import main

from .fixtures.helpers import ROOT, assert_store_whole, count_articles, write_articles

CRASH_ARTICLES = 120  # enough that the ingest is surely still running when it is killed


def _start_ingest(folder: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "ingest", str(folder), "--db", str(db), *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, as a shell job would be
    )


def _finish(proc: subprocess.Popen[str]) -> str:
    """The stderr of a process that was signalled; its workers must end with it."""
    try:
        return proc.communicate(timeout=20)[1]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # only the group this test started
        proc.communicate()
        raise AssertionError("ingest workers outlived their killed parent") from None


def _wait_for_articles(db: Path, proc: subprocess.Popen[str], at_least: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        count = count_articles(db)
        if count >= at_least or proc.poll() is not None:
            return count
        time.sleep(0.005)
    raise AssertionError("the ingest wrote nothing within 30 s")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_mid_ingest_leaves_whole_articles(tmp_path: Path, workers: str) -> None:
    files = write_articles(tmp_path / "in", CRASH_ARTICLES, sentences=10)
    db = tmp_path / "s.db"
    for kill_at in (5, 40):  # kill, resume and kill again: a store that already crashed once
        proc = _start_ingest(tmp_path / "in", db, "--workers", workers)
        seen = _wait_for_articles(db, proc, kill_at)
        proc.send_signal(signal.SIGKILL)  # the parent only, as the OOM killer would
        _finish(proc)
        assert proc.returncode == -signal.SIGKILL, "the ingest ended before it was killed"
        assert 0 < seen < CRASH_ARTICLES
        present = assert_store_whole(db, files)
        assert present < CRASH_ARTICLES
    # The store still works: finishing the ingest adds the rest, duplicating nothing.
    proc = _start_ingest(tmp_path / "in", db)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert assert_store_whole(db, files) == CRASH_ARTICLES
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == CRASH_ARTICLES


def test_ctrl_c_keeps_committed_articles_and_exits_130(tmp_path: Path) -> None:
    files = write_articles(tmp_path / "in", CRASH_ARTICLES, sentences=10)
    db = tmp_path / "s.db"
    proc = _start_ingest(tmp_path / "in", db, "--workers", "2")
    _wait_for_articles(db, proc, 20)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C reaches the whole process group
    err = _finish(proc)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitrep: interrupted;"), err
    present = assert_store_whole(db, files)
    assert 0 < present < CRASH_ARTICLES
    assert written_before(present) in lines[0]


@pytest.mark.parametrize("group", [False, True], ids=["process", "process-group"])
def test_sigterm_stops_like_ctrl_c_with_one_line_and_exit_143(tmp_path: Path,
                                                             group: bool) -> None:
    files = write_articles(tmp_path / "in", CRASH_ARTICLES, sentences=10)
    db = tmp_path / "s.db"
    proc = _start_ingest(tmp_path / "in", db, "--workers", "2")
    _wait_for_articles(db, proc, 20)
    if group:  # a closing terminal session or a job scheduler ends the whole group
        os.killpg(proc.pid, signal.SIGTERM)
    else:  # `kill PID`
        proc.send_signal(signal.SIGTERM)
    err = _finish(proc)
    assert proc.returncode == 143, err
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitrep: terminated (SIGTERM);"), err
    present = assert_store_whole(db, files)
    assert 0 < present < CRASH_ARTICLES
    assert written_before(present) in lines[0]


def test_interrupt_inside_a_write_rolls_back_that_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = write_articles(tmp_path / "in", 5)
    real_insert = store.ingest._insert_article
    calls = 0

    def insert_then_interrupt(conn: sqlite3.Connection, article, extraction) -> int:
        nonlocal calls
        calls += 1
        rows = real_insert(conn, article, extraction)
        if calls == 3:  # the article's rows are in, the COMMIT is not
            raise KeyboardInterrupt
        return rows

    monkeypatch.setattr(store.ingest, "_insert_article", insert_then_interrupt)
    db = tmp_path / "s.db"
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db)]) == 130
    err = capsys.readouterr().err
    assert "interrupted; 2 articles were written before" in err
    assert assert_store_whole(db, files) == 2


@pytest.mark.parametrize(("signame", "code", "said"), [("SIGINT", 130, "interrupted"),
                                                       ("SIGTERM", 143, "terminated (SIGTERM)")])
def test_a_signal_during_a_write_waits_for_its_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    signame: str, code: int, said: str,
) -> None:
    """A real signal arriving while an article is written is held until that article has
    committed, then handled as usual: the report counts it, and nothing after it is written."""
    files = write_articles(tmp_path / "in", 5)
    real_insert = store.ingest._insert_article
    calls = 0

    def insert_and_signal(conn: sqlite3.Connection, article, extraction) -> int:
        nonlocal calls
        calls += 1
        rows = real_insert(conn, article, extraction)
        if calls == 3:  # the article's rows are in, the COMMIT is not
            os.kill(os.getpid(), getattr(signal, signame))
        return rows

    monkeypatch.setattr(store.ingest, "_insert_article", insert_and_signal)
    db = tmp_path / "s.db"
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db)]) == code
    err = capsys.readouterr().err
    assert f"{said}; 3 articles were written before" in err
    assert assert_store_whole(db, files) == 3


def _full_disk_after(pages: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the store the CLI opens run out of room `pages` pages after its current size."""
    real_open = cli.open_store

    def open_with_page_limit(path, **kwargs):
        db = real_open(path, **kwargs)
        used = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {used + pages}")
        return db

    monkeypatch.setattr(cli, "open_store", open_with_page_limit)


def test_full_disk_stops_with_one_line_and_no_partial_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = write_articles(tmp_path / "in", 40, sentences=25)
    db = tmp_path / "s.db"
    open_store(db).conn.close()  # created and migrated with room to spare
    _full_disk_after(30, monkeypatch)
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    present = assert_store_whole(db, files)
    assert 0 < present < 40
    assert lines[0].startswith(f"sitrep: error: {db}: disk full while writing ")
    assert lines[0].endswith(f"; {written_before(present)}")


def test_full_disk_while_creating_the_store_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_connect = sqlite3.connect

    def tiny_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(sqlite3, "connect", tiny_connect)
    assert main(["ingest", str(tmp_path), "--db", str(tmp_path / "s.db")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk full" in err, err


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.DatabaseError("database disk image is malformed"),
        sqlite3.OperationalError("disk I/O error"),
        sqlite3.OperationalError("attempt to write a readonly database"),
        sqlite3.OperationalError("database is locked"),
    ],
    ids=["corrupt", "io", "readonly", "locked"],
)
def test_any_sqlite_error_while_writing_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    error: sqlite3.Error,
) -> None:
    files = write_articles(tmp_path / "in", 4)
    calls = 0
    real_insert = store.ingest._insert_article

    def failing_insert(conn: sqlite3.Connection, article, extraction) -> int:
        nonlocal calls
        calls += 1
        if calls == 2:
            conn.execute("INSERT INTO articles (id, text, ingested_at) VALUES ('x', 'y', 'z')")
            raise error
        return real_insert(conn, article, extraction)

    monkeypatch.setattr(store.ingest, "_insert_article", failing_insert)
    db = tmp_path / "s.db"
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "article_0001.txt; 1 article was written before" in err
    assert assert_store_whole(db, files) == 1
