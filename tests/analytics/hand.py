"""Collections whose entities are set by hand (no model), so every count,
measure and ranking in the tests can be worked out on paper. The small one:

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

from reader.config import Settings
from reader.indexer import update_index
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
PEOPLE = {"Alice": "PERSON", "Bob": "PERSON", "Carol": "PERSON", "Dave": "PERSON", "Paris": "GPE"}


def entity_id(name: str) -> str:
    return name.lower()


def article_id(local: str) -> str:
    return f"news#{local}"


def build_collection(root, articles, names: dict[str, str]) -> Settings:
    """A text-only index of `articles` ((local id, date or None, body), in one
    JSON lines file: ids news#local), then the whole-word mentions of `names`
    (name -> type; entity id: the name lowercased) stored as if linked."""
    folder = root / "articles"
    folder.mkdir(parents=True)
    lines = [
        json.dumps(
            {"id": aid, "title": f"Story {aid}", "body": body, **({"date": date} if date else {})}
        )
        for aid, date, body in articles
    ]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings.resolve(folder, root / "index", entities=False)
    update_index(settings)
    store = Store(IndexPaths(settings.index_dir).store)
    counts: dict[str, list[int]] = {}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    for local, _, body in articles:
        aid = article_id(local)
        mentions = [
            StoredMention(
                aid, m.start(), m.end(), m.group(), names[m.group()], entity_id(m.group())
            )
            for m in pattern.finditer(body)
        ]
        for m in mentions:
            counts.setdefault(m.entity_id, [0, 0])[0] += 1
        for eid in {m.entity_id for m in mentions}:
            counts[eid][1] += 1
        store.replace_mentions(aid, mentions, "h", "h")
    store.replace_entities(
        StoredEntity(entity_id(n), n, t, (n,), *counts[entity_id(n)])
        for n, t in names.items()
        if entity_id(n) in counts
    )
    store.commit()
    store.close()
    return settings


def make_hand_collection(root) -> Settings:
    return build_collection(root, ARTICLES, PEOPLE)


def dated_articles() -> list[tuple[str, str | None, str]]:
    """A larger collection for the app: people in the news over half a year, two
    versions of one story, and undated articles."""
    story = (
        "The harbour authority said the storm closed the northern terminal for three "
        "days and that Alice Moreau, the port director, met Bob Varga of the dockers' "
        "union in Paris to agree how ships waiting offshore would be unloaded. Fishing "
        "boats stayed in the inner basin while crews repaired the breakwater, which lost "
        "about forty metres of stone in the worst of the waves on Sunday night."
    )
    out: list[tuple[str, str | None, str]] = [
        ("d00", "2024-01-08", story),
        (
            "d01",
            "2024-01-09",
            story.replace("three days", "four days")
            + " Repairs will cost about 2 million euros, Alice Moreau said.",
        ),
    ]
    people = ["Alice Moreau", "Bob Varga", "Carol Insel", "Dave Okoro"]
    places = ["Paris", "Lyon", "Geneva"]
    topics = [
        "cranes",
        "tariffs",
        "ferries",
        "wages",
        "dredging",
        "tourism",
        "fuel",
        "rents",
        "pilots",
        "customs",
        "rail",
        "storage",
        "fishing",
    ]
    verbs = ["backed", "opposed", "questioned", "delayed", "praised", "costed", "doubled"]
    for i in range(2, 40):
        month, day = 1 + i % 6, 1 + (i * 7) % 27
        a, b = people[i % 4], people[(i * 3 + 1) % 4]
        place, topic, verb = places[i % 3], topics[i % 13], verbs[i % 7]
        body = (
            f"{a} {verb} {topic} plans in {place} on day {day} of month {month}; "
            f"{b} said {topic} costs rose {i * 3} percent since {2000 + i}, and "
            f"{a} {verbs[(i + 3) % 7]} {topics[(i + 5) % 13]} talks {i} times."
        )
        out.append((f"d{i:02d}", f"2024-{month:02d}-{day:02d}" if i % 9 else None, body))
    return out


DATED_NAMES = {
    "Alice Moreau": "PERSON",
    "Bob Varga": "PERSON",
    "Carol Insel": "PERSON",
    "Dave Okoro": "PERSON",
    "Paris": "GPE",
    "Lyon": "GPE",
    "Geneva": "GPE",
}
