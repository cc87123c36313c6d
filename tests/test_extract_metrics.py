"""Metrics: kinds, number words, separators, qualifiers, units, side, claimant, one fact once."""

from __future__ import annotations

from store.extract import extract


def metrics(text: str) -> list[tuple[str, float, str, str | None, str | None]]:
    ex = extract("Headline\n" + text, published="2026-03-04")
    return [(m.kind, m.value, m.qualifier, m.side, m.claimant) for m in ex.metrics]


def test_drones_and_missiles_with_claimant() -> None:
    got = metrics("Russia launched 145 drones and three Iskander-M missiles overnight, "
                  "Ukraine's air force said.")
    assert got == [("drones", 145, "exact", "Russia", "Ukrainian Air Force"),
                   ("missiles", 3, "exact", "Russia", "Ukrainian Air Force")]


def test_territory_units_and_qualifier() -> None:
    got = metrics("Ukrainian forces recaptured about 12 square kilometres near Pokrovsk, "
                  "according to ISW.")
    assert got == [("territory_km2", 12, "about", "Ukraine", "Institute for the Study of War")]
    assert metrics("Russian troops seized 1,250 sq km in a month.")[0][:2] == ("territory_km2",
                                                                               1250)


def test_casualties_side_is_the_victim() -> None:
    got = metrics("At least 12 people were killed and more than 60 injured in a strike on "
                  "Kharkiv on Saturday, regional governor Oleh Syniehubov said.")
    assert got == [("killed", 12, "at_least", "Ukraine", "Oleh Syniehubov"),
                   ("injured", 60, "over", "Ukraine", "Oleh Syniehubov")]


def test_number_words() -> None:
    assert metrics("Two hundred drones were launched.")[0][:2] == ("drones", 200)
    assert metrics("Russia fired a dozen missiles at Odesa.")[0][:2] == ("missiles", 12)
    assert metrics("Russia launched an Iskander-M ballistic missile at Dnipro.")[0][:2] == (
        "missiles", 1)
    assert metrics("Up to twenty-five soldiers were wounded.")[0][:3] == ("injured", 25, "up_to")


def test_a_missile_strike_is_not_a_missile_count() -> None:
    assert metrics("It was a missile strike on the city.") == []
    assert metrics("The war has lasted three years.") == []


def test_one_fact_repeated_is_counted_once() -> None:
    got = metrics("Russia launched 90 drones. Of the 90 drones Russia launched, most fell.")
    assert got == [("drones", 90, "exact", "Russia", None)]


def test_prisoner_exchange() -> None:
    got = metrics("Ukraine and Russia exchanged 150 prisoners of war on Thursday.")
    assert got == [("prisoners", 150, "exact", None, None)]


def test_metric_location_is_where_it_happened_not_the_attacker() -> None:
    from store.extract import extract

    text = "Night attack\nRussia launched 90 drones at Kharkiv overnight, the governor said.\n"
    (metric,) = [m for m in extract(text).metrics if m.kind == "drones"]
    assert metric.location == "Kharkiv"


def test_absurd_digit_strings_are_not_metrics() -> None:
    from store.extract import extract

    text = "Noise\nRussia launched " + "9" * 400 + " drones at Kyiv overnight.\n"
    assert [m for m in extract(text).metrics if m.kind == "drones"] == []
