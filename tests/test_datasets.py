"""Datasets of articles: CSV, JSONL and JSON files read a row at a time (store.datasets).

Every dataset here is written by the test from sentences written here; the corpus pool is made a
dataset in tmp_path at run time and never kept.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

import store.datasets as datasets
from store import ingest_paths, open_store
from store.datasets import Row, RowFailure, published_day, read_dataset, sniff_delimiter
from store.ingest import IngestReport

from .fixtures.helpers import ROOT, run_cli

POOL = ROOT.parent / "shared" / "corpus" / "pool"


def body(i: int) -> str:
    """An article body (no title line) that gives a statement and a metric."""
    return (f'Andriy Sybiha said "round {i} of the talks in Geneva must go on" on Monday.\n'
            f"Russia launched {i + 20} drones at Kharkiv overnight, the air force said.")


HEADER = ["Headline", "Body Text", "Published At", "Link", "Outlet", "Byline"]


def rows(count: int, start: int = 0) -> list[list[str]]:
    return [[f"Talks, round {i}", body(i), f"2025-03-{i % 28 + 1:02d}T09:30:00+02:00",
             f"https://news.example/{i}", "Example Wire", "A. Writer"]
            for i in range(start, start + count)]


def write_csv(path: Path, table: list[list[str]], delimiter: str = ",",
              encoding: str = "utf-8", header: list[str] = HEADER) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(table)
    return path


def write_jsonl(path: Path, lines: list[object | str]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def ingest(db_path: Path, *paths: Path, **options: object) -> IngestReport:
    db = open_store(db_path)
    try:
        return ingest_paths(db, list(paths), **options)  # type: ignore[arg-type]
    finally:
        db.conn.close()


def query(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# --- CSV -----------------------------------------------------------------------------------

def test_a_csv_dataset_is_an_article_a_row_with_columns_found_by_name(tmp_path: Path) -> None:
    dataset = write_csv(tmp_path / "news.csv", rows(3))
    result = run_cli("ingest", str(dataset), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        "articles: 3 new, 0 unchanged, 0 replaced, 0 failed; rows added: ")
    stored = query(tmp_path / "s.db", "SELECT title, published, source, url, author, path "
                   "FROM articles ORDER BY url")
    assert stored[0] == ("Talks, round 0", "2025-03-01", "Example Wire",
                         "https://news.example/0", "A. Writer", "https://news.example/0")
    assert len(stored) == 3
    assert query(tmp_path / "s.db", "SELECT count(*) FROM statements")[0][0] >= 3


def test_semicolons_a_byte_order_mark_and_line_breaks_in_quoted_fields(tmp_path: Path) -> None:
    table = [["Envoys meet", 'The minister said "talks go on";\r\nthen he left.', "2025-03-03",
              "", "", ""], ["Second", "Drones over Odesa.\n\nA second paragraph.", "", "", "",
                            ""]]
    dataset = write_csv(tmp_path / "semi.csv", table, delimiter=";", encoding="utf-8-sig")
    assert dataset.read_bytes().startswith(b"\xef\xbb\xbfHeadline;")
    got = list(read_dataset(dataset))
    assert [row.text for row in got if isinstance(row, Row)] == [
        'The minister said "talks go on";\nthen he left.',
        "Drones over Odesa.\n\nA second paragraph."]
    first = dict(got[0].meta)  # type: ignore[union-attr]
    assert first["title"] == "Envoys meet" and first["published"] == "2025-03-03"
    assert first["path"] == f"{dataset.resolve()}#row 1"  # no URL: matched by its place


@pytest.mark.parametrize(("header", "delimiter"), [
    ("title,text,date", ","), ("title;text;date", ";"), ("title\ttext\tdate", "\t"),
    ('"title, as given";text;date', ";"), ("text", ","), ("a|b|c", "|")])
def test_the_delimiter_is_sniffed_from_the_header(header: str, delimiter: str) -> None:
    assert sniff_delimiter(header) == delimiter


def test_a_tab_separated_dataset(tmp_path: Path) -> None:
    dataset = write_csv(tmp_path / "news.csv", rows(2), delimiter="\t")
    report = ingest(tmp_path / "s.db", dataset)
    assert (report.new, report.failed) == (2, [])


def test_a_long_text_field_is_read_and_one_past_the_cap_fails_alone(tmp_path: Path) -> None:
    long_text = " ".join([body(1)] * 1500)  # ~200 KB: past the csv module's default limit
    assert len(long_text) > 131072  # the csv module's default field_size_limit
    huge = "Drones over Odesa. " * (21 * 1024 * 1024 // 19 + 1)  # past 20 MB
    dataset = write_csv(tmp_path / "long.csv", [["Long", long_text, "", "", "", ""],
                                                ["Huge", huge, "", "", "", ""],
                                                *rows(1, start=5)])
    result = run_cli("ingest", str(dataset), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1
    assert (f"sitrep: error: {dataset} row 2: text too large for an article (21 MB > 20 MB)"
            in result.stderr), result.stderr
    assert "articles: 2 new, 0 unchanged, 0 replaced, 1 failed" in result.stderr
    lengths = query(tmp_path / "s.db", "SELECT length(text) FROM articles ORDER BY 1 DESC")
    assert lengths[0][0] == len(long_text)


def test_a_row_longer_than_any_row_fails_alone_and_the_next_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "MAX_ROW_CHARS", 4096)
    long_line = "x" * 10_000  # one physical line, never held whole
    table = [["A", body(1), "", "", "", ""], ["B", long_line, "", "", "", ""],
             ["C", body(2) + '\n"quoted" ' + long_line, "", "", "", ""],
             ["D", body(3), "", "", "", ""]]
    got = list(read_dataset(write_csv(tmp_path / "rows.csv", table)))
    assert [type(row).__name__ for row in got] == ["Row", "RowFailure", "RowFailure", "Row"]
    assert got[1].reason.startswith("longer than 0 M characters")  # type: ignore[union-attr]
    assert dict(got[3].meta)["title"] == "D"  # type: ignore[union-attr]


def test_a_quote_left_open_fails_its_row_not_the_rows_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "MAX_ROW_CHARS", 2000)
    dataset = tmp_path / "open.csv"
    dataset.write_text("title,text\nA,Sirens in Kyiv at dawn.\nB,\"The quote never ends\n"
                       + "and the rest reads as inside it\n" * 100, encoding="utf-8")
    got = list(read_dataset(dataset))
    assert isinstance(got[0], Row) and got[0].text == "Sirens in Kyiv at dawn."
    assert len(got) == 2 and isinstance(got[1], RowFailure)
    assert "a quote left open?" in got[1].reason


def test_a_row_with_more_fields_than_the_header_fails_alone(tmp_path: Path) -> None:
    dataset = tmp_path / "wide.csv"
    dataset.write_text("title,text\nA,Sirens in Kyiv, at dawn.\nB,Calm in Lviv.,\n",
                       encoding="utf-8")
    got = list(read_dataset(dataset))
    assert got[0] == RowFailure(f"{dataset} row 1", "3 fields, the header names 2 (a field "
                                "holding ',' not quoted?)")
    assert isinstance(got[1], Row) and got[1].text == "Calm in Lviv."  # a trailing empty field


def test_a_latin_1_row_is_read_with_a_warning(tmp_path: Path) -> None:
    dataset = tmp_path / "latin.csv"
    dataset.write_bytes("title,text\nA,Sirens in Kyiv at dawn.\nB,Caf\u00e9 talks in "
                        "Gen\u00e8ve.\n".encode("latin-1"))
    report = ingest(tmp_path / "s.db", dataset)
    assert report.new == 2 and report.ok
    assert [(w.path, w.reason) for w in report.warnings] == [
        (f"{dataset} row 2", "not UTF-8; decoded as Latin-1")]
    assert ("Café talks in Genève.",) in query(tmp_path / "s.db", "SELECT text FROM articles")


def test_a_csv_without_a_header_row_is_refused_whole(tmp_path: Path) -> None:
    dataset = write_csv(tmp_path / "bare.csv", [], header=["Talks", body(1) * 3])
    assert list(read_dataset(dataset)) == [RowFailure(
        str(dataset), "the first row is not a header (a cell of 423 characters); a CSV "
        "dataset starts with a row naming its columns")]


@pytest.mark.parametrize(("content", "reason"), [
    ("", "empty file (a CSV dataset starts with a header row)"),
    ("title,text\n\n", "no rows after the header")])
def test_an_empty_csv_fails_whole(tmp_path: Path, content: str, reason: str) -> None:
    dataset = tmp_path / "empty.csv"
    dataset.write_text(content, encoding="utf-8")
    assert list(read_dataset(dataset)) == [RowFailure(str(dataset), reason)]


# --- columns -------------------------------------------------------------------------------

def test_a_dataset_with_no_text_column_fails_whole_in_one_line(tmp_path: Path) -> None:
    dataset = write_csv(tmp_path / "ids.csv", [["1", "x", "y"]], header=["id", "foo", "bar"])
    other = write_csv(tmp_path / "news.csv", rows(1))
    result = run_cli("ingest", str(dataset), str(other), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1
    assert (f"sitrep: error: {dataset}: no text column among: id, foo, bar; name it with "
            "--text-column\n") in result.stderr
    assert "articles: 1 new" in result.stderr and "Traceback" not in result.stderr


def test_a_text_column_named_that_is_not_there_fails_whole(tmp_path: Path) -> None:
    dataset = write_csv(tmp_path / "news.csv", rows(2))
    result = run_cli("ingest", str(dataset), "--text-column", "story",
                     "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1
    assert (f"sitrep: error: {dataset}: no column 'story' (--text-column) among: Headline, "
            "Body Text, Published At, Link, Outlet, Byline\n") in result.stderr
    assert "articles: 0 new" in result.stderr


def test_columns_named_on_the_command_line_win(tmp_path: Path) -> None:
    dataset = write_csv(tmp_path / "huffpost.csv", [
        ["https://news.example/9", "Envoys meet", body(9), "2025-03-05", "B. Writer"]],
        header=["link", "headline", "short_description", "day", "authors"])
    result = run_cli("ingest", str(dataset), "--text-column", "Short Description",
                     "--date-column", "day", "--source-column", "authors",
                     "--db", str(tmp_path / "s.db"))
    assert result.returncode == 0, result.stderr
    assert query(tmp_path / "s.db", "SELECT title, published, source, url FROM articles") == [
        ("Envoys meet", "2025-03-05", "B. Writer", "https://news.example/9")]


@pytest.mark.parametrize(("record", "expected"), [
    # news-please
    ({"maintext": "T", "title": "H", "date_publish": "2025-03-03 10:00:00", "url": "https://a/1",
      "source_domain": "a.example", "authors": ["A. One", "B. Two"]},
     {"title": "H", "published": "2025-03-03", "source": "a.example", "author": "A. One, B. Two",
      "url": "https://a/1"}),
    # NewsAPI
    ({"source": {"id": "w", "name": "Wire"}, "author": "C", "title": "H", "content": "T",
      "url": "https://a/2", "publishedAt": "2025-03-03T10:00:00Z"},
     {"title": "H", "published": "2025-03-03", "source": "Wire", "author": "C",
      "url": "https://a/2"}),
    # the Guardian's API: the text inside "fields"
    ({"webTitle": "H", "webUrl": "https://a/3", "webPublicationDate": "2025-03-03T10:00:00Z",
      "fields": {"bodyText": "T", "byline": "D"}},
     {"title": "H", "published": "2025-03-03", "author": "D", "url": "https://a/3"}),
    # Kaggle's "All the news", and a Mongo export's date
    ({"id": 7, "title": "H", "publication": "Paper", "content": "T",
      "date": {"$date": "2025-03-03"}},
     {"title": "H", "published": "2025-03-03", "source": "Paper"}),
])
def test_column_names_of_common_news_datasets(tmp_path: Path, record: dict,
                                              expected: dict) -> None:
    got = list(read_dataset(write_jsonl(tmp_path / "d.jsonl", [record])))
    assert len(got) == 1 and isinstance(got[0], Row) and got[0].text == "T"
    meta = dict(got[0].meta)
    assert {k: meta[k] for k in expected} == expected
    assert set(meta) - set(expected) <= {"title_wins", "path"}


# --- JSONL and JSON ------------------------------------------------------------------------

def test_a_jsonl_bad_line_fails_alone_named_by_its_line(tmp_path: Path) -> None:
    dataset = write_jsonl(tmp_path / "news.jsonl", [
        {"title": "A", "text": body(1)}, "", '{"title": "B", "text": ', "[1, 2]",
        {"title": "C", "text": "  "}, {"title": "D", "text": body(2)}])
    result = run_cli("ingest", str(dataset), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "error" in line] == [
        f"sitrep: error: {dataset} line 3: not JSON (Expecting value at column 24)",
        f"sitrep: error: {dataset} line 4: an array, not an object with the article's fields",
        f"sitrep: error: {dataset} line 5: text holds only whitespace"]
    assert "articles: 2 new, 0 unchanged, 0 replaced, 3 failed" in result.stderr
    assert query(tmp_path / "s.db", "SELECT title FROM articles ORDER BY 1") == [("A",), ("D",)]


def test_objects_of_many_layouts_are_each_read_by_their_own_keys(tmp_path: Path) -> None:
    lines: list[object | str] = [{"text": body(i), f"extra_{i}": i} for i in range(300)]
    lines.append({"headline": "no text", "extra": 1})
    got = list(read_dataset(write_jsonl(tmp_path / "d.jsonl", lines)))
    assert sum(isinstance(row, Row) for row in got) == 300
    assert got[-1] == RowFailure(f"{tmp_path / 'd.jsonl'} line 301",
                                 "no text column among: headline, extra")


@pytest.mark.parametrize("shape", ["array", "articles", "data", "items", "one", "lines"])
def test_json_shapes(tmp_path: Path, shape: str) -> None:
    articles = [{"title": f"T{i}", "text": body(i)} for i in range(2)]
    document = {"array": articles, "articles": {"status": "ok", "articles": articles},
                "data": {"data": articles, "total": 2}, "items": {"meta": {}, "items": articles},
                "one": articles[0]}.get(shape)
    dataset = tmp_path / "news.json"
    if shape == "lines":  # many exports write one object a line and call it .json
        write_jsonl(dataset, articles)
    else:
        dataset.write_text(json.dumps(document, indent=1), encoding="utf-8")
    got = list(read_dataset(dataset))
    assert all(isinstance(row, Row) for row in got)
    assert [dict(row.meta)["title"] for row in got] == ["T0", "T1"][:len(got)]  # type: ignore
    assert len(got) == (1 if shape == "one" else 2)
    assert got[0].key == f"{dataset} {'line' if shape == 'lines' else 'row'} 1"


@pytest.mark.parametrize(("content", "reason"), [
    ('"just a string"', "a string, not an array of articles"),
    ('{"meta": 1, "a": [{"x": 1}], "b": [{"y": 2}]}',
     "no array of articles in this object (keys: meta, a, b); a JSON dataset is an array of "
     "objects, or an object holding one"),
    ('[{"text": "x"},', "not JSON: Expecting value: line 1 column 16 (char 15)"),
    ("[]", "no articles in it")])
def test_a_json_file_that_is_not_a_dataset_fails_whole(tmp_path: Path, content: str,
                                                       reason: str) -> None:
    dataset = tmp_path / "bad.json"
    dataset.write_text(content, encoding="utf-8")
    assert list(read_dataset(dataset)) == [RowFailure(str(dataset), reason)]


def test_a_json_file_past_the_cap_is_refused_unread_with_a_hint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "MAX_JSON_BYTES", 3 * 1024 * 1024)
    dataset = tmp_path / "big.json"
    dataset.write_text(json.dumps([{"text": body(i) * 40} for i in range(1000)]),
                       encoding="utf-8")
    assert list(read_dataset(dataset)) == [RowFailure(str(dataset), (
        "too large to read whole (5 MB > 3 MB); as JSONL (one article a line, .jsonl) it is "
        "read a row at a time"))]


def test_csv_and_jsonl_stream_in_constant_memory(tmp_path: Path) -> None:
    table = [[title, " ".join([text] * 4), *rest] for title, text, *rest in rows(5000)]
    csv_file = write_csv(tmp_path / "big.csv", table)
    jsonl_file = write_jsonl(tmp_path / "big.jsonl", [dict(zip(HEADER, row, strict=True))
                                                     for row in table])
    del table
    for dataset in (csv_file, jsonl_file):
        assert dataset.stat().st_size > 3_000_000
        tracemalloc.start()
        count = sum(1 for row in read_dataset(dataset) if isinstance(row, Row))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == 5000
        # SeenUrls' 1 MiB, and a few rows
        assert peak < 1_500_000, f"{dataset.name}: {peak:,} bytes at the peak"


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "day"), [
    ("2025-03-03", "2025-03-03"), ("2025-03-03T23:30:00-05:00", "2025-03-03"),
    ("2025-03-03 10:00:00", "2025-03-03"), ("2025-03-03T10:00:00Z", "2025-03-03"),
    ("Mon, 03 Mar 2025 23:30:00 -0500", "2025-03-03"), ("03 Mar 2025 10:00 GMT", "2025-03-03"),
    ("1740960000", "2025-03-03"), ("1740960000000", "2025-03-03"), ("1740960000.5", "2025-03-03"),
    ("March 3, 2025", "2025-03-03"), ("3 March 2025", "2025-03-03"),
    ("Monday, March 3rd 2025", "2025-03-03"), ("20250303", "2025-03-03"),
    ("20250303121500", "2025-03-03"), ("20250303T121500Z", "2025-03-03"),
    ("03.04.2025", "2025-04-03"), ("  2025-03-03  ", "2025-03-03"),
    ("someday", None), ("yesterday", None), ("2025-02-30", None), ("0001-01-01", None),
    ("x" * 200, None), ("", None)])
def test_dates_a_dataset_may_give(value: str, day: str | None) -> None:
    assert published_day(value) == day


def test_an_unreadable_date_is_a_warning_on_its_row(tmp_path: Path) -> None:
    dataset = write_jsonl(tmp_path / "d.jsonl", [
        {"text": body(1), "date": "in the spring"}, {"text": body(2), "date": 1740960000}])
    result = run_cli("ingest", str(dataset), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 0, result.stderr
    assert (f"sitrep: warning: {dataset} line 1: date 'in the spring' not understood; dated as "
            "an article that gives none") in result.stderr
    assert "articles: 2 new" in result.stderr
    assert sorted(query(tmp_path / "s.db", "SELECT published FROM articles"),
                  key=str) == [("2025-03-03",), (None,)]


# --- ingesting again -----------------------------------------------------------------------

def dataset_with_every_kind_of_row(path: Path, edit: int | None = None) -> Path:
    table = rows(3)
    table.append(["No link", body(30), "", "", "", ""])  # matched by its place
    table.append(["Same link, new text", body(31), "", "https://news.example/0", "", ""])
    table.append(["A copy", body(1), "", "https://news.example/copy", "", ""])
    if edit is not None:
        table[edit][1] += " Officials said more later."
    return write_csv(path, table)


def test_ingesting_a_dataset_again_changes_nothing(tmp_path: Path) -> None:
    dataset = dataset_with_every_kind_of_row(tmp_path / "news.csv")
    first = ingest(tmp_path / "s.db", dataset)
    assert (first.new, first.unchanged, first.failed) == (5, 1, [])  # "A copy" is row 2's text
    again = ingest(tmp_path / "s.db", dataset)
    assert (again.new, again.unchanged, again.replaced, again.rows_added) == (0, 6, 0, 0)
    paths = [p for (p,) in query(tmp_path / "s.db", "SELECT path FROM article_paths")]
    assert sorted(paths) == sorted([f"{dataset.resolve()}#row 4", f"{dataset.resolve()}#row 5",
                                    "https://news.example/0", "https://news.example/1",
                                    "https://news.example/2", "https://news.example/copy"])


@pytest.mark.parametrize("edit", [2, 3], ids=["row with a URL", "row without"])
def test_an_edited_row_replaces_its_article(tmp_path: Path, edit: int) -> None:
    db = tmp_path / "s.db"
    dataset = dataset_with_every_kind_of_row(tmp_path / "news.csv")
    ingest(db, dataset)
    before = {t for (t,) in query(db, "SELECT text FROM articles")}
    dataset_with_every_kind_of_row(dataset, edit=edit)
    report = ingest(db, dataset)
    assert (report.new, report.unchanged, report.replaced) == (0, 5, 1)
    after = {t for (t,) in query(db, "SELECT text FROM articles")}
    assert len(after) == len(before) and len(after - before) == 1
    assert (after - before).pop().endswith("Officials said more later.")


def test_a_dataset_exported_again_in_another_order_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest(db, write_csv(tmp_path / "a.csv", rows(4)))
    report = ingest(db, write_csv(tmp_path / "b.csv", rows(4)[::-1]))
    assert (report.new, report.unchanged, report.replaced) == (0, 4, 0)


def test_workers_read_a_dataset_as_one_process_does(tmp_path: Path) -> None:
    dataset = dataset_with_every_kind_of_row(tmp_path / "news.csv")
    result = run_cli("ingest", str(dataset), "--workers", "2", "--db", str(tmp_path / "w.db"))
    alone = run_cli("ingest", str(dataset), "--db", str(tmp_path / "s.db"))
    assert result.returncode == alone.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == alone.stderr.splitlines()[-1]
    # The same texts and the same rows pointing to them. Which of two rows with one text
    # names the article (its title and shown path) is whichever was written first, and
    # workers finish in no set order.
    for sql in ("SELECT id FROM articles ORDER BY id",
                "SELECT path, article_id FROM article_paths ORDER BY path"):
        assert query(tmp_path / "w.db", sql) == query(tmp_path / "s.db", sql)


def test_extract_refuses_a_dataset_with_the_reason(tmp_path: Path) -> None:
    dataset = write_csv(tmp_path / "news.csv", rows(1))
    result = run_cli("extract", str(dataset))
    assert result.returncode == 1
    assert "a dataset of many articles: `sitrep ingest` reads it" in result.stderr


# --- the corpus pool as a dataset ----------------------------------------------------------

@pytest.mark.skipif(not POOL.is_dir(), reason="../shared/corpus is not beside the clone")
def test_the_corpus_pool_as_a_dataset_is_the_pool_as_a_folder(tmp_path: Path) -> None:
    """The pool's 366 articles written as one JSONL (text, and the sidecar's published,
    source and url) ingest to what the folder ingests to: same summary, same rows."""
    dataset = tmp_path / "pool.jsonl"
    with dataset.open("w", encoding="utf-8") as out:
        for text_file in sorted(POOL.glob("*.txt")):
            meta = json.loads(text_file.with_name(text_file.stem + ".meta.json")
                              .read_text(encoding="utf-8"))
            out.write(json.dumps({"text": text_file.read_text(encoding="utf-8"),
                                  **{k: meta.get(k) for k in ("published", "source", "url")}})
                      + "\n")
    started = time.monotonic()
    # Both at once, one process each: the machine's two cores, half the time.
    runs = [subprocess.Popen([sys.executable, "-m", "tui.cli", "ingest", str(path), "--db",
                              str(tmp_path / f"{name}.db")], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for name, path in (("folder", POOL), ("dataset", dataset))]
    outputs = [run.communicate(timeout=300) for run in runs]
    elapsed = time.monotonic() - started
    assert [run.returncode for run in runs] == [0, 0], outputs
    folder, from_dataset = (err.strip().splitlines() for _out, err in outputs)
    assert len(from_dataset) == 1, from_dataset  # one line: the summary
    assert from_dataset == folder
    assert from_dataset[0].startswith("articles: 366 new, 0 unchanged, 0 replaced, 0 failed")
    for table in ("articles", "events", "statements", "metrics"):
        sql = (f"SELECT count(*) FROM {table}" if table != "articles" else
               "SELECT group_concat(id || published || source || url, ',') FROM "
               "(SELECT * FROM articles ORDER BY id)")
        assert query(tmp_path / "dataset.db", sql) == query(tmp_path / "folder.db", sql), table
    print(f"pool as a folder and as a JSONL dataset, side by side: {elapsed:.1f} s")
