"""Battlefield numbers of the contract's kinds: territory, missiles and drones launched or
intercepted, killed, injured, prisoners, troops, with qualifier, side, place, date and whether the
figure is a running total.

One sentence is read number by number (`find`). Each number gets the noun phrase after it (up to
a few modifier words, then a head noun: "126 drones", "three Iskander-M missiles", "dozens of
Ukrainian prisoners of war") and a predicate: a verb before it ("shot down 36", "killed five
people", "launched a barrage of 396") or after it ("were killed", "were shot down", "hit
targets"). The noun's family and the predicate's class give the kind. Vetoes, each a named rule,
drop what is no count of an occurrence: a part of a total already given ("including two
children"), weapons that hit targets, weapons made or sent as aid, rates ("100 a day"), model
names, dates. Article-level steps (`MetricBook`) list one fact once, give intercepted weapons the
side that launched them, and drop a vague plural that a precise figure for the same fact replaces.
Every window is bounded, so a sentence costs time linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from store.extract import rules
from store.extract.actors import ActorBook, Mention, sides_in
from store.extract.dates import DateMention, best_for
from store.extract.gazetteer import fold, fold_word, lexicon, load, places
from store.extract.numbers import Number, numbers_in
from store.extract.oblasts import oblast_of

SIDES = ("Russia", "Ukraine")
WINDOW = 120  # characters looked at on either side of a number

# ---- rules ----------------------------------------------------------------------------------
R_NOUN = rules.rule("metric.count_before_noun", "metric",
                    "a number and the noun it counts: '126 drones', 'dozens of prisoners'")
R_VERB = rules.rule("metric.verb_before_count", "metric",
                    "a verb then a bare count: 'killed seven, wounded six', 'shot down 56'",
                    words=("kill", "wound", "injur", "shot", "down", "intercept", "destroy"))
R_AFTER = rules.rule("metric.count_then_verb", "metric",
                     "a bare count then its verb: '19 were injured', '40 intercepted'")
R_TOLL = rules.rule("metric.death_toll", "metric", "'the death toll rose to 15'",
                    words=("toll",))
R_AREA = rules.rule("metric.area", "metric",
                    "square kilometres gained or lost: 'reclaiming 201 square kilometers'",
                    words=("km", "kilomet"))
R_AREA_CONVERTED = rules.rule(
    "metric.area_converted", "metric",
    "square miles or hectares gained or lost, in square kilometres: '385 square miles' -> 997",
    words=("mile", "hectare"))
R_BODIES = rules.rule("metric.bodies_found", "metric",
                      "bodies found, recovered or exhumed are the dead: '40 bodies were recovered'",
                      words=("bodies",))
R_LIVES = rules.rule("metric.lives_claimed", "metric",
                     "lives claimed, taken or cost: 'claimed more than 1,000 lives'",
                     words=("lives",))
R_LOST = rules.rule("metric.lost_count", "metric",
                    "forces that lost so many (troops, officers, or a bare count): killed",
                    words=("lost", "losing", "lose"))
R_CAPTURED_MOD = rules.rule("metric.captured_modifier", "metric",
                            "people counted as captured or detained: 'hundreds of captured "
                            "fighters'", words=("captured", "detained"))
R_CAPTIVITY = rules.rule("metric.captivity", "metric",
                         "people in, freed from or returned from captivity: prisoners",
                         words=("captiv", "held", "hostage"))
S_COORDINATED = rules.rule("step.metric_coordinated_nouns", "step",
                           "a count over listed people shares their verb: '13 firefighters, "
                           "rescuers and medics were killed'")
V_CONVERSION = rules.rule("metric.veto.unit_conversion", "veto",
                          "an area given again in another unit: '1,000 sq km (390 sq miles)'")
R_TROOPS = rules.rule("metric.troops", "metric",
                      "troops sent, massed, mobilised, encircled or fighting: '100,000 troops'")
R_INTERCEPT = rules.rule("metric.intercepted", "metric",
                         "weapons shot down, downed, intercepted, destroyed or neutralised",
                         words=("shot", "shoot", "down", "intercept", "destroy", "neutrali",
                                "repel", "suppress"))
R_CUMULATIVE = rules.rule("metric.cumulative", "metric",
                          "a running total: 'since the start of the invasion', 'so far'")
V_PART = rules.rule("metric.veto.part_of_total", "veto",
                    "a part of a total given before: 'including two children', '21 of them'")
V_IMPACT = rules.rule("metric.veto.impacted", "veto",
                      "weapons that hit, struck or impacted are no launched count")
V_NOT_LAUNCHED = rules.rule("metric.veto.not_launched", "veto",
                            "weapons made, ordered, delivered or able to fire: no launch")
V_RATE = rules.rule("metric.veto.rate", "veto", "a rate, not a count: '100 soldiers a day'")
V_RANGE = rules.rule("metric.veto.range_top", "veto",
                     "the top of a range: 'between 7,000 and 15,000' counts from 7,000")
V_COMBINED = rules.rule("metric.veto.combined_casualties", "veto",
                        "'killed or wounded', 'deaths and injuries': no kind of its own")
V_FORM = rules.rule("metric.veto.not_a_count", "veto",
                    "a model name (Kh-101), a date (Nov. 17), an age (a 6-year-old), 'no one'")
V_OTHER_WAR = rules.rule("metric.veto.other_war", "veto",
                         "weapons launched by a third country (North Korea's tests)")
V_HYPOTHETICAL = rules.rule("metric.veto.hypothetical", "veto",
                            "what could or would happen: 'a strike could kill hundreds'")
V_CAPTION = rules.rule("metric.veto.caption", "veto", "a photo caption is not annotated")
R_DATE = rules.rule("metric.date", "date",
                    "a metric's day: the day its sentence fixes, not a running total's start")
S_REPEAT = rules.rule("step.metric_once", "step",
                      "the same fact repeated in the article is listed once")
S_VAGUE = rules.rule("step.metric_vague_superseded", "step",
                     "'dozens of prisoners were killed' then 'killed 53': one fact, the 53")
S_LAUNCHER = rules.rule("step.metric_launcher_side", "step",
                        "intercepted weapons take the side that launched them")

# ---- words ----------------------------------------------------------------------------------
_APOS = "’'´"
_FUNCTION = frozenset(
    "the a an and or but of in on at to for from by with as into onto over under than that which "
    "who whom whose this these those its their his her our your my is are was were be been being "
    "have has had do does did will would could should can may might must not no nor so such "
    "there here then when where while after before since during per each every all both some any "
    "most another".split())
# modifier words allowed between a number and its head noun, besides capitalised, hyphenated
# and -ian/-ic/-al/-ed/-ing words
_MODIFIERS = frozenset(
    "more other additional further new cruise ballistic attack kamikaze suicide combat strike "
    "surveillance reconnaissance enemy hostile air aerial unmanned armed guided long-range "
    "hypersonic naval military civilian active-duty reserve contract regular foreign elite "
    "wounded injured innocent local young elderly unarmed fpv decoy jet-powered shahed shaheds "
    "geran iskander kalibr kinzhal anti-aircraft strategic tactical fallen slain dead missing "
    "captured".split())
_NOT_PLURALS = frozenset(
    "across towards afterwards besides perhaps whereas always sometimes unless regardless "
    "nevertheless thus this plus news series species means less ones others".split())
_ORDINALS = frozenset("first second third fourth fifth single last next same only".split())

_DRONE = (r"(?:(?:(?:Shahed|Geran)s?(?:-\d+\w*)?\s+)?(?:drones?|UAVs?|unmanned\s+aerial\s+"
          r"vehicles?|loitering\s+munitions)|Shaheds?|Gerans?)")
_MISSILE = r"missiles?"
_WEAPON_NOT = (r"(?!\s+(?:strikes?|attacks?|defen[cs]es?|systems?|launchers?|fragments?|debris|"
               r"alerts?|threats?|operators?|units?|production|makers?|batter(?:y|ies)|"
               r"programs?|programmes?|sites?|bases?|boats?|carriers?|warnings?|parts?|"
               r"components?|technology|wreckage|barrages?|salvos?|raids?|waves?|factory|"
               r"factories|plants?|cruisers?|brigades?|shield|launch|complex(?:es)?)\b)")
_PEOPLE = (r"(?:people|persons?|civilians?|children|child|kids|babies|infants|soldiers?|troops|"
           r"servicem[ae]n|service\s*members|personnel|residents?|men|women|man|woman|boys?|"
           r"girls?|others|adults|teenagers|minors|workers|employees|journalists|medics|rescuers|"
           r"firefighters|officers|fighters|mercenaries|militants|occupiers|nationalists|"
           r"Russians|Ukrainians|passengers|crew(?:\s+members)?|members|volunteers|police(?:men|"
           r"\s+officers)?|pensioners|patients|students|victims|bodies|reservists|conscripts|"
           r"recruits|marines|paratroopers|guardsmen|generals|commanders|pilots|sailors|"
           r"first\s+responders|staff|villagers|peacekeepers|defenders|servicewomen|victim)")
_TROOPS = re.compile(r"(?:soldiers?|troops|servicem[ae]n|service\s*members|personnel|reservists|"
                     r"conscripts|recruits|marines|paratroopers|guardsmen)$", re.I)
# what troops do in a count worth a dashboard row: sent, massed, mobilised, encircled...
_TROOP_CONTEXT = re.compile(
    r"\b(?:deploy\w*|redeploy\w*|sen[dt]\w*|mass\w*|amass\w*|station\w*|mobili[sz]\w*|"
    r"call(?:ed|ing|s)?\s+up|call-up|call(?:ed|ing|s)?\s+to\s+arms|recruit\w*|draft\w*|reinforc\w*|surround\w*|encircl\w*|"
    r"trapped|blocked|involved|committed|infiltrat\w*|withdr\w+|pull\w*\s+(?:out|back)|arriv\w*|gather\w*|"
    r"build-?up|bases?|based|border|front(?:\s|-)?lines?|fight\w*|join\w*|invad\w*|"
    r"offensive|assault|attack\w*|advanc\w*|positioned|concentrat\w*|return\w*|rotat\w*|"
    r"standing\s+(?:army|military)|armed\s+forces|army|military|troops?\s+(?:in|to|into))\b",
    re.I)
_NOT_TROOPS = re.compile(r"\b(?:refus\w*|cases?\s+against|charged|convicted|sentenced|"
                         r"fired\s+for|desert\w*|quit|protest\w*|trial|court|lawyer|"
                         r"firefighters|emergency)\b", re.I)
_PRISONERS = r"(?:prisoners(?:\s+of\s+war)?|POWs|captives|detainees)"
_HEAD = re.compile(
    r"(?P<drone>" + _DRONE + r")\b" + _WEAPON_NOT + r"|(?P<missile>" + _MISSILE + r")\b" +
    _WEAPON_NOT + r"|(?P<prisoner>" + _PRISONERS + r")\b|(?P<people>" + _PEOPLE + r")\b|"
    r"(?P<dead>dead|deaths|fatalities|killed)\b|(?P<hurt>wounded|injured|injuries|hurt)\b", re.I)
_AREA = re.compile(r"\s*(?:square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|square\s+km)\b", re.I)
# other units of area, with their factor to square kilometres
_AREA_OTHER = re.compile(r"\s*(?:(?P<mi>square\s+miles?|sq\.?\s*(?:mi|miles?)\b\.?|mi²)|"
                         r"(?P<ha>hectares?))\b", re.I)
_AREA_FACTOR = {"mi": 2.58999, "ha": 0.01}
# the same area in the other unit beside it: "1,000 sq km (390 sq miles)", "772 square miles
# (2,000 square kilometres)"
_CONVERTED_BEFORE = re.compile(r"(?:km|km2|km²|kilomet(?:er|re)s?|miles?|hectares?)\s*[(\[]\s*"
                               r"(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost\s+|"
                               r"over\s+|more\s+than\s+|approximately\s+|~)?$", re.I)
_CONVERTED_AFTER = re.compile(r"\s*[(\[]\s*(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|"
                              r"almost\s+|over\s+|more\s+than\s+|approximately\s+|~)?[\d,.]+\s*"
                              r"(?:square\s+kilomet|sq\.?\s*km|km|square\s+km|square\s+mile|"
                              r"sq\.?\s*mi|hectare)", re.I)
_FOUND_AFTER = re.compile(r"[^.;:]{0,40}?\b(?:found|recovered|discovered|exhumed|retrieved|"
                          r"unearthed|uncovered|pulled\s+(?:out\s+)?(?:from|of)|dug\s+up|"
                          r"lying|identified)\b", re.I)
_FOUND_BEFORE = re.compile(r"\b(?:found|recovered|discovered|exhumed|retrieved|unearthed|"
                           r"uncovered|pulled\s+out|dug\s+up|finding|recovering)\s+(?:the\s+|"
                           r"some\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|"
                           r"over\s+|at\s+least\s+|another\s+|a\s+further\s+)*$", re.I)
_HANDED = re.compile(r"\b(?:return\w*|hand\w*\s+over|handover|repatriat\w*|exchang\w*|swap\w*|"
                     r"receiv\w*|transferr?\w*|sen[dt]\s+back|buri\w*|bury\w*)\b", re.I)
_LIVES_AFTER = re.compile(r"\s+(?:of\s+)?(?:(?:civilian|innocent|human|Ukrainian|Russian|more|"
                          r"other)\s+)?lives\b", re.I)
_LIVES_BEFORE = re.compile(r"\b(?:claim\w*|tak(?:e|es|en|ing)|took|cost\w*)\s+(?:(?:the|some|"
                           r"about|around|nearly|almost|more\s+than|over|at\s+least|an\s+"
                           r"estimated|another|a\s+further)\s+)*$", re.I)
_LIVES_NOT = re.compile(r"\b(?:could|would|might|may|will|threat\w*|risk\w*|sav\w*|"
                        r"protect\w*|if)\b[^.;]{0,40}$", re.I)
# who loses a bare count: "with Ukrainian forces having lost 'sixty to eighty thousand'"
_LOSER = re.compile(r"\b(?:forces|troops|army|armies|military|side|units?|brigades?|Ukraine|"
                    r"Russia|Moscow|Kyiv|Kiev|Ukrainians|Russians|it|they|we)\s+(?:[\w’'-]+\s+)"
                    r"{0,2}?(?:ha[sd]\s+|have\s+|having\s+|had\s+|is\s+|was\s+|are\s+|were\s+)?"
                    r"(?:already\s+)?(?:lost|losing|loses|lose)\b[^.;]{0,30}$", re.I)
# the people a force loses: counted as killed (DECISIONS: 'having lost thousands of soldiers')
_LOST_HEAD = re.compile(r"(?:soldiers?|troops|servicem[ae]n|service\s*members|personnel|"
                        r"reservists|conscripts|recruits|marines|paratroopers|guardsmen|officers|"
                        r"fighters|men|commanders|generals|pilots|sailors|mercenaries)$", re.I)
_CAPTIVITY = re.compile(r"[^.;:]{0,60}?\b(?:captivity|held\s+(?:captive|prisoner|hostage)|"
                        r"taken\s+hostage|being\s+held\s+(?:by|in)|held\s+by\s+(?:Russia|"
                        r"Ukraine|Moscow|Kyiv|Kiev|the\s+Russians|the\s+Ukrainians|Russian|"
                        r"Ukrainian))\b", re.I)
_CLOSED_ASIDE = re.compile(r",\s+(?:[\w’'-]+\s+){0,3}?(?:were|was|have|has|had|are|is|killed|died|"
                           r"wounded|injured|hurt)\b", re.I)
_COORDINATED = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:[\w’'-]+\s+){0,2}?"
                          r"(?:" + _PEOPLE + r"|[a-z]{3,}s)\b", re.I)
_AREA_LOST = re.compile(r"\b(?:lost|los(?:e|es|ing)|relinquish\w*|ced(?:e|ed|es|ing)|surrender\w*|"
                        r"gave\s+up|giv(?:e|es|ing)\s+up|abandon\w*|withdr\w+\s+from)\s+"
                        r"(?:[\w’'-]+\s+){0,3}$", re.I)
_AREA_GAINED = re.compile(r"\b(?:recaptur\w*|retook|retak\w+|liberat\w*|regain\w*|reclaim\w*|"
                          r"freed|captur\w*|seiz\w*|took|tak(?:e|es|ing)|recover\w*)\s+"
                          r"(?:[\w’'-]+\s+){0,3}$", re.I)
_PASSIVE_TARGET = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+|again\s+)?"
                             r"(?:attacked|struck|hit|targeted|pounded|bombarded|shelled|raided)\s+"
                             r"(?:overnight\s+|again\s+)?by\s+(?:(?:a|an|the|some|about|around|"
                             r"nearly|almost|over|more\s+than|at\s+least|up\s+to|wave\s+of|"
                             r"barrage\s+of|swarm\s+of|total\s+of)\s+)*$", re.I)
_AREA_HYPOTHETICAL = re.compile(r"\b(?:capable\s+of|could|would|might|may|will|aims?\s+to|"
                                r"plans?\s+to|hopes?\s+to|able\s+to|goal\s+of)\s+[^.;:]{0,70}$",
                                re.I)

# predicates: a verb after the counted noun ("were killed") or before the count ("killed five")
_PRED_WORDS = {
    "killed": r"killed|killing|kills?|dead|died|dying|deaths?|lost\s+their\s+lives|perished|"
              r"fatally\s+(?:injured|wounded)|slain",
    "injured": r"injured|injuring|wounded|wounding|hurt|hospitali[sz]ed|sustained\s+injuries|"
               r"maimed|(?:taken|rushed|admitted|brought)\s+to\s+(?:a\s+|the\s+)?hospitals?",
    "intercepted": r"shot\s+down|shoot(?:ing)?\s+down|downed|downing|intercepted|intercepting|"
                   r"destroyed|destroying|neutrali[sz]ed|neutrali[sz]ing|repelled|suppressed|"
                   r"brought\s+down|taken\s+out|jammed|eliminated|disabled|knocked\s+out",
    "launched": r"launched|launching|launch|fired|firing|fire|used|using|sent|sending|send|"
                r"unleashed|deployed|deploying|attacked\s+with|struck\s+with|hurled|"
                r"targeted\s+\w+\s+with",
    "impact": r"hit|hits|struck|impacted|slammed|smashed|crashed|landed|fell|exploded|"
              r"damaged|got\s+through|penetrated|reached|killed|injured|wounded",
    "captured": r"captured|taken\s+prisoner|taken\s+captive|surrendered|capturing|took\s+prisoner|"
                r"prisoners?|captive",
    "exchanged": r"exchanged|exchange|swapped|swap|released|freed|returned|handed\s+over|"
                 r"repatriated|received|brought\s+home",
    "lost": r"lost|losing|loses|loss(?:es)?\s+(?:[\w’'´-]+\s+){0,6}?(?:amounted\s+to|stood\s+at|"
            r"reached|totall?ed|were|was|of)",
    "troops": r"deployed|sent|sending|send|massed|amassed|stationed|mobili[sz]ed|mobili[sz]e|"
              r"call\s+up|called\s+up|recruit|recruited|bases|gathered|committed|fields",
    "combined": r"killed\s+(?:or|and)\s+(?:wounded|injured)|(?:wounded|injured)\s+(?:or|and)\s+"
                r"killed|dead\s+(?:or|and)\s+(?:wounded|injured)|casualties",
}
_PRED_ORDER = ("combined", "intercepted", "killed", "injured", "captured", "exchanged", "lost",
               "launched", "troops", "impact")
_AUX = (r"(?:(?:were|was|are|is|have|has|had|been|being|reportedly|also|later|all|now|"
        r"confirmed|officially|already|so\s+far|since|more|others?|or\s+more|in\s+total|"
        r"who|that|which|then|subsequently|eventually|successfully|either|had\s+been|found)\s+)")
_FILLER = (r"(?:(?:\w+ly|may|might|could|likely|believed|thought|feared|said|reported|estimated|"
           r"to|have|be|confirmed|later|been|\w+\s+and)\s+){0,4}?|(?:that|which)\s+"
           r"(?:Russia|Ukraine|Moscow|Kyiv|it|they|we|[A-Z][\w’'´-]+(?:\s+forces)?)\s+"
           r"(?:had\s+|has\s+|have\s+)?")


def _alternation(names: tuple[str, ...]) -> str:
    return "|".join(f"(?P<{n}>{_PRED_WORDS[n]})" for n in names)


_AFTER_PRED = re.compile(
    r"^[\s,\"”’']*(?:(?:including|among\s+them)\s+[^,;.]{1,60},\s*)?"
    r"(?:(?:in|of|on|at|near)\s+[\w\s’'´-]{1,30}?\s+)?"
    r"(?:(?!(?:died|killed|wounded|injured|perished|hospitali[sz]ed)\b)\w+ed\s+(?:in|on|at|near|"
    r"by|from|inside)\s+[\w\s’'´-]{1,30}?\s+)?"
    # "shoppers queueing for bread were killed", "people sheltering in a basement were hurt"
    r"(?:(?!(?:killing|wounding|injuring|launching|firing|using|sending|shooting|downing|"
    r"intercepting|destroying|dying|hurting|including|deploying|capturing|releasing|"
    r"swapping)\b)\w+ing\s+(?:for|in|at|on|near|outside|inside|under|along|to|from)\s+"
    r"[\w\s’'´-]{1,30}?\s+(?=(?:have|has|had|were|was|are|is)\b))?" + _AUX + r"{0,4}"
    r"(?:" + _FILLER + r")??"
    r"\b(?:" + _alternation(_PRED_ORDER) + r")\b", re.I)
_BEFORE_WORDS = dict(_PRED_WORDS,
                     killed=r"killed|killing|kills?|(?:claim|tak|took)\w*\s+the\s+lives\s+of",
                     injured=r"injured|injuring|wounded|wounding|hurt|hurting|maimed|maiming")
_BEFORE_PRED = re.compile(
    r"\b(?:" + "|".join(f"(?P<{n}>{_BEFORE_WORDS[n]})" for n in (
        "combined", "intercepted", "killed", "injured", "captured", "exchanged", "lost",
        "launched", "troops")) + r")"
    r"(?:\s+(?:off|back|up|out))?[\s\"“”'‘]+(?:(?:a|an)\s+(?:barrage|wave|volley|salvo|total|"
    r"swarm|record|further|additional|staggering|massive|whopping|reported|combined|"
    r"estimated|total)\s+(?:of\s+)?|another\s+|(?:some|around|about|roughly|"
    r"approximately|nearly|almost|over|more\s+than|at\s+least|up\s+to|as\s+many\s+as|"
    r"an\s+estimated|only|just|all|the|its|their|his|some|between|another)\s+)*$", re.I)
# a list of equipment lost or held ("1,390 tanks, ..., 125 surface-to-air missiles, 553 drones")
_EQUIPMENT = re.compile(r"\b(?:tanks|armou?red\s+vehicles|helicopters|airplanes|warplanes|"
                        r"artillery\s+(?:pieces|systems)|rocket\s+systems|naval\s+vessels)\b", re.I)
_OTHER_LAUNCHER = re.compile(r"\b(?:North\s+Korea|Pyongyang|Israel|China|Beijing|Iran|Tehran|"
                             r"Hamas|Hezbollah|Houthis?|Yemen)[’'´s]*\s+(?:has\s+|had\s+|have\s+)?"
                             r"(?:test-)?(?:fired|launched|test-fired|fires|launches)\b")
# deaths of another war or another age: "in Syria", "the Holodomor", "the Soviet-Afghan war of 1979"
_HISTORY = re.compile(r"\b(?:Syria\w*|Afghan\w*|Iraq\w*|Yemen\w*|Gaza|Israel\w*|Palestin\w*|"
                      r"Capitol|Seoul|Halloween|Holodomor|famine|Chechn\w*|Ethiopia\w*|"
                      r"World\s+War|Iran[’'´]s\s+security|in\s+Iran\b|(?:18|19)\d\d)\b")
_CAPTION = re.compile(r"\s*(?:\*\*)?(?:\[\d+/\d+\]|Item\s+\d+\s+of\s+\d+|list\s+\d+\s+of\s+\d+|"
                      r"\((?:AP|AFP|Reuters)\s+Photo)", re.I)
_ACTIVE_OBJECT = re.compile(r"\s+(?:destroyed|damaged|hit|struck|eliminated)\s+(?:a|an|the|its|"
                            r"their|two|three|several|\d)", re.I)
_MODAL = re.compile(r"\b(?:could|would|might|may|will|can|cannot|plans?\s+to|planning\s+to|"
                    r"threaten\w*\s+to|intends?\s+to|aims?\s+to|expected\s+to|"
                    r"wants?\s+to|seeks?\s+to)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
_ASIDE = re.compile(r"\s*[,—–-]\s*(?:including|among\s+them|most\s+of\s+them|mostly)\s+"
                    r"[^,;.—–()]{1,60}[,—–]", re.I)
_LEFT_DEAD = re.compile(r"\s*(?:dead|injured|wounded)\b", re.I)
_NOT_LAUNCHED = re.compile(
    r"\b(?:produc\w*|manufactur\w*|build\w*|buy\w*|bought|purchas\w*|order\w*|deliver\w*|"
    r"delivery|suppl\w*|transfer\w*|provid\w*|stockpil\w*|store\s+of|stock\s+of|arsenal|"
    r"includ\w*|package|aid|armed\s+with|carry\w*|capable|able\s+to|can|could|import\w*|"
    r"acquir\w*|pledg\w*|donat\w*|equipped|make|making|made)\s+(?:[\w,.$-]+\s+){0,6}$", re.I)
_NOT_LAUNCHED_AFTER = re.compile(r"[^.;]{0,40}?\b(?:are\s+expected|to\s+arrive|will\s+be|"
                                 r"would\s+be|from\s+Iran|in\s+stock)\b", re.I)
_RATE = re.compile(r"[^.;,]{0,40}?\b(?:(?:a|per|each|every)\s+(?:day|week|month|hour|minute)\b|"
                   r"daily\b)", re.I)
_INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which|"
                        r"incl\.|amongst\s+them)\s+(?:[^.;()\d]{0,60}?(?:,|\band)\s+)?$", re.I)
_PARTITIVE = re.compile(r"\s+(?:or\s+more\s+)?of\s+(?P<ref>which|them|those|these|the|its|their|"
                        r"our|his|all)\b", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*$|"
                           r"\b(?:January|February|March|April|May|June|July|August|September|"
                           r"October|November|December)\s+$")
_NOT_A_COUNT = re.compile(r"\s*(?:-|–)?\s*(?:years?|days?|weeks?|months?|hours?|minutes?)"
                          r"(?:(?:-|\s)old)?\b|-(?:year|day|week|month|hour|minute|storey|story|"
                          r"mile|km|kilometre|kilometer)s?\b|\s*(?:%|percent\b|per\s+cent\b)", re.I)
_DAY_RANGE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|"
                        r"Dec)\.?\s+\d{1,2}\s*(?:to|-|–|and|through|into)\s*$|\bnight\s+of\s+"
                        r"\d{1,2}\s*(?:to|-|–|into)\s*$")
_TERRITORY_VERB = re.compile(
    r"\b(?:gain\w*|captur\w*|seiz\w*|took|tak\w+|retak\w+|retook|recaptur\w*|liberat\w*|"
    r"reclaim\w*|regain\w*|advanc\w*|claim\w*|lost|los\w+|occup\w*|control\w*|held|hold\w*|"
    r"return\w*|freed|clear\w*|push\w*|relinquish\w*|ced\w+|withdr\w+|recover\w*)\b", re.I)
_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:start|beginning|outbreak|onset)|since\s+(?:the\s+|its\s+|"
    r"Russia[’'´]?s\s+|Moscow[’'´]?s\s+)?(?:full[\s-]scale\s+)?invasion|since\s+the\s+war|"
    r"since\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|last\s+\w+|20\d\d|19\d\d)|"
    r"since\s+(?:Russia|Moscow|the\s+Kremlin|Putin)\s+(?:launched|began|started|invaded)|"
    r"so\s+far|to\s+date|cumulative|throughout\s+the\s+war|over\s+the\s+course\s+of\s+the\s+war|"
    r"(?:in|during)\s+(?:the|its|this)\s+(?:war|invasion|conflict)\b|"
    r"in\s+(?:nearly\s+|almost\s+|more\s+than\s+)?(?:\w+\s+)?(?:years?|months)\s+of\s+"
    r"(?:war|fighting)|since\s+\w+\s+\d{1,2}\b|"
    r"\bsince\b[^,.;]{0,60}\b(?:began|started|launched|invaded|broke\s+out))", re.I)


@dataclass(slots=True)
class Metric:
    kind: str
    value: float
    qualifier: str
    side: str | None
    position: int
    rule: str
    cumulative: bool = False
    form: str = "digits"  # the number's form (numbers.Number.form): "vague" for "dozens"
    intercepted: bool = False


@dataclass(slots=True)
class _Seen:
    """What the sentences read so far said, for the next one: the launched weapons' side and
    the last weapon family named ("Russia fired 43 on Monday, with 37 shot down")."""

    launcher: dict[str, str] = field(default_factory=dict)  # drones/missiles -> side
    weapon: str | None = None
    weapon_sentence: int = -99
    casualty_side: str | None = None
    casualty_sentence: int = -99


def _qualifier(before: str) -> str | None:
    tail = before[-30:].lower()
    if re.search(r"\b(?:hand\w*|turn\w*|pass\w*|give|gave|given|giving|won|win|took|take\w*|"
                 r"taking)\s+over\s*$", tail):
        return None  # "handed over 6,000 bodies": a verb's particle, no qualifier
    for name, pattern in _qualifier_patterns():
        if pattern.search(tail):
            return name
    return None


@cache
def _qualifier_patterns() -> list[tuple[str, re.Pattern[str]]]:
    quals = lexicon()["qualifiers"]
    out = []
    for name in ("at_least", "up_to", "over", "about"):
        phrases = sorted(quals[name], key=len, reverse=True)
        out.append((name, re.compile(r"(?:^|\W)(?:" + "|".join(re.escape(p) for p in phrases) +
                                     r")\s*$")))
    return out


def _opposite(side: str | None) -> str | None:
    return {"Russia": "Ukraine", "Ukraine": "Russia"}.get(side or "")


def _war_side(side: str | None) -> str | None:
    return side if side in SIDES else None


@dataclass(slots=True)
class _Phrase:
    family: str | None  # drone | missile | prisoner | people | dead | hurt | area | None
    head: str  # the head noun as written
    start: int  # offset in the sentence where the noun phrase starts
    end: int  # offset where it ends
    modifiers: str  # the words between the number and the head


def _noun_phrase(sentence: str, at: int) -> _Phrase:
    """The noun phrase counted by a number ending at `at`: up to four modifier words, then a
    head noun. A modifier is capitalised, hyphenated, an adjective-looking word, or listed."""
    if (m := _AREA.match(sentence, at, at + 40)) is not None:
        return _Phrase("area", m.group(0).strip(), at, m.end(), "")
    if (m := _AREA_OTHER.match(sentence, at, at + 40)) is not None:
        return _Phrase("area", m.group(0).strip(), at, m.end(), m.lastgroup or "")
    pos = at
    of = re.compile(r"\s+of\s+(?:the\s+)?", re.I).match(sentence, pos, pos + 12)
    if of:  # "dozens of prisoners", "a total of"
        pos = of.end()
        if (m := _AREA.match(sentence, pos, pos + 40)) is not None:  # "thousands of sq km"
            return _Phrase("area", m.group(0).strip(), at, m.end(), "")
        if (m := _AREA_OTHER.match(sentence, pos, pos + 40)) is not None:
            return _Phrase("area", m.group(0).strip(), at, m.end(), m.lastgroup or "")
    words = 0
    start = pos
    adjunct = False  # one plain noun before the head: "zoo personnel", "aid workers"
    while words <= 4:
        at_word = _skip_quotes(sentence, pos)
        head = _HEAD.match(sentence, at_word, pos + 60)
        if head is not None:
            family = head.lastgroup or None
            return _Phrase(family, head.group(0), start, head.end(),
                           sentence[start:head.start()].strip())
        t = _TOKEN.match(sentence, at_word, at_word + 40)
        if t is None:
            break
        word = t.group(1)
        low = word.lower().strip(".")
        if low in _FUNCTION or low in _ORDINALS:
            break
        if not _is_modifier(word):
            following = _HEAD.match(sentence, _skip_quotes(sentence, t.end()), t.end() + 60)
            if adjunct or following is None or following.lastgroup not in ("people",
                                                                            "prisoner"):
                # "four monks were killed": a plain plural noun, people only if a verb of
                # killing or wounding follows (checked by the caller)
                if words == 0 and low.endswith("s") and low.isalpha() and len(low) > 3 and \
                        low not in _NOT_PLURALS:
                    return _Phrase("plural", word, start, t.end(), "")
                break
            adjunct = True
        pos = t.end()
        words += 1
    return _Phrase(None, "", at, at, "")


_TOKEN = re.compile(r"\s*([\w’'´.-]+)")


def _skip_quotes(text: str, pos: int) -> int:
    pos = _skip_space(text, pos)
    while pos < len(text) and text[pos] in "‘“\"'":
        pos += 1
    return pos


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n\u00a0":
        pos += 1
    return pos


def _is_modifier(word: str) -> bool:
    low = word.lower()
    if low in _MODIFIERS:
        return True
    if word[:1].isupper() or "-" in word or any(c.isdigit() for c in word):
        return True
    return bool(re.search(r"(?:ian|ese|ish|ic|al|ed|ing|ive|ary|ful|less)$", low))


def _pred_after(sentence: str, at: int, stop: int) -> str | None:
    m = _AFTER_PRED.match(sentence[at:min(stop, at + 80)])
    return m.lastgroup if m else None


def _pred_before(before: str) -> tuple[str | None, int]:
    """The class of the verb that governs a count from before it, and where that verb is."""
    m = _BEFORE_PRED.search(before[-70:])
    if m is None:
        return None, -1
    return m.lastgroup, len(before) - len(before[-70:]) + m.start()


_DAILY = re.compile(r"\b(?:over|in)\s+the\s+(?:past|last|previous|preceding)\s+(?:24\s+hours|day|"
                    r"night)\b|\bovernight\b", re.I)


def cumulative(sentence: str) -> bool:
    """A running total ("since the start of the invasion", "so far"), unless the sentence
    pins the figure to one day ("over the past 24 hours")."""
    return bool(_CUMULATIVE.search(sentence)) and not _DAILY.search(sentence)


def starts_running_total(sentence: str, position: int) -> bool:
    """A date that opens a running total ("since February 24") is not the day of the figure."""
    return bool(re.search(r"\b(?:since|from)\s+(?:the\s+)?$", sentence[max(0, position - 12):
                                                                      position], re.I))


def date_mentions_for_metrics(sentence: str, mentions: list[DateMention]) -> list[DateMention]:
    """The date mentions that may date a metric: not a running total's start ("since February
    24", "since ... last month"), not the day a figure was said ("said Friday that the attack
    killed 53"); "overnight Saturday" is Saturday, not the publication day of "overnight"."""
    out: list[DateMention] = []
    for k, m in enumerate(mentions):
        if starts_running_total(sentence, m.start) or re.search(
                r"\bsince\b[^,;]{0,60}$", sentence[max(0, m.start - 60):m.start], re.I):
            rules.note(R_DATE.id, "dropped", f"{m.text!r} opens a running total")
            continue
        if _SAID_ON.search(sentence[max(0, m.start - 25):m.start]):
            rules.note(R_DATE.id, "dropped", f"{m.text!r} dates the saying, not the figure")
            continue
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if m.text.lower() == "overnight" and nxt and nxt.date and nxt.start - m.end <= 2:
            rules.note(R_DATE.id, "chose", f"{nxt.text!r}: 'overnight {nxt.text}'")
            continue
        out.append(m)
    return out


