"""A lowered pass_threshold or bonus_communities applies at once to what is stored (issue 14.11): addresses already
qualified in enough communities get scoring_bonus, once; stored scores that pass now qualify; raising takes nothing
back; lowering while writes are disabled is refused. Concurrent score inserts are not missed."""

from __future__ import annotations

import threading

import psycopg
import pytest

from tests.human_points.helpers import ALICE, BOB, CAROL, awarded, passing, score, stamp


def bonus(conn, address):
    return [row for row in awarded(conn, address) if row[1] == "scoring_bonus"]


@pytest.fixture
def admin(connect, hp):
    conn = connect()
    conn.execute("SET ROLE rewards_admin")
    return conn


def test_lowering_bonus_communities_awards_addresses_already_qualified_once(hp, admin):
    hp.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, 2)", (CAROL,))
    for community in (1, 2):
        score(hp, ALICE, community, 25)
        score(hp, CAROL, community, 30)
    score(hp, BOB, 1, 25)
    score(hp, BOB, 4, 25)  # outside the program: not a qualification
    assert bonus(hp, ALICE) == []

    admin.execute("UPDATE human_points.settings SET bonus_communities = 2")
    assert bonus(hp, ALICE) == [(ALICE, "scoring_bonus", 500, None)]
    assert bonus(hp, CAROL) == [(CAROL, "scoring_bonus", 1000, None)]  # the multiplier of the moment
    assert bonus(hp, BOB) == []
    admin.execute("UPDATE human_points.settings SET bonus_communities = 2, pass_threshold = 20")  # no change: nothing
    score(hp, ALICE, 3, 25)  # a third community later: still one bonus
    assert bonus(hp, ALICE) == [(ALICE, "scoring_bonus", 500, None)]
    assert passing(hp, ALICE) == 3

    admin.execute("UPDATE human_points.settings SET bonus_communities = 1")
    assert bonus(hp, BOB) == [(BOB, "scoring_bonus", 500, None)]
    before = awarded(hp)
    admin.execute("UPDATE human_points.settings SET bonus_communities = 3")  # raised: nothing taken back
    admin.execute("UPDATE human_points.settings SET bonus_communities = 1")  # lowered again: nothing twice
    assert awarded(hp) == before


def test_lowering_pass_threshold_qualifies_stored_scores_that_pass_now(hp, admin):
    score(hp, ALICE, 1, 19.5, [stamp("SelfStakingGold")])
    score(hp, ALICE, 2, 25)
    score(hp, ALICE, 3, 19)
    score(hp, ALICE, 4, 30)  # outside the program
    assert passing(hp, ALICE) == 1

    admin.execute("UPDATE human_points.settings SET pass_threshold = 19.5")
    assert passing(hp, ALICE) == 2
    assert hp.execute("SELECT community_id FROM human_points.qualified_community WHERE address = %s ORDER BY 1",
                      (ALICE,)).fetchall() == [(1,), (2,)]
    admin.execute("UPDATE human_points.settings SET pass_threshold = 19")
    assert passing(hp, ALICE) == 3
    # Stamps are not replayed (the gold stamp earned when it arrived), the bonus comes once.
    assert sorted(row[1:3] for row in awarded(hp, ALICE)) == [("identity_staking_gold", 500), ("scoring_bonus", 500)]


def test_lowering_while_writes_are_disabled_is_refused(hp, admin):
    score(hp, ALICE, 1, 25)
    score(hp, ALICE, 2, 25)
    admin.execute("SELECT human_points.set_write_enabled(false)")
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as info:
        admin.execute("UPDATE human_points.settings SET bonus_communities = 2")
    assert info.value.diag.column_name == "bonus_communities"
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as info:
        admin.execute("UPDATE human_points.settings SET pass_threshold = 10")
    assert info.value.diag.column_name == "pass_threshold"
    admin.execute("UPDATE human_points.settings SET bonus_communities = 4")  # raising is fine
    admin.execute("SELECT human_points.set_write_enabled(true)")  # turning it on changes nothing by itself
    assert awarded(hp) == []


@pytest.mark.parametrize("enabled", [False, True])
def test_an_update_that_changes_no_row_re_evaluates_nothing(hp, admin, enabled):
    for community in (1, 2, 3):
        score(hp, ALICE, community, 25)
    admin.execute("SELECT human_points.set_write_enabled(false)")
    score(hp, BOB, 1, 25)  # stored while writes are off: earns nothing, now or on a replay
    score(hp, BOB, 2, 25)
    admin.execute("SELECT human_points.set_write_enabled(%s)", (enabled,))
    before = awarded(hp)
    admin.execute("UPDATE human_points.settings SET pass_threshold = 1, bonus_communities = 1 WHERE false")
    assert awarded(hp) == before
    assert passing(hp, BOB) is None  # no program_stats row: nothing counted


def test_a_score_in_flight_during_the_change_is_not_missed(hp, admin, connect, wait_until_blocked):
    """The app's second qualification is uncommitted when the admin lowers the threshold: the change waits for it
    (every community row is locked first), then counts it; a score sent while the change is open waits for it."""
    score(hp, ALICE, 1, 25)
    app = connect(autocommit=False)
    score(app, ALICE, 2, 25)  # open: passing_scores 2 under bonus_communities 3
    done = threading.Event()

    def lower():
        admin.execute("UPDATE human_points.settings SET bonus_communities = 2")
        done.set()

    worker = threading.Thread(target=lower)
    worker.start()
    wait_until_blocked(admin.info.backend_pid)
    app.commit()
    worker.join(10)
    assert done.is_set()
    assert bonus(hp, ALICE) == [(ALICE, "scoring_bonus", 500, None)]

    score(hp, BOB, 1, 25)
    admin_tx = connect(autocommit=False)
    admin_tx.execute("SET ROLE rewards_admin")
    admin_tx.execute("UPDATE human_points.settings SET bonus_communities = 2")  # no change: locks nothing
    admin_tx.execute("UPDATE human_points.settings SET pass_threshold = 10")     # lowered: community rows locked
    sent = threading.Thread(target=lambda: score(app, BOB, 3, 15) or app.commit())
    sent.start()
    wait_until_blocked(app.info.backend_pid)
    admin_tx.commit()
    sent.join(10)
    assert passing(hp, BOB) == 2  # scored under the new threshold: qualifies
    assert bonus(hp, BOB) == [(BOB, "scoring_bonus", 500, None)]
