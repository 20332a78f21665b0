"""The query fields that read the user's data, not the index:

    is:unread  is:read  is:starred  tag:NAME  note:WORDS  watched:yes

Whoosh parses them like any field (so they combine with everything:
`tag:sanctions AND person:putin`, `is:unread -is:starred`); before the search
runs, each becomes an `ArticleSet` of the articles it names (reader/idset.py).
`tag:` takes a prefix (`tag:sanc*`); `note:` matches words of a note
(`note:"cold war"`, `note:pipe*`), case and accents aside: an article matches
when its own note does, or when it mentions an entity whose note does (a note
on an entity is about every article that mentions it).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable

from whoosh import analysis, fields, query as wq

from reader.errors import QueryError
from reader.fulltext.search import name_analyzer
from reader.idset import ArticleSet
from reader.workflow.store import ARTICLE, ENTITY, Note, UserStore, clean_tag

FIELDS = ("is", "tag", "note", "watched")
IS_VALUES = ("unread", "read", "starred", "unstarred")


class UserFields:
    """Turns the user-data leaves of a parsed query into article sets.

    `store()` opens the user data at the first query that needs it;
    `articles_mentioning(entity_ids)` gives the articles that mention any of
    the entities (for `watched:yes`)."""

    names = FIELDS

    def __init__(
        self,
        store: Callable[[], UserStore],
        articles_mentioning: Callable[[list[str]], set[str]],
    ):
        self._store = store
        self._articles_mentioning = articles_mentioning

    @property
    def store(self) -> UserStore:
        return self._store()

    @staticmethod
    def extend_schema(schema: fields.Schema) -> fields.Schema:
        """A copy of `schema` that also names the user-data fields (to parse with)."""
        extended = schema.copy()
        for name in ("is", "tag", "watched"):
            lowercase_id = analysis.IDTokenizer() | analysis.LowercaseFilter()
            extended.add(name, fields.ID(analyzer=lowercase_id))
        extended.add("note", fields.TEXT(analyzer=name_analyzer(), phrase=True))
        return extended

    def uses(self, q: wq.Query) -> bool:
        return any(getattr(leaf, "fieldname", None) in FIELDS for leaf in q.leaves())

    def resolve(self, q: wq.Query) -> wq.Query:
        """`q` with every user-data leaf replaced by the articles it names."""

        def replace(node: wq.Query) -> wq.Query:
            if getattr(node, "fieldname", None) in FIELDS and node.is_leaf():
                return self._leaf(node)
            return node

        return q.accept(replace)

    def _leaf(self, node: wq.Query) -> wq.Query:
        field = node.fieldname
        label = f"{field}:{_text_of(node)}"
        if field == "note":
            return ArticleSet(self._noted(node), label=label)
        if not isinstance(node, (wq.Term, wq.Prefix, wq.Wildcard)):
            raise QueryError(f"{field}: takes one word ({label!r})")
        value = str(node.text)
        if field == "is":
            if value == "read":
                return ArticleSet(self.store.read_ids(), label=label)
            if value == "unread":
                return ArticleSet(self.store.read_ids(), complement=True, label=label)
            if value == "starred":
                return ArticleSet(self.store.starred_ids(), label=label)
            if value == "unstarred":
                return ArticleSet(self.store.starred_ids(), complement=True, label=label)
            raise QueryError(f"is: takes one of {', '.join(IS_VALUES)} (not {value!r})")
        if field == "watched":
            if value not in ("yes", "no"):
                raise QueryError(f"watched: takes yes or no (not {value!r})")
            watched = [w.entity_id for w in self.store.watched()]
            found = self._articles_mentioning(watched) if watched else set()
            return ArticleSet(found, complement=value == "no", label=label)
        # tag:
        if isinstance(node, wq.Term):
            try:
                tag = clean_tag(value)
            except Exception as exc:
                raise QueryError(f"tag:{value}: {exc}") from None
            return ArticleSet(self.store.tagged(tag, ARTICLE), label=label)
        pattern = value + "*" if isinstance(node, wq.Prefix) else value
        ids = {
            key for key, tag in self.store.all_tags(ARTICLE) if fnmatch.fnmatchcase(tag, pattern)
        }
        return ArticleSet(ids, label=label)

    def _noted(self, node: wq.Query) -> set[str]:
        if isinstance(node, wq.Phrase):
            words = tuple(node.words)
        elif isinstance(node, (wq.Term, wq.Prefix, wq.Wildcard)):
            words = (str(node.text),)
        else:
            raise QueryError(f"note: takes words or a quoted phrase (not {node!r})")
        if isinstance(node, wq.Prefix):
            words = (words[0] + "*",)
        found = notes_matching(self.store.notes(), [words])
        articles = {n.key for n in found if n.kind == ARTICLE}
        entities = [n.key for n in found if n.kind == ENTITY]
        if entities:
            articles |= self._articles_mentioning(entities)
        return articles


def note_words(text: str) -> list[str]:
    """The words of a note as `note:` compares them (lower case, accents aside)."""
    return [t.text for t in name_analyzer()(text)]


def phrase_of(text: str) -> tuple[str, ...]:
    """Words typed outside a query (`reader notes cold war*`) as a phrase of
    `notes_matching`: compared like a note's words; a trailing `*` is a prefix."""
    words = note_words(text)
    if words and text.rstrip().endswith("*"):
        words[-1] += "*"
    return tuple(words)


def notes_matching(notes: list[Note], phrases: list[tuple[str, ...]]) -> list[Note]:
    """The notes holding every phrase (a tuple of words as `note_words` makes
    them, `*` and `?` as wildcards), in the order given."""
    wanted = [p for p in phrases if p]
    return [n for n in notes if all(_holds(note_words(n.text), p) for p in wanted)]


def _holds(tokens: list[str], words: tuple[str, ...]) -> bool:
    n = len(words)
    for i in range(len(tokens) - n + 1):
        if all(fnmatch.fnmatchcase(tokens[i + j], words[j]) for j in range(n)):
            return True
    return False


def _text_of(node: wq.Query) -> str:
    if isinstance(node, wq.Phrase):
        return '"' + " ".join(node.words) + '"'
    return str(getattr(node, "text", ""))
