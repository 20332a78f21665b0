"""The read side of the core: what the CLI and the TUI ask of an indexed collection.

Opens the store and the Whoosh index built by `reader.indexer`; thread-safe so a
TUI worker can search while the UI thread reads articles.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.config import Settings
from reader.contexts import MentionInContext, in_context
from reader.corpus import Article
from reader.errors import IndexUnavailable, NotFound
from reader.paths import IndexPaths
from reader.store import ArticleSummary, Store, StoredEntity, StoredMention
from reader.textio import safe_name, scrub_surrogates

if TYPE_CHECKING:
    from reader.analytics.cooccurrence import Edge
    from reader.analytics.kwic import KwicLine
    from reader.analytics.timeline import Timeline
    from reader.fulltext import search
    from reader.fulltext.search import MentionForms
    from reader.workflow.store import UserStore


#: Read-only connections kept for worker threads (see Library._reading).
POOL_SIZE = 4


@dataclass(frozen=True, slots=True)
class EntityListing:
    """A slice of the collection's entities, most mentioned first."""

    total: int  # entities in all (of the type asked for)
    offset: int  # where `entities` starts in the whole list
    entities: list[StoredEntity]

    @property
    def complete(self) -> bool:
        return self.offset == 0 and len(self.entities) == self.total

    def note(self) -> str | None:
        """ "showing 1-500 of 12,345 entities" when this is not the whole list."""
        if self.complete:
            return None
        if not self.entities:
            return f"none shown of {self.total:,} entities"
        last = self.offset + len(self.entities)
        return f"showing {self.offset + 1:,}-{last:,} of {self.total:,} entities"


@dataclass(frozen=True, slots=True)
class RankedEntity:
    """An entity seen with another: articles shared, and how much more than chance
    (see reader/analytics/cooccurrence.py)."""

    entity: StoredEntity
    shared_articles: int
    llr: float = 0.0
    pmi: float = 0.0


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    summary: ArticleSummary
    shared_entities: int
    score: float = 0.0  # tf-idf cosine over entities (reader/analytics/related.py)
    shared: tuple[str, ...] = ()  # the shared entities' ids, most weight first


def _query_text(query: str) -> str:
    """A query as valid text: undecodable bytes from a command line arrive as lone
    surrogates, which SQLite (the vocabulary) cannot take."""
    return scrub_surrogates(query)[0]


def _countries_of_peoples(store: Store, peoples: Iterable[StoredEntity]) -> dict[str, StoredEntity]:
    """People entity id -> the country entity its name (or an alias) is a
    demonym of, for the countries the collection holds as a place."""
    from reader.entities.demonyms import countries_of_demonym

    wanted: dict[str, str] = {}
    for people in peoples:
        if people.type != "NORP":
            continue
        for name in (people.name, *people.aliases):
            if (country := countries_of_demonym(name)) is not None:
                wanted[people.id] = country
                break
    if not wanted:
        return {}
    places: dict[str, StoredEntity] = {}
    for found in store.entities_named(set(wanted.values()), ("GPE", "LOC")):
        places.setdefault(found.name.lower(), found)  # most mentioned first
    return {
        people: place
        for people, country in wanted.items()
        if (place := places.get(country.lower())) is not None
    }


