"""tiers.wallet: address format, tier kept from the balance, history, re-evaluation on tier changes, preview,
and the race between a balance change and a tier change under READ COMMITTED."""

from __future__ import annotations

import threading
from decimal import Decimal

import psycopg
import pytest
from psycopg import errors

from runner import errors as runner_errors
from tests.runner.helpers import sql_error

A, B, C, D = ("0x" + ch * 40 for ch in "abcd")
SOLANA = "DFR4gji369NG96p2u4cLqXLY6nNwTjxsRVKm4LbbE9v8"  # the seed's example address


def wallets(db):
    return dict(db.execute("SELECT address, tier_key FROM tiers.wallet ORDER BY address").fetchall())


def history(db, since: int = 0):
    return db.execute(
        "SELECT address, from_tier_key, to_tier_key, balance, cause FROM tiers.tier_change WHERE id > %s ORDER BY id",
        (since,),
    ).fetchall()


def last_change_id(db) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM tiers.tier_change").fetchone()[0]


def set_balance(conn, address, balance):
    conn.execute(
        "INSERT INTO tiers.wallet (address, balance) VALUES (%s, %s::numeric) "
        "ON CONFLICT (address) DO UPDATE SET balance = excluded.balance",
        (address, str(balance)),
    )


@pytest.mark.parametrize("address", [A, "0x" + "0123456789abcdef" * 2 + "01234567", SOLANA, "1" * 32])
def test_accepted_addresses(db, address):
    set_balance(db, address, 1)
    assert wallets(db) == {address: "none"}


@pytest.mark.parametrize(
    "address",
    ["0x" + "A" * 40, "0x" + "a" * 39, "0x" + "a" * 41, "0X" + "a" * 40, "0x" + "g" * 40, "0" * 40, "O" * 32, "1" * 31, "1" * 45, ""],
)
def test_other_addresses_are_rejected_naming_the_value(db, address):
    failure = sql_error(db, "INSERT INTO tiers.wallet (address, balance) VALUES (%s, 1)", (address,))
    assert isinstance(failure, errors.CheckViolation)
    assert failure.diag.message_primary == (
        "tiers.wallet.address must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana) "
        f"(got '{address}')")
    failure = sql_error(db, "SELECT tiers.get_tier(%s)", (address,))
    assert isinstance(failure, errors.CheckViolation)


def test_negative_balance_is_rejected(db):
    failure = sql_error(db, "INSERT INTO tiers.wallet (address, balance) VALUES (%s, -1)", (A,))
    assert isinstance(failure, errors.CheckViolation)
    assert failure.diag.constraint_name == "wallet_balance_not_negative"


MAX_BALANCE = 2**256 - 1


@pytest.mark.parametrize(("balance", "constraint"), [
    ("9" * 100_001, "wallet_balance_under_2_256"),  # was stored, in legend
    (str(2**256), "wallet_balance_under_2_256"),
    ("0." + "0" * 18 + "1", "wallet_balance_with_at_most_18_decimals"),
    ("5000." + "0" * 16_000 + "1", "wallet_balance_with_at_most_18_decimals"),
])
def test_a_balance_out_of_bounds_is_refused_naming_its_rule(db, connect, balance, constraint):
    """Balances are bounded as on chain: below 2^256 (an ERC-20 uint256), at most 18 decimal places. An
    application's (rewards_app) INSERT, and its UPDATE of a stored wallet, are refused; runner.errors names the
    column and the rule."""
    app = connect()
    app.execute("SET ROLE rewards_app")
    app.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 6000)", (B,))
    for statement, address in (("INSERT INTO tiers.wallet (address, balance) VALUES (%s, %s::numeric)", A),
                               ("UPDATE tiers.wallet SET balance = %s::numeric WHERE address = %s", B)):
        params = (address, balance) if statement.startswith("INSERT") else (balance, address)
        failure = sql_error(app, statement, params)
        assert isinstance(failure, errors.CheckViolation)
        assert failure.diag.constraint_name == constraint
        explained = runner_errors.explain(failure, runner_errors.constraint_rule(db))
        assert (explained.field, explained.sqlstate) == ("tiers.wallet.balance", "23514")
        assert explained.rule.startswith("must ")
    assert db.execute("SELECT address, balance, tier_key FROM tiers.wallet").fetchall() == [(B, 6000, "elite")]


