"""What `sitrep explain` shows: one article's extraction, sentence by sentence, with the notes
every rule left (store.extract.rules) and the records made in each sentence.

`explain(text, ...)` runs `store.extract.extract` under `rules.tracing()` and groups what it
collected by sentence: the sentences are the splitter's (store.extract.sentences.split) on the
text the rules read, so note indices, offsets and records line up. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store.extract import MAX_TEXT, extract
from store.extract import quotes as quotes_mod
from store.extract import rules as rules_mod
from store.extract.records import Extraction
from store.extract.sentences import Sentence, split

SECTIONS = ("statements", "metrics", "events")


@dataclass(slots=True)
class SentenceExplanation:
    index: int
    sentence: Sentence
    notes: list[rules_mod.TraceEntry] = field(default_factory=list)
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (section, record)

    def to_dict(self) -> dict[str, Any]:
        s = self.sentence
        return {"index": self.index, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                "prose": s.prose, "caption": s.caption, "text": s.text,
                "notes": [_note_dict(n) for n in self.notes],
                "records": [{"section": section, **record} for section, record in self.records]}


@dataclass(slots=True)
class ArticleExplanation:
    sentences: list[SentenceExplanation]
    steps: list[rules_mod.TraceEntry]  # notes of article-level steps (sentence -1)
    extraction: Extraction

    def to_dict(self, only: int | None = None) -> dict[str, Any]:
        chosen = self.sentences if only is None else [self.sentences[only]]
        return {"published": self.extraction.published,
                "sentence_count": len(self.sentences),
                "sentences": [s.to_dict() for s in chosen],
                "steps": [_note_dict(n) for n in self.steps] if only is None else []}


def _note_dict(note: rules_mod.TraceEntry) -> dict[str, Any]:
    return {"rule": note.rule, "outcome": note.outcome, "detail": note.detail}


def rule_sentences(text: str) -> list[Sentence]:
    """The sentences as the rules see them (the indices the trace's notes use): the splitter on
    the text with single quotation marks doubled, which keeps every offset."""
    return split(quotes_mod.double_single_quotes(text[:MAX_TEXT]))


def _sentence_at(starts: list[int], sentences: list[Sentence], offset: int) -> int | None:
    """Index of the sentence holding `offset` (binary search over sentence starts)."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    index = lo - 1
    if index < 0 or offset >= sentences[index].end:
        return None
    return index


def explain(text: str, *, published: str | None = None,
            title: str | None = None) -> ArticleExplanation:
    with rules_mod.tracing() as trace:
        extraction = extract(text, published=published, title=title)
    sentences = rule_sentences(text) if isinstance(text, str) and text.strip() else []
    out = [SentenceExplanation(i, s) for i, s in enumerate(sentences)]
    steps: list[rules_mod.TraceEntry] = []
    for entry in trace.entries:
        if 0 <= entry.sentence < len(out):
            out[entry.sentence].notes.append(entry)
        else:
            steps.append(entry)
    starts = [s.start for s in sentences]
    records: list[tuple[str, Any]] = [
        *(("statements", r) for r in extraction.statements),
        *(("metrics", r) for r in extraction.metrics),
        *(("events", r) for r in extraction.events)]
    for section, record in records:
        at = _sentence_at(starts, sentences, record.span[0]) if sentences else None
        if at is not None:
            out[at].records.append((section, record.to_dict()))
    return ArticleExplanation(out, steps, extraction)


def registered_rules() -> list[rules_mod.Rule]:
    """Every registered rule, by stage (in the pipeline's order) then id. Importing
    store.extract has imported every rule module, so all have registered."""
    order = {stage: n for n, stage in enumerate(rules_mod.STAGES)}
    return sorted(rules_mod.RULES.values(), key=lambda r: (order.get(r.stage, 99), r.id))
