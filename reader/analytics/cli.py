"""The command line of the analytics: timeline, kwic, cooccurrence, related,
duplicates, diff and export (added to `reader`'s parser by reader/cli.py).

Each prints a readable table, or with `--json` the same data (stable keys,
documented in README)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager

from rich.console import Console
from rich.text import Text

from reader.analytics import cooccurrence, exports, kwic
from reader.cliutil import at_least, open_library
from reader.config import Settings
from reader.errors import NotFound, UsageError
from reader.textio import one_line, plural, printable

BAR_WIDTH = 50


def add_arguments(sub, common: argparse.ArgumentParser) -> None:
    _count = at_least(0)
    p = sub.add_parser(
        "timeline",
        parents=[common],
        help="mentions of entities (or articles matching a search) over time",
    )
    p.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="entity name, alias or id; several: side by side (quote multi-word names)",
    )
    p.add_argument("--search", metavar="QUERY", help="articles matching QUERY instead")
    p.add_argument(
        "--unit",
        choices=["day", "week", "month", "year"],
        help="bucket size (default: chosen from the span of dates)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser(
        "kwic",
        parents=[common],
        help="a word (or phrase, or query) in context across the collection",
    )
    p.add_argument(
        "words", nargs="+", metavar="WORD", help="the word; several words are one phrase"
    )
    p.add_argument(
        "--sort",
        choices=kwic.SORTS,
        default="article",
        help="article (default), left or right context, date",
    )
    p.add_argument(
        "--limit", type=_count, default=200, metavar="N", help="lines at most (200; 0: all)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser(
        "cooccurrence",
        parents=[common],
        help="entities seen in the same articles as one, by association",
    )
    p.add_argument("name", nargs="+", help="entity name, alias or id")
    p.add_argument(
        "--with",
        dest="other",
        metavar="NAME",
        help="the articles mentioning both this entity and NAME",
    )
    p.add_argument(
        "--measure",
        choices=cooccurrence.MEASURES,
        default="llr",
        help="ranking: llr (log-likelihood, default), pmi, count",
    )
    p.add_argument("--limit", type=_count, default=20, metavar="N", help="how many (20; 0: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser(
        "related", parents=[common], help="articles sharing an article's most distinctive entities"
    )
    p.add_argument("id", help="article id")
    p.add_argument("--limit", type=_count, default=10, metavar="N", help="how many (10)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser(
        "duplicates",
        parents=[common],
        help="groups of near-duplicate articles (wire copies, updates)",
    )
    p.add_argument("id", nargs="?", help="only this article's group")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("diff", parents=[common], help="what changed between two versions")
    p.add_argument("old", help="article id")
    p.add_argument("new", nargs="?", help="article id (default: the next version of OLD)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = sub.add_parser("export", parents=[common], help="export data as CSV, JSON lines or a graph")
    p.add_argument("what", choices=exports.WHAT, help="what to export")
    p.add_argument("query", nargs="*", help="the query (export search)")
    p.add_argument(
        "--format",
        choices=exports.TABLE_FORMATS + exports.GRAPH_FORMATS,
        default=None,
        help="csv, jsonl (default), or graphml / gexf (cooccurrence)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument(
        "--limit",
        type=_count,
        default=exports.NETWORK_ENTITIES,
        metavar="N",
        help=f"cooccurrence: the N entities in most articles ({exports.NETWORK_ENTITIES})",
    )
    p.add_argument(
        "--min-together",
        type=_count,
        default=exports.NETWORK_MIN_TOGETHER,
        metavar="K",
        help=f"cooccurrence: pairs seen in at least K articles ({exports.NETWORK_MIN_TOGETHER})",
    )


def _print(out: Console, text: Text | str) -> None:
    out.print(text, markup=False, highlight=False, soft_wrap=True)


def _json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2) + "\n")


def _library(settings: Settings, err: Console):
    return open_library(settings, err)


# ---------------------------------------------------------------- timeline


def timeline_json(t) -> dict:
    return {
        "unit": t.unit,
        "total": t.total,
        "dated": t.dated,
        "undated": t.undated,
        "buckets": [
            {"start": b.start.isoformat(), "label": b.label, "count": b.count} for b in t.buckets
        ],
    }


def cmd_timeline(args, settings: Settings, out: Console, err: Console) -> int:
    if bool(args.names) == bool(args.search):
        raise UsageError("give entity names or --search QUERY (one of them)")
    library = _library(settings, err)
    if args.search:
        series = [
            (f"articles matching {args.search!r}", library.search_timeline(args.search, args.unit))
        ]
    else:
        entities = [library.find_entity(name) for name in args.names]
        timelines = (
            library.entity_timelines([e.id for e in entities])
            if not args.unit
            else [library.entity_timeline(e.id, args.unit) for e in entities]
        )
        series = [(f"mentions of {e.name}", t) for e, t in zip(entities, timelines)]
    if args.json:
        _json([{"of": label, **timeline_json(t)} for label, t in series])
        return 0
    for label, t in series:
        _print(
            out,
            Text(
                f"{one_line(label, 100)}: {t.total} ({t.dated} dated, "
                f"{t.undated} undated), per {t.unit}",
                style="bold",
            ),
        )
    if not any(t.buckets for _, t in series):
        _print(out, "no dated articles")
        return 0
    peak = max((b.count for _, t in series for b in t.buckets), default=0) or 1
    width = max(8, BAR_WIDTH // len(series))
    for row in zip(*(t.buckets for _, t in series)):
        line = Text(f"{row[0].label:>10}  ")
        for b in row:
            bar = "█" * round(b.count / peak * width) if b.count else ""
            line.append(f"{bar:<{width}}", style="cyan")
            line.append(f" {b.count:>5}  ")
        _print(out, line)
    return 0


# ---------------------------------------------------------------- kwic


def kwic_json(line) -> dict:
    return {
        "doc": line.article_id,
        "start": line.start,
        "end": line.end,
        "text": line.keyword,
        "before": line.before,
        "after": line.after,
        "date": line.date,
        "title": line.title,
    }


def kwic_lines(out: Console, lines, width: int | None = None) -> None:
    """Concordance lines with the keywords in one column."""
    width = width or out.width
    side = max(10, (width - 34) // 2)
    for k in lines:
        left, word, right = kwic.aligned_text(k, side)
        line = Text(f"{one_line(k.article_id, 20):<20} ", style="dim")
        line.append(printable(left)[-side:].rjust(side))
        line.append(one_line(word, 40), style="bold reverse")
        line.append(printable(right)[:side])
        out.print(line, no_wrap=True, overflow="ellipsis")


def _phrase(words: list[str]) -> str:
    if len(words) > 1 and not words[0].startswith('"'):
        return '"' + " ".join(w.replace('"', "") for w in words) + '"'
    return " ".join(words)


def cmd_kwic(args, settings: Settings, out: Console, err: Console) -> int:
    library = _library(settings, err)
    query = _phrase(args.words)
    lines, articles = library.word_kwic(query, args.sort, args.limit or None)
    if args.json:
        _json(
            {
                "query": query,
                "articles": articles,
                "sort": args.sort,
                "lines": [kwic_json(k) for k in lines],
            }
        )
        return 0
    if not lines:
        _print(out, f"no articles match {one_line(query)!r}")
        return 0
    more = (
        " (the first found, in ranking order; --limit 0 for all)"
        if args.limit and len(lines) >= args.limit
        else ""
    )
    _print(
        out,
        Text(
            f"{plural(len(lines), 'line')} in {plural(articles, 'matching article')}, "
            f"sorted by {args.sort}{more}",
            style="bold",
        ),
    )
    kwic_lines(out, lines)
    return 0


# ---------------------------------------------------------------- co-occurrence


def ranked_json(r) -> dict:
    from reader.jsonout import entity_summary_json

    return {
        **entity_summary_json(r.entity),
        "shared_articles": r.shared_articles,
        "llr": round(r.llr, 3),
        "pmi": round(r.pmi, 3),
    }


def cmd_cooccurrence(args, settings: Settings, out: Console, err: Console) -> int:
    library = _library(settings, err)
    entity = library.find_entity(" ".join(args.name))
    if args.other:
        other = library.find_entity(args.other)
        both = library.articles_with_all([entity.id, other.id])
        if args.json:
            _json(
                {
                    "entities": [entity.id, other.id],
                    "articles": [{"id": s.id, "title": s.title, "date": s.date} for s in both],
                }
            )
            return 0
        _print(
            out,
            Text(
                f"{plural(len(both), 'article')} mention both {one_line(entity.name)} "
                f"and {one_line(other.name)}",
                style="bold",
            ),
        )
        for s in both:
            _print(
                out,
                Text(
                    f"  {one_line(s.id, 60)}  {s.date or '(undated)':<10}  {one_line(s.title, 90)}"
                ),
            )
        return 0
    ranked = library.co_occurring(entity.id, args.limit or None, args.measure)
    if args.json:
        _json(
            {
                "entity": entity.id,
                "measure": args.measure,
                "articles": entity.article_count,
                "collection": library.article_count(),
                "seen_with": [ranked_json(r) for r in ranked],
            }
        )
        return 0
    _print(
        out,
        Text(
            f"Seen with {one_line(entity.name)} ({entity.article_count} articles), by "
            f"{args.measure}",
            style="bold",
        ),
    )
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for col, justify in (
        ("name", "left"),
        ("type", "left"),
        ("together", "right"),
        ("its articles", "right"),
        ("llr", "right"),
        ("pmi", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in ranked:
        table.add_row(
            Text(one_line(r.entity.name, 50)),
            r.entity.type,
            str(r.shared_articles),
            str(r.entity.article_count),
            f"{r.llr:.1f}",
            f"{r.pmi:.2f}",
        )
    out.print(table)
    return 0


# ---------------------------------------------------------------- related, duplicates, diff


def cmd_related(args, settings: Settings, out: Console, err: Console) -> int:
    library = _library(settings, err)
    library.article(args.id)  # NotFound: one line
    related = library.related_articles(args.id, args.limit or 10)
    names = {
        eid: e.name
        for eid, e in library.entities_by_id({eid for r in related for eid in r.shared}).items()
    }
    if args.json:
        _json(
            {
                "article": args.id,
                "related": [
                    {
                        "id": r.summary.id,
                        "title": r.summary.title,
                        "date": r.summary.date,
                        "score": round(r.score, 4),
                        "shared_entities": [{"id": e, "name": names.get(e, e)} for e in r.shared],
                    }
                    for r in related
                ],
            }
        )
        return 0
    if not related:
        _print(out, "no article shares an entity with it")
        return 0
    for r in related:
        _print(
            out,
            Text(f"{r.score:5.2f}  {one_line(r.summary.id, 40)}  {one_line(r.summary.title, 80)}"),
        )
        shared = ", ".join(one_line(names.get(e, e), 40) for e in r.shared[:6])
        _print(
            out,
            Text(f"       shares {shared}" + (" ..." if len(r.shared) > 6 else ""), style="dim"),
        )
    return 0


def cmd_duplicates(args, settings: Settings, out: Console, err: Console) -> int:
    library = _library(settings, err)
    if args.id:
        library.article(args.id)
        groups = [[s.id for s in library.versions_of(args.id)]]
    else:
        groups = sorted(library.duplicate_groups().values())
    summaries = {s.id: s for s in library.articles([i for g in groups for i in g])}
    groups = [
        sorted(g, key=lambda i: ((summaries[i].date or "") if i in summaries else "", i))
        for g in groups
    ]
    if args.json:
        _json(
            [
                {
                    "articles": [
                        {"id": i, "title": summaries[i].title, "date": summaries[i].date}
                        for i in g
                        if i in summaries
                    ]
                }
                for g in groups
            ]
        )
        return 0
    if not groups or (args.id and len(groups[0]) < 2):
        _print(out, "no near-duplicates" + (" of this article" if args.id else ""))
        return 0
    _print(out, Text(f"{plural(len(groups), 'group')} of near-duplicates", style="bold"))
    for g in groups:
        _print(out, Text(f"\n{len(g)} versions", style="bold"))
        for i in g:
            s = summaries.get(i)
            date = f"{s.date}  " if s and s.date else ""
            _print(out, Text(f"  {one_line(i, 60)}  {date}{one_line(s.title if s else '', 80)}"))
    return 0


def cmd_diff(args, settings: Settings, out: Console, err: Console) -> int:
    from reader.analytics.diff import word_diff

    library = _library(settings, err)
    old = library.article(args.old)
    new_id = args.new
    if new_id is None:
        versions = [s.id for s in library.versions_of(old.id)]
        later = versions[versions.index(old.id) + 1 :] if old.id in versions else []
        if not later:
            raise NotFound(f"{old.id!r} has no later version; give the other article's id")
        new_id = later[0]
    new = library.article(new_id)
    diff = word_diff(old.text, new.text)
    if args.json:
        _json(
            {
                "old": old.id,
                "new": new.id,
                "added": diff.added,
                "removed": diff.removed,
                "similarity": diff.similarity,
                "changes": [{"op": c.op, "old": c.old, "new": c.new} for c in diff.changes],
            }
        )
        return 0
    _print(
        out,
        Text(
            f"{one_line(old.id)} -> {one_line(new.id)}: {diff.added} words added, "
            f"{diff.removed} removed ({diff.similarity:.0%} the same)",
            style="bold",
        ),
    )
    text = Text()
    for c in diff.changes:
        if c.op == "equal":  # the newer text's spacing
            text.append(printable(c.new))
        else:
            if c.old:
                text.append(printable(c.old), style="red strike")
            if c.new:
                text.append(printable(c.new), style="green underline")
    out.print(text)
    return 0


# ---------------------------------------------------------------- export


def cmd_export(args, settings: Settings, out: Console, err: Console) -> int:
    fmt = args.format or (
        "jsonl" if not args.output else exports.format_for_path(args.output, "jsonl")
    )
    if fmt in exports.GRAPH_FORMATS and args.what != "cooccurrence":
        raise UsageError(f"--format {fmt} is for the co-occurrence network (export cooccurrence)")
    if args.what == "search" and not args.query:
        raise UsageError("export search needs a query: reader export search QUERY")
    if args.what != "search" and args.query:
        raise UsageError(f"export {args.what} takes no query")
    if args.output:  # refused before any work: inside the index, a folder, no such folder
        from reader.safeio import output_path

        output_path(args.output, protected=[settings.index_dir])
    library = _library(settings, err)
    if fmt in exports.GRAPH_FORMATS:
        graph = exports.cooccurrence_graph(library, args.limit or 10**9, args.min_together)
        with _output(args.output, "wb", settings) as stream:
            exports.write_graph(graph, stream, fmt)
        _note(
            err, args.output, f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} links"
        )
        return 0
    table = _table(library, args)
    with _output(args.output, "w", settings) as stream:
        n = exports.write_rows(table, stream, fmt)
    _note(err, args.output, plural(n, "row"))
    return 0


def _table(library, args) -> exports.Table:
    if args.what == "entities":
        return exports.entities_table(library)
    if args.what == "mentions":
        return exports.mentions_table(library)
    if args.what == "articles":
        return exports.articles_table(library)
    if args.what == "search":
        return exports.search_table(library, " ".join(args.query))
    if args.what == "userdata":  # stars, tags, notes...: reader/workflow/exchange.py
        from reader.workflow.exchange import FIELDS, userdata_rows

        return exports.Table(FIELDS, userdata_rows(library))
    return exports.cooccurrence_table(library, args.limit or 10**9, args.min_together)


def _note(err: Console, path: str | None, what: str) -> None:
    if path:
        _print(err, f"wrote {what} to {one_line(path, 200)}")


@contextmanager
def _output(path: str | None, mode: str, settings: Settings):
    """stdout, or the file `-o` names: written whole or not at all, never inside the
    index folder (reader/safeio.py)."""
    if path is None:
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    from reader.safeio import user_output

    with user_output(path, mode, protected=[settings.index_dir]) as stream:
        yield stream


COMMANDS: dict[str, Callable] = {
    "timeline": cmd_timeline,
    "kwic": cmd_kwic,
    "cooccurrence": cmd_cooccurrence,
    "related": cmd_related,
    "duplicates": cmd_duplicates,
    "diff": cmd_diff,
    "export": cmd_export,
}
