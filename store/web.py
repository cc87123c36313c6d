"""Articles from the web: fetching a URL, and reading an HTML page into an Article.

`fetch` is a small HTTP client on the standard library (http.client) because what a news
reader needs from one is its limits: a deadline for the whole request (a server that trickles
a byte a second times out; socket timeouts alone would wait for ever), a size cap checked on
Content-Length and while reading, redirects followed with a limit, conditional GET, and each
failure said in one line. `article_from_page` finds the article in a page with trafilatura:
its main text, and title, date, author, site name and canonical URL from its metadata.

store.inputs calls these for URLs and `.html` files; store.feeds for feeds. Nothing here
reads the store. trafilatura and its helpers are imported on first use: they take most of a
second to import, which every other command would pay.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import functools
import html
import http.client
import importlib.metadata
import logging
import os
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from store.articles import (
    MAX_ARTICLE_BYTES,
    MAX_SOURCE,
    MAX_TITLE,
    MAX_URL,
    Article,
    ArticleError,
    _capped,
    article_from_text,
    article_id,
    decode,
    parse_date,
    read_limited,
    read_sidecar,
    sidecar_path,
    storable,
)

PAGE_SUFFIXES = (".html", ".htm")
URL_SCHEMES = ("http", "https")
# Appended to the User-Agent as "+URL" once the project has a public home.
PROJECT_URL: str | None = None

DEFAULT_TIMEOUT_S = 30.0  # a whole request, connecting to the last byte
MAX_REDIRECTS = 10
MAX_AUTHOR = 200
# Tags a page may hold: reading takes trafilatura about 0.1 ms a tag (and memory with it),
# a heavy news page has some thousands; a page of a million tags would hold a worker for
# minutes and take gigabytes.
MAX_PAGE_TAGS = 100_000
# A page shorter than this after extraction is a sign-in wall, a cookie notice or an index,
# not an article.
MIN_ARTICLE_CHARS = 80

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Types that may hold a page; others are refused from the headers, before the body is read.
# No type, or the catch-all octet-stream, is decided by looking at the bytes.
PAGE_TYPES = (*HTML_TYPES, "text/plain", "", "application/octet-stream", "application/xml",
              "text/xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    # Their warnings ("discarding data", "parsed tree length") would reach stderr through
    # logging's last-resort handler, between sitrep's own lines.
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


class FetchError(ArticleError):
    """A URL that could not be fetched; the message is the reason, in one line."""


@functools.cache
def user_agent() -> str:
    """"sitrep/0.1.0 (...)": who is asking, so a site can tell sitrep from a browser."""
    try:
        version = importlib.metadata.version("sitrep")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        version = "dev"
    return f"sitrep/{version} (news dashboard for one reader" + (
        f"; +{PROJECT_URL})" if PROJECT_URL else ")")


def fetch_timeout() -> float:
    """Seconds a request may take in all: $SITREP_FETCH_TIMEOUT, else 30 (read at call time,
    so the workers of an ingest, and tests, see the same value)."""
    value = os.environ.get("SITREP_FETCH_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return seconds if 0 < seconds < 3600 else DEFAULT_TIMEOUT_S


@dataclass(slots=True, frozen=True)
class Fetched:
    """A response: its body (empty for 304 Not Modified) and what its headers said."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200..299, or 304
    content_type: str  # the media type, lower case, without parameters; "" when not said
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == HTTPStatus.NOT_MODIFIED


