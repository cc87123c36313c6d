"""The strip under a table that shows its selected row whole: the words (a quote, an event's
sentence, a figure's evidence), wrapped, then its facts (who, how said, its date and its
article's, status, claimant, outlet, topics).

Shown in the focused pane only (at 80×24 an unfocused pane has four rows to spare, not
eight). Its height is fixed, so showing another row repaints it without a layout pass.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.widget import Widget

from store.sanitize import printable
from tui.text import clip

STRIP_LINES = 4


FACT_SEPARATOR = " · "


def pack_facts(console: Console, facts: list[str], width: int) -> list[Text]:
    """`facts` on as few lines of `width` as they fit, " · " between them, each fact broken
    across lines only when it is wider than a line."""
    lines: list[Text] = []
    line = Text()
    for raw in facts:
        fact = Text(printable(" ".join(raw.split())))
        if line.plain and line.cell_len + len(FACT_SEPARATOR) + fact.cell_len <= width:
            line.append(FACT_SEPARATOR, style="dim")
            line.append_text(fact)
            continue
        if line.plain:
            lines.append(line)
        if fact.cell_len <= width:
            line = fact
        else:
            *whole, line = list(fact.wrap(console, width)) or [Text()]
            lines += whole
    if line.plain:
        lines.append(line)
    return lines


def strip_lines(console: Console, words: Text, facts: list[str], width: int,
                height: int = STRIP_LINES) -> list[Text]:
    """`words` then `facts`, wrapped to `width`, in `height` lines: the facts whole (they are
    short, and say whose the words are), the words in what is left, the last cut with "…"."""
    if width <= 0 or height <= 0:
        return []
    fact_lines = pack_facts(console, facts, width)[:height]
    room = max(0, height - len(fact_lines))
    word_lines = list(words.wrap(console, width)) if words.plain else []
    if len(word_lines) > room:
        word_lines = word_lines[:room]
        if word_lines:
            last = word_lines[-1]
            last.rstrip()
            if last.cell_len >= width:
                last = clip(last, width - 1)
                last.rstrip()
            last.append("…", style="dim")
            word_lines[-1] = last
    return [*word_lines, *fact_lines]


class DetailStrip(Widget):
    SCOPED_CSS = False  # the rule naming its pane's focus must not be prefixed with this type
    DEFAULT_CSS = """
    DetailStrip {
        height: 4;
        width: 1fr;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    Pane:focus-within DetailStrip {
        display: block;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words = Text()
        self.facts: list[str] = []

    def show(self, words: Text | None, facts: list[str] | None) -> None:
        """Show a row's words and facts (None, None: no row selected)."""
        self.words = words or Text()
        self.facts = list(facts or [])
        self.refresh()

    @property
    def plain(self) -> str:
        """The whole text, unwrapped and uncut (for tests and the tmux check)."""
        facts = FACT_SEPARATOR.join(" ".join(f.split()) for f in self.facts)
        return "\n".join(t for t in (self.words.plain, facts) if t)

    def render(self) -> Text:
        region = self.content_region
        lines = strip_lines(self.app.console, self.words, self.facts,
                            region.width or self.size.width, region.height or STRIP_LINES)
        return Text("\n").join(lines) if lines else Text()
