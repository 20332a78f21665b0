"""One writer at a time: an advisory lock file in the index folder.

The lock is released by the kernel when its process dies (even by SIGKILL), so a
crashed build never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from reader.errors import IndexBusy, IndexUnavailable

DEFAULT_WAIT = 5.0


class IndexLock:
    def __init__(self, index_dir: Path, wait: float = DEFAULT_WAIT):
        self.path = index_dir / ".lock"
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise IndexUnavailable(f"cannot write the index folder {self.path.parent}: {exc.strerror}") from None
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_pid(fd)
                    os.close(fd)
                    who = f" (process {holder})" if holder else ""
                    raise IndexBusy(
                        f"the index at {self.path.parent} is being updated by another reader"
                        f"{who}; try again when it finishes"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "IndexLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode().strip()
    except OSError:
        return ""
