"""Smoke test of the benchmark runner on a tiny corpus.

Checks the shape of the results (every figure, its reference and ratio, the
machine) and the table; never asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from bench import child_env, options, run
from bench.queries import QUERY_KINDS

QUERY_FIGURES = [key for k in QUERY_KINDS for key in (f"query:{k}", f"query-first:{k}")]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    cache = tmp_path_factory.mktemp("bench-cache")
    ap = argparse.ArgumentParser()
    options.add_arguments(ap)
    args = ap.parse_args(
        [
            "--size",
            "30",
            "--cache-dir",
            str(cache),
            "--big-kb",
            "20",
            "--repeat",
            "1",
            "--startup-runs",
            "1",
            "--presses",
            "4",
            "--reindex-runs",
            "1",
        ]
    )
    lines: list[str] = []
    res = run.run_bench(args, log=lines.append)
    res["_log"] = lines
    res["_cache"] = cache
    return res


def test_every_figure_has_reader_reference_and_ratio(result):
    figures = {f["key"]: f for f in result["figures"]}
    expected = [
        "build",
        "index",
        "incremental",
        "duplicates",
        "curation",
        *QUERY_FIGURES,
        "startup",
        "memory",
        "open",
        "next-mention",
        "entity-page",
        "typing",
        *options.INTERACTIONS,
    ]
    assert list(figures) == expected
    page = figures["entity-page"]  # against the core's reading of the page alone
    assert page["error"] is None and page["reader"] > 0 and isinstance(page["met"], bool)
    assert page["details"]["mentions"] > 0 and page["details"]["ms"]
    for key in options.INTERACTIONS:  # issue 17's rows: samples, a target, met or not
        f = figures[key]
        assert f["details"]["ms"] and f["details"]["reference_ms"], key
        assert f["target"].startswith("<= ") and isinstance(f["met"], bool), key
    typing = figures["typing"]  # one sample per key typed, against the core alone
    assert typing["details"]["words"]
    keys = sum(len(w) for w in typing["details"]["words"])
    assert typing["details"]["ms"] and len(typing["details"]["ms"]) % keys == 0
    assert isinstance(typing["met"], bool)
    curation = figures["curation"]  # a merge and its undo, no reference
    assert curation["error"] is None and curation["reader"] > 0
    assert isinstance(curation["met"], bool) and curation["details"]["documents_merge"] > 0
    assert curation["details"]["documents_undo"] == curation["details"]["documents_merge"]
    for key in [k for k in expected if k != "curation"]:
        f = figures[key]
        assert f["error"] is None, (key, f["error"])
        assert f["reader"] > 0 and f["reference"] > 0, key
        assert f["ratio"] == pytest.approx(f["reader"] / f["reference"], rel=1e-6) or key in (
            "build",
            "index",
            "incremental",
        ), key
        assert f["ratio"] > 0
        assert f["reader_text"] and f["reference_text"] and f["ratio_text"] and f["target"]
        assert f["met"] in (True, False, None)
    # Targets with a threshold say whether they were met; "report" figures do not.
    for key in ("build", "index", "incremental", "duplicates", "startup", "memory", *QUERY_FIGURES):
        assert isinstance(figures[key]["met"], bool), key
    assert figures["open"]["met"] is None and figures["next-mention"]["met"] is None
    # Build ratios compare times.
    b = figures["build"]
    assert b["ratio"] == pytest.approx(
        b["details"]["seconds"] / b["details"]["reference"]["pipe_s"]
    )
    assert figures["incremental"]["ratio"] == pytest.approx(
        figures["incremental"]["reader"] / b["details"]["seconds"]
    )
    assert "1 updated" in figures["incremental"]["details"]["summary"]
    assert figures["duplicates"]["details"]["signed"] == 30
    assert figures["duplicates"]["details"]["full_build_s"] == b["details"]["seconds"]
    assert figures["memory"]["details"]["delta_mb"] == pytest.approx(
        figures["memory"]["reader"] - figures["memory"]["reference"]
    )


def test_queries_find_articles(result):
    figures = {f["key"]: f for f in result["figures"]}
    for kind in QUERY_KINDS:
        d = figures[f"query:{kind}"]["details"]
        assert d["samples"] == len(d["queries"]) and d["samples"] > 0  # --repeat 1
        assert d["errors"] == 0
        assert figures[f"query-first:{kind}"]["details"]["samples"] == len(d["queries"])
    assert figures["query:term"]["details"]["reader_mean_total_hits"] > 0


def test_corpus_machine_and_json(result):
    assert result["corpus"]["articles"] == 30
    m = result["machine"]
    assert m["cpu_count"] and m["python"] and m["versions"]["whoosh"]
    assert result["failed"] == [f["key"] for f in result["figures"] if f["met"] is False]
    assert result["errors"] == []
    saved = json.loads((result["_cache"] / "last-gen-30-s0.json").read_text())
    assert [f["key"] for f in saved["figures"]] == [f["key"] for f in result["figures"]]
    assert any("full build" in line for line in result["_log"])


def test_table_has_one_row_per_figure(result):
    table = run.render_table(result)
    lines = table.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("figure"))
    assert lines[header].split() == ["figure", "reader", "reference", "ratio", "target", "met?"]
    rows = lines[header + 2 : header + 2 + len(result["figures"])]
    assert len(rows) == len(result["figures"])
    for row, f in zip(rows, result["figures"]):
        assert row.startswith(f["figure"])
        assert f["ratio_text"] in row
    assert "cores" in table and "python" in table
    md = run.markdown_table(result)
    assert md.count("\n") == len(result["figures"]) + 1


def test_python_m_bench_parses_its_options(tmp_path):
    """`make bench` runs `python -m bench`: its options, and a one-line error for a bad one."""
    ap = argparse.ArgumentParser()
    options.add_arguments(ap)
    args = ap.parse_args(
        ["--size", "1k", "--skip", "query,open", "--cache-dir", str(tmp_path), "--json"]
    )
    assert args.size == 1000 and args.skip == {"query", "open"}
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--skip", "nonsense"],
        cwd=tmp_path,
        env={**os.environ, **child_env()},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "unknown figure" in proc.stderr


def test_reader_has_no_bench_command():
    """The benchmark is not part of the reader: `reader bench` is not a command."""
    from reader.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["bench"])


def test_sizes_and_helpers():
    assert options.parse_size("10k") == 10_000 and options.parse_size("2500") == 2500
    with pytest.raises(argparse.ArgumentTypeError):
        options.parse_size("lots")
    text = run.make_article(5000, 1, "Title")
    assert 4000 < len(text.encode()) <= 5000 and text.startswith("Title\n\n")
    changed = run._change_a_sentence(text.encode())
    assert changed != text.encode() and len(changed) > len(text.encode())
