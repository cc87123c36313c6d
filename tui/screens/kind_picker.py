"""The `t` picker: choose an event kind for the timeline, or any kind."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.query import ReadError, distinct_values
from tui.css import css_beside
from tui.screens.picker import ANY, ListPicker
from tui.text import kind_cell


class KindPicker(ListPicker):
    """Dismisses with a kind, ANY to clear the kind filter, or None on Esc."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current
        self.kinds: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker") as box:
            box.border_title = "Event kind — Enter picks, Esc cancels"
            yield OptionList(id="kind-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            conn = self.app.reader.conn(lambda: worker.is_cancelled)  # type: ignore[attr-defined]
            kinds = distinct_values(conn, "events")
        except ReadError:
            kinds = []
        self.app.call_from_thread(self._set_kinds, kinds)

    def _set_kinds(self, kinds: list[str]) -> None:
        self.kinds = kinds
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option(Text("(any kind)", style="italic"), id=ANY))
        for kind in kinds:
            options.add_option(Option(kind_cell(kind), id=kind))
        options.highlighted = kinds.index(self.current) + 1 if self.current in kinds else 0
