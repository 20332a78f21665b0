"""The command palette ranks entities and articles together: an entity first on
its exact name, then the closest names and titles; actions by fuzzy match."""

from __future__ import annotations

import pytest

from reader.config import Settings
from reader.indexer import update_index
from reader.paths import IndexPaths
from reader.store import Store, StoredEntity
from reader.tui.app import make_app
from reader.tui.commands import ARTICLES_SHOWN, relevance
from reader.tui.screens.entity import EntityScreen
from tests.tui.helpers import settle


@pytest.fixture(scope="module")
def japan(tmp_path_factory) -> Settings:
    """Forty articles about Japan in their titles, and entities named like it."""
    root = tmp_path_factory.mktemp("japan")
    articles = root / "articles"
    articles.mkdir()
    for i in range(40):
        (articles / f"j{i:02d}.txt").write_text(
            f"Japan trade report {i}\n\nExports from Japan rose in month {i}.\n"
        )
    (articles / "other.txt").write_text("A quiet day\n\nNothing happened in Norway.\n")
    settings = Settings.resolve(articles=articles, index=root / "index", entities=False)
    update_index(settings, processes=1)
    store = Store(IndexPaths(settings.index_dir).store)
    store.replace_entities(
        [
            StoredEntity("gpe:japan", "Japan", "GPE", ("Japan", "JAPAN"), 44, 40),
            StoredEntity("norp:japanese", "Japanese", "NORP", ("Japanese",), 12, 9),
            StoredEntity(
                "org:bank-of-japan", "Bank of Japan", "ORG", ("Bank of Japan", "BOJ"), 7, 5
            ),
            StoredEntity("gpe:norway", "Norway", "GPE", ("Norway",), 1, 1),
        ]
    )
    store.commit()
    store.close()
    return settings


async def palette_rows(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)
    from textual.command import CommandList

    options = pilot.app.screen.query_one(CommandList)
    return [
        str(options.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(options.option_count)
    ]


async def test_an_entity_comes_first_on_its_exact_name_then_closer_names_then_titles(japan):
    app = make_app(japan, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = await palette_rows(pilot, "japan")
        assert rows[0].startswith("Entity: Japan (Places)"), rows[:5]
        assert rows[1].startswith("Entity: Japanese"), rows[:5]
        entity_rows = [i for i, r in enumerate(rows) if r.startswith("Entity:")]
        article_rows = [i for i, r in enumerate(rows) if r.startswith("Article:")]
        assert len(entity_rows) == 3 and max(entity_rows) < min(article_rows)  # Bank of Japan too
        assert len(article_rows) == ARTICLES_SHOWN  # the best, not all forty
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntityScreen) and screen.entity_id == "gpe:japan"


async def test_a_title_word_finds_articles_and_an_alias_finds_its_entity(japan):
    app = make_app(japan, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = await palette_rows(pilot, "trade report 7")
        assert rows[0] == "Article: Japan trade report 7", rows[:3]
        await pilot.press("escape")
        rows = await palette_rows(pilot, "boj")
        assert rows[0].startswith("Entity: Bank of Japan"), rows[:3]


def test_relevance_orders_exact_start_word_inside():
    assert relevance("japan", "japan") == 1.0
    assert relevance("japan", "japanese") > relevance("japan", "bank of japan")
    assert relevance("japan", "bank of japan") > relevance("apan", "japan") > 0
    assert relevance("korea", "japan") == 0
