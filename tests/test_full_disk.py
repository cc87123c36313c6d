"""A real full file system and a real file size limit, not a simulated one.

The other disk-full tests cap the store with `PRAGMA max_page_count`, which SQLite reports
itself. Here the kernel refuses the write: a small tmpfs (ENOSPC) where the test may mount one
(root on Linux), and `RLIMIT_FSIZE` (`ulimit -f`, EFBIG) everywhere else on POSIX. Each one
must give one line naming the file and the cause, and leave the store and any previous export
whole.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.ingest import written_before

from .fixtures.helpers import ROOT, assert_store_whole, run_cli, write_articles

resource = pytest.importorskip("resource")

TMPFS_BYTES = 640 * 1024


def _mount_tmpfs(where: Path, size: int) -> bool:
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 640 KB file system of its own, unmounted afterwards."""
    where = tmp_path / "small"
    if not _mount_tmpfs(where, TMPFS_BYTES):
        pytest.skip("cannot mount a tmpfs here (needs root on Linux); the ulimit -f tests "
                    "cover the same path")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(folder: Path) -> None:
    """Take every free byte of `folder`'s file system."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for chunk in (65536, 4096, 512, 1):
            try:
                while os.write(fd, b"\0" * chunk) > 0:
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("sitrep: error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_ingest_onto_a_full_file_system_stops_with_one_line(
    small_disk: Path, tmp_path: Path
) -> None:
    files = write_articles(tmp_path / "in", 80, sentences=20)
    db = small_disk / "s.db"
    result = run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1")
    assert result.returncode == 1
    line = _error_line(result)
    assert line.startswith(f"sitrep: error: {db}: disk full while writing "), line
    present = assert_store_whole(db, files)
    assert 0 < present < 80
    assert line.endswith(f"; {written_before(present)}"), line

    # Room again: the same command goes on from where it stopped, nothing lost or doubled.
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = run_cli("ingest", str(tmp_path / "in"), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert assert_store_whole(db, files) == 80


def test_a_store_created_on_a_full_file_system_is_one_line(small_disk: Path) -> None:
    _fill(small_disk)
    db = small_disk / "new.db"
    result = run_cli("ingest", str(ROOT / "sample_data"), "--db", str(db))
    assert result.returncode == 1
    line = _error_line(result)
    assert line.startswith(f"sitrep: error: {db}: "), line
    assert "disk full" in line, line


def test_export_onto_a_full_file_system_keeps_the_previous_file(
    small_disk: Path, sample_store_path: Path
) -> None:
    out = small_disk / "statements.json"
    out.write_text('["the previous export"]', encoding="utf-8")
    _fill(small_disk)
    result = run_cli("export", "--db", str(sample_store_path), "-o", str(out))
    assert result.returncode == 1
    assert _error_line(result) == f"sitrep: error: {out}: disk full"
    assert json.loads(out.read_text(encoding="utf-8")) == ["the previous export"]
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "statements.json"]


def _with_file_size_limit(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`sitrep ARGS` as under `ulimit -f`: writing past `limit` bytes fails with EFBIG (Python
    ignores SIGXFSZ, so the write returns an error instead of killing the process)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, timeout=120,
        cwd=ROOT, preexec_fn=cap, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_ingest_past_the_file_size_limit_says_so(tmp_path: Path) -> None:
    files = write_articles(tmp_path / "in", 80, sentences=20)
    db = tmp_path / "s.db"
    limit = 1024 * 1024  # (an empty store with its indexes is ~300 KB)
    result = _with_file_size_limit(limit, "ingest", str(tmp_path / "in"), "--db", str(db))
    assert result.returncode == 1
    line = _error_line(result)
    assert line.startswith(f"sitrep: error: {db}: the file size limit was reached "
                           f"(ulimit -f: {limit:,} bytes) while writing "), line
    present = assert_store_whole(db, files)
    assert 0 < present < 80
    assert line.endswith(f"; {written_before(present)}"), line


def test_export_past_the_file_size_limit_keeps_the_previous_file(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 40, sentences=5)  # 200 statements: ~100 KB of JSON
    db = tmp_path / "s.db"
    assert run_cli("ingest", str(tmp_path / "in"), "--db", str(db)).returncode == 0
    out = tmp_path / "statements.json"
    out.write_text('["the previous export"]', encoding="utf-8")
    # Room for the store's 32 KB -shm file (a reader makes it), not for the export.
    result = _with_file_size_limit(64 * 1024, "export", "--db", str(db), "-o", str(out))
    assert result.returncode == 1
    assert _error_line(result) == (f"sitrep: error: {out}: the file size limit was reached "
                                   "(ulimit -f)")
    assert json.loads(out.read_text(encoding="utf-8")) == ["the previous export"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "s.db", "s.db-shm", "s.db-wal", "statements.json"]


def test_a_store_that_cannot_be_opened_for_the_size_limit_is_not_called_corrupt(
    sample_store_path: Path
) -> None:
    # A reader must create the 32 KB -shm file; under a 4 KB limit it cannot. The store is
    # fine: the message says what is wrong with the machine instead.
    result = _with_file_size_limit(4096, "export", "--db", str(sample_store_path))
    assert result.returncode == 1
    line = _error_line(result)
    assert line == (f"sitrep: error: {sample_store_path}: cannot open the store: the file size "
                    "limit was reached (ulimit -f: 4,096 bytes)"), line
