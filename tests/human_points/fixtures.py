"""Fixtures of the Human Points tests (a pytest plugin of tests/conftest.py): communities 1-3 in the program, 4 outside it."""

from __future__ import annotations

import pytest

from tests.human_points.helpers import OUTSIDE, PROGRAM


@pytest.fixture
def hp(db):
    """The test database with communities 1, 2, 3 in the program and 4 outside it."""
    for community_id in (*PROGRAM, OUTSIDE):
        db.execute("SELECT human_points.upsert_community(%s, %s, %s)",
                   (community_id, f"community {community_id}", community_id in PROGRAM))
    return db

