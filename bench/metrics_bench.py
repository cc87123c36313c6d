"""Times the Metrics pane's reads on a big store: the grouped query (each happening once, per
claimant's series: store.query.metric_summary) and the chart's series (metric_series, each
kind by its main series, and every series side by side), each under no filter and a month's
window. Medians and p95 over the kinds and repeats, in ms."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from store.query import Filters, Reader, distinct_values, latest_date, metric_series, metric_summary


@dataclass(frozen=True, slots=True)
class MetricsTimes:
    grouped_median_ms: float
    grouped_p95_ms: float
    chart_median_ms: float
    chart_p95_ms: float
    happenings: int


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def time_metrics(store: Path, repeats: int = 3) -> MetricsTimes:
    reader = Reader(store)
    try:
        conn = reader.conn()
        kinds = distinct_values(conn, "metrics")
        last = latest_date(conn) or "2026-01-31"
        windows = [Filters(), Filters(date_from=last[:8] + "01", date_to=last)]
        grouped: list[float] = []
        chart: list[float] = []
        for _ in range(repeats):
            for kind in kinds:
                for filters in windows:
                    started = time.perf_counter()
                    summary = metric_summary(conn, kind, filters)
                    grouped.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    main = summary.main.series if summary.main is not None else None
                    metric_series(conn, (kind,), filters, series=main)
                    metric_series(conn, (kind,), filters, split="claimant")
                    chart.append((time.perf_counter() - started) * 1000)
        happenings = conn.execute("SELECT count(*) FROM happenings").fetchone()[0]
    finally:
        reader.close()
    return MetricsTimes(statistics.median(grouped), _p95(grouped), statistics.median(chart),
                        _p95(chart), int(happenings))
