"""Pilot tests for issue 14's keys: one table of actions behind the bindings, the footer, the
help and the palette; a user keymap; the tab line; Esc stepping back; keys typed fast; the
layout after each resize."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual import events

from tests.test_tui_support import asynctest, build_store, settle
from tui.app import SitrepApp
from tui.screens.actor_picker import ActorPicker


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("keys") / "keys.db")


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never the real ~/.config: each test its own, empty unless it writes a config."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def queue_keys(app: SitrepApp, *keys: tuple[str, str | None]) -> None:
    """Queued at once, as a terminal delivers keys typed fast over SSH."""
    for key, char in keys:
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


@asynctest
async def test_r_then_a_typed_fast_resets_before_the_picker_opens(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.filters = replace(app.filters, search="Pesk")
        await settle(pilot)
        queue_keys(app, ("r", "r"), ("a", "a"))
        await settle(pilot)
        assert isinstance(app.screen, ActorPicker)
        assert app.filters.search == ""


@asynctest
async def test_the_layout_follows_each_resize_at_once(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panes = app.query_one("#panes")
        assert not panes.has_class("-narrow")
        assert app.query_one("#right").display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert panes.has_class("-narrow")  # one column, not two crammed ones
        assert not app.query_one("#right").display or not app.query_one("#left").display
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert not panes.has_class("-narrow")
