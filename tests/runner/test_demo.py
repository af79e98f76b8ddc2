"""runner.demo.demo_points: the short points run `runner demo` shows."""

from runner import demo, points


def test_demo_points(db):
    assert demo.demo_points(db) == [
        (demo.DEMO_ALICE, 1000),
        (demo.DEMO_BOB, 1800),
        (demo.DEMO_CAROL, 0),
    ]
    assert points.points_data(db, demo.DEMO_BOB)["breakdown"] == {
        "community_staking_trusted": 1000, "human_keys": 200, "passport_mint": 600}
