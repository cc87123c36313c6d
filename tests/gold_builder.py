"""Shared by the held-out sets' make_gold.py scripts: find the sentence a hand annotation names
and build records in the extraction contract's shape."""

from __future__ import annotations

import re

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
