"""Unexpected errors: the traceback goes to a log file, the user gets one line.

A face (the TUI) calls `record_crash(error)` when something it did not expect
escapes; the log lands in `logs/` in reader's data folder
(`reader.config.user_data_dir()`, so $READER_DATA_DIR moves it), named by the
time, and only the newest `KEEP` logs are kept. Writing the log never raises: a
crash report that crashes would hide the first error.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from reader import __version__
from reader.config import user_data_dir
from reader.textio import one_line

LOG_FOLDER = "logs"
#: Crash logs kept (the oldest are removed).
KEEP = 20


@dataclass(frozen=True, slots=True)
class CrashReport:
    message: str  # one line for stderr
    log_path: Path | None  # None when the log could not be written


def log_folder() -> Path:
    return user_data_dir() / LOG_FOLDER


def record_crash(
    error: BaseException, *, what: str = "reader stopped", context: dict[str, str] | None = None
) -> CrashReport:
    """Write `error`'s traceback to a new log file; the one-line message names it."""
    summary = f"{type(error).__name__}: {one_line(str(error), 200)}".rstrip(": ")
    path = _write_log(error, context or {})
    where = f"details in {path}" if path is not None else "no log could be written"
    return CrashReport(f"reader: error: {what} on an unexpected error ({summary}); {where}", path)


def _write_log(error: BaseException, context: dict[str, str]) -> Path | None:
    now = dt.datetime.now()
    lines = [
        f"reader {__version__} crashed at {now.isoformat(timespec='seconds')}",
        f"python {platform.python_version()} on {platform.platform()}",
        f"command: {' '.join(sys.argv)}",
    ]
    lines += [f"{key}: {value}" for key, value in context.items()]
    lines.append("")
    lines += traceback.format_exception(type(error), error, error.__traceback__)
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}"
        path = folder / f"{stem}.log"
        path.write_text(
            "\n".join(line.rstrip("\n") for line in lines) + "\n",
            encoding="utf-8",
            errors="backslashreplace",
        )
        _prune(folder)
        return path
    except OSError:
        return None


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[:-KEEP]:
        old.unlink(missing_ok=True)
