"""Incremental linking: after any adds, edits and removals, the saved state gives
exactly what linking the whole collection afresh gives (mentions, entity ids,
names, counts, and the totals kept for the next update)."""

from __future__ import annotations

import marshal
import random
from collections.abc import Mapping

import pytest

from reader.entities.docstate import StateMismatch, decode_doc, encode_doc
from reader.entities.extract import RawMention
from reader.entities.linkstate import LinkState, builtin_aliases, link_collection
from tests.entities.conftest import mentions_in
from tests.entities.test_linking_pinned import synthetic_docs

Docs = dict[str, tuple[str, list[RawMention]]]


class SavedIndex:
    """What the index keeps between updates: the totals, each article's state (its
    model mentions come back from elsewhere, as from the NER cache) and the
    linked mentions last written. Every update goes through dump/load and
    encode/decode, as in `reader index`."""

    def __init__(self) -> None:
        self.totals = LinkState(builtin_aliases()).dump()
        self.rows: dict[str, bytes] = {}  # the per-key rows (LinkState.dump_rows)
        self.blobs: dict[str, bytes] = {}
        self.docs: Docs = {}  # the collection as last linked
        self.linked: dict[str, list] = {}
        self.entities: dict = {}
        self.last_relinked = 0

    def update(self, now: Docs) -> None:
        changed = {d: v for d, v in now.items() if self.docs.get(d) != v}
        removed = set(self.docs) - set(now)
        state = LinkState.load(self.totals, builtin_aliases(), self.rows.get)
        result = state.update(changed, removed, _Source(self, state, now))
        for doc, st in result.states.items():
            self.blobs[doc] = encode_doc(st)
        for doc in result.removed:
            del self.blobs[doc]
            self.linked.pop(doc, None)
        self.linked.update(result.linked)
        for eid in result.gone_entities:
            del self.entities[eid]
        self.entities.update(result.entities)
        self.totals = state.dump()
        for name, blob in state.dump_rows().items():
            if blob is None:
                del self.rows[name]
            else:
                self.rows[name] = blob
        self.docs = dict(now)
        self.last_relinked = len(result.linked)


class _Source:
    def __init__(self, saved: SavedIndex, state: LinkState, now: Docs) -> None:
        self.saved, self.key_of, self.now = saved, state.key_of, now

    def states(self, ids):
        return {d: decode_doc(self.saved.blobs[d], self.saved.docs[d][1], self.key_of) for d in ids}

    def texts(self, ids):
        return {d: self.now[d][0] for d in ids}

    def containing(self, forms, ids):
        return {d for d in ids if any(f in self.now[d][0] for f in forms)}


def _rows(linked) -> list[tuple]:
    return [(m.doc, m.start, m.end, m.text, m.label, m.entity) for m in linked]


def _entities(entities) -> dict:
    return {
        eid: (e.name, e.type, tuple(e.aliases), e.mention_count, e.article_count)
        for eid, e in entities.items()
    }


def _totals(totals: bytes, rows: Mapping[str, bytes | None]) -> dict:
    """What a state saves (its totals and per-key rows), with the sets (saved as
    lists) in order."""
    values = marshal.loads(totals)
    for name in LinkState._SET_VALUES:
        values[name] = {k: sorted(v) for k, v in values[name].items()}
    for name in LinkState._PER_KEY:
        values[name] = {}
    for row, blob in rows.items():
        name, _, key = row.partition("\x1f")
        assert name in LinkState._PER_KEY and blob is not None
        values[name][key] = marshal.loads(blob)
    return values


def assert_same_as_full_link(saved: SavedIndex) -> None:
    docs = dict(sorted(saved.docs.items()))
    linked, entities = link_collection(docs)
    assert _rows(m for d in docs for m in saved.linked[d]) == _rows(linked)
    assert _entities(saved.entities) == _entities(entities)
    fresh = LinkState(builtin_aliases())
    fresh.update(docs, (), _Source(saved, fresh, docs))
    assert _totals(saved.totals, saved.rows) == _totals(fresh.dump(), fresh.dump_rows())


def _doc(*parts: tuple[str, str] | str) -> tuple[str, list[RawMention]]:
    """Text from parts; (name, label) parts are the model's mentions ("" = missed)."""
    text, mentions = "", []
    for part in parts:
        if isinstance(part, tuple):
            name, label = part
            if label:
                mentions.append(RawMention(len(text), len(text) + len(name), name, label))
            part = name
        text += part
    return text, mentions


