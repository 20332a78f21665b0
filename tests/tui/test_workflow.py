"""Keeping track as a user does it: articles become read as they are read,
m / M / u, stars, tags with completion, notes, saved searches, history and
watched entities; the query fields in the search box; no key clashes."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from reader.tui.screens.workflow import (
    HistoryScreen,
    NewsScreen,
    NoteEditor,
    SavedSearchesScreen,
    TagPrompt,
)
from tests.tui.helpers import (
    main_screen,
    notifications,
    screen_lines,
    settle,
    settle_until,
    title_of,
    visible_text,
)

FIRST, SECOND = "000_dbd5abc5addd0f1b", "004_e5de60779731731b"


@pytest.fixture(autouse=True)
def quick_reading(monkeypatch):
    """Nothing becomes read by time here unless a test says so (3 s for a person)."""
    monkeypatch.setattr("reader.tui.screens.tracking.READ_AFTER", 60)


def row(app, article_id: str):
    pane = app.screen.article_list
    summary = next(a for a in pane.shown if a.id == article_id)
    return pane._prompt(summary)


def is_bold(text) -> bool:
    title_line = text.plain.split("\n")[0]
    start = 2
    return any(
        "bold" in str(span.style) and span.start <= start < span.end for span in text.spans
    ) and bool(title_line)


async def search_for(pilot, query: str) -> None:
    await pilot.press("slash")
    await pilot.press(*query)
    await pilot.pause(0.3)
    await settle(pilot)


async def test_an_article_shown_for_a_while_becomes_read_and_m_toggles(make, monkeypatch):
    monkeypatch.setattr("reader.tui.screens.tracking.READ_AFTER", 0.2)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.article_list
        await settle_until(pilot, lambda: "1 unread" in title_of(pane))
        assert title_of(pane) == "1 Articles 2 · 1 unread"
        assert (
            not is_bold(row(app, FIRST).copy()) or main_screen(app).article_view.article.id == FIRST
        )
        assert is_bold(row(app, SECOND))
        await pilot.press("m")  # the open article: unread again
        assert title_of(pane) == "1 Articles 2 · 2 unread"
        await pilot.press("m")
        assert title_of(pane) == "1 Articles 2 · 1 unread"
        # In the articles pane, m is for the highlighted article.
        await pilot.press("1", "j", "m")
        assert title_of(pane) == "1 Articles 2 · all read"
        assert not is_bold(row(app, SECOND))


async def test_mark_all_shown_read_and_undo(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.article_list
        await pilot.press("1", "M")
        assert title_of(pane) == "1 Articles 2 · all read"
        assert any("2 articles marked read; u: undo" in n for n in notifications(app))
        await pilot.press("u")
        assert title_of(pane) == "1 Articles 2 · 2 unread"
        await pilot.press("u")
        await settle(pilot)  # nothing else to undo: the curation journal (empty) is asked
        assert any("Nothing to undo" in n for n in notifications(app))


async def test_read_state_is_a_query_field_and_lasts_across_restarts(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "j", "m")  # the second article read
        await search_for(pilot, "is:unread")
        results = main_screen(app).search_panel.results_list
        assert results.option_count == 1
        assert main_screen(app).search_panel.results.ids(0, 1) == [FIRST]
    again = make()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not is_bold(row(again, SECOND))


async def test_star_tags_and_note_show_on_the_article(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = main_screen(app).article_view
        await pilot.press("asterisk")
        assert "★" in row(app, FIRST).plain.split("\n")[0]
        assert "★ starred" in visible_text(view)

        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, TagPrompt)
        await pilot.press(*"Sanctions, cold war", "enter")
        await pilot.pause()
        assert "tags: cold-war, sanctions" in visible_text(view)

        await pilot.press("plus")  # completion from the tags used
        await pilot.pause()
        tag_input = app.screen.query_one("#tag-input", Input)
        tag_input.value = ""
        await pilot.press(*"cold-war, sa")
        await pilot.pause(0.2)
        await pilot.press("right")
        assert tag_input.value == "cold-war, sanctions"
        await pilot.press("escape")

        await pilot.press("semicolon")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Ask the ministry", "enter", *"about the vote.")
        await pilot.press("escape")
        await pilot.pause()
        text = visible_text(view)
        assert "note: Ask the ministry" in text and "about the vote." in text

        await search_for(pilot, "note:ministry tag:sanctions is:starred")
        assert main_screen(app).search_panel.results.ids(0, 5) == [FIRST]


async def test_a_bad_tag_or_huge_note_says_why_and_keeps_the_old(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*'say "hi"', "enter")
        await pilot.pause()
        assert isinstance(app.screen, TagPrompt)  # still open, with the reason
        assert any("a tag is letters, digits" in n for n in notifications(app))
        await pilot.press("escape")
        await pilot.press("semicolon")
        await pilot.pause()
        app.screen.query_one("#note-text", TextArea).text = "x" * 200_000
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert any("the note is too long" in n for n in notifications(app))


async def test_saved_searches_count_total_and_unread_and_run(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "j", "m")  # SECOND read
        await search_for(pilot, "referendum")
        await pilot.press("enter")  # from the box to the results (S would be typed)
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SavedSearchesScreen)
        await pilot.press("a", *"Votes", "enter")
        await settle(pilot)
        options = app.screen.options
        first = options.get_option_at_index(0).prompt.plain
        assert first.startswith("Votes") and "2 total" in first and "1 unread" in first
        await pilot.press("escape")
        await settle(pilot)
        main_screen(app).search_panel.input.value = ""
        await pilot.press("escape")  # back in the search box: Esc leaves it
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("enter")  # runs it
        await pilot.pause(0.3)
        await settle(pilot)
        assert main_screen(app).search_panel.input.value == "referendum"
        assert main_screen(app).search_panel.results_list.option_count == 2


async def test_history_lists_what_was_opened_newest_first(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Zaporizhzhia")
        await pilot.press("enter", "enter")  # open the first hit
        await pilot.pause()
        opened = main_screen(app).article_view.article
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        lines = [
            app.screen.options.get_option_at_index(i).prompt.plain
            for i in range(app.screen.options.option_count)
        ]
        assert lines[0].split("  ", 1)[1].startswith("▤ " + opened.title[:30])
        assert lines[1].split("  ", 1)[1].startswith("/ Zaporizhzhia")
        assert len(lines) == 2  # the article shown at start was not opened by the user
        await pilot.press("j", "enter")  # the search again
        await pilot.pause(0.3)
        await settle(pilot)
        assert main_screen(app).search_panel.input.value == "Zaporizhzhia"
        await pilot.press("slash")
        main_screen(app).search_panel.input.value = ""
        await pilot.press(*"kherson")
        await pilot.pause(0.3)
        await pilot.press("enter")  # to the results: in the history
        await settle(pilot)
        assert app.library.userdata.history()[0].key == "kherson"


async def test_watching_an_entity_then_what_is_new(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")  # a current mention
        name = app.library.entity(main_screen(app).article_view.current_mention.entity_id).name
        await pilot.press("w")
        assert any(f"Watching {name}" in n for n in notifications(app))
        assert [w.name for w in app.library.userdata.watched()] == [name]
        await pilot.press("W")
        await settle(pilot)
        assert isinstance(app.screen, NewsScreen)
        assert "Nothing new" in app.screen.options.get_option_at_index(0).prompt.plain
        await pilot.press("escape")
        await pilot.press("w")
        assert app.library.userdata.watched() == []


def test_keys_of_keeping_track_clash_with_no_other_key_on_the_main_screen():
    """Each of these keys means one thing on the main screen, whichever pane has focus."""
    from reader.actions import actions_for

    on_main_screen = ("app", "main", "article_view", "lists", "articles", "entities")
    ours = {k: a.id for a in actions_for("track") for k in a.keys.split(",") if k}
    others = {k: a.id for w in on_main_screen for a in actions_for(w) for k in a.keys.split(",")}
    assert set(ours) == {"m", "M", "asterisk", "plus", "semicolon", "w", "S", "h", "W"}
    assert others["u"] == "app.undo"  # the reader's one undo: mark-all-read and curation
    assert {k: (ours[k], others[k]) for k in set(ours) & set(others)} == {}
    assert others["equals_sign"] == "article.related"  # moved from m to =
    assert "C" not in ours and "ctrl+z" not in ours  # the curation helper's keys


async def test_w_on_the_entity_page_watches_it(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "e")
        await settle(pilot)
        page = app.screen
        assert type(page).__name__ == "EntityScreen"
        await pilot.press("w")
        assert [w.entity_id for w in app.library.userdata.watched()] == [page.entity_id]
        assert any(f"Watching {page.entity.name}" in n for n in notifications(app))
        await pilot.press("w")
        assert app.library.userdata.watched() == []


async def test_tags_and_a_note_on_the_entity_page_and_note_finds_its_articles(make):
    """+ and ; on an entity's page; its header shows them; note:WORDS in the search
    box then finds every article mentioning the entity."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "e")
        await settle(pilot)
        page = app.screen
        assert type(page).__name__ == "EntityScreen"

        def header() -> str:
            return "\n".join(screen_lines(app)[:8])

        assert "tags:" not in header()
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, TagPrompt)
        await pilot.press(*"Key figure", "enter")
        await pilot.pause()
        assert "tags: key-figure" in header()
        await pilot.press("semicolon")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Ask about the quarrel", "enter", *"second line")
        await pilot.press("escape")
        await pilot.pause()
        shown = header()
        assert "note: Ask about the quarrel  (+1 line: ; shows all)" in shown
        await pilot.press("w")
        assert "◉ watched  tags: key-figure" in header()
        mentioning = app.library.store.articles_mentioning([page.entity_id])
        await pilot.press("escape")
        await settle(pilot)
        await search_for(pilot, "note:quarrel")
        results = main_screen(app).search_panel.results
        assert set(results.ids(0, results.total)) == mentioning


