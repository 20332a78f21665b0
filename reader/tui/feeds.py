"""Fetching the collection's feeds from the app (`R`, or "Fetch feeds" in the palette).

The fetch runs in a thread worker (group "feeds"): progress goes to the index
progress bar, the outcome to one notification (and one per failed feed), and
when anything was written the index worker takes over, as after any change to
the folder. Quitting cancels the fetch; what was written is kept.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.worker import WorkerState, get_current_worker

from reader.errors import ReaderError
from reader.textio import one_line
from reader.tui.messages import IndexProgress

if TYPE_CHECKING:
    from reader.feeds.fetch import FetchReport

GROUP = "feeds"
STAGE = "fetching feeds"
#: Failed feeds named in their own notification, at most.
FAILURES_SHOWN = 5


def start_fetch(app: App[Any], quiet: bool = False) -> None:
    """Fetch in the background; `quiet` (a timed fetch): no word when a fetch is
    under way already or there are no feeds, only what came in."""
    running = [
        w
        for w in app.workers
        if w.group == GROUP and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
    ]
    if running:
        if not quiet:
            app.notify("The feeds are being fetched already.", title="Feeds")
        return
    app.run_worker(
        lambda: _fetch(app, quiet),
        name="fetch feeds",
        group=GROUP,
        thread=True,
        exclusive=True,
        exit_on_error=False,
    )


def _fetch(app: App[Any], quiet: bool = False) -> None:
    from reader.feeds.fetch import FetchCancelled, fetch_feeds
    from reader.feeds.subscriptions import FeedStore

    worker = get_current_worker()
    articles = app.settings.articles_dir
    try:
        with FeedStore(articles) as store:
            if not store.subscriptions():
                if quiet:
                    return
                app.call_from_thread(
                    app.notify,
                    "No feeds yet: add one with `reader feeds add URL` "
                    "or `reader feeds import FILE.opml`.",
                    title="Feeds",
                )
                return
        last = 0.0

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= 0.1 or done == total:
                last = now
                app.post_message(IndexProgress(STAGE, done, total))

        app.post_message(IndexProgress(STAGE, 0, 0))
        report = fetch_feeds(articles, progress=progress, should_stop=lambda: worker.is_cancelled)
    except FetchCancelled:
        return
    except ReaderError as exc:
        app.call_from_thread(_failed, app, one_line(str(exc), 300))
        return
    except Exception as exc:  # never a traceback: a notification, and the app goes on
        app.call_from_thread(_failed, app, one_line(f"{type(exc).__name__}: {exc}", 300))
        return
    if not worker.is_cancelled:
        app.call_from_thread(_fetched, app, report, quiet)


def _hide_progress(app: App[Any]) -> None:
    try:
        app.main_screen.index_progress.finish()
    except LookupError:
        pass


def _failed(app: App[Any], message: str) -> None:
    _hide_progress(app)
    app.notify(message, title="Fetch failed", severity="error", timeout=10)


#: Feeds that failed at the last timed fetch, by app: a timed fetch names a
#: failure once, not every few minutes while it lasts.
_FAILING: dict[int, set[str]] = {}


def _fetched(app: App[Any], report: FetchReport, quiet: bool = False) -> None:
    new, updated, failed = len(report.new_paths), len(report.updated_paths), report.failed
    if quiet:
        before = _FAILING.get(id(app), set())
        _FAILING[id(app)] = {r.url for r in failed}
        failed = [r for r in failed if r.url not in before]
    if not quiet or new or updated or failed:
        parts = [f"{new} new article{'s' if new != 1 else ''}"]
        if updated:
            parts.append(f"{updated} updated")
        n = len(report.feeds)
        text = f"{', '.join(parts)} from {n} feed{'s' if n != 1 else ''}"
        if failed:
            text += f"; {len(failed)} failed"
        app.notify(text, title="Feeds fetched", severity="warning" if failed else "information")
    for result in failed[:FAILURES_SHOWN]:
        app.notify(one_line(result.line, 200), title="Feed failed", severity="warning", timeout=8)
    if report.changed:
        app.build_index()  # the progress bar stays up and moves on to the index stages
    else:
        _hide_progress(app)
