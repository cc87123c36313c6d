"""Deleting articles with all their rows, inside the caller's transaction.

One way for both callers: `sitrep articles remove` (store.manage) and an ingest whose file now
holds another text, so the old text's article goes (store.ingest). The rows go by cascade (and
the FTS triggers that fire on those deletes); the happenings they reported are settled again
(a figure other articles still report stays, once); and the actors only those rows named go
too, so the actor picker offers no one with no rows.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from store.happenings import happenings_of, settle

ROW_TABLES = ("events", "statements", "metrics")
# `x IN ` this: a list of values given as one JSON parameter (no limit on their number).
_LISTED = "(SELECT value FROM json_each(?))"


@dataclass(frozen=True, slots=True)
class Deleted:
    rows: int  # events + statements + metrics deleted with the articles
    actors: int  # actors no remaining row names, deleted with them


def _actors_named(conn: sqlite3.Connection, ids: list[str]) -> set[int]:
    """The actors the rows of articles `ids` point to."""
    found: set[int] = set()
    for sql in ("SELECT speaker_id FROM statements WHERE article_id IN {}",
                "SELECT claimant_id FROM metrics WHERE article_id IN {}",
                "SELECT ea.actor_id FROM event_actors ea JOIN events e ON e.id = ea.event_id "
                "WHERE e.article_id IN {}"):
        found.update(r[0] for r in conn.execute(sql.format(_LISTED), [json.dumps(ids)])
                     if r[0] is not None)
    return found


def _still_named(conn: sqlite3.Connection, actors: list[int]) -> set[int]:
    """Which of `actors` a row still points to (statements and event_actors by index; the
    metrics' claimant has no index, so one pass over them for all the actors at once)."""
    named: set[int] = set()
    for sql in ("SELECT DISTINCT speaker_id FROM statements WHERE speaker_id IN {}",
                "SELECT DISTINCT actor_id FROM event_actors WHERE actor_id IN {}",
                "SELECT DISTINCT claimant_id FROM metrics WHERE claimant_id IN {}"):
        named.update(r[0] for r in conn.execute(sql.format(_LISTED), [json.dumps(actors)]))
    return named


def delete_articles(conn: sqlite3.Connection, ids: list[str]) -> Deleted:
    """Delete articles `ids` with their rows, settle the happenings those reported, and delete
    the actors only they named. Inside the caller's transaction."""
    listed = json.dumps(ids)
    rows = sum(conn.execute(f"SELECT count(*) FROM {table} WHERE article_id IN {_LISTED}",
                            [listed]).fetchone()[0] for table in ROW_TABLES)
    actors = _actors_named(conn, ids)
    touched = happenings_of(conn, ids)
    # A feed entry keeps its row with article_id set NULL (ON DELETE SET NULL), so `fetch`
    # still knows the entry and does not bring the article back.
    conn.execute(f"DELETE FROM articles WHERE id IN {_LISTED}", [listed])
    settle(conn, touched)
    orphans = sorted(actors - _still_named(conn, sorted(actors))) if actors else []
    if orphans:
        conn.execute(f"DELETE FROM actors WHERE id IN {_LISTED}", [json.dumps(orphans)])
    return Deleted(int(rows), len(orphans))
