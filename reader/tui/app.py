"""The reader's Textual app: `make_app()` builds it (tests reuse it), `run_app()` runs it.

The app owns the Library and the index worker; the main screen owns the panes.
On start the index is checked (and built or updated) in a thread worker while
the app shows what is already indexed; when the worker ends the library is
refreshed and the panes reload. Errors become notifications.
"""

from __future__ import annotations

import gc
import os
import sys
import termios
import threading
import time
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App
from textual.timer import Timer
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from reader.actions import KeymapError, check_keymap
from reader.build import default_processes
from reader.config import Settings
from reader.crashlog import CrashReport, record_crash
from reader.errors import IndexBusy, ReaderError
from reader.keymap import load_keymap
from reader.textio import one_line, printable
from reader.tui import heap
from reader.tui.commands import ReaderCommands
from reader.tui.compat import CrashHookApp
from reader.tui.keys import bindings
from reader.tui.messages import IndexProgress
from reader.tui.navigation import Location
from reader.tui.screens.main import MainScreen
from reader.tui.undo import UndoStack, redo, undo
from reader.userdata import (
    ArticleOrder,
    Position,
    load_article_order,
    load_position,
    save_article_order,
    save_position,
)

if TYPE_CHECKING:
    from reader.library import Library

#: Progress updates from the index worker at most this often (seconds).
PROGRESS_INTERVAL = 0.1
#: The position is written once the reader has been still this long (seconds).
POSITION_DELAY = 1.0
#: Seconds after the first screen before the spaCy model is loaded, in a thread.
MODEL_PRELOAD_DELAY = 2.0
#: What the user calls the work of each worker group (for error messages).
WORKER_NAMES = {
    "search": "search",
    "warm": "loading the search index",
    "model": "loading the entity model",
}


def _terminal_fd() -> int | None:
    """The file descriptor of the controlling terminal on stdin, if there is one."""
    if sys.__stdin__ is None:
        return None
    try:
        fd = sys.__stdin__.fileno()
    except (AttributeError, ValueError, OSError):
        return None
    return fd if os.isatty(fd) else None


