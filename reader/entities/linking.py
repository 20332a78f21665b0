"""Clustering mentions into entities, within each article and across the collection.

Pipeline (each step roughly linear in the number of mentions):
0. names the model found in several articles are tagged where an article missed
   them (propagate.shared_label); these copies do not vote on types;
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

This module holds the rules: what one article's rows become given what is known
about the collection (`doc_rows`, `resolve_in_doc`, `apply_mapping`) and what the
collection's totals make of them (`key_labels_of`, `resolve_across`, and
clusters.py for steps 4 and 5). `linkstate.LinkState` keeps those totals between
index updates, so an update relinks only the articles a change can reach.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any

from .aliases import AliasTable
from .names import (
    COMPANY_DESCRIPTORS,
    abbreviates,
    acronyms,
    generic_opening,
    is_acronym_like,
    is_all_caps,
    name_key,
    without_legal_form,
    without_web_suffix,
)
from .propagate import NameIndex, propagate
from .types import ENTITY_LABELS, RawMention

# Labels that name places or groups: a short name with such a majority is not a
# person's surname ("Washington" the city stays apart from "George Washington").
_NOT_PERSON = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE"})
# Ties in the type vote go to the earlier label.
# GPE first: the small model often tags an unfamiliar place name PERSON.
_LABEL_PRIORITY = ("GPE", *(label for label in ENTITY_LABELS if label != "GPE"))
_PRIORITY = {lab: i for i, lab in enumerate(_LABEL_PRIORITY)}
# Key suffix of a team named after a place (see resolve_in_doc). Name keys never
# hold "#", so a key with it is always a team's.
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


Tally = dict[
    str, int
]  # label or form -> count; plain dicts: a Counter each costs too much at 100k entities


def add_to_tally(totals: dict, key: object, item: object, n: int) -> None:
    """Add `n` (maybe negative) to totals[key][item]; a count that reaches 0 is
    dropped, and so is a tally left empty."""
    tally = totals.get(key)
    if tally is None:
        tally = totals[key] = {}
    left = tally.get(item, 0) + n
    if left:
        tally[item] = left
    else:
        del tally[item]
        if not tally:
            del totals[key]


def vote(counts: Tally) -> str:
    """Majority label; ties go to the label earlier in _LABEL_PRIORITY."""
    return max(counts, key=lambda lab: (counts[lab], -_PRIORITY.get(lab, 99), lab))


def is_person_key(key: str, counts: Tally) -> bool:
    """A person's full name: several words, mostly typed PERSON."""
    return " " in key and bool(counts) and vote(counts) == "PERSON"


def is_org_key(key: str, counts: Tally) -> bool:
    """An organisation's name of several words, mostly typed ORG."""
    return " " in key and bool(counts) and vote(counts) == "ORG"


def clearly_not_person(counts: Tally) -> bool:
    """Well attested as a place or group, so not a surname even next to a full name:
    most of its uses say so, not a few stray tags of a name typed ORG or PRODUCT
    elsewhere ("Moretti" tagged NORP three times in thirty)."""
    other = sum(n for lab, n in counts.items() if lab in _NOT_PERSON)
    return other > 2 * counts.get("PERSON", 0) + 2 and 2 * other > sum(counts.values())


def key_labels_of(
    model: Tally | None, copy_label: str | None, teams: int
) -> tuple[bool, Tally, Tally | None]:
    """A key's type votes and its team key's, from the collection's totals.

    `model`: label -> count over the model's own mentions of the key;
    `copy_label`: the label of its first propagated copy when that comes before
    any of the model's (copies of unseen keys still need a label); `teams`: how
    many of the model's ORG mentions of it are in match reports. Returns whether
    the name is mixed (typed both as an organisation and a place), its votes, and
    its team key's ("england #team"): the ORG mentions in match reports of a mixed
    name are a team's, and vote for the team key.
    """
    labels = dict(model) if model else {}
    if copy_label is not None:
        labels[copy_label] = labels.get(copy_label, 0) + 1
    mixed = "ORG" in labels and ("GPE" in labels or "LOC" in labels)
    if not teams or not mixed:
        return mixed, labels, None
    left = labels["ORG"] - teams
    if left:
        labels["ORG"] = left
    else:
        del labels["ORG"]
    return mixed, labels, {"ORG": teams}


# A row is one mention on its way through linking, a small list for speed:
#   [mention, from_model, base, key, target, counted, vote, final, final_vote]
# from_model is False for propagated copies (they do not vote on type); base is the
# normalised, alias-canonical key; key the base or, for a team, its team key;
# target the key after partial-name/acronym resolution in the article, counted
# whether that resolution is evidence for the collection step; vote the label it
# votes for: its own, or PERSON once resolved as part of a person's name; final
# and final_vote the target and vote after the collection step.
M, FROM_MODEL, BASE, KEY, TARGET, COUNTED, VOTE, FINAL, FINAL_VOTE = range(9)


