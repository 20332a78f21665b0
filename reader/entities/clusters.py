"""The last steps of linking, kept between updates: final targets -> entities.

Each final target (a key the collection's mentions resolved to) has its rows'
type votes, surface forms and articles. Spelling variants of one name are joined
(fuzzy, inside small blocks); each cluster is an entity, named and typed by its
targets' totals, with an id from its main key. `Clusters.update` redoes this
only for the targets an update touched: their blocks, their clusters and those
clusters' entities. Entity ids are handed out again in one cheap pass over all
clusters, since a clash ("person:smith" twice) goes to the first in key order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from .fuzzy import blocks_of, variant_pairs
from .linking import Entity, Tally, add_to_tally, canonical_name, vote
from .names import is_demonym_key, slug


class MutableSets(Protocol):
    """key -> a set of items (or a list, as loaded): a dict, or linkstate.LazySets."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def __getitem__(self, key: str) -> Any: ...

    def __setitem__(self, key: str, value: Any) -> None: ...

    def __delitem__(self, key: str) -> None: ...


class Clusters:
    # What is saved (see LinkState.dump); values that are sets are saved as lists.
    SAVED = (
        "votes",
        "forms",
        "seen",
        "blocks",
        "edges",
        "members",
        "root_of",
        "roots",
        "info",
    )
    SET_VALUES = frozenset({"blocks", "edges"})

    def __init__(
        self, preferred_name: Callable[[str], str | None], docs: MutableSets | None = None
    ) -> None:
        self.preferred_name = preferred_name
        self.votes: dict[
            str, dict[tuple[bool, str], int]
        ] = {}  # target -> (from model, vote) -> rows
        self.forms: dict[str, Tally] = {}  # target -> surface form -> rows
        # target -> articles (or a list, as loaded); saved per key by LinkState
        self.docs: MutableSets = {} if docs is None else docs
        self.seen: dict[str, tuple[int, str]] = {}  # target -> (rows, type) when last clustered
        self.blocks: dict[str, set[str]] = {}  # fuzzy block -> targets (or a list)
        self.edges: dict[str, set[str]] = {}  # target -> its spelling variants (or a list)
        self.members: dict[str, list[str]] = {}  # root -> targets, for clusters of several
        self.root_of: dict[str, str] = {}  # target -> root, for clusters of several
        self.roots: dict[str, str] = {}  # root -> the entity id it asks for
        self.info: dict[str, tuple[str, str]] = {}  # target -> (type, entity id)

    # -- totals
    def merge(
        self,
        votes: Mapping[tuple[str, bool, str], int],
        forms: Mapping[tuple[str, str], int],
        sign: int,
    ) -> None:
        """Add (sign 1) or take out (-1) rows: (target, from model, vote) -> rows and
        (target, surface form) -> rows."""
        for (target, from_model, label), n in votes.items():
            add_to_tally(self.votes, target, (from_model, label), sign * n)
        for (target, form), n in forms.items():
            add_to_tally(self.forms, target, form, sign * n)

    def article_count(self, targets: list[str]) -> int:
        if len(targets) == 1:
            return len(self.docs[targets[0]])
        return len(set().union(*(self.docs[t] for t in targets)))

    # -- the update
    def update(self, dirty: set[str]) -> tuple[set[str], dict[str, Entity], set[str]]:
        """Cluster again around the targets whose totals changed; returns the
        targets whose (type, entity id) changed, the entities that changed (by id)
        and the ids no entity has any more."""
        touched = set(dirty)
        touched.update(self._pair_again(dirty))
        old_roots, new_roots, region = self._cluster_again(touched)

        # Entities of the clusters around what was touched, then every cluster's id.
        # A root's id was its own target's (info); old roots were targets, and
        # untouched roots are the same clusters as before.
        old_ids = {r: self.info[r][1] for r in old_roots if r in self.info}
        for root in old_roots - new_roots:
            self.roots.pop(root, None)
        fresh = {root: self._entity(root) for root in new_roots}
        ids = self._hand_out_ids()
        moved_ids = {r for r, eid in ids.items() if r not in new_roots and self.info[r][1] != eid}
        old_ids.update((r, self.info[r][1]) for r in moved_ids)
        changed_roots = new_roots | moved_ids
        entities: dict[str, Entity] = {}
        changed: set[str] = set()
        for root in sorted(changed_roots):
            entity = fresh.get(root) or self._entity(root)
            entity.id = ids[root]
            entities[entity.id] = entity
            info = (entity.type, entity.id)
            for t in self.members.get(root, (root,)):
                if self.info.get(t) != info:
                    self.info[t] = info
                    changed.add(t)
        for t in region:
            if t not in self.seen and self.info.pop(t, None) is not None:
                changed.add(t)
        gone = set(old_ids.values()) - set(ids.values())
        return changed, entities, gone

    def _pair_again(self, dirty: set[str]) -> set[str]:
        """Blocks and spelling-variant pairs of the targets whose rows or type
        changed; returns the targets that lost or gained a pair."""
        moved = [t for t in sorted(dirty) if self._summary(t) != self.seen.get(t)]
        touched: set[str] = set()
        by_block: dict[str, list[str]] = {}
        for t in moved:
            old = self.seen.pop(t, None)
            if old is not None:
                for block in blocks_of(t, old[1]):
                    release(self.blocks, block, t)
            for u in self.edges.pop(t, ()):
                touched.add(u)
                release(self.edges, u, t)
            now = self._summary(t)
            if now is not None:
                self.seen[t] = now
                for block in blocks_of(t, now[1]):
                    holders_of(self.blocks, block).add(t)
                    by_block.setdefault(block, []).append(t)
        counts = _Counts(self.seen)
        for block, rows in by_block.items():
            members = self.blocks[block]
            if len(members) < 2:
                continue
            for a, b in variant_pairs(block, rows, sorted(members), counts):
                holders_of(self.edges, a).add(b)
                holders_of(self.edges, b).add(a)
                touched.add(b)
        return touched

    def _cluster_again(self, touched: set[str]) -> tuple[set[str], set[str], set[str]]:
        """Clusters of the touched targets, as they were and as they are now:
        returns (old roots, new roots, every target in them)."""
        old_roots = {self.root_of.get(t, t) for t in touched}
        region = set(touched)
        for root in old_roots:
            region.update(self.members.pop(root, ()))
        for t in region:
            self.root_of.pop(t, None)
        new_roots: set[str] = set()
        done: set[str] = set()
        for start in region:
            if start in done or start not in self.seen:
                continue
            # Spelling variants join transitively; edges never leave the region
            # (a new pair touched both ends, an old one was in an old cluster).
            cluster = {start}
            todo = [start]
            while todo:
                for u in self.edges.get(todo.pop(), ()):
                    if u not in cluster:
                        cluster.add(u)
                        todo.append(u)
            done.update(cluster)
            root = min(cluster)  # as a union-find that keeps the smallest key as root
            new_roots.add(root)
            if len(cluster) > 1:
                self.members[root] = sorted(cluster)
                for t in cluster:
                    self.root_of[t] = root
        return old_roots, new_roots, region

    def _summary(self, target: str) -> tuple[int, str] | None:
        """(rows, type) of a target, or None when it has none."""
        votes = self.votes.get(target)
        if not votes:
            return None
        labels: Tally = {}
        for (_from_model, label), n in votes.items():
            labels[label] = labels.get(label, 0) + n
        return sum(labels.values()), vote(labels)

    def _entity(self, root: str) -> Entity:
        """The cluster's entity (its id still to be handed out); notes its type and
        the id it asks for in `roots`."""
        members = self.members.get(root, [root])
        labels: Tally = {}
        copy_labels: Tally = {}
        forms: Tally = {}
        sizes: Tally = {}
        for t in members:
            for (from_model, label), n in self.votes[t].items():
                tally = labels if from_model else copy_labels
                tally[label] = tally.get(label, 0) + n
            for form, n in self.forms[t].items():
                if "\n" in form:  # a name across a hard-wrapped line is shown on one
                    form = " ".join(form.split())
                forms[form] = forms.get(form, 0) + n
            sizes[t] = self.seen[t][0]
        label = vote(labels or copy_labels)
        if is_demonym_key(root):
            label = "NORP"  # "Ukrainian", typed a place now and then, names a people
        preferred = next(filter(None, map(self.preferred_name, sorted(members))), None)
        name = canonical_name(forms, preferred)
        # The id comes from the cluster's main key, not from surface text, so
        # case or a typo does not change it.
        main_key = _main_key(sizes)
        self.roots[root] = f"{label.lower()}:{slug(main_key)}"
        others = sorted((f for f in forms if f != name), key=lambda f: (-forms[f], f))
        return Entity("", name, label, others, sum(forms.values()), self.article_count(members))

    def _hand_out_ids(self) -> dict[str, str]:
        ids = {}
        taken: set[str] = set()
        for root in sorted(self.roots):
            base = self.roots[root]
            if base in taken:
                sizes = {t: self.seen[t][0] for t in self.members.get(root, (root,))}
                base = f"{base}-{hashlib.sha1(_main_key(sizes).encode()).hexdigest()[:6]}"
            taken.add(base)
            ids[root] = base
        return ids


def _main_key(sizes: Tally) -> str:
    """The cluster's main key: most words, then most rows."""
    return max(sizes, key=lambda k: (len(k.split()), sizes[k], k))


class _Counts(dict):
    """Target -> rows, looked up in the targets' summaries."""

    def __init__(self, seen: dict[str, tuple[int, str]]) -> None:
        super().__init__()
        self.seen = seen

    def __missing__(self, target: str) -> int:
        return self.seen[target][0]


# Indexes key -> set of items (articles, targets); as loaded, a value is a list,
# made a set when an update first changes it.


def holders_of(index: MutableSets, key: str) -> set[str]:
    """index[key] as a set (made one from a loaded list, or a new one)."""
    found: set[str] | list[str] | None = index.get(key)
    if type(found) is set:
        return found
    holders = index[key] = set(found or ())  # a loaded list, or none yet
    return holders


def hold(index: MutableSets, keys: Iterable[str], item: str) -> None:
    for key in keys:
        holders = index.get(key)
        if type(holders) is set:
            holders.add(item)
        else:
            holders_of(index, key).add(item)


def release(index: MutableSets, key: str, item: str) -> None:
    holders = holders_of(index, key)
    holders.discard(item)
    if not holders:
        del index[key]
