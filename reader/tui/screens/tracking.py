"""Keeping track in the TUI (issue 16): read state, stars, tags, notes, saved
searches, watched entities and history, over reader/workflow/ (the core).

The rule for read state: an article becomes read once it has been shown in the
article pane for `READ_AFTER` seconds, or as soon as it is scrolled to its end.
`m` toggles it, `M` marks every article shown (the articles pane, or the search
results when the search pane is up) read, `u` undoes that.

`WorkflowKeys` holds the main screen's keys and actions (the main screen
inherits it); `Tracker` is the one object that talks to the user's data.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.screen import Screen

from reader.errors import ReaderError
from reader.library import Library
from reader.textio import one_line, plural
from reader.tui.keys import bindings
from reader.workflow.store import ARTICLE, ENTITY

#: Seconds an article is shown before it counts as read.
READ_AFTER = 3.0


class Marks:
    """The read and starred articles, in memory for the list's rows, written
    through to the user's data."""

    def __init__(self, store):
        self.store = store
        self.read: set[str] = store.read_ids()
        self.starred: set[str] = store.starred_ids()

    def set_read(self, ids, read: bool = True) -> list[str]:
        changed = self.store.mark_read(ids, read)
        (self.read.update if read else self.read.difference_update)(changed)
        return changed

    def set_starred(self, ids, starred: bool = True) -> list[str]:
        changed = self.store.star(ids, starred)
        (self.starred.update if starred else self.starred.difference_update)(changed)
        return changed


