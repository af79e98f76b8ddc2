"""Shared fixtures: one template database per session built by `runner migrate`, a clone per test.

The server is the one already running (pytest-postgresql's noproc fixture);
host, port and user come from pyproject's [tool.pytest.ini_options] or the
--postgresql-host/--postgresql-port/--postgresql-user options. When nothing
answers there, the session starts a throwaway embedded PostgreSQL 18
(runner.embedded) — except in CI (CI=true / REQUIRE_TOOLS=1), where the
configured server must answer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from pytest_postgresql import factories

from runner import embedded
from runner.cli import main
from runner.migrate import migrate
from tests.support import Server, tools_required

pytest_plugins = ["tests.gitpoap.world", "tests.human_points.fixtures"]

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# Progress lines of long commands (every few seconds off a terminal) would interleave with the outputs tests
# compare; tests/runner/cli/test_progress.py asks for them.
os.environ["RUNNER_PROGRESS_SECONDS"] = "3600"


def _migrate_template(host, port, user, dbname, password=None, **_):
    migrate(make_conninfo(host=host, port=port, user=user, dbname=dbname, password=password or None))


def _configured(config) -> Server:
    def option(name):
        return config.getoption(f"postgresql_{name}") or config.getini(f"postgresql_{name}")

    return Server(option("host"), int(option("port")), option("user"), option("password") or None)


def pytest_report_header(config) -> str:
    server = _configured(config)
    if not embedded.nothing_answers(server.dsn()):
        return f"PostgreSQL: {server.host}:{server.port}"
    if tools_required():
        return f"PostgreSQL: nothing answers at {server.host}:{server.port}, and CI requires that server"
    return f"PostgreSQL: nothing answers at {server.host}:{server.port}: the tests start a throwaway embedded one"


@pytest.fixture(scope="session")
def test_server(request) -> Iterator[Server]:
    """The server every test database lives on: the configured one when it answers, else (outside CI) a
    throwaway embedded PostgreSQL started for this session, with durability off (fsync) for speed."""
    configured = _configured(request.config)
    if not embedded.nothing_answers(configured.dsn()):
        yield configured
        return
    if tools_required():
        pytest.exit(f"nothing answers at {configured.host}:{configured.port}: CI (CI=true / REQUIRE_TOOLS=1) "
                    "runs the tests on that server, never on an embedded one", returncode=3)
    with embedded.throwaway_server() as uri:
        with psycopg.connect(uri, autocommit=True) as conn:
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {setting} = off")
            conn.execute("SELECT pg_reload_conf()")
        info = conninfo_to_dict(uri)
        yield Server(info["host"], int(info.get("port") or 5432), info["user"])


# One database name per pytest process, so that two runs on one server never collide.
postgresql_server = factories.postgresql_noproc(
    dbname=f"rewards_test_{os.getpid()}", load=[_migrate_template], depends_on="test_server")
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
