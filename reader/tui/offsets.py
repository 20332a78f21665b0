"""Character offsets <-> screen rows: the one place the TUI converts between them.

Everything in the core speaks in character offsets into an article's text
(mentions, search matches, snippets). The article view wraps the text once per
width into rows, each row a (start, end) slice of the text, and answers "which
row shows offset N" with a bisect. No Textual here, so it is easy to test.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*|\s+")


class WrappedText:
    """`text` word-wrapped to `width` cells: rows of (start, end) character offsets.

    A row's slice may end with spaces that hang past the width (they are cropped
    when drawn); a word longer than the width is split across rows. Newlines
    are not part of any row's slice.
    """

    def __init__(self, text: str, width: int):
        self.text = text
        self.width = max(1, width)
        self.starts = array("q")
        self.ends = array("q")
        self._wrap()

    def __len__(self) -> int:
        return len(self.starts)

    def row(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def row_of(self, offset: int) -> int:
        """The row showing character `offset` (clamped to the text)."""
        if not self.starts:
            return 0
        return max(0, bisect_right(self.starts, offset) - 1)

    def rows_of(self, start: int, end: int) -> range:
        """The rows a span [start, end) covers."""
        first = self.row_of(start)
        last = self.row_of(max(start, end - 1))
        return range(first, last + 1)

    # -- wrapping
    def _wrap(self) -> None:
        text, width = self.text, self.width
        add_start, add_end = self.starts.append, self.ends.append
        pos = 0
        length = len(text)
        while pos <= length:
            nl = text.find("\n", pos)
            line_end = length if nl < 0 else nl
            line = text[pos:line_end]
            if len(line) <= width and (line.isascii() or cell_len(line) <= width):
                add_start(pos)
                add_end(line_end)
            else:
                self._wrap_line(line, pos, add_start, add_end)
            if nl < 0:
                break
            pos = nl + 1

    def _wrap_line(self, line: str, base: int, add_start, add_end) -> None:
        width = self.width
        row_start = 0
        used = 0
        ascii_line = line.isascii()
        for m in _TOKEN.finditer(line):
            token = m.group()
            word = token.rstrip()
            word_w = len(word) if ascii_line else cell_len(word)
            if used and used + word_w > width:
                add_start(base + row_start)
                add_end(base + m.start())
                row_start, used = m.start(), 0
            if word_w > width:
                # A word wider than a row: cut it into row-sized pieces.
                row_start, used = self._split_word(
                    line, base, m.start(), m.end(), row_start, ascii_line, add_start, add_end
                )
                continue
            used += len(token) if ascii_line else cell_len(token)
        add_start(base + row_start)
        add_end(base + len(line))

    def _split_word(
        self,
        line: str,
        base: int,
        start: int,
        end: int,
        row_start: int,
        ascii_line: bool,
        add_start,
        add_end,
    ) -> tuple[int, int]:
        width = self.width
        used = 0
        i = start
        while i < end:
            ch = line[i]
            w = 1 if ascii_line else cell_len(ch)
            if used + w > width and used and not ch.isspace():
                add_start(base + row_start)
                add_end(base + i)
                row_start, used = i, 0
            used += w
            i += 1
        return row_start, used
