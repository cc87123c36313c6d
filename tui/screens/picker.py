"""What the pickers (actor, kind, oblast, topic) share."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList

# The option that clears a picker's filter (dismissed with instead of a value).
ANY = "__any__"

# Keys of a picker that is only a list (no text box, so j and k are free to move).
LIST_PICKER_BINDINGS = [
    Binding("escape", "cancel", "Cancel"),
    Binding("j", "move(1)", show=False),
    Binding("k", "move(-1)", show=False),
]


def move_highlight(options: OptionList, step: int) -> None:
    """Move a picker's highlight `step` options, held within the list."""
    if options.option_count:
        current = options.highlighted or 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))


class ListPicker(ModalScreen[str | None]):
    """A picker that is only a list (kind, oblast, topic): Enter dismisses with the option's
    id (ANY clears the filter), Esc with None, j and k move."""

    BINDINGS = list(LIST_PICKER_BINDINGS)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        move_highlight(self.query_one(OptionList), step)

    def action_cancel(self) -> None:
        self.dismiss(None)
