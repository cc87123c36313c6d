"""store.eval: matching rules on tiny hand-made gold/prediction pairs with known answers."""

from __future__ import annotations

import json
from pathlib import Path

from store.eval import EvalReport, evaluate, same_speaker, score_article, token_f1


def test_token_f1_and_speaker_folding() -> None:
    assert token_f1("We will win", "we will win.") == 1.0
    assert token_f1("a b", "c d") == 0.0
    assert same_speaker("Volodymyr Zelensky", "Zelenskyy")
    assert same_speaker("Sergei Lavrov", "Sergey Lavrov")
    assert not same_speaker("Dmitry Peskov", "Vladimir Putin")


def test_statements_pair_on_speaker_and_quote_overlap() -> None:
    gold = {"statements": [
        {"speaker": "Dmitry Peskov", "quote": "Moscow is ready for talks", "mode": "indirect"},
        {"speaker": "Vladimir Putin", "quote": "we will win this war", "mode": "direct"}]}
    pred = {"statements": [
        {"speaker": "Peskov", "quote": "Moscow is ready for talks now", "mode": "indirect"},
        {"speaker": "Sergei Lavrov", "quote": "we will win this war", "mode": "direct"},
        {"speaker": "Sergei Lavrov", "quote": "something else entirely", "mode": "direct"}]}
    score = score_article("x", gold, pred)
    assert (score.statements.found, score.statements.gold, score.statements.predicted) == (1, 2, 3)
    # the second quote was found by text, with the wrong speaker
    assert (score.speaker.right, score.speaker.of) == (1, 2)
    assert [g["speaker"] for g in score.missed_statements] == ["Vladimir Putin"]


def test_metrics_pair_on_kind_and_value_and_check_side() -> None:
    gold = {"metrics": [{"kind": "drones", "value": 126, "side": "Russia"},
                        {"kind": "killed", "value": 5, "side": "Ukraine"},
                        {"kind": "money", "value": 300}]}
    pred = {"metrics": [{"kind": "drones", "value": 126.0, "side": "Ukraine"},
                        {"kind": "killed", "value": 6, "side": "Ukraine"}]}
    score = score_article("x", gold, pred)
    assert (score.metrics.found, score.metrics.gold, score.metrics.predicted) == (1, 2, 2)
    assert (score.side.right, score.side.of) == (0, 1)


def test_events_pair_on_kind_and_evidence_and_check_date() -> None:
    evidence = "Russia launched 126 drones at Ukraine overnight, the air force said."
    gold = {"events": [{"kind": "strike", "date": "2026-02-18", "evidence": evidence},
                       {"kind": "talks", "date": None, "evidence": "Talks began in Geneva."}]}
    pred = {"events": [{"kind": "strike", "date": "2026-02-17", "evidence": evidence},
                       {"kind": "meeting", "date": None, "evidence": "Talks began in Geneva."}]}
    score = score_article("x", gold, pred)
    assert (score.events.found, score.events.gold, score.events.predicted) == (1, 2, 2)
    assert (score.date.right, score.date.of) == (0, 1)
    assert round(score.events.f1, 2) == 0.5


def test_greedy_pairing_is_one_to_one() -> None:
    gold = {"statements": [{"speaker": "Putin", "quote": "a b c d"}]}
    pred = {"statements": [{"speaker": "Putin", "quote": "a b c d"},
                           {"speaker": "Putin", "quote": "a b c d"}]}
    score = score_article("x", gold, pred)
    assert (score.statements.found, score.statements.predicted) == (1, 2)


def test_report_table_and_dict(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\nRussia launched 12 drones, the Kremlin said.\n",
                                    encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"statements": [], "events": [], "metrics": [
        {"kind": "drones", "value": 12, "side": "Russia"}]}), encoding="utf-8")
    report = evaluate(tmp_path, tmp_path)
    assert isinstance(report, EvalReport)
    data = report.to_dict()
    assert data["summary"]["metrics"]["found"] == 1
    table = report.format_table()
    assert "metrics" in table and "1/1/1" in table
