"""Search, the articles and entities panes, help, the palette, narrow terminals."""

from __future__ import annotations

from textual import events

from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.search_panel import SearchInput, SearchResultsList
from tests.tui.helpers import main_screen, settle, subtitle_of, title_of

FIRST, SECOND = "000_dbd5abc5addd0f1b", "004_e5de60779731731b"
PUTIN = "person:vladimir-putin"


async def search_for(pilot, query: str, focus: bool = True) -> None:
    if focus:
        await pilot.press("slash")
    await pilot.press(*query)
    await pilot.pause(0.3)  # the debounce
    await settle(pilot)


async def test_slash_focuses_search_and_results_follow_typing(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "referendum")
        panel = app.screen.search_panel
        assert isinstance(app.focused, SearchInput)
        assert panel.input.value == "referendum"
        results = panel.results_list
        assert results.option_count == 2
        first = results.get_option_at_index(0).prompt
        assert "referendum" in first.plain.lower()
        assert "2 matching articles" in str(panel.query_one("#search-status").render())


def type_at_once(app, keys: str) -> None:
    """Keys arriving together, as from a fast typist or a paste after `/`: no
    pause between them for the app to catch up (Pilot.press pauses)."""
    for char in keys:
        name = {"/": "slash", " ": "space"}.get(char, char)
        app.post_message(events.Key(name, char))


async def test_keys_typed_right_after_slash_or_f_reach_the_box(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        type_at_once(app, "/referendum")
        await pilot.pause(0.3)
        await settle(pilot)
        panel = app.screen.search_panel
        assert panel.input.value == "referendum"
        assert isinstance(app.focused, SearchInput)
        await pilot.press("escape", "1")
        await settle(pilot)
        type_at_once(app, "fann")
        await settle(pilot)
        assert app.screen.article_list.filter_input.value == "ann"


async def test_opening_a_result_scrolls_to_the_first_match_and_n_moves(make):
    app = make()
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Zaporizhzhia")
        await pilot.press("enter")  # from the box to the results
        assert isinstance(app.focused, SearchResultsList)
        hit_id = app.focused.highlighted_option.id
        await pilot.press("enter")
        await pilot.pause()
        view = main_screen(app).article_view
        assert isinstance(app.focused, ArticleView) and app.focused is view
        assert view.article.id == hit_id
        assert len(view.matches) >= 2
        assert view.current_match == 0
        assert view.is_offset_visible(view.matches[0][0])
        await pilot.press("n")
        assert view.current_match == 1
        assert view.is_offset_visible(view.matches[1][0])
        await pilot.press("N")
        assert view.current_match == 0
        await pilot.press("N")
        await pilot.pause()
        assert subtitle_of(view).endswith("· search hit TOP")
        # The query stays active: the other article shows its matches too.
        other = SECOND if hit_id == FIRST else FIRST
        app.screen.open_article(other)
        assert view.matches


async def test_a_search_result_makes_the_mention_at_the_match_current(make):
    """Open a result for a name: } then follows that entity straight away."""
    app = make()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "Kherson")
        await pilot.press("enter", "enter")
        await pilot.pause()
        view = app.screen.article_view
        current = view.current_mention
        assert current is not None
        assert view.article.text[current.start : current.end] == "Kherson"
        assert current.start == view.matches[view.current_match][0]
        first_entity = current.entity_id
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert view.current_mention.entity_id == first_entity
        assert "no current" not in subtitle_of(view)


