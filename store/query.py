"""The dashboard's reads: keyset-paged rows, full-text search, filters, counts and chart series.

Everything here is plain SQLite and dataclasses (no textual). Reads never load a whole table:
rows come a page at a time, ordered newest first by their sort date (their own date, else
their article's: store.db, _migrate_to_4), rows with neither after all others, paged with
keyset conditions on (sort_date, id) so every page uses an index.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from store.articles import MAX_ARTICLE_BYTES
from store.db import ID_BITS, ID_MASK, day_key_sql, decode_text, fts_ids_sql, sort_key_sql
from store.export import EXPORT_COLUMNS, write_rows
from store.search import fts_query

# A row's position in the ordering: (sort date, or None when it has none, id).
Key = tuple[str | None, int]

COUNT_CAP = 100_000  # filtered counts stop here and read "100,000+"
NEAR_DAYS = 3  # statements "around" a timeline date: this many days either side

# How many characters of each stored text the dashboard reads. Cut in the SQL (substr), so a
# huge value never leaves SQLite: ingest cuts metadata (store.articles), but a store written
# before it did, or by another tool, may hold a 2 MB title or a 300 MB source, which froze
# the dashboard for seconds or for good. Generous for real data: a real quote or evidence
# sentence runs to a few thousand characters, a headline to a few hundred.
TEXT_MAX = 20_000  # quote, evidence, summary
LIST_MAX = 20_000  # actors, topics (JSON lists: a cut list reads as empty)
TITLE_MAX = 2_000  # ingest keeps 500
NAME_MAX = 1_000  # speaker, claimant, location, source (ingest keeps 200), actor names
URL_MAX = 8_000  # url (ingest keeps 4,000), path
WORD_MAX = 200  # kind, mode, status, date precision, rule, side, qualifier, published
# The article's text is read whole up to the ingest limit (no article is longer), so spans
# and `sitrep explain` sentence numbers stay right; the source pane shows a window of it.
ARTICLE_TEXT_MAX = MAX_ARTICLE_BYTES


@dataclass(frozen=True, slots=True)
class Filters:
    """What the analyst narrowed the view to. The app owns one; every pane reads it."""

    search: str = ""
    actor_id: int | None = None
    actor_name: str | None = None
    kind: str | None = None  # an event kind
    date_from: str | None = None  # ISO day, inclusive
    date_to: str | None = None  # ISO day, inclusive
    near: str | None = None  # statements within NEAR_DAYS of this day (from the timeline)
    oblast: str | None = None  # events and metrics in this oblast (store.extract.oblasts)
    direct_only: bool = False  # statements in direct speech only (quoted words)
    topic: str | None = None  # statements on this topic (store.extract.topics)

    @property
    def active(self) -> bool:
        return self != Filters()

    @property
    def search_text(self) -> str:
        return self.search.strip()

    def with_window(self, start: str | None, end: str | None) -> Filters:
        return replace(self, date_from=start, date_to=end)

    def describe(self) -> list[tuple[str, str]]:
        """(label, value) pairs of the active filters, in a stable order."""
        parts: list[tuple[str, str]] = []
        if self.search_text:
            parts.append(("search", self.search_text))
        if self.actor_name:
            parts.append(("actor", self.actor_name))
        if self.kind:
            parts.append(("kind", self.kind))
        if self.date_from or self.date_to:
            parts.append(("dates", f"{self.date_from or '…'} – {self.date_to or '…'}"))
        if self.near:
            parts.append(("near", f"{self.near} ±{NEAR_DAYS}d"))
        if self.oblast:
            parts.append(("oblast", self.oblast))
        if self.direct_only:
            parts.append(("quotes", "direct only"))
        if self.topic:
            parts.append(("topic", self.topic.replace("_", " ")))
        return parts


# Rows are values handed to the panes and never changed there, but not frozen: a frozen
# dataclass sets each field through object.__setattr__, which made building a page of rows
# cost as much as the query that found them.
@dataclass(slots=True)
class EventRow:
    id: int
    article_id: str
    kind: str
    date: str | None
    date_precision: str
    status: str
    location: str | None
    actors: list[str]
    summary: str
    evidence: str
    span_start: int
    span_end: int
    rule: str = ""  # the extraction rule that made the row ('' before schema 4)
    reported: str | None = None  # the article's date
    happening_id: int | None = None  # the happening it reports (store.happenings); undated: None
    reports: int = 1  # articles reporting the same kind, day and place (that happening)
    oblast: str | None = None  # store.extract.oblasts; None: abroad, unknown or ambiguous

    # Its article's outlet, address and headline (for the detail strip and citations).
    outlet: str | None = None
    url: str | None = None
    article_title: str = ""
    @property
    def sort_date(self) -> str | None:
        return self.date if self.date is not None else self.reported

    @property
    def key(self) -> Key:
        return (self.sort_date, self.id)


@dataclass(slots=True)
class StatementRow:
    id: int
    article_id: str
    speaker: str
    quote: str
    mode: str
    date: str | None
    date_precision: str
    topics: list[str]
    evidence: str
    span_start: int
    span_end: int
    rule: str = ""
    reported: str | None = None

    # Its article's outlet, address and headline (for the detail strip and citations).
    outlet: str | None = None
    url: str | None = None
    article_title: str = ""
    @property
    def sort_date(self) -> str | None:
        return self.date if self.date is not None else self.reported

    @property
    def key(self) -> Key:
        return (self.sort_date, self.id)


@dataclass(slots=True)
class MetricRow:
    id: int
    article_id: str
    kind: str
    value: float
    qualifier: str
    side: str | None
    location: str | None
    date: str | None
    date_precision: str
    claimant: str | None
    evidence: str
    span_start: int
    span_end: int
    rule: str = ""
    reported: str | None = None
    cumulative: bool = False  # a running total: never added into a sum or a chart
    happening_id: int | None = None  # the happening it reports (store.happenings); undated: None
    reports: int = 1  # articles reporting that happening
    oblast: str | None = None
    # The other figure of its happening (the same claimant, side and day): the intercepted
    # count beside a launched one, the launched beside an intercepted (None: not given).
    partner: float | None = None

    # Its article's outlet, address and headline (for the detail strip and citations).
    outlet: str | None = None
    url: str | None = None
    article_title: str = ""
    @property
    def sort_date(self) -> str | None:
        return self.date if self.date is not None else self.reported

    @property
    def key(self) -> Key:
        return (self.sort_date, self.id)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    title: str
    published: str | None
    source: str | None
    url: str | None
    text: str
    path: str | None = None  # the file it was ingested from


@dataclass(frozen=True, slots=True)
class Page:
    """Rows in display order, and whether the ordering goes on before and after them."""

    rows: list[Any]
    more_before: bool
    more_after: bool


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    exact: bool = True

    def __str__(self) -> str:
        return f"{self.value:,}" + ("" if self.exact else "+")


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    bucket: str  # ISO day (the Monday for weekly series)
    group: str  # side, or the metric kind when a chart shows several kinds
    value: float


# ---------------------------------------------------------------------------------------------
# Tables


def _json_list(value: str | None) -> list[str]:
    if not value or value == "[]":
        return []
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def shown(column: str, limit: int) -> str:
    """SQL reading `column` for display: its first `limit` characters, as text (a BLOB that
    another tool stored reads as text, not as bytes the panes cannot draw), under its name."""
    name = column.rsplit(".", 1)[-1]
    return f"CAST(substr({column}, 1, {int(limit)}) AS TEXT) AS {name}"


@dataclass(frozen=True, slots=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    make: Callable[[tuple[Any, ...]], Any]
    where: Callable[[Filters, str | None], tuple[list[str], list[Any]]] = field(repr=False)
    # column -> characters read for display (columns not named are read whole: ids, numbers,
    # dates, which are the keys rows are paged by and must compare exactly)
    limits: dict[str, int] = field(default_factory=dict, repr=False)

    def select(self, *, whole: bool = False) -> str:
        """The columns of `t` (this table) as the dashboard reads them, or `whole` (export)."""
        return ", ".join(
            f"t.{c}" if whole or c not in self.limits else shown(f"t.{c}", self.limits[c])
            for c in self.columns
        )


def _window(f: Filters, out: list[str], params: list[Any]) -> None:
    # On the sort date: an undated row falls in the window of its article's date.
    if f.date_from:
        out.append("t.sort_date >= ?")
        params.append(f.date_from)
    if f.date_to:
        out.append("t.sort_date <= ?")
        params.append(f.date_to + "\uffff")  # a day's later-precision forms sort inside it


def _in_oblast(f: Filters, out: list[str], params: list[Any]) -> None:
    # Events and metrics only: statements have no place.
    if f.oblast:
        out.append("t.oblast = ?")
        params.append(f.oblast)


def _events_where(f: Filters, _extra: str | None) -> tuple[list[str], list[Any]]:
    out: list[str] = []
    params: list[Any] = []
    if f.search_text:
        out.append(f"t.id IN ({fts_ids_sql('events')})")
        params.append(fts_query(f.search_text))
    if f.actor_id is not None:
        out.append("t.id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)")
        params.append(f.actor_id)
    if f.kind:
        out.append("t.kind = ?")
        params.append(f.kind)
    _in_oblast(f, out, params)
    _window(f, out, params)
    return out, params


def _statements_where(f: Filters, _extra: str | None) -> tuple[list[str], list[Any]]:
    out: list[str] = []
    params: list[Any] = []
    if f.search_text:
        out.append(f"t.id IN ({fts_ids_sql('statements')})")
        params.append(fts_query(f.search_text))
    if f.actor_id is not None:
        out.append("t.speaker_id = ?")
        params.append(f.actor_id)
    if f.direct_only:
        out.append("t.mode = 'direct'")
    if f.topic:
        # topics is a JSON list of lexicon names, which hold no quote marks: its text says it
        out.append("instr(t.topics, ?) > 0")
        params.append(json.dumps(f.topic))
    _window(f, out, params)
    near = near_days(f)
    if near:
        out.append("t.sort_date >= ? AND t.sort_date <= ?")
        params += [near[0], near[1] + "\uffff"]
    return out, params


def near_days(f: Filters) -> tuple[str, str] | None:
    """The first and last ISO day of the near filter's window, or None without one."""
    if not f.near:
        return None
    try:
        day = dt.date.fromisoformat(f.near[:10])
    except ValueError:
        return None
    # within the calendar: a row dated 0001-01-01 or 9999-12-31 has a window cut at the edge
    first = dt.date.min + dt.timedelta(days=NEAR_DAYS)
    last = dt.date.max - dt.timedelta(days=NEAR_DAYS)
    low = day - dt.timedelta(days=NEAR_DAYS) if day >= first else dt.date.min
    high = day + dt.timedelta(days=NEAR_DAYS) if day <= last else dt.date.max
    return low.isoformat(), high.isoformat()


