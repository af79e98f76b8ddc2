"""Mints on a chain (issue 15.2): holonym_mint earns only on chain id 10 (Optimism) — human_points.action_chain;
on another chain or none the event is stored and earns nothing. passport_mint earns on any chain."""

import psycopg
import pytest

from tests.human_points.helpers import ALICE, awarded, mint

TX = "0x" + "1" * 64


def test_holonym_mint_earns_on_optimism_only(hp):
    mint(hp, ALICE, "holonym_mint", "0x01", chain_id=1)
    mint(hp, ALICE, "holonym_mint", "0x02", chain_id=None)
    mint(hp, ALICE, "holonym_mint", "0x03", chain_id=8453)
    assert awarded(hp) == []
    mint(hp, ALICE, "holonym_mint", TX, chain_id=10)
    assert awarded(hp) == [(ALICE, "holonym_mint", 1000, TX)]
    assert hp.execute("SELECT count(*) FROM human_points.mint WHERE action = 'holonym_mint'").fetchone()[0] == 4


def test_a_holonym_mint_off_optimism_does_not_hold_its_hash(hp):
    # The same transaction sent first with a wrong chain, then with chain 10: the second earns.
    hp.execute("INSERT INTO human_points.mint (address, action, tx_hash, chain_id) VALUES (%s, 'holonym_mint', %s, 1),"
               " (%s, 'holonym_mint', %s, 10)", (ALICE, TX, ALICE, TX))
    assert awarded(hp) == [(ALICE, "holonym_mint", 1000, TX)]


@pytest.mark.parametrize("chain_id", [1, 10, 137, None])
def test_passport_mint_earns_on_any_chain(hp, chain_id):
    mint(hp, ALICE, "passport_mint", TX, chain_id=chain_id)
    assert awarded(hp) == [(ALICE, "passport_mint", 300, TX)]


def test_only_mint_actions_name_a_chain(hp):
    assert hp.execute("SELECT action, chain_id FROM human_points.action_chain").fetchall() == [("holonym_mint", 10)]
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="action_chain_action_kind_fkey"):
        hp.execute("INSERT INTO human_points.action_chain (action, chain_id) VALUES ('human_keys', 10)")
