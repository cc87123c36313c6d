"""Concurrency on one store: readers during an ingest never error nor wait over a second; two
ingests of overlapping folders both finish and duplicate nothing; writers wait, not fail."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import store.db
import store.ingest
from store import open_store
from store.ingest import IngestAborted, IngestReport, ingest_paths, prepare, write_article
from store.inputs import Job
from store.search import fts_query

from .fixtures.helpers import ROOT, assert_store_whole, count_articles, write_articles

MAX_READ_WAIT_S = 1.0


def _start_ingest(db: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "ingest", *map(str, paths), "--db", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _reads(conn: sqlite3.Connection) -> list[tuple[str, object]]:
    """What a dashboard does on a refresh: counts, a page of rows, a search."""
    return [
        ("count", conn.execute("SELECT count(*) FROM articles").fetchone()[0]),
        ("page", conn.execute(
            "SELECT s.id, s.speaker, s.quote, a.title FROM statements s "
            "JOIN articles a ON a.id = s.article_id ORDER BY s.date DESC, s.id DESC LIMIT 50"
        ).fetchall()),
        ("search", conn.execute(
            "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?",
            (fts_query("talks Geneva"),)).fetchone()[0]),
        ("metrics", conn.execute(
            "SELECT kind, sum(value) FROM metrics GROUP BY kind").fetchall()),
    ]


def _query_module_reads(path: Path):
    """store.query (the dashboard's reads), when it exists, read the same way."""
    try:
        from store import query
    except ImportError:
        return None
    reader = query.Reader(path)

    def read() -> None:
        conn = reader.conn()
        for table in ("events", "statements", "metrics"):
            query.fetch_page(conn, table, query.Filters(), limit=50)
            query.count_rows(conn, table, query.Filters())
        query.data_version(conn)

    return reader, read


def test_readers_never_wait_while_an_ingest_writes(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 100, sentences=15)
    db = tmp_path / "s.db"
    open_store(db).conn.close()
    reader = sqlite3.connect(db, timeout=MAX_READ_WAIT_S, isolation_level=None)
    query_reads = _query_module_reads(db)
    proc = _start_ingest(db, tmp_path / "in")
    waits: list[float] = []
    counts: list[int] = []
    try:
        while proc.poll() is None:
            started = time.monotonic()
            results = dict(_reads(reader))
            if query_reads is not None:
                query_reads[1]()
            waits.append(time.monotonic() - started)
            counts.append(results["count"])
            time.sleep(0.01)  # a dashboard refreshes on a key or a timer, not in a tight loop
    finally:
        _, err = proc.communicate(timeout=60)
        if query_reads is not None:
            query_reads[0].close()
    assert proc.returncode == 0, err
    assert len(waits) > 10, "the ingest finished before the reader got going"
    assert counts == sorted(counts), "a reader saw the store go backwards"
    assert 0 < len({c for c in counts if 0 < c < 100}), "no read happened mid-ingest"
    worst = max(waits)
    print(f"\nreads during ingest: {len(waits)}, max wait {worst * 1000:.1f} ms")
    assert worst < MAX_READ_WAIT_S, f"a read waited {worst:.2f} s"


def test_two_ingests_of_overlapping_folders_duplicate_nothing(tmp_path: Path) -> None:
    files = write_articles(tmp_path / "a", 60, sentences=5)
    files += write_articles(tmp_path / "b", 60, start=60, sentences=5)
    shared = write_articles(tmp_path / "shared", 60, start=120, sentences=5)
    db = tmp_path / "s.db"  # new: both processes also race to create and migrate it
    first = _start_ingest(db, tmp_path / "a", tmp_path / "shared")
    second = _start_ingest(db, tmp_path / "shared", tmp_path / "b", tmp_path / "a")
    _, err1 = first.communicate(timeout=120)
    _, err2 = second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), (err1, err2)
    assert assert_store_whole(db, files + shared) == 180
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 180
    duplicated = conn.execute(
        "SELECT count(*) FROM (SELECT article_id, span_start, span_end, quote FROM statements "
        "GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)").fetchone()[0]
    assert duplicated == 0
    # Every article was new to exactly one of them; the other counted it unchanged.
    summaries = [err1.strip().splitlines()[-1], err2.strip().splitlines()[-1]]
    new = sum(int(s.split(" new")[0].split()[-1]) for s in summaries)
    assert new == 180, summaries


