"""Statements: direct quotations and reported speech, with who said them, in one sentence.

Works on one sentence at a time with the sentence's actor mentions (from `ActorBook`). Verbs
of saying are found outside quotation marks; each verb's speaker is, by named rule:
the subject right before it, past adverbs, times, asides and appositives
(``speech.verb_after_subject``, "Peskov on Tuesday said"), the name after an inverted verb
(``speech.verb_before_subject``, "..., said Ukraine's prosecutor general, X"), the subject of
the clause for a coordinated verb or participle, the antecedent of "who", the one "cited as
saying" (``speech.cited_as_saying``), or the source after "according to" (``speech.according_to``).
What was said is the reported clause ("that ...", a clause with no "that", an infinitive),
or for verbs such as accused or dismissed their object, up to a clause boundary; a clause
before the speaker ("<clause>, Kyiv said") is ``speech.post_attribution``; "X, he said, Y"
is one statement (``speech.split_attribution``), "said X and that Y" two (``speech.and_that``).
Vetoes: planned or possible speech, negated verbs, a speech act inside another speaker's
clause, names in quotation marks. Quotations belong to the nearest verb of the same
(glued) sentence (``quote.direct_owner``); a clause partly quoted gives both records unless
the quotation is its whole content (``quote.partial``). Cross-sentence steps (block quotes,
continued quotations, dates, roles named later) are in speech_steps.py. Every look-behind is
bounded, so the rules are linear in the sentence's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from store.extract import rules
from store.extract.actors import (
    Mention,
    collective_nouns,
    demonyms,
    institution_of,
    new_name_mention,
    title_words,
)
from store.extract.gazetteer import fold, lexicon, speech_forms
from store.extract.sentences import CLOSE_QUOTES, OPEN_QUOTES, blank_dateline

R_DIRECT = rules.rule(
    "quote.direct_owner", "statement",
    "words in quotation marks belong to the speaker of the verb of saying nearest before "
    "them, else the one after them")
R_INDIRECT = rules.rule(
    "speech.verb_after_subject", "statement",
    "'X said (that) ...', 'X accused Y of ...', 'X pledged to ...': the reported clause, object "
    "or infinitive after a verb of saying whose subject is X")
R_POST = rules.rule(
    "speech.post_attribution", "statement",
    "'<clause>, Kyiv said' / '<clause>, President X told reporters': the clause before the "
    "speaker")
R_ACCORDING = rules.rule(
    "speech.according_to", "statement",
    "'<clause>, according to X' / 'According to X, <clause>': X's indirect statement")
R_INVERTED = rules.rule(
    "speech.verb_before_subject", "speaker",
    "'..., said Ukraine's prosecutor general, Iryna Venediktova': the speaker after an inverted "
    "verb of saying (the name rather than its role)")
R_SPLIT = rules.rule(
    "speech.split_attribution", "statement",
    "'X, he said, Y': one indirect statement made of both parts of the clause")
R_AND_THAT = rules.rule(
    "speech.and_that", "statement",
    "'said X and that Y': one statement per reported clause")
R_CITED = rules.rule(
    "speech.cited_as_saying", "speaker",
    "'the agency cited X as saying ...': X speaks, not the one citing")
R_NESTED = rules.rule(
    "speech.veto.nested", "veto",
    "a verb of saying inside another speaker's reported clause ('He said the U.S. proposed "
    "...') makes no statement of its own")
R_HYPOTHETICAL = rules.rule(
    "speech.veto.hypothetical", "veto",
    "'plans to announce', 'could announce': a speech act not (yet) made")
R_NEGATED = rules.rule(
    "speech.veto.negated", "veto",
    "'has not confirmed', 'did not say': a negated verb of saying reports nothing (not for "
    "deny or rule out)")
R_TITLE_QUOTE = rules.rule(
    "quote.veto.title", "veto",
    "a quotation whose every word is capitalised ('Meet The Press') is a name, not speech")
R_PARTIAL = rules.rule(
    "quote.partial", "statement",
    "a reported clause partly in quotation marks: the indirect clause (marks kept) plus a "
    "direct record of the quoted words; only the direct one when they are the whole content")
R_SUBORDINATE_QUOTE = rules.rule(
    "quote.main_clause_owner", "statement",
    "'She added that because X said ..., “...”': a quotation after a subordinate clause that "
    "reports someone else is the main clause's speaker's")
# a subordinating conjunction opening an embedded clause ("that because X said ...")
_SUBORDINATOR = re.compile(r"\b(?:because|since|as|although|though|while|when|after|"
                           r"if|once|until|unless|given\s+that)\s+(?:\S+\s+){0,6}$", re.I)


R_AFFILIATION = rules.rule(
    "speaker.affiliation", "speaker",
    "'Ivan Petrov of the Kyiv Policy Institute said': a person named with the body they are "
    "of, at or from speaks, not the body", words=(" of ", " at ", " from "))
# "<name> of the CNA think tank", "<name> at Kyiv University": a body after a name, up to the verb
_AFFILIATION_BEFORE = re.compile(
    r"\s+(?:of|at|from)\s+(?P<body>(?:the\s+)?(?:[A-Z][\w.&’'-]*\s+)"
    r"(?:(?:of|for|and|on)\s+(?:the\s+)?)?(?:[A-Z][\w.&’'-]*\s+){0,5}"
    r"(?:(?!(?:has|have|had|said|says|also)\b)[a-z][\w-]*\s+){0,2})"
    r"(?:(?:has|have|had|also)\s+)*$")
R_PASSIVE = rules.rule(
    "speech.passive_by", "statement",
    "'<Power cuts in the capital> were reported by Ukrenergo': the agent after 'by' reports "
    "the subject (a named speaker only: 'by officials' names no one)")
_PASSIVE_AUX = re.compile(r"\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are)"
                          r"(?:\s+(?:also|first|later|officially))?\s+$", re.I)
_PASSIVE_VERBS = {"reported", "announced", "confirmed", "stated", "claimed"}
# capitalised words between 'by' and the agent's name ("by Governor Ivan Petrov", "by the UK
# Mail on Sunday"), or a role and its comma ("by the regional governor, Ivan Petrov")
_AGENT_GAP = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,4}|(?:[a-z][\w’'-]*\s+){1,3}[a-z][\w’'-]*,\s+")
_RELATIVE_END = re.compile(r"\b(?:which|that|who|what)\s+$")
_PRONOUN_SUBJECT = re.compile(r"\s*(?:[Tt]his|[Tt]hat|[Ii]t|[Tt]hese|[Tt]hose)\s*$")


def _passive_report(sentence: str, mentions: list[Mention], verb_start: int, verb_end: int,
                    token: str, lemma: str) -> _Attribution | None:
    """'X was reported by Y': Y's indirect statement of X (the subject before the
    auxiliary), when Y is a named speaker right after 'by'."""
    if token not in _PASSIVE_VERBS:
        return None
    aux = _PASSIVE_AUX.search(sentence, max(0, verb_start - 30), verb_start)
    by = re.match(r"\s+by\s+(?:the\s+)?", sentence[verb_end:verb_end + 12])
    if aux is None or by is None:
        return None
    agent_at = verb_end + by.end()
    agent = [m for m in mentions if 0 <= m.start - agent_at <= 60 and not m.possessive and
             not m.role_phrase and _AGENT_GAP.fullmatch(sentence, agent_at, m.start)]
    # "the UK Mail on Sunday": the name the gap leads up to, not the country before it
    agent = sorted(agent, key=lambda m: m.start)[-1:]
    if not agent:
        unknown = new_name_mention(sentence, agent_at)  # "by Energoprom": a name all the same
        agent = [unknown] if unknown is not None else []
    start = _clause_start(sentence, aux.start())
    if not agent or aux.start() - start < 8 or \
            _PRONOUN_SUBJECT.fullmatch(sentence, start, aux.start()) or \
            _RELATIVE_END.search(sentence, max(start, aux.start() - 12), aux.start()):
        # ("This was reported by X": what it refers back to is another sentence; "..., which
        # was first reported by X": a relative clause)
        return None
    rules.note(R_PASSIVE.id, "found", f"{agent[0].name} reported it ('{token} by')")
    return _Attribution(verb_start, verb_end, lemma, agent[:1], (start, aux.start()),
                        rule=R_PASSIVE.id)


def _subordinate_before(sentence: str, start: int, subject: int) -> bool:
    """A subordinating conjunction opens the clause of the subject at `subject` (after
    `start`, within a short window)."""
    return bool(_SUBORDINATOR.search(sentence, max(start, subject - 60), subject))


_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
# Forms that are also nouns ("claims made by", "reports"): verbs only right after a subject.
_NOUNISH = {"claims", "claim", "reports", "report", "calls", "call", "notes", "note", "demands",
            "demand", "estimates", "estimate", "warning", "states", "state", "stress", "signal",
            "signals", "vows", "vow", "pledge", "pledges", "promise", "promises", "welcome",
            "add", "writes", "write", "believes", "believed",
            "assessed", "assess", "express", "urge", "suggests", "suggest", "suggested",
            "reported", "announced", "indicates", "indicated", "added", "alleged", "proposed",
            "thanks", "blame", "praise", "tweet", "tweets", "post", "posted", "posting",
            "recalled", "asked", "asks", "responded", "reply", "replies", "slam", "refused",
            "threatened", "threatening", "complain", "allege"}
# A bare form after one singular name is a noun, not a verb: "the annual U.N. report", "a
# Kremlin claim" (the verb would be "reports", "claims"); "Russia and Ukraine claim" is plural.
_BARE_NOUNISH = frozenset(w for w in _NOUNISH if not w.endswith(("s", "ed", "ing"))) | {
    "warning"}
_SINGULAR_NAME_BEFORE = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b[A-Z][\w’'-]*[^\Ws’'])\s+$")
_COORDINATED_NAME_BEFORE = re.compile(r"\band\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){1,4}$")
R_NOUN_FORM = rules.rule(
    "speech.veto.noun_form", "veto",
    "'the annual U.N. report', 'a Kremlin claim': a bare form after one singular name is a "
    "noun, not a verb of saying")
# "Ukraine and its Western allies say": unnamed companions; the one named speaks
_COMPANIONS_BEFORE = re.compile(r"\s+and\s+(?:its|their|his|her)\s+(?:[A-Za-z-]+\s+){0,2}"
                                r"(?:allies|partners|backers|supporters|counterparts)\s*$")
# "X, who led the team alongside Y, Z's adviser, said": the relative clause's antecedent speaks
_RELATIVE_APPOSITIVE = re.compile(r",\s+(?:who|whose)\s")
# What may stand between the comma closing a reported clause and its speaker:
# "..., Mayor Vitali Klitschko said", "..., the regional governor Serhiy Lysak said".
_POST_LEAD = re.compile(
    r"(?:,|[,.]?[”\"])\s*(?:(?:the|a|an)\s+)?(?:(?!(?:and|but|or|while|as|which|who|when|"
    r"that|if|because|after|before)\b)[A-Za-z][\w.’'-]*\s+){0,4}$")
_TITLE_GAP = re.compile(r"(?:(?!(?:and|but|or|which|who|that)\b)[A-Za-z][\w.’'-]*,?\s+){0,5}")
# "X, also an adviser to President Y, said": a comma-bounded phrase between subject and verb
_APPOSITIVE = re.compile(r",\s+[^,]{2,160},\s*$")
_APPOSITIVE_OPENING = re.compile(r",\s+(?:also\s+|then\s+|now\s+|formerly\s+)?(?:a|an|the|who|"
                                 r"whose|[a-z]+(?:’|')s|[a-z][\w-]*)\s")
_DATELINE = re.compile(r"[A-Z][A-Z .’'-]{1,30}(?:,\s*[A-Z][\w ]{1,30})?\s*(?:[—–]|--)\s*")
# 'described the government as "growing desperate" and as having lost ...'
_LABEL_AS = re.compile(r"\s+(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+)?(?:[\w’'-]+\s+){0,4}as\s")
# a quotation right after the verb that the clause continues past: '"...," if ...'
_QUOTE_THEN_MORE = re.compile(r"\s*[“\"][^”\"]{3,400}[”\"]\s+(?:if|unless|because|when|and|"
                              r"but|as|while|after|before|since|despite)\b")
_LABELLING = {"describe", "characterize", "call", "rebuff"}
# Verbs that may come before their subject: "..., said Prime Minister Keir Starmer."
_INVERTIBLE = {"said", "says", "added", "wrote", "stated", "warned", "asked", "noted"}
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were|widely|so)\s+$", re.I)
_SKIPPABLE_BEFORE = re.compile(
    r"(?:\s+|,\s*)(?:has|have|had|also|previously|officially|reportedly|absolutely|repeatedly|"
    r"again|already|openly|now|then|later|earlier|once|still|further|publicly|privately|"
    r"firmly|strongly|clearly|explicitly|recently|would|will|could|did|does|do|not|never|"
    r"[a-z]+ly)\s*$")
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:plans?|planning|planned|expected|set|going|hopes?|hoping|wants?|intends?|"
    r"likely|unlikely|due)\s+to\s+$|\b(?:could|might|may)\s+(?:also\s+)?$")
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|n[’']t)\s+(?:[a-z]+ly\s+)?$")
_NEGATABLE = {"deny", "rule out"}  # "did not deny", "would not rule out" still say something
_TITLE_CASE = re.compile(r"(?:(?:The|A|An|[A-Z][\w’'-]*)\s+(?:(?:the|of|and|on|in|a|for|to)\s+)?)"
                         r"{0,5}[A-Z][\w’'-]*[,.]?")


def is_title(text: str) -> bool:
    """A quotation whose words are capitalised ('Face the Nation', 'Sesame Street,') is a
    name: a programme, a book, an operation."""
    return bool(_TITLE_CASE.fullmatch(text))


_QUOTED_NAME = re.compile(r"\s*[“\"]([^”\"]{1,60})[”\"]")
_LEADING_PHRASE = re.compile(r"\s+(?:in|at|during|after)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?"
                             r"(?:[\w’'-]+\s+){1,5}?(?=(?:the|a|an|he|she|it|they|we|"
                             r"[A-Z][\w’'-]+)\s)")
_CHANNEL_PHRASE = re.compile(r"\s+(?:in|at|during)\s+(?:a|an|the|his|her|its)\s+(?:\w+\s+)?"
                             r"(?:statement|interview|post|video|address|speech|briefing|"
                             r"conference|message|tweet|letter|call|meeting|broadcast)\b"
                             r"(?:\s+(?:on|to|with)\s+(?:\w+\s+){0,3}?(?=the\s|[A-Z]))?")
_LEADING_JUNK = re.compile(r"^(?:\((?:AP|AFP|Reuters|Getty|EPA|Photo)[^()]{0,80}\)\s*|[,;:]\s*)+")
_UNNAMED_AFTER = re.compile(r"\s+(?:a|an|the|one|two|several|some)\s+(?:[\w’'-]+\s+){0,5}?"
                            r"(?:officials?|spokes\w+|sources?|diplomats?|analysts?|experts?|"
                            r"aides?|residents?|witness\w*|soldiers?|people|man|woman)\b"
                            # (the speaker ends the clause: not "said the residents had ...")
                            r"(?=\s*(?:[,.;:)”\"]|$|\s+(?:on|in|at|who|from|of|for|with|"
                            r"familiar|speaking|close|told|said)\b))")
_ASKED = re.compile(r"\s*(?:When\s+|After\s+being\s+|If\s+)?[Aa]sked\b")
_TIME_BEFORE = re.compile(
    r"\s+(?:(?:on|late|early|last|this)\s+)?(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)|week|month|year|today|yesterday|overnight)(?:\s+(?:morning|"
    r"afternoon|evening|night))?\s*$")
_ASIDE_BEFORE = re.compile(r"\s*\([^()]{1,40}\)\s*$|\s+(?:on|in|via)\s+(?:Twitter|X|Telegram|"
                           r"Facebook|Instagram|social\s+media|a\s+(?:statement|video|post|tweet))\s*$")
_DISCOURSE = re.compile(
    r"^(?:Indeed|Furthermore|Moreover|However|Meanwhile|Nevertheless|Still|Separately|Also|"
    r"And|But|In addition|Earlier|Later|Previously)\s*,?\s+")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|must|should|may|might|did|does|"
    r"do|won’t|wouldn’t|isn’t|wasn’t|aren’t|weren’t|cannot|\w+’d|\w+'d|\w{3,}ed|"
    r"(?!news\b)\w+[^\Wsu]s|"
    # irregular past tenses ("the toll rose", "troops fled", "a missile struck")
    r"rose|fell|grew|took|made|came|went|gave|began|became|left|lost|struck|shot|saw|held|"
    r"kept|met|sent|won|fought|led|ran|brought|caught|fled|spent|built|drew|threw|knew|"
    r"thought|felt|found|stood|got|hit|cut|hurt|sank|sought|bought|sold|paid|broke|stole|"
    r"wrote|spoke|rang|blew|flew|swept|fed)\b")
_PREPOSITIONS = {"of", "in", "on", "at", "to", "for", "with", "from", "about", "by", "per",
                 "during", "after", "before", "through", "via", "into", "over", "under"}
_TIME_AFTER_VERB = re.compile(
    r"^\s+(?:on\s+)?(?:(?:last|this|next)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|weekend|month|year|night|today|yesterday|earlier|late|early|"
    r"overnight|(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2})(?:\s+(?:on\s+)?(?:morning|evening|afternoon|night|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?(?=[\s,.;]|$)")
# what follows a verb of saying but reports nothing: "said late Friday after ..."
_SUBORDINATE_AFTER_VERB = re.compile(
    r"^\s*,?\s*(?:after|before|when|while|as|since|following|during|amid|because|until)\b")
_TELL_OBJECT = re.compile(
    r"^\s+(?:reporters|journalists|lawmakers|parliament|(?:local|state|the|foreign)\s+"
    r"(?:media|press|television|reporters|journalists)|"
    r"(?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){0,3}[A-Z][\w.’'-]+(?:\s[A-Z][\w.’'-]+)*"
    r"(?:\s+(?:anchor|host|correspondent|reporter|presenter|interviewer|editor)"
    r"(?:\s[A-Z][\w.’'-]+)+)?"
    r"(?:\s+(?:news\s+)?(?:briefing|conference|agency|channel|outlet|newspaper|programme|"
    r"program|show|interview|broadcaster|television|radio|website|podcast)s?"
    r"(?:\s+(?:in|on)\s+[A-Z]\w+)?)?|"
    r"the\s+[\w-]+(?:\s[A-Z][\w-]+)*|"
    r"[A-Z][\w.’'-]+(?:\s[A-Z][\w.’'-]+)*|him|her|them|us|me|a\s+[\w-]+(?:\s[\w-]+)?)")
_COMMENTARY = (r"setting|signaling|signalling|suggesting|indicating|underscoring|highlighting|"
               r"prompting|raising|sparking|adding|noting|saying|stating|calling|describing|"
               r"citing|arguing|claiming|insisting|warning|urging|asserting|asking|accusing|"
               r"according|per|a\s+claim|an\s+apparent|in\s+a\s+(?:statement|post|video)")


# A sentence end the splitter missed (mixed quotation marks glue sentences together).
_GLUED_END = (r"(?:(?<=[a-z0-9][.!?])(?<!\bMr\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bGen\.)"
              r"(?<!\bSen\.)(?<!\bGov\.)(?<!\bCol\.)(?<!\bRep\.)(?<!\bSt\.)(?<!\bNo\.)"
              r"(?<!\bvs\.)[”\"]?|(?<=[”\"][.!?]))\s+(?=[A-Z])")
_GLUED_END_RE = re.compile(_GLUED_END)


@cache
def _boundary() -> re.Pattern[str]:
    forms = sorted(speech_forms(), key=len, reverse=True)
    verbs = "|".join(re.escape(f) for f in forms)
    return re.compile(
        r",\s+(?:while|whereas|although|though)\b|;\s|\s[—–]\s+(?:something|which|a\s)"
        r"|,\s+(?:given|something|but|which)\b"
        r"|\s[-—–]\s+(?:instead\s+|while\s+)?[a-z]+ing\b"  # "... - instead blaming Kyiv"
        r"|\s+and,\s"  # "expressed skepticism and, after a visit, ..."
        r"|,\s+(?:and|but)\s+(?=(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}(?:officials?|[A-Z]))"
        r"|[.!?]\s+[—–]\s"
        # a sentence end the splitter missed (mixed quotation marks glue sentences)
        r"|" + _GLUED_END +
        r"|,?\s+(?:and|but)\s+(?:(?:he|she|it|they|we)\s+)?(?:also\s+)?(?:has\s+|have\s+|had\s+)?"
        r"(?:" + verbs + r")\b"
        # "..., but its president has vowed", "but confidently predicted": another speech act
        r"|,?\s+but\s+(?:(?!that\b)[\w’'-]+\s+){1,3}(?:has\s+|have\s+|had\s+)?"
        r"(?:" + verbs + r")\b"
        r"|,\s+(?:" + _COMMENTARY + r")\b"
        r"|,\s+(?:he|she|they|it)\s+(?:said|added|says)\b"
        r"|(?<=[”\"])\s+(?:he|she|they|it|[A-Z][\w’'.-]+)\s+(?:said|added|says)\b"
        r"|,\s+[A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+)*\s+(?:said|says|added)\b"
        r"|\s\((?:AP|Reuters|AFP)\)"
        r"|,?\s+according\s+to\b")


@dataclass(slots=True)
class Statement:
    speaker: str
    quote: str
    mode: str  # direct | indirect
    start: int  # offsets of the quote in the sentence (for dates and topics)
    end: int
    rule: str = ""  # the rule that made it
    role: str = ""  # the speaker's role phrase, when the name is only the gazetteer's guess
    verb: int = -1  # offset of the verb of saying (the speech act's date is near it)


@dataclass(slots=True)
class _Attribution:
    verb_start: int
    verb_end: int
    lemma: str
    speakers: list[Mention]
    content: tuple[int, int] | None = None
    rule: str = ""  # the speech.* rule that found the content
    suppressed: bool = False
    content2: tuple[int, int] | None = None  # "X, he said, Y": the part after the verb
    before: bool = False  # the content comes before the verb ("..., Kyiv said")
    outer: _Attribution | None = None  # the attribution whose clause reports this one


@dataclass
class SentenceSpeech:
    statements: list[Statement] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # everyone attributed in the sentence
    opens_block: str | None = None  # "X said in a statement:" -> the paragraphs after are X's
    has_attribution: bool = False
    has_speech_verb: bool = False  # a verb of saying outside quotation marks, speaker or not


# Single quotation marks (‘…’, or straight '…' used as quotes, as some British outlets print
# direct speech) are rewritten as double ones before the rules run, one character for one,
# so every offset stays true. Apostrophes (Kyiv’s, don't) are left alone: an opening mark
# must start a word, a closing one must end one.
_SINGLE_PAIRS = {"\u2018": "\u2019", "'": "'"}
_BEFORE_OPEN = " \t([{—–-:/"
_AFTER_CLOSE = ",.;:!?)]}—–-\u201d\"/"
_MAX_SINGLE_QUOTE = 800  # characters: a longer "quotation" is an apostrophe mismatch


def double_single_quotes(text: str) -> str:
    """`text` with quotation-delimiting single marks replaced by “ and ” (same length).

    Only top-level pairs within one line: single marks inside a double-quoted passage are a
    quotation within a quotation and stay as they are.
    """
    if "\u2018" not in text and "'" not in text:
        return text
    chars = list(text)
    line_start = 0
    for line in text.split("\n"):
        _double_line(line, line_start, chars)
        line_start += len(line) + 1
    return "".join(chars)


def _double_line(line: str, offset: int, chars: list[str]) -> None:
    depth = 0  # inside “…” (or "…") at this point of the line
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch in OPEN_QUOTES:
            depth += 1
        elif ch in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
        elif ch in _SINGLE_PAIRS and depth == 0 and _opens(line, i):
            end = _closing(line, i)
            if end is not None:
                chars[offset + i] = "“"
                chars[offset + end] = "”"
                i = end + 1
                continue
        i += 1


def _opens(line: str, i: int) -> bool:
    before = line[i - 1] if i else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if before not in _BEFORE_OPEN or after.isspace():
        return False
    # A straight mark opening a quotation is followed by a word ('We ...'), not '90s or 's.
    return line[i] != "'" or after.isalpha()


def _closing(line: str, i: int) -> int | None:
    """Where the quotation opened at `i` closes, or None when it does not on this line."""
    closer = _SINGLE_PAIRS[line[i]]
    for j in range(i + 2, min(len(line), i + _MAX_SINGLE_QUOTE)):
        if line[j] != closer or line[j - 1].isspace():
            continue
        after = line[j + 1] if j + 1 < len(line) else " "
        if after.isalnum():
            continue  # an apostrophe inside a word: Kyiv’s, don't
        if after in _AFTER_CLOSE or line[j - 1] in ",.!?":
            return j  # ‘…,’ he said / ‘…’. / ‘…’ —
        if after.isspace() and line[j - 1] != "s":
            return j  # the ‘special operation’ in ...; but "the allies’ support" is not one
    return None


def quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Inner spans of the top-level quotations (curly, guillemets or straight marks).

    Mixed marks pair up too, as scraped text has them: a straight mark closes a curly opening
    one (“...") and a curly closing mark closes a straight opening one ("...”)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(sentence)
    curly_close = [k for k, c in enumerate(sentence) if c == "”"] if '"' in sentence else []
    next_curly = 0  # index into curly_close: the first one not before i
    while i < n:
        ch = sentence[i]
        if ch in OPEN_QUOTES:
            depth, j = 1, i + 1
            reopened = False
            while j < n and depth:
                c = sentence[j]
                if c == "\u201c" and depth == 1 and ch == "\u201c":
                    # “...  “...: a new paragraph of the quotation (English does not nest
                    # double marks) -- the first part ends here
                    reopened = True
                    break
                if c in OPEN_QUOTES:
                    depth += 1
                elif c in CLOSE_QUOTES or c == '"' and depth == 1:
                    depth -= 1
                j += 1
            if reopened:
                end = len(sentence[:j].rstrip())
                if end > i + 1:
                    spans.append((i + 1, end))
                i = j
                continue
            end = j - 1 if depth == 0 else _unclosed_end(sentence, i + 1)
            if end > i + 1:
                spans.append((i + 1, end))
            i = j if depth == 0 else max(end, i + 1)
            continue
        if ch == '"':
            j = _straight_close(sentence, i)
            reopen = j < -1
            if reopen:
                j = -j - 2
            while next_curly < len(curly_close) and curly_close[next_curly] <= i:
                next_curly += 1
            if next_curly < len(curly_close) and (j == -1 or curly_close[next_curly] < j):
                j, reopen = curly_close[next_curly], False
            end = j if j != -1 else _unclosed_end(sentence, i + 1)
            if reopen:
                inner_end = len(sentence[:end].rstrip())
                if inner_end > i + 1:
                    spans.append((i + 1, inner_end))
                i = end  # the mark opens the next part
                continue
            if end > i + 1:
                spans.append((i + 1, end))
            i = end + 1
            continue
        i += 1
    return spans


MAX_UNCLOSED = 600  # characters an unclosed quotation may run before it is cut


def _unclosed_end(sentence: str, start: int) -> int:
    """Where a quotation that never closes ends: the sentence's end, or past MAX_UNCLOSED
    characters the last sentence end before that point (the splitter glued sentences)."""
    n = len(sentence)
    if n - start <= MAX_UNCLOSED:
        return n
    ends = [m.start() for m in _GLUED_END_RE.finditer(sentence, start, start + MAX_UNCLOSED)]
    return ends[-1] if ends else start + MAX_UNCLOSED


def _straight_close(sentence: str, i: int) -> int:
    """Where the straight quotation opened at `i` closes, or -1: a mark that opens (after a
    space or bracket, before a word: '(the "Black Sea Initiative")') nests one level deeper,
    one that closes (after a word) ends a level."""
    depth = 1
    j = sentence.find('"', i + 1)
    while j != -1:
        before = sentence[j - 1]
        after = sentence[j + 1] if j + 1 < len(sentence) else " "
        opens = before in " \t([{—–-/" and not after.isspace()
        if opens and depth == 1 and after.isupper() and \
                sentence[max(i, j - 3):j].rstrip()[-1:] in (".", "!", "?"):
            # '..." it. "I want ...': a new paragraph of the quotation; the first part ends
            return -(j + 2)  # (negative: the caller re-reads the mark as an opening one)
        if opens and not (after in ".,;:!?)" or depth == 1 and before == "-"):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return j
        j = sentence.find('"', j + 1)
    return -1


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """`pos` is on a quotation's marks or inside it (`spans` sorted and disjoint)."""
    i = bisect_right(spans, (pos + 1, len(spans) and spans[-1][1] + 1)) - 1
    return any(s - 1 <= pos < e + 1 for s, e in spans[max(0, i - 1):i + 2])


