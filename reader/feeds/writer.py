"""Fetched articles as files: `articles/feeds/<feed>/<name>.md` with YAML front matter.

This is the one place reader writes into the articles folder, and only under
`feeds/`. Names come from `reader.feeds.names` (`[a-z0-9-]` only); the folders
on the way must be real folders inside the articles folder (a planted symlink
is refused, never followed); a file is written to a temp file beside it and
renamed over the old one, so the index never reads half an article; a file
whose content would not change is left alone (its mtime too, so the next index
update has nothing to do).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.errors import ReaderError
from reader.userdata import write_atomic

FEEDS_FOLDER = "feeds"
_SAFE_PART = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


class WriteError(ReaderError):
    """An article file could not be written (a bad folder, a full disk...)."""


@dataclass(frozen=True, slots=True)
class ArticleDoc:
    """What goes into one article file."""

    title: str
    text: str
    url: str | None
    date: str | None
    source: str | None
    author: str | None
    tags: tuple[str, ...]
    feed: str
    text_from: str  # "page" or "feed": where the text came from

    def render(self) -> str:
        meta: dict[str, object] = {"title": self.title}
        for name in ("date", "source", "url", "author"):
            value = getattr(self, name)
            if value:
                meta[name] = value
        if self.tags:
            meta["tags"] = list(self.tags)
        meta["feed"] = self.feed
        meta["text_from"] = self.text_from
        head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
        return f"---\n{head}---\n\n{self.text.strip()}\n"


def article_rel(slug: str, name: str) -> str:
    """The article's path relative to the articles folder."""
    for part in (slug, name):
        if not _SAFE_PART.match(part):
            raise WriteError(f"refusing an unsafe file name {part!r}")
    return f"{FEEDS_FOLDER}/{slug}/{name}.md"


class ArticleWriter:
    def __init__(self, articles_dir: Path):
        self.root = Path(articles_dir)

    def write(self, rel: str, content: str) -> bool:
        """Write `content` at `rel` (from `article_rel`); False when the file already
        holds exactly that."""
        parts = rel.split("/")
        if (
            len(parts) != 3
            or parts[0] != FEEDS_FOLDER
            or not parts[2].endswith(".md")
            or not _SAFE_PART.match(parts[1])
            or not _SAFE_PART.match(parts[2][:-3])
        ):
            raise WriteError(f"refusing to write outside {FEEDS_FOLDER}/<feed>/: {rel!r}")
        folder = self._folder(parts[1])
        path = folder / parts[2]
        try:
            if stat.S_ISREG(os.lstat(path).st_mode) and path.read_text(encoding="utf-8") == content:
                return False
        except (OSError, UnicodeDecodeError):
            pass
        try:
            write_atomic(path, content, mode=0o644)
        except OSError as exc:
            raise WriteError(f"cannot write {rel}: {exc.strerror}") from None
        return True

    def exists(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def _folder(self, slug: str) -> Path:
        """articles/feeds/<slug>, made when missing; every step a real folder."""
        path = self.root
        try:
            path.mkdir(parents=True, exist_ok=True)
            for part in (FEEDS_FOLDER, slug):
                path = path / part
                try:
                    os.mkdir(path)
                except FileExistsError:
                    pass
                if not stat.S_ISDIR(os.lstat(path).st_mode):
                    raise WriteError(
                        f"{path} is not a folder (a link or a file); "
                        "fetched articles are not written there"
                    )
        except OSError as exc:
            raise WriteError(f"cannot make the folder {path}: {exc.strerror}") from None
        return path
