"""Curating entities from the reader: `C` opens a small menu of operations on the
entity in front of the user (the highlighted one in the entities pane, the
entity page's, the current mention's in the article); `u` (reader.tui.undo)
undoes the last change.

A menu choice asks what it needs (a name in a one-line prompt, a type from a
list), destructive ones (merge, reject) ask for a one-key confirmation saying
what will change, then the operation goes to the journal and the index in a
thread (reader.curation.live); the panes and any open entity page then show
the curated entities. Nothing here knows how an operation is applied.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.actions import BY_ID
from reader.errors import ReaderError
from reader.store import StoredEntity
from reader.textio import one_line, plural
from reader.tui.keys import bindings
from reader.tui.widgets.inputs import PlainInput

#: The types offered by "Change type" and for a new entity, most common first.
TYPES = (
    ("PERSON", "person"),
    ("ORG", "organisation"),
    ("GPE", "country, city, state"),
    ("LOC", "other place"),
    ("NORP", "nationality, group"),
    ("FAC", "building, facility"),
    ("EVENT", "event"),
    ("PRODUCT", "product"),
    ("WORK_OF_ART", "work of art"),
    ("LAW", "law"),
)


@dataclass(frozen=True)
class Span:
    """A stretch of an article: a mention, or the current search match."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CurationContext:
    """What `C` acts on: an entity, one of its mentions, a span of the open article."""

    entity: StoredEntity | None = None
    mention: Span | None = None  # a mention of `entity`
    match: Span | None = None  # the current search match in the article


# ---------------------------------------------------------------- small modal screens


class ChoiceMenu(ModalScreen[str | None]):
    """A title and a list of choices, each with its key: the key (or Enter on
    the highlighted row) picks it, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices  # (key, value, label)

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt curation-menu"):
            yield Static(Text(self.title_text, style="bold"), markup=False)
            yield OptionList(
                *(
                    Option(Text.assemble((f"{key}  ", "bold"), label), id=value)
                    for key, value, label in self.choices
                ),
                id="curation-choices",
            )
            yield Static(Text("key or Enter chooses · Esc cancels", style="dim"), markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_key(self, event) -> None:
        for key, value, _ in self.choices:
            if event.character == key:
                event.stop()
                self.dismiss(value)
                return

    @on(OptionList.OptionSelected, "#curation-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CurationMenu(ChoiceMenu):
    """The `C` menu: the operations that fit what it was opened on. Its keys are
    bindings of the action registry (`curation.merge`...: remappable), and each
    row shows the key that runs it."""

    BINDINGS = bindings("curation_menu")

    def __init__(self, context: CurationContext, keymap: dict[str, str] | None = None) -> None:
        super().__init__(_menu_title(context), menu_choices(context, keymap or {}))
        self.context = context

    def on_key(self, event) -> None:
        pass  # the bindings choose

    def action_choose(self, value: str) -> None:
        if any(value == offered for _, offered, _ in self.choices):
            self.dismiss(value)


def _menu_title(context: CurationContext) -> str:
    if context.entity is None:
        return "Curate entities"
    e = context.entity
    return (
        f"Curate {one_line(e.name, 50)} ({e.type}, "
        f"{plural(e.mention_count, 'mention')} in {plural(e.article_count, 'article')})"
    )


def menu_choices(context: CurationContext, keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(key shown, value, label) of the operations that fit `context`; the keys
    are the registry's (`curation.<value>`), as remapped by `keymap`."""
    rows = _menu_rows(context)
    return [(_key_shown(value, keymap), value, label) for value, label in rows]


def _key_shown(value: str, keymap: dict[str, str]) -> str:
    action = BY_ID["curation.undo_last" if value == "undo" else f"curation.{value}"]
    return (keymap.get(action.id) or action.keys).split(",")[0].strip()


