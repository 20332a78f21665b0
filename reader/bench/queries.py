"""Benchmark queries for any folder of articles (``reader bench --corpus DIR``).

Generated corpora use :func:`reader.bench.corpus.sample_queries`; a folder of
real articles gets queries of the same six kinds mined from its own first
articles, deterministic by seed, so every query has hits:

* ``term``: a content word (half by frequency, half uniform over distinct words);
* ``and``: two content words of the same article;
* ``phrase``: two adjacent content words (or a multi-word entity name);
* ``fuzzy``: a content word of 5+ letters with one typo, ``word~``;
* ``prefix``: the first 3-6 letters of a longer word, ``pref*``;
* ``entity``: ``person:Surname`` / ``place:Name`` from the collection's most
  mentioned entities (from the built index), else capitalised words.
"""

from __future__ import annotations

import re
from random import Random
from typing import Iterable, Sequence

from reader.bench.corpus import QUERY_KINDS, _typo, mine_words, take_distinct



def mine_queries(texts: Sequence[str], seed: int = 0, per_kind: int = 20,
                 entities: Iterable[tuple[str, str]] = ()) -> dict[str, list[str]]:
    """Queries per kind from ``texts``; ``entities`` are ``(type, name)`` pairs."""
    rng = Random(f"reader-bench-mined-queries:{seed}")
    mined, bigrams = mine_words(texts)
    content = [words for words in mined if words]
    all_words = [w for ws in content for w in ws]
    if not all_words:
        return {k: [] for k in QUERY_KINDS}
    distinct = sorted(set(all_words))
    vocab = frozenset(distinct)

    ents = list(entities)
    persons = sorted({n.split()[-1] for t, n in ents if t == "PERSON" and n.split()})
    places = sorted({n for t, n in ents if t in ("GPE", "LOC")})
    names = sorted({n for _, n in ents if len(n.split()) >= 2})
    if not persons and not places:
        caps = sorted({w for t in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", t)})
        persons = caps

    def take(gen) -> list[str]:
        return take_distinct(gen, per_kind)

    def g_term() -> str:
        return rng.choice(all_words) if rng.random() < 0.5 else rng.choice(distinct)

    def g_and() -> str | None:
        ws = rng.choice(content)
        a, b = rng.choice(ws), rng.choice(ws)
        return f"{a} AND {b}" if a != b else None

    def g_phrase() -> str | None:
        if names and rng.random() < 0.4:
            return '"' + rng.choice(names).replace('"', "") + '"'
        return f'"{rng.choice(bigrams)}"' if bigrams else None

    def g_fuzzy() -> str | None:
        w = rng.choice(all_words)
        if len(w) < 5:
            return None
        t = _typo(rng, w, vocab)
        return f"{t}~" if t else None

    def g_prefix() -> str | None:
        w = rng.choice(all_words)
        k = 3 if rng.random() < 0.2 else rng.choice((4, 4, 5, 6))
        return w[:k] + "*" if len(w) >= k + 4 else None

    def g_entity() -> str | None:
        if persons and (rng.random() < 0.6 or not places):
            return f"person:{_field_value(rng.choice(persons))}"
        if places:
            return f"place:{_field_value(rng.choice(places))}"
        return None

    return {"term": take(g_term), "and": take(g_and), "phrase": take(g_phrase),
            "fuzzy": take(g_fuzzy), "prefix": take(g_prefix), "entity": take(g_entity)}


def _field_value(name: str) -> str:
    name = name.replace('"', "")
    return f'"{name}"' if " " in name else name
