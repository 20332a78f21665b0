"""The analytics commands and exports, on the hand-made collection."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx

from reader.cli import main


def run(settings, capsys, *argv) -> tuple[int, str, str]:
    args = [
        "--articles",
        str(settings.articles_dir),
        "--index",
        str(settings.index_dir),
        "--no-entities",
    ]
    code = main([*args, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_timeline_json_and_text(hand_settings, capsys):
    code, out, _ = run(hand_settings, capsys, "timeline", "Alice", "Carol", "--json")
    data = json.loads(out)
    assert code == 0 and [d["of"] for d in data] == ["mentions of Alice", "mentions of Carol"]
    assert data[0]["unit"] == "day" and data[0]["total"] == 4 and data[1]["undated"] == 1
    assert len(data[0]["buckets"]) == len(data[1]["buckets"]) == 51
    code, out, _ = run(hand_settings, capsys, "timeline", "--search", "spoke", "--unit", "month")
    assert code == 0 and "2 (1 dated, 1 undated), per month" in out and "2024-01" in out
    code, _, err = run(hand_settings, capsys, "timeline")
    assert code == 2 and "--search" in err


def test_kwic(hand_settings, capsys):
    code, out, _ = run(hand_settings, capsys, "kwic", "spoke", "--sort", "right", "--json")
    data = json.loads(out)
    assert data["articles"] == 2 and [k["after"] for k in data["lines"]] == [".", ". Alice left."]
    code, out, _ = run(hand_settings, capsys, "kwic", "Alice")
    lines = out.splitlines()[1:]
    assert code == 0 and len(lines) == 4  # a1, a2 (twice), a4
    column = lines[0].index("Alice")  # a1 starts with it
    assert all(line[column : column + 5] == "Alice" for line in lines)  # one column


def test_cooccurrence_and_pairs(hand_settings, capsys):
    code, out, _ = run(hand_settings, capsys, "cooccurrence", "Alice", "--json")
    data = json.loads(out)
    assert code == 0 and data["measure"] == "llr" and data["collection"] == 6
    assert {d["name"]: d["shared_articles"] for d in data["seen_with"]} == {"Bob": 2, "Paris": 2}
    assert all({"llr", "pmi"} <= set(d) for d in data["seen_with"])
    code, out, _ = run(hand_settings, capsys, "cooccurrence", "Alice", "--with", "Bob", "--json")
    assert [a["id"] for a in json.loads(out)["articles"]] == ["news#a1", "news#a2"]
    code, out, _ = run(hand_settings, capsys, "cooccurrence", "Carol")
    assert code == 0 and "Dave" in out and "llr" in out
    code, _, err = run(hand_settings, capsys, "cooccurrence", "Nobody")
    assert code == 2 and "no entity named" in err


def test_related_duplicates_and_diff(hand_settings, capsys):
    code, out, _ = run(hand_settings, capsys, "related", "news#a1", "--json")
    related = json.loads(out)["related"]
    assert code == 0 and related[0]["id"] == "news#a4"
    assert {e["name"] for e in related[0]["shared_entities"]} == {"Alice", "Paris"}
    code, out, _ = run(hand_settings, capsys, "duplicates", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(hand_settings, capsys, "diff", "news#a3", "news#a4", "--json")
    data = json.loads(out)
    assert code == 0 and (data["added"], data["removed"]) == (1, 1)
    code, _, err = run(hand_settings, capsys, "diff", "news#a3")
    assert code == 2 and "no later version" in err


def test_exports(hand_settings, capsys, tmp_path):
    code, out, _ = run(hand_settings, capsys, "export", "entities", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["name"]: r["articles"] for r in rows}["Alice"] == "3"
    code, out, _ = run(hand_settings, capsys, "export", "mentions")
    lines = [json.loads(x) for x in out.splitlines()]
    assert len(lines) == 13 and set(lines[0]) == {
        "doc",
        "start",
        "end",
        "text",
        "label",
        "entity",
        "people",
        "nested",
    }
    code, out, _ = run(hand_settings, capsys, "export", "articles", "--format", "csv")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 6
    code, out, _ = run(hand_settings, capsys, "export", "search", "Paris", "--format", "jsonl")
    assert {json.loads(x)["id"] for x in out.splitlines()} == {"news#a1", "news#a3", "news#a4"}
    path = tmp_path / "pairs.csv"
    code, _, err = run(
        hand_settings, capsys, "export", "cooccurrence", "--min-together", "1", "-o", str(path)
    )
    rows = list(csv.DictReader(path.open()))
    assert code == 0 and "wrote 5 rows" in err
    assert {(r["source_name"], r["target_name"]) for r in rows} >= {("Alice", "Bob")}
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"net.{fmt}"
        code, _, _ = run(
            hand_settings, capsys, "export", "cooccurrence", "--min-together", "1", "-o", str(path)
        )
        graph = read(path)
        assert code == 0 and graph.number_of_nodes() == 5 and graph.number_of_edges() == 5
        alice = next(n for n, d in graph.nodes(data=True) if d.get("label") == "Alice")
        assert graph.nodes[alice]["type"] == "PERSON" and int(graph.nodes[alice]["articles"]) == 3
        edge = next(iter(graph.edges(alice, data=True)))
        assert {"weight", "llr", "pmi"} <= set(edge[2])


def test_export_errors_are_one_line(hand_settings, capsys, tmp_path):
    code, _, err = run(hand_settings, capsys, "export", "entities", "--format", "gexf")
    assert code == 2 and "co-occurrence network" in err
    code, _, err = run(hand_settings, capsys, "export", "search")
    assert code == 2 and "needs a query" in err
    code, _, err = run(
        hand_settings, capsys, "export", "entities", "-o", str(tmp_path / "missing" / "x.csv")
    )
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    code, _, err = run(hand_settings, capsys, "export", "search", "Paris AND (")
    assert code == 2 and len(err.strip().splitlines()) == 1
