"""Who is named in an article: the text's own structure first, the gazetteer for spelling.

`ActorBook` is per-article state. It finds actor mentions in each sentence and resolves each
to a canonical name, by named rule: gazetteer names and aliases, either apostrophe
(``speaker.gazetteer``); a capitalised name after a title or office word, "Gov. X",
"Republican X" (``speaker.title_name``); a name the gazetteer lacks, learnt for its later
surname and a speaker when a verb of saying, an appositive or a first name confirms it
(``speaker.new_name``, ``speaker.surname``); a capitalised name or organisation at a verb of
saying, "Ukrenergo said", "the State Emergency Service said" (``speaker.name_before_verb``);
an unnamed official as the institution or country the text ties them to, "a Kremlin
official", "an analyst for Janes" (``speaker.unnamed_official``); local bodies by their
place (``speaker.place_group``); role phrases resolved to the person the article names for
them, before or after (``speaker.role_noun``); "it said", "the statement said", "its defence
ministry said" (``speaker.institution_reference``); he/she as the nearest person in subject
position, or the last speaker for "..., he added" (``speaker.pronoun``). Spelling variants
merge (Zelensky / Zelenskyy, Sergei / Sergey) through `gazetteer.name_key`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from store.extract import rules
from store.extract.gazetteer import (
    first_chars,
    fold,
    lexicon,
    load,
    name_key,
    places,
    speech_forms,
)
from store.extract.records import ActorMention

R_GAZETTEER = rules.rule(
    "speaker.gazetteer", "speaker",
    "a name or alias of the actor gazetteer (canonical spelling only)")
R_TITLE_NAME = rules.rule(
    "speaker.title_name", "speaker",
    "a capitalised personal name after a title (\"Gov. Kathy Hochul\", \"Foreign Minister X\")")
R_NEW_NAME = rules.rule(
    "speaker.new_name", "speaker",
    "a two- or three-word capitalised name the gazetteer does not list, kept for later "
    "surname mentions; a speaker itself when a verb of saying or an appositive follows")
R_SURNAME = rules.rule(
    "speaker.surname", "speaker", "the surname of a person named earlier in the article")
R_ROLE_NOUN = rules.rule(
    "speaker.role_noun", "speaker",
    "a role phrase (\"the Kremlin spokesman\", \"Ukraine's president\") resolved to the person "
    "holding the role in this article, or left as the role")
R_PLACE_GROUP = rules.rule(
    "speaker.place_group", "speaker",
    "a local body named by its place ('the Mykolaiv regional administration', 'separatists in "
    "the Donetsk region' -> 'Donetsk separatists')",
    words=("administration", "council", "authorities", "police", "government", "separatists",
           "rebels", "prosecutor"))
R_NAME_BEFORE_VERB = rules.rule(
    "speaker.name_before_verb", "speaker",
    "a capitalised name or organisation right before or after a verb of saying "
    "(\"Ukrenergo said\", \"the State Emergency Service said\", \"said Ukrenergo\")")
R_UNNAMED_OFFICIAL = rules.rule(
    "speaker.unnamed_official", "speaker",
    "an unnamed official speaks as the institution or country the text ties them to "
    "(\"a Kremlin official\", \"Ukrainian officials\", \"an analyst for Janes\")",
    words=("official", "source", "diplomat", "analyst", "spokes", "expert", "researcher",
           "representative", "aide", "authorities", "ministers", "negotiators", "commanders",
           "lawmakers"))
R_IT_SAID = rules.rule(
    "speaker.institution_reference", "speaker",
    "'it said', 'the statement said', 'the ministry said': the institution that spoke or was "
    "the subject last; 'its defence ministry said': the owner's ministry",
    words=("it ", "it’", "its ", "the "))
R_COUNTRY_INSTITUTION = rules.rule(
    "speaker.country_institution", "speaker",
    "a country's institution speaks as the institution, its head noun last: \"Britain's "
    "Ministry of Defence\", \"the UK defence ministry\", \"Moscow's defense ministry\" "
    "(one spelling per institution), \"the British defence intelligence update\" (the UK "
    "defence ministry's), \"US intelligence\"",
    words=("ministry", "government", "staff",
           "department", "intelligence", "force", "navy", "service",
           "office", "embassy", "guard", "police"))
R_MEDIA = rules.rule(
    "speaker.media_outlet", "speaker",
    "'Russian news agency Vesti reported', 'the Vesti news agency said': the outlet speaks, "
    "and its description is part of the mention (not of the clause before it)",
    words=("news agency", "news service", "newspaper", "broadcaster", "outlet"))
R_PEOPLE = rules.rule(
    "speaker.people_of_country", "speaker",
    "'the British said', 'the Russians claimed': a nation's people named as speaker speak as "
    "the country", words=("the british", "the russians", "the ukrainians", "the americans",
                          "the french", "the germans", "the chinese", "the iranians"))
R_COUNTRY_ROLE = rules.rule(
    "speaker.country_role", "speaker",
    "'the country’s finance minister said': the role of the country last named ('Russia’s "
    "finance minister'), resolved like any owned role")
R_APPOSITIVE_CHAIN = rules.rule(
    "speaker.appositive_chain", "speaker",
    "'X, CEO of Y, the country's largest builder, said': a role and an organisation's "
    "description between a person's name and the verb: the person speaks, not the role")
R_IT_SUBJECT = rules.rule(
    "speaker.it_clause_subject", "speaker",
    "'<Global steelmaker X lost ...>, it said': 'it' is the organisation that is the subject "
    "of the clause it closes (else the institution last named)",
    words=("it",))
R_ACRONYM = rules.rule(
    "speaker.acronym", "speaker",
    "an organisation first given in full, 'the International Energy Agency (IEA)', speaks "
    "under that full name; a later 'IEA' (or a gazetteer acronym the article spelt out) "
    "resolves to it")
R_PRONOUN = rules.rule(
    "speaker.pronoun", "speaker",
    "he/she: the nearest person of that gender in subject position, in this sentence (before "
    "the pronoun) then in the sentences before")

# Latin-1 and Latin Extended-A letters: Rinkēvičs, Šefčovič, Łukasz.
# (an inner capital after Mc, De, La...: McAllister, DeSantis, LaHood)
_NAME_WORD = (r"(?:(?:Mc|Mac|De|Di|La|Le|Du)?[A-ZÀ-ÞĀ-Ž][a-zà-ÿā-ž]+"
              r"(?:[-’'][A-Za-zĀ-ž][a-zà-ÿā-ž]+)*|"
              r"[A-Z]\.(?:[A-Z]\.)?)")
_PARTICLE = r"(?:von|der|van|de|den|bin|ibn|al|la|le|da|dos)"
_NAME_SEQ = re.compile(  # (not from inside a glued word: "WorldEurope Shevchuk")
    r"(?<![A-Za-zà-ÿ])" + _NAME_WORD +
    r"(?:\s+(?:" + _PARTICLE + r"\s+)*(?:al-)?" + _NAME_WORD + r")+")
_HONORIFICS = {"sir", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prince", "king",
               "sheikh", "lord", "dame"}
# Capitalised words that are never part of a person's name.
_NOT_NAME = {
    "the", "a", "an", "in", "on", "at", "of", "and", "but", "for", "with", "from", "as", "by",
    "state", "department", "ministry", "foreign", "defense", "defence", "security", "council",
    "conference", "palace", "day", "war", "institute", "service", "force", "forces", "air",
    "army", "military", "district", "command", "staff", "general", "national", "house", "white",
    "united", "nations", "states", "kingdom", "union", "european", "commission", "parliament",
    "victory", "news", "media", "agency", "office", "government", "federation", "republic",
    "north", "south", "east", "west", "eastern", "western", "central", "oblast", "region",
    "secretary", "secretary-general", "minister", "president", "prime",
    "spokesman", "spokeswoman", "spokesperson",
    "envoy", "adviser", "advisor", "aide", "chancellor", "governor", "mayor", "commander", "chief",
    "head", "negotiator", "ambassador", "senator", "special", "deputy", "vice", "middle",
    "kremlin", "russian", "ukrainian", "american", "british", "french", "german", "saudi",
    "sovereign", "wealth", "fund", "combined", "arms", "southern", "northern",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "latest", "world", "key", "takeaways", "authors", "getty", "images",
    "please", "meeting", "talks", "peace", "source", "link", "former", "regional", "top",
    "senior", "personal", "acting", "interim", "then", "it", "this", "that", "we", "they",
    "he", "she", "i", "you", "our", "their", "his", "her", "its", "after", "before", "while",
    "despite", "although", "when", "since", "both", "other", "many", "some", "officials",
}
PRONOUNS = {"he": "person", "she": "person", "He": "person", "She": "person"}
_POSSESSIVE = re.compile(r"(?:’|')s\b")
_CAPITALISED = re.compile(r"\b([A-Z][\w’'-]+)((?:’|')s\b)?")
_ROLE_HEAD = re.compile(r"(?:spokes|president|minister|negotiator|governor|mayor|"
                        r"aide|adviser|advisor|envoy|chief|head|commander|leader|ambassador|"
                        r"chancellor|prosecutor(?:[- ]general)?|ombuds|director|chair|"
                        r"secretary(?:[- ]general)?)\w*$", re.I)
_OWNED_ROLE = re.compile(r"(?:’s|'s|\bof\b|^(?:Kremlin|Russian|Ukrainian|U\.S\.|US|American|"
                         r"British|French|German|Ukraine|Russia|State|White))")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b|(?<=[Aa]ccording to )(?:him|her)\b")
_SAID_AFTER = re.compile(
    r"\s*(?:,\s*(?:(?:aged\s+)?\d{1,3},\s*)?[^,]{0,160},\s*)?,?\s*"
    r"(?:has |have |had |also |then )*([a-z]+)")
# an age after a name ("Marta Kovalenko, 72, a teacher"): the name is a person's
# related-links and promo lines between paragraphs ("Related: ...", "* list 2 of 4...")
_FURNITURE_LINE = re.compile(r"\s*(?:\*\s*list\s+\d|Related\s*:|Read\s+more\s*:|"
                             r"READ\s+MORE|Watch\s*:|Sign\s+up\b)")
# words of place names, never of a person's ("the Korean Peninsula’s liberation")
_GEO_WORDS = {"peninsula", "sea", "river", "lake", "mountains", "island", "islands", "bay",
              "gulf", "strait", "valley", "canal", "bridge", "station", "plant", "city",
              "region", "coast", "desert", "forest", "park", "square", "street", "avenue",
              "airport", "port", "dam", "reservoir", "fleet", "korean", "european", "african",
              "asian", "arab"}
_AFTER_OF = re.compile(r"\b(?:home|house|flat|apartment|family|son|daughter|wife|husband|"
                       r"mother|father|body|car|shop|farm|grave|funeral)\s+of\s+$")
_SINGLE_NAME_AGE = re.compile(
    r"(?<![\w’'-])(?<![A-Z][a-z] )([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?),\s+(?:aged\s+)?\d{1,3},")
_AGE_AFTER = re.compile(r",\s+(?:aged\s+)?\d{1,3}(?=\s*[,.;]|\s+(?:and|who|said|says)\b)")
_LEADING_THE = re.compile(r"^the\s+")
# nouns that refer back to any organisation, whatever its name ("the firm", "the alliance")
_GENERIC_ORG_NOUNS = {"firm", "company", "group", "alliance", "bloc", "think tank", "institute",
                      "organisation", "organization", "utility", "operator", "watchdog",
                      "monitor", "broadcaster", "outlet", "newspaper", "paper", "charity",
                      "maker"}
# "Energoprom, the grid operator,": an organisation named with what it is
_ORG_APPOSITIVE = re.compile(
    r"\b(?P<name>[A-Z][\w&’'-]+(?:\s+(?:(?:of|for|on|the|and)\s+){0,2}[A-Z][\w&’'-]+){0,5}),"
    r"\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}"
    r"(?:operator|company|firm|agency|group|maker|manufacturer|utility|provider|producer|"
    r"conglomerate|organi[sz]ation|charity|watchdog|think\s+tank|institute|broadcaster|"
    r"outlet|newspaper|network|bank|monitor|consultancy|developer)\b")
_LEADING_THE_CAP = re.compile(r"^(?:[Tt]he)\s+")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_FULL_NAME_LEAD = re.compile(r"^(?:\S+-based\s+|\S+(?:'s|’s)\s+)+")
# "the International Energy Agency (IEA)", "Kyiv School of Economics (KSE)"
_ACRONYM_DEFINITION = re.compile(
    r"(?P<full>[A-Z][\w’'&-]*(?:\s+(?:(?:of|for|on|the|and|de)\s+){0,2}[A-Z][\w’'&-]*){1,7})"
    r"\s+\((?P<acr>[A-Z][A-Z&]{1,7})\)")
_WHITESPACE = re.compile(r"\s+")


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_TITLE_MODIFIERS = re.compile(
    r"\b((?:[Dd]eputy|[Vv]ice|[Ff]irst|[Aa]cting|[Ff]ormer|[Aa]ssistant|[Jj]unior|[Ss]enior)"
    r"(?:\s+(?:[Dd]eputy|[Vv]ice|[Ff]irst|[Aa]cting|[Ff]ormer|[Aa]ssistant))?)\s*$")
_INVERTED_BEFORE = re.compile(r"[,”\"]\s*(?:said|says|added|wrote|noted|asked)\s+$")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
BARE_ROLE = "bare:"  # Mention.role prefix: a role with no owner and no holder yet
_APPOSITIVE_AFTER = re.compile(
    r",\s+(?:the|a|an|who|whose|also|then|now|until|former|currently|[a-z]+(?:’|')s|"
    r"[A-Z][\w.-]+(?:’|')s(?=\s+[a-z]))\s")  # ("X, Hungary’s foreign minister,")
# Words that are capitalised at a sentence start but name no one.
_NOT_SPEAKER_WORDS = {
    "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
    "here", "what", "who", "which", "some", "many", "most", "others", "one", "both", "all",
    "officials", "analysts", "experts", "observers", "sources", "critics", "witnesses",
    "residents", "people", "leaders", "reports", "media", "police", "authorities", "but", "and",
    "so", "yet", "also", "then", "now", "when", "while", "if", "as", "today", "yesterday",
    "someone", "somebody", "anyone", "everyone", "nobody", "none", "no", "each", "every",
    "earlier", "later", "previously", "meanwhile", "however", "reuters", "ap", "afp",
    "another", "latest", "west", "post", "read", "watch", "photo", "video", "update",
    "his", "her", "their", "our", "its", "my", "your", "though", "pm", "tv", "close", "sin",
    "other", "such", "several", "few",
    "europeans", "conservatives", "democrats", "republicans", "westerners", "americans",
    # number words open a noun phrase ("Three alleged spies ..."), never a name
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousands",
    "dozens", "scores", "millions",
}
# Party and office words that stand before a name as titles do ("Republican Lee Zeldin").
_TITLE_LIKE = {"democrat", "republican", "minority", "majority", "caucus", "chair", "u.n",
               "un", "resident", "activist", "journalist", "correspondent", "reporter",
               "editor", "professor", "prof", "researcher", "lawyer", "opposition", "rebel",
               "separatist", "militant", "volunteer", "soldier", "commentator", "blogger",
               "pastor", "archbishop", "bishop", "patriarch", "metropolitan", "father",
               "cardinal", "rabbi", "imam", "economist", "historian", "scientist", "expert",
               "entrepreneur", "billionaire", "businessman", "businesswoman", "oligarch",
               "intelligence", "progressive", "conservative", "labour", "tory", "liberal",
               "officer", "army", "navy", "gov", "lt", "sgt", "cpl", "pvt", "capt", "attorney",
               "counsel", "judge", "prosecutor", "diplomat", "spokesperson", "representative"}
_ORG_WORDS = re.compile(
    r"\b(?:Ministry|Service|Council|Command|Staff|Force|Forces|Agency|Office|Department|"
    r"Committee|Commission|Administration|Authority|Guard|Army|Navy|Group|Company|Corp|"
    r"Institute|University|Bank|Fund|Party|Union|Organization|Organisation|Operator|News|"
    r"Times|Post|Network|Center|Centre|Directorate|Parliament|Assembly|Court|Police|"
    r"Embassy|Mission|Bureau|Cabinet|Government|Headquarters|Inc|Ltd|Energy|Media|Brigade|"
    r"Regiment|Battalion|Division|Corps|Unit|Fleet|Initiative|Programme|Program|Press|Labs?|"
    r"Journal|Herald|Telegraph|Gazette|Tribune|Review|Foundation|Association|Society|Club|"
    r"Channel|Radio|Television|Line|Bridge|Plant|Station|Airport|Port|Stadium|Square|Cross|"
    r"Crescent|Watch|International|Amnesty|School|Academy|Economics)\b")


def _gaps(start: int, end: int, inside: list[Mention]) -> list[tuple[int, int]]:
    """The stretches of start..end that the mentions `inside` leave uncovered."""
    out: list[tuple[int, int]] = []
    at = start
    for f in sorted(inside, key=lambda f: f.start):
        if f.start > at:
            out.append((at, f.start))
        at = max(at, f.end + (2 if f.possessive else 0))
    if at < end:
        out.append((at, end))
    return out


def new_name_mention(sentence: str, start: int) -> Mention | None:
    """A capitalised name the gazetteer lacks, right at `start` ("by Energoprom"), as a
    mention (rule speaker.name_before_verb), or None."""
    m = re.compile(_CAP_RUN).match(sentence, start)
    if m is None:
        return None
    words = m.group(0).rstrip(".").split()
    words = words[:next((i for i, w in enumerate(words) if w in _MONTHS_DAYS), None)]
    while words and fold(words[-1]) in _NOT_NAME_LEAD | _NOT_SPEAKER_WORDS | {"of", "for"}:
        words = words[:-1]
    if not words or fold(words[0]) in _NOT_SPEAKER_WORDS | _NOT_NAME_LEAD | \
            _generic_speakers() or words[0] in _MONTHS_DAYS or " ".join(words) in places():
        return None
    name = " ".join(words)
    return Mention(start, start + len(name), name, _kind_of_new_name(name), None,
                   rule=R_NAME_BEFORE_VERB.id)


def _role_of_name_before(sentence: str, name: str, start: int, found: list[Mention]) -> bool:
    """'X, CEO of Y, the country's largest builder, said': the capitalised run at `start` is
    a role ('CEO of Y') in apposition to the person named right before it, so it is no
    speaker of its own (the person is)."""
    first = fold(name.split()[0]).rstrip(".")
    if first not in _title_words() or " of " not in name or not any(
            f.kind == "person" and not f.role_phrase and f.rule != R_ROLE_NOUN.id and
            0 <= start - f.end <= 3 and sentence[f.end:start].strip() == "," for f in found):
        return False
    rules.note(R_APPOSITIVE_CHAIN.id, "vetoed", f"{name!r} is a role of the name before it")
    return True


def _kind_of_new_name(name: str) -> str:
    """A name found at a verb of saying: an organisation by its words, else a person when it
    has two or three name words, else (one word: "Ukrenergo") an institution."""
    words = name.split()
    if _ORG_WORDS.search(name) or len(words) == 1 or len(words) > 3:
        return "institution"
    if all(re.fullmatch(_NAME_WORD, w) for w in words):
        return "person"
    return "institution"


_CAP_RUN = (r"(?:[A-Z][\w’'.&-]*|[A-Z]{2,})(?:\s+(?:(?:of|for|on|the|and|de|du|al)\s+){0,2}"
            r"[A-Z][\w’'.&-]*){0,6}")
# what may stand between a subject and its verb: adverbs, auxiliaries, a time phrase
_GAP = (r"(?:\s*,\s+(?:(?:aged\s+)?\d{1,3},\s+)?[^,]{2,160},)?"
        r"(?:\s+(?:has|have|had|also|previously|later|earlier|"
        r"again|then|now|would|will|could|did|does|not|never|[a-z]+ly|on|in|at|late|early|"
        r"this|last|(?:[A-Z][a-z]+day)|(?:morning|afternoon|evening|night|week)|"
        r"\([^()]{1,30}\)))*,?\s+")


@cache
def _verb_subject_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    forms = sorted((f for f in speech_forms() if " " not in f), key=len, reverse=True)
    verbs = "|".join(re.escape(f) for f in forms)
    before = re.compile(r"(?<![\w’'-])(?:(?:[Tt]he)\s+)?(?P<name>" + _CAP_RUN + r")(?<![’'])"
                        + _GAP + r"(?:" + verbs + r")\b")
    after = re.compile(r"(?:[,”\"]|[,.]”)\s*(?:said|says|added|wrote|noted|told)\s+"
                       r"(?:(?:the)\s+)?(?P<name>" + _CAP_RUN + r")\s*(?=[.,;]|$)")
    return before, after


def _names_at_verbs(sentence: str) -> list[tuple[int, int]]:
    """Offsets of capitalised names right before or after a verb of saying."""
    out: list[tuple[int, int]] = []
    before, after = _verb_subject_patterns()
    for pattern in (before, after):
        for m in pattern.finditer(sentence):
            name = m.group("name").rstrip(".")
            start = m.start("name")
            words = name.split()
            while words and fold(words[0]) in _NOT_SPEAKER_WORDS | _NOT_NAME_LEAD:
                words = words[1:]
                if words:
                    start = sentence.index(words[0], start + 1)
            if not words or fold(words[0]).rstrip(".") in _NOT_SPEAKER_WORDS or \
                    len(words) == 1 and words[0] in demonyms() or \
                    fold(words[0]) in _generic_speakers():
                continue  # "Russian claims", "Diplomats said": no one named
            if fold(words[-1]).rstrip(".") in _NOT_SPEAKER_WORDS:
                continue
            # a sentence-initial capitalised common word ("Satellite images show", "Traders
            # said") is no name
            if len(words) == 1 and start == 0 and (words[0].lower() in _COMMON_LEADS or
                                                  _GENERIC_PLURAL.fullmatch(words[0])):
                continue
            if words[0] in _MONTHS_DAYS or all(fold(w).rstrip(".") in _title_words()
                                                for w in words):
                continue  # "President said": a title with no name
            # "Gen. Valerii Zaluzhnyi", "Minnesota Democrat Ilhan Omar": the title goes, when
            # a personal name is left
            for i in range(len(words) - 1, 0, -1):
                if fold(words[i - 1]).rstrip(".") in _title_words() and \
                        (2 <= len(words) - i <= 3 or len(words) - i == 1 and
                         words[i] in _first_names()) and \
                        all(re.fullmatch(_NAME_WORD, w) for w in words[i:]) and \
                        not _ORG_WORDS.search(" ".join(words[i:])):
                    start = sentence.index(words[i], start + len(words[0]))
                    words = words[i:]
                    break
            # "Anna Berg of the Baltic Defence Institute": the person
            if "of" in words:
                head = words[:words.index("of")]
                if 2 <= len(head) <= 3 and all(re.fullmatch(_NAME_WORD, w) for w in head) and \
                        not _ORG_WORDS.search(" ".join(head)):
                    words = head
            # "UNHCR on Sunday": a time phrase is no part of the name
            words = words[:next((i for i, w in enumerate(words) if w in _MONTHS_DAYS), None)]
            while words and fold(words[-1]) in _NOT_NAME_LEAD:
                words = words[:-1]
            if not words or " ".join(words) in places():
                continue
            end = start
            for word in words:  # (the words' own offsets: spacing may be irregular)
                end = sentence.index(word, end) + len(word)
            out.append((start, end))
    return out


_GENERIC_PLURAL = re.compile(r"[A-Z][a-z]+(?:ers|ists|ians|ents|ants|ors|ives|ees)")
_NOT_NAME_LEAD = {"the", "in", "on", "at", "and", "but", "after", "before", "while", "as",
                  "since", "despite", "although", "when", "by", "near", "across", "around",
                  "outside", "inside", "from", "with", "for", "of", "to", "under", "over",
                  "along", "between", "during", "furthermore", "moreover", "indeed", "however",
                  "meanwhile", "separately", "still", "nevertheless", "instead", "overall",
                  "notably", "similarly", "additionally", "finally", "first", "second", "last",
                  "earlier", "later", "yesterday", "today", "asked", "speaking", "according",
                  "a", "an", "even", "only", "also", "now", "then", "yet"}


@cache
def _generic_speakers() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon()["generic_speakers"])
_COMMON_LEADS = {"satellite", "analysis", "data", "footage", "video", "images", "photos",
                 "documents", "polls", "surveys", "reports", "statements"}
_MONTHS_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"}


@cache
def _place_group_patterns() -> tuple[re.Pattern[str], ...]:
    body = r"(?:regional|city|oblast|district|local|municipal)\s+(?:military\s+)?" \
           r"(?:administration|council|authorities|police|government|prosecutor’s office|" \
           r"prosecutor's office)"
    return (
        re.compile(r"\b(?P<place>[A-Z][\w’'-]+)\s+(?P<what>" + body + r")\b"),
        re.compile(r"\b(?P<what>(?i:separatists|rebels|authorities))\s+in\s+(?:the\s+)?"
                   r"(?P<place>[A-Z][\w’'-]+)(?:\s+(?:region|oblast|province))?\b"),
    )


@cache
def _unnamed_official_pattern() -> re.Pattern[str]:
    """'a Kremlin official', 'Ukrainian officials', 'a senior US official', 'an analyst for
    Janes', 'U.S. officials'. The owner is a demonym or a gazetteer institution or country."""
    by_alias = _gazetteer()[0]
    owners = sorted({a for a, e in by_alias.items() if e.kind in ("institution", "country")
                     and " " not in a.strip()} | set(demonyms()), key=len, reverse=True)
    owner = "|".join(re.escape(o) for o in owners)
    person = (r"(?:officials?|sources?|diplomats?|spokes(?:man|woman|person)|representatives?|"
              r"analysts?|experts?|researchers?|aides?|authorities|ministers|negotiators|"
              r"commanders|lawmakers)")
    mods = r"(?:(?:senior|top|high-ranking|former|military|defen[cs]e|government|intelligence|" \
        r"security|administration|foreign|ministry|western|an?other|two|three|several|" \
        r"law[- ]enforcement|police|diplomatic|army)\s+)*"
    return re.compile(
        r"\b(?:(?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Ss]everal|[Ss]ome|[Oo]ther)\s+)?" + mods +
        r"(?:(?P<owner>" + owner + r")(?![\w’'-])\s+" + mods + person + r"\b"
        r"|" + person + r"\s+(?:for|at|from|with)\s+(?:the\s+)?(?P<org>" + _CAP_RUN + r"))")


