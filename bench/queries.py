"""Benchmark queries: six kinds, deterministic by seed, every one with hits.

Both sources of queries go through the same generators (:class:`QueryMaker`):

* a generated corpus (:func:`sample_queries`) mines the first articles of the
  corpus generated with the same seed (the generator is prefix-stable), with
  the generator's own people, places and vocabulary;
* a folder of real articles (``--corpus DIR``, :func:`mine_queries`) mines its
  own first articles, with the collection's most mentioned entities from the
  built index (else capitalised words).

Kinds (Whoosh syntax):

* ``term``: a content word (half by frequency, half uniform over distinct words,
  like real query logs);
* ``and``: two content words of the same article;
* ``phrase``: two adjacent content words, or a multi-word name;
* ``fuzzy``: a content word of 5+ letters with one typo, ``word~``;
* ``prefix``: the first 3-6 letters of a longer word, ``pref*``;
* ``entity``: ``person:Surname`` / ``place:Name``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from random import Random

from bench.corpus import FUNCTION_WORDS, GENERATOR_VERSION, Pools, build_pools, iter_articles

QUERY_KINDS = ("term", "and", "phrase", "fuzzy", "prefix", "entity")
_ALPHA = "abcdefghijklmnopqrstuvwxyz"
_QUERY_WORD = re.compile(r"^[a-z]+$")
_QUERY_SPLIT = re.compile(r"[.!?,;:\"\u2014()\[\]]")


def mine_words(texts: Iterable[str]) -> tuple[list[list[str]], list[str]]:
    """Query material: each text's content words (4+ letters, not function words,
    with repeats) and the pairs of adjacent content words, in text order."""
    content: list[list[str]] = []
    bigrams: list[str] = []
    for text in texts:
        words: list[str] = []
        for chunk in _QUERY_SPLIT.split(text):
            toks = chunk.split()
            for t in toks:
                if _QUERY_WORD.match(t) and t not in FUNCTION_WORDS and len(t) >= 4:
                    words.append(t)
            for x, y in zip(toks, toks[1:]):
                if (
                    _QUERY_WORD.match(x)
                    and _QUERY_WORD.match(y)
                    and len(x) >= 3
                    and len(y) >= 3
                    and x not in FUNCTION_WORDS
                    and y not in FUNCTION_WORDS
                ):
                    bigrams.append(f"{x} {y}")
        content.append(words)
    return content, bigrams


def take_distinct(gen: Callable[[], str | None], count: int) -> list[str]:
    """Up to `count` distinct non-empty values of `gen()`, in first-seen order."""
    out: dict[str, None] = {}
    for _ in range(count * 50):
        if len(out) >= count:
            break
        q = gen()
        if q:
            out.setdefault(q)
    return list(out)


def typo(rng: Random, word: str, vocab: frozenset[str]) -> str | None:
    """`word` with one edit (a letter changed, two swapped or one dropped; never the
    first), which is not itself a word of `vocab`."""
    for _ in range(20):
        i = rng.randrange(1, len(word) - 1)
        op = rng.randrange(3)
        if op == 0:
            w = word[:i] + rng.choice(_ALPHA) + word[i + 1 :]
        elif op == 1:
            w = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            w = word[:i] + word[i + 1 :]
        if w != word and w not in vocab:
            return w
    return None


@dataclass
class QueryMaker:
    """The six generators over one collection's query material."""

    rng: Random
    content: list[list[str]]  # each article's content words (mine_words)
    bigrams: list[str]  # adjacent content words
    vocabulary: frozenset[str]  # a fuzzy query's typo must not be one of these
    names: list[str]  # multi-word names, for phrases
    persons: list[str]  # single words, for person:
    places: list[str]  # for place:

    def __post_init__(self) -> None:
        self.words = [w for ws in self.content for w in ws]
        self.articles = [ws for ws in self.content if ws]
        self.distinct = sorted(set(self.words))

    def queries(self, per_kind: int) -> dict[str, list[str]]:
        if not self.words:
            return {k: [] for k in QUERY_KINDS}
        makers = {
            "term": self.term,
            "and": self.both,
            "phrase": self.phrase,
            "fuzzy": self.fuzzy,
            "prefix": self.prefix,
            "entity": self.entity,
        }
        return {kind: take_distinct(makers[kind], per_kind) for kind in QUERY_KINDS}

    def term(self) -> str:
        rng = self.rng
        return rng.choice(self.words) if rng.random() < 0.5 else rng.choice(self.distinct)

    def both(self) -> str | None:
        words = self.rng.choice(self.articles)
        a, b = self.rng.choice(words), self.rng.choice(words)
        return f"{a} AND {b}" if a != b else None

    def phrase(self) -> str | None:
        if self.names and self.rng.random() < 0.4:
            return '"' + self.rng.choice(self.names).replace('"', "") + '"'
        return f'"{self.rng.choice(self.bigrams)}"' if self.bigrams else None

    def fuzzy(self) -> str | None:
        w = self.rng.choice(self.words)
        if len(w) < 5:
            return None
        t = typo(self.rng, w, self.vocabulary)
        return f"{t}~" if t else None

    def prefix(self) -> str | None:
        w = self.rng.choice(self.words)
        k = 3 if self.rng.random() < 0.2 else self.rng.choice((4, 4, 5, 6))
        # Well clear of inflectional suffixes: the index is stemmed, so "hosti*"
        # (from "hosting" -> "host") would match nothing.
        return w[:k] + "*" if len(w) >= k + 4 else None

    def entity(self) -> str | None:
        if self.persons and (self.rng.random() < 0.6 or not self.places):
            return f"person:{_field_value(self.rng.choice(self.persons))}"
        if self.places:
            return f"place:{_field_value(self.rng.choice(self.places))}"
        return None


