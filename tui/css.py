"""Loading a widget's .tcss file, kept beside its module, as its DEFAULT_CSS."""

from __future__ import annotations

from pathlib import Path


def css_beside(module_file: str) -> str:
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
