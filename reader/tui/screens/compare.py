"""Two entities' timelines side by side ("compare with" on the entity page).

`ComparePrompt` asks for the other entity (the highlighted "seen with" entity
is the default); `CompareScreen` shows both timelines on one axis, with their
totals and the articles they share.
"""

from __future__ import annotations

from typing import Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from reader.errors import ReaderError
from reader.textio import one_line, plural
from reader.tui.keys import bindings
from reader.tui.widgets.inputs import PlainInput
from reader.tui.widgets.timeline import CHART_WIDTH, TimelineChart


class ComparePrompt(ModalScreen[None]):
    """ "Compare NAME with: ___" then the comparison (or a notification)."""

    BINDINGS = bindings("compare_prompt")

    def __init__(self, entity, suggestion: str = ""):
        super().__init__()
        self.entity = entity
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-prompt", classes="prompt"):
            yield Static(Text(f"Compare {one_line(self.entity.name, 60)} with:"), markup=False)
            yield PlainInput(
                value=self.suggestion,
                placeholder="an entity's name, alias or id",
                id="compare-input",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#compare-input")
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:
            return
        try:
            other = self.app.library.find_entity(name)
        except ReaderError as exc:
            self.notify(one_line(str(exc), 200), severity="error")
            return
        if other.id == self.entity.id:
            self.notify("That is the same entity: pick another.", severity="warning")
            return
        self.dismiss(None)
        self.app.push_screen(CompareScreen(self.entity.id, other.id))

    def action_dismiss_prompt(self) -> None:
        self.dismiss(None)


class CompareScreen(Screen[None]):
    BINDINGS = bindings("compare")

    def __init__(self, first_id: str, second_id: str):
        super().__init__()
        self.ids = (first_id, second_id)

    def compose(self) -> ComposeResult:
        yield Static(id="compare-header", markup=False)
        with Horizontal(id="compare-charts"):
            yield TimelineChart("mentions", id="compare-first", classes="compare-chart")
            yield TimelineChart("mentions", id="compare-second", classes="compare-chart")
        yield Footer()

    def on_mount(self) -> None:
        self._layout()
        self.query_one("#compare-header", Static).update(Text("reading…", style="dim"))
        self._load()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        """Side by side when wide, one above the other when narrow."""
        charts = self.query_one("#compare-charts")
        charts.styles.layout = "horizontal" if self.app.size.width >= CHART_WIDTH else "vertical"

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _load(self):
        lib = self.app.library
        entities = [lib.entity(i) for i in self.ids]
        return entities, lib.entity_timelines(list(self.ids)), len(lib.articles_with_all(self.ids))

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "compare":
            return
        if event.state == WorkerState.ERROR and isinstance(event.worker.error, ReaderError):
            self.notify(one_line(str(event.worker.error)), severity="error")
            return
        if event.state != WorkerState.SUCCESS:
            return
        entities, timelines, shared = cast("tuple[Any, Any, int]", event.worker.result)
        header = Text()
        for i, entity in enumerate(entities):
            header.append(" vs " if i else "")
            header.append(one_line(entity.name, 50), style="bold")
            header.append(f" ({entity.article_count} articles)", style="dim")
        header.append(f"\n{plural(shared, 'article')} mention both", style="italic")
        self.query_one("#compare-header", Static).update(header)
        top = max((b.count for t in timelines for b in t.buckets), default=0)
        for selector, entity, timeline in zip(
            ("#compare-first", "#compare-second"), entities, timelines
        ):
            chart = self.query_one(selector, TimelineChart)
            chart.border_title = Text(one_line(entity.name, 50))
            chart.show(timeline, "mentions", ymax=top)  # one scale for both

    def action_close(self) -> None:
        self.dismiss(None)