class SurfaceKeys(dict[str, str]):
    """Surface form -> alias-canonical name key, computed on first use. A
    company's legal forms are not part of its key ("Toyota Motor Corp." and
    "Toyota Motor Corporation" are "toyota motor"); `legal` holds the surfaces
    that had one."""

    def __init__(self, aliases: AliasTable) -> None:
        super().__init__()
        self._aliases = aliases
        self._canonical = aliases.canonical_key
        self.legal: set[str] = set()

    def __missing__(self, surface: str) -> str:
        if _ACRONYM_PLURAL_RE.fullmatch(surface):
            key = self[surface] = self[surface[:-1]]  # "GMs", "CEOs": the acronym's
            return key
        base = without_legal_form(surface)
        if base != surface:
            self.legal.add(surface)
        base = without_web_suffix(base)  # "Amazon.com Inc." is "Amazon"
        key = self[surface] = institution_key(self._canonical(name_key(base)), self._aliases)
        return key


_ACRONYM_PLURAL_RE = re.compile(r"[A-Z]{2,5}s")
_STATE_OF_RE = re.compile(r"^(?:state|commonwealth) of (.+)$")
_OF_INSTITUTION_RE = re.compile(r"^(department|ministry|bureau|office) of (?:the )?(.+)$")
# Institutions every country has one of: "<country> Navy" names that country's.
INSTITUTION_WORDS = frozenset(
    """
navy army force marines corps guard military police government administration parliament
congress senate embassy treasury department ministry court bureau agency intelligence
forces bank reserve party office
""".split()
)


# Last words of institutions' names that stand alone for the one just named:
# "the Commission" after "the European Commission", "the Council", "the Times".
BACK_REFERENCE_HEADS = frozenset(
    """
commission council committee parliament assembly congress senate court tribunal ministry
department agency authority bureau office university college institute academy party
federation league union association foundation fund bank army navy times press
""".split()
)


def institution_key(key: str, aliases: AliasTable) -> str:
    """One key for an institution's ways of being named: "Department of Energy"
    = "Energy Department"; a country in front is that country, however written
    ("U.S. Navy" = "US Navy" = "United States Navy" = "united states navy"), and
    is dropped before a name the alias table knows ("US Federal Reserve" is the
    Federal Reserve). "The State of Texas" is the US state."""
    if " " not in key:
        return key
    if (state := _STATE_OF_RE.match(key)) is not None and state.group(1) in _us_state_keys():
        # "the State of Texas" is Texas; "the State of Washington" the state, not the city
        return _city_state_keys().get(state.group(1), state.group(1))
    split = country_rest(key, aliases)
    country, rest = split if split else ("", key)
    of = _OF_INSTITUTION_RE.match(rest)
    if of is not None:
        rest = f"{of.group(2)} {of.group(1)}"
    if not country:
        return rest
    known = aliases.canonical_key(rest)
    if aliases.knows(rest):
        return known
    return f"{country} {rest}"


def country_rest(key: str, aliases: AliasTable) -> tuple[str, str] | None:
    """(country key, the rest) of an institution's key that starts with a
    country or its people ("us navy" -> ("united states", "navy")), else None."""
    tokens = key.split(" ")
    for n in (1, 2, 3):
        if len(tokens) <= n:
            break
        rest = " ".join(tokens[n:])
        last = tokens[-1]
        if last not in INSTITUTION_WORDS and not _OF_INSTITUTION_RE.match(rest):
            return None
        head = " ".join(tokens[:n])
        country = aliases.canonical_key(head)
        if country in _country_keys():
            return country, rest
        if (of := _country_of_demonym_key(head)) is not None:
            return of, rest
    return None


@lru_cache(maxsize=100_000)
def org_short_names(key: str) -> tuple[str, ...]:
    """The short names an organisation's key allows: the words before those
    that say its line of business ("baird lowe" of "baird lowe advisors"), or
    the first name of a partnership ("kellner" of "kellner & voss")."""
    tokens = key.split(" ")
    out = []
    for n in range(1, len(tokens)):
        rest = tokens[n:]
        short = " ".join(tokens[:n])
        if (
            all(w in COMPANY_DESCRIPTORS for w in rest)
            or (n == 1 and rest[0] in ("&", "and") and len(rest) == 2)
        ) and not generic_opening(short):
            out.append(short)
    return tuple(out)


