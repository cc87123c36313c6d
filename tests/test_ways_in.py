"""Issue 12's "done when": from a feed URL, a folder of saved pages or a CSV of articles to the
dashboard with the README's commands alone (into the default store, as the README shows)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.db import default_db_path
from tests.test_tui_support import asynctest, settle
from tui.app import SitrepApp
from tui.cli import main
from tui.widgets.paged_table import PagedTable

from .fixtures.webserver import WEB_FIXTURES, Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        running.page("/news/harbour-talks", (WEB_FIXTURES / "harbour_talks.html").read_bytes())
        running.page("/news/lighthouse", (WEB_FIXTURES / "lighthouse.html").read_bytes())
        yield running


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_FETCH_TIMEOUT", "2")


async def _dashboard_shows(speaker: str) -> None:
    """The dashboard on the default store, as `sitrep` opens it, lists `speaker`'s words."""
    app = SitrepApp(default_db_path())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        statements = app.query_one("#statements").query_one(PagedTable)
        assert statements.row_count > 0
        assert speaker in {row.speaker for row in statements.window}


@asynctest
async def test_a_feed_url_to_the_dashboard(site: Site) -> None:
    feed = site.url("/world.xml")
    site.page("/world.xml", site.fixture("feed_v1.xml").replace(
        b"/news/ferries", b"/news/lighthouse"), content_type="application/rss+xml")
    assert main(["feeds", "add", feed]) == 0
    assert main(["fetch"]) == 0
    await _dashboard_shows("Andrii Sybiha")


@asynctest
async def test_a_folder_of_saved_pages_to_the_dashboard(tmp_path: Path) -> None:
    pages = tmp_path / "saved-pages"
    pages.mkdir()
    for name in ("harbour_talks.html", "lighthouse.html"):
        shutil.copy(WEB_FIXTURES / name, pages / name)
    assert main(["ingest", str(pages)]) == 0
    await _dashboard_shows("Andrii Sybiha")


@asynctest
async def test_a_csv_of_articles_to_the_dashboard(tmp_path: Path) -> None:
    dataset = tmp_path / "articles.csv"
    with dataset.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Headline", "Body", "Published At", "Link"])
        writer.writerow(["Envoys meet in Geneva", 'Andriy Sybiha said "the talks in Geneva '
                         'must go on" on Monday.', "2025-03-03T09:00:00Z",
                         "https://example.org/envoys"])
        writer.writerow(["Night of drones", "Russia launched 40 drones at Kharkiv overnight, "
                         "the Ukrainian Air Force said.", "2025-03-04", ""])
    assert main(["ingest", str(dataset)]) == 0
    await _dashboard_shows("Andrii Sybiha")
