"""Smoke tests of bench.cluster, bench.build_latency and bench.reindex_breakdown
on the two samples: they run end to end (a real Dask scheduler and worker; the real app building its
index) and print the figures' shape. Never asserts a timing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.xdist_group("dask")
def test_the_cluster_benchmark_runs_on_the_samples(capsys):
    pytest.importorskip(
        "distributed", reason="the cluster extra is not installed: pip install -e '.[cluster]'"
    )
    from bench import cluster

    assert cluster.main(["--corpus", str(REPO / "articles"), "--workers", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"] == 2
    runs = [row["run"] for row in result["rows"]]
    assert runs == ["local, 1 process (reference)", "cluster, 1 worker process(es)"]
    for row in result["rows"]:
        assert row["seconds"] > 0 and row["articles_per_s"] > 0 and row["time_ratio"] > 0
    assert result["rows"][0]["time_ratio"] == 1.0


def test_the_build_latency_benchmark_runs_on_the_samples(tmp_path, capsys):
    from bench import build_latency

    articles = tmp_path / "articles"
    shutil.copytree(REPO / "articles", articles)
    assert build_latency.main(["--corpus", str(articles), "--processes", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("first build in the app of 2 articles")
    assert out[1].startswith("| NER processes | build | keys during it |")
    assert out[3].startswith("| 1 | ")
    assert len(out) == 4
    assert not (articles.parent / "index").exists()  # the index went to a temporary folder


def test_the_reindex_breakdown_runs_on_the_samples(tmp_path, capsys):
    from bench import reindex_breakdown
    from reader.config import Settings
    from reader.indexer import update_index

    articles = tmp_path / "articles"
    shutil.copytree(REPO / "articles", articles)
    first = articles / "000_dbd5abc5addd0f1b.txt"
    before = first.read_bytes()
    update_index(Settings.resolve(articles, tmp_path / "index", entities=True), processes=1)
    argv = ["--articles", str(articles), "--index", str(tmp_path / "index")]
    assert reindex_breakdown.main([*argv, "000_dbd5abc5addd0f1b", "--runs", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Ctrl+R to the changed text on screen, ms:")
    assert len(out[0].split(":")[1].split()) == 2
    steps = [line.split()[0] for line in out[1:]]
    assert steps.count("update_index") >= 2 and "load_collection" in steps
    assert first.read_bytes() == before  # the article put back
