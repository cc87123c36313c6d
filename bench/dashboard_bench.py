"""The dashboard on a big store, measured inside the real app with Textual's test harness.

Run as its own process (`python bench/dashboard_bench.py STORE`) so that peak resident memory
is the app's alone, not the generator's or the ingest benchmark's; it prints one JSON object.

What is timed, each until the screen has been repainted with the result:

* first screen: from constructing the app to every table holding its first page of rows, with
  its count from the store, and the metrics pane its chart and total;
* search: from the last keystroke of a word typed into the search box (`/`) to every table
  showing the first page of rows for that word (their counts, which may finish later, are
  timed separately as "search with counts");
* PgDn: from the key to the focused table's cursor resting a page further down with no page
  fetch in flight (the window is refilled as the cursor nears its edge);
* G: from the key to the table showing the last row of the whole store (median of 3).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.search_bench import SEARCH_WORDS, percentile

SCREEN_SIZE = (120, 40)
TABLE_IDS = {"timeline": "timeline-table", "statements": "statements-table",
             "metrics": "metrics-table"}
PANE_KEYS = {"timeline": "1", "statements": "2", "metrics": "3"}
TIMEOUT_S = 60.0
END_REPEATS = 3  # G is timed this many times per table (from the top each time); median kept


_TABLES: dict[str, Any] = {}  # for the timeout message


def _rows(table: Any) -> list[Any]:
    """The rows the table holds (its window onto the store)."""
    return table.window if hasattr(table, "window") else table.rows


def _start(table: Any) -> int:
    """Absolute index of the window's first row (0 when not known)."""
    return (table.start if hasattr(table, "start") else table.offset) or 0


def _describe(table: Any) -> str:
    return (f"search={table.filters.search!r} loaded={table.loaded} fetching={table._fetching} "
            f"rows={len(_rows(table))} shown={table.row_count} total={table.total}")


