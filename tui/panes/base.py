"""What every pane shares: a bordered container with a title that says what it holds."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import Vertical

from store.cite import citation, markdown_citation
from store.query import Filters
from store.sanitize import printable
from tui.messages import FiltersChanged
from tui.widgets.detail_strip import DetailStrip
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

    def show_row(self, row: Any) -> None:
        """Show the highlighted row whole in the detail strip (its words and its facts) and
        name, on the bottom border, the extraction rule that made it: how a reader asks "why
        is this here" (Enter shows the `sitrep explain` line for it)."""
        rule = getattr(row, "rule", "") if row is not None else ""
        self.border_subtitle = Text(printable(f"rule {rule}")) if rule else ""
        for strip in self.query(DetailStrip):
            if row is None:
                strip.show(None, None)
            else:
                strip.show(self.row_words(row), self.row_facts(row))

    def row_words(self, row: Any) -> Text:
        """The highlighted row's words, whole (a quote, an event's or a figure's sentence)."""
        return Text()

    def row_facts(self, row: Any) -> list[str]:
        """What the highlighted row says besides its words: who, when (its own date and its
        article's), status, claimant, place, outlet, topics. Every column's value is here in
        full, and those a narrow table leaves out."""
        return []

    # -- copying ----------------------------------------------------------------------------

    def citable_row(self) -> Any:
        """The row `y` and `Y` cite (None: none selected)."""
        return None

    def citation_text(self, markdown: bool) -> str | None:
        """The citation `y` (plain) or `Y` (Markdown) copies, or None (nothing to cite)."""
        row = self.citable_row()
        if row is None:
            return None
        return markdown_citation(row) if markdown else citation(row)

    def action_copy(self) -> None:
        """`y`: copy the selected row's citation as plain text."""
        self._copy_citation(markdown=False)

    def action_copy_citation(self) -> None:
        """`Y`: copy the selected row's citation as Markdown, the source a link."""
        self._copy_citation(markdown=True)

    def _copy_citation(self, markdown: bool) -> None:
        text = self.citation_text(markdown)
        if not text:
            self.app.notify("Nothing to copy: no row selected", severity="warning")
            return
        # OSC 52: the terminal puts it on the clipboard, over SSH too.
        self.app.copy_to_clipboard(text)
        shown = text if len(text) <= 160 else text[:159] + "…"
        self.app.notify(shown, title="Copied to the clipboard" + (" (Markdown)" if markdown
                                                                 else ""), markup=False)

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

    def citable_row(self) -> Any:
        return self.table.current_row
