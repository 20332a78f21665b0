"""Every action a key can run, in one table: it feeds the key bindings, the help
screen, the command palette and the user's key map (`keymap.toml`).

How to add an action
--------------------
1. Add an `Action` to `ACTIONS` below, among the others of the same `where`
   (the help screen lists them in this order):

       Action("articles.star", "asterisk", "toggle_star", "Star", "articles", show=True),

   - `id`: dotted, unique, stable: users remap keys by it in keymap.toml;
   - `keys`: default Textual key names, comma-separated ("" = palette only);
   - `action`: the Textual action it runs (`action_toggle_star` on the widget
     or screen named by `where`; "screen.x" and "app.x" work as in Textual);
   - `description`: a few words, shown on the help screen and in the footer;
   - `where`: which widget or screen has the binding, one of `WHERE`;
   - `show=True` puts it in the footer.
2. The class named by `where` has `BINDINGS = bindings("<where>")`
   (`reader.tui.keys`); a new `where` goes in `WHERE` and in a help `SECTIONS`
   entry, and that class gets the one line.
3. To offer it in the command palette (Ctrl+P) give it `palette="Title"` (and
   `palette_help`) and put its id in `PALETTE`, in the order shown. Only actions
   of the main screen ("main", and "track": its keeping-track keys) and of the
   app ("app") can be run from there.

`tests/core/test_actions.py` checks ids are unique, keys are valid and every
`where` is known. This module imports no Textual: key names are checked here,
and a bad key map raises `KeymapError` (the TUI shows it as one line).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from reader.errors import ReaderError


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    keys: str
    action: str
    description: str
    where: str
    show: bool = False
    palette: str | None = None
    palette_help: str = ""


#: Where a binding lives: `where` -> the widget or screen (reader.tui) that has it.
WHERE = {
    "app": "ReaderApp (every screen)",
    "main": "MainScreen",
    "article_view": "ArticleView (the article pane)",
    "lists": "VimOptionList (every list)",
    "articles": "ArticleOptions (the articles pane)",
    "entities": "EntityOptions (the entities pane)",
    "search_box": "SearchInput (the search box)",
    "entity_page": "EntityScreen",
    "compare": "CompareScreen",
    "compare_prompt": "ComparePrompt",
    "related": "RelatedScreen",
    "versions": "VersionsScreen",
    "diff": "DiffScreen",
    "export_prompt": "ExportPrompt",
    "curation_menu": "CurationMenu (C)",
    "help": "HelpScreen",
    "track": "WorkflowKeys (the main screen: keeping track, reader/tui/screens/tracking.py)",
    "tag_prompt": "TagPrompt",
    "note_editor": "NoteEditor",
    "saved": "SavedSearchesScreen",
    "history": "HistoryScreen",
    "news": "NewsScreen",
}

A = Action
ACTIONS: tuple[Action, ...] = (
    # ---------------------------------------------------------------- the app
    A("app.quit", "q", "quit", "Quit", "app", show=True, palette="Quit"),
    A("app.help", "question_mark,f1", "help", "Help", "app", show=True, palette="Help: keys"),
    A("app.palette", "ctrl+p", "command_palette", "Commands", "app"),
    A(
        "app.update_index",
        "ctrl+r",
        "update_index",
        "Update index",
        "app",
        palette="Update the index",
        palette_help="Index new and changed files",
    ),
    A(
        "feeds.fetch",
        "R",
        "fetch_feeds",
        "Fetch feeds",
        "app",
        palette="Fetch feeds",
        palette_help="Get new articles from the subscribed feeds, then update the index",
    ),
    A(
        "app.undo",
        "u,ctrl+z",
        "undo",
        "Undo the last change",
        "app",
        palette="Undo",
        palette_help="Takes back the last curation or mark-all-read (u, ctrl+z)",
    ),
    A(
        "app.redo",
        "U,ctrl+y",
        "redo",
        "Redo what undo took back",
        "app",
        palette="Redo",
        palette_help="Brings back what undo took back (U, ctrl+y)",
    ),
    A(
        "app.rebuild_index",
        "",
        "rebuild_index",
        "Rebuild index",
        "app",
        palette="Rebuild the index",
        palette_help="Re-read every file from scratch",
    ),
    # ---------------------------------------------------------------- the main screen
    A("pane.next", "tab", "cycle_pane(1)", "Next pane", "main"),
    A("pane.previous", "shift+tab", "cycle_pane(-1)", "Previous pane", "main"),
    A("pane.articles", "1", "focus_pane('articles')", "Articles", "main", palette="Focus articles"),
    A("pane.article", "2", "focus_pane('article')", "Article", "main", palette="Focus article"),
    A("pane.entities", "3", "focus_pane('entities')", "Entities", "main", palette="Focus entities"),
    A("pane.search", "4", "focus_pane('search')", "Search pane", "main"),
    A(
        "search.focus",
        "slash",
        "focus_pane('search')",
        "Search",
        "main",
        show=True,
        palette="Search",
    ),
    A(
        "mention.next",
        "right_square_bracket",
        "next_mention",
        "Next mention",
        "main",
        show=True,
        palette="Next mention",
        palette_help="Move the current mention forward",
    ),
    A(
        "mention.previous",
        "left_square_bracket",
        "previous_mention",
        "Prev mention",
        "main",
        palette="Previous mention",
        palette_help="Move the current mention back",
    ),
    A(
        "entity.next",
        "right_curly_bracket,J",
        "next_same_entity",
        "Same entity",
        "main",
        show=True,
        palette="Next mention of the same entity",
        palette_help="Continues into the next article that mentions it",
    ),
    A(
        "entity.previous",
        "left_curly_bracket,K",
        "previous_same_entity",
        "Same entity back",
        "main",
        palette="Previous mention of the same entity",
        palette_help="Continues into the previous article that mentions it",
    ),
    A(
        "entity.page",
        "e",
        "entity_page",
        "Entity",
        "main",
        show=True,
        palette="Open the entity page of the current mention",
    ),
    A("match.next", "n", "next_match", "Next match", "main", palette="Next search match"),
    A(
        "match.previous",
        "N",
        "previous_match",
        "Previous match",
        "main",
        palette="Previous search match",
    ),
    A(
        "jump.back",
        "ctrl+o,backspace,alt+left,H",
        "back",
        "Back",
        "main",
        palette="Back",
        palette_help="Go back through the jump list",
    ),
    A(
        "jump.forward",
        "alt+right,L",
        "forward",
        "Forward",
        "main",
        palette="Forward",
        palette_help="Go forward through the jump list",
    ),
    A(
        "article.related",
        "equals_sign",
        "related",
        "Related articles",
        "main",
        palette="Related articles",
        palette_help="Articles sharing the open article's most distinctive entities",
    ),
    A(
        "article.versions",
        "v",
        "versions",
        "Versions of this story",
        "main",
        palette="Versions of this story",
        palette_help="Near-duplicates of the open article; d: what changed",
    ),
    A(
        "main.toggle_entity_scope",
        "",
        "toggle_entity_scope",
        "Entities: this article / all",
        "main",
        palette="Toggle entities: this article / whole collection",
    ),
    A(
        "main.sort_articles",
        "",
        "sort_articles",
        "Sort articles",
        "main",
        palette="Sort articles (cycle)",
    ),
    A(
        "main.filter_articles",
        "",
        "filter_articles",
        "Filter articles",
        "main",
        palette="Filter articles",
    ),
    A(
        "search.export",
        "",
        "export_search",
        "Export the search results",
        "main",
        palette="Export the search results",
        palette_help="Every hit, to a CSV or JSON lines file",
    ),
    A(
        "curation.menu",
        "C",
        "curate",
        "Curate entities",
        "main",
        palette="Curate entities",
        palette_help="Merge, split, rename, retype, reject or add: the current mention's entity (C)",
    ),
    # ---------------------------------------------------------------- keeping track (main screen)
    A(
        "track.read",
        "m",
        "toggle_read",
        "Read / unread",
        "track",
        palette="Toggle read / unread",
        palette_help="The highlighted or open article",
    ),
    A(
        "track.read_all",
        "M",
        "mark_all_read",
        "Mark all shown read",
        "track",
        palette="Mark all shown as read",
        palette_help="The articles listed, or the search results (u undoes)",
    ),
    A(
        "track.star",
        "asterisk",
        "toggle_star",
        "Star",
        "track",
        palette="Star / unstar",
        palette_help="The highlighted or open article",
    ),
    A(
        "track.tags",
        "plus",
        "edit_tags",
        "Tags",
        "track",
        palette="Tags",
        palette_help="Of the open article (of the entity, from the entities pane)",
    ),
    A(
        "track.note",
        "semicolon",
        "edit_note",
        "Note",
        "track",
        palette="Note",
        palette_help="On the open article (on the entity, from the entities pane)",
    ),
    A(
        "track.watch",
        "w",
        "toggle_watch",
        "Watch entity",
        "track",
        palette="Watch / unwatch the entity",
        palette_help="Be told of its new mentions after an update",
    ),
    A(
        "track.saved",
        "S",
        "saved_searches",
        "Saved searches",
        "track",
        palette="Saved searches",
        palette_help="Each with its total and unread matches; a saves the current search",
    ),
    A(
        "track.history",
        "h",
        "history",
        "History",
        "track",
        palette="History",
        palette_help="Searches run, articles and entities opened",
    ),
    A(
        "track.news",
        "W",
        "news",
        "What is new",
        "track",
        palette="What is new",
        palette_help="New matches of saved searches, new mentions of watched entities",
    ),
    A(
        "track.export",
        "",
        "export_userdata",
        "Export user data",
        "track",
        palette="Export user data",
        palette_help="Marks, tags, notes, saved searches, watches: to a CSV or JSON lines file",
    ),
    A(
        "track.import",
        "",
        "import_userdata",
        "Import user data",
        "track",
        palette="Import user data",
        palette_help="Merge in a file from Export user data (another machine, a colleague)",
    ),
    # ---------------------------------------------------------------- the article pane
    A("article.down", "j,down", "scroll_down", "Down", "article_view"),
    A("article.up", "k,up", "scroll_up", "Up", "article_view"),
    A("article.page_down", "space,pagedown,ctrl+f", "page_down", "Page down", "article_view"),
    A("article.page_up", "b,pageup,ctrl+b", "page_up", "Page up", "article_view"),
    A("article.half_down", "ctrl+d", "half_page_down", "Half page down", "article_view"),
    A("article.half_up", "ctrl+u", "half_page_up", "Half page up", "article_view"),
    A("article.top", "g,home", "scroll_home", "Top", "article_view"),
    A("article.bottom", "G,end", "scroll_end", "Bottom", "article_view"),
    A("article.entity_page", "enter", "screen.entity_page", "Entity page", "article_view"),
    A("article.clear_matches", "escape", "clear_matches", "Clear matches", "article_view"),
    # ---------------------------------------------------------------- every list
    A("list.down", "j", "cursor_down", "Down", "lists"),
    A("list.up", "k", "cursor_up", "Up", "lists"),
    A("list.first", "g", "first", "First", "lists"),
    A("list.last", "G", "last", "Last", "lists"),
    A("list.page_down", "space", "page_down", "Page down", "lists"),
    A("list.page_up", "b", "page_up", "Page up", "lists"),
    # ---------------------------------------------------------------- the articles pane
    A("articles.sort", "s", "cycle_sort", "Sort", "articles", show=True),
    A("articles.reverse", "r", "reverse", "Reverse", "articles"),
    A("articles.filter", "f", "filter", "Filter", "articles", show=True),
    A("articles.clear_filter", "escape", "clear_filter", "Clear filter", "articles"),
    A("articles.collapse_versions", "z", "collapse_versions", "Collapse versions", "articles"),
    # ---------------------------------------------------------------- the entities pane
    A("entities.page", "e", "open_page", "Entity page", "entities", show=True),
    A("entities.toggle", "t", "toggle_scope", "Article/all", "entities", show=True),
    # ---------------------------------------------------------------- the search box
    A("search.results", "down", "screen.focus_results", "Results", "search_box"),
    A("search.accept_suggestion", "ctrl+y", "accept_suggestion", "Use suggestion", "search_box"),
    A(
        "search.leave",
        "escape",
        "screen.focus_pane('article')",
        "Back to the article",
        "search_box",
    ),
    # ---------------------------------------------------------------- the entity page
    A("entity_page.close", "escape,q", "close", "Close", "entity_page", show=True),
    A(
        "entity_page.back",
        "backspace,ctrl+o,H",
        "previous_entity",
        "Previous entity",
        "entity_page",
    ),
    A("entity_page.mentions", "1", "focus_list('#entity-mentions')", "Mentions", "entity_page"),
    A(
        "entity_page.cooccurring",
        "2",
        "focus_list('#entity-cooccurring')",
        "Seen with",
        "entity_page",
    ),
    A("entity_page.articles", "3", "focus_list('#entity-articles')", "Articles", "entity_page"),
    A("entity_page.sort", "s", "cycle_sort", "Sort mentions", "entity_page", show=True),
    A("entity_page.other", "e", "open_other", "Page of the entity seen with", "entity_page"),
    A("entity_page.compare", "c", "compare", "Compare", "entity_page", show=True),
    A("entity_page.all_articles", "a", "all_articles", "All its articles", "entity_page"),
    A("entity_page.curate", "C", "curate", "Curate this entity", "entity_page"),
    A("entity_page.watch", "w", "toggle_watch", "Watch", "entity_page"),
    A("entity_page.tags", "plus", "edit_tags", "Tags of this entity", "entity_page"),
    A("entity_page.note", "semicolon", "edit_note", "Note on this entity", "entity_page"),
    # ---------------------------------------------------------------- comparing, related, versions
    A("compare.close", "escape,q", "close", "Close", "compare", show=True),
    A("compare.cancel", "escape", "dismiss_prompt", "Cancel", "compare_prompt", show=True),
    A("related.close", "escape,q", "close", "Close", "related", show=True),
    A("versions.close", "escape,q", "close", "Close", "versions", show=True),
    A("versions.diff", "d", "diff", "Diff with the open article", "versions", show=True),
    A("diff.close", "escape,q", "close", "Close", "diff", show=True),
    A("diff.down", "j,down", "scroll('down')", "Down", "diff"),
    A("diff.up", "k,up", "scroll('up')", "Up", "diff"),
    A("diff.page_down", "space,pagedown", "scroll('page_down')", "Page down", "diff"),
    A("diff.page_up", "b,pageup", "scroll('page_up')", "Page up", "diff"),
    # ---------------------------------------------------------------- the curation menu (C)
    A(
        "curation.mark",
        "i",
        "choose('mark')",
        "Mark the search match as a mention of…",
        "curation_menu",
    ),
    A(
        "curation.merge",
        "m",
        "choose('merge')",
        "Merge another entity into this one",
        "curation_menu",
    ),
    A("curation.rename", "r", "choose('rename')", "Rename the entity", "curation_menu"),
    A("curation.retype", "t", "choose('retype')", "Change its type", "curation_menu"),
    A(
        "curation.split_form",
        "s",
        "choose('split_form')",
        "Split off the mentions written so",
        "curation_menu",
    ),
    A(
        "curation.split_one",
        "o",
        "choose('split_one')",
        "Split off this one mention",
        "curation_menu",
    ),
    A(
        "curation.reject_mention",
        "d",
        "choose('reject_mention')",
        "Reject this mention",
        "curation_menu",
    ),
    A(
        "curation.reject",
        "x",
        "choose('reject')",
        "Reject the entity: not an entity",
        "curation_menu",
    ),
    A(
        "curation.add",
        "a",
        "choose('add')",
        "Add a name the model missed, everywhere",
        "curation_menu",
    ),
    A("curation.undo_last", "z", "choose('undo')", "Undo the last change", "curation_menu"),
    A("curation.cancel", "escape", "cancel", "Cancel", "curation_menu"),
    # ---------------------------------------------------------------- prompts, help
    A("export.cancel", "escape", "cancel", "Cancel", "export_prompt", show=True),
    A("tags.cancel", "escape", "cancel", "Cancel", "tag_prompt", show=True),
    A("note.close", "escape", "keep", "Keep and close", "note_editor", show=True),
    A("note.save", "ctrl+s", "keep", "Keep", "note_editor"),
    A("saved.close", "escape,q", "close", "Close", "saved", show=True),
    A("saved.add", "a", "add", "Save the current search", "saved", show=True),
    A("saved.remove", "d", "remove", "Forget", "saved", show=True),
    A("history.close", "escape,q", "close", "Close", "history", show=True),
    A("news.close", "escape,q", "close", "Close", "news", show=True),
    A("help.close", "escape,q,question_mark", "dismiss", "Close", "help", show=True),
    A("help.down", "j,down", "scroll('down')", "Down", "help"),
    A("help.up", "k,up", "scroll('up')", "Up", "help"),
)
del A

#: The help screen: (title, the `where`s it lists, in order).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Everywhere", ("app", "main")),
    ("Keeping track (read, star, tags, notes, saved searches)", ("track",)),
    ("Article pane", ("article_view",)),
    ("Lists", ("lists",)),
    ("Articles pane", ("articles",)),
    ("Entities pane", ("entities",)),
    ("Search box", ("search_box",)),
    ("Entity page", ("entity_page",)),
    ("Comparing two entities", ("compare", "compare_prompt")),
    ("Related articles, versions, what changed", ("related", "versions", "diff")),
    ("Export prompt (command palette)", ("export_prompt",)),
    ("Curation menu (C; merge and reject ask y/n first)", ("curation_menu",)),
    (
        "Tags, note, saved searches, history, what is new",
        ("tag_prompt", "note_editor", "saved", "history", "news"),
    ),
)

#: The command palette's actions, in the order it offers them (main screen's first).
PALETTE: tuple[str, ...] = (
    "mention.next",
    "mention.previous",
    "entity.next",
    "entity.previous",
    "entity.page",
    "jump.back",
    "jump.forward",
    "match.next",
    "match.previous",
    "pane.articles",
    "pane.article",
    "pane.entities",
    "search.focus",
    "main.toggle_entity_scope",
    "main.sort_articles",
    "main.filter_articles",
    "article.related",
    "article.versions",
    "search.export",
    "curation.menu",
    "track.read",
    "track.read_all",
    "track.star",
    "track.tags",
    "track.note",
    "track.watch",
    "track.saved",
    "track.history",
    "track.news",
    "track.export",
    "track.import",
    "app.update_index",
    "app.rebuild_index",
    "feeds.fetch",
    "app.undo",
    "app.redo",
    "app.help",
    "app.quit",
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}


def actions_for(where: str) -> list[Action]:
    """The actions bound on `where` (those with keys), in table order."""
    if where not in WHERE:
        raise KeyError(f"unknown place for actions: {where!r}")
    return [a for a in ACTIONS if a.where == where and a.keys]


def help_sections() -> list[tuple[str, list[Action]]]:
    """The help screen's sections: a title and its actions with keys."""
    return [(title, [a for w in wheres for a in actions_for(w)]) for title, wheres in SECTIONS]


