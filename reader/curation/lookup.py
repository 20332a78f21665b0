"""Naming an entity on the command line: an id, a name or an alias; a name two
entities share is an error that lists them (the id then picks one)."""

from __future__ import annotations

from reader.errors import NotFound, UsageError
from reader.store import Store, StoredEntity
from reader.textio import one_line


class Ambiguous(UsageError):
    """A name that more than one entity answers to."""


def pick_entity(store: Store, name: str) -> StoredEntity:
    name = name.strip()
    if not name:
        raise UsageError("an entity name is empty")
    by_id = store.entity(name)
    if by_id is not None:
        return by_id
    found = store.find_entities(name)
    exact = [e for e in found if e.name.casefold() == name.casefold()]
    chosen = exact or found
    if len(chosen) == 1:
        return chosen[0]
    if chosen:
        listed = "; ".join(
            f"{one_line(e.name, 60)} ({e.type}, {e.mention_count} mentions, id {e.id})"
            for e in chosen[:8]
        )
        raise Ambiguous(f"{name!r} names {len(chosen)} entities: {listed}; give the id")
    from rapidfuzz import process

    names = [e.name for e in store.entities()]
    close = process.extract(name, names, limit=3, score_cutoff=70)
    hint = f"; did you mean {', '.join(repr(c[0]) for c in close)}?" if close else ""
    raise NotFound(f"no entity named {name!r}{hint}")
