"""A cheap necessary condition for a regex to match, so rule loops can skip most patterns.

`required_literals(pattern)` reads a compiled pattern's parse tree and returns strings of which
at least one must occur (lower-cased) in any text the pattern matches, or None when it cannot
tell. `lowered(text)` is the text to test them against. Both are conservative: a prefilter may
let through text the pattern then rejects, but never rejects text the pattern would match, so
skipping a pattern whose literals are absent changes no result.
"""

from __future__ import annotations

import re
from functools import cache

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    _c = None
    _p = None

MIN_LITERAL = 3  # shorter literals occur in almost every sentence: no use as a filter
# Non-ASCII characters that re.IGNORECASE matches to an ASCII letter although str.lower() does
# not turn them into it (İ -> "i̇", ı, ſ). A text holding one gets no prefiltering.
_CASE_TRAPS = frozenset("\u0130\u0131\u017f")


def lowered(text: str) -> str | None:
    """The text to test literals against, or None when literals cannot be trusted on it."""
    if not text.isascii() and not _CASE_TRAPS.isdisjoint(text):
        return None
    return text.lower()


def may_match(literals: tuple[str, ...] | None, low: str | None) -> bool:
    """False only when the pattern whose `literals` these are cannot match the text."""
    if literals is None or low is None:
        return True
    return any(lit in low for lit in literals)


@cache
def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased ASCII strings, one of which every match of `pattern` contains; or None."""
    if _p is None or _c is None:
        return None
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        found = _best(_sequence(list(tree)))
    except Exception:  # noqa: BLE001 - an unreadable pattern just gets no prefilter
        return None
    if not found or min(len(s) for s in found) < MIN_LITERAL:
        return None
    return tuple(sorted(found))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: the one whose shortest string is longest."""
    usable = [c for c in candidates if c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(s) for s in c), -len(c)))


def _sequence(items: list) -> list[frozenset[str]]:
    """Candidate literal sets of a sequence of parse items (each set: one must occur)."""
    assert _c is not None
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        if op is _c.SUBPATTERN:
            best = _best(_sequence(list(av[-1])))
            if best:
                out.append(best)
        elif op is _c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                best = _best(_sequence(list(branch)))
                if not best:
                    union = set()
                    break
                union |= best
            if union:
                out.append(frozenset(union))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
            low, _high, body = av
            if low >= 1:
                best = _best(_sequence(list(body)))
                if best:
                    out.append(best)
        # anything else (classes, assertions, backreferences...) requires no known literal
    flush()
    return out
