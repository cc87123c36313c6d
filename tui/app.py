"""The sitrep dashboard: four panes over the store, one set of filters, all reads in workers."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shlex
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.timer import Timer
from textual.worker import get_current_worker

from store.db import describe_os_error, describe_sqlite_error
from store.export import atomic_text_file
from store.query import (
    Actor,
    EventRow,
    Filters,
    Reader,
    ReadError,
    StoreWatch,
    export_view,
    has_articles,
    latest_date,
)
from store.sanitize import printable
from store.views import SavedView
from store.when import DayRange
from tui import actions
from tui.actions import ACTION_SCOPES, ACTIONS, APP, SEARCH, Action, KeyTable, load_keymap
from tui.commands import SitrepCommands
from tui.idle_gc import IdleCollector
from tui.messages import (
    EventHighlighted,
    FiltersChanged,
    SearchCancelled,
    SearchChanged,
    SearchSubmitted,
    SourceRequested,
)
from tui.panes.base import Pane
from tui.panes.metrics import MetricsPane
from tui.panes.source import SourcePane
from tui.panes.statements import StatementsPane
from tui.panes.timeline import TimelinePane
from tui.screens.actor_picker import ANY as ANY_ACTOR
from tui.screens.actor_picker import ActorPicker
from tui.screens.export import ExportScreen
from tui.screens.go_to_date import GoToDate
from tui.screens.help import HelpScreen
from tui.screens.kind_picker import ANY as ANY_KIND
from tui.screens.kind_picker import KindPicker
from tui.screens.oblast_picker import ANY as ANY_OBLAST
from tui.screens.oblast_picker import OblastPicker
from tui.screens.topic_picker import ANY as ANY_TOPIC
from tui.screens.topic_picker import TopicPicker
from tui.screens.views import ViewsScreen
from tui.text import cut
from tui.watchdog import ExitWatchdog
from tui.widgets.filter_bar import FilterBar
from tui.widgets.key_footer import KeyFooter
from tui.widgets.paged_table import PagedTable
from tui.widgets.pane_tabs import PaneTabs
from tui.widgets.search_bar import SearchBar

PANES = ("timeline", "statements", "metrics", "source")
TABLE_OF = {"timeline": "events", "statements": "statements", "metrics": "metrics"}
SEARCH_DEBOUNCE = 0.03  # seconds: keys closer than this (a paste) make one search
NEAR_DEBOUNCE = 0.2  # seconds the timeline cursor rests before statements follow its date
WATCH_INTERVAL = 2.0  # seconds between cheap checks for rows another process wrote
NARROW_WIDTH = 100  # below this, one column of panes at a time
CHROME_INTERVAL = 0.25  # seconds between looks at the panes' counts for the tab line


def month_window(day: str, step: int) -> tuple[str, str]:
    """The calendar month `step` months from the one holding `day`: (first day, last day)."""
    d = dt.date.fromisoformat(day[:10])
    # held inside the calendar: an article may name 0001-01-01 or 9999-12-31, and [ ] { }
    # from there must stop at the edge, not step into year 0 or 10000
    lowest, highest = dt.MINYEAR * 12, dt.MAXYEAR * 12 + 11
    index = min(highest, max(lowest, d.year * 12 + (d.month - 1) + step))
    year, month = divmod(index, 12)
    first = dt.date(year, month + 1, 1)
    if index == highest:
        return first.isoformat(), dt.date.max.isoformat()
    nxt = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()


def empty_store_notes(path: Path) -> tuple[Text, Text]:
    """What the panes of a store with no articles say: one line for the tables, a few for the
    source pane. The commands name this store, so they can be pasted as they are."""
    store = printable(shlex.quote(str(path)))
    ingest = f"sitrep ingest PATH|URL --db {store}"
    line = Text("No articles yet. Add some: ", style="dim")
    line.append(ingest, style="bold")
    lines = Text(f"This store ({printable(str(path))}) has no articles yet.\n\n"
                 "Add some from a shell; they show here within seconds:\n\n", style="dim")
    lines.append(f"  {ingest}\n", style="bold")
    lines.append(f"  sitrep --samples --db {store}", style="bold")
    lines.append("   (the bundled sample articles)", style="dim")
    return line, lines


def exports_dir() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "sitrep" / "exports"


class SitrepApp(App[int]):
    """Timeline, statements, metrics and source over one store; the app owns the filters."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # also for subclasses elsewhere (tests)
    TITLE = "sitrep"
    COMMANDS = App.COMMANDS | {SitrepCommands}
    # Every key from the one table of actions (tui.actions), each with its id, so that the
    # user's keymap (~/.config/sitrep/config.toml) rebinds it through Textual's set_keymap.
    BINDINGS = actions.bindings()

    filters: reactive[Filters] = reactive(Filters(), init=False)

    def __init__(self, path: str | Path, *, exit_on_signals: bool = False,
                 oblast: str | None = None, filters: Filters | None = None,
                 pane: str | None = None, keymap: dict[str, str] | None = None) -> None:
        """`exit_on_signals`: the CLI's run (run_app), never a test's. SIGTERM (`kill`, a
        process manager) and SIGHUP (the terminal closing) exit through Textual, which puts
        the terminal back, instead of ending the process on the spot in the alternate screen
        with mouse reporting on; and whatever stalls that exit, the process still ends
        (tui.watchdog).

        `keymap`: action id -> keys; by default the user's, from config.toml (a file that
        cannot be used is named in one line, `keymap_error`, and the default keys are used)."""
        super().__init__()
        if keymap is None:
            keymap, self.keymap_error = load_keymap()
        else:
            self.keymap_error = None
        self.keys = KeyTable(keymap)
        self._from_palette = False
        self.set_keymap(keymap)
        if oblast:  # `sitrep --oblast NAME`: the panes open on it (on_mount applies filters)
            self.set_reactive(SitrepApp.filters, Filters(oblast=oblast))
        if filters is not None:  # `sitrep --actor ... --view ...` (tui.cli.opening_view)
            self.set_reactive(SitrepApp.filters, filters)
        self._start_pane = pane if pane in PANES else "timeline"
        self._exit_loop: asyncio.AbstractEventLoop | None = None
        self.watchdog: ExitWatchdog | None = None
        if exit_on_signals:
            self.watchdog = ExitWatchdog(self._exit_from_outside)
            self.watchdog.install()
        self.path = Path(path)
        self.reader = Reader(self.path)
        self.last_export: Path | None = None
        self.highlighted_event: EventRow | None = None
        self.link_dates = False  # statements follow the timeline's date (L): off by default
        self.store_changed = False
        self.store_empty = False  # no articles (the panes say how to add some)
        self._latest: str | None = None
        self._search_timer: Timer | None = None
        self._near_timer: Timer | None = None
        self._pending_near: str | None = None
        self._pending_search: str | None = None
        self._before_search: str = "timeline"
        self._last_table_pane = "timeline"
        self._baseline: tuple[int, int] | None = None
        self._watch = StoreWatch(self.path)
        self._collector = IdleCollector(self)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        yield SearchBar(id="search-bar")
        yield PaneTabs(id="pane-tabs")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield TimelinePane(id="timeline")
                yield StatementsPane(id="statements")
            with Vertical(id="right"):
                yield MetricsPane(id="metrics")
                yield SourcePane(id="source")
        yield KeyFooter(id="key-footer")

    def on_mount(self) -> None:
        self.query_one(FilterBar).show(self.filters)
        self._fit_layout()
        for pane in self.panes():
            pane.apply_filters(self.filters, force=True)
        self.pane(self._start_pane).focus_main()
        self._load_latest()
        self._check_empty()
        self._check_store()
        self.set_interval(WATCH_INTERVAL, self._check_store)
        self.call_after_refresh(self._collector.start)  # once the first screen is composed
        self._exit_loop = asyncio.get_running_loop()
        self._show_chrome()
        # The panes' counts arrive from their workers: the tab line looks at them a few times
        # a second (repainting only when one changed).
        self.set_interval(CHROME_INTERVAL, self._show_chrome)
        if self.keymap_error:
            self.notify(self.keymap_error, severity="error", markup=False, timeout=15)

    def _exit_from_outside(self, code: int) -> None:
        """Ask for a clean exit from a signal handler or another thread."""
        loop = self._exit_loop
        if loop is None:
            raise RuntimeError("the app is not running")  # the watchdog ends the process
        loop.call_soon_threadsafe(self.exit, None, code)

    async def _shutdown(self) -> None:
        # Every exit, whatever started it, passes here; the stall seen under a dead terminal
        # (issue 11) is in its first step, driver.disable_input.
        if self.watchdog is not None:
            self.watchdog.arm(self.return_code or 0)
        await super()._shutdown()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseEvent, events.Paste)):
            self._collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._collector.stop()
        self.reader.close()
        self._watch.close()

    def panes(self) -> list[Pane]:
        return [self.pane(name) for name in PANES]

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#{name}", Pane)

    def current_pane(self) -> str | None:
        focused = self.focused
        for name in PANES:
            pane = self.pane(name)
            if focused is not None and (focused is pane or pane in focused.ancestors):
                return name
        return None

    # -- filters ------------------------------------------------------------------------------

    def watch_filters(self, filters: Filters) -> None:
        self.query_one(FilterBar).show(filters)
        for pane in self.panes():
            pane.post_message(FiltersChanged(filters))

    @on(FiltersChanged)
    def _never_bubbles(self, message: FiltersChanged) -> None:  # pragma: no cover
        message.stop()

    def action_reset(self) -> None:
        search = self.query_one(SearchBar)
        if search.is_open:
            search.close()
        self.filters = Filters()

    def action_window(self, step: int) -> None:
        f = self.filters
        if f.date_from:
            start, end = month_window(f.date_from, step)
        else:
            event = self.highlighted_event
            anchor = (event.sort_date if event else None) or self._latest
            anchor = anchor or dt.date.today().isoformat()
            start, end = month_window(anchor, 0)
        self.filters = replace(f, date_from=start, date_to=end, near=None)

    @work(thread=True, group="latest", exit_on_error=False)
    def _load_latest(self) -> None:
        try:
            self._latest = latest_date(self.reader.conn())
        except ReadError:
            pass

    @work(thread=True, exclusive=True, group="empty", exit_on_error=False)
    def _check_empty(self) -> None:
        try:
            empty = not has_articles(self.reader.conn())
        except ReadError:
            return  # the panes say what is wrong with the store
        self.call_from_thread(self._show_empty_store, empty)

    def _show_empty_store(self, empty: bool) -> None:
        self.store_empty = empty
        table_note, source_note = empty_store_notes(self.path) if empty else (None, None)
        for pane in self.panes():
            pane.show_empty_store(source_note if isinstance(pane, SourcePane) else table_note)

    # -- search -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The app's keys are priority bindings (tui.actions.bindings: keys typed fast are
        # handled in the order they came), so they act only on the main screen and outside
        # the search box; in pickers and in the box itself they are text. A pane's keys act
        # only in that pane; the box's Enter and Esc only in the box.
        # screen.focused, not has_focus: that follows a Focus event the box may not have
        # handled yet when keys arrive in a burst.
        # Textual asks this for every binding whenever the bindings refresh: kept cheap.
        scopes = ACTION_SCOPES.get(action)
        if scopes is None:
            return True  # not one of ours (Textual's own, the palette's)
        if not self._can_run(action):
            return False  # an action another branch brings, not merged here yet
        if action == "next_pane":
            return True  # also moves between a modal's widgets (action_next_pane)
        main = self.screen is self.screen_stack[0]
        in_box = main and self.screen.focused is self.query_one(SearchBar)
        if SEARCH in scopes:
            return in_box
        if not main or in_box:
            return False
        # From the palette, a pane's action goes to its pane from anywhere (split_metrics).
        return APP in scopes or self._from_palette or self.current_pane() in scopes

    async def run_palette_action(self, action: Action) -> None:
        """Run an action chosen in the command palette."""
        self._from_palette = True
        try:
            await self.run_action(action.action)
        finally:
            self._from_palette = False

    def _can_run(self, name: str) -> bool:
        """Whether the app (or, for copy_citation, a pane) has what the action runs."""
        if name == "copy_citation":
            return any(hasattr(pane, "action_copy_citation") for pane in self.panes())
        return hasattr(self, f"action_{name}")

    def available_actions(self) -> list[Action]:
        """The table's actions this build of the app can run, in the table's order."""
        return [a for a in ACTIONS
                if not a.bound or self._can_run(a.action.split("(", 1)[0])]

    def action_leave_search(self, keep: bool) -> None:
        bar = self.query_one(SearchBar)
        self.pane(self._before_search).focus_main()
        bar.finish(keep=keep)

    def action_search(self) -> None:
        self._before_search = self.current_pane() or self._before_search
        self.query_one(SearchBar).open(self.filters.search)

    @on(SearchChanged)
    def _search_changed(self, message: SearchChanged) -> None:
        self._pending_search = message.text
        if self._search_timer is None:
            # A keystroke after a pause searches at once; the ones that follow it within
            # SEARCH_DEBOUNCE (pasted text, keys queued over SSH) make one search at its end.
            self._apply_search()
            self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self._search_pause)

    def _search_pause(self) -> None:
        self._search_timer = None
        if self._pending_search is not None:
            self._apply_search()
            self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self._search_pause)

    def _apply_search(self) -> None:
        if self._pending_search is not None:
            text, self._pending_search = self._pending_search, None
            if text != self.filters.search:
                self.filters = replace(self.filters, search=text, near=None)

    @on(SearchSubmitted)
    def _search_submitted(self, message: SearchSubmitted) -> None:
        self._pending_search = message.text
        self._apply_search()
        self._close_search_bar()

    @on(SearchCancelled)
    def _search_cancelled(self) -> None:
        self._pending_search = None
        self.filters = replace(self.filters, search="")
        self._close_search_bar()

    def _close_search_bar(self) -> None:
        bar = self.query_one(SearchBar)
        if self.screen.focused is bar:  # else it has moved on (Enter, Esc, typed-ahead keys)
            self.pane(self._before_search).focus_main()
        bar.close()

    def action_clear_search(self) -> None:
        if self.filters.search:
            self.filters = replace(self.filters, search="")

    def action_step_back(self) -> None:
        """Esc: one step back. Pickers, prompts and the help close on their own Esc; from the
        source pane back to the pane it was opened from; elsewhere the search is cleared."""
        if self.current_pane() == "source":
            self.pane(self._last_table_pane).focus_main()
            return
        self.action_clear_search()

    # -- pickers ------------------------------------------------------------------------------

    def action_pick_actor(self) -> None:
        def chosen(actor: Actor | str | None) -> None:
            if actor is None:
                return
            if actor == ANY_ACTOR:
                self.filters = replace(self.filters, actor_id=None, actor_name=None)
            elif isinstance(actor, Actor):
                self.filters = replace(self.filters, actor_id=actor.id, actor_name=actor.name,
                                       near=None)

        self.push_screen(ActorPicker(), chosen)

    def action_pick_kind(self) -> None:
        def chosen(kind: str | None) -> None:
            if kind is None:
                return
            self.filters = replace(self.filters, kind=None if kind == ANY_KIND else kind,
                                   near=None)

        self.push_screen(KindPicker(self.filters.kind), chosen)

    def action_pick_oblast(self) -> None:
        def chosen(oblast: str | None) -> None:
            if oblast is None:
                return
            self.filters = replace(self.filters, oblast=None if oblast == ANY_OBLAST else oblast)

        self.push_screen(OblastPicker(self.filters), chosen)

    def action_go_to_date(self) -> None:
        """`@`: the date window becomes the days typed ("last Tuesday", "March 2025")."""
        def chosen(days: DayRange | None) -> None:
            if days is not None:
                self.filters = replace(self.filters, date_from=days.start,
                                       date_to=days.end, near=None)

        self.push_screen(GoToDate(), chosen)

    def action_views(self) -> None:
        """`v`: save the filters under a name, or reopen a saved view."""
        pane = self.current_pane() or self._last_table_pane

        def chosen(view: SavedView | None) -> None:
            if view is not None:
                self.filters = view.filters
                self.pane(view.pane or pane).focus_main()

        self.push_screen(ViewsScreen(self.path, self.filters, pane, self.reader.conn), chosen)

    def action_toggle_direct(self) -> None:
        self.filters = replace(self.filters, direct_only=not self.filters.direct_only)

    def action_pick_topic(self) -> None:
        def chosen(topic: str | None) -> None:
            if topic is not None:
                self.filters = replace(self.filters, topic=None if topic == ANY_TOPIC else topic)

        self.push_screen(TopicPicker(self.filters.topic), chosen)

    # -- panes talking --------------------------------------------------------------------------

    @on(EventHighlighted)
    def _event_highlighted(self, message: EventHighlighted) -> None:
        self.highlighted_event = message.event
        if message.by_user and self.link_dates:
            # Statements follow once the cursor rests: paging through the timeline does not
            # reload them for every row it passes.
            self._pending_near = message.event.date[:10] if message.event.date else None
            if self._near_timer is not None:
                self._near_timer.stop()
            self._near_timer = self.set_timer(NEAR_DEBOUNCE, self._apply_near)

    def _apply_near(self) -> None:
        self._near_timer = None
        event = self.highlighted_event
        near = self._pending_near
        if event is None or near != (event.date[:10] if event.date else None):
            return  # the highlight moved on without the user (a reload): nothing to follow
        if near != self.filters.near:
            self.filters = replace(self.filters, near=near)

    @on(SourceRequested)
    def _source_requested(self, message: SourceRequested) -> None:
        source = self.pane("source")
        assert isinstance(source, SourcePane)
        source.show(message.article_id, message.span_start, message.span_end, message.evidence,
                    message.rule, row=message.row)
        source.focus_main()

    def on_descendant_focus(self) -> None:
        if self._near_timer is not None:  # leaving the timeline: statements follow it now
            self._near_timer.stop()
            self._apply_near()
        name = self.current_pane()
        if name in TABLE_OF:
            self._last_table_pane = name
        if name is not None:
            # On narrow terminals only one column shows: the one holding the focus.
            self.query_one("#panes").set_class(name in ("metrics", "source"), "-right")
        self._show_chrome()

    def on_resize(self, event: events.Resize) -> None:
        # The event's size: this handler runs before App._on_resize has stored it in
        # self.size, which then still holds the size before (the layout lagged one behind).
        self._fit_layout(event.size.width)

    def _fit_layout(self, width: int | None = None) -> None:
        narrow = (self.size.width if width is None else width) < NARROW_WIDTH
        self.query_one("#panes").set_class(narrow, "-narrow")
        self._show_chrome(width)

    # -- the tab line and the footer ---------------------------------------------------------------

    def tab_counts(self) -> list[tuple[str, str]]:
        """(pane name, its row count as shown) for the tab line; "" while not known."""
        tabs: list[tuple[str, str]] = []
        for name in PANES:
            count = ""
            pane = self.pane(name)
            if name in TABLE_OF:
                total = getattr(pane.query_one(PagedTable), "total", None)
                count = str(total) if total is not None else "…"
            tabs.append((name, count))
        return tabs

    def _show_chrome(self, width: int | None = None) -> None:
        """The tab line and the footer, for the pane with the focus now."""
        try:
            tabs = self.query_one(PaneTabs)
            footer = self.query_one(KeyFooter)
        except NoMatches:  # not composed yet, or being torn down
            return
        name = self.current_pane()
        if name is None and self.screen is self.screen_stack[0]:
            name = self._before_search if self.query_one(SearchBar).is_open else None
        tabs.show(self.tab_counts(), name)
        bar = self.query_one(SearchBar)
        focused = self.focused
        if focused is not None and (focused is bar or bar in focused.ancestors):
            footer.show(self.keys.search_items())  # Enter and Esc are the box's own keys here
            return
        room = (self.size.width if width is None else width) - 2  # the footer's padding
        footer.show(self.keys.footer_items(self.available_actions(), name, room))

    def action_focus_pane(self, name: str) -> None:
        self.pane(name).focus_main()

    def action_next_pane(self, step: int) -> None:
        if self.screen is not self.screen_stack[0]:
            # A modal is open: keep Tab for its own widgets.
            self.screen.focus_next() if step > 0 else self.screen.focus_previous()
            return
        current = self.current_pane() or self._before_search
        i = PANES.index(current) if current in PANES else 0
        self.pane(PANES[(i + step) % len(PANES)]).focus_main()

    # -- help, export, copy ---------------------------------------------------------------------

    def help_keys(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the help screen, from the table with the keymap applied."""
        return self.keys.help_lines(self.available_actions())

    def action_split_metrics(self) -> None:
        """The palette's way to the metrics pane's `c`: split its chart, and show it."""
        pane = self.query_one(MetricsPane)
        pane.focus_main()
        pane.step_split()

    def action_metric_kind(self, step: int) -> None:
        """The metrics pane's ← →, for a key a user keymap gave them."""
        self.query_one(MetricsPane).step_kind(step)

    def action_metric_buckets(self) -> None:
        """The palette's way to the metrics pane's `b`: the next bucket, shown."""
        pane = self.query_one(MetricsPane)
        pane.focus_main()
        pane.step_bucket()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_keys()))

    def _export_target(self) -> str:
        name = self.current_pane()
        return name if name in TABLE_OF else self._last_table_pane

    def action_export(self) -> None:
        name = self._export_target()
        pane = self.pane(name)
        what = Text(f"{TABLE_OF[name]} ({pane.TITLE[2:].lower()} pane)")
        if isinstance(pane, MetricsPane) and pane.kind:
            what.append(f", kind {cut(pane.kind)}")
        for label, value in pane.filters.describe():
            what.append(f", {label} ")
            what.append(cut(value), style="bold")

        def chosen(fmt: str | None) -> None:
            if fmt:
                self._export(name, fmt)

        self.push_screen(ExportScreen(what), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, name: str, fmt: str) -> None:
        pane = self.pane(name)
        table = TABLE_OF[name]
        extra = pane.kind if isinstance(pane, MetricsPane) else None
        folder = exports_dir()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"sitrep-{table}-{stamp}.{fmt}"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"sitrep-{table}-{stamp}-{n}.{fmt}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Whole or not at all: an export cut by a full disk or by the dashboard's exit
            # never leaves a truncated file that looks like a complete one.
            with atomic_text_file(path) as out:
                count = export_view(self.reader.conn(), table, pane.filters, fmt, out,
                                    extra=extra)
        except OSError as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc.filename or path}: "
                                  f"{describe_os_error(exc)}", severity="error", markup=False)
            return
        except ReadError as exc:
            self.call_from_thread(self.notify, f"Export failed: {describe_sqlite_error(exc)}",
                                  severity="error", markup=False)
            return
        self.last_export = path
        self.call_from_thread(
            self.notify, f"Exported {count:,} {table} rows to {path}", title="Export",
            markup=False, timeout=10,
        )

    def _copy_pane(self) -> Pane:
        return self.pane(self.current_pane() or self._last_table_pane)

    def action_copy(self) -> None:
        """`y`: the focused pane's row cited as plain text (OSC 52)."""
        self._copy_pane().action_copy()

    def action_copy_citation(self) -> None:
        """`Y`: the focused pane's row cited as Markdown, its source a link (OSC 52)."""
        self._copy_pane().action_copy_citation()

    def action_toggle_link_dates(self) -> None:
        """Link statements to the timeline's date (the highlighted event's, ±NEAR_DAYS) or
        unlink them: a mode shown on the filter line, never a side effect of the cursor."""
        self.link_dates = not self.link_dates
        self.query_one(FilterBar).show_link(self.link_dates)
        event = self.highlighted_event
        near = event.date[:10] if self.link_dates and event and event.date else None
        if self._near_timer is not None:
            self._near_timer.stop()
            self._near_timer = None
        self.filters = replace(self.filters, near=near)

    # -- the store changing under us --------------------------------------------------------------

    def action_refresh(self) -> None:
        self.store_changed = False
        self._baseline = None
        self.query_one(FilterBar).show(self.filters, notice="")
        for pane in self.panes():
            pane.apply_filters(self.filters, force=True)
        self._load_latest()
        self._check_empty()
        self._check_store()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _check_store(self) -> None:
        worker = get_current_worker()
        version = self._watch.version()
        if version is None or worker.is_cancelled:
            return
        if worker.is_cancelled:
            return
        if self._baseline is None:
            self._baseline = version
        elif version != self._baseline and not self.store_changed:
            self.call_from_thread(self._store_changed)

    def _store_changed(self) -> None:
        if self.store_empty:  # nothing on screen to keep: show the first articles at once
            self.action_refresh()
            return
        self.store_changed = True
        self.query_one(FilterBar).show(self.filters, notice="new rows — press ctrl+r")


def run_app(path: Path, *, oblast: str | None = None, filters: Filters | None = None,
            pane: str | None = None) -> int:
    app = SitrepApp(path, exit_on_signals=True, oblast=oblast, filters=filters, pane=pane)
    result = app.run()
    if app.watchdog is not None:
        app.watchdog.terminal_restored = True
    return int(result or app.return_code or 0)
