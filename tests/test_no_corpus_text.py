"""The corpus articles are the publishers' copyrighted work, read from ../shared at run time:
no string in the project may carry a passage of one (tests use sentences written here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT.parent / "shared" / "corpus" / "pool"
WINDOW = 60  # characters: longer than any stock phrase ("Kremlin spokesman Dmitry Peskov said")
_LITERAL = re.compile(r"[\"“]([^\"”\n]{" + str(WINDOW) + r",})[\"”]")
_SPACE = re.compile(r"\s+")


def _project_files() -> list[Path]:
    out = []
    for folder in ("store", "tui", "tests", "bench"):
        out += [p for p in (ROOT / folder).rglob("*")
                if p.suffix in (".py", ".json", ".md") and "__snapshots__" not in p.parts]
    return out + [ROOT / "README.md"]


@pytest.mark.skipif(not POOL.is_dir(), reason="../shared/corpus is not beside the clone")
def test_no_project_string_quotes_a_corpus_article() -> None:
    pool = _SPACE.sub(" ", " ".join(p.read_text(encoding="utf-8", errors="replace")
                                    for p in sorted(POOL.glob("*.txt"))))
    # the five sample articles ship with the project (and their gold quotes them)
    samples = _SPACE.sub(" ", " ".join(p.read_text(encoding="utf-8", errors="replace")
                                       for p in sorted((ROOT / "sample_data").glob("*.txt"))))
    found = []
    for path in _project_files():
        text = _SPACE.sub(" ", path.read_text(encoding="utf-8", errors="replace"))
        for literal in _LITERAL.findall(text):
            for start in range(0, len(literal) - WINDOW + 1, WINDOW // 2):
                window = literal[start:start + WINDOW]
                if window in pool and window not in samples:
                    found.append(f"{path.relative_to(ROOT)}: {window!r}")
                    break
    assert not found, "\n".join(found)
