"""Metadata as real archives write it: dates in many formats (leniently, warned
once per file), values that are not dates or not text dropped with a warning,
titles on one line, undated articles last, and a size limit whose change makes
the next update read the files it skipped."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from reader.cli import main
from reader.config import Settings
from reader.corpus import load_file
from reader.indexer import index_status, update_index
from reader.library import Library
from reader.metadata import read_date, read_text
from reader.sorting import SORT_KEYS, sort_articles
from reader.store import ArticleSummary

BODY = "The council met on Tuesday and approved the budget."


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps({"body": BODY, **r}) + "\n" for r in records)


@pytest.mark.parametrize(
    "value, iso",
    [
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("27-MAR-1987 00:02:59.13", "1987-03-27"),
        ("Fri, 30 Sep 2022 23:30:00 -0500", "2022-09-30"),
        ("Thu, 29 Sep 2022 10:00:00 GMT", "2022-09-29"),
        ("Sept. 27, 2022", "2022-09-27"),
        ("September 27, 2022", "2022-09-27"),
        ("2022-09-30", "2022-09-30"),
        ("2022-09-30T10:00:00Z", "2022-09-30"),
        ("2022-09-30T10:00:00+02:00", "2022-09-30"),
        ("20220930", "2022-09-30"),
        (dt.date(2021, 1, 2), "2021-01-02"),
        (dt.datetime(2021, 1, 2, 3, 4), "2021-01-02"),
    ],
)
def test_dates_in_the_formats_archives_use(value, iso):
    assert read_date(value) == (iso, None)


@pytest.mark.parametrize(
    "value",
    [
        "27-MAR-1987 00:02:59.13 BLAH-BLAH 4/5 x",
        "27-MAR-1987 00:02:59.13\x03trailing",
        "Sept. 27, 2022 Updated: 5 PM",
    ],
)
def test_a_date_followed_by_other_text_is_read_leniently(value):
    iso, problem = read_date(value)
    assert iso in ("1987-03-27", "2022-09-27")
    assert problem and "was read as" in problem


@pytest.mark.parametrize(
    "value",
    [
        "Monday",
        "Tuesday 5",
        "yesterday",
        "12",
        "1987",
        12,
        1987,
        3.5,
        math.nan,
        math.inf,
        True,
        {"day": 1},
        ["2022-01-01"],
        b"2022-01-01",
        "2022-09",
        "June 2022",
        "31-FEB-1987",
        "garbage",
        "Tue, 3 Oct",
    ],
)
def test_what_is_not_a_whole_date_is_dropped_not_made_relative_to_today(value):
    iso, problem = read_date(value)
    assert iso is None and problem
    assert "\n" not in problem and "{" not in problem and "b'" not in problem


def test_date_problems_are_warned_once_per_file(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(
        _jsonl(
            [
                {"date": "27-MAR-1987 00:02:59.13 junk"},
                {"date": "28-MAR-1987 01:00:00.00 junk"},
                {"date": "Monday"},
                {"date": 5},
                {"date": "26-FEB-1987 15:01:01.79"},
            ]
        )
    )
    loaded = load_file(path, "wire.jsonl", "wire", 10**6)
    assert [a.date for a in loaded.articles] == [
        "1987-03-27",
        "1987-03-28",
        None,
        None,
        "1987-02-26",
    ]
    dates = [w for w in loaded.warnings if "date" in w]
    assert len(dates) == 2, loaded.warnings
    assert any(w.startswith("wire.jsonl: 2 dates had text after the date") for w in dates)
    assert any(
        w.startswith("wire.jsonl: 2 dates could not be read") and "wire.jsonl:3" in w for w in dates
    )


def test_one_bad_date_in_markdown_is_one_warning(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Budget\ndate: Monday\n---\n" + BODY)
    loaded = load_file(path, "a.md", "a", 10**6)
    assert loaded.articles[0].date is None
    assert loaded.warnings == ["a.md: date: 'Monday' is not a date; left undated"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ({"three": 4}, None),
        (b"hello", "hello"),
        (b"\xff\xfe", None),
        (math.nan, None),
        (math.inf, None),
        (True, None),
        (3.0, "3"),
        (2.5, "2.5"),
        (1234, "1234"),
        (["Jane Doe", "John Roe"], "Jane Doe, John Roe"),
        (["Jane", {"x": 1}], "Jane"),
        ("  Jane \n Doe ", "Jane Doe"),
        (None, None),
    ],
)
def test_metadata_values_are_text_or_dropped(value, expected):
    assert read_text(value)[0] == expected


def test_no_python_repr_reaches_the_article(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text(
        _jsonl(
            [{"title": {"three": 4}, "source": [1, {"a": 2}], "author": None, "url": {"href": "x"}}]
        )
        + '{"body": "Text here.", "source": NaN}\n'
    )
    loaded = load_file(path, "odd.jsonl", "odd", 10**6)
    first, second = loaded.articles
    assert first.title == "The council met on Tuesday and approved the budget."
    assert first.source == "1" and first.url is None
    assert second.source is None
    for article in loaded.articles:
        for value in (article.title, article.source, article.url, article.author):
            assert value is None or not any(t in value for t in ("{", "nan", "b'", "None"))
    assert any("'title'" in w or "title:" in w for w in loaded.warnings)
    assert len([w for w in loaded.warnings if "source" in w]) == 1


def test_yaml_front_matter_of_other_types(tmp_path):
    path = tmp_path / "y.md"
    path.write_text(
        "---\ntitle: !!binary aGVsbG8=\nsource: {a: 1}\ndate: 2022-09-30\n"
        "author: .nan\n---\n" + BODY
    )
    article = load_file(path, "y.md", "y", 10**6).articles[0]
    assert article.title == "hello" and article.source is None and article.author is None
    assert article.date == "2022-09-30"


@pytest.mark.parametrize(
    "title",
    [
        "Budget\u2028approved",
        "Budget\x0bapproved",
        "Budget\x0capproved",
        "Budget\x85approved",
        "Budget\u2029approved",
    ],
)
def test_a_title_is_one_line(tmp_path, title):
    path = tmp_path / "t.txt"
    path.write_text(f"{title}\n\n{BODY}\n")
    article = load_file(path, "t.txt", "t", 10**6).articles[0]
    assert article.title == "Budget approved"
    assert len(article.title.splitlines()) == 1


def test_cli_titles_stay_on_one_line_when_piped(collection, capsys):
    long = "Council approves the budget for the coming year after a long debate about roads"
    settings = collection({"t.txt": f"{long}\u2028and schools\n\n{BODY}\n"})
    argv = [
        "--articles",
        str(settings.articles_dir),
        "--index",
        str(settings.index_dir),
        "--no-entities",
    ]
    assert main([*argv, "search", "budget"]) == 0
    out = capsys.readouterr().out
    (title_line,) = [line for line in out.splitlines() if line.startswith("  1. ")]
    assert "Council approves" in title_line and "roads and schools" in title_line
    assert "\u2028" not in out


# ---------------------------------------------------------------- sorting


def _summary(aid: str, date: str | None, source: str | None = None, n: int = 0):
    return ArticleSummary(aid, aid.upper(), date, source, f"{aid}.txt", n)


def test_undated_articles_sort_last_both_ways():
    rows = [
        _summary("a", None),
        _summary("b", "2022-01-02"),
        _summary("c", "2021-05-05"),
        _summary("d", None),
        _summary("e", "2022-01-02"),
    ]
    assert [a.id for a in sort_articles(rows, "date")] == ["c", "b", "e", "a", "d"]
    assert [a.id for a in sort_articles(rows, "date", descending=True)] == ["b", "e", "c", "a", "d"]


def test_every_sort_key_keeps_missing_values_last_and_ties_by_id():
    rows = [
        _summary("b", None, "Wire", 3),
        _summary("a", "2020-01-01", None, 3),
        _summary("c", "2020-01-01", "ap", 1),
    ]
    for key in SORT_KEYS:
        for descending in (False, True):
            out = sort_articles(rows, key, descending)
            assert sorted(a.id for a in out) == ["a", "b", "c"]
    assert [a.id for a in sort_articles(rows, "source")] == ["c", "b", "a"]
    assert [a.id for a in sort_articles(rows, "source", True)] == ["b", "c", "a"]
    assert [a.id for a in sort_articles(rows, "entities", True)] == ["a", "b", "c"]
    with pytest.raises(ValueError):
        sort_articles(rows, "colour")


def test_the_library_reads_real_archive_dates_and_sorts_undated_last(collection):
    settings = collection(
        {
            "wire.jsonl": _jsonl(
                [
                    {"id": "1", "date": "26-FEB-1987 15:01:01.79"},
                    {"id": "2", "date": "Monday"},
                    {"id": "3", "date": "27-MAR-1987 00:02:59.13 junk"},
                    {"id": "4"},
                ]
            )
        }
    )
    report = update_index(settings, processes=1)
    assert len([w for w in report.warnings if "date" in w]) == 2
    with Library(settings) as lib:
        ordered = sort_articles(lib.articles(), "date", descending=True)
        assert [(a.id, a.date) for a in ordered] == [
            ("wire#3", "1987-03-27"),
            ("wire#1", "1987-02-26"),
            ("wire#2", None),
            ("wire#4", None),
        ]
        assert [h for h in lib.search_results("date:1987-03-27").ids()] == ["wire#3"]


# ---------------------------------------------------------------- the size limit


def test_raising_the_size_limit_reads_the_skipped_file_next_time(collection, monkeypatch):
    base = collection({"small.txt": "Small\n\n" + BODY, "big.txt": "Big\n\n" + "word " * 4000})

    def settings_with(mb: str) -> Settings:
        monkeypatch.setenv("READER_MAX_FILE_MB", mb)
        return Settings.resolve(base.articles_dir, base.index_dir, entities=False)

    low = settings_with("0.01")  # about 10 KB: big.txt (20 KB) is skipped
    report = update_index(low, processes=1)
    assert report.added == 1 and any("big.txt" in s for s in report.skipped)
    assert index_status(low) == "fresh"
    assert update_index(low, processes=1).added == 0  # the same limit: nothing to retry

    high = settings_with("1")
    assert index_status(high) == "stale"
    report = update_index(high, processes=1)
    assert report.added == 1 and not report.skipped
    assert index_status(high) == "fresh"
    with Library(high) as lib:
        assert sorted(a.id for a in lib.articles()) == ["big", "small"]

    lower = settings_with("0.01")  # and back: big.txt is over the limit again
    assert index_status(lower) == "stale"
    report = update_index(lower, processes=1)
    assert report.removed == 1 and any("big.txt" in s for s in report.skipped)


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "1e400", "abc"])
def test_an_unusable_size_limit_falls_back_to_the_default(monkeypatch, tmp_path, value):
    monkeypatch.setenv("READER_MAX_FILE_MB", value)
    settings = Settings.resolve(tmp_path, tmp_path / "index")
    assert settings.max_file_bytes == 20 * 1024 * 1024
