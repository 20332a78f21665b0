from pathlib import Path

from hypothesis import given, settings, strategies as st

from reader.entities.aliases import AliasTable, parse_groups
from reader.entities.names import name_key


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


class _NaiveTable:
    """The straightforward (quadratic) join the table must agree with."""

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}
        self.display: dict[str, str] = {}

    def add_group(self, variants: list[str]) -> None:
        keys = [name_key(v) for v in variants if name_key(v)]
        if not keys:
            return
        existing = next((self.canonical[k] for k in keys if k in self.canonical), None)
        target = existing or keys[0]
        if existing is None:
            self.display[target] = variants[0].strip()
        for key in keys:
            old = self.canonical.get(key)
            if old is not None and old != target:
                for k, v in list(self.canonical.items()):
                    if v == old:
                        self.canonical[k] = target
                self.display.pop(old, None)
            self.canonical[key] = target


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([f"Name {c}" for c in "ABCDEFGHIJKL"]), min_size=1, max_size=4),
        max_size=25,
    )
)
def test_joining_groups_agrees_with_the_naive_join(groups: list[list[str]]):
    table, naive = AliasTable(), _NaiveTable()
    for group in groups:
        table.add_group(group)
        naive.add_group(group)
    for key, target in naive.canonical.items():
        assert table.canonical_key(key) == target
        assert table.canonical(key) == naive.display[target]
        assert table.knows(key)
    assert len(table) == len(naive.display)


def test_a_large_user_file_that_keeps_joining_groups_loads(tmp_path: Path):
    # 4,000 pairs, then 3,999 lines each joining the growing group into a new
    # one: the join used to re-point every known key each time (a 400 KB file
    # like this took minutes); now the smaller side moves.
    n = 4000
    lines = [f"Alpha{i} Corp = Beta{i} Corp" for i in range(n)]
    lines += [f"Alpha{i + 1} Corp = Alpha{i} Corp" for i in range(n - 1)]
    user = tmp_path / "aliases.txt"
    user.write_text("\n".join(lines), encoding="utf-8")
    table = AliasTable.load(user)
    assert table.canonical("Beta0 Corp") == table.canonical("Alpha17 Corp") == f"Alpha{n - 1} Corp"
    assert len(table) == len(AliasTable.load()) + 1


def test_spellings_are_the_names_written_in_alias_files(tmp_path: Path):
    user = tmp_path / "aliases.txt"
    user.write_text("Kyjiw = Kiev\nGotham = Gotham City\n", encoding="utf-8")
    spellings = AliasTable.load(user).spellings()
    # a user's line joins the built-in group: one group of written names
    assert set(spellings["Kyjiw"]) == set(spellings["Kyiv"]) == {"Kyiv", "Kiev", "Kyjiw"}
    assert set(spellings["Gotham City"]) == {"Gotham", "Gotham City"}
    # generated groups (a demonym's plural, a state's abbreviation) and seats
    # of government are no spellings of a name
    assert "Germans" not in spellings and "Calif." not in spellings
    assert "Kremlin" not in spellings
