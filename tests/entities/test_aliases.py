from pathlib import Path

from reader.entities.aliases import AliasTable, parse_groups


def test_builtin_table_knows_common_variants():
    table = AliasTable.load()
    assert table.canonical("Kiev") == "Kyiv"
    assert table.canonical("KIEV") == "Kyiv"
    assert table.canonical("Peking") == "Beijing"
    assert table.canonical("Burma") == "Myanmar"
    assert table.canonical("the U.S.") == table.canonical("USA") == "United States"
    assert table.canonical("Britain") == "United Kingdom"
    assert table.canonical("Atlantis") == "Atlantis"  # unknown names pass through


def test_parse_groups_accepts_tabs_equals_and_comments():
    groups = parse_groups(["# comment", "", "A\tB", "C = D = E", "Lone", "F = G  # trailing note"])
    assert groups == [["A", "B"], ["C", "D", "E"], ["F", "G"]]


def test_user_file_adds_and_extends_groups(tmp_path: Path):
    user = tmp_path / "aliases.txt"
    user.write_text("# my variants\nGotham = Gotham City\nKyjiw = Kyiv\n", encoding="utf-8")
    table = AliasTable.load(user)
    assert table.canonical("Gotham City") == "Gotham"
    # joining an existing group keeps the built-in preferred name
    assert table.canonical("Kyjiw") == "Kyiv"
    assert table.canonical("Kiev") == "Kyiv"


def test_missing_user_file_is_ignored(tmp_path: Path):
    table = AliasTable.load(tmp_path / "nope.txt")
    assert table.canonical("Kiev") == "Kyiv"
