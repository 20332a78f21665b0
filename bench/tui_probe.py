"""Keypress-to-screen-update latency in the real reader app (headless).

    python -m bench.tui_probe --articles DIR --index DIR BIG_ID SMALL_ID [--repeat 5] [--presses 50]

Runs :func:`reader.tui.app.make_app` under ``App.run_test()`` (headless, 120x40,
nothing remembered, no index check, no user key map) and prints JSON:

``open``: ms from sending Enter on the article's row in the articles pane
until the article view shows it and the screen has been updated; the two
articles are opened alternately (``--repeat`` times each).

``next_mention``: ms from sending ``]`` in the open article until the current
mention has moved and the screen has been updated (``--presses`` samples per
article; the article is re-opened, untimed, when its mentions run out).

``entity_page`` (with ``--entity ID``): ms from sending ``e`` on a mention of
the entity until its page shows its header and first screenful of mentions and
the screen has been updated; ``entity_page_full``: the same key until the page
shows everything (timeline, every mention in context, seen with, articles: its
worker has finished); the page is closed, untimed, between samples
(``--presses`` samples).

``typing`` (with ``--type WORDS``, comma-separated): each word is typed into
the search box at ``--keys-per-second`` (8: a quick typist), one key every
125 ms whatever the app is doing; a keystroke's sample is the ms from sending
it until results for it, or for a later keystroke, are drawn (typing on
before a search ends supersedes it: the user then sees the newer results).
``typing_core``: the reference, in the same process: the core's work for each
prefix (``Library.search_results`` and the first screenful of snippets).

The rows of issue 17's table (``--presses`` samples each; bench.interactions):
``mention_step`` (``]`` to the end of the collection's busiest article, ``[``
back), ``same_entity`` (``}`` / ``{`` over its most mentioned entity),
``same_entity_across`` (``}`` / ``{`` from the ``--entity``'s last / first
mention to the next article with it), ``open_list`` / ``open_result`` (Enter on
an article's row / on a search result), ``filter_key`` (each key typed into the
articles filter), ``sort`` (``s``), ``entity_scope`` (``t`` in the entities
pane), ``jump`` (``H`` / ``L`` through ten articles visited), ``reindex``
(Ctrl+R after the small article's file changed, to the changed text shown;
``--reindex`` samples; the file is put back afterwards).  The rows start once
the app has loaded the spaCy model it loads after its first screen (as after a
few seconds of reading).  References, same
process: ``open_core``, ``entity_page_core``, ``reindex_core`` (the core's
calls alone) and ``minimal_cursor`` (a minimal Textual app's list cursor).

Timing: the key event goes straight to the app's driver queue (``Pilot.press``
adds fixed idle waits of its own, which would swamp the figure); the probe
then yields to the event loop until the state changed, waits until every
widget has processed its pending messages, and runs the screen's update
(layout + compositor render of the dirty regions) synchronously.  Headless
means the final write of that update to a terminal is not included.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import stats

SIZE = (120, 40)
#: How often a timed key checks whether the screen shows its result (the
#: resolution of every interaction figure).
POLL_S = 0.001
#: The characters of the named keys the probe sends.
KEY_CHARS = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
}


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def timed_key(pilot, key: str, done: Callable[[], bool], timeout: float = 300.0) -> float:
    """ms from sending ``key`` until ``done()`` and the screen is updated."""
    from textual import events

    app = pilot.app
    char = key if len(key) == 1 else KEY_CHARS.get(key)
    event = events.Key(key, char)
    event.set_sender(app)
    t0, c0 = time.perf_counter(), time.process_time()
    app._driver.send_message(event)
    while not done():
        # Poll every POLL_S, not in a loop of sleep(0): a spinning event loop
        # holds the GIL against the app's own worker threads (search, the entity
        # page's lists, Ctrl+R's index update), and every SQLite call there
        # waited for it: Ctrl+R measured 6-9 s instead of ~2 s at 10k.
        await asyncio.sleep(POLL_S)
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError(f"no response to {key!r} within {timeout} s")
    await pilot._wait_for_screen()
    app.screen._on_timer_update()
    stats.KEY_CPU_MS.append((time.process_time() - c0) * 1000.0)
    return (time.perf_counter() - t0) * 1000.0


async def _open_by_key(pilot, article_id: str) -> float:
    from reader.tui.widgets.article_list import ArticleOptions

    app = pilot.app
    screen = app.screen
    await pilot.press("1")  # the articles pane (untimed)
    options = screen.query_one(ArticleOptions)
    ids = [a.id for a in screen.article_list.shown]
    options.highlighted = ids.index(article_id)
    await pilot.pause()
    view = screen.article_view

    def opened() -> bool:
        return view.article is not None and view.article.id == article_id

    return await timed_key(pilot, "enter", opened)


async def _entity_page_by_key(pilot, entity_id: str) -> tuple[float, float]:
    """(ms to the first screenful drawn, ms to every list filled)."""
    from reader.tui.screens.entity import EntityScreen

    app = pilot.app
    main = app.screen
    article_id = app.library.entity_articles(entity_id)[0][0].id
    main.open_article(article_id)
    await pilot.pause()
    view = main.article_view
    view.set_current(view.first_mention_of(entity_id))
    await pilot.pause()

    def shown() -> bool:
        screen = app.screen
        return (
            isinstance(screen, EntityScreen)
            and screen.entity_id == entity_id
            and screen.first_screenful
        )

    first = await timed_key(pilot, "e", shown)
    t1 = time.perf_counter()
    screen = app.screen
    while not screen.loaded:
        await asyncio.sleep(0.001)
        if time.perf_counter() - t1 > 300:
            raise TimeoutError("the entity page did not fill within 300 s")
    await pilot._wait_for_screen()
    screen._on_timer_update()
    full = first + (time.perf_counter() - t1) * 1000.0
    await pilot.press("escape")
    await _settle(pilot)
    return first, full


def _key_event(char: str):
    from textual import events

    return events.Key("space" if char == " " else char, char)


async def _type_word(pilot, word: str, interval: float, timeout: float = 60.0) -> list[float]:
    """Type `word` into the search box at one key per `interval` seconds; the ms
    from each key until the results of it (or of a later key) are drawn."""
    app = pilot.app
    panel = app.screen.search_panel
    await pilot.press("slash")  # untimed: focus the box, start empty
    panel.input.value = ""
    await _settle(pilot)
    prefixes = [word[: i + 1] for i in range(len(word))]
    sent: list[float] = []
    done: list[float | None] = [None] * len(word)
    t_start = time.perf_counter()
    while len(sent) < len(word) or None in done:
        now = time.perf_counter()
        if len(sent) < len(word) and now >= t_start + len(sent) * interval:
            event = _key_event(word[len(sent)])
            event.set_sender(app)
            sent.append(now)
            app._driver.send_message(event)
        shown = panel.query_text
        if shown in prefixes and not panel._searching:
            reached = prefixes.index(shown)
            waiting = [i for i in range(min(reached + 1, len(sent))) if done[i] is None]
            if waiting:
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                drawn = time.perf_counter()
                for i in waiting:
                    done[i] = (drawn - sent[i]) * 1000.0
                continue
        if now - t_start > timeout:
            raise TimeoutError(f"typing {word!r}: no results within {timeout} s")
        await asyncio.sleep(0.001)
    return [d for d in done if d is not None]


def _core_typing(library, words: Sequence[str], rows: int) -> list[float]:
    """The reference: the core's work for every prefix typed, timed here."""
    from reader.tui.widgets.search_panel import prepare_rows

    samples = []
    for word in words:
        for i in range(len(word)):
            t0 = time.perf_counter()
            results = library.search_results(word[: i + 1])
            if results.total:
                prepare_rows(library, results, 0, rows)
            samples.append((time.perf_counter() - t0) * 1000.0)
    return samples


