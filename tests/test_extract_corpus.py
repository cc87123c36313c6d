"""Floors on real articles: store.extract over ../shared/corpus/pool scored with store.eval against
../shared/corpus/gold (hand gold on real news, read at run time: the texts are never copied into
the project). Skipped where ../shared is absent; CI has it beside the clone. Floors only go up:
raise them when the figures rise, lower one only with a reason in the commit message."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.eval import evaluate

from .test_eval import SCORER, assert_agrees_with_scorer

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
POOL, GOLD = CORPUS / "pool", CORPUS / "gold"
# Floors only go up. Issue 10 started at F1 statements 0.55, metrics 0.55, events 0.36, speaker
# right 117/136. After it: statements 0.87, metrics 1.00 (18 gold metrics), events 0.86, speaker
# 218/223; each floor sits a record or two below (one missed metric is F1 0.97).
FLOORS = {"statements": 0.86, "metrics": 0.97, "events": 0.84}
SPEAKER_FLOOR = 0.96

pytestmark = pytest.mark.skipif(not GOLD.is_dir() or not POOL.is_dir(),
                                reason="../shared/corpus is not here")


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate(POOL, GOLD).to_dict()["summary"]


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_corpus_f1_floor(report: dict, part: str) -> None:
    assert report[part]["f1"] >= FLOORS[part], report[part]


def test_corpus_speaker_floor_and_nothing_failed(report: dict) -> None:
    assert report["failed"] == 0
    assert report["speaker"]["accuracy"] >= SPEAKER_FLOOR, report["speaker"]


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score.py is not here")
def test_figures_agree_with_the_independent_scorer_on_the_corpus() -> None:
    assert_agrees_with_scorer(POOL, GOLD)
