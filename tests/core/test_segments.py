"""reader.fulltext.segments writes the same segments as Whoosh's own writer, faster."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from reader.fulltext import patches as whoosh_patches, search, segments

WORDS = (
    "the minister said talks in Geneva would resume after the vote; Zürich's "
    "café owners, São Paulo and Kraków officials rejected 3.5 per-cent rises "
    "U.S. e-mail re-election naïve résumé"
).split()


def _docs(n: int, seed: int = 7) -> list[dict]:
    r = random.Random(seed)
    docs = []
    for i in range(n):
        text = " ".join(r.choice(WORDS) for _ in range(r.randint(0, 300)))
        doc = {
            "id": f"a{i}",
            "hash": f"h{i}",
            "path": f"p/{i}.txt",
            "title": " ".join(r.choice(WORDS) for _ in range(r.randint(1, 8))),
            "text": text,
            "source": r.choice(("Reuters", "AP", "")),
            "author": "",
        }
        if i % 3:
            doc["person"] = "Ana María ; Lech Wałęsa"
            doc["entity"] = "Ana María ; Geneva"
            doc["entity_id"] = "e1,e2"
        docs.append(doc)
    return docs


def _build(root: Path, docs: list[dict], patched: bool) -> dict[str, bytes]:
    whoosh_patches.install_writer(patched)
    try:
        random.seed(1)  # Whoosh names segments at random
        ix = search.create_index(root)
        for batch in (docs[: len(docs) // 2], docs[len(docs) // 2 :]):
            # limitmb=1: the pool spills several sorted runs to disk and merges them.
            writer = ix.writer(limitmb=1)
            for doc in batch:
                writer.update_document(**doc)
            writer.commit()
        writer = ix.writer(limitmb=1)
        writer.delete_by_term("id", "a3")
        writer.commit(optimize=True)  # merges both segments through the pool
    finally:
        whoosh_patches.install_writer(True)
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.name != "MAIN_WRITELOCK"}


def test_segments_are_byte_identical(tmp_path, monkeypatch):
    # The compound file records each part's mtime: the one difference allowed.
    monkeypatch.setattr(FileStorage, "file_modified", lambda self, name: 0.0)
    docs = _docs(400)
    ours = _build(tmp_path / "ours", docs, True)
    whoosh = _build(tmp_path / "whoosh", docs, False)
    assert ours.keys() == whoosh.keys()
    assert ours == whoosh
    with search.open_index(tmp_path / "ours").searcher() as s:
        assert s.doc_count() == 399


def test_word_values_match_whoosh():
    field = search.make_schema()["text"]
    for doc in _docs(50, seed=3):
        for value in (doc["text"], doc["title"], "", "Ünïcödé  ÉTÉ été 1.2.3 a.b"):
            ours = list(segments._word_values(field.format, value, field.analyzer, mode="index"))
            theirs = list(
                segments._original_word_values(field.format, value, field.analyzer, mode="index")
            )
            assert ours == theirs


@pytest.mark.parametrize("on", [True, False])
def test_install_is_reversible(on):
    whoosh_patches.install_writer(on)
    try:
        from whoosh import writing

        assert (writing.PostingPool.add is segments._pool_add) is on
    finally:
        whoosh_patches.install_writer(True)
