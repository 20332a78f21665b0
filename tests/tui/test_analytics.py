"""Timelines, the concordance, co-occurrence, compare, related articles, versions,
diffs and exports in the app, on a dated collection with hand-set entities
(tests/analytics/hand.py): Alice Moreau is in 20 articles (30 mentions, 3
undated), always with Bob Varga; news#d00 and news#d01 are two versions."""

from __future__ import annotations

import csv

import pytest
from rich.console import Console
from textual.widgets import Input, Sparkline

from reader.tui.exporting import ExportPrompt
from reader.tui.screens.compare import ComparePrompt, CompareScreen
from reader.tui.screens.entity import EntityScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.related import RelatedScreen
from reader.tui.screens.versions import DiffScreen, VersionsScreen
from reader.tui.widgets.lists import VimOptionList
from reader.tui.widgets.timeline import SearchTimeline, TimelineChart
from tests.tui.helpers import notifications, settle, settle_until, title_of

ALICE, BOB = "alice moreau", "bob varga"


@pytest.fixture
def dated(make, dated_settings):
    return lambda **kw: make(settings=dated_settings, **kw)


async def alice_page(pilot) -> EntityScreen:
    await settle(pilot)
    await pilot.press("right_square_bracket", "e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EntityScreen) and screen.entity_id == ALICE and screen.loaded
    return screen


async def palette(pilot, command: str) -> None:
    """Run a command from the command palette, as a user would."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def plain(widget) -> str:
    return str(widget.render())


def mention_rows(screen: EntityScreen) -> list[str]:
    mentions = screen.mentions_list
    return [mentions.get_option_at_index(i).prompt.plain for i in range(mentions.option_count)]


async def test_the_entity_page_has_a_chart_when_wide_and_a_sparkline_when_narrow(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await alice_page(pilot)
        chart = screen.query_one(TimelineChart)
        summary = plain(chart.query_one(".timeline--summary"))
        assert summary.startswith("27 mentions per week · 3 undated · peak 4")
        from textual_plotext import PlotextPlot

        plot = chart.query_one(PlotextPlot)
        assert plot.display and not chart.query_one(".timeline--spark-row").display
        drawn = plain(plot)
        assert "2024-01-01" in drawn and "per week" in drawn and "mentions" in drawn
    app = dated()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await alice_page(pilot)
        chart = screen.query_one(TimelineChart)
        assert chart.query_one(".timeline--spark-row").display
        assert len(chart.query_one(Sparkline).data or []) == 24  # weeks from 1 January
        assert plain(chart.query_one(".timeline--first")) == "2024-01-01"
        assert not chart.query(PlotextPlot) or not chart.query_one(PlotextPlot).display


async def test_mentions_sort_by_context_with_the_mention_in_one_column(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await alice_page(pilot)
        rows = mention_rows(screen)
        assert len(rows) == 30
        column = rows[0].index("Alice Moreau")
        assert all(row[column : column + 12] == "Alice Moreau" for row in rows)
        assert "s: sort · by article" in str(screen.mentions_list.border_subtitle)
        await pilot.press("s")  # left context
        await pilot.pause()
        assert screen.sort == "left"
        lefts = [
            line.before.split()[-1].casefold() if line.before.split() else ""
            for line in screen._lines
        ]
        assert lefts == sorted(lefts)
        await pilot.press("s", "s")  # right, then date
        await pilot.pause()
        dates = [line.date for line in screen._lines]
        dated = [d for d in dates[:27] if d is not None]
        assert dated == sorted(dated) and len(dated) == 27 and dates[27:] == [None] * 3
        assert "by date" in str(screen.mentions_list.border_subtitle)
        await pilot.press("s")  # article again
        await pilot.pause()
        assert screen.sort == "article"


async def test_seen_with_shows_the_measure_and_a_pair_opens_with_both_highlighted(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await alice_page(pilot)
        co = screen.cooccurring_list
        assert "llr" in title_of(co)
        first = co.get_option_at_index(0).prompt.plain
        assert "Bob Varga" in first and first.split()[:2] == ["20", "55.5"]
        await pilot.press("2", "enter")  # the articles with both
        await pilot.pause()
        arts = screen.articles_list
        assert title_of(arts) == "3 With Bob Varga (20)" and app.focused is arts
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.article_view
        assert view.article.id == "news#d00"
        highlighted = {view.article.text[s:e] for s, e in view.matches}
        assert highlighted == {"Alice Moreau", "Bob Varga"}
        assert any("Alice Moreau and Bob Varga highlighted" in n for n in notifications(app))


async def test_all_articles_again_and_another_entity_page(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await alice_page(pilot)
        await pilot.press("2", "enter", "a")
        await pilot.pause()
        assert title_of(screen.articles_list).startswith("3 Articles (20)")
        await pilot.press("2", "e")  # Bob's page here
        await settle(pilot)
        assert screen.entity_id == BOB and screen.loaded
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.entity_id == ALICE


async def test_compare_two_timelines_side_by_side(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await alice_page(pilot)
        await pilot.press("c")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ComparePrompt)
        assert prompt.query_one("#compare-input", Input).value == "Bob Varga"  # seen with most
        await pilot.press("enter")
        await settle(pilot)
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert "Alice Moreau (20 articles) vs Bob Varga (20 articles)" in plain(
            compare.query_one("#compare-header")
        )
        first, second = compare.query(TimelineChart)
        assert [b.label for b in first.timeline.buckets] == [
            b.label for b in second.timeline.buckets
        ]
        assert first.region.y == second.region.y  # side by side
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#compare-input", Input).value = "Nobody at all"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComparePrompt)
        assert any("no entity named" in n for n in notifications(app))


async def test_versions_are_shown_collapsed_and_diffed(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.screen.article_list
        row = articles.options.get_option_at_index(0).prompt.plain
        assert "2 versions" in row
        await pilot.press("1", "z")
        await pilot.pause()
        assert title_of(articles).startswith("1 Articles 39/40 · ") and "versions collapsed" in str(
            articles.border_subtitle
        )
        assert [a.id for a in articles.shown[:1]] == ["news#d01"]  # the latest
        await pilot.press("z")
        assert title_of(articles).startswith("1 Articles 40 · ")
        await pilot.press("2", "v")
        await pilot.pause()
        versions = app.screen
        assert isinstance(versions, VersionsScreen)
        assert [s.id for s in versions.versions] == ["news#d00", "news#d01"]
        await pilot.press("d")
        await pilot.pause()
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        assert "11 words added, 1 removed" in plain(diff.query_one("#diff-header"))
        await pilot.press("escape", "enter")  # back to the versions, open the other
        await settle(pilot)
        assert app.screen.article_view.article.id == "news#d01"
        app.screen.open_article("news#d05")
        await pilot.press("v")
        await pilot.pause()
        assert any("No other version" in n for n in notifications(app))


async def test_with_versions_collapsed_reading_one_marks_the_story_read(dated, monkeypatch):
    monkeypatch.setattr("reader.tui.screens.tracking.READ_AFTER", 0.2)
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        marks = app.screen.tracker.marks
        app.screen.open_article("news#d05")  # not a version of anything: only itself
        await settle_until(pilot, lambda: "news#d05" in marks.read)
        await pilot.press("1", "z")
        await pilot.pause()
        assert [a.id for a in app.screen.article_list.shown[:1]] == ["news#d01"]
        app.screen.open_article("news#d01")
        await settle_until(pilot, lambda: "news#d01" in marks.read)
        assert {"news#d00", "news#d01"} <= marks.read  # the story, both versions
        await pilot.press("m")  # unread again: both
        assert not {"news#d00", "news#d01"} & marks.read


async def test_related_articles_popup(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("equals_sign")
        await settle(pilot)
        popup = app.screen
        assert isinstance(popup, RelatedScreen) and popup.related
        first = popup.related[0]
        assert (
            "shares"
            in popup.query_one("#related-list", VimOptionList).get_option_at_index(0).prompt.plain
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.article_view.article.id == first.summary.id


async def test_the_search_pane_shows_matching_articles_over_time(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour")
        await pilot.pause(0.3)
        await settle(pilot)
        timeline = app.screen.query_one(SearchTimeline)
        assert timeline.display
        assert plain(timeline.query_one(".timeline--summary")).startswith("2 articles per day")
        # Drawn twice before its widgets are mounted (a fast second search): made once.
        fresh = SearchTimeline()
        await app.screen.mount(fresh)
        fresh.show(None)
        fresh.show(timeline.timeline, "articles")
        await pilot.pause()
        assert len(fresh.query(".timeline--summary")) == 1
        await pilot.press(*"budget")  # "harbourbudget": nothing
        await pilot.pause(0.3)
        await settle(pilot)
        assert not timeline.display


async def test_the_palette_exports_search_results_and_an_entity_page(dated, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "Export the search results")
        assert any("No search to export" in n for n in notifications(app))
        await pilot.press("slash", *"harbour")
        await pilot.pause(0.3)
        await settle(pilot)
        await palette(pilot, "Export the search results")
        prompt = app.screen
        assert isinstance(prompt, ExportPrompt)
        path = prompt.query_one("#export-path", Input).value
        assert path == str(tmp_path / "reader-search-harbour.csv")
        await pilot.press("enter")
        await settle(pilot)
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == 2
        assert any("2 rows (csv)" in n for n in notifications(app))

        await pilot.press("escape", "2", "right_square_bracket", "e")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, EntityScreen)
        await palette(pilot, "Export this entity page")
        prompt = app.screen
        prompt.query_one("#export-path", Input).value = str(tmp_path / "alice.jsonl")
        await pilot.press("enter")
        await settle(pilot)
        lines = (tmp_path / "alice.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == 30 and '"mention": "Alice Moreau"' in lines[0]
        page.export()
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "no" / "such" / "x.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert any("Export failed" in n for n in notifications(app))


async def test_the_help_screen_lists_the_new_keys(dated):
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=200, record=True)
        console.print(app.screen.content)
        shown = console.export_text()
        for text in (
            "Sort mentions",
            "Compare",
            "Collapse versions",
            "Related articles",
            "Versions of this story",
            "Diff with the open article",
        ):
            assert text in shown


async def test_the_entity_page_shows_its_first_mentions_at_once_and_every_row_after(
    dated, monkeypatch
):
    """Alice's first mentions are drawn before the rest is read; when the rest
    comes, every mention, entity and article is listed, the line moved to kept."""
    import threading

    import reader.tui.screens.entity as entity_module

    monkeypatch.setattr(EntityScreen, "FIRST_LINES", 4)
    release = threading.Event()
    real_load = entity_module.load_page

    def slow_load(*args):
        release.wait(30)
        return real_load(*args)

    monkeypatch.setattr(entity_module, "load_page", slow_load)
    app = dated()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "e")
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, EntityScreen):
                break
        screen = app.screen
        assert isinstance(screen, EntityScreen) and screen.first_screenful
        assert not screen.loaded
        first = mention_rows(screen)
        assert len(first) == 4 and all("Alice" in row for row in first)
        assert title_of(screen.mentions_list) == "1 Mentions (30)"  # the count, not 4
        await pilot.press("j", "j")
        assert screen.mentions_list.highlighted == 2
        release.set()
        await settle_until(pilot, lambda: screen.loaded)
        rows = mention_rows(screen)
        # The same first lines (cut a column narrower: the list scrolls now), and
        # the same line highlighted.
        assert len(rows) == 30
        assert [r.split()[:3] for r in rows[:4]] == [r.split()[:3] for r in first]
        assert screen.mentions_list.highlighted == 2
        assert " ".join(first[2].split()[3:6]) in " ".join(rows[2].split())
        assert title_of(screen.mentions_list) == "1 Mentions (30)"
        assert screen.articles_list.option_count == 20
        co = screen.cooccurring_list
        assert any(
            BOB in co.get_option_at_index(i).prompt.plain.casefold() for i in range(co.option_count)
        )
