"""Events: kinds, dates, places, status, and what is not an event."""

from __future__ import annotations

from store.extract import extract


def events(text: str, published: str = "2026-03-04") -> list[tuple[str, str | None, str | None,
                                                                      str]]:
    ex = extract("Headline\n" + text, published=published)
    return [(e.kind, e.date, e.location, e.status) for e in ex.events]


def test_strike_with_place_and_day() -> None:
    got = events("At least 12 people were killed in a strike on Kharkiv on Saturday.")
    assert got == [("strike", "2026-02-28", "Kharkiv", "occurred")]


def test_planned_talks() -> None:
    got = events("Delegations will meet in Istanbul next week for a new round.")
    assert got == [("meeting", "2026-03-09", "Istanbul", "planned")]


def test_phone_call_on_a_date() -> None:
    got = events("Trump and Putin held a phone call on March 2 about a truce deal.")
    assert got[0][:3] == ("call", "2026-03-02", None)


def test_advance_per_side_in_one_sentence() -> None:
    got = events("Ukrainian forces advanced near Kupiansk, and Russian forces captured a "
                 "village near Pokrovsk.")
    assert [(k, loc) for k, _, loc, _ in got] == [("advance", "Kupiansk"),
                                                   ("advance", "Pokrovsk")]


def test_hypothetical_and_quoted_events_are_not_events() -> None:
    assert events("Any future talks would need a ceasefire first.") == []
    assert events("Kyiv will not negotiate until there are talks between leaders.") == []
    assert events("“This strike shows Russia wants war,” Zelensky said.") == []


def test_one_meeting_reported_twice_is_one_event() -> None:
    text = ("Officials met in Riyadh on Tuesday for talks on the war. "
            "The talks in Riyadh lasted four hours.")
    got = events(text, published="2025-02-18")
    assert got == [("talks", "2025-02-18", "Riyadh", "occurred")]


def test_sanctions_and_agreement() -> None:
    assert events("The EU imposed new sanctions on Russian banks on Friday.")[0][0] == "sanctions"
    assert events("Kyiv and Washington signed a minerals deal in Washington.")[0][:1] == (
        "agreement",)


def test_claimed_status() -> None:
    got = events("Russia claimed that Ukraine launched drones at Belgorod.")
    assert got[0][0] == "strike" and got[0][3] == "claimed"


# ---- named rules (sentences written for these tests) ------------------------------------------

def rules_of(text: str, published: str = "2026-03-04") -> list[tuple[str, str]]:
    ex = extract("Headline\n" + text, published=published)
    return [(e.kind, e.rule) for e in ex.events]


def test_every_event_names_its_trigger_rule() -> None:
    from store.extract.rules import RULES

    ex = extract("Headline\nRussian drones struck Odesa on Sunday.", published="2026-03-04")
    assert ex.events and all(e.rule in RULES and e.rule.startswith("event.trigger.")
                             for e in ex.events)


def test_exchange_kind() -> None:
    assert rules_of("Russia and Ukraine swapped 120 prisoners of war on Friday.") == [
        ("exchange", "event.trigger.exchange.exchanged")]
    assert rules_of("The bodies of 500 soldiers were returned to Kyiv on Monday.")[0][0] == \
        "exchange"
    got = events("The two sides agreed to release all captured civilians next week.")
    assert got[0][0] == "exchange" and got[0][3] == "planned"
    # prisoner exchanges as a topic are no occurrence
    assert events("Officials discussed prisoner exchanges and grain exports.") == []


def test_new_triggers() -> None:
    assert events("Russian artillery pounded Kherson overnight.")[0][:3] == (
        "strike", "2026-03-04", "Kherson")
    assert events("Missiles targeted Lviv on Tuesday.")[0][:2] == ("strike", "2026-03-03")
    assert events("Russia sent drones at Kharkiv on Sunday.")[0][0] == "strike"
    assert events("Ukraine regained ground near Kupiansk.")[0][:3] == (
        "advance", None, "Kupiansk")
    assert events("The capture of Bakhmut took months.")[0][0] == "advance"
    assert events("Both sides agreed a pause of strikes on energy sites on Friday.")[0][0] == \
        "ceasefire"
    assert events("Moscow moved reinforcements toward Pokrovsk.")[0][0] == "deployment"


