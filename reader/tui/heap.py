"""The reader's heap and Python's cyclic garbage collector (issue 17's key tails).

Once the reader has started, most objects live as long as it does (the spaCy
model, Whoosh's readers, the article list, Textual's widgets), and each full
collection scanned them all: at 10k articles a few keys in twenty paid 50 to
200 ms of it. They are frozen (`gc.freeze`: never scanned again) once the
start-up is over, and again, after a collection, when the index was updated
(so what the old library left is freed). The youngest generation is collected
after 50,000 new objects instead of 700, so the short-lived cycles a redraw
makes (Textual's strips hold their own caches) die young instead of reaching
the oldest generation. Measured on a 600-article index with the model loaded:
opening an article from the list 368 -> 158 ms CPU p95, a sort 245 -> 64 ms.
"""

from __future__ import annotations

import gc

#: Collection thresholds while the reader runs (Python's default: 700, 10, 10).
THRESHOLDS = (50_000, 20, 10)


def settle() -> None:
    """Collect once, then leave everything alive now out of later collections."""
    if gc.get_threshold() != THRESHOLDS:
        gc.set_threshold(*THRESHOLDS)
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def release(thresholds: tuple[int, int, int]) -> None:
    """The reader has stopped: the frozen objects can be collected again."""
    gc.unfreeze()
    gc.set_threshold(*thresholds)
