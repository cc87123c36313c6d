"""Statements and speakers on sentences written for these tests (not from the samples)."""

from __future__ import annotations

from store.extract import extract


def statements(text: str, published: str = "2026-03-04") -> list[tuple[str, str, str]]:
    ex = extract("Headline\n" + text, published=published)
    return [(s.speaker, s.mode, s.quote) for s in ex.statements]


def test_direct_quote_with_attribution_after_and_surname_variant() -> None:
    got = statements('“We will not give up our land,” Zelenskyy told reporters in Kyiv on Monday.')
    assert got == [("Volodymyr Zelensky", "direct", "We will not give up our land,")]


def test_straight_quotes_and_inverted_attribution() -> None:
    got = statements('"The door is open," said Foreign Minister Sergey Lavrov.')
    assert got == [("Sergei Lavrov", "direct", "The door is open,")]


def test_quote_split_by_its_attribution_is_one_statement() -> None:
    got = statements('Sergei Lavrov spoke. "We are ready," he said, "and we expect results."')
    assert got == [("Sergei Lavrov", "direct", "We are ready, and we expect results.")]


def test_reported_speech_with_title_and_time() -> None:
    got = statements("Kremlin spokesman Dmitry Peskov said on Friday that Moscow was ready for "
                     "talks.")
    assert got == [("Dmitry Peskov", "indirect", "Moscow was ready for talks")]


def test_pronoun_resolves_to_the_nearest_person() -> None:
    got = statements("Finnish President Alexander Stubb arrived in Kyiv. He warned that Europe "
                     "must spend more on defense.")
    assert got == [("Alexander Stubb", "indirect", "Europe must spend more on defense")]


def test_new_person_after_a_title_becomes_an_actor() -> None:
    ex = extract("Headline\nDefense Minister Ruslan Kovalenko said the line held.",
                 published="2026-03-04")
    assert [s.speaker for s in ex.statements] == ["Ruslan Kovalenko"]
    assert ex.actors["Ruslan Kovalenko"].kind == "person"


def test_accused_takes_its_object() -> None:
    got = statements("Zelensky accused Russia of dragging out the talks, and said nothing more.")
    assert ("Volodymyr Zelensky", "indirect", "Russia of dragging out the talks") in got


def test_institution_speaks_when_no_person_is_named() -> None:
    got = statements("Moscow will not withdraw its troops, the Kremlin said.")
    assert got == [("Kremlin", "indirect", "Moscow will not withdraw its troops")]


def test_participle_reports_for_the_subject() -> None:
    got = statements("Putin rejected the proposal, insisting that Russia would keep the land.")
    assert ("Vladimir Putin", "indirect", "Russia would keep the land") in got


def test_compound_subject_gives_each_speaker() -> None:
    got = statements("Poland and Estonia signaled a readiness to host more allied troops.")
    assert {s for s, _, _ in got} == {"Poland", "Estonia"}


def test_scare_quotes_without_a_speaker_are_not_statements() -> None:
    assert statements("Russia continues to attack what analysts call a “fortress belt.”") == []


def test_captions_and_credits_are_not_statements() -> None:
    text = ("Zelensky speaks in Kyiv on March 1, 2026.\nEvelyn Hockstein | Afp | Getty Images\n")
    assert statements(text) == []


def test_role_phrase_without_a_name_is_the_speaker() -> None:
    got = statements("Ukraine’s chief negotiator described the round as “useful.”")
    assert got == [("Ukraine’s chief negotiator", "direct", "useful.")]


def test_continued_quote_in_the_next_paragraph() -> None:
    text = ("“We stand with Ukraine,” Macron said.\n“We will keep helping,” he added.\n")
    got = statements(text)
    assert [s for s, _, _ in got] == ["Emmanuel Macron", "Emmanuel Macron"]


def test_topics_come_from_the_lexicon() -> None:
    ex = extract("Headline\nPutin said a ceasefire was impossible without NATO guarantees.",
                 published="2026-03-04")
    assert {"ceasefire", "nato"} <= set(ex.statements[0].topics)


def test_single_quotation_marks_as_some_british_outlets_print_speech() -> None:
    got = statements("‘We are ready to talk,’ Kremlin spokesman Dmitry Peskov told reporters.")
    assert got == [("Dmitry Peskov", "direct", "We are ready to talk,")]
    got = statements("Sergei Lavrov spoke. 'The door is open,' he said.")
    assert got == [("Sergei Lavrov", "direct", "The door is open,")]


