"""Exceptions the faces (CLI, TUI) turn into one-line messages.

Every exception here carries a message meant for a person: short, one line,
saying what went wrong and, where it helps, what to do.
"""


class ReaderError(Exception):
    """Base class: a failure to report to the user, never as a traceback."""

    exit_code = 1


class UsageError(ReaderError):
    """The user asked for something malformed (bad option, unknown id...)."""

    exit_code = 2


class ArticleError(ReaderError):
    """One article file could not be read; the rest of the collection goes on."""


class IndexBusy(ReaderError):
    """Another process holds the index lock for longer than we wait."""


class IndexUnavailable(ReaderError):
    """The index directory cannot be created, written or read."""


class IndexDamaged(IndexUnavailable):
    """A file of the index is proven damaged (wrong header, failed integrity check,
    another program's tables); only `reader index` replaces it."""


class IndexForeign(IndexUnavailable):
    """--index names a folder reader did not make (no marker, other files in it), or
    a file of the index is a link or a FIFO reader did not make: nothing is written
    through it or deleted."""


class QueryError(UsageError):
    """A search query the parser cannot read."""


class NotFound(UsageError):
    """An article or entity that does not exist."""


class ResultsExpired(ReaderError):
    """A result set was made before the index was refreshed: search again."""