_SUBORDINATE_IT = re.compile(r",\s+(?:when|after|as|where|because|while|and)\s+$")
_THEY_SAID = re.compile(r"\b[Tt]hey(?=\s+(?:also\s+)?(?:said|say|added|wrote|told|reported)\b)")
_PLACE_OFFICIALS = re.compile(r"\b(?P<place>[A-Z][\w’'-]+)\s+(?:(?:regional|local|city|"
                              r"military)\s+)?(?:officials|authorities)\b")
# between a name and its role: ", " and the role's owner ("X, Iran's U.N. ambassador")
_NAME_THEN_ROLE = re.compile(
    r",\s*(?!(?:and|or|but|while|who|which)\b)(?:the\s+|a\s+|an\s+)?(?:[\w.’'-]+\s+){0,3}")
_INSTITUTION_REFERENCE = re.compile(
    r"\b(?:[Ii]t|[Tt]he\s+(?P<noun>statement|ministry|agency|company|operator|service|"
    r"department|office|military|army|command|government|administration|council|report|"
    r"readout|embassy|committee|commission|organi[sz]ation|authority|firm|group|alliance|"
    r"bloc|think\s+tank|institute|utility|(?:nuclear\s+)?watchdog(?:\s+(?:group|agency|body))?|"
    r"monitor|broadcaster|outlet|newspaper|"
    r"paper|charity|maker|spokes(?:person|man|woman))|"
    r"(?:[Ii]ts|[Tt]he\s+country(?:’|')s)\s+(?P<its>(?:defen[cs]e|foreign|interior|energy)\s+"
    r"ministry|military|army|government|general\s+staff|air\s+force|navy|"
    r"(?:state\s+)?emergency\s+services?|(?:national\s+)?police|security\s+service|"
    r"presidential\s+office))\b")
