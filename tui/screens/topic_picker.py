"""The topic picker: statements on one topic (ceasefire, sanctions...), or on any."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.views import known_topics
from tui.css import css_beside
from tui.screens.picker import ANY, ListPicker


class TopicPicker(ListPicker):
    """Dismisses with a topic, ANY to clear the topic filter, or None on Esc."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker") as box:
            box.border_title = "Statements on a topic — Enter picks, Esc cancels"
            yield OptionList(id="topic-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.add_option(Option(Text("(any topic)", style="italic"), id=ANY))
        topics = known_topics()
        for topic in topics:
            options.add_option(Option(topic.replace("_", " "), id=topic))
        options.highlighted = topics.index(self.current) + 1 if self.current in topics else 0
        options.focus()
