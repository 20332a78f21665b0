"""`reader feeds ...` and `reader fetch` as a person (or a cron job) uses them."""

from __future__ import annotations

import json

from reader.cli import main
from reader.feeds.subscriptions import FeedStore


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_list_and_remove(tmp_path, capsys):
    where = ("--articles", str(tmp_path / "articles"))
    code, out, _ = run(capsys, *where, "feeds", "list")
    assert code == 0 and "no feeds yet" in out
    code, out, _ = run(
        capsys, *where, "feeds", "add", "https://gazette.example/rss.xml", "--tag", "local"
    )
    assert code == 0 and out.startswith("subscribed to https://gazette.example/rss.xml [local]")
    code, out, _ = run(capsys, *where, "feeds", "add", "courier.example/atom", "--title", "Courier")
    assert code == 0 and "https://courier.example/atom" in out
    code, out, _ = run(
        capsys, *where, "feeds", "add", "https://gazette.example/rss.xml", "-t", "harbour"
    )
    assert code == 0 and out.startswith(
        "already subscribed to https://gazette.example/rss.xml [local, harbour]"
    )

    code, out, _ = run(capsys, *where, "feeds")
    assert code == 0
    assert "gazette.example/rss.xml" in out and "local, harbour" in out and "Courier" in out
    assert out.count("not fetched yet") == 2

    code, out, _ = run(capsys, *where, "feeds", "rm", "2")
    assert code == 0 and "unsubscribed from Courier" in out
    code, out, _ = run(capsys, *where, "feeds", "list", "--json")
    rows = json.loads(out)
    assert [r["url"] for r in rows] == ["https://gazette.example/rss.xml"]
    assert rows[0]["tags"] == ["local", "harbour"] and rows[0]["status"] is None


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    where = ("--articles", str(tmp_path / "articles"))
    for argv, message in [
        (("feeds", "add", "ftp://example.com/feed"), "only http:// and https:// feeds"),
        (("feeds", "add", "https://x.example/\x1b[2Jfeed"), "not a feed URL"),
        (("feeds", "add", "https://x.example/feed", "--tag", "\x1b\x07"), "not a tag"),
        (("feeds", "rm", "7"), "no feed number 7"),
        (("feeds", "rm", "https://nowhere.example/"), "no feed 'https://nowhere.example/'"),
        (("fetch",), "no feeds to fetch"),
        (("feeds", "import", str(tmp_path / "missing.opml")), "cannot read"),
    ]:
        code, _out, err = run(capsys, *where, *argv)
        assert code == 2, argv
        assert err.startswith("reader: error: ") and message in err and err.count("\n") == 1, err
        assert "\x1b" not in err


def test_fetch_writes_articles_indexes_them_and_reports_each_feed(news, tmp_path, capsys):
    where = (
        "--articles",
        str(tmp_path / "articles"),
        "--index",
        str(tmp_path / "index"),
        "--no-entities",
    )
    news.route("/gone.xml", status=404)
    for path in ("/rss2.xml", "/rss1.xml", "/gone.xml"):
        run(capsys, *where, "feeds", "add", news.url(path))

    code, out, err = run(capsys, *where, "fetch", "--json")

    assert code == 1  # one feed failed; the others were fetched and indexed
    report = json.loads(out)
    assert len(report["new"]) == 3 and all(a["id"] for a in report["new"])
    assert report["index"].startswith("index updated: 3 added")
    assert [f["status"] for f in report["feeds"]] == ["ok", "ok", "error"]
    storm = next(a for a in report["new"] if "harbour-storm" in a["path"])
    code, out, _ = run(capsys, *where, "show", storm["id"], "--json")
    shown = json.loads(out)
    assert (
        shown["title"] == "Storm closes the harbour for two days" and shown["date"] == "2024-05-06"
    )
    assert shown["source"] == "Harbour Gazette" and "Clara Jensen" in shown["text"]
    code, out, _ = run(capsys, *where, "search", "snow ploughs", "--json")
    assert [h["title"] for h in json.loads(out)["hits"]] == ["The mountain pass reopens to traffic"]

    code, out, err = run(capsys, *where, "fetch")
    assert code == 1
    assert "  Harbour Gazette: not modified" in out and "  Mountain Times: not modified" in out
    assert "fetched 3 feeds: 0 new, 0 updated, 1 feed failed" in out
    assert err.strip() == f"reader: feed failed: {news.url('/gone.xml')}: HTTP 404 Not Found"

    code, out, _ = run(capsys, *where, "feeds", "list")
    assert "not modified" in out and "error: HTTP 404 Not Found" in out
    code, out, _ = run(capsys, *where, "feeds", "list", "--json")
    rows = {r["title"]: r for r in json.loads(out)}
    assert rows["Harbour Gazette"]["articles"] == 2
    assert rows["Harbour Gazette"]["folder"] == "feeds/harbour-gazette"


def test_fetch_one_feed_by_number_without_the_index(news, tmp_path, capsys):
    where = ("--articles", str(tmp_path / "articles"), "--index", str(tmp_path / "index"))
    for path in ("/rss2.xml", "/rss1.xml"):
        run(capsys, *where, "feeds", "add", news.url(path))
    code, out, _ = run(capsys, *where, "fetch", "2", "--no-index")
    assert code == 0 and "  Mountain Times: 1 new" in out and "index" not in out
    assert not (tmp_path / "index").exists()
    with FeedStore(tmp_path / "articles") as store:
        assert [s.status for s in store.subscriptions()] == [None, "ok"]


def test_subscriptions_and_seen_entries_outlive_the_index(news, tmp_path, capsys):
    where = (
        "--articles",
        str(tmp_path / "articles"),
        "--index",
        str(tmp_path / "index"),
        "--no-entities",
    )
    run(capsys, *where, "feeds", "add", news.url("/rss2.xml"))
    run(capsys, *where, "fetch")
    import shutil

    shutil.rmtree(tmp_path / "index")
    code, out, _ = run(capsys, *where, "index", "--rebuild")
    assert code == 0 and "2 added" in out
    news.routes["/rss2.xml"].etag = None
    news.routes["/rss2.xml"].last_modified = None
    code, out, _ = run(capsys, *where, "fetch")
    assert code == 0 and "  Harbour Gazette: 0 new" in out
    assert len(list((tmp_path / "articles").rglob("*.md"))) == 2


def test_two_fetches_of_one_collection_never_run_at_once(news, tmp_path, capsys):
    where = ("--articles", str(tmp_path / "articles"))
    run(capsys, *where, "feeds", "add", news.url("/rss2.xml"))
    with FeedStore(tmp_path / "articles") as store, store.fetch_lock():
        code, _out, err = run(capsys, *where, "fetch", "--no-index")
    assert code == 1
    assert err.startswith(
        "reader: error: the feeds of this collection are being fetched by another reader (process "
    )
    assert not news.requests
