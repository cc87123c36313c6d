"""The footer: the keys that work where the focus is, from the table of actions.

Textual's Footer shows only bindings marked `show`, and nothing of what the focused pane's own
widgets answer; this one is drawn from tui.actions, so it names 1–4, Tab and Enter, the
focused pane's keys, and whatever a user keymap rebound."""

from __future__ import annotations

from rich.text import Text

from tui.widgets.text_line import TextLine


class KeyFooter(TextLine):
    DEFAULT_CSS = """
    KeyFooter { height: 1; width: 1fr; background: $panel; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[tuple[str, str]] = []

    def show(self, items: list[tuple[str, str]]) -> None:
        if items == self.items:
            return
        self.items = items
        self.set_text(self.as_text())

    def as_text(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        for i, (key, label) in enumerate(self.items):
            if i:
                text.append("  ")
            text.append(key, style="bold")
            text.append(f" {label}")
        return text

    @property
    def plain(self) -> str:
        return self.as_text().plain