def test_single_quoted_speech_keeps_the_article_text_and_its_offsets() -> None:
    text = ("Headline\n‘Kyiv’s allies’ support is not enough,’ Volodymyr Zelensky said on "
            "Monday.\n")
    ex = extract(text, published="2026-03-04")
    assert [(s.speaker, s.quote) for s in ex.statements] == [
        ("Volodymyr Zelensky", "Kyiv’s allies’ support is not enough,")]
    s = ex.statements[0]
    assert text[s.span[0]:s.span[1]] == s.evidence and s.evidence.startswith("‘Kyiv’s")


def test_apostrophes_and_quotes_within_quotes_are_not_quotation_marks() -> None:
    from store.extract.quotes import double_single_quotes

    for text in ("Kyiv’s allies’ support for Russia's war", "It’s the ‘90s, don't.",
                 "“He told me ‘no’,” she said.", "Don't go, 'tis late."):
        assert double_single_quotes(text) == text
    assert double_single_quotes("the ‘special military operation’ in 2022") == \
        "the “special military operation” in 2022"
    assert double_single_quotes("Russia's 'peace' plan, called 'a sham', failed") == \
        "Russia's “peace” plan, called “a sham”, failed"


def test_records_made_before_a_rule_bug_still_quote_the_article(monkeypatch) -> None:
    """The rules run on a copy with single marks made double; if a later rule fails, the
    records already made must still carry the article's own text (and strict raises)."""
    import pytest

    from store.extract import events as events_mod

    def broken(events):
        raise ValueError("a rule's bug")

    monkeypatch.setattr(events_mod, "merge", broken)
    text = "Headline\n‘We are ready to talk,’ Kremlin spokesman Dmitry Peskov told reporters.\n"
    ex = extract(text, published="2026-03-04")
    assert [s.quote for s in ex.statements] == ["We are ready to talk,"]
    s = ex.statements[0]
    assert s.evidence == text[s.span[0]:s.span[1]] and s.evidence.startswith("‘We")
    with pytest.raises(ValueError):
        extract(text, published="2026-03-04", strict=True)


# ---- quote.main_clause_owner --------------------------------------------------------------
def test_quote_after_a_subordinate_clause_is_the_main_speakers() -> None:
    body = ("Anna Berg, the mayor, spoke on Monday. She later added that because Governor Ivan "
            "Petrov said the bridge was unsafe, “we had to close the road for everyone.”")
    ex = extract("Title\n\n" + body, published="2025-03-07", strict=True)
    direct = [(s.speaker, s.quote) for s in ex.statements if s.mode == "direct"]
    assert direct == [("Anna Berg", "we had to close the road for everyone.")]
    assert ex.statements[-1].rule == "quote.main_clause_owner"


def test_quote_right_after_an_embedded_verb_stays_its_speakers() -> None:
    body = "Anna Berg said that Ivan Petrov had told her “the bridge is unsafe.”"
    ex = extract("Title\n\n" + body, published="2025-03-07", strict=True)
    assert [(s.speaker, s.quote) for s in ex.statements if s.mode == "direct"] == \
        [("Ivan Petrov", "the bridge is unsafe.")]


# ---- speech.passive_by --------------------------------------------------------------------
def _st(body: str) -> list[tuple[str, str, str]]:
    ex = extract("Title\n\n" + body, published="2025-03-07", strict=True)
    return [(s.speaker, s.mode, s.quote) for s in ex.statements]


def test_passive_report_by_a_named_agent() -> None:
    assert _st("Power cuts in the capital were reported by Energoprom on Tuesday.") == \
        [("Energoprom", "indirect", "Power cuts in the capital")]
    assert _st("Explosions in the port were reported by Governor Ivan Petrov overnight.") == \
        [("Ivan Petrov", "indirect", "Explosions in the port")]


def test_passive_report_with_no_named_agent_or_a_relative_clause_gives_nothing() -> None:
    assert _st("Three deaths have been reported by emergency officials in the city.") == []
    assert _st("The hack, which was first reported by the Daily Courier, was denied.") == []


def test_unnamed_inverted_speaker_must_end_the_clause() -> None:
    body = "The town was quiet. The regional leader, Ivan Petrov, said the residents had gone home."
    assert _st(body) == [("Ivan Petrov", "indirect", "the residents had gone home")]
    assert _st("The town was shelled again, said a senior official.") == []


def test_split_attribution_is_not_a_participle_of_saying_after_the_verb() -> None:
    from store.extract import extract
    ex = extract("Title\n\nThe war went on. Russia expects more revenue, Lavrov said, noting "
                 "that the income will be spent on the war.", published="2025-03-07",
                 strict=True)
    quotes = {s.quote for s in ex.statements}
    assert quotes == {"Russia expects more revenue", "the income will be spent on the war"}
    ex = extract("Title\n\nThe war went on. Any deal, Lavrov said, depended on the West.",
                 published="2025-03-07", strict=True)
    assert [s.quote for s in ex.statements] == ["Any deal depended on the West"]


