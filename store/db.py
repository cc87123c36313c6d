"""The SQLite store: connection, pragmas (WAL, foreign keys), schema and migrations.

The store stays a plain SQLite file that the sqlite-utils CLI and datasette open and query.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The store cannot be opened or written; the message says why, in one line."""


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
    db.conn.executescript(SCHEMA_V1)
    for table, columns in FTS_TABLES:
        if not db[table].detect_fts():
            db[table].enable_fts(list(columns), fts_version="FTS5", create_triggers=True)


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    # Dashboard reads: "how many articles report this event" and metric charts, index-only.
    db.conn.executescript(
        "CREATE INDEX IF NOT EXISTS events_same ON events(kind, date, location, article_id);"
        "CREATE INDEX IF NOT EXISTS metrics_series ON metrics(kind, date, side, value);"
    )


# MIGRATIONS[n] brings a store at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migrate_to_1, _migrate_to_2]
assert len(MIGRATIONS) == SCHEMA_VERSION


def default_db_path() -> Path:
    """$SITREP_DB, else $XDG_DATA_HOME/sitrep/sitrep.db (~/.local/share/sitrep/sitrep.db)."""
    if os.environ.get("SITREP_DB"):
        return Path(os.environ["SITREP_DB"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "sitrep" / "sitrep.db"


def open_store(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) the store at `path`. Raises StoreError with a clear reason."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a store file")
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no such store")
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create its directory ({exc.strerror})") from None
    try:
        # Autocommit mode: writers open their own transactions (BEGIN IMMEDIATE) explicitly.
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            isolation_level=None,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a sitrep store or corrupt ({exc})") from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: store schema version {version} is newer than this sitrep understands "
            f"({SCHEMA_VERSION}); upgrade sitrep"
        )
    db = sqlite_utils.Database(conn)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            _migrate(db, version)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StoreError(f"{path}: cannot write the store ({exc})") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a sitrep store or corrupt ({exc})") from None
    return db


def _migrate(db: sqlite_utils.Database, version: int) -> None:
    # Every step is idempotent (IF NOT EXISTS, detect_fts) and user_version is set last, so a
    # migration cut short is simply finished the next time the store is opened.
    for step in MIGRATIONS[version:]:
        step(db)
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def row_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {
        table: db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "events", "statements", "metrics", "actors")
    }
