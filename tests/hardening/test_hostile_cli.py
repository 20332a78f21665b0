"""Article text is data on the command line: markup shows literally, terminal
control never reaches the terminal, in plain and --json output and in errors."""

from __future__ import annotations

import json

import pytest

from tests.hardening.helpers import cli
from tests.hardening.hostile import (
    BAD_NAME,
    CLIPBOARD,
    ENTITY_ID,
    ENTITY_NAME,
    MARKUP,
    TEXT,
    assert_no_terminal_control,
    hostile_collection,
    inject_entities,
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")

    def collection(files):
        from reader.config import Settings
        from tests.conftest import write_files

        return Settings.resolve(
            write_files(root / "articles", files), root / "index", entities=False
        )

    return hostile_collection(collection)


@pytest.fixture(autouse=True)
def _entities(hostile):
    inject_entities(hostile)


COMMANDS = [
    ("index",),
    ("search", "zebra"),
    ("show", "hostile"),
    ("show", "wire"),
    ("entities",),
    ("entity", ENTITY_ID),
    ("export", "mentions"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_plain_output_shows_markup_literally_and_no_control(hostile, args):
    proc = cli(hostile, *args)
    assert proc.returncode == 0, proc.stderr
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert_no_terminal_control(out)
    assert_no_terminal_control(err)
    if args[0] in ("search", "show", "entities", "entity"):
        assert "[bold red]Red[/]" in out or "[blink]Front" in out or "[@click" in out


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_plain_output_on_a_colour_terminal_has_only_colours(hostile, args):
    """With colours forced on, the only escape sequences are reader's own SGR styles."""
    proc = cli(hostile, *args, env_extra={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert proc.returncode == 0, proc.stderr
    assert_no_terminal_control(proc.stdout.decode("utf-8"), allow_sgr=True)
    assert_no_terminal_control(proc.stderr.decode("utf-8"), allow_sgr=True)


def test_json_output_is_ascii_and_round_trips_the_data(hostile):
    for args in (("search", "zebra"), ("show", "hostile"), ("entities",), ("entity", ENTITY_ID)):
        proc = cli(hostile, *args, "--json")
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.isascii() and b"\x1b" not in proc.stdout
        data = json.loads(proc.stdout)
        if args[0] == "show":
            assert data["text"] == TEXT  # the data itself is intact
        if args[0] == "entities":
            assert data[0]["name"] == ENTITY_NAME
    proc = cli(hostile, "export", "mentions")
    assert proc.stdout.isascii()
    assert {json.loads(line)["entity"] for line in proc.stdout.splitlines()} == {ENTITY_ID}


def test_plain_show_keeps_offsets_with_visible_placeholders(hostile):
    out = cli(hostile, "show", "hostile").stdout.decode("utf-8")
    assert "␛]52;c;ZXZpbA==␇" in out  # ESC and BEL as control pictures
    assert MARKUP in out


def test_warnings_name_hostile_files_safely(hostile):
    proc = cli(hostile, "index", "--rebuild")
    err = proc.stderr.decode("utf-8")
    assert "␛[2Jbad[@click=app.quit].txt: skipped, the file is empty" in err
    assert BAD_NAME not in err


@pytest.mark.parametrize(
    "args, message",
    [
        (("search", "nosuch\x1b[2J:x"), "unknown field"),
        (("search", f"zebra{CLIPBOARD} AND ("), None),
        (("show", f"nope{CLIPBOARD}"), "no article with id"),
        (("entity", f"[@click=app.quit]{CLIPBOARD}"), "no entity named"),
    ],
)
def test_error_messages_are_one_safe_line(hostile, args, message):
    proc = cli(hostile, *args)
    err = proc.stderr.decode("utf-8")
    assert_no_terminal_control(err)
    assert_no_terminal_control(proc.stdout.decode("utf-8"))
    if message:
        assert proc.returncode == 2
        assert err.startswith("reader: error:") and message in err and err.count("\n") == 1
