"""Names inside names: "Canada" in "Fan Expo Canada", "Andy Warhol" in "Andy
Warhol Foundation", "U.S." in "U.S. Air Force".

A mention is one stop for the reader and mentions never overlap, so the name
inside a longer one is not stored as a mention of its own. It is still a
mention of its entity for anyone counting them (the export, a scorer): a
known name inside a longer mention, in the same form, is a nested mention.
"Known" means the collection holds the same text as a whole mention linked to
one entity. Guards: nothing is found inside a person's name ("Paris" in
"Paris Hilton"), only whole words, never the whole mention, never a legal
form ("AG"), a word that ends or opens many names ("Federation", "Commission")
or a lower-case form, and never the longer mention's own entity ("Calloway" in "Calloway Semiconductor" is the same company, not a
second mention of it).

Everything here is computed from the stored mentions, so an export is the same
after an update as after a rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .names import (
    COMPANY_DESCRIPTORS,
    FAC_HEAD_WORDS,
    GPE_HEAD_WORDS,
    ORG_HEAD_WORDS,
    TITLE_WORDS,
    is_legal_form,
)

# Labels of names that nest and are found nested; never inside a person's name.
_NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_PARENTS = _NAMED - {"PERSON"}
# A word inside a mention: letters, digits and the marks names hold ("U.S.", "AT&T", "O'Leary").
_WORD_RE = re.compile(r"[\w][\w.&'\u2019-]*")
_POSSESSIVE_RE = re.compile(r"['\u2019]s$")
# Words that end or open many names: alone inside a longer name ("Federation" in
# "Russian Federation", "Commission" in "Federal Trade Commission") they name no
# entity of their own, whatever a stray whole mention of them was linked to.
_GENERIC_WORDS = (
    ORG_HEAD_WORDS | FAC_HEAD_WORDS | GPE_HEAD_WORDS | COMPANY_DESCRIPTORS | TITLE_WORDS
)
# The share of a form's whole mentions its entity needs to be the form's.
_DOMINANT_SHARE = 0.75


class MentionLike(Protocol):
    """A stored mention's fields (StoredMention, Nested)."""

    @property
    def article_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def entity_id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Nested:
    """A known name inside a longer mention (offsets into the article's text)."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    entity_id: str


class KnownForms:
    """Text of a whole mention -> (entity id, label) of the entity it is linked to,
    when one entity holds most of that text's mentions."""

    def __init__(self) -> None:
        self._counts: dict[str, dict[tuple[str, str], int]] = {}

    def add(self, text: str, label: str, entity_id: str) -> None:
        if not entity_id or label not in _NAMED or not text[:1].isupper():
            return
        tally = self._counts.setdefault(text, {})
        tally[(entity_id, label)] = tally.get((entity_id, label), 0) + 1

    def get(self, text: str) -> tuple[str, str] | None:
        tally = self._counts.get(text)
        if not tally:
            return None
        best = max(tally, key=lambda k: (tally[k], k))
        return best if tally[best] >= _DOMINANT_SHARE * sum(tally.values()) else None

    @classmethod
    def of(cls, mentions: Iterable[MentionLike]) -> KnownForms:
        """From the stored mentions."""
        known = cls()
        for m in mentions:
            known.add(m.text, m.label, m.entity_id)
        return known


def _inner_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of whole words in `text` but the whole, a
    possessive "'s" and a sentence's full stop left off the run's last word."""
    words = []
    for w in _WORD_RE.finditer(text):
        end = w.end()
        word = w.group()
        if (p := _POSSESSIVE_RE.search(word)) is not None:
            end -= len(p.group())
        elif word.endswith(".") and word.count(".") == 1 and len(word) > 2:
            end -= 1  # "Inc." keeps its dot only as a whole word; "Canada." ends a sentence
        words.append((w.start(), end))
    for i in range(len(words)):
        for j in range(i, len(words)):
            start, end = words[i][0], words[j][1]
            if end > start and (start, end) != (0, len(text)):
                yield start, end


def nested_in(mention: MentionLike, known: KnownForms) -> list[Nested]:
    """The known names inside one mention, in text order."""
    if mention.label not in _PARENTS or " " not in mention.text.strip():
        return []
    found: dict[tuple[int, int], Nested] = {}
    text = mention.text
    for a, b in _inner_spans(text):
        form = text[a:b]
        if not form[:1].isupper() or is_legal_form(form) or form.lower() in _GENERIC_WORDS:
            continue
        hit = known.get(form)
        if hit is None or hit[0] == mention.entity_id:
            continue
        span = (mention.start + a, mention.start + b)
        found.setdefault(span, Nested(mention.article_id, *span, form, hit[1], hit[0]))
    return [found[s] for s in sorted(found)]


def with_nested(
    mentions: Iterable[MentionLike], known: KnownForms
) -> Iterator[tuple[MentionLike, bool]]:
    """Each mention, then the names nested in it: (mention or Nested, nested?)."""
    for m in mentions:
        yield m, False
        for n in nested_in(m, known):
            yield n, True
