"""Search results: every hit of a query, ranked once, with match offsets and
snippets made only for the hits a face asks for.

`ResultSet` is what a face pages or scrolls through: `total` is known at once,
`ids(start, stop)` names any slice of the ranking (cheap), and
`hits(start, stop)` adds each hit's match offsets and snippets, made when first
asked for and kept. `SearchResults` is one page of it, the shape the CLI prints.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reader.contexts import end_between_words, start_between_words
from reader.errors import ResultsExpired


@dataclass(frozen=True, slots=True)
class Snippet:
    start: int  # offset of the snippet's first character in the article text
    text: str  # the article's text there, line breaks as spaces (same length)
    highlights: tuple[tuple[int, int], ...]  # relative to `text`

    def squeezed(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The text with each run of spaces as one (for display; wire copy is
        indented), and the highlights moved to match."""
        cuts = [(m.start() + 1, m.end()) for m in _RUNS.finditer(self.text)]
        if not cuts:
            return self.text, self.highlights

        def moved(pos: int) -> int:
            removed = 0
            for a, b in cuts:
                if pos <= a:
                    break
                removed += min(pos, b) - a
            return pos - removed

        return (_RUNS.sub(" ", self.text), tuple((moved(s), moved(e)) for s, e in self.highlights))


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    rank: int  # 1 for the best hit
    score: float
    matches: tuple[tuple[int, int], ...]  # every match, offsets into the article text
    snippets: tuple[Snippet, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of a result set."""

    query: str
    total: int
    page: int
    pagelen: int
    hits: tuple[SearchHit, ...]
    suggestion: str | None = None  # "did you mean" when nothing matched
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))

    @property
    def past_the_end(self) -> bool:
        """A page after the last one (there are hits, none on this page)."""
        return self.total > 0 and not self.hits


class Ranking:
    """The ranked (document number, score) pairs of one query, ordered on demand:
    asking for the first n orders only as far as needed (doubling each time)."""

    def __init__(
        self,
        total: int,
        top: Callable[[int], list[tuple[int, float]]],
        first: list[tuple[int, float]] | None = None,
    ):
        self.total = total
        self._top = top
        self._ordered: list[tuple[int, float]] = first or []

    def first(self, n: int) -> list[tuple[int, float]]:
        n = min(n, self.total)
        if n > len(self._ordered):
            self._ordered = self._top(min(self.total, max(n, 2 * len(self._ordered), 64)))
        return self._ordered[:n]


#: Hits (with their snippets) kept per result set; older ones are made again if asked.
HIT_CACHE = 2048


class HitSource(Protocol):
    """What a result set asks of the searcher that made it (search.Searcher)."""

    def is_current(self, whoosh_searcher: Any) -> bool: ...

    def stored_ids(self, whoosh_searcher: Any, docnums: Sequence[int]) -> list[str]: ...

    def make_hit(
        self, plan: Any, article_id: str, rank: int, score: float, snippets: int
    ) -> SearchHit: ...


class ResultSet:
    """Every hit of one query against the index as it was when searched.

    Thread-safe. After the index is refreshed (`Library.refresh()`), slices not
    fetched before raise `ResultsExpired`: search again.
    """

    def __init__(
        self,
        owner: HitSource,
        whoosh_searcher: Any,
        query: str,
        ranking: Ranking,
        plan: object,
        suggestion: str | None,
    ):
        self.query = query
        self.total = ranking.total
        self.suggestion = suggestion  # "did you mean" when nothing matched
        self._owner = owner
        self._whoosh = whoosh_searcher
        self._ranking = ranking
        self._plan = plan
        self._ids: dict[int, str] = {}
        self._hits: OrderedDict[tuple[int, int], SearchHit] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.total

    def _slice(self, start: int, stop: int | None) -> range:
        stop = self.total if stop is None else min(stop, self.total)
        return range(max(0, start), max(0, stop))

    def ranked(self, start: int = 0, stop: int | None = None) -> list[tuple[str, float]]:
        """(article id, score) of hits `start` to `stop` (0-based, best first)."""
        wanted = self._slice(start, stop)
        if not wanted:
            return []
        with self._lock:
            order = self._ranking.first(wanted.stop)
            missing = [i for i in wanted if i not in self._ids]
            if missing:
                found = self._owner.stored_ids(self._whoosh, [order[i][0] for i in missing])
                self._ids.update(zip(missing, found))
            return [(self._ids[i], order[i][1]) for i in wanted]

    def ids(self, start: int = 0, stop: int | None = None) -> list[str]:
        """Article ids of hits `start` to `stop` (0-based, best first)."""
        return [aid for aid, _ in self.ranked(start, stop)]

    def hits(self, start: int = 0, stop: int | None = None, snippets: int = 2) -> list[SearchHit]:
        """Hits `start` to `stop` with their match offsets and up to `snippets`
        snippets each, made now for hits not asked for before."""
        out = []
        for i, (aid, score) in zip(self._slice(start, stop), self.ranked(start, stop)):
            key = (i, snippets)
            with self._lock:
                hit = self._hits.get(key)
                if hit is not None:
                    self._hits.move_to_end(key)
            if hit is None:
                hit = self._owner.make_hit(self._plan, aid, i + 1, score, snippets)
                with self._lock:
                    self._hits[key] = hit
                    if len(self._hits) > HIT_CACHE:
                        self._hits.popitem(last=False)
            out.append(hit)
        return out

    def hit(self, index: int, snippets: int = 2) -> SearchHit:
        """Hit `index` (0-based)."""
        found = self.hits(index, index + 1, snippets)
        if not found:
            raise IndexError(index)
        return found[0]

    def page(self, page: int = 1, pagelen: int = 10, snippets: int = 2) -> SearchResults:
        """Page `page` (from 1) of `pagelen` hits, as the CLI prints it."""
        page, pagelen = max(1, page), max(1, pagelen)
        first = (page - 1) * pagelen
        hits = self.hits(first, first + pagelen, snippets) if first < self.total else []
        return SearchResults(self.query, self.total, page, pagelen, tuple(hits), self.suggestion)

    def check_current(self) -> None:
        """Raise `ResultsExpired` when the index was refreshed since this search."""
        if not self._owner.is_current(self._whoosh):
            raise ResultsExpired("the index changed since this search; search again")


# ---------------------------------------------------------------- snippets


def make_snippets(
    text: str, matches: Sequence[tuple[int, int]], count: int = 2, width: int = 160
) -> list[Snippet]:
    """Up to `count` windows of about `width` characters holding the most matches,
    each starting and ending between words."""
    if not text or count <= 0:
        return []
    if not matches:
        lo, hi = _trimmed(text, 0, end_between_words(text, min(len(text), width), 0))
        return [Snippet(lo, _flat(text[lo:hi]), ())]
    chosen: list[tuple[int, int]] = []
    remaining = list(matches)
    while remaining and len(chosen) < count:
        best_start, best_n = remaining[0][0], 0
        ends = [b for _, b in remaining]  # ascending: matches are sorted and disjoint
        for i, (s, _) in enumerate(remaining):
            n = bisect.bisect_right(ends, s + width, lo=i) - i
            if n > best_n:
                best_start, best_n = s, n
        lo = start_between_words(text, max(0, best_start - width // 4), best_start)
        first_end = ends[bisect.bisect_left([s for s, _ in remaining], best_start)]
        hi = end_between_words(text, max(first_end, min(len(text), lo + width)), first_end)
        chosen.append(_trimmed(text, lo, hi))
        remaining = [m for m in remaining if not (m[0] < hi and lo < m[1])]
    chosen.sort()
    snippets = []
    for lo, hi in chosen:
        inside = tuple((max(s, lo) - lo, min(e, hi) - lo) for s, e in matches if s < hi and lo < e)
        snippets.append(Snippet(lo, _flat(text[lo:hi]), inside))
    return snippets


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    """(lo, hi) without the white space at either end."""
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _flat(text: str) -> str:
    # Same length as the input so highlight offsets stay valid.
    return _BREAKS.sub(" ", text)


_RUNS = re.compile(r"  +")
_BREAKS = re.compile(r"[\n\t\r\v\f\x1c-\x1e\x85\u2028\u2029]")
