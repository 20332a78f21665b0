"""A large JSON-lines export indexed streamed: time and peak memory (issue 19).

    .venv/bin/python -m bench.jsonl_export [--articles 50000] [--entities] [--json]

Writes one `.jsonl` file of `--articles` generated news articles (the
benchmark's generator: ~4 KB of text each, so 50k make ~200 MB), with their
dates in the forms archives use (ISO 8601, RFC 2822, "26-FEB-1987
15:01:01.79", "Sept. 27, 2022"), into a folder of its own, then runs
`reader index` on that folder in a child process and reports its wall time and
peak resident memory (the child's ru_maxrss). Without `--entities` the index is
text-only (`--no-entities`): entity extraction of 50k articles takes hours on
two cores (~65 ms per article per process) and its memory is the model's, not
the file's. The file is cached under bench-corpus/ (it only depends on the
count and the seed).

The file is over the 20 MB per-file limit many times over: it must index,
each line being one article under the limit, and memory must stay far below
the file's size (the file is read a line at a time, the articles go to the
store as they are read).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.options import parse_size
from bench.stats import run_conditions

CACHE = Path("bench-corpus")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
WRITTEN = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
           "Nov.", "Dec.")  # fmt: skip
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RFC_MONTHS = tuple(m.title() for m in MONTHS)


def date_as_archives_write_it(date, i: int) -> str:
    """The article's date in one of four forms, in turn."""
    form = i % 4
    if form == 0:
        return date.isoformat()
    if form == 1:  # RFC 2822, from feeds
        return (
            f"{DAYS[date.weekday()]}, {date.day:02d} {RFC_MONTHS[date.month - 1]} "
            f"{date.year} 10:{i % 60:02d}:00 +0000"
        )
    if form == 2:  # wire services
        return f"{date.day:02d}-{MONTHS[date.month - 1]}-{date.year} 15:01:01.79"
    return f"{WRITTEN[date.month - 1]} {date.day}, {date.year}"


def write_export(path: Path, n: int, seed: int) -> None:
    from bench.corpus import iter_articles

    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    with part.open("w", encoding="utf-8") as out:
        for i, article in enumerate(iter_articles(n, seed)):
            record = {
                "id": article.stem,
                "title": article.title,
                "date": date_as_archives_write_it(article.date, i),
                "source": "Bench Wire",
                "url": f"https://news.example/{article.stem}",
                "body": article.text,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    part.replace(path)


def index_it(folder: Path, entities: bool) -> dict[str, Any]:
    """`reader index` on `folder` into a new index, in a child: time, peak RSS."""
    with tempfile.TemporaryDirectory(prefix="bench-jsonl-") as tmp:
        command = [sys.executable, "-m", "reader", "index", "--articles", str(folder)]
        command += ["--index", str(Path(tmp) / "index")]
        if not entities:
            command.append("--no-entities")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        index_bytes = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
    if done.returncode != 0:
        raise SystemExit(f"bench: reader index failed: {done.stderr.strip()[-500:]}")
    return {
        "seconds": seconds,
        # ru_maxrss of all waited-for children: the largest of them (this one, if
        # no earlier child of this process was bigger: `before` tells).
        "peak_rss_mb": peak_kb / 1024,
        "earlier_children_peak_mb": before / 1024,
        "index_mb": index_bytes / 2**20,
        "summary": done.stdout.strip(),
        "warnings": done.stderr.count("reader: warning:"),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.jsonl_export", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--articles", type=parse_size, default=50_000, help="articles (50k)")
    ap.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    ap.add_argument("--entities", action="store_true", help="with entity extraction (hours)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the lines")
    args = ap.parse_args(argv)

    folder = CACHE.absolute() / "jsonl" / f"export-{args.articles}-s{args.seed}"
    path = folder / "export.jsonl"
    if not path.exists():
        write_export(path, args.articles, args.seed)
    result = {
        "articles": args.articles,
        "file_mb": path.stat().st_size / 2**20,
        "entities": args.entities,
        **run_conditions(),
        **index_it(folder, args.entities),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    what = "with entities" if args.entities else "text only (--no-entities)"
    print(
        f"one .jsonl of {args.articles:,} articles ({result['file_mb']:.0f} MB), {what}: "
        f"{result['seconds']:.0f} s, peak RSS {result['peak_rss_mb']:.0f} MB, "
        f"index {result['index_mb']:.0f} MB ({os.cpu_count()} CPUs, load average "
        f"{result['load_average']:.1f})"
    )
    print(result["summary"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
