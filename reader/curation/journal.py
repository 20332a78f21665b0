"""The curation journal: one JSON object a line, appended, never inside `index/`.

Each line is one operation the person made (see reader.curation.ops for the
kinds and their fields) with a sequence number, a UTC time and a short
description, for example:

    {"seq": 3, "time": "2026-12-02T13:05:11Z", "op": "merge", "desc": "merge GM into
     General Motors", "into": {"name": "General Motors", "type": "ORG", "id": "org:general-motors"},
     "others": [{"name": "GM", "type": "ORG", "id": "org:gm"}]}

Undo and redo are entries too ({"op": "undo", "target": 3}): the file stays the
whole truth, readable and diffable. Where it lives: `--curation FILE`, else
$READER_CURATION, else `curation.jsonl` in the collection's user data folder.
A damaged line is reported and skipped, never a failure.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import UsageError
from reader.userdata import collection_data_dir, write_atomic

CURATION_ENV = "READER_CURATION"
JOURNAL_FILE = "curation.jsonl"
#: Entries that undo or redo another (by its seq) rather than change entities.
CONTROL_OPS = ("undo", "redo")


def journal_path(articles_dir: Path | str, override: str | Path | None = None) -> Path:
    """Where the collection's journal is: `override`, $READER_CURATION, or the default."""
    if override:
        return Path(override).expanduser().absolute()
    env = os.environ.get(CURATION_ENV)
    if env:
        return Path(env).expanduser().absolute()
    return collection_data_dir(articles_dir) / JOURNAL_FILE


@dataclass
class JournalRead:
    entries: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # damaged lines, one message each
    digest: str = ""  # of the file's content: what a replay was made from


class Journal:
    """The journal file of one collection."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> JournalRead:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return JournalRead(digest=digest_of(b""))
        except OSError as exc:
            return JournalRead(
                problems=[f"cannot read {self.path}: {exc.strerror}"], digest=digest_of(b"")
            )
        out = JournalRead(digest=digest_of(raw))
        seen: set[int] = set()
        for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except (ValueError, RecursionError):  # RecursionError: [[[[...]]]]
                out.problems.append(f"{self.path.name} line {number}: not JSON, skipped")
                continue
            problem = _entry_problem(entry, seen)
            if problem:
                out.problems.append(f"{self.path.name} line {number}: {problem}, skipped")
                continue
            seen.add(entry["seq"])
            out.entries.append(entry)
        return out

    def append(self, entry: dict) -> dict:
        """Add `entry` (op, desc and its fields) with the next seq and the time; the
        file is rewritten atomically (a crash leaves the old or the new file)."""
        current = self.read()
        try:
            old = self.path.read_text("utf-8", "replace")
        except FileNotFoundError:
            old = ""
        seq = max((e["seq"] for e in current.entries), default=0) + 1
        full = {
            "seq": seq,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **entry,
        }
        if old and not old.endswith("\n"):
            old += "\n"
        write_atomic(self.path, old + json.dumps(full, ensure_ascii=False) + "\n", mode=0o644)
        return full

    def remove(self, seq: int) -> None:
        """Take back the entry `seq` just appended (it did not apply)."""
        try:
            lines = self.path.read_text("utf-8", "replace").splitlines(keepends=True)
        except FileNotFoundError:
            return
        kept = [line for line in lines if _seq_of(line) != seq]
        write_atomic(self.path, "".join(kept), mode=0o644)


def _seq_of(line: str) -> int | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    return entry.get("seq") if isinstance(entry, dict) else None


def digest_of(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def _entry_problem(entry: object, seen: set[int]) -> str | None:
    if not isinstance(entry, dict):
        return "not an object"
    seq = entry.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return "no seq number"
    if seq in seen:
        return f"seq {seq} twice"
    if not isinstance(entry.get("op"), str):
        return "no op"
    if entry["op"] in CONTROL_OPS and not isinstance(entry.get("target"), int):
        return f"{entry['op']} without a target"
    return None


def active_operations(entries: list[dict]) -> list[dict]:
    """The operations in force, in journal order: undo/redo entries switch their
    target off and on (an undo of an undo entry is not needed: redo exists)."""
    active: dict[int, bool] = {}
    ops: list[dict] = []
    for entry in entries:
        if entry["op"] in CONTROL_OPS:
            if entry["target"] in active:
                active[entry["target"]] = entry["op"] == "redo"
            continue
        active[entry["seq"]] = True
        ops.append(entry)
    return [e for e in ops if active[e["seq"]]]


def last_undoable(entries: list[dict]) -> dict | None:
    """The most recent operation in force (what undo takes back)."""
    ops = active_operations(entries)
    return ops[-1] if ops else None


def last_redoable(entries: list[dict]) -> dict | None:
    """The operation the latest undo took back, while nothing was done since; else None."""
    active = {e["seq"] for e in active_operations(entries)}
    undone: list[int] = []
    for entry in entries:
        if entry["op"] == "undo":
            undone.append(entry["target"])
        elif entry["op"] == "redo":
            if entry["target"] in undone:
                undone.remove(entry["target"])
        else:
            undone.clear()  # a new operation ends what redo can bring back
    by_seq = {e["seq"]: e for e in entries}
    for seq in reversed(undone):
        if seq not in active and seq in by_seq:
            return by_seq[seq]
    return None


def control_entry(entries: list[dict], op: str) -> dict:
    """The journal entry that undoes (`op` "undo") or redoes ("redo") what the
    journal's `entries` allow; a UsageError when there is nothing to."""
    target = last_undoable(entries) if op == "undo" else last_redoable(entries)
    if target is None:
        raise UsageError(f"nothing to {op}")
    return {"op": op, "desc": f"{op} {target.get('desc') or target['op']}", "target": target["seq"]}
