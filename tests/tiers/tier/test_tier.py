"""tiers SQL API: seed rows, lookups at every boundary, formatting, sorting, validation, privileges, NOTIFY."""

from __future__ import annotations

import json
from decimal import Decimal

import psycopg
import pytest
from psycopg import errors

from tests.runner.helpers import sql_error

SEED = [
    # id, name, tier_key, minimum, discount, badge, color, order, active, description
    (1, "Elite", "elite", Decimal("5000.00"), Decimal("1.00"), "Elite", "silver", 1, True,
     "Entry-level VIP tier with 1% discount"),
    (2, "Grandmaster", "grandmaster", Decimal("50000.00"), Decimal("2.00"), "Grandmaster", "gold", 2, True,
     "Advanced VIP tier with 2% discount"),
    (3, "Legend", "legend", Decimal("300000.00"), Decimal("3.00"), "Legend", "orange", 3, True,
     "Top VIP tier with 3% discount"),
]
COLUMNS = "id, name, tier_key, minimum_balance, discount_percent, badge_name, badge_color, display_order, is_active, description"


def keys(db, sql, params=()):
    return [row[0] for row in db.execute(sql, params)]


def test_seed_rows(db):
    assert db.execute(f"SELECT {COLUMNS} FROM tiers.list_tiers()").fetchall() == SEED
    assert db.execute("SELECT metadata FROM tiers.tier").fetchall() == [({},)] * 3


@pytest.mark.parametrize(
    "balance, key",
    [
        ("0", "none"), ("4999.99", "none"), ("5000", "elite"), ("5000.01", "elite"),
        ("49999.99", "elite"), ("50000", "grandmaster"), ("50000.01", "grandmaster"),
        ("299999.99", "grandmaster"), ("300000", "legend"), ("300000.01", "legend"), ("1e12", "legend"),
        ("-1", "none"),
    ],
)
def test_tier_for_balance_at_below_and_above_each_boundary(db, balance, key):
    assert db.execute("SELECT (tiers.tier_for_balance(%s::numeric)).tier_key", (balance,)).fetchone()[0] == key


def test_tier_for_balance_skips_inactive_tiers(db):
    db.execute("SELECT tiers.delete_tier(2)")
    assert keys(db, "SELECT (tiers.tier_for_balance(x)).tier_key FROM unnest('{49999,50000,299999.99,300000}'::numeric[]) x") == [
        "elite", "elite", "elite", "legend"]
    db.execute("SELECT tiers.delete_tier(1)")
    assert db.execute("SELECT (tiers.tier_for_balance(5000)).tier_key").fetchone()[0] == "none"
    assert db.execute("SELECT tiers.tier_for_balance(NULL) IS NULL").fetchone()[0]


def test_tier_none(db):
    row = db.execute(f"SELECT {COLUMNS}, metadata FROM tiers.tier_none()").fetchone()
    assert row == (None, "None", "none", Decimal("0.00"), Decimal("0.00"), None, None, 0, True, "No tier", {})
    assert db.execute("SELECT tiers.tier_for_balance(1) = tiers.tier_none()").fetchone()[0]


def test_tier_keys_by_key_and_thresholds(db):
    assert db.execute("SELECT tiers.tier_keys()").fetchone()[0] == ["elite", "grandmaster", "legend"]
    assert db.execute("SELECT name FROM tiers.tier_by_key('grandmaster')").fetchone()[0] == "Grandmaster"
    assert db.execute("SELECT tiers.tier_by_key('nope') IS NULL").fetchone()[0]
    assert db.execute("SELECT tiers.tier_thresholds()").fetchone()[0] == {
        "elite": 5000, "grandmaster": 50000, "legend": 300000}
    db.execute("SELECT tiers.delete_tier(1)")
    assert db.execute("SELECT tiers.tier_by_key('elite') IS NULL").fetchone()[0]
    assert db.execute("SELECT tiers.tier_keys()").fetchone()[0] == ["grandmaster", "legend"]
    assert db.execute("SELECT tiers.tier_thresholds()").fetchone()[0] == {"grandmaster": 50000, "legend": 300000}


