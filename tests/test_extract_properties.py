"""Property tests for extraction: for any text, extract() never raises, and every record's span
lies inside the text with its evidence equal to the text at that span."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.extract import extract

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow]
)

# Pieces of war reporting: quotes (straight, curly, unbalanced), attributions, numbers with
# qualifiers, dates in several forms, places, names, and the punctuation that splits sentences.
FRAGMENTS = [
    "Volodymyr Zelensky said", "Dmitry Peskov told reporters", "the Kremlin said",
    "according to the General Staff", "Andriy Yermak wrote on Telegram", "he said.",
    '"We will not cede territory,"', "“Talks are possible,” ", '"', "“", "”", "'", "‘", "’",
    "Russia launched", "Ukraine's air force said", "at least", "more than", "about", "up to",
    "126 drones", "3,500 troops", "1,000,000", "12.5", "0", "-4", "9" * 40,
    "missiles", "drones", "killed", "wounded", "casualties", "Kharkiv", "Odesa", "Riyadh",
    "Geneva", "Istanbul", "Pokrovsk", "Kursk region", "on Monday", "last week", "yesterday",
    "on 18 February 2025", "February 18", "2025-02-18", "2025-02-30", "31/12/2024", "in 2024",
    "talks", "ceasefire", "sanctions", "met with", "phone call", "peace deal", "the U.S.",
    "Mr.", "Dr.", "St. Petersburg", "e.g.", "...", "!", "?", ";", ":", "—", "–", "(", ")",
    "[bold red]", "\x1b[31m", "\u202e", "\n", "\n\n", " ", "\t", "\r\n", "date 2025-03-01 ",
]

news_like_text = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(" ".join)

# Whole sentences of the kinds the extractor looks for, with random fillings, so that records
# are produced (fragment soup alone rarely makes one) and their spans get checked.
_names = st.sampled_from(["Volodymyr Zelensky", "Dmitry Peskov", "Marco Rubio", "Andriy Sybiha",
                          "Sergei Lavrov", "the governor", "Kyiv's mayor"])
_places = st.sampled_from(["Kharkiv", "Odesa", "Riyadh", "Geneva", "Zaporizhzhia", "Sumy"])
_dates = st.sampled_from(["on Monday", "on 18 February", "on 2025-02-18", "last week", "",
                          "on February 30", "in March 2025"])
_quote = st.text(alphabet=st.characters(codec="utf-8", exclude_characters='"'), max_size=40)
_number = st.one_of(st.integers(0, 10**7).map(str), st.sampled_from(["3,500", "1.5", "dozens"]))
_sentence = st.one_of(
    st.builds("{} said \"{}\" {}.".format, _names, _quote, _dates),
    st.builds("“{},” {} said {}.".format, _quote, _names, _dates),
    st.builds("Russia launched {} {} {} at {} {}, the air force said.".format,
              st.sampled_from(["", "at least", "more than", "about", "up to"]), _number,
              st.sampled_from(["drones", "missiles", "glide bombs"]), _places, _dates),
    st.builds("Talks between {} and {} took place in {} {}.".format, _names, _names, _places,
              _dates),
    st.builds("{} people were killed in {} {}.".format, _number, _places, _dates),
)
sentences_text = st.lists(_sentence, min_size=1, max_size=12).map(" ".join)
published_dates = st.one_of(
    st.none(), st.dates().map(lambda d: d.isoformat()), st.sampled_from(["2025-02-18"])
)


def _check(text: str, published: str | None) -> None:
    ex = extract(text, published=published, strict=True)  # a rule's bug fails the test
    for record in [*ex.events, *ex.statements, *ex.metrics]:
        start, end = record.span
        assert isinstance(start, int) and isinstance(end, int)
        assert 0 <= start <= end <= len(text), (record.span, len(text))
        assert record.evidence == text[start:end], (record.evidence, text[start:end])
        assert record.to_dict()["span"] == [start, end]


@given(text=st.text(), published=published_dates)
@PROPERTY_SETTINGS
def test_any_unicode_text(text: str, published: str | None) -> None:
    _check(text, published)


@given(text=news_like_text, published=published_dates)
@PROPERTY_SETTINGS
def test_news_like_text(text: str, published: str | None) -> None:
    _check(text, published)


@given(text=sentences_text, published=published_dates)
@PROPERTY_SETTINGS
def test_news_sentences_with_random_fillings(text: str, published: str | None) -> None:
    _check(text, published)


@given(
    head=news_like_text,
    noise=st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    tail=news_like_text,
)
@PROPERTY_SETTINGS
def test_news_like_text_with_random_unicode_inside(head: str, noise: str, tail: str) -> None:
    _check(f"{head} {noise} {tail}", "2025-02-18")
