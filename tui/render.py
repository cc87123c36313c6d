"""Readable rich rendering of an extraction (`sitrep extract FILE` without --json).

Article text goes into rich Text objects, never into markup strings, so brackets and escape
sequences in an article are shown as they are, not interpreted.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from store.sanitize import printable


def _cell(value: Any) -> Text:
    if value is None:
        return Text("—", style="dim")
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return Text(printable(str(value)))


def render_extraction(data: dict[str, Any], console: Console) -> None:
    article = data["article"]
    head = Text()
    head.append(printable(article.get("title") or "(untitled)"), style="bold")
    head.append(f"\n{printable(str(article.get('published') or 'date unknown'))}", style="cyan")
    if article.get("source"):
        head.append(f" · {printable(article['source'])}", style="cyan")
    head.append(f" · id {printable(str(article['id']))}", style="dim")
    console.print(head)

    sections = (
        ("events", ("kind", "date", "status", "location", "actors", "summary")),
        ("statements", ("speaker", "mode", "date", "topics", "quote")),
        ("metrics", ("kind", "value", "qualifier", "side", "date", "claimant")),
    )
    for name, columns in sections:
        rows = data.get(name, [])
        table = Table(title=Text(f"{name} ({len(rows)})"), title_justify="left", expand=True,
                      show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(column)) for column in columns))
        console.print(table)
