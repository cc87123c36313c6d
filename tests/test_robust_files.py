"""Bad input files: each gets one clear line naming the file and the problem (or is decoded
with a warning), never a traceback; the other files of the same ingest still land; exit 1."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import store.articles
from store.articles import MAX_ARTICLE_BYTES, load_article
from tui.cli import main

from .fixtures.helpers import BAD, permissions_can_be_obeyed, run_cli

GOOD_TEXT = "Talks\nRussia launched 5 drones at Sumy, the governor said.\n"

# fixture file -> what sitrep says about it (warnings are for files that are still ingested)
EXPECTED_ERRORS = {
    "png.txt": "binary file (contains NUL bytes), not text",
    "nul.txt": "binary file (contains NUL bytes), not text",
    "empty.txt": "empty file",
    "whitespace.txt": "file holds only whitespace",
    "broken_sidecar.txt": "broken sidecar broken_sidecar.meta.json: ",
}
EXPECTED_WARNINGS = {
    "latin1.txt": "not UTF-8; decoded as Latin-1",
    "utf16.txt": "decoded as UTF-16",
}


def _articles(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT path, text FROM articles ORDER BY path").fetchall()
    finally:
        conn.close()


def _stderr_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line]


def test_bad_fixture_folder_one_line_each_and_the_rest_lands(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = run_cli("ingest", str(BAD), "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = _stderr_lines(result.stderr)
    for name, reason in EXPECTED_ERRORS.items():
        matching = [ln for ln in lines if ln.startswith("sitrep: error: ") and f"/{name}: " in ln]
        assert len(matching) == 1, (name, lines)
        assert reason in matching[0]
    for name, reason in EXPECTED_WARNINGS.items():
        assert f"sitrep: warning: {BAD / name}: {reason}" in lines
    # every line is a per-file message, plus the summary
    assert len(lines) == len(EXPECTED_ERRORS) + len(EXPECTED_WARNINGS) + 1
    assert lines[-1].startswith("articles: 3 new, 0 unchanged, 0 replaced, 5 failed")
    stored = {Path(p).name: text for p, text in _articles(db)}
    assert set(stored) == {"good.txt", "latin1.txt", "utf16.txt"}
    assert "Genève" in stored["latin1.txt"] and "São Tomé" in stored["latin1.txt"]
    assert stored["utf16.txt"].startswith("Talks in Riyadh\nPeskov said")


def test_utf16_without_bom_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("Talks in Geneva\nZelensky said \"yes\".\n".encode("utf-16-le"))
    article = load_article(path)
    assert article.text.startswith("Talks in Geneva")
    assert article.warnings == ["no byte order mark; decoded as UTF-16-LE"]


def _ingest(paths: list[Path], db: Path, capsys: pytest.CaptureFixture[str],
            *extra: str) -> tuple[int, list[str]]:
    code = main(["ingest", *map(str, paths), "--db", str(db), *extra])
    return code, _stderr_lines(capsys.readouterr().err)


def test_50_mb_file_is_refused_without_being_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "in" / "huge.txt"
    big.parent.mkdir()
    with open(big, "wb") as handle:  # sparse: 50 MB long, written in no time
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "in" / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr(store.articles, "open",
                        lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k),
                        raising=False)
    code, lines = _ingest([tmp_path / "in"], tmp_path / "s.db", capsys)
    assert code == 1
    assert f"sitrep: error: {big}: too large for an article (50 MB > 20 MB)" in lines
    assert str(big) not in opened
    assert [Path(p).name for p, _ in _articles(tmp_path / "s.db")] == ["good.txt"]


def test_file_growing_past_the_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("x", encoding="utf-8")
    small_stat, real_stat = small.stat(), Path.stat
    monkeypatch.setattr(store.articles, "MAX_ARTICLE_BYTES", 1000)
    # stat said "small", then the file grew before it was read
    monkeypatch.setattr(Path, "stat", lambda self, **k: small_stat if self == path
                        else real_stat(self, **k))
    with pytest.raises(store.articles.ArticleError, match="too large"):
        store.articles.read_limited(path)


def test_1_mb_single_line_is_ingested_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = ("Russia launched 12 drones at Kharkiv and talks in Geneva went on " * 16_000)[:1 << 20]
    path = tmp_path / "oneline.txt"
    path.write_text(line, encoding="utf-8")
    started = time.monotonic()
    code, lines = _ingest([path], tmp_path / "s.db", capsys)
    elapsed = time.monotonic() - started
    assert code == 0, lines
    assert _articles(tmp_path / "s.db")[0][1] == line
    assert elapsed < 15, f"extracting a 1 MB line took {elapsed:.1f} s"
    assert MAX_ARTICLE_BYTES >= 1 << 20


def test_symlink_loops_neither_hang_nor_stop_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    os.symlink("..", folder / "sub" / "up")          # a directory loop: not followed
    os.symlink(".", folder / "here")                 # another one
    os.symlink("self.txt", folder / "self.txt")      # a file that is a link to itself
    os.symlink("pong.txt", folder / "ping.txt")      # two links pointing at each other
    os.symlink("ping.txt", folder / "pong.txt")
    result = run_cli("ingest", str(folder), str(folder / "here"), "--db", str(tmp_path / "s.db"),
                     timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = _stderr_lines(result.stderr)
    for name in ("self.txt", "ping.txt", "pong.txt"):
        assert f"sitrep: error: {folder / name}: Too many levels of symbolic links" in lines
    assert lines[-1].startswith("articles: 1 new")  # good.txt once, though reachable twice
    code, lines = _ingest([folder / "self.txt"], tmp_path / "s.db", capsys)
    assert code == 1 and lines[0] == f"sitrep: error: {folder / 'self.txt'}: symbolic link loop"


def test_fifo_and_device_are_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    code, lines = _ingest([tmp_path / "pipe.txt", tmp_path / "zero.txt"], tmp_path / "s.db",
                          capsys)
    assert code == 1
    for name in ("pipe.txt", "zero.txt"):
        assert (f"sitrep: error: {tmp_path / name}: not a regular file "
                "(a FIFO, socket or device)") in lines


@pytest.mark.skipif(not permissions_can_be_obeyed(),
                    reason="running as root without the capability to drop DAC override")
def test_unreadable_file_and_directory_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "inside.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text("Secret\nTalks.\n", encoding="utf-8")
    secret.chmod(0o000)
    (folder / "locked").chmod(0o000)
    try:
        result = run_cli("ingest", str(folder), "--db", str(tmp_path / "s.db"),
                         obey_permissions=True)
    finally:
        (folder / "locked").chmod(0o755)
    assert result.returncode == 1, result.stderr
    lines = _stderr_lines(result.stderr)
    assert f"sitrep: error: {secret}: permission denied" in lines
    assert (f"sitrep: error: {folder / 'locked'}: cannot list directory (Permission denied)"
            in lines)
    assert lines[-1].startswith("articles: 1 new")


def test_impossible_published_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("ingest", str(BAD / "good.txt"), "--published", "2025-02-30",
                     "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2
    assert result.stderr == ("sitrep ingest: error: argument --published: '2025-02-30' is not "
                             "a date (want YYYY-MM-DD) (see `sitrep ingest --help`)\n")
    assert not (tmp_path / "s.db").exists()


def test_hostile_file_names_are_shown_inert_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "evil\x1b]0;pwned\x07\nsecond line\u202e.txt"
    (tmp_path / name).write_bytes(b"")
    code, lines = _ingest([tmp_path], tmp_path / "s.db", capsys)
    assert code == 1
    assert len(lines) == 2  # the error, the summary
    assert "\x1b" not in lines[0] and "\u202e" not in lines[0]
    assert lines[0].endswith("evil␛]0;pwned␇␤second line<U+202E>.txt: empty file")


def test_undecodable_file_name_and_surrogates_in_sidecar_are_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(GOOD_TEXT.encode())
    (tmp_path / "b.txt").write_text("Other\nTalks went on.\n", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text('{"source": "bad \\ud800 source"}', encoding="utf-8")
    code, lines = _ingest([tmp_path], tmp_path / "s.db", capsys)
    assert code == 0, lines
    conn = sqlite3.connect(tmp_path / "s.db")
    paths = [r[0] for r in conn.execute("SELECT path FROM articles ORDER BY path")]
    assert paths[1].endswith("caf\\xe9.txt")
    assert conn.execute("SELECT source FROM articles WHERE path LIKE '%b.txt'").fetchone()[0] \
        == "bad \\xed\\xa0\\x80 source"


def test_folder_without_articles_is_named(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.rtf").write_text("{\\rtf1 hi}", encoding="utf-8")
    code, lines = _ingest([tmp_path / "in"], tmp_path / "s.db", capsys)
    assert code == 1
    assert lines[0] == (f"sitrep: error: {tmp_path / 'in'}: no *.txt, *.md, *.html or *.htm "
                        "files in this directory")


def test_good_files_of_a_bad_folder_land_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same as the subprocess test, through main(), with 2 workers."""
    folder = tmp_path / "in"
    shutil.copytree(BAD, folder)
    code, lines = _ingest([folder], tmp_path / "s.db", capsys, "--workers", "2")
    assert code == 1
    assert lines[-1].startswith("articles: 3 new, 0 unchanged, 0 replaced, 5 failed")


