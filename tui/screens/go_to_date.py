"""The `@` prompt: go to a date typed as people write it ("last Tuesday", "March 2025",
"2025-02-17..2025-02-20"); the date window becomes the days it names."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.when import EXAMPLES, DayRange, WhenError, parse_day_range
from tui.css import css_beside


class GoToDate(ModalScreen[DayRange | None]):
    """Dismisses with the days typed, or None on Esc. Text that names no date stays in the
    box, with one line saying what could not be read."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        self.today = today  # None: the day the prompt is answered (tests pass one)

    def compose(self) -> ComposeResult:
        with Vertical(id="date-box") as box:
            box.border_title = "Go to date — Enter goes, Esc cancels"
            yield Input(placeholder="last Tuesday, 3 weeks ago, March 2025, A..B",
                        id="date-query", compact=True)
            yield Static(f"e.g. {EXAMPLES}", id="date-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#date-query")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            days = parse_day_range(event.value, self.today or dt.date.today())
        except WhenError as exc:
            note = self.query_one("#date-note", Static)
            note.update(str(exc))
            note.add_class("-error")
            return
        self.dismiss(days)

    @on(Input.Changed, "#date-query")
    def _changed(self) -> None:
        self.query_one("#date-note", Static).remove_class("-error")

    def action_cancel(self) -> None:
        self.dismiss(None)
