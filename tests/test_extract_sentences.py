"""Sentence splitting: abbreviations, quotations over sentences, captions, bullets, datelines."""

from __future__ import annotations

from store.extract.sentences import blank_dateline, split


def texts(text: str) -> list[str]:
    return [s.text for s in split(text) if s.prose]


def test_offsets_are_exact() -> None:
    text = "Title line\nFirst one. Second one!\n\n- Bullet item here.\n"
    for s in split(text):
        assert text[s.start:s.end] == s.text


def test_abbreviations_do_not_end_sentences() -> None:
    text = ("Headline\nThe U.S. and the U.K. sent Gen. Mark Smith and Lt. Col. Jones to Kyiv in "
            "Sept. 2024. It was 9 a.m. when No. 2 brigade moved. Then they left.")
    got = texts(text)
    assert got == [
        "The U.S. and the U.K. sent Gen. Mark Smith and Lt. Col. Jones to Kyiv in Sept. 2024.",
        "It was 9 a.m. when No. 2 brigade moved.",
        "Then they left.",
    ]


def test_initialism_at_sentence_end_splits_before_an_opener() -> None:
    got = texts("Headline\nThe talks were hosted by the U.S. The Kremlin said nothing.")
    assert got == ["The talks were hosted by the U.S.", "The Kremlin said nothing."]


def test_a_quotation_over_several_sentences_stays_one_unit() -> None:
    text = 'Headline\n“We want peace. We will not surrender,” the minister said. Next.'
    assert texts(text) == ['“We want peace. We will not surrender,” the minister said.', "Next."]


def test_credit_lines_headlines_and_headers_are_not_prose() -> None:
    text = ("date 2026-01-02 Some title\nA caption of a photo in Kyiv on Monday.\n"
            "Evelyn Hockstein | Afp | Getty Images\nReal sentence here.\nSource link\n")
    sentences = split(text)
    prose = [s.text for s in sentences if s.prose]
    assert prose == ["A caption of a photo in Kyiv on Monday.", "Real sentence here."]
    assert sentences[1].caption


def test_bullets_are_stripped_from_evidence() -> None:
    text = "Title\n- Russia launched 12 drones.\n* Ukraine said so.\n"
    assert texts(text) == ["Russia launched 12 drones.", "Ukraine said so."]


def test_datelines_are_blanked_but_offsets_kept() -> None:
    for sentence in ("KYIV, Ukraine — Russia attacked.", "Geneva – Talks ended."):
        blanked = blank_dateline(sentence)
        assert len(blanked) == len(sentence)
        assert "Kyiv" not in blanked.title()[:8] and "Geneva" not in blanked


def test_nothing_breaks_on_odd_input() -> None:
    for text in ("", "\n\n", "...", "“" * 50, "a." * 1000, "\u2028\u0000x"):
        for s in split(text):
            assert text[s.start:s.end] == s.text
