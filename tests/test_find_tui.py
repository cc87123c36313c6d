"""The dashboard's `@` (go to date), `v` (views), `d` (direct quotes), `T` (topic) and the
actor picker by any spelling, as Pilot tests; and `sitrep --actor/--since/--view ...`."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from store.query import Filters
from store.views import get_view, save_view
from store.when import parse_day_range
from tests.test_tui_support import asynctest, build_store, settle
from tui.app import SitrepApp
from tui.cli import main
from tui.screens.actor_picker import ActorPicker
from tui.screens.go_to_date import GoToDate
from tui.screens.topic_picker import TopicPicker
from tui.screens.views import ViewsScreen
from tui.widgets.filter_bar import FilterBar


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    """The Pilot tests' store (tests.test_tui_support), with aliases as the gazetteer gives
    them; one per test, as views are written into it."""
    path = build_store(tmp_path / "find.db", n_bulk=10)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO actor_aliases (alias, actor_id) "
            "SELECT ?, id FROM actors WHERE name = ?",
            [("Zelenskyy", "Volodymyr Zelensky"), ("Zelenskiy", "Volodymyr Zelensky"),
             ("Sergey Lavrov", "Sergei Lavrov")])
        # a topic of the lexicon on Peskov's statement (the store's own is "talks")
        conn.execute("UPDATE statements SET topics = '[\"ceasefire\"]' "
                     "WHERE speaker = 'Dmitry Peskov'")
    conn.close()
    return path


def filter_bar(app: SitrepApp) -> str:
    return app.query_one(FilterBar).plain


def option_texts(screen: Any) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


@asynctest
async def test_at_goes_to_the_days_typed(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("at")
        await settle(pilot)
        assert isinstance(app.screen, GoToDate)
        await type_text(pilot, "blorp")
        await pilot.press("enter")
        await settle(pilot)
        # not read: the prompt stays, saying so on one line
        assert isinstance(app.screen, GoToDate)
        note = str(app.screen.query_one("#date-note", Static).render())
        assert "'blorp' is not a date" in note and app.filters.date_from is None
        app.screen.query_one(Input).value = ""
        await type_text(pilot, "2025-02-17..2025-02-20")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, GoToDate)
        assert (app.filters.date_from, app.filters.date_to) == ("2025-02-17", "2025-02-20")
        assert "dates 2025-02-17 – 2025-02-20" in filter_bar(app)
        assert app.pane("statements").filters.date_to == "2025-02-20"
        # Esc leaves the window as it was
        await pilot.press("at")
        await settle(pilot)
        await type_text(pilot, "2024")
        await pilot.press("escape")
        await settle(pilot)
        assert app.filters.date_from == "2025-02-17"


@asynctest
async def test_the_date_prompt_reads_relative_dates_from_today(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        got: list[Any] = []
        app.push_screen(GoToDate(today=dt.date(2025, 2, 20)), got.append)
        await settle(pilot)
        await type_text(pilot, "last Tuesday")
        await pilot.press("enter")
        await settle(pilot)
        assert [str(days) for days in got] == ["2025-02-18"]


@asynctest
async def test_v_saves_the_filters_and_reopens_them(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "peskof")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2", "v")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen)
        assert option_texts(app.screen) == ["(no saved views yet)"]
        await type_text(pilot, "kremlin")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen)  # still open, the new view listed
        texts = option_texts(app.screen)
        assert len(texts) == 1 and texts[0].startswith("kremlin")
        assert "actor Dmitry Peskov" in texts[0] and "pane statements" in texts[0]
        await pilot.press("escape")
        await pilot.press("r")
        await settle(pilot)
        assert app.filters == Filters()
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("enter")  # no name typed: opens the highlighted view
        await settle(pilot)
        assert not isinstance(app.screen, ViewsScreen)
        assert app.filters.actor_name == "Dmitry Peskov"
        assert app.current_pane() == "statements"
        # ctrl+d deletes the highlighted view
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert option_texts(app.screen) == ["(no saved views yet)"]
    conn = sqlite3.connect(store_path)
    assert get_view(conn, "kremlin") is None
    conn.close()


@asynctest
async def test_the_actor_picker_finds_any_spelling_with_counts(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for typed, found in (("zelenskyy", "Volodymyr Zelensky"),
                             ("zelenskiy", "Volodymyr Zelensky"),
                             ("lavrof", "Sergei Lavrov"), ("sergey", "Sergei Lavrov")):
            await pilot.press("a")
            await settle(pilot)
            assert isinstance(app.screen, ActorPicker)
            await type_text(pilot, typed)
            await settle(pilot)
            assert app.screen.shown[0].name == found, typed
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        texts = option_texts(app.screen)
        assert any(t.startswith("Dmitry Peskov  1 statement ") for t in texts)
        assert any(t.startswith("Sergei Lavrov  0 statements") for t in texts)
        await type_text(pilot, "sergey")
        await settle(pilot)
        assert "(Sergey Lavrov)" in option_texts(app.screen)[0]  # the alias that matched
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters.actor_name == "Sergei Lavrov"


@asynctest
async def test_d_keeps_direct_quotes_and_shift_t_picks_a_topic(store_path: Path) -> None:
    app = SitrepApp(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.filters.direct_only and "quotes direct only" in filter_bar(app)
        assert app.pane("statements").filters.direct_only
        await pilot.press("d")
        await settle(pilot)
        assert not app.filters.direct_only
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TopicPicker)
        texts = option_texts(app.screen)
        assert texts[0] == "(any topic)" and "ceasefire" in texts
        await pilot.press(*["down"] * texts.index("ceasefire"), "enter")
        await settle(pilot)
        assert app.filters.topic == "ceasefire" and "topic ceasefire" in filter_bar(app)
        await pilot.press("T")
        await settle(pilot)
        assert app.screen.query_one(OptionList).highlighted == texts.index("ceasefire")
        await pilot.press("home", "enter")  # (any topic)
        await settle(pilot)
        assert app.filters.topic is None


@asynctest
async def test_the_app_opens_filtered_on_a_pane(store_path: Path) -> None:
    app = SitrepApp(store_path, filters=Filters(kind="talks", date_from="2025-02-01"),
                    pane="metrics")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.current_pane() == "metrics"
        assert "kind talks" in filter_bar(app)
        assert app.pane("timeline").filters.kind == "talks"


# -- the command line -------------------------------------------------------------------------


@pytest.fixture()
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `sitrep` opened its dashboard with (the dashboard itself is not started)."""
    import tui.app

    calls: list[dict[str, Any]] = []

    def run_app(path: Path, **options: Any) -> int:
        calls.append({"path": path, **options})
        return 0

    monkeypatch.setattr(tui.app, "run_app", run_app)
    return calls


