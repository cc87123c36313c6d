"""Times the Metrics pane's reads on a big store, as the pane makes them:

* grouped: the totals per claimant's series (each happening once: store.query.metric_summary);
* chart: what the chart worker reads besides that: the span its buckets are chosen by
  (metric_span), the main series' buckets, every series side by side, the running total and
  the share intercepted;
* claimant table: the table `c` shows, one column per claimant · side (claimant_table,
  given the summary read already, as the pane gives it);
* one oblast: the first timeline page and the next ones (PgDn) under an oblast filter, the
  same for the metrics table (with each launched count's intercepted partner), and that
  oblast's totals (grouped) and chart reads.

Each under no filter and a month's window (and the oblast ones for the busiest oblasts).
Medians and p95 over the kinds and repeats, in ms."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.query import (
    INTERCEPTED,
    Filters,
    Reader,
    choose_bucket,
    claimant_table,
    distinct_values,
    fetch_page,
    interception,
    latest_date,
    metric_series,
    metric_span,
    metric_summary,
    running_total,
)

PAGES = 4  # pages read per oblast table: the first and three PgDn


@dataclass(frozen=True, slots=True)
class MetricsTimes:
    grouped_median_ms: float
    grouped_p95_ms: float
    chart_median_ms: float
    chart_p95_ms: float
    claimant_table_median_ms: float
    claimant_table_p95_ms: float
    oblast_timeline_median_ms: float
    oblast_timeline_p95_ms: float
    oblast_metrics_median_ms: float
    oblast_metrics_p95_ms: float
    oblast_grouped_median_ms: float
    oblast_grouped_p95_ms: float
    oblast_chart_median_ms: float
    oblast_chart_p95_ms: float
    happenings: int
    oblasts_timed: list[str]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _pages(conn: Any, table: str, filters: Filters, extra: str | None) -> list[float]:
    """The first page, then PgDn from its last row: each one's time."""
    times: list[float] = []
    key = None
    for _ in range(PAGES):
        started = time.perf_counter()
        page = fetch_page(conn, table, filters, after=key, extra=extra)
        times.append((time.perf_counter() - started) * 1000)
        if not page.rows or not page.more_after:
            break
        key = page.rows[-1].key
    return times


def _chart(conn: Any, kind: str, filters: Filters, summary: Any) -> None:
    """The chart worker's reads after the summary (tui.panes.metrics._load_chart): the main
    series of the kind charted beside it, the span, each kind's main series' bars, every
    series side by side (what c shows), the running total and the share intercepted."""
    kinds = (kind, INTERCEPTED[kind]) if kind in INTERCEPTED else (kind,)
    mains = {k: (summary if k == kind else metric_summary(conn, k, filters)).main
             for k in kinds}
    series = {k: m.series if m is not None else None for k, m in mains.items()}
    spans = [span for k in kinds if (span := metric_span(conn, (k,), filters, series=series[k]))]
    bucket = choose_bucket((min(s[0] for s in spans), max(s[1] for s in spans))
                           if spans else None)
    for k in kinds:
        metric_series(conn, (k,), filters, series=series[k], bucket=bucket)
    metric_series(conn, kinds, filters, split="claimant", bucket=bucket)
    running_total(conn, kind, filters)
    if kind in INTERCEPTED:
        interception(conn, kind, INTERCEPTED[kind], filters, series[kind])


def time_metrics(store: Path, repeats: int = 3) -> MetricsTimes:
    reader = Reader(store)
    try:
        conn = reader.conn()
        kinds = distinct_values(conn, "metrics")
        last = latest_date(conn) or "2026-01-31"
        windows = [Filters(), Filters(date_from=last[:8] + "01", date_to=last)]
        oblasts = [row[0] for row in conn.execute(
            "SELECT oblast FROM metrics WHERE oblast IS NOT NULL GROUP BY oblast "
            "ORDER BY count(*) DESC LIMIT 3")]
        grouped: list[float] = []
        chart: list[float] = []
        grid: list[float] = []
        timeline: list[float] = []
        metrics: list[float] = []
        oblast_grouped: list[float] = []
        oblast_chart: list[float] = []
        for _ in range(repeats):
            for kind in kinds:
                for filters in windows:
                    started = time.perf_counter()
                    summary = metric_summary(conn, kind, filters)
                    grouped.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    _chart(conn, kind, filters, summary)
                    chart.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    claimant_table(conn, kind, filters, bucket="day", summary=summary)
                    grid.append((time.perf_counter() - started) * 1000)
            for oblast in oblasts:
                for filters in windows:
                    narrowed = Filters(oblast=oblast, date_from=filters.date_from,
                                       date_to=filters.date_to)
                    timeline += _pages(conn, "events", narrowed, None)
                    for kind in ("drones", kinds[0]):
                        metrics += _pages(conn, "metrics", narrowed, kind)
                        started = time.perf_counter()
                        summary = metric_summary(conn, kind, narrowed)
                        oblast_grouped.append((time.perf_counter() - started) * 1000)
                        started = time.perf_counter()
                        _chart(conn, kind, narrowed, summary)
                        oblast_chart.append((time.perf_counter() - started) * 1000)
        happenings = conn.execute("SELECT count(*) FROM happenings").fetchone()[0]
    finally:
        reader.close()
    timeline, metrics = timeline or [0.0], metrics or [0.0]
    oblast_grouped, oblast_chart = oblast_grouped or [0.0], oblast_chart or [0.0]
    return MetricsTimes(
        statistics.median(grouped), _p95(grouped), statistics.median(chart), _p95(chart),
        statistics.median(grid), _p95(grid), statistics.median(timeline), _p95(timeline),
        statistics.median(metrics), _p95(metrics), statistics.median(oblast_grouped),
        _p95(oblast_grouped), statistics.median(oblast_chart), _p95(oblast_chart),
        int(happenings), oblasts)
