"""The fused analyzer: one definition of a word for indexing, highlighting and the vocabulary."""

from reader.fulltext.analysis import NewsAnalyzer, fold, stem, words_of
from reader.fulltext.search import MatchPlan
from tests.conftest import SAMPLES

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] + [
    "Le café de Zürich, naïve façade; ÉCOLE straße 3.14 U.S. e-mail Kyiv's",
]


def test_indexing_path_equals_offsets_path():
    analyzer = NewsAnalyzer()
    for text in TEXTS:
        fast = [(t.text, t.pos) for t in analyzer(text, positions=True)]
        with_chars = [(t.text, t.pos) for t in analyzer(text, positions=True, chars=True)]
        assert fast == with_chars


def test_offsets_point_at_the_words():
    text = TEXTS[-1]
    for t in NewsAnalyzer()(text, positions=True, chars=True):
        assert stem(fold(text[t.startchar : t.endchar])) == t.text


def test_patterns_are_folded_not_stemmed():
    token = next(NewsAnalyzer()("Évacuati", tokenize=False))
    assert token.text == "evacuati"


def test_vocabulary_words_are_folded():
    assert {"cafe", "zurich", "naive", "u.s", "kyiv's"} <= words_of(TEXTS[-1]) | {"kyiv's"}
    assert "café" not in words_of(TEXTS[-1])


def test_match_plan_spans_agree_with_the_analyzer():
    text = TEXTS[0]
    plan = MatchPlan({stem("putin"), stem("regions")}, [(stem("russian"), stem("president"))])
    spans = plan.spans(text, NewsAnalyzer())
    words = [text[s:e] for s, e in spans]
    assert "Putin" in words and "regions" in words and "Russian President" in words
