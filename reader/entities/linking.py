"""Clustering mentions into entities, within each article and across the collection.

Pipeline (each step roughly linear in the number of mentions):
0. names the model found in several articles are tagged where an article missed
   them (propagate.collection_forms); these copies do not vote on types;
1. every mention gets a key: `names.name_key` (case, accents, "the", possessive,
   titles, punctuation folded away), then the alias table's preferred key;
2. within an article, a short name joins the longer person name it abbreviates
   ("Putin" -> "Vladimir Putin"; the nearest preceding one if several), and an
   all-caps acronym the multi-word name it abbreviates ("UN" -> "United Nations");
3. short names left over are resolved against the collection: by what they
   resolved to in other articles, else by a unique compatible long name;
4. spelling variants are joined by a guarded fuzzy match inside small blocks;
5. each entity's type is voted over its mentions (a surname joined to a person
   votes PERSON); its canonical name is the fullest frequent form (or the alias
   table's preferred name); its id is "<type>:<slug of its main key>" (stable).
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
from .propagate import collection_forms, propagate

# Labels that name places or groups: a short name with such a majority is not a
# person's surname ("Washington" the city stays apart from "George Washington").
_NOT_PERSON = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE"})
# Ties in the type vote go to the earlier label.
# GPE first: the small model often tags an unfamiliar place name PERSON.
_LABEL_PRIORITY = ("GPE", "PERSON", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
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


Tally = dict  # label or form -> count; plain dicts: a Counter each costs too much at 100k entities


def _bump(tally: dict, key: str) -> None:
    tally[key] = tally.get(key, 0) + 1


def _vote(counts: Tally) -> str:
    """Majority label; ties go to the label earlier in _LABEL_PRIORITY."""
    return max(counts, key=lambda lab: (counts[lab], -_PRIORITY.get(lab, 99), lab))


def _is_person_key(counts: Tally) -> bool:
    return bool(counts) and _vote(counts) == "PERSON"


def _is_acronym(text: str) -> bool:
    """"DAB", "NASA": short all-caps words are not surnames (headline "PUTIN" waits
    for the collection step, which uses what "Putin" resolved to elsewhere)."""
    return len(text) <= 5 and is_all_caps(text)


def _suffix_candidates(short: str, long_keys: Iterable[str]) -> list[str]:
    """Long keys whose trailing tokens are exactly the short key's tokens."""
    tail = " " + short
    return [k for k in long_keys if k.endswith(tail)]


@dataclass(slots=True)
class _Row:
    """One mention on its way through linking."""

    mention: RawMention
    from_model: bool       # False for propagated copies: they do not vote on type
    key: str = ""          # normalised, alias-canonical key
    target: str = ""       # key after partial-name / acronym resolution
    as_person: bool = False  # resolved as part of a person's name: votes PERSON


class _Collection:
    """Working state of one link_collection call."""

    def __init__(self, docs: Mapping[str, tuple[str, Sequence[RawMention]]], aliases: AliasTable) -> None:
        self.aliases = aliases
        # Type votes per key, from the model's own mentions only.
        self.key_labels: dict[str, Tally] = defaultdict(dict)
        # Per doc: its non-date mentions in text order (model's and propagated).
        self.rows: dict[str, list[_Row]] = {}
        shared = collection_forms(mentions for _text, mentions in docs.values())
        for doc_id, (text, mentions) in docs.items():
            rows = []
            extra = propagate(text, mentions, shared)  # names found across articles
            for m in mentions:
                if m.label != "DATE":
                    rows.append(_Row(m, True))
            rows.extend(_Row(m, False) for m in extra)
            if extra:
                rows.sort(key=lambda r: r.mention.start)
            kept = []
            for row in rows:
                row.key = aliases.canonical_key(name_key(row.mention.text))
                if row.key:
                    kept.append(row)
                    if row.from_model:
                        _bump(self.key_labels[row.key], row.mention.label)
            for row in kept:
                # keys seen only through propagation still need a label
                if row.key not in self.key_labels:
                    _bump(self.key_labels[row.key], row.mention.label)
            self.rows[doc_id] = kept
        self.person_keys = {k for k, c in self.key_labels.items() if " " in k and _is_person_key(c)}

    def _clearly_not_person(self, key: str) -> bool:
        """Well attested as a place or group, so not a surname even next to a full name."""
        counts = self.key_labels[key]
        other = sum(n for lab, n in counts.items() if lab in _NOT_PERSON)
        return other > 2 * counts.get("PERSON", 0) + 2

    def resolve_in_docs(self) -> Counter:
        """Set each row's target within its doc; return (short, long) evidence counts."""
        evidence: Counter = Counter()
        for rows in self.rows.values():
            doc_keys = {r.key for r in rows}
            longs = [k for k in doc_keys if k in self.person_keys]
            # where each long key is mentioned, for the nearest-preceding choice
            positions: dict[str, list[int]] = defaultdict(list)
            for r in rows:
                if r.key in self.person_keys:
                    positions[r.key].append(r.mention.start)
            acronyms: dict[str, list[str]] = defaultdict(list)
            for k in doc_keys:
                a = acronym(k)
                if len(a) >= 2:
                    acronyms[a].append(k)
            for r in rows:
                key = r.target = r.key
                if key in self.person_keys or self._clearly_not_person(key) or _is_acronym(r.mention.text):
                    pass
                elif cands := _suffix_candidates(key, longs):
                    r.target = cands[0] if len(cands) == 1 else _nearest(cands, positions, r.mention.start)
                    r.as_person = True
                elif " " not in key and (cands := [k for k in longs if k.startswith(key + " ")]):
                    # A first name alone ("Isabel" after "Isabel Ruiz"): same doc only,
                    # and not kept as evidence, since first names are widely shared.
                    if len(cands) == 1:
                        r.target, r.as_person = cands[0], True
                    continue
                if r.target == key and " " not in key and is_all_caps(r.mention.text):
                    cands = [k for k in acronyms.get(key, ()) if k != key]
                    if len(cands) == 1:
                        r.target = cands[0]
                if r.target != key:
                    evidence[(key, r.target)] += 1
        return evidence

    def resolve_across(self, evidence: Counter) -> None:
        """Resolve short keys left over in their docs against the whole collection."""
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
        mapping: dict[str, tuple[str, bool]] = {}
        for key in {r.target for rows in self.rows.values() for r in rows}:
            if key in self.person_keys or " " in key:
                continue
            seen = by_short.get(key)
            if seen:
                long, n = seen.most_common(1)[0]
                if n >= _DOMINANT_SHARE * sum(seen.values()):
                    mapping[key] = (long, long in self.person_keys)
                continue
            # Across articles only a short name the model itself calls a person.
            if _vote(self.key_labels[key]) == "PERSON" and len(cands := by_last.get(key, [])) == 1:
                mapping[key] = (cands[0], True)
                continue
            cands = [k for k in by_acronym.get(key, ()) if k != key]
            if len(cands) == 1:
                mapping[key] = (cands[0], False)
        for rows in self.rows.values():
            for r in rows:
                if r.target in mapping:
                    r.target, as_person = mapping[r.target]
                    r.as_person = r.as_person or as_person


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


