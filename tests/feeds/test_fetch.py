"""Fetching feeds from a real server on 127.0.0.1: articles written, nothing twice,
changes followed, every failure one line while the other feeds go on."""

from __future__ import annotations

import gzip
import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader import __version__
from reader.corpus import Article, iter_articles
from reader.feeds.fetch import FetchCancelled, FetchOptions, fetch_feeds
from reader.feeds.net import NetOptions
from reader.feeds.subscriptions import FeedStore
from tests.feeds.server import FAST


def subscribe(settings, server, *paths: str, tags: tuple[str, ...] = ()) -> None:
    with FeedStore(settings.articles_dir) as store:
        for path in paths:
            store.add(server.url(path), tags)


def fetch(settings, options: FetchOptions = FAST, **kw):
    return fetch_feeds(settings.articles_dir, options=options, **kw)


def articles(settings) -> dict[str, Article]:
    """Every article in the folder by its path."""
    return {a.path: a for a in iter_articles(settings.articles_dir) if isinstance(a, Article)}


def by_title(settings) -> dict[str, Article]:
    return {a.title: a for a in articles(settings).values()}


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in root.rglob("*")
        if p.is_file()
    }


def test_new_entries_become_articles_with_dates_and_full_text(news, folder):
    subscribe(folder, news, "/rss2.xml", "/atom.xml", "/rss1.xml", tags=("local",))
    report = fetch(folder)

    assert [r.status for r in report.feeds] == ["ok", "ok", "ok"]
    assert len(report.new_paths) == 5 and not report.failed
    found = by_title(folder)
    storm = found["Storm closes the harbour for two days"]
    assert storm.path.startswith("feeds/harbour-gazette/") and storm.path.endswith(".md")
    assert storm.date == "2024-05-06" and storm.source == "Harbour Gazette"
    assert storm.author == "Ines Moreau"
    assert storm.url == news.url("/news/harbour-storm.html")
    # The full text of the linked page, not the feed's one-line summary; no menus or footers.
    assert "stranding three cargo ships" in storm.text
    assert "Clara Jensen" in storm.text
    assert (
        "summary of the storm" not in storm.text and "Subscribe to our newsletter" not in storm.text
    )
    # Atom and RSS 1.0 too, with their dates.
    bridge = found["Council approves the new bridge"]
    assert bridge.date == "2024-05-07" and "eleven million euros" in bridge.text
    assert bridge.path.startswith("feeds/valley-courier/")
    pass_ = found["The mountain pass reopens to traffic"]
    assert pass_.date == "2024-05-04" and pass_.author == "Anna Berger"
    assert "six metres deep" in pass_.text
    # A page that cannot be fetched: the feed's own content is kept.
    library = found["Library reopens after the flood"]
    assert "forty thousand books" in library.text and library.date == "2024-05-06"
    atom = next(r for r in report.feeds if r.name == "Valley Courier")
    assert atom.from_feed == 1 and "404" in atom.line
    # Tracking parameters are not part of the article's URL; the feed's tags are in the front matter.
    ferry = found["Ferry crews vote to strike"]
    assert ferry.url == news.url("/news/ferry-strike.html") and ferry.date == "2024-05-05"
    text = (folder.articles_dir / ferry.path).read_text()
    assert "tags:\n- local\n" in text and f"feed: {news.url('/rss2.xml')}" in text
    assert "text_from: page" in text


def test_a_second_fetch_writes_nothing_and_sends_conditional_headers(news, folder):
    subscribe(folder, news, "/rss2.xml", "/atom.xml", "/rss1.xml")
    fetch(folder)
    before = snapshot(folder.articles_dir)
    pages_before = len([r for r in news.requests if r.path.startswith("/news/")])

    report = fetch(folder)

    assert report.new_paths == [] and report.updated_paths == []
    assert snapshot(folder.articles_dir) == before
    assert [r.status for r in report.feeds] == ["not modified", "ok", "not modified"]
    assert news.requests_to("/rss2.xml")[-1].headers["if-none-match"] == '"gazette-v1"'
    assert (
        news.requests_to("/rss2.xml")[-1].headers["if-modified-since"]
        == "Mon, 06 May 2024 09:00:00 GMT"
    )
    assert (
        news.requests_to("/rss1.xml")[-1].headers["if-modified-since"]
        == "Sat, 04 May 2024 08:00:00 GMT"
    )
    assert "if-none-match" not in news.requests_to("/atom.xml")[-1].headers
    # The Atom feed had no validators: read again, but no page is fetched again.
    assert len([r for r in news.requests if r.path.startswith("/news/")]) == pages_before


