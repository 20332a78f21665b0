"""Messy folders: every kind of bad file gives a clear message, the rest of the
collection is still indexed, and nothing already indexed is lost."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

import reader.indexer as indexer
from reader.library import Library
from tests.hardening.helpers import GOOD, build, ids, mentions_of, total


def test_binary_files_are_skipped_by_content_not_name(collection):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    random_bytes = bytes((i * 7919 + 13) % 256 for i in range(5000))  # few NULs, no text
    settings = collection({"good.txt": GOOD, "image.txt": png, "noise.md": random_bytes})
    report = build(settings)
    assert ids(settings) == ["good"]
    assert any("image.txt" in s and "binary" in s for s in report.skipped)
    assert any("noise.md" in s and "binary" in s for s in report.skipped)


def test_invalid_utf8_is_replaced_with_a_warning_naming_the_file(collection):
    settings = collection(
        {"good.txt": GOOD, "latin1.txt": "Été à Orléans, où la forêt brûle.".encode("latin-1")}
    )
    report = build(settings)
    assert ids(settings) == ["good", "latin1"]
    assert any("latin1.txt" in w and "replaced" in w for w in report.warnings)
    library = Library(settings)
    assert (
        library.article("latin1").text
        == "\ufffdt\ufffd \ufffd Orl\ufffdans, o\ufffd la for\ufffdt br\ufffdle."
    )
    assert library.search("orl*").total == 1
    library.close()


def test_utf8_bom_is_dropped_and_offsets_point_into_the_text(collection):
    settings = collection(
        {"bom.txt": "\ufeffBOM Headline\n\nThe flood reached Oslo.".encode("utf-8")}
    )
    build(settings)
    library = Library(settings)
    article = library.article("bom")
    assert article.text.startswith("BOM Headline") and article.title == "BOM Headline"
    ((start, end),) = library.search("oslo").hits[0].matches
    assert article.text[start:end] == "Oslo"
    library.close()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom(collection, encoding):
    body = "Wide Headline\r\n\r\nThe flood reached Bergen on Monday.\r\n"
    settings = collection({"good.txt": GOOD, "wide.txt": body.encode(encoding)})
    report = build(settings)
    assert ids(settings) == ["good", "wide"], report.skipped
    library = Library(settings)
    article = library.article("wide")
    assert article.text == "Wide Headline\n\nThe flood reached Bergen on Monday.\n"
    ((start, end),) = library.search("bergen").hits[0].matches
    assert article.text[start:end] == "Bergen"
    library.close()


def test_crlf_and_lone_cr_line_ends_read_as_lf(collection):
    settings = collection(
        {
            "crlf.txt": b"CRLF Head\r\n\r\nOne line.\r\nTwo Madrid.\r\n",
            "cr.txt": b"CR Head\r\rOld Mac file\rin Lisbon.\r",
        }
    )
    build(settings)
    library = Library(settings)
    assert library.article("crlf").text == "CRLF Head\n\nOne line.\nTwo Madrid.\n"
    assert library.article("crlf").title == "CRLF Head"
    cr = library.article("cr")
    assert cr.text == "CR Head\n\nOld Mac file\nin Lisbon.\n" and cr.title == "CR Head"
    assert cr.paragraphs() == [(0, 7), (9, 32)]
    ((start, end),) = library.search("lisbon").hits[0].matches
    assert cr.text[start:end] == "Lisbon"
    library.close()


def test_empty_and_whitespace_files_are_skipped(collection):
    settings = collection(
        {
            "good.txt": GOOD,
            "empty.txt": b"",
            "blank.md": " \n\t\r\n  \n",
            "spaces.jsonl": "\n\n   \n",
        }
    )
    report = build(settings)
    assert ids(settings) == ["good"]
    for name in ("empty.txt", "blank.md", "spaces.jsonl"):
        assert mentions_of(report, name), name


def test_nul_bytes(collection):
    settings = collection(
        {
            "stray.txt": b"Stray Head\n\nA stray\x00NUL in Quito text.",
            "many.txt": b"M\x00a\x00n\x00y\x00" * 2 + b"\x00\x00\x00" * 200,
        }
    )
    report = build(settings)
    assert ids(settings) == ["stray"]
    assert any("many.txt" in s and "binary" in s for s in report.skipped)
    library = Library(settings)
    assert "\x00" in library.article("stray").text  # kept as data; shown as a placeholder
    assert library.search("quito").total == 1
    library.close()


def test_a_50_mb_file_is_skipped_by_the_documented_limit_quickly(collection):
    settings = collection({"good.txt": GOOD})
    with open(settings.articles_dir / "huge.txt", "wb") as f:
        f.write(b"All work and no play makes Jack a dull boy. " * (50 * 1048576 // 44 + 1))
    started = time.monotonic()
    report = build(settings)
    assert time.monotonic() - started < 10
    assert ids(settings) == ["good"]
    (message,) = mentions_of(report, "huge.txt")
    assert "over the 20 MB limit" in message and "READER_MAX_FILE_MB" in message


def test_the_size_limit_is_an_environment_setting(collection, monkeypatch):
    from reader.config import Settings

    monkeypatch.setenv("READER_MAX_FILE_MB", "0.001")  # about 1 KB
    base = collection({"small.txt": GOOD, "big.txt": "word " * 400})
    settings = Settings.resolve(base.articles_dir, base.index_dir, entities=False)
    report = build(settings)
    assert ids(settings) == ["small"]
    assert any("big.txt" in s and "limit" in s for s in report.skipped)


def test_a_file_growing_while_read_is_bounded(tmp_path):
    """The read stops one byte past the limit, whatever the size was at stat time."""
    from reader.corpus import load_file
    from reader.errors import ArticleError

    path = tmp_path / "grow.txt"
    path.write_text("x" * 5000)
    real_fstat = os.fstat

    def stale_fstat(fd):  # the size the scanner saw before the file grew
        st = real_fstat(fd)
        return os.stat_result((*st[:6], 10, *st[7:]))

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fstat", stale_fstat)
        with pytest.raises(ArticleError, match="limit"):
            load_file(path, "grow.txt", "grow", 1000)


def test_malformed_jsonl_lines_are_skipped_with_file_line_warnings(collection):
    lines = [
        json.dumps({"title": "Good one", "body": "Rain fell in Paris."}),
        '{"title": "cut off", "body": "Half a rec',
        "not json at all",
        json.dumps([1, 2, 3]),
        json.dumps({"title": "No body"}),
        json.dumps({"title": "Body not text", "body": 42}),
        json.dumps({"title": "Good two", "text": "Snow fell in Oslo.", "id": "two"}),
        '{"title": "Bad escape", "body": "\\ud800 lone surrogate in Riga"}',
        "\x00\x01garbage",
    ]
    settings = collection({"feed.jsonl": "\n".join(lines) + "\n"})
    report = build(settings)
    assert ids(settings) == ["feed#1", "feed#8", "feed#two"]
    for line in (2, 3, 4, 5, 6, 9):
        assert any(w.startswith(f"feed.jsonl:{line}: skipped") for w in report.warnings), line
    assert any(w.startswith("feed.jsonl:8") and "replaced" in w for w in report.warnings)
    library = Library(settings)
    assert library.article("feed#8").text == "\ufffd lone surrogate in Riga"
    assert library.search("riga OR oslo OR paris").total == 3
    library.close()


def test_html_with_scripts_styles_and_no_article_text(collection):
    empty = (
        "<html><head><style>body{color:red}</style><script>var a = 'Storm';</script></head>"
        "<body><script>document.write('Storm in Florida')</script></body></html>"
    )
    article = (
        "<html><head><title>Flood news</title><script>track('Ghost words')</script>"
        "<style>.x{}</style></head><body><article><h1>Flood news</h1>"
        "<p>The river flooded the old town of Porto on Sunday and many people left.</p>"
        "<p>Officials said the water would fall slowly over the following week.</p>"
        "</article></body></html>"
    )
    settings = collection({"empty.html": empty, "flood.html": article, "good.txt": GOOD})
    report = build(settings)
    assert ids(settings) == ["flood", "good"]
    assert any("empty.html" in s and "no article text" in s for s in report.skipped)
    library = Library(settings)
    assert "Porto" in library.article("flood").text
    assert library.search("ghost OR track OR document").total == 0
    library.close()


def _fail_open(monkeypatch, suffix: str, error: OSError):
    """Make reader's opening of files ending in `suffix` fail with `error` (as the
    kernel would report it, with the path); returns the real os.open."""

    real_open = os.open

    def failing(path, flags, *args, **kw):
        if os.fspath(path).endswith(suffix):
            raise type(error)(error.errno, error.strerror, os.fspath(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", failing)
    return real_open


def test_unreadable_file_is_skipped_then_retried_once_readable(collection, monkeypatch):
    """Tests run as root, which chmod 000 does not stop: the failure is simulated
    where reader opens the file, with the error the kernel would give."""

    settings = collection({"good.txt": GOOD, "secret.txt": "Secret Head\n\nHidden in Lima."})
    real_open = _fail_open(monkeypatch, "secret.txt", PermissionError(13, "Permission denied"))
    report = build(settings)
    assert ids(settings) == ["good"]
    assert any("secret.txt" in s and "permission denied" in s for s in report.skipped)
    monkeypatch.setattr(os, "open", real_open)
    # Fixing permissions does not change a file's mtime: it is tried again anyway.
    report = build(settings)
    assert ids(settings) == ["good", "secret"] and not report.skipped


def test_an_indexed_file_that_becomes_unreadable_keeps_its_indexed_copy(collection, monkeypatch):
    settings = collection({"good.txt": GOOD, "kept.txt": "Kept Head\n\nStill in Sofia."})
    build(settings)
    path = settings.articles_dir / "kept.txt"
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))  # looks changed
    _fail_open(monkeypatch, "kept.txt", OSError(5, "Input/output error"))
    report = build(settings)
    assert any(
        "kept.txt" in s and "Input/output error" in s and "kept" in s for s in report.skipped
    )
    assert ids(settings) == ["good", "kept"] and total(settings, "sofia") == 1


def test_files_that_vanish_or_change_during_indexing(collection, monkeypatch):
    settings = collection(
        {
            "a.txt": GOOD,
            "gone.txt": "Gone Head\n\nSoon gone from Kyiv.",
            "moving.txt": "Moving Head\n\nFirst version in Minsk.",
        }
    )
    from reader.corpus import stream_file as real

    def racing(path, *args):
        if path.name == "gone.txt":
            path.unlink()  # deleted between the scan and the read
        if path.name == "moving.txt":
            path.write_text("Moving Head\n\nSecond version in Vilnius.", encoding="utf-8")
        return real(path, *args)

    monkeypatch.setattr(indexer, "stream_file", racing)
    report = build(settings)
    assert any("gone.txt" in s and "vanished" in s for s in report.skipped)
    assert ids(settings) == ["a", "moving"]
    assert total(settings, "vilnius") == 1 and total(settings, "minsk") == 0
    monkeypatch.setattr(indexer, "stream_file", real)
    # The next run settles: the vanished file is forgotten, the changed one re-read.
    report = build(settings)
    assert not report.skipped and report.removed == 0
    assert ids(settings) == ["a", "moving"] and total(settings, "vilnius") == 1


def test_a_file_replaced_by_a_folder_or_a_fifo_does_not_hang(collection):
    settings = collection({"good.txt": GOOD, "pipe.txt": "Pipe Head\n\nOnce a file in Bern."})
    build(settings)
    pipe = settings.articles_dir / "pipe.txt"
    pipe.unlink()
    os.mkfifo(pipe)  # reading a FIFO with no writer would block for ever
    started = time.monotonic()
    report = build(settings)
    assert time.monotonic() - started < 10
    assert ids(settings) == ["good"] and report.removed == 1
    assert any("pipe.txt" in w and "not a regular file" in w for w in report.warnings)


def test_symlink_loops_and_broken_links(collection):
    settings = collection({"good.txt": GOOD, "sub/inner.txt": "Inner Head\n\nDeep in Tallinn."})
    root = settings.articles_dir
    (root / "sub" / "up").symlink_to(root)  # a directory loop
    (root / "sub" / "self").symlink_to(root / "sub" / "self")  # a link to itself
    (root / "loop.txt").symlink_to(root / "loop.txt")  # a file-named link loop
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    started = time.monotonic()
    report = build(settings)
    assert time.monotonic() - started < 10
    assert ids(settings) == ["good", "inner"]
    assert mentions_of(report, "loop.txt") and mentions_of(report, "dangling.md")


def test_a_folder_that_cannot_be_listed_is_reported(collection, monkeypatch):
    settings = collection({"good.txt": GOOD, "locked/x.txt": "Locked Head\n\nIn Prague."})
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = build(settings)
    assert ids(settings) == ["good"]
    assert any("locked" in w and "cannot be listed" in w for w in report.warnings)


# ---------------------------------------------------------------- file names that are not UTF-8


@pytest.fixture
def bytes_named(collection):
    """Files whose names are not valid UTF-8 (Latin-1 é), one in a bytes-named folder."""
    settings = collection({"good.txt": GOOD})
    root = os.fsencode(settings.articles_dir)
    with open(os.path.join(root, b"caf\xe9.txt"), "wb") as f:
        f.write(b"Cafe Head\n\nCoffee in Prague.")
    os.mkdir(os.path.join(root, b"d\xe9p\xeache"))
    with open(os.path.join(root, b"d\xe9p\xeache", b"\xff\xfe.md"), "wb") as f:
        f.write(b"# Dispatch\n\nNews from Krakow.")
    return settings


def test_non_utf8_file_names_get_text_ids_and_survive_the_store(bytes_named):
    report = build(bytes_named)
    assert not report.skipped
    assert ids(bytes_named) == ["\\xff\\xfe", "caf\\xe9", "good"]
    library = Library(bytes_named)
    article = library.article("caf\\xe9")
    assert article.path == "caf\\xe9.txt" and "Prague" in article.text
    assert library.article("\\xff\\xfe").path == "d\\xe9p\\xeache/\\xff\\xfe.md"
    assert library.search("krakow").hits[0].id == "\\xff\\xfe"
    library.close()
    # Unchanged on the next run: the text form of a name is stable.
    report = build(bytes_named)
    assert report.unchanged == 3 and report.added == report.removed == 0


def test_non_utf8_file_names_in_cli_json_and_plain_output(bytes_named):
    from tests.hardening.helpers import cli, cli_json

    data = cli_json(bytes_named, "search", "prague OR krakow")
    assert sorted(h["id"] for h in data["hits"]) == ["\\xff\\xfe", "caf\\xe9"]
    assert {h["path"] for h in data["hits"]} == {"caf\\xe9.txt", "d\\xe9p\\xeache/\\xff\\xfe.md"}
    shown = cli_json(bytes_named, "show", "caf\\xe9")
    assert shown["text"].endswith("Coffee in Prague.")
    plain = cli(bytes_named, "search", "prague")
    assert plain.returncode == 0 and b"[caf\\xe9]" in plain.stdout
    plain.stdout.decode("utf-8")  # valid UTF-8 on the terminal


def test_a_bad_file_never_stops_the_rest(collection):
    """All of the above in one folder: one build, every good article indexed."""
    files: dict[str, str | bytes] = {
        "good.txt": GOOD,
        "bin.txt": bytes(range(256)) * 20,
        "empty.txt": b"",
        "latin1.txt": "Caf\xe9 in Nice.".encode("latin-1"),
        "bom.txt": b"\xef\xbb\xbfBOM body in Turin.",
        "wide.txt": "Wide body in Milan.".encode("utf-16"),
        "feed.jsonl": '{"body": "Feed body in Genoa."}\n{oops\n',
        "page.html": "<script>x()</script>",
        "nul.md": b"Nul\x00 body in Pisa.",
    }
    settings = collection(files)
    (settings.articles_dir / "loop").symlink_to(settings.articles_dir)
    report = build(settings)
    assert ids(settings) == ["bom", "feed#1", "good", "latin1", "nul", "wide"]
    assert total(settings, "nice OR turin OR milan OR genoa OR pisa OR florida") == 6
    assert len(report.skipped) == 3
    assert Path(settings.index_dir).is_dir()
