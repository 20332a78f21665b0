"""The interaction rows of issue 17, timed in the real app by :mod:`bench.tui_probe`.

Each function drives the app the way a person does (keys sent to the app,
state read off the screen's widgets) and returns ms samples, keypress to the
screen updated (see :func:`bench.tui_probe.timed_key`).  What a row sets up
(opening an article, focusing a pane, choosing a list row) is untimed.  The
references taken in the same process are here too: the core's calls alone,
and a minimal Textual app moving a list cursor (the floor of any keypress).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.tui_probe import SIZE, _open_by_key, _settle, timed_key

#: Articles visited to fill the jump list that back / forward walk.
JUMPS = 10
#: Rows of a search's results opened per word searched.
RESULT_ROWS = 6


def _main(pilot):
    return pilot.app.main_screen


# ---------------------------------------------------------------- mentions


def busy_article(library, exclude: Sequence[str]) -> str | None:
    """The collection's article with the most entities: plenty of ] and } to press."""
    summaries = [s for s in library.articles() if s.id not in exclude]
    if not summaries:
        return None
    return max(summaries, key=lambda s: (s.n_entities, s.id)).id


async def mention_steps(pilot, article_id: str, presses: int) -> list[float]:
    """`]` to the end of the article, then `[` back to its start, and again."""
    screen = _main(pilot)
    screen.open_article(article_id)
    await _settle(pilot)
    view = screen.article_view
    samples: list[float] = []
    if not view.mentions:
        return samples
    last = len(view.mentions) - 1
    while len(samples) < presses:
        for key, edge in (("right_square_bracket", last), ("left_square_bracket", 0)):
            while len(samples) < presses and view.current != edge:
                before = view.current

                def moved(before=before) -> bool:
                    return view.current is not None and view.current != before

                samples.append(await timed_key(pilot, key, moved))
    return samples


async def same_entity_within(pilot, article_id: str, presses: int) -> list[float]:
    """`}` over the article's most mentioned entity to its last mention, `{` back."""
    screen = _main(pilot)
    screen.open_article(article_id)
    await _settle(pilot)
    view = screen.article_view
    counts = Counter(m.entity_id for m in view.mentions if m.entity_id)
    if not counts or counts.most_common(1)[0][1] < 2:
        return []
    entity = counts.most_common(1)[0][0]
    indexes = [i for i, m in enumerate(view.mentions) if m.entity_id == entity]
    view.set_current(indexes[0])
    await _settle(pilot)
    samples: list[float] = []
    while len(samples) < presses:
        for key, targets in (
            ("right_curly_bracket", indexes[1:]),
            ("left_curly_bracket", indexes[-2::-1]),
        ):
            for target in targets:
                if len(samples) >= presses:
                    break
                samples.append(
                    await timed_key(pilot, key, lambda target=target: view.current == target)
                )
    return samples


