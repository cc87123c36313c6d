"""Turning stored values into Rich Text for the panes: literal, inert, with search matches lit.

Every cell is Text(printable(value)): never a markup string built from data, so `[bold]` or
`[link=...]` in an article shows as typed and escape sequences show as visible symbols.
"""

from __future__ import annotations

import datetime as dt
import re

from rich.text import Text

from store.sanitize import printable
from store.search import PREFIX_MIN

MATCH_STYLE = "bold underline black on yellow"
EVIDENCE_STYLE = "bold reverse"

# kind -> (glyph, colour). Glyphs are from the set the Linux console font draws.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "strike": ("▲", "bold red"),
    "advance": ("►", "bold dark_orange"),
    "deployment": ("►", "yellow"),
    "talks": ("♦", "bold cyan"),
    "meeting": ("♦", "cyan"),
    "call": ("○", "bright_blue"),
    "agreement": ("■", "bold green"),
    "ceasefire": ("○", "green"),
    "sanctions": ("■", "magenta"),
    "exchange": ("↔", "bold bright_magenta"),  # prisoners or bodies swapped
}
_OTHER_KIND = ("·", "white")

_WORD = re.compile(r"\w+", re.UNICODE)


def search_pattern(search: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern lighting what an FTS search for `search` matched."""
    words = _WORD.findall(search or "")
    if not words:
        return None
    parts = [re.escape(w) for w in words]
    if search and not search[-1].isspace() and len(words[-1]) >= PREFIX_MIN:
        parts[-1] += r"\w*"  # the last word matches as a prefix, as in store.search
    return re.compile(r"\b(?:" + "|".join(parts) + r")", re.IGNORECASE | re.UNICODE)


CELL_MAX = 400  # characters of a value a cell keeps: wider than any column of a terminal


def cell(
    value: object, pattern: re.Pattern[str] | None = None, style: str = "",
    width: int = CELL_MAX,
) -> Text:
    """A table cell: the value shown literally, one line, with search matches highlighted.

    Cut to `width` cells (the last one an ellipsis) before any styling, so a long quote or
    evidence costs what a column shows, not what the article holds.
    """
    if value is None:
        return Text("—", style="dim")
    raw = value if isinstance(value, str) else str(value)
    if len(raw) > width:
        raw = raw[: width + 1]  # one over, so the cut below still adds its ellipsis
    text = Text(printable(raw.replace("\n", " ")), style=style, no_wrap=True, overflow="ellipsis")
    if pattern is not None:
        text.highlight_regex(pattern, MATCH_STYLE)
    return clip(text, width)


LABEL_MAX = 60  # characters of a kind, name or filter value shown outside a table cell


def cut(value: str, width: int = LABEL_MAX) -> str:
    """`value` as inert one-line text of at most `width` characters, the last an ellipsis
    when cut: for labels, titles and the filter bar, which a stored value must not fill."""
    if len(value) > width:
        value = value[: max(0, width - 1)] + "…"
    return printable(value.replace("\n", " "))


def clip(text: Text, width: int) -> Text:
    """`text` cut to `width` cells with an ellipsis, as the table would draw it."""
    if width > 0 and len(text.plain) > width and text.cell_len > width:
        text.truncate(width, overflow="ellipsis")
    return text


REPORTED_MARK = "~"  # before a date that is the article's, not the row's own
DATE_WIDTH = 11  # "~2026-02-18"


def date_cell(date: str | None, precision: str = "day", reported: str | None = None) -> Text:
    """A date as precise as the source allows: 2026-02-18, 2026-W06, 2026-01 or 2022.

    A month or week is stored as its first day; showing that day would claim a precision the
    article never gave. A row without a date of its own shows its article's date, marked and
    dim ("~2026-02-18"): that is where it sorts, but the article never said it happened then.
    """
    if not date:
        if reported:
            return Text(REPORTED_MARK + reported[:10], style="dim italic")
        return Text("undated", style="dim italic")
    day = date[:10]
    if precision == "month":
        return Text(day[:7], style="bold")
    if precision == "year":
        return Text(day[:4], style="bold")
    if precision == "week":
        try:
            year, week, _ = dt.date.fromisoformat(day).isocalendar()
        except ValueError:
            return Text(day, style="bold")
        return Text(f"{year}-W{week:02d}", style="bold")
    return Text(day, style="bold")


SHORT_OBLASTS = {"Autonomous Republic of Crimea": "Crimea", "Kyiv Oblast": "Kyiv Obl."}


def oblast_short(oblast: str) -> str:
    """An oblast as a table column shows it: "Kharkiv" for Kharkiv Oblast, "Crimea"; the city
    of Kyiv stays "Kyiv" and its oblast is "Kyiv Obl."."""
    return SHORT_OBLASTS.get(oblast, oblast.removesuffix(" Oblast"))


def oblast_cell(oblast: str | None) -> Text:
    return cell(oblast_short(oblast) if oblast else None)


SHORT_KINDS = {"deployment": "deploy"}


def kind_cell(kind: str) -> Text:
    glyph, colour = KIND_STYLES.get(kind, _OTHER_KIND)
    word = SHORT_KINDS.get(kind, kind)
    return Text(f"{glyph} {cut(word)}", style=colour, no_wrap=True, overflow="ellipsis")


def plain(value: object) -> str:
    """A value as inert one-line text (for notifications and citations)."""
    if value is None:
        return ""
    return printable(str(value)).replace("\n", " ")


def format_number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def dates_fact(date: str | None, precision: str, reported: str | None) -> str:
    """A row's own date (as precise as its source) and its article's: "2025-02-17 · article
    2025-02-18", "no date of its own · article 2025-02-18"."""
    own = date_cell(date, precision).plain if date else "no date of its own"
    return f"{own} · article {reported[:10]}" if reported else f"{own} · article undated"


def words_text(value: str, pattern: re.Pattern[str] | None = None, *, quoted: bool = False,
               style: str = "") -> Text:
    """A row's words whole for the detail strip (wrapping: newlines become spaces), search
    matches lit, in quotation marks when `quoted` (said word for word)."""
    raw = printable(" ".join(value.split()))
    text = Text(f'"{raw}"' if quoted else raw, style=style)
    if pattern is not None:
        text.highlight_regex(pattern, MATCH_STYLE)
    return text
