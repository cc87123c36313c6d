"""Builds tests/devsets/written_b/gold/*.json from the hand annotations below.

Each record names a unique piece of its sentence (`at`); the evidence is that whole sentence,
found in the article text, and the span its offsets.
Run: python tests/devsets/written_b/make_gold.py
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gold_builder import E, M, S, write_gold  # noqa: E402

UAF = "Ukrainian Air Force"
ZEL = "Volodymyr Zelensky"
MOD = "Russian Defense Ministry"
GS = "Ukrainian General Staff"
ANN: dict[str, list] = {}


def C(rec: tuple) -> tuple:
    """A running total (contract v2: `"cumulative": true`)."""
    rec[1]["cumulative"] = True
    return rec


ANN["isw_november"] = [
    S(UAF, "Russian forces launched 358 Shahed-type and decoy drones and 24 missiles, including "
      "seven Kh-101 cruise missiles, from the direction of Kursk, Oryol, and Bryansk oblasts",
      "indirect"),
    S(UAF, "Ukrainian forces shot down 311 drones and 18 missiles", "indirect"),
    S("Svitlana Hrynchuk", "the strikes damaged thermal power plants in Kharkiv and Poltava "
      "oblasts", "indirect", None, "2025-11-02"),
    S("Svitlana Hrynchuk", "repair crews had restored power to most consumers by the evening",
      "indirect"),
    S("Oleh Syniehubov", "the strike killed two people and injured 11 in Kharkiv City",
      "indirect"),
    S("Dmitry Peskov", "Russia rejects the European proposal to freeze the war along the current "
      "front line", "indirect", None, "2025-11-03"),
    S("Dmitry Peskov", 'a ceasefire would only allow Ukraine to "regroup and rearm"', "indirect"),
    S("Dmitry Peskov", "regroup and rearm", "direct"),
    S("Dmitry Peskov", 'Russia seeks a "long-term and sustainable peace."', "indirect"),
    S("Dmitry Peskov", "long-term and sustainable peace.", "direct"),
    S(MOD, "Russian forces seized Rodynske (north of Pokrovsk)", "indirect", None, "2025-11-03"),
    S("Oleksandr Syrskyi", "about 300 Russian troops had infiltrated Pokrovsk and that Ukrainian "
      "forces are conducting clearing operations in the city", "indirect", None, "2025-11-02"),
    S("Vladyslav Voloshyn", "Russian forces are redeploying elements of the 76th Airborne Assault "
      "Division from the Kherson direction to the Zaporizhia direction", "indirect", None,
      "2025-11-02"),
    S("Vladyslav Voloshyn", "Russian forces lost 1,240 personnel in the Huliaipole direction in "
      "the past week", "indirect"),
    M("drones", 358, "exact", "Russia", "launched 358 Shahed", UAF),
    M("missiles", 24, "exact", "Russia", "launched 358 Shahed", UAF),
    M("drones_intercepted", 311, "exact", "Russia", "shot down 311 drones", UAF),
    M("missiles_intercepted", 18, "exact", "Russia", "shot down 311 drones", UAF),
    M("killed", 2, "exact", None, "the strike killed two people", location="Kharkiv"),
    M("injured", 11, "exact", None, "the strike killed two people", location="Kharkiv"),
    M("troops", 300, "about", "Russia", "about 300 Russian troops"),
    M("killed", 1240, "exact", "Russia", "lost 1,240 personnel", "Vladyslav Voloshyn"),
    E("strike", "2025-11-02", None, "combined strike against Ukrainian energy infrastructure "
      "overnight into November 2.", actors=["Russia"]),
    E("advance", None, "Pokrovsk; Huliaipole", "Russian forces recently advanced near Pokrovsk "
      "and Huliaipole.", actors=["Russia"]),
    E("advance", None, "Dobropillia", "Ukrainian forces recently advanced near Dobropillia.",
      actors=["Ukraine"]),
    E("deployment", None, "Zaporizhia", "Russian forces are redeploying elements of the 76th "
      "Airborne Assault Division to the Zaporizhia direction.", actors=["Russia"]),
    E("advance", "2025-11-03", "Rodynske", "claimed on November 3 that Russian forces seized "
      "Rodynske", status="claimed", actors=["Russia"]),
]

ANN["nyt_analysis"] = [
    S("Yuri Ushakov", '"no compromise version" had yet been found, but that some of the American '
      'proposals "could be discussed,"', "indirect"),
    S("Yuri Ushakov", "no compromise version", "direct"),
    S("Yuri Ushakov", "could be discussed,", "direct"),
    S("Yuri Ushakov", "The conversation was useful, but on the territorial question we still "
      "have work to do.", "direct", "The conversation was useful"),
    S("Yuri Ushakov", "the two sides had agreed not to disclose the substance of the talks",
      "indirect"),
    S("Yuri Ushakov", "We have agreed to continue contacts.", "direct"),
    S("Yuri Ushakov", "The Americans understand our position better now.", "direct"),
    S(ZEL, 'Ukraine would not "trade land for promises," and that any agreement would have to be '
      "approved by Ukrainians", "indirect", None, "2025-12-03"),
    S(ZEL, "trade land for promises,", "direct"),
    S("Kaja Kallas", 'any pressure should be applied to "the aggressor, not the victim,"',
      "indirect"),
    S("Kaja Kallas", "the aggressor, not the victim,", "direct"),
    S("Kaja Kallas", "Europe would not accept a deal negotiated over its head", "indirect", None,
      "2025-12-03"),
    S("Kaja Kallas", "Russia, whose economy was slowing under the weight of sanctions, was in no "
      "position to dictate terms", "indirect"),
    S("DeepState", "captured about 505 square kilometers of Ukrainian territory in November",
      "indirect"),
    S("Russian military", "to have taken both towns", "indirect", None, "2025-12-01"),
    S(GS, "propaganda.", "direct"),
    S(UAF, "was aimed mainly at the power grid", "indirect"),
    S("Andriy Sadovyi", "left parts of the city without heat", "indirect"),
    S("Dmitry Peskov", 'a meeting between Mr. Putin and Mr. Trump was "possible, but it must be '
      'well prepared,"', "indirect", None, "2025-12-04"),
    S("Dmitry Peskov", "possible, but it must be well prepared,", "direct"),
    S("Dmitry Peskov", "no date had been discussed", "indirect"),
    M("territory_km2", 505, "about", "Russia", "captured about 505 square kilometers",
      "DeepState"),
    M("drones", 596, "exact", "Russia", "Russia fired 596 drones", UAF),
    M("missiles", 36, "exact", "Russia", "Russia fired 596 drones", UAF),
    E("talks", "2025-12-02", "Moscow", "When President Vladimir Putin received Steve Witkoff",
      actors=["Vladimir Putin", "Steve Witkoff"]),
    E("talks", None, "Florida", "to Florida over the weekend to go over the same document",
      actors=["Rustem Umerov", "Marco Rubio", "Steve Witkoff"]),
    E("talks", "2025-12-06", "Miami", "are scheduled to meet Mr. Umerov again in Miami",
      status="planned", actors=["Steve Witkoff", "Jared Kushner", "Rustem Umerov"]),
    E("advance", "2025-12-01", "Pokrovsk; Myrnohrad", "have been pressing into the ruins of "
      "Pokrovsk", status="claimed", actors=["Russia"]),
    E("strike", "2025-11-29", "Lviv", "Overnight into Saturday, Russia fired 596 drones",
      actors=["Russia"]),
]

ANN["ukrinform_sybiha"] = [
    S("Andrii Sybiha", "Ukraine will not accept any peace plan that legitimises the occupation "
      "of its territory", "indirect", None, "2025-11-20"),
    S("Andrii Sybiha", "Peace cannot be built on rewarding the aggressor. We need guarantees "
      "that work, not signatures on paper,", "direct"),
    S("Andriy Yermak", "the Ukrainian delegation, led by Rustem Umerov, would travel to Istanbul "
      "next week for talks with the Russian side on a new prisoner exchange", "indirect"),
    S("Dmytro Lubinets", 'Ukraine is ready to resume exchanges "at any moment" and that Kyiv had '
      "handed over to Russia lists of 1,200 Ukrainians it wants returned", "indirect"),
    S("Dmytro Lubinets", "at any moment", "direct"),
    S("Ihor Klymenko", "26 people were killed, including three children, and 93 were injured",
      "indirect"),
    S("Ihor Klymenko", "Rescuers are still working at the site, and dozens of people may remain "
      "trapped under the rubble", "indirect"),
    S("Yulia Svyrydenko", "the government had allocated 2.1 billion hryvnias to restore "
      "Ternopil's damaged housing after consulting Finance Minister Serhiy Marchenko",
      "indirect"),
    S("Yulia Svyrydenko", "the first payments to families would be made by the end of the month",
      "indirect"),
    S("Kyrylo Budanov", "Russia had concentrated about 50,000 troops in the Zaporizhzhia "
      "direction ahead of a new offensive", "indirect"),
    S("Kyrylo Budanov", "the Russian command wanted to reach the administrative border of the "
      "Dnipropetrovsk region by the end of the year", "indirect"),
    S("Oleksandr Syrskyi", "Ukrainian units had cleared 7 square kilometres near Kupiansk over "
      "the past week", "indirect"),
    S("Oleksandr Syrskyi", "The enemy is trying to hold on to the northern part of the city, but "
      "our assault units are pushing them out,", "direct"),
    S("Ivan Fedorov", "Russian forces had attacked 17 settlements 612 times over the past day, "
      "injuring five people", "indirect", None, "2025-11-20"),
    S("Ihor Terekhov", "a Russian guided bomb hit an industrial enterprise on Wednesday "
      "afternoon", "indirect", "guided bomb hit an industrial", "2025-11-19"),
    S("Radosław Sikorski", "Poland will transfer a new package of military assistance to "
      "Ukraine before the end of the year", "indirect"),
    M("prisoners", 1200, "exact", None, "lists of 1,200 Ukrainians"),
    M("killed", 26, "exact", None, "26 people were killed", "Ihor Klymenko", "Ternopil"),
    M("injured", 93, "exact", None, "26 people were killed", "Ihor Klymenko", "Ternopil"),
    M("troops", 50000, "about", "Russia", "about 50,000 troops", "Kyrylo Budanov"),
    M("territory_km2", 7, "exact", "Ukraine", "cleared 7 square kilometres"),
    M("injured", 5, "exact", None, "injuring five people", "Ivan Fedorov"),
    M("injured", 2, "exact", None, "Two employees were injured.", "Ihor Terekhov", "Kharkiv"),
    E("meeting", "2025-11-20", "Kyiv", "during a meeting with his Polish counterpart",
      actors=["Andrii Sybiha", "Radosław Sikorski"]),
    E("talks", None, "Istanbul", "would travel to Istanbul next week", status="planned",
      actors=["Ukraine", "Russia"]),
    E("strike", "2025-11-19", "Ternopil", "Russian forces struck residential buildings in "
      "Ternopil", actors=["Russia"]),
    E("deployment", None, "Zaporizhzhia", "Russia had concentrated about 50,000 troops",
      actors=["Russia"]),
    E("advance", None, "Kupiansk", "Ukrainian units had cleared 7 square kilometres",
      actors=["Ukraine"]),
    E("strike", "2025-11-20", "Zaporizhzhia", "had attacked 17 settlements 612 times",
      actors=["Russia"]),
    E("strike", "2025-11-19", "Kharkiv", "a Russian guided bomb hit an industrial enterprise",
      actors=["Russia"]),
]

ANN["tass_lavrov"] = [
    S("Sergei Lavrov", 'Russia remains open to a meeting between the Russian and US presidents, '
      'but it must be "thoroughly prepared,"', "indirect", None, "2025-11-12"),
    S("Sergei Lavrov", "thoroughly prepared,", "direct"),
    S("Sergei Lavrov", "We are not against a summit. But we are against a meeting for the sake "
      "of a meeting,", "direct"),
    S("Sergei Lavrov", "he had discussed the Ukrainian settlement with US Secretary of State "
      "Marco Rubio during a telephone conversation on October 20", "indirect"),
    S("Sergei Lavrov", "the understandings reached in Anchorage remain in force", "indirect"),
    S("Sergei Lavrov", "Moscow had not received any official proposals from Washington on the "
      "timing of a new meeting in Budapest", "indirect"),
    S("Maria Zakharova", 'Russia was ready to resume negotiations with Ukraine in Istanbul "at '
      'any time."', "indirect"),
    S("Maria Zakharova", "at any time.", "direct"),
    S("Maria Zakharova", 'the EU\'s decision to use frozen Russian assets would be "theft"',
      "indirect"),
    S("Maria Zakharova", "theft", "direct"),
    S("Maria Zakharova", 'Moscow\'s response "will not be long in coming,"', "indirect"),
    S("Maria Zakharova", "will not be long in coming,", "direct"),
    S("Maria Zakharova", "Russia would retaliate against European assets", "indirect"),
    S("Dmitry Peskov", "Russian President Vladimir Putin held a meeting with the permanent "
      "members of the Security Council on Tuesday, at which the situation in the zone of the "
      "special military operation was discussed", "indirect"),
    S("Yuri Ushakov", "contacts between Kirill Dmitriev and the American side would continue",
      "indirect"),
    S("Dmitry Medvedev", 'any European troops in Ukraine would become "a legitimate target" for '
      "the Russian army", "indirect"),
    S("Dmitry Medvedev", "a legitimate target", "direct"),
    S(MOD, "units of the Battlegroup Center had liberated the settlements of Sukhetske and "
      "Novopavlivka in the Donetsk People's Republic over the past day", "indirect"),
    S(MOD, "Units of the Battlegroup East continued to advance deep into the enemy's defenses",
      "indirect"),
    S(MOD, "Air defense systems shot down 74 Ukrainian fixed-wing drones overnight, including 31 "
      "over the Bryansk region, 20 over the Kursk region and 9 over the Moscow region,",
      "direct"),
    S(MOD, "Defense Minister Andrei Belousov inspected the command post of the Battlegroup West "
      "in the Kupiansk direction", "indirect"),
    S("Valery Gerasimov", "more than 10,000 Ukrainian troops were encircled in the Kupiansk and "
      "Pokrovsk areas", "indirect"),
    S(MOD, "Ukrainian losses over the past day amounted to up to 1,350 servicemen", "indirect"),
    M("drones_intercepted", 74, "exact", "Ukraine", "shot down 74 Ukrainian", MOD),
    M("troops", 10000, "over", "Ukraine", "more than 10,000 Ukrainian troops", "Valery Gerasimov"),
    M("killed", 1350, "up_to", "Ukraine", "up to 1,350 servicemen", MOD),
    E("call", "2025-10-20", None, "during a telephone conversation on October 20",
      actors=["Sergei Lavrov", "Marco Rubio"]),
    E("meeting", "2025-11-11", None, "held a meeting with the permanent members",
      actors=["Vladimir Putin"]),
    E("advance", "2025-11-12", "Sukhetske; Novopavlivka", "had liberated the settlements of "
      "Sukhetske", status="claimed", actors=["Russia"]),
    E("strike", "2025-11-12", "Bryansk; Kursk; Moscow", "shot down 74 Ukrainian",
      actors=["Ukraine"]),
    E("meeting", None, "Kupiansk", "inspected the command post", actors=["Andrei Belousov"]),
]

ANN["politico_sanctions"] = [
    S("Ursula von der Leyen", "This is a strong signal. Europe is paying its share,", "direct"),
    S("Bart De Wever", 'the risks had to be "fully mutualised" before he could agree',
      "indirect"),
    S("Bart De Wever", "fully mutualised", "direct"),
    S("Kaja Kallas", 'the package was "not the last one" and that work on a 20th package would '
      "start immediately", "indirect"),
    S("Kaja Kallas", "not the last one", "direct"),
    S("Giorgia Meloni", 'Rome supported the loan "in principle" but wanted legal certainty',
      "indirect"),
    S("Giorgia Meloni", "in principle", "direct"),
    S("Kaja Kallas", "The package, the first to target Russian LNG directly, also restricts the "
      "movement of Russian diplomats inside the EU", "indirect"),
    S("António Costa", "leaders had asked the Commission to present options in December, and "
      "that he was confident a decision would be taken then", "indirect"),
    S("Viktor Orban", "We will not give Ukraine a single cent more,", "direct"),
    S("Robert Fico", "he would lift his veto after the Commission promised to address high "
      "energy prices for Slovak industry", "indirect", None, "2025-10-22"),
    S("Friedrich Merz", 'he expected a decision "within weeks"', "indirect"),
    S("Friedrich Merz", "within weeks", "direct"),
    S("Friedrich Merz", 'Europe could not "leave Ukraine to its fate."', "indirect"),
    S("Friedrich Merz", "leave Ukraine to its fate.", "direct"),
    S("Donald Tusk", "The assets should be used. Every month we wait is a month Putin gains,",
      "direct"),
    S(ZEL, "he had asked leaders for more air defence systems and long-range capabilities",
      "indirect"),
    S("European Union", "We have bought time, not solved the problem", "direct"),
    E("sanctions", "2025-10-23", "Brussels", "signed off on a 19th package of sanctions",
      actors=["European Union"]),
    E("meeting", "2025-10-23", "Brussels", "who attended Thursday's summit in Brussels",
      actors=[ZEL]),
    E("meeting", "2025-10-24", "London", "is hosting a meeting of the so-called coalition",
      status="planned", actors=["Keir Starmer", ZEL, "Dick Schoof", "Emmanuel Macron"]),
    E("meeting", "2025-12-18", None, "at their next summit on December 18", status="planned",
      actors=["European Union"]),
]

ANN["us_trump_call"] = [
    S("Donald Trump", "he would meet Russian President Vladimir Putin in Budapest after a "
      "two-and-a-half-hour phone call", "indirect", None, "2025-10-16"),
    S("Donald Trump", "I believe great progress was made with today's telephone conversation,",
      "direct"),
    S("Donald Trump", 'a meeting of "high-level advisers," led by Secretary of State Marco Rubio, '
      "would take place next week, with the location still to be determined", "indirect"),
    S("Donald Trump", "high-level advisers,", "direct"),
    S("Yuri Ushakov", 'Putin told Trump that supplying Tomahawks to Ukraine "would not change the '
      'situation on the battlefield" but would significantly damage relations between Moscow '
      "and Washington", "indirect"),
    S("Yuri Ushakov", "would not change the situation on the battlefield", "direct"),
    S("Vladimir Putin", 'supplying Tomahawks to Ukraine "would not change the situation on the '
      'battlefield" but would significantly damage relations between Moscow and Washington',
      "indirect"),
    S("JD Vance", 'the administration was "not going to give up" on ending the war',
      "indirect"),
    S("JD Vance", "not going to give up", "direct"),
    S("JD Vance", "The president wants the killing to stop, and he's prepared to talk to anybody "
      "to get there,", "direct"),
    S("Pete Hegseth", "allies had committed to buying American weapons for Ukraine worth more "
      "than $2 billion", "indirect", None, "2025-10-15"),
    S("Mark Rutte", 'the alliance would back "any deal that holds."', "indirect"),
    S("Mark Rutte", "any deal that holds.", "direct"),
    S("Keith Kellogg", 'Kyiv was "ready to negotiate" but would not accept "a surrender dressed '
      'up as peace."', "indirect"),
    S("Keith Kellogg", "ready to negotiate", "direct"),
    S("Keith Kellogg", "a surrender dressed up as peace.", "direct"),
    S("Mike Waltz", 'Washington wanted the killing to stop "now, not in six months."', "indirect",
      None, "2025-10-14"),
    S("Mike Waltz", "now, not in six months.", "direct"),
    S(ZEL, '"the momentum of force and justice" could bring peace closer', "indirect"),
    S(ZEL, "the momentum of force and justice", "direct"),
    S("Marco Rubio", 'there was "no ceasefire on the table" until both sides agreed to stop '
      "fighting", "indirect", None, "2025-10-15"),
    S("Marco Rubio", "no ceasefire on the table", "direct"),
    S("Jeanne Shaheen", 'Putin was "playing for time again,"', "indirect"),
    S("Jeanne Shaheen", "playing for time again,", "direct"),
    S("Jeanne Shaheen", "sanctions relief without a ceasefire would be a mistake", "indirect"),
    E("call", "2025-10-16", None, "after a two-and-a-half-hour phone call",
      actors=["Donald Trump", "Vladimir Putin"]),
    E("talks", None, "Budapest", "after a two-and-a-half-hour phone call", status="planned",
      actors=["Donald Trump", "Vladimir Putin"]),
    E("meeting", "2025-10-17", "White House", "after a two-and-a-half-hour phone call",
      status="planned", actors=[ZEL, "Donald Trump"]),
    E("talks", None, None, 'a meeting of "high-level advisers,"', status="planned",
      actors=["Marco Rubio"]),
    E("call", "2025-10-20", None, "are set to speak by phone on Monday", status="planned",
      actors=["Marco Rubio", "Sergei Lavrov"]),
    E("meeting", "2025-10-14", None, "said at the Security Council on Tuesday",
      actors=["Mike Waltz"]),
]

ANN["frontline_dispatch"] = [
    S("Serhiy", "They come every night, two or three at a time, and we hunt them,", "direct"),
    S("Serhiy", "But there are always more of them.", "direct"),
    S("DeepState", "Russian forces captured 505 square kilometers in November", "indirect"),
    S(MOD, "its troops had fully captured Pokrovsk and Kupiansk", "indirect", None,
      "2025-12-01"),
    S("Ukrainian military", "the claims were false and that fighting continued in the northern "
      "part of Pokrovsk", "indirect"),
    S("Oleksandr Syrskyi", "Russia had concentrated about 150,000 troops in the Pokrovsk "
      "direction", "indirect", None, "2025-12-02"),
    S("Oleksandr Syrskyi", "Ukrainian units pushed Russian troops out of central Kupiansk last "
      "week, and more than 60 Russian soldiers remain encircled near the railway station",
      "indirect", "Ukrainian units pushed Russian troops"),
    S("Ivan Petrenko", "Russian troops entered the outskirts of Siversk", "indirect", None,
      "2025-12-01"),
    S("Ivan Petrenko", "The situation is difficult but controlled,", "direct"),
    S("Vadym Filashkin", "a glide bomb hit a five-story residential building on Tuesday morning, "
      "killing two people and wounding four", "indirect"),
    S("Southern Defense Forces", "Russian troops had advanced to the village of Zatyshshia and "
      "were trying to cut the road to Orikhiv", "indirect"),
    S("Vladyslav Voloshyn", "Russia had redeployed about 2,000 troops from the Kherson direction "
      "to the Huliaipole sector in late November", "indirect"),
    S(GS, "its forces had repelled 52 Russian assaults in the Pokrovsk direction over the past "
      "day", "indirect", None, "2025-12-03"),
    S("Coordination Headquarters for the Treatment of Prisoners of War", "Ukraine and Russia "
      "exchanged 185 prisoners of war each on Nov. 27", "indirect"),
    S("Tur", "his unit had lost three men since October", "indirect"),
    S("Tur", "We need people more than we need drones,", "direct"),
    S("Tur", "Drones don't hold positions.", "direct"),
    M("territory_km2", 505, "exact", "Russia", "captured 505 square kilometers", "DeepState"),
    M("territory_km2", 461, "exact", "Russia", "captured 505 square kilometers", "DeepState"),
    M("troops", 150000, "about", "Russia", "about 150,000 troops", "Oleksandr Syrskyi"),
    M("troops", 60, "over", "Russia", "more than 60 Russian soldiers", "Oleksandr Syrskyi"),
    M("killed", 2, "exact", None, "killing two people and wounding four", "Vadym Filashkin",
      "Kostiantynivka"),
    M("injured", 4, "exact", None, "killing two people and wounding four", "Vadym Filashkin",
      "Kostiantynivka"),
    M("killed", 2, "exact", None, "Two more civilians died", None, "Kostiantynivka"),
    M("troops", 2000, "about", "Russia", "redeployed about 2,000 troops"),
    M("prisoners", 185, "exact", None, "exchanged 185 prisoners"),
    C(M("killed", 3, "exact", "Ukraine", "had lost three men", "Tur")),
    E("advance", "2025-12-01", "Pokrovsk; Kupiansk", "claimed its troops had fully captured",
      status="claimed", actors=["Russia"]),
    E("advance", None, "Kupiansk", "Ukrainian units pushed Russian troops", actors=["Ukraine"]),
    E("advance", "2025-12-01", "Siversk", "Russian troops entered the outskirts of Siversk",
      actors=["Russia"]),
    E("strike", "2025-12-02", "Kostiantynivka", "a glide bomb hit a five-story",
      actors=["Russia"]),
    E("strike", "2025-12-03", "Kostiantynivka", "Two more civilians died", actors=["Russia"]),
    E("advance", None, "Zatyshshia", "had advanced to the village of Zatyshshia",
      actors=["Russia"]),
    E("deployment", None, "Huliaipole", "redeployed about 2,000 troops", actors=["Russia"]),
    E("exchange", "2025-11-27", None, "exchanged 185 prisoners", actors=["Ukraine", "Russia"]),
]

ANN["blacksea_energy"] = [
    S("Russia", "Ukrainian drones and missiles hit the Black Sea port of Novorossiysk overnight "
      "into Friday, damaging an oil depot, three berths and a tanker", "indirect"),
    S("Novorossiysk operational headquarters", "Three crew members were injured", "indirect"),
    S(GS, 'its forces had also struck the Ryazan oil refinery overnight, causing a large fire, '
      'and that the strike was part of a campaign to reduce "the enemy\'s ability to finance '
      'the war."', "indirect", None, "2025-11-15"),
    S(GS, "the enemy's ability to finance the war.", "direct"),
    S("Pavel Malkov", "debris from downed drones had fallen on the refinery grounds", "indirect"),
    S("Alexander Bogomaz", "air defences had destroyed 12 drones over the region on Saturday",
      "indirect"),
    S("Oleh Kiper", "Russian drones attacked port infrastructure in Odesa on the night of "
      "November 14 to 15, injuring two people and damaging a grain warehouse", "indirect"),
    S("Oleksandr Senkevych", "shelling damaged an energy facility on Saturday, leaving about "
      "30,000 residents without power", "indirect"),
    S("Ivan Fedorov", "Russian forces attacked the regional capital with guided aerial bombs on "
      "Saturday evening, killing one man", "indirect"),
    S("Naftogaz", "Russian forces also struck a gas production facility in the Poltava region",
      "indirect"),
    S(UAF, "Russia launched 176 drones and two Iskander-M ballistic missiles overnight into "
      "Sunday", "indirect"),
    S(UAF, "139 drones had been shot down or suppressed", "indirect"),
    S(ZEL, "Every Russian refinery that stops working brings peace closer,", "direct"),
    S(ZEL, "Sanctions and our long-range capabilities work together.", "direct"),
    S("Denys Shmyhal", "Ukraine planned to produce about 1,000 long-range drones a month by the "
      "end of the year", "indirect"),
    S("Dmitry Peskov", 'the attacks on Novorossiysk were "terrorist acts" that endangered '
      "international shipping", "indirect"),
    S("Dmitry Peskov", "terrorist acts", "direct"),
    S("Dmitry Peskov", "the Black Sea Fleet was taking measures to protect the port",
      "indirect"),
    M("injured", 3, "exact", None, "Three crew members were injured", location="Novorossiysk"),
    M("drones_intercepted", 12, "exact", "Ukraine", "destroyed 12 drones", "Alexander Bogomaz",
      "Bryansk"),
    M("injured", 2, "exact", None, "injuring two people", "Oleh Kiper", "Odesa"),
    M("killed", 1, "exact", None, "killing one man", "Ivan Fedorov", "Zaporizhzhia"),
    M("drones", 176, "exact", "Russia", "Russia launched 176 drones", UAF),
    M("missiles", 2, "exact", "Russia", "Russia launched 176 drones", UAF),
    M("drones_intercepted", 139, "exact", "Russia", "139 drones had been shot down", UAF),
    E("strike", "2025-11-14", "Novorossiysk", "hit the Black Sea port of Novorossiysk",
      actors=["Ukraine"]),
    E("strike", "2025-11-15", "Ryazan", "struck the Ryazan oil refinery", actors=["Ukraine"]),
    E("strike", None, "Tuapse", "struck the port and refinery in Tuapse", actors=["Ukraine"]),
    E("strike", "2025-11-06", "Novokuibyshevsk", "struck the port and refinery in Tuapse",
      actors=["Ukraine"]),
    E("strike", "2025-11-15", "Bryansk", "destroyed 12 drones", actors=["Ukraine"]),
    E("strike", "2025-11-15", "Odesa", "attacked port infrastructure in Odesa",
      actors=["Russia"]),
    E("strike", "2025-11-15", "Mykolaiv", "shelling damaged an energy facility",
      actors=["Russia"]),
    E("strike", "2025-11-15", "Zaporizhzhia", "attacked the regional capital",
      actors=["Russia"]),
    E("strike", None, "Poltava", "struck a gas production facility", actors=["Russia"]),
    E("strike", "2025-11-16", "Ukraine", "Russia launched 176 drones", actors=["Russia"]),
]


def words(s: str) -> list[str]:
    return [w.strip("'") for w in re.findall(r"[\w'’$]+", s.lower().replace("’", "'"))]


def quote_words_in_text(text: str, quote: str) -> None:
    ev = set(words(text))
    missing = [w for w in words(quote) if w not in ev]
    assert not missing, (quote, missing)


if __name__ == "__main__":
    write_gold(HERE, ANN, quote_words_in_text, default_published="2025-12-03")