_SAID_ON = re.compile(r"\b(?:said|says|told\s+\w+|reported|announced|stated|claimed|confirmed|"
                      r"wrote|added|posted|estimated)\s+(?:on\s+|late\s+|early\s+|last\s+)?$",
                      re.I)
_CLAUSE_BREAK = re.compile(r";|,\s+with\b|\bwhile\b|\bwhereas\b|,\s+but\b", re.I)


def metric_date(sentence: str, mentions: list[DateMention], position: int
                ) -> DateMention | None:
    """The mention that dates the metric at `position`: in the same clause, resolved to a day
    or a week (a month or a year alone gives no day: the precision is kept, the date is not)."""
    same_clause = []
    for m in mentions:
        lo, hi = min(m.start, position), max(m.end, position)
        if hi - lo <= 400 and not _CLAUSE_BREAK.search(sentence, lo, hi):
            same_clause.append(m)
    d = best_for(same_clause, position)
    if d is not None and d.precision not in ("day", "week"):
        return DateMention(d.start, d.end, d.text, None, d.precision)
    return d


def find(sentence: str, places_here: list[tuple[int, str, str | None]],
         seen: _Seen | None = None, index: int = 0) -> list[Metric]:
    """Metrics in one sentence (quotation marks left in: numbers inside quotes count).
    places_here: (offset, place name, country). `seen` carries what earlier sentences said."""
    seen = seen if seen is not None else _Seen()
    out: list[Metric] = []
    if _CAPTION.match(sentence):
        rules.note(V_CAPTION.id, "vetoed", "a photo caption")
        return out
    # ages, durations and percentages are no counts, and must not cut another number's window
    numbers = [n for n in numbers_in(sentence) if not _NOT_A_COUNT.match(sentence, n.end)]
    sides = sides_in(sentence)
    running = cumulative(sentence)
    if running:
        rules.note(R_CUMULATIVE.id, "found", "a running total")
    previous: tuple[Number, str | None] | None = None  # the last number and its predicate class
    range_top_at = -1
    last_count_end = -1  # where the last number that is no bare "a"/"an" ends
    for i, num in enumerate(numbers):
        nxt = numbers[i + 1].start if i + 1 < len(numbers) else len(sentence)
        if i + 1 < len(numbers) and numbers[i + 1].form == "article" and num.form != "article":
            # "three people in a car were killed": an article inside a place phrase after the
            # noun does not cut the count's window (bounded: the next count, or 60 characters)
            later = next((n.start for n in numbers[i + 2:i + 6] if n.form != "article"),
                         len(sentence))
            if re.match(r"\s+(?:[\w’'-]+\s+){0,2}?(?:in|on|at|near|inside|outside|under|"
                        r"from|of|with|aboard)\s+$", sentence[num.end:nxt]) or re.match(
                        r"\s+(?:[\w’'-]+\s+){0,2}?\w+ing\s+(?:in|on|at|near|inside|outside|"
                        r"under|for)\s+$", sentence[num.end:nxt]):
                nxt = min(later, nxt + 60)
        before = sentence[max(0, num.start - WINDOW):num.start]
        # "killed a total of 25": an article never cuts the window of the count after it
        since_prev = sentence[last_count_end:num.start] if last_count_end >= 0 else before
        if num.form != "article":
            last_count_end = num.end
        text = sentence[num.start:num.end]
        if num.start == range_top_at:
            rules.note(V_RANGE.id, "vetoed", f"vetoed {text!r}: the top of a range")
            previous = (num, previous[1] if previous else None)
            continue
        is_range = i + 1 < len(numbers) and _is_range(sentence[num.end:nxt], before)
        if is_range:  # "thirteen to fifteen thousand": the floor is 13,000
            range_top_at = nxt
            top = sentence[nxt:numbers[i + 1].end].lower()
            scale = next((f for w, f in (("thousand", 1e3), ("million", 1e6)) if
                          top.endswith(w) and not text.lower().endswith(w)), 1.0)
            if scale > 1 and num.value < 1000:
                num = replace(num, value=num.value * scale)
        made = _read(sentence, num, before, since_prev, nxt, previous, sides, places_here, seen,
                     out, index, numbers, i)
        metric = made[0]
        if metric is None and previous and previous[1] == "rate" and re.fullmatch(
                r"\s*(?:[\w’'´-]+\s+){0,8}?(?:and|,)\s+", since_prev):
            made = (None, "rate")  # "150 are being killed every day and 800 wounded"
        elif metric is not None and previous and previous[1] == "rate" and re.fullmatch(
                r"\s*(?:[\w’'´-]+\s+){0,8}?(?:and|,)\s+", since_prev):
            rules.note(V_RATE.id, "vetoed", f"vetoed {text!r}: a rate, as the count before")
            previous = (num, "rate")
            continue
        previous = (num, made[1])
        if metric is None:
            continue
        # a war's toll: tens of thousands killed come from no single day
        metric.cumulative = running or metric.kind in ("killed", "injured") and \
            metric.value >= 10_000
        out.append(metric)
        rules.note(metric.rule, "found", f"{metric.kind} {metric.value:g} from {text!r}")
    return out


