"""Pins link_collection's whole output on fixed inputs.

Speed work on linking must not change results: these digests cover every linked
mention and entity of (a) the sample articles with frozen raw mentions (the
model's output stored in data/, so extraction changes do not move it) and (b) a
deterministic synthetic collection that exercises each linking rule: surnames
and first names, titles, acronyms, all-caps headlines, alias and misspelt
variants, names the model missed in some articles, names inside longer ones, dates, and
places the model calls people.

If a deliberate change to the linking rules moves a digest, check the
difference (`_describe` prints a readable form) and update the constant.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from reader.entities.extract import RawMention
from reader.entities.linkstate import link_collection

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = Path(__file__).resolve().parents[2] / "articles"

SAMPLES_DIGEST = "cb1294d96bc1"
SYNTHETIC_DIGEST = "2512628ea465"


def _digest(linked, entities) -> str:
    h = hashlib.sha1()
    for m in linked:
        h.update(repr((m.doc, m.start, m.end, m.text, m.label, m.entity)).encode())
    for eid in sorted(entities):
        e = entities[eid]
        h.update(repr((e.id, e.name, e.type, e.aliases, e.mention_count, e.article_count)).encode())
    return h.hexdigest()[:12]


def _describe(linked, entities) -> str:  # pragma: no cover - debugging aid
    lines = [f"{m.doc} {m.start}-{m.end} {m.text!r} {m.label} {m.entity}" for m in linked]
    lines += [repr(e) for _, e in sorted(entities.items())]
    return "\n".join(lines)


def sample_docs():
    stored = json.loads((DATA / "sample_mentions.json").read_text(encoding="utf-8"))
    return {
        name: ((ARTICLES / name).read_text(encoding="utf-8"), [RawMention(*m) for m in mentions])
        for name, mentions in stored.items()
    }


FIRST = ["Anna", "Boris", "Chen", "Dmitry", "Elena", "Farid", "Grace", "Hugo", "Isabel", "Joe"]
LAST = [
    "Kovalenko",
    "Martinez",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Biden",
    "Washington",
]
PLACES = [
    "Kherson",
    "Kyiv",
    "Kiev",
    "Zaporizhzhia",
    "Luhansk",
    "Washington",
    "Mariupol",
    "Austria",
    "Australia",
    "Odesa",
    "Odessa",
]
ORGS = [
    ("United Nations", "UN"),
    ("World Health Organization", "WHO"),
    ("Alpha Beta Corp", "ABC"),
    ("State Department", ""),
    ("Cralla Motors", ""),
    ("Kremlin", ""),
]
TITLES = ["President", "Secretary of State", "spokesman", "Mayor", "Dr.", ""]


def synthetic_docs(n_docs: int = 120, seed: int = 11):
    """Sentences built from templates, with the mentions a model might give."""
    rng = random.Random(seed)
    docs = {}
    for d in range(n_docs):
        parts: list[str] = []
        mentions: list[RawMention] = []
        pos = 0

        def say(*chunks):
            nonlocal pos
            for chunk in chunks:
                if isinstance(chunk, tuple):
                    name, label = chunk
                    if label:
                        mentions.append(RawMention(pos, pos + len(name), name, label))  # noqa: B023
                    chunk = name
                parts.append(chunk)  # noqa: B023
                pos += len(chunk)

        people = [(rng.choice(FIRST), rng.choice(LAST)) for _ in range(3)]
        place = "Zaphorizhzhia" if d == 7 else rng.choice(PLACES)  # a rare misspelling
        org, short = rng.choice(ORGS)
        if rng.random() < 0.3:
            say((f"{people[0][1].upper()} VISITS {place.upper()}", ""), "\n\n")
            mentions.append(
                RawMention(
                    0, len(people[0][1]), people[0][1].upper(), rng.choice(["PERSON", "ORG"])
                )
            )
        say(("March 3", "DATE"), " - ")
        for _i, (first, last) in enumerate(people):
            title = rng.choice(TITLES)
            if title:
                say(title, " ")
            say(
                (f"{first} {last}", rng.choice(["PERSON"] * 4 + ["ORG"])),
                " met officials in ",
                (place, rng.choice(["GPE"] * 3 + ["PERSON"])),
                ". ",
            )
            if rng.random() < 0.7:
                say("Later ", (last, rng.choice(["PERSON", "PERSON", "GPE", ""])), " said ")
            if rng.random() < 0.3:
                say((first, rng.choice(["PERSON", ""])), " agreed. ")
        say("The ", (org, "ORG"), " replied")
        if short:
            say(" and ", (short, rng.choice(["ORG", "ORG", "PERSON", ""])), " agreed")
        say(". ")
        if rng.random() < 0.4:
            say(
                "The ",
                (f"{people[1][0]} {people[1][1]} Foundation", "ORG"),
                " helped ",
                ("Ukrainians", "NORP"),
                ". ",
            )
        if rng.random() < 0.5:
            say("Reporting by ", ("Wikinews", "ORG" if d % 3 else ""), ".")
        docs[f"s{d:03d}"] = ("".join(parts), mentions)
    return docs


def test_samples_output_is_pinned():
    linked, entities = link_collection(sample_docs())
    assert _digest(linked, entities) == SAMPLES_DIGEST, _describe(linked, entities)[:3000]


def test_synthetic_output_is_pinned():
    linked, entities = link_collection(synthetic_docs())
    assert _digest(linked, entities) == SYNTHETIC_DIGEST, _describe(linked, entities)[:3000]


def test_synthetic_collection_exercises_the_rules():
    linked, entities = link_collection(synthetic_docs())
    by_text: dict[str, set[str]] = {}
    for m in linked:
        by_text.setdefault(m.text, set()).add(m.entity)
    assert "" in by_text["March 3"]  # dates kept, not linked
    assert (
        by_text["Kiev"] <= by_text["Kyiv"] | by_text["Kiev"] and entities["gpe:kyiv"].name == "Kyiv"
    )
    assert len(by_text["Zaphorizhzhia"] | by_text["Zaporizhzhia"]) == 1  # fuzzy variant
    assert by_text["UN"] == by_text["United Nations"]  # acronym
    wikinews = {m.doc for m in linked if m.text == "Wikinews"}
    assert (
        len(wikinews)
        > len(
            {d for d, (_, ms) in synthetic_docs().items() if any(x.text == "Wikinews" for x in ms)}
        )
        * 0.9
    )  # propagated
