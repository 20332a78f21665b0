"""Small helpers for reading what the TUI shows."""

from __future__ import annotations

from textual.app import App

from reader.tui.screens.main import MainScreen


def main_screen(app: App) -> MainScreen:
    """The screen on top, which the test expects to be the main screen."""
    screen = app.screen
    assert isinstance(screen, MainScreen), f"{type(screen).__name__} is on top"
    return screen


def notifications(app) -> list[str]:
    """Every notification the app gave ("title message"), toasts gone or not
    (recorded by the autouse fixture in conftest.py)."""
    return list(app.__dict__.get("recorded_notifications", []))


def row_text(view, row: int) -> str:
    """The plain text of one virtual row of the article view."""
    return view._render_row(row, view.scrollable_content_region.width).text


def visible_text(view) -> str:
    return "\n".join(row_text(view, r) for r in view.visible_rows())


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settle_until(pilot, condition, rounds: int = 200) -> None:
    """Settle until `condition()` holds: work that starts other work (a search
    finishing and starting the one typed meanwhile) needs more than one settle, and
    how many depends on the machine's load, not on the code."""
    for _ in range(rounds):
        await settle(pilot)
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"still not true after {rounds} rounds: {condition}")


def title_of(widget) -> str:
    """A widget's border title as plain text."""
    content = getattr(widget, "_border_title", None)
    return content.plain if content is not None else ""


def subtitle_of(widget) -> str:
    content = getattr(widget, "_border_subtitle", None)
    return content.plain if content is not None else ""


def screen_lines(app) -> list[str]:
    """What the terminal shows, line by line (every layer, toasts included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
