"""The reader leaves its start-up heap out of later garbage collections (issue 17)."""

from __future__ import annotations

import gc

from reader.tui import heap


async def test_start_up_heap_is_frozen_while_the_reader_runs_and_released_after(make):
    before = gc.get_threshold()
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert gc.get_threshold() == heap.THRESHOLDS
        assert gc.get_freeze_count() > 0
        await pilot.press("j")  # keys still work on a frozen heap
        await pilot.pause()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_settle_collects_cycles_made_before_it():
    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a
    del a, b
    heap.settle()
    try:
        assert not any(type(o) is Node for o in gc.get_objects())
        assert gc.get_freeze_count() > 0
    finally:
        heap.release((700, 10, 10))
