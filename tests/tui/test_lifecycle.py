"""Start-up without an index, index errors, remembered positions, long and hostile text."""

from __future__ import annotations

import json
import time

from textual.app import App, ComposeResult

from reader.config import Settings
from reader.corpus import Article
from reader.store import StoredMention
from reader.tui.app import make_app
from reader.tui.messages import IndexProgress
from reader.tui.widgets.article_view import ArticleView
from reader.userdata import Position, load_position, save_position
from tests.tui.conftest import copy_samples
from tests.tui.helpers import main_screen, notifications, row_text, settle, visible_text

FIRST, SECOND = "000_dbd5abc5addd0f1b", "004_e5de60779731731b"


async def test_first_start_without_an_index_builds_it_and_populates(tmp_path):
    articles = copy_samples(tmp_path)
    settings = Settings.resolve(articles=articles, index=tmp_path / "index")
    app = make_app(settings, remember=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert app.library is None or screen.article_view.article is not None
        if app.library is None:  # the usual case: the build is still running
            assert "No index yet" in visible_text(screen.article_view)
            assert screen.article_list.shown == []
        await settle(pilot)
        assert app.library is not None
        assert screen.article_view.article.id == FIRST
        assert len(screen.article_list.shown) == 2
        assert screen.article_view.mentions
        assert not screen.index_progress.display


async def test_progress_bar_shows_index_stages(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.post_message(IndexProgress("entities", 3, 10))
        await pilot.pause()
        bar = main_screen(app).index_progress
        assert bar.display
        assert "Finding entities 3/10" in str(bar.query_one("#index-stage").render())
        bar.finish()


async def test_index_errors_are_notifications_not_crashes(tmp_path):
    articles = copy_samples(tmp_path)
    blocker = tmp_path / "index"
    blocker.write_text("a file where the index folder should be")
    settings = Settings.resolve(articles=articles, index=blocker)
    app = make_app(settings, remember=False, keymap={})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any("index" in n.lower() for n in notifications(app))
        assert main_screen(app).article_view.article is None


async def test_remembers_the_last_article_and_position(make, private_data_dir, indexed_settings):
    app = make(remember=True)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        main_screen(app).open_article(SECOND)
        await pilot.press(*["right_square_bracket"] * 12)
        where = app.screen.here()
        await pilot.press("q")
    saved = load_position(indexed_settings.articles_dir)
    assert saved == Position(SECOND, where.top_offset, where.mention_start)
    data = json.loads((private_data_dir / "positions.json").read_text())
    assert list(data) == [str(indexed_settings.articles_dir)]

    again = make(remember=True)
    async with again.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        view = again.screen.article_view
        assert view.article.id == SECOND
        assert view.current_mention.start == where.mention_start
        assert view.top_offset() == where.top_offset


async def test_the_position_is_saved_while_reading_once_still(
    make, private_data_dir, indexed_settings, monkeypatch
):
    """Not on every key (a write per mention moved), not only on quit (a killed
    terminal would lose it): once the reader has been still a moment."""
    import reader.tui.app as app_module

    monkeypatch.setattr(app_module, "POSITION_DELAY", 0.05)
    app = make(remember=True)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        for article_id in (SECOND, FIRST, SECOND):  # three opens, one write at least
            main_screen(app).open_article(article_id)
        where = app.screen.here()
        for _ in range(200):  # written while the app runs, no quit
            await pilot.pause(0.05)
            await settle(pilot)
            saved = load_position(indexed_settings.articles_dir)
            if saved is not None and saved.article_id == SECOND:
                break
        assert saved == Position(SECOND, where.top_offset, where.mention_start)
        await pilot.press("right_square_bracket", "right_square_bracket")
        later = app.screen.here()
        assert later != where
        await pilot.press("q")  # at once: the last moves are saved on quit
    assert load_position(indexed_settings.articles_dir) == Position(
        SECOND, later.top_offset, later.mention_start
    )


async def test_no_remember_neither_restores_nor_saves(make, private_data_dir, indexed_settings):
    save_position(indexed_settings.articles_dir, Position(SECOND, 0, None))
    app = make(remember=False)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        assert main_screen(app).article_view.article.id == FIRST
        await pilot.press("q")
    assert load_position(indexed_settings.articles_dir).article_id == SECOND


class ViewApp(App):
    """Just the article view, for texts the sample collection does not have."""

    CSS_PATH = ["../../reader/tui/reader.tcss"]

    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")


def make_article(text: str, title: str = "T") -> Article:
    return Article(id="x", title=title, text=text, path="x.txt", format="txt")


async def test_a_one_megabyte_article_opens_and_scrolls(monkeypatch):
    paragraph = ("Vladimir Putin met officials in Moscow on Friday. " * 12).strip()
    text = "\n\n".join(f"{i} {paragraph}" for i in range(1700))
    assert len(text) > 1_000_000
    mentions: list[StoredMention] = []
    for i in range(0, len(text), 997):
        start = text.find("Putin", i)
        if start >= 0 and (not mentions or start > mentions[-1].start):
            mentions.append(StoredMention("x", start, start + 5, "Putin", "PERSON", "p:putin"))
    app = ViewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        rendered: list[int] = []
        real = view._render_row

        def recording(row, width):
            rendered.append(row)
            return real(row, width)

        monkeypatch.setattr(view, "_render_row", recording)
        started = time.perf_counter()
        view.load(make_article(text), mentions)
        view.focus()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 10_000
        assert "1699" in visible_text(view) or view.is_offset_visible(len(text) - 1)
        view.set_current(len(mentions) - 1)
        await pilot.pause()
        assert view.is_offset_visible(mentions[-1].start)
        elapsed = time.perf_counter() - started
        # Only what is on screen is drawn: a few screens' worth, not 20,000 rows.
        assert len(set(rendered)) < 200
        assert elapsed < 20  # generous: this guards against drawing every row


async def test_hostile_text_is_shown_as_data():
    text = "[bold red]not markup[/] \x1b[31mESC\x1b[0m \u202eevil\u202c tab\there"
    mentions = [StoredMention("x", 1, 9, "bold red", "PERSON", "p:x")]
    app = ViewApp()
    async with app.run_test(size=(100, 10)) as pilot:
        view = app.query_one(ArticleView)
        view.load(make_article(text, title="[blink]title"), mentions)
        await pilot.pause()
        shown = visible_text(view)
        assert "[bold red]not markup[/]" in shown
        assert "\x1b" not in shown and "␛[31mESC" in shown
        assert "\u202e" not in shown
        assert "tab here" in shown
        # offsets survive sanitising: the mention still covers "bold red"
        row = view.row_of_offset(1)
        strip = view._render_row(row, 98)
        assert strip.text.startswith("[bold red]")
        assert row_text(view, row).find("bold red") == 1


async def test_when_every_file_was_skipped_the_app_says_why(tmp_path):
    from reader.indexer import update_index

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "empty.txt").write_text("")
    (articles / "blob.txt").write_bytes(bytes(range(256)) * 40)
    settings = Settings.resolve(articles=articles, index=tmp_path / "index", entities=False)
    update_index(settings, processes=1)
    app = make_app(settings, remember=False, build_on_start=False, keymap={})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = visible_text(main_screen(app).article_view)
        assert "No articles: 2 files in articles/ were skipped." in shown
        assert "blob.txt: skipped, looks like a binary file" in shown
        assert "empty.txt: skipped, the file is empty" in shown
        assert "ctrl+r" in shown
