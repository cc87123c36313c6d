"""The `a` picker: type an actor's name, an alias or a misspelling of either ("zelenskiy",
"lavrof"); each actor shows its statement count. Enter picks, Esc cancels."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.actor_search import ActorEntry, list_actor_entries, rank_actors
from store.query import Actor, ReadError
from tui.css import css_beside
from tui.screens.picker import ANY, move_highlight
from tui.text import cut

MAX_SHOWN = 200
NAME_SHOWN = 120  # characters of a name (an option that long would wrap over the list)


class ActorPicker(ModalScreen[Actor | str | None]):
    """Dismisses with the chosen Actor, ANY to clear the actor filter, or None on Esc."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.actors: list[ActorEntry] = []
        self.shown: list[Actor] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker") as box:
            box.border_title = "Actor — any spelling, Enter picks, Esc cancels"
            yield Input(placeholder="name, alias or a guess at the spelling", id="actor-query",
                        compact=True)
            yield OptionList(id="actor-options")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        worker = get_current_worker()
        try:
            conn = self.app.reader.conn(lambda: worker.is_cancelled)  # type: ignore[attr-defined]
            actors = list_actor_entries(conn)
        except ReadError:
            actors = []
        self.app.call_from_thread(self._set_actors, actors)

    def _set_actors(self, actors: list[ActorEntry]) -> None:
        self.actors = actors
        self._refill(self.query_one(Input).value)

    def _refill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        ranked = rank_actors(self.actors, query)[:MAX_SHOWN]
        self.shown = [m.entry.actor for m in ranked]
        if not query.strip():
            options.add_option(Option(Text("(any actor)", style="italic"), id=ANY))
        for i, match in enumerate(ranked):
            actor = match.entry.actor
            label = Text(cut(actor.name, NAME_SHOWN))
            said = match.entry.statements
            label.append(f"  {said:,} statement{'' if said == 1 else 's'}", style="dim")
            if actor.side:
                label.append(f"  {cut(actor.side)}", style="dim")
            if match.via:  # found by an alias: say which, or the match looks like a mistake
                label.append(f"  ({cut(match.via, NAME_SHOWN)})", style="dim italic")
            options.add_option(Option(label, id=str(i)))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#actor-query")
    def _changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    @on(Input.Submitted, "#actor-query")
    def _submitted(self) -> None:
        self._pick(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        options = self.query_one(OptionList)
        if index is None or not options.option_count:
            return
        option_id = options.get_option_at_index(index).id
        if option_id == ANY:
            self.dismiss(ANY)
        elif option_id is not None:
            self.dismiss(self.shown[int(option_id)])

    def action_move(self, step: int) -> None:
        move_highlight(self.query_one(OptionList), step)

    def action_cancel(self) -> None:
        self.dismiss(None)
