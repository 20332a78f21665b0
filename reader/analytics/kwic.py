"""Keyword in context (a concordance): each occurrence with the words around it,
sortable the way concordancers sort.

- `left`: by the words just before the keyword, read leftwards (the nearest
  word first), so "said President X" and "told President X" group by "President";
- `right`: by the words just after it;
- `date`: oldest first, undated last;
- `article`: in collection order (article id, then position).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.contexts import MentionInContext, in_context

SORTS = ("article", "left", "right", "date")
#: Characters of context kept on each side (a 120-column line shows ~50).
CONTEXT = 80

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class KwicLine:
    article_id: str
    start: int
    end: int
    keyword: str
    before: str  # white space runs as one space; a space next to the keyword kept
    after: str
    date: str | None = None
    title: str = ""


def line_at(
    article_id: str,
    text: str,
    start: int,
    end: int,
    *,
    date: str | None = None,
    title: str = "",
    width: int = CONTEXT,
) -> KwicLine:
    """The occurrence at [start, end) with up to `width` characters each side,
    cut between words (reader.contexts, as every face shows mentions)."""
    c = in_context(article_id, text, start, end, width)
    return KwicLine(article_id, start, end, c.text, c.before, c.after, date, title)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


def sort_key(sort: str) -> Callable[[KwicLine], tuple]:
    if sort == "left":
        return lambda k: (_words(k.before)[::-1], k.keyword.casefold(), k.article_id, k.start)
    if sort == "right":
        return lambda k: (_words(k.after), k.keyword.casefold(), k.article_id, k.start)
    if sort == "date":
        return lambda k: (k.date is None, k.date or "", k.article_id, k.start)
    if sort == "article":
        return lambda k: (k.article_id, k.start)
    raise ValueError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")


def sort_lines(lines: Iterable[KwicLine], sort: str = "article") -> list[KwicLine]:
    return sorted(lines, key=sort_key(sort))


def aligned_text(line: KwicLine, side: int) -> tuple[str, str, str]:
    """(left, keyword, right): whole words that fit in `side` characters each,
    left padded, so the keywords of every line start in one column."""
    before, after = MentionInContext(
        line.article_id, line.start, line.end, line.keyword, line.before, line.after
    ).clipped(side)
    return before.rjust(side), line.keyword, after
