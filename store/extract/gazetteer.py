"""The extractor's data files (store/extract/data/*.json), read once per process and cached."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


@cache
def load(name: str) -> dict[str, Any]:
    """One data file as a dict (cached for the life of the process)."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def lexicon() -> dict[str, Any]:
    return load("lexicon.json")


def fold(text: str) -> str:
    """Lower-case ASCII form with curly apostrophes made straight, for comparing names."""
    if text.isascii():  # NFKD leaves ASCII alone and there are no curly quotes to straighten
        return text.lower()
    if len(text) <= 64:  # words and names recur; whole sentences do not
        return _fold_short(text)
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


_fold_short = lru_cache(maxsize=16384)(_fold_unicode)

_NOT_LOWER_ASCII = re.compile(r"[^a-z]")
_Y_ENDING = re.compile(r"(yy|iy|ii|y|i)$")
_SPACES = re.compile(r"[\s]+")


@lru_cache(maxsize=16384)
def fold_word(word: str) -> str:
    """Spelling variants of one name word to one key: Zelenskyy/Zelenskiy -> zelensky,
    Sergei/Sergey -> sergey, Yuri/Yury -> yury."""
    word = _NOT_LOWER_ASCII.sub("", fold(word))
    return _Y_ENDING.sub("y", word)


def name_key(name: str) -> tuple[str, str]:
    """(first name, surname) folded; persons with the same key are one person."""
    words = [w for w in _SPACES.split(name.strip()) if w]
    if not words:
        return ("", "")
    return (fold_word(words[0]) if len(words) > 1 else "", fold_word(words[-1]))


@cache
def speech_forms() -> dict[str, tuple[str, str]]:
    """Inflected speech verb form -> (lemma, 'clause' | 'object')."""
    verbs = lexicon()["speech_verbs"]
    out: dict[str, tuple[str, str]] = {}
    for group in ("clause", "object"):
        for lemma, forms in verbs[group].items():
            if lemma.startswith("_"):
                continue
            for form in forms:
                out[form] = (lemma, group)
    return out


@cache
def places() -> dict[str, dict[str, Any]]:
    """Place name or alias -> {"name": canonical, "kind", "country"}."""
    out: dict[str, dict[str, Any]] = {}
    for name, info in load("places.json")["places"].items():
        entry = {"name": name, "kind": info["kind"], "country": info.get("country")}
        out[name] = entry
        for alias in info.get("aliases", []):
            out.setdefault(alias, entry)
    return out


@cache
def place_pattern() -> re.Pattern[str]:
    names = sorted(places(), key=len, reverse=True)
    return re.compile(first_chars(names) + r"(?<![\w-])(" + "|".join(
        re.escape(n) for n in names) + r")(?![\w-])")


def first_chars(words: list[str], ignore_case: bool = False) -> str:
    """A lookahead for the first characters of `words`: put before a long alternation of them
    it rejects most positions at once and changes no match. Empty when some word is empty."""
    if not words or any(not w for w in words):
        return ""
    chars = {w[0] for w in words}
    if ignore_case:  # the class sits inside (?i:...) anyway; both cases keep it plain
        chars |= {c.lower() for c in chars} | {c.upper() for c in chars}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"
