"""Entity extraction on a Dask cluster: `reader index --cluster tcp://HOST:8786`.

Only NER leaves the machine: batches of (article id, text) go to the workers of a
running Dask scheduler, mention tuples come back (never spaCy Docs) and go into
the NER cache as each batch arrives, so a lost worker or Ctrl+C costs at most the
batches in flight and the next run resumes from the cache. Linking, the store and
Whoosh stay here.

A worker runs the same code as a local build (`extract_texts`) and loads the
pipeline once per process (`load_model` caches it). Each task carries the model
name and this machine's identity of the extraction (spaCy version, model package
and rules fingerprint, a digest of the extraction code); a worker whose own
identity differs refuses the task, so a cluster never mixes results of two models.

Dask is optional (`pip install 'reader[cluster]'`); it is imported only here and
only when asked for.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.config import Settings
from reader.entities.extract import RawMention
from reader.errors import ReaderError, UsageError

if TYPE_CHECKING:
    from distributed import Client

    from reader.build import IndexReport
    from reader.entities.cache import NerCache


class TextSource(Protocol):
    """Where the articles' texts are read from (the store, or a benchmark's dict)."""

    def texts(self, ids: Iterable[str]) -> Iterator[tuple[str, str]]: ...


#: What decides a process's extraction: (what, its version) pairs.
Identity = tuple[tuple[str, str], ...]

CLUSTER_ENV = "READER_CLUSTER"
INSTALL_HINT = (
    "--cluster needs Dask, which is not installed: pip install 'reader[cluster]'"
    " (dask and distributed)"
)
#: Articles per task: a few seconds of NER, so a lost worker costs little and
#: progress moves smoothly, while the per-task overhead (~1 ms) stays negligible.
BATCH = 16
#: Tasks kept in flight per worker thread: enough that no worker waits for the next.
IN_FLIGHT_PER_THREAD = 2
CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler
WORKERS_TIMEOUT = 30.0  # seconds to wait for a first worker, or for one to come back
POLL = 0.5  # seconds between checks of Ctrl+C / the TUI's stop while waiting

# The sources whose code runs on a worker: a worker with other code is refused.
_EXTRACTION_SOURCES = (
    "extract.py",
    "spans.py",
    "notnames.py",
    "layout.py",
    "demonyms.py",
    "names.py",
    "workers.py",
    "model.py",
)


class WorkerMismatch(Exception):
    """A worker's spaCy, model or extraction code is not the client's: args are
    (the message, the worker's address)."""

    @property
    def worker(self) -> str:
        return str(self.args[1]) if len(self.args) > 1 else "(unknown)"

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def require_dask() -> None:
    """Raise a one-line ReaderError saying what to install when Dask is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ReaderError(INSTALL_HINT) from None


# ---------------------------------------------------------------- worker side


@lru_cache(maxsize=8)
def worker_identity(model: str) -> tuple[tuple[str, str], ...]:
    """What decides the mentions a process extracts: spaCy, the model package and
    the rules (its fingerprint), and the extraction code."""
    import importlib.metadata as metadata

    from reader.entities.model import _installed, model_fingerprint

    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError:
        spacy_version = "not installed"
    here = Path(__file__).resolve().parent
    code = hashlib.blake2b(digest_size=8)
    for name in _EXTRACTION_SOURCES:
        code.update((here / name).read_bytes())
    return (
        ("spaCy", spacy_version),
        ("model", model_fingerprint(model) if _installed(model) else f"{model} not installed"),
        ("extraction code", code.hexdigest()),
    )


def _describe(identity: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{k} {v}" for k, v in identity)


def _mismatch(where: str, found: Iterable[tuple[str, str]], expected: Identity) -> str:
    diff = [(k, v) for (k, v), (_, want) in zip(found, expected) if v != want]
    want = [(k, w) for (k, v), (_, w) in zip(found, expected) if v != w]
    return (
        f"the Dask worker {where} has {_describe(diff)} but this machine has {_describe(want)}:"
        " install the same reader, spaCy and model on every worker"
    )


def extract_batch(
    expected: tuple[tuple[str, str], ...], model: str, batch: list[tuple[str, str]]
) -> list[tuple[str, list[tuple[int, int, str, str]] | None, str | None]]:
    """Runs on a worker: (article id, mention tuples, None) for each article of
    the batch, or (article id, None, error) for one the extraction failed on."""
    found = worker_identity(model)
    if found != expected:
        where = _worker_address()
        raise WorkerMismatch(_mismatch(where, found, expected), where)
    from reader.entities.model import load_model
    from reader.entities.workers import extract_texts

    nlp = load_model(model)
    texts = [text for _aid, text in batch]
    try:
        results: list = list(extract_texts(nlp, texts))
    except Exception:
        # One article broke the batch: each on its own, so only it is lost.
        results = []
        for text in texts:
            try:
                results.extend(extract_texts(nlp, [text]))
            except Exception as exc:
                results.append(f"{type(exc).__name__}: {exc}")
    out: list[tuple[str, list[tuple[int, int, str, str]] | None, str | None]] = []
    for (aid, _text), mentions in zip(batch, results):
        if isinstance(mentions, str):
            out.append((aid, None, mentions))
        else:
            out.append((aid, [(m.start, m.end, m.text, m.label) for m in mentions], None))
    return out


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "(unknown)"


def dask_setup(worker: object) -> None:  # `dask worker --preload reader.entities.cluster_ner`
    """Load the default pipeline when a worker starts, before its first task."""
    import os

    from reader.entities.model import ModelNotFound, load_model, resolve_model_name

    try:
        load_model(resolve_model_name(os.environ.get("READER_MODEL") or None))
    except ModelNotFound as exc:
        logging.getLogger("reader").warning("reader: %s", exc)


# ---------------------------------------------------------------- client side


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Dask logs its connection retries and shutdown on stderr: the user gets our
    one line instead."""
    loggers = [logging.getLogger(n) for n in ("distributed", "tornado")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _probe(address: str) -> str | None:
    """Fail at once on a refused connection or an unknown host: Dask would retry
    for CONNECT_TIMEOUT seconds first. Returns this machine's address on the
    way to the scheduler (None for a scheme left to Dask)."""
    import socket

    if "://" in address and not address.startswith("tcp://"):
        return None  # tls://, ucx://...: left to Dask
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(
            f"{address!r} is not a Dask scheduler address; it looks like tcp://HOST:8786"
        )
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT) as s:
            return str(s.getsockname()[0])
    except OSError as exc:
        raise _unreachable(address, exc) from None


def connect(address: str, model: str) -> Client:
    """A Client of the scheduler at `address` with at least one worker, every
    worker checked to extract as this machine would; else a ReaderError."""
    require_dask()
    from distributed import Client

    _probe(address)
    with _quiet_dask():
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise _unreachable(address, exc) from None
        try:
            check_workers(client, address, model)
        except BaseException:
            client.close()
            raise
    return client


def check_workers(client: Client, address: str, model: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError:
        raise ReaderError(
            f"the Dask scheduler at {address} has no workers after {WORKERS_TIMEOUT:.0f} s; "
            f"start some with `reader worker {address}`"
        ) from None
    expected = worker_identity(model)
    try:
        found = client.run(worker_identity, model, on_error="return")
    except Exception as exc:
        raise ReaderError(f"cannot ask the Dask workers at {address}: {exc}") from None
    for worker, identity in sorted(found.items()):
        if isinstance(identity, BaseException):
            raise ReaderError(
                f"the Dask worker {worker} cannot run reader's extraction "
                f"({type(identity).__name__}: {identity}); install reader and its model there"
            )
        if tuple(map(tuple, identity)) != expected:
            raise ReaderError(_mismatch(worker, identity, expected))


def extract_on_cluster(
    address: str,
    model: str,
    cache: NerCache,
    store: TextSource,
    missing: list[str],
    hashes: dict[str, str],
    raw: dict[str, list[RawMention]],
    report: IndexReport,
    progress: Callable[[str, int, int], None],
    should_stop: Callable[[], bool],
) -> set[str]:
    """Extract the `missing` articles on the cluster into the NER cache and `raw`;
    returns the articles the extraction failed on (reported in `report.warnings`,
    given no mentions, not cached: the next update tries them again)."""
    client = connect(address, model)
    with _quiet_dask():
        try:
            return _run(
                client,
                address,
                model,
                cache,
                store,
                missing,
                hashes,
                raw,
                report,
                progress,
                should_stop,
            )
        finally:
            client.close()


def _batches(rows: Iterable[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run(
    client: Client,
    address: str,
    model: str,
    cache: NerCache,
    store: TextSource,
    missing: list[str],
    hashes: dict[str, str],
    raw: dict[str, list[RawMention]],
    report: IndexReport,
    progress: Callable[[str, int, int], None],
    should_stop: Callable[[], bool],
) -> set[str]:
    import queue

    from distributed.scheduler import KilledWorker

    expected = worker_identity(model)
    batches = _batches(store.texts(missing), BATCH)
    refused: dict[str, str] = {}  # worker address -> why (it joined with another identity)
    retry: deque[list[tuple[str, str]]] = deque()  # batches a refused worker gave back
    pending: dict = {}  # future -> (its batch, the workers it may run on or None: any)
    finished: queue.SimpleQueue = queue.SimpleQueue()  # futures as they finish
    failed: set[str] = set()
    done = 0
    total = len(missing)
    progress("entities", 0, total)

    def usable() -> dict[str, int]:
        return {w: n for w, n in client.nthreads().items() if w not in refused}

    def submit_more() -> None:
        workers = usable()
        if refused and not workers:
            return  # nobody to run it: wait for a worker (see _check_cluster)
        threads = sum(workers.values()) or 1
        while len(pending) < IN_FLIGHT_PER_THREAD * threads:
            batch = retry.popleft() if retry else next(batches, None)
            if batch is None:
                return
            # Once a worker was refused, each batch names the others (a strict
            # restriction: the scheduler never gives it, nor steals it, to a
            # refused worker).
            allowed = sorted(workers) if refused else None
            future = client.submit(
                extract_batch, expected, model, batch, pure=False,
                workers=allowed, allow_other_workers=False,
            )  # fmt: skip
            pending[future] = (batch, None if allowed is None else set(allowed))
            future.add_done_callback(finished.put)

    def requeue_stranded() -> None:
        """Batches restricted to workers that are all gone go back in the queue."""
        alive = set(client.nthreads())
        for future, (batch, allowed) in list(pending.items()):
            if allowed is not None and not allowed & alive:
                del pending[future]
                client.cancel([future])
                retry.append(batch)

    def refuse(exc: WorkerMismatch, batch: list[tuple[str, str]]) -> None:
        if exc.worker not in refused:
            refused[exc.worker] = str(exc)
            report.warnings.append(
                f"{exc}; it joined during the build and was refused: its batches went to "
                "the other workers"
            )
        retry.append(batch)

    def skip(aid: str, why: str) -> None:
        failed.add(aid)
        raw[hashes[aid]] = []
        report.warnings.append(
            f"article {aid}: entity extraction failed on the cluster ({why[:200]}); "
            "it has no entities until the next update tries it again"
        )

    last_worker: float | None = None
    try:
        submit_more()
        while pending or retry:
            if should_stop():
                return failed
            try:
                future = finished.get(timeout=POLL)
            except queue.Empty:
                last_worker = _check_cluster(client, address, last_worker, refused)
                requeue_stranded()
                submit_more()
                continue
            entry = pending.pop(future, None)
            if entry is None:
                continue
            batch = entry[0]
            aids = [aid for aid, _text in batch]
            try:
                rows = future.result()
            except WorkerMismatch as exc:
                refuse(exc, batch)
                submit_more()
                continue
            except KilledWorker:
                rows = [(aid, None, "the batch stopped every worker that ran it") for aid in aids]
            except Exception as exc:
                if client.status != "running":
                    raise _lost(address) from None
                rows = [(aid, None, f"{type(exc).__name__}: {exc}") for aid in aids]
            for aid, mentions, error in rows:
                if error is not None:
                    skip(aid, error)
                    continue
                found = [RawMention(*m) for m in mentions]
                cache.put(hashes[aid], found)
                raw[hashes[aid]] = found
                report.ner_articles += 1
            cache.commit()  # an interrupted build keeps every batch that came back
            done += len(aids)
            progress("entities", done, total)
            submit_more()
    finally:
        if pending:
            try:
                client.cancel(list(pending))
            except Exception:
                pass
    return failed


def _check_cluster(
    client: Client, address: str, last_worker: float | None, refused: dict[str, str]
) -> float:
    """While no batch comes back: fail when the scheduler is gone, or when it has
    had no usable worker (none, or only refused ones) for WORKERS_TIMEOUT
    seconds; returns when it last had one."""
    if client.status != "running":
        raise _lost(address)
    now = time.monotonic()
    try:
        workers = set(client.nthreads()) - set(refused)
    except Exception:
        raise _lost(address) from None
    if workers:
        return now
    since = now if last_worker is None else last_worker
    if now - since > WORKERS_TIMEOUT:
        which = "no workers" if not refused else "only refused workers"
        raise ReaderError(
            f"the Dask scheduler at {address} has had {which} for {WORKERS_TIMEOUT:.0f} s; "
            "the NER cache keeps what came back: run again to resume"
        )
    return since


def _unreachable(address: str, exc: BaseException) -> ReaderError:
    detail = getattr(exc, "strerror", None) or str(exc).split("\n")[0] or type(exc).__name__
    return ReaderError(
        f"cannot reach the Dask scheduler at {address} ({detail[:200]}); "
        "is `dask scheduler` running there?"
    )


def _lost(address: str) -> ReaderError:
    return ReaderError(
        f"lost the Dask scheduler at {address}; the NER cache keeps what came back: "
        "run again to resume"
    )


def for_index(settings: Settings, address: str | None) -> Settings:
    """`settings` for an index update whose NER runs on the cluster at `address`
    (else $READER_CLUSTER); checked first, so an unreachable scheduler or a
    mismatched worker stops the update before it touches the index."""
    import dataclasses
    import os

    address = (address or os.environ.get(CLUSTER_ENV) or "").strip()
    if not address:
        return settings
    require_dask()
    if settings.entities:
        from reader.entities.model import ModelNotFound, resolve_model_name

        try:
            model = resolve_model_name(settings.model)
        except ModelNotFound as exc:
            raise ReaderError(str(exc)) from None
        with _quiet_dask():
            connect(address, model).close()
    return dataclasses.replace(settings, cluster=address)


def worker_command(address: str, processes: int, host: str | None = None) -> list[str]:
    """`dask worker` as `reader worker` runs it: single-threaded processes (spaCy
    gains nothing from threads), each loading the pipeline as it starts,
    listening on `host` only (Dask's default is every interface) and without a
    dashboard (Dask's default: a web page on every interface)."""
    import sys

    return [
        sys.executable, "-m", "distributed.cli.dask_worker", address,
        "--nworkers", str(processes), "--nthreads", "1", "--no-dashboard",
        # --no-dashboard keeps Dask's HTTP server (health, metrics): it goes to `host` too.
        *(["--host", host, "--dashboard-address", f"[{host}]:0" if ":" in host else f"{host}:0"]
          if host else []),
        "--preload", "reader.entities.cluster_ner",
    ]  # fmt: skip


def run_worker(address: str, processes: int, model: str | None) -> None:
    """Become a Dask worker of the scheduler at `address` (never returns), after
    checking what a build would check: the model is here and the scheduler answers."""
    import os

    require_dask()
    from distributed import Client

    from reader.entities.model import ModelNotFound, resolve_model_name

    try:
        model = resolve_model_name(model)
    except ModelNotFound as exc:
        raise ReaderError(str(exc)) from None
    # The interface the scheduler is reached through: the only one to listen on.
    host = _probe(address)
    with _quiet_dask():
        try:
            Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False).close()
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise _unreachable(address, exc) from None
    command = worker_command(address, processes, host)
    os.execve(command[0], command, {**os.environ, "READER_MODEL": model})
