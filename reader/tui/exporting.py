"""Exports from the app (the command palette): the current search results or the
open entity page, to a CSV or JSON lines file (by the name's extension).

A prompt asks for the path (a name in the current directory by default); the
file is written in a thread worker, then a notification says how many rows went
where (or why not)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.analytics import exports
from reader.errors import ReaderError
from reader.textio import one_line
from reader.tui.keys import bindings
from reader.tui.widgets.inputs import PlainInput


def default_path(kind: str, name: str) -> str:
    """reader-<kind>-<name as a slug>.csv in the current directory."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or kind
    return str(Path.cwd() / f"reader-{kind}-{slug}.csv")


class ExportPrompt(ModalScreen[str | None]):
    """Asks where to write; dismisses with the path (or None)."""

    BINDINGS = bindings("export_prompt")

    def __init__(self, what: str, path: str):
        super().__init__()
        self.what = what
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="export-prompt", classes="prompt"):
            yield Static(Text(f"Export {self.what} to (.csv or .jsonl):"), markup=False)
            yield PlainInput(value=self.path, id="export-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if path:
            self.dismiss(str(Path(path).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)


def start_export(app, what: str, path: str, table: Callable[[], exports.Table]) -> None:
    """Ask for the path, then write `table()` there in a worker and notify."""

    def chosen(target: str | None) -> None:
        if target:
            app.run_worker(
                lambda: _write(app, what, target, table),
                thread=True,
                group="export",
                exit_on_error=False,
            )

    app.push_screen(ExportPrompt(what, path), chosen)


def _write(app, what: str, path: str, table: Callable[[], exports.Table]) -> None:
    fmt = exports.format_for_path(path, "csv")
    if fmt not in exports.TABLE_FORMATS:
        fmt = "csv"
    try:
        rows = table()
        from reader.safeio import user_output

        with user_output(path, "w", protected=[app.settings.index_dir]) as stream:
            n = exports.write_rows(rows, stream, fmt)
    except OSError as exc:
        app.call_from_thread(
            app.notify,
            f"Cannot write {one_line(path, 200)}: {exc.strerror or exc}",
            title="Export failed",
            severity="error",
        )
        return
    except ReaderError as exc:
        app.call_from_thread(
            app.notify, one_line(str(exc), 200), title="Export failed", severity="error"
        )
        return
    app.call_from_thread(
        app.notify, f"{n} rows ({fmt}) in {one_line(path, 200)}", title=f"Exported {what}"
    )


def export_search(app, query: str | None) -> None:
    if not query or not query.strip():
        app.notify("No search to export: search first (/).", severity="warning")
        return
    library = app.library
    start_export(
        app,
        f"the results of {one_line(query, 40)!r}",
        default_path("search", query),
        lambda: exports.search_table(library, query),
    )


def export_entity_page(app, entity_id: str, name: str, sort: str) -> None:
    library = app.library
    start_export(
        app,
        f"the mentions of {one_line(name, 40)}",
        default_path("entity", name),
        lambda: exports.entity_page_table(library, entity_id, sort),
    )
