"""Store trouble: a newer schema, a read-only store, a corrupt file, a missing directory. Each
is one clear line (exit 1), never a traceback, and the store file is left exactly as it was."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import store.db
from store import StoreError, open_store
from store.db import SCHEMA_VERSION
from tui.cli import main

from .conftest import SAMPLE_DATA
from .fixtures.helpers import (
    BAD,
    make_version_2_store,
    make_version_3_store,
    permissions_can_be_obeyed,
    run_cli,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_error(result_stderr: str, *needles: str) -> None:
    assert "Traceback" not in result_stderr
    lines = result_stderr.strip().splitlines()
    assert len(lines) == 1, result_stderr
    assert lines[0].startswith("sitrep: error: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.fixture()
def sample_copy(sample_store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.db"
    shutil.copy(sample_store_path, copy)
    return copy


def test_newer_schema_is_refused_by_every_command(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id TEXT)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _digest(path)
    for args in (["ingest", str(BAD / "good.txt")], ["export"]):
        result = run_cli(*args, "--db", str(path))
        assert result.returncode == 1
        _one_line_error(result.stderr, str(path), "newer than this sitrep understands")
    assert _digest(path) == before


def test_corrupt_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    before = _digest(path)
    for args in (["ingest", str(BAD / "good.txt")], ["export"]):
        result = run_cli(*args, "--db", str(path))
        assert result.returncode == 1
        _one_line_error(result.stderr, str(path))
    assert _digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_corrupt_pages_inside_a_store_are_one_line(sample_copy: Path, tmp_path: Path) -> None:
    # Trash the root page of every table and index (the schema itself stays readable), so
    # whatever a command reads first is garbage wherever the pages happen to lie.
    with closing(sqlite3.connect(sample_copy)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r for (r,) in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    data = bytearray(sample_copy.read_bytes())
    for root in roots:
        data[(root - 1) * page_size:root * page_size] = b"\xa5" * page_size
    sample_copy.write_bytes(bytes(data))
    for args in (["ingest", str(SAMPLE_DATA)],
                 ["export", "--table", "articles"],
                 ["export", "--table", "statements", "--search", "talks"]):
        result = run_cli(*args, "--db", str(sample_copy))
        assert result.returncode == 1
        _one_line_error(result.stderr, str(sample_copy), "corrupt")


def test_missing_directory_is_created_for_ingest(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there.db"
    result = run_cli("ingest", str(BAD / "good.txt"), "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_missing_store_for_export_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "s.db"
    result = run_cli("export", "--db", str(path))
    assert result.returncode == 1
    _one_line_error(result.stderr, f"{path}: no such store")
    assert not path.parent.exists()  # reading never creates anything


def test_store_directory_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("ingest", str(BAD / "good.txt"), "--db", str(blocker / "sub" / "s.db"))
    assert result.returncode == 1
    _one_line_error(result.stderr, "cannot create its directory")


def test_store_path_that_is_a_directory_is_one_line(tmp_path: Path) -> None:
    result = run_cli("ingest", str(BAD / "good.txt"), "--db", str(tmp_path))
    assert result.returncode == 1
    _one_line_error(result.stderr, "is a directory, not a store file")


def test_unwritable_export_output_is_one_line(sample_copy: Path, tmp_path: Path) -> None:
    result = run_cli("export", "--db", str(sample_copy), "-o", str(tmp_path / "no" / "x.json"))
    assert result.returncode == 1
    _one_line_error(result.stderr, "x.json: No such file or directory")


def test_read_only_store_simulated_with_sqlite_read_only_mode(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Any user, root included: SQLite's own read-only open stands in for chmod 444."""
    real_connect = store.db._connect

    def read_only_connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
        if not uri:
            target, uri = f"{Path(target).resolve().as_uri()}?mode=ro", True
        return real_connect(target, uri=uri)

    monkeypatch.setattr(store.db, "_connect", read_only_connect)
    before = _digest(sample_copy)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "new.txt").write_text("New\nTalks resumed in Doha.\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in"), "--db", str(sample_copy)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the store is read-only" in err, err
    out = tmp_path / "x.json"
    assert main(["export", "--db", str(sample_copy), "--table", "articles", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 5
    assert _digest(sample_copy) == before


needs_permissions = pytest.mark.skipif(
    not permissions_can_be_obeyed(),
    reason="running as root without the capability to drop DAC override",
)


@needs_permissions
def test_read_only_store_file(sample_copy: Path, tmp_path: Path) -> None:
    sample_copy.chmod(0o444)
    before = _digest(sample_copy)
    result = run_cli("ingest", str(BAD / "good.txt"), "--db", str(sample_copy),
                     obey_permissions=True)
    assert result.returncode == 1
    _one_line_error(result.stderr, str(sample_copy), "read-only")
    result = run_cli("export", "--db", str(sample_copy), "--table", "articles",
                     obey_permissions=True)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5
    assert _digest(sample_copy) == before


@needs_permissions
def test_store_in_a_read_only_directory(sample_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "s.db"
    shutil.move(sample_copy, path)
    before = _digest(path)
    folder.chmod(0o555)  # no -wal or -shm can be created beside the store
    try:
        result = run_cli("ingest", str(BAD / "good.txt"), "--db", str(path),
                         obey_permissions=True)
        assert result.returncode == 1
        _one_line_error(result.stderr, str(path))
        result = run_cli("export", "--db", str(path), "--table", "articles",
                         obey_permissions=True)
        assert result.returncode == 0, result.stderr
        assert len(json.loads(result.stdout)) == 5
        # a new store there cannot be made either
        result = run_cli("ingest", str(BAD / "good.txt"), "--db", str(folder / "new.db"),
                         obey_permissions=True)
        assert result.returncode == 1
        _one_line_error(result.stderr, "new.db")
    finally:
        folder.chmod(0o755)
    assert _digest(path) == before


def test_open_store_readonly_never_creates(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()


def test_readonly_open_of_an_old_schema_asks_for_an_upgrade(tmp_path: Path) -> None:
    # (a file with some other table of its own is no store at all: see the foreign-file test)
    path = tmp_path / "old.db"
    make_version_2_store(path).conn.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        open_store(path, readonly=True)


@pytest.mark.parametrize("version", [2, 3])
def test_commands_upgrade_an_older_store_once_and_say_so(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.db"
    make = make_version_2_store if version == 2 else make_version_3_store
    make(path).conn.close()
    first = run_cli("export", "--table", "statements", "--search", "Peskov", "--db", str(path))
    assert first.returncode == 0, first.stderr
    assert "upgrading the store" in first.stderr and f"from schema {version}" in first.stderr
    assert first.stderr.count("\n") == 1  # one line
    reported = "null" if version == 2 else '"2025-02-18"'  # the v2 article has no date
    assert f'"reported": {reported}' in first.stdout and '"rule": ""' in first.stdout
    assert "talks go on" in first.stdout
    second = run_cli("export", "--table", "metrics", "--search", "Odesa", "--db", str(path))
    assert second.returncode == 0 and second.stderr == ""
    assert "5 drones over Odesa" in second.stdout


def test_another_applications_sqlite_file_is_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    foreign = tmp_path / "notes.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('my own data')")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    for argv in (["--db", str(foreign), "ingest", str(SAMPLE_DATA)],
                 ["--db", str(foreign), "export"]):
        with contextlib.suppress(SystemExit):
            assert main(argv) != 0
        err = capsys.readouterr().err.strip()
        assert "not a sitrep store" in err and len(err.splitlines()) == 1, err
    assert foreign.read_bytes() == before
    assert not Path(f"{foreign}-wal").exists()


def test_a_new_store_carries_sitreps_application_id(tmp_path: Path) -> None:
    from store.db import APPLICATION_ID

    db = open_store(tmp_path / "new.db")
    assert db.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.conn.close()
    open_store(tmp_path / "new.db").conn.close()  # and it opens again as a store
