"""TUI fixtures: one indexed copy of the sample articles per test session, a
private user data folder per test, and an app factory pointed at them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.config import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "articles"


def copy_samples(dest: Path) -> Path:
    articles = dest / "articles"
    articles.mkdir(parents=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copyfile(path, articles / path.name)
    return articles


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory) -> Settings:
    """The sample articles, indexed once (with entities) for the whole session."""
    from reader.indexer import update_index

    root = tmp_path_factory.mktemp("collection")
    articles = copy_samples(root)
    settings = Settings.resolve(articles=articles, index=root / "index", entities=True)
    update_index(settings, processes=1)
    return settings


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    """Remembered positions and key maps go to a temp folder, never the user's."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def no_reading_by_time(monkeypatch):
    """The open article becomes read after 3 s (reader/tui/screens/tracking.py);
    on a loaded machine a screenshot could be taken before or after that (the
    articles pane's title says "2 unread" or "1 unread"). Here nothing becomes
    read by time unless a test sets READ_AFTER itself."""
    monkeypatch.setattr("reader.tui.screens.tracking.READ_AFTER", 600)


@pytest.fixture
def make(indexed_settings):
    """make(**kw) -> a ReaderApp on the indexed samples (no index check, nothing remembered)."""
    from reader.tui.app import make_app

    def factory(**kw):
        kw.setdefault("remember", False)
        kw.setdefault("build_on_start", False)
        kw.setdefault("keymap", {})
        return make_app(kw.pop("settings", indexed_settings), **kw)

    return factory


@pytest.fixture(scope="session")
def dated_settings(tmp_path_factory) -> Settings:
    """A dated collection with hand-set entities (tests/analytics/hand.py): people
    over half a year, two versions of one story, some undated articles."""
    from tests.analytics.hand import DATED_NAMES, build_collection, dated_articles

    return build_collection(tmp_path_factory.mktemp("dated"), dated_articles(), DATED_NAMES)
