"""Articles and their formats: .txt, .md, .html and .jsonl.

A folder of files becomes a list of `Article`s. Offsets everywhere in reader are
character offsets into `Article.text`; for a .txt file that is the file's
decoded text (title line included, see `reader.textio.decode_bytes`).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from reader.errors import ArticleError
from reader.metadata import MetaProblems, dateline_date, read_date
from reader.textio import decode_bytes, looks_binary, safe_name, scrub_surrogates


class UnreadableFile(ArticleError):
    """The file could not be read at all (permissions, vanished, I/O error): worth
    trying again next time even when its size and mtime have not changed."""


SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
TITLE_MAX = 160  # a first line longer than this is a paragraph, not a headline


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    text: str
    path: str  # relative to the articles folder, POSIX; "file.jsonl:LINE" for JSON lines
    format: str
    date: str | None = None  # ISO 8601 date when known
    source: str | None = None
    url: str | None = None
    author: str | None = None
    #: Where the title sits inside `text` (a .txt headline line), else None.
    title_span: tuple[int, int] | None = None
    hash: str = field(default="")

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each non-empty paragraph (blank-line separated)."""
        spans = []
        for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", self.text):
            if match.group().strip():
                spans.append((match.start(), match.end()))
        return spans


@dataclass(frozen=True, slots=True)
class FileLoad:
    """Result of reading one file: its articles and any warnings."""

    articles: list[Article]
    warnings: list[str]


def content_hash(*parts: str | None) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def _with_hash(article: Article) -> Article:
    digest = content_hash(
        article.title, article.text, article.date, article.source, article.url, article.author
    )
    return Article(**{**_fields(article), "hash": digest})


def _fields(article: Article) -> dict:
    return {name: getattr(article, name) for name in Article.__slots__}


# ---------------------------------------------------------------- metadata helpers


def normalize_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value, else None (see reader.metadata)."""
    return read_date(value).iso


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s")


def derive_title(text: str, limit: int = 100) -> str:
    """A title from the first sentence, shortened at a word boundary."""
    first = " ".join(text.strip().split("\n\n", 1)[0].split())
    if not first:
        return ""
    match = _SENTENCE_END.search(first + " ")
    sentence = first[: match.start()].strip() if match else first
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "…"


def headline_span(text: str) -> tuple[int, int] | None:
    """The span of a headline on line 1: short, followed by a blank line, not a sentence."""
    lead = len(text) - len(text.lstrip(" \t"))
    line_end = text.find("\n", lead)
    if line_end < 0:
        return None  # a one-line file is all body
    if not text.startswith("\n\n", line_end) and text[line_end:].strip():
        return None  # a headline needs a blank line after it
    first = text[lead:line_end].rstrip()
    if not first or len(first) > TITLE_MAX:
        return None
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None
    return lead, lead + len(first)


# ---------------------------------------------------------------- formats


def _name(path: Path) -> str:
    """A file's name for messages: valid text even when the name is not UTF-8."""
    return safe_name(path.name)


