"""The search pane: a query box and results that follow the typing.

Each change restarts a short debounce timer; the search itself runs in an
exclusive thread worker, so typing never waits for Whoosh. A result whose
query is no longer the box's value is dropped. Errors and "did you mean"
show inline under the box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from reader.errors import QueryError, ReaderError
from reader.textio import one_line, printable
from reader.tui.messages import OpenArticle, SearchFinished
from reader.tui.widgets.inputs import PlainInput
from reader.tui.widgets.lists import VimOptionList

if TYPE_CHECKING:
    from reader.search import SearchHit, SearchResults

DEBOUNCE = 0.2
PAGE = 50


class SearchInput(PlainInput):
    BINDINGS = [
        Binding("down", "screen.focus_results", "Results", show=False, id="search.results"),
        Binding("ctrl+y", "accept_suggestion", "Use suggestion", show=False,
                id="search.accept_suggestion"),
        Binding("escape", "screen.focus_pane('article')", "Back to the article", show=False,
                id="search.leave"),
    ]

    def action_accept_suggestion(self) -> None:
        panel = self.query_ancestor(SearchPanel)
        if panel.suggestion:
            self.value = panel.suggestion
            self.cursor_position = len(self.value)


class SearchResultsList(VimOptionList):
    pass


class SearchPanel(Vertical):
    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.library = None
        self.query_text = ""  # the query the results are for
        self.results: SearchResults | None = None
        self.suggestion: str | None = None
        self._timer: Timer | None = None
        self.hits: dict[str, SearchHit] = {}

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="search: words, \"a phrase\", person:putin, date:2022",
                          id="search-input")
        yield Static("", id="search-status", markup=False)
        yield SearchResultsList(id="search-results")

    def on_mount(self) -> None:
        title = Text.assemble(("4 ", "bold"))
        title.append("Search")
        self.border_title = title
        self._status(Text("Type to search the collection (Whoosh syntax).", style="dim"))

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def results_list(self) -> SearchResultsList:
        return self.query_one(SearchResultsList)

    def _status(self, text: Text) -> None:
        self.query_one("#search-status", Static).update(text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self.start_search(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip() and event.value != self.query_text:
            self.start_search(event.value)
        self.results_list.focus()

    def start_search(self, query: str) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not query.strip():
            self.query_text = ""
            self.results = None
            self.suggestion = None
            self.results_list.clear_options()
            self._status(Text("Type to search the collection (Whoosh syntax).", style="dim"))
            return
        if self.library is None:
            self._status(Text("The index is being built; search when it is ready.", style="dim"))
            return
        self._status(Text("searching…", style="dim"))
        self.run_search(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        try:
            results = self.library.search(query, pagelen=PAGE)
            error = None
        except QueryError as exc:
            results, error = None, str(exc)
        except ReaderError as exc:
            results, error = None, str(exc)
        if not worker.is_cancelled:
            self.post_message(SearchFinished(query, results, error))

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        # A search that failed in a way no message explains (a bug): logged and
        # reported by the app; the box stays usable.
        if event.worker.group == "search" and event.state == WorkerState.ERROR:
            self._status(Text("The search failed (see the notification).", style="bold red"))
            self.app.report_worker_error(event.worker.error, "search")

    @on(SearchFinished)
    def _finished(self, event: SearchFinished) -> None:
        event.stop()
        self.show_results(event.query, event.results, event.error)

    def show_results(self, query: str, results: SearchResults | None, error: str | None) -> None:
        if query != self.input.value:
            return  # the user has typed on; a newer search is coming
        self.query_text = query
        self.results = results
        self.suggestion = results.suggestion if results else None
        options = self.results_list
        if error is not None:
            self._status(Text(one_line(error, 300), style="bold red"))
            options.clear_options()
            return
        assert results is not None
        self.hits = {h.id: h for h in results.hits}
        summaries = {s.id: s for s in self.library.articles([h.id for h in results.hits])}
        options.set_options(
            Option(self._prompt(hit, summaries.get(hit.id)), id=hit.id) for hit in results.hits)
        if results.hits:
            options.highlighted = 0
        self._status(self._summary(results))

    def _summary(self, results: SearchResults) -> Text:
        if results.total == 0:
            text = Text.assemble(("No matches.", "bold"))
            if results.suggestion:
                text.append(" Did you mean ")
                text.append(one_line(results.suggestion, 80), style="bold underline")
                text.append("? (ctrl+y)")
            return text
        shown = len(results.hits)
        text = Text.assemble(
            (f"{results.total} matching article{'s' if results.total != 1 else ''}", "bold"))
        if shown < results.total:
            text.append(f" (best {shown})", style="dim")
        return text

    def _prompt(self, hit: SearchHit, summary) -> Text:
        title = one_line(summary.title if summary else hit.id, 160)
        text = Text.assemble((f"{hit.rank}. ", "dim"))
        text.append(title, style="bold")
        text.append(f"  {hit.score:.2f}", style="dim")
        for snip in hit.snippets[:1]:
            body = Text(printable(snip.text))
            for s, e in snip.highlights:
                body.stylize("reverse", s, e)
            text.append("\n   ")
            text.append_text(body)
        return text

    @on(VimOptionList.OptionSelected, "#search-results")
    def _open(self, event: VimOptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits.get(event.option.id or "")
        if hit is None:
            return
        first = hit.matches[0][0] if hit.matches else None
        self.post_message(OpenArticle(hit.id, offset=first, query=self.query_text,
                                      matches=hit.matches))
