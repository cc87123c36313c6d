"""Happenings: one occurrence, however many articles report it.

Dated metrics of the same kind, side, claimant and day, and dated events of the same kind,
day and place, are one happening: three articles repeating the Air Force's count of one
night are one figure, not three to add up; two wires reporting one strike on Kharkiv are one
strike with two reports. The store keeps a `happenings` row per key (schema 9, store.db) and
each dated metric and event points to its happening (`happening_id`). A happening carries how
many articles report it and, for metrics, the value shown for it: the claimant's latest report
(the figure of the article published last, then ingested last; within that article the
largest of its figures for the key). Both are recomputed here, for the happenings an ingest
or a removal touched, inside the caller's transaction, so they are never stale.

One key space: a metric happening has no place (''), an event happening no side, claimant
or value. Event kinds and metric kinds are apart by the extraction contract (strike, talks...
against drones, killed...), so a metric query keyed by kind never meets an event happening.

The side rule. A claimant that counts weapons launched or shot down counts the other side's
(the Ukrainian Air Force counts Russian drones), so for those kinds (SIDE_IMPLIED_KINDS) a
figure that names no side joins the same kind, claimant and day's happening when exactly one
side is named by that claimant's figures for it: "the Air Force said 150 drones came" and
"Russia launched 150 drones, the Air Force said" are one happening, side Russia. With no
sided figure, or figures for both sides, it stays in a side-less happening of its own. The
rule is applied to the figures as stored whatever order they came in (`settle`), so an
ingest, a removal and a regrouping from scratch (`group_all`) give the same happenings.

What is not a happening: an undated metric or event (nothing says which day it belongs to, so
it is grouped with nothing; undated metrics are shown in the table, neither charted nor
added). A running total (`cumulative`) has happenings of its own (the key includes it), so a
running total and a day's figure of the same day are never one, and sums leave running
totals out.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from store.db import update_triggers_aside

# SQL run by the migration to schema 9 (store.db, inside its transaction). The unique key
# starts with what the side rule looks up (kind, claimant, day, cumulative, place: every
# side of one claimant's night) and ends with the side.
HAPPENINGS_SCHEMA = """
CREATE TABLE IF NOT EXISTS happenings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                 -- a metric kind (drones) or an event kind (strike)
    side TEXT NOT NULL DEFAULT '',      -- '' when the reports name no side (events: always)
    claimant TEXT NOT NULL DEFAULT '',  -- '' when they name no claimant (events: always)
    day TEXT NOT NULL,                  -- ISO day (the night of X to Y is Y: store.extract)
    cumulative INTEGER NOT NULL DEFAULT 0,
    place TEXT NOT NULL DEFAULT '',     -- events: their location ('' for none); metrics: ''
    value REAL,                         -- metrics: the claimant's latest report (see refresh)
    metric_id INTEGER,                  -- the metric that value comes from (events: NULL)
    reports INTEGER NOT NULL DEFAULT 0, -- articles reporting it
    UNIQUE (kind, claimant, day, cumulative, place, side)
);
-- Index-only reads: by day (charts, a date window) and by series (totals per claimant).
CREATE INDEX IF NOT EXISTS happenings_series
    ON happenings(kind, cumulative, day, claimant, side, value, reports);
CREATE INDEX IF NOT EXISTS happenings_by_series
    ON happenings(kind, cumulative, claimant, side, day, value, reports);
