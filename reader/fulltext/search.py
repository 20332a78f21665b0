"""The Whoosh index: schema, opening, and searching.

Search hits carry character offsets into the article text for every match, and
snippets built from those offsets, so a face can jump to and highlight them.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from whoosh import analysis, collectors, fields, qparser, query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, Index
from whoosh.qparser import syntax
from whoosh.qparser.dateparse import DateParserPlugin, DateRangeNode
from whoosh.support.charset import accent_map
from whoosh.util.times import adatetime, timespan

from reader.errors import IndexUnavailable, QueryError, ResultsExpired
from reader.fulltext import patches as whoosh_patches
from reader.fulltext.analysis import STEM_CACHE, WORD_RE, NewsAnalyzer, fold, stem
from reader.fulltext.phrase import ExactPhrase
from reader.fulltext.vocabulary import Vocabulary
from reader.results import (  # the result types are part of this module's API
    Ranking as Ranking,
    ResultSet as ResultSet,
    SearchHit as SearchHit,
    SearchResults as SearchResults,
    Snippet as Snippet,
    make_snippets as make_snippets,
)

if TYPE_CHECKING:
    from reader.fulltext.arrayscore import ArrayScorer

#: Bump when the schema or analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = "7"  # 7: plain-text articles dated from a dateline; 6: unique mention spans

#: Entity type -> Whoosh field (DATE is shown but not indexed as an entity).
ENTITY_FIELDS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
    "LAW": "law",
}
NAME_FIELDS = tuple(dict.fromkeys(ENTITY_FIELDS.values())) + ("entity",)
#: Unqualified words search the text field, which also holds the title (see
#: `indexed_text`); title matches add to the score through an optional clause.
DEFAULT_FIELDS = ("text", "title")
SEARCH_FIELD = "text"
TITLE_BOOST_LEAVES = 16

#: A prefix or wildcard expands to at most this many of its most frequent words.
MAX_EXPANSIONS = 48


def text_analyzer() -> analysis.Analyzer:
    # No stop list: phrases match exactly. See reader.fulltext.analysis for why it is fused.
    return NewsAnalyzer()


def name_analyzer() -> analysis.Analyzer:
    return (
        analysis.RegexTokenizer() | analysis.LowercaseFilter() | analysis.CharsetFilter(accent_map)
    )


def make_schema() -> fields.Schema:
    text_ana = text_analyzer()
    name_ana = name_analyzer()
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        hash=fields.ID(stored=True),
        path=fields.ID(),
        title=fields.TEXT(analyzer=text_ana, phrase=True, field_boost=2.0),
        text=fields.TEXT(analyzer=text_ana, phrase=True),
        date=fields.DATETIME(sortable=True),
        source=fields.TEXT(analyzer=name_ana, phrase=True),
        author=fields.TEXT(analyzer=name_ana, phrase=True),
        entity_id=fields.KEYWORD(commas=True, scorable=False),
    )
    for name in NAME_FIELDS:
        schema.add(name, fields.TEXT(analyzer=name_ana, phrase=True))
    return schema


def open_index(path: Path) -> Index | None:
    """The Whoosh index in `path`, or None when there is none."""
    if not path.is_dir():
        return None
    storage = FileStorage(str(path), supports_mmap=False)
    try:
        return storage.open_index()
    except EmptyIndexError:
        return None


def create_index(path: Path) -> Index:
    path.mkdir(parents=True, exist_ok=True)
    return FileStorage(str(path), supports_mmap=False).create_index(make_schema())


def indexed_text(title: str, text: str) -> str:
    """What the text field indexes: the article text, led by its title when the
    text does not already start with it, so unqualified words match either."""
    head = text[: len(title) + 200]
    if title.rstrip("…") in head:
        return text
    return f"{title}\n\n{text}"


def with_title_boost(q: wq.Query) -> wq.Query:
    """`q`, scoring higher where its words or phrases are also in the title."""
    extra: list[wq.Query] = []
    for leaf in _positive_leaves(q):
        if leaf.field() != SEARCH_FIELD:
            continue
        if isinstance(leaf, wq.Phrase):
            extra.append(ExactPhrase("title", leaf.words, slop=leaf.slop))
        elif isinstance(leaf, wq.Term) and not getattr(leaf, "_expanded", False):
            extra.append(wq.Term("title", leaf.text))
        if len(extra) >= TITLE_BOOST_LEAVES:
            break
    if not extra:
        return q
    return wq.AndMaybe(q, wq.Or(extra) if len(extra) > 1 else extra[0])


def parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


#: What Whoosh raises when its files are truncated, garbled or gone under it.
_DAMAGE = (OSError, EOFError, struct.error, pickle.UnpicklingError, zlib.error)


def damage_error(exc: BaseException) -> IndexUnavailable | None:
    """The error to report when `exc` says the index files cannot be read, else
    None. Whoosh reports unreadable data with the errors above, or with a bare
    Exception ("Block tag error", "No next block"); any other error is a bug to
    surface."""
    if isinstance(exc, _DAMAGE) or type(exc) is Exception:
        return IndexUnavailable(
            f"the search index cannot be read ({type(exc).__name__}: it was "
            "damaged or removed meanwhile); run `reader index` to rebuild it"
        )
    return None


# ---------------------------------------------------------------- query parsing


def make_parser(schema: fields.Schema) -> qparser.QueryParser:
    parser = qparser.QueryParser(SEARCH_FIELD, schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    # "-word" excludes and "+word" requires, but only at the start of a word:
    # "pro-Russian" stays one phrase-like term.
    parser.add_plugin(
        qparser.PlusMinusPlugin(
            plusexpr=r"(?<![^\s(])\+(?=[\w(\"])", minusexpr=r"(?<![^\s(])-(?=[\w(\"])"
        )
    )
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(_DatePlugin(free=True))
    return parser


class _DatePlugin(DateParserPlugin):
    """Whoosh's date parsing, with exclusive ends that exclude: `date:>X` (and
    `date:{X to ...]`) starts after all of X, `date:<X` ends before all of it.
    Whoosh drops the exclusion, so `>` was `>=` and `<` was `<=`."""

    def range_to_dt(self, node):
        result = super().range_to_dt(node)
        if not isinstance(result, DateRangeNode):
            return result  # an error node
        parser = self.dateparser.get_parser()
        if node.start and node.startexcl and result.start is not None:
            span = _span(parser.date_from(node.start, self.basedate), self.basedate)
            result.start = span[1] + dt.timedelta(microseconds=1)
        if node.end and node.endexcl and result.end is not None:
            span = _span(parser.date_from(node.end, self.basedate), self.basedate)
            result.end = span[0] - dt.timedelta(microseconds=1)
        return result


def _span(when, basedate: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The first and last instant of a parsed date (a day, a month, a year...)."""
    when = when.disambiguated(basedate)
    if isinstance(when, timespan):
        return _floor(when.start), _ceil(when.end)
    return _floor(when), _ceil(when)


