"""Interrupted and concurrent builds: SIGKILL at any moment, Ctrl+C, two builds at
once, and a reader searching while another process rebuilds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.config import Settings
from reader.indexer import index_status, update_index
from reader.library import Library
from reader.locking import IndexLock
from tests.hardening.helpers import REPO, cli

N = 300
QUERIES = ("minister", "government OR police", '"prime minister"', "report*")
DRIVER = Path(__file__).with_name("signal_at.py")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few hundred generated news-like articles, written once for the module."""
    from tests.generated import generate

    root = tmp_path_factory.mktemp("generated") / "articles"
    generate(root, N)
    return root


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, int]:
    """Hit counts of an index built without interruption."""
    settings = Settings.resolve(
        corpus, tmp_path_factory.mktemp("reference") / "index", entities=False
    )
    update_index(settings, processes=1)
    return counts(settings)


def counts(settings: Settings) -> dict[str, int]:
    library = Library(settings)
    try:
        out = {"articles": library.article_count(), "whoosh": library.searcher.doc_count}
        # pagelen=N: every hit counted, whatever the collector's page-limited total says
        out.update({q: library.search(q, pagelen=N).total for q in QUERIES})
        for q in QUERIES[:2]:
            for hit in library.search(q, pagelen=50).hits:
                assert library.text_of(hit.id), hit.id  # every hit has its article
        return out
    finally:
        library.close()


def settings_for(corpus: Path, tmp_path: Path) -> Settings:
    return Settings.resolve(corpus, tmp_path / "index", entities=False)


def reader_argv(settings: Settings, *args: str) -> list[str]:
    return [
        "--articles",
        str(settings.articles_dir),
        "--index",
        str(settings.index_dir),
        "--no-entities",
        *args,
    ]


def run_driver(
    settings: Settings, point: str, signame: str, *args: str, **kw
) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, str(DRIVER), point, signame, "--", *reader_argv(settings, *args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        **kw,
    )