# the subject of a sentence's first clause: an optional fronted adverbial ("Between May and
# June, "), lowercase descriptors ("global steelmaker", "rights watchdog"), a capitalised name
# (no possessive), an optional bracket or link residue, then a lowercase verb
_CLAUSE_SUBJECT = re.compile(
    r"\s*(?:(?:Between|On|In|After|Before|During|Since|By|Earlier|Later|Last|This|Over|From|"
    r"Until|Meanwhile|Separately|Also|However|Overall)\b[^,]{0,80},\s+)?"
    r"(?P<lead>(?:(?:The|A|An)\s+|[A-Z][a-z]+\s+(?=[a-z]))?"
    r"(?:(?!(?:the|a|an|of|in|on|at|to|for|and|by|with|from)\s)[a-z][\w-]*(?<!ed)\s+){0,2})"
    r"(?P<name>[A-Z][\w&.-]*[\w&](?:\s+(?:of\s+|for\s+|the\s+|and\s+){0,2}[A-Z][\w&.-]*[\w&]){0,4})"
    r"(?![’'])(?:\s*\([^()]{1,30}\))?(?:,\s*opens\s+new\s+tab)?"
    r"\s+(?:has\s+|had\s+|have\s+|also\s+)?"
    r"(?!(?:of|and|or|in|on|at|for|to|the|a|an|with|from|by|as|said|says)\b)[a-z]{3,}\b")
_MEDIA_NOUN = (r"(?:(?:state(?:-owned|-run)?\s+)?(?:news\s+agency|news\s+service|"
               r"newspaper|broadcaster|outlet)|business\s+newspaper)")
_MEDIA_PHRASE = re.compile(
    r"(?<![\w’'-])(?:(?:[Tt]he\s+)?(?:[A-Z][\w’'-]*\s+){0,2}(?:[a-z]+-(?:owned|run)\s+)?"
    + _MEDIA_NOUN + r"\s+(?P<name>[A-Z][\w.&-]*[\w&]|[a-z]{2,5}(?=\s))"
    r"|(?:[Tt]he\s+)?(?P<name2>[A-Z][\w.&-]*[\w&](?:\s+[A-Z][\w.&-]*[\w&]){0,2})\s+"
    + _MEDIA_NOUN + r")"
    r"(?=\s+(?:(?:also|later|on\s+\w+)\s+)?(?:said|says|reported|reports|wrote|quoted|"
    r"cited|added|claimed|announced)\b)")
_PEOPLE_ADJECTIVE = {"Russians": "Russian", "Ukrainians": "Ukrainian", "Americans": "American",
                     "Germans": "German", "Iranians": "Iranian"}
_PEOPLE_AT_VERB = re.compile(
    r"\b[Tt]he\s+(?P<people>British|Russians|Ukrainians|Americans|French|Germans|Chinese|"
    r"Iranians)(?=\s+(?:(?:have|had|also|later|then)\s+)?(?:said|say|says|claimed|claim|"
    r"claims|told|reported|announced|added|warned|insisted|stated)\b)")
_REPORTING_PRONOUN = re.compile(r"\s+(?:also\s+|later\s+|then\s+)?(?:said|says|added|adds|"
                                r"wrote|told|continued|noted|explained|stressed|reported|"
                                r"claimed|announced|confirmed|warned|stated|tweeted|posted|"
                                r"insisted|argued|replied|responded|emphasi[sz]ed|cautioned)\b")
# "..., he told them that ...": the pronoun's verb reports a clause of its own after it
_INTRODUCES_CLAUSE = re.compile(r"(?:\s+(?:them|him|her|us|reporters|journalists))?\s+that\b|\s*:")
_AFTER_CONTENT = re.compile(r"(?:,|[,.?!]?[”\"])\s*$")
_NOT_SUBJECT_BEFORE = re.compile(
    r"\b(?:of|for|to|with|by|at|from|against|about|on|in|into|between|among|like|than|"
    r"toward|towards|under|over|without|via|per|including|met|meet|meets|meeting|called|"
    r"told|texted|urged|asked|thanked|accused|praised|criticised|criticized|invited|"
    r"visited|join|joined)\s+((?:\S+\s+){0,4})$")


def _subject_position(sentence: str, start: int) -> bool:
    """A mention at `start` is no object of a preposition or verb before it ("met with X",
    "told President X"), as far as the 60 characters before it tell. Capitalised words that
    are no title between the two make a name of their own ("Chief of Defence Intelligence
    Kyrylo Budanov" is a subject)."""
    window = sentence[max(0, start - 60):start]
    tail = re.search(r"(?:^|[,;:—–(“\"]|\b(?:and|but|that|after|while|when|because|as|since|"
                     r"before|though|although|if|who|which)\b)[^,;:—–(“\"]*$", window)
    segment = tail.group(0) if tail else window
    m = _NOT_SUBJECT_BEFORE.search(segment)
    if not m:
        return True
    between = m.group(1).split()
    return any(w[:1].isupper() and fold(w).rstrip(".") not in _title_words() for w in between)


class _Taken:
    """The characters of a sentence that a mention already covers (checks stay O(length of
    the span), not O(mentions))."""

    __slots__ = ("mask",)

    def __init__(self, n: int) -> None:
        self.mask = bytearray(n + 2)

    def free(self, s: int, e: int) -> bool:
        return self.mask.find(1, s, e) == -1

    def append(self, span: tuple[int, int]) -> None:
        s, e = span
        self.mask[s:e] = b"\x01" * max(0, min(e, len(self.mask)) - s)

    def clear(self, s: int, e: int) -> None:
        self.mask[s:e] = bytes(max(0, min(e, len(self.mask)) - s))


@dataclass(slots=True)
class Mention:
    start: int  # offsets in the sentence
    end: int
    name: str  # canonical name, or the role phrase when no one holds the role
    kind: str
    side: str | None
    possessive: bool = False  # "Russia’s", "Putin's"
    pronoun: bool = False
    role_phrase: bool = False  # a title with no name ("Kyiv’s chief negotiator")
    rule: str = ""  # the speaker.* rule that found it
    role: str = ""  # the role phrase, when the name is only the gazetteer's holder of it


@dataclass(slots=True)
class _Entry:
    name: str
    kind: str
    side: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]


