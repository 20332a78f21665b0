"""The screens of keeping track (reader/tui/screens/tracking.py has the keys):

- `TagPrompt`: an article's or entity's tags, comma-separated, completed from
  the tags already used (→ accepts a completion).
- `NoteEditor`: a note in a TextArea; Esc or Ctrl+S keeps it.
- `SavedSearchesScreen`: each saved search with its total, unread and new
  matches (counted in a worker); Enter runs it, `a` saves the current search,
  `d` forgets one.
- `HistoryScreen`: searches run, articles and entities opened, newest first.
- `NewsScreen`: new matches of saved searches and new mentions of watched
  entities since the last look; closing it marks them seen.
- `ImportPrompt`: the file to import (the palette's Import user data).
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Footer, Input, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reader.errors import ReaderError
from reader.textio import one_line, plural
from reader.tui.exporting import ExportPrompt
from reader.tui.keys import bindings
from reader.tui.widgets.inputs import PlainInput
from reader.tui.widgets.lists import VimOptionList

_CSS = """
TagPrompt, NoteEditor, SavedSearchesScreen, HistoryScreen, NewsScreen {
    align: center middle;
}
#note-box { width: 90%; max-width: 100; height: 70%; border: round $border;
    background: $surface; }
#note-text { height: 1fr; }
.track-hint { color: $text-muted; padding: 0 1; height: auto; }
#saved-name { display: none; }
"""


class TagSuggester(Suggester):
    """Completes the last of comma-separated tags from the tags already used."""

    def __init__(self, used: list[str]):
        super().__init__(use_cache=False, case_sensitive=True)
        self.used = used

    async def get_suggestion(self, value: str) -> str | None:
        _, _, last = value.rpartition(",")
        word = last.strip().lower()
        if not word:
            return None
        for tag in self.used:
            if tag.startswith(word) and tag != word:
                return value + tag[len(word) :]
        return None


class TagPrompt(ModalScreen[list[str] | None]):
    """Dismisses with the tags typed (or None when cancelled)."""

    DEFAULT_CSS = _CSS
    BINDINGS = bindings("tag_prompt")

    def __init__(self, label: str, current: list[str], used: list[str]):
        super().__init__()
        self.label = label
        self.current = current
        self.used = used

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-prompt", classes="prompt"):
            yield Static(Text(f"Tags of {one_line(self.label, 60)}:"), markup=False)
            yield PlainInput(
                value=", ".join(self.current),
                placeholder="comma-separated; → completes a tag already used",
                suggester=TagSuggester(self.used),
                id="tag-input",
            )
            used = ", ".join(self.used[:12]) if self.used else "none yet"
            yield Static(Text(f"used: {one_line(used, 200)}"), classes="track-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        from reader.workflow.store import clean_tag

        tags = [t for t in (p.strip() for p in event.value.split(",")) if t]
        try:
            for tag in tags:
                clean_tag(tag)
        except ReaderError as exc:
            self.notify(one_line(str(exc), 200), title="Tags", severity="error")
            return
        self.dismiss(tags)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the note kept (None when nothing changed)."""

    DEFAULT_CSS = _CSS
    BINDINGS = bindings("note_editor")

    def __init__(self, store, kind: str, key: str, label: str):
        super().__init__()
        self.store = store
        self.kind, self.key, self.label = kind, key, label
        self.original = store.note(kind, key)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield TextArea(self.original, id="note-text", soft_wrap=True, show_line_numbers=False)
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#note-box")
        box.border_title = Text(f"Note on {one_line(self.label, 60)}")
        box.border_subtitle = Text("Esc: keep and close · empty: no note")
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_keep(self) -> None:
        text = self.query_one(TextArea).text
        if text == self.original:
            self.dismiss(None)
            return
        try:
            kept = self.store.set_note(self.kind, self.key, text)
        except ReaderError as exc:  # too long, control characters: the editor stays open
            self.notify(one_line(str(exc), 200), title="Note not kept", severity="error")
            return
        except Exception as exc:
            self.notify(one_line(str(exc), 200), title="Note not kept", severity="error")
            return
        self.notify("Note removed." if not kept else "Note kept.", timeout=2)
        self.dismiss(kept)


class ImportPrompt(ExportPrompt):
    """Asks which file to import (`Import user data` in the palette)."""

    def __init__(self) -> None:
        super().__init__("", "")

    def compose(self) -> ComposeResult:
        with Vertical(id="export-prompt", classes="prompt"):
            yield Static(
                Text("Import user data from (a .csv or .jsonl file from Export user data):"),
                markup=False,
            )
            yield PlainInput(placeholder="path of the file", id="export-path")