def _read(sentence: str, num: Number, before: str, since_prev: str, nxt: int,
          previous: tuple[Number, str | None] | None, sides: list[tuple[int, str]],
          places_here: list[tuple[int, str, str | None]], seen: _Seen, out: list[Metric],
          index: int, numbers: list[Number], i: int) -> tuple[Metric | None, str | None]:
    """One number: its metric (or None) and its predicate class (for a coordinated next one)."""
    text = sentence[num.start:num.end]
    after_at = num.end
    if num.form == "digits" and (_MONTH_BEFORE.search(before) or _DAY_RANGE.search(before[-40:])):
        return None, None  # "Nov. 17 that Russian troops ..."
    if num.form == "digits" and re.search(r"[A-Za-z]-$", before):
        rules.note(V_FORM.id, "vetoed", f"vetoed {text!r}: a model name")
        return None, None
    if re.match(r"\s*(?:-|–)?\s*(?:year|day|week|month|hour|minute|storey|story)s?\b",
                sentence[after_at:after_at + 12], re.I) or re.match(
            r"\s*(?:%|percent|per\s+cent)", sentence[after_at:after_at + 12], re.I):
        return None, None
    if num.form == "digits" and re.search(r"\b(?:[A-Z][\w’'´-]+|boy|girl|man|woman|son|daughter|"
                                          r"child|mother|father|wife|husband|teenager|resident|"
                                          r"soldier|victim|driver),\s*$", before) and \
            sentence[num.end:num.end + 1] == ",":
        rules.note(V_FORM.id, "vetoed", f"vetoed {text!r}: an age ('Danis, 25,')")
        return None, None
    if re.search(r"\b(?:city|town|village|population|home|country|nation|region|community)\s+"
                 r"of\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|over\s+|more\s+than\s+)?$",
                 before, re.I):
        rules.note(V_FORM.id, "vetoed", f"vetoed {text!r}: a population")
        return None, None
    if text.lower() == "one" and re.search(r"\bno\s+$", before, re.I):
        rules.note(V_FORM.id, "vetoed", "vetoed 'no one'")
        return None, None
    qualifier = _qualifier(before) or num.qualifier or (
        "at_least" if re.match(r"\s+or\s+more\b", sentence[num.end:num.end + 12], re.I)
        else "exact")

    # "36 of 42 drones": the part takes the noun of the whole
    partitive = _PARTITIVE.match(sentence, after_at, after_at + 30)
    between = sentence[after_at:nxt] if i + 1 < len(numbers) else ""
    of_number = re.fullmatch(r"\s+(?:out\s+)?of\s+(?:the\s+)?", between)
    ref: str | None = None
    if _is_range(between, before):  # "between 7,000 and 15,000 soldiers": from 7,000
        phrase = _noun_phrase(sentence, numbers[i + 1].end)
        qualifier = "at_least"
    elif of_number:
        phrase = _noun_phrase(sentence, numbers[i + 1].end)
        ref = "whole"
    elif partitive and partitive.group("ref").lower() in ("which", "them", "those", "these",
                                                          "all"):
        phrase = _Phrase(None, "", after_at, partitive.end(), "")
        ref = "pronoun"
    elif partitive:
        phrase = _noun_phrase(sentence, partitive.end())
        ref = "whole" if partitive.group("ref").lower() in ("the", "all") else None
    else:
        phrase = _noun_phrase(sentence, after_at)
    stop = nxt if not ref or phrase.end <= nxt else max(phrase.end, nxt)
    verb_from = phrase.end
    aside = _ASIDE.match(sentence, phrase.end, phrase.end + 90)
    if aside:  # "9,000 civilians — including 300 children — have been killed"
        verb_from = aside.end()
        beyond = [n.start for n in numbers[i + 1:i + 6] if n.start >= verb_from]
        stop = beyond[0] if beyond else len(sentence)
    after_pred = _pred_after(sentence, verb_from, stop if stop > verb_from else verb_from + 80)
    if after_pred is None and phrase.family in ("people", "plural") and not aside:
        listed_end, hops = verb_from, 0
        while hops < 4 and (co := _COORDINATED.match(sentence, listed_end, listed_end + 60)) \
                and co.end() <= stop:
            listed_end, hops = co.end(), hops + 1
        if listed_end > verb_from:  # "six medics, rescuers and drivers were killed"
            after_pred = _pred_after(sentence, listed_end, max(stop, listed_end + 1))
            if after_pred not in ("killed", "injured", "captured"):
                after_pred = None
            else:
                rules.note(S_COORDINATED.id, "chose",
                           f"{text!r} takes the verb after the listed nouns ({after_pred})")
    governing = since_prev if len(since_prev) < len(before) else before
    before_pred, verb_at = _pred_before(governing)
    if verb_at >= 0:
        verb_at += num.start - len(governing)  # an offset in the sentence
    verb_after = re.match(r"\s+(?:were|was|are|is|have|has|had|remain\w*|be)\b",
                          sentence[phrase.end:phrase.end + 12], re.I)
    if before_pred is None and after_pred is None and not verb_after and previous and re.fullmatch(
            r"\s*(?:[\w’'´-]+\s+){0,4}?[\w’'´-]*\s*(?:,\s*(?:and\s+)?|and|or|as\s+well\s+as)\s+"
            r"(?:(?:some|about|around|nearly|at\s+least|more\s+than|over)\s+)?", since_prev):
        before_pred = previous[1]  # "destroyed 37 drones and three cruise missiles"
        verb_at = previous[0].start
    pred = before_pred or after_pred  # the verb that takes the count as its object governs
    if pred is None and i + 1 < len(numbers) and re.fullmatch(
            r"\s*,?\s*(?:and|or|as\s+well\s+as)\s+(?:(?:some|about|around|nearly|at\s+least|"
            r"more\s+than|over)\s+)?", sentence[phrase.end:nxt]):
        # "241 drones and five missiles were shot down": the verb after the list governs both
        listed = _noun_phrase(sentence, numbers[i + 1].end)
        after_next = numbers[i + 2].start if i + 2 < len(numbers) else len(sentence)
        pred = _pred_after(sentence, listed.end, after_next)
    if pred == "intercepted" and not before_pred and _ACTIVE_OBJECT.match(
            sentence, phrase.end, phrase.end + 60):
        pred = "impact"  # "one missile destroyed a school": the missile did the destroying
    if num.form == "article" and phrase.family not in ("drone", "missile"):
        # "a man was killed", "killing a woman": one person; any other "a" is no count
        one_person = phrase.family == "people" and re.fullmatch(
            r"man|woman|child|boy|girl|civilian|person|resident|soldier|teenager|pensioner",
            phrase.head, re.I)
        if not (one_person and (before_pred in ("killed", "injured") and not phrase.modifiers.count(
                " ") > 1 or phrase.modifiers.count(" ") < 2 and re.match(
                r"\s+(?:was|has\s+been|had\s+been)\s+(?:killed|injured|wounded|hurt)\b",
                sentence[phrase.end:phrase.end + 30], re.I))):
            return None, pred

    # ---- part of a total given before ---------------------------------------------------
    including = _INCLUDING.search(before[-90:])
    # "seven civilians, including a child, were killed and 18 wounded": the verb after the
    # aside closes it, so the 18 is no part of the seven
    part_of = including is not None and not _CLOSED_ASIDE.search(including.group(0))
    if out and re.match(r"\s*(?:each|apiece)\b", sentence[phrase.end:phrase.end + 10], re.I):
        rules.note(V_PART.id, "vetoed", f"vetoed {text!r}: so many each, a part of the total")
        return None, pred

    family = phrase.family
    if _LIVES_AFTER.match(sentence, after_at, after_at + 30) and _LIVES_BEFORE.search(
            before[-50:]):
        if _LIVES_NOT.search(before[-60:]):
            rules.note(V_HYPOTHETICAL.id, "vetoed", f"vetoed {text!r}: lives at risk or saved")
            return None, pred
        if _HISTORY.search(sentence[max(0, num.start - 120):num.end + 120]):
            rules.note(V_OTHER_WAR.id, "vetoed", f"vetoed {text!r}: another war or another time")
            return None, pred
        return Metric("killed", num.value, qualifier, _side_before(sentence, sides, num.start),
                      num.start, R_LIVES.id, form=num.form), "killed"
    if family == "plural":
        if after_pred not in ("killed", "injured") or before_pred:
            return None, pred
        family = "people"
    implied = {"dead": "killed", "hurt": "injured"}.get(family or "")
    if part_of and out and family in ("people", "dead", "hurt") and after_pred in (
            None, out[-1].kind) and implied in (None, out[-1].kind):
        rules.note(V_PART.id, "vetoed", f"vetoed {text!r}: part of a total given before")
        return None, pred
    kind: str | None = None
    rule = R_NOUN
    whole_of = False  # the whole of "downed 89 out of 112 drones"
    if ref == "pronoun":
        family = _weapon_before(sentence, num.start) or (
            seen.weapon if index - seen.weapon_sentence <= 2 else None)
        if family is None and out:
            last = out[-1].kind
            family = {"drones": "drone", "missiles": "missile"}.get(last)
        if pred == "impact" or family is None or pred != "intercepted":
            rules.note(V_PART.id, "vetoed", f"vetoed {text!r}: part of a count given before")
            return None, pred
    elif ref == "whole" and not (family in ("drone", "missile") and pred == "intercepted"):
        rules.note(V_PART.id, "vetoed", f"vetoed {text!r}: a part of the number named")
        return None, pred

    if family == "area":
        if not _TERRITORY_VERB.search(sentence[max(0, num.start - 160):phrase.end + 80]) or \
                re.search(r"\b(?:burn|flood|forest|grassland|farmland|mined|contaminat)\w*",
                          sentence[max(0, num.start - 60):phrase.end + 60], re.I):
            return None, pred
        holder = re.match(r"[^.;]{0,40}?\b(?:held|controlled|captured|taken|seized|liberated|"
                          r"retaken|recaptured|occupied)\s+by\s+(?:the\s+)?(Ukrain\w*|Russia\w*|"
                          r"Kyiv|Kiev|Moscow)", sentence[phrase.end:phrase.end + 80])
        side = ("Russia" if holder.group(1).startswith(("Russia", "Moscow")) else "Ukraine") \
            if holder else _side_before(sentence, sides, num.start)
        if holder and re.search(r"\b(?:held|controlled|occupied)\s+by\b", holder.group(0),
                                re.I) and _AREA_GAINED.search(before[-70:]):
            side = _opposite(side)  # "Ukraine recaptured 400 sq km held by Russia": Ukraine
            rules.note(R_AREA.id, "chose", f"side {side}: regained from the side that held it")
        if not holder and side and _AREA_LOST.search(before[-70:]):
            side = _opposite(side)  # side is who gained: "Russian forces lost 500 sq km"
            rules.note(R_AREA.id, "chose", f"side {side}: the other side lost the area")
        value, area_rule = num.value, R_AREA
        if phrase.modifiers in _AREA_FACTOR:  # square miles or hectares
            if _CONVERTED_BEFORE.search(before[-40:]) or _CONVERTED_AFTER.match(
                    sentence, phrase.end, phrase.end + 50):
                rules.note(V_CONVERSION.id, "vetoed",
                           f"vetoed {text!r}: the same area in another unit beside it")
                return None, pred
            if _AREA_HYPOTHETICAL.search(before[-90:]):
                rules.note(V_HYPOTHETICAL.id, "vetoed", f"vetoed {text!r}: an area not yet taken")
                return None, pred
            value = float(round(num.value * _AREA_FACTOR[phrase.modifiers]))
            if value < 1:
                return None, pred
            area_rule = R_AREA_CONVERTED
        return Metric("territory_km2", value, qualifier, side, num.start, area_rule.id,
                      form=num.form), pred

    if family is None:
        # a bare count: "killed seven, wounded six", "19 were injured", "with 40 intercepted"
        # the count ends after the top of a range: "lost 'sixty to eighty thousand.'"
        count_end = numbers[i + 1].end if i + 1 < len(numbers) and _is_range(between, before) \
            else after_at
        bare_ok = re.match(r"\s*(?:[,.;:)\"”’]|$|\s+(?:in|on|at|near|and|more|others|according|"
                           r"across|after|when|while|during|over|as|by|from|with|since|"
                           r"overnight|including|people|were|was|had|have|are|or|overall|"
                           r"altogether|earlier|later|last|this|yesterday|today)\b)",
                           sentence[count_end:count_end + 20]) or (
            after_pred in ("intercepted", "killed", "injured") and re.match(
                r"\s+(?:intercepted|shot\s+down|downed|destroyed|neutrali[sz]ed|killed|dead|"
                r"wounded|injured)\b", sentence[count_end:count_end + 20], re.I))
        toll = re.search(r"\b(?:(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|victims|"
                         r"fatalities|(?:people|civilians|persons|those)\s+(?:killed|dead)|"
                         r"killed\s+\w+))\s+"
                         r"(?:[\w’'´-]+\s+){0,8}?(?:to|at|of|reached|is|was|stands\s+at|stood\s+at|"
                         r"has\s+risen\s+to|grew\s+to|rose\s+to|(?:has\s+|had\s+)?hit|"
                         r"(?:has\s+|had\s+)?(?:climbed|increased|jumped|soared|risen|grown)\s+to)|(?:deaths|dead|fatalities)\s+at)"
                         r"\s+(?:(?:about|around|almost|nearly|some|over|more\s+than|at\s+least)\s+)?$",
                         before[-100:], re.I)
        hurt_toll = re.search(r"\bnumber\s+of\s+(?:(?:people|civilians|those)\s+)?"
                              r"(?:injured|wounded|injuries)\s+"
                              r"(?:[\w’'´-]+\s+){0,6}?(?:to|at|reached|is|was|stands\s+at|"
                              r"stood\s+at|rose\s+to|grew\s+to)\s+$", before[-100:], re.I)
        if toll:
            kind, rule = "killed", R_TOLL
        elif hurt_toll:
            kind, rule = "injured", R_TOLL
        elif before_pred in ("killed", "injured") and bare_ok and not after_pred == "combined":
            kind, rule = before_pred, R_VERB
        elif after_pred in ("killed", "injured") and bare_ok and not before_pred:
            kind, rule = after_pred, R_AFTER
        elif pred == "captured" and bare_ok:
            kind, rule = "prisoners", R_AFTER  # "dozens more were taken prisoner"
        elif before_pred == "lost" and bare_ok and _LOSER.search(before[-80:]) and not \
                re.match(r"\s+(?:of\s+)?(?:its|their|the)\b", sentence[count_end:count_end + 12]):
            kind, rule = "killed", R_LOST  # "Ukrainian forces having lost 'sixty thousand'"
        elif pred == "intercepted" and bare_ok:
            family = _referent(before) or _weapon_before(sentence, num.start) or (
                seen.weapon if index - seen.weapon_sentence <= 2 else None)
            if family is None:
                return None, pred
            kind, rule = family + "s_intercepted", R_INTERCEPT
        else:
            return None, pred
    elif family in ("drone", "missile") and ref is None and previous and re.fullmatch(
            r"\s+(?:out\s+)?of\s+(?:the\s+)?", since_prev):
        kind = family + "s"  # the whole in "26 of the 30 drones were downed": launched
        whole_of = True
    elif family in ("drone", "missile"):
        if num.form == "article" and (pred not in ("launched", "intercepted") or re.search(
                r"\busing\s+$", before)):
            return None, pred  # "a drone exploded", "with a surface-to-air missile", "using a"
        if num.form == "article" and re.match(r"(?:[\w’'.-]+\s+){0,3}?(?:missile|drone)s\b",
                                              phrase.modifiers + " " + phrase.head, re.I):
            return None, pred
        if pred == "intercepted":
            kind, rule = family + "s_intercepted", R_INTERCEPT
        elif pred == "impact":
            rules.note(V_IMPACT.id, "vetoed", f"vetoed {text!r}: weapons that hit, not launched")
            return None, pred
        elif not re.fullmatch(r"\s+(?:out\s+)?of\s+(?:the\s+)?", since_prev) and \
                _NOT_LAUNCHED.search(
                before[-80:]) or _NOT_LAUNCHED_AFTER.match(
                sentence, phrase.end, phrase.end + 60) or _EQUIPMENT.search(
                sentence[max(0, num.start - 100):phrase.end + 100]):
            rules.note(V_NOT_LAUNCHED.id, "vetoed", f"vetoed {text!r}: made or sent, no launch")
            return None, pred
        else:
            kind = family + "s"
    elif family in ("dead", "hurt"):
        if after_pred == "combined" or family == "dead" and re.match(
                r"\s+(?:or|and)\s+(?:wounded|injured|injuries|wounds|dead|killed)",
                sentence[phrase.end:phrase.end + 20], re.I):
            rules.note(V_COMBINED.id, "vetoed", f"vetoed {text!r}: killed and wounded together")
            return None, pred
        kind = "killed" if family == "dead" else "injured"
    elif family in ("people", "prisoner"):
        if family == "people" and pred == "intercepted":
            pred = "killed"  # "200 reservists were destroyed" (a ministry's word for killed)
        if pred == "combined" or (pred in ("killed", "injured", "lost") and re.match(
                r"[^.;]{0,30}?\b(?:killed|dead|deaths)\s+(?:or|and)\s+(?:wounded|injured)",
                sentence[phrase.end:phrase.end + 40], re.I)):
            rules.note(V_COMBINED.id, "vetoed", f"vetoed {text!r}: killed and wounded together")
            return None, pred
        if pred in ("killed", "injured"):
            kind = pred
        elif before_pred == "lost" and family == "people" and _LOST_HEAD.search(phrase.head):
            kind, rule = "killed", R_LOST  # "having lost thousands of soldiers"
        elif family == "people" and phrase.head.lower() == "bodies" and (_FOUND_AFTER.match(
                sentence, phrase.end, phrase.end + 60) or _FOUND_BEFORE.search(before[-50:])) \
                and not _bodies_handed(sentence, num, phrase):
            kind, rule = "killed", R_BODIES  # "40 bodies were recovered from the site"
        elif family == "people" and re.search(r"\b(?:bodies|remains)\s+of\s+$", before) and \
                not re.search(r"\b(?:return\w*|hand\w*\s+over|repatriat\w*|exchang\w*|swap\w*|"
                              r"receiv\w*|transferr?\w*)\b", before[-60:], re.I):
            kind = "killed"  # "rescuers recovered the bodies of three people"
        elif family == "prisoner" or re.search(r"\b(?:bodies|remains)\s+of\s+$", before) and \
                re.search(r"\b(?:return\w*|hand\w*\s+over|repatriat\w*|exchang\w*|swap\w*|"
                          r"receiv\w*|transferr?\w*)\b", before[-60:], re.I):
            kind = "prisoners"  # a body exchange counts as prisoners (annotation v2)
        elif pred == "captured" and phrase.head.lower() not in ("bodies",):
            kind = "prisoners"
        elif family == "people" and re.search(r"\b(?:captured|detained|imprisoned)\b",
                                              phrase.modifiers, re.I) and pred != "killed":
            kind, rule = "prisoners", R_CAPTURED_MOD  # "hundreds of captured fighters"
        elif family == "people" and pred not in ("killed", "injured") and _CAPTIVITY.match(
                sentence, phrase.end, phrase.end + 80):
            kind, rule = "prisoners", R_CAPTIVITY  # "84 soldiers returned from captivity"
        elif pred == "exchanged" and (_flags(sentence)[0] or phrase.head.lower() == "bodies"):
            kind = "prisoners"  # a swap, or bodies handed over or repatriated
        elif _TROOPS.search(phrase.head) and _flags(sentence)[1] and not re.search(
                r"\bthe\s+$", before, re.I):
            kind = "prisoners"  # "50 Ukrainian soldiers were released as part of a swap"
        elif _TROOPS.search(phrase.head) and pred not in ("impact",) and not re.search(
                r"\bthe\s+$", before):
            if _LEFT_DEAD.match(sentence, phrase.end, phrase.end + 12):
                kind = "killed"
            elif _flags(sentence)[2] or re.search(r"\bby\s+$", before) or not (
                    pred == "troops" or _TROOP_CONTEXT.search(
                    sentence[max(0, num.start - 100):phrase.end + 100])):
                rules.note(R_TROOPS.id, "vetoed", f"vetoed {text!r}: troops doing nothing counted")
                return None, pred
            else:
                kind, rule = "troops", R_TROOPS
        elif _LEFT_DEAD.match(sentence, phrase.end, phrase.end + 12):
            kind = "killed" if "dead" in sentence[phrase.end:phrase.end + 12].lower() \
                else "injured"  # "left at least 14 people dead"
        else:
            return None, pred
    if kind is None:
        return None, pred
    if part_of and any(o.kind == kind for o in out[-8:]) and not (
            after_pred in ("killed", "injured") and out[-1].kind != after_pred):
        rules.note(V_PART.id, "vetoed", f"vetoed {text!r}: part of a total given before")
        return None, pred
    if kind != "troops" and verb_at >= 0 and before_pred and _MODAL.search(
            sentence, max(0, verb_at - 30), verb_at):
        rules.note(V_HYPOTHETICAL.id, "vetoed", f"vetoed {text!r}: 'could', 'would', 'plans to'")
        return None, pred
    if _RATE.match(sentence, phrase.end, phrase.end + 60):
        rules.note(V_RATE.id, "vetoed", f"vetoed {text!r}: a rate")
        return None, "rate"
    if kind in ("killed", "injured") and _HISTORY.search(
            sentence[max(0, num.start - 120):phrase.end + 120]):
        rules.note(V_OTHER_WAR.id, "vetoed", f"vetoed {text!r}: another war or another time")
        return None, pred
    side = _side(kind, sentence, sides, num, phrase, verb_at, places_here, seen, index,
                 lost=before_pred == "lost", earlier=out)
    if kind in ("drones", "missiles") and _PASSIVE_TARGET.search(before[-60:]):
        # "Ukraine was attacked by 100 drones": the subject is the target, not the launcher
        side = _phrase_side(sentence, num, phrase) or _opposite(side)
        rules.note(R_NOUN.id, "chose", f"side {side}: the subject was the target")
    if whole_of and out and out[-1].intercepted and out[-1].side:
        side = out[-1].side  # the launcher of the part shot down launched the whole
    if kind in ("drones", "missiles"):
        attacker = _attacker_any(sentence)
        if attacker is not None and attacker not in SIDES and side is None or \
                _flags(sentence)[3]:
            rules.note(V_OTHER_WAR.id, "vetoed", f"vetoed {text!r}: launched by {attacker}")
            return None, pred
    if kind == "prisoners" and _flags(sentence)[0]:
        side = None  # an exchange: both sides' prisoners
    return Metric(kind, num.value, qualifier, side, num.start, rule.id, form=num.form,
                  intercepted=kind.endswith("_intercepted")), pred


