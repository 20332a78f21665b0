"""Wrapping text into rows and mapping offsets to rows (no Textual)."""

from __future__ import annotations

import pytest

from reader.tui.navigation import JumpList, Location, neighbour
from reader.tui.offsets import WrappedText


def rows(wrapped: WrappedText) -> list[str]:
    return [wrapped.text[s:e] for s, e in zip(wrapped.starts, wrapped.ends)]


def test_words_wrap_at_the_width_and_rows_cover_the_text():
    text = "the quick brown fox jumps over the lazy dog\n\nsecond paragraph"
    wrapped = WrappedText(text, 15)
    assert rows(wrapped) == [
        "the quick brown ",
        "fox jumps over ",
        "the lazy dog",
        "",
        "second ",
        "paragraph",
    ]
    assert all(len(r.rstrip()) <= 15 for r in rows(wrapped))
    assert "".join(rows(wrapped)).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_offset_to_row():
    text = "the quick brown fox jumps over the lazy dog"
    wrapped = WrappedText(text, 15)
    assert wrapped.row_of(0) == 0
    assert wrapped.row_of(text.index("fox")) == 1
    assert wrapped.row_of(len(text)) == 2
    assert list(wrapped.rows_of(text.index("brown"), text.index("jumps") + 5)) == [0, 1]


def test_long_words_are_split_and_wide_characters_count_double():
    wrapped = WrappedText("x" * 25, 10)
    assert rows(wrapped) == ["x" * 10, "x" * 10, "x" * 5]
    wide = WrappedText("日本語のテキスト", 6)  # 2 cells each
    assert rows(wide) == ["日本語", "のテキ", "スト"]


@pytest.mark.parametrize("width", [1, 5, 40])
def test_empty_and_tiny(width):
    assert rows(WrappedText("", width)) == [""]
    assert len(WrappedText("a\nb\n", width)) == 3


def test_jump_list_is_a_browser_history():
    jumps = JumpList(limit=3)
    a, b, c, d = (Location(x) for x in "abcd")
    jumps.record(a)
    jumps.record(b)
    assert jumps.back(c) == b
    assert jumps.back(b) == a
    assert jumps.back(a) is None
    assert jumps.forward(a) == b
    jumps.record(b)  # a new jump clears "forward"
    assert jumps.forward(d) is None
    for loc in (a, b, c, d):
        jumps.record(loc)
    assert jumps.back(None) == d and jumps.back(None) == c and jumps.back(None) == b
    assert jumps.back(None) is None  # bounded


def test_neighbour_article_in_collection_order():
    ids = ["a", "c", "e"]
    assert neighbour(ids, "a", 1) == ("c", False)
    assert neighbour(ids, "e", 1) == ("a", True)
    assert neighbour(ids, "a", -1) == ("e", True)
    assert neighbour(ids, "d", 1) == ("e", False)
    assert neighbour(ids, "d", -1) == ("c", False)
    assert neighbour(["a"], "a", 1) == (None, False)
