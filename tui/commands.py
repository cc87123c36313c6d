"""The command palette (Ctrl+P): the dashboard's actions, found by typing part of their name.

Made from the table of actions (tui.actions), with each action's keys as the keymap has them,
so the palette lists exactly what the keys do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.actions import ACTIONS, Action, KeyTable


class SitrepCommands(Provider):
    """Offers every dashboard action in the command palette."""

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        app: Any = self.app
        available = app.available_actions() if hasattr(app, "available_actions") else ACTIONS
        keys: KeyTable = getattr(app, "keys", None) or KeyTable()
        run = getattr(app, "run_palette_action", None)
        for action in available:
            if not action.palette or not action.title or not action.action:
                continue
            help_text = f"{action.help} ({keys.display(action)})"
            yield action.title, help_text, self._runner(action, run)

    def _runner(self, action: Action,
                run: Callable[[Action], Any] | None) -> Callable[[], Any]:
        if run is not None:
            return partial(run, action)
        return partial(self.app.run_action, action.action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
