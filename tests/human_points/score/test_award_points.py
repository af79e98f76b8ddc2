"""The seed's scoring rules one by one, with exact points (trigger on human_points.score)."""

import json

import psycopg
import pytest

from tests.human_points.helpers import (ALICE, BOB, CAROL, EARLIER, LATER, OUTSIDE, SCORED_AT, awarded, data, passing, score,
                            scores, stamp)

BINARY_STAMPS = [
    ("SelfStakingBronze", "identity_staking_bronze", 100),
    ("SelfStakingSilver", "identity_staking_silver", 200),
    ("SelfStakingGold", "identity_staking_gold", 500),
    ("BeginnerCommunityStaker", "community_staking_beginner", 100),
    ("ExperiencedCommunityStaker", "community_staking_experienced", 200),
    ("TrustedCitizen", "community_staking_trusted", 500),
]


def test_seeded_actions(hp):
    rows = hp.execute("SELECT key, points, kind, provider FROM human_points.action ORDER BY key").fetchall()
    assert rows == [
        ("community_staking_beginner", 100, "binary", "BeginnerCommunityStaker"),
        ("community_staking_experienced", 200, "binary", "ExperiencedCommunityStaker"),
        ("community_staking_trusted", 500, "binary", "TrustedCitizen"),
        ("holonym_mint", 1000, "mint", None),
        ("human_keys", 100, "binary", None),
        ("identity_staking_bronze", 100, "binary", "SelfStakingBronze"),
        ("identity_staking_gold", 500, "binary", "SelfStakingGold"),
        ("identity_staking_silver", 200, "binary", "SelfStakingSilver"),
        ("passport_mint", 300, "mint", None),
        ("scoring_bonus", 500, "binary", None),
    ]
    assert hp.execute("SELECT write_enabled, pass_threshold, bonus_communities FROM human_points.settings"
                      ).fetchall() == [(True, 20, 3)]


@pytest.mark.parametrize(("provider", "action", "points"), BINARY_STAMPS)
def test_each_binary_stamp_earns_its_points(hp, provider, action, points):
    score(hp, ALICE, 1, 5, [stamp(provider)])  # a failing score still earns its valid stamps
    assert awarded(hp) == [(ALICE, action, points, None)]
    assert data(hp, ALICE) == {"total_points": points, "is_eligible": False, "multiplier": 1,
                               "breakdown": {action: points}}


def test_all_stamps_of_one_event(hp):
    score(hp, ALICE, 1, 25, [stamp(p) for p, _, _ in BINARY_STAMPS])
    assert data(hp, ALICE) == {
        "total_points": 1600, "is_eligible": True, "multiplier": 1,
        "breakdown": {action: points for _, action, points in BINARY_STAMPS},
    }


def test_binary_stamp_is_earned_once_per_address(hp):
    score(hp, ALICE, 1, 25, [stamp("SelfStakingGold"), stamp("SelfStakingGold")])
    score(hp, ALICE, 1, 30, [stamp("SelfStakingGold")])
    score(hp, ALICE, 2, 30, [stamp("SelfStakingGold")])
    score(hp, BOB, 2, 30, [stamp("SelfStakingGold")])
    assert awarded(hp) == [(ALICE, "identity_staking_gold", 500, None), (BOB, "identity_staking_gold", 500, None)]


def test_human_keys_for_a_valid_stamp_with_nullifiers(hp):
    score(hp, ALICE, 1, 25, [stamp("HolonymPhone", nullifiers=["v0:1"]), stamp("Google", nullifiers=["v0:2"])])
    score(hp, ALICE, 2, 25, [stamp("Discord", nullifiers=["v0:3"])])
    # A points provider carrying nullifiers earns both its action and human_keys.
    score(hp, BOB, 1, 25, [stamp("SelfStakingBronze", nullifiers=["v0:4"])])
    assert awarded(hp) == [
        (ALICE, "human_keys", 100, None),
        (BOB, "human_keys", 100, None),
        (BOB, "identity_staking_bronze", 100, None),
    ]


