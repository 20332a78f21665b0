"""Cheaper segment writing for Whoosh, with the same files written.

Building an index spends most of its Whoosh time in two places this module
replaces (reader.fulltext.patches installs it before the indexer writes):

* **Run files.** A writer's posting pool spills sorted runs to disk when it
  passes its memory limit, one ``pickle.dump`` per posting, then reads them
  back one ``pickle.load`` at a time while merging. Here a run is written as
  marshalled chunks of postings: two C calls per chunk instead of one Python
  round-trip per posting. Run files are private to one writer and deleted
  when it finishes, so their format is ours to choose.
* **Positions.** The text and title fields' postings (word -> positions in
  the document) are built from one ``findall`` over the folded text and the
  stem cache, with no Token objects: the same terms, weights and encoded
  positions as ``Positions.word_values`` fed by ``NewsAnalyzer``.
* **Field lengths.** For every posting the postings writer asks the segment
  for the document's field length (BM25's block statistics): a method call,
  a column lookup, a seek and a read each time. Here each field's length
  column is read once into memory and the lookups index into it.

Both produce byte-identical segments (tests/core/test_segments.py).
"""

from __future__ import annotations

import marshal
from pickle import dumps

from whoosh import formats, writing
from whoosh.codec import base as codec_base, whoosh3 as w3
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

from reader.fulltext.analysis import STEM_CACHE, WORD_RE, NewsAnalyzer, stem

#: Postings per marshalled chunk of a run file.
RUN_CHUNK = 20_000
_BYTE_TO_LENGTH = tuple(byte_to_length(b) for b in range(256))


def _write_run(self, f, items) -> None:
    chunk: list = []
    append = chunk.append
    dump = marshal.dump
    for item in items:
        append(item)
        if len(chunk) >= RUN_CHUNK:
            dump(chunk, f)
            chunk.clear()
    if chunk:
        dump(chunk, f)
    f.close()


def _pool_add(self, item) -> None:
    # PostingPool.add without its type asserts (the writer made the item);
    # the same size estimate, so runs spill at the same points.
    self.fieldnames.add(item[0])
    self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


def _read_run(self, path):
    f = self._open_run(path)
    try:
        load = marshal.load
        while True:
            try:
                chunk = load(f)
            except EOFError:
                return
            yield from chunk
    finally:
        f.close()
        self._remove_run(path)


class _Lengths:
    """A W3 per-document reader whose `doc_field_length` reads from memory."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._doccount = reader._doccount
        self._columns: dict[str, bytes | None] = {}

    def _column(self, fieldname: str) -> bytes | None:
        try:
            return self._columns[fieldname]
        except KeyError:
            pass
        column = self._reader._cached_reader(w3._lenfield(fieldname), w3.LENGTHS_COLUMN)
        lengths = self._columns[fieldname] = None if column is None else bytes(column.load())
        return lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        # Exactly W3PerDocReader.doc_field_length, which returns None for a zero byte.
        if docnum > self._doccount:
            raise IndexError("Asked for docnum %r of %d" % (docnum, self._doccount))
        column = self._column(fieldname)
        if column is None:
            return default
        lbyte = column[docnum] if docnum < len(column) else 0
        if lbyte:
            return _BYTE_TO_LENGTH[lbyte]
        return None

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


_original_word_values = formats.Positions.word_values


def _word_values(self, value, analyzer, **kwargs):
    if type(analyzer) is not NewsAnalyzer or type(value) is not str or kwargs.keys() - {"mode"}:
        return _original_word_values(self, value, analyzer, **kwargs)
    return _news_word_values(self.field_boost, value, analyzer.stemming)


def _news_word_values(field_boost: float, value: str, stemming: bool):
    lowered = value.lower()
    if not lowered.isascii():
        lowered = lowered.translate(accent_map)
    words = WORD_RE.findall(lowered)
    if stemming:
        cached = STEM_CACHE.get
        words = [cached(w) or stem(w) for w in words]
    poses: dict[str, list[int]] = {}
    get = poses.get
    for pos, term in enumerate(words):
        where = get(term)
        if where is None:
            poses[term] = [pos]
        else:
            where.append(pos)
    for term, where in poses.items():
        deltas = [b - a for a, b in zip([0, *where], where)]
        yield (
            term,
            len(where),
            float(len(where)) * field_boost,
            pack_uint(len(deltas)) + dumps(deltas, 2),
        )


_original_add_postings = codec_base.FieldWriter.add_postings


def _add_postings(self, schema, lengths, items):
    if type(lengths) is w3.W3PerDocReader:
        lengths = _Lengths(lengths)
    return _original_add_postings(self, schema, lengths, items)


#: What reader.fulltext.patches.install_writer installs: (owner, name, replacement).
PATCHES = (
    (writing.PostingPool, "_write_run", _write_run),
    (writing.PostingPool, "_read_run", _read_run),
    (writing.PostingPool, "add", _pool_add),
    (codec_base.FieldWriter, "add_postings", _add_postings),
    (formats.Positions, "word_values", _word_values),
)
ORIGINALS = tuple((owner, name, getattr(owner, name)) for owner, name, _ in PATCHES)
