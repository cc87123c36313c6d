"""Reading article files: decoding, the `date YYYY-MM-DD` header and `.meta.json` sidecars."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # larger files are almost certainly not articles

_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.IGNORECASE)


class ArticleError(Exception):
    """A file that cannot be read as an article; the message names the problem."""


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str
    published: str | None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    warnings: list[str] = field(default_factory=list)
    author: str | None = None
    # The page the text was read from (a saved .html file or a fetched URL), kept in the
    # store so the article can be extracted again without the network.
    html: bytes | None = None
    html_url: str | None = None  # where `html` was fetched from; None for a saved page


def storable(text: str) -> str:
    """`text` as SQLite can store it: lone surrogates (from undecodable file names, or JSON
    escapes such as "\\ud800" in a sidecar) become backslash escapes instead of failing the write.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape" if _only_escaped_bytes(text) else
                           "surrogatepass").decode("utf-8", "backslashreplace")
    return text


def _only_escaped_bytes(text: str) -> bool:
    # surrogateescape can encode only U+DC80..U+DCFF (the bytes of an undecodable file name).
    return all(not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF for ch in text)


def article_id(text: str) -> str:
    """First 16 hex chars of the sha256 of the normalised text (NFC, LF newlines, trimmed)."""
    normalised = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return hashlib.sha256(normalised.strip().encode("utf-8")).hexdigest()[:16]


def parse_date(value: str, what: str) -> str:
    """An ISO day from user input, or ArticleError naming `what` was wrong."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except (ValueError, AttributeError):
        raise ArticleError(f"{what}: {value!r} is not a date (want YYYY-MM-DD)") from None


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1 with a warning."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16"]
        except UnicodeDecodeError as exc:
            raise ArticleError(f"not valid UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        text16 = _utf16_without_bom(data)
        if text16 is None:
            raise ArticleError("binary file (contains NUL bytes), not text")
        text, codec = text16
        warnings.append(f"no byte order mark; decoded as {codec.upper()}")
        if _looks_binary(text):
            raise ArticleError("binary file, not text")
        return text.replace("\r\n", "\n").replace("\r", "\n"), warnings
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode(
            "latin-1"
        )
        warnings.append("not UTF-8; decoded as Latin-1")
    if _looks_binary(text):
        raise ArticleError("binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Text saved as UTF-16 without a BOM (mostly Latin script): every other byte is NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    for codec, high, low in (("utf-16-le", data[1::2], data[0::2]),
                             ("utf-16-be", data[0::2], data[1::2])):
        if high.count(0) >= 0.9 * len(high) and low.count(0) == 0:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\r\f\v\x1b")
    return controls / len(sample) > 0.05


def split_header(text: str) -> tuple[str, str | None]:
    """The title and the header date (if the first non-empty line is `date YYYY-MM-DD ...`)."""
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = _DATE_HEADER.match(line)
        if match:
            try:
                published = dt.date.fromisoformat(match.group(1)).isoformat()
            except ValueError:
                return line.strip(), None
            return match.group(2).strip(), published
        return line.strip(), None
    return "", None


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


# A sidecar holds a few fields (published, source, url, title): a megabyte is far past any real one.
MAX_SIDECAR_BYTES = 1024 * 1024


def read_sidecar(path: Path) -> dict[str, str]:
    """The fields of the article's `.meta.json`, read with the same checks as an article (a
    regular file, a size cap); every problem is named as the sidecar's."""
    meta_path = sidecar_path(path)
    if not os.path.lexists(meta_path):
        return {}
    try:
        data = read_limited(meta_path, MAX_SIDECAR_BYTES, "a sidecar")
    except ArticleError as exc:
        raise ArticleError(f"broken sidecar {meta_path.name}: {exc}") from None
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArticleError(f"broken sidecar {meta_path.name}: {exc}") from None
    except RecursionError:
        raise ArticleError(f"broken sidecar {meta_path.name}: nested too deeply") from None
    except ValueError as exc:  # a number of thousands of digits (int_max_str_digits)
        raise ArticleError(f"broken sidecar {meta_path.name}: {str(exc).split(';')[0]}"
                           ) from None
    if not isinstance(meta, dict):
        raise ArticleError(f"broken sidecar {meta_path.name}: not a JSON object")
    return {
        storable(k): storable(str(v))
        for k, v in meta.items()
        if v is not None and not isinstance(v, dict | list)
    }


