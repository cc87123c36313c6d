"""The SQLite store: connection, pragmas (WAL, foreign keys), schema and migrations.

The store stays a plain SQLite file that the sqlite-utils CLI and datasette open and query.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 11
# PRAGMA application_id of a sitrep store ("SITR"): a SQLite file is taken as a store only when
# it carries this, or (written by a sitrep before the id) holds sitrep's own tables, or is new.
APPLICATION_ID = 0x53495452
_OWN_TABLES = frozenset({"articles", "statements", "events", "metrics"})
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The store cannot be opened or written; the message says why, in one line."""


class StoreNeedsUpgrade(StoreError):
    """A read-only open found a store written by an older sitrep (open it writable once)."""


_OS_ERROR_REASONS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "the file size limit was reached (ulimit -f)",
    errno.EROFS: "the file system is read-only",
}
# Below this many free bytes an I/O error is taken for a full disk: SQLite reports ENOSPC on
# some writes (the WAL index, a journal's header) as a bare "disk I/O error".
_NEARLY_FULL_BYTES = 1 << 20
# SQLite grows a file by a page or a few at a time, so a write that hit the size limit leaves
# the file within this much of it.
_NEAR_LIMIT_BYTES = 1 << 17


def describe_os_error(exc: OSError) -> str:
    """What a failed read or write of a file means for the user, in a few words."""
    return _OS_ERROR_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def _io_error_cause(path: str | os.PathLike[str]) -> str | None:
    """Why writing the store at `path` gave SQLite's bare "disk I/O error", when it can be told.

    SQLite keeps the errno to itself, so look at what would cause one: a file of the store
    (main, -wal, -shm, -journal) at the process's file size limit (`ulimit -f`, which makes write()
    fail with EFBIG), or a file system with next to no space left.
    """
    try:
        import resource
    except ImportError:  # not on POSIX
        return None
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit != resource.RLIM_INFINITY:
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                size = os.stat(f"{os.fspath(path)}{suffix}").st_size
            except OSError:
                continue
            if size + _NEAR_LIMIT_BYTES >= limit:
                return f"the file size limit was reached (ulimit -f: {limit:,} bytes)"
    try:
        fs = os.statvfs(os.path.dirname(os.path.abspath(path)) or ".")
    except OSError:
        return None
    if fs.f_bavail * fs.f_frsize < _NEARLY_FULL_BYTES:
        return "disk full"
    return None


def describe_sqlite_error(exc: sqlite3.Error, path: str | os.PathLike[str] | None = None) -> str:
    """What an SQLite error means for the user, in a few words (no traceback, no jargon).

    `path`, the store's file, lets a bare "disk I/O error" say its cause when it can be told.
    """
    message = str(exc)
    lowered = message.lower()
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return "disk full"
    if "readonly" in lowered or "read-only" in lowered:
        return "the store is read-only (check the permissions of the file and its directory)"
    if "locked" in lowered or "busy" in lowered:
        return (f"the store is busy: another process kept it locked for over "
                f"{BUSY_TIMEOUT_MS // 1000} s")
    if "unable to open" in lowered:
        return "cannot open the store file (missing directory or no permission)"
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return f"the store is corrupt ({message})"
    if "disk i/o error" in lowered:
        cause = _io_error_cause(path) if path not in (None, "", ":memory:") else None
        return cause or "disk I/O error"
    return message


def decode_text(data: bytes) -> str:
    """A TEXT value as str, for connections that only read (the dashboard's, exports).

    SQLite never checks that TEXT is UTF-8: another tool (or a `CAST(x'ff' AS TEXT)`) can
    store any bytes, and sqlite3's own decoding then fails the whole query ("Could not decode
    to UTF-8 column"), which the dashboard took for a busy store. Bytes that are not UTF-8
    read as U+FFFD instead. Costs a Python call per text value: about 0.05 ms on a 50-row
    page (x1.2-1.4 the bare query), lost in the noise of a PgDn in the dashboard (~45 ms).
    """
    return data.decode("utf-8", "replace")


