"""Reading an article and moving between linked mentions, as a person would."""

from __future__ import annotations

import pytest

from reader.library import Library
from reader.tui.screens.entity import EntityScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.article_view import ArticleView
from tests.tui.helpers import (
    main_screen,
    notifications,
    screen_lines,
    settle,
    subtitle_of,
    title_of,
    visible_text,
)

FIRST, SECOND = "000_dbd5abc5addd0f1b", "004_e5de60779731731b"
PUTIN = "person:vladimir-putin"


def putin_starts(settings, article_id):
    lib = Library(settings)
    try:
        return [m.start for m in lib.mentions(article_id) if m.entity_id == PUTIN]
    finally:
        lib.close()


async def test_opens_on_the_first_article_with_its_entities(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        view = screen.article_view
        assert view.article.id == FIRST
        assert "Russian President Vladimir Putin" in visible_text(view)
        assert "000_dbd5abc5addd0f1b.txt" in visible_text(view)  # the meta line
        assert title_of(view).startswith("2 Russian President")
        assert len(screen.article_list.shown) == 2
        entity_ids = [o.id for o in screen.entity_list.options.options]
        assert PUTIN in entity_ids and "type:PERSON" in entity_ids
        assert app.focused is view


async def test_bracket_keys_move_the_current_mention(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        assert view.current is None
        await pilot.press("right_square_bracket")
        assert view.current_mention.text == "Russian" and view.current_mention.start == 0
        await pilot.press("right_square_bracket")
        assert view.current_mention.text == "Vladimir Putin"
        assert "Vladimir Putin" in subtitle_of(view)
        assert "PERSON" in subtitle_of(view)
        await pilot.press("left_square_bracket")
        assert view.current_mention.start == 0
        # The entities pane follows the current mention.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.entity_list.options.highlighted_option.id == PUTIN


async def test_current_mention_is_scrolled_into_view(make):
    app = make()
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        for _ in range(len(view.mentions)):
            await pilot.press("right_square_bracket")
            assert view.is_offset_visible(view.current_mention.start)
        assert view.current == len(view.mentions) - 1
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert subtitle_of(view).endswith("· last mention here")
        assert view.scroll_y > 0


async def test_scrolling_then_next_mention_starts_from_the_view(make):
    app = make()
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        await pilot.press("right_square_bracket")  # first mention, at the top
        await pilot.press("G")  # jump to the end: the current mention is off screen
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert view.current_mention.start >= view.top_offset()
        assert view.is_offset_visible(view.current_mention.start)


async def test_same_entity_continues_into_the_next_article(make, indexed_settings):
    first = putin_starts(indexed_settings, FIRST)
    second = putin_starts(indexed_settings, SECOND)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.current_mention.entity_id == PUTIN
        for start in first[1:]:
            await pilot.press("right_curly_bracket")
            assert (view.article.id, view.current_mention.start) == (FIRST, start)
        await pilot.press("right_curly_bracket")  # crosses into the next article
        await pilot.pause()
        assert view.article.id == SECOND
        assert view.current_mention.start == second[0]
        assert view.is_offset_visible(second[0])
        # Where it went is on the status line, not in a toast over the text.
        assert subtitle_of(view).endswith("· article 2/2 with Vladimir Putin")
        assert not notifications(app)
        # and back again: the previous article, at its last mention
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert (view.article.id, view.current_mention.start) == (FIRST, first[-1])


async def test_back_and_forward_restore_article_and_current_mention(make, indexed_settings):
    second = putin_starts(indexed_settings, SECOND)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        await pilot.press("right_square_bracket", "right_square_bracket", "J")
        before = (view.article.id, view.current_mention.start)
        await pilot.press("J")  # the second Putin mention is the last here: cross
        assert view.article.id == SECOND
        await pilot.press("ctrl+o")
        assert (view.article.id, view.current_mention.start) == before
        await pilot.press("L")
        assert (view.article.id, view.current_mention.start) == (SECOND, second[0])
        await pilot.press("backspace")
        assert view.article.id == FIRST
        await pilot.press("alt+right")
        assert view.article.id == SECOND


async def test_entity_page_and_jump_to_a_mention(make, indexed_settings):
    second = putin_starts(indexed_settings, SECOND)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "e")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, EntityScreen)
        assert page.entity_id == PUTIN
        header = str(page.query_one("#entity-header").render())
        assert "Vladimir Putin" in header and "PERSON" in header
        mentions = page.mentions_list
        assert mentions.option_count == 6  # every mention across the collection
        assert app.focused is mentions
        # Context lines are in article order: the third is the first in the second article.
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        view = app.screen.article_view
        assert (view.article.id, view.current_mention.start) == (SECOND, second[0])
        assert view.is_offset_visible(second[0])
        await pilot.press("H")  # back to where the page was opened from
        assert view.article.id == FIRST


