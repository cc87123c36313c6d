"""A small store with exact rows for the dashboard's tests (built through store functions)."""

from __future__ import annotations

from pathlib import Path

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
    a1 = article_from_text(t1, published="2025-02-18", source="Wire")
    e1 = "US and Russian officials met in Riyadh on Tuesday."
    s1 = "Kremlin spokesman Dmitry Peskov said: \u201cWe are ready to talk.\u201d"
    m1 = "Russia launched 126 drones at Ukraine overnight."
    ingest_article(db, a1, Extraction(
        events=[EventRecord("talks", "2025-02-18", "Riyadh", ["Marco Rubio", "Sergei Lavrov"],
                            "US and Russian officials meet in Riyadh", e1, _span(t1, e1), "day")],
        statements=[StatementRecord("Dmitry Peskov", "We are ready to talk.", "direct",
                                    "2025-02-17", ["talks"], s1, _span(t1, s1), "day")],
        metrics=[MetricRecord("drones", 126.0, "exact", "Russia", None, "2025-02-17", m1,
                              _span(t1, m1), "day")],
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
                            "Delegations hold talks in Riyadh", e2, _span(t2, e2), "day")],
        statements=[StatementRecord("Volodymyr Zelensky", "Ukraine would not accept a deal "
                                    "made without it", "indirect", "2025-02-18",
                                    ["peace deal"], s2, _span(t2, s2), "day")],
        metrics=[MetricRecord("missiles", 70.0, "over", None, None, "2025-02-11", m2,
                              _span(t2, m2), "day")],
        actors={"Volodymyr Zelensky": ActorMention("Volodymyr Zelensky", "person", "Ukraine"),
                "Sergei Lavrov": ActorMention("Sergei Lavrov", "person", "Russia")},
    ))

    # 2. A hostile article: markup, escapes and bidi controls must show literally.
    a3 = article_from_text(HOSTILE_TEXT, published="2025-03-02", source="[i]odd[/i]")
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
