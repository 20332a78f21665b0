"""Snapshots of keeping track: the list with unread, read and starred rows and
the article's star, tags and note; the note editor; saved searches; history
(update: --snapshot-update). Deterministic: nothing becomes read by time, the
history's times are fixed."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from reader.workflow.store import ARTICLE
from tests.tui.helpers import settle

FIRST, SECOND = "000_dbd5abc5addd0f1b", "004_e5de60779731731b"
SIZES = [(120, 40), (80, 24)]


@pytest.fixture(autouse=True)
def _nothing_read_by_time(monkeypatch):
    monkeypatch.setattr("reader.tui.screens.tracking.READ_AFTER", 3600)


def _with_user_data(app):
    """The app, with SECOND read and starred, FIRST tagged and noted, a saved
    search and some history (at fixed times)."""
    from reader.library import Library

    with Library(app.settings) as library:
        store = library.userdata
        store.mark_read([SECOND])
        store.star([SECOND, FIRST])
        store.tag(ARTICLE, [FIRST], "annexation")
        store.tag(ARTICLE, [FIRST], "referendum")
        store.set_note(ARTICLE, FIRST, "Check the turnout figures against the OSCE report.")
        store.save_search("Votes", "referendum", seen=[FIRST])
        store.visit("search", "referendum", "referendum")
        store.visit("article", SECOND, "The ceremony officially annexing")
        store.visit("entity", "person:vladimir-putin", "Vladimir Putin")
        with store._lock:
            store.conn.execute("UPDATE history SET at = 1790000000 + seq * 60")
    return app


async def _quiet(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await settle(pilot)


def _keys(*keys: str):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["wide", "narrow"])
def test_marks_in_the_list_and_on_the_article(make, snap_compare, size):
    keys = ("1",) if size[0] < 100 else ()
    app = _with_user_data(make())
    assert snap_compare(app, run_before=_keys(*keys), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["wide", "narrow"])
def test_note_editor(make, snap_compare, size):
    app = _with_user_data(make())
    assert snap_compare(app, run_before=_keys("semicolon"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["wide", "narrow"])
def test_saved_searches(make, snap_compare, size):
    app = _with_user_data(make())
    assert snap_compare(app, run_before=_keys("S"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["wide", "narrow"])
def test_history(make, snap_compare, size):
    app = _with_user_data(make())
    assert snap_compare(app, run_before=_keys("h"), terminal_size=size)
