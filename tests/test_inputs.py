"""Inputs other than files: text on standard input, and the plan of an ingest (store.inputs)."""

from __future__ import annotations

import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

from store.inputs import STDIN_NAME, InputOptions, Job, plan, read_one

from .fixtures.helpers import ROOT, run_cli_input

TEXT = ("Envoys meet in Geneva\n\nAndriy Sybiha said \"the talks in Geneva must go on\" on "
        "Monday. Russia launched 40 drones at Kharkiv overnight, the air force said.\n")


def test_text_on_standard_input_is_one_article(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = run_cli_input(TEXT, "ingest", "-", "--db", str(db), "--published", "2025-03-03")
    assert result.returncode == 0, result.stderr
    assert "articles: 1 new" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT title, published, path FROM articles").fetchall() == [
        ("Envoys meet in Geneva", "2025-03-03", None)]
    assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] >= 1
    # The same text again is the same article: unchanged, not a second copy.
    again = run_cli_input(TEXT, "ingest", "-", "--db", str(db))
    assert "articles: 0 new, 1 unchanged" in again.stderr, again.stderr


def test_empty_standard_input_fails_with_its_name(tmp_path: Path) -> None:
    result = run_cli_input("  \n", "ingest", "-", "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1
    assert f"sitrep: error: {STDIN_NAME}: text holds only whitespace" in result.stderr
    assert "Traceback" not in result.stderr


def test_binary_standard_input_fails_with_its_name(tmp_path: Path) -> None:
    result = run_cli_input("\x00\x01\x02" * 100, "ingest", "-", "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1
    assert f"sitrep: error: {STDIN_NAME}: binary file" in result.stderr, result.stderr


def test_standard_input_named_twice_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli_input(TEXT, "ingest", "-", "-", "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2
    assert "- (standard input) given more than once" in result.stderr
    assert not (tmp_path / "s.db").exists()


def test_extract_reads_standard_input() -> None:
    result = run_cli_input(TEXT, "extract", "-", "--json", "--published", "2025-03-03")
    assert result.returncode == 0, result.stderr
    assert '"speaker": "Andrii Sybiha"' in result.stdout  # the canonical spelling


def test_a_plan_keeps_file_jobs_in_order_and_counts_them(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # a sidecar, never an input
    todo = plan([tmp_path, tmp_path / "missing.txt"], InputOptions(source="Wire"))
    jobs = list(todo.jobs)
    assert [Path(j.key).name for j in jobs] == ["a.md", "b.txt"]
    assert todo.known == 2 and all(j == Job(j.key, source="Wire") for j in jobs)
    assert [(Path(f.path).name, f.reason) for f in todo.failures] == [
        ("missing.txt", "no such file or directory")]


def test_read_one_reads_a_file_as_ingest_would(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_one(path, published="2025-03-03")
    assert article.title == "Envoys meet in Geneva" and article.published == "2025-03-03"
    assert article.path == str(path.resolve())


def test_standard_input_from_a_terminal_says_it_is_waiting_for_text(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "ingest", "-", "--db",
                             str(tmp_path / "s.db")], stdin=follower, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, cwd=ROOT, text=True)
    os.close(follower)
    try:
        assert proc.stderr is not None
        hint = proc.stderr.readline()  # said before the read, so the user knows it waits
        os.write(leader, TEXT.encode() + b"\x04")
        _, rest = proc.communicate(timeout=30)
    finally:
        os.close(leader)
    assert hint == "sitrep: reading the article from standard input (end it with Ctrl+D)\n"
    assert proc.returncode == 0 and "articles: 1 new" in rest, rest
