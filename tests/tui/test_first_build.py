"""The app's own first build on a new folder: entity extraction in as many worker
processes as `reader index` uses, started afresh (the app is threaded: it never
forks), with the same result as a build in one process, and the articles shown."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.build import default_processes
from reader.cli import main
from reader.config import Settings
from reader.entities import pipeline, workers
from reader.tui.app import make_app
from tests.generated import generate
from tests.tui.conftest import copy_samples
from tests.tui.helpers import main_screen, settle, settle_until

GENERATED = 30


def _export_mentions(articles: Path, index: Path) -> str:
    target = index.parent / f"{index.name}-mentions.jsonl"
    argv = ["export", "mentions", "--articles", str(articles), "--index", str(index)]
    assert main([*argv, "--output", str(target)]) == 0
    return target.read_text()


async def test_a_first_build_in_the_app_uses_worker_processes(tmp_path, monkeypatch):
    articles = copy_samples(tmp_path)
    generate(articles / "generated", GENERATED)
    # Worker processes pay off from 200 articles; a few dozen show the path here.
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10)
    pools = []
    real_pool = workers._pool

    def recording_pool(model_name, processes, start_method="fork"):
        pool = real_pool(model_name, processes, start_method)
        processes_of_pool = pool._pool  # type: ignore[attr-defined]  # multiprocessing's own list
        pools.append((processes, start_method, [p.pid for p in processes_of_pool]))
        return pool

    monkeypatch.setattr(workers, "_pool", recording_pool)
    settings = Settings.resolve(articles=articles, index=tmp_path / "index")
    app = make_app(settings, remember=False, keymap={}, processes=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_until(pilot, lambda: app.library is not None, rounds=2000)
        await settle(pilot)
        screen = main_screen(app)
        assert len(screen.article_list.shown) == GENERATED + 2
        assert screen.article_view.article is not None
        assert screen.article_view.mentions
        assert not screen.index_progress.display

    # The default is `reader index`'s.
    assert make_app(settings).build_processes == default_processes()
    # Two processes, spawned (not forked from the app's threads), and each its own.
    assert [(n, how) for n, how, _pids in pools] == [(2, "spawn")]
    assert len(set(pools[0][2])) == 2

    # The same mentions as a build in one process.
    monkeypatch.setattr(workers, "_pool", real_pool)
    shutil.copytree(articles, tmp_path / "again")
    one = tmp_path / "one-process"
    argv = ["index", "--articles", str(tmp_path / "again"), "--index", str(one)]
    assert main([*argv, "--processes", "1"]) == 0
    assert _export_mentions(articles, tmp_path / "index") == _export_mentions(
        tmp_path / "again", one
    ).replace(str(tmp_path / "again"), str(articles))
