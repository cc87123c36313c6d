"""Records that extraction produces: the JSON contract of `sitrep extract --json` as dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class EventRecord:
    kind: str
    date: str | None
    location: str | None
    actors: list[str]
    summary: str
    evidence: str
    span: tuple[int, int]
    date_precision: str = "unknown"
    status: str = "occurred"  # occurred | planned | claimed | denied
    rule: str = ""  # id of the rule that made the record (store.extract.rules)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        return out


@dataclass(slots=True)
class StatementRecord:
    speaker: str
    quote: str
    mode: str  # "direct" | "indirect"
    date: str | None
    topics: list[str]
    evidence: str
    span: tuple[int, int]
    date_precision: str = "unknown"
    rule: str = ""  # id of the rule that made the record (store.extract.rules)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        return out


@dataclass(slots=True)
class MetricRecord:
    kind: str
    value: float
    qualifier: str  # exact | at_least | over | about | up_to
    side: str | None
    location: str | None
    date: str | None
    evidence: str
    span: tuple[int, int]
    date_precision: str = "unknown"
    claimant: str | None = None
    cumulative: bool = False  # a running total ("since the start of the invasion")
    rule: str = ""  # id of the rule that made the record (store.extract.rules)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        # Whole numbers print as integers ("126", not "126.0").
        if isinstance(self.value, float) and self.value.is_integer():
            out["value"] = int(self.value)
        return out


@dataclass(slots=True)
class ActorMention:
    """An actor named by a record, with what the gazetteer knows of it."""

    name: str
    kind: str = "unknown"  # person | institution | country | group | unknown
    side: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class Extraction:
    events: list[EventRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    # Every actor the records name, keyed by canonical name, for the store's actors table.
    actors: dict[str, ActorMention] = field(default_factory=dict)
    # The publication date the extraction used: given, or inferred from the text (None if neither).
    published: str | None = None
    published_inferred: bool = False

    def rows(self) -> int:
        return len(self.events) + len(self.statements) + len(self.metrics)