_JOINT = re.compile(r"(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+)(?:the\s+)?$")
_AND_OR_END = re.compile(r"\b(?:and|or)\s+(?:the\s+)?$")
_PREPOSITION_END = re.compile(r"\b(?:of|for|about|to|from|by|against|at|on|in|into|between|"
                              r"including)\s+(?:the\s+)?$")
_WITH_END = re.compile(r"\bwith\s+(?:the\s+)?$")
_ING_NEXT = re.compile(r",?\s+\w+ing\b")
_PREPOSITION_GAP_END = re.compile(r"\b(?:of|for|about|to|from|by|against|at|on|in|into|between|"
                                  r"with|including|over|than|like|as)\s+(?:the\s+)?"
                                  r"(?:[\w’'-]+\s+)?$")
_CLAUSE_BREAK = re.compile(r";\s|,\s+(?:while|whereas|but)\s+|\s+while\s+")
_LOOKBEHIND = 300  # characters of a sentence a rule looks back over (keeps the rules linear)


@cache
def _collective_end() -> re.Pattern[str]:
    nouns = "|".join(sorted(collective_nouns(), key=len, reverse=True))
    return re.compile(r"(?:\b(?:" + nouns + r"))$")


@cache
def _collective_after() -> re.Pattern[str]:
    return re.compile(r"\s*(?:[\w-]+\s+)?(" + "|".join(collective_nouns()) + r")\b")


