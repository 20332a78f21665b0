"""Entities through the real index and the real spaCy model, on the two samples."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.config import Settings
from reader.indexer import update_index
from reader.library import Library
from tests.conftest import SAMPLE_IDS, copy_samples


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = tmp_path_factory.mktemp("entities")
    settings = Settings.resolve(copy_samples(root), root / "index", entities=True)
    report = update_index(settings)
    assert report.ner_articles == 2
    return settings


@pytest.fixture
def library(indexed):
    lib = Library(indexed)
    yield lib
    lib.close()


def test_putin_is_one_entity_across_both_articles(library):
    putin = library.find_entity("Putin")
    assert putin.name == "Vladimir Putin" and putin.type == "PERSON"
    assert putin.article_count == 2
    assert {c.article_id for c in library.mentions_in_context(putin.id)} == set(SAMPLE_IDS)
    assert library.find_entity("Vladimir Putin").id == putin.id


def test_entity_fields_are_searchable(library):
    assert library.search("person:putin AND place:kherson").total == 2
    assert library.search('entity:"vladimir putin"').total == 2
    assert library.search("person:kherson").total == 0  # one type per entity


def test_mentions_carry_offsets_into_the_text(library):
    for aid in SAMPLE_IDS:
        text = library.article(aid).text
        for m in library.mentions(aid):
            assert text[m.start : m.end] == m.text


def test_articles_are_related_through_shared_entities(library):
    related = library.related_articles(SAMPLE_IDS[0])
    assert related and related[0].summary.id == SAMPLE_IDS[1]
    assert related[0].shared_entities >= 5
    putin = library.find_entity("Putin")
    names = [r.entity.name for r in library.co_occurring(putin.id)]
    assert "Ukraine" in names


def test_unchanged_articles_are_never_run_through_the_model_again(indexed):
    report = update_index(indexed, rebuild=True)
    assert report.rebuilt and report.ner_articles == 0 and report.mentions > 0


def test_export_mentions_format(indexed, capsys):
    args = ["--articles", str(indexed.articles_dir), "--index", str(indexed.index_dir)]
    assert main([*args, "export", "mentions"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines and all(
        set(r) == {"doc", "start", "end", "text", "label", "entity", "people", "nested"}
        for r in lines
    )
    assert {r["doc"] for r in lines} == set(SAMPLE_IDS)
    assert all(r["entity"] == "" for r in lines if r["label"] == "DATE")
    assert all(r["entity"] for r in lines if r["label"] != "DATE")


def test_cli_entities_and_entity_json(indexed, capsys):
    args = ["--articles", str(indexed.articles_dir), "--index", str(indexed.index_dir)]
    assert main([*args, "entities", "--type", "person", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert people and all(
        set(p) == {"id", "name", "type", "aliases", "mentions", "articles"} for p in people
    )
    assert all(p["type"] == "PERSON" for p in people)
    assert main([*args, "entity", "putin", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "Vladimir Putin"
    assert {"mention_contexts", "co_occurring", "articles"} <= set(data)
    assert len(data["mention_contexts"]) == data["mentions"]
    assert main([*args, "entity", "Putn"]) == 2
    assert "did you mean" in capsys.readouterr().err


def test_missing_model_gives_a_clear_message(indexed, capsys, tmp_path):
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "x.txt").write_text("Some text about Paris.")
    code = main(
        [
            "--articles",
            str(articles),
            "--index",
            str(tmp_path / "i"),
            "--model",
            "en_core_web_nonexistent",
            "index",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "en_core_web_nonexistent" in err and "install" in err


def test_alias_file_change_relinks(indexed, monkeypatch, tmp_path):
    from reader.entities.pipeline import alias_path
    from reader.indexer import index_status

    assert index_status(indexed) == "fresh"
    alias_path().parent.mkdir(parents=True, exist_ok=True)
    alias_path().write_text("Kremlin = Grand Kremlin Palace\n", encoding="utf-8")
    try:
        assert index_status(indexed) == "stale"
        report = update_index(indexed)
        assert report.ner_articles == 0
    finally:
        alias_path().unlink()
        update_index(indexed)
