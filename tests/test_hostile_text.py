"""Hostile text: Rich markup, ANSI/OSC escapes and bidi controls in articles are stored exactly,
shown literally and inertly, and escaped in JSON; search input is always searched as text."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from store import open_store
from store.articles import load_article
from store.export import export_table, write_rows
from store.sanitize import json_dumps_safe, printable
from store.search import fts_query
from tui.cli import extraction_json, main
from tui.render import render_extraction

from .fixtures.helpers import HOSTILE, run_cli

ARTICLE = HOSTILE / "markup_and_escapes.txt"
# Anything a terminal could act on: C0 (but \t \n), DEL, C1, bidi controls.
TERMINAL_ACTIVE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "s.db"
    assert main(["ingest", str(ARTICLE), "--db", str(db)]) == 0
    return db


def test_fixture_really_is_hostile() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    for needle in ("[bold red]", "[link=file:///etc/passwd]", "\x1b[31m", "\x1b]0;pwned\x07",
                   "\x1b]8;;file:///etc/passwd\x1b\\", "\u202e", "\u2066", "\x9b31m"):
        assert needle in text


def test_stored_byte_for_byte(hostile_store: Path) -> None:
    conn = sqlite3.connect(hostile_store)
    (stored_text, title) = conn.execute("SELECT text, title FROM articles").fetchone()
    assert stored_text.encode("utf-8") == ARTICLE.read_bytes()
    assert title == ("[bold red]Breaking[/bold red] \x1b[31mred title\x1b[0m "
                     "\u202eevil\u202c")
    quotes = [r[0] for r in conn.execute("SELECT quote FROM statements")]
    assert any("\x1b[5m" in q for q in quotes), quotes
    for table in ("events", "statements", "metrics"):
        for evidence, start, end in conn.execute(
            f"SELECT evidence, span_start, span_end FROM {table}"
        ):
            assert stored_text[start:end] == evidence


def test_extract_tables_show_markup_literally_and_no_escapes() -> None:
    result = run_cli("extract", str(ARTICLE), env={"COLUMNS": "400"})  # no folded cells
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert not TERMINAL_ACTIVE.search(out), repr(TERMINAL_ACTIVE.search(out))
    assert "[bold red]Breaking[/bold red]" in out  # the title, as written
    assert "␛[31mred title␛[0m" in out and "<U+202E>evil<U+202C>" in out
    assert "[bold red]we will ␛[5mnever␛[0m give up[/]" in out


def test_extract_tables_on_a_real_terminal_emit_no_article_escapes() -> None:
    """On a colour terminal rich adds its own styles, but nothing from the article goes live."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=400)
    data = extraction_json(_extract_args())
    render_extraction(data, console)
    out = buffer.getvalue()
    assert "\x1b]" not in out  # no OSC at all: no hyperlinks, no window titles
    assert "\x1b[2J" not in out and "\x1b[5m" not in out and "\x1b[31m" not in out
    assert "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    assert "[link=file:///etc/passwd]" not in out  # that text is in the body, not shown here
    assert "[bold red]Breaking[/bold red]" in out


def _extract_args():
    import argparse

    return argparse.Namespace(file=ARTICLE, published=None, source=None, json=False)


def test_extract_json_escapes_controls_and_round_trips() -> None:
    result = run_cli("extract", str(ARTICLE), "--json")
    assert result.returncode == 0, result.stderr
    assert not TERMINAL_ACTIVE.search(result.stdout.replace("\n", ""))
    assert "\\u001b[31m" in result.stdout and "\\u202e" in result.stdout
    data = json.loads(result.stdout)
    text = load_article(ARTICLE).text
    assert data["article"]["title"].startswith("[bold red]Breaking[/bold red] \x1b[31m")
    for key in ("events", "statements", "metrics"):
        for record in data[key]:
            start, end = record["span"]
            assert text[start:end] == record["evidence"]


@given(st.text())
@settings(max_examples=300)
def test_json_dumps_safe_is_json_and_inert(value: str) -> None:
    dumped = json_dumps_safe({"k": value, "l": [value]})
    assert json.loads(dumped) == {"k": value, "l": [value]}
    assert not TERMINAL_ACTIVE.search(dumped)


@given(st.text())
@settings(max_examples=300)
def test_printable_leaves_nothing_active(value: str) -> None:
    shown = printable(value)
    assert not TERMINAL_ACTIVE.search(shown)
    assert shown.count("\n") == value.count("\n")


@pytest.mark.parametrize("table", ["events", "statements", "metrics", "articles"])
def test_json_export_escapes_and_round_trips(hostile_store: Path, tmp_path: Path,
                                             table: str) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--db", str(hostile_store), "--table", table, "-o", str(out)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert not TERMINAL_ACTIVE.search(raw.replace("\n", ""))
    rows = json.loads(raw)
    assert rows
    conn = sqlite3.connect(hostile_store)
    column = "title" if table == "articles" else "evidence"
    stored = {r[0] for r in conn.execute(f"SELECT {column} FROM {table}")}
    assert {r[column] for r in rows} == stored


def test_csv_export_to_a_file_keeps_raw_text(hostile_store: Path, tmp_path: Path) -> None:
    """Decision: a CSV file holds the text as stored (CSV has no escapes; tools want the data)."""
    out = tmp_path / "x.csv"
    assert main(["export", "--db", str(hostile_store), "--table", "statements", "--format",
                 "csv", "-o", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any("\x1b[5m" in r["quote"] for r in rows)


def test_csv_export_to_a_terminal_is_neutralised(
    hostile_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", "--db", str(hostile_store), "--table", "events", "--format",
                 "csv"]) == 0
    out = capsys.readouterr().out
    assert not TERMINAL_ACTIVE.search(out.replace("\r\n", "").replace("\n", ""))
    assert "␛[5mnever␛[0m" in out


def test_csv_export_to_a_pipe_keeps_raw_text(
    hostile_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert main(["export", "--db", str(hostile_store), "--table", "events", "--format",
                 "csv"]) == 0
    assert "\x1b[5mnever" in capsys.readouterr().out


HOSTILE_QUERIES = ['"', "NEAR", "*", "AND", "(", ")", " - ", "-", "NOT", "^", ":", "", "   ",
                   "!!!", "?.,;", '"unbalanced', "(talks", "talks)", "NEAR(talks drones)",
                   "talks AND", "OR OR", "talks NOT", "-talks", "^talks", "title:talks",
                   "talks*", "*talks", "'", "''", "\\", "_", "\x00", "\x1b[31m", "[bold]",
                   "{title text}: talks", "talks + drones", "a:b:c", "NEAR/3"]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_fts_query_never_errors(hostile_store: Path, query: str) -> None:
    conn = sqlite3.connect(hostile_store)
    for fts in ("articles_fts", "events_fts", "statements_fts"):
        conn.execute(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?",
                     (fts_query(query),)).fetchone()


def test_fts_query_searches_operator_words_as_text(hostile_store: Path) -> None:
    conn = sqlite3.connect(hostile_store)

    def hits(query: str) -> int:
        return conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                            (fts_query(query),)).fetchone()[0]

    assert hits("bold red") == 1          # words that look like markup are just words
    assert hits("passwd") == 1
    assert hits("NEAR") == 0              # an operator word is a word, found or not
    assert hits("talks AND nowhere") == 0  # AND is required as a word, not an operator


@pytest.mark.parametrize("query", ['"', "(", "NEAR(", "-", "AND", "*"])
def test_export_search_with_fts_syntax_is_text(hostile_store: Path, tmp_path: Path,
                                               query: str) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--db", str(hostile_store), "--table", "statements", "--search",
                 query, "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == []


@given(st.text(max_size=40))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
def test_fts_query_random_text_never_errors(hostile_store: Path, query: str) -> None:
    conn = sqlite3.connect(hostile_store)
    try:
        conn.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?",
                     (fts_query(query),)).fetchone()
    finally:
        conn.close()


def test_export_via_store_function_handles_search_syntax(hostile_store: Path) -> None:
    db = open_store(hostile_store, readonly=True)
    out = io.StringIO()
    assert export_table(db, "events", "json", out, search='talks" OR "x') == 0


def test_json_never_holds_infinity(tmp_path: Path) -> None:
    """A 400-digit count parses as inf; JSON output writes null, not invalid `Infinity`."""
    path = tmp_path / "huge.txt"
    path.write_text("Strike\nRussia launched " + "9" * 400 + " drones at Kharkiv, the air "
                    "force said.\n", encoding="utf-8")
    result = run_cli("extract", str(path), "--json")
    assert result.returncode == 0
    assert "Infinity" not in result.stdout
    json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    db = tmp_path / "s.db"
    assert main(["ingest", str(path), "--db", str(db)]) == 0
    out = tmp_path / "m.json"
    assert main(["export", "--db", str(db), "--table", "metrics", "-o", str(out)]) == 0
    assert "Infinity" not in out.read_text(encoding="utf-8")


def test_csv_cells_a_spreadsheet_would_run_are_defused() -> None:
    """CSV injection: text an article controls must not become a formula in a spreadsheet.
    JSON keeps the text exactly."""
    rows = [("=HYPERLINK(\"http://evil\",\"click\")", 1.5), ("+1 drones", -3.0),
            ("-2 km", 0), ("@SUM(A1)", 2), ("\tTab", 3), ("plain = text", 4), ("", 5)]
    buffer = io.StringIO()
    write_rows(iter(rows), ("quote", "value"), "csv", buffer)
    back = list(csv.reader(io.StringIO(buffer.getvalue())))[1:]
    assert [r[0] for r in back] == ["'=HYPERLINK(\"http://evil\",\"click\")", "'+1 drones",
                                    "'-2 km", "'@SUM(A1)", "'\tTab", "plain = text", ""]
    assert [r[1] for r in back] == ["1.5", "-3.0", "0", "2", "3", "4", "5"]  # numbers as they are
    buffer = io.StringIO()
    write_rows(iter(rows), ("quote", "value"), "json", buffer)
    assert json.loads(buffer.getvalue())[0]["quote"].startswith("=HYPERLINK")
