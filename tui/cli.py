"""The `sitrep` command. With no subcommand it opens the dashboard on the default store."""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import os
import shlex
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import sqlite_utils
from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from store import (
    ArticleError,
    StoreError,
    StoreNeedsUpgrade,
    default_db_path,
    extract,
    ingest_paths,
    open_store,
    row_counts,
)
from store.articles import parse_date
from store.db import describe_os_error, describe_sqlite_error
from store.extract.oblasts import oblast_named
from store.feeds import FeedError, FeedRound
from store.ingest import (
    IngestAborted,
    IngestReport,
    Terminated,
    raise_terminated,
    written_before,
)
from store.inputs import DATASET_COLUMNS, STDIN, read_one
from store.query import Filters, ReadError, has_articles
from store.samples import sample_data_dir
from store.sanitize import json_dumps_safe, one_line, printable
from store.watch import parse_interval

if TYPE_CHECKING:
    from store.explain import ArticleExplanation
    from store.extract.rules import Rule, TraceEntry
    from store.manage import ArticleSummary, Removal

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process it ended


class UsageError(Exception):
    """A mistake in how sitrep was called: one line on stderr, exit 2."""


def _date_arg(value: str) -> str:
    try:
        return parse_date(value, "date")
    except ArticleError:
        # argparse names the option itself: "argument --published: '2025-02-30' is not ..."
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (want YYYY-MM-DD)") from None


def _path_arg(value: str) -> str:
    # An empty path means "." to the filesystem: `sitrep ingest "$DIR"` with DIR unset would
    # read the whole working directory (all of $HOME, run from there).
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty path (an unset variable?) names no file")
    return value


class OneLineArgumentParser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (exit 2), pointing at --help instead of the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)} "
                              f"(see `{self.prog} --help`)\n")


def _workers_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 1 <= n <= 64:
        raise argparse.ArgumentTypeError("must be between 1 and 64")
    return n


def _interval_arg(value: str) -> float:
    try:
        return parse_interval(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


DEFAULT_WATCH_INTERVAL = 5.0


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineArgumentParser(
        prog="sitrep",
        description="Follow the Russia-Ukraine war and its peace talks from the news. "
        "With no command, opens the dashboard.",
    )
    parser.add_argument("--db", type=Path, help="store file (default: $SITREP_DB, else "
                        "$XDG_DATA_HOME/sitrep/sitrep.db)")
    parser.add_argument("--samples", action="store_true", help="add the bundled sample "
                        "articles to the store (once; again changes nothing), then open it")
    parser.add_argument("--oblast", metavar="NAME", help="open the dashboard on one oblast's "
                        "events and metrics (Kharkiv, Donetsk Oblast, Crimea, Kyiv...)")
    add_view_arguments(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="read article files into the store")
    p.add_argument("paths", nargs="*", metavar="PATH", type=_path_arg,
                   help="files or directories (*.txt, *.md, *.html), http(s):// URLs, "
                   "datasets (*.csv, *.jsonl, *.json), or - for text on standard input")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    p.add_argument("--published", type=_date_arg, help="publication date YYYY-MM-DD for files "
                   "that do not give one")
    p.add_argument("--source", help="source name for files that do not give one")
    p.add_argument("--workers", type=_workers_arg, default=1,
                   help="extract in N processes (default 1)")
    p.add_argument("--watch", action="append", metavar="DIR", type=_path_arg, default=[],
                   help="then keep ingesting the files that appear or change in DIR (repeat "
                   "for more folders) until Ctrl+C")
    p.add_argument("--interval", type=_interval_arg, default=DEFAULT_WATCH_INTERVAL,
                   metavar="TIME", help="how often --watch looks (30s, 5m; default 5s)")
    for column in DATASET_COLUMNS:
        p.add_argument(f"--{column}-column", metavar="NAME", dest=f"{column}_column",
                       help=f"the dataset column holding each article's {column} (default: "
                       "found by its name)")

    p = sub.add_parser("extract", help="print what sitrep extracts from one article")
    p.add_argument("file", type=_path_arg, metavar="FILE",
                   help="a file (*.txt, *.md, *.html), an http(s):// URL, or - for standard input")
    p.add_argument("--published", type=_date_arg, help="publication date YYYY-MM-DD")
    p.add_argument("--source", help="source name")
    p.add_argument("--json", action="store_true", help="print the contract's JSON")

    p = sub.add_parser("export", help="write rows of the store as CSV or JSON")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    p.add_argument("--table", choices=["events", "statements", "metrics", "articles"],
                   default="statements", help="what to export (default statements)")
    p.add_argument("--format", choices=["csv", "json"], default="json")
    p.add_argument("--search", help="only rows matching this full-text search")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    p = sub.add_parser("explain", help="show, sentence by sentence, what each extraction rule "
                       "did in one article")
    p.add_argument("file", type=_path_arg, metavar="FILE", nargs="?")
    p.add_argument("--sentence", type=_sentence_arg, metavar="N",
                   help="only sentence N (numbered from 0, as printed)")
    p.add_argument("--published", type=_date_arg, help="publication date YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print the explanation as JSON")
    p.add_argument("--rules", action="store_true",
                   help="list every registered rule (id, stage, words, what it does)")

    p = sub.add_parser("eval", help="score the extractor against gold annotations")
    p.add_argument("articles", type=Path, metavar="ARTICLES_DIR")
    p.add_argument("gold", type=Path, metavar="GOLD_DIR")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--by-rule", action="store_true",
                   help="precision per rule id: records each rule made, how many matched gold")
    p.add_argument("--show-missed", action="store_true",
                   help="list every missed gold record and every spurious predicted record")

    p = sub.add_parser("articles", help="list the stored articles (`articles remove ID...` "
                       "deletes them)")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    p.add_argument("--search", help="only articles with these words, or this text in their "
                   "title, source or URL, or an id starting with it")
    p.add_argument("--limit", type=_limit_arg, default=50,
                   help="list at most N, newest first (default 50; 0 for all)")
    p.add_argument("--json", action="store_true", help="print the articles as JSON")
    articles = p.add_subparsers(dest="articles_command", metavar="remove")
    p = articles.add_parser("remove", help="delete articles and all their rows, all at once "
                            "or none")
    p.add_argument("ids", nargs="+", metavar="ID", type=_article_id_arg,
                   help="an article id, or the first 6 or more hex digits of one")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    add_web_commands(sub)
    return parser


