"""Timelines: the bucket follows the span of dates, gaps are kept, undated apart."""

from __future__ import annotations

import datetime as dt

from reader.analytics import timeline


def test_the_unit_follows_the_span_of_dates():
    d = dt.date
    assert timeline.unit_for_span(d(2024, 1, 1), d(2024, 3, 2)) == "day"  # 61 days
    assert timeline.unit_for_span(d(2024, 1, 1), d(2024, 3, 4)) == "week"
    assert timeline.unit_for_span(d(2024, 1, 1), d(2025, 12, 31)) == "week"  # 730 days
    assert timeline.unit_for_span(d(2024, 1, 1), d(2026, 1, 3)) == "month"
    assert timeline.unit_for_span(d(1980, 1, 1), d(2024, 1, 1)) == "year"


def test_days_between_are_kept_and_undated_counted_apart():
    t = timeline.build(
        [("2024-01-01", 1), ("2024-01-04", 2), (None, 3), ("not a date", 1), ("2024-01-04", 1)]
    )
    assert t.unit == "day"
    assert [(b.label, b.count) for b in t.buckets] == [
        ("2024-01-01", 1),
        ("2024-01-02", 0),
        ("2024-01-03", 0),
        ("2024-01-04", 3),
    ]
    assert (t.undated, t.dated, t.total) == (4, 4, 8)
    assert t.peak.label == "2024-01-04"


def test_weeks_start_on_monday_and_months_on_the_first():
    t = timeline.build([("2024-01-03", 1), ("2024-04-01", 1)])  # 89 days: weeks
    assert t.unit == "week"
    assert t.buckets[0].start == dt.date(2024, 1, 1) and t.buckets[0].label == "2024-01-01"
    assert t.buckets[-1].label == "2024-04-01" and len(t.buckets) == 14
    t = timeline.build([("2023-11-30", 2), ("2026-02-01", 1)])
    assert t.unit == "month"
    assert t.buckets[0].label == "2023-11" and t.buckets[1].label == "2023-12"
    assert t.buckets[-1].label == "2026-02" and len(t.buckets) == 28
    assert sum(b.count for b in t.buckets) == 3


def test_no_dates_at_all():
    t = timeline.build([(None, 2)])
    assert t.buckets == () and t.undated == 2 and t.total == 2


def test_aligned_timelines_share_one_axis():
    a, b = timeline.aligned([("2024-01-01", 1)], [("2024-01-05", 2), (None, 1)])
    assert a.unit == b.unit == "day"
    assert [x.label for x in a.buckets] == [x.label for x in b.buckets]
    assert [x.count for x in a.buckets] == [1, 0, 0, 0, 0]
    assert [x.count for x in b.buckets] == [0, 0, 0, 0, 2] and b.undated == 1


def test_an_entity_timeline_counts_its_mentions(hand):
    t = hand.entity_timeline("alice")
    assert t.unit == "day" and t.total == 4 and t.undated == 0
    counts = {b.label: b.count for b in t.buckets if b.count}
    assert counts == {"2024-01-01": 1, "2024-01-02": 2, "2024-02-20": 1}
    assert len(t.buckets) == 51  # 1 January to 20 February
    carol = hand.entity_timeline("carol")
    assert (carol.dated, carol.undated) == (1, 1)


def test_two_entities_compared_on_one_axis(hand):
    alice, carol = hand.entity_timelines(["alice", "carol"])
    assert [b.label for b in alice.buckets] == [b.label for b in carol.buckets]
    assert sum(b.count for b in carol.buckets) == 1 and carol.undated == 1


def test_a_search_timeline_counts_matching_articles(hand):
    t = hand.search_timeline("spoke")  # a2 (dated) and a5 (undated)
    assert (t.total, t.dated, t.undated) == (2, 1, 1)
    assert [(b.label, b.count) for b in t.buckets] == [("2024-01-02", 1)]
