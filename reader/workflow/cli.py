"""The command-line face of the user's own data (`reader.cli` registers it):

    reader read|unread|star|unstar ID...         read state and stars
    reader tag|untag TAG ID...                   tags (--entity: TAG NAME...)
    reader tags                                  every tag used, with counts
    reader note ID [TEXT | -]                    show, set (- reads stdin) or --clear
    reader notes [WORDS...]                      every note (holding the words)
    reader saved [list | add NAME QUERY... | rm NAME]
    reader watch|unwatch ENTITY...   reader watched
    reader news [--keep]                         new for saved searches and watched entities
    reader history [--limit N] [--clear]
    reader import userdata FILE                  merge in `reader export userdata`'s rows

Every command takes --json. No Textual here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime

from rich.console import Console
from rich.text import Text

from reader.config import Settings
from reader.errors import NotFound, UsageError
from reader.textio import one_line, plural
from reader.workflow.store import ARTICLE, ENTITY, HISTORY_KINDS

COMMAND_NAMES = (
    "read",
    "unread",
    "star",
    "unstar",
    "tag",
    "untag",
    "tags",
    "note",
    "notes",
    "saved",
    "watch",
    "unwatch",
    "watched",
    "news",
    "history",
    "import",
)


def add_arguments(sub, common: argparse.ArgumentParser) -> None:
    def json_flag(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="machine-readable output")

    for name, what in (
        ("read", "mark articles read"),
        ("unread", "mark articles unread"),
        ("star", "star articles"),
        ("unstar", "remove articles' stars"),
    ):
        p = sub.add_parser(name, parents=[common], help=what)
        p.add_argument("ids", nargs="+", metavar="ID", help="article ids")
        json_flag(p)
    for name, what in (("tag", "tag articles (or an entity)"), ("untag", "remove a tag")):
        p = sub.add_parser(name, parents=[common], help=what)
        p.add_argument("tag", help="the tag (letters, digits, - _ . & + / ')")
        p.add_argument("ids", nargs="+", metavar="ID", help="article ids (--entity: its name)")
        p.add_argument("--entity", action="store_true", help="tag the entity named by the rest")
        json_flag(p)
    p = sub.add_parser("tags", parents=[common], help="every tag used, most used first")
    json_flag(p)
    p = sub.add_parser("note", parents=[common], help="show or write an article's (entity's) note")
    p.add_argument("id", help="article id (--entity: entity name, alias or id)")
    p.add_argument("text", nargs="*", help="the note (- reads it from stdin); none: show it")
    p.add_argument("--entity", action="store_true", help="the note of an entity")
    p.add_argument("--clear", action="store_true", help="remove the note")
    json_flag(p)
    p = sub.add_parser(
        "notes", parents=[common], help="every note (or those holding WORDS), newest first"
    )
    p.add_argument(
        "words",
        nargs="*",
        help="only notes holding each word or quoted phrase (as note:WORDS; pipe* a prefix)",
    )
    json_flag(p)
    p = sub.add_parser(
        "saved",
        parents=[common],
        help="saved searches with their total, unread and new matches",
        description="Saved searches. Without an action: list them.",
    )
    actions = p.add_subparsers(dest="saved_action", metavar="ACTION")
    a = actions.add_parser("list", parents=[common], help="each with total, unread, new")
    json_flag(a)
    a = actions.add_parser("add", parents=[common], help="save a query under a name")
    a.add_argument("name", help="the name (quote it if it has spaces)")
    a.add_argument("query", nargs="+", help="the query")
    json_flag(a)
    a = actions.add_parser("rm", parents=[common], help="forget a saved search")
    a.add_argument("name")
    json_flag(a)
    json_flag(p)
    for name, what in (("watch", "watch an entity"), ("unwatch", "stop watching an entity")):
        p = sub.add_parser(name, parents=[common], help=what)
        p.add_argument("name", nargs="+", help="entity name, alias or id")
        json_flag(p)
    p = sub.add_parser("watched", parents=[common], help="the watched entities, with new mentions")
    json_flag(p)
    p = sub.add_parser(
        "news", parents=[common], help="what is new for saved searches and watched entities"
    )
    p.add_argument("--keep", action="store_true", help="show it without marking it seen")
    json_flag(p)
    p = sub.add_parser(
        "history", parents=[common], help="searches run, articles and entities opened"
    )
    p.add_argument("--limit", type=int, default=50, metavar="N", help="how many (50)")
    p.add_argument("--kind", choices=HISTORY_KINDS, help="only searches, articles or entities")
    p.add_argument("--clear", action="store_true", help="forget the history")
    json_flag(p)
    p = sub.add_parser(
        "import",
        parents=[common],
        help="merge in user data written by `reader export userdata`",
    )
    p.add_argument("what", choices=("userdata",), help="what to import")
    p.add_argument("file", help="a CSV or JSON lines file from `reader export userdata`")
    json_flag(p)


def run(args, settings: Settings, out: Console, err: Console, open_library: Callable) -> int:
    library = open_library(settings, err)
    try:
        store = library.userdata
        library.follow_renames()
        library.follow_curation()
        if store.recovered_from is not None:
            err.print(
                f"reader: warning: the user data file was damaged; kept as "
                f"{store.recovered_from}, started afresh",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        return _COMMANDS[args.command](args, library, out)
    finally:
        library.close()


def _print(out: Console, text: str | Text) -> None:
    out.print(text, markup=False, highlight=False, soft_wrap=True)


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2) + "\n")


def _article_ids(library, ids: list[str]) -> list[str]:
    known = {s.id for s in library.articles(ids)}
    missing = [i for i in ids if i not in known]
    if missing:
        raise NotFound(f"no article with id {one_line(missing[0])!r} (see `reader search`)")
    return ids


def cmd_marks(args, library, out: Console) -> int:
    ids = _article_ids(library, args.ids)
    store = library.userdata
    if args.command in ("read", "unread"):
        changed = store.mark_read(ids, args.command == "read")
        done = "read" if args.command == "read" else "unread"
    else:
        changed = store.star(ids, args.command == "star")
        done = "starred" if args.command == "star" else "unstarred"
    if args.json:
        _print_json({"changed": changed, "unchanged": [i for i in ids if i not in changed]})
    else:
        _print(out, f"{plural(len(changed), 'article')} marked {done}" + _already(ids, changed))
    return 0


def _already(ids: list[str], changed: list[str]) -> str:
    rest = len(set(ids)) - len(changed)
    return f" ({rest} already)" if rest else ""


def cmd_tag(args, library, out: Console) -> int:
    store = library.userdata
    on = args.command == "tag"
    if args.entity:
        entity = library.find_entity(" ".join(args.ids))
        kind, keys, label = ENTITY, [entity.id], entity.name
    else:
        kind, keys = ARTICLE, _article_ids(library, args.ids)
        label = plural(len(set(keys)), "article")
    changed = store.tag(kind, keys, args.tag, on)
    from reader.workflow.store import clean_tag

    tag = clean_tag(args.tag)
    if args.json:
        _print_json({"tag": tag, "kind": kind, "changed": changed})
    else:
        verb = "tagged" if on else "untagged"
        _print(out, f"{one_line(label)} {verb} {tag!r}" + _already(keys, changed))
    return 0


def cmd_tags(args, library, out: Console) -> int:
    counts = library.userdata.tag_counts()
    if args.json:
        _print_json([{"tag": t, "count": n} for t, n in counts])
    elif not counts:
        _print(out, "no tags yet (reader tag TAG ID...)")
    else:
        for tag, n in counts:
            _print(out, f"{n:>6}  {tag}")
    return 0


def cmd_note(args, library, out: Console) -> int:
    store = library.userdata
    if args.entity:
        entity = library.find_entity(args.id)
        kind, key, label = ENTITY, entity.id, entity.name
    else:
        kind, key = ARTICLE, _article_ids(library, [args.id])[0]
        label = key
    if args.clear and args.text:
        raise UsageError("--clear takes no text")
    if args.clear or args.text:
        text = "" if args.clear else " ".join(args.text)
        if args.text == ["-"]:
            text = sys.stdin.read()
        kept = store.set_note(kind, key, text)
        if args.json:
            _print_json({"kind": kind, "key": key, "note": kept})
        else:
            _print(out, f"note of {one_line(label)} " + ("removed" if not kept else "saved"))
        return 0
    note = store.note(kind, key)
    if args.json:
        _print_json({"kind": kind, "key": key, "note": note})
    elif note:
        from reader.textio import printable

        out.print(Text(printable(note)), soft_wrap=True)
    else:
        _print(out, f"no note on {one_line(label)}")
    return 0


def cmd_notes(args, library, out: Console) -> int:
    from reader.workflow.query import notes_matching, phrase_of

    notes = library.userdata.notes()
    if args.words:
        notes = notes_matching(notes, [phrase_of(w) for w in args.words])
    if args.json:
        _print_json(
            [
                {
                    "kind": n.kind,
                    "key": n.key,
                    "name": _note_label(library, n),
                    "note": n.text,
                    "updated": _iso(n.updated),
                }
                for n in notes
            ]
        )
        return 0
    if not notes:
        if args.words:
            _print(out, "no note holds " + " ".join(repr(w) for w in args.words))
        else:
            _print(out, "no notes yet (reader note ID TEXT)")
    for n in notes:
        head = f"{n.kind} {one_line(n.key, 120)}"
        label = _note_label(library, n)
        if label != n.key:
            head += f" ({one_line(label, 80)})"
        _print(out, Text(f"{head}  ({_iso(n.updated)})", style="bold"))
        _print(out, "  " + one_line(n.text, 300))
    return 0


def _note_label(library, note) -> str:
    """An entity note's entity name (its key is the id), else the key."""
    if note.kind != ENTITY:
        return note.key
    try:
        return library.entity(note.key).name
    except Exception:  # an entity that is gone (its note is kept)
        return note.key


