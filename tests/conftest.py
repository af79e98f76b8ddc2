"""Shared fixtures: one template database per session built by `runner migrate`, a clone per test.

The server is the one already running (pytest-postgresql's noproc fixture);
host, port and user come from pyproject's [tool.pytest.ini_options] or the
--postgresql-host/--postgresql-port/--postgresql-user options.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.conninfo import make_conninfo
from pytest_postgresql import factories

from runner.cli import main
from runner.migrate import migrate

pytest_plugins = ["tests.gitpoap.world", "tests.human_points.fixtures"]

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# Progress lines of long commands (every few seconds off a terminal) would interleave with the outputs tests
# compare; tests/runner/cli/test_progress.py asks for them.
os.environ["RUNNER_PROGRESS_SECONDS"] = "3600"


def _migrate_template(host, port, user, dbname, password=None, **_):
    migrate(make_conninfo(host=host, port=port, user=user, dbname=dbname, password=password or None))


# One database name per pytest process, so that two runs on one server never collide.
postgresql_server = factories.postgresql_noproc(dbname=f"rewards_test_{os.getpid()}", load=[_migrate_template])
postgresql = factories.postgresql("postgresql_server")


@pytest.fixture
def dsn(postgresql: psycopg.Connection) -> str:
    """Connection string of this test's fresh clone of the migrated template."""
    info = postgresql.info
    return make_conninfo(host=info.host, port=info.port, user=info.user, dbname=info.dbname)


@pytest.fixture
def connect(dsn: str):
    """Factory for more sessions on this test's database: ``connect(autocommit=True)``.

    Every session it opens is closed when the test ends.
    """
    opened: list[psycopg.Connection] = []

    def _connect(**kwargs) -> psycopg.Connection:
        kwargs.setdefault("autocommit", True)
        conn = psycopg.connect(dsn, **kwargs)
        opened.append(conn)
        return conn

    yield _connect
    for conn in opened:
        conn.close()


@pytest.fixture
def db(connect) -> psycopg.Connection:
    """An autocommit superuser session on this test's database."""
    return connect()


@pytest.fixture
def cli(dsn):
    """``cli(*args)`` → click Result of ``runner --dsn <test db> *args`` (arguments turned into strings)."""

    def _run(*args):
        return CliRunner().invoke(main, ["--dsn", dsn, *map(str, args)], catch_exceptions=False)

    return _run


@pytest.fixture
def shared_data():
    """``shared_data(name)`` → Path of a file of ../shared/data.

    Skips the test when the folder is absent (a clone elsewhere); fails it
    when ``REQUIRE_SHARED_DATA=1`` (CI).
    """

    def _path(name: str) -> Path:
        path = SHARED_DATA / name
        if not path.exists():
            if os.environ.get("REQUIRE_SHARED_DATA") == "1":
                pytest.fail(f"{path} is missing and REQUIRE_SHARED_DATA=1")
            pytest.skip(f"{path} is absent (shared data lives beside the project, not in it)")
        return path

    return _path


@pytest.fixture
def wait_until_blocked(db):
    """``wait_until_blocked(pid)``: return once backend ``pid`` waits on a lock held by another
    session (``pg_blocking_pids``); fail after 10 s. Polls; never sleeps in place of a check."""

    def _wait(pid: int, timeout_s: float = 10.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if db.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", (pid,)).fetchone()[0]:
                return
            time.sleep(0.005)
        raise AssertionError(f"backend {pid} never blocked")

    return _wait


@pytest.fixture
def checksum(db):
    """``checksum()`` → {table: md5 of all its rows} over every table of the project's schemas.

    Compare before and after a refused operation to prove nothing changed.
    """

    def _checksum() -> dict[str, str]:
        tables = db.execute(
            """SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
               WHERE table_type = 'BASE TABLE'
                 AND table_schema NOT IN ('pg_catalog', 'information_schema', 'yoyo')
               ORDER BY 1"""
        ).fetchall()
        return {
            name: db.execute(f"SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {name} t").fetchone()[0]
            for (name,) in tables
        }

    return _checksum
