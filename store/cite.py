"""Citations of a row that do not misquote: what was said word for word is in quotation marks,
what was reported ("X said that …") is not; each names its outlet, article date and address.

Plain text (`y`) and Markdown with a link (`Y`). No textual here: the panes call these.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote as url_quote

from store.query import EventRow, MetricRow, StatementRow
from store.sanitize import printable

Row = EventRow | StatementRow | MetricRow

# Events that are held (a meeting is held; a strike occurs).
HELD_KINDS = frozenset({"talks", "meeting", "call", "exchange", "ceasefire", "agreement"})
QUALIFIER_WORDS = {"at_least": "at least ", "over": "over ", "about": "about ",
                   "up_to": "up to "}


def inline(value: object) -> str:
    """A stored value as inert one-line text."""
    if value is None:
        return ""
    return re.sub(r"\s+", " ", printable(str(value))).strip()


def status_word(kind: str, status: str) -> str:
    """An event's status as a reader says it: held (talks, meetings) or occurred, planned,
    claimed, denied."""
    if status == "occurred":
        return "held" if kind in HELD_KINDS else "occurred"
    return inline(status)


def day_phrase(date: str | None, precision: str = "day") -> str:
    """"on 2025-02-17", "in 2025-02", "in 2025", "in the week of 2025-02-10", or "" (no
    date of its own): never more precise than the source."""
    if not date:
        return ""
    day = date[:10]
    if precision == "month":
        return f"in {day[:7]}"
    if precision == "year":
        return f"in {day[:4]}"
    if precision == "week":
        try:
            monday = dt.date.fromisoformat(day)
        except ValueError:
            return f"in the week of {day}"
        monday -= dt.timedelta(days=monday.weekday())
        return f"in the week of {monday.isoformat()}"
    return f"on {day}"


def format_number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def reported_clause(quote: str) -> str:
    """What an indirect statement reports, as the object of "said that": without a leading
    "that" of its own and without a closing full stop (the citation adds one)."""
    text = inline(quote).rstrip(" .")
    return re.sub(r"^that\s+", "", text, flags=re.IGNORECASE)


def _quoted(text: str) -> str:
    """`text` in quotation marks, the double ones inside it made single so the marks still
    show where the words begin and end."""
    inner = inline(text).replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    return '"' + inner.replace('"', "'") + '"'


def claim(row: Row) -> str:
    """The row's words: speech in quotation marks or reported, an event or a figure with the
    article's sentence quoted (the article's words, word for word)."""
    if isinstance(row, StatementRow):
        who = inline(row.speaker) or "Someone"
        when = day_phrase(row.date, row.date_precision)
        said = f"{who} said {when}".rstrip()
        if row.mode == "direct":
            return f"{said}: {_quoted(row.quote)}"
        return f"{said} that {reported_clause(row.quote)}."
    if isinstance(row, EventRow):
        head = inline(row.kind).capitalize() or "Event"
        parts = [status_word(row.kind, row.status)]
        if row.location:
            parts.append(f"in {inline(row.location)}")
        when = day_phrase(row.date, row.date_precision)
        if when:
            parts.append(when)
        return f"{head} ({', '.join(parts)}): {_quoted(row.evidence)}"
    running = "running total of " if row.cumulative else ""
    figure = (f"{inline(row.kind)}: {running}{QUALIFIER_WORDS.get(row.qualifier, '')}"
              f"{format_number(row.value)}")
    parts = []
    if row.claimant:
        parts.append(f"according to {inline(row.claimant)}")
    if row.side:
        parts.append(f"side {inline(row.side)}")
    if row.location:
        parts.append(f"in {inline(row.location)}")
    when = day_phrase(row.date, row.date_precision)
    if when:
        parts.append(when)
    extra = f" ({', '.join(parts)})" if parts else ""
    return f"{figure}{extra}: {_quoted(row.evidence)}"


def source_label(row: Row) -> str:
    """Who published it and when: "Wire, 2025-02-18" (the headline when the outlet is not
    known, the article's id when neither is)."""
    name = inline(row.outlet) or inline(row.article_title) or f"article {row.article_id}"
    return f"{name}, {row.reported[:10]}" if row.reported else f"{name}, undated"


def citation(row: Row) -> str:
    """The row cited as plain text: its words, then (outlet, article date, URL)."""
    parts = [source_label(row)]
    url = inline(row.url)
    if url:
        parts.append(url)
    return f"{claim(row)} ({', '.join(parts)})"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def markdown_escape(text: str) -> str:
    """`text` shown literally by a Markdown renderer (no emphasis, link or HTML from it)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_url(url: str) -> str:
    """`url` safe inside a Markdown link's parentheses (spaces, brackets and quotes escaped)."""
    return url_quote(inline(url), safe="/:?#[]@!$&'*+,;=%~-._")\
        .replace("(", "%28").replace(")", "%29").replace("[", "%5B").replace("]", "%5D")


def markdown_citation(row: Row) -> str:
    """The row cited as Markdown: its words, then ([outlet, article date](URL)). Without a
    URL the source is plain text."""
    label = markdown_escape(source_label(row))
    url = inline(row.url)
    source = f"[{label}]({markdown_url(url)})" if url else label
    return f"{markdown_escape(claim(row))} ({source})"
