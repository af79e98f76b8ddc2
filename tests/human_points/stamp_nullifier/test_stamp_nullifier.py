"""Nullifier deduplication (issue 15.1): a binary stamp's nullifiers earn its action for the first address that
presents them; the same credential presented by another address earns that action nothing there (the event is
stored). Concurrent sessions: tests/isolation/human_points_shared_nullifier.spec."""

import pytest

from tests.human_points.helpers import (ALICE, BOB, CAROL, EARLIER, OUTSIDE, SCORED_AT, awarded, data, score, scores,
                                        second_waits_for_first, stamp)

KEYS = stamp("HolonymPhone", nullifiers=["v0:k"])            # human_keys only
BRONZE = stamp("SelfStakingBronze", nullifiers=["v0:b"])     # identity_staking_bronze and human_keys


def held(conn):
    return conn.execute("SELECT action, nullifier, address FROM human_points.stamp_nullifier ORDER BY 1, 2").fetchall()


def events(conn):
    return conn.execute("SELECT address, count(*) FROM human_points.score GROUP BY 1 ORDER BY 1").fetchall()


@pytest.mark.parametrize(("first", "second"), [(ALICE, BOB), (BOB, ALICE)])
def test_one_credential_two_addresses_in_two_statements_earns_for_the_first(hp, first, second):
    score(hp, first, 1, 25, [BRONZE])
    score(hp, second, 2, 25, [BRONZE])
    assert awarded(hp) == sorted([(first, "human_keys", 100, None), (first, "identity_staking_bronze", 100, None)])
    assert data(hp, second) == {"total_points": 0, "is_eligible": True, "multiplier": 1, "breakdown": {}}
    assert held(hp) == [("human_keys", "v0:b", first), ("identity_staking_bronze", "v0:b", first)]
    assert events(hp) == [(ALICE, 1), (BOB, 1)]


@pytest.mark.parametrize(("first", "second"), [(ALICE, BOB), (BOB, ALICE)])
def test_one_credential_two_addresses_in_one_statement_earns_for_the_first_row(hp, first, second):
    scores(hp, [(first, 1, 25, [KEYS], SCORED_AT), (second, 1, 25, [KEYS], SCORED_AT)])
    assert awarded(hp) == [(first, "human_keys", 100, None)]
    assert held(hp) == [("human_keys", "v0:k", first)]
    assert events(hp) == [(ALICE, 1), (BOB, 1)]


def test_a_stamp_with_any_nullifier_held_by_another_address_earns_nothing(hp):
    score(hp, ALICE, 1, 25, [stamp("Google", nullifiers=["v0:1"])])
    # Rotated credential: one old nullifier (held by ALICE) and one new one.
    score(hp, BOB, 1, 25, [stamp("Google", nullifiers=["v0:1", "v1:1"])])
    assert awarded(hp) == [(ALICE, "human_keys", 100, None)]
    # A third address with only the new nullifier: BOB presented it first, so it is BOB's, not CAROL's.
    score(hp, CAROL, 1, 25, [stamp("Google", nullifiers=["v1:1"])])
    assert awarded(hp) == [(ALICE, "human_keys", 100, None)]
    assert held(hp) == [("human_keys", "v0:1", ALICE), ("human_keys", "v1:1", BOB)]


def test_the_holder_presents_it_again_and_other_credentials_still_earn(hp):
    score(hp, ALICE, 1, 25, [BRONZE])
    score(hp, ALICE, 2, 25, [BRONZE])  # its own nullifier: no clash, nothing new
    score(hp, BOB, 1, 25, [BRONZE, stamp("SelfStakingBronze", nullifiers=["v0:other"])])
    score(hp, CAROL, 1, 25, [stamp("SelfStakingBronze")])  # no nullifiers: deduplicated per address only
    assert awarded(hp) == [
        (ALICE, "human_keys", 100, None), (ALICE, "identity_staking_bronze", 100, None),
        (BOB, "human_keys", 100, None), (BOB, "identity_staking_bronze", 100, None),
        (CAROL, "identity_staking_bronze", 100, None),
    ]


def test_nullifiers_are_held_per_action(hp):
    # ALICE's KEYS stamp holds v0:s for human_keys only; BOB's bronze stamp with the same nullifier earns bronze.
    score(hp, ALICE, 1, 25, [stamp("HolonymPhone", nullifiers=["v0:s"])])
    score(hp, BOB, 1, 25, [stamp("SelfStakingBronze", nullifiers=["v0:s"])])
    assert awarded(hp) == [(ALICE, "human_keys", 100, None), (BOB, "identity_staking_bronze", 100, None)]


def test_stamps_that_earn_nothing_hold_no_nullifier(hp):
    score(hp, ALICE, OUTSIDE, 25, [BRONZE])                                            # not in the program
    score(hp, ALICE, 1, 25, [stamp("SelfStakingBronze", EARLIER, nullifiers=["v0:b"])])  # expired
    hp.execute("SELECT human_points.set_write_enabled(false)")
    score(hp, ALICE, 1, 25, [BRONZE])                                                  # writes disabled
    hp.execute("SELECT human_points.set_write_enabled(true)")
    assert held(hp) == []
    score(hp, BOB, 1, 25, [BRONZE])
    assert awarded(hp) == [(BOB, "human_keys", 100, None), (BOB, "identity_staking_bronze", 100, None)]


@pytest.mark.parametrize("nullifiers", [[1], [""], ["v0:x", None], ["x" * 201], [["v0:x"]]])
def test_malformed_nullifiers_make_the_stamp_earn_nothing_and_the_event_is_stored(hp, nullifiers):
    score(hp, ALICE, 1, 25, [stamp("SelfStakingBronze", nullifiers=nullifiers), stamp("SelfStakingGold")])
    assert awarded(hp) == [(ALICE, "identity_staking_gold", 500, None)]
    assert held(hp) == []
    assert events(hp) == [(ALICE, 1)]


def test_two_sessions_presenting_one_nullifier_award_it_once(hp, connect, wait_until_blocked):
    second_waits_for_first(connect, wait_until_blocked, lambda conn: score(conn, ALICE, 1, 25, [KEYS]),
                           lambda conn: score(conn, BOB, 2, 25, [KEYS]))
    assert awarded(hp) == [(ALICE, "human_keys", 100, None)]
    assert events(hp) == [(ALICE, 1), (BOB, 1)]
