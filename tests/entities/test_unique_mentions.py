"""A mention span is stored once: the pipeline never makes one twice, the store
refuses a second row for it, and an index made before that rule rebuilds."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from reader.config import Settings
from reader.entities import pipeline
from reader.indexer import update_index
from reader.paths import IndexPaths
from reader.store import Store, StoredMention
from tests.conftest import write_files
from tests.entities.conftest import stand_in_extractor

# A country's name inside a work's title and inside an organisation's name,
# repeated in several articles so that linking propagates it across them.
NAMES = [
    ("Forever with Russia", "WORK_OF_ART"),
    ("Bank of Japan", "ORG"),
    ("Russia", "GPE"),
    ("Japan", "GPE"),
    ("Haruhiko Kuroda", "PERSON"),
]
ARTICLES = {
    "a.txt": 'Singers in Russia released "Forever with Russia" on Friday.\n\nRussia cheered.',
    "b.txt": "The Bank of Japan held rates. Japan's exports rose.\n\nHaruhiko Kuroda spoke in Japan.",
    "c.txt": "Russia and Japan met. The Bank of Japan and Forever with Russia were named.",
    "d.txt": "Kuroda left the Bank of Japan for Russia. Japan and Russia talked.",
}


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_extract", stand_in_extractor(NAMES, clean=True))
    articles = write_files(tmp_path / "articles", ARTICLES)
    return Settings.resolve(articles, tmp_path / "index")


def _rows(settings) -> list[tuple]:
    conn = sqlite3.connect(IndexPaths(settings.index_dir).store)
    try:
        return conn.execute(
            "SELECT article_id, start, end, text FROM mentions ORDER BY article_id, start, end"
        ).fetchall()
    finally:
        conn.close()


def assert_spans_unique_and_apart(rows: list[tuple]) -> None:
    spans = Counter((r[0], r[1], r[2]) for r in rows)
    assert [s for s, n in spans.items() if n > 1] == []
    for a, b in zip(rows, rows[1:]):
        assert a[0] != b[0] or a[2] <= b[1], (a, b)


def test_a_name_inside_a_longer_mention_is_not_stored_again(settings):
    update_index(settings)
    rows = _rows(settings)
    assert_spans_unique_and_apart(rows)
    texts = [r[3] for r in rows if r[0] == "c"]
    assert texts == ["Russia", "Japan", "Bank of Japan", "Forever with Russia"]


def test_the_store_refuses_a_span_twice(settings):
    update_index(settings)
    store = Store(IndexPaths(settings.index_dir).store)
    try:
        m = StoredMention("a", 10, 16, "Russia", "GPE", "gpe:russia")
        with pytest.raises(sqlite3.IntegrityError):
            store.replace_mentions("a", [m, m], "", "")
        store.rollback()
    finally:
        store.close()


def test_an_index_holding_a_span_twice_is_rebuilt_without_it(settings):
    update_index(settings)
    path = IndexPaths(settings.index_dir).store
    # As an older reader left it: no unique index, a duplicate row, its schema version.
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX mentions_span")
    conn.execute("INSERT INTO mentions SELECT * FROM mentions WHERE article_id='c' LIMIT 1")
    conn.execute("UPDATE meta SET value='5' WHERE key='schema'")
    conn.commit()
    conn.close()
    Store(path).close()  # opening it does not fail on the duplicate
    report = update_index(settings)
    assert report.rebuilt and report.ner_articles == 0
    assert_spans_unique_and_apart(_rows(settings))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name='mentions_span'").fetchone()
    finally:
        conn.close()


PEOPLES = {
    "g.txt": "Germany cut taxes. German exporters cheered, and Germans spent more.\n",
    "h.txt": "Germans travelled abroad as the German economy grew.\n",
    "j.txt": "Japan and Germany met. Japanese officials spoke.\n",
}
PEOPLE_NAMES = [
    ("Germany", "GPE"),
    ("Germans", "NORP"),
    ("German", "NORP"),
    ("Japan", "GPE"),
    ("Japanese", "NORP"),
]


def test_a_country_page_shows_the_peoples_it_is_also_referred_to_as(tmp_path, monkeypatch):
    from reader.library import Library

    monkeypatch.setattr(pipeline, "_extract", stand_in_extractor(PEOPLE_NAMES, clean=True))
    settings = Settings.resolve(write_files(tmp_path / "articles", PEOPLES), tmp_path / "index")
    update_index(settings)
    with Library(settings) as library:
        germany = library.find_entity("Germany")
        peoples = library.also_referred_to_as(germany.id)
        assert [(p.name, p.type, p.mention_count, p.article_count) for p in peoples] == [
            ("Germans", "NORP", 4, 2)
        ]
        assert library.country_of(peoples[0].id).id == germany.id
        japanese = library.find_entity("Japanese")
        assert library.country_of(japanese.id).name == "Japan"
        assert library.also_referred_to_as(japanese.id) == []