PANE_NAMES = ("timeline", "statements", "metrics", "source")


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    """The dashboard's opening filters (`sitrep --actor Peskov --since 'last month'`). Their
    dests start with `open_`: the subcommands' own --search must not overwrite them."""
    group = parser.add_argument_group(
        "opening the dashboard filtered",
        "dates as people write them: 'last Tuesday', '3 weeks ago', 'March 2025', "
        "'2025-02-17..2025-02-20'")
    group.add_argument("--view", dest="open_view", metavar="NAME",
                       help="open a view saved in the dashboard with v (the options below "
                       "change it)")
    group.add_argument("--actor", dest="open_actor", metavar="NAME",
                       help="only this actor (any spelling: a name, an alias, a typo)")
    group.add_argument("--kind", dest="open_kind", metavar="KIND",
                       help="only events of this kind (strike, talks...)")
    group.add_argument("--search", dest="open_search", metavar="TEXT",
                       help="only rows matching this full-text search")
    group.add_argument("--since", dest="open_since", metavar="DATE",
                       help="from this day on (the first day of a month, week or range)")
    group.add_argument("--until", dest="open_until", metavar="DATE",
                       help="up to this day (the last day of a month, week or range)")
    group.add_argument("--direct", dest="open_direct", action="store_true",
                       help="statements in direct speech only (quoted words)")
    group.add_argument("--topic", dest="open_topic", metavar="TOPIC",
                       help="statements on this topic (ceasefire, sanctions, nato...)")
    group.add_argument("--pane", dest="open_pane", choices=PANE_NAMES,
                       help="the pane that has the focus (default timeline)")


VIEW_OPTIONS = {"open_view": "--view", "open_actor": "--actor", "open_kind": "--kind",
                "open_search": "--search", "open_since": "--since", "open_until": "--until",
                "open_direct": "--direct", "open_topic": "--topic", "open_pane": "--pane"}


def view_options_given(args: argparse.Namespace) -> list[str]:
    return [flag for dest, flag in VIEW_OPTIONS.items() if getattr(args, dest, None)]


def opening_view(args: argparse.Namespace, path: Path,
                 today: dt.date | None = None) -> tuple[Filters, str | None]:
    """The filters and pane the dashboard opens on, from --view and the options beside it.
    A name that finds nothing raises UsageError naming it."""
    from store.actor_search import find_actor
    from store.query import distinct_values
    from store.views import get_view, known_topics, list_views, topic_named

    filters = Filters(oblast=args.oblast)
    pane: str | None = None
    with closing(open_for_reading(path).conn) as conn:
        if args.open_view:
            view = get_view(conn, args.open_view)
            if view is None:
                names = [v.name for v in list_views(conn)]
                saved = (f"saved views: {', '.join(names)}" if names else
                         "no views are saved yet: press v in the dashboard to save one")
                raise UsageError(f"--view {args.open_view!r}: no view of that name ({saved})")
            filters, pane = replace(view.filters, oblast=args.oblast or view.filters.oblast), \
                view.pane
        if args.open_actor:
            match = find_actor(conn, args.open_actor)
            if match is None:
                raise UsageError(f"--actor {args.open_actor!r}: no actor in the store is named "
                                 "or spelled like that")
            actor = match.entry.actor
            filters = replace(filters, actor_id=actor.id, actor_name=actor.name)
        if args.open_kind:
            kinds = distinct_values(conn, "events")
            kind = next((k for k in kinds if k.casefold() == args.open_kind.casefold()), None)
            if kind is None:
                shown = ", ".join(kinds[:20]) or "none yet"
                raise UsageError(f"--kind {args.open_kind!r}: no events of that kind in the "
                                 f"store (kinds: {shown})")
            filters = replace(filters, kind=kind)
    if args.open_search:
        filters = replace(filters, search=args.open_search)
    if args.open_since or args.open_until:
        start, end = _window_args(args.open_since, args.open_until, today or dt.date.today())
        filters = replace(filters, date_from=start or filters.date_from,
                          date_to=end or filters.date_to)
    if args.open_direct:
        filters = replace(filters, direct_only=True)
    if args.open_topic:
        topic = topic_named(args.open_topic)
        if topic is None:
            raise UsageError(f"--topic {args.open_topic!r}: not a topic (topics: "
                             f"{', '.join(t.replace('_', ' ') for t in known_topics())})")
        filters = replace(filters, topic=topic)
    return filters, args.open_pane or pane


