"""The curation operations: what each journal entry says and how it is applied.

Entries name what stays valid when the automatic result changes (a new model,
a rebuild, articles added): entities by name and type (the id they had is
kept as a hint), mentions by article id, offsets and their text. Applying an
entry that no longer fits (its entity or article is gone) changes nothing and
says why; it is never a failure.

    merge   {"into": REF, "others": [REF...], "name": NEW?}
    split   {"entity": REF, "to": REF | null, "new": {"name", "type"} | null,
             "forms": [...] | "articles": [...] | "mentions": [MENTION...]}
    rename  {"entity": REF, "name": NEW}
    retype  {"entity": REF, "type": TYPE}
    reject  {"entity": REF}                       (not an entity at all)
    reject_mention {"mention": MENTION}           (this one is not)
    add     {"name": N, "type": T, "forms": [N...]}   (a user gazetteer entry)
    mark    {"mention": MENTION, "entity": REF | {"name", "type"}}

REF is {"name", "type", "id"}; MENTION is {"article", "start", "end", "text"}.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.curation.workspace import Entity, Workspace
from reader.store import StoredEntity, StoredMention

ENTITY_OPS = ("merge", "split", "rename", "retype", "reject", "reject_mention", "add", "mark")
#: How far (characters) a mention is looked for when its article's text moved.
MENTION_SLACK = 2000


# ---------------------------------------------------------------- references


def ref_of(entity: StoredEntity | Entity) -> dict:
    return {"name": entity.name, "type": entity.type, "id": entity.id}


def mention_ref(article_id: str, start: int, end: int, text: str) -> dict:
    return {"article": article_id, "start": start, "end": end, "text": text}


def resolve(ws: Workspace, ref: object) -> Entity | None:
    """The entity a reference names now: its id when that still has the name and
    type, else the most mentioned of that name and type, else of that alias."""
    if not isinstance(ref, dict) or not isinstance(ref.get("name"), str):
        return None
    name, type_ = ref["name"], ref.get("type")
    hint = ws.entities.get(ref.get("id") or "")
    if hint is not None and hint.type == type_ and name.casefold() in _names(hint):
        return hint
    candidates = [ws.entities[eid] for eid in ws.named(name)]
    candidates = [e for e in candidates if e.type == type_] or (candidates if type_ is None else [])
    if not candidates:
        return None
    exact = [e for e in candidates if e.name.casefold() == name.casefold()] or candidates
    return min(exact, key=lambda e: (-e.mention_count, e.id))


def _names(e: Entity) -> set[str]:
    return {n.casefold() for n in (e.name, *e.aliases)}


def resolve_mention(ws: Workspace, ref: object) -> tuple[str, int, int] | None:
    """(article id, start, end) of a mention reference in the article as it is
    now: at its offsets, else the nearest place its text is found."""
    if not isinstance(ref, dict):
        return None
    aid, start, end, text = (ref.get(k) for k in ("article", "start", "end", "text"))
    if not (isinstance(aid, str) and isinstance(text, str) and text):
        return None
    if not (isinstance(start, int) and isinstance(end, int)):
        return None
    body = ws.text(aid)
    if body is None:
        return None
    if body[start:end] == text:
        return aid, start, end
    best = None
    for m in re.finditer(re.escape(text), body):
        distance = abs(m.start() - start)
        if distance <= MENTION_SLACK and (best is None or distance < best[0]):
            best = (distance, m.start())
    if best is None:
        return None
    return aid, best[1], best[1] + len(text)


# ---------------------------------------------------------------- applying


class NotApplicable(Exception):
    """An entry that no longer fits the automatic result (reported, skipped)."""


def apply_entry(ws: Workspace, entry: dict) -> None:
    """Apply one journal entry; raises NotApplicable (nothing changed) when it no longer fits."""
    handler = _HANDLERS.get(entry.get("op", ""))
    if handler is None:
        raise NotApplicable(f"unknown operation {entry.get('op')!r}")
    handler(ws, entry)


def _need(ws: Workspace, ref: object) -> Entity:
    entity = resolve(ws, ref)
    if entity is None:
        name = ref.get("name") if isinstance(ref, dict) else ref
        raise NotApplicable(f"no entity {name!r} any more")
    return entity


def _text(ws: Workspace, aid: str) -> str:
    text = ws.text(aid)
    if text is None:
        raise NotApplicable(f"article {aid} is not in the index any more")
    return text


def _merge(ws: Workspace, entry: dict) -> None:
    into = _need(ws, entry.get("into"))
    found = [resolve(ws, r) for r in entry.get("others") or []]
    others = [e for e in found if e is not None and e.id != into.id]
    if not others and not entry.get("name"):
        raise NotApplicable("nothing left to merge")
    aliases = list(into.aliases)
    for other in others:
        ws.move_mentions(ws.mentions_of_entity(other.id), into)
        aliases += [other.name, *other.aliases]
        ws.drop_entity(other.id)
    name = entry.get("name") if isinstance(entry.get("name"), str) else None
    if name and name != into.name:
        aliases.append(into.name)
        into.name = name
    into.aliases = aliases
    ws.put_entity(into)


def _split(ws: Workspace, entry: dict) -> None:
    source = _need(ws, entry.get("entity"))
    mentions = ws.mentions_of_entity(source.id)
    if entry.get("forms"):
        forms = {f for f in entry["forms"] if isinstance(f, str)}  # as written: RUSSIA, not Russia
        chosen = [m for m in mentions if m.text in forms]
    elif entry.get("articles"):
        ids = set(entry["articles"])
        chosen = [m for m in mentions if m.article_id in ids]
    else:
        spans = {resolve_mention(ws, r) for r in entry.get("mentions") or []}
        chosen = [m for m in mentions if (m.article_id, m.start, m.end) in spans]
    if not chosen:
        raise NotApplicable(f"none of {source.name!r}'s mentions fit any more")
    if entry.get("to"):
        target = _need(ws, entry["to"])
        if target.id == source.id:
            raise NotApplicable("split into the same entity")
    else:
        new = entry.get("new") or {}
        name, type_ = new.get("name"), new.get("type") or source.type
        if not isinstance(name, str) or not name:
            raise NotApplicable("the new entity has no name")
        target = ws.new_entity(name, type_)
    ws.move_mentions(chosen, target)
    moved = {m.text for m in chosen}
    target.aliases += sorted(moved)
    ws.put_entity(target)
    # A spelling that left with the moved mentions is no longer one of the source's
    # names ("also known as"), unless a mention it keeps is still written so.
    spans = {(m.article_id, m.start, m.end) for m in chosen}
    kept = {m.text for m in mentions if (m.article_id, m.start, m.end) not in spans}
    source.aliases = [a for a in source.aliases if a not in moved or a in kept]
    ws.put_entity(source)


def _rename(ws: Workspace, entry: dict) -> None:
    entity = _need(ws, entry.get("entity"))
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise NotApplicable("no new name")
    entity.aliases.append(entity.name)
    entity.name = name.strip()
    ws.put_entity(entity)


def _retype(ws: Workspace, entry: dict) -> None:
    entity = _need(ws, entry.get("entity"))
    type_ = entry.get("type")
    if not isinstance(type_, str) or not type_:
        raise NotApplicable("no new type")
    entity.type = type_
    ws.move_mentions(ws.mentions_of_entity(entity.id), entity)  # labels follow the type
    ws.put_entity(entity)


def _reject(ws: Workspace, entry: dict) -> None:
    entity = _need(ws, entry.get("entity"))
    ws.delete_mentions(ws.mentions_of_entity(entity.id))
    ws.drop_entity(entity.id)


def _reject_mention(ws: Workspace, entry: dict) -> None:
    span = resolve_mention(ws, entry.get("mention"))
    found = _mention_at(ws, span) if span else None
    if found is None:
        raise NotApplicable("that mention is not there any more")
    ws.delete_mention(found)


def _mention_at(ws: Workspace, span: tuple[str, int, int]) -> StoredMention | None:
    aid, start, end = span
    for m in ws.mentions_of_article(aid):
        if (m.start, m.end) == (start, end):
            return m
    return None


def _target(ws: Workspace, spec: object) -> Entity:
    """The entity named by `spec` (REF or {"name", "type"}), made when there is none."""
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"]:
        raise NotApplicable("no entity named")
    type_ = spec.get("type") if isinstance(spec.get("type"), str) else None
    found = resolve(ws, spec)
    if found is not None:
        return found
    if not type_:
        raise NotApplicable(f"no entity {spec['name']!r} any more")
    return ws.new_entity(spec["name"], type_)


def _add(ws: Workspace, entry: dict) -> None:
    name, type_ = entry.get("name"), entry.get("type")
    if not isinstance(name, str) or not name or not isinstance(type_, str):
        raise NotApplicable("a name and a type are needed")
    forms = [f for f in entry.get("forms") or [name] if isinstance(f, str) and f]
    occurrences = list(_occurrences(ws, forms))
    if not occurrences:
        raise NotApplicable(f"{name!r} is not in any article")
    target = _target(ws, {"name": name, "type": type_})
    for aid, spans in occurrences:
        taken = ws.mentions_of_article(aid)
        for start, end in spans:
            same = [m for m in taken if (m.start, m.end) == (start, end)]
            if same:
                if same[0].entity_id != target.id or same[0].label != target.type:
                    ws.move_mentions(same, target)
            elif not any(m.start < end and start < m.end for m in taken):
                ws.set_mention(
                    StoredMention(aid, start, end, _text(ws, aid)[start:end], type_, target.id)
                )
    target.aliases += [f for f in forms if f != target.name]
    ws.put_entity(target)


def _occurrences(
    ws: Workspace, forms: Iterable[str]
) -> Iterable[tuple[str, list[tuple[int, int]]]]:
    """(article id, spans) of every whole-word occurrence of the forms, by article."""
    spans: dict[str, set[tuple[int, int]]] = {}
    for form in forms:
        pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
        for aid, text in ws.articles_containing(form):
            ws._texts[aid] = text
            for m in pattern.finditer(text):
                spans.setdefault(aid, set()).add((m.start(), m.end()))
    for aid in sorted(spans):
        yield aid, sorted(spans[aid])


def _mark(ws: Workspace, entry: dict) -> None:
    span = resolve_mention(ws, entry.get("mention"))
    if span is None:
        raise NotApplicable("that text is not in its article any more")
    target = _target(ws, entry.get("entity"))
    aid, start, end = span
    for m in ws.mentions_of_article(aid):
        if m.start < end and start < m.end and (m.start, m.end) != (start, end):
            ws.delete_mention(m)
    text = _text(ws, aid)[start:end]
    ws.set_mention(StoredMention(aid, start, end, text, target.type, target.id))
    if text != target.name and text not in target.aliases:
        target.aliases.append(text)
    ws.put_entity(target)


_HANDLERS = {
    "merge": _merge,
    "split": _split,
    "rename": _rename,
    "retype": _retype,
    "reject": _reject,
    "reject_mention": _reject_mention,
    "add": _add,
    "mark": _mark,
}


# ---------------------------------------------------------------- making entries


def merge_entry(into: StoredEntity, others: list[StoredEntity], name: str | None = None) -> dict:
    names = ", ".join(o.name for o in others)
    desc = f"merge {names} into {name or into.name}"
    entry = {
        "op": "merge",
        "desc": desc,
        "into": ref_of(into),
        "others": [ref_of(o) for o in others],
    }
    if name:
        entry["name"] = name
    return entry


def split_entry(
    entity: StoredEntity,
    *,
    to: StoredEntity | None = None,
    new: tuple[str, str] | None = None,
    forms: list[str] | None = None,
    articles: list[str] | None = None,
    mentions: list[dict] | None = None,
) -> dict:
    what = (
        f"mentions {', '.join(repr(f) for f in forms)}"
        if forms
        else f"{len(articles)} article(s)"
        if articles
        else f"{len(mentions or [])} mention(s)"
    )
    target = to.name if to else (new[0] if new else "?")
    entry: dict = {
        "op": "split",
        "desc": f"split {what} of {entity.name} into {target}",
        "entity": ref_of(entity),
        "to": ref_of(to) if to else None,
        "new": {"name": new[0], "type": new[1]} if new and not to else None,
    }
    if forms:
        entry["forms"] = forms
    elif articles:
        entry["articles"] = articles
    else:
        entry["mentions"] = mentions or []
    return entry


def rename_entry(entity: StoredEntity, name: str) -> dict:
    return {
        "op": "rename",
        "desc": f"rename {entity.name} to {name}",
        "entity": ref_of(entity),
        "name": name,
    }


def retype_entry(entity: StoredEntity, type_: str) -> dict:
    return {
        "op": "retype",
        "desc": f"retype {entity.name} from {entity.type} to {type_}",
        "entity": ref_of(entity),
        "type": type_,
    }


def reject_entry(entity: StoredEntity) -> dict:
    return {
        "op": "reject",
        "desc": f"reject {entity.name} ({entity.type})",
        "entity": ref_of(entity),
    }


def reject_mention_entry(article_id: str, start: int, end: int, text: str) -> dict:
    return {
        "op": "reject_mention",
        "desc": f"reject the mention {text!r} in {article_id} at {start}",
        "mention": mention_ref(article_id, start, end, text),
    }


def add_entry(name: str, type_: str, forms: list[str] | None = None) -> dict:
    forms = list(dict.fromkeys([name, *(forms or [])]))
    return {
        "op": "add",
        "desc": f"add the name {name} ({type_})",
        "name": name,
        "type": type_,
        "forms": forms,
    }


def mark_entry(article_id: str, start: int, end: int, text: str, entity: dict) -> dict:
    return {
        "op": "mark",
        "desc": f"mark {text!r} in {article_id} at {start} as {entity['name']}",
        "mention": mention_ref(article_id, start, end, text),
        "entity": entity,
    }