@pytest.mark.parametrize(
    "name, minimum, expected",
    [
        ("Elite", "5000", "Elite (5,000 tokens)"),
        ("Elite", "5000.00", "Elite (5,000 tokens)"),
        ("Legend", "300000", "Legend (300,000 tokens)"),
        ("Whale", "1234567.50", "Whale (1,234,567.5 tokens)"),
        ("Tiny", "0.25", "Tiny (0.25 tokens)"),
        ("Zero", "0", "Zero (0 tokens)"),
        ("Max", "9999999999999999.99", "Max (9,999,999,999,999,999.99 tokens)"),
    ],
)
def test_display_name(db, name, minimum, expected):
    tier = "jsonb_populate_record(NULL::tiers.tier, jsonb_build_object('name', %s::text, 'minimum_balance', %s::numeric))"
    assert db.execute(f"SELECT tiers.display_name({tier})", (name, minimum)).fetchone()[0] == expected


def test_badge_info_and_tier_benefits(db):
    row = db.execute("SELECT tiers.badge_info(t), tiers.tier_benefits(t) FROM tiers.tier_by_key('elite') t").fetchone()
    assert row[0] == {"name": "Elite", "color": "silver"}
    assert row[1] == {
        "name": "Elite", "tier_key": "elite", "minimum_balance": 5000, "discount_percent": 1,
        "badge": {"name": "Elite", "color": "silver"}, "description": "Entry-level VIP tier with 1% discount",
    }
    db.execute("SELECT tiers.update_tier(1, p_discount_percent => 1.5)")
    assert db.execute("SELECT tiers.tier_benefits(t) ->> 'discount_percent' FROM tiers.tier_by_key('elite') t").fetchone()[0] == "1.5"


def test_list_tiers_sorts_and_inactive(db):
    db.execute("SELECT tiers.create_tier('VIP', 'vip', 100000, 5, p_display_order => 0)")
    db.execute("SELECT tiers.create_tier('Old', 'old', 1000, 0.5, p_display_order => 9, p_is_active => false)")
    assert keys(db, "SELECT tier_key FROM tiers.list_tiers()") == ["vip", "elite", "grandmaster", "legend"]
    assert keys(db, "SELECT tier_key FROM tiers.list_tiers('order')") == ["vip", "elite", "grandmaster", "legend"]
    assert keys(db, "SELECT tier_key FROM tiers.list_tiers('balance')") == ["legend", "vip", "grandmaster", "elite"]
    assert keys(db, "SELECT tier_key FROM tiers.list_tiers('discount')") == ["vip", "legend", "grandmaster", "elite"]
    assert keys(db, "SELECT tier_key FROM tiers.list_tiers('order', true)") == [
        "vip", "elite", "grandmaster", "legend", "old"]
    assert keys(db, "SELECT tier_key FROM tiers.list_tiers('balance', true)")[-1] == "old"
    error = sql_error(db, "SELECT * FROM tiers.list_tiers('name')")
    assert isinstance(error, errors.InvalidParameterValue)
    assert error.diag.message_primary == "sort_by must be one of order, balance, discount (got 'name')"


def test_create_update_delete(db):
    vip = db.execute(
        "SELECT id, name, tier_key, minimum_balance, discount_percent, badge_name, badge_color, display_order, is_active, description, metadata "
        "FROM tiers.create_tier('VIP', 'vip', 100000, 5, 'VIP', 'platinum', 'Exclusive VIP tier', 4, '{\"x\": 1}')"
    ).fetchone()
    assert vip == (4, "VIP", "vip", Decimal("100000.00"), Decimal("5.00"), "VIP", "platinum", 4, True,
                   "Exclusive VIP tier", {"x": 1})
    before = db.execute("SELECT updated_at FROM tiers.tier WHERE id = 1").fetchone()[0]
    row = db.execute(
        "SELECT name, minimum_balance, discount_percent, badge_name, badge_color, description, tier_key "
        "FROM tiers.update_tier(1, 'Elite Plus', 7500, 1.5, p_badge_color => 'platinum')"
    ).fetchone()
    # null arguments leave fields alone
    assert row == ("Elite Plus", Decimal("7500.00"), Decimal("1.50"), "Elite", "platinum",
                   "Entry-level VIP tier with 1% discount", "elite")
    assert db.execute("SELECT updated_at > %s FROM tiers.tier WHERE id = 1", (before,)).fetchone()[0]
    assert db.execute("SELECT is_active FROM tiers.delete_tier(4)").fetchone()[0] is False
    assert db.execute("SELECT count(*) FROM tiers.tier WHERE tier_key = 'vip'").fetchone()[0] == 1  # soft
    assert db.execute("SELECT is_active FROM tiers.update_tier(4, p_is_active => true)").fetchone()[0] is True