def test_the_largest_balances_within_bounds_are_stored(db, connect):
    app = connect()
    app.execute("SET ROLE rewards_app")
    app.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, %s::numeric), (%s, %s::numeric), "
                "(%s, %s::numeric)", (A, str(MAX_BALANCE), B, "0." + "0" * 17 + "1", C, "7." + "0" * 40))
    assert db.execute("SELECT address, balance, tier_key FROM tiers.wallet ORDER BY address").fetchall() == [
        (A, Decimal(MAX_BALANCE), "legend"), (B, Decimal("1E-18"), "none"), (C, Decimal(7), "none")]


def test_tier_history_after_balance_changes(db):
    for balance in ("100", "5000", "49999.99", "50000", "300000", "299999.99", "4999", "4999"):
        set_balance(db, A, balance)
    assert history(db) == [
        (A, "none", "elite", Decimal("5000"), "balance"),
        (A, "elite", "grandmaster", Decimal("50000"), "balance"),
        (A, "grandmaster", "legend", Decimal("300000"), "balance"),
        (A, "legend", "grandmaster", Decimal("299999.99"), "balance"),
        (A, "grandmaster", "none", Decimal("4999"), "balance"),
    ]
    assert wallets(db) == {A: "none"}
    assert db.execute("SELECT tier_key FROM tiers.get_tier(%s)", (A,)).fetchone()[0] == "none"
    assert db.execute("SELECT tier_key FROM tiers.get_tier(%s)", (B,)).fetchone()[0] == "none"  # unknown wallet


def test_updated_at_follows_balance_changes(db):
    set_balance(db, A, 10)
    db.execute("UPDATE tiers.wallet SET updated_at = '2000-01-01'")
    set_balance(db, A, 10)  # same balance: untouched
    assert db.execute("SELECT updated_at = '2000-01-01' FROM tiers.wallet").fetchone()[0]
    set_balance(db, A, 11)
    assert db.execute("SELECT updated_at > '2001-01-01' FROM tiers.wallet").fetchone()[0]


def test_one_statement_and_copy_run_the_same_set_based_code(db):
    db.execute("INSERT INTO tiers.wallet (address, balance) SELECT '0x' || lpad(to_hex(i), 40, '0'), i * 100 "
               "FROM generate_series(1, 4000) i")
    with db.cursor().copy("COPY tiers.wallet (address, balance) FROM STDIN") as copy:
        for i in range(4001, 8001):
            copy.write_row((f"0x{i:040x}", i * 100))
    counts = dict(db.execute("SELECT tier_key, count(*) FROM tiers.wallet GROUP BY 1").fetchall())
    # balances 100 .. 800000 step 100
    assert counts == {"none": 49, "elite": 450, "grandmaster": 2500, "legend": 5001}
    assert db.execute("SELECT count(*) FROM tiers.tier_change").fetchone()[0] == 8000 - 49
    assert db.execute("SELECT count(*) FROM tiers.wallet w WHERE w.tier_key <> (tiers.tier_for_balance(w.balance)).tier_key").fetchone()[0] == 0


def test_tier_changes_move_wallets_with_history(db):
    for address, balance in ((A, 5000), (B, 7000), (C, 60000), (D, 1000)):
        set_balance(db, address, balance)
    start = last_change_id(db)
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 6000)")
    assert history(db, start) == [(A, "elite", "none", Decimal("5000"), "tier")]
    start = last_change_id(db)
    db.execute("SELECT tiers.create_tier('Bronze', 'bronze', 1000)")
    assert history(db, start) == [(A, "none", "bronze", Decimal("5000"), "tier"), (D, "none", "bronze", Decimal("1000"), "tier")]
    start = last_change_id(db)
    db.execute("SELECT tiers.delete_tier(2)")  # grandmaster
    assert history(db, start) == [(C, "grandmaster", "elite", Decimal("60000"), "tier")]
    start = last_change_id(db)
    db.execute("SELECT tiers.update_tier(2, p_is_active => true)")
    assert history(db, start) == [(C, "elite", "grandmaster", Decimal("60000"), "tier")]
    start = last_change_id(db)
    db.execute("SELECT tiers.update_tier(2, p_name => 'GM', p_discount_percent => 2.5)")  # no threshold change
    assert history(db, start) == []
    assert wallets(db) == {A: "bronze", B: "elite", C: "grandmaster", D: "bronze"}
    db.execute("DELETE FROM tiers.tier WHERE tier_key = 'bronze'")  # the owner's hard delete is followed too
    assert wallets(db) == {A: "none", B: "elite", C: "grandmaster", D: "none"}


