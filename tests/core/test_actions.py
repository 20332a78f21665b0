"""The action registry: one table for bindings, help, palette and key map; a key
map entry that cannot be used is named in one line, the rest still apply."""

from __future__ import annotations

import pytest

from reader.actions import (
    ACTIONS,
    BY_ID,
    PALETTE,
    SECTIONS,
    WHERE,
    KeymapError,
    check_keymap,
    help_sections,
    key_name,
)
from reader.errors import ReaderError


def test_ids_are_unique_and_every_default_key_is_a_key():
    assert len(BY_ID) == len(ACTIONS)
    for action in ACTIONS:
        assert action.where in WHERE, action
        assert action.description, action
        for key in filter(None, action.keys.split(",")):
            assert key_name(key) == key, (action.id, key)


def test_help_lists_every_bound_action_once_and_palette_entries_are_runnable():
    listed = [a.id for _, actions in help_sections() for a in actions]
    bound_outside_help = {a.id for a in ACTIONS if a.keys and a.where == "help"}
    assert len(listed) == len(set(listed))
    assert set(listed) | bound_outside_help == {a.id for a in ACTIONS if a.keys}
    assert {w for _, wheres in SECTIONS for w in wheres} | {"help"} == set(WHERE)
    assert len(PALETTE) == len(set(PALETTE))
    assert set(PALETTE) == {a.id for a in ACTIONS if a.palette}
    assert all(BY_ID[i].where in ("main", "track", "app") for i in PALETTE)


@pytest.mark.parametrize(
    "typed, name",
    [
        ("x", "x"),
        ("J", "J"),
        ("?", "question_mark"),
        ("]", "right_square_bracket"),
        ("/", "slash"),
        ("<", "less_than_sign"),
        ("ctrl+o", "ctrl+o"),
        ("alt+left", "alt+left"),
        ("shift+tab", "shift+tab"),
        ("f12", "f12"),
        ("pound_sign", "pound_sign"),
        (" pagedown ", "pagedown"),
    ],
)
def test_key_names_as_textual_names_them(typed, name):
    assert key_name(typed) == name


@pytest.mark.parametrize(
    "bad", ["", "ctrl+", "hyper+sprakle", "cntrl+x", "pgdown", "f25", "latin_small_letter_a"]
)
def test_what_is_not_a_key(bad):
    assert key_name(bad) is None


def test_a_good_keymap_is_normalised():
    keymap = check_keymap({"mention.next": "x, ]", "jump.back": "ctrl+o,?"})
    assert keymap == {"mention.next": "x,right_square_bracket", "jump.back": "ctrl+o,question_mark"}


def test_the_undo_ids_a_keymap_had_still_work():
    """Curation's undo and mark-all-read's undo became the reader's one undo."""
    keymap = check_keymap({"track.undo": "z", "curation.undo": "ctrl+u", "curation.redo": "r"})
    assert keymap == {"app.undo": "z,ctrl+u", "app.redo": "r"}


def test_bad_entries_raise_one_line_and_keep_the_usable_ones():
    raw = {
        "mention.next": "x",
        "mention.nxet": "y",
        "jump.back": "ctrl+oo",
        "app.rebuild_index": "ctrl+b",
        "entity.page": 3,
    }
    with pytest.raises(KeymapError) as caught:
        check_keymap(raw)
    error = caught.value
    assert isinstance(error, ReaderError)
    assert str(error) == (
        "keymap.toml: unknown action 'mention.nxet' (ids are on the help screen)"
        " (and 3 more); ignored"
    )
    assert "\n" not in str(error)
    assert error.usable == {"mention.next": "x"}
