"""SQLite FTS5 reference for the search benchmark (Python's ``sqlite3``).

The reference index is one FTS5 table::

    CREATE VIRTUAL TABLE articles USING fts5(
        id UNINDEXED, title, text, tokenize = 'porter unicode61')

built by :func:`build_fts5` with a single bulk-insert transaction followed by
FTS5's ``optimize`` (merge all segments into one b-tree, the analogue of an
optimised Whoosh index).  Queries go through :func:`query_fts5`, which takes
an *open* connection so that repeated queries measure search, not
``sqlite3.connect``: open it once with :func:`open_fts5`.

Queries are written in the Whoosh syntax the reader uses and translated:

==========  ======================  =========================================
kind        Whoosh                  FTS5
==========  ======================  =========================================
term        ``inflation``           ``"inflation"``
and         ``a AND b``             ``"a" AND "b"``
phrase      ``"interest rates"``    ``"interest rates"``
prefix      ``infla*``              ``"infla"*``
fuzzy       ``goverment~``          ``"goverment" OR "government" OR ...``
entity      ``person:Okafor``       ``text : "Okafor"``
==========  ======================  =========================================

Fuzzy: FTS5 has no fuzzy operator (and spellfix1 is not built into Python's
sqlite3).  The approximation is *edit-distance candidate expansion pruned by
the index vocabulary*, which is what Whoosh's ``word~`` does too (expand to
the indexed terms within distance 1, then OR them):

1. every string within Damerau-Levenshtein distance 1 of the query term
   (deletes, transpositions, substitutions, insertions over a-z; ~54*len
   candidates) plus the term itself;
2. each candidate is porter-stemmed *by SQLite itself* (inserted into a
   temp FTS5 table with the same tokenizer and read back through
   ``fts5vocab``; ~2-5 ms per query) and kept only if its stem is in the
   index vocabulary (the ``fts5vocab`` term list, loaded once per
   connection opened with :func:`open_fts5` and counted as open cost);
3. the survivors are OR-ed into one MATCH.

Without step 2 the MATCH would carry ~450 phrases and bm25 would evaluate
all of them for every matching row (~1 s per query at 100k articles), which
would be an unfairly slow reference.  ``word~2`` is treated as distance 1
(distance-2 expansion is ~100k candidates).  ``fuzzy="expand"`` (the
default) does the above, ``fuzzy="unpruned"`` skips step 2, and
``fuzzy="exact"`` uses the bare term.

Entity fields: the reference has no entity columns, so ``person:x`` /
``place:x`` / ``org:x`` search ``x`` (as a phrase) in the ``text`` column.
This is cheaper than a real entity field would be in Whoosh, which is fine
for a reference.

Ranking is FTS5's built-in ``bm25()`` with title weighted x2 like the
Whoosh schema (configured as the table's ``rank``, so ``ORDER BY rank`` takes
the optimised path; ``score`` is reported as ``-bm25`` so larger is better)
and every hit carries ``snippet()`` of the best-matching column.

CLI (build + time every sample query kind)::

    python -m bench.fts5 CORPUS_DIR DB_PATH [--seed 0] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

SCHEMA = (
    "CREATE VIRTUAL TABLE articles USING fts5("
    "id UNINDEXED, title, text, tokenize = 'porter unicode61')"
)

#: bm25 column weights (id, title, text): title x2 mirrors the Whoosh schema's
#: ``field_boost=2.0`` on title.  Stored as the table's persistent ``rank``.
BM25_WEIGHTS = (0.0, 2.0, 1.0)

SNIPPET_START = "["
SNIPPET_END = "]"
SNIPPET_ELLIPSIS = "\u2026"
SNIPPET_TOKENS = 16

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FIELD_RE = re.compile(r"^([A-Za-z_]+):(.+)$")


def build_fts5(
    db_path: str | Path, articles: Iterable[tuple[str, str, str]], optimize: bool = True
) -> float:
    """Create a fresh FTS5 index at ``db_path``; return build seconds.

    ``articles`` yields ``(id, title, text)``.  All rows are inserted in one
    transaction; time includes reading from the iterable (pass a list if you
    want pure indexing time), the commit and (by default) ``optimize``.
    """
    db_path = Path(db_path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(db_path) + suffix)
        if p.exists():
            p.unlink()
    t0 = time.perf_counter()
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        conn.execute(SCHEMA)
        conn.execute(
            "INSERT INTO articles(articles, rank) VALUES ('rank', ?)",
            ("bm25(%s)" % ", ".join(str(w) for w in BM25_WEIGHTS),),
        )
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO articles(id, title, text) VALUES (?, ?, ?)",
            ((str(i), t, x) for i, t, x in articles),
        )
        conn.execute("COMMIT")
        if optimize:
            conn.execute("INSERT INTO articles(articles) VALUES ('optimize')")
    finally:
        conn.close()
    return time.perf_counter() - t0


class Fts5Connection(sqlite3.Connection):
    """A read-only connection that caches the vocabulary for fuzzy queries."""

    _vocab: frozenset[str] | None = None
    _stemmer_ready: bool = False


def open_fts5(db_path: str | Path) -> Fts5Connection:
    """Open the reference index read-only; keep it open across queries."""
    return sqlite3.connect(
        f"file:{Path(db_path)}?mode=ro", uri=True, check_same_thread=False, factory=Fts5Connection
    )


def _vocabulary(conn: sqlite3.Connection) -> frozenset[str]:
    vocab = getattr(conn, "_vocab", None)
    if vocab is None:
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab "
            "USING fts5vocab(main, 'articles', 'row')"
        )
        vocab = frozenset(r[0] for r in conn.execute("SELECT term FROM temp.bench_vocab"))
        if isinstance(conn, Fts5Connection):
            conn._vocab = vocab
    return vocab


def porter_stems(conn: sqlite3.Connection, words: Sequence[str]) -> dict[str, str]:
    """``{word: stem}`` using SQLite's own ``porter unicode61`` tokenizer."""
    if not getattr(conn, "_stemmer_ready", False):
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_stem "
            "USING fts5(w, tokenize = 'porter unicode61')"
        )
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_stem_v "
            "USING fts5vocab(temp, 'bench_stem', 'instance')"
        )
        if isinstance(conn, Fts5Connection):
            conn._stemmer_ready = True
    words = list(words)
    conn.execute("DELETE FROM temp.bench_stem")
    conn.executemany("INSERT INTO temp.bench_stem(rowid, w) VALUES (?, ?)", enumerate(words))
    return {
        words[doc]: term for term, doc in conn.execute("SELECT term, doc FROM temp.bench_stem_v")
    }


