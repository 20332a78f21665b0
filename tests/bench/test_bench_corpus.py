"""Fast tests for the benchmark corpus generator (bench.corpus)."""

from __future__ import annotations

import collections
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import ROOT, child_env, corpus as bc, queries as bq
from bench.options import MINIMAL_READY_TEXT
from bench.stats import measure_tui_startup, percentile, percentiles

DATE_RE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{1,2}, (19|20)\d\d\b"
)
WEEKDAY_RE = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@pytest.fixture(scope="module")
def pools():
    return bc.build_pools(0)


@pytest.fixture(scope="module")
def articles(pools):
    return list(bc.iter_articles(600, seed=0, pools=pools))


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.txt"))}


def test_same_seed_same_bytes(tmp_path):
    a = bc.generate(tmp_path / "a", 60, seed=7)
    b = bc.generate(tmp_path / "b", 60, seed=7)
    assert len(a) == len(b) == 60
    assert _tree_bytes(tmp_path / "a") == _tree_bytes(tmp_path / "b")


def test_different_seed_different_text(tmp_path):
    bc.generate(tmp_path / "a", 20, seed=1)
    bc.generate(tmp_path / "b", 20, seed=2)
    ta, tb = _tree_bytes(tmp_path / "a"), _tree_bytes(tmp_path / "b")
    assert ta.keys() == tb.keys()
    assert all(ta[k] != tb[k] for k in ta)


def test_golden_digest():
    """Same bytes on every machine/run.  If you change the generator on
    purpose, bump GENERATOR_VERSION and update this digest."""
    h = hashlib.sha256()
    for a in bc.iter_articles(30, seed=0):
        h.update(a.render().encode("utf-8"))
    assert h.hexdigest() == GOLDEN_SEED0_30


GOLDEN_SEED0_30 = "eb650f9fc92cfe23d227e536b1bf799599dcbde062eb8963d13eecbc03fce0a3"


def test_prefix_stable_and_matches_files(tmp_path, articles):
    paths = bc.generate(tmp_path, 40, seed=0)
    for p, a in zip(paths, articles):
        assert p.read_text(encoding="utf-8") == a.render()


def test_layout_and_format(tmp_path, monkeypatch):
    monkeypatch.setattr(bc, "SHARD_SIZE", 10)  # folders of 10 instead of 1000
    paths = bc.generate(tmp_path, 23, seed=3)
    assert len(paths) == 23 == len({p.stem for p in paths})
    assert paths[0] == tmp_path / "000" / "a000000.txt"
    assert paths[9].parent.name == "000" and paths[10] == tmp_path / "001" / "a000010.txt"
    assert paths[22] == tmp_path / "002" / "a000022.txt"
    assert bc.corpus_files(tmp_path) == paths
    for p in paths:
        raw = p.read_text(encoding="utf-8")
        lines = raw.split("\n")
        assert lines[0].strip() and lines[1] == "" and lines[2].strip()
        assert "\r" not in raw and raw.endswith("\n") and not raw.endswith("\n\n")
        ident, title, text = bc.read_article(p)
        assert ident == p.stem and title == lines[0] and "\n\n" not in title
        assert text and not text.startswith(title)


def test_unsupported_format(tmp_path):
    with pytest.raises(ValueError):
        bc.generate(tmp_path, 1, fmt="md")


def test_length_distribution(articles):
    wc = [a.word_count for a in articles]
    med = percentile(wc, 50)
    assert 430 <= med <= 680, med
    assert sum(wc) / len(wc) > med  # right-skewed (log-normal)
    assert percentile(wc, 99) > 1500
    assert max(wc) <= 3300
    short = sum(w < 100 for w in wc)
    assert 1 <= short <= 0.08 * len(wc)  # a few very short briefs


def test_zipfian_vocabulary(articles):
    counts = collections.Counter(w for a in articles[:200] for w in re.findall(r"[a-z]+", a.text))
    ranked = [c for _, c in counts.most_common()]
    assert counts.most_common(1)[0][0] == "the"
    assert len(counts) > 1500  # a few thousand word types
    assert ranked[0] > 5 * ranked[20] > 5 * ranked[300]  # heavy head, long tail
    hapax = sum(1 for c in ranked if c == 1)
    assert hapax > 0.15 * len(ranked)


