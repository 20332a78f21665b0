"""Search results beyond the first page: every hit reachable, pages made on
demand, unreadable queries refused, date bounds that mean what they say,
snippets cut between words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from reader.cli import main
from reader.errors import QueryError, ResultsExpired
from reader.indexer import update_index
from reader.library import Library
from reader.results import make_snippets


def _articles(n: int) -> dict[str, str]:
    # "storm" a different number of times in each, so every article scores differently.
    return {
        f"a{i:03d}.txt": f"Report {i}\n\n"
        + "A storm came. " * (1 + i % 17)
        + f"Harbour number {i} was closed."
        for i in range(n)
    }


@pytest.fixture
def many(collection):
    settings = collection(_articles(130))
    update_index(settings, processes=1)
    lib = Library(settings)
    yield lib
    lib.close()


def test_every_hit_is_reachable_in_rank_order(many):
    results = many.search_results("storm")
    assert results.total == len(results) == 130
    everything = results.ids()
    assert len(everything) == len(set(everything)) == 130
    # The same order as page after page of the one-page API.
    paged = [h.id for p in range(1, 14) for h in many.search("storm", page=p, pagelen=10).hits]
    assert paged == everything
    # Any slice, in any order of asking.
    assert results.ids(120, 125) == everything[120:125]
    assert results.ids(5, 7) == everything[5:7]
    assert results.ids(128, 400) == everything[128:]
    assert results.ids(400, 410) == []


def test_hits_are_made_only_when_asked_for(many, monkeypatch):
    made = []
    searcher = many.searcher
    real = searcher.make_hit

    def recording(*a, **k):
        made.append(a[1])
        return real(*a, **k)

    monkeypatch.setattr(searcher, "make_hit", recording)
    results = many.search_results("storm")
    assert made == []  # ranking alone reads no article
    hits = results.hits(100, 103)
    assert [h.rank for h in hits] == [101, 102, 103]
    assert made == results.ids(100, 103)
    assert results.hits(100, 103) == hits and len(made) == 3  # kept, not made again
    for hit in hits:
        text = many.text_of(hit.id)
        assert hit.matches and all(text[s:e].lower() == "storm" for s, e in hit.matches)
        assert hit.snippets


def test_ranks_and_scores_follow_the_order(many):
    results = many.search_results("storm")
    ranked = results.ranked(0, 130)
    scores = [score for _, score in ranked]
    assert scores == sorted(scores, reverse=True)
    assert [h.rank for h in results.hits(60, 70)] == list(range(61, 71))


def test_queries_whoosh_scores_page_through_everything_too(many):
    # NOT and date ranges are scored by Whoosh's own matchers, not the arrays.
    assert many.search_results("storm NOT report").total == 0
    results = many.search_results("storm AND NOT (number AND 7)")
    assert results.total == 129
    assert len(set(results.ids())) == 129
    assert "a007" not in results.ids()


def test_a_refresh_expires_slices_not_fetched_yet(many):
    results = many.search_results("storm")
    first = results.ids(0, 10)
    many.refresh()
    assert results.ids(0, 10) == first  # what was fetched stays readable
    assert results.hits(0, 2)
    with pytest.raises(ResultsExpired):
        results.ids(50, 60)


def test_a_page_past_the_end_says_so(many):
    page = many.search("harbour", page=30, pagelen=10)
    assert page.total == 130 and page.pages == 13 and page.past_the_end
    assert not many.search("zzzz", page=3).past_the_end  # nothing matches at all


def test_cli_page_past_the_end(samples, capsys):
    argv = [
        "--articles",
        str(samples.articles_dir),
        "--index",
        str(samples.index_dir),
        "--no-entities",
    ]
    assert main([*argv, "index"]) == 0
    capsys.readouterr()
    assert main([*argv, "search", "putin", "--page", "3"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "page 3 is past the end" in err and "the last is page 1" in err
    assert "2 articles match" in err


# ---------------------------------------------------------------- unreadable queries


@pytest.mark.parametrize(
    "query, message",
    [
        ('"unbalanced (', "quote that is never closed (character 1)"),
        ("storm (flood", '"(" that is never closed (character 7)'),
        ("storm) flood", '")" without its "(" (character 6)'),
        ('"coast of', "quote that is never closed"),
        ("date:[2022 to", '"[" that is never closed'),
        ("(storm OR (flood)", '"(" that is never closed (character 1)'),
    ],
)
def test_unbalanced_queries_are_refused_with_one_line(many, query, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        many.search_results(query)


@pytest.mark.parametrize(
    "query",
    ['"storm (came"', "(storm OR harbour) AND closed", "date:[2022 to 2023]", "it's", "x[1]"],
)
def test_balanced_queries_still_read(many, query):
    many.search_results(query)


def test_cli_unreadable_query_is_a_usage_error(samples, capsys):
    argv = [
        "--articles",
        str(samples.articles_dir),
        "--index",
        str(samples.index_dir),
        "--no-entities",
    ]
    assert main([*argv, "index"]) == 0
    capsys.readouterr()
    assert main([*argv, "search", '"unbalanced (']) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("reader: error: the query has a quote that is never closed")


# ---------------------------------------------------------------- date bounds


@pytest.fixture
def dated(collection):
    days = ["2022-05-31", "2022-06-01", "2022-06-02", "2022-07-15", "2023-01-01"]
    settings = collection({f"{d}.md": f"---\ndate: {d}\n---\nNews of {d}." for d in days})
    update_index(settings, processes=1)
    lib = Library(settings)
    yield lib
    lib.close()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("date:>2022-06-01", ["2022-06-02", "2022-07-15", "2023-01-01"]),
        ("date:>=2022-06-01", ["2022-06-01", "2022-06-02", "2022-07-15", "2023-01-01"]),
        ("date:<2022-06-01", ["2022-05-31"]),
        ("date:<=2022-06-01", ["2022-05-31", "2022-06-01"]),
        ("date:>2022-06", ["2022-07-15", "2023-01-01"]),
        ("date:<2022-06", ["2022-05-31"]),
        ("date:>2022", ["2023-01-01"]),
        ("date:<=2022", ["2022-05-31", "2022-06-01", "2022-06-02", "2022-07-15"]),
        ("date:{2022-05-31 to 2022-06-02}", ["2022-06-01"]),
        ("date:[2022-05-31 to 2022-06-02]", ["2022-05-31", "2022-06-01", "2022-06-02"]),
    ],
)
def test_date_bounds_exclude_and_include_as_written(dated, query, expected):
    assert sorted(dated.search_results(query).ids()) == expected


# ---------------------------------------------------------------- snippets


def _between_words(text: str, lo: int, hi: int) -> bool:
    return (lo == 0 or text[lo - 1].isspace()) and (hi == len(text) or text[hi].isspace())


word = st.text(alphabet="abcdefghij-'\".,é", min_size=1, max_size=25)
gap = st.sampled_from([" ", "  ", "\n", "\n\n", " \n"])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    parts=st.lists(st.tuples(word, gap), min_size=1, max_size=120),
    picks=st.lists(st.integers(0, 10_000), max_size=8),
    count=st.integers(1, 3),
    width=st.integers(20, 200),
)
def test_snippets_start_and_end_between_words(parts, picks, count, width):
    text = "".join(w + g for w, g in parts)
    spans, pos = [], 0
    for w, g in parts:
        spans.append((pos, pos + len(w)))
        pos += len(w) + len(g)
    matches = sorted({spans[p % len(spans)] for p in picks})
    snippets = make_snippets(text, matches, count, width)
    assert snippets
    for snip in snippets:
        assert _between_words(text, snip.start, snip.start + len(snip.text)), snip
        assert "\n" not in snip.text
        for s, e in snip.highlights:  # highlights point at the matches
            assert (snip.start + s, snip.start + e) in matches or any(
                ms <= snip.start + s and snip.start + e <= me for ms, me in matches
            )
    if matches:  # the best window holds at least one match
        assert any(snip.highlights for snip in snippets)


def test_the_snippet_of_an_article_without_matches_ends_between_words():
    text = "The ceremony officially annexing occupied Ukrainian territories " * 5
    (snip,) = make_snippets(text, [], 1, width=100)
    assert snip.start == 0 and _between_words(text, 0, len(snip.text))


def test_a_squeezed_snippet_keeps_its_highlights_on_the_words():
    from reader.results import Snippet

    snip = Snippet(10, "OPEC  said   it would   not", ((0, 4), (13, 15), (16, 27)))
    text, highlights = snip.squeezed()
    assert text == "OPEC said it would not"
    assert [text[s:e] for s, e in highlights] == ["OPEC", "it", "would not"]
    assert Snippet(0, "one two", ((4, 7),)).squeezed() == ("one two", ((4, 7),))
