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

import bisect
import heapq
import re
from collections.abc import Iterable
from functools import lru_cache

from .names import COMPANY_DESCRIPTORS, ORG_HEAD_WORDS, is_acronym_like, is_all_caps, is_legal_form
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
    end = m.start + len(_without_full_stop(text[m.start : end]))
    if end <= m.end:
        return m
    return RawMention(m.start, end, text[m.start : end], m.label)


# Legal forms written short with a full stop ("Corp.", "Inc."): the stop is theirs.
_SHORT_FORMS = frozenset({"corp", "inc", "ltd", "co", "cos", "bhd", "pty", "pte", "mfg", "bros"})


def _without_full_stop(name: str) -> str:
    """A name ending in a legal form, without the full stop of the sentence it
    ends ("Unilever PLC.", "Yarstone Beverages Company."); "Corp." keeps its own."""
    if not name.endswith(".") or name.endswith(".."):
        return name
    last = name.rsplit(None, 1)[-1]
    if last.count(".") > 1 or last[:-1].lower() in _SHORT_FORMS:
        return name  # "S.A.", "Corp."
    return name[:-1]


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


# -- companies written with their legal form that the model did not tag

# A word of a name; its legal form is one of them ("Co", "Ltd.", "S.A.").
_NAME_WORD_RE = re.compile(r"[A-Z][\w&.'\u2019-]*")
_NAME_JOINERS = frozenset({"and", "&"})
_HEADS = ORG_HEAD_WORDS | COMPANY_DESCRIPTORS
_POSSESSIVE_END_RE = re.compile(r"['\u2019]s?$")