def test_recurring_entities(pools, articles):
    assert len(pools.persons) >= 300 and len(pools.orgs) >= 200 and len(pools.places) >= 200
    # several people share a surname
    by_last = collections.Counter(p.last for p in pools.persons)
    assert by_last.most_common(1)[0][1] >= 4
    # popular people / orgs recur across many articles
    texts = [a.title + "\n" + a.text for a in articles]
    per_person = [sum(p.full in t for t in texts) for p in pools.persons[:50]]
    assert max(per_person) >= 0.03 * len(texts)
    assert sum(c >= 3 for c in per_person) >= 20
    per_org = [sum(o in t for t in texts) for o in pools.orgs[:20]]
    assert max(per_org) >= 0.03 * len(texts)
    joined = "\n".join(texts)
    assert re.search(r"\b(Mr|Ms)\. [A-Z][a-z]+", joined)
    assert re.search(r"\b(President|Minister|Senator|Governor|Mayor) [A-Z][a-z]+", joined)
    assert re.search(r"\bsaid [A-Z][a-z]+ [A-Z][a-z]+", joined)
    assert re.search(r"\bMinistry of [A-Z]", joined)
    assert re.search(
        r"\bin (London|Paris|Berlin|Lisbon|Oslo|Tokyo|Madrid|Rome|[A-Z][a-z]+)\b", joined
    )


def test_dates_in_text_and_titles(articles):
    assert sum(bool(DATE_RE.search(a.text)) for a in articles) > 0.5 * len(articles)
    assert sum(bool(WEEKDAY_RE.search(a.text)) for a in articles) > 0.5 * len(articles)
    dated_titles = sum(
        bool(DATE_RE.search(a.title) or re.search(r"\b(on [A-Z][a-z]+day|\(\w+ \d{4}\))", a.title))
        for a in articles
    )
    assert 0.3 * len(articles) < dated_titles < 0.8 * len(articles)
    for a in articles[:100]:
        assert 2018 <= a.date.year <= 2024


def test_sample_queries(pools):
    q = bq.sample_queries(0, pools, per_kind=20)
    assert q == bq.sample_queries(0, pools, per_kind=20)
    assert set(q) == set(bq.QUERY_KINDS)
    for kind, qs in q.items():
        assert len(qs) == 20 == len(set(qs)), kind
    assert all(re.fullmatch(r"[a-z]+", x) for x in q["term"])
    assert all(re.fullmatch(r"[a-z]+ AND [a-z]+", x) for x in q["and"])
    assert all(re.fullmatch(r'"[^"]+ [^"]+"', x) for x in q["phrase"])
    assert any(re.fullmatch(r'"[A-Z][a-z]+ [A-Z][a-z]+"', x) for x in q["phrase"])
    assert all(re.fullmatch(r"[a-z]+~", x) for x in q["fuzzy"])
    assert all(x[:-1] not in pools.vocabulary for x in q["fuzzy"])  # real typos
    assert all(re.fullmatch(r"[a-z]{3,}\*", x) for x in q["prefix"])
    assert any(len(x) == 4 for x in q["prefix"]) and any(len(x) >= 5 for x in q["prefix"])
    assert all(re.fullmatch(r"(person|place):[A-Z][a-z]+", x) for x in q["entity"])
    assert {x.split(":")[0] for x in q["entity"]} == {"person", "place"}
    assert bq.sample_queries(1, per_kind=20) != q


def test_package_does_not_import_textual():
    code = (
        "import sys, bench.corpus, bench.fts5, bench.queries, bench.stats; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_startup_is_timed_from_outside():
    """The minimal app, in a pseudo-terminal: ready when its text shows, then its own
    peak RSS, then it quits on Ctrl+Q (no hook in the app)."""
    r = measure_tui_startup(
        [sys.executable, "-m", "bench.minimal_app"], MINIMAL_READY_TEXT, env=child_env(), timeout=60
    )
    assert r.returncode == 0
    assert 0 < r.ready_s < r.exit_s
    assert r.ready_rss_kb > 10_000 and r.peak_rss_kb >= r.ready_rss_kb


def test_the_reader_has_no_benchmark_hook():
    """Start-up is measured from outside: the app neither imports the benchmark nor
    reads a variable of it."""
    code = (
        "import sys, reader.cli, reader.tui.app; "
        "sys.exit(any(m == 'bench' or m.startswith('bench.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    for path in (ROOT / "reader").rglob("*.py"):
        assert "READER_BENCH" not in path.read_text(encoding="utf-8"), path


def test_percentiles():
    assert percentiles([1, 2, 3, 4, 5]) == {50: 3, 95: pytest.approx(4.8)}
    assert percentile([7], 95) == 7
    with pytest.raises(ValueError):
        percentile([], 50)


def test_queries_mined_from_a_folder_without_entities():
    """`python -m bench --corpus DIR` on text whose entities are unknown: capitalised
    words stand in for names."""
    from bench.queries import mine_queries

    texts = [
        "Officials in Lisbon said the budget would grow. Maria Okafor agreed on Monday.",
        "The minister visited Porto and Lisbon, where farmers protested the budget.",
    ] * 5
    queries = mine_queries(texts, seed=1, per_kind=3)
    assert queries["term"] and queries["and"] and queries["entity"]
    assert all(q.split(":", 1)[1] in " ".join(texts) for q in queries["entity"])
