"""MinHash signatures of articles and their LSH band keys (see duplicates.py for
the settings and how they are used). numpy loads with this module; the
signatures are datasketch's MinHash values, made here with numpy alone
(datasketch loads scipy: ~0.5 s of every index update that signs an article)."""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

from reader.analytics.minhash import NUM_PERM, SEED, SHINGLE, SIGNED_CHARS

_WORD = re.compile(r"\w+")


#: LSH bands of BAND_ROWS rows each: what datasketch's MinHashLSH chooses for
#: THRESHOLD and NUM_PERM (its optimum; tests/analytics checks they agree).
BANDS, BAND_ROWS = 25, 5
_RANGES = tuple((i * BAND_ROWS, (i + 1) * BAND_ROWS) for i in range(BANDS))

# MurmurHash3's 32-bit finalizer (datasketch's pre-mix of the affine32 scheme).
_FMIX32 = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM affine permutations h -> a * h + b (mod 2^32, a odd) of
    datasketch's MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32"), drawn
    the way it draws them; importing datasketch (and the scipy it loads, ~0.5 s)
    is left to the test that checks the two agree."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


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
    """The MinHash signature (NUM_PERM uint32 values) of an article's text: the
    same values as datasketch's MinHash (scheme affine32) updated with the
    shingle hashes."""
    hashes = shingle_hashes(text)
    if not hashes:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv = np.array(hashes, dtype=np.uint32).reshape(-1, 1)
    hv = hv ^ (hv >> np.uint32(s1))
    hv = hv * m1
    hv = hv ^ (hv >> np.uint32(s2))
    hv = hv * m2
    hv = hv ^ (hv >> np.uint32(s3))
    a, b = _permutations()
    signed: np.ndarray = (hv * a + b).min(axis=0)
    return signed


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band (its values and its number, mixed): articles
    sharing a key are candidates."""
    values = sig.tolist()
    keys = []
    for band, (start, end) in enumerate(_RANGES, start=1):
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