def _window_args(since: str | None, until: str | None,
                 today: dt.date) -> tuple[str | None, str | None]:
    from store.when import WhenError, parse_day_range, parse_window

    for flag, text in (("--since", since), ("--until", until)):
        if text:
            try:
                parse_day_range(text, today)
            except WhenError as exc:
                raise UsageError(f"{flag}: {exc}") from None
    try:
        return parse_window(since, until, today)
    except WhenError as exc:
        raise UsageError(str(exc)) from None


def _limit_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (all) or more")
    return n


def _article_id_arg(value: str) -> str:
    from store.manage import ID_PREFIX_MIN, is_id_prefix

    if not is_id_prefix(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an article id (at least {ID_PREFIX_MIN} hex digits, as "
            "`sitrep articles` lists them)")
    return value


def _sentence_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a sentence number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n} is out of range (sentences are numbered from 0)")
    return n


_ESCAPE_ERRORS = "sitrep-json-escape"


def _json_style_escape(error: UnicodeError) -> tuple[str, int]:
    """Each character the stream cannot encode as a JSON escape (\u2019; a pair of them
    beyond U+FFFF), which JSON readers decode back to the same text."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for ch in error.object[error.start:error.end]:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def _escape_what_the_terminal_cannot_show() -> None:
    """On a stream that cannot encode all of Unicode (PYTHONIOENCODING=latin-1, a C locale),
    write what it cannot encode as backslash escapes instead of dying on a quote mark: in
    JSON output "\u2019" is the same string, so it stays valid JSON."""
    codecs.register_error(_ESCAPE_ERRORS, _json_style_escape)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding not in ("utf8", "utf16", "utf32") and reconfigure is not None:
            try:
                reconfigure(errors=_ESCAPE_ERRORS)
            except (ValueError, OSError):  # a closed or detached stream: nothing to protect
                pass


def main(argv: Sequence[str] | None = None) -> int:
    _escape_what_the_terminal_cannot_show()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.samples and args.command is not None:
        parser.error(f"--samples is for the dashboard, not `{args.command}` (to add the "
                     f"samples to a store: sitrep --samples --db FILE)")
    if args.oblast is not None:
        if args.command is not None:
            parser.error(f"--oblast is for the dashboard, not `{args.command}`")
        oblast = oblast_named(args.oblast)
        if oblast is None:
            parser.error(f"--oblast {one_line(args.oblast)}: not an oblast of Ukraine nor a "
                         "place in one (try Kharkiv, Donetsk Oblast, Crimea, Kyiv)")
        args.oblast = oblast
    if args.command is not None and view_options_given(args):
        parser.error(f"{view_options_given(args)[0]} is for the dashboard, not "
                     f"`{args.command}`")
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if args.command is None or threading.current_thread() is not threading.main_thread():
        return run_command(args, err)
    # `kill`, a closing terminal session, a job scheduler's timeout: stop as Ctrl+C does (the
    # article being written is rolled back) and say so, not die silently. The dashboard is
    # left to Textual.
    stopping: list[int] = []

    def stop(signum: int, frame: object) -> None:
        # The first Ctrl+C or SIGTERM stops the command; the ones an impatient user sends after
        # it are ignored, so they cannot cut the clean stop short (workers left running, an
        # atexit traceback, death by signal after the "interrupted" line was printed).
        if stopping:
            return
        stopping.append(signum)
        # Ignored by the OS, not by this handler: the interpreter puts its own handlers back
        # to the default when it finalizes, and a late Ctrl+C would then kill the process.
        for other in previous:
            signal.signal(other, signal.SIG_IGN)
        if signum == signal.SIGTERM:
            raise_terminated(signum, frame)
        raise KeyboardInterrupt

    # A signal the process was started ignoring (SIGINT for `sitrep ingest ... &` in a
    # script) stays ignored.
    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)
                if signal.getsignal(signum) is not signal.SIG_IGN}
    try:
        return run_command(args, err)
    finally:
        if not (stopping and argv is None):  # a process that is stopping stays deaf to signals
            for signum, handler in previous.items():
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def run_command(args: argparse.Namespace, err: Console) -> int:
    """Run the command; user mistakes and store trouble become one line and an exit code."""
    try:
        if args.command == "ingest":
            return cmd_ingest(args, err)
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "eval":
            return cmd_eval(args)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "articles":
            return cmd_articles(args)
        if args.command == "feeds":
            return cmd_feeds(args)
        if args.command == "fetch":
            return cmd_fetch(args)
        return cmd_dashboard(args, err)
    except UsageError as exc:
        error_line(str(exc))
        return EXIT_USAGE
    except (StoreError, ArticleError, FeedError) as exc:
        error_line(str(exc))
        return EXIT_SOME_FAILED
    except ReadError as exc:
        # A store that goes bad while being read (a corrupt page found mid-export).
        error_line(f"store {db_path(args)}: {describe_sqlite_error(exc, db_path(args))}")
        return EXIT_SOME_FAILED
    except Terminated:
        print("sitrep: terminated (SIGTERM)", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("sitrep: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`sitrep export | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        # A file sitrep writes (export -o) that cannot be created or written.
        name = f"{exc.filename}: " if exc.filename else ""
        error_line(f"{name}{describe_os_error(exc)}")
        return EXIT_SOME_FAILED


def error_line(message: str) -> None:
    """One line on stderr; names in it (files, store paths) are shown, never interpreted."""
    print(f"sitrep: error: {one_line(message)}", file=sys.stderr)


def db_path(args: argparse.Namespace) -> Path:
    return args.db if getattr(args, "db", None) else default_db_path()


def _upgrade_notice(path: Path) -> Callable[[int, int], None]:
    def notice(old: int, new: int) -> None:
        print(f"sitrep: upgrading the store {one_line(str(path))} from schema {old} to {new} "
              "(rebuilding its search indexes: about a minute per million rows)",
              file=sys.stderr, flush=True)
    return notice


def open_for_reading(path: Path) -> sqlite_utils.Database:
    """The store opened read-only, upgraded first when an older sitrep wrote it (which needs
    write access once; a store the user cannot write stays readable by this version only
    when it is current)."""
    try:
        return open_store(path, readonly=True)
    except StoreNeedsUpgrade:
        open_store(path, on_upgrade=_upgrade_notice(path)).conn.close()
        return open_store(path, readonly=True)


def cmd_ingest(args: argparse.Namespace, err: Console) -> int:
    if not args.paths and not args.watch:
        raise UsageError("ingest needs a PATH (a file, folder, URL, dataset or -) or --watch DIR")
    if args.paths.count(STDIN) > 1:
        raise UsageError("- (standard input) given more than once: it holds one text")
    if STDIN in args.paths and sys.stdin.isatty():
        # Otherwise the command seems to hang: it is waiting for text typed or pasted.
        print("sitrep: reading the article from standard input (end it with Ctrl+D)",
              file=sys.stderr, flush=True)
    if args.watch:
        return cmd_ingest_watch(args, err)
    db = open_store(db_path(args), on_upgrade=_upgrade_notice(db_path(args)))
    progress: Progress | None = None
    task = None
    if sys.stderr.isatty():
        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                            # markup=False: a file called "[bold].txt" is a name, not markup
                            TextColumn("{task.description}", markup=False),
                            console=err, transient=True)
        progress.start()
        task = progress.add_task("", total=None)

    def on_discovered(total: int | None) -> None:
        if progress is not None and task is not None:
            progress.update(task, total=total)

    def on_file(path: str) -> None:
        if progress is not None and task is not None:
            progress.update(task, advance=1, description=one_line(Path(path).name[:40]))

    report = IngestReport()
    try:
        ingest_paths(db, args.paths, published=args.published, source=args.source,
                     columns=_columns(args), workers=args.workers, on_file=on_file,
                     on_discovered=on_discovered, report=report)
    except IngestAborted as exc:
        stop_progress(progress)
        print_file_problems(report)
        error_line(str(exc))
        return EXIT_SOME_FAILED
    except KeyboardInterrupt as exc:
        # Each article is its own transaction: what was committed stays, the one being
        # written was rolled back.
        stop_progress(progress)
        print_file_problems(report)
        how = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
        print(f"sitrep: {how}; {written_before(report.written)} ({report.summary()})",
              file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    finally:
        stop_progress(progress)
        # Closing checkpoints the WAL and removes the -wal/-shm files beside the store.
        db.conn.close()
    print_file_problems(report)
    print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_SOME_FAILED


def cmd_ingest_watch(args: argparse.Namespace, err: Console) -> int:
    """Ingest PATHs and what is in the --watch folders, then every --interval what appears or
    changes there, until Ctrl+C or SIGTERM. A line for each round that found something."""
    from store.watch import FolderWatch

    for folder in args.watch:
        if not Path(folder).expanduser().is_dir():
            raise UsageError(f"--watch {folder}: not a folder")
    db = open_store(db_path(args), on_upgrade=_upgrade_notice(db_path(args)))
    watch = FolderWatch([Path(folder).expanduser() for folder in args.watch])
    total = IngestReport()
    said_failures: set[tuple[str, str]] = set()
    names = ", ".join(one_line(str(folder)) for folder in args.watch)
    print(f"sitrep: watching {names} every {args.interval:g} s (Ctrl+C stops)", file=sys.stderr,
          flush=True)
    inputs: list[str | Path] = list(args.paths)
    columns = _columns(args)
    try:
        while True:
            inputs.extend(watch.settled())
            fresh = [f for f in watch.failures if (f.path, f.reason) not in said_failures]
            said_failures.update((f.path, f.reason) for f in watch.failures)
            if inputs or fresh:
                report = IngestReport(failed=fresh)
                ingest_paths(db, inputs, published=args.published, source=args.source,
                             columns=columns, workers=args.workers, report=report)
                _add_up(total, report)
                print_file_problems(report)
                stamp = dt.datetime.now().strftime("%H:%M:%S")
                print(f"{stamp} {report.summary()}", file=sys.stderr, flush=True)
                inputs = []
            time.sleep(args.interval)
    except IngestAborted as exc:
        _add_up(total, exc.report)
        error_line(str(exc))
        return EXIT_SOME_FAILED
    except KeyboardInterrupt as exc:
        how = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "stopped watching"
        print(f"sitrep: {how}; in all {total.summary()}", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    finally:
        db.conn.close()


def _add_up(total: IngestReport, report: IngestReport) -> None:
    total.new += report.new
    total.unchanged += report.unchanged
    total.replaced += report.replaced
    total.rows_added += report.rows_added
    total.failed.extend(report.failed)


def _columns(args: argparse.Namespace) -> dict[str, str]:
    """The dataset columns named on the command line (--text-column NAME ...)."""
    return {column: getattr(args, f"{column}_column") for column in DATASET_COLUMNS
            if getattr(args, f"{column}_column", None)}


def stop_progress(progress: Progress | None) -> None:
    if progress is not None:
        progress.stop()


def print_file_problems(report: IngestReport) -> None:
    for warning in report.warnings:
        print(f"sitrep: warning: {one_line(warning.path)}: {one_line(warning.reason)}",
              file=sys.stderr)
    for failure in report.failed:
        print(f"sitrep: error: {one_line(failure.path)}: {one_line(failure.reason)}",
              file=sys.stderr)


def extraction_json(args: argparse.Namespace) -> dict:
    try:
        article = read_one(args.file, published=args.published, source=args.source)
    except ArticleError as exc:
        raise ArticleError(f"{args.file}: {exc}") from None
    ex = extract(article.text, published=article.published, title=article.title)
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "published": article.published or ex.published,
            "source": article.source,
        },
        "events": [e.to_dict() for e in ex.events],
        "statements": [s.to_dict() for s in ex.statements],
        "metrics": [m.to_dict() for m in ex.metrics],
    }


def cmd_extract(args: argparse.Namespace) -> int:
    data = extraction_json(args)
    if args.json:
        # JSON escapes: ESC and the other controls arrive as \u001b, never raw.
        sys.stdout.write(json_dumps_safe(data, indent=2))
        sys.stdout.write("\n")
    else:
        from tui.render import render_extraction

        render_extraction(data, Console())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from store.export import export_table

    path = db_path(args)
    if not path.exists():
        raise StoreError(f"{path}: no such store")
    # Read-only: exporting works on a store the user may read but not write.
    db = open_for_reading(path)
    if args.output:
        n = _export_to_file(db, args, Path(args.output))
        print(f"wrote {n} {args.table} rows to {one_line(str(args.output))}", file=sys.stderr)
    else:
        # CSV cells hold the text as stored; on a terminal, show control characters instead
        # of letting an article's escape sequences reach it.
        export_table(db, args.table, args.format, sys.stdout, search=args.search,
                     for_terminal=sys.stdout.isatty())
    return EXIT_OK


def _export_to_file(db: sqlite_utils.Database, args: argparse.Namespace, target: Path) -> int:
    """A failed export (full disk, Ctrl+C, a store error) leaves the previous file as it was."""
    from store.export import atomic_text_file, export_table

    with atomic_text_file(target) as out:
        return export_table(db, args.table, args.format, out, search=args.search)


def cmd_eval(args: argparse.Namespace) -> int:
    from store.eval import evaluate

    for directory in (args.articles, args.gold):
        if not directory.is_dir():
            raise UsageError(f"{directory}: not a directory")
    report = evaluate(args.articles, args.gold)
    if args.json:
        print(json_dumps_safe(report.to_dict(by_rule=args.by_rule, misses=args.show_missed),
                              indent=2))
        return EXIT_OK
    parts = [report.format_table()]
    if args.by_rule:
        parts.append("precision per rule (lowest first)\n" + report.format_by_rule())
    if args.show_missed:
        width = shutil.get_terminal_size((120, 24)).columns
        parts.append("missed (gold not found) and spurious (found, not in gold)\n"
                     + report.format_misses(width))
    # Article text and gold are shown, never interpreted: control characters made visible.
    print(printable("\n\n".join(parts)))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from store.explain import explain, registered_rules

    console = Console(highlight=False, soft_wrap=False)
    if args.rules:
        rules = registered_rules()
        if args.json:
            print(json_dumps_safe([{"id": r.id, "stage": r.stage, "words": list(r.words),
                                    "doc": r.doc} for r in rules], indent=2))
        else:
            render_rules(rules, console)
        if args.file is None:
            return EXIT_OK
    if args.file is None:
        raise UsageError("explain needs a FILE (or --rules)")
    try:
        article = read_one(args.file, published=args.published)
    except ArticleError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    result = explain(article.text, published=article.published, title=article.title)
    count = len(result.sentences)
    if args.sentence is not None and args.sentence >= count:
        raise UsageError(f"{args.file}: sentence {args.sentence} is out of range (the article "
                         f"has {count} sentences, numbered 0 to {count - 1})" if count else
                         f"{args.file}: sentence {args.sentence} is out of range (the article "
                         "has no sentences)")
    if args.json:
        sys.stdout.write(json_dumps_safe(result.to_dict(only=args.sentence), indent=2) + "\n")
        return EXIT_OK
    render_explanation(result, console, only=args.sentence)
    return EXIT_OK


def _plain(text: str) -> Text:
    """Article text as rich Text: never markup, control characters made visible."""
    return Text(printable(text))


def _record_line(section: str, record: dict[str, Any]) -> str:
    if section == "statements":
        return (f"statement {record.get('mode')} {record.get('speaker')}: "
                f"{' '.join(str(record.get('quote') or '').split())}")
    if section == "metrics":
        value = record.get("value")
        side = f", side {record['side']}" if record.get("side") else ""
        return f"metric {record.get('kind')} {value} ({record.get('qualifier')}{side})"
    where = f" in {record['location']}" if record.get("location") else ""
    when = f" on {record['date']}" if record.get("date") else ""
    return f"event {record.get('kind')}{where}{when} ({record.get('status')})"


def _note_line(note: TraceEntry) -> Text:
    line = Text("    ")
    line.append(printable(note.rule), style="bold")
    line.append(f"  {note.outcome}", style="green" if note.outcome in ("found", "chose")
                else "red" if note.outcome in ("vetoed", "dropped") else "yellow")
    if note.detail:
        line.append("  ")
        line.append(printable(note.detail))
    return line


def render_explanation(result: ArticleExplanation, console: Console,
                       only: int | None = None) -> None:
    """Sentence by sentence: index, offsets, the text cut to the terminal's width, then every
    rule's note and every record made there (with its rule)."""
    width = max(console.width, 40)
    chosen = result.sentences if only is None else [result.sentences[only]]
    for s in chosen:
        sentence = s.sentence
        flags = [] if sentence.prose else ["not prose"]
        if sentence.caption:
            flags.append("caption")
        head = Text(f"[{s.index}] {sentence.start}-{sentence.end}", style="bold cyan")
        if flags:
            head.append(f" ({', '.join(flags)})", style="dim")
        head.append("  ")
        body = _plain(" ".join(sentence.text.split()))
        body.truncate(max(width - len(head), 10), overflow="ellipsis")
        head.append_text(body)
        head.truncate(width, overflow="ellipsis")
        console.print(head, no_wrap=True, overflow="ellipsis")
        for note in s.notes:
            console.print(_note_line(note), no_wrap=False)
        for section, record in s.records:
            rule = Text(f"  rule {printable(str(record.get('rule') or '(none)'))}",
                        style="dim")
            line = Text("    -> ", style="magenta")
            line.append(printable(_record_line(section, record)))
            line.truncate(max(width - len(rule), 30), overflow="ellipsis")
            line.append_text(rule)
            console.print(line, no_wrap=True, overflow="ellipsis")
    if only is None:
        if result.steps:
            console.print(Text("article-level steps", style="bold cyan"))
            for note in result.steps:
                console.print(_note_line(note))
        ex = result.extraction
        console.print(Text(f"{len(result.sentences)} sentences; {len(ex.statements)} statements,"
                           f" {len(ex.metrics)} metrics, {len(ex.events)} events; published "
                           f"{ex.published or 'unknown'}", style="dim"))


