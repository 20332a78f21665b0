"""Every change reader makes to Whoosh's own code, listed and installed here.

- A query fix, needed for correct results, installed when reader.fulltext.search loads
  (`install_query_fixes`).
- The faster segment writer of reader.fulltext.segments (the same bytes), installed
  before the indexer writes (`install_writer`; `install_writer(False)` puts
  Whoosh's own code back, as the tests that compare the two do).
"""

from __future__ import annotations

from typing import Any

from whoosh import matching


def _and_not_find_first(self: Any) -> None:
    # Whoosh 2.7.5 skips the excluded matcher forward only on an exact tie, so
    # the first document of "a -b" escaped the exclusion whenever b's postings
    # started earlier: "trials -years" listed an article full of "years".
    if self.a.is_active() and self.b.is_active():
        self._find_next()


_QUERY_FIXES = ((matching.AndNotMatcher, "_find_first", _and_not_find_first),)


def install_query_fixes() -> None:
    for owner, name, function in _QUERY_FIXES:
        setattr(owner, name, function)


def install_writer(on: bool = True) -> None:
    """Patch Whoosh's segment writer (idempotent); `on=False` restores Whoosh's own."""
    # deferred: Whoosh's writing modules load only when something is written
    from reader.fulltext import segments

    for owner, name, function in segments.PATCHES if on else segments.ORIGINALS:
        setattr(owner, name, function)