def test_a_symlink_out_of_an_ingested_folder_is_skipped_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE KEY MATERIAL that must never reach the store\n", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Title of the piece\n\nRussian forces struck Kharkiv on "
                                  "Monday, the governor said.\n", encoding="utf-8")
    (folder / "appendix.txt").symlink_to(secret)  # out of the folder
    (folder / "same.txt").symlink_to(folder / "a.txt")  # inside it: read (once)
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "ingest", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "appendix.txt: skipped: a symbolic link" in err
    conn = sqlite3.connect(db)
    texts = [row[0] for row in conn.execute("SELECT text FROM articles")]
    conn.close()
    assert len(texts) == 1 and not any("PRIVATE KEY" in t for t in texts)
    # named on the command line, the link is the user's own choice and is followed
    assert main(["--db", str(db), "ingest", str(folder / "appendix.txt")]) == 0


def test_a_path_too_long_fails_alone_and_the_rest_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import SAMPLE_DATA
    from tui.cli import main

    too_long = str(tmp_path / ("x" * 300 + ".txt"))  # over NAME_MAX: lstat says ENAMETOOLONG
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "ingest", too_long, str(SAMPLE_DATA)]) == 1
    err = capsys.readouterr().err
    assert "File name too long" in err and "5 new" in err and "1 failed" in err