def sample_queries(
    seed: int = 0, pools: Pools | None = None, per_kind: int = 20, source_articles: int = 50
) -> dict[str, list[str]]:
    """Queries for the corpus generated with ``seed``, from its first
    ``source_articles`` articles, so they have hits in any corpus of that seed with
    at least that many articles."""
    pools = pools or build_pools(seed)
    rng = Random(f"reader-bench-queries:v{GENERATOR_VERSION}:{seed}")
    articles = list(iter_articles(source_articles, seed, pools))
    content, bigrams = mine_words(a.title + ". " + a.text for a in articles)
    text_all = "\n".join(a.title + "\n" + a.text for a in articles)
    cap_bigrams = set(re.findall(r"(?=\b([A-Z][a-z]+ [A-Z][a-z]+)\b)", text_all))
    caps = set(re.findall(r"\b[A-Z][a-z]+\b", text_all))
    names = [p.full for p in pools.persons if p.full in cap_bigrams]
    names += [o for o in pools.orgs if o.split()[-1] in caps and o in text_all]
    return QueryMaker(
        rng,
        content,
        bigrams,
        pools.vocabulary,
        names,
        persons=[s for s in pools.surnames if s in caps],
        places=[c for c in pools.cities if c in caps],
    ).queries(per_kind)


def mine_queries(
    texts: Sequence[str],
    seed: int = 0,
    per_kind: int = 20,
    entities: Iterable[tuple[str, str]] = (),
) -> dict[str, list[str]]:
    """Queries from ``texts`` (a folder's first articles); ``entities`` are
    ``(type, name)`` pairs, the collection's most mentioned."""
    rng = Random(f"reader-bench-mined-queries:{seed}")
    mined, bigrams = mine_words(texts)
    content = [words for words in mined if words]
    vocabulary = frozenset(w for ws in content for w in ws)
    ents = list(entities)
    persons = sorted({n.split()[-1] for t, n in ents if t == "PERSON" and n.split()})
    places = sorted({n for t, n in ents if t in ("GPE", "LOC")})
    names = sorted({n for _, n in ents if len(n.split()) >= 2})
    if not persons and not places:
        persons = sorted({w for t in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", t)})
    return QueryMaker(rng, content, bigrams, vocabulary, names, persons, places).queries(per_kind)


def _field_value(name: str) -> str:
    name = name.replace('"', "")
    return f'"{name}"' if " " in name else name
