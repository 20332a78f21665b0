"""One article as linking left it, and how it is saved with the index.

The model's mentions are not saved with it (the NER cache has them, by content
hash): only the propagated copies and the rows' results that differ from what a
row starts with (see linking's row layout).
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from dataclasses import dataclass

from .linking import (
    BASE,
    COUNTED,
    FINAL,
    FINAL_VOTE,
    FROM_MODEL,
    KEY,
    TARGET,
    TEAM_SUFFIX,
    VOTE,
    M,
    SurfaceKeys,
    rows_of,
)
from .types import RawMention


class StateMismatch(Exception):
    """A saved article state does not fit its article (any more): link afresh."""


@dataclass(slots=True)
class DocState:
    """One article as linking left it: the model's mentions (DATE included),
    whether it is a match report, its rows and how it uses their one-word keys
    (see linking)."""

    mentions: Sequence[RawMention]
    match: bool
    rows: list[list]
    usage: dict[str, list[int]]  # see linking.word_usage


def encode_doc(st: DocState) -> bytes:
    """The copies (start, end, text, label), (row, team key?, target, counted,
    vote, final target, final vote) of the rows whose results are not the
    defaults, and the article's word usage."""
    copies: list = []
    results: list = []
    for i, r in enumerate(st.rows):
        m = r[M]
        if not r[FROM_MODEL]:
            copies.extend((m.start, m.end, m.text, m.label))
        key = r[KEY]
        if (
            key != r[BASE]
            or r[TARGET] != key
            or r[COUNTED]
            or r[VOTE] != m.label
            or r[FINAL] != r[TARGET]
            or r[FINAL_VOTE] != r[VOTE]
        ):
            results.append(
                (i, key != r[BASE], r[TARGET], r[COUNTED], r[VOTE], r[FINAL], r[FINAL_VOTE])
            )
    return marshal.dumps((st.match, len(st.rows), copies, results, st.usage))


def decode_doc(blob: bytes, mentions: Sequence[RawMention], key_of: SurfaceKeys) -> DocState:
    match, n_rows, copies, results, usage = marshal.loads(blob)
    rows = rows_of(
        mentions, [RawMention(*copies[i : i + 4]) for i in range(0, len(copies), 4)], key_of
    )
    if len(rows) != n_rows:
        raise StateMismatch("saved article state does not fit its mentions")
    for i, team, target, counted, vote, final, final_vote in results:
        r = rows[i]
        r[KEY] = r[BASE] + TEAM_SUFFIX if team else r[BASE]
        r[TARGET], r[COUNTED], r[VOTE] = target, counted, vote
        r[FINAL], r[FINAL_VOTE] = final, final_vote
    return DocState(mentions, match, rows, usage)
