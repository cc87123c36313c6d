"""Watching folders for articles that appear or change (`sitrep ingest --watch DIR`).

Polling, not inotify: it works the same on every platform, over NFS and in containers, and a
folder of news articles changes a few times a minute at most. A file is taken only once its
size and mtime have held still for one poll, so a page still being saved or copied is not
ingested half-written (and then again whole).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from store.inputs import FileFailure, discover

Signature = tuple[int, int]  # (st_mtime_ns, st_size)


@dataclass(slots=True)
class FolderWatch:
    """What changed under `folders` since the last look.

    `settled()` returns the files that are new or changed and have held still since the
    previous call; the first call returns every file there (the ingest of what is already
    there). Files that vanish are forgotten: their articles stay in the store.
    """

    folders: list[Path]
    _taken: dict[Path, Signature] = field(default_factory=dict)
    _moving: dict[Path, Signature] = field(default_factory=dict)
    _first: bool = True
    failures: list[FileFailure] = field(default_factory=list)

    def settled(self) -> list[Path]:
        files, self.failures, _skipped = discover(self.folders)
        now: dict[Path, Signature] = {}
        for path in files:
            try:
                info = os.stat(path)
            except OSError:
                continue  # gone since the walk; a later look will tell
            now[path] = (info.st_mtime_ns, info.st_size)
        ready: list[Path] = []
        moving: dict[Path, Signature] = {}
        for path, signature in now.items():
            if self._taken.get(path) == signature:
                continue
            if self._first or self._moving.get(path) == signature:
                ready.append(path)
                self._taken[path] = signature
            else:
                moving[path] = signature  # new or changed: taken once it holds still
        self._moving = moving
        for gone in set(self._taken) - set(now):
            del self._taken[gone]
        self._first = False
        return ready


def parse_interval(value: str) -> float:
    """Seconds in "90", "30s", "15m", "2h", "1d"; ValueError with the reason otherwise."""
    text = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    scale = units.get(text[-1:], None)
    number = text[:-1] if scale is not None else text
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        raise ValueError(f"{value!r} is not an interval (say 30s, 15m, 2h or 1d)") from None
    if not 0 < seconds <= 7 * 86400 or seconds != seconds:
        raise ValueError(f"{value!r}: an interval is more than 0 s and at most 7 days")
    return seconds

