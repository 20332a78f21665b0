"""The footer follows the focus: the keys of the pane in focus, the screen's and
the app's, redrawn in place (one widget, no child per key), and a click on a
key presses it."""

from __future__ import annotations

from reader.tui.screens.entity import EntityScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.footer import ReaderFooter
from tests.tui.helpers import screen_lines, settle


def footer_line(app) -> str:
    return screen_lines(app)[-1]


async def test_the_footer_shows_the_keys_of_the_pane_in_focus(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(ReaderFooter)
        assert "] Next mention" in footer_line(app)
        articles, entities = ("s Sort", "f Filter"), ("e Entity page", "t Article/all")
        for key, shown, gone in (
            ("1", articles, entities),
            ("3", entities, articles),
            ("2", ("] Next mention", "} Same entity"), articles + entities),
            ("1", articles, entities),
            ("2", (), articles),
        ):
            await pilot.press(key)
            await settle(pilot)
            line = footer_line(app)
            for text in (*shown, "q Quit", "? Help", "^p Commands"):
                assert text in line, (key, text, line)
            for text in gone:
                assert text not in line, (key, text, line)
        # Drawn in place: the footer never grew a widget per key.
        assert not footer.children


async def test_the_entity_page_has_its_own_keys_and_the_main_screen_gets_its_back(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "e")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        assert "esc Close" in footer_line(app) and "] Next mention" not in footer_line(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "] Next mention" in footer_line(app) and "esc Close" not in footer_line(app)


async def test_a_click_on_a_footer_key_presses_it(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = footer_line(app)
        column = line.index("? Help")
        await pilot.click(ReaderFooter, offset=(column + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_keys_left_out_whole_at_80_columns_come_back_when_wider(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")  # the articles pane: its keys, the screen's, the app's
        await settle(pilot)
        narrow = footer_line(app)
        assert "s Sort" in narrow and "q Quit" in narrow and "? Help" in narrow
        assert "} Same entity" not in narrow  # the screen's: help lists it
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        wide = footer_line(app)
        assert "s Sort" in wide and "q Quit" in wide and "? Help" in wide
        assert "} Same entity" in wide
