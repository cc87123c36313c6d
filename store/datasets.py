"""Datasets: CSV, JSONL and JSON files holding many articles, read one row at a time.

Pure reading: `read_dataset` yields each row as a `Row` (its text and what the row says about
it: title, published, source, url, author, and the `path` a later ingest of the same row is
matched by) or a `RowFailure`; store.inputs makes the rows jobs for the workers.

CSV and JSONL stream: a row is read, turned into a `Row` and let go, so a 1 GB file takes no
more memory than its largest row (at most MAX_ROW_CHARS). A JSON document cannot be parsed a
piece at a time with the standard library, so it is read whole, up to MAX_JSON_BYTES.

Columns are found by name, loosely ("Published At", "published_at" and "publishedAt" are one
name), among the names news datasets use (news-please, NewsAPI, GDELT, Common Crawl News,
Kaggle's news sets, the Guardian's API); `--NAME-column` names one outright.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from store.articles import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    _too_large,
    decode,
    open_regular,
    read_limited,
    storable,
)

DATASET_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".json")
# A CSV row or JSONL line is read whole before its columns are known: room for an article at
# the cap, escaped (JSON's \uXXXX makes non-Latin text up to 6 times longer), with other
# columns beside it (some exports keep the page's HTML). Past it, the row fails alone.
MAX_ROW_CHARS = 64 * 1024 * 1024
# A JSON document is parsed whole: its objects take a few times its size in memory.
MAX_JSON_BYTES = 200 * 1024 * 1024

# Column names each field is found by, best first, compared by `_normal` (case, spaces,
# underscores, hyphens and dots ignored).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "fulltext", "articletext", "bodytext", "body", "articlebody",
             "content", "article", "story", "storytext", "newstext", "rawtext", "cleantext",
             "document"),
    "title": ("title", "headline", "webtitle", "articletitle", "heading", "name", "subject"),
    "date": ("published", "publishdate", "datepublish", "publishedat", "publisheddate",
             "datepublished", "publicationdate", "webpublicationdate", "pubdate", "date",
             "datetime", "seendate", "sqldate", "time", "timestamp", "created", "createdat",
             "datecreated"),
    "url": ("url", "link", "href", "weburl", "articleurl", "sourceurl", "canonicalurl",
            "permalink", "pageurl", "uri", "documentidentifier"),
    "source": ("source", "sourcename", "site", "sitename", "outlet", "publisher",
               "publication", "medianame", "media", "newspaper", "sourcedomain", "domain",
               "sourcecommonname"),
    "author": ("author", "authors", "byline", "authorname", "writer", "creator", "by"),
}
# Inside an object value ({"source": {"id": "bbc", "name": "BBC News"}}, a Mongo export's
# {"$date": ...}), the key that holds the field's value.
NESTED_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "value"),
    "title": ("title", "text", "name", "value"),
    "date": ("date", "value", "iso"),
    "url": ("url", "href", "link", "uri"),
    "source": ("name", "title", "domain", "id"),
    "author": ("name", "fullname", "title"),
}
# Keys of a JSON object that hold its array of articles ({"articles": [...]}, NewsAPI's shape).
ARRAY_NAMES = ("articles", "data", "items", "results", "records", "rows", "entries",
               "documents", "docs", "news", "posts", "stories")
DELIMITERS = (",", ";", "\t", "|")  # on a tie, the first


class DatasetError(Exception):
    """The whole file cannot be read as a dataset; the message says why in one line."""


@dataclass(slots=True, frozen=True)
class Row:
    """One article of a dataset."""

    key: str  # what names it in messages: "FILE row N" (CSV, JSON), "FILE line N" (JSONL)
    text: str
    # title, published (an ISO day), url, source, author, title_wins; `path`, the key a later
    # ingest of this row is matched by; a `warning` for each thing the row got wrong.
    meta: tuple[tuple[str, str], ...]


@dataclass(slots=True, frozen=True)
class RowFailure:
    """A row that cannot be an article, or the whole file (keyed by its path), and why."""

    key: str
    reason: str


@dataclass(slots=True)
class _Record:
    """A row as read: its fields, or why it could not be read."""

    label: str  # "row N" or "line N"
    fields: Mapping[str, Any] | None = None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_dataset(path: Path, columns: Mapping[str, str] | None = None
                 ) -> Iterator[Row | RowFailure]:
    """Every article of the dataset at `path` (by its suffix), a row at a time. `columns` maps
    a field (text, title, date, url, source, author) to the column the user named for it.

    A row that cannot be an article fails alone; a file that cannot be read as a dataset (no
    text column, not CSV or JSON, unreadable) fails whole, as one RowFailure keyed by its path,
    after whatever rows were read before the problem showed.
    """
    overrides = dict(columns or {})
    sources = {".csv": _csv_records, ".json": _json_records}
    source = sources.get(path.suffix.lower(), _jsonl_records)
    try:
        yield from _rows(path, source(path, overrides), overrides)
    except (DatasetError, ArticleError) as exc:
        yield RowFailure(str(path), str(exc))


def _rows(path: Path, records: Iterator[_Record], overrides: dict[str, str]
          ) -> Iterator[Row | RowFailure]:
    """Records made rows: columns found per layout of keys (the first layout must have a
    text column, or the file fails), each row matched by its URL or by its place in the file."""
    name = str(path)
    origin = storable(str(path.resolve()))
    layouts: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}
    seen_urls = SeenUrls()
    read = 0
    first = True
    for record in records:
        read += 1
        key = f"{name} {record.label}"
        if record.fields is None:
            yield RowFailure(key, record.reason or "unreadable")
            continue
        layout = tuple(record.fields)
        found = layouts.get(layout)
        if found is None:
            # The first row's columns stand for the file's: without a text column there, it
            # is not a dataset of articles (a later row without one fails alone).
            found = find_columns(record.fields, overrides, whole_file=first)
            first = False
            if len(layouts) > 256:  # a JSON file whose every object has other keys
                layouts.clear()
            layouts[layout] = found
        if "text" not in found:
            yield RowFailure(key, f"no text column among: {_listing(record.fields)}")
            continue
        yield _row(key, f"{origin}#{record.label}", record, found, seen_urls)
    if not read:
        raise DatasetError("no articles in it")


def find_columns(fields: Mapping[str, Any], overrides: Mapping[str, str],
                 whole_file: bool = False) -> dict[str, tuple[str, ...]]:
    """The key path of each field in `fields` (("title",), or ("fields", "bodyText") inside
    an object). With `whole_file`, a missing text column or a named column that is not
    there raises DatasetError naming the columns found."""
    paths: list[tuple[str, ...]] = [(k,) for k in fields]
    nested: list[tuple[str, ...]] = [(k, inner) for k, v in fields.items()
                                     if isinstance(v, dict) for inner in v
                                     if isinstance(inner, str)]
    found: dict[str, tuple[str, ...]] = {}
    for name, wanted in overrides.items():
        path = _named(wanted, paths + nested)
        if path is not None:
            found[name] = path
        elif whole_file:
            raise DatasetError(f"no column {wanted!r} (--{name}-column) among: "
                               f"{_listing(fields)}")
    for name, candidates in COLUMN_NAMES.items():
        if name not in found:
            path = _best(candidates, paths)
            if path is not None:
                found[name] = path
    # Inside objects only for what the top level lacks, and never inside a column already
    # taken ({"source": {"name": ...}} is the source, not the title).
    taken = {path[0] for path in found.values()}
    free = [path for path in nested if path[0] not in taken]
    for name, candidates in COLUMN_NAMES.items():
        if name not in found:
            path = _best(candidates, free)
            if path is not None:
                found[name] = path
    if whole_file and "text" not in found:
        raise DatasetError(f"no text column among: {_listing(fields)}; name it with "
                           "--text-column")
    return found


def _normal(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).lower()


def _named(wanted: str, paths: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The column the user named: exactly as written, else loosely."""
    for path in paths:
        if ".".join(path) == wanted:
            return path
    loose = _normal(wanted)
    for path in paths:
        if _normal(".".join(path)) == loose:
            return path
    return None


