"""Date expressions: found by our own patterns, resolved against the publication date.

Rules (extraction.md): a date without a year takes the year nearest the publication date; a
weekday is the latest such day on or before publication, or the next one after it when the
sentence speaks of the future; "between Wednesday and Sunday" resolves the end first and the
start before it; "last week" / "the week commencing January 25" have week precision; vague time
("in the coming weeks", "recently") resolves to nothing. dateparser is called only on the
absolute expressions these patterns find, and its answers are cached.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from store.extract import rules

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")

# Order matters: longer, more specific patterns first; matches may not overlap. Each pattern
# is a rule that declares the words one of which any of its matches contains.
_SPECS: list[tuple[str, str, tuple[str, ...], re.Pattern[str]]] = [
    ("iso", "an ISO day: 2025-02-18", ("-",),
     re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("night_of", "'the night of Saturday to Sunday' is the second day (v2)", ("night",),
     re.compile(r"\bnight\s+(?:of|from)\s+(?:the\s+)?(" + _WEEKDAY + r")\s+(?:to|into|and)\s+(?:"
                r"the\s+)?(" + _WEEKDAY + r")\b")),
    ("week_of", "'the week commencing January 25': week precision", ("week",), re.compile(
        r"\bweek (?:commencing|beginning|starting|of)\s+(?:on\s+)?(?:(" + _MONTH + r")\s+(\d{1,2})"
        + _ORD + r"|(\d{1,2})" + _ORD + r"\s+(" + _MONTH + r"))(?:,?\s+(\d{4}))?", re.I)),
    ("month_day", "'February 3', 'Feb. 17, 2025', 'November 14 to 15' (the night of: the 15th)",
     _MONTH_WORDS, re.compile(
         r"\b(" + _MONTH + r")\s+(\d{1,2})" + _ORD + r"(?:\s*(?:-|–|and|to|through|into)\s*(?:"
         + _MONTH + r"\s+)?(\d{1,2})" + _ORD + r")?(?!\d)(?:,?\s+(\d{4})\b)?", re.I)),
    ("day_month", "'16 March 2025', '3 February'", _MONTH_WORDS, re.compile(
        r"\b(\d{1,2})" + _ORD + r"(?:\s*(?:-|–)\s*\d{1,2}" + _ORD + r")?\s+(?:of\s+)?(" + _MONTH
        + r")(?:,?\s+(\d{4})\b)?", re.I)),
    ("month_year", "'in January 2022': month precision", _MONTH_WORDS,
     re.compile(r"\b(?:in\s+|since\s+|of\s+)?(" + _MONTH + r")\s+(\d{4})\b", re.I)),
    ("month", "'in early March', 'in May': the month nearest publication, month precision",
     _MONTH_WORDS, re.compile(r"\b(?i:in|since|during|by|until)\s+(?:(?i:early|late|mid)[\s-]+)?("
                              r"January|February|March|April|June|July|August|September|"
                              r"October|November|December|May)\b(?!\s+\d)")),
    ("weekday_range", "'between Wednesday and Sunday': the end first, the start before it",
     ("between",), re.compile(
         r"\bbetween\s+(" + _WEEKDAY + r")\s+and\s+(" + _WEEKDAY + r")\b")),
    ("weekday", "a weekday: the latest on or before publication, the next for the future",
     ("day",), re.compile(
         r"\b(?:(?:overnight|night|early|late)\s+(?:into|to|on|of)\s+)?(?:(last|this|next|on|"
         r"early|late)\s+)?(" + _WEEKDAY + r")" + _PART + r"\b")),
    ("weekend", "'at the weekend', 'last weekend': a time that names no day (v2)", ("weekend",),
     re.compile(r"\b(?:at|over|during|on|this|last|next)\s+(?:the\s+)?weekend\b", re.I)),
    ("relative", "today, yesterday, overnight (the publication day), last week, this month...",
     ("today", "yesterday", "tonight", "night", "overnight", "morning", "week", "month", "year"),
     re.compile(
         r"\b(today|yesterday|tonight|last night|overnight|earlier today|this morning|"
         r"last week|this week|next week|last month|"
         r"this month|next month|last year|this year|next year)\b", re.I)),
    ("vague", "vague time ('in the coming weeks', 'recently', 'hours after') gives no day",
     ("coming", "recent", "soon", "later", "hours", "days", "week"), re.compile(
         r"\b(?:in the coming (?:days|weeks|months)|recently|soon|in recent (?:days|weeks)|"
         r"later this (?:week|month|year)|(?:hours|days|weeks)\s+(?:after|before|later|earlier)|"
         r"(?:this|the)\s+past\s+week|(?:a|one|about\s+a)\s+week\s+ago)"
         r"\b", re.I)),
]
_PATTERNS: list[tuple[str, rules.Rule, re.Pattern[str]]] = [
    (kind, rules.rule("date." + kind, "date", doc, words), pattern)
    for kind, doc, words, pattern in _SPECS]
OVERNIGHT_NAMED = rules.rule("date.overnight_named_day", "date",
                             "'overnight into Tuesday', 'overnight Saturday': the named day "
                             "dates the night, not 'overnight'", ("overnight",))

_FUTURE = re.compile(
    r"\b(?:will|would|is due|are due|due to|expected|scheduled|plans? to|set to|upcoming|"
    r"next|to be held|to resume|to meet|to visit|forthcoming|ready to|prepared to|"
    r"intends? to|planning to)\b", re.I)


@dataclass(slots=True, frozen=True)
class DateMention:
    start: int  # offsets within the sentence
    end: int
    text: str
    date: str | None  # ISO day or None when the expression gives no day
    precision: str  # day | week | month | year | unknown


def _nearest_year(month: int, day: int, published: dt.date) -> dt.date | None:
    best: dt.date | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


@lru_cache(maxsize=4096)
def _dateparser_day(expression: str) -> dt.date | None:
    """An absolute day like "February 18 2025" through dateparser (cached; None if unsure)."""
    try:
        import dateparser

        parsed = dateparser.parse(
            expression, languages=["en"],
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # dateparser bugs must not sink an extraction
        return None
    return parsed.date() if parsed else None


def _absolute(month: int, day: int, year: int | None, published: dt.date | None,
              text: str) -> dt.date | None:
    if year is not None:
        if not 1900 <= year <= 2100:
            return None
        parsed = _dateparser_day(f"{day} {_month_name(month)} {year}")
        if parsed is not None:
            return parsed
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if published is None:
        return None
    return _nearest_year(month, day, published)


PAST_YEAR = rules.rule("date.past_tense_year", "date",
                       "a day without a year that the nearest-year rule puts after publication "
                       "takes the year before when the sentence tells it in the past tense "
                       "('invaded on February 24' in an article of September)")


def _past_year(day: dt.date | None, year: int | None, pub: dt.date | None, future: bool,
               sentence: str, position: int) -> dt.date | None:
    if day is None or year is not None or pub is None or day <= pub or future or \
            not _past_near(sentence, position):
        return day
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:
        return day
    rules.note(PAST_YEAR.id, "dated", f"{day} -> {earlier}: told in the past")
    return earlier


def _month_name(month: int) -> str:
    return ["", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"][month]


def weekday_date(weekday: int, published: dt.date, future: bool) -> dt.date:
    """The latest such weekday on or before publication, or the next after it for the future."""
    if future:
        delta = (weekday - published.weekday()) % 7
        return published + dt.timedelta(days=delta or 7)
    delta = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=delta)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def find(sentence: str, published: str | None) -> list[DateMention]:
    """Every date expression in a sentence, resolved where the rules allow."""
    pub = parse_iso(published)
    future = bool(_FUTURE.search(sentence))
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    low = sentence.lower()
    for kind, rule, pattern in _PATTERNS:
        if not rule.may_fire(low):
            continue  # cannot match: none of the words it needs is here
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                mention = _resolve(kind, m, pub, future, sentence)
            except (OverflowError, ValueError):  # a calendar edge (year 1 or 9999)
                mention = DateMention(m.start(), m.end(), m.group(0), None, "unknown")
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(mention)
    out.sort(key=lambda d: d.start)
    # "overnight into November 2", "overnight Saturday": the named day dates the night
    kept = []
    for i, d in enumerate(out):
        if d.text.lower() == "overnight" and i + 1 < len(out) and out[i + 1].date and \
                re.fullmatch(r"\s*(?:(?:into|to|on)\s+)?(?:the\s+)?",
                             sentence[d.end:out[i + 1].start]):
            rules.note(OVERNIGHT_NAMED.id, "dated", f"'{out[i + 1].text}' dates the night")
            continue
        kept.append(d)
    return kept


def parse_iso(value: str | None) -> dt.date | None:
    """An ISO day as a date, or None when absent or not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _month_of(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None, future: bool,
             sentence: str) -> DateMention | None:
    text = m.group(0)

    def made(day: dt.date | None, precision: str) -> DateMention:
        if day is None:
            return DateMention(m.start(), m.end(), text, None, "unknown")
        return DateMention(m.start(), m.end(), text, day.isoformat(), precision)

    if kind == "iso":
        try:
            return made(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day")
        except ValueError:
            return None
    if kind == "week_of":
        if m.group(1):
            month, day = _month_of(m.group(1)), int(m.group(2))
        else:
            month, day = _month_of(m.group(4)), int(m.group(3))
        year = int(m.group(5)) if m.group(5) else None
        if month is None:
            return None
        return made(_absolute(month, day, year, pub, text), "week")
    if kind == "night_of":
        if pub is None:
            return made(None, "unknown")
        return made(weekday_date(WEEKDAYS[m.group(2).lower()], pub, False), "day")
    if kind == "month":
        if pub is None:
            return made(None, "unknown")
        month = MONTHS[m.group(1).lower()]
        near = _nearest_year(month, 15, pub)
        if near and near.replace(day=1) > pub and not future:
            near = near.replace(year=near.year - 1)  # "in late February", told in the past
        return made(near.replace(day=1) if near else None, "month")
    if kind == "weekend":
        return DateMention(m.start(), m.end(), text, None, "week")
    if kind == "month_day":
        month = _month_of(m.group(1))
        # "may" as a modal verb is not a month: require a capital M
        if month is None or (m.group(1).lower() == "may" and not m.group(1)[0].isupper()):
            return None
        day = int(m.group(2))
        year = int(m.group(4)) if m.group(4) else None
        if m.group(3) and re.search(r"\bnight\s+(?:of|from)\s+(?:the\s+)?$",
                                    sentence[max(0, m.start() - 30):m.start()], re.I):
            day = int(m.group(3))  # "the night of November 14 to 15" ends on the 15th
        if not 1 <= day <= 31:
            return None
        return made(_past_year(_absolute(month, day, year, pub, text), year, pub, future,
                               sentence, m.start()), "day")
    if kind == "day_month":
        month = _month_of(m.group(2))
        if month is None or (m.group(2).lower() == "may" and not m.group(2)[0].isupper()):
            return None
        day = int(m.group(1))
        year = int(m.group(3)) if m.group(3) else None
        if not 1 <= day <= 31:
            return None
        return made(_past_year(_absolute(month, day, year, pub, text), year, pub, future,
                               sentence, m.start()), "day")
    if kind == "month_year":
        month = _month_of(m.group(1))
        if month is None or (m.group(1).lower() == "may" and not m.group(1)[0].isupper()):
            return None
        return made(dt.date(int(m.group(2)), month, 1) if 1900 <= int(m.group(2)) <= 2100
                    else None, "month")
    if kind == "weekday_range":
        if pub is None:
            return made(None, "unknown")
        end = weekday_date(WEEKDAYS[m.group(2).lower()], pub, False)
        start = weekday_date(WEEKDAYS[m.group(1).lower()], end, False)
        return made(start, "week")
    if kind == "weekday":
        if pub is None:
            return made(None, "unknown")
        modifier = (m.group(1) or "").lower()
        weekday = WEEKDAYS[m.group(2).lower()]
        if modifier == "next":
            when = weekday_date(weekday, pub, True)
        elif modifier == "last":
            when = weekday_date(weekday, pub - dt.timedelta(days=1), False)
        else:
            when = weekday_date(weekday, pub, future and not _past_near(sentence, m.start()))
        return made(when, "day")
    if kind == "relative":
        if pub is None:
            return made(None, "unknown")
        word = m.group(1).lower()
        table: dict[str, tuple[dt.date, str]] = {
            "today": (pub, "day"), "tonight": (pub, "day"), "this morning": (pub, "day"),
            "earlier today": (pub, "day"), "last night": (pub, "day"),
            "overnight": (pub, "day"), "yesterday": (pub - dt.timedelta(days=1), "day"),
            "last week": (_monday(pub) - dt.timedelta(days=7), "week"),
            "this week": (_monday(pub), "week"),
            "next week": (_monday(pub) + dt.timedelta(days=7), "week"),
            "last month": ((pub.replace(day=1) - dt.timedelta(days=1)).replace(day=1), "month"),
            "this month": (pub.replace(day=1), "month"),
            "next month": ((pub.replace(day=28) + dt.timedelta(days=4)).replace(day=1), "month"),
            "last year": (dt.date(pub.year - 1, 1, 1), "year"),
            "this year": (dt.date(pub.year, 1, 1), "year"),
            "next year": (dt.date(pub.year + 1, 1, 1), "year"),
        }
        when, precision = table[word]
        return made(when, precision)
    if kind == "vague":
        return DateMention(m.start(), m.end(), text, None,
                           "week" if re.search(r"past week|week ago", text, re.I) else "unknown")
    return None


_NOT_FUTURE = re.compile(r"\b(?:than|as)\s+(?:scheduled|expected|planned)\b", re.I)
_FRONTED_SPEECH = re.compile(
    r"\w+(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:[\w.’'-]+\s+){0,6}?(?:said|told|"
    r"announced|wrote|posted|stated|confirmed|warned|added)\b")


def _past_near(sentence: str, position: int) -> bool:
    """A past-tense verb just before the weekday wins over a future word elsewhere."""
    start = max(0, position - 60)
    while 0 < start < position and sentence[start - 1].isalnum():
        start += 1  # never a cut word ("Ja|red")
    window = sentence[start:position]
    # "ended earlier than scheduled": no future
    window = _NOT_FUTURE.sub(lambda m: " " * len(m.group(0)), window)
    # "told CNN that on Wednesday they will ...": the reported clause has its own tense
    that = list(re.finditer(r"\bthat\b", window))
    if that:
        window = window[that[-1].end():]
    # "On Friday, Trump said he would ...": the verb right after a fronted day is its tense
    if len(sentence[:position].split()) <= 2 and _FRONTED_SPEECH.match(sentence, position):
        return True
    # "scheduled to meet", "prepared to meet": a past participle that announces the future
    future = [m.start() for m in _FUTURE.finditer(window)]
    window = re.sub(r"\b\w+ed\s+to\b", lambda m: " " * len(m.group(0)), window)
    past = [m.start() for m in re.finditer(
        r"\b\w+ed\b|\b(?:was|were|met|held|began|struck|said|told|sent|took|fought|won|lost|"
        r"hit|fell|came|went|made|led|ran|saw|gave|drove|broke|rose|shot|began|left|spoke|"
        r"stood|overran)\b", window)]
    # "said he was prepared to meet on Thursday": the nearer future word wins
    return bool(past) and (not future or past[-1] > future[-1])


def best_for(mentions: list[DateMention], position: int) -> DateMention | None:
    """The mention that most likely dates something at `position`: resolved ones first,
    then by distance."""
    resolved = [m for m in mentions if m.date]
    if not resolved:
        return None
    return min(resolved, key=lambda m: (m.precision != "day" and m.precision != "week",
                                        abs(m.start - position)))


_FULL_DATE = re.compile(r"\b(" + _MONTH + r")\s+(\d{1,2})" + _ORD + r",?\s+(\d{4})\b"
                        r"|\b(\d{1,2})\s+(" + _MONTH + r")\s+(\d{4})\b")


def infer_published(text: str) -> str | None:
    """The latest full date (day, month and year) the text names, else None."""
    latest: dt.date | None = None
    for m in _FULL_DATE.finditer(text[:200_000]):
        try:
            if m.group(1):
                month, day, year = _month_of(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                month, day, year = _month_of(m.group(5)), int(m.group(4)), int(m.group(6))
            if month is None:
                continue
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if latest is None or candidate > latest:
            latest = candidate
    return latest.isoformat() if latest else None


R_NOT_AFTER_REPORT = rules.rule(
    "date.not_after_report", "date",
    "what was said, and what is told as done, happened by the article's date: a day read "
    "forward from a weekday ('Speaking Tuesday' in a Saturday article) is the week before; "
    "any later day is not known")


def not_after_report(date: str | None, precision: str, published: str | None
                     ) -> tuple[str | None, str]:
    """(date, precision) of a record that cannot be later than its article's `published`
    day: unchanged when it is not later; a week earlier when it is a day at most a week on
    (a weekday resolved to the coming one); else no date."""
    day, pub = parse_iso(date), parse_iso(published)
    if day is None or pub is None or day <= pub:
        return date, precision
    if precision == "day" and (day - pub).days <= 7:
        back = (day - dt.timedelta(days=7)).isoformat()
        rules.note(R_NOT_AFTER_REPORT.id, "dated", f"{date} is after the article: {back}")
        return back, precision
    rules.note(R_NOT_AFTER_REPORT.id, "dropped", f"{date} is after the article ({published})")
    return None, "unknown"
