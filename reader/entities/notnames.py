"""Spans the model tags that are not names, whatever their type.

- lines that are not prose: a wire stamp ("30-SEP-1987 11:39:19.74  f0412reute");
- all-caps headlines: the model's spans there are guesses ("AMERICA FIRST
  MORTGAGE SETS QUARTERLY" as one organisation); names known from the
  article's prose or the collection are tagged there instead (see propagate),
  so a headline only joins an entity through its normal-case form. A
  company's name with its legal form stays ("SIEMENS AG");
- a span without a capital letter ("cts", "referenda"): a common word;
- numbers and units inside a person's or group's name ("Revs 12.2 mln vs"):
  the name ends before them;
- a legal form alone ("Corp", "Inc", "Ltd"): part of a company's name, not one;
- a figure inside a name ("Revs 4.08 billion"): the name ends before it.

Whether a one-word name is a common word or a unit in most of its uses in the
collection is decided by linking (see linking.common_key), which sees them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .names import is_all_caps, is_legal_form
from .types import RawMention

# A line that starts with a date and a time: a wire service's stamp, not prose.
_STAMP_RE = re.compile(r"[ \t]*\d{1,4}[-/.][A-Za-z0-9]{1,9}[-/.]\d{1,4}[ \tT]+\d{1,2}:\d{2}")
_DIGIT_TOKEN_RE = re.compile(r"[ \t]+\S*\d")
_WORD_RE = re.compile(r"\S+")
# A figure: a number and its unit ("4.08 billion", "12 cts", "7.5 pct", "$3 million").
_FIGURE_RE = re.compile(
    r"(?:^|(?<=\s))[$\u20ac\u00a3\u00a5]?\d[\d,.]*[ \t]*(?:mln|bln|billion|million|"
    r"trillion|pct|percent|per cent|dlrs?|cts|stg|yen|%)(?!\w)",
    re.IGNORECASE,
)


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
        """ "stamp", "caps" (an all-caps or title-case headline) or "prose"."""
        a, b = _line(self.text, at)
        kind = self._kinds.get(a)
        if kind is None:
            line = self.text[a:b]
            kind = (
                "stamp"
                if _STAMP_RE.match(line)
                else "caps"
                if is_all_caps(line) or self._title_case_title(a, b)
                else "prose"
            )
            self._kinds[a] = kind
        return kind

    def _title_case_title(self, a: int, b: int) -> bool:
        """The article's first line, set off by a blank line, with Every Long Word
        Capitalised: a headline, whose capitals say nothing about names."""
        if self.text[:a].strip() or not self.text.startswith("\n\n", b):
            return False
        words = [w for w in self.text[a:b].split() if len(w) >= 4 and w[0].isalpha()]
        return len(words) >= 3 and all(w[0].isupper() for w in words)


def _company_in_caps(m: RawMention) -> RawMention | None:
    """On an all-caps headline, a company's name with its legal form stays
    ("SIEMENS AG <SIEM> QTLY DIV" -> "SIEMENS AG"): often the only place a
    table story names it. Other guesses there go."""
    words = list(_WORD_RE.finditer(m.text))
    last = max(
        (i for i, w in enumerate(words) if i > 0 and is_legal_form(w.group().rstrip(",."))),
        default=None,
    )
    if last is None:
        return None
    end = words[last].end()
    return RawMention(m.start, m.start + end, m.text[:end], "ORG")


def drop_not_names(text: str, mentions: Iterable[RawMention]) -> list[RawMention]:
    """The model's mentions without the spans that are not names (see the module)."""
    lines = _Lines(text)
    out = []
    for m in mentions:
        if m.label == "DATE":
            if lines.kind(m.start) != "stamp":
                out.append(m)
            continue
        kind = lines.kind(m.start)
        if kind == "caps":
            company = _company_in_caps(m)
            if company is None:
                continue
            m = company
        elif kind != "prose" or not any(c.isupper() for c in m.text):
            continue
        if m.label == "NORP" and any(c.isdigit() for c in m.text):
            continue  # "Category 3", "Shr 48.2p": not a group
        if m.label == "PERSON" and any(c.isdigit() for c in m.text):
            cut = _DIGIT_TOKEN_RE.search(m.text)
            if cut is None:
                continue
            m = RawMention(m.start, m.start + cut.start(), m.text[: cut.start()], m.label)
        figure = _FIGURE_RE.search(m.text)
        if figure is not None:  # "Revs 4.08 billion", "Sales 2.39 billion vs"
            if figure.start() == 0:
                continue
            m = RawMention(m.start, m.start + figure.start(), m.text[: figure.start()], m.label)
        if " " not in m.text and is_legal_form(m.text) and not m.text.isupper():
            continue  # "Corp", "Inc."; "AG" may be an attorney general, "NV" Nevada
        out.append(m)
    return out