def test_removing_the_only_full_name_relinks_the_surname_elsewhere():
    saved = SavedIndex()
    docs = {
        "a": _doc(
            ("Jane Smith", "PERSON"),
            " spoke in ",
            ("Kyiv", "GPE"),
            ". ",
            ("Smith", "PERSON"),
            " left.",
        ),
        "b": _doc("Later ", ("Smith", "PERSON"), " said no in ", ("Kyiv", "GPE"), "."),
        "c": _doc(
            ("Boris Petrov", "PERSON"), " met ", ("Petrov", "PERSON"), " in ", ("Odesa", "GPE"), "."
        ),
    }
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert [m.entity for m in saved.linked["b"] if m.text == "Smith"] == ["person:jane-smith"]

    del docs["a"]
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert [m.entity for m in saved.linked["b"] if m.text == "Smith"] == ["person:smith"]
    assert saved.last_relinked == 1  # b only: c is untouched by the change

    docs["a"] = _doc(("Jane Smith", "PERSON"), " spoke. ", ("Smith", "PERSON"), " left.")
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert [m.entity for m in saved.linked["b"] if m.text == "Smith"] == ["person:jane-smith"]


def test_a_second_full_name_with_the_surname_makes_it_ambiguous():
    saved = SavedIndex()
    docs = {
        "a": _doc(("Jane Smith", "PERSON"), " spoke. ", ("Smith", "PERSON"), " left."),
        "b": _doc(("Smith", "PERSON"), " said no."),
    }
    saved.update(docs)
    docs["c"] = _doc(("John Smith", "PERSON"), " arrived. ", ("Smith", "PERSON"), " sat.")
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert [m.entity for m in saved.linked["b"]] == ["person:smith"]


def test_a_name_found_twice_is_tagged_wherever_it_was_missed():
    saved = SavedIndex()
    docs = {
        "a": _doc("Reporting by ", ("Wikinews", "ORG"), " for the site."),
        "c": _doc("Asked by ", ("Wikinews", ""), ", she declined."),
    }
    saved.update(docs)
    assert [m.text for m in saved.linked["c"]] == []  # found once: maybe a slip
    docs["b"] = _doc("Photo: ", ("Wikinews", "ORG"), ".")
    saved.update(docs)  # now found twice: propagated to c
    assert_same_as_full_link(saved)
    assert [(m.text, m.entity) for m in saved.linked["c"]] == [("Wikinews", "org:wikinews")]
    docs["b"] = _doc("Photo: ", ("Reuters", "ORG"), ".")
    saved.update(docs)  # and back
    assert_same_as_full_link(saved)
    assert saved.linked["c"] == []


def test_a_copy_votes_for_its_type_only_before_the_models_first_mention_of_the_name():
    def votes(docs: Docs) -> dict:
        saved = SavedIndex()
        saved.update(docs)
        assert_same_as_full_link(saved)
        return LinkState.load(saved.totals, builtin_aliases(), saved.rows.get).key_labels[
            "wikinews"
        ]

    found = {
        "b": _doc(("Wikinews", "ORG"), " and ", ("Wikinews", "ORG"), "."),
        "c": _doc(("Wikinews", "ORG"), "."),
    }
    # In "a" the model missed it: the copy comes first, and votes.
    assert votes({"a": _doc("By ", ("Wikinews", ""), "."), **found}) == {"ORG": 4}
    # In "a" the model found it once too: no vote for the copy (3 are the model's).
    assert votes(
        {"a": _doc(("Wikinews", "ORG"), " by ", ("Wikinews", ""), "."), "b": found["b"]}
    ) == {"ORG": 3}


def test_teams_in_match_reports_follow_the_places_votes():
    report = (
        "England beat Tunisia 2 – 1 in the World Cup match; the striker scored twice. England won."
    )
    saved = SavedIndex()
    docs = {
        "m": (report, mentions_in(report, ("England", "ORG"), ("Tunisia", "ORG"))),
        "p": _doc(("England", "ORG"), " and the ", ("Premier League", "ORG"), "."),
    }
    saved.update(docs)
    assert_same_as_full_link(saved)
    docs["q"] = _doc("Rain in ", ("England", "GPE"), " and ", ("Tunisia", "GPE"), ".")
    saved.update(docs)  # England is now a place too: the report's England is a team
    assert_same_as_full_link(saved)
    assert {m.entity for m in saved.linked["m"] if m.text == "England"} == {"org:england-team"}
    del docs["q"]
    saved.update(docs)
    assert_same_as_full_link(saved)