@cache
def _gazetteer() -> tuple[dict[str, _Entry], dict[str, _Entry], dict[tuple[str, str], _Entry],
                          dict[str, _Entry], re.Pattern[str]]:
    """(alias -> entry, role -> entry, person name key -> entry, canonical -> entry, pattern)."""
    data: dict[str, Any] = load("actors.json")
    by_alias: dict[str, _Entry] = {}
    by_role: dict[str, _Entry] = {}
    by_key: dict[tuple[str, str], _Entry] = {}
    by_name: dict[str, _Entry] = {}
    for raw in data["actors"]:
        entry = _Entry(raw["name"], raw["kind"], raw.get("side"), tuple(raw.get("aliases", [])),
                       tuple(raw.get("roles", [])))
        by_name[entry.name] = entry
        for alias in (entry.name, *entry.aliases):
            # "Russia's" and "Russia’s" are one spelling: both forms match
            for form in {alias, alias.replace("'", "\u2019"), alias.replace("\u2019", "'")}:
                by_alias.setdefault(form, entry)
        for role in entry.roles:
            by_role[_role_key(role)] = entry
        if entry.kind == "person":
            by_key[name_key(entry.name)] = entry
            for alias in entry.aliases:
                if " " in alias:
                    by_key.setdefault(name_key(alias), entry)
    aliases = sorted(by_alias, key=len, reverse=True)
    # the leading class only skips positions no alias starts at (the alternation is long)
    pattern = re.compile(first_chars(aliases) + r"(?<![\w.-])(" + "|".join(
        re.escape(a) for a in aliases) + r")(?![\w-])((?:’|')s\b)?")
    return by_alias, by_role, by_key, by_name, pattern


@lru_cache(maxsize=4096)
def _role_key(role: str) -> str:
    role = fold(role)
    role = _LEADING_THE.sub("", role)
    role = role.replace("u.s.", "us").replace("u.k.", "uk")
    return _WHITESPACE.sub(" ", role).strip()


@cache
def _title_pattern() -> tuple[re.Pattern[str], int]:
    """(pattern for a title ending the text, longest title's length)."""
    titles = sorted(lexicon()["titles"], key=len, reverse=True)
    pattern = re.compile(r"(?i:" + first_chars(titles, ignore_case=True) + r"\b(?:" + "|".join(
        re.escape(t) for t in titles) + r"))\s*,?\s*$")
    return pattern, max((len(t) for t in titles), default=0)


def _title_before(before: str) -> re.Match[str] | None:
    """A title ending `before` (then only spaces and a comma). Same as searching all of it:
    a match ends in the trailing run of spaces and commas, so it starts no earlier than that
    run less the longest title (case-insensitive matching keeps lengths)."""
    pattern, longest = _title_pattern()
    tail_start = len(before.rstrip().rstrip(", \t\n\r\f\v").rstrip())
    return pattern.search(before, max(0, tail_start - longest - 1))


@cache
def _role_phrase_pattern() -> re.Pattern[str]:
    roles = sorted(lexicon()["role_nouns"], key=len, reverse=True)
    owner = r"(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?:’s|'s)\s+|country(?:’s|'s)\s+|" \
            r"(?:Kremlin|Russian|Ukrainian|U\.S\.|US|American|British|French|German|" \
            r"Ukraine|Russia|State Department|White House)\s+)"
    modifiers = r"(?:(?:chief|top|deputy|foreign|defen[cs]e|regional|personal|former|senior|" \
                r"lead|military|special|presidential|interior|finance|economy|energy|justice|" \
                r"health|agriculture|first|acting|human\s+rights)\s+)*"
    of_place = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)?"
    return re.compile(
        r"\b(?:[Tt]he\s+)?(" + owner + r"?" + modifiers + r"(?i:" + "|".join(
            re.escape(r) for r in roles) + r")\b" + of_place + r")(?!\s+[A-Z][a-z])")


@cache
def _genders() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    data: dict[str, Any] = load("actors.json")
    known = {a["name"]: a["gender"] for a in data["actors"] if a.get("gender")}
    lex = lexicon()
    return (known, frozenset(lex.get("female_first_names", [])),
            frozenset(lex.get("male_first_names", [])))


@cache
def gender_of(name: str) -> str | None:
    """'f', 'm' or None: from the gazetteer, else from the first name."""
    known, female, male = _genders()
    if name in known:
        return known[name]
    first = name.split()[0] if name.split() else ""
    if first in female:
        return "f"
    if first in male:
        return "m"
    return None


def title_words() -> frozenset[str]:
    return _title_words()


@cache
def _adjectives() -> dict[str, str]:
    """Country -> its first demonym ("Ukraine" -> "Ukrainian")."""
    out: dict[str, str] = {}
    for word, country in demonyms().items():
        if word[:1].isupper() and word.endswith(("n", "h", "sh", "i", "ch", "se", "ss")):
            out.setdefault(country, word)
    return out


@cache
def _owner_prefix() -> re.Pattern[str]:
    return re.compile(r"^\S+(?:'s|’s)\s+|^(?:" + "|".join(
        re.escape(fold(d)) for d in demonyms()) + r")\s+")


@cache
def _gazetteer_surnames() -> dict[str, list[_Entry]]:
    out: dict[str, list[_Entry]] = {}
    for entry in _gazetteer()[3].values():
        if entry.kind == "person":
            out.setdefault(name_key(entry.name)[1], []).append(entry)
    return out


@cache
def _title_words() -> frozenset[str]:
    """Every word of the lexicon's titles ("colonel", "gov.", "lieutenant", "general")."""
    return frozenset(w.rstrip(".") for t in lexicon()["titles"] for w in fold(t).split()) | \
        frozenset(_TITLE_LIKE)


@cache
def _skip_words() -> frozenset[str]:
    """Words peeled off the front of a capitalised run: titles, honorifics, demonyms."""
    return frozenset(_NOT_NAME | _HONORIFICS | {fold(d) for d in demonyms()} | _title_words()
                     | _NOT_NAME_LEAD | _NOT_SPEAKER_WORDS)


@cache
def _first_names() -> frozenset[str]:
    lex = lexicon()
    return frozenset(lex.get("female_first_names", [])) | frozenset(
        lex.get("male_first_names", []))


def demonyms() -> dict[str, str]:
    return load("actors.json")["demonyms"]


_INSTITUTION_NOUNS = {"ministry", "defense ministry", "defence ministry", "foreign ministry",
                      "military", "army", "general staff", "air force", "navy", "government",
                      "interior ministry", "energy ministry", "justice ministry",
                      "health ministry", "finance ministry", "economy ministry",
                      "infrastructure ministry", "agriculture ministry",
                      "state department", "intelligence",
                      "military intelligence", "emergency service", "security service",
                      "border guard service", "presidential office", "embassy",
                      "armed forces", "national police", "prosecutor general's office"}

# "Britain's Ministry of Defence", "the UK defence ministry", "the Ukrainian General Staff",
# "US intelligence", "the British defence intelligence update": (owner, institution, tail)
_INSTITUTION_BODY = (
    r"(?P<inst>(?:[Mm]inistry\s+of\s+(?P<of>[Dd]efen[cs]e|[Ff]oreign\s+[Aa]ffairs|[Ii]nterior|"
    r"[Ee]nergy|[Jj]ustice|[Hh]ealth|[Ff]inance|[Ee]conomy|[Ii]nfrastructure|[Aa]griculture|"
    r"[Ee]mergency\s+[Ss]ituations))|"
    r"(?P<kind>[Dd]efen[cs]e|[Ff]oreign|[Ii]nterior|[Ee]nergy|[Jj]ustice|[Hh]ealth|[Ff]inance|"
    r"[Ee]conomy|[Ii]nfrastructure|[Aa]griculture)\s+[Mm]inistry|"
    r"[Gg]eneral\s+[Ss]taff|[Ss]tate\s+[Dd]epartment|[Aa]ir\s+[Ff]orce|[Nn]avy|"
    r"[Aa]rmed\s+[Ff]orces|[Ss]ecurity\s+[Ss]ervice|[Bb]order\s+[Gg]uard\s+[Ss]ervice|"
    r"(?:[Ss]tate\s+)?[Ee]mergency\s+[Ss]ervices?|[Pp]residential\s+[Oo]ffice|[Ee]mbassy|"
    r"(?:[Nn]ational\s+)?[Pp]olice|[Gg]overnment|[Pp]rosecutor[- ][Gg]eneral['’]s\s+[Oo]ffice|"
    r"(?P<intel>(?:[Dd]efen[cs]e\s+|[Mm]ilitary\s+)?[Ii]ntelligence)"
    r"(?:\s+(?:update|assessment|report|briefing)s?)?)")
_INSTITUTION_OF_NOUN = {"defence": "defence ministry", "defense": "defence ministry",
                        "foreign affairs": "foreign ministry", "interior": "interior ministry",
                        "energy": "energy ministry", "justice": "justice ministry",
                        "health": "health ministry", "emergency situations": "emergency service",
                        "finance": "finance ministry", "economy": "economy ministry",
                        "infrastructure": "infrastructure ministry",
                        "agriculture": "agriculture ministry"}
_CAPITALS = {"Moscow": "Russia", "Kyiv": "Ukraine", "Kiev": "Ukraine", "London": "United Kingdom",
             "Washington": "United States", "Minsk": "Belarus", "Beijing": "China",
             "Kremlin": "Russia", "Britain": "United Kingdom", "Great Britain": "United Kingdom"}
# a role word right after the institution makes it the owner of a person, not the speaker
_ROLE_AFTER_INSTITUTION = re.compile(
    r"\s+(?:spokes\w*|official|officials|source|sources|chief|head|minister|adviser|advisor|"
    r"analyst|expert|representative|officer|aide|press|deputy|director|[A-Z][a-z]+\s+[A-Z])")


@cache
def _country_institution_pattern() -> re.Pattern[str]:
    owners = sorted({*demonyms(), *_CAPITALS, "Russia", "Ukraine", "Belarus", "China",
                     "America", "Germany", "France", "Poland", "Turkey", "Iran"},
                    key=len, reverse=True)
    owner = "|".join(re.escape(o) for o in owners)
    return re.compile(r"\b(?P<owner>" + owner + r")(?P<poss>['’]s)?\s+"
                      + _INSTITUTION_BODY + r"\b")


def _institution_noun_of(phrase: str) -> str | None:
    """The `_INSTITUTION_NOUNS` noun of a phrase ("state emergency service" -> "emergency
    service"), or None."""
    m = re.fullmatch(_INSTITUTION_BODY, _WHITESPACE.sub(" ", phrase.strip()))
    if m is None:
        return None
    return _institution_noun(m)


def _institution_noun(m: re.Match[str]) -> str:
    """The institution a `_country_institution_pattern` match names, as an
    `_INSTITUTION_NOUNS` noun."""
    if m.group("of"):
        return _INSTITUTION_OF_NOUN[_WHITESPACE.sub(" ", m.group("of").lower())]
    if m.group("kind"):
        kind = m.group("kind").lower()
        return "defence ministry" if kind.startswith("defen") else kind + " ministry"
    if m.group("intel"):
        intel = m.group("intel").lower()
        return "military intelligence" if intel.startswith("military") else "intelligence"
    noun = _WHITESPACE.sub(" ", m.group("inst").lower())
    if noun.startswith("prosecutor"):
        return "prosecutor general's office"
    if "emergency" in noun:
        return "emergency service"
    return "national police" if noun.endswith("police") else noun


