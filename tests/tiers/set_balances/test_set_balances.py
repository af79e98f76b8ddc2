"""tiers.set_balances: records judged before anything is written (named records[i].field), moves counted, one
tier_change row per move, the caller's rights (rewards_app writes, rewards_bi may not)."""

from __future__ import annotations

import pytest
from psycopg import errors

from tests.runner.helpers import sql_error

A, B, C = ("0x" + ch * 40 for ch in "abc")


def call(db, addresses, balances):
    return db.execute("SELECT * FROM tiers.set_balances(%s::text[], %s::text[])", (addresses, balances)).fetchone()


def wallets(db):
    return dict(db.execute("SELECT address, tier_key FROM tiers.wallet ORDER BY address").fetchall())


def test_records_balances_and_counts_moves(db):
    assert call(db, [A, B, C], ["1", "5000", "50000"]) == (3, 2)
    assert wallets(db) == {A: "none", B: "elite", C: "grandmaster"}
    assert call(db, [A, B, C], ["300000", "5001", "0"]) == (3, 2)
    assert wallets(db) == {A: "legend", B: "elite", C: "none"}
    assert db.execute("SELECT address, from_tier_key, to_tier_key, cause FROM tiers.tier_change ORDER BY id").fetchall() == [
        (B, "none", "elite", "balance"), (C, "none", "grandmaster", "balance"),
        (A, "none", "legend", "balance"), (C, "grandmaster", "none", "balance")]
    assert call(db, [], []) == (0, 0)


@pytest.mark.parametrize("balances, message, column, sqlstate", [
    (["1", "x", "2"], "records[2].balance must be a finite number >= 0 (got 'x')", "balance", "23514"),
    (["1", "2", "-1"], "records[3].balance must be >= 0 (got -1)", "balance", "23514"),
    (["NaN", "2", "3"], "records[1].balance must be a finite number (got 'NaN')", "balance", "23514"),
    (["1", "Infinity", "3"], "records[2].balance must be a finite number (got 'Infinity')", "balance", "23514"),
    (["1", None, "3"], "records[2].balance is required", "balance", "23514"),
    (["1", "1e80", "3"], "records[2].balance must be less than 2^256 (115792089237316195423570985008687907853269984665640"
                         "564039457584007913129639936, an ERC-20 uint256 balance) (got 1" + "0" * 80 + ")", "balance", "23514"),
    (["1", "2", "1e-30"], "records[3].balance must have at most 18 decimal places (a token's decimals) (got 0."
                          + "0" * 29 + "1)", "balance", "23514"),
])
def test_a_bad_balance_names_its_record_and_stores_nothing(db, balances, message, column, sqlstate):
    failure = sql_error(db, "SELECT * FROM tiers.set_balances(%s::text[], %s::text[])", ([A, B, C], balances))
    assert (failure.sqlstate, failure.diag.message_primary, failure.diag.column_name) == (sqlstate, message, column)
    assert wallets(db) == {}


def test_a_bad_address_or_a_repeated_one_names_its_record(db):
    failure = sql_error(db, "SELECT * FROM tiers.set_balances(%s::text[], %s::text[])", ([A, "0xABC"], ["1", "2"]))
    assert (failure.sqlstate, failure.diag.column_name) == ("23514", "address")
    assert failure.diag.message_primary == (
        "records[2].address must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana) "
        "(got '0xABC')")
    failure = sql_error(db, "SELECT * FROM tiers.set_balances(%s::text[], %s::text[])", ([A, B, A], ["1", "2", "3"]))
    assert isinstance(failure, errors.UniqueViolation)
    assert failure.diag.message_primary == f"records[3].address must appear once ('{A}' is also records[1])"
    failure = sql_error(db, "SELECT * FROM tiers.set_balances(%s::text[], %s::text[])", ([A, B], ["1"]))
    assert isinstance(failure, errors.InvalidParameterValue)
    assert wallets(db) == {}


def test_the_callers_rights_apply(db):
    db.execute("SET ROLE rewards_app")
    assert call(db, [A], ["5000"]) == (1, 1)
    db.execute("RESET ROLE; SET ROLE rewards_bi")
    assert isinstance(sql_error(db, "SELECT * FROM tiers.set_balances(ARRAY[%s], ARRAY['1'])", (B,)),
                      errors.InsufficientPrivilege)


def test_concurrent_imports_sharing_wallets_neither_deadlock_nor_lose_a_move(connect, db):
    import threading

    wallets = [f"0x{i:040x}" for i in range(2000)]
    failures: list[BaseException] = []

    def load(order, balance):
        try:
            with connect() as conn:
                for _ in range(3):
                    conn.execute("SELECT * FROM tiers.set_balances(%s::text[], %s::text[])",
                                  (order, [balance] * len(order)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=load, args=(wallets, "5000")),
               threading.Thread(target=load, args=(wallets[::-1], "50000"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    # every wallet's history ends where it is, and it sits in the tier of its balance
    assert db.execute("""
        SELECT count(*) FROM tiers.wallet w
         WHERE w.tier_key <> (tiers.tier_for_balance(w.balance)).tier_key
            OR w.tier_key <> (SELECT c.to_tier_key FROM tiers.tier_change c WHERE c.address = w.address
                               ORDER BY c.id DESC LIMIT 1)""").fetchone()[0] == 0
