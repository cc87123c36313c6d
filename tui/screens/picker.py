"""What the pickers (actor, kind, oblast) share."""

from __future__ import annotations

from textual.widgets import OptionList


def move_highlight(options: OptionList, step: int) -> None:
    """Move a picker's highlight `step` options, held within the list."""
    if options.option_count:
        current = options.highlighted or 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))
