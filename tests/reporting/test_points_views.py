"""reporting views over human_points, read as rewards_bi (data: runner.demo.demo_points, whose rules are
spelled out in its docstring: Alice 500 bonus + 500 gold stamp; Bob ×2 on a trusted stamp, human keys and a mint),
and `runner report` of them."""

import csv
import io
import json

from runner.demo import DEMO_ALICE, DEMO_BOB, DEMO_CAROL, demo_points


def test_leaderboard_summary_and_daily_as_bi(db):
    assert demo_points(db) == [(DEMO_ALICE, 1000), (DEMO_BOB, 1800), (DEMO_CAROL, 0)]
    db.execute("SET ROLE rewards_bi")
    board = db.execute(
        "SELECT rank, address, total_points, multiplier, passing_scores, breakdown FROM reporting.points_leaderboard"
        " ORDER BY rank").fetchall()
    assert board == [
        (1, DEMO_BOB, 1800, 2, 1, {"community_staking_trusted": 1000, "human_keys": 200, "passport_mint": 600}),
        (2, DEMO_ALICE, 1000, 1, 3, {"scoring_bonus": 500, "identity_staking_gold": 500}),
    ]
    summary = db.execute("SELECT * FROM reporting.points_program_summary").fetchone()
    assert summary == (3, 2, 2, 1, 2, 2800, True)
    daily = db.execute("SELECT action, awards, points FROM reporting.points_daily ORDER BY action").fetchall()
    assert daily == [("community_staking_trusted", 1, 1000), ("human_keys", 1, 200), ("identity_staking_gold", 1, 500),
                     ("passport_mint", 1, 600), ("scoring_bonus", 1, 500)]


def test_runner_report_sorts_by_the_key_and_writes_json_values_as_json(db, cli):
    demo_points(db)
    rows = list(csv.reader(io.StringIO(cli("report", "points_leaderboard", "--format", "csv").output)))
    assert rows[0] == ["rank", "address", "total_points", "multiplier", "passing_scores", "breakdown"]
    assert [row[:3] for row in rows[1:]] == [["1", DEMO_BOB, "1800"], ["2", DEMO_ALICE, "1000"]]
    assert json.loads(rows[1][5]) == {"community_staking_trusted": 1000, "human_keys": 200, "passport_mint": 600}
    daily = json.loads(cli("report", "points_daily", "--json").output)
    assert [row["action"] for row in daily] == sorted(row["action"] for row in daily)  # day, then action
