"""The `e` prompt: export the current view as CSV (c) or JSON (j)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.css import css_beside


class ExportScreen(ModalScreen[str | None]):
    """Dismisses with "csv", "json", or None on Esc."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding("c", "choose('csv')", "CSV"),
        Binding("j", "choose('json')", "JSON"),
        Binding("escape", "choose('')", "Cancel"),
    ]

    def __init__(self, what: Text) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        body = Text()
        body.append("Export ", style="bold")
        body.append_text(self.what)
        body.append("\n\n")
        body.append("c", style="bold reverse")
        body.append(" CSV    ")
        body.append("j", style="bold reverse")
        body.append(" JSON    ")
        body.append("Esc", style="bold reverse")
        body.append(" cancel")
        box = Static(body, id="export-box")
        box.border_title = "Export"
        yield box

    def action_choose(self, fmt: str) -> None:
        self.dismiss(fmt or None)
