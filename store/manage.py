"""Managing the articles of a store: listing them, and removing them with all their rows.

A removal is one transaction under the write lock, like an ingest's article: every article
named goes, with its events, statements, metrics and the rest (ON DELETE CASCADE, and the FTS
triggers that fire on those deletes), or, when one id is wrong, nothing at all.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from store.db import StoreError, begin_immediate, describe_sqlite_error, store_path
from store.ingest import _rollback_quietly, _signals_deferred
from store.query import NAME_MAX, TITLE_MAX, URL_MAX, WORD_MAX, shown
from store.removal import ROW_TABLES, delete_articles
from store.search import fts_query

ID_PREFIX_MIN = 6  # hex digits an id given to `remove` needs: 16.7 million prefixes
_HEX_ID = re.compile(rf"[0-9a-fA-F]{{{ID_PREFIX_MIN},64}}")


class ArticleIdError(StoreError):
    """An id given to remove names no article, or more than one; nothing was removed."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of `sitrep articles`: texts cut for display (store.query's limits)."""

    id: str
    published: str | None
    source: str | None
    title: str
    url: str | None
    rows: int  # events + statements + metrics

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "published": self.published, "source": self.source,
                "title": self.title, "url": self.url, "rows": self.rows}


@dataclass(frozen=True, slots=True)
class ArticleListing:
    articles: list[ArticleSummary]  # newest first, at most the limit asked for
    total: int  # the articles that match (every article, without a search)


@dataclass(frozen=True, slots=True)
class Removal:
    articles: int
    rows: int  # events + statements + metrics removed with them
    actors: int  # actors no remaining row names, removed with them


def is_id_prefix(text: str) -> bool:
    """Whether `text` can name an article for `remove`: 6 to 64 hex digits."""
    return _HEX_ID.fullmatch(text) is not None


def _prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds of the ids starting with `prefix` (lower-case hex), for the primary key index:
    '~' sorts after every hex digit."""
    return prefix.lower(), prefix.lower() + "~"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_where(search: str) -> tuple[str, list[object]]:
    """Articles matching `search`: by their words (the articles' FTS index, title and text),
    or holding it in their title, source or URL, or having an id that starts with it."""
    clauses = [
        "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
        *(f"a.{column} LIKE ? ESCAPE '\\'" for column in ("title", "source", "url")),
    ]
    params: list[object] = [fts_query(search), *([_like(search)] * 3)]
    if re.fullmatch(r"[0-9a-fA-F]+", search):
        clauses.append("a.id >= ? AND a.id < ?")
        params.extend(_prefix_range(search))
    return "WHERE " + " OR ".join(f"({c})" for c in clauses), params


def _rows_sql(article: str) -> str:
    return " + ".join(f"(SELECT count(*) FROM {table} WHERE article_id = {article})"
                      for table in ROW_TABLES)


def list_articles(conn: sqlite3.Connection, search: str = "",
                  limit: int | None = None) -> ArticleListing:
    """Articles newest first (by publication date; undated ones last), each with its row
    count; those matching `search` when given; at most `limit` of them (None: all)."""
    where, params = _search_where(search.strip()) if search.strip() else ("", [])
    total = conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT a.id, {shown('a.published', WORD_MAX)}, {shown('a.source', NAME_MAX)}, "
        f"{shown('a.title', TITLE_MAX)}, {shown('a.url', URL_MAX)}, {_rows_sql('a.id')} "
        f"FROM articles a {where} ORDER BY a.published DESC, a.ingested_at DESC, a.id "
        "LIMIT ?", [*params, -1 if limit is None else limit],
    ).fetchall()
    return ArticleListing(
        [ArticleSummary(str(ident), published, source, title or "", url, int(n))
         for ident, published, source, title, url, n in rows],
        int(total),
    )


def resolve_ids(conn: sqlite3.Connection, prefixes: Iterable[str]) -> list[str]:
    """The article id each of `prefixes` (ids or unique prefixes of them) names, in order,
    each once. Raises ArticleIdError naming every prefix that names no article or several."""
    found: dict[str, None] = {}
    problems: list[str] = []
    for prefix in dict.fromkeys(p.lower() for p in prefixes):
        matches = conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            _prefix_range(prefix)).fetchall()
        if len(matches) == 1:
            found[str(matches[0][0])] = None
        elif not matches:
            problems.append(f"{prefix}: no such article")
        else:
            count = conn.execute("SELECT count(*) FROM articles WHERE id >= ? AND id < ?",
                                 _prefix_range(prefix)).fetchone()[0]
            problems.append(f"{prefix}: ambiguous, {count} articles have ids starting with it "
                            "(give more of the id)")
    if problems:
        raise ArticleIdError(f"{'; '.join(problems)} (store {store_path(conn)}); "
                             "nothing removed")
    return list(found)


def _delete(conn: sqlite3.Connection, ids: list[str]) -> Removal:
    """Delete articles `ids` (inside the caller's transaction), as an ingest deletes a text no
    file holds any more: their rows, and the actors only they named (store.removal)."""
    deleted = delete_articles(conn, ids)
    return Removal(len(ids), deleted.rows, deleted.actors)


def remove_articles(conn: sqlite3.Connection, prefixes: Sequence[str],
                    on_removed: Callable[[Removal], None] | None = None) -> Removal:
    """Remove the articles `prefixes` name (ids or unique prefixes), all in one transaction:
    an id that names no article, or several, removes nothing (ArticleIdError).

    Ctrl+C and SIGTERM wait for the commit or the rollback; `on_removed` is called after the
    commit and before they take effect, so the caller can say what was removed."""
    try:
        with _signals_deferred():
            begin_immediate(conn)
            try:
                removal = _delete(conn, resolve_ids(conn, prefixes))
                conn.execute("COMMIT")
            except BaseException:
                _rollback_quietly(conn)
                raise
            if on_removed is not None:
                on_removed(removal)
    except sqlite3.Error as exc:
        where = store_path(conn)
        raise StoreError(f"{where}: {describe_sqlite_error(exc, where)}; nothing removed"
                         ) from None
    return removal
