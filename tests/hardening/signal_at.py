"""Run `reader ARGS...` and send this process SIGNAL at a chosen point of an index build.

    python signal_at.py POINT SIGNAL -- ARGS...

POINT: reading:N (before reading the Nth changed file), indexing:N (after N
documents went to Whoosh), whoosh-committed (after the Whoosh commit, before
the store's), start (when the command starts; prints "started" and carries on).
The signal is real (os.kill on itself), so what happens next is what happens
when a user presses Ctrl+C or the machine kills the process there.
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> int:
    point, signame, sep, *args = sys.argv[1:]
    assert sep == "--"
    signum = getattr(signal, signame)
    # A shell without job control starts background commands with SIGINT
    # ignored, and Python then installs no KeyboardInterrupt handler: give this
    # process what a terminal's foreground process has.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    where, _, count = point.partition(":")
    n = int(count or 0)

    import reader.indexer as indexer
    from reader.store import Store

    def fire() -> None:
        os.kill(os.getpid(), signum)

    if where == "reading":
        from reader.corpus import stream_file as real_load

        calls = [0]

        def stream_file(*a, **kw):
            calls[0] += 1
            if calls[0] == n:
                fire()
            return real_load(*a, **kw)

        indexer.stream_file = stream_file  # type: ignore[attr-defined]
    elif where == "indexing":
        real_rows = Store.index_rows

        def index_rows(self, ids):
            for done, article in enumerate(real_rows(self, ids), start=1):
                if done == n:
                    fire()
                yield article

        Store.index_rows = index_rows  # type: ignore[method-assign]
    elif where == "whoosh-committed":
        real_write = indexer._write_whoosh

        def write_whoosh(*a, **kw):
            real_write(*a, **kw)
            fire()

        indexer._write_whoosh = write_whoosh
    elif where != "start":
        raise SystemExit(f"unknown point {point}")

    from reader.cli import main as reader_main

    if where == "start":
        # After the imports: a signal before main() is the interpreter's (a
        # traceback while importing), not reader's; a loaded machine took
        # longer than the test's 0.5 s to import.
        print("started", flush=True)

    return reader_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
