"""What changed between two versions of a story: a word-level diff.

Words keep the whitespace that follows them, so joining a side's pieces gives
back its text; comparison ignores that whitespace (a re-wrapped paragraph is
not a change).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Change:
    op: str  # equal, insert, delete, replace
    old: str  # the old version's text of this piece ("" for an insert)
    new: str  # the new version's ("" for a delete)


@dataclass(frozen=True, slots=True)
class Diff:
    changes: tuple[Change, ...]
    added: int  # words only in the new version
    removed: int  # words only in the old one
    similarity: float  # share of words in common (0..1)

    @property
    def same(self) -> bool:
        return self.added == 0 and self.removed == 0


def word_diff(old: str, new: str) -> Diff:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    changes: list[Change] = []
    added = removed = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op != "equal":
            removed += len(old_part.split())
            added += len(new_part.split())
        if changes and changes[-1].op == op:  # one piece per run
            last = changes.pop()
            old_part, new_part = last.old + old_part, last.new + new_part
        changes.append(Change(op, old_part, new_part))
    return Diff(tuple(changes), added, removed, round(matcher.ratio(), 4))
