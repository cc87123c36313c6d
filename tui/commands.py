"""The command palette (Ctrl+P): the dashboard's actions, found by typing part of their name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, action) — the same actions as the keys.
PALETTE: list[tuple[str, str, str]] = [
    ("Search", "search statements, events and articles (/)", "search"),
    ("Clear search", "drop the search text (Esc)", "clear_search"),
    ("Pick actor", "only rows about one actor, matched fuzzily (a)", "pick_actor"),
    ("Pick event kind", "only timeline events of one kind (t)", "pick_kind"),
    ("Pick oblast", "a map of events by oblast; only one oblast's events and metrics (o)",
     "pick_oblast"),
    ("Earlier month", "move the date window one month back ([)", "window(-1)"),
    ("Later month", "move the date window one month on (])", "window(1)"),
    ("Reset filters", "clear search, actor, kind and dates (r)", "reset"),
    ("Export view", "write the focused pane's rows to CSV or JSON (e)", "export"),
    ("Copy citation", "copy the selected row as a citation, via OSC 52 (y)", "copy"),
    ("Refresh", "reload every pane from the store (ctrl+r)", "refresh"),
    ("Focus timeline", "go to the timeline pane (1)", "focus_pane('timeline')"),
    ("Focus statements", "go to the statements pane (2)", "focus_pane('statements')"),
    ("Focus metrics", "go to the metrics pane (3)", "focus_pane('metrics')"),
    ("Split metrics", "every claimant's, then every side's figures side by side, as columns "
     "and in the chart (c)", "split_metrics"),
    ("Metric buckets", "chart by day, week, month, or as the window's span suggests (b)",
     "metric_buckets"),
    ("Focus source", "go to the source pane (4)", "focus_pane('source')"),
    ("Keys", "show every key (?)", "help"),
    ("Quit", "leave sitrep (q)", "quit"),
]


class SitrepCommands(Provider):
    """Offers every dashboard action in the command palette."""

    async def discover(self) -> Hits:
        for title, help_text, action in PALETTE:
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in PALETTE:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
