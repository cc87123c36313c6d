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


# ---- footnote markers, captions --------------------------------------------------------------
def test_footnote_markers_end_a_sentence_and_stay_out_of_it() -> None:
    text = ("Title\nThe envoys met twice.[1] Then they parted.[2][3]\n"
            "It rained.[14]The roads closed. Prices rose [5] and fell.\n")
    got = texts(text)
    assert got == ["The envoys met twice.", "Then they parted.", "It rained.",
                   "The roads closed.", "Prices rose [5] and fell."]
    for s in split(text):
        assert text[s.start:s.end] == s.text


def test_footnote_marker_after_a_closing_quote() -> None:
    assert texts('Title\n“We are ready.”[7] The talks went on.') == [
        "“We are ready.”", "The talks went on."]


def test_a_bracketed_word_is_not_a_footnote() -> None:
    assert texts("Title\nThe [foreign] minister spoke. He left.") == [
        "The [foreign] minister spoke.", "He left."]


def _captions(text: str) -> list[str]:
    return [s.text for s in split(text) if s.caption]


def test_caption_lines_that_carry_their_own_credit() -> None:
    text = ("Title\n"
            "A soldier walks past a ruined school in Izium on Monday (Jane Doe/AFP via Getty "
            "Images)\n"
            "The mayor said the school would reopen.\n"
            "Workers repair a substation near Lviv in March [File: John Roe/Reuters]\n"
            "Image: Officials meet at a conference hall in Vienna.\n"
            "Item 1 of 3 Firefighters work at the site of a strike in Odesa. REUTERS/Some Body\n"
            "A tank is shown at a museum in Kyiv. Some Body—Agency Images/Getty Images\n"
            "MOSCOW, March 3 (Reuters) - The ministry said the talks were over.\n"
            "Reuters contributed to this report\n")
    lines = {s.paragraph for s in split(text) if s.caption}
    assert lines == {1, 3, 4, 5, 6}  # the mayor, the dateline and the contributors are not
    assert not any("mayor" in c or "ministry" in c for c in _captions(text))


def test_captions_appended_to_a_body_paragraph_are_flagged_by_sentence() -> None:
    body = "The council met on Tuesday and approved the plan for the bridge. " * 12
    text = ("Title\n" + body + "A man carries a box of aid in Kharkiv, Ukraine, Monday, May 2, "
            "2022. (AP Photo/Some Body) Workers clear rubble in Kharkiv, Monday, May 2, 2022. "
            "(Some Body via AP) The council will meet again in June.\n")
    sentences = split(text)
    flagged = [s.text for s in sentences if s.caption]
    assert flagged == ["A man carries a box of aid in Kharkiv, Ukraine, Monday, May 2, 2022.",
                       "(AP Photo/Some Body)",
                       "Workers clear rubble in Kharkiv, Monday, May 2, 2022.",
                       "(Some Body via AP)"]
    assert sentences[-1].text == "The council will meet again in June."
    assert not sentences[-1].caption and not sentences[1].caption


def test_a_line_followed_by_a_credit_line_is_a_caption_but_not_before_a_contributor_line() \
        -> None:
    text = ("Title\nA crater in a field near Sumy.\n\nPhotograph: Some Body/EPA\n\n"
            "He said the strikes would go on.\n\nReuters contributed to this report\n")
    assert _captions(text) == ["A crater in a field near Sumy."]


def test_captions_are_not_extracted() -> None:
    from store.extract import extract

    text = ("Title\n\nRussian drones hit a depot in Lviv, killing two people, officials said.\n\n"
            "Firefighters at a burning depot in Dnipro where five people were killed (Some "
            "Body/AFP via Getty Images)\n")
    ex = extract(text, published="2026-03-04")
    assert ex.metrics and all("Dnipro" not in m.evidence for m in ex.metrics)
    assert all("Dnipro" not in r.evidence for r in [*ex.events, *ex.statements])


def test_a_quotation_reopened_at_each_paragraph_splits_there() -> None:
    text = ("Headline\nThe analyst told reporters: “The coming months will be hard. “Drones "
            "change the war. Both armies know it. “Winter will decide the rest.”\n")
    assert texts(text) == ["The analyst told reporters: “The coming months will be hard.",
                           "“Drones change the war. Both armies know it.",
                           "“Winter will decide the rest.”"]


def test_links_to_other_stories_are_cut_out_of_the_prose() -> None:
    text = ("Headline\nThe envoys met in Geneva on Monday. READ MORE: Minister quits after "
            "row over budget However, the talks went on late into the night. DON'T MISS: Storm "
            "hits coast [VIDEO]Prices rise again [INSIGHT] He said: “We are close.”\n")
    sentences = split(text)
    assert [s.text for s in sentences if s.prose] == [
        "The envoys met in Geneva on Monday.", "However, the talks went on late into the night.",
        "He said: “We are close.”"]
    links = [s.text for s in sentences if not s.prose][1:]
    assert links == ["READ MORE: Minister quits after row over budget",
                     "DON'T MISS: Storm hits coast [VIDEO]Prices rise again [INSIGHT]"]


def test_a_publishers_promotion_is_not_prose() -> None:
    text = ("Title of the piece\n\nOfficials met in Geneva on Tuesday.\n\n"
            "**Join us at the Example Leadership Summit** May 19–20 in Atlanta. Register today.\n")
    units = split(text)
    promo = [u for u in units if "Join us" in u.text]
    assert promo and not any(u.prose for u in promo)
    assert any(u.prose and "Geneva" in u.text for u in units)


def test_a_straight_mark_closed_by_a_curly_one_ends_its_quotation() -> None:
    # scraped text pairs '"' with '”'; the quotation must not swallow the paragraphs after it
    text = ('Headline\nHe said the club was "trying hard to stay up.” The owners have not '
            'spoken. A vote is due on Friday.')
    assert texts(text) == ['He said the club was "trying hard to stay up.”',
                           "The owners have not spoken.", "A vote is due on Friday."]


def test_a_rule_of_underscores_ends_the_line_before_wire_credits() -> None:
    text = "Headline\nThe boats were seen at dawn. ___ Staff writer Jane Roe in Riga contributed."
    got = texts(text)
    assert got[0] == "The boats were seen at dawn."
    for s in split(text):
        assert text[s.start:s.end] == s.text
