"""NER results cached by article content hash (index/ner-cache.sqlite).

An unchanged article is never run through the model twice, even across
`reader index --rebuild`: the key is (model fingerprint, content hash).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.entities.types import RawMention
from reader.store import connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ner (
    fingerprint TEXT NOT NULL, hash TEXT NOT NULL, mentions TEXT NOT NULL,
    PRIMARY KEY (fingerprint, hash)
);
"""


class NerCache:
    def __init__(self, path: Path, fingerprint: str):
        self.fingerprint = fingerprint
        self.conn = connect(path)
        try:
            self.conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError:
            # A damaged cache is only lost time: start a new one.
            self.conn.close()
            path.unlink(missing_ok=True)
            self.conn = connect(path)
            self.conn.executescript(_SCHEMA)

    def get_many(self, hashes: Iterable[str]) -> dict[str, list[RawMention]]:
        wanted = list(dict.fromkeys(hashes))
        out: dict[str, list[RawMention]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for h, blob in self.conn.execute(
                f"SELECT hash, mentions FROM ner WHERE fingerprint=? AND hash IN ({marks})",
                [self.fingerprint, *chunk],
            ):
                out[h] = [RawMention(*row) for row in json.loads(blob)]
        return out

    def count(self) -> int:
        """Cached articles of this model and rules."""
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM ner WHERE fingerprint=?", (self.fingerprint,)
            ).fetchone()[0]
        )

    def put(self, content_hash: str, mentions: Sequence[RawMention]) -> None:
        blob = json.dumps([[m.start, m.end, m.text, m.label] for m in mentions], ensure_ascii=False)
        self.conn.execute(
            "INSERT OR REPLACE INTO ner VALUES (?, ?, ?)", (self.fingerprint, content_hash, blob)
        )

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.commit()
        self.conn.close()
