"""Near-duplicates: articles that are the same story (wire copies, updates,
corrections), found with MinHash signatures and LSH (datasketch's scheme), at index time
and incrementally.

- An article's **shingles** are its runs of `SHINGLE` consecutive words
  (case-folded, in its first `SIGNED_CHARS` characters); two articles' resemblance is the Jaccard similarity of their
  shingle sets, which a MinHash signature of `NUM_PERM` values estimates.
- **LSH**: the signature is cut into bands (their number and width are
  datasketch's choice for `THRESHOLD`); articles sharing a band's values are candidates, and a
  candidate whose estimated similarity reaches `THRESHOLD` is a near-duplicate.
  Band keys live in the store, so one article is compared with its candidates
  only, never with the whole collection.
- **Groups** are the connected pairs (an update of an update is in the group).

The signatures themselves (numpy) are in signatures.py, loaded
only when there is something to sign. `refresh(store)` is the indexer's one call: it signs the articles whose content
changed since they were signed, forgets those that are gone, finds the new
pairs and regroups. Everything here is regenerable from the articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analytics.minhash import (  # the settings, part of this module's API
    NUM_PERM as NUM_PERM,
    PARAMS as PARAMS,
    SEED as SEED,
    SHINGLE as SHINGLE,
    SIGNED_CHARS as SIGNED_CHARS,
    THRESHOLD as THRESHOLD,
)
from reader.build import Progress, ShouldStop, check_stop, never_stop, no_progress

if TYPE_CHECKING:
    from reader.store import Store


@dataclass(frozen=True, slots=True)
class DuplicateReport:
    signed: int = 0  # articles (re)signed
    forgotten: int = 0  # signatures of articles gone
    pairs: int = 0  # near-duplicate pairs in the collection
    groups: int = 0


def groups_of(pairs: Iterable[tuple[str, str, float]]) -> dict[str, str]:
    """Article id -> group id (the group's smallest article id) of every article
    in a pair: the connected components."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b, _ in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def refresh(
    store: Store,
    progress: Progress = no_progress,
    should_stop: ShouldStop = never_stop,
) -> DuplicateReport:
    """Bring the store's signatures, pairs and groups up to date with its articles.

    Signs only articles whose content hash differs from the one signed (all of
    them when the settings changed), compares each with its LSH candidates, and
    regroups from the stored pairs. Raises nothing of its own; `should_stop`
    is checked every 200 articles (the caller rolls back)."""
    if store.get_meta("duplicates") != PARAMS:
        store.forget_all_signatures()
    changed, gone = store.signature_changes()
    if not changed and not gone and store.get_meta("duplicates") == PARAMS:
        return DuplicateReport()
    # deferred: numpy loads only when there is something to sign
    from reader.analytics.signatures import band_keys, from_bytes, signature, similarity

    store.forget_signatures([*changed, *gone])
    hashes = store.article_hashes()
    keys_of: dict[str, list[int]] = {}
    sigs: dict = {}
    total = len(changed)
    for done, (article_id, text) in enumerate(store.texts(changed), start=1):
        if done % 200 == 0:
            check_stop(should_stop)
            progress("duplicates", done, total)
        sig = signature(text)
        keys = band_keys(sig)
        store.put_signature(article_id, hashes.get(article_id, ""), sig.tobytes(), keys)
        sigs[article_id], keys_of[article_id] = sig, keys
    found = []
    for article_id, keys in keys_of.items():
        neighbours = store.band_neighbours(keys, exclude=article_id)
        unknown = [n for n in neighbours if n not in sigs]
        known = {n: from_bytes(b) for n, b in store.signatures(unknown).items()}
        for other in neighbours:
            other_sig = sigs.get(other)
            if other_sig is None:
                other_sig = known.get(other)
            if other_sig is None:
                continue
            s = similarity(sigs[article_id], other_sig)
            if s >= THRESHOLD:
                found.append((article_id, other, s))
    store.put_similar_pairs(found)
    pairs = store.similar_pairs()
    groups = groups_of(pairs)
    store.replace_groups(sorted(groups.items()))
    store.set_meta("duplicates", PARAMS)
    progress("duplicates", total, total)
    return DuplicateReport(len(changed), len(gone), len(pairs), len(set(groups.values())))
