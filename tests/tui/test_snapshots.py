"""SVG snapshots of the screens on the sample articles (update: --snapshot-update).

Deterministic: no index build (the session fixture built it), nothing
remembered, no notifications, no clocks or temp paths on screen.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.helpers import settle


@pytest.fixture(autouse=True)
def _nothing_read_by_time(monkeypatch):
    """An article shown for 3 s becomes read (and its row not bold): not on a slow machine here."""
    monkeypatch.setattr("reader.tui.screens.tracking.READ_AFTER", 3600)


PUTIN = "person:vladimir-putin"


async def _quiet(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await settle(pilot)


def test_main_screen(make, snap_compare):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(make(), run_before=run_before, terminal_size=(120, 40))


def test_main_screen_narrow(make, snap_compare):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(make(), run_before=run_before, terminal_size=(80, 24))


def test_entity_page(make, snap_compare):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "e")
        await pilot.pause()

    assert snap_compare(make(), run_before=run_before, terminal_size=(120, 40))


async def _search_referendum(pilot) -> None:
    await _quiet(pilot)
    await pilot.press("slash", *"referendum")
    await settle(pilot)
    await pilot.pause(0.5)  # the timeline follows once typing pauses
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def test_search_with_results(make, snap_compare):
    assert snap_compare(make(), run_before=_search_referendum, terminal_size=(120, 40))


def test_help_screen(make, snap_compare):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make(), run_before=run_before, terminal_size=(120, 40))


# At 80x24 (the classic terminal) one pane shows at a time, across the whole width.


def _keys(*keys: str):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_articles_pane_narrow(make, snap_compare):
    assert snap_compare(make(), run_before=_keys("1"), terminal_size=(80, 24))


def test_entities_pane_narrow(make, snap_compare):
    assert snap_compare(make(), run_before=_keys("3"), terminal_size=(80, 24))


def test_search_with_results_narrow(make, snap_compare):
    assert snap_compare(make(), run_before=_search_referendum, terminal_size=(80, 24))


def test_entity_page_narrow(make, snap_compare):
    assert snap_compare(
        make(),
        run_before=_keys("right_square_bracket", "right_square_bracket", "e"),
        terminal_size=(80, 24),
    )


def test_help_screen_narrow(make, snap_compare):
    assert snap_compare(make(), run_before=_keys("question_mark"), terminal_size=(80, 24))


def _entity_page_with_timeline(make, dated_settings, snap_compare, size):
    async def run_before(pilot):
        await _quiet(pilot)
        await pilot.press("right_square_bracket", "e")
        await settle(pilot)

    return snap_compare(make(settings=dated_settings), run_before=run_before, terminal_size=size)


def test_entity_page_with_timeline(make, dated_settings, snap_compare):
    """A chart with labelled axes at 120 columns."""
    assert _entity_page_with_timeline(make, dated_settings, snap_compare, (120, 40))


def test_entity_page_with_timeline_narrow(make, dated_settings, snap_compare):
    """A sparkline at 80 columns."""
    assert _entity_page_with_timeline(make, dated_settings, snap_compare, (80, 24))
