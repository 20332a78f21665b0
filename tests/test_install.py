"""How `make install` installs reader: an editable install that is a plain path
entry, so start-up pays for no import hook and pip prints no warning block."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_the_editable_install_is_a_path_entry_without_an_import_finder():
    # The installed one (the project folder, on the path too, holds setuptools'
    # build-time reader.egg-info).
    installed = [
        d for d in importlib.metadata.distributions(name="reader") if d.read_text("direct_url.json")
    ]
    if not installed:
        pytest.skip("reader is not installed by pip here")
    dist = installed[0]
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if not direct.get("dir_info", {}).get("editable"):
        pytest.skip("reader is not installed in editable mode here")
    files = [str(f) for f in dist.files or ()]
    # setuptools' default editable mode adds a finder module and a meta path hook
    # unless the layout is simple (see pyproject's package-dir); "compat" mode
    # avoided the hook but printed a deprecation block on every install.
    assert not [f for f in files if "finder" in f], files
    pth = [f for f in files if f.endswith(".pth")]
    assert len(pth) == 1
    assert Path(str(dist.locate_file(pth[0]))).read_text().strip() == str(REPO)
    hooks = subprocess.run(
        [sys.executable, "-c", "import sys; print([type(f).__name__ for f in sys.meta_path])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Editable" not in hooks and "editable" not in hooks


def test_make_install_asks_for_no_deprecated_editable_mode():
    makefile = (REPO / "Makefile").read_text()
    assert "editable_mode=compat" not in makefile
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'package-dir = {"" = "."}' in pyproject


def test_the_benchmark_is_not_part_of_the_package():
    """bench/ sits beside reader/: the development install finds it, the wheel leaves it out."""
    tomllib = pytest.importorskip("tomllib")
    setuptools = pytest.importorskip("setuptools")
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = setuptools.find_packages(where=str(REPO), include=include)
    assert "reader" in packages and "reader.tui" in packages
    assert not [p for p in packages if p.split(".")[0] != "reader"], packages
