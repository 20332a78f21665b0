"""Peak memory of the running program (standard library only: the minimal
reference app imports it too, and must stay Textual alone otherwise)."""

from __future__ import annotations

import resource
import sys


def peak_rss_self_kb() -> int:
    """Peak RSS of the current process image in KiB.

    Linux's ``ru_maxrss`` keeps the high-water mark of the process before its
    ``exec``: a child started by a big parent (the benchmark, after loading a
    100k index) reports the parent's size. ``VmHWM`` belongs to the running
    program alone, so it is used where there is one."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r // 1024 if sys.platform == "darwin" else r