def test_no_human_keys_for_empty_or_missing_nullifiers_or_expired_stamp(hp):
    score(hp, ALICE, 1, 25, [stamp("HolonymPhone", nullifiers=[]), stamp("Google")])
    score(hp, ALICE, 1, 25, [stamp("HolonymPhone", EARLIER, nullifiers=["v0:1"])])
    assert awarded(hp) == []


def test_expired_stamps_earn_nothing_judged_at_scored_at(hp):
    score(hp, ALICE, 1, 25, [stamp("SelfStakingGold", EARLIER)])
    # Expiring exactly at scored_at is not "later than": not valid.
    score(hp, ALICE, 1, 25, [stamp("SelfStakingSilver", SCORED_AT)])
    # Long expired by the wall clock, but valid when it was scored in 2019.
    score(hp, BOB, 1, 25, [stamp("TrustedCitizen", "2020-01-01T00:00:00Z")], scored_at="2019-06-01T00:00:00Z")
    # Expiry given in another time zone: 2025-07-01T13:00:00+02:00 is 11:00 UTC, before 12:00 UTC.
    score(hp, CAROL, 1, 25, [stamp("SelfStakingBronze", "2025-07-01T13:00:00+02:00")])
    assert awarded(hp) == [(BOB, "community_staking_trusted", 500, None)]


def test_malformed_expiration_dates_make_a_stamp_invalid(hp):
    bad = [stamp("SelfStakingGold", "next year"), stamp("SelfStakingSilver", "2030-01-01")]
    bad.append({"provider": "SelfStakingBronze", "credential": {"expirationDate": 4102444800}})
    bad.append({"provider": "TrustedCitizen"})
    bad.append("not a stamp")
    score(hp, ALICE, 1, 25, bad)
    assert awarded(hp) == []
    assert passing(hp, ALICE) == 1


def test_unknown_providers_earn_nothing(hp):
    score(hp, ALICE, 1, 25, [stamp("Google"), stamp("Discord"), stamp("Ens"), stamp("Github"), stamp("HolonymPhone")])
    assert awarded(hp) == []


def test_non_program_community_stores_the_event_and_awards_nothing(hp):
    score(hp, ALICE, OUTSIDE, 60, [stamp("SelfStakingGold", nullifiers=["v0:1"])])
    assert hp.execute("SELECT address, community_id, score FROM human_points.score").fetchall() == [
        (ALICE, OUTSIDE, 60)]
    assert awarded(hp) == []
    assert passing(hp, ALICE) is None
    assert hp.execute("SELECT count(*) FROM human_points.qualified_community").fetchone()[0] == 0
    assert data(hp, ALICE) == {"total_points": 0, "is_eligible": False, "multiplier": 1, "breakdown": {}}


def test_pass_threshold_is_at_least(hp):
    score(hp, ALICE, 1, 19.999)
    assert passing(hp, ALICE) is None
    score(hp, ALICE, 1, 20)
    assert passing(hp, ALICE) == 1
    assert data(hp, ALICE)["is_eligible"] is True


def test_rescoring_the_same_community_never_counts_twice(hp):
    for value in (25, 30, 45, 21):
        score(hp, ALICE, 1, value)
    scores(hp, [(ALICE, 1, 50, [], SCORED_AT), (ALICE, 1, 55, [], SCORED_AT)])
    score(hp, ALICE, 2, 25)
    assert passing(hp, ALICE) == 2
    assert hp.execute("SELECT community_id FROM human_points.qualified_community WHERE address = %s ORDER BY 1",
                      (ALICE,)).fetchall() == [(1,), (2,)]
    assert awarded(hp) == []


def test_bonus_at_exactly_the_third_distinct_community_and_never_again(hp):
    score(hp, ALICE, 1, 25)
    score(hp, ALICE, 2, 25)
    score(hp, ALICE, OUTSIDE, 25)
    assert awarded(hp) == []
    score(hp, ALICE, 3, 25)
    assert passing(hp, ALICE) == 3
    assert awarded(hp) == [(ALICE, "scoring_bonus", 500, None)]
    # A fourth program community, and rescoring all of them, never award it again.
    hp.execute("SELECT human_points.upsert_community(5, 'five', true)")
    score(hp, ALICE, 5, 25)
    for community_id in (1, 2, 3, 5):
        score(hp, ALICE, community_id, 40)
    assert passing(hp, ALICE) == 4
    assert awarded(hp) == [(ALICE, "scoring_bonus", 500, None)]
    assert data(hp, ALICE) == {"total_points": 500, "is_eligible": True, "multiplier": 1,
                               "breakdown": {"scoring_bonus": 500}}