@lru_cache(maxsize=512)
def institution_of(country: str, noun: str) -> tuple[str, str, str | None] | None:
    """(name, kind, side) of a country's institution named by a collective noun ("United
    Kingdom" + "defense ministry" -> the gazetteer's entry, else "British Defense Ministry");
    None when the noun names no institution."""
    noun = noun.lower().strip()
    if noun not in _INSTITUTION_NOUNS:
        return None
    by_alias = _gazetteer()[0]
    if country == "United Kingdom" and noun in ("intelligence", "military intelligence"):
        noun = "defence ministry"  # Defence Intelligence is the UK defence ministry's
    adjective = _adjectives().get(country)
    spellings = [noun, noun.replace("defence", "defense")] if "defence" in noun else [noun]
    forms = [f"{country}'s {n}" for n in spellings] + [f"{country}’s {n}" for n in spellings]
    for owner in ([adjective] if adjective else []) + [
            d for d, c in demonyms().items() if c == country and d != adjective]:
        forms += [f"{owner} {n}" for n in spellings] + [f"{owner} {n.title()}" for n in spellings]
    for form in forms:
        entry = by_alias.get(form)
        if entry is not None:
            return entry.name, entry.kind, entry.side
    if noun == "government":
        # "the British government said": the country speaks (as "the US government" does)
        rules.note(R_COUNTRY_INSTITUTION.id, "chose", f"{country}'s government is {country}")
        return country, "country", country
    if not adjective or noun == "ministry":
        return None  # ("Britain's ministry": which one?)
    adjective = _SHORT_ADJECTIVES.get(country, adjective)
    words = " ".join(w if w in ("of",) else w[:1].upper() + w[1:] for w in noun.split())
    return f"{adjective} {words}", "institution", country


# the short form that names these countries' institutions ("UK Defence Ministry")
_SHORT_ADJECTIVES = {"United Kingdom": "UK", "United States": "US"}


def collective_nouns() -> set[str]:
    return set(load("actors.json")["collective_nouns"])


