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


def _init(model_name: str) -> None:
    global _nlp
    import signal

    # Ctrl+C is the parent's to handle: it stops the pool. Workers print nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


#: Pools started ahead of use (`prestart`), by (model name, processes).
_prestarted: dict[tuple[str, int], Pool] = {}


def _pool(model_name: str, processes: int) -> Pool:
    # "fork": workers start at once and need no re-import of the caller's main
    # module. Only the single-threaded CLI uses processes (the TUI runs with one),
    # and workers never touch the parent's open SQLite or Whoosh handles.
    context = multiprocessing.get_context("fork")
    return context.Pool(processes, initializer=_init, initargs=(model_name,))


def prestart(model_name: str, processes: int) -> None:
    """Start the workers now, so they load the model while the caller reads the
    articles; the next `extract_parallel` with the same arguments uses them."""
    key = (model_name, processes)
    if key not in _prestarted:
        _prestarted[key] = _pool(model_name, processes)


def discard_prestarted() -> None:
    """Stop pools `prestart` started that no extraction used."""
    while _prestarted:
        _key, pool = _prestarted.popitem()
        pool.terminate()


def extract_parallel(
    model_name: str, texts: Iterable[str], processes: int, should_stop: Callable[[], bool]
) -> Iterator[list[RawMention]]:
    """Mentions of each text, in order, computed by `processes` workers."""
    pool = _prestarted.pop((model_name, processes), None) or _pool(model_name, processes)
    with pool:
        try:
            for chunk in pool.imap(_extract_chunk, _chunks(texts, CHUNK)):
                for mentions in chunk:
                    yield [RawMention(*m) for m in mentions]
                if should_stop():
                    return
        finally:
            pool.terminate()
