"""The benchmark runner: `python -m bench` (and `make bench`).

Every figure is measured together with its reference, in the same run, on the
same machine, and printed as one table (or JSON with ``--json``):

==============  =====================================  ==================================
figure          reader                                 reference
==============  =====================================  ==================================
build           ``reader index`` with entities          spaCy NER alone (``nlp.pipe``,
                (fresh index dir, cold NER cache)       same model and processes)
index           ``reader index --no-entities``          SQLite FTS5 indexing the same texts
incremental     ``reader index`` after 1 changed file   the full build
query:KIND      ``Library.search(q, pagelen=10)``       FTS5 bm25 + snippet(), same queries
startup         ``reader`` to its first usable screen   a minimal Textual app (one Static),
                (timed from outside, in a pty)          timed the same way
memory          the reader's peak RSS once settled      the same for the minimal app
open            open a 1 MB article (Enter, headless)   the same app opening a 1 KB article
next-mention    ``]`` in the 1 MB article               ``]`` in the 1 KB article
entity-page     ``e`` on an entity with 5,000 mentions  the core reading its first
                to its first screenful drawn (and to   screenful alone (and the
                every list filled, in the details)     whole page, in the details)
typing          a key typed in the search box (8/s)     the core's search and first
                to its results drawn (headless)         screenful of snippets alone
interactions    issue 17's rows: ] [ } { within and      the core's calls alone (open,
                across articles, open from the list     Ctrl+R), or a minimal Textual app
                or a result, filter and sort keys,      moving a list cursor (the floor
                entities pane toggle, back / forward,   of any keypress)
                Ctrl+R after one article changed
==============  =====================================  ==================================

Builds, references and start-ups run as child processes (wall time, and peak
RSS from ``wait4``); queries run in this process.  Generated corpora, the
FTS5 reference and the indexes live in ``--cache-dir`` (default
``./bench-corpus``) between runs; the timed builds always start from a fresh
index folder (so the NER cache is cold).  The 100k figures (queries and
memory on 100k articles) run with ``--size 100k`` or ``--with-100k``; the
100k index is built once and then reused (its build is not a figure).

``--corpus DIR`` benchmarks a folder of your own articles instead.  The
incremental figure edits one of its files and puts it back (bytes and
modification time) afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import child_env, stats
from bench.options import (
    BUILD_TARGET,
    DUPLICATES_TARGET,
    ENTITY_PAGE_MENTIONS,
    ENTITY_PAGE_TARGET_MS,
    INCREMENTAL_TARGET,
    INDEX_TARGET,
    INTERACTIONS,
    MEMORY_TARGET_MB,
    MINIMAL_READY_TEXT,
    QUERY_TARGET_10K,
    QUERY_TARGET_100K,
    READER_READY_TEXT,
    SIZES,
    STARTUP_TARGET,
    TYPING_TARGET_100K_MS,
    TYPING_TARGET_MS,
    TYPING_WORDS,
    add_arguments,
)
from bench.queries import QUERY_KINDS

BIG_ID, SMALL_ID = "bench-open-big", "bench-open-small"


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    figure: str
    reader: float | None = None  # in `unit`
    reference: float | None = None
    unit: str = ""
    ratio: float | None = None  # reader / reference (time or size)
    target: str = "report"
    met: bool | None = None
    reader_text: str = ""
    reference_text: str = ""
    ratio_text: str = ""
    error: str | None = None
    details: dict = field(default_factory=dict)


def _fill_latency(
    fig: Figure,
    reader_ms: list[float],
    reference_ms: list[float],
    *,
    at: int,
    reference_note: str = "",
) -> None:
    """Set a latency figure from samples: shows p50 / p95, compares the p`at`."""
    rp, fp = stats.percentiles(reader_ms), stats.percentiles(reference_ms)
    fig.unit = f"ms p{at}"
    fig.reader, fig.reference = rp[at], fp[at]
    fig.ratio = _ratio(rp[at], fp[at])
    fig.reader_text = f"{_fmt_ms(rp[50])} / {_fmt_ms(rp[95])} ms"
    fig.reference_text = f"{_fmt_ms(fp[50])} / {_fmt_ms(fp[95])} ms{reference_note}"
    fig.ratio_text = _fmt_x(fig.ratio)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b <= 0:
        return None
    return a / b


def _fmt_s(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.0f} ms"
    if s < 100:
        return f"{s:.2f} s"
    return f"{s:.0f} s"


def _fmt_ms(ms: float) -> str:
    if ms < 10:
        return f"{ms:.2f}"
    if ms < 100:
        return f"{ms:.1f}"
    return f"{ms:.0f}"


def _fmt_x(r: float | None) -> str:
    if r is None:
        return "-"
    return f"{r:.2f}x" if r < 100 else f"{r:.0f}x"


def _median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


# ---------------------------------------------------------------------------
# The runner
# ---------------------------------------------------------------------------


@dataclass
class Collection:
    name: str
    articles: Path
    generated: bool
    seed: int = 0
    n: int | None = None  # generated size; folders: counted by the first build


class Bench:
    def __init__(self, args: argparse.Namespace, log: Callable[[str], None] | None = None):
        self.args = args
        self.cache = Path(args.cache_dir).absolute()
        self.processes = max(1, args.processes)
        self.model = getattr(args, "model", None)
        self.skip: set[str] = set(args.skip or ())
        self.figures: list[Figure] = []
        self.t0 = time.perf_counter()
        self._log = log
        self._data = tempfile.TemporaryDirectory(prefix="reader-bench-data-")
        # Children get an empty user data folder: no user aliases, key map or positions.
        # READER_FOLLOW_LINKS: the open figures' collection links to the generated one.
        self.env = child_env(
            {
                "READER_DATA_DIR": self._data.name,
                "READER_ARTICLES": "",
                "READER_INDEX": "",
                "READER_FOLLOW_LINKS": "1",
            }
        )
        if self.model:
            self.env["READER_MODEL"] = self.model

    # -- plumbing
    def log(self, msg: str) -> None:
        line = f"[bench {time.perf_counter() - self.t0:7.1f}s] {msg}"
        if self._log is not None:
            self._log(line)
        else:
            print(line, file=sys.stderr, flush=True)

    def child(
        self, cmd: Sequence[str], what: str, timeout: float | None = None
    ) -> stats.ChildResult:
        res = stats.run_child(cmd, env=self.env, timeout=timeout)
        if res.returncode != 0:
            tail = res.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
            raise RuntimeError(f"{what} failed (exit {res.returncode}): " + " | ".join(tail))
        return res

    def reader_cmd(self, articles: Path, index: Path, *extra: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "reader",
            "--articles",
            str(articles),
            "--index",
            str(index),
            *extra,
        ]

    def figure(self, fig: Figure, fn: Callable[[Figure], None]) -> Figure:
        """Measure one figure; an error is recorded on it, the run goes on."""
        try:
            fn(fig)
        except Exception as exc:
            fig.error = f"{type(exc).__name__}: {exc}"
            fig.details["traceback"] = traceback.format_exc(limit=5)
            self.log(f"{fig.figure}: ERROR {fig.error}")
        self.figures.append(fig)
        return fig

    # -- collections
    def generated(self, n: int) -> Collection:
        from bench.corpus import generate

        root = self.cache / "corpus" / f"gen-{n}-s{self.args.seed}"
        marker = root / ".complete"
        if not marker.exists():
            self.log(f"generating {n} articles (seed {self.args.seed}) in {root}")
            shutil.rmtree(root, ignore_errors=True)
            t = time.perf_counter()
            generate(root, n, self.args.seed, workers=self.processes)
            marker.write_text("ok\n")
            self.log(f"generated in {time.perf_counter() - t:.1f} s")
        return Collection(f"gen-{n}-s{self.args.seed}", root, True, self.args.seed, n)

    def folder(self, path: Path) -> Collection:
        import hashlib

        root = path.expanduser().absolute()
        if not root.is_dir():
            raise SystemExit(f"reader: error: no such folder: {root}")
        tag = hashlib.blake2b(str(root).encode(), digest_size=4).hexdigest()
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", root.name)[:40] or "corpus"
        return Collection(f"dir-{name}-{tag}", root, False)

    def work(self, c: Collection) -> Path:
        w = self.cache / "work" / c.name
        w.mkdir(parents=True, exist_ok=True)
        return w

    # -- run
    def run(self) -> dict:
        # This process uses the children's (empty) user data folder too: the index
        # freshness check depends on the user's alias table.
        saved = os.environ.get("READER_DATA_DIR")
        os.environ["READER_DATA_DIR"] = self.env["READER_DATA_DIR"]
        try:
            return self._run()
        finally:
            if saved is None:
                os.environ.pop("READER_DATA_DIR", None)
            else:
                os.environ["READER_DATA_DIR"] = saved
            self._data.cleanup()

    def _run(self) -> dict:
        args = self.args
        started = time.strftime("%Y-%m-%dT%H:%M:%S")
        main = self.folder(args.corpus) if args.corpus else self.generated(args.size)
        self.main = main
        work = self.work(main)
        info: dict = {
            "name": main.name,
            "path": str(main.articles),
            "source": "generated" if main.generated else "folder",
            "seed": main.seed if main.generated else None,
        }
        self.log(f"collection {main.name}: {main.articles}")

        full_ix = work / "index-full"
        build = None
        if "build" not in self.skip:
            build = self.figure(
                Figure("build", "full build with entities"),
                lambda f: self.fig_build(f, main, work / "index-full"),
            )
        if args.synthetic_entities and main.generated:
            full_ix = work / "index-synthetic"  # never mistaken for the model's
        try:
            if main.n is None:
                main.n = self.count_articles(main)
            info["mb"] = round(self.corpus_bytes(main) / 1e6, 1)
        except Exception as exc:
            self.log(f"cannot read the collection's size: {exc}")
            info["mb"] = None
        info["articles"] = main.n
        big = (main.n or 0) >= 100_000

        if "index" not in self.skip:
            self.figure(
                Figure("index", "index-only build (no NER)"),
                lambda f: self.fig_index(f, main, work),
            )
        if not {"incremental", "duplicates", "query", "startup", "memory", "open"} <= self.skip:
            try:
                self.ensure_index(main, full_ix, entities=True)
            except Exception as exc:
                self.log(f"cannot build the index: {exc}")
        if "incremental" not in self.skip:
            full_s = build.details.get("seconds") if build is not None and not build.error else None
            self.figure(
                Figure("incremental", "incremental update (1 changed article)"),
                lambda f: self.fig_incremental(f, main, full_ix, full_s),
            )
        if "duplicates" not in self.skip:
            full_s = build.details.get("seconds") if build is not None and not build.error else None
            self.figure(
                Figure("duplicates", "near-duplicates at index time (all signed)"),
                lambda f: self.fig_duplicates(f, full_ix, full_s),
            )
        if "curation" not in self.skip:
            self.figure(
                Figure("curation", "curation: a merge and its undo (issue 14)"),
                lambda f: self.fig_curation(f, main, full_ix, work),
            )
        if "query" not in self.skip:
            self.fig_queries(main, full_ix, work / "fts5.sqlite", big)
        if not {"startup", "memory"} <= self.skip:
            self.fig_startup(
                main, full_ix, startup="startup" not in self.skip, memory="memory" not in self.skip
            )
        if "open" not in self.skip:
            self.fig_open(main, full_ix, work / "open")
        if (args.with_100k or False) and "100k" not in self.skip and not big:
            c100 = self.generated(SIZES["100k"])
            w100 = self.work(c100)
            ix100 = w100 / "index-full"
            entities = not args.text_only_100k
            if not entities:
                ix100 = w100 / "index-text"
            elif args.synthetic_entities:
                ix100 = w100 / "index-synthetic"  # never mistaken for the model's
            try:
                self.ensure_index(c100, ix100, entities=entities)
            except Exception as exc:
                self.figures.append(
                    Figure("100k", "100k figures", error=f"{type(exc).__name__}: {exc}")
                )
                self.log(f"100k: ERROR {exc}")
            else:
                self.fig_queries(
                    c100,
                    ix100,
                    w100 / "fts5.sqlite",
                    True,
                    kinds=None if entities else tuple(k for k in QUERY_KINDS if k != "entity"),
                )
                self.fig_startup(c100, ix100, startup=False, memory=True)
                if entities and "open" not in self.skip:
                    self.fig_open(c100, ix100, w100 / "open")

        result = {
            "reader_bench": 1,
            "started": started,
            "seconds": round(time.perf_counter() - self.t0, 1),
            "machine": stats.machine_info(),
            "code": _code_version(),
            "corpus": info,
            "settings": {
                "processes": self.processes,
                "repeat": args.repeat,
                "startup_runs": args.startup_runs,
                "model": self._model_name(),
                "skip": sorted(self.skip),
                "with_100k": bool(args.with_100k),
                "text_only_100k": bool(args.text_only_100k),
                "synthetic_entities": bool(args.synthetic_entities),
            },
            "figures": [asdict(f) for f in self.figures],
            "failed": [f.key for f in self.figures if f.met is False],
            "errors": [f.key for f in self.figures if f.error],
        }
        return result

    def _model_name(self) -> str | None:
        try:
            from reader.entities.model import resolve_model_name

            return resolve_model_name(self.model)
        except Exception:
            return self.model

    def count_articles(self, c: Collection) -> int:
        from reader.corpus import iter_articles

        return sum(1 for a in iter_articles(c.articles) if not isinstance(a, str))

    def corpus_bytes(self, c: Collection) -> int:
        from reader.corpus import scan

        entries, _ = scan(c.articles)
        return sum(e.size for e in entries)

    def ensure_index(self, c: Collection, ix: Path, entities: bool) -> None:
        from reader.config import Settings
        from reader.indexer import index_status

        settings = Settings.resolve(c.articles, ix, self.model, entities=entities)
        status = index_status(settings)
        if status == "fresh":
            return
        self.log(f"{c.name}: index is {status}; building it (not timed, not a figure)")
        if entities and c.generated and getattr(self.args, "synthetic_entities", False):
            from bench.synthetic import fill_ner_cache

            t = time.perf_counter()
            n, m = fill_ner_cache(c.articles, ix, c.seed, self.processes, self.model, c.n)
            if n:
                self.log(
                    f"{c.name}: synthetic entities: {m:,} mentions in {n:,} articles "
                    f"({time.perf_counter() - t:.0f} s), into the NER cache"
                )
        extra = [] if entities else ["--no-entities"]
        self.child(
            self.reader_cmd(c.articles, ix, *extra, "index", "--processes", str(self.processes)),
            "reader index",
        )

    # -- figures ------------------------------------------------------------

    def fig_build(self, fig: Figure, c: Collection, ix: Path) -> None:
        shutil.rmtree(ix, ignore_errors=True)
        self.log(
            f"full build: reader index --processes {self.processes} (fresh index, cold NER cache)"
        )
        res = self.child(
            self.reader_cmd(c.articles, ix, "index", "--processes", str(self.processes)),
            "reader index",
        )
        summary = res.stdout.decode("utf-8", "replace").strip()
        m = re.search(r"(\d+) added", summary)
        n = int(m.group(1)) if m else (c.n or 0)
        if c.n is None:
            c.n = n
        self.log(f"full build: {_fmt_s(res.seconds)} ({summary})")
        self.log(f"NER reference: nlp.pipe(n_process={self.processes}, batch_size=64)")
        cmd = [
            sys.executable,
            "-m",
            "bench.refs",
            "ner",
            str(c.articles),
            "--processes",
            str(self.processes),
        ]
        if self.model:
            cmd += ["--model", self.model]
        ref = json.loads(self.child(cmd, "NER reference").stdout)
        self.log(f"NER reference: pipe {_fmt_s(ref['pipe_s'])}, model load {_fmt_s(ref['load_s'])}")
        fig.unit = "articles/s"
        fig.reader = n / res.seconds
        fig.reference = ref["articles"] / ref["pipe_s"]
        fig.ratio = res.seconds / ref["pipe_s"]
        fig.reader_text = f"{fig.reader:,.0f}/s ({_fmt_s(res.seconds)})"
        fig.reference_text = (
            f"{fig.reference:,.0f}/s ({_fmt_s(ref['pipe_s'])} + load {_fmt_s(ref['load_s'])})"
        )
        fig.ratio_text = _fmt_x(fig.ratio) + " time"
        fig.target = f"<= {BUILD_TARGET}x time (10k)"
        fig.met = fig.ratio <= BUILD_TARGET
        fig.details = {
            "seconds": res.seconds,
            "peak_rss_mb": res.peak_rss_kb / 1024,
            "summary": summary,
            "articles": n,
            "reference": ref,
        }

    def fig_index(self, fig: Figure, c: Collection, work: Path) -> None:
        ix = work / "index-text"
        shutil.rmtree(ix, ignore_errors=True)
        self.log("index-only build: reader --no-entities index (fresh index)")
        res = self.child(
            self.reader_cmd(
                c.articles, ix, "--no-entities", "index", "--processes", str(self.processes)
            ),
            "reader index --no-entities",
        )
        summary = res.stdout.decode("utf-8", "replace").strip()
        m = re.search(r"(\d+) added", summary)
        n = int(m.group(1)) if m else (c.n or 0)
        self.log(f"index-only build: {_fmt_s(res.seconds)}; FTS5 reference")
        db = work / "fts5.sqlite"
        ref_res = self.child(
            [sys.executable, "-m", "bench.refs", "fts5", str(c.articles), str(db)], "FTS5 reference"
        )
        (work / "fts5.sqlite.ok").write_text(c.articles.as_posix() + "\n")
        ref = json.loads(ref_res.stdout)
        self.log(f"FTS5 reference: {_fmt_s(ref_res.seconds)} (indexing {_fmt_s(ref['build_s'])})")
        fig.unit = "articles/s"
        fig.reader = n / res.seconds
        fig.reference = ref["articles"] / ref_res.seconds
        fig.ratio = res.seconds / ref_res.seconds
        fig.reader_text = f"{fig.reader:,.0f}/s ({_fmt_s(res.seconds)})"
        fig.reference_text = f"{fig.reference:,.0f}/s ({_fmt_s(ref_res.seconds)})"
        fig.ratio_text = _fmt_x(fig.ratio) + " time"
        fig.target = f"<= {INDEX_TARGET:g}x time"
        fig.met = fig.ratio <= INDEX_TARGET
        fig.details = {
            "seconds": res.seconds,
            "peak_rss_mb": res.peak_rss_kb / 1024,
            "summary": summary,
            "articles": n,
            "reference": {
                **ref,
                "seconds": ref_res.seconds,
                "peak_rss_mb": ref_res.peak_rss_kb / 1024,
            },
        }

    def fig_incremental(self, fig: Figure, c: Collection, ix: Path, full_s: float | None) -> None:
        from reader.corpus import scan

        entries, _ = scan(c.articles)
        if not entries:
            raise RuntimeError("no article files")
        texts = [e for e in entries if e.rel.endswith((".txt", ".md"))] or entries
        entry = texts[len(texts) // 2]
        path = entry.path
        original = path.read_bytes()
        st = path.stat()
        changed = _change_a_sentence(original)
        cmd = self.reader_cmd(c.articles, ix, "index", "--processes", str(self.processes))
        # The index must be fresh before the edit: if reader's code changed since the
        # build (a new NER rules version, say), bring it up to date first, untimed.
        self.ensure_index(c, ix, entities=True)
        self.log(f"incremental: changing one sentence of {entry.rel}")
        try:
            path.write_bytes(changed)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
            res = self.child(cmd, "reader index (incremental)")
        finally:
            path.write_bytes(original)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        summary = res.stdout.decode("utf-8", "replace").strip()
        # Putting the file back is a second incremental update (also timed).
        back = self.child(cmd, "reader index (incremental, revert)")
        back_summary = back.stdout.decode("utf-8", "replace").strip()
        self.log(f"incremental: {_fmt_s(res.seconds)} ({summary}); revert {_fmt_s(back.seconds)}")
        if "1 updated" not in summary:
            raise RuntimeError(f"expected one updated article, got: {summary}")
        fig.unit = "s"
        fig.reader = res.seconds
        fig.reference = full_s
        fig.ratio = _ratio(res.seconds, full_s)
        fig.reader_text = _fmt_s(res.seconds)
        fig.reference_text = _fmt_s(full_s) if full_s else "- (build skipped)"
        fig.ratio_text = f"{fig.ratio * 100:.2f}%" if fig.ratio is not None else "-"
        fig.target = f"< {INCREMENTAL_TARGET * 100:g}% of full"
        fig.met = fig.ratio < INCREMENTAL_TARGET if fig.ratio is not None else None
        fig.details = {
            "file": entry.rel,
            "summary": summary,
            "revert_seconds": back.seconds,
            "revert_summary": back_summary,
            "peak_rss_mb": res.peak_rss_kb / 1024,
        }

    def fig_duplicates(self, fig: Figure, ix: Path, full_s: float | None) -> None:
        """Sign every article from scratch and group them, as a first build does,
        on the built index's store (rolled back: the index is left as it was)."""
        from reader.analytics import duplicates
        from reader.paths import IndexPaths
        from reader.store import Store

        self.log("near-duplicates: every article signed and grouped (rolled back)")
        store = Store(IndexPaths(ix).store)
        try:
            store.forget_all_signatures()
            t0 = time.perf_counter()
            report = duplicates.refresh(store)
            seconds = time.perf_counter() - t0
        finally:
            store.rollback()
            store.close()
        if full_s is None:
            full_s = self._last_build_seconds(ix)
        fig.unit = "s"
        fig.reader = seconds
        fig.reader_text = (
            f"{_fmt_s(seconds)} ({report.signed:,} articles, {report.groups:,} groups)"
        )
        if full_s:
            fig.reference = full_s
            fig.ratio = seconds / full_s
            fig.reference_text = f"{_fmt_s(full_s)} (full build)"
            fig.ratio_text = f"{fig.ratio * 100:.1f}%"
            fig.met = fig.ratio <= DUPLICATES_TARGET
        fig.target = f"<= {DUPLICATES_TARGET * 100:g}% of full build"
        fig.details = {
            "seconds": seconds,
            "signed": report.signed,
            "pairs": report.pairs,
            "groups": report.groups,
            "full_build_s": full_s,
        }
        self.log(f"near-duplicates: {fig.reader_text}")

    def fig_curation(self, fig: Figure, c: Collection, ix: Path, work: Path) -> None:
        from bench.curation import fig_curation
        from reader.config import Settings

        fig_curation(fig, Settings.resolve(c.articles, ix, self.model), ix, work, self.log)

    def _last_build_seconds(self, ix: Path) -> float | None:
        """The full build's time from an earlier figure of this run, if any."""
        for f in self.figures:
            if f.key == "build" and not f.error:
                return f.details.get("seconds")
        return None

    def queries_for(self, c: Collection, library) -> dict[str, list[str]]:
        if c.generated:
            from bench.queries import sample_queries

            return sample_queries(c.seed, source_articles=min(50, c.n or 50))
        from bench.queries import mine_queries

        ids = [s.id for s in library.articles()[:50]]
        texts = [library.text_of(i) or "" for i in ids]
        ents = [(e.type, e.name) for e in library.entities(limit=200)]
        return mine_queries(texts, self.args.seed, entities=ents)

    def fig_queries(
        self, c: Collection, ix: Path, db: Path, big: bool, kinds: tuple[str, ...] | None = None
    ) -> None:
        from bench import fts5
        from reader.config import Settings
        from reader.errors import QueryError
        from reader.library import Library

        size = _size_label(c.n)
        target = QUERY_TARGET_100K if big else QUERY_TARGET_10K
        suffix = "" if c is self.main else f"@{size}"
        kinds = kinds or QUERY_KINDS
        figs = {k: Figure(f"query:{k}{suffix}", f"query {k} p50/p95 ({size})") for k in kinds}
        try:
            ok = db.with_name(db.name + ".ok")
            if not (db.exists() and ok.exists()):
                self.log(f"{c.name}: building the FTS5 reference for queries")
                self.child(
                    [sys.executable, "-m", "bench.refs", "fts5", str(c.articles), str(db)],
                    "FTS5 reference",
                )
                ok.write_text(c.articles.as_posix() + "\n")
            library = Library(Settings.resolve(c.articles, ix, self.model))
            conn = fts5.open_fts5(db)
            try:
                queries = {k: v for k, v in self.queries_for(c, library).items() if k in kinds}
                n_q = sum(len(v) for v in queries.values())
                self.log(
                    f"queries ({size}): {n_q} queries, warm-up + {self.args.repeat} passes, "
                    "reader then FTS5"
                )
                errors: dict[str, int] = {}
                hits: dict[str, list[int]] = {k: [] for k in queries}

                def reader_q(kind: str, q: str) -> None:
                    try:
                        r = library.search(q, pagelen=10)
                        hits[kind].append(r.total)
                    except QueryError:
                        errors[kind] = errors.get(kind, 0) + 1

                fts_hits: dict[str, list[int]] = {k: [] for k in queries}

                def fts_q(kind: str, q: str) -> None:
                    fts_hits[kind].append(len(fts5.query_fts5(conn, kind, q, limit=10)))

                fts5._vocabulary(conn)  # loaded once per connection (open cost, not per query)
                library.warm()  # what the reader loads after its first screen
                r_first, r_times = _time_queries(reader_q, queries, self.args.repeat)
                f_first, f_times = _time_queries(fts_q, queries, self.args.repeat)
            finally:
                conn.close()
                library.close()
        except Exception as exc:
            for f in figs.values():
                f.error = f"{type(exc).__name__}: {exc}"
                self.figures.append(f)
            self.log(f"queries: ERROR {exc}")
            return
        for kind, fig in figs.items():
            rt, ft = r_times.get(kind) or [], f_times.get(kind) or []
            if not rt or not ft:
                fig.error = "no queries of this kind"
                self.figures.append(fig)
                continue
            _fill_latency(fig, rt, ft, at=95)
            fig.target = f"<= {target:g}x p95" + (" (100k)" if big else " (10k)")
            fig.met = fig.ratio is not None and fig.ratio <= target
            n_hits = hits.get(kind) or [0]
            fig.details = {
                "queries": queries[kind],
                "samples": len(rt),
                "reader_ms": stats.summarize(rt),
                "fts5_ms": stats.summarize(ft),
                "p50_ratio": _ratio(stats.percentiles(rt)[50], stats.percentiles(ft)[50]),
                "errors": errors.get(kind, 0),
                "reader_mean_total_hits": sum(n_hits) / len(n_hits),
                "fts5_mean_top10": sum(fts_hits[kind]) / max(1, len(fts_hits[kind])),
            }
            self.figures.append(fig)
            # Each query's first run in the process: nothing of it decoded or cached yet.
            first = Figure(f"query-first:{kind}{suffix}", f"  first run ({size})")
            _fill_latency(first, r_first[kind], f_first[kind], at=95)
            first.target = fig.target
            first.met = first.ratio is not None and first.ratio <= target
            first.details = {
                "samples": len(r_first[kind]),
                "reader_ms": stats.summarize(r_first[kind]),
                "fts5_ms": stats.summarize(f_first[kind]),
            }
            self.figures.append(first)
            self.log(
                f"query {kind}: reader {fig.reader_text}, FTS5 {fig.reference_text}, "
                f"p95 ratio {fig.ratio_text}"
            )

    def fig_startup(self, c: Collection, ix: Path, startup: bool, memory: bool) -> None:
        size = _size_label(c.n)
        runs = max(1, self.args.startup_runs)
        minimal_cmd = [sys.executable, "-m", "bench.minimal_app"]
        reader_cmd = self.reader_cmd(c.articles, ix, "--no-remember")
        self.log(f"start-up ({size}): {runs} runs each of the minimal app and the reader, in a pty")
        _compile_reader()
        mins, reads = [], []
        sfig = Figure("startup", f"start-up to first usable screen ({size})")
        mfig = Figure(
            "memory" + ("" if c is self.main else f"@{size}"), f"peak RSS at start-up ({size})"
        )
        try:
            for _i in range(runs):
                mins.append(
                    stats.measure_tui_startup(
                        minimal_cmd, MINIMAL_READY_TEXT, env=self.env, timeout=120
                    )
                )
                reads.append(
                    stats.measure_tui_startup(
                        reader_cmd, READER_READY_TEXT, env=self.env, timeout=600
                    )
                )
            for r in mins + reads:
                if r.returncode not in (0, None):
                    raise RuntimeError(f"an app exited with code {r.returncode}")
        except Exception as exc:
            for f, want in ((sfig, startup), (mfig, memory)):
                if want:
                    f.error = f"{type(exc).__name__}: {exc}"
                    self.figures.append(f)
            self.log(f"start-up: ERROR {exc}")
            return
        m_ready = _median([r.ready_s for r in mins])
        r_ready = _median([r.ready_s for r in reads])
        if startup:
            sfig.unit = "s"
            sfig.reader, sfig.reference = r_ready, m_ready
            sfig.ratio = _ratio(r_ready, m_ready)
            sfig.reader_text, sfig.reference_text = _fmt_s(r_ready), _fmt_s(m_ready)
            sfig.ratio_text = _fmt_x(sfig.ratio)
            sfig.target = f"<= {STARTUP_TARGET:g}x (10k)"
            sfig.met = sfig.ratio is not None and sfig.ratio <= STARTUP_TARGET
            sfig.details = {
                "runs": runs,
                "reader_ready_s": [r.ready_s for r in reads],
                "minimal_ready_s": [r.ready_s for r in mins],
                "reader_exit_s": [r.exit_s for r in reads],
            }
            self.figures.append(sfig)
            self.log(f"start-up: reader {_fmt_s(r_ready)}, minimal app {_fmt_s(m_ready)}")
        if memory:
            # Reported by each app when its first screen is up (its own VmHWM):
            # the wait4 figure carries the benchmark's own size in through exec.
            m_rss = max(r.ready_rss_kb for r in mins) / 1024
            r_rss = max(r.ready_rss_kb for r in reads) / 1024
            delta = r_rss - m_rss
            mfig.unit = "MB"
            mfig.reader, mfig.reference = r_rss, m_rss
            mfig.ratio = _ratio(r_rss, m_rss)
            mfig.reader_text, mfig.reference_text = f"{r_rss:.0f} MB", f"{m_rss:.0f} MB"
            mfig.ratio_text = f"+{delta:.0f} MB" if delta >= 0 else f"{delta:.0f} MB"
            mfig.target = f"<= +{MEMORY_TARGET_MB:g} MB (100k)"
            mfig.met = delta <= MEMORY_TARGET_MB
            mfig.details = {
                "delta_mb": delta,
                "reader_ready_rss_mb": [r.ready_rss_kb / 1024 for r in reads],
                "minimal_ready_rss_mb": [r.ready_rss_kb / 1024 for r in mins],
                "reader_exit_maxrss_mb": [r.peak_rss_kb / 1024 for r in reads],
            }
            self.figures.append(mfig)
            self.log(f"memory: reader {r_rss:.0f} MB, minimal app {m_rss:.0f} MB")

    def fig_open(self, c: Collection, full_ix: Path, root: Path) -> None:
        size = _size_label(c.n)
        sfx = "" if c is self.main else f"@{size}"  # the 100k rows beside the main ones
        ofig = Figure("open" + sfx, f"open a {_kb_label(self.args.big_kb)} article ({size})")
        nfig = Figure(
            "next-mention" + sfx, f"next mention in the {_kb_label(self.args.big_kb)} article"
        )
        try:
            articles, ix = self.open_collection(c, full_ix, root)
            self.log("open / next mention: headless Pilot probe")
            entity, mentions = entity_near(ix, ENTITY_PAGE_MENTIONS)
            words = self.typing_words(c, ix)
            res = self.child(
                [
                    sys.executable,
                    "-m",
                    "bench.tui_probe",
                    "--articles",
                    str(articles),
                    "--index",
                    str(ix),
                    BIG_ID,
                    SMALL_ID,
                    *(["--entity", entity] if entity else []),
                    *(["--type", ",".join(words)] if words else []),
                    "--presses",
                    str(self.args.presses),
                    "--reindex",
                    str(self.args.reindex_runs),
                ],
                "TUI probe",
                timeout=1800,
            )
            probe = json.loads(res.stdout)
        except Exception as exc:
            for f in (ofig, nfig):
                f.error = f"{type(exc).__name__}: {exc}"
                self.figures.append(f)
            self.log(f"open: ERROR {exc}")
            return
        small_label = _kb_label(self.args.small_kb)
        for fig, key in ((ofig, "open"), (nfig, "next_mention")):
            big, small = probe[key][BIG_ID], probe[key][SMALL_ID]
            if not big or not small:
                fig.error = "no samples (an article without mentions?)"
                self.figures.append(fig)
                continue
            _fill_latency(fig, big, small, at=50, reference_note=f" ({small_label})")
            fig.target = "report (p50 / p95)"
            fig.details = {
                "big_ms": big,
                "small_ms": small,
                "mentions": probe["mentions"],
                "chars": probe["chars"],
            }
            self.figures.append(fig)
            self.log(f"{key}: big {fig.reader_text}, small {fig.reference_text}")
        efig = Figure(
            "entity-page" + sfx, f"open an entity page with {mentions:,} mentions ({size})"
        )
        samples = probe.get("entity_page") or []
        if samples:
            p = stats.percentiles(samples)
            efig.unit = "ms p95"
            efig.reader = p[95]
            efig.reader_text = f"{_fmt_ms(p[50])} / {_fmt_ms(p[95])} ms"
            efig.target = "report (p50 / p95)"
            efig.details = {
                "ms": samples,
                "entity": entity,
                "mentions": mentions,
                # To every list filled (the worker's share), and the core's share of it.
                "full_ms": probe.get("entity_page_full") or [],
                "full_core_ms": probe.get("entity_page_full_core") or [],
            }
            full = probe.get("entity_page_full") or []
            if full:
                pf = stats.percentiles(full)
                efig.details["full_p50_p95"] = [pf[50], pf[95]]
            self.log(f"entity page: {efig.reader_text} ({entity}, {mentions} mentions)")
        else:
            efig.error = "no entity with mentions in the index"
        self.figures.append(efig)
        tfig = Figure(
            "typing" + sfx, f"search as you type, 8 keys/s, key to results drawn ({size})"
        )
        typed, core = probe.get("typing") or [], probe.get("typing_core") or []
        if typed and core:
            _fill_latency(tfig, typed, core, at=95, reference_note=" (core alone)")
            tfig.target = f"<= {TYPING_TARGET_MS:g} ms p95 (10k)"
            tfig.met = tfig.reader is not None and tfig.reader <= TYPING_TARGET_MS
            tfig.details = {"words": words, "ms": typed, "core_ms": core}
            self.log(f"typing: {tfig.reader_text}, core alone {tfig.reference_text}")
        else:
            tfig.error = "no words to type (no term queries for this collection)"
        self.figures.append(tfig)
        if tfig.reader is not None:
            at_100k = (c.n or 0) >= SIZES["100k"]
            limit = TYPING_TARGET_100K_MS if at_100k else TYPING_TARGET_MS
            tfig.target = f"<= {limit:g} ms p95" + (" (100k)" if at_100k else " (10k)")
            tfig.met = tfig.reader <= limit
        if samples and probe.get("entity_page_core"):
            _fill_latency(
                efig, samples, probe["entity_page_core"], at=95, reference_note=" (core alone)"
            )
            self._target(efig, ENTITY_PAGE_TARGET_MS, c.n)
            efig.details["core_ms"] = probe["entity_page_core"]
        self.fig_interactions(probe, c.n, sfx)

    def _target(self, fig: Figure, targets: tuple[float, float], n: int | None) -> None:
        """The issue-17 p95 target for this collection's size (the 10k one below 100k)."""
        at_100k = (n or 0) >= SIZES["100k"]
        limit = targets[1] if at_100k else targets[0]
        fig.target = f"<= {limit:g} ms p95" + (" (100k)" if at_100k else " (10k)")
        fig.met = fig.reader is not None and fig.reader <= limit

    def fig_interactions(self, probe: dict, n: int | None, suffix: str = "") -> None:
        """The rows of issue 17's table, from the same probe run."""
        size = _size_label(n)
        for key, (what, t10k, t100k, ref) in INTERACTIONS.items():
            fig = Figure(key + suffix, f"{what} ({size})")
            samples = probe.get(key.replace("-", "_")) or []
            ref_ms = probe.get(ref) or []
            note = " (minimal app, cursor)" if ref == "minimal_cursor" else " (core alone)"
            if not samples:
                fig.error = "no samples (nothing to press it on in this collection)"
                self.figures.append(fig)
                continue
            if ref_ms:
                _fill_latency(fig, samples, ref_ms, at=95, reference_note=note)
            else:
                p = stats.percentiles(samples)
                fig.unit, fig.reader = "ms p95", p[95]
                fig.reader_text = f"{_fmt_ms(p[50])} / {_fmt_ms(p[95])} ms"
            self._target(fig, (t10k, t100k), n)
            cpu = (probe.get("cpu") or {}).get(key.replace("-", "_")) or []
            fig.details = {
                "ms": samples,
                "reference_ms": ref_ms,
                "max_ms": max(samples),
                # The process's CPU time over each key (all threads): steadier
                # than the wall time on a shared machine.
                "cpu_ms": cpu,
                "cpu_p50_p95": [stats.percentiles(cpu)[p] for p in (50, 95)] if cpu else None,
            }
            self.figures.append(fig)
            self.log(f"{key}: {fig.reader_text}, reference {fig.reference_text or '-'}")

    def typing_words(self, c: Collection, ix: Path) -> list[str]:
        """Words a person would type into the search box: the term queries'."""
        from reader.config import Settings
        from reader.library import Library

        library = Library(Settings.resolve(c.articles, ix, self.model))
        try:
            queries = self.queries_for(c, library)
        finally:
            library.close()
        words = [q for q in queries.get("term", []) if q.isalpha() and len(q) >= 4]
        return words[:TYPING_WORDS]

    def open_collection(self, c: Collection, full_ix: Path, root: Path) -> tuple[Path, Path]:
        """The collection plus a big and a small article, indexed (cached, not timed)."""
        articles = root / "articles"
        extra = articles / "zz-bench-open"
        extra.mkdir(parents=True, exist_ok=True)
        link = articles / "collection"
        if link.is_symlink() and Path(os.readlink(link)) != c.articles:
            link.unlink()
        if not link.exists():
            link.symlink_to(c.articles, target_is_directory=True)
        big_text = make_article(
            self.args.big_kb * 1000,
            self.args.seed + 7919,
            "A very long article about the season of storms",
        )
        small_text = make_article(
            self.args.small_kb * 1000, self.args.seed + 7920, "A short article"
        )
        for name, text in ((BIG_ID, big_text), (SMALL_ID, small_text)):
            p = extra / f"{name}.txt"
            data = text.encode("utf-8")
            if not p.exists() or p.read_bytes() != data:
                p.write_bytes(data)
        ix = root / "index"
        cache = full_ix / "ner-cache.sqlite"
        if not (ix / "ner-cache.sqlite").exists() and cache.exists():
            from reader.indexdir import claim

            claim(ix)  # reader's own folder (it refuses one holding files it did not make)
            shutil.copyfile(cache, ix / "ner-cache.sqlite")  # only the two new articles need NER
        self.ensure_index(Collection(c.name + "-open", articles, False), ix, entities=True)
        return articles, ix