@lru_cache(maxsize=100_000)
def org_first_word(key: str, legal: bool) -> str | None:
    """The first word of an organisation's name as its short name, when the
    name ends in a word saying its line of business ("meridian" of "meridian
    peak capital") or was written with its legal form (`legal`: "Braeova Seed
    Inc."), and names no place or people after it ("Ford Australia Holdings"
    is a branch) and no partnership ("Kellner & Voss")."""
    tokens = key.split(" ")
    if len(tokens) < 2 or not (legal or tokens[-1] in COMPANY_DESCRIPTORS):
        return None
    first, rest = tokens[0], tokens[1:]
    if len(first) < 3 or not first.isalpha() or generic_opening(first) or names_a_place(first):
        return None
    if any(w in ("&", "and", "of", "for", "the") or names_a_place(w) for w in rest):
        return None
    if any(names_a_place(" ".join(rest[i : i + 2])) for i in range(len(rest) - 1)):
        return None
    return first


@lru_cache(maxsize=100_000)
def org_pair_first(key: str) -> str | None:
    """The first word of a two-word organisation's name ("goldman" of "goldman
    sachs"), which the same article may use alone for it: a word of three
    letters or more that opens no other kind of name, before a word that is no
    place or people ("Ford Australia" is a branch)."""
    tokens = key.split(" ")
    if len(tokens) != 2:
        return None
    first, second = tokens
    if len(first) < 3 or not first.isalpha() or generic_opening(first) or names_a_place(first):
        return None
    if not second.isalpha() or names_a_place(second) or second in ("and", "of", "for", "the"):
        return None
    return first


def _legal_keys(rows: list[list]) -> set[str]:
    """Keys of a doc's names written with a company's legal form ("Apple Inc.")."""
    return {r[KEY] for r in rows if without_legal_form(r[M].text) != r[M].text}


@lru_cache(maxsize=100_000)
def institution_rest(key: str) -> str | None:
    """ "navy" for "united states navy": what a country's institution is called
    without its country (keys are alias-canonical, so the country is written one
    way)."""
    tokens = key.split(" ")
    if len(tokens) < 2 or tokens[-1] not in INSTITUTION_WORDS:
        return None
    for n in (1, 2, 3):
        if len(tokens) > n and " ".join(tokens[:n]) in _country_keys():
            return " ".join(tokens[n:])
    return None


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    from .demonyms import country_names

    return frozenset(name_key(c) for c in country_names())


@lru_cache(maxsize=4096)
def _country_of_demonym_key(key: str) -> str | None:
    from .demonyms import countries_of_demonym

    country = countries_of_demonym(key.title())
    return name_key(country) if country else None


def _row_start(row: list[Any]) -> int:
    start: int = row[M].start
    return start


def doc_rows(
    text: str, mentions: Sequence[RawMention], shared: NameIndex, key_of: SurfaceKeys
) -> list[list]:
    """One doc's non-date mentions with a key, the model's and those `shared` adds, in text order."""
    extra = propagate(text, mentions, shared) if shared else ()  # names found across articles
    return rows_of(mentions, extra, key_of)


def rows_of(
    mentions: Sequence[RawMention], copies: Sequence[RawMention], key_of: SurfaceKeys
) -> list[list]:
    """Fresh rows of the model's mentions and propagated copies, in text order."""
    rows = [
        [m, True, key, key, key, False, m.label, key, m.label]
        for m in mentions
        if m.label != "DATE" and (key := key_of[m.text])
    ]
    copied = [
        [m, False, key, key, key, False, m.label, key, m.label]
        for m in copies
        if (key := key_of[m.text])
    ]
    if copied:
        rows.extend(copied)
        rows.sort(key=_row_start)
    return rows


