"""A real HTTP server on 127.0.0.1 for the feed tests (stdlib, in a thread).

Routes are set per test: `server.route("/rss.xml", body, ...)`; the fixture
files in `data/` hold `{base}` where the server's URL goes. Every request is
recorded (path, headers), with the most requests one host had in flight at
once. Slow routes sleep in small steps and never longer than they are told;
the server stops at the end of the test.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reader.feeds.fetch import FetchOptions
from reader.feeds.net import NetOptions

DATA = Path(__file__).parent / "data"

#: Small timeouts and backoffs: the tests exercise them without waiting long.
FAST = FetchOptions(
    net=NetOptions(timeout=1.0, deadline=2.0, backoff=0.05, retries=2, max_retry_after=1.0)
)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    last_modified: str | None = None  # answer 304 to a matching If-Modified-Since
    delay: float = 0.0  # seconds before answering
    gzip: bool = False  # compress when the client accepts gzip
    fail_first: int = 0  # answer 503 to this many requests first
    retry_after: str | None = None  # with those 503s
    redirect: str | None = None  # answer `redirect_status` to this location
    redirect_status: int = 301


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 5  # a client that stops talking does not hold a thread for long

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    # ------------------------------------------------------------ set-up

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str = b"", **kw) -> Route:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kw)
        return self.routes[path]

    def fixture(self, name: str) -> str:
        """A data file with the server's URL in place of {base}."""
        return (DATA / name).read_text(encoding="utf-8").replace("{base}", self.base)

    def serve_fixture(self, path: str, name: str, **kw) -> Route:
        if name.endswith(".html"):
            kw.setdefault("content_type", "text/html; charset=utf-8")
        return self.route(path, self.fixture(name), **kw)

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path.split("?")[0] == path]

    # ------------------------------------------------------------ serving

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.requests.append(Request(handler.path, headers))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            self._answer(handler, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self._lock:
                self.in_flight -= 1

    def _answer(self, handler: BaseHTTPRequestHandler, headers: dict[str, str]) -> None:
        route = self.routes.get(handler.path.split("?")[0])
        if route is None:
            return self._send(
                handler, 404, b"<html><body>Not found</body></html>", {"Content-Type": "text/html"}
            )
        deadline = time.monotonic() + route.delay
        while time.monotonic() < deadline:
            time.sleep(0.02)
        if route.fail_first > 0:
            route.fail_first -= 1
            extra = {"Retry-After": route.retry_after} if route.retry_after else {}
            return self._send(handler, 503, b"busy", {"Content-Type": "text/plain", **extra})
        if route.redirect:
            return self._send(handler, route.redirect_status, b"", {"Location": route.redirect})
        validators = {}
        if route.etag:
            validators["ETag"] = route.etag
        if route.last_modified:
            validators["Last-Modified"] = route.last_modified
        if (route.etag and headers.get("if-none-match") == route.etag) or (
            route.last_modified and headers.get("if-modified-since") == route.last_modified
        ):
            return self._send(handler, 304, b"", validators)
        body = route.body
        out = {"Content-Type": route.content_type, **validators, **route.headers}
        if route.gzip and "gzip" in headers.get("accept-encoding", ""):
            body = gzip.compress(body)
            out["Content-Encoding"] = "gzip"
        self._send(handler, route.status, body, out)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]
    ) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)