@pytest.mark.parametrize(
    "tier_id, minimum",
    [(1, "7500"), (1, "100"), (1, "60000"), (2, "5000.01"), (2, "400000"), (3, "1"), (3, "250000"), (1, "5000")],
)
def test_preview_equals_what_the_update_then_does(db, tier_id, minimum):
    db.execute(
        "INSERT INTO tiers.wallet (address, balance) "
        "SELECT '0x' || lpad(to_hex(i), 40, '0'), (i * 997) % 400000 FROM generate_series(1, 3000) i"
    )
    try:
        preview = db.execute("SELECT * FROM tiers.preview_tier_update(%s, %s::numeric)", (tier_id, minimum)).fetchall()
    except errors.UniqueViolation:
        pytest.skip("collides with another active minimum")
    assert db.execute("SELECT count(*) FROM tiers.tier WHERE minimum_balance = 7500").fetchone()[0] == 0  # unchanged
    start = last_change_id(db)
    db.execute("SELECT tiers.update_tier(%s, p_minimum_balance => %s::numeric)", (tier_id, minimum))
    done = db.execute(
        "SELECT from_tier_key, to_tier_key, count(*) FROM tiers.tier_change WHERE id > %s GROUP BY 1, 2 ORDER BY 1, 2",
        (start,),
    ).fetchall()
    assert preview == done
    if minimum != "5000":
        assert preview  # every case here moves someone


def test_preview_of_an_inactive_tier_moves_nobody(db):
    set_balance(db, A, 6000)
    db.execute("SELECT tiers.delete_tier(1)")
    assert db.execute("SELECT * FROM tiers.preview_tier_update(1, 1)").fetchall() == []


def ranges(db):
    return {a: (f, c) for a, f, c in db.execute("SELECT address, tier_floor, tier_ceiling FROM tiers.wallet").fetchall()}


def test_each_wallet_keeps_the_balance_range_of_its_tier(db):
    """A balance change inside the stored range [tier_floor, tier_ceiling) is not looked up again; every way a wallet
    is written or re-tiered leaves a range that holds only balances of its tier."""
    for address, balance in ((A, 100), (B, 6000), (C, 400000)):
        set_balance(db, address, balance)  # inserted
    assert ranges(db) == {A: (0, 5000), B: (5000, 50000), C: (300000, Decimal("Infinity"))}
    set_balance(db, A, 4999)  # updated, inside its range
    set_balance(db, B, 50000)  # out of it: grandmaster
    assert ranges(db) == {A: (0, 5000), B: (50000, 300000), C: (300000, Decimal("Infinity"))}
    assert wallets(db) == {A: "none", B: "grandmaster", C: "legend"}


@pytest.mark.parametrize(("change", "after"), [
    ("SELECT tiers.create_tier('Bronze', 'bronze', 1000)", {A: "bronze", B: "elite"}),  # splits none's range
    ("SELECT tiers.update_tier(1, p_minimum_balance => 1000)", {A: "elite", B: "elite"}),  # elite down into none's
    ("SELECT tiers.update_tier(2, p_minimum_balance => 10000)", {A: "none", B: "grandmaster"}),  # gm down into elite's
])
def test_a_tier_change_splitting_a_stored_range_narrows_it(db, change, after):
    """A new minimum inside the range a wallet stores re-tiers the wallets of the tier under it too (no tier moves
    there, but their range must end at the new minimum): the next balance change past it moves the wallet."""
    set_balance(db, A, 500)
    set_balance(db, B, 6000)
    db.execute(change)
    assert wallets(db) == {A: "none", B: "elite"}
    start = last_change_id(db)
    set_balance(db, A, 2000)
    set_balance(db, B, 20000)
    assert wallets(db) == after
    assert history(db, start) == [(address, before, after[address], Decimal(balance), "balance")
                                  for address, before, balance in ((A, "none", 2000), (B, "elite", 20000))
                                  if after[address] != before]


