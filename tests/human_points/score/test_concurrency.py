"""Race-freedom under READ COMMITTED, deterministic: sessions are held open and checked to be blocked, no sleeps."""

import threading

from tests.human_points.helpers import ALICE, SCORED_AT, awarded, passing, score, scores, stamp


def _in_thread(conn, work):
    errors = []

    def run():
        try:
            work(conn)
            conn.commit()
        except Exception as exc:  # reported by the caller
            errors.append(exc)
            conn.rollback()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_same_address_in_three_communities_from_three_sessions_gives_one_bonus(hp, connect, wait_until_blocked):
    sessions = [connect(autocommit=False) for _ in range(3)]
    score(sessions[0], ALICE, 1, 25)  # first session: qualified in 1, transaction open
    runs = []
    for session, community_id in zip(sessions[1:], (2, 3)):
        runs.append(_in_thread(session, lambda conn, c=community_id: score(conn, ALICE, c, 25)))
        wait_until_blocked(session.info.backend_pid)  # waits on the first session's program_stats row
    sessions[0].commit()
    for thread, errors in runs:
        thread.join()
        assert errors == []
    assert passing(hp, ALICE) == 3
    assert hp.execute("SELECT count(*) FROM human_points.qualified_community WHERE address = %s",
                      (ALICE,)).fetchone()[0] == 3
    assert awarded(hp) == [(ALICE, "scoring_bonus", 500, None)]


def test_two_sessions_that_both_reach_the_threshold_give_one_bonus(hp, connect, wait_until_blocked):
    """Each session qualifies two new communities of an address already in one: both see a count >= 3,
    both try to award the bonus, idx_binary_actions keeps one."""
    for community_id in (5, 6):
        hp.execute("SELECT human_points.upsert_community(%s, 'more', true)", (community_id,))
    score(hp, ALICE, 1, 25)
    first, second = connect(autocommit=False), connect(autocommit=False)
    scores(first, [(ALICE, 2, 25, [], SCORED_AT), (ALICE, 3, 25, [], SCORED_AT)])
    thread, errors = _in_thread(second, lambda conn: scores(conn, [(ALICE, 5, 25, [], SCORED_AT),
                                                                   (ALICE, 6, 25, [], SCORED_AT)]))
    wait_until_blocked(second.info.backend_pid)
    first.commit()
    thread.join()
    assert errors == []
    assert passing(hp, ALICE) == 5
    assert awarded(hp) == [(ALICE, "scoring_bonus", 500, None)]


def test_rescoring_one_community_concurrently_counts_once(hp, connect, wait_until_blocked):
    first, second = connect(autocommit=False), connect(autocommit=False)
    score(first, ALICE, 1, 25, [stamp("SelfStakingGold")])
    thread, errors = _in_thread(second, lambda conn: score(conn, ALICE, 1, 30, [stamp("SelfStakingGold")]))
    wait_until_blocked(second.info.backend_pid)  # waits on qualified_community (ALICE, 1)
    first.commit()
    thread.join()
    assert errors == []
    assert passing(hp, ALICE) == 1
    assert awarded(hp) == [(ALICE, "identity_staking_gold", 500, None)]


def test_a_rolled_back_qualification_lets_the_waiting_session_count(hp, connect, wait_until_blocked):
    first, second = connect(autocommit=False), connect(autocommit=False)
    score(first, ALICE, 1, 25)
    thread, errors = _in_thread(second, lambda conn: score(conn, ALICE, 1, 30))
    wait_until_blocked(second.info.backend_pid)
    first.rollback()
    thread.join()
    assert errors == []
    assert passing(hp, ALICE) == 1
    assert hp.execute("SELECT score FROM human_points.score").fetchall() == [(30,)]
