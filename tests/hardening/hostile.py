"""A collection whose text, titles, metadata, file names and entity names are hostile:
Rich/Textual markup and terminal control sequences that must stay data."""

from __future__ import annotations

import re

from reader.config import Settings
from reader.paths import IndexPaths
from reader.store import Store, StoredEntity, StoredMention
from tests.hardening.helpers import build

MARKUP = "[bold red]Red[/] [link=https://evil.test]link[/link] [@click=app.quit]quit[/] [/]"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: write "evil" to the clipboard
OSC8 = "\x1b]8;;https://evil.test\x1b\\osc8 link\x1b]8;;\x1b\\"
CONTROLS = "\x1b[2J\x1b[31mred\x1b[0m \x9b31m\x07\x08\u202eevil\u202c \x00"
BAD_NAME = "\x1b[2Jbad[@click=app.quit].txt"  # an empty file: its name is in a warning
CALM = "Calm Head\n\nNothing odd about this zebra."
ENTITY_ID = "person:evil"
ENTITY_NAME = f"{MARKUP} Corp{CLIPBOARD}"

TITLE_LINE = f"{MARKUP} zebra{CLIPBOARD}"
TEXT = (
    f"{TITLE_LINE}\n\nThe zebra{OSC8} crossed {MARKUP} the road {CONTROLS} at dawn.\n\n"
    f"Second zebra paragraph {CLIPBOARD} ends here."
)
MD = (
    '---\ntitle: "[blink]Front\\e]52;c;aGk=\\aMatter"\nsource: "\\e[31mWire[/]"\n'
    'author: "[@click=app.quit]Jane\\e[0m"\n---\nA zebra from the wire, with markup [i]inside[/i].'
)


def hostile_collection(collection) -> Settings:
    settings = collection({"hostile.txt": TEXT, "wire.md": MD, BAD_NAME: "", "calm.txt": CALM})
    build(settings)
    inject_entities(settings)
    return settings


def inject_entities(settings: Settings) -> None:
    """A hostile entity in the store (a text-only build has none; `reader index`
    without entities clears them, so tests inject again)."""
    start = TEXT.index("Second zebra") + len("Second ")
    store = Store(IndexPaths(settings.index_dir).store)
    store.replace_mentions(
        "hostile",
        [StoredMention("hostile", start, start + 5, "zebra", "PERSON", ENTITY_ID)],
        "h",
        "h",
    )
    calm = CALM.index("zebra")
    store.replace_mentions(
        "calm", [StoredMention("calm", calm, calm + 5, "zebra", "PERSON", ENTITY_ID)], "h", "h"
    )
    store.replace_entities(
        [StoredEntity(ENTITY_ID, ENTITY_NAME, "PERSON", (ENTITY_NAME, f"Alias{CONTROLS}"), 2, 2)]
    )
    store.commit()
    store.close()


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def assert_no_terminal_control(data: str, allow_sgr: bool = False) -> None:
    """No ESC/C1/BEL/BS/bidi reaches the terminal (only the faces' own colours, if allowed)."""
    if allow_sgr:
        data = _SGR.sub("", data)
    bad = sorted(
        {
            f"U+{ord(c):04X}"
            for c in data
            if (ord(c) < 0x20 and c not in "\n\t")
            or 0x7F <= ord(c) <= 0x9F
            or 0x202A <= ord(c) <= 0x202E
            or 0x2066 <= ord(c) <= 0x2069
        }
    )
    assert not bad, f"terminal control characters reached the output: {bad}"