class _ListScreen(ModalScreen):
    """A popup list filled by a worker."""

    DEFAULT_CSS = _CSS
    TITLE_TEXT = ""
    HINT = ""

    def compose(self) -> ComposeResult:
        # Kept, not queried: a key pressed while this screen is pushed can push
        # another on top before this one is mounted (the list is then not
        # found by a query yet; it crashed the reader with NoMatches).
        self._list = VimOptionList(id="track-list")
        box = Vertical(id="track-box", classes="popup")
        box.border_title = Text(self.TITLE_TEXT)
        box.border_subtitle = Text(self.HINT)
        with box:
            yield self._list
            yield from self.compose_extra()
        yield Footer()

    def compose_extra(self) -> ComposeResult:
        yield from ()

    @property
    def options(self) -> VimOptionList:
        return self._list

    def on_mount(self) -> None:
        self.options.set_options([Option(Text("reading…", style="dim"), disabled=True)])
        self.options.focus()
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="track-list", exit_on_error=False)
    def _load(self):
        return self.load()

    def load(self):
        raise NotImplementedError

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "track-list":
            return
        if event.state == WorkerState.SUCCESS:
            self.show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.options.set_options(
                [Option(Text(one_line(str(event.worker.error), 200)), disabled=True)]
            )

    def show(self, result) -> None:
        raise NotImplementedError

    def action_close(self) -> None:
        self.dismiss(None)


class SavedSearchesScreen(_ListScreen):
    """Dismisses with the query to run (or None)."""

    TITLE_TEXT = "Saved searches"
    BINDINGS = bindings("saved")

    def __init__(self, current_query: str):
        super().__init__()
        self.current_query = current_query.strip()
        self.HINT = "Enter: run · a: save the current search · d: forget · Esc: close"
        self.statuses: list = []

    def compose_extra(self) -> ComposeResult:
        yield PlainInput(placeholder="a name for the current search", id="saved-name")

    def load(self):
        from reader.workflow.news import saved_status

        library = self.app.library
        return [saved_status(library, s) for s in library.userdata.saved_searches()]

    def show(self, statuses) -> None:
        self.statuses = statuses
        if not statuses:
            hint = (
                f"No saved searches yet: a saves {one_line(self.current_query, 60)!r}."
                if self.current_query
                else "No saved searches yet: search (/), then S and a saves the search."
            )
            self.options.set_options([Option(Text(hint, style="dim"), disabled=True)])
            return
        width = max(len(one_line(s.name, 30)) for s in statuses)
        rows = []
        for s in statuses:
            line = Text(one_line(s.name, 30).ljust(width + 2), style="bold")
            if s.error:
                line.append(one_line(s.error, 80), style="red")
            else:
                counts = f"{s.total:>5} total  {s.unread:>5} unread"
                if s.new:
                    counts += f"  {len(s.new)} new"
                line.append(counts, style="bold" if s.unread else "")
            line.append(f"  {one_line(s.query, 60)}", style="dim")
            rows.append(Option(line, id=s.name))
        self.options.set_options(rows)
        self.options.highlighted = 0

    @on(VimOptionList.OptionSelected, "#track-list")
    def _chosen(self, event: VimOptionList.OptionSelected) -> None:
        chosen = next((s for s in self.statuses if s.name == event.option.id), None)
        if chosen is not None:
            self.dismiss(chosen.query)

    def action_add(self) -> None:
        if not self.current_query:
            self.notify("No current search: search first (/), then save it here.", timeout=4)
            return
        name = self.query_one("#saved-name", Input)
        name.display = True
        name.focus()

    @on(Input.Submitted, "#saved-name")
    def _named(self, event: Input.Submitted) -> None:
        from reader.workflow.news import saved_matches

        library = self.app.library
        try:
            ids = saved_matches(library, self.current_query)
            saved = library.userdata.save_search(event.value, self.current_query, seen=ids)
        except ReaderError as exc:
            self.notify(one_line(str(exc), 200), title="Not saved", severity="error")
            return
        event.input.value = ""
        event.input.display = False
        self.options.focus()
        self.notify(f"Saved {one_line(saved.name, 40)!r}.", timeout=2)
        self.reload()

    def action_remove(self) -> None:
        option = self.options.highlighted_option
        if option is None or not option.id:
            return
        try:
            self.app.library.userdata.remove_search(option.id)
        except ReaderError as exc:
            self.notify(one_line(str(exc), 200), severity="error")
            return
        self.notify(f"Forgot {one_line(option.id, 40)!r}.", timeout=2)
        self.reload()

    def on_key(self, event) -> None:
        name = self.query_one("#saved-name", Input)
        if event.key == "escape" and name.has_focus:
            event.stop()
            name.display = False
            self.options.focus()