def _metrics_where(f: Filters, metric_kind: str | None) -> tuple[list[str], list[Any]]:
    out: list[str] = []
    params: list[Any] = []
    if f.search_text:
        out.append(f"t.id IN ({fts_ids_sql('metrics')})")
        params.append(fts_query(f.search_text))
    if f.actor_id is not None:
        out.append("t.claimant_id = ?")
        params.append(f.actor_id)
    if metric_kind:
        out.append("t.kind = ?")
        params.append(metric_kind)
    _in_oblast(f, out, params)
    _window(f, out, params)
    return out, params


_WORDS = dict.fromkeys(("kind", "mode", "status", "date_precision", "rule", "side",
                        "qualifier"), WORD_MAX)
EVENTS = _Table(
    "events",
    ("id", "article_id", "kind", "date", "date_precision", "status", "location", "actors",
     "summary", "evidence", "span_start", "span_end", "rule", "reported", "happening_id",
     "oblast"),
    lambda r: EventRow(*r[:7], _json_list(r[7]), *r[8:15],  # type: ignore[misc, call-arg]
                       oblast=r[15]),
    _events_where,
    {**_WORDS, "location": NAME_MAX, "actors": LIST_MAX, "summary": TEXT_MAX,
     "evidence": TEXT_MAX, "oblast": NAME_MAX},
)
STATEMENTS = _Table(
    "statements",
    ("id", "article_id", "speaker", "quote", "mode", "date", "date_precision", "topics",
     "evidence", "span_start", "span_end", "rule", "reported"),
    lambda r: StatementRow(*r[:7], _json_list(r[7]), *r[8:]),  # type: ignore[misc, call-arg]
    _statements_where,
    {**_WORDS, "speaker": NAME_MAX, "quote": TEXT_MAX, "topics": LIST_MAX,
     "evidence": TEXT_MAX},
)
def _shown_metrics_where(f: Filters, metric_kind: str | None) -> tuple[list[str], list[Any]]:
    """The metrics table shows each happening once, by the report its value comes from
    (undated rows, which belong to none, each show). A search shows every report it matches:
    the words may be in an earlier report of a happening only."""
    out, params = _metrics_where(f, metric_kind)
    if not f.search_text:
        out.append("NOT EXISTS (SELECT 1 FROM happenings h WHERE h.id = t.happening_id "
                   "AND h.metric_id != t.id)")
    return out, params


