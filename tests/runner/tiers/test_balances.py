"""runner.tiers.api.import_balances at scale: 100,000 wallets moved between tiers by one import, one tier_change
row per move, each wallet's status equal to tiers.get_tier / tiers.tier_for_balance of its balance; a bad record
in the 100,000 stores nothing."""

from __future__ import annotations

import random

import pytest
from psycopg import errors

from runner.db import connect
from runner.tiers import api

THRESHOLDS = ("0", "4999.99", "5000", "5000.01", "49999.99", "50000", "50000.01", "299999.99", "300000", "300001")


def addresses(n: int) -> list[str]:
    return [f"0x{i:040x}" for i in range(n)]


def test_100k_rows_move_wallets_with_one_tier_change_per_move(dsn, db):
    rng = random.Random(12)
    wallets = addresses(100_000)
    first = [(a, rng.choice(THRESHOLDS)) for a in wallets]
    second = [(a, rng.choice(THRESHOLDS)) for a in wallets]
    with connect(dsn) as conn:
        loaded = api.import_balances(conn, first)
    assert loaded.wallets == 100_000
    assert loaded.moved == db.execute("SELECT count(*) FROM tiers.tier_change").fetchone()[0] == db.execute(
        "SELECT count(*) FROM tiers.wallet WHERE tier_key <> 'none'").fetchone()[0]
    before = dict(db.execute("SELECT address, tier_key FROM tiers.wallet").fetchall())
    last = db.execute("SELECT max(id) FROM tiers.tier_change").fetchone()[0]
    with connect(dsn) as conn:
        moved = api.import_balances(conn, second)
    after = dict(db.execute("SELECT address, tier_key FROM tiers.wallet").fetchall())
    changes = db.execute("SELECT address, from_tier_key, to_tier_key FROM tiers.tier_change WHERE id > %s",
                         (last,)).fetchall()
    assert moved.moved == len(changes) == sum(before[a] != after[a] for a in wallets) > 50_000
    assert {(a, before[a], after[a]) for a in wallets if before[a] != after[a]} == set(changes)
    # every wallet sits where the SQL rule puts its balance
    assert db.execute(
        "SELECT count(*) FROM tiers.wallet w WHERE w.tier_key <> (tiers.tier_for_balance(w.balance)).tier_key"
    ).fetchone()[0] == 0
    assert db.execute(  # and tiers.get_tier agrees (a sample: one SECURITY DEFINER call per wallet)
        "SELECT count(*) FROM tiers.wallet w WHERE w.address = ANY(%s) AND w.tier_key <> (tiers.get_tier(w.address)).tier_key",
        (rng.sample(wallets, 2000),)).fetchone()[0] == 0


def test_a_bad_record_among_100k_stores_nothing(dsn, db):
    rows = [(a, "5000") for a in addresses(100_000)]
    rows[76_543] = (rows[76_543][0], "-1")
    with connect(dsn) as conn, pytest.raises(errors.CheckViolation) as failure:
        api.import_balances(conn, rows)
    assert failure.value.diag.message_primary == "records[76544].balance must be >= 0 (got -1)"
    assert db.execute("SELECT count(*) FROM tiers.wallet").fetchone()[0] == 0


@pytest.mark.parametrize("balance", THRESHOLDS)
def test_status_equals_the_sql_rules_at_and_around_every_threshold(dsn, db, balance):
    address = "0x" + "f" * 40
    with connect(dsn, autocommit=True) as conn:
        api.set_balance(conn, address, balance)
        status = api.tier_status(conn, address)
        by_address = api.get_tier(conn, address)
        by_balance = api.tier_for_balance(conn, balance)
    assert (status.tier.tier_key if status.tier else "none") == by_address.tier_key == by_balance.tier_key
    assert str(status.balance) == balance