def test_updated_at_is_kept_by_the_database_on_direct_writes(db):
    db.execute("UPDATE tiers.tier SET updated_at = '2000-01-01' WHERE id = 2")
    assert db.execute("SELECT updated_at > '2001-01-01' FROM tiers.tier WHERE id = 2").fetchone()[0]


CREATE = ("SELECT tiers.create_tier(p_name => %s::text, p_tier_key => %s::text, p_minimum_balance => %s::numeric, "
          "p_discount_percent => %s::numeric, p_metadata => %s::jsonb)")


@pytest.mark.parametrize(
    "name, key, minimum, discount, metadata, error, message",
    [
        (None, "vip", 1, 0, None, errors.NotNullViolation, "tiers.tier.name is required"),
        ("  ", "vip", 1, 0, None, errors.CheckViolation, "tiers.tier.name must not be blank (got '  ')"),
        ("VIP", None, 1, 0, None, errors.NotNullViolation, "tiers.tier.tier_key is required"),
        ("VIP", "", 1, 0, None, errors.CheckViolation,
         "tiers.tier.tier_key must be lower-case letters, digits or _, starting with a letter (got '')"),
        ("VIP", "Vip", 1, 0, None, errors.CheckViolation,
         "tiers.tier.tier_key must be lower-case letters, digits or _, starting with a letter (got 'Vip')"),
        ("VIP", "none", 1, 0, None, errors.CheckViolation,
         "tiers.tier.tier_key must not be 'none' (reserved for the none tier) (got 'none')"),
        ("VIP", "elite", 1, 0, None, errors.UniqueViolation, "tiers.tier.tier_key must be unique ('elite' already exists)"),
        ("VIP", "vip", None, 0, None, errors.NotNullViolation, "tiers.tier.minimum_balance is required"),
        ("VIP", "vip", -1, 0, None, errors.CheckViolation, "tiers.tier.minimum_balance must be >= 0 (got -1)"),
        ("VIP", "vip", 10**16, 0, None, errors.CheckViolation,
         "tiers.tier.minimum_balance must be less than 10000000000000000 (got 10000000000000000)"),
        ("VIP", "vip", 5000, 0, None, errors.UniqueViolation,
         "tiers.tier.minimum_balance must differ between active tiers (5000 is already the minimum of 'elite')"),
        ("VIP", "vip", 1, Decimal("-0.5"), None, errors.CheckViolation,
         "tiers.tier.discount_percent must be between 0 and 100 (got -0.5)"),
        ("VIP", "vip", 1, Decimal("100.01"), None, errors.CheckViolation,
         "tiers.tier.discount_percent must be between 0 and 100 (got 100.01)"),
        ("VIP", "vip", Decimal("5000.005"), 0, None, errors.CheckViolation,
         "tiers.tier.minimum_balance must have at most 2 decimal places (got 5000.005)"),
        ("VIP", "vip", 1, Decimal("1.005"), None, errors.CheckViolation,
         "tiers.tier.discount_percent must have at most 2 decimal places (got 1.005)"),
        ("VIP", "vip", 1, 0, "[1]", errors.CheckViolation, "tiers.tier.metadata must be a JSON object (got [1])"),
    ],
)
def test_create_tier_validation(db, name, key, minimum, discount, metadata, error, message):
    failure = sql_error(db, CREATE, (name, key, minimum, discount, metadata))
    assert isinstance(failure, error), failure
    assert failure.diag.message_primary == message
    assert db.execute("SELECT count(*) FROM tiers.tier").fetchone()[0] == 3


def test_same_minimum_allowed_when_one_is_inactive(db):
    db.execute("SELECT tiers.create_tier('Old', 'old', 5000, p_is_active => false)")
    failure = sql_error(db, "SELECT tiers.update_tier(4, p_is_active => true)")
    assert isinstance(failure, errors.UniqueViolation)
    assert failure.diag.message_primary == (
        "tiers.tier.minimum_balance must differ between active tiers (5000 is already the minimum of 'elite')")
    db.execute("SELECT tiers.delete_tier(1)")
    assert db.execute("SELECT is_active FROM tiers.update_tier(4, p_is_active => true)").fetchone()[0]


