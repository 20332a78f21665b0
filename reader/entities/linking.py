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

import gc
import hashlib
from operator import attrgetter
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .aliases import AliasTable
from .extract import RawMention, is_match_report
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
# Key suffix of a team named after a place (see _Collection._split_teams).
TEAM_SUFFIX = " #team"
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


# A row is one mention on its way through linking, a small list for speed:
#   [mention, from_model, key, target, vote]
# from_model is False for propagated copies (they do not vote on type); key is the
# normalised, alias-canonical key; target the key after partial-name/acronym
# resolution; vote the label it votes for: its own, or PERSON once resolved as
# part of a person's name.
_M, _FROM_MODEL, _KEY, _TARGET, _VOTE = range(5)


class _Keys(dict):
    """Surface form -> alias-canonical name key, computed on first use."""

    def __init__(self, aliases: AliasTable) -> None:
        super().__init__()
        self._canonical = aliases.canonical_key

    def __missing__(self, surface: str) -> str:
        key = self[surface] = self._canonical(name_key(surface))
        return key


class _Collection:
    """Working state of one link_collection call.

    Everything per mention is done in a few tight passes; what depends only on a
    key (is it a person's full name, clearly not a person, its acronym) is
    computed once per key.
    """

    def __init__(self, docs: Mapping[str, tuple[str, Sequence[RawMention]]], aliases: AliasTable) -> None:
        self.aliases = aliases
        # Per doc: its non-date mentions in text order (model's and propagated).
        self.rows: dict[str, list[list]] = {}
        shared = collection_forms(mentions for _text, mentions in docs.values())
        key_of = _Keys(aliases)  # surface -> key
        model_pairs: list[tuple[str, str]] = []   # (key, label): the model's type votes
        copy_pairs: list[tuple[str, str]] = []    # keys seen only through propagation
        known: set[str] = set()                   # keys that have a vote so far
        synced = 0                                # model_pairs[:synced] are in `known`
        for doc_id, (text, mentions) in docs.items():
            rows = [[m, True, key, key, m.label] for m in mentions
                    if m.label != "DATE" and (key := key_of[m.text])]
            model_pairs.extend([(r[_KEY], r[_VOTE]) for r in rows])
            extra = propagate(text, mentions, shared) if shared else ()  # names found across articles
            if extra:
                known.update([pair[0] for pair in model_pairs[synced:]])
                synced = len(model_pairs)
                copies = [[m, False, key, key, m.label] for m in extra if (key := key_of[m.text])]
                for r in copies:
                    if r[_KEY] not in known:  # keys seen only through propagation still need a label
                        known.add(r[_KEY])
                        copy_pairs.append((r[_KEY], r[_VOTE]))
                if copies:
                    rows.extend(copies)
                    rows.sort(key=_row_start)
            self.rows[doc_id] = rows
        # Type votes per key, from the model's own mentions (and first copies of unseen keys).
        self.key_labels: dict[str, Tally] = {}
        for (key, label), n in Counter(model_pairs).items():
            tally = self.key_labels.get(key)
            if tally is None:
                self.key_labels[key] = {label: n}
            else:
                tally[label] = n
        for key, label in copy_pairs:
            _bump(self.key_labels.setdefault(key, {}), label)
        self._split_teams(docs)
        self.person_keys = {k for k, c in self.key_labels.items() if " " in k and _is_person_key(c)}
        self._not_person: dict[str, bool] = {}
        self._acronyms: dict[str, str] = {}

    def _split_teams(self, docs: Mapping[str, tuple[str, Sequence[RawMention]]]) -> None:
        """A place name that is a team in a match report ("England 1 – 2 Tunisia",
        typed ORG by extraction) is another entity than the place: its mentions
        there get their own key ("england #team"). Only names typed both as an
        organisation and a place somewhere are looked at."""
        mixed = {k for k, c in self.key_labels.items() if "ORG" in c and ("GPE" in c or "LOC" in c)}
        if not mixed:
            return
        for doc_id, rows in self.rows.items():
            hits = [r for r in rows if r[_FROM_MODEL] and r[_VOTE] == "ORG" and r[_KEY] in mixed]
            if not hits or not is_match_report(docs[doc_id][0]):
                continue
            for r in hits:
                key = r[_KEY]
                tally = self.key_labels[key]
                tally["ORG"] -= 1
                if not tally["ORG"]:
                    del tally["ORG"]
                r[_KEY] = r[_TARGET] = key + TEAM_SUFFIX
                _bump(self.key_labels.setdefault(r[_KEY], {}), "ORG")

    def _clearly_not_person(self, key: str) -> bool:
        """Well attested as a place or group, so not a surname even next to a full name."""
        known = self._not_person.get(key)
        if known is None:
            counts = self.key_labels[key]
            other = sum(n for lab, n in counts.items() if lab in _NOT_PERSON)
            known = self._not_person[key] = other > 2 * counts.get("PERSON", 0) + 2
        return known

    def _acronym(self, key: str) -> str:
        a = self._acronyms.get(key)
        if a is None:
            a = self._acronyms[key] = acronym(key) if " " in key else ""
        return a

    def resolve_in_docs(self) -> Counter:
        """Set each row's target within its doc; return (short, long) evidence counts."""
        evidence: dict[tuple[str, str], int] = {}
        person_keys = self.person_keys
        not_person = self._not_person
        clearly_not_person = self._clearly_not_person
        for rows in self.rows.values():
            doc = None  # per-doc lookups, built when a row first needs them
            for r in rows:
                key = r[_KEY]
                if key in person_keys:
                    continue
                flag = not_person.get(key)
                if flag is None:
                    flag = clearly_not_person(key)
                text = r[_M].text
                short_caps = len(text) > 1 and text.isupper()
                if not flag and not (short_caps and len(text) <= 5):
                    if doc is None:
                        doc = _DocKeys(rows, person_keys)
                    cands = doc.by_suffix.get(key)
                    if cands:
                        r[_TARGET] = cands[0] if len(cands) == 1 else _nearest(cands, doc.positions(), r[_M].start)
                        r[_VOTE] = "PERSON"
                    elif " " not in key and (cands := doc.by_first.get(key)):
                        # A first name alone ("Isabel" after "Isabel Ruiz"): same doc only,
                        # and not kept as evidence, since first names are widely shared.
                        if len(cands) == 1:
                            r[_TARGET], r[_VOTE] = cands[0], "PERSON"
                        continue
                if short_caps and r[_TARGET] == key and " " not in key:
                    if doc is None:
                        doc = _DocKeys(rows, person_keys)
                    cands = [k for k in doc.acronyms(self._acronym).get(key, ()) if k != key]
                    if len(cands) == 1:
                        r[_TARGET] = cands[0]
                target = r[_TARGET]
                if target != key:
                    pair = (key, target)
                    evidence[pair] = evidence.get(pair, 0) + 1
        return Counter(evidence)

    def resolve_across(self, evidence: Counter) -> None:
        """Resolve short keys left over in their docs against the whole collection."""
        by_short: dict[str, Counter] = defaultdict(Counter)
        for (short, long), n in evidence.items():
            by_short[short][long] += n
        by_last: dict[str, list[str]] = defaultdict(list)
        for k in self.person_keys:
            by_last[k.rsplit(" ", 1)[1]].append(k)
        by_acronym: dict[str, list[str]] | None = None
        mapping: dict[str, tuple[str, bool]] = {}
        targets = {r[_TARGET] for rows in self.rows.values() for r in rows}
        for key in targets:
            if " " in key or key in self.person_keys:
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
            if by_acronym is None:
                by_acronym = defaultdict(list)
                for k in self.key_labels:
                    a = self._acronym(k)
                    if len(a) >= 2:
                        by_acronym[a].append(k)
            cands = [k for k in by_acronym.get(key, ()) if k != key]
            if len(cands) == 1:
                mapping[key] = (cands[0], False)
        if not mapping:
            return
        for rows in self.rows.values():
            for r in rows:
                hit = mapping.get(r[_TARGET])
                if hit is not None:
                    r[_TARGET] = hit[0]
                    if hit[1]:
                        r[_VOTE] = "PERSON"