def test_lookalikes_are_no_events() -> None:
    assert events("Kyiv asked for advanced air defence systems.") == []
    assert events("Farmers were hit by the delays at the ports.") == []
    assert events("The currency hit a record low on Monday.") == []
    assert events("Two soldiers captured in the fighting were shown on television.") == []
    assert events("The minister spoke to Reuters about the plan.") == []
    assert events("Engineers deployed new software across the grid.") == []


def test_proposals_requests_and_states_are_no_events() -> None:
    assert events("The envoy called for a ceasefire before the holiday.") == []
    assert events("Kyiv urged talks with Moscow.") == []
    assert events("Efforts to restart stalled peace talks continued.") == []
    assert events("The ongoing negotiations have produced little.") == []
    assert events("Peace talks remain the only way out, the analyst said.") == []
    assert events("Russia holds a fifth of the country and has taken control of a fifth of "
                  "its coast.") == []


def test_background_and_captions() -> None:
    # more than a month before publication
    assert events("Russian troops seized Kherson on March 2.", published="2026-09-10") == []
    # a photo caption
    assert events("The two leaders meet in Geneva, Switzerland on June 16, 2021.") == []
    assert events("Rescuers work at a site hit by a drone Tuesday, Feb. 3, 2026, in Kyiv "
                  "(AP Photo/Someone)") == []


def test_first_person_narration_is_no_event() -> None:
    assert events("Next week, I will meet the president in Kyiv.") == []


def test_talks_by_topic() -> None:
    got = events("The two presidents met in Ankara on Monday to discuss ending the war.")
    assert got == [("talks", "2026-03-02", "Ankara", "occurred")]


def test_date_from_the_trigger_clause() -> None:
    # the day belongs to the report, the strike is told as past: no day
    got = events("Officials said on Monday that the drones had struck a depot near Sumy.")
    assert got == [("strike", None, "Sumy", "occurred")]
    # a fronted day dates every clause
    got = events("On Tuesday, missiles struck Dnipro, and the mayor called an emergency "
                 "meeting.")
    assert ("strike", "2026-03-03", "Dnipro", "occurred") in got
    assert ("meeting", "2026-03-03", None, "occurred") in got


def test_carry_date_and_merge_steps() -> None:
    text = ("Russian drones struck Odesa overnight into Sunday. "
            "The attack damaged a port terminal. "
            "Separately, missiles hit Kharkiv on Saturday.")
    got = events(text)
    assert got == [("strike", "2026-03-01", "Odesa", "occurred"),
                   ("strike", "2026-02-28", "Kharkiv", "occurred")]


def test_another_attack_is_its_own_event() -> None:
    got = events("A drone hit a school in Kharkiv overnight and another attack followed an "
                 "hour later.")
    assert [k for k, *_ in got] == ["strike", "strike"]


def test_richest_report_stands_for_the_occurrence() -> None:
    text = ("Russian strikes cut power across the country on Saturday. "
            "Officials said Russian strikes on Saturday used 300 drones and 30 missiles.")
    ex = extract("Headline\n" + text, published="2026-03-04")
    assert len(ex.events) == 1 and "300 drones" in ex.events[0].evidence


def test_vetoes_are_noted_with_their_rule() -> None:
    from store.extract import rules

    with rules.tracing() as trace:
        extract("Headline\nThe envoy called for a ceasefire.", published="2026-03-04")
    assert any(e.rule == "event.veto.proposal" and e.outcome == "vetoed"
               for e in trace.entries)


def test_calendar_edges_do_not_raise() -> None:
    for day in ("0001-01-01", "9999-12-31"):
        ex = extract("Headline\nMissiles hit Kyiv last week, yesterday and on Monday, "
                     "and talks are due next month.", published=day, strict=True)
        assert ex.events


def test_partial_quote_in_the_narration_still_reports() -> None:
    got = events("Kyiv said its troops had “liberated several villages” near Izium on Friday.")
    assert got and got[0][0] == "advance"
    assert events("“We liberated several villages,” the commander said.") == []