async def test_after_an_update_the_reader_tells_what_is_new(tmp_path, make):
    """Watch Putin and save a search, add an article to the folder, update:
    '… new mentions of Vladimir Putin in 1 article'; W lists it, then it is seen."""
    import shutil

    from reader.config import Settings
    from reader.indexer import update_index
    from reader.library import Library
    from reader.workflow.news import entity_articles
    from tests.tui.conftest import SAMPLES

    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SAMPLES / f"{FIRST}.txt", articles)
    settings = Settings.resolve(articles=articles, index=tmp_path / "index", entities=True)
    update_index(settings, processes=1)
    with Library(settings) as library:
        putin = library.find_entity("Vladimir Putin")
        mentioned = entity_articles(library, putin.id)
        assert mentioned is not None
        library.userdata.watch(putin.id, putin.name, mentioned)
        library.userdata.save_search("Votes", "referendum", seen=[FIRST])
    shutil.copy(SAMPLES / f"{SECOND}.txt", articles)

    app = make(settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle_until(pilot, lambda: any("What is new" in n for n in notifications(app)))
        said = next(n for n in notifications(app) if "What is new" in n)
        assert "of Vladimir Putin in 1 article" in said and "Votes: 1 new match" in said
        await pilot.press("W")
        await settle(pilot)
        assert isinstance(app.screen, NewsScreen)
        lines = [
            app.screen.options.get_option_at_index(i).prompt.plain
            for i in range(app.screen.options.option_count)
        ]
        assert lines[0].endswith("of Vladimir Putin in 1 article")
        assert "The ceremony officially annexing" in lines[1]
        await pilot.press("enter")  # opens it; what was new is seen now
        await pilot.pause()
        assert main_screen(app).article_view.article.id == SECOND
        await pilot.press("W")
        await settle(pilot)
        assert "Nothing new" in app.screen.options.get_option_at_index(0).prompt.plain


async def test_an_unwritable_data_folder_is_said_once_then_a_quiet_status(
    make, tmp_path, monkeypatch
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "reader"))
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1", "j", "enter", "k", "enter")  # two articles opened
        await settle(pilot)
        await pilot.press("m", "asterisk", "plus")
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "w", "w")  # watch
        await settle(pilot)
        said = [n for n in notifications(app) if n.startswith(("User data", "Watch"))]
        assert len(said) == 1 and "cannot keep marks, tags and notes" in said[0]
        status = main_screen(app).article_view.border_subtitle
        assert "marks, tags and notes are not kept" in str(status)
        assert not isinstance(app.screen, TagPrompt)


