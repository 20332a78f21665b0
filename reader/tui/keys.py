"""Every key binding in one list (for the help screen and the command palette),
and the user's key map: `keymap.toml` in the user data folder.

    # ~/.local/share/reader/keymap.toml (or $READER_DATA_DIR/keymap.toml)
    "mention.next" = "right_square_bracket,tab"
    "jump.back" = "ctrl+o,backspace"

Keys are Textual key names, comma-separated; ids are those on the help screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from reader.config import user_data_dir

KEYMAP_FILE = "keymap.toml"


@dataclass(frozen=True)
class Section:
    title: str
    bindings: list[Binding]


def sections() -> list[Section]:
    from reader.tui.app import ReaderApp
    from reader.tui.exporting import ExportPrompt
    from reader.tui.screens.compare import ComparePrompt, CompareScreen
    from reader.tui.screens.entity import EntityScreen
    from reader.tui.screens.main import MainScreen
    from reader.tui.screens.related import RelatedScreen
    from reader.tui.screens.versions import DiffScreen, VersionsScreen
    from reader.tui.widgets.article_list import ArticleOptions
    from reader.tui.widgets.article_view import ArticleView
    from reader.tui.widgets.entity_list import EntityOptions
    from reader.tui.widgets.lists import VimOptionList
    from reader.tui.widgets.search_panel import SearchInput

    def own(cls) -> list[Binding]:
        return [b for b in cls.BINDINGS if isinstance(b, Binding)]

    return [
        Section("Everywhere", own(ReaderApp) + own(MainScreen)),
        Section("Article pane", own(ArticleView)),
        Section("Lists", own(VimOptionList)),
        Section("Articles pane", own(ArticleOptions)),
        Section("Entities pane", own(EntityOptions)),
        Section("Search box", own(SearchInput)),
        Section("Entity page", own(EntityScreen)),
        Section("Comparing two entities", own(CompareScreen) + own(ComparePrompt)),
        Section(
            "Related articles, versions, what changed",
            own(RelatedScreen) + own(VersionsScreen) + own(DiffScreen),
        ),
        Section("Export prompt (command palette)", own(ExportPrompt)),
    ]


def load_keymap() -> tuple[dict[str, str], str | None]:
    """The user's key map and a one-line problem (or None)."""
    path = user_data_dir() / KEYMAP_FILE
    if not path.exists():
        return {}, None
    try:
        import tomllib
    except ImportError:  # Python 3.10
        return {}, f"{path.name} needs Python 3.11 or later; ignored"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, f"cannot read {path.name}: {exc}"
    keymap = {str(k): str(v) for k, v in data.items() if isinstance(v, str)}
    return keymap, None
