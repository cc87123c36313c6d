"""`sitrep eval`: score the extractor against gold annotations in the contract's format.

Matching (the same rules as the project's independent scorer, written here from the spec):
greedy one-to-one pairing, best score first. Statements pair when the speakers agree (the same
words, or the same surname with Zelensky / Zelenskyy / Zelenskiy folded together) and the quotes
share a token F1 of at least 0.5; metrics when kind and value agree (evidence overlap breaks
ties); events when the kind agrees and the evidence sentences share a token F1 of at least 0.6.
Speaker accuracy is over quotes found by text alone; side accuracy over paired metrics whose gold
names a side; date accuracy over paired events whose gold names a date. Only the contract's
metric and event kinds are scored.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.extract.gazetteer import fold

EVENT_KINDS = frozenset({"talks", "call", "meeting", "strike", "advance", "ceasefire",
                         "deployment", "sanctions", "agreement"})
METRIC_KINDS = frozenset({"territory_km2", "missiles", "drones", "killed", "injured",
                          "prisoners", "troops"})
QUOTE_MATCH = 0.5
EVIDENCE_MATCH = 0.6

Record = dict[str, Any]
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokens(text: str | None) -> list[str]:
    # The extractor's own fold (NFKD, straight apostrophes, lower case) before tokenising.
    return _TOKEN.findall(fold(text or ""))


def token_f1(a: str | None, b: str | None) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(tb.values()), common / sum(ta.values())
    return 2 * precision * recall / (precision + recall)


def surname_key(name: str | None) -> str:
    words = tokens(name)
    return re.sub(r"(yy|iy|ii|y|i)$", "y", words[-1]) if words else ""


def same_speaker(gold: str | None, pred: str | None) -> bool:
    g, p = tokens(gold), tokens(pred)
    return g == p or (bool(g) and bool(p) and surname_key(gold) == surname_key(pred))


def pair(gold: list[Record], pred: list[Record],
         score: Callable[[Record, Record], float]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), best score first."""
    scored = sorted(((score(g, p), i, j) for i, g in enumerate(gold)
                     for j, p in enumerate(pred)), key=lambda t: (-t[0], t[1], t[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for value, i, j in scored:
        if value <= 0 or i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return pairs


def statement_score(g: Record, p: Record) -> float:
    if not same_speaker(g.get("speaker"), p.get("speaker")):
        return 0.0
    return quote_score(g, p)


def quote_score(g: Record, p: Record) -> float:
    f1 = token_f1(g.get("quote"), p.get("quote"))
    return f1 if f1 >= QUOTE_MATCH else 0.0


def metric_score(g: Record, p: Record) -> float:
    try:
        same = g.get("kind") == p.get("kind") and float(g["value"]) == float(p["value"])
    except (KeyError, TypeError, ValueError):
        return 0.0
    return 1.0 + token_f1(g.get("evidence"), p.get("evidence")) if same else 0.0


def event_score(g: Record, p: Record) -> float:
    if g.get("kind") != p.get("kind"):
        return 0.0
    f1 = token_f1(g.get("evidence"), p.get("evidence"))
    return f1 if f1 >= EVIDENCE_MATCH else 0.0


@dataclass
class Counts:
    found: int = 0
    gold: int = 0
    predicted: int = 0

    def add(self, other: Counts) -> None:
        self.found += other.found
        self.gold += other.gold
        self.predicted += other.predicted

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def cell(self) -> str:
        return f"{self.found}/{self.gold}/{self.predicted}"

    def to_dict(self) -> dict[str, float | int]:
        return {"found": self.found, "gold": self.gold, "predicted": self.predicted,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Ratio:
    right: int = 0
    of: int = 0

    def add(self, ok: bool) -> None:
        self.of += 1
        self.right += int(ok)

    def merge(self, other: Ratio) -> None:
        self.right += other.right
        self.of += other.of

    @property
    def value(self) -> float | None:
        return self.right / self.of if self.of else None

    def text(self) -> str:
        return f"{self.right}/{self.of}" if self.of else "-"

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "of": self.of,
                "accuracy": round(self.value, 4) if self.value is not None else None}


@dataclass
class ArticleScore:
    name: str
    statements: Counts = field(default_factory=Counts)
    metrics: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    speaker: Ratio = field(default_factory=Ratio)
    side: Ratio = field(default_factory=Ratio)
    date: Ratio = field(default_factory=Ratio)
    missed_statements: list[Record] = field(default_factory=list)
    error: str | None = None


def score_article(name: str, gold: Record, pred: Record) -> ArticleScore:
    """Pure scoring of one article's prediction against its gold (both contract dicts)."""
    out = ArticleScore(name)
    gs = list(gold.get("statements") or [])
    ps = list(pred.get("statements") or [])
    pairs = pair(gs, ps, statement_score)
    out.statements = Counts(len(pairs), len(gs), len(ps))
    paired_gold = {i for i, _ in pairs}
    out.missed_statements = [g for i, g in enumerate(gs) if i not in paired_gold]
    for i, j in pair(gs, ps, quote_score):
        out.speaker.add(same_speaker(gs[i].get("speaker"), ps[j].get("speaker")))

    gm = [m for m in gold.get("metrics") or [] if m.get("kind") in METRIC_KINDS]
    pm = [m for m in pred.get("metrics") or [] if m.get("kind") in METRIC_KINDS]
    metric_pairs = pair(gm, pm, metric_score)
    out.metrics = Counts(len(metric_pairs), len(gm), len(pm))
    for i, j in metric_pairs:
        if gm[i].get("side"):
            out.side.add(gm[i]["side"] == pm[j].get("side"))

    ge = [e for e in gold.get("events") or [] if e.get("kind") in EVENT_KINDS]
    pe = [e for e in pred.get("events") or [] if e.get("kind") in EVENT_KINDS]
    event_pairs = pair(ge, pe, event_score)
    out.events = Counts(len(event_pairs), len(ge), len(pe))
    for i, j in event_pairs:
        if ge[i].get("date"):
            out.date.add(ge[i]["date"] == pe[j].get("date"))
    return out


@dataclass
class EvalReport:
    articles: list[ArticleScore] = field(default_factory=list)

    def total(self) -> ArticleScore:
        total = ArticleScore("all")
        for a in self.articles:
            total.statements.add(a.statements)
            total.metrics.add(a.metrics)
            total.events.add(a.events)
            total.speaker.merge(a.speaker)
            total.side.merge(a.side)
            total.date.merge(a.date)
        return total

    def format_table(self) -> str:
        lines = [f"{'article':34} {'statements':>11} {'metrics':>9} {'events':>9}"
                 "   (found/gold/predicted)"]
        for a in self.articles:
            if a.error:
                lines.append(f"{a.name[:34]:34} FAILED: {a.error}")
                continue
            lines.append(f"{a.name[:34]:34} {a.statements.cell():>11} {a.metrics.cell():>9} "
                         f"{a.events.cell():>9}")
        t = self.total()
        lines.append("")
        for label, counts in (("statements", t.statements), ("metrics", t.metrics),
                              ("events", t.events)):
            lines.append(f"{label:12} P {counts.precision:.2f}  R {counts.recall:.2f}  "
                         f"F1 {counts.f1:.2f}")
        lines.append(f"speaker right when quote found: {t.speaker.text()} · metric side right: "
                     f"{t.side.text()} · event date right: {t.date.text()} · articles failed: "
                     f"{sum(1 for a in self.articles if a.error)}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        t = self.total()
        return {
            "articles": [{"name": a.name, "error": a.error,
                          "statements": a.statements.to_dict(), "metrics": a.metrics.to_dict(),
                          "events": a.events.to_dict()} for a in self.articles],
            "summary": {"statements": t.statements.to_dict(), "metrics": t.metrics.to_dict(),
                        "events": t.events.to_dict(), "speaker": t.speaker.to_dict(),
                        "side": t.side.to_dict(), "date": t.date.to_dict(),
                        "failed": sum(1 for a in self.articles if a.error)},
        }


def predict(article_path: Path) -> Record:
    """The extractor's contract dict for one article file (as `sitrep extract --json`)."""
    from store.articles import load_article
    from store.extract import extract

    article = load_article(article_path)
    ex = extract(article.text, published=article.published, title=article.title)
    return {"events": [e.to_dict() for e in ex.events],
            "statements": [s.to_dict() for s in ex.statements],
            "metrics": [m.to_dict() for m in ex.metrics]}


def evaluate(articles_dir: Path, gold_dir: Path) -> EvalReport:
    """Score every ARTICLES_DIR/NAME.txt that has a GOLD_DIR/NAME.json."""
    report = EvalReport()
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        if gold_path.name.endswith(".meta.json"):
            continue
        article = Path(articles_dir) / (gold_path.stem + ".txt")
        if not article.exists():
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            report.articles.append(ArticleScore(gold_path.stem, error=f"bad gold: {exc}"))
            continue
        try:
            pred = predict(article)
        except Exception as exc:  # noqa: BLE001 - a failed article scores zero and is reported
            failed = score_article(gold_path.stem, gold, {})
            failed.error = f"{type(exc).__name__}: {exc}"
            report.articles.append(failed)
            continue
        report.articles.append(score_article(gold_path.stem, gold, pred))
    return report