async def test_query_errors_and_did_you_mean_show_inline(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await search_for(pilot, "nosuchfield:x")
        status = str(app.screen.search_panel.query_one("#search-status").render())
        assert "unknown field" in status
        await pilot.press(*["backspace"] * len("nosuchfield:x"))
        await search_for(pilot, "refrendum", focus=False)
        panel = app.screen.search_panel
        status = str(panel.query_one("#search-status").render())
        assert "No matches" in status and "referendum" in status
        await pilot.press("ctrl+y")
        await pilot.pause(0.3)
        await settle(pilot)
        assert panel.input.value == "referendum"
        assert panel.results_list.option_count == 2


async def test_articles_pane_sorts_filters_and_opens(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.article_list
        await pilot.press("1")
        assert app.focused is pane.options
        assert [a.id for a in pane.shown] == [FIRST, SECOND]
        await pilot.press("s", "s")  # collection -> date -> title
        assert pane.sort_key == "title"
        assert [a.id for a in pane.shown] == [FIRST, SECOND]  # "Russian..." < "The..."
        await pilot.press("r")
        assert [a.id for a in pane.shown] == [SECOND, FIRST]
        await pilot.press("f", *"ceremony")
        assert [a.id for a in pane.shown] == [SECOND]
        assert "1/2" in title_of(pane)
        await pilot.press("enter")  # one match: Enter opens it
        await pilot.pause()
        assert app.screen.article_view.article.id == SECOND
        assert app.focused is app.screen.article_view
        await pilot.press("1", "escape")
        assert len(pane.shown) == 2


async def test_entities_pane_marks_and_chooses(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        await pilot.press("3")
        options = app.screen.entity_list.options
        assert app.focused is options
        await pilot.press("j")  # the first entity under "People"
        entity = options.highlighted_option.id
        assert view.selected_entity == entity
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is view
        assert view.current_mention.entity_id == entity
        # } follows the chosen entity
        await pilot.press("3", "t")
        assert app.screen.entity_list.scope == "collection"
        assert "whole collection" in app.screen.entity_list._border_subtitle.plain
        await pilot.press("j", "e")
        await pilot.pause()
        assert type(app.screen).__name__ == "EntityScreen"


async def test_tab_and_number_keys_move_between_panes(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.pane == "article"
        await pilot.press("tab")
        assert screen.pane == "entities" and app.focused is screen.entity_list.options
        await pilot.press("tab")
        assert screen.pane == "search" and isinstance(app.focused, SearchInput)
        await pilot.press("tab")
        assert screen.pane == "articles"
        await pilot.press("shift+tab")
        assert screen.pane == "search"
        await pilot.press("escape")  # Esc leaves the search box for the article
        assert app.focused is screen.article_view
        await pilot.press("4", "escape", "1")  # digits type into the box; Esc first
        assert app.focused is screen.article_list.options


async def test_narrow_terminal_shows_one_pane_at_a_time(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        sidebar = screen.query_one("#sidebar")
        entities = screen.query_one("#entities-pane")
        view = screen.article_view
        assert view.display and not sidebar.display and not entities.display
        await pilot.press("1")
        await pilot.pause()
        assert sidebar.display and not view.display
        assert app.focused is screen.article_list.options
        await pilot.press("enter")
        await pilot.pause()
        assert view.display and not sidebar.display
        await pilot.press("3")
        await pilot.pause()
        assert entities.display and not view.display
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        assert view.display and view.current_mention is not None


async def test_resizing_the_terminal_switches_layouts(make):
    # The first screen starts with the breakpoint class of the terminal's width and
    # skips Textual's same-size relayouts; a real resize still lays out again.
    app = make()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        sidebar = screen.query_one("#sidebar")
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        assert sidebar.display and sidebar.region.width >= 28
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-narrow") and not sidebar.display
        assert screen.article_view.region.width == 80
        await pilot.resize_terminal(130, 30)
        await settle(pilot)
        assert screen.has_class("-wide") and sidebar.display
        assert screen.article_view.region.right < 130


async def test_help_lists_every_action_with_current_keys(make):
    app = make(keymap={"mention.next": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        assert app.screen.article_view.current_mention.start == 0  # remapped
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=200, record=True)
        console.print(app.screen.content)
        text = console.export_text()
        for label in (
            "Next mention",
            "Same entity",
            "Entity",
            "Back",
            "Forward",
            "Next match",
            "Search",
            "Help",
            "Quit",
        ):
            assert label in text
        assert "mention.next" in text
        line = next(ln for ln in text.splitlines() if "mention.next" in ln)
        assert line.strip().startswith("x")
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_reader_actions(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next mention")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.article_view
        assert view.current_mention is not None and view.current_mention.start == 0


async def test_the_collection_entity_list_says_how_many_and_shows_more_on_enter(make, monkeypatch):
    from reader.tui.widgets import entity_list

    monkeypatch.setattr(entity_list, "COLLECTION_PAGE", 10)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        total = app.library.entity_listing().total
        assert total > 20
        await pilot.press("3", "t")
        await settle(pilot)
        pane = app.screen.entity_list
        assert title_of(pane) == f"3 Entities 10 of {total}"
        options = pane.options
        last = options.get_option_at_index(options.option_count - 1).prompt.plain
        assert last.startswith(f"… {total - 10} more (the 10 most mentioned are shown)")
        assert "Enter shows 10 more" in last
        await pilot.press("G", "enter")
        await settle(pilot)
        assert title_of(pane) == f"3 Entities 20 of {total}"
        assert app.screen is not None and pane.options.highlighted == options.option_count - 1
        while "more" in title_of(pane) or " of " in title_of(pane):
            await pilot.press("G", "enter")
            await settle(pilot)
        assert title_of(pane) == f"3 Entities {total}"  # all shown: no count of, no more row
        last = options.get_option_at_index(options.option_count - 1).prompt.plain
        assert "more" not in last
