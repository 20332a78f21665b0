"""Bad data and unexpected errors: the entity page takes duplicated rows, and an
error no handler expected leaves the user's data saved, a log file with the
traceback, one line on stderr and a non-zero exit code."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from reader.config import Settings
from reader.paths import IndexPaths
from reader.tui.app import ReaderApp, run_app
from reader.tui.screens.main import MainScreen
from reader.userdata import load_position
from tests.tui.helpers import notifications, settle

SECOND = "004_e5de60779731731b"


@pytest.fixture
def duplicated_settings(indexed_settings, tmp_path) -> Settings:
    """The samples' index with every mention of Russia stored twice (as an index
    of an older version may hold them: the store now refuses them)."""
    index = tmp_path / "index"
    shutil.copytree(indexed_settings.index_dir, index)
    conn = sqlite3.connect(IndexPaths(index).store)
    conn.execute("DROP INDEX IF EXISTS mentions_span")
    conn.execute("INSERT INTO mentions SELECT * FROM mentions WHERE entity_id = 'gpe:russia'")
    conn.commit()
    conn.close()
    return Settings.resolve(articles=indexed_settings.articles_dir, index=index)


async def test_entity_page_of_an_entity_whose_mentions_are_stored_twice(make, duplicated_settings):
    app = make(settings=duplicated_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # e on a mention of Russia
        view = app.screen.article_view
        while view.current_mention is None or view.current_mention.entity_id != "gpe:russia":
            await pilot.press("right_square_bracket")
        await pilot.press("e")
        await settle(pilot)
        page = app.screen
        assert type(page).__name__ == "EntityScreen" and page.entity_id == "gpe:russia"
        contexts = page._lines
        assert len({(c.article_id, c.start) for c in contexts}) == len(contexts)
        assert page.mentions_list.option_count == len(contexts) > 10
        stored = app.library.store.mentions_of_entity("gpe:russia")
        assert len(stored) == 2 * len(contexts)  # the data really holds them twice
        # e on a "Seen with" entity shows it; Backspace comes back to Russia.
        await pilot.press("2", "e")
        await settle(pilot)
        assert page.entity_id != "gpe:russia"
        await pilot.press("2")
        co = page.query_one("#entity-cooccurring")
        russia = [i for i, r in enumerate(page._co) if r.entity.id == "gpe:russia"]
        if russia:  # Russia is seen with its neighbour: e on it, with its doubled rows
            co.highlighted = russia[0]
            await pilot.press("e")
            await settle(pilot)
            assert page.entity_id == "gpe:russia"
        else:
            await pilot.press("backspace")
            await settle(pilot)
        # Enter on the fifth mention jumps to it in its article.
        contexts = page._lines
        await pilot.press("1", "g", "j", "j", "j", "j", "enter")
        await pilot.pause()
        fifth = contexts[4]
        assert app.screen is not page and app.is_running
        assert view.article.id == fifth.article_id
        assert view.current_mention.start == fifth.start


def _explode(self) -> None:
    raise RuntimeError("injected failure")


async def test_an_unexpected_error_saves_logs_and_exits_non_zero(
    make, monkeypatch, private_data_dir, indexed_settings
):
    monkeypatch.setattr(MainScreen, "action_next_mention", _explode)
    app = make(remember=True)
    with pytest.raises(RuntimeError, match="injected failure"):
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.screen.open_article(SECOND)
            await pilot.press("j", "j", "j")  # scrolled: a position to remember
            where = app.screen.here()
            await pilot.press("right_square_bracket")
            await pilot.pause()
    assert app.return_code == 1
    # The position when it crashed is saved.
    saved = load_position(indexed_settings.articles_dir)
    assert saved is not None and (saved.article_id, saved.top_offset) == (SECOND, where.top_offset)
    # One line naming the error and the log, which holds the whole traceback.
    message = app.crash.message
    assert "\n" not in message
    assert message.startswith("reader: error:") and "RuntimeError: injected failure" in message
    log = app.crash.log_path
    assert log is not None and str(log) in message
    assert log.parent == private_data_dir / "logs"
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "_explode" in text
    assert str(indexed_settings.articles_dir) in text


def test_run_app_prints_one_line_and_returns_1(
    monkeypatch, capsys, indexed_settings, private_data_dir
):
    """The real entry point, headless: a key press hits a broken handler."""
    monkeypatch.setattr(MainScreen, "action_next_mention", _explode)
    real_run = ReaderApp.run

    async def press_bracket(pilot):
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()

    def headless_run(self, *args, **kw):
        self.build_on_start = False
        return real_run(self, headless=True, size=(100, 30), auto_pilot=press_bracket)

    monkeypatch.setattr(ReaderApp, "run", headless_run)
    code = run_app(indexed_settings, remember=True)
    assert code == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "RuntimeError: injected failure" in lines[0] and "details in " in lines[0]
    assert "Traceback" not in err
    logs = list((private_data_dir / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in lines[0]


async def test_an_unexpected_error_in_a_search_is_reported_and_the_app_goes_on(
    make, monkeypatch, private_data_dir
):
    app = make()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)

        def broken(*args, **kw):
            raise KeyError("broken search")

        monkeypatch.setattr(app.library, "search_results", broken)
        await pilot.press("slash", *"putin")
        await pilot.pause(0.4)
        await settle(pilot)
        assert app.is_running
        shown = notifications(app)
        assert any("Search failed" in n and "KeyError" in n and "logs" in n for n in shown), shown
        assert list((private_data_dir / "logs").glob("crash-*.log"))