def test_requests_say_who_asks_and_accept_gzip(news, folder):
    news.routes["/rss2.xml"].gzip = True
    subscribe(folder, news, "/rss2.xml")
    report = fetch(folder)
    assert len(report.new_paths) == 2
    request = news.requests_to("/rss2.xml")[0]
    assert request.headers["user-agent"].startswith(f"reader/{__version__} ")
    assert "gzip" in request.headers["accept-encoding"]
    assert "rss+xml" in request.headers["accept"]


def test_a_changed_entry_updates_its_file(news, folder):
    subscribe(folder, news, "/rss2.xml")
    first = fetch(folder)
    storm = next(p for p in first.new_paths if "harbour-storm" in p)
    news.serve_fixture(
        "/rss2.xml", "rss2.xml", content_type="application/rss+xml", etag='"gazette-v2"'
    )
    feed = news.routes["/rss2.xml"]
    feed.body = feed.body.replace(
        b"Storm closes the harbour for two days", b"Storm closes the harbour for three days"
    )
    page = news.routes["/news/harbour-storm.html"]
    page.body = page.body.replace(b"Clara Jensen", b"Clara Jensen-Holm")
    other = next(p for p in first.new_paths if "ferry-strike" in p)
    other_before = (folder.articles_dir / other).stat().st_mtime_ns

    report = fetch(folder)

    assert report.new_paths == [] and report.updated_paths == [storm]
    text = (folder.articles_dir / storm).read_text()
    assert "title: Storm closes the harbour for three days" in text
    assert "Clara Jensen-Holm" in text
    assert (folder.articles_dir / other).stat().st_mtime_ns == other_before
    assert len(list((folder.articles_dir / "feeds").rglob("*.md"))) == 2


def test_a_deleted_article_is_not_brought_back(news, folder):
    subscribe(folder, news, "/rss2.xml")
    first = fetch(folder)
    gone = folder.articles_dir / first.new_paths[0]
    gone.unlink()
    news.routes["/rss2.xml"].etag = None  # no 304: the feed is read again
    assert fetch(folder).new_paths == []
    assert not gone.exists()


def test_the_same_article_is_not_written_twice(server, folder):
    """Under another URL (tracking parameters, a second feed) or with the same text."""
    page = server.fixture("harbour-storm.html")
    server.route("/a/storm.html", page, content_type="text/html")
    server.route("/b/storm-copy.html", page, content_type="text/html")
    item = "<item><title>{t}</title><link>{base}{path}</link></item>"

    def feed(*items):
        return f"<rss version='2.0'><channel><title>Feed</title>{''.join(items)}</channel></rss>"

    server.route("/one.xml", feed(item.format(t="Storm", base=server.base, path="/a/storm.html")))
    server.route(
        "/two.xml",
        feed(
            item.format(t="Storm again", base=server.base, path="/a/storm.html?utm_source=x#top"),
            item.format(t="Storm copy", base=server.base, path="/b/storm-copy.html"),
        ),
    )
    subscribe(folder, server, "/one.xml", "/two.xml")

    report = fetch(folder)

    assert len(report.new_paths) == 1
    assert len(list((folder.articles_dir / "feeds").rglob("*.md"))) == 1
    assert sum(r.duplicates for r in report.feeds) == 1


def test_a_failing_feed_is_reported_while_the_others_succeed(news, folder):
    big = (
        b"<rss version='2.0'><channel><title>Big</title>"
        + b"<!-- padding -->" * 700_000
        + b"</channel></rss>"
    )
    assert len(big) > 10 * 1024 * 1024
    news.route("/gone.xml", status=404)
    news.route("/broken.xml", b"server error", status=500, content_type="text/plain")
    news.route("/slow.xml", news.fixture("rss2.xml"), delay=3.0)
    news.route("/invalid.xml", b"<rss><channel><title>Oops</title><item><title>x</item>")
    news.route("/huge.xml", big)
    news.route(
        "/page.html",
        "<!DOCTYPE html><html><head><title>A blog</title>"
        "<link rel='alternate' type='application/rss+xml' href='/rss2.xml'></head>"
        "<body><p>Welcome</p></body></html>",
        content_type="text/html",
    )
    closed = _closed_port()
    subscribe(
        folder,
        news,
        "/gone.xml",
        "/broken.xml",
        "/slow.xml",
        "/rss2.xml",
        "/invalid.xml",
        "/huge.xml",
        "/page.html",
    )
    with FeedStore(folder.articles_dir) as store:
        store.add(f"http://127.0.0.1:{closed}/feed.xml")

    report = fetch(folder)

    lines = {r.url.rsplit("/", 1)[-1]: r.line for r in report.feeds}
    assert [r.status for r in report.feeds].count("ok") == 1
    assert len(report.new_paths) == 2  # the good feed's articles
    assert "HTTP 404 Not Found" in lines["gone.xml"]
    assert "HTTP 500" in lines["broken.xml"]
    assert "timed out" in lines["slow.xml"] or "no answer" in lines["slow.xml"]
    assert "not a feed: invalid XML" in lines["invalid.xml"]
    assert "over the 5 MB limit" in lines["huge.xml"]
    assert (
        "an HTML page, not a feed; it points to a feed: " + news.url("/rss2.xml")
        in lines["page.html"]
    )
    assert "refused the connection" in lines["feed.xml"]
    assert all("\n" not in line for line in lines.values())
    # A 500 is retried before giving up (politely: not more than `retries` times).
    assert len(news.requests_to("/broken.xml")) == 1 + FAST.net.retries
    assert len(news.requests_to("/gone.xml")) == 1
    # The status stays for `feeds list`.
    with FeedStore(folder.articles_dir) as store:
        status = {s.url.rsplit("/", 1)[-1]: (s.status, s.message) for s in store.subscriptions()}
    assert status["gone.xml"] == ("error", lines["gone.xml"].split(": ", 1)[1])
    assert status["rss2.xml"][0] == "ok"


