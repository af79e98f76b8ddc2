"""Mints: once per (address, action, tx_hash), times the multiplier; duplicates and concurrent inserts give one row."""

import psycopg
import pytest

from tests.human_points.helpers import ALICE, BOB, awarded, data, mint, second_waits_for_first

TX1 = "0x" + "1" * 64
TX2 = "0x" + "2" * 64


def test_mint_points(hp):
    mint(hp, ALICE, "passport_mint", TX1)
    mint(hp, ALICE, "holonym_mint", TX1)
    mint(hp, ALICE, "passport_mint", TX2)
    assert awarded(hp) == [
        (ALICE, "holonym_mint", 1000, TX1),
        (ALICE, "passport_mint", 300, TX1),
        (ALICE, "passport_mint", 300, TX2),
    ]
    assert data(hp, ALICE) == {"total_points": 1600, "is_eligible": False, "multiplier": 1,
                               "breakdown": {"holonym_mint": 1000, "passport_mint": 600}}


def test_duplicate_mints_give_one_row(hp):
    hp.execute("INSERT INTO human_points.mint (address, action, tx_hash) VALUES (%s, 'passport_mint', %s),"
               " (%s, 'passport_mint', %s)", (ALICE, TX1, ALICE, TX1))
    mint(hp, ALICE, "passport_mint", TX1)
    mint(hp, ALICE.upper().replace("0X", "0x"), "passport_mint", TX1.upper().replace("0X", "0x"))
    mint(hp, BOB, "passport_mint", TX1)  # another address, same tx: its own row
    assert hp.execute("SELECT count(*) FROM human_points.mint").fetchone()[0] == 5
    assert hp.execute("SELECT DISTINCT tx_hash FROM human_points.mint").fetchall() == [(TX1,)]
    assert awarded(hp) == [(ALICE, "passport_mint", 300, TX1), (BOB, "passport_mint", 300, TX1)]


def test_mint_multiplier(hp):
    hp.execute("INSERT INTO human_points.multiplier (address) VALUES (%s)", (ALICE,))
    mint(hp, ALICE, "holonym_mint", TX1)
    assert awarded(hp) == [(ALICE, "holonym_mint", 2000, TX1)]


def test_only_mint_actions(hp):
    # A binary action is no mint action: human_points.action says which kind each is.
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="mint_action_kind_fkey"):
        mint(hp, ALICE, "scoring_bonus", TX1)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="mint_action_kind_fkey"):
        mint(hp, ALICE, "airdrop", TX1)
    with pytest.raises(psycopg.errors.CheckViolation, match="mint_tx_hash_not_empty"):
        mint(hp, ALICE, "passport_mint", "")


def test_concurrent_mints_with_the_same_tx_give_one_row(hp, connect, wait_until_blocked):
    second_waits_for_first(connect, wait_until_blocked, lambda conn: mint(conn, ALICE, "passport_mint", TX1),
                           lambda conn: mint(conn, ALICE, "passport_mint", TX1))
    assert hp.execute("SELECT count(*) FROM human_points.mint").fetchone()[0] == 2
    assert awarded(hp) == [(ALICE, "passport_mint", 300, TX1)]
