"""Article text is data in the TUI: an article full of markup and escape sequences
is opened, searched, followed by entity and clicked; the app keeps running, the
screen shows the markup literally and control characters as placeholders, and
nothing but the app's own cursor moves and colours would reach the terminal."""

from __future__ import annotations

import os
import re
import time

from textual import events

from reader.tui.app import make_app
from tests.hardening.hostile import (
    BAD_NAME,
    ENTITY_ID,
    assert_no_terminal_control,
    hostile_collection,
    inject_entities,
)
from tests.tui.helpers import main_screen, notifications, settle

_CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def screen_text(app) -> str:
    """What the screen shows (every layer, toasts included), as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_screen_is_safe(app) -> str:
    assert app.is_running and app.return_code is None
    text = screen_text(app)
    assert_no_terminal_control(text)
    # The bytes a real terminal would get: only the app's own CSI sequences.
    update = app.screen._compositor.render_update(full=True)
    sequence = _CSI.sub("", update.render_segments(app.console))
    assert "\x1b" not in sequence and "\x07" not in sequence and "\x9b" not in sequence
    return text


async def click_text(pilot, needle: str) -> bool:
    """Click the first place on screen showing `needle` (a would-be [@click] target)."""
    for y, line in enumerate(screen_text(pilot.app).split("\n")):
        x = line.find(needle)
        if x >= 0:
            await pilot.click(offset=(x + 1, y))
            await pilot.pause()
            return True
    return False


async def test_hostile_article_title_entity_snippet_and_notifications(collection):
    settings = hostile_collection(collection)
    bad = settings.articles_dir / BAD_NAME
    os.utime(bad, ns=(time.time_ns(), time.time_ns() + 10**9))  # re-read on start: a warning
    app = make_app(settings, remember=False, keymap={})
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        # The start-up update skipped the badly named file and said so, literally.
        assert any("␛[2Jbad[@click=app.quit].txt: skipped" in n for n in notifications(app))
        await pilot.pause(0.2)  # toasts mount
        text = assert_screen_is_safe(app)
        assert "bad[@click=app.quit].txt" in text
        inject_entities(settings)  # a text-only update clears entities
        screen = main_screen(app)
        screen.load_collection()
        await pilot.pause()

        # The articles list: the markup title is shown as typed.
        screen.open_article("hostile")
        await pilot.pause()
        text = assert_screen_is_safe(app)
        assert "[bold red]Red[/] [link=https://evil.test]link[/link]" in text
        assert "␛]52;c;ZXZpbA==␇" in text or "␛]52;c;ZXZpb" in text
        assert "[@click=app.quit]quit[/]" in text
        # Clicking where a [@click=app.quit] would be triggers nothing.
        assert await click_text(pilot, "[@click=app.quit]quit")
        assert app.is_running
        screen.open_article("hostile")
        await pilot.pause()

        # The entities pane and the current mention.
        screen.article_view.focus()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.article_view.current_mention.entity_id == ENTITY_ID
        text = assert_screen_is_safe(app)
        assert "[bold red]Red[/]" in text.split("\n", 1)[1]  # not just the title line

        # Following the entity to the next article: its title and the entity's name
        # (on the status line) are data.
        screen.open_article("calm")
        await pilot.pause()
        screen.article_view.focus()
        await pilot.press("right_square_bracket", "right_curly_bracket")
        await pilot.pause()
        assert screen.article_view.article.id == "hostile"
        status = screen.article_view._border_subtitle.plain
        assert "with [bold red]Red[/] [link=https://evil.test]link[/link]" in status
        assert "\x1b" not in status
        assert_screen_is_safe(app)
        assert await click_text(pilot, "[@click=app.quit]quit")
        assert app.is_running
        text = assert_screen_is_safe(app)

        # Search results: titles and snippets.
        await pilot.press("slash", *"zebra")
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.search_panel.results_list.option_count == 3
        text = assert_screen_is_safe(app)
        assert "[bold red]Red[/]" in text and "␛]8;;https://evil.test" in text

        # A query with markup and escapes: an error message or results, shown safely.
        panel = screen.search_panel
        for query in (
            "nosuch[@click=app.quit]:x \x1b]52;c;aGk=\x07",
            "zebra\x1b[2J",
            "[bold]zebra[/bold] AND (",
        ):
            panel.input.value = query
            await pilot.pause(0.3)
            await settle(pilot)
            text = assert_screen_is_safe(app)
        assert panel.input.value == "[bold]zebra[/bold] AND ("  # typed text is kept as typed
        # Pasted text cannot smuggle escapes onto the screen either.
        panel.input.value = ""
        panel.input.focus()
        panel.input.post_message(events.Paste("zebra\x1b]52;c;aGk=\x07 [@click=app.quit]x\nline 2"))
        await pilot.pause(0.3)
        await settle(pilot)
        assert panel.input.value == "zebra]52;c;aGk= [@click=app.quit]x"
        assert_screen_is_safe(app)
        status = str(panel.query_one("#search-status").render())
        assert "\x1b" not in status
        screen.article_list.filter_input.value = "Calm\x1b[2J\u202e"  # the articles filter too
        assert screen.article_list.filter_input.value == "Calm[2J"
        screen.article_list.filter_input.value = ""
        panel.input.value = "[@click=app.quit] nosuch:x"
        await pilot.pause(0.3)
        await settle(pilot)
        text = assert_screen_is_safe(app)
        assert "unknown field nosuch" in text

        # The entity page: header, mentions in context, article titles.
        screen.show_entity_page(ENTITY_ID)
        await settle(pilot)
        text = assert_screen_is_safe(app)
        assert type(app.screen).__name__ == "EntityScreen"
        assert "[bold red]Red[/] [link=https://evil.test]link[/link]" in text
        assert "Corp␛]52;c;ZXZpbA==␇" in text
        assert await click_text(pilot, "[@click=app.quit]quit")
        assert app.is_running
        assert_screen_is_safe(app)