METRICS = _Table(
    "metrics",
    ("id", "article_id", "kind", "value", "qualifier", "side", "location", "date",
     "date_precision", "claimant", "evidence", "span_start", "span_end", "rule", "reported",
     "cumulative", "happening_id", "oblast"),
    lambda r: MetricRow(*r[:15], bool(r[15]), r[16],  # type: ignore[misc, call-arg]
                        oblast=r[17]),
    _shown_metrics_where,
    {**_WORDS, "location": NAME_MAX, "claimant": NAME_MAX, "evidence": TEXT_MAX,
     "oblast": NAME_MAX},
)
TABLES = {t.name: t for t in (EVENTS, STATEMENTS, METRICS)}


# ---------------------------------------------------------------------------------------------
# Keyset paging


def _segment(
    conn: sqlite3.Connection,
    table: _Table,
    where: list[str],
    params: list[Any],
    *,
    dated: bool,
    bound: Key | None,
    forward: bool,
    limit: int,
    whole: bool = False,
) -> list[tuple[Any, ...]]:
    """Rows of one segment (with a sort date or without) after/before `bound`, in traversal
    order; texts cut for display unless `whole` (export)."""
    conds = list(where)
    args = list(params)
    if dated:
        conds.append("t.sort_date IS NOT NULL")
        if bound is not None:
            conds.append("(t.sort_date, t.id) < (?, ?)" if forward
                         else "(t.sort_date, t.id) > (?, ?)")
            args += [bound[0], bound[1]]
        order = "t.sort_date DESC, t.id DESC" if forward else "t.sort_date ASC, t.id ASC"
    else:
        conds.append("t.sort_date IS NULL")
        if bound is not None:
            conds.append("t.id < ?" if forward else "t.id > ?")
            args.append(bound[1])
        order = "t.id DESC" if forward else "t.id ASC"
    sql = (
        f"SELECT {table.select(whole=whole)} FROM {table.name} t "
        f"WHERE {' AND '.join(conds)} ORDER BY {order} LIMIT ?"
    )
    return conn.execute(sql, [*args, limit]).fetchall()


def _walk(
    conn: sqlite3.Connection,
    table: _Table,
    where: list[str],
    params: list[Any],
    key: Key | None,
    forward: bool,
    limit: int,
    whole: bool = False,
) -> list[tuple[Any, ...]]:
    """Up to `limit` rows strictly after (forward) or before `key` in display order.

    key None means the start (forward) or the end (backward). Backward rows come nearest
    first; the caller reverses them. Texts are cut for display unless `whole`.
    """
    rows: list[tuple[Any, ...]] = []

    def segment(dated: bool, bound: Key | None, forward: bool, n: int) -> list[tuple[Any, ...]]:
        return _segment(conn, table, where, params, dated=dated, bound=bound, forward=forward,
                        limit=n, whole=whole)

    if forward:
        # display order: dated (newest first), then undated (newest id first)
        if key is None or key[0] is not None:
            rows += segment(True, key, True, limit)
            if len(rows) < limit:
                rows += segment(False, None, True, limit - len(rows))
        else:
            rows += segment(False, key, True, limit)
    else:
        if key is None or key[0] is None:
            rows += segment(False, key, False, limit)
            if len(rows) < limit:
                rows += segment(True, None, False, limit - len(rows))
        else:
            rows += segment(True, key, False, limit)
    return rows


# A search with other filters than dates (an actor, an event kind) walks the (date, id) or
# actor index and tests each row against the matches when they are many (unary +, so SQLite
# cannot drive the query from them), or looks the matches up by id and sorts them when they
# are few. A search alone, or with dates, reads the sort-keyed FTS index in display order
# instead (_fts_walk), which is faster than either.
WALK_INDEX_MIN_MATCHES = 1000


def _search_plan(
    conn: sqlite3.Connection, table: str, filters: Filters, where: list[str]
) -> list[str]:
    """`where`, with the search condition made a per-row test when the search matches many
    rows (on 1M statements "ceasefire", 63,000 matches, took 255 ms by lookup and sort and
    14 ms by walking the index; a word matching nothing takes 0.1 ms the first way and
    130 ms the second)."""
    if not filters.search_text or not where or "MATCH ?" not in where[0]:
        return where
    matches = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH ? LIMIT ?)",
        (fts_query(filters.search_text), WALK_INDEX_MIN_MATCHES),
    ).fetchone()[0]
    if matches < WALK_INDEX_MIN_MATCHES:
        return where
    return ["+" + where[0], *where[1:]]


def _fts_ordered(table: str, filters: Filters) -> bool:
    """Whether a page of `table` under `filters` can be read off its FTS index in key order:
    a search, with no filter but dates (and, for metrics, the pane's kind)."""
    return bool(filters.search_text) and filters.actor_id is None and not (
        table == "events" and filters.kind
    ) and not (table != "statements" and filters.oblast) and not (
        table == "statements" and (filters.direct_only or filters.topic))


def _key_range(table: str, filters: Filters) -> tuple[list[str], list[Any]]:
    """Sort-key bounds (SQL over f.rowid, with parameters) for the filters' dates: the same
    rows as _window and (for statements) the near filter select, as a range of the index."""
    lows = [d for d in (filters.date_from,) if d]
    highs = [d for d in (filters.date_to,) if d]
    near = near_days(filters) if table == "statements" else None
    if near:
        lows.append(near[0])
        highs.append(near[1])
    conds = [f"f.rowid >= {day_key_sql('?')}" for _ in lows]
    if highs:
        # Rows with a sort date only: a row without one has its id as key, below every day's.
        conds.append(f"f.rowid >= {2 << ID_BITS}")
        conds += [f"f.rowid < {day_key_sql('?')} + {1 << ID_BITS}" for _ in highs]
    return conds, [*lows, *highs]