def _menu_rows(context: CurationContext) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = []
    entity, mention, match = context.entity, context.mention, context.match
    if match is not None:
        choices.append(("mark", f"Mark the match “{one_line(match.text, 30)}” as a mention of…"))
    if entity is not None:
        choices += [
            ("merge", "Merge another entity into this one…"),
            ("rename", "Rename…"),
            ("retype", f"Change the type ({entity.type})…"),
        ]
        if mention is not None:
            form = one_line(mention.text, 30)
            choices += [
                ("split_form", f"Split off the mentions written “{form}”…"),
                ("split_one", "Split off this one mention…"),
                (
                    "reject_mention",
                    f"Reject this mention (“{form}” is not {one_line(entity.name, 30)})",
                ),
            ]
        else:
            choices.append(("split_form", "Split off the mentions written as…"))
        choices.append(("reject", "Reject: not an entity at all"))
    choices.append(("add", "Add a name the model missed…"))
    choices.append(("undo", "Undo the last change"))
    return choices


class TextPrompt(ModalScreen[str | None]):
    """One line of text: Enter gives it, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt curation-prompt"):
            yield Static(Text(self.title_text), markup=False)
            yield PlainInput(value=self.value, placeholder=self.placeholder, id="curation-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#curation-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if value:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A question answered with one key: y (or Enter) yes, n (or Esc) no."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt curation-confirm"):
            yield Static(Text(self.question, style="bold"), markup=False)
            yield Static(Text("y: yes · n: no", style="dim"), markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


# ---------------------------------------------------------------- the flows


def start_curation(app, context: CurationContext) -> None:
    """Open the menu (from the `C` key of a pane or the entity page)."""
    if app.library is None:
        app.notify("No index yet: curation needs the entities.", severity="warning")
        return
    app.run_worker(_curate(app, context), group="curation", exclusive=True, exit_on_error=False)


def start_undo(app, then: Callable[[], None] | None = None) -> None:
    """Take back the journal's last curation (reader.tui.undo decides when);
    `then` runs once it is undone."""
    if app.library is None:
        app.notify("Nothing to undo.", timeout=3)
        return
    app.run_worker(
        _apply(app, None, undo=True, then=then),
        group="curation",
        exclusive=True,
        exit_on_error=False,
    )


def start_redo(app, then: Callable[[], None] | None = None) -> None:
    """Bring back the curation undone last; `then` runs once it is redone."""
    if app.library is None:
        app.notify("Nothing to redo.", timeout=3)
        return
    app.run_worker(
        _apply(app, None, undo=True, redo=True, then=then),
        group="curation",
        exclusive=True,
        exit_on_error=False,
    )


async def _curate(app, context: CurationContext) -> None:
    choice = await app.push_screen_wait(CurationMenu(context, app.user_keymap))
    if choice is None:
        return
    if choice == "undo":
        app.action_undo()  # the reader's one undo (reader.tui.undo): the last change
        return
    entry = await _make_entry(app, context, choice)
    if entry is not None:
        await _apply(app, entry)


async def _make_entry(app, context: CurationContext, choice: str) -> dict | None:
    """The journal entry for the menu's `choice`, asked of the user step by step;
    None when they cancel. The menu offers a choice only when what it acts on is
    there (CurationMenu); a choice without it makes nothing."""
    entity, mention, match = context.entity, context.mention, context.match
    if choice == "add":
        return await _add_entry(app, match)
    if choice == "mark":
        return await _mark_entry(app, match) if match is not None else None
    if entity is None:
        return None
    if choice == "reject_mention":
        return await _reject_mention_entry(app, entity, mention) if mention else None
    if choice in ("split_form", "split_one"):
        if choice == "split_one" and mention is None:
            return None
        return await _split_entry(app, entity, mention, one=choice == "split_one")
    make = _ENTITY_CHOICES.get(choice)
    return await make(app, entity) if make is not None else None


async def _merge_entry(app, entity: StoredEntity) -> dict | None:
    from reader.curation import ops

    name = await app.push_screen_wait(
        TextPrompt(
            f"Merge into {one_line(entity.name, 50)}: the other entity",
            placeholder="its name, alias or id",
        )
    )
    other = _pick(app, name) if name else None
    if other is None:
        return None
    if other.id == entity.id:
        app.notify("That is the same entity: pick another.", severity="warning")
        return None
    articles = len(app.library.store.articles_mentioning([other.id]))
    question = (
        f"Merge {one_line(other.name, 40)} ({other.type}, {plural(other.mention_count, 'mention')}"
        f" in {plural(articles, 'article')}) into {one_line(entity.name, 40)}?"
    )
    if not await app.push_screen_wait(Confirm(question)):
        return None
    return ops.merge_entry(entity, [other])


async def _rename_entry(app, entity: StoredEntity) -> dict | None:
    from reader.curation import ops

    name = await app.push_screen_wait(
        TextPrompt(f"Rename {one_line(entity.name, 50)} to:", value=entity.name)
    )
    if not name or name == entity.name:
        return None
    return ops.rename_entry(entity, name)


async def _retype_entry(app, entity: StoredEntity) -> dict | None:
    from reader.curation import ops

    type_ = await _choose_type(app, f"{one_line(entity.name, 50)} is a:")
    if type_ is None or type_ == entity.type:
        return None
    return ops.retype_entry(entity, type_)


async def _reject_entry(app, entity: StoredEntity) -> dict | None:
    from reader.curation import ops

    question = (
        f"Reject {one_line(entity.name, 40)} ({entity.type}): not an entity, its "
        f"{plural(entity.mention_count, 'mention')} in {plural(entity.article_count, 'article')}"
        " no longer shown, linked or counted?"
    )
    if not await app.push_screen_wait(Confirm(question)):
        return None
    return ops.reject_entry(entity)


#: The choices that act on the entity alone.
_ENTITY_CHOICES: dict[str, Callable[[Any, StoredEntity], Awaitable[dict | None]]] = {
    "merge": _merge_entry,
    "rename": _rename_entry,
    "retype": _retype_entry,
    "reject": _reject_entry,
}


async def _split_entry(app, entity: StoredEntity, mention: Span | None, one: bool) -> dict | None:
    """Split off this mention (`one`) or every mention written as this one's
    form (asked when there is no mention)."""
    from reader.curation import ops

    form = mention.text if mention is not None else None
    if form is None:
        form = await app.push_screen_wait(
            TextPrompt(f"Split off the mentions of {one_line(entity.name, 40)} written as:")
        )
        if not form:
            return None
    what = "this mention" if one else f"the mentions written “{one_line(form, 30)}”"
    target = await _target(app, f"Move {what} to:", form, entity.type, exclude=entity)
    if target is None:
        return None
    existing, new = target
    if one and mention is not None:
        ref = ops.mention_ref(mention.article_id, mention.start, mention.end, mention.text)
        return ops.split_entry(entity, to=existing, new=new, mentions=[ref])
    return ops.split_entry(entity, to=existing, new=new, forms=[form])


async def _reject_mention_entry(app, entity: StoredEntity, mention: Span) -> dict | None:
    from reader.curation import ops

    question = (
        f"Reject this mention: “{one_line(mention.text, 40)}” is not {one_line(entity.name, 40)}?"
    )
    if not await app.push_screen_wait(Confirm(question)):
        return None
    return ops.reject_mention_entry(mention.article_id, mention.start, mention.end, mention.text)


async def _add_entry(app, match: Span | None) -> dict | None:
    from reader.curation import ops

    name = await app.push_screen_wait(
        TextPrompt(
            "Add a name: every place it is written becomes a mention",
            value=match.text if match else "",
            placeholder="the name, as written in the articles",
        )
    )
    if not name:
        return None
    type_ = await _choose_type(app, f"{one_line(name, 50)} is a:")
    return ops.add_entry(name, type_) if type_ else None


async def _mark_entry(app, match: Span) -> dict | None:
    from reader.curation import ops

    target = await _target(
        app,
        f"Mark “{one_line(match.text, 40)}” as a mention of:",
        match.text,
        None,  # a new entity: its type is asked
    )
    if target is None:
        return None
    existing, new = target
    if existing is not None:
        spec = ops.ref_of(existing)
    elif new is not None:
        spec = {"name": new[0], "type": new[1]}
    else:
        return None
    return ops.mark_entry(match.article_id, match.start, match.end, match.text, spec)


async def _target(
    app, title: str, suggestion: str, type_: str | None, exclude: StoredEntity | None = None
) -> tuple[StoredEntity | None, tuple[str, str] | None] | None:
    """(an existing entity, None) or (None, (new name, type)) typed by the user."""
    from reader.curation.lookup import Ambiguous, pick_entity
    from reader.errors import NotFound

    name = await app.push_screen_wait(
        TextPrompt(
            title, value=suggestion, placeholder="an entity's name, alias or id, or a new name"
        )
    )
    if not name:
        return None
    try:
        existing = pick_entity(app.library.store, name)
    except Ambiguous as exc:
        app.notify(one_line(str(exc), 300), severity="error")
        return None
    except NotFound:
        existing = None
    if existing is not None and (exclude is None or existing.id != exclude.id):
        return existing, None
    new_type = type_ or await _choose_type(app, f"{one_line(name, 50)} (a new entity) is a:")
    if new_type is None:
        return None
    return None, (name, new_type)


async def _choose_type(app, title: str) -> str | None:
    keys = "0123456789"
    return await app.push_screen_wait(
        ChoiceMenu(
            title, [(keys[(i + 1) % 10], t, f"{t}  {what}") for i, (t, what) in enumerate(TYPES)]
        )
    )


def _pick(app, name: str) -> StoredEntity | None:
    from reader.curation.lookup import pick_entity

    try:
        return pick_entity(app.library.store, name)
    except ReaderError as exc:
        app.notify(one_line(str(exc), 300), severity="error")
        return None


#: How long an operation waits for the index (a document write it cancelled,
#: an index update) before it gives up with a notification.
LOCK_WAIT_S = 30.0
#: The worker group of the Whoosh documents an operation left pending.
DOCUMENTS_GROUP = "curation-documents"


async def _apply(
    app,
    entry: dict | None,
    undo: bool = False,
    redo: bool = False,
    then: Callable[[], None] | None = None,
) -> None:
    """Write the entry (or an undo, or a redo) to the journal and the store in a
    thread and show it; the Whoosh documents it changes follow in a worker of
    their own (start_documents), with progress in the bottom bar."""
    from reader.curation.live import apply_now
    from reader.tui.messages import IndexProgress

    def progress(stage: str, done: int, total: int) -> None:
        app.post_message(IndexProgress(stage, done, total))  # thread-safe

    # A document write still running stops at once (its documents stay pending
    # and the next write takes them), so the operation gets the index lock.
    app.workers.cancel_group(app, DOCUMENTS_GROUP)
    kw: dict = {"progress": progress, "documents": False, "lock_wait": LOCK_WAIT_S}
    if redo:
        call = partial(apply_now, app.settings, make_entry=_control("redo"), **kw)
    elif undo:
        call = partial(apply_now, app.settings, make_entry=_control("undo"), **kw)
    else:
        call = partial(apply_now, app.settings, entry, **kw)
    try:
        written, _report = await asyncio.to_thread(call)
    except ReaderError as exc:
        _progress_done(app)
        message = one_line(str(exc), 300)
        app.notify(message[:1].upper() + message[1:], title="Curation", severity="warning")
        start_documents(app)  # any left pending by a cancelled write
        return
    show_curated(app)
    if then is not None:
        then()
    # apply_now returns None only when it was given nothing to write; here it
    # always is (an entry, or one made for the undo or redo).
    desc = written["desc"] if written is not None else ""
    if redo:
        app.notify(f"Redone: {one_line(desc[5:], 200)}", title="Curation")
    elif undo:
        app.notify(f"Undone: {one_line(desc[5:], 200)}", title="Curation")
    else:
        app.undo_stack.did_curation()
        app.notify(f"{one_line(desc, 200)} · u undoes", title="Curation")
    start_documents(app)


def start_documents(app) -> None:
    """Write the Whoosh documents curation left pending, in a thread worker that
    a later operation (or quitting) cancels; what it has not written stays
    pending for the next write or index update."""
    app.run_worker(
        partial(_write_documents, app),
        thread=True,
        group=DOCUMENTS_GROUP,
        exclusive=True,
        exit_on_error=False,
        name="curation documents",
    )


def _write_documents(app) -> None:
    from textual.worker import get_current_worker

    from reader.build import Cancelled
    from reader.curation.live import write_pending
    from reader.tui.messages import IndexProgress

    worker = get_current_worker()

    def progress(stage: str, done: int, total: int) -> None:
        if not worker.is_cancelled:
            app.post_message(IndexProgress(stage, done, total))

    try:
        written = write_pending(
            app.settings,
            progress=progress,
            should_stop=lambda: worker.is_cancelled,
            lock_wait=LOCK_WAIT_S,
        )
        if written and app.library is not None:
            app.library.refresh()  # searches see the new documents
    except Cancelled:
        return  # the operation that cancelled it shows its own progress
    except ReaderError as exc:
        message = one_line(str(exc), 300)
        app.call_from_thread(
            app.notify,
            f"The search index follows later: {message}",
            title="Curation",
            severity="warning",
        )
    app.call_from_thread(_progress_done, app)


def _progress_done(app) -> None:
    """Hide the bottom bar once the messages the thread posted are handled."""

    def hide() -> None:
        try:
            app.main_screen.index_progress.finish()
        except LookupError:
            pass

    app.call_later(hide)


def _control(op: str):
    from reader.curation.journal import control_entry

    return lambda read: control_entry(read.entries, op)


def show_curated(app) -> None:
    """Every view reads the curated entities again: panes, the open entity page."""
    app.library.refresh()
    app.main_screen.load_collection()
    for screen in app.screen_stack:
        if hasattr(screen, "show_entity") and hasattr(screen, "history"):  # an entity page
            if app.library.store.entity(screen.entity_id) is None:
                screen.history = [h for h in screen.history if app.library.store.entity(h)]
                if screen is app.screen:
                    screen.dismiss(None)
            else:
                screen.show_entity(screen.entity_id)


# ---------------------------------------------------------------- what `C` acts on


def main_screen_context(screen) -> CurationContext:
    """In the entities pane: the highlighted entity; elsewhere: the article's
    current mention (and its entity) and the current search match."""
    library, view = screen.library, screen.article_view
    match = None
    if view.article is not None and view.matches and view.current_match is not None:
        start, end = view.matches[view.current_match]
        match = Span(view.article.id, start, end, view.article.text[start:end])
    if screen.pane == "entities":
        entity_id = screen.entity_list.highlighted_entity_id
        entity = _entity(library, entity_id)
        return CurationContext(entity=entity, match=match)
    current = view.current_mention
    if current is None or not current.entity_id:
        return CurationContext(match=match)
    mention = Span(current.article_id, current.start, current.end, current.text)
    return CurationContext(entity=_entity(library, current.entity_id), mention=mention, match=match)


def entity_page_context(page) -> CurationContext:
    """The page's entity, and the highlighted mention when the mentions list has focus."""
    mention = None
    listing = page.mentions_list
    if (
        listing.has_focus
        and listing.highlighted is not None
        and listing.highlighted < len(page._lines)
    ):
        k = page._lines[listing.highlighted]
        mention = Span(k.article_id, k.start, k.end, k.keyword)
    return CurationContext(entity=page.entity, mention=mention)


def _entity(library, entity_id: str | None) -> StoredEntity | None:
    if not entity_id:
        return None
    try:
        return library.entity(entity_id)
    except ReaderError:
        return None
