"""Roles: rewards_app inserts events and reads; it cannot write points or counters; rewards_admin manages the rest."""

import psycopg
import pytest

from tests.human_points.helpers import ALICE, awarded, data, mint, score, stamp


@pytest.fixture
def as_role(connect, hp):
    def _as(role):
        conn = connect()
        conn.execute(f"SET ROLE {role}")
        return conn

    return _as


def test_app_inserts_events_and_reads(as_role, hp):
    app = as_role("rewards_app")
    score(app, ALICE, 1, 25, [stamp("SelfStakingGold")])
    mint(app, ALICE, "passport_mint", "0x01")
    assert data(app, ALICE)["total_points"] == 800
    assert app.execute("SELECT human_points.status() -> 'write_enabled'").fetchone()[0] is True
    assert len(awarded(app)) == 2


@pytest.mark.parametrize("statement", [
    "INSERT INTO human_points.points (address, action, points) VALUES ('0x" + "a" * 40 + "', 'scoring_bonus', 1)",
    "UPDATE human_points.points SET points = 1",
    "DELETE FROM human_points.points",
    "INSERT INTO human_points.qualified_community (address, community_id) VALUES ('0x" + "a" * 40 + "', 1)",
    "UPDATE human_points.program_stats SET passing_scores = 9",
    "INSERT INTO human_points.multiplier (address) VALUES ('0x" + "a" * 40 + "')",
    "UPDATE human_points.settings SET write_enabled = false",
    "UPDATE human_points.community SET human_points_program = true",
    "UPDATE human_points.action SET points = 1",
    "DELETE FROM human_points.score",
    "SELECT human_points.set_write_enabled(false)",
    "SELECT human_points.populate_multipliers(ARRAY['0x" + "a" * 40 + "'])",
    "SELECT human_points.upsert_community(9, 'x', true)",
])
def test_app_cannot_write_points_counters_settings(as_role, statement):
    app = as_role("rewards_app")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app.execute(statement)


def test_admin_manages_settings_multipliers_communities(as_role, hp):
    admin = as_role("rewards_admin")
    assert admin.execute("SELECT human_points.set_write_enabled(false)").fetchone()[0] is False
    admin.execute("UPDATE human_points.settings SET write_enabled = true, pass_threshold = 25")
    assert admin.execute("SELECT human_points.populate_multipliers(ARRAY[%s])", (ALICE,)).fetchone()[0] == 1
    admin.execute("UPDATE human_points.multiplier SET multiplier = 4")
    admin.execute("SELECT human_points.upsert_community(9, 'nine', true)")
    admin.execute("INSERT INTO human_points.community (id, human_points_program) VALUES (10, false)")
    score(admin, ALICE, 9, 25, [stamp("SelfStakingBronze")])  # admin is also rewards_app
    assert data(admin, ALICE) == {"total_points": 400, "is_eligible": True, "multiplier": 4,
                                  "breakdown": {"identity_staking_bronze": 400}}
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        admin.execute("DELETE FROM human_points.points")


def test_bi_reads_nothing_here(as_role):
    bi = as_role("rewards_bi")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        bi.execute("SELECT count(*) FROM human_points.points")
