"""The benchmark's options and targets (`python -m bench --help`)."""

from __future__ import annotations

import argparse
from pathlib import Path

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
KINDS = (
    "build",
    "index",
    "incremental",
    "duplicates",
    "curation",
    "query",
    "startup",
    "memory",
    "open",
    "100k",
)
DEFAULT_CACHE = Path("bench-corpus")

# Targets (issue 5).
BUILD_TARGET = 1.25  # build time / NER-alone time, at 10k
INDEX_TARGET = 10.0  # index-only build time / FTS5 time
INCREMENTAL_TARGET = 0.01  # incremental / full build time
QUERY_TARGET_10K = 3.0  # p95 / FTS5 p95, every kind, at 10k
QUERY_TARGET_100K = 10.0  # at 100k
STARTUP_TARGET = 2.0  # start-up / minimal app
MEMORY_TARGET_MB = 300.0  # peak RSS above the minimal app, at 100k
TYPING_TARGET_MS = 50.0  # keystroke to results drawn, p95, 10k, typing 8 keys/s (issue 17)
TYPING_WORDS = 6  # words typed into the search box for that figure
#: Interaction rows of issue 17: key -> (what is timed, p95 target in ms at 10k, at 100k,
#: reference): the probe's samples of the reference, "minimal_cursor" (a minimal
#: Textual app moving a list cursor: the floor of any keypress) or "*_core" (the
#: core's calls alone, in the same process).
INTERACTIONS = {
    "mention-step": ("] / [ next / previous mention", 16, 16, "minimal_cursor"),
    "same-entity": ("} / { same entity within the article", 16, 16, "minimal_cursor"),
    "same-entity-across": ("} / { same entity, to the next article", 50, 100, "open_core"),
    "open-list": ("open an article from the list (Enter)", 50, 100, "open_core"),
    "open-result": ("open an article from a search result (Enter)", 50, 100, "open_core"),
    "filter-key": ("articles filter, per keystroke", 50, 150, "minimal_cursor"),
    "sort": ("articles sort change (s)", 50, 150, "minimal_cursor"),
    "entity-scope": ("entities pane: this article <-> collection (t)", 50, 150, "minimal_cursor"),
    "jump": ("back / forward in the jump list (H / L)", 50, 100, "open_core"),
    "reindex": (
        "Ctrl+R after one article changed, to the screen refreshed",
        3000,
        5000,
        "reindex_core",
    ),
}
ENTITY_PAGE_TARGET_MS = (100, 200)  # open an entity page with ~5,000 mentions, 10k / 100k
TYPING_TARGET_100K_MS = 150.0
DUPLICATES_TARGET = 0.05  # near-duplicate signatures from scratch / full build time (issue 18)
ENTITY_PAGE_MENTIONS = 5000  # the entity page timed: the entity nearest this many mentions

# Start-up is timed until these show in the terminal (bench.stats.measure_tui_startup).
#: The minimal app's one Static.
MINIMAL_READY_TEXT = "reader benchmark: minimal Textual app"
#: The reader's articles pane title, drawn with the list, the first article and its
#: entities in its first frame.
READER_READY_TEXT = "Articles"


# ---------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------


def parse_size(value: str) -> int:
    v = value.strip().lower()
    if v in SIZES:
        return SIZES[v]
    try:
        n = int(float(v[:-1]) * 1000) if v.endswith("k") else int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a size (1k, 10k, 100k or a number)"
        ) from None
    if n < 10:
        raise argparse.ArgumentTypeError("the corpus needs at least 10 articles")
    return n


def parse_skip(value: str) -> set[str]:
    kinds = {k.strip().lower() for k in value.split(",") if k.strip()}
    unknown = kinds - set(KINDS)
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown figure {', '.join(sorted(unknown))} (one of {', '.join(KINDS)})"
        )
    return kinds


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `python -m bench` (and `make bench`)."""
    p.add_argument(
        "--size",
        type=parse_size,
        default=SIZES["10k"],
        metavar="N",
        help="generated corpus size: 1k, 10k (default) or 100k (or a number)",
    )
    p.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="benchmark this folder of articles instead of a generated corpus",
    )
    p.add_argument(
        "--cache-dir",
        type=Path,
        default=DEFAULT_CACHE,
        metavar="DIR",
        help="where generated corpora, indexes and results are kept (./bench-corpus)",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of the table")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="also write the JSON to FILE")
    p.add_argument(
        "--skip",
        type=parse_skip,
        default=set(),
        metavar="KIND,...",
        help=f"figures to skip: {', '.join(KINDS)}",
    )
    p.add_argument(
        "--with-100k",
        action="store_true",
        help="add the 100k figures (queries and memory on 100k articles; "
        "the first run builds a 100k index, which takes hours)",
    )
    p.add_argument(
        "--100k-text-only",
        dest="text_only_100k",
        action="store_true",
        help="build the 100k index without entities (minutes instead of hours; "
        "the entity-field query figure is then left out at 100k)",
    )
    p.add_argument(
        "--synthetic-entities",
        dest="synthetic_entities",
        action="store_true",
        help="give generated collections' indexes the entities the generator wrote "
        "(its names and dates, bench/synthetic.py) instead of running the model: "
        "minutes instead of hours at 100k; the timed build still runs the model",
    )
    p.add_argument("--seed", type=int, default=0, help="corpus generator seed (0)")
    p.add_argument(
        "--processes",
        type=int,
        default=2,
        metavar="N",
        help="processes for builds and the NER reference (2)",
    )
    p.add_argument(
        "--repeat", type=int, default=3, metavar="N", help="timed passes over the queries (3)"
    )
    p.add_argument(
        "--startup-runs",
        type=int,
        default=9,
        metavar="N",
        help="start-ups of each app, alternating; the median counts (9)",
    )
    p.add_argument(
        "--big-kb",
        type=int,
        default=1000,
        metavar="KB",
        help="size of the big article for the open figure (1000 = 1 MB)",
    )
    p.add_argument(
        "--small-kb",
        type=int,
        default=1,
        metavar="KB",
        help="size of the small reference article (1)",
    )
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline (as for reader)")
    p.add_argument(
        "--presses",
        type=int,
        default=50,
        metavar="N",
        help="key presses timed per interaction row of the TUI probe (50)",
    )
    p.add_argument(
        "--reindex-runs",
        type=int,
        default=3,
        metavar="N",
        help="Ctrl+R samples (each reindexes one changed article; 0: none) (3)",
    )
