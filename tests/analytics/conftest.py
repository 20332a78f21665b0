"""A small collection whose entities are set by hand (no model), so every count,
measure and ranking in these tests can be worked out on paper.

    a1 2024-01-01  Alice met Bob in Paris.            alice bob paris
    a2 2024-01-02  Alice and Bob spoke. Alice left.   alice(2) bob
    a3 2024-01-15  Carol visited Paris.               carol paris
    a4 2024-02-20  Alice visited Paris.               alice paris
    a5 (undated)   Dave and Carol spoke.              dave carol
    a6 (undated)   Bob walked alone.                  bob
"""

from __future__ import annotations

import json
import re

import pytest

from reader.config import Settings
from reader.indexer import update_index
from reader.library import Library
from reader.paths import IndexPaths
from reader.store import Store, StoredEntity, StoredMention

ARTICLES = [
    ("a1", "2024-01-01", "Alice met Bob in Paris."),
    ("a2", "2024-01-02", "Alice and Bob spoke. Alice left."),
    ("a3", "2024-01-15", "Carol visited Paris."),
    ("a4", "2024-02-20", "Alice visited Paris."),
    ("a5", None, "Dave and Carol spoke."),
    ("a6", None, "Bob walked alone."),
]
PEOPLE = {"Alice": "PERSON", "Bob": "PERSON", "Carol": "PERSON", "Dave": "PERSON",
          "Paris": "GPE"}


def entity_id(name: str) -> str:
    return name.lower()


def article_id(local: str) -> str:
    return f"news#{local}"


def make_hand_collection(root) -> Settings:
    articles = root / "articles"
    articles.mkdir(parents=True)
    lines = [json.dumps({"id": aid, "title": f"Story {aid}", "body": body,
                         **({"date": date} if date else {})}) for aid, date, body in ARTICLES]
    (articles / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings.resolve(articles, root / "index", entities=False)
    update_index(settings)
    store = Store(IndexPaths(settings.index_dir).store)
    counts: dict[str, list[int]] = {}
    for local, _, body in ARTICLES:
        aid = article_id(local)
        mentions = []
        for m in re.finditer(r"\b(" + "|".join(PEOPLE) + r")\b", body):
            eid = entity_id(m.group())
            mentions.append(StoredMention(aid, m.start(), m.end(), m.group(),
                                          PEOPLE[m.group()], eid))
            tally = counts.setdefault(eid, [0, 0])
            tally[0] += 1
        for eid in {m.entity_id for m in mentions}:
            counts[eid][1] += 1
        store.replace_mentions(aid, mentions, "h", "h")
    store.replace_entities(StoredEntity(entity_id(n), n, t, (n,), *counts[entity_id(n)])
                           for n, t in PEOPLE.items())
    store.commit()
    store.close()
    return settings


@pytest.fixture(scope="module")
def hand_settings(tmp_path_factory) -> Settings:
    return make_hand_collection(tmp_path_factory.mktemp("hand"))


@pytest.fixture
def hand(hand_settings):
    with Library(hand_settings) as library:
        yield library
