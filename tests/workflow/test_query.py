"""The query fields that read the user's data combine with every other clause,
with either scorer, and say clearly what they cannot read."""

from __future__ import annotations

import pytest

from reader.errors import QueryError
from reader.indexer import update_index
from reader.library import Library
from reader.workflow.store import ARTICLE

ARTICLES = {
    "a.txt": "Pipeline talks\n\nGazprom and the pipeline across the Baltic.",
    "b.txt": "Sanctions widen\n\nNew sanctions on banks; the pipeline stalls.",
    "c.txt": "Harvest news\n\nWheat prices rose as the harvest ended.",
    "d.txt": "Bank results\n\nBanks reported profits despite sanctions.",
}


@pytest.fixture(params=["arrays", "whoosh"])
def library(request, collection):
    settings = collection(ARTICLES)
    update_index(settings, processes=1)
    lib = Library(settings)
    lib.searcher.array_scoring = request.param == "arrays"
    store = lib.userdata
    store.mark_read(["a", "b"])
    store.star(["b", "c"])
    store.tag(ARTICLE, ["a", "b"], "energy")
    store.tag(ARTICLE, ["d"], "banking")
    store.set_note(ARTICLE, "c", "Compare with the Cold War grain deals.")
    yield lib
    lib.close()


def found(library, query: str) -> set[str]:
    results = library.search_results(query)
    return set(results.ids(0, results.total))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("is:unread", {"c", "d"}),
        ("is:read", {"a", "b"}),
        ("is:starred", {"b", "c"}),
        ("is:unstarred", {"a", "d"}),
        ("tag:energy", {"a", "b"}),
        ("tag:ENERGY", {"a", "b"}),
        ("tag:en*", {"a", "b"}),
        ("tag:nothing", set()),
        ("note:grain", {"c"}),
        ('note:"cold war"', {"c"}),
        ("note:gra*", {"c"}),
        ('note:"war cold"', set()),
        ("sanctions AND is:unread", {"d"}),
        ("sanctions -is:read", {"d"}),
        ("pipeline is:starred", {"b"}),
        ("tag:energy OR tag:banking", {"a", "b", "d"}),
        ("is:unread OR pipeline", {"a", "b", "c", "d"}),
        ("NOT is:read", {"c", "d"}),
        ("(tag:energy AND is:starred) OR note:wheat", {"b"}),
        ("watched:yes", set()),
        ("watched:no", {"a", "b", "c", "d"}),
    ],
)
def test_user_fields_combine_with_everything(library, query, expected):
    assert found(library, query) == expected


def test_a_filter_keeps_the_words_ranking(library):
    results = library.search_results("sanctions")
    unread = library.search_results("sanctions is:unread")
    ranked = [i for i in results.ids(0, results.total) if i != "b"]
    assert unread.ids(0, unread.total) == ranked


def test_marks_made_after_a_search_show_in_the_next(library):
    assert found(library, "is:unread") == {"c", "d"}
    library.userdata.mark_read(["c"])
    assert found(library, "is:unread") == {"d"}


@pytest.mark.parametrize(
    "query, message",
    [
        ("is:nice", "is: takes one of unread, read, starred"),
        ("watched:maybe", "watched: takes yes or no"),
        ("tags:energy", "unknown field tags:"),
    ],
)
def test_bad_values_say_what_is_accepted(library, query, message):
    with pytest.raises(QueryError, match=message):
        library.search_results(query)


def test_highlighting_ignores_user_fields(library):
    spans = library.match_spans("pipeline is:read", "a")
    text = library.text_of("a")
    assert {text[s:e].lower() for s, e in spans} == {"pipeline"}
