"""reader: a keyboard-driven terminal reader and explorer for news articles.

The core (articles, the Whoosh index, search, entities, user data) never imports
Textual; the CLI (`reader.cli`) and the TUI (`reader.tui`) are thin faces over it.
"""

__version__ = "0.1.0"
