"""`reader feeds add|list|rm|import|export` and `reader fetch`: the command-line face
of feeds (`reader.cli` registers them). No Textual here.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console
from rich.text import Text

from reader.cliutil import ProgressDisplay, run_update, summary_line
from reader.config import Settings
from reader.errors import IndexBusy, IndexUnavailable, UsageError
from reader.textio import one_line


def add_arguments(sub, common: argparse.ArgumentParser) -> None:
    feeds = sub.add_parser(
        "feeds",
        parents=[common],
        help="feed subscriptions (RSS, Atom)",
        description="Feed subscriptions of this collection. Without an action: list them.",
    )
    actions = feeds.add_subparsers(dest="feeds_action", metavar="ACTION")
    p = actions.add_parser("add", parents=[common], help="subscribe to a feed")
    p.add_argument("url", help="the feed's URL (http or https)")
    p.add_argument(
        "--tag",
        "-t",
        action="append",
        default=[],
        metavar="T",
        help="a tag for the feed and its articles (repeat for more)",
    )
    p.add_argument("--title", metavar="TITLE", help="a name for the feed (default: its own)")
    p = actions.add_parser("list", parents=[common], help="the feeds, with the last fetch's status")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = actions.add_parser("rm", parents=[common], help="unsubscribe (the articles stay)")
    p.add_argument("feeds", nargs="+", metavar="FEED", help="number in `feeds list`, URL or folder")
    p = actions.add_parser(
        "import",
        parents=[common],
        help="subscribe to the feeds of an OPML file or a newsboat urls file",
    )
    p.add_argument("file", help="OPML file, or newsboat's urls file")
    p = actions.add_parser("export", parents=[common], help="write the subscriptions as OPML")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")

    p = sub.add_parser(
        "fetch", parents=[common], help="fetch the feeds, write new articles, update the index"
    )
    p.add_argument(
        "feeds",
        nargs="*",
        metavar="FEED",
        help="only these feeds (number in `feeds list`, URL or folder)",
    )
    p.add_argument(
        "--no-pages",
        action="store_true",
        help="keep the feeds' own text; do not fetch the linked pages",
    )
    p.add_argument("--no-index", action="store_true", help="do not update the index afterwards")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _store(settings: Settings):
    from reader.feeds.subscriptions import FeedStore

    return FeedStore(settings.articles_dir)


def _say(console: Console, text: str | Text) -> None:
    console.print(text if isinstance(text, Text) else Text(text), soft_wrap=True)


# ---------------------------------------------------------------- feeds


def cmd_feeds(args, settings: Settings, out: Console, err: Console) -> int:
    action = args.feeds_action or "list"
    with _store(settings) as store:
        if action == "add":
            sub, created = store.add(args.url, tuple(args.tag), args.title)
            tags = f" [{one_line(', '.join(sub.tags), 200)}]" if sub.tags else ""
            verb = "subscribed to" if created else "already subscribed to"
            _say(out, f"{verb} {one_line(sub.url, 300)}{tags}; `reader fetch` gets its articles")
            return 0
        if action == "list":
            return _list(store, args, out)
        if action == "rm":
            chosen = list({s.url: s for s in (store.find(x) for x in args.feeds)}.values())
            for sub in chosen:
                store.remove(sub.url)
                where = f"; its articles stay in feeds/{sub.slug}/" if sub.slug else ""
                _say(out, f"unsubscribed from {one_line(sub.name, 120)}{where}")
            return 0
        if action == "import":
            return _import(store, Path(args.file), out, err)
        if action == "export":
            return _export(store, args.output, out, settings.index_dir)
    raise UsageError(f"unknown feeds action {action!r}")


def _list(store, args, out: Console) -> int:
    subs = store.subscriptions()
    counts = {s.url: store.entry_count(s.url) for s in subs}
    if getattr(args, "json", False):
        rows = [
            {
                "number": i,
                "url": s.url,
                "title": s.name,
                "tags": list(s.tags),
                "folder": f"feeds/{s.slug}" if s.slug else None,
                "articles": counts[s.url],
                "status": s.status,
                "message": s.message,
                "checked_at": s.checked_at,
                "ok_at": s.ok_at,
                "new": s.new_count,
            }
            for i, s in enumerate(subs, start=1)
        ]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    if not subs:
        _say(out, "no feeds yet: `reader feeds add URL` or `reader feeds import FILE.opml`")
        return 0
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("feed", overflow="ellipsis", no_wrap=True, ratio=3)
    table.add_column("tags", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("articles", justify="right")
    table.add_column("status", overflow="fold", ratio=3)
    for i, s in enumerate(subs, start=1):
        feed = Text(one_line(s.name, 60))
        if s.name != s.url:
            feed.append("\n" + one_line(s.url, 200), style="dim")
        table.add_row(
            str(i), feed, Text(one_line(", ".join(s.tags), 40)), str(counts[s.url]), status_text(s)
        )
    out.print(table)
    return 0


def status_text(sub) -> Text:
    """The status column: the last fetch's outcome and when."""
    if sub.status is None:
        return Text("not fetched yet", style="dim")
    when = _ago(sub.checked_at)
    if sub.status == "error":
        text = Text("error: ", style="bold red")
        text.append(one_line(sub.message or "", 160))
        if sub.ok_at:
            text.append(f" · {when}; last good {_ago(sub.ok_at)}", style="dim")
        else:
            text.append(f" · {when}", style="dim")
        return text
    label = "not modified" if sub.status == "not modified" else f"ok, {sub.new_count} new"
    text = Text(label, style="green")
    text.append(f" · {when}", style="dim")
    if sub.message:
        text.append(f" · {one_line(sub.message, 120)}", style="yellow")
    return text


