"""Named rules, and the trace `sitrep explain` reads.

Every rule of the extractor (a trigger, a veto, a speaker strategy, a date resolver, a
cross-sentence step) is registered here under an id such as ``speech.verb_after_subject`` or
``event.veto.hypothetical``. A rule declares the lower-cased words it needs (any one of them
must occur in the sentence for it to fire), so loops skip it cheaply; and every record the
extractor emits carries the id of the rule that made it (`rule` in the JSON, a column in the
store). The model is spaCy's `Matcher`, whose matches carry their pattern's id.

While an article is extracted under `tracing()`, rules report what they did with `note()`:
what they found, what they vetoed and why, which speaker candidates they weighed. Outside
`tracing()` a note costs one context-variable lookup and is dropped, so the trace adds nothing
to an ordinary ingest. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

STAGES = ("sentence", "speaker", "statement", "metric", "trigger", "veto", "date", "step")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    stage: str  # one of STAGES
    doc: str  # one line: what the rule does, for `sitrep explain --rules`
    words: tuple[str, ...] = ()  # lower-cased; the rule can fire only where one occurs

    def may_fire(self, low: str) -> bool:
        """False only when none of the words this rule needs is in `low` (lower-cased text)."""
        return not self.words or any(w in low for w in self.words)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, stage: str, doc: str, words: tuple[str, ...] | list[str] = ()) -> Rule:
    """Register a rule. Ids are unique: registering one twice is a programming error."""
    if stage not in STAGES:
        raise ValueError(f"rule {rule_id}: unknown stage {stage!r}")
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} is registered twice")
    made = Rule(rule_id, stage, doc, tuple(w.lower() for w in words))
    RULES[rule_id] = made
    return made


@dataclass(slots=True)
class TraceEntry:
    sentence: int  # index into the article's sentences, -1 for article-level steps
    rule: str
    outcome: str  # found | vetoed | candidate | chose | merged | dropped | dated
    detail: str = ""


@dataclass
class Trace:
    entries: list[TraceEntry] = field(default_factory=list)
    sentence: int = -1  # the sentence being read now

    def for_sentence(self, index: int) -> list[TraceEntry]:
        return [e for e in self.entries if e.sentence == index]


_TRACE: ContextVar[Trace | None] = ContextVar("sitrep_extract_trace", default=None)


def note(rule_id: str, outcome: str, detail: str = "") -> None:
    """Report what a rule did, when someone is listening (`tracing()`); else nothing."""
    trace = _TRACE.get()
    if trace is None:
        return
    if rule_id not in RULES:
        raise KeyError(f"note() for an unregistered rule {rule_id!r}")
    trace.entries.append(TraceEntry(trace.sentence, rule_id, outcome, detail))


def tracing_active() -> bool:
    return _TRACE.get() is not None


def at_sentence(index: int) -> None:
    """The orchestrator says which sentence the notes that follow are about."""
    trace = _TRACE.get()
    if trace is not None:
        trace.sentence = index


@contextmanager
def tracing() -> Iterator[Trace]:
    """Collect every rule's notes for the extraction run inside the block."""
    trace = Trace()
    token = _TRACE.set(trace)
    try:
        yield trace
    finally:
        _TRACE.reset(token)