def _rstrip_at(text: str, end: int) -> int:
    """`len(text[:end].rstrip())` without copying the prefix."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _ends(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Mentions by their end offset."""
    index: dict[int, list[Mention]] = {}
    for m in mentions:
        index.setdefault(m.end, []).append(m)
    return index


def _mention_ending_at(mentions: list[Mention], text: str, end: int,
                       by_end: dict[int, list[Mention]] | None = None,
                       after_preposition: bool = False) -> list[Mention]:
    """The mention (or "X and Y" mentions) that end right at `end` (a subject). `by_end`
    is `_ends(mentions)`, when the caller has it."""
    end = _rstrip_at(text, end)
    # "Kyiv’s leadership", "The ISW assessment": an actor with a collective noun
    if by_end is None:
        by_end = _ends(mentions)
    collective = _collective_end().search(text, max(0, end - 40), end)
    owner: list[Mention] = []
    if collective:
        head = _rstrip_at(text, collective.start())
        owner = [m for m in mentions if abs(m.end + (2 if m.possessive else 0) - head) <= 1
                 and m.kind != "person"]
    if owner:
        subject = owner[-1]  # "Kyiv’s leadership", "NATO countries"
        ministry = institution_of(subject.name, collective.group(0)) \
            if subject.kind == "country" and collective is not None else None
        if ministry is not None:
            # "the U.K.'s defense ministry": the ministry speaks, not the country
            subject = Mention(subject.start, subject.end, ministry[0], ministry[1],
                              ministry[2], rule=subject.rule)
    else:
        hits = by_end.get(end, []) + (by_end.get(end - 1, []) if text[end - 1:end] == ","
                                      else [])
        hits.sort(key=lambda m: m.start)
        if not hits:
            return []
        subject = hits[-1]
        if subject.possessive:
            return []
    group = [subject]
    # compound subjects: "Denmark and France", "Both the U.S. and Ukraine"
    rest = subject.start
    while True:
        joint = _JOINT.search(text, max(0, rest - 20), rest)
        if not joint:
            break
        if len(group) == 1 and not _AND_OR_END.search(joint.group(0)):
            break  # "a city in east Ukraine, Ukrainian officials said": no list without "and"
        prior = [m for m in by_end.get(joint.start(), []) if not m.possessive]
        if not prior:
            break
        group.insert(0, prior[-1])
        rest = prior[-1].start
    # a preposition right before the subject makes it no subject ("talks with Russia said"),
    # unless a relative pronoun follows ("a post by the ministry, which said")
    if not after_preposition and _PREPOSITION_END.search(text, max(0, rest - 40), rest):
        return []
    # "relations with the United States said" (but "with the governor claiming ...")
    if _WITH_END.search(text, max(0, rest - 12), rest) and \
            not _ING_NEXT.match(text, end, end + 30):
        return []
    return group


