"""Article ids are unique for every possible set of file names (issue 15): no
article is ever skipped as a duplicate because of where its file sits."""

from __future__ import annotations

from hypothesis import example, given, settings, strategies as st

from reader.corpus import assign_ids, is_jsonl
from tests.hardening.helpers import build, ids

# Locals a JSON line can give its article after the file's id (line numbers,
# slugs of a record's "id", a duplicate's "-LINE").
LOCALS = ("1", "2", "10", "x", "x-2", "a.b")

PARTS = st.sampled_from(["a", "a#1", "a#x", "x", "x.txt", "x.md", "b#2", "a.jsonl", "é", "1"])
SUFFIXES = st.sampled_from([".txt", ".md", ".jsonl", ".html", ".TXT", ".JSONL", ".txt.txt"])
NAMES = st.builds(
    lambda dirs, stem, suffix: "/".join([*dirs, stem + suffix]),
    st.lists(PARTS, max_size=3),
    PARTS,
    SUFFIXES,
)


def every_article_id(assigned: dict[str, str]) -> list[str]:
    out: list[str] = []
    for rel, aid in assigned.items():
        if is_jsonl(rel):
            out.extend(f"{aid}#{local}" for local in LOCALS)
        else:
            out.append(aid)
    return out


@settings(max_examples=400, deadline=None)
@given(st.sets(NAMES, min_size=1, max_size=12))
def test_generated_file_names_never_share_an_article_id(names):
    assigned = assign_ids(sorted(names))
    all_ids = every_article_id(assigned)
    assert len(all_ids) == len(set(all_ids)), assigned


@settings(max_examples=600, deadline=None)
@given(st.sets(NAMES, min_size=1, max_size=12))
@example({"a#x.txt", "a/a#x.txt", "a.jsonl", "a#1.txt"})  # a file in two clashes at once
def test_ids_do_not_depend_on_the_order_of_the_files(names):
    assert assign_ids(sorted(names)) == assign_ids(sorted(names, reverse=True))


def test_a_stem_stays_the_id_where_nothing_clashes():
    assigned = assign_ids(["storm.txt", "news/vote.md", "feed.jsonl", "a#1.txt"])
    assert assigned == {
        "storm.txt": "storm",
        "news/vote.md": "vote",
        "feed.jsonl": "feed",
        "a#1.txt": "a#1",
    }


def test_the_issue_s_collisions(collection):
    settings = collection(
        {
            "a#1.txt": "Hash Name\n\nA file whose name looks like a JSON line's id.",
            "a.jsonl": '{"title": "One", "body": "First line."}\n'
            '{"title": "Two", "body": "Second line."}\n',
            "x.txt.txt": "Double\n\nA double suffix.",
            "x.txt": "Plain\n\nA plain text file.",
            "x.md": "# Markdown\n\nA markdown file.",
            "d1/feed.jsonl": '{"body": "From the first folder."}\n',
            "d2/feed.jsonl": '{"body": "From the second folder."}\n',
        }
    )
    report = build(settings)
    assert not [w for w in report.warnings if "duplicate" in w], report.warnings
    assert report.added == 8 and len(ids(settings)) == 8


def test_a_new_file_that_clashes_with_an_indexed_one(collection):
    """Indexed first, then a clashing file appears: both are there after the update,
    and the old ids come back when it goes."""
    settings = collection({"a.jsonl": '{"body": "First line."}\n{"body": "Second line."}\n'})
    build(settings)
    assert ids(settings) == ["a#1", "a#2"]
    (settings.articles_dir / "a#1.txt").write_text("Hash Name\n\nA clashing file.")
    report = build(settings)
    assert not [w for w in report.warnings if "duplicate" in w], report.warnings
    assert len(ids(settings)) == 3
    (settings.articles_dir / "a#1.txt").unlink()
    build(settings)
    assert ids(settings) == ["a#1", "a#2"]


def test_the_same_files_get_the_same_ids_again_whatever_the_caller_did_with_them():
    names = ["a/storm.txt", "b/storm.txt", "vote.md"]
    first = assign_ids(names)
    first["vote.md"] = "changed by the caller"
    again = assign_ids(list(names))
    assert again == {"a/storm.txt": "a/storm", "b/storm.txt": "b/storm", "vote.md": "vote"}
    assert assign_ids([*names, "c/storm.txt"])["c/storm.txt"] == "c/storm"
