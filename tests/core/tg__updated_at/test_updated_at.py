"""core.tg__updated_at: the one trigger function keeping updated_at, on tiers.tier, tiers.wallet and human_points.settings."""

import pytest

WALLET = "0x" + "a" * 40


@pytest.mark.parametrize(
    "table, change, same, key",
    [
        ("tiers.tier", "UPDATE tiers.tier SET name = 'Elite 2' WHERE id = 1",
         "UPDATE tiers.tier SET name = name WHERE id = 1", "id = 1"),
        ("tiers.wallet", f"UPDATE tiers.wallet SET balance = 7000 WHERE address = '{WALLET}'",
         f"UPDATE tiers.wallet SET balance = balance WHERE address = '{WALLET}'", f"address = '{WALLET}'"),
        ("human_points.settings", "UPDATE human_points.settings SET write_enabled = false",
         "UPDATE human_points.settings SET write_enabled = write_enabled", "true"),
    ],
)
def test_a_change_stamps_updated_at_and_a_no_op_does_not(db, table, change, same, key):
    db.execute(f"INSERT INTO tiers.wallet (address, balance) VALUES ('{WALLET}', 6000)")
    db.execute("SET session_replication_role = replica")  # plant an old stamp with triggers off
    db.execute(f"UPDATE {table} SET updated_at = '2001-01-01Z' WHERE {key}")
    db.execute("RESET session_replication_role")
    db.execute(same)
    assert db.execute(f"SELECT updated_at::text FROM {table} WHERE {key}").fetchone() == ("2001-01-01 00:00:00+00",)
    with db.transaction():
        db.execute(change)
        assert db.execute(f"SELECT updated_at = now() FROM {table} WHERE {key}").fetchone() == (True,)


def test_one_function_keeps_every_updated_at(db):
    tables = db.execute(
        """SELECT t.tgrelid::regclass::text FROM pg_trigger t
           WHERE t.tgfoid = 'core.tg__updated_at()'::regprocedure ORDER BY 1""").fetchall()
    assert tables == [("human_points.settings",), ("tiers.tier",), ("tiers.wallet",)]
    others = db.execute(
        """SELECT p.oid::regprocedure::text FROM pg_proc p
           WHERE p.prorettype = 'trigger'::regtype AND p.prosrc ILIKE '%NEW.updated_at%'
             AND p.oid <> 'core.tg__updated_at()'::regprocedure""").fetchall()
    assert others == []
