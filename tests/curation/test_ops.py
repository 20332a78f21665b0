"""Each curation operation over a hand-made collection (tests/analytics/hand.py):

    a1  Alice met Bob in Paris.            a4  Alice visited Paris.
    a2  Alice and Bob spoke. Alice left.   a5  Dave and Carol spoke.
    a3  Carol visited Paris.               a6  Bob walked alone.

The journal is replayed over the automatic rows the way an index update does it
(restore, replay); what a person would see is read back from the store."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from reader.curation import ops
from reader.curation.engine import ReplayReport, replay
from reader.curation.journal import JournalRead
from reader.curation.workspace import restore_automatic
from reader.paths import IndexPaths
from reader.store import Store
from tests.analytics.hand import article_id, make_hand_collection


@pytest.fixture
def store(tmp_path):
    settings = make_hand_collection(tmp_path)
    s = Store(IndexPaths(settings.index_dir).store)
    yield s
    s.close()


def run(store: Store, *entries: dict) -> ReplayReport:
    """Replay these entries (numbered 1, 2...) over the automatic rows; committed."""
    numbered = [{"seq": i, **e} for i, e in enumerate(entries, start=1)]
    before = restore_automatic(store)
    report = replay(store, JournalRead(entries=numbered, digest=str(len(numbered))), before)
    store.commit()
    return report


def state(store: Store) -> tuple:
    """Everything a face reads about entities: mentions, entities, article counts."""
    mentions = sorted(
        (m.article_id, m.start, m.end, m.text, m.label, m.entity_id) for m in store.all_mentions()
    )
    entities = sorted(
        (e.id, e.name, e.type, tuple(sorted(e.aliases)), e.mention_count, e.article_count)
        for e in store.all_entities().values()
    )
    n = sorted(store.conn.execute("SELECT id, n_entities, entity_hash FROM articles"))
    return mentions, entities, n


def entity(store: Store, name: str):
    found = [e for e in store.all_entities().values() if e.name == name]
    assert len(found) <= 1
    return found[0] if found else None


def test_merge_moves_every_mention_and_keeps_the_first_name(store):
    alice, bob = store.entity("alice"), store.entity("bob")
    report = run(store, ops.merge_entry(alice, [bob]))
    assert not report.skipped
    merged = store.entity("alice")
    assert (merged.name, merged.mention_count, merged.article_count) == ("Alice", 7, 4)
    assert "Bob" in merged.aliases
    assert store.entity("bob") is None
    assert {m.entity_id for m in store.mentions_of_article(article_id("a6"))} == {"alice"}
    # a1 mentioned Alice, Bob and Paris: now two entities.
    assert dict(store.conn.execute("SELECT id, n_entities FROM articles"))[article_id("a1")] == 2


def test_merge_with_a_new_name(store):
    run(store, ops.merge_entry(store.entity("alice"), [store.entity("bob")], "The Pair"))
    assert entity(store, "The Pair").mention_count == 7
    assert entity(store, "Alice") is None


def test_split_by_article_into_a_new_entity(store):
    alice = store.entity("alice")
    run(store, ops.split_entry(alice, new=("Alice Smith", "PERSON"), articles=[article_id("a2")]))
    smith = entity(store, "Alice Smith")
    assert (smith.mention_count, smith.article_count, smith.type) == (2, 1, "PERSON")
    assert store.entity("alice").mention_count == 2  # a1 and a4 stay


def test_split_one_mention_into_an_existing_entity(store):
    alice, carol = store.entity("alice"), store.entity("carol")
    mention = ops.mention_ref(article_id("a2"), 21, 26, "Alice")
    run(store, ops.split_entry(alice, to=carol, mentions=[mention]))
    assert store.entity("carol").mention_count == 3
    ids = [m.entity_id for m in store.mentions_of_article(article_id("a2"))]
    assert ids == ["alice", "bob", "carol"]


def test_a_split_takes_the_moved_spelling_out_of_also_known_as(store):
    merge = ops.merge_entry(store.entity("alice"), [store.entity("bob")])
    run(store, merge)
    assert "Bob" in store.entity("alice").aliases
    split = ops.split_entry(store.entity("alice"), new=("Robert", "PERSON"), forms=["Bob"])
    run(store, merge, split)
    assert "Bob" not in store.entity("alice").aliases
    assert "Bob" in entity(store, "Robert").aliases
    # One mention of a spelling moved, another kept: the spelling stays a name of both.
    one = ops.mention_ref(article_id("a2"), 21, 26, "Alice")
    run(store, ops.split_entry(store.entity("alice"), new=("Alice B.", "PERSON"), mentions=[one]))
    assert entity(store, "Alice B.").aliases == ("Alice",)
    assert store.entity("alice").name == "Alice"


def test_rename_and_retype(store):
    run(
        store,
        ops.rename_entry(store.entity("paris"), "Paris, France"),
        ops.retype_entry(store.entity("bob"), "ORG"),
    )
    assert store.entity("paris").name == "Paris, France"
    assert "Paris" in store.entity("paris").aliases
    assert store.entity("bob").type == "ORG"
    assert {m.label for m in store.mentions_of_entity("bob")} == {"ORG"}


def test_reject_an_entity_and_a_single_mention(store):
    run(
        store,
        ops.reject_entry(store.entity("dave")),
        ops.reject_mention_entry(article_id("a1"), 0, 5, "Alice"),
    )
    assert store.entity("dave") is None
    assert not store.mentions_of_entity("dave")
    assert store.entity("alice").mention_count == 3
    assert [m.text for m in store.mentions_of_article(article_id("a1"))] == ["Bob", "Paris"]


def test_add_a_name_everywhere_it_is_written(store):
    report = run(store, ops.add_entry("spoke", "EVENT"))
    spoke = entity(store, "spoke")
    assert (spoke.type, spoke.mention_count, spoke.article_count) == ("EVENT", 2, 2)
    assert report.touched == {article_id("a2"), article_id("a5")}


def test_mark_a_span_as_a_mention_of_an_entity(store):
    run(
        store,
        ops.mark_entry(article_id("a6"), 11, 17, "alone.", {"name": "Alice", "type": "PERSON"}),
    )
    assert store.entity("alice").mention_count == 5
    assert "alone." in store.entity("alice").aliases


def test_an_entry_that_no_longer_fits_is_skipped_and_said(store):
    ghost = {"op": "rename", "desc": "", "entity": {"name": "Zed", "type": "PERSON"}, "name": "Z"}
    before = state(store)
    report = run(store, ghost)
    assert [why for _, why in report.skipped] == ["no entity 'Zed' any more"]
    assert state(store)[:2] == before[:2]


def test_an_entity_is_found_again_by_name_when_its_id_changed(store):
    ref = {"name": "Bob", "type": "PERSON", "id": "person:bob-from-another-model"}
    run(store, {"op": "rename", "desc": "", "entity": ref, "name": "Robert"})
    assert store.entity("bob").name == "Robert"


def test_a_mention_is_found_again_when_its_article_moved_its_text(store):
    ref = ops.mention_ref(article_id("a1"), 3, 8, "Alice")  # was at 0 in an older version
    run(store, {"op": "reject_mention", "desc": "", "mention": ref})
    assert store.entity("alice").mention_count == 3


def test_undo_takes_an_operation_back(store):
    automatic = state(store)
    merge = ops.merge_entry(store.entity("alice"), [store.entity("bob")])
    run(store, merge)
    assert state(store) != automatic
    run(store, merge, {"op": "undo", "desc": "", "target": 1})
    assert state(store)[:2] == automatic[:2]
    run(store, merge, {"op": "undo", "target": 1}, {"op": "redo", "target": 1})
    assert store.entity("bob") is None


def test_replay_is_deterministic(store):
    entries = [
        ops.merge_entry(store.entity("alice"), [store.entity("carol")]),
        ops.split_entry(store.entity("bob"), new=("Bobby", "PERSON"), forms=["Bob"]),
        ops.add_entry("walked", "EVENT"),
    ]
    run(store, *entries)
    first = state(store)
    run(store, *entries)
    assert state(store) == first


def test_restore_gives_back_the_automatic_rows(store):
    automatic = state(store)
    run(store, ops.reject_entry(store.entity("paris")), ops.add_entry("spoke", "EVENT"))
    restore_automatic(store)
    assert state(store) == automatic


def _random_entry(store: Store, draw) -> dict:
    entities = sorted(store.all_entities().values(), key=lambda e: e.id)
    kind = draw(st.sampled_from(["merge", "split", "rename", "retype", "reject", "add", "mark"]))
    a = draw(st.sampled_from(entities))
    b = draw(st.sampled_from(entities))
    if kind == "merge":
        return ops.merge_entry(a, [b])
    if kind == "split":
        return ops.split_entry(a, new=(a.name + " II", a.type), articles=[article_id("a2")])
    if kind == "rename":
        return ops.rename_entry(a, a.name.upper())
    if kind == "retype":
        return ops.retype_entry(a, "ORG")
    if kind == "reject":
        return ops.reject_entry(a)
    if kind == "add":
        return ops.add_entry(draw(st.sampled_from(["spoke", "visited", "Bob"])), "EVENT")
    return ops.mark_entry(article_id("a3"), 6, 13, "visited", ops.ref_of(b))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_operations_then_their_undos_give_back_the_automatic_result(store, data):
    restore_automatic(store)
    store.commit()
    automatic = state(store)
    entries: list[dict] = []
    for _ in range(data.draw(st.integers(1, 5))):
        entries.append(_random_entry(store, data.draw))
        run(store, *entries)
    undos = [{"op": "undo", "target": seq} for seq in range(len(entries), 0, -1)]
    run(store, *entries, *undos)
    assert state(store) == automatic


def test_the_article_digest_is_linkings_own(store):
    """An article whose entity fields a curation leaves as they were keeps its
    hash: its Whoosh document is not written again."""
    from reader.curation.workspace import entity_digest
    from reader.entities.fields import digest
    from reader.entities.pipeline import payloads_for

    names = {e.id: e.name for e in store.all_entities().values()}
    ids = [article_id("a1"), article_id("a2"), article_id("a5")]
    linking = payloads_for(store, ids)  # linking's own way to the fields
    for aid in ids:
        assert linking[aid]
        mentions = store.mentions_of_article(aid)
        assert entity_digest(mentions, names) == digest(linking[aid])


def test_a_rename_rewrites_only_the_articles_of_that_entity(store):
    report = run(store, ops.rename_entry(store.entity("dave"), "David"))
    assert report.rewritten == {article_id("a5")}
    report = run(store, ops.merge_entry(store.entity("alice"), [store.entity("dave")]))
    assert report.rewritten == {article_id("a5")}  # Alice's own articles: fields unchanged