def fetch(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
    refuse_type: Callable[[str], str | None] | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET `url` (http or https), following redirects; FetchError says why not.

    `timeout` (seconds, default fetch_timeout()) bounds the whole request. The body may hold
    at most `max_bytes` (default MAX_ARTICLE_BYTES), after decompression. With `etag` or
    `last_modified` the request is conditional: an unchanged resource comes back as a 304
    with no body. `refuse_type`, given the media type, returns a reason to stop before the
    body is read (a PDF where a page was wanted), or None to go on.
    """
    timeout = fetch_timeout() if timeout is None else timeout
    max_bytes = MAX_ARTICLE_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": user_agent(), "Accept": accept, "Accept-Encoding": "gzip",
               "Connection": "close"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = checked_url(url)
    visited = [current]
    for _hop in range(max_redirects + 1):
        response = _request(current, headers, deadline, timeout, max_bytes, refuse_type)
        if isinstance(response, Fetched):
            return Fetched(url, current, response.status, response.content_type,
                           response.charset, response.body, response.etag,
                           response.last_modified)
        target = checked_url(urljoin(current, response), redirected=True)
        if target in visited:
            raise FetchError(f"redirect loop ({_short(current)} -> {_short(target)}, "
                             "already visited)")
        visited.append(target)
        current = target
    raise FetchError(f"too many redirects (more than {max_redirects})")


def checked_url(url: str, redirected: bool = False) -> str:
    """The URL as a request can carry it (no fragment, non-ASCII percent-encoded), or
    FetchError when it is not an http(s) URL with a host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in URL_SCHEMES:
        where = "redirected to" if redirected else "not an http(s) URL:"
        raise FetchError(f"{where} {_short(url)}" + (" (only http and https are fetched)"
                                                     if redirected else ""))
    if not parts.hostname:
        raise FetchError(f"no host in the URL {_short(url)}")
    try:
        netloc = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        netloc = ""
    if not _HOST.fullmatch(netloc):
        raise FetchError(f"not a valid URL (host {parts.hostname!r})")
    if ":" in netloc:  # an IPv6 literal
        netloc = f"[{netloc}]"
    if port is not None:
        netloc = f"{netloc}:{port}"
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


_HOST = re.compile(r"[A-Za-z0-9_.-]+|[0-9A-Fa-f:.]+")


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[:limit - 1] + "…"


def _request(url: str, headers: dict[str, str], deadline: float, timeout: float,
             max_bytes: int, refuse_type: Callable[[str], str | None] | None
             ) -> Fetched | str:
    """One request: the response, or the Location of a redirect."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"timed out after {timeout:g} s")
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(host, parts.port, timeout=remaining,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, parts.port, timeout=remaining)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        with _Deadline(deadline) as watch:
            expired = watch.expired
            try:
                connection.connect()
                watch.arm(connection.sock)
                connection.request("GET", target, headers=headers)
                result = _response(url, connection.getresponse(), max_bytes, refuse_type)
            except FetchError:
                if expired.is_set():  # the body cut short by the deadline
                    raise FetchError(f"timed out after {timeout:g} s") from None
                raise
            except (OSError, http.client.HTTPException) as exc:
                if expired.is_set() or time.monotonic() >= deadline or \
                        isinstance(exc, TimeoutError):
                    raise FetchError(f"timed out after {timeout:g} s") from None
                raise FetchError(_network_reason(exc, host, parts.port)) from None
            if expired.is_set():  # a shut socket reads as the end of the body
                raise FetchError(f"timed out after {timeout:g} s")
            return result
    finally:
        connection.close()


class _Deadline:
    """Shut a request's socket down at `deadline`, whatever it is waiting for.

    A socket timeout bounds each read, so a server sending a byte a second (headers or body)
    would never time out; shutting the socket down from a timer wakes the blocked read. The
    socket is the one connected (`arm`): http.client lets go of its own reference once a
    response that closes the connection has begun.
    """

    def __init__(self, deadline: float) -> None:
        self.expired = threading.Event()
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(deadline - time.monotonic(), 0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def arm(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._sock = sock
        if self.expired.is_set():
            self._expire()

    def _expire(self) -> None:
        self.expired.set()
        with self._lock:
            sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _response(url: str, response: http.client.HTTPResponse, max_bytes: int,
              refuse_type: Callable[[str], str | None] | None) -> Fetched | str:
    status = response.status
    if status in (301, 302, 303, 307, 308):
        location = response.getheader("Location")
        if not location:
            raise FetchError(f"HTTP {status} redirect with no Location")
        return location
    if status == HTTPStatus.NOT_MODIFIED:
        return Fetched(url, url, status, "", None, b"", response.getheader("ETag"),
                       response.getheader("Last-Modified"))
    if not 200 <= status < 300:
        raise FetchError(f"HTTP {status} {_phrase(status, response.reason)}")
    content_type, charset = _media_type(response.getheader("Content-Type") or "")
    if refuse_type is not None:
        reason = refuse_type(content_type)
        if reason:
            raise FetchError(reason)
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(_too_large(max_bytes, int(length)))
    body = _read_body(response, max_bytes)
    return Fetched(url, url, status, content_type, charset, body, response.getheader("ETag"),
                   response.getheader("Last-Modified"))


def _phrase(status: int, reason: str) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return " ".join(reason.split())[:60] or "error"


def _media_type(header: str) -> tuple[str, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return kind.strip().lower(), charset


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The body, decompressed, capped at `max_bytes`: a larger one is refused once the cap is
    passed, never held whole."""
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"content encoding {encoding!r} cannot be read")
    inflater = None if encoding == "identity" else zlib.decompressobj(
        zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS)
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read1(65536)
        if not chunk:
            break
        if inflater is not None:
            try:
                # Bounded output: a small body that inflates to gigabytes stops at the cap.
                chunk = inflater.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as exc:
                raise FetchError(f"body is not valid {encoding} data ({exc})") from None
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_large(max_bytes))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int, size: int | None = None) -> str:
    mb = 1024 * 1024
    if size is None:
        return f"too large (> {limit / mb:g} MB)"
    return f"too large ({size / mb:.0f} MB > {limit / mb:g} MB)"


