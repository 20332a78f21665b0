"""The articles pane: sorts that say which way they go, undated articles last
both ways, the sort remembered with the user's data, Enter on a lone match."""

from __future__ import annotations

import json

import pytest

from reader.config import Settings
from reader.indexer import update_index
from reader.tui.app import make_app
from reader.userdata import collection_data_dir
from tests.tui.helpers import settle, subtitle_of, title_of

DATED = {"spring": "2021-04-02", "summer": "2022-07-15", "winter": "2020-01-10"}


@pytest.fixture(scope="module")
def dated(tmp_path_factory) -> Settings:
    """Three dated articles and two undated ones (no entities: quick to index)."""
    root = tmp_path_factory.mktemp("dated")
    articles = root / "articles"
    articles.mkdir()
    for name, date in DATED.items():
        (articles / f"{name}.md").write_text(
            f"---\ntitle: The {name} report\ndate: {date}\nsource: Wire\n---\n\n"
            f"What happened in the {name}.\n"
        )
    for name in ("aaa-undated", "zzz-undated"):
        (articles / f"{name}.txt").write_text(f"Undated note {name}\n\nNo date here.\n")
    settings = Settings.resolve(articles=articles, index=root / "index", entities=False)
    update_index(settings, processes=1)
    return settings


def app_on(settings: Settings, **kw):
    kw.setdefault("remember", False)
    return make_app(settings, build_on_start=False, keymap={}, **kw)


async def test_date_sort_both_ways_keeps_undated_last_and_says_which_way(dated):
    app = app_on(dated)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.screen.article_list
        await pilot.press("1", "s")  # collection -> date, newest first
        assert pane.sort_key == "date" and pane.descending
        assert [a.id for a in pane.shown] == [
            "summer",
            "spring",
            "winter",
            "aaa-undated",
            "zzz-undated",
        ]
        assert subtitle_of(pane) == "sort: date ↓ newest first"
        await pilot.press("r")
        assert [a.id for a in pane.shown] == [
            "winter",
            "spring",
            "summer",
            "aaa-undated",
            "zzz-undated",
        ]
        assert subtitle_of(pane) == "sort: date ↑ oldest first"
        await pilot.press("s")  # title, A to Z
        assert subtitle_of(pane) == "sort: title ↑ A to Z"
        assert pane.shown[0].title.startswith("The spring")
        await pilot.press("r")
        assert subtitle_of(pane) == "sort: title ↓ Z to A"
        assert pane.shown[0].title.startswith("Undated note zzz")


async def test_the_sort_is_remembered_across_restarts_with_the_user_data(dated, private_data_dir):
    app = app_on(dated, remember=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1", "s", "r")  # date, oldest first
        await pilot.press("q")
    saved = json.loads((collection_data_dir(dated.articles_dir) / "view.json").read_text())
    assert saved["article_order"] == {"key": "date", "descending": False}
    assert collection_data_dir(dated.articles_dir).is_relative_to(private_data_dir)
    assert not list(dated.index_dir.rglob("view.json"))

    again = app_on(dated, remember=True)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = again.screen.article_list
        assert (pane.sort_key, pane.descending) == ("date", False)
        assert [a.id for a in pane.shown][:3] == ["winter", "spring", "summer"]
        assert subtitle_of(pane) == "sort: date ↑ oldest first"


async def test_enter_in_the_filter_opens_a_lone_match_else_goes_to_the_list(dated):
    app = app_on(dated)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        pane = screen.article_list
        await pilot.press("1", "f", *"undated", "enter")
        assert len(pane.shown) == 2 and app.focused is pane.options
        await pilot.press("escape", "f", *"summer", "enter")
        await pilot.pause()
        assert "1/5" in title_of(pane)
        assert screen.article_view.article.id == "summer"
        assert app.focused is screen.article_view


async def test_the_filter_narrows_as_typed_and_widens_again_as_deleted(dated):
    app = app_on(dated)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.screen.article_list
        await pilot.press("1", "f", *"un")
        assert {a.id for a in pane.shown} == {"aaa-undated", "zzz-undated"}
        await pilot.press(*"dated z")  # each key narrows what the last one found
        assert [a.id for a in pane.shown] == ["zzz-undated"]
        await pilot.press("backspace", "backspace")  # "undated": both again
        assert {a.id for a in pane.shown} == {"aaa-undated", "zzz-undated"}
        await pilot.press("s")  # typed into the filter: no sort, "undateds" finds none
        assert pane.shown == []
        await pilot.press("backspace", "escape", "s")  # another order: the filter is gone
        assert pane.sort_key == "date" and len(pane.shown) == 5
        await pilot.press("f", *"report")
        assert [a.id for a in pane.shown] == ["summer", "spring", "winter"]
