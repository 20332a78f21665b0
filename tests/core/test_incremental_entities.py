"""`reader index` after adds, edits and removals relinks only what a change
reaches, and leaves the index exactly as a full rebuild would: mentions, entity
ids, names and counts, each article's entity fields in Whoosh."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from reader.config import Settings
from reader.entities import pipeline
from reader.fulltext.search import NAME_FIELDS, open_index
from reader.indexer import update_index
from reader.paths import IndexPaths
from tests.conftest import write_files
from tests.entities.conftest import stand_in_extractor

# What the stand-in for the model finds (longest first; "" = the model misses it).
NAMES = [
    ("Jane Smith", "PERSON"),
    ("John Smith", "PERSON"),
    ("Boris Petrov", "PERSON"),
    ("United Nations", "ORG"),
    ("Wikinews", "ORG"),
    ("WikiNews", "ORG"),
    ("Smith", "PERSON"),
    ("Petrov", "PERSON"),
    ("Kyiv", "GPE"),
    ("Odesa", "GPE"),
    ("UN", "ORG"),
    ("Friday", "DATE"),
]

ARTICLES = {
    "a.txt": "Jane Smith spoke in Kyiv on Friday.\n\nSmith left for Odesa. Wikinews reported it.",
    "b.txt": "Later Smith said no in Kyiv.\n\nWikinews asked Boris Petrov.",
    "c.txt": "Boris Petrov met the United Nations in Odesa.\n\nThe UN agreed. Petrov smiled.",
    "d.txt": "Kyiv and Odesa on Friday.\n\nWikinews: Petrov spoke.",
}


@pytest.fixture
def index(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_extract", stand_in_extractor(NAMES))
    articles = write_files(tmp_path / "articles", ARTICLES)
    settings = Settings.resolve(articles, tmp_path / "index")
    report = update_index(settings)
    assert report.relinked == len(ARTICLES)
    return settings


def _write(settings: Settings, rel: str, text: str) -> None:
    path = settings.articles_dir / rel
    path.write_text(text, encoding="utf-8")
    later = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(later, later))


def _tables(index_dir: Path) -> dict:
    conn = sqlite3.connect(IndexPaths(index_dir).store)
    try:
        return {
            "mentions": conn.execute(
                "SELECT * FROM mentions ORDER BY article_id, start, end"
            ).fetchall(),
            "entities": conn.execute("SELECT * FROM entities ORDER BY id").fetchall(),
            "articles": conn.execute(
                "SELECT id, entity_hash, mention_hash, n_entities FROM articles ORDER BY id"
            ).fetchall(),
        }
    finally:
        conn.close()


def _whoosh_entity_terms(index_dir: Path) -> set[tuple]:
    """(article id, field, term) of every entity field term in the Whoosh index."""
    ix = open_index(IndexPaths(index_dir).whoosh)
    out = set()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        ids = {n: searcher.stored_fields(n)["id"] for n in reader.all_doc_ids()}
        for field in (*NAME_FIELDS, "entity_id"):
            for term in reader.lexicon(field):
                for n in reader.postings(field, term).all_ids():
                    if n in ids:
                        out.add((ids[n], field, term))
    return out


def assert_same_as_rebuild(settings: Settings, tmp_path: Path) -> None:
    copy = tmp_path / f"rebuilt-{time.time_ns()}"
    shutil.copytree(settings.index_dir, copy)
    rebuilt = Settings.resolve(settings.articles_dir, copy)
    report = update_index(rebuilt, rebuild=True)
    assert report.rebuilt and report.ner_articles == 0
    assert _tables(settings.index_dir) == _tables(copy)
    assert _whoosh_entity_terms(settings.index_dir) == _whoosh_entity_terms(copy)


def _entities_of(settings: Settings, article_id: str, text: str) -> list[str]:
    conn = sqlite3.connect(IndexPaths(settings.index_dir).store)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT entity_id FROM mentions WHERE article_id=? AND text=? ORDER BY start",
                (article_id, text),
            )
        ]
    finally:
        conn.close()


def test_removing_the_only_full_name_relinks_the_surname_in_another_article(index, tmp_path):
    assert _entities_of(index, "b", "Smith") == ["person:jane-smith"]
    (index.articles_dir / "a.txt").unlink()
    report = update_index(index)
    # Not a full link: b, and the articles holding a name now found in fewer articles.
    assert report.removed == 1 and report.relinked < len(ARTICLES) - 1 + 1
    assert _entities_of(index, "b", "Smith") == ["person:smith"]
    assert_same_as_rebuild(index, tmp_path)


def test_adding_an_article_with_another_smith_makes_the_surname_ambiguous(index, tmp_path):
    _write(index, "e.txt", "John Smith arrived in Kyiv.\n\nSmith sat down.")
    report = update_index(index)
    assert report.added == 1 and report.relinked < len(ARTICLES) + 1
    assert _entities_of(index, "b", "Smith") == ["person:smith"]
    assert_same_as_rebuild(index, tmp_path)
    # Three to one: John Smith's "Smith" dominates.
    _write(index, "e.txt", "John Smith arrived in Kyiv.\n\nSmith sat down. Smith and Smith left.")
    update_index(index)
    assert _entities_of(index, "b", "Smith") == ["person:john-smith"]
    assert_same_as_rebuild(index, tmp_path)


def test_editing_an_article_relinks_what_the_edit_reaches(index, tmp_path):
    _write(index, "c.txt", ARTICLES["c.txt"] + " It rained.")
    report = update_index(index)
    assert report.updated == 1 and report.relinked == 1
    assert_same_as_rebuild(index, tmp_path)
    # "Petrov" alone is now found once (in d): no longer looked for in the
    # articles that hold it (b, d), which are linked again; a is not.
    _write(index, "c.txt", "Boris Petrov met the United Nations in Odesa.\n\nThe UN agreed.")
    report = update_index(index)
    assert report.updated == 1 and 1 < report.relinked < len(ARTICLES)
    assert_same_as_rebuild(index, tmp_path)


def test_an_edit_that_renames_an_entity_rewrites_the_entity_fields_of_the_others(index, tmp_path):
    # "WikiNews" becomes the most frequent form: the entity keeps its id and takes
    # that name, so the articles that only say "Wikinews" get new entity fields
    # although their mentions stay.
    _write(index, "d.txt", ARTICLES["d.txt"] + " WikiNews, WikiNews, WikiNews and WikiNews.")
    report = update_index(index)
    assert report.relinked == 1 and report.rewritten == 3  # d, and a and b for the name
    conn = sqlite3.connect(IndexPaths(index.index_dir).store)
    assert conn.execute("SELECT name FROM entities WHERE id='org:wikinews'").fetchone() == (
        "WikiNews",
    )
    conn.close()
    assert_same_as_rebuild(index, tmp_path)


def test_several_changes_at_once(index, tmp_path):
    (index.articles_dir / "b.txt").unlink()
    _write(index, "a.txt", "Jane Smith spoke.\n\nSmith left. The UN agreed.")
    _write(index, "f.txt", "Smith and Petrov in Odesa on Friday.\n\nBoris Petrov said so.")
    report = update_index(index)
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert_same_as_rebuild(index, tmp_path)
    # and back
    _write(index, "b.txt", ARTICLES["b.txt"])
    (index.articles_dir / "f.txt").unlink()
    update_index(index)
    assert_same_as_rebuild(index, tmp_path)


def test_no_change_relinks_nothing(index):
    report = update_index(index)
    assert report.relinked == 0 and not report.changed


def test_a_damaged_saved_state_is_replaced_by_a_full_link(index, tmp_path):
    conn = sqlite3.connect(IndexPaths(index.index_dir).store)
    conn.execute("UPDATE link_docs SET state=x'00ff'")
    conn.commit()
    conn.close()
    _write(index, "c.txt", "Boris Petrov left.\n\nPetrov smiled.")
    report = update_index(index)
    assert report.relinked == len(ARTICLES)
    assert_same_as_rebuild(index, tmp_path)


def test_turning_entities_off_and_on_again_links_everything_afresh(index, tmp_path):
    off = Settings.resolve(index.articles_dir, index.index_dir, entities=False)
    update_index(off)
    _write(index, "c.txt", "Boris Petrov left.\n\nPetrov smiled.")
    report = update_index(index)
    assert report.relinked == len(ARTICLES)
    assert_same_as_rebuild(index, tmp_path)


def test_with_the_real_model_updates_match_a_rebuild(tmp_path):
    from tests.conftest import SAMPLES

    articles = tmp_path / "articles"
    articles.mkdir()
    samples = sorted(SAMPLES.glob("*.txt"))
    for path in samples:
        shutil.copy(path, articles / path.name)
    settings = Settings.resolve(articles, tmp_path / "index")
    update_index(settings)
    first = samples[0].read_text(encoding="utf-8")
    _write(
        settings, "extra.txt", "Vladimir Putin spoke to Antony Blinken in Kyiv.\n\n" + first[:600]
    )
    report = update_index(settings)
    assert report.added == 1 and report.ner_articles == 1
    assert_same_as_rebuild(settings, tmp_path)
    _write(settings, samples[0].name, first.replace("Putin", "Peskov", 1))
    (articles / samples[1].name).unlink()
    report = update_index(settings)
    assert (report.updated, report.removed) == (1, 1)
    assert_same_as_rebuild(settings, tmp_path)
