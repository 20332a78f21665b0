"""Fetch every feed of a collection and write what is new: `fetch_feeds()`.

Per feed: a conditional GET (ETag / Last-Modified; a 304 ends it), feedparser,
then for each entry not seen before (or changed since) the linked page through
trafilatura, falling back to the feed's own text when the page cannot be
fetched or holds no article. An article already written under another URL
(same text) is not written again. Feeds run concurrently (`net.Http` keeps a
small per-host limit); one failing feed is one line in the report and in
`feeds list`, never the end of the others. A feed's validators are saved only
when all its entries were handled, so a fetch cut short, or an entry left for
later, is picked up by the next one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.corpus import HtmlArticle, derive_title
from reader.errors import ReaderError
from reader.feeds.extract import fragment_text, page_article, text_hash
from reader.feeds.names import article_name, clean_title, url_key
from reader.feeds.net import FetchError, Http, NetOptions
from reader.feeds.parse import FeedEntry, FeedError, parse_feed
from reader.feeds.subscriptions import FeedStore, SeenEntry, Subscription, now_iso
from reader.feeds.writer import ArticleDoc, ArticleWriter, WriteError, article_rel
from reader.textio import one_line

Progress = Callable[[str, int, int], None]  # (stage, done, total), as for the index


class FetchCancelled(ReaderError):
    """The user stopped the fetch; what was written before is kept and recorded."""


@dataclass(frozen=True)
class FetchOptions:
    net: NetOptions = field(default_factory=NetOptions)
    fetch_pages: bool = True  # False: keep the feeds' own text, fetch no article pages
    max_new_per_feed: int = 100  # more new entries wait for the next fetch


@dataclass
class FeedResult:
    url: str
    name: str
    status: str = "ok"  # "ok", "not modified", "error"
    message: str | None = None
    new: list[str] = field(default_factory=list)  # article files, relative to the articles folder
    updated: list[str] = field(default_factory=list)
    duplicates: int = 0  # entries whose text was already written from another URL
    from_feed: int = 0  # articles that kept the feed's own text
    page_problem: str | None = None  # the first reason a page gave no text
    warnings: list[str] = field(default_factory=list)
    retry_later: bool = False  # an entry is left for the next fetch
    moved_to: str | None = None  # the feed's new address (a permanent redirect), now subscribed

    @property
    def line(self) -> str:
        """One line for a person: the feed and what happened."""
        if self.status == "error":
            return f"{self.name}: {self.message}"
        if self.status == "not modified":
            return f"{self.name}: not modified"
        parts = [f"{len(self.new)} new"]
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        if self.duplicates:
            parts.append(f"{self.duplicates} already there")
        if self.from_feed:
            why = f": {self.page_problem}" if self.page_problem else ""
            parts.append(f"{self.from_feed} with the feed's own text{why}")
        return f"{self.name}: {', '.join(parts)}"


@dataclass
class FetchReport:
    feeds: list[FeedResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def new_paths(self) -> list[str]:
        return [rel for result in self.feeds for rel in result.new]

    @property
    def updated_paths(self) -> list[str]:
        return [rel for result in self.feeds for rel in result.updated]

    @property
    def failed(self) -> list[FeedResult]:
        return [result for result in self.feeds if result.status == "error"]

    @property
    def changed(self) -> bool:
        return bool(self.new_paths or self.updated_paths)

    def summary(self) -> str:
        n = len(self.feeds)
        parts = [f"{len(self.new_paths)} new", f"{len(self.updated_paths)} updated"]
        if self.failed:
            parts.append(f"{len(self.failed)} feed{'s' if len(self.failed) != 1 else ''} failed")
        return (
            f"fetched {n} feed{'s' if n != 1 else ''}: {', '.join(parts)} in {self.seconds:.1f} s"
        )


def _never() -> bool:
    return False


def _noop(stage: str, done: int, total: int) -> None:
    pass


def fetch_feeds(
    articles_dir: Path,
    only: Sequence[str] | None = None,
    *,
    options: FetchOptions = FetchOptions(),
    progress: Progress = _noop,
    should_stop: Callable[[], bool] = _never,
) -> FetchReport:
    """Fetch the collection's feeds (or those whose URLs are in `only`).

    Raises FeedsBusy when another process is fetching them, FetchCancelled when
    `should_stop` turns true (what was written is kept and recorded)."""
    started, clock = now_iso(), time.perf_counter()
    with FeedStore(articles_dir) as store, store.fetch_lock():
        subs = [s for s in store.subscriptions() if only is None or s.url in only]
        run = _Run(store, ArticleWriter(articles_dir), options, progress, should_stop)
        try:
            if subs:
                asyncio.run(run.all(subs))
        finally:
            run.report.seconds = time.perf_counter() - clock
            if run.report.new_paths or run.report.updated_paths:
                store.record_run(started, run.report.new_paths, run.report.updated_paths)
    return run.report


class _Run:
    def __init__(
        self,
        store: FeedStore,
        writer: ArticleWriter,
        options: FetchOptions,
        progress: Progress,
        should_stop: Callable[[], bool],
    ):
        self.store = store
        self.writer = writer
        self.options = options
        self.progress = progress
        self.should_stop = should_stop
        self.report = FetchReport()
        self.claimed: set[str] = set()  # entry keys taken by a feed in this run
        self.http: Http | None = None

    async def all(self, subs: list[Subscription]) -> None:
        self.progress("feeds", 0, len(subs))
        async with Http(self.options.net) as http:
            self.http = http
            tasks = [asyncio.create_task(self._feed(sub)) for sub in subs]
            watcher = asyncio.create_task(self._watch(tasks))
            done = 0
            for next_done in asyncio.as_completed(tasks):
                try:
                    self.report.feeds.append(await next_done)
                except asyncio.CancelledError:
                    break
                done += 1
                self.progress("feeds", done, len(subs))
            watcher.cancel()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, watcher, return_exceptions=True)
        if self.should_stop():
            raise FetchCancelled("fetch stopped; the articles written so far are kept")
        order = {sub.url: i for i, sub in enumerate(subs)}
        self.report.feeds.sort(key=lambda r: order[r.url])

    async def _watch(self, tasks: list[asyncio.Task]) -> None:
        while not self.should_stop():
            await asyncio.sleep(0.1)
        for task in tasks:
            task.cancel()

    async def _feed(self, sub: Subscription) -> FeedResult:
        result = FeedResult(sub.url, sub.name)
        try:
            await self._fetch_feed(sub, result)
        except (FetchError, FeedError, WriteError) as exc:
            result.status, result.message = "error", one_line(str(exc), 300)
        except Exception as exc:  # a library's surprise must not stop the other feeds
            result.status = "error"
            result.message = one_line(f"{type(exc).__name__}: {exc}", 300)
        if result.status == "error":
            url = result.moved_to or sub.url
            self.store.record_fetch(url, status="error", message=result.message)
        return result

    async def _fetch_feed(self, sub: Subscription, result: FeedResult) -> None:
        assert self.http is not None
        response = await self.http.get_feed(sub.url, sub.etag, sub.last_modified)
        if response.moved_to is not None and response.moved_to != sub.url:
            # Moved for good (301/308 all the way): the subscription follows.
            self.store.move(sub.url, response.moved_to)
            result.moved_to = response.moved_to
            result.warnings.append(f"moved permanently to {one_line(response.moved_to, 200)}")
            sub = replace(sub, url=response.moved_to)
        if response.status == 304:
            result.status = "not modified"
            self.store.record_fetch(
                sub.url, status="not modified", etag=sub.etag, last_modified=sub.last_modified
            )
            return
        feed = await asyncio.to_thread(
            parse_feed, response.content, response.url, response.content_type
        )
        if feed.note:
            result.warnings.append(feed.note)
        result.name = sub.title or feed.title or sub.url
        slug = self.store.ensure_slug(replace(sub, feed_title=feed.title))
        todo: list[tuple[FeedEntry, SeenEntry | None]] = []
        for entry in feed.entries:
            seen = self.store.entry(entry.key)
            if (
                seen is not None and seen.entry_hash == entry.entry_hash
            ) or entry.key in self.claimed:
                continue
            self.claimed.add(entry.key)
            todo.append((entry, seen))
        if len(todo) > self.options.max_new_per_feed:
            later = len(todo) - self.options.max_new_per_feed
            result.warnings.append(f"{later} more entries are left for the next fetch")
            result.retry_later = True
            todo = todo[: self.options.max_new_per_feed]
        outcomes = await asyncio.gather(
            *(self._entry(sub, result, slug, entry, seen) for entry, seen in todo),
            return_exceptions=True,
        )
        for outcome in outcomes:
            if isinstance(outcome, WriteError):
                raise outcome  # the feed's folder is unusable: the feed fails
            if isinstance(outcome, asyncio.CancelledError):
                raise outcome
            if isinstance(outcome, Exception):
                result.warnings.append(one_line(f"{type(outcome).__name__}: {outcome}", 200))
        keep = not result.retry_later  # else the next fetch must read the feed again
        self.store.record_fetch(
            sub.url,
            status="ok",
            message=result.warnings[0] if result.warnings else None,
            feed_title=feed.title,
            new_count=len(result.new),
            etag=response.headers.get("etag") if keep else None,
            last_modified=response.headers.get("last-modified") if keep else None,
        )

    async def _entry(
        self,
        sub: Subscription,
        result: FeedResult,
        slug: str,
        entry: FeedEntry,
        seen: SeenEntry | None,
    ) -> None:
        if seen is not None and seen.path and not self.writer.exists(seen.path):
            # The person deleted the article: a change in the feed does not bring it back.
            self.store.put_entry(entry.key, sub.url, seen.path, entry.entry_hash, seen.content_hash)
            return
        text, text_from, page = await self._text(entry, result)
        if not text:
            return
        digest = text_hash(text)
        written = seen is not None and seen.path is not None
        if not written:
            twin = self.store.entry_with_content(digest)
            if (
                twin is not None
                and twin.key != entry.key
                and twin.path
                and self.writer.exists(twin.path)
            ):
                self.store.put_entry(entry.key, sub.url, None, entry.entry_hash, digest)
                result.duplicates += 1
                return
        rel = seen.path if written else article_rel(slug, article_name(entry.key))  # type: ignore[union-attr]
        doc = ArticleDoc(
            title=entry.title
            or clean_title(page.title if page else None)
            or derive_title(text)
            or "untitled",
            text=text,
            url=url_key(entry.link) if entry.link else None,  # without tracking parameters
            date=entry.date or (page.date if page else None) or now_iso(),
            source=result.name if result.name != sub.url else None,
            author=entry.author or clean_title(page.author if page else None),
            tags=sub.tags,
            feed=sub.url,
            text_from=text_from,
        )
        changed = self.writer.write(rel, doc.render())  # type: ignore[arg-type]
        self.store.put_entry(entry.key, sub.url, rel, entry.entry_hash, digest)
        if not written:
            result.new.append(rel)  # type: ignore[arg-type]
        elif changed:
            result.updated.append(rel)  # type: ignore[arg-type]
        if text_from == "feed" and entry.link and self.options.fetch_pages:
            result.from_feed += 1

    async def _text(
        self, entry: FeedEntry, result: FeedResult
    ) -> tuple[str, str, HtmlArticle | None]:
        """(text, "page" or "feed", the page's article) for an entry; ("", ...) when
        there is none (recorded, or left for the next fetch when that may help)."""
        assert self.http is not None
        feed_text = fragment_text(entry.content_html)
        page, problem, transient = None, None, False
        if self.options.fetch_pages and entry.link:
            try:
                response = await self.http.get_page(entry.link)
                page = await asyncio.to_thread(
                    page_article,
                    response.content,
                    response.headers.get("content-type", ""),
                    response.url,
                )
                if page is None:
                    problem = "no article text on the page"
            except FetchError as exc:
                problem, transient = str(exc), exc.transient
        if page is not None and len(page.text) >= len(feed_text):
            return page.text, "page", page
        if problem and result.page_problem is None:
            result.page_problem = one_line(problem, 120)
        if feed_text:
            return feed_text, "feed", page
        what = one_line(entry.title or entry.link or entry.key, 80)
        if transient:
            result.warnings.append(
                f"{what}: {one_line(problem or '', 120)}; trying again next time"
            )
            result.retry_later = True
        else:
            result.warnings.append(
                f"{what}: no text ({one_line(problem or 'the feed has none', 120)})"
            )
            self.store.put_entry(entry.key, result.url, None, entry.entry_hash, None)
        return "", "", page
