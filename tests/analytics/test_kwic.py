"""Concordance lines: contexts, and the four sorts."""

from __future__ import annotations

from reader.analytics import kwic


def test_a_line_keeps_the_space_next_to_the_keyword_only_where_the_text_has_one():
    text = "The  quick\nbrown fox's tail"
    line = kwic.line_at("a", text, text.index("fox"), text.index("fox") + 3)
    assert (line.before, line.keyword, line.after) == ("The quick brown ", "fox", "'s tail")


def test_sorts_by_left_and_right_context():
    lines = [
        kwic.KwicLine("b", 0, 3, "Fed", "said the ", " cut rates", "2024-02-01"),
        kwic.KwicLine("a", 5, 8, "Fed", "that the ", " held rates", None),
        kwic.KwicLine("c", 9, 12, "Fed", "a ", " acted", "2023-01-01"),
    ]
    # Left: the nearest word first: "a" < "the"+"said" < "the"+"that".
    assert [k.article_id for k in kwic.sort_lines(lines, "left")] == ["c", "b", "a"]
    assert [k.article_id for k in kwic.sort_lines(lines, "right")] == ["c", "b", "a"]
    assert [k.article_id for k in kwic.sort_lines(lines, "date")] == ["c", "b", "a"]
    assert [k.article_id for k in kwic.sort_lines(lines, "article")] == ["a", "b", "c"]


def test_aligned_text_puts_every_keyword_in_one_column():
    lines = [
        kwic.KwicLine("a", 0, 1, "X", "short ", " tail"),
        kwic.KwicLine("b", 0, 1, "X", "a much longer left side ", " t"),
    ]
    cut = [kwic.aligned_text(k, 10) for k in lines]
    assert all(len(left) == 10 for left, _, _ in cut)
    assert cut[1][0] == "left side "
    assert kwic.aligned_text(lines[1], 8)[0] == "   side "  # whole words only


def test_an_entity_concordance(hand):
    lines = hand.entity_kwic("alice", "left")
    assert len(lines) == 4
    # Three begin their article (nothing on the left); "Bob spoke. Alice" sorts last.
    assert lines[-1].before.endswith("Bob spoke. ") and lines[-1].article_id == "news#a2"
    by_date = hand.entity_kwic("alice", "date")
    assert [k.date for k in by_date] == ["2024-01-01", "2024-01-02", "2024-01-02", "2024-02-20"]
    assert all(k.title.startswith("Story") for k in by_date)


def test_a_word_concordance(hand):
    lines, articles = hand.word_kwic("spoke", "right")
    assert articles == 2 and [k.keyword for k in lines] == ["spoke", "spoke"]
    assert [k.after for k in lines] == [".", ". Alice left."]
    lines, _ = hand.word_kwic("spoke", "article", limit=1)
    assert len(lines) == 1
