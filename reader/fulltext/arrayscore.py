"""Whole-result scoring with arrays: Whoosh's hits, order and totals, faster.

Whoosh scores a query one document at a time through a tree of matchers:
about 18 µs a document here, so a word found in 9,000 articles costs 160 ms
before a single snippet is made. This module reads the same postings block
by block into arrays and applies the same BM25F arithmetic to all of them at
once (numpy), for the query shapes people type: words, AND/OR, `+`/`-`,
exact phrases, and the word lists that prefixes and fuzzy words expand to.

Results are Whoosh's: the same documents, the same totals, and the same
scores up to the last bit of a floating-point sum, ordered as Whoosh's
collector orders them (score, then document number). Any other query shape
(`NOT`, ranges, sloppy phrases, a custom weighting) raises `Unsupported` and
the caller lets Whoosh run it. tests/core/test_arrayscore.py compares both on
random queries.

Everything here reads Whoosh's on-disk format through its codec's own
objects; the codec is pinned (whoosh-reloaded 2.7.5).
"""

from __future__ import annotations

import io
import itertools
import pickle
import struct
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query as wq, scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.util.numeric import byte_to_length

from reader.fulltext.phrase import ExactPhrase
from reader.idset import ArticleSet

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_INT = struct.Struct("!i")
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)


class Unsupported(Exception):
    """The query has a shape this module does not score; let Whoosh run it."""


@dataclass(frozen=True, slots=True)
class Matches:
    """Matching documents (sorted global document numbers) and their scores."""

    ids: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


_NONE = Matches(_EMPTY_IDS, _EMPTY_SCORES)


@dataclass(slots=True)
class _Postings:
    """One term's postings over the whole index, as arrays."""

    ids: np.ndarray  # global document numbers, ascending, deleted ones removed
    scores: np.ndarray  # Whoosh's score of the term in each document (before boosts)
    values: list | None = None  # raw position values, until all are decoded
    starts: np.ndarray | None = None  # posting i's positions: positions[starts[i]:starts[i+1]]
    positions: np.ndarray | None = None

    @property
    def has_positions(self) -> bool:
        return self.values is not None or self.positions is not None

    @property
    def nbytes(self) -> int:
        size = self.ids.nbytes + self.scores.nbytes
        if self.values is not None:
            size += 80 * len(self.values)  # a small bytes object each
        if self.positions is not None and self.starts is not None:
            size += self.positions.nbytes + self.starts.nbytes
        return size


#: Decoded postings kept per open searcher (most recently used first out last):
#: the words people search repeat, and decoding Whoosh's pickled blocks is
#: most of a query's time. Bounded in bytes.
CACHE_BYTES = 64 * 1024 * 1024


