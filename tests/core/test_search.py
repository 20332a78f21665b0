"""Every query kind, offsets that point at the matched words, errors and suggestions."""

from __future__ import annotations

import sqlite3

import pytest

from reader.errors import QueryError
from reader.indexer import update_index
from reader.library import Library

DOCS = {
    "a.md": "---\ntitle: Storm Hits Florida\ndate: 2022-03-05\nsource: Gulf Wire\n---\n"
    "A powerful storm hit the coast of Florida. Storms like this are rare.\n\n"
    "Officials in Tampa ordered evacuations before the storm arrived.",
    "b.md": "---\ntitle: Election in Ohio\ndate: 2021-11-02\nsource: Daily Ledger\n---\n"
    "Voters in Ohio chose a new governor. The election was calm.\n\n"
    "Turnout in Columbus was high, officials said.",
    "c.md": "---\ntitle: Storm Season Ends\ndate: 2022-12-01\nsource: Gulf Wire\n---\n"
    "The storm season ended quietly. Forecasters in Miami were relieved.",
}


@pytest.fixture
def library(collection):
    settings = collection(DOCS)
    update_index(settings)
    lib = Library(settings)
    yield lib
    lib.close()


def hit_ids(results):
    return [h.id for h in results.hits]


def matched_words(library, hit):
    text = library.article(hit.id).text
    return [text[s:e] for s, e in hit.matches]


def test_term_query_ranks_and_stems(library):
    results = library.search("storm")
    assert set(hit_ids(results)) == {"a", "c"}
    assert hit_ids(results)[0] == "a"  # more mentions, and in the title
    assert "Storms" in matched_words(library, results.hits[0])  # stemming


def test_every_match_offset_points_at_a_matched_word(library):
    for query in (
        "storm",
        "tampa OR miami",
        '"coast of florida"',
        "evacu*",
        "goverenor~",
        "storm AND tampa",
    ):
        for hit in library.search(query).hits:
            assert hit.matches, query
            for word in matched_words(library, hit):
                assert word.lower().startswith(
                    ("storm", "tampa", "miami", "coast", "evacu", "governor")
                ), (query, word)


def test_boolean_operators(library):
    assert hit_ids(library.search("storm AND tampa")) == ["a"]
    assert set(hit_ids(library.search("tampa OR columbus"))) == {"a", "b"}
    assert hit_ids(library.search("storm NOT tampa")) == ["c"]
    assert hit_ids(library.search("storm -tampa")) == ["c"]


def test_phrase_matches_the_whole_phrase_only(library):
    results = library.search('"coast of florida"')
    assert hit_ids(results) == ["a"]
    assert matched_words(library, results.hits[0]) == ["coast of Florida"]
    assert library.search('"florida coast"').total == 0


def test_fuzzy_and_prefix(library):
    assert hit_ids(library.search("goverenor~")) == ["b"]
    assert hit_ids(library.search("evacu*")) == ["a"]
    assert matched_words(library, library.search("evacu*").hits[0]) == ["evacuations"]


def test_field_queries(library):
    assert hit_ids(library.search("title:election")) == ["b"]
    assert set(hit_ids(library.search("source:gulf"))) == {"a", "c"}
    assert set(hit_ids(library.search('source:"daily ledger"'))) == {"b"}


def test_date_ranges(library):
    assert set(hit_ids(library.search("date:2022"))) == {"a", "c"}
    assert hit_ids(library.search("date:[2021-01-01 to 2021-12-31]")) == ["b"]
    assert set(hit_ids(library.search("storm AND date:>2022-06-01"))) == {"c"}


def test_paging(library):
    first = library.search("storm OR ohio", page=1, pagelen=2)
    second = library.search("storm OR ohio", page=2, pagelen=2)
    assert first.total == second.total == 3 and first.pages == 2
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert not set(hit_ids(first)) & set(hit_ids(second))
    assert second.hits[0].rank == 3


def test_snippets_highlight_the_matches(library):
    hit = library.search("tampa").hits[0]
    snippet = hit.snippets[0]
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["Tampa"]
    text = library.article(hit.id).text
    s, e = snippet.highlights[0]
    assert text[snippet.start + s : snippet.start + e] == "Tampa"


