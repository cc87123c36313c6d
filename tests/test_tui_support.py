"""A small store with exact rows for the dashboard's tests (built through store functions)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from textual.pilot import Pilot

from store import open_store
from store.articles import article_from_text
from store.extract.records import (
    ActorMention,
    EventRecord,
    Extraction,
    MetricRecord,
    StatementRecord,
)
from store.ingest import ingest_article

HOSTILE_TITLE = "[bold red]Hostile[/] title \x1b]52;c;aGk=\x07"
HOSTILE_TEXT = (
    HOSTILE_TITLE + "\n\n"
    "Click [link=file:///etc/passwd]here[/link] for \x1b[31mred\x1b[0m text. "
    "Bidi \u202eevil\u202c trick. The strike hit [bold]Kharkiv[/bold] at night."
)


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def build_store(path: Path, n_bulk: int = 130) -> Path:
    db = open_store(path)

    # 1. The Riyadh talks, reported by two articles (same kind, day and place).
    t1 = ("Riyadh talks begin\n\n"
          "US and Russian officials met in Riyadh on Tuesday. "
          "Kremlin spokesman Dmitry Peskov said: \u201cWe are ready to talk.\u201d "
          "Russia launched 126 drones at Ukraine overnight.")
    a1 = article_from_text(t1, published="2025-02-18", source="Wire",
                           url="https://wire.example/riyadh-talks")
    e1 = "US and Russian officials met in Riyadh on Tuesday."
    s1 = "Kremlin spokesman Dmitry Peskov said: \u201cWe are ready to talk.\u201d"
    m1 = "Russia launched 126 drones at Ukraine overnight."
    ingest_article(db, a1, Extraction(
        events=[EventRecord("talks", "2025-02-18", "Riyadh", ["Marco Rubio", "Sergei Lavrov"],
                            "US and Russian officials meet in Riyadh", e1, _span(t1, e1), "day",
                            rule="event.trigger.talks")],
        statements=[StatementRecord("Dmitry Peskov", "We are ready to talk.", "direct",
                                    "2025-02-17", ["talks"], s1, _span(t1, s1), "day",
                                    rule="quote.direct_owner")],
        metrics=[MetricRecord("drones", 126.0, "exact", "Russia", None, "2025-02-17", m1,
                              _span(t1, m1), "day", rule="metric.count_before_noun")],
        actors={"Dmitry Peskov": ActorMention("Dmitry Peskov", "person", "Russia"),
                "Marco Rubio": ActorMention("Marco Rubio", "person", "United States"),
                "Sergei Lavrov": ActorMention("Sergei Lavrov", "person", "Russia")},
    ))

    t2 = ("Second report on Riyadh\n\n"
          "Delegations sat down in Riyadh for talks. "
          "Zelensky said Ukraine would not accept a deal made without it. "
          "Over 70 missiles were fired on 2025-02-11.")
    a2 = article_from_text(t2, published="2025-02-18", source="Daily")
    e2 = "Delegations sat down in Riyadh for talks."
    s2 = "Zelensky said Ukraine would not accept a deal made without it."
    m2 = "Over 70 missiles were fired on 2025-02-11."
    ingest_article(db, a2, Extraction(
        events=[EventRecord("talks", "2025-02-18", "Riyadh", ["Sergei Lavrov"],
                            "Delegations hold talks in Riyadh", e2, _span(t2, e2), "day",
                            rule="event.trigger.talks")],
        statements=[StatementRecord("Volodymyr Zelensky", "Ukraine would not accept a deal "
                                    "made without it", "indirect", "2025-02-18",
                                    ["peace deal"], s2, _span(t2, s2), "day",
                                    rule="speech.verb_after_subject")],
        metrics=[MetricRecord("missiles", 70.0, "over", None, None, "2025-02-11", m2,
                              _span(t2, m2), "day")],
        actors={"Volodymyr Zelensky": ActorMention("Volodymyr Zelensky", "person", "Ukraine"),
                "Sergei Lavrov": ActorMention("Sergei Lavrov", "person", "Russia")},
    ))

    # 2. A hostile article: markup, escapes and bidi controls must show literally.
    # Its strike has no date of its own: it shows (and sorts) at the article's, marked "~".
    a3 = article_from_text(HOSTILE_TEXT, published="2025-01-20", source="[i]odd[/i]")
    e3 = "The strike hit [bold]Kharkiv[/bold] at night."
    ingest_article(db, a3, Extraction(
        events=[EventRecord("strike", None, "[bold]Kharkiv[/bold]", [],
                            "[bold]boom[/bold] \x1b[31mred\x1b[0m", e3, _span(HOSTILE_TEXT, e3))],
    ))

    # 3. Many statements, for paging (one per day from 2024-01-01), plus an undated one.
    lines = [f"Bulk speaker line {i} said item{i:03d} matters." for i in range(n_bulk)]
    t4 = "Bulk statements\n\n" + "\n".join(lines) + "\nAn undated remark was made."
    a4 = article_from_text(t4, published="2024-06-01", source="Bulk")
    stmts = []
    for i, line in enumerate(lines):
        day = f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}"
        stmts.append(StatementRecord("Bulk Speaker", f"item{i:03d} matters", "indirect", day,
                                     [], line, _span(t4, line), "day"))
    stmts.append(StatementRecord("Bulk Speaker", "undated remark", "indirect", None, [],
                                 "An undated remark was made.",
                                 _span(t4, "An undated remark was made."), "unknown"))
    ingest_article(db, a4, Extraction(statements=stmts))
    db.conn.close()
    return path


def build_v2_store(path: Path) -> Path:
    """A small store with contract v2's kinds: an exchange event, launched and intercepted
    drones and missiles, a running total, rows dated only by their article, and an article
    with no date at all. Sentences written for the tests."""
    db = open_store(path)

    t1 = ("Night of drones\n\n"
          "Russia launched 100 drones overnight, the air force said. "
          "Air defences downed 90 of the drones. "
          "Ten missiles were fired and four were shot down, officials said. "
          "Three people were killed in the city. "
          "The war has killed 12,000 civilians so far. "
          "The two sides swapped 150 prisoners each on Friday. "
          "A spokesman said the talks would resume.")
    a1 = article_from_text(t1, published="2026-02-08", source="Wire", path="/news/night.txt")

    def s1(sentence: str) -> tuple[int, int]:
        return _span(t1, sentence)

    launched = "Russia launched 100 drones overnight, the air force said."
    downed = "Air defences downed 90 of the drones."
    missiles = "Ten missiles were fired and four were shot down, officials said."
    killed = "Three people were killed in the city."
    total = "The war has killed 12,000 civilians so far."
    swap = "The two sides swapped 150 prisoners each on Friday."
    said = "A spokesman said the talks would resume."
    air_force = "Ukrainian Air Force"
    ingest_article(db, a1, Extraction(
        events=[EventRecord("exchange", "2026-02-06", None, [], "Prisoner swap, 150 each",
                            swap, s1(swap), "day", rule="event.trigger.exchange")],
        statements=[StatementRecord("A spokesman", "the talks would resume", "indirect", None,
                                    ["talks"], said, s1(said), rule="speech.verb_after_subject")],
        metrics=[
            MetricRecord("drones", 100.0, "exact", "Russia", None, "2026-02-07", launched,
                         s1(launched), "day", air_force, rule="metric.count_before_noun"),
            MetricRecord("drones_intercepted", 90.0, "exact", "Russia", None, "2026-02-07",
                         downed, s1(downed), "day", air_force, rule="metric.intercepted"),
            MetricRecord("missiles", 10.0, "exact", "Russia", None, "2026-02-07", missiles,
                         s1(missiles), "day", air_force, rule="metric.count_before_noun"),
            MetricRecord("missiles_intercepted", 4.0, "exact", "Russia", None, "2026-02-07",
                         missiles, s1(missiles), "day", "Officials", rule="metric.intercepted"),
            MetricRecord("killed", 3.0, "exact", "Ukraine", None, "2026-02-07", killed,
                         s1(killed), "day", rule="metric.count_before_noun"),
            MetricRecord("killed", 12000.0, "exact", "Ukraine", None, None, total, s1(total),
                         cumulative=True, rule="metric.cumulative"),
        ],
        actors={air_force: ActorMention(air_force, "institution", "Ukraine")},
    ))

    t2 = ("Second night\n\n"
          "Russia launched 100 drones on Saturday, the air force said. "
          "On Sunday 120 drones were launched and 100 were downed.")
    a2 = article_from_text(t2, published="2026-02-09", source="Daily")
    again = "Russia launched 100 drones on Saturday, the air force said."
    sunday = "On Sunday 120 drones were launched and 100 were downed."
    ingest_article(db, a2, Extraction(metrics=[
        MetricRecord("drones", 100.0, "exact", "Russia", None, "2026-02-07", again,
                     _span(t2, again), "day", air_force, rule="metric.count_before_noun"),
        MetricRecord("drones", 120.0, "exact", "Russia", None, "2026-02-08", sunday,
                     _span(t2, sunday), "day", air_force, rule="metric.count_before_noun"),
        MetricRecord("drones_intercepted", 100.0, "exact", "Russia", None, "2026-02-08", sunday,
                     _span(t2, sunday), "day", air_force, rule="metric.intercepted"),
    ], actors={air_force: ActorMention(air_force, "institution", "Ukraine")}))

    t3 = "No date anywhere\n\nSomeone said the matter was closed."
    a3 = article_from_text(t3)
    closed = "Someone said the matter was closed."
    ingest_article(db, a3, Extraction(statements=[
        StatementRecord("Someone", "the matter was closed", "indirect", None, [], closed,
                        _span(t3, closed), rule="speech.verb_after_subject")]))
    db.conn.close()
    return path


def asynctest(fn):  # noqa: ANN001, ANN201 - no async pytest plugin: each test runs its own loop
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


async def settle(pilot: Pilot, rounds: int = 30) -> None:
    """Let workers finish and their results land in the widgets."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        busy = [w for w in app.workers if w.is_running and w.group != "watch"]
        if not busy:
            break