class ArrayScorer:
    """Scores queries against one open Whoosh searcher. Not thread-safe: the
    caller serialises, as it does for the searcher itself."""

    def __init__(self, searcher):
        weighting = searcher.weighting
        if type(weighting) is not scoring.BM25F:
            raise Unsupported("only BM25F scoring is reproduced")
        self.searcher = searcher
        self.schema = searcher.schema
        self._B, self._K1, self._field_B = weighting.B, weighting.K1, weighting._field_B
        self._leaves = []
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            if not hasattr(reader, "_terms"):
                raise Unsupported("not a segment reader")
            deleted = (
                np.fromiter(sorted(reader.deleted_docs_set), dtype=np.int64)
                if reader.has_deletions()
                else None
            )
            self._leaves.append((reader, offset, deleted))
        self._lengths: dict[str, np.ndarray] = {}
        self._cache: OrderedDict[tuple[str, bytes], _Postings] = OrderedDict()
        self._cached_bytes = 0
        self._docnum_of: dict[str, int | None] = {}  # article id -> document number

    # ------------------------------------------------------------ public

    def matches(self, q: wq.Query, allow: Sequence[str] | None = None) -> Matches:
        """Every document `q` matches, with Whoosh's score for it."""
        found = self._eval(q)
        if allow is not None:
            ids = self._eval(wq.Or([wq.Term("id", i) for i in allow])).ids if allow else _EMPTY_IDS
            keep = _member(found.ids, ids)
            found = Matches(found.ids[keep], found.scores[keep])
        return found

    @staticmethod
    def top(found: Matches, n: int) -> list[tuple[int, float]]:
        """The first `n` (document number, score) by score, ties by document
        number, as Whoosh's top-N collector orders them."""
        if n <= 0 or not len(found):
            return []
        ids, scores = found.ids, found.scores
        if len(ids) > n:
            # Everything scoring at least the n-th best score, ties included.
            cut = np.partition(scores, len(scores) - n)[len(scores) - n]
            keep = scores >= cut
            ids, scores = ids[keep], scores[keep]
        order = np.lexsort((ids, -scores))[:n]
        return [(int(ids[i]), float(scores[i])) for i in order]

    # ------------------------------------------------------------ the query tree

    def _eval(self, q: wq.Query) -> Matches:
        kind = type(q)
        if q is wq.NullQuery or isinstance(q, wq.qcore._NullQuery):
            return _NONE
        if kind is wq.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if kind is ExactPhrase:
            if q.slop != 1 or len(q.words) < 2:
                raise Unsupported("sloppy or one-word phrase")
            return self._phrase(q.fieldname, q.words, q.boost)
        if kind is wq.And:
            if any(isinstance(s, wq.Not) for s in q.subqueries):
                raise Unsupported("NOT inside AND")
            return self._boost(_intersect([self._eval(s) for s in q.subqueries]), q)
        if kind in (wq.Or, wq.DefaultOr, wq.PreloadedOr, wq.SplitOr):
            if q.scale or any(isinstance(s, wq.Not) for s in q.subqueries):
                raise Unsupported("coordinated OR or NOT inside OR")
            return self._boost(_union([self._eval(s) for s in q.subqueries]), q)
        if kind is ArticleSet:
            return self._article_set(q)
        if kind is wq.AndMaybe:
            return _and_maybe(self._eval(q.a), self._eval(q.b))
        if kind is wq.AndNot:
            return _and_not(self._eval(q.a), self._eval(q.b).ids)
        if kind is wq.Require:
            a, b = self._eval(q.a), self._eval(q.b)
            keep = _member(a.ids, b.ids)
            return Matches(a.ids[keep], a.scores[keep])
        raise Unsupported(kind.__name__)

    def _boost(self, m: Matches, q: wq.Query) -> Matches:
        # CompoundQuery wraps its matcher only when it has several children.
        if q.boost != 1.0 and len(q.subqueries) > 1:
            return Matches(m.ids, m.scores * q.boost)
        return m

    # ------------------------------------------------------------ leaves

    def _article_set(self, q: ArticleSet) -> Matches:
        """The articles of a user-data clause (or all others), scoring 0."""
        known = self._docnum_of
        for article_id in q.ids:
            if article_id not in known:
                known[article_id] = self.searcher.document_number(id=article_id)
        nums = {n for i in q.ids if (n := known[i]) is not None}
        ids = np.fromiter(sorted(nums), dtype=np.int64, count=len(nums))
        if q.complement:
            ids = np.setdiff1d(self._live_docnums(), ids, assume_unique=True)
        return Matches(ids, np.zeros(len(ids), dtype=np.float64))

    def _live_docnums(self) -> np.ndarray:
        parts = []
        for reader, offset, deleted in self._leaves:
            local = np.arange(reader.doc_count_all(), dtype=np.int64)
            if deleted is not None:
                local = local[~_member(local, deleted)]
            parts.append(local + offset)
        return np.concatenate(parts) if parts else _EMPTY_IDS

    def _term(self, fieldname: str, text, boost: float) -> Matches:
        btext = self._bytes(fieldname, text)
        if btext is None:
            return _NONE
        postings = self._postings(fieldname, btext, positions=False)
        if postings is None:
            return _NONE
        scores = postings.scores * boost if boost != 1.0 else postings.scores
        return Matches(postings.ids, scores)

    def _phrase(self, fieldname: str, words: Sequence[str], boost: float) -> Matches:
        """ExactPhrase's documents and scores: the words at consecutive
        positions; the score is the sum of the words' scores."""
        lists: list[tuple[bytes, _Postings]] = []
        for word in words:
            btext = self._bytes(fieldname, word)
            if btext is None:
                return _NONE
            postings = self._postings(fieldname, btext, positions=True)
            if postings is None or not len(postings.ids):
                return _NONE
            lists.append((btext, postings))
        # Candidates: documents holding every word; where each sits in each list.
        cand = lists[0][1].ids
        for _, p in lists[1:]:
            cand = cand[_member(cand, p.ids)]
            if not len(cand):
                return _NONE
        rows = [np.searchsorted(p.ids, cand) for _, p in lists]
        # Keys (candidate, start position) for each word; the phrase starts
        # wherever word k sits k positions after a shared start.
        starts: np.ndarray | None = None
        for k, ((btext, p), row) in enumerate(zip(lists, rows)):
            keys = self._position_keys(fieldname, btext, p, row) - k
            starts = keys if starts is None else starts[_member(starts, keys)]
            if not len(starts):
                return _NONE
        assert starts is not None  # a phrase has words
        owners = starts >> 32  # sorted
        hit = owners[np.concatenate(([True], owners[1:] != owners[:-1]))]
        ids = cand[hit]
        scores = np.zeros(len(hit), dtype=np.float64)
        for (_, p), row in zip(lists, rows):
            scores = scores + p.scores[row[hit]]
        if boost != 1.0:
            scores = scores * boost
        return Matches(ids, scores)

    def _position_keys(
        self, fieldname: str, btext: bytes, p: _Postings, rows: np.ndarray
    ) -> np.ndarray:
        """(candidate << 32) | position for every position of the postings at
        `rows` (candidate = index in `rows`), ascending. A term asked for most
        of its postings has all of them decoded once and kept."""
        if p.positions is None and len(rows) * 4 >= len(p.ids):
            assert p.values is not None  # read with positions: values until decoded
            p.starts, p.positions = _decode_positions(p.values)
            p.values = None
            self._remember((fieldname, btext), p)
        if p.positions is not None:
            assert p.starts is not None  # decoded together
            return _keys(p.starts, p.positions, rows)
        assert p.values is not None
        counts, deltas = _position_deltas([p.values[r] for r in rows.tolist()])
        starts, positions = _absolute(counts, deltas)
        return _keys(starts, positions, np.arange(len(rows), dtype=np.int64))

    def _bytes(self, fieldname: str, text) -> bytes | None:
        if fieldname not in self.schema:
            return None
        try:
            return self.schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    def _postings(self, fieldname: str, btext: bytes, positions: bool) -> _Postings | None:
        key = (fieldname, btext)
        cached = self._cache.get(key)
        if cached is not None and (cached.has_positions or not positions):
            self._cache.move_to_end(key)
            return cached
        found = self._read(fieldname, btext, positions)
        if found is not None:
            self._remember(key, found)
        return found

    def _remember(self, key: tuple[str, bytes], postings: _Postings) -> None:
        old = self._cache.pop(key, None)
        if old is not None:
            self._cached_bytes -= old.nbytes
        size = postings.nbytes
        if size > CACHE_BYTES // 4:
            return
        self._cache[key] = postings
        self._cached_bytes += size
        while self._cached_bytes > CACHE_BYTES:
            _, dropped = self._cache.popitem(last=False)
            self._cached_bytes -= dropped.nbytes

    def _read(self, fieldname: str, btext: bytes, positions: bool) -> _Postings | None:
        ids_parts: list[np.ndarray] = []
        weight_parts: list[np.ndarray] = []
        all_values: list[Any] | None = [] if positions else None
        for reader, offset, deleted in self._leaves:
            if (fieldname, btext) not in reader:
                continue
            ids, weights, vals = _read_postings(reader, fieldname, btext, positions)
            ids = np.asarray(ids, dtype=np.int64)
            weights = np.asarray(weights, dtype=np.float64)
            if deleted is not None:
                keep = ~_member(ids, deleted)
                if not keep.all():
                    ids, weights = ids[keep], weights[keep]
                    if vals is not None:
                        vals = [v for v, k in zip(vals, keep) if k]
            ids_parts.append(ids + offset)
            weight_parts.append(weights)
            if all_values is not None:
                all_values.extend(vals)
        if not ids_parts:
            return None
        ids = ids_parts[0] if len(ids_parts) == 1 else np.concatenate(ids_parts)
        weights = weight_parts[0] if len(weight_parts) == 1 else np.concatenate(weight_parts)
        found = _Postings(ids, self._scores(fieldname, btext, ids, weights))
        if positions:
            found.values = all_values
        return found

    def _scores(
        self, fieldname: str, btext: bytes, ids: np.ndarray, weights: np.ndarray
    ) -> np.ndarray:
        field = self.schema[fieldname]
        if not field.scorable:
            return weights  # Whoosh's WeightScorer
        parent = self.searcher
        idf = parent.idf(fieldname, btext)
        avgfl = parent.avg_field_length(fieldname) or 1
        B = self._field_B.get(fieldname, self._B)
        K1 = self._K1
        tf = weights
        fl = self.field_lengths(fieldname)[ids]
        # The expression and operation order of whoosh.scoring.bm25.
        return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length in `fieldname` as Whoosh's scorer sees it."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            parts = []
            for reader, _, _ in self._leaves:
                n = reader.doc_count_all()
                col = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                raw = np.zeros(n, dtype=np.uint8)
                if col is not None:
                    count = min(n, col._count)
                    raw[:count] = np.frombuffer(
                        col._dbfile.get(col._basepos, count), dtype=np.uint8
                    )
                parts.append(_LENGTH_OF_BYTE[raw])
            lengths = np.concatenate(parts) if parts else _EMPTY_SCORES
            self._lengths[fieldname] = lengths
        return lengths


