"""The `o` picker: a map of Ukraine's oblasts with the timeline's events in each, and a list to
choose one from (the timeline and the metrics then show that oblast only), or any oblast."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.extract.oblasts import oblast_names
from store.query import Filters, ReadError, oblast_counts
from tui.css import css_beside
from tui.oblast_map import oblast_map
from tui.screens.picker import ANY, ListPicker


class OblastPicker(ListPicker):
    """Dismisses with an oblast, ANY to clear the oblast filter, or None on Esc."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, filters: Filters) -> None:
        super().__init__()
        self.filters = filters
        self.events: dict[str, int] = {}
        self.metrics: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker") as box:
            box.border_title = "Oblast — events on the map; Enter picks, Esc cancels"
            yield Static(oblast_map({}, self.filters.oblast), id="oblast-map")
            yield OptionList(id="oblast-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._fill()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            conn = self.app.reader.conn(lambda: worker.is_cancelled)  # type: ignore[attr-defined]
            events = oblast_counts(conn, "events", self.filters)
            metrics = oblast_counts(conn, "metrics", self.filters)
        except ReadError:
            events, metrics = {}, {}
        self.app.call_from_thread(self._set_counts, events, metrics)

    def _set_counts(self, events: dict[str, int], metrics: dict[str, int]) -> None:
        self.events, self.metrics = events, metrics
        self.query_one("#oblast-map", Static).update(oblast_map(events, self.filters.oblast))
        self._fill()

    def _fill(self) -> None:
        """Oblasts with the most events and metrics first, then the rest west to east."""
        names = sorted(oblast_names(),
                       key=lambda n: -(self.events.get(n, 0) + self.metrics.get(n, 0)))
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option(Text("(any oblast)", style="italic"), id=ANY))
        for name in names:
            label = Text(f"{name:<30}")
            label.append(f"{self.events.get(name, 0):>6,} events "
                         f"{self.metrics.get(name, 0):>6,} metrics", style="dim")
            options.add_option(Option(label, id=name))
        current = self.filters.oblast
        options.highlighted = names.index(current) + 1 if current in names else 0
