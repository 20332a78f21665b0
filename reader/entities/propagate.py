"""Tagging repeats of names the model found elsewhere in the article or collection.

The small model often finds "Daniel Montalvo" and one "Montalvo" but misses the
later repeats, or tags a name in one sentence and not in the next. Within one
article the same capitalised string almost always names the same thing, so we
add every capitalised (or all-caps) occurrence, outside existing spans, of
- a name the model found, typed by that name's majority label, and
- the first or last word of a found two- or three-word person name (PERSON).

Extraction propagates an article's own names (so the stored spans are final);
linking propagates names found in several articles, and does not count those
copies in type votes. Cost is linear in the number of capitalised words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence

from .names import COMPANY_DESCRIPTORS, generic_opening, without_legal_form
from .types import RawMention

# Found names never propagated: too often ordinary capitalised words.
_STOP_FORMS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "mr",
        "mrs",
        "ms",
        "dr",
        "new",
        "north",
        "south",
        "east",
        "west",
        "central",
        "may",
        "will",
        "march",
        "april",
        "june",
        "july",
        "august",
        "today",
        "god",
        "lord",
        "state",
        "city",
        "government",
        "president",
        "minister",
        "house",
        "court",
        "congress",
    }
)
# Mentions never overlap: a name inside a longer mention ("Russia" in the work
# "Forever with Russia", "New York" in "New York Times") is part of that name and
# not tagged again (one stop for the reader, one span per place in the text).
_WORD_RE = re.compile(r"\S+")
_CAP_WORD = re.compile(r"(?<![\w&.'\u2019-])[A-Z][\w&-]*")
_FIRST_WORD = re.compile(r"[A-Z][\w&-]*")
_NAME_CHAR = re.compile(r"[\w&-]")
_CAP_RUN = re.compile(r"[A-Z][\w&-]*")
_BEFORE_PUNCT = "_&.'\u2019-"  # with letters and digits: _CAP_WORD's look-behind
# A name found by the model is propagated across the collection when found in
# this many articles, this many times: a name the collection knows is a
# mention wherever it stands in the same form ("Kyiv" in an article where the
# model missed it); found once, it may be a slip, unless it is a company's
# name with its legal form.
_MIN_DOCS = 1
_MIN_COUNT = 2


def _forms(mentions: Sequence[RawMention]) -> dict[str, str]:
    """Surface form -> label for everything worth propagating."""
    votes: dict[tuple[str, str], int] = {}
    for m in mentions:
        if m.label == "DATE":
            continue
        votes[m.text, m.label] = votes.get((m.text, m.label), 0) + 1
        if m.label == "ORG":
            # "Harwood Mills Inc": "Harwood Mills" and "Harwood" name the company too
            for short in org_short_forms(m.text):
                votes[short, "ORG"] = votes.get((short, "ORG"), 0) + 1
        if m.label == "PERSON" and " " in m.text:
            words = m.text.split()
            if len(words) in (2, 3):
                for w in (words[0], words[-1]):
                    if (
                        len(w) >= 3
                        and w[0].isupper()
                        and not w.isupper()
                        and w.replace("'", "").replace("\u2019", "").isalpha()
                    ):
                        votes[w, "PERSON"] = votes.get((w, "PERSON"), 0) + 1
    best: dict[str, tuple[int, str]] = {}
    for (form, label), n in votes.items():
        if (n, label) > best.get(form, (0, "")):
            best[form] = (n, label)
    forms = {}
    for form, (_n, label) in best.items():
        if not _propagatable(form):
            continue
        forms[form] = label
        upper = form.upper()
        if upper != form:
            # ALL-CAPS headlines: "UKRAINE ADVANCES IN LUHANSK".
            forms.setdefault(upper, label)
    return forms


def org_short_forms(name: str) -> list[str]:
    """An organisation's name without its legal form, and its short names (the
    words before those saying its line of business): "Yarhaven Industries AG" ->
    "Yarhaven Industries", "Yarhaven"."""
    base = without_legal_form(name)
    out = [base] if base != name else []
    words = base.split()
    for n in range(len(words) - 1, 0, -1):
        if words[n].lower() not in COMPANY_DESCRIPTORS:
            break
        short = " ".join(words[:n])
        if len(short) >= 3 and short[0].isupper() and short in base and not generic_opening(short):
            out.append(short)
    return out


class NameIndex:
    """Forms looked up by their first word, then by length (longest first).

    A lookup costs one dict probe per distinct form length under that first word,
    however many forms share it ("John ..." in a big collection).
    """

    def __init__(self, forms: Mapping[str, str], caps_shy: Collection[str] = ()) -> None:
        self._by_word: dict[str, tuple[list[int], dict[str, str]]] = {}
        # Forms never tagged in a line without a lower-case letter: "US" and
        # "WHO" in an all-caps headline are as likely words as names.
        self.caps_shy = frozenset(caps_shy)
        for form, label in forms.items():
            first = _FIRST_WORD.match(form)
            if first is None:
                continue
            lengths, table = self._by_word.setdefault(first.group(), ([], {}))
            table[form] = label
            if len(form) not in lengths:
                lengths.append(len(form))
        for lengths, _ in self._by_word.values():
            lengths.sort(reverse=True)

    def __bool__(self) -> bool:
        return bool(self._by_word)

    def matches(self, text: str, a: int, first_word: str) -> Iterator[tuple[int, str]]:
        """(end, label) of forms starting at `a` with a name boundary after, longest first."""
        entry = self._by_word.get(first_word)
        if entry is None:
            return
        lengths, table = entry
        for n in lengths:
            b = a + n
            label = table.get(text[a:b])
            if label is not None and not (b < len(text) and _NAME_CHAR.match(text, b)):
                yield b, label


def form_votes(mentions: Sequence[RawMention]) -> Counter:
    """One article's votes for the collection forms: (form, label) -> count.

    Names the model found in several articles (`shared_label`) are propagated to
    every article by linking: they catch the ones where the model missed the name
    entirely (a site's own name in its bylines, an unusual organisation).
    """
    return Counter([(m.text, m.label) for m in mentions if m.label != "DATE" and len(m.text) >= 4])


def shared_label(
    form: str, labels: Mapping[str, int], n_docs: int, known: bool = False
) -> str | None:
    """The label `form` is propagated with across the collection, or None when it
    is not: found by the model fewer than twice (a company's name with its legal
    form, or a name an alias file knows (`known`): once), or not a name worth
    propagating."""
    if n_docs < _MIN_DOCS or not _propagatable(form):
        return None
    if sum(labels.values()) < _MIN_COUNT and not (known or _company_with_legal_form(form)):
        return None
    return max(labels, key=lambda lab: (labels[lab], lab))


def _company_with_legal_form(form: str) -> bool:
    """A company's name of capitalised words with its legal form ("Redstone
    Bancorp Corp"): found once in that form it is no slip, unlike one word
    ("Cheer") or a headline's phrase ("Quarterly Profit Slides")."""
    words = form.split(" ")
    return (
        len(words) >= 2 and all(w[:1].isupper() for w in words) and without_legal_form(form) != form
    )


def _propagatable(form: str) -> bool:
    return (
        (len(form) >= 3 or form.isupper())
        and _FIRST_WORD.match(form) is not None
        and form.lower() not in _STOP_FORMS
        and "\n" not in form
    )


def spelling_forms(
    shared: Mapping[str, str], spellings: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """The other spellings of shared forms an alias file knows, with the label
    the shared one has: "Kiev" found by the model makes "Kyiv" a mention too.
    One shared in its own right is left out, and so is one shorter than four
    characters unless it is in capitals ("IMF", "US": see `short_spellings`)."""
    out: dict[str, str] = {}
    for form, group in spellings.items():
        label = shared.get(form)
        if label is None:
            continue
        for other in group:
            if (
                other not in shared
                and (len(other) >= 4 or (len(other) >= 2 and other.isupper()))
                and _propagatable(other)
            ):
                out.setdefault(other, label)
    return out


def short_spellings(spelled: Mapping[str, str]) -> set[str]:
    """The spellings of fewer than four characters: never tagged in a line in
    capitals ("WHO CARES", "TELL US"), where they may be words."""
    return {form for form in spelled if len(form) < 4}


def with_caps_forms(forms: Mapping[str, str]) -> dict[str, str]:
    """The forms and their all-caps versions, for all-caps headlines: a caps
    version that two forms of different labels share is left out (the
    headline cannot tell them apart)."""
    caps: dict[str, str | None] = {}
    for form, label in forms.items():
        upper = form.upper()
        if upper != form and upper not in forms:
            caps[upper] = label if caps.get(upper, label) == label else None
    out = dict(forms)
    out.update((f, label) for f, label in caps.items() if label is not None)
    return out


def own_names(mentions: Sequence[RawMention]) -> NameIndex:
    """The names of one article worth looking for again in it."""
    return NameIndex(_forms(mentions))


def propagate(text: str, mentions: Sequence[RawMention], *indexes: NameIndex) -> list[RawMention]:
    """New mentions for unmarked occurrences of indexed names (existing ones not returned).

    Extraction passes the article's own names (`own_names`); linking passes the
    names found across the collection (`collection_forms`). Longer names win;
    between indexes, the earlier one.
    """
    tables = [i._by_word for i in indexes if i]
    if not tables:
        return []
    shy = frozenset().union(*(i.caps_shy for i in indexes))
    caps_lines: list[int] = [0, -1, 0]  # the last line looked at: start, end, in capitals
    spans = sorted([(m.start, m.end) for m in mentions])
    n_spans = len(spans)
    n_text = len(text)
    name_char = _NAME_CHAR.match
    added: list[RawMention] = []
    k = 0  # index into spans: the first (in start order) that ends after the word
    pos_end = 0
    single = tables[0] if len(tables) == 1 else None
    # _CAP_RUN finds the same words as _CAP_WORD, whose look-behind (checked by
    # hand, only for words that start a name) would double the scanning cost.
    for hit in _CAP_RUN.finditer(text):
        a = hit.start()
        if a < pos_end:
            continue
        word = hit.group()
        if single is not None:
            entry = single.get(word)
            if entry is None:
                continue
        elif not any(word in table for table in tables):
            continue
        if a and ((c := text[a - 1]).isalnum() or c in _BEFORE_PUNCT):
            continue
        while k < n_spans and spans[k][1] <= a:
            k += 1
        if k < n_spans:
            s_start = spans[k][0]
            if s_start <= a:  # inside a mention
                continue
        else:
            s_start = -1
        if single is not None and entry is not None:  # entry: checked above
            found = _lookup(text, a, entry, n_text, name_char)
        else:
            found = [
                f
                for table in tables
                if (entry := table.get(word)) is not None
                for f in _lookup(text, a, entry, n_text, name_char)
            ]
        if not found:
            continue
        # Longest acceptable match; the earlier index wins ties (sort is stable).
        if len(found) > 1:
            found.sort(key=lambda f: -f[0])
        for b, label in found:
            if s_start >= 0 and s_start < b:  # would overlap the next mention
                continue
            if shy and text[a:b] in shy and _in_caps_line(text, a, b, caps_lines):
                continue
            added.append(RawMention(a, b, text[a:b], label))
            pos_end = b
            break
    return added


def _in_caps_line(text: str, a: int, b: int, last: list[int]) -> bool:
    """Whether the line holding text[a:b] has no lower-case letter (a headline
    in capitals). Asked in text order: `last` keeps the line looked at last
    (start, end, answer), so each line is read once and each search for a
    line's ends starts where the last line ended."""
    start, end, caps = last
    if not (start <= a < end):
        # the last line ended at a line break (at `end`): this one starts after
        # the last break from there to `a`
        start = text.rfind("\n", max(end, 0), a) + 1
        found = text.find("\n", b)
        end = found if found >= 0 else len(text)
        line = text[start:end]
        caps = int(line.upper() == line)
        last[:] = [start, end, caps]
    return bool(caps)


def _lookup(
    text: str,
    a: int,
    entry: tuple[list[int], dict[str, str]],
    n_text: int,
    name_char: Callable[[str, int], object],
) -> list[tuple[int, str]]:
    """(end, label) of one index's forms starting at `a`, longest first (NameIndex.matches)."""
    lengths, table = entry
    out = []
    for n in lengths:
        b = a + n
        label = table.get(text[a:b])
        if label is not None and not (b < n_text and name_char(text, b)):
            out.append((b, label))
    return out