def test_post_attribution_reads_an_irregular_past_tense_as_a_clause() -> None:
    from store.extract import extract
    ex = extract("Title\n\nThe war went on. But the death toll rose steadily, the State Rescue "
                 "Service said, as more bodies were found.", published="2025-03-07",
                 strict=True)
    assert [(s.speaker, s.quote) for s in ex.statements] == [
        ("State Rescue Service", "the death toll rose steadily")]


def test_a_publication_after_the_verb_opens_no_clause() -> None:
    from store.extract import extract
    ex = extract("Title\n\nThe war went on. “After a hundred days,” Anton Rybak wrote in the "
                 "Herald earlier this week, “the offensive is coherent.”",
                 published="2025-03-07", strict=True)
    assert {(s.mode, s.quote) for s in ex.statements} == {
        ("direct", "After a hundred days,"), ("direct", "the offensive is coherent.")}


def test_number_word_opening_a_sentence_is_no_speaker() -> None:
    # "alleged" is an adjective here and "Three" a numeral, not a name
    assert statements("Four alleged saboteurs held near a depot in Latvia are accused of "
                      "cutting cables.") == []


def test_bare_noun_form_after_a_singular_name_is_no_verb_of_saying() -> None:
    got = statements('"The count will climb," Novak, who writes the yearly U.N. report, told '
                     'the press.')
    assert got == [("Novak", "direct", "The count will climb,")]


def test_plural_subject_keeps_the_bare_verb() -> None:
    got = statements("Russia and Ukraine claim the bridge was hit.")
    assert [(s, q) for s, _, q in got] == [("Russia", "the bridge was hit"),
                                           ("Ukraine", "the bridge was hit")]


def test_relative_clause_between_speaker_and_verb_is_skipped() -> None:
    got = statements("EU envoy Anna Kowalska, who led the European team alongside Pierre Dubois, "
                     "Macron’s chief adviser, said on Friday that the talks had made progress.")
    assert got == [("Anna Kowalska", "indirect", "the talks had made progress")]


def test_country_before_a_title_and_name_qualifies_the_person() -> None:
    got = statements("U.S. President Joe Biden has set a deadline for a deal and threatened "
                     "new tariffs on Beijing.")
    assert got == [("Joe Biden", "indirect", "new tariffs on Beijing")]


def test_an_object_ends_where_a_new_clause_with_but_begins() -> None:
    got = statements("Belarus denies hiding the convoy but several border villages have been "
                     "left empty.")
    assert got == [("Belarus", "indirect", "hiding the convoy")]
    # a reported clause keeps its own "but"
    got = statements("The Kremlin said the talks were hard but the mood was good.")
    assert got == [("Kremlin", "indirect", "the talks were hard but the mood was good")]


def test_an_object_that_only_points_back_reports_nothing() -> None:
    assert statements("Warsaw has flatly rejected this demand.") == []


def test_participle_phrase_before_the_speaker_is_no_reported_clause() -> None:
    got = statements('Commenting on the rail strike, the union chairman Sir John Smith told '
                     'LBC: "We will not back down."')
    assert got == [("John Smith", "direct", "We will not back down.")]
    got = statements("Heartened by the quick advance, the Polish Defence Ministry has called on "
                     "reservists in the region to report for duty.")
    assert got == [("Polish Defence Ministry", "indirect",
                    "reservists in the region to report for duty")]


def test_the_ministry_tweeted_refers_back_to_the_ministry() -> None:
    got = statements("The Ukrainian Defense Ministry urged the crews on the island to leave. "
                     "“Go while you can,” the ministry posted on Wednesday.")
    assert got[1] == ("Ukrainian Defence Ministry", "direct", "Go while you can,")


def test_an_unnamed_spokesperson_speaks_for_the_body_that_spoke() -> None:
    got = statements("The U.S. State Department said the envoy had left. She was “safe and "
                     "well,” the spokesperson said.")
    assert {s for s, _, _ in got} == {"US State Department"}
    assert ("US State Department", "direct", "safe and well,") in got


def test_companions_of_a_named_speaker_do_not_hide_it() -> None:
    got = statements("Moldova and its European partners say the blockade is illegal.")
    assert got == [("Moldova", "indirect", "the blockade is illegal")]


def test_officials_of_a_place_speak_as_the_place_and_they_refers_back() -> None:
    got = statements("Belgorod officials said debris fell on a warehouse by the river. Two "
                     "people were hurt, they said.")
    assert got == [("Belgorod", "indirect", "debris fell on a warehouse by the river"),
                   ("Belgorod", "indirect", "Two people were hurt")]
    # persons named just before: "they" is not guessed
    got = statements("Anna Kowalska and Pierre Dubois spoke to the press. The talks were hard, "
                     "they said.")
    assert got == []


