"""Python's cycle collector, kept out of the way of keys and pages.

A full collection walks every object the process holds: with Textual's widgets, styles and
drawn lines that is 50-100 ms on a slow machine, and it lands wherever allocation happens to
tip it over, i.e. in the middle of a PgDn or a search keystroke. Textual pauses the collector
during smooth scrolling for the same reason (App.PAUSE_GC_ON_SCROLL). Here:

* what the app set up at start (modules, CSS, widgets) lives as long as the app: it is
  frozen once the first screen is up, so no collection walks it again;
* full collections are made rarer while keys keep coming, and one runs as soon as the user
  has paused for a moment, so the garbage of a burst is collected between bursts.

Everything is undone when the app ends (several apps run in one process under the tests).
"""

from __future__ import annotations

import gc
import time
from typing import Any

from textual.app import App

IDLE_AFTER = 0.5  # seconds without input before a pending full collection runs
CHECK_EVERY = 0.25  # seconds between looks at whether one should run
GEN2_EVERY = 100  # middle-generation collections between full ones (Python's default: 10)


class IdleCollector:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.last_input = time.monotonic()
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._saved is not None:
            return
        gc.collect()
        gc.freeze()
        self._saved = gc.get_threshold()
        young, middle, _old = self._saved
        gc.set_threshold(young, middle, GEN2_EVERY)
        self.app.set_interval(CHECK_EVERY, self._maybe_collect)

    def input_seen(self) -> None:
        self.last_input = time.monotonic()

    def _maybe_collect(self) -> None:
        # gc.get_count()[2]: middle-generation collections since the last full one, i.e.
        # whether anything has moved to the old generation that a full collection could free.
        if gc.get_count()[2] and time.monotonic() - self.last_input >= IDLE_AFTER:
            gc.collect()

    def stop(self) -> None:
        if self._saved is None:
            return
        gc.set_threshold(*self._saved)
        self._saved = None
        gc.unfreeze()