class _DocKeys:
    """One doc's person names indexed by their trailing tokens and first token,
    and its organisations' names by their first token."""

    __slots__ = (
        "_acronyms",
        "_positions",
        "by_first",
        "by_head",
        "by_org_first",
        "by_org_pair",
        "by_product_end",
        "by_rest",
        "by_suffix",
        "keys",
        "long_keys",
        "place_heads",
        "rows",
    )

    def __init__(self, rows: list[list], person_keys: set[str], org_keys: Collection[str]) -> None:
        self.rows = rows
        self.by_suffix: dict[str, list[str]] = {}
        self.by_first: dict[str, list[str]] = {}
        self.by_org_first: dict[str, list[str]] = {}
        self.by_org_pair: dict[str, list[str]] = {}  # "goldman" -> ["goldman sachs"]
        self.by_rest: dict[str, list[str]] = {}  # "navy" -> ["united states navy"]
        self.by_head: dict[str, list[str]] = {}  # "commission" -> ["european commission"]
        self.by_product_end: dict[str, list[str]] = {}  # "taurus" -> ["ford taurus"]
        self.long_keys: set[str] = set()
        self.place_heads: set[str] = set()  # places in by_head: "russia" ("Russian Federation")
        self.keys = {r[KEY] for r in rows}
        for r in rows:
            k = r[KEY]
            if (
                " " in (text := r[M].text)
                and (head := text.rsplit(" ", 1)[1].lower()) in BACK_REFERENCE_HEADS
                and k not in person_keys
                and is_known_place(k)
                and k not in self.by_head.get(head, ())
            ):
                # "the Federation" after "the Russian Federation": a place's
                # other name ending in such a word (its key is the place's)
                self.by_head.setdefault(head, []).append(k)
                self.place_heads.add(k)
                self.long_keys.add(k)
            if r[M].label == "PRODUCT" and r[FROM_MODEL] and " " in k and k not in person_keys:
                last = k.rsplit(" ", 1)[1]
                if k not in self.by_product_end.get(last, ()):
                    self.by_product_end.setdefault(last, []).append(k)
                    self.long_keys.add(k)
        self._positions: dict[str, list[int]] | None = None
        self._acronyms: dict[str, list[str]] | None = None
        legal: set[str] | None = None
        for k in dict.fromkeys(r[KEY] for r in rows):
            if k in person_keys:
                tokens = k.split(" ")
                self.by_first.setdefault(tokens[0], []).append(k)
                for i in range(1, len(tokens)):
                    self.by_suffix.setdefault(" ".join(tokens[i:]), []).append(k)
                self.long_keys.add(k)
            elif k in org_keys:
                if (bare := institution_rest(k)) is not None:
                    self.by_rest.setdefault(bare, []).append(k)
                    self.long_keys.add(k)
                if (head := k.rsplit(" ", 1)[-1]) in BACK_REFERENCE_HEADS and " " in k:
                    self.by_head.setdefault(head, []).append(k)
                    self.long_keys.add(k)
                # "Yarhaven Industries", "Castellan Partners", "Baird-Lowe Advisors",
                # "Kellner & Voss"; not "Ford Australia" nor "Google Science Fair"
                if legal is None:
                    legal = _legal_keys(rows)
                # ... and "Meridian" of "Meridian Peak Capital", "Braeova" of "Braeova
                # Seed Inc."; never a short name that is a company of its own here
                # ("Apple Inc." beside "Apple Records Ltd.").
                if (pair := org_pair_first(k)) is not None and pair not in legal:
                    self.by_org_pair.setdefault(pair, []).append(k)
                    self.long_keys.add(k)
                first = org_first_word(k, k in legal)
                for short in dict.fromkeys((*org_short_names(k), *((first,) if first else ()))):
                    if short not in legal:
                        self.by_org_first.setdefault(short, []).append(k)
                        self.long_keys.add(k)

    def positions(self) -> dict[str, list[int]]:
        """Where each long key is mentioned, for the nearest-preceding choice."""
        if self._positions is None:
            self._positions = defaultdict(list)
            for r in self.rows:
                if r[KEY] in self.long_keys:
                    self._positions[r[KEY]].append(r[M].start)
        return self._positions

    def acronyms(self) -> dict[str, list[str]]:
        """Acronym -> the doc's keys it may stand for: the initials of each key and
        of each form written (with its legal form: "GSC" for "Glenium Steel Co.")."""
        if self._acronyms is None:
            found: dict[str, dict[str, None]] = defaultdict(dict)
            for r in self.rows:
                k = r[KEY]
                for a in acronyms(k) | acronyms(name_key(r[M].text)):
                    found[a][k] = None
            self._acronyms = {a: list(ks) for a, ks in found.items()}
        return self._acronyms