def store_path(conn: sqlite3.Connection) -> str:
    """The file behind a connection, for messages."""
    try:
        for _seq, name, file in conn.execute("PRAGMA database_list"):
            if name == "main":
                return file or ":memory:"
    except sqlite3.Error:
        pass
    return "store"


SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,            -- first 16 hex chars of sha256(normalised text)
    title TEXT NOT NULL DEFAULT '',
    published TEXT,                 -- ISO day or NULL
    published_inferred INTEGER NOT NULL DEFAULT 0,
    source TEXT,
    url TEXT,
    path TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);

CREATE TABLE IF NOT EXISTS actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,      -- canonical name
    kind TEXT NOT NULL DEFAULT 'unknown',  -- person | institution | country | group | unknown
    side TEXT                       -- Russia | Ukraine | ... where known
);

CREATE TABLE IF NOT EXISTS actor_aliases (
    alias TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    PRIMARY KEY (alias, actor_id)
);

CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    date TEXT,
    date_precision TEXT NOT NULL DEFAULT 'unknown',
    status TEXT NOT NULL DEFAULT 'occurred',
    location TEXT,
    actors TEXT NOT NULL DEFAULT '[]',   -- JSON list of canonical names
    summary TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date, id);
CREATE INDEX IF NOT EXISTS events_kind_date ON events(kind, date, id);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, actor_id)
);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id, event_id);

CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker TEXT NOT NULL,
    speaker_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    quote TEXT NOT NULL,
    mode TEXT NOT NULL,                  -- direct | indirect
    date TEXT,
    date_precision TEXT NOT NULL DEFAULT 'unknown',
    topics TEXT NOT NULL DEFAULT '[]',   -- JSON list
    evidence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE INDEX IF NOT EXISTS statements_date ON statements(date, id);
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id, date, id);

