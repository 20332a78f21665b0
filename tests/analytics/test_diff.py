"""The diff between two versions of a story."""

from __future__ import annotations

from reader.analytics.diff import word_diff


def test_a_changed_word_and_an_added_sentence():
    old = "The storm closed the port for three days.\n\nShips waited."
    new = "The storm closed the port for four days.\n\nShips waited. Repairs began."
    diff = word_diff(old, new)
    assert (diff.added, diff.removed) == (3, 1)
    changed = [(c.op, c.old.strip(), c.new.strip()) for c in diff.changes if c.op != "equal"]
    assert changed == [("replace", "three", "four"), ("insert", "", "Repairs began.")]
    # Each side's pieces give back its text.
    assert "".join(c.old for c in diff.changes) == old
    assert "".join(c.new for c in diff.changes) == new


def test_rewrapped_text_is_the_same():
    diff = word_diff("one two\nthree four", "one two three\nfour")
    assert diff.same and diff.similarity == 1.0