def _row_start(row: list) -> int:
    return row[_M].start


class _DocKeys:
    """One doc's person names indexed by their trailing tokens and first token."""

    __slots__ = ("rows", "person_keys", "by_suffix", "by_first", "_positions", "_acronyms")

    def __init__(self, rows: list[list], person_keys: set[str]) -> None:
        self.rows = rows
        self.person_keys = person_keys
        self.by_suffix: dict[str, list[str]] = {}
        self.by_first: dict[str, list[str]] = {}
        self._positions: dict[str, list[int]] | None = None
        self._acronyms: dict[str, list[str]] | None = None
        for k in dict.fromkeys(r[_KEY] for r in rows):
            if k in person_keys:
                tokens = k.split(" ")
                self.by_first.setdefault(tokens[0], []).append(k)
                for i in range(1, len(tokens)):
                    self.by_suffix.setdefault(" ".join(tokens[i:]), []).append(k)

    def positions(self) -> dict[str, list[int]]:
        """Where each long key is mentioned, for the nearest-preceding choice."""
        if self._positions is None:
            self._positions = defaultdict(list)
            for r in self.rows:
                if r[_KEY] in self.person_keys:
                    self._positions[r[_KEY]].append(r[_M].start)
        return self._positions

    def acronyms(self, acronym_of) -> dict[str, list[str]]:
        if self._acronyms is None:
            self._acronyms = defaultdict(list)
            for k in dict.fromkeys(r[_KEY] for r in self.rows):
                a = acronym_of(k)
                if len(a) >= 2:
                    self._acronyms[a].append(k)
        return self._acronyms


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
    # Linking allocates a few objects per mention and frees nothing until it
    # returns: the cyclic garbage collector's passes over them would cost about
    # a third of the run time at 10k articles, and find nothing to free.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(docs, aliases if aliases is not None else _builtin_aliases())
    finally:
        if gc_was_enabled:
            gc.enable()