CREATE TABLE IF NOT EXISTS metrics (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value REAL NOT NULL,
    qualifier TEXT NOT NULL DEFAULT 'exact',
    side TEXT,
    location TEXT,
    date TEXT,
    date_precision TEXT NOT NULL DEFAULT 'unknown',
    claimant TEXT,
    claimant_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
    evidence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS metrics_article ON metrics(article_id);
CREATE INDEX IF NOT EXISTS metrics_kind_date ON metrics(kind, date, id);
CREATE INDEX IF NOT EXISTS metrics_date ON metrics(date, id);
"""

# (table, columns) indexed with FTS5 by version 1, through sqlite-utils (rowid-keyed, kept in
# step by its triggers). Version 3 replaces the statements and events ones (KEYED_FTS); the
# articles one stays as it is.
FTS_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("statements", ("quote", "speaker")),
    ("events", ("summary", "evidence")),
    ("articles", ("title", "text")),
)


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    # db.executescript, not db.conn.executescript: sqlite3's executescript would COMMIT the
    # transaction that _migrate holds; sqlite-utils runs the statements inside it.
    db.executescript(SCHEMA_V1)
    for table, columns in FTS_TABLES:
        if not db.table(table).detect_fts():
            db.table(table).enable_fts(list(columns), fts_version="FTS5", create_triggers=True)


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    # Dashboard reads: "how many articles report this event" (until schema 9 reads it from
    # the happenings) and metric charts, index-only.
    db.executescript(
        "CREATE INDEX IF NOT EXISTS events_same ON events(kind, date, location, article_id);"
        "CREATE INDEX IF NOT EXISTS metrics_series ON metrics(kind, date, side, value);"
    )


# Statements, events and metrics are full-text indexed under a *sort key* rather than their
# rowid: the key orders rows as the dashboard shows them (newest day first, then newest id;
# rows without a day last; the day is SORT_DATE since version 4, see _migrate_to_4), so a
# search reads its first page straight off the FTS index in key order (`ORDER BY rowid DESC
# LIMIT n`, with keyset bounds as rowid ranges) and stops, instead of collecting every match
# and sorting it or walking the date index testing each row. On 1M statements that took a
# search for a common word from 8-30 ms to about a plain MATCH's time.
# key = ((julian day of the sort date + 1) << ID_BITS) | id, or id alone for a row without a
# sort date. Dates are ISO days, so julian-day order is their text order; the row id is
# key & ID_MASK.
ID_BITS = 38  # row ids below 2**38; the julian day needs 22 bits above them
ID_MASK = (1 << ID_BITS) - 1
# The column rows are sorted and filtered by: coalesce(date, reported) (see _migrate_to_4).
SORT_DATE = "sort_date"
KEYED_FTS: dict[str, tuple[str, ...]] = {
    "statements": ("quote", "speaker"),
    "events": ("summary", "evidence"),
    # Metrics match on their own evidence sentence, place and claimant (not on the whole
    # article, which would match every figure of an article that names the word anywhere).
    "metrics": ("evidence", "location", "claimant"),
}


def sort_key_sql(date: str, row_id: str) -> str:
    """SQL for the sort key of a row with sort date `date` and `row_id` (column names or
    parameters). Since version 4 the date is the row's SORT_DATE, not its own date."""
    return f"(CASE WHEN {date} IS NULL THEN {row_id} ELSE {day_key_sql(date)} | {row_id} END)"


def day_key_sql(day: str) -> str:
    """SQL for the smallest sort key of rows dated `day` (an ISO day, column or parameter)."""
    return f"((coalesce(CAST(julianday(substr({day}, 1, 10)) AS INTEGER), 0) + 1) << {ID_BITS})"


def fts_ids_sql(table: str) -> str:
    """A subquery giving the ids of `table`'s rows that match a MATCH expression (one ?)."""
    return f"SELECT rowid & {ID_MASK} FROM {table}_fts WHERE {table}_fts MATCH ?"


def keyed_fts_schema(table: str, date: str = SORT_DATE) -> list[str]:
    """CREATE statements of `table`'s contentless FTS5 index and the triggers keeping it in
    step. Contentless: the text stays in the table only; deletes hand the old values back.
    `date` is the column the key is made of (version 3 keyed on `date`, 4 on SORT_DATE)."""
    columns = KEYED_FTS[table]
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    insert = (f"INSERT INTO {fts}(rowid, {cols}) "
              f"VALUES ({sort_key_sql('new.' + date, 'new.id')}, {new});")
    delete = (f"INSERT INTO {fts}({fts}, rowid, {cols}) "
              f"VALUES ('delete', {sort_key_sql('old.' + date, 'old.id')}, {old});")
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN {delete} "
        f"{insert} END",
    ]


def fill_keyed_fts(conn: sqlite3.Connection, table: str, date: str = SORT_DATE) -> None:
    """(Re)build `table`'s FTS index from its rows (a contentless index cannot 'rebuild')."""
    columns = KEYED_FTS[table]
    fts = f"{table}_fts"
    conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
    conn.execute(
        f"INSERT INTO {fts}(rowid, {', '.join(columns)}) "
        f"SELECT {sort_key_sql(date, 'id')}, {', '.join(columns)} FROM {table}"
    )


def _drop_fts(conn: sqlite3.Connection) -> None:
    """Drop the FTS index of every KEYED_FTS table and the triggers that keep it in step."""
    for table in KEYED_FTS:
        stale = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
            "AND sql LIKE ?", (table, f"%{table}_fts%"),
        ).fetchall()
        for (name,) in stale:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(f"DROP TABLE IF EXISTS {table}_fts")


def _rebuild_keyed_fts(conn: sqlite3.Connection, date: str) -> None:
    """Build the FTS indexes of the KEYED_FTS tables afresh, keyed on `date`."""
    _drop_fts(conn)
    for table in KEYED_FTS:
        for statement in keyed_fts_schema(table, date):
            conn.execute(statement)
        fill_keyed_fts(conn, table, date)


