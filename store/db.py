"""The SQLite store: connection, pragmas (WAL, foreign keys), schema and migrations.

The store stays a plain SQLite file that the sqlite-utils CLI and datasette open and query.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The store cannot be opened or written; the message says why, in one line."""


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """What an SQLite error means for the user, in a few words (no traceback, no jargon)."""
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
        return "disk I/O error"
    return message


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

# (table, columns) indexed with FTS5; sqlite-utils keeps them in step with triggers.
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
        if not db[table].detect_fts():
            db[table].enable_fts(list(columns), fts_version="FTS5", create_triggers=True)


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    # Dashboard reads: "how many articles report this event" and metric charts, index-only.
    db.executescript(
        "CREATE INDEX IF NOT EXISTS events_same ON events(kind, date, location, article_id);"
        "CREATE INDEX IF NOT EXISTS metrics_series ON metrics(kind, date, side, value);"
    )


# MIGRATIONS[n] brings a store at version n to version n + 1. Each runs inside _migrate's
# transaction: use db.executescript / db.conn.execute, never db.conn.executescript.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migrate_to_1, _migrate_to_2]
assert len(MIGRATIONS) == SCHEMA_VERSION


def default_db_path() -> Path:
    """$SITREP_DB, else $XDG_DATA_HOME/sitrep/sitrep.db (~/.local/share/sitrep/sitrep.db)."""
    if os.environ.get("SITREP_DB"):
        return Path(os.environ["SITREP_DB"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "sitrep" / "sitrep.db"


def open_store(
    path: str | Path, *, create: bool = True, readonly: bool = False
) -> sqlite_utils.Database:
    """Open (and create or migrate) the store at `path`. Raises StoreError with a clear reason.

    `readonly` opens an existing store for reading only (export, dashboard): it works on a store
    the user cannot write, and never creates, migrates or changes the file.
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
        raise StoreError(f"{path}: {_open_failure(exc)}") from None
    _refuse_newer(conn, path, version)
    db = sqlite_utils.Database(conn)
    try:
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            _migrate(db)
            _refuse_newer(conn, path, conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StoreError(f"{path}: cannot write the store: {describe_sqlite_error(exc)}") from None
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


def _open_failure(exc: sqlite3.Error) -> str:
    if "unable to open" in str(exc).lower():
        return "cannot open the store file (no permission?)"
    return f"not a sitrep store or corrupt ({exc})"


def _refuse_newer(conn: sqlite3.Connection, path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: store schema version {version} is newer than this sitrep understands "
            f"({SCHEMA_VERSION}); upgrade sitrep"
        )


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
        if version < SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"{path}: store needs upgrading, which needs write access; "
                             "run `sitrep ingest` on it once")
        return sqlite_utils.Database(conn)
    assert failure is not None
    raise StoreError(f"{path}: {_open_failure(failure)}")


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