async def same_entity_across(pilot, entity_id: str, presses: int) -> list[float]:
    """`}` from the entity's last mention in an article to the next article with
    it (and `{` from the first back), in the collection's order."""
    screen = _main(pilot)
    library = pilot.app.library
    ordered = sorted(s.id for s, _ in library.entity_articles(entity_id))
    if len(ordered) < 2:
        return []
    screen.open_article(ordered[0])
    await _settle(pilot)
    view = screen.article_view
    samples: list[float] = []
    half = max(1, presses // 2)
    for key, last in (("right_curly_bracket", True), ("left_curly_bracket", False)):
        for _ in range(half if last else presses - half):
            index = view.first_mention_of(entity_id, last=last)
            if index is None:
                break
            view.set_current(index)
            await _settle(pilot)
            before = view.article.id

            def crossed(before=before) -> bool:
                return view.article is not None and view.article.id != before

            samples.append(await timed_key(pilot, key, crossed))
    return samples


# ---------------------------------------------------------------- opening


def spread(ids: Sequence[str], n: int) -> list[str]:
    """`n` ids spread evenly over `ids`."""
    if not ids:
        return []
    n = min(n, len(ids))
    return [ids[i * len(ids) // n] for i in range(n)]


async def open_from_list(pilot, ids: Sequence[str]) -> list[float]:
    """Enter on each article's row in the articles pane (not the one open: its
    "opened" would be true before the key is handled)."""
    view = _main(pilot).article_view
    samples = []
    for article_id in ids:
        if view.article is None or view.article.id != article_id:
            samples.append(await _open_by_key(pilot, article_id))
    return samples


async def _search(pilot, query: str) -> None:
    """The search pane showing `query`'s results (untimed)."""
    screen = _main(pilot)
    panel = screen.search_panel
    screen.action_focus_pane("search")
    panel.input.value = query
    for _ in range(3000):
        await _settle(pilot)
        if panel.query_text == query and not panel._searching:
            return
    raise TimeoutError(f"no results for {query!r}")


async def open_from_results(pilot, words: Sequence[str], presses: int) -> list[float]:
    """Enter on a result row (the first rows of each word's results)."""
    screen = _main(pilot)
    panel = screen.search_panel
    samples: list[float] = []
    while len(samples) < presses:
        before = len(samples)
        for word in words:
            await _search(pilot, word)
            results = panel.results
            if results is None:
                continue
            for row in range(min(RESULT_ROWS, results.total)):
                if len(samples) >= presses:
                    break
                target = results.ids(row, row + 1)[0]
                view = screen.article_view
                if view.article is not None and view.article.id == target:
                    continue
                screen.action_focus_pane("search")
                await _settle(pilot)  # the pane focuses its box after a refresh
                screen.action_focus_results()
                panel.results_list.highlighted = row
                await _settle(pilot)

                def opened(target=target, view=view) -> bool:
                    return view.article is not None and view.article.id == target

                samples.append(await timed_key(pilot, "enter", opened))
        if len(samples) == before:  # nothing to open
            break
    screen.search_panel.input.value = ""
    screen.action_focus_pane("article")
    await _settle(pilot)
    return samples


def open_core(library, ids: Sequence[str]) -> list[float]:
    """The reference: what opening an article asks of the core."""
    samples = []
    for article_id in ids:
        t0 = time.perf_counter()
        library.article(article_id)
        library.mentions(article_id)
        library.entities_of_article(article_id)
        samples.append((time.perf_counter() - t0) * 1000.0)
    return samples


# ---------------------------------------------------------------- the articles pane


def title_words(library, n: int = 4) -> list[str]:
    """Words often in titles (the filter searches titles): a long list to narrow."""
    counts: Counter[str] = Counter()
    for s in library.articles():
        counts.update(w for w in s.title.casefold().split() if w.isalpha() and len(w) >= 5)
    common = [w for w, _ in counts.most_common(5 * n)]
    return common[::5][:n]


async def filter_keys(pilot, words: Sequence[str], presses: int) -> list[float]:
    """Each key typed into the articles filter, to the list narrowed (one key at a time)."""
    screen = _main(pilot)
    pane = screen.article_list
    samples: list[float] = []
    while len(samples) < presses and words:
        for word in words:
            await pilot.press("1")
            await pilot.press("f")
            pane.filter_input.value = ""
            await _settle(pilot)
            for i, char in enumerate(word):
                prefix = word[: i + 1]
                samples.append(
                    await timed_key(pilot, char, lambda prefix=prefix: pane.filter_text == prefix)
                )
            await pilot.press("escape")
            await _settle(pilot)
            if len(samples) >= presses:
                break
    return samples


async def sort_keys(pilot, presses: int) -> list[float]:
    """`s` in the articles pane: the next sort order (each order's first time included)."""
    screen = _main(pilot)
    pane = screen.article_list
    await pilot.press("1")
    await _settle(pilot)
    samples: list[float] = []
    for _ in range(presses):
        before = (pane.sort_key, pane.descending)
        samples.append(
            await timed_key(
                pilot, "s", lambda before=before: (pane.sort_key, pane.descending) != before
            )
        )
    while pane.sort_key != "collection" or pane.descending:  # back to the collection order
        await pilot.press("s")
    await _settle(pilot)
    return samples


# ---------------------------------------------------------------- entities pane, jumps


async def entity_scope_keys(pilot, presses: int) -> list[float]:
    """`t` in the entities pane: this article <-> the whole collection."""
    screen = _main(pilot)
    pane = screen.entity_list
    await pilot.press("3")
    await _settle(pilot)
    samples: list[float] = []
    for _ in range(presses + presses % 2):  # an even number: back to this article's
        before = pane.scope
        samples.append(await timed_key(pilot, "t", lambda before=before: pane.scope != before))
    await pilot.press("2")
    await _settle(pilot)
    return samples[:presses]


async def jump_keys(pilot, ids: Sequence[str], presses: int) -> list[float]:
    """Back (`H`) through the articles just visited, then forward (`L`) again."""
    screen = _main(pilot)
    samples: list[float] = []
    if len(ids) < 2:
        return samples
    while len(samples) < presses:
        for article_id in ids:
            screen.open_article(article_id)
        await _settle(pilot)
        view = screen.article_view
        for key in ("H", "L"):
            for _ in range(len(ids) - 1):
                before = view.article.id

                def moved(before=before, view=view) -> bool:
                    return view.article is not None and view.article.id != before

                samples.append(await timed_key(pilot, key, moved))
    return samples[:presses]


# ---------------------------------------------------------------- Ctrl+R


async def reindex_keys(pilot, article_id: str, runs: int) -> list[float]:
    """Ctrl+R after the open article's file changed, to the article shown changed."""
    app = pilot.app
    screen = _main(pilot)
    article = app.library.article(article_id)
    path = Path(app.settings.articles_dir) / article.path
    original, st = path.read_bytes(), path.stat()
    screen.open_article(article_id)
    await _settle(pilot)
    view = screen.article_view
    samples: list[float] = []
    try:
        for run in range(runs):
            marker = f"The benchmark changed this article ({run + 1})."
            path.write_bytes(original + f"\n{marker}\n".encode())

            def refreshed(marker=marker) -> bool:
                return view.article is not None and marker in view.article.text

            samples.append(await timed_key(pilot, "ctrl+r", refreshed, timeout=300.0))
            await _settle(pilot)
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        await pilot.press("ctrl+r")  # the index as it was (untimed)
        await _settle(pilot)
    return samples


def reindex_core(settings, article_id: str, path: Path, runs: int) -> list[float]:
    """The reference: `update_index` alone after the same change (and after putting
    the file back: both are one changed article)."""
    from reader.indexer import update_index

    original, st = path.read_bytes(), path.stat()
    samples = []
    try:
        for run in range(runs):
            marker = f"The benchmark changed this article (core {run + 1})."
            for data in (original + f"\n{marker}\n".encode(), original):
                path.write_bytes(data)
                if data is original:
                    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
                t0 = time.perf_counter()
                update_index(settings, processes=1)
                samples.append((time.perf_counter() - t0) * 1000.0)
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return samples


# ---------------------------------------------------------------- the floor


async def minimal_cursor(presses: int) -> list[float]:
    """A minimal Textual app: the down arrow in a list of 200 options (the floor
    of a keypress that only moves a cursor), timed as the reader's keys are."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class CursorApp(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*(f"option {i}" for i in range(200)))

    app = CursorApp()
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        options = app.query_one(OptionList)
        options.focus()
        options.highlighted = 0
        await _settle(pilot)
        for _ in range(5 + presses):  # five to warm up
            before = options.highlighted
            samples.append(
                await timed_key(pilot, "down", lambda before=before: options.highlighted != before)
            )
            if options.highlighted == options.option_count - 1:
                options.highlighted = 0
                await _settle(pilot)
        app.exit()
    return samples[5:]
