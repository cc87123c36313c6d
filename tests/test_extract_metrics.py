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


# ---- contract v2 ------------------------------------------------------------------------------
def kinds(text: str) -> set[tuple[str, float]]:
    return {(m[0], m[1]) for m in metrics(text)}


def test_intercepted_counts_are_their_own_kinds_with_the_launchers_side() -> None:
    got = metrics("Moscow sent 120 drones and six cruise missiles overnight, and air defences "
                  "shot down 101 of them, the air force said.")
    assert ("drones", 120, "exact", "Russia", "Ukrainian Air Force") in got
    assert ("missiles", 6, "exact", "Russia", "Ukrainian Air Force") in got
    got = metrics("The ministry said its air defences downed 58 Ukrainian drones over the Belgorod "
                  "region and destroyed two Neptune missiles.")
    assert [(k, v, s) for k, v, _, s, _ in got] == [("drones_intercepted", 58, "Ukraine"),
                                                     ("missiles_intercepted", 2, "Ukraine")]
    got = metrics("Russia fired 30 missiles at Lviv; 21 missiles were intercepted.")
    assert [(k, v, s) for k, v, _, s, _ in got] == [("missiles", 30, "Russia"),
                                                     ("missiles_intercepted", 21, "Russia")]


def test_shoot_down_part_of_a_launch() -> None:
    assert kinds("Air defences managed to shoot down 50 of 64 drones that Russia launched.") == {
        ("drones_intercepted", 50), ("drones", 64)}


def test_weapons_that_hit_are_no_launched_count() -> None:
    got = kinds("Russia launched 90 drones at Odesa, of which 70 were neutralised and 14 of "
                "them hit port buildings.")
    assert got == {("drones", 90), ("drones_intercepted", 70)}
    assert kinds("Two drones struck a fuel depot near Kursk.") == set()
    assert kinds("One missile destroyed a school in the town.") == set()


def test_vague_plurals_take_their_floor() -> None:
    assert metrics("Dozens of civilians were injured.")[0][:3] == ("injured", 12, "at_least")
    assert metrics("Scores of soldiers were killed.")[0][:3] == ("killed", 20, "at_least")
    assert metrics("Hundreds of people were wounded.")[0][:3] == ("injured", 100, "at_least")
    assert metrics("Thousands of residents have died.")[0][:3] == ("killed", 1000, "at_least")
    assert metrics("Tens of thousands of people were killed.")[0][:3] == ("killed", 10000,
                                                                          "at_least")
    assert metrics("Hundreds of thousands of soldiers have died.")[0][:3] == (
        "killed", 100000, "at_least")
    assert metrics("About two dozen drones were launched.")[0][:3] == ("drones", 24, "about")
    assert metrics("Russia launched two dozen drones.")[0][:3] == ("drones", 24, "about")
    assert metrics("Russia fired a dozen missiles.")[0][:3] == ("missiles", 12, "exact")
    assert metrics("Several hundred more were taken prisoner.")[0][:3] == ("prisoners", 100,
                                                                           "at_least")


def test_a_part_of_a_total_is_no_metric() -> None:
    assert kinds("Nine people were killed, including four children.") == {("killed", 9)}
    assert kinds("Air defences shot down 40 drones, including 12 over Bryansk.") == {
        ("drones_intercepted", 40)}
    assert kinds("Shelling killed 11 civilians: six in Kherson and five in Nikopol.") == {
        ("killed", 11)}
    # a count of another kind after "including" is no part of the first
    assert kinds("Fourteen people were killed, including a boy, and 30 were injured.") == {
        ("killed", 14), ("injured", 30)}


def test_a_vague_mention_of_a_figure_given_precisely_is_one_fact() -> None:
    got = kinds("Dozens of prisoners of war were killed at the camp. The governor said the "
                "blast killed 61 prisoners of war.")
    assert got == {("killed", 61)}


def test_the_same_fact_repeated_is_listed_once_but_two_facts_are_two() -> None:
    got = metrics("Shelling killed three people in Kherson. Officials said three people were "
                  "killed in the shelling.")
    assert [(m[0], m[1]) for m in got] == [("killed", 3)]
    ex = extract("Headline\nThree people were killed in Kherson on Monday. Three people were "
                 "killed in Sumy on Tuesday.", published="2026-03-04")
    assert [(m.kind, m.value) for m in ex.metrics] == [("killed", 3), ("killed", 3)]


