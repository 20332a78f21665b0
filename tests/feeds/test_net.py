"""What a person reads when a request fails in ways a local server cannot show
(name resolution; a redirect loop is shown by the server too)."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from reader.feeds.net import FetchError, Http, NetOptions


def _get(url: str, transport: httpx.AsyncBaseTransport, **options):
    async def run():
        async with Http(NetOptions(backoff=0.01, **options), transport=transport) as http:
            return await http.get_feed(url)

    return asyncio.run(run())


def test_a_host_that_does_not_resolve_is_one_line_and_not_retried():
    calls = []

    def handler(request):
        calls.append(request)
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as exc:
            raise httpx.ConnectError(
                "[Errno -2] Name or service not known", request=request
            ) from exc

    with pytest.raises(FetchError, match=r"^cannot find the host news\.example\.invalid \(DNS\)$"):
        _get("http://news.example.invalid/rss", httpx.MockTransport(handler))
    assert len(calls) == 1


def test_a_redirect_loop_ends(server):
    server.route("/a", redirect=server.url("/b"))
    server.route("/b", redirect=server.url("/a"))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        asyncio.run(_fetch(server.url("/a")))


def test_a_redirect_to_another_scheme_is_refused(server):
    server.route("/ftp", redirect="ftp://127.0.0.1/feed.xml")
    with pytest.raises(FetchError, match="cannot follow a redirect"):
        asyncio.run(_fetch(server.url("/ftp")))


async def _fetch(url: str):
    async with Http(NetOptions(timeout=2, deadline=3)) as http:
        return await http.get_feed(url)