def _nearest(
    cands: list[str], positions: dict[str, list[int]], at: int, before_only: bool = False
) -> str | None:
    """The candidate mentioned last before `at` (else first after it, unless
    `before_only`)."""
    best, best_pos = None, -1
    for k in cands:
        before = [p for p in positions[k] if p < at]
        if before and max(before) > best_pos:
            best, best_pos = k, max(before)
    if best is not None or before_only:
        return best
    return min(cands, key=lambda k: (min(positions[k]), k))


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Keys of countries, US states, continents and peoples: a company's name
    that ends in one is a branch ("Ford Australia"), not the company."""
    from .aliases import state_groups
    from .demonyms import country_names, demonym_countries

    names = [
        *country_names(),
        *demonym_countries(),
        *(g[0] for g in state_groups()),
        "Africa",
        "America",
        "Asia",
        "Europe",
        "Oceania",
        "Antarctica",
        "Latin America",
        "North America",
        "South America",
        "Middle East",
    ]
    import us

    names.extend(s.name for s in us.states.STATES)
    return frozenset(name_key(n) for n in names)


def names_a_place(key: str) -> bool:
    return key in _place_keys()


@lru_cache(maxsize=1)
def _gazetteer_keys() -> frozenset[str]:
    from .demonyms import capitals_and_provinces

    return _place_keys() | frozenset(name_key(n) for n in capitals_and_provinces())


def is_known_place(key: str) -> bool:
    """A country, people, state, continent, capital or province ("kent", "paris")."""
    return key in _gazetteer_keys()


def key_acronyms(key: str) -> tuple[str, ...]:
    return tuple(sorted(acronyms(key))) if " " in key else ()


def resolve_in_doc(
    rows: list[list],
    match: bool,
    mixed: set[str],
    person_keys: set[str],
    not_person: Callable[[str], bool],
    acronym_of: Callable[[str], Iterable[str]],
    fresh: bool = False,
    org_keys: Collection[str] = (),
) -> None:
    """Set each row's key, target and vote within its doc (steps 2 and teams).

    In a match report ("England 1 – 2 Tunisia"), a place name typed ORG by
    extraction is a team: when the name is `mixed`, its ORG rows there get the
    team key. A short name joins the person's full name it ends ("Putin") or
    the organisation's name it starts ("Yarhaven" for "Yarhaven Industries"),
    the one mentioned last before it when several fit; a first name alone
    joins the full name before it, or none when several fit. What a row
    resolves to depends on the collection only through `person_keys`,
    `org_keys`, `not_person` and `mixed` of the doc's own keys. `fresh` rows
    (from doc_rows) need no reset of an earlier resolution.
    """
    if not fresh:
        for r in rows:
            r[KEY] = r[TARGET] = r[BASE]
            r[COUNTED] = False
            r[VOTE] = r[M].label
    if match and mixed:
        for r in rows:
            if r[FROM_MODEL] and r[M].label == "ORG" and r[BASE] in mixed:
                r[KEY] = r[TARGET] = r[BASE] + TEAM_SUFFIX
    doc = None  # per-doc lookups, built when a row first needs them
    for i, r in enumerate(rows):
        key = r[KEY]
        if key in _city_state_keys() and i and _after_a_city(rows[i - 1], r):
            # "Everett, Washington", "Savannah, Georgia": the US state, not the
            # capital or the country of that name (in this place only)
            r[TARGET], r[VOTE] = _city_state_keys()[key], "GPE"
            continue
        if key in person_keys:
            # A surname of several words ("Harper-Quinn", "de Souza") is a
            # person key of its own; it still joins the full name it ends.
            if doc is None:
                doc = _DocKeys(rows, person_keys, org_keys)
            if cands := doc.by_suffix.get(key):
                r[TARGET] = (
                    cands[0] if len(cands) == 1 else _nearest(cands, doc.positions(), r[M].start)
                )
                r[VOTE], r[COUNTED] = "PERSON", True
            continue
        if doc is None and org_keys:
            doc = _DocKeys(rows, person_keys, org_keys)
        if doc is not None and (cands := doc.by_rest.get(key)):
            # "the Navy" after "the U.S. Navy"
            r[TARGET] = (
                cands[0] if len(cands) == 1 else _nearest(cands, doc.positions(), r[M].start)
            )
            r[VOTE], r[COUNTED] = "ORG", True
            continue
        if doc is None:
            doc = _DocKeys(rows, person_keys, org_keys)
        if (
            r[M].label == "ORG"
            and (cands := doc.by_head.get(key))
            and (best := _nearest(cands, doc.positions(), r[M].start, before_only=True))
        ):
            # "the Commission" after "the European Commission": the one named last before
            r[TARGET], r[COUNTED] = best, True
            r[VOTE] = "GPE" if best in doc.place_heads else "ORG"
            continue
        if (cands := doc.by_product_end.get(key)) and r[M].label != "PERSON":
            # "the Taurus" after "the Ford Taurus": the article's product (in it only)
            r[TARGET] = (
                cands[0] if len(cands) == 1 else _nearest(cands, doc.positions(), r[M].start)
            )
            r[VOTE] = "PRODUCT"
            continue
        if len(key) > 3 and key.endswith("s") and " " not in key and key[:-1] in doc.keys:
            r[TARGET] = key[:-1]  # "iPods" beside "iPod", "the two GMs" beside "GM"
            continue
        text = r[M].text
        short_caps = is_acronym_like(text) or (len(text) > 1 and text.isupper())
        if not (short_caps and len(text) <= 5):
            if doc is None:
                doc = _DocKeys(rows, person_keys, org_keys)
            # A surname before an organisation's short name ("Kessler" beside
            # "Katherine Kessler" and "Kessler Semiconductor"). A well-attested
            # place is no surname; a real place is no company's short name, but
            # a name the model takes for a place may be ("Merford Medical").
            if not not_person(key):
                cands = doc.by_suffix.get(key)
            elif not is_known_place(key) and (cands := doc.by_suffix.get(key)):
                # A name the model mostly tags as a place or group is still a
                # surname after a full name ending in it ("Sharma" after
                # "Michelle Sharma"), unless it is a known place.
                best = _nearest(cands, doc.positions(), r[M].start, before_only=True)
                cands = [best] if best is not None else None
            if not cands and not names_a_place(key):  # any number of words
                cands = doc.by_org_first.get(key)
            if not cands and r[M].label == "ORG" and (pair := doc.by_org_pair.get(key)):
                # "Goldman" typed ORG beside "Goldman Sachs" (the one named last before)
                cands = pair
            if cands:
                best = cands[0] if len(cands) == 1 else _nearest(cands, doc.positions(), r[M].start)
                r[TARGET] = best
                r[VOTE] = "PERSON" if best in person_keys else "ORG"
            elif " " not in key and not not_person(key) and (cands := doc.by_first.get(key)):
                # A first name alone ("Isabel" after "Isabel Ruiz"): same doc only,
                # and not kept as evidence, since first names are widely shared.
                best = (
                    cands[0]
                    if len(cands) == 1
                    else _nearest(cands, doc.positions(), r[M].start, before_only=True)
                )
                if best is not None:
                    r[TARGET], r[VOTE] = best, "PERSON"
                continue
        if short_caps and r[TARGET] == key and " " not in key:
            if doc is None:
                doc = _DocKeys(rows, person_keys, org_keys)
            cands = [k for k in doc.acronyms().get(key, ()) if k != key]
            if len(cands) == 1:
                r[TARGET] = cands[0]
            elif not cands and i and _defines(rows[i - 1], r):
                r[TARGET] = rows[i - 1][KEY]  # "Organisation for Economic Co-operation (OECD)"
        if r[TARGET] != key:
            r[COUNTED] = True


@lru_cache(maxsize=1)
def _us_state_keys() -> frozenset[str]:
    """Keys of the US states' names ("texas", "new york"; the `us` package)."""
    import us

    return frozenset(name_key(s.name) for s in us.states.STATES)


