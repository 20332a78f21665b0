"""Option lists that move like less and vim (j/k/g/G) as well as with arrows.

`VirtualOptionList` holds any number of options of one fixed height without
making them: Textual's OptionList builds, wraps and measures every option up
front (seconds for 10,000 articles), so a long list gives it a count and a
function that makes option `i`, and only the options drawn (or moved over) are
made. They are kept until told otherwise (`forget`), or until the width changes.
It is still an OptionList (same CSS, keys, messages, look); `set_options`
switches it back to ordinary options (short lists, empty-state messages). The
OptionList internals it needs are kept in `reader.tui.compat`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import overload

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.tui.compat import FixedRowsOptionList
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


class VirtualOptionList(FixedRowsOptionList, VimOptionList):
    """A VimOptionList whose options are made only when drawn (see the module doc;
    the OptionList internals this needs are in reader.tui.compat)."""

    def __init__(self, *, row_height: int = 1, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.row_height = row_height
        self._index_of: Callable[[str], int | None] = lambda option_id: None

    def set_lazy_options(
        self, count: int, make: Callable[[int], Option], index_of: Callable[[str], int | None]
    ) -> None:
        """Show `count` options; `make(i)` builds option i (`row_height` lines once
        rendered: longer prompts are cut), `index_of(id)` finds an option by id."""
        self._index_of = index_of
        self._show_lazy(LazyOptions(count, make))

    def forget(self, indexes: Iterable[int] | None = None) -> None:
        """Options whose prompt changed: remade (and redrawn) when next on screen."""
        if self._lazy is not None:
            self._lazy.forget(indexes)
            self.refresh()

    def _plain(self) -> None:
        if self._lazy is not None:
            self._show_plain()
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
