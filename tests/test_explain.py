"""`sitrep explain`: the trace of every rule, sentence by sentence, on articles written here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.explain import explain, registered_rules
from store.extract import dates as dates_mod
from store.extract import rules
from tui.cli import main

from .conftest import SAMPLE_DATA

ARTICLE = ("Drone attack on the port\n\n"
           "Russia launched 12 drones at Odesa overnight, the air force said. "
           "Talks might resume in Geneva, an aide suggested.\n\n"
           "The mayor said two people were hurt.\n")


def _rule(rule_id: str, stage: str, doc: str, words: tuple[str, ...] = ()) -> None:
    if rule_id not in rules.RULES:
        rules.rule(rule_id, stage, doc, words=words)


_rule("test.explain_trigger", "trigger", "a trigger for the explain tests", ("drones",))
_rule("test.explain_veto", "veto", "a veto for the explain tests", ("might",))
_rule("test.explain_step", "step", "an article-level step for the explain tests")


@pytest.fixture
def noting_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Rules of this test that note while the real extractor runs: wrapped around the date
    finder, which the orchestrator calls once per prose sentence."""
    original = dates_mod.find

    def find(sentence: str, *args: Any, **kwargs: Any) -> Any:
        if rules.RULES["test.explain_trigger"].may_fire(sentence.lower()):
            rules.note("test.explain_trigger", "found", "12 drones")
        if rules.RULES["test.explain_veto"].may_fire(sentence.lower()):
            rules.note("test.explain_veto", "vetoed", "vetoed 'talks': hypothetical 'might'")
        return original(sentence, *args, **kwargs)

    monkeypatch.setattr(dates_mod, "find", find)
    yield


def _write(tmp_path: Path, text: str = ARTICLE) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_notes_and_records_land_on_their_sentence(noting_rules: None) -> None:
    result = explain(ARTICLE, published="2026-03-04")
    texts = [s.sentence.text for s in result.sentences]
    assert texts[1].startswith("Russia launched 12 drones") and texts[2].startswith("Talks might")
    # the extractor's own rules note too: these tests look at the rules registered here
    notes = {s.index: [(n.rule, n.outcome) for n in s.notes if n.rule.startswith("test.")]
             for s in result.sentences}
    assert any(not n.rule.startswith("test.") for s in result.sentences for n in s.notes)
    assert notes[1] == [("test.explain_trigger", "found")]
    assert notes[2] == [("test.explain_veto", "vetoed")]
    assert notes[0] == [] and notes[3] == []
    # every record the extraction made sits in the sentence that holds its span
    placed = sum(len(s.records) for s in result.sentences)
    ex = result.extraction
    assert placed == len(ex.statements) + len(ex.metrics) + len(ex.events)
    for s in result.sentences:
        for _, record in s.records:
            assert s.sentence.start <= record["span"][0] < s.sentence.end
    drones = [r for s in result.sentences for sec, r in s.records
              if sec == "metrics" and r["kind"] == "drones"]
    assert drones and all("rule" in r for r in drones)


def test_notes_outside_any_sentence_are_article_steps() -> None:
    with rules.tracing() as trace:
        rules.at_sentence(-1)
        rules.note("test.explain_step", "merged", "two mentions of one strike")
    assert [e.sentence for e in trace.entries] == [-1]
    result = explain("")
    assert result.sentences == [] and result.steps == []


def test_cli_prints_sentences_notes_and_records(
        tmp_path: Path, noting_rules: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(_write(tmp_path)), "--published", "2026-03-04"]) == 0
    out = capsys.readouterr().out
    assert "[1] " in out and "Russia launched 12 drones" in out
    assert "test.explain_trigger  found  12 drones" in out
    assert "test.explain_veto  vetoed  vetoed 'talks': hypothetical 'might'" in out
    assert "-> metric drones 12" in out and "rule " in out
    assert "sentences;" in out


def test_cli_one_sentence_and_json(tmp_path: Path, noting_rules: None,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path)
    assert main(["explain", str(path), "--sentence", "2"]) == 0
    out = capsys.readouterr().out
    assert "[2] " in out and "test.explain_veto" in out
    assert "[1] " not in out and "test.explain_trigger" not in out
    assert main(["explain", str(path), "--sentence", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sentence_count"] == 4 and [s["index"] for s in data["sentences"]] == [1]
    sentence = data["sentences"][0]
    own = [n for n in sentence["notes"] if n["rule"].startswith("test.")]
    assert own == [{"rule": "test.explain_trigger", "outcome": "found", "detail": "12 drones"}]
    assert ARTICLE[sentence["start"]:sentence["end"]] == sentence["text"]
    assert any(r["section"] == "metrics" for r in sentence["records"])


def test_long_sentence_is_cut_to_the_terminal_width(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    text = "Title here\n\n" + "The envoys met again and talked about the plan. " * 1 + \
        "Officials " + "said that the talks went on " * 30 + "for hours.\n"
    assert main(["explain", str(_write(tmp_path, text))]) == 0
    lines = capsys.readouterr().out.splitlines()
    heads = [line for line in lines if line.startswith("[")]
    assert heads and all(len(line) <= 60 for line in heads)
    assert any(line.endswith("…") for line in heads)


def test_cli_sentence_out_of_range_is_one_line_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(_write(tmp_path)), "--sentence", "4"]) == 2
    err = capsys.readouterr().err
    assert "sentence 4 is out of range (the article has 4 sentences, numbered 0 to 3)" in err
    assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize(("value", "message"), [("x", "is not a sentence number"),
                                                 ("-2", "out of range")])
def test_cli_bad_sentence_number_is_one_line_exit_2(
        tmp_path: Path, value: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["explain", str(_write(tmp_path)), "--sentence", value])
    err = capsys.readouterr().err
    assert raised.value.code == 2 and message in err and err.count("\n") == 1


def test_cli_bad_files_are_one_line_exit_2(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "pic.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for path, reason in ((tmp_path / "nope.txt", "no such file"), (binary, "binary file"),
                         (empty, "empty file"), (tmp_path, "is a directory")):
        assert main(["explain", str(path)]) == 2
        err = capsys.readouterr().err
        assert reason in err and "Traceback" not in err and err.count("\n") == 1
    assert main(["explain"]) == 2
    assert "needs a FILE" in capsys.readouterr().err


def test_rules_lists_every_registered_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--rules", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in listed} == set(rules.RULES)
    trigger = next(r for r in listed if r["id"] == "test.explain_trigger")
    assert trigger == {"id": "test.explain_trigger", "stage": "trigger", "words": ["drones"],
                       "doc": "a trigger for the explain tests"}
    order = [rules.STAGES.index(r.stage) for r in registered_rules()]
    assert order == sorted(order)
    assert main(["explain", "--rules"]) == 0
    out = capsys.readouterr().out
    assert "test.explain_veto" in out and "veto" in out and f"{len(rules.RULES)} rules" in out


def test_end_to_end_on_a_sample_article(capsys: pytest.CaptureFixture[str]) -> None:
    path = sorted(SAMPLE_DATA.glob("*.txt"))[0]
    assert main(["explain", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sentence_count"] == len(data["sentences"]) > 5
    text = path.read_text(encoding="utf-8")
    records = [r for s in data["sentences"] for r in s["records"]]
    assert records
    for s in data["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
    for r in records:
        assert text[r["span"][0]:r["span"][1]] == r["evidence"]
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n[") + out.startswith("[") == data["sentence_count"]