@lru_cache(maxsize=1)
def _city_state_keys() -> dict[str, str]:
    """Key of a US state named like a city or a country -> the state's own key
    ("washington" -> "washington us state"; see aliases.state_groups)."""
    from .aliases import state_groups

    return {
        name_key(name[: -len(_STATE_MARK)]): name_key(name)
        for name, *_ in state_groups()
        if name.endswith(_STATE_MARK)
    }


_STATE_MARK = " (U.S. state)"


def _after_a_city(prev: list, r: list) -> bool:
    """Whether a place comes right after a town and a comma or bracket ("Everett,
    Washington"; two characters between): the town is a place the model typed
    GPE, no country, state or people, and not the capital or a province of the
    country of that name ("Tbilisi, Georgia" is the country)."""
    from .demonyms import places_in

    a, b = prev[M], r[M]
    if a.label != "GPE" or b.label != "GPE" or b.start - a.end != 2:
        return False
    if names_a_place(prev[BASE]) or prev[BASE] in _city_state_keys():
        return False
    return prev[BASE] not in {name_key(p) for p in places_in(b.text)}


def _defines(long: list, short: list) -> bool:
    """An acronym right after the name it abbreviates ("... Development (OECD)")."""
    a, b = long[M], short[M]
    return " " in a.text and 0 < b.start - a.end <= 3 and abbreviates(b.text, a.text)