def _best(candidates: tuple[str, ...], paths: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    by_name: dict[str, tuple[str, ...]] = {}
    for path in paths:
        by_name.setdefault(_normal(path[-1]), path)
    return next((by_name[c] for c in candidates if c in by_name), None)


def _listing(fields: Mapping[str, Any], most: int = 20) -> str:
    """The column names, cut for a one-line message."""
    names = [name if len(name) <= 40 else name[:39] + "…" for name in list(fields)[:most]]
    more = len(fields) - len(names)
    return (", ".join(names) or "(none)") + (f" and {more} more" if more > 0 else "")


def _row(key: str, origin: str, record: _Record, columns: dict[str, tuple[str, ...]],
         seen_urls: SeenUrls) -> Row | RowFailure:
    assert record.fields is not None
    values = {name: _value(record.fields, path, name) for name, path in columns.items()}
    text = values.get("text")
    if not text or not text.strip():
        return RowFailure(key, "empty text" if not text else "text holds only whitespace")
    if "\x00" in text:
        return RowFailure(key, "text holds NUL bytes: binary, not text")
    if len(text) * 4 > MAX_ARTICLE_BYTES and len(text.encode("utf-8", "surrogatepass")) > \
            MAX_ARTICLE_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        return RowFailure(key, f"text {_too_large(size, MAX_ARTICLE_BYTES, 'an article')}")
    meta: list[tuple[str, str]] = []
    for name in ("title", "source", "author"):
        value = " ".join((values.get(name) or "").split())
        if value:
            meta.append((name, storable(value)))
    if any(name == "title" for name, _ in meta):
        meta.append(("title_wins", "1"))  # a row's text seldom starts with its title
    date = (values.get("date") or "").strip()
    if date:
        day = published_day(date)
        if day:
            meta.append(("published", day))
        else:
            shown = date if len(date) <= 60 else date[:59] + "…"
            record.warnings.append(f"date {shown!r} not understood; dated as an article that "
                                   "gives none")
    url = storable((values.get("url") or "").strip())
    if url:
        meta.append(("url", url))
    meta.append(("path", _origin_key(url, origin, seen_urls)))
    meta.extend(("warning", warning) for warning in record.warnings)
    return Row(key, storable(text.replace("\r\n", "\n").replace("\r", "\n")), tuple(meta))


_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


def _origin_key(url: str, origin: str, seen_urls: SeenUrls) -> str:
    """What a later ingest of this row is matched by (the `path` of store.ingest).

    Its URL when it has one: the URL names the article wherever the row is, so a dataset
    exported again in another order, or with rows added, still finds each article, and a row
    whose text was edited replaces its article. Else its place, "FILE#row N" (the resolved
    file): all a URL-less row has; a row inserted above it makes the rows below "replaced",
    which ends the same. A URL met again in the same file (an updated copy of the article)
    is matched by its place too: were both matched by the URL, each would replace the other
    on every ingest and a re-ingest could never be unchanged.
    """
    if _URL.fullmatch(url) and not seen_urls.add(url):
        return url
    return origin


class SeenUrls:
    """The URLs met so far in one file, in constant memory: a Bloom filter of 2**23 bits
    (1 MiB), where a set would grow by some 100 bytes a row. A false "met before" (about one
    URL in 50 once a million are in; one in 200,000 at 100,000) only makes that row matched
    by its place instead, and the same way on every ingest of the file."""

    BITS = 1 << 23
    HASHES = 4

    def __init__(self) -> None:
        self._bits = bytearray(self.BITS // 8)

    def add(self, url: str) -> bool:
        """Record `url`; whether it was (perhaps) met before."""
        digest = hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        met = True
        for i in range(self.HASHES):
            place = int.from_bytes(digest[4 * i:4 * i + 4], "little") % self.BITS
            byte, bit = place >> 3, 1 << (place & 7)
            if not self._bits[byte] & bit:
                met = False
                self._bits[byte] |= bit
        return met


def _value(fields: Mapping[str, Any], path: tuple[str, ...], name: str) -> str | None:
    value: Any = fields
    for step in path:
        value = value.get(step) if isinstance(value, Mapping) else None
    return _as_text(value, name)


def _as_text(value: Any, name: str) -> str | None:
    """A field's value as text: numbers written out, a list's items joined (paragraphs by a
    blank line, authors by commas; the first for the rest), an object's `NESTED_NAMES` key."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        by_name = {_normal(str(k)): v for k, v in value.items()}
        inner = next((by_name[n] for n in NESTED_NAMES[name] if n in by_name), None)
        return _as_text(inner, name)
    if isinstance(value, list):
        parts = [part for part in (_as_text(item, name) for item in value)
                 if part and part.strip()]
        if not parts:
            return None
        if name in ("text", "author"):
            return ("\n\n" if name == "text" else ", ").join(parts)
        return parts[0]
    return None


# --- dates ----------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s_].*)?")
# GDELT's 20250303, 20250303121500 and 20250303T121500Z
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{6}|T\d{4}(?:\d{2})?Z?)?")
_DOTTED_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\b.*")  # dots are written day first
_EPOCH = re.compile(r"-?\d{9,16}(?:\.\d+)?")
_RFC_2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d.*")
_YEAR = re.compile(r"\b\d{4}\b")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def published_day(value: str) -> str | None:
    """The ISO day a dataset's date names, or None: ISO dates and datetimes (the day as
    written, in the zone it gives), GDELT's compact days, Unix timestamps (seconds or
    milliseconds, UTC), RFC 2822, and written dates ("March 3, 2025", "3 березня 2025")."""
    value = value.strip()
    if len(value) > 100:
        return None
    day: dt.date | None = None
    if match := (_ISO_DAY.fullmatch(value) or _COMPACT_DAY.fullmatch(value)):
        day = _date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _DOTTED_DAY.fullmatch(value):
        day = _date(int(match[3]), int(match[2]), int(match[1]))
    elif _EPOCH.fullmatch(value):
        seconds = float(value)
        while abs(seconds) >= 1e11:  # milliseconds or microseconds since 1970
            seconds /= 1000
        day = dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    elif _RFC_2822.fullmatch(value):
        try:
            day = email.utils.parsedate_to_datetime(value).date()
        except (ValueError, TypeError, IndexError):
            day = _written_day(value)
    elif _YEAR.search(value):  # "yesterday", "2 days ago": relative to now, not to the row
        day = _written_day(value)
    if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return day.isoformat()


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _written_day(value: str) -> dt.date | None:
    """A date in words, through dateparser: English first (fast), other languages only for
    text that is not ASCII (detecting the language loads every language, seconds)."""
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True}
    for languages in (["en"], None):
        if languages is None and value.isascii():
            break
        try:
            parsed = dateparser.parse(value, languages=languages, settings=settings)
        except Exception:  # dateparser bugs must not sink a dataset
            parsed = None
        if parsed is not None:
            return parsed.date()
    return None


# --- reading files --------------------------------------------------------------------------

def _open_text(path: Path) -> TextIO:
    """The file as text, lines untranslated (a CSV field keeps its own line breaks). UTF-16
    when it starts with its byte order mark; else UTF-8, bytes that are not UTF-8 kept as
    surrogate escapes so `_decoded` can read the row that holds them as Latin-1."""
    handle = open_regular(path)
    head = handle.read(2)
    handle.seek(0)
    if head in (b"\xff\xfe", b"\xfe\xff"):
        return io.TextIOWrapper(handle, encoding="utf-16", newline="")
    return io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _decoded(text: str) -> tuple[str, list[str]]:
    """A row read with surrogate escapes, as decode() would read its bytes (Latin-1 with a
    warning when they are not UTF-8; ArticleError when binary)."""
    if text.isascii():
        return text, []
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return decode(text.encode("utf-8", "surrogateescape"))
    return text, []


def _lines(handle: TextIO) -> Iterator[str | int]:
    """Each line of `handle`; for one longer than MAX_ROW_CHARS (read past, never held
    whole), the number of quotes it held."""
    while line := handle.readline(MAX_ROW_CHARS + 1):
        if len(line) <= MAX_ROW_CHARS or line.endswith(("\n", "\r")):
            yield line
            continue
        quotes = line.count('"')
        while rest := handle.readline(1024 * 1024):
            quotes += rest.count('"')
            if rest.endswith(("\n", "\r")):
                break
        yield quotes


def _reading(path: Path, records: Iterator[_Record]) -> Iterator[_Record]:
    """`records`, with a read error (EIO, invalid UTF-16) failing the rest of the file."""
    try:
        yield from records
    except UnicodeDecodeError as exc:
        raise DatasetError(f"not valid {exc.encoding.upper()} ({exc.reason})") from None
    except OSError as exc:
        raise DatasetError(exc.strerror or str(exc)) from None


def _too_long(label: str, why: str = "") -> _Record:
    return _Record(label, reason=f"longer than {MAX_ROW_CHARS >> 20} M characters{why}, "
                   f"far past an article (at most {MAX_ARTICLE_BYTES >> 20} MB)")


def _csv_records(path: Path, overrides: dict[str, str]) -> Iterator[_Record]:
    return _reading(path, _csv_rows(path))


def _csv_rows(path: Path) -> Iterator[_Record]:
    """A CSV file's rows, keyed by its header row; "row 1" is the first after the header,
    blank lines not counted (as pandas counts them)."""
    # The field limit is the csv module's, for the whole process; a row is capped before it.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_ROW_CHARS + 1))
    with _open_text(path) as handle:
        records = _csv_physical_records(handle)
        header = next(records, "")
        if header == "":
            raise DatasetError("empty file (a CSV dataset starts with a header row)")
        if header is None:
            raise DatasetError("the first row is too long to be a header row")
        header, _warnings = _decoded(header)
        delimiter = sniff_delimiter(header)
        try:
            names = [name.strip() for name in next(csv.reader([header], delimiter=delimiter))]
        except csv.Error as exc:
            raise DatasetError(f"the header row is not CSV ({exc})") from None
        longest = max(names, key=len)
        if len(longest) > 200 or "\n" in longest:
            raise DatasetError(f"the first row is not a header (a cell of {len(longest):,} "
                               "characters); a CSV dataset starts with a row naming its columns")
        number = 0
        for record in records:
            number += 1
            yield _csv_record(f"row {number}", record, delimiter, names)
        if not number:
            raise DatasetError("no rows after the header")


def _csv_record(label: str, record: str | None, delimiter: str, names: list[str]) -> _Record:
    if record is None:
        return _too_long(label, " (a quote left open?)")
    try:
        text, warnings = _decoded(record)
        rows = list(csv.reader([text], delimiter=delimiter))
    except ArticleError as exc:
        return _Record(label, reason=str(exc))
    except csv.Error as exc:
        return _Record(label, reason=f"not CSV ({exc})")
    if len(rows) != 1:
        return _Record(label, reason=f"read as {len(rows)} rows (a stray quote?)")
    values = rows[0]
    if any(value.strip() for value in values[len(names):]):
        return _Record(label, reason=f"{len(values)} fields, the header names {len(names)} "
                       f"(a field holding {delimiter!r} not quoted?)")
    fields: dict[str, str] = {}
    for name, value in zip(names, values + [""] * (len(names) - len(values)), strict=False):
        fields.setdefault(name, value)  # a repeated name: the first column holds it
    return _Record(label, fields, warnings=warnings)


def _csv_physical_records(handle: TextIO) -> Iterator[str | None]:
    """Each record of a CSV file as one string (a quoted field may hold line breaks), None for
    one longer than MAX_ROW_CHARS (read past, never held whole). Blank lines are skipped.

    A line ends its record when the record so far holds an even number of quotes: RFC 4180
    writes a quote inside a field as two, so an odd count means a quoted field is still open.
    Finding the records first lets each be capped and parsed alone: a row the parser rejects
    fails by itself instead of leaving the parser inside a field for the rest of the file.
    """
    lines: list[str] = []
    size = quotes = 0
    for line in _lines(handle):
        if isinstance(line, int):  # a line too long to hold: only its quotes are known
            quotes += line
            size = MAX_ROW_CHARS + 1
        else:
            quotes += line.count('"')
            size += len(line)
            lines.append(line)
        if size > MAX_ROW_CHARS:
            lines = []  # let go of what is held: this record fails
        if quotes % 2:
            continue
        record = None if size > MAX_ROW_CHARS else "".join(lines)
        lines, size, quotes = [], 0, 0
        if record is None or record.strip():
            yield record
    if size > MAX_ROW_CHARS:
        yield None
    elif "".join(lines).strip():
        yield "".join(lines)


def sniff_delimiter(header: str) -> str:
    """The delimiter of a CSV file, from its header row: the one of DELIMITERS it holds most
    often outside quotes (a comma for a single column). A header row is required anyway,
    and column names hold no delimiters, where a sample of rows (csv.Sniffer) would be a few
    kilobytes of one article's text, full of commas."""
    bare = re.sub(r'"[^"]*"', "", header)
    best = max(DELIMITERS, key=bare.count)
    return best if bare.count(best) else ","


