"""Bytes to text, and text to something safe to show on a terminal.

`decode_bytes` defines the article text every offset points into: BOMs are
honoured and dropped, CRLF and lone CR become LF (as Python's universal
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


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB of a file without a UTF-16/32 BOM mean binary."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" not in head:
        return False
    # A stray NUL in otherwise plain text is tolerated; many mean binary.
    return head.count(b"\x00") > max(1, len(head) // 100)


def decode_bytes(data: bytes) -> Decoded:
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom):], name
            break
    try:
        text, replaced = data.decode(encoding), False
    except UnicodeDecodeError:
        text, replaced = data.decode(encoding, errors="replace"), True
    return Decoded(normalize_newlines(text), encoding, replaced)


def normalize_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# C0 controls (except TAB and LF), DEL, C1 controls, and the bidi overrides that
# can make text display in a different order than it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
