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
        # A group has an id (the key it was first made with) and a preferred
        # key; joining two groups keeps the larger id (fewer members to move)
        # and the winning group's preferred key, so a user file of any size
        # loads in n log n, not n².
        self._group: dict[str, str] = {}  # variant key -> group id
        self._preferred: dict[str, str] = {}  # group id -> preferred key
        self._members: dict[str, list[str]] = {}  # group id -> its variants' keys
        self._display: dict[str, str] = {}  # preferred key -> preferred surface
        # Names written in an alias file (built-in or the user's), as written:
        # not the generated groups (demonyms, states' abbreviations) nor the
        # seats of government, which name something else than their group's name.
        self._written: list[str] = []
        self._spellings: dict[str, tuple[str, ...]] | None = None
        for group in groups:
            self.add_group(list(group), written=True)

    def add_group(self, variants: Sequence[str], written: bool = False) -> None:
        """Add a group; if a variant is already known the groups are joined.

        The earlier group's preferred name wins, so a user line "Kiev = Kyiv = Kyjiw"
        extends the built-in Kyiv group instead of renaming it. `written`: the
        group's names are spellings of one name (see `spellings`).
        """
        self._spellings = None
        if written:
            self._written.extend(v.strip() for v in variants if v.strip())
        keys = [name_key(v) for v in variants]
        keys = [k for k in keys if k]
        if not keys:
            return
        gid = next((self._group[k] for k in keys if k in self._group), None)
        if gid is None:
            gid = keys[0]
            self._preferred[gid] = gid
            self._members[gid] = []
            self._display[gid] = variants[0].strip()
        preferred = self._preferred[gid]
        for key in keys:
            other = self._group.get(key)
            if other == gid:
                continue
            if other is None:
                self._group[key] = gid
                self._members[gid].append(key)
                continue
            # Joining two existing groups: the winner's preferred name stays;
            # the smaller member list is the one re-pointed.
            self._display.pop(self._preferred.pop(other), None)
            if len(self._members[other]) > len(self._members[gid]):
                del self._preferred[gid]
                gid, other = other, gid
                self._preferred[gid] = preferred
            moved = self._members.pop(other)
            for k in moved:
                self._group[k] = gid
            self._members[gid].extend(moved)

    def canonical_key(self, key: str) -> str:
        """Preferred key for an already-normalised key (itself when unknown)."""
        gid = self._group.get(key)
        return key if gid is None else self._preferred[gid]

    def canonical(self, name: str) -> str:
        """Preferred surface name for any variant, or the name itself when unknown."""
        gid = self._group.get(name_key(name))
        if gid is None:
            return name
        return self._display.get(self._preferred[gid], name)

    def knows(self, key: str) -> bool:
        """Whether a normalised key is in a group (a variant or a preferred name)."""
        return key in self._group

    def preferred_name(self, key: str) -> str | None:
        """Display name when `key` is a group's preferred key, else None."""
        return self._display.get(key)

    def spellings(self) -> dict[str, tuple[str, ...]]:
        """Each name written in an alias file -> every written name of its group
        (itself included): "Kiev" -> ("Kyiv", "Kiev")."""
        if self._spellings is None:
            by_group: dict[str, list[str]] = {}
            for surface in self._written:
                gid = self._group.get(name_key(surface))
                if gid is not None and surface not in by_group.setdefault(gid, []):
                    by_group[gid].append(surface)
            self._spellings = {
                surface: tuple(group) for group in by_group.values() for surface in group
            }
        return self._spellings

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self._group

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
            table.add_group(group, written=True)
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
