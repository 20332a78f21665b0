"""A synthetic entity table for a generated collection, without the model.

At 100,000 articles the model takes hours (about 30 articles a second on two
cores), so the 100k interaction rows run on entities found another way: the
generator knows every name it wrote (its pools of people, places and
organisations), so each article's mentions are those names found in its text
as whole words, plus its dates, as the model labels them (PERSON without a
title, GPE, LOC, ORG, DATE). They go into the index's NER cache under the
model's fingerprint, so `reader index` then builds the index with entities as
usual (linking, the store, the Whoosh entity fields) and runs the model only on
articles the cache does not hold. The density is the model's at 10k (~100
mentions an article, a third of them dates), so the table has the realistic
size the issue asks for: about ten million mentions at 100k.

    python -m bench.synthetic ARTICLES INDEX [--seed 0] [--processes 2]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from bench.corpus import _MONTHS, _WEEKDAYS, Pools, build_pools

_MONTH = "(?:" + "|".join(_MONTHS) + ")"
_DATES = re.compile(
    rf"\b(?:{_MONTH} \d{{1,2}}, \d{{4}}|{_MONTH} \d{{4}}|{_MONTH} \d{{1,2}}\b|{_MONTH}\b|"
    rf"(?<=since )\d{{4}}\b|(?<=in )\d{{4}}\b|"
    rf"(?:{'|'.join(_WEEKDAYS)})|"
    r"(?:last|this|next) (?:year|month|week)|earlier this month|"
    r"in recent months|over the past decade)"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_WORD_END = re.compile(r"\w")


def name_table(pools: Pools) -> dict[str, list[tuple[str, str]]]:
    """First word -> [(name, label)], longest name first."""
    labels: dict[str, str] = {}
    for place, kind in pools.places:
        labels[place] = "LOC" if kind == "region" else "GPE"
    for org in pools.orgs:
        labels[org] = "ORG"
    for person in pools.persons:
        labels[person.full] = "PERSON"
        labels.setdefault(person.last, "PERSON")  # a place or company keeps its own label
    table: dict[str, list[tuple[str, str]]] = {}
    for name, label in labels.items():
        table.setdefault(name.split(" ", 1)[0], []).append((name, label))
    for names in table.values():
        names.sort(key=lambda item: -len(item[0]))
    return table


def mentions(text: str, table: dict[str, list[tuple[str, str]]]) -> list[list]:
    """[start, end, text, label] of the names and dates in `text`, in text order,
    none overlapping (a name wins over a date)."""
    found: list[list] = []
    end = 0
    for m in _CAPITALISED.finditer(text):
        s = m.start()
        if s < end:
            continue
        word = m.group().rstrip(".,'’-")
        for name, label in table.get(word, ()):
            e = s + len(name)
            if text.startswith(name, s) and not (e < len(text) and _WORD_END.match(text, e)):
                found.append([s, e, name, label])
                end = e
                break
    out: list[list] = []
    names = iter(found)
    nxt = next(names, None)
    last = 0
    for m in _DATES.finditer(text):
        s, e = m.span()
        while nxt is not None and nxt[0] < e:
            out.append(nxt)
            last = nxt[1]
            nxt = next(names, None)
        if s >= last and (nxt is None or e <= nxt[0]):
            out.append([s, e, m.group(), "DATE"])
            last = e
    while nxt is not None:
        out.append(nxt)
        nxt = next(names, None)
    return out


def _chunk(args: tuple[list[tuple[str, str]], int]) -> list[tuple[str, list[list]]]:
    texts, seed = args
    table = _table(seed)
    return [(h, mentions(text, table)) for h, text in texts]


_TABLES: dict[int, dict[str, list[tuple[str, str]]]] = {}


def _table(seed: int) -> dict[str, list[tuple[str, str]]]:
    if seed not in _TABLES:
        _TABLES[seed] = name_table(build_pools(seed))
    return _TABLES[seed]


def _batches(root: Path, size: int = 500) -> Iterator[list[tuple[str, str]]]:
    from reader.corpus import iter_articles

    batch: list[tuple[str, str]] = []
    for article in iter_articles(root):
        if isinstance(article, str):
            continue
        batch.append((article.hash, article.text))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def fill_ner_cache(
    articles: Path,
    index: Path,
    seed: int = 0,
    processes: int = 2,
    model: str | None = None,
    expected: int | None = None,
) -> tuple[int, int]:
    """Put every article's synthetic mentions into `index`'s NER cache (under the
    model's fingerprint); returns (articles, mentions) written: none when the
    cache already holds `expected` articles under that fingerprint."""
    import json

    from reader.entities.cache import NerCache
    from reader.entities.model import model_fingerprint, resolve_model_name
    from reader.indexdir import claim
    from reader.paths import IndexPaths

    index.mkdir(parents=True, exist_ok=True)
    claim(index)
    cache = NerCache(IndexPaths(index).ner_cache, model_fingerprint(resolve_model_name(model)))
    n_articles = n_mentions = 0
    if expected is not None and cache.count() >= expected:
        cache.close()  # filled before, under this model and these rules
        return n_articles, n_mentions
    try:
        tasks: Iterable[tuple[list[tuple[str, str]], int]] = ((b, seed) for b in _batches(articles))
        if processes > 1:
            import multiprocessing as mp

            pool = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(
                processes
            )
            results: Iterable[list[tuple[str, list[list]]]] = pool.imap(_chunk, tasks)
        else:
            pool = None
            results = map(_chunk, tasks)
        try:
            for batch in results:
                for h, found in batch:
                    # NerCache.put's own format, without building RawMention tuples
                    cache.conn.execute(
                        "INSERT OR REPLACE INTO ner VALUES (?, ?, ?)",
                        (cache.fingerprint, h, json.dumps(found, ensure_ascii=False)),
                    )
                    n_articles += 1
                    n_mentions += len(found)
                cache.commit()
        finally:
            if pool is not None:
                pool.close()
                pool.join()
    finally:
        cache.close()
    return n_articles, n_mentions


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__)
    ap.add_argument("articles", type=Path)
    ap.add_argument("index", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--model")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    n, m = fill_ner_cache(args.articles, args.index, args.seed, args.processes, args.model)
    print(f"{n} articles, {m} mentions in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
