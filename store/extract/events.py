"""Events of the contract's kinds.

A sentence's events are found by the trigger rules of the lexicon (`event_triggers`: each an
id, a pattern and the words it needs), outside quotation marks, and kept unless a veto rule
says the phrase names no occurrence: a hypothesis ("future talks", "if Ukraine withdraws"),
a negation or rejection, a proposal or request ("called for a ceasefire"), background (an
occurrence more than a month before publication, a time reference), a photo caption, or a
word that only looks like a trigger ("advanced weapons", "hit by the delays"). Each event is
dated from its own clause (dates.py finds the expressions) and located by a locative place.

Across sentences, named steps (`finish`) carry a day to the next sentence's mention of the
same occurrence and merge an occurrence reported in several sentences into one event, at its
richest report; distinct strikes (other places, other days) stay apart.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from store.extract import rules
from store.extract.actors import sides_in
from store.extract.dates import DateMention, parse_iso
from store.extract.gazetteer import lexicon, places

KIND_ORDER = ["call", "talks", "ceasefire", "sanctions", "agreement", "exchange", "deployment",
              "advance", "strike", "meeting"]
_MEETING_FAMILY = {"talks", "meeting"}
BACKGROUND_DAYS = 31  # an occurrence further back than this is background (v2 convention)
_WINDOW = 160  # characters of context a veto reads before a trigger


@dataclass(slots=True)
class Event:
    kind: str
    position: int  # trigger offset in the sentence
    date: str | None
    precision: str
    location: str | None
    actors: list[str]
    status: str
    side: str | None
    sides: set[str] = field(default_factory=set)
    sentence_index: int = 0
    summary: str = ""
    explicit: bool = False  # names its participants ("talks between X and Y")
    places: set[str] = field(default_factory=set)  # every place its sentence names
    rule: str = ""  # the trigger rule's id
    anaphoric: bool = False  # "the attack", "the talks": refers to an occurrence named before
    demonstrative: bool = False  # "those talks", "that attack": points back, names nothing new
    paragraph: int = 0
    date_source: str = ""  # clause | fronted | speech (the day of the report) | carried
    detail: int = 0  # figures its sentence gives (drones, missiles, people): richer reports


@dataclass(frozen=True, slots=True)
class Trigger:
    rule: rules.Rule
    kind: str
    pattern: re.Pattern[str]
    place_after: bool = False


@cache
def _triggers() -> list[Trigger]:
    """The lexicon's trigger rules in KIND_ORDER, each registered as event.trigger.<id>."""
    table = lexicon()["event_triggers"]
    out = []
    for kind in KIND_ORDER:
        for spec in table[kind]:
            rule_id = "event.trigger." + spec["id"]
            made = rules.RULES.get(rule_id) or rules.rule(
                rule_id, "trigger", f"{kind}: {spec['pattern'][:60]}", spec["words"])
            out.append(Trigger(made, kind, re.compile(spec["pattern"], re.I),
                               bool(spec.get("place_after"))))
    return out


@cache
def _trigger_words() -> tuple[str, ...]:
    return tuple(sorted({w for t in _triggers() for w in t.rule.words}))


def _words_present(low: str) -> frozenset[str]:
    """Which of the trigger rules' words occur in the (lower-cased) sentence: one substring
    test per distinct word, then each rule's test is a set intersection."""
    return frozenset(w for w in _trigger_words() if w in low)


def _phrases(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                             reverse=True))


# ---- vetoes -------------------------------------------------------------------------------

QUOTED = rules.rule("event.veto.quoted", "veto",
                    "a trigger inside quotation marks is speech, not narration (unless the "
                    "marks hold a few words of the narration's own clause)")
_HYPO_WORDS = lexicon()["hypothetical_markers"]
HYPOTHETICAL = rules.rule(
    "event.veto.hypothetical", "veto",
    "a hypothesis, not an occurrence: 'future talks', 'if ... withdraws', 'could meet', "
    "'a ceasefire would'", [*_HYPO_WORDS, "if", "unless", "until", "whether", "once", "should",
                            "could", "might", "may", "must", "would", "can ", "cannot", "can't",
                            "to ", "possible",
                            "unlikely", "impossible", "premature", "unrealistic"])
NEGATED = rules.rule("event.veto.negated", "veto",
                     "negated or rejected: 'no talks', 'without a ceasefire', 'rejected talks', "
                     "'refused to sign'",
                     ["not", "never", "no ", "without", "instead", "rather", "oppos", "reject",
                      "refus", "rul", "failed"])
PROPOSAL = rules.rule("event.veto.proposal", "veto",
                      "a proposal, offer, promise or request, not an occurrence: 'called for a "
                      "truce', 'ready to resume talks', 'urged talks', 'promised a truce'",
                      ["ready", "willing", "open", "prepared", "offer", "propos", "call", "urg",
                       "demand", "request", "ask", "appeal", "push", "seek", "sought", "hope",
                       "want", "press", "promis"])
BACKGROUND = rules.rule("event.veto.background", "veto",
                        "history recalled more than a month before publication, or an "
                        "occurrence named only as a time reference ('since the invasion', "
                        "'hours before negotiators met')")
CAPTION = rules.rule("event.veto.caption", "veto",
                     "a photo caption ('X meets Y in Riyadh, Saudi Arabia on February 17, "
                     "2025', 'KYIV - FEBRUARY 3: ...', '(AP Photo/...)') is not annotated")
LOOKALIKE = rules.rule("event.veto.lookalike", "veto",
                       "a word that only looks like a trigger: 'advanced weapons', 'hit by the "
                       "delays', 'hit back', 'captured soldiers', 'press conference', 'car "
                       "bombing', 'spoke to Reuters', 'withdrew from the deal'")
STATE = rules.rule("event.veto.state", "veto",
                   "a running state, not an occurrence: 'has taken control of a fifth of "
                   "Ukraine', 'ongoing negotiations', 'efforts to restart stalled talks'")
UNANCHORED = rules.rule("event.veto.unanchored_talks", "veto",
                        "talks named without a day, a place, participants or a verb of holding "
                        "('peace talks', 'the negotiations') are a topic, not an occurrence")
FIRST_PERSON = rules.rule("event.veto.first_person", "veto",
                         "'I will meet', 'we visited' outside quotation marks: the reporter's "
                         "own story or an embedded post, not a reported occurrence")
JOINED = rules.rule("event.veto.joined_by_link", "veto",
                    "'joining by video link' a meeting the sentence names is no separate call")

KIND_TALKS = rules.rule("event.kind.talks_by_topic", "trigger",
                        "a meeting where the sentence says the war, peace or a ceasefire is "
                        "discussed is talks (v2 talks vs meeting)",
                        ["peace", "ceasefire", "cease-fire", "truce", "end the war",
                         "ending the war", "end to the war", "negotiat", "settlement"])
TALKS_CONTEXT = rules.rule("event.kind.talks_by_context", "trigger",
                           "a meeting with a belligerent's leader, told right after a sentence "
                           "about efforts to end the war or make peace, is talks")
KIND_MEETING = rules.rule("event.kind.meeting_off_war", "trigger",
                          "talks whose sentence names neither side, the war nor peace are a "
                          "meeting (v2 talks vs meeting)")
ANAPHORIC_HELD = rules.rule("event.trigger.anaphoric_round", "trigger",
                            "'the last round was held': the kind of the sentence before",
                            ["held"])
STATUS_PLANNED = rules.rule("event.status.planned", "trigger",
                            "planned: 'will meet', 'expected to', 'next week', a day after "
                            "publication", lexicon()["planned_markers"])
STATUS_CLAIMED = rules.rule("event.status.claimed", "trigger",
                            "claimed: 'claimed', 'accused', 'alleged' near the trigger",
                            lexicon()["claimed_markers"])
STATUS_DENIED = rules.rule("event.status.denied", "trigger", "denied: 'denied', 'denies'",
                           lexicon()["denied_markers"])
DATE_CLAUSE = rules.rule("date.event_clause", "date",
                         "an event takes the date of its own clause; a date fronted before the "
                         "subject dates every clause; a date in the attribution clause dates "
                         "only an event at or after the speech ('has hit', 'will resume')")

_HYPOTHETICAL = re.compile(r"\b(?:" + _phrases(_HYPO_WORDS) + r")\s+(?:[\w-]+\s+){0,2}$", re.I)
_CONDITION = re.compile(r"\b(?:if|unless|until|whether|once)\b[^,;]*$", re.I)
# "can hit targets 80km away", "cannot strike": a capability, not an occurrence
_MODAL = re.compile(r"\b(?:should|could|might|may|must|would|can(?:not)?|can['’]t)\s+"
                    r"(?:\w+\s+){0,6}$")
# reported plans keep their event: "the two sides would meet in Istanbul"
_WOULD_PLAN = re.compile(r"\bwould\s+(?:\w+\s+)?(?:meet|hold|sign|visit|travel|begin|resume|"
                         r"start|host|attend)\b")
_PLANNED_INFINITIVE = re.compile(
    r"\b(?:due|expected|set|scheduled|plans?|planning|planned|going|invit\w+|agreed|intends?|"
    r"ready|prepar\w+)\s+to\s+(?:\w+\s+){0,2}$", re.I)
_PLANNED = re.compile(r"\b(?:" + _phrases(lexicon()["planned_markers"]) + r")\b", re.I)
# "to strike", "to mount an offensive": a purpose; "continued to shell", "managed to capture"
_INFINITIVE = re.compile(r"\bto\s+(?:(?:mount|launch|stage|carry\s+out|conduct|hold|start|"
                         r"begin|make|reach|secure|intensify|step\s+up|escalate|increase|"
                         r"ramp\s+up|an?|the|its|their|new|fresh)\s+){0,2}$", re.I)
_ASPECTUAL = re.compile(r"\b(?:continu\w*|beg[au]n|start(?:ed|s)?|manag\w+|proceed\w*|had|"
                        r"forced|"
                        r"resum\w+|went\s+on|kept|used|appears?|appeared|seems?|seemed|"
                        r"is\s+said|were\s+said|was\s+said|claim\w*)\s+to\s+"
                        r"(?:[\w-]+\s+){0,2}$", re.I)
_CLAIMED = re.compile(r"\b(?:" + _phrases(lexicon()["claimed_markers"]) + r")\b", re.I)
_DENIED = re.compile(r"\b(?:" + _phrases(lexicon()["denied_markers"]) + r")\b", re.I)
_NEGATED_PREP = re.compile(
    r"\b(?:without|not\s+(?:interested|engaged|involved)\s+in|instead\s+of|rather\s+than|"
    r"oppos\w+|reject\w*|refus\w+\s+(?:to\s+\w+\s+)?|rul\w+\s+out|"
    r"(?:not|never|failed\s+(?:\w+\s+)?to)\s+(?:\w+\s+)?(?:agree|reach|sign|secure|achieve|"
    r"broker|clinch|produce|yield|deliver|win)\w*(?:\s+(?:on|to))?)\s+"
    r"(?:(?:a|an|the|any)\s+)?(?:[\w-]+\s+)?$|\b(?:banned|barred|prevented|stopped|blocked)\s+"
    r"from\s+$", re.I)
