"""Fixtures for the Human Points tests: communities 1-3 in the program, 4 outside it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.human_points.points_helpers import OUTSIDE, PROGRAM
from runner.cli import main


@pytest.fixture
def hp(db):
    """The test database with communities 1, 2, 3 in the program and 4 outside it."""
    for community_id in (*PROGRAM, OUTSIDE):
        db.execute("SELECT human_points.upsert_community(%s, %s, %s)",
                   (community_id, f"community {community_id}", community_id in PROGRAM))
    return db


@pytest.fixture
def cli(dsn):
    """``cli(*args)`` → click Result of ``runner --dsn <test db> *args``."""

    def _run(*args):
        return CliRunner().invoke(main, ["--dsn", dsn, *args], catch_exceptions=False)

    return _run
