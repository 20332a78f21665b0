"""`reader curate ...` on the two samples, through the real index and model: what
a person types and reads, and that what they curated survives a rebuild, a
deleted index and articles added later."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import Settings
from reader.indexer import update_index
from reader.library import Library
from tests.conftest import SAMPLE_IDS, copy_samples


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The samples indexed once with entities (copied for each test)."""
    root = tmp_path_factory.mktemp("curation")
    settings = Settings.resolve(copy_samples(root), root / "index", entities=True)
    update_index(settings)
    return root


@pytest.fixture
def cli(pristine, tmp_path, capsys):
    """cli("merge", "A", "B") -> (exit code, stdout, stderr) of `reader curate ...`."""
    shutil.copytree(pristine / "articles", tmp_path / "articles")
    shutil.copytree(pristine / "index", tmp_path / "index")
    return Cli(tmp_path, tmp_path / "journal.jsonl", capsys)


class Cli:
    """Runs `reader curate ...` (or another command) on a copy of the collection."""

    def __init__(self, root: Path, journal: Path, capsys) -> None:
        self.root, self.journal, self.capsys = root, journal, capsys

    def __call__(self, *argv: str, command: str = "curate") -> tuple[int | str | None, str, str]:
        where = ["--articles", str(self.root / "articles"), "--index", str(self.root / "index")]
        extra = ["--curation", str(self.journal)] if command == "curate" else []
        args = [command, *argv, *where, *extra] if command else [*argv, *where]
        code: int | str | None
        try:
            code = main(args)
        except SystemExit as exc:  # argparse's own errors
            code = exc.code
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


def library(cli) -> Library:
    return Library(Settings.resolve(cli.root / "articles", cli.root / "index", entities=True))


def test_merge_then_the_entity_and_search_show_the_curated_entity(cli, monkeypatch):
    code, out, _ = cli("merge", "Russia", "Russians")
    assert code == 0
    assert out.startswith("merge Russians into Russia (journal entry 1;")
    with library(cli) as lib:
        russia = lib.find_entity("Russians")
        assert (russia.name, russia.mention_count) == ("Russia", 32)
        assert lib.search("group:russians").total == 0
        assert lib.search("place:russians").total == 1  # the form "Russians", in one of them
    entry = json.loads(cli.journal.read_text().splitlines()[0])
    assert entry["op"] == "merge" and entry["into"]["name"] == "Russia"


def test_rename_updates_the_search_fields_without_a_rebuild(cli):
    assert cli("rename", "Vladimir Putin", "Volodya")[0] == 0
    with library(cli) as lib:
        assert lib.search("person:volodya").total == 2
        assert lib.find_entity("Volodya").mention_count == 6


def test_the_search_index_follows_later_and_an_update_writes_what_is_pending(cli, monkeypatch):
    """The reader applies an operation to the store first and writes the Whoosh
    documents after; documents still pending when it quits are the next update's."""
    from reader.curation.live import apply_now, write_pending
    from reader.curation.ops import rename_entry
    from reader.indexer import index_status

    monkeypatch.setenv("READER_CURATION", str(cli.journal))
    settings = Settings.resolve(cli.root / "articles", cli.root / "index", entities=True)
    with library(cli) as lib:
        putin = lib.find_entity("Vladimir Putin")
    _, report = apply_now(settings, rename_entry(putin, "Volodya"), documents=False)
    assert len(report.rewritten) == 2
    with library(cli) as lib:
        assert lib.find_entity("Volodya").mention_count == 6  # the panes show it at once
        assert lib.search("person:volodya").total == 0  # the documents lag behind
    assert index_status(settings) == "stale"
    assert cli("index", command="")[0] == 0  # as the reader does when it starts
    assert index_status(settings) == "fresh"
    with library(cli) as lib:
        assert lib.search("person:volodya").total == 2
    assert write_pending(settings) == 0  # nothing left
    apply_now(
        settings, make_entry=lambda read: {"op": "undo", "desc": "", "target": 1}, documents=False
    )
    assert write_pending(settings) == 2
    with library(cli) as lib:
        assert lib.search("person:volodya").total == 0
        assert lib.search('person:"vladimir putin"').total == 2


def test_curation_survives_a_rebuild_a_deleted_index_and_new_articles(cli, monkeypatch):
    monkeypatch.setenv("READER_CURATION", str(cli.journal))
    assert cli("reject", "Kremlin")[0] == 0
    assert cli("add", "West", "--type", "LOC")[0] == 0
    assert cli("index", "--rebuild", command="")[0] == 0
    with library(cli) as lib:
        with pytest.raises(Exception, match="no entity named 'Kremlin'"):
            lib.find_entity("Kremlin")
        assert lib.find_entity("West").type == "LOC"
    shutil.rmtree(cli.root / "index")
    (cli.root / "articles" / "later.txt").write_text(
        "Later news\n\nThe West answered on Monday, and the Kremlin said nothing.\n"
    )
    assert cli("index", command="")[0] == 0
    with library(cli) as lib:
        later = next(a for a in lib.articles() if a.title == "Later news")
        texts = {m.text: m.entity_id for m in lib.mentions(later.id)}
        assert texts["West"] == lib.find_entity("West").id
        assert "Kremlin" not in texts
        assert lib.search("place:west").total == 2


