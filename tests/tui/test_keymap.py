"""The user's keymap.toml: good entries remap keys (the help screen shows them);
an unknown id or a bad key is one notification, never a crash; the palette
offers the registry's actions."""

from __future__ import annotations

from rich.console import Console

from reader.actions import palette_actions
from reader.tui.screens.help import HelpScreen
from tests.tui.helpers import settle


def said(app) -> list[str]:
    """Every notification the app gives from now on (a toast may time out before
    a loaded machine gets to look at it)."""
    shown: list[str] = []
    notify = app.notify

    def record(message, *, title="", **kw):
        shown.append(f"{title} {message}")
        notify(message, title=title, **kw)

    app.notify = record
    return shown


def help_text(app) -> str:
    console = Console(width=200, record=True)
    console.print(app.screen.content)
    return console.export_text()


async def test_a_keymap_file_with_a_typo_remaps_the_rest_and_says_what_it_ignored(
    make, private_data_dir
):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "keymap.toml").write_text(
        '"mention.next" = "x"\n"mention.nxet" = "y"\n"jump.back" = "ctrl+oo"\n'
    )
    app = make(keymap=None)
    shown = said(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert any(
            "Key map keymap.toml: unknown action 'mention.nxet'" in n and "(and 1 more)" in n
            for n in shown
        ), shown
        await pilot.press("x")
        assert app.screen.article_view.current_mention.start == 0  # remapped
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = help_text(app).splitlines()
        assert next(ln for ln in lines if "mention.next" in ln).strip().startswith("x")
        # The bad entry left the defaults alone.
        assert next(ln for ln in lines if "jump.back" in ln).strip().startswith("^o ⌫")


async def test_an_unreadable_keymap_file_is_one_warning(make, private_data_dir):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "keymap.toml").write_text('"mention.next" = \n')
    app = make(keymap=None)
    shown = said(app)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert any("cannot read keymap.toml" in n for n in shown), shown
        await pilot.press("right_square_bracket")  # the default still works
        assert app.screen.article_view.current_mention is not None


async def test_the_palette_offers_the_registry_actions_in_order(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        rows = [
            str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)
        ]
        ours = [str(a.palette) for a in palette_actions()]
        remaining = iter(rows)  # Textual's own commands (its "Quit" too) mix in
        assert all(title in remaining for title in ours), rows
