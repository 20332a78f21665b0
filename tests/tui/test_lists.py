"""VimOptionList (a ScrollView on Textual's line API) looks, moves, clicks and
tells its parent the same as Textual's OptionList, key for key: both are run
side by side on the same options and their screens compared. A lazy list makes
only the options it draws or moves over."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.widgets.lists import VimOptionList

SIZE = (44, 14)


def _options() -> list[Option]:
    long = "a prompt long enough to wrap onto a second and even a third line here"
    return [
        Option(f"{i}. {long if i % 7 == 3 else 'short'}", id=f"o{i}", disabled=i in (2, 9, 10))
        for i in range(30)
    ]


def _one_line_options(count: int) -> list[Option]:
    return [
        Option(Text(f"row {i}", style="bold" if i % 2 else ""), id=f"o{i}") for i in range(count)
    ]


class Side(App[None]):
    """One list, Textual's or ours, filled the same way; records its messages."""

    def __init__(self, kind: str, options: list[Option]):
        super().__init__()
        self.kind = kind
        self.initial = options
        self.heard: list[tuple[str, int, str | None]] = []

    def compose(self) -> ComposeResult:
        if self.kind == "textual":
            yield OptionList(id="list")
        else:
            yield VimOptionList(id="list")

    def on_mount(self) -> None:
        options: Any = self.query_one("#list")  # Textual's OptionList or ours
        if self.kind == "lazy":
            shown = self.initial
            options.set_lazy_options(
                len(shown), lambda i: shown[i], {o.id: i for i, o in enumerate(shown)}.get
            )
        else:
            options.set_options(self.initial)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted)
    @on(VimOptionList.OptionHighlighted)
    def _highlighted(self, event) -> None:
        self.heard.append(("highlighted", event.option_index, event.option_id))

    @on(OptionList.OptionSelected)
    @on(VimOptionList.OptionSelected)
    def _selected(self, event) -> None:
        assert event.control is event.option_list
        self.heard.append(("selected", event.option_index, event.option_id))


async def _session(kind: str, options: list[Option], steps) -> list[tuple]:
    """What the list shows and says after each step (a key, or a click/hover at an offset)."""
    app = Side(kind, options)
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for step in steps:
            if isinstance(step, tuple):
                action, offset = step
                await getattr(pilot, action)("#list", offset=offset)
            else:
                await pilot.press(step)
            await pilot.pause()
            widget: Any = app.query_one("#list")
            seen.append(
                (
                    step,
                    widget.highlighted,
                    widget.scroll_offset.y,
                    app.export_screenshot(),
                    list(app.heard),
                )
            )
    return seen


KEYS = [
    "down",
    "down",  # over the disabled option 2
    "pagedown",
    "pagedown",
    "down",
    "end",
    "down",  # round the end to the top
    "up",
    "pageup",
    "home",
    "up",
    "enter",
    ("hover", (3, 4)),
    ("click", (3, 4)),
    "home",
    ("click", (3, 3)),  # the disabled option 2 (under the border's top line): nothing
]


def _same(ours: list[tuple], textual: list[tuple]) -> None:
    for mine, theirs in zip(ours, textual, strict=True):
        step = mine[0]
        assert mine[1:3] == theirs[1:3], f"highlight/scroll after {step!r}"
        assert mine[4] == theirs[4], f"messages after {step!r}"
        assert mine[3] == theirs[3], f"the screen after {step!r}"


async def test_ordinary_options_look_and_move_as_textuals_option_list():
    textual = await _session("textual", _options(), KEYS)
    ours = await _session("ours", _options(), KEYS)
    _same(ours, textual)
    # The session did move, wrap, page and select (not a comparison of nothing).
    highlights = [row[1] for row in textual]
    assert highlights[1] == 3 and highlights[5] == 29 and highlights[6] == 0
    heard = textual[-1][4]
    assert ("selected", 29, "o29") in heard and ("selected", 22, "o22") in heard
    assert highlights[-1] == 0 and heard[-1] == ("highlighted", 0, "o0")


async def test_a_lazy_list_of_one_line_rows_looks_as_textuals_option_list():
    textual = await _session("textual", _one_line_options(200), KEYS)
    ours = await _session("lazy", _one_line_options(200), KEYS)
    _same(ours, textual)


async def test_a_lazy_list_makes_only_what_it_draws_and_cuts_rows_to_their_height():
    made: list[int] = []

    def make(i: int) -> Option:
        made.append(i)
        return Option(Text(f"title {i}\nsource {i}\nnever shown {i}"), id=f"a{i}")

    class Lazy(App[None]):
        def compose(self) -> ComposeResult:
            yield VimOptionList(row_height=2, id="list")

        def on_mount(self) -> None:
            options = self.query_one(VimOptionList)
            options.set_lazy_options(100_000, make, lambda i: int(i[1:]))
            options.highlighted = 0
            options.focus()

    app = Lazy()
    async with app.run_test(size=(40, 12)) as pilot:
        options = app.query_one(VimOptionList)
        await pilot.press("G", "k", "pageup")
        await pilot.pause()
        assert options.highlighted == 99_998 - 5  # a page is 10 lines: 5 rows
        assert options.highlighted_option.id == f"a{options.highlighted}"
        assert options.get_option_index("a123") == 123
        assert options.option_count == 100_000
        assert len(set(made)) < 100  # a few screens' worth, not 100,000
        lines = _shown(options)
        assert lines[:3] == ["title 99993", "source 99993", "title 99994"]
        assert not any("never shown" in line for line in lines)
        # Option 99994's prompt changes: forgotten, it is made again when drawn.
        made.clear()
        options.forget([99_994])
        await pilot.pause()
        assert made == [99_994]
        # An ordinary list again (an empty-state message), then nothing.
        options.set_options([Option(Text("nothing here"), disabled=True)])
        await pilot.pause()
        assert options.highlighted is None and options.option_count == 1
        assert _shown(options)[0] == "nothing here"
        options.clear_options()
        await pilot.press("j", "enter")
        assert options.highlighted is None and options.option_count == 0


def _shown(options: VimOptionList) -> list[str]:
    """The list's lines as drawn (without padding)."""
    return [
        options.render_line(y).text.strip() for y in range(options.scrollable_content_region.height)
    ]


@pytest.mark.parametrize("kind", ["ours", "lazy"])
async def test_unknown_ids_and_indexes_raise_as_option_list_does(kind):
    from textual.widgets.option_list import OptionDoesNotExist

    app = Side(kind, _one_line_options(3))
    async with app.run_test(size=SIZE):
        options = app.query_one(VimOptionList)
        with pytest.raises(OptionDoesNotExist):
            options.get_option("nope")
        with pytest.raises(OptionDoesNotExist):
            options.get_option_at_index(3)
        assert options.get_option("o2").prompt.plain == "row 2"