def test_attend_needs_a_meeting() -> None:
    assert events("Mourners attended a funeral in Lviv on Monday.") == []
    assert events("Zelensky attended the summit in Vilnius on Monday.")[0][0] == "meeting"


def test_weapon_subject_and_possessive_call() -> None:
    got = events("Russian rockets killed three people in Ukraine’s Kherson on Sunday.")
    assert got == [("strike", "2026-03-01", "Kherson", "occurred")]
    assert events("The leaders’ call lasted an hour on Monday.")[0][0] == "call"


def test_vague_period_mentions_are_one_event_apart_from_dated_ones() -> None:
    text = ("Russia used drones in a series of attacks on Ukrainian cities this past week. "
            "On Wednesday, drones struck power plants in Kyiv. "
            "Beginning a week ago, Russia launched a wave of attacks on energy sites.")
    got = events(text, published="2026-03-06")
    assert [(k, d) for k, d, _, _ in got] == [("strike", None), ("strike", "2026-03-04")]


def test_talks_off_the_war_are_a_meeting() -> None:
    got = events("The two prime ministers held talks in Vienna on Monday about trade.")
    assert got and got[0][0] == "meeting"
    got = events("Russian and Ukrainian delegations held talks in Istanbul on Monday.")
    assert got and got[0][0] == "talks"


def test_more_lookalikes() -> None:
    assert events("Most of the carbon is captured and stored underground.") == []
    assert events("The senator was on the attack against his rival.") == []
    assert events("The airport was hit by bomb threats on Monday.") == []
    assert events("Moscow insists on keeping territory it has seized.") == []
    assert events("There is little chance of a meeting between the two men.") == []


def test_day_of_the_speech_act_does_not_date_the_event() -> None:
    got = events("On Friday, the envoy said the leaders would meet in Rome soon.",
                 published="2026-03-04")
    assert got and got[0][1] is None
    # an attribution clause after the event keeps its day to itself
    got = events("The plant opened on February 13 in Lviv, the minister told the summit.",
                 published="2026-03-04")
    assert ("meeting", None) in [(k, d) for k, d, _, _ in got]


def test_reactions_image_lines_and_long_requests() -> None:
    assert events("The plan was met with anger in Kyiv on Monday.") == []
    assert events("Image: the president chairs a meeting in Moscow.") == []
    assert events("A letter called for the new president to engage in talks with Russia.") == []
    got = events("Russian artillery and drone attacks killed two people in Sumy.")
    assert got and got[0][:1] == ("strike",)


def test_purpose_infinitives_nouns_and_video() -> None:
    assert events("Losing the port would open the door for Kyiv to mount an offensive "
                  "towards Crimea.") == []
    got = events("Russian forces continued to shell Nikopol on Monday.")
    assert got and got[0][0] == "strike"
    assert events("The hit was meant for his father.") == []
    assert events("The rounds were captured on video over Donetsk.") == []
    got = events("The minister announced it during a conference call on Tuesday.")
    assert [k for k, *_ in got] == ["call"]
    assert events("He checked a bombed-out building in Kharkiv.") == []


def test_talks_by_context_of_the_sentence_before() -> None:
    text = ("The envoy's efforts to bring an end to the war have drawn doubts.\n"
            "The envoy will meet President Putin in Moscow on Tuesday.")
    ex = extract("Headline\n\n" + text.replace("\n", " "), published="2026-03-04")
    assert [(e.kind, e.rule) for e in ex.events] == [("talks", "event.kind.talks_by_context")]
    # without that context it stays a meeting
    assert events("The envoy will meet President Putin in Moscow on Tuesday.")[0][0] == "meeting"


def test_strikes_by_opposite_sides_on_one_day_stay_apart() -> None:
    text = ("Russia launched 300 drones at Ukraine overnight. "
            "The Russian defence ministry said its air defences shot down 90 Ukrainian drones "
            "overnight over several regions.")
    got = events(text)
    assert [k for k, *_ in got] == ["strike", "strike"]


def test_overnight_in_a_dated_report() -> None:
    got = events("The General Staff said on Saturday that its forces struck a refinery "
                 "near Ryazan overnight.", published="2026-03-01")
    assert got == [("strike", "2026-02-28", "Ryazan", "occurred")]


