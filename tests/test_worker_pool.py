"""The ingest's process pool: a killed worker loses no article, a signal stops at once, and
results never pile up behind a slow file.

Before, `--workers N` ran `ProcessPoolExecutor.map` over every file: a worker killed by SIGKILL
(as the OOM killer would) hung the parent forever, Ctrl+C and SIGTERM waited for the slow file
in progress, a second Ctrl+C printed an atexit traceback, and every file was submitted at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

import store.ingest
from store import ingest_paths, open_store
from store.ingest import (
    IN_FLIGHT_PER_WORKER,
    WORKER_DIED,
    Prepared,
    prepared_stream,
    written_before,
)
from store.inputs import Job

from .fixtures.helpers import assert_store_whole, count_articles, write_articles
from .test_crash_safety import _finish, _start_ingest
from .test_extract_speed import article

SMALL = 30
forking = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                             reason="the workers must inherit the test's patched extractor")


def _slow_folder(folder: Path, paragraphs: int) -> list[Path]:
    """SMALL quick articles and one that takes seconds to extract (a long article of our own
    sentences, named to be handed out first)."""
    files = write_articles(folder, SMALL, sentences=2)
    slow = folder / "article_0000_slow.txt"
    slow.write_text(article(paragraphs), encoding="utf-8")
    return [slow, *files]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _wait(condition, what: str, timeout: float = 30) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.02)


def test_workers_killed_mid_run_lose_no_article(tmp_path: Path) -> None:
    files = _slow_folder(tmp_path / "in", 500)
    db = tmp_path / "s.db"
    proc = _start_ingest(tmp_path / "in", db, "--workers", "2")
    # the quick ones written while the slow one is still being extracted
    _wait(lambda: count_articles(db) >= SMALL or proc.poll() is not None, "the quick articles")
    assert proc.poll() is None, "the slow article was done before the workers could be killed"
    workers = _children(proc.pid)
    assert workers
    for pid in workers:
        os.kill(pid, signal.SIGKILL)  # as the OOM killer would, mid-article
    err = _finish(proc)  # it used to hang here forever
    assert proc.returncode == 0, err
    assert assert_store_whole(db, files) == SMALL + 1


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_stops_at_once_not_after_the_slow_file(tmp_path: Path, signum: int) -> None:
    files = _slow_folder(tmp_path / "in", 900)
    db = tmp_path / "s.db"
    proc = _start_ingest(tmp_path / "in", db, "--workers", "2")
    _wait(lambda: count_articles(db) >= SMALL or proc.poll() is not None, "the quick articles")
    assert proc.poll() is None
    started = time.monotonic()
    for _ in range(3):  # an impatient user presses it again and again
        os.killpg(proc.pid, signum)
        time.sleep(0.1)
    err = _finish(proc)
    stopped = time.monotonic() - started
    assert proc.returncode == 128 + signum, err
    # the slow article alone takes several seconds (it used to be waited for)
    assert stopped < 2.0, f"took {stopped:.1f} s to stop"
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and written_before(SMALL) in lines[0], err
    assert assert_store_whole(db, files) == SMALL


def _kill_on_poison(job: Job) -> Prepared:
    if "poison" in job.key:
        os.kill(os.getpid(), signal.SIGKILL)  # a real death of the real worker process
    return _real_prepare(job)


_real_prepare = store.ingest.prepare


@forking
def test_a_file_that_kills_its_worker_every_time_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = write_articles(tmp_path / "in", 12)
    poison = tmp_path / "in" / "article_0005_poison.txt"
    poison.write_text("Poison\n\nRussia launched 5 drones at Sumy.\n", encoding="utf-8")
    monkeypatch.setattr(store.ingest, "prepare", _kill_on_poison)
    db = open_store(tmp_path / "s.db")
    report = ingest_paths(db, [tmp_path / "in"], workers=2)
    db.conn.close()
    assert [(Path(f.path).name, f.reason) for f in report.failed] == [
        ("article_0005_poison.txt", WORKER_DIED)]
    assert report.new == 12
    assert assert_store_whole(tmp_path / "s.db", files) == 12


def _mark_started(job: Job) -> Prepared:
    with open(Path(job.key).parent.parent / "started", "a", encoding="utf-8") as marks:
        marks.write(Path(job.key).name + "\n")
    return _real_prepare(job)


@forking
def test_work_in_flight_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = write_articles(tmp_path / "in", 60)
    monkeypatch.setattr(store.ingest, "prepare", _mark_started)
    marks = tmp_path / "started"
    stream = prepared_stream([Job(str(f)) for f in files], workers=2)
    try:
        next(stream)  # the writer takes one result, then is slow (a busy disk)
        time.sleep(1.0)
        started = len(marks.read_text(encoding="utf-8").splitlines())
    finally:
        stream.close()
    # was: all 60 submitted at once, their results held in memory for the writer
    assert started <= 1 + 2 * IN_FLIGHT_PER_WORKER, started
