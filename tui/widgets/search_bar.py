"""The search box: `/` opens it, results follow each keystroke, Enter keeps, Esc clears."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from tui.messages import SearchCancelled, SearchChanged, SearchSubmitted


class SearchBar(Input):
    BINDINGS = [
        Binding("escape", "cancel", "Clear search", show=True),
    ]
    DEFAULT_CSS = """
    SearchBar { height: 1; border: none; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="search statements, events and metrics (Enter keeps, Esc clears)",
            id=id,
            compact=True,
        )

    @dataclass
    class _Finish(Message):
        keep: bool

    def on_mount(self) -> None:
        self.display = False

    def open(self, text: str) -> None:
        # Inline display (not a class) so the box is focusable at once: keys typed right
        # after "/" land in it, not on the panes' bindings.
        self.display = True
        self.add_class("-open")
        with self.prevent(Input.Changed):
            self.value = text
        self.cursor_position = len(text)
        self.screen.set_focus(self)  # now, not after the keys already queued

    def close(self) -> None:
        self.remove_class("-open")
        self.display = False

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(SearchChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SearchSubmitted(event.value))

    def action_cancel(self) -> None:
        self.post_message(SearchCancelled())

    def finish(self, *, keep: bool) -> None:
        """Close the box as Enter (keep) or Esc (clear) does, once the keys already delivered
        to it are typed in: the message queues behind them."""
        self.post_message(self._Finish(keep))

    @on(_Finish)
    def _finish(self, message: _Finish) -> None:
        message.stop()
        self.post_message(SearchSubmitted(self.value) if message.keep else SearchCancelled())
