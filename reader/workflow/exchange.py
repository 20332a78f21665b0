"""The user's data as rows, to move to another machine or share:
`reader export userdata [--format csv|jsonl] [-o FILE]` writes them,
`reader import userdata FILE` merges them in.

One row per fact: `kind` (read, star, tag, note, saved, watch), `target`
(article or entity; empty for saved searches), `key` (the article id, the
entity id, the saved search's name), `value` (the tag, the note, the query, the
entity's name) and `hash` (an article's content hash: an id unknown here is
looked up by it, so renamed files still match).

Importing merges: marks, tags, saved searches and watches are added; a note is
taken only where there is none. Every row is checked before anything is written:
one bad row is one line naming it, and nothing changes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import UsageError
from reader.workflow.store import ARTICLE, ENTITY, clean_name, clean_note, clean_tag

if TYPE_CHECKING:
    from reader.library import Library

FIELDS = ("kind", "target", "key", "value", "hash")
KINDS = ("read", "star", "tag", "note", "saved", "watch")


def userdata_rows(library: Library) -> Iterator[dict]:
    store = library.userdata
    library.follow_renames()  # the rows name articles and entities as they are now
    library.follow_curation()
    with library._lock:
        hashes = library.store.article_hashes()

    def row(kind: str, target: str, key: str, value: str = "") -> dict:
        return {
            "kind": kind,
            "target": target,
            "key": key,
            "value": value,
            "hash": hashes.get(key, "") if target == ARTICLE else "",
        }

    for aid in sorted(store.read_ids()):
        yield row("read", ARTICLE, aid)
    for aid in sorted(store.starred_ids()):
        yield row("star", ARTICLE, aid)
    for kind in (ARTICLE, ENTITY):
        for key, tag in sorted(store.all_tags(kind)):
            yield row("tag", kind, key, tag)
    for note in store.notes():
        yield row("note", note.kind, note.key, note.text)
    for saved in store.saved_searches():
        yield row("saved", "", saved.name, saved.query)
    for watch in store.watched():
        yield row("watch", ENTITY, watch.entity_id, watch.name)


@dataclass
class ImportReport:
    added: int = 0
    unchanged: int = 0
    unknown: int = 0  # articles or entities not in this collection
    notes_kept: int = 0  # a note was there already

    def line(self) -> str:
        parts = [f"{self.added} added", f"{self.unchanged} already there"]
        if self.unknown:
            parts.append(f"{self.unknown} not in this collection (skipped)")
        if self.notes_kept:
            parts.append(f"{self.notes_kept} notes kept as they were here")
        return "imported user data: " + ", ".join(parts)


MAX_IMPORT_BYTES = 200 * 1024 * 1024


def read_rows(path: Path) -> list[dict]:
    """Rows of a CSV (header row) or JSON lines file; UsageError names the bad line."""
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise UsageError(f"{path.name} is larger than {MAX_IMPORT_BYTES // 2**20} MB")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path.name} is not UTF-8 text") from None
    rows: list[dict] = []
    if text.lstrip().startswith("{"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                raise UsageError(f"{path.name} line {n}: not a JSON object") from None
            if not isinstance(value, dict):
                raise UsageError(f"{path.name} line {n}: not a JSON object")
            rows.append(value)
    else:
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or not {"kind", "key"} <= set(reader.fieldnames):
            raise UsageError(f"{path.name}: expected a CSV with columns {', '.join(FIELDS)}")
        rows = list(reader)
    return rows


def import_rows(library: Library, rows: list[dict], source: str = "the file") -> ImportReport:
    store = library.userdata
    with library._lock:
        hashes = library.store.article_hashes()
    by_hash = {h: a for a, h in hashes.items()}
    plan = []
    for n, raw in enumerate(rows, 1):
        row = {f: str(raw.get(f) or "") for f in FIELDS}
        kind, target, key, value = row["kind"], row["target"], row["key"], row["value"]
        where = f"{source} row {n}"
        if kind not in KINDS:
            raise UsageError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        if not key:
            raise UsageError(f"{where}: no key")
        try:
            if kind == "tag":
                value = clean_tag(value)
            elif kind == "note":
                value = clean_note(value)
            elif kind == "saved":
                key = clean_name(key)
                if not value.strip():
                    raise UsageError("the query is empty")
        except UsageError as exc:
            raise UsageError(f"{where}: {exc}") from None
        if target == ARTICLE or kind in ("read", "star"):
            if key not in hashes:
                key = by_hash.get(row["hash"], "")
            target = ARTICLE
        elif target == ENTITY or kind == "watch":
            target = ENTITY
            key = key if library.store.entity(key) is not None else ""
        plan.append((kind, target, key, value))
    report = ImportReport()
    for kind, target, key, value in plan:
        if kind != "saved" and not key:
            report.unknown += 1
            continue
        changed = 0
        if kind == "read":
            changed = len(store.mark_read([key]))
        elif kind == "star":
            changed = len(store.star([key]))
        elif kind == "tag":
            changed = len(store.tag(target, [key], value))
        elif kind == "note":
            if store.note(target, key):
                report.notes_kept += store.note(target, key) != value
            else:
                store.set_note(target, key, value)
                changed = 1
        elif kind == "saved":
            names = {s.name for s in store.saved_searches()}
            if key not in names:
                store.save_search(key, value)
                changed = 1
        elif kind == "watch" and not store.is_watched(key):
            from reader.workflow.news import entity_articles

            store.watch(key, value or key, entity_articles(library, key) or {})
            changed = 1
        if changed:
            report.added += 1
        else:
            report.unchanged += 1
    return report
