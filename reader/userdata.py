"""What the reader remembers between runs: the last article and position per
collection, and each collection's own folder of user data (`collection_data_dir`),
which holds how its article list was sorted (`view.json`).

One small JSON file in the user data folder (`reader.config.user_data_dir()`,
which honours $READER_DATA_DIR), keyed by the articles folder's absolute path.
Writes are atomic (temp file + os.replace) so a crash never leaves half a file;
a missing or damaged file reads as "nothing remembered".
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.config import user_data_dir

POSITIONS_FILE = "positions.json"
#: Collections remembered at most (the least recently used are forgotten).
MAX_COLLECTIONS = 200


@dataclass(frozen=True, slots=True)
class Position:
    """Where the reader was: an article, the offset at the top of the view, the current mention."""

    article_id: str
    top_offset: int = 0
    mention_start: int | None = None


def _path() -> Path:
    return user_data_dir() / POSITIONS_FILE


def _key(articles_dir: Path | str) -> str:
    return str(Path(articles_dir).expanduser().absolute())


def _read_all() -> dict[str, dict]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: [[[[...]]]]
        return {}
    return data if isinstance(data, dict) else {}


def load_position(articles_dir: Path | str) -> Position | None:
    entry = _read_all().get(_key(articles_dir))
    if not isinstance(entry, dict) or not isinstance(entry.get("article_id"), str):
        return None
    top = entry.get("top_offset", 0)
    mention = entry.get("mention_start")
    return Position(
        article_id=entry["article_id"],
        top_offset=top if isinstance(top, int) and top >= 0 else 0,
        mention_start=mention if isinstance(mention, int) and mention >= 0 else None,
    )


def save_position(articles_dir: Path | str, position: Position) -> None:
    """Remember `position` for this collection; failures to write are silently ignored."""
    data = _read_all()
    key = _key(articles_dir)
    data.pop(key, None)
    data[key] = asdict(position)  # re-inserted last: most recently used
    while len(data) > MAX_COLLECTIONS:
        data.pop(next(iter(data)))
    try:
        write_atomic(_path(), json.dumps(data, indent=1, ensure_ascii=True))
    except OSError:
        pass


VIEW_FILE = "view.json"


@dataclass(frozen=True, slots=True)
class ArticleOrder:
    """How the user last sorted a collection's article list (see reader.sorting)."""

    key: str = "collection"
    descending: bool = False


def load_article_order(articles_dir: Path | str) -> ArticleOrder | None:
    """The collection's remembered order, or None (nothing remembered, or damaged)."""
    try:
        data = json.loads((collection_data_dir(articles_dir) / VIEW_FILE).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: [[[[...]]]]
        return None
    entry = data.get("article_order") if isinstance(data, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return None
    return ArticleOrder(entry["key"], entry.get("descending") is True)


def save_article_order(articles_dir: Path | str, order: ArticleOrder) -> None:
    """Remember how the collection's articles are sorted; failures to write are ignored."""
    path = collection_data_dir(articles_dir) / VIEW_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: [[[[...]]]]
        data = {}
    if not isinstance(data, dict):
        data = {}
    data["article_order"] = asdict(order)
    try:
        write_atomic(path, json.dumps(data, indent=1, ensure_ascii=True))
    except OSError:
        pass


def collection_data_dir(articles_dir: Path | str) -> Path:
    """The folder for what the user keeps about one collection (feed subscriptions
    and their fetch state...): `collections/<name>-<hash>` in the user data folder,
    keyed by the articles folder's absolute path. Never inside `index/`, so a
    rebuild or a deleted index never loses it. Not created here."""
    key = _key(articles_dir)
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(key).name).strip("-.")[:40] or "collection"
    return user_data_dir() / "collections" / f"{name}-{digest}"


def write_atomic(path: Path, content: str, mode: int | None = None) -> None:
    """Write a text file so that readers see the old or the new content, never half
    (a symlink at `path` is replaced, never followed); see reader/safeio.py.
    `mode`: permissions other than 0600."""
    from reader.safeio import atomic_write

    atomic_write(path, content, mode)
