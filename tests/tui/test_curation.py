"""Curating entities in the reader: `C` on the article, the entities pane and the
entity page, the prompts and confirmations, the one undo (u, ctrl+z; U redoes)
shared with mark-all-read, and a restart in between.
Each test has its own copy of the indexed samples (curation writes the index)."""

from __future__ import annotations

import shutil

import pytest
from textual.widgets import Input, OptionList, Static

from reader.config import Settings
from reader.tui.curation import ChoiceMenu, Confirm, CurationMenu, TextPrompt
from tests.tui.helpers import notifications, settle, settle_until, title_of

RUSSIA, RUSSIANS = "gpe:russia", "norp:russians"


@pytest.fixture
def own_settings(indexed_settings, tmp_path) -> Settings:
    shutil.copytree(indexed_settings.articles_dir, tmp_path / "articles")
    shutil.copytree(indexed_settings.index_dir, tmp_path / "index")
    return Settings.resolve(tmp_path / "articles", tmp_path / "index", entities=True)


def menu_rows(app) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]


def modal_text(app) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def entity_rows(app) -> list[str]:
    options = app.main_screen.entity_list.options
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def answer(pilot, text: str) -> None:
    """Type into the prompt on top (replacing its suggestion) and press Enter."""
    assert isinstance(pilot.app.screen, TextPrompt)
    pilot.app.screen.query_one(Input).value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_C_on_a_mention_offers_what_fits_it(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "C")  # the first mention: "Russian"
        await pilot.pause()
        assert isinstance(app.screen, CurationMenu)
        assert "Curate Russians (NORP, 12 mentions in 2 articles)" in modal_text(app)
        rows = menu_rows(app)
        assert "s  Split off the mentions written “Russian”…" in rows
        assert "d  Reject this mention (“Russian” is not Russians)" in rows
        assert not any(row.startswith("i  Mark the match") for row in rows)  # no search
        await pilot.press("escape")
        assert not isinstance(app.screen, ChoiceMenu)


async def test_merge_asks_then_merges_and_u_undoes_across_a_restart(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "C", "m")
        await pilot.pause()
        await answer(pilot, "Russia")
        assert isinstance(app.screen, Confirm)
        assert "Merge Russia (GPE, 20 mentions in 2 articles) into Russians?" in modal_text(app)
        await pilot.press("y")
        await settle_until(pilot, lambda: app.library.store.entity(RUSSIA) is None)
        assert "Curation merge Russia into Russians · u undoes" in notifications(app)
        rows = entity_rows(app)
        assert "10 Russia" not in [row.strip() for row in rows]
        assert any(row.strip() == "16 Russians" for row in rows)  # 6 + Russia's 10 here
    # Quit and open again: the merge is still there.
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.library.entity(RUSSIANS).mention_count == 32
        await pilot.press("u")  # nothing done in this run: the journal's last curation
        await settle_until(pilot, lambda: app.library.store.entity(RUSSIA) is not None)
        assert "Curation Undone: merge Russia into Russians" in notifications(app)
        assert any(row.strip() == "10 Russia" for row in entity_rows(app))
        await pilot.press("U")  # redo: the merge again
        await settle_until(pilot, lambda: app.library.store.entity(RUSSIA) is None)
        assert "Curation Redone: merge Russia into Russians" in notifications(app)
        await pilot.press("U")
        await settle(pilot)
        assert " Nothing to redo." in notifications(app)


async def test_a_refused_confirmation_changes_nothing(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "C", "x")
        await pilot.pause()
        assert "Reject Russians (NORP): not an entity, its 12 mentions in 2 articles" in modal_text(
            app
        )
        await pilot.press("n")
        await settle(pilot)
        assert app.library.entity(RUSSIANS).mention_count == 12
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Curation Nothing to undo" in notifications(app)


async def test_rename_on_the_entity_page_shows_the_new_name_and_searches_it(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "e")
        await settle(pilot)
        await pilot.press("C", "r")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "Russians"  # the name to edit
        await answer(pilot, "Russian people")
        await settle_until(
            pilot, lambda: "Russian people" in str(app.screen.query_one("#entity-header").render())
        )
        # The store shows it at once; the search index follows in a worker.
        await settle_until(pilot, lambda: app.library.search('group:"russian people"').total == 2)


