"""Builds tests/devsets/written_a/gold/*.json from the hand annotations below.

Each record names a unique piece of its sentence (`at`); the evidence is that whole sentence,
found in the article text, and the span its offsets.
Run: python tests/devsets/written_a/make_gold.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gold_builder import E, M, S, write_gold  # noqa: E402

UAF = "Ukrainian Air Force"
ZEL = "Volodymyr Zelensky"
ANN: dict[str, list] = {}


def C(rec: tuple) -> tuple:
    """A running total (contract v2: `"cumulative": true`)."""
    rec[1]["cumulative"] = True
    return rec


ANN["reuters_abu_dhabi"] = [
    S(ZEL, "Ukraine and Russia will hold a new round of U.S.-brokered peace talks in Abu Dhabi "
      "next week", "indirect", "KYIV, Feb 24", "2026-02-23"),
    S(ZEL, "Our delegation is ready to work in any format that brings a just peace closer",
      "direct"),
    S(ZEL, "Rustem Umerov, secretary of Ukraine's National Security and Defence Council, would "
      "again lead the Ukrainian team", "indirect"),
    S("Ukraine", "Umerov met U.S. special envoy Steve Witkoff and Jared Kushner in Miami on "
      "Saturday to discuss a draft security framework", "indirect"),
    S("Dmitry Peskov", 'Moscow was "open to continuing the dialogue"', "indirect", None,
      "2026-02-24"),
    S("Dmitry Peskov", "open to continuing the dialogue", "direct", None, "2026-02-24"),
    S("Dmitry Peskov", "it was too early to talk about any results", "indirect", None,
      "2026-02-24"),
    S("Dmitry Peskov", "the Russian delegation would again be headed by military intelligence "
      "chief Igor Kostyukov", "indirect"),
    S(UAF, "Russia launched 143 drones and four ballistic missiles at Ukraine overnight",
      "indirect"),
    S(UAF, "air defences had shot down or disabled 118 of the drones", "indirect"),
    S("Serhiy Lysak", "a man was killed in Dnipro", "indirect"),
    S("Denys Shmyhal", "The enemy is trying to leave millions of people without heat in the "
      "middle of winter", "direct"),
    S("Andrii Sybiha", "Kyiv would not accept any deal that required it to withdraw from the "
      "parts of the Donetsk region it still controls", "indirect", None, "2026-02-23"),
    S("Marco Rubio", 'the sides had "narrowed the gaps" but that territorial questions remained '
      "the hardest issue", "indirect"),
    S("Marco Rubio", "narrowed the gaps", "direct"),
    S("Marco Rubio", "We are closer than we have ever been, but we are not there yet", "direct"),
    S("Russian Defence Ministry", "Russian forces captured the village of Ternuvate in the "
      "Zaporizhzhia region", "indirect", None, "2026-02-24"),
    M("drones", 143, "exact", "Russia", "Russia launched 143 drones", UAF),
    M("missiles", 4, "exact", "Russia", "Russia launched 143 drones", UAF),
    M("drones_intercepted", 118, "exact", "Russia", "shot down or disabled 118", UAF),
    M("killed", 1, "exact", "Ukraine", "a man was killed in Dnipro", location="Dnipro"),
    M("prisoners", 157, "exact", None, "exchange 157 prisoners"),
    E("talks", None, "Abu Dhabi", "KYIV, Feb 24", "planned", ["Ukraine", "Russia"]),
    E("meeting", None, "Kyiv", "after meeting Finnish President Alexander Stubb", actors=[
        ZEL, "Alexander Stubb"]),
    E("talks", "2026-02-21", "Miami", "Umerov met U.S. special envoy", actors=[
        "Rustem Umerov", "Steve Witkoff", "Jared Kushner"]),
    E("strike", "2026-02-24", "Ukraine", "Russia launched 143 drones", actors=["Russia"]),
    E("strike", "2026-02-24", "Odesa; Dnipropetrovsk", "Strikes hit energy infrastructure",
      actors=["Russia"]),
    E("talks", "2026-02-04", "Abu Dhabi", "The last round of talks in Abu Dhabi"),
    E("agreement", "2026-02-04", "Abu Dhabi", "The last round of talks in Abu Dhabi"),
    E("exchange", None, None, "The last round of talks in Abu Dhabi", actors=["Ukraine", "Russia"]),
    E("advance", None, "Ternuvate", "captured the village of Ternuvate", "claimed", ["Russia"]),
]

ANN["ap_zaporizhzhia"] = [
    S("Ivan Fedorov", "the attack damaged apartment buildings, a kindergarten and an industrial "
      "facility", "indirect"),
    S("Ivan Fedorov", "They are hitting ordinary homes, where families with children live",
      "direct"),
    S("Oleksandr Prokudin", "a Russian drone hit a bus in the city of Kherson on Wednesday "
      "morning, killing one person and injuring six", "indirect", None, "2026-01-14"),
    S(ZEL, "Russia had fired more than 1,000 drones, about 1,200 glide bombs and 40 missiles at "
      "Ukraine over the past week", "indirect"),
    S(ZEL, "Western partners to speed up deliveries of air defense systems", "indirect"),
    S(ZEL, "Every delivery of Patriot missiles means saved lives", "direct"),
    S(ZEL, "Every delay means new funerals", "direct"),
    S("Russian Defense Ministry", "its forces had taken control of the village of Prymorske in "
      "the Zaporizhzhia region", "indirect"),
    S("Russian Defense Ministry", "Ukrainian forces had lost up to 1,300 troops along the front "
      "line over the past day", "indirect"),
    S("Vyacheslav Gladkov", "a Ukrainian drone attack on the city of Belgorod injured three "
      "people, including a child", "indirect"),
    S("Dmitry Peskov", "Moscow had not yet received the revised U.S. peace proposals", "indirect",
      None, "2026-01-14"),
    S("Dmitry Peskov", 'Russian President Vladimir Putin remained "open to contacts" with U.S. '
      "President Donald Trump", "indirect"),
    S("Dmitry Peskov", "open to contacts", "direct"),
    S("Mark Rutte", "allies must do more to keep Ukraine supplied", "indirect"),
    S("Mark Rutte", "Ukraine needs more air defense, and it needs it now", "direct"),
    M("killed", 9, "exact", "Ukraine", "KYIV, Ukraine (AP)", location="Zaporizhzhia"),
    M("injured", 40, "at_least", "Ukraine", "KYIV, Ukraine (AP)", location="Zaporizhzhia"),
    M("drones", 1, "exact", "Russia", "a Russian drone hit a bus", location="Kherson"),
    M("killed", 1, "exact", "Ukraine", "a Russian drone hit a bus", location="Kherson"),
    M("injured", 6, "exact", "Ukraine", "a Russian drone hit a bus", location="Kherson"),
    M("drones", 1000, "over", "Russia", "Russia had fired more than 1,000 drones", ZEL),
    M("missiles", 40, "exact", "Russia", "Russia had fired more than 1,000 drones", ZEL),
    M("killed", 1300, "up_to", "Ukraine", "lost up to 1,300 troops", "Russian Defense Ministry"),
    M("injured", 3, "exact", "Russia", "injured three people, including a child",
      location="Belgorod"),
    E("strike", "2026-01-13", "Zaporizhzhia", "KYIV, Ukraine (AP)", actors=["Russia"]),
    E("strike", "2026-01-14", "Kherson", "a Russian drone hit a bus", actors=["Russia"]),
    E("meeting", "2026-01-15", "Paris", "prepared to meet in Paris on Thursday", "planned"),
    E("advance", None, "Prymorske", "taken control of the village of Prymorske", "claimed",
      ["Russia"]),
    E("strike", None, "Belgorod", "a Ukrainian drone attack on the city of Belgorod", actors=[
        "Ukraine"]),
]

ANN["kyivindependent_pokrovsk"] = [
    S("Oleksandr Syrskyi", "Ukrainian forces continue to hold positions in the northern part of "
      "Pokrovsk", "indirect", None, "2025-11-19"),
    S("Oleksandr Syrskyi", "Russian claims that the city in Donetsk Oblast had been fully "
      "captured", "indirect", None, "2025-11-19"),
    S("Oleksandr Syrskyi", "The situation in Pokrovsk remains difficult, but the claims of the "
      "Russian General Staff do not correspond to reality", "direct"),
    S("Valery Gerasimov", 'Russian troops had "liberated" more than 70% of the city', "indirect",
      None, "2025-11-17"),
    S("Valery Gerasimov", "liberated", "direct", "had \"liberated\"", "2025-11-17"),
    S("Oleksandr Syrskyi", "Russia has concentrated around 150,000 troops in the Pokrovsk "
      "sector", "indirect"),
    S("7th Rapid Response Corps", "Ukrainian forces withdrew from the village of Rivne near "
      "Pokrovsk to avoid encirclement", "indirect", None, "2025-11-18"),
    S("DeepState", "Russian forces are also advancing on Kostiantynivka and Chasiv Yar",
      "indirect"),
    S("DeepState", "Russian troops had captured 505 square kilometers of Ukrainian territory in "
      "October", "indirect"),
    S("Kyrylo Budanov", "Russia was preparing a new offensive in the Zaporizhzhia direction",
      "indirect"),
    S("Kyrylo Budanov", "Moscow planned to redeploy units from the Kherson sector to the area "
      "around Huliaipole", "indirect"),
    S("Vadym Filashkin", "Russian attacks killed six civilians and injured 25 in Donetsk Oblast "
      "over the past day", "indirect", None, "2025-11-20"),
    S("Ihor Terekhov", "a Russian missile strike on Nov. 19 hit an industrial enterprise, "
      "injuring 12 people", "indirect"),
    S(ZEL, 'Ukraine was ready to work on the U.S. peace proposal "constructively and honestly."',
      "indirect"),
    S(ZEL, "constructively and honestly.", "direct"),
    S("Andriy Yermak", "the Ukrainian side would present its own amendments to the plan",
      "indirect"),
    M("troops", 150000, "about", "Russia", "around 150,000 troops", "Oleksandr Syrskyi",
      "Pokrovsk"),
    M("territory_km2", 505, "exact", "Russia", "captured 505 square kilometers", "DeepState"),
    M("killed", 6, "exact", "Ukraine", "killed six civilians", location="Donetsk Oblast"),
    M("injured", 25, "exact", "Ukraine", "killed six civilians", location="Donetsk Oblast"),
    M("injured", 12, "exact", "Ukraine", "injuring 12 people", location="Kharkiv"),
    M("troops", 600000, "exact", "Ukraine", "cap its army at 600,000 troops"),
    E("advance", None, "Pokrovsk", 'had "liberated" more than 70%', "claimed", ["Russia"]),
    E("advance", None, "Rivne", "Ukrainian forces withdrew from the village of Rivne",
      actors=["Ukraine"]),
    E("advance", None, "Kostiantynivka; Chasiv Yar", "also advancing on Kostiantynivka",
      actors=["Russia"]),
    E("advance", None, None, "captured 505 square kilometers", actors=["Russia"]),
    E("deployment", None, "Huliaipole", "planned to redeploy units", "planned", ["Russia"]),
    E("strike", "2025-11-20", "Donetsk Oblast", "killed six civilians", actors=["Russia"]),
    E("strike", "2025-11-19", "Kharkiv", "a Russian missile strike on Nov. 19", actors=["Russia"]),
    E("meeting", "2025-11-20", "Kyiv", "who met U.S. Army Secretary Dan Driscoll",
      actors=[ZEL, "Dan Driscoll"]),
    E("agreement", None, None, "The U.S. draft, reportedly prepared", actors=[
        "Steve Witkoff", "Kirill Dmitriev"]),
]

ANN["isw_assessment"] = [
    S("Yuri Ushakov", 'the territorial issue remains "the key question" for Russia in any '
      "settlement", "indirect", None, "2026-02-08"),
    S("Yuri Ushakov", "the key question", "direct", None, "2026-02-08"),
    S("Yuri Ushakov", "the United States understands Russia's position on the Donbas",
      "indirect"),
    S("Sergei Lavrov", "Russia would not accept the deployment of European troops to Ukraine "
      "under any circumstances", "indirect", None, "2026-02-09"),
    S("Sergei Lavrov", 'European states of attempting to "sabotage" US peace efforts',
      "indirect"),
    S("Sergei Lavrov", "sabotage", "direct", "to \"sabotage\""),
    S(UAF, "Russian forces launched 408 Shahed-type and decoy drones and 39 missiles, including "
      "11 Iskander-M ballistic missiles", "indirect"),
    S(UAF, "Ukrainian forces downed 382 drones and 29 missiles", "indirect"),
    S("Ukraine", "the strikes damaged energy infrastructure in Kyiv, Lviv, and Ivano-Frankivsk "
      "oblasts", "indirect"),
    S("Russian Ministry of Defense", "Russian forces seized Hryshyne on February 8", "indirect"),
    S("Vladyslav Voloshyn", "Russian forces are accumulating assault groups near Huliaipole",
      "indirect", None, "2026-02-08"),
    S("Vladyslav Voloshyn", "Russian forces lost roughly 1,100 personnel in the Huliaipole "
      "direction in the past week", "indirect"),
    S("Dmitry Peskov", "Russia is ready to hold another round of talks in Abu Dhabi", "indirect",
      None, "2026-02-09"),
    M("drones", 408, "exact", "Russia", "launched 408 Shahed-type", UAF),
    M("missiles", 39, "exact", "Russia", "launched 408 Shahed-type", UAF),
    M("drones_intercepted", 382, "exact", "Russia", "downed 382 drones", UAF),
    M("missiles_intercepted", 29, "exact", "Russia", "downed 382 drones", UAF),
    M("killed", 1100, "about", "Russia", "lost roughly 1,100 personnel", "Vladyslav Voloshyn"),
    E("talks", "2026-02-04", "Abu Dhabi", "did not agree on a ceasefire during the trilateral",
      actors=["Russia", "Ukraine", "United States"]),
    E("strike", "2026-02-08", "Ukraine", "launched a combined strike against Ukraine on the night",
      actors=["Russia"]),
    E("advance", None, "Kupyansk; Kostiantynivka", "advanced near Kupyansk and Kostiantynivka",
      actors=["Ukraine"]),
    E("advance", None, "Pokrovsk; Siversk; Huliaipole", "advanced near Pokrovsk, Siversk",
      actors=["Russia"]),
    E("strike", None, "Kyiv; Lviv; Ivano-Frankivsk", "the strikes damaged energy infrastructure",
      actors=["Russia"]),
    E("advance", "2026-02-08", "Hryshyne", "seized Hryshyne on February 8", "claimed",
      ["Russia"]),
]

ANN["guardian_liveblog"] = [
    S("Keir Starmer", 'the UK would "stand with Ukraine for as long as it takes"', "indirect"),
    S("Keir Starmer", "stand with Ukraine for as long as it takes", "direct"),
    S("Keir Starmer", 'any deal must be "just and lasting"', "indirect"),
    S("Keir Starmer", "just and lasting", "direct"),
    S("Sergei Ryabkov", "businesslike", "direct", "in Geneva as \"businesslike\""),
    S("Sergei Ryabkov", "Moscow expected Washington to take Russia's security concerns into "
      "account", "indirect"),
    S("Donald Tusk", 'Europe could not be a "bystander" while decisions about its security were '
      "taken elsewhere", "indirect"),
    S("Donald Tusk", "bystander", "direct", "a \"bystander\""),
    S("Sumy regional military administration", "Russian strikes overnight killed two people in "
      "the city of Sumy", "indirect", None, "2026-02-16"),
    S(UAF, "Russia had launched 98 drones overnight, of which 74 were shot down", "indirect",
      None, "2026-02-16"),
    S("Giorgia Meloni", "Italy would keep supporting Ukraine", "indirect"),
    S("Ursula von der Leyen", "the EU would present a 20th package of sanctions against Russia "
      "next week", "indirect"),
    S("Ursula von der Leyen", "We will keep up the pressure on the Kremlin until Putin is ready "
      "for real peace", "direct"),
    S("Kaja Kallas", 'Russia was "not interested in peace" and was only "buying time"',
      "indirect"),
    S("Kaja Kallas", "not interested in peace", "direct", 'was "not interested in peace"'),
    S("Kaja Kallas", "buying time", "direct", 'only "buying time"'),
    S("Ukrainian military", "its forces had pushed Russian troops back from the outskirts of "
      "Kupiansk", "indirect"),
    M("killed", 2, "exact", "Ukraine", "killed two people in the city of Sumy", location="Sumy"),
    M("injured", 14, "exact", "Ukraine", "Another 14 people were injured", location="Sumy"),
    M("drones", 98, "exact", "Russia", "launched 98 drones", UAF),
    M("drones_intercepted", 74, "exact", "Russia", "launched 98 drones", UAF),
    E("talks", "2026-02-16", "London", "arrived in London on Monday", actors=[
        ZEL, "Keir Starmer", "Emmanuel Macron", "Friedrich Merz"]),
    E("talks", None, "Geneva", "described the weekend's talks in Geneva"),
    E("strike", "2026-02-16", "Sumy", "Russian strikes overnight killed two people",
      actors=["Russia"]),
    E("strike", "2026-02-16", "Ukraine", "launched 98 drones", actors=["Russia"]),
    E("call", "2026-02-15", None, "spoke with Zelenskyy by phone on Sunday", actors=[
        "Giorgia Meloni", ZEL]),
    E("sanctions", None, None, "20th package of sanctions", "planned", ["European Union"]),
    E("advance", None, "Kupiansk", "pushed Russian troops back", actors=["Ukraine"]),
]

ANN["cnn_zelensky_trump"] = [
    S(ZEL, 'his meeting with US President Donald Trump in Florida had brought the two sides "very '
      'close" on security guarantees, but that the fate of the Donbas region remained '
      "unresolved", "indirect", None, "2025-12-29"),
    S(ZEL, "very close", "direct", 'the two sides "very close"', "2025-12-29"),
    S(ZEL, "We have agreed on most of the points", "direct", None, "2025-12-28"),
    S(ZEL, "But the territorial question is the most sensitive, and it is for the Ukrainian "
      "people to decide", "direct", None, "2025-12-28"),
    S("Donald Trump", "he had spoken with Russian President Vladimir Putin by phone for more than "
      "two hours before the meeting", "indirect"),
    S("Donald Trump", "I think we're getting very close, maybe very close", "direct"),
    S("Donald Trump", "We've had some very good talks", "direct"),
    S("Kremlin", "the call took place at the initiative of the American side", "indirect"),
    S("Yuri Ushakov", "Putin had warned Trump that a temporary ceasefire would only prolong the "
      "war", "indirect"),
    S("Vladimir Putin", "a temporary ceasefire would only prolong the war", "indirect"),
    S(ZEL, "the 20-point plan would include security guarantees for 15 years, with an option to "
      "extend them", "indirect"),
    S(ZEL, "European leaders, including French President Emmanuel Macron and Finnish President "
      "Alexander Stubb, joined part of the meeting by video call", "indirect"),
    S("Ukraine", "Russia launched a massive attack on Kyiv, firing around 500 drones and 40 "
      "missiles at the capital and other regions", "indirect"),
    S("Vitali Klitschko", "At least two people were killed and 32 injured in Kyiv", "indirect"),
    S(ZEL, "Russia is answering peace efforts with missiles", "direct"),
    S(ZEL, "And the world must answer Russia with pressure", "direct"),
    S("Maria Zakharova", "a road to escalation.", "direct"),
    S("White House", "Rubio would travel to Geneva next week for follow-up talks with Ukrainian "
      "and European officials", "indirect"),
    S("Andrii Sybiha", "Kyiv expected a trilateral meeting with Russia and the US in January",
      "indirect"),
    M("drones", 500, "about", "Russia", "firing around 500 drones", "Ukraine",
      "Kyiv"),
    M("missiles", 40, "about", "Russia", "firing around 500 drones", "Ukraine",
      "Kyiv"),
    M("killed", 2, "at_least", "Ukraine", "At least two people were killed", "Vitali Klitschko",
      "Kyiv"),
    M("injured", 32, "exact", "Ukraine", "At least two people were killed", "Vitali Klitschko",
      "Kyiv"),
    M("troops", 800000, "exact", "Ukraine", "cap Ukraine's army at 800,000 troops"),
    E("talks", "2025-12-28", "Florida", "his meeting with US President Donald Trump in Florida",
      actors=[ZEL, "Donald Trump"]),
    E("call", None, None, "by phone for more than two hours", actors=[
        "Donald Trump", "Vladimir Putin"]),
    E("agreement", None, None, "The plan, drafted by US envoys"),
    E("call", None, None, "joined part of the meeting by video call"),
    E("strike", None, "Kyiv", "Russia launched a massive attack on Kyiv", actors=["Russia"]),
    E("talks", None, "Geneva", "Rubio would travel to Geneva next week", "planned"),
    E("talks", None, None, "expected a trilateral meeting", "planned"),
]

ANN["aljazeera_kremlin"] = [
    S("Russia", 'such a deployment would make foreign forces "legitimate targets" for the Russian '
      "army", "indirect"),
    S("Russia", "legitimate targets", "direct", 'forces "legitimate targets"'),
    S("Dmitry Peskov", 'President Vladimir Putin was "open to a settlement" but that the root '
      "causes of the conflict had to be addressed", "indirect"),
    S("Dmitry Peskov", "open to a settlement", "direct", 'was "open to a settlement"'),
    S("Dmitry Peskov", "There can be no talk of any foreign contingents on Ukrainian territory",
      "direct"),
    S("Sergei Lavrov", 'Western countries of "pumping Ukraine with weapons" to prolong the war',
      "indirect"),
    S("Sergei Lavrov", "pumping Ukraine with weapons", "direct", 'of "pumping Ukraine'),
    S("Sergei Lavrov", "Russia was ready to resume direct negotiations with Ukraine in Istanbul",
      "indirect"),
    S("Maria Zakharova", 'the European plan was "a provocation"', "indirect"),
    S("Maria Zakharova", "a provocation", "direct", 'was "a provocation"'),
    S("Maria Zakharova", "Russia would respond to it", "indirect"),
    S("Dmitry Medvedev", "Any Western troops in Ukraine will be destroyed", "direct"),
    S("Yuri Ushakov", "Putin and US President Donald Trump could meet again, possibly in "
      "Budapest, but that no date had been set", "indirect"),
    S("Kirill Dmitriev", 'he had held "productive" talks with US officials in Washington this '
      "week", "indirect"),
    S("Kirill Dmitriev", "productive", "direct", 'held "productive"'),
    S("Russian Defence Ministry", "its air defences had destroyed 112 Ukrainian drones overnight "
      "over several regions, including 45 over the Kursk region and 30 over the Belgorod region",
      "indirect"),
    S("Recep Tayyip Erdogan", "Turkey is ready to do its part for a just peace", "direct"),
    S("Sergey Shoigu", 'the Russian army was advancing "in all directions"', "indirect"),
    S("Sergey Shoigu", "in all directions", "direct", '"in all directions"'),
    S("Sergey Shoigu", "Ukraine had lost more than 20,000 soldiers in the Kursk region alone",
      "indirect"),
    S("Ukraine", "it will not negotiate under the threat of ultimatums", "indirect"),
    M("drones_intercepted", 112, "exact", "Ukraine", "destroyed 112 Ukrainian drones",
      "Russian Defence Ministry"),
    C(M("killed", 20000, "over", "Ukraine", "more than 20,000 soldiers", "Sergey Shoigu",
        "Kursk")),
    E("meeting", None, "Moscow", "his Turkish counterpart Hakan Fidan in Moscow", actors=[
        "Sergei Lavrov", "Hakan Fidan"]),
    E("talks", None, "Washington", "talks with US officials in Washington", actors=[
        "Kirill Dmitriev"]),
    E("strike", None, "Kursk; Belgorod", "destroyed 112 Ukrainian drones", "claimed",
      ["Ukraine"]),
]

ANN["roundup_air_attack"] = [
    S(UAF, "Russia launched 267 drones and 12 missiles overnight, of which 210 drones were shot "
      "down", "indirect", "of which 210 drones", "2025-10-30"),
    S(UAF, "Air defences also intercepted eight of the missiles, including two Kinzhal "
      "hypersonic missiles", "indirect"),
    S("Ivan Fedorov", "between 10 and 15 people were still trapped under the rubble of a "
      "residential building", "indirect"),
    S("Ivan Fedorov", "Five people were killed in the city", "indirect"),
    S("Vladyslav Haivanenko", "a Russian drone attack on the town of Pavlohrad killed four "
      "people and injured 11", "indirect"),
    S("Oleh Syniehubov", "three people were killed in Russian shelling of the Kupiansk district "
      "on Wednesday", "indirect", None, "2025-10-29"),
    S("Sumy regional administration", "a strike on a gas station injured seven people",
      "indirect"),
    S("Oleksandr Prokudin", "Six more people died in the Kherson region, where Russian artillery "
      "hit residential areas", "indirect"),
    S("Ukrainian Energy Ministry", "more than 1,000 residential buildings in Kyiv were left "
      "without heating", "indirect"),
    S("Russian Defence Ministry", "its air defences shot down 118 Ukrainian drones overnight over "
      "Russian regions", "indirect", None, "2025-10-30"),
    S("Vyacheslav Gladkov", "one person was killed and two injured in a drone strike on a car",
      "indirect"),
    S(ZEL, "more air defence systems", "indirect", "called for more air defence systems"),
    S(ZEL, "This is a deliberate strike against our cities and people", "direct"),
    S(ZEL, "Russia must feel the consequences", "direct"),
    S("Ukrainian General Staff", "Russia had lost about 1,020 troops in the past 24 hours",
      "indirect"),
    S("Coordination Headquarters for Prisoners of War", "Ukraine and Russia exchanged prisoners "
      "on Thursday, with each side returning 185 soldiers", "indirect", None, "2025-10-30"),
    M("drones", 267, "exact", "Russia", "of which 210 drones", UAF),
    M("missiles", 12, "exact", "Russia", "of which 210 drones", UAF),
    M("drones_intercepted", 210, "exact", "Russia", "of which 210 drones", UAF),
    M("missiles_intercepted", 8, "exact", "Russia", "intercepted eight of the missiles", UAF),
    M("killed", 18, "at_least", "Ukraine", "At least 18 people were killed and dozens"),
    M("injured", 12, "at_least", "Ukraine", "At least 18 people were killed and dozens"),
    M("drones_intercepted", 118, "exact", "Ukraine", "shot down 118 Ukrainian drones",
      "Russian Defence Ministry"),
    M("killed", 1, "exact", "Russia", "one person was killed and two injured",
      "Vyacheslav Gladkov", "Belgorod"),
    M("injured", 2, "exact", "Russia", "one person was killed and two injured",
      "Vyacheslav Gladkov", "Belgorod"),
    M("killed", 1020, "about", "Russia", "lost about 1,020 troops", "Ukrainian General Staff"),
    M("prisoners", 185, "exact", None, "returning 185 soldiers"),
    E("strike", "2025-10-30", "Ukraine", "of which 210 drones", actors=["Russia"]),
    E("strike", None, "Zaporizhzhia", "between 10 and 15 people", actors=["Russia"]),
    E("strike", None, "Pavlohrad", "Pavlohrad killed four", actors=["Russia"]),
    E("strike", "2025-10-29", "Kupiansk", "three people were killed in Russian shelling",
      actors=["Russia"]),
    E("strike", None, "Sumy", "a strike on a gas station", actors=["Russia"]),
    E("strike", None, "Kherson", "Six more people died", actors=["Russia"]),
    E("strike", "2025-10-30", "Russia", "shot down 118 Ukrainian drones", "claimed",
      ["Ukraine"]),
    E("strike", None, "Belgorod", "in a drone strike on a car", actors=["Ukraine"]),
    E("exchange", "2025-10-30", None, "exchanged prisoners on Thursday", actors=[
        "Ukraine", "Russia"]),
]


def quote_in_text(text: str, quote: str) -> None:
    q = quote.replace('"', "")
    assert q.rstrip(".,") in text.replace('"', "").replace("“", "").replace("”", ""), q


if __name__ == "__main__":
    write_gold(HERE, ANN, quote_in_text)