async def _cpu(result: dict, key: str, samples):
    """Await a row's samples; keep the CPU time of its timed keys under "cpu"."""
    start = len(stats.KEY_CPU_MS)
    out = await samples
    cpu = stats.KEY_CPU_MS[start:]
    # A row keeps its first samples (the minimal app: its last, after a warm-up).
    result["cpu"][key] = cpu[-len(out) :] if key == "minimal_cursor" else cpu[: len(out)]
    return out


async def _probe(
    settings,
    big: str,
    small: str,
    repeat: int,
    presses: int,
    entity: str | None = None,
    words: Sequence[str] = (),
    keys_per_second: float = 8.0,
    reindex: int = 3,
) -> dict:
    from bench import interactions as ix
    from reader.tui.app import make_app

    app = make_app(settings, remember=False, build_on_start=False, keymap={}, preload_model=True)
    result: dict = {
        "open": {big: [], small: []},
        "next_mention": {big: [], small: []},
        "mentions": {},
        "chars": {},
        "entity_page": [],
        "entity_page_full": [],
        "entity_page_core": [],
        "entity_page_full_core": [],
        "typing": [],
        "typing_core": [],
        "busy_article": None,
        "mention_step": [],
        "same_entity": [],
        "same_entity_across": [],
        "open_list": [],
        "open_result": [],
        "open_core": [],
        "filter_words": [],
        "filter_key": [],
        "sort": [],
        "entity_scope": [],
        "jump": [],
        "reindex": [],
        "reindex_core": [],
        "minimal_cursor": [],
        "cpu": {},
    }
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        # As after a few seconds of reading: the spaCy model loaded (untimed; the
        # app loads it in a thread after its first screen, for Ctrl+R).
        t0 = time.perf_counter()
        while app.settings.entities and not app.model_ready:
            await asyncio.sleep(0.05)
            if time.perf_counter() - t0 > 600:
                raise TimeoutError("the app did not load the entity model within 600 s")
        await _settle(pilot)
        library = app.library
        # Warm-up: open each once (first-use imports, style caches).
        for aid in (small, big):
            await _open_by_key(pilot, aid)
        for _ in range(repeat):
            for aid in (small, big):
                result["open"][aid].append(await _open_by_key(pilot, aid))
        for aid in (small, big):
            await _open_by_key(pilot, aid)
            view = app.screen.article_view
            result["mentions"][aid] = len(view.mentions)
            result["chars"][aid] = len(view.article.text)
            if not view.mentions:
                continue
            samples = result["next_mention"][aid]
            while len(samples) < presses:
                # Back at the top with no current mention. Not by opening it
                # again: its Enter could still be queued when `]` is sent (the
                # article is open already, so "opened" holds at once), and it
                # would reset the mention `]` had just moved to.
                view = app.screen.article_view
                view.set_current(None, scroll=False)
                view.scroll_home(animate=False)
                await pilot.pause()
                for _ in range(len(view.mentions)):
                    if len(samples) >= presses:
                        break
                    before = view.current

                    def moved(before=before, view=view) -> bool:
                        return view.current is not None and view.current != before

                    samples.append(await timed_key(pilot, "right_square_bracket", moved))
                    if view.current == len(view.mentions) - 1:
                        break
        # The collection's own articles (not the two made for the open figure).
        ids = [s.id for s in app.screen.article_list.shown if s.id not in (big, small)]
        busy = ix.busy_article(library, (big, small))
        result["busy_article"] = busy
        if busy is not None:
            result["mention_step"] = await _cpu(
                result, "mention_step", ix.mention_steps(pilot, busy, presses)
            )
            result["same_entity"] = await _cpu(
                result, "same_entity", ix.same_entity_within(pilot, busy, presses)
            )
        to_open = ix.spread(ids, presses)
        await ix.open_from_list(pilot, to_open[:2])  # warm-up
        result["open_list"] = await _cpu(result, "open_list", ix.open_from_list(pilot, to_open))
        ix.open_core(library, to_open[:2])  # warm-up
        result["open_core"] = ix.open_core(library, to_open)
        if words:
            result["open_result"] = await _cpu(
                result, "open_result", ix.open_from_results(pilot, words, presses)
            )
        result["filter_words"] = ix.title_words(library)
        result["filter_key"] = await _cpu(
            result, "filter_key", ix.filter_keys(pilot, result["filter_words"], presses)
        )
        result["sort"] = await _cpu(result, "sort", ix.sort_keys(pilot, presses))
        result["entity_scope"] = await _cpu(
            result, "entity_scope", ix.entity_scope_keys(pilot, presses)
        )
        result["jump"] = await _cpu(
            result, "jump", ix.jump_keys(pilot, ix.spread(ids, ix.JUMPS), presses)
        )
        if entity:
            result["same_entity_across"] = await _cpu(
                result, "same_entity_across", ix.same_entity_across(pilot, entity, presses)
            )
            await _entity_page_by_key(pilot, entity)  # warm-up
            start = len(stats.KEY_CPU_MS)
            for _ in range(presses):
                first, full = await _entity_page_by_key(pilot, entity)
                result["entity_page"].append(first)
                result["entity_page_full"].append(full)
            result["cpu"]["entity_page"] = stats.KEY_CPU_MS[start:]
            from reader.tui.screens.entity import EntityScreen, load_page

            assert library is not None  # the app opened it to show the articles
            for _ in range(presses):  # the core's reads for the first screenful
                t0 = time.perf_counter()
                library.entity(entity)
                library.entity_kwic(entity, "article", first=EntityScreen.FIRST_LINES)
                result["entity_page_core"].append((time.perf_counter() - t0) * 1000.0)
            for _ in range(repeat):  # and for the whole page
                t0 = time.perf_counter()
                load_page(library, entity, "article")
                result["entity_page_full_core"].append((time.perf_counter() - t0) * 1000.0)
        if words:
            interval = 1.0 / keys_per_second
            await _type_word(pilot, words[0], interval)  # warm-up
            for _ in range(max(1, repeat // 2)):
                for word in words:
                    result["typing"].extend(await _type_word(pilot, word, interval))
            rows = max(1, SIZE[1] // 3 + 1)
            _core_typing(library, words[:1], rows)  # warm-up
            for _ in range(max(1, repeat // 2)):
                result["typing_core"].extend(_core_typing(library, list(words), rows))
        if reindex:
            result["reindex"] = await _cpu(
                result, "reindex", ix.reindex_keys(pilot, small, reindex)
            )
        app.exit(0)
    if reindex:
        library = app.library
        assert library is not None  # the app opened it to show the articles
        path = Path(settings.articles_dir) / library.article(small).path
        library.close()
        result["reindex_core"] = ix.reindex_core(settings, small, path, max(1, reindex // 2))
    result["minimal_cursor"] = await _cpu(result, "minimal_cursor", ix.minimal_cursor(presses))
    return result


def probe(
    articles: Path,
    index: Path,
    big: str,
    small: str,
    repeat: int = 5,
    presses: int = 50,
    entity: str | None = None,
    words: Sequence[str] = (),
    keys_per_second: float = 8.0,
    reindex: int = 3,
) -> dict:
    from reader.config import Settings

    settings = Settings.resolve(articles, index)
    with tempfile.TemporaryDirectory(prefix="reader-bench-data-") as td:
        os.environ["READER_DATA_DIR"] = td  # no remembered positions or user key map
        return asyncio.run(
            _probe(settings, big, small, repeat, presses, entity, words, keys_per_second, reindex)
        )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.tui_probe")
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("big")
    ap.add_argument("small")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--presses", type=int, default=50, help="samples per interaction row")
    ap.add_argument("--reindex", type=int, default=3, metavar="N", help="Ctrl+R samples (0: none)")
    ap.add_argument("--entity", metavar="ID", help="also time opening this entity's page")
    ap.add_argument("--type", metavar="WORDS", default="", help="also time typing these words")
    ap.add_argument("--keys-per-second", type=float, default=8.0)
    args = ap.parse_args(argv)
    words = [w for w in args.type.split(",") if w.strip()]
    result = probe(
        args.articles,
        args.index,
        args.big,
        args.small,
        args.repeat,
        args.presses,
        args.entity,
        words,
        args.keys_per_second,
        args.reindex,
    )
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