class Tracker:
    """The main screen's side of the user's data: marks, the read timer,
    history; every failure is a notification, never a traceback."""

    def __init__(self, screen):
        self.screen = screen
        self.marks: Marks | None = None
        self._library = None
        self._timer = None
        self._unwatch_scroll = None
        self._broken: Library | None = None  # the library whose user data could not be opened
        self._said: str | None = None  # the last failure notified

    @property
    def store(self):
        library = self.screen.library
        if library is None or library is self._broken:
            return None
        try:
            store = library.userdata
        except Exception as exc:  # an unwritable data folder: said once
            self._broken = library
            self._failed(exc)
            return None
        if library is not self._library:
            self._library = library
            self.marks = Marks(store)
            if store.recovered_from is not None:
                self.screen.notify(
                    f"The file of your marks, tags and notes was damaged; it is kept as "
                    f"{one_line(store.recovered_from.name, 80)} and a new one started.",
                    title="User data",
                    severity="warning",
                    timeout=10,
                )
        return store

    @property
    def open_marks(self) -> Marks | None:
        """The marks, once the user data is open (None when it cannot be)."""
        return self.marks if self.store is not None else None

    def _follow_renames(self) -> None:
        """Off the UI thread (it reads every article's hash): marks of renamed
        files move to their new ids; the list then shows them. Tags, notes and
        watches of entities merged (or unmerged) by curation follow too."""
        library = self.screen.library
        if library is None:
            return
        if library.follow_renames():
            self.screen.app.call_from_thread(self._marks_moved, library)
        try:
            followed = library.follow_curation()
        except Exception as exc:
            self.screen.app.call_from_thread(self._failed, exc)
            return
        if followed:
            self.screen.app.call_from_thread(self._entities_moved)

    def _entities_moved(self) -> None:
        """An open entity page shows its tags, note and watch as they are now."""
        for screen in self.screen.app.screen_stack:
            if type(screen).__name__ == "EntityScreen" and screen.entity is not None:
                screen.show_header()

    def _marks_moved(self, library) -> None:
        if library is self._library and self.marks is not None:
            self.marks = Marks(self.marks.store)
            self.screen.article_list.set_marks(self.marks)

    def _failed(self, exc: BaseException) -> None:
        """One notification per failure; the same failure again is a quiet
        status line (every article opened would otherwise repeat it)."""
        message = one_line(str(exc), 200)
        if message != self._said:
            self._said = message
            self.screen.notify(message, title="User data", severity="error", timeout=10)
        else:
            self.unavailable()

    def unavailable(self) -> None:
        """A key of keeping track was pressed and the user data cannot be kept."""
        if self._broken is not None and self._broken is self.screen.library:
            self.screen.say("marks, tags and notes are not kept (see the first message)")

    def attach(self) -> None:
        """The collection was (re)loaded: the list shows the marks (moved to
        the new ids of renamed files). User data that could not be opened is
        tried again, quietly (a folder made writable since is used)."""
        broken = self._broken
        if broken is not None and self.screen.library is broken:
            try:
                _ = broken.userdata
            except Exception:
                return
            self._broken = None
        if self.store is None:
            return
        self.screen.run_worker(
            self._follow_renames, thread=True, group="track-renames", exit_on_error=False
        )
        self.screen.article_list.set_marks(self.marks)
        self.screen.article_view.extra_header = self.header_rows

    # ------------------------------------------------------------ opening

    def opened(self, article_id: str, title: str, query: str | None, visit: bool) -> None:
        """An article is shown: remember the visit when the user opened it (and
        the search that found it), and start counting towards read."""
        store = self.store
        if store is None:
            return
        try:
            if query:
                store.visit("search", query, query)
            if visit or query:
                store.visit("article", article_id, title)
        except Exception as exc:
            self._failed(exc)
        if self._timer is not None:
            self._timer.stop()
        if self.marks is None or article_id in self.marks.read:
            return
        self._timer = self.screen.set_timer(READ_AFTER, lambda: self._read_now(article_id))
        if self._unwatch_scroll is None:
            view = self.screen.article_view
            self.screen.watch(view, "scroll_y", self._scrolled, init=False)
            self._unwatch_scroll = True

    def _scrolled(self, _old: float, _new: float) -> None:
        view = self.screen.article_view
        if view.article is None or view.max_scroll_y <= 0:
            return
        if self.marks is None or view.scroll_y < view.max_scroll_y:
            return
        if view.article.id not in self.marks.read:
            self._read_now(view.article.id)

    def _read_now(self, article_id: str) -> None:
        view = self.screen.article_view
        if view.article is None or view.article.id != article_id or self.marks is None:
            return
        self.set_read(self.screen.with_versions([article_id]), True)

    def searched(self, query: str) -> None:
        store = self.store
        if store is not None:
            try:
                store.visit("search", query, query)
            except Exception as exc:
                self._failed(exc)

    def visited_entity(self, entity_id: str, name: str) -> None:
        store = self.store
        if store is not None:
            try:
                store.visit("entity", entity_id, name)
            except Exception as exc:
                self._failed(exc)

    def after_update(self) -> None:
        """The index was updated: count the news of watched entities and saved
        searches off the UI thread, then say it ("12 new mentions of X in 5 articles")."""
        if self.store is None or not (self.store.watched() or self.store.saved_searches()):
            return
        self.screen.run_worker(
            self._count_news, thread=True, group="track-news", exclusive=True, exit_on_error=False
        )

    def _count_news(self) -> None:
        from reader.workflow.news import news

        saved, watched = news(self.screen.library)
        lines = [w.sentence() for w in watched if w.new]
        lines += [
            f"{one_line(s.name, 40)}: {plural(len(s.new), 'new match', 'new matches')}"
            for s in saved
            if s.new
        ]
        if lines:
            self.screen.app.call_from_thread(self._say_news, lines)

    def _say_news(self, lines: list[str]) -> None:
        shown = lines[:5] + ([f"and {len(lines) - 5} more"] if len(lines) > 5 else [])
        self.screen.notify("\n".join(shown) + "\nW lists them.", title="What is new", timeout=10)

    # ------------------------------------------------------------ marks

    def set_read(self, ids: list[str], read: bool) -> list[str]:
        marks = self.open_marks
        if marks is None:
            return []
        try:
            changed = marks.set_read(ids, read)
        except Exception as exc:
            self._failed(exc)
            return []
        self.screen.article_list.refresh_marks(changed)
        return changed

    def set_starred(self, ids: list[str], starred: bool) -> list[str]:
        marks = self.open_marks
        if marks is None:
            return []
        try:
            changed = marks.set_starred(ids, starred)
        except Exception as exc:
            self._failed(exc)
            return []
        self.screen.article_list.refresh_marks(changed)
        self.screen.article_view.refresh_header()
        return changed

    def mark_all(self, ids: list[str]) -> int:
        changed = self.set_read(ids, True)
        if changed:  # the reader's one undo (`u`) takes it back
            self.screen.app.undo_stack.did_read_all(self, changed)
        return len(changed)

    # ------------------------------------------------------------ the article's header

    def header_rows(self, article_id: str, width: int) -> list[Text]:
        """Under the article's date line: its star, tags and note."""
        store = self.store
        if store is None:
            return []
        try:
            tags = store.tags_of(ARTICLE, article_id)
            note = store.note(ARTICLE, article_id)
        except Exception:
            return []
        starred = self.marks is not None and article_id in self.marks.starred
        rows: list[Text] = []
        if starred or tags:
            line = Text()
            if starred:
                line.append("★ starred", style="bold yellow")
            if tags:
                if starred:
                    line.append("  ")
                line.append("tags: ", style="dim")
                line.append(", ".join(tags), style="bold")
            line.truncate(width, overflow="ellipsis")
            rows.append(line)
        if note:
            body = Text("note: ", style="dim")
            body.append(note.replace("\t", " "), style="italic")
            rows.extend(body.wrap(self.screen.app.console, width))
        if rows:
            rows.append(Text(""))
        return rows


