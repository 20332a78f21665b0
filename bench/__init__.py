"""reader's benchmark: every figure against a reference measured in the same run.

Not part of the reader package (nor of its wheel): it lives beside it, is run
with `make bench` (or `python -m bench --help` from the repository), and drives
reader from outside, as child processes and a pseudo-terminal, never through a
hook in the app. The development install (`make install`) puts the repository
on the path, so `import bench` works from the tests too.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository: `bench` and `reader` are both importable from here.
ROOT = Path(__file__).resolve().parent.parent


def child_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """`env` plus a PYTHONPATH that finds `bench` (and this checkout's `reader`)
    in a child process, whatever its working directory."""
    out = dict(env or {})
    path = os.environ.get("PYTHONPATH")
    out["PYTHONPATH"] = str(ROOT) + (os.pathsep + path if path else "")
    return out