def cmd_saved(args, library, out: Console) -> int:
    from reader.workflow.news import saved_matches, saved_status

    store = library.userdata
    action = getattr(args, "saved_action", None) or "list"
    if action == "add":
        query = " ".join(args.query)
        ids = saved_matches(library, query)  # a query that cannot be read is refused here
        saved = store.save_search(args.name, query, seen=ids)
        if args.json:
            _print_json({"name": saved.name, "query": saved.query, "total": len(ids)})
        else:
            _print(
                out,
                f"saved {saved.name!r}: {plural(len(ids), 'article matches', 'articles match')}",
            )
        return 0
    if action == "rm":
        store.remove_search(args.name)
        if not args.json:
            _print(out, f"removed {args.name!r}")
        else:
            _print_json({"removed": args.name})
        return 0
    statuses = [saved_status(library, s) for s in store.saved_searches()]
    if args.json:
        _print_json([_saved_json(s) for s in statuses])
    elif not statuses:
        _print(out, "no saved searches (reader saved add NAME QUERY)")
    else:
        for s in statuses:
            _print(out, _saved_line(s))
    return 0


def _saved_json(s) -> dict:
    return {
        "name": s.name,
        "query": s.query,
        "total": s.total,
        "unread": s.unread,
        "new": s.new,
        "error": s.error,
    }


