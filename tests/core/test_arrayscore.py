"""Array scoring gives Whoosh's results: the same totals, documents, order and scores.

The index has two segments and deleted documents (an incremental update), so
document numbering across segments and deletions is exercised too.
"""

from __future__ import annotations

import random
import shutil

import pytest

from reader.config import Settings
from reader.fulltext import arrayscore
from reader.indexer import update_index
from reader.library import Library
from tests.generated import generate, sample_queries


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("arrays")
    articles = root / "articles"
    paths = generate(articles, 240, seed=3)
    settings = Settings.resolve(articles, root / "index", entities=False)
    update_index(settings)
    # A second segment: some articles changed, some removed.
    for path in paths[::17]:
        path.write_text(
            path.read_text(encoding="utf-8") + "\nThe council said more later.\n", encoding="utf-8"
        )
    for path in paths[5::41]:
        path.unlink()
    shutil.rmtree(articles / "zzz", ignore_errors=True)
    update_index(settings)
    lib = Library(settings)
    assert len(lib.searcher._searcher.leaf_searchers()) > 1, "expected several segments"
    assert lib.searcher._searcher.reader().has_deletions()
    yield lib
    lib.close()


def _queries() -> list[str]:
    qs = sample_queries(3, per_kind=8)
    words = [q for q in qs["term"]] + ["said", "the", "council", "minister", "police"]
    rng = random.Random(7)
    out = [q for kind in ("term", "and", "phrase", "fuzzy", "prefix") for q in qs[kind]]
    for _ in range(40):
        a, b, c = rng.sample(words, 3)
        out += [
            f"{a} {b}",
            f"{a} OR {b}",
            f"{a} -{b}",
            f"+{a} {b}",
            f"({a} OR {b}) AND {c}",
            f"{a}^2 {b}",
            f"title:{a}",
            f"{a[:4]}* {b}",
        ]
    out += [
        '"the council"',
        '"said the"',
        '"of the minister"',
        '"council said more later"',
        "said NOT council",
        "nosuchwordanywhere",
        '"nosuchword said"',
    ]
    return list(dict.fromkeys(out))


def _both(lib, q: str, n: int = 40):
    s = lib.searcher
    parsed = s.parse(q)
    searcher = s._searcher
    scored = __import__("reader.fulltext.search", fromlist=["with_title_boost"]).with_title_boost(
        s._bound_expansions(parsed, searcher.reader())
    )
    s.array_scoring = False
    slow = s._rank(searcher, scored, None, n)
    s.array_scoring = True
    fast = s._rank(searcher, scored, None, n)
    return slow, fast


def _same(slow, fast, q):
    (t1, r1), (t2, r2) = slow, fast
    assert t1 == t2, q
    assert len(r1) == len(r2), q
    for (_d1, s1), (_d2, s2) in zip(r1, r2):
        assert s1 == pytest.approx(s2, rel=1e-9, abs=1e-12), q
    # Documents may only swap places where their scores tie (to rounding).
    groups1: dict[float, set[int]] = {round(s, 9): set() for _, s in r1}
    for d, s in r1:
        groups1[round(s, 9)].add(d)
    groups2: dict[float, set[int]] = {round(s, 9): set() for _, s in r2}
    for d, s in r2:
        groups2[round(s, 9)].add(d)
    last = round(r1[-1][1], 9) if r1 else None
    for key in groups1:
        if key != last:  # the last group may be cut at a different member
            assert groups1[key] == groups2.get(key), q


def test_array_scoring_matches_whoosh_on_many_queries(library):
    checked = 0
    for q in _queries():
        slow, fast = _both(library, q)
        _same(slow, fast, q)
        checked += bool(slow[0])
    assert checked > 200  # most queries have hits


def test_filtered_search_matches_whoosh(library):
    s = library.searcher
    ids = [a.id for a in library.articles()][::3]
    for q in ("said", "council OR minister", '"the council"'):
        s.array_scoring = False
        slow = s.search(q, filter_ids=ids, pagelen=30)
        s.array_scoring = True
        fast = s.search(q, filter_ids=ids, pagelen=30)
        assert slow.total == fast.total and slow.total > 0
        assert [h.id for h in slow.hits][:5] == [h.id for h in fast.hits][:5]
        assert {h.id for h in fast.hits} <= set(ids)
        s.array_scoring = True
    assert s.search("said", filter_ids=[]).total == 0


def test_shapes_it_does_not_score_go_to_whoosh(library):
    scorer = arrayscore.ArrayScorer(library.searcher._searcher)
    s = library.searcher
    for q in ("said NOT council", "date:[2020 to 2030]", '"said council"~3'):
        with pytest.raises(arrayscore.Unsupported):
            scorer.matches(s._bound_expansions(s.parse(q), s._searcher.reader()))
        assert library.search(q).total >= 0  # and the search still answers


def test_paging_is_consistent(library):
    first = library.search("said", page=1, pagelen=10)
    second = library.search("said", page=2, pagelen=10)
    both = library.search("said", page=1, pagelen=20)
    assert [h.id for h in first.hits + second.hits] == [h.id for h in both.hits]
    assert [h.rank for h in second.hits] == list(range(11, 21))
    assert first.total == second.total == both.total
    assert not set(h.id for h in first.hits) & set(h.id for h in second.hits)


@pytest.mark.parametrize("arrays", [True, False])
def test_excluded_words_never_appear_in_hits(library, arrays):
    library.searcher.array_scoring = arrays
    try:
        for q in _queries():
            if " -" not in q:
                continue
            excluded = q.split(" -", 1)[1]
            for hit in library.search(q, pagelen=50).hits:
                text = library.text_of(hit.id)
                assert not library.searcher.match_spans(excluded, text), (q, hit.id)
    finally:
        library.searcher.array_scoring = True


def test_position_values_decode_like_whoosh():
    from whoosh.formats import Positions

    fmt = Positions()
    rng = random.Random(5)
    lists = [
        [0],
        [3, 4],
        [70000],
        list(range(1500)),
        sorted(rng.sample(range(10**6), 40)),
        [1, 2, 300, 301, 70000, 2**31 - 2],
    ]
    values = [fmt.encode(p) for p in lists]
    starts, positions = arrayscore._decode_positions(values)
    assert [positions[starts[i] : starts[i + 1]].tolist() for i in range(len(lists))] == lists
    assert [fmt.decode_positions(v) for v in values] == lists
    # A value of another shape (here: no STOP byte) takes the one-at-a-time path.
    odd = values[:2] + [values[2][:-1]]
    starts, positions = arrayscore._decode_positions(odd)
    assert [positions[starts[i] : starts[i + 1]].tolist() for i in range(3)] == lists[:3]


def test_a_small_cache_gives_the_same_results(library, monkeypatch):
    s = library.searcher
    queries = ["said", '"the council"', "council OR minister", "said AND police"]
    before = [(r.total, [h.id for h in r.hits]) for r in map(library.search, queries)]
    monkeypatch.setattr(arrayscore, "CACHE_BYTES", 4096)
    s._arrays = None
    after = [(r.total, [h.id for h in r.hits]) for r in map(library.search, queries * 2)]
    assert after == before * 2
    assert s._arrays._cached_bytes <= 4096