def test_bonus_from_one_statement_with_three_communities(hp):
    scores(hp, [(ALICE, 1, 25, [], SCORED_AT), (ALICE, 2, 25, [], SCORED_AT), (ALICE, 3, 25, [], SCORED_AT),
                (BOB, 1, 25, [], SCORED_AT), (BOB, 1, 26, [], SCORED_AT), (BOB, 2, 10, [], SCORED_AT)])
    assert awarded(hp) == [(ALICE, "scoring_bonus", 500, None)]
    assert passing(hp, ALICE) == 3 and passing(hp, BOB) == 1


def test_bonus_communities_setting(hp):
    hp.execute("UPDATE human_points.settings SET bonus_communities = 2, pass_threshold = 30")
    score(hp, ALICE, 1, 29)
    score(hp, ALICE, 2, 30)
    assert awarded(hp) == []
    score(hp, ALICE, 1, 31)
    assert awarded(hp) == [(ALICE, "scoring_bonus", 500, None)]


def _events():
    """A mixed bag: rescoring, non-program, expired, duplicates across events, three addresses."""
    return [
        (ALICE, 1, 25, [stamp("SelfStakingGold"), stamp("Google", nullifiers=["v0:1"])], SCORED_AT),
        (ALICE, 1, 35, [stamp("SelfStakingGold")], SCORED_AT),
        (BOB, OUTSIDE, 50, [stamp("TrustedCitizen")], SCORED_AT),
        (ALICE, 2, 22, [stamp("SelfStakingSilver", EARLIER)], SCORED_AT),
        (BOB, 1, 10, [stamp("BeginnerCommunityStaker")], SCORED_AT),
        (CAROL, 3, 99, [stamp("ExperiencedCommunityStaker", LATER, ["v0:2"])], SCORED_AT),
        (ALICE, 3, 20, [], SCORED_AT),
        (BOB, 2, 20, [stamp("TrustedCitizen")], SCORED_AT),
        (ALICE.upper().replace("0X", "0x"), 2, 21, [stamp("SelfStakingBronze")], SCORED_AT),
    ]


EXPECTED = [
    (ALICE, "human_keys", 200, None),
    (ALICE, "identity_staking_bronze", 200, None),
    (ALICE, "identity_staking_gold", 1000, None),
    (ALICE, "scoring_bonus", 1000, None),
    (BOB, "community_staking_beginner", 100, None),
    (BOB, "community_staking_trusted", 500, None),
    (CAROL, "community_staking_experienced", 200, None),
    (CAROL, "human_keys", 100, None),
]


def _state(conn):
    return (
        awarded(conn),
        conn.execute("SELECT address, passing_scores FROM human_points.program_stats ORDER BY 1").fetchall(),
        conn.execute("SELECT address, community_id FROM human_points.qualified_community ORDER BY 1, 2").fetchall(),
    )


def test_one_insert_of_many_events_equals_the_same_events_one_by_one(hp):
    hp.execute("INSERT INTO human_points.multiplier (address) VALUES (%s)", (ALICE,))
    scores(hp, _events())
    batch = _state(hp)
    assert batch[0] == EXPECTED
    hp.execute("TRUNCATE human_points.points, human_points.program_stats, human_points.qualified_community,"
               " human_points.stamp_nullifier, human_points.score")
    for address, community_id, value, stamps, scored_at in _events():
        score(hp, address, community_id, value, stamps, scored_at)
    assert _state(hp) == batch
    assert batch[1] == [(ALICE, 3), (BOB, 1), (CAROL, 1)]