def _bodies_handed(sentence: str, num: Number, phrase: _Phrase) -> bool:
    """Bodies found but handed over or buried: an exchange or a funeral, no count of the dead."""
    if _HANDED.search(sentence[max(0, num.start - 80):phrase.end + 80]):
        rules.note(R_BODIES.id, "vetoed", f"vetoed {sentence[num.start:num.end]!r}: bodies "
                   "handed over or buried")
        return True
    return False


def _is_range(between: str, before: str) -> bool:
    """'7,000 to 15,000', '50-100', 'between 7,000 and 15,000': a range of two numbers."""
    m = re.fullmatch(r"\s*(-|–|to|and|or)\s*", between)
    if m is None or re.search(r"\bfrom\s+$", before, re.I):
        return False  # "the toll rose from 20 to 25" is a change, not a range
    return m.group(1) in ("-", "–", "to") or bool(re.search(r"\bbetween\s+$", before, re.I))


_OF_WHICH = re.compile(r"(?:(?P<drone>" + _DRONE + r")|(?P<missile>missiles?))\s*,?\s*(?:of\s+"
                       r"(?:which|them|these|those)|and\s+of\s+(?:these|them))\s*,?\s+(?:(?:some|"
                       r"about|around|nearly|almost|over|more\s+than|at\s+least|only|just)\s+)?$",
                       re.I)