# ---------------------------------------------------------------- combining


def _member(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For sorted `a` and sorted `b`: which elements of `a` are in `b` (a binary
    search each, no re-sorting)."""
    if not len(b):
        return np.zeros(len(a), dtype=bool)
    at = np.searchsorted(b, a)
    np.minimum(at, len(b) - 1, out=at)
    return b[at] == a


def _common(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted unique `a` and `b`: the indexes in each of their common elements."""
    if not len(a) or not len(b):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    at = np.searchsorted(b, a)
    np.minimum(at, len(b) - 1, out=at)
    ia = np.flatnonzero(b[at] == a)
    return ia, at[ia]


def _intersect(parts: list[Matches]) -> Matches:
    parts = sorted(parts, key=len)
    ids, scores = parts[0].ids, parts[0].scores
    for p in parts[1:]:
        if not len(ids):
            return _NONE
        ia, ib = _common(ids, p.ids)
        ids = ids[ia]
        scores = scores[ia] + p.scores[ib]
    return Matches(ids, scores)


def _union(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p)]
    if not parts:
        return _NONE
    if len(parts) == 1:
        return parts[0]
    ids, inverse = np.unique(np.concatenate([p.ids for p in parts]), return_inverse=True)
    scores = np.bincount(
        inverse, weights=np.concatenate([p.scores for p in parts]), minlength=len(ids)
    )
    return Matches(ids, scores)