def _fts_walk(
    conn: sqlite3.Connection,
    table: _Table,
    filters: Filters,
    extra: str | None,
    key: Key | None,
    forward: bool,
    limit: int,
) -> list[tuple[Any, ...]]:
    """Like _walk, for a search: the matches in display order straight off the FTS index,
    which stops after `limit` rows however many match."""
    fts = f"{table.name}_fts"
    conds = [f"{fts} MATCH ?"]
    args: list[Any] = [fts_query(filters.search_text)]
    if key is not None:
        conds.append(f"f.rowid {'<' if forward else '>'} {sort_key_sql('?', '?')}")
        args += [key[0], key[1], key[0], key[1]]
    range_conds, range_args = _key_range(table.name, filters)
    conds += range_conds
    args += range_args
    if table.name == "metrics" and extra:
        conds.append("t.kind = ?")
        args.append(extra)
    sql = (
        f"SELECT {table.select()} FROM {fts} f "
        f"JOIN {table.name} t ON t.id = (f.rowid & {ID_MASK}) WHERE {' AND '.join(conds)} "
        f"ORDER BY f.rowid {'DESC' if forward else 'ASC'} LIMIT ?"
    )
    return conn.execute(sql, [*args, limit]).fetchall()


def fetch_page(
    conn: sqlite3.Connection,
    table: str,
    filters: Filters,
    *,
    after: Key | None = None,
    before: Key | None = None,
    last: bool = False,
    limit: int = 50,
    extra: str | None = None,
) -> Page:
    """One page of `table` under `filters`, in display order (newest sort date first, rows
    with none last).

    first page: no arguments; next page: after=key of the last row; previous page:
    before=key of the first row; the end ("G"): last=True. `extra` is the metric kind for
    the metrics table.
    """
    spec = TABLES[table]
    if _fts_ordered(table, filters):
        def walk(key: Key | None, forward: bool, n: int) -> list[tuple[Any, ...]]:
            return _fts_walk(conn, spec, filters, extra, key, forward, n)
    else:
        where, params = spec.where(filters, extra)
        where = _search_plan(conn, table, filters, where)

        def walk(key: Key | None, forward: bool, n: int) -> list[tuple[Any, ...]]:
            return _walk(conn, spec, where, params, key, forward, n)

    if before is not None or last:
        raw = walk(before, False, limit + 1)
        more_before = len(raw) > limit
        raw = raw[:limit]
        raw.reverse()
        more_after = before is not None
    else:
        raw = walk(after, True, limit + 1)
        more_after = len(raw) > limit
        raw = raw[:limit]
        more_before = after is not None
    rows: list[Any] = [spec.make(r) for r in raw]
    if table in ("events", "metrics"):
        # Each row's report count is its happening's (store.happenings): one primary-key
        # lookup per happening on the page, events and metrics alike.
        reports = _happening_reports(conn, [row.happening_id for row in rows])
        for row in rows:  # set on rows just built, not yet shared
            row.reports = reports.get(row.happening_id, 1)
    articles = _article_refs(conn, [row.article_id for row in rows])
    for row in rows:
        ref = articles.get(row.article_id)
        if ref is not None:
            row.outlet, row.url, row.article_title = ref
    if table == "metrics":
        partners = happening_partners(
            conn, [m.happening_id for m in rows if m.kind in PARTNER_KIND])
        for metric in rows:
            if metric.happening_id is not None:
                metric.partner = partners.get(metric.happening_id)
    return Page(rows, more_before, more_after)


def _article_refs(conn: sqlite3.Connection,
                  ids: list[str]) -> dict[str, tuple[str | None, str | None, str]]:
    """article id -> (outlet, URL, headline), for a page's rows (by primary key: one lookup
    per article on the page)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {ident: (source, url, title or "") for ident, source, url, title in conn.execute(
        f"SELECT id, {shown('source', NAME_MAX)}, {shown('url', URL_MAX)}, "
        f"{shown('title', TITLE_MAX)} FROM articles "
        "WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(wanted)])}


def _happening_reports(conn: sqlite3.Connection, ids: list[int | None]) -> dict[int | None, int]:
    """happening id -> how many articles report it, for a page's rows (by primary key)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {int(i): max(1, int(n)) for i, n in conn.execute(
        "SELECT id, reports FROM happenings WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(wanted)])}


def count_rows(
    conn: sqlite3.Connection,
    table: str,
    filters: Filters,
    *,
    extra: str | None = None,
    cap: int = COUNT_CAP,
) -> Count:
    """How many rows `fetch_page` walks through: exact without filters, else capped."""
    spec = TABLES[table]
    where, params = spec.where(filters, extra)
    if not where:
        return Count(conn.execute(f"SELECT count(*) FROM {spec.name}").fetchone()[0])
    if filters.search_text and len(where) == 1:
        # Search alone: the FTS index holds one entry per row, so count there (1.6 ms for
        # 63,000 matches in 1M statements, where counting the rows took 53 ms).
        fts = f"{table}_fts"
        n = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",
            (params[0], int(cap) + 1),
        ).fetchone()[0]
        return Count(min(n, cap), exact=n <= cap)
    sql = (
        f"SELECT count(*) FROM (SELECT 1 FROM {spec.name} t WHERE {' AND '.join(where)} "
        f"LIMIT {int(cap) + 1})"
    )
    n = conn.execute(sql, params).fetchone()[0]
    return Count(min(n, cap), exact=n <= cap)


# ---------------------------------------------------------------------------------------------
# Other reads


_ARTICLE_COLUMNS = ", ".join([
    "id", shown("title", TITLE_MAX), shown("published", WORD_MAX), shown("source", NAME_MAX),
    shown("url", URL_MAX), shown("text", ARTICLE_TEXT_MAX), shown("path", URL_MAX),
])


