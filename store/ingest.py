"""Ingest: paths -> articles -> extraction (optionally in a process pool) -> one writer.

Each article is written in one transaction: it lands whole, with all its rows, or not at all.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import signal
import sqlite3
import sys
import threading
import zlib
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from store.articles import Article, ArticleError
from store.db import StoreError, begin_immediate, describe_sqlite_error, store_path
from store.extract import Extraction, ExtractionTimeout, extract
from store.extract.oblasts import oblast_of
from store.happenings import event_happening_id, happening_id, settle
from store.inputs import FileFailure, InputOptions, Job, plan, read_job
from store.removal import delete_articles


@dataclass(slots=True)
class IngestReport:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    rows_added: int = 0
    failed: list[FileFailure] = field(default_factory=list)
    warnings: list[FileFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def written(self) -> int:
        """Articles this ingest committed (new or replacing an older version)."""
        return self.new + self.replaced

    def summary(self) -> str:
        return (
            f"articles: {self.new} new, {self.unchanged} unchanged, {self.replaced} replaced, "
            f"{len(self.failed)} failed; rows added: {self.rows_added}"
        )


def written_before(count: int) -> str:
    """How many articles an ingest that stopped part-way had committed, for its last line."""
    return "1 article was written before" if count == 1 else f"{count} articles were written before"


class IngestAborted(StoreError):
    """The store stopped taking writes part-way (disk full, read-only, locked, corrupt).

    Every article committed before stays whole; `report` says what landed and what failed.
    """

    def __init__(self, message: str, report: IngestReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass(slots=True)
class Prepared:
    """One file read and extracted, ready for the writer (picklable across processes)."""

    path: str
    article: Article | None = None
    extraction: Extraction | None = None
    error: str | None = None


# Seconds one article may take to extract. Ordinary articles take milliseconds (linear
# rules); a text that would take longer fails alone with the reason, the ingest goes on.
ARTICLE_BUDGET_S = 30.0


def prepare(job: Job) -> Prepared:
    """Read and extract one input. Never raises: a failure comes back as `error`."""
    try:
        article = read_job(job)
        extraction = extract(article.text, published=article.published, title=article.title,
                             budget=ARTICLE_BUDGET_S)
    except ArticleError as exc:
        return Prepared(job.key, error=str(exc))
    except ExtractionTimeout as exc:
        return Prepared(job.key, error=f"{exc} (budget {ARTICLE_BUDGET_S:g} s an article)")
    except RecursionError:
        return Prepared(job.key, error="text too deeply nested to extract")
    except Exception as exc:  # an extractor bug must not sink the rest of the ingest
        return Prepared(job.key, error=f"extraction failed: {type(exc).__name__}: {exc}")
    return Prepared(job.key, article=article, extraction=extraction)


def _prepare_job(job: Job) -> Prepared:
    # Looked up at call time, so a test may stand in for `prepare` in the workers too.
    return prepare(job)


def _init_worker() -> None:
    # Ctrl+C (and a SIGTERM sent to the process group) reaches every process; the parent
    # handles it and cancels the pool, so workers must not each die printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # If the parent is killed outright (SIGKILL, the OOM killer) nothing shuts the pool down;
    # on Linux, ask the kernel to end the workers with it instead of leaving them orphaned.
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


_PR_SET_PDEATHSIG = 1


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM): handled like Ctrl+C, reported as such."""