def _referent(before: str) -> str | None:
    """The weapon that 'of which' refers to: '101 attack drones, of which 60 were downed'."""
    m = _OF_WHICH.search(before[-60:])
    if m is None:
        return None
    rules.note(R_INTERCEPT.id, "chose", f"'of which' refers to the {m.lastgroup}s before it")
    return m.lastgroup


def _weapon_before(sentence: str, position: int) -> str | None:
    """The weapon family named last before `position` in the sentence, if only one is."""
    window = sentence[max(0, position - 160):position]
    drones = [m.end() for m in re.finditer(_DRONE, window, re.I)]
    missiles = [m.end() for m in re.finditer(r"\bmissiles?\b", window, re.I)]
    if drones and missiles:
        return None  # "84 cruise missiles and 24 drones ..., shot down 56": which?
    return "drone" if drones else "missile" if missiles else None


_ADJ_SIDE = re.compile(r"\b(Russian|Ukrainian|Russia[’'´]s|Ukraine[’'´]s|Kyiv(?:[’'´]s)?|"
                       r"Kiev(?:[’'´]s)?|Moscow[’'´]s|Russians|Ukrainians|Kremlin)\b")


def _phrase_side(sentence: str, num: Number, phrase: _Phrase) -> str | None:
    """The side the counted noun phrase names: '40 Ukrainian drones', 'hundreds of Russians'."""
    words = sentence[num.end:phrase.end]
    m = _ADJ_SIDE.search(words)
    if m is None:
        return None
    return "Russia" if m.group(1).startswith(("Russia", "Moscow", "Kremlin")) else "Ukraine"