def _main_subject(mentions: list[Mention], sentence: str, clause_start: int,
                  limit: int) -> list[Mention]:
    # ("United Nations — Ukraine's President X spoke ..., denouncing": a dateline is no subject)
    dateline = len(sentence) - len(blank_dateline(sentence).lstrip()) if clause_start == 0 \
        and re.match(r"[^—–-]{2,40}\s[—–-]\s", sentence) else 0
    for index, m in enumerate(mentions):
        if m.start < max(clause_start, dateline) or m.start >= limit:
            continue
        if _PREPOSITION_GAP_END.search(sentence, max(clause_start, m.start - 60), m.start):
            continue
        if m.possessive:
            coll = _collective_after().match(sentence, m.end + 2, limit)
            if coll and m.kind != "person":
                return [m]
            continue
        nxt = mentions[index + 1] if index + 1 < len(mentions) else None
        if nxt is not None and m.kind != "person" and nxt.kind == "person" and \
                nxt.start < limit and _TITLE_WORDS_GAP.fullmatch(sentence, m.end, nxt.start):
            return [nxt]  # "US President Joe Biden ... accusing": the person, not "US"
        return [m]
    return []


# Capitalised title words between a country and a person ("US President", "UK Foreign
# Secretary"): the country only qualifies the person's title.
_TITLE_WORDS_GAP = re.compile(r"(?:\s+[A-Z][a-z]+){1,3}\s+")
# what may stand between a quotation and its speaker's name: ',” survivor', ',” aid worker'
_DESCRIPTOR_ONLY = re.compile(r"[\s,”\"’']*(?:[a-z][\w-]*\s*){0,3}")
# "Talking about the plan, its leader X told ...", "Buoyed by the gains, X has called ...": a
# participle phrase before the speaker, with no clause of its own
_PARTICIPLE_LEAD = re.compile(r"[A-Z][a-z]+(?:ing|ed)\s+(?:by|about|to|with|from|at|in|on|after|"
                              r"over|for)\b[^,;:]*$")
_POST_BREAK = re.compile(r";\s|:\s")


