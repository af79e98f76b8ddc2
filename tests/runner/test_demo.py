"""runner.points.demo_points: the short points run `runner demo` shows."""

from runner import points


def test_demo_points(db):
    assert points.demo_points(db) == [
        (points.DEMO_ALICE, 1000),
        (points.DEMO_BOB, 1800),
        (points.DEMO_CAROL, 0),
    ]
    assert points.points_data(db, points.DEMO_BOB)["breakdown"] == {
        "community_staking_trusted": 1000, "human_keys": 200, "passport_mint": 600}