def legal_form_names(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """Companies written with their legal form ("Hadley Insurance Co Ltd said",
    "Merrill Lynch and Co") that the model left out or cut: the capitalised
    words before the legal forms are one ORG mention. The model's mentions
    inside it give way; one that crosses it or holds it stays, and so does
    the text of a line in capitals (a headline's words are all capitalised).

    Two words may be joined by "and"/"&" ("Standard and Poor's Corp"), and by
    "of" after a word of an organisation's head ("Bank of Nova Scotia Ltd"),
    never after another word ("Shares of Hadley Co" is "Hadley Co"). A first
    word the text also writes in lower case is a sentence's, not the name's
    ("Yesterday Hadley Co said").
    """
    found: list[RawMention] = []
    lower = _LowerWords(text)
    breaks: list[int] | None = None  # where lines end, found when first needed
    for hit in _NAME_WORD_RE.finditer(text):
        word = hit.group()
        a = hit.start()
        if a and not text[a - 1].isspace():
            continue  # inside a word
        bare = _POSSESSIVE_END_RE.sub("", word)
        if not is_legal_form(bare) or (found and a < found[-1].end):
            continue
        words = _words_before(text, a, lower)
        if not words:
            continue
        start = words[0][0]
        end = a + len(bare)
        while (after := _LEGAL_AFTER_RE.match(text, end)) and is_legal_form(
            after.group(1).rstrip(",")
        ):
            end = after.end(1)
        if breaks is None:
            breaks = [m.start() for m in _LINE_BREAK_RE.finditer(text)]
        i = bisect.bisect_left(breaks, start)
        line_start = breaks[i - 1] + 1 if i else 0
        line_end = breaks[j] if (j := bisect.bisect_left(breaks, end)) < len(breaks) else len(text)
        if is_all_caps(text[line_start:line_end]):
            continue
        end = start + len(_without_full_stop(text[start:end]))
        found.append(RawMention(start, end, text[start:end], "ORG"))
    if not found:
        return mentions
    return _replace_inside(text, mentions, found)


class _LowerWords:
    """The words a text writes (made once, when first asked: one pass over the
    text, not one search per name)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = set(_TOKEN_RE.findall(self.text))
        return word in self._words


_TOKEN_RE = re.compile(r"[\w-]+")
_LINE_BREAK_RE = re.compile("\n")
# The longest run of words before a legal form taken for one name: a longer
# run of capitalised words is a headline's or a list's (and the walk back
# stays short on any input).
_MAX_NAME_WORDS = 10


def _words_before(text: str, at: int, lower: _LowerWords) -> list[tuple[int, str]]:
    """(start, word) of the name's words before a legal form at `at`, first to
    last; empty when there is none (a legal form alone, or after a joiner)."""
    heads = _HEADS
    words: list[tuple[int, str]] = []  # last first
    pos = at
    while (prev := _word_ending_at(text, pos)) is not None:
        if len(words) >= _MAX_NAME_WORDS:
            return []
        start, w = prev
        if _NAME_WORD_RE.fullmatch(w) and _not_sentence_end(w):
            if is_legal_form(w):
                break  # another company's end ("... Ltd. The Pellworth Freight Inc")
            words.append(prev)
        elif w in _NAME_JOINERS or (w == "of" and words):
            words.append(prev)
        else:
            break
        pos = start
    words.reverse()
    for i in range(len(words) - 1, -1, -1):
        w = words[i][1]
        before = words[i - 1][1] if i else ""
        if (w == "of" and before.lower() not in heads) or (
            w in _NAME_JOINERS and (not before or is_legal_form(before))
        ):
            # "Shares of Hadley Co": "Hadley Co"; "Acme Corp and Hadley Co": two
            words = words[i + 1 :]
            break
    while words and (words[0][1] in _NAME_JOINERS or _sentence_word(text, words[0], lower)):
        words.pop(0)
    if not any(_NAME_WORD_RE.fullmatch(w) and not is_legal_form(w) for _, w in words):
        return []
    return words


def _not_sentence_end(word: str) -> bool:
    """A word ending in a full stop ends a sentence unless it is an initial,
    an abbreviation ("U.S.") or a legal form ("Co.")."""
    if word.endswith(","):
        return False
    if not word.endswith("."):
        return True
    return len(word) <= 3 or word.count(".") >= 2 or is_legal_form(word)


def _word_ending_at(text: str, end: int) -> tuple[int, str] | None:
    """The word before `end` and the gap of spaces (or one line break of a
    wrapped paragraph) that ends there; None when there is no such gap."""
    stop = end
    while stop > 0 and text[stop - 1] in " \t\n":
        stop -= 1
    if stop == end or stop == 0 or text.count("\n", stop, end) > 1:
        return None
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start, text[start:stop]


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """English function words (spaCy's list; imported when extraction runs, where
    spaCy is loaded anyway, never when linking alone imports this module)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _sentence_word(text: str, word: tuple[int, str], lower: _LowerWords) -> bool:
    """A capitalised word opening a sentence that the text also writes in lower case."""
    start, w = word
    at = start
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    if at and text[at - 1] not in '\n.!?"\u201c-\u2014:':
        return False
    if w.lower() == w or not w[1:].islower():
        return False
    if w.lower() in _stop_words():
        return True  # "The", "In", "But"
    return w.lower() in lower


def _replace_inside(
    text: str, mentions: list[RawMention], found: list[RawMention]
) -> list[RawMention]:
    """`found` (in text order, none overlapping) in the place of the mentions
    inside them; one of `found` that a mention crosses or holds is dropped.
    Two of the model's names joined by "and" stay two ("Lockheed Martin and
    Chrysler LLC"): the name found starts at the second. One sweep over both
    lists: a text with thousands of names costs a few milliseconds."""
    out = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in out]
    dropped: set[int] = set()
    extra: list[RawMention] = []
    begun: list[tuple[int, int]] = []  # (end, index) of mentions starting before the name
    p = 0
    for name in found:
        while p < len(out) and out[p].start < name.start:
            heapq.heappush(begun, (out[p].end, p))
            p += 1
        while begun and begun[0][0] <= name.start:
            heapq.heappop(begun)
        within = range(p, bisect.bisect_left(starts, name.end, lo=p))
        inside = [j for j in within if out[j].end <= name.end and j not in dropped]
        for first, second in zip(inside, inside[1:], strict=False):
            if text[out[first].end : out[second].start].strip() in _NAME_JOINERS:
                a = out[second].start
                name = RawMention(a, name.end, text[a : name.end], "ORG")
        inside = [j for j in inside if out[j].start >= name.start]
        crossing = [j for _, j in begun if j not in dropped and out[j].end > name.start]
        crossing += [
            j
            for j in within
            if j not in dropped
            and j not in inside
            and out[j].end > name.start
            and (out[j].start < name.start or out[j].end > name.end)
        ]
        if any(out[j].label != "DATE" or out[j].start >= name.start for j in crossing):
            continue
        dropped.update(inside)
        # a dateline's date run into the name ("July 14 - Stroud Chemicals Inc"): cut
        for j in crossing:
            m = out[j]
            dropped.add(j)
            end = name.start
            while end > m.start and text[end - 1] in " \t\n-\u2013\u2014,":
                end -= 1
            if end > m.start:
                extra.append(RawMention(m.start, end, text[m.start : end], m.label))
        extra.append(name)
    if not extra:
        return out
    kept = [m for j, m in enumerate(out) if j not in dropped]
    return sorted(kept + extra, key=lambda m: (m.start, m.end))