def get_article(conn: sqlite3.Connection, article_id: str) -> ArticleRow | None:
    """The article for the source pane, its texts cut for display (see TITLE_MAX etc.)."""
    row = conn.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,),
    ).fetchone()
    if not row:
        return None
    # A title or text stored NULL by another tool reads as empty.
    ident, title, published, source, url, text, path = row
    return ArticleRow(ident, title or "", published, source, url, text or "", path)


def explain_sentence(text: str, offset: int) -> int | None:
    """The number `sitrep explain FILE --sentence N` gives the sentence holding `offset`, or
    None when it holds none (or this sitrep has no `explain`). Linear in the article."""
    try:
        from store.explain import rule_sentences
    except ImportError:  # pragma: no cover - explain ships beside this module
        return None
    for index, sentence in enumerate(rule_sentences(text)):
        if sentence.start <= offset < sentence.end:
            return index
        if sentence.start > offset:
            return None
    return None


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    name: str
    kind: str
    side: str | None


def list_actors(conn: sqlite3.Connection, limit: int = 5000) -> list[Actor]:
    """Actors by name (the picker's list; the actors table is small next to the rows)."""
    return [
        Actor(*r)
        for r in conn.execute(
            f"SELECT id, {shown('name', NAME_MAX)}, {shown('kind', WORD_MAX)}, "
            f"{shown('side', WORD_MAX)} FROM actors ORDER BY name COLLATE NOCASE LIMIT ?",
            (limit,),
        )
    ]


def distinct_values(conn: sqlite3.Connection, table: str, column: str = "kind") -> list[str]:
    """Distinct kinds of `table`, walking the (kind, ...) index by skip-scan, not the rows.

    Whole (they are what the kind filters compare with): a caller shows them cut. The walk
    steps on each kind's stored bytes, not its decoded text: a kind that is not valid UTF-8
    decodes (on a reader connection) with U+FFFD, which may sort below the stored bytes, and
    stepping on it would find the same kind again, forever.
    """
    if table not in TABLES or column != "kind":
        raise ValueError(f"no distinct {column} for {table}")
    out: list[str] = []
    last: bytes | None = None
    while True:
        if last is None:
            row = conn.execute(
                f"SELECT CAST(k AS BLOB) FROM (SELECT min(kind) AS k FROM {table})").fetchone()
        else:
            row = conn.execute(
                f"SELECT CAST(k AS BLOB) FROM (SELECT min(kind) AS k FROM {table} "
                "WHERE kind > CAST(? AS TEXT))", (last,)).fetchone()
        if row is None or row[0] is None:
            return out
        last = bytes(row[0])
        out.append(last.decode("utf-8", "replace"))


# ---------------------------------------------------------------------------------------------
# Happenings: totals, charts and rates (store.happenings)
#
# A happening (kind, side, claimant, day) counts once, at its claimant's latest figure, however
# many articles report it. Figures are added only within one series, one claimant's figures
# for one side: two claimants' counts of one night (the Ukrainian Air Force's and the Russian
# Defence Ministry's) are two views of it, never a sum, and neither are Russian and Ukrainian
# drones. Without a split, totals and charts show the main series of a kind (the one with the
# most happenings under the filters); a split shows every series side by side.


@dataclass(frozen=True, slots=True)
class Series:
    """One claimant's figures for one side (None: the reports name none): what may be added."""

    claimant: str | None
    side: str | None

    def label(self) -> str:
        return f"{self.claimant or 'unnamed claimant'} · {self.side or 'side ?'}"


@dataclass(frozen=True, slots=True)
class SeriesTotal:
    series: Series
    value: float  # the sum of its happenings' values (running totals left out)
    happenings: int
    reports: int  # metrics rows behind them (one article may report several happenings)


@dataclass(frozen=True, slots=True)
class KindSummary:
    """What the Metrics pane's header says of a kind under the filters."""

    series: list[SeriesTotal]  # most happenings first: series[0] is the main one
    undated: int  # undated daily figures: belong to no happening, neither charted nor added

    @property
    def main(self) -> SeriesTotal | None:
        return self.series[0] if self.series else None


# How a chart splits its bars: by kind (launched / intercepted, killed / injured), or by
# series (each claimant's figures for each side) or by side (of one claimant) as well.
SPLITS = ("kind", "claimant", "side")
BUCKETS = ("day", "week", "month")


def _happenings_where(
    f: Filters, kinds: tuple[str, ...], *, cumulative: bool = False,
    series: Series | None = None, claimants: tuple[str | None, ...] | None = None,
) -> tuple[list[str], list[Any]]:
    """Conditions on happenings `h` of `kinds` under the filters: the date window on the
    happening's day; every other filter (search, actor...) as "some report of it matches"."""
    out = [f"h.kind IN ({', '.join('?' for _ in kinds)})", "h.cumulative = ?"]
    params: list[Any] = [*kinds, int(cumulative)]
    if f.date_from:
        out.append("h.day >= ?")
        params.append(f.date_from[:10])
    if f.date_to:
        out.append("h.day <= ?")
        params.append(f.date_to[:10])
    if series is not None:
        out.append("h.claimant = ? AND h.side = ?")
        params += [series.claimant or "", series.side or ""]
    if claimants is not None:
        out.append(f"h.claimant IN ({', '.join('?' for _ in claimants)})")
        params += [c or "" for c in claimants]
    reports, report_params = _metrics_where(replace(f, near=None, date_from=None, date_to=None),
                                            None)
    if reports:
        # The reports looked at are only those that can belong to these happenings: of these
        # kinds, running or not, in the window. The same happenings come out; under an oblast
        # filter the index (metrics_oblast_series) then reads one kind's reports of it, not
        # every metric of the oblast (1M-row store, Donetsk: a total went from 800 ms).
        reports.append(f"t.kind IN ({', '.join('?' for _ in kinds)}) AND t.cumulative = ? "
                       "AND t.happening_id IS NOT NULL")
        report_params += [*kinds, int(cumulative)]
        if f.date_from:
            reports.append("t.sort_date >= ?")
            report_params.append(f.date_from[:10])
        if f.date_to:
            reports.append("t.sort_date <= ?")
            report_params.append(f.date_to[:10] + "\uffff")
        out.append(f"h.id IN (SELECT t.happening_id FROM metrics t WHERE {' AND '.join(reports)})")
        params += report_params
    return out, params


