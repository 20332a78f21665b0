"""A merge in the reader carries the merged entity's tags, note and watch to the
entity kept; the entity page shows them; they last across a restart, and
ctrl+z puts them back where they were."""

from __future__ import annotations

import shutil

import pytest

from reader.config import Settings
from reader.library import Library
from reader.tui.curation import Confirm
from reader.workflow.news import entity_articles
from reader.workflow.store import ENTITY
from tests.tui.helpers import screen_lines, settle, settle_until
from tests.tui.test_curation import RUSSIA, RUSSIANS, answer


@pytest.fixture
def own_settings(indexed_settings, tmp_path) -> Settings:
    shutil.copytree(indexed_settings.articles_dir, tmp_path / "articles")
    shutil.copytree(indexed_settings.index_dir, tmp_path / "index")
    return Settings.resolve(tmp_path / "articles", tmp_path / "index", entities=True)


def mine(app, entity_id: str) -> tuple[list[str], str, bool]:
    store = app.library.userdata
    return (
        store.tags_of(ENTITY, entity_id),
        store.note(ENTITY, entity_id),
        store.is_watched(entity_id),
    )


async def test_a_merge_carries_tags_note_and_watch_and_undo_puts_them_back(make, own_settings):
    with Library(own_settings) as library:
        store = library.userdata
        store.tag(ENTITY, [RUSSIA], "state")
        store.tag(ENTITY, [RUSSIANS], "people")
        store.set_note(ENTITY, RUSSIA, "The state.")
        articles = entity_articles(library, RUSSIA)
        assert articles is not None
        store.watch(RUSSIA, "Russia", articles)
    merged = (["people", "state"], "From Russia:\nThe state.", True)

    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "C", "m")  # the mention: Russians
        await pilot.pause()
        await answer(pilot, "Russia")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle_until(pilot, lambda: mine(app, RUSSIANS) == merged)
        assert mine(app, RUSSIA) == ([], "", False)
        await pilot.press("e")
        await settle(pilot)
        header = "\n".join(screen_lines(app)[:8])
        assert "◉ watched  tags: people, state" in header
        assert "note: From Russia:  (+1 line: ; shows all)" in header

    app = make(settings=own_settings)  # a restart: still there
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert mine(app, RUSSIANS) == merged
        await pilot.press("ctrl+z")
        await settle_until(pilot, lambda: mine(app, RUSSIA) == (["state"], "The state.", True))
        assert mine(app, RUSSIANS) == (["people"], "", False)
