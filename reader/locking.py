"""One writer at a time: advisory lock files (the index's, a collection's feed fetch).

A lock is released by the kernel when its process dies (even by SIGKILL), so a
crashed build or fetch never leaves a stale lock behind.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path

from reader.errors import IndexBusy, IndexForeign, IndexUnavailable, ReaderError
from reader.safeio import failure, open_regular

DEFAULT_WAIT = 5.0


class FileLock:
    """An exclusive lock on `path`, waited for up to `wait` seconds; subclasses word
    the two failures for the person who sees them."""

    def __init__(self, path: Path, wait: float = DEFAULT_WAIT):
        self.path = path
        self.wait = wait
        self._fd: int | None = None

    def busy(self, who: str) -> ReaderError:
        return ReaderError(f"{self.path} is held by another process{who}; try again later")

    def unavailable(self, exc: OSError) -> ReaderError:
        return ReaderError(f"cannot use the lock file {self.path}: {failure(exc)}")

    def acquire(self) -> None:
        try:
            # Never through a link planted at the lock's name, never a FIFO or device.
            fd = open_regular(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise self.unavailable(exc) from None
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_pid(fd)
                    os.close(fd)
                    raise self.busy(f" (process {holder})" if holder else "") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class IndexLock(FileLock):
    def __init__(self, index_dir: Path, wait: float = DEFAULT_WAIT):
        super().__init__(index_dir / ".lock", wait)

    def busy(self, who: str) -> ReaderError:
        return IndexBusy(
            f"the index at {self.path.parent} is being updated by another reader"
            f"{who}; try again when it finishes"
        )

    def unavailable(self, exc: OSError) -> ReaderError:
        if exc.errno in (errno.ELOOP, errno.EINVAL):  # a link or a FIFO at .lock
            return IndexForeign(
                f"cannot use the lock file {self.path}: {failure(exc)}; remove it and try again"
            )
        return IndexUnavailable(f"cannot write the index folder {self.path.parent}: {exc.strerror}")


def _read_pid(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode().strip()
    except OSError:
        return ""
