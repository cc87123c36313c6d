"""Where the bundled sample articles live: inside the installed package, or in the checkout."""

from __future__ import annotations

from pathlib import Path


def sample_data_dir() -> Path:
    packaged = Path(__file__).resolve().parent / "sample_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "sample_data"