def fuzzy_candidates(conn: sqlite3.Connection, term: str) -> list[str]:
    """Words within edit distance 1 of ``term`` whose stem is indexed."""
    cands = sorted(edits1(term) | {term})
    vocab = _vocabulary(conn)
    stems = porter_stems(conn, cands)
    return [c for c in cands if stems.get(c) in vocab]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _strip_quotes(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        return s[1:-1]
    return s


def edits1(word: str) -> set[str]:
    """All strings at Damerau-Levenshtein distance 1 from ``word`` (a-z)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    out = deletes | transposes | replaces | inserts
    out.discard("")
    return out


def translate(
    kind: str, query: str, fuzzy: str = "unpruned", conn: sqlite3.Connection | None = None
) -> str:
    """Translate a Whoosh-syntax benchmark query of ``kind`` to FTS5 MATCH.

    Fuzzy pruning (``fuzzy="expand"``) needs ``conn``; without one the
    translation is the unpruned expansion.
    """
    q = query.strip()
    if kind == "term":
        return _quote(_strip_quotes(q))
    if kind == "and":
        return " AND ".join(_quote(_strip_quotes(p)) for p in re.split(r"\s+AND\s+", q))
    if kind == "phrase":
        return _quote(_strip_quotes(q))
    if kind == "prefix":
        return _quote(q.rstrip("*")) + "*"
    if kind == "fuzzy":
        m = re.match(r"^(.*?)~\d*$", q)
        term = (m.group(1) if m else q).lower()
        if fuzzy == "exact":
            return _quote(term)
        if fuzzy == "expand" and conn is not None:
            cands = fuzzy_candidates(conn, term) or [term]
        else:
            cands = sorted(edits1(term) | {term})
        return " OR ".join(_quote(c) for c in cands)
    if kind == "entity":
        m = _FIELD_RE.match(q)
        value = _strip_quotes(m.group(2) if m else q)
        return "text : " + _quote(value)
    raise ValueError(f"unknown query kind {kind!r}")


def query_fts5(
    conn: sqlite3.Connection, query_kind: str, query: str, limit: int = 10, fuzzy: str = "expand"
) -> list[dict]:
    """Top ``limit`` hits (bm25 order) for a Whoosh-syntax query.

    Returns ``[{"id", "title", "score", "snippet"}, ...]``.
    """
    match = translate(query_kind, query, fuzzy=fuzzy, conn=conn)
    rows = conn.execute(
        "SELECT id, title, -rank AS score, "
        "snippet(articles, -1, ?, ?, ?, ?) "
        "FROM articles WHERE articles MATCH ? ORDER BY rank LIMIT ?",
        (SNIPPET_START, SNIPPET_END, SNIPPET_ELLIPSIS, SNIPPET_TOKENS, match, limit),
    ).fetchall()
    return [{"id": r[0], "title": r[1], "score": r[2], "snippet": r[3]} for r in rows]


def count_fts5(conn: sqlite3.Connection, query_kind: str, query: str, fuzzy: str = "expand") -> int:
    """Total number of matching documents (for sanity checks, not timing)."""
    match = translate(query_kind, query, fuzzy=fuzzy, conn=conn)
    return conn.execute(
        "SELECT count(*) FROM articles WHERE articles MATCH ?", (match,)
    ).fetchone()[0]


def main(argv: Sequence[str] | None = None) -> int:
    from bench.corpus import iter_corpus
    from bench.queries import sample_queries
    from bench.stats import percentiles

    ap = argparse.ArgumentParser(
        prog="python -m bench.fts5", description="Build the FTS5 reference and time sample queries."
    )
    ap.add_argument("corpus_dir", type=Path)
    ap.add_argument("db_path", type=Path)
    ap.add_argument("--seed", type=int, default=0, help="seed the corpus was generated with")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args(argv)

    result: dict = {}
    if not args.no_build:
        rows = list(iter_corpus(args.corpus_dir))
        result["articles"] = len(rows)
        result["build_s"] = round(build_fts5(args.db_path, rows), 3)
        result["db_mb"] = round(args.db_path.stat().st_size / 1e6, 1)
    conn = open_fts5(args.db_path)
    queries = sample_queries(args.seed)
    result["queries_ms"] = {}
    for kind, qs in queries.items():
        times = []
        for _ in range(args.repeat):
            for q in qs:
                t0 = time.perf_counter()
                query_fts5(conn, kind, q)
                times.append((time.perf_counter() - t0) * 1000)
        p = percentiles(times, (50, 95))
        result["queries_ms"][kind] = {
            "p50": round(p[50], 3),
            "p95": round(p[95], 3),
            "n": len(times),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