def test_flags_open_the_dashboard_filtered(store_path: Path,
                                           opened: list[dict[str, Any]]) -> None:
    assert main(["--db", str(store_path), "--actor", "zelenskiy", "--kind", "TALKS",
                 "--search", "Riyadh", "--since", "2025-02-01", "--until", "February 2025",
                 "--direct", "--topic", "Ceasefire", "--pane", "metrics"]) == 0
    (call,) = opened
    filters = call["filters"]
    assert filters.actor_name == "Volodymyr Zelensky" and filters.actor_id is not None
    assert (filters.kind, filters.search, filters.date_from, filters.date_to) == (
        "talks", "Riyadh", "2025-02-01", "2025-02-28")
    assert filters.direct_only and filters.topic == "ceasefire"
    assert call["pane"] == "metrics"


def test_since_reads_relative_dates_and_ranges(store_path: Path,
                                               opened: list[dict[str, Any]]) -> None:
    assert main(["--db", str(store_path), "--since", "last Tuesday"]) == 0
    assert main(["--db", str(store_path), "--since", "2025-02-17..2025-02-20"]) == 0
    tuesday = parse_day_range("last Tuesday", dt.date.today()).start
    assert [(c["filters"].date_from, c["filters"].date_to) for c in opened] == [
        (tuesday, None), ("2025-02-17", "2025-02-20")]


def test_view_reopens_a_saved_view(store_path: Path, opened: list[dict[str, Any]]) -> None:
    save_view(store_path, "Kremlin", Filters(actor_name="Dmitry Peskov", kind="talks",
                                             date_from="2025-02-01"), "statements")
    assert main(["--db", str(store_path), "--view", "kremlin"]) == 0
    assert main(["--db", str(store_path), "--view", "kremlin", "--pane", "timeline",
                 "--until", "2025-02-28"]) == 0
    first, second = opened
    assert first["filters"].actor_name == "Dmitry Peskov" and first["filters"].actor_id
    assert (first["filters"].kind, first["pane"]) == ("talks", "statements")
    assert second["pane"] == "timeline"
    assert (second["filters"].date_from, second["filters"].date_to) == (
        "2025-02-01", "2025-02-28")


@pytest.mark.parametrize(("argv", "says"), [
    (["--since", "blorp"], "--since: 'blorp' is not a date sitrep can read"),
    (["--until", "2025-02-30"], "--until: '2025-02-30' is not a date"),
    (["--since", "March 2025", "--until", "2024"], "is before --since"),
    (["--actor", "qqqxxz"], "--actor 'qqqxxz': no actor in the store"),
    (["--kind", "parade"], "--kind 'parade': no events of that kind in the store (kinds: "
                           "strike, talks)"),
    (["--view", "nothing"], "--view 'nothing': no view of that name (no views are saved yet"),
    (["--topic", "weather"], "--topic 'weather': not a topic (topics: "),
])
def test_what_cannot_be_found_is_one_line_and_exit_2(
        store_path: Path, opened: list[dict[str, Any]], capsys: pytest.CaptureFixture[str],
        argv: list[str], says: str) -> None:
    assert main(["--db", str(store_path), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("sitrep: error: ") and says in err
    assert "Traceback" not in err and opened == []


def test_the_view_options_are_for_the_dashboard_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--actor", "Peskov", "export", "--db", str(tmp_path / "x.db")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--actor is for the dashboard, not `export`" in err and err.count("\n") == 1