def render_rules(rules: list[Rule], console: Console) -> None:
    table = Table("id", "stage", "words", "what it does", box=None, show_edge=False)
    for r in rules:
        words = ", ".join(r.words[:8]) + (f" (+{len(r.words) - 8})" if len(r.words) > 8 else "")
        table.add_row(_plain(r.id), r.stage, _plain(words or "(any)"), _plain(r.doc))
    console.print(table)
    console.print(Text(f"{len(rules)} rules", style="dim"))


def cmd_articles(args: argparse.Namespace) -> int:
    from store.manage import list_articles

    path = db_path(args)
    if not path.exists():
        raise StoreError(f"{path}: no such store")
    if args.articles_command == "remove":
        return cmd_articles_remove(args, path)
    db = open_for_reading(path)
    try:
        listing = list_articles(db.conn, args.search or "", limit=args.limit or None)
    finally:
        db.conn.close()
    if args.json:
        sys.stdout.write(json_dumps_safe([a.to_dict() for a in listing.articles], indent=2))
        sys.stdout.write("\n")
        return EXIT_OK
    footer = (f"{listing.total:,} article{'s' if listing.total != 1 else ''} "
              f"({len(listing.articles):,} shown)")
    if sys.stdout.isatty():
        console = Console(highlight=False)
        render_articles(listing.articles, console)
        console.print(Text(footer, style="dim"))
    else:
        for line in articles_as_text(listing.articles):
            print(line)
        print(footer)
    return EXIT_OK


