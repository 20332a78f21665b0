"""Guarded fuzzy matching of entity keys (spelling variants, typos).

"Zaporizhzhia" / "Zaphorizhzhia" should join; "Austria" / "Australia",
"Slovakia" / "Slovenia", "Luhansk" / "Luhansk People's Republic" must not.
Keys are only compared inside blocks that share everything but one token (and
that token's first letter), so the cost stays near-linear on large collections.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from rapidfuzz import fuzz, process

# Normalised Indel similarity (0-100) the differing token must reach.
MIN_SIMILARITY = 91.0
# Shorter tokens are too easy to confuse (Iran/Iraq, Jon/John).
MIN_TOKEN_LEN = 6
# Rows compared per cdist call; big blocks (one-word names with a common first
# letter) would otherwise need an n x n matrix.
_CHUNK = 512
# Below this many pairs, scoring one pair at a time costs less than cdist.
_SMALL = 4096
_COARSE = {"GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def _coarse(label: str) -> str:
    return _COARSE.get(label, label)


def _plausible_variant(a: str, b: str, count_a: int, count_b: int) -> bool:
    """Guards against merging two distinct, well-attested names."""
    if any(c.isdigit() for c in a + b):
        return False
    # Two names that are both frequent and about equally so are distinct names
    # that happen to look alike; a misspelling is rare next to its correct form.
    low, high = sorted((count_a, count_b))
    if low > 2 and low * 4 > high:
        return False
    # Inflections, not variants: "Georgia"/"Georgian", "Kurd"/"Kurds".
    short, long = sorted((a, b), key=len)
    return not (long.startswith(short) and len(long) - len(short) <= 3)


def blocks_of(key: str, label: str) -> list[str]:
    """The blocks `key` is compared in, one per long token: the key with that
    token starred, the token's first letter and the key's coarse type."""
    tokens = key.split()
    coarse = _coarse(label)
    return [
        f"{' '.join([*tokens[:i], '*', *tokens[i + 1 :]])}\x1f{tok[0]}\x1f{coarse}"
        for i, tok in enumerate(tokens)
        if len(tok) >= MIN_TOKEN_LEN
    ]


def variant_pairs(
    block: str, rows: Sequence[str], members: Sequence[str], counts: Mapping[str, int]
) -> Iterator[tuple[str, str]]:
    """Pairs (row, member) of a block's keys that look like spelling variants of
    one name (`rows` among `members`; each pair may come twice, both ways)."""
    pos = block.split("\x1f", 1)[0].split(" ").index("*")
    toks = [k.split()[pos] for k in members]
    row_toks = [k.split()[pos] for k in rows]
    if len(rows) * len(members) <= _SMALL:
        # A few pairs: scored one by one (the same scorer), without numpy.
        scores: Iterable = (
            [fuzz.ratio(a, b, score_cutoff=MIN_SIMILARITY) for b in toks] for a in row_toks
        )
        found: Iterator[tuple[int, int]] = (
            (r, j) for r, row in enumerate(scores) for j, score in enumerate(row) if score
        )
    else:
        found = _cdist_hits(row_toks, toks)
    for r, j in found:
        a, b = rows[r], members[j]
        if (
            a != b
            and row_toks[r] != toks[j]
            and _plausible_variant(row_toks[r], toks[j], counts[a], counts[b])
        ):
            yield a, b


def _cdist_hits(row_toks: list[str], toks: list[str]) -> Iterator[tuple[int, int]]:
    for lo in range(0, len(row_toks), _CHUNK):
        # Row chunks keep the score matrix small for big blocks.
        scores = process.cdist(
            row_toks[lo : lo + _CHUNK], toks, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY
        )
        for r, row in enumerate(scores):
            for j in row.nonzero()[0]:
                yield lo + r, int(j)
