"""Search in the query layer against the same FTS5 MATCH run by plain sqlite3.

Both sides run on the same connection, warm, with the same MATCH expression (store.search's
fts_query of the word) and the same LIMIT, for every table a search fills in the dashboard:
statements, events, and metrics of the kind the metrics pane shows first.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from store.db import ID_MASK
from store.query import Filters, distinct_values, fetch_page
from store.search import fts_query
from tui.panes.metrics import order_kinds

# Words an analyst types: people, places, weapons, topics, a prefix and a miss.
SEARCH_WORDS: tuple[str, ...] = (
    "Peskov", "Zelensky", "Pokrovsk", "ceasefire", "Witkoff", "Izmail", "prisoners", "Kallas",
    "Oryol", "truce", "Kharkiv", "Shahed", "Istanbul", "sanctions", "Budanov", "Kupiansk",
    "refinery", "Pesk", "Kinzhal", "guarantees", "Gladkov", "Riyadh",
)

PAGE_LIMIT = 50

# The plain query per dashboard table: the same FTS5 MATCH on the same index, LIMIT rows,
# fetched with their columns, in whatever order the index gives them (the query layer also
# orders them newest first and builds rows). Rows are indexed under a sort key whose low
# ID_BITS bits are the row id.
PLAIN_SQL = {
    table: f"SELECT t.* FROM {table}_fts f JOIN {table} t ON t.id = (f.rowid & {ID_MASK}) "
           f"WHERE {table}_fts MATCH ?" + (" AND t.kind = ?" if table == "metrics" else "") +
           " LIMIT ?"
    for table in ("statements", "events", "metrics")
}


@dataclass(slots=True)
class SearchComparison:
    query_layer_ms: list[float]  # per word, all three tables
    plain_ms: list[float]

    @property
    def ratio(self) -> float:
        """Query layer / plain sqlite3 over the whole word list (ratio of total times)."""
        return sum(self.query_layer_ms) / max(sum(self.plain_ms), 1e-9)

    @property
    def query_layer_p95_ms(self) -> float:
        return percentile(self.query_layer_ms, 95)

    @property
    def plain_p95_ms(self) -> float:
        return percentile(self.plain_ms, 95)


def percentile(values: list[float], pct: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def compare_search(store: Path, words: tuple[str, ...] = SEARCH_WORDS, repeats: int = 3) -> \
        SearchComparison:
    """Best-of-`repeats` time per word for the query layer and for plain sqlite3."""
    conn = sqlite3.connect(str(store), isolation_level=None)
    conn.execute("PRAGMA query_only = 1")
    layer: list[float] = []
    plain: list[float] = []
    # The metrics pane shows one kind at a time, first the one it orders first.
    kinds = order_kinds(distinct_values(conn, "metrics"))
    extra: dict[str, str | None] = {"metrics": kinds[0] if kinds else None}
    try:
        for word in words:
            match = fts_query(word)
            best_layer = best_plain = float("inf")
            for _ in range(repeats):
                started = time.perf_counter()
                for table in PLAIN_SQL:
                    fetch_page(conn, table, Filters(search=word), limit=PAGE_LIMIT,
                               extra=extra.get(table))
                best_layer = min(best_layer, time.perf_counter() - started)
                started = time.perf_counter()
                for table, sql in PLAIN_SQL.items():
                    args = (match, extra[table]) if table in extra else (match,)
                    conn.execute(sql, (*args, PAGE_LIMIT + 1)).fetchall()
                best_plain = min(best_plain, time.perf_counter() - started)
            layer.append(best_layer * 1000)
            plain.append(best_plain * 1000)
    finally:
        conn.close()
    return SearchComparison(layer, plain)
