"""The search pane: a query box and every result, following the typing.

Typing never waits for Whoosh. One search runs at a time, in a thread worker;
keys typed meanwhile only note the box's latest value, which is searched as
soon as the running search ends (the values in between are skipped, and a
search whose query is no longer wanted stops before making snippets). The
worker ranks every hit and prepares the first screenful of rows (title,
snippet) before anything is drawn; the list then holds all hits (virtual
rows), and the rows that scroll into view are prepared in another worker
(placeholders meanwhile). Errors and "did you mean" show under the box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from reader.errors import ReaderError
from reader.textio import one_line, printable
from reader.tui.keys import bindings
from reader.tui.messages import OpenArticle, ResultRow, RowsPrepared, SearchFinished
from reader.tui.widgets.inputs import PlainInput
from reader.tui.widgets.lists import VimOptionList
from reader.tui.widgets.timeline import SearchTimeline

if TYPE_CHECKING:
    from reader.library import Library
    from reader.results import ResultSet, Snippet

#: Lines per result: the title, two lines of snippet, a blank line (CSS padding).
ROW_HEIGHT = 4
SNIPPET_LINES = ROW_HEIGHT - 2
#: Rows prepared beyond those on screen (a page of scrolling ahead).
LOOKAHEAD = 12
#: Prepared rows kept; beyond it they are dropped and prepared again if seen.
ROW_CACHE = 2000
#: Seconds without a new search before the timeline charts the results.
TIMELINE_DELAY = 0.3

HINT = "Type to search the collection (Whoosh syntax)."


def prepare_rows(library, results: ResultSet, start: int, stop: int) -> dict[int, ResultRow]:
    """Rows `start` to `stop` of `results` (thread-safe: runs in workers)."""
    hits = results.hits(start, stop, snippets=1)
    summaries = {s.id: s for s in library.articles([h.id for h in hits])}
    return {start + k: ResultRow(hit, summaries.get(hit.id)) for k, hit in enumerate(hits)}


class SearchInput(PlainInput):
    BINDINGS = bindings("search_box")

    def action_accept_suggestion(self) -> None:
        panel = self.query_ancestor(SearchPanel)
        if panel.suggestion:
            self.value = panel.suggestion
            self.cursor_position = len(self.value)


class SearchResultsList(VimOptionList):
    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(row_height=ROW_HEIGHT, id=id, classes=classes)


class SearchPanel(Vertical):
    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.library: Library | None = None
        self.query_text = ""  # the query the results are for
        self.results: ResultSet | None = None
        self.suggestion: str | None = None
        self.wanted = ""  # the box's latest value: what should be searched next
        self._searching = False
        self._rows: dict[int, ResultRow] = {}
        self._row_of: dict[str, int] = {}  # article id -> row, for prepared rows
        self._unprepared: set[int] = set()  # rows drawn as placeholders
        self._preparing = False
        self._status_lines = 0
        self._timeline_timer: Timer | None = None
        self._keep_row: tuple[str, int | None] | None = None

    def compose(self) -> ComposeResult:
        yield SearchInput(
            placeholder='search: words, "a phrase", person:putin, date:2022', id="search-input"
        )
        yield Static("", id="search-status", markup=False)
        yield SearchTimeline(id="search-timeline")
        yield SearchResultsList(id="search-results")

    def on_mount(self) -> None:
        title = Text.assemble(("4 ", "bold"))
        title.append("Search")
        self.border_title = title
        self._status(Text(HINT, style="dim"))

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def results_list(self) -> SearchResultsList:
        return self.query_one(SearchResultsList)

    def _status(self, text: Text) -> None:
        # A new layout (the whole screen) only when the line count changes:
        # the status changes on every key typed.
        status = self.query_one("#search-status", Static)
        width = max(1, status.content_region.width or self.size.width - 4)
        lines = len(text.wrap(self.app.console, width))
        status.update(text, layout=lines != self._status_lines)
        self._status_lines = lines

    # ------------------------------------------------------------ the library

    def use_library(self, library) -> None:
        """The index is (again) ready, or gone: a query typed meanwhile runs now,
        and shown results are searched again (the index may have changed)."""
        self.library = library
        if self.query_text and self.query_text == self.wanted:
            # The same query searched again: its highlighted row stays.
            self._keep_row = (self.wanted, self.results_list.highlighted)
        self.query_text = ""
        if self.wanted.strip():
            self.request_search(self.wanted)

    # ------------------------------------------------------------ searching

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.request_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.request_search(event.value)
        self.results_list.focus()

    def request_search(self, query: str) -> None:
        """Search `query` now, or as soon as the running search ends."""
        self.wanted = query
        if not query.strip():
            self._clear()
            return
        if self.library is None:
            self._status(
                Text("The index is being built; the search runs when it is ready.", style="dim")
            )
            return
        if self._searching or query == self.query_text:
            return
        if self._timeline_timer is not None:  # the results it would chart are going
            self._timeline_timer.stop()
        self._searching = True
        self._status(Text("searching…", style="dim"))
        visible = max(1, self.app.size.height // ROW_HEIGHT + 1)
        self.run_search(query, visible)

    def _clear(self) -> None:
        self.query_text = ""
        self.results = None
        self.suggestion = None
        self._set_rows({})
        self.results_list.clear_options()
        self._follow_timeline(None)
        self.border_subtitle = ""
        self._status(Text(HINT, style="dim"))

    # Not `exclusive`: one runs at a time by construction, and a worker that has
    # posted its answer may not have ended yet when the next one starts.
    @work(thread=True, group="search", exit_on_error=False)
    def run_search(self, query: str, first_rows: int) -> None:
        worker = get_current_worker()
        results, rows, error = None, {}, None
        assert self.library is not None, "a search starts only once the library is open"
        try:
            results = self.library.search_results(query)
            # Snippets only for a query still wanted (typing may have moved on).
            if results.total and self.wanted == query and not worker.is_cancelled:
                rows = prepare_rows(self.library, results, 0, first_rows)
        except ReaderError as exc:  # an unreadable query, an index changed meanwhile
            results, error = None, str(exc)
        self.post_message(SearchFinished(query, results, rows, error))

    @on(SearchFinished)
    def _finished(self, event: SearchFinished) -> None:
        event.stop()
        self._searching = False
        if event.query != self.wanted:
            self.request_search(self.wanted)  # typed on meanwhile: that one now
            return
        self.show_results(event.query, event.results, event.rows, event.error)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        # A search that failed in a way no message explains (a bug): logged and
        # reported by the app; the box stays usable.
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "search":
            self._searching = False
            self._status(Text("The search failed (see the notification).", style="bold red"))
            self.app.report_worker_error(event.worker.error, "search")
        elif event.worker.group == "search-rows":
            self._preparing = False
            self.app.report_worker_error(event.worker.error, "search")

    def show_results(
        self, query: str, results: ResultSet | None, rows: dict[int, ResultRow], error: str | None
    ) -> None:
        self.query_text = query
        self.results = results
        self.suggestion = results.suggestion if results is not None else None
        options = self.results_list
        self._set_rows(rows)
        self.border_subtitle = ""  # the highlighted row sets it
        self._follow_timeline(None if error else results)
        if error is not None or results is None:
            self._status(Text(one_line(error or "", 300), style="bold red"))
            options.clear_options()
            self.border_subtitle = ""
            return
        options.set_lazy_options(results.total, self._make_option, self._row_of.get)
        keep_query, keep = self._keep_row or ("", None)
        self._keep_row = None
        if results.total:
            same = keep_query == query and keep is not None and keep < results.total
            options.highlighted = keep if same else 0
        self._status(self._summary(results))

    def _follow_timeline(self, results: ResultSet | None) -> None:
        """The timeline follows the results once typing pauses: reading the dates
        of every hit would slow the searches of the next keys."""
        if self._timeline_timer is not None:
            self._timeline_timer.stop()
        timeline = self.query_one(SearchTimeline)
        self._timeline_timer = self.set_timer(
            TIMELINE_DELAY, lambda: timeline.follow(self.library, results)
        )

    def _summary(self, results: ResultSet) -> Text:
        if results.total == 0:
            text = Text.assemble(("No matches.", "bold"))
            if results.suggestion:
                text.append(" Did you mean ")
                text.append(one_line(results.suggestion, 80), style="bold underline")
                text.append("? (ctrl+y)")
            return text
        return Text.assemble(
            (
                f"{results.total:,} matching {'article' if results.total == 1 else 'articles'}",
                "bold",
            )
        )

    # ------------------------------------------------------------ rows, prepared as seen

    def _set_rows(self, rows: dict[int, ResultRow]) -> None:
        self._rows = dict(rows)
        self._row_of = {row.hit.id: i for i, row in rows.items()}
        self._unprepared.clear()

    def _make_option(self, index: int) -> Option:
        row = self._rows.get(index)
        if row is None:
            self._want(index)
            return Option(Text(f"{index + 1}. …", style="dim"))
        return Option(self._prompt(index, row), id=row.hit.id)

    def _want(self, index: int) -> None:
        """Row `index` is on screen unprepared: prepare it (and a page around it)."""
        if not self._unprepared:
            self.call_later(self._prepare_wanted)
        self._unprepared.add(index)

    def _prepare_wanted(self) -> None:
        results = self.results
        if self._preparing or not self._unprepared or results is None:
            return
        start = max(0, min(self._unprepared) - LOOKAHEAD // 2)
        stop = min(results.total, max(self._unprepared) + 1 + LOOKAHEAD)
        self._preparing = True
        self.prepare_rows(results, start, stop)

    @work(thread=True, group="search-rows", exit_on_error=False)
    def prepare_rows(self, results: ResultSet, start: int, stop: int) -> None:
        try:
            rows = prepare_rows(self.library, results, start, stop)
            error = None
        except ReaderError as exc:  # the index changed since: search again
            rows, error = {}, str(exc)
        self.post_message(RowsPrepared(results, rows, error))

    @on(RowsPrepared)
    def _rows_prepared(self, event: RowsPrepared) -> None:
        event.stop()
        self._preparing = False
        if event.results is not self.results:
            return  # rows of an older search
        if event.error is not None:
            self.query_text = ""
            self.request_search(self.wanted)
            return
        if len(self._rows) > ROW_CACHE:
            self._set_rows({})
        self._rows.update(event.rows)
        self._row_of.update((row.hit.id, i) for i, row in event.rows.items())
        self._unprepared.difference_update(event.rows)
        self.results_list.forget(event.rows)
        if self._unprepared:
            self._prepare_wanted()

    def _prompt(self, index: int, row: ResultRow) -> Text:
        width = max(10, self.results_list.scrollable_content_region.width - 1)
        hit, summary = row.hit, row.summary
        title = Text.assemble((f"{index + 1}. ", "dim"))
        title.append(one_line(summary.title if summary else hit.id, 300), style="bold")
        title.truncate(width, overflow="ellipsis")
        text = title
        if hit.snippets:
            text.append("\n")
            text.append_text(snippet_lines(hit.snippets[0], width, SNIPPET_LINES, self.app.console))
        return text

    # ------------------------------------------------------------ opening a result

    @on(VimOptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: VimOptionList.OptionHighlighted) -> None:
        event.stop()
        if self.results is not None and self.results.total:
            self.border_subtitle = f"{event.option_index + 1:,}/{self.results.total:,}"

    @on(VimOptionList.OptionSelected, "#search-results")
    def _open(self, event: VimOptionList.OptionSelected) -> None:
        event.stop()
        results = self.results
        if results is None or event.option_index >= results.total:
            return
        row = self._rows.get(event.option_index)
        if row is not None:
            hit = row.hit
            first = hit.matches[0][0] if hit.matches else None
            self.post_message(
                OpenArticle(hit.id, offset=first, query=self.query_text, matches=hit.matches)
            )
            return
        try:  # not drawn yet (a jump): the article finds its matches itself
            ids = results.ids(event.option_index, event.option_index + 1)
        except ReaderError as exc:
            self.notify(one_line(str(exc)), severity="warning")
            return
        if ids:
            self.post_message(OpenArticle(ids[0], query=self.query_text))


def snippet_lines(snippet: Snippet, width: int, lines: int, console) -> Text:
    """A snippet as at most `lines` lines of `width` cells, starting a little
    before its first highlight so that the match is in view."""
    text = printable(snippet.text)
    highlights = snippet.highlights
    lo = 0
    if highlights and highlights[0][0] > width // 3:
        lo = highlights[0][0] - width // 3
        space = text.find(" ", lo, highlights[0][0])
        lo = space + 1 if space >= 0 else lo
    body = Text("… " if lo else "", style="dim")
    start = len(body)
    body.append(text[lo : lo + width * lines + width])
    for s, e in highlights:
        if e > lo:
            body.stylize("reverse", start + max(s, lo) - lo, start + e - lo)
    wrapped = body.wrap(console, width, overflow="ellipsis")
    shown = list(wrapped)[:lines]
    if len(wrapped) > lines and shown:
        last = shown[-1]
        last.append("…")
        last.truncate(width, overflow="ellipsis")
    return Text("\n").join(shown)
