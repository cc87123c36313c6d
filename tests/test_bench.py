"""The benchmarks run: a tiny size end to end, every figure present and positive.

No speed is asserted (test machines are noisy); `python bench/run.py` is where speed is read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.generate import StoreSize, build_store, write_articles
from store.db import open_store, row_counts

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_KEYS = (
    "ingest_articles_per_s", "baseline_articles_per_s", "ingest_speedup", "workers_speedup",
    "first_screen_s", "search_p95_ms", "search_vs_sqlite", "pgdn_ms", "end_ms", "peak_rss_mb",
    "rows", "metrics_grouped_p95_ms", "metrics_chart_p95_ms", "happenings",
    "metrics_claimant_table_p95_ms", "oblast_timeline_p95_ms", "oblast_metrics_p95_ms",
    "oblast_grouped_p95_ms", "oblast_chart_p95_ms",
)


def test_generated_articles_vary_and_ingest(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "articles", 6)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 6
    assert all(len(t) > 1000 for t in texts)
    assert any(t.startswith("date ") for t in texts)
    assert list((tmp_path / "articles").glob("*.meta.json"))


def test_bulk_store_is_a_real_store(tmp_path: Path) -> None:
    path = tmp_path / "bulk.db"
    counts = build_store(path, StoreSize(50, 400, 300, 200))
    assert counts["statements"] == 400 and counts["events"] == 300
    assert counts["metrics"] == 200 and counts["articles"] == 50
    db = open_store(path)
    # The FTS index was rebuilt and its triggers are back: new rows are searchable.
    assert db.conn.execute("SELECT count(*) FROM statements_fts").fetchone()[0] == 400
    db.conn.execute(
        "INSERT INTO statements (article_id, speaker, quote, mode, evidence, span_start, "
        "span_end) SELECT id, 'X', 'zyzzyva', 'direct', 'zyzzyva', 0, 7 FROM articles LIMIT 1"
    )
    hits = db.conn.execute(
        "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'zyzzyva'"
    ).fetchone()[0]
    assert hits == 1
    assert row_counts(db)["statements"] == 401
    # Its metrics and events are grouped into happenings, as ingest groups them.
    for table in ("metrics", "events"):
        assert db.conn.execute(f"SELECT count(*) FROM {table} WHERE date IS NOT NULL "
                               "AND happening_id IS NULL").fetchone()[0] == 0
    assert db.conn.execute("SELECT count(*) FROM happenings h WHERE reports < 1 OR value IS "
                           "NULL AND EXISTS (SELECT 1 FROM metrics m WHERE m.happening_id = "
                           "h.id)").fetchone()[0] == 0


def test_run_tiny_prints_table_and_json(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--size", "tiny", "--keep",
         str(tmp_path)],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.strip().splitlines()
    assert any("first full screen" in line for line in lines)
    figures = json.loads(lines[-1])
    for key in REQUIRED_KEYS:
        assert key in figures, key
        assert isinstance(figures[key], int | float) and figures[key] > 0, (key, figures[key])
    assert figures["rows"] >= 5300


def test_peak_rss_is_the_measured_process_own() -> None:
    """The dashboard benchmark runs in a child of the runner, which has held articles,
    dateparser and an ingest pool: the child's peak must not include the parent's."""
    ballast = bytearray(300 * 1024 * 1024)
    for i in range(0, len(ballast), 4096):  # touch every page so it is resident
        ballast[i] = 1
    code = "from bench.dashboard_bench import peak_rss_mb; print(peak_rss_mb())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    del ballast
    assert 0 < float(out) < 150
