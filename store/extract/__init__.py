"""Extraction: pure functions from an article's text to events, statements and metrics.

No I/O happens here beyond reading the package's own data files (gazetteers, lexicons) once,
so `extract` can run in a process pool. The pipeline: sentences (sentences.py) -> actor
mentions (actors.py) -> dates (dates.py) -> statements (quotes.py), metrics (metrics.py),
events (events.py), topics (topics.py). Every record's evidence is its whole sentence, and
`text[span[0]:span[1]] == evidence`.
"""

from __future__ import annotations

import math
import time

from store.extract import dates as dates_mod
from store.extract import events as events_mod
from store.extract import metrics as metrics_mod
from store.extract import quotes as quotes_mod
from store.extract import rules as rules_mod
from store.extract import speech_steps
from store.extract.actors import ActorBook
from store.extract.records import (
    ActorMention,
    EventRecord,
    Extraction,
    MetricRecord,
    StatementRecord,
)
from store.extract.sentences import Sentence, blank_dateline, split

__all__ = [
    "ActorMention",
    "EventRecord",
    "Extraction",
    "MetricRecord",
    "StatementRecord",
    "ExtractionTimeout",
    "extract",
]

MAX_TEXT = 2_000_000  # characters; beyond this an input is not an article
MAX_SENTENCE = 5_000  # a "sentence" longer than this is not prose worth parsing
MAX_METRIC_VALUE = 1e9  # larger "counts" are digit noise, not reported figures


class ExtractionTimeout(Exception):
    """An article took longer than its time budget: it fails with this reason, the rest of an
    ingest goes on (the rules are linear, so only a pathological text gets here)."""


def extract(text: str, *, published: str | None = None, title: str | None = None,
            strict: bool = False, budget: float | None = None) -> Extraction:
    """Events, statements and metrics of one article. Never raises on odd input, unless
    `strict` (for tests): a rule's bug then raises instead of costing the records after it.
    With `budget` (seconds), raises ExtractionTimeout once the article has taken longer."""
    if not isinstance(text, str) or not text.strip():
        return Extraction(published=published)
    text = text[:MAX_TEXT]
    inferred = False
    if not published:
        published = dates_mod.infer_published(text)
        inferred = published is not None
    out = Extraction(published=published, published_inferred=inferred)
    ruled = text
    try:
        ruled = quotes_mod.double_single_quotes(text)
        _run(ruled, published, out,
             None if budget is None else time.monotonic() + budget)
    except (RecursionError, ExtractionTimeout):
        raise
    except Exception:  # noqa: BLE001 - a rule bug must cost one article's records, not a crash
        if strict:
            raise
    finally:
        # Also after a rule's bug: the records made before it must quote the article itself.
        if ruled != text:
            _restore_text(out, ruled, text)
    return out


def _restore_text(out: Extraction, ruled: str, text: str) -> None:
    """The records' strings as the article has them: the rules ran on `ruled`, the text with
    single quotation marks made double (same offsets), so evidence is re-cut from `text` and
    a quote or summary inside the evidence is re-cut at the same place."""
    records: list[EventRecord | StatementRecord | MetricRecord] = [
        *out.events, *out.statements, *out.metrics]
    for record in records:
        start, end = record.span
        ruled_evidence = ruled[start:end]
        if ruled_evidence == text[start:end]:
            continue
        record.evidence = text[start:end]
        for field in ("quote", "summary"):
            value = str(getattr(record, field, "") or "")
            at = ruled_evidence.find(value) if value else -1
            if at >= 0:
                setattr(record, field, text[start + at:start + at + len(value)])