def _ago(stamp: str | None) -> str:
    if not stamp:
        return "never"
    try:
        then = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return one_line(stamp, 30)
    seconds = max(0, int((datetime.now(timezone.utc) - then).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return "just now"


def _import(store, path: Path, out: Console, err: Console) -> int:
    from reader.feeds.lists import read_subscription_file

    listed = read_subscription_file(path)
    added = known = 0
    problems = list(listed.problems)
    for feed in listed.feeds:
        try:
            _, created = store.add(feed.url, feed.tags, feed.title)
        except UsageError as exc:
            problems.append(str(exc))
            continue
        added += created
        known += not created
    for problem in problems:
        err.print(
            f"reader: warning: {one_line(problem, 300)}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    _say(
        out,
        f"imported {added} feed{'s' if added != 1 else ''} from {one_line(path.name, 100)}"
        + (f" ({known} already subscribed)" if known else "")
        + (f"; {len(problems)} skipped" if problems else ""),
    )
    return 0 if added or known or not problems else 1


def _export(store, output: str | None, out: Console, index_dir: Path) -> int:
    from reader.feeds.lists import ListedFeed, write_opml

    text = write_opml(
        ListedFeed(s.url, s.title or s.feed_title, s.tags) for s in store.subscriptions()
    )
    if not output:
        sys.stdout.write(text)
        return 0
    from reader.safeio import user_output

    with user_output(output, "w", protected=[index_dir]) as stream:
        stream.write(text)
    return 0


# ---------------------------------------------------------------- fetch


def cmd_fetch(args, settings: Settings, out: Console, err: Console) -> int:
    from reader.feeds.fetch import FetchOptions, fetch_feeds

    with _store(settings) as store:
        if not store.subscriptions():
            raise UsageError("no feeds to fetch: add one with `reader feeds add URL`")
        only = [store.find(x).url for x in args.feeds] if args.feeds else None
    display = ProgressDisplay(err)
    try:
        report = fetch_feeds(
            settings.articles_dir,
            only,
            options=FetchOptions(fetch_pages=not args.no_pages),
            progress=display,
        )
    finally:
        display.close()
    index_line: str | None = None
    ids: dict[str, str] = {}
    if report.changed and not args.no_index:
        index_line, ids = _update_index(settings, err, report.new_paths + report.updated_paths)
    if args.json:
        sys.stdout.write(json.dumps(_fetch_json(report, ids, index_line), indent=2) + "\n")
    else:
        for result in report.feeds:
            if result.status == "error":
                err.print(
                    f"reader: feed failed: {one_line(result.line, 400)}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            else:
                _say(out, f"  {one_line(result.line, 400)}")
        _say(out, report.summary())
        if index_line:
            _say(out, index_line)
    return 1 if report.failed else 0


def _update_index(settings: Settings, err: Console, paths: list[str]) -> tuple[str | None, dict]:
    """Index the new files; (the summary line, {path: article id})."""
    try:
        report = run_update(settings, err)
    except (IndexBusy, IndexUnavailable) as exc:
        err.print(
            f"reader: note: {one_line(str(exc), 300)}; the new articles are indexed at the "
            "next update",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        return None, {}
    from reader.paths import IndexPaths
    from reader.store import Store

    store = Store(IndexPaths(settings.index_dir).store, readonly=True)
    try:
        files = store.files()
    finally:
        store.close()
    ids = {
        rel: files[rel].article_ids[0] for rel in paths if rel in files and files[rel].article_ids
    }
    return summary_line(report), ids


def _fetch_json(report, ids: dict, index_line: str | None) -> dict:
    def article(rel: str) -> dict:
        return {"path": rel, "id": ids.get(rel)}

    return {
        "summary": report.summary(),
        "index": index_line,
        "new": [article(rel) for rel in report.new_paths],
        "updated": [article(rel) for rel in report.updated_paths],
        "feeds": [
            {
                "url": r.url,
                "name": r.name,
                "status": r.status,
                "message": r.message,
                "new": r.new,
                "updated": r.updated,
                "duplicates": r.duplicates,
                "feed_text": r.from_feed,
                "warnings": r.warnings,
            }
            for r in report.feeds
        ],
    }
