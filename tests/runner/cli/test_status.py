"""`runner status`: migration version, counts, settings, repos and newest activity."""

import json

from click.testing import CliRunner

from runner.cli import main


def test_status_reports_every_domain(dsn, db, world):
    world.gitpoap(2020, 1, 1)
    world.pr(1, "alice", "2020-01-01Z")
    db.execute("UPDATE gitpoap.repo SET backloaded_at = '2024-01-02T03:04:05Z'")
    db.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 6000)", ("0x" + "ab" * 20,))
    db.execute("SELECT human_points.set_write_enabled(false)")
    result = CliRunner().invoke(main, ["--dsn", dsn, "status", "--json"])
    assert result.exit_code == 0, result.output
    state = json.loads(result.output)
    assert state["migration"] == db.execute(
        "SELECT migration_id FROM yoyo._yoyo_migration ORDER BY migration_id DESC LIMIT 1").fetchone()[0]
    assert state["pending_migrations"] == []
    assert state["gitpoap"]["counts"] == {"projects": 1, "repos": 1, "github_users": 1, "pull_requests": 1,
                                          "gitpoaps": 1, "claims": 1}
    assert state["gitpoap"]["repos"] == [{"name": "acme/rocket", "backloaded_at": "2024-01-02T03:04:05+00:00"}]
    assert state["gitpoap"]["newest_claim_at"] is not None
    assert state["tiers"]["counts"] == {"tiers": 3, "active_tiers": 3, "wallets": 1, "tier_changes": 1}
    assert state["human_points"]["settings"]["write_enabled"] is False
    assert state["human_points"]["newest_point_at"] is None

    text = CliRunner().invoke(main, ["--dsn", dsn, "status"]).output.splitlines()
    assert text[0].startswith(f"migration      {state['migration']} (")
    assert "points switch  write_enabled=false, pass_threshold=20, bonus_communities=3" in text
    assert "repo           acme/rocket: backloaded 2024-01-02T03:04:05+00:00" in text
    assert "newest point   -" in text