def test_a_retyped_entity_keeps_its_id_and_what_the_user_keeps_by_it(cli, monkeypatch):
    """The id is a handle, not a label: a watch (any user data on an entity) and
    the journal's later operations keep finding it, also after a rebuild."""
    monkeypatch.setenv("READER_CURATION", str(cli.journal))
    with library(cli) as lib:
        kremlin = lib.find_entity("Kremlin")
        assert kremlin.type == "ORG"
        lib.userdata.watch(kremlin.id, kremlin.name, {})
    assert cli("retype", "Kremlin", "FAC")[0] == 0
    assert cli("rename", "Kremlin", "The Kremlin")[0] == 0
    assert cli("index", "--rebuild", command="")[0] == 0
    with library(cli) as lib:
        retyped = lib.entity(kremlin.id)
        assert (retyped.name, retyped.type) == ("The Kremlin", "FAC")
        assert [w.entity_id for w in lib.userdata.watched()] == [kremlin.id]
        assert lib.search('place:"the kremlin"').total == kremlin.article_count
        assert lib.search('org:"the kremlin"').total == 0  # the search fields follow the type


def test_undo_and_redo(cli):
    cli("reject", "Kremlin")
    code, out, _ = cli("undo")
    assert code == 0 and out.startswith("undo reject Kremlin (ORG) (journal entry 2;")
    with library(cli) as lib:
        assert lib.find_entity("Kremlin").mention_count == 4
    assert cli("redo")[0] == 0
    with library(cli) as lib:
        assert not lib.store.find_entities("Kremlin")
    code, out, _ = cli("log")
    assert "reject Kremlin (ORG)" in out and "redo" in out


def test_adding_a_name_an_entity_already_has_says_so(cli):
    with library(cli) as lib:
        holder = next(e for e in lib.entities() if e.aliases and e.type == "GPE")
        alias = holder.aliases[0]
    code, out, err = cli("add", alias, "--type", "GPE")
    assert code == 0 and "0 articles changed" in out
    assert f"{alias} is already a name of {holder.name} (GPE," in err
    assert err.strip().endswith("nothing to add")


def test_split_by_surface_form_into_a_new_entity(cli):
    code, _, _ = cli("split", "Russia", "--form", "RUSSIA", "--new", "RUSSIA headline")
    assert code == 0
    with library(cli) as lib:
        new = lib.find_entity("RUSSIA headline")
        assert (new.type, new.mention_count) == ("GPE", 1)


def test_mark_a_span_as_a_mention(cli):
    text = Library(
        Settings.resolve(cli.root / "articles", cli.root / "index", entities=True)
    ).text_of(SAMPLE_IDS[0])
    start = text.index("Polls")
    code, _, err = cli(
        "mark", f"{SAMPLE_IDS[0]}:{start}:{start + 5}", "--as", "Polls", "--type", "EVENT"
    )
    assert code == 0, err
    with library(cli) as lib:
        assert lib.find_entity("Polls").type == "EVENT"


def test_reject_a_single_mention(cli):
    with library(cli) as lib:
        first = lib.store.mentions_of_entity(lib.find_entity("Kremlin").id)[0]
    assert cli("reject", "--mention", f"{first.article_id}:{first.start}")[0] == 0
    with library(cli) as lib:
        assert lib.find_entity("Kremlin").mention_count == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("rename", "Atlantis", "X"), "no entity named 'Atlantis'"),
        (("merge", "Russia"), "merge needs two entities or more"),
        (("merge", "Russia", "Russia"), "an entity is named twice in the merge"),
        (("retype", "Russia", "PLANET"), "unknown type 'PLANET'"),
        (("mark", "nope", "--as", "Russia"), "'nope': a span is ARTICLE_ID:START:END"),
        (("mark", "missing:1:4", "--as", "Russia"), "no article with id 'missing'"),
        (("reject", "--mention", f"{SAMPLE_IDS[0]}:1"), "no mention at"),
        (("add", "Atlantis", "--type", "GPE"), "'Atlantis' is not in any article; nothing changed"),
        (("undo",), "nothing to undo"),
        (("redo",), "nothing to redo"),
        (("split", "Russia", "--form", "RUSSIA", "--into", "Russia"), "split into the same entity"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, argv, message):
    code, _, err = cli(*argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not cli.journal.exists() or cli.journal.read_text() == ""


def test_an_ambiguous_name_lists_the_candidates(cli):
    # Two entities called Russia: the headline's RUSSIA split off under the same name.
    assert cli("split", "Russia", "--form", "RUSSIA", "--new", "Russia")[0] == 0
    code, _, err = cli("rename", "Russia", "Rossiya")
    assert code == 2
    assert "'Russia' names 2 entities: Russia (GPE, 19 mentions, id gpe:russia)" in err
    assert "give the id" in err and len(err.strip().splitlines()) == 1
    assert cli("rename", "gpe:russia", "Rossiya")[0] == 0


def test_check_reports_damaged_lines_and_entries_that_no_longer_apply(cli):
    cli("reject", "Kremlin")
    with cli.journal.open("a") as f:
        f.write("{not json\n")
        f.write(
            json.dumps(
                {
                    "seq": 9,
                    "op": "rename",
                    "entity": {"name": "Atlantis", "type": "GPE"},
                    "name": "X",
                }
            )
            + "\n"
        )
    code, out, _ = cli("check", "--json")
    report = json.loads(out)
    assert code == 0 and report["applied"] == 1
    assert report["skipped"] == [{"seq": 9, "desc": "", "why": "no entity 'Atlantis' any more"}]
    assert report["problems"] == ["journal.jsonl line 2: not JSON, skipped"]
    # The damaged journal still applies what it can.
    assert cli("undo")[0] == 0
    code, out, _ = cli("log", "--json")
    assert [e["in_force"] for e in json.loads(out)["entries"]] == [True, False, None]