def _and_maybe(a: Matches, b: Matches) -> Matches:
    if not len(a) or not len(b):
        return a
    ia, ib = _common(a.ids, b.ids)
    scores = a.scores.copy()
    scores[ia] += b.scores[ib]
    return Matches(a.ids, scores)


def _and_not(a: Matches, b_ids: np.ndarray) -> Matches:
    if not len(a) or not len(b_ids):
        return a
    keep = ~_member(a.ids, b_ids)
    return Matches(a.ids[keep], a.scores[keep])


# ---------------------------------------------------------------- postings


def _read_postings(reader, fieldname: str, btext: bytes, values: bool):
    """(ids, weights, values or None) of one term in one segment, in block order."""
    terms = reader._terms
    info = terms.term_info(fieldname, btext)
    if info.is_inlined():
        ids, inlined_weights, inlined_values = info.inlined_postings()
        return (
            np.asarray(ids, dtype=np.int64),
            _weights_list(inlined_weights, len(ids)),
            list(inlined_values) if values else None,
        )
    fmt = reader.schema[fieldname].format
    if values and fmt.fixed_value_size() not in (None, -1):
        raise Unsupported("postings without positions")
    offset, length = info.extent()
    if isinstance(length, tuple):  # this Whoosh unpacks the length as a 1-tuple
        (length,) = length
    buf = terms._postfile.get(offset, length)  # the term's postings, one read
    if buf[:4] != WHOOSH3_HEADER_MAGIC:
        raise Unsupported("unknown postings format")
    # Blocks: a signed length (negative on the last block), a pickled info
    # tuple, then the pickled (ids, weights, values), zlib-compressed or not.
    # Each block's ids are deltas from its first (absolute) id; rebasing that
    # first id on the previous block's last id makes the list one running sum.
    stream = io.BytesIO(buf)
    deltas: list[int] = []
    weights: list[float] = []
    vals: list | None = [] if values else None
    pos, last = 4, 0
    while True:
        (size,) = _INT.unpack_from(buf, pos)
        end = pos + 4 + abs(size)
        stream.seek(pos + 4)
        count, maxid, _, compression, _, _ = pickle.load(stream)
        data = buf[stream.tell() : end]
        block_ids, block_weights, block_values = pickle.loads(
            zlib.decompress(data) if compression else data
        )
        deltas.append(block_ids[0] - last)
        deltas.extend(block_ids[1:])
        last = maxid
        if block_weights is None or isinstance(block_weights, float):
            weights.extend([1.0 if block_weights is None else block_weights] * count)
        else:
            weights.extend(block_weights)
        if vals is not None:
            vals.extend(block_values)
        if size < 0 or end >= len(buf):
            break
        pos = end
    return np.cumsum(np.asarray(deltas, dtype=np.int64)), weights, vals


