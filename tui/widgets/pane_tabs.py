"""The tab line: every pane by number and name, with its row count, the focused one marked.

Marked in brackets as well as in colour, so it shows under NO_COLOR and on a monochrome
terminal too; and on one line above the panes, so the panes a one-column layout hides are
still named (and their keys, 1–4, said).
"""

from __future__ import annotations

from rich.text import Text

from tui.widgets.text_line import TextLine


class PaneTabs(TextLine):
    DEFAULT_CSS = """
    PaneTabs { height: 1; width: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs: list[tuple[str, str]] = []  # (pane name, its count or "")
        self.focused_pane: str | None = None

    def show(self, tabs: list[tuple[str, str]], focused: str | None) -> None:
        if tabs == self.tabs and focused == self.focused_pane:
            return  # polled: repaint only what changed
        self.tabs, self.focused_pane = tabs, focused
        self.set_text(self.as_text())

    def as_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (name, count) in enumerate(self.tabs, start=1):
            if number > 1:
                text.append(" ")
            label = f"{number} {name}" + (f" {count}" if count else "")
            if name == self.focused_pane:
                text.append(f"[{label}]", style="bold reverse")
            else:
                text.append(f" {label} ", style="dim" if not count else "")
        return text

    @property
    def plain(self) -> str:
        return self.as_text().plain