def _migrate_to_3(db: sqlite_utils.Database) -> None:
    # Statements and events were indexed by rowid (sqlite-utils' enable_fts); metrics were not
    # indexed at all. Replace both with sort-key indexes (see KEYED_FTS), keyed on the row's
    # own date as version 3 had it (version 4 keys them on SORT_DATE).
    _rebuild_keyed_fts(db.conn, "date")


# Version 4 (extraction contract v2): each row says which extraction rule made it (`rule`, a
# rules.py id, '' for rows written before), metrics say whether they are a running total
# (`cumulative`, 0/1), and every row keeps its article's date as `reported` (published, or
# inferred from the text; NULL only when the article has neither).
#
# Dates, sorting and filtering. A row's own `date` is what the article says of it, and stays
# NULL when the article does not say. Sorting, paging, the date window ([ ]), the near filter
# and the metric charts all use SORT_DATE = coalesce(date, reported), a virtual generated
# column: the row's own date when it has one, else its reported date. So an undated statement
# of an article published on 8 February sorts and filters with the rows of 8 February (the
# dashboard shows it as "~2026-02-08", marked as the report's date, not the event's), instead
# of a block of "undated" at the end. Rows with neither (an article with no date at all) still
# come last, ordered by id. The keyed FTS indexes use the same SORT_DATE, so a search reads
# its pages in the order the panes show. What stays on the row's own date: the "same event"
# count (happenings since schema 9: two articles' dates say nothing about when an undated
# event happened) and everything that prints `date`.
_V4_TABLES = ("events", "statements", "metrics")


def _migrate_to_4(db: sqlite_utils.Database) -> None:
    conn = db.conn
    _drop_fts(conn)  # first: filling `reported` must not run the old index's triggers per row
    for table in _V4_TABLES:
        have = {row[1] for row in conn.execute(f"PRAGMA table_xinfo({table})")}
        if "rule" not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN rule TEXT NOT NULL DEFAULT ''")
        if "reported" not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN reported TEXT")
            conn.execute(f"UPDATE {table} SET reported = "
                         f"(SELECT published FROM articles a WHERE a.id = {table}.article_id)")
        if SORT_DATE not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {SORT_DATE} TEXT "
                         "GENERATED ALWAYS AS (coalesce(date, reported)) VIRTUAL")
        if table == "metrics" and "cumulative" not in have:
            conn.execute("ALTER TABLE metrics ADD COLUMN cumulative INTEGER NOT NULL DEFAULT 0")
    # The (date, id) indexes become (sort_date, id) ones: every page is read in that order.
    for name in ("events_date", "events_kind_date", "statements_date", "statements_speaker",
                 "metrics_date", "metrics_kind_date", "metrics_series"):
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    db.executescript(
        "CREATE INDEX IF NOT EXISTS events_sort ON events(sort_date, id);"
        "CREATE INDEX IF NOT EXISTS events_kind_sort ON events(kind, sort_date, id);"
        "CREATE INDEX IF NOT EXISTS statements_sort ON statements(sort_date, id);"
        "CREATE INDEX IF NOT EXISTS statements_speaker_sort "
        "ON statements(speaker_id, sort_date, id);"
        "CREATE INDEX IF NOT EXISTS metrics_sort ON metrics(sort_date, id);"
        "CREATE INDEX IF NOT EXISTS metrics_kind_sort ON metrics(kind, sort_date, id);"
        # Charts and totals: daily values, running totals left out, index-only.
        "CREATE INDEX IF NOT EXISTS metrics_series "
        "ON metrics(kind, cumulative, sort_date, side, value);"
    )
    _rebuild_keyed_fts(conn, SORT_DATE)


