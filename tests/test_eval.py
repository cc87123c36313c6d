"""store.eval: matching rules on tiny hand-made gold/prediction pairs with known answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


# ---- v2: kinds, the scorer's weaker event match, annotated_chars, offsets-only gold -----------
def test_v2_kinds_are_scored() -> None:
    gold = {"metrics": [{"kind": "drones_intercepted", "value": 40},
                        {"kind": "missiles_intercepted", "value": 3}],
            "events": [{"kind": "exchange", "evidence": "The sides swapped 95 prisoners each."}]}
    pred = {"metrics": [{"kind": "drones_intercepted", "value": 40},
                        {"kind": "missiles_intercepted", "value": 3}],
            "events": [{"kind": "exchange", "evidence": "The sides swapped 95 prisoners each."}]}
    score = score_article("x", gold, pred)
    assert score.metrics.cell() == "2/2/2" and score.events.cell() == "1/1/1"


def test_event_of_the_same_day_and_place_matches_weaker_than_the_same_sentence() -> None:
    gold = {"events": [{"kind": "strike", "date": "2026-01-05", "location": "Kharkiv region",
                        "evidence": "A missile hit a depot in Kharkiv on Monday."}]}
    other_sentence = {"kind": "strike", "date": "2026-01-05", "location": "Kharkiv",
                      "evidence": "Officials later counted the damage to warehouses."}
    assert score_article("x", gold, {"events": [other_sentence]}).events.found == 1
    # the same sentence wins over the same day and place
    same_sentence = {"kind": "strike", "date": None, "location": None,
                     "evidence": "A missile hit a depot in Kharkiv on Monday."}
    score = score_article("x", gold, {"events": [other_sentence, same_sentence]})
    assert score.events.cell() == "1/1/2"
    spurious = [m.record for m in score.misses if m.what == "spurious"]
    assert spurious == [other_sentence]
    # another day, or no place in common: no match
    for changed in ({"date": "2026-01-06"}, {"location": "Odesa"}, {"date": None}):
        assert score_article("x", gold, {"events": [{**other_sentence, **changed}]}
                             ).events.found == 0


def test_records_after_the_annotated_part_are_not_scored() -> None:
    gold = {"article": {"annotated_chars": 100}, "metrics": [{"kind": "killed", "value": 2}]}
    pred = {"metrics": [{"kind": "killed", "value": 2, "span": [10, 50]},
                        {"kind": "killed", "value": 7, "span": [120, 160]}]}
    assert score_article("x", gold, pred).metrics.cell() == "1/1/1"


def test_offsets_only_gold_takes_its_text_from_the_article(tmp_path: Path) -> None:
    text = "Title\n\nThe minister said the talks would resume soon.\n"
    start = text.index("The minister")
    end = text.index("soon.") + len("soon.")
    q0, q1 = text.index("the talks"), text.index(" soon")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"statements": [
        {"speaker": "Someone", "mode": "indirect", "span": [start, end],
         "quote_spans": [[q0, q1]]}]}), encoding="utf-8")
    seen: list[dict] = []

    def predictor(path: Path) -> dict:
        return {"statements": [{"speaker": "Someone", "quote": "the talks would resume",
                                "span": [start, end], "rule": "test.rule"}]}

    report = evaluate(tmp_path, tmp_path, predictor=predictor)
    seen.extend(m.record for m in report.misses())
    assert report.total().statements.cell() == "1/1/1" and not seen


def test_ties_pair_the_later_records_first_as_the_scorer_does() -> None:
    gold = {"metrics": [{"kind": "killed", "value": 3, "evidence": "a"},
                        {"kind": "killed", "value": 3, "evidence": "b"}]}
    pred = {"metrics": [{"kind": "killed", "value": 3, "evidence": "c", "rule": "r.one"}]}
    score = score_article("x", gold, pred)
    assert [m.record["evidence"] for m in score.misses if m.what == "missed"] == ["a"]


def test_precision_per_rule_and_misses() -> None:
    gold = {"metrics": [{"kind": "killed", "value": 3, "evidence": "Three died."},
                        {"kind": "injured", "value": 9, "evidence": "Nine were hurt."}]}
    pred = {"metrics": [{"kind": "killed", "value": 3, "evidence": "Three died.",
                         "rule": "metric.a"},
                        {"kind": "killed", "value": 4, "evidence": "Four.", "rule": "metric.a"},
                        {"kind": "drones", "value": 5, "evidence": "Five.", "rule": "metric.b"},
                        {"kind": "money", "value": 5, "evidence": "Not scored.",
                         "rule": "metric.c"}]}
    report = EvalReport([score_article("art", gold, pred)])
    rows = [(r.rule, r.section, r.matched, r.made) for r in report.by_rule()]
    assert rows == [("metric.b", "metrics", 0, 1), ("metric.a", "metrics", 1, 2)]
    misses = [(m.what, m.label()) for m in report.misses()]
    assert misses == [("missed", "injured 9"), ("spurious", "killed 4"),
                      ("spurious", "drones 5")]
    table = report.format_by_rule()
    assert "metric.a" in table and "1/2" in table and "0.50" in table
    listing = report.format_misses(80)
    assert "art" in listing and "spurious" in listing and "Nine were hurt." in listing
    data = report.to_dict(by_rule=True, misses=True)
    assert data["by_rule"][0]["rule"] == "metric.b" and len(data["misses"]) == 3


def test_records_without_a_rule_are_counted_under_no_rule() -> None:
    report = EvalReport([score_article("x", {}, {"events": [{"kind": "talks",
                                                             "evidence": "x"}]})])
    assert [(r.rule, r.made) for r in report.by_rule()] == [("(no rule)", 1)]


# ---- agreement with the independent scorer -------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "tools" / "score.py"


def scorer_cells(articles: Path, gold: Path) -> dict[str, tuple[str, str, str]]:
    """Per-article found/gold/predicted cells as the independent scorer prints them."""
    import os
    import subprocess
    import sys

    cmd = (f"{sys.executable} -c 'import sys;from tui.cli import main;sys.exit(main())' "
           "extract {path} --json")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(SCORER), "--articles", str(articles), "--gold",
                          str(gold), "--cmd", cmd], capture_output=True, text=True, env=env,
                         timeout=900, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    cells = {}
    for line in out.stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) == 4 and all(p.count("/") == 2 for p in parts[1:]):
            cells[parts[0]] = (parts[1], parts[2], parts[3])
    return cells


def assert_agrees_with_scorer(articles: Path, gold: Path) -> None:
    theirs = scorer_cells(articles, gold)
    report = evaluate(articles, gold)
    ours = {a.name[:34]: (a.statements.cell(), a.metrics.cell(), a.events.cell())
            for a in report.articles}
    assert theirs and ours == theirs


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score.py is not here")
def test_figures_agree_with_the_independent_scorer_on_the_samples() -> None:
    from .conftest import GOLD_DIR, SAMPLE_DATA

    assert_agrees_with_scorer(SAMPLE_DATA, GOLD_DIR)


def test_sitrep_eval_by_rule_and_show_missed(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    (tmp_path / "a.txt").write_text("Headline\nRussia launched 12 drones at Kyiv overnight, the "
                                    "air force said.\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"statements": [], "events": [], "metrics": [
        {"kind": "killed", "value": 3, "evidence": "Three people died in Kyiv."}]}),
        encoding="utf-8")
    assert main(["eval", str(tmp_path), str(tmp_path), "--by-rule", "--show-missed"]) == 0
    out = capsys.readouterr().out
    assert "precision per rule" in out and "matched/made" in out
    assert "missed   metric    killed 3" in out and "Three people died in Kyiv." in out
    assert "spurious metric    drones 12" in out
    assert main(["eval", str(tmp_path), str(tmp_path), "--json", "--by-rule",
                 "--show-missed"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["by_rule"] and {m["what"] for m in data["misses"]} >= {"missed", "spurious"}


def test_malformed_gold_names_the_file_and_the_reason(tmp_path: Path) -> None:
    from store.eval import evaluate

    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    bad = {
        "list": '{"statements": "not a list"}',
        "record": '{"statements": [1]}',
        "value": '{"metrics": [{"kind": "killed", "value": "lots"}]}',
        "span": '{"events": [{"kind": "strike", "span": [1]}]}',
        "deep": "[" * 100_000 + "]" * 100_000,
        "json": "not json",
    }
    for name, body in bad.items():
        (articles / f"{name}.txt").write_text("Title\n\nRussia struck Kyiv on Monday.\n",
                                              encoding="utf-8")
        (gold / f"{name}.json").write_text(body, encoding="utf-8")
    report = evaluate(articles, gold, predictor=lambda path: {})
    errors = {a.name: a.error for a in report.articles}
    assert set(errors) == set(bad) and all(e and e.startswith("bad gold:") for e in
                                           errors.values()), errors
    assert "'statements' is not a list" in errors["list"]
    assert "value 'lots' is not a number" in errors["value"]
    assert "nested too deeply" in errors["deep"]


def test_blocked_pairing_gives_exactly_the_pairs_of_scoring_every_pair() -> None:
    import random

    from store.eval import (
        QUOTE_OVERLAP,
        metric_score,
        pair,
        quote_score,
        statement_score,
        surname_key,
    )

    rng = random.Random(7)
    words = ["russia", "ukraine", "talks", "peace", "the", "a", "of", "kyiv", "war", "deal",
             "said", "drones", "envoys", "ceasefire", "moscow", "geneva", "strike", "aid"]
    names = ["Ann Berg", "Ola Lind", "Ivan Petrov", "Kyiv", "Olena Zelenska", "Zelenskyy"]

    def records(n: int) -> list[dict[str, object]]:
        return [{"speaker": rng.choice(names), "kind": rng.choice(["killed", "drones"]),
                 "value": rng.choice([1, 2, 3]), "evidence": " ".join(rng.choices(words, k=8)),
                 "quote": " ".join(rng.choices(words, k=rng.randint(1, 14)))}
                for _ in range(n)]

    for _ in range(30):
        gold, pred = records(rng.randint(0, 25)), records(rng.randint(0, 25))
        assert pair(gold, pred, quote_score, block=QUOTE_OVERLAP) == pair(gold, pred,
                                                                          quote_score)
        assert pair(gold, pred, statement_score,
                    block=lambda r: surname_key(r.get("speaker"))) == pair(gold, pred,
                                                                           statement_score)
        assert pair(gold, pred, metric_score,
                    block=lambda r: (r.get("kind"), r.get("value"))) == pair(gold, pred,
                                                                             metric_score)