def test_running_totals_are_cumulative() -> None:
    ex = extract("Headline\nSome 12,000 soldiers have been killed since the start of the "
                 "full-scale invasion. On Monday 14 people were killed in Dnipro.",
                 published="2026-03-04")
    assert [(m.kind, m.value, m.cumulative) for m in ex.metrics] == [
        ("killed", 12000, True), ("killed", 14, False)]
    ex = extract("Headline\nUkraine has lost 9,000 soldiers so far.", published="2026-03-04")
    assert [(m.kind, m.value, m.side, m.cumulative) for m in ex.metrics] == [
        ("killed", 9000, "Ukraine", True)]


def test_numbers_inside_quotation_marks_count() -> None:
    got = metrics('"Four people were killed and 19 injured," the governor said.')
    assert {(m[0], m[1]) for m in got} == {("killed", 4), ("injured", 19)}


def test_injured_get_no_side_the_text_does_not_give() -> None:
    assert metrics("Two people were injured, the police said.")[0][3] is None
    assert metrics("Russian shelling injured five people.")[0][3] == "Ukraine"


def test_every_metric_names_its_rule() -> None:
    from store.extract import rules

    ex = extract("Headline\nRussia launched 50 drones; 40 were shot down. The death toll rose "
                 "to 9.", published="2026-03-04")
    assert ex.metrics and all(m.rule in rules.RULES for m in ex.metrics)
    assert {m.rule for m in ex.metrics} >= {"metric.count_before_noun", "metric.intercepted",
                                            "metric.death_toll"}


def test_vetoes_are_reported_in_the_trace() -> None:
    from store.extract import rules

    with rules.tracing() as trace:
        extract("Headline\nEleven people were killed, including three children.",
                published="2026-03-04")
    assert any(e.rule == "metric.veto.part_of_total" and e.outcome == "vetoed"
               for e in trace.entries)


def test_not_counts() -> None:
    assert kinds("No one was injured.") == set()
    assert kinds("Olena, 34, was wounded.") == set()
    assert kinds("Kherson, a city of 280,000 people, was shelled.") == set()
    assert kinds("The unit loses about 40 soldiers a day.") == set()
    assert kinds("Each launcher can fire 12 missiles in a minute.") == set()
    assert kinds("The aid package includes 300 drones.") == set()
    assert kinds("North Korea fired 12 missiles into the sea.") == set()
    assert kinds("The 1932 famine killed millions of people.") == set()


def test_ranges_count_from_their_floor() -> None:
    assert metrics("Between 7,000 and 9,000 soldiers have been killed.")[0][:3] == (
        "killed", 7000, "at_least")
    assert kinds("Officials said 20 to 30 people were injured.") == {("injured", 20)}


def test_troops_need_something_that_troops_do() -> None:
    assert kinds("Russia has massed 40,000 troops near the border.") == {("troops", 40000)}
    assert kinds("The court heard the cases of 12 soldiers.") == set()
    assert kinds("Russia lost 500 soldiers in the assault.") == {("killed", 500)}
    assert kinds("Ukraine said 120 soldiers had surrendered.") == {("prisoners", 120)}


def test_metric_date_only_where_the_text_gives_a_day() -> None:
    ex = extract("Headline\nTwo people were killed in Kharkiv.", published="2026-03-04")
    assert ex.metrics[0].date is None
    ex = extract("Headline\nRussia launched 80 drones overnight.", published="2026-03-04")
    assert ex.metrics[0].date == "2026-03-04"
    ex = extract("Headline\nMore than 900 km2 have been retaken since February 1.",
                 published="2026-03-04")
    assert ex.metrics[0].date is None and ex.metrics[0].cumulative


