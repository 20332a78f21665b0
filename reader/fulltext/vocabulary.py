"""The unstemmed vocabulary of the collection: word -> number of articles using it.

Kept in the store (same transaction as the articles, so always consistent). It
expands prefixes and wildcards to real words before stemming ("hosti*" finds
"hosting", which the stemmed index holds as "host"), and answers "did you mean".
"""

from __future__ import annotations

import sqlite3
import string
from collections import Counter
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vocab (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
)

_LETTERS = string.ascii_lowercase + "0123456789"


def apply_counts(conn: sqlite3.Connection, delta: Counter) -> None:
    """Add (or, with negative counts, remove) document frequencies."""
    rows = [(w, n) for w, n in delta.items() if n]
    conn.executemany(
        "INSERT INTO vocab (word, df) VALUES (?, ?)"
        " ON CONFLICT(word) DO UPDATE SET df = df + excluded.df",
        rows,
    )
    if any(n < 0 for _, n in rows):
        conn.execute("DELETE FROM vocab WHERE df <= 0")


class Vocabulary:
    """Read-only lookups over the vocab table (its own connection; thread-safe use)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def frequency(self, word: str) -> int:
        row = self.conn.execute("SELECT df FROM vocab WHERE word=?", (word,)).fetchone()
        return row[0] if row else 0

    def with_prefix(self, prefix: str, limit: int) -> list[str]:
        """The `limit` most frequent words starting with `prefix`."""
        if not prefix:
            return []
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self.conn.execute(
            "SELECT word FROM vocab WHERE word >= ? AND word < ? ORDER BY df DESC LIMIT ?",
            (prefix, upper, limit),
        )
        return [r[0] for r in rows]

    def matching(self, pattern: str, limit: int) -> list[str]:
        """Words matching a wildcard pattern (`*` any run, `?` one character)."""
        literal = ""
        for ch in pattern:
            if ch in "*?":
                break
            literal += ch
        glob = pattern.replace("[", "[[]")
        sql = "SELECT word FROM vocab WHERE word GLOB ?"
        args: list = [glob]
        if literal:
            sql += " AND word >= ? AND word < ?"
            args += [literal, literal[:-1] + chr(ord(literal[-1]) + 1)]
        sql += " ORDER BY df DESC LIMIT ?"
        args.append(limit)
        return [r[0] for r in self.conn.execute(sql, args)]

    def near(
        self, word: str, maxdist: int = 2, limit: int = 5, include_self: bool = False
    ) -> list[str]:
        """Known words within `maxdist` edits, closest then most frequent first."""
        found: dict[str, tuple[int, int]] = {}
        for cand, df in self._lookup(_edits1(word) | {word}):
            found[cand] = (1, -df)
        if maxdist >= 2 and len(word) > 3:
            # Two edits: scan words of similar length sharing the first letter.
            lo, hi = len(word) - 2, len(word) + 2
            first = word[0]
            rows = self.conn.execute(
                "SELECT word, df FROM vocab WHERE word >= ? AND word < ?"
                " AND length(word) BETWEEN ? AND ?",
                (first, chr(ord(first) + 1), lo, hi),
            )
            for cand, df in rows:
                if cand not in found:
                    dist = Levenshtein.distance(word, cand, score_cutoff=2)
                    if dist <= 2:
                        found[cand] = (dist, -df)
        if word in found:
            if include_self:
                found[word] = (0, found[word][1])
            else:
                del found[word]
        return sorted(found, key=lambda w: (found[w], w))[:limit]

    def _lookup(self, words: Iterable[str]) -> list[tuple[str, int]]:
        wanted = list(words)
        out: list[tuple[str, int]] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(
                self.conn.execute(f"SELECT word, df FROM vocab WHERE word IN ({marks})", chunk)
            )
        return out


def _edits1(word: str) -> set[str]:
    letters = _LETTERS if word.isascii() else _LETTERS + "".join(sorted(set(word)))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + transposes + replaces + inserts)