def entity_near(ix: Path, mentions: int) -> tuple[str | None, int]:
    """(id, mention count) of the entity whose mention count is nearest `mentions`."""
    from reader.paths import IndexPaths
    from reader.store import Store

    store = Store(IndexPaths(ix).store, readonly=True)
    try:
        entity = store.entity_nearest(mentions)
    finally:
        store.close()
    return (entity.id, entity.mention_count) if entity else (None, 0)


def _code_version() -> dict:
    """reader's version and, in a git checkout, the commit (and whether files differ)."""
    import subprocess

    from reader import __version__

    out: dict = {"reader": __version__, "commit": None, "dirty": None}
    root = Path(__file__).resolve().parents[1]
    try:
        out["commit"] = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
            or None
        )
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "reader"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
        out["dirty"] = bool(status.stdout.strip()) if status.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        pass
    return out


def _change_a_sentence(data: bytes) -> bytes:
    """The file with one sentence changed (an added clause), else a line appended."""
    text = data.decode("utf-8", "replace")
    m = re.search(r"[a-z]\. [A-Z]", text[200:]) or re.search(r"[a-z]\. [A-Z]", text)
    if m:
        offset = (200 if re.search(r"[a-z]\. [A-Z]", text[200:]) else 0) + m.start() + 1
        text = text[:offset] + ", the benchmark said" + text[offset:]
    else:
        text += "\nThe benchmark changed this article.\n"
    return text.encode("utf-8")