def article_from_text(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
) -> Article:
    """An Article from text already decoded; the header date wins over `published`.
    Metadata longer than any real one is cut (and said): a 2 MB "title" (a file with no line
    breaks) or a 300 MB "source" would otherwise be drawn in every row of the dashboard."""
    title, header_date = split_header(text)
    warnings: list[str] = []
    return Article(
        id=article_id(text),
        text=text,
        title=_capped(title, MAX_TITLE, "title", warnings) or "",
        published=header_date or published,
        source=_capped(source, MAX_SOURCE, "source", warnings),
        url=_capped(url, MAX_URL, "url", warnings),
        path=path,
        warnings=warnings,
    )


MAX_TITLE = 500  # characters; the longest real headline is under 300
MAX_SOURCE = 200
MAX_URL = 4000


def _capped(value: str | None, limit: int, name: str, warnings: list[str]) -> str | None:
    if value is None or len(value) <= limit:
        return value
    warnings.append(f"{name} of {len(value):,} characters cut to {limit}")
    return value[:limit - 1].rstrip() + "…"


def read_limited(path: Path, limit: int | None = None, what: str = "an article") -> bytes:
    """The bytes of a regular file of at most `limit` bytes (MAX_ARTICLE_BYTES), else
    ArticleError.

    The size is checked before reading, and the read is capped, so a 50 MB file (or one that
    grows while being read) is refused without being loaded.
    """
    if limit is None:
        limit = MAX_ARTICLE_BYTES
    with open_regular(path, limit, what) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ArticleError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise ArticleError(_too_large(len(data), limit, what))
    return data


def open_regular(path: Path, limit: int | None = None, what: str = "an article") -> BinaryIO:
    """`path` opened to read bytes if it is a regular file (of at most `limit` bytes when
    given), else ArticleError. FIFOs and devices are refused before they are opened: opening
    a FIFO blocks, and /dev/zero never ends."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError("not a regular file (a FIFO, socket or device)")
        if limit is not None and info.st_size > limit:
            raise ArticleError(_too_large(info.st_size, limit, what))
        # O_NONBLOCK: should the file be swapped for a FIFO between the stat and the open, the
        # open returns at once instead of waiting for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        handle = os.fdopen(fd, "rb")
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            handle.close()
            raise ArticleError("not a regular file (a FIFO, socket or device)")
    except PermissionError:
        raise ArticleError("permission denied") from None
    except IsADirectoryError:
        raise ArticleError("is a directory") from None
    except FileNotFoundError:
        raise ArticleError("no such file") from None
    except OSError as exc:
        raise ArticleError(exc.strerror or str(exc)) from None
    return handle


def _too_large(size: int, limit: int, what: str) -> str:
    if limit >= 1024 * 1024:
        return f"too large for {what} ({size / (1024 * 1024):.0f} MB > {limit // (1024 * 1024)} MB)"
    return f"too large for {what} ({size:,} bytes > {limit:,})"


def load_article(
    path: Path, *, published: str | None = None, source: str | None = None
) -> Article:
    """Read one article file. Raises ArticleError with a one-line reason for anything unusable.

    What the file says (its date header) wins; then the command line; then the sidecar.
    """
    data = read_limited(path)
    text, warnings = decode(data)
    if not text.strip():
        raise ArticleError("empty file" if not text else "file holds only whitespace")
    meta = read_sidecar(path)
    meta_published = meta.get("published")
    if meta_published:
        meta_published = parse_date(meta_published, f"sidecar {sidecar_path(path).name}")
    article = article_from_text(
        text,
        published=published or meta_published,
        source=storable(source) if source else meta.get("source"),
        url=meta.get("url"),
        path=storable(str(path.resolve())),
    )
    if meta.get("title") and not article.title:
        article.title = _capped(meta["title"], MAX_TITLE, "title", article.warnings) or ""
    article.warnings.extend(warnings)
    return article
