"""`reader index --cluster`: NER on a real Dask scheduler and worker processes on
127.0.0.1, compared with a local build byte for byte, and the faults a user meets:
Dask missing, the scheduler unreachable, a mismatched worker, an article that
breaks the extraction, a worker killed mid-batch, a build stopped half-way."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import Settings
from tests.generated import generate

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.xdist_group("dask")  # one set of Dask processes per test run

START_TIMEOUT = 240  # seconds for the scheduler and a worker to come up (a load of 25 took 75 s)


class DaskProcesses:
    """A `dask scheduler` and `dask worker` processes on 127.0.0.1."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file = root / "scheduler.json"
        self.procs: list[subprocess.Popen] = []
        self.workers: dict[str, subprocess.Popen] = {}
        self.scheduler = self._start(
            "distributed.cli.dask_scheduler",
            "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0",
            "--scheduler-file", str(self.file),
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while not self.file.exists():
            assert time.monotonic() < deadline, "the Dask scheduler did not start"
            assert self.scheduler.poll() is None, "the Dask scheduler exited"
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written whole, but give it a moment
        self.address = json.loads(self.file.read_text())["address"]
        from distributed import Client

        self.client = Client(self.address, timeout=START_TIMEOUT, set_as_default=False)

    def _start(self, module: str, *args: str) -> subprocess.Popen:
        log = open(self.root / f"{module}-{len(self.procs)}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.root,
        )
        log.close()
        self.procs.append(proc)
        return proc

    def add_worker(self, *, reader: bool = False, preload: Path | None = None) -> str:
        """Start one single-threaded worker (`dask worker`, with the `preload`
        script if any, or `reader worker`: under a nanny, the model loaded as it
        starts); returns its address once it joined."""
        before = set(self.client.scheduler_info()["workers"])
        if reader:
            proc = self._start("reader", "worker", self.address, "--processes", "1")
        else:
            proc = self._start(
                "distributed.cli.dask_worker", "--scheduler-file", str(self.file),
                "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                "--memory-limit", "0", *(["--preload", str(preload)] if preload else []),
            )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            joined = set(self.client.scheduler_info()["workers"]) - before
            if joined:
                address = joined.pop()
                self.workers[address] = proc
                return address
            assert time.monotonic() < deadline, "a Dask worker did not start"
            assert proc.poll() is None, "a Dask worker exited"
            time.sleep(0.2)

    def kill(self, address: str) -> None:
        """SIGKILL the worker process itself (a nanny, if any, starts a new one)."""
        pid = self.client.run(os.getpid, workers=[address])[address]
        os.kill(pid, signal.SIGKILL)

    def remove(self, address: str) -> None:
        """Stop a worker `add_worker` started and wait until the scheduler forgot it."""
        proc = self.workers.pop(address)
        proc.terminate()
        proc.wait(timeout=30)
        deadline = time.monotonic() + START_TIMEOUT
        while address in self.client.scheduler_info()["workers"]:
            assert time.monotonic() < deadline, "the scheduler kept a stopped worker"
            time.sleep(0.2)

    def run_on_workers(self, code: str) -> None:
        self.client.run(exec, code)

    def close(self) -> None:
        self.client.close()
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    pytest.importorskip(
        "distributed", reason="the cluster extra is not installed: pip install -e '.[cluster]'"
    )
    cluster = DaskProcesses(tmp_path_factory.mktemp("dask"))
    try:
        cluster.add_worker()
        cluster.add_worker()
        yield cluster
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The two samples and 200 generated articles."""
    root = tmp_path_factory.mktemp("articles")
    for path in (REPO / "articles").glob("*.txt"):
        shutil.copy(path, root / path.name)
    generate(root / "generated", 200)
    return root


@pytest.fixture(scope="module")
def local_export(articles, tmp_path_factory) -> dict[str, str]:
    index = tmp_path_factory.mktemp("local") / "index"
    assert main(["index", "--articles", str(articles), "--index", str(index)]) == 0
    return exports(articles, index)


def exports(articles: Path, index: Path) -> dict[str, str]:
    out = {}
    for what in ("articles", "entities", "mentions"):
        target = index.parent / f"{what}.jsonl"
        argv = ["export", what, "--articles", str(articles), "--index", str(index)]
        assert main([*argv, "--output", str(target)]) == 0
        out[what] = target.read_text()
    return out


def index_on(cluster, articles: Path, index: Path, capsys) -> tuple[int, str]:
    argv = ["index", "--articles", str(articles), "--index", str(index), "--cluster"]
    code = main([*argv, cluster.address])
    return code, capsys.readouterr().err


def test_a_cluster_build_equals_a_local_build(
    dask_cluster, articles, local_export, tmp_path, capsys
):
    index = tmp_path / "index"
    code, err = index_on(dask_cluster, articles, index, capsys)
    assert code == 0, err
    assert exports(articles, index) == local_export
    assert local_export["mentions"].count("\n") > 1000

    # Every article came from the cluster (the NER cache of this index was empty).
    from reader.entities.cache import NerCache
    from reader.entities.model import model_fingerprint, resolve_model_name

    cache = NerCache(index / "ner-cache.sqlite", model_fingerprint(resolve_model_name(None)))
    try:
        assert cache.count() == len(local_export["articles"].splitlines()) == 202
    finally:
        cache.close()


def test_without_dask_the_option_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    argv = ["index", "--articles", str(REPO / "articles"), "--index", str(tmp_path / "index")]
    assert main([*argv, "--cluster", "tcp://127.0.0.1:8786"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'reader[cluster]'" in err
    assert not (tmp_path / "index").exists()


def test_an_unreachable_scheduler_leaves_the_index_untouched(tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed", reason="the cluster extra is not installed")
    from reader.entities import cluster_ner

    monkeypatch.setattr(cluster_ner, "CONNECT_TIMEOUT", 1.0)
    index = tmp_path / "index"
    argv = ["index", "--articles", str(REPO / "articles"), "--index", str(index)]
    assert main([*argv, "--no-entities"]) == 0
    before = {p: p.read_bytes() for p in index.rglob("*") if p.is_file()}
    capsys.readouterr()
    monkeypatch.setenv("READER_CLUSTER", "tcp://127.0.0.1:9")  # discard port: nobody listens
    assert main([*argv, "--rebuild"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert err.count("\n") == 1
    assert {p: p.read_bytes() for p in index.rglob("*") if p.is_file()} == before


def test_a_worker_with_another_spacy_is_refused(dask_cluster, tmp_path, capsys):
    dask_cluster.run_on_workers(
        "import reader.entities.cluster_ner as c\n"
        "c._real_identity = c.worker_identity\n"
        "c.worker_identity = lambda model, c=c: (('spaCy', '2.0.0'), *c._real_identity(model)[1:])\n"
    )
    try:
        code, err = index_on(dask_cluster, REPO / "articles", tmp_path / "index", capsys)
    finally:
        dask_cluster.run_on_workers(
            "import reader.entities.cluster_ner as c\nc.worker_identity = c._real_identity\n"
        )
    assert code == 1
    assert "has spaCy 2.0.0 but this machine has spaCy 3." in err
    assert "install the same reader, spaCy and model on every worker" in err
    assert not (tmp_path / "index").exists()


def test_an_article_that_breaks_the_extraction_is_reported_and_the_rest_go_on(
    dask_cluster, tmp_path, capsys
):
    articles = tmp_path / "articles"
    shutil.copytree(REPO / "articles", articles)
    (articles / "bad.txt").write_text("Poisoned\n\nAngela Merkel met Emmanuel Macron in Paris.\n")
    dask_cluster.run_on_workers(
        "import reader.entities.workers as w\n"
        "w._real_extract_texts = w.extract_texts\n"
        "def extract_texts(nlp, texts, should_stop=None, w=w):\n"
        "    texts = list(texts)\n"
        "    if any(t.startswith('Poisoned') for t in texts):\n"
        "        raise ValueError('the model choked')\n"
        "    return w._real_extract_texts(nlp, texts, should_stop)\n"
        "w.extract_texts = extract_texts\n"
    )
    try:
        code, err = index_on(dask_cluster, articles, tmp_path / "index", capsys)
    finally:
        dask_cluster.run_on_workers(
            "import reader.entities.workers as w\nw.extract_texts = w._real_extract_texts\n"
        )
    assert code == 0, err
    assert (
        "article bad: entity extraction failed on the cluster (ValueError: the model choked)" in err
    )
    local = exports(REPO / "articles", tmp_path / "samples-index")
    got = exports(articles, tmp_path / "index")
    bad = [line for line in got["mentions"].splitlines() if '"bad"' in line]
    assert bad == []
    assert [line for line in got["mentions"].splitlines() if '"bad"' not in line] == local[
        "mentions"
    ].splitlines()

    # The next update tries the article again, and now it has its entities.
    code, err = index_on(dask_cluster, articles, tmp_path / "index", capsys)
    assert code == 0, err
    assert "failed" not in err
    mentions = exports(articles, tmp_path / "index")["mentions"]
    assert "Emmanuel Macron" in "".join(line for line in mentions.splitlines() if '"bad"' in line)


def test_a_worker_killed_mid_batch_costs_nothing(dask_cluster, articles, local_export, tmp_path):
    from reader.indexer import update_index

    victim = dask_cluster.add_worker(reader=True)
    killed: list = []

    def progress(stage: str, done: int, total: int) -> None:
        # Kill the third worker (`reader worker`) while it holds batches: they go
        # to the others.
        holds = stage == "entities" and done and not killed
        if holds and dask_cluster.client.processing(workers=[victim]).get(victim):
            dask_cluster.kill(victim)
            killed.append(victim)

    settings = dataclasses.replace(
        Settings.resolve(articles, tmp_path / "index"), cluster=dask_cluster.address
    )
    report = update_index(settings, progress=progress)
    assert killed, "the third worker never held a batch"
    assert not [w for w in report.warnings if "failed" in w]
    assert exports(articles, tmp_path / "index") == local_export


def test_a_stopped_build_resumes_from_the_batches_that_came_back(
    dask_cluster, articles, local_export, tmp_path
):
    from reader.indexer import Cancelled, update_index

    settings = dataclasses.replace(
        Settings.resolve(articles, tmp_path / "index"), cluster=dask_cluster.address
    )
    seen = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "entities" and done:
            seen.append(done)

    with pytest.raises(Cancelled):
        update_index(settings, progress=progress, should_stop=lambda: bool(seen))
    kept = seen[-1]
    assert 0 < kept < 202
    report = update_index(settings)
    assert report.ner_articles == 202 - kept
    assert exports(articles, tmp_path / "index") == local_export


def test_a_mismatched_worker_joining_mid_build_is_refused_and_the_build_goes_on(
    dask_cluster, articles, local_export, tmp_path
):
    from reader.indexer import update_index

    # A worker whose spaCy is another version: what it would report, from the
    # moment it starts (before its first task).
    preload = tmp_path / "old_spacy.py"
    preload.write_text(  # Dask may run a preload file twice: patch once
        "import reader.entities.cluster_ner as c\n"
        "if not hasattr(c, '_real_identity'):\n"
        "    c._real_identity = c.worker_identity\n"
        "    c.worker_identity = lambda m: (('spaCy', '2.0.0'), *c._real_identity(m)[1:])\n"
    )
    joined: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "entities" and done and not joined:
            joined.append(dask_cluster.add_worker(preload=preload))

    settings = dataclasses.replace(
        Settings.resolve(articles, tmp_path / "index"), cluster=dask_cluster.address
    )
    try:
        report = update_index(settings, progress=progress)
    finally:
        if joined:
            dask_cluster.remove(joined[0])
    assert joined, "no batch came back"
    refusals = [w for w in report.warnings if "joined during the build and was refused" in w]
    assert len(refusals) == 1, report.warnings  # said once, however many batches it gave back
    assert refusals[0].startswith(
        f"the Dask worker {joined[0]} has spaCy 2.0.0 but this machine has spaCy 3."
    )
    assert "install the same reader, spaCy and model on every worker" in refusals[0]
    assert report.warnings == refusals  # nothing failed
    assert report.ner_articles == 202
    assert exports(articles, tmp_path / "index") == local_export


def test_reader_worker_listens_only_where_the_scheduler_reaches_it(dask_cluster):
    import psutil

    address = dask_cluster.add_worker(reader=True)
    try:
        pid = dask_cluster.client.run(os.getpid, workers=[address])[address]
        worker = psutil.Process(pid)
        processes = [worker, worker.parent()]  # the worker and its nanny
        listening = [
            c.laddr.ip
            for p in processes
            for c in p.net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN
        ]
        assert listening and set(listening) == {"127.0.0.1"}  # no dashboard on 0.0.0.0
    finally:
        dask_cluster.remove(address)
