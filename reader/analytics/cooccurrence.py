"""Which entities appear together, ranked by how much more often than chance.

The unit is the article: two entities co-occur when both are mentioned in it,
whatever the number of mentions (an article with 88,000 mentions counts once per
entity; nothing is computed per pair of mentions). For entities A and B in a
collection of N articles, with a articles mentioning A, b mentioning B and k
mentioning both, the 2x2 table is

                B        not B
    A           k        a - k          a
    not A       b - k    N - a - b + k  N - a
                b        N - b          N

- **log-likelihood** (Dunning's G², the default ranking):
  G² = 2 Σ O ln(O / E) over the four cells, E = row total × column total / N,
  signed negative when k is below its expected value a·b/N. It grows with the
  evidence: a pair seen together once is not ranked above a pair seen together
  forty times just because both are rare, and a frequent entity that is
  everywhere (expected as often as observed) scores near zero.
- **PMI**: log2(k·N / (a·b)), how many times (as a power of two) more often
  than chance. It favours rare pairs, so it is shown, not used to rank, unless
  asked for (`--measure pmi` ranks pairs seen together at least `MIN_PMI_COUNT`
  times).
- **count**: k, the articles shared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MEASURES = ("llr", "pmi", "count")
#: PMI ranks only pairs seen together at least this often (one shared article is noise).
MIN_PMI_COUNT = 3


@dataclass(frozen=True, slots=True)
class Association:
    """How entity `other` goes with the entity asked about."""

    other: str  # entity id
    together: int  # k: articles mentioning both
    other_articles: int  # b
    expected: float  # a·b/N
    llr: float  # signed G²
    pmi: float


def _xlogx_over(observed: float, expected: float) -> float:
    return observed * math.log(observed / expected) if observed > 0 and expected > 0 else 0.0


def log_likelihood(k: int, a: int, b: int, n: int) -> float:
    """Dunning's G² for the 2x2 table, negative when k is below expectation."""
    if n <= 0 or a <= 0 or b <= 0:
        return 0.0
    cells = ((k, a, b), (a - k, a, n - b), (b - k, n - a, b), (n - a - b + k, n - a, n - b))
    g2 = 2.0 * sum(_xlogx_over(o, row * col / n) for o, row, col in cells)
    return g2 if k * n >= a * b else -g2


def pmi(k: int, a: int, b: int, n: int) -> float:
    if k <= 0 or a <= 0 or b <= 0 or n <= 0:
        return float("-inf")
    return math.log2(k * n / (a * b))


def associations(a: int, n: int, counts: Iterable[tuple[str, int, int]]) -> list[Association]:
    """Associations of an entity found in `a` of `n` articles with each
    (other id, articles together, other's articles)."""
    out = []
    for other, k, b in counts:
        b = max(b, k)
        out.append(
            Association(
                other, k, b, a * b / n if n else 0.0, log_likelihood(k, a, b, n), pmi(k, a, b, n)
            )
        )
    return out


def ranked(found: Iterable[Association], measure: str = "llr") -> list[Association]:
    items = list(found)
    if measure == "llr":
        return sorted(items, key=lambda x: (-x.llr, -x.together, x.other))
    if measure == "pmi":
        kept = [x for x in items if x.together >= MIN_PMI_COUNT]
        return sorted(kept, key=lambda x: (-x.pmi, -x.together, x.other))
    if measure == "count":
        return sorted(items, key=lambda x: (-x.together, -x.llr, x.other))
    raise ValueError(f"unknown measure {measure!r} (one of {', '.join(MEASURES)})")


@dataclass(frozen=True, slots=True)
class Edge:
    """Two entities (a < b) seen in `together` articles, with their association."""

    a: str
    b: str
    together: int
    llr: float
    pmi: float


def pair_counts(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Articles shared by each pair of entities, from (article, entity) pairs sorted
    by article. Quadratic only in the distinct entities of one article."""
    counts: dict[tuple[str, str], int] = {}
    for entities in _per_article(pairs):
        ordered = sorted(entities)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1 :]:
                counts[(x, y)] = counts.get((x, y), 0) + 1
    return counts


def _per_article(pairs: Iterable[tuple[str, str]]) -> Iterator[set[str]]:
    current: str | None = None
    entities: set[str] = set()
    for article, entity in pairs:
        if article != current:
            if entities:
                yield entities
            current, entities = article, set()
        entities.add(entity)
    if entities:
        yield entities


def edges(
    pair_totals: dict[tuple[str, str], int],
    article_counts: dict[str, int],
    n: int,
    min_together: int = 1,
) -> list[Edge]:
    """The network's edges, strongest association first."""
    out = []
    for (x, y), k in pair_totals.items():
        if k < min_together:
            continue
        a, b = article_counts.get(x, k), article_counts.get(y, k)
        out.append(Edge(x, y, k, log_likelihood(k, a, b, n), pmi(k, a, b, n)))
    out.sort(key=lambda e: (-e.llr, -e.together, e.a, e.b))
    return out
