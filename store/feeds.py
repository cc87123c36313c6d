"""Feeds: the RSS and Atom feeds `sitrep fetch` reads, and one round of reading them.

A round fetches each feed with a conditional GET (its ETag and Last-Modified kept from the
last complete read), so a feed that has not changed costs one small request and adds nothing.
A changed feed is parsed with feedparser, from the bytes fetched here (feedparser never
fetches by itself), and its new entries go through the ordinary ingest path as URL jobs: the
workers read the pages, the single writer stores them, and a URL or a text already stored is
never stored twice. Entries are recorded in feed_entries as they land.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import sqlite_utils

from store import web
from store.articles import MAX_ARTICLE_BYTES, ArticleError, storable
from store.db import StoreError, begin_immediate, describe_sqlite_error, store_path
from store.ingest import IngestReport, Prepared, ingest_jobs
from store.inputs import Job

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
               "text/xml;q=0.9, */*;q=0.1")
MAX_FEED_BYTES = MAX_ARTICLE_BYTES
MAX_NAME = 100


class FeedError(Exception):
    """A feed that cannot be added, found or read; the message says why in one line."""


@dataclass(slots=True)
class Feed:
    id: int
    url: str
    name: str
    added_at: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    status: str | None = None
    entries: int = 0  # entries seen so far


@dataclass(slots=True, frozen=True)
class Entry:
    """What a feed says of one article."""

    key: str  # the entry's id, else its link: how it is known again in a later round
    url: str | None  # its page (http or https only)
    title: str = ""
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None
    content: str | None = None  # its full text as HTML (content:encoded, Atom content)


@dataclass(slots=True)
class ParsedFeed:
    title: str
    entries: list[Entry]
    warning: str | None = None  # malformed, read as far as it could be


# -- the feeds table ---------------------------------------------------------------------

_COLUMNS = ("feeds.id, feeds.url, feeds.name, feeds.added_at, feeds.etag, "
            "feeds.last_modified, feeds.fetched_at, feeds.status, "
            "(SELECT count(*) FROM feed_entries WHERE feed_id = feeds.id)")


def list_feeds(db: sqlite_utils.Database) -> list[Feed]:
    rows = db.conn.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY feeds.id").fetchall()
    return [Feed(*row) for row in rows]


def find_feed(db: sqlite_utils.Database, which: str) -> Feed:
    """The feed named by its id, its URL or its name (case aside), else FeedError."""
    which = which.strip()
    feeds = list_feeds(db)
    for matches in (
        [f for f in feeds if which.isdigit() and f.id == int(which)],
        [f for f in feeds if f.url == which or f.url == _normalized(which)],
        [f for f in feeds if f.name.casefold() == which.casefold()],
    ):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise FeedError(f"{len(matches)} feeds are named {which!r}: give the URL or ID")
    raise FeedError(f"no feed {which!r} (see `sitrep feeds list`)")


def _normalized(url: str) -> str | None:
    try:
        return web.checked_url(url)
    except ArticleError:
        return None


@dataclass(slots=True)
class Added:
    feed: Feed
    already: bool = False  # the URL was added before: nothing changed
    checked: ParsedFeed | None = None  # what the feed held when checked (None: not checked)


def add_feed(db: sqlite_utils.Database, url: str, name: str | None = None, *,
             check: bool = True) -> Added:
    """Add a feed. With `check`, it is fetched and parsed first, and one that cannot be read
    is not added (FeedError says why); its entries are left for `sitrep fetch`."""
    try:
        url = web.checked_url(url)
    except ArticleError as exc:
        raise FeedError(str(exc)) from None
    existing = [f for f in list_feeds(db) if f.url == url]
    if existing:
        return Added(existing[0], already=True)
    parsed = None
    if check:
        try:
            fetched = web.fetch(url, accept=FEED_ACCEPT, max_bytes=MAX_FEED_BYTES)
        except ArticleError as exc:  # perhaps only for now: the user may add it all the same
            raise FeedError(f"{url}: {exc} (add it anyway with --no-check)") from None
        try:
            parsed = parse_feed(fetched.body, fetched.final_url, fetched.content_type)
        except FeedError as exc:
            raise FeedError(f"{url}: {exc}") from None
    chosen = " ".join((name or (parsed.title if parsed else "") or
                       urlsplit(url).hostname or url).split())
    chosen = storable(chosen[:MAX_NAME])
    taken = {f.name.casefold(): f for f in list_feeds(db)}
    if name and chosen.casefold() in taken:
        clash = taken[chosen.casefold()]
        raise FeedError(f"a feed is already named {clash.name!r} (id {clash.id}): "
                        "choose another with --name")
    base, number = chosen, 1
    while chosen.casefold() in taken:  # a title or host another feed has: "Title 2"
        number += 1
        chosen = f"{base} {number}"
    now = _now()
    with _transaction(db) as conn:
        cursor = conn.execute("INSERT INTO feeds (url, name, added_at) VALUES (?, ?, ?)",
                              (url, chosen, now))
    return Added(Feed(int(cursor.lastrowid or 0), url, chosen, now), checked=parsed)


def remove_feed(db: sqlite_utils.Database, which: str) -> Feed:
    """Remove a feed and its record of entries seen; the articles it brought stay."""
    feed = find_feed(db, which)
    with _transaction(db) as conn:
        conn.execute("DELETE FROM feed_entries WHERE feed_id = ?", (feed.id,))
        conn.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
    return feed


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """A write transaction: committed whole, or rolled back with a StoreError that names the
    store."""
    conn = db.conn
    try:
        begin_immediate(conn)
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        where = store_path(conn)
        raise StoreError(f"{where}: {describe_sqlite_error(exc, where)}") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# -- parsing -----------------------------------------------------------------------------

def parse_feed(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The entries of an RSS or Atom document, or FeedError ("feed unparseable ...", or "not
    a feed" naming the feeds an HTML page links to)."""
    import feedparser

    # A stream, never bytes or a string: feedparser takes a string for a URL or a file name
    # and would open it itself.
    parsed: Any = feedparser.parse(io.BytesIO(data), response_headers={
        "content-location": url, "content-type": content_type or "application/xml"})
    if not parsed.get("version") and not parsed.entries:
        links = _feed_links(data, url)
        if links:
            raise FeedError(f"not a feed but a page; it links to the feed {links[0]}")
        problem = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(problem).split())[:120]})" if problem else \
            " (not RSS or Atom)"
        raise FeedError(f"feed unparseable{detail}")
    warning = None
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None and \
            not isinstance(parsed.bozo_exception, _harmless_bozo()):
        warning = (f"feed malformed ({' '.join(str(parsed.bozo_exception).split())[:120]}); "
                   f"read the {len(parsed.entries)} entries it could")
    title = " ".join(str(parsed.feed.get("title") or "").split())
    entries = [entry for raw in parsed.entries if (entry := _entry(raw)) is not None]
    return ParsedFeed(storable(title), entries, warning)