def _jsonl_records(path: Path, overrides: dict[str, str]) -> Iterator[_Record]:
    return _reading(path, _jsonl_rows(path))


def _jsonl_rows(path: Path) -> Iterator[_Record]:
    """A JSONL file's objects, one a line ("line N", counting every line); blank lines
    skipped."""
    with _open_text(path) as handle:
        for number, line in enumerate(_lines(handle), start=1):
            label = f"line {number}"
            if isinstance(line, int):
                yield _too_long(label)
            elif line.strip():
                try:
                    text, warnings = _decoded(line)
                except ArticleError as exc:
                    yield _Record(label, reason=str(exc))
                    continue
                yield _json_record(label, text, warnings)


def _json_record(label: str, text: str, warnings: list[str]) -> _Record:
    try:
        value = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        return _Record(label, reason=f"not JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return _Record(label, reason="not JSON this sitrep can read (nested too deeply)")
    except ValueError as exc:  # a number of thousands of digits (int_max_str_digits)
        return _Record(label, reason=f"not JSON this sitrep can read ({str(exc).split(';')[0]})")
    return _object_record(label, value, warnings)


def _object_record(label: str, value: Any, warnings: list[str]) -> _Record:
    if not isinstance(value, dict):
        return _Record(label, reason=f"{_json_kind(value)}, not an object with the article's "
                       "fields")
    return _Record(label, value, warnings=warnings)


def _json_kind(value: Any) -> str:
    kinds = {list: "an array", str: "a string", bool: "true or false", type(None): "null",
             dict: "an object"}
    return kinds.get(type(value), "a number")


def _json_records(path: Path, overrides: dict[str, str]) -> Iterator[_Record]:
    """A JSON document's articles: an array of objects, an object holding one ({"articles":
    [...]}), or a single article. A `.json` file that is one object a line is read as JSONL
    (many exports name theirs so), a line at a time and of any size."""
    if _line_delimited(path):
        yield from _jsonl_records(path, overrides)
        return
    size = _size(path)
    if size > MAX_JSON_BYTES:
        raise DatasetError(f"too large to read whole ({size >> 20} MB > {MAX_JSON_BYTES >> 20} "
                           "MB); as JSONL (one article a line, .jsonl) it is read a row at a "
                           "time")
    text, warnings = decode(read_limited(path, MAX_JSON_BYTES, "a JSON dataset"))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = " (one object a line? name it .jsonl)" if exc.msg == "Extra data" else ""
        raise DatasetError(f"not JSON: {exc}{hint}") from None
    except RecursionError:
        raise DatasetError("not JSON this sitrep can read (nested too deeply)") from None
    except ValueError as exc:
        raise DatasetError(f"not JSON this sitrep can read ({str(exc).split(';')[0]})"
                           ) from None
    del text
    items = _articles_of(document, overrides)
    for index in range(len(items)):
        item, items[index] = items[index], None  # let each go once read
        yield _object_record(f"row {index + 1}", item, warnings if index == 0 else [])


def _articles_of(document: Any, overrides: dict[str, str]) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise DatasetError(f"{_json_kind(document)}, not an array of articles")
    by_name = {_normal(k): v for k, v in document.items() if isinstance(v, list)}
    named = next((by_name[n] for n in ARRAY_NAMES if n in by_name), None)
    if named is not None:
        return named
    if "text" in find_columns(document, overrides):
        return [document]  # one article
    arrays = [v for v in document.values() if isinstance(v, list) and v and
              isinstance(v[0], dict)]
    if len(arrays) == 1:
        return arrays[0]
    raise DatasetError(f"no array of articles in this object (keys: {_listing(document)}); "
                       "a JSON dataset is an array of objects, or an object holding one")


def _line_delimited(path: Path) -> bool:
    """Whether a `.json` file is one object a line: its first line a whole object, another
    object after it."""
    with open_regular(path) as handle:
        head = handle.read(1024 * 1024)
    first, newline, rest = head.partition(b"\n")
    if not newline or not first.strip().startswith((b"{", b"\xef\xbb\xbf{")):
        return False
    try:
        return isinstance(json.loads(first.decode("utf-8-sig")), dict) and \
            rest.lstrip().startswith(b"{")
    except ValueError:  # not UTF-8, not JSON
        return False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise DatasetError(exc.strerror or str(exc)) from None