async def test_retype_from_the_entities_pane(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "3")  # the entities pane follows the mention
        await pilot.pause()
        assert app.main_screen.entity_list.highlighted_entity_id == RUSSIANS
        await pilot.press("C", "t")
        await pilot.pause()
        assert "1  PERSON  person" in menu_rows(app)
        await pilot.press("3")  # GPE
        await settle_until(pilot, lambda: app.library.store.entity(RUSSIANS).type == "GPE")
        assert app.library.search("place:russians").total == 2


async def test_split_off_one_mention_into_a_new_entity(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "C", "o")
        await pilot.pause()
        await answer(pilot, "Russian (adjective)")  # a new entity, of the same type
        await settle_until(pilot, lambda: app.library.store.find_entities("Russian (adjective)"))
        new = app.library.store.find_entities("Russian (adjective)")[0]
        assert (new.type, new.mention_count) == ("NORP", 1)
        assert app.library.entity(RUSSIANS).mention_count == 11
        assert app.main_screen.article_view.current_mention.entity_id == new.id


async def test_mark_the_search_match_as_a_mention(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Polls")  # the first match: "polling" (stemmed)
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        assert menu_rows(app)[0] == "i  Mark the match “polling” as a mention of…"
        view = app.main_screen.article_view
        start, end = view.matches[view.current_match]
        await pilot.press("i")
        await pilot.pause()
        await answer(pilot, "Polling")
        assert "Polling (a new entity) is a:" in modal_text(app)
        await pilot.press("7")  # EVENT
        await settle_until(pilot, lambda: app.library.store.find_entities("Polling"))
        marked = [m for m in view.mentions if (m.start, m.end) == (start, end)]
        assert [(m.text, m.label) for m in marked] == [("polling", "EVENT")]


async def test_add_a_name_everywhere(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("C", "a")
        await pilot.pause()
        await answer(pilot, "referendum")
        await pilot.press("7")  # EVENT
        await settle_until(pilot, lambda: app.library.store.find_entities("referendum"))
        event = app.library.store.find_entities("referendum")[0]
        assert (event.type, event.article_count) == ("EVENT", 2)
        assert app.library.search("event:referendum").total == 2


async def test_an_unknown_entity_in_the_merge_prompt_is_a_notification(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "C", "m")
        await pilot.pause()
        await answer(pilot, "Atlantis")
        await settle(pilot)
        assert any("no entity named 'Atlantis'" in n for n in notifications(app))
        assert not isinstance(app.screen, ChoiceMenu | TextPrompt | Confirm)


async def test_the_menu_keys_come_from_the_key_map(make, own_settings):
    app = make(settings=own_settings, keymap={"curation.rename": "R"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "C")
        await pilot.pause()
        assert "R  Rename…" in menu_rows(app)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value == "Russians"


async def test_one_undo_for_curation_and_mark_all_read_in_the_order_done(make, own_settings):
    app = make(settings=own_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main_screen.article_list
        await pilot.press("1", "M")  # every article read
        assert title_of(pane).endswith("all read")
        await pilot.press("2", "right_square_bracket", "C", "m")
        await pilot.pause()
        await answer(pilot, "Russia")
        await pilot.press("y")
        await settle_until(pilot, lambda: app.library.store.entity(RUSSIA) is None)
        await pilot.press("u")  # the merge, done last
        await settle_until(pilot, lambda: app.library.store.entity(RUSSIA) is not None)
        assert title_of(pane).endswith("all read")
        await pilot.press("ctrl+z")  # then the mark-all
        await settle(pilot)
        assert title_of(pane).endswith("unread")  # the ones M marked (the open one may be read)
        assert any(n.startswith(" Undone: ") and "unread again" in n for n in notifications(app))
        await pilot.press("u")  # nothing else was done in this run, and the journal is empty
        await settle(pilot)
        assert "Curation Nothing to undo" in notifications(app)
        await pilot.press("U")  # redo in the order undone: the mark-all first
        await settle(pilot)
        assert title_of(pane).endswith("all read")
        assert app.library.store.entity(RUSSIA) is not None
        await pilot.press("ctrl+y")
        await settle_until(pilot, lambda: app.library.store.entity(RUSSIA) is None)
