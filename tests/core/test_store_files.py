"""A file's article ids read back as written, by the plain-id fast path or JSON."""

from __future__ import annotations

import pytest

from reader.store import _ids


@pytest.mark.parametrize(
    "ids",
    [[], ["a1b2"], ["feed#1", "feed#2"], ['qu"ote'], ["back\\slash"], ["caf\u00e9"], ['"']],
)
def test_ids_round_trip(ids):
    import json

    assert _ids(json.dumps(ids)) == tuple(ids)
