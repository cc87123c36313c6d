"""Statements across sentences: the named steps that `quotes.analyse` (one sentence) cannot take.

- ``step.block_quote``: "X said in a statement:" and then paragraphs of X's words with no
  quotation marks: one direct record per paragraph, bounded in length and in paragraphs.
- ``step.continued_quote``: a sentence that opens with a quotation and names no speaker
  continues the quotation of the speaker just before (the next sentence of the same
  paragraph, or the first of the next paragraph).
- ``step.statement_date``: a statement's date is the day of its speech act ("said on
  Tuesday"); the next statements of the same speech act ("he added", the quotation continued)
  carry it.
- ``step.role_forward``: a speaker known only by a role when first quoted ("the deputy
  foreign minister said") takes the name the article gives the role later.

`SpeechFlow` keeps the state of one article; `store.extract._run` calls it sentence by
sentence. Nothing here does I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.extract import dates as dates_mod
from store.extract import rules
from store.extract.actors import BARE_ROLE, R_ROLE_OWNER, ActorBook, role_owner
from store.extract.quotes import R_DIRECT, R_INDIRECT, SentenceSpeech, Statement, is_title
from store.extract.records import StatementRecord
from store.extract.sentences import Sentence
from store.extract.topics import topics_of

R_BLOCK = rules.rule(
    "step.block_quote", "step",
    "'X said in a statement:' then paragraphs of X's words: one direct record a paragraph, "
    "at most MAX_BLOCK_PARAGRAPHS paragraphs of at most MAX_BLOCK_CHARS characters")
R_CONTINUED = rules.rule(
    "step.continued_quote", "step",
    "a sentence opening with a quotation and naming no speaker continues the quotation just "
    "before it (same paragraph, or the first sentence of the next)")
R_DATE = rules.rule(
    "step.statement_date", "step",
    "a statement's date is the day its sentence gives the speech act; the statements that "
    "continue the same speech act carry it")
R_ROLE_FORWARD = rules.rule(
    "step.role_forward", "step",
    "a speaker known only by a role ('the deputy foreign minister') takes the name the "
    "article gives that role, earlier or later")
R_FURNITURE = rules.rule(
    "step.veto.link_line", "veto",
    "a related-links line between paragraphs ('Related: ... says X', '* list 2 of 4 ...') is "
    "page furniture: no statement, and no speaker for the 'he added' after it",
    words=("related", "list", "read more", "watch"))
# a related-links line standing alone (a sentence with no line break inside)
_LINK_LINE = re.compile(r"\s*(?:\*\s*list\s+\d|Related\s*:|Read\s+more\s*:|READ\s+MORE\b|"
                        r"Watch\s*:)[^\n]*[^.!?”\"’'\s]\s*$")  # (a headline: no full stop)
# a sentence that opens with a quotation, maybe after a conjunction ('But, "as for ...')
_OPENS_WITH_QUOTE = re.compile(r"\s*(?:(?:But|And|Yet|So|Still),?\s+)?[“\"«]")
MAX_BLOCK_CHARS = 900  # one paragraph of a block quote; a longer one is cut at a sentence
MAX_BLOCK_PARAGRAPHS = 6  # paragraphs a block quote may run over
MAX_CONTINUED_GAP = 1  # sentences between a quotation and its continuation


# A speaker that is still a generic role phrase once the article is read: one of many who
# could say it ("a Ukrainian presidential adviser", "a senior US official"), who speaks as the
# body the role belongs to (v2). A unique office left unnamed ("Kyiv’s chief negotiator",
# "Mariupol's mayor") is one person: the gold keeps the role phrase for it.
_UNNAMED_ROLE = re.compile(r"\b(?:officials?|advis[eo]rs?|aides?|diplomats?|sources?|"
                           r"representatives?)\b")


@dataclass
class _Last:
    speaker: str
    paragraph: int
    index: int
    record: StatementRecord


class SpeechFlow:
    """The cross-sentence state of one article's statements."""

    def __init__(self, text: str, book: ActorBook) -> None:
        self.text = text
        self.book = book
        self.block_speaker: str | None = None
        self.block_paragraph = -1
        self.block_paragraphs = 0
        self.block_record: StatementRecord | None = None
        self.last: _Last | None = None
        # records whose speaker is only the gazetteer's holder of a role phrase
        self.roles: list[tuple[StatementRecord, str]] = []

    # ---- step.block_quote ---------------------------------------------------------------
    def block_quote(self, sentence: Sentence, speech: SentenceSpeech,
                    quotes: list[tuple[int, int]], out: list[StatementRecord]) -> bool:
        """True when the sentence is part of a block quote (its record is made or grown)."""
        in_block = False
        if self.block_speaker and not quotes and not speech.has_speech_verb and \
                not speech.has_attribution and \
                sentence.paragraph - self.block_paragraph <= 1 and \
                self.block_paragraphs < MAX_BLOCK_PARAGRAPHS:
            in_block = True
            record = self.block_record
            if record is not None and sentence.paragraph == self.block_paragraph and \
                    sentence.end - record.span[0] <= MAX_BLOCK_CHARS:
                start = record.span[0]
                evidence = self.text[start:sentence.end]
                record.quote = evidence
                record.evidence = evidence
                record.span = (start, sentence.end)
                record.topics = topics_of(evidence)
            else:
                if record is None or sentence.paragraph != self.block_paragraph:
                    self.block_paragraphs += 1
                record = StatementRecord(
                    self.block_speaker, sentence.text, "direct", None, topics_of(sentence.text),
                    sentence.text, (sentence.start, sentence.end), rule=R_BLOCK.id)
                if self.last is not None and self.last.speaker == self.block_speaker and \
                        self.last.record.date:
                    record.date = self.last.record.date
                    record.date_precision = self.last.record.date_precision
                out.append(record)
                self.block_record = record
                rules.note(R_BLOCK.id, "found", f"paragraph of {self.block_speaker}'s words")
            self.block_paragraph = sentence.paragraph
        else:
            self.block_speaker, self.block_record = None, None
        if speech.opens_block:
            self.block_speaker = speech.opens_block
            self.block_paragraph = sentence.paragraph
            self.block_paragraphs = 0
            self.block_record = None
        return in_block

    # ---- step.continued_quote -----------------------------------------------------------
    def continued(self, sentence: Sentence, index: int, speech: SentenceSpeech,
                  quotes: list[tuple[int, int]]) -> list[Statement]:
        """The quotations of a sentence that continues the speaker just before."""
        last = self.last
        if speech.statements or not quotes or speech.has_attribution or last is None or \
                speech.has_speech_verb or not _OPENS_WITH_QUOTE.match(sentence.text):
            return []
        next_in_paragraph = index - last.index <= 1 + MAX_CONTINUED_GAP and \
            sentence.paragraph == last.paragraph
        next_paragraph = sentence.first_in_paragraph and \
            sentence.paragraph - last.paragraph <= 1
        if not (next_in_paragraph or next_paragraph):
            return []
        spoken = [(qs, qe) for qs, qe in quotes
                  if not is_title(sentence.text[qs:qe].strip())]
        if not spoken:
            return []  # ('"Sesame Street," which launched in 1969, ...': a name, no speech)
        rules.note(R_CONTINUED.id, "found", f"quotation continued: {last.speaker}")
        return [Statement(last.speaker, sentence.text[qs:qe].strip(), "direct", qs, qe,
                          R_CONTINUED.id) for qs, qe in spoken]

    # ---- records, with step.statement_date -----------------------------------------------
    def records(self, sentence: Sentence, index: int, statements: list[Statement],
                quotes: list[tuple[int, int]],
                date_mentions: list[dates_mod.DateMention]) -> list[StatementRecord]:
        if statements and R_FURNITURE.may_fire(sentence.text.lower()) and \
                _LINK_LINE.match(sentence.text.strip()):
            rules.note(R_FURNITURE.id, "vetoed", "a related-links line")
            return []
        outside = [m for m in date_mentions if not any(qs <= m.start < qe for qs, qe in quotes)]
        made: list[StatementRecord] = []
        sentence_topics: list[str] | None = None
        for st in statements:
            # the day of the speech act ("said on Tuesday"), not a day inside what was said
            act = [m for m in outside if st.mode == "direct" or
                   not st.start <= m.start < st.end]
            d = dates_mod.best_for(act, st.verb if st.verb >= 0 else st.start)
            topics = topics_of(st.quote)
            if not topics:
                if sentence_topics is None:
                    sentence_topics = topics_of(sentence.text)
                topics = sentence_topics
            record = StatementRecord(
                st.speaker, st.quote, st.mode, d.date if d else None, topics, sentence.text,
                (sentence.start, sentence.end), d.precision if d else "unknown",
                rule=st.rule or (R_DIRECT.id if st.mode == "direct" else R_INDIRECT.id))
            last = self.last
            if record.date is None and last is not None and last.speaker == st.speaker and \
                    last.record.date and (index - last.index <= 1 or
                                          st.rule == R_CONTINUED.id):
                # the same speech act goes on: "he added", the quotation continued
                record.date, record.date_precision = last.record.date, \
                    last.record.date_precision
                rules.note(R_DATE.id, "dated", f"{record.date} from the statement before")
            made.append(record)
            if st.role:
                self.roles.append((record, st.role))
            self.last = _Last(st.speaker, sentence.paragraph, index, record)
            self.book.note_speaker(st.speaker)
        return made

    # ---- step.role_forward ----------------------------------------------------------------
    def finish(self, statements: list[StatementRecord]) -> None:
        """Speakers known only by a role take the name the article gives the role."""
        phrases = {id(record): phrase for record, phrase in self.roles}
        unresolved: set[int] = set()
        for record in statements:
            phrase = phrases.get(id(record), record.speaker)
            bare = phrase.startswith(BARE_ROLE)
            phrase = phrase.removeprefix(BARE_ROLE)
            name = self.book.holder_of(phrase)
            if name and name != record.speaker:
                rules.note(R_ROLE_FORWARD.id, "chose", f"{record.speaker!r} is {name}")
                record.speaker = name
            elif bare:
                unresolved.add(id(record))
                rules.note(R_ROLE_FORWARD.id, "dropped", f"no one in the article is {phrase!r}")
        if unresolved:
            statements[:] = [r for r in statements if id(r) not in unresolved]
        for record in statements:
            if not _UNNAMED_ROLE.search(record.speaker):
                continue
            owner = role_owner(record.speaker)
            if owner and owner != record.speaker:
                rules.note(R_ROLE_OWNER.id, "chose",
                           f"{record.speaker!r} is named nowhere: speaks as {owner}")
                record.speaker = owner
