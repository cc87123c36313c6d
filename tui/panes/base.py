"""What every pane shares: a bordered container with a title that says what it holds."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import Vertical

from store.query import Filters
from store.sanitize import printable
from tui.messages import FiltersChanged
from tui.widgets.paged_table import PagedTable


class Pane(Vertical):
    """A titled pane. Subclasses react to the app's filters in `apply_filters`."""

    TITLE = "Pane"
    # Which filters concern this pane (others are masked out before comparing).
    filters: Filters = Filters()

    def set_title(self, detail: str = "") -> None:
        title = Text(self.TITLE, style="bold")
        if detail:
            title.append(f" {detail}", style="")
        self.border_title = title

    def relevant(self, filters: Filters) -> Filters:
        return filters

    def show_rule(self, row: Any) -> None:
        """Name, on the bottom border, the extraction rule that made the highlighted row: how
        a reader asks "why is this here" (Enter shows the `sitrep explain` line for it);
        before it, what the row's columns could not show at this width (row_detail)."""
        parts = self.row_detail(row) if row is not None else []
        rule = getattr(row, "rule", "") if row is not None else ""
        if rule:
            parts.append(f"rule {rule}")
        self.border_subtitle = Text(printable(" · ".join(parts))) if parts else ""

    def row_detail(self, row: Any) -> list[str]:
        """What the highlighted row holds that its table's columns leave out (too narrow)."""
        return []

    def apply_filters(self, filters: Filters, *, force: bool = False) -> None:
        mine = self.relevant(filters)
        if force or mine != self.filters:
            self.filters = mine
            self.reload()

    def on_filters_changed(self, message: FiltersChanged) -> None:
        self.apply_filters(message.filters)

    def reload(self) -> None:  # pragma: no cover - overridden
        pass

    def show_empty_store(self, note: Text | None) -> None:
        """Say, in place of rows, that the store has no articles and how to add some (None:
        it has some now)."""
        for table in self.query(PagedTable):
            table.set_empty_note(note)

    def focus_main(self) -> None:
        """Focus the pane's main widget (its table, or its text).

        At once (screen.set_focus), not after a refresh as Widget.focus does: keys already
        queued behind the one that moved the focus (typed ahead over SSH) go to this pane."""
        focusables = [w for w in self.query("*") if w.can_focus]
        if focusables:
            self.screen.set_focus(focusables[0])


class TablePane(Pane):
    """A pane whose main widget is one PagedTable: loads it whenever its filters change."""

    def on_mount(self) -> None:
        self.set_title("loading…")

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    def reload(self) -> None:
        self.table.load(self.filters)