def test_second_writer_of_the_same_article_counts_it_unchanged(tmp_path: Path) -> None:
    """Both ingests extracted the article; the second finds it there once it has the lock."""
    path = write_articles(tmp_path / "in", 1)[0]
    prepared = prepare(Job(str(path)))
    assert prepared.article and prepared.extraction
    one, two = open_store(tmp_path / "s.db"), open_store(tmp_path / "s.db")
    first, second = IngestReport(), IngestReport()
    write_article(one, prepared.article, prepared.extraction, first)
    write_article(two, prepared.article, prepared.extraction, second)
    assert (first.new, second.new, second.unchanged) == (1, 0, 1)
    assert second.rows_added == 0 and not second.failed
    assert assert_store_whole(tmp_path / "s.db", [path]) == 1


def test_extraction_runs_without_the_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path / "in", 3)
    db = open_store(tmp_path / "s.db")
    other = sqlite3.connect(tmp_path / "s.db", timeout=0, isolation_level=None)
    real_extract = store.ingest.extract
    checked = 0

    def extract_while_checking(text: str, **kwargs):
        nonlocal checked
        assert not db.conn.in_transaction
        other.execute("BEGIN IMMEDIATE")  # would fail at once if the ingest held the lock
        other.execute("ROLLBACK")
        checked += 1
        return real_extract(text, **kwargs)

    monkeypatch.setattr(store.ingest, "extract", extract_while_checking)
    report = ingest_paths(db, [tmp_path / "in"])
    assert report.new == 3 and checked == 3


@contextmanager
def _write_lock_held(path: Path, seconds: float) -> Iterator[None]:
    """Another connection holds the store's write lock for `seconds` (from entry)."""
    locked = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait(5)
    try:
        yield
    finally:
        holder.join()


def test_a_busy_store_is_waited_for(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    db = open_store(tmp_path / "s.db")
    with _write_lock_held(tmp_path / "s.db", 1.0):
        started = time.monotonic()
        report = ingest_paths(db, [tmp_path / "in"])
    assert report.new == 3 and not report.failed
    assert time.monotonic() - started >= 0.5  # it did wait for the other writer


def test_a_store_locked_too_long_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.db, "BUSY_TIMEOUT_MS", 300)
    write_articles(tmp_path / "in", 2)
    db = open_store(tmp_path / "s.db")
    with _write_lock_held(tmp_path / "s.db", 2.0), \
            pytest.raises(IngestAborted, match="busy: another process kept it locked") as info:
        ingest_paths(db, [tmp_path / "in"])
    assert "0 articles were written before" in str(info.value)
    assert "\n" not in str(info.value)


def _open_new_store(path: str) -> str:
    try:
        open_store(path).conn.close()
    except store.db.StoreError as exc:
        return str(exc)
    return "ok"


def test_processes_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with context.Pool(4) as pool:
        for attempt in range(8):
            path = str(tmp_path / f"new{attempt}.db")
            assert pool.map(_open_new_store, [path] * 4) == ["ok"] * 4
            conn = sqlite3.connect(path)
            assert conn.execute("PRAGMA user_version").fetchone()[0] == store.db.SCHEMA_VERSION
            assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = "
                                "'statements_fts'").fetchone()[0] == 1


def test_reader_of_a_store_mid_ingest_uses_committed_counts(tmp_path: Path) -> None:
    """count_articles (the helper other tests poll with) reads a consistent snapshot."""
    write_articles(tmp_path / "in", 5)
    db = tmp_path / "s.db"
    assert count_articles(db) == 0
    ingest_paths(open_store(db), [tmp_path / "in"])
    assert count_articles(db) == 5
