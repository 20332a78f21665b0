"""A demonym ("German", "Germans") names a people, an entity of its own typed
NORP, and counts as a mention of its country in the cross-article link (the
export's `entity`), when the collection mentions that country; READER_DEMONYMS=off
keeps it the people's."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.config import Settings
from reader.entities import pipeline
from reader.indexer import update_index
from tests.conftest import write_files
from tests.entities.conftest import stand_in_extractor

ARTICLES = {
    "berlin.txt": (
        "Germany raised its growth forecast on Tuesday. German carmakers led the gains, "
        "and Germans spent more on holidays than a year before.\n"
    ),
    "tokyo.txt": (
        "Japanese exporters cheered a weaker yen. The Swiss franc rose, and Germans "
        "bought more Japanese cars.\n"
    ),
    "vote.txt": "Democrats in the Senate blocked the bill, which Republicans had written.\n",
}
NAMES = [
    ("Germany", "GPE"),
    ("German", "NORP"),
    ("Germans", "NORP"),
    ("Japanese", "NORP"),
    ("Swiss", "NORP"),
    ("Democrats", "NORP"),
    ("Republicans", "NORP"),
]


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_extract", stand_in_extractor(NAMES, clean=True))
    return Settings.resolve(write_files(tmp_path / "articles", ARTICLES), tmp_path / "index")


def _export(settings, capsys) -> dict[str, set[tuple[str, str, str | None]]]:
    update_index(settings)
    args = ["--articles", str(settings.articles_dir), "--index", str(settings.index_dir)]
    assert main([*args, "export", "mentions"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    spans = [(r["doc"], r["start"], r["end"]) for r in rows]
    assert len(spans) == len(set(spans))
    out: dict[str, set[tuple[str, str, str | None]]] = {}
    for r in rows:
        out.setdefault(r["text"], set()).add((r["label"], r["entity"], r["people"]))
    return out


def test_a_demonym_counts_as_a_mention_of_its_country(settings, capsys):
    rows = _export(settings, capsys)
    (germany,) = rows["Germany"]
    country = germany[1]
    assert germany == ("GPE", country, None)
    # singular and plural: one people, typed NORP, linked to the country
    people = {r[2] for r in rows["German"] | rows["Germans"]}
    assert len(people) == 1 and next(iter(people)).startswith("norp:")
    assert rows["German"] | rows["Germans"] == {("NORP", country, next(iter(people)))}


def test_a_people_whose_country_the_collection_never_names_stays_its_own(settings, capsys):
    rows = _export(settings, capsys)
    # Japan and Switzerland are never mentioned: nothing to link to
    assert {(r[0], r[2]) for r in rows["Japanese"] | rows["Swiss"]} == {("NORP", None)}
    assert {r[1] for r in rows["Japanese"]} == {"norp:japanese"}
    # a group that is no country's people ("Democrats") is untouched
    assert {(r[1], r[2]) for r in rows["Democrats"]} == {("norp:democrats", None)}


def test_the_link_can_be_switched_off(settings, capsys, monkeypatch):
    monkeypatch.setenv("READER_DEMONYMS", "off")
    assert not Settings.resolve(settings.articles_dir, settings.index_dir).link_demonyms
    settings = Settings.resolve(settings.articles_dir, settings.index_dir)
    rows = _export(settings, capsys)
    assert {(r[1], r[2]) for r in rows["German"] | rows["Germans"]} == {
        (next(iter(rows["Germans"]))[1], None)
    }
    assert next(iter(rows["Germans"]))[1].startswith("norp:")


def test_the_country_page_and_the_people_point_at_each_other(settings):
    from reader.library import Library

    update_index(settings)
    with Library(settings) as library:
        germany = library.find_entity("Germany")
        (people,) = library.also_referred_to_as(germany.id)
        assert library.country_of(people.id) == germany
        assert library.peoples_countries() == {people.id: germany.id}
