"""Extraction: pure functions from an article's text to events, statements and metrics.

No I/O happens here beyond reading the package's own data files (gazetteers, lexicons) once,
so `extract` can run in a process pool.
"""

from __future__ import annotations

import re

from store.extract.records import (
    ActorMention,
    EventRecord,
    Extraction,
    MetricRecord,
    StatementRecord,
)

__all__ = [
    "ActorMention",
    "EventRecord",
    "Extraction",
    "MetricRecord",
    "StatementRecord",
    "extract",
]

# Placeholder pipeline until the full extractor lands: sentences, quoted speech with a
# "NAME said" attribution, and numbers of drones or missiles.
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")
_QUOTE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
_SAID = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)+) said\b")
_COUNT = re.compile(r"\b(\d[\d,]*) (drones|missiles)\b")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def extract(text: str, *, published: str | None = None, title: str | None = None) -> Extraction:
    out = Extraction(published=published)
    for start, end in _sentences(text):
        sentence = text[start:end]
        speaker = _SAID.search(sentence)
        if speaker:
            for quote in _QUOTE.finditer(sentence):
                out.statements.append(
                    StatementRecord(speaker.group(1), quote.group(1), "direct", None, [],
                                    sentence, (start, end))
                )
        for count in _COUNT.finditer(sentence):
            out.metrics.append(
                MetricRecord(count.group(2), float(count.group(1).replace(",", "")), "exact",
                             None, None, None, sentence, (start, end))
            )
        if re.search(r"\btalks\b", sentence):
            out.events.append(
                EventRecord("talks", None, None, [], sentence[:60], sentence, (start, end))
            )
    return out
