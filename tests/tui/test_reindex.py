"""Ctrl+R after an article changed: the spaCy model was loaded while the user
read (a thread, after the first screen), so the update finds it ready instead
of importing and loading it first (2-9 s)."""

from __future__ import annotations

import pytest

from reader.config import Settings
from reader.entities import model
from reader.indexer import update_index
from tests.tui.conftest import copy_samples
from tests.tui.helpers import notifications, settle, settle_until, visible_text

FIRST = "000_dbd5abc5addd0f1b"


@pytest.fixture
def own_collection(tmp_path) -> Settings:
    settings = Settings.resolve(copy_samples(tmp_path), tmp_path / "index", entities=True)
    update_index(settings, processes=1)
    return settings


async def test_ctrl_r_uses_the_model_loaded_while_reading(make, own_collection, monkeypatch):
    # As in a fresh process: no model loaded yet.
    monkeypatch.setattr(model, "_cache", {})
    monkeypatch.setattr("reader.tui.app.MODEL_PRELOAD_DELAY", 0.01)
    app = make(settings=own_collection, preload_model=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: app.model_ready)
        assert model._cache, "the model was loaded while the reader was idle"

        # From now on loading a model fails: the update must use the one loaded.
        def no_second_load(*args, **kw):
            raise AssertionError("the model was loaded again")

        monkeypatch.setattr("spacy.load", no_second_load)
        app.screen.open_article(FIRST)
        await settle(pilot)
        path = own_collection.articles_dir / f"{FIRST}.txt"
        path.write_text(
            path.read_text(encoding="utf-8") + "\nAngela Merkel visited Lisbon on Monday.\n",
            encoding="utf-8",
        )
        await pilot.press("ctrl+r")
        await settle_until(pilot, lambda: any("1 updated" in n for n in notifications(app)))
        view = app.screen.article_view
        assert "Angela Merkel visited Lisbon" in view.article.text
        assert any(m.text == "Angela Merkel" for m in view.mentions)
        assert not any("failed" in n.lower() for n in notifications(app))
        await pilot.press("G")  # the end of the article, where the new sentence is
        await settle(pilot)
        assert "Angela Merkel visited Lisbon" in visible_text(view)


async def test_no_preload_for_a_collection_without_entities(make, tmp_path, monkeypatch):
    settings = Settings.resolve(copy_samples(tmp_path), tmp_path / "index", entities=False)
    update_index(settings, processes=1)
    monkeypatch.setattr(model, "_cache", {})
    monkeypatch.setattr("reader.tui.app.MODEL_PRELOAD_DELAY", 0.01)
    app = make(settings=settings, preload_model=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert not app.model_ready and not model._cache


async def test_ctrl_r_with_nothing_changed_says_so_and_reloads_nothing(make, own_collection):
    app = make(settings=own_collection)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        library = app.library
        reloads = []
        app.main_screen.load_collection = lambda *a, **k: reloads.append(a)
        await pilot.press("ctrl+r")
        await settle_until(pilot, lambda: any("Nothing changed" in n for n in notifications(app)))
        assert reloads == [] and app.library is library
        # a change after it: the update finds it and the panes reload
        path = own_collection.articles_dir / f"{FIRST}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        await pilot.press("ctrl+r")
        await settle_until(pilot, lambda: any("1 updated" in n for n in notifications(app)))
        assert len(reloads) == 1