class WorkflowKeys(Screen):
    """The main screen's keys for keeping track (see the module's docstring)."""

    BINDINGS = bindings("track")

    @on(events.DescendantFocus)
    def _search_results_focused(self, event: events.DescendantFocus) -> None:
        """Moving to the results of a search (Enter, down) puts it in the history."""
        from reader.tui.widgets.search_panel import SearchResultsList

        query = (self.search_panel.query_text or "").strip()
        if isinstance(event.widget, SearchResultsList) and query:
            self.tracker.searched(query)

    @property
    def tracker(self) -> Tracker:
        tracker = getattr(self, "_tracker", None)
        if tracker is None:
            tracker = self._tracker = Tracker(self)
        return tracker

    def _target_articles(self) -> list[str]:
        """The article a mark is for: the highlighted one in the articles pane
        (when it has focus), else the open one."""
        if self.pane == "articles":
            options = self.article_list.options
            if options.highlighted is not None and options.highlighted < len(
                self.article_list.shown
            ):
                return [self.article_list.shown[options.highlighted].id]
        article = self.article_view.article
        return [article.id] if article is not None else []

    def with_versions(self, ids: list[str]) -> list[str]:
        """With the versions collapsed (z), a row stands for its story: marking
        it read (by reading it or with m) marks every version of it."""
        articles = self.article_list
        if not articles.collapsed or not articles.versions:
            return ids
        return list(dict.fromkeys(v for i in ids for v in articles.versions.get(i, [i])))

    def action_toggle_read(self) -> None:
        ids = self.with_versions(self._target_articles())
        tracker = self.tracker
        marks = tracker.open_marks
        if not ids or marks is None:
            tracker.unavailable()
            return
        read = ids[0] not in marks.read
        tracker.set_read(ids, read)
        self.say("marked read" if read else "marked unread")

    def action_mark_all_read(self) -> None:
        ids = self._shown_ids()
        if not ids or self.tracker.store is None:
            self.tracker.unavailable()
            return
        n = self.tracker.mark_all(ids)
        self.notify(
            f"{plural(n, 'article')} marked read; u: undo" if n else "All shown are read already.",
            timeout=4,
        )

    def _shown_ids(self) -> list[str]:
        if self.pane == "search":
            results = getattr(self.search_panel, "results", None)
            if results is not None:
                try:
                    return results.ids(0, results.total)
                except ReaderError:
                    return []
        return [a.id for a in self.article_list.shown]

    def action_toggle_star(self) -> None:
        ids = self._target_articles()
        tracker = self.tracker
        marks = tracker.open_marks
        if not ids or marks is None:
            tracker.unavailable()
            return
        starred = ids[0] not in marks.starred
        tracker.set_starred(ids, starred)
        self.say("starred" if starred else "star removed")

    def _entity_target(self) -> tuple[str, str] | None:
        """(id, name) of the entity in focus: the entities pane's highlighted
        one when it has focus, else the current mention's."""
        entity_id = None
        if self.pane == "entities":
            option = self.entity_list.options.highlighted_option
            if option is not None and option.id and not option.id.startswith("type:"):
                entity_id = option.id
        if entity_id is None:
            entity_id = self._entity_in_focus()
        if entity_id is None or self.library is None:
            return None
        try:
            return entity_id, self.library.entity(entity_id).name
        except ReaderError:
            return None

    def _mark_target(self, highlighted: bool) -> tuple[str, str, str] | None:
        """(kind, key, label) a tag or note is for: the entity in focus in the
        entities pane; else the article (with `highlighted`, the highlighted row
        when the articles pane has focus; else the open article)."""
        if self.pane == "entities":
            target = self._entity_target()
            return None if target is None else (ENTITY, target[0], target[1])
        if highlighted:
            ids = self._target_articles()
            if not ids:
                return None
            key = ids[0]
            return (
                ARTICLE,
                key,
                next((a.title for a in self.article_list.shown if a.id == key), key),
            )
        article = self.article_view.article
        return None if article is None else (ARTICLE, article.id, article.title)

    def action_edit_tags(self) -> None:
        store = self.tracker.store
        target = self._mark_target(highlighted=True)
        if store is None or target is None:
            self.tracker.unavailable()
            return
        edit_tags(self, store, *target, then=self.article_view.refresh_header)

    def action_edit_note(self) -> None:
        store = self.tracker.store
        target = self._mark_target(highlighted=False)
        if store is None or target is None:
            self.tracker.unavailable()
            return
        edit_note(self, store, *target, then=self.article_view.refresh_header)

    def action_toggle_watch(self) -> None:
        target = self._entity_target()
        if target is None:
            self.say("no entity in focus: press ] to pick a mention")
            return
        if self.tracker.store is None:  # said once; then a quiet status
            self.tracker.unavailable()
            return
        toggle_watch(self, *target)

    def action_saved_searches(self) -> None:
        from reader.tui.screens.workflow import SavedSearchesScreen

        if self.tracker.store is None:
            self.tracker.unavailable()
            return
        query = self.search_panel.query_text or ""

        def done(query: str | None) -> None:
            if query:
                self.run_query(query)

        self.app.push_screen(SavedSearchesScreen(query), done)

    def run_query(self, query: str) -> None:
        """Show `query`'s results in the search pane."""
        self.action_focus_pane("search")
        self.search_panel.input.value = query

    def action_history(self) -> None:
        from reader.tui.screens.workflow import HistoryScreen

        if self.tracker.store is None:
            self.tracker.unavailable()
            return

        def done(visit) -> None:
            if visit is None:
                return
            kind, key = visit
            if kind == "search":
                self.run_query(key)
            elif kind == "article":
                self.open_article(key)
            else:
                self.show_entity_page(key)

        self.app.push_screen(HistoryScreen(), done)

    def action_news(self) -> None:
        from reader.tui.screens.workflow import NewsScreen

        if self.tracker.store is None:
            self.tracker.unavailable()
            return
        self.app.push_screen(NewsScreen(), self._open_news_article)

    def action_export_userdata(self) -> None:
        """Every mark, tag, note, saved search and watch to a file (the palette)."""
        from reader.analytics.exports import Table
        from reader.tui.exporting import default_path, start_export
        from reader.workflow.exchange import FIELDS, userdata_rows

        library = self.library
        if library is None or self.tracker.store is None:
            self.tracker.unavailable()
            return
        start_export(
            self.app,
            "your marks, tags and notes",
            default_path("userdata", library.settings.articles_dir.name),
            lambda: Table(FIELDS, list(userdata_rows(library))),
        )

    def action_import_userdata(self) -> None:
        """Merge in a file written by Export user data (the palette)."""
        from reader.tui.screens.workflow import ImportPrompt

        if self.library is None or self.tracker.store is None:
            self.tracker.unavailable()
            return

        def chosen(path: str | None) -> None:
            if path:
                self.run_worker(
                    lambda: self._import(path),
                    thread=True,
                    group="track-import",
                    exclusive=True,
                    exit_on_error=False,
                )

        self.app.push_screen(ImportPrompt(), chosen)

    def _import(self, path: str) -> None:
        from pathlib import Path

        from reader.workflow.exchange import import_rows, read_rows

        library = self.library
        try:
            report = import_rows(library, read_rows(Path(path)), source=Path(path).name)
        except Exception as exc:  # a bad row, a file that cannot be read: nothing changed
            self.app.call_from_thread(
                self.notify, one_line(str(exc), 300), title="Import failed", severity="error"
            )
            return
        self.app.call_from_thread(self._imported, library, report.line())

    def _imported(self, library, line: str) -> None:
        self.tracker._marks_moved(library)  # the list shows the marks imported
        self.article_view.refresh_header()
        self.notify(line[0].upper() + line[1:] + ".", title="Import", timeout=6)

    def _open_news_article(self, article_id: str | None) -> None:
        if article_id:
            self.open_article(article_id)