async def test_the_palette_exports_and_imports_user_data(make, tmp_path, monkeypatch):
    """Export user data to a file; in another data folder (another machine),
    Import user data brings the star and tag back; a bad file is one message."""
    from reader.tui.exporting import ExportPrompt
    from reader.tui.screens.workflow import ImportPrompt
    from tests.tui.test_analytics import palette

    monkeypatch.chdir(tmp_path)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("asterisk", "plus")
        await pilot.pause()
        await pilot.press(*"kremlin", "enter")
        await pilot.pause()
        await palette(pilot, "Export user data")
        assert isinstance(app.screen, ExportPrompt)
        path = app.screen.query_one("#export-path", Input).value
        assert path.startswith(str(tmp_path / "reader-userdata-"))
        await pilot.press("enter")
        await settle_until(pilot, lambda: any("Exported" in n for n in notifications(app)))
        assert any("2 rows (csv)" in n for n in notifications(app))

    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "another-machine"))
    (tmp_path / "bad.csv").write_text("kind,key\nshout,x\n")
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "★" not in row(app, FIRST).plain.split("\n")[0]
        await palette(pilot, "Import user data")
        assert isinstance(app.screen, ImportPrompt)
        await pilot.press(*str(tmp_path / "bad.csv"), "enter")
        await settle_until(pilot, lambda: any("Import failed" in n for n in notifications(app)))
        assert any("bad.csv row 1: unknown kind 'shout'" in n for n in notifications(app))
        await palette(pilot, "Import user data")
        await pilot.press(*path, "enter")
        await settle_until(pilot, lambda: any("Import Imported" in n for n in notifications(app)))
        assert "Import Imported user data: 2 added, 0 already there." in notifications(app)
        assert "★" in row(app, FIRST).plain.split("\n")[0]
        assert "tags: kremlin" in visible_text(main_screen(app).article_view)
