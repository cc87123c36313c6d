"""What `sitrep ingest` reads: the inputs named on the command line, as jobs for the workers.

An input is a file or directory, `-` (text on standard input), a URL, or a dataset (CSV,
JSONL, JSON) holding many articles. Each becomes one or more `Job`s: a small picklable value
that a worker turns into an `Article` with the reader for its `kind`. Planning (walking
directories, reading standard input, reading a dataset's rows) happens in the parent, lazily,
so a dataset of a million rows is never held in memory at once; reading and extracting happen
in the workers.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from store import web
from store.articles import (
    ARTICLE_SUFFIXES,
    MAX_ARTICLE_BYTES,
    MAX_SOURCE,
    MAX_TITLE,
    Article,
    ArticleError,
    _capped,
    article_from_text,
    decode,
    load_article,
    storable,
)
from store.datasets import DATASET_SUFFIXES, Row, read_dataset

STDIN = "-"
STDIN_NAME = "standard input"
URL_SCHEMES = tuple(f"{scheme}://" for scheme in web.URL_SCHEMES)
# What a dataset's row may say about its article; `--NAME-column` names the column for each.
DATASET_COLUMNS = ("text", "title", "date", "url", "source", "author")


@dataclass(slots=True)
class FileFailure:
    """An input that failed (or was skipped), and why, in a few words."""

    path: str
    reason: str


@dataclass(slots=True, frozen=True)
class Job:
    """One article to read and extract. Picklable: it crosses to a worker process."""

    key: str  # what names it in messages: a path, a URL, "standard input", "FILE row N"
    kind: str = "file"  # the reader in READERS
    published: str | None = None  # --published: for an article that gives no date
    source: str | None = None  # --source: for an article that names none
    text: str | None = None  # kind "text": the article's text itself
    # kind "text": what the text's origin said about it (title, published, source, url,
    # author) and `path`, the key a later ingest of the same origin is matched by.
    meta: tuple[tuple[str, str], ...] = ()


def read_job(job: Job) -> Article:
    """The article a job names, read by its kind's reader; ArticleError says why not."""
    reader = READERS.get(job.kind)
    if reader is None:
        raise ArticleError(f"no reader for inputs of kind {job.kind!r}")
    return reader(job)


def _read_file(job: Job) -> Article:
    path = Path(job.key)
    file_reader = FILE_READERS.get(path.suffix.lower(), _read_text_file)
    return file_reader(path, job)


def _read_text_file(path: Path, job: Job) -> Article:
    return load_article(path, published=job.published, source=job.source)


def _read_text(job: Job) -> Article:
    """Text given whole (standard input, a dataset's row), with what its origin said of it."""
    assert job.text is not None
    meta = dict(job.meta)
    if not job.text.strip():
        raise ArticleError("empty text" if not job.text else "text holds only whitespace")
    article = article_from_text(
        job.text,
        published=meta.get("published") or job.published,
        source=job.source or meta.get("source"),
        url=meta.get("url"),
        path=meta.get("path"),
    )
    if meta.get("title") and (not article.title or meta.get("title_wins")):
        article.title = _capped(meta["title"], MAX_TITLE, "title", article.warnings) or ""
    article.author = _capped(meta.get("author"), MAX_SOURCE, "author", article.warnings)
    article.warnings.extend(value for name, value in job.meta if name == "warning")
    return article


def _read_url(job: Job) -> Article:
    """A page on the web (kind "url"). A feed entry's job carries what the feed said of it in
    `meta` (title, author, content: its full text when the page cannot be read)."""
    return web.read_url(job.key, published=job.published, source=job.source,
                        entry=dict(job.meta))


def _read_page_file(path: Path, job: Job) -> Article:
    return web.read_page_file(path, published=job.published, source=job.source)


def _dataset_jobs(path: Path, options: InputOptions) -> Iterator[Job | FileFailure]:
    """A dataset's rows (store.datasets reads them) as jobs of kind "text"."""
    for row in read_dataset(path, options.columns):
        if isinstance(row, Row):
            yield Job(key=row.key, kind="text", text=row.text, published=options.published,
                      source=options.source, meta=row.meta)
        else:
            yield FileFailure(row.key, row.reason)


# Readers by job kind, and file readers by suffix (lower case): pages and URLs are read by
# store.web, datasets by store.datasets (their rows arrive as kind "text").
READERS: dict[str, Callable[[Job], Article]] = {"file": _read_file, "text": _read_text,
                                                "url": _read_url}
FILE_READERS: dict[str, Callable[[Path, Job], Article]] = {
    suffix: _read_page_file for suffix in web.PAGE_SUFFIXES}
# Suffixes a directory walk picks up, beyond ARTICLE_SUFFIXES (HTML pages add theirs).
WALKED_SUFFIXES: list[str] = [*ARTICLE_SUFFIXES, *web.PAGE_SUFFIXES]
# Files that hold many articles, by suffix: each yields a job per article, or a failure for a
# row that cannot be one. Only read when named (a folder's *.json are sidecars, not datasets).
Expander = Callable[[Path, "InputOptions"], Iterator["Job | FileFailure"]]
DATASET_READERS: dict[str, Expander] = dict.fromkeys(DATASET_SUFFIXES, _dataset_jobs)


@dataclass(slots=True)
class InputOptions:
    """What the command line says about every input."""

    published: str | None = None
    source: str | None = None
    # Dataset column names given by the user (text, title, date, url, source, author).
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Plan:
    """The jobs of an ingest, and what could not become one (failures) or was left (skipped).

    `jobs` is lazy: datasets are read as the jobs are taken. `known` counts the jobs known
    before any dataset is read (for a progress bar); None when a dataset is among the inputs.
    """

    jobs: Iterator[Job]
    failures: list[FileFailure]
    skipped: list[FileFailure]
    known: int | None


