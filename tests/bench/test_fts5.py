"""Fast tests for the SQLite FTS5 reference (bench.fts5)."""

from __future__ import annotations

import sqlite3

import pytest

from bench import corpus as bc, fts5, queries as bq


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("fts5")
    bc.generate(root / "corpus", 120, seed=0)
    rows = list(bc.iter_corpus(root / "corpus"))
    db = root / "ref.db"
    seconds = fts5.build_fts5(db, rows)
    conn = fts5.open_fts5(db)
    yield db, rows, seconds, conn
    conn.close()


@pytest.fixture(scope="module")
def queries():
    return bq.sample_queries(0, per_kind=12)


def test_build(built):
    _db, rows, seconds, conn = built
    assert seconds > 0
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(rows) == 120
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name='articles'").fetchone()[0]
    assert "porter unicode61" in sql
    ident, title = conn.execute("SELECT id, title FROM articles WHERE id='a000005'").fetchone()
    assert (ident, title) == rows[5][:2]


def test_rebuild_replaces(tmp_path):
    db = tmp_path / "x.db"
    fts5.build_fts5(db, [("a", "one", "alpha beta")])
    fts5.build_fts5(db, [("b", "two", "gamma delta"), ("c", "three", "gamma")])
    conn = fts5.open_fts5(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert [h["id"] for h in fts5.query_fts5(conn, "term", "gamma")] == ["c", "b"]


def test_title_weighted(tmp_path):
    db = tmp_path / "w.db"
    fts5.build_fts5(
        db, [("t", "zebra news", "plain words here"), ("x", "other news", "zebra words here")]
    )
    hits = fts5.query_fts5(fts5.open_fts5(db), "term", "zebra")
    assert [h["id"] for h in hits] == ["t", "x"]


def test_read_only_connection(built):
    conn = built[3]
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")


@pytest.mark.parametrize("kind", bq.QUERY_KINDS)
def test_every_kind_has_hits_with_snippets(built, queries, kind):
    conn = built[3]
    for q in queries[kind]:
        hits = fts5.query_fts5(conn, kind, q)
        assert 1 <= len(hits) <= 10, (kind, q)
        scores = [h["score"] for h in hits]
        assert scores == sorted(scores, reverse=True)  # bm25 order, best first
        for h in hits:
            assert h["id"].startswith("a") and h["title"]
            assert fts5.SNIPPET_START in h["snippet"] and fts5.SNIPPET_END in h["snippet"]


def test_limit(built, queries):
    conn = built[3]
    q = queries["term"][0]
    assert len(fts5.query_fts5(conn, "term", q, limit=3)) <= 3
    assert fts5.count_fts5(conn, "term", q) >= len(fts5.query_fts5(conn, "term", q))


def test_translate():
    t = fts5.translate
    assert t("term", "inflation") == '"inflation"'
    assert t("term", "and") == '"and"'  # FTS5 keywords are quoted
    assert t("and", "budget AND minister") == '"budget" AND "minister"'
    assert t("phrase", '"interest rates"') == '"interest rates"'
    assert t("prefix", "infla*") == '"infla"*'
    assert t("entity", "person:Okafor") == 'text : "Okafor"'
    assert t("entity", 'place:"New York"') == 'text : "New York"'
    assert t("fuzzy", "goverment~", fuzzy="exact") == '"goverment"'
    expanded = t("fuzzy", "goverment~")
    assert '"government"' in expanded and '"goverment"' in expanded
    assert t("fuzzy", "cat~2").count(" OR ") + 1 == len(fts5.edits1("cat") | {"cat"})
    with pytest.raises(ValueError):
        t("regex", "x")


def test_fuzzy_finds_the_correct_spelling(built):
    conn = built[3]
    exact = fts5.count_fts5(conn, "term", "government")
    assert exact > 0
    pruned = fts5.count_fts5(conn, "fuzzy", "goverment~")
    assert pruned >= exact
    assert pruned == fts5.count_fts5(conn, "fuzzy", "goverment~", fuzzy="unpruned")
    assert fts5.count_fts5(conn, "fuzzy", "goverment~", fuzzy="exact") == 0
    cands = fts5.fuzzy_candidates(conn, "goverment")
    assert "government" in cands and len(cands) < 20


def test_fuzzy_pruning_matches_unpruned(built, queries):
    conn = built[3]
    for q in queries["fuzzy"]:
        assert fts5.count_fts5(conn, "fuzzy", q) == fts5.count_fts5(
            conn, "fuzzy", q, fuzzy="unpruned"
        ), q


def test_porter_stems(built):
    stems = fts5.porter_stems(built[3], ["government", "running", "policies"])
    assert stems == {"government": "govern", "running": "run", "policies": "polici"}


def test_edits1():
    e = fts5.edits1("ab")
    assert {"a", "b", "ba", "xab", "abx", "axb", "xb"} <= e
    assert "" not in e