def _link(docs: Mapping[str, tuple[str, Sequence[RawMention]]],
          aliases: AliasTable) -> tuple[list[LinkedMention], dict[str, Entity]]:
    coll = _Collection(docs, aliases)
    coll.resolve_across(coll.resolve_in_docs())

    # One pass over the rows: (target, from_model, voting label, form) counts.
    counts: Counter = Counter()
    doc_targets: list[set[str]] = []
    for rows in coll.rows.values():
        counts.update([(r[_TARGET], r[_FROM_MODEL], r[_VOTE], r[_M].text) for r in rows])
        doc_targets.append({r[_TARGET] for r in rows})
    votes: dict[tuple[str, bool, str], int] = {}
    form_counts: dict[tuple[str, str], int] = {}
    for (target, from_model, label, form), n in counts.items():
        v = (target, from_model, label)
        votes[v] = votes.get(v, 0) + n
        f = (target, form)
        form_counts[f] = form_counts.get(f, 0) + n

    key_counts: Counter = Counter()
    target_labels: dict[str, Tally] = {}
    for (target, _from_model, label), n in votes.items():
        key_counts[target] += n
        tally = target_labels.setdefault(target, {})
        tally[label] = tally.get(label, 0) + n
    uf = _UnionFind()
    for a, b in fuzzy_pairs(key_counts, {k: _vote(c) for k, c in target_labels.items()}):
        uf.union(a, b)
    root_of = {k: uf.find(k) for k in key_counts}
    merged = any(k != root for k, root in root_of.items())

    # Gather clusters: votes from the model's mentions; copies only as a fallback.
    labels: dict[str, Tally] = defaultdict(dict)
    copy_labels: dict[str, Tally] = defaultdict(dict)
    forms: dict[str, Tally] = defaultdict(dict)
    members: dict[str, Tally] = defaultdict(dict)
    for (target, from_model, label), n in votes.items():
        tally = (labels if from_model else copy_labels)[root_of[target]]
        tally[label] = tally.get(label, 0) + n
    for (target, form), n in form_counts.items():
        tally = forms[root_of[target]]
        tally[form] = tally.get(form, 0) + n
    for target, n in key_counts.items():
        members[root_of[target]][target] = n
    article_counts: dict[str, int] = {}
    for targets in doc_targets:
        for root in ({root_of[t] for t in targets} if merged else targets):
            article_counts[root] = article_counts.get(root, 0) + 1

    entities: dict[str, Entity] = {}
    info: dict[str, tuple[str, str]] = {}  # root -> (type, entity id)
    taken: set[str] = set()
    preferred_name = coll.aliases.preferred_name
    for root in sorted(members):
        label = _vote(labels[root] or copy_labels[root])
        preferred = next(filter(None, map(preferred_name, sorted(members[root]))), None)
        name = _canonical_name(forms[root], preferred)
        # The id comes from the cluster's main key (most words, then most frequent),
        # not from surface text, so case or a typo does not change it.
        main_key = max(members[root], key=lambda k: (len(k.split()), members[root][k], k))
        eid = _entity_id(label, main_key, taken)
        info[root] = (label, eid)
        others = sorted((f for f in forms[root] if f != name), key=lambda f: (-forms[root][f], f))
        entities[eid] = Entity(eid, name, label, others, sum(forms[root].values()), article_counts[root])
    target_info = {t: info[root] for t, root in root_of.items()}

    linked: list[LinkedMention] = []
    for doc_id, (_text, mentions) in docs.items():
        out = [LinkedMention(doc_id, m.start, m.end, m.text, "DATE", "") for m in mentions if m.label == "DATE"]
        for r in coll.rows[doc_id]:
            label, eid = target_info[r[_TARGET]]
            m = r[_M]
            out.append(LinkedMention(doc_id, m.start, m.end, m.text, label, eid))
        out.sort(key=_span)
        linked.extend(out)
    return linked, entities


_span = attrgetter("start", "end")