def make_article(n_bytes: int, seed: int, title: str) -> str:
    """A deterministic article of about ``n_bytes`` (ASCII) built from generated paragraphs.

    1 MB means 1,000,000 bytes here: spaCy refuses texts over 1,000,000
    characters (``nlp.max_length``), and reader does not split longer texts yet.
    """
    from bench.corpus import iter_articles

    head = title + "\n\n"
    parts: list[str] = []
    size = len(head)
    for a in iter_articles(max(2, n_bytes // 1500 + 2), seed):
        for para in a.paragraphs:
            parts.append(para)
            size += len(para) + 2
            if size >= n_bytes:
                break
        if size >= n_bytes:
            break
    text = head + "\n\n".join(parts)
    text = text.encode("ascii", "replace").decode("ascii")[: max(len(head) + 10, n_bytes - 1)]
    cut = text.rfind(" ")
    if cut > len(head):
        text = text[:cut]
    return text + "\n"


def _compile_reader() -> None:
    """Byte-compile reader's modules, as pip does for every package it installs
    (Textual's included). An editable install is not compiled, and where
    PYTHONDONTWRITEBYTECODE is set every start would compile reader afresh."""
    import compileall

    import reader

    compileall.compile_dir(str(Path(reader.__file__).parent), quiet=1, workers=1)


def _time_queries(
    fn: Callable[[str, str], None], queries: dict[str, list[str]], repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(each query's first run, `repeat` more passes), in ms per query and kind."""
    perf = time.perf_counter
    first: dict[str, list[float]] = {k: [] for k in queries}
    out: dict[str, list[float]] = {k: [] for k in queries}
    for n in range(1 + max(1, repeat)):
        for kind, qs in queries.items():
            for q in qs:
                t0 = perf()
                fn(kind, q)
                (first if n == 0 else out)[kind].append((perf() - t0) * 1000.0)
    return first, out


def _size_label(n: int | None) -> str:
    if n is None:
        return "?"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def _kb_label(kb: int) -> str:
    return f"{kb / 1000:g} MB" if kb >= 1000 else f"{kb} KB"


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

COLUMNS = ("figure", "reader", "reference", "ratio", "target", "met?")


def render_table(result: dict) -> str:
    rows = []
    for f in result["figures"]:
        if f.get("error"):
            rows.append((f["figure"], "ERROR", _short(f["error"], 60), "-", f["target"], "-"))
            continue
        met = {True: "yes", False: "NO", None: "-"}[f["met"]]
        rows.append(
            (f["figure"], f["reader_text"], f["reference_text"], f["ratio_text"], f["target"], met)
        )
    widths = [
        max(len(COLUMNS[i]), *(len(r[i]) for r in rows)) if rows else len(COLUMNS[i])
        for i in range(len(COLUMNS))
    ]
    lines = []
    c = result["corpus"]
    m = result["machine"]
    v = m["versions"]
    n = f"{c['articles']:,}" if c.get("articles") is not None else "?"
    lines.append(
        f"reader bench: {n} articles ({c.get('mb') or '?'} MB, {c['source']}"
        + (f", seed {c['seed']}" if c.get("seed") is not None else "")
        + f"), "
        f"{result['settings']['processes']} processes, {result['started']}, "
        f"run took {result['seconds']:.0f} s"
    )
    lines.append(
        f"machine: {m['cpu_count']} cores ({m['cpu_usable']} usable), "
        f"{m['cpu_model'] or '?'}, {m['mem_total_gb']} GB, {m['platform']}"
    )
    code = result.get("code") or {}
    if code.get("commit"):
        lines.append(
            f"reader {code['reader']} at {code['commit']}"
            + (" (with uncommitted changes)" if code.get("dirty") else "")
        )
    lines.append(
        f"python {m['python']}; whoosh {v['whoosh']}, spacy {v['spacy']} "
        f"({result['settings']['model']} {v['spacy_model']}), textual {v['textual']}, "
        f"sqlite {v['sqlite']}"
    )
    lines.append("")
    fmt = "  ".join("{:<%d}" % w for w in widths)
    lines.append(fmt.format(*COLUMNS).rstrip())
    lines.append(fmt.format(*("-" * w for w in widths)).rstrip())
    for r in rows:
        lines.append(fmt.format(*r).rstrip())
    lines.append("")
    lines.append(
        "queries: p50 / p95 ms per query, top 10 hits with snippets; ratio = p95 / FTS5 p95; "
        "after one untimed pass (both sides), and 'first run' = that pass, each query's "
        "first time in the process (nothing decoded or cached yet). "
        "open/next mention: p50 / p95 ms, keypress to screen update (headless)."
    )
    lines.append(
        "build/index ratios compare wall times; targets marked (10k)/(100k) apply at that size."
    )
    failed = result.get("failed") or []
    lines.append(
        "targets missed: "
        + (", ".join(failed) if failed else "none")
        + (f"; errors: {', '.join(result['errors'])}" if result.get("errors") else "")
    )
    return "\n".join(lines)


def markdown_table(result: dict) -> str:
    """The same table as Markdown (for README)."""
    out = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for f in result["figures"]:
        if f.get("error"):
            cells = (f["figure"], "error", _short(f["error"], 60), "-", f["target"], "-")
        else:
            met = {True: "yes", False: "**no**", None: "-"}[f["met"]]
            cells = (
                f["figure"],
                f["reader_text"],
                f["reference_text"],
                f["ratio_text"],
                f["target"],
                met,
            )
        out.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(out)


def _short(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "\u2026"


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def run_bench(args: argparse.Namespace, log: Callable[[str], None] | None = None) -> dict:
    bench = Bench(args, log=log)
    result = bench.run()
    cache = bench.cache
    try:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"last-{result['corpus']['name']}.json").write_text(
            json.dumps(result, indent=2) + "\n"
        )
    except OSError:
        pass
    return result


def run_from_args(args: argparse.Namespace) -> int:
    result = run_bench(args)
    text = json.dumps(result, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    if args.json:
        sys.stdout.write(text + "\n")
    else:
        sys.stdout.write(render_table(result) + "\n")
    return 1 if result["errors"] else 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    add_arguments(ap)
    return run_from_args(ap.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