def test_multiplier_is_applied_at_insertion_and_not_retroactively(hp):
    hp.execute("INSERT INTO human_points.multiplier (address) VALUES (%s)", (ALICE,))
    score(hp, ALICE, 1, 25, [stamp("SelfStakingGold")])
    assert data(hp, ALICE) == {"total_points": 1000, "is_eligible": True, "multiplier": 2,
                               "breakdown": {"identity_staking_gold": 1000}}
    hp.execute("UPDATE human_points.multiplier SET multiplier = 3 WHERE address = %s", (ALICE,))
    score(hp, ALICE, 1, 25, [stamp("SelfStakingBronze")])
    hp.execute("DELETE FROM human_points.multiplier WHERE address = %s", (ALICE,))
    score(hp, ALICE, 1, 25, [stamp("SelfStakingSilver")])
    assert data(hp, ALICE) == {
        "total_points": 1000 + 300 + 200, "is_eligible": True, "multiplier": 1,
        "breakdown": {"identity_staking_gold": 1000, "identity_staking_bronze": 300, "identity_staking_silver": 200},
    }


def test_multiplier_must_be_at_least_1(hp):
    with pytest.raises(psycopg.errors.CheckViolation, match="multiplier_multiplier_at_least_1"):
        hp.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, 0)", (ALICE,))


def test_kill_switch_stores_events_awards_nothing_reads_work(hp):
    score(hp, ALICE, 1, 25, [stamp("SelfStakingGold")])
    assert hp.execute("SELECT human_points.set_write_enabled(false)").fetchone()[0] is False
    score(hp, ALICE, 2, 25, [stamp("SelfStakingSilver")])
    score(hp, BOB, 1, 25, [stamp("TrustedCitizen")])
    hp.execute("INSERT INTO human_points.mint (address, action, tx_hash) VALUES (%s, 'passport_mint', '0x01')", (BOB,))
    assert hp.execute("SELECT count(*) FROM human_points.score").fetchone()[0] == 3
    assert hp.execute("SELECT count(*) FROM human_points.mint").fetchone()[0] == 1
    assert awarded(hp) == [(ALICE, "identity_staking_gold", 500, None)]
    assert passing(hp, ALICE) == 1 and passing(hp, BOB) is None
    assert data(hp, ALICE) == {"total_points": 500, "is_eligible": True, "multiplier": 1,
                               "breakdown": {"identity_staking_gold": 500}}
    assert hp.execute("SELECT human_points.status() ->> 'write_enabled'").fetchone()[0] == "false"

    assert hp.execute("SELECT human_points.set_write_enabled(true)").fetchone()[0] is True
    # Only new events award: the disabled-time events stay without points.
    assert awarded(hp) == [(ALICE, "identity_staking_gold", 500, None)]
    score(hp, BOB, 2, 25, [stamp("SelfStakingBronze")])
    assert awarded(hp, BOB) == [(BOB, "identity_staking_bronze", 100, None)]
    assert passing(hp, BOB) == 1


def test_stored_timestamps_are_timestamptz_shown_in_utc(hp):
    score(hp, ALICE, 1, 25, [stamp("SelfStakingGold")], scored_at="2025-07-01T14:00:00+02:00")
    hp.execute("SET TIME ZONE 'UTC'")
    assert hp.execute("SELECT scored_at::text FROM human_points.score").fetchone()[0] == "2025-07-01 12:00:00+00"
    types = hp.execute(
        "SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'human_points'"
        " AND column_name IN ('scored_at', 'timestamp', 'minted_at', 'qualified_at', 'created_at', 'updated_at')"
    ).fetchall()
    assert types == [("timestamp with time zone",)]


def test_stamps_must_be_an_array(hp):
    with pytest.raises(psycopg.errors.CheckViolation, match="score_stamps_is_an_array"):
        hp.execute("INSERT INTO human_points.score (address, community_id, score, stamps) VALUES (%s, 1, 25, %s)",
                   (ALICE, json.dumps({"provider": "Google"})))


def test_scoring_bonus_is_multiplied(hp):
    # Issue 18.3: multiplier 2, qualifying in its third program community (one by one) earns scoring_bonus 1000.
    hp.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, 2)", (ALICE,))
    score(hp, ALICE, 1, 25)
    score(hp, ALICE, 2, 25)
    assert awarded(hp) == []
    score(hp, ALICE, 3, 25)
    assert awarded(hp) == [(ALICE, "scoring_bonus", 1000, None)]
    assert data(hp, ALICE) == {"total_points": 1000, "is_eligible": True, "multiplier": 2,
                               "breakdown": {"scoring_bonus": 1000}}
