"""An error nobody expected in a command is one line naming a log, exit 1; one
that a Ctrl+C set off (an import or a clean-up cut short) is "interrupted", 130."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.cli
from reader.cli import main


def _fail_with(error_factory):
    def command(args, settings, out, err):
        raise error_factory()

    return command


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "articles").mkdir()
    return tmp_path


def test_an_unexpected_error_is_one_line_with_a_log(data, monkeypatch, capsys):
    monkeypatch.setitem(reader.cli.COMMANDS, "search", _fail_with(lambda: RuntimeError("boom")))
    code = main(["--articles", str(data / "articles"), "search", "x"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "RuntimeError: boom" in err and "details in" in err
    log = Path(err.rsplit("details in ", 1)[1].strip())
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_an_error_set_off_by_ctrl_c_says_interrupted(data, monkeypatch, capsys):
    def cut_short():
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise ImportError("cannot import name from a partially initialized module")  # noqa: B904  (as an import cut short does)

    monkeypatch.setitem(reader.cli.COMMANDS, "search", _fail_with(cut_short))
    code = main(["--articles", str(data / "articles"), "search", "x"])
    assert code == 130 and capsys.readouterr().err == "reader: interrupted\n"
