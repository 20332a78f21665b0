"""The benchmark's synthetic entity table (bench.synthetic): the generator's own
names and dates, put into the NER cache so a 100k index gets entities without
the model."""

from __future__ import annotations

import pytest

from bench import corpus as bc
from bench.synthetic import fill_ner_cache, mentions, name_table
from reader.config import Settings
from reader.indexer import update_index
from reader.library import Library


@pytest.fixture(scope="module")
def table():
    return name_table(bc.build_pools(0))


def test_names_are_found_as_whole_words_with_the_models_labels(table):
    pools = bc.build_pools(0)
    person = next(p for p in pools.persons if p.title)
    org = pools.orgs[0]
    region = next(name for name, kind in pools.places if kind == "region")
    text = (
        f"{person.title} {person.full} met officials of {org} in {region} on Tuesday. "
        f"{person.last}s said {person.last} would come back by March 3, 2021."
    )
    got = [(text[s:e], label) for s, e, _, label in mentions(text, table)]
    assert (person.full, "PERSON") in got  # the title is not part of the span
    assert (org, "ORG") in got
    assert (region, "LOC") in got
    assert ("Tuesday", "DATE") in got and ("March 3, 2021", "DATE") in got
    # "Lasts" is not the name; the bare surname after it is
    assert [t for t, label in got if t == person.last] == [person.last]


def test_mentions_are_in_text_order_and_never_overlap(table):
    for article in bc.iter_articles(40, seed=0):
        text = article.render()
        found = mentions(text, table)
        assert found, article.stem
        for (s, e, surface, _), nxt in zip(found, [*found[1:], None]):
            assert text[s:e] == surface
            if nxt is not None:
                assert e <= nxt[0], (article.stem, surface, nxt)


def test_a_name_wins_over_a_date(table):
    # A month that is also the first word of a name is the name.
    names = {**table, "May": [("May Okafor", "PERSON")]}
    got = mentions("May Okafor spoke in May 2021.", names)
    assert [(g[2], g[3]) for g in got] == [("May Okafor", "PERSON"), ("May 2021", "DATE")]


def test_the_index_is_built_from_the_cache_without_the_model(tmp_path):
    articles = tmp_path / "articles"
    bc.generate(articles, 30, seed=0)
    index = tmp_path / "index"
    n, m = fill_ner_cache(articles, index, seed=0, processes=1)
    assert n == 30 and m > 30 * 20  # the model's density: ~100 an article of 550 words
    assert fill_ner_cache(articles, index, seed=0, processes=1, expected=30) == (0, 0)
    assert fill_ner_cache(articles, index, seed=0, processes=1, expected=31)[0] == 30
    settings = Settings.resolve(articles, index, entities=True)
    report = update_index(settings)
    assert report.ner_articles == 0  # every article came from the cache
    rows: dict[str, str] = {}
    for article in bc.iter_articles(30, seed=0):
        for _, _, surface, label in mentions(article.render(), name_table(bc.build_pools(0))):
            rows.setdefault(label, surface)
    library = Library(settings)
    try:
        for label in ("PERSON", "ORG", "GPE"):
            entity = library.find_entity(rows[label])
            assert entity is not None and entity.type == label, (label, rows[label])
        stored = sum(e.mention_count for e in library.store.entities())
    finally:
        library.close()
    assert stored > 30 * 20


def test_the_bench_builds_a_generated_collections_index_from_them(tmp_path):
    """`--synthetic-entities`: the index the figures use (not the timed build) is
    built from the generator's names, and is another folder than the model's."""
    import argparse

    from bench import options, run

    ap = argparse.ArgumentParser()
    options.add_arguments(ap)
    args = ap.parse_args(["--size", "20", "--cache-dir", str(tmp_path), "--synthetic-entities"])
    lines: list[str] = []
    bench = run.Bench(args, log=lines.append)
    c = bench.generated(20)
    ix = bench.work(c) / "index-synthetic"
    bench.ensure_index(c, ix, entities=True)
    assert any("synthetic entities" in line and "20 articles" in line for line in lines)
    library = Library(Settings.resolve(c.articles, ix, entities=True))
    try:
        assert library.store.entity_count("PERSON") > 0
    finally:
        library.close()
    lines.clear()
    bench.ensure_index(c, ix, entities=True)  # fresh: neither filled nor built again
    assert lines == []