def _floor(when) -> dt.datetime:
    return when.floor() if isinstance(when, adatetime) else when


def _ceil(when) -> dt.datetime:
    return when.ceil() if isinstance(when, adatetime) else when


def _check_balance(text: str) -> None:
    """Refuse quotes, brackets and parentheses left open (or closed without
    opening): Whoosh reads them as words, which gave "no matches" instead of
    saying why."""
    opened: list[tuple[str, int]] = []
    quote = -1
    for i, ch in enumerate(text):
        if quote >= 0:
            if ch == '"':
                quote = -1
            continue
        if ch == '"':
            quote = i
        elif ch == "(" or (ch in "[{" and _starts_range(text, i)):
            opened.append((ch, i))
        elif ch == ")" or (ch in "]}" and opened and opened[-1][0] in "[{"):
            if not opened or (ch == ")" and opened[-1][0] != "("):
                raise QueryError(f'the query has a ")" without its "(" (character {i + 1})')
            opened.pop()
    if quote >= 0:
        raise QueryError(f"the query has a quote that is never closed (character {quote + 1})")
    if opened:
        ch, i = opened[-1]
        raise QueryError(f'the query has a "{ch}" that is never closed (character {i + 1})')


def _starts_range(text: str, i: int) -> bool:
    """Whether the bracket at `i` opens a range (`date:[a to b]`, `[a TO b]`):
    at the start of a term, not inside a word."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in ":("


def _parse(parser: qparser.QueryParser, text: str) -> tuple[wq.Query, list[str]]:
    """The query and the syntax errors Whoosh skipped over: its
    QueryParser.parse, with the syntax tree walked in between (one parse)."""
    errors = []

    def walk(node: object) -> None:
        if isinstance(node, syntax.ErrorNode):
            errors.append(str(node.message))
        for child in getattr(node, "nodes", None) or []:
            walk(child)

    nodes = parser.process(text)
    walk(nodes)
    q = nodes.query(parser) or wq.NullQuery
    return q.normalize(), errors


_DATE_CLAUSE = re.compile(r"\bdate:(\[[^\]]*\]?|\{[^}]*\}?|\S+)")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b")


def _compact_dates(text: str) -> str:
    """2022-06-01 -> 20220601 inside date: clauses: Whoosh's date parser reads the
    hyphenated form as the year alone."""

    def compact(match: re.Match[str]) -> str:
        y, m, d = match.groups()
        return f"{y}{int(m):02d}" + (f"{int(d):02d}" if d else "")

    return _DATE_CLAUSE.sub(lambda c: _ISO_DATE.sub(compact, c.group()), text)


def _fields_in(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w\"])(\w+):", text))


#: Longer queries, or longer words, are refused with a message: parsing, fuzzy
#: matching and "did you mean" grow faster than linearly with them.
MAX_QUERY_CHARS = 2000
MAX_WORD_CHARS = 100
_LONG_WORD = re.compile(r"\w{%d,}" % (MAX_WORD_CHARS + 1))


def _check_size(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})"
        )
    long_word = _LONG_WORD.search(text)
    if long_word:
        raise QueryError(
            f"a word of {len(long_word.group())} characters is too long to search "
            f"for (at most {MAX_WORD_CHARS})"
        )


# ---------------------------------------------------------------- the searcher


class Searcher:
    """A long-lived searcher over one index; `refresh()` after writes.

    Thread-safe: Whoosh searchers are not, so calls are serialised.
    """

    def __init__(
        self,
        index: Index,
        text_of: Callable[[str], str | None],
        vocabulary: Vocabulary,
        mentions_of: MentionsOf | None = None,
    ):
        self.index = index
        self._text_of = text_of
        self._mentions_of = mentions_of
        self._closed = False
        self.vocabulary = vocabulary
        self.schema = index.schema
        self.parser = make_parser(self.schema)
        self._searcher = index.searcher()
        self._lock = threading.RLock()
        self._analyzer = self.schema["text"].analyzer
        #: Score with arrays (reader.fulltext.arrayscore) where the query allows; else Whoosh.
        self.array_scoring = True
        self._arrays: ArrayScorer | None = None
        #: The query fields that read user data (reader.workflow.query.UserFields), if any.
        self.user_fields: Any = None  # above this module: it extends the schema
        self._user_parser = None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._searcher.close()

    def refresh(self) -> None:
        with self._lock:
            self._searcher = self._searcher.refresh()

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    def parse(self, text: str) -> wq.Query:
        _check_size(text)
        text = _compact_dates(text.strip())
        if not text:
            raise QueryError("the query is empty")
        user_names = tuple(self.user_fields.names) if self.user_fields is not None else ()
        used = _fields_in(text)
        unknown = sorted(f for f in used if f not in self.schema.names() and f not in user_names)
        if unknown:
            known = ", ".join(
                ["title", "text", "date", "source", "author", *NAME_FIELDS, *user_names]
            )
            raise QueryError(f"unknown field {unknown[0]}: (fields: {known})")
        _check_balance(text)
        parser = self.parser
        if used & set(user_names):
            if self._user_parser is None:
                self._user_parser = make_parser(self.user_fields.extend_schema(self.schema))
            parser = self._user_parser
        try:
            q, errors = _parse(parser, text)
        except Exception:  # Whoosh raises assorted errors on odd input
            raise QueryError(
                "cannot read the query (check its quotes, brackets and operators)"
            ) from None
        if errors:
            raise QueryError(f"cannot read {errors[0]!r} in the query (dates look like 2022-09-30)")
        if q is wq.NullQuery or isinstance(q, wq.qcore._NullQuery):
            raise QueryError("the query has no words to search for")
        return q

    def _with_user_data(self, q: wq.Query) -> wq.Query:
        """`q` with its user-data clauses (`is:unread`, `tag:x`...) made article sets."""
        if self.user_fields is not None and self.user_fields.uses(q):
            return self.user_fields.resolve(q)
        return q

    def _bound_expansions(self, q: wq.Query, reader) -> wq.Query:
        """Replace prefix/wildcard/fuzzy leaves by at most MAX_EXPANSIONS frequent words.

        In the stemmed fields, prefixes and wildcards expand over the unstemmed
        vocabulary and are then stemmed, so "hosti*" finds "hosting" (held as "host").
        """
        vocabulary = self.vocabulary

        def bound(node: wq.Query) -> wq.Query:
            if (
                isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm))
                and node.fieldname in DEFAULT_FIELDS
            ):
                pattern = fold(node.text)
                if isinstance(node, wq.Prefix):
                    words = vocabulary.with_prefix(pattern, MAX_EXPANSIONS)
                elif isinstance(node, wq.FuzzyTerm):
                    words = vocabulary.near(
                        pattern, min(node.maxdist, 2), MAX_EXPANSIONS, include_self=True
                    )
                else:
                    words = vocabulary.matching(pattern, MAX_EXPANSIONS)
                stems = list(dict.fromkeys(stem(w) for w in words))
            elif isinstance(node, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)):
                stems = list(node._btexts(reader))
                if len(stems) > MAX_EXPANSIONS:
                    stems.sort(key=lambda w: -reader.doc_frequency(node.fieldname, w))
                    stems = stems[:MAX_EXPANSIONS]
            elif isinstance(node, wq.Phrase) and type(node) is wq.Phrase:
                return ExactPhrase(
                    node.fieldname,
                    node.words,
                    slop=node.slop,
                    boost=node.boost,
                    char_ranges=node.char_ranges,
                )
            else:
                return node
            terms = [wq.Term(node.fieldname, w, boost=node.boost) for w in stems]
            for term in terms:
                term._expanded = True
            if not terms:
                return wq.NullQuery
            return wq.Or(terms, boost=node.boost) if len(terms) > 1 else terms[0]

        return q.accept(bound)

    def results(self, text: str, filter_ids: Sequence[str] | None = None) -> ResultSet:
        """Every hit of query `text`, ranked; see `ResultSet` for paging through it."""
        q = self._with_user_data(self.parse(text))
        with self._lock:
            searcher = self._searcher
            reader = searcher.reader()
            bounded = self._bound_expansions(q, reader)
            scored = with_title_boost(bounded)
            ranking = self._ranking(searcher, scored, filter_ids)
            suggestion = None
            if ranking.total == 0:
                suggestion = self._suggest(q, _compact_dates(text.strip()))
        plan = MatchPlan.from_query(bounded, reader_terms=self._expanded_terms(bounded))
        return ResultSet(self, searcher, text, ranking, plan, suggestion)

    def search(
        self,
        text: str,
        page: int = 1,
        pagelen: int = 10,
        snippets: int = 2,
        filter_ids: Sequence[str] | None = None,
    ) -> SearchResults:
        """One page of hits of query `text`."""
        return self.results(text, filter_ids).page(page, pagelen, snippets)

    # -- what a ResultSet asks for, later

    def is_current(self, whoosh_searcher) -> bool:
        """Whether `whoosh_searcher` is still the one this searcher reads."""
        return not self._closed and whoosh_searcher is self._searcher

    def stored_ids(self, whoosh_searcher, docnums: Sequence[int]) -> list[str]:
        with self._lock:
            if not self.is_current(whoosh_searcher):
                raise ResultsExpired("the index changed since this search; search again")
            try:
                return [whoosh_searcher.stored_fields(d)["id"] for d in docnums]
            except Exception as exc:
                raise damage_error(exc) or exc from None

    def make_hit(
        self, plan: MatchPlan, article_id: str, rank: int, score: float, snippets: int
    ) -> SearchHit:
        """A hit with its match offsets and snippets (made from the stored text)."""
        article_text = self._text_of(article_id)
        if article_text is None:  # removed since the search
            return SearchHit(article_id, rank, float(score), (), ())
        matches = tuple(plan.matches(article_id, article_text, self._analyzer, self._mentions_of))
        return SearchHit(
            article_id,
            rank,
            float(score),
            matches,
            tuple(make_snippets(article_text, matches, snippets)),
        )

    def warm(self) -> None:
        """Load what the first search would: numpy, the array scorer, field lengths."""
        if not self.array_scoring:
            return
        from reader.fulltext import arrayscore

        with self._lock:
            try:
                if self._arrays is None or self._arrays.searcher is not self._searcher:
                    self._arrays = arrayscore.ArrayScorer(self._searcher)
                for name in DEFAULT_FIELDS:
                    self._arrays.field_lengths(name)
            except arrayscore.Unsupported:
                pass

    def _ranking(self, searcher, q: wq.Query, filter_ids: Sequence[str] | None) -> Ranking:
        """Every match of `q`, ordered as far as asked (see `Ranking`)."""
        if self.array_scoring:
            from reader.fulltext import arrayscore

            try:
                if self._arrays is None or self._arrays.searcher is not searcher:
                    self._arrays = arrayscore.ArrayScorer(searcher)
                found = self._arrays.matches(q, filter_ids)
                top = self._arrays.top
                return Ranking(len(found), lambda n: top(found, n))
            except arrayscore.Unsupported:
                pass
        total, first = self._collect(searcher, q, filter_ids, 64)

        def more(n: int) -> list[tuple[int, float]]:
            with self._lock:
                if not self.is_current(searcher):
                    raise ResultsExpired("the index changed since this search; search again")
                try:
                    return self._collect(searcher, q, filter_ids, n)[1]
                except Exception as exc:
                    raise damage_error(exc) or exc from None

        return Ranking(total, more, first)

    def _rank(
        self, searcher, q: wq.Query, filter_ids: Sequence[str] | None, n: int
    ) -> tuple[int, list[tuple[int, float]]]:
        """(total matches, the first `n` (document number, score) in rank order)."""
        ranking = self._ranking(searcher, q, filter_ids)
        return ranking.total, ranking.first(n)

    @staticmethod
    def _collect(
        searcher, q: wq.Query, filter_ids: Sequence[str] | None, n: int
    ) -> tuple[int, list[tuple[int, float]]]:
        """With Whoosh's matchers: (total matches, the first `n` in rank order)."""
        # One pass that scores and counts every match: block-max skipping
        # prunes little on common words, and len() would then re-run the query.
        collector = _CountingTopCollector(n, usequality=False)
        if filter_ids is not None:
            allow = wq.Or([wq.Term("id", i) for i in filter_ids]) if filter_ids else wq.NullQuery
            collector = collectors.FilterCollector(collector, allow)
        searcher.search_with_collector(q, collector)
        results = collector.results()
        return len(results), [
            (results.docnum(i), results.score(i)) for i in range(results.scored_length())
        ]

    def _expanded_terms(self, q: wq.Query) -> set[str]:
        words = set()
        for leaf in _positive_leaves(q):
            if isinstance(leaf, wq.Term) and leaf.fieldname in DEFAULT_FIELDS:
                words.add(leaf.text if isinstance(leaf.text, str) else leaf.text.decode("utf-8"))
        return words

    def _suggest(self, q: wq.Query, text: str) -> str | None:
        """ "Did you mean": each unknown word replaced by its closest known word."""
        replacements: dict[tuple[int, int], str] = {}
        for leaf in q.leaves():
            start, end = getattr(leaf, "startchar", None), getattr(leaf, "endchar", None)
            if (
                not isinstance(leaf, wq.Term)
                or leaf.fieldname != "text"
                or start is None
                or end is None
            ):
                continue
            word = fold(text[start:end])
            if not word or self.vocabulary.frequency(word):
                continue
            near = self.vocabulary.near(word, maxdist=2, limit=1)
            if near:
                replacements[(start, end)] = near[0]
        if not replacements:
            return None
        out, pos = [], 0
        for (start, end), word in sorted(replacements.items()):
            out.append(text[pos:start])
            out.append(word)
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def match_spans(
        self, text: str, article_text: str, article_id: str | None = None
    ) -> list[tuple[int, int]]:
        """Offsets of every match of query `text` in `article_text` (for `n`/`N`);
        with `article_id`, entity-field clauses match that article's mentions."""
        q = self._with_user_data(self.parse(text))
        with self._lock:
            bounded = self._bound_expansions(q, self._searcher.reader())
        plan = MatchPlan.from_query(bounded, reader_terms=self._expanded_terms(bounded))
        return plan.matches(article_id, article_text, self._analyzer, self._mentions_of)