def test_a_countrys_prosecutor_generals_office() -> None:
    got = statements("Poland’s prosecutor general’s office said on Friday that 12 suspects "
                     "were held.")
    assert got == [("Polish Prosecutor General's Office", "indirect",
                    "12 suspects were held")]


def test_said_x_and_that_y_keeps_both_clauses() -> None:
    got = statements("Speaking to Sky News, regional governor Oleh Petrenko said there was heavy "
                     "fighting near the port and that enemy guns were firing on it.")
    assert [q for _, _, q in got] == ["there was heavy fighting near the port",
                                      "enemy guns were firing on it"]


def test_adding_between_two_quotations_makes_two_statements() -> None:
    got = statements("“Our door is open,” Senator Jan Novak said, adding, “I am "
                     "worried.”")
    assert [q for _, _, q in got] == ["Our door is open,", "I am worried."]


def test_quotation_before_a_described_speaker_gives_only_the_direct_record() -> None:
    got = statements("“I heard the dogs of the rescuers,” pensioner Halyna Moroz told "
                     "Reuters.")
    assert got == [("Halyna Moroz", "direct", "I heard the dogs of the rescuers,")]


def test_a_dash_and_a_participle_end_the_reported_clause() -> None:
    got = statements("Belarus denied it had moved the troops - instead blaming Warsaw.")
    assert got == [("Belarus", "indirect", "it had moved the troops")]


def test_the_channel_of_a_speech_act_is_not_what_it_reports() -> None:
    got = statements("Zelenskyy promised to reopen the river ferry in a short video message "
                     "posted to his Facebook page.")
    assert got == [("Volodymyr Zelensky", "indirect", "to reopen the river ferry")]


def test_boasted_is_a_verb_of_saying() -> None:
    got = statements("Nigel Farage had boasted that he would win the seat within a week.")
    assert got == [("Nigel Farage", "indirect", "he would win the seat within a week")]


def test_told_a_named_anchor_reports_nothing_after_the_quotation() -> None:
    got = statements('"It felt like a new start," Kowalska told CBS Mornings anchor Gayle '
                     'King.')
    assert got == [("Kowalska", "direct", "It felt like a new start,")]


def test_a_quoted_title_is_a_name_not_speech() -> None:
    got = statements('Anna Kowalska spoke first. "Blue Planet," which first aired in 2001, has '
                     'had sequels since.')
    assert got == []
    got = statements('The "sham votes," Zelenskyy said last week on NBC\'s "Meet the Press," '
                     'make any deal impossible.')
    assert [q for _, m, q in got if m == "direct"] == ["sham votes,"]


def test_when_it_said_refers_to_the_main_clause_subject() -> None:
    got = statements("The Institute for the Study of War published a map. Britain last "
                     "updated its own casualty list in March, when it said it had lost about "
                     "400 soldiers.")
    assert got == [("United Kingdom", "indirect", "it had lost about 400 soldiers")]


def test_an_aside_between_the_verb_and_that() -> None:
    got = statements("Austria has stated, however, that it will stay out of the embargo.")
    assert got == [("Austria", "indirect", "it will stay out of the embargo")]


def test_an_age_before_the_appositive_of_the_speaker() -> None:
    got = statements('One protester, Mark Ellison, 45, a nurse from Leeds, added: "We will '
                     'appeal at once."')
    assert got == [("Mark Ellison", "direct", "We will appeal at once.")]


def test_told_local_media_ends_the_attribution() -> None:
    got = statements("Surgery was not possible, the head nurse of the district clinic, Olga "
                     "Marchenko, told local media.")
    assert got == [("Olga Marchenko", "indirect", "Surgery was not possible")]


def test_unnamed_ministers_speak_as_their_country_and_a_time_may_follow_the_verb() -> None:
    got = statements("Canada is drafting fresh aid, Canadian ministers said this week.")
    assert [(s, q) for s, _, q in got] == [("Canada", "Canada is drafting fresh aid")]


def test_the_watchdog_group_refers_back_to_the_agency() -> None:
    got = statements('The IAEA sent a team to the site. "The situation remains fragile," the '
                     'watchdog group said in a note.')
    assert [(s, m) for s, m, _ in got] == [("IAEA", "direct")]


def test_a_government_named_by_its_demonym_speaks_as_the_country() -> None:
    got = statements("The Serbian government reported a wave of hacking attempts, but said it had "
                     "stopped every leak.")
    assert ("Serbia", "indirect", "it had stopped every leak") in got
