"""A one-line input whose value is always plain text.

Pasted text can carry escape sequences (ESC ] 52 clipboard writes, OSC 8 links);
an Input shows its value as it is, so they would reach the terminal. Every
assignment (typing, paste, code) goes through `validate_value`.
"""

from __future__ import annotations

from textual.widgets import Input

from reader.textio import without_controls


class PlainInput(Input):
    def validate_value(self, value: str) -> str:
        return without_controls(value)