_MODAL_AFTER = re.compile(
    r"^[\w-]*(?:\s+[\w-]+){0,5}?\s+(?:(?:would|could|might|may)\b(?!\s+be\s+held)|"
    r"(?:was|is|were|are|remains?)\s+(?:still\s+|only\s+)?[\"“]?(?:possible|unlikely|"
    r"impossible|premature|unrealistic)\b)", re.I)
_OFFER = re.compile(
    r"\b(?:(?:ready|willing|open|prepared)\s+(?:to|for)|offer(?:ed|s|ing)?|proposed|propos(?:es|ing)|"
    r"promis(?:ed|es|ing)|"
    r"call(?:ed|s|ing)?\s+for|urg(?:ed|es|ing)|demand(?:ed|s|ing)?|request(?:ed|s|ing)?|"
    r"ask(?:ed|s|ing)?\s+for|appeal(?:ed|s)?\s+for|push(?:ed|es|ing)?\s+for|seek(?:s|ing)?|"
    r"sought|hop(?:e|es|ed|ing)\s+for|want(?:s|ed)?|press(?:ed|es|ing)?\s+for|"
    r"tr(?:y|ies|ied|ying)\s+to|aim(?:s|ed|ing)?\s+(?:to|at|for)|work\w*\s+(?:towards?|out)|"
    r"threat(?:s|en|ens|ened|ening)?(?:\s+of)?|warn(?:s|ed|ing)?\s+of|pressure\s+to)\s+"
    r"(?:to\s+)?(?:[\w.'’-]+\s+){0,6}$", re.I)
_FEAR = re.compile(
    r"\b(?:fears?|feared|fearing|afraid|warn(?:s|ed|ing)?\s+(?:that|of)|risks?\s+of|dangers?\s+of|"
    r"threats?\s+of|possibilit(?:y|ies)\s+of|likelihood\s+of|prospect\s+of|spectre\s+of|"
    r"specter\s+of)\s+(?:that\s+)?(?:[\w'’-]+\s+){0,6}$", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no)\s+(?:been\s+|yet\s+|publicly\s+|\w+ly\s+)*$", re.I)
_JOINED_BY_LINK = re.compile(r"\bjoin\w*\s+(?:\w+\s+)?(?:by|via)\s+$", re.I)
# "hours before negotiators met", "after the talks": the meeting is a time reference
_TIME_REFERENCE = re.compile(
    r"\b(?:before|after|since|following|until|ahead\s+of)\s+(?:[\w-]+\s+){1,2}$", re.I)
_STATE_BEFORE = re.compile(
    r"\b(?:ongoing|stalled|stalling|frozen|failed|deadlocked|protracted|previous|past|"
    r"earlier|fruitless|(?:re)?start(?:ing)?|revive|reviving|restore|restoring|jump-?start\w*|"
    r"kick-?start\w*|efforts?\s+to|attempts?\s+to|push\s+for|hopes?\s+(?:of|for)|"
    r"prospects?\s+(?:of|for)|chances?\s+(?:of|for)|breakdown\s+(?:of|in)|collapse\s+of|"
    r"progress\s+(?:in|on)|role\s+in|path\s+to|way\s+to|pathway\s+to|resumption\s+of|"
    r"return\s+to|support\s+for|calls?\s+for|framework\s+for|basis\s+for|"
    r"stance\s+on|position\s+(?:on|in)|demands?\s+(?:in|for)|conditions?\s+for|"
    r"possibilit(?:y|ies)\s+of|idea\s+of|question\s+of|issue\s+of|"
    r"optimistic\s+about|hop(?:e|ing|ed)\s+(?:that\s+)?|pretext\s+for|need\s+for|"
    r"establishing|securing|reaching|brokering|achieving|negotiating)\s+"
    r"(?:[\w'’-]+\s+){0,4}$", re.I)
HABITUAL = rules.rule(
    "event.veto.habitual", "veto",
    "shelling or strikes told as a running state, not one occurrence: 'has faced relentless "
    "bombardment', 'were continually shelled', 'increasingly relying on strikes', 'artillery "
    "that has been pounding cities', 'the advancing forces', 'found itself under attack' (no "
    "day, no place)",
    ["relentless", "constant", "continual", "continuous", "incessant", "daily", "nightly",
     "regular", "repeated", "months-long", "weeks-long", "increasingly", "endured", "faced",
     "suffered", "seen", "been ", "advancing", "come under", "sustained", "escalat", "fac"])
FORECAST = rules.rule(
    "event.veto.forecast", "veto",
    "a forecast, plot or plan told of an attack, not an occurrence: 'expects Putin to continue "
    "shelling', 'believes Russia will', 'plotting an attack', 'is planning attacks', 'to avoid "
    "being captured'",
    ["expect", "believ", "predict", "plot", "planning", "will continue", "avoid", "forced to"])
GENERAL_OFFENSIVE = rules.rule(
    "event.veto.general_offensive", "veto",
    "an offensive or counteroffensive described in general ('conducting a successful "
    "counteroffensive', 'the counteroffensive was losing pace', 'gains in its offensive'), not "
    "its launch or a move on a day or place", ["offensive"])
BACKGROUND_RELATIVE = rules.rule(
    "event.veto.background_relative", "veto",
    "history named by a relative time: 'last year', 'early in the war', 'at the start of the "
    "invasion', 'years ago', or a date of year precision before the publication year",
    ["last year", "early in the war", "start of the", "beginning of the", "outset of the",
     "first days of", "early days of", "first weeks of", "years ago", "decades ago"])

# strike words used of a running state
_HABITUAL_BEFORE = re.compile(
    r"\b(?:relentless(?:ly)?|constant(?:ly)?|continual(?:ly)?|continuous(?:ly)?|incessant(?:ly)?|"
    r"daily|nightly|regular(?:ly)?|repeated(?:ly)?|months-long|weeks-long|increasingly|"
    r"sustained|escalat(?:e|es|ed|ing)\s+(?:its|his|their)|fac(?:e|es|ing)|"
    r"(?:has|have|had)\s+(?:\w+\s+)?(?:endured|faced|suffered|seen|come\s+under|been\s+under)|"
    r"endured|suffered)\s+"
    r"(?:[\w-]+\s+){0,3}$", re.I)
_ADVANCING_ADJ = re.compile(r"\b(?:the|an?|its|their)\s+(?:[\w-]+\s+)?$", re.I)
_FORECAST_BEFORE = re.compile(
    r"\b(?:expects?|expecting|believes?|believing|predicts?|predicting|plott?(?:ing|s)?|"
    r"(?:is|are|was|were)\s+planning|will\s+continue|may\s+be\s+forced|avoid\s+being|to\s+avoid)"
    r"\b(?:[\s\w'’-]{0,60})$", re.I)
_OFFENSIVE_MOVE = re.compile(
    r"\b(?:launch\w*|began|begun|begins?|start\w*|open\w*|mount\w*|unleash\w*|kick\w*\s+off|"
    r"resum\w+|announc\w+)\b", re.I)
_BACKGROUND_REL = re.compile(
    r"\b(?:last\s+year|(?:early|earlier)\s+(?:in|on)\s+(?:the|this)\s+(?:war|invasion|conflict)|"
    r"(?:at|since)\s+the\s+(?:very\s+)?(?:start|beginning|outset)\s+of\s+the\s+(?:war|invasion|"
    r"conflict)|in\s+the\s+(?:first|early|opening)\s+(?:days|weeks|months)\s+of\s+the\s+"
    r"(?:war|invasion|conflict)|(?:\w+\s+)?(?:years|decades)\s+ago)\b", re.I)
# "not allowing them to be redeployed"; "reinforcements failed to arrive"
_NOT_ALLOWING = re.compile(r"\b(?:not|never)\s+(?:allow|allowing|allowed|let|letting|permit\w*)\s+"
                           r"(?:[\w-]+\s+){0,3}$", re.I)
_FAILED_AFTER = re.compile(r"^[\w-]+\s+(?:(?:have|has|had)\s+)?(?:failed|never\s+managed)\s+to\b",
                           re.I)
_FIGURATIVE_AFTER = re.compile(
    r"^\s+(?:of\s+(?:criticism|questions|complaints|insults|abuse|tweets|messages|calls|"
    r"accusations|propaganda|disinformation|misinformation|lies|sanctions\s+threats)|"
    r"(?:lines?|ads?|dogs?|helicopters?)\b)", re.I)

_FRACTION_AFTER = re.compile(
    r"^[\w\s-]{0,40}?\b(?:a\s+(?:fifth|quarter|third|half|big\s+chunk|large\s+(?:part|swath|"
    r"chunk))|most|much|\d+\s*(?:%|percent|per\s+cent))\s+of\b", re.I)
_ADVANCED_OK_AFTER = re.compile(
    r"^advanced(?:\s*[,.;:)—–-]|\s*$|\s+(?:on|in|into|to|toward|towards|near|further|deeper|"
    r"closer|by|up|along|around|from|past|and|as|through|across|west|westward|east|eastward|"
    r"north|northward|south|southward|about|some|more|nearly|roughly|almost|over|at|slightly|"
    r"significantly|rapidly|quickly|\d))", re.I)
_PERSON_NOUN = (r"(?:prisoners|soldiers|troops|fighters|servicemen|men|people|civilians|pows|"
                r"mercenaries|officers|marines|defenders|crew|pilots?|commanders?|"
                r"equipment|tanks?|weapons|vehicles|arms|hardware|documents)")
_CAPTURED_PEOPLE_AFTER = re.compile(
    r"^\w+\s+(?:(?:[\w-]+\s+){0,2}" + _PERSON_NOUN + r"|(?:[\w-]+\s+){0,2}(?:tankers?|ships?|"
    r"vessels?|assets|property|funds|grain|cargo|oil|passports|initiative|opportunity|moment|"
    r"chance|power|money|cash|phones?|computers?|batter(?:y|ies)|tanks|equipment|vehicles|"
    r"weapons|ammunition|howitzers|trophies))\b", re.I)
_CAPTURED_PEOPLE_BEFORE = re.compile(
    r"\b(?:" + _PERSON_NOUN[3:-1] + r"|veterans|volunteers|journalists|Americans|Britons|"
    r"citizens|nationals|some|those|who|whom|many|several|they|he|she|\d+)\s+"
    r"(?:(?:who\s+)?(?:were|was|had\s+been|have\s+been|being|been)\s+)?$|"
    r"\b(?:killed|wounded|injured|missing|dead)\s+or\s+$", re.I)
