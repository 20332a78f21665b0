"""Article formats, titles, ids and offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.corpus import assign_ids, derive_title, headline_span, iter_articles, load_file, scan
from reader.errors import ArticleError
from tests.conftest import SAMPLES, write_files

MAX = 20 * 1048576


def load(root: Path, rel: str):
    return load_file(root / rel, rel, Path(rel).stem, MAX)


def test_sample_txt_has_no_title_line_and_offsets_are_the_decoded_file(tmp_path):
    sample = next(SAMPLES.glob("000_*.txt"))
    loaded = load_file(sample, sample.name, sample.stem, MAX)
    article = loaded.articles[0]
    assert article.id == sample.stem
    assert article.text == sample.read_text(encoding="utf-8")  # offsets: the decoded file
    assert article.title_span is None
    assert article.title.startswith("Russian President Vladimir Putin on Friday")
    assert len(article.title) <= 101
    assert article.text[18:32] == "Vladimir Putin"


def test_txt_with_headline_keeps_it_in_the_text(tmp_path):
    write_files(tmp_path, {"a.txt": "Big Storm Hits Coast\n\nThe storm hit on Monday.\n\nMore."})
    article = load(tmp_path, "a.txt").articles[0]
    assert article.title == "Big Storm Hits Coast"
    assert article.title_span == (0, 20)
    assert article.text.startswith("Big Storm Hits Coast\n\n")
    assert article.paragraphs() == [(0, 20), (22, 46), (48, 53)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A headline\n\nBody.", (0, 10)),
        ("A headline\nBody right after", None),
        ("A full sentence.\n\nBody", None),
        ("single line only", None),
        ("x" * 200 + "\n\nBody", None),
    ],
)
def test_headline_rules(text, expected):
    assert headline_span(text) == expected


def test_derive_title_cuts_at_a_word():
    title = derive_title("word " * 60)
    assert title.endswith("…") and len(title) <= 101 and " wor…" not in title


def test_markdown_front_matter(tmp_path):
    write_files(
        tmp_path,
        {
            "m.md": "---\ntitle: Front Title\ndate: 2022-09-30\nsource: Wire\n"
            "url: http://x.test/a\nauthor: Jane Roe\n---\n# Heading\n\nBody text here."
        },
    )
    article = load(tmp_path, "m.md").articles[0]
    assert (article.title, article.date, article.source, article.url, article.author) == (
        "Front Title",
        "2022-09-30",
        "Wire",
        "http://x.test/a",
        "Jane Roe",
    )
    assert article.text.startswith("# Heading")
    assert article.format == "md"


def test_markdown_without_front_matter_uses_heading(tmp_path):
    write_files(tmp_path, {"m.md": "# The Heading\n\nSome body."})
    assert load(tmp_path, "m.md").articles[0].title == "The Heading"


def test_html_extracts_article_text_and_metadata(tmp_path):
    html = """<html><head><title>Storm news - Example Times</title>
    <meta name="author" content="Jane Doe"><meta property="article:published_time" content="2022-09-30">
    </head><body><nav>Home | World | Sport</nav><article><h1>Storm news</h1>
    <p>The storm reached the coast of Florida on Monday and forced thousands to leave their homes.</p>
    <p>Officials in Tampa said the damage was the worst in a generation, and schools stay closed.</p>
    </article><script>var tracking = 1;</script><footer>Copyright</footer></body></html>"""
    write_files(tmp_path, {"s.html": html})
    article = load(tmp_path, "s.html").articles[0]
    assert article.title == "Storm news"
    assert article.date == "2022-09-30"
    assert article.author == "Jane Doe"
    assert "Florida on Monday" in article.text and "Tampa" in article.text
    assert "tracking" not in article.text and "Home | World" not in article.text
    assert "\n\n" in article.text  # paragraphs kept


def test_html_without_text_is_skipped_with_a_message(tmp_path):
    write_files(tmp_path, {"e.html": "<html><script>alert(1)</script><style>p{}</style></html>"})
    with pytest.raises(ArticleError, match="no article text"):
        load(tmp_path, "e.html")


def test_jsonl_articles_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"title": "One", "body": "First body.", "date": "2021-01-02", "source": "AP"}),
        "{not json",
        json.dumps(
            {"title": "Two", "text": "Second body.", "id": "x 2", "url": "u", "author": "A"}
        ),
        json.dumps(["a list"]),
        json.dumps({"title": "No body"}),
        "",
    ]
    write_files(tmp_path, {"feed.jsonl": "\n".join(lines)})
    loaded = load(tmp_path, "feed.jsonl")
    assert [a.id for a in loaded.articles] == ["feed#1", "feed#x-2"]
    assert [a.title for a in loaded.articles] == ["One", "Two"]
    assert loaded.articles[0].date == "2021-01-02" and loaded.articles[0].source == "AP"
    assert loaded.articles[0].path == "feed.jsonl:1"
    assert any(w.startswith("feed.jsonl:2:") for w in loaded.warnings)
    assert any(w.startswith("feed.jsonl:4:") for w in loaded.warnings)
    assert any(w.startswith("feed.jsonl:5:") for w in loaded.warnings)


def test_the_size_limit_applies_to_each_jsonl_article_not_the_file(tmp_path):
    """A JSON-lines export far over the limit indexes, read a line at a time; an
    article over the limit is skipped with its line number."""
    body = "Rain fell in Paris and the council met. " * 20  # ~800 bytes an article
    lines = [json.dumps({"id": str(i), "title": f"Day {i}", "body": body}) for i in range(200)]
    lines[7] = json.dumps({"id": "huge", "body": "word " * 1000})  # ~5 KB
    (tmp_path / "export.jsonl").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    assert (tmp_path / "export.jsonl").stat().st_size > 80 * 2000  # 80 times the limit
    loaded = load_file(tmp_path / "export.jsonl", "export.jsonl", "export", 2000)
    assert len(loaded.articles) == 199
    assert loaded.articles[0].id == "export#0" and loaded.articles[0].text == body
    assert loaded.articles[-1].path == "export.jsonl:200"
    assert [w for w in loaded.warnings] == [
        "export.jsonl:8: skipped, 0.0 MB is over the 0 MB limit for an article (READER_MAX_FILE_MB)"
    ]


def test_a_utf16_jsonl_file_still_reads(tmp_path):
    line = json.dumps({"title": "Zürich", "body": "Snow in Zürich."}, ensure_ascii=False)
    (tmp_path / "u.jsonl").write_bytes(("\ufeff" + line + "\n").encode("utf-16-le"))
    loaded = load(tmp_path, "u.jsonl")
    assert [a.title for a in loaded.articles] == ["Zürich"]


def test_ids_are_stems_where_unique():
    ids = assign_ids(["a/x.txt", "b/x.txt", "y.md", "z.txt", "z.md"])
    assert ids["y.md"] == "y"
    assert ids["a/x.txt"] == "a/x" and ids["b/x.txt"] == "b/x"
    assert ids["z.txt"] == "z.txt" and ids["z.md"] == "z.md"


def test_hash_changes_with_content(tmp_path):
    write_files(tmp_path, {"a.txt": "Hello there world."})
    first = load(tmp_path, "a.txt").articles[0].hash
    write_files(tmp_path, {"a.txt": "Hello there world!"})
    assert load(tmp_path, "a.txt").articles[0].hash != first


def test_decoding_bom_utf16_crlf_and_invalid_bytes(tmp_path):
    write_files(
        tmp_path,
        {
            "bom.txt": "\ufeffTitle\r\n\r\nBody line.\rNext.".encode("utf-8"),
            "u16.txt": "Wide text body here.".encode("utf-16"),
            "bad.txt": b"Caf\xe9 au lait is good.",
        },
    )
    bom = load(tmp_path, "bom.txt").articles[0]
    assert bom.text == "Title\n\nBody line.\nNext." and bom.title == "Title"
    assert load(tmp_path, "u16.txt").articles[0].text == "Wide text body here."
    bad = load(tmp_path, "bad.txt")
    assert bad.articles[0].text == "Caf\ufffd au lait is good."
    assert bad.warnings and "bad.txt" in bad.warnings[0]


def test_empty_binary_and_oversize_files_are_skipped(tmp_path):
    write_files(
        tmp_path, {"empty.txt": "  \n\n", "bin.txt": b"\x00\x01\x02" * 100, "big.txt": "x" * 2000}
    )
    with pytest.raises(ArticleError, match="empty"):
        load(tmp_path, "empty.txt")
    with pytest.raises(ArticleError, match="binary"):
        load(tmp_path, "bin.txt")
    with pytest.raises(ArticleError, match="limit"):
        load_file(tmp_path / "big.txt", "big.txt", "big", 1000)


def test_scan_skips_hidden_and_unknown_files_and_survives_symlink_loops(tmp_path):
    write_files(
        tmp_path,
        {
            "a.txt": "A body.",
            ".hidden.txt": "x",
            "notes.pdf": "x",
            "sub/b.md": "B body.",
            ".git/c.txt": "x",
        },
    )
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    entries, _ = scan(tmp_path)
    assert [e.rel for e in entries] == ["a.txt", "sub/b.md"]


def test_iter_articles_reports_problems_inline(tmp_path):
    write_files(tmp_path, {"a.txt": "Good body.", "b.txt": ""})
    items = list(iter_articles(tmp_path))
    assert [getattr(i, "id", None) for i in items if not isinstance(i, str)] == ["a"]
    assert any("b.txt" in i for i in items if isinstance(i, str))


@pytest.mark.parametrize(
    "text, date",
    [
        (
            "OIL PRICES FALL\n\n14-SEP-1987 10:51:53.23   f0412reute\n\n    HOUSTON, Sept 14 -\n",
            "1987-09-14",
        ),
        ("Markets\n\nSept. 27, 2022\n\nStocks rose.\n", "2022-09-27"),
        ("Markets\n\n2022-09-30\nBy A. Writer\n\nStocks rose.\n", "2022-09-30"),
        # a sentence that starts with a year is no dateline; a dateline needs a year
        ("Markets\n\nIn 1987 the market fell further than anyone had expected it to.\n", None),
        ("Markets\n\n    HOUSTON, Sept 14 -\n    Stocks rose in 1987.\n", None),
        # only the top of the article is looked at
        ("Markets\n\nOne.\n\nTwo.\n\nThree.\n\n14-SEP-1987\n", None),
    ],
)
def test_a_plain_text_article_is_dated_from_its_dateline(tmp_path, text, date):
    write_files(tmp_path, {"a.txt": text})
    (article,) = load(tmp_path, "a.txt").articles
    assert article.date == date