# Files and texts are tracked apart (schema 5). An article is a text, keyed by its hash; a
# path (a file, later a URL) points to one text. Two files with the same text share one
# article, and an article lives while any path points to it: editing one of the two files
# moves that path to a new text and leaves the other file's article alone, and a file edited
# to another file's text points to that text. `articles.path` stays as the path to show (one
# of those that hold the article).
_V5_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_paths (
    path TEXT PRIMARY KEY,          -- a file's resolved path
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL           -- when an ingest last read this path
);
CREATE INDEX IF NOT EXISTS article_paths_article ON article_paths(article_id);
"""


def _migrate_to_5(db: sqlite_utils.Database) -> None:
    db.executescript(_V5_SCHEMA)
    # Before schema 5 a path held one article (a changed file replaced it), so each stored
    # path becomes one row; a second file with the same text was not recorded and is linked
    # the next time it is ingested.
    db.conn.execute(
        "INSERT OR IGNORE INTO article_paths (path, article_id, seen_at) "
        "SELECT path, id, ingested_at FROM articles WHERE path IS NOT NULL ORDER BY ingested_at")


# Articles from the web (schema 6). A page's author; the HTML a page was read from, kept
# (zlib-compressed) so the article can be extracted again later without the network; and the
# feeds `sitrep fetch` reads, with the validators for conditional GET and the entries seen.
_V6_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_html (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT,                       -- where it was fetched from; NULL for a saved page
    fetched_at TEXT NOT NULL,
    html BLOB NOT NULL              -- zlib.compress(the page's bytes as served)
);
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT,
    added_at TEXT NOT NULL,
    etag TEXT,                      -- validators of the last 200 response (conditional GET)
    last_modified TEXT,
    fetched_at TEXT,                -- the last fetch, whatever came of it
    status TEXT                     -- what the last fetch said, in a few words
);
CREATE TABLE IF NOT EXISTS feed_entries (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    entry TEXT NOT NULL,            -- the entry's id, else its link
    url TEXT,
    article_id TEXT REFERENCES articles(id) ON DELETE SET NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, entry)
);
CREATE INDEX IF NOT EXISTS feed_entries_url ON feed_entries(url);
"""


def _migrate_to_6(db: sqlite_utils.Database) -> None:
    if "author" not in {row[1] for row in db.conn.execute("PRAGMA table_info(articles)")}:
        db.conn.execute("ALTER TABLE articles ADD COLUMN author TEXT")
    db.executescript(_V6_SCHEMA)


# One figure per happening (schema 7): dated metrics of the same kind, side, claimant and day
# are one happening however many articles report them (store.happenings). Since schema 9 the
# happenings table is made, and every row grouped, by _migrate_to_9 alone: here only the
# metrics' column and indexes, which schema 9 keeps.
def _migrate_to_7(db: sqlite_utils.Database) -> None:
    if "happening_id" not in {row[1] for row in db.conn.execute("PRAGMA table_xinfo(metrics)")}:
        db.conn.execute("ALTER TABLE metrics ADD COLUMN happening_id INTEGER "
                        "REFERENCES happenings(id)")
    # The undated figures the Metrics pane counts, without walking a kind's every row.
    db.executescript("CREATE INDEX IF NOT EXISTS metrics_happening "
                     "ON metrics(happening_id, article_id);"
                     "CREATE INDEX IF NOT EXISTS metrics_undated "
                     "ON metrics(kind, cumulative, sort_date) WHERE date IS NULL;")


