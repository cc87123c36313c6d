"""A horizontal bar chart over time drawn with block characters: one line per day, week or
month, newest at the bottom, as many as fit. Readable at 80×24 and without colour (each
group's bar is labelled with its letter). Buckets without figures between two with figures
are said as a gap, never closed up; labels carry the year when the buckets span more than one
(a month's always does)."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from rich.text import Text
from textual.widget import Widget

from store.query import SeriesPoint
from tui.text import format_number

GROUP_STYLES = ["bold cyan", "bold yellow", "bold magenta", "bold green", "bold red"]
SIDE_STYLES = {"Russia": "bold red", "Ukraine": "bold blue"}
EIGHTHS = " ▏▎▍▌▋▊▉"


def _day(bucket: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(bucket[:10])
    except ValueError:
        return None


def buckets_between(earlier: dt.date, later: dt.date, bucket: str) -> int:
    """How many buckets lie strictly between the buckets starting on these days."""
    if bucket == "month":
        return (later.year - earlier.year) * 12 + later.month - earlier.month - 1
    step = 7 if bucket == "week" else 1
    return (later - earlier).days // step - 1


def bar(value: float, top: float, width: int) -> str:
    if top <= 0 or width <= 0:
        return ""
    units = max(0.0, value) / top * width * 8
    full, part = divmod(int(round(units)), 8)
    out = "█" * full + (EIGHTHS[part] if part else "")
    if not out and value > 0:
        out = "▏"
    return out


class BarChart(Widget):
    """Bars per time bucket for one or more groups (sides, or kinds such as killed/injured)."""

    DEFAULT_CSS = """
    BarChart { height: auto; max-height: 12; min-height: 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[SeriesPoint] = []
        self.caption = ""
        self.whose = ""
        self.bucket = "day"  # store.query.BUCKETS
        self.letters: dict[str, str] = {}
        self.legend: dict[str, str] = {}

    def set_series(
        self, points: list[SeriesPoint], caption: str, bucket: str = "day",
        letters: dict[str, str] | None = None, legend: dict[str, str] | None = None,
        whose: str = "",
    ) -> None:
        """Show `points`; `letters` labels a group's bars (default: the group's initial), and
        when several groups show and `legend` names them all, the caption says which is which
        ("drones per day · L launched, I intercepted"), then `whose` figures they are (the
        caption line is cut at the width: what reads the bars comes first)."""
        self.points = points
        self.caption = caption
        self.whose = whose
        self.bucket = bucket
        self.letters = letters or {}
        self.legend = legend or {}
        self.refresh(layout=True)

    def buckets(self) -> OrderedDict[str, dict[str, float]]:
        out: OrderedDict[str, dict[str, float]] = OrderedDict()
        for p in self.points:
            out.setdefault(p.bucket, {})[p.group] = p.value
        return out

    def lines(self) -> list[tuple[str, str, float]]:
        """The chart's lines, oldest first: (bucket, group, value) for a bar, or for a gap
        (the bucket after it, "", how many buckets are missing)."""
        buckets = self.buckets()
        groups = sorted({g for v in buckets.values() for g in v})
        lines: list[tuple[str, str, float]] = []
        before: dt.date | None = None
        for bucket, values in buckets.items():
            day = _day(bucket)
            missing = (buckets_between(before, day, self.bucket)
                       if before is not None and day is not None else 0)
            if missing > 0:
                lines.append((bucket, "", missing))
            before = day
            for g in groups:
                if g in values:
                    lines.append((bucket, g, values[g]))
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[override]
        # the gap lines too: else the oldest bars are cut to make room for them
        return max(2, min(11, len(self.lines()) + 1))

    def render(self) -> Text:
        width = max(10, self.size.width)
        height = max(1, self.size.height)
        text = Text(no_wrap=True, overflow="crop")
        text.append(self.caption or "chart", style="bold")
        buckets = self.buckets()
        if not buckets:
            if self.whose:
                text.append(f" · {self.whose}")
            if text.cell_len > width:
                text.truncate(width, overflow="ellipsis")
            text.append("\nno dated values to chart", style="dim")
            return text
        groups = sorted({g for v in buckets.values() for g in v})
        letters = {g: (self.letters.get(g, g[:1].upper()) if len(groups) > 1 else "")
                   for g in groups}
        if len(groups) > 1 and all(g in self.legend for g in groups):
            text.append(" · " + ", ".join(f"{letters[g]} {self.legend[g]}" for g in groups),
                        style="dim")
        if self.whose:
            text.append(f" · {self.whose}")
        if text.cell_len > width:  # one line, cut: not wrapped over the bars
            text.truncate(width, overflow="ellipsis")
        styles = {
            g: SIDE_STYLES.get(g, GROUP_STYLES[i % len(GROUP_STYLES)])
            for i, g in enumerate(groups)
        }
        lines = self.lines()
        lines = lines[-(height - 1):] if height > 1 else []
        bars = [v for _, g, v in lines if g]
        top = max(bars) if bars else 0
        # The year wherever the buckets span more than one: 2025-12-31 next to 2026-01-01.
        years = {b[:4] for b in buckets}
        label_w = 8 if self.bucket == "month" else 11 if len(years) > 1 else 6
        value_w = max(len(format_number(v)) for v in bars) if bars else 1
        letter_w = max(len(letters[g]) for g in groups) + 1 if len(groups) > 1 else 0
        bar_w = max(1, width - label_w - letter_w - value_w - 2)
        previous = None
        for bucket, g, v in lines:
            text.append("\n")
            if not g:  # a gap stays a gap: the bars are not closed up over it
                unit = self.bucket
                text.append(" " * label_w + f"┊ {format_number(v)} {unit}"
                            f"{'s' if v != 1 else ''} without figures", style="dim")
                previous = None
                continue
            label = (bucket[:7] if self.bucket == "month" else bucket[:10] if label_w == 11
                     else bucket[5:10]) if bucket != previous else ""
            previous = bucket
            text.append(label.ljust(label_w), style="dim")
            if letter_w:
                text.append(letters[g].ljust(letter_w), style=styles[g])
            text.append(bar(v, top, bar_w), style=styles[g])
            text.append(" " + format_number(v))
        return text
