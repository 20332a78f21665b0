"""Linking's totals, kept between index updates so an update relinks only what a change reaches.

Linking is global: a surname links to a full name found in another article, a
name the model found in two articles is tagged in a third, a type is voted over
the collection. But each step of `linking` is either a function of one article
and a few facts about its own keys, or of the collection's totals (sums of every
article's contributions). `LinkState` keeps those totals and, for each key, the
articles holding it. An update takes out what the changed articles contributed,
adds what they contribute now, and follows each change outward:

- a collection form that appears, goes or changes type: the articles whose
  text holds it are propagated again;
- a key whose facts change (a person's full name, clearly not a person, an
  organisation that is also a place): the articles holding it are resolved again;
- a short key whose collection-level resolution changes: the articles holding
  it get new final targets;
- a target whose entity (type, id) changes: the articles pointing to it are
  output again.

Collection-level resolution (`resolve_across`) is computed again from the
totals, at a cost in keys, not mentions; clusters and entities (clusters.py)
only around the final targets whose totals changed. A full link is an update from
an empty state, so both take the same path and give the same result.

The one rule that depends on the order of articles (the first propagated copy of
a key the model has not seen so far votes for its type) uses `order`, else the
articles' ids in sorted order.
"""

from __future__ import annotations

import gc
import marshal
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from .aliases import AliasTable
from .clusters import Clusters, hold, release
from .docstate import DocState, StateMismatch
from .extract import is_match_report
from .linking import (
    BASE,
    COUNTED,
    DROPPED,
    FINAL,
    FINAL_VOTE,
    FROM_MODEL,
    KEY,
    TARGET,
    TEAM_SUFFIX,
    Entity,
    LinkedMention,
    M,
    SurfaceKeys,
    Tally,
    add_to_tally,
    apply_mapping,
    clearly_not_person,
    doc_rows,
    is_common,
    is_org_key,
    is_person_key,
    key_acronyms,
    key_labels_of,
    linked_mentions,
    resolve_across,
    resolve_in_doc,
    word_usage,
)
from .propagate import (
    NameIndex,
    form_votes,
    shared_label,
    short_spellings,
    spelling_forms,
    with_caps_forms,
)
from .types import RawMention


class DocSource(Protocol):
    """Where an update finds the articles it did not get but has to look at again."""

    def states(self, ids: Collection[str]) -> dict[str, DocState]: ...

    def texts(self, ids: Collection[str]) -> dict[str, str]: ...

    def containing(self, forms: Collection[str], ids: Collection[str]) -> set[str]:
        """The articles among `ids` whose text holds any of `forms`."""
        ...


@dataclass
class LinkUpdate:
    linked: dict[str, list[LinkedMention]]  # articles whose mentions may have changed, by id
    entities: dict[str, Entity]  # entities new or changed (all, linking afresh)
    gone_entities: set[str]  # ids no entity has any more
    states: dict[str, DocState]  # articles whose state changed (to save)
    removed: set[str]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Linking allocates a few objects per mention and frees nothing until it
    returns: the cyclic garbage collector's passes over them would cost about a
    third of the run time at 10k articles, and find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- totals: counts added (sign 1) or taken out (-1); a count that reaches 0 goes


def _merge(total: dict, counts: Mapping, sign: int) -> None:
    for key, n in counts.items():
        left = total.get(key, 0) + sign * n
        if left:
            total[key] = left
        else:
            del total[key]


def _merge_nested(
    total: dict[str, Tally], counts: Mapping[tuple[str, str], int], sign: int
) -> None:
    for (key, label), n in counts.items():
        add_to_tally(total, key, label, sign * n)


#: Where a saved state's per-key article sets are read from: a row's name -> its
#: bytes, or None (the store's link_state table, a dict in the tests).
Fetch = Callable[[str], "bytes | None"]

#: Separates a per-key row's map from its key in the row's name.
_ROW_SEP = "\x1f"


