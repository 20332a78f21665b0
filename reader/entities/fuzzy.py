"""Guarded fuzzy matching of entity keys (spelling variants, typos).

"Zaporizhzhia" / "Zaphorizhzhia" should join; "Austria" / "Australia",
"Slovakia" / "Slovenia", "Luhansk" / "Luhansk People's Republic" must not.
Keys are only compared inside blocks that share everything but one token (and
that token's first letter), so the cost stays near-linear on large collections.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator, Mapping

from rapidfuzz import fuzz, process

# Normalised Indel similarity (0-100) the differing token must reach.
MIN_SIMILARITY = 91.0
# Shorter tokens are too easy to confuse (Iran/Iraq, Jon/John).
MIN_TOKEN_LEN = 6
# Rows compared per cdist call; big blocks (one-word names with a common first
# letter) would otherwise need an n x n matrix.
_CHUNK = 512
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
    if long.startswith(short) and len(long) - len(short) <= 3:
        return False
    return True


def fuzzy_pairs(key_counts: Mapping[str, int], key_types: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Pairs of keys that look like spelling variants of one name."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for key in key_counts:
        tokens = key.split()
        for i, tok in enumerate(tokens):
            if len(tok) >= MIN_TOKEN_LEN:
                rest = tuple(tokens[:i] + ["*"] + tokens[i + 1:])
                blocks[(rest, tok[0], _coarse(key_types.get(key, "")))].append(key)
    for (rest, _first, _type), keys in blocks.items():
        if len(keys) < 2:
            continue
        pos = rest.index("*")
        toks = [k.split()[pos] for k in keys]
        for lo in range(0, len(toks), _CHUNK):
            # Row chunks keep the score matrix small for big blocks.
            scores = process.cdist(toks[lo:lo + _CHUNK], toks, scorer=fuzz.ratio,
                                   score_cutoff=MIN_SIMILARITY)
            for r, row in enumerate(scores):
                i = lo + r
                for j in row.nonzero()[0]:
                    j = int(j)
                    if j <= i or toks[i] == toks[j]:
                        continue
                    a, b = keys[i], keys[j]
                    if _plausible_variant(toks[i], toks[j], key_counts[a], key_counts[b]):
                        yield a, b
