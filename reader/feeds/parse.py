"""Feed bytes to entries, with feedparser (RSS 0.9x/1.0/2.0, Atom 0.3/1.0).

What comes out is data: titles and names keep no terminal controls, links are
absolute http(s) URLs or nothing. A feed that is not one (an HTML page, invalid
XML, an empty answer) raises `FeedError` with one line saying so; a feed whose
XML is broken but readable is read, with a note.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

import feedparser

from reader.feeds.names import clean_title, is_web_url, short_hash, url_key


class FeedError(Exception):
    """The answer is not a feed."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str  # what makes it the same entry next time: its URL key, else its id
    link: str | None  # the article's page (http or https)
    title: str | None
    date: str | None  # ISO 8601, UTC
    author: str | None
    content_html: str  # the feed's own text of it (content, else summary), HTML
    entry_hash: str  # changes when the feed changes the entry


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    note: str | None = None


def parse_feed(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    if not data.strip():
        raise FeedError("the answer is empty")
    if _looks_like_html(data, content_type):
        alternates = _feed_links(data, url)
        hint = f"; it points to a feed: {alternates[0]}" if alternates else ""
        raise FeedError(f"an HTML page, not a feed{hint}")
    parsed = feedparser.parse(
        data,
        response_headers={
            "content-location": url,
            "content-type": content_type or "application/xml",
        },
    )
    entries = [entry for entry in (_entry(e, url) for e in parsed.entries) if entry is not None]
    note = None
    problem = parsed.get("bozo_exception") if parsed.bozo else None
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        if not entries:
            raise FeedError(f"not a feed: invalid XML ({_bozo_reason(problem)})")
        note = (
            f"the feed's XML is not well-formed ({_bozo_reason(problem)}); read what could be read"
        )
    if not parsed.version and not entries:
        raise FeedError("not an RSS or Atom feed")
    # Newest first: when a fetch takes only so many, it takes the latest.
    entries.sort(key=lambda e: e.date or "", reverse=True)
    return ParsedFeed(clean_title(parsed.feed.get("title")), entries, note)


def _entry(raw: dict, feed_url: str) -> FeedEntry | None:
    link = raw.get("link") or ""
    if link and not is_web_url(link):
        link = urljoin(feed_url, link)
    link = link if is_web_url(link) else None
    guid = raw.get("id") or ""
    if link is None and is_web_url(guid) and raw.get("guidislink", True):
        link = guid
    title = clean_title(raw.get("title"))
    content = _content_html(raw)
    if link:
        key = url_key(link)
    elif guid:
        key = f"id:{guid[:500]}"
    elif title or content:
        key = f"hash:{short_hash((title or '') + content, 32)}"
    else:
        return None
    date = _iso(
        _get(raw, "published_parsed") or _get(raw, "updated_parsed") or _get(raw, "created_parsed")
    )
    updated = _iso(_get(raw, "updated_parsed")) or ""
    author = clean_title(raw.get("author")) or clean_title(
        ", ".join(a.get("name", "") for a in raw.get("authors", []) if isinstance(a, dict))
    )
    entry_hash = short_hash("\x1f".join((title or "", link or "", content, updated)), 32)
    return FeedEntry(key, link, title, date, author, content, entry_hash)


def _get(raw: dict, name: str) -> Any:
    """A field only when the entry has it (feedparser maps a missing updated_parsed
    to published_parsed, with a deprecation warning)."""
    return raw.get(name)


def _content_html(raw: dict) -> str:
    best = ""
    for part in raw.get("content") or []:
        value = part.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = raw.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    except (OverflowError, ValueError, OSError, TypeError):
        return None
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _bozo_reason(exc: object) -> str:
    if exc is None:
        return "unknown problem"
    text = " ".join(str(getattr(exc, "getMessage", lambda: exc)()).split()) or type(exc).__name__
    line = getattr(exc, "getLineNumber", None)
    if callable(line):
        try:
            text += f", line {line()}"
        except Exception:  # the SAX locator may be gone
            pass
    return text[:120]


_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S
)


def _looks_like_html(data: bytes, content_type: str) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return (
        "html" in content_type
        and b"<rss" not in head
        and b"<feed" not in head
        and b"<rdf" not in head.lower()
    )


def _feed_links(data: bytes, base: str) -> list[str]:
    """Feed URLs a page names in `<link rel="alternate" type="application/rss+xml">`."""
    head = data[:200_000].decode("utf-8", "replace")
    found = []
    for tag in re.findall(r"<link\b[^>]*>", head, re.I):
        attrs = {
            k.lower(): v for k, _, v in re.findall(r"([\w:-]+)\s*=\s*([\"'])(.*?)\2", tag, re.S)
        }
        kind = attrs.get("type", "").lower()
        if "alternate" in attrs.get("rel", "").lower() and kind.endswith(("rss+xml", "atom+xml")):
            href = urljoin(base, attrs.get("href", ""))
            if is_web_url(href):
                found.append(" ".join(href.split()))
    return found