def _saved_line(s) -> Text:
    line = Text()
    line.append(one_line(s.name, 60), style="bold")
    line.append(f"  {one_line(s.query, 120)}  ", style="dim")
    if s.error:
        line.append(one_line(s.error))
        return line
    line.append(f"{s.total} total, {s.unread} unread, {len(s.new)} new")
    return line


def _entity(library, name: str):
    return library.find_entity(name)


def cmd_watch(args, library, out: Console) -> int:
    from reader.workflow.news import entity_articles

    store = library.userdata
    entity = _entity(library, " ".join(args.name))
    if args.command == "watch":
        changed = store.watch(entity.id, entity.name, entity_articles(library, entity.id) or {})
        msg = "watching" if changed else "already watching"
    else:
        changed = store.unwatch(entity.id)
        msg = "stopped watching" if changed else "was not watching"
    if args.json:
        _print_json({"entity": entity.id, "name": entity.name, "changed": changed})
    else:
        _print(out, f"{msg} {one_line(entity.name)} ({entity.type})")
    return 0


def cmd_watched(args, library, out: Console) -> int:
    from reader.workflow.news import watch_status

    statuses = [watch_status(library, w) for w in library.userdata.watched()]
    if args.json:
        _print_json([_watch_json(w) for w in statuses])
    elif not statuses:
        _print(out, "no watched entities (reader watch NAME)")
    else:
        for w in statuses:
            _print(out, _watch_line(w))
    return 0


