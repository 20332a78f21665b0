"""Entity extraction in worker processes.

spaCy's own `nlp.pipe(n_process=N)` sends every Doc back to the parent, which
then runs our span clean-up alone. Here each worker loads the pipeline once,
runs NER *and* the clean-up, and returns only (start, end, text, label) tuples:
less to serialise, and the clean-up runs in parallel too.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from reader.entities.types import RawMention

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from spacy.language import Language

_nlp: Language | None = None
CHUNK = 16  # texts per task: small enough for smooth progress and quick cancel
#: spaCy refuses texts over nlp.max_length (1,000,000 characters) and its memory
#: grows with text length: long articles go through NER in pieces of this size.
MAX_PIECE = 100_000


def split_for_ner(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, cut at paragraph, line or word breaks."""
    limit = limit or MAX_PIECE
    if len(text) <= limit:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut > start:
                    end = cut
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def extract_texts(
    nlp: Language, texts: Iterable[str], should_stop: Callable[[], bool] | None = None
) -> Iterator[list[RawMention]]:
    """`extract_mentions` for texts of any length: long ones go in pieces."""
    from reader.entities.extract import extract_mentions

    plan: deque[tuple[int, bool]] = deque()  # (offset, last piece of its text)

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = split_for_ner(text)
            for i, (offset, piece) in enumerate(parts):
                plan.append((offset, i == len(parts) - 1))
                yield piece

    current: list[RawMention] = []
    for mentions in extract_mentions(
        nlp, pieces(), n_process=1, batch_size=CHUNK, should_stop=should_stop
    ):
        offset, last = plan.popleft()
        if offset:
            mentions = [
                RawMention(m.start + offset, m.end + offset, m.text, m.label) for m in mentions
            ]
        current.extend(mentions)
        if last:
            yield current
            current = []


def _init(model_name: str, quiet: bool = False) -> None:
    global _nlp
    import signal

    # Ctrl+C is the parent's to handle: it stops the pool. Workers print nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if quiet:
        _silence()
    from reader.entities.model import load_model

    _nlp = load_model(model_name)


def _extract_chunk(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    assert _nlp is not None, "the pool's initializer loads the model"
    return [
        [(m.start, m.end, m.text, m.label) for m in mentions]
        for mentions in extract_texts(_nlp, texts)
    ]


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: How worker processes start. "fork" (the CLI's): at once, with nothing to import
#: again; it is safe only from a single-threaded process, and workers never touch
#: the parent's open SQLite or Whoosh handles. "spawn" (the app's): a fresh
#: interpreter, as forking a threaded process (Textual's) can copy a lock another
#: thread holds into the child, where nobody ever releases it.
START_METHODS = ("fork", "spawn", "forkserver")

#: Pools started ahead of use (`prestart`), by (model name, processes, start method).
_prestarted: dict[tuple[str, int, str], Pool] = {}


def _pool(model_name: str, processes: int, start_method: str = "fork") -> Pool:
    if start_method not in START_METHODS:
        raise ValueError(f"unknown start method {start_method!r}")
    context = multiprocessing.get_context(start_method)
    # A process started afresh inherits the app's terminal: it must write nothing
    # on the screen Textual draws (a forked one from the CLI may warn on stderr).
    quiet = start_method != "fork"
    if start_method != "fork":
        _start_resource_tracker()
    return context.Pool(processes, initializer=_init, initargs=(model_name, quiet))


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (which a spawned pool needs) with
    a real standard error: it passes `sys.stderr.fileno()` to its process, and
    under Textual sys.stderr is a capture whose descriptor is -1 ("bad value(s)
    in fds_to_keep"). Started once; later pools reuse it."""
    import sys
    from multiprocessing import resource_tracker

    captured = sys.stderr
    try:
        usable = captured is not None and captured.fileno() >= 0
    except (OSError, ValueError, AttributeError):
        usable = False
    if usable or sys.__stderr__ is None:
        resource_tracker.ensure_running()
        return
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def _silence() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def prestart(model_name: str, processes: int, start_method: str = "fork") -> None:
    """Start the workers now, so they load the model while the caller reads the
    articles; the next `extract_parallel` with the same arguments uses them."""
    key = (model_name, processes, start_method)
    if key not in _prestarted:
        _prestarted[key] = _pool(model_name, processes, start_method)


def discard_prestarted() -> None:
    """Stop pools `prestart` started that no extraction used."""
    while _prestarted:
        _key, pool = _prestarted.popitem()
        pool.terminate()


def extract_parallel(
    model_name: str,
    texts: Iterable[str],
    processes: int,
    should_stop: Callable[[], bool],
    start_method: str = "fork",
) -> Iterator[list[RawMention]]:
    """Mentions of each text, in order, computed by `processes` workers."""
    key = (model_name, processes, start_method)
    pool = _prestarted.pop(key, None) or _pool(*key)
    with pool:
        try:
            for chunk in pool.imap(_extract_chunk, _chunks(texts, CHUNK)):
                for mentions in chunk:
                    yield [RawMention(*m) for m in mentions]
                if should_stop():
                    return
        finally:
            pool.terminate()
