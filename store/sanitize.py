"""Making stored text safe to show: escape and control characters become visible, never live.

The store keeps text exactly as it came; these functions are applied only on the way out, to a
terminal (rich rendering, stderr messages) or into JSON.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# C0 controls (but tab and newline), DEL, C1 controls (U+009B is an 8-bit CSI to some terminals),
# and the bidi marks, embeddings, overrides and isolates that can reorder what a reader sees.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# What json.dumps(ensure_ascii=False) leaves raw but a terminal could act on: DEL, C1, bidi.
# (It already writes C0 controls, ESC included, as \u00XX escapes.)
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """`text` with every control and bidi-override character made visible and inert."""
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """`printable(text)` that also stays on one line: for messages naming files on stderr."""
    return printable(text).replace("\n", "\u2424").replace("\t", " ")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def json_dumps_safe(value: Any, **kwargs: Any) -> str:
    """json.dumps with ensure_ascii=False, and DEL, C1 and bidi characters as \\uXXXX escapes.

    Those characters can only occur inside JSON strings, where an escape means the same
    character, so the document still decodes to exactly the stored text.
    """
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, **kwargs)
    except ValueError:
        # Infinity and NaN are not JSON (a 400-digit "number of drones" parses as inf):
        # write null rather than a document strict parsers reject.
        text = json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