def _post_start(sentence: str, position: int, quotes: list[tuple[int, int]]) -> int:
    """Where the clause reported by a verb after it starts: after the last ';' or ':' outside
    quotation marks (looking back a bounded window)."""
    window = max(0, position - 2 * _LOOKBEHIND)
    if window:
        space = sentence.find(" ", window, position)
        window = space + 1 if space != -1 else window
    start = window
    for m in _POST_BREAK.finditer(sentence, window, position):
        if not _inside(m.start(), quotes):
            start = m.end()
    return start


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause that `position` is in starts (looking back a bounded window)."""
    window = max(0, position - 2 * _LOOKBEHIND)
    if window:
        space = sentence.find(" ", window, position)  # (a whole word, not its tail)
        window = space + 1 if space != -1 else window
    start = window
    for m in _CLAUSE_BREAK.finditer(sentence, window, position):
        start = m.end()
    return start


def analyse(sentence: str, mentions: list[Mention], *,
            metrics_here: bool = False) -> SentenceSpeech:
    """Statements in one sentence."""
    out = SentenceSpeech()
    original = sentence
    sentence = sentence.replace("´", "’")  # ("Crimea´s": same length, same offsets)
    quotes = quote_spans(sentence)
    forms = speech_forms()
    clause_or_object = set(lexicon()["speech_verbs"]["clause_or_object"])
    channels = set(lexicon()["speaker_channels"])
    attributions: list[_Attribution] = []
    by_end = _ends(mentions)
    verb_positions: list[int] = []  # every verb of saying outside quotation marks

    words = list(_WORD.finditer(sentence))
    index = 0
    while index < len(words):
        w = words[index]
        token = w.group(0).lower()
        span_end = w.end()
        if index + 1 < len(words) and \
                f"{token} {words[index + 1].group(0).lower()}" in forms:
            # two-word verbs of saying: "made clear", "ruled out"
            token = f"{token} {words[index + 1].group(0).lower()}"
            span_end = words[index + 1].end()
            index += 1
        index += 1
        if token not in forms or _inside(w.start(), quotes):
            continue
        lemma, group = forms[token]
        if w.group(0)[:1].islower() and token not in _NOUNISH:
            out.has_speech_verb = True  # (not "United States", not "the reports")
            if token.endswith(("ed", "s", "said", "told", "wrote", "made clear")):
                verb_positions.append(w.start())  # (a finite one: not "the right to accuse")
        if token == "asked" and not sentence[:w.start()][:4].strip(" “\"‘"):
            continue  # "Asked whether ..., X said": X was asked
        # what a rule reads before the verb is bounded: the rules stay linear in the sentence
        base = max(0, w.start() - _LOOKBEHIND)
        before, after = sentence[base:w.start()], sentence[span_end:span_end + 2 * _LOOKBEHIND]
        if _PASSIVE_BEFORE.search(before) or re.match(r"\s+by\b", after) and \
                token.endswith("ed"):
            passive = _passive_report(sentence, mentions, w.start(), span_end, token, lemma)
            if passive is not None:
                attributions.append(passive)
            continue
        if token in _BARE_NOUNISH and _SINGULAR_NAME_BEFORE.search(before) and \
                not _COORDINATED_NAME_BEFORE.search(before[-60:]):
            rules.note(R_NOUN_FORM.id, "vetoed", f"{token!r} after a singular name is a noun")
            continue
        if _HYPOTHETICAL_BEFORE.search(before):
            rules.note(R_HYPOTHETICAL.id, "vetoed", f"{token!r} is planned or possible only")
            continue  # "Biden plans to announce", "Biden could announce": not said (yet)
        if _NEGATED_BEFORE.search(before) and lemma not in _NEGATABLE:
            rules.note(R_NEGATED.id, "vetoed", f"not {token}")
            continue  # "Kyiv has not confirmed its involvement": nothing was said
        if re.match(r"\s+(?:as\s+(?:a|an|the)\s+)?(?:of|for)\s+(?:the\s+)?(?:war|peace)\b",
                    after) and lemma == "call":
            continue
        speakers: list[Mention] = []
        inverted = False
        who_clause = False
        # "..., said Prime Minister Sir Keir Starmer." / "“...,” said Peskov"
        if re.search(r"(?:[,”\"]|[,.]”)\s*$", before) and token in _INVERTIBLE:
            nxt = [m for m in mentions if 0 <= m.start - span_end <= 90 and not m.possessive
                   and _inverted_gap(sentence, span_end, m.start) and
                   re.match(r"\s*(?:[,.;:]|$|\(|\s(?:on|in|at|during|after|who|of)\b)",
                            sentence[m.end:m.end + 12])]
            # "said Ukraine's prosecutor general, Iryna Venediktova": the name, not the role
            named = [m for m in nxt if m.kind == "person" and not m.role_phrase]
            if nxt:
                speakers, inverted = [(named or nxt)[0]], True
                rules.note(R_INVERTED.id, "chose", f"{speakers[0].name} after the verb")
            elif _UNNAMED_AFTER.match(after):
                continue  # "..., said a senior administration official.": no one named
        if not speakers:
            trimmed = before
            for _ in range(8):  # "X on Wednesday (Aug 20) also warned": adverbs, times, asides
                if by_end.get(base + _rstrip_at(trimmed, len(trimmed))):
                    break  # a name ends here ("the Mail on Sunday reports")
                m2 = _SKIPPABLE_BEFORE.search(trimmed, max(0, len(trimmed) - 60)) or \
                    _TIME_BEFORE.search(trimmed, max(0, len(trimmed) - 60)) or \
                    _ASIDE_BEFORE.search(trimmed, max(0, len(trimmed) - 60)) or \
                    _COMPANIONS_BEFORE.search(trimmed, max(0, len(trimmed) - 60))
                if not m2 or m2.start() == len(trimmed):
                    break
                # (", later told": the comma stays, it may close an appositive)
                trimmed = trimmed[:m2.start() + (trimmed[m2.start()] == ",")]
                if trimmed.endswith(","):
                    break
            speakers = _mention_ending_at(mentions, sentence, base + (
                len(trimmed.rstrip(", ")) if trimmed.rstrip().endswith(",") and
                not re.search(r"[”\"],\s*$", trimmed) else len(trimmed)), by_end)
            if speakers and trimmed.rstrip().endswith(","):
                # "Ivan Petrov, also an adviser to President Putin, said": the head, not the
                # name inside the appositive
                app = _APPOSITIVE.search(trimmed, max(0, len(trimmed) - 200))
                if app and base + app.start() < speakers[0].start and \
                        _APPOSITIVE_OPENING.match(trimmed, app.start()):
                    head = _mention_ending_at(mentions, sentence, base + app.start(), by_end)
                    if head:
                        speakers = head
            if not speakers and trimmed.rstrip().endswith(","):
                # appositive: "Kirill Dmitriev, the head of X, said"
                app = _APPOSITIVE.search(trimmed, max(0, len(trimmed) - 200))
                if app:
                    speakers = _mention_ending_at(mentions, sentence, base + app.start(),
                                                  by_end)
                    age = _AGE_BEFORE.search(trimmed, max(0, app.start() - 12), app.start())
                    if not speakers and age:  # "X, 32, a teacher from Oxford, added"
                        speakers = _mention_ending_at(mentions, sentence, base + age.start(),
                                                      by_end)
            if speakers and trimmed.rstrip().endswith(","):
                # "X, who led the team alongside Y, Z's adviser, said": X, the antecedent
                for rel in _RELATIVE_APPOSITIVE.finditer(trimmed, max(0, len(trimmed) - 240)):
                    if base + rel.start() >= speakers[0].start:
                        break
                    head = _mention_ending_at(mentions, sentence, base + rel.start(), by_end)
                    if head:
                        speakers = head
                        break
        if not speakers and R_AFFILIATION.may_fire(before[-80:].lower()):
            # "Samuel Petrov of the Kyiv Policy Institute said": the person, past the body
            aff = _AFFILIATION_BEFORE.search(before, max(0, len(before) - 90))
            if aff:
                head = [m for m in _mention_ending_at(mentions, sentence, base + aff.start(),
                                                      by_end) if m.kind == "person"]
                if head:
                    speakers = head
                    rules.note(R_AFFILIATION.id, "chose",
                               f"{head[0].name} of {aff.group('body').strip()}")
        if not speakers and token == "saying":
            # "the agency cited Ivan Petrov as saying ...": the one cited
            cited = _CITED_AS.search(before)
            if cited:
                inside = [m for m in mentions if base + cited.start(1) <= m.start and
                          m.end <= base + cited.end(1) and not m.possessive]
                if inside:
                    speakers = inside[-1:]
                    rules.note(R_CITED.id, "found", f"{inside[-1].name} cited as saying")
        if not speakers:
            # "Trump, who has repeatedly said ...": the relative pronoun's antecedent
            who = _WHO_BEFORE.search(before)
            if who:
                speakers = _mention_ending_at(mentions, sentence, base + who.start(), by_end,
                                              after_preposition=True)
                who_clause = bool(speakers)
        if not speakers and token in _NOUNISH and not _AND_BEFORE.search(before[-20:]):
            continue  # ("..., but added he did not know": a coordinated verb all the same)
        coordinated = bool(re.search(r"(?:,|\band|\bbut)\s*(?:(?:has|have|had|also|then)\s+)*$",
                                     before))
        # "..., a spokesperson, Ivan Petrenko, said": the comma closed an appositive
        coordinated = coordinated and not speakers
        if not speakers and coordinated:
            if attributions:
                speakers = attributions[-1].speakers
            else:
                speakers = _main_subject(mentions, sentence, _clause_start(sentence, w.start()),
                                         w.start()) or \
                    _main_subject(mentions, sentence, 0, w.start())  # "X did Y, but said"
        if not speakers and token.endswith("ing") and (
                _PARTICIPLE_BEFORE.search(before) or token == "asking"):
            # "X crossed red lines by suggesting that ...", "X launched a poll asking whether":
            # the participle's subject is the clause's
            speakers = _main_subject(mentions, sentence, _clause_start(sentence, w.start()),
                                     w.start())
            coordinated = bool(speakers)
        if not speakers:
            continue
        if rules.tracing_active():
            near = [m.name for m in mentions if 0 <= w.start() - m.end <= 160]
            how = "after the verb" if inverted else "coordinated verb" if coordinated else \
                "relative 'who'" if who_clause else "subject before the verb"
            rules.note(R_INVERTED.id if inverted else R_INDIRECT.id, "candidate",
                       f"{token!r}: " + ", ".join(dict.fromkeys(near[-4:])) or "none named")
            rules.note(R_INVERTED.id if inverted else R_INDIRECT.id, "chose",
                       f"{' and '.join(m.name for m in speakers)} ({how}) for {token!r}")
        attribution = _Attribution(w.start(), span_end, lemma, speakers)
        content_after = None if inverted else _content_after(
            sentence, span_end, lemma, group, lemma in clause_or_object, quotes)
        if content_after and who_clause:
            # "X, who has said Y, met ...": Y ends where the relative clause does
            cut = sentence.find(",", content_after[0], content_after[1])
            while cut != -1 and _inside(cut, quotes):
                cut = sentence.find(",", cut + 1, content_after[1])
            if cut != -1:
                content_after = (content_after[0], cut)
        # post-attribution: "<clause>, Kyiv said" -> the clause before is what was said
        told = _TELL_OBJECT.match(after) if lemma == "tell" else None
        after_object = after[told.end():] if told else after
        post = not inverted and content_after is None and not coordinated and \
            bool(_POST_LEAD.search(sentence[max(0, speakers[0].start - 200):speakers[0].start])) \
            and bool(re.match(r"\s*(?:[,.;]|:(?!\s*[“\"‘])|$|\s(?:in|at|during|after|late|"
                              r"earlier|last|according|this|yesterday|today|overnight|"
                              r"previously|recently|again|also|too)\b|\s[A-Z])", after_object)
                     or lemma != "call" and re.match(r"\s+on\b", after_object))
        split = _split_attribution(sentence, speakers[0].start, span_end, quotes) \
            if not inverted and content_after is None else None
        if split:
            # "Any settlement, he said, depended on ...": one statement from both parts
            attribution.content, attribution.content2 = split
            attribution.rule = R_SPLIT.id
            rules.note(R_SPLIT.id, "found", "the clause runs on both sides of the attribution")
        elif inverted or post:
            left_end = speakers[0].start if post else w.start()
            if post:
                # "..., President Volodymyr Zelensky told": the title is the speaker's; so is
                # "..., the governor of Luhansk, Serhiy Haidai, wrote"
                left_end = _before_title(sentence, left_end)
                left_end = _before_role_appositive(sentence, left_end)
            left = sentence[:left_end].rstrip(" ,")
            # a clause before "..., Kyiv said" runs from the sentence start (past ", but")
            left_start = _clause_start(sentence, len(left)) if inverted else \
                _post_start(sentence, len(left), quotes)
            dateline = _DATELINE.match(sentence, left_start)
            if dateline:
                left_start = dateline.end()
            disc = _DISCOURSE.match(sentence[left_start:])
            if disc:
                left_start += disc.end()
            if _ASKED.match(sentence, left_start):
                left_end = left_start  # "Asked whether ..., X said": the question, not X's words
            if post and any(qs - 1 <= left_start and _DESCRIPTOR_ONLY.fullmatch(
                    sentence, min(qe + 1, len(left)), len(left)) for qs, qe in quotes):
                left_end = left_start  # ('"...," survivor X said': the quotation says it all)
            if post and _PARTICIPLE_LEAD.match(sentence, left_start, len(left)):
                rules.note(R_POST.id, "vetoed", "a participle phrase, not a reported clause")
                left_end = left_start  # "Buoyed by its gains, the ministry called on ..."
            if 10 < left_end - left_start and not any(
                    qs <= left_start < qe for qs, qe in quotes) and (
                    inverted or _FINITE.search(sentence, left_start, len(left))):
                # (not "In an interview late on Monday, X said": no clause there)
                attribution.content = (left_start, len(left))
                attribution.before = True
                attribution.rule = R_INVERTED.id if inverted else R_POST.id
        else:
            attribution.content = content_after
            attribution.rule = R_INDIRECT.id
        attributions.append(attribution)

    # "according to X" (not for a sentence that gives numbers: X is then their source)
    # (a named person is a speaker even there: "..., according to governor Oleksandr Prokudin")
    for m in re.finditer(r"\baccording to\s+(?:the\s+)?", sentence, re.I):
        if any(a.verb_start < m.start() and not a.lemma == "according" and
               a.verb_start >= _clause_start(sentence, m.start()) for a in attributions):
            break  # ("X said Y, according to Z": X's clause, Z is the source of the report)
        first = sentence[m.end():m.end() + 40].split()
        if first and first[0].lower().strip(",.") in channels:
            continue
        # title words may come first: "according to regional head Oleksandr Prokudin"
        target = [x for x in mentions if not x.possessive and 0 <= x.start - m.end() <= 80
                  and _TITLE_GAP.fullmatch(sentence, m.end(), x.start)]
        if not target:
            continue
        target = target[:1]
        if metrics_here and (target[0].kind != "person" or target[0].role_phrase):
            continue
        if m.start() == 0 or _DISCOURSE.fullmatch(sentence[:m.start()]):
            # "According to Zelensky, the plan would ...": the clause after the name
            # ("According to NATO there will be ...": no comma either)
            comma = re.match(r"\s*,\s*|\s+(?=(?:there|the|a|an|it|its|he|she|they)\b)",
                             sentence[target[0].end:target[0].end + 20])
            if comma and len(sentence) - target[0].end > 15:
                start = target[0].end + comma.end()
                attributions.append(_Attribution(m.start(), m.end(), "according", target,
                                                 (start, len(sentence.rstrip(" ."))),
                                                 rule=R_ACCORDING.id))
            continue
        left = sentence[:m.start()].rstrip(" ,")
        start = 0
        disc = _DISCOURSE.match(left)
        if disc:
            start = disc.end()
        if len(left) - start > 10:
            attributions.append(_Attribution(m.start(), m.end(), "according", target,
                                             (start, len(left)), rule=R_ACCORDING.id))

    # A participle that reports a clause ("..., stating that X") replaces the plain noun
    # phrase object of the verb before it ("reaffirmed his demands, stating that X").
    for a, b in zip(attributions, attributions[1:], strict=False):
        if a.content and b.content and a.speakers == b.speakers and a.lemma in clause_or_object \
                and not re.match(r"\s*(?:that\b|\w+\s+\w+\s+that\b)",
                                 sentence[a.verb_end:a.content[0] + 5]) \
                and b.content[0] > a.content[1] and b.lemma not in _LABELLING:
            a.suppressed = True

    # 'He said the U.S. proposed holding talks': a speech act reported inside another's clause
    # is the outer speaker's statement, not one of its own
    for b in attributions:
        outer = next((a for a in attributions if a is not b and a.content and
                      a.content[0] <= b.verb_start < a.content[1] and
                      {m.name for m in a.speakers} != {m.name for m in b.speakers} and
                      not a.before), None)
        if outer is not None:
            b.suppressed = True
            b.outer = outer
            rules.note(R_NESTED.id, "vetoed", f"{b.lemma!r} inside another speaker's clause")
    # '..., Dmitriev estimates that "...," he said': the clause before "he said" has its own
    # verb of saying, which reports it (whether or not its speaker was found: "The ministry
    # said that ..., The New York Times reported")
    for a in attributions:
        if a.before and a.content and any(
                a.content[0] <= v < a.content[1]
                for v in [*verb_positions, *(b.verb_start for b in attributions if b is not a)]):
            a.suppressed = True
    seen: set[tuple[str, str]] = set()
    for a in attributions:
        for speaker in a.speakers:
            if speaker.name not in out.speakers:
                out.speakers.append(speaker.name)
        if a.content is None or a.suppressed:
            continue
        parts = [a.content] if a.content2 else _and_that_parts(sentence, a.content, quotes)
        for s, e in parts:
            text = original[s:e].strip()
            if a.content2:
                text = text + " " + original[a.content2[0]:a.content2[1]].strip()
                e = a.content2[1]
            text = re.sub(r"^(?:that\s+)", "", text)
            # a photo credit or a stray comma at the front is no part of what was said
            text = _LEADING_JUNK.sub("", text)
            if len(_WORD.findall(text)) < 2:
                continue
            # mostly a quotation already: the direct statement says it
            if _only_quoted(sentence, s, e, quotes, a.lemma):
                rules.note(R_PARTIAL.id, "dropped",
                           f"indirect {text[:40]!r}: the quoted words are the whole content")
                continue
            for speaker in a.speakers:
                key = (speaker.name, text)
                if key not in seen:
                    seen.add(key)
                    out.statements.append(Statement(speaker.name, text, "indirect", s, e,
                                                    a.rule or R_INDIRECT.id, speaker.role,
                                                    a.verb_start))
    out.has_attribution = bool(attributions)

    # direct quotations, owned by a verb of the same (glued) sentence
    ends = [m.start() for m in _GLUED_END_RE.finditer(sentence) if not _inside(m.start(), quotes)]

    def apart(a: int, b: int) -> bool:
        i = bisect_right(ends, a)
        return i < len(ends) and ends[i] < b

    for qs, qe in quotes:
        text = original[qs:qe].strip()
        if not _WORD.search(text):
            continue
        if is_title(text):
            rules.note(R_TITLE_QUOTE.id, "vetoed", f"{text!r} is a name in quotation marks")
            continue  # NBC's "Meet The Press", "The Wagner Line": a name, not words said
        owner = None
        before_q = [a for a in attributions if a.verb_end <= qs and not apart(a.verb_end, qs)]
        after_q = [a for a in attributions if a.verb_start >= qe and not apart(qe, a.verb_start)]
        if before_q:
            owner = max(before_q, key=lambda a: a.verb_end)  # the nearest before it
        elif after_q:
            owner = min(after_q, key=lambda a: a.verb_start)
        if owner is not None and owner.outer is not None and owner.speakers and \
                _subordinate_before(sentence, owner.outer.verb_end, owner.speakers[0].start) \
                and "," in sentence[owner.verb_end:qs]:
            # "She added that because X said ..., “...”": the quotation after the subordinate
            # clause is the main clause's (hers), not the embedded speaker's
            rules.note(R_SUBORDINATE_QUOTE.id, "chose",
                       f"{owner.outer.speakers[0].name}, not {owner.speakers[0].name}")
            owner = owner.outer
            direct_rule = R_SUBORDINATE_QUOTE.id
        else:
            direct_rule = R_DIRECT.id
        if owner is None or owner.lemma == "according":
            continue
        for speaker in owner.speakers:  # v2: one statement per named speaker
            out.statements.append(Statement(speaker.name, text, "direct", qs, qe, direct_rule,
                                            speaker.role, owner.verb_start))
    _join_split_quotes(sentence, out.statements)
    # "X said in a statement:" with no quotation after: the paragraphs that follow are X's
    if attributions and re.search(r":\s*$", sentence) and not any(
            qs > attributions[-1].verb_end for qs, _ in quotes):
        out.opens_block = attributions[-1].speakers[0].name
    return out


_NOT_CONTENT_WORDS = {"that", "the", "a", "an", "as", "of", "for", "its", "his", "her", "their",
                      "this", "these", "those", "to", "and", "was", "is", "were", "are", "be"}


_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def _before_title(sentence: str, end: int) -> int:
    """Where the title words before a speaker's name start ("..., Ukrainian President X")."""
    titles = title_words()
    seen_title = False
    for _ in range(8):
        m = _WORD_BEFORE.search(sentence, max(0, end - 40), end)
        if not m:
            break
        raw = m.group(1)
        word = raw.rstrip(",;")
        if fold(word).rstrip(".") in titles or word in demonyms() or \
                word.lower() in {"the", "a", "an"}:
            seen_title = True
        elif not (seen_title and raw == word and re.fullmatch(r"[A-Z][\w.’'-]*", word)):
            break  # (capitalised words before a title own it: "State Department spokesman";
            # a comma ends the title: "... in Dnipro, regional governor X said")
        end = m.start()
    return end