# Every event and metric keeps its oblast (schema 8: Kharkiv Oblast, Kyiv, Sevastopol, Autonomous
# Republic of Crimea), resolved from its location by store.extract.oblasts at ingest; NULL
# outside Ukraine or where the place list does not say. Rows already stored get it from their
# location here: each distinct location is resolved once, then one pass per table.
def _migrate_to_8(db: sqlite_utils.Database) -> None:
    conn = db.conn
    for table in OBLAST_TABLES:
        if "oblast" not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN oblast TEXT")
    fill_oblasts(conn)
    # Paging one oblast's rows; the oblast picker's counts of one kind (events); a metric's
    # daily values and totals in one oblast, index-only as metrics_series is for all.
    db.executescript(
        "CREATE INDEX IF NOT EXISTS events_oblast_sort ON events(oblast, sort_date, id);"
        "CREATE INDEX IF NOT EXISTS events_kind_oblast ON events(kind, oblast, sort_date);"
        "CREATE INDEX IF NOT EXISTS metrics_oblast_sort ON metrics(oblast, sort_date, id);"
        "CREATE INDEX IF NOT EXISTS metrics_oblast_series "
        "ON metrics(oblast, kind, cumulative, sort_date, side, value);"
    )


OBLAST_TABLES = ("events", "metrics")


def fill_oblasts(conn: sqlite3.Connection) -> None:
    """Set every event's and metric's oblast from its location (inside the caller's
    transaction). The FTS update triggers are set aside meanwhile: the oblast is neither
    indexed nor part of the sort key, and re-indexing 1.5M rows for it took minutes."""
    from store.extract.oblasts import oblast_of  # loads the place list only when needed

    conn.execute("CREATE TEMP TABLE IF NOT EXISTS location_oblast "
                 "(location TEXT PRIMARY KEY, oblast TEXT NOT NULL)")
    conn.execute("DELETE FROM location_oblast")
    for table in OBLAST_TABLES:
        locations = [row[0] for row in conn.execute(
            f"SELECT DISTINCT location FROM {table} WHERE location IS NOT NULL")]
        conn.executemany("INSERT OR IGNORE INTO location_oblast VALUES (?, ?)",
                         [(loc, ob) for loc in locations if (ob := oblast_of(loc))])
        with update_triggers_aside(conn, (table,)):
            conn.execute(f"UPDATE {table} SET oblast = (SELECT oblast FROM location_oblast m "
                         f"WHERE m.location = {table}.location) "
                         f"WHERE location IN (SELECT location FROM location_oblast)")
    conn.execute("DROP TABLE location_oblast")


@contextmanager
def update_triggers_aside(conn: sqlite3.Connection, tables: Iterable[str]) -> Iterator[None]:
    """Drop the AFTER UPDATE triggers of `tables` (their FTS indexes') for a bulk update of
    columns no index holds, and put them back after, inside the caller's transaction: each
    would delete and re-add every updated row's words (1.5M rows: minutes instead of
    seconds). On an error they are not put back here: the caller's rollback restores them."""
    saved: list[str] = []
    for table in tables:
        for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                "AND sql LIKE '%AFTER UPDATE ON%'", (table,)).fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
            saved.append(sql)
    yield
    for sql in saved:
        conn.execute(sql)


# One mechanism for events and metrics (schema 9): dated events of the same kind, day and
# place are happenings too (`events.happening_id`), in the happenings table the metrics use,
# which gains a place and the side rule (store.happenings). The table is derived data: a
# schema 7-8 one is dropped (its key changes) and every row grouped again. The timeline's
# report count is then read from it, and events_same, which counted them, goes.
def _migrate_to_9(db: sqlite_utils.Database) -> None:
    from store.happenings import HAPPENINGS_SCHEMA, group_all

    conn = db.conn
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "happenings" in tables:
        # The metrics point to it: unhook them first (foreign keys are on, and cannot be
        # turned off inside the migration's transaction).
        with update_triggers_aside(conn, ("metrics",)):
            conn.execute("UPDATE metrics SET happening_id = NULL WHERE happening_id IS NOT NULL")
        conn.execute("DROP TABLE happenings")
    db.executescript(HAPPENINGS_SCHEMA)
    if "happening_id" not in {row[1] for row in conn.execute("PRAGMA table_xinfo(events)")}:
        conn.execute("ALTER TABLE events ADD COLUMN happening_id INTEGER "
                     "REFERENCES happenings(id)")
    db.executescript("CREATE INDEX IF NOT EXISTS events_happening "
                     "ON events(happening_id, article_id);"
                     "DROP INDEX IF EXISTS events_same;")
    group_all(conn)


