"""Small terminals (80x24, the classic; 70x20): the pane shown takes the whole
width, the help reads as prose and a table, the footer keeps quit and help."""

from __future__ import annotations

import pytest

from reader.tui.screens.help import HelpScreen
from tests.tui.helpers import screen_lines, settle

SIZES = [(80, 24), (70, 20)]


@pytest.mark.parametrize("size", SIZES)
async def test_each_pane_alone_takes_the_whole_width(make, size):
    width, _ = size
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        for key, selector in (
            ("1", "#sidebar"),
            ("2", "#article"),
            ("3", "#entities-pane"),
            ("4", "#sidebar"),
        ):
            await pilot.press(key)
            await pilot.pause()
            pane = screen.query_one(selector)
            assert pane.display and pane.region.width == width, (key, pane.region)
            # Nothing else shares the row: the right half is not left empty.
            lines = screen_lines(app)
            assert lines[0].startswith("╭") and lines[0].rstrip().endswith("╮"), lines[0]
            assert len(lines[0].rstrip()) == width
            if key == "4":
                await pilot.press("escape")


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_keeps_quit_and_help_in_every_pane(make, size):
    _width, _ = size
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("1", "2", "3"):
            await pilot.press(key)
            await pilot.pause()
            footer = screen_lines(app)[-1]
            assert "q Quit" in footer and "? Help" in footer, (key, footer)
            assert "^p Commands" in footer
            # Keys are left out whole, never cut.
            for cut in ("Entit ", "Same entit ", "Next mentio "):
                assert cut not in footer + " "
        await pilot.press("2", "e")  # no current mention: a notice, same footer
        await pilot.press("right_square_bracket", "e")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "Close" in footer and "? Help" in footer


@pytest.mark.parametrize("size", SIZES)
async def test_help_uses_the_screen_not_a_strip(make, size):
    width, height = size
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.region.width == width and body.region.height == height
        lines = screen_lines(app)
        intro = lines[1]
        assert intro.startswith("│ Mentions are highlighted by entity type;")
        assert len(intro.strip("│ ").split()) >= 8  # prose across the width
        text = "\n".join(lines)
        assert "Quit  app.quit" in text  # the id follows the description
        # Growing the terminal brings the id column back.
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        quit_line = next(line for line in text.splitlines() if "app.quit" in line)
        assert "Quit  app.quit" not in quit_line


async def test_the_pane_chosen_when_wide_is_the_one_shown_once_narrow(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("3")  # the entities pane; wide, every pane stays on screen
        await settle(pilot)
        assert all(screen.query_one(s).display for s in ("#sidebar", "#article"))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        entities = screen.query_one("#entities-pane")
        assert entities.display and entities.region.width == 80
        assert not screen.query_one("#article").display
        await pilot.press("1")
        await settle(pilot)
        assert screen.query_one("#sidebar").region.width == 80
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert all(screen.query_one(s).display for s in ("#sidebar", "#article", "#entities-pane"))
