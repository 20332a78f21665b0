"""Keeping track of an investigation: read state, stars, tags, notes, saved
searches, watched entities and history (issue 16).

All of it is user data: one SQLite file per collection in the collection's user
data folder (`reader.userdata.collection_data_dir`), never inside `index/`, so
a rebuild or a deleted index never loses it. Textual-free: the CLI
(`reader.workflow.cli`) and the TUI (`reader.tui.screens.tracking*`) are faces over it.

- `store.UserStore`: the file and every read and write of it.
- `query.UserFields`: the query fields `is:`, `tag:`, `note:`, `watched:`.
- `news`: what is new for saved searches and watched entities.
"""
