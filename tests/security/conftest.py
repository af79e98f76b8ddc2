"""Fixtures of the security tests: a login role with no grants at all."""

from __future__ import annotations

import os

import pytest
from psycopg import sql


@pytest.fixture
def nobody(db):
    """A login role with no grants at all (roles are cluster-wide: named per process, dropped after)."""
    name = f"rewards_test_nobody_{os.getpid()}"
    db.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
    db.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
    yield name
    db.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
