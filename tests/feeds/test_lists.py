"""Subscriptions in and out: OPML from and to other readers, newsboat's urls file."""

from __future__ import annotations

import pytest

from reader.cli import main
from reader.feeds.lists import ListedFeed, read_opml, read_urls, write_opml
from reader.feeds.subscriptions import FeedStore

OTHER_READER_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions from another reader</title></head>
  <body>
    <outline text="World" title="World">
      <outline type="rss" text="Harbour Gazette" title="Harbour Gazette"
               xmlUrl="https://gazette.example/rss.xml" htmlUrl="https://gazette.example/"/>
      <outline text="Europe">
        <outline type="rss" text="Valley Courier" xmlurl="https://courier.example/atom"
                 category="/regional,/bridges"/>
      </outline>
    </outline>
    <outline type="rss" text="Mountain Times" xmlUrl="https://times.example/rss1.xml"/>
    <outline type="link" text="A bookmark, not a feed" url="https://example.org/"/>
  </body>
</opml>
"""

NEWSBOAT_URLS = """# my feeds
https://gazette.example/rss.xml news "harbour town" ~"The Gazette"

   # an indented comment
https://courier.example/atom regional bridges # trailing comment
https://times.example/rss1.xml !
"query:Unread Articles:unread = \\"yes\\"" queries
"exec:~/bin/my-feed" scripts
https://broken.example/feed "unclosed
"""


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def subscriptions(articles) -> list[tuple[str, str | None, tuple[str, ...]]]:
    with FeedStore(articles) as store:
        return [(s.url, s.title, s.tags) for s in store.subscriptions()]


def test_opml_from_another_reader_keeps_folders_as_tags():
    listed = read_opml(OTHER_READER_OPML.encode())
    assert listed.feeds == [
        ListedFeed("https://gazette.example/rss.xml", "Harbour Gazette", ("World",)),
        ListedFeed(
            "https://courier.example/atom",
            "Valley Courier",
            ("World", "Europe", "regional", "bridges"),
        ),
        ListedFeed("https://times.example/rss1.xml", "Mountain Times", ()),
    ]
    assert listed.problems == ["A bookmark, not a feed: no xmlUrl, skipped"]


def test_newsboat_urls_with_tags_titles_and_comments():
    listed = read_urls(NEWSBOAT_URLS)
    assert listed.feeds == [
        ListedFeed("https://gazette.example/rss.xml", "The Gazette", ("news", "harbour town")),
        ListedFeed("https://courier.example/atom", None, ("regional", "bridges")),
        ListedFeed("https://times.example/rss1.xml", None, ()),
    ]
    assert listed.problems == [
        "line 7: newsboat's query: feeds are not fetched by reader, skipped",
        "line 8: newsboat's exec: feeds are not fetched by reader, skipped",
        "line 9: a quote is not closed, skipped",
    ]


def test_opml_round_trip_through_the_cli(tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    (tmp_path / "urls").write_text(NEWSBOAT_URLS)
    code, out, err = run(
        capsys, "--articles", str(first), "feeds", "import", str(tmp_path / "urls")
    )
    assert code == 0 and "imported 3 feeds from urls; 3 skipped" in out
    assert err.count("reader: warning: ") == 3
    run(
        capsys,
        "--articles",
        str(first),
        "feeds",
        "add",
        "https://extra.example/feed",
        "--tag",
        "late",
        "-t",
        "night",
    )

    opml = tmp_path / "subs.opml"
    code, out, _ = run(capsys, "--articles", str(first), "feeds", "export", "-o", str(opml))
    assert code == 0
    code, out, _ = run(capsys, "--articles", str(second), "feeds", "import", str(opml))
    assert code == 0 and "imported 4 feeds" in out

    before = subscriptions(first)
    assert subscriptions(second) == before
    # Exported to stdout too, as valid OPML with every feed.
    code, out, _ = run(capsys, "--articles", str(second), "feeds", "export")
    assert [f.url for f in read_opml(out.encode()).feeds] == [url for url, _, _ in before]


def test_importing_twice_adds_nothing(tmp_path, capsys):
    (tmp_path / "subs.opml").write_text(OTHER_READER_OPML)
    run(capsys, "--articles", str(tmp_path / "a"), "feeds", "import", str(tmp_path / "subs.opml"))
    code, out, _ = run(
        capsys, "--articles", str(tmp_path / "a"), "feeds", "import", str(tmp_path / "subs.opml")
    )
    assert code == 0 and "imported 0 feeds from subs.opml (3 already subscribed); 1 skipped" in out
    assert len(subscriptions(tmp_path / "a")) == 3


@pytest.mark.parametrize(
    "content, message",
    [
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>',
            "entity declarations",
        ),
        ("<opml><body><outline", "not valid OPML"),
        ("<html><body>hello</body></html>", "not an OPML file"),
    ],
)
def test_bad_lists_are_one_line(tmp_path, capsys, content, message):
    (tmp_path / "bad.opml").write_text(content)
    code, _out, err = run(
        capsys, "--articles", str(tmp_path / "a"), "feeds", "import", str(tmp_path / "bad.opml")
    )
    assert code == 2 and message in err and err.count("\n") == 1


def test_write_opml_escapes_what_it_writes():
    text = write_opml([ListedFeed("https://x.example/?a=1&b=<2>", 'Quotes " & <tags>', ("a&b",))])
    assert read_opml(text.encode()).feeds == [
        ListedFeed("https://x.example/?a=1&b=<2>", 'Quotes " & <tags>', ("a&b",))
    ]