def _network_reason(exc: OSError | http.client.HTTPException, host: str, port: int | None
                    ) -> str:
    where = f"[{host}]" if ":" in host else host
    where = where if port is None else f"{where}:{port}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS error with {where}: certificate verify failed: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error with {where}: {exc.reason or exc}"
    if isinstance(exc, socket.gaierror):
        return f"unreachable host {host} (name not resolved: {exc.strerror})"
    if isinstance(exc, ConnectionRefusedError):
        return f"unreachable host {where} (connection refused)"
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return f"unreachable host {where} ({exc.strerror})"
    if isinstance(exc, ConnectionResetError | http.client.RemoteDisconnected):
        return f"{where} closed the connection before answering"
    if isinstance(exc, http.client.IncompleteRead):
        return f"{where} closed the connection part-way through the body"
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP response from {where} ({type(exc).__name__})"
    return f"cannot fetch from {where} ({exc.strerror or exc})"


# -- pages -------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file (RIFF)"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|title|meta|"
                     rb"h[1-6]|br|span|table|section|header|a)\b", re.IGNORECASE)
_PAGE_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)
_FEED_ROOT = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
                        re.IGNORECASE | re.DOTALL)


def refuse_non_page(content_type: str) -> str | None:
    """Why a response of this type cannot be a page (checked before its body is read)."""
    if content_type in PAGE_TYPES:
        return None
    hint = ": a feed? `sitrep feeds add URL` reads it" if content_type in FEED_TYPES or \
        content_type.endswith(("rss+xml", "atom+xml")) else ""
    return f"not HTML (content type {content_type}){hint}"


def read_url(url: str, *, published: str | None = None, source: str | None = None,
             entry: Mapping[str, str] | None = None) -> Article:
    """The article at `url`, its page kept. `published` and `source` are for a page that
    gives none.

    `entry` is what a feed said of it (title, author, content): when the page cannot be
    fetched or holds no article, the entry's own content, if it has the full text, is read
    instead, with a warning; else the page's reason fails it.
    """
    entry = entry or {}
    try:
        fetched = fetch(url, accept=PAGE_ACCEPT, refuse_type=refuse_non_page)
        article = article_from_page(fetched.body, charset=fetched.charset,
                                    content_type=fetched.content_type,
                                    page_url=fetched.final_url, path=url,
                                    published=published, source=source)
    except ArticleError as exc:
        if not entry.get("content"):
            raise
        try:
            article = _entry_article(url, entry, published=published, source=source)
        except ArticleError as entry_exc:
            raise ArticleError(f"{exc}; the feed entry's own text: {entry_exc}") from None
        article.warnings.append(f"page unreadable ({exc}); read the feed entry's own text")
    if entry.get("title") and not article.title:
        article.title = _capped(storable(entry["title"]), MAX_TITLE, "title",
                                article.warnings) or ""
    if entry.get("author") and not article.author:
        article.author = _capped(storable(entry["author"]), MAX_AUTHOR, "author",
                                 article.warnings)
    return article


def _entry_article(url: str, entry: Mapping[str, str], *, published: str | None,
                   source: str | None) -> Article:
    """A feed entry's full text (content:encoded, Atom content), read as a page of its own."""
    title = entry.get("title") or ""
    page = (f"<html><head><title>{html.escape(title)}</title></head><body><article>"
            f"{entry['content']}</article></body></html>").encode("utf-8", "surrogatepass")
    article = article_from_page(page, charset="utf-8", content_type="text/html", page_url=None,
                                path=url, published=published, source=source)
    article.url = article.url or _capped(url, MAX_URL, "url", article.warnings)
    return article


def read_page_file(path: Path, *, published: str | None = None, source: str | None = None
                   ) -> Article:
    """A saved page (`.html`, `.htm`). What the page says wins; then the command line; then
    a sidecar `NAME.meta.json`, as for text files."""
    data = read_limited(path)
    meta = read_sidecar(path)
    meta_published = meta.get("published")
    if meta_published:
        meta_published = parse_date(meta_published, f"sidecar {sidecar_path(path).name}")
    article = article_from_page(data, charset=None, content_type="", page_url=None,
                                path=storable(str(path.resolve())),
                                published=published or meta_published,
                                source=storable(source) if source else meta.get("source"))
    if meta.get("url") and not article.url:
        article.url = _capped(meta["url"], MAX_URL, "url", article.warnings)
    if meta.get("title") and not article.title:
        article.title = _capped(meta["title"], MAX_TITLE, "title", article.warnings) or ""
    return article