def _watch_json(w) -> dict:
    return {
        "entity": w.entity_id,
        "name": w.name,
        "mentions": w.mentions,
        "articles": w.articles,
        "new_mentions": w.new_mentions,
        "new_articles": [{"id": a, "mentions": n} for a, n in w.new.items()],
        "missing": w.missing,
    }


def _watch_line(w) -> Text:
    line = Text()
    line.append(one_line(w.name, 60), style="bold")
    if w.missing:
        line.append("  no longer in the collection")
    else:
        line.append(
            f"  {plural(w.mentions, 'mention')} in {plural(w.articles, 'article')};"
            f" {plural(w.new_mentions, 'new mention')} in {plural(len(w.new), 'new article')}"
        )
    return line


def cmd_news(args, library, out: Console) -> int:
    from reader.workflow.news import acknowledge, news

    saved, watched = news(library)
    if not args.keep:
        acknowledge(library, saved, watched)
    if args.json:
        _print_json(
            {"saved": [_saved_json(s) for s in saved], "watched": [_watch_json(w) for w in watched]}
        )
        return 0
    fresh = [s for s in saved if s.new] + [w for w in watched if w.new]
    if not saved and not watched:
        _print(out, "nothing to follow yet (reader saved add NAME QUERY, reader watch NAME)")
        return 0
    if not fresh:
        _print(out, "nothing new since the last time")
        return 0
    titles = {s.id: s.title for s in library.articles([i for f in fresh for i in f.new])}
    for s in saved:
        if s.new:
            _print(
                out,
                Text(f"{one_line(s.name)}: {plural(len(s.new), 'new article')}", style="bold"),
            )
            for aid in s.new[:20]:
                _print(out, f"  {one_line(aid, 120)}  {one_line(titles.get(aid, ''), 90)}")
    for w in watched:
        if w.new:
            _print(out, Text(w.sentence(), style="bold"))
            for aid, n in list(w.new.items())[:20]:
                _print(
                    out,
                    f"  {one_line(aid, 120)}  {one_line(titles.get(aid, ''), 90)}"
                    f"  ({plural(n, 'mention')})",
                )
    return 0


def cmd_history(args, library, out: Console) -> int:
    store = library.userdata
    if args.clear:
        n = store.clear_history()
        if args.json:
            _print_json({"cleared": n})
        else:
            _print(out, f"forgot {plural(n, 'entry', 'entries')}")
        return 0
    visits = store.history(args.kind, limit=max(1, args.limit))
    if args.json:
        _print_json(
            [{"kind": v.kind, "key": v.key, "label": v.label, "at": _iso(v.at)} for v in visits]
        )
    elif not visits:
        _print(out, "no history yet")
    else:
        for v in visits:
            _print(out, f"{_iso(v.at)}  {v.kind:<7} {one_line(v.label, 100)}")
    return 0


def cmd_import(args, library, out: Console) -> int:
    from pathlib import Path

    from reader.workflow.exchange import import_rows, read_rows

    path = Path(args.file)
    report = import_rows(library, read_rows(path), source=path.name)
    if args.json:
        _print_json(
            {
                "added": report.added,
                "unchanged": report.unchanged,
                "unknown": report.unknown,
                "notes_kept": report.notes_kept,
            }
        )
    else:
        _print(out, report.line())
    return 0


def _iso(when: float) -> str:
    return datetime.fromtimestamp(when).isoformat(timespec="seconds")


_COMMANDS: dict[str, Callable] = {
    "read": cmd_marks,
    "unread": cmd_marks,
    "star": cmd_marks,
    "unstar": cmd_marks,
    "tag": cmd_tag,
    "untag": cmd_tag,
    "tags": cmd_tags,
    "note": cmd_note,
    "notes": cmd_notes,
    "saved": cmd_saved,
    "watch": cmd_watch,
    "unwatch": cmd_watch,
    "watched": cmd_watched,
    "news": cmd_news,
    "history": cmd_history,
    "import": cmd_import,
}
