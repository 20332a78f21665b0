"""Shared helpers for the entity tests: hand-made mentions and the sample articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.entities.extract import RawMention

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "articles"


def mentions_in(text: str, *names_and_labels: tuple[str, str]) -> list[RawMention]:
    """RawMentions for every whole-word occurrence of each (name, label) in text."""
    out = []
    for name, label in names_and_labels:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            out.append(RawMention(m.start(), m.end(), name, label))
    # drop occurrences inside a longer listed name ("Putin" in "Vladimir Putin")
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[RawMention] = []
    for mention in out:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def stand_in_extractor(names_and_labels, clean: bool = False):
    """A stand-in for pipeline._extract: the model "finds" every whole-word
    occurrence of the listed names (through the span clean-up when `clean`)."""

    def extract(ctx, name, cache, missing, hashes, raw):
        from reader.entities.extract import clean_entities

        for aid, text in ctx.store.texts(missing):
            mentions = mentions_in(text, *names_and_labels)
            if clean:
                mentions = clean_entities(text, [(m.start, m.end, m.label) for m in mentions])
            cache.put(hashes[aid], mentions)
            raw[hashes[aid]] = mentions
            ctx.report.ner_articles += 1
        cache.commit()

    return extract


@pytest.fixture(name="mentions_in")
def mentions_in_fixture():
    return mentions_in


@pytest.fixture(scope="session")
def sample_texts() -> dict[str, str]:
    return {p.stem: p.read_text() for p in sorted(ARTICLES.glob("*.txt"))}


@pytest.fixture(scope="session")
def nlp():
    from reader.entities.model import DEFAULT_MODEL, ModelNotFound, load_model

    try:
        return load_model(DEFAULT_MODEL)
    except ModelNotFound as e:  # pragma: no cover - depends on the environment
        pytest.skip(str(e))
