"""Exporting rows of the store as CSV or JSON. Text is written exactly as stored.

JSON escapes control characters (ESC is written \\u001b; C1 and bidi controls as \\uXXXX), so a
JSON export decodes to the stored text yet never drives a terminal it is printed to. CSV has no
escapes: a CSV file holds the raw text, which is what a spreadsheet or script should get. Only
when CSV goes to a terminal (`for_terminal`) are control characters shown as symbols instead.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import sqlite_utils

from store.db import KEYED_FTS, fts_ids_sql
from store.sanitize import json_dumps_safe, printable
from store.search import fts_query

# `rule`: the extraction rule that made the row; `reported`: its article's date (the date the
# dashboard sorts an undated row by); `cumulative`: a running total, not a daily figure.
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("id", "article_id", "kind", "date", "date_precision", "status", "location",
               "actors", "summary", "evidence", "span_start", "span_end", "rule", "reported"),
    "statements": ("id", "article_id", "speaker", "quote", "mode", "date", "date_precision",
                   "topics", "evidence", "span_start", "span_end", "rule", "reported"),
    "metrics": ("id", "article_id", "kind", "value", "qualifier", "side", "location", "date",
                "date_precision", "claimant", "evidence", "span_start", "span_end",
                "cumulative", "rule", "reported"),
    "articles": ("id", "title", "published", "source", "url", "path", "ingested_at"),
}
_JSON_COLUMNS = {"actors", "topics"}
_BOOL_COLUMNS = {"cumulative"}  # 0/1 in SQLite and CSV, true/false in JSON (as extract --json)


@contextmanager
def atomic_text_file(target: Path) -> Iterator[TextIO]:
    """A text file that becomes `target` only once it is whole.

    It is written beside `target` (so the rename stays on one file system) and renamed into
    place after an fsync; a failure part-way (full disk, file size limit, Ctrl+C, a store
    error) removes it and leaves whatever `target` held before, never a truncated file.
    Every OSError raised names `target`, not the temporary file.
    """
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                         dir=target.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    temp = Path(temp_name)
    try:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                yield out
                out.flush()
                os.fsync(out.fileno())
            if target.exists():
                shutil.copymode(target, temp)
            else:  # mkstemp makes it 0600; a new file gets the mode any new file would
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temp, 0o666 & ~umask)
            os.replace(temp, target)
        except OSError as exc:  # a write to the open file carries no name: give target's
            if exc.filename is None or exc.filename == temp_name:
                raise OSError(exc.errno, exc.strerror, str(target)) from None
            raise
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def export_table(
    db: sqlite_utils.Database,
    table: str,
    fmt: str,
    out: TextIO,
    *,
    search: str | None = None,
    for_terminal: bool = False,
) -> int:
    columns = EXPORT_COLUMNS[table]
    sql = f"SELECT {', '.join('t.' + c for c in columns)} FROM {table} t"
    params: list[str] = []
    if search and search.strip():
        if table in KEYED_FTS:
            sql += f" WHERE t.id IN ({fts_ids_sql(table)})"
        else:
            sql += f" WHERE t.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)"
        params.append(fts_query(search))
    sql += " ORDER BY t.rowid"
    rows = db.conn.execute(sql, params)
    return write_rows(rows, columns, fmt, out, for_terminal=for_terminal)


# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google
# Sheets: an article's "=HYPERLINK(...)" would become a live link in the analyst's sheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """`value`, with a leading apostrophe when a spreadsheet would take the text for a formula
    (OWASP's advice for CSV injection; spreadsheets show the text without it). Numbers and
    other text are unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_rows(
    rows: Iterable[tuple[Any, ...]],
    columns: tuple[str, ...],
    fmt: str,
    out: TextIO,
    *,
    for_terminal: bool = False,
) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            if for_terminal:
                row = tuple(printable(v) if isinstance(v, str) else v for v in row)
            writer.writerow(tuple(spreadsheet_safe(v) for v in row))
            count += 1
        return count
    out.write("[")
    for row in rows:
        record = dict(zip(columns, row, strict=True))
        for key in _JSON_COLUMNS & record.keys():
            record[key] = json.loads(record[key] or "[]")
        for key in _BOOL_COLUMNS & record.keys():
            record[key] = bool(record[key])
        out.write(",\n " if count else "\n ")
        out.write(json_dumps_safe(record))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
