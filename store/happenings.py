"""Happenings: one figure per (kind, side, claimant, day), however many articles report it.

Three articles repeating the Air Force's count of one night are one happening, not three
figures to add up. The store keeps a `happenings` row per key (schema 7, store.db) and each
dated metric points to its happening (`metrics.happening_id`). A happening carries the value
shown for it, the claimant's latest report: the figure of the article published last (then
ingested last; within that article the largest of its figures for the key), and how many
articles report it. Those two are recomputed here, for the happenings an ingest or a removal
touched, inside the caller's transaction, so they are never stale.

What is not a happening: an undated metric (nothing says which day it belongs to, so it is
grouped with nothing, shown in the table, and neither charted nor added). A running total
(`cumulative`) has happenings of its own (the key includes it), so a running total and a day's
figure of the same day are never one, and sums leave running totals out.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

# SQL run by the migration to schema 7 (store.db, inside its transaction).
HAPPENINGS_SCHEMA = """
CREATE TABLE IF NOT EXISTS happenings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    side TEXT NOT NULL DEFAULT '',      -- '' when the reports name no side
    claimant TEXT NOT NULL DEFAULT '',  -- '' when they name no claimant
    day TEXT NOT NULL,                  -- ISO day (the night of X to Y is Y: store.extract)
    cumulative INTEGER NOT NULL DEFAULT 0,
    value REAL,                         -- the claimant's latest report (see refresh)
    metric_id INTEGER,                  -- the metric that value comes from
    reports INTEGER NOT NULL DEFAULT 0, -- articles reporting it
    UNIQUE (kind, side, claimant, day, cumulative)
);
-- Index-only reads: by day (charts, a date window) and by series (totals per claimant).
CREATE INDEX IF NOT EXISTS happenings_series
    ON happenings(kind, cumulative, day, claimant, side, value, reports);
CREATE INDEX IF NOT EXISTS happenings_by_series
    ON happenings(kind, cumulative, claimant, side, day, value, reports);
"""

# The key of a metrics row `t`, as the happenings table spells it.
_KEY_SQL = ("t.kind, coalesce(t.side, ''), coalesce(t.claimant, ''), substr(t.date, 1, 10), "
            "t.cumulative")
_LISTED = "(SELECT value FROM json_each(?))"


def happening_id(conn: sqlite3.Connection, kind: str, side: str | None, claimant: str | None,
                 date: str | None, cumulative: bool) -> int | None:
    """The id of the happening a metric with these fields belongs to (made when new); None
    for an undated metric, which belongs to none."""
    if not date:
        return None
    row = conn.execute(
        "INSERT INTO happenings (kind, side, claimant, day, cumulative) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET kind = excluded.kind RETURNING id",
        (kind, side or "", claimant or "", date[:10], int(bool(cumulative))),
    ).fetchone()
    return int(row[0])


def happenings_of(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[int]:
    """The happenings the metrics of `article_ids` belong to (read before deleting them)."""
    return [int(r[0]) for r in conn.execute(
        f"SELECT DISTINCT happening_id FROM metrics WHERE article_id IN {_LISTED} "
        "AND happening_id IS NOT NULL", [json.dumps(list(article_ids))])]


_REFRESH = """
UPDATE happenings SET
    reports = (SELECT count(DISTINCT m.article_id) FROM metrics m
               WHERE m.happening_id = happenings.id),
    (value, metric_id) = (
        SELECT m.value, m.id FROM metrics m JOIN articles a ON a.id = m.article_id
        WHERE m.happening_id = happenings.id
        ORDER BY a.published IS NULL, a.published DESC, a.ingested_at DESC, m.value DESC,
                 m.id DESC
        LIMIT 1)
"""


def refresh(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> None:
    """Recompute the value and report count of happenings `ids` (None: all of them), and drop
    those no metric belongs to any more. Inside the caller's transaction."""
    if ids is None:
        conn.execute("DELETE FROM happenings WHERE NOT EXISTS "
                     "(SELECT 1 FROM metrics WHERE happening_id = happenings.id)")
        conn.execute(_REFRESH)
        return
    listed = json.dumps(sorted(set(ids)))
    if listed == "[]":
        return
    conn.execute(f"DELETE FROM happenings WHERE id IN {_LISTED} AND NOT EXISTS "
                 "(SELECT 1 FROM metrics WHERE happening_id = happenings.id)", [listed])
    conn.execute(f"{_REFRESH} WHERE id IN {_LISTED}", [listed])


def group_all(conn: sqlite3.Connection) -> None:
    """Give every dated metric its happening and compute them all: the migration to schema 7
    and bulk-built stores (bench). Inside the caller's transaction.

    The update only sets `happening_id`, which no FTS index holds, so the metrics index's
    update trigger (which would delete and re-add every row's words) is dropped meanwhile.
    """
    conn.execute(
        f"INSERT OR IGNORE INTO happenings (kind, side, claimant, day, cumulative) "
        f"SELECT DISTINCT {_KEY_SQL} FROM metrics t WHERE t.date IS NOT NULL")
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                           "AND name = 'metrics_fts_au'").fetchone()
    if trigger:
        conn.execute("DROP TRIGGER metrics_fts_au")
    conn.execute(
        "UPDATE metrics AS t SET happening_id = (SELECT h.id FROM happenings h WHERE "
        "(h.kind, h.side, h.claimant, h.day, h.cumulative) = "
        f"({_KEY_SQL})) WHERE t.date IS NOT NULL")
    if trigger:
        conn.execute(trigger[0])
    refresh(conn)
