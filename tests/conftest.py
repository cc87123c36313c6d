from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import ingest_paths, open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
GOLD_DIR = Path(__file__).resolve().parent / "gold"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test touches the user's real default store, nor reads their keymap."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("SITREP_DB", raising=False)


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from sample_data; tests that only read it share it."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    db = open_store(path)
    report = ingest_paths(db, [SAMPLE_DATA])
    assert report.ok, report.failed
    db.conn.close()
    return path


def load_gold(name: str) -> dict:
    return json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