@dataclass
class ActorBook:
    """Per-article memory of who has been named, so later mentions resolve to them."""

    persons: dict[tuple[str, str], str] = field(default_factory=dict)  # name key -> canonical
    surnames: dict[str, str] = field(default_factory=dict)  # folded surname -> canonical
    roles: dict[str, str] = field(default_factory=dict)  # role key -> canonical
    used: dict[str, ActorMention] = field(default_factory=dict)
    last_person: str | None = None
    recent_persons: list[str] = field(default_factory=list)
    # the last sentences' persons, one list a sentence: speakers first, then subjects, then
    # the rest (the antecedents of he/she)
    history: list[list[str]] = field(default_factory=list)

    institutions: list[str] = field(default_factory=list)  # subjects and speakers, latest last
    long_forms: dict[str, str] = field(default_factory=dict)  # "IEA" -> the article's full name
    countries: list[str] = field(default_factory=list)  # countries named, or owning, latest last
    inst_speakers: list[str] = field(default_factory=list)  # institutions that spoke
    sentences_read: int = 0
    # the bodies that spoke in the sentence just read (for "..., they said" in the next one)
    bodies_spoke: tuple[int, list[str]] = (0, [])

    def note_speaker(self, name: str) -> None:
        """A statement's speaker in the sentence just read, for "he said" in those after."""
        entry_ = _gazetteer()[3].get(name)
        if entry_ is not None and entry_.kind != "person" or \
                name not in self.persons.values() and entry_ is None and not gender_of(name) \
                and len(name.split()) != 2:
            for memory in (self.institutions, self.inst_speakers):
                if name in memory:
                    memory.remove(name)
                memory.append(name)
            if self.bodies_spoke[0] != self.sentences_read:
                self.bodies_spoke = (self.sentences_read, [])
            self.bodies_spoke[1].append(name)
            return
        if not self.history or not (name in self.persons.values() or gender_of(name) or
                                    name in _gazetteer()[3] and
                                    _gazetteer()[3][name].kind == "person"):
            return
        entry = self.history[-1]
        if name in entry:
            entry.remove(name)
        entry.insert(0, name)

    # ---- registering -------------------------------------------------------------------
    def _person(self, raw_name: str, title: str | None = None) -> _Entry:
        _, by_role, by_key, _, _ = _gazetteer()
        words = [w for w in raw_name.split() if fold(w).rstrip(".") not in _HONORIFICS]
        name = " ".join(words)
        key = name_key(name)
        known = by_key.get(key)
        if known is None and key[0]:
            # "Volodmyr Zelenskyy", "Vladimir Zelensky": a spelling variant of a listed person
            # (the same surname key, the same initial, and only one such person listed)
            same = _gazetteer_surnames().get(key[1], [])
            if len(same) == 1 and name_key(same[0].name)[0][:1] == key[0][:1]:
                known = same[0]
        if known is None and key[1] in self.surnames:
            canonical = self.surnames[key[1]]
            known_key = name_key(canonical)
            if not key[0] or not known_key[0] or known_key[0] == key[0]:
                known = by_key.get(known_key) or _Entry(canonical, "person", None, (), ())
        entry = known or _Entry(self.persons.get(key, name), "person", None, (), ())
        self.persons.setdefault(key, entry.name)
        self.surnames.setdefault(key[1], entry.name)
        if title:
            self.roles.setdefault(_role_key(title), entry.name)
            role_entry = by_role.get(_role_key(title))
            if entry.side is None and role_entry is not None:
                entry = _Entry(entry.name, "person", role_entry.side, (), ())
        return entry

    def note(self, entry: _Entry, alias: str | None = None) -> None:
        mention = self.used.get(entry.name)
        if mention is None:
            mention = ActorMention(entry.name, entry.kind, entry.side, tuple(entry.aliases))
            self.used[entry.name] = mention
        if alias and alias != entry.name and alias not in mention.aliases:
            mention.aliases = (*mention.aliases, alias)
        if entry.side and mention.side is None:
            mention.side = entry.side

    def _learn_acronym(self, full: str, acronym: str) -> None:
        # (not "Washington-based", not "the U.N.'s": the name itself)
        full = _FULL_NAME_LEAD.sub("", _LEADING_THE_CAP.sub("", full.strip()))
        initials = "".join(w[0] for w in full.split() if w[:1].isupper())
        if acronym in self.long_forms or not initials or acronym[0] != initials[0] or \
                len(acronym) > len(initials) + 2 or len(full.split()) < 2:
            return
        self.long_forms[acronym] = full
        rules.note(R_ACRONYM.id, "found", f"{acronym!r} is {full!r}")

    def note_name(self, name: str) -> None:
        """Record an actor named by a record (event actors, claimants) for the actors table."""
        by_alias, _, _, by_name, _ = _gazetteer()
        entry = by_name.get(name) or by_alias.get(name)
        if entry is None:
            key = name_key(name)
            canonical = self.persons.get(key)
            kind = "person" if canonical else "group"
            entry = _Entry(canonical or name, kind, None, (), ())
        self.note(entry)

    # ---- finding -------------------------------------------------------------------------
    def mentions(self, sentence: str) -> list[Mention]:
        """Actor mentions in one sentence, left to right, resolving as it goes."""
        # an acute accent as apostrophe ("Crimea´s", in some wire copy): the same length, so
        # offsets hold
        sentence = sentence.replace("´", "’")
        by_alias, by_role, _, by_name, pattern = _gazetteer()
        self.sentences_read += 1
        found: list[Mention] = []
        taken = _Taken(len(sentence))
        free = taken.free
        weak: list[tuple[int, int]] = []  # names learnt but not yet mentions (rule new_name)
        weak_persons: list[str] = []  # of those, the possessive ones ("X’s house")

        # 1. capitalised name sequences: persons (known, or after a title, or learnt earlier)
        for m in _NAME_SEQ.finditer(sentence):
            words = m.group(0).split()
            # peel leading title / organisation words ("Foreign Minister Sergei Lavrov")
            lead = 0
            skip_words = _skip_words()
            while lead < len(words) - 1 and fold(words[lead]).rstrip(".") in skip_words:
                lead += 1
            name_words = words[lead:]
            while name_words and fold(name_words[-1]).rstrip(".,") in _NOT_NAME:
                name_words = name_words[:-1]
            # "Energy Minister Svitlana Hrynchuk": a title word inside the run ends the title
            inner = [i for i, w in enumerate(name_words) if fold(w).rstrip(".") in _NOT_NAME
                     or fold(w).rstrip(".") in _title_words()]
            if inner and len(name_words) - inner[-1] - 1 >= 2:
                lead += inner[-1] + 1
                name_words = name_words[inner[-1] + 1:]
            if len(name_words) < 2 or any(fold(w).rstrip(".") in _NOT_NAME for w in name_words):
                continue
            # "Intelligence Kyrylo Budanov": a word before a known first name is a title
            if len(name_words) >= 3 and name_words[0] not in _first_names() and \
                    name_words[1] in _first_names():
                lead += 1
                name_words = name_words[1:]
            if _ORG_WORDS.search(" ".join(name_words)):
                continue  # "Coordination Headquarters": an organisation, not a person
            name = " ".join(name_words)
            if any(n in places() or n in by_alias and by_alias[n].kind != "person"
                   for n in (name, m.group(0), " ".join(words[max(0, lead - 1):]))):
                continue
            start = m.start() + m.group(0).index(name_words[0], len(" ".join(words[:lead])))
            end = start + len(name)
            title = _title_before(sentence[max(0, start - 120):start])
            peeled = [fold(w).rstrip(".,") for w in words[:lead]]
            titled = bool(title) or any(w in _title_words() or w in _HONORIFICS for w in peeled)
            key = name_key(name)
            known = key in self.persons or key in _gazetteer()[2]
            rule_id = R_TITLE_NAME.id if titled else R_NEW_NAME.id
            if known and not titled:
                rule_id = R_GAZETTEER.id if key in _gazetteer()[2] else R_SURNAME.id
            # a subject opening the sentence ("Elon Musk has ...") is a person too
            opens = not sentence[:start].strip(" “\"‘—–-") and _LOWER_NEXT.match(sentence, end) \
                or _INVERTED_BEFORE.search(sentence, max(0, start - 20), start)
            if not (titled or known or self._said_after(sentence, end) or opens or
                    _APPOSITIVE_AFTER.match(sentence, end) or _AGE_AFTER.match(sentence, end) or
                    name_words[0] in _first_names()):
                # a name with nothing to confirm it is a person: learnt, so that a later
                # "Musk said" resolves to the full name, but no mention of its own here
                if len(name_words) <= 3:
                    learnt = self._person(name)
                    rules.note(R_NEW_NAME.id, "candidate", f"learnt {name!r} for later mentions")
                    owned = _POSSESSIVE.match(sentence, end) or _AFTER_OF.search(
                        sentence, max(0, start - 20), start)
                    if len(name_words) >= 2 and owned and not any(
                            fold(w) in _GEO_WORDS or w in demonyms() or w.endswith("an")
                            and w[:-1] + "a" in places() for w in name_words):
                        # "hit Marta Kovalenko’s house", "the home of Mykola Hrytsenko": an
                        # antecedent for a later she/he
                        weak_persons.append(learnt.name)
                weak.append((m.start(), m.end()))
                continue
            title_text = None
            if title:
                title_text = title.group(0).strip(" ,")
                # "Deputy Foreign Minister X" holds "deputy foreign minister", not the title
                # the lexicon happens to list ("foreign minister")
                window = sentence[max(0, start - 120):start]
                lead_in = _TITLE_MODIFIERS.search(window, 0, len(window) - len(title.group(0)))
                if lead_in:
                    title_text = lead_in.group(1) + " " + title_text
            elif titled:
                title_text = " ".join(words[:lead])
            entry = self._person(name, title_text)
            self.note(entry, name)
            possessive = bool(_POSSESSIVE.match(sentence, end))
            found.append(Mention(start, end, entry.name, "person", entry.side, possessive,
                                 rule=rule_id))
            taken.append((start, end + (2 if possessive else 0)))
        # 1a. a first name alone with an age ("Iryna, 34, lost her job"): a person
        if "," in sentence:
            for m in _SINGLE_NAME_AGE.finditer(sentence):
                word = m.group(1)
                if not free(m.start(1), m.end(1)) or fold(word) in _skip_words() or \
                        word in _MONTHS_DAYS or word in places() or word in by_alias:
                    continue
                entry = self._person(word)
                found.append(Mention(m.start(1), m.end(1), entry.name, "person", None,
                                     rule=R_NEW_NAME.id))
                taken.append((m.start(1), m.end(1)))
                self.note(entry, word)
        # 1b. a country's institution: "Britain's Ministry of Defence", "the Ukrainian General
        #     Staff", "Moscow's defense ministry" speak as the institution, not the country
        if R_COUNTRY_INSTITUTION.may_fire(sentence.lower()):
            for m in _country_institution_pattern().finditer(sentence):
                if not free(m.start("owner"), m.end("inst")) or \
                        _ROLE_AFTER_INSTITUTION.match(sentence, m.end()):
                    continue
                owner_word = m.group("owner")
                owner_country = _CAPITALS.get(owner_word) or demonyms().get(owner_word) or (
                    by_alias[owner_word].name if owner_word in by_alias and
                    by_alias[owner_word].kind == "country" else None)
                if owner_country is None and owner_word in ("America",):
                    owner_country = "United States"
                if owner_country is None:
                    continue
                noun = _institution_noun(m)
                if noun == "government" and owner_word in _CAPITALS:
                    continue  # ("the Kyiv government": Kyiv, as the text names it)
                made = institution_of(owner_country, noun)
                if made is None:
                    continue
                name, kind, side = made
                entry = by_name.get(name) or _Entry(name, kind, side, (), ())
                possessive = bool(_POSSESSIVE.match(sentence, m.end()))
                found.append(Mention(m.start(), m.end(), entry.name, entry.kind, entry.side,
                                     possessive, rule=R_COUNTRY_INSTITUTION.id))
                taken.append((m.start(), m.end() + (2 if possessive else 0)))
                self.note(entry, m.group(0))
                rules.note(R_COUNTRY_INSTITUTION.id, "found", f"{m.group(0)!r} is {entry.name}")
        # 1c. "the International Energy Agency (IEA)": the short form is the full name's
        if "(" in sentence:
            for m in _ACRONYM_DEFINITION.finditer(sentence):
                self._learn_acronym(m.group("full"), m.group("acr"))
        # 2. gazetteer names and aliases (institutions, countries, known surnames)
        for m in pattern.finditer(sentence):
            if not free(m.start(1), m.end(1)):
                continue
            alias = m.group(1)
            entry = by_alias[alias]
            if entry.kind != "person" and _ACRONYM.fullmatch(entry.name) and " " in alias and \
                    entry.name not in self.long_forms:
                # "the International Atomic Energy Agency" spelt out: the article's name for it
                self._learn_acronym(alias, entry.name)
            if entry.kind == "person":
                entry = self._person(entry.name)
            found.append(Mention(m.start(1), m.end(1), entry.name, entry.kind, entry.side,
                                 bool(m.group(2)), rule=R_GAZETTEER.id))
            taken.append((m.start(), m.end()))
            self.note(entry, alias)
        # 3. surnames of persons named earlier in this article
        if self.surnames:
            for m in _CAPITALISED.finditer(sentence):
                word = m.group(1)
                surname = name_key(word)[1]
                if surname in self.surnames and free(m.start(1), m.end(1)) and not any(
                        ws <= m.start(1) < we for ws, we in weak):
                    canonical = self.surnames[surname]
                    entry = by_name.get(canonical) or _Entry(canonical, "person", None, (), ())
                    found.append(Mention(m.start(1), m.end(1), canonical, "person", entry.side,
                                         bool(m.group(2)), rule=R_SURNAME.id))
                    taken.append((m.start(), m.end()))
        # 4. role phrases with no name after them ("Kyiv’s chief negotiator", "the governor
        #    of Odesa", "Ukraine's president")
        for m in _role_phrase_pattern().finditer(sentence):
            if not free(m.start(1), m.end(1)):
                # a role phrase may contain an institution ("the Kremlin spokesman"):
                inside = [f for f in found if m.start(1) <= f.start and f.end <= m.end(1)]
                if not inside or any(f.kind == "person" for f in inside):
                    continue
                if not _ROLE_HEAD.search(m.group(1)):
                    continue
                found = [f for f in found if f not in inside]
            phrase = m.group(1)
            if phrase.startswith("country"):
                # "the country’s finance minister": the role of the country last named
                here = [f.name for f in found if f.kind == "country" and f.end <= m.start()]
                last = here or self.countries
                if not last:
                    continue
                phrase = f"{last[-1]}’s{phrase[len('country’s'):]}"
                rules.note(R_COUNTRY_ROLE.id, "chose", f"{m.group(1)!r} is {phrase!r}")
            if not _OWNED_ROLE.search(phrase):
                # a bare role noun ("the deputy foreign minister") resolves only to someone
                # holding it here, maybe named later (step.role_forward; else it is dropped)
                resolved = self.roles.get(_role_key(phrase))
                if not resolved:
                    if " " not in phrase.strip() or not free(m.start(1), m.end(1)):
                        continue  # ("the head", "the leader": too vague to wait for)
                    found.append(Mention(m.start(1), m.end(1), phrase, "person", None,
                                         role_phrase=True, rule=R_ROLE_NOUN.id,
                                         role=BARE_ROLE + phrase))
                    taken.append((m.start(1), m.end(1)))
                    continue
            role = _role_key(phrase)
            held_by = self.roles.get(role)
            holder: _Entry | None = None
            from_gazetteer = False
            if held_by:
                holder = by_name.get(held_by) or _Entry(held_by, "person", None, (), ())
            elif role in by_role:
                # only until the article names the holder (step.role_forward)
                holder = self._person(by_role[role].name)
                from_gazetteer = True
            if holder is None:
                side = _side_of_phrase(phrase)
                found.append(Mention(m.start(1), m.end(1), phrase, "person", side,
                                     role_phrase=True, rule=R_ROLE_NOUN.id))
                self.note(_Entry(phrase, "person", side, (), ()))
            else:
                found.append(Mention(m.start(1), m.end(1), holder.name, "person", holder.side,
                                     rule=R_ROLE_NOUN.id,
                                     role=phrase if from_gazetteer else ""))
                self.note(holder, phrase)
                rules.note(R_ROLE_NOUN.id, "chose", f"{phrase!r} is {holder.name}")
            taken.append((m.start(1), m.end(1)))
        # 4b. unnamed officials: "a Kremlin official", "Ukrainian officials", "an analyst for
        #     Janes" speak as the institution or country the text ties them to
        low = sentence.lower()
        if R_UNNAMED_OFFICIAL.may_fire(low):
            for m in _unnamed_official_pattern().finditer(sentence):
                if any(f.kind == "person" and 0 <= m.start() - f.end <= 3 and
                       sentence[f.end:m.start()].strip() == "," for f in found):
                    continue  # "Ola Lind, a senior fellow at X": his description
                if not free(m.start(), m.end()):
                    # "a Kremlin official": the gazetteer's Kremlin is inside; it is replaced
                    # (so is a name taken for a person only because a verb followed it)
                    inside = [f for f in found if m.start() <= f.start and f.end <= m.end()]
                    if not inside or any(f.kind == "person" and f.rule != R_NEW_NAME.id
                                         for f in inside):
                        continue
                    found = [f for f in found if f not in inside]
                    taken.clear(m.start(), m.end())
                owner = m.group("owner") or m.group("org")
                official = self._owner_entry(owner)
                if official is None and m.group("org") and \
                        fold(owner.split()[0]) not in _NOT_SPEAKER_WORDS | _NOT_NAME_LEAD and \
                        owner.split()[0] not in _MONTHS_DAYS:
                    # "an analyst for Janes": the organisation the text names
                    official = _Entry(owner, "institution", None, (), ())
                if official is None:
                    continue
                found.append(Mention(m.start(), m.end(), official.name, official.kind,
                                     official.side, rule=R_UNNAMED_OFFICIAL.id))
                taken.append((m.start(), m.end()))
                self.note(official)
                rules.note(R_UNNAMED_OFFICIAL.id, "found",
                           f"{m.group(0)!r} speaks as {official.name}")
            # "Krasnodar officials said": unnamed officials of a place speak as that place
            for m in _PLACE_OFFICIALS.finditer(sentence):
                place_entry = places().get(m.group("place"))
                if place_entry is None or not free(m.start(), m.end()) and not all(
                        f.start == m.start() and f.kind != "person" for f in found
                        if m.start() <= f.start < m.end()):
                    continue
                name = place_entry["name"]
                found = [f for f in found if not (m.start() <= f.start and f.end <= m.end())]
                taken.clear(m.start(), m.end())
                found.append(Mention(m.start(), m.end(), name, "institution",
                                     _side_of_phrase(name), rule=R_UNNAMED_OFFICIAL.id))
                taken.append((m.start(), m.end()))
                rules.note(R_UNNAMED_OFFICIAL.id, "found", f"{m.group(0)!r} speaks as {name}")
        # 4b'. local bodies named by their place: "the Mykolaiv regional administration",
        #      "Moscow-backed separatists in the Luhansk region"
        for pattern in _place_group_patterns() if R_PLACE_GROUP.may_fire(low) else ():
            for m in pattern.finditer(sentence):
                if not free(m.start("place"), m.end("place")) and \
                        not any(f.start == m.start("place") and f.kind != "person"
                                for f in found):
                    continue
                place = m.group("place")
                if fold(place) in _NOT_SPEAKER_WORDS or place in _MONTHS_DAYS:
                    continue
                name = f"{place} {m.group('what').lower()}"
                # "Russian regional authorities": unnamed officials of a country
                country = self._owner_entry(place) if place in demonyms() else None
                group = country or _Entry(name, "institution", _side_of_phrase(place), (), ())
                found = [f for f in found if not (m.start() <= f.start and f.end <= m.end())]
                taken.clear(m.start(), m.end())
                found.append(Mention(m.start(), m.end(), group.name, group.kind, group.side,
                                     rule=R_PLACE_GROUP.id))
                taken.append((m.start(), m.end()))
                self.note(group)
                name = group.name
                rules.note(R_PLACE_GROUP.id, "found", f"{m.group(0)!r} is {name}")
        # 4b''. a news outlet with its description: "Russian news agency Vesti", "the Vesti
        #       news agency" (the whole phrase is the mention, so a clause before it ends there)
        if R_MEDIA.may_fire(low):
            for m in _MEDIA_PHRASE.finditer(sentence):
                name = m.group("name") or m.group("name2")
                if fold(name.split()[0]) in _NOT_SPEAKER_WORDS or name in places() or \
                        name in demonyms():
                    continue
                inside = [f for f in found if m.start() <= f.start and f.end <= m.end()]
                if any(f.kind == "person" for f in inside) or not all(
                        free(a, b) for a, b in _gaps(m.start(), m.end(), inside)):
                    continue
                found = [f for f in found if f not in inside]
                taken.clear(m.start(), m.end())
                entry = self._owner_entry(name) or _Entry(name, "institution", None, (), ())
                found.append(Mention(m.start(), m.end(), entry.name, entry.kind, entry.side,
                                     rule=R_MEDIA.id))
                taken.append((m.start(), m.end()))
                self.note(entry, name)
                rules.note(R_MEDIA.id, "found", f"{m.group(0)!r} is {entry.name}")
        # 4b'''. "the British said", "the Russians claimed": the country (its government)
        if R_PEOPLE.may_fire(low):
            for m in _PEOPLE_AT_VERB.finditer(sentence):
                if not free(m.start("people"), m.end("people")):
                    continue
                people = _PEOPLE_ADJECTIVE.get(m.group("people"), m.group("people"))
                country_entry = self._owner_entry(people)
                if country_entry is None or country_entry.kind != "country":
                    continue
                # (the country's body that spoke last, if any: "the UK defence ministry said
                # ... the British said" is the ministry again)
                for spoke in self.inst_speakers[::-1][:2]:
                    body = self.used.get(spoke)
                    if body is not None and body.kind == "institution" and \
                            body.side == country_entry.name:
                        country_entry = _Entry(body.name, body.kind, body.side, (), ())
                        break
                found.append(Mention(m.start(), m.end(), country_entry.name, country_entry.kind,
                                     country_entry.side, rule=R_PEOPLE.id))
                taken.append((m.start(), m.end()))
                self.note(country_entry)
                rules.note(R_PEOPLE.id, "found", f"{m.group(0)!r} is {country_entry.name}")
        # 4c. a capitalised name or organisation the gazetteer does not know, right before a
        #     verb of saying ("Ukrenergo said", "the State Emergency Service said") or right
        #     after one that follows the quotation ("..., said Ukrenergo")
        for start, end in _names_at_verbs(sentence):
            name = sentence[start:end]
            if _role_of_name_before(sentence, name, start, found):
                continue  # (speaker.appositive_chain)
            if not free(start, end):
                # "the Kyiv School of Economics said": an organisation named after a place
                # holds the place; the place is no speaker of its own
                inside = [f for f in found if start <= f.start and f.end <= end]
                if not inside or len(name.split()) < 3 or not _ORG_WORDS.search(name) or \
                        any(f.kind == "person" or f.rule != R_GAZETTEER.id or
                            f.end >= end - 1 for f in inside) or \
                        not all(free(a, b) for a, b in _gaps(start, end, inside)) or \
                        self._owner_entry(name) is not None:
                    continue
                found = [f for f in found if f not in inside]
                taken.clear(start, end)
            if fold(name.split()[-1]).rstrip(".") in _title_words():
                # "The Tesla CEO argued": a role; the person holding it here, else the person
                # the sentence before was about
                referred = self.holder_of(name) or (
                    self.history[-1][0] if self.history and self.history[-1] and
                    _THE_BEFORE.search(sentence, max(0, start - 5), start) else None)
                if referred is None:
                    continue
                found.append(Mention(start, end, referred, "person", None, rule=R_ROLE_NOUN.id))
                taken.append((start, end))
                rules.note(R_ROLE_NOUN.id, "chose", f"{name!r} is {referred} (refers back)")
                continue
            kind = "person" if _AGE_AFTER.match(sentence, end) and \
                all(re.fullmatch(_NAME_WORD, w) for w in name.split()) else \
                _kind_of_new_name(name)  # "Mykola, 51, said": a person
            at_verb = self._owner_entry(name) or _Entry(name, kind, None, (), ())
            if at_verb.kind == "person":
                at_verb = self._person(at_verb.name)
            found.append(Mention(start, end, at_verb.name, at_verb.kind, at_verb.side,
                                 rule=R_NAME_BEFORE_VERB.id))
            taken.append((start, end))
            self.note(at_verb, name)
            rules.note(R_NAME_BEFORE_VERB.id, "found", f"{name!r} next to a verb of saying")
        # 4d. "it said", "the statement said", "the ministry said": the institution that spoke
        #     or was the subject last; "its defence ministry said": the owner's ministry
        for m in _INSTITUTION_REFERENCE.finditer(sentence):
            if not free(m.start(), m.end()) or not _REPORTING_PRONOUN.match(sentence, m.end()):
                continue
            referent: _Entry | None
            if m.group("its"):
                its_owner = self._owner_before(
                    found, m.start(), ("country",) if m.group(0)[:3].lower() == "the" else
                    ("country", "institution"))
                referent = self._owner_entry(f"{its_owner} {m.group('its')}") \
                    if its_owner else None
                its_noun = _institution_noun_of(m.group("its"))
                if referent is None and its_owner and its_noun:
                    # "the country’s state emergency service": the country's institution
                    country_entry = self._owner_entry(its_owner)
                    made = institution_of(country_entry.name, its_noun) \
                        if country_entry is not None and country_entry.kind == "country" \
                        else None
                    if made is not None:
                        referent = by_name.get(made[0]) or _Entry(made[0], made[1], made[2],
                                                                  (), ())
                if referent is None and its_owner:
                    referent = self._owner_entry(its_owner)
            else:
                referent = None
                if m.group(0).lower() == "it" and _SUBORDINATE_IT.search(
                        sentence, max(0, m.start() - 12), m.start()):
                    # "Russia published its toll in September, when it said ...": the main
                    # clause's subject, named at the sentence's start
                    head = [f for f in found if f.start < m.start()][:1]
                    if head and head[0].kind in ("country", "institution") and \
                            not head[0].possessive and not sentence[:head[0].start].strip():
                        referent = by_name.get(head[0].name) or _Entry(
                            head[0].name, head[0].kind, head[0].side, (), ())
                if referent is None and m.group(0).lower() == "it" and \
                        R_IT_SUBJECT.may_fire(low):
                    referent = self._clause_subject_org(sentence, m.start(), found)
                if referent is None:
                    referent = self._institution_referent(m.group("noun"))
            if referent is None:
                continue
            found.append(Mention(m.start(), m.end(), referent.name, referent.kind,
                                 referent.side, pronoun=True, rule=R_IT_SAID.id))
            taken.append((m.start(), m.end()))
            rules.note(R_IT_SAID.id, "chose", f"{m.group(0)!r} is {referent.name}")
        # 4d'. "Energoprom, the grid operator, ...": an organisation the text says it is
        if ", " in sentence:
            for m in _ORG_APPOSITIVE.finditer(sentence):
                start, end = m.span("name")
                words = m.group("name").split()
                if not free(start, end):
                    # a name taken for a person only because an appositive followed
                    inside = [f for f in found if start <= f.start and f.end <= end]
                    if not inside or any(f.rule != R_NEW_NAME.id for f in inside):
                        continue
                    found = [f for f in found if f not in inside]
                    taken.clear(start, end)
                if fold(words[0]) in _NOT_SPEAKER_WORDS | \
                        _NOT_NAME_LEAD or words[0] in _MONTHS_DAYS or \
                        m.group("name") in places():
                    continue
                if _role_of_name_before(sentence, m.group("name"), start, found):
                    continue
                org = _Entry(m.group("name"), "institution", None, (), ())
                found.append(Mention(start, end, org.name, org.kind, None,
                                     rule=R_NAME_BEFORE_VERB.id))
                taken.append((start, end))
                self.note(org)
                rules.note(R_NAME_BEFORE_VERB.id, "found",
                           f"{org.name!r}: an organisation by its appositive")
        # 4e. a short form the article spelt out, or a gazetteer acronym, under the full name
        if self.long_forms:
            for i, f in enumerate(found):
                long = self.long_forms.get(f.name)
                if long and f.kind != "person":
                    found[i] = dataclasses.replace(f, name=long)
                    self.note(_Entry(long, f.kind, f.side, (), ()), f.name)
        # 5. he / she: the nearest person in subject position
        found.sort(key=lambda f: f.start)
        found = self._role_then_name(sentence, found)
        for m in _PRONOUN.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            wanted = "f" if m.group(0).lower() in ("she", "her") else "m"
            previous = [f for f in found if f.kind == "person" and f.end <= m.start()
                        and not f.role_phrase and not f.pronoun]
            verb = _REPORTING_PRONOUN.match(sentence, m.end())
            reports = bool(verb) and \
                bool(_AFTER_CONTENT.search(sentence, max(0, m.start() - 3), m.start())) and \
                not (verb is not None and _INTRODUCES_CLAUSE.match(sentence, verb.end(),
                                                                 verb.end() + 40))
            # the sentences before, latest first: each one's speakers, then its persons in
            # subject position, then its other persons
            earlier = [n for entry in self.history[::-1] for n in entry] + \
                self.recent_persons[::-1]
            if reports:
                # "..., he added": the persons inside the reported clause are not its speaker
                candidates = earlier
            else:
                here = [f.name for f in previous[::-1] if _subject_position(sentence, f.start)]
                candidates = here + [f.name for f in previous[::-1]] + earlier
            fitting = [n for n in dict.fromkeys(candidates) if gender_of(n) in (wanted, None)]
            target = fitting[0] if fitting else (previous[-1].name if previous else
                                                 self.last_person)
            if target and not fitting and gender_of(target) not in (wanted, None):
                # "she said" with only men named before: no one, rather than the wrong one
                rules.note(R_PRONOUN.id, "dropped", f"{m.group(0)!r}: no one of that gender")
                target = None
            if target:
                referent = by_name.get(target)
                found.append(Mention(m.start(), m.end(), target, "person",
                                     referent.side if referent else None, pronoun=True,
                                     rule=R_PRONOUN.id))
                rules.note(R_PRONOUN.id, "chose", f"{m.group(0)!r} is {target} (candidates: "
                           + ", ".join(fitting[:3] or [str(target)]) + ")")
        # 5b. "..., they said": the body that spoke in the sentence before
        for m in _THEY_SAID.finditer(sentence):
            read, bodies = self.bodies_spoke
            if not free(m.start(), m.start() + 4) or read != self.sentences_read - 1 or \
                    not bodies or (self.history and self.history[-1]) or \
                    not _AFTER_CONTENT.search(sentence, max(0, m.start() - 3), m.start()):
                continue  # (persons named just before may be "they" as well: no guess)
            spoke_body = by_name.get(bodies[-1]) or by_alias.get(bodies[-1])
            found.append(Mention(m.start(), m.start() + 4, bodies[-1],
                                 spoke_body.kind if spoke_body else "institution",
                                 spoke_body.side if spoke_body else None, pronoun=True,
                                 rule=R_PRONOUN.id))
            rules.note(R_PRONOUN.id, "chose", f"'they' is {bodies[-1]} (spoke just before)")
        found.sort(key=lambda f: f.start)
        if _FURNITURE_LINE.match(sentence) and "\n" not in sentence.strip() and \
                sentence.rstrip()[-1:] not in ".!?”\"’'":
            return found  # a related-links line names no antecedent for the next sentence
        persons = [f for f in found if f.kind == "person" and not f.pronoun and not f.role_phrase]
        for f in found:
            if f.kind in ("institution", "country") and not f.possessive and \
                    _subject_position(sentence, f.start):
                if f.name in self.institutions:
                    self.institutions.remove(f.name)
                self.institutions.append(f.name)
                del self.institutions[:-8]
        by_name_now = _gazetteer()[3]
        for f in found:
            # a country, or a country's own institution ("Ukrainian military"), not a
            # newspaper of the country
            named: str | None = f.name if f.kind == "country" else f.side if f.side and \
                getattr(by_name_now.get(f.side), "kind", None) == "country" and \
                f.kind != "person" and f.name.startswith(
                    _SHORT_ADJECTIVES.get(f.side, "") or _adjectives().get(f.side, f.side)) \
                else None
            if named:
                if named in self.countries:
                    self.countries.remove(named)
                self.countries.append(named)
                del self.countries[:-4]
        subjects = [f.name for f in persons if _subject_position(sentence, f.start)]
        self.history.append(list(dict.fromkeys(
            subjects + [f.name for f in persons] +
            [f.name for f in found if f.pronoun and f.kind == "person"] + weak_persons)))
        del self.history[:-6]
        if persons:
            self.last_person = persons[-1].name
            for f in persons:
                if f.name in self.recent_persons:
                    self.recent_persons.remove(f.name)
                self.recent_persons.append(f.name)
        return found

    @staticmethod
    def _said_after(sentence: str, end: int) -> bool:
        m = _SAID_AFTER.match(sentence, end, min(len(sentence), end + 140))
        return bool(m and m.group(1) in speech_forms())

    def _role_then_name(self, sentence: str, found: list[Mention]) -> list[Mention]:
        """"Ukraine's foreign minister, Dmytro Kuleba, said" / "Maria Zakharova, spokeswoman
        for the ministry": the role phrase and the name are one person; the name is the
        speaker and now holds the role in this article."""
        out: list[Mention] = []
        for i, f in enumerate(found):
            nxt = found[i + 1] if i + 1 < len(found) else None
            prev = next((p for p in found[:i][::-1] if p.kind == "person" and not p.pronoun),
                        None)
            if f.rule == R_ROLE_NOUN.id and prev is not None and not prev.role_phrase and \
                    prev.rule != R_ROLE_NOUN.id and f.start - prev.end <= 60 and \
                    _NAME_THEN_ROLE.fullmatch(sentence, prev.end, f.start):
                phrase = sentence[f.start:f.end]
                self.roles[_role_key(phrase)] = prev.name
                rules.note(R_ROLE_NOUN.id, "chose", f"{phrase!r} is {prev.name}, named before it")
                continue
            if f.rule == R_ROLE_NOUN.id and nxt is not None and nxt.kind == "person" and \
                    not nxt.pronoun and not nxt.role_phrase and \
                    re.fullmatch(r",\s*", sentence[f.end:nxt.start]):
                phrase = sentence[f.start:f.end]
                self.roles[_role_key(phrase)] = nxt.name
                rules.note(R_ROLE_NOUN.id, "chose",
                           f"{phrase!r} is {nxt.name}, named beside it")
                continue
            out.append(f)
        return out

    def holder_of(self, phrase: str) -> str | None:
        """The person this article names as holding a role phrase ("the deputy foreign
        minister", "Russia's deputy foreign minister"), wherever in the article; else None."""
        key = _role_key(phrase)
        if key in self.roles:
            return self.roles[key]
        if key in ("head of state", "head of the state") and "president" in self.roles:
            return self.roles["president"]
        # without its owner: "russia's deputy foreign minister" -> "deputy foreign minister"
        bare = _owner_prefix().sub("", key)
        if bare != key and bare in self.roles and " " in bare:
            return self.roles[bare]
        if bare == key and " " in key:
            # "the foreign minister" after "X, Hungary’s foreign minister": the one holder
            holders = {v for k, v in self.roles.items() if _owner_prefix().sub("", k) == key}
            if len(holders) == 1:
                return holders.pop()
        return None

    def _institution_referent(self, noun: str | None) -> _Entry | None:
        """The institution "it" or "the ministry" refers back to: the latest that spoke or was
        a subject (one whose name has the noun, for "the ministry")."""
        by_alias, _, _, by_name, _ = _gazetteer()
        # (a spokesperson with no name speaks for the institution that spoke last)
        documents = ("statement", "report", "readout", "spokesperson", "spokesman",
                     "spokeswoman")
        # "the statement said": a statement is what an institution that spoke issued
        document = bool(noun) and str(noun).lower() in documents
        candidates = self.institutions[::-1]
        if document:
            candidates = self.inst_speakers[-2:][::-1] + candidates
        for name in candidates:
            if noun and not document and noun.lower() not in name.lower():
                continue
            return by_name.get(name) or by_alias.get(name) or _Entry(name, "institution",
                                                                     None, (), ())
        if noun and (_WHITESPACE.sub(" ", noun.lower()) in _GENERIC_ORG_NOUNS or
                     "watchdog" in noun.lower()):
            # "the firm said", "the think tank said": the latest organisation (no country)
            for name in candidates:
                entry = by_name.get(name) or by_alias.get(name) or _Entry(
                    name, "institution", None, (), ())
                if entry.kind == "institution" and name not in places() and \
                        name not in _CAPITALS:  # (a capital is its government, no firm)
                    return entry
        return None

    def _clause_subject_org(self, sentence: str, it_start: int,
                            found: list[Mention]) -> _Entry | None:
        """'<Global steelmaker X lost ...>, it said': the organisation that is the subject of
        the clause "it" closes, when "it" follows that clause's comma (None otherwise)."""
        if it_start > 600 or not sentence[max(0, it_start - 3):it_start].rstrip().endswith(","):
            return None
        m = _CLAUSE_SUBJECT.match(sentence)
        if m is None or m.end("name") >= it_start:
            return None
        start, end = m.span("name")
        name = m.group("name")
        inside = [f for f in found if f.start < end and start < f.end]
        if inside:
            f = inside[0]
            if len(inside) > 1 or f.kind != "institution" or f.pronoun or \
                    f.name in places() or f.name in _CAPITALS:
                return None
            entry = _gazetteer()[3].get(f.name) or _Entry(f.name, f.kind, f.side, (), ())
        else:
            words = name.split()
            lead = [w for w in (m.group("lead") or "").split()
                    if fold(w) not in ("the", "a", "an")]
            if fold(words[0]) in _NOT_SPEAKER_WORDS | _NOT_NAME_LEAD or \
                    words[0] in _MONTHS_DAYS or name in places() or name in demonyms() or \
                    name in _CAPITALS or any(fold(w).rstrip(".") in _title_words()
                                             for w in lead[-1:] + words):
                return None
            descriptor = bool(lead)
            if not descriptor and " " not in name and not re.search(r"[A-Z]", name[1:]) and \
                    m.start("name") == len(sentence) - len(sentence.lstrip()):
                return None  # "Six workers were hurt", "Direct payments ...": no name
            if not descriptor and _kind_of_new_name(name) == "person":
                return None  # "Anna Petrova visited ..., it said": a person is no "it"
            entry = _Entry(name, "institution", None, (), ())
        self.note(entry, name)
        rules.note(R_IT_SUBJECT.id, "chose", f"'it' is {entry.name}, the clause's subject")
        return entry

    def _owner_before(self, found: list[Mention], start: int,
                      kinds: tuple[str, ...] = ("country", "institution")) -> str | None:
        """The country or institution "its" refers to: the last named before it."""
        before = [f for f in found if f.end <= start and f.kind in kinds]
        if before:
            return before[-1].name
        if kinds == ("country",) and self.countries:
            return self.countries[-1]  # "Ukraine's army ... the country's police": Ukraine's
        by_name = _gazetteer()[3]
        for name in self.institutions[::-1]:
            entry = by_name.get(name)
            if entry is None and "institution" in kinds or entry is not None and \
                    entry.kind in kinds:
                return name
        return None

    def _owner_entry(self, owner: str) -> _Entry | None:
        """The institution or country an owner word names ("Kremlin", "Ukrainian", "US")."""
        by_alias, _, _, _, _ = _gazetteer()
        owner = owner.strip()
        bare = _LEADING_THE.sub("", owner)
        for form in (owner, bare, "the " + bare):
            entry = by_alias.get(form)
            if entry is not None and entry.kind != "person":
                return entry
        head, _, noun = bare.partition(" ")
        if noun and head in by_alias:
            # "Russia defence ministry" -> "Russia's defence ministry" / "Russian defence ministry"
            adjective = _adjectives().get(head)
            for form in (f"{head}'s {noun}", f"{head}’s {noun}", f"{adjective} {noun}"):
                entry = by_alias.get(form)
                if entry is not None:
                    return entry
            return None
        country = demonyms().get(bare)
        if country:
            entry = by_alias.get(country)
            return entry or _Entry(country, "country", country, (), ())
        return None

    def side_of(self, name: str) -> str | None:
        mention = self.used.get(name)
        return mention.side if mention else None


