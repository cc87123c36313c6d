"""Sentence splitting with character offsets into the raw article text.

Survives abbreviations (U.S., Gen., Sept., No. 2, a.m.), keeps a quotation that runs over
several sentences in one unit, drops bullet markers, and flags the lines that are not prose:
the `date ...` header, photo credit lines, headlines, navigation crumbs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.extract.gazetteer import lexicon

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "gov", "sen", "rep", "st", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "approx", "inc", "corp", "ltd", "jr",
    "sr", "fig", "est", "dept", "gov't", "cmdr", "brig", "pvt", "cpl", "sq", "km", "mln", "bn",
}
# After these initialisms a capitalised word usually starts a new sentence only if it is one
# of the common sentence openers.
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_OPENERS = {
    "The", "A", "An", "It", "He", "She", "They", "We", "I", "But", "And", "In", "On", "At",
    "This", "That", "These", "Those", "Meanwhile", "However", "Its", "His", "Her", "Their",
    "There", "As", "After", "Before", "When", "While", "Yet", "So", "Still", "Earlier",
    "Later", "Since", "Despite", "Although", "Both", "Officials", "Russia", "Ukraine",
}
OPEN_QUOTES = "“«„"  # double quotation marks that open (straight " is both)
CLOSE_QUOTES = "”»"
_BULLET = re.compile(r"^[ \t]*(?:[-*•▪●◦‣–—]|\d{1,2}[.)])[ \t]+")
_DATE_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)
_END = re.compile(r"[.!?…]+")
_FOOTNOTES = re.compile(r"(?:\[\d{1,3}\])+")
_FOOTNOTES_AT_END = re.compile(r"(?<=[.!?…\"”’')])(?:\[\d{1,3}\])+$")
_LOOKBEHIND = 64  # characters: longer than any abbreviation or initialism
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z][A-Za-z'’.]*)\.$")
_NEXT_WORD = re.compile(r"[\w’']+")


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the line it came from
    prose: bool  # False for headlines, credit lines, headers: no statements or metrics
    caption: bool = False  # a photo caption (a line followed by a credit line)
    first_in_paragraph: bool = False
    last_in_paragraph: bool = False


def _is_credit(line: str) -> bool:
    low = line.lower().strip()
    if not low:
        return False
    if "|" in low:
        return True
    words = low.split()
    markers = lexicon()["credit_markers"]
    if len(words) <= 8 and any(m in low for m in markers) and not low.endswith((".", "?")):
        return True
    return low in {"comments", "source link", "advertisement", "related", "read more"}


def _is_photo_credit(line: str) -> bool:
    low = line.lower()
    return _is_credit(line) and "contributed" not in low and bool(
        re.search(r"getty|afp|reuters|\bap\b|images|photo|anadolu|\bepa\b|shutterstock", low))


# A photo credit inside a line: "(AP Photo/Name)", "(UGC via AP)", "(Name/AFP via Getty Images)",
# "[File: Name/Reuters]", "[Name/Reuters]", "REUTERS/Name/File Photo", "Name/Getty Images",
# "Photograph: Name/EPA". "(Reuters)" alone is a dateline's agency, not a credit.
_AGENCIES = (r"(?:AP|AFP|Reuters|REUTERS|Getty|EPA|Pool|POOL|Sputnik|Anadolu|Shutterstock|"
             r"Bloomberg|TASS|Alamy|Xinhua|NurPhoto|Handout|HANDOUT|Zuma|ZUMA|Rex|Abaca|dpa|"
             r"Ukrinform|SOPA|Imago|IMAGO)")
_CREDIT = re.compile(
    r"\([^()\n]{0,120}?(?:\b(?:AP|AFP)\s+Photo\b|\bvia\s+" + _AGENCIES + r"\b|/\s*"
    + _AGENCIES + r"\b|\bPhoto(?:graph)?:\s)[^()\n]{0,120}\)"
    r"|\[(?:File:[^\]\n]{0,160}|[^\]\n/]{1,80}/[A-Z][^\]\n]{0,80})\]"
    r"|\bREUTERS/[A-Z]|\bvia\s+REUTERS\b|/\s*Getty\s+Images\b|\bPhotograph:\s|"
    r"\*\*[^*\n]{1,80}/(?:AP|AFP|Getty Images|Reuters|EPA)\*\*")
# A line that says what it is: "Image: ...", "Photo: ...", "Item 1 of 3 ...", "FILE PHOTO: ...".
_CAPTION_START = re.compile(
    r"^(?:\*\*\s*)?(?:Image|Photo|Photograph|Picture|Caption|Pictured|File\s+photo|FILE\s+PHOTO|"
    r"FILE)\s*[:\-–—]\s|^Item\s+\d+\s+of\s+\d+\b")
# Getty's caption style: "KYIV, UKRAINE - FEBRUARY 3: ..."
_GETTY_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{3,}\s[-–—]\s[A-Z]+\s\d{1,2}:")
_CAPTION_LINE = 600  # longer lines that end with a credit are a body with captions appended
_CREDIT_TAIL = 200  # a line "ends with a credit" when one starts within its last characters


def is_caption_line(line: str, next_line: str | None = None) -> bool:
    """The whole line is a photo caption: it names a photo, is followed by a credit line, or
    is short and ends with a credit. Captions are not annotated (annotation.md, v2)."""
    body = line.strip()
    if not body:
        return False
    if _CAPTION_START.match(body) or _GETTY_DATELINE.match(body):
        return True
    if next_line is not None and _is_photo_credit(next_line):
        return True
    if len(body) <= _CAPTION_LINE:
        tail_from = max(0, len(body) - _CREDIT_TAIL)
        return any(m.start() >= tail_from for m in _CREDIT.finditer(body, tail_from))
    return False


def _split_at_credits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A credit ends its caption: "(AP Photo/Name) The next sentence" is two units, so the
    sentence after a caption does not start with its credit."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        for m in _CREDIT.finditer(text, s, e):
            after = m.end()
            while after < e and text[after].isspace():
                after += 1
            if after > m.end() and after < e and text[after].isupper():
                out.append((s, m.end()))
                s = after
        out.append((s, e))
    return out


# A publisher's promotion set in the body: an invitation to its own event, newsletter or app.
_PROMO = re.compile(r"[*_\s]*(?:Join\s+us\s+(?:at|for|in|on)\b|Sign\s+up\s+(?:for|to)\b|"
                    r"Subscribe\s+(?:to|now|for)\b|Register\s+(?:now|here|today)\b|"
                    r"Download\s+(?:our|the)\s+\w+\s+app\b|Follow\s+us\s+on\b)", re.I)


# Links to other stories set inside the body (Express, Mirror): "READ MORE: headline",
# "DON'T MISS: headline [VIDEO]headline [INSIGHT]".
_LINK_START = re.compile(r"\b(?:READ MORE|DON['’]T MISS|SEE MORE|READ NEXT|MORE ON THIS|"
                         r"RELATED|LATEST|WATCH|PICTURED)\s*:\s*")
_LINK_TAG = re.compile(r"\[(?:VIDEO|INSIGHT|ANALYSIS|OPINION|REVEAL|REPORT|POLL|PICTURES|PICS|"
                       r"LIVE|LATEST|UPDATE|MAP|MAPPED|EXPLAINED|COMMENT|PHOTOS|REVEALED)\]\s*")
_LINK_HEADLINE_END = re.compile(r"\s(?=[“\"«]|(?:" + "|".join(sorted(_OPENERS - {
    "Russia", "Ukraine", "A", "An", "In", "On", "At", "As", "After", "Before", "Both"})) +
    r")\b[^\]]{0,40}?\s\w)")
_LINK_HEADLINE = 160  # characters: a linked headline is a short line of its own


def _split_at_links(text: str, spans: list[tuple[int, int]]
                    ) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Cut links to other stories out of the prose around them: the link is a unit of its
    own, not prose; the text after it starts a new unit."""
    out: list[tuple[int, int]] = []
    links: set[tuple[int, int]] = set()
    for s, e in spans:
        pos = s
        while True:
            m = _LINK_START.search(text, pos, e)
            if not m:
                break
            link_end = m.end()
            for tag in _LINK_TAG.finditer(text, m.end(), min(e, m.end() + 4 * _LINK_HEADLINE)):
                if tag.start() - link_end > _LINK_HEADLINE:
                    break
                link_end = tag.end()
            if link_end == m.end():  # no tags: the headline runs to the next sentence's start
                end_at = _LINK_HEADLINE_END.search(text, m.end(),
                                                   min(e, m.end() + _LINK_HEADLINE))
                link_end = end_at.start() if end_at else min(e, m.end() + _LINK_HEADLINE)
            if m.start() > s:
                out.append(_trim(text, s, m.start()))
            link = _trim(text, m.start(), link_end)
            out.append(link)
            links.add(link)
            s = pos = link_end
        if s < e:
            out.append(_trim(text, s, e))
    return [(a, b) for a, b in out if b > a], links