_CITED_AS = re.compile(r"\b(?:cit(?:ed|es|ing)|quot(?:ed|es|ing))\s+(.{2,100}?)\s+as\s+$")
_PARTICIPLE_BEFORE = re.compile(r"\b(?:by|after|before|while|when)\s+$")
_WHO_BEFORE = re.compile(r",\s*(?:who|which)\s+(?:(?:has|have|had|also|repeatedly|previously|then|"
                         r"later|recently|once|[a-z]+ly)\s+){0,3}$")
_AND_BEFORE = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$")
_INVERTED_GAP = re.compile(r"[\s\w.’'-]*(?:,\s*[\s\w.’'-]*)?")
_GAP_WORDS = {"the", "a", "an", "of", "for", "to", "and", "’s", "'s"}


def _inverted_gap(sentence: str, start: int, end: int) -> bool:
    """Between an inverted verb and its speaker only a title and its owner stand ("said
    Ukraine's prosecutor general, X"), no clause ("said that despite efforts to engage X")."""
    if not _INVERTED_GAP.fullmatch(sentence, start, end):
        return False
    titles = title_words()
    loose = 0  # lowercase words that are no title: "infrastructure" in "... minister"
    has_title = False
    for word in re.findall(r"[\w.’'-]+", sentence[start:end]):
        low = fold(word).rstrip(".")
        has_title = has_title or low in titles
        if not (word[:1].isupper() or low in titles or low in _GAP_WORDS or word[:1].isdigit()):
            loose += 1
    return loose == 0 or loose <= 2 and has_title