# An oblast's metric totals and chart (schema 10): the reports of one oblast, by kind, running
# or not, and day, to their happenings; and its undated figures, counted apart. Measured on the
# 1M-row store: one oblast's grouped totals 140 -> 36 ms, its chart 950 -> 165 ms, pages
# unchanged. The first index stays partial: a full one made SQLite sort metrics pages.
def _migrate_to_10(db: sqlite_utils.Database) -> None:
    db.executescript(
        "CREATE INDEX IF NOT EXISTS metrics_oblast_happening "
        "ON metrics(oblast, kind, cumulative, sort_date, happening_id) "
        "WHERE happening_id IS NOT NULL;"
        "CREATE INDEX IF NOT EXISTS metrics_oblast_undated "
        "ON metrics(oblast, kind, cumulative) WHERE date IS NULL;")


# Saved views (schema 11): the dashboard's filters and pane under a name the user gave
# (`v` in the dashboard, `sitrep --view NAME`); store.views reads and writes them. The filters
# are JSON (store.views.filters_to_json), so a filter added later needs no migration.
def _migrate_to_11(db: sqlite_utils.Database) -> None:
    db.executescript(
        "CREATE TABLE IF NOT EXISTS saved_views ("
        "name TEXT PRIMARY KEY COLLATE NOCASE, "
        "filters TEXT NOT NULL DEFAULT '{}', "
        "pane TEXT, "
        "saved_at TEXT NOT NULL);")


# MIGRATIONS[n] brings a store at version n to version n + 1. Each runs inside _migrate's
# transaction: use db.executescript / db.conn.execute, never db.conn.executescript.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migrate_to_1, _migrate_to_2, _migrate_to_3, _migrate_to_4, _migrate_to_5,
    _migrate_to_6, _migrate_to_7, _migrate_to_8, _migrate_to_9, _migrate_to_10,
    _migrate_to_11,
]
assert len(MIGRATIONS) == SCHEMA_VERSION


