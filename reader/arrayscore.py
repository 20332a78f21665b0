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

import pickle
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.util.numeric import byte_to_length

from reader.phrase import ExactPhrase

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
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


@dataclass(frozen=True, slots=True)
class _Postings:
    ids: np.ndarray       # global document numbers, ascending, deleted ones removed
    weights: np.ndarray   # Whoosh's posting weights (term frequency x field boost)
    values: list | None   # raw posting values (positions), when asked for


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
            deleted = np.fromiter(sorted(reader.deleted_docs_set), dtype=np.int64) \
                if reader.has_deletions() else None
            self._leaves.append((reader, offset, deleted))
        self._lengths: dict[str, np.ndarray] = {}

    # ------------------------------------------------------------ public

    def matches(self, q: wq.Query, allow: Sequence[str] | None = None) -> Matches:
        """Every document `q` matches, with Whoosh's score for it."""
        found = self._eval(q)
        if allow is not None:
            ids = self._eval(wq.Or([wq.Term("id", i) for i in allow])).ids if allow else _EMPTY_IDS
            keep = np.isin(found.ids, ids, assume_unique=True)
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
        if kind is wq.AndMaybe:
            return _and_maybe(self._eval(q.a), self._eval(q.b))
        if kind is wq.AndNot:
            return _and_not(self._eval(q.a), self._eval(q.b).ids)
        if kind is wq.Require:
            a, b = self._eval(q.a), self._eval(q.b)
            keep = np.isin(a.ids, b.ids, assume_unique=True)
            return Matches(a.ids[keep], a.scores[keep])
        raise Unsupported(kind.__name__)

    def _boost(self, m: Matches, q: wq.Query) -> Matches:
        # CompoundQuery wraps its matcher only when it has several children.
        if q.boost != 1.0 and len(q.subqueries) > 1:
            return Matches(m.ids, m.scores * q.boost)
        return m

    # ------------------------------------------------------------ leaves

    def _term(self, fieldname: str, text, boost: float) -> Matches:
        btext = self._bytes(fieldname, text)
        if btext is None:
            return _NONE
        postings = self._postings(fieldname, btext, values=False)
        if postings is None:
            return _NONE
        scores = self._scores(fieldname, btext, postings)
        if boost != 1.0:
            scores = scores * boost
        return Matches(postings.ids, scores)

    def _phrase(self, fieldname: str, words: Sequence[str], boost: float) -> Matches:
        """ExactPhrase's documents and scores: the words at consecutive
        positions; the score is the sum of the words' scores."""
        lists = []
        for word in words:
            btext = self._bytes(fieldname, word)
            postings = self._postings(fieldname, btext, values=True) if btext is not None else None
            if postings is None or not len(postings.ids):
                return _NONE
            lists.append((btext, postings))
        # Candidates: documents holding every word; where each sits in each list.
        cand = lists[0][1].ids
        for _, p in lists[1:]:
            cand = np.intersect1d(cand, p.ids, assume_unique=True)
            if not len(cand):
                return _NONE
        rows = [np.searchsorted(p.ids, cand) for _, p in lists]
        # Keys (candidate, start position) for each word; the phrase starts
        # wherever word k sits k positions after a shared start.
        starts = None
        for k, ((_, p), row) in enumerate(zip(lists, rows)):
            keys = _position_keys(p.values, row) - k
            starts = keys if starts is None else np.intersect1d(starts, keys, assume_unique=True)
            if not len(starts):
                return _NONE
        hit = np.unique(starts >> 32)
        ids = cand[hit]
        scores = np.zeros(len(hit), dtype=np.float64)
        for (btext, p), row in zip(lists, rows):
            scores = scores + self._scores(fieldname, btext, p)[row[hit]]
        if boost != 1.0:
            scores = scores * boost
        return Matches(ids, scores)

    def _bytes(self, fieldname: str, text) -> bytes | None:
        if fieldname not in self.schema:
            return None
        try:
            return self.schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    def _postings(self, fieldname: str, btext: bytes, values: bool) -> _Postings | None:
        ids_parts, weight_parts, all_values = [], [], [] if values else None
        for reader, offset, deleted in self._leaves:
            if (fieldname, btext) not in reader:
                continue
            ids, weights, vals = _read_postings(reader, fieldname, btext, values)
            ids = np.asarray(ids, dtype=np.int64)
            weights = np.asarray(weights, dtype=np.float64)
            if deleted is not None:
                keep = ~np.isin(ids, deleted)
                if not keep.all():
                    ids, weights = ids[keep], weights[keep]
                    if vals is not None:
                        vals = [v for v, k in zip(vals, keep) if k]
            ids_parts.append(ids + offset)
            weight_parts.append(weights)
            if values:
                all_values.extend(vals)
        if not ids_parts:
            return None
        if len(ids_parts) == 1:
            return _Postings(ids_parts[0], weight_parts[0], all_values)
        return _Postings(np.concatenate(ids_parts), np.concatenate(weight_parts), all_values)

    def _scores(self, fieldname: str, btext: bytes, postings: _Postings) -> np.ndarray:
        field = self.schema[fieldname]
        if not field.scorable:
            return postings.weights  # Whoosh's WeightScorer
        parent = self.searcher
        idf = parent.idf(fieldname, btext)
        avgfl = parent.avg_field_length(fieldname) or 1
        B = self._field_B.get(fieldname, self._B)
        K1 = self._K1
        tf = postings.weights
        fl = self._field_lengths(fieldname)[postings.ids]
        # The expression and operation order of whoosh.scoring.bm25.
        return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

    def _field_lengths(self, fieldname: str) -> np.ndarray:
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
                    raw[:count] = np.frombuffer(col._dbfile.get(col._basepos, count), dtype=np.uint8)
                parts.append(_LENGTH_OF_BYTE[raw])
            lengths = np.concatenate(parts) if parts else _EMPTY_SCORES
            self._lengths[fieldname] = lengths
        return lengths