class Library:
    """An indexed collection, read. With `open_search=False` the Whoosh index
    is opened at the first search (or `warm()`) instead: a face can show the
    collection from the store before it has loaded any search machinery."""

    def __init__(self, settings: Settings, *, open_search: bool = True):
        self.settings = settings
        paths = IndexPaths(settings.index_dir)
        if not paths.store.exists():
            raise IndexUnavailable(f"no index in {settings.index_dir}; run `reader index` first")
        from reader.indexdir import refuse_links

        refuse_links(paths)  # SQLite would write its log through a planted link
        # `store` (and the caches) belong to the thread that made the library (the
        # TUI's UI thread) and to whoever holds `_lock`. Other threads (the TUI's
        # workers) read through connections of their own from a small pool, so a
        # long read in a worker (an entity page, co-occurrences) never makes a key
        # wait for the lock (see `_reading`).
        self._lock = threading.RLock()
        self._owner = threading.get_ident()
        self._pool: list[Store] = []
        self._pool_lock = threading.Lock()
        self._pool_generation = 0
        self._pooled: dict[int, int] = {}  # id(store) -> generation it was opened in
        self._search_lock = threading.Lock()
        self._userdata_lock = threading.Lock()
        self._searcher: search.Searcher | None = None
        self._userdata: UserStore | None = None
        self._renames_followed = False
        if open_search:
            index = self._open_index()
        self._store_path = paths.store
        try:
            self.store = Store(paths.store)
        except IndexUnavailable:  # a read-only index folder: reading is all a reader needs
            self.store = Store(paths.store, readonly=True)
        self._texts: OrderedDict[str, str] = OrderedDict()
        # The searcher's vocabulary lookups get their own connection: searches run
        # in worker threads while the UI thread reads articles.
        from reader.store import connect

        try:
            self._vocab_conn = connect(paths.store)
        except IndexUnavailable:
            self._vocab_conn = connect(paths.store, readonly=True)
        if open_search:
            self._searcher = self._new_searcher(index)

    @contextmanager
    def _reading(self) -> Iterator[Store]:
        """A store to read from: the library's own on its thread (under the lock),
        else a pooled read-only connection used by this thread alone meanwhile."""
        if threading.get_ident() == self._owner:
            with self._lock:
                yield self.store
            return
        with self._pool_lock:
            store = self._pool.pop() if self._pool else None
            generation = self._pool_generation
        if store is None:
            try:
                store = Store(self._store_path, readonly=True)
            except IndexUnavailable:  # cannot open another: share the library's
                with self._lock:
                    yield self.store
                return
        with self._pool_lock:
            self._pooled[id(store)] = self._pooled.get(id(store), generation)
        try:
            yield store
        finally:
            with self._pool_lock:
                fresh = self._pooled.get(id(store)) == self._pool_generation
                if fresh and len(self._pool) < POOL_SIZE:
                    self._pool.append(store)
                    store = None
                else:
                    self._pooled.pop(id(store), None)
            if store is not None:
                store.close()

    def _close_pool(self) -> None:
        """Close the idle pooled connections; those in use close when given back."""
        with self._pool_lock:
            idle, self._pool = self._pool, []
            self._pool_generation += 1
            for store in idle:
                self._pooled.pop(id(store), None)
        for store in idle:
            store.close()

    def _open_index(self) -> Any:  # a Whoosh FileIndex (Whoosh ships no types)
        from reader.indexer import open_whoosh

        whoosh = IndexPaths(self.settings.index_dir).whoosh
        index, damage = open_whoosh(whoosh)
        if damage:
            raise IndexUnavailable(
                f"{damage} in {safe_name(str(whoosh))}; run `reader index` to rebuild it"
            )
        if index is None:
            raise IndexUnavailable(
                f"no index in {self.settings.index_dir}; run `reader index` first"
            )
        return index

    def _new_searcher(self, index: Any) -> search.Searcher:
        from reader.fulltext import search
        from reader.fulltext.vocabulary import Vocabulary

        vocabulary = (
            self._searcher.vocabulary
            if self._searcher is not None
            else Vocabulary(self._vocab_conn)
        )
        searcher = search.Searcher(
            index, text_of=self.text_of, vocabulary=vocabulary, mentions_of=self._mention_forms
        )
        from reader.workflow.query import UserFields

        searcher.user_fields = UserFields(self._userdata_for_queries, self._articles_mentioning)
        return searcher

    @property
    def userdata(self) -> UserStore:
        """The user's read state, stars, tags, notes... for this collection
        (reader/workflow/store.py), opened at first use."""
        with self._userdata_lock:
            if self._userdata is None:
                from reader.workflow.store import UserStore

                self._userdata = UserStore.for_collection(self.settings.articles_dir)
            return self._userdata

    def _userdata_for_queries(self) -> UserStore:
        """The user data, with renamed files followed once first (is:read after a
        rename still finds the article)."""
        if not self._renames_followed:
            self.follow_renames()
            self.follow_curation()
        return self.userdata

    def follow_renames(self) -> int:
        """Move the user's data from renamed files' old ids to their new ones
        (same content hash); see UserStore.follow_renames."""
        self._renames_followed = True
        with self._reading() as store:
            hashes = store.article_hashes()
        return self.userdata.follow_renames(hashes)

    def follow_curation(self) -> int:
        """Move the user's tags, notes and watches of merged entities to the one
        kept, or back after an undo (reader/workflow/follow.py)."""
        from reader.workflow.follow import follow_curation

        return follow_curation(self)

    def _articles_mentioning(self, entity_ids: list[str]) -> set[str]:
        with self._reading() as store:
            return store.articles_mentioning(entity_ids)

    @property
    def searcher(self) -> search.Searcher:
        # Its own lock: loading the index (a worker, at start-up) takes a while.
        with self._search_lock:
            if self._searcher is None:
                self._searcher = self._new_searcher(self._open_index())
            return self._searcher

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._close_pool()
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._vocab_conn.close()
            self.store.close()
            if self._userdata is not None:
                self._userdata.close()

    def refresh(self) -> None:
        """See what a finished index update wrote.

        The Whoosh index is opened afresh rather than refreshed: after a rebuild
        (old segments dropped, or the folder re-created) Whoosh's own refresh can
        keep readers of segments that are gone and count documents twice. A
        searcher that cannot be opened leaves the old one in use.
        """
        from reader.fulltext import search

        with self._lock, self._search_lock:
            try:
                index = search.open_index(IndexPaths(self.settings.index_dir).whoosh)
                fresh = self._new_searcher(index) if index else None
            except Exception:  # damaged meanwhile: the next update rebuilds it
                fresh = None
            if fresh is not None:
                old, self._searcher = self._searcher, fresh
                if old is not None:
                    old.close()
            self._texts.clear()
        self._close_pool()  # connections opened from now on see the update

    # -- articles
    def article(self, article_id: str) -> Article:
        with self._reading() as store:
            article = store.article(article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id!r}")
        return article

    def text_of(self, article_id: str) -> str | None:
        with self._lock:
            text = self._texts.get(article_id)
            if text is not None:
                self._texts.move_to_end(article_id)
                return text
        with self._reading() as store:
            text = store.text(article_id)
        if text is None:
            return None
        with self._lock:
            self._texts[article_id] = text
            self._texts.move_to_end(article_id)
            if len(self._texts) > 64:
                self._texts.popitem(last=False)
        return text

    def articles(self, ids: Sequence[str] | None = None) -> list[ArticleSummary]:
        with self._reading() as store:
            return store.summaries(ids)

    def article_count(self) -> int:
        with self._reading() as store:
            return store.article_count()

    def problems(self) -> list[str]:
        with self._reading() as store:
            return store.problems()

    # -- search
    def warm(self) -> None:
        """Load now what the first search would load (off the UI thread)."""
        try:
            self.searcher.warm()
        except Exception:
            pass

    def search_results(
        self, query: str, filter_ids: Sequence[str] | None = None
    ) -> search.ResultSet:
        """Every hit of `query`, ranked, to page or scroll through.

        `total` is known at once; `ids(start, stop)` gives any slice of the
        ranking cheaply, `hits(start, stop)` adds match offsets and snippets,
        made only for the hits asked for (and kept); `page(n, pagelen)` is one
        page. Raises QueryError (a one-line message) for a query it cannot read.
        After `refresh()`, slices not fetched before raise ResultsExpired.
        """
        from reader.fulltext import search

        try:
            return self.searcher.results(_query_text(query), filter_ids)
        except Exception as exc:
            raise search.damage_error(exc) or exc from None

    def search(self, query: str, page: int = 1, pagelen: int = 10) -> search.SearchResults:
        """One page of hits of `query` (see `search_results` to page through all)."""
        from reader.fulltext import search

        results = self.search_results(query)
        try:
            return results.page(page, pagelen)
        except Exception as exc:
            raise search.damage_error(exc) or exc from None

    def match_spans(self, query: str, article_id: str) -> list[tuple[int, int]]:
        """Offsets of every match of `query` in an article (its words, phrases,
        and the mentions of the entities its entity clauses match)."""
        from reader.fulltext import search

        text = self.text_of(article_id)
        if text is None:
            return []
        try:
            return self.searcher.match_spans(_query_text(query), text, article_id)
        except Exception as exc:
            raise search.damage_error(exc) or exc from None

    def _mention_forms(
        self, article_id: str, labels: tuple[str, ...] | None = None
    ) -> list[MentionForms]:
        """An article's linked mentions (of `labels`, or all) with their entity's
        name (for entity-field matches)."""
        from reader.fulltext.search import MentionForms

        with self._reading() as store:
            rows = store.named_mentions(article_id, labels)
        return [MentionForms(*r) for r in rows]

    # -- entities
    def mentions(self, article_id: str) -> list[StoredMention]:
        with self._reading() as store:
            return store.mentions_of_article(article_id)

    def entity_listing(
        self, type_: str | None = None, offset: int = 0, limit: int | None = None
    ) -> EntityListing:
        """The collection's entities (of one type), most mentioned first: the
        slice from `offset`, at most `limit` (all by default), and how many
        there are in all. Every face lists entities with this, so they count
        alike: an entity's `mention_count` is the number of its stored
        mentions in the whole collection, `article_count` the articles those
        are in."""
        with self._reading() as store:
            total = store.entity_count(type_)
            entities = store.entities(type_, limit, offset) if limit != 0 else []
        return EntityListing(total, max(0, offset), entities)

    def entities(self, type_: str | None = None, limit: int | None = None) -> list[StoredEntity]:
        """The first `limit` entries of `entity_listing` (all by default)."""
        return self.entity_listing(type_, 0, limit).entities

    def entities_of_article(
        self, article_id: str, mentions: Sequence[StoredMention] | None = None
    ) -> list[tuple[StoredEntity, int]]:
        """(entity, mentions in this article), most mentioned first (`mentions`:
        the article's, when the caller has them already)."""
        counts: dict[str, int] = {}
        for m in self.mentions(article_id) if mentions is None else mentions:
            if m.entity_id:
                counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
        with self._reading() as store:
            found = store.entities_by_id(counts)
        out = [(found[eid], n) for eid, n in counts.items() if eid in found]
        out.sort(key=lambda pair: (-pair[1], pair[0].name))
        return out

    def entities_by_id(self, ids: Iterable[str]) -> dict[str, StoredEntity]:
        with self._reading() as store:
            return store.entities_by_id(ids)

    def entity(self, entity_id: str) -> StoredEntity:
        with self._reading() as store:
            entity = store.entity(entity_id)
        if entity is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return entity

    def find_entity(self, name: str) -> StoredEntity:
        """The entity called `name` (id, name or alias), else a NotFound with suggestions."""
        with self._reading() as store:
            found = store.find_entities(name)
            if found:
                return found[0]
            candidates = {e.name: e for e in store.entities()}
        from rapidfuzz import process

        close = process.extract(name, list(candidates), limit=3, score_cutoff=70)
        hint = f"; did you mean {', '.join(repr(c[0]) for c in close)}?" if close else ""
        raise NotFound(f"no entity named {name!r}{hint}")

    def also_referred_to_as(self, entity_id: str) -> list[StoredEntity]:
        """The peoples a country is also referred to by: the collection's groups
        named by its demonyms ("Germans" on Germany's page), most mentioned first."""
        from reader.entities.demonyms import demonyms_of

        entity = self.entity(entity_id)
        if entity.type not in ("GPE", "LOC"):
            return []
        forms = {f for name in (entity.name, *entity.aliases) for f in demonyms_of(name)}
        with self._reading() as store:
            return store.entities_named(forms, ("NORP",))

    def country_of(self, entity_id: str) -> StoredEntity | None:
        """The country a people's group names ("Germans" -> Germany), if the
        collection mentions it."""
        entity = self.entity(entity_id)
        if entity.type != "NORP":
            return None
        with self._reading() as store:
            return _countries_of_peoples(store, [entity]).get(entity.id)

    def peoples_countries(self) -> dict[str, str]:
        """People entity id -> the id of its country, for every group named by a
        demonym whose country the collection mentions ("norp:germans" ->
        "gpe:germany"): with the setting on (READER_DEMONYMS), the export
        counts a demonym as a mention of its country."""
        with self._reading() as store:
            found = _countries_of_peoples(store, store.entities("NORP"))
        return {people: country.id for people, country in found.items()}

    def mentions_in_context(self, entity_id: str, width: int = 50) -> list[MentionInContext]:
        """Every mention of an entity with about `width` characters around it:
        exact slices of the article text, cut between words (see reader.contexts)."""
        with self._reading() as store:
            mentions = store.mentions_of_entity(entity_id)
        return [
            in_context(m.article_id, self.text_of(m.article_id) or "", m.start, m.end, width)
            for m in mentions
        ]

    def entity_article_ids(self, entity_id: str) -> list[str]:
        """The ids of the articles mentioning an entity, in id order (no summaries:
        `}` asks this on every press that leaves an article)."""
        with self._reading() as store:
            return sorted(aid for aid, _ in store.entity_articles(entity_id))

    def entity_articles(self, entity_id: str) -> list[tuple[ArticleSummary, int]]:
        with self._reading() as store:
            pairs = store.entity_articles(entity_id)
            summaries = {s.id: s for s in store.summaries([p[0] for p in pairs])}
        return [(summaries[aid], n) for aid, n in pairs if aid in summaries]

    def co_occurring(
        self, entity_id: str, limit: int | None = 20, measure: str = "llr"
    ) -> list[RankedEntity]:
        """Entities seen in the same articles, ranked by `measure` (llr, pmi, count)."""
        from reader.analytics import cooccurrence

        with self._reading() as store:
            entity = store.entity(entity_id)
            if entity is None:
                return []
            counts = store.cooccurrence_counts(entity_id)
            others = store.entities_by_id(eid for eid, _ in counts)
            n = store.article_count()
        found = cooccurrence.associations(
            entity.article_count,
            n,
            [(eid, k, others[eid].article_count) for eid, k in counts if eid in others],
        )
        ranked = cooccurrence.ranked(found, measure)[:limit]
        return [RankedEntity(others[a.other], a.together, a.llr, a.pmi) for a in ranked]

    def cooccurrence_network(
        self, limit: int, min_together: int = 1
    ) -> tuple[dict[str, StoredEntity], list[Edge]]:
        """The network of the `limit` entities in most articles: ({id: entity},
        edges strongest first), pairs seen in at least `min_together` articles."""
        from reader.analytics import cooccurrence

        with self._reading() as store:
            top = store.entities_in_most_articles(limit)
            pairs = list(store.article_entity_pairs([e.id for e in top]))
            n = store.article_count()
        counts = cooccurrence.pair_counts(pairs)
        edges = cooccurrence.edges(counts, {e.id: e.article_count for e in top}, n, min_together)
        return {e.id: e for e in top}, edges

    def all_mentions(self) -> Iterator[StoredMention]:
        """Every mention, by article and offset (read as it goes)."""
        return self.store.all_mentions()

    def articles_with_all(self, entity_ids: Sequence[str]) -> list[ArticleSummary]:
        """The articles that mention every one of these entities (a pair: both)."""
        with self._reading() as store:
            return store.summaries(store.articles_with_all(entity_ids))

    def mention_spans(self, article_id: str, entity_ids: Sequence[str]) -> list[tuple[int, int]]:
        """Offsets of the mentions of these entities in an article."""
        with self._reading() as store:
            return store.mention_spans(article_id, entity_ids)

    def related_articles(self, article_id: str, limit: int = 10) -> list[RelatedArticle]:
        """Articles sharing the most distinctive entities (tf-idf cosine over entities)."""
        from reader.analytics import related

        with self._reading() as store:
            own = store.entity_counts([article_id])
            entity_ids = [e for _, e, _ in own]
            df = {e.id: e.article_count for e in store.entities_by_id(entity_ids).values()}
            n = store.article_count()
            query = related.vectors(own, df, n).get(article_id, {})
            rows = store.entity_article_counts(list(query))
            first = related.first_scores(query, rows, df, n, exclude=article_id)
            best = sorted(first, key=lambda a: (-first[a], a))[: related.CANDIDATES]
            rows = store.entity_counts(best)
            df.update(
                (e.id, e.article_count)
                for e in store.entities_by_id({e for _, e, _ in rows} - set(df)).values()
            )
        ranked = related.cosine_ranked(query, related.vectors(rows, df, n), limit)
        summaries = {s.id: s for s in self.articles([r.article_id for r in ranked])}
        return [
            RelatedArticle(summaries[r.article_id], len(r.shared), r.score, r.shared)
            for r in ranked
            if r.article_id in summaries
        ]

    # -- timelines and concordances (reader/analytics/)
    def entity_dates(self, entity_id: str) -> list[tuple[str | None, int, int]]:
        """(date, mentions, articles) of an entity, one row per date (None: undated)."""
        with self._reading() as store:
            return store.entity_mention_dates(entity_id)

    def article_dates(self, ids: Sequence[str] | None = None) -> list[tuple[str, str | None]]:
        with self._reading() as store:
            return store.article_dates(ids)

    def entity_timeline(self, entity_id: str, unit: str | None = None) -> Timeline:
        """Mentions of an entity over time (undated ones counted apart)."""
        from reader.analytics import timeline

        return timeline.build([(d, m) for d, m, _ in self.entity_dates(entity_id)], unit=unit)

    def entity_timelines(self, entity_ids: Sequence[str]) -> list[Timeline]:
        """Several entities' mentions over time on one axis (to compare them)."""
        from reader.analytics import timeline

        return timeline.aligned(*[[(d, m) for d, m, _ in self.entity_dates(e)] for e in entity_ids])

    def search_timeline(self, query: str, unit: str | None = None) -> Timeline:
        """Articles matching `query` over time (all of them, not one page)."""
        from reader.analytics import timeline

        results = self.search_results(query)
        ids = results.ids(0, results.total)
        return timeline.build([(d, 1) for _, d in self.article_dates(ids)], unit=unit)

    def entity_kwic(
        self, entity_id: str, sort: str = "article", first: int | None = None
    ) -> list[KwicLine]:
        """Every mention of an entity in context, sorted (see analytics/kwic.py);
        with `first`, only the first lines in article order (a page's first
        screenful, read in milliseconds whatever the entity's mention count)."""
        from reader.analytics import kwic

        if first is not None and sort != "article":
            raise ValueError("only the article order has its first lines apart")
        with self._reading() as store:
            mentions = store.mentions_of_entity(entity_id, limit=first)
            summaries = {
                s.id: s for s in store.summaries(dict.fromkeys(m.article_id for m in mentions))
            }
        lines = []
        for m in mentions:
            s = summaries.get(m.article_id)
            text = self.text_of(m.article_id) or ""
            lines.append(
                kwic.line_at(
                    m.article_id,
                    text,
                    m.start,
                    m.end,
                    date=s.date if s else None,
                    title=s.title if s else "",
                )
            )
        return kwic.sort_lines(lines, sort)

    def word_kwic(
        self, query: str, sort: str = "article", limit: int | None = None
    ) -> tuple[list[KwicLine], int]:
        """Every match of a word (or any query) in context: (lines, matching articles).

        Articles are read in ranking order until `limit` lines are found; the
        lines are then sorted."""
        from reader.analytics import kwic

        results = self.search_results(query)
        lines: list[kwic.KwicLine] = []
        step = 100
        for first in range(0, results.total, step):
            ids = results.ids(first, first + step)
            summaries = {s.id: s for s in self.articles(ids)}
            for aid in ids:
                text = self.text_of(aid) or ""
                s = summaries.get(aid)
                for start, end in self.match_spans(query, aid):
                    lines.append(
                        kwic.line_at(
                            aid,
                            text,
                            start,
                            end,
                            date=s.date if s else None,
                            title=s.title if s else "",
                        )
                    )
                if limit is not None and len(lines) >= limit:
                    return kwic.sort_lines(lines[:limit], sort), results.total
        return kwic.sort_lines(lines, sort), results.total

    # -- near-duplicates (computed at index time: reader/analytics/duplicates.py)
    def duplicate_groups(self) -> dict[str, list[str]]:
        """Group id -> the ids of its articles (two or more), for every group.

        The basis for marking a whole group read once read state exists."""
        with self._reading() as store:
            try:
                return store.duplicate_groups()
            except sqlite3.OperationalError:  # an index made before near-duplicates
                return {}

    def versions_of(self, article_id: str) -> list[ArticleSummary]:
        """The articles of this article's group of near-duplicates (itself when alone),
        oldest first."""
        with self._reading() as store:
            try:
                ids = store.group_of(article_id)
            except sqlite3.OperationalError:
                ids = [article_id]
            summaries = store.summaries(ids)
        return sorted(summaries, key=lambda s: (s.date or "", s.id))

    def similar_to(self, article_id: str) -> list[tuple[str, float]]:
        """(article id, estimated similarity) of an article's near-duplicates."""
        with self._reading() as store:
            try:
                return sorted(store.similar_to(article_id), key=lambda p: (-p[1], p[0]))
            except sqlite3.OperationalError:
                return []
