"""Names inside names: the export gives a known name inside a longer mention as
a nested mention of its own entity ("Canada" in "Fan Expo Canada"), each span
once, while the reader's mentions (its stops) still never overlap."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.config import Settings
from reader.entities import pipeline
from reader.entities.nested import KnownForms, nested_in
from reader.indexer import update_index
from reader.store import StoredMention
from tests.conftest import write_files
from tests.entities.conftest import stand_in_extractor


def _m(text, label, entity, start=0, article="a"):
    return StoredMention(article, start, start + len(text), text, label, entity)


def _known(*mentions):
    return KnownForms.of(_m(t, lab, e) for t, lab, e in mentions)


def _found(mention, known):
    return [(n.text, n.start, n.entity_id, n.label) for n in nested_in(mention, known)]


def test_a_known_place_inside_an_organisations_name_is_nested():
    known = _known(("Canada", "GPE", "gpe:canada"))
    expo = _m("Fan Expo Canada", "ORG", "org:fan-expo-canada", start=100)
    assert _found(expo, known) == [("Canada", 109, "gpe:canada", "GPE")]


def test_a_person_inside_a_foundations_name_and_a_country_before_an_institution():
    known = _known(("Ada Brennan", "PERSON", "person:ada-brennan"), ("U.S.", "GPE", "gpe:us"))
    assert _found(_m("Ada Brennan Foundation", "ORG", "org:abf"), known) == [
        ("Ada Brennan", 0, "person:ada-brennan", "PERSON")
    ]
    assert _found(_m("U.S. Coast Guard", "ORG", "org:uscg"), known) == [
        ("U.S.", 0, "gpe:us", "GPE")
    ]


def test_nothing_is_nested_inside_a_persons_name():
    known = _known(("Paris", "GPE", "gpe:paris"))
    assert _found(_m("Paris Whitcombe", "PERSON", "person:paris-whitcombe"), known) == []


def test_only_whole_words_and_never_the_whole_mention():
    known = _known(("Indiana", "GPE", "gpe:indiana"), ("Harbour Bank", "ORG", "org:hb"))
    assert _found(_m("Indianapolis Motor Speedway", "FAC", "fac:ims"), known) == []
    assert _found(_m("Harbour Bank", "ORG", "org:hb2"), known) == []


def test_a_legal_form_a_lower_case_word_and_the_mentions_own_entity_are_not_nested():
    known = _known(
        ("AG", "ORG", "org:ag"),
        ("Calloway", "ORG", "org:calloway-semiconductor"),
    )
    known.add("bank", "ORG", "org:bank")
    mention = _m("Calloway Semiconductor AG", "ORG", "org:calloway-semiconductor")
    assert _found(mention, known) == []
    assert _found(_m("Central bank of Oman", "ORG", "org:cbo"), known) == []


def test_a_form_shared_by_two_entities_names_neither():
    known = _known(
        ("Jordan", "GPE", "gpe:jordan"),
        ("Jordan", "PERSON", "person:michael-jordan"),
    )
    assert _found(_m("Jordan Valley Authority", "ORG", "org:jva"), known) == []
    known.add("Jordan", "GPE", "gpe:jordan")
    known.add("Jordan", "GPE", "gpe:jordan")
    assert _found(_m("Jordan Valley Authority", "ORG", "org:jva"), known)[0][2] == "gpe:jordan"


def test_a_possessive_and_a_sentences_full_stop_stay_out_of_the_nested_span():
    known = _known(("Norway", "GPE", "gpe:norway"), ("U.S.", "GPE", "gpe:us"))
    assert [t for t, *_ in _found(_m("Bank of Norway's", "ORG", "org:bn"), known)] == ["Norway"]
    assert [t for t, *_ in _found(_m("Friends of Norway.", "ORG", "org:fn"), known)] == ["Norway"]
    assert [t for t, *_ in _found(_m("Embassy of the U.S.", "ORG", "org:e"), known)] == ["U.S."]


ARTICLES = {
    "a.txt": "Canada sent a team to Fan Expo Canada in Toronto.\n",
    "b.txt": "The Ada Brennan Foundation gave grants. Ada Brennan founded it in Canada.\n",
    "c.txt": "Ada Brennan spoke in Toronto. Canada and Toronto welcomed her.\n",
}
NAMES = [
    ("Fan Expo Canada", "ORG"),
    ("Ada Brennan Foundation", "ORG"),
    ("Ada Brennan", "PERSON"),
    ("Canada", "GPE"),
    ("Toronto", "GPE"),
]


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_extract", stand_in_extractor(NAMES, clean=True))
    return Settings.resolve(write_files(tmp_path / "articles", ARTICLES), tmp_path / "index")


def test_export_gives_nested_names_once_each_and_the_stops_stay_apart(settings, capsys):
    update_index(settings)
    args = ["--articles", str(settings.articles_dir), "--index", str(settings.index_dir)]
    assert main([*args, "export", "mentions"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    spans = [(r["doc"], r["start"], r["end"]) for r in rows]
    assert len(spans) == len(set(spans))
    nested = {(r["doc"], r["text"]): r for r in rows if r["nested"]}
    assert set(nested) == {("a", "Canada"), ("b", "Ada Brennan")}
    canada = {r["entity"] for r in rows if r["text"] == "Canada"}
    assert len(canada) == 1 and nested[("a", "Canada")]["entity"] in canada
    stops = sorted(s for s, r in zip(spans, rows) if not r["nested"])
    assert all(a[0] != b[0] or a[2] <= b[1] for a, b in zip(stops, stops[1:]))
    text = ARTICLES["a.txt"]
    r = nested[("a", "Canada")]
    assert text[r["start"] : r["end"]] == "Canada" and r["start"] > text.index("Fan Expo")


def test_a_word_that_ends_or_opens_many_names_is_not_nested_alone():
    known = _known(
        ("Federation", "ORG", "org:federation"),
        ("Commission", "ORG", "org:european-commission"),
        ("Russia", "GPE", "gpe:russia"),
    )
    assert _found(_m("Russian Federation", "GPE", "gpe:russia"), known) == []
    assert _found(_m("Federal Trade Commission", "ORG", "org:ftc"), known) == []
    assert [t for t, *_ in _found(_m("Bank of Russia", "ORG", "org:bor"), known)] == ["Russia"]