ARTICLE_COLUMNS = ("id", "date", "rows", "source", "title")
SOURCE_WIDTH = 24  # characters of a source shown before cutting it
TITLE_MIN = 10  # characters of a title a terminal table keeps, however narrow


def _article_cells(article: ArticleSummary) -> tuple[str, ...]:
    """What `sitrep articles` shows of an article, every stored text made inert."""
    return (one_line(article.id), one_line((article.published or "—")[:10]),
            f"{article.rows:,}", one_line(article.source or "—"),
            one_line(article.title or "(untitled)"))


def render_articles(articles: Sequence[ArticleSummary], console: Console) -> None:
    """The articles as a table for a terminal: long sources and titles cut to fit."""
    rows = [_article_cells(a) for a in articles]
    widths = [max([cell_len(name), *(cell_len(row[i]) for row in rows)])
              for i, name in enumerate(ARTICLE_COLUMNS)]
    # The title takes what the others leave, at least TITLE_MIN; the source gives way first.
    # (Left to itself, rich squeezes every column, ids too, or drops some.)
    room = console.width - sum(widths[:3]) - 2 * (len(widths) - 1)
    widths[3] = min(widths[3], SOURCE_WIDTH, max(len("source"), room - TITLE_MIN))
    widths[4] = min(widths[4], max(TITLE_MIN, room - widths[3]))
    table = Table(box=None, show_edge=False, pad_edge=False)
    for name, width in zip(ARTICLE_COLUMNS, widths, strict=True):
        # Too narrow even so: an id folds onto a second line, whole (`articles remove` needs
        # it), and the rest is cut.
        table.add_column(name, no_wrap=name != "id", overflow="fold" if name == "id" else
                         "ellipsis", width=width, justify="right" if name == "rows" else "left")
    for row in rows:
        table.add_row(*(Text(value) for value in row))
    console.print(table)