def _run(text: str, published: str | None, out: Extraction,
         deadline: float | None = None) -> None:
    book = ActorBook()
    sentences = split(text)
    all_events: list[tuple[events_mod.Event, Sentence]] = []
    metrics = metrics_mod.MetricBook()
    flow = speech_steps.SpeechFlow(text, book)
    previous_kind: str | None = None
    for index, sentence in enumerate(sentences):
        if deadline is not None and time.monotonic() > deadline:
            raise ExtractionTimeout(f"extraction ran out of time at sentence {index} of "
                                    f"{len(sentences)}")
        rules_mod.at_sentence(index)
        if not sentence.prose or sentence.caption or len(sentence.text) > MAX_SENTENCE:
            continue
        s_text = sentence.text
        mentions = book.mentions(s_text)
        date_mentions = dates_mod.find(s_text, published)
        quotes = quotes_mod.quote_spans(s_text)
        places_here = events_mod.place_mentions(s_text)
        masked = blank_dateline(events_mod.mask_quotes(s_text, quotes))

        # ---- metrics (quotation marks left in: numbers inside quotes count) ---------------
        found_metrics = metrics.read(blank_dateline(s_text), places_here, index)
        speech = quotes_mod.analyse(s_text, mentions, metrics_here=bool(found_metrics))
        claimant = metrics_mod.claimant_of(s_text, mentions, speech.speakers, book) \
            if found_metrics else None
        metric_dates = metrics_mod.date_mentions_for_metrics(s_text, date_mentions) \
            if found_metrics else []
        for metric in found_metrics:
            if not math.isfinite(metric.value) or metric.value > MAX_METRIC_VALUE:
                continue  # a 400-digit "count" is noise, not a figure anyone reported
            d = metrics_mod.metric_date(s_text, metric_dates, metric.position)
            # Where the number happened, by the same locative rule as events ("at Ukraine",
            # "in Kharkiv"): the first place named may be the attacker ("Russia launched").
            location = events_mod.location_near(s_text, masked, places_here, metric.position)
            if claimant:
                book.note_name(claimant)
            record = MetricRecord(
                metric.kind, metric.value, metric.qualifier, metric.side, location,
                d.date if d else None, s_text, (sentence.start, sentence.end),
                d.precision if d else "unknown", claimant, metric.cumulative, metric.rule)
            metrics.add(metric, index, record.date, location, record)
            out.metrics.append(record)

        # ---- statements (speech_steps: block quotes, continued quotations, dates) ----------
        in_block = flow.block_quote(sentence, speech, quotes, out.statements)
        statements = list(speech.statements) or flow.continued(sentence, index, speech, quotes)
        out.statements.extend(flow.records(sentence, index, statements, quotes, date_mentions))

        # ---- events -----------------------------------------------------------------------
        if in_block:
            continue
        actor_names = []
        for m in mentions:
            if m.name not in actor_names and not m.role_phrase:
                actor_names.append(m.name)
        before = sentences[index - 1] if index else None
        found_events = events_mod.find(
            s_text, masked, date_mentions, actor_names, published, previous_kind,
            events_mod.place_mentions(masked),
            before.text if before and before.paragraph == sentence.paragraph else None)
        for event in found_events:
            event.sentence_index = index
            event.paragraph = sentence.paragraph
            all_events.append((event, sentence))
        if found_events:
            previous_kind = found_events[0].kind

    rules_mod.at_sentence(-1)  # the notes that follow are about the article, not a sentence
    flow.finish(out.statements)
    for statement in out.statements:  # a speech act is never later than its report
        statement.date, statement.date_precision = dates_mod.not_after_report(
            statement.date, statement.date_precision, published)
    out.metrics = [r for r in metrics.settle() if isinstance(r, MetricRecord)]
    for figure in out.metrics:  # a figure is given by the report that gives it
        figure.date, figure.date_precision = dates_mod.not_after_report(
            figure.date, figure.date_precision, published)
    sentence_of = {id(e): s for e, s in all_events}
    for event in events_mod.finish([e for e, _ in all_events]):
        sentence = sentence_of[id(event)]
        if event.status != "planned":  # what is told as done was done by the report
            event.date, event.precision = dates_mod.not_after_report(
                event.date, event.precision, published)
        for name in event.actors:
            book.note_name(name)
        out.events.append(EventRecord(
            event.kind, event.date, event.location, event.actors, event.summary,
            sentence.text, (sentence.start, sentence.end), event.precision, event.status,
            rule=event.rule))
    for statement in out.statements:
        book.note_name(statement.speaker)
    out.actors = dict(book.used)
    used_names = {st.speaker for st in out.statements} | {
        n for e in out.events for n in e.actors} | {m.claimant for m in out.metrics if m.claimant}
    out.actors = {k: v for k, v in out.actors.items() if k in used_names}

