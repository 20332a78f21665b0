"""The entities pane: the open article's entities grouped by type, or the collection's.

Highlighting an entity marks its mentions in the text; Enter goes to its next
mention (or, for the whole collection, opens its page); `e` opens its page;
`t` toggles between this article and the whole collection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets.option_list import Option

from reader.entities.types import ENTITY_LABELS, LABEL_NAMES
from reader.store import StoredEntity
from reader.textio import one_line
from reader.tui.keys import bindings
from reader.tui.messages import EntityChosen, EntityHighlighted, ShowEntityPage
from reader.tui.widgets.lists import VimOptionList

if TYPE_CHECKING:
    from reader.library import EntityListing

TYPE_ORDER = ENTITY_LABELS
TYPE_NAMES = LABEL_NAMES
#: Entities loaded at a time in whole-collection mode (the most mentioned first).
COLLECTION_PAGE = 500
MORE_ID = "more:"


class EntityOptions(VimOptionList):
    BINDINGS = bindings("entities")

    @property
    def pane(self) -> EntityList:
        return self.query_ancestor(EntityList)

    def action_open_page(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id and option.id != MORE_ID:
            self.post_message(ShowEntityPage(option.id))

    def action_toggle_scope(self) -> None:
        self.pane.toggle_scope()


class EntityList(Vertical):
    """Entities with mention counts, grouped by type."""

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.scope = "article"  # or "collection"
        self.article_entities: list[tuple[StoredEntity, int]] = []
        self.collection_entities: list[StoredEntity] = []
        self.collection_total = 0
        self._collection_loader: Callable[[int, int], EntityListing] | None = None
        self._items: list[tuple[str, Any]] = []  # what each row shows (see _rebuild)

    def compose(self) -> ComposeResult:
        yield EntityOptions(id="entity-options")

    @property
    def options(self) -> EntityOptions:
        return self.query_one(EntityOptions)

    def set_article_entities(self, pairs: list[tuple[StoredEntity, int]]) -> None:
        self.article_entities = pairs
        if self.scope == "article":
            self._rebuild()

    def set_collection_loader(self, loader) -> None:
        """`loader(offset, limit)` -> an `EntityListing` of the collection's
        entities, most mentioned first; called when that view is shown and when
        the user asks for more."""
        self._collection_loader = loader
        self.collection_entities = []
        self.collection_total = 0
        if self.scope == "collection":
            self._rebuild()

    def toggle_scope(self) -> None:
        self.scope = "collection" if self.scope == "article" else "article"
        self._rebuild()

    @property
    def highlighted_entity_id(self) -> str | None:
        """The id of the highlighted entity (None on a type's header or an empty list)."""
        index = self.options.highlighted
        if index is None or index >= len(self._items):
            return None
        option_id = self._items[index][0]
        return None if option_id.startswith("type:") else option_id

    def highlight_entity(self, entity_id: str | None) -> None:
        """Move the highlight to `entity_id` (following the current mention)."""
        if not entity_id:
            return
        options = self.options
        try:
            index = options.get_option_index(entity_id)
        except Exception:
            return
        if options.highlighted != index:
            self._following = True
            options.highlighted = index

    def _rebuild(self) -> None:
        """Group by type; rows (one line each) are made only when drawn."""
        if self.scope == "collection" and not self.collection_entities and self._collection_loader:
            self._load_more()
        if self.scope == "article":
            rows = self.article_entities
        else:
            rows = [(e, e.mention_count) for e in self.collection_entities]
        options = self.options
        before = options.highlighted
        keep = self._items[before][0] if before is not None and before < len(self._items) else None
        groups: dict[str, list[tuple[StoredEntity, int]]] = {}
        for entity, n in rows:
            groups.setdefault(entity.type, []).append((entity, n))
        # (option id, entity and count) for entities; (option id, (type, members)) for headers
        items: list[tuple[str, Any]] = []
        for type_ in sorted(groups, key=lambda t: TYPE_ORDER.index(t) if t in TYPE_ORDER else 99):
            members = groups[type_]
            items.append((f"type:{type_}", (type_, len(members))))
            items.extend((entity.id, (entity, n)) for entity, n in members)
        more = self.collection_total - len(rows) if self.scope == "collection" else 0
        if more > 0:
            items.append((MORE_ID, more))
        self._items = items
        self._update_title(len(rows), self.collection_total if more > 0 else None)
        if not rows:
            options.set_options([Option(Text(self._empty_message(), style="dim"), disabled=True)])
            return
        row_of = {option_id: i for i, (option_id, _) in enumerate(items)}
        options.set_lazy_options(len(items), self._make_option, row_of.get)
        if keep in row_of:
            options.highlighted = row_of[keep]

    def _make_option(self, index: int) -> Option:
        option_id, payload = self._items[index]
        if option_id == MORE_ID:
            shown = len(self.collection_entities)
            line = Text(f"… {payload:,} more (the {shown:,} most mentioned are shown): ", "dim")
            line.append(f"Enter shows {min(payload, COLLECTION_PAGE):,} more", "bold")
            return Option(line, id=option_id)
        if option_id.startswith("type:"):
            type_, count = payload
            header = Text(f"{TYPE_NAMES.get(type_, type_)} ({count})", style="bold underline")
            return Option(header, id=option_id, disabled=True)
        entity, n = payload
        width = self.options.scrollable_content_region.width or 30
        line = Text.assemble((f"{n:>4} ", "dim"))
        name = Text(one_line(entity.name, 200))
        name.truncate(max(8, width - 5), overflow="ellipsis")
        line.append_text(name)
        return Option(line, id=option_id)

    def _empty_message(self) -> str:
        if self.scope == "article":
            return "No entities in this article (or none open). Press t for the whole collection."
        return "No entities in the collection yet."

    def _load_more(self) -> None:
        assert self._collection_loader is not None, "whole-collection mode has its loader"
        listing = self._collection_loader(len(self.collection_entities), COLLECTION_PAGE)
        self.collection_entities = self.collection_entities + listing.entities
        self.collection_total = listing.total

    def _update_title(self, count: int, total: int | None = None) -> None:
        title = Text.assemble(("3 ", "bold"))
        title.append(f"Entities {count:,}" + (f" of {total:,}" if total is not None else ""))
        self.border_title = title
        self.border_subtitle = Text(
            "this article · t: all" if self.scope == "article" else "whole collection · t: article"
        )

    @on(VimOptionList.OptionHighlighted)
    def _highlighted(self, event: VimOptionList.OptionHighlighted) -> None:
        event.stop()
        if getattr(self, "_following", False):
            self._following = False
            return
        if event.option.id != MORE_ID:
            self.post_message(EntityHighlighted(event.option.id))

    @on(VimOptionList.OptionSelected)
    def _selected(self, event: VimOptionList.OptionSelected) -> None:
        event.stop()
        if not event.option.id:
            return
        if event.option.id == MORE_ID:
            self._load_more()
            self._rebuild()
            return
        if self.scope == "article":
            self.post_message(EntityChosen(event.option.id))
        else:
            self.post_message(ShowEntityPage(event.option.id))
