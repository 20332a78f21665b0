"""Text analysis for the index: one fused pass instead of a chain of filters.

Whoosh's StemmingAnalyzer chains four generators (tokenize, lowercase, stem,
fold accents) per token; this does the same work in one loop with a stem cache,
which is most of indexing time in pure Python. `words_of` gives the unstemmed
words of a text for the vocabulary (prefix, fuzzy and "did you mean").
"""

from __future__ import annotations

import re

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

# Whoosh's default token pattern, without "*" (which is query syntax, not text).
WORD_RE = re.compile(r"\w+(?:\.?\w+)*", re.UNICODE)

#: word -> stem; shared with the match-offset scan in reader.fulltext.search.
STEM_CACHE: dict[str, str] = {}
_stems = STEM_CACHE


def fold(word: str) -> str:
    """Lower case without accents: how a word is compared everywhere in the index."""
    word = word.lower()
    return word if word.isascii() else word.translate(accent_map)


def stem(word: str) -> str:
    """The index term of a folded word (Porter stem, cached)."""
    cached = _stems.get(word)
    if cached is None:
        cached = _stems[word] = porter_stem(word)
        if len(_stems) > 500_000:  # bounded memory on enormous vocabularies
            _stems.clear()
    return cached


def words_of(text: str) -> set[str]:
    """The distinct folded words of a text (the unstemmed vocabulary)."""
    lowered = text.lower()
    words = set(WORD_RE.findall(lowered))
    if not lowered.isascii():
        words = {w if w.isascii() else w.translate(accent_map) for w in words}
    return words


class NewsAnalyzer(Tokenizer):
    """Tokenize, lower-case, fold accents and stem, in one pass (no stop list)."""

    def __init__(self, stemming: bool = True):
        self.stemming = stemming

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NewsAnalyzer) and other.stemming == self.stemming

    def __hash__(self) -> int:
        return hash((NewsAnalyzer, self.stemming))

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stemming = self.stemming
        if not tokenize:
            # Whole-value analysis is how the parser hands over wildcard and
            # prefix patterns: fold them, never stem them (they expand over
            # the unstemmed vocabulary).
            word = fold(value)
            t.original = value
            t.text = word
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        if not chars and not keeporiginal:
            # Indexing path (positions only): one C-level findall over the
            # folded text, and the stem cache, with no match objects.
            lowered = value.lower()
            if not lowered.isascii():
                lowered = lowered.translate(accent_map)
            stems = _stems
            for pos, word in enumerate(WORD_RE.findall(lowered), start_pos):
                if stemming:
                    term = stems.get(word)
                    t.text = term if term is not None else stem(word)
                else:
                    t.text = word
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = pos
                yield t
            return
        ascii_text = value.isascii()
        for pos, match in enumerate(WORD_RE.finditer(value)):
            word = match.group().lower()
            if not ascii_text and not word.isascii():
                word = word.translate(accent_map)
            if keeporiginal:
                t.original = match.group()
            t.text = stem(word) if stemming else word
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t
