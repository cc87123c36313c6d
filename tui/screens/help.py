"""The `?` screen: every key, what it does (lines made from the table of actions, tui.actions,
with the user's keymap applied)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.css import css_beside

# Characters of the keys and of their description that fit one line of the help at 80 columns
# (the box is 76 wide: border, padding, two between the columns).
HELP_KEY_WIDTH, HELP_TEXT_WIDTH = 13, 56


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close help"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            table.add_row(Text(key), Text(description))
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys — Esc closes"
            yield Static(table, id="help-table")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=step, animate=False)

    def text(self) -> str:
        return "\n".join(f"{k} {d}" for k, d in self.keys)
