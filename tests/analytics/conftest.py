"""The hand-made collection (see hand.py): every count, measure and ranking in
these tests can be worked out on paper."""

from __future__ import annotations

import pytest

from reader.config import Settings
from reader.library import Library
from tests.analytics.hand import make_hand_collection


@pytest.fixture(scope="module")
def hand_settings(tmp_path_factory) -> Settings:
    return make_hand_collection(tmp_path_factory.mktemp("hand"))


@pytest.fixture
def hand(hand_settings):
    with Library(hand_settings) as library:
        yield library