def palette_actions() -> list[Action]:
    return [BY_ID[action_id] for action_id in PALETTE]


# ---------------------------------------------------------------- key names and the key map

#: Modifiers Textual reports, in a key name such as "ctrl+shift+left".
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
#: Keys with names (not characters), as Textual names them.
NAMED_KEYS = frozenset(
    {
        "escape",
        "enter",
        "return",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        *(f"f{n}" for n in range(1, 25)),
    }
)
#: Textual's friendlier names for a few characters' Unicode names.
_RENAMED = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def character_key(character: str) -> str:
    """The key name Textual gives a typed character ("?" -> "question_mark")."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return "tab" if character == "\t" else character
    return _RENAMED.get(name, name)


#: Every printable ASCII character's key name ("less_than_sign", "slash", ...).
_CHARACTER_NAMES = {character_key(chr(code)): chr(code) for code in range(33, 127)}


def key_name(key: str) -> str | None:
    """`key` as Textual names it ("?" -> "question_mark"), or None if it names no key."""
    *modifiers, base = key.strip().split("+")
    if not base or any(m not in MODIFIERS for m in modifiers):
        return None
    if len(base) == 1:
        base = character_key(base)
    elif base not in NAMED_KEYS and base not in _CHARACTER_NAMES:
        try:  # a non-ASCII character by its Unicode name ("pound_sign")
            character = unicodedata.lookup(base.replace("_", " "))
        except KeyError:
            return None
        if character_key(character) != base:
            return None
    return "+".join([*modifiers, base])


class KeymapError(ReaderError):
    """A key map with entries that cannot be used: the message is one line for
    the user; `usable` holds the entries that can be (normalised)."""

    def __init__(self, message: str, usable: dict[str, str]):
        super().__init__(message)
        self.usable = usable


def check_keymap(raw: Mapping[str, object], *, source: str = "keymap.toml") -> dict[str, str]:
    """The user's key map (action id -> comma-separated keys), each key as Textual
    names it. Raises KeymapError naming the first bad entry (and how many more)
    when an id is unknown, has no keys to remap, or a key is not a key."""
    usable: dict[str, str] = {}
    problems: list[str] = []
    for old_id, value in raw.items():
        action_id = RETIRED_IDS.get(old_id, old_id)
        action = BY_ID.get(action_id)
        if action is None:
            problems.append(f"unknown action {action_id!r} (ids are on the help screen)")
            continue
        if not action.keys:
            problems.append(f"{action_id!r} is in the command palette only, not on a key")
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(f'{action_id!r} needs its keys as a string, such as "x,ctrl+x"')
            continue
        keys = [key_name(k) for k in value.split(",")]
        bad = [k.strip() for k, name in zip(value.split(","), keys) if name is None]
        if bad:
            problems.append(f"{action_id!r}: {bad[0]!r} is not a key name")
            continue
        before = usable.get(action_id, "").split(",") if action_id in usable else []
        usable[action_id] = ",".join(dict.fromkeys([*before, *(k for k in keys if k)]))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise KeymapError(f"{source}: {problems[0]}{more}; ignored", usable)
    lost = _lost_ways_out(usable)
    if lost:
        raise KeymapError(
            f"{source}: it leaves no key for {' or '.join(lost)} (another action takes"
            " them all); ignored",
            {},
        )
    return usable


#: Ids a key map may still use for the action that took their place: the
#: separate undos of curation and of mark-all-read are now the reader's one undo.
RETIRED_IDS = {
    "curation.undo": "app.undo",
    "curation.redo": "app.redo",
    "track.undo": "app.undo",
}

#: Actions a key map must leave a key to: without them a user is stuck.
WAYS_OUT = ("app.quit", "app.help")


def _lost_ways_out(usable: Mapping[str, str]) -> list[str]:
    """The ways out whose every key another action also takes (a screen's own
    close key, such as q on the help screen, takes nothing away: it is a way out)."""
    keys = {
        a.id: set((usable.get(a.id) or a.keys or "").split(",")) - {""} for a in ACTIONS if a.keys
    }
    taken: set[str] = set()
    for action_id, its_keys in keys.items():
        if action_id not in WAYS_OUT and not action_id.endswith(".close"):
            taken |= its_keys
    return [BY_ID[w].description.lower() for w in WAYS_OUT if not keys.get(w, set()) - taken]