async def _until(condition: Callable[[], bool], timeout: float = TIMEOUT_S) -> None:
    """Yield to the app until `condition` holds (polled every millisecond)."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            state = "; ".join(f"{name}: {_describe(t)}" for name, t in _TABLES.items())
            raise TimeoutError(f"the dashboard did not settle within {timeout:.0f} s ({state})")
        await asyncio.sleep(0.001)


def _send_key(app: Any, key: str) -> None:
    """Deliver one key press as the terminal driver would.

    Not `pilot.press`: that also waits for the whole process to go idle (at least 40 ms of
    polling CPU time), which would be timed along with the app's work.
    """
    from textual import events

    char = {"slash": "/"}.get(key, key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _painted(pilot: Any) -> None:
    # Every message queued so far is handled, then the screen is composited and written
    # (to the headless driver): what the user would see now has been drawn.
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()


def _settled(table: Any) -> bool:
    return bool(table.loaded and not table._fetching and table.row_count == len(_rows(table)))


async def measure(store: Path, words: tuple[str, ...], pgdn_presses: int) -> dict[str, Any]:
    imports_started = time.perf_counter()
    from tui.app import SitrepApp
    from tui.widgets.paged_table import PagedTable

    import_s = time.perf_counter() - imports_started
    figures: dict[str, Any] = {"import_s": import_s}
    launched = time.perf_counter()
    app = SitrepApp(store)
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        tables = {name: app.query_one(f"#{wid}", PagedTable) for name, wid in TABLE_IDS.items()}
        metrics_pane = app.query_one("#metrics")
        _TABLES.update(tables)

        def full_screen() -> bool:
            return all(_settled(t) and t.total is not None and _rows(t) for t in tables.values()) \
                and getattr(metrics_pane, "total", True) is not None

        await _until(full_screen)
        await _painted(pilot)
        figures["first_screen_s"] = time.perf_counter() - launched
        figures["totals"] = {name: t.total.value for name, t in tables.items()}

        figures.update(await _search(pilot, tables, words))
        figures.update(await _paging(pilot, tables, pgdn_presses))
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    On Linux, VmHWM of /proc/self/status: getrusage's ru_maxrss survives fork and exec, so
    in a process started by the benchmark runner it would report the runner's own peak
    (articles, dateparser and the ingest pool: 185-211 MB where the app itself held 80-105).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _search(pilot: Any, tables: dict[str, Any], words: tuple[str, ...]) -> dict[str, Any]:
    app = pilot.app
    rows_ms: list[float] = []
    counts_ms: list[float] = []
    per_word: dict[str, float] = {}
    for word in words:
        await pilot.press("slash")
        await pilot.press(*word[:-1])
        # Let the prefix's own search finish, so the timing is the last keystroke's alone.
        await _until(lambda w=word[:-1]: all(  # type: ignore[misc]
            t.filters.search == w and _settled(t) and t.total is not None
            for t in tables.values()))
        await _painted(pilot)
        before = {name: _rows(t) for name, t in tables.items()}
        started = time.perf_counter()
        _send_key(app, word[-1])

        def shown(w: str = word, old: dict[str, Any] = before) -> bool:
            return all(t.filters.search == w and _settled(t) and _rows(t) is not old[name]
                       for name, t in tables.items())

        await _until(shown)
        await _painted(pilot)
        rows_ms.append((time.perf_counter() - started) * 1000)
        per_word[word] = rows_ms[-1]
        await _until(lambda: all(t.total is not None for t in tables.values()))
        await _painted(pilot)
        counts_ms.append((time.perf_counter() - started) * 1000)
        # Esc in the box clears the search and closes it; wait for the full tables again.
        await pilot.press("escape")
        await _until(lambda: all(t.filters.search == "" and _settled(t) and t.total is not None
                                 for t in tables.values()))
        await _painted(pilot)
    return {
        "search_p95_ms": percentile(rows_ms, 95),
        "search_median_ms": statistics.median(rows_ms),
        "search_with_counts_p95_ms": percentile(counts_ms, 95),
        "search_ms_by_word": per_word,
    }


async def _paging(pilot: Any, tables: dict[str, Any], presses: int) -> dict[str, Any]:
    pgdn: dict[str, list[float]] = {}
    end: dict[str, float] = {}
    for name, table in tables.items():
        await pilot.press(PANE_KEYS[name])
        await _until(lambda t=table: t.has_focus and _settled(t))  # type: ignore[misc]
        await _painted(pilot)
        pgdn[name] = []
        for _ in range(presses):
            row_before = table.cursor_row + _start(table)
            started = time.perf_counter()
            _send_key(pilot.app, "pagedown")
            await _until(lambda t=table, r=row_before:  # type: ignore[misc]
                         _settled(t) and t.cursor_row + _start(t) > r)
            await _painted(pilot)
            pgdn[name].append((time.perf_counter() - started) * 1000)
        ends: list[float] = []
        for _ in range(END_REPEATS):
            started = time.perf_counter()
            _send_key(pilot.app, "G")
            await _until(lambda t=table: _settled(t) and not t.more_after  # type: ignore[misc]
                         and t.cursor_row == len(_rows(t)) - 1)
            await _painted(pilot)
            ends.append((time.perf_counter() - started) * 1000)
            await pilot.press("g")
            await _until(lambda t=table: _settled(t) and not t.more_before)  # type: ignore[misc]
            await _painted(pilot)
        end[name] = statistics.median(ends)
    all_pgdn = [ms for times in pgdn.values() for ms in times]
    return {
        "pgdn_ms": percentile(all_pgdn, 95),
        "pgdn_p95_ms_by_table": {name: percentile(times, 95) for name, times in pgdn.items()},
        "end_ms": max(end.values()),
        "end_ms_by_table": end,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the dashboard on a store.")
    parser.add_argument("store", type=Path)
    parser.add_argument("--words", type=int, default=len(SEARCH_WORDS),
                        help="how many search words to time")
    parser.add_argument("--pgdn", type=int, default=10, help="PgDn presses per table")
    args = parser.parse_args(argv)
    figures = asyncio.run(measure(args.store, SEARCH_WORDS[: args.words], args.pgdn))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