def test_did_you_mean_when_nothing_matches(library):
    results = library.search("evacuatons")
    assert results.total == 0
    assert results.suggestion == "evacuations"
    assert library.search("storm").suggestion is None


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("nosuchfield:x", "unknown field"),
        ("date:notadate", "cannot read"),
    ],
)
def test_unreadable_queries_give_a_clear_message(library, query, message):
    with pytest.raises(QueryError, match=message):
        library.search(query)


@pytest.mark.parametrize(
    "query", ['"unbalanced', "(open", "AND", "OR OR", "*", "~", "a~~", "title:", ")(", "storm*~"]
)
def test_odd_queries_give_results_or_a_message(library, query):
    try:
        library.search(query)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_library_closes_as_a_context_manager(collection):
    settings = collection(DOCS)
    update_index(settings)
    with Library(settings) as lib:
        assert lib.search("storm").total == 2
    with pytest.raises(sqlite3.ProgrammingError):  # its connections are closed
        lib.store.article_count()


def test_match_spans_for_n_and_N(library):
    spans = library.match_spans("storm", "a")
    text = library.article("a").text
    assert [text[s:e].lower() for s, e in spans] == ["storm", "storms", "storm"]


def test_prefix_expands_real_words_not_stems(library):
    # "evacuations" is indexed as the stem "evacu": a prefix longer than the stem
    # must still find it.
    assert hit_ids(library.search("evacuati*")) == ["a"]
    assert hit_ids(library.search("Forecast*")) == ["c"]
    assert hit_ids(library.search("ev?cuations")) == ["a"]


def test_accents_fold_both_ways(collection):
    settings = collection({"x.txt": "Le café de Zürich est fermé."})
    update_index(settings)
    with Library(settings) as lib:
        assert lib.search("cafe").total == 1
        assert lib.search("zürich").total == 1
        assert lib.search("zur*").total == 1


def test_phrase_after_its_only_article_was_deleted_from_a_segment(collection):
    """Deleted documents stay listed in their segment until a merge; a phrase
    whose word only they held must not break the query."""
    from whoosh.writing import NO_MERGE

    from reader.fulltext import search as search_mod
    from reader.paths import IndexPaths

    docs = {f"d{i}.txt": f"Title {i}\n\nThe quick brown fox {i} ran." for i in range(5)}
    docs["odd.txt"] = "Odd\n\nA zebra crossing and a quick zebra."
    settings = collection(docs)
    update_index(settings)
    ix = search_mod.open_index(IndexPaths(settings.index_dir).whoosh)
    writer = ix.writer()
    writer.delete_by_term("id", "odd")
    writer.commit(merge=False, mergetype=NO_MERGE)
    with Library(settings) as lib:
        assert lib.search('"quick zebra"').total == 0
        assert lib.search('"zebra crossing"').total == 0
        assert lib.search('"quick brown"').total == 5


def test_totals_do_not_depend_on_the_page_size(tmp_path):
    """The title boost is an optional clause; Whoosh's matcher replacement used to
    drop its documents once the top N filled up, so totals shrank with the page."""
    from reader.config import Settings
    from tests.generated import generate

    generate(tmp_path / "a", 150, seed=3)
    settings = Settings.resolve(tmp_path / "a", tmp_path / "i", entities=False)
    update_index(settings)
    with Library(settings) as lib:
        for query in ("minister", "minister AND said", '"said on"', "minis*"):
            totals = {lib.search(query, pagelen=n).total for n in (1, 3, 10, 150)}
            assert len(totals) == 1, (query, totals)
        top = [h.id for h in lib.search("minister", pagelen=3).hits]
        assert top == [h.id for h in lib.search("minister", pagelen=30).hits[:3]]


@pytest.mark.parametrize("arrays", [True, False])
def test_excluded_word_excludes_the_first_candidate_too(library, arrays):
    # "officials" is in a and b; "columbus" only in b. Whoosh's AndNot let the
    # first candidate through when the excluded word's postings started earlier.
    library.searcher.array_scoring = arrays
    assert library.search("columbus -officials").total == 0
    assert hit_ids(library.search("columbus officials")) == ["b"]
    assert hit_ids(library.search("storm -tampa")) == ["c"]
