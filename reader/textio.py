"""Bytes to text, and text to something safe to show on a terminal.

`decode_bytes` defines the article text every offset points into: BOMs are
honoured and dropped (UTF-16 without a BOM is recognised by its NUL bytes), CRLF and lone CR become LF (as Python's universal
newlines do), invalid UTF-8 is replaced and reported.

`printable` keeps article text data, never terminal control: every control
character is swapped one-for-one for a visible placeholder, so character
offsets stay valid after sanitising.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: bool  # True when invalid bytes were replaced with U+FFFD


#: Control characters other than tab, newline, carriage return and form feed.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def looks_binary(data: bytes) -> bool:
    """Whether the first 8 KiB look like a binary file rather than text.

    A file with a UTF-16/32 BOM is text. Otherwise many NUL bytes, or a head that
    is mostly invalid UTF-8 and control characters, mean binary; a stray NUL or a
    few Latin-1 accents in otherwise plain text do not.
    """
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS) or bomless_utf16(head):
        return False
    if head.count(b"\x00") > max(1, len(head) // 100):
        return True
    text = head.decode("utf-8", errors="replace")
    if len(head) == 8192:  # a multi-byte character may be cut at the end
        text = text[:-3]
    odd = text.count("\ufffd") + len(_CONTROL_RE.findall(text))
    return len(text) >= 16 and odd > len(text) * 0.3


def bomless_utf16(head: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" for UTF-16 text without a BOM (mostly Latin script:
    every other byte NUL), else None."""
    if len(head) < 8:
        return None
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2], head[1::2]
    half = len(even)
    if odd.count(0) >= half * 0.9 and even.count(0) <= half * 0.05:
        return "utf-16-le"
    if even.count(0) >= half * 0.9 and odd.count(0) <= half * 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    else:
        encoding = bomless_utf16(data[:8192]) or encoding
    try:
        text, replaced = data.decode(encoding), False
    except UnicodeDecodeError:
        text, replaced = data.decode(encoding, errors="replace"), True
    return Decoded(normalize_newlines(text), encoding, replaced)


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# C0 controls (except TAB and LF), DEL, C1 controls, the bidi overrides that
# can make text display in a different order than it is stored, and lone
# surrogates (from undecodable file names or JSON "\\ud800" escapes), which no
# terminal, SQLite text or UTF-8 file can take.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _placeholder(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def printable(text: str) -> str:
    """Text with every terminal control swapped for a visible, same-length placeholder."""
    return _CONTROL.sub(_placeholder, text)


def one_line(text: str, limit: int = 200) -> str:
    """A printable single line (for titles, messages and snippets)."""
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def plural(n: int, word: str, words: str | None = None) -> str:
    """ "1 article", "2,026 articles" (`words` for an irregular plural)."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def scrub_surrogates(text: str) -> tuple[str, bool]:
    """Lone surrogates swapped for U+FFFD (same length); True when there were any."""
    if _SURROGATE.search(text) is None:
        return text, False
    return _SURROGATE.sub("\ufffd", text), True


def safe_name(name: str) -> str:
    """A file name (or path) as valid text: undecodable bytes, which Python keeps as
    surrogate escapes, become a visible `\\xNN`, so different names stay different."""
    if name.isascii() or _SURROGATE.search(name) is None:  # the first: 100,000 names a scan
        return name
    raw = (
        name.encode("utf-8", "surrogateescape")
        if all(0xDC80 <= ord(c) <= 0xDCFF for c in _SURROGATE.findall(name))
        else None
    )
    if raw is None:  # not from a file name: keep what can be kept
        return _SURROGATE.sub("\ufffd", name)
    return raw.decode("utf-8", "backslashreplace")


def without_controls(text: str) -> str:
    """Text typed or pasted into a one-line field: line breaks and tabs become
    spaces, every other terminal control (and lone surrogates) is dropped."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return _CONTROL.sub("", text)


# A line break inside a hard-wrapped paragraph: after a full line that does not
# end a sentence, before a line that starts with a letter or digit.
_SOFT_BREAK_RE = re.compile(r"(?<=[^\s.!?:;\"\u201d\u2019)\]])\n(?=[\w(\"\u201c$])")
_FULL_LINE = 40


def unwrap(text: str) -> str:
    """The text as the model reads it and the reader shows it: the line breaks
    of a hard-wrapped paragraph (wire copy wraps at 62-72 columns) are spaces,
    so a name can run across one ("Federal\nReserve") and a paragraph fills
    the pane's width instead of breaking where the wire's line did. A short
    line (a table's, a dateline's) and a line in capitals keep their break.
    Same length: offsets stay those of the text."""
    if "\n" not in text:
        return text
    out = None
    for m in _SOFT_BREAK_RE.finditer(text):
        at = m.start()
        line_start = text.rfind("\n", 0, at) + 1
        line = text[line_start:at]
        if len(line) < _FULL_LINE or _all_caps(line):
            continue
        if out is None:
            out = list(text)
        out[at] = " "
    return text if out is None else "".join(out)


def _all_caps(line: str) -> bool:
    return len(line) > 1 and line.isupper()
