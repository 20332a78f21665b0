"""Option lists that move like less and vim (j/k/g/G) as well as with arrows.

`VirtualOptionList` holds any number of options of one fixed height without
making them: Textual's OptionList builds, wraps and measures every option up
front (seconds for 10,000 articles), so a long list gives it a count and a
function that makes option `i`, and only the options drawn (or moved over) are
made. They are kept until told otherwise (`forget`), or until the width changes.
It is still an OptionList (same CSS, keys, messages, look); `set_options`
switches it back to ordinary options (short lists, empty-state messages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import overload

from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.tui.keys import bindings

#: Made options kept at most (a few screens' worth is plenty; the rest are remade).
_MADE_LIMIT = 4096


class VimOptionList(OptionList):
    BINDINGS = bindings("lists")


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


class _FixedLines(Sequence[tuple[int, int]]):
    """OptionList's line table for options `height` lines high: y -> (option, line)."""

    def __init__(self, count: int, height: int):
        self._count = count
        self._height = height

    def __len__(self) -> int:
        return self._count * self._height

    def __getitem__(self, y):
        if isinstance(y, slice):
            return [self[i] for i in range(len(self))[y]]
        if y < 0:
            y += len(self)
        if not 0 <= y < len(self):
            raise IndexError(y)
        return divmod(y, self._height)


class _FixedHeights:
    """OptionList's option -> height and option -> first line maps, computed."""

    def __init__(self, count: int, height: int, first_line: bool):
        self._count = count
        self._height = height
        self._first_line = first_line

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self._count:
            raise KeyError(index)
        return index * self._height if self._first_line else self._height

    def get(self, index: int, default=None):
        try:
            return self[index]
        except KeyError:
            return default


class VirtualOptionList(VimOptionList):
    """A VimOptionList whose options are made only when drawn (see the module doc)."""

    _lazy: LazyOptions | None = None  # None: ordinary options (also during __init__)

    def __init__(self, *, row_height: int = 1, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.row_height = row_height
        self._index_of: Callable[[str], int | None] = lambda option_id: None
        self._made_width = -1

    # ------------------------------------------------------------ content

    def set_lazy_options(
        self, count: int, make: Callable[[int], Option], index_of: Callable[[str], int | None]
    ) -> None:
        """Show `count` options; `make(i)` builds option i (`row_height` lines once
        rendered: longer prompts are cut), `index_of(id)` finds an option by id."""
        self._lazy = LazyOptions(count, make)
        self._index_of = index_of
        self._options = self._lazy  # type: ignore[assignment]
        self._id_to_option.clear()
        self._option_to_index.clear()
        self._line_cache.clear()
        self._option_render_cache.clear()
        self._mouse_hovering_over = None
        self.highlighted = None
        self.scroll_y = 0
        if self.is_mounted:
            self._update_lines()
            self.refresh()

    def forget(self, indexes: Iterable[int] | None = None) -> None:
        """Options whose prompt changed: remade (and redrawn) when next on screen."""
        if self._lazy is not None:
            self._lazy.forget(indexes)
            self.refresh()

    def _plain(self) -> None:
        if self._lazy is not None:
            self._lazy = None
            self._options = []
            self._index_of = lambda option_id: None

    def set_options(self, options):
        self._plain()
        return super().set_options(options)

    def clear_options(self):
        self._plain()
        return super().clear_options()

    def add_options(self, new_options):
        self._plain()
        return super().add_options(new_options)

    def get_option(self, option_id: str) -> Option:
        if self._lazy is None:
            return super().get_option(option_id)
        return self._lazy[self.get_option_index(option_id)]

    def get_option_index(self, option_id: str) -> int:
        if self._lazy is None:
            return super().get_option_index(option_id)
        index = self._index_of(option_id)
        if index is None:
            raise OptionDoesNotExist(f"There is no option with an ID of {option_id!r}")
        return index

    # ------------------------------------------------------------ OptionList's line tables

    @property
    def _lines(self):
        if self._lazy is None:
            return super()._lines
        return _FixedLines(len(self._lazy), self.row_height)

    @property
    def _heights(self):
        if self._lazy is None:
            return super()._heights
        return _FixedHeights(len(self._lazy), self.row_height, first_line=False)

    @property
    def _index_to_line(self):
        if self._lazy is None:
            return super()._index_to_line
        return _FixedHeights(len(self._lazy), self.row_height, first_line=True)

    def _clear_caches(self) -> None:
        if self._lazy is not None:
            self._lazy.forget()
        super()._clear_caches()

    def _update_lines(self) -> None:
        if self._lazy is None:
            super()._update_lines()
            return
        region = self.scrollable_content_region
        if not region:
            return
        if region.width != self._made_width:  # a scrollbar came or went: prompts are cut anew
            self._made_width = region.width
            self._lazy.forget()
        virtual_size = Size(
            region.width - self._get_left_gutter_width(), len(self._lazy) * self.row_height
        )
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self._lazy is None:
            return super().get_content_width(container, viewport)
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._lazy is None:
            return super().get_content_height(container, viewport, width)
        return len(self._lazy) * self.row_height

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        if self._lazy is None:
            return super().render_line(y)
        index, line = divmod(self.scroll_offset.y + y, self.row_height)
        if index >= len(self._lazy):
            return Strip.blank(
                self.scrollable_content_region.width,
                self.get_visual_style("option-list--option").rich_style,
            )
        option = self._lazy[index]
        # As OptionList.render_line: disabled, else highlighted, else under the mouse.
        if option.disabled:
            style = self.get_visual_style("option-list--option", "option-list--option-disabled")
        elif self.highlighted == index:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        elif self._mouse_hovering_over == index:
            style = self.get_visual_style("option-list--option", "option-list--option-hover")
        else:
            style = self.get_visual_style("option-list--option")
        strips = self._render_option(index, option, style)
        if line < len(strips):
            return strips[line]
        return Strip.blank(self.scrollable_content_region.width, style.rich_style)

    def _render_option(self, index: int, option: Option, style: Style) -> list[Strip]:
        """OptionList._get_option_render for a made option (it knows its own index)."""
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        key = (option, style, padding)
        strips = self._option_render_cache.get(key)
        if strips is None:
            visual = self._get_visual(option)
            if padding:
                visual = Padding(visual, padding)
            meta = {"option": index}
            strips = [
                strip.extend_cell_length(width, style.rich_style).apply_meta(meta)
                for strip in visual.to_strips(self, visual, width, None, style)
            ]
            self._option_render_cache[key] = strips
        return strips
