"""tiers.tier_status: a wallet's balance, tier (= tiers.get_tier), next tier and distance, at and around every
threshold; an unknown wallet; a malformed address."""

from __future__ import annotations

from decimal import Decimal

import pytest
from psycopg import errors

from tests.runner.helpers import sql_error

A = "0x" + "a" * 40


def status(db, address=A):
    return db.execute(
        "SELECT s.address, s.balance, (s.tier).tier_key, (s.next_tier).tier_key, s.amount_to_next_tier, "
        "s.updated_at IS NOT NULL FROM tiers.tier_status(%s) s", (address,)).fetchone()


def set_balance(db, balance):
    db.execute("SELECT * FROM tiers.set_balances(ARRAY[%s], ARRAY[%s])", (A, str(balance)))


@pytest.mark.parametrize("balance, tier, next_tier, to_next", [
    ("0", None, "elite", "5000"), ("4999.99", None, "elite", "0.01"), ("5000", "elite", "grandmaster", "45000"),
    ("5000.01", "elite", "grandmaster", "44999.99"), ("49999", "elite", "grandmaster", "1"),
    ("50000", "grandmaster", "legend", "250000"), ("299999.5", "grandmaster", "legend", "0.5"),
    ("300000", "legend", None, None), ("1e9", "legend", None, None),
])
def test_status_at_and_around_every_threshold_equals_get_tier_and_tier_for_balance(db, balance, tier, next_tier, to_next):
    set_balance(db, balance)
    address, stored, key, next_key, missing, stamped = status(db)
    assert (address, stored, key, next_key, missing, stamped) == (
        A, Decimal(balance), tier, next_tier, None if to_next is None else Decimal(to_next), True)
    get_tier, for_balance = db.execute(
        "SELECT (tiers.get_tier(%s)).tier_key, (tiers.tier_for_balance(%s::numeric)).tier_key", (A, balance)).fetchone()
    assert get_tier == for_balance == (tier or "none")


def test_unknown_wallet_has_no_balance_no_tier_and_the_lowest_tier_next(db):
    assert status(db) == (A, None, None, "elite", Decimal(5000), False)


def test_follows_tier_changes(db):
    set_balance(db, 6000)
    db.execute("SELECT tiers.update_tier(1, p_minimum_balance => 7000)")
    assert status(db)[2:5] == (None, "elite", Decimal(1000))


def test_malformed_address_is_a_check_violation_naming_the_value(db):
    failure = sql_error(db, "SELECT * FROM tiers.tier_status(%s)", ("0xABC",))
    assert isinstance(failure, errors.CheckViolation)
    assert failure.diag.message_primary.startswith("tiers.wallet.address must be lower-case 0x")
    assert "CONTEXT" not in failure.diag.message_primary
