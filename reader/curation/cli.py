"""`reader curate ...`: entity curation from the command line (added to `reader`'s
parser by reader/cli.py).

    reader curate merge NAME NAME... [--name N]
    reader curate split NAME (--form F... | --article ID... | --mention ID:START...)
                             (--into NAME | --new NAME [--type T])
    reader curate rename NAME NEW          reader curate retype NAME TYPE
    reader curate reject NAME              reader curate reject --mention ID:START
    reader curate add NAME --type T [--form F...]
    reader curate mark ID:START:END --as NAME [--type T]
    reader curate undo | redo | log | check

NAME is an entity's id, name or alias. Every subcommand takes `--json` and
`--curation FILE` (the journal; default: $READER_CURATION, else the
collection's user data folder).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from rich.console import Console
from rich.text import Text

from reader.cliutil import Parser, ensure_index, entity_type
from reader.config import Settings
from reader.entities.types import ENTITY_LABELS
from reader.errors import UsageError
from reader.store import StoredEntity
from reader.textio import one_line, plural


def add_arguments(sub, common: argparse.ArgumentParser) -> None:
    opts = argparse.ArgumentParser(add_help=False)
    opts.add_argument("--json", action="store_true", help="machine-readable output")
    opts.add_argument(
        "--curation",
        metavar="FILE",
        help="the curation journal (default: $READER_CURATION, else the user data folder)",
    )
    types = ", ".join(ENTITY_LABELS)
    curate = sub.add_parser(
        "curate",
        parents=[common],
        help="correct the entities: merge, split, rename, retype, reject, add, undo",
        description="Correct the automatic entities; every change is a line of the "
        "curation journal, replayed after each index update.",
    )
    ops = curate.add_subparsers(
        dest="curate_op", metavar="OPERATION", required=True, parser_class=Parser
    )
    p = ops.add_parser("merge", parents=[common, opts], help="merge entities into the first")
    p.add_argument("names", nargs="+", metavar="NAME", help="the entity kept, then the others")
    p.add_argument("--name", help="the merged entity's name (default: the first's)")

    p = ops.add_parser("split", parents=[common, opts], help="move mentions to another entity")
    p.add_argument("entity", metavar="NAME")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--form", action="append", help="mentions written so (repeatable)")
    what.add_argument("--article", action="append", metavar="ID", help="mentions in this article")
    what.add_argument("--mention", action="append", metavar="ID:START", help="this mention")
    to = p.add_mutually_exclusive_group(required=True)
    to.add_argument("--into", metavar="NAME", help="an existing entity")
    to.add_argument("--new", metavar="NAME", help="a new entity of this name")
    p.add_argument("--type", type=entity_type, help=f"the new entity's type ({types})")

    p = ops.add_parser("rename", parents=[common, opts], help="change an entity's name")
    p.add_argument("entity", metavar="NAME")
    p.add_argument("new_name", metavar="NEW")

    p = ops.add_parser("retype", parents=[common, opts], help="change an entity's type")
    p.add_argument("entity", metavar="NAME")
    p.add_argument("type", type=entity_type, metavar="TYPE", help=types)

    p = ops.add_parser("reject", parents=[common, opts], help="not an entity (or not a mention)")
    p.add_argument("entity", metavar="NAME", nargs="?")
    p.add_argument("--mention", metavar="ID:START", help="reject only this mention")

    p = ops.add_parser("add", parents=[common, opts], help="a name the model missed, everywhere")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", type=entity_type, required=True, help=types)
    p.add_argument("--form", action="append", help="another way it is written (repeatable)")

    p = ops.add_parser("mark", parents=[common, opts], help="make a span a mention of an entity")
    p.add_argument("span", metavar="ID:START:END")
    p.add_argument("--as", dest="entity", required=True, metavar="NAME", help="the entity")
    p.add_argument("--type", type=entity_type, help="its type, when it is a new entity")

    for name, text in (
        ("undo", "take back the last operation"),
        ("redo", "bring back what undo took back"),
        ("log", "the journal, readable"),
        ("check", "which journal entries no longer apply"),
    ):
        ops.add_parser(name, parents=[common, opts], help=text)


def cmd_curate(args, settings: Settings, out: Console, err: Console) -> int:
    if getattr(args, "curation", None):
        settings = replace(settings, extra={**settings.extra, "curation": args.curation})
    op = args.curate_op
    if op == "log":
        return _log(args, settings, out)
    ensure_index(settings, err)
    if op == "check":
        return _check(args, settings, out)
    from reader.curation import live

    if op in ("undo", "redo"):
        written, report = live.apply_now(settings, make_entry=_control(op))
    else:
        written, report = live.apply_now(settings, _entry(args, settings))
    if args.json:
        _print_json(
            {
                "entry": written,
                "articles_changed": len(report.rewritten),
                "skipped": [{"seq": e["seq"], "why": why} for e, why in report.skipped],
            }
        )
        return 0
    assert written is not None, "apply_now wrote an entry or raised"
    out.print(
        Text(
            f"{one_line(written['desc'], 300)} (journal entry {written['seq']}; "
            f"{plural(len(report.rewritten), 'article')} changed)"
        ),
        soft_wrap=True,
    )
    if op == "add" and not report.rewritten:
        holder = _holder(settings, args.name.strip())
        if holder is not None:
            err.print(
                Text(
                    f"reader: note: {one_line(args.name.strip(), 80)} is already a name of "
                    f"{one_line(holder.name, 80)} ({holder.type}, "
                    f"{plural(holder.mention_count, 'mention')}): nothing to add"
                ),
                soft_wrap=True,
            )
    if report.skipped:
        err.print(
            f"reader: note: {plural(len(report.skipped), 'journal entry', 'journal entries')} "
            "no longer apply (reader curate check)",
            markup=False,
            highlight=False,
        )
    return 0


def _entry(args, settings: Settings) -> dict:
    from reader.curation import ops
    from reader.curation.lookup import pick_entity
    from reader.paths import IndexPaths
    from reader.store import Store

    store = Store(IndexPaths(settings.index_dir).store, readonly=True)
    try:
        op = args.curate_op

        def pick(name: str):
            return pick_entity(store, name)

        if op == "merge":
            if len(args.names) < 2 and not args.name:
                raise UsageError("merge needs two entities or more")
            entities = [pick(n) for n in args.names]
            ids = [e.id for e in entities]
            if len(set(ids)) != len(ids):
                raise UsageError("an entity is named twice in the merge")
            return ops.merge_entry(entities[0], entities[1:], args.name)
        if op == "split":
            entity = pick(args.entity)
            mentions = None
            if args.mention:
                mentions = [_mention(store, entity.id, m) for m in args.mention]
            if args.into:
                target = pick(args.into)
                if target.id == entity.id:
                    raise UsageError("split into the same entity")
                return ops.split_entry(
                    entity, to=target, forms=args.form, articles=args.article, mentions=mentions
                )
            return ops.split_entry(
                entity,
                new=(args.new, args.type or entity.type),
                forms=args.form,
                articles=args.article,
                mentions=mentions,
            )
        if op == "rename":
            if not args.new_name.strip():
                raise UsageError("the new name is empty")
            return ops.rename_entry(pick(args.entity), args.new_name.strip())
        if op == "retype":
            return ops.retype_entry(pick(args.entity), args.type)
        if op == "reject":
            if args.mention:
                m = _mention(store, None, args.mention)
                return ops.reject_mention_entry(m["article"], m["start"], m["end"], m["text"])
            if not args.entity:
                raise UsageError("reject needs an entity name (or --mention ID:START)")
            return ops.reject_entry(pick(args.entity))
        if op == "add":
            if not args.name.strip():
                raise UsageError("the name is empty")
            return ops.add_entry(args.name.strip(), args.type, args.form)
        if op == "mark":
            aid, start, end = _span(args.span)
            text = store.text(aid)
            if text is None:
                raise UsageError(f"no article with id {aid!r}")
            if not 0 <= start < end <= len(text):
                raise UsageError(f"{start}:{end} is outside the article ({len(text)} characters)")
            try:
                target = ops.ref_of(pick(args.entity))
            except UsageError:
                if not args.type:
                    raise
                target = {"name": args.entity, "type": args.type}
            return ops.mark_entry(aid, start, end, text[start:end], target)
        raise UsageError(f"unknown operation {op!r}")
    finally:
        store.close()


def _mention(store, entity_id: str | None, spec: str) -> dict:
    aid, _, start = spec.rpartition(":")
    if not aid or not start.isdigit():
        raise UsageError(f"{spec!r}: a mention is ARTICLE_ID:START (its start offset)")
    for m in store.mentions_of_article(aid):
        if m.start == int(start) and m.entity_id and entity_id in (None, m.entity_id):
            from reader.curation.ops import mention_ref

            return mention_ref(aid, m.start, m.end, m.text)
    raise UsageError(f"no mention{' of that entity' if entity_id else ''} at {spec!r}")


def _span(spec: str) -> tuple[str, int, int]:
    parts = spec.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit() or not parts[0]:
        raise UsageError(f"{spec!r}: a span is ARTICLE_ID:START:END")
    return parts[0], int(parts[1]), int(parts[2])


def _control(op: str):
    from reader.curation.journal import control_entry

    return lambda read: control_entry(read.entries, op)


def _log(args, settings: Settings, out: Console) -> int:
    from reader.curation.engine import journal_for
    from reader.curation.journal import CONTROL_OPS, active_operations

    journal = journal_for(settings)
    read = journal.read()
    active = {e["seq"] for e in active_operations(read.entries)}
    if args.json:
        _print_json(
            {
                "journal": str(journal.path),
                "entries": [
                    {**e, "in_force": None if e["op"] in CONTROL_OPS else e["seq"] in active}
                    for e in read.entries
                ],
                "problems": read.problems,
            }
        )
        return 0
    out.print(Text(f"journal: {journal.path}", style="dim"), soft_wrap=True)
    if not read.entries:
        out.print("no curation yet")
    for e in read.entries:
        state = "" if e["op"] in ("undo", "redo") or e["seq"] in active else "  (undone)"
        out.print(
            Text(
                f"{e['seq']:>4}  {e.get('time', '')}  {one_line(str(e.get('desc', e['op'])), 200)}{state}"
            ),
            soft_wrap=True,
        )
    for problem in read.problems:
        out.print(Text(f"warning: {one_line(problem)}", style="yellow"), soft_wrap=True)
    return 0


def _check(args, settings: Settings, out: Console) -> int:
    from reader.curation.engine import check

    path, report = check(settings)
    if args.json:
        _print_json(
            {
                "journal": str(path),
                "applied": len(report.applied),
                "skipped": [
                    {"seq": e["seq"], "desc": e.get("desc", ""), "why": why}
                    for e, why in report.skipped
                ],
                "problems": report.problems,
            }
        )
        return 0
    out.print(
        Text(
            f"{plural(len(report.applied), 'operation')} apply, "
            f"{len(report.skipped)} no longer apply ({path})"
        ),
        soft_wrap=True,
    )
    for e, why in report.skipped:
        out.print(
            Text(f"  {e['seq']}: {one_line(str(e.get('desc', '')), 200)}: {why}"), soft_wrap=True
        )
    for problem in report.problems:
        out.print(Text(f"  {one_line(problem)}"), soft_wrap=True)
    return 0


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2) + "\n")


def _holder(settings: Settings, name: str) -> StoredEntity | None:
    """The one entity that already answers to `name` (by name or alias), if any."""
    from reader.paths import IndexPaths
    from reader.store import Store

    store = Store(IndexPaths(settings.index_dir).store, readonly=True)
    try:
        found = [
            e
            for e in store.find_entities(name)
            if name.casefold() in {n.casefold() for n in (e.name, *e.aliases)}
        ]
    finally:
        store.close()
    return found[0] if len(found) == 1 else None
