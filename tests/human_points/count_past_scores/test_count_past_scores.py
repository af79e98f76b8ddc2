"""human_points.count_past_scores(community_id, since): a community that joins the program later has its stored scores
since a time counted once, by the live rules, under the lock that score inserts in it wait for."""

from __future__ import annotations

import threading

import psycopg
import pytest

from tests.human_points.helpers import ALICE, BOB, OUTSIDE, awarded, passing, score, stamp


@pytest.fixture
def admin(connect, hp):
    conn = connect()
    conn.execute("SET ROLE rewards_admin")
    return conn


def switch_in(conn, since="2025-01-01T00:00:00Z"):
    with conn.transaction():
        conn.execute("SELECT human_points.set_program(%s, true)", (OUTSIDE,))
        return conn.execute("SELECT human_points.count_past_scores(%s, %s)", (OUTSIDE, since)).fetchone()[0]


def test_counts_scores_since_the_time_once(hp, admin):
    score(hp, ALICE, 1, 25)
    score(hp, ALICE, 2, 25)
    score(hp, ALICE, OUTSIDE, 25, [stamp("SelfStakingSilver")], scored_at="2025-07-01T00:00:00Z")
    score(hp, BOB, OUTSIDE, 25, [stamp("SelfStakingGold")], scored_at="2024-12-31T23:59:59Z")  # before since
    assert awarded(hp) == []

    assert switch_in(admin) == {"scores": 1, "qualified": 1}
    assert passing(hp, ALICE) == 3
    assert sorted(row[1:3] for row in awarded(hp, ALICE)) == [("identity_staking_silver", 200), ("scoring_bonus", 500)]
    assert awarded(hp, BOB) == [] and passing(hp, BOB) is None
    before = awarded(hp)
    assert admin.execute("SELECT human_points.count_past_scores(%s, %s)",
                         (OUTSIDE, "2025-01-01T00:00:00Z")).fetchone()[0] == {"scores": 1, "qualified": 0}
    assert awarded(hp) == before and passing(hp, ALICE) == 3
    score(hp, BOB, OUTSIDE, 25)  # later scores count live
    assert passing(hp, BOB) == 1


@pytest.mark.parametrize(("setup", "args", "error", "column"), [
    (None, (9, "2025-01-01T00:00:00Z"), psycopg.errors.NoDataFound, "community_id"),
    (None, (OUTSIDE, "2025-01-01T00:00:00Z"), psycopg.errors.ObjectNotInPrerequisiteState, "community_id"),
    ("SELECT human_points.set_write_enabled(false)", (1, "2025-01-01T00:00:00Z"),
     psycopg.errors.ObjectNotInPrerequisiteState, "write_enabled"),
    (None, (1, None), psycopg.errors.NullValueNotAllowed, "since"),
])
def test_refusals_name_the_field(admin, setup, args, error, column):
    if setup:
        admin.execute(setup)
    with pytest.raises(error) as info:
        admin.execute("SELECT human_points.count_past_scores(%s, %s::timestamptz)", args)
    assert info.value.diag.column_name == column


def test_a_score_in_flight_is_counted_and_one_sent_during_the_switch_waits(hp, admin, connect, wait_until_blocked):
    app = connect(autocommit=False)
    app.execute("SET ROLE rewards_app")
    score(app, ALICE, OUTSIDE, 25)  # uncommitted when the switch starts: earns nothing live (outside the program)
    result = {}
    worker = threading.Thread(target=lambda: result.update(switch_in(admin)))
    worker.start()
    wait_until_blocked(admin.info.backend_pid)
    app.commit()
    worker.join(10)
    assert result == {"scores": 1, "qualified": 1}
    assert passing(hp, ALICE) == 1

    admin_tx = connect(autocommit=False)
    admin_tx.execute("SET ROLE rewards_admin")
    admin_tx.execute("SELECT human_points.set_program(%s, false)", (OUTSIDE,))
    admin_tx.commit()
    admin_tx.execute("SELECT human_points.set_program(%s, true)", (OUTSIDE,))  # open: the switch back in
    sent = threading.Thread(target=lambda: score(app, BOB, OUTSIDE, 25) or app.commit())
    sent.start()
    wait_until_blocked(app.info.backend_pid)
    admin_tx.commit()
    sent.join(10)
    assert passing(hp, BOB) == 1  # it waited, then saw the community in the program