def _bucket_sql(bucket: str) -> str:
    if bucket == "week":  # the Monday
        return "date(h.day, 'weekday 0', '-6 days')"
    if bucket == "month":
        return "substr(h.day, 1, 7) || '-01'"
    return "h.day"


def metric_series(
    conn: sqlite3.Connection,
    kinds: tuple[str, ...],
    filters: Filters,
    *,
    weekly: bool = False,
    by_side: bool = False,
    limit: int = 400,
    series: Series | None = None,
    claimants: tuple[str | None, ...] | None = None,
    split: str = "kind",
    bucket: str | None = None,
) -> list[SeriesPoint]:
    """Sums of happenings' values per day (week, Monday-based; month, its first day) for
    `kinds`, newest buckets last, each happening once. `series` keeps one claimant's figures
    for one side, `claimants` those of some claimants (None: every one); `split` groups by
    kind, by series ("claimant": "claimant · side", so two claimants are never added) or by
    side (keep one claimant with `claimants`, or sides add claimants up); with several kinds
    the group starts with "kind · ". `by_side` groups by side alone, whatever the kinds.
    Running totals are never summed."""
    if not kinds:
        return []
    bucket = bucket or ("week" if weekly else "day")
    if by_side:
        split = "side"
    where, params = _happenings_where(filters, kinds, series=series, claimants=claimants)
    # cut for display: a side or claimant is a legend's word (kinds are the few asked for)
    side = f"substr(coalesce(nullif(h.side, ''), '?'), 1, {WORD_MAX})"
    claimant = f"substr(coalesce(nullif(h.claimant, ''), 'unnamed'), 1, {NAME_MAX})"
    word = {"side": side, "claimant": f"{claimant} || ' · ' || {side}"}.get(split)
    if word is None:
        group = "h.kind"
    else:
        group = word if len(kinds) == 1 or by_side else f"h.kind || ' · ' || {word}"
    # Only the buckets of the newest `limit` happenings are summed (each of them whole: the
    # oldest is summed from its first day), not every bucket to keep the newest `limit`: a
    # chart of every series of a kind over 1M rows went from ~270 ms to a few.
    oldest = conn.execute(
        f"SELECT {_bucket_sql(bucket)} FROM happenings h WHERE {' AND '.join(where)} "
        "ORDER BY h.day DESC LIMIT 1 OFFSET ?", [*params, max(0, limit - 1)]).fetchone()
    if oldest is not None and oldest[0] is not None:
        where = [*where, "h.day >= ?"]
        params = [*params, oldest[0]]
    sql = (
        f"SELECT b, g, v FROM (SELECT {_bucket_sql(bucket)} AS b, {group} AS g, "
        f"sum(h.value) AS v FROM happenings h WHERE {' AND '.join(where)} GROUP BY b, g "
        f"ORDER BY b DESC LIMIT ?) ORDER BY b, g"
    )
    return [
        SeriesPoint(b, g, float(v))
        for b, g, v in conn.execute(sql, [*params, limit])
        if b is not None and v is not None
    ]


def metric_summary(conn: sqlite3.Connection, kind: str, filters: Filters) -> KindSummary:
    """Each series of `kind` under the filters with its total, most happenings first, and how
    many undated figures were left out (running totals are neither)."""
    where, params = _happenings_where(filters, (kind,))
    rows = conn.execute(
        "SELECT h.claimant, h.side, coalesce(sum(h.value), 0), count(*), sum(h.reports) "
        f"FROM happenings h WHERE {' AND '.join(where)} GROUP BY h.claimant, h.side "
        "ORDER BY count(*) DESC, sum(h.reports) DESC, h.claimant, h.side", params,
    ).fetchall()
    undated_where, undated_params = _metrics_where(replace(filters, near=None), kind)
    undated = conn.execute(
        f"SELECT count(*) FROM metrics t WHERE {' AND '.join(undated_where)} "
        "AND t.cumulative = 0 AND t.date IS NULL", undated_params).fetchone()[0]
    return KindSummary(
        [SeriesTotal(Series(claimant or None, side or None), float(value), int(n), int(reports))
         for claimant, side, value, n, reports in rows],
        int(undated))


def metric_total(conn: sqlite3.Connection, kind: str, filters: Filters,
                 series: Series | None = None) -> tuple[float, int]:
    """(sum of values, number of happenings) of one metric kind under the filters, of one
    series (None: the main one). Each happening once; running totals left out."""
    summary = metric_summary(conn, kind, filters)
    total = summary.main if series is None else next(
        (s for s in summary.series if s.series == series), None)
    return (total.value, total.happenings) if total is not None else (0.0, 0)


@dataclass(frozen=True, slots=True)
class RunningTotal:
    """The newest running total (a cumulative metric) of a kind under the filters."""

    value: float
    date: str | None  # its sort date
    claimant: str | None
    count: int  # running totals of the kind under the filters


def running_total(conn: sqlite3.Connection, kind: str, filters: Filters) -> RunningTotal | None:
    """The newest cumulative row of `kind` under the filters, and how many there are."""
    where, params = _metrics_where(replace(filters, near=None), kind)
    where.append("t.cumulative = 1")
    cond = " AND ".join(where)
    n = conn.execute(f"SELECT count(*) FROM metrics t WHERE {cond}", params).fetchone()[0]
    if not n:
        return None
    row = conn.execute(
        f"SELECT t.value, t.sort_date, {shown('t.claimant', NAME_MAX)} FROM metrics t "
        f"WHERE {cond} "
        "ORDER BY t.sort_date IS NULL, t.sort_date DESC, t.id DESC LIMIT 1", params,
    ).fetchone()
    return RunningTotal(float(row[0]), row[1], row[2], int(n))


# kind launched -> kind intercepted (contract v2): charted together, with a rate.
INTERCEPTED = {"drones": "drones_intercepted", "missiles": "missiles_intercepted"}


@dataclass(frozen=True, slots=True)
class InterceptionPair:
    """One happening's launched and intercepted figures, as one claimant gave both."""

    day: str
    series: Series
    launched: float
    intercepted: float
    reports: int  # articles reporting either

    @property
    def rate(self) -> float:
        return self.intercepted / self.launched if self.launched else 0.0


