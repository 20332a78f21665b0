"""The stable JSON shapes of `--json` output (documented in README)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reader.contexts import MentionInContext
from reader.corpus import Article
from reader.results import SearchResults
from reader.store import ArticleSummary, StoredEntity, StoredMention


def search_json(results: SearchResults, summaries: dict[str, ArticleSummary]) -> dict:
    hits = []
    for hit in results.hits:
        s = summaries.get(hit.id)
        hits.append(
            {
                "id": hit.id,
                "rank": hit.rank,
                "score": round(hit.score, 4),
                "title": s.title if s else None,
                "date": s.date if s else None,
                "source": s.source if s else None,
                "path": s.path if s else None,
                "matches": [list(m) for m in hit.matches],
                "snippets": [
                    {
                        "start": sn.start,
                        "text": sn.text,
                        "highlights": [list(h) for h in sn.highlights],
                    }
                    for sn in hit.snippets
                ],
            }
        )
    return {
        "query": results.query,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "suggestion": results.suggestion,
        "hits": hits,
    }


def mention_json(m: StoredMention) -> dict:
    return {
        "doc": m.article_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "label": m.label,
        "entity": m.entity_id,
    }


def entity_summary_json(e: StoredEntity) -> dict:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "mentions": e.mention_count,
        "articles": e.article_count,
    }


def article_json(
    article: Article, mentions: list[StoredMention], entities: list[tuple[StoredEntity, int]]
) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "path": article.path,
        "format": article.format,
        "hash": article.hash,
        "title_span": list(article.title_span) if article.title_span else None,
        "paragraphs": [list(p) for p in article.paragraphs()],
        "text": article.text,
        "mentions": [mention_json(m) for m in mentions],
        "entities": [{**entity_summary_json(e), "mentions_here": n} for e, n in entities],
    }


def entity_json(
    entity: StoredEntity,
    contexts: Iterable[MentionInContext],
    co_occurring: Iterable[Any],
    articles: Iterable[tuple[ArticleSummary, int]],
) -> dict:
    return {
        **entity_summary_json(entity),
        "mention_contexts": [
            {
                "doc": c.article_id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "before": c.before,
                "after": c.after,
            }
            for c in contexts
        ],
        "co_occurring": [
            {
                **entity_summary_json(r.entity),
                "shared_articles": r.shared_articles,
                "llr": round(r.llr, 3),
                "pmi": round(r.pmi, 3),
            }
            for r in co_occurring
        ],
        "articles": [
            {"id": s.id, "title": s.title, "date": s.date, "mentions": n} for s, n in articles
        ],
    }
