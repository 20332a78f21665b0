"""Articles related to an article by the entities they share, weighted by how
distinctive each entity is (tf-idf over entities, cosine similarity).

An article is a vector over entities: weight(e, d) = (1 + ln m) · ln(1 + N / df),
m the mentions of e in d, df the articles mentioning e, N the collection's
articles. An entity in every article weighs little (ln 2), one in one article
of 10,000 thirteen times more. Two articles' score is the cosine of their vectors (0 to 1), so a
long article mentioning everything is not related to everything.

In two steps, bounded by the open article's entities: every article sharing one
of them gets a first score (the dot product, cheap from the entity index);
the `CANDIDATES` best are scored exactly (their whole vectors read).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

CANDIDATES = 300


@dataclass(frozen=True, slots=True)
class Related:
    article_id: str
    score: float  # cosine, 0..1
    shared: tuple[str, ...]  # entity ids shared, most weight first


def weight(mentions: int, df: int, n: int) -> float:
    if mentions <= 0 or df <= 0 or n <= 0:
        return 0.0
    return (1.0 + math.log(mentions)) * math.log(1.0 + n / df)


def vectors(
    rows: Iterable[tuple[str, str, int]], df: dict[str, int], n: int
) -> dict[str, dict[str, float]]:
    """Article id -> {entity id: weight} from (article, entity, mentions) rows."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for article, entity, mentions in rows:
        w = weight(mentions, df.get(entity, 0), n)
        if w > 0:
            out[article][entity] = w
    return out


def norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def first_scores(
    query: dict[str, float],
    rows: Iterable[tuple[str, str, int]],
    df: dict[str, int],
    n: int,
    exclude: str,
) -> dict[str, float]:
    """Dot products with the query vector, from the (article, entity, mentions)
    rows of the query's entities."""
    scores: dict[str, float] = defaultdict(float)
    for article, entity, mentions in rows:
        if article != exclude and entity in query:
            scores[article] += query[entity] * weight(mentions, df.get(entity, 0), n)
    return scores


def cosine_ranked(
    query: dict[str, float], candidates: dict[str, dict[str, float]], limit: int
) -> list[Related]:
    q = norm(query)
    if q == 0:
        return []
    out = []
    for article, vector in candidates.items():
        shared = [e for e in vector if e in query]
        dot = sum(query[e] * vector[e] for e in shared)
        v = norm(vector)
        if dot > 0 and v > 0:
            shared.sort(key=lambda e: -query[e] * vector[e])
            out.append(Related(article, dot / (q * v), tuple(shared)))
    out.sort(key=lambda r: (-r.score, r.article_id))
    return out[:limit]