def test_compass_locatives() -> None:
    got = events("Russian forces advanced north of Myrnohrad on Monday.")
    assert got == [("advance", "2026-03-02", "Myrnohrad", "occurred")]


def test_sanctions_as_a_standing_state_or_threat_are_no_events() -> None:
    assert events("Western sanctions on Russian fertilizer have had a chilling effect.") == []
    assert events("The U.S. has imposed sweeping sanctions on Russia over the war.") == []
    assert events("Washington threatened more sanctions against Moscow.") == []
    got = events("The EU adopted a sixth package of sanctions on Friday.")
    assert got and got[0][:2] == ("sanctions", "2026-02-27")


def test_ceasefire_as_a_goal_is_no_event() -> None:
    assert events("They spoke about establishing a ceasefire in the spring.") == []
    assert events("There would be no need for a ceasefire.") == []


def test_step_notes_are_filed_under_the_merged_sentence() -> None:
    from store.extract import rules

    text = ("Headline\nRussian drones struck Odesa on Sunday. "
            "Russian drones struck Odesa on Sunday, officials said.")
    with rules.tracing() as trace:
        ex = extract(text, published="2026-03-04")
    assert len(ex.events) == 1
    merged = [e for e in trace.entries if e.rule.startswith("step.")]
    assert merged and merged[0].sentence == 2 and merged[0].outcome == "merged"


def test_relative_clause_and_reported_clause_days() -> None:
    got = events("The sides agreed to an exchange of 300 prisoners, which took place on "
                 "Thursday.", published="2026-03-06")
    assert got and got[0][:2] == ("exchange", "2026-03-05")
    got = events("An official told reporters that on Wednesday the envoys will hold a meeting "
                 "in Rome.", published="2026-03-06")
    assert got and got[0][:3] == ("meeting", "2026-03-11", "Rome")


def test_fears_and_possibilities_are_no_events() -> None:
    assert events("There are fears that Russia will intensify attacks on power plants.") == []
    assert events("Asked about the possibility of missile attacks on Monday, she laughed.") == []
    assert events("Officials drove along recaptured streets near Izium.") == []
    assert events("The looming offensive in the east worries Kyiv.") == []


# ---- background fronted by a year; a truce or deal as the subject of talks ------------------
def _kinds_of(sentence: str, published: str = "2026-02-23") -> list[str]:
    return [e.kind for e in extract("Title of the piece\n\n" + sentence,
                                    published=published).events]


def test_a_fronted_year_before_publication_makes_the_sentence_background() -> None:
    assert _kinds_of("In 2023, there were several rounds of talks in Geneva and Vienna, "
                     "before the negotiations stalled.") == []
    # the same sentence told in its own year is an occurrence
    assert _kinds_of("In 2023, there were several rounds of talks in Geneva and Vienna on "
                     "Tuesday.", published="2023-05-04") != []


def test_a_ceasefire_discussed_is_no_ceasefire() -> None:
    assert _kinds_of("On Tuesday, envoys held talks in Riyadh on a ceasefire.") == ["talks"]
    assert _kinds_of("Kyiv and Moscow agreed a ceasefire on Tuesday.") == ["ceasefire"]


def kinds(text: str, published: str = "2026-03-04") -> list[str]:
    return [k for k, _, _, _ in events(text, published)]


def test_habitual_shelling_is_a_state_not_an_event() -> None:
    assert kinds("The town of Orikhiv has faced relentless Russian shelling.") == []
    assert kinds("Farmers near the border were constantly shelled, the mayor says.") == []
    assert kinds("Moscow is increasingly relying on drone strikes on the power grid.") == []
    assert kinds("Gun crews that have been pounding villages near Huliaipole.") == []
    assert kinds("Brigades were sent to meet the advancing Russian forces in Donbas.") == []
    # one occurrence stays
    assert kinds("Russian shelling hit the town of Orikhiv on Tuesday, the governor said.") \
        == ["strike"]


