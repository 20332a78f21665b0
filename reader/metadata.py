"""Metadata values from front matter, JSON lines and HTML, read as text or dates.

Real archives write dates many ways ("26-FEB-1987 15:01:01.79", RFC 2822 from
feeds, "Sept. 27, 2022", ISO 8601): any of them is read when it names a year,
a month and a day. A date followed by other text is read leniently (the leading
date). A value that is not a date (a bare number, a weekday, a mapping) is
dropped, never turned into a date relative to today. Values that are not text
(mappings, binary, NaN) are dropped rather than shown as Python reprs. What was
dropped or read leniently is reported once per file (`MetaProblems`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from reader.textio import one_line

#: At most this many words of a value are tried as a leading date.
_LEADING_WORDS = 8
#: Two defaults differing in year, month and day: a date dateutil completes
#: from its default (a weekday, a month alone) comes out differently with each.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
#: 26-FEB-1987, with or without a time (15:01:01.79): wire archives.
_WIRE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})(?: \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


class DateRead(NamedTuple):
    iso: str | None  # YYYY-MM-DD, or None
    problem: str | None = None  # why it was dropped, or what was ignored


def read_date(value: object) -> DateRead:
    """An ISO date (YYYY-MM-DD) from a metadata value, with what went wrong."""
    if value is None or value == "":
        return DateRead(None)
    if isinstance(value, datetime):
        return DateRead(value.date().isoformat())
    if isinstance(value, date):
        return DateRead(value.isoformat())
    if isinstance(value, bool):
        return DateRead(None, f"{_shown(value)} is not a date")
    if isinstance(value, (int, float)):
        return DateRead(None, f"{_shown(value)} is a number, not a date")
    if not isinstance(value, str):
        return DateRead(None, f"{_kind(value)} is not a date")
    text = " ".join(value.split())
    if not text:
        return DateRead(None)
    found = _full_date(text)
    if found:
        return DateRead(found)
    words = text.split(" ")
    for n in range(min(len(words) - 1, _LEADING_WORDS), 0, -1):
        found = _full_date(" ".join(words[:n]))
        if found:
            return DateRead(found, f"{_shown(text)} was read as {found}")
    if not any(ch.isdigit() for ch in text):
        return DateRead(None, f"{_shown(text)} is not a date")
    return DateRead(None, f"{_shown(text)} is not a date with a year, month and day")


#: A dateline: a short line naming a year (1800-2099) near a plain text's top.
_DATELINE_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DATELINE_MAX = 60  # characters
_DATELINE_LINES = 3  # non-empty lines looked at, after the headline


def dateline_date(text: str, start: int = 0) -> str | None:
    """The date of a plain-text article, from a dateline near its top: one of the
    first few non-empty lines after `start` (the headline's end) that is short,
    names a year and begins with a full date ("14-SEP-1987 10:51:53.23 f0412reute",
    "2022-09-30", "Sept. 27, 2022"). A sentence that happens to start with a date
    is not a dateline: the line must be short."""
    seen = 0
    for line in text[start : start + 2000].splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            return None
        if len(line) > _DATELINE_MAX or not _DATELINE_YEAR.search(line):
            continue
        words = line.split(" ")
        for n in range(min(len(words), 4), 0, -1):
            found = _full_date(" ".join(words[:n]))
            if found:
                return found
    return None


def _full_date(text: str) -> str | None:
    """The date `text` names, when it names a year, a month and a day."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    wire = _WIRE.fullmatch(text)
    if wire and wire.group(2).lower() in _MONTHS:
        try:
            return date(
                int(wire.group(3)), _MONTHS[wire.group(2).lower()], int(wire.group(1))
            ).isoformat()
        except ValueError:
            return None
    if not any(ch.isdigit() for ch in text):
        return None  # "Monday", "yesterday": nothing dateutil should complete
    from dateutil import parser as dateparser

    found = []
    for default in _DEFAULTS:
        try:
            found.append(dateparser.parse(text, default=default).date())
        except (ValueError, OverflowError, TypeError):
            return None
    return found[0].isoformat() if found[0] == found[1] else None


def read_text(value: object) -> tuple[str | None, str | None]:
    """(one-line text, None), or (None, why it was dropped) for a value that is
    not text: a mapping, binary data that is not UTF-8, NaN. Lists of text are
    joined with commas; numbers become their digits."""
    if value is None:
        return None, None
    if isinstance(value, (list, tuple)):
        parts, problem = [], None
        for item in value:
            text, why = read_text(item)
            if text:
                parts.append(text)
            problem = problem or why
        return (", ".join(parts) or None), problem
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None, "binary data is not text"
    if isinstance(value, bool):
        return None, f"{_shown(value)} is not text"
    if isinstance(value, float):
        if not math.isfinite(value):
            return None, f"{_shown(value)} is not a value"
        value = repr(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, int):
        value = str(value)
    elif isinstance(value, (datetime, date)):
        value = value.isoformat()
    elif not isinstance(value, str):
        return None, f"{_kind(value)} is not text"
    text = " ".join(value.split())
    return text or None, None


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, bytes):
        return "binary data"
    return f"a {type(value).__name__} value"


def _shown(value: object) -> str:
    return repr(one_line(str(value), 60))


@dataclass
class MetaProblems:
    """What one file's metadata lost, said once per file and kind."""

    name: str  # the file's name, for messages
    _seen: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)

    def date(self, value: object, where: str = "") -> str | None:
        read = read_date(value)
        if read.problem:
            self._note(("date", "lenient" if read.iso else "dropped"), read.problem, where)
        return read.iso

    def text(self, name: str, value: object, where: str = "") -> str | None:
        text, problem = read_text(value)
        if problem:
            self._note((name, "dropped"), problem, where)
        return text

    def _note(self, key: tuple[str, str], problem: str, where: str) -> None:
        """`where`: the line of a JSON-lines file, or ""."""
        count, first = self._seen.get(key, (0, ""))
        place = f"{self.name}:{where}" if where else self.name
        self._seen[key] = (count + 1, first or f"{place}: {key[0]}: {problem}")

    def warnings(self) -> list[str]:
        out = []
        for (name, kind), (count, first) in self._seen.items():
            if count == 1:
                tail = (
                    " (the text after the date was ignored)"
                    if kind == "lenient"
                    else "; left undated"
                    if name == "date"
                    else "; ignored"
                )
                out.append(first + tail)
            elif kind == "lenient":
                out.append(
                    f"{self.name}: {count} dates had text after the date, which was "
                    f"ignored (first, {first})"
                )
            elif name == "date":
                out.append(
                    f"{self.name}: {count} dates could not be read and were left undated "
                    f"(first, {first})"
                )
            else:
                out.append(
                    f"{self.name}: {count} {name!r} values were not text and were ignored "
                    f"(first, {first})"
                )
        return out