def resolve_across(
    targets: Mapping[str, int],
    evidence: Mapping[tuple[str, str], int],
    person_keys: set[str],
    key_labels: Mapping[str, Tally],
    acronym_of: Callable[[str], Iterable[str]],
    common: Collection[str] = (),
    own_names: Collection[str] = (),
) -> dict[str, tuple[str, bool]]:
    """Short keys left over in their docs, resolved against the whole collection:
    key -> (long key, whether the long key is a person's name). A key mostly
    used as a common word ("Yen" the currency, beside one "Mei Yen") is only a
    name where its article says so; so is a company's own name
    (`own_names`: "Apple" of "Apple Inc." stays Apple where no article says
    "Apple Records")."""
    by_short: dict[str, dict[str, int]] = defaultdict(dict)
    for (short, long), n in evidence.items():
        by_short[short][long] = n
    unresolved = targets  # in-article target -> rows: a short key's own rows are unresolved
    evidence_of = by_short
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in person_keys:
        by_last[k.rsplit(" ", 1)[1]].append(k)
    by_acronym: dict[str, list[str]] | None = None
    mapping: dict[str, tuple[str, bool]] = {}
    by_rest: dict[str, list[str]] | None = None
    for key in targets:
        if key in person_keys or key in common or key in own_names:
            continue
        if key not in evidence_of and vote(key_labels.get(key) or {"": 1}) in ("ORG", ""):
            if by_rest is None:
                by_rest = defaultdict(list)
                for k in key_labels:
                    if (bare := institution_rest(k)) is not None and vote(key_labels[k]) == "ORG":
                        by_rest[bare].append(k)
            cands = by_rest.get(key)
            if cands and len(cands) == 1:  # "Navy" where one navy is in play
                mapping[key] = (cands[0], False)
                continue
        if " " in key:
            continue
        seen = by_short.get(key)
        if seen:
            # A tie for the most common cannot reach the dominant share. An
            # organisation's short name joins its long one across articles only
            # when a good share of its uses say so in their own article ("Apple"
            # is not "Apple Records" because a few articles name the label).
            long = max(seen, key=lambda k: (seen[k], k))
            person = long in person_keys
            if seen[long] >= _DOMINANT_SHARE * sum(seen.values()) and (
                person or seen[long] * 2 >= unresolved.get(key, 0)
            ):
                mapping[key] = (long, person)
            continue
        # Across articles only a short name the model itself calls a person.
        if vote(key_labels[key]) == "PERSON" and len(last_of := by_last.get(key, [])) == 1:
            mapping[key] = (last_of[0], True)
            continue
        if by_acronym is None:
            by_acronym = defaultdict(list)
            for k in key_labels:
                for a in acronym_of(k):
                    by_acronym[a].append(k)
        cands = [k for k in by_acronym.get(key, ()) if k != key]
        if len(cands) == 1:
            mapping[key] = (cands[0], False)
    return mapping


def apply_mapping(
    rows: list[list], mapping: Mapping[str, tuple[str, bool]], common: Collection[str] = ()
) -> None:
    """Set each row's final target and vote from the collection-level resolutions.
    A row left with a `common` one-word key (a common word or a unit in most of
    its uses) is no mention: its final target is DROPPED."""
    for r in rows:
        hit = mapping.get(r[TARGET])
        if hit is None:
            r[FINAL], r[FINAL_VOTE] = r[TARGET], r[VOTE]
            if r[TARGET] in common:
                r[FINAL] = DROPPED
        else:
            r[FINAL], r[FINAL_VOTE] = hit[0], "PERSON" if hit[1] else r[VOTE]


#: The final target of a row that is not a mention after all (see apply_mapping).
DROPPED = ""
# Uses of a word, as counted by word_usage.
PLAIN, NUMERIC, NAME = range(3)
# After a number ("12 cts"); the word before it, if any, is checked apart.
_NUMBER_BEFORE_RE = re.compile(r"(?:^|(?<=[\s$(]))[-+]?\$?\d[\d,./]*%?[ \t]+$")
_WORD_BEFORE_RE = re.compile(r"(\S+)[ \t]+$")
_CAP_WORD_AFTER_RE = re.compile(r"[ \t]+[A-Z]")
_CAP_WORD_BEFORE_RE = re.compile(r"[A-Z][\w.'\u2019&-]*[ \t]+$")
_SENTENCE_END = frozenset(".!?:;\"'\u201c\u2018([{-\u2013\u2014*>")


def word_usage(text: str, rows: Sequence[list]) -> dict[str, list[int]]:
    """How the one-word keys of an article's model rows are used in its text:
    key -> [plain, numeric, name], counting each whole-word occurrence of the
    key's forms in any case as a common word (in lower case), a unit or a
    table label (after a number: "12 cts", "0630 GMT"; "Revs 12.2 mln"), or a
    name (capitalised inside a sentence). Occurrences that start a sentence or
    a line, or stand in an all-caps line, say nothing either way."""
    forms = {
        r[M].text.lower(): r[BASE]
        for r in rows
        if r[FROM_MODEL] and " " not in r[BASE] and " " not in r[M].text
    }
    if not forms:
        return {}
    low = text.lower()
    if len(low) != len(text):  # a few letters change length in lower case: offsets differ
        return _usage_by_regex(text, forms)
    usage: dict[str, list[int]] = {}
    lines: dict[int, bool] = {}
    n = len(text)
    for form, key in forms.items():
        size = len(form)
        a = low.find(form)
        while a >= 0:
            b = a + size
            if (a == 0 or not _WORD_BEFORE.match(text, a - 1)) and (
                b == n or not _WORD_AFTER.match(text, b)
            ):
                kind = _use_of(text, a, b, text[a:b], lines)
                if kind is not None:
                    usage.setdefault(key, [0, 0, 0])[kind] += 1
            a = low.find(form, a + 1)
    return usage