def test_forecasts_and_plots_of_attacks_are_no_events() -> None:
    assert kinds("He expects Moscow to continue shelling Ukrainian cities.") == []
    assert kinds("Minsk says Kyiv is plotting an attack on Belarus.") == []
    assert kinds("Officials warn Russia is planning attacks on the capital.") == []
    assert kinds("Troops may be forced to pull back to avoid being captured.") == []
    assert kinds("Russian drones attacked Odesa overnight, the governor said.") == ["strike"]


def test_an_offensive_in_general_is_no_event() -> None:
    assert kinds("Ukrainian forces are conducting a counteroffensive in the south.") == []
    assert kinds("Analysts said the counteroffensive in the east was slowing.") == []
    assert kinds("Ukraine launched a counteroffensive near Kherson on Monday.") == ["advance"]


def test_relative_background_is_no_event() -> None:
    assert kinds("Leaders met for a summit in Glasgow last year.") == []
    assert kinds("Russian troops captured the town of Kupiansk early in the war.") == []
    assert kinds("Leaders met for a summit in Vilnius on Monday.") == ["meeting"]


def test_figures_of_speech_and_failed_moves_are_no_events() -> None:
    assert kinds("The minister faced a barrage of criticism on Monday.") == []
    assert kinds("Reinforcements failed to arrive at the front near Bakhmut.") == []
    assert kinds("Ukraine held the line, not allowing Russian troops to be redeployed.") == []


def test_a_country_wide_strike_merges_into_the_dated_report_of_it() -> None:
    text = ("Zelensky said on Wednesday that people were killed in missile strikes across "
            "Ukraine.\n\nWednesday's attacks damaged 40 energy sites, officials said.\n\n"
            "The UN chief was shocked by today's missile attacks on Ukraine, his spokesman said.")
    assert kinds(text) == ["strike"]
    # two days, two strikes
    assert kinds("Russian missiles hit Kharkiv on Monday.\n\nRussian drones hit Odesa on "
                 "Tuesday.") == ["strike", "strike"]


def test_capabilities_and_adjectival_lookalikes_are_no_events() -> None:
    assert kinds("The launchers can hit targets up to 80km away.") == []
    assert kinds("State TV repeated a familiar attack line against Kyiv.") == []
    assert kinds("The lawmakers sent an open letter on Monday but withdrew it a day later.") \
        == []
    assert kinds("Manila cancelled the signed deal to buy Russian helicopters.") == []
    assert kinds("Ukrainian troops near Izium captured an artillery battery.") == []
    assert kinds("Russian missiles hit Kharkiv on Monday.") == ["strike"]


def test_a_promised_truce_is_a_proposal() -> None:
    assert kinds("Moscow had promised a two-day truce, but fighting went on.") == []
    assert kinds("Leaders said they were “prepared to discuss a prisoner swap”.") == []


def test_under_attack_needs_a_day_or_a_place() -> None:
    assert kinds("Within minutes the convoy found itself under attack.") == []
    assert kinds("Kherson came under fire overnight, the governor said.") == ["strike"]


def test_the_attack_lends_its_day_to_the_strike_named_before() -> None:
    text = ("Nine rescuers were killed in a Ukrainian missile strike on Donetsk, officials "
            "said.\n\nThe attack hit their base at around 3am on Tuesday.")
    assert events(text) == [("strike", "2026-03-03", "Donetsk", "occurred")]
    text = ("About 300 people were in the building when the missile hit on Sunday.\n\n"
            "The strike hit a market in the city of Kremenchuk.")
    assert events(text) == [("strike", "2026-03-01", "Kremenchuk", "occurred")]


def test_sustained_or_escalating_attacks_are_a_state() -> None:
    assert kinds("Villages in the south have come under sustained aerial bombardment.") == []
    assert kinds("The minister said Moscow was escalating its attacks on civilians.") == []
    assert kinds("The town continues to face deadly shelling.") == []
    assert kinds("Frontline positions remain under heavy bombardment.") == []


def test_a_quoted_fragment_of_the_narration_keeps_its_trigger() -> None:
    # 2026-03-04 is a Wednesday: "overnight" before a Tuesday report is Tuesday
    got = events("The governor said on Tuesday that Russia launched “more than 300 drones and "
                 "20 missiles” overnight.")
    assert [(k, s) for k, _, _, s in got] == [("strike", "occurred")]
    # a whole quoted sentence is speech, not narration
    assert events('“Russia launched more drones than ever,” the governor said.') == []


