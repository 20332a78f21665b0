"""Keyword in context: a mention with the words around it, for every face.

The words before and after are exact slices of the article text, cut between
words and never inside the mention; the only change is that each run of white
space (line breaks included) becomes one space. A space at the mention's edge
is kept, so `before + text + after` reads as the article does: `"Forever`,
`Moscow-installed` and `Federal Reserve's` stay as they were written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
#: How far an edge moves back (or forward) to reach the start (or end) of a word
#: before it gives up and moves the other way.
_REACH = 20


def flat(text: str) -> str:
    """`text` with each run of white space as one space."""
    return _SPACE.sub(" ", text)


@dataclass(frozen=True, slots=True)
class MentionInContext:
    """One mention with the words around it (keyword in context)."""

    article_id: str
    start: int
    end: int
    text: str  # the mention as written (white space runs as one space)
    before: str  # up to the mention: ends with a space when the article has one there
    after: str  # from the mention: starts with a space when the article has one there

    def clipped(self, side: int) -> tuple[str, str]:
        """(before, after) shortened to at most `side` characters each, cut
        between words (whole words only), the spaces next to the mention kept."""
        return _last_words(self.before, side), _first_words(self.after, side)


def in_context(
    article_id: str, text: str, start: int, end: int, width: int = 50
) -> MentionInContext:
    """The mention at [start, end) of `text` with about `width` characters of
    context on each side (bounded work, whatever the article's size)."""
    lo = start_between_words(text, max(0, start - width), start)
    hi = end_between_words(text, min(len(text), end + width), end)
    return MentionInContext(
        article_id,
        start,
        end,
        flat(text[start:end]),
        flat(text[lo:start]).lstrip(),
        flat(text[end:hi]).rstrip(),
    )


def _last_words(text: str, width: int) -> str:
    """The whole words at the end of `text` that fit in `width` characters."""
    if len(text) <= width:
        return text
    lo = len(text) - max(0, width)
    if not text[lo - 1].isspace():
        space = _SPACE.search(text, lo)
        lo = space.end() if space else len(text)
    return text[lo:].lstrip()


def _first_words(text: str, width: int) -> str:
    """The whole words at the start of `text` that fit in `width` characters."""
    if len(text) <= width:
        return text
    hi = max(0, width)
    if not text[hi].isspace():
        hi = max((m.start() for m in _SPACE.finditer(text, 0, hi)), default=0)
    return text[:hi].rstrip()


def start_between_words(text: str, pos: int, limit: int) -> int:
    """`pos`, or the start of the word it is inside when that is near; else the
    start of the next word, not beyond `limit`. (Words are runs of characters
    between white space; snippets cut their windows with this too.)"""
    if pos <= 0 or pos >= limit or text[pos - 1].isspace() or text[pos].isspace():
        return pos
    for i in range(pos - 1, max(-1, pos - _REACH - 1), -1):
        if text[i].isspace():
            return i + 1
    if pos - _REACH <= 0:
        return 0
    space = _SPACE.search(text, pos, limit)
    return space.end() if space else limit


def end_between_words(text: str, pos: int, limit: int) -> int:
    """`pos`, or the end of the word it is inside when that is near; else the
    end of the word before, not before `limit`."""
    if pos >= len(text) or pos <= limit or text[pos].isspace() or text[pos - 1].isspace():
        return pos
    space = _SPACE.search(text, pos, min(len(text), pos + _REACH + 1))
    if space:
        return space.start()
    if pos + _REACH >= len(text):
        return len(text)
    for i in range(pos - 1, limit - 1, -1):
        if text[i].isspace():
            return i
    return limit
