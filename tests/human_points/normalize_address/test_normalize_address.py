"""Addresses: stored lower-case, mixed case normalised, anything else rejected naming the value."""

import psycopg
import pytest

from tests.human_points.helpers import ALICE, awarded, data, mint, score, stamp

MIXED = "0xAbCdEf0123456789aBcDeF0123456789ABCDEF01"


def test_mixed_case_is_stored_lower_case(hp):
    score(hp, MIXED, 1, 25, [stamp("SelfStakingGold")])
    mint(hp, "0X" + MIXED[2:], "passport_mint", "0xAB")
    assert hp.execute("SELECT address FROM human_points.score").fetchall() == [(MIXED.lower(),)]
    assert hp.execute("SELECT address, tx_hash FROM human_points.mint").fetchall() == [(MIXED.lower(), "0xab")]
    assert {row[0] for row in awarded(hp)} == {MIXED.lower()}
    assert data(hp, MIXED)["total_points"] == 800
    assert data(hp, MIXED.lower()) == data(hp, MIXED.upper().replace("0X", "0x"))


def test_copy_into_score_normalises_too(hp):
    with hp.cursor().copy("COPY human_points.score (address, community_id, score, stamps) FROM STDIN") as copy:
        copy.write_row((MIXED, 1, 25, "[]"))
        copy.write_row((ALICE, 1, 25, "[]"))
    assert hp.execute("SELECT address FROM human_points.score ORDER BY id").fetchall() == [(MIXED.lower(),), (ALICE,)]


@pytest.mark.parametrize("bad", [
    "0x123",
    "abcdefabcdefabcdefabcdefabcdefabcdefabcdef",
    "0x" + "a" * 41,
    "0x" + "g" * 40,
    " 0x" + "a" * 40,
    "",
])
def test_malformed_addresses_are_rejected_naming_the_value(hp, bad):
    quoted = "'" + bad + "'"
    with pytest.raises(psycopg.errors.CheckViolation) as score_error:
        score(hp, bad, 1, 25)
    assert score_error.value.diag.message_primary == (
        f"human_points.score.address must be 0x followed by 40 hex digits (got {quoted})")
    with pytest.raises(psycopg.errors.CheckViolation) as mint_error:
        mint(hp, bad, "passport_mint", "0x01")
    assert mint_error.value.diag.message_primary == (
        f"human_points.mint.address must be 0x followed by 40 hex digits (got {quoted})")
    with pytest.raises(psycopg.errors.CheckViolation) as read_error:
        data(hp, bad)
    assert read_error.value.diag.message_primary == (
        f"points_data.address must be 0x followed by 40 hex digits (got {quoted})")
    assert hp.execute("SELECT count(*) FROM human_points.score").fetchone()[0] == 0


def test_constraints_keep_every_table_lower_case(hp):
    """With the normalising trigger bypassed (a restore with triggers off), the CHECKs still refuse mixed case."""
    hp.execute("SET session_replication_role = replica")
    with pytest.raises(psycopg.errors.CheckViolation, match="score_address_is_lowercase_0x_40_hex"):
        score(hp, MIXED, 1, 25)
    for table in ("points", "qualified_community", "program_stats", "multiplier"):
        constraint = hp.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s",
            (f"{table}_address_is_lowercase_0x_40_hex",)).fetchone()[0]
        assert constraint == "CHECK (core.is_evm_address(address))"
    assert hp.execute("SELECT pg_get_functiondef('core.is_evm_address(text)'::regprocedure)").fetchone()[0].endswith(
        "RETURN (p_address ~ '^0x[0-9a-f]{40}$'::text)\n")
