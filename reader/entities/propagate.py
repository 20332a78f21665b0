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
from typing import Sequence

from .extract import RawMention

# Found names never propagated: too often ordinary capitalised words.
_STOP_FORMS = frozenset({
    "the", "a", "an", "this", "that", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "mr", "mrs", "ms", "dr", "new", "north", "south", "east", "west", "central",
    "may", "will", "march", "april", "june", "july", "august", "today", "god", "lord",
    "state", "city", "government", "president", "minister", "house", "court", "congress",
})
_CAP_START = re.compile(r"(?<![\w&.'\u2019-])[A-Z]")
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
        if len(form) < 3 and not form.isupper():
            continue
        if not form[0].isupper() or form.lower() in _STOP_FORMS or "\n" in form:
            continue
        label = max(counts, key=lambda lab: (counts[lab], lab))
        forms[form] = label
        upper = form.upper()
        if upper != form:
            # ALL-CAPS headlines: "UKRAINE ADVANCES IN LUHANSK".
            forms.setdefault(upper, label)
    return forms


def propagate(text: str, mentions: Sequence[RawMention]) -> list[RawMention]:
    """New mentions for unmarked repeats of found names (existing ones not returned)."""
    forms = _forms(mentions)
    if not forms:
        return []
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for form in sorted(forms, key=len, reverse=True):  # longest match first
        by_prefix[form[:2]].append(form)
    spans = sorted((m.start, m.end) for m in mentions)
    added: list[RawMention] = []
    k = 0  # index into spans, advanced as we move right
    pos_end = 0
    for hit in _CAP_START.finditer(text):
        a = hit.start()
        if a < pos_end:
            continue
        candidates = by_prefix.get(text[a:a + 2])
        if not candidates:
            continue
        while k < len(spans) and spans[k][1] <= a:
            k += 1
        for form in candidates:
            b = a + len(form)
            if not text.startswith(form, a) or (b < len(text) and _NAME_CHAR.match(text, b)):
                continue
            if k < len(spans) and spans[k][0] < b:  # overlaps an existing mention
                break
            added.append(RawMention(a, b, form, forms[form]))
            pos_end = b
            break
    return added