def raise_terminated(signum: int, frame: object) -> None:
    """A SIGTERM handler for the command line: stop the way Ctrl+C does, not mid-write."""
    raise Terminated


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM while an article is written, so the report counts exactly what
    committed, then deliver them to the handlers they had (Ctrl+C raises KeyboardInterrupt,
    the CLI's SIGTERM handler Terminated; the default SIGTERM ends the process).

    (The write is milliseconds; the signal takes effect right after it.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def hold(signum: int, frame: object) -> None:
        received.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            # None: a handler set outside Python; put back Python's own default.
            fallback = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
            signal.signal(signum, handler if handler is not None else fallback)
    for held in dict.fromkeys(received):
        signal.raise_signal(held)  # its handler runs (and may raise) before this returns


# Articles in flight per worker: enough to keep each busy, few enough that results waiting for
# the writer cannot pile up in memory behind a slow file.
IN_FLIGHT_PER_WORKER = 2

WORKER_DIED = ("the worker process extracting it died (killed by a signal, perhaps for memory); "
               "it died again when tried alone")


class _Pending:
    """Jobs still to submit: those put back first, then the rest of a lazy stream of jobs."""

    def __init__(self, jobs: Iterable[Job]) -> None:
        self._back: deque[Job] = deque()
        self._jobs = iter(jobs)

    def take(self) -> Job | None:
        return self._back.popleft() if self._back else next(self._jobs, None)

    def put_back(self, job: Job) -> None:
        self._back.appendleft(job)

    def __bool__(self) -> bool:
        """Whether a job is left (reading one ahead from the stream if need be)."""
        if not self._back:
            job = next(self._jobs, None)
            if job is None:
                return False
            self._back.append(job)
        return True


def prepared_stream(jobs: Iterable[Job], workers: int) -> Generator[Prepared, None, None]:
    """Each job read and extracted, in the order the work finishes. `jobs` may be lazy (a
    dataset's rows): it is read only as fast as the workers take it.

    With more than one worker, the work runs in a process pool with a bounded number of
    articles in flight. A worker that dies (SIGKILL, the OOM killer) breaks the pool: the
    articles it had in flight are tried again one at a time in a fresh pool, so one that kills
    its worker again fails alone with the reason, and the rest go on. Closing the stream
    (Ctrl+C, SIGTERM, a full disk) kills the workers at once: nothing waits for a slow file.
    """
    pending = _Pending(jobs)
    first = pending.take()
    if first is None:
        return
    if workers <= 1 or not pending:  # one worker, or a single job: no pool to start
        pending.put_back(first)
        while (job := pending.take()) is not None:
            yield _prepare_job(job)
        return
    pending.put_back(first)
    while pending:
        suspects: list[Job] = []
        yield from _run_pool(pending, workers, workers * IN_FLIGHT_PER_WORKER, suspects)
        for job in suspects:  # alone, so a job that kills its worker names itself
            alone: list[Job] = []
            yield from _run_pool(_Pending([job]), 1, 1, alone)
            if alone:
                yield Prepared(job.key, error=WORKER_DIED)


def _run_pool(pending: _Pending, workers: int, window: int, suspects: list[Job]
              ) -> Generator[Prepared, None, None]:
    """Run `pending` jobs in one pool until they are done or a worker dies; on a death, the
    jobs that were in flight go to `suspects` and the pool is given up."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    in_flight: dict[Future[Prepared], Job] = {}
    try:
        broken = False
        while True:
            while len(in_flight) < window and not broken:
                job = pending.take()
                if job is None:
                    break
                try:
                    in_flight[pool.submit(_prepare_job, job)] = job
                except BrokenProcessPool:  # a worker died since the last look: not this job
                    pending.put_back(job)
                    broken = True
            if not in_flight:
                return  # all done, or broken with nothing in flight (a fresh pool goes on)
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                job = in_flight.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    suspects.append(job)
                    continue
                yield result
            if suspects:
                suspects.extend(in_flight.values())
                return
    finally:
        _stop_pool(pool)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for work in progress: its workers are killed.

    `shutdown(cancel_futures=True)` alone drops queued work but waits for each running article
    to finish: Ctrl+C would wait for a slow file, and so would the interpreter's exit (where a
    second Ctrl+C printed an atexit traceback).
    """
    kill_workers = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill_workers is not None:
        kill_workers()
    else:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):  # already gone
                pass
    pool.shutdown(wait=True, cancel_futures=True)


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    source: str | None = None,
    columns: dict[str, str] | None = None,
    workers: int = 1,
    on_file: Callable[[str], None] | None = None,
    on_discovered: Callable[[int | None], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Ingest inputs (files, directories, `-`, URLs, datasets: store.inputs). One that cannot
    be read is recorded in the report and the rest go on; a store that stops taking writes
    raises IngestAborted.

    `on_discovered` gets the number of articles to come (None while a dataset is unread).
    Pass `report` to see the progress so far if the ingest is interrupted (Ctrl+C).
    """
    todo = plan(paths, InputOptions(published=published, source=source,
                                    columns=dict(columns or {})))
    if report is None:
        report = IngestReport()
    report.warnings.extend(todo.skipped)
    if on_discovered:
        on_discovered(todo.known)
    try:
        ingest_jobs(db, todo.jobs, workers=workers, on_file=on_file, report=report)
    finally:
        # Inputs that could not become a job (a missing file, a dataset's bad row), in the
        # order planning met them, before the articles that failed to read.
        report.failed[:0] = todo.failures
    return report


def ingest_jobs(
    db: sqlite_utils.Database,
    jobs: Iterable[Job],
    *,
    workers: int = 1,
    on_file: Callable[[str], None] | None = None,
    on_written: Callable[[Prepared], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Read, extract and write `jobs` (store.inputs), as `ingest_paths` does its inputs'.
    `on_written` gets each article once its transaction committed (new, replaced or
    unchanged): a feed records its entries by it."""
    if report is None:
        report = IngestReport()
    stream = prepared_stream(jobs, workers)
    try:
        for prepared in stream:
            if prepared.error is not None or prepared.article is None:
                report.failed.append(FileFailure(prepared.path, prepared.error or "unreadable"))
            else:
                for warning in prepared.article.warnings:
                    report.warnings.append(FileFailure(prepared.path, warning))
                assert prepared.extraction is not None
                try:
                    with _signals_deferred():
                        write_article(db, prepared.article, prepared.extraction, report)
                except StoreError as exc:
                    raise IngestAborted(
                        f"{exc} while writing {prepared.path}; {written_before(report.written)}",
                        report,
                    ) from None
                if on_written:
                    on_written(prepared)
            if on_file:
                on_file(prepared.path)
    finally:
        stream.close()
    return report


def ingest_article(
    db: sqlite_utils.Database, article: Article, extraction: Extraction | None = None
) -> IngestReport:
    """Write one already-read article (extracting it if needed)."""
    report = IngestReport()
    if extraction is None:
        extraction = extract(article.text, published=article.published, title=article.title)
    write_article(db, article, extraction, report)
    return report


def write_article(
    db: sqlite_utils.Database, article: Article, extraction: Extraction, report: IngestReport
) -> None:
    """Write one article and its rows in a single transaction, updating `report`.

    Files and texts are apart (store.db, schema 5): the path points to the text it holds now.
    A path that holds the same text again changes nothing (unchanged). A path that held
    another text is replaced: it points to the new text (stored, or already there from another
    file), and the old text is deleted with its rows only when no path points to it any more.
    A new path whose text is already stored (a copy of another file) is recorded, unchanged.
    """
    conn = db.conn
    # Extraction is already done: the write lock is held only for these inserts, so readers
    # and other ingests wait milliseconds, not for an article's extraction.
    try:
        begin_immediate(conn)
        # Read inside the write transaction: another ingest may have written this very article
        # since we read it; then it counts as unchanged, not a primary-key failure.
        stored = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
        held = None
        if article.path:
            row = conn.execute("SELECT article_id FROM article_paths WHERE path = ?",
                               (article.path,)).fetchone()
            held = row[0] if row else None
        if stored and (held == article.id or not article.path):
            conn.execute("ROLLBACK")
            report.unchanged += 1
            return
        rows = 0 if stored else _insert_article(conn, article, extraction)
        if article.path:
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO article_paths (path, article_id, seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET article_id = excluded.article_id, "
                "seen_at = excluded.seen_at", (article.path, article.id, now))
            if stored:
                conn.execute("UPDATE articles SET path = ? WHERE id = ? AND path IS NULL",
                             (article.path, article.id))
            if held is not None:
                _release(conn, held, article.path)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback_quietly(conn)
        where = store_path(conn)
        raise StoreError(f"{where}: {describe_sqlite_error(exc, where)}") from None
    except BaseException:
        _rollback_quietly(conn)
        raise
    if held is not None:
        report.replaced += 1
    elif stored:
        report.unchanged += 1
    else:
        report.new += 1
    report.rows_added += rows


def _release(conn: sqlite3.Connection, article_id: str, moved_path: str) -> None:
    """`moved_path` no longer holds `article_id`: delete the article when no path points to
    it any more, as `articles remove` does (its rows, and the actors only it named), else show
    it under a path that still holds it."""
    other = conn.execute("SELECT path FROM article_paths WHERE article_id = ? ORDER BY path "
                         "LIMIT 1", (article_id,)).fetchone()
    if other is None:
        delete_articles(conn, [article_id])
    else:
        conn.execute("UPDATE articles SET path = ? WHERE id = ? AND (path = ? OR path IS NULL)",
                     (other[0], article_id, moved_path))


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled back by itself (disk full, I/O error); never let the
    # rollback's own error hide the first one.
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _insert_article(conn: sqlite3.Connection, article: Article, ex: Extraction) -> int:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    published = article.published or ex.published
    conn.execute(
        "INSERT INTO articles (id, title, published, published_inferred, source, url, path, "
        "text, ingested_at, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.title,
            published,
            int(not article.published and ex.published is not None),
            article.source,
            article.url,
            article.path,
            article.text,
            now,
            article.author,
        ),
    )
    if article.html is not None:
        conn.execute("INSERT OR REPLACE INTO article_html (article_id, url, fetched_at, html) "
                     "VALUES (?, ?, ?, ?)",
                     (article.id, article.html_url, now, zlib.compress(article.html, 6)))
    actor_ids = _upsert_actors(conn, ex)

    def actor_id(name: str | None) -> int | None:
        if not name:
            return None
        if name not in actor_ids:
            actor_ids[name] = _upsert_actor(conn, name, "unknown", None, ())
        return actor_ids[name]

    # Every row keeps its article's date as `reported` (store.db, _migrate_to_4), and each
    # dated event and metric its happening (store.happenings), settled once all are in.
    happenings: set[int] = set()
    for e in ex.events:
        event_happening = event_happening_id(conn, e.kind, e.date, e.location)
        if event_happening is not None:
            happenings.add(event_happening)
        cur = conn.execute(
            "INSERT INTO events (article_id, kind, date, date_precision, status, location, "
            "actors, summary, evidence, span_start, span_end, rule, reported, oblast, "
            "happening_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, e.kind, e.date, e.date_precision, e.status, e.location,
             json.dumps(e.actors, ensure_ascii=False), e.summary, e.evidence, *e.span,
             e.rule, published, oblast_of(e.location), event_happening),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO event_actors (event_id, actor_id) VALUES (?, ?)",
            [(cur.lastrowid, actor_id(name)) for name in e.actors],
        )
    conn.executemany(
        "INSERT INTO statements (article_id, speaker, speaker_id, quote, mode, date, "
        "date_precision, topics, evidence, span_start, span_end, rule, reported) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (article.id, s.speaker, actor_id(s.speaker), s.quote, s.mode, s.date,
             s.date_precision, json.dumps(s.topics), s.evidence, *s.span, s.rule, published)
            for s in ex.statements
        ],
    )
    happening_ids = [happening_id(conn, m.kind, m.side, m.claimant, m.date, m.cumulative)
                     for m in ex.metrics]
    conn.executemany(
        "INSERT INTO metrics (article_id, kind, value, qualifier, side, location, date, "
        "date_precision, claimant, claimant_id, evidence, span_start, span_end, cumulative, "
        "rule, reported, oblast, happening_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (article.id, m.kind, m.value, m.qualifier, m.side, m.location, m.date,
             m.date_precision, m.claimant, actor_id(m.claimant), m.evidence, *m.span,
             int(bool(m.cumulative)), m.rule, published, oblast_of(m.location), happening)
            for m, happening in zip(ex.metrics, happening_ids, strict=True)
        ],
    )
    happenings.update(h for h in happening_ids if h is not None)
    settle(conn, happenings)
    return ex.rows()


def _upsert_actors(conn: sqlite3.Connection, ex: Extraction) -> dict[str, int]:
    return {
        name: _upsert_actor(conn, name, mention.kind, mention.side, mention.aliases)
        for name, mention in ex.actors.items()
    }


def _upsert_actor(
    conn: sqlite3.Connection, name: str, kind: str, side: str | None, aliases: Iterable[str]
) -> int:
    row = conn.execute(
        "INSERT INTO actors (name, kind, side) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET "
        "kind = CASE WHEN actors.kind = 'unknown' THEN excluded.kind ELSE actors.kind END, "
        "side = coalesce(actors.side, excluded.side) RETURNING id",
        (name, kind, side),
    ).fetchone()
    actor_id = int(row[0])
    conn.executemany(
        "INSERT OR IGNORE INTO actor_aliases (alias, actor_id) VALUES (?, ?)",
        [(alias, actor_id) for alias in {name, *aliases}],
    )
    return actor_id
