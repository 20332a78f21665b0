"""Co-occurrence: counts per article, log-likelihood and PMI worked out by hand."""

from __future__ import annotations

import math

import pytest

from reader.analytics import cooccurrence as co


def test_log_likelihood_and_pmi_of_a_table_worked_by_hand():
    # 6 articles; A in 3, B in 3, both in 2: every expected cell is 1.5.
    g2 = 2 * (4 * math.log(2 / 1.5) + 2 * math.log(1 / 1.5))
    assert co.log_likelihood(2, 3, 3, 6) == pytest.approx(g2)  # 0.6796
    assert co.pmi(2, 3, 3, 6) == pytest.approx(math.log2(4 / 3))
    # Fewer together than expected: negative.
    assert co.log_likelihood(0, 3, 3, 6) < 0
    # Independent: zero.
    assert co.log_likelihood(1, 2, 3, 6) == pytest.approx(0.0)


def test_log_likelihood_does_not_just_favour_the_frequent():
    # In 1,000 articles, X is in 20. "Everywhere" is in 900 and shares 18 of X's
    # (as chance would have it); "Partner" is in 25 and shares 15.
    everywhere = co.log_likelihood(18, 20, 900, 1000)
    partner = co.log_likelihood(15, 20, 25, 1000)
    assert partner > 50 > abs(everywhere)
    ranked = co.ranked(co.associations(20, 1000, [("everywhere", 18, 900), ("partner", 15, 25)]))
    assert [a.other for a in ranked] == ["partner", "everywhere"]
    by_count = co.ranked(
        co.associations(20, 1000, [("everywhere", 18, 900), ("partner", 15, 25)]), "count"
    )
    assert [a.other for a in by_count] == ["everywhere", "partner"]


def test_pmi_ranking_needs_a_few_shared_articles():
    found = co.associations(20, 1000, [("once", 1, 1), ("often", 5, 10)])
    assert [a.other for a in co.ranked(found, "pmi")] == ["often"]


def test_pair_counts_are_per_article_not_per_mention():
    pairs = [("a1", "x"), ("a1", "y"), ("a1", "x"), ("a2", "x"), ("a2", "y"), ("a2", "z")]
    assert co.pair_counts(pairs) == {("x", "y"): 2, ("x", "z"): 1, ("y", "z"): 1}


def test_an_entity_page_ranks_by_log_likelihood(hand):
    ranked = hand.co_occurring("alice")
    shared = {r.entity.id: r.shared_articles for r in ranked}
    assert shared == {"bob": 2, "paris": 2}  # carol and dave never share an article
    bob = next(r for r in ranked if r.entity.id == "bob")
    assert bob.llr == pytest.approx(0.6796, abs=1e-4)
    assert bob.pmi == pytest.approx(math.log2(4 / 3))
    carol = hand.co_occurring("carol")
    assert {r.entity.id: r.shared_articles for r in carol} == {"paris": 1, "dave": 1}
    # Dave is only ever with Carol: the stronger association.
    assert carol[0].entity.id == "dave"


def test_articles_where_both_appear(hand):
    assert [s.id for s in hand.articles_with_all(["alice", "bob"])] == ["news#a1", "news#a2"]
    assert hand.articles_with_all(["alice", "dave"]) == []
    assert hand.mention_spans("news#a2", ["alice", "bob"]) == [(0, 5), (10, 13), (21, 26)]


def test_the_network(hand):
    nodes, edges = hand.cooccurrence_network(10, 1)
    assert set(nodes) == {"alice", "bob", "carol", "dave", "paris"}
    together = {(e.a, e.b): e.together for e in edges}
    assert together == {
        ("alice", "bob"): 2,
        ("alice", "paris"): 2,
        ("bob", "paris"): 1,
        ("carol", "paris"): 1,
        ("carol", "dave"): 1,
    }
    _, edges = hand.cooccurrence_network(10, 2)
    assert {(e.a, e.b) for e in edges} == {("alice", "bob"), ("alice", "paris")}
    nodes, edges = hand.cooccurrence_network(2, 1)  # the two in most articles
    assert set(nodes) == {"alice", "bob"} or set(nodes) == {"alice", "paris"}
