"""The library read from several threads: a worker's long read never makes the
thread that opened it (the TUI's, where keys are handled) wait, each thread
sees the same collection, and an index update is seen by every thread after
`refresh()`."""

from __future__ import annotations

import threading

from reader.indexer import update_index
from reader.library import Library
from reader.store import Store

#: A hang guard, not a timing: a read that waited for the blocked worker would
#: never finish.
GUARD_S = 60


def _in_thread(fn):
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # handed to the test
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t, out


def test_a_long_read_in_a_worker_does_not_hold_up_the_owner(samples, monkeypatch):
    update_index(samples, processes=1)
    library = Library(samples)
    try:
        article_id = library.articles()[0].id
        entered, release = threading.Event(), threading.Event()
        real = Store.summaries

        def slow_summaries(self, ids=None):
            if threading.current_thread() is not threading.main_thread():
                entered.set()
                release.wait(GUARD_S)
            return real(self, ids)

        monkeypatch.setattr(Store, "summaries", slow_summaries)
        worker, worker_out = _in_thread(lambda: library.articles())
        assert entered.wait(GUARD_S)
        # The worker is inside its read; the owner reads an article, its text,
        # its mentions and the article list meanwhile (before the old single
        # lock, each waited GUARD_S for the worker).
        article = library.article(article_id)
        assert library.text_of(article_id) == article.text
        assert library.mentions(article_id) == []  # a text-only index
        assert [s.id for s in library.articles()] == [s.id for s in real(library.store)]
        assert worker.is_alive()  # still blocked: nothing waited for it
        release.set()
        worker.join(GUARD_S)
        assert "error" not in worker_out
        assert sorted(s.id for s in worker_out["value"]) == sorted(s.id for s in library.articles())
    finally:
        library.close()


def test_every_thread_sees_an_update_after_refresh(collection):
    settings = collection({"a.txt": "Alpha beta.\n", "b.txt": "Gamma delta.\n"})
    update_index(settings, processes=1)
    library = Library(settings)
    try:

        def ids_from_worker():
            t, out = _in_thread(lambda: sorted(s.id for s in library.articles()))
            t.join(GUARD_S)
            return out["value"]

        assert ids_from_worker() == ["a", "b"]  # a pooled connection, kept
        (settings.articles_dir / "c.txt").write_text("Epsilon zeta.\n")
        update_index(settings, processes=1)
        library.refresh()
        assert sorted(s.id for s in library.articles()) == ["a", "b", "c"]
        assert ids_from_worker() == ["a", "b", "c"]
        t, out = _in_thread(lambda: library.text_of("c"))
        t.join(GUARD_S)
        assert out["value"].startswith("Epsilon")
    finally:
        library.close()
