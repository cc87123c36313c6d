from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main

from .conftest import SAMPLE_DATA

EVENT_FIELDS = {"kind", "date", "location", "actors", "summary", "evidence", "span",
                "date_precision", "status"}
STATEMENT_FIELDS = {"speaker", "quote", "mode", "date", "topics", "evidence", "span",
                    "date_precision"}
METRIC_FIELDS = {"kind", "value", "qualifier", "side", "location", "date", "evidence", "span",
                 "date_precision", "claimant"}
EVENT_KINDS = {"talks", "call", "meeting", "strike", "advance", "ceasefire", "deployment",
               "sanctions", "agreement"}
QUALIFIERS = {"exact", "at_least", "over", "about", "up_to"}
PRECISIONS = {"day", "week", "month", "year", "unknown"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_ingest_all_good_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(SAMPLE_DATA), "--db", str(tmp_path / "s.db")]) == 0
    err = capsys.readouterr().err
    assert "5 new" in err and "0 failed" in err


def test_ingest_partly_bad_exits_1_and_names_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Talks\nRussia launched 5 drones, the governor said.\n",
                                     encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err
    assert "pic.txt: binary file" in err
    assert "Traceback" not in err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_ingest_missing_path_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "s.db")]) == 1
    assert "nope: no such file or directory" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run_cli("ingest", str(SAMPLE_DATA), "--published", "2025-02-30")
    assert result.returncode == 2
    assert "not a date" in result.stderr and "Traceback" not in result.stderr
    assert run_cli("ingest").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_unusable_store_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    result = run_cli("ingest", str(SAMPLE_DATA), "--db", str(bad))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "bad.db" in result.stderr


@pytest.mark.parametrize("path", sorted(SAMPLE_DATA.glob("*.txt")), ids=lambda p: p.stem)
def test_extract_json_follows_the_contract(path: Path) -> None:
    result = run_cli("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    text = path.read_text(encoding="utf-8")
    assert set(data) >= {"article", "events", "statements", "metrics"}
    art = data["article"]
    assert set(art) >= {"id", "title", "published", "source"}
    assert len(art["id"]) == 16 and int(art["id"], 16) >= 0
    checks = (("events", EVENT_FIELDS), ("statements", STATEMENT_FIELDS),
              ("metrics", METRIC_FIELDS))
    for key, fields in checks:
        for record in data[key]:
            assert fields <= set(record), (key, fields - set(record))
            start, end = record["span"]
            assert text[start:end] == record["evidence"]
            assert record["date_precision"] in PRECISIONS
            if record["date"] is not None:
                assert len(record["date"]) == 10 and record["date"][4] == "-"
    for event in data["events"]:
        assert event["kind"] in EVENT_KINDS
        assert event["status"] in {"occurred", "planned", "claimed", "denied"}
        assert isinstance(event["actors"], list)
    for statement in data["statements"]:
        assert statement["mode"] in {"direct", "indirect"}
        assert statement["speaker"] and statement["quote"]
        assert isinstance(statement["topics"], list)
    for metric in data["metrics"]:
        assert isinstance(metric["value"], int | float)
        assert metric["qualifier"] in QUALIFIERS


def test_extract_touches_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "never.db"))
    assert main(["extract", str(SAMPLE_DATA / "002_218d2435dfe733c9.txt"), "--json"]) == 0
    assert not (tmp_path / "never.db").exists()


def test_extract_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "missing.txt"), "--json")
    assert result.returncode == 1
    assert "missing.txt: no such file" in result.stderr and "Traceback" not in result.stderr


def test_extract_without_json_renders_tables() -> None:
    result = run_cli("extract", str(SAMPLE_DATA / "003_9909a515f67f05aa.txt"))
    assert result.returncode == 0
    assert "statements (" in result.stdout and "events (" in result.stdout


def test_default_store_is_built_from_samples_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from store.db import default_db_path
    from tui import cli

    path = default_db_path()
    assert not path.exists()
    cli.ensure_store(path, cli.Console(stderr=True), default=True)
    assert "building the store" in capsys.readouterr().err
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    cli.ensure_store(path, cli.Console(stderr=True), default=True)
    assert "building" not in capsys.readouterr().err


def test_default_db_path_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from store.db import default_db_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "sitrep" / "sitrep.db"
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"


def test_export_json_and_csv(sample_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["export", "--db", str(sample_store_path), "--table", "events",
                 "-o", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows and {"kind", "evidence", "article_id"} <= set(rows[0])
    csv_out = tmp_path / "s.csv"
    assert main(["export", "--db", str(sample_store_path), "--table", "metrics", "--format",
                 "csv", "-o", str(csv_out)]) == 0
    assert csv_out.read_text(encoding="utf-8").startswith("id,article_id,kind,value")


def test_ingest_of_an_empty_path_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `sitrep ingest "$DIR"` with DIR unset must not read the working directory
    (tmp_path / "stray.txt").write_text("Title\n\nRussia struck Kyiv on Monday.\n")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "s.db"
    with pytest.raises(SystemExit) as stop:
        main(["ingest", "", "--db", str(db)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "empty path" in err and len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_a_failed_export_keeps_the_previous_file(
    sample_store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.export

    out = tmp_path / "statements.json"
    assert main(["--db", str(sample_store_path), "export", "-o", str(out)]) == 0
    good = out.read_bytes()
    umask = os.umask(0)
    os.umask(umask)
    assert good and out.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, not 0600

    def broken(db: object, table: str, fmt: str, stream: Any, **kwargs: object) -> int:
        stream.write("[{\"half\": ")  # part of the file is written, then the export fails
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.export, "export_table", broken)
    assert main(["--db", str(sample_store_path), "export", "-o", str(out)]) != 0
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["statements.json"]


def test_paths_printed_while_building_the_store_are_made_inert(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from tui.cli import ensure_store

    path = tmp_path / "evil\x1b]52;c;aGk=\x07\x1b[31m.db"  # an OSC 52 and a colour in a name
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=False, soft_wrap=True)
    ensure_store(path, console)  # a new store that is not the default: how to fill it
    ensure_store(path, console, samples=True)
    said = buf.getvalue()
    assert "is empty: add articles with" in said and "adding the sample articles in" in said
    assert "\x1b" not in said and "\x07" not in said and "␛]52;c;aGk=␇␛[31m.db" in said


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_stdout_that_cannot_encode_unicode_gets_escapes_not_a_traceback(
    sample_store_path: Path, encoding: str
) -> None:
    article = str(next(SAMPLE_DATA.glob("*.txt")))
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    runs = {
        "extract": ["extract", article, "--json"],
        "export": ["--db", str(sample_store_path), "export", "--table", "statements"],
    }
    for name, argv in runs.items():
        narrow = subprocess.run([sys.executable, "-m", "tui.cli", *argv], capture_output=True,
                                env=env, timeout=120)
        wide = run_cli(*argv)
        assert narrow.returncode == 0 and b"Traceback" not in narrow.stderr, (name, narrow.stderr)
        assert json.loads(narrow.stdout.decode(encoding)) == json.loads(wide.stdout), name
    table = subprocess.run([sys.executable, "-m", "tui.cli", "eval", str(SAMPLE_DATA),
                            str(Path(__file__).parent / "gold")], capture_output=True, env=env,
                           timeout=120)
    assert table.returncode == 0 and b"Traceback" not in table.stderr


def test_no_home_directory_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("SITREP_DB", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert main(["export"]) != 0
    err = capsys.readouterr().err.strip()
    assert "no home directory" in err and "--db" in err and len(err.splitlines()) == 1
