"""Find an actor however the name is spelled: by canonical name or any stored alias, with
typos tolerated ("zelenskyy", "zelenskiy" find Zelensky, "lavrof" finds Lavrov).

Each word typed is matched against the words of a name: exactly, as a prefix, inside it, or
(from four letters on) by difflib's similarity ratio, so one letter doubled, swapped or changed
still matches. Used by the actor picker and `sitrep --actor`.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from store.query import NAME_MAX, WORD_MAX, Actor, shown

FUZZY_MIN_LETTERS = 4  # shorter words match exactly or as a prefix only: "li" is not "lu"
FUZZY_RATIO = 0.75  # difflib ratio from which a word counts as a misspelling of another
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor with its aliases and how many statements it made (what the picker shows)."""

    actor: Actor
    aliases: tuple[str, ...] = ()
    statements: int = 0


@dataclass(frozen=True, slots=True)
class ActorMatch:
    score: float  # 0 < score <= 1; 1 is the name (or an alias) typed whole
    entry: ActorEntry
    via: str | None = None  # the alias that matched, when the name did not


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation as spaces: what spellings are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).replace("_", " ").split())


def _word_score(typed: str, word: str) -> float:
    if typed == word:
        return 1.0
    if word.startswith(typed):
        return 0.95
    if typed in word:
        return 0.85
    if len(typed) < FUZZY_MIN_LETTERS:
        return 0.0
    # the whole word, and as many of its letters as were typed (a name typed halfway, wrong)
    ratio = max(_ratio(typed, word), _ratio(typed, word[:len(typed)]))
    return 0.8 * ratio if ratio >= FUZZY_RATIO else 0.0


def _ratio(a: str, b: str) -> float:
    """difflib's ratio, skipped (0) when its cheap upper bounds are already below the bar:
    most names share too few letters with what was typed (the 367 actors of the 1M-row
    store ranked in 10 ms instead of 28)."""
    matcher = SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < FUZZY_RATIO or matcher.quick_ratio() < FUZZY_RATIO:
        return 0.0
    return matcher.ratio()


def _subsequence_score(typed: str, name: str) -> float:
    """A few letters of the name in order ("dpsk": Dmitry Peskov), as the picker has always
    matched; weaker than any word match. Letters starting words count for more."""
    if len(typed) < 2:
        return 0.0
    starts = {i for i, ch in enumerate(name) if ch != " " and (i == 0 or name[i - 1] == " ")}
    at, on_starts = 0, 0
    for ch in typed:
        at = name.find(ch, at)
        if at < 0:
            return 0.0
        on_starts += at in starts
        at += 1
    return 0.4 + 0.1 * on_starts / len(typed)


def spelling_score(query: str, candidate: str) -> float:
    """How well `query` spells `candidate` (0: not at all). Every typed word must match a
    word of the candidate; the weakest one sets the score. Failing that, the letters typed
    found in order in the candidate score below any word match."""
    folded = fold(query)
    typed, words = folded.split(), fold(candidate).split()
    if not typed or not words:
        return 0.0
    joined = "".join(words)
    scores = []
    for t in typed:
        # "vonderleyen" typed as one word still finds "von der Leyen"
        scores.append(max([_word_score(t, w) for w in words] + [_word_score(t, joined) * 0.98]))
    return min(scores) or _subsequence_score(folded.replace(" ", ""), " ".join(words))


def rank_actors(entries: Iterable[ActorEntry], query: str) -> list[ActorMatch]:
    """Entries matching `query` by name or alias, best first (ties: more statements first);
    all of them, by name, for an empty query."""
    listed = list(entries)
    if not fold(query):
        return [ActorMatch(0.0, e) for e in listed]
    out = []
    for entry in listed:
        best, via = spelling_score(query, entry.actor.name), None
        for alias in entry.aliases:
            score = spelling_score(query, alias) * 0.99  # the name itself wins a tie
            if score > best:
                best, via = score, alias
        if best > 0:
            out.append(ActorMatch(best, entry, via))
    out.sort(key=lambda m: (-m.score, -m.entry.statements, m.entry.actor.name.casefold()))
    return out


def list_actor_entries(conn: sqlite3.Connection, limit: int = 5000) -> list[ActorEntry]:
    """Every actor (by name) with its aliases and statement count."""
    actors = [Actor(*r) for r in conn.execute(
        f"SELECT id, {shown('name', NAME_MAX)}, {shown('kind', WORD_MAX)}, "
        f"{shown('side', WORD_MAX)} FROM actors ORDER BY name COLLATE NOCASE LIMIT ?",
        (limit,))]
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in conn.execute(
            f"SELECT actor_id, {shown('alias', NAME_MAX)} FROM actor_aliases ORDER BY alias"):
        aliases.setdefault(int(actor_id), []).append(str(alias))
    # by the (speaker_id, ...) index, without reading a row
    counts = {int(i): int(n) for i, n in conn.execute(
        "SELECT speaker_id, count(*) FROM statements WHERE speaker_id IS NOT NULL "
        "GROUP BY speaker_id")}
    return [ActorEntry(a, tuple(x for x in aliases.get(a.id, ()) if x != a.name),
                       counts.get(a.id, 0)) for a in actors]


def find_actor(conn: sqlite3.Connection, name: str) -> ActorMatch | None:
    """The actor `name` means (`sitrep --actor`): its best match, or None when nothing in the
    store is spelled anything like it."""
    ranked = rank_actors(list_actor_entries(conn), name)
    return ranked[0] if ranked else None