# ---------------------------------------------------------------- combining


def _intersect(parts: list[Matches]) -> Matches:
    parts = sorted(parts, key=len)
    ids, scores = parts[0].ids, parts[0].scores
    for p in parts[1:]:
        if not len(ids):
            return _NONE
        ids, ia, ib = np.intersect1d(ids, p.ids, assume_unique=True, return_indices=True)
        scores = scores[ia] + p.scores[ib]
    return Matches(ids, scores)


def _union(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p)]
    if not parts:
        return _NONE
    if len(parts) == 1:
        return parts[0]
    ids, inverse = np.unique(np.concatenate([p.ids for p in parts]), return_inverse=True)
    scores = np.bincount(inverse, weights=np.concatenate([p.scores for p in parts]),
                         minlength=len(ids))
    return Matches(ids, scores)


def _and_maybe(a: Matches, b: Matches) -> Matches:
    if not len(a) or not len(b):
        return a
    _, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    scores = a.scores.copy()
    scores[ia] += b.scores[ib]
    return Matches(a.ids, scores)


def _and_not(a: Matches, b_ids: np.ndarray) -> Matches:
    if not len(a) or not len(b_ids):
        return a
    keep = ~np.isin(a.ids, b_ids, assume_unique=True)
    return Matches(a.ids[keep], a.scores[keep])


# ---------------------------------------------------------------- postings


def _read_postings(reader, fieldname: str, btext: bytes, values: bool):
    """(ids, weights, values or None) of one term in one segment, in block order."""
    terms = reader._terms
    info = terms.term_info(fieldname, btext)
    if info.is_inlined():
        ids, weights, vals = info.inlined_postings()
        return list(ids), _weights_list(weights, len(ids)), (list(vals) if values else None)
    fmt = reader.schema[fieldname].format
    m = terms.matcher(fieldname, btext, fmt)
    if type(m) is not W3LeafMatcher:
        raise Unsupported("unknown postings format")
    ids: list[int] = []
    weights: list[float] = []
    vals: list | None = [] if values else None
    while True:
        m._read_ids()
        m._read_weights()
        ids.extend(m._ids)
        weights.extend(m._weights)
        if values:
            m._read_values()
            vals.extend(m._values)
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    return ids, weights, vals


def _weights_list(weights, n: int):
    if weights is None:
        return [1.0] * n
    if isinstance(weights, float):
        return [weights] * n
    return list(weights)


def _position_keys(values: list, rows: np.ndarray) -> np.ndarray:
    """(candidate << 32) | position for every position of the postings at
    `rows` (Whoosh's Positions format: a count, then pickled position deltas)."""
    loads = pickle.loads
    deltas = []
    counts = np.empty(len(rows), dtype=np.int64)
    for i, r in enumerate(rows.tolist()):
        v = values[r]
        codes = loads(v[4:] if v.endswith(b".") else v[4:] + b".")
        counts[i] = len(codes)
        deltas.extend(codes)
    flat = np.asarray(deltas, dtype=np.int64)
    # Positions restart at each posting: cumulative sums, less each posting's start.
    positions = np.cumsum(flat)
    ends = np.cumsum(counts)
    base = np.repeat(np.concatenate(([0], positions[ends[:-1] - 1])) if len(ends) else ends, counts)
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    return (owner << 32) | (positions - base)
