"""MinHash signatures of articles and their LSH band keys (see duplicates.py for
the settings and how they are used). numpy and datasketch load with this module."""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

from reader.analytics.minhash import NUM_PERM, SEED, SHINGLE, SIGNED_CHARS, THRESHOLD

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _scheme() -> tuple[object, tuple[tuple[int, int], ...]]:
    """One MinHash's permutations (shared by every signature) and the LSH band ranges."""
    from datasketch import MinHash, MinHashLSH

    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return template.permutations, tuple(lsh.hashranges)


#: Hashes of words seen (words repeat across articles: each is hashed once).
_word_hashes: dict[str, int] = {}
_WORD_CACHE_LIMIT = 500_000


def _word_hash(word: str) -> int:
    if len(_word_hashes) >= _WORD_CACHE_LIMIT:
        _word_hashes.clear()
    h = _word_hashes[word] = zlib.crc32(word.encode("utf-8", "surrogatepass"))
    return h


def shingle_hashes(text: str) -> list[int]:
    """32-bit hashes of the word shingles of the text's first SIGNED_CHARS
    characters (a short text is one shingle)."""
    words = _WORD.findall(text[:SIGNED_CHARS].casefold())
    if not words:
        return []
    get = _word_hashes.get
    hashes = [get(w) for w in words]
    if None in hashes:
        hashes = [h if h is not None else _word_hash(w) for w, h in zip(words, hashes)]
    if len(words) <= SHINGLE:
        return [_mix(np.array(hashes, dtype=np.uint64)[None, :])[0]]
    # A shingle's hash mixes its words' hashes, position by position.
    word_hashes = np.array(hashes, dtype=np.uint64)
    n = len(words) - SHINGLE + 1
    windows = np.stack([word_hashes[j : n + j] for j in range(SHINGLE)], axis=1)
    shingles: list[int] = _mix(windows).tolist()
    return shingles


def _mix(columns: np.ndarray) -> np.ndarray:
    """One 32-bit hash per row of 32-bit values (polynomial, then folded)."""
    h = np.zeros(columns.shape[0], dtype=np.uint64)
    for j in range(columns.shape[1]):
        h = h * np.uint64(0x100000001B3) + columns[:, j]
    folded: np.ndarray = (h ^ (h >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return folded


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of an article's text."""
    from datasketch import MinHash

    permutations, _ = _scheme()
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=permutations, scheme="affine32"
    )
    minhash.update_batch(shingle_hashes(text))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band (its values and its number, mixed): articles
    sharing a key are candidates."""
    _, ranges = _scheme()
    values = sig.tolist()
    keys = []
    for band, (start, end) in enumerate(ranges, start=1):
        h = band * 0x9E3779B97F4A7C15
        for v in values[start:end]:
            h = ((h ^ v) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
            h ^= h >> 31
        keys.append(h >> 1)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32)
