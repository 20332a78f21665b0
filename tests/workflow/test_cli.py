"""`reader read|star|tag|note|saved|watch|news|history` as a person uses them:
mark, tag, note, save a search, watch an entity, add an article, see what is new."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import SAMPLE_IDS, SAMPLES

A, B = SAMPLE_IDS


@pytest.fixture
def run(tmp_path, capsys):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SAMPLES / f"{A}.txt", articles / f"{A}.txt")

    return Cli(articles, tmp_path / "index", capsys)


class Cli:
    """run("index") -> (exit code, stdout, stderr) of `reader index` on the copy."""

    def __init__(self, articles: Path, index: Path, capsys) -> None:
        self.articles, self.index, self.capsys = articles, index, capsys

    def __call__(self, *args: str, entities: bool = False) -> tuple[int, str, str]:
        argv = ["--articles", str(self.articles), "--index", str(self.index)]
        if not entities:
            argv.append("--no-entities")
        code = main([*argv, *args])
        out, err = self.capsys.readouterr()
        return code, out, err


def test_marks_tags_and_notes_survive_a_rebuild(run):
    assert run("read", A)[1] == "1 article marked read\n"
    assert run("read", A)[1] == "0 articles marked read (1 already)\n"
    assert (
        run("star", A, "--json")[1]
        == json.dumps({"changed": [A], "unchanged": []}, indent=2) + "\n"
    )
    assert run("tag", "Annexation", A)[1].endswith("tagged 'annexation'\n")
    code, out, _ = run("note", A, "Compare", "with", "2014.")
    assert code == 0 and out == f"note of {A} saved\n"
    run("index", "--rebuild")
    code, out, _ = run("search", "is:starred tag:annexation note:2014 is:read", "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == [A]
    assert run("note", A)[1] == "Compare with 2014.\n"
    assert run("tags")[1] == "     1  annexation\n"
    code, out, _ = run("notes", "--json")
    assert [(n["key"], n["note"]) for n in json.loads(out)] == [(A, "Compare with 2014.")]
    run("unread", A)
    run("untag", "annexation", A)
    run("note", A, "--clear")
    code, out, _ = run("search", "is:unread", "--json")
    assert json.loads(out)["total"] == 1
    assert run("tags")[1].startswith("no tags yet")


def test_bad_input_is_one_line_and_exit_2(run):
    for argv, message in [
        (("read", "no-such-article"), "no article with id 'no-such-article'"),
        (("tag", "a:b", A), "a tag is letters, digits"),
        (("tag", "x\x1b[2J", A), "control characters"),
        (("saved", "add", "broken", "(putin"), 'a "(" that is never closed'),
        (("saved", "rm", "nothing"), "no saved search named 'nothing'"),
        (("search", "is:nice"), "is: takes one of"),
    ]:
        code, _out, err = run(*argv)
        assert code == 2, argv
        lines = [line for line in err.splitlines() if not line.startswith("index updated")]
        assert len(lines) == 1 and message in lines[0], (argv, err)


def test_saved_searches_and_watched_entities_tell_what_is_new(run):
    code, out, _ = run("saved", "add", "Kremlin", "person:putin", entities=True)
    assert code == 0 and out == "saved 'Kremlin': 1 article matches\n"
    code, out, _ = run("watch", "Vladimir", "Putin", entities=True)
    assert out == "watching Vladimir Putin (PERSON)\n"
    assert run("news", entities=True)[1] == "nothing new since the last time\n"

    shutil.copy(SAMPLES / f"{B}.txt", run.articles / f"{B}.txt")  # a new article arrives
    run("index", entities=True)
    code, out, _ = run("saved", entities=True)
    assert out == "Kremlin  person:putin  2 total, 2 unread, 1 new\n"
    code, out, _ = run("news", entities=True)
    lines = out.splitlines()
    assert lines[0] == "Kremlin: 1 new article"
    assert lines[1].strip().startswith(B)
    assert " new mention" in lines[2] and lines[2].endswith(" of Vladimir Putin in 1 article")
    assert B in lines[3]
    assert run("news", entities=True)[1] == "nothing new since the last time\n"
    code, out, _ = run("watched", "--json", entities=True)
    (watch,) = json.loads(out)
    assert watch["name"] == "Vladimir Putin" and watch["articles"] == 2
    assert watch["new_articles"] == []
    assert run("unwatch", "Vladimir Putin", entities=True)[1].startswith("stopped watching")
    assert run("search", "watched:yes", "--json", entities=True)[1].count('"id"') == 0


def test_history_lists_newest_first(run):
    from reader.config import Settings
    from reader.workflow.store import UserStore

    store = UserStore.for_collection(Settings.resolve(run.articles).articles_dir)
    store.visit("search", "putin", "putin")
    store.visit("article", A, "Putin to annex")
    store.close()
    _code, out, _ = run("history")
    assert [line.split()[1:] for line in out.splitlines()] == [
        ["article", "Putin", "to", "annex"],
        ["search", "putin"],
    ]
    _code, out, _ = run("history", "--kind", "search", "--json")
    assert [v["key"] for v in json.loads(out)] == ["putin"]
    assert run("history", "--clear")[1] == "forgot 2 entries\n"


def test_a_renamed_file_keeps_its_marks_tags_and_note(run):
    run("star", A)
    run("read", A)
    run("tag", "kremlin", A)
    run("note", A, "Keep", "this.")
    (run.articles / f"{A}.txt").rename(run.articles / "renamed.txt")
    _, out, _ = run("search", "is:starred is:read tag:kremlin note:keep", "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == ["renamed"]
    assert run("note", "renamed")[1] == "Keep this.\n"


def test_export_and_import_user_data_to_another_collection(run, tmp_path, capsys):
    run("star", A)
    run("tag", "kremlin", A)
    run("note", A, "First", "note.")
    run("saved", "add", "Votes", "referendum")
    out_file = tmp_path / "mine.csv"
    code, out, _ = run("export", "userdata", "-o", str(out_file))
    assert code == 0
    text = out_file.read_text()
    assert text.splitlines()[0] == "kind,target,key,value,hash"
    assert f"star,article,{A}," in text and "saved,,Votes,referendum," in text

    # Another machine: the same article under another file name.
    other = tmp_path / "other"
    (other / "articles").mkdir(parents=True)
    shutil.copy(run.articles / f"{A}.txt", other / "articles" / "moved.txt")
    argv = ["--articles", str(other / "articles"), "--index", str(other / "index"), "--no-entities"]
    assert main([*argv, "import", "userdata", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert out == "imported user data: 4 added, 0 already there\n"
    assert main([*argv, "import", "userdata", str(out_file)]) == 0
    assert capsys.readouterr().out == "imported user data: 0 added, 4 already there\n"
    assert main([*argv, "search", "is:starred tag:kremlin note:first", "--json"]) == 0
    assert [h["id"] for h in json.loads(capsys.readouterr().out)["hits"]] == ["moved"]

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "tag", "key": "moved", "target": "article", "value": "x\\u001b"}\n')
    assert main([*argv, "import", "userdata", str(bad)]) == 2
    assert "bad.jsonl row 1: a tag cannot hold control characters" in capsys.readouterr().err


def test_a_note_on_an_entity_finds_the_articles_mentioning_it(run):
    shutil.copy(SAMPLES / f"{B}.txt", run.articles / f"{B}.txt")
    run("index", entities=True)
    code, out, _ = run(
        "note", "--entity", "Vladimir Putin", "Check his Crimea speech.", entities=True
    )
    assert code == 0 and out == "note of Vladimir Putin saved\n"
    run("note", A, "Crimea timeline", entities=True)
    code, out, _ = run("search", "person:putin", "--json", entities=True)
    putin = {h["id"] for h in json.loads(out)["hits"]}
    assert B in putin  # B has no note of its own: its mention of Putin finds it
    code, out, _ = run("search", "note:crimea", "--json", entities=True)
    assert {h["id"] for h in json.loads(out)["hits"]} == putin | {A}
    code, out, _ = run("search", 'note:"crimea speech"', "--json", entities=True)
    assert {h["id"] for h in json.loads(out)["hits"]} == putin
    # From the entity side: `reader notes WORDS` lists the notes holding them, by name.
    code, out, _ = run("notes", "speech", entities=True)
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("entity person:")
    assert "(Vladimir Putin)" in lines[0] and lines[1] == "  Check his Crimea speech."
    code, out, _ = run("notes", "crim*", "--json", entities=True)
    assert sorted(n["kind"] for n in json.loads(out)) == ["article", "entity"]
    assert run("notes", "nothing-like-it", entities=True)[1] == "no note holds 'nothing-like-it'\n"