def test_spelling_variants_join_and_part_as_articles_come_and_go():
    def said(name: str, times: int) -> tuple[str, list[RawMention]]:
        return _doc(*[part for _ in range(times) for part in ((name, "PERSON"), " said. ")])

    def entity_of(doc: str) -> str:
        return saved.linked[doc][0].entity

    saved = SavedIndex()
    docs = {
        "a": said("Kovalenkovich", 20),
        "c": said("Kovalenkowych", 2),
        "z": _doc(("Zaporizhzhia", "GPE"), " and ", ("Odesa", "GPE"), "."),
    }
    saved.update(docs)  # a and c are too far apart to be one name
    assert_same_as_full_link(saved)
    assert entity_of("a") != entity_of("c")
    docs["b"] = said("Kovalenkovych", 1)
    saved.update(docs)  # close to both: one person
    assert_same_as_full_link(saved)
    assert entity_of("a") == entity_of("b") == entity_of("c")
    docs["b"], docs["c"] = said("Kovalenkovych", 3), said("Kovalenkowych", 6)
    saved.update(docs)  # b and c, both frequent, are two names; b is still a's misspelling
    assert_same_as_full_link(saved)
    assert entity_of("a") == entity_of("b") != entity_of("c")
    docs["b"], docs["c"] = said("Kovalenkovych", 1), said("Kovalenkowych", 1)
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert entity_of("a") == entity_of("b") == entity_of("c")
    del docs["b"]
    saved.update(docs)  # the link between a and c goes with b
    assert_same_as_full_link(saved)
    assert entity_of("a") != entity_of("c")


def test_an_id_two_entities_ask_for_goes_to_the_first_by_key():
    saved = SavedIndex()
    docs = {"x": _doc(("AT+T", "ORG"), " rose."), "o": _doc(("Odesa", "GPE"), ".")}
    saved.update(docs)
    assert [m.entity for m in saved.linked["x"]] == ["org:at-t"]
    docs["y"] = _doc(("AT&T", "ORG"), " fell.")
    saved.update(docs)  # "at&t" sorts first: x, unchanged, gets another id
    assert_same_as_full_link(saved)
    assert [m.entity for m in saved.linked["y"]] == ["org:at-t"]
    assert saved.linked["x"][0].entity.startswith("org:at-t-")
    assert saved.last_relinked == 2
    del docs["y"]
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert [m.entity for m in saved.linked["x"]] == ["org:at-t"]


def test_nothing_else_is_relinked_when_an_edit_changes_nothing_shared():
    docs = synthetic_docs(60, seed=5)
    saved = SavedIndex()
    saved.update(docs)
    text, mentions = docs["s010"]
    docs["s010"] = (text + " The end.", mentions)
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert saved.last_relinked == 1


