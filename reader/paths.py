"""Where an index keeps its parts (importable without Whoosh)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class IndexPaths:
    root: Path

    @property
    def whoosh(self) -> Path:
        return self.root / "whoosh"

    @property
    def store(self) -> Path:
        return self.root / "reader.sqlite"

    @property
    def ner_cache(self) -> Path:
        return self.root / "ner-cache.sqlite"
