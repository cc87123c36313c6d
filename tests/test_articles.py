from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.articles import ArticleError, article_id, load_article, split_header


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_date_header_gives_published_and_title(tmp_path: Path) -> None:
    art = load_article(write(tmp_path / "a.txt", " date 2025-02-17 Key Takeaways\nBody.\n"))
    assert art.published == "2025-02-17"
    assert art.title == "Key Takeaways"


def test_first_non_empty_line_is_title(tmp_path: Path) -> None:
    art = load_article(write(tmp_path / "a.txt", "\n\n  Talks resume in Geneva \nBody text.\n"))
    assert art.title == "Talks resume in Geneva"
    assert art.published is None


def test_sidecar_supplies_date_source_and_url(tmp_path: Path) -> None:
    path = write(tmp_path / "b.txt", "Title\nBody.\n")
    (tmp_path / "b.meta.json").write_text(
        json.dumps({"published": "2026-02-04", "source": "CNBC", "url": "https://x/y"}),
        encoding="utf-8",
    )
    art = load_article(path)
    assert (art.published, art.source, art.url) == ("2026-02-04", "CNBC", "https://x/y")


def test_header_beats_command_line_beats_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path / "c.txt", "Title\nBody.\n")
    (tmp_path / "c.meta.json").write_text('{"published": "2026-01-01"}', encoding="utf-8")
    assert load_article(path, published="2026-03-03").published == "2026-03-03"
    assert load_article(path).published == "2026-01-01"
    write(path, "date 2025-05-05 Title\nBody.\n")
    assert load_article(path, published="2026-03-03").published == "2025-05-05"


def test_broken_sidecar_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "d.txt", "Title\nBody.\n")
    (tmp_path / "d.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ArticleError, match="broken sidecar d.meta.json"):
        load_article(path)


def test_sidecar_with_impossible_date_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "e.txt", "Title\nBody.\n")
    (tmp_path / "e.meta.json").write_text('{"published": "2025-02-30"}', encoding="utf-8")
    with pytest.raises(ArticleError, match="not a date"):
        load_article(path)


def test_empty_and_whitespace_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="empty file"):
        load_article(write(tmp_path / "empty.txt", ""))
    with pytest.raises(ArticleError, match="only whitespace"):
        load_article(write(tmp_path / "ws.txt", "  \n\t\n"))


def test_id_is_sha256_prefix_of_normalised_text() -> None:
    assert article_id("Hello\r\nworld\n") == article_id("Hello\nworld")
    assert len(article_id("x")) == 16
    assert article_id("a") != article_id("b")


def test_split_header_ignores_impossible_header_date() -> None:
    assert split_header("date 2025-13-45 Title\n") == ("date 2025-13-45 Title", None)