def test_explosions_bombardments_and_calls_by_telephone() -> None:
    assert [k for k, *_ in events("Several explosions shook the port of Odesa early on "
                                  "Sunday.")] == ["strike"]
    assert [k for k, *_ in events("Russia launched a wave of bombardments on Donetsk "
                                  "villages.")] == ["strike"]
    assert [k for k, *_ in events("The Greek premier discussed the ferry deal with "
                                  "Erdogan by telephone on Monday.")] == ["call"]


def test_agreeing_to_hand_over_prisoners_and_to_halt_strikes() -> None:
    assert [k for k, *_ in events("Both armies agreed to each hand over 90 captured "
                                  "soldiers.")] == ["exchange"]
    assert [k for k, *_ in events("The Kremlin agreed to halt attacks on rail lines for "
                                  "three days.")] == ["ceasefire"]


def test_having_to_pull_back_is_an_advance_not_a_purpose() -> None:
    got = events("Russian units were beaten near Chernihiv and had to pull back.")
    assert [(k, loc) for k, _, loc, _ in got] == [("advance", "Chernihiv")]


def test_meeting_a_counteroffensive_or_a_target_is_no_meeting() -> None:
    assert events("Moscow is gathering troops to meet the expected offensive.") == []
    assert events("The plant met its production targets.") == []


def test_a_campaign_summed_up_is_no_single_strike() -> None:
    assert events("Drones have hit the rail depot 35 times this month.") == []
    assert events("Since early March, Moscow has targeted water plants and bridges.") == []


def test_demonstrative_mention_with_nothing_before_it_is_no_event() -> None:
    got = events("The deadline comes after talks in Geneva between Russia and Ukraine. Those "
                 "talks have yielded little progress.")
    assert all(loc == "Geneva" for _, _, loc, _ in got)


def test_troops_and_personnel_being_sent_are_a_deployment() -> None:
    assert [k for k, *_ in events("Norway is sending two radar units and about 80 troops "
                                  "to the base in Estonia.")] == ["deployment"]
    assert [(k, loc) for k, _, loc, _ in events("Belarus has sent military instructors to Crimea "
                                                "to train Russian troops.")] == [
        ("deployment", "Crimea")]
    # a willingness to consider sending troops is no deployment
    assert events("Denmark signaled a willingness to consider sending troops.") == []


def test_speaking_to_a_titled_leader_is_a_call_and_to_reporters_is_not() -> None:
    got = events("Erdogan spoke to German chancellor Olaf Scholz on Saturday.")
    assert [(k, d) for k, d, _, _ in got] == [("call", "2026-02-28")]
    assert events("Zelensky spoke to reporters in Kyiv.") == []


def test_a_fronted_day_before_the_report_dates_a_present_perfect_event() -> None:
    # 2026-03-04 is a Wednesday; "Also on Monday" is 2026-03-02
    got = events("Also on Monday, Ukrainian officials said Russian rockets have killed four "
                 "farmers.")
    assert [(k, d) for k, d, _, _ in got] == [("strike", "2026-03-02")]


def test_a_phrase_hanging_off_a_dated_clause_takes_its_day() -> None:
    got = events("Two pensioners died in Kyiv on Monday, after a wave of drone strikes.")
    assert [(k, d, loc) for k, d, loc, _ in got] == [("strike", "2026-03-02", "Kyiv")]


def test_campaigns_treaty_words_and_poison_attacks_are_no_strikes() -> None:
    assert events("Amid ongoing attacks on the rail network, trains run "
                  "late.") == []
    assert events("The treaty views an attack on one member as an attack on all.") == []
    assert events("On the anniversary of the poison attack on the opposition leader, Germany "
                  "spoke.") == []
    assert events("The capture would give Russia ground from which to intensify attacks on "
                  "Donetsk.") == []
    got = events("Two men were killed in an attack on a school in Lviv on "
                 "Monday.")
    assert [(k, d, loc) for k, d, loc, _ in got] == [("strike", "2026-03-02", "Lviv")]
