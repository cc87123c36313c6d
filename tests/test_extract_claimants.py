"""Claimants: who gives a figure, as one canonical body or person (store.extract.metrics).

One test per claimant rule, on sentences written for these tests. Each checks the claimant
and that the rule named in `sitrep explain` is the one that decided it.
"""

from __future__ import annotations

from store.extract import extract, rules


def claimants(text: str) -> tuple[list[str | None], set[str]]:
    """The claimant of each metric of `text`, and the claimant rules that noted something."""
    with rules.tracing() as trace:
        ex = extract("Headline\n\n" + text, published="2026-03-04")
    fired = {e.rule for e in trace.entries if e.rule.startswith("metric.claimant.")}
    return [m.claimant for m in ex.metrics], fired


def test_according_to_names_the_claimant() -> None:
    got, fired = claimants("Russia launched 90 drones overnight, according to figures from "
                           "the Ukrainian Air Force.")
    assert got == ["Ukrainian Air Force"] and "metric.claimant.according_to" in fired


def test_the_first_speaker_is_the_claimant() -> None:
    got, fired = claimants("Russia launched 90 drones overnight, the Air Force said.")
    assert got == ["Ukrainian Air Force"] and "metric.claimant.speaker" in fired


def test_variant_spellings_of_one_body_are_one_claimant() -> None:
    # the typographic apostrophe, British and American spelling, possessive and adjective
    spellings = ["Russia’s Defence Ministry", "Russia's Defense Ministry",
                 "the Russian Defence Ministry"]
    got = {claimants(f"Air defences downed 30 Ukrainian drones, {s} said.")[0][0]
           for s in spellings}
    assert got == {"Russian Defense Ministry"}
    assert {claimants(f"Russia launched 90 drones, {s} said.")[0][0]
            for s in ("Ukraine's air force", "Ukraine’s Air Force", "the Ukrainian Air Force")
            } == {"Ukrainian Air Force"}
    # a body the gazetteer does not list: its name as the text gives it, one apostrophe
    assert {claimants("At least nine miners were killed in a strike on their hostel, "
                      f"officials from the Luhansk People{a}s Republic (LPR) have claimed.")[0][0]
            for a in "’'"} == {"Luhansk People's Republic"}


def test_a_city_alone_is_no_claimant() -> None:
    for text in ("Moscow claimed on Friday that 500 Ukrainian troops had been surrounded.",
                 "Moscow, which rarely gives figures, said 12 soldiers were killed.",
                 "Kyiv said at least 25 people were killed in a rocket strike."):
        got, fired = claimants(text)
        assert got == [None], text
        assert "metric.claimant.place_alone" in fired


def test_a_place_is_the_person_or_body_the_text_names_with_it() -> None:
    got, fired = claimants("The city came under 30 drones this week, according to Kyiv mayor "
                           "Vitali Klitschko.")
    assert got == ["Vitali Klitschko"] and "metric.claimant.place_named_body" in fired
    got, fired = claimants("In 2025, Russia seized about 3,000 square kilometres, the Institute "
                           "for the Study of War, or ISW, a Washington, D.C.-based think tank, "
                           "has reported.")
    assert got == ["Institute for the Study of War"]
    assert "metric.claimant.place_named_body" in fired


def test_an_office_is_one_claimant_however_it_is_spelt() -> None:
    for text in ("Twelve people were injured, the mayor of Dnipro said.",
                 "Twelve people were injured, Dnipro’s mayor said.",
                 "Twelve people were injured, Dnipro's mayor said."):
        got, fired = claimants(text)
        assert got == ["Mayor of Dnipro"], text
        assert "metric.claimant.office" in fired
    assert claimants("Seven people were killed, Ukraine’s prosecutor general said.")[0] == [
        "Prosecutor General of Ukraine"]


def test_a_country_that_only_qualifies_a_body_gives_way_to_it() -> None:
    got, fired = claimants("The US Institute for the Study of War (ISW), which tracks the "
                           "fighting, said Kyiv had retaken 400 square kilometres.")
    assert got == ["Institute for the Study of War"]
    assert "metric.claimant.country_modifier" in fired
    got, fired = claimants("The governor of the Kursk region in southern Russia said a drone "
                           "killed two people.")
    assert got == ["Governor of Kursk"] and "metric.claimant.country_modifier" in fired


def test_a_country_speaking_for_its_government_stays_the_claimant() -> None:
    """A country is its government (the actor model names a government by its country), not
    a place name alone."""
    assert claimants("Ukrainian officials said 13 people were killed.")[0] == ["Ukraine"]
    assert claimants("Russia said it had shot down 30 Ukrainian drones.")[0] == ["Russia"]


def test_page_noise_before_a_surname_is_the_person_named_before() -> None:
    got, fired = claimants("The town's mayor, Ivan Petrenko, said the shelling went on. "
                           "Interactive Interactive Petrenko said that 40 people had been "
                           "killed in the town.")
    assert got == ["Ivan Petrenko"] and "metric.claimant.page_noise" in fired


def test_a_spokesperson_gives_the_figures_of_the_body_they_speak_for() -> None:
    """So the Air Force's figures are one series, whether the Air Force or its spokesman
    gave them."""
    for text in ("Air defences shot down 40 drones, the Russian Defence Ministry spokesman "
                 "Igor Konashenkov said.",
                 "Thirteen drones were shot down over the region, said a spokesman for the "
                 "Russian Defence Ministry, Ivan Kovalenko."):
        got, fired = claimants(text)
        assert got == ["Russian Defense Ministry"], text
        assert "metric.claimant.spokesperson" in fired
    # the gazetteer knows whom Yurii Ihnat speaks for, when the sentence does not say
    got, fired = claimants("Ihnat said 40 drones were shot down.")
    assert got == ["Ukrainian Air Force"] and "metric.claimant.spokesperson" in fired


def test_one_person_however_transliterated_is_one_claimant() -> None:
    spellings = {claimants(f"Interior Minister Denys {surname} said that 36 of 42 drones were "
                           "shot down.")[0][0] for surname in ("Monastyrskiy", "Monastyrskyi")}
    assert spellings == {"Denys Monastyrskyi"}
    got, fired = claimants("Regional governor Serhiy Gaidai said 12 people were killed.")
    assert got == ["Serhiy Haidai"] and "metric.claimant.person_spelling" in fired
