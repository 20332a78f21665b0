"""Small helpers shared by the hardening tests: build, open, search, run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.config import Settings
from reader.indexer import IndexReport, update_index
from reader.library import Library

REPO = Path(__file__).resolve().parents[2]
GOOD = "Storm Hits Coast\n\nA storm hit the coast of Florida on Monday."


def build(settings: Settings, **kw) -> IndexReport:
    kw.setdefault("processes", 1)
    return update_index(settings, **kw)


def ids(settings: Settings) -> list[str]:
    library = Library(settings)
    try:
        return sorted(s.id for s in library.articles())
    finally:
        library.close()


def total(settings: Settings, query: str) -> int:
    library = Library(settings)
    try:
        return library.search(query).total
    finally:
        library.close()


def mentions_of(report: IndexReport, name: str) -> list[str]:
    return [m for m in [*report.skipped, *report.warnings] if name in m]


def cli(
    settings: Settings, *args: str, timeout: float = 120, env_extra: dict | None = None, **kw
) -> subprocess.CompletedProcess:
    """`python -m reader --articles A --index I --no-entities ARGS` as a user runs it."""
    argv = [
        sys.executable,
        "-m",
        "reader",
        "--articles",
        os.fsdecode(settings.articles_dir),
        "--index",
        os.fsdecode(settings.index_dir),
        "--no-entities",
        *args,
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", **(env_extra or {})}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        if name not in (env_extra or {}):
            env.pop(name, None)
    return subprocess.run(argv, capture_output=True, timeout=timeout, env=env, cwd=REPO, **kw)


def cli_json(settings: Settings, *args: str):
    proc = cli(settings, *args, "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.isascii()  # ASCII-escaped: no article byte reaches the terminal raw
    return json.loads(proc.stdout)