KIND_MARKS = {"search": "/", "article": "▤", "entity": "◆"}


class HistoryScreen(_ListScreen):
    """Dismisses with (kind, key) to go to (or None)."""

    TITLE_TEXT = "History"
    HINT = "newest first · / search  ▤ article  ◆ entity · Enter: go · Esc: close"
    BINDINGS = bindings("history")

    def load(self):
        return self.app.library.userdata.history(limit=300)

    def show(self, visits) -> None:
        if not visits:
            self.options.set_options(
                [Option(Text("Nothing yet: searches and what you open show here.", style="dim"))]
            )
            return
        rows = []
        for i, v in enumerate(visits):
            when = datetime.fromtimestamp(v.at).strftime("%b %d %H:%M")
            line = Text(f"{when}  ", style="dim")
            line.append(f"{KIND_MARKS.get(v.kind, ' ')} ", style="bold")
            line.append(one_line(v.label, 200))
            line.truncate(
                self.options.scrollable_content_region.width - 2 or 100, overflow="ellipsis"
            )
            rows.append(Option(line, id=f"{i}"))
        self.visits = visits
        self.options.set_options(rows)
        self.options.highlighted = 0

    @on(VimOptionList.OptionSelected, "#track-list")
    def _chosen(self, event: VimOptionList.OptionSelected) -> None:
        if event.option.id is None or not hasattr(self, "visits"):
            return
        visit = self.visits[int(event.option.id)]
        self.dismiss((visit.kind, visit.key))


class NewsScreen(_ListScreen):
    """Dismisses with the article to open (or None); what it showed is seen."""

    TITLE_TEXT = "What is new"
    HINT = "since you last looked · Enter: open · Esc: close (marks it seen)"
    BINDINGS = bindings("news")

    def load(self):
        from reader.workflow.news import news

        library = self.app.library
        saved, watched = news(library)
        ids = [i for s in saved for i in s.new[:50]] + [a for w in watched for a in w.new]
        titles = {a.id: a.title for a in library.articles(ids)}
        return saved, watched, titles

    def show(self, result) -> None:
        saved, watched, titles = result
        self.result = result
        rows: list[Option] = []
        self.targets: list[str] = []  # option id i -> article id (one may be listed twice)

        def article_row(line: Text, article_id: str) -> Option:
            self.targets.append(article_id)
            return Option(line, id=str(len(self.targets) - 1))

        for w in watched:
            if not w.new:
                continue
            rows.append(Option(Text(w.sentence(), style="bold"), disabled=True))
            for aid, n in w.new.items():
                line = Text(f"  {one_line(titles.get(aid, aid), 80)}")
                line.append(f"  {plural(n, 'mention')}", style="dim")
                rows.append(article_row(line, aid))
        for s in saved:
            if not s.new:
                continue
            rows.append(
                Option(
                    Text(
                        f"{one_line(s.name, 40)}: {plural(len(s.new), 'new match', 'new matches')}",
                        style="bold",
                    ),
                    disabled=True,
                )
            )
            for aid in s.new[:50]:
                rows.append(article_row(Text(f"  {one_line(titles.get(aid, aid), 80)}"), aid))
        if not rows:
            what = "saved searches or watched entities" if saved or watched else "anything"
            rows = [Option(Text(f"Nothing new for your {what}.", style="dim"), disabled=True)]
            if not saved and not watched:
                rows = [
                    Option(
                        Text(
                            "Nothing followed yet: w watches an entity, S saves a search.",
                            style="dim",
                        ),
                        disabled=True,
                    )
                ]
        self.options.set_options(rows)
        self.options.highlighted = next((i for i, o in enumerate(rows) if not o.disabled), None)

    def _seen(self) -> None:
        from reader.workflow.news import acknowledge

        result = getattr(self, "result", None)
        if result is not None:
            try:
                acknowledge(self.app.library, result[0], result[1])
            except Exception as exc:
                self.notify(one_line(str(exc), 200), severity="error")

    @on(VimOptionList.OptionSelected, "#track-list")
    def _chosen(self, event: VimOptionList.OptionSelected) -> None:
        if event.option.id:
            self._seen()
            self.dismiss(self.targets[int(event.option.id)])

    def action_close(self) -> None:
        self._seen()
        self.dismiss(None)
