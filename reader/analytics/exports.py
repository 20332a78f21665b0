"""Exports of the collection's data: entities, mentions, co-occurrence, articles,
search results and an entity page, as CSV or JSON lines; the co-occurrence
network as GraphML or GEXF (networkx), which Gephi opens with each entity's type
and counts and each edge's counts as attributes.

Rows are plain dicts with the same keys in every format; `write_rows` writes
them as they come (a 10k collection's 1.3 M mentions never sit in memory).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from reader.library import Library

from reader.entities.nested import KnownForms, with_nested

TABLE_FORMATS = ("csv", "jsonl")
GRAPH_FORMATS = ("graphml", "gexf")
WHAT = ("entities", "mentions", "cooccurrence", "articles", "search", "userdata")
#: The network: the entities in most articles, and pairs seen together this often.
NETWORK_ENTITIES = 500
NETWORK_MIN_TOGETHER = 2


@dataclass(frozen=True)
class Table:
    fields: tuple[str, ...]
    rows: Iterable[dict]


def format_for_path(path: str, default: str = "csv") -> str:
    """The format a file name asks for (.csv, .jsonl / .json, .graphml, .gexf)."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix == "json":
        return "jsonl"
    return suffix if suffix in TABLE_FORMATS + GRAPH_FORMATS else default


def write_rows(table: Table, stream: IO[str], fmt: str) -> int:
    """Write a table as CSV (a header row) or JSON lines; returns the rows written."""
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(
            stream, fieldnames=table.fields, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for row in table.rows:
            writer.writerow(row)
            n += 1
    elif fmt == "jsonl":
        for row in table.rows:
            stream.write(json.dumps({k: row.get(k) for k in table.fields}) + "\n")
            n += 1
    else:
        raise ValueError(f"unknown table format {fmt!r}")
    return n


# ---------------------------------------------------------------- tables


def entities_table(library: Library) -> Table:
    rows = (
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "mentions": e.mention_count,
            "articles": e.article_count,
            "aliases": " | ".join(a for a in e.aliases if a != e.name),
        }
        for e in library.entities()
    )
    return Table(("id", "name", "type", "mentions", "articles", "aliases"), rows)


def mentions_table(library: Library) -> Table:
    """Every mention (the shape the entity scorer reads: doc, start, end, text, label,
    entity), each followed by the known names nested in it (`nested` true: "Canada"
    in "Fan Expo Canada", see reader/entities/nested.py). A span is one row.

    A demonym ("Germans", "German") counts as a mention of its country when the
    collection mentions it (READER_DEMONYMS=off: of the people only): `entity`
    is the country's, `people` the group's own entity (null on other rows)."""
    countries = library.peoples_countries() if library.settings.link_demonyms else {}

    def rows() -> Iterator[dict]:
        known = KnownForms.of(library.all_mentions())  # a first pass: the names known
        for m, nested in with_nested(library.all_mentions(), known):
            country = countries.get(m.entity_id)
            yield {
                "doc": m.article_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "label": m.label,
                "entity": country or m.entity_id,
                "people": m.entity_id if country else None,
                "nested": nested,
            }

    return Table(("doc", "start", "end", "text", "label", "entity", "people", "nested"), rows())


def articles_table(library: Library) -> Table:
    groups = {aid: gid for gid, ids in library.duplicate_groups().items() for aid in ids}

    def rows() -> Iterator[dict]:
        for s in library.articles():
            yield {
                "id": s.id,
                "title": s.title,
                "date": s.date,
                "source": s.source,
                "path": s.path,
                "entities": s.n_entities,
                "duplicate_group": groups.get(s.id),
            }

    return Table(("id", "title", "date", "source", "path", "entities", "duplicate_group"), rows())


def search_table(library: Library, query: str) -> Table:
    """Every article matching `query`, in ranking order (raises QueryError at once)."""
    results = library.search_results(query)

    def rows() -> Iterator[dict]:
        step = 500
        for first in range(0, results.total, step):
            ranked = results.ranked(first, first + step)
            summaries = {s.id: s for s in library.articles([aid for aid, _ in ranked])}
            for rank, (aid, score) in enumerate(ranked, start=first + 1):
                s = summaries.get(aid)
                yield {
                    "rank": rank,
                    "id": aid,
                    "score": round(score, 4),
                    "title": s.title if s else None,
                    "date": s.date if s else None,
                    "source": s.source if s else None,
                    "path": s.path if s else None,
                }

    return Table(("rank", "id", "score", "title", "date", "source", "path"), rows())


def entity_page_table(library: Library, entity_id: str, sort: str = "article") -> Table:
    """An entity page's concordance: every mention with its article and context."""
    rows = (
        {
            "article": k.article_id,
            "title": k.title,
            "date": k.date,
            "start": k.start,
            "end": k.end,
            "before": k.before,
            "mention": k.keyword,
            "after": k.after,
        }
        for k in library.entity_kwic(entity_id, sort)
    )
    return Table(("article", "title", "date", "start", "end", "before", "mention", "after"), rows)


def cooccurrence_table(
    library: Library, limit: int = NETWORK_ENTITIES, min_together: int = NETWORK_MIN_TOGETHER
) -> Table:
    nodes, edges = library.cooccurrence_network(limit, min_together)

    def rows() -> Iterator[dict]:
        for e in edges:
            a, b = nodes[e.a], nodes[e.b]
            yield {
                "source": a.id,
                "source_name": a.name,
                "source_type": a.type,
                "target": b.id,
                "target_name": b.name,
                "target_type": b.type,
                "articles_together": e.together,
                "llr": round(e.llr, 3),
                "pmi": round(e.pmi, 3),
            }

    return Table(
        (
            "source",
            "source_name",
            "source_type",
            "target",
            "target_name",
            "target_type",
            "articles_together",
            "llr",
            "pmi",
        ),
        rows(),
    )


def cooccurrence_graph(
    library: Library, limit: int = NETWORK_ENTITIES, min_together: int = NETWORK_MIN_TOGETHER
) -> nx.Graph[str]:
    """The co-occurrence network as a networkx Graph (nodes: entities with name,
    type, mentions, articles; edges: weight = articles together, llr, pmi)."""
    import networkx as nx

    nodes, edges = library.cooccurrence_network(limit, min_together)
    graph: nx.Graph[str] = nx.Graph()
    for e in nodes.values():
        graph.add_node(
            e.id, label=e.name, type=e.type, mentions=e.mention_count, articles=e.article_count
        )
    for edge in edges:
        graph.add_edge(
            edge.a, edge.b, weight=edge.together, llr=round(edge.llr, 3), pmi=round(edge.pmi, 3)
        )
    return graph


def write_graph(graph: nx.Graph[str], stream: IO[bytes], fmt: str) -> None:
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(graph, stream)
    elif fmt == "gexf":
        nx.write_gexf(graph, stream)
    else:
        raise ValueError(f"unknown graph format {fmt!r}")
