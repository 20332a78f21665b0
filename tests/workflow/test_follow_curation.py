"""Tags, notes and watches on entities follow curation: a merge gives the entity
kept the union of them, a rename keeps them, an undo puts them back, and all of
it lasts across runs (each command below is a new process's work)."""

from __future__ import annotations

import json
import shutil

import pytest

from reader.cli import main
from reader.config import Settings
from reader.indexer import update_index
from tests.conftest import copy_samples


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    root = tmp_path_factory.mktemp("follow")
    settings = Settings.resolve(copy_samples(root), root / "index", entities=True)
    update_index(settings)
    return root


@pytest.fixture
def run(pristine, tmp_path, capsys, monkeypatch):
    shutil.copytree(pristine / "articles", tmp_path / "articles")
    shutil.copytree(pristine / "index", tmp_path / "index")
    monkeypatch.setenv("READER_CURATION", str(tmp_path / "journal.jsonl"))

    def invoke(*argv: str) -> str:
        where = ["--articles", str(tmp_path / "articles"), "--index", str(tmp_path / "index")]
        code = main([*argv, *where])
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        return out

    return invoke


def entity_data(run) -> dict[str, dict]:
    """Entity id -> {"tags", "note", "watched"} as `reader export userdata` has it."""
    rows = [
        json.loads(line) for line in run("export", "userdata", "--format", "jsonl").splitlines()
    ]
    data: dict[str, dict] = {}
    for r in rows:
        if r.get("target") == "entity" or r["kind"] == "watch":
            d = data.setdefault(r["key"], {"tags": [], "note": None, "watched": False})
            if r["kind"] == "tag":
                d["tags"].append(r["value"])
            elif r["kind"] == "note":
                d["note"] = r["value"]
            elif r["kind"] == "watch":
                d["watched"] = True
    return {k: {**v, "tags": sorted(v["tags"])} for k, v in data.items()}


def test_a_merge_carries_the_union_an_undo_puts_it_back_a_rename_keeps_it(run):
    run("tag", "people", "--entity", "Russians")
    run("tag", "nation", "--entity", "Russians")
    run("tag", "nation", "--entity", "Russia")
    run("note", "--entity", "Russians", "The people, not the state.")
    run("note", "--entity", "Russia", "The state.")
    run("watch", "Russians")
    before = entity_data(run)
    russians = json.loads(run("watched", "--json"))[0]["entity"]
    (russia,) = set(before) - {russians}

    run("curate", "merge", "Russia", "Russians")
    after = entity_data(run)
    assert after == {
        russia: {
            "tags": ["nation", "people"],
            "note": "The state.\n\nFrom Russians:\nThe people, not the state.",
            "watched": True,
        }
    }
    assert run("note", "--entity", "Russia").startswith("The state.\n\nFrom Russians:")
    (watch,) = json.loads(run("watched", "--json"))
    assert (watch["entity"], watch["name"], watch["new_articles"]) == (russia, "Russia", [])
    assert run("news") == "nothing new since the last time\n"  # a merge is not news
    found = json.loads(run("search", "note:people", "--json"))["total"]
    assert found == json.loads(run("search", "place:russia", "--json"))["total"] > 0

    run("curate", "undo")
    assert entity_data(run) == before
    run("curate", "redo")
    assert entity_data(run) == after

    run("curate", "rename", "Russia", "Russian Federation")
    assert entity_data(run) == after  # a rename keeps the id: nothing moves
    (watch,) = json.loads(run("watched", "--json"))
    assert watch["name"] == "Russian Federation"

    run("curate", "undo")  # the rename
    run("curate", "undo")  # the merge (redone)
    assert entity_data(run) == before


def test_a_note_edited_after_the_merge_is_kept_by_the_undo(run):
    run("note", "--entity", "Russians", "People.")
    run("curate", "merge", "Russia", "Russians")
    run("note", "--entity", "Russia", "Rewritten after the merge.")
    run("curate", "undo")
    assert run("note", "--entity", "Russia") == "Rewritten after the merge.\n"
    assert run("note", "--entity", "Russians") == "People.\n"