def default_db_path() -> Path:
    """$SITREP_DB, else $XDG_DATA_HOME/sitrep/sitrep.db (~/.local/share/sitrep/sitrep.db)."""
    if os.environ.get("SITREP_DB"):
        return Path(os.environ["SITREP_DB"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME")
    if not data_home:
        try:
            data_home = str(Path.home() / ".local" / "share")
        except RuntimeError:  # no home directory (a service account, HOME unset)
            raise StoreError("no home directory to keep the store in: give --db FILE or set "
                             "SITREP_DB") from None
    return Path(data_home).expanduser() / "sitrep" / "sitrep.db"


def open_store(
    path: str | Path,
    *,
    create: bool = True,
    readonly: bool = False,
    on_upgrade: Callable[[int, int], None] | None = None,
) -> sqlite_utils.Database:
    """Open (and create or migrate) the store at `path`. Raises StoreError with a clear reason.

    `readonly` opens an existing store for reading only (export, dashboard): it works on a store
    the user cannot write, and never creates, migrates or changes the file. `on_upgrade(old,
    new)` is called before an existing store is migrated (which can take a minute on millions
    of rows), so the caller can say so.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a store file")
    if not path.exists():
        if not create or readonly:
            raise StoreError(f"{path}: no such store")
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create its directory ({exc.strerror})") from None
    if readonly:
        return _open_readonly(path)
    try:
        # Autocommit mode: writers open their own transactions (BEGIN IMMEDIATE) explicitly.
        conn = _connect(str(path))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {_open_failure(exc, path)}") from None
    _refuse_newer(conn, path, version)
    _refuse_foreign(conn, path, version)
    db = sqlite_utils.Database(conn)
    try:
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            if version > 0 and on_upgrade is not None:
                on_upgrade(version, SCHEMA_VERSION)
            _migrate(db)
            _refuse_newer(conn, path, conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.OperationalError as exc:
        conn.close()
        reason = describe_sqlite_error(exc, path)
        raise StoreError(f"{path}: cannot write the store: {reason}") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a sitrep store or corrupt ({exc})") from None
    return db


def begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock, waiting for other writers (busy_timeout, plus retries for the
    cases where SQLite reports "locked" without waiting). Raises sqlite3.OperationalError."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _use_wal(conn: sqlite3.Connection) -> None:
    # Switching to WAL needs the file to itself, and SQLite reports "locked" at once (without
    # the busy handler) while another process is switching the same new store: retry a while.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect(uri_or_path: str, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri_or_path,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        isolation_level=None,
        uri=uri,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _open_failure(exc: sqlite3.Error, path: Path) -> str:
    lowered = str(exc).lower()
    if "unable to open" in lowered:
        return "cannot open the store file (no permission?)"
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return f"not a sitrep store or corrupt ({exc})"
    # Anything else (an I/O error creating the -shm file, a full disk, a lock) is about the
    # machine, not the file: say so instead of calling a good store corrupt.
    return f"cannot open the store: {describe_sqlite_error(exc, path)}"


def _refuse_newer(conn: sqlite3.Connection, path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: store schema version {version} is newer than this sitrep understands "
            f"({SCHEMA_VERSION}); upgrade sitrep"
        )


def _refuse_foreign(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Raise StoreError, before anything is written, when the file is some other SQLite
    database: no WAL switch, no migration, no sample articles go into someone else's file."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: {_open_failure(exc, path)}") from None
    if app_id == APPLICATION_ID:
        return
    if app_id == 0 and (not tables and version == 0 or _OWN_TABLES <= tables and version > 0):
        return  # a new file, or a store written before sitrep set its application id
    conn.close()
    what = f"application id {app_id:#x}" if app_id else f"{len(tables)} tables of its own"
    raise StoreError(f"{path}: not a sitrep store (an SQLite database with {what}); "
                     "left untouched: give --db a new file or a sitrep store")


def _open_readonly(path: Path) -> sqlite_utils.Database:
    base = path.resolve().as_uri()
    attempts = [f"{base}?mode=ro"]
    if not Path(f"{path}-wal").exists():
        # A WAL store in a directory we cannot write has no -shm to share; with no -wal file
        # either, nothing is mid-write, so reading the file as immutable is safe.
        attempts.append(f"{base}?mode=ro&immutable=1")
    failure: sqlite3.Error | None = None
    for uri in attempts:
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(uri, uri=True)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            failure = exc
            continue
        _refuse_newer(conn, path, version)
        _refuse_foreign(conn, path, version)
        conn.text_factory = decode_text  # only read: a row that is not UTF-8 still reads
        if version < SCHEMA_VERSION:
            conn.close()
            raise StoreNeedsUpgrade(f"{path}: store needs upgrading, which needs write access; "
                                    "run `sitrep ingest` on it once")
        return sqlite_utils.Database(conn)
    assert failure is not None
    raise StoreError(f"{path}: {_open_failure(failure, path)}")


def _migrate(db: sqlite_utils.Database) -> None:
    # One transaction, taken before the version is read again: two processes opening a new
    # store at once (two ingests) must not both create the FTS tables. The loser waits on the
    # write lock, then finds the store already at SCHEMA_VERSION and does nothing. Every step is
    # idempotent too (IF NOT EXISTS, detect_fts), for stores migrated by older sitreps.
    conn = db.conn
    begin_immediate(conn)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            for step in MIGRATIONS[version:]:
                step(db)
                if not conn.in_transaction:  # a programming error, caught by any store test
                    raise RuntimeError(f"{step.__name__} committed the migration transaction; "
                                       "use db.executescript, not db.conn.executescript")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def row_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {
        table: db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "events", "statements", "metrics", "actors")
    }