"""

# Kinds whose side a claimant's count implies (see the module's docstring): weapons launched
# or shot down. Not casualties or territory: one governor reports both sides' dead, ISW both
# sides' gains, on the same day.
SIDE_IMPLIED_KINDS = ("drones", "missiles", "drones_intercepted", "missiles_intercepted")

# The key of a metrics row `t` and of an events row `t`, as the happenings table spells it.
_METRIC_KEY = ("t.kind, coalesce(t.side, ''), coalesce(t.claimant, ''), substr(t.date, 1, 10), "
               "t.cumulative, ''")
_EVENT_KEY = "t.kind, '', '', substr(t.date, 1, 10), 0, coalesce(t.location, '')"
_KEY_COLUMNS = "kind, side, claimant, day, cumulative, place"
_LISTED = "(SELECT value FROM json_each(?))"
_IMPLIED = ", ".join(f"'{kind}'" for kind in SIDE_IMPLIED_KINDS)
ROW_TABLES = ("metrics", "events")  # the tables whose rows belong to happenings


def _key_id(conn: sqlite3.Connection, kind: str, side: str, claimant: str, day: str,
            cumulative: int, place: str) -> int:
    row = conn.execute(
        f"INSERT INTO happenings ({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET kind = excluded.kind RETURNING id",
        (kind, side, claimant, day, cumulative, place),
    ).fetchone()
    return int(row[0])


def happening_id(conn: sqlite3.Connection, kind: str, side: str | None, claimant: str | None,
                 date: str | None, cumulative: bool) -> int | None:
    """The id of the happening a metric with these fields belongs to by its own key (made when
    new; `settle` then applies the side rule); None for an undated metric."""
    if not date:
        return None
    return _key_id(conn, kind, side or "", claimant or "", date[:10], int(bool(cumulative)), "")


def event_happening_id(conn: sqlite3.Connection, kind: str, date: str | None,
                       place: str | None) -> int | None:
    """The id of the happening an event of `kind` on `date` at `place` belongs to (made when
    new); None for an undated event, which belongs to none."""
    if not date:
        return None
    return _key_id(conn, kind, "", "", date[:10], 0, place or "")


def happenings_of(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[int]:
    """The happenings the metrics and events of `article_ids` belong to (read before deleting
    them, then `settle` those)."""
    listed = json.dumps(list(article_ids))
    return sorted({int(r[0]) for table in ROW_TABLES for r in conn.execute(
        f"SELECT DISTINCT happening_id FROM {table} WHERE article_id IN {_LISTED} "
        "AND happening_id IS NOT NULL", [listed])})


_REFRESH = """
UPDATE happenings SET
    reports = (SELECT count(DISTINCT m.article_id) FROM metrics m
               WHERE m.happening_id = happenings.id)
            + (SELECT count(DISTINCT e.article_id) FROM events e
               WHERE e.happening_id = happenings.id),
    (value, metric_id) = (
        SELECT m.value, m.id FROM metrics m JOIN articles a ON a.id = m.article_id
        WHERE m.happening_id = happenings.id
        ORDER BY a.published IS NULL, a.published DESC, a.ingested_at DESC, m.value DESC,
                 m.id DESC
        LIMIT 1)
"""
_EMPTY = ("NOT EXISTS (SELECT 1 FROM metrics WHERE happening_id = happenings.id) AND "
          "NOT EXISTS (SELECT 1 FROM events WHERE happening_id = happenings.id)")


def refresh(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> None:
    """Recompute the value and report count of happenings `ids` (None: all of them), and drop
    those no metric or event belongs to any more. Inside the caller's transaction."""
    if ids is None:
        conn.execute(f"DELETE FROM happenings WHERE {_EMPTY}")
        conn.execute(_REFRESH)
        return
    listed = json.dumps(sorted(set(ids)))
    if listed == "[]":
        return
    conn.execute(f"DELETE FROM happenings WHERE id IN {_LISTED} AND {_EMPTY}", [listed])
    conn.execute(f"{_REFRESH} WHERE id IN {_LISTED}", [listed])