def _edit(
    rng: random.Random, text: str, mentions: list[RawMention]
) -> tuple[str, list[RawMention]]:
    """Drop or retype a few mentions, or cut the article short."""
    kept = []
    for m in mentions:
        r = rng.random()
        if r < 0.15:
            continue
        if r < 0.25:
            m = RawMention(m.start, m.end, m.text, rng.choice(["PERSON", "ORG", "GPE", "NORP"]))
        kept.append(m)
    if rng.random() < 0.3 and kept:
        cut = kept[len(kept) // 2].start
        text, kept = text[:cut], [m for m in kept if m.end <= cut]
    return text, kept


@pytest.mark.parametrize("seed", range(6))
def test_random_updates_give_what_a_full_link_gives(seed):
    rng = random.Random(seed)
    pool = synthetic_docs(90, seed=100 + seed)
    report = (
        "England beat Tunisia 2 – 1 in the World Cup match; the striker scored twice. England won."
    )
    pool["t1"] = (report, mentions_in(report, ("England", "ORG"), ("Tunisia", "ORG")))
    pool["t2"] = _doc(("England", "GPE"), " and ", ("Tunisia", "GPE"), " signed a deal.")
    # spelling variants, and two names asking for one id
    for i, (name, n) in enumerate(
        [
            ("Kovalenkovich", 9),
            ("Kovalenkovych", 1),
            ("Kovalenkowych", 2),
            ("AT+T", 1),
            ("AT&T", 2),
            ("Zaphorizhzhia", 1),
        ]
    ):
        label = rng.choice(["PERSON", "ORG"])
        pool[f"v{i}"] = _doc(*[part for _ in range(n) for part in ((name, label), ". ")])
    # a word that is a currency in some articles and a surname in others
    pool["w1"] = _doc(("Yen", "ORG"), " fell. Dealers sold yen, and the yen fell to 146 yen.")
    pool["w2"] = _doc("The dollar rose. ", ("Yen", "ORG"), " trading was thin.")
    pool["w3"] = _doc(
        ("Mei Yen", "PERSON"),
        " spoke. Later ",
        ("Yen", "PERSON"),
        " left. Then ",
        ("Yen", "PERSON"),
        " and ",
        ("Yen", "PERSON"),
        " sat.",
    )
    pool["w4"] = _doc(
        "Asked about it, ", ("Yen", "PERSON"), " declined, and ", ("Yen", "PERSON"), " left."
    )
    # companies: legal forms, short names, a namesake
    pool["c1"] = _doc(
        ("Yarhaven Industries AG", "ORG"), " fell. ", ("Yarhaven", "PERSON"), " said so."
    )
    pool["c2"] = _doc("Analysts expect ", ("Yarhaven", "PERSON"), " to recover.")
    pool["c3"] = _doc(("Apple Inc.", "ORG"), " rose. ", ("Apple", "ORG"), " said so.")
    pool["c4"] = _doc(("Apple Records", "ORG"), " and ", ("Apple", "ORG"), " agreed.")
    pool["c5"] = _doc("Later, ", ("Apple", "ORG"), " and ", ("Yarhaven", "ORG"), " met.")
    names = sorted(pool)
    docs = {d: pool[d] for d in rng.sample(names, 40)}
    saved = SavedIndex()
    saved.update(docs)
    assert_same_as_full_link(saved)
    for _ in range(12):
        for _ in range(rng.choice([1, 1, 1, 2, 5])):
            op = rng.random()
            if op < 0.35:
                new = rng.choice([d for d in names if d not in docs] or names)
                docs[new] = pool[new]
            elif op < 0.7 and docs:
                d = rng.choice(sorted(docs))
                docs[d] = _edit(rng, *docs[d])
            elif docs:
                del docs[rng.choice(sorted(docs))]
        saved.update(docs)
        assert_same_as_full_link(saved)


def test_a_word_becomes_common_and_a_name_again_as_articles_come_and_go():
    saved = SavedIndex()
    docs = {
        "p": _doc(
            ("Mei Yen", "PERSON"),
            " spoke. Later, ",
            ("Yen", "PERSON"),
            " said no to ",
            ("Yen", "PERSON"),
            ".",
        ),
        "q": _doc("Asked about it, ", ("Yen", "PERSON"), " declined."),
    }
    saved.update(docs)
    assert [m.entity for m in saved.linked["q"]] == ["person:mei-yen"]
    docs["m"] = _doc(
        ("Yen", "ORG"), " fell. Dealers sold yen; the yen fell to 146 yen from 145 yen."
    )
    saved.update(docs)  # mostly a currency now: a name only where its article says so
    assert_same_as_full_link(saved)
    assert saved.linked["q"] == [] and saved.linked["m"] == []
    assert [m.entity for m in saved.linked["p"]] == ["person:mei-yen"] * 3
    del docs["m"]
    saved.update(docs)
    assert_same_as_full_link(saved)
    assert [m.entity for m in saved.linked["q"]] == ["person:mei-yen"]


def test_a_saved_state_that_does_not_fit_is_refused():
    docs = {"a": _doc(("Jane Smith", "PERSON"), " spoke. ", ("Smith", "PERSON"), " left.")}
    saved = SavedIndex()
    saved.update(docs)
    state = LinkState(builtin_aliases())
    with pytest.raises(StateMismatch):
        decode_doc(saved.blobs["a"], docs["a"][1][:1], state.key_of)
    with pytest.raises(StateMismatch):
        LinkState.load(marshal.dumps({"docs": []}), builtin_aliases(), lambda row: None)