_SPLIT_LEFT = re.compile(r",\s*$")
# (not "..., X said, adding that ...": a participle of saying starts a statement of its own;
# nor "..., X said, but ...": a new clause)
_SPLIT_RIGHT = re.compile(r"\s*(?:on\s+\w+\s+|in\s+an?\s+\w+\s+)?,\s+"
                          r"(?!(?:adding|noting|saying|stressing|warning|insisting|arguing|"
                          r"explaining|claiming|calling|urging|accusing|describing|citing|"
                          r"while|but|as|after|before|when|which|who)\b)(?=[a-z“\"])")


def _split_attribution(sentence: str, speaker_start: int, verb_end: int,
                       quotes: list[tuple[int, int]]) -> tuple[tuple[int, int],
                                                                tuple[int, int]] | None:
    """'Any settlement, he said, depended on ...': the spans of the two parts, or None."""
    if not _SPLIT_LEFT.search(sentence, max(0, speaker_start - 3), speaker_start):
        return None
    right = _SPLIT_RIGHT.match(sentence, verb_end)
    if not right:
        return None
    left_end = len(sentence[:speaker_start].rstrip(" ,"))
    left_start = _clause_start(sentence, left_end)
    disc = _DISCOURSE.match(sentence, left_start)
    if disc:
        left_start = disc.end()
    if left_end - left_start < 3 or _inside(left_start, quotes) or \
            len(_WORD.findall(sentence[left_start:left_end])) > 12:
        return None
    start = right.end()
    end = _clause_end(sentence, start, quotes)
    if end - start < 3:
        return None
    return (left_start, left_end), (start, end)


MAX_CLAUSE = 700  # characters: a reported clause longer than this is cut (a run-on text)


def _clause_end(sentence: str, start: int, quotes: list[tuple[int, int]]) -> int:
    """Where a reported clause starting at `start` ends: the first boundary outside quotes."""
    end = min(len(sentence), start + MAX_CLAUSE)
    for b in _boundary().finditer(sentence, start, end):
        if not _inside(b.start(), quotes):
            end = b.start()
            break
    while end > start and sentence[end - 1] in " .,;:":
        end -= 1
    return end


_AND_THAT = re.compile(r",?\s+and\s+that\s+")