@pytest.mark.parametrize(
    "call, error, message",
    [
        ("tiers.update_tier(1, p_tier_key => 'vip')", errors.CheckViolation,
         "tiers.tier.tier_key cannot change (tier 1 is 'elite', got 'vip')"),
        ("tiers.update_tier(99, 'X')", errors.NoDataFound, "tiers.tier.id 99 does not exist"),
        ("tiers.delete_tier(99)", errors.NoDataFound, "tiers.tier.id 99 does not exist"),
        ("tiers.update_tier(1, p_minimum_balance => -5)", errors.CheckViolation,
         "tiers.tier.minimum_balance must be >= 0 (got -5)"),
        ("tiers.update_tier(1, p_minimum_balance => 50000)", errors.UniqueViolation,
         "tiers.tier.minimum_balance must differ between active tiers (50000 is already the minimum of 'grandmaster')"),
        ("tiers.update_tier(1, p_discount_percent => 101)", errors.CheckViolation,
         "tiers.tier.discount_percent must be between 0 and 100 (got 101)"),
        ("tiers.update_tier(1, p_name => '')", errors.CheckViolation, "tiers.tier.name must not be blank (got '')"),
        ("tiers.preview_tier_update(1, -1)", errors.CheckViolation, "tiers.tier.minimum_balance must be >= 0 (got -1)"),
        ("tiers.preview_tier_update(42, 1)", errors.NoDataFound, "tiers.tier.id 42 does not exist"),
    ],
)
def test_update_validation(db, call, error, message):
    failure = sql_error(db, f"SELECT * FROM {call}")
    assert isinstance(failure, error), failure
    assert failure.diag.message_primary == message
    assert db.execute(f"SELECT {COLUMNS} FROM tiers.list_tiers()").fetchall() == SEED
    assert db.execute("SELECT tiers.update_tier(1, p_tier_key => 'elite') IS NOT NULL").fetchone()[0]  # same key: fine


@pytest.mark.parametrize(
    "statement, constraint",
    [
        ("INSERT INTO tiers.tier (name, tier_key, minimum_balance) VALUES ('X', 'x', 5000)", "tier_active_minimum_balance_key"),
        ("INSERT INTO tiers.tier (name, tier_key, minimum_balance) VALUES ('X', 'X', 1)", "tier_key_lower_case"),
        ("INSERT INTO tiers.tier (name, tier_key, minimum_balance) VALUES ('X', 'none', 1)", "tier_key_not_none"),
        ("INSERT INTO tiers.tier (name, tier_key, minimum_balance) VALUES ('X', 'x', -1)", "tier_minimum_balance_not_negative"),
        ("UPDATE tiers.tier SET discount_percent = 100.5 WHERE id = 1", "tier_discount_percent_between_0_and_100"),
        ("UPDATE tiers.tier SET name = ' ' WHERE id = 1", "tier_name_not_blank"),
        ("UPDATE tiers.tier SET metadata = '1' WHERE id = 1", "tier_metadata_is_object"),
        ("UPDATE tiers.tier SET tier_key = 'elite' WHERE id = 2", "tier_tier_key_key"),
    ],
)
def test_constraints_back_the_rules_for_direct_writes(db, statement, constraint):
    failure = sql_error(db, statement)
    assert isinstance(failure, (errors.CheckViolation, errors.UniqueViolation))
    assert failure.diag.constraint_name == constraint


def test_notify_tiers_changed_with_keys_on_commit(db, connect):
    listener = connect()
    listener.execute("LISTEN tiers_changed")
    writer = connect(autocommit=False)
    writer.execute("SELECT tiers.update_tier(1, p_minimum_balance => 6000)")
    writer.execute("SELECT tiers.create_tier('VIP', 'vip', 100000)")
    writer.commit()
    db.execute("SELECT tiers.delete_tier(2)")
    db.execute("UPDATE tiers.tier SET description = 'x' WHERE id IN (2, 3)")
    got = [json.loads(n.payload) for n in listener.notifies(timeout=10, stop_after=4)]
    assert got == [
        {"op": "update", "keys": ["elite"]},
        {"op": "insert", "keys": ["vip"]},
        {"op": "update", "keys": ["grandmaster"]},
        {"op": "update", "keys": ["grandmaster", "legend"]},
    ]