def _side_of_phrase(phrase: str) -> str | None:
    demonym_words, place_countries, country_aliases = _phrase_side_tables()
    for pattern, side in demonym_words:
        if pattern.search(phrase):
            return side
    for name, country in place_countries:
        if name in phrase:
            return country
    for pattern, alias_side in country_aliases:
        if pattern.search(phrase):
            return alias_side
    return None


@cache
def _phrase_side_tables() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[str, str]],
                                   list[tuple[re.Pattern[str], str | None]]]:
    """_side_of_phrase's lookups, in its order of precedence, compiled once."""
    demonym_words = [(re.compile(r"\b" + re.escape(word) + r"\b"), side)
                     for word, side in demonyms().items()]
    place_countries = [(place["name"], place["country"]) for place in places().values()
                       if place.get("country")]
    country_aliases = [(re.compile(r"\b" + re.escape(alias) + r"\b"), entry.side)
                       for alias, entry in _gazetteer()[0].items() if entry.kind == "country"]
    return demonym_words, place_countries, country_aliases


def sides_in(text: str) -> list[tuple[int, str]]:
    """(offset, side) for every country, demonym or side-bearing institution in the text."""
    return list(_sides_in(text))  # events and metrics both ask about the same masked sentence


@lru_cache(maxsize=8)
def _sides_in(text: str) -> tuple[tuple[int, str], ...]:
    by_alias, _, _, _, pattern = _gazetteer()
    out: list[tuple[int, str]] = []
    for m in pattern.finditer(text):
        entry = by_alias[m.group(1)]
        if entry.side and entry.kind in ("country", "institution"):
            out.append((m.start(1), entry.side))
    table, demonym_pattern = _demonym_pattern()
    for m in demonym_pattern.finditer(text):
        out.append((m.start(), table[m.group(1)]))
    out.sort()
    return tuple(out)


