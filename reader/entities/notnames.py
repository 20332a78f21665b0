"""Spans the model tags that are not names, whatever their type.

- lines that are not prose: a wire stamp ("30-SEP-1987 11:39:19.74  f0412reute");
- all-caps headlines: the model's spans there are guesses ("AMERICA FIRST
  MORTGAGE SETS QUARTERLY" as one organisation); names known from the
  article's prose are tagged there instead (see propagate), so a headline only
  joins an entity through its normal-case form;
- a span without a capital letter ("cts", "referenda"): a common word;
- numbers and units inside a person's or group's name ("Revs 12.2 mln vs"):
  the name ends before them;
- a legal form alone ("Corp", "Inc", "Ltd"): part of a company's name, not one.

Whether a one-word name is a common word or a unit in most of its uses in the
collection is decided by linking (see linking.common_key), which sees them all.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .extract import RawMention
from .names import is_all_caps

# A line that starts with a date and a time: a wire service's stamp, not prose.
_STAMP_RE = re.compile(r"[ \t]*\d{1,4}[-/.][A-Za-z0-9]{1,9}[-/.]\d{1,4}[ \tT]+\d{1,2}:\d{2}")
_DIGIT_TOKEN_RE = re.compile(r"[ \t]+\S*\d")


def _line(text: str, at: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, at) + 1
    b = text.find("\n", at)
    return a, b if b >= 0 else len(text)


class _Lines:
    """What kind of line a position is on, computed once a line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._kinds: dict[int, str] = {}

    def kind(self, at: int) -> str:
        """"stamp", "caps" (an all-caps headline) or "prose"."""
        a, b = _line(self.text, at)
        kind = self._kinds.get(a)
        if kind is None:
            line = self.text[a:b]
            kind = "stamp" if _STAMP_RE.match(line) else "caps" if is_all_caps(line) else "prose"
            self._kinds[a] = kind
        return kind


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """Company legal forms ("inc", "corp", "ltd", "ag", "plc", "spa"...), from
    cleanco's tables of many countries, folded: lower case, no dots. Two-letter
    forms that are also common words or country codes are left out."""
    from cleanco.clean import get_unique_terms

    out = set()
    for term in get_unique_terms():
        if " " in term:
            continue
        folded = term.replace(".", "").casefold()
        if (len(folded) >= 3 or folded in _TWO_LETTER_FORMS) and folded.isalpha():
            out.add(folded)
    return frozenset(out - _NOT_LEGAL_FORMS)


# Two-letter terms in cleanco's tables are mostly something else in news (US,
# UK, OK, EU, PC...): only these widespread ones count.
_TWO_LETTER_FORMS = frozenset({"ab", "ag", "bv", "co", "kg", "kk", "lp", "nv", "oy", "sa", "se"})
# Longer terms that are more often a word or another acronym in news.
_NOT_LEGAL_FORMS = frozenset({"private", "stg", "limited", "unlimited", "company", "ent", "sal",
                              "vat", "sem", "sep", "ses", "dat", "fie", "teo", "tov", "cio", "cic",
                              "sia", "ans", "sad", "sae", "sas", "sha", "ska", "fop", "gie",
                              "ong", "pse", "psu", "etat"})


def is_legal_form(word: str) -> bool:
    """"Corp", "Inc.", "GmbH", "SpA", "AG": a company's legal form (see legal_forms)."""
    return word.replace(".", "").casefold() in legal_forms()


def drop_not_names(text: str, mentions: Iterable[RawMention]) -> list[RawMention]:
    """The model's mentions without the spans that are not names (see the module)."""
    lines = _Lines(text)
    out = []
    for m in mentions:
        if m.label == "DATE":
            if lines.kind(m.start) != "stamp":
                out.append(m)
            continue
        if lines.kind(m.start) != "prose" or not any(c.isupper() for c in m.text):
            continue
        if m.label == "NORP" and any(c.isdigit() for c in m.text):
            continue  # "Category 3", "Shr 48.2p": not a group
        if m.label == "PERSON" and any(c.isdigit() for c in m.text):
            cut = _DIGIT_TOKEN_RE.search(m.text)
            if cut is None:
                continue
            m = RawMention(m.start, m.start + cut.start(), m.text[:cut.start()], m.label)
        if " " not in m.text and is_legal_form(m.text) and not m.text.isupper():
            continue  # "Corp", "Inc."; "AG" may be an attorney general, "NV" Nevada
        out.append(m)
    return out