def _weights_list(weights, n: int):
    if weights is None:
        return [1.0] * n
    if isinstance(weights, float):
        return [weights] * n
    return list(weights)


def _decode_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh's Positions values as flat absolute positions and each posting's
    start in them (posting i: positions[starts[i]:starts[i + 1]])."""
    return _absolute(*_position_deltas(values))


def _absolute(counts: np.ndarray, deltas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-posting position deltas as (starts, absolute positions)."""
    n = len(counts)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    # Deltas restart at each posting: running sums, less each posting's start.
    running = np.cumsum(deltas)
    before = np.zeros(n, dtype=np.int64)
    if n > 1:
        before[1:] = running[starts[1:-1] - 1]
    return starts, running - np.repeat(before, counts)


def _position_deltas(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(positions per posting, all position deltas in order) of Positions values.

    A value is a 4-byte big-endian count, then a protocol-2 pickle of the list
    of deltas: PROTO 2, EMPTY_LIST, BINPUT 0, then MARK, the ints, APPENDS
    (or, for one int, the int and APPEND), then STOP. Cutting all but the ints
    out of the values' concatenation leaves one stream of int opcodes that a
    single outer list unpickles at once. Values of any other shape are
    decoded one at a time."""
    n = len(values)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    raw = b"".join(values)
    buf = np.frombuffer(raw, dtype=np.uint8)
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=n)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    if (lengths >= 10).all():
        b = buf.astype(np.int64)
        counts = (b[starts] << 24) | (b[starts + 1] << 16) | (b[starts + 2] << 8) | b[starts + 3]
        many = counts > 1
        shaped = (
            (buf[starts + 4] == 0x80)
            & (buf[starts + 5] == 2)
            & (buf[starts + 6] == 0x5D)
            & (buf[starts + 7] == 0x71)
            & (buf[starts + 8] == 0)
            & (~many | (buf[starts + 9] == 0x28))
            & (buf[ends - 2] == np.where(many, 0x65, 0x61))
            & (buf[ends - 1] == 0x2E)
            & (counts > 0)
        )
        if shaped.all():
            keep = np.ones(len(buf), dtype=bool)
            for k in range(9):
                keep[starts + k] = False
            keep[starts[many] + 9] = False
            keep[ends - 1] = False
            keep[ends - 2] = False
            try:
                flat = pickle.loads(_PROTO2 + b"](" + buf[keep].tobytes() + b"e.")
            except Exception:
                flat = None
            if isinstance(flat, list) and len(flat) == int(counts.sum()):
                return counts, np.array(flat, dtype=np.int64)
    lists = [pickle.loads(v[4:] if v.endswith(b".") else v[4:] + b".") for v in values]
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=n)
    return counts, np.fromiter(
        itertools.chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum())
    )


def _keys(starts: np.ndarray, positions: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """(i << 32) | position for every position of posting rows[i], ascending."""
    first = starts[rows]
    counts = starts[rows + 1] - first
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    # Index of each wanted position: its posting's first, plus its rank within it.
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return (owner << 32) | positions[np.repeat(first, counts) + within]


_PROTO2 = b"\x80\x02"
