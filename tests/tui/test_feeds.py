"""Fetching feeds from the app: `R` (or the palette) fetches in the background,
says what came in, and the new articles appear in the list once indexed."""

from __future__ import annotations

import pytest

from reader.config import Settings
from reader.feeds.subscriptions import FeedStore
from reader.indexer import update_index
from reader.tui.app import make_app
from tests.feeds.server import FeedServer
from tests.tui.conftest import copy_samples
from tests.tui.helpers import main_screen, notifications, settle


@pytest.fixture
def server():
    srv = FeedServer()
    try:
        srv.serve_fixture("/rss2.xml", "rss2.xml", etag='"v1"')
        srv.serve_fixture("/rss1.xml", "rss1.xml")
        for page in ("harbour-storm.html", "ferry-strike.html", "pass-reopens.html"):
            srv.serve_fixture(f"/news/{page}", page)
        yield srv
    finally:
        srv.close()


@pytest.fixture
def settings(tmp_path) -> Settings:
    settings = Settings.resolve(copy_samples(tmp_path), tmp_path / "index", entities=False)
    update_index(settings)
    return settings


def subscribe(settings: Settings, *urls: str) -> None:
    with FeedStore(settings.articles_dir) as store:
        for url in urls:
            store.add(url)


async def test_R_fetches_feeds_and_the_new_articles_appear(server, settings):
    subscribe(settings, server.url("/rss2.xml"), server.url("/rss1.xml"), server.url("/gone.xml"))
    app = make_app(settings, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(main_screen(app).article_list.shown) == 2
        await pilot.press("R")
        await settle(pilot)  # the fetch, then the index update it starts
        await settle(pilot)
        titles = {a.title for a in main_screen(app).article_list.shown}
        assert {
            "Storm closes the harbour for two days",
            "Ferry crews vote to strike",
            "The mountain pass reopens to traffic",
        } <= titles
        assert len(titles) == 5
        said = notifications(app)
        assert "Feeds fetched 3 new articles from 3 feeds; 1 failed" in said
        assert f"Feed failed {server.url('/gone.xml')}: HTTP 404 Not Found" in said
        assert any(n.startswith("Index updated 3 added") for n in said)
        assert not main_screen(app).index_progress.display

        # Again: nothing new, nothing to index.
        await pilot.press("R")
        await settle(pilot)
        assert notifications(app).count("Feeds fetched 0 new articles from 3 feeds; 1 failed") == 1
        assert not main_screen(app).index_progress.display
        assert len(main_screen(app).article_list.shown) == 5


async def test_fetch_without_feeds_says_how_to_add_one(settings):
    app = make_app(settings, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.run_action("fetch_feeds")
        await settle(pilot)
        assert any(
            "No feeds yet: add one with `reader feeds add URL`" in n for n in notifications(app)
        )


async def test_fetch_feeds_is_in_the_palette(server, settings):
    subscribe(settings, server.url("/rss1.xml"))
    app = make_app(settings, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"fetch feeds")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert "Feeds fetched 1 new article from 1 feed" in notifications(app)
        assert "The mountain pass reopens to traffic" in {
            a.title for a in main_screen(app).article_list.shown
        }


async def test_quitting_during_a_fetch_stops_it_promptly(server, settings):
    import time

    server.routes["/rss2.xml"].delay = 5.0
    subscribe(settings, server.url("/rss2.xml"))
    app = make_app(settings, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause(0.3)
        assert "Fetching feeds" in str(
            main_screen(app).index_progress.query_one("#index-stage").render()
        )
        started = time.monotonic()
        await pilot.press("q")
        await app.workers.wait_for_complete()
    assert time.monotonic() - started < 2.0
    assert not list(settings.articles_dir.rglob("feeds/*/*.md"))


async def test_fetch_every_fetches_on_its_own_and_stays_quiet_when_nothing_came(server, settings):
    """--fetch-every: the feeds are fetched while the reader runs, without R; a
    timed fetch that brings nothing says nothing, and a failing feed is named
    once, not at every fetch."""
    subscribe(settings, server.url("/rss2.xml"), server.url("/gone.xml"))
    app = make_app(settings, remember=False, build_on_start=False, keymap={}, fetch_every=1.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(100):
            await pilot.pause(0.1)
            if len(main_screen(app).article_list.shown) == 4:
                break
        assert "Storm closes the harbour for two days" in {
            a.title for a in main_screen(app).article_list.shown
        }
        requests = len(server.requests_to("/rss2.xml"))
        for _ in range(100):  # at least two more timed fetches
            await pilot.pause(0.1)
            if len(server.requests_to("/rss2.xml")) >= requests + 2:
                break
        await settle(pilot)
        assert len(server.requests_to("/rss2.xml")) >= requests + 2
        said = notifications(app)
        assert [n for n in said if n.startswith("Feeds fetched")] == [
            "Feeds fetched 2 new articles from 2 feeds; 1 failed"
        ]
        assert sum(n.startswith("Feed failed") for n in said) == 1


def test_fetch_every_needs_a_whole_number_of_minutes(tmp_path, capsys, monkeypatch):
    from reader.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--articles", str(tmp_path), "--fetch-every", "0"])
    assert stopped.value.code == 2 and "must be 1 or more" in capsys.readouterr().err
    monkeypatch.setenv("READER_FETCH_EVERY", "soon")
    code = main(["--articles", str(tmp_path)])
    assert code == 2
    assert "READER_FETCH_EVERY: 'soon' is not a whole number" in capsys.readouterr().err
