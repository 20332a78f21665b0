"""The core never imports Textual: the CLI and any other face can use it alone."""

import subprocess
import sys

import pytest

CORE = [
    "reader.actions",
    "reader.config",
    "reader.corpus",
    "reader.textio",
    "reader.build",
    "reader.keymap",
    "reader.cliutil",
    "reader.store",
    "reader.fulltext.search",
    "reader.indexer",
    "reader.library",
    "reader.jsonout",
    "reader.cli",
    "reader.entities.pipeline",
    "reader.entities.linking",
    "reader.entities.extract",
    "reader.entities.model",
    "reader.entities.cache",
    "reader.entities.types",
    "reader.feeds.fetch",
    "reader.feeds.cli",
    "reader.feeds.lists",
    "reader.analytics.timeline",
    "reader.analytics.kwic",
    "reader.analytics.cooccurrence",
    "reader.analytics.related",
    "reader.analytics.duplicates",
    "reader.analytics.minhash",
    "reader.analytics.signatures",
    "reader.analytics.diff",
    "reader.analytics.exports",
    "reader.analytics.cli",
]


def test_core_imports_without_textual():
    code = (
        "import sys\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_cli_search_does_not_load_textual(tmp_path):
    """A full CLI run (index + search) never pulls Textual in."""
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "x.txt").write_text("Hello world of news.")
    code = (
        "import sys\nfrom reader.cli import main\n"
        f"rc = main(['--articles', {str(articles)!r}, '--index', {str(tmp_path / 'i')!r},"
        " '--no-entities', 'search', 'news'])\n"
        "sys.exit(3 if 'textual' in sys.modules else rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# The deliberate deferred imports (a comment at each import site says why):
# importing the module alone must not load the heavy package behind it.
DEFERRED = [
    ("reader.cli", "textual"),  # the TUI, only for `reader` with no command
    ("reader.indexer", "numpy"),  # near-duplicate signatures, the array scorer
    ("reader.indexer", "spacy"),  # the entity pipeline, only when extracting
    ("reader.library", "whoosh"),  # the search index, opened on first search
    ("reader.analytics.duplicates", "numpy"),  # signing, only for new articles
    ("reader.analytics.duplicates", "datasketch"),
]


@pytest.mark.parametrize(("module", "heavy"), DEFERRED)
def test_deferred_imports_defer(module, heavy):
    code = f"import sys, {module}\nsys.exit(1 if {heavy!r} in sys.modules else 0)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, f"importing {module} loads {heavy}" + proc.stderr


def test_the_reader_itself_parses_without_the_commands_modules():
    """`reader [options]` (the reader) is parsed without the commands' parsers
    and the modules they import; a command still gets its own parser."""
    code = (
        "import sys\n"
        "from reader import cli\n"
        "args = cli._parse(['--articles', 'a', '--no-remember'])\n"
        "assert args.command is None and args.articles == 'a' and args.no_remember, args\n"
        "assert cli.command(args.command) is cli.cmd_open\n"
        "loaded = [m for m in ('reader.analytics.cli', 'reader.workflow.cli',"
        " 'reader.curation.cli', 'reader.feeds.cli') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "args = cli._parse(['--articles', 'a', 'timeline', '--unit', 'week'])\n"
        "assert args.command == 'timeline' and args.unit == 'week', args\n"
        "from reader.analytics.cli import COMMANDS\n"
        "assert cli.command('timeline') is COMMANDS['timeline']\n"
        "assert cli.command('star') is cli.cmd_workflow\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