def test_rolled_back_change_notifies_nobody(db, connect):
    listener = connect()
    listener.execute("LISTEN tiers_changed")
    writer = connect(autocommit=False)
    writer.execute("SELECT tiers.update_tier(1, p_minimum_balance => 6000)")
    writer.rollback()
    db.execute("SELECT tiers.update_tier(2, p_name => 'GM')")  # a marker after the rollback
    assert [json.loads(n.payload) for n in listener.notifies(timeout=10, stop_after=1)] == [
        {"op": "update", "keys": ["grandmaster"]}]


class TestPrivileges:
    def as_role(self, connect, role):
        conn = connect()
        conn.execute(f"SET ROLE {role}")
        return conn

    def test_app_writes_balances_reads_tiers_and_writes_no_tier(self, connect):
        app = self.as_role(connect, "rewards_app")
        address = "0x" + "a" * 40
        app.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 6000)", (address,))
        app.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 60000) "
                    "ON CONFLICT (address) DO UPDATE SET balance = excluded.balance", (address,))
        assert app.execute("SELECT tier_key FROM tiers.wallet").fetchone()[0] == "grandmaster"
        assert app.execute("SELECT tier_key FROM tiers.get_tier(%s)", (address,)).fetchone()[0] == "grandmaster"
        assert app.execute("SELECT tier_key FROM tiers.list_tiers()").fetchall()
        # tiers.tier is readable (tier_for_balance runs with the caller's rights); writing it is not.
        assert app.execute("SELECT count(*) FROM tiers.tier").fetchone()[0] == 3
        assert app.execute("SELECT tiers.tier_thresholds(), tiers.tier_keys(), (tiers.tier_for_balance(1)).tier_key,"
                           " tiers.display_name(tiers.tier_by_key('elite'))").fetchone()
        for statement in (
            "SELECT * FROM tiers.tier_change",
            "UPDATE tiers.wallet SET tier_key = 'legend'",
            "UPDATE tiers.wallet SET updated_at = now()",
            "INSERT INTO tiers.tier (name, tier_key, minimum_balance) VALUES ('X', 'x', 1)",
            "UPDATE tiers.tier SET minimum_balance = 1",
            "DELETE FROM tiers.wallet",
            "SELECT tiers.create_tier('X', 'x', 1)",
            "SELECT tiers.update_tier(1, 'X')",
            "SELECT tiers.delete_tier(1)",
            "SELECT * FROM tiers.preview_tier_update(1, 1)",
            "SELECT tiers._reevaluate_wallets(0, NULL)",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                app.execute(statement)

    def test_admin_manages_tiers(self, connect):
        admin = self.as_role(connect, "rewards_admin")
        assert admin.execute("SELECT tier_key FROM tiers.create_tier('VIP', 'vip', 100000)").fetchone()[0] == "vip"
        assert admin.execute("SELECT name FROM tiers.update_tier(4, 'V.I.P.')").fetchone()[0] == "V.I.P."
        assert admin.execute("SELECT * FROM tiers.preview_tier_update(4, 1)").fetchall() == []
        assert admin.execute("SELECT is_active FROM tiers.delete_tier(4)").fetchone()[0] is False
        with pytest.raises(errors.InsufficientPrivilege):
            admin.execute("UPDATE tiers.tier SET minimum_balance = 1")

    def test_bi_gets_nothing_here(self, connect):
        bi = self.as_role(connect, "rewards_bi")
        with pytest.raises(errors.InsufficientPrivilege):
            bi.execute("SELECT tiers.tier_keys()")

    def test_everything_is_owned_by_rewards_owner_and_commented(self, db):
        assert db.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'tiers' AND c.relkind IN ('r', 'v') AND c.relowner <> 'rewards_owner'::regrole"
        ).fetchone()[0] == 0
        missing = db.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'tiers'::regnamespace "
            "AND (obj_description(p.oid, 'pg_proc') IS NULL OR p.proowner <> 'rewards_owner'::regrole) "
            "UNION ALL SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relnamespace = 'tiers'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped "
            "AND col_description(c.oid, a.attnum) IS NULL"
        ).fetchall()
        assert missing == []
        public = db.execute(
            "SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'tiers'::regnamespace "
            "AND has_function_privilege('public', p.oid, 'EXECUTE')"
        ).fetchall()
        assert public == []