_WEAPON = re.compile(r"\b(?:missiles?|drones?|rockets?|shells?|shelling|strikes?|attacks?|"
                     r"bombs?|bombing|artillery|airstrikes?|fire|UAVs?|projectiles?|shahed\w*|"
                     r"iskanders?|forces|troops|explosions?|blasts?)\b", re.I)
_HIT_LOOKALIKE = re.compile(
    r"^(?:hit|struck)\s+(?:back|out|hard|home|a\s+deal|an?\s+agreement|a\s+chord|"
    r"(?:a|the|an|its|their|his|her)\s+(?:new\s+|all-time\s+|record\s+|\w+-year\s+)?(?:record|"
    r"high|low|milestone|wall|snag|deadlock|stalemate|impasse|dead\s+end|roadblock|bump|"
    r"headlines?|markets?|shelves|target\s+of|jackpot|limit|peak|level|"
    r"mark|note)|the\s+(?:ground|road)|it\s+off|upon|on\s+(?:a|an|the)\s+(?:idea|plan))\b",
    re.I)
_HIT_BY = re.compile(r"^(?:hit|struck|pounded|targeted)\s+(?:hard\s+)?by\s+((?:[\w'’-]+\s+){0,4})",
                     re.I)
_MEDIA_AFTER = re.compile(
    r"^(?:spoke|spoken|talked)\s+(?:to|with)\s+(?:the\s+)?(?:Reuters|CNN|BBC|AP|AFP|NBC|ABC|"
    r"CBS|NPR|Fox|Sky|Guardian|Times|Telegraph|Post|Journal|Bloomberg|Politico|Axios|"
    r"Al\s+Jazeera|Newsweek|[A-Z]\w+\s+(?:News|TV|Radio|Times|Post|magazine|newspaper))\b")
_WITHDREW_FROM_DEAL = re.compile(
    r"^(?:withdrew|retreated)\s+(?:its\s+\w+\s+)?from\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:deal|agreement|initiative|accord|treaty|talks|negotiations|race|competition|"
    r"contest|election|bid|market)\b", re.I)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$",
                       re.I)
_DEFINITE_SUBJECT = re.compile(
    r"(?:^|[.;]\s+|\b)(?-i:The|the|This|this)\s+(?:[\w-]+\s+)?(?:strike|attack|airstrike|"
    r"bombardment|barrage)\s+(?:also\s+)?$")
_NOUN_TRIGGER = re.compile(
    r"^(?:(?:\w+\s+)?(?:strikes?|attacks?|airstrikes?|shelling|bombardment|bombing|barrage|"
    r"talks|negotiations|meeting|summit|call|conversation|truce|ceasefire|cease-fire|deal|"
    r"agreement|swap|exchange|sanctions|visit|offensive|counteroffensive|capture))\b", re.I)
_HELD_VERB = re.compile(
    r"\b(?:held|hold|holding|holds|began|begin|begins|started|start|opened|ended|end|ends|"
    r"concluded|wrapped|resumed|resume|resumes|took\s+place|take\s+place|taking\s+place|"
    r"underway|under\s+way|met|meet|meeting|convened|hosted|attended|attend|joined|collapsed|"
    r"broke\s+down|stalled|produced|failed|lasted|continued|continue|round|session|engage|"
    r"engaged|scheduled|planned|due|expected)\b", re.I)
_TALKS_TOPIC = re.compile(
    r"\b(?:peace|cease-?fire|truce)\s+(?:summit|meeting|conference)|\b(?:discuss\w*|on|about|"
    r"over|to\s+(?:end|discuss|negotiate)|focus\w*\s+on|aim\w*\s+at|toward|towards)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:peace|cease-?fire|truce|end(?:ing)?\s+(?:the|this)\s+war|"
    r"negotiat\w+|settlement)\b", re.I)
_TROOPS = re.compile(r"\b(?:troops|forces|soldiers|brigades?|units|battalions|fighters|"
                     r"servicemen|personnel|division|army|marines|paratroopers|reservists|"
                     r"mercenaries|contingent|peacekeepers|Wagner|regiments?|elements|"
                     r"formations|reinforcements|corps|deployed\s+by\s+"
                     r"(?:Russia|Ukraine|Moscow|Kyiv))\b", re.I)
_SIDE_WORD = re.compile(r"\b(?:Russian?s?|Ukrainian?s?|Moscow|Kyiv|Kiev|Kremlin|Wagner|separatists|"
                        r"rebels|enemy|invaders|occupiers|occupying)\b")
_WAR_WORDS = re.compile(r"\b(?:Russian?|Ukrain\w*|Moscow|Kyiv|Kiev|Kremlin|Putin|Zelensk\w*|"
                        r"Lavrov|Peskov|Dmitriev|Witkoff|Umerov|Medinsky|war|peace|cease-?fire|"
                        r"truce|conflict|invasion|Donbas|Crimea|prisoners?|grain|warring|"
                        r"negotiat\w*|envoys?|trilateral|delegations?|territor\w*|troops|"
                        r"military)\b", re.I)
_WAR_END = re.compile(r"\b(?:end(?:ing)?\s+(?:to\s+)?(?:[\w’'-]+\s+){0,5}(?:war|conflict|"
                      r"fighting)|peace\s+(?:talks|efforts|process|deal|plan|negotiations)|"
                      r"cease-?fire|truce|mediat\w+)\b", re.I)
_BELLIGERENT_LEADER = re.compile(r"\b(?:Putin|Zelensk\w*|Kremlin|Lavrov|Kuleba|Sybiha|Peskov|"
                                 r"Russian\s+President|Ukrainian\s+President)\b")
_TITLE_AFTER = re.compile(r"(?:the\s+)?(?:U\.S\.\s+|US\s+|[A-Z][a-z]+\s+)?(?:(?i:President|Prime|"
                          r"Chancellor|Secretary|Minister|Foreign|Defense|Defence|King|Crown|Pope|"
                          r"Premier|Vice)|Gov\.|Governor|Mr|Mrs|Ms|his\s+\w+\s+counterpart|"
                          r"(?:his|her|their)\s+counterparts?)\b")
_FIGURE = re.compile(r"\b\d[\d,.]*\s+(?:[\w-]+\s+){0,2}(?:drones?|missiles?|rockets?|people|"
                     r"civilians|killed|injured|wounded|dead|shells|bombs)\b", re.I)
_ANAPHORIC_ROUND = re.compile(
    r"\b(?:the\s+)?(?:last|previous|first|latest|earlier|next)\s+(?:series|round|session)\s+"
    r"(?:was|were)\s+held\b", re.I)
_SPEECH_VERB = re.compile(r"\b(?:said|says|told\s+\w+|stated|announced|warned|confirmed|"
                          r"claimed|wrote|reported|added|posted|condemned|accused|blamed|"
                          r"denounced)\b")
# clause breaks for dating ("as", "when", "while" join simultaneous clauses: no break)
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|,\s+and\s+(?!(?:the\s+)?(?-i:[A-Z]))|,\s+(?:but|which|who|where|after|before|"
    r"since|although|though|whereas|"
    r"following|just|only|even)\b|\s(?:after|before|whereas|because|although|though|"
    r"following|until|since)\s|\bthat\s|,\s+(?=(?:(?-i:[A-Z])[\w.’'-]*\s+){1,4}(?:said|told|"
    r"says|added|wrote|stated)\b)", re.I)
_RELATIVE_HELD = re.compile(r",\s+(?:which|that)\s+(?:was\s+|were\s+)?(?:took\s+place|held|"
                            r"happened|occurred|began|ended|started|came|concluded|is\s+due|"
                            r"was\s+due)\b")
# (a simple past tells of a time before the report; "has killed" does not)
_PAST_CLAUSE = re.compile(r"\b(?<!has )(?<!have )(?:had|was|were|did|killed|destroyed|launched|"
                          r"attacked|fired|struck|shelled|seized|captured|took|retook|withdrew|sent|met|"
                          r"signed|held)\b", re.I)
