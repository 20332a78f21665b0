"""Entity-field queries (`person:putin`) highlight the entity's mentions and
choose their snippets around them (the real model, on the two samples)."""

from __future__ import annotations

import pytest

from reader.config import Settings
from reader.indexer import update_index
from reader.library import Library
from tests.conftest import copy_samples


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("entity-search")
    settings = Settings.resolve(copy_samples(root), root / "index", entities=True)
    update_index(settings, processes=1)
    lib = Library(settings)
    yield lib
    lib.close()


def _entity_spans(library, article_id, entity_id):
    return [(m.start, m.end) for m in library.mentions(article_id) if m.entity_id == entity_id]


@pytest.mark.parametrize("query", ["person:putin", 'entity:"vladimir putin"', "person:vladimir"])
def test_an_entity_query_highlights_every_mention_of_the_entity(library, query):
    putin = library.find_entity("Vladimir Putin")
    results = library.search_results(query)
    assert results.total == 2
    for hit in results.hits():
        assert list(hit.matches) == _entity_spans(library, hit.id, putin.id)
        text = library.text_of(hit.id)
        assert {text[s:e] for s, e in hit.matches} <= {"Putin", "Vladimir Putin"}


def test_entity_snippets_are_around_the_mentions(library):
    for hit in library.search_results("person:putin").hits():
        text = library.text_of(hit.id)
        assert hit.snippets
        for snip in hit.snippets:
            assert snip.highlights
            for s, e in snip.highlights:
                assert snip.text[s:e] in ("Putin", "Vladimir Putin")
                assert text[snip.start + s : snip.start + e] == snip.text[s:e]
            end = snip.start + len(snip.text)
            assert snip.start == 0 or text[snip.start - 1].isspace()
            assert end == len(text) or text[end].isspace()


def test_a_place_query_highlights_the_place_not_the_word_elsewhere(library):
    kherson = library.find_entity("Kherson")
    for hit in library.search_results("place:kherson").hits():
        assert list(hit.matches) == _entity_spans(library, hit.id, kherson.id)


def test_words_and_entities_highlight_together(library):
    putin = library.find_entity("Vladimir Putin")
    for hit in library.search_results("person:putin AND ceremony").hits():
        text = library.text_of(hit.id)
        words = {text[s:e].lower() for s, e in hit.matches}
        assert "ceremony" in words
        assert set(_entity_spans(library, hit.id, putin.id)) <= set(hit.matches)


def test_n_and_shift_n_find_the_mentions_too(library):
    putin = library.find_entity("Vladimir Putin")
    for aid in [h for h in library.search_results("person:putin").ids()]:
        assert library.match_spans("person:putin", aid) == _entity_spans(library, aid, putin.id)


def test_an_excluded_entity_is_not_highlighted(library):
    putin = library.find_entity("Vladimir Putin")
    for aid in library.search_results("person:putin").ids():
        spans = library.match_spans("ceremony -person:putin", aid)
        assert not set(_entity_spans(library, aid, putin.id)) & set(spans)
        assert library.match_spans("ceremony person:putin", aid)