def test_metrics_are_linear_in_sentence_length() -> None:
    import time

    from store.extract import metrics as metrics_mod

    unit = ("Russia launched 145 drones and 3 missiles at Kharkiv, killing 12 people and "
            "injuring 30, while 40 drones were shot down over Kyiv, officials said. ")

    def cost(n: int) -> float:
        text = (unit * (n // len(unit) + 1))[:n]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            metrics_mod.find(text, [])
            best = min(best, time.perf_counter() - start)
        return best

    assert cost(16_000) <= 8 * cost(4_000) + 0.01


def test_a_verb_after_a_list_or_an_aside_governs_the_counts() -> None:
    assert kinds("The air force said 310 drones and nine missiles were shot down.") == {
        ("drones_intercepted", 310), ("missiles_intercepted", 9)}
    assert kinds("At least 16 people, including a newborn, have died in the blaze.") == {
        ("killed", 16)}
    assert kinds("Over 3,000 civilians — including 120 children — have been killed there.") == {
        ("killed", 3000)}


def test_tolls_bodies_and_captives() -> None:
    assert kinds("The death toll from Sunday's attack on the market has climbed to 27.") == {
        ("killed", 27)}
    assert kinds("Moscow handed over the bodies of 500 soldiers, officials said.") == {
        ("prisoners", 500)}
    assert kinds("Kyiv says it took 60 Russian soldiers prisoner near Kupiansk.") == {
        ("prisoners", 60)}
    assert kinds("Eight aid workers were killed in the strike.") == {("killed", 8)}
    assert kinds("Five nurses were wounded.") == {("injured", 5)}


def test_hypothetical_figures_and_named_drone_types() -> None:
    assert kinds("A single barrage could kill hundreds of civilians, the mayor warned.") == set()
    assert kinds("Air defences were able to shoot down 30 of 35 drones.") == {
        ("drones_intercepted", 30), ("drones", 35)}
    assert kinds("A Kinzhal missile and three Shahed drones struck the port.") == set()
    got = metrics("The ministry said 900 Russian soldiers were killed and 1,300 wounded.")
    assert [(k, v, s) for k, v, _, s, _ in got] == [("killed", 900, "Russia"),
                                                     ("injured", 1300, "Russia")]


def test_one_person_named_by_an_article() -> None:
    assert kinds("A drone attack on the village killed a man, the governor said.") == {
        ("killed", 1)}
    assert kinds("Shelling injured a 70-year-old woman in Nikopol.") == {("injured", 1)}
    assert kinds("Russia used a new tactic near the front.") == set()


def test_an_article_never_cuts_the_verb_from_its_count() -> None:
    assert kinds("Russian shelling killed a total of 25 people.") == {("killed", 25)}
    assert kinds("The army has lost a staggering 40,000 soldiers.") == {("killed", 40000)}
    assert metrics("The war has killed more than a million people.")[0][:3] == (
        "killed", 1_000_000, "over")


def test_other_ways_to_say_killed_and_injured() -> None:
    assert kinds("The strike claimed the lives of nine people.") == {("killed", 9)}
    assert kinds("Rescuers recovered the bodies of four people.") == {("killed", 4)}
    assert kinds("The number of injured rose to 52 on Monday.") == {("injured", 52)}
    assert kinds("Kyiv's losses over the past 24 hours were 900 personnel, Moscow said.") == {
        ("killed", 900)}


def test_a_toll_that_rises_from_one_figure_to_another_is_the_new_figure() -> None:
    assert kinds("The death toll rose from 20 to 25 on Monday.") == {("killed", 25)}


def kv(text: str) -> list[tuple[str, float, str]]:
    return [(m[0], m[1], m[2]) for m in metrics(text)]


def test_square_miles_and_hectares_become_square_kilometres() -> None:
    assert kv("The brigade says it retook more than 250 square miles near the river.") == [
        ("territory_km2", 647, "over")]
    assert kv("Their push freed thousands of square miles of farmland and villages.") == []
    assert kv("Their push freed thousands of square miles of land and villages.") == [
        ("territory_km2", 2590, "at_least")]
    assert kv("Troops regained 4,000 hectares west of the town.") == [
        ("territory_km2", 40, "exact")]
    # one area in two units is one metric, in kilometres
    assert kv("Forces recaptured 600 sq km (232 sq miles) this month.") == [
        ("territory_km2", 600, "exact")]
    assert kv("Forces recaptured 232 square miles (600 square kilometres) this month.") == [
        ("territory_km2", 600, "exact")]
    # an area not (yet) taken, or no territory at all
    assert kv("A general said the army would be able to retake 500 square miles by spring.") == []
    assert kv("The blaze burned 40 square miles of forest.") == []


def test_bodies_found_are_the_dead_unless_handed_over() -> None:
    assert kv("Police say 37 bodies were found in the woods after the retreat.") == [
        ("killed", 37, "exact")]
    assert kv("Investigators exhumed more than 90 bodies from a trench.") == [
        ("killed", 90, "over")]
    assert [k for k, _, _ in kv("The sides swapped 40 bodies found on the battlefield.")] == [
        "prisoners"]
    assert kv("The morgue can hold 30 bodies.") == []
    assert kv("Ten bodies recovered last week were buried on Monday.") == []


def test_lives_claimed() -> None:
    assert kv("The shelling has claimed at least 40 lives this month.") == [
        ("killed", 40, "at_least")]
    assert kv("A drone fell on the market, taking three lives.") == [("killed", 3, "exact")]
    assert kv("Better shelters could save hundreds of lives.") == []
    assert kv("Doctors saved 12 lives overnight.") == []
    assert kv("A new offensive could claim thousands of lives.") == []


def test_death_toll_verbs() -> None:
    assert kv("The death toll in the town has hit 23.") == [("killed", 23, "exact")]
    assert kv("By evening the toll had climbed to 31.") == [("killed", 31, "exact")]
    assert kv("The toll of the storm is unclear.") == []


def test_forces_that_lost_so_many_count_as_killed() -> None:
    assert kv("The general said the brigade had lost 300 officers in the siege.") == [
        ("killed", 300, "exact")]
    assert kv("He estimated the enemy army had lost 'forty to fifty thousand'.") == [
        ("killed", 40000, "at_least")]
    assert kv("The firm lost 200 in the first quarter.") == []
    assert kv("The army lost 40 of its tanks.") == []
    assert kv("Ukraine is losing 100 soldiers a day.") == []


def test_bare_count_with_its_verb_right_after() -> None:
    got = kv("The air force said Russia fired 60 cruise missiles, with 45 intercepted by air "
             "defences.")
    assert got == [("missiles", 60, "exact"), ("missiles_intercepted", 45, "exact")]


def test_listed_people_share_the_verb() -> None:
    assert kv("At least nine nurses, drivers and medics were killed in the strike.") == [
        ("killed", 9, "at_least")]
    assert kv("Six teachers, doctors and nurses attended the meeting.") == []


def test_captured_people_as_a_modifier() -> None:
    assert kv("Kyiv is in touch with dozens of captured marines.") == [
        ("prisoners", 12, "at_least")]
    assert kv("Kyiv said 20 captured soldiers were killed in the blast.")[0][0] == "killed"


def test_tolls_of_people_and_hospital() -> None:
    assert kv("The number of people killed in the raid rose to 22.") == [("killed", 22, "exact")]
    assert kv("The number of civilians injured has risen to 40.") == [("injured", 40, "exact")]
    assert kv("The number of people killed is unknown.") == []
    assert kv("Officials said 14 people were rushed to hospital.") == [("injured", 14, "exact")]
    assert kv("The shelling killed two people and wounded dozens overall.") == [
        ("killed", 2, "exact"), ("injured", 12, "at_least")]


def test_a_verb_of_dying_is_no_participle_before_another_verb() -> None:
    assert kv("Two people died in the blast after a rocket landed nearby.") == [
        ("killed", 2, "exact")]
    assert kv("Two people died in the blast after rocket fragments landed nearby.") == [
        ("killed", 2, "exact")]


def test_an_aside_closed_by_its_verb_is_no_part_of_the_next_count() -> None:
    assert kv("Five civilians, including a boy, were killed and 14 wounded.") == [
        ("killed", 5, "exact"), ("injured", 14, "exact")]
    assert kv("Eight people were killed, including a girl, and 25 injured.") == [
        ("killed", 8, "exact"), ("injured", 25, "exact")]
    # still a part: the aside lists the total's own members
    assert kv("Eight people were wounded, including three children.") == [
        ("injured", 8, "exact")]


def test_bodies_repatriated_are_an_exchange() -> None:
    assert kv("About 900 bodies of fallen soldiers were repatriated on Friday.") == [
        ("prisoners", 900, "about")]


def test_people_in_or_out_of_captivity_are_prisoners() -> None:
    assert kv("Kyiv said 95 of its marines had come back from captivity.") == [
        ("prisoners", 95, "exact")]
    assert kv("An estimated 8,000 Ukrainians are held by Russia.") == [
        ("prisoners", 8000, "about")]
    assert kv("Four soldiers died in captivity, the ombudsman said.") == [("killed", 4, "exact")]
    assert kv("About 3,000 troops are held in reserve near the border.")[0][0] == "troops"


def test_handed_over_is_no_qualifier() -> None:
    assert kv("Moscow handed over 700 bodies of soldiers.") == [("prisoners", 700, "exact")]


def test_one_person_with_an_age_or_adjective() -> None:
    assert kv("A 63-year-old man was killed and two women were hurt.") == [
        ("killed", 1, "exact"), ("injured", 2, "exact")]
    assert kv("A local official was killed.") == []  # 'official' is no listed person noun


def test_reservists_called_to_arms_are_troops() -> None:
    assert kv("The minister said 120,000 reservists had been called to arms.") == [
        ("troops", 120000, "exact")]


def test_of_which_refers_to_the_weapon_just_before() -> None:
    got = kv("Russia attacked overnight with six missiles and 80 drones, of which 52 were "
             "shot down.")
    assert got == [("missiles", 6, "exact"), ("drones", 80, "exact"),
                   ("drones_intercepted", 52, "exact")]
    # no weapon right before 'of them': two families, no guess
    assert kv("Russia fired 40 missiles and 90 drones; of them 30 were intercepted.") == [
        ("missiles", 40, "exact"), ("drones", 90, "exact")]


def test_out_of_a_whole_and_the_wholes_side() -> None:
    got = [(m[0], m[1], m[3]) for m in metrics(
        "Ukrainian air defences downed 70 out of 85 drones overnight.")]
    assert got == [("drones_intercepted", 70, "Russia"), ("drones", 85, "Russia")]


def test_territory_side_is_who_gained_it() -> None:
    def sides(text: str) -> list[str | None]:
        return [m[3] for m in metrics(text)]
    assert sides("Russian forces have lost 650 square kilometres near the city.") == ["Ukraine"]
    assert sides("Kyiv ceded 120 square kilometres to Russian troops.") == ["Russia"]
    assert sides("Ukraine recaptured 330 square kilometres held by Russia.") == ["Ukraine"]
    assert sides("About 9,000 square km are still held by Ukrainian troops.") == ["Ukraine"]
    assert sides("Russian troops seized 210 square kilometres this month.") == ["Russia"]


def test_a_participle_phrase_between_count_and_verb() -> None:
    assert kv("Dozens of people queuing for water have been killed in such strikes.") == [
        ("killed", 12, "at_least")]
    assert kv("Four miners working in the shaft were injured.") == [("injured", 4, "exact")]
    assert kv("Ten people living in the building were evacuated.") == []


def test_an_article_in_a_place_phrase_does_not_cut_the_count() -> None:
    assert kv("Four people in a minibus were killed.") == [("killed", 4, "exact")]
    assert kv("Six people sheltering in a school were hurt.") == [("injured", 6, "exact")]
    # the article still counts where it is a count of its own
    assert kv("Three people died in a strike and a woman was injured.") == [
        ("killed", 3, "exact"), ("injured", 1, "exact")]


def test_passive_target_is_no_launcher() -> None:
    def sides(text: str) -> list[str | None]:
        return [m[3] for m in metrics(text)]
    assert sides("Ukraine was attacked by 140 drones overnight.") == ["Russia"]
    assert sides("Russian regions were hit by 35 Ukrainian drones.") == ["Ukraine"]
    assert sides("Russia attacked Ukraine with 140 drones overnight.") == ["Russia"]


def test_more_vague_and_round_numbers() -> None:
    assert kv("Half a million reservists have been mobilised for the offensive.") == [
        ("troops", 500000, "about")]
    assert kv("A half-dozen civilians were killed.") == [("killed", 6, "about")]
    assert kv("A couple of drones were shot down over the port.") == [
        ("drones_intercepted", 2, "about")]
    assert kv("The talks began a couple of days ago.") == []
