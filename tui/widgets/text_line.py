"""A one-line text widget that repaints without a layout pass.

Static.update() asks the whole screen to lay itself out again (it cannot know the new text
fits); on a full dashboard that costs tens of milliseconds per keystroke or page. A line of
fixed height only needs repainting.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TextLine(Widget):
    DEFAULT_CSS = """
    TextLine { height: 1; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text()

    def set_text(self, text: Text) -> None:
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text