_CAPTION = re.compile(
    r"\((?:(?:AP|Reuters|AFP|Getty|EPA)\s+(?:Photo|Images|via)|Photo|L|R|C|left|right|center|"
    r"centre)\b[^)]{0,80}\)|"
    r"\b(?:AP\s+Photo|Getty\s+Images|REUTERS/|AFP\s+via|/AFP\b|Photo\s+by|Photograph:|File\s+photo)"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+(?:Jan|Feb|Mar|Apr|May|"
    r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\w*\.?\s+\d{1,2},\s+\d{4}\b"
    r"|^[A-Z][A-Z.' -]+,\s+[A-Z][A-Z.' -]+\s*[-–—]\s*(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|"
    r"JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\s+\d{1,2}\s*:"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\w*\.?\s+\d{1,2},\s+\d{4}\.?\s*$"
    r"|^\s*list\s+\d+\s+of\s+\d+|^\s*(?:Image|Photo|Picture|Video|Watch)\s*:")
_BACKGROUND_REF = re.compile(
    r"\b(?:invaded|invasion|annex\w+|since\s+(?:the\s+)?(?:start|beginning|outbreak)|"
    r"at\s+the\s+(?:start|beginning|outset)|early\s+(?:in|days\s+of)\s+the\s+(?:war|invasion)|"
    r"in\s+(?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"\b(?:in|since|of|from)\s+((?:19|20)\d\d)\b")


def mask_quotes(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with its quotations blanked (speech is not narration), except a few quoted
    words inside the narration's own clause ('launched “more than 400 drones” overnight'):
    only their marks are blanked there."""
    chars = list(sentence)
    for s, e in spans:
        if _fragment_of_narration(sentence, s, e):
            for i in (s - 1, e):
                if 0 <= i < len(chars):
                    chars[i] = " "
            continue
        for i in range(max(0, s - 1), min(len(chars), e + 1)):
            chars[i] = " "
    return "".join(chars)


_CAMPAIGN_BEFORE = re.compile(r"\b(?:ongoing|relentless|repeated|constant|daily|nightly|regular|"
                              r"continuing|persistent|frequent|sustained)\s+(?:[\w-]+\s+){0,2}$",
                              re.I)
_HALT_BEFORE = re.compile(r"\b(?:halt(?:ed|ing|s)?|paus(?:e|ed|ing|es)|stop(?:ped|ping|s)?|"
                          r"suspend(?:ed|ing|s)?|ceas(?:e|ed|ing)|moratorium|end(?:ed|ing)?)\s+"
                          r"(?:(?:of|on|to|in|the|all|its|their|further|long-range)\s+)*"
                          r"(?:[\w-]+\s+){0,2}$", re.I)
_TIMES_AFTER = re.compile(r"[^.;:]{0,60}?\b(?:[\d,]+|dozens\s+of|hundreds\s+of|several|many)\s+"
                          r"times\b", re.I)
_SINCE_CAMPAIGN = re.compile(r"^\s*(?:[Ee]ver\s+)?[Ss]ince\s+[^,]{2,40}?,?\s+(?:[\w’'-]+\s+){1,4}"
                             r"(?:has|have)\s+(?:\w+\s+)?$")
# what may stand before a date that opens the sentence: "Also on Thursday, ...", "Late on ..."
_FRONTED_LEAD = re.compile(r"\W*(?:(?:also|meanwhile|separately|earlier|later|and|but)\s*,?\s+)?"
                           r"(?:(?:early|late)\s+)?(?:on|in|by|last|this|at|since|overnight)?\s*",
                           re.I)
_HANGING_PHRASE = re.compile(r"[,\s]*(?:following|after|amid)\s+(?:a|an|the)\s", re.I)
_SHORT_FRAGMENT_WORDS = 10
_MARKS = frozenset("“”\"«»")


def _without_fragment_marks(sentence: str, masked: str) -> str:
    """`sentence` with the marks that `mask_quotes` blanked around a kept fragment blanked
    too (a kept fragment's text is still there in `masked`)."""
    if not any(c in _MARKS for c in sentence):
        return sentence
    chars = list(sentence)
    n = len(sentence)
    for i, c in enumerate(sentence):
        if c in _MARKS and masked[i] == " " and (
                i + 1 < n and masked[i + 1] not in " " and sentence[i + 1] not in " " or
                i > 0 and masked[i - 1] not in " " and sentence[i - 1] not in " "):
            chars[i] = " "
    return "".join(chars)


def _fragment_of_narration(sentence: str, start: int, end: int) -> bool:
    """A quotation of a few words that starts in lower case right after a lower-case word of
    the narration ('launched “more than 400 drones”'), and is not a clause of its own."""
    inner = sentence[start:end]
    return bool(inner[:1].islower()) and len(inner.split()) <= _SHORT_FRAGMENT_WORDS and \
        bool(re.search(r"[a-z] $", sentence[max(0, start - 3):start - 1]))


def place_mentions(sentence: str) -> list[tuple[int, str, str | None]]:
    from store.extract.gazetteer import place_pattern

    out = []
    for m in place_pattern().finditer(sentence):
        entry = places()[m.group(1)]
        out.append((m.start(), entry["name"], entry.get("country")))
    return out


def is_caption(sentence: str) -> bool:
    """A photo caption or credit line (v2: not annotated)."""
    return bool(_CAPTION.search(sentence))


_OPEN_MARK = re.compile(r"[“\"«]")


def _partial_quote(sentence: str, p: int) -> bool:
    """A few quoted words inside the narration's own clause ('forces had “liberated dozens
    of settlements”'): the narration still reports the occurrence."""
    start = max(0, p - 60)
    opening = [m.start() for m in _OPEN_MARK.finditer(sentence, start, p + 1)]
    if not opening:
        return False
    at = opening[-1]
    inside = sentence[at + 1:at + 2]
    before = sentence[max(0, at - 2):at]
    return bool(inside) and inside.islower() and bool(re.fullmatch(r"[a-z] ", before))


def _veto(rule: rules.Rule, trigger: str, why: str) -> None:
    rules.note(rule.id, "vetoed", f"vetoed '{trigger}': {why}")


def _vetoed(kind: str, trig: Trigger, m: re.Match[str], sentence: str, masked: str,
            fires: dict[str, bool], dates: list[DateMention], place_starts: dict[int, int],
            place_list: list[int], actor_names: list[str]) -> bool:
    """True when a veto rule says the trigger at `m` names no occurrence (and notes it)."""
    p = m.start()
    word = m.group(0).strip()
    if masked[p] != sentence[p] and not _partial_quote(sentence, p):
        _veto(QUOTED, word, "inside quotation marks")
        return True
    before = masked[max(0, p - _WINDOW):p]
    after = sentence[p:p + _WINDOW]
    clause = re.split(r"[;,]|\bwhile\b", before)[-1]
    if trig.place_after:
        end = m.end()
        while end < len(sentence) and sentence[end] == " ":
            end += 1
        if end not in place_starts:
            return True  # "the fall of" without a town or region named: not this trigger
    # ---- lookalikes
    if kind == "advance" and trig.rule.id == "event.trigger.advance.advanced" and (
            not _ADVANCED_OK_AFTER.match(after) or sentence[p].isupper() and p > 0 and
            masked[max(0, p - 2):p].strip() not in ("", ".")):
        _veto(LOOKALIKE, word, "an adjective ('advanced weapons')")
        return True
    if kind == "advance" and re.match(r"(?:re)?captur|seized|liberated", word, re.I) and (
            _CAPTURED_PEOPLE_AFTER.match(after) or _CAPTURED_PEOPLE_BEFORE.search(before[-50:])):
        _veto(LOOKALIKE, word, "people or things captured or seized, not ground")
        return True
    if kind == "advance" and re.match(r"(?:re)?captured|seized|liberated|retaken|occupied", word,
                                      re.I) and (
            re.search(r"\b(?:in|from|of|the|newly|recently|a|an|its|their|across|to|into|along|"
                      r"through|over|on)\s+$",
                      before[-20:], re.I) and re.match(r"^\w+\s+(?-i:[a-zA-Z])", after)
            or re.search(r"\b(?:territor(?:y|ies)|lands?|areas?|regions?|parts?|towns?|"
                         r"villages?|cities)\s+(?:that\s+|which\s+)?(?:(?:it|they|Russia|Moscow|"
                         r"Kyiv|Kiev|Ukraine|its\s+forces|(?-i:[A-Z])\w+\s+forces)\s+)?"
                         r"(?:(?:has|have|had)\s+)?(?:(?:already|since|recently|been)\s+)?$",
                         before[-50:], re.I)):
        _veto(STATE, word, "a participle describing ground already held ('liberated Kherson')")
        return True
    near = masked[max(0, p - 100):p + 100]
    if kind == "advance" and not (_TROOPS.search(near) or _SIDE_WORD.search(near) or
                                  _near_any(place_list, p, 100, 100)):
        _veto(LOOKALIKE, word, "no troops, side or place near: not ground taken")
        return True
    if kind == "advance" and re.match(r"withdr[ae]w\w*\s+(?:it|them)\b", after, re.I):
        _veto(LOOKALIKE, word, "withdrew it: a letter, a bill, an offer, not troops from ground")
        return True
    if kind == "agreement" and re.match(r"signed\s+\w", after, re.I) and re.search(
            r"\b(?:the|a|an|its|their|his|her|newly|already|previously)\s+$", before[-15:], re.I):
        _veto(LOOKALIKE, word, "'the signed deal': an adjective, not a signing")
        return True
    if kind == "advance" and _WITHDREW_FROM_DEAL.match(after):
        _veto(LOOKALIKE, word, "withdrew from a deal or talks, not from ground")
        return True
    if kind == "strike":
        if _HIT_LOOKALIKE.match(after):
            _veto(LOOKALIKE, word, "a figure of speech ('hit back', 'hit a record')")
            return True
        by = _HIT_BY.match(after)
        if by and not _WEAPON.search(by.group(1)) and not re.match(
                r"\s*(?:the\s+|a\s+)?(?:Russian|Ukrainian|Russia|Ukraine|Moscow|Kyiv)",
                by.group(1)):
            _veto(LOOKALIKE, word, f"hit by '{by.group(1).strip()}', no weapon")
            return True
        if re.match(r"bombing", word, re.I) and re.search(r"\b(?:car|truck|suicide)\s+$", before):
            _veto(LOOKALIKE, word, "a car or truck bombing is no missile, drone or air attack")
            return True
    if kind == "meeting" and re.match(r"conference|summit", word, re.I) and \
            re.search(r"\b(?:news|press|video)\s+$", before[-30:], re.I):
        _veto(LOOKALIKE, word, "a press conference")
        return True
    if kind == "strike" and re.match(r"hit\b", word, re.I) and re.search(
            r"\b(?:the|a|direct|his|her|its)\s+$", before[-10:], re.I):
        _veto(LOOKALIKE, word, "'the hit': a noun")
        return True
    if kind == "advance" and re.match(r"\w+\s+on\s+(?:video|camera|film|tape)\b", after, re.I):
        _veto(LOOKALIKE, word, "captured on video")
        return True
    if kind == "meeting" and re.match(r"conference\s+call", after, re.I):
        _veto(LOOKALIKE, word, "a conference call is a call")
        return True
    if kind == "meeting" and re.match(r"met\s+with\b", after) and re.search(
            r"\b(?:was|were|been|is|are|be|being|get|got)\s+$", before[-10:]):
        _veto(LOOKALIKE, word, "'was met with': a reaction, not a meeting")
        return True
    if kind == "meeting" and re.match(r"(?:meet|meets|met)\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+|"
                                      r"any\s+|all\s+)?(?:[\w-]+\s+)?(?:counter-?offensive|"
                                      r"offensive|attack|demands?|needs?|targets?|deadlines?|"
                                      r"requirements?|criteria|standards?|conditions?|goals?|"
                                      r"obligations?|challenges?|threats?|expectations?|"
                                      r"commitments?|costs?|demand)\b", after, re.I):
        _veto(LOOKALIKE, word, "'to meet the counteroffensive', 'met its targets': no meeting")
        return True
    if kind == "meeting" and re.match(r"gathering\b", word, re.I) and (
            re.search(r"\b(?:is|are|was|were|been|be|of|by|in|for|and|keep|kept)\s+$",
                      before[-8:]) or
            re.match(r"gathering\s+(?:[\w-]+\s+)?(?:forces|troops|soldiers|evidence|information|"
                     r"intelligence|momentum|pace|data|signatures|support|strength|equipment|"
                     r"reserves)\b", after, re.I)):
        _veto(LOOKALIKE, word, "'was gathering forces': a verb, not a gathering of people")
        return True
    if kind == "meeting" and re.match(r"visiting\s+(?:fellow|professor|scholar|researcher|"
                                      r"lecturer|hours)", after, re.I):
        _veto(LOOKALIKE, word, "a visiting fellow")
        return True
    if kind == "strike" and re.search(r"\b(?:poison|poisoning|cyber|hacking|hacker|ransomware|"
                                      r"terror|knife|sexual)\s*-?\s*$", before[-20:], re.I):
        _veto(LOOKALIKE, word, "not a missile, drone, air or artillery attack")
        return True
    if kind == "strike" and (re.search(r"\bon\s+the\s+$", before[-8:]) and
                             re.match(r"attack\b", word, re.I)):
        _veto(LOOKALIKE, word, "'on the attack': an idiom")
        return True
    if kind == "strike" and re.match(r"[\w\s-]{0,40}?\b(?:threats?|scares?|hoax(?:es)?)\b",
                                     after[len(word):]):
        _veto(LOOKALIKE, word, "bomb threats, not an attack")
        return True
    if kind == "call" and _MEDIA_AFTER.match(after):
        _veto(LOOKALIKE, word, "spoke to a news outlet: an interview")
        return True
    if kind == "call" and _JOINED_BY_LINK.search(before[-40:]):
        _veto(JOINED, word, "joined a meeting by video link")
        return True
    if re.search(r"(?:^|[\s(])(?:I|We|we)\s+(?:[\w’'-]+\s+){0,5}$", clause):
        _veto(FIRST_PERSON, word, "first-person narration")
        return True
    if kind == "deployment" and not _TROOPS.search(
            masked[max(0, p - 60):min(len(masked), m.end() + 100)]):
        _veto(LOOKALIKE, word, "no troops or forces deployed (weapons, systems, words)")
        return True
    if kind == "call" and trig.rule.id == "event.trigger.call.spoke_with" and not (
            _TITLE_AFTER.match(sentence, m.end()) or any(
                sentence.startswith(n, m.end()) or sentence.startswith(n.split()[-1], m.end())
                for n in actor_names)):
        _veto(LOOKALIKE, word, "spoke to someone who is no named official: an interview")
        return True
    if kind == "call" and re.match(r"call\s+with\s+(?:the\s+)?(?:reporters|journalists|media|"
                                   r"press|investors|analysts)", word + after[len(word):], re.I):
        _veto(LOOKALIKE, word, "a call with reporters: a briefing")
        return True
    if kind == "exchange" and trig.rule.id == "event.trigger.exchange.swap" and re.search(
            r"(?:exchanges|swaps|trades)$", word, re.I) and not re.search(
            r"\b(?:the|two|three|several|\d+|recent|latest|previous|these|those)\s+"
            r"(?:[\w-]+\s+){0,2}$", before[-30:], re.I):
        _veto(STATE, word, "prisoner exchanges as a topic")
        return True
    if kind in ("strike", "advance") and _FIGURATIVE_AFTER.match(after[len(word):]):
        _veto(LOOKALIKE, word, "a figure of speech ('a barrage of criticism', 'an attack line')")
        return True
    if kind in ("strike", "deployment", "advance"):
        if fires[HABITUAL.id] and (_HABITUAL_BEFORE.search(clause[-90:]) or re.match(
                r"pound|shell|bombard|hammer", word, re.I) and re.search(
                r"\b(?:has|have|had)\s+been\s+$", before[-20:])):
            _veto(HABITUAL, word, "a running state, not one occurrence")
            return True
        if (trig.rule.id == "event.trigger.strike.under_fire" or re.search(
                r"\bunder\s+(?:[\w-]+\s+){0,2}$", before[-30:], re.I)) and \
                not place_list and not any(d.date and d.precision == "day" for d in dates):
            _veto(HABITUAL, word, "'under attack' with no day or place: a state")
            return True
        if re.match(r"advancing\b", word, re.I) and _ADVANCING_ADJ.search(before[-30:]):
            _veto(HABITUAL, word, "'the advancing forces': an adjective")
            return True
        if fires[FORECAST.id] and _FORECAST_BEFORE.search(clause[-90:]):
            _veto(FORECAST, word, "a forecast, plot or plan, not an occurrence")
            return True
    if kind == "advance" and re.search(r"offensive", word, re.I) and not (
            _OFFENSIVE_MOVE.search(masked[max(0, p - 60):min(len(masked), m.end() + 40)])
            or any(d.date and d.precision == "day" for d in dates)):
        _veto(GENERAL_OFFENSIVE, word, "an offensive described in general")
        return True
    # ---- hypotheses, negations, proposals
    if fires[HYPOTHETICAL.id]:
        why = None
        if _HYPOTHETICAL.search(before):
            why = "a hypothetical marker before it"
        elif _CONDITION.search(before[-80:]):
            why = "a condition ('if', 'until', 'whether')"
        elif kind not in ("strike", "deployment") and \
                _MODAL_AFTER.search(after[:70].split(",")[0]):
            why = "a modal after it ('would', 'could', 'is unlikely')"
        else:
            modal = _MODAL.search(clause)
            if modal and not (modal.group(0).startswith("would") and
                              _WOULD_PLAN.search(modal.group(0) + m.group(0))):
                why = f"modal '{modal.group(0).split()[0]}'"
            elif _INFINITIVE.search(before[-40:]) and not _PLANNED_INFINITIVE.search(before) \
                    and not _ASPECTUAL.search(before[-60:]):
                why = "an infinitive of purpose ('to strike')"
        if why:
            _veto(HYPOTHETICAL, word, why)
            return True
    if _FEAR.search(before[-80:]):
        _veto(HYPOTHETICAL, word, "feared, risked or possible, not told as happening")
        return True
    raw_before = re.sub(r"[\"“”‘’']", "", sentence[max(0, p - 60):p])  # "have 'ruled out' a"
    if fires[NEGATED.id] and (_NEGATED.search(before[-30:]) or
                                  _NEGATED_PREP.search(before[-60:]) or
                                  _NEGATED_PREP.search(raw_before) or
                                  _NOT_ALLOWING.search(before[-50:]) or
                                  _FAILED_AFTER.match(after)):
        _veto(NEGATED, word, "negated or rejected")
        return True
    if fires[PROPOSAL.id] and (_OFFER.search(before[-60:]) or _partial_quote(sentence, p) and
                               _OFFER.search(raw_before)) and not any(
            d.precision == "day" and d.date and d.start > p and not any(
                0 <= d.start - v.end() <= 35 for v in _SPEECH_VERB.finditer(
                    masked, max(0, d.start - 60), d.start)) for d in dates):
        # a day that dates the speech ("told journalists on Wednesday") is no plan
        _veto(PROPOSAL, word, "proposed, offered or requested, no day set for it")
        return True
    # ---- background and states
    if re.search(r"\b(?:before|until)\s+(?:[\w'’-]+\s+){0,3}$", before[-40:], re.I) or \
            kind == "deployment" and re.search(r"\bsince\s+(?:[\w'’-]+\s+){0,3}$", before[-40:]):
        _veto(BACKGROUND, word, "a time reference ('since the capture of', 'before ... sent')")
        return True
    if kind in ("ceasefire", "agreement", "talks", "exchange") and re.search(
            r"\b(?:after|before|until|pending|without)\s+(?:a|any)\s+(?:[\w-]+\s+)?$",
            before[-40:], re.I):
        _veto(HYPOTHETICAL, word, "'after a ceasefire': a condition, not an occurrence")
        return True
    if kind in ("ceasefire", "agreement") and _SUBJECT_OF_TALKS.search(before[-60:]):
        _veto(STATE, word, "the subject of talks ('talks on a ceasefire'), not agreed")
        return True
    if kind in _MEETING_FAMILY and _TIME_REFERENCE.search(before[-40:]):
        _veto(BACKGROUND, word, "a time reference ('hours before negotiators met')")
        return True
    if kind in ("talks", "ceasefire", "agreement", "exchange", "sanctions", "meeting", "call") \
            and _STATE_BEFORE.search(before[-70:]):
        _veto(STATE, word, "a topic or state ('ongoing', 'efforts to restart', 'stalled')")
        return True
    if kind == "sanctions" and re.search(r"\b(?:has|have|had)\s+(?:\w+\s+)?$", before[-20:]) and \
            not re.search(r"\b(?:package|round|new|fresh|latest|\d+(?:st|nd|rd|th))\b",
                          after[:80], re.I) and not any(d.date for d in dates):
        _veto(STATE, word, "sanctions in place, not imposed on a day")
        return True
    if kind == "strike" and _CAMPAIGN_BEFORE.search(before[-40:]):
        _veto(STATE, word, "'ongoing attacks on the grid': a campaign, no one occurrence")
        return True
    if kind == "strike" and re.match(r"attacks?\s+(?:on|against)\s+(?:(?:one|any)\s+(?:member|ally|"
                                     r"country|nation|state)|all)\b(?!\s+(?:sides|fronts))",
                                     after, re.I):
        _veto(LOOKALIKE, word, "'an attack on one member is an attack on all': a treaty's words")
        return True
    if kind == "strike" and _HALT_BEFORE.search(before[-50:]):
        _veto(LOOKALIKE, word, "'agreed to halt strikes': the ceasefire, not a strike")
        return True
    if kind == "strike" and (_TIMES_AFTER.match(sentence, m.end(), m.end() + 80) or
                             _SINCE_CAMPAIGN.search(before)):
        # "has struck energy sites 217 times this year", "Since mid-January, Russia has
        # targeted power stations": a campaign summed up, no one occurrence
        _veto(STATE, word, "a campaign summed up ('217 times', 'since January, has ...')")
        return True
    if kind == "advance" and _FRACTION_AFTER.match(sentence[m.end():m.end() + 60]):
        _veto(STATE, word, "a share of the country held, not a move")
        return True
    return False


def find(sentence: str, masked: str, dates: list[DateMention], actor_names: list[str],
         published: str | None, previous_kind: str | None = None,
         places_here: list[tuple[int, str, str | None]] | None = None,
         previous: str | None = None) -> list[Event]:
    """Events in one sentence (quotations already masked out of `masked`); `previous` is the
    sentence before it in the same paragraph, if any."""
    low = sentence.lower()
    if is_caption(sentence):
        if any(t.rule.may_fire(low) and t.pattern.search(masked) for t in _triggers()):
            rules.note(CAPTION.id, "vetoed", "vetoed the sentence: a photo caption")
        return []
    if places_here is None:
        places_here = place_mentions(masked)
    place_starts = {start: i for i, (start, name, _) in enumerate(places_here)
                    if places().get(name, {}).get("kind") != "country"}
    place_list = sorted(place_starts)
    # each veto's words are looked up once per sentence, not once per trigger match
    fires = {r.id: r.may_fire(low) for r in (HYPOTHETICAL, NEGATED, PROPOSAL, HABITUAL,
                                              FORECAST)}
    hits: list[tuple[str, int, str]] = []
    taken: set[tuple[str, int]] = set()
    present = _words_present(low)
    # the marks of a quoted fragment of the narration are no obstacle to its trigger
    # ('launched “more than 400 drones”'); whole quotations stay for the quoted veto
    unmarked = _without_fragment_marks(sentence, masked)
    texts = (sentence,) if unmarked == sentence else (sentence, unmarked)
    for trig in _triggers():
        if trig.rule.words and present.isdisjoint(trig.rule.words):
            continue  # none of the words this trigger needs is in the sentence
        for m in (m for text in texts for m in trig.pattern.finditer(text)):
            if (trig.kind, m.start()) in taken:
                continue
            taken.add((trig.kind, m.start()))
            if _vetoed(trig.kind, trig, m, sentence, masked, fires, dates, place_starts,
                       place_list, actor_names):
                continue
            rules.note(trig.rule.id, "found", f"{trig.kind} '{m.group(0).strip()}'")
            hits.append((trig.kind, m.start(), trig.rule.id))
    if ANAPHORIC_HELD.may_fire(low):
        held = _ANAPHORIC_ROUND.search(masked)
        if held and previous_kind and not any(k == previous_kind for k, _, _ in hits):
            rules.note(ANAPHORIC_HELD.id, "found", f"{previous_kind} (the sentence before)")
            hits.append((previous_kind, held.start(), ANAPHORIC_HELD.id))
    if not hits:
        return []
    kinds = {k for k, _, _ in hits}
    if "meeting" in kinds and "talks" not in kinds and KIND_TALKS.may_fire(low) and any(
            _TALKS_TOPIC.search(masked[max(0, p - 40):p + 120]) for k, p, _ in hits
            if k == "meeting"):
        rules.note(KIND_TALKS.id, "chose", "meeting -> talks: the war's end is discussed")
        hits = [("talks", p, KIND_TALKS.id) if k == "meeting" else (k, p, r)
                for k, p, r in hits]
        kinds = {k for k, _, _ in hits}
    elif "meeting" in kinds and "talks" not in kinds and previous and \
            _WAR_END.search(previous) and _BELLIGERENT_LEADER.search(masked):
        rules.note(TALKS_CONTEXT.id, "chose", "meeting -> talks: the sentence before speaks of "
                                              "ending the war")
        hits = [("talks", p, TALKS_CONTEXT.id) if k == "meeting" else (k, p, r)
                for k, p, r in hits]
        kinds = {k for k, _, _ in hits}
    if "talks" in kinds and not _WAR_WORDS.search(masked):
        rules.note(KIND_MEETING.id, "chose", "talks -> meeting: nothing of the war or peace")
        hits = [("meeting", p, r) if k == "talks" and r != ANAPHORIC_HELD.id else (k, p, r)
                for k, p, r in hits]
        kinds = {k for k, _, _ in hits}
    if "talks" in kinds and "meeting" in kinds:
        hits = [h for h in hits if h[0] != "meeting"]
    sides = sides_in(masked)
    breaks = _clause_breaks(masked)
    events: list[Event] = []
    for kind in KIND_ORDER:
        positions = sorted(p for k, p, _ in hits if k == kind)
        if not positions:
            continue
        rule_of = {p: r for k, p, r in hits if k == kind}
        groups: dict[str | None, list[int]] = {}
        for p in positions:
            if rule_of[p] == "event.trigger.strike.another":
                groups.setdefault(f"another@{p}", []).append(p)  # "another attack": distinct
                continue
            side = _subject_side(masked, sides, p) if kind in ("advance", "deployment") else None
            if kind in ("meeting", "strike") and len(positions) > 1:
                # "met in Moscow ..., is expected to travel to Budapest": two occurrences
                where = location_near(sentence, masked, places_here, p, max_distance=120,
                                      dateline=kind == "meeting")
                side = where if where and places().get(where, {}).get("kind") != "country" \
                    else None
            groups.setdefault(side, []).append(p)
        if kind in ("meeting", "strike") and len(groups) > 1 and None in groups and \
                not any(str(g).startswith("another@") for g in groups):
            rest = groups.pop(None)
            first = next(iter(groups))
            groups[first] = sorted(groups[first] + rest)
        for side, group in groups.items():
            where = None
            if kind in ("meeting", "strike") or str(side).startswith("another@"):
                where = side if side in places() else None
                side = None
            event = _event(kind, group, sentence, masked, dates, places_here, sides,
                           actor_names, published, side, breaks)
            if where:
                event.location = where
            event.rule = rule_of[group[0]]
            event.detail = len(_FIGURE.findall(masked))
            if kind == "strike":
                event.side = _attacker(masked, sides, group[0])
            event.places = {name for _, name, _ in places_here}
            if _background(event, sentence, masked, published, breaks):
                continue
            if kind == "talks" and not _anchored_talks(event, masked, dates, breaks):
                _veto(UNANCHORED, sentence[event.position:event.position + 20].split(",")[0],
                      "no day, place, participants or holding verb")
                continue
            events.append(event)
    return events


def _clause_breaks(text: str) -> list[int]:
    return [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text) + 1]


def _clause_of(breaks: list[int], p: int) -> tuple[int, int]:
    start, end = 0, breaks[-1]
    for b in breaks:
        if b <= p:
            start = b
        else:
            end = b
            break
    return start, end


# "held talks on a ceasefire", "negotiations over a peace deal": what is discussed, not a truce
# or deal that happened
_SUBJECT_OF_TALKS = re.compile(
    r"\b(?:talks|negotiations|discussions|discussed|discussing|discuss|consultations)\s+"
    r"(?:(?:in|at)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+)?"
    r"(?:on|about|over|for|toward|towards|to\s+reach)\s+(?:a|an|the|any)?\s*(?:[\w-]+\s+)?$",
    re.I)
_FRONTED_YEAR = re.compile(r"\s*(?:In|By|During|Throughout|Back\s+in)\s+(?:(?:early|late|mid-?)\s*"
                           r"|[A-Z][a-z]+\s+)?((?:19|20)\d\d)\s*,")


def _background(event: Event, sentence: str, masked: str, published: str | None,
                breaks: list[int]) -> bool:
    """v2: an occurrence recalled more than a month before publication is background."""
    pub = parse_iso(published)
    if pub is None:
        return False
    day = parse_iso(event.date)
    if day is not None and event.precision in ("day", "week", "month"):
        last = day
        if event.precision == "month":
            last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - \
                dt.timedelta(days=1)
        elif event.precision == "week":
            last = day + dt.timedelta(days=6)
        if (pub - last).days > BACKGROUND_DAYS:
            _veto(BACKGROUND, event.kind, f"{event.date} is more than a month before {published}")
            return True
    start, end = _clause_of(breaks, event.position)
    clause = masked[start:end]
    if day is not None and event.precision == "year" and day.year < pub.year:
        _veto(BACKGROUND_RELATIVE, event.kind, f"in {day.year}, before {published}")
        return True
    if event.date_source != "clause" or event.date is None:
        rel = _BACKGROUND_REL.search(clause)
        if rel:
            _veto(BACKGROUND_RELATIVE, event.kind, f"'{rel.group(0)}'")
            return True
    # a year in the trigger's clause, or fronting the sentence ("In 2022, there were five
    # rounds of talks"): a fronted time adverbial dates every clause after it
    year = _YEAR.search(clause) or _FRONTED_YEAR.match(masked)
    if year and int(year.group(1)) < pub.year and event.date is None:
        _veto(BACKGROUND, event.kind, f"in {year.group(1)}")
        return True
    if event.kind in ("deployment", "advance", "strike") and event.date is None and \
            pub > dt.date(2022, 3, 31) and (_BACKGROUND_REF.search(clause) or
                                            event.kind == "deployment") and \
            (re.search(r"\b(?:invaded|invasion|annex\w+)\b", clause, re.I) or re.search(
                r"\bsen[dt]s?\s+(?:its\s+|their\s+)?(?:\w+\s+)?(?:troops|forces|army)\s+into\s+"
                r"Ukraine\b", clause)):
        _veto(BACKGROUND, event.kind, "the invasion or annexation recalled")
        return True
    return False


def _anchored_talks(event: Event, masked: str, dates: list[DateMention],
                    breaks: list[int]) -> bool:
    """Talks as an occurrence: a day or week, a place, named participants, or a verb of
    holding ("talks began", "held talks") in their clause."""
    if event.explicit or event.location or (event.date and event.precision in ("day", "week")
                                            and event.date_source != "speech"):
        return True
    start, end = _clause_of(breaks, event.position)
    window = masked[max(start, event.position - 60):min(end, event.position + 60)]
    if _HELD_VERB.search(window):
        return True
    if re.search(r"\b(?:at|to|during|after|on\s+the\s+sidelines\s+of)\s+(?:the|these|those|this)\s+"
                 r"(?:[\w-]+\s+)?$", masked[max(0, event.position - 40):event.position], re.I):
        return True  # "said at the talks": they took place
    return bool(re.match(r"[\w\s-]{0,30}?\b(?:with|between)\s+(?:the\s+)?(?-i:[A-Z])",
                         masked[event.position:event.position + 50]))


_WEAPON_NOUN = re.compile(r"(?:[\w-]+\s+){0,2}?(?:drones?|missiles?|rockets?|strikes?|attacks?|"
                          r"shelling|artillery|forces|troops|warplanes|jets|bombers|UAVs?)\b",
                          re.I)


def _attacker(text: str, sides: list[tuple[int, str]], position: int) -> str | None:
    """Who struck, for a strike at `position`: the side named just before a weapon near the
    trigger ("118 Ukrainian drones", "Russian missiles"), else the side of the clause's
    subject. Strikes by opposite sides on one day are two occurrences."""
    lo = bisect.bisect_left(sides, (position - 40, ""))
    for at, side in sides[lo:]:
        if at > position + 60:
            break
        end = at + len(text[at:at + 20].split(" ")[0])
        if _WEAPON_NOUN.match(text, end + 1):
            return side
    return _subject_side(text, sides, position)


def _subject_side(text: str, sides: list[tuple[int, str]], position: int) -> str | None:
    clause_start = 0
    window_start = max(0, position - 300)
    for m in re.finditer(r",\s+and\s+|;\s|,\s+while\s+|,\s+but\s+", text[window_start:position]):
        clause_start = window_start + m.end()
    at = bisect.bisect_left(sides, (clause_start, ""))
    return sides[at][1] if at < len(sides) and sides[at][0] < position else None


def _event(kind: str, trigger_positions: list[int], sentence: str, masked: str,
           dates: list[DateMention],
           places_here: list[tuple[int, str, str | None]], sides: list[tuple[int, str]],
           actor_names: list[str], published: str | None, side: str | None,
           breaks: list[int]) -> Event:
    p = trigger_positions[0]
    date, source = _event_date(trigger_positions, sentence, masked, dates, breaks)
    # a dateline says where the reporter is: it places a meeting, not a strike
    location = location_near(sentence, masked, places_here, p, max_distance=120,
                             dateline=kind in ("meeting", "talks", "call"),
                             within=_clause_of(breaks, p))
    window = masked[max(0, p - 80):p + 60]
    status = "occurred"
    if _PLANNED.search(window) or (date and published and date.date and
                                    date.date > published):
        status = "planned"
    low_window = masked[max(0, p - 120):p + 40]
    if _DENIED.search(masked):
        status = "denied"
    elif _CLAIMED.search(low_window):
        status = "claimed"
    if re.search(r"\b(?:were|was|had\s+been|has\s+been)\s+(?:held|signed)\b|\bmet\b|\bheld\b",
                 window) and status == "planned" and not re.search(r"\bwill\b", window):
        status = "occurred"
    if status != "occurred":
        rule = {"planned": STATUS_PLANNED, "claimed": STATUS_CLAIMED,
                "denied": STATUS_DENIED}[status]
        rules.note(rule.id, "chose", f"{kind} {status}")
    words = sentence.split()
    summary = " ".join(words[:18]) + (" …" if len(words) > 18 else "")
    explicit = bool(re.match(r"[\w\s-]{0,25}?\bbetween\s", masked[p:p + 60]))
    anaphoric = bool(_DEFINITE.search(masked[max(0, p - 30):p])) and bool(
        _NOUN_TRIGGER.match(masked[p:p + 40])) or bool(
        _DEFINITE_SUBJECT.search(masked[max(0, p - 40):p]))  # "the attack hit a market"
    demonstrative = bool(_DEMONSTRATIVE_BEFORE.search(masked, max(0, p - 30), p))
    return Event(kind, p, date.date if date else None, date.precision if date else "unknown",
                 location, actor_names[:8], status, side,
                 {s for _, s in sides} | ({side} if side else set()), summary=summary,
                 explicit=explicit, anaphoric=anaphoric or demonstrative,
                 demonstrative=demonstrative, date_source=source if date else "")


_DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:[Tt]hose|[Tt]hese|[Tt]hat|[Tt]his)\s+(?:[\w-]+\s+)?$")


def _event_date(trigger_positions: list[int], sentence: str, masked: str,
                dates: list[DateMention], breaks: list[int]) -> tuple[DateMention | None, str]:
    """The date of the trigger's own clause; else a date fronted before the sentence's subject;
    else the attribution clause's day when the event is not told as past before the speech."""
    if not dates:
        return None, ""
    p = trigger_positions[0]
    start, end = _clause_of(breaks, p)

    def distance(d: DateMention) -> int:  # to the nearest trigger of the group (sorted)
        at = bisect.bisect_left(trigger_positions, d.start)
        near = trigger_positions[max(0, at - 1):at + 1]
        return min(abs(d.start - t) for t in near)

    own = [d for d in dates if start <= d.start < end]
    verbs = list(_SPEECH_VERB.finditer(masked))
    speech = [v.end() for v in verbs]
    speech_starts = [v.start() for v in verbs]
    # a date that belongs to the speech verb ("told reporters on Monday that <event>")
    def after_speech_verb(d: DateMention) -> bool:  # within 25 characters after one (<= p)
        at = bisect.bisect_right(speech, min(d.start, p))
        # "told CNN that on Wednesday ...": after "that" the day is the reported clause's
        return at > 0 and d.start - speech[at - 1] <= 25 and \
            not re.search(r"\bthat\b", masked[speech[at - 1]:d.start])

    def before_speech_verb(d: DateMention) -> bool:  # "On Friday, Trump said (that) <event>"
        at = bisect.bisect_right(speech_starts, d.end)
        return at < len(speech_starts) and speech_starts[at] < p

    own = [d for d in own if not after_speech_verb(d) and not before_speech_verb(d)]
    choice = _nearest(own, distance)
    if choice is not None and choice.text.lower() == "overnight":
        # "said on Saturday that its forces struck the refinery overnight": the report's night
        reported = [d for d in dates if d.date and d.precision == "day" and
                    after_speech_verb(d) and d is not choice]
        if reported:
            rules.note(DATE_CLAUSE.id, "dated", f"'overnight' before the report of "
                                                f"'{reported[0].text}'")
            return reported[0], "clause"
    if choice is not None or own:
        if choice is not None and choice.date:
            rules.note(DATE_CLAUSE.id, "dated", f"'{choice.text}' in the trigger's clause")
        return choice, "clause"
    # "an exchange of 314 prisoners, which took place on Thursday": the relative clause dates it
    rel = _RELATIVE_HELD.match(masked, end) if end < len(masked) else None
    if rel:
        held = [d for d in dates if d.date and rel.start() <= d.start < rel.end() + 40 and
                d.precision in ("day", "week")]
        if held:
            rules.note(DATE_CLAUSE.id, "dated", f"'{held[0].text}' of the relative clause")
            return held[0], "clause"
    # "..., died on Monday, following a barrage of strikes": the phrase hangs off the clause
    # before it, whose day is the strike's
    if _HANGING_PHRASE.match(masked, start) and start > 0:
        before_start, _ = _clause_of(breaks, start - 1)
        hung = [d for d in dates if before_start <= d.start < start and d.date and
                d.precision == "day" and not after_speech_verb(d)]
        if hung:
            rules.note(DATE_CLAUSE.id, "dated", f"'{hung[-1].text}' of the clause the "
                                                "phrase hangs off")
            return hung[-1], "clause"
    fronted = [d for d in dates if d.start < 30 and d.end <= breaks[1] + 2 and
               not before_speech_verb(d) and _FRONTED_LEAD.fullmatch(masked, 0, d.start)]
    if fronted and fronted[0].date:
        rules.note(DATE_CLAUSE.id, "dated", f"'{fronted[0].text}' fronted, dates the sentence")
        return fronted[0], "fronted"
    clause_text = masked[start:end]
    if _PAST_CLAUSE.search(clause_text) or re.search(
            r"\b(?:would|could|might|may|plans?|planned|expected|hopes?|wants?)\b", clause_text):
        return None, ""
    # the day of the report: "said on Wednesday", "on Tuesday said"
    speech_dates = [d for d in dates if d.date and d.precision == "day" and (
        _near_any(speech, d.start, 35, 0) or _near_any(speech_starts, d.end + 2, 2, 2) or
        d.start < 30 and before_speech_verb(d) and _FRONTED_LEAD.fullmatch(masked, 0, d.start))]
    if speech_dates:
        choice = min(speech_dates, key=distance)
        rules.note(DATE_CLAUSE.id, "dated", f"'{choice.text}' of the report, the event is not "
                                            "told as past")
        return choice, "speech"
    return None, ""


def _near_any(sorted_positions: list[int], at: int, after: int, before: int) -> bool:
    """Is some position p with at - after <= p <= at + before in the sorted list?"""
    i = bisect.bisect_left(sorted_positions, at - after)
    return i < len(sorted_positions) and sorted_positions[i] <= at + before


def _nearest(candidates: list[DateMention], distance: object) -> DateMention | None:
    assert callable(distance)
    resolved = [d for d in candidates if d.date]
    date = min(resolved, key=lambda d: (d.precision not in ("day", "week"), distance(d)),
               default=None)
    nearest = min(candidates, key=distance, default=None)
    if nearest is not None and nearest.date is None and distance(nearest) < 40 and (
            date is None or distance(date) > distance(nearest) + 40):
        # "air strikes in recent days": vague time wins over a date further off (no day, but
        # "this past week" keeps its week)
        return nearest if nearest.precision != "unknown" else None
    return date


_LOCATIVE = re.compile(r"\b(?:in|at|near|to|from|outside|around|over|on|into|across|"
                       r"(?:governor|mayor|outskirts|city|region|province|town|village)\s+of|"
                       r"(?:north|south|east|west|northeast|northwest|southeast|southwest)"
                       r"(?:-?(?:east|west))?\s+of|"
                       r"(?:struck|hit|pounded|shelled|bombed|targeted|attacked|bombarded|"
                       r"captured|seized|liberated|retook|recaptured|entered|visited)"
                       r"(?:\s+the\s+(?:city|town|village|region|port)\s+of)?)"
                       r"\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]+[’']s\s+)?$", re.I)
_NOT_LOCATIVE = re.compile(r"\b(?:war|invasion|conflict|peace|aggression)\s+(?:in|on|against|"
                           r"over|for)\s+(?:the\s+)?$|\b(?:talks|negotiations|discussions|deal|"
                           r"agreement|meeting|summit|conference)\s+(?:on|over|for|about)\s+"
                           r"(?:the\s+)?$", re.I)
_DATELINE = re.compile(r"^([A-Z][A-Z-]{2,}(?:\s[A-Z][A-Z-]{2,})?)\s*[,–—-]")


def location_near(sentence: str, text: str, places_here: list[tuple[int, str, str | None]],
                  p: int, max_distance: int | None = None, dateline: bool = True,
                  within: tuple[int, int] | None = None) -> str | None:
    """Where something at position `p` happened: a place after a locative preposition
    ("in Riyadh", "near Toretsk", "governor of Odesa") or a dateline ("KRAMATORSK, UKRAINE -");
    cities before countries; "the war in Ukraine" is no location. Each place's context is a
    bounded window before it, so the cost is linear in the sentence."""
    line = _DATELINE.match(sentence) if dateline else None
    if line:
        name = line.group(1).title()
        if name in places():
            return places()[name]["name"]
    located = _locative_places(text, tuple(places_here))
    candidates: list[tuple[int, str, str | None]] = list(located)
    if max_distance is not None:  # sorted by offset: only the window's places
        lo = bisect.bisect_left(located, (p - max_distance, "", None))
        hi = bisect.bisect_right(located, (p + max_distance, "\uffff", None))
        candidates = list(located[lo:hi])
    if within is not None:
        candidates = [pl for pl in candidates if within[0] <= pl[0] < within[1]]
    if not candidates and max_distance is not None:
        # "In the Kherson region, however, ...": a place fronted before the subject
        comma = text.find(",")
        candidates = [pl for pl in located if pl[0] < min(40, comma if comma >= 0 else 0)]
    if not candidates:
        return None
    cities = [pl for pl in candidates if places()[pl[1]]["kind"] != "country"]
    return _nearest_place(cities or candidates, p)[1]


def _nearest_place(sorted_places: list[tuple[int, str, str | None]], p: int
             ) -> tuple[int, str, str | None]:
    """The place nearest `p` (the earlier one on a tie), by bisection: places are sorted."""
    i = bisect.bisect_left(sorted_places, (p, "", None))
    options = sorted_places[max(0, i - 1):i + 1]
    return min(options, key=lambda pl: abs(pl[0] - p))


@lru_cache(maxsize=16)
def _locative_places(text: str, places_here: tuple[tuple[int, str, str | None], ...]
                     ) -> tuple[tuple[int, str, str | None], ...]:
    """The places of a sentence that follow a locative ("in", "near", "governor of"), sorted
    by offset: worked out once per sentence, not once per event or metric that asks (a
    sentence dense in both would cost their product)."""
    out = []
    for pl in sorted(places_here):
        before = text[max(0, pl[0] - 40):pl[0]]
        if _LOCATIVE.search(before) and not _NOT_LOCATIVE.search(before):
            out.append(pl)
    return tuple(out)


# ---- cross-sentence steps -------------------------------------------------------------------

CARRY_DATE = rules.rule("step.carry_date", "step",
                        "an undated occurrence of the kind of the sentence before, dated to the "
                        "day, takes that day unless it names another place (the same occurrence "
                        "told on; a truce broken by the strike just told)")
MERGE = rules.rule("step.merge_events", "step",
                   "one occurrence reported in several sentences is one event: an undated, "
                   "unplaced talks/meeting/strike goes when an anchored one covers it; two "
                   "talks/meetings on one day at compatible places are one")
MERGE_REPEATS = rules.rule("step.merge_repeats", "step",
                           "a later advance/deployment by the same side at the same place, or a "
                           "later strike on the same day at the same place, repeats the first")
MERGE_ANAPHORA = rules.rule("step.merge_anaphora", "step",
                            "'the attack', 'the talks', 'the swap': a definite mention with no "
                            "new day or place refers to the occurrence of its kind named "
                            "before; one that adds only the day or the place the nearest "
                            "earlier one lacks lends them")


def _note_at(sentence_index: int, rule_id: str, outcome: str, detail: str) -> None:
    """A step's note, filed under the sentence whose event it changed."""
    if rules.tracing_active():
        rules.at_sentence(sentence_index)
        rules.note(rule_id, outcome, detail)


def carry_dates(events: list[Event]) -> None:
    """step.carry_date, in article order."""
    previous: tuple[Event, int] | None = None
    by_sentence: dict[int, list[Event]] = {}
    for e in events:
        by_sentence.setdefault(e.sentence_index, []).append(e)
    for index in sorted(by_sentence):
        found = by_sentence[index]
        if previous and previous[1] == index - 1:
            source = previous[0]
            for event in found:
                same = event.kind == source.kind or (event.kind, source.kind) == (
                    "ceasefire", "strike")  # a truce broken by the strike told just before
                if same and event.date is None and event.precision == "unknown" and \
                        event.status in ("occurred", "claimed") and \
                        event.kind != "talks" and _compatible_places(event.location,
                                                                     source.location):
                    event.date, event.precision = source.date, source.precision
                    event.date_source = "carried"
                    _note_at(index, CARRY_DATE.id, "dated",
                             f"{event.kind} takes {source.date} from sentence {index - 1}")
        dated = [e for e in found if e.date and e.precision == "day"]
        previous = (dated[0], index) if dated else None


def finish(events: list[Event]) -> list[Event]:
    """The article's events after the cross-sentence steps, in article order."""
    carry_dates(events)
    kept = merge(events)
    kept = _merge_anaphora(kept)
    rules.at_sentence(-1)
    return kept


def _compatible_places(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    pa, pb = places().get(a, {}), places().get(b, {})
    return pa.get("country") == b or pb.get("country") == a


def merge(events: list[Event]) -> list[Event]:
    """step.merge_events and step.merge_repeats (see their docs)."""
    keep = [True] * len(events)
    # a strike placed only in a country ('strikes across Ukraine') and undated is anchored by
    # nothing an earlier or later report of the day lacks (step.merge_events)
    anchored = [e.date is not None or e.location is not None for e in events]
    placed_only_in_country = [e.kind == "strike" and e.date is None and
                              e.location is not None and _country_or_none(e.location)
                              for e in events]
    for i, e in enumerate(events):
        if anchored[i] and not placed_only_in_country[i] or \
                e.kind not in _MEETING_FAMILY | {"strike"}:
            continue
        if e.kind in _MEETING_FAMILY and e.explicit:
            continue  # "discussions between U.S. and Ukrainian negotiators": its own occurrence
        family = _MEETING_FAMILY if e.kind in _MEETING_FAMILY else {e.kind}
        if e.precision != "unknown":
            # its own vague time ("this past week"): the first mention of that period
            for j in range(i):
                f = events[j]
                if keep[j] and f.kind in family and f.date is None and \
                        f.precision == e.precision and f.location is None:
                    keep[i] = False
                    _note_at(e.sentence_index, MERGE.id, "merged",
                             f"{e.kind} of sentence {e.sentence_index} is the {f.kind} of "
                             f"sentence {f.sentence_index} (the same period)")
                    break
            continue
        for j, f in enumerate(events):
            if i != j and anchored[j] and keep[j] and f.kind in family and (
                    not placed_only_in_country[i] or f.date is not None) and (
                    e.kind in _MEETING_FAMILY or e.sides <= f.sides | {None}):
                keep[i] = False
                _note_at(e.sentence_index, MERGE.id, "merged",
                         f"{e.kind} of sentence {e.sentence_index} is the {f.kind} of "
                         f"sentence {f.sentence_index}")
                break
    for i, e in enumerate(events):
        if not keep[i] or not anchored[i] or e.kind not in _MEETING_FAMILY:
            continue
        for j, f in enumerate(events):
            if i == j or not keep[j] or not anchored[j] or f.kind not in _MEETING_FAMILY:
                continue
            if not _compatible_places(e.location, f.location):
                continue
            same_day = e.date is not None and e.date == f.date and (
                e.location is not None and f.location is not None or
                bool(_persons(e) & _persons(f)) or e.anaphoric or f.anaphoric or
                e.kind == f.kind == "talks")  # the war's talks of one day are one round
            same_place = e.location is not None and f.location is not None and (
                e.date is None or f.date is None or e.date == f.date)
            if not (same_day or same_place):
                continue
            # e and f are one occurrence: keep the richer, then talks, then the earlier
            def rank(x: Event, index: int) -> tuple[int, int, int]:
                return ((x.date is not None) + (x.location is not None),
                        int(x.kind == "talks"), -index)

            if rank(e, i) < rank(f, j):
                keep[i] = False
                _note_at(e.sentence_index, MERGE.id, "merged",
                         f"{e.kind} of sentence {e.sentence_index} is the {f.kind} of "
                         f"sentence {f.sentence_index}")
                break
    _merge_repeats(events, keep)
    return [e for e, k in zip(events, keep, strict=False) if k]


def _persons(event: Event) -> set[str]:
    """The named people among an event's actors (not countries or institutions)."""
    return {a for a in event.actors if " " in a and a not in places() and
            not re.search(r"\b(?:Ministry|Council|Union|Nations|Kremlin|House|Department|"
                          r"Forces|Army|States|Kingdom|Federation|Republic)\b", a)}


def _day_gap(a: str, b: str) -> int:
    da, db = parse_iso(a), parse_iso(b)
    if da is None or db is None:
        return 0
    return abs((da - db).days)


def _country_or_none(place: str | None) -> bool:
    return place is None or places().get(place, {}).get("kind") == "country"


_BELLIGERENTS = frozenset({"Russia", "Ukraine"})
_REPEAT_LOOKBACK = 64  # earlier events of a kind a later mention is compared with


def _merge_repeats(events: list[Event], keep: list[bool]) -> None:
    """step.merge_repeats. Each event is compared with the earlier events of its kind only."""
    # Only events that could match are compared: strikes of the same day, advances and
    # deployments of the same side; and only the latest of those (a repeat is told near its
    # first report), so a long article costs linear time, not the square of its events.
    seen: dict[tuple[str, str | None], list[int]] = {}
    for j, f in enumerate(events):
        if not keep[j] or f.kind not in ("advance", "deployment", "strike"):
            continue
        bucket = (f.kind, f.date if f.kind == "strike" else f.side)
        for i in seen.get(bucket, [])[-_REPEAT_LOOKBACK:]:
            e = events[i]
            if not keep[i] or e.status != f.status or e.sentence_index == f.sentence_index:
                continue
            if f.kind == "strike":
                if e.side in _BELLIGERENTS and f.side in _BELLIGERENTS and e.side != f.side:
                    continue  # struck by opposite sides: two occurrences (a side that is a
                    # body commenting, 'the UN', 'the EU', is no striker)
                if not (e.date and f.date and e.date == f.date and
                        (e.location == f.location or _country_or_none(e.location) and
                         _country_or_none(f.location))):
                    continue
            else:
                if e.side is None or e.side != f.side or not (e.places & f.places):
                    continue
                if e.date and f.date and _day_gap(e.date, f.date) > 3:
                    continue
            if f.kind == "strike" and f.detail > e.detail:
                # the report that gives the figures is the richer one: it stands for both
                keep[i] = False
                _note_at(e.sentence_index, MERGE_REPEATS.id, "merged",
                         f"{e.kind} of sentence {e.sentence_index} is told with figures in "
                         f"sentence {f.sentence_index}")
                continue
            keep[j] = False
            _note_at(f.sentence_index, MERGE_REPEATS.id, "merged",
                     f"{f.kind} of sentence {f.sentence_index} repeats sentence "
                     f"{e.sentence_index}")
            break
        seen.setdefault(bucket, []).append(j)


def _merge_anaphora(events: list[Event]) -> list[Event]:
    """step.merge_anaphora: a definite later mention with no new day or place goes; one that
    only adds the day or the place its nearest earlier mention lacks lends it them and goes."""
    out: list[Event] = []
    kept_by_family: dict[str, list[Event]] = {}
    for event in events:
        family_key = "talks" if event.kind in _MEETING_FAMILY else event.kind
        earlier = [e for e in kept_by_family.get(family_key, [])[-_REPEAT_LOOKBACK:]
                   if e.sentence_index < event.sentence_index] if event.anaphoric else []
        if event.anaphoric and earlier and any(
                (event.date is None or e.date == event.date) and
                (event.location is None or e.location is not None and
                 _compatible_places(event.location, e.location))
                for e in earlier):
            _note_at(event.sentence_index, MERGE_ANAPHORA.id, "merged",
                     f"'the {event.kind}' of sentence {event.sentence_index} was named before")
            continue
        if event.demonstrative and not earlier and event.date is None and \
                event.location is None:
            # "Those talks have yielded little": what it points back to was named only as
            # background or a time reference, so it names no occurrence of its own
            _note_at(event.sentence_index, MERGE_ANAPHORA.id, "dropped",
                     f"'those {event.kind}' of sentence {event.sentence_index} points back "
                     "to no event")
            continue
        last = earlier[-1] if earlier else None
        if last is not None and event.kind == last.kind and event.status == last.status and \
                (last.date is None or event.date is None or last.date == event.date) and \
                (last.location is None or event.location is None) and \
                (last.date or last.location or event.date or event.location):
            # "a missile strike killed 13 ... The attack hit a village at 4am on Thursday": the
            # definite mention names the nearest earlier one; it lends it its day or place
            last.date, last.precision = last.date or event.date, \
                last.precision if last.date else event.precision
            last.location = last.location or event.location
            last.places |= event.places
            _note_at(event.sentence_index, MERGE_ANAPHORA.id, "merged",
                     f"'the {event.kind}' of sentence {event.sentence_index} is the "
                     f"{last.kind} of sentence {last.sentence_index}; its day or place joins it")
            continue
        out.append(event)
        kept_by_family.setdefault(family_key, []).append(event)
    return out


_triggers()  # register the lexicon's trigger rules at import, beside the others
