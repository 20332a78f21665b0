"""A leaner exact-phrase query for Whoosh.

Whoosh evaluates `"a b"` through its general span machinery (SpanNear2), which
builds Span objects for every candidate document: about 100 µs a document on
common word pairs. For the common case (exact adjacency, slop 1) this walks the
postings of the rarest word, checks the others' positions with set arithmetic,
and scores only the documents that really hold the phrase, as the sum of the
words' scores (what Whoosh's phrase matcher scores too).
"""

from __future__ import annotations

from whoosh import matching, query as wq


class ExactPhrase(wq.Phrase):
    def matcher(self, searcher, context=None):
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        reader = searcher.reader()
        matchers = []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, btext) not in reader:
                return matching.NullMatcher()
            matchers.append(wq.Term(fieldname, word).matcher(searcher, context))
        ids, scores = _phrase_docs(matchers)
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, weights=[s * self.boost for s in scores])


def _phrase_docs(matchers: list) -> tuple[list[int], list[float]]:
    """Documents where the words follow each other, with their summed scores."""
    order = sorted(range(len(matchers)), key=lambda i: _estimate(matchers[i]))
    lead = matchers[order[0]]
    others = [matchers[i] for i in order[1:]]
    ids: list[int] = []
    scores: list[float] = []
    # A word's matcher can start exhausted: its only documents may be deleted
    # ones that a segment still lists (after an incremental update).
    while lead.is_active():
        doc = lead.id()
        target = doc
        for m in others:
            if not m.is_active():
                return ids, scores
            if m.id() < doc:
                m.skip_to(doc)
                if not m.is_active():
                    return ids, scores
            if m.id() > target:
                target = m.id()
        if target != doc:
            lead.skip_to(target)
            continue
        starts = set(matchers[0].value_as("positions"))
        for k in range(1, len(matchers)):
            starts.intersection_update(p - k for p in matchers[k].value_as("positions"))
            if not starts:
                break
        if starts:
            ids.append(doc)
            scores.append(sum(m.score() for m in matchers))
        lead.next()
    return ids, scores


def _estimate(matcher) -> int:
    try:
        return matcher.term_info().doc_frequency()
    except Exception:  # not a plain term matcher
        return 1 << 30