def edit_tags(screen, store, kind: str, key: str, label: str, then) -> None:
    """The tag prompt for an article or an entity; `then()` once tags changed."""
    from reader.tui.screens.workflow import TagPrompt

    try:
        current = store.tags_of(kind, key)
        used = [t for t, _ in store.tag_counts()]
    except Exception as exc:
        screen.notify(one_line(str(exc), 200), title="Tags", severity="error")
        return

    def done(tags: list[str] | None) -> None:
        if tags is None:
            return
        try:
            kept = store.set_tags(kind, key, tags)
        except Exception as exc:
            screen.notify(one_line(str(exc), 200), title="Tags", severity="error")
            return
        then()
        screen.notify(f"tags of {one_line(label, 40)}: {', '.join(kept) or 'none'}", timeout=3)

    screen.app.push_screen(TagPrompt(label, current, used), done)


def edit_note(screen, store, kind: str, key: str, label: str, then) -> None:
    """The note editor for an article or an entity; `then()` once the note changed."""
    from reader.tui.screens.workflow import NoteEditor

    def done(text: str | None) -> None:
        if text is not None:
            then()

    try:
        editor = NoteEditor(store, kind, key, label)
    except Exception as exc:
        screen.notify(one_line(str(exc), 200), title="Note", severity="error")
        return
    screen.app.push_screen(editor, done)


