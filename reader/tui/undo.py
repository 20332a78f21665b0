"""One undo for the whole reader: `u` (or ctrl+z) takes back the last thing
done, a curation operation or a "mark all shown read", and `U` (or ctrl+y)
brings back what undo took back.

This run's changes are kept in order (`UndoStack`). A curation is in its
journal, which stays the truth: undoing one appends an undo entry; once this
run's changes are all undone, undo goes on in the journal (a curation made
before a restart can be taken back), and so does redo when this run has done
nothing. A mark-all-read is remembered for the run only, with the articles it
changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.textio import plural

CURATION = "curation"
READ_ALL = "read all"


@dataclass
class Done:
    """One change this run can take back."""

    kind: str  # CURATION or READ_ALL
    ids: list[str] = field(default_factory=list)  # READ_ALL: the articles it marked read
    tracker: Any = None  # READ_ALL: the main screen's Tracker that made it


@dataclass
class UndoStack:
    done: list[Done] = field(default_factory=list)
    undone: list[Done] = field(default_factory=list)

    def did(self, change: Done) -> None:
        """A new change: what undo took back can no longer be brought back."""
        self.done.append(change)
        self.undone.clear()

    def did_curation(self) -> None:
        """A curation operation went to the journal (not an undo or a redo)."""
        self.did(Done(CURATION))

    def did_read_all(self, tracker, ids: list[str]) -> None:
        """M marked these articles read (`tracker`: the main screen's Tracker)."""
        self.did(Done(READ_ALL, list(ids), tracker))


def undo(app) -> None:
    """Take back the last change of this run, else the journal's last curation."""
    from reader.tui.curation import start_undo

    stack: UndoStack = app.undo_stack
    if not stack.done:  # the journal's last curation in force, made before this run
        start_undo(app, then=lambda: stack.undone.append(Done(CURATION)))
        return
    # Moved at once, not when the curation's worker is done: a second `u` pressed
    # meanwhile takes back the change before it, in order.
    last = stack.done.pop()
    stack.undone.append(last)
    if last.kind == READ_ALL:
        n = len(last.tracker.set_read(last.ids, False))
        app.notify(f"Undone: {plural(n, 'article')} unread again", timeout=3)
    else:
        start_undo(app)


def redo(app) -> None:
    """Bring back what undo took back last (in this run, else in the journal)."""
    from reader.tui.curation import start_redo

    stack: UndoStack = app.undo_stack
    if not stack.undone:
        if stack.done:  # something was done since: nothing to bring back
            app.notify("Nothing to redo.", timeout=3)
        else:  # a curation undone before this run, if any
            start_redo(app, then=lambda: stack.done.append(Done(CURATION)))
        return
    last = stack.undone.pop()
    stack.done.append(last)
    if last.kind == READ_ALL:
        n = len(last.tracker.set_read(last.ids, True))
        app.notify(f"Redone: {plural(n, 'article')} marked read again", timeout=3)
    else:
        start_redo(app)