def spawn(settings: Settings, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, str(DRIVER), "start", "SIGINT", "--", *reader_argv(settings, *args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )


def recovers(settings: Settings, reference: dict[str, int]) -> None:
    """The next run opens the index (or rebuilds it) by itself; counts are right."""
    report = update_index(settings, processes=1)
    assert not report.skipped
    assert counts(settings) == reference
    assert index_status(settings) == "fresh"


# ---------------------------------------------------------------- SIGKILL


@pytest.mark.parametrize(
    "point", ["reading:1", "reading:150", "indexing:1", "indexing:200", "whoosh-committed"]
)
def test_sigkill_at_each_stage_of_a_first_build(corpus, reference, tmp_path, point):
    settings = settings_for(corpus, tmp_path)
    proc = run_driver(settings, point, "SIGKILL", "index")
    assert proc.returncode == -signal.SIGKILL
    recovers(settings, reference)


@pytest.mark.parametrize("delay", [0.2, 0.7, 1.2])
def test_sigkill_after_various_delays(corpus, reference, tmp_path, delay):
    settings = settings_for(corpus, tmp_path)
    proc = spawn(settings, "index")
    assert proc.stdout.readline().strip() == "started"  # imports done: the build is starting
    time.sleep(delay)
    proc.kill()
    proc.communicate()
    recovers(settings, reference)


def test_sigkill_during_a_rebuild_keeps_the_old_index_usable(corpus, reference, tmp_path):
    settings = settings_for(corpus, tmp_path)
    update_index(settings, processes=1)
    for point in ("reading:100", "indexing:100", "whoosh-committed"):
        proc = run_driver(settings, point, "SIGKILL", "index", "--rebuild")
        assert proc.returncode == -signal.SIGKILL
        # Before any repair, a reader opens what is there and finds everything.
        library = Library(settings)
        assert library.article_count() == N
        assert library.search("minister", pagelen=N).total == reference["minister"]
        library.close()
    recovers(settings, reference)


def test_killed_after_the_whoosh_commit_then_files_removed(corpus, tmp_path):
    """Whoosh commits first: documents the store never recorded must not linger."""
    articles = tmp_path / "articles"
    shutil.copytree(corpus, articles)
    settings = Settings.resolve(articles, tmp_path / "index", entities=False)
    proc = run_driver(settings, "whoosh-committed", "SIGKILL", "index")
    assert proc.returncode == -signal.SIGKILL
    removed = sorted(articles.rglob("*.txt"))[:10]
    for path in removed:
        path.unlink()
    update_index(settings, processes=1)
    library = Library(settings)
    assert library.article_count() == library.searcher.doc_count == N - 10
    gone = {p.stem for p in removed}
    assert not gone & {h.id for h in library.search("minister OR government", pagelen=400).hits}
    library.close()


# ---------------------------------------------------------------- Ctrl+C


def test_ctrl_c_stops_cleanly_and_keeps_what_was_committed(corpus, reference, tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(corpus, articles)
    later = tmp_path / "later"
    later.mkdir()
    for path in sorted(articles.rglob("*.txt"))[N // 2 :]:
        path.rename(later / path.name)
    settings = Settings.resolve(articles, tmp_path / "index", entities=False)
    update_index(settings, processes=1)  # the first half is committed
    for path in later.iterdir():
        path.rename(articles / path.name)
    for point in ("reading:50", "indexing:100", "whoosh-committed"):
        proc = run_driver(settings, point, "SIGINT", "index")
        assert proc.returncode == 130, proc.stderr
        assert proc.stderr == "reader: interrupted\n"
        assert proc.stdout == ""
        library = Library(settings)
        assert library.article_count() == N // 2  # what was committed before
        library.close()
    recovers(settings, reference)


def test_ctrl_c_at_a_random_moment(corpus, reference, tmp_path):
    settings = settings_for(corpus, tmp_path)
    proc = spawn(settings, "index")
    assert proc.stdout.readline().strip() == "started"
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    if proc.returncode == 130:
        assert err == "reader: interrupted\n"
    else:  # it finished first
        assert proc.returncode == 0, err
    recovers(settings, reference)


# ---------------------------------------------------------------- two at once


def test_two_builds_at_once(corpus, reference, tmp_path):
    settings = settings_for(corpus, tmp_path)
    first, second = spawn(settings, "index"), spawn(settings, "index")
    results = [p.communicate(timeout=120) + (p.returncode,) for p in (first, second)]
    for _out, err, code in results:
        if code != 0:  # the one that waited too long says so, in one line
            assert code == 1 and err.count("\n") == 1
            assert "being updated by another reader" in err
    assert any(code == 0 for *_, code in results)
    assert counts(settings) == reference


def test_a_build_while_another_holds_the_lock_says_so(
    corpus, reference, tmp_path, monkeypatch, capsys
):
    import reader.cli
    import reader.cliutil

    settings = settings_for(corpus, tmp_path)
    update_index(settings, processes=1)
    with IndexLock(settings.index_dir):
        started = time.monotonic()
        proc = cli(settings, "index")
        assert time.monotonic() - started >= 5  # it waited
        assert proc.returncode == 1
        err = proc.stderr.decode()
        assert err.startswith("reader: error:") and "being updated by another reader" in err
        assert err.count("\n") == 1
        # A search that finds the index stale uses it as it is (a shorter wait here).
        real = reader.cliutil.run_update
        monkeypatch.setattr(
            reader.cliutil,
            "run_update",
            lambda s, err, **kw: real(s, err, **{**kw, "lock_wait": 0.2}),
        )
        import reader.indexer

        monkeypatch.setattr(reader.indexer, "index_status", lambda s: "stale")
        assert reader.cli.main(reader_argv(settings, "search", "minister")) == 0
        out, err = capsys.readouterr()
        assert err == "reader: note: another process is updating the index; using it as it is\n"
        assert "matching articles" in out
    assert counts(settings) == reference


# ---------------------------------------------------------------- reading while building


def test_a_reader_keeps_working_while_another_process_rebuilds(corpus, reference, tmp_path):
    settings = settings_for(corpus, tmp_path)
    update_index(settings, processes=1)
    library = Library(settings)
    rebuild = spawn(settings, "index", "--rebuild")
    assert rebuild.stdout.readline().strip() == "started"
    searches = 0
    while rebuild.poll() is None or searches < 3:
        results = library.search("minister", pagelen=N)
        assert results.total == reference["minister"]
        for hit in results.hits[:20]:
            assert library.text_of(hit.id) is not None
            library.article(hit.id)
        assert library.article_count() == N
        if searches % 4 == 0:  # a reader started meanwhile opens it too
            other = Library(settings)
            assert other.search("minister", pagelen=N).total == reference["minister"]
            other.close()
        searches += 1
    assert rebuild.wait() == 0, rebuild.stderr.read()
    library.refresh()
    assert library.search("minister", pagelen=N).total == reference["minister"]
    assert library.searcher.doc_count == N
    library.close()
    assert searches >= 3
    assert counts(settings) == reference
