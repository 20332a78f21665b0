"""Shared fixtures: small article folders, settings pointing at temp dirs."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from reader.config import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "articles"
SAMPLE_IDS = ("000_dbd5abc5addd0f1b", "004_e5de60779731731b")


@pytest.fixture(autouse=True)
def _user_data(tmp_path_factory, monkeypatch):
    """Never touch the real user data dir (remembered positions, alias file)."""
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    for name in ("READER_ARTICLES", "READER_INDEX", "READER_MODEL", "READER_MAX_FILE_MB"):
        monkeypatch.delenv(name, raising=False)


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def collection(tmp_path):
    """A factory: collection({"a.txt": "..."}) -> Settings over a fresh articles/index pair."""

    def make(files: dict[str, str | bytes], entities: bool = False) -> Settings:
        articles = write_files(tmp_path / "articles", files)
        return Settings.resolve(articles, tmp_path / "index", entities=entities)

    return make


@pytest.fixture
def samples(tmp_path) -> Settings:
    """The two sample articles, text-only index settings (fast)."""
    return Settings.resolve(copy_samples(tmp_path), tmp_path / "index", entities=False)


def copy_samples(root: Path) -> Path:
    """root/articles holding a copy of the two sample articles."""
    articles = root / "articles"
    articles.mkdir()
    for path in SAMPLES.glob("*.txt"):
        shutil.copy(path, articles / path.name)
    return articles


@pytest.fixture(autouse=True)
def recorded_notifications(monkeypatch):
    """Every notification an app gives is recorded (helpers.notifications reads
    them): a toast times out, and on a loaded machine it can be gone before a
    test looks at the screen."""
    from textual.app import App

    real = App.notify

    def notify(self, message, *, title="", **kw):
        self.__dict__.setdefault("recorded_notifications", []).append(f"{title} {message}")
        return real(self, message, title=title, **kw)

    monkeypatch.setattr(App, "notify", notify)
