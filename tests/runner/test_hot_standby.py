"""Read commands with read-only rights and on a hot standby (issue 14.15), which is how BI reads are moved off
the primary: every read command, and the GraphQL tiers query, answers on a streaming replica (where nothing can
be written, not even by a superuser) and, as rewards_bi or rewards_admin (neither may CREATE on the database), on
the primary, with the same output."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from click.testing import CliRunner

from runner.cli import main
from runner.migrate import newest_migration
from runner.server.app import create_app
from tests.runner.helpers import Standby

READS = [
    ("postgres", ["status"]),
    ("reader_admin", ["status"]),
    ("reader_bi", ["report", "wallet_tiers"]),
    ("reader_admin", ["points", "show", Standby.WALLET]),
    ("reader_admin", ["points", "status"]),
    ("reader_admin", ["tiers", "list"]),
    ("reader_admin", ["tiers", "show", "elite"]),
    ("reader_admin", ["tiers", "for-balance", "6000"]),
    ("reader_admin", ["gitpoaps", "list"]),
]


def _read(standby: Standby, user: str, args: list[str], on_standby: bool):
    result = CliRunner().invoke(main, ["--dsn", standby.dsn(user, on_standby), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(("user", "args"), READS, ids=[f"{u} {' '.join(a[:2])}" for u, a in READS])
def test_read_commands_answer_on_a_hot_standby_and_with_read_only_rights(hot_standby, user, args):
    on_standby = _read(hot_standby, user, args, on_standby=True)
    assert _read(hot_standby, user, args, on_standby=False) == on_standby
    assert on_standby == _read(hot_standby, "postgres", args, on_standby=False)


def test_what_the_standby_answers(hot_standby):
    status = _read(hot_standby, "reader_admin", ["status"], on_standby=True)
    assert (status["migration"], status["pending_migrations"]) == (newest_migration(), [])
    assert status["tiers"]["counts"]["wallets"] == 1
    report = _read(hot_standby, "reader_bi", ["report", "wallet_tiers"], on_standby=True)
    assert [(row["tier_key"], row["wallets"]) for row in report] == [("elite", 1)]
    assert _read(hot_standby, "reader_admin", ["tiers", "for-balance", "6000"], on_standby=True)["tier_key"] == "elite"
    assert _read(hot_standby, "reader_admin", ["points", "show", Standby.WALLET], on_standby=True)["total_points"] == 0


def test_graphql_tiers_on_a_hot_standby(hot_standby):
    app = create_app(hot_standby.dsn("reader_admin"))

    async def query():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://rewards.test") as client:
            response = await client.post("/graphql", json={"query": "{ tiers { tierKey minimumBalance } }"})
            return response.status_code, response.json()

    try:
        assert asyncio.run(query()) == (200, {"data": {"tiers": [
            {"tierKey": "elite", "minimumBalance": "5000"}, {"tierKey": "grandmaster", "minimumBalance": "50000"},
            {"tierKey": "legend", "minimumBalance": "300000"}]}})
    finally:
        app.pool.close()
