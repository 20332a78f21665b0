"""Subscription lists in and out: OPML (what most feed readers import and export)
and newsboat's plain `urls` file.

OPML folders and `category` attributes become tags; an export writes each feed
under a folder named after its first tag, with all its tags in `category`, so an
export read back gives the same feeds, titles and tags.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

from reader.errors import UsageError
from reader.textio import decode_bytes, one_line

#: A subscription list larger than this is not a subscription list.
MAX_LIST_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ListedFeed:
    url: str
    title: str | None = None
    tags: tuple[str, ...] = ()


@dataclass
class SubscriptionList:
    feeds: list[ListedFeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each: what was skipped and why


def read_subscription_file(path: Path) -> SubscriptionList:
    """An OPML file or a newsboat `urls` file, told apart by their content."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    if len(data) > MAX_LIST_BYTES:
        raise UsageError(
            f"{path.name}: over {MAX_LIST_BYTES // 1048576} MB, not a subscription list"
        )
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<") or b"<opml" in head:
        return read_opml(data, path.name)
    return read_urls(decode_bytes(data).text)


# ---------------------------------------------------------------- OPML


def read_opml(data: bytes, name: str = "OPML") -> SubscriptionList:
    if b"<!ENTITY" in data or b"<!entity" in data:
        raise UsageError(f"{name}: OPML with entity declarations is not read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise UsageError(f"{name}: not valid OPML ({exc})") from None
    if root.tag.lower() != "opml":
        raise UsageError(
            f"{name}: not an OPML file (the root element is <{one_line(root.tag, 40)}>)"
        )
    body = next((child for child in root if child.tag.lower() == "body"), None)
    result = SubscriptionList()
    if body is not None:
        _walk(body, (), result)
    return result


def _attr(element: ET.Element, name: str) -> str | None:
    """An attribute by name in any letter case (xmlUrl, xmlurl, XMLURL all occur)."""
    lowered = name.lower()
    for key, value in element.attrib.items():
        if key.lower() == lowered:
            value = " ".join(value.split())
            return value or None
    return None


def _walk(node: ET.Element, folders: tuple[str, ...], result: SubscriptionList) -> None:
    for outline in node:
        if outline.tag.lower() != "outline":
            continue
        label = _attr(outline, "title") or _attr(outline, "text")
        url = _attr(outline, "xmlUrl")
        if url:
            label = None if label == url else label  # a list's stand-in for a missing title
            categories = (
                c.strip().strip("/") for c in (_attr(outline, "category") or "").split(",")
            )
            tags = tuple(dict.fromkeys([*folders, *(c for c in categories if c)]))
            result.feeds.append(ListedFeed(url, label, tags))
        elif len(outline):
            _walk(outline, (*folders, label) if label else folders, result)
        elif label and _attr(outline, "type") not in (None, "folder", "category"):
            result.problems.append(f"{one_line(label, 80)}: no xmlUrl, skipped")


def write_opml(feeds: Iterable[ListedFeed]) -> str:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "reader subscriptions"
    ET.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            first = feed.tags[0]
            if first not in folders:
                folders[first] = ET.SubElement(body, "outline", text=first, title=first)
            parent = folders[first]
        attrs = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attrs["title"] = feed.title
        if feed.tags:
            attrs["category"] = ",".join(feed.tags)
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ---------------------------------------------------------------- newsboat urls

_SPECIAL = re.compile(r"^(query|exec|filter):", re.I)


def read_urls(text: str) -> SubscriptionList:
    """newsboat's `urls`: one feed a line, then its tags (quoted when they hold spaces);
    a tag `~Title` names the feed, `!` hides it in newsboat (ignored here); `#` starts a
    comment; `query:`, `exec:` and `filter:` lines are newsboat's own and are skipped."""
    result = SubscriptionList()
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            tokens = _tokens(line)
        except ValueError as exc:
            result.problems.append(f"line {lineno}: {exc}, skipped")
            continue
        if not tokens:
            continue
        url, rest = tokens[0], tokens[1:]
        if _SPECIAL.match(url):
            result.problems.append(
                f"line {lineno}: newsboat's {url.split(':', 1)[0]}: feeds "
                "are not fetched by reader, skipped"
            )
            continue
        title = None
        tags = []
        for token in rest:
            if token.startswith("~"):
                title = token[1:].strip() or None
            elif token and token != "!":
                tags.append(token)
        result.feeds.append(ListedFeed(url, title, tuple(dict.fromkeys(tags))))
    return result


def _tokens(line: str) -> list[str]:
    """Words of a `urls` line: spaces separate, double quotes group (with \\" inside),
    an unquoted `#` starting a word begins a comment."""
    tokens: list[str] = []
    i, n = 0, len(line)
    while i < n:
        if line[i].isspace():
            i += 1
            continue
        if line[i] == "#":
            break
        word = []
        while i < n and not line[i].isspace():
            if line[i] == '"':
                i += 1
                while i < n and line[i] != '"':
                    if line[i] == "\\" and i + 1 < n:
                        i += 1
                    word.append(line[i])
                    i += 1
                if i >= n:
                    raise ValueError("a quote is not closed")
                i += 1
            else:
                word.append(line[i])
                i += 1
        tokens.append("".join(word))
    return tokens
