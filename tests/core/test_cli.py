"""The command line as a user runs it: output, JSON shapes, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reader.cli import main
from tests.conftest import SAMPLE_IDS


@pytest.fixture
def run(samples, capsys):
    """run("search", "putin") -> (exit code, stdout, stderr) against the samples."""

    def invoke(*args: str):
        argv = [
            "--articles",
            str(samples.articles_dir),
            "--index",
            str(samples.index_dir),
            "--no-entities",
            *args,
        ]
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_index_prints_a_summary(run):
    code, out, _err = run("index")
    assert code == 0
    assert "2 added" in out and "0 removed" in out
    code, out, _ = run("index")
    assert "0 added" in out and "2 unchanged" in out
    code, out, _ = run("index", "--rebuild")
    assert "rebuilt" in out and "2 added" in out


def test_search_builds_the_index_when_missing(run):
    code, out, err = run("search", "putin")
    assert code == 0
    assert "2 matching articles" in out
    assert "index updated: 2 added" in err  # the implicit build says what it did


def test_search_json_shape(run):
    code, out, _ = run("search", '"Russian Federation"', "--json", "--limit", "1")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "total", "page", "pages", "suggestion", "hits"}
    assert data["total"] == 2 and data["pages"] == 2 and len(data["hits"]) == 1
    hit = data["hits"][0]
    assert set(hit) == {
        "id",
        "rank",
        "score",
        "title",
        "date",
        "source",
        "path",
        "matches",
        "snippets",
    }
    assert hit["id"] in SAMPLE_IDS
    code, show, _ = run("show", hit["id"], "--json")
    text = json.loads(show)["text"]
    assert all(text[s:e] == "Russian Federation" for s, e in hit["matches"])
    snippet = hit["snippets"][0]
    assert set(snippet) == {"start", "text", "highlights"}


def test_search_no_hits_suggests(run):
    code, out, _ = run("search", "refrendum")
    assert code == 0 and "no articles match" in out and "did you mean 'referendum'" in out
    code, out, _ = run("search", "refrendum", "--json")
    assert json.loads(out)["suggestion"] == "referendum"


def test_show_plain_and_json(run):
    code, out, _ = run("show", SAMPLE_IDS[1])
    assert code == 0 and "Grand Kremlin Palace" in out
    code, out, _ = run("show", SAMPLE_IDS[1], "--json")
    data = json.loads(out)
    assert {
        "id",
        "title",
        "text",
        "date",
        "source",
        "url",
        "author",
        "path",
        "format",
        "hash",
        "title_span",
        "paragraphs",
        "mentions",
        "entities",
    } <= set(data)


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("show", "no-such-id"), 2, "no article with id 'no-such-id'"),
        (("search", "nosuchfield:x"), 2, "unknown field nosuchfield"),
        (("search", "date:notadate"), 2, "cannot read"),
    ],
)
def test_errors_are_one_line_on_stderr(run, args, code, message):
    run("index")
    got, out, err = run(*args)
    assert got == code
    assert out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("reader: error:")


def test_usage_errors_exit_2(run):
    with pytest.raises(SystemExit) as exc:
        run("search", "x", "--limit", "0")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run("frobnicate")
    assert exc.value.code == 2


def test_missing_articles_folder(tmp_path, capsys):
    code = main(["--articles", str(tmp_path / "nope"), "--index", str(tmp_path / "ix"), "index"])
    assert code == 2
    assert "articles folder not found" in capsys.readouterr().err


def test_env_vars_choose_folders(samples, monkeypatch, capsys):
    monkeypatch.setenv("READER_ARTICLES", str(samples.articles_dir))
    monkeypatch.setenv("READER_INDEX", str(samples.index_dir))
    assert main(["index", "--no-entities"]) == 0
    assert samples.index_dir.joinpath("reader.sqlite").exists()


def test_options_before_and_after_the_command(samples, capsys):
    common = ["--articles", str(samples.articles_dir), "--index", str(samples.index_dir)]
    assert main([*common, "index", "--no-entities"]) == 0
    assert main(["search", *common, "--no-entities", "kremlin"]) == 0
    assert "matching" in capsys.readouterr().out


def test_console_script_and_module_entry_points(samples):
    env = {
        **os.environ,
        "READER_ARTICLES": str(samples.articles_dir),
        "READER_INDEX": str(samples.index_dir),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "search", "--no-entities", "kyiv", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 1
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.startswith("reader ")