whoosh_patches.install_query_fixes()


class _CountingTopCollector(collectors.TopCollector):
    """The top N by score, counting every match on the way.

    Whoosh replaces matchers with simpler ones as it goes (dropping exhausted
    sub-matchers: worth keeping) and, given the lowest score in the top N, also
    drops documents that cannot reach it (AndMaybe's optional clause), which
    made totals depend on the page size. Holding that score at 0 keeps the first
    and stops the second.
    """

    def _collect(self, global_docnum, score):
        result = super()._collect(global_docnum, score)
        self.minscore = 0
        return result


def _positive_leaves(q: wq.Query) -> Iterable[wq.Query]:
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


class MentionForms(NamedTuple):
    """One entity mention as the entity fields index it: the article's text at
    the mention and the name of the entity it is linked to."""

    start: int
    end: int
    label: str
    text: str
    entity_id: str
    entity_name: str


#: An article's linked mentions (of these labels; None: all) as the entity
#: fields index them.
MentionsOf = Callable[[str, "tuple[str, ...] | None"], Sequence[MentionForms]]


@dataclass
class MatchPlan:
    """What to highlight in an article's text: single words and phrases (analysed
    form), and entity-field clauses (`person:putin`), which match mentions."""

    words: set[str]
    phrases: list[tuple[str, ...]]
    #: (entity field, its analysed words): a term is one word, a phrase several.
    names: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    #: (label, mention text, entity name) -> whether a clause holds it: a page's
    #: hits share the plan, and their mentions repeat the same few forms.
    _holds_form: dict[tuple[str, str, str], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_query(cls, q: wq.Query, reader_terms: set[str]) -> MatchPlan:
        phrases = []
        names = []
        for leaf in _positive_leaves(q):
            if isinstance(leaf, wq.Phrase) and leaf.fieldname in DEFAULT_FIELDS:
                phrases.append(tuple(leaf.words))
            elif getattr(leaf, "fieldname", None) in NAME_FIELDS:
                if isinstance(leaf, wq.Phrase):
                    names.append((leaf.fieldname, tuple(leaf.words)))
                elif isinstance(leaf, wq.Term):
                    text = leaf.text if isinstance(leaf.text, str) else leaf.text.decode("utf-8")
                    names.append((leaf.fieldname, (text,)))
        return cls(set(reader_terms), list(dict.fromkeys(phrases)), list(dict.fromkeys(names)))

    def matches(
        self,
        article_id: str | None,
        text: str,
        analyzer: analysis.Analyzer,
        mentions_of: MentionsOf | None,
    ) -> list[tuple[int, int]]:
        """Every match in an article: its words and phrases, and the mentions of
        the entities its entity-field clauses match."""
        spans = self.spans(text, analyzer)
        if self.names and article_id is not None and mentions_of is not None:
            mentions = mentions_of(article_id, self.labels())
            spans = _merge(spans + self.mention_spans(mentions))
        return spans

    def labels(self) -> tuple[str, ...] | None:
        """The mention labels the entity-field clauses can match (None: any,
        for the `entity` field)."""
        fields = {fieldname for fieldname, _words in self.names}
        if "entity" in fields:
            return None
        return tuple(label for label, field_ in ENTITY_FIELDS.items() if field_ in fields)

    def mention_spans(self, mentions: Sequence[MentionForms]) -> list[tuple[int, int]]:
        """The mentions of every entity an entity-field clause matches: a clause
        matches an entity when one of the forms the field indexes for it (the
        text of a mention, or its name) holds the clause's words in order."""
        known = self._holds_form
        matched: set[str] = set()
        for m in mentions:
            if not m.entity_id or m.entity_id in matched:
                continue
            key = (m.label, m.text, m.entity_name)
            holds = known.get(key)
            if holds is None:
                holds = known[key] = self._holds(m)
            if holds:
                matched.add(m.entity_id)
        return [(m.start, m.end) for m in mentions if m.entity_id in matched]

    def _holds(self, m: MentionForms) -> bool:
        """Whether a clause matches the mention's text or its entity's name."""
        field_ = ENTITY_FIELDS.get(m.label)
        if not field_:
            return False
        forms = [_name_tokens(m.text), _name_tokens(m.entity_name or m.text)]
        return any(
            fieldname in (field_, "entity") and any(_holds(form, words) for form in forms)
            for fieldname, words in self.names
        )

    def spans(self, text: str, analyzer: analysis.Analyzer) -> list[tuple[int, int]]:
        """Offsets of the plan's words and phrases in `text`.

        Tokenizes exactly like `NewsAnalyzer` (same pattern, folding and stem
        cache) but without Token objects: this runs for every hit shown. On
        ASCII text, only the article's distinct words are stemmed and a regex
        of the matching ones finds their places, instead of a Python step for
        every word of the article.
        """
        if not self.words and not self.phrases:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):
            return self._spans_any(text)
        ascii_text = lowered.isascii()
        # Words are folded one by one as the index folds them (not the whole
        # text: that cost ~4 ms per 100 KB); usable while folding keeps every
        # character one character and the words the same.
        if not ascii_text and not _FOLD_UNSAFE.isdisjoint(text):
            return self._spans_any(text)
        stems = STEM_CACHE

        def term_of(word: str) -> str:
            if not ascii_text and not word.isascii():
                word = word.translate(accent_map)
            term = stems.get(word)
            return term if term is not None else stem(word)

        distinct = set(WORD_RE.findall(lowered))
        terms = {w: term_of(w) for w in distinct}
        spans: list[tuple[int, int]] = []
        forms = [w for w, t in terms.items() if t in self.words]
        if forms:
            spans.extend(m.span() for m in _forms_re(forms).finditer(lowered))
        present = set(terms.values())
        for phrase in self.phrases:
            if not present.issuperset(phrase):
                continue
            heads = [w for w, t in terms.items() if t == phrase[0]]
            for m in _forms_re(heads).finditer(lowered):
                end = m.end()
                for want in phrase[1:]:
                    nxt = WORD_RE.search(lowered, end)
                    if nxt is None or term_of(nxt.group()) != want:
                        break
                    end = nxt.end()
                else:
                    spans.append((m.start(), end))
        return _merge(spans)

    def _spans_any(self, text: str) -> list[tuple[int, int]]:
        """`spans` for any text: one step per word, folding accents as the index does."""
        wanted = self.words
        spans: list[tuple[int, int]] = []
        tokens: list[tuple[str, int, int]] | None = [] if self.phrases else None
        stems = STEM_CACHE
        for match in WORD_RE.finditer(text):
            word = match.group().lower()
            if not word.isascii():
                word = fold(word)
            term = stems.get(word)
            if term is None:
                term = stem(word)
            if term in wanted:
                spans.append(match.span())
            if tokens is not None:
                tokens.append((term, match.start(), match.end()))
        for phrase in self.phrases:
            assert tokens is not None  # listed when there are phrases
            n = len(phrase)
            head = phrase[0]
            for i in range(len(tokens) - n + 1):
                if tokens[i][0] == head and all(tokens[i + k][0] == phrase[k] for k in range(1, n)):
                    spans.append((tokens[i][1], tokens[i + n - 1][2]))
        return _merge(spans)


#: Characters whose folded form is not one character of the same kind (word or
#: not): folding them changes lengths or where words break.
_FOLD_UNSAFE = frozenset(
    chr(k) if isinstance(k, int) else k
    for k, v in accent_map.items()
    if not (
        isinstance(v, str)
        and len(v) == 1
        and bool(re.match(r"\w", v)) == bool(re.match(r"\w", chr(k) if isinstance(k, int) else k))
    )
)


_NAME_ANALYZER = name_analyzer()


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def _name_tokens(form: str) -> tuple[str, ...]:
    """A name as the entity fields index it (lower case, accents folded)."""
    return tuple(t.text for t in _NAME_ANALYZER(form))


def _holds(tokens: tuple[str, ...], words: tuple[str, ...]) -> bool:
    n = len(words)
    if n == 1:
        return words[0] in tokens
    return any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1))


def _forms_re(forms: list[str]) -> re.Pattern[str]:
    """Whole tokens (as WORD_RE cuts them) equal to one of `forms`: not after a
    word character or "x.", not before a word character or ".x"."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w\.)(?:{alternatives})(?!\w)(?!\.\w)")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
