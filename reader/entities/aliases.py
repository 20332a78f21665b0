"""Alias table: known variant names of the same entity (Kyiv/Kiev, Burma/Myanmar).

The built-in groups live in reader/data/aliases.tsv; a user file in the same
plain format adds groups or extends existing ones. Format: one group a line,
variants separated by TABs or " = ", first variant preferred, "#" starts a comment.
Lookups go through `names.name_key`, so case, "the", possessives and accents
do not matter ("the U.S.'s" finds "United States").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .names import name_key

BUILTIN_PATH = Path(__file__).resolve().parent.parent / "data" / "aliases.tsv"
#: Seats of government standing for it ("the Kremlin said"): optional (Settings.link_seats).
SEATS_PATH = BUILTIN_PATH.with_name("seats.tsv")
_SPLIT_RE = re.compile(r"\t+|\s+=\s+")


def parse_groups(lines: Iterable[str]) -> list[list[str]]:
    """Variant groups from alias-file lines; blank lines and comments skipped."""
    groups = []
    for line in lines:
        line = line.strip()
        if line.startswith("#"):
            continue
        line = line.split(" #", 1)[0].split("\t#", 1)[0].strip()  # inline comment
        if not line:
            continue
        variants = [v.strip() for v in _SPLIT_RE.split(line) if v.strip()]
        if len(variants) >= 2:
            groups.append(variants)
    return groups


class AliasTable:
    """Maps any known variant's key to the key of its group's preferred name."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._canonical: dict[str, str] = {}  # variant key -> preferred key
        self._display: dict[str, str] = {}  # preferred key -> preferred surface
        for group in groups:
            self.add_group(list(group))

    def add_group(self, variants: Sequence[str]) -> None:
        """Add a group; if a variant is already known the groups are joined.

        The earlier group's preferred name wins, so a user line "Kiev = Kyiv = Kyjiw"
        extends the built-in Kyiv group instead of renaming it.
        """
        keys = [name_key(v) for v in variants]
        keys = [k for k in keys if k]
        if not keys:
            return
        existing = next((self._canonical[k] for k in keys if k in self._canonical), None)
        target = existing or keys[0]
        if existing is None:
            self._display[target] = variants[0].strip()
        for key in keys:
            old = self._canonical.get(key)
            if old is not None and old != target:
                # Joining two existing groups: re-point the old group's members.
                for k, v in list(self._canonical.items()):
                    if v == old:
                        self._canonical[k] = target
            self._canonical[key] = target

    def canonical_key(self, key: str) -> str:
        """Preferred key for an already-normalised key (itself when unknown)."""
        return self._canonical.get(key, key)

    def canonical(self, name: str) -> str:
        """Preferred surface name for any variant, or the name itself when unknown."""
        key = name_key(name)
        target = self._canonical.get(key)
        if target is None:
            return name
        return self._display.get(target, name)

    def knows(self, key: str) -> bool:
        """Whether a normalised key is in a group (a variant or a preferred name)."""
        return key in self._canonical

    def preferred_name(self, key: str) -> str | None:
        """Display name when `key` is a group's preferred key, else None."""
        return self._display.get(key)

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self._canonical

    def __len__(self) -> int:
        return len(self._display)

    @classmethod
    def from_file(cls, path: Path) -> AliasTable:
        return cls(parse_groups(path.read_text(encoding="utf-8").splitlines()))

    @classmethod
    def load(
        cls, user_path: Path | None = None, warnings: list[str] | None = None, seats: bool = True
    ) -> AliasTable:
        """Built-in table (with the seats of government when `seats`), extended
        by `user_path` when given and present.

        The user's file is the user's: a damaged one (bad bytes, unreadable) is
        read as far as it goes and reported in `warnings`, never fatal.
        """
        from reader.textio import decode_bytes

        table = cls.from_file(BUILTIN_PATH)
        for built_in in generated_groups():
            table.add_group(built_in)
        if seats:
            for group in parse_groups(SEATS_PATH.read_text(encoding="utf-8").splitlines()):
                table.add_group(group)
        if user_path is None:
            return table
        user_path = Path(user_path).expanduser()
        if not user_path.is_file():
            return table
        try:
            decoded = decode_bytes(user_path.read_bytes())
        except OSError as exc:
            if warnings is not None:
                warnings.append(f"{user_path}: alias file cannot be read ({exc.strerror}); ignored")
            return table
        if decoded.replaced and warnings is not None:
            warnings.append(f"{user_path}: invalid bytes in the alias file were replaced")
        for group in parse_groups(decoded.text.replace("\x00", "").splitlines()):
            table.add_group(group)
        return table


# States whose name is more often that of a city in the news: their
# abbreviation names the state, never the city ("Wash." is not Washington, D.C.).
_STATES_NAMED_LIKE_CITIES = frozenset({"New York", "Washington"})


def state_groups() -> list[list[str]]:
    """US states and their AP abbreviations (the `us` package): "Calif." and
    "Calif" (in a dateline) are California. A state whose name is also that of
    a country or a city the news names more often is written "Georgia (U.S.
    state)", so its abbreviation does not join the country or the city."""
    import us

    from .demonyms import country_names

    countries = {name_key(c) for c in country_names()}
    groups = []
    for state in us.states.STATES:
        if not state.ap_abbr or name_key(state.ap_abbr) == name_key(state.name):
            continue
        name = state.name
        if name in _STATES_NAMED_LIKE_CITIES or name_key(name) in countries:
            name = f"{name} (U.S. state)"
        groups.append([name, state.ap_abbr])
    return groups


@lru_cache(maxsize=1)
def generated_groups() -> tuple[tuple[str, ...], ...]:
    """Built-in groups from maintained packages: US states' abbreviations and
    the singular and plural of demonyms (see demonyms.py)."""
    from .demonyms import demonym_groups

    return tuple(tuple(g) for g in (*state_groups(), *demonym_groups()))


def load(user_path: Path | None = None) -> AliasTable:
    """Module-level shortcut for `AliasTable.load`."""
    return AliasTable.load(user_path)
