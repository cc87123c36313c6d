"""`sitrep ingest --watch DIR`: files that appear or change are ingested once they hold still."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.watch import FolderWatch, parse_interval

from .fixtures.helpers import ROOT, run_cli


def _article(path: Path, n: int) -> Path:
    path.write_text(f"Envoys meet, round {n}\n\nAndriy Sybiha said \"round {n} of the talks must "
                    f"go on\" on Monday. Russia launched {n + 10} drones at Kharkiv, the air "
                    "force said.\n", encoding="utf-8")
    return path


def test_the_first_look_takes_what_is_there_then_only_what_settles(tmp_path: Path) -> None:
    a = _article(tmp_path / "a.txt", 1)
    watch = FolderWatch([tmp_path])
    assert watch.settled() == [a]
    assert watch.settled() == []  # nothing changed
    b = _article(tmp_path / "b.txt", 2)
    assert watch.settled() == []  # new: taken once it holds still for one look
    assert watch.settled() == [b]
    with b.open("a", encoding="utf-8") as more:  # still being written
        more.write("More.\n")
    assert watch.settled() == []
    with b.open("a", encoding="utf-8") as more:
        more.write("And more.\n")
    assert watch.settled() == []  # grew again: still moving
    assert watch.settled() == [b]
    assert watch.settled() == []


def test_a_changed_file_comes_back_and_a_vanished_one_is_forgotten(tmp_path: Path) -> None:
    a = _article(tmp_path / "a.txt", 1)
    watch = FolderWatch([tmp_path])
    watch.settled()
    _article(a, 5)
    os.utime(a, ns=(time.time_ns(), time.time_ns() + 10**9))  # a new mtime, whatever the clock
    assert watch.settled() == [] and watch.settled() == [a]
    a.unlink()
    assert watch.settled() == []
    _article(a, 1)  # back again, as it was: a new file to the watch
    assert watch.settled() == [] and watch.settled() == [a]


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900),
                                               ("2h", 7200), ("1d", 86400), ("0.5s", 0.5)])
def test_intervals_read_as_people_write_them(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "fifteen", "0", "-5m", "nan", "8d"])
def test_intervals_that_mean_nothing_say_so(text: str) -> None:
    with pytest.raises(ValueError, match="interval"):
        parse_interval(text)


def test_a_bad_interval_or_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("ingest", "--watch", str(tmp_path), "--interval", "soon")
    assert result.returncode == 2 and "'soon' is not an interval" in result.stderr
    result = run_cli("ingest", "--watch", str(tmp_path / "nope"), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2 and "not a folder" in result.stderr
    result = run_cli("ingest", "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2 and "ingest needs a PATH" in result.stderr


def _titles(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return {row[0] for row in conn.execute("SELECT title FROM articles")}
        finally:
            conn.close()
    except sqlite3.Error:
        return set()


def _wait_for(db: Path, titles: set[str], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if titles <= _titles(db):
            return
        time.sleep(0.1)
    raise AssertionError(f"{titles - _titles(db)} never reached the store")


def test_watching_ingests_new_files_until_ctrl_c(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "s.db"
    folder.mkdir()
    _article(folder / "a.txt", 1)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "ingest", "--watch", str(folder), "--interval", "0.2",
         "--db", str(db)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(db, {"Envoys meet, round 1"})
        _article(folder / "b.md", 2)
        _wait_for(db, {"Envoys meet, round 2"})
        (folder / "notes.json").write_text("{}", encoding="utf-8")  # not an article: ignored
        _article(folder / "a.txt", 3)  # edited: replaces its old text
        _wait_for(db, {"Envoys meet, round 3"})
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert _titles(db) == {"Envoys meet, round 2", "Envoys meet, round 3"}
    assert err.splitlines()[-1] == ("sitrep: stopped watching; in all articles: 2 new, "
                                    "0 unchanged, 1 replaced, 0 failed; rows added: 15"), err
    assert sum("articles: 1 new" in line for line in err.splitlines()) == 2  # a line a round
