"""The line at the top that always shows the active filters (and news from the store)."""

from __future__ import annotations

from rich.text import Text

from store.query import Filters
from tui.text import cut
from tui.widgets.text_line import TextLine


class FilterBar(TextLine):
    DEFAULT_CSS = """
    FilterBar { height: 1; width: 1fr; background: $panel; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filters = Filters()
        self.notice = ""

    def show(self, filters: Filters, notice: str | None = None) -> None:
        self.filters = filters
        if notice is not None:
            self.notice = notice
        self.set_text(self.as_text())

    def as_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Filters: ", style="bold")
        parts = self.filters.describe()
        if not parts:
            text.append("none", style="dim")
            text.append("  (/ search · a actor · t kind · [ ] month · ? help)", style="dim")
        for i, (label, value) in enumerate(parts):
            if i:
                text.append(" · ", style="dim")
            text.append(f"{label} ")
            text.append(cut(value), style="bold reverse")  # a pasted search, a long kind
        if parts:
            text.append("  r reset", style="dim")
        if self.notice:
            text.append("  ")
            text.append(self.notice, style="bold yellow reverse")
        return text

    @property
    def plain(self) -> str:
        return self.as_text().plain
