"""Fixtures for the runner tests: a real `runner serve` subprocess, a proxy to the server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from tests.runner.helpers import ADMIN_TOKEN, GraphQLClient, Proxy, free_port, wait_for_port

WORKTREE = Path(__file__).resolve().parents[2]


@pytest.fixture
def serve(dsn):
    """``serve(token=ADMIN_TOKEN)`` starts ``python -m runner --dsn <dsn> serve --port N`` on a free port and
    returns a :class:`GraphQLClient`; every server is terminated at the end of the test."""
    started: list[tuple[subprocess.Popen, GraphQLClient]] = []

    def _serve(token: str | None = ADMIN_TOKEN) -> GraphQLClient:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k != "RUNNER_ADMIN_TOKEN"}
        if token is not None:
            env["RUNNER_ADMIN_TOKEN"] = token
        process = subprocess.Popen(
            [sys.executable, "-m", "runner", "--dsn", dsn, "serve", "--port", str(port)],
            cwd=WORKTREE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        client = GraphQLClient(f"http://127.0.0.1:{port}/graphql")
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