def test_a_gzip_bomb_is_cut_at_the_size_cap(server, folder):
    body = b"<rss version='2.0'><channel><title>Bomb</title>" + b" " * (12 * 1024 * 1024)
    server.route("/bomb.xml", body, gzip=True)
    assert len(gzip.compress(body)) < 100_000
    subscribe(folder, server, "/bomb.xml")
    result = fetch(folder).feeds[0]
    assert result.status == "error" and "over the 5 MB limit" in result.message


def test_busy_servers_are_retried_with_backoff_and_retry_after(news, folder):
    news.routes["/rss2.xml"].fail_first = 1
    news.routes["/rss2.xml"].retry_after = "0"
    news.routes["/news/harbour-storm.html"].fail_first = 1
    subscribe(folder, news, "/rss2.xml")
    report = fetch(folder)
    assert report.feeds[0].status == "ok" and len(report.new_paths) == 2
    assert "text_from: page" in (folder.articles_dir / report.new_paths[0]).read_text()
    assert len(news.requests_to("/rss2.xml")) == 2


def test_a_long_retry_after_gives_up_until_the_next_fetch(news, folder):
    news.routes["/rss2.xml"].fail_first = 5
    news.routes["/rss2.xml"].retry_after = "3600"
    subscribe(folder, news, "/rss2.xml")
    result = fetch(folder).feeds[0]
    assert result.status == "error" and "asks to wait 3600 s" in result.message
    assert len(news.requests_to("/rss2.xml")) == 1


def test_redirects_are_followed(news, folder):
    news.route("/old-feed", redirect=news.url("/rss2.xml"))
    subscribe(folder, news, "/old-feed")
    assert len(fetch(folder).new_paths) == 2


def test_at_most_two_requests_to_one_host_at_once(server, folder):
    items = []
    for i in range(6):
        server.route(
            f"/p/{i}.html",
            server.fixture("ferry-strike.html").replace("Sunday", f"day {i}"),
            content_type="text/html",
            delay=0.3,
        )
        items.append(f"<item><title>Item {i}</title><link>{server.base}/p/{i}.html</link></item>")
    server.route(
        "/many.xml",
        f"<rss version='2.0'><channel><title>Many</title>{''.join(items)}</channel></rss>",
    )
    subscribe(folder, server, "/many.xml")
    report = fetch(folder)
    assert len(report.new_paths) == 6
    assert server.max_in_flight == 2