class LazySets:
    """key -> the articles holding it (a set, or a list as loaded), for the two
    maps that grow with the collection (a key's articles: thousands each, millions
    in all at 100k articles). Saved one row per key, each read when an update
    first asks for its key, and only the keys whose articles changed are written
    back (`changed`): saving and loading them whole cost 4 s an update at 100k.

    The dict methods linking uses (`get`, `[]`, `[]=`, `del`, `in`); a set taken
    with `get` may be changed in place (`clusters.hold`), so `changed` compares
    what every key read or set holds now with what was saved."""

    __slots__ = ("_fetch", "_saved", "_values", "name")

    def __init__(self, name: str, fetch: Fetch | None = None) -> None:
        self.name = name
        self._fetch = fetch
        self._values: dict[str, set[str] | list[str]] = {}
        self._saved: dict[str, bytes | None] = {}  # key -> its saved row (None: none)

    def row(self, key: str) -> str:
        return f"{self.name}{_ROW_SEP}{key}"

    def _read(self, key: str) -> set[str] | list[str] | None:
        if self._fetch is None or key in self._saved:
            return None
        blob = self._saved[key] = self._fetch(self.row(key))
        if blob is None:
            return None
        value = marshal.loads(blob)
        if not isinstance(value, list):
            raise StateMismatch(f"saved linking state of another kind ({self.name})")
        self._values[key] = value
        return value

    def get(self, key: str, default=None):  # type: ignore[no-untyped-def]
        value = self._values.get(key)
        if value is None:
            value = self._read(key)
        return default if value is None else value

    def __getitem__(self, key: str) -> set[str] | list[str]:
        value: set[str] | list[str] | None = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: set[str] | list[str]) -> None:
        if key not in self._values:
            self._read(key)  # what was saved, for `changed`
        self._values[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self._values and self._read(key) is None:
            raise KeyError(key)
        del self._values[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def changed(self) -> dict[str, bytes | None]:
        """Rows to write (name -> bytes, or None to delete) since the last call:
        every key for a state linked afresh, else the keys whose articles changed."""
        out: dict[str, bytes | None] = {}
        for key in self._values.keys() | self._saved.keys():
            value = self._values.get(key)
            blob = marshal.dumps(sorted(value)) if value else None
            if blob != self._saved.get(key):
                out[self.row(key)] = blob
                self._saved[key] = blob
        return out

    def items(self) -> Iterator[tuple[str, set[str] | list[str]]]:
        """The keys read or set so far (all of them for a state linked afresh)."""
        return iter(list(self._values.items()))


class LinkState:
    def __init__(
        self,
        aliases: AliasTable,
        order: Mapping[str, int] | None = None,
        fetch: Fetch | None = None,
    ) -> None:
        self.aliases = aliases
        self.key_of = SurfaceKeys(aliases)
        self.order = order
        self.docs: set[str] = set()
        # Collection forms: what the model found, over all articles.
        self.form_labels: dict[str, Tally] = {}  # form -> label -> mentions
        self.form_docs: dict[str, int] = {}  # form -> articles
        self.shared: dict[str, str] = {}  # form -> label it is propagated with
        # Other spellings of shared forms (alias files): propagated too, not saved.
        self.spelled: dict[str, str] = {}
        # Keys (base keys unless said otherwise).
        self.model_labels: dict[str, Tally] = {}  # label -> the model's rows
        # articles with the model's rows (or a list), read per key from the saved state
        self.model_docs = LazySets("model_docs", fetch)
        self.copy_docs: dict[str, dict[str, str]] = {}  # article -> label of its first copy
        self.teams: dict[str, int] = {}  # the model's ORG rows in match reports
        self.key_labels: dict[str, Tally] = {}  # base or team key -> type votes
        self.person_keys: set[str] = set()  # base or team keys
        self.org_keys: set[str] = set()  # base keys of organisations' long names
        self.legal_rows: dict[str, int] = {}  # the model's rows written with a legal form
        self.mixed: set[str] = set()
        # Resolution in articles, then across the collection.
        self.evidence: Counter = Counter()  # (key, target) -> counted rows
        self.targets: Counter = Counter()  # in-article target -> rows
        self.mapping: dict[str, tuple[str, bool]] = {}
        # One-word keys' uses over the articles with a model row of them, and
        # those used mostly as a common word or a unit (see linking.word_usage).
        self.usage: dict[str, list[int]] = {}
        self.common: set[str] = set()
        self._usage_touched: set[str] = set()
        # Final targets and what they became.
        self._target_docs = LazySets("clusters.docs", fetch)  # target -> articles
        self.clusters = Clusters(aliases.preferred_name, self._target_docs)
        self._dirty: set[str] = set()  # final targets whose totals this update changed
        self._not_person: dict[str, bool] = {}
        self._acronyms: dict[str, tuple[str, ...]] = {}

    # -- saving
    _SAVED = (
        "docs",
        "form_labels",
        "form_docs",
        "shared",
        "model_labels",
        "copy_docs",
        "teams",
        "key_labels",
        "person_keys",
        "org_keys",
        "legal_rows",
        "mixed",
        "evidence",
        "targets",
        "mapping",
        "usage",
        "common",
        *(f"clusters.{name}" for name in Clusters.SAVED),
    )
    # Saved one row per key (LazySets), not in the totals' blob.
    _PER_KEY = ("model_docs", "clusters.docs")
    _SETS = frozenset({"docs", "person_keys", "org_keys", "mixed", "common"})
    # Key -> articles and the like: saved as lists, and kept so until an update
    # changes them (making 5,000 sets of a 10k collection's articles costs more
    # than its update).
    _SET_VALUES = frozenset(f"clusters.{name}" for name in Clusters.SET_VALUES)
    # Counters: an article's rows are added to them in one call.
    _COUNTERS = frozenset({"evidence", "targets"})

    def _owner(self, name: str) -> tuple[object, str]:
        if name.startswith("clusters."):
            return self.clusters, name[len("clusters.") :]
        return self, name

    def dump(self) -> bytes:
        """The totals, saved with the index, but the per-key rows (`dump_rows`).
        (Its key, pipeline.link_key, covers this module's source: a change here
        makes the next update start afresh.)"""
        with paused_gc():
            return self._dump()

    def dump_rows(self) -> dict[str, bytes | None]:
        """The per-key rows to save with the totals (None: delete the row): all of
        them for a state linked afresh, else those this update changed."""
        with paused_gc():
            out = self.model_docs.changed()
            out.update(self._target_docs.changed())
            return out

    def _dump(self) -> bytes:
        out = {}
        for name in self._SAVED:
            value = getattr(*self._owner(name))
            if name in self._SETS:
                value = sorted(value)
            elif name in self._SET_VALUES:
                value = {k: list(v) for k, v in value.items()}
            elif name in self._COUNTERS:
                value = dict(value)
            out[name] = value
        return marshal.dumps(out)

    @classmethod
    def load(cls, blob: bytes, aliases: AliasTable, fetch: Fetch) -> LinkState:
        """The state saved as `blob` (dump), its per-key rows read by `fetch` (a
        row's name -> bytes or None) when first needed."""
        with paused_gc():
            return cls._load(blob, aliases, fetch)

    @classmethod
    def _load(cls, blob: bytes, aliases: AliasTable, fetch: Fetch) -> LinkState:
        values = marshal.loads(blob)
        if not isinstance(values, dict) or set(values) != set(cls._SAVED):
            raise StateMismatch("saved linking state of another kind")
        state = cls(aliases, fetch=fetch)
        for name, value in values.items():
            if name in cls._SETS:
                value = set(value)
            elif name in cls._COUNTERS:
                value = Counter(value)
            setattr(*state._owner(name), value)
        state.spelled = spelling_forms(state.shared, aliases.spellings())
        return state

    # -- the update
    def update(
        self,
        changed: Mapping[str, tuple[str, Sequence[RawMention]]],
        removed: Iterable[str],
        source: DocSource,
    ) -> LinkUpdate:
        """Link `changed` articles (added or edited: text, the model's mentions) and
        forget `removed` ones; returns what changed because of it."""
        with paused_gc():
            return self._update(changed, removed, source)

    def _update(
        self,
        changed: Mapping[str, tuple[str, Sequence[RawMention]]],
        removed: Iterable[str],
        source: DocSource,
    ) -> LinkUpdate:
        removed = {d for d in removed if d in self.docs} - set(changed)
        gone = [d for d in changed if d in self.docs] + sorted(removed)
        touched_forms: set[str] = set()
        touched_keys: set[str] = set()
        states: dict[str, DocState] = {}  # the articles this update looks at again

        # 1. Take out what changed and removed articles contributed.
        old = source.states(gone)
        self._merge_forms([st.mentions for st in old.values()], -1, touched_forms)
        self._merge_keys(old, -1, touched_keys)
        self._merge_resolution(old, -1)
        self._merge_final(old, -1)
        self.docs.difference_update(gone)
        self._merge_forms([mentions for _text, mentions in changed.values()], 1, touched_forms)

        # 2. Rows: the changed articles, and those holding a collection form that changed.
        todo = dict(changed)
        forms = self._refresh_shared(touched_forms)
        if forms and self.docs:
            again = source.containing(forms | {f.upper() for f in forms}, self.docs)
            if again:
                old = source.states(again)
                self._merge_keys(old, -1, touched_keys)
                self._merge_resolution(old, -1)
                self._merge_final(old, -1)
                texts = source.texts(again)
                todo.update((doc, (texts[doc], st.mentions)) for doc, st in old.items())
        index = NameIndex(
            with_caps_forms({**self.spelled, **self.shared}), short_spellings(self.spelled)
        )
        for doc, (text, mentions) in todo.items():
            rows = doc_rows(text, mentions, index, self.key_of)
            match = any(r[FROM_MODEL] and r[M].label == "ORG" for r in rows) and is_match_report(
                text
            )
            states[doc] = DocState(mentions, match, rows, word_usage(text, rows))
        self._merge_keys(states, 1, touched_keys)
        self.docs.update(changed)

        # 3. Resolution in articles: those with new rows, and those holding a key whose facts changed.
        moved = self._refresh_keys(touched_keys)
        self._look_again(self._holding(moved), states, source, final_only=False)
        for doc, st in states.items():
            resolve_in_doc(
                st.rows,
                st.match,
                self.mixed,
                self.person_keys,
                self._is_not_person,
                self._acronym,
                fresh=doc in todo,
                org_keys=self.org_keys,
            )
        self._merge_resolution(states, 1)

        # 4. Resolution across the collection; final targets where it changed.
        recommon = self._refresh_common()
        mapping = resolve_across(
            self.targets,
            self.evidence,
            self.person_keys,
            self.key_labels,
            self._acronym,
            self.common,
            self.legal_rows,
        )
        remapped = {
            k for k in mapping.keys() | self.mapping.keys() if mapping.get(k) != self.mapping.get(k)
        } | recommon
        self.mapping = mapping
        self._look_again(self._holding(remapped), states, source, final_only=True)
        for st in states.values():
            apply_mapping(st.rows, mapping, self.common)
        self._merge_final(states, 1)

        # 5. Entities; articles pointing to a target whose entity changed.
        dirty, self._dirty = self._dirty, set()
        retargeted, entities, gone_entities = self.clusters.update(dirty)
        out = set(states)
        for t in retargeted:
            out.update(self.clusters.docs.get(t, ()))
        shown = dict(states)
        if out - shown.keys():
            shown.update(source.states(out - shown.keys()))
        info = self.clusters.info
        linked = {
            doc: linked_mentions(doc, shown[doc].mentions, shown[doc].rows, info)
            for doc in sorted(out)
        }
        return LinkUpdate(linked, entities, gone_entities, states, removed)

    def _look_again(
        self, docs: set[str], states: dict[str, DocState], source: DocSource, final_only: bool
    ) -> None:
        """Load `docs` not loaded yet and take out what they contributed from the
        step on (resolution in articles, or only their final targets)."""
        new = source.states(docs - states.keys())
        if not final_only:
            self._merge_resolution(new, -1)
        self._merge_final(new, -1)
        states.update(new)

    def _holding(self, keys: Iterable[str]) -> set[str]:
        """Articles with a row of any of these (base or team) keys."""
        out: set[str] = set()
        for key in keys:
            base = key[: -len(TEAM_SUFFIX)] if key.endswith(TEAM_SUFFIX) else key
            out.update(self.model_docs.get(base, ()))
            out.update(self.copy_docs.get(base, ()))
        return out

    # -- collection forms
    def _merge_forms(
        self, mentions: Iterable[Sequence[RawMention]], sign: int, touched: set[str]
    ) -> None:
        """Add (sign 1) or take out (-1) what articles' mentions vote for the collection forms."""
        votes: Counter = Counter()
        articles: Counter = Counter()
        for one in mentions:
            found = form_votes(one)
            votes.update(found)
            articles.update({form for form, _ in found})
        _merge_nested(self.form_labels, votes, sign)
        _merge(self.form_docs, articles, sign)
        touched.update(articles)

    def _refresh_shared(self, touched: set[str]) -> set[str]:
        """Update the shared forms among `touched`; returns those that changed."""
        changed = set()
        spellings = self.aliases.spellings()
        for form in touched:
            labels = self.form_labels.get(form)
            label = (
                shared_label(form, labels, self.form_docs.get(form, 0), form in spellings)
                if labels
                else None
            )
            if label != self.shared.get(form):
                changed.add(form)
                if label is None:
                    del self.shared[form]
                else:
                    self.shared[form] = label
        if changed:
            spelled = spelling_forms(self.shared, spellings)
            changed.update(
                f
                for f in spelled.keys() | self.spelled.keys()
                if spelled.get(f) != self.spelled.get(f)
            )
            self.spelled = spelled
        return changed

    # -- keys
    def _merge_keys(self, states: Mapping[str, DocState], sign: int, touched: set[str]) -> None:
        """Add (sign 1) or take out (-1) what articles' rows vote for their keys."""
        models = Counter(
            [(r[BASE], r[M].label) for st in states.values() for r in st.rows if r[FROM_MODEL]]
        )
        teams = Counter(
            [
                r[BASE]
                for st in states.values()
                if st.match
                for r in st.rows
                if r[FROM_MODEL] and r[M].label == "ORG"
            ]
        )
        legal = Counter(
            [
                r[BASE]
                for st in states.values()
                for r in st.rows
                if r[FROM_MODEL] and r[M].text in self.key_of.legal
            ]
        )
        _merge_nested(self.model_labels, models, sign)
        _merge(self.teams, teams, sign)
        _merge(self.legal_rows, legal, sign)
        for doc, st in states.items():
            bases = {r[BASE] for r in st.rows if r[FROM_MODEL]}
            copies: dict[str, str] = {}  # base key -> label of the doc's first copy of it
            for r in st.rows:
                if not r[FROM_MODEL] and r[BASE] not in copies:
                    copies[r[BASE]] = r[M].label
            if sign > 0:
                hold(self.model_docs, bases, doc)
                for base, label in copies.items():
                    self.copy_docs.setdefault(base, {})[doc] = label
            else:
                for base in bases:
                    release(self.model_docs, base, doc)
                for base in copies:
                    holders = self.copy_docs[base]
                    del holders[doc]
                    if not holders:
                        del self.copy_docs[base]
            touched.update(bases)
            touched.update(copies)
            for key, uses in st.usage.items():
                total = self.usage.get(key)
                if total is None:
                    total = self.usage[key] = [0, 0, 0]
                for i, n in enumerate(uses):
                    total[i] += sign * n
                if not any(total):
                    del self.usage[key]
                self._usage_touched.add(key)

    def _refresh_common(self) -> set[str]:
        """Update which one-word keys are common words; returns those that changed."""
        changed = set()
        for key in self._usage_touched:
            uses = self.usage.get(key)
            now = uses is not None and is_common(uses)
            if now != (key in self.common):
                changed.add(key)
                if now:
                    self.common.add(key)
                else:
                    self.common.discard(key)
        self._usage_touched = set()
        return changed

    def _copy_label(self, base: str) -> str | None:
        """The label of the key's first copy, when no model's row of it comes as early."""
        copies = self.copy_docs.get(base)
        if not copies:
            return None
        first = self._first(copies)
        models = self.model_docs.get(base)
        if models and not self._before(first, self._first(models)):
            return None
        return copies[first]

    def _first(self, docs: Collection[str]) -> str:
        return min(docs, key=self.order.__getitem__) if self.order is not None else min(docs)

    def _before(self, a: str, b: str) -> bool:
        return self.order[a] < self.order[b] if self.order is not None else a < b

    def _facts(self, base: str) -> tuple:
        """What resolution in an article asks about a key and its team key."""
        out: list = [base in self.mixed]
        for key in (base, base + TEAM_SUFFIX):
            labels = self.key_labels.get(key)
            out.append(
                None
                if labels is None
                else (key in self.person_keys, key in self.org_keys, clearly_not_person(labels))
            )
        return tuple(out)

    def _refresh_keys(self, touched: set[str]) -> set[str]:
        """Update the type votes of `touched` base keys; returns those whose facts changed."""
        moved = set()
        for base in touched:
            before = self._facts(base)
            mixed, labels, team_labels = key_labels_of(
                self.model_labels.get(base), self._copy_label(base), self.teams.get(base, 0)
            )
            if mixed:
                self.mixed.add(base)
            else:
                self.mixed.discard(base)
            for key, value in ((base, labels), (base + TEAM_SUFFIX, team_labels)):
                self._not_person.pop(key, None)
                if value:
                    self.key_labels[key] = value
                    if is_person_key(key, value):
                        self.person_keys.add(key)
                    else:
                        self.person_keys.discard(key)
                    if is_org_key(key, value) and key == base:
                        self.org_keys.add(key)
                    else:
                        self.org_keys.discard(key)
                else:
                    self.key_labels.pop(key, None)
                    self.person_keys.discard(key)
                    self.org_keys.discard(key)
            if self._facts(base) != before:
                moved.add(base)
        return moved

    def _is_not_person(self, key: str) -> bool:
        known = self._not_person.get(key)
        if known is None:
            known = self._not_person[key] = clearly_not_person(self.key_labels[key])
        return known

    def _acronym(self, key: str) -> tuple[str, ...]:
        a = self._acronyms.get(key)
        if a is None:
            a = self._acronyms[key] = key_acronyms(key)
        return a

    # -- resolution in articles
    def _merge_resolution(self, states: Mapping[str, DocState], sign: int) -> None:
        """Add (sign 1) or take out (-1) articles' in-article targets and evidence."""
        rows = [r for st in states.values() for r in st.rows]
        targets = Counter([r[TARGET] for r in rows])
        evidence = Counter([(r[KEY], r[TARGET]) for r in rows if r[COUNTED]])
        if sign > 0:
            self.targets.update(targets)
            self.evidence.update(evidence)
        else:
            _merge(self.targets, targets, sign)
            _merge(self.evidence, evidence, sign)

    # -- final targets
    def _merge_final(self, states: Mapping[str, DocState], sign: int) -> None:
        """Add (sign 1) or take out (-1) articles' rows to their final targets' totals."""
        rows = [r for st in states.values() for r in st.rows if r[FINAL] != DROPPED]
        self.clusters.merge(
            Counter([(r[FINAL], r[FROM_MODEL], r[FINAL_VOTE]) for r in rows]),
            Counter([(r[FINAL], r[M].text) for r in rows]),
            sign,
        )
        for doc, st in states.items():
            targets = {r[FINAL] for r in st.rows if r[FINAL] != DROPPED}
            if sign > 0:
                hold(self.clusters.docs, targets, doc)
            else:
                for target in targets:
                    release(self.clusters.docs, target, doc)
            self._dirty.update(targets)


class MemorySource:
    """Articles held in memory (a one-off link of a whole collection)."""

    def __init__(self, docs: Mapping[str, tuple[str, Sequence[RawMention]]]) -> None:
        self.docs = docs

    def states(self, ids: Collection[str]) -> dict[str, DocState]:
        if ids:
            raise StateMismatch("a collection linked in memory keeps no article states")
        return {}

    def texts(self, ids: Collection[str]) -> dict[str, str]:
        return {d: self.docs[d][0] for d in ids}

    def containing(self, forms: Collection[str], ids: Collection[str]) -> set[str]:
        return {d for d in ids if any(f in self.docs[d][0] for f in forms)}


_default_aliases: AliasTable | None = None


def builtin_aliases() -> AliasTable:
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
    entities by id. Where the order of docs matters (which propagated copy of an
    unseen name votes first), it is the order of `docs`.
    """
    state = LinkState(
        aliases if aliases is not None else builtin_aliases(),
        order={doc: i for i, doc in enumerate(docs)},
    )
    result = state.update(docs, (), MemorySource(docs))
    linked: list[LinkedMention] = []
    for doc_id in docs:
        linked.extend(result.linked[doc_id])
    return linked, result.entities