def entity_rows(app, entity_id: str) -> Text | None:
    """For the entity page's header: watched, its tags, its note (None: none of them)."""
    try:
        store = app.library.userdata
        watched = store.is_watched(entity_id)
        tags = store.tags_of(ENTITY, entity_id)
        note = store.note(ENTITY, entity_id)
    except Exception:  # an unwritable data folder: the main screen has said so
        return None
    if not (watched or tags or note):
        return None
    rows = Text()
    if watched:
        rows.append("◉ watched", style="bold")
    if tags:
        rows.append("  " if watched else "")
        rows.append("tags: ", style="dim")
        rows.append(", ".join(tags), style="bold")
    if note:
        lines = note.splitlines()
        rows.append("\n" if watched or tags else "")
        rows.append("note: ", style="dim")
        rows.append(one_line(lines[0], 200) or "…", style="italic")
        if len(lines) > 1:
            rows.append(f"  (+{plural(len(lines) - 1, 'line')}: ; shows all)", style="dim")
    return rows


def toggle_watch(screen, entity_id: str, name: str) -> None:
    """Watch (or stop watching) an entity; says which in a notification."""
    library = screen.app.library
    if library is None:
        return
    try:
        store = library.userdata
        if store.is_watched(entity_id):
            store.unwatch(entity_id)
            screen.notify(f"Stopped watching {one_line(name, 60)}.", timeout=3)
            return
        from reader.workflow.news import entity_articles

        store.watch(entity_id, name, entity_articles(library, entity_id) or {})
    except Exception as exc:
        screen.notify(one_line(str(exc), 200), title="Watch", severity="error")
        return
    screen.notify(
        f"Watching {one_line(name, 60)}: after an update, its new mentions are listed "
        "(palette: What is new).",
        timeout=4,
    )