def _and_that_parts(sentence: str, content: tuple[int, int],
                    quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'said X and that Y': two reported clauses, two statements."""
    s, e = content
    parts: list[tuple[int, int]] = []
    for m in _AND_THAT.finditer(sentence, s, e):
        if _inside(m.start(), quotes):
            continue
        parts.append((s, m.start()))
        s = m.end()
    parts.append((s, e))
    if len(parts) > 1:
        rules.note(R_AND_THAT.id, "found", f"{len(parts)} clauses joined by 'and that'")
    return parts


_ROLE_APPOSITIVE = re.compile(r"(?:^|[,”\"])\s*((?:the|a|an)\s+[^,”\"]{2,80}?),\s*$")


def _before_role_appositive(sentence: str, end: int) -> int:
    """Where '..., the governor of X, ' before a speaker's name starts (else `end`)."""
    m = _ROLE_APPOSITIVE.search(sentence, max(0, end - 90), end)
    if not m:
        return end
    titles = title_words()
    if any(fold(w).rstrip(".,") in titles for w in m.group(1).split()):
        return m.start(1)
    return end


def _only_quoted(sentence: str, s: int, e: int, quotes: list[tuple[int, int]],
                 lemma: str) -> bool:
    """v2: a reported clause partly in quotation marks is an indirect record (marks kept) and
    a direct one; when the quoted words are the whole content ("called the talks
    'productive'", "accused the bloc of 'covering up ...'"), only the direct record."""
    inside = [(qs, qe) for qs, qe in quotes if qs < e and qe > s]
    if not inside:
        return False
    parts: list[str] = []
    at = s
    for qs, qe in inside:
        parts.append(sentence[at:max(at, qs - 1)])
        at = max(at, qe + 1)
    parts.append(sentence[at:e] if at < e else "")
    words = [w.lower() for w in _WORD.findall(" ".join(parts))]
    if lemma in _OBJECT_THEN_QUOTE:
        # the object before "of"/"for"/"as" is no content of its own: "accused X of '...'"
        cut = next((i for i, w in enumerate(words) if w in {"of", "for", "as"}), None)
        if cut is not None:
            words = words[cut + 1:]
    return not [w for w in words if w not in _NOT_CONTENT_WORDS]


_OBJECT_THEN_QUOTE = {"rebuff", "accuse", "condemn", "criticize", "dismiss", "describe",
                      "characterize",
                      "call", "blame", "praise", "thank", "reject", "slam", "decry"}
_NEEDS_THAT = {"post", "tweet", "reply", "respond", "recall", "complain", "write", "highlight",
               "hint", "point out"}
_RELATIVE_REST = re.compile(r"(?:would|will|could|can|should|might|may|must|was|were|is|are|"
                            r"had|has|have)\b")
# verbs whose content may be an infinitive: "pledged to recover", "urged X to provide"
_INFINITIVE = {"pledge", "promise", "vow", "refuse", "threaten", "urge", "ask", "demand",
               "propose", "call", "press"}


def _content_after(sentence: str, pos: int, lemma: str, group: str, takes_object: bool,
                   quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """What a speech verb at `pos` reports: its clause or object, up to a boundary."""
    after = sentence[pos:]
    offset = pos
    if lemma == "tell":
        obj = _TELL_OBJECT.match(after)
        if obj:
            offset += obj.end()
            after = sentence[offset:]
        named = _QUOTED_NAME.match(after)
        if named and _TITLE_CASE.fullmatch(named.group(1)):
            offset += named.end()  # 'told NBC’s “Meet The Press” that ...'
            after = sentence[offset:]
    time = _TIME_AFTER_VERB.match(after)
    if time:
        offset += time.end()
        after = sentence[offset:]
    aside = _ASIDE_AFTER_VERB.match(after)
    if aside:  # "Turkey has said, however, that ...": the aside is not what was said
        offset += aside.end()
        after = " " + sentence[offset:]
        offset -= 1
    if _SUBORDINATE_AFTER_VERB.match(after):
        return None
    if lemma == "call":
        on = re.match(r"\s+(?:up)?on\s+(?=\S)", after)
        if on:  # "called on Russian troops to surrender": whom, and what they are to do
            return _finish_content(sentence, offset + on.end(), quotes)
    start: int | None = None
    that = re.match(r"^((?:(?!\band\s+that\b)[^,:;“”\"(]){0,70}?)\bthat\b\s*", after)
    infinitive = re.match(r"^\s+(?:for\s+(?=\w)|to\s+(?=[a-z]))", after) \
        if lemma in _INFINITIVE else None
    if that and group == "clause" and len(that.group(1).split()) <= 9:
        start = offset + that.end()
    elif infinitive and not (lemma == "call" and after.lstrip().startswith("to")):
        # "pledged to recover ...", "called for a ceasefire": the verb's complement
        start = offset + (infinitive.end() if lemma == "call" else
                          len(after) - len(after.lstrip()))
    elif re.match(r"^\s*[“\"]", after) and group == "clause" and \
            _QUOTE_THEN_MORE.match(sentence, offset):
        # 'said "the worst is perhaps ahead of us" if ... continue': the clause goes on
        # past the quotation, so it is reported speech that quotes
        start = offset + len(after) - len(after.lstrip())
    elif re.match(r"^\s*[:“\"]", after) or re.match(r"^\s*,", after):
        return None
    elif group == "object" or takes_object:
        if lemma in _LABELLING and not _LABEL_AS.match(sentence, offset):
            return None  # ("called the talks 'productive'": the direct record says it)
        prep = re.match(r"^\s+(?:on|of|about|to)\s+", after) if lemma in {
            "insist", "warn", "demand", "express"} else None
        if prep:
            start = offset + prep.end()
        else:
            first = re.match(r"^\s+([\w’'-]+)", after)
            if not first or first.group(1).lower() in _PREPOSITIONS | {"as", "and", "but"}:
                return None
            start = offset + len(after) - len(after.lstrip())
            # a clause with no "that" ("confirmed discussions were underway")
    else:
        first = re.match(r"^\s+([\w’'-]+)(\s+\d)?", after)
        if first and first.group(1).lower() in ("in", "at", "during", "after") and \
                not first.group(2):
            # "said at the last meeting the envoys agreed ...": a clause with
            # its own subject and verb after a short phrase (not "said in a statement")
            channel = _CHANNEL_PHRASE.match(after)
            lead = channel or _LEADING_PHRASE.match(after)
            if lead and not channel and re.search(r"\b(?:the|a|an|his|her)\s+$", lead.group(0)):
                lead = None  # ("wrote in the Times earlier, “...”": the name ends no phrase)
            if lead:
                rest = after[lead.end():].lstrip()
                if re.match(r"(?:the|a|an|he|she|it|they|we|[A-Z][\w’'-]+)\s", rest) and \
                        _FINITE.search(" ".join(rest.split()[:6])):
                    # ("said in a statement the talks had failed": what follows the channel)
                    start = offset + (len(after) - len(rest) if channel else
                                      len(after) - len(after.lstrip()))
                    return _finish_content(sentence, start, quotes)
        if not first or (first.group(1).lower() in _PREPOSITIONS | {"as", "and", "but", "so"}
                         and not first.group(2)):
            return None
        window = " ".join(after.split()[:12])
        if lemma not in {"say", "state", "note", "indicate", "confirm", "claim", "add"} and \
                not _FINITE.search(window):
            return None
        start = offset + len(after) - len(after.lstrip())
    if start is None:
        return None
    if lemma in _NEEDS_THAT and not that:
        return None  # "posted a poll": the post is no reported clause
    return _finish_content(sentence, start, quotes)


def _finish_content(sentence: str, start: int,
                    quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    if _RELATIVE_REST.match(sentence, start):
        return None  # "the equipment that he said would help": a relative clause
    end = _clause_end(sentence, start, quotes)
    channel = _CHANNEL_AT_END.search(sentence, start, end)
    if channel and not _inside(channel.start(), quotes):
        end = channel.start()  # "promised to rebuild the bridges in a late night video address"
    but = _BUT_NEW_CLAUSE.search(sentence, start, end)
    if but and not _inside(but.start(), quotes) and \
            not _VERB_OF_ITS_OWN.search(sentence, start, but.start()):
        # "denies targeting civilians but many towns have been left in ruins": an object
        # (no verb of its own) ends where a new clause with its own verb begins
        end = but.start()
    if end - start < 3:
        return None
    if _ANAPHORIC_OBJECT.fullmatch(sentence, start, end):
        rules.note(R_ANAPHORIC.id, "vetoed", f"{sentence[start:end]!r} reports nothing")
        return None
    return (start, end)


_AGE_BEFORE = re.compile(r",\s*\d{1,3}$")
_ASIDE_AFTER_VERB = re.compile(r"\s*,\s*(?:however|though|too|also|meanwhile|moreover|"
                               r"nonetheless|nevertheless|again)\s*,(?=\s+that\b)", re.I)
# where a speech act was made, at the end of what it reports: "... in a video address"
_CHANNEL_AT_END = re.compile(
    r",?\s+(?:in|on|during)\s+(?:a|an|his|her|its|their|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:video(?:\s+address)?|address|statement|post|interview|speech|briefing|message|"
    r"broadcast|tweet|telegram\s+post)(?:\s+(?:posted\s+|published\s+|released\s+)?(?:on|to)\s+"
    r"[\w\s’'-]{0,40})?[\s.]*$", re.I)
_VERB_OF_ITS_OWN = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|can|did|"
                              r"does|do|\w{3,}ed)\b")
_BUT_NEW_CLAUSE = re.compile(
    r",?\s+but\s+(?=(?:[\w’'-]+,?\s+){0,6}(?:is|are|was|were|has|have|had|will|would|"
    r"could|can|did|does)\b)")
# "rejected this condition", "dismissed it": an object that only points back reports nothing
_ANAPHORIC_OBJECT = re.compile(
    r"(?:this|these|those|such)(?:\s+[a-z][\w-]*){0,2}|it|them", re.I)
R_ANAPHORIC = rules.rule(
    "speech.veto.anaphoric_object", "veto",
    "'Kyiv rejected this condition': an object that only points back to another sentence "
    "reports nothing of its own")


def _join_split_quotes(sentence: str, statements: list[Statement]) -> None:
    """`"We ...," he said, "and ..."` is one statement: join two direct quotes of one speaker
    separated only by a short attribution."""
    i = 0
    while i + 1 < len(statements):
        a, b = statements[i], statements[i + 1]
        between = sentence[a.end:b.start]
        if a.mode == b.mode == "direct" and a.speaker == b.speaker and \
                a.quote.rstrip().endswith(",") and len(between.split()) <= 7 and \
                re.search(r"\b(?:said|says|added|told|asked|continued|wrote|explained|noted|"
                          r"insisted|stressed|argued|warned)\b", between) and \
                not re.search(r"\b(?:adding|and\s+added)\b", between):
            # (not '"...," X said, adding, "...": a second speech act, a second statement)
            statements[i] = Statement(a.speaker, a.quote + " " + b.quote, "direct", a.start,
                                      b.end, R_DIRECT.id)
            del statements[i + 1]
            continue
        i += 1
