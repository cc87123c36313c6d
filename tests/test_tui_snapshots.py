"""Snapshots of the main screen at 80×24 and 120×40 on a fixed store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.test_tui_support import build_store, settle
from tui.app import SitrepApp


@pytest.fixture(scope="module")
def snap_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("snap") / "snap.db")


def test_main_screen_80x24(snap_compare, snap_store: Path) -> None:
    assert snap_compare(SitrepApp(snap_store), terminal_size=(80, 24), run_before=settle)


def test_main_screen_120x40(snap_compare, snap_store: Path) -> None:
    assert snap_compare(SitrepApp(snap_store), terminal_size=(120, 40), run_before=settle)


def test_source_pane_80x24(snap_compare, snap_store: Path) -> None:
    async def open_source(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(SitrepApp(snap_store), terminal_size=(80, 24), run_before=open_source)
