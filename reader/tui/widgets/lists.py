"""Option lists that move like less and vim (j/k/g/G) as well as with arrows.

`VimOptionList` is a widget on Textual's line API (a `ScrollView` that draws
one line at a time in `render_line`, as Textual's `Log` and toolong's
`LogLines`), with the look, keys, mouse and messages of Textual's OptionList
(the same CSS component classes, so themes and `reader.tcss` style it alike).

It shows either ordinary options (`set_options`: short lists, empty-state
messages; each as many lines as its prompt wraps to) or, for long lists, a
count and a function that makes option `i` (`set_lazy_options`): each option
is then `row_height` lines high (longer prompts are cut), and only the options
drawn (or moved over) are made. OptionList builds, wraps and measures every
option up front: seconds for 10,000 articles. Made options are kept until told
otherwise (`forget`), or until the width changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, cast, overload

from rich.repr import Result
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.css.styles import RulesMap
from textual.geometry import Region, Size, Spacing, clamp
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual, VisualType, visualize
from textual.widgets.option_list import DuplicateID, Option, OptionDoesNotExist

from reader.tui.compat import set_virtual_size
from reader.tui.keys import bindings

#: Made options kept at most (a few screens' worth is plenty; the rest are remade).
_MADE_LIMIT = 4096
#: Options drawn kept (as Textual's OptionList: its `_option_render_cache`).
_DRAWN_LIMIT = 2048


class LazyOptions(Sequence[Option]):
    """`count` options, option `i` made by `make(i)` when first asked for."""

    def __init__(self, count: int, make: Callable[[int], Option]):
        self._count = count
        self._make = make
        self._made: dict[int, Option] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Option: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Option]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _OptionsView(self, range(self._count)[index])
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        option = self._made.get(index)
        if option is None:
            if len(self._made) >= _MADE_LIMIT:
                self._made.clear()
            option = self._made[index] = self._make(index)
        return option

    def forget(self, indexes: Iterable[int] | None = None) -> None:
        """Remake these options (all when None) next time they are asked for."""
        if indexes is None:
            self._made.clear()
            return
        for index in indexes:
            self._made.pop(index, None)


class _OptionsView(Sequence[Option]):
    """A slice of LazyOptions that makes nothing until indexed."""

    def __init__(self, base: LazyOptions, indexes: range):
        self._base = base
        self._indexes = indexes

    def __len__(self) -> int:
        return len(self._indexes)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _OptionsView(self._base, self._indexes[index])
        return self._base[self._indexes[index]]


class VimOptionList(ScrollView, can_focus=True):
    """A navigable list of options, drawn a line at a time (see the module doc)."""

    ALLOW_SELECT = False
    # Textual's OptionList keys (not in the action registry: every list has them,
    # as every OptionList does), then the lists' own from reader.actions.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        *bindings("lists"),
    ]

    # Textual's OptionList look, on the same component classes.
    DEFAULT_CSS = """
    VimOptionList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .option-list--option-disabled {
            color: $text-disabled;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "option-list--option",
        "option-list--option-disabled",
        "option-list--option-highlighted",
        "option-list--option-hover",
    }

    highlighted: reactive[int | None] = reactive(None)
    """The index of the highlighted option, or None."""

    _hover: reactive[int | None] = reactive(None)
    """The index of the option under the mouse, or None."""

    class OptionMessage(Message):
        """An option of the list, by index (as OptionList's messages)."""

        def __init__(self, option_list: VimOptionList, option: Option, index: int) -> None:
            super().__init__()
            self.option_list = option_list
            self.option = option
            self.option_id = option.id
            self.option_index = index

        @property
        def control(self) -> VimOptionList:
            return self.option_list

        def __rich_repr__(self) -> Result:
            yield "option_list", self.option_list
            yield "option", self.option
            yield "option_index", self.option_index

    class OptionHighlighted(OptionMessage):
        """The highlight moved onto an (enabled) option."""

    class OptionSelected(OptionMessage):
        """An option was chosen (Enter, or a click)."""

    def __init__(
        self,
        *,
        row_height: int = 1,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        markup: bool = True,
    ):
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        #: Lines per option in a lazy list.
        self.row_height = row_height
        self._markup = markup
        self._shown: Sequence[Option] = []
        #: The lazy options shown, or None: ordinary ones (`_shown` is then a list).
        self._lazy: LazyOptions | None = None
        self._row_of_id: dict[str, int] = {}
        self._index_of: Callable[[str], int | None] = self._row_of_id.get
        self._visuals: LRUCache[Option, Visual] = LRUCache(maxsize=_MADE_LIMIT)
        self._drawn: LRUCache[tuple[Option, int, Style, Spacing, int], list[Strip]]
        self._drawn = LRUCache(maxsize=_DRAWN_LIMIT)
        # Ordinary options: the first line of each (and the end), at `_starts_width`.
        self._starts: list[int] = [0]
        self._starts_width = -1  # not laid out
        self._made_width = -1

    # ------------------------------------------------------------ what is shown

    @property
    def options(self) -> Sequence[Option]:
        """The options shown (read-only)."""
        return self._shown

    @property
    def option_count(self) -> int:
        return len(self._shown)

    @property
    def highlighted_option(self) -> Option | None:
        return None if self.highlighted is None else self._shown[self.highlighted]

    def get_option_at_index(self, index: int) -> Option:
        try:
            return self._shown[index]
        except IndexError:
            raise OptionDoesNotExist(f"There is no option with an index of {index}") from None

    def get_option_index(self, option_id: str) -> int:
        index = self._index_of(option_id)
        if index is None:
            raise OptionDoesNotExist(f"There is no option with an ID of {option_id!r}")
        return index

    def get_option(self, option_id: str) -> Option:
        return self._shown[self.get_option_index(option_id)]

    def _reset(self, shown: Sequence[Option], lazy: LazyOptions | None) -> None:
        self._shown, self._lazy = shown, lazy
        self._visuals.clear()
        self._drawn.clear()
        self._starts_width = -1
        self._hover = None
        self.highlighted = None
        self.scroll_y = 0

    def set_options(self, options: Iterable[Option | VisualType]) -> VimOptionList:
        """Show these options (prompts are made Options), each as high as it wraps."""
        self._reset([], None)
        self._row_of_id = {}
        self._index_of = self._row_of_id.get
        self.add_options(options)
        if self.is_mounted:
            self.refresh()
        return self

    def add_options(self, options: Iterable[Option | VisualType]) -> VimOptionList:
        """Add options at the end (a lazy list becomes an ordinary one)."""
        if self._lazy is not None:
            self.set_options([])
        shown = self._shown
        assert isinstance(shown, list)
        new = [o if isinstance(o, Option) else Option(o) for o in options]
        ids = [o.id for o in new if o.id is not None]
        if len(ids) != len(set(ids)) or any(i in self._row_of_id for i in ids):
            raise DuplicateID("options with the same id")
        for option in new:
            if option.id is not None:
                self._row_of_id[option.id] = len(shown)
            shown.append(option)
        if new:
            self._starts_width = -1
            if self.is_mounted:
                self.refresh(layout=self.styles.auto_dimensions)
                self._measure()
        return self

    def add_option(self, option: Option | VisualType) -> VimOptionList:
        return self.add_options([option])

    def clear_options(self) -> VimOptionList:
        return self.set_options([])

    def set_lazy_options(
        self, count: int, make: Callable[[int], Option], index_of: Callable[[str], int | None]
    ) -> None:
        """Show `count` options; `make(i)` builds option i (`row_height` lines once
        rendered: longer prompts are cut), `index_of(id)` finds an option by id."""
        lazy = LazyOptions(count, make)
        self._reset(lazy, lazy)
        self._index_of = index_of
        if self.is_mounted:
            self._measure()
            self.refresh()

    def forget(self, indexes: Iterable[int] | None = None) -> None:
        """Options whose prompt changed: remade (and redrawn) when next on screen."""
        if self._lazy is not None:
            self._lazy.forget(indexes)
            self.refresh()

    # ------------------------------------------------------------ lines

    @property
    def _rules(self) -> RulesMap:
        return cast(RulesMap, self.styles)  # as OptionList: its styles are the rules

    def _option_height(self, option: Option, width: int) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return self._visual(option).get_height(self._rules, width - padding.width)

    def _plain_starts(self) -> list[int]:
        """The first line of each ordinary option (and the end), at the current width."""
        width = self.scrollable_content_region.width
        if width != self._starts_width:
            starts = [0]
            for option in self._shown:
                starts.append(starts[-1] + self._option_height(option, width))
            self._starts, self._starts_width = starts, width
        return self._starts

    def _total_lines(self) -> int:
        if self._lazy is not None:
            return len(self._lazy) * self.row_height
        return self._plain_starts()[-1]

    def _first_line(self, index: int) -> int:
        if self._lazy is not None:
            return index * self.row_height
        return self._plain_starts()[index]

    def _height(self, index: int) -> int:
        if self._lazy is not None:
            return self.row_height
        starts = self._plain_starts()
        return starts[index + 1] - starts[index]

    def _at_line(self, y: int) -> tuple[int, int]:
        """(option, line within it) at content line y (0 <= y < total lines)."""
        if self._lazy is not None:
            return divmod(y, self.row_height)
        starts = self._plain_starts()
        index = bisect_right(starts, y) - 1
        return index, y - starts[index]

    def _measure(self) -> None:
        """Lay the options out at the current width; set the scrollable size."""
        region = self.scrollable_content_region
        if not region:
            return
        width = region.width
        if self._lazy is not None and width != self._made_width:
            self._made_width = width  # a scrollbar came or went: prompts are cut anew
            self._lazy.forget()
        set_virtual_size(self, Size(width, self._total_lines()))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self._lazy is not None:
            return container.width
        if not self._shown:
            return 0
        padding = self.get_component_styles("option-list--option").padding
        widest = max(
            self._visual(option).get_optimal_width(self._rules, container.width)
            for option in self._shown
        )
        return widest + padding.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._lazy is not None:
            return self._total_lines()
        return sum(self._option_height(option, width) for option in self._shown)

    # ------------------------------------------------------------ drawing

    def _visual(self, option: Option) -> Visual:
        visual = self._visuals.get(option)
        if visual is None:
            visual = self._visuals[option] = visualize(self, option.prompt, markup=self._markup)
        return visual

    def _option_strips(self, index: int, option: Option, style: Style) -> list[Strip]:
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width
        key = (option, index, style, padding, width)
        strips = self._drawn.get(key)
        if strips is None:
            visual = self._visual(option)
            if padding:
                visual = Padding(visual, padding)
            meta = {"option": index}
            strips = [
                strip.extend_cell_length(width, style.rich_style).apply_meta(meta)
                for strip in visual.to_strips(self, visual, width, None, style)
            ]
            self._drawn[key] = strips
        return strips

    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if line >= self._total_lines():
            return self._blank(self.get_visual_style("option-list--option"))
        index, offset = self._at_line(line)
        option = self._shown[index]
        # As OptionList: disabled, else highlighted, else under the mouse.
        if option.disabled:
            style = self.get_visual_style("option-list--option", "option-list--option-disabled")
        elif self.highlighted == index:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        elif self._hover == index:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        strips = self._option_strips(index, option, style)
        if offset < len(strips):
            return strips[offset]
        # A lazy row shorter than row_height is filled in its own style.
        return self._blank(style if self._lazy is not None else None)

    def _blank(self, style: Style | None) -> Strip:
        if style is None:
            style = self.get_visual_style("option-list--option")
        return Strip.blank(self.scrollable_content_region.width, style.rich_style)

    def notify_style_update(self) -> None:
        self.refresh()
        super().notify_style_update()

    # ------------------------------------------------------------ events

    def on_mount(self) -> None:
        self._measure()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def on_resize(self) -> None:
        self._drawn.clear()
        self._starts_width = -1
        if self._lazy is not None:
            self._lazy.forget()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None and clicked < len(self._shown) and not self._shown[clicked].disabled:
            self.highlighted = clicked
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover = event.style.meta.get("option")

    def on_leave(self, event: events.Leave) -> None:
        self._hover = None

    # ------------------------------------------------------------ the highlight

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._shown:
            return None
        return clamp(highlighted, 0, len(self._shown) - 1)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is None:
            return
        option = self._shown[highlighted]
        if not option.disabled:
            self.scroll_to_highlight()
            self.post_message(self.OptionHighlighted(self, option, highlighted))

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the highlighted option into view (to the top, if `top`)."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        if self._lazy is None and not self.scrollable_content_region:
            return  # not laid out yet: on_show scrolls
        self._measure()
        self.scroll_to_region(
            Region(
                0,
                self._first_line(highlighted),
                self.scrollable_content_region.width,
                self._height(highlighted),
            ),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )

    def _enabled(self, start: int, step: int, wrap: bool) -> int | None:
        """The first enabled option from `start` on (inclusive) going `step`."""
        count = len(self._shown)
        for n in range(count):
            index = start + n * step
            if wrap:
                index %= count
            elif not 0 <= index < count:
                return None
            if not self._shown[index].disabled:
                return index
        return None

    def _step(self, direction: int) -> None:
        # As OptionList: from nothing to the first (or last) enabled option; then
        # on to the next enabled one, round the end; stays when there is none.
        if not self._shown:
            self.highlighted = None
        elif self.highlighted is None:
            self.highlighted = self._enabled(
                0 if direction > 0 else len(self._shown) - 1, direction, False
            )
        else:
            found = self._enabled(self.highlighted + direction, direction, True)
            self.highlighted = self.highlighted if found is None else found

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self.highlighted = self._enabled(0, 1, False) if self._shown else None

    def action_last(self) -> None:
        self.highlighted = self._enabled(len(self._shown) - 1, -1, False) if self._shown else None

    def _move_page(self, direction: int) -> None:
        # As OptionList: the option a page of lines away, or the next enabled one past it.
        if not self._shown:
            return
        self._measure()
        height = self.scrollable_content_region.height
        y = clamp(
            self._first_line(self.highlighted or 0) + direction * height,
            0,
            self._total_lines() - 1,
        )
        self.highlighted = self._enabled(self._at_line(y)[0], direction, False)

    def action_page_down(self) -> None:
        if self.highlighted is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_page_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is None:
            return
        option = self._shown[highlighted]
        if not option.disabled:
            self.post_message(self.OptionSelected(self, option, highlighted))
