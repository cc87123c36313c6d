"""`sitrep eval`: score the extractor against gold annotations in the contract's format (v2).

Matching follows the project's independent scorer (../shared/tools/score.py), written here from
its rules so that both give the same figures:

- pairing is greedy and one-to-one, best score first; among equal scores the later gold and
  the later predicted record pair first (the scorer sorts its (score, gold, predicted) triples
  in reverse);
- statements pair when the speakers agree (the same words, or the same surname with
  Zelensky / Zelenskyy / Zelenskiy / Syrskyi endings folded together) and the quotes share a
  token F1 of at least 0.5; speaker accuracy is over quotes paired by text alone;
- metrics pair when kind and value agree (evidence overlap breaks ties); side accuracy is over
  paired metrics whose gold names a side;
- events pair when the kind agrees and the evidence sentences share a token F1 of at least 0.6,
  or, as a weaker match (score 0.3), when gold and prediction give the same date and places
  that share a word (another mention of the same occurrence); date accuracy is over paired
  events whose gold names a date;
- only the contract's metric and event kinds are scored; where the gold's `article` says it
  annotated only the first `annotated_chars` characters, predicted records that start later
  are left out; gold given as offsets only (`span`, `quote_spans`) gets its text from the
  article file.

Tokens are NFKD, lower case, curly apostrophes straight, runs of [a-z0-9] (as the scorer; the
extractor's `fold` also drops accents, which would split words differently).

Beyond the scorer: precision per rule id (`by_rule`, the `rule` every predicted record carries)
and the list of every missed gold record and every spurious predicted record (`misses`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

EVENT_KINDS = frozenset({"talks", "call", "meeting", "strike", "advance", "ceasefire",
                         "deployment", "sanctions", "agreement", "exchange"})
METRIC_KINDS = frozenset({"territory_km2", "missiles", "drones", "killed", "injured",
                          "prisoners", "troops", "drones_intercepted", "missiles_intercepted"})
SECTIONS = ("statements", "metrics", "events")
QUOTE_MATCH = 0.5
EVIDENCE_MATCH = 0.6
SAME_OCCURRENCE = EVIDENCE_MATCH / 2  # same kind, day and place: weaker than the same sentence
NO_RULE = "(no rule)"

Record = dict[str, Any]
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SURNAME_ENDING = re.compile(r"(?:yy|yi|iy|ii|y|i)$")


def tokens(text: str | None) -> list[str]:
    return list(_tokens(text or ""))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKD", text).lower()
    return tuple(_TOKEN.findall(folded.replace("\u2019", "'").replace("\u2018", "'")))


@lru_cache(maxsize=65536)
def _counts(text: str) -> tuple[Counter[str], int]:
    """Token counts of a text and their total, worked out once per text: a record is scored
    against every record of the other side."""
    counts = Counter(_tokens(text))
    return counts, sum(counts.values())


def token_f1(a: str | None, b: str | None, at_least: float = 0.0) -> float:
    """Token F1 of two texts; with `at_least` (>= 0.5), 0.0 for any pair that cannot reach it
    by their lengths alone (F1 >= 0.5 needs lengths within 3x), without counting."""
    (ta, na), (tb, nb) = _counts(a or ""), _counts(b or "")
    if not na or not nb:
        return 0.0
    if at_least >= 0.5 and (na > 3 * nb or nb > 3 * na):
        return 0.0
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / nb, common / na
    return 2 * precision * recall / (precision + recall)


def surname_key(name: str | None) -> str:
    words = tokens(name)
    return _SURNAME_ENDING.sub("y", words[-1]) if words else ""


def same_speaker(gold: str | None, pred: str | None) -> bool:
    g, p = tokens(gold), tokens(pred)
    return g == p or (bool(g) and bool(p) and surname_key(gold) == surname_key(pred))


def pair(gold: list[Record], pred: list[Record], score: Callable[[Record, Record], float],
         block: Callable[[Record], object] | None = None) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), best score first; ties go to the
    later records first, as in the independent scorer. `block` gives each record a key such
    that records with different keys always score 0 (a speaker's surname, a metric's kind and
    value): only records of the same key are scored, not every gold record against every
    predicted one."""
    candidates: Iterable[tuple[int, int]]
    if block is None:
        candidates = ((i, j) for i in range(len(gold)) for j in range(len(pred)))
    elif block is QUOTE_OVERLAP:
        candidates = _overlapping_quotes(gold, pred)
    else:
        by_key: dict[object, list[int]] = {}
        for j, p in enumerate(pred):
            by_key.setdefault(block(p), []).append(j)
        candidates = ((i, j) for i, g in enumerate(gold) for j in by_key.get(block(g), ()))
    scored = sorted(((score(gold[i], pred[j]), i, j) for i, j in candidates),
                    key=lambda t: (-t[0], -t[1], -t[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for value, i, j in scored:
        if value <= 0:
            break
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return pairs


def QUOTE_OVERLAP(record: Record) -> object:  # noqa: N802 - a marker passed as `block`
    """pair()'s marker for quote_score: candidates by shared rare tokens (prefix filtering)."""
    return None


def _elements(text: str) -> list[tuple[str, int]]:
    """A text's tokens as a set of (token, nth occurrence): multiset overlap as set overlap."""
    seen: Counter[str] = Counter()
    out = []
    for token in _tokens(text):
        out.append((token, seen[token]))
        seen[token] += 1
    return out


def _overlapping_quotes(gold: list[Record], pred: list[Record]) -> list[tuple[int, int]]:
    """Every (gold, predicted) pair whose quotes could reach token F1 0.5, without scoring all
    of them: F1 >= 0.5 needs an overlap of at least a third of each text's tokens, and two
    texts that share that many share one of the rarest (n - ceil(n/3) + 1) tokens of each
    (prefix filtering, as in set-similarity joins)."""
    texts = [str(r.get("quote") or "") for r in gold] + [str(r.get("quote") or "") for r in pred]
    elements = [_elements(t) for t in texts]
    frequency: Counter[tuple[str, int]] = Counter(e for es in elements for e in set(es))

    def prefix(es: list[tuple[str, int]]) -> list[tuple[str, int]]:
        ordered = sorted(es, key=lambda e: (frequency[e], e))
        need = -(-len(ordered) // 3)  # ceil(n / 3)
        return ordered[:len(ordered) - need + 1]

    index: dict[tuple[str, int], list[int]] = {}
    for j in range(len(pred)):
        for e in prefix(elements[len(gold) + j]):
            index.setdefault(e, []).append(j)
    out: set[tuple[int, int]] = set()
    for i in range(len(gold)):
        for e in prefix(elements[i]):
            for j in index.get(e, ()):
                out.add((i, j))
    return sorted(out)


def quote_score(g: Record, p: Record) -> float:
    f1 = token_f1(g.get("quote"), p.get("quote"), QUOTE_MATCH)
    return f1 if f1 >= QUOTE_MATCH else 0.0


def statement_score(g: Record, p: Record) -> float:
    if not same_speaker(g.get("speaker"), p.get("speaker")):
        return 0.0
    return quote_score(g, p)


def _metric_key(record: Record) -> object:
    try:
        return (record.get("kind"), float(record["value"]))
    except (KeyError, TypeError, ValueError):
        return None  # scores 0 against anything (metric_score)


def metric_score(g: Record, p: Record) -> float:
    try:
        same = g.get("kind") == p.get("kind") and float(g["value"]) == float(p["value"])
    except (KeyError, TypeError, ValueError):
        return 0.0
    return 1.0 + token_f1(g.get("evidence"), p.get("evidence")) if same else 0.0


def _places_meet(a: str | None, b: str | None) -> bool:
    return not set(tokens(a)).isdisjoint(tokens(b))


def event_score(g: Record, p: Record) -> float:
    if g.get("kind") != p.get("kind"):
        return 0.0
    f1 = token_f1(g.get("evidence"), p.get("evidence"), EVIDENCE_MATCH)
    if f1 >= EVIDENCE_MATCH:
        return f1
    # Another mention of the same occurrence: the same day and a place in common.
    if g.get("date") and g.get("date") == p.get("date") and \
            _places_meet(g.get("location"), p.get("location")):
        return SAME_OCCURRENCE
    return 0.0


def check_gold(gold: object) -> Record:
    """The gold file's object, or ValueError saying what in it is not the contract's shape
    (so `sitrep eval` names the bad file and the reason instead of crashing)."""
    if not isinstance(gold, dict):
        raise ValueError("not a JSON object")
    for section in SECTIONS:
        records = gold.get(section) or []
        if not isinstance(records, list):
            raise ValueError(f"'{section}' is not a list")
        for n, record in enumerate(records):
            where = f"{section}[{n}]"
            if not isinstance(record, dict):
                raise ValueError(f"{where} is not an object")
            span = record.get("span")
            if span is not None and not (isinstance(span, list) and len(span) == 2 and
                                         all(isinstance(x, int) for x in span)):
                raise ValueError(f"{where}: span is not [start, end]")
            spans = record.get("quote_spans")
            if spans is not None and not (isinstance(spans, list) and all(
                    isinstance(x, list) and len(x) == 2 and
                    all(isinstance(i, int) for i in x) for x in spans)):
                raise ValueError(f"{where}: quote_spans is not a list of [start, end]")
            if section != "statements" and not isinstance(record.get("kind"), str):
                raise ValueError(f"{where}: no kind")
            if section == "statements" and not isinstance(record.get("speaker", ""), str):
                raise ValueError(f"{where}: speaker is not text")
            if section == "metrics":
                value = record.get("value")
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValueError(f"{where}: value {value!r} is not a number")
    return gold


def fill_from_text(gold: Record, text: str) -> Record:
    """Gold records given by offsets only get their evidence (`span`) and quote
    (`quote_spans`, joined by spaces) cut from the article's text."""
    for section in SECTIONS:
        for record in gold.get(section) or []:
            span = record.get("span")
            if "evidence" not in record and span:
                record["evidence"] = text[span[0]:span[1]]
            spans = record.get("quote_spans")
            if "quote" not in record and spans:
                record["quote"] = " ".join(text[s:e] for s, e in spans)
    return gold


def annotated_limit(gold: Record) -> int | None:
    article = gold.get("article") or {}
    limit = article.get("annotated_chars") if isinstance(article, dict) else None
    return limit if isinstance(limit, int) else None


def _within(records: Iterable[Record], limit: int | None) -> list[Record]:
    """The predicted records that start inside the annotated part of the article."""
    if limit is None:
        return list(records)
    return [r for r in records if not r.get("span") or r["span"][0] < limit]


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
class RuleTally:
    """What one rule made: records, how many of them matched gold, by section."""

    rule: str
    section: str
    made: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.made if self.made else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "section": self.section, "made": self.made,
                "matched": self.matched, "precision": round(self.precision, 4)}


@dataclass
class Miss:
    """A gold record nothing matched (`missed`) or a predicted one that matched no gold
    (`spurious`)."""

    article: str
    section: str  # statements | metrics | events
    what: str  # missed | spurious
    record: Record

    def label(self) -> str:
        r = self.record
        if self.section == "statements":
            return f"{r.get('mode') or '?'} {r.get('speaker') or '?'}: {r.get('quote') or ''}"
        if self.section == "metrics":
            side = f" side {r['side']}" if r.get("side") else ""
            return f"{r.get('kind')} {_number(r.get('value'))}{side}"
        where = f" in {r['location']}" if r.get("location") else ""
        when = f" on {r['date']}" if r.get("date") else ""
        return f"{r.get('kind')}{where}{when}"

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "section": self.section, "what": self.what,
                "rule": self.record.get("rule") or None, "label": self.label(),
                "evidence": self.record.get("evidence")}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
    misses: list[Miss] = field(default_factory=list)
    rules: dict[tuple[str, str], RuleTally] = field(default_factory=dict)
    error: str | None = None

    def _tally(self, section: str, records: list[Record], matched: set[int]) -> None:
        for j, record in enumerate(records):
            rule_id = str(record.get("rule") or NO_RULE)
            tally = self.rules.setdefault((rule_id, section), RuleTally(rule_id, section))
            tally.made += 1
            tally.matched += int(j in matched)

    def _misses(self, section: str, gold: list[Record], pred: list[Record],
                pairs: list[tuple[int, int]]) -> None:
        paired_gold = {i for i, _ in pairs}
        paired_pred = {j for _, j in pairs}
        self.misses.extend(Miss(self.name, section, "missed", g)
                           for i, g in enumerate(gold) if i not in paired_gold)
        self.misses.extend(Miss(self.name, section, "spurious", p)
                           for j, p in enumerate(pred) if j not in paired_pred)


def score_article(name: str, gold: Record, pred: Record) -> ArticleScore:
    """Pure scoring of one article's prediction against its gold (both contract dicts; gold
    with its text already filled in, see `fill_from_text`)."""
    out = ArticleScore(name)
    limit = annotated_limit(gold)

    gs = list(gold.get("statements") or [])
    ps = _within(pred.get("statements") or [], limit)
    pairs = pair(gs, ps, statement_score, block=lambda r: surname_key(r.get("speaker")))
    out.statements = Counts(len(pairs), len(gs), len(ps))
    paired_gold = {i for i, _ in pairs}
    out.missed_statements = [g for i, g in enumerate(gs) if i not in paired_gold]
    for i, j in pair(gs, ps, quote_score, block=QUOTE_OVERLAP):
        out.speaker.add(same_speaker(gs[i].get("speaker"), ps[j].get("speaker")))
    out._tally("statements", ps, {j for _, j in pairs})
    out._misses("statements", gs, ps, pairs)

    gm = [m for m in gold.get("metrics") or [] if m.get("kind") in METRIC_KINDS]
    pm = [m for m in _within(pred.get("metrics") or [], limit) if m.get("kind") in METRIC_KINDS]
    metric_pairs = pair(gm, pm, metric_score, block=_metric_key)
    out.metrics = Counts(len(metric_pairs), len(gm), len(pm))
    for i, j in metric_pairs:
        if gm[i].get("side"):
            out.side.add(gm[i]["side"] == pm[j].get("side"))
    out._tally("metrics", pm, {j for _, j in metric_pairs})
    out._misses("metrics", gm, pm, metric_pairs)

    ge = [e for e in gold.get("events") or [] if e.get("kind") in EVENT_KINDS]
    pe = [e for e in _within(pred.get("events") or [], limit) if e.get("kind") in EVENT_KINDS]
    event_pairs = pair(ge, pe, event_score, block=lambda r: r.get("kind"))
    out.events = Counts(len(event_pairs), len(ge), len(pe))
    for i, j in event_pairs:
        if ge[i].get("date"):
            out.date.add(ge[i]["date"] == pe[j].get("date"))
    out._tally("events", pe, {j for _, j in event_pairs})
    out._misses("events", ge, pe, event_pairs)
    return out


def shorten(text: str | None, width: int) -> str:
    """One line of at most `width` characters (an ellipsis marks a cut)."""
    flat = " ".join((text or "").split())
    if len(flat) <= width:
        return flat
    return flat[:max(width - 1, 0)].rstrip() + "…"


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

    def by_rule(self) -> list[RuleTally]:
        """Precision per rule id over every article, lowest precision first (then the rules
        that made most)."""
        merged: dict[tuple[str, str], RuleTally] = {}
        for a in self.articles:
            for key, tally in a.rules.items():
                into = merged.setdefault(key, RuleTally(tally.rule, tally.section))
                into.made += tally.made
                into.matched += tally.matched
        return sorted(merged.values(), key=lambda t: (t.precision, -t.made, t.section, t.rule))

    def misses(self) -> list[Miss]:
        return [m for a in self.articles for m in a.misses]

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

    def format_by_rule(self) -> str:
        lines = [f"{'rule':40} {'section':10} {'matched/made':>12} {'precision':>9}"]
        for t in self.by_rule():
            lines.append(f"{t.rule[:40]:40} {t.section:10} {f'{t.matched}/{t.made}':>12} "
                         f"{t.precision:>9.2f}")
        return "\n".join(lines)

    def format_misses(self, width: int = 100) -> str:
        """Every missed and spurious record, by article: what it is, and its sentence."""
        lines: list[str] = []
        article = None
        for m in self.misses():
            if m.article != article:
                article = m.article
                lines.append(article)
            rule = f"  [{m.record['rule']}]" if m.record.get("rule") else ""
            head = f"  {m.what:8} {m.section[:-1]:9} "
            lines.append(head + shorten(m.label(), max(width - len(head) - len(rule), 20))
                         + rule)
            lines.append("      " + shorten(m.record.get("evidence"), max(width - 6, 20)))
        return "\n".join(lines) if lines else "nothing missed, nothing spurious"

    def to_dict(self, *, by_rule: bool = False, misses: bool = False) -> dict[str, Any]:
        t = self.total()
        out: dict[str, Any] = {
            "articles": [{"name": a.name, "error": a.error,
                          "statements": a.statements.to_dict(), "metrics": a.metrics.to_dict(),
                          "events": a.events.to_dict()} for a in self.articles],
            "summary": {"statements": t.statements.to_dict(), "metrics": t.metrics.to_dict(),
                        "events": t.events.to_dict(), "speaker": t.speaker.to_dict(),
                        "side": t.side.to_dict(), "date": t.date.to_dict(),
                        "failed": sum(1 for a in self.articles if a.error)},
        }
        if by_rule:
            out["by_rule"] = [r.to_dict() for r in self.by_rule()]
        if misses:
            out["misses"] = [m.to_dict() for m in self.misses()]
        return out


def predict(article_path: Path) -> Record:
    """The extractor's contract dict for one article file (as `sitrep extract --json`)."""
    from store.extract import extract
    from store.inputs import read_one

    article = read_one(article_path)
    ex = extract(article.text, published=article.published, title=article.title)
    return {"events": [e.to_dict() for e in ex.events],
            "statements": [s.to_dict() for s in ex.statements],
            "metrics": [m.to_dict() for m in ex.metrics]}


def evaluate(articles_dir: Path, gold_dir: Path,
             predictor: Callable[[Path], Record] = predict) -> EvalReport:
    """Score every ARTICLES_DIR/NAME.txt that has a GOLD_DIR/NAME.json."""
    report = EvalReport()
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        if gold_path.name.endswith(".meta.json"):
            continue
        article = Path(articles_dir) / (gold_path.stem + ".txt")
        if not article.exists():
            continue
        try:
            gold = check_gold(json.loads(gold_path.read_text(encoding="utf-8")))
            gold = fill_from_text(gold, article.read_text(encoding="utf-8", errors="replace"))
        except RecursionError:
            report.articles.append(ArticleScore(gold_path.stem, error="bad gold: nested too "
                                                "deeply"))
            continue
        except (OSError, ValueError, TypeError, IndexError) as exc:
            report.articles.append(ArticleScore(gold_path.stem, error=f"bad gold: {exc}"))
            continue
        try:
            pred = predictor(article)
        except Exception as exc:  # noqa: BLE001 - a failed article scores zero and is reported
            failed = score_article(gold_path.stem, gold, {})
            failed.error = f"{type(exc).__name__}: {exc}"
            report.articles.append(failed)
            continue
        report.articles.append(score_article(gold_path.stem, gold, pred))
    return report
