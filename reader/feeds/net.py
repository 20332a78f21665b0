"""Polite HTTP for feeds and the pages they link to (httpx, asyncio).

Every request has a connect/read timeout and an overall deadline (a server that
trickles one byte a second is cut off), follows at most a few redirects, is cut
off past a size cap counted on the decoded bytes (so a gzip bomb is too), says
who is asking (`User-Agent: reader/<version>`), and waits its turn: at most a
few requests run at once, and fewer to any one host. Transient failures (a
dropped connection, a connect or read timeout, 429 and 5xx answers) are
retried after a backoff that honours `Retry-After`; a request that outlives
its overall deadline is not. Every failure is a `FetchError` with one line meant
for a person.
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from reader import __version__

USER_AGENT = f"reader/{__version__} (terminal news reader; feed fetcher)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
RETRY_STATUS = {429, 502, 503, 504}
MB = 1024 * 1024


@dataclass(frozen=True)
class NetOptions:
    timeout: float = 15.0  # seconds to connect, and between two reads
    deadline: float = 60.0  # seconds for a whole request, body included
    max_feed_bytes: int = 5 * MB
    max_page_bytes: int = 5 * MB
    max_redirects: int = 5
    concurrency: int = 8  # requests at once
    per_host: int = 2  # requests at once to one host
    retries: int = 2  # after the first try
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_retry_after: float = 30.0  # a longer Retry-After gives up for this run


#: Redirects that say the address changed for good: a subscription follows them.
PERMANENT_REDIRECTS = frozenset({301, 308})


class FetchError(Exception):
    """One request failed; `transient` when trying again later may well work."""

    def __init__(self, message: str, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200 or 304
    headers: dict[str, str]  # lower-cased names
    content: bytes
    #: The final URL when every redirect on the way was permanent (301, 308):
    #: the address the feed has moved to, for good.
    moved_to: str | None = None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class Http:
    """One client for a fetch run; use as `async with Http(options) as http`."""

    def __init__(self, options: NetOptions, transport: httpx.AsyncBaseTransport | None = None):
        self.options = options
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=True,
            max_redirects=options.max_redirects,
            headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(
                max_connections=options.concurrency, max_keepalive_connections=options.concurrency
            ),
            transport=transport,
        )
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Http:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def get_feed(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        headers = {"Accept": FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self.get(url, headers, self.options.max_feed_bytes, "feed")

    async def get_page(self, url: str) -> Response:
        return await self.get(
            url, {"Accept": PAGE_ACCEPT}, self.options.max_page_bytes, "page", html_only=True
        )

    async def get(
        self, url: str, headers: dict[str, str], max_bytes: int, what: str, html_only: bool = False
    ) -> Response:
        """GET with retries; raises FetchError."""
        attempt = 0
        while True:
            try:
                async with self._host_turn(url):
                    return await asyncio.wait_for(
                        self._get_once(url, headers, max_bytes, what, html_only),
                        self.options.deadline,
                    )
            except _Retry as retry:
                error, delay = retry.error, retry.delay
            except asyncio.TimeoutError:  # not tried again: a stalled server would hold the fetch
                raise FetchError(
                    f"timed out after {self.options.deadline:g} s", transient=True
                ) from None
            except FetchError as exc:
                if not exc.transient:
                    raise
                error, delay = exc, None
            if attempt >= self.options.retries:
                raise error
            delay = self.options.backoff * 2**attempt if delay is None else delay
            if delay > self.options.max_retry_after:
                raise FetchError(
                    f"{error}; the server asks to wait {delay:.0f} s, "
                    "trying again at the next fetch",
                    transient=True,
                )
            attempt += 1
            await asyncio.sleep(delay)

    def _host_turn(self, url: str) -> asyncio.Semaphore:
        parts = urlsplit(url)
        host = f"{parts.hostname}:{parts.port or ''}"
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.options.per_host)
        return self._hosts[host]

    async def _get_once(
        self, url: str, headers: dict[str, str], max_bytes: int, what: str, html_only: bool
    ) -> Response:
        try:
            async with self._client.stream("GET", url, headers=headers) as r:
                final = str(r.url)
                head = {k.lower(): v for k, v in r.headers.items()}
                permanent = bool(r.history) and all(
                    h.status_code in PERMANENT_REDIRECTS for h in r.history
                )
                moved = final if permanent and final != url else None
                if r.status_code == 304:
                    return Response(final, 304, head, b"", moved)
                if r.status_code in RETRY_STATUS:
                    raise _Retry(
                        FetchError(_status_line(r), transient=True),
                        _retry_after(head.get("retry-after")),
                    )
                if r.status_code >= 400:
                    raise FetchError(_status_line(r), transient=r.status_code >= 500)
                if r.status_code != 200:
                    raise FetchError(f"unexpected {_status_line(r)}")
                if html_only:
                    kind = head.get("content-type", "").split(";")[0].strip().lower()
                    if not _may_be_html(kind):
                        raise FetchError(f"not a web page ({kind})")
                declared = head.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(_too_big(what, int(declared), max_bytes))
                body = bytearray()
                async for chunk in r.aiter_bytes():  # decoded: the cap counts what gzip expands to
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(_too_big(what, len(body), max_bytes, at_least=True))
                return Response(final, 200, head, bytes(body), moved)
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {self.options.max_redirects} redirects") from None
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(f"cannot follow a redirect to {_scheme_of(exc)}") from None
        except httpx.InvalidURL:
            raise FetchError("not a valid URL") from None
        except httpx.ConnectTimeout:
            raise FetchError(
                f"could not connect within {self.options.timeout:g} s", transient=True
            ) from None
        except httpx.TimeoutException:
            raise FetchError(
                f"no answer within {self.options.timeout:g} s", transient=True
            ) from None
        except httpx.ConnectError as exc:
            raise _connect_error(url, exc) from None
        except httpx.DecodingError:
            raise FetchError("the server sent a body that could not be decompressed") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise FetchError(f"the connection broke ({_reason(exc)})", transient=True) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__} ({_reason(exc)})", transient=True) from None


class _Retry(Exception):
    def __init__(self, error: FetchError, delay: float | None):
        self.error = error
        self.delay = delay


def _may_be_html(kind: str) -> bool:
    """Whether a Content-Type may hold a web page: HTML, or a label servers give
    anything (a PDF, an image or a podcast's audio is not downloaded)."""
    return (
        not kind
        or "html" in kind
        or "xml" in kind
        or kind in ("text/plain", "application/octet-stream")
    )


def _status_line(r: httpx.Response) -> str:
    return f"HTTP {r.status_code} {r.reason_phrase}".strip()


def _too_big(what: str, size: int, limit: int, at_least: bool = False) -> str:
    more = "over" if at_least else ""
    size_text = f"{more} {size / MB:.1f} MB".strip()
    return f"the {what} is {size_text}, over the {limit / MB:g} MB limit"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] or type(exc).__name__


def _scheme_of(exc: BaseException) -> str:
    text = str(exc)
    return text.split("'")[1] if text.count("'") >= 2 else "another protocol"


_DNS_HINTS = (
    "name or service not known",
    "nodename nor servname",
    "name resolution",
    "no address associated",
    "getaddrinfo failed",
    "name does not resolve",
)


def _causes(exc: BaseException | None) -> Iterator[BaseException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _connect_error(url: str, exc: httpx.ConnectError) -> FetchError:
    """One line for a failed connection, from the OS error under httpx's."""
    host = urlsplit(url).hostname or url
    causes = list(_causes(exc))
    text = " ".join(str(c) for c in causes).lower()
    if any(isinstance(c, socket.gaierror) for c in causes) or any(h in text for h in _DNS_HINTS):
        return FetchError(f"cannot find the host {host} (DNS)")
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return FetchError(f"{host} refused the connection", transient=True)
    if any(isinstance(c, ssl.SSLError) for c in causes) or "certificate" in text:
        return FetchError(f"TLS failed for {host} ({_reason(causes[-1])})")
    return FetchError(f"cannot connect to {host} ({_reason(causes[-1])})", transient=True)