def settle(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Bring happenings `ids` up to date after rows of theirs were added or deleted: the side
    rule applied to their claimants' nights, then values and report counts recomputed and
    empty happenings dropped. Inside the caller's transaction (ingest, removal)."""
    touched = set(ids)
    if touched:
        touched |= _apply_side_rule(conn, sorted(touched))
    refresh(conn, touched)


def _apply_side_rule(conn: sqlite3.Connection, ids: list[int] | None) -> set[int]:
    """Move side-less figures to where the side rule puts them, for the (kind, claimant, day,
    cumulative) groups of happenings `ids` (None: every group). Returns the happenings of
    those groups, before and after, for `refresh`."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS side_groups (kind TEXT, claimant TEXT, "
                 "day TEXT, cumulative INTEGER, sided INTEGER, "
                 "PRIMARY KEY (kind, claimant, day, cumulative)) WITHOUT ROWID")
    conn.execute("DELETE FROM side_groups")
    where = f"kind IN ({_IMPLIED}) AND claimant != '' AND place = ''"
    fill = ("INSERT INTO side_groups (kind, claimant, day, cumulative) "
            "SELECT DISTINCT kind, claimant, day, cumulative FROM happenings WHERE ")
    if ids is None:
        groups = conn.execute(fill + where).rowcount
    else:
        groups = conn.execute(f"{fill} id IN {_LISTED} AND {where}", [json.dumps(ids)]).rowcount
    if not groups:
        return set()  # (most articles: no claimant's count of weapons)
    group_of = ("h.kind = g.kind AND h.claimant = g.claimant AND h.day = g.day "
                "AND h.cumulative = g.cumulative AND h.place = ''")
    # The one side the group's sided figures name, when they name exactly one (a sided
    # happening left with only side-less figures, after a removal, names none).
    conn.execute(
        "UPDATE side_groups AS g SET sided = (SELECT CASE WHEN count(*) = 1 THEN min(h.id) END "
        f"FROM happenings h WHERE {group_of} AND h.side != '' AND EXISTS (SELECT 1 FROM "
        "metrics m WHERE m.happening_id = h.id AND coalesce(m.side, '') != ''))")
    # The side-less happening, for groups where side-less figures stay apart.
    conn.execute(
        f"INSERT OR IGNORE INTO happenings ({_KEY_COLUMNS}) "
        "SELECT g.kind, '', g.claimant, g.day, g.cumulative, '' FROM side_groups g "
        f"WHERE g.sided IS NULL AND EXISTS (SELECT 1 FROM happenings h JOIN metrics m "
        f"ON m.happening_id = h.id WHERE {group_of} AND h.side != '' "
        "AND coalesce(m.side, '') = '')")
    conn.execute(
        "UPDATE metrics SET happening_id = moves.target FROM (SELECT h.id AS source, "
        "coalesce(g.sided, blank.id) AS target FROM side_groups g "
        f"JOIN happenings h ON {group_of} "
        "LEFT JOIN happenings blank ON blank.kind = g.kind AND blank.claimant = g.claimant "
        "AND blank.day = g.day AND blank.cumulative = g.cumulative AND blank.place = '' "
        "AND blank.side = '') AS moves "
        "WHERE metrics.happening_id = moves.source AND coalesce(metrics.side, '') = '' "
        "AND moves.target IS NOT NULL AND moves.source != moves.target")
    if ids is None:
        return set()
    return {int(r[0]) for r in conn.execute(
        f"SELECT h.id FROM side_groups g JOIN happenings h ON {group_of}")}


def group_all(conn: sqlite3.Connection) -> None:
    """Give every dated metric and event its happening and compute them all: the migration to
    schema 9 and bulk-built stores (bench). Inside the caller's transaction. The same
    happenings as ingesting the rows one article at a time would give."""
    with update_triggers_aside(conn, ROW_TABLES):
        for table, key in (("metrics", _METRIC_KEY), ("events", _EVENT_KEY)):
            conn.execute(f"INSERT OR IGNORE INTO happenings ({_KEY_COLUMNS}) "
                         f"SELECT DISTINCT {key} FROM {table} t WHERE t.date IS NOT NULL")
            conn.execute(
                f"UPDATE {table} AS t SET happening_id = (SELECT h.id FROM happenings h WHERE "
                f"({_KEY_COLUMNS}) = ({key})) WHERE t.date IS NOT NULL")
        _apply_side_rule(conn, None)
    refresh(conn)