def _caption_spans(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Inside a long line (an article with its captions appended, AP style): a sentence that
    holds a credit is a caption, and so is the sentence just before one that opens with it."""
    holds = [bool(_CREDIT.search(text, s, e)) for s, e in spans]
    opens = [bool(m and m.start() == s) for m, (s, e) in
             ((_CREDIT.search(text, s, e), (s, e)) for s, e in spans)]
    return [holds[n] or (n + 1 < len(spans) and opens[n + 1]) for n in range(len(spans))]


def _is_headline(line: str) -> bool:
    """A line with no closing punctuation: a headline, subheading or crumb."""
    stripped = line.strip().rstrip("\"”’'")
    if not stripped:
        return True
    if stripped[-1] in ".!?…:":
        return False
    return True


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one line text[start:end]."""
    spans: list[tuple[int, int]] = []
    depth = 0
    straight_open = False
    sent_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch in OPEN_QUOTES:
            depth += 1
        elif ch in CLOSE_QUOTES:
            if depth == 0 and straight_open:
                straight_open = False  # '"...”': scraped text pairs a straight with a curly mark
            else:
                depth = max(0, depth - 1)
        elif ch == '"':
            straight_open = not straight_open
        elif ch in ".!?…":
            m = _END.match(text, i, end)
            j = m.end() if m else i + 1
            # closing quotes and brackets that belong to this sentence
            k = j
            while k < end and text[k] in "\"”’')]»":
                if text[k] in "”»":
                    if depth == 0 and straight_open:
                        straight_open = False
                    else:
                        depth = max(0, depth - 1)
                elif text[k] == '"':
                    straight_open = False
                k += 1
            cut = k  # where the sentence ends: before footnote markers ("[1]", "[12][13]")
            marker = _FOOTNOTES.match(text, k, end)
            if marker:
                k = marker.end()
            if k >= end:
                break
            if not text[k].isspace():
                if marker and text[k].isupper() and not (depth > 0 or straight_open):
                    spans.append((sent_start, cut))  # "...the war.[1]The next one"
                    sent_start = k
                i = k
                continue
            n = k
            while n < end and text[n].isspace():
                n += 1
            if n >= end:
                break
            nxt = text[n]
            inside_quote = depth > 0 or straight_open
            if depth > 0 and not straight_open and nxt in OPEN_QUOTES:
                # '“We will win. “Nobody doubts it.': a quotation over paragraphs reopens each
                # one without closing the one before; the open quotation ended here.
                depth, inside_quote = 0, False
            if not inside_quote and _boundary(text, sent_start, i, n, end, nxt):
                spans.append((sent_start, cut))
                sent_start = n
            i = n
            continue
        i += 1
    spans.append((sent_start, end))
    return spans


def _boundary(text: str, sent_start: int, dot: int, nxt_pos: int, end: int, nxt: str) -> bool:
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'«(["):
        return False
    if text[dot] != ".":
        return True
    # Only the word before the period matters: look back a bounded window, never the whole
    # sentence so far (that made "X. " * 10000 quadratic).
    lo = max(sent_start, dot - _LOOKBEHIND)
    word_match = _WORD_BEFORE_DOT.search(text, lo, dot + 1)
    if not word_match:
        return True
    word = word_match.group(1)
    next_word = _NEXT_WORD.match(text, nxt_pos, min(end, nxt_pos + _LOOKBEHIND))
    following = next_word.group(0) if next_word else ""
    if _INITIALISM.search(text, lo, dot + 1) or re.fullmatch(r"[A-Z]", word):
        return following in _OPENERS
    if word.lower().rstrip(".") in _ABBREVIATIONS:
        if word.lower() == "no" and following[:1].isdigit():
            return False
        return word.lower() in {"etc"} and following in _OPENERS
    if re.fullmatch(r"(?:a\.m|p\.m)", word.lower()):
        return following in _OPENERS
    return True


_LINE_SEPARATOR = re.compile(r"\n|_{3,}")


def split(text: str) -> list[Sentence]:
    """All sentences of the article, in order, with offsets into `text`."""
    out: list[Sentence] = []
    lines: list[tuple[int, int]] = []
    pos = 0
    # a line ends at a newline, and at a rule of underscores ("... in combat. ___ Associated
    # Press writer ..."): wire copy's separator before its credits and notes
    for sep in _LINE_SEPARATOR.finditer(text):
        lines.append((pos, sep.start()))
        pos = sep.end()
    lines.append((pos, len(text)))
    nonempty = [(s, e) for s, e in lines if text[s:e].strip()]
    first_line = nonempty[0] if nonempty else None
    for index, (line_start, line_end) in enumerate(nonempty):
        line = text[line_start:line_end]
        bullet = _BULLET.match(line)
        start = line_start + (bullet.end() if bullet else 0)
        while start < line_end and text[start].isspace():
            start += 1
        end = line_end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        body = text[start:end]
        prose = True
        if _DATE_HEADER.match(line) or _is_credit(body):
            prose = False
        elif (line_start, line_end) == first_line and _is_headline(body):
            prose = False
        elif _is_headline(body) and len(body.split()) < 6:
            prose = False
        elif _PROMO.match(body):
            prose = False  # the publisher's promotion: "Join us at the ... Summit May 19-20"
        next_line = nonempty[index + 1] if index + 1 < len(nonempty) else None
        caption = prose and is_caption_line(
            body, text[next_line[0]:next_line[1]] if next_line else None)
        spans = _split_line(text, start, end) if prose else [(start, end)]
        spans = [_trim(text, s, e) for s, e in spans]
        spans = [(s, e) for s, e in spans if e > s]
        links: set[tuple[int, int]] = set()
        if prose and not caption:
            spans = _split_at_credits(text, spans)
            spans, links = _split_at_links(text, spans)
        captions = [caption] * len(spans) if caption or not prose else \
            _caption_spans(text, spans)
        for n, (s, e) in enumerate(spans):
            out.append(Sentence(s, e, text[s:e], index, prose and (s, e) not in links,
                                captions[n], n == 0, n == len(spans) - 1))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The span without surrounding white space, nor a footnote marker ("[1]") at its end."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    m = _FOOTNOTES_AT_END.search(text, max(s, e - 24), e)
    if m and m.start() > s:
        e = m.start()
        while e > s and text[e - 1].isspace():
            e -= 1
    return s, e


_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+)*"
                       r"(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)*)?"
                       r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+[—–-]\s+")


def blank_dateline(sentence: str) -> str:
    """The sentence with a leading dateline ("KYIV, Ukraine — ", "Geneva – ") blanked out,
    so that its place is not read as a side or subject. Offsets are kept."""
    m = _DATELINE.match(sentence)
    if not m:
        return sentence
    return " " * m.end() + sentence[m.end():]
