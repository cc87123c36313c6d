"""The line at the top that always shows the active filters, whether statements are linked to
the timeline's date (L), and news from the store.

At 80 columns the filters give way (cut with "…") before the link state and the notice: "new
rows — press ctrl+r" is always shown whole.
"""

from __future__ import annotations

from rich.text import Text

from store.query import Filters
from tui.text import clip, cut
from tui.widgets.text_line import TextLine

LINK_ON = "L dates linked"
LINK_OFF = "L link dates"


class FilterBar(TextLine):
    DEFAULT_CSS = """
    FilterBar { height: 1; width: 1fr; background: $panel; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filters = Filters()
        self.notice = ""
        self.linked = False

    def show(self, filters: Filters, notice: str | None = None) -> None:
        self.filters = filters
        if notice is not None:
            self.notice = notice
        self.set_text(self.as_text())

    def show_link(self, linked: bool) -> None:
        """Say whether statements follow the timeline's date (the app's L)."""
        self.linked = linked
        self.set_text(self.as_text())

    def filters_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Filters: ", style="bold")
        parts = self.filters.describe()
        if not parts:
            text.append("none", style="dim")
            text.append("  (/ search · a actor · t kind · ? help)", style="dim")
        for i, (label, value) in enumerate(parts):
            if i:
                text.append(" · ", style="dim")
            text.append(f"{label} ")
            text.append(cut(value), style="bold reverse")  # a pasted search, a long kind
        if parts:
            text.append("  r reset", style="dim")
        return text

    def state_text(self) -> Text:
        """What must show whole, after the filters: the link state and the notice."""
        text = Text(no_wrap=True)
        text.append("  ")
        if self.linked:
            text.append(LINK_ON, style="bold reverse")
        else:
            text.append(LINK_OFF, style="dim")
        if self.notice:
            text.append("  ")
            text.append(self.notice, style="bold yellow reverse")
        return text

    def as_text(self) -> Text:
        return self.filters_text() + self.state_text()

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        state = self.state_text()
        if width <= 0:
            return self.as_text()
        if state.cell_len >= width:  # too narrow for both: the notice first
            return clip(state, width)
        filters = clip(self.filters_text(), width - state.cell_len)
        return filters + state

    @property
    def plain(self) -> str:
        return self.as_text().plain