def _harmless_bozo() -> tuple[type[Exception], ...]:
    import feedparser

    # A feed served as text/plain, or declared in one encoding and sent in another: read
    # correctly all the same.
    return (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _entry(raw: Any) -> Entry | None:
    link = str(raw.get("link") or "").strip()
    url = link if link.lower().startswith(("http://", "https://")) else None
    key = str(raw.get("id") or "").strip() or link
    if not key:
        return None
    return Entry(
        key=storable(key),
        url=storable(url) if url else None,
        title=storable(" ".join(str(raw.get("title") or "").split())),
        published=_entry_date(raw),
        author=storable(str(raw["author"])) if raw.get("author") else None,
        content=_full_text(raw),
    )


def _entry_date(raw: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def _full_text(raw: Any) -> str | None:
    """The entry's content (content:encoded, Atom <content>) as HTML, the longest if several;
    a summary (description) is a teaser, not the article, and is not used."""
    best = ""
    for part in raw.get("content") or ():
        value = str(part.get("value") or "")
        if "html" not in str(part.get("type") or "text/html"):
            value = "".join(f"<p>{html.escape(p)}</p>" for p in value.split("\n\n"))
        if len(value) > len(best):
            best = value
    return storable(best) if best.strip() else None


class _FeedLinks(HTMLParser):
    """<link rel="alternate" type="application/rss+xml" href="..."> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        if "alternate" in values.get("rel", "").lower().split() and \
                values.get("type", "").lower() in web.FEED_TYPES and values.get("href"):
            self.hrefs.append(values["href"])


def _feed_links(data: bytes, base: str) -> list[str]:
    if not data.lstrip()[:1] == b"<":
        return []
    finder = _FeedLinks()
    try:
        finder.feed(data[:1024 * 1024].decode("utf-8", errors="replace"))
    except Exception:  # html.parser gives up on some broken markup: no links then
        return []
    return [urljoin(base, href) for href in finder.hrefs]


# -- a round -----------------------------------------------------------------------------

@dataclass(slots=True)
class FeedRound:
    """What reading one feed came to."""

    feed: Feed
    outcome: str  # "read", "not modified" or "failed"
    error: str | None = None
    seen: int = 0  # entries already stored, before this round or by another feed
    without_link: int = 0
    report: IngestReport = field(default_factory=IngestReport)
    warning: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome != "failed" and self.report.ok

    def status(self) -> str:
        """A few words for `feeds list` and the line of `sitrep fetch`."""
        if self.outcome == "not modified":
            return "not modified"
        if self.outcome == "failed":
            return f"failed: {self.error}"
        new = self.report.new + self.report.replaced
        seen = self.seen + self.report.unchanged
        parts = [f"{new} new {'article' if new == 1 else 'articles'}", f"{seen} already seen"]
        if self.report.failed:
            parts.append(f"{len(self.report.failed)} failed")
        if self.without_link:
            parts.append(f"{self.without_link} without a link skipped")
        return ", ".join(parts)


def fetch_feeds(db: sqlite_utils.Database, feeds: Iterable[Feed], *, workers: int = 1,
                on_round: Callable[[FeedRound], None] | None = None) -> list[FeedRound]:
    """Read each feed in turn; one that fails is said and the rest go on."""
    rounds = []
    for feed in feeds:
        result = fetch_feed(db, feed, workers=workers)
        rounds.append(result)
        if on_round:
            on_round(result)
    return rounds


def fetch_feed(db: sqlite_utils.Database, feed: Feed, *, workers: int = 1,
               report: IngestReport | None = None) -> FeedRound:
    """One feed: fetched (conditionally), parsed, its new entries ingested and recorded.

    The validators (ETag, Last-Modified) are kept only when every entry landed: a round cut
    short, or with an entry whose page failed, reads the whole feed again next time, so those
    entries are tried again. Pass `report` to see the progress if it is interrupted.
    """
    result = FeedRound(feed, "read", report=report if report is not None else IngestReport())
    try:
        fetched = web.fetch(feed.url, accept=FEED_ACCEPT, max_bytes=MAX_FEED_BYTES,
                            etag=feed.etag, last_modified=feed.last_modified)
        if fetched.not_modified:
            result.outcome = "not modified"
            _finish(db, feed, result, fetched.etag or feed.etag,
                    fetched.last_modified or feed.last_modified)
            return result
        parsed = parse_feed(fetched.body, fetched.final_url, fetched.content_type)
    except (ArticleError, FeedError) as exc:
        result.outcome, result.error = "failed", str(exc)
        _finish(db, feed, result, feed.etag, feed.last_modified)
        return result
    result.warning = parsed.warning
    jobs = _new_entries(db, feed, parsed, result)

    def record(prepared: Prepared) -> None:
        assert prepared.article is not None
        entries = jobs[prepared.path][1]
        _record_entries(db, feed.id, entries, prepared.article.id)

    if jobs and workers > 1:
        web.preload()
    ingest_jobs(db, (job for job, _entries in jobs.values()), workers=workers,
                on_written=record, report=result.report)
    complete = result.report.ok
    _finish(db, feed, result, fetched.etag if complete else None,
            fetched.last_modified if complete else None)
    return result


def _new_entries(db: sqlite_utils.Database, feed: Feed, parsed: ParsedFeed,
                 result: FeedRound) -> dict[str, tuple[Job, list[Entry]]]:
    """A job for each entry not seen before, by URL (entries sharing a page share a job).
    An entry whose page is already stored (from another feed, or `sitrep ingest URL`) is
    recorded as seen without being fetched."""
    conn = db.conn
    jobs: dict[str, tuple[Job, list[Entry]]] = {}
    known: list[tuple[Entry, str]] = []
    for entry in parsed.entries:
        if conn.execute("SELECT 1 FROM feed_entries WHERE feed_id = ? AND entry = ?",
                        (feed.id, entry.key)).fetchone():
            result.seen += 1
            continue
        if entry.url is None:
            result.without_link += 1
            continue
        stored = conn.execute("SELECT article_id FROM article_paths WHERE path = ?",
                              (entry.url,)).fetchone()
        if stored:
            known.append((entry, stored[0]))
            result.seen += 1
        elif entry.url in jobs:
            jobs[entry.url][1].append(entry)
        else:
            meta = tuple((name, value) for name, value in (
                ("title", entry.title), ("author", entry.author), ("content", entry.content))
                if value)
            jobs[entry.url] = (Job(key=entry.url, kind="url", published=entry.published,
                                   source=parsed.title or None, meta=meta), [entry])
    for entry, article in known:
        _record_entries(db, feed.id, [entry], article)
    return jobs


def _record_entries(db: sqlite_utils.Database, feed_id: int, entries: list[Entry],
                    article_id: str | None) -> None:
    now = _now()
    with _transaction(db) as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO feed_entries (feed_id, entry, url, article_id, seen_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(feed_id, e.key, e.url, article_id, now) for e in entries])


def _finish(db: sqlite_utils.Database, feed: Feed, result: FeedRound, etag: str | None,
            last_modified: str | None) -> None:
    now = _now()
    with _transaction(db) as conn:
        conn.execute("UPDATE feeds SET fetched_at = ?, status = ?, etag = ?, last_modified = ? "
                     "WHERE id = ?", (now, result.status(), etag, last_modified, feed.id))
    feed.fetched_at, feed.status = now, result.status()
    feed.etag, feed.last_modified = etag, last_modified

