"""One collection's feeds and what the fetcher remembers about them.

`feeds.sqlite` in the collection's user data folder (`collection_data_dir`),
never inside `index/`: the subscriptions (URL, title, tags, folder slug), each
feed's fetch state (ETag, Last-Modified, last status for `feeds list`), every
entry seen (its URL key, file, content hash: how nothing is written twice) and
each fetch run's new and updated files. Every change is one SQLite transaction,
so a crash leaves the old state or the new, never half.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from reader.errors import NotFound, ReaderError, UsageError
from reader.feeds.names import clean_title, feed_slug, normalize_feed_url
from reader.locking import FileLock
from reader.textio import without_controls
from reader.userdata import collection_data_dir

FEEDS_DB = "feeds.sqlite"
TAG_MAX = 60
#: Fetch runs remembered (their new and updated files).
RUNS_KEPT = 100

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    feed_title TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    slug TEXT UNIQUE,
    added TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT,
    ok_at TEXT,
    status TEXT,
    message TEXT,
    new_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    path TEXT,
    entry_hash TEXT NOT NULL,
    content_hash TEXT,
    first_seen TEXT NOT NULL,
    updated_at TEXT
);
CREATE INDEX IF NOT EXISTS entries_content ON entries(content_hash);
CREATE INDEX IF NOT EXISTS entries_path ON entries(path);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT NOT NULL,
    new_paths TEXT NOT NULL,
    updated_paths TEXT NOT NULL
);
"""


class FeedsBusy(ReaderError):
    """Another process is fetching this collection's feeds."""


class FeedsUnavailable(ReaderError):
    """The feeds store cannot be opened or written."""


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_tag(text: str) -> str:
    tag = " ".join(without_controls(text).split()).strip(",")
    if not tag:
        raise UsageError(f"not a tag: {text!r}")
    if len(tag) > TAG_MAX:
        raise UsageError(f"a tag is at most {TAG_MAX} characters")
    return tag


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    title: str | None  # given by the user or an imported list
    feed_title: str | None  # the feed's own, from the last good fetch
    tags: tuple[str, ...]
    slug: str | None  # the folder under articles/feeds/, fixed once given
    added: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    ok_at: str | None = None
    status: str | None = None  # "ok", "not modified", "error"; None before the first fetch
    message: str | None = None
    new_count: int = 0

    @property
    def name(self) -> str:
        return self.title or self.feed_title or self.url


@dataclass(frozen=True, slots=True)
class SeenEntry:
    key: str
    feed: str
    path: str | None  # the article file (relative to the articles folder); None if never written
    entry_hash: str
    content_hash: str | None
    first_seen: str


class FetchLock(FileLock):
    def busy(self, who: str) -> ReaderError:
        return FeedsBusy(
            f"the feeds of this collection are being fetched by another reader{who}; "
            "try again when it finishes"
        )

    def unavailable(self, exc: OSError) -> ReaderError:
        return FeedsUnavailable(
            f"cannot write reader's data folder {self.path.parent}: {exc.strerror}"
        )


