"""Entity extraction in worker processes.

spaCy's own `nlp.pipe(n_process=N)` sends every Doc back to the parent, which
then runs our span clean-up alone. Here each worker loads the pipeline once,
runs NER *and* the clean-up, and returns only (start, end, text, label) tuples:
less to serialise, and the clean-up runs in parallel too.
"""

from __future__ import annotations

import multiprocessing
from typing import Callable, Iterable, Iterator

from reader.entities.extract import RawMention

_nlp = None
CHUNK = 16  # texts per task: small enough for smooth progress and quick cancel


def _init(model_name: str) -> None:
    global _nlp
    from reader.entities.model import load_model

    _nlp = load_model(model_name)


def _extract_chunk(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    from reader.entities.extract import extract_mentions

    return [[(m.start, m.end, m.text, m.label) for m in mentions]
            for mentions in extract_mentions(_nlp, texts, n_process=1, batch_size=CHUNK)]


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_parallel(model_name: str, texts: Iterable[str], processes: int,
                     should_stop: Callable[[], bool]) -> Iterator[list[RawMention]]:
    """Mentions of each text, in order, computed by `processes` workers."""
    # "fork": workers start at once and need no re-import of the caller's main
    # module. Only the single-threaded CLI uses processes (the TUI runs with one),
    # and workers never touch the parent's open SQLite or Whoosh handles.
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_init, initargs=(model_name,)) as pool:
        try:
            for chunk in pool.imap(_extract_chunk, _chunks(texts, CHUNK)):
                for mentions in chunk:
                    yield [RawMention(*m) for m in mentions]
                if should_stop():
                    return
        finally:
            pool.terminate()
