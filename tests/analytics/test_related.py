"""Related articles: tf-idf over entities, cosine."""

from __future__ import annotations

import math

import pytest

from reader.analytics import related


def test_weights_favour_rare_entities_and_damp_repeats():
    assert related.weight(1, 1, 100) == pytest.approx(math.log(101))
    assert related.weight(1, 100, 100) == pytest.approx(math.log(2))
    assert related.weight(3, 10, 100) == pytest.approx((1 + math.log(3)) * math.log(11))


def test_cosine_ranking_worked_by_hand():
    query = {"x": 1.0, "y": 1.0}
    candidates = {"p": {"x": 1.0, "y": 1.0}, "q": {"x": 1.0, "z": 1.0}, "r": {"z": 1.0}}
    ranked = related.cosine_ranked(query, candidates, 10)
    assert [(r.article_id, round(r.score, 3)) for r in ranked] == [("p", 1.0), ("q", 0.5)]
    assert ranked[1].shared == ("x",)


def test_related_articles_share_distinctive_entities(hand):
    # a1 is (Alice, Bob, Paris), each in 3 of 6 articles: weight ln 3 each.
    # a4 (Alice, Paris): cos = 2 / (sqrt 3 sqrt 2) = 0.816; a2 (Alice twice, Bob):
    # Alice weighs (1 + ln 2) ln 3 there, cos = (2 + ln 2) / (sqrt 3 sqrt((1 + ln 2)^2 + 1))
    # = 0.791; a6 (Bob): 1 / sqrt 3 = 0.577; a3 (Carol, in 2 articles: ln 4, Paris):
    # ln 3 / (sqrt 3 sqrt(ln 4^2 + ln 3^2)) = 0.359.
    ranked = hand.related_articles("news#a1")
    assert [(r.summary.id, round(r.score, 3)) for r in ranked] == [
        ("news#a4", 0.816),
        ("news#a2", 0.791),
        ("news#a6", 0.577),
        ("news#a3", 0.359),
    ]
    assert ranked[0].shared_entities == 2 and set(ranked[0].shared) == {"alice", "paris"}
    assert [r.summary.id for r in hand.related_articles("news#a5")] == ["news#a3"]