def article_from_page(data: bytes, *, charset: str | None, content_type: str,
                      page_url: str | None, path: str | None, published: str | None = None,
                      source: str | None = None) -> Article:
    """An Article from a page's bytes: its main text, and its metadata (title, date, author,
    site name, canonical URL), the page kept. Bytes that are plain text make a text article;
    a PDF, an image or other binary data fails, "not HTML".

    The date is only what the page's metadata says (meta tags, JSON-LD, <time>, a date in
    its URL): trafilatura's wider search guesses from the text and the footer (a "© 2026"
    read as 2026-01-01), and a wrong date would file the article far from its events. With
    none, the extractor infers one from the text, marked as inferred.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"not HTML ({what})")
    if content_type not in HTML_TYPES and _FEED_ROOT.match(data[:4096]):
        raise ArticleError("not HTML (an RSS or Atom feed): `sitrep feeds add URL` reads it")
    text, warnings = decode_page(data, charset)
    if not _is_markup(data, content_type):
        if not text.strip():
            raise ArticleError("empty page" if not text else "page holds only whitespace")
        article = article_from_text(storable(text), published=published, source=source,
                                    url=page_url, path=path)
        article.warnings.extend([*warnings, "no HTML markup: read as plain text"])
        return article
    tags = data.count(b"<")
    if tags > MAX_PAGE_TAGS:
        raise ArticleError(f"page too large to read ({tags:,} tags > {MAX_PAGE_TAGS:,})")
    doc = _extract_page(text, page_url)
    body = storable((doc.get("text") or "").strip()) if doc else ""
    if doc is None or not body:
        raise ArticleError("no article text found in the page")
    if len(body) < MIN_ARTICLE_CHARS:
        raise ArticleError(f"no article text found in the page (only {len(body)} characters "
                           "of text: a sign-in or cookie wall, or an index page?)")
    url = doc.get("url") if str(doc.get("url") or "").startswith(("http://", "https://")) \
        else page_url
    return Article(
        id=article_id(body),
        text=body,
        title=_capped(storable(doc.get("title") or "") or _first_line(body), MAX_TITLE,
                      "title", warnings) or "",
        published=_page_date(doc.get("date")) or published,
        source=_capped(_source(doc, source, url), MAX_SOURCE, "source", warnings),
        url=_capped(storable(url) if url else None, MAX_URL, "url", warnings),
        path=path,
        warnings=warnings,
        author=_capped(storable(doc["author"]) if doc.get("author") else None, MAX_AUTHOR,
                       "author", warnings),
        html=data,
        html_url=page_url,
    )


def _is_markup(data: bytes, content_type: str) -> bool:
    """Whether bytes are a page. Served as text/plain, only a page that opens as one is (as a
    browser shows plain text literally); otherwise any common tag will do."""
    if content_type in HTML_TYPES:
        return True
    if content_type == "text/plain":
        return bool(_PAGE_START.match(data[:4096]))
    return bool(_MARKUP.search(data[:65536]))


def preload() -> None:
    """Import trafilatura now: worker processes forked after this share it instead of each
    importing it (most of a second each)."""
    import trafilatura  # noqa: F401


def _extract_page(text: str, page_url: str | None) -> dict[str, Any] | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, url=page_url, with_metadata=True, include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except RecursionError:
        raise ArticleError("page nested too deeply to read") from None
    except Exception as exc:  # lxml and trafilatura errors on broken markup
        raise ArticleError(f"cannot read the page ({type(exc).__name__}: {exc})") from None
    if doc is None:
        return None
    return doc if isinstance(doc, dict) else doc.as_dict()


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _page_date(value: object) -> str | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat() if value else None
    except ValueError:
        return None


def _source(doc: Mapping[str, Any], given: str | None, url: str | None) -> str | None:
    """The page's own site name; else the one given (--source, the feed's title); else its
    host. (trafilatura puts the host in the site name when the page names none.)"""
    site = storable(str(doc.get("sitename") or "")).strip()
    parts = urlsplit(url) if url else None
    hosts = {str(doc.get("hostname") or ""), parts.hostname if parts else "",
             parts.netloc if parts else ""} - {"", None}
    host = str(doc.get("hostname") or "") or (parts.hostname if parts else "") or ""
    if site and site.removeprefix("www.") not in hosts:
        return site
    return given or site or host or None


def decode_page(data: bytes, charset: str | None) -> tuple[str, list[str]]:
    """A page's bytes as text: a byte order mark, else the charset the server gave, else the
    page's <meta charset>, else UTF-8, else Latin-1 (store.articles.decode), with warnings."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    match = _META_CHARSET.search(data[:4096])
    for label in (charset, match.group(1).decode("ascii") if match else None):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return data.decode(codec).replace("\r\n", "\n"), []
        except UnicodeDecodeError:
            text = data.decode(codec, errors="replace").replace("\r\n", "\n")
            return text, [f"not valid {label}: undecodable bytes replaced with U+FFFD"]
    return decode(data)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
