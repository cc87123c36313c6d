"""The `v` screen: save the current filters under a name, and list the saved views to
reopen one (kept in the store: store.views; `sitrep --view NAME` opens one too)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store.db import StoreError
from store.query import Connection, Filters, ReadError
from store.views import SavedView, ViewError, delete_view, list_views, save_view
from tui.css import css_beside
from tui.screens.picker import move_highlight
from tui.text import cut

DESCRIPTION_SHOWN = 200  # characters of a view's filters on its line (it is cut to fit)


class ViewsScreen(ModalScreen[SavedView | None]):
    """Dismisses with the view to open, or None on Esc. Saving and deleting happen here, the
    list shown again after each."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        # priority: the name box has its own ctrl+d (delete right; Delete does that too)
        Binding("ctrl+d", "delete", "Delete view", priority=True),
    ]

    def __init__(self, path: Path, filters: Filters, pane: str | None,
                 connect: Callable[[], Connection]) -> None:
        super().__init__()
        self.path = path
        self.filters = filters
        self.pane = pane
        self.connect = connect  # a read connection to the store (the app's reader)
        self.views: list[SavedView] = []

    def compose(self) -> ComposeResult:
        current = SavedView("", self.filters, self.pane, "").describe()
        with Vertical(id="views-box") as box:
            box.border_title = "Views — type a name, Enter saves · ↑↓ Enter opens · ctrl+d deletes"
            yield Input(placeholder="name to save the current filters as", id="view-name",
                        compact=True)
            yield Static(Text(f"saves: {cut(current, DESCRIPTION_SHOWN)}"), id="view-note")
            yield OptionList(id="view-options")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._refill()

    def _refill(self, highlight: str | None = None) -> None:
        try:
            self.views = list_views(self.connect())
        except ReadError as exc:
            self.views = []
            self._note(f"cannot read the saved views: {exc}", error=True)
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.views:
            options.add_option(Option(Text("(no saved views yet)", style="italic"), id="",
                                      disabled=True))
            return
        for i, view in enumerate(self.views):
            label = Text(cut(view.name, 40), style="bold")
            label.append(f"  {cut(view.describe(), DESCRIPTION_SHOWN)}", style="dim")
            options.add_option(Option(label, id=str(i)))
        names = [v.name.casefold() for v in self.views]
        wanted = highlight.casefold() if highlight else None
        options.highlighted = names.index(wanted) if wanted in names else 0

    def _note(self, text: str, *, error: bool = False) -> None:
        note = self.query_one("#view-note", Static)
        note.update(Text(text))
        note.set_class(error, "-error")

    def _highlighted(self) -> SavedView | None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or not self.views or index >= len(self.views):
            return None
        return self.views[index]

    @on(Input.Submitted, "#view-name")
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:  # nothing typed: Enter opens the highlighted view
            view = self._highlighted()
            if view is not None:
                self.dismiss(view)
            return
        try:
            saved = save_view(self.path, name, self.filters, self.pane)
        except (ViewError, StoreError) as exc:
            self._note(str(exc), error=True)
            return
        event.input.value = ""
        self._refill(highlight=saved.name)
        self._note(f"saved view {saved.name!r}: {saved.describe()}")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(self.views[int(event.option.id)])

    def action_move(self, step: int) -> None:
        move_highlight(self.query_one(OptionList), step)

    def action_delete(self) -> None:
        view = self._highlighted()
        if view is None:
            return
        try:
            delete_view(self.path, view.name)
        except StoreError as exc:
            self._note(str(exc), error=True)
            return
        self._refill()
        self._note(f"deleted view {view.name!r}")

    def action_cancel(self) -> None:
        self.dismiss(None)
