"""Where the reader is, and where it has been: locations and the jump list.

No Textual here: the main screen asks these what to do, then does it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

#: How many jumps back the reader remembers (like vim's jump list).
JUMP_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Location:
    """An article, the offset at the top of the view, and the current mention's start."""

    article_id: str
    top_offset: int = 0
    mention_start: int | None = None


class JumpList:
    """Back and forward through jumps, like a browser: a new jump clears "forward"."""

    def __init__(self, limit: int = JUMP_LIMIT):
        self._back: deque[Location] = deque(maxlen=limit)
        self._forward: deque[Location] = deque(maxlen=limit)

    def record(self, here: Location | None) -> None:
        """Call before jumping away from `here`."""
        if here is None:
            return
        if not self._back or self._back[-1] != here:
            self._back.append(here)
        self._forward.clear()

    def back(self, here: Location | None) -> Location | None:
        if not self._back:
            return None
        if here is not None:
            self._forward.append(here)
        return self._back.pop()

    def forward(self, here: Location | None) -> Location | None:
        if not self._forward:
            return None
        if here is not None:
            self._back.append(here)
        return self._forward.pop()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)


@dataclass(slots=True)
class HeldStep:
    """A `}` / `{` that crossed into an article not drawn yet (the key is held).

    While the key repeats faster than an article is drawn, each press moves
    this target instead of drawing; the screen draws the last one, so holding
    the key for 500 presses costs a few draws, not 500.
    """

    entity_id: str
    article_id: str
    mention_start: int
    status: str


#: A `}` / `{` closer than this to the one before is a held key: an article it
#: crosses into is drawn once the presses pause (HELD_DRAW_DELAY).
HELD_INTERVAL = 0.15
#: Presses in a row within HELD_INTERVAL of each other before the key counts
#: as held (a key held down repeats some 30 times a second; a double tap is 1).
HELD_AFTER = 3
HELD_DRAW_DELAY = 0.06


def step_within(starts: list[int], start: int, step: int) -> int | None:
    """The first of the sorted `starts` after `start` (before it when step < 0)."""
    if step > 0:
        return next((s for s in starts if s > start), None)
    return next((s for s in reversed(starts) if s < start), None)


def neighbour(ordered_ids: list[str], current: str, step: int) -> tuple[str | None, bool]:
    """The id `step` places from `current` in `ordered_ids`, wrapping; (id, wrapped).

    When `current` is not in the list (the article does not mention the entity),
    the neighbour is the first id after (or last before) it in the same order.
    """
    if not ordered_ids:
        return None, False
    if current in ordered_ids:
        i = ordered_ids.index(current) + step
    else:
        after = [k for k, aid in enumerate(ordered_ids) if aid > current]
        i = (
            after[0]
            if after and step > 0
            else (after[0] - 1 if after else len(ordered_ids) - 1 if step < 0 else len(ordered_ids))
        )
    wrapped = not 0 <= i < len(ordered_ids)
    target = ordered_ids[i % len(ordered_ids)]
    return (None, False) if target == current else (target, wrapped)