@dataclass(frozen=True, slots=True)
class Interception:
    """Interceptions against launches, over the happenings with both figures."""

    intercepted: float
    launched: float
    pairs: int

    @property
    def rate(self) -> float:
        return self.intercepted / self.launched if self.launched else 0.0


def interception_pairs(
    conn: sqlite3.Connection, launched: str, intercepted: str, filters: Filters,
    series: Series | None = None, limit: int = 400,
) -> list[InterceptionPair]:
    """Launched beside intercepted for each (day, claimant, side) that has both, newest last:
    a claimant's own two figures of one night, each happening once."""
    where, params = _happenings_where(filters, (launched,), series=series)
    sql = (
        "SELECT day, claimant, side, l, i, r FROM (SELECT h.day AS day, h.claimant AS claimant, "
        "h.side AS side, h.value AS l, x.value AS i, max(h.reports, x.reports) AS r "
        "FROM happenings h JOIN happenings x ON x.kind = ? AND x.cumulative = 0 "
        "AND x.day = h.day AND x.claimant = h.claimant AND x.side = h.side "
        f"WHERE {' AND '.join(where)} AND h.value > 0 "
        "ORDER BY h.day DESC, h.claimant, h.side LIMIT ?) ORDER BY day, claimant, side"
    )
    return [
        InterceptionPair(day, Series(claimant or None, side or None), float(n_launched),
                         float(n_intercepted), int(reports))
        for day, claimant, side, n_launched, n_intercepted, reports in
        conn.execute(sql, [intercepted, *params, limit])
    ]


def interception(
    conn: sqlite3.Connection, launched: str, intercepted: str, filters: Filters,
    series: Series | None = None,
) -> Interception | None:
    """How many of the launched were intercepted, over the happenings for which one claimant
    gave both figures (of one series when given; running totals left out). Several articles
    repeating a night's figures count once. None when no happening has both."""
    pairs = interception_pairs(conn, launched, intercepted, filters, series, limit=-1)
    if not pairs:
        return None
    return Interception(sum(p.intercepted for p in pairs), sum(p.launched for p in pairs),
                        len(pairs))


# Each kind of a launched / intercepted pair -> the other one.
PARTNER_KIND = {**INTERCEPTED, **{v: k for k, v in INTERCEPTED.items()}}


def happening_partners(conn: sqlite3.Connection, ids: list[int | None]) -> dict[int, float]:
    """happening id -> the value of its partner happening (store.happenings): for a launched
    count the intercepted count of the same claimant, side, day (and cumulative or not), and
    the other way round. Happenings without one are left out. One lookup a happening on the
    happenings' unique key, for a page's rows."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    case = " ".join("WHEN ? THEN ?" for _ in PARTNER_KIND)
    sql = (
        "SELECT h.id, x.value FROM happenings h JOIN happenings x "
        f"ON x.kind = (CASE h.kind {case} END) AND x.side = h.side AND x.claimant = h.claimant "
        "AND x.day = h.day AND x.cumulative = h.cumulative "
        "WHERE h.id IN (SELECT value FROM json_each(?)) AND x.value IS NOT NULL"
    )
    params = [v for pair in PARTNER_KIND.items() for v in pair]
    return {int(i): float(v) for i, v in conn.execute(sql, [*params, json.dumps(wanted)])}


# A chart's buckets when none is asked for: days while the figures shown span up to
# DAY_SPAN_DAYS, weeks up to WEEK_SPAN_DAYS, months beyond; a weekly kind (km²) never by day.
DAY_SPAN_DAYS = 45
WEEK_SPAN_DAYS = 366


def metric_span(
    conn: sqlite3.Connection, kinds: tuple[str, ...], filters: Filters, *,
    series: Series | None = None, claimants: tuple[str | None, ...] | None = None,
) -> tuple[str, str] | None:
    """The first and last day of the happenings of `kinds` under the filters (of one series,
    or of some claimants, as metric_series takes them), running totals left out; None when
    there are none. Index-only: a min and a max a kind."""
    days: list[str] = []
    for kind in kinds:
        where, params = _happenings_where(filters, (kind,), series=series, claimants=claimants)
        cond = " AND ".join(where)
        row = conn.execute(
            f"SELECT (SELECT min(h.day) FROM happenings h WHERE {cond}), "
            f"(SELECT max(h.day) FROM happenings h WHERE {cond})", [*params, *params]).fetchone()
        days += [d for d in row if d]
    return (min(days), max(days)) if days else None


def choose_bucket(span: tuple[str, str] | None, *, weekly: bool = False) -> str:
    """The bucket (BUCKETS) a chart of figures spanning `span` reads best in: day, week or
    month; `weekly` kinds (km² by week) start at week."""
    if span is None:
        return "week" if weekly else "day"
    try:
        days = (dt.date.fromisoformat(span[1][:10]) - dt.date.fromisoformat(span[0][:10])).days
    except ValueError:
        return "week" if weekly else "day"
    if days <= DAY_SPAN_DAYS and not weekly:
        return "day"
    if days <= WEEK_SPAN_DAYS:
        return "week"
    return "month"


@dataclass(frozen=True, slots=True)
class ClaimantRow:
    """One bucket of a claimant table: each column's figure, None where it gave none."""

    bucket: str
    values: list[float | None]
    happenings: list[int]  # happenings summed in each cell (1 a cell when by day)


@dataclass(frozen=True, slots=True)
class ClaimantTable:
    """A kind's figures per bucket with one column per series (claimant · side), newest
    bucket first: what each claimant said of the same day, side by side, never added."""

    kind: str
    bucket: str
    series: list[Series]  # the columns, most happenings first
    left_out: int  # series with figures that got no column (past max_series)
    rows: list[ClaimantRow]


