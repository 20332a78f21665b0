"""Entity curation: the person's corrections to the automatic entities.

Merge, split, rename, retype, reject (an entity or one mention), add a name (a
user gazetteer) and mark a span as a mention, with undo and redo. Each
operation is a line of a plain JSON-lines journal in the user data folder
(journal.py); a replay applies the operations in force over the automatic
result (engine.py, ops.py), editing the store's rows in place while keeping the
automatic values beside them (workspace.py), so an index update, a rebuild or
a new model starts again from the automatic result and the journal.

Core: no Textual, no CLI. The faces are reader/curation/cli.py and
reader/tui/curation.py.
"""
