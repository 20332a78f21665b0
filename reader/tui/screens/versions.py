"""Versions of a story (near-duplicates found at index time) and what changed.

`VersionsScreen` lists the open article's group (oldest first, the open one
marked): Enter opens one, `d` shows its diff with the open article.
`DiffScreen` shows the newer text with what was removed struck through (red)
and what was added underlined (green), and how much changed.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from reader.analytics.diff import word_diff
from reader.textio import one_line, printable
from reader.tui.keys import bindings
from reader.tui.widgets.lists import VimOptionList


class VersionsScreen(ModalScreen[str | None]):
    """Dismisses with the id of the article to open (or None)."""

    BINDINGS = bindings("versions")

    def __init__(self, open_id: str, versions, similarity: dict[str, float]):
        super().__init__()
        self.open_id = open_id
        self.versions = list(versions)  # ArticleSummary, oldest first
        self.similarity = similarity

    def compose(self) -> ComposeResult:
        with Vertical(id="versions-box", classes="popup"):
            yield VimOptionList(id="versions-list")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#versions-box")
        box.border_title = Text(f"{len(self.versions)} versions of this story")
        box.border_subtitle = Text("Enter: open · d: what changed · Esc: close")
        options = self.query_one(VimOptionList)
        options.set_options(Option(self._prompt(s)) for s in self.versions)
        ids = [s.id for s in self.versions]
        here = ids.index(self.open_id) if self.open_id in ids else 0
        options.highlighted = (here + 1) % len(ids) if len(ids) > 1 else here
        options.focus()

    def _prompt(self, summary) -> Text:
        mark = "▸ " if summary.id == self.open_id else "  "
        text = Text.assemble((mark, "bold"))
        text.append(one_line(summary.title, 80), style="bold" if mark.strip() else "")
        meta = [summary.date or "undated", summary.id]
        if summary.id in self.similarity:
            meta.append(f"{self.similarity[summary.id]:.0%} alike")
        elif summary.id == self.open_id:
            meta.append("open")
        text.append("\n  " + " · ".join(one_line(m, 60) for m in meta), style="dim")
        return text

    def _highlighted(self):
        index = self.query_one(VimOptionList).highlighted
        return self.versions[index] if index is not None and index < len(self.versions) else None

    @on(VimOptionList.OptionSelected)
    def _open(self, event: VimOptionList.OptionSelected) -> None:
        self.dismiss(self.versions[event.option_index].id)

    def action_diff(self) -> None:
        other = self._highlighted()
        if other is None:
            return
        if other.id == self.open_id:
            self.notify("That is the open article: pick another version.", timeout=3)
            return
        ordered = [s.id for s in self.versions]
        old, new = sorted(
            (self.open_id, other.id), key=lambda i: ordered.index(i) if i in ordered else 0
        )
        self.app.push_screen(DiffScreen(old, new))

    def action_close(self) -> None:
        self.dismiss(None)


class DiffScreen(Screen[None]):
    BINDINGS = bindings("diff")

    def __init__(self, old_id: str, new_id: str):
        super().__init__()
        self.ids = (old_id, new_id)

    def compose(self) -> ComposeResult:
        yield Static(id="diff-header", markup=False)
        with VerticalScroll(id="diff-body", classes="pane"):
            yield Static(id="diff-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        lib = self.app.library
        old, new = (lib.article(i) for i in self.ids)
        diff = word_diff(old.text, new.text)
        self.diff = diff
        header = Text()
        header.append(one_line(old.title, 70), style="bold")
        header.append(f"  ({old.date or 'undated'} · {one_line(old.id, 40)})", style="dim")
        header.append("\n→ ")
        header.append(one_line(new.title, 70), style="bold")
        header.append(f"  ({new.date or 'undated'} · {one_line(new.id, 40)})", style="dim")
        header.append(
            f"\n{diff.added} words added, {diff.removed} removed · {diff.similarity:.0%} the same"
        )
        if diff.same:
            header.append(" · the texts are the same word for word", style="italic")
        self.query_one("#diff-header", Static).update(header)
        body = Text()
        for change in diff.changes:
            if change.op == "equal":  # the newer text's spacing
                body.append(printable(change.new))
                continue
            if change.old:
                body.append(printable(change.old), style="strike red")
            if change.new:
                body.append(printable(change.new), style="underline green")
        self.query_one("#diff-text", Static).update(body)
        pane = self.query_one("#diff-body")
        pane.border_title = Text("What changed: removed struck through, added underlined")
        pane.focus()

    def action_scroll(self, how: str) -> None:
        body = self.query_one("#diff-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
        }[how](animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
