"""An article's Whoosh entity fields, as linking and curation both make them, and
their digest: an article whose fields come out the same keeps its hash, and its
Whoosh document is not written again."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable

from reader.fulltext.search import ENTITY_FIELDS
from reader.store import StoredMention


def entity_payload(mentions: Iterable[StoredMention], names: dict[str, str]) -> dict[str, str]:
    """Field -> the forms (mention text and entity name) of its entities, and the ids."""
    by_field: dict[str, set[str]] = defaultdict(set)
    ids: set[str] = set()
    for m in mentions:
        field = ENTITY_FIELDS.get(m.label)
        if not field or not m.entity_id:
            continue
        ids.add(m.entity_id)
        forms = {m.text, names.get(m.entity_id, m.text)}
        by_field[field].update(forms)
        by_field["entity"].update(forms)
    payload = {f: " ; ".join(sorted(v)) for f, v in by_field.items()}
    if ids:
        payload["entity_id"] = ",".join(sorted(ids))
    return payload


def digest(value: object) -> str:
    return hashlib.blake2b(json.dumps(value, sort_keys=True).encode(), digest_size=12).hexdigest()