_WORD_BEFORE = re.compile(r"[\w&'\u2019.-]")
_WORD_AFTER = re.compile(r"[\w&-]")


def _usage_by_regex(text: str, forms: Mapping[str, str]) -> dict[str, list[int]]:
    pattern = re.compile(
        r"(?<![\w&'\u2019.-])(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w&-])",
        re.IGNORECASE,
    )
    usage: dict[str, list[int]] = {}
    lines: dict[int, bool] = {}
    for hit in pattern.finditer(text):
        key = forms.get(hit.group().lower())
        if key is None:
            continue
        kind = _use_of(text, hit.start(), hit.end(), hit.group(), lines)
        if kind is not None:
            usage.setdefault(key, [0, 0, 0])[kind] += 1
    return usage


def _use_of(text: str, a: int, b: int, word: str, lines: dict[int, bool]) -> int | None:
    if word.islower():
        return PLAIN
    line_start = text.rfind("\n", 0, a) + 1
    before = text[line_start:a].rstrip()
    number = _NUMBER_BEFORE_RE.search(text, max(line_start, a - 24), a)
    if number is not None:
        # unless the number is part of a name ("Movimento 5 Stelle", "Formula 1 Team")
        name = _WORD_BEFORE_RE.search(text, max(line_start, number.start() - 40), number.start())
        if name is None or not name.group(1)[0].isupper():
            return NUMERIC
    if not before:
        row = lines.get(line_start)
        if row is None:
            line_end = text.find("\n", b)
            row = lines[line_start] = is_table_row(
                text[line_start : line_end if line_end >= 0 else len(text)]
            )
        return NUMERIC if row else None
    if before[-1] in _SENTENCE_END:
        return None
    line_end = text.find("\n", b)
    if is_all_caps(text[line_start : line_end if line_end >= 0 else len(text)]):
        return None
    if _CAP_WORD_AFTER_RE.match(text, b) or _CAP_WORD_BEFORE_RE.search(
        text, max(line_start, a - 40), a
    ):
        return None  # a word of a longer name ("Federal Reserve", "Nomura Securities")
    return NAME


def is_table_row(line: str) -> bool:
    """A row of figures: "Revs 12.2 mln vs 10.1 mln", "Avg shrs 20.3 mln vs 20.1 mln"
    (two numbers compared), or a line of which numbers make a third."""
    if len(line) > 160:  # a paragraph
        return False
    tokens = line.split()
    numbers = len(_NUMBER_TOKEN_RE.findall(line))
    return (numbers >= 2 and " vs " in line) or numbers * 3 >= len(tokens) > 0


_NUMBER_TOKEN_RE = re.compile(r"\S*\d\S*")


def is_common(usage: Sequence[int]) -> bool:
    """Used as a common word or a unit more often than as a name."""
    return usage[PLAIN] + usage[NUMERIC] > usage[NAME]


def canonical_name(forms: Tally, preferred: str | None) -> str:
    """The fullest frequent form: most words among forms seen often enough."""
    if preferred:
        return preferred
    top = max(forms.values())
    frequent = [f for f, n in forms.items() if n * 10 >= top or n >= 2]
    return max(frequent, key=lambda f: (not is_all_caps(f), len(f.split()), forms[f], -len(f), f))


def linked_mentions(
    doc_id: str,
    mentions: Sequence[RawMention],
    rows: list[list],
    target_info: Mapping[str, tuple[str, str]],
) -> list[LinkedMention]:
    """A doc's linked mentions in text order; DATE mentions carry entity ""."""
    out = [
        LinkedMention(doc_id, m.start, m.end, m.text, "DATE", "")
        for m in mentions
        if m.label == "DATE"
    ]
    for r in rows:
        if r[FINAL] == DROPPED:
            continue
        label, eid = target_info[r[FINAL]]
        m = r[M]
        out.append(LinkedMention(doc_id, m.start, m.end, m.text, label, eid))
    out.sort(key=_span)
    return out


_span = attrgetter("start", "end")
