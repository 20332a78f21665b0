"""The user's key map file: `keymap.toml` in the user data folder. Reading it
needs no Textual; reader.actions checks its entries, the TUI applies them
(action ids are those on the help screen).

    # ~/.local/share/reader/keymap.toml (or $READER_DATA_DIR/keymap.toml)
    "mention.next" = "right_square_bracket,tab"
    "jump.back" = "ctrl+o,backspace"

Keys are Textual key names, comma-separated.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from reader.config import user_data_dir
from reader.errors import ReaderError

KEYMAP_FILE = "keymap.toml"


class KeymapFileError(ReaderError):
    """The key map file cannot be read; the message is one line for the user."""


def keymap_path() -> Path:
    return user_data_dir() / KEYMAP_FILE


def read_keymap(path: Path) -> dict[str, str]:
    """Action id -> keys, as the file says (empty when there is none); entries
    whose value is not a string are left out.

    Raises KeymapFileError when the file cannot be read or is not TOML."""
    if not path.exists():
        return {}
    try:
        # by name: mypy checks for Python 3.10 too, which has no tomllib
        tomllib = importlib.import_module("tomllib")
    except ImportError:  # Python 3.10
        raise KeymapFileError(f"{path.name} needs Python 3.11 or later; ignored") from None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KeymapFileError(f"cannot read {path.name}: {exc}") from None
    except RecursionError:  # a = [[[[...]]]]: tomllib recurses per level
        raise KeymapFileError(f"cannot read {path.name}: nested too deeply") from None
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def load_keymap() -> tuple[dict[str, str], str | None]:
    """The user's key map as read and a one-line problem (or None): never raises."""
    try:
        return read_keymap(keymap_path()), None
    except KeymapFileError as exc:
        return {}, str(exc)