def articles_as_text(articles: Sequence[ArticleSummary]) -> list[str]:
    """The articles as plain aligned lines (a header first), for a pipe or a file: the title
    last and whole, so a line can be read by `cut` or `awk` up to it."""
    rows = [(*cells[:3], _cut_to(cells[3], SOURCE_WIDTH), cells[4])
            for cells in (ARTICLE_COLUMNS, *(_article_cells(a) for a in articles))]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for row in rows:
        ident, date, count, source = (_pad(row[i], widths[i], right=i == 2) for i in range(4))
        lines.append(f"{ident}  {date}  {count}  {source}  {row[4]}".rstrip())
    return lines


def _cut_to(text: str, width: int) -> str:
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


def _pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` padded to `width` terminal cells (a wide character takes two)."""
    fill = " " * max(0, width - cell_len(text))
    return fill + text if right else text + fill


def cmd_articles_remove(args: argparse.Namespace, path: Path) -> int:
    from store.manage import remove_articles

    def said(removal: Removal) -> None:
        print(f"removed {removal.articles} article{'s' if removal.articles != 1 else ''} "
              f"({removal.rows:,} row{'s' if removal.rows != 1 else ''})", file=sys.stderr)

    db = open_store(path, on_upgrade=_upgrade_notice(path))
    try:
        remove_articles(db.conn, args.ids, on_removed=said)
    finally:
        db.conn.close()
    return EXIT_OK


def is_default_store(args: argparse.Namespace) -> bool:
    """The store sitrep picks for a user who named none (no --db, no $SITREP_DB): the only one
    it fills with the sample articles by itself."""
    return not getattr(args, "db", None) and not os.environ.get("SITREP_DB")


def ensure_store(path: Path, err: Console, *, samples: bool = False,
                 default: bool = False) -> None:
    """Make the store at `path` ready for the dashboard. The sample articles go in when asked
    (`samples`), or into the `default` store the first time, when its file does not exist yet
    (a default store emptied with `articles remove` stays empty). Any other store that is new
    or empty opens empty, after one line saying how to fill it."""
    first_run = default and not path.exists()
    if samples or first_run:
        add_samples(path, err, first_run=first_run)
        return
    if path.exists():
        # Read-only first: a store the user can read but not write still opens the dashboard.
        with closing(open_for_reading(path).conn) as conn:
            if has_articles(conn):
                return
    else:
        open_store(path).conn.close()  # the dashboard reads a store: create it, empty
    err.print(empty_store_hint(path, default), markup=False)


def add_samples(path: Path, err: Console, *, first_run: bool = False) -> None:
    """Ingest the bundled sample articles into the store at `path` (those already there are
    unchanged), saying so."""
    db = open_store(path, on_upgrade=_upgrade_notice(path))
    samples = sample_data_dir()
    store, folder = one_line(str(path)), one_line(str(samples))
    err.print(f"sitrep: building the store {store} from the sample articles in {folder}"
              if first_run else f"sitrep: adding the sample articles in {folder} to {store}",
              markup=False)
    try:
        report = ingest_paths(db, [samples])
    finally:
        db.conn.close()
    err.print(f"sitrep: {report.summary()}", markup=False)


def empty_store_hint(path: Path, default: bool) -> str:
    """One line for a store with no articles: how to add some (to this very store)."""
    db = "" if default else f" --db {_shell_word(path)}"
    return (f"sitrep: {one_line(str(path))} is empty: add articles with "
            f"`sitrep ingest PATH|URL{db}`, or run `sitrep --samples{db}` for the bundled "
            "sample articles")


def _shell_word(path: Path) -> str:
    """`path` as a user can paste it into a shell, shown inert."""
    return one_line(shlex.quote(str(path)))


def cmd_dashboard(args: argparse.Namespace, err: Console) -> int:
    path = db_path(args)
    ensure_store(path, err, samples=args.samples, default=is_default_store(args))
    try:
        from tui.app import run_app
    except ImportError:
        counts = row_counts(open_store(path, readonly=True))
        print(f"store {one_line(str(path))}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        return EXIT_OK
    if not view_options_given(args):
        return run_app(path, oblast=args.oblast)
    filters, pane = opening_view(args, path)
    return run_app(path, oblast=filters.oblast, filters=filters, pane=pane)
def add_web_commands(sub: Any) -> None:
    """`sitrep feeds add|list|remove` and `sitrep fetch`."""
    p = sub.add_parser("feeds", help="the RSS and Atom feeds `sitrep fetch` reads")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    actions = p.add_subparsers(dest="feeds_action", metavar="ACTION")
    a = actions.add_parser("add", help="add a feed (fetched once to check it)")
    a.add_argument("url", metavar="URL")
    a.add_argument("--name", help="what to call it (default: the feed's title)")
    a.add_argument("--no-check", action="store_true",
                   help="add it without fetching it (it is first read by `sitrep fetch`)")
    a.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    a = actions.add_parser("list", help="the feeds, when each was last fetched, and how it went")
    a.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    a = actions.add_parser("remove", help="remove feeds (the articles they brought stay)")
    a.add_argument("feeds", nargs="+", metavar="FEED", help="a feed's URL, name or id")
    a.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")

    p = sub.add_parser("fetch", help="read every feed and ingest its new entries")
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="store file")
    p.add_argument("--feed", action="append", metavar="FEED",
                   help="only this feed (URL, name or id; may be given again)")
    p.add_argument("--workers", type=_workers_arg, default=4,
                   help="read pages in N processes (default 4)")
    p.add_argument("--watch", type=_interval_arg, metavar="INTERVAL",
                   help="fetch again every INTERVAL (30s, 15m, 2h) until Ctrl+C")


def cmd_feeds(args: argparse.Namespace) -> int:
    from store.feeds import add_feed, list_feeds, remove_feed

    path = db_path(args)
    action = args.feeds_action or "list"
    if action == "add":
        db = open_store(path, on_upgrade=_upgrade_notice(path))
        try:
            added = add_feed(db, args.url, args.name, check=not args.no_check)
        finally:
            db.conn.close()
        feed = added.feed
        if added.already:
            print(f"sitrep: feed {one_line(feed.name)} (id {feed.id}) was already added: "
                  f"{one_line(feed.url)}", file=sys.stderr)
        elif added.checked is None:
            print(f"sitrep: added feed {one_line(feed.name)} (id {feed.id}), not checked: "
                  "`sitrep fetch` reads it", file=sys.stderr)
        else:
            count = len(added.checked.entries)
            print(f"sitrep: added feed {one_line(feed.name)} (id {feed.id}): "
                  f"{one_line(added.checked.title or '(untitled)')}, {count} "
                  f"{'entry' if count == 1 else 'entries'}; `sitrep fetch` reads them",
                  file=sys.stderr)
        return EXIT_OK
    if not path.exists():
        raise StoreError(f"{path}: no such store")
    if action == "remove":
        db = open_store(path, on_upgrade=_upgrade_notice(path))
        try:
            for which in args.feeds:
                feed = remove_feed(db, which)
                print(f"sitrep: removed feed {one_line(feed.name)} (id {feed.id}); the "
                      f"articles it brought stay", file=sys.stderr)
        finally:
            db.conn.close()
        return EXIT_OK
    feeds = list_feeds(open_for_reading(path))
    if not feeds:
        print("sitrep: no feeds (add one with `sitrep feeds add URL`)", file=sys.stderr)
        return EXIT_OK
    rows = [("id", "name", "url", "last fetched", "entries", "status")] + [
        (str(f.id), f.name, f.url, _local_time(f.fetched_at) or "never", str(f.entries),
         f.status or "") for f in feeds]
    cells = [[one_line(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]) - 1)]
    for row in cells:
        print("  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]
                        ).rstrip())
    return EXIT_OK


def _local_time(stamp: str | None) -> str | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def cmd_fetch(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        raise StoreError(f"{path}: no such store (add a feed first: `sitrep feeds add URL`)")
    db = open_store(path, on_upgrade=_upgrade_notice(path))
    try:
        while True:
            started = time.monotonic()
            code = _fetch_round(db, args)
            if args.watch is None or code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
                return code
            # Ctrl+C or SIGTERM while waiting ends the command (run_command says so).
            time.sleep(max(started + args.watch - time.monotonic(), 0))
    finally:
        db.conn.close()


def _fetch_round(db: sqlite_utils.Database, args: argparse.Namespace) -> int:
    """Every chosen feed once: a line per feed (one line in all with --watch), each failure
    named. Read afresh each round: feeds added or removed meanwhile are seen."""
    from store.feeds import fetch_feed, find_feed, list_feeds

    feeds = [find_feed(db, which) for which in args.feed] if args.feed else list_feeds(db)
    if not feeds:
        error_line("no feeds to fetch: add one with `sitrep feeds add URL`")
        return EXIT_SOME_FAILED
    rounds: list[FeedRound] = []
    report = IngestReport()
    try:
        for feed in feeds:
            report = IngestReport()
            result = fetch_feed(db, feed, workers=args.workers, report=report)
            rounds.append(result)
            _print_feed_round(result, one_per_round=args.watch is not None)
    except IngestAborted as exc:
        print_file_problems(report)
        error_line(str(exc))
        return EXIT_SOME_FAILED
    except KeyboardInterrupt as exc:
        print_file_problems(report)
        written = sum(r.report.written for r in rounds) + (
            report.written if not rounds or rounds[-1].report is not report else 0)
        how = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
        print(f"sitrep: {how}; {written_before(written)}", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    summary = _fetch_summary(rounds)
    if args.watch is not None:
        summary = f"{datetime.now().strftime('%Y-%m-%d %H:%M:%S')} {summary}"
    print(summary, file=sys.stderr, flush=True)
    return EXIT_OK if all(r.ok for r in rounds) else EXIT_SOME_FAILED


def _print_feed_round(result: FeedRound, one_per_round: bool) -> None:
    name = one_line(result.feed.name)
    if result.warning:
        print(f"sitrep: warning: feed {name}: {one_line(result.warning)}", file=sys.stderr)
    print_file_problems(result.report)
    if result.outcome == "failed":
        error_line(f"feed {result.feed.name} ({result.feed.url}): {result.error}")
    elif not one_per_round:
        print(f"feed {name}: {one_line(result.status())}", file=sys.stderr, flush=True)


def _fetch_summary(rounds: list[FeedRound]) -> str:
    outcomes = [r.outcome for r in rounds]
    new = sum(r.report.written for r in rounds)
    seen = sum(r.seen + r.report.unchanged for r in rounds)
    failed = sum(len(r.report.failed) for r in rounds)
    rows = sum(r.report.rows_added for r in rounds)
    return (f"feeds: {outcomes.count('read')} read, {outcomes.count('not modified')} not "
            f"modified, {outcomes.count('failed')} failed; articles: {new} new, {seen} already "
            f"seen, {failed} failed; rows added: {rows}")


if __name__ == "__main__":
    raise SystemExit(main())
