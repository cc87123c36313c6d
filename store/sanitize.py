"""Making stored text safe to show: escape and control characters become visible, never live."""

from __future__ import annotations

import re

# C0 controls (but tab and newline), DEL, C1 controls, and bidi overrides/isolates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


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