def claimant_table(
    conn: sqlite3.Connection, kind: str, filters: Filters, *, bucket: str = "day",
    claimant: str | None = None, by_claimant: bool = True, max_series: int = 12,
    limit: int = 400, summary: KindSummary | None = None,
) -> ClaimantTable:
    """Each series of `kind` under the filters as a column (`by_claimant`), or only the
    sides of one `claimant` (by_claimant False), its happenings summed per bucket within the
    series only; the buckets of the newest `limit` happenings of those columns. `summary`:
    metric_summary of the same kind and filters, when read already."""
    summary = summary or metric_summary(conn, kind, filters)
    every = [s.series for s in summary.series
             if by_claimant or (s.series.claimant or None) == (claimant or None)]
    columns = every[:max(0, max_series)]
    if not columns:
        return ClaimantTable(kind, bucket, [], len(every), [])
    where, params = _happenings_where(filters, (kind,))
    pairs = ", ".join("(?, ?)" for _ in columns)
    where.append(f"(h.claimant, h.side) IN (VALUES {pairs})")
    params += [v for s in columns for v in (s.claimant or "", s.side or "")]
    cond = " AND ".join(where)
    # As metric_series: only the buckets of the newest `limit` happenings are summed.
    oldest = conn.execute(
        f"SELECT {_bucket_sql(bucket)} FROM happenings h WHERE {cond} "
        "ORDER BY h.day DESC LIMIT 1 OFFSET ?", [*params, max(0, limit - 1)]).fetchone()
    if oldest is not None and oldest[0] is not None:
        cond += " AND h.day >= ?"
        params.append(oldest[0])
    sql = (f"SELECT {_bucket_sql(bucket)} AS b, h.claimant, h.side, sum(h.value), count(*) "
           f"FROM happenings h WHERE {cond} GROUP BY b, h.claimant, h.side ORDER BY b DESC")
    index = {(s.claimant or "", s.side or ""): i for i, s in enumerate(columns)}
    rows: dict[str, ClaimantRow] = {}
    for b, who, side, value, n in conn.execute(sql, params):
        at = index.get((who, side))
        if b is None or value is None or at is None:
            continue
        row = rows.get(b)
        if row is None:
            row = rows[b] = ClaimantRow(b, [None] * len(columns), [0] * len(columns))
        row.values[at] = float(value)
        row.happenings[at] = int(n)
    return ClaimantTable(kind, bucket, columns, len(every) - len(columns), list(rows.values()))


def oblast_counts(
    conn: sqlite3.Connection, table: str, filters: Filters, *, extra: str | None = None
) -> dict[str, int]:
    """Rows of `table` (events or metrics) per oblast under every filter but the oblast itself:
    what the oblast picker and its map show. Rows with no oblast are left out."""
    where, params = TABLES[table].where(replace(filters, oblast=None), extra)
    where.append("t.oblast IS NOT NULL")
    sql = (f"SELECT substr(t.oblast, 1, {NAME_MAX}), count(*) FROM {table} t "
           f"WHERE {' AND '.join(where)} GROUP BY t.oblast")
    return {str(oblast): int(n) for oblast, n in conn.execute(sql, params)}


# What the dashboard catches and annotates: every failure of a store read is one of these, so
# that nothing under tui/ needs sqlite3 itself.
ReadError = sqlite3.Error
Connection = sqlite3.Connection


class StoreWatch:
    """One query-only connection that tells when another process has committed to the store
    (the dashboard's "new rows" notice), from whichever thread asks, one at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def version(self) -> tuple[int, int] | None:
        """`data_version` of the store now, or None when it cannot be read at the moment."""
        with self._lock:
            try:
                if self._conn is None:
                    self._conn = sqlite3.connect(str(self.path), timeout=0.5,
                                                 check_same_thread=False, isolation_level=None)
                    self._conn.execute("PRAGMA query_only = 1")
                return data_version(self._conn)
            except sqlite3.Error:
                return None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def data_version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Something that changes when another connection commits to the store.

    PRAGMA data_version changes on other connections' commits; max(rowid) of articles is
    there for connections that share a cache.
    """
    dv = conn.execute("PRAGMA data_version").fetchone()[0]
    top = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
    return int(dv), int(top)


def export_view(
    conn: sqlite3.Connection,
    table: str,
    filters: Filters,
    fmt: str,
    out: TextIO,
    *,
    extra: str | None = None,
) -> int:
    """Write every row of the current view of `table` (filters applied, in display order)
    with store.export's writer, streaming, never holding the rows in memory."""
    columns = EXPORT_COLUMNS[table]
    spec = TABLES[table]

    def rows() -> Iterator[tuple[Any, ...]]:
        key: Key | None = None
        where, params = spec.where(filters, extra)
        while True:
            batch = _walk(conn, spec, where, params, key, True, 1000, whole=True)
            if not batch:
                return
            for raw in batch:
                record = dict(zip(spec.columns, raw, strict=True))
                yield tuple(record[c] for c in columns)
            last = dict(zip(spec.columns, batch[-1], strict=True))
            key = (last["date"] if last["date"] is not None else last["reported"], last["id"])
            if len(batch) < 1000:
                return

    return write_rows(rows(), columns, fmt, out)


# ---------------------------------------------------------------------------------------------
# Connections


class Reader:
    """Read-only connections to a store, one per thread, for the dashboard's workers.

    WAL lets these read while an ingest writes; `interrupt_if` aborts a long query when
    the worker that asked for it has been cancelled (a newer keystroke superseded it).
    """

    def __init__(self, path: str | Path, busy_timeout_ms: int = 1000) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def conn(self, interrupt_if: Callable[[], bool] | None = None) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # mode=rw: never create a store that is not there (a plain connect would leave an
            # empty file behind); a write-protected file still opens for reading.
            conn = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=rw",
                uri=True,
                timeout=self.busy_timeout_ms / 1000,
                check_same_thread=False,
                isolation_level=None,
            )
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            conn.execute("PRAGMA query_only = 1")
            # A row whose text is not UTF-8 reads with U+FFFD, not as a failed query.
            conn.text_factory = decode_text
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        if interrupt_if is not None:
            conn.set_progress_handler(lambda: 1 if interrupt_if() else 0, 2000)
        else:
            conn.set_progress_handler(None, 0)
        return conn

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except sqlite3.Error:
                pass


def latest_date(conn: sqlite3.Connection) -> str | None:
    """The newest day the store knows: of its events, else of its articles (both indexed)."""
    for sql in ("SELECT max(date) FROM events", "SELECT max(published) FROM articles"):
        value = conn.execute(sql).fetchone()[0]
        if value:
            return str(value)[:10]
    return None


def has_articles(conn: sqlite3.Connection) -> bool:
    """Whether the store holds any article (a new or emptied store shows how to add some)."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0] == 1
