"""Near-duplicates: signatures, groups, and incremental updates at index time."""

from __future__ import annotations

import numpy as np

from reader.analytics import duplicates, signatures
from reader.indexer import update_index
from reader.library import Library
from reader.paths import IndexPaths
from reader.store import Store

STORY = (
    "The harbour authority said on Tuesday that the storm had closed the northern "
    "terminal for three days and that ships waiting offshore would be unloaded in "
    "the order they arrived, a spokeswoman for the port told reporters. Fishing boats "
    "stayed in the inner basin while crews repaired the breakwater, which lost about "
    "forty metres of stone in the worst of the waves on Sunday night."
)
UPDATE = STORY.replace("three days", "four days") + " Repairs will cost about 2 million euros."
OTHER = (
    "Shares in the city's largest bakery chain rose sharply after it reported higher "
    "sales of bread and pastries in the spring, helped by new shops in the suburbs and "
    "a cheaper flour contract signed last year with a cooperative of farmers."
)


def test_similar_texts_have_similar_signatures():
    a, b, c = (signatures.signature(t) for t in (STORY, UPDATE, OTHER))
    assert a.dtype == np.uint32 and len(a) == duplicates.NUM_PERM
    assert signatures.similarity(a, b) >= duplicates.THRESHOLD
    assert signatures.similarity(a, c) < 0.1
    assert signatures.similarity(a, signatures.signature(STORY)) == 1.0
    # The same story shares band keys; an unrelated one none.
    assert set(signatures.band_keys(a)) & set(signatures.band_keys(b))
    assert not set(signatures.band_keys(a)) & set(signatures.band_keys(c))


def test_groups_are_connected_pairs():
    groups = duplicates.groups_of([("b", "c", 0.9), ("c", "d", 0.8), ("x", "y", 0.7)])
    assert groups == {"b": "b", "c": "b", "d": "b", "x": "x", "y": "x"}


def _groups(settings) -> list[list[str]]:
    with Library(settings, open_search=False) as library:
        return sorted(library.duplicate_groups().values())


def _signed(settings) -> dict[str, str]:
    store = Store(IndexPaths(settings.index_dir).store)
    try:
        return dict(store.conn.execute("SELECT article_id, hash FROM dup_signatures"))
    finally:
        store.close()


def test_groups_follow_the_collection_incrementally(collection):
    settings = collection({"storm.txt": STORY, "storm-update.txt": UPDATE, "bakery.txt": OTHER})
    update_index(settings)
    assert _groups(settings) == [["storm", "storm-update"]]
    with Library(settings, open_search=False) as library:
        assert [s.id for s in library.versions_of("storm-update")] == ["storm", "storm-update"]
        assert [s.id for s in library.versions_of("bakery")] == ["bakery"]
        assert library.similar_to("storm")[0][0] == "storm-update"
    before = _signed(settings)

    # A third version: only it is signed; the group grows.
    (settings.articles_dir / "storm-again.txt").write_text(UPDATE + " The port reopened.")
    update_index(settings)
    after = _signed(settings)
    assert set(after) - set(before) == {"storm-again"}
    assert all(after[k] == v for k, v in before.items())
    assert _groups(settings) == [["storm", "storm-again", "storm-update"]]

    # The middle version removed: the other two still resemble each other.
    (settings.articles_dir / "storm-update.txt").unlink()
    update_index(settings)
    assert _groups(settings) == [["storm", "storm-again"]]
    assert "storm-update" not in _signed(settings)

    # The bakery story rewritten as another copy of the storm: it joins.
    (settings.articles_dir / "bakery.txt").write_text(STORY + " More later.")
    update_index(settings)
    assert _groups(settings) == [["bakery", "storm", "storm-again"]]

    # ...and rewritten back: it leaves.
    (settings.articles_dir / "bakery.txt").write_text(OTHER)
    update_index(settings)
    assert _groups(settings) == [["storm", "storm-again"]]


def test_refresh_signs_only_what_changed(collection):
    settings = collection({"storm.txt": STORY, "bakery.txt": OTHER})
    update_index(settings)
    store = Store(IndexPaths(settings.index_dir).store)
    try:
        assert duplicates.refresh(store) == duplicates.DuplicateReport()  # nothing to do
        store.set_meta("duplicates", "older settings")
        report = duplicates.refresh(store)  # other settings: everything again
        assert report.signed == 2 and report.groups == 0
    finally:
        store.close()


def test_an_index_without_signatures_is_stale_and_gets_them(collection):
    from reader.indexer import index_status

    settings = collection({"storm.txt": STORY, "storm-update.txt": UPDATE})
    update_index(settings)
    store = Store(IndexPaths(settings.index_dir).store)
    store.forget_all_signatures()
    store.conn.execute("DELETE FROM meta WHERE key='duplicates'")
    store.commit()
    store.close()
    assert index_status(settings) == "stale"
    report = update_index(settings)
    assert report.added == report.updated == 0
    assert _groups(settings) == [["storm", "storm-update"]]
    assert index_status(settings) == "fresh"


def test_signatures_are_datasketchs_minhash():
    """signatures.py signs with numpy alone; its values are datasketch's MinHash
    (affine32) and its bands MinHashLSH's, which this checks on every release."""
    from datasketch import MinHash, MinHashLSH

    for text in (STORY, UPDATE, OTHER, "Short text.", "", "Ünïcode wörds, " * 3000):
        reference = MinHash(
            num_perm=duplicates.NUM_PERM, seed=duplicates.SEED, hashfunc=int, scheme="affine32"
        )
        reference.update_batch(signatures.shingle_hashes(text))
        expected = np.asarray(reference.hashvalues, dtype=np.uint32)
        assert np.array_equal(signatures.signature(text), expected), text[:20]
    lsh = MinHashLSH(threshold=duplicates.THRESHOLD, num_perm=duplicates.NUM_PERM)
    assert list(signatures._RANGES) == [tuple(r) for r in lsh.hashranges]
