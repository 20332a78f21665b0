"""Clustering mentions into entities, within each article and across the collection.

Pipeline (each step roughly linear in the number of mentions):
1. every mention gets a key: `names.name_key` (case, accents, "the", possessive,
   titles, punctuation folded away), then the alias table's preferred key;
2. within an article, a short name joins the longer person name it abbreviates
   ("Putin" -> "Vladimir Putin"; the nearest preceding one if several), and an
   all-caps acronym the multi-word name it abbreviates ("UN" -> "United Nations");
3. short names left over are resolved against the collection: by what they
   resolved to in other articles, else by a unique compatible long name;
4. spelling variants are joined by a guarded fuzzy match inside small blocks;
5. each entity's type is voted over its mentions; its canonical name is the
   fullest frequent form; its id is a slug of that name's key (stable).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .aliases import AliasTable
from .extract import RawMention
from .fuzzy import fuzzy_pairs
from .names import acronym, is_all_caps, name_key, slug

# Labels that name places or groups: a short name with such a majority is not a
# person's surname ("Washington" the city stays apart from "George Washington").
_NOT_PERSON = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE"})
# Ties in the type vote go to the earlier label.
_LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                   "WORK_OF_ART", "LAW")
_PRIORITY = {lab: i for i, lab in enumerate(_LABEL_PRIORITY)}
# A collection-level resolution needs this share of the evidence.
_DOMINANT_SHARE = 0.75


@dataclass(frozen=True, slots=True)
class LinkedMention:
    doc: str
    start: int
    end: int
    text: str
    label: str
    entity: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mention_count: int = 0
    article_count: int = 0


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Deterministic root: the smaller key, so results do not depend on order.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _vote(counts: Counter) -> str:
    """Majority label; ties go to the label earlier in _LABEL_PRIORITY."""
    return max(counts, key=lambda lab: (counts[lab], -_PRIORITY.get(lab, 99), lab))


def _is_person_key(counts: Counter) -> bool:
    return bool(counts) and _vote(counts) == "PERSON"


def _suffix_candidates(short: str, long_keys: Iterable[str]) -> list[str]:
    """Long keys whose trailing tokens are exactly the short key's tokens."""
    tail = " " + short
    return [k for k in long_keys if k.endswith(tail)]


class _Collection:
    """Working state of one link_collection call."""

    def __init__(self, docs: Mapping[str, tuple[str, Sequence[RawMention]]], aliases: AliasTable) -> None:
        self.docs = docs
        self.aliases = aliases
        self.key_labels: dict[str, Counter] = defaultdict(Counter)
        # per doc: list of (mention, key) for non-date mentions
        self.keyed: dict[str, list[tuple[RawMention, str]]] = {}
        for doc_id, (_text, mentions) in docs.items():
            rows = []
            for m in mentions:
                if m.label == "DATE":
                    continue
                key = aliases.canonical_key(name_key(m.text))
                if not key:
                    continue
                rows.append((m, key))
                self.key_labels[key][m.label] += 1
            self.keyed[doc_id] = rows
        self.person_keys = {k for k, c in self.key_labels.items() if " " in k and _is_person_key(c)}

    def _may_be_person_part(self, key: str) -> bool:
        counts = self.key_labels[key]
        return _vote(counts) not in _NOT_PERSON

    def resolve_in_docs(self) -> tuple[dict[str, list[str]], Counter]:
        """Per doc, each mention's resolved key; plus (short, long) evidence counts."""
        resolved: dict[str, list[str]] = {}
        evidence: Counter = Counter()
        for doc_id, rows in self.keyed.items():
            doc_keys = {k for _, k in rows}
            longs = [k for k in doc_keys if k in self.person_keys]
            # position of each long key's mentions, for nearest-preceding choice
            positions: dict[str, list[int]] = defaultdict(list)
            for m, k in rows:
                if k in self.person_keys:
                    positions[k].append(m.start)
            acronyms: dict[str, list[str]] = defaultdict(list)
            for k in doc_keys:
                a = acronym(k)
                if len(a) >= 2:
                    acronyms[a].append(k)
            out = []
            for m, key in rows:
                target = key
                if key not in self.person_keys and self._may_be_person_part(key):
                    cands = _suffix_candidates(key, longs)
                    if len(cands) == 1:
                        target = cands[0]
                    elif cands:
                        target = _nearest(cands, positions, m.start)
                if target == key and is_all_caps(m.text) and " " not in key:
                    cands = [k for k in acronyms.get(key, ()) if k != key]
                    if len(cands) == 1:
                        target = cands[0]
                if target != key:
                    evidence[(key, target)] += 1
                out.append(target)
            resolved[doc_id] = out
        return resolved, evidence

    def resolve_across(self, resolved: dict[str, list[str]], evidence: Counter) -> dict[str, str]:
        """Map from leftover short keys to long keys, decided over the collection."""
        by_short: dict[str, Counter] = defaultdict(Counter)
        for (short, long), n in evidence.items():
            by_short[short][long] += n
        by_last: dict[str, list[str]] = defaultdict(list)
        by_acronym: dict[str, list[str]] = defaultdict(list)
        for k in self.person_keys:
            by_last[k.rsplit(" ", 1)[1]].append(k)
        for k in self.key_labels:
            a = acronym(k)
            if len(a) >= 2:
                by_acronym[a].append(k)
        leftovers = {k for rows in resolved.values() for k in rows}
        mapping: dict[str, str] = {}
        for key in leftovers:
            if key in self.person_keys:
                continue
            seen = by_short.get(key)
            if seen:
                long, n = seen.most_common(1)[0]
                if n >= _DOMINANT_SHARE * sum(seen.values()):
                    mapping[key] = long
                continue
            if " " not in key and self._may_be_person_part(key):
                cands = by_last.get(key, [])
                if len(cands) == 1:
                    mapping[key] = cands[0]
                    continue
            cands = [k for k in by_acronym.get(key, ()) if k != key]
            if len(cands) == 1 and " " not in key:
                mapping[key] = cands[0]
        return mapping


