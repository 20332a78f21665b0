"""SVG snapshots of the curation menu (`C`) on the first mention of the samples,
wide and narrow (update: --snapshot-update). Opening it writes nothing."""

from __future__ import annotations

import pytest

from tests.tui.helpers import settle


@pytest.fixture(autouse=True)
def _no_read_timer(monkeypatch):
    """The open article stays unread (the articles pane counts it): on a loaded
    machine the 3 s read timer fired before the snapshot was taken."""
    monkeypatch.setattr("reader.tui.screens.tracking.READ_AFTER", 3600.0)


async def _menu(pilot) -> None:
    await settle(pilot)
    await pilot.press("right_square_bracket", "C")
    await pilot.pause()


def test_curation_menu(make, snap_compare):
    assert snap_compare(make(), run_before=_menu, terminal_size=(120, 40))


def test_curation_menu_narrow(make, snap_compare):
    assert snap_compare(make(), run_before=_menu, terminal_size=(80, 24))
