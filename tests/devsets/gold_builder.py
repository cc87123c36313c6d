"""Shared by the development sets' make_gold.py scripts (tests/devsets/written_*): find the
sentence a hand annotation names and build records in the extraction contract's shape."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ABBREV = re.compile(r"(?:\b[A-WYZ]|\bMr|\bMrs|\bDr|\bSt|\bGov|\bGen|\bCol|\bLt|\bJan|\bFeb|\bAug"
                    r"|\bSept?|\bOct|\bNov|\bDec|\bNo)$")
END = re.compile(r"[.!?][\"”’')]*(?=\s|$)")


def sentence(text: str, at: str) -> tuple[int, int]:
    i = text.find(at)
    assert i >= 0, at
    assert text.find(at, i + 1) < 0, f"not unique: {at}"
    start = i
    while start > 0 and text[start - 1] != "\n":
        line_start = text.rfind("\n", 0, start) + 1
        ends = [e for e in END.finditer(text[line_start:start])
                if not ABBREV.search(text[line_start:line_start + e.start()])]
        start = line_start + ends[-1].end() if ends else line_start
        while text[start] == " ":
            start += 1
        break
    end = i + len(at)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for e in END.finditer(text, end, line_end):
        if not ABBREV.search(text[:e.start()]):
            end = e.end()
            break
    else:
        end = line_end
    # a period inside the match itself may have ended the sentence early
    return start, max(end, i + len(at))


def S(speaker, quote, mode, at=None, date=None):
    return ("S", dict(speaker=speaker, quote=quote, mode=mode, date=date,
                      date_precision="day" if date else "unknown", topics=[]), at or quote)


def M(kind, value, qualifier, side, at, claimant=None, location=None, date=None):
    return ("M", dict(kind=kind, value=value, qualifier=qualifier, side=side, location=location,
                      date=date, claimant=claimant), at)


def E(kind, date, location, at, status="occurred", actors=(), summary=""):
    return ("E", dict(kind=kind, date=date, date_precision="day" if date else "unknown",
                      status=status, location=location, actors=list(actors), summary=summary), at)


def article_meta(path: Path, default_published: str | None = None
                 ) -> tuple[str, str | None, str | None]:
    """(title, published, source): a `date YYYY-MM-DD Title` first line wins, then the
    sidecar, then `default_published`."""
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.split("\n") if line.strip())
    m = re.match(r"date (\d{4}-\d{2}-\d{2})\s*(.*)", first)
    side = path.with_suffix(".meta.json")
    info = json.loads(side.read_text()) if side.exists() else {}
    if m:
        return m.group(2).strip(), m.group(1), info.get("source")
    return first.strip(), info.get("published", default_published), info.get("source")


def build(path: Path, records: list, check_quote: Callable[[str, str], None], *,
          default_published: str | None = None, show: bool = False) -> dict:
    """The gold file of the article at `path`: each record's evidence is the sentence its
    `at` names; `check_quote(text, quote)` asserts a statement's quote is the article's."""
    text = path.read_text(encoding="utf-8")
    title, published, source = article_meta(path, default_published)
    out = {"article": {"id": "", "title": title, "published": published, "source": source},
           "events": [], "statements": [], "metrics": []}
    key = {"S": "statements", "M": "metrics", "E": "events"}
    for tag, rec, at in records:
        a, b = sentence(text, at)
        rec = dict(rec, evidence=text[a:b], span=[a, b])
        if tag == "S":
            check_quote(text, rec["quote"])
        out[key[tag]].append(rec)
        if show:
            print(tag, (rec.get("speaker") or rec.get("kind")), "|", rec["evidence"])
    return out


def write_gold(here: Path, annotations: dict[str, list],
               check_quote: Callable[[str, str], None], *,
               default_published: str | None = None) -> None:
    """Write here/gold/NAME.json for every annotated article (`-v` prints each record)."""
    for name, recs in annotations.items():
        gold = build(here / "articles" / f"{name}.txt", recs, check_quote,
                     default_published=default_published, show="-v" in sys.argv)
        (here / "gold" / f"{name}.json").write_text(
            json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(name, {k: len(gold[k]) for k in ("statements", "metrics", "events")})
