"""Related articles of the open article: those sharing its most distinctive
entities (tf-idf over entities, see reader/analytics/related.py), in a popup.
Enter opens one."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reader.textio import one_line
from reader.tui.keys import bindings
from reader.tui.widgets.lists import VimOptionList

if TYPE_CHECKING:
    from reader.library import RelatedArticle

LIMIT = 20


class RelatedScreen(ModalScreen[str | None]):
    """Dismisses with the id of the article to open (or None)."""

    BINDINGS = bindings("related")

    def __init__(self, article_id: str, title: str):
        super().__init__()
        self.article_id = article_id
        self.title_text = title
        self.related: list[RelatedArticle] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="related-box", classes="popup"):
            yield VimOptionList(id="related-list")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#related-box")
        box.border_title = Text(f"Related to {one_line(self.title_text, 60)}")
        box.border_subtitle = Text("by shared distinctive entities · Enter: open · Esc: close")
        options = self.query_one(VimOptionList)
        options.set_options([Option(Text("reading…", style="dim"), disabled=True)])
        options.focus()
        self._load()

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def _load(self):
        lib = self.app.library
        related = lib.related_articles(self.article_id, LIMIT)
        names = {
            eid: e.name
            for eid, e in lib.entities_by_id({e for r in related for e in r.shared[:4]}).items()
        }
        return related, names

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "related" or event.state != WorkerState.SUCCESS:
            return
        self.related, names = cast(
            "tuple[list[RelatedArticle], dict[str, str]]", event.worker.result
        )
        options = self.query_one(VimOptionList)
        if not self.related:
            options.set_options(
                [
                    Option(
                        Text("No other article shares an entity with it.", style="dim"),
                        disabled=True,
                    )
                ]
            )
            return
        options.set_options(Option(self._prompt(r, names)) for r in self.related)
        options.highlighted = 0

    def _prompt(self, related, names: dict[str, str]) -> Text:
        text = Text.assemble((f"{related.score:4.2f} ", "dim"))
        text.append(one_line(related.summary.title, 80), style="bold")
        shared = ", ".join(one_line(names.get(e, e), 30) for e in related.shared[:4])
        more = f" +{len(related.shared) - 4}" if len(related.shared) > 4 else ""
        meta = f"{related.summary.date or 'undated'} · shares {shared}{more}"
        text.append("\n     " + meta, style="dim")
        return text

    @on(VimOptionList.OptionSelected)
    def _open(self, event: VimOptionList.OptionSelected) -> None:
        if event.option_index < len(self.related):
            self.dismiss(self.related[event.option_index].summary.id)

    def action_close(self) -> None:
        self.dismiss(None)