async def test_entity_page_lists_cooccurring_entities_and_articles(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.show_entity_page(PUTIN)
        await settle(pilot)
        page = app.screen
        co = page.query_one("#entity-cooccurring")
        arts = page.query_one("#entity-articles")
        assert co.option_count > 0
        assert [summary.id for summary, _ in page._articles] == [FIRST, SECOND]
        assert arts.option_count == 2
        other = page._co[0].entity.id
        await pilot.press("2", "e")  # its page, here
        await settle(pilot)
        assert page.entity_id == other
        await pilot.press("backspace")  # back to Putin on the same page
        await settle(pilot)
        assert page.entity_id == PUTIN
        await pilot.press("3", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.article_view.article.id == SECOND


async def test_escape_closes_the_entity_page(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.show_entity_page(PUTIN)
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert app.focused is app.screen.article_view


async def test_closing_the_entity_page_on_a_narrow_terminal_returns_to_the_text(make):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "e")
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is main_screen(app).article_view
        assert main_screen(app).article_view.display


async def test_date_mentions_have_no_entity_page(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        await pilot.press(*["right_square_bracket"] * 3)
        assert view.current_mention.label == "DATE"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert subtitle_of(view).endswith("· DATE mentions have no entity page")


async def test_clicking_a_mention_makes_it_current(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        row = view.row_of_offset(18) - int(view.scroll_y)
        # "Russian President Vladimir": the mention starts 18 cells into its row
        await pilot.click(ArticleView, offset=(2 + 19, 1 + row))  # border, padding
        assert view.current_mention is not None
        assert view.current_mention.text == "Vladimir Putin"


async def test_crossing_articles_quickly_leaves_no_toasts(make):
    """} and { across articles say where they went on the status line, which each
    press replaces: no toasts over the text, none stacking up."""
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.current_mention.entity_id == PUTIN
        await pilot.press(*["right_curly_bracket"] * 6)
        await pilot.pause()
        assert not notifications(app)
        status = subtitle_of(view)
        assert status.count("·") == 1 and "Putin" in status
        bottom = screen_lines(app)[-2]  # the pane's bottom border: the status line
        assert "Putin" in bottom
        await pilot.press("right_square_bracket")
        assert "with Vladimir Putin" not in subtitle_of(view)  # a new move, a new status


async def test_counts_of_one_are_singular(make):
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lib = app.library
        once = next(e for e in lib.entities() if e.mention_count == 1 and e.article_count == 1)
        app.screen.show_entity_page(once.id)
        await pilot.pause()
        header = str(app.screen.query_one("#entity-header").render())
        assert "1 mention in 1 article" in header
        await pilot.press("escape")
        # An article with one entity, in the articles list.
        articles = app.screen.article_list
        summary = articles.summaries[0]._replace(n_entities=1)
        assert "1 entity" in articles._prompt(summary).plain
        assert "1 entities" not in articles._prompt(summary).plain
        # One search hit.
        await pilot.press("slash", *"Peskov")
        await settle(pilot)
        status = str(app.screen.search_panel.query_one("#search-status").render())
        assert status == "1 matching article"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_space_pages_through_the_article_and_b_back(make, size):
    app = make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        page = view.scrollable_content_region.height
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_y == page
        await pilot.press("space", "b")
        await pilot.pause()
        assert view.scroll_y == min(2 * page, view.max_scroll_y) - page
        # After opening an article from the list, too.
        await pilot.press("1", "j", "enter", "space")
        await pilot.pause()
        assert app.focused is view and view.scroll_y > 0


async def test_holding_the_same_entity_key_draws_where_it_ends(make, indexed_settings, monkeypatch):
    """A held } repeats faster than articles are drawn: the screen follows the
    last press (a few draws, not one per press) and ends exactly where pressing
    one at a time would; another key first draws where } got to, then acts."""
    # The Pilot presses a key every ~100 ms (a held key repeats every ~33 ms):
    # widen the windows so its presses count as held.
    monkeypatch.setattr("reader.tui.screens.main.HELD_INTERVAL", 2.0)
    monkeypatch.setattr("reader.tui.screens.main.HELD_DRAW_DELAY", 1.0)
    tour = [(FIRST, s) for s in putin_starts(indexed_settings, FIRST)]
    tour += [(SECOND, s) for s in putin_starts(indexed_settings, SECOND)]
    presses = 3 * len(tour) + 2
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.article_view
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert (view.article.id, view.current_mention.start) == tour[0]
        opened = []
        open_article = screen.open_article

        def counting(article_id, **kwargs):
            opened.append(article_id)
            return open_article(article_id, **kwargs)

        screen.open_article = counting
        await pilot.press(*["right_curly_bracket"] * presses)
        await pilot.pause(1.3)
        assert (view.article.id, view.current_mention.start) == tour[presses % len(tour)]
        assert "with Vladimir Putin" in subtitle_of(view)
        crossings = 2 * 3 + 1  # three rounds over two articles, then into the second
        assert 1 <= len(opened) < crossings

        # Held again, into the other article, then another key at once: it acts
        # on the article } reached, not on the one drawn before.
        here = presses % len(tour)
        back = next(
            k for k in range(2, len(tour) + 1) if tour[(here - k) % len(tour)][0] != tour[here][0]
        )
        await pilot.press(*["left_curly_bracket"] * back, "right_square_bracket")
        await pilot.pause()
        article, start = tour[(here - back) % len(tour)]
        assert view.article.id == article != tour[here][0]
        assert view.current_mention.start > start


async def test_a_hard_wrapped_paragraph_fills_the_pane_and_a_table_keeps_its_lines(make, tmp_path):
    from reader.config import Settings
    from reader.indexer import update_index

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wire.txt").write_text(
        "HADLEY <HADL> APPOINTS HOLLOWAY\n\n"
        "    OSAKA, Sept 18 - Hadley Insurance Co Ltd said Janet Zimmer will\n"
        "retire as chief financial officer on March 1 and will be succeeded\n"
        "by Lars S. Holloway.\n\n"
        "    Shr 187 cts vs 47 cts\n"
        "    Net 368 mln vs 228 mln\n",
        encoding="utf-8",
    )
    settings = Settings.resolve(folder, tmp_path / "index", entities=False)
    update_index(settings, processes=1)
    app = make(settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.article_view
        shown = [line.rstrip() for line in visible_text(view).splitlines()]
        # one paragraph, wrapped at the pane's width (not at the wire's 66 columns)
        assert any("Janet Zimmer will retire as chief" in line for line in shown)
        assert "    Shr 187 cts vs 47 cts" in shown and "    Net 368 mln vs 228 mln" in shown
        # offsets unchanged: the stored text keeps its line breaks
        assert "will\nretire" in view.article.text
