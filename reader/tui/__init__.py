"""The Textual face of reader: a keyboard-driven reader and explorer (see app.py)."""