@pytest.mark.parametrize("sidecar", [
    '{"published": "2025-02-01", "n": ' + "9" * 5000 + "}",  # over int_max_str_digits
    "[" * 100_000 + "]" * 100_000,  # deeper than the JSON decoder's recursion
])
def test_a_hostile_sidecar_is_one_line_naming_it(
    tmp_path: Path, sidecar: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Title of the piece\n\nRussian forces struck Kharkiv on Monday.\n",
                       encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(sidecar, encoding="utf-8")
    assert main(["extract", str(article), "--json"]) == 1
    err = capsys.readouterr().err.strip()
    assert "broken sidecar a.meta.json" in err and len(err.splitlines()) == 1, err


def test_an_article_over_its_time_budget_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import store.ingest
    from store.extract import ExtractionTimeout, extract
    from tui.cli import main

    text = "Title of the piece\n\n" + "Russian forces struck Kharkiv on Monday. " * 50
    with pytest.raises(ExtractionTimeout):
        extract(text, published="2025-06-04", budget=0.0)
    assert extract(text, published="2025-06-04", budget=60.0).events  # within it: records

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "slow.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(store.ingest, "ARTICLE_BUDGET_S", 0.0)
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "ingest", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "slow.txt: extraction ran out of time" in err and "1 failed" in err


def test_metadata_longer_than_any_real_one_is_cut_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from store.articles import MAX_SOURCE, MAX_TITLE
    from tui.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Headline " * 50_000 + "\n\nRussian forces struck Kharkiv on Monday.\n",
                       encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"source": "S" * 100_000}),
                                          encoding="utf-8")
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "ingest", str(article)]) == 0
    err = capsys.readouterr().err
    assert "title of 449,999 characters cut to 500" in err and "source of 100,000" in err
    conn = sqlite3.connect(db)
    title, source = conn.execute("SELECT title, source FROM articles").fetchone()
    conn.close()
    assert len(title) <= MAX_TITLE and len(source) <= MAX_SOURCE


def test_sidecars_get_the_checks_articles_get(tmp_path: Path) -> None:
    """A FIFO sidecar used to hang ingest forever, a /dev/zero one to read until memory ran out,
    and a 300 MB one was loaded and stored whole: each now fails its own article, named as the
    sidecar's problem, and the rest lands."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("fifo", "zero", "huge", "good"):
        (folder / f"{name}.txt").write_text(
            f"Report {name}\n\nRussian forces struck Kharkiv on Monday, officials said.\n",
            encoding="utf-8")
    os.mkfifo(folder / "fifo.meta.json")
    os.symlink("/dev/zero", folder / "zero.meta.json")
    with open(folder / "huge.meta.json", "w", encoding="utf-8") as handle:
        handle.write('{"source": "' + "x" * (store.articles.MAX_SIDECAR_BYTES + 10) + '"}')
    (folder / "good.meta.json").write_text('{"source": "Wire"}', encoding="utf-8")
    db = tmp_path / "s.db"
    result = run_cli("ingest", str(folder), "--db", str(db), timeout=60)
    lines = _stderr_lines(result.stderr)
    assert result.returncode == 1, result.stderr
    assert (f"sitrep: error: {folder / 'fifo.txt'}: broken sidecar fifo.meta.json: "
            "not a regular file (a FIFO, socket or device)") in lines
    assert (f"sitrep: error: {folder / 'zero.txt'}: broken sidecar zero.meta.json: "
            "not a regular file (a FIFO, socket or device)") in lines
    assert any(line.startswith(f"sitrep: error: {folder / 'huge.txt'}: broken sidecar "
                               "huge.meta.json: too large for a sidecar") for line in lines)
    stored = _articles(db)
    assert [Path(path).name for path, _ in stored] == ["good.txt"]
    assert "articles: 1 new" in result.stdout + result.stderr


def test_a_sidecar_that_is_not_utf8_is_named(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nKyiv said talks would resume.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_bytes(b'{"source": "\xff\xfe"}')
    code, lines = _ingest([tmp_path / "a.txt"], tmp_path / "s.db", capsys)
    assert code == 1
    assert any("broken sidecar a.meta.json: 'utf-8' codec can't decode" in line
               for line in lines), lines
