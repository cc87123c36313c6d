"""Source: the article behind a row, shown literally, the evidence sentence highlighted and
scrolled into view."""

from __future__ import annotations

import re
import shlex

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.worker import get_current_worker

from store.query import ArticleRow, Filters, ReadError, explain_sentence, get_article
from store.sanitize import printable
from tui.css import css_beside
from tui.panes.base import Pane
from tui.text import EVIDENCE_STYLE, MATCH_STYLE, plain, search_pattern

MAX_SHOWN = 100_000  # longer articles show this many characters around the evidence
PLACEHOLDER = Text("Enter on a row of any pane shows its article here.", style="dim")


class SourceView(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "End", show=False),
        Binding("enter", "evidence", "Show evidence", show=False),
    ]

    def action_evidence(self) -> None:
        self.query_ancestor(SourcePane).scroll_to_evidence()


class SourcePane(Pane):
    TITLE = "4 Source"
    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: ArticleRow | None = None
        self.span: tuple[int, int] | None = None
        self.evidence = ""
        self.body = Text()
        self.highlight: tuple[int, int] | None = None  # the evidence, in `body` offsets
        self.header_lines = 0
        self.rule = ""  # the extraction rule that made the row shown
        self.sentence: int | None = None  # its sentence, numbered as `sitrep explain` does
        self.row: object = None  # the row shown (y and Y cite it)

    def compose(self) -> ComposeResult:
        with SourceView(id="source-view"):
            yield Static(PLACEHOLDER, id="source-text")

    def on_mount(self) -> None:
        self.set_title("")

    def citable_row(self) -> object:
        return self.row if self.article is not None else None

    def citation_text(self, markdown: bool) -> str | None:
        if self.article is not None and self.row is None:  # the article's sentence, quoted
            text = f'"{plain(self.evidence)}" — {plain(self.article.title)}'
            return text + (f", {self.article.published}" if self.article.published else "")
        return super().citation_text(markdown)

    def action_copy(self) -> None:
        if self.article is None:
            self.app.notify("Nothing to copy: open a row's article first", severity="warning")
            return
        super().action_copy()

    def action_copy_citation(self) -> None:
        if self.article is None:
            self.app.notify("Nothing to copy: open a row's article first", severity="warning")
            return
        super().action_copy_citation()

    def relevant(self, filters: Filters) -> Filters:
        return Filters(search=filters.search)

    def reload(self) -> None:
        if self.article is not None:
            self._render_article()

    def show_empty_store(self, note: Text | None) -> None:
        if self.article is None:
            self.query_one("#source-text", Static).update(note or PLACEHOLDER)

    def show(
        self, article_id: str, span_start: int, span_end: int, evidence: str, rule: str = "",
        row: object = None,
    ) -> None:
        self.span = (span_start, span_end)
        self.evidence = evidence
        self.rule = rule
        self.row = row
        self._load(article_id, span_start)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load(self, article_id: str, offset: int) -> None:
        worker = get_current_worker()
        sentence: int | None = None
        try:
            conn = self.app.reader.conn(lambda: worker.is_cancelled)  # type: ignore[attr-defined]
            article = get_article(conn, article_id)
            if article is not None:
                sentence = explain_sentence(article.text, offset)
        except ReadError as exc:
            self.app.call_from_thread(
                self.app.notify, f"cannot read the article: {exc}", severity="error",
                markup=False,
            )
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._set_article, article, sentence)

    def _set_article(self, article: ArticleRow | None, sentence: int | None = None) -> None:
        self.article = article
        self.sentence = sentence
        self._render_article()
        self.call_after_refresh(self.scroll_to_evidence)

    def _render_article(self) -> None:
        article = self.article
        static = self.query_one("#source-text", Static)
        if article is None:
            static.update(Text("That article is no longer in the store.", style="dim"))
            self.set_title("")
            return
        text = article.text
        start, end = self.span or (0, 0)
        if not (0 <= start <= end <= len(text)) or text[start:end] != self.evidence:
            found = text.find(self.evidence) if self.evidence else -1
            start, end = (found, found + len(self.evidence)) if found >= 0 else (0, 0)
        prefix_note = suffix_note = ""
        lo, hi = 0, len(text)
        if len(text) > MAX_SHOWN:
            lo = max(0, start - MAX_SHOWN // 2)
            hi = min(len(text), lo + MAX_SHOWN)
            prefix_note = f"… {lo:,} characters before …\n" if lo else ""
            suffix_note = f"\n… {len(text) - hi:,} characters after …" if hi < len(text) else ""
        head = Text()
        head.append(printable(article.title or "(untitled)"), style="bold")
        meta = " · ".join(
            printable(v) for v in (article.published, article.source, article.url) if v
        )
        head.append("\n" + (meta or "no date or source"), style="dim")
        head.append_text(self.why_line(article))
        head.append("\n\n")
        self.header_lines = head.plain.count("\n")
        before = printable(text[lo:start]) if end > start else printable(text[lo:hi])
        body = Text(prefix_note, style="dim")
        body.append(before)
        if end > start:
            h0 = len(body.plain)
            body.append(printable(text[start:end]), style=EVIDENCE_STYLE)
            self.highlight = (h0, len(body.plain))
            body.append(printable(text[end:hi]))
        else:
            self.highlight = None
        body.append(suffix_note, style="dim")
        pattern: re.Pattern[str] | None = search_pattern(self.filters.search_text)
        if pattern is not None:
            body.highlight_regex(pattern, MATCH_STYLE)
        self.body = body
        static.update(head + body)
        title = Text(printable(article.title or article.id), no_wrap=True)
        title.truncate(60, overflow="ellipsis")
        self.border_title = Text.assemble(Text(self.TITLE, style="bold"), " ", title)

    def why_line(self, article: ArticleRow) -> Text:
        """The rule that made the row, and the command that shows why (its sentence's trace)."""
        line = Text("\n")
        line.append("rule ", style="dim")
        line.append(printable(self.rule) if self.rule else "not recorded (ingested before "
                    "rules were named)", style="bold" if self.rule else "dim italic")
        command = f"sitrep explain {shlex.quote(printable(article.path or 'FILE'))}"
        if self.sentence is not None:
            command += f" --sentence {self.sentence}"
        line.append(" · why: ", style="dim")
        line.append(command, style="italic")
        return line

    def highlighted_text(self) -> str:
        if self.highlight is None:
            return ""
        return self.body.plain[self.highlight[0]: self.highlight[1]]

    def evidence_line(self, width: int) -> int:
        """The wrapped line (from the top of the text) where the evidence starts."""
        if self.highlight is None or width <= 0:
            return 0
        prefix = Text(self.body.plain[: self.highlight[0]] + "x")
        lines = prefix.wrap(self.app.console, width)
        return self.header_lines + len(lines) - 1

    def scroll_to_evidence(self) -> None:
        view = self.query_one(SourceView)
        static = self.query_one("#source-text", Static)
        width = static.content_region.width or static.size.width
        line = self.evidence_line(width)
        view.scroll_to(y=max(0, line - max(1, view.size.height // 3)), animate=False,
                       immediate=True)

    def focus_main(self) -> None:
        self.screen.set_focus(self.query_one(SourceView))  # at once: see Pane.focus_main
