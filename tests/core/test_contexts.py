"""Mentions in context are the article's own words around the mention (only
white space made single), cut between words; the entity list is one listing
with one count for every face; counts are singular where they are one."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from reader.cli import main
from reader.config import Settings
from reader.contexts import flat, in_context
from reader.indexer import update_index
from reader.library import Library
from tests.conftest import copy_samples

TEXT = (
    'People walk past a billboard reading "Forever with Russia" in Luhansk.\n\n'
    "Moscow-installed officials met the Federal Reserve's chair, and the "
    "pro-Russian\nmayor of Mariupol said nothing."
)


@pytest.mark.parametrize(
    "mention, before_end, after_start",
    [
        ("Forever with Russia", 'reading "', '" in Luhansk.'),
        ("Moscow", "Luhansk. ", "-installed officials"),
        ("Federal Reserve", "met the ", "'s chair,"),
        ("Russian", "the pro-", " mayor of"),
        ("Mariupol", "mayor of ", " said nothing."),
    ],
)
def test_the_context_is_the_text_as_written(mention, before_end, after_start):
    start = TEXT.index(mention)
    c = in_context("a", TEXT, start, start + len(mention), width=30)
    assert c.text == mention
    assert c.before.endswith(before_end) and c.after.startswith(after_start)
    assert c.before + c.text + c.after in flat(TEXT)


word = st.text(alphabet="ab-'\".,éZ", min_size=1, max_size=15)
gap = st.sampled_from([" ", "\n", "\n\n", "  ", "\t"])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    parts=st.lists(st.tuples(word, gap), min_size=1, max_size=60),
    pick=st.integers(0, 999),
    cut=st.integers(0, 14),
    width=st.integers(0, 80),
    side=st.integers(0, 60),
)
def test_contexts_are_exact_slices_cut_between_words(parts, pick, cut, width, side):
    text = "".join(w + g for w, g in parts)
    starts, pos = [], 0
    for w, g in parts:
        starts.append((pos, pos + len(w)))
        pos += len(w) + len(g)
    s, e = starts[pick % len(starts)]
    s = min(s + cut, e - 1)  # a mention can start inside a run of characters ("pro-Russian")
    c = in_context("a", text, s, e, width)
    assert c.text == text[s:e]
    joined = c.before + c.text + c.after
    flat_text = flat(text)
    at = flat_text.find(joined)
    assert at >= 0
    edge = at + len(joined)
    assert (
        at == 0 or flat_text[at - 1] == " " or not c.before
    )  # starts at a word (or nothing before)
    assert edge == len(flat_text) or flat_text[edge] == " " or not c.after
    # Clipping for a narrow display keeps whole words and the spaces at the mention.
    before, after = c.clipped(side)
    assert len(before) <= max(side, 0) and len(after) <= max(side, 0)
    assert c.before.endswith(before) and c.after.startswith(after)
    assert not before or len(before) == len(c.before) or c.before[-len(before) - 1] == " "
    assert not after or len(after) == len(c.after) or c.after[len(after)] == " "


def test_a_mention_in_a_huge_article_costs_only_its_window():
    text = ("word " * 200_000) + "Putin" + (" word" * 200_000)
    start = text.index("Putin")
    c = in_context("big", text, start, start + 5, width=50)
    assert len(c.before) <= 60 and len(c.after) <= 60 and c.text == "Putin"


# ---------------------------------------------------------------- through the index


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = tmp_path_factory.mktemp("contexts")
    settings_ = Settings.resolve(copy_samples(root), root / "index", entities=True)
    update_index(settings_, processes=1)
    return settings_


@pytest.fixture
def library(indexed):
    with Library(indexed) as lib:
        yield lib


def test_every_context_in_the_collection_is_an_exact_slice(library):
    for entity in library.entities():
        for c in library.mentions_in_context(entity.id):
            text = library.text_of(c.article_id)
            assert c.text == flat(text[c.start : c.end])
            assert c.before + c.text + c.after in flat(text)


def _cli(indexed, capsys, *args):
    argv = ["--articles", str(indexed.articles_dir), "--index", str(indexed.index_dir), *args]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_cli_entity_contexts_keep_quotes_and_hyphens(indexed, capsys):
    out = _cli(indexed, capsys, "entity", "Forever with Russia")
    assert 'reading "Forever with Russia" in Luhansk' in out
    assert "1 mention in 1 article" in out and "(1 mention)" in out
    assert "1 mentions" not in out and "1 articles" not in out
    out = _cli(indexed, capsys, "entity", "Moscow")
    assert "Moscow-installed" in out and "Moscow -" not in out


def test_cli_entity_json_contexts(indexed, capsys):
    data = json.loads(_cli(indexed, capsys, "entity", "Moscow", "--json"))
    for c in data["mention_contexts"]:
        assert c["before"] == c["before"].lstrip() and c["after"] == c["after"].rstrip()
        assert not re.search(r"\s{2}", c["before"] + c["text"] + c["after"])


# ---------------------------------------------------------------- the entity listing


def test_one_listing_with_a_total_and_any_slice(library):
    whole = library.entity_listing()
    assert whole.complete and whole.note() is None and whole.total == len(whole.entities)
    assert whole.total > 30
    part = library.entity_listing(limit=10)
    assert part.total == whole.total and part.entities == whole.entities[:10]
    assert part.note() == f"showing 1-10 of {whole.total} entities"
    later = library.entity_listing(offset=10, limit=10)
    assert later.entities == whole.entities[10:20]
    places = library.entity_listing("GPE")
    assert places.total == len([e for e in whole.entities if e.type == "GPE"])
    assert library.entities(limit=5) == whole.entities[:5]


def test_an_entitys_count_is_its_stored_mentions(library):
    for entity in library.entity_listing().entities:
        mentions = library.mentions_in_context(entity.id)
        assert entity.mention_count == len(mentions), entity.name
        assert entity.article_count == len({c.article_id for c in mentions}), entity.name
        per_article = dict((s.id, n) for s, n in library.entity_articles(entity.id))
        assert sum(per_article.values()) == entity.mention_count


def test_cli_entities_says_when_it_shows_part_of_the_list(indexed, capsys, library):
    total = library.entity_listing().total
    out = _cli(indexed, capsys, "entities", "--limit", "5")
    assert f"showing 1-5 of {total} entities" in out
    out = _cli(indexed, capsys, "entities", "--limit", "1000")
    assert "showing" not in out
    lines = out.splitlines()
    for entity in library.entity_listing().entities:  # piped: never folded onto two lines
        assert any(entity.name in line for line in lines), entity.name
    listed = json.loads(_cli(indexed, capsys, "entities", "--json", "--limit", "1000"))
    counts = {e.id: e.mention_count for e in library.entity_listing().entities}
    assert {e["id"]: e["mentions"] for e in listed} == counts


def test_counts_stay_the_stored_mentions_after_an_update(tmp_path):
    settings_ = Settings.resolve(copy_samples(tmp_path), tmp_path / "index", entities=True)
    update_index(settings_, processes=1)
    (settings_.articles_dir / "extra.txt").write_text(
        "Putin Speaks Again\n\nVladimir Putin spoke in Moscow on Monday. Putin said the "
        "Kremlin would answer Ukraine.\n"
    )
    (settings_.articles_dir / "004_e5de60779731731b.txt").unlink()
    update_index(settings_, processes=1)
    with Library(settings_) as lib:
        for entity in lib.entity_listing().entities:
            mentions = lib.mentions_in_context(entity.id)
            assert entity.mention_count == len(mentions), entity.name
            assert entity.article_count == len({c.article_id for c in mentions}), entity.name