def test_a_wallet_without_a_stored_range_is_looked_up(db):
    """Wallets stored before migration 0096 have no range (null): their next balance change looks the tier up."""
    set_balance(db, A, 6000)
    db.execute("UPDATE tiers.wallet SET tier_floor = NULL, tier_ceiling = NULL")
    start = last_change_id(db)
    set_balance(db, A, 6001)  # same tier: range stored, nothing logged
    assert ranges(db) == {A: (5000, 50000)} and history(db, start) == []
    set_balance(db, A, 60000)
    assert history(db, start) == [(A, "elite", "grandmaster", Decimal("60000"), "balance")]


# -- the race ---------------------------------------------------------------------------------------------

def in_thread(fn):
    result: dict = {}

    def run():
        try:
            result["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def test_balance_change_first_then_tier_change_waits(db, connect, wait_until_blocked):
    set_balance(db, A, 6000)  # elite
    wallet_tx = connect(autocommit=False)
    set_balance(wallet_tx, A, 7000)  # still elite under the current tiers; holds the lock shared
    tier_conn = connect(autocommit=False)
    pid = tier_conn.info.backend_pid
    thread, result = in_thread(lambda: (tier_conn.execute("SELECT tiers.update_tier(1, p_minimum_balance => 6500)"),
                                        tier_conn.commit()))
    wait_until_blocked(pid)
    wallet_tx.commit()
    thread.join(10)
    assert "error" not in result, result
    # The tier change saw the committed 7000: elite (>= 6500). Without the lock it would have judged 6000 → none.
    assert wallets(db) == {A: "elite"}
    assert history(db) == [(A, "none", "elite", Decimal("6000"), "balance")]


def test_balance_change_first_then_tier_change_moves_it(db, connect, wait_until_blocked):
    set_balance(db, A, 6000)
    wallet_tx = connect(autocommit=False)
    set_balance(wallet_tx, A, 6200)
    tier_conn = connect(autocommit=False)
    pid = tier_conn.info.backend_pid
    thread, result = in_thread(lambda: (tier_conn.execute("SELECT tiers.update_tier(1, p_minimum_balance => 6500)"),
                                        tier_conn.commit()))
    wait_until_blocked(pid)
    wallet_tx.commit()
    thread.join(10)
    assert "error" not in result, result
    assert wallets(db) == {A: "none"}
    assert history(db)[-1] == (A, "elite", "none", Decimal("6200"), "tier")


def test_tier_change_first_then_balance_change_waits(db, connect, wait_until_blocked):
    set_balance(db, A, 6000)  # elite
    tier_tx = connect(autocommit=False)
    tier_tx.execute("SELECT tiers.update_tier(1, p_minimum_balance => 8000)")  # A → none, uncommitted
    wallet_conn = connect(autocommit=False)
    pid = wallet_conn.info.backend_pid
    thread, result = in_thread(lambda: (set_balance(wallet_conn, A, 7000), wallet_conn.commit()))
    wait_until_blocked(pid)
    tier_tx.commit()
    thread.join(10)
    assert "error" not in result, result
    # The balance change judged 7000 against the committed 8000 minimum: none (not elite from the old 5000).
    assert wallets(db) == {A: "none"}
    assert history(db) == [(A, "none", "elite", Decimal("6000"), "balance"),
                           (A, "elite", "none", Decimal("6000"), "tier")]


def test_wallet_writers_do_not_wait_for_each_other(db, connect):
    first = connect(autocommit=False)
    set_balance(first, A, 6000)
    second = connect(autocommit=False)
    second.execute("SET lock_timeout = '5s'")
    set_balance(second, B, 60000)  # would raise LockNotAvailable if wallet writers locked each other out
    first.commit()
    second.commit()
    assert wallets(db) == {A: "elite", B: "grandmaster"}


def test_tier_change_first_that_does_not_touch_the_wallet_row(db, connect, wait_until_blocked):
    # No row lock links these two: only the tiers lock on wallet (tiers._lock_tiers) makes the balance change see
    # the new minimum.
    set_balance(db, A, 100)  # none
    tier_tx = connect(autocommit=False)
    tier_tx.execute("SELECT tiers.update_tier(1, p_minimum_balance => 3000)")  # A stays none: row untouched
    wallet_conn = connect(autocommit=False)
    pid = wallet_conn.info.backend_pid
    thread, result = in_thread(lambda: (set_balance(wallet_conn, A, 4000), wallet_conn.commit()))
    wait_until_blocked(pid)
    tier_tx.commit()
    thread.join(10)
    assert "error" not in result, result
    assert wallets(db) == {A: "elite"}
    assert history(db) == [(A, "none", "elite", Decimal("4000"), "balance")]
