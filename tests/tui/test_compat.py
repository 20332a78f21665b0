"""Textual's private members reader.tui.compat relies on are still there and
shaped as it expects: a Textual upgrade that changes one fails here, by name,
not somewhere deep in a list or at start-up. And no other module reaches into
Textual's internals."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from reader.tui import compat


class _Probe(App[None]):
    """An app to make the instances whose attributes Textual sets in __init__."""


async def _instances() -> dict[type, object]:
    app = _Probe()
    async with app.run_test():
        return {Widget: Widget(), Screen: app.screen, App: app}


@pytest.mark.parametrize(
    "owner, name, kind, params",
    compat.RELIED_ON,
    ids=[f"{owner.__name__}.{name}" for owner, name, _, _ in compat.RELIED_ON],
)
async def test_textual_still_has_what_compat_relies_on(owner, name, kind, params):
    why = f"Textual no longer has {owner.__name__}.{name} as reader/tui/compat.py expects"
    if kind == "attribute":
        instance = (await _instances())[owner]
        assert hasattr(instance, name), why
    else:
        member = inspect.getattr_static(owner, name, None)
        assert callable(member), why
        assert compat.parameters(member) == params, why


def test_compat_overrides_are_the_ones_it_declares():
    """Each private member compat's classes override is in RELIED_ON."""
    declared = {(owner, name) for owner, name, _, _ in compat.RELIED_ON}
    for ours, base in (
        (compat.SteadyScreen, Screen),
        (compat.CrashHookApp, App),
    ):
        for name, value in vars(ours).items():
            defined_here = inspect.isfunction(value) or isinstance(value, property)
            if defined_here and name.startswith("_") and hasattr(base, name):
                assert (base, name) in declared, f"{ours.__name__}.{name} not in RELIED_ON"


#: Private members of Textual's classes the rest of the TUI once used.
PRIVATE = re.compile(
    r"\._(?:keymap|compositor|options|id_to_option|option_to_index|line_cache|"
    r"option_render_cache|mouse_hovering_over|exit_renderables|scroll_update|"
    r"get_left_gutter_width|get_visual|update_lines|clear_caches|on_screen_resume|"
    r"screen_resized|handle_exception)\b"
)


def test_no_other_module_reaches_into_textual():
    tui = Path(compat.__file__).parent
    offenders = [
        f"{path.relative_to(tui)}:{number}: {line.strip()}"
        for path in sorted(tui.rglob("*.py"))
        if path.name != "compat.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert not offenders, offenders


async def test_our_line_api_widgets_do_not_shadow_textuals_private_members():
    """A private name of ours that Textual's classes also use would silently
    replace Textual's (a reach into its internals nobody declared): the list
    widget's own members (methods, class attributes, and what its methods set
    on `self`) avoid every private name of the Textual classes it extends."""
    from textual.scroll_view import ScrollView

    from reader.tui.widgets import lists

    class Plain(ScrollView):
        """What Textual itself puts on any subclass and its instances."""

    app = _Probe()
    async with app.run_test():
        theirs = {name for base in ScrollView.__mro__ for name in vars(base)} | set(vars(Plain()))
    ours = set(vars(lists.VimOptionList)) - set(vars(Plain))
    tree = ast.parse(Path(lists.__file__).read_text(encoding="utf-8"))
    ours |= {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }
    private = {name for name in ours if name.startswith("_") and not name.startswith("__")}
    assert "_shown" in private, "the check sees the widget's own members"
    assert not private & theirs, sorted(private & theirs)
