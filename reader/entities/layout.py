"""Names that a news article's layout makes plain, whatever the model saw.

- a dateline opens a story's first paragraph with its place, in capitals:
  "HOUSTON, Texas, March 3 - ", "WICHITA, Kan, April 2 - ", "TOKYO — ",
  "BOISE, Idaho (The Civic Post) — ": the city and its state are places, the
  source in brackets an organisation;
- a wire story ends with the agency's sign-off on a line of its own
  (" Reuter", "AP"): an organisation;
- a headline capitalises its verbs: in "Westcrest Agrees to Acquire Westley",
  "Acquire" is no part of the name (headline_verbs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .types import RawMention

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
# CITY[, State][, Month Day] followed by a dash, or a source in brackets and a dash.
_DATELINE_RE = re.compile(
    r"[ \t]*(?P<city>[A-Z][A-Z.'\u2019-]*(?:[ \t][A-Z][A-Z.'\u2019-]*){0,3})"
    r"(?:,[ \t]+(?P<state>[A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?))?"
    r"(?:,[ \t]+" + _MONTH + r")?"
    r"(?:[ \t]+\((?P<source>[^)\n]{1,60})\))?"
    r"[ \t]+[-\u2013\u2014]{1,2}[ \t]"
)
# A sign-off: one or two capitalised words alone on the last line.
_SIGN_OFF_RE = re.compile(r"\n[ \t]*([A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)[ \t]*\n?$")


def layout_mentions(text: str, mentions: Iterable[RawMention]) -> list[RawMention]:
    """The mentions, with a dateline's places typed GPE (added when the model
    missed them) and a sign-off typed ORG; in text order."""
    out = sorted(mentions, key=lambda m: (m.start, m.end))
    found: list[tuple[int, int, str]] = []
    dateline = _first_dateline(text)
    if dateline is not None:
        for group, label in (("city", "GPE"), ("state", "GPE"), ("source", "ORG")):
            a, b = dateline.span(group)
            if a >= 0:
                if group == "source" and dateline.group(group).lower().startswith("the "):
                    a += 4  # "(The Civic Post)": the outlet, without its article
                found.append((a, b, label))
    sign_off = _SIGN_OFF_RE.search(text)
    if sign_off is not None and sign_off.start(1) > 0:
        found.append((sign_off.start(1), sign_off.end(1), "ORG"))
    for a, b, label in found:
        same = [m for m in out if m.start < b and a < m.end]
        if len(same) == 1 and same[0].start == a and same[0].end == b:
            out[out.index(same[0])] = RawMention(a, b, text[a:b], label)
        elif not same:
            out.append(RawMention(a, b, text[a:b], label))
    return sorted(out, key=lambda m: (m.start, m.end))


def _first_dateline(text: str) -> re.Match | None:
    """A dateline at the start of the story's first paragraph (after the title
    and a stamp line, within the first lines)."""
    pos = 0
    for _ in range(6):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        if text[pos:line_end].strip():
            m = _DATELINE_RE.match(text, pos, line_end)
            if m is not None and (m.group("state") or m.end() < line_end):
                return m
        if end < 0:
            return None
        pos = end + 1
    return None


_HEADLINE_MAX = 200


def headline_verbs(text: str, mentions: Iterable[RawMention]) -> list[RawMention]:
    """The mentions, with a headline's verb cut from the front of a name.

    In the headline (the first line, not all capitals), a mention of several
    words loses its first word when that word is a verb of the headline: right
    after "to" ("Agrees to Acquire Westley") or a word the article writes in
    lower case ("Plans to Expand Harbour Line": "expand"). Guards: the rest is
    found in the article's body as whole words, and the whole span is not (a
    name the body repeats, "General Motors", is a name).
    """
    out = list(mentions)
    line_end = text.find("\n")
    if line_end < 0 or line_end > _HEADLINE_MAX or text[:line_end].isupper():
        return out
    body = text[line_end:]
    for i, m in enumerate(out):
        if m.end > line_end or " " not in m.text:
            continue
        word, rest = m.text.split(" ", 1)
        rest = rest.lstrip()
        if not (word[:1].isupper() and word[1:].islower() and rest[:1].isupper()):
            continue
        before = text[: m.start].split()
        verb = (before and before[-1] == "to") or _whole_word(word.lower(), body)
        if verb and _whole_word(rest, body) and not _whole_word(m.text, body):
            start = m.end - len(rest)
            out[i] = RawMention(start, m.end, rest, m.label)
    return out


def _whole_word(form: str, text: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text) is not None
