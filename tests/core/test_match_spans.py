"""The fast match-offset scan agrees with the one-step-per-word scan."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from reader.fulltext.analysis import WORD_RE, fold, stem
from reader.fulltext.search import MatchPlan

PIECES = [
    "said",
    "Said",
    "saying",
    "U.S",
    "u.s.a",
    "a",
    "b",
    "the",
    "The",
    "new",
    "people",
    "peoples",
    "3.5",
    "x_y",
    "e.g",
    "news",
    "Ünïcode",
    "...",
    ".",
    ". ",
    " ",
    "\n",
    ",",
    "-",
    "'s",
    "officials",
    "official",
    "S",
    "José",
    "Zürich",
    "Straße",
    "Æsir",
    "東京",
    "naïve",
    "İstanbul",
    "e\u0301",
    "a\u0303b",
    "x\u0308",
    "ﬁne",
    "Ǆ",
    "ⅷ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.data())
def test_fast_spans_equal_slow_spans(pieces, data):
    text = "".join(
        p
        if p in (".", "...", ",", "-", "'s")
        else p + data.draw(st.sampled_from(["", " ", ".", ". ", "\n"]))
        for p in pieces
    )
    words = [stem(fold(w)) for w in WORD_RE.findall(text)] or ["said"]
    chosen = set(data.draw(st.lists(st.sampled_from(words), max_size=3)))
    phrases = []
    if len(words) > 1 and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(words) - 2))
        phrases.append(tuple(words[i : i + data.draw(st.integers(2, 3))]))
    plan = MatchPlan(chosen, phrases)
    assert plan.spans(text, None) == plan._spans_any(text), (text, chosen, phrases)


def test_spans_of_a_phrase_and_words():
    plan = MatchPlan({stem("officials")}, [(stem("new"), stem("people"))])
    text = "New people said. The official... U.S.officials met new  peoples; news people."
    spans = plan.spans(text, None)
    assert [text[s:e] for s, e in spans] == [
        "New people",
        "official",
        "new  peoples",
        "news people",
    ]  # Porter: news -> new
    assert spans == plan._spans_any(text)