def _side(kind: str, sentence: str, sides: list[tuple[int, str]], num: Number, phrase: _Phrase,
          verb_at: int, places_here: list[tuple[int, str, str | None]], seen: _Seen,
          index: int, lost: bool = False, earlier: list[Metric] | None = None) -> str | None:
    earlier = earlier or []
    own = _phrase_side(sentence, num, phrase)
    if own:
        return own
    if re.match(r"\s+of\s+(?:its|their|our)\b", sentence[num.end:num.end + 12]):
        return _side_before(sentence, sides, num.start)  # "1,351 of its soldiers"
    named = re.search(r"\b(Russian|Ukrainian)\s+(?:military\s+|civilian\s+)?(?:deaths|death\s+toll|"
                      r"losses|casualties|dead)\b[^.;]{0,20}$", sentence[max(0, num.start - 60):
                                                                       num.start])
    if named:  # "Kyiv puts the enemy losses at nearly 12,000"
        return "Russia" if named.group(1) == "Russian" else "Ukraine"
    if kind == "killed" and lost:  # "the army has lost about 4,000 soldiers"
        return _side_before(sentence, sides, verb_at if verb_at >= 0 else num.start)
    if kind in ("drones", "missiles"):
        return _war_side(_launcher(sentence) or _attacker(sentence))
    if kind.endswith("_intercepted"):
        weapon = kind.split("_")[0]
        for metric in reversed(earlier[-8:]):  # "launched 138 drones, 110 of which were shot down"
            if metric.kind == weapon and metric.side:
                return metric.side
        for metric in reversed(earlier[-8:]):  # "downed 58 Ukrainian drones and two missiles"
            if metric.intercepted and metric.side:
                return metric.side
        if verb_at >= 0:  # "Ukraine's air force said it destroyed 37 drones"
            interceptor = _side_before(sentence, sides, verb_at)
            if interceptor:
                return _opposite(interceptor)
        for _, place, country in places_here:  # "destroyed 12 drones over the Bryansk region"
            if country in SIDES and place != country:
                return _opposite(country)
        return _war_side(_launcher(sentence)) or seen.launcher.get(weapon)
    if kind in ("territory_km2", "troops"):
        return _side_before(sentence, sides, num.start)
    if kind == "prisoners":
        return _side_before(sentence, sides, num.start)
    # killed / injured: the victims' side, where the text says it
    if earlier and earlier[-1].kind in ("killed", "injured") and earlier[-1].side and \
            num.start - earlier[-1].position < 80:
        return earlier[-1].side  # "2,500 Russian soldiers had been killed and 4,000 wounded"
    attacker = _attacker(sentence, attacks_only=True)
    if attacker in SIDES:
        return _opposite(attacker)
    for at, place, country in places_here:
        if country in SIDES and not (place == country and re.search(
                r"\b(?:war|conflict|invasion|fighting|aggression)\s+(?:in|of|on|against)\s+$",
                sentence[max(0, at - 30):at])):  # "in Mykolaiv", not "the war in Ukraine"
            return country
    if index - seen.casualty_sentence == 1 and re.match(r"\s*(?:more|others?|other\s+people)\b",
                                                        sentence[num.end:num.end + 20], re.I):
        return seen.casualty_side  # "They said 75 others were injured."
    return None


