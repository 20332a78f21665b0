"""Entity extraction on a Dask cluster against local extraction (issue 19).

    .venv/bin/python -m bench.cluster [--size 1k] [--workers 1,2] [--corpus DIR] [--json]

On the same articles (the benchmark's generated corpus, or DIR), times:
- the reference: local extraction in this process (`extract_texts`, what
  `reader index --processes 1` runs), the model loaded before the clock starts;
- `extract_on_cluster` (what `reader index --cluster` runs) with a scheduler and
  1, 2... single-threaded worker processes on 127.0.0.1, started as
  `reader worker` starts them (the model preloaded), each run into an empty NER
  cache. The clock includes connecting and checking the workers.

Reports articles/s and each cluster run's time against the reference. On one
machine the workers share its cores with the client and the scheduler, so this
measures the overhead of the cluster path and its scaling up to the core count,
not a real cluster's speed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bench.options import parse_size
from bench.stats import run_conditions

CACHE = Path("bench-corpus")
START_TIMEOUT = 180.0


class _Texts:
    """What extract_on_cluster reads from the store: texts by id."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.by_id = texts

    def texts(self, ids: Iterable[str]) -> Iterator[tuple[str, str]]:
        for aid in ids:
            yield aid, self.by_id[aid]


def read_articles(root: Path) -> dict[str, str]:
    from reader.config import DEFAULT_MAX_FILE_MB
    from reader.corpus import assign_ids, load_file, scan
    from reader.errors import ArticleError

    entries, _ = scan(root)
    ids = assign_ids([e.rel for e in entries])
    out = {}
    for e in entries:
        try:
            loaded = load_file(e.path, e.rel, ids[e.rel], int(DEFAULT_MAX_FILE_MB * 2**20))
        except ArticleError:
            continue
        for a in loaded.articles:
            out[a.id] = a.text
    return out


def time_local(model: str, texts: dict[str, str]) -> float:
    from reader.entities.model import load_model
    from reader.entities.workers import extract_texts

    nlp = load_model(model)
    list(extract_texts(nlp, ["Warm-up: Angela Merkel met officials in Berlin."]))
    started = time.perf_counter()
    for _ in extract_texts(nlp, texts.values()):
        pass
    return time.perf_counter() - started


class LocalCluster:
    """`dask scheduler` and one `dask worker` with `workers` processes, as
    `reader worker` runs them, on 127.0.0.1."""

    def __init__(self, root: Path, workers: int, model: str) -> None:
        self.procs: list[subprocess.Popen] = []
        file = root / f"scheduler-{workers}.json"
        self._start(root, "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                    "--port", "0", "--dashboard-address", "127.0.0.1:0",
                    "--scheduler-file", str(file))  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while not file.exists():
            if time.monotonic() > deadline:
                raise SystemExit("bench: the Dask scheduler did not start")
            time.sleep(0.2)
        time.sleep(0.3)
        self.address = json.loads(file.read_text())["address"]
        from reader.entities.cluster_ner import worker_command

        command = worker_command(self.address, workers)
        self.procs.append(
            subprocess.Popen(
                [*command, "--host", "127.0.0.1", "--no-dashboard"],
                env={**os.environ, "READER_MODEL": model},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        from distributed import Client

        with Client(self.address, timeout=START_TIMEOUT, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=START_TIMEOUT)
            # Preloaded: every worker has its model before the clock starts.
            client.run(_loaded, model)

    def _start(self, root: Path, module: str, *args: str) -> None:
        self.procs.append(
            subprocess.Popen(
                [sys.executable, "-m", module, *args],
                cwd=root,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )

    def close(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def _loaded(model: str) -> bool:
    from reader.entities.model import load_model

    load_model(model)
    return True


def time_cluster(address: str, model: str, texts: dict[str, str], root: Path) -> float:
    from reader.entities.cache import NerCache
    from reader.entities.cluster_ner import extract_on_cluster
    from reader.entities.model import model_fingerprint
    from reader.indexer import IndexReport

    path = root / f"ner-{time.monotonic_ns()}.sqlite"
    cache = NerCache(path, model_fingerprint(model))
    ids = list(texts)
    report = IndexReport()
    raw: dict = {}
    try:
        started = time.perf_counter()
        failed = extract_on_cluster(
            address, model, cache, _Texts(texts), ids, {a: a for a in ids}, raw, report,
            lambda *_: None, lambda: False,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    finally:
        cache.close()
    if failed or len(raw) != len(ids):
        raise SystemExit(f"bench: {len(failed)} articles failed on the cluster")
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.cluster", description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=parse_size, default=1000, help="generated articles (1k)")
    ap.add_argument("--corpus", type=Path, metavar="DIR", help="your own folder instead")
    ap.add_argument("--workers", default="1,2", help="worker process counts to time (1,2)")
    ap.add_argument("--model", metavar="NAME", help="spaCy pipeline (as for reader)")
    ap.add_argument("--seed", type=int, default=0, help="corpus generator seed (0)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = ap.parse_args(argv)

    from reader.entities.model import resolve_model_name

    model = resolve_model_name(args.model)
    if args.corpus:
        root = args.corpus.expanduser().absolute()
    else:
        from bench.corpus import generate

        root = CACHE.absolute() / "corpus" / f"gen-{args.size}-s{args.seed}"
        if not (root / ".complete").exists():
            generate(root, args.size, args.seed)
            (root / ".complete").write_text("ok\n")
    texts = read_articles(root)
    chars = sum(len(t) for t in texts.values())
    local = time_local(model, texts)
    rows: list[dict[str, Any]] = [{"run": "local, 1 process (reference)", "seconds": local}]
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        for n in (int(x) for x in args.workers.split(",")):
            cluster = LocalCluster(Path(tmp), n, model)
            try:
                seconds = time_cluster(cluster.address, model, texts, Path(tmp))
            finally:
                cluster.close()
            rows.append({"run": f"cluster, {n} worker process(es)", "seconds": seconds})
    for row in rows:
        row["articles_per_s"] = len(texts) / row["seconds"]
        row["time_ratio"] = row["seconds"] / local
    result = {
        "articles": len(texts),
        "characters": chars,
        "model": model,
        **run_conditions(),
        "rows": rows,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{len(texts):,} articles ({chars / 1e6:.1f} M characters), {model}, "
        f"{os.cpu_count()} CPUs, load average {result['load_average']:.1f}"
    )
    print("| run | time | articles/s | time against local |")
    print("|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['run']} | {row['seconds']:.1f} s | {row['articles_per_s']:.1f} "
            f"| {row['time_ratio']:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