@cache
def _demonym_pattern() -> tuple[dict[str, str], re.Pattern[str]]:
    table = demonyms()
    words = sorted(table, key=len, reverse=True)
    return table, re.compile(first_chars(words) + r"(?<![\w.])(" + "|".join(
        re.escape(w) for w in words) + r")(?![\w-])")


R_ROLE_OWNER = rules.rule(
    "speaker.role_owner", "speaker",
    "an unnamed holder of a generic role ('a Ukrainian presidential adviser', 'an official of "
    "the Kremlin') speaks as the country, place or body the role belongs to (v2: an unnamed "
    "speaker speaks as the institution or country the text ties them to)")
_ROLE_OWNER_POSSESSIVE = re.compile(r"^(?:[Tt]he\s+)?([A-Z][\w.’'´-]*(?:\s+[A-Z][\w.’'´-]*){0,3})"
                                    r"(?:’s|'s|´s)\s")
_ROLE_OWNER_OF = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w.’'´-]*(?:\s+[A-Z][\w.’'´-]*){0,3})$")
_ROLE_OWNER_DEMONYM = re.compile(r"^(?:[Tt]he\s+|[Oo]ne\s+|[Aa]n?\s+)?([A-Z][\w.]*)\s")


def role_owner(phrase: str) -> str | None:
    """Who an unnamed role phrase speaks for: the owner it names ("Ukraine's deputy prime
    minister" -> Ukraine, "the mayor of Zhytomyr" -> Zhytomyr, "Ukrainian presidential
    adviser" -> Ukraine), in the gazetteer's spelling where it has one; else None."""
    by_alias = _gazetteer()[0]
    owner = None
    for pattern in (_ROLE_OWNER_OF, _ROLE_OWNER_POSSESSIVE):
        m = pattern.search(phrase)
        if m:
            owner = m.group(1)
            break
    if owner is None:
        m = _ROLE_OWNER_DEMONYM.match(phrase)
        if m and m.group(1) in demonyms():
            return demonyms()[m.group(1)]
        return None
    entry = by_alias.get(owner)
    if entry is not None:
        return entry.name
    if owner in places():
        return str(places()[owner]["name"])
    return owner