class ReaderApp(CrashHookApp):
    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = bindings("app")

    def __init__(
        self,
        settings: Settings,
        *,
        remember: bool = True,
        build_on_start: bool = True,
        keymap: dict[str, str] | None = None,
        processes: int | None = None,
        preload_model: bool = False,
        fetch_every: float | None = None,
    ):
        super().__init__()
        self.settings = settings
        #: NER processes of the app's own index builds: `reader index`'s default.
        self.build_processes = processes or default_processes()
        #: Seconds between timed fetches of the feeds (--fetch-every), or None.
        self.fetch_every = fetch_every
        self.remember = remember
        self.build_on_start = build_on_start
        self.preload_model = preload_model
        #: The spaCy model is loaded (or could not be): see _preload_model.
        self.model_ready = False
        self.library: Library | None = None
        self._keymap_override = keymap
        self._keymap_problem: str | None = None
        #: The user's key map as applied (action id -> keys), for the help screen.
        self.user_keymap: dict[str, str] = {}
        self._last_progress = 0.0
        # The position to remember, written after a pause (see remember_position).
        self._position_seq = 0
        self._position_written = 0
        self._unsaved_position: tuple[int, Location] | None = None
        self._position_timer: Timer | None = None
        self._position_lock = threading.Lock()
        #: This run's changes that `u` takes back, in order (reader.tui.undo).
        self.undo_stack = UndoStack()
        #: Set when an unexpected error stopped the app (see before_crash).
        self.crash: CrashReport | None = None
        self._open_library()

    # ------------------------------------------------------------ notifications

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: they carry file names, titles, entity
        names and queries, which are data, never markup or terminal control.
        (Widgets' and screens' `notify` end here too.)"""
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ------------------------------------------------------------ unexpected errors

    def before_crash(self, error: Exception) -> None:
        # An exception no handler caught: Textual stops the app and would print a
        # full traceback. Keep what the user made, put the traceback in a log
        # file; run_app prints one line, unwrapped, once the terminal is restored.
        if self.crash is None:
            self.save_user_data()
            self.crash = record_crash(error, context=self._crash_context())

    def _crash_context(self) -> dict[str, str]:
        context = {
            "articles": str(self.settings.articles_dir),
            "index": str(self.settings.index_dir),
        }
        try:
            context["screen"] = type(self.screen).__name__
            context["focused"] = repr(self.focused)
        except Exception:
            pass
        return context

    def save_user_data(self) -> None:
        """Save what the user would lose on exit (the position); never raises."""
        try:
            self.main_screen.save_position()
        except Exception:
            pass
        self.flush_position()

    def report_worker_error(self, error: BaseException, what: str) -> None:
        """A background job failed unexpectedly: log it, say so, keep running."""
        report = record_crash(error, what=f"{what} stopped", context=self._crash_context())
        where = f"details in {report.log_path}" if report.log_path else "no log written"
        self.notify(
            f"{type(error).__name__}: {one_line(str(error), 200)} ({where})",
            title=f"{what.capitalize()} failed",
            severity="error",
            timeout=10,
        )

    # ------------------------------------------------------------ library

    def _open_library(self) -> None:
        from reader.library import Library

        try:
            # Whoosh opens after the first screen (see on_ready) or at the first search.
            self.library = Library(self.settings, open_search=False)
        except ReaderError:
            self.library = None  # no index yet (or a damaged one): the worker builds it
        except Exception:  # an index from another version, half-written...
            self.library = None

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    @property
    def main_screen(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("no main screen")

    def on_unmount(self) -> None:
        heap.release(self._gc_thresholds)

    def on_mount(self) -> None:
        self._gc_thresholds = gc.get_threshold()
        if self._keymap_override is not None:
            raw, problem = self._keymap_override, None
        else:
            raw, problem = load_keymap()
        try:
            keymap = check_keymap(raw)
        except KeymapError as error:  # the usable entries still apply
            keymap, problem = error.usable, problem or str(error)
        self.user_keymap = keymap
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, title="Key map", severity="warning")
        self._terminal = _terminal_fd()
        if self._terminal is not None:
            self.set_interval(1.0, self._exit_if_terminal_gone)

    def _exit_if_terminal_gone(self) -> None:
        """Quit when the terminal hangs up (a closed window or tmux pane).

        Textual's input thread then spins on end-of-file, and a reader started
        under another program (`make run`) is not always sent SIGHUP.
        """
        if self._terminal is None:
            return
        try:
            gone = not os.isatty(self._terminal)
            if not gone:
                termios.tcgetattr(self._terminal)
        except (termios.error, OSError):
            gone = True
        if gone:
            self.exit(0)

    def on_key(self, event: events.Key) -> None:
        """A printable key that reached the app while a text box has the focus was
        typed right after the key that opened the box (`/` then `putin`, sent
        together by a fast typist or a paste): Textual had already handed it to
        the widget focused before; it belongs in the box, not to a binding."""
        focused = self.focused
        if (
            isinstance(focused, (Input, TextArea))
            and event.is_printable
            and not getattr(event, "rerouted", False)
        ):
            event.prevent_default()
            event.stop()
            key = events.Key(event.key, event.character)
            key.rerouted = True  # type: ignore[attr-defined]  # once: no loop
            focused.post_message(key)

    def on_ready(self) -> None:
        # After the first screen: checking 10,000 files for changes and loading
        # the search machinery would otherwise hold it back.
        if self.build_on_start:
            self.build_index()
        self._warm_search()
        if self.preload_model and self.settings.entities:
            self.set_timer(MODEL_PRELOAD_DELAY, self._preload_model)
        # The start-up heap is left out of later collections (reader.tui.heap).
        self.call_after_refresh(heap.settle)
        if self.fetch_every:
            self.set_interval(self.fetch_every, self._timed_fetch, name="timed fetch")

    @work(thread=True, group="model", exit_on_error=False)
    def _preload_model(self) -> None:
        """Load the spaCy model while the user reads: Ctrl+R after a change (or a
        start that finds new files) then finds it loaded, instead of spending
        2-9 s importing and loading it first. One load per process, kept."""
        from reader.entities.model import load_model
        from reader.entities.pipeline import model_name

        try:
            load_model(model_name(self.settings))
        except Exception:
            pass  # no model, or a broken one: the index update says so when it needs it
        finally:
            self.model_ready = True

    def _timed_fetch(self) -> None:
        """--fetch-every: fetch as R does, quietly when there is nothing to fetch
        or a fetch is under way (the outcome is notified as after R)."""
        from reader.tui.feeds import start_fetch

        start_fetch(self, quiet=True)

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm_search(self) -> None:
        """Load the search machinery while the user reads, not on the first query."""
        library = self.library
        if library is not None:
            library.warm()

    # ------------------------------------------------------------ remembered position

    def remembered_position(self) -> Location | None:
        if not self.remember:
            return None
        position = load_position(self.settings.articles_dir)
        if position is None:
            return None
        return Location(position.article_id, position.top_offset, position.mention_start)

    def remembered_order(self) -> ArticleOrder | None:
        return load_article_order(self.settings.articles_dir) if self.remember else None

    def remember_order(self, order: ArticleOrder) -> None:
        if self.remember:
            save_article_order(self.settings.articles_dir, order)

    # Every article opened, jump and mention move changes the position: it is
    # written once the reader has been still for POSITION_DELAY (in a thread:
    # an atomic write waits for the disk), and at once on quit, on a crash and
    # when the app stops any other way (flush_position).

    def remember_position(self, where: Location) -> None:
        if not self.remember:
            return
        self._position_seq += 1
        self._unsaved_position = (self._position_seq, where)
        if self._position_timer is None:
            self._position_timer = self.set_timer(POSITION_DELAY, self._position_still)
        else:
            self._position_timer.reset()

    def _position_still(self) -> None:
        self._position_timer = None
        pending, self._unsaved_position = self._unsaved_position, None
        if pending is not None:
            self._write_position_in_thread(*pending)

    @work(thread=True, group="position", exit_on_error=False)
    def _write_position_in_thread(self, seq: int, where: Location) -> None:
        self._write_position(seq, where)

    def _write_position(self, seq: int, where: Location) -> None:
        with self._position_lock:
            if seq <= self._position_written:  # a later position is on disk already
                return
            save_position(
                self.settings.articles_dir,
                Position(where.article_id, where.top_offset, where.mention_start),
            )
            self._position_written = seq

    def flush_position(self) -> None:
        """Write the position not yet written, now (never raises)."""
        if self._position_timer is not None:
            self._position_timer.stop()
            self._position_timer = None
        pending, self._unsaved_position = self._unsaved_position, None
        if pending is not None:
            try:
                self._write_position(*pending)
            except Exception:
                pass

    # ------------------------------------------------------------ the index worker

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self, rebuild: bool = False, asked: bool = False):
        """Bring the index up to date. At start-up a look at the folder first (no
        progress shown, no lock taken when nothing changed); when the user
        `asked` (Ctrl+R) the update itself looks, once (a look first cost a
        second scan of the folder: 0.2 s at 10k)."""
        from reader.indexer import index_status, update_index

        worker = get_current_worker()
        if not (rebuild or asked) and index_status(self.settings) == "fresh":
            return None
        self.post_message(IndexProgress("scanning", 0, 0))

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - self._last_progress >= PROGRESS_INTERVAL or done == total:
                self._last_progress = now
                self.post_message(IndexProgress(stage, done, total))

        return update_index(
            self.settings,
            rebuild=rebuild,
            progress=progress,
            should_stop=lambda: worker.is_cancelled,
            # As many NER processes as `reader index`; never forked from this
            # threaded process.
            processes=self.build_processes,
            start_method="spawn",
            repair=rebuild,  # a damaged store is replaced only when the user asks
        )

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        try:
            self.main_screen.index_progress.show_stage(event.stage, event.done, event.total)
        except LookupError:
            pass

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "model" and event.state == WorkerState.SUCCESS:
            heap.settle()  # the model joins the frozen heap
        if worker.group != "index":
            if event.state == WorkerState.ERROR and worker.error is not None:
                self.report_worker_error(worker.error, WORKER_NAMES.get(worker.group, "a task"))
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        try:
            self.main_screen.index_progress.finish()
        except LookupError:
            return
        if event.state == WorkerState.SUCCESS:
            report = worker.result
            if report is not None and self.library is not None and not _changed_anything(report):
                self.notify("Nothing changed in the articles folder.", title="Index up to date")
            elif report is not None:
                self._index_updated(report)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, IndexBusy):
                self.notify(
                    "Another process is updating the index; showing it as it is.",
                    title="Index busy",
                    severity="warning",
                )
            elif isinstance(error, ReaderError):
                self.notify(one_line(str(error), 300), title="Index", severity="error")
            elif error is not None:
                self.report_worker_error(error, "updating the index")
            if self.library is None:
                self._open_library()
                self.main_screen.load_collection()
            if self.library is None and error is not None and not isinstance(error, IndexBusy):
                # Nothing to show, and no build under way: say why, not "building it now".
                self.main_screen.show_build_failed(str(error))

    def _index_updated(self, report) -> None:
        if self.library is None:
            self._open_library()
        else:
            self.library.refresh()
        self.main_screen.load_collection(first_time=True)
        self.main_screen.tracker.after_update()
        # The old library's objects are collected, the new one's frozen: after the
        # screen shows the update (a full collection: 0.17 s at 10k).
        self.call_after_refresh(heap.settle)
        if report.added or report.updated or report.removed or report.skipped:
            parts = [
                f"{report.added} added",
                f"{report.updated} updated",
                f"{report.removed} removed",
            ]
            if report.skipped:
                parts.append(f"{len(report.skipped)} skipped")
            self.notify(", ".join(parts), title="Index updated")
        for message in report.skipped[:5]:
            self.notify(one_line(message, 200), title="Skipped", severity="warning")

    # ------------------------------------------------------------ actions

    def action_update_index(self) -> None:
        self.build_index(asked=True)

    def action_rebuild_index(self) -> None:
        self.build_index(rebuild=True)

    def action_fetch_feeds(self) -> None:
        from reader.tui.feeds import start_fetch

        start_fetch(self)

    def action_undo(self) -> None:
        undo(self)

    def action_redo(self) -> None:
        redo(self)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.save_user_data()
        self.exit(0)


def _changed_anything(report) -> bool:
    """Whether an update changed what the reader shows (articles, their
    entities or Whoosh documents, a rebuild), or has files to say it skipped."""
    return bool(report.changed or report.relinked or report.rebuilt or report.skipped)


def make_app(
    settings: Settings,
    *,
    remember: bool = True,
    build_on_start: bool = True,
    keymap: dict[str, str] | None = None,
    processes: int | None = None,
    preload_model: bool = False,
    fetch_every: float | None = None,
) -> ReaderApp:
    """The app, configured; tests pass fixture settings and `remember=False`
    (and leave the spaCy model unloaded: `run_app` preloads it)."""
    return ReaderApp(
        settings,
        remember=remember,
        build_on_start=build_on_start,
        keymap=keymap,
        processes=processes,
        preload_model=preload_model,
        fetch_every=fetch_every,
    )


def run_app(settings: Settings, remember: bool = True, fetch_every: float | None = None) -> int:
    """Run the app; 0 when the user quit, 1 (and one line on stderr) on a crash."""
    app = None
    try:
        app = make_app(settings, remember=remember, preload_model=True, fetch_every=fetch_every)
        result = app.run()
    except Exception as exc:  # outside Textual's loop (start-up, shut-down)
        if app is not None:
            app.save_user_data()
        sys.stderr.write(record_crash(exc).message + "\n")
        return 1
    finally:
        if app is not None:
            app.flush_position()  # however it stopped
        if app is not None and app.library is not None:
            try:
                app.library.close()
            except Exception:
                pass
    if app.crash is not None:
        sys.stderr.write(app.crash.message + "\n")
        return 1
    if app.return_code:
        return app.return_code
    return result if isinstance(result, int) else 0
