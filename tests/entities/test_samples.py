"""The real model on the two sample articles: the cases from the issue, end to end."""

import pytest

from reader.entities.extract import extract_mentions
from reader.entities.linkstate import link_collection


@pytest.fixture(scope="module")
def linked(nlp, sample_texts):
    raw = list(extract_mentions(nlp, sample_texts.values()))
    docs = {d: (t, r) for (d, t), r in zip(sample_texts.items(), raw)}
    mentions, entities = link_collection(docs)
    return mentions, entities


def entity_ids(mentions, doc_prefix, *texts):
    return {m.entity for m in mentions if m.doc.startswith(doc_prefix) and m.text in texts}


def test_articles_share_their_main_entities(linked):
    mentions, entities = linked
    for names in (
        ("Vladimir Putin", "Putin"),
        ("Russia",),
        ("Ukraine",),
        ("Kremlin",),
        ("Luhansk",),
    ):
        first, second = entity_ids(mentions, "000", *names), entity_ids(mentions, "004", *names)
        assert len(first) == 1 and first == second, names
    putin = entities[next(iter(entity_ids(mentions, "004", "Putin")))]
    assert (putin.name, putin.type, putin.article_count) == ("Vladimir Putin", "PERSON", 2)


def test_variant_spellings_and_aliases_join(linked):
    mentions, entities = linked
    zap = entity_ids(mentions, "", "Zaporizhzhia", "Zaphorizhzhia")
    assert len(zap) == 1
    kyiv = entity_ids(mentions, "", "Kyiv", "Kiev")
    assert len(kyiv) == 1 and entities[kyiv.pop()].name == "Kyiv"


def test_places_the_model_calls_people_are_voted_places(linked):
    mentions, _ = linked
    assert {m.label for m in mentions if m.text in ("Kherson", "Luhansk", "Zaporizhzhia")} == {
        "GPE"
    }


def test_region_is_not_the_peoples_republic(linked):
    mentions, _ = linked
    assert entity_ids(mentions, "", "Luhansk") != entity_ids(
        mentions, "", "Luhansk People's Republic"
    )
    assert len(entity_ids(mentions, "", "Luhansk People's Republic")) == 1


def test_titles_are_not_part_of_person_spans(linked):
    mentions, _ = linked
    people = {m.text for m in mentions if m.label == "PERSON"}
    assert "Antony Blinken" in people and "Dmitry Peskov" in people
    assert not any(p.split()[0] in ("President", "Secretary", "spokesman") for p in people)