class FeedStore:
    """Subscriptions and fetch state of the collection in `articles_dir`."""

    def __init__(self, articles_dir: Path):
        self.articles_dir = Path(articles_dir)
        self.folder = collection_data_dir(articles_dir)
        self.path = self.folder / FEEDS_DB
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            note = self.folder / "collection.txt"  # which collection this folder is for
            if not note.exists():
                note.write_text(
                    f"{Path(articles_dir).absolute()}\n",
                    encoding="utf-8",
                    errors="backslashreplace",
                )
            self.conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            self.conn.executescript(_SCHEMA)
        except OSError as exc:
            raise FeedsUnavailable(
                f"cannot write reader's data folder {self.folder}: {exc.strerror}"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise FeedsUnavailable(
                f"the feeds file {self.path} cannot be used ({exc}); move it away to start afresh"
            ) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> FeedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch_lock(self) -> FetchLock:
        return FetchLock(self.folder / "fetch.lock", wait=0.5)

    # ------------------------------------------------------------ subscriptions

    def subscriptions(self) -> list[Subscription]:
        rows = self.conn.execute(
            "SELECT url, title, feed_title, tags, slug, added, etag, last_modified, checked_at,"
            " ok_at, status, message, new_count FROM feeds ORDER BY rowid"
        )
        return [Subscription(r[0], r[1], r[2], tuple(json.loads(r[3])), *r[4:]) for r in rows]

    def get(self, url: str) -> Subscription | None:
        return next((s for s in self.subscriptions() if s.url == url), None)

    def add(
        self, url: str, tags: tuple[str, ...] = (), title: str | None = None
    ) -> tuple[Subscription, bool]:
        """Subscribe (or, for a known URL, add the tags and a missing title);
        returns the subscription and whether it is new."""
        url = normalize_feed_url(url)
        tags = tuple(dict.fromkeys(clean_tag(t) for t in tags))
        title = clean_title(title)
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            known = self.get(url)
            if known is not None:
                merged = tuple(dict.fromkeys(known.tags + tags))
                self.conn.execute(
                    "UPDATE feeds SET tags=?, title=COALESCE(title, ?) WHERE url=?",
                    (json.dumps(merged), title, url),
                )
            else:
                slug = self._new_slug(title, url) if title else None
                self.conn.execute(
                    "INSERT INTO feeds (url, title, tags, slug, added) VALUES (?,?,?,?,?)",
                    (url, title, json.dumps(tags), slug, now_iso()),
                )
        return self.get(url), known is None  # type: ignore[return-value]

    def move(self, url: str, new_url: str) -> None:
        """The feed at `url` moved for good to `new_url`: the subscription (its
        name, tags, folder, what it has seen) follows. When `new_url` is already
        a subscription, the old one is folded into it."""
        with self.conn:
            if self.get(new_url) is None:
                self.conn.execute("UPDATE feeds SET url=? WHERE url=?", (new_url, url))
            else:
                self.conn.execute("DELETE FROM feeds WHERE url=?", (url,))
            self.conn.execute("UPDATE entries SET feed=? WHERE feed=?", (new_url, url))

    def remove(self, url: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM feeds WHERE url=?", (url,))

    def find(self, selector: str) -> Subscription:
        """A subscription by its number in `feeds list`, its URL or its folder slug."""
        subs = self.subscriptions()
        text = selector.strip()
        if text.isdigit():
            number = int(text)
            if 1 <= number <= len(subs):
                return subs[number - 1]
            raise NotFound(
                f"no feed number {number} (there are {len(subs)}; see reader feeds list)"
            )
        for sub in subs:
            if text in (sub.url, sub.slug):
                return sub
        try:
            url = normalize_feed_url(text)
        except UsageError:
            url = None
        for sub in subs:
            if sub.url == url:
                return sub
        raise NotFound(f"no feed {text!r} (give its number, URL or folder; see reader feeds list)")

    def ensure_slug(self, sub: Subscription) -> str:
        """The feed's folder name, chosen on first need from its title and then fixed."""
        if sub.slug:
            return sub.slug
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            row = self.conn.execute("SELECT slug FROM feeds WHERE url=?", (sub.url,)).fetchone()
            if row and row[0]:
                return str(row[0])
            slug = self._new_slug(sub.name if sub.name != sub.url else None, sub.url)
            self.conn.execute("UPDATE feeds SET slug=? WHERE url=?", (slug, sub.url))
        return slug

    def _new_slug(self, title: str | None, url: str) -> str:
        taken = {r[0] for r in self.conn.execute("SELECT slug FROM feeds WHERE slug IS NOT NULL")}
        # Folders of removed feeds stay taken: a new feed never writes into them.
        taken |= {
            r[0].split("/")[1]
            for r in self.conn.execute(
                "SELECT DISTINCT path FROM entries WHERE path LIKE 'feeds/%/%'"
            )
        }
        return feed_slug(title, url, taken)

    def record_fetch(
        self,
        url: str,
        *,
        status: str,
        message: str | None = None,
        feed_title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        new_count: int = 0,
    ) -> None:
        """The outcome of one feed's fetch (the validators only when it succeeded)."""
        now = now_iso()
        with self.conn:
            if status == "error":
                self.conn.execute(
                    "UPDATE feeds SET checked_at=?, status=?, message=?, new_count=0 WHERE url=?",
                    (now, status, message, url),
                )
            else:
                self.conn.execute(
                    "UPDATE feeds SET checked_at=?, ok_at=?, status=?, message=?, new_count=?,"
                    " feed_title=COALESCE(?, feed_title), etag=?, last_modified=? WHERE url=?",
                    (
                        now,
                        now,
                        status,
                        message,
                        new_count,
                        clean_title(feed_title),
                        etag,
                        last_modified,
                        url,
                    ),
                )

    # ------------------------------------------------------------ entries

    def entry(self, key: str) -> SeenEntry | None:
        row = self.conn.execute(
            "SELECT key, feed, path, entry_hash, content_hash, first_seen FROM entries WHERE key=?",
            (key,),
        ).fetchone()
        return SeenEntry(*row) if row else None

    def entry_with_content(self, content_hash: str) -> SeenEntry | None:
        row = self.conn.execute(
            "SELECT key, feed, path, entry_hash, content_hash, first_seen"
            " FROM entries WHERE content_hash=? AND path IS NOT NULL LIMIT 1",
            (content_hash,),
        ).fetchone()
        return SeenEntry(*row) if row else None

    def put_entry(
        self, key: str, feed: str, path: str | None, entry_hash: str, content_hash: str | None
    ) -> None:
        now = now_iso()
        with self.conn:
            self.conn.execute(
                "INSERT INTO entries (key, feed, path, entry_hash, content_hash, first_seen)"
                " VALUES (?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET path=excluded.path,"
                " entry_hash=excluded.entry_hash, content_hash=excluded.content_hash, updated_at=?",
                (key, feed, path, entry_hash, content_hash, now, now),
            )

    def entry_count(self, feed: str) -> int:
        """The feed's articles still in the folder (a file the user deleted or
        moved away no longer counts; it is not fetched again either)."""
        rows = self.conn.execute(
            "SELECT path FROM entries WHERE feed=? AND path IS NOT NULL", (feed,)
        ).fetchall()
        return sum(1 for (path,) in rows if (self.articles_dir / path).is_file())

    # ------------------------------------------------------------ runs

    def record_run(self, started: str, new_paths: list[str], updated_paths: list[str]) -> None:
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute(
                "INSERT INTO runs (started, finished, new_paths, updated_paths) VALUES (?,?,?,?)",
                (started, now_iso(), json.dumps(new_paths), json.dumps(updated_paths)),
            )
            self.conn.execute(
                "DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)",
                (RUNS_KEPT,),
            )

    def last_run(self) -> tuple[str, list[str], list[str]] | None:
        """(finished, new files, updated files) of the last fetch, or None."""
        row = self.conn.execute(
            "SELECT finished, new_paths, updated_paths FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return (row[0], json.loads(row[1]), json.loads(row[2])) if row else None