def plan(paths: Iterable[str | Path], options: InputOptions | None = None) -> Plan:
    """Jobs for every input: files and directories, URLs, `-`, datasets."""
    options = options or InputOptions()
    single: list[Job] = []
    datasets: list[Path] = []
    failures: list[FileFailure] = []
    named: list[str | Path] = []
    for raw in paths:
        text = os.fspath(raw)
        if text == STDIN:
            job = _stdin_job(options, failures)
            if job is not None:
                single.append(job)
        elif text.lower().startswith(URL_SCHEMES):
            if "url" in READERS:
                single.append(Job(key=text, kind="url", published=options.published,
                                  source=options.source))
            else:
                failures.append(FileFailure(text, "URLs cannot be read by this sitrep"))
        else:
            named.append(raw)
    files, walk_failures, skipped = discover(named)
    failures.extend(walk_failures)
    for path in files:
        if path.suffix.lower() in DATASET_READERS:
            datasets.append(path)
        else:
            single.append(Job(key=str(path), published=options.published,
                              source=options.source))

    def all_jobs() -> Iterator[Job]:
        yield from single
        for dataset in datasets:
            for item in DATASET_READERS[dataset.suffix.lower()](dataset, options):
                if isinstance(item, FileFailure):
                    failures.append(item)
                else:
                    yield item

    return Plan(all_jobs(), failures, skipped, None if datasets else len(single))


def read_one(name: str | Path, published: str | None = None, source: str | None = None
             ) -> Article:
    """One article from a file, a URL or `-` (for `extract`, `explain`): the reader `ingest`
    would use. A dataset holds many articles and is refused with the reason."""
    text = os.fspath(name)
    options = InputOptions(published=published, source=source)
    if text == STDIN:
        failures: list[FileFailure] = []
        job = _stdin_job(options, failures)
        if job is None:
            raise ArticleError(failures[0].reason)
        return read_job(job)
    if text.lower().startswith(URL_SCHEMES):
        return read_job(Job(key=text, kind="url", published=published, source=source))
    if Path(text).suffix.lower() in DATASET_READERS:
        raise ArticleError("a dataset of many articles: `sitrep ingest` reads it")
    return read_job(Job(key=text, published=published, source=source))


def _stdin_job(options: InputOptions, failures: list[FileFailure]) -> Job | None:
    """The text on standard input, read whole now (a worker cannot read the parent's stdin)."""
    try:
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            raise ArticleError(f"too large for an article (> {MAX_ARTICLE_BYTES >> 20} MB)")
        text, _warnings = decode(data)
    except (ArticleError, OSError, ValueError) as exc:
        failures.append(FileFailure(STDIN_NAME, str(exc)))
        return None
    return Job(key=STDIN_NAME, kind="text", text=storable(text), published=options.published,
               source=options.source)


def discover(paths: Iterable[str | Path]
             ) -> tuple[list[Path], list[FileFailure], list[FileFailure]]:
    """Article files under `paths`: files as given, directories recursed for the suffixes in
    WALKED_SUFFIXES. Returns (files, failures, skipped).

    Symlinked directories are not followed, so a symlink loop cannot trap the walk. A symlinked
    file inside a directory is read only when it points inside that directory: a link out of
    it (`appendix.txt -> ~/.ssh/id_ed25519`) is skipped and said, never stored. A link named
    on the command line is the user's own choice and is followed.
    """
    files: list[Path] = []
    failures: list[FileFailure] = []
    skipped: list[FileFailure] = []
    seen: set[Path] = set()
    walked = tuple(WALKED_SUFFIXES)

    def add(path: Path) -> None:
        key = path.resolve() if path.exists() else path
        if key not in seen:
            seen.add(key)
            files.append(path)

    def unreadable_dir(exc: OSError) -> None:
        # os.walk skips a directory it cannot list; say so rather than ingest less in silence.
        failures.append(FileFailure(str(exc.filename), f"cannot list directory ({exc.strerror})"))

    for raw in paths:
        path = Path(raw).expanduser()
        try:
            path.lstat()
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
                # a name too long, a directory on the way that cannot be entered: this path
                # fails, the others go on
                failures.append(FileFailure(str(path), exc.strerror or str(exc)))
                continue
        if path.is_dir():
            files_before, failures_before = len(files), len(failures)
            inside = path.resolve()
            for root, dirs, names in os.walk(path, onerror=unreadable_dir, followlinks=False):
                dirs.sort()
                for name in sorted(names):
                    if not name.lower().endswith(walked) or name.startswith("."):
                        continue
                    candidate = Path(root) / name
                    if candidate.is_symlink():
                        try:
                            target = candidate.resolve()
                        except (OSError, RuntimeError):  # a loop: its read says so
                            add(candidate)
                            continue
                        if not target.is_relative_to(inside):
                            skipped.append(FileFailure(
                                str(candidate), f"skipped: a symbolic link to {target}, "
                                f"outside {path} (name it on the command line to read it)"))
                            continue
                    add(candidate)
            if len(files) == files_before and len(failures) == failures_before and \
                    not skipped:
                failures.append(FileFailure(str(path), f"no {_either(walked)} files in this "
                                            "directory"))
        elif path.exists():
            add(path)
        elif path.is_symlink():
            failures.append(FileFailure(str(path), _broken_link_reason(path)))
        else:
            failures.append(FileFailure(str(path), "no such file or directory"))
    return files, failures, skipped


def _either(suffixes: tuple[str, ...]) -> str:
    """("*.txt", "*.md", "*.html") as "*.txt, *.md or *.html"."""
    names = [f"*{suffix}" for suffix in suffixes]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _broken_link_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"
