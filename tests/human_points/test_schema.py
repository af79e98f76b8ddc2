"""The schema's shape: ownership, comments on everything, the dedupe indexes, seed rollback."""

import json

from click.testing import CliRunner

from runner.cli import main
from tests.human_points.helpers import ALICE


def test_everything_is_owned_by_rewards_owner(db):
    owners = db.execute(
        "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = 'human_points'::regnamespace"
        " UNION SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = 'human_points'::regnamespace"
        " UNION SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'human_points'").fetchall()
    assert owners == [("rewards_owner",)]


def test_every_table_column_and_function_has_a_comment(db):
    missing = db.execute("""
        SELECT c.relname || coalesce('.' || a.attname, '')
        FROM pg_class c
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = 'human_points'::regnamespace AND c.relkind = 'r'
          AND col_description(c.oid, a.attnum) IS NULL
        UNION ALL
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'human_points'::regnamespace AND c.relkind = 'r' AND obj_description(c.oid) IS NULL
        UNION ALL
        SELECT p.oid::regprocedure::text FROM pg_proc p
        WHERE p.pronamespace = 'human_points'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL
    """).fetchall()
    assert missing == []


def test_no_function_is_executable_by_public(db):
    public = db.execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'human_points'::regnamespace"
        " AND has_function_privilege('public', p.oid, 'EXECUTE')").fetchall()
    assert public == []


def test_dedupe_indexes(db):
    rows = dict(db.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'human_points'"
        " AND indexname IN ('idx_binary_actions', 'idx_mint_actions')").fetchall())
    assert rows["idx_mint_actions"] == (
        "CREATE UNIQUE INDEX idx_mint_actions ON human_points.points USING btree (address, action, tx_hash)"
        " WHERE (kind = 'mint'::text)")
    assert rows["idx_binary_actions"] == (
        "CREATE UNIQUE INDEX idx_binary_actions ON human_points.points USING btree (address, action)"
        " WHERE (kind = 'binary'::text)")
    # Every action is of one of the two kinds the indexes select, and a points row carries its action's kind.
    assert {kind for (kind,) in db.execute("SELECT DISTINCT kind FROM human_points.action")} == {"binary", "mint"}
    assert db.execute("""SELECT pg_get_constraintdef(oid) FROM pg_constraint
                         WHERE conname = 'points_action_kind_fkey'""").fetchone() == (
        "FOREIGN KEY (action, kind) REFERENCES human_points.action(key, kind)",)


def test_a_new_binary_action_is_one_row_and_deduplicated(hp):
    """No list of actions to extend: a row of human_points.action is enough for its stamp to earn once."""
    hp.execute("INSERT INTO human_points.action (key, points, kind, provider) VALUES ('test_stamp', 50, 'binary', 'Tested')")
    stamp = {"provider": "Tested", "credential": {"expirationDate": "2030-01-01T00:00:00Z"}}
    for scored_at in ("2025-07-01T00:00:00Z", "2025-07-02T00:00:00Z"):
        hp.execute("INSERT INTO human_points.score (address, community_id, score, stamps, scored_at) "
                   "VALUES (%s, 1, 25, %s, %s)", (ALICE, json.dumps([stamp]), scored_at))
    assert hp.execute("SELECT action, kind, points FROM human_points.points WHERE action = 'test_stamp'").fetchall() == [
        ("test_stamp", "binary", 50)]


def test_triggers(db):
    rows = db.execute(
        "SELECT event_object_table, trigger_name, action_timing, action_orientation, event_manipulation"
        " FROM information_schema.triggers WHERE trigger_schema = 'human_points' ORDER BY 1, 2, 5").fetchall()
    assert rows == [
        ("mint", "_100_normalise_address", "BEFORE", "ROW", "INSERT"),
        ("mint", "_100_normalise_address", "BEFORE", "ROW", "UPDATE"),
        ("mint", "_500_award_points", "AFTER", "STATEMENT", "INSERT"),
        ("score", "_100_normalise_address", "BEFORE", "ROW", "INSERT"),
        ("score", "_100_normalise_address", "BEFORE", "ROW", "UPDATE"),
        ("score", "_500_award_points", "AFTER", "STATEMENT", "INSERT"),
        ("settings", "_100_updated_at", "BEFORE", "ROW", "UPDATE"),
        ("settings", "_500_reevaluate", "AFTER", "STATEMENT", "UPDATE"),
    ]


def test_rollback_both_migrations_and_migrate_again(dsn, db):
    """Rolled back with everything else: this database reached the newest version in one run, so a partial
    rollback would be refused (tests/runner/test_rollback.py)."""
    run = CliRunner().invoke
    status = run(main, ["--dsn", dsn, "migrate", "--status"]).output.split()
    applied = [m for m in status if m[:4].isdigit()]
    result = run(main, ["--dsn", dsn, "migrate", "--rollback", str(len(applied))], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "rolled back 0021_human_points_seed" in result.output
    assert "rolled back 0020_human_points_schema" in result.output
    assert db.execute("SELECT count(*) FROM pg_namespace WHERE nspname = 'human_points'").fetchone()[0] == 0
    again = run(main, ["--dsn", dsn, "migrate"], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert db.execute("SELECT count(*) FROM human_points.action").fetchone()[0] == 10
    assert db.execute("SELECT human_points.status() -> 'write_enabled'").fetchone()[0] is True
