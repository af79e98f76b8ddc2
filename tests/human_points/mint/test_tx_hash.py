"""One transaction, one spelling (issues 18.2 and 14.10): the mint trigger writes every hex transaction hash as
0x + lower-case hex (human_points._normalize_tx_hash) before idx_mint_actions sees it — independently of how the
address is written, with or without 0x, in upper case, in full-width digits."""

import pytest

from tests.human_points.helpers import ALICE, awarded, mint

HEX = "abc" + "0" * 61
TX = "0x" + HEX


def _rows(conn):
    return conn.execute("SELECT address, action, tx_hash FROM human_points.mint ORDER BY id").fetchall()


def test_lower_case_address_upper_then_lower_hash_in_separate_statements(hp):
    mint(hp, ALICE, "passport_mint", "0x" + HEX.upper())
    mint(hp, ALICE, "passport_mint", TX)
    assert awarded(hp) == [(ALICE, "passport_mint", 300, TX)]
    assert _rows(hp) == [(ALICE, "passport_mint", TX)] * 2


def test_lower_case_address_upper_and_lower_hash_in_one_statement(hp):
    hp.execute("INSERT INTO human_points.mint (address, action, tx_hash, chain_id) VALUES (%s, 'passport_mint', %s, 10),"
               " (%s, 'passport_mint', %s, 10)", (ALICE, "0x" + HEX.upper(), ALICE, TX))
    assert awarded(hp) == [(ALICE, "passport_mint", 300, TX)]
    assert _rows(hp) == [(ALICE, "passport_mint", TX)] * 2


FULL_WIDTH = str.maketrans("0123456789abcdefABCDEFxX", "０１２３４５６７８９ａｂｃｄｅｆＡＢＣＤＥＦｘＸ")
SPELLINGS = {
    "0x + hex": TX,
    "without 0x": HEX,
    "upper case": "0X" + HEX.upper(),
    "upper case without 0x": HEX.upper(),
    "full-width digits": "0x" + HEX.translate(FULL_WIDTH),
    "all full-width": TX.translate(FULL_WIDTH),
}


def test_every_spelling_of_one_transaction_is_one_mint(hp):
    for spelling in SPELLINGS.values():
        mint(hp, ALICE, "holonym_mint", spelling)
    assert awarded(hp) == [(ALICE, "holonym_mint", 1000, TX)]
    assert {row[2] for row in _rows(hp)} == {TX}


@pytest.mark.parametrize("name", SPELLINGS)
def test_each_spelling_is_stored_as_0x_lower_hex(hp, name):
    mint(hp, ALICE, "passport_mint", SPELLINGS[name])
    assert _rows(hp) == [(ALICE, "passport_mint", TX)]


def test_hashes_that_are_not_hex_are_kept_as_written(hp):
    mint(hp, ALICE, "passport_mint", "tx-1")
    mint(hp, ALICE, "passport_mint", "TX-1")
    assert [row[2] for row in _rows(hp)] == ["tx-1", "TX-1"]