_TARGET_BEFORE = re.compile(r"\b(?:at|against|on|into|over|across|in|targeting|toward|towards)"
                            r"\s+(?:the\s+)?$", re.I)


_LEADERS = re.compile(r"\b(?:(Putin|Shoigu|Gerasimov|Belousov)|(Zelensk\w*|Syrskyi|Zaluzhn\w*))\b")


def _side_before(sentence: str, sides: list[tuple[int, str]], position: int) -> str | None:
    """The last side named before `position` that is not a target ("at Ukraine"); else the
    side of a leader named shortly before. At most a few sides are looked at (linear time)."""
    at = bisect_left(sides, (position, ""))
    for k in range(at - 1, max(-1, at - 9), -1):
        pos, side = sides[k]
        if side in SIDES and not _TARGET_BEFORE.search(sentence[max(0, pos - 30):pos]) and \
                not re.search(r"according\s+to\s+(?:the\s+)?$", sentence[max(0, pos - 30):pos]):
            return side
    leader = None
    for m in _LEADERS.finditer(sentence, max(0, position - 200), position):
        leader = "Russia" if m.group(1) else "Ukraine"  # "Putin ... sending in troops"
    return leader


_LAUNCH_VERB = re.compile(r"[\w’'´.\s-]{0,30}?\b(?:has\s+|have\s+|had\s+)?(?:test-)?(?:fired|"
                          r"launched|unleashed|sent|used|deployed|test-fired|supplied|provided|"
                          r"gave|fire|launch)\b")


# The sentence-level answers below depend on the sentence alone: each is computed once per
# sentence (the caches hold the last few), however many numbers the sentence has.
@lru_cache(maxsize=8)
def _launcher(sentence: str) -> str | None:
    """The side followed by a verb of launching: 'Russia has launched nearly 450 drones'."""
    for pos, side in sides_in(sentence):
        if side in SIDES and _LAUNCH_VERB.match(sentence, pos, pos + 60):
            return side
    return None


@lru_cache(maxsize=8)
def _attacker_any(sentence: str) -> str | None:
    for pos, side in sides_in(sentence):
        if _LAUNCH_VERB.match(sentence, pos, pos + 60):
            return side
    return None


@lru_cache(maxsize=8)
def _flags(sentence: str) -> tuple[bool, bool, bool, bool]:
    """(an exchange, a swap or release, words that make troops no count, another country's
    launch) for the whole sentence."""
    return (re.search(r"\b(?:exchang|swap|trade)", sentence, re.I) is not None,
            re.search(r"\b(?:exchang|swap|releas|freed|returned\s+home|POW)", sentence,
                      re.I) is not None,
            _NOT_TROOPS.search(sentence) is not None,
            _OTHER_LAUNCHER.search(sentence) is not None)


@lru_cache(maxsize=16)
def _attacker(sentence: str, attacks_only: bool = False) -> str | None:
    for pos, side in sides_in(sentence):
        if _TARGET_BEFORE.search(sentence[max(0, pos - 30):pos]) and not attacks_only:
            continue
        after = sentence[pos:pos + 60]
        if re.match(r"[\w’'´.\s]{0,50}?\b(?:said|says|reported|claimed|told|wrote)\b", after):
            continue
        if re.search(r"according\s+to\s+(?:the\s+)?$", sentence[max(0, pos - 30):pos]):
            continue
        if attacks_only and not re.match(r"\w+(?:[’'´]s)?\s+(?:[\w-]+\s+){0,2}(?:attacks?|strikes?|"
                                         r"shelling|missiles?|drones?|forces|troops|army|"
                                         r"airstrikes?|bombardment|barrage|launched|struck|"
                                         r"shelled|hit|fired|rockets?|artillery|military|"
                                         r"firing|fire|assault|offensive|invasion|"
                                         r"occupation|aggression|war)\b", after):
            continue
        return side
    return None


# ---- the article: one fact once, intercepted weapons' launcher -------------------------------
@dataclass(slots=True)
class _Entry:
    metric: Metric
    sentence: int
    date: str | None
    location: str | None
    record: object  # the MetricRecord made from it (opaque here)


@dataclass
class MetricBook:
    """Article-level steps over the metrics that sentences give, in reading order."""

    seen: _Seen = field(default_factory=_Seen)
    entries: list[_Entry] = field(default_factory=list)

    def read(self, sentence: str, places_here: list[tuple[int, str, str | None]],
             index: int) -> list[Metric]:
        found = find(sentence, places_here, self.seen, index)
        for metric in found:
            if metric.kind in ("drones", "missiles") and metric.side:
                self.seen.launcher[metric.kind] = metric.side
            if metric.kind in ("killed", "injured") and metric.side:
                self.seen.casualty_side, self.seen.casualty_sentence = metric.side, index
        weapon = _weapon_before(sentence, len(sentence))
        if weapon:
            self.seen.weapon, self.seen.weapon_sentence = weapon, index
        return found

    def add(self, metric: Metric, index: int, date: str | None, location: str | None,
            record: object) -> None:
        self.entries.append(_Entry(metric, index, date, location, record))

    def settle(self) -> list[object]:
        """The records to keep, in reading order: `step.metric_once`,
        `step.metric_vague_superseded`, `step.metric_launcher_side`."""
        keep = [True] * len(self.entries)
        by_key: dict[tuple[str, float], list[int]] = {}
        for i, entry in enumerate(self.entries):
            m = entry.metric
            earlier = by_key.setdefault((m.kind, m.value), [])
            if any(_same_fact(self.entries[j], entry) for j in earlier[-8:]):
                keep[i] = False
                rules.at_sentence(entry.sentence)
                rules.note(S_REPEAT.id, "merged",
                           f"{m.kind} {m.value:g} given before in the article")
            earlier.append(i)
        for i, entry in enumerate(self.entries):
            m = entry.metric
            if not keep[i] or m.form != "vague":
                continue
            # the neighbours within six sentences (entries are in reading order), a few dozen
            near = [j for j in range(max(0, i - 40), min(len(self.entries), i + 41))
                    if abs(self.entries[j].sentence - entry.sentence) <= 6]
            for j in near:
                o = self.entries[j].metric
                if j != i and keep[j] and o.kind == m.kind and o.form != "vague" and \
                        m.value <= o.value and o.cumulative == m.cumulative:
                    keep[i] = False
                    rules.at_sentence(entry.sentence)
                    rules.note(S_VAGUE.id, "dropped",
                               f"{m.kind} {m.value:g} at_least: the {o.value:g} says it")
                    break
        for entry in self.entries:
            m = entry.metric
            if m.intercepted and m.side is None:
                launched = self.seen.launcher.get(m.kind.split("_")[0])
                if launched:
                    m.side = launched
                    record = entry.record
                    if hasattr(record, "side"):
                        record.side = launched
                    rules.at_sentence(entry.sentence)
                    rules.note(S_LAUNCHER.id, "chose", f"side {launched}: who launched them")
        rules.at_sentence(-1)  # what follows is article-level again
        return [e.record for e, k in zip(self.entries, keep, strict=True) if k]


def _same_fact(a: _Entry, b: _Entry) -> bool:
    """Two mentions of one kind and value are one fact unless their days or places differ."""
    if a.date and b.date and a.date != b.date:
        return False
    if a.location and b.location and a.location != b.location:
        return False
    return True


# ---- claimants --------------------------------------------------------------------------------
# Who gives a figure: a body or a person, one spelling for each, so that the store's
# happenings (kind, side, claimant, day) put one claimant's reports together and keep two
# claimants apart. A country stands for its government ("Ukrainian officials said", "Russia
# said": the actor model's name for a government is its country's, store.extract.actors). A
# city or a region does not: it is no claimant by itself, only the person or body the text
# names with it ("Kyiv mayor Vitali Klitschko"); "Kyiv said" and "Moscow claimed" name none.
C_ACCORDING = rules.rule("metric.claimant.according_to", "metric",
                         "a figure's claimant: who is named after 'according to (figures "
                         "from)'", words=("according",))
C_SPEAKER = rules.rule("metric.claimant.speaker", "metric",
                       "a figure's claimant: the sentence's first speaker ('..., the Air Force "
                       "said')")
C_PLACE_BODY = rules.rule("metric.claimant.place_named_body", "metric",
                          "a place given as claimant is the person or body named with it: "
                          "'Kyiv mayor Vitali Klitschko', 'ISW, a Washington-based think tank'")
C_PLACE_ALONE = rules.rule("metric.claimant.place_alone", "veto",
                           "a city or region alone is no claimant: 'Kyiv said', 'Moscow "
                           "claimed' name no body")
C_OFFICE = rules.rule("metric.claimant.office", "metric",
                      "an office named by its place, however spelt: 'Mariupol's mayor', "
                      "'the mayor of Mariupol' -> 'Mayor of Mariupol'")
C_COUNTRY_MODIFIER = rules.rule("metric.claimant.country_modifier", "metric",
                                "a country before a body, or after the office it qualifies, "
                                "names that body: 'the US Institute for the Study of War', "
                                "'the governor of the Belgorod region in Russia'")
C_SPOKESPERSON = rules.rule("metric.claimant.spokesperson", "metric",
                            "a spokesperson gives the body's figures: 'Air Force spokesman "
                            "Yurii Ihnat', 'a spokesman for the Air Force, Yurii Ihnat', or "
                            "the gazetteer's role of the person", words=("spokes",))
C_PERSON_SPELLING = rules.rule("metric.claimant.person_spelling", "metric",
                               "one person however transliterated: 'Denys Monastyrskiy' -> "
                               "'Denys Monastyrskyi' (the gazetteer's and claimants.json's "
                               "spelling)")
C_PAGE_NOISE = rules.rule("metric.claimant.page_noise", "metric",
                          "a word repeated before a surname is page noise: 'Interactive "
                          "Interactive Striuk' -> the article's Oleksandr Striuk")

_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?(?:analysis\s+from\s+(?:the\s+)?|"
                        r"data\s+from\s+(?:the\s+)?|figures\s+from\s+(?:the\s+)?)?")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})
