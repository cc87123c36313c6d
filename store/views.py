"""Saved views: the dashboard's filters and pane kept in the store under a name (schema 11,
table saved_views). `v` in the dashboard saves and lists them; `sitrep --view NAME` reopens one.

The filters are kept as JSON of their fields, the actor by name (an actor's id is the store's
own and may change when articles are removed and ingested again; its name stays).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from store.db import StoreError, begin_immediate, open_store
from store.query import NAME_MAX, Filters

NAME_LIMIT = 60  # characters of a view's name
PANES = ("timeline", "statements", "metrics", "source")
# The Filters fields a view keeps: not the actor's id (see above) nor `near`, which follows
# the timeline's cursor and means nothing once it has moved.
_KEPT = tuple(f.name for f in fields(Filters) if f.name not in ("actor_id", "near"))


class ViewError(ValueError):
    """A view name that cannot be saved or found: the message is one line."""


@dataclass(frozen=True, slots=True)
class SavedView:
    name: str
    filters: Filters
    pane: str | None
    saved_at: str  # ISO time, UTC

    def describe(self) -> str:
        """The view's filters in a few words ("actor Dmitry Peskov, dates 2025-03-01 – …")."""
        parts = [f"{label} {value}" for label, value in self.filters.describe()]
        if self.pane:
            parts.append(f"pane {self.pane}")
        return ", ".join(parts) or "no filters"


def filters_to_json(filters: Filters) -> str:
    data = {name: getattr(filters, name) for name in _KEPT}
    return json.dumps({k: v for k, v in data.items() if v not in (None, "", False)},
                      ensure_ascii=False, sort_keys=True)


def filters_from_json(conn: sqlite3.Connection, text: str) -> Filters:
    """The Filters a view's JSON names, its actor found again by name (gone: no actor
    filter). Fields this sitrep does not know (a later one wrote them) are left out."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    values: dict[str, Any] = {}
    for name in _KEPT:
        value = data.get(name)
        if name == "direct_only":
            values[name] = bool(value)
        elif isinstance(value, str) and value:
            values[name] = value
    filters = Filters(**values)
    if filters.actor_name:
        row = conn.execute("SELECT id, substr(name, 1, ?) FROM actors WHERE name = ?",
                           (NAME_MAX, filters.actor_name)).fetchone()
        if row is None:
            filters = Filters(**{**values, "actor_name": None})
        else:
            filters = Filters(**{**values, "actor_id": int(row[0]), "actor_name": str(row[1])})
    return filters


def check_name(name: str) -> str:
    """The name cleaned of outer spaces; ViewError when it cannot name a view."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ViewError("a view needs a name")
    if len(cleaned) > NAME_LIMIT:
        raise ViewError(f"a view's name is at most {NAME_LIMIT} characters")
    return cleaned


def _rows(conn: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()
          ) -> list[SavedView]:
    try:
        rows = conn.execute(f"SELECT name, filters, pane, saved_at FROM saved_views {where} "
                            "ORDER BY name COLLATE NOCASE", params).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # a store no sitrep of schema 11 has opened to write
            return []
        raise
    return [SavedView(str(name), filters_from_json(conn, str(text)),
                      str(pane) if pane in PANES else None, str(saved_at))
            for name, text, pane, saved_at in rows]


def list_views(conn: sqlite3.Connection) -> list[SavedView]:
    """Every saved view, by name."""
    return _rows(conn)


def get_view(conn: sqlite3.Connection, name: str) -> SavedView | None:
    """The view called `name` (case does not matter), or None."""
    found = _rows(conn, "WHERE name = ?", (" ".join(name.split()),))
    return found[0] if found else None


def save_view(path: str | Path, name: str, filters: Filters, pane: str | None = None
              ) -> SavedView:
    """Save (or replace) the view `name` in the store at `path`, through a connection of its
    own: the dashboard reads the store read-only."""
    cleaned = check_name(name)
    if pane is not None and pane not in PANES:
        raise ViewError(f"{pane!r} is not a pane ({', '.join(PANES)})")
    saved_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db = open_store(path, create=False)
    try:
        conn = db.conn
        begin_immediate(conn)
        try:
            conn.execute("DELETE FROM saved_views WHERE name = ?", (cleaned,))
            conn.execute("INSERT INTO saved_views (name, filters, pane, saved_at) "
                         "VALUES (?, ?, ?, ?)", (cleaned, filters_to_json(filters), pane, saved_at))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        view = get_view(conn, cleaned)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot save the view: {exc}") from None
    finally:
        db.conn.close()
    assert view is not None
    return view


def delete_view(path: str | Path, name: str) -> bool:
    """Remove the view `name`; False when there was none."""
    db = open_store(path, create=False)
    try:
        cur = db.conn.execute("DELETE FROM saved_views WHERE name = ?", (" ".join(name.split()),))
        return cur.rowcount > 0
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot delete the view: {exc}") from None
    finally:
        db.conn.close()


def known_topics() -> list[str]:
    """The topics statements are tagged with (the topic lexicon's names)."""
    from store.extract.gazetteer import lexicon

    return list(lexicon()["topics"])


def topic_named(text: str) -> str | None:
    """The topic `text` names ("security guarantees", "NATO", "ceasefire"), or None."""
    wanted = "_".join(text.casefold().replace("-", " ").split())
    return next((t for t in known_topics() if t == wanted), None)
