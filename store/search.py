"""Turning what a user types into a safe FTS5 query: searched as text, never as syntax."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+", re.UNICODE)
PREFIX_MIN = 2  # letters the last word needs before it matches as a prefix


def fts_query(text: str, *, prefix_last: bool = True) -> str:
    """An FTS5 MATCH expression for `text` as plain words: each word quoted, all required.

    Quotes, NEAR, AND, *, parentheses and lone minus signs in the input are words or nothing,
    never operators. The last word matches as a prefix so search-as-you-type finds "Pesk";
    a last word of one letter does not (a search for every word starting with "t" reads much
    of the index for rows nobody is looking for), so it matches that word alone.
    """
    words = _TOKEN.findall(text)
    if not words:
        return '""'
    parts = [f'"{w}"' for w in words]
    if prefix_last and text and not text[-1].isspace() and len(words[-1]) >= PREFIX_MIN:
        parts[-1] += "*"
    return " ".join(parts)
