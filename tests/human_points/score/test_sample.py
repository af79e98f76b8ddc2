"""Integration: ../shared/data/passport-scores-sample.json through `runner points import-scores`, every address's
points_data checked against an oracle computed here, independently, from the JSON."""

import json
from collections import defaultdict
from datetime import datetime

import pytest

from runner import points

SAMPLE = "passport-scores-sample.json"
PROGRAM = {1, 2, 3, 5}  # communities 4 and 6 stay outside the program
PASS = 20
BONUS_AT = 3
STAMP_POINTS = {
    "SelfStakingBronze": ("identity_staking_bronze", 100),
    "SelfStakingSilver": ("identity_staking_silver", 200),
    "SelfStakingGold": ("identity_staking_gold", 500),
    "BeginnerCommunityStaker": ("community_staking_beginner", 100),
    "ExperiencedCommunityStaker": ("community_staking_experienced", 200),
    "TrustedCitizen": ("community_staking_trusted", 500),
}


def _time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def oracle(events, multiplied):
    """address → expected points_data, from the seed's rules read straight off the JSON."""
    qualified = defaultdict(set)
    earned = defaultdict(set)
    addresses = set()
    for event in events:
        address = event["address"].lower()
        addresses.add(address)
        if event["community_id"] not in PROGRAM:
            continue
        if event["score"] >= PASS:
            qualified[address].add(event["community_id"])
        scored_at = _time(event["scored_at"])
        for item in event["stamps"]:
            credential = item["credential"]
            if _time(credential["expirationDate"]) <= scored_at:
                continue
            if item["provider"] in STAMP_POINTS:
                earned[address].add(STAMP_POINTS[item["provider"]])
            if credential["credentialSubject"].get("nullifiers"):
                earned[address].add(("human_keys", 100))
    expected = {}
    for address in addresses:
        if len(qualified[address]) >= BONUS_AT:
            earned[address].add(("scoring_bonus", 500))
        factor = 2 if address in multiplied else 1
        breakdown = {action: value * factor for action, value in earned[address]}
        expected[address] = {"total_points": sum(breakdown.values()), "is_eligible": bool(qualified[address]),
                             "multiplier": factor, "breakdown": breakdown}
    return expected, {address: len(communities) for address, communities in qualified.items() if communities}


@pytest.fixture
def sample(shared_data):
    path = shared_data(SAMPLE)
    return path, json.loads(path.read_text())


@pytest.fixture
def program(db):
    for community_id in range(1, 7):
        db.execute("SELECT human_points.upsert_community(%s, %s, %s)",
                   (community_id, f"community {community_id}", community_id in PROGRAM))
    return db


def _actual(conn, addresses):
    rows = conn.execute("SELECT a, human_points.points_data(a) FROM unnest(%s::text[]) AS a", (sorted(addresses),))
    return dict(rows.fetchall())


def test_sample_points_match_the_oracle(program, cli, sample):
    path, events = sample
    addresses = sorted({event["address"].lower() for event in events})
    multiplied = set(addresses[::7])
    # The file's own (sometimes upper-case) spelling goes to populate_multipliers: it normalises.
    spelled = {event["address"].lower(): event["address"] for event in events}
    assert points.populate_multipliers(program, addresses=[spelled[a] for a in sorted(multiplied)]) == len(multiplied)

    result = cli("points", "import-scores", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == f"imported {len(events)} score events\n"

    expected, passing = oracle(events, multiplied)
    assert len(expected) == 300
    assert _actual(program, addresses) == expected
    assert dict(program.execute("SELECT address, passing_scores FROM human_points.program_stats")) == passing
    # The sample exercises every rule: bonuses, each stamp action, human_keys, ineligible addresses.
    actions = {action for data in expected.values() for action in data["breakdown"]}
    assert actions == {action for action, _ in STAMP_POINTS.values()} | {"human_keys", "scoring_bonus"}
    assert any(not data["is_eligible"] for data in expected.values())
    assert program.execute("SELECT count(*) FROM human_points.score").fetchone()[0] == len(events)
    assert program.execute("SELECT count(*) FROM human_points.score WHERE address <> lower(address)").fetchone()[0] == 0


def test_sample_one_statement_equals_one_by_one(program, sample):
    path, events = sample
    points.import_scores(program, path)
    query = "SELECT address, action, points FROM human_points.points ORDER BY 1, 2"
    batch = program.execute(query).fetchall()
    stats = program.execute("SELECT * FROM human_points.program_stats ORDER BY 1").fetchall()
    program.execute("TRUNCATE human_points.points, human_points.program_stats, human_points.qualified_community,"
                    " human_points.score")
    with program.transaction():
        for event in events:
            program.execute(
                "INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)"
                " VALUES (%s, %s, %s, %s, %s)",
                (event["address"], event["community_id"], event["score"], json.dumps(event["stamps"]),
                 event["scored_at"]))
    assert program.execute(query).fetchall() == batch
    assert program.execute("SELECT * FROM human_points.program_stats ORDER BY 1").fetchall() == stats