def _canonical_name(forms: Tally, preferred: str | None) -> str:
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
    coll.resolve_across(coll.resolve_in_docs())
    all_rows = [r for rows in coll.rows.values() for r in rows]

    key_counts: Counter = Counter(r.target for r in all_rows)
    target_labels: dict[str, Tally] = defaultdict(dict)
    for r in all_rows:
        _bump(target_labels[r.target], _vote_label(r))
    uf = _UnionFind()
    for a, b in fuzzy_pairs(key_counts, {k: _vote(c) for k, c in target_labels.items()}):
        uf.union(a, b)

    # Gather clusters: votes from the model's mentions; copies only as a fallback.
    labels: dict[str, Tally] = defaultdict(dict)
    copy_labels: dict[str, Tally] = defaultdict(dict)
    forms: dict[str, Tally] = defaultdict(dict)
    doc_sets: dict[str, set[str]] = defaultdict(set)
    members: dict[str, Tally] = defaultdict(dict)
    root_of = {k: uf.find(k) for k in key_counts}
    for doc_id, rows in coll.rows.items():
        for r in rows:
            root = root_of[r.target]
            _bump((labels if r.from_model else copy_labels)[root], _vote_label(r))
            _bump(forms[root], r.mention.text)
            doc_sets[root].add(doc_id)
            _bump(members[root], r.target)

    entities: dict[str, Entity] = {}
    root_to_id: dict[str, str] = {}
    taken: set[str] = set()
    for root in sorted(members):
        label = _vote(labels[root] or copy_labels[root])
        preferred = next(filter(None, map(coll.aliases.preferred_name, sorted(members[root]))), None)
        name = _canonical_name(forms[root], preferred)
        # The id comes from the cluster's main key (most words, then most frequent),
        # not from surface text, so case or a typo does not change it.
        main_key = max(members[root], key=lambda k: (len(k.split()), members[root][k], k))
        eid = _entity_id(label, main_key, taken)
        root_to_id[root] = eid
        others = sorted((f for f in forms[root] if f != name), key=lambda f: (-forms[root][f], f))
        entities[eid] = Entity(eid, name, label, others, sum(forms[root].values()), len(doc_sets[root]))

    linked: list[LinkedMention] = []
    for doc_id, (_text, mentions) in docs.items():
        out = [LinkedMention(doc_id, m.start, m.end, m.text, "DATE", "") for m in mentions if m.label == "DATE"]
        for r in coll.rows[doc_id]:
            eid = root_to_id[root_of[r.target]]
            m = r.mention
            out.append(LinkedMention(doc_id, m.start, m.end, m.text, entities[eid].type, eid))
        out.sort(key=lambda lm: (lm.start, lm.end))
        linked.extend(out)
    return linked, entities


def _vote_label(row: _Row) -> str:
    return "PERSON" if row.as_person else row.mention.label
