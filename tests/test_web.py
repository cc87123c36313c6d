"""Web pages and URLs (issue 12): fetching with its limits, and pages read into articles.

Every page is served by a real HTTP server on 127.0.0.1 (tests/fixtures/webserver.py);
nothing leaves the machine.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import ingest_paths, open_store
from store.articles import ArticleError
from store.inputs import read_one
from store.web import FetchError, article_from_page, fetch, read_page_file, user_agent
from tests.fixtures.helpers import ROOT, run_cli
from tests.fixtures.webserver import WEB_FIXTURES, Site, free_port, serve

MB = 1024 * 1024


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_FETCH_TIMEOUT", "1")


def page(name: str) -> bytes:
    return (WEB_FIXTURES / name).read_bytes()


# -- fetch ---------------------------------------------------------------------------------

def test_fetch_sends_a_user_agent_and_returns_the_body(site: Site) -> None:
    site.page("/a", page("harbour_talks.html"))
    got = fetch(site.url("/a"), timeout=5)
    assert got.status == 200 and got.body == page("harbour_talks.html")
    assert (got.content_type, got.charset) == ("text/html", "utf-8")
    agent = site.headers[0][1]["User-Agent"]
    assert agent == user_agent() and agent.startswith("sitrep/0.1.0 (")


def test_a_server_that_trickles_its_body_times_out_on_the_whole_request(site: Site) -> None:
    # A byte every 0.1 s never trips a socket timeout; the request's deadline must.
    site.trickle("/slow")
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^timed out after 1 s$"):
        fetch(site.url("/slow"), timeout=1)
    assert time.monotonic() - started < 2.5
    assert site.sent["/slow"] > 3  # it was sending, slowly


def test_a_server_that_trickles_its_headers_times_out_too(site: Site) -> None:
    site.trickle("/slow-headers", headers_too=True)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^timed out after 1 s$"):
        fetch(site.url("/slow-headers"), timeout=1)
    assert time.monotonic() - started < 2.5


def test_http_errors_are_named(site: Site) -> None:
    with pytest.raises(FetchError, match=r"^HTTP 404 Not Found$"):
        fetch(site.url("/missing"))
    site.page("/busy", b"busy", status=503)
    with pytest.raises(FetchError, match=r"^HTTP 503 Service Unavailable$"):
        fetch(site.url("/busy"))


def test_redirects_are_followed_and_a_loop_is_an_error(site: Site) -> None:
    site.page("/final", page("harbour_talks.html"))
    site.redirect("/moved", "/final", status=301)
    got = fetch(site.url("/moved"))
    assert got.final_url == site.url("/final") and got.url == site.url("/moved")
    site.redirect("/loop/a", "/loop/b")
    site.redirect("/loop/b", site.url("/loop/a"))
    with pytest.raises(FetchError, match=r"^redirect loop \(.*/loop/b -> .*/loop/a"):
        fetch(site.url("/loop/a"))
    for i in range(12):
        site.redirect(f"/hop/{i}", f"/hop/{i + 1}")
    with pytest.raises(FetchError, match=r"^too many redirects \(more than 10\)$"):
        fetch(site.url("/hop/0"))
    site.redirect("/elsewhere", "ftp://files.example/a.txt")
    with pytest.raises(FetchError, match=r"^redirected to ftp://files.example/a.txt"):
        fetch(site.url("/elsewhere"))


def test_a_50_mb_body_is_refused_by_its_length_before_it_is_read(site: Site) -> None:
    site.huge("/big", 50 * MB, say_length=True)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"^too large \(50 MB > 20 MB\)$"):
        fetch(site.url("/big"), timeout=10)
    assert time.monotonic() - started < 2


def test_a_50_mb_body_of_no_stated_length_is_cut_at_the_cap(site: Site) -> None:
    site.huge("/stream", 50 * MB, say_length=False)
    with pytest.raises(FetchError, match=r"^too large \(> 1 MB\)$"):
        fetch(site.url("/stream"), max_bytes=MB, timeout=10)
    # The client stopped reading past the cap: the server could not send the 50 MB.
    assert site.sent["/stream"] < 12 * MB


def test_a_gzip_body_is_inflated_and_capped_after_inflating(site: Site) -> None:
    body = page("harbour_talks.html")
    site.page("/gz", gzip.compress(body), extra={"Content-Encoding": "gzip"})
    assert fetch(site.url("/gz")).body == body
    bomb = gzip.compress(b" " * (5 * MB))  # 5 KB that inflates to 5 MB
    site.page("/bomb", bomb, extra={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match=r"^too large \(> 1 MB\)$"):
        fetch(site.url("/bomb"), max_bytes=MB)


def test_a_closed_port_is_an_unreachable_host() -> None:
    port = free_port()
    with pytest.raises(FetchError, match=rf"^unreachable host 127.0.0.1:{port} "
                                         r"\(connection refused\)$"):
        fetch(f"http://127.0.0.1:{port}/page")


def test_tls_to_a_server_that_speaks_plain_http_is_a_tls_error(site: Site) -> None:
    with pytest.raises(FetchError, match=r"^TLS error with 127.0.0.1:\d+: "):
        fetch(site.url("/page").replace("http://", "https://"))


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_a_certificate_that_cannot_be_verified_is_a_tls_error(tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    with serve(tls=(cert, key)) as secure:
        secure.page("/a", page("harbour_talks.html"))
        with pytest.raises(FetchError, match=r"^TLS error with 127.0.0.1:\d+: certificate "
                                             r"verify failed: self.signed certificate"):
            fetch(secure.url("/a"), timeout=5)


def test_only_http_and_https_urls_are_fetched() -> None:
    for url in ("file:///etc/passwd", "ftp://files.example/a", "gopher://x/"):
        with pytest.raises(FetchError, match="not an http"):
            fetch(url)


def test_a_conditional_request_gets_not_modified(site: Site) -> None:
    site.feed("/feed", lambda: b"<rss/>", etag=lambda: '"v1"')
    first = fetch(site.url("/feed"))
    assert first.etag == '"v1"' and not first.not_modified
    again = fetch(site.url("/feed"), etag=first.etag)
    assert again.not_modified and again.body == b""
    assert site.headers[-1][1]["If-None-Match"] == '"v1"'


# -- pages ---------------------------------------------------------------------------------

def test_a_page_gives_its_text_and_metadata(site: Site) -> None:
    site.page("/news/harbour-talks", page("harbour_talks.html"))
    article = read_one(site.url("/news/harbour-talks"))
    assert article.title == "Harbour talks end without a deal"
    assert article.published == "2025-04-09"
    assert article.author == "Ines Marlow"
    assert article.source == "The Harbour Gazette"
    assert article.url == "https://gazette.example/news/harbour-talks"  # its canonical URL
    assert article.path == site.url("/news/harbour-talks")
    assert article.html == page("harbour_talks.html")
    assert article.html_url == site.url("/news/harbour-talks")
    assert "42 drones overnight" in article.text
    # the page around the article is left out
    assert "plum dumplings" not in article.text and "Front page" not in article.text
    assert "All rights reserved" not in article.text


def test_a_page_without_a_date_in_its_metadata_gets_none_not_a_guess() -> None:
    # trafilatura's wider search would read the footer's "© 2026" as 2026-01-01.
    article = read_page_file(WEB_FIXTURES / "no_date.html")
    assert article.published is None
    assert read_page_file(WEB_FIXTURES / "no_date.html", published="2025-04-13"
                          ).published == "2025-04-13"


def test_a_page_with_no_article_fails_with_the_reason() -> None:
    with pytest.raises(ArticleError, match=r"^no article text found in the page"):
        read_page_file(WEB_FIXTURES / "sign_in.html")


def test_a_page_of_too_many_tags_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    # A million tags took trafilatura 145 s and 1.5 GB; refused in milliseconds.
    wide = tmp_path / "wide.html"
    wide.write_bytes(b"<html><body>" + b"<span>a</span>" * 500_000 + b"</body></html>")
    started = time.monotonic()
    with pytest.raises(ArticleError, match=r"^page too large to read \(1,000,004 tags > "
                                           r"100,000\)$"):
        read_page_file(wide)
    assert time.monotonic() - started < 1


def test_an_html_file_holding_plain_text_is_read_as_text() -> None:
    article = read_page_file(WEB_FIXTURES / "plain_text.html")
    assert article.title.startswith("Grain barges waited")
    assert article.html is None
    assert "no HTML markup: read as plain text" in article.warnings


def test_binary_files_and_other_types_are_not_html(site: Site, tmp_path: Path) -> None:
    fake = tmp_path / "scan.html"
    fake.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    with pytest.raises(ArticleError, match=r"^not HTML \(a PDF document\)$"):
        read_page_file(fake)
    site.page("/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    with pytest.raises(ArticleError, match=r"^not HTML \(content type application/pdf\)$"):
        read_one(site.url("/report.pdf"))
    site.page("/photo", b"\x89PNG\r\n\x1a\n....", content_type="application/octet-stream")
    with pytest.raises(ArticleError, match=r"^not HTML \(a PNG image\)$"):
        read_one(site.url("/photo"))
    site.page("/feed", page("atom.xml"), content_type="application/atom+xml")
    with pytest.raises(ArticleError, match=r"a feed\? `sitrep feeds add URL` reads it"):
        read_one(site.url("/feed"))


def test_a_url_serving_plain_text_is_an_article(site: Site) -> None:
    site.page("/note.txt", b"date 2025-04-10 Barges cleared\nEvery barge cleared the "
              b"inspection at the river mouth by noon, the inspectors said.\n",
              content_type="text/plain; charset=utf-8")
    article = read_one(site.url("/note.txt"))
    assert (article.title, article.published) == ("Barges cleared", "2025-04-10")


def test_the_charset_the_server_or_the_page_gives_is_used(site: Site) -> None:
    html = page("harbour_talks.html").decode("utf-8").replace("Varnel", "Vårnel")
    site.page("/latin", html.replace('<meta charset="utf-8">', "").encode("cp1252"),
              content_type="text/html; charset=windows-1252")
    assert "harbour town of Vårnel" in read_one(site.url("/latin")).text
    site.page("/meta", html.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("cp1252"),
              content_type="text/html")
    assert "harbour town of Vårnel" in read_one(site.url("/meta")).text


def test_trafilatura_reads_a_page_without_the_network() -> None:
    # The page is read in a process where every connection attempt fails: nothing in the
    # extraction downloads anything (models, lists) at run time.
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from pathlib import Path\n"
        "from store.web import read_page_file\n"
        f"a = read_page_file(Path({str(WEB_FIXTURES / 'harbour_talks.html')!r}))\n"
        "print(a.title, a.published)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Harbour talks end without a deal 2025-04-09"
    assert out.stderr == ""  # and no log lines from the libraries


def test_entry_content_stands_in_for_a_page_that_fails(site: Site) -> None:
    from store.web import read_url

    text = ("<p>Crane operators stayed away for a second day, and forty ships waited "
            "at the eastern dock to be unloaded.</p>")
    article = read_url(site.url("/gone"), entry={"title": "Cranes idle", "content": text})
    assert article.title == "Cranes idle" and "forty ships waited" in article.text
    assert article.warnings == ["page unreadable (HTTP 404 Not Found); read the feed entry's "
                                "own text"]
    with pytest.raises(ArticleError, match=r"^HTTP 404 Not Found$"):
        read_url(site.url("/gone"), entry={"title": "Cranes idle"})


def test_article_from_page_keeps_what_it_read() -> None:
    data = page("harbour_talks.html")
    article = article_from_page(data, charset=None, content_type="", page_url=None, path="p")
    assert article.html == data and article.html_url is None


# -- ingest --------------------------------------------------------------------------------

def test_a_folder_of_saved_pages_is_ingested_with_the_pages_kept(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("harbour_talks.html", "no_date.html", "sign_in.html"):
        (folder / name).write_bytes(page(name))
    (folder / "lighthouse.htm").write_bytes(page("lighthouse.html"))
    (folder / "note.txt").write_text("A plain note about the tides, written for this test.\n")
    db = open_store(tmp_path / "s.db")
    report = ingest_paths(db, [folder])
    assert (report.new, [f.path for f in report.failed]) == (4, [str(folder / "sign_in.html")])
    assert report.failed[0].reason.startswith("no article text found in the page")
    row = db.conn.execute(
        "SELECT a.title, a.published, a.published_inferred, a.source, a.author, a.url, "
        "h.url, h.html FROM articles a JOIN article_html h ON h.article_id = a.id "
        "WHERE a.path = ?", (str((folder / "harbour_talks.html").resolve()),)).fetchone()
    assert row[:7] == ("Harbour talks end without a deal", "2025-04-09", 0,
                       "The Harbour Gazette", "Ines Marlow",
                       "https://gazette.example/news/harbour-talks", None)
    assert zlib.decompress(row[7]) == page("harbour_talks.html")
    # no date in the page's metadata: the extractor's date from the text, marked inferred
    assert db.conn.execute("SELECT published, published_inferred FROM articles WHERE path LIKE "
                           "'%no_date.html'").fetchone() == ("2025-04-12", 1)
    assert db.conn.execute("SELECT count(*) FROM statements").fetchone()[0] >= 2
    assert db.conn.execute("SELECT count(*) FROM article_html").fetchone()[0] == 3


def test_a_url_is_ingested_once_and_a_changed_page_replaces_it(site: Site, tmp_path: Path
                                                                ) -> None:
    site.page("/story", page("harbour_talks.html"))
    db = open_store(tmp_path / "s.db")
    assert ingest_paths(db, [site.url("/story")]).new == 1
    assert ingest_paths(db, [site.url("/story")]).unchanged == 1
    site.page("/story", page("harbour_talks.html").replace(b"42 drones", b"44 drones"))
    report = ingest_paths(db, [site.url("/story")])
    assert (report.new, report.replaced) == (0, 1)
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert db.conn.execute("SELECT h.url FROM article_html h").fetchall() == [
        (site.url("/story"),)]


def test_ingest_names_each_failing_url_and_goes_on(site: Site, tmp_path: Path) -> None:
    site.page("/ok", page("harbour_talks.html"))
    site.trickle("/slow")
    site.redirect("/loop", "/loop")
    site.huge("/big", 50 * MB, say_length=True)
    site.page("/pdf", b"%PDF-1.4", content_type="application/pdf")
    port = free_port()
    urls = [site.url(p) for p in ("/ok", "/missing", "/slow", "/loop", "/big", "/pdf")]
    result = run_cli("--db", str(tmp_path / "s.db"), "ingest", *urls,
                     f"http://127.0.0.1:{port}/x", env={"SITREP_FETCH_TIMEOUT": "1"})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"sitrep: error: {urls[1]}: HTTP 404 Not Found",
        f"sitrep: error: {urls[2]}: timed out after 1 s",
        f"sitrep: error: {urls[3]}: redirect loop ({urls[3]} -> {urls[3]}, already visited)",
        f"sitrep: error: {urls[4]}: too large (50 MB > 20 MB)",
        f"sitrep: error: {urls[5]}: not HTML (content type application/pdf)",
        f"sitrep: error: http://127.0.0.1:{port}/x: unreachable host 127.0.0.1:{port} "
        "(connection refused)",
        "articles: 1 new, 0 unchanged, 0 replaced, 6 failed; rows added: "
        + lines[-1].rsplit(" ", 1)[-1],
    ]


def test_extract_reads_a_saved_page_and_a_url(site: Site) -> None:
    result = run_cli("extract", str(WEB_FIXTURES / "harbour_talks.html"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["article"]["title"] == "Harbour talks end without a deal"
    assert data["article"]["published"] == "2025-04-09"
    assert data["article"]["source"] == "The Harbour Gazette"
    assert any(m["value"] == 42 for m in data["metrics"])
    assert any("Sybiha" in (s["speaker"] or "") for s in data["statements"])
    site.page("/story", page("harbour_talks.html"))
    by_url = run_cli("extract", site.url("/story"), "--json")
    assert by_url.returncode == 0, by_url.stderr
    assert json.loads(by_url.stdout) == data
