"""Tagging repeats of names the model found elsewhere in the same article.

The small model often finds "Daniel Montalvo" and one "Montalvo" but misses the
later repeats, or tags a name in one sentence and not in the next. Within one
article the same capitalised string almost always names the same thing, so we
add every capitalised (or all-caps) occurrence, outside existing spans, of
- a name the model found, typed by that name's majority label, and
- the first or last word of a found two- or three-word person name (PERSON).

Added mentions are copies, not evidence: linking does not count them in type votes.
Cost is linear in the number of capitalised words of the text.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable, Mapping, Sequence

from .extract import RawMention

# Found names never propagated: too often ordinary capitalised words.
_STOP_FORMS = frozenset({
    "the", "a", "an", "this", "that", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "mr", "mrs", "ms", "dr", "new", "north", "south", "east", "west", "central",
    "may", "will", "march", "april", "june", "july", "august", "today", "god", "lord",
    "state", "city", "government", "president", "minister", "house", "court", "congress",
})
# A person or place found elsewhere is also tagged inside a longer name that
# contains it ("Andy Warhol" in "Andy Warhol Foundation", "New York" in "New York
# Times"): nested mentions overlap their container. Names only nest in names of
# organisations, facilities, events and works, not in other places ("Mexico City").
NESTED_LABELS = frozenset({"PERSON", "GPE", "LOC"})
NESTING_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
_CAP_WORD = re.compile(r"(?<![\w&.'\u2019-])[A-Z][\w&-]*")
_FIRST_WORD = re.compile(r"[A-Z][\w&-]*")
_NAME_CHAR = re.compile(r"[\w&-]")


def _forms(mentions: Sequence[RawMention]) -> dict[str, str]:
    """Surface form -> label for everything worth propagating."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.label == "DATE":
            continue
        votes[m.text][m.label] += 1
        words = m.text.split()
        if m.label == "PERSON" and len(words) in (2, 3):
            for w in (words[0], words[-1]):
                if len(w) >= 3 and w[0].isupper() and w[1:].islower():
                    votes[w]["PERSON"] += 1
    forms = {}
    for form, counts in votes.items():
        if not _propagatable(form):
            continue
        label = max(counts, key=lambda lab: (counts[lab], lab))
        forms[form] = label
        upper = form.upper()
        if upper != form:
            # ALL-CAPS headlines: "UKRAINE ADVANCES IN LUHANSK".
            forms.setdefault(upper, label)
    return forms


def collection_forms(docs_mentions: Iterable[Sequence[RawMention]], min_docs: int = 2,
                     min_count: int = 3) -> dict[str, str]:
    """Names the model found in several articles, with their majority label.

    Propagated to every article, they catch the ones where the model missed the
    name entirely (a site's own name in its bylines, an unusual organisation).
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    doc_count: Counter = Counter()
    for mentions in docs_mentions:
        seen = set()
        for m in mentions:
            if m.label != "DATE" and len(m.text) >= 4:
                votes[m.text][m.label] += 1
                seen.add(m.text)
        doc_count.update(seen)
    return {f: max(c, key=lambda lab: (c[lab], lab)) for f, c in votes.items()
            if doc_count[f] >= min_docs and sum(c.values()) >= min_count and _propagatable(f)}


def _propagatable(form: str) -> bool:
    return (len(form) >= 3 or form.isupper()) and _FIRST_WORD.match(form) is not None \
        and form.lower() not in _STOP_FORMS and "\n" not in form


def propagate(text: str, mentions: Sequence[RawMention],
              shared_forms: Mapping[str, str] | None = None) -> list[RawMention]:
    """New mentions for unmarked repeats of found names (existing ones not returned).

    `shared_forms` (form -> label, see collection_forms) are looked for too; the
    article's own names take precedence.
    """
    forms = dict(shared_forms or {})
    forms.update(_forms(mentions))
    if not forms:
        return []
    by_word: dict[str, list[str]] = defaultdict(list)
    for form in sorted(forms, key=len, reverse=True):  # longest match first
        by_word[_FIRST_WORD.match(form).group()].append(form)
    spans = sorted((m.start, m.end, m.label) for m in mentions)
    added: list[RawMention] = []
    k = 0  # index into spans, advanced as we move right
    pos_end = 0
    for hit in _CAP_WORD.finditer(text):
        a = hit.start()
        if a < pos_end:
            continue
        candidates = by_word.get(hit.group())
        if not candidates:
            continue
        while k < len(spans) and spans[k][1] <= a:
            k += 1
        for form in candidates:
            b = a + len(form)
            if not text.startswith(form, a) or (b < len(text) and _NAME_CHAR.match(text, b)):
                continue
            if k < len(spans) and spans[k][0] < b:  # overlaps an existing mention
                s_start, s_end, s_label = spans[k]
                nested = (s_start <= a and b <= s_end and b - a < s_end - s_start
                          and s_label in NESTING_LABELS and forms[form] in NESTED_LABELS)
                if not nested:
                    break
            added.append(RawMention(a, b, form, forms[form]))
            pos_end = b
            break
    return added
