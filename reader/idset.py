"""A query leaf that matches a set of articles by id: what the query fields that
read user data (`is:unread`, `tag:x`, `note:words`, `watched:yes`; see
reader/workflow/query.py) become before the search runs.

It scores nothing (0): it filters. Whoosh runs it as a constant-score OR of id
terms; reader.fulltext.arrayscore maps the ids to document numbers directly. With
`complement`, it matches every article *not* in the set (`is:unread` is "not
read": the read set is the small one).
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import query as wq


class ArticleSet(wq.ConstantScoreQuery):
    def __init__(self, ids: Iterable[str], complement: bool = False, label: str = ""):
        self.ids = frozenset(ids)
        self.complement = complement
        self.label = label  # the clause it came from, for repr
        members = sorted(self.ids)
        inner: wq.Query = wq.Or([wq.Term("id", i) for i in members]) if members else wq.NullQuery
        if complement:
            inner = wq.AndNot(wq.Every(), inner) if members else wq.Every()
        super().__init__(inner, score=0.0)

    def _rewrap(self, child):
        return self  # its child is made from the ids; nothing inside it is rewritten

    def apply(self, fn):
        return self

    def accept(self, fn):
        return fn(self)

    def is_leaf(self) -> bool:
        return True

    def children(self):
        return iter(())

    def leaves(self):
        yield self

    def field(self) -> str:
        return "id"

    def __eq__(self, other):
        return (
            isinstance(other, ArticleSet)
            and self.ids == other.ids
            and self.complement == other.complement
        )

    def __hash__(self):
        return hash((self.ids, self.complement))

    def __repr__(self) -> str:
        return f"ArticleSet({self.label or len(self.ids)!r}, complement={self.complement})"
