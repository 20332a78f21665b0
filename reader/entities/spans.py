"""Repairs of the model's span boundaries that follow from how names are written.

- a name cut in two is one: "Lockheed" + "Martin", "Michael" + "O'Leary", a
  company and its legal form ("Chrysler" + "LLC");
- a name and its acronym in brackets are two mentions: "Federated Grain
  Handlers (FGH" -> "Federated Grain Handlers" and "FGH";
- a surname's particles belong to it: "de la Cruz", "van der Berg", "al-Rashid"
  when the model tagged only "Cruz";
- a name the model cut at "and" is one when its second part ends like an
  association ("Electrical" + "Machine Trades Union" -> "Electrical and Machine
  Trades Union").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .names import is_acronym_like, is_legal_form
from .types import RawMention

_PARTICLES_RE = re.compile(
    r"(?:(?<=\s)|^)((?:(?:de|da|do|dos|das|di|del|della|der|den|van|von|la|le|du|des|bin|ibn|al|el|ter|ten)"
    r"[ \t]+)+)$"
)
# Last words of associations that are often named "X and Y ...".
_ASSOCIATION_HEADS = frozenset(
    """
union unions association federation council institute society commission committee workers
guild league alliance foundation fund board
""".split()
)
_AND_RE = re.compile(r"[ \t]+(?:and|&)[ \t]+")


def repair_spans(text: str, mentions: Iterable[RawMention]) -> list[RawMention]:
    out: list[RawMention] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.label == "DATE":
            out.append(m)
            continue
        split = _name_and_acronym(text, m)
        if split is not None:
            out.extend(split)
            continue
        m = _with_apostrophe_names(text, m)
        if m.label == "PERSON":
            m = _with_particles(text, m)
        if m.label == "ORG":
            m = _with_legal_form(text, m)
        if (
            out
            and out[-1].label == "ORG"
            and (
                _cut_in_two(text, out[-1], m)
                or (m.label == "ORG" and _joined_by_and(text, out[-1], m))
            )
        ):
            first = out.pop()
            m = RawMention(first.start, m.end, text[first.start : m.end], first.label)
        out.append(m)
    return out


def _cut_in_two(text: str, first: RawMention, second: RawMention) -> bool:
    """ "Lockheed" + "Martin": a company's name of two words the model cut; not a
    caption ("NASA Bill Ingalls") nor a title ("State Antony Blinken")."""
    from .names import TITLE_WORDS

    return (
        text[first.end : second.start] == " "
        and " " not in second.text
        and second.label in ("ORG", "PRODUCT", "PERSON", "WORK_OF_ART", "FAC")
        and not is_acronym_like(first.text)
        and not is_acronym_like(second.text)
        and not all(w.lower().rstrip(".") in TITLE_WORDS for w in first.text.split())
    )


_APOSTROPHE_NAME_RE = re.compile(r"[ \t]+[OD]['\u2019][A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_APOSTROPHE_PREFIX_RE = re.compile(r"(?<![\w'\u2019])[OD]['\u2019]$")
_LEGAL_AFTER_RE = re.compile(r",?[ \t]+([A-Z][\w.]*)")


def _with_apostrophe_names(text: str, m: RawMention) -> RawMention:
    """ "O'Leary", "D'Souza": the model often stops at or starts after the apostrophe."""
    start, end = m.start, m.end
    if _APOSTROPHE_PREFIX_RE.search(text, max(0, start - 3), start):
        start -= 2
    if m.label == "PERSON" and (after := _APOSTROPHE_NAME_RE.match(text, end)):
        end = after.end()
    if (start, end) == (m.start, m.end):
        return m
    return RawMention(start, end, text[start:end], m.label)


def _with_legal_form(text: str, m: RawMention) -> RawMention:
    """ "Chrysler" + " LLC": a company's legal form written after its name is part of it."""
    end = m.end
    while (after := _LEGAL_AFTER_RE.match(text, end)) and is_legal_form(after.group(1).rstrip(",")):
        end = after.end(1)
    if end == m.end:
        return m
    return RawMention(m.start, end, text[m.start : end], m.label)


def _name_and_acronym(text: str, m: RawMention) -> list[RawMention] | None:
    cut = m.text.find(" (")
    if cut <= 0 or ")" in m.text[cut:]:
        return None
    inner = m.text[cut + 2 :].strip()
    name = RawMention(m.start, m.start + cut, m.text[:cut], m.label)
    if not inner:
        return [name]
    a = m.start + cut + 2 + (len(m.text[cut + 2 :]) - len(m.text[cut + 2 :].lstrip()))
    b = a + len(inner)
    if not is_acronym_like(inner):
        return [name]
    return [name, RawMention(a, b, inner, m.label)]


def _with_particles(text: str, m: RawMention) -> RawMention:
    start = m.start
    if text[max(0, start - 3) : start] in ("al-", "el-") and (
        start < 4 or not text[start - 4].isalnum()
    ):
        start -= 3  # "al-Rashid"
    before = _PARTICLES_RE.search(text, max(0, start - 30), start)
    if before is not None:
        start = before.start(1)
    if start == m.start:
        return m
    return RawMention(start, m.end, text[start : m.end], m.label)


def _joined_by_and(text: str, first: RawMention, second: RawMention) -> bool:
    """ "Electrical" and "Machine Trades Union": one name cut at its "and"."""
    between = _AND_RE.fullmatch(text, first.end, second.start)
    return (
        between is not None
        and " " not in first.text
        and second.text.split()[-1].lower() in _ASSOCIATION_HEADS
        and len(second.text.split()) >= 2
    )
