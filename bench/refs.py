"""Reference workloads for the benchmark, each run as its own child process.

    python -m bench.refs ner DIR [--processes 2] [--model NAME] [--batch-size 64]
    python -m bench.refs fts5 DIR DB

Both read the articles exactly as reader does (``reader.corpus.iter_articles``,
so the texts are the ones reader indexes, title line included) and print one
JSON object on stdout.

``ner``: spaCy NER alone: the same pipeline reader uses (loaded with
``reader.entities.model.load_model``), ``list(nlp.pipe(texts, n_process=N,
batch_size=64))``.  Only the pipe is timed (``pipe_s``); reading the files
(``read_s``) and loading the model (``load_s``) are reported separately.

``fts5``: SQLite FTS5 indexing the same texts (``bench.fts5.build_fts5``:
one transaction, then ``optimize``).  ``build_s`` is the indexing time of the
texts already in memory, ``read_s`` the time to read them; the benchmark
compares the whole child's wall time (files on disk to index on disk) with
the whole ``reader index`` child.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def read_texts(root: Path) -> list[tuple[str, str, str]]:
    """``(id, title, text)`` of every article under ``root``, as reader reads them."""
    from reader.corpus import iter_articles

    return [(a.id, a.title, a.text) for a in iter_articles(Path(root)) if not isinstance(a, str)]


def run_ner(root: Path, processes: int = 2, model: str | None = None, batch_size: int = 64) -> dict:
    t0 = time.perf_counter()
    texts = [text for _, _, text in read_texts(root)]
    read_s = time.perf_counter() - t0

    from reader.entities.model import load_model, resolve_model_name

    name = resolve_model_name(model)
    t0 = time.perf_counter()
    nlp = load_model(name)
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, n_process=processes, batch_size=batch_size))
    pipe_s = time.perf_counter() - t0
    ents = sum(len(d.ents) for d in docs)
    return {
        "articles": len(texts),
        "chars": sum(map(len, texts)),
        "model": name,
        "processes": processes,
        "batch_size": batch_size,
        "read_s": read_s,
        "load_s": load_s,
        "pipe_s": pipe_s,
        "entities": ents,
    }


def run_fts5(root: Path, db: Path) -> dict:
    from bench.fts5 import build_fts5

    t0 = time.perf_counter()
    rows = read_texts(root)
    read_s = time.perf_counter() - t0
    build_s = build_fts5(db, rows)
    return {
        "articles": len(rows),
        "read_s": read_s,
        "build_s": build_s,
        "db_mb": Path(db).stat().st_size / 1e6,
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.refs")
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("ner", help="spaCy NER alone over the texts of DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("--processes", type=int, default=2)
    p.add_argument("--model", default=None)
    p.add_argument("--batch-size", type=int, default=64)
    p = sub.add_parser("fts5", help="SQLite FTS5 index of the texts of DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("db", type=Path)
    args = ap.parse_args(argv)
    if args.what == "ner":
        result = run_ner(args.dir, args.processes, args.model, args.batch_size)
    else:
        result = run_fts5(args.dir, args.db)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