# between a place and the person it qualifies: an apostrophe-s, then a few title words in
# lower case ("Kyiv mayor ", "Kyiv's mayor, ", "Kharkiv region governor ")
_PLACE_TO_PERSON = re.compile(r"(?:['’´]s)?(?:\s+(?:the\s+)?[a-z][\w-]*){1,4},?\s+")
# after a place that only says where a body sits: "a Washington, D.C.-based think tank"
_BASED = re.compile(r"(?:,?\s*D\.?\s?C\.?)?,?\s*-?\s*based\b")
# before a country that says whose an office is: "the governor of the Belgorod region in
# Western Russia said"
_OFFICE_TO_COUNTRY = re.compile(r"[\w\s-]{0,40}\b(?:in|of)\s+(?:the\s+)?(?:[A-Za-z]+ern\s+)?")
_TITLE = (r"(?:(?:regional|city|district|acting|deputy)\s+)?"
          r"(?:mayor|governor|prosecutor[- ]general|prosecutor|police\s+chief|ombudsman|"
          r"ombudsperson|head|chief|military\s+administration|regional\s+administration|"
          r"administration|council|emergency\s+services?)")
_PLACE_WORDS = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}"
_OFFICE_FORMS = (
    re.compile(rf"^(?:the\s+)?(?P<place>{_PLACE_WORDS})(?:['’´]s)?\s+(?P<title>{_TITLE})$"),
    re.compile(rf"^(?:the\s+)?(?P<title>{_TITLE})\s+(?:of|for)\s+(?:the\s+)?"
               rf"(?P<place>{_PLACE_WORDS})(?:\s+(?:region|oblast|province|city))?$"),
)
_DROPPED_TITLE_WORDS = frozenset(("regional", "city", "district"))
_SPOKES = r"(?:press\s+)?spokes(?:person|man|woman)"
# body, then person: "the Ukrainian Air Force spokesperson Yurii Ihnat"
_BODY_SPOKES_PERSON = re.compile(rf"(?:['’]s)?\s+{_SPOKES},?\s+")
# "a spokesman for the Ukrainian Air Force, Yurii Ihnat"
_SPOKES_FOR = re.compile(rf"\b{_SPOKES}\s+(?:for|of)\b")
_SPOKES_ROLE = re.compile(rf"^(?P<body>.+?)(?:['’]s)?\s+{_SPOKES}$", re.IGNORECASE)


@cache
def _claimant_aliases() -> dict[str, str]:
    """Every spelling of a body or person in the actor gazetteer, folded (lower case, straight
    apostrophes) -> its canonical name: "russia’s defence ministry" -> "Russian Defense
    Ministry"."""
    out: dict[str, str] = {}
    for entry in load("actors.json")["actors"]:
        for alias in (entry["name"], *entry.get("aliases", [])):
            out.setdefault(fold(alias), entry["name"])
    return out


@cache
def _spokespersons() -> dict[str, str]:
    """Person -> the body the gazetteer says they speak for ("air force spokesman": Yurii Ihnat
    -> Ukrainian Air Force), where that body is in the gazetteer too."""
    out: dict[str, str] = {}
    for entry in load("actors.json")["actors"]:
        for role in entry.get("roles", []):
            m = _SPOKES_ROLE.match(role)
            body = _claimant_aliases().get(fold(m.group("body"))) if m else None
            if body is not None and body != entry["name"]:
                out.setdefault(entry["name"], body)
                break
    return out


_SURNAME_ENDING = re.compile(r"(?:yy|yi|iy|ii|y|i)$")


def _person_key(name: str) -> tuple[str, str] | None:
    """(first initial, surname with its ending's transliteration folded) of a personal name
    of two or more words: Denys Monastyrskiy and Denys Monastyrskyi are ('d', 'monastyrsky'),
    Serhiy Gaidai and Serhiy Haidai ('s', 'hayday')."""
    words = name.split()
    if len(words) < 2:
        return None
    # Russian-style G for Ukrainian H (Gaidai, Haidai; Gennadiy, Hennadiy) is one letter too
    initial = fold_word(words[0])[:1].replace("g", "h")
    return initial, _SURNAME_ENDING.sub("y", fold_word(words[-1])).replace("g", "h")


@cache
def _known_persons() -> dict[tuple[str, str], str]:
    """Person key -> spelling, for the gazetteer's persons and claimants.json's."""
    names = [e["name"] for e in load("actors.json")["actors"] if e.get("kind") == "person"]
    out: dict[tuple[str, str], str] = {}
    for name in [*names, *load("claimants.json")["persons"]]:
        key = _person_key(name)
        if key is not None:
            out.setdefault(key, name)
    return out


@cache
def _countries() -> frozenset[str]:
    named = {e["name"] for e in load("actors.json")["actors"] if e.get("kind") == "country"}
    return frozenset(named | {n for n, p in places().items() if p["kind"] == "country"})


def _place(name: str) -> str | None:
    """The canonical name of `name` when it is a place that is not a country (a city, a
    region, an oblast: "Kiev" -> "Kyiv"), else None."""
    entry = places().get(name.translate(_APOSTROPHES))
    if entry is not None:
        return None if entry["kind"] == "country" else str(entry["name"])
    if fold(name) in _claimant_aliases():
        return None  # a body or person of the gazetteer, not a village of the same name
    return name if oblast_of(name) and name not in _countries() else None


def _spelled(name: str) -> str:
    """One spelling of a claimant: straight apostrophes, single spaces, no leading 'the', and
    the gazetteer's canonical name for any of its aliases."""
    plain = " ".join(name.translate(_APOSTROPHES).split())
    if plain[:4].lower() == "the ":
        plain = plain[4:]
    return _claimant_aliases().get(fold(plain), plain)


def _office(name: str) -> str | None:
    """'Mayor of Mariupol' for an office named by its place ("Mariupol's mayor", "the mayor of
    Mariupol", "Ukraine's prosecutor general"), else None."""
    text = " ".join(name.translate(_APOSTROPHES).split())
    for form in _OFFICE_FORMS:
        m = form.match(text)
        if m is None:
            continue
        place = m.group("place")
        canonical = _place(place) or (place if place in _countries() else None)
        if canonical is None:
            continue
        words = [w for w in re.split(r"[\s-]+", m.group("title").lower())
                 if w not in _DROPPED_TITLE_WORDS] or ["official"]
        return f"{' '.join(w.capitalize() for w in words)} of {canonical}"
    return None


def claimant_of(sentence: str, mentions: list[Mention], speakers: list[str],
                book: ActorBook | None = None) -> str | None:
    """Who gives the figures of `sentence`: the one named after "according to", else its
    first speaker; then made a canonical body or person (see the rules above), or None."""
    chosen: Mention | None = None
    name: str | None = None
    according = _ACCORDING.search(sentence)
    if according:
        chosen = next((m for m in mentions if m.start == according.end()), None)
        if chosen is not None:
            name = chosen.name
            rules.note(C_ACCORDING.id, "found", name)
    if name is None and speakers:
        name = speakers[0]
        chosen = next((m for m in mentions if m.name == name), None)
        rules.note(C_SPEAKER.id, "found", name)
    if name is None:
        return None
    return _canonical_claimant(sentence, mentions, chosen, name, book)


def _canonical_claimant(sentence: str, mentions: list[Mention], chosen: Mention | None,
                        name: str, book: ActorBook | None) -> str | None:
    if _place(name) is not None:
        body = _named_with_place(sentence, mentions, chosen) if chosen is not None else None
        if body is None:
            rules.note(C_PLACE_ALONE.id, "vetoed", f"{name!r} is a place, no body named")
            return None
        rules.note(C_PLACE_BODY.id, "chose", f"{name!r} -> {body.name!r}")
        return _canonical_claimant(sentence, mentions, body, body.name, book)
    if chosen is not None and name in _countries():
        body = _qualified_by_country(sentence, mentions, chosen)
        if body is not None:
            rules.note(C_COUNTRY_MODIFIER.id, "chose", f"{name!r} -> {body.name!r}")
            return _canonical_claimant(sentence, mentions, body, body.name, book)
    if chosen is not None and chosen.kind == "person" and not chosen.role_phrase:
        body_name = _spoken_for(sentence, mentions, chosen)
        if body_name is not None:
            rules.note(C_SPOKESPERSON.id, "chose", f"{name!r} speaks for {body_name!r}")
            return _spelled(body_name)
    office = _office(name)
    if office is not None:
        rules.note(C_OFFICE.id, "chose", f"{name!r} -> {office!r}")
        return office
    words = name.split()
    if len(words) >= 3 and words[0] == words[1] and book is not None:
        person = book.surnames.get(fold_word(words[-1]))
        if person is not None and person != name:
            rules.note(C_PAGE_NOISE.id, "chose", f"{name!r} -> {person!r}")
            name = person
    if chosen is None or chosen.kind == "person":
        key = _person_key(name)
        known = _known_persons().get(key) if key is not None else None
        if known is not None and known != name:
            rules.note(C_PERSON_SPELLING.id, "chose", f"{name!r} -> {known!r}")
            return known
    return _spelled(name)


def _spoken_for(sentence: str, mentions: list[Mention], person: Mention) -> str | None:
    """The body `person` is a spokesperson of, as the sentence introduces them, else as the
    gazetteer knows them."""
    if "spokes" in sentence.lower():
        for m in mentions:
            if m.kind not in ("institution", "group") or not _is_body(m):
                continue
            if m.end <= person.start and _BODY_SPOKES_PERSON.fullmatch(sentence, m.end,
                                                                        person.start):
                return m.name
            # (the body's mention may take in the words before it: "spokesman for the ...")
            if m.end <= person.start and re.fullmatch(r"\s*,\s*", sentence[m.end:person.start]) \
                    and _SPOKES_FOR.search(sentence, max(0, m.start - 40), m.end):
                return m.name
    return _spokespersons().get(person.name)


def _is_body(mention: Mention) -> bool:
    return mention.kind in ("person", "institution", "group") and _place(mention.name) is None \
        and mention.name not in _countries()


def _named_with_place(sentence: str, mentions: list[Mention], place: Mention) -> Mention | None:
    """The person or body the text names with `place`: the person it qualifies ("Kyiv mayor
    Vitali Klitschko"), or the body it locates ("ISW, a Washington, D.C.-based think tank")."""
    after = next((m for m in mentions if m.start >= place.end), None)
    if after is not None and after.kind == "person" and not after.pronoun and _is_body(after) \
            and _PLACE_TO_PERSON.fullmatch(sentence, place.end, after.start):
        return after
    if _BASED.match(sentence, place.end):
        before = [m for m in mentions if m.end <= place.start and _is_body(m)
                  and place.start - m.end <= 40]
        if before:
            return before[-1]
    # an office with no name: "Mariupol's mayor said" (actors' role phrase, or the words)
    if after is not None and after.role_phrase and after.start <= place.end + 4:
        return after
    return None


def _qualified_by_country(sentence: str, mentions: list[Mention],
                          country: Mention) -> Mention | None:
    """The body a country mention only qualifies: the one right after it ("the US Institute
    for the Study of War"), or an office before it whose place it names ("the governor of
    the Belgorod region in Western Russia said")."""
    after = next((m for m in mentions if m.start >= country.end), None)
    if after is not None and after.kind in ("institution", "group") and _is_body(after) \
            and not sentence[country.end:after.start].strip():
        return after
    before = [m for m in mentions if m.end <= country.start]
    if before and before[-1].role_phrase and \
            _OFFICE_TO_COUNTRY.fullmatch(sentence, before[-1].end, country.start):
        return before[-1]
    return None
