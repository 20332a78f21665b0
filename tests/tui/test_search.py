"""Search as you type: every result reachable, rows prepared as they come into
view, superseded queries skipped, and a query typed during the first build run
when the index is ready."""

from __future__ import annotations

import threading

import pytest

from reader.config import Settings
from reader.indexer import update_index
from reader.tui.app import make_app
from reader.tui.widgets.search_panel import SearchResultsList
from tests.tui.conftest import copy_samples
from tests.tui.helpers import main_screen, settle, settle_until, subtitle_of

HARBOURS = 150


@pytest.fixture(scope="module")
def harbours(tmp_path_factory) -> Settings:
    """150 short articles that all mention a harbour (no entities: quick to index)."""
    root = tmp_path_factory.mktemp("harbours")
    articles = root / "articles"
    articles.mkdir()
    for i in range(HARBOURS):
        words = " ".join(["harbour"] * (1 + i % 7))
        (articles / f"h{i:03d}.txt").write_text(
            f"Harbour report number {i}\n\nThe {words} at pier {i} was busy on Monday. "
            f"Ships waited outside while cranes worked through the night.\n"
        )
    settings = Settings.resolve(articles=articles, index=root / "index", entities=False)
    update_index(settings, processes=1)
    return settings


def status_text(panel) -> str:
    return str(panel.query_one("#search-status").render())


async def type_query(pilot, text: str) -> None:
    await pilot.press("slash", *text)
    await settle(pilot)


async def test_every_result_is_reachable_and_rows_are_prepared_as_seen(harbours):
    app = make_app(harbours, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_query(pilot, "harbour")
        panel = main_screen(app).search_panel
        results = panel.results_list
        assert status_text(panel).startswith("150 matching articles")
        assert "best" not in status_text(panel)
        assert results.option_count == HARBOURS
        # Only the first screenful (and a page ahead) has titles and snippets.
        assert 0 < len(panel._rows) < 40
        first = results.get_option_at_index(0).prompt.plain
        assert first.startswith("1. Harbour report") and "harbour" in first.lower()
        await pilot.press("down")
        assert isinstance(app.focused, SearchResultsList)
        await pilot.press("G")
        await settle(pilot)
        assert results.highlighted == HARBOURS - 1
        assert subtitle_of(panel) == "150/150"
        last = results.get_option_at_index(HARBOURS - 1).prompt.plain
        assert last.startswith("150. Harbour report"), last
        assert len(panel._rows) < 80  # the middle was never prepared
        # Paging down from the top reaches row 1 + a page.
        await pilot.press("g", "space")
        await settle(pilot)
        assert 1 < results.highlighted < HARBOURS - 1
        row = results.highlighted
        assert results.get_option_at_index(row).prompt.plain.startswith(f"{row + 1}. Harbour")
        await pilot.press("G", "enter")
        await pilot.pause()
        view = main_screen(app).article_view
        opened = view.article.id
        assert opened == results.get_option_at_index(HARBOURS - 1).id
        assert view.matches and view.current_match == 0


async def test_typing_fast_searches_the_latest_query_only(harbours, monkeypatch):
    app = make_app(harbours, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        searched: list[str] = []
        running = []
        typed = threading.Event()
        real = app.library.search_results

        def slow(query, *args, **kw):
            running.append(query)
            assert len(running) == 1, running  # one search at a time
            searched.append(query)
            typed.wait(10)  # a big collection: the rest is typed meanwhile
            try:
                return real(query, *args, **kw)
            finally:
                running.remove(query)

        monkeypatch.setattr(app.library, "search_results", slow)
        await pilot.press("slash", *"harbour")
        panel = main_screen(app).search_panel
        assert "searching" in status_text(panel)
        typed.set()
        await settle_until(pilot, lambda: len(searched) >= 2 and not running)
        await settle_until(pilot, lambda: panel.query_text == "harbour")
        # "h" ran; "ha" to "harbour" were typed while it ran: only the last runs.
        assert searched == ["h", "harbour"]
        assert panel.query_text == "harbour"
        assert status_text(panel).startswith("150 matching articles")


async def test_a_query_typed_during_the_first_build_runs_when_it_is_ready(tmp_path, monkeypatch):
    import reader.indexer

    articles = copy_samples(tmp_path)
    settings = Settings.resolve(articles=articles, index=tmp_path / "index")
    typed = threading.Event()
    real_update = reader.indexer.update_index

    def update_after_typing(*args, **kw):
        typed.wait(30)  # the build takes longer than typing a word
        return real_update(*args, **kw)

    monkeypatch.setattr(reader.indexer, "update_index", update_after_typing)
    app = make_app(settings, remember=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = main_screen(app).search_panel
        assert app.library is None
        await pilot.press("slash", *"referendum")
        await pilot.pause()
        assert "runs when it is ready" in status_text(panel)
        typed.set()
        await settle(pilot)
        await settle(pilot)
        assert app.library is not None
        assert panel.query_text == "referendum"
        assert status_text(panel).startswith("2 matching articles")
        assert panel.results_list.option_count == 2