def test_hostile_titles_and_urls_stay_data_and_inside_the_feed_folder(server, folder):
    server.route(
        "/hostile.xml",
        f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Evil &#x1b;[2J Feed/../../x</title>
<item><title>Click &#x1b;]0;pwned&#x07; me
---
injected: yes</title><link>{server.base}/../../etc/passwd</link>
<description>&lt;p&gt;Text of the hostile entry.&lt;/p&gt;</description></item>
<item><title>../../../outside</title><link>{server.base}/%2e%2e/%2e%2e/escape%00.html</link>
<description>Second hostile entry.</description></item>
</channel></rss>""",
    )
    subscribe(folder, server, "/hostile.xml")
    report = fetch(folder)
    assert len(report.new_paths) == 2
    root = folder.articles_dir.resolve()
    files = [p.resolve() for p in root.rglob("*") if p.is_file()]
    assert len(files) == 2
    for path in files:
        assert path.parent.parent == root / "feeds"
        text = path.read_text()
        assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
    titles = set(by_title(folder))
    assert "Click ]0;pwned me --- injected: yes" in titles
    with FeedStore(folder.articles_dir) as store:
        sub = store.subscriptions()[0]
    assert sub.feed_title == "Evil [2J Feed/../../x" and sub.slug == "evil-2j-feed-x"


def test_pages_that_are_not_html_keep_the_feed_text(server, folder):
    server.route("/doc.pdf", b"%PDF-1.4 binary", content_type="application/pdf")
    server.route(
        "/pdf.xml",
        f"<rss version='2.0'><channel><title>Docs</title><item><title>Report"
        f"</title><link>{server.base}/doc.pdf</link><description>The annual "
        "report, in short.</description></item></channel></rss>",
    )
    subscribe(folder, server, "/pdf.xml")
    report = fetch(folder)
    assert "not a web page (application/pdf)" in report.feeds[0].line
    assert by_title(folder)["Report"].text == "The annual report, in short."


def test_no_pages_keeps_the_feeds_own_text(news, folder):
    subscribe(folder, news, "/rss2.xml")
    report = fetch(folder, replace(FAST, fetch_pages=False))
    assert len(report.new_paths) == 2
    assert not [r for r in news.requests if r.path.startswith("/news/")]
    assert (
        by_title(folder)["Storm closes the harbour for two days"].text
        == "A short summary of the storm."
    )


def test_many_new_entries_wait_for_the_next_fetch(news, folder):
    subscribe(folder, news, "/rss2.xml")
    first = fetch(folder, replace(FAST, max_new_per_feed=1))
    assert len(first.new_paths) == 1 and "1 more entries" in first.feeds[0].warnings[0]
    second = fetch(folder, replace(FAST, max_new_per_feed=1))
    assert len(second.new_paths) == 1 and second.new_paths != first.new_paths
    # The feed was read again (no 304): its validators were not kept while entries waited.
    assert "if-none-match" not in news.requests_to("/rss2.xml")[1].headers


def test_a_symlinked_feed_folder_is_refused(news, folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder.articles_dir / "feeds").mkdir()
    os.symlink(outside, folder.articles_dir / "feeds" / "harbour-gazette")
    subscribe(folder, news, "/rss2.xml", "/rss1.xml")
    report = fetch(folder)
    assert report.feeds[0].status == "error" and "not a folder" in report.feeds[0].message
    assert report.feeds[1].status == "ok"
    assert list(outside.iterdir()) == []


def test_a_fetch_can_be_stopped(news, folder):
    news.routes["/rss2.xml"].delay = 1.0
    subscribe(folder, news, "/rss2.xml")
    with pytest.raises(FetchCancelled):
        fetch(
            folder, replace(FAST, net=NetOptions(timeout=5, deadline=5)), should_stop=lambda: True
        )


def test_only_the_chosen_feeds_are_fetched(news, folder):
    subscribe(folder, news, "/rss2.xml", "/rss1.xml")
    report = fetch(folder, only=[news.url("/rss1.xml")])
    assert [r.name for r in report.feeds] == ["Mountain Times"]
    assert not news.requests_to("/rss2.xml")


def test_each_run_records_its_new_files(news, folder):
    subscribe(folder, news, "/rss2.xml")
    report = fetch(folder)
    with FeedStore(folder.articles_dir) as store:
        last = store.last_run()
        assert last is not None
        _, new, updated = last
    assert new == report.new_paths and updated == []


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_feed_moved_for_good_is_followed_and_the_subscription_updated(news, folder):
    news.route("/old-feed", redirect=news.url("/rss2.xml"))  # 301: moved permanently
    subscribe(folder, news, "/old-feed", tags=("local",))
    report = fetch(folder)
    assert len(report.new_paths) == 2
    (result,) = report.feeds
    assert result.moved_to == news.url("/rss2.xml")
    assert any("moved permanently" in w for w in result.warnings)
    with FeedStore(folder.articles_dir) as store:
        (sub,) = store.subscriptions()
        assert sub.url == news.url("/rss2.xml") and sub.tags == ("local",)
        assert store.entry_count(sub.url) == 2
    # The next fetch asks the new address only, and writes nothing twice.
    before = len(news.requests_to("/old-feed"))
    assert not fetch(folder).new_paths
    assert len(news.requests_to("/old-feed")) == before


def test_a_temporary_redirect_keeps_the_subscribed_address(news, folder):
    news.route("/today", redirect=news.url("/rss2.xml"), redirect_status=302)
    subscribe(folder, news, "/today")
    assert len(fetch(folder).new_paths) == 2
    with FeedStore(folder.articles_dir) as store:
        assert [s.url for s in store.subscriptions()] == [news.url("/today")]


def test_the_article_count_leaves_out_files_the_user_deleted(news, folder):
    subscribe(folder, news, "/rss2.xml")
    new = fetch(folder).new_paths
    assert len(new) == 2
    (folder.articles_dir / new[0]).unlink()
    with FeedStore(folder.articles_dir) as store:
        assert store.entry_count(news.url("/rss2.xml")) == 1
    assert not fetch(folder).new_paths  # a deleted article is not fetched again