def _nearest(cands: list[str], positions: dict[str, list[int]], at: int) -> str:
    """The candidate mentioned last before `at` (else first after it)."""
    best, best_pos = None, -1
    for k in cands:
        before = [p for p in positions[k] if p < at]
        if before and max(before) > best_pos:
            best, best_pos = k, max(before)
    if best is not None:
        return best
    return min(cands, key=lambda k: (min(positions[k]), k))


def _canonical_name(forms: Counter, preferred: str | None) -> str:
    """The fullest frequent form: most words among forms seen often enough."""
    if preferred:
        return preferred
    top = max(forms.values())
    frequent = [f for f, n in forms.items() if n * 10 >= top or n >= 2]
    return max(frequent, key=lambda f: (not is_all_caps(f), len(f.split()), forms[f], -len(f), f))


def _entity_id(label: str, key: str, taken: set[str]) -> str:
    base = f"{label.lower()}:{slug(key)}"
    if base in taken:
        base = f"{base}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
    taken.add(base)
    return base


_default_aliases: AliasTable | None = None


def _builtin_aliases() -> AliasTable:
    global _default_aliases
    if _default_aliases is None:
        _default_aliases = AliasTable.load()
    return _default_aliases


def link_collection(
    docs: Mapping[str, tuple[str, Sequence[RawMention]]],
    aliases: AliasTable | None = None,
) -> tuple[list[LinkedMention], dict[str, Entity]]:
    """Cluster the mentions of all docs into entities.

    `aliases=None` uses the built-in alias table. Returns the linked mentions (in
    doc order, then mention order; DATE mentions carry entity "") and the
    entities by id.
    """
    coll = _Collection(docs, aliases if aliases is not None else _builtin_aliases())
    resolved, evidence = coll.resolve_in_docs()
    across = coll.resolve_across(resolved, evidence)

    uf = _UnionFind()
    final_keys: dict[str, list[str]] = {}
    key_counts: Counter = Counter()
    for doc_id, keys in resolved.items():
        final = [across.get(k, k) for k in keys]
        final_keys[doc_id] = final
        key_counts.update(final)
    final_labels: dict[str, Counter] = defaultdict(Counter)
    for doc_id, rows in coll.keyed.items():
        for (m, _), k in zip(rows, final_keys[doc_id]):
            final_labels[k][m.label] += 1
    for a, b in fuzzy_pairs(key_counts, {k: _vote(c) for k, c in final_labels.items()}):
        uf.union(a, b)

    # Gather clusters.
    labels: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    doc_sets: dict[str, set[str]] = defaultdict(set)
    members: dict[str, Counter] = defaultdict(Counter)
    for doc_id, rows in coll.keyed.items():
        for (m, _), k in zip(rows, final_keys[doc_id]):
            root = uf.find(k)
            labels[root][m.label] += 1
            forms[root][" ".join(m.text.split())] += 1
            doc_sets[root].add(doc_id)
            members[root][k] += 1

    entities: dict[str, Entity] = {}
    root_to_id: dict[str, str] = {}
    taken: set[str] = set()
    for root in sorted(labels):
        label = _vote(labels[root])
        preferred = next(filter(None, map(coll.aliases.preferred_name, sorted(members[root]))), None)
        name = _canonical_name(forms[root], preferred)
        # The id comes from the cluster's main key (the longest, most frequent
        # member key), not from surface text, so case or typos do not change it.
        main_key = max(members[root], key=lambda k: (len(k.split()), members[root][k], k))
        eid = _entity_id(label, main_key, taken)
        root_to_id[root] = eid
        others = [f for f, _ in forms[root].most_common() if f != name]
        entities[eid] = Entity(eid, name, label, others, sum(labels[root].values()), len(doc_sets[root]))

    linked: list[LinkedMention] = []
    for doc_id, (_text, mentions) in docs.items():
        keyed = iter(zip(coll.keyed[doc_id], final_keys[doc_id]))
        nxt = next(keyed, None)
        for m in mentions:
            if nxt is not None and nxt[0][0] is m:
                eid = root_to_id[uf.find(nxt[1])]
                linked.append(LinkedMention(doc_id, m.start, m.end, m.text, entities[eid].type, eid))
                nxt = next(keyed, None)
            elif m.label == "DATE":
                linked.append(LinkedMention(doc_id, m.start, m.end, m.text, "DATE", ""))
    return linked, entities
