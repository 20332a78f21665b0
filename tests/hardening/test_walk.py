"""The articles folder walk: links that leave the folder are not followed by
default, nothing is read from /proc, /sys or /dev, and any depth of nesting is a
warning, never a RecursionError (issue 15)."""

from __future__ import annotations

import os
import random

import pytest

from reader.config import Settings
from reader.corpus import MAX_DEPTH, scan
from reader.errors import UsageError
from reader.indexer import update_index
from tests.hardening.helpers import GOOD, build, cli, ids


def test_links_that_leave_the_articles_folder_are_not_followed(collection, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nThe password is swordfish.")
    settings = collection({"good.txt": GOOD, "inner/in.txt": "Inner\n\nInside Oslo."})
    root = settings.articles_dir
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "status.txt").symlink_to("/proc/self/status")
    (root / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)
    (root / "same.txt").symlink_to(root / "good.txt")  # inside: followed
    (root / "linked").symlink_to(root / "inner", target_is_directory=True)  # inside: once
    report = build(settings)
    assert ids(settings) == ["good", "in", "same"]
    warned = " ".join(report.warnings)
    for name in ("passwd.txt", "secret.txt", "elsewhere"):
        assert f"{name}: skipped, a link to outside the articles folder" in warned
    assert "status.txt: skipped, a link into a system folder" in warned
    proc = cli(settings, "search", "swordfish OR root")
    assert b"no articles match" in proc.stdout


def test_follow_links_reads_outside_but_never_proc(collection, tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text("Far\n\nFrom far away in Lima.")
    settings = collection({"good.txt": GOOD})
    (settings.articles_dir / "far.txt").symlink_to(outside / "far.txt")
    (settings.articles_dir / "status.txt").symlink_to("/proc/self/status")
    (settings.articles_dir / "dev").symlink_to("/dev", target_is_directory=True)
    monkeypatch.setenv("READER_FOLLOW_LINKS", "1")
    follow = Settings.resolve(settings.articles_dir, settings.index_dir, entities=False)
    assert follow.follow_links
    report = build(follow)
    assert ids(follow) == ["far", "good"]
    assert any("status.txt: skipped, a link into a system folder" in w for w in report.warnings)


@pytest.fixture(autouse=True)
def _remove_deep_trees(tmp_path):
    """pytest's own clean-up (shutil.rmtree) recurses: remove the deep trees here."""
    yield
    dirs, stack = [], [os.fspath(tmp_path)]
    while stack:
        top = stack.pop()
        dirs.append(top)
        with os.scandir(top) as listing:
            for item in listing:
                if item.is_dir(follow_symlinks=False):
                    stack.append(item.path)
                else:
                    os.unlink(item.path)
    for path in reversed(dirs[1:]):
        os.rmdir(path)


def real_files(root) -> set[str]:
    """Every real file under `root`, links not followed, without recursion."""
    found, stack = set(), [os.fspath(root)]
    while stack:
        with os.scandir(stack.pop()) as listing:
            for item in listing:
                if item.is_dir(follow_symlinks=False):
                    stack.append(item.path)
                elif item.is_file(follow_symlinks=False):
                    found.add(os.path.realpath(item.path))
    return found


def make_deep(top, depth: int):
    """top/d/d/.../d (`depth` levels below `top`), made one level at a time
    (Path.mkdir(parents=True) itself recurses)."""
    path = os.fspath(top)
    os.makedirs(path, exist_ok=True)
    for _ in range(depth):
        path = os.path.join(path, "d")
        os.mkdir(path)
    return type(top)(path)


@pytest.mark.parametrize("depth", [MAX_DEPTH, 1200])
def test_deep_nesting_is_a_warning_not_a_crash(tmp_path, depth):
    root = tmp_path / "articles"
    deep = make_deep(root, depth)
    (deep / "deep.txt").write_text("Deep\n\nVery deep in Quito.")
    (root / "top.txt").write_text(GOOD)
    entries, warnings = scan(root)
    rels = [e.rel for e in entries]
    if depth <= MAX_DEPTH:
        assert len(rels) == 2 and not warnings
    else:
        assert rels == ["top.txt"]
        assert len(warnings) == 1 and f"nested deeper than {MAX_DEPTH}" in warnings[0]


def test_random_nesting_and_links(tmp_path):
    """Generated: random trees with random depths (to 300), links up, sideways and
    to themselves: the walk finishes, lists each file once, never recurses."""
    rng = random.Random(4242)
    for n in range(12):
        root = tmp_path / f"t{n}"
        dirs = [root]
        root.mkdir()
        expected = set()
        for i in range(rng.randint(1, 30)):
            parent = rng.choice(dirs)
            if rng.random() < 0.3:
                child = make_deep(parent / f"d{i}", rng.randint(1, 300))
            else:
                child = make_deep(parent / f"d{i}", 0)
            dirs.append(child)
            if rng.random() < 0.5:
                (child / f"f{i}.txt").write_text("x")
                expected.add((child / f"f{i}.txt").relative_to(root).as_posix())
            if rng.random() < 0.3:
                (child / f"l{i}").symlink_to(rng.choice(dirs), target_is_directory=True)
        entries, _ = scan(root)
        listed = [os.path.realpath(e.path) for e in entries]
        assert len(listed) == len(set(listed))  # each real file once, whatever the links
        every = real_files(root)
        assert set(listed) <= every
        shallow = {os.path.realpath(root / r) for r in expected if r.count("/") <= 2}
        assert shallow <= set(listed)


def test_a_file_as_the_articles_folder_and_a_missing_one(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    index = tmp_path / "index"
    settings = Settings.resolve(tmp_path / "file.txt", index, entities=False)
    with pytest.raises(UsageError, match="is a file, not a folder"):
        update_index(settings, processes=1)
    settings = Settings.resolve(tmp_path / "missing", index, entities=False)
    with pytest.raises(UsageError, match="articles folder not found"):
        update_index(settings, processes=1)
    assert not index.exists()  # no empty index for a folder that is not there
