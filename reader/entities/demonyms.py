"""Countries and the names of their peoples, from the `countryinfo` package.

"German" and "Germans" name one group, the people of Germany: linking joins a
demonym's singular and plural (alias groups), and a group whose name is a
demonym is "also referred to as" on its country's page (see
`countries_of_demonym` and Library.also_referred_as). A demonym shared by
several countries names the one with most people when it has ten times as
many as the next ("Chinese": China, not Macau), else none.
"""

from __future__ import annotations

from functools import lru_cache

# Demonyms that take no plural "s": "the Japanese", "the Swiss", "the British".
_NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "sh", "ss")


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, str | None, int], ...]:
    """(name, demonym, population) of every country and territory countryinfo knows."""
    from countryinfo import all_countries

    out = []
    for c in all_countries():
        try:
            name, demonym, people = c.name(), c.demonym(), c.population() or 0
        except (KeyError, ValueError, TypeError, AttributeError):  # an incomplete record
            continue
        if name:
            out.append((name, demonym or None, int(people)))
    return tuple(out)


def country_names() -> list[str]:
    return [name for name, _, _ in _countries()]


def plural(demonym: str) -> str | None:
    """ "German" -> "Germans"; None when the demonym is its own plural."""
    return None if demonym.endswith(_NO_PLURAL_ENDINGS) else demonym + "s"


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """Demonym (singular, as written) -> the country it names."""
    by_demonym: dict[str, list[tuple[int, str]]] = {}
    for name, demonym, people in _countries():
        if demonym and all(c.isalpha() or c in " -'" for c in demonym):
            by_demonym.setdefault(demonym, []).append((people, name))
    out = {}
    for demonym, countries in by_demonym.items():
        countries.sort(reverse=True)
        if len(countries) == 1 or countries[0][0] >= 10 * countries[1][0]:
            out[demonym] = countries[0][1]
    return out


def demonym_groups() -> list[list[str]]:
    """Alias groups joining a demonym's plural and singular, plural first
    ("Germans = German"): both name one people."""
    groups = []
    for demonym in sorted(demonym_countries()):
        many = plural(demonym)
        if many:
            groups.append([many, demonym])
    return groups


@lru_cache(maxsize=4096)
def countries_of_demonym(name: str) -> str | None:
    """The country a group's name (singular or plural) names, or None."""
    table = demonym_countries()
    if name in table:
        return table[name]
    if name.endswith("s") and name[:-1] in table and plural(name[:-1]) == name:
        return table[name[:-1]]
    return None


@lru_cache(maxsize=1)
def _demonyms_by_country() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for demonym, country in demonym_countries().items():
        forms = out.setdefault(country, [])
        forms.append(demonym)
        if many := plural(demonym):
            forms.append(many)
    return {country: tuple(forms) for country, forms in out.items()}


def demonyms_of(country: str) -> tuple[str, ...]:
    """The names of a country's people, singular and plural ("Germany" ->
    "German", "Germans"); () for a name that is no country's."""
    return _demonyms_by_country().get(country, ())


@lru_cache(maxsize=1)
def capitals_and_provinces() -> frozenset[str]:
    """Capitals and provinces (states, regions, counties) of every country
    countryinfo knows ("Paris", "Victoria", "Kent")."""
    from countryinfo import all_countries

    out: set[str] = set()
    for c in all_countries():
        for part in ("capital", "provinces"):
            try:
                value = getattr(c, part)()
            except (KeyError, ValueError, TypeError, AttributeError):  # an incomplete record
                continue
            if isinstance(value, str):
                out.add(value)
            elif value:
                out.update(v for v in value if isinstance(v, str))
    return frozenset(out)


@lru_cache(maxsize=64)
def places_in(country: str) -> frozenset[str]:
    """The capital and provinces countryinfo knows of one country ("Georgia" ->
    "Tbilisi", "Gori", ...); empty for a name that is no country's."""
    from countryinfo import CountryInfo

    if country not in country_names():
        return frozenset()
    out: set[str] = set()
    for part in ("capital", "provinces"):
        try:
            value = getattr(CountryInfo(country), part)()
        except Exception:
            continue
        if isinstance(value, str):
            out.add(value)
        elif value:
            out.update(v for v in value if isinstance(v, str))
    return frozenset(out)
