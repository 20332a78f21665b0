"""Fixtures for the feed tests: the server (see `server.py`), the fixture feeds, a folder."""

from __future__ import annotations

import pytest

from reader.config import Settings
from tests.feeds.server import FeedServer


@pytest.fixture
def server():
    srv = FeedServer()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def news(server) -> FeedServer:
    """The server with the three fixture feeds and their article pages
    (the Atom feed's second entry links to a page that is missing: 404)."""
    server.serve_fixture(
        "/rss2.xml",
        "rss2.xml",
        content_type="application/rss+xml",
        etag='"gazette-v1"',
        last_modified="Mon, 06 May 2024 09:00:00 GMT",
    )
    server.serve_fixture("/atom.xml", "atom.xml", content_type="application/atom+xml")
    server.serve_fixture(
        "/rss1.xml",
        "rss1.xml",
        content_type="application/rdf+xml",
        last_modified="Sat, 04 May 2024 08:00:00 GMT",
    )
    for page in ("harbour-storm.html", "ferry-strike.html", "pass-reopens.html"):
        server.serve_fixture(f"/news/{page}", page)
    server.serve_fixture("/news/valley-bridge", "valley-bridge.html")
    return server


@pytest.fixture
def folder(tmp_path) -> Settings:
    """An empty collection (text-only index) for fetched articles."""
    articles = tmp_path / "articles"
    articles.mkdir()
    return Settings.resolve(articles, tmp_path / "index", entities=False)
