"""How feeds and fetched articles are named: URL keys, folder slugs, file names.

Every name that reaches the file system is built here from `[a-z0-9-]` only, so
no title or URL (`../../etc`, a slash, a terminal control, a NUL) can ever name
a path outside `articles/feeds/<feed>/`.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from anyascii import anyascii

from reader.errors import UsageError
from reader.textio import without_controls

#: Query parameters that only track where a click came from: dropped from URL keys.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi)$", re.I)
_PAGE_SUFFIX = re.compile(r"\.(html?|php|aspx?|jsp|cms|shtml)$", re.I)
SLUG_MAX = 60
TITLE_MAX = 300


def clean_title(text: object) -> str | None:
    """A title, name or tag from a feed or a list as one plain line: terminal
    controls dropped, whitespace collapsed, at most TITLE_MAX characters."""
    if not isinstance(text, str):
        return None
    title = " ".join(without_controls(text).split())[:TITLE_MAX]
    return title or None


def slugify(text: str, limit: int = SLUG_MAX) -> str:
    """Lower-case ASCII words joined by '-', cut at a word boundary; '' when none."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            if not slug:
                slug = word[:limit]
            break
        slug = candidate
    return slug


def short_hash(text: str, chars: int = 10) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()[
        :chars
    ]


def normalize_feed_url(text: str) -> str:
    """A subscription URL as stored: http(s) only, a scheme added when missing."""
    url = text.strip()
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise UsageError(f"not a feed URL: {url!r}")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UsageError(f"only http:// and https:// feeds can be fetched, not {parts.scheme}:")
    if not parts.hostname:
        raise UsageError(f"not a feed URL (no host): {url!r}")
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def url_key(url: str) -> str:
    """The identity of an article's URL: scheme and host lower-cased, default port,
    fragment and tracking parameters dropped (the same story linked two ways is one)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ]
    )
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def is_web_url(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def article_name(key: str) -> str:
    """A stable file stem for an article: the last words of its URL's path and a
    hash of its key (`putin-visits-china-3fa2b19c0d`)."""
    words = ""
    if is_web_url(key):
        parts = urlsplit(key)
        segments = [_PAGE_SUFFIX.sub("", unquote(s)) for s in parts.path.split("/") if s]
        segments = [s for s in segments if s.lower() not in ("index", "amp", "")]
        # "2024/05/06/123456" says little: walk back to the first segment with letters.
        for segment in reversed(segments):
            if re.search(r"[A-Za-z]{3,}", segment):
                words = slugify(segment, 50)
                break
        if not words:
            words = slugify(parts.hostname or "", 50)
    return f"{words or 'article'}-{short_hash(key)}"


def feed_slug(title: str | None, url: str, taken: set[str]) -> str:
    """A folder name for a feed from its title (else its URL), unique among `taken`."""
    base = slugify(title or "", 40)
    if not base:
        parts = urlsplit(url)
        base = slugify(f"{parts.hostname or ''} {parts.path}", 40) or "feed"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