@contextmanager
def _article_file(path: Path) -> Iterator[BinaryIO]:
    """`path` open for reading, a regular file only (O_NONBLOCK: a FIFO named
    like an article must not block the build); an OS error, here or in the
    `with` block, is one line: UnreadableFile (tried again next run) or ArticleError."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise ArticleError(f"{_name(path)}: skipped, not a regular file")
            yield f
    except ArticleError:
        raise
    except PermissionError:
        raise UnreadableFile(f"{_name(path)}: cannot be read (permission denied)") from None
    except FileNotFoundError:
        raise UnreadableFile(f"{_name(path)}: vanished before it could be read") from None
    except IsADirectoryError:
        raise ArticleError(f"{_name(path)}: is a directory") from None
    except OSError as exc:
        raise UnreadableFile(f"{_name(path)}: cannot be read ({exc.strerror or exc})") from None


def _read_text(path: Path, max_bytes: int) -> tuple[str, list[str]]:
    with _article_file(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise ArticleError(_too_big(path, size, max_bytes))
        # Read at most one byte past the limit: a file growing while it is
        # read can never make the build read without end.
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleError(_too_big(path, len(data), max_bytes))
    if looks_binary(data):
        raise ArticleError(f"{_name(path)}: skipped, looks like a binary file")
    decoded = decode_bytes(data)
    warnings = []
    if decoded.replaced:
        warnings.append(f"{_name(path)}: invalid {decoded.encoding} bytes were replaced")
    return decoded.text, warnings


def _too_big(path: Path, size: int, max_bytes: int) -> str:
    return (
        f"{_name(path)}: skipped, {size / 1048576:.1f} MB is over the "
        f"{max_bytes / 1048576:.0f} MB limit (READER_MAX_FILE_MB)"
    )


def _load_txt(path: Path, rel: str, max_bytes: int) -> FileLoad:
    text, warnings = _read_text(path, max_bytes)
    if not text.strip():
        raise ArticleError(f"{_name(path)}: skipped, the file is empty")
    span = headline_span(text)
    title = text[span[0] : span[1]] if span else derive_title(text)
    article = Article(
        id="",
        title=title or safe_name(path.stem),
        text=text,
        path=rel,
        format="txt",
        title_span=span,
        date=dateline_date(text, span[1] if span else 0),
    )
    return FileLoad([article], warnings)


#: Front matter longer than this is not read (the file's text still is).
MAX_FRONT_MATTER = 64 * 1024


def _front_matter_handler(raw: str) -> Any:
    """The YAML handler, bounded: no aliases (600 bytes of nested aliases expand
    to gigabytes), at most MAX_FRONT_MATTER characters. None for other kinds
    (JSON, TOML: their parsers' RecursionError is caught like any error)."""
    import frontmatter

    handler = frontmatter.detect_format(raw, frontmatter.handlers)
    if isinstance(handler, frontmatter.default_handlers.YAMLHandler):
        return _bounded_yaml()
    return handler


@cache
def _bounded_yaml() -> Any:
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("aliases are not read in front matter")
            return super().compose_node(parent, index)

    class BoundedYAML(YAMLHandler):
        def load(self, fm: str, **kwargs: object) -> Any:
            if len(fm) > MAX_FRONT_MATTER:
                raise ValueError(f"longer than {MAX_FRONT_MATTER // 1024} KB")
            return yaml.load(fm, Loader=NoAliases)

    return BoundedYAML()


def _load_md(path: Path, rel: str, max_bytes: int) -> FileLoad:
    import frontmatter

    raw, warnings = _read_text(path, max_bytes)
    try:
        post = frontmatter.loads(raw, handler=_front_matter_handler(raw))
        meta, body = dict(post.metadata), post.content
    except Exception as exc:  # YAML errors come in many classes
        warnings.append(f"{_name(path)}: front matter ignored ({type(exc).__name__})")
        meta, body = {}, raw
    if not body.strip():
        raise ArticleError(f"{_name(path)}: skipped, no article text")
    problems = MetaProblems(_name(path))
    title = problems.text("title", meta.get("title"))
    if not title:
        heading = re.search(r"^#{1,2}\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
        title = heading.group(1).strip() if heading else derive_title(body)
    article = Article(
        id="",
        title=title or safe_name(path.stem),
        text=body,
        path=rel,
        format="md",
        date=problems.date(meta.get("date")),
        source=problems.text("source", meta.get("source")),
        url=problems.text("url", meta.get("url")),
        author=problems.text("author", meta.get("author") or meta.get("authors")),
    )
    return FileLoad([article], warnings + problems.warnings())


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """The article trafilatura finds in a page: paragraphs joined by blank lines."""

    title: str | None
    text: str
    date: str | None
    source: str | None
    url: str | None
    author: str | None
    #: Metadata that was dropped or read leniently (see reader.metadata).
    warnings: tuple[str, ...] = ()


def extract_html(raw: str, url: str | None = None, name: str = "page") -> HtmlArticle | None:
    """The main article text and metadata of an HTML page (menus, scripts and footers
    dropped), or None when the page has no article text. Raises ValueError when the
    HTML cannot be parsed at all. `name` names the page in warnings."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # lxml and trafilatura raise a zoo of errors on broken HTML
        raise ValueError(type(exc).__name__) from None
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    body = (data.get("text") or "").strip()
    if not body:
        return None
    problems = MetaProblems(name)
    title = problems.text("title", data.get("title"))
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    if not text:
        return None
    return HtmlArticle(
        title=title,
        text=text,
        date=problems.date(data.get("date")),
        source=problems.text("source", data.get("sitename") or data.get("hostname")),
        url=problems.text("url", data.get("url")),
        author=problems.text("author", data.get("author")),
        warnings=tuple(problems.warnings()),
    )


def _load_html(path: Path, rel: str, max_bytes: int) -> FileLoad:
    raw, warnings = _read_text(path, max_bytes)
    try:
        page = extract_html(raw, name=_name(path))
    except ValueError as exc:
        raise ArticleError(f"{_name(path)}: HTML could not be parsed ({exc})") from None
    if page is None:
        raise ArticleError(f"{_name(path)}: skipped, no article text found in the HTML")
    article = Article(
        id="",
        title=page.title or derive_title(page.text) or safe_name(path.stem),
        text=page.text,
        path=rel,
        format="html",
        date=page.date,
        source=page.source,
        url=page.url,
        author=page.author,
    )
    return FileLoad([article], warnings + list(page.warnings))


def _jsonl_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, text, None) for each line of a JSON-lines file, read one line
    at a time (a 200 MB export is never in memory whole); (line number, None,
    why) for a line over the size limit, which applies to each line (an article),
    not the file. UTF-16/32 files (rare) are read whole, under the file limit."""
    with _article_file(path) as f:
        head = f.read(8192)
        if looks_binary(head):
            raise ArticleError(f"{_name(path)}: skipped, looks like a binary file")
        if decode_bytes(head[:64]).encoding != "utf-8":
            text, _ = _read_text(path, max_bytes)
            for lineno, line in enumerate(text.split("\n"), start=1):
                yield lineno, line, None
            return
        f.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
        replaced = False
        lineno = 0
        while True:
            data = f.readline(max_bytes + 1)
            if not data:
                break
            lineno += 1
            if len(data) > max_bytes and not data.endswith(b"\n"):
                size = len(data)
                while data and not data.endswith(b"\n"):  # the rest of the line
                    data = f.readline(1 << 20)
                    size += len(data)
                yield lineno, None, _too_big_line(path, lineno, size, max_bytes)
                continue
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError:
                line, replaced = data.decode("utf-8", errors="replace"), True
            yield lineno, line.rstrip("\r\n"), None
        if replaced:
            yield lineno, None, f"{_name(path)}: invalid utf-8 bytes were replaced"


def _too_big_line(path: Path, lineno: int, size: int, max_bytes: int) -> str:
    return (
        f"{_name(path)}:{lineno}: skipped, {size / 1048576:.1f} MB is over the "
        f"{max_bytes / 1048576:.0f} MB limit for an article (READER_MAX_FILE_MB)"
    )


def _load_jsonl(path: Path, rel: str, max_bytes: int) -> FileLoad:
    warnings: list[str] = []
    articles = list(_jsonl_articles(path, rel, max_bytes, warnings))
    return FileLoad(articles, warnings)


def _jsonl_articles(path: Path, rel: str, max_bytes: int, warnings: list[str]) -> Iterator[Article]:
    """A JSON-lines file's articles as its lines are read; its warnings go to
    `warnings`, the metadata's ones once the file is read."""
    problems = MetaProblems(_name(path))
    found = False
    for lineno, line, problem in _jsonl_lines(path, max_bytes):
        if line is None:  # over the limit
            warnings.append(problem or f"{_name(path)}:{lineno}: skipped")
            continue
        if problem is not None:
            warnings.append(problem)
        if not line.strip():
            continue
        where = f"{_name(path)}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            warnings.append(f"{where}: skipped, not valid JSON ({exc.msg})")
            continue
        except RecursionError:  # [[[[...]]]]: Python's parser recurses per level
            warnings.append(f"{where}: skipped, nested too deeply")
            continue
        if not isinstance(record, dict):
            warnings.append(f"{where}: skipped, not a JSON object")
            continue
        body = record.get("body", record.get("text"))
        if not isinstance(body, str) or not body.strip():
            warnings.append(f'{where}: skipped, no "body" or "text"')
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        given_id = record.get("id")
        local = _slug(str(given_id)) if given_id not in (None, "") else str(lineno)
        line_no = str(lineno)
        found = True
        yield (
            Article(
                id=f"#{local}",  # after the file's id (load_file)
                title=(
                    problems.text("title", record.get("title"), line_no)
                    or derive_title(body)
                    or f"{safe_name(path.stem)} {lineno}"
                ),
                text=body,
                path=f"{rel}:{lineno}",
                format="jsonl",
                date=problems.date(record.get("date"), line_no),
                source=problems.text("source", record.get("source"), line_no),
                url=problems.text("url", record.get("url"), line_no),
                author=problems.text("author", record.get("author"), line_no),
            )
        )
    warnings.extend(problems.warnings())
    if not found and not warnings:
        raise ArticleError(f"{_name(path)}: skipped, no articles in the file")


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "x"


_LOADERS = {
    ".txt": _load_txt,
    ".md": _load_md,
    ".markdown": _load_md,
    ".html": _load_html,
    ".htm": _load_html,
    ".jsonl": _load_jsonl,
}


def load_file(path: Path, rel: str, article_id: str, max_bytes: int) -> FileLoad:
    """Read one file. `article_id` names single-article files (see `assign_ids`)."""
    streamed = stream_file(path, rel, article_id, max_bytes)
    articles = list(streamed.articles)
    return FileLoad(articles, streamed.warnings)


@dataclass
class StreamedFile:
    """One file's articles as they are read (a JSON-lines export is never in
    memory whole: each article can go to the store before the next is read), and
    its warnings, complete once `articles` is exhausted. A read error past the
    first article raises from `articles` (UnreadableFile, rare: an I/O error)."""

    articles: Iterator[Article]
    warnings: list[str]


def stream_file(path: Path, rel: str, article_id: str, max_bytes: int) -> StreamedFile:
    """`load_file`, an article at a time. A file that cannot be read, or holds no
    article, raises here (ArticleError, UnreadableFile), before any article."""
    warnings: list[str] = []
    raw: Iterator[Article]
    if path.suffix.lower() == ".jsonl":
        lines = _jsonl_articles(path, rel, max_bytes, warnings)
        first = next(lines, None)  # opens the file: its errors are raised here
        raw = lines if first is None else itertools.chain([first], lines)
    else:
        loaded = _LOADERS[path.suffix.lower()](path, rel, max_bytes)
        warnings.extend(loaded.warnings)
        raw = iter(loaded.articles)
    return StreamedFile(_finished(raw, article_id, warnings), warnings)


def _finished(raw: Iterator[Article], article_id: str, warnings: list[str]) -> Iterator[Article]:
    """Each article as stored: ids, one-line titles, no lone surrogates, a hash."""
    seen: set[str] = set()
    for article in raw:
        article, scrubbed = _scrubbed(article)
        if scrubbed:  # JSON "\ud800" escapes: text nothing downstream can store or show
            warnings.append(
                f"{safe_name(article.path)}: invalid characters (lone surrogates) were replaced"
            )
        aid = article.id or article_id
        if aid.startswith("#"):  # a JSON line: the file's id is its articles' base
            aid = article_id + aid
        if aid in seen:  # duplicate ids inside one JSON-lines file
            aid = f"{aid}-{article.path.rsplit(':', 1)[-1]}"
        seen.add(aid)
        # A title is one line everywhere: any line or paragraph separator (a
        # headline line can hold U+2028, a form feed...) becomes a space.
        title = " ".join(article.title.split()) or aid
        yield _with_hash(Article(**{**_fields(article), "id": aid, "title": title}))


def _scrubbed(article: Article) -> tuple[Article, bool]:
    changes = {}
    for name in ("id", "title", "text", "source", "url", "author"):
        value = getattr(article, name)
        if value:
            clean, changed = scrub_surrogates(value)
            if changed:
                changes[name] = clean
    if not changes:
        return article, False
    return Article(**{**_fields(article), **changes}), True


# ---------------------------------------------------------------- the folder


class FileEntry(NamedTuple):
    """One article file found by `scan` (a tuple: 10,000 of them at each update)."""

    full: str  # absolute path, as listed (a Path per file costs 60 ms a scan at 10k)
    rel: str  # relative to the articles folder, POSIX
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        return Path(self.full)


#: Folders nested deeper than this under the articles folder are not read (a warning).
MAX_DEPTH = 64
#: Never read from here, whatever a link says: not articles, and reading may hang.
_SYSTEM_DIRS = ("/proc", "/sys", "/dev")


def scan(root: Path, follow_links: bool = False) -> tuple[list[FileEntry], list[str]]:
    """Every article file under `root` (sorted), skipping hidden entries and loops.

    Links that stay inside `root` are followed; a link that leaves it is skipped
    with a warning unless `follow_links` (READER_FOLLOW_LINKS=1); nothing is ever
    read from /proc, /sys or /dev. Folders deeper than MAX_DEPTH are not read.
    The walk keeps its own stack: any depth of nesting, no recursion."""
    if not root.is_dir():
        from reader.errors import UsageError

        if root.exists():
            raise UsageError(f"the articles folder {safe_name(str(root))} is a file, not a folder")
        raise UsageError(f"articles folder not found: {root}")
    entries: list[FileEntry] = []
    warnings: list[str] = []
    real_root = os.path.realpath(root)
    try:
        st = os.stat(root)
        seen_dirs: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}
    except OSError:
        seen_dirs = set()
    too_deep = False
    stack: list[tuple[str, str, int]] = [(os.fspath(root), "", 0)]
    while stack:
        dirpath, prefix, depth = stack.pop()
        try:
            with os.scandir(dirpath) as listing:
                items = sorted(listing, key=lambda e: e.name, reverse=True)
        except OSError as exc:
            warnings.append(f"{safe_name(str(exc.filename))}: cannot be listed ({exc.strerror})")
            continue
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            full = item.path  # strings: a Path per file costs more than the stat
            shown = safe_name(prefix + name)
            try:
                link = item.is_symlink()
                if link:
                    why = _link_refused(full, real_root, follow_links)
                    if why:
                        if os.path.isdir(full) or name.lower().endswith(SUFFIXES):
                            warnings.append(f"{shown}: skipped, {why}")
                        continue
                st = os.stat(full)
            except OSError:
                if name.lower().endswith(SUFFIXES):
                    warnings.append(f"{safe_name(name)}: cannot be read (broken link or vanished)")
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in seen_dirs:  # a symlink loop, or a folder linked twice
                    continue
                if depth + 1 > MAX_DEPTH:
                    if not too_deep:
                        warnings.append(
                            f"{shown}: not read, folders nested deeper than {MAX_DEPTH}"
                        )
                        too_deep = True
                    continue
                seen_dirs.add(key)
                stack.append((full, prefix + name + "/", depth + 1))
                continue
            if not name.lower().endswith(SUFFIXES):
                continue
            if not stat.S_ISREG(st.st_mode):
                warnings.append(f"{safe_name(name)}: skipped, not a regular file")
                continue
            # Names that are not UTF-8 get a text form (\xNN escapes) for ids, the
            # store and JSON; `path` keeps the real name for reading.
            entries.append(FileEntry(full, shown, st.st_mtime_ns, st.st_size))
    entries.sort(key=lambda e: e.rel)
    return entries, warnings


def _link_refused(path: str, real_root: str, follow_links: bool) -> str:
    """Why a symbolic link in the articles folder is not followed ("" if it is)."""
    real = os.path.realpath(path)
    if any(real == d or real.startswith(d + "/") for d in _SYSTEM_DIRS):
        return "a link into a system folder"
    if follow_links or real == real_root or real.startswith(real_root.rstrip("/") + "/"):
        return ""
    return "a link to outside the articles folder (READER_FOLLOW_LINKS=1 reads it)"


#: The last (files, ids) assign_ids gave: an update that finds the same files
#: (Ctrl+R after an edit) does not work them out again (0.4 s at 100,000 files).
_LAST_IDS: tuple[list[str], dict[str, str]] | None = None


def assign_ids(rels: list[str]) -> dict[str, str]:
    """Article id per file, unique for any set of names: the file stem where that
    is unique, else the path without its suffix, else the path (then the path
    with ~N). A JSON-lines file's id is the base of its articles' ids (`base#N`),
    so it also clashes with any other file's id that starts with `base#`
    (`a#1.txt` beside `a.jsonl`). In a clash, the files with the shortest form
    take the next one, until nothing clashes."""
    global _LAST_IDS
    last = _LAST_IDS
    if last is not None and last[0] == rels:
        return dict(last[1])
    ids = _assign_ids(rels)
    _LAST_IDS = (list(rels), ids)
    return dict(ids)


def _assign_ids(rels: list[str]) -> dict[str, str]:
    level = dict.fromkeys(rels, 0)
    while True:
        ids = {rel: _id_form(rel, level[rel]) for rel in rels}
        clashes = _clashes(ids)
        if not clashes:
            return ids
        bump: set[str] = set()  # once per round, whatever the number of groups a file is in
        for group in clashes:
            low = min(level[rel] for rel in group)
            bump.update(rel for rel in group if level[rel] == low)
        for rel in bump:
            level[rel] += 1


def is_jsonl(rel: str) -> bool:
    return rel.lower().endswith(".jsonl")


def _id_form(rel: str, level: int) -> str:
    if level == 0:
        return _stem(rel)
    if level == 1:
        head, _, name = rel.rpartition("/")
        stem = _stem(name)
        return f"{head}/{stem}" if head else stem
    return rel if level == 2 else f"{rel}~{level - 2}"


def _clashes(ids: dict[str, str]) -> list[list[str]]:
    files: dict[str, list[str]] = {}
    bases: dict[str, list[str]] = {}
    for rel, aid in ids.items():
        (bases if is_jsonl(rel) else files).setdefault(aid, []).append(rel)
    groups = [g for g in files.values() if len(g) > 1]
    groups += [g for g in bases.values() if len(g) > 1]
    if bases:
        for aid, group in files.items():
            start = aid.find("#")
            while start != -1:  # "a#b#1" may be one of base "a"'s or of base "a#b"'s
                jsonl = bases.get(aid[:start])
                if jsonl:
                    groups.append(group + jsonl)
                start = aid.find("#", start + 1)
    return groups


def _stem(rel: str) -> str:
    """Path(rel).stem of a relative POSIX path, without making a Path."""
    name = rel.rsplit("/", 1)[-1]
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def iter_articles(root: Path, max_bytes: int = 20 * 1048576) -> Iterator[Article | str]:
    """Every article in a folder, with warnings (str) interleaved, for simple uses."""
    entries, warnings = scan(root)
    yield from warnings
    ids = assign_ids([e.rel for e in entries])
    for entry in entries:
        try:
            loaded = load_file(entry.path, entry.rel, ids[entry.rel], max_bytes)
        except ArticleError as exc:
            yield str(exc)
            continue
        yield from loaded.warnings
        yield from loaded.articles
