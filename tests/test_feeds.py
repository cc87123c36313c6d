"""Feeds (issue 12): `sitrep feeds add|list|remove` and `sitrep fetch`, against a real HTTP
server on 127.0.0.1 whose feed changes between fetches. Nothing leaves the machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from store import open_store
from store.feeds import (
    FeedError,
    add_feed,
    fetch_feed,
    find_feed,
    list_feeds,
    parse_feed,
    remove_feed,
)
from tests.fixtures.helpers import ROOT, run_cli
from tests.fixtures.webserver import WEB_FIXTURES, Site, serve, wait_for
from tui.cli import main

PAGES = {"/news/harbour-talks": "harbour_talks.html", "/news/ferries": "no_date.html",
         "/news/lighthouse": "lighthouse.html"}


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        for path, name in PAGES.items():
            running.page(path, (WEB_FIXTURES / name).read_bytes())
        yield running


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_FETCH_TIMEOUT", "2")


class ChangingFeed:
    """A feed served with an ETag (or only a Last-Modified) that changes with its version."""

    def __init__(self, site: Site, path: str = "/world.xml", *, etag: bool = True) -> None:
        self.site, self.path, self.version = site, path, "feed_v1.xml"
        site.feed(path, lambda: site.fixture(self.version),
                  etag=(lambda: f'"{self.version}"') if etag else None,
                  last_modified=lambda: f"Wed, 16 Apr 2025 0{len(self.version) % 10}:00:00 GMT"
                  if self.version == "feed_v1.xml" else "Thu, 17 Apr 2025 08:00:00 GMT")

    @property
    def url(self) -> str:
        return self.site.url(self.path)


def store(tmp_path: Path) -> sqlite_utils.Database:
    return open_store(tmp_path / "s.db")


def page_hits(site: Site) -> int:
    return sum(site.hits[path] for path in PAGES)


# -- parsing -------------------------------------------------------------------------------

def test_rss_and_atom_entries_are_read_with_their_dates_authors_and_content() -> None:
    rss = parse_feed((WEB_FIXTURES / "feed_with_content.xml").read_bytes().replace(
        b"{BASE}", b"http://news.example"), "http://news.example/feed.xml")
    assert rss.title == "Dockside Wire"
    crane, teaser = rss.entries
    assert (crane.key, crane.url, crane.published, crane.title) == (
        "http://news.example/dockside-7", "http://news.example/gone/cranes", "2025-04-15",
        "Crane operators strike for a second day")
    assert crane.content is not None and "forty ships waiting" in crane.content
    assert teaser.content is None  # a description is a teaser, not the article
    atom = parse_feed((WEB_FIXTURES / "atom.xml").read_bytes().replace(
        b"{BASE}", b"http://notes.example"), "http://notes.example/atom.xml")
    entry = atom.entries[0]
    assert (atom.title, entry.key, entry.url, entry.published, entry.author) == (
        "Strait Notes", "urn:example:strait-notes:31", "http://notes.example/notes/tugs",
        "2025-04-16", "Lev Orlan")


def test_what_is_not_a_feed_is_said() -> None:
    with pytest.raises(FeedError, match=r"^feed unparseable \(.*not well-formed"):
        parse_feed(b"\x89PNG\r\n\x1a\n\x00\x01\x02", "http://x.example/f")
    with pytest.raises(FeedError, match=r"^feed unparseable \(not RSS or Atom\)$"):
        parse_feed(b'<?xml version="1.0"?><catalog><book>a</book></catalog>', "http://x.example/f")
    page = (WEB_FIXTURES / "front_page.html").read_bytes()
    with pytest.raises(FeedError, match=r"^not a feed but a page; it links to the feed "
                                        r"http://x.example/feeds/world.xml$"):
        parse_feed(page, "http://x.example/")


def test_a_feed_cut_short_is_read_as_far_as_it_goes_with_a_warning() -> None:
    data = (WEB_FIXTURES / "feed_v1.xml").read_bytes().replace(b"{BASE}", b"http://g.example")
    cut = data[:data.index(b"<item>", data.index(b"gazette-1001")) + 30]
    parsed = parse_feed(cut, "http://g.example/feed")
    assert [e.key for e in parsed.entries][:1] == ["gazette-1001"]
    assert parsed.warning is not None and parsed.warning.startswith("feed malformed (")


# -- feeds add / list / remove -------------------------------------------------------------

def test_adding_a_feed_checks_it_and_names_it_by_its_title(site: Site, tmp_path: Path) -> None:
    feed = ChangingFeed(site)
    db = store(tmp_path)
    added = add_feed(db, feed.url)
    assert added.feed.name == "Harbour Gazette: world"
    assert added.checked is not None and len(added.checked.entries) == 2
    assert site.hits[feed.path] == 1 and page_hits(site) == 0  # entries are left for fetch
    assert add_feed(db, feed.url).already
    with pytest.raises(FeedError, match=r"already named 'Harbour Gazette: world' \(id 1\)"):
        add_feed(db, site.url("/other.xml"), name="harbour gazette: WORLD", check=False)
    with pytest.raises(FeedError, match=r"/missing.xml: HTTP 404 Not Found \(add it anyway "
                                        r"with --no-check\)$"):
        add_feed(db, site.url("/missing.xml"))
    site.page("/front", (WEB_FIXTURES / "front_page.html").read_bytes())
    with pytest.raises(FeedError, match=r"/front: not a feed but a page; it links to the feed "
                                        r"http://127.0.0.1:\d+/feeds/world.xml$"):
        add_feed(db, site.url("/front"))
    unchecked = add_feed(db, site.url("/later.xml"), check=False)
    assert unchecked.checked is None and unchecked.feed.name == "127.0.0.1"
    assert site.hits["/later.xml"] == 0
    assert add_feed(db, site.url("/more.xml"), check=False).feed.name == "127.0.0.1 2"
    assert [f.name for f in list_feeds(db)] == ["Harbour Gazette: world", "127.0.0.1",
                                                "127.0.0.1 2"]


def test_a_feed_is_found_by_id_url_or_name_and_removed_leaving_its_articles(
        site: Site, tmp_path: Path) -> None:
    feed = ChangingFeed(site)
    db = store(tmp_path)
    added = add_feed(db, feed.url, name="gazette")
    fetch_feed(db, added.feed)
    assert find_feed(db, "1").id == find_feed(db, feed.url).id == find_feed(db, "GAZETTE").id
    with pytest.raises(FeedError, match=r"^no feed 'nothing' \(see `sitrep feeds list`\)$"):
        find_feed(db, "nothing")
    remove_feed(db, "gazette")
    assert list_feeds(db) == []
    assert db.conn.execute("SELECT count(*) FROM feed_entries").fetchone()[0] == 0
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


# -- fetch ---------------------------------------------------------------------------------

def test_fetch_ingests_new_entries_and_a_second_fetch_costs_one_304(site: Site,
                                                                     tmp_path: Path) -> None:
    feed = ChangingFeed(site)
    db = store(tmp_path)
    gazette = add_feed(db, feed.url, check=False).feed
    first = fetch_feed(db, gazette)
    assert (first.outcome, first.report.new, first.seen, first.report.failed) == (
        "read", 2, 0, [])
    assert first.status() == "2 new articles, 0 already seen"
    assert (site.hits[feed.path], page_hits(site)) == (1, 2)
    entries = db.conn.execute("SELECT e.entry, e.url, a.title FROM feed_entries e JOIN "
                              "articles a ON a.id = e.article_id ORDER BY e.entry").fetchall()
    assert entries == [
        ("gazette-1001", site.url("/news/harbour-talks"), "Harbour talks end without a deal"),
        ("gazette-1002", site.url("/news/ferries"),
         "Ferry crossings resume after a week of storms")]
    # The feed's date stands in for a page that gives none; the page's own date wins.
    assert db.conn.execute("SELECT path, published, source FROM articles ORDER BY path"
                           ).fetchall() == [
        (site.url("/news/ferries"), "2025-04-12", "Harbour Gazette: world"),
        (site.url("/news/harbour-talks"), "2025-04-09", "The Harbour Gazette")]
    assert db.conn.execute("SELECT count(*) FROM article_html").fetchone()[0] == 2

    second = fetch_feed(db, find_feed(db, "1"))
    assert second.outcome == "not modified" and second.report.new == 0
    assert site.headers[-1][1]["If-None-Match"] == '"feed_v1.xml"'
    assert (site.hits[feed.path], page_hits(site)) == (2, 2)  # one request, no pages
    assert find_feed(db, "1").status == "not modified"


def test_only_the_entries_new_to_a_changed_feed_are_fetched(site: Site, tmp_path: Path
                                                            ) -> None:
    feed = ChangingFeed(site)
    db = store(tmp_path)
    gazette = add_feed(db, feed.url, check=False).feed
    fetch_feed(db, gazette)
    feed.version = "feed_v2.xml"  # one entry dropped, one new, one kept
    result = fetch_feed(db, find_feed(db, "1"))
    assert result.status() == "1 new article, 1 already seen"
    assert site.hits["/news/lighthouse"] == 1 and site.hits["/news/ferries"] == 1
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert find_feed(db, "1").entries == 3


def test_last_modified_alone_makes_the_fetch_conditional(site: Site, tmp_path: Path) -> None:
    feed = ChangingFeed(site, etag=False)
    db = store(tmp_path)
    gazette = add_feed(db, feed.url, check=False).feed
    fetch_feed(db, gazette)
    again = fetch_feed(db, find_feed(db, "1"))
    assert again.outcome == "not modified"
    assert site.headers[-1][1]["If-Modified-Since"] == find_feed(db, "1").last_modified
    assert page_hits(site) == 2


def test_an_entry_already_stored_from_elsewhere_is_not_fetched_again(site: Site,
                                                                     tmp_path: Path) -> None:
    from store import ingest_paths

    feed = ChangingFeed(site)
    db = store(tmp_path)
    ingest_paths(db, [site.url("/news/ferries")])  # by URL
    # the same text at another URL: stored once, by its hash
    site.page("/mirror/talks", (WEB_FIXTURES / "harbour_talks.html").read_bytes())
    ingest_paths(db, [site.url("/mirror/talks")])
    result = fetch_feed(db, add_feed(db, feed.url, check=False).feed)
    assert result.status() == "0 new articles, 2 already seen"
    assert site.hits["/news/ferries"] == 1  # not fetched by the feed
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert db.conn.execute("SELECT count(*) FROM feed_entries WHERE article_id IS NOT NULL"
                           ).fetchone()[0] == 2
    other = ChangingFeed(site, "/copy.xml")
    assert fetch_feed(db, add_feed(db, other.url, name="copy", check=False).feed
                      ).status() == "0 new articles, 2 already seen"


def test_a_page_that_fails_falls_back_to_the_entry_content_else_fails_alone(
        site: Site, tmp_path: Path) -> None:
    site.feed("/dock.xml", lambda: site.fixture("feed_with_content.xml"), etag=lambda: '"d1"')
    db = store(tmp_path)
    dock = add_feed(db, site.url("/dock.xml"), check=False).feed
    result = fetch_feed(db, dock)
    assert result.status() == "1 new article, 0 already seen, 1 failed"
    assert [(f.path, f.reason) for f in result.report.failed] == [
        (site.url("/gone/teaser"), "HTTP 404 Not Found")]
    assert [w.reason for w in result.report.warnings] == [
        "page unreadable (HTTP 404 Not Found); read the feed entry's own text"]
    title, text = db.conn.execute("SELECT title, text FROM articles").fetchone()
    assert title == "Crane operators strike for a second day"
    assert "forty ships waiting to be unloaded" in text
    # With an entry failed, the validators are not kept: the next fetch reads the feed again
    # and tries the failed entry once more (and only it).
    assert find_feed(db, "1").etag is None
    again = fetch_feed(db, find_feed(db, "1"))
    assert again.outcome == "read" and site.hits["/gone/teaser"] == 2
    assert site.hits["/gone/cranes"] == 1


def test_a_feed_that_fails_is_said_and_keeps_what_it_had(site: Site, tmp_path: Path) -> None:
    db = store(tmp_path)
    site.page("/junk.xml", b"<html><body>not a feed</body></html>", content_type="text/xml")
    junk = add_feed(db, site.url("/junk.xml"), check=False).feed
    result = fetch_feed(db, junk)
    assert (result.outcome, result.error) == ("failed", "feed unparseable (not RSS or Atom)")
    assert find_feed(db, "1").status == "failed: feed unparseable (not RSS or Atom)"
    gone = add_feed(db, site.url("/gone.xml"), check=False).feed
    assert fetch_feed(db, gone).error == "HTTP 404 Not Found"


# -- the command line ----------------------------------------------------------------------

def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`sitrep ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_commands_say_what_they_did(site: Site, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    feed = ChangingFeed(site)
    db = str(tmp_path / "s.db")
    assert cli(capsys, "--db", db, "feeds", "add", feed.url, "--name", "gazette") == (
        0, "", "sitrep: added feed gazette (id 1): Harbour Gazette: world, 2 entries; "
        "`sitrep fetch` reads them\n")
    assert cli(capsys, "--db", db, "feeds", "add", site.url("/nope.xml")) == (
        1, "", f"sitrep: error: {site.url('/nope.xml')}: HTTP 404 Not Found (add it anyway "
        "with --no-check)\n")
    assert cli(capsys, "--db", db, "feeds", "add", site.url("/nope.xml"), "--no-check",
               "--name", "nope")[0] == 0
    # The real command, its pages read by two worker processes.
    fetched = run_cli("--db", db, "fetch", "--workers", "2")
    assert fetched.returncode == 1
    assert fetched.stderr.splitlines() == [
        "feed gazette: 2 new articles, 0 already seen",
        f"sitrep: error: feed nope ({site.url('/nope.xml')}): HTTP 404 Not Found",
        "feeds: 1 read, 0 not modified, 1 failed; articles: 2 new, 0 already seen, 0 failed; "
        "rows added: " + fetched.stderr.split("rows added: ")[1].strip(),
    ]
    code, _out, err = cli(capsys, "--db", db, "fetch", "--feed", "gazette")
    assert (code, err.splitlines()) == (0, [
        "feed gazette: not modified",
        "feeds: 0 read, 1 not modified, 0 failed; articles: 0 new, 0 already seen, 0 failed; "
        "rows added: 0"])
    code, out, _err = cli(capsys, "--db", db, "feeds", "list")
    assert code == 0
    header, first, second = out.splitlines()
    assert header.split() == ["id", "name", "url", "last", "fetched", "entries", "status"]
    assert first.split()[:3] == ["1", "gazette", feed.url]
    assert first.split()[-3:] == ["2", "not", "modified"]
    assert second.split()[-6:] == ["0", "failed:", "HTTP", "404", "Not", "Found"]
    assert cli(capsys, "--db", db, "feeds", "remove", "nope", "1") == (0, "", (
        "sitrep: removed feed nope (id 2); the articles it brought stay\n"
        "sitrep: removed feed gazette (id 1); the articles it brought stay\n"))
    assert cli(capsys, "--db", db, "fetch") == (
        1, "", "sitrep: error: no feeds to fetch: add one with `sitrep feeds add URL`\n")
    assert cli(capsys, "--db", str(tmp_path / "none.db"), "fetch")[2].endswith(
        "none.db: no such store (add a feed first: `sitrep feeds add URL`)\n")


def test_fetch_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for interval in ("15", "soon", "0s", "30d"):
        with pytest.raises(SystemExit) as stop:
            main(["fetch", "--watch", interval])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("sitrep fetch: error: argument --watch: ")
        assert len(err.splitlines()) == 1


@pytest.mark.parametrize(("signum", "code", "said"), [
    (signal.SIGINT, 130, "sitrep: interrupted"),
    (signal.SIGTERM, 143, "sitrep: terminated (SIGTERM)"),
])
def test_fetch_watch_repeats_until_stopped(site: Site, tmp_path: Path, signum: int, code: int,
                                           said: str) -> None:
    feed = ChangingFeed(site)
    db = str(tmp_path / "s.db")
    assert run_cli("--db", db, "feeds", "add", feed.url, "--no-check").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", db, "fetch", "--watch", "1s"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "SITREP_FETCH_TIMEOUT": "2"})
    try:
        # two rounds: the first reads the feed, the second gets a 304
        assert wait_for(lambda: site.hits[feed.path] >= 2, timeout=20)
        feed.version = "feed_v2.xml"
        assert wait_for(lambda: site.hits["/news/lighthouse"] >= 1, timeout=20)
        assert wait_for(lambda: site.hits[feed.path] >= 4, timeout=20)
        process.send_signal(signum)
        _out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == code, err
    lines = err.splitlines()
    rounds = [line for line in lines if " feeds: " in line]
    assert rounds[0].endswith("feeds: 1 read, 0 not modified, 0 failed; articles: 2 new, 0 "
                              "already seen, 0 failed; rows added: "
                              + rounds[0].rsplit(" ", 1)[-1])
    assert "feeds: 0 read, 1 not modified, 0 failed; articles: 0 new" in rounds[1]
    assert any("articles: 1 new, 1 already seen" in line for line in rounds)
    assert lines[-1].startswith(said)
    assert len(lines) == len(rounds) + 1  # one line a round, then the stop
