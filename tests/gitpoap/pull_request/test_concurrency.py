"""Concurrent writers under READ COMMITTED: neither a missed nor a duplicated level.

Each test holds one transaction open, starts the other writer in a thread,
waits until PostgreSQL reports it blocked (pg_blocking_pids), then commits the
first: the interleaving is forced, not hoped for.
"""

import threading


def run_in_thread(fn):
    errors = []

    def target():
        try:
            fn()
        except Exception as exc:  # surfaced by join() below
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()

    def join():
        thread.join(timeout=30)
        assert not thread.is_alive(), "second writer never finished"
        if errors:
            raise errors[0]

    return join


def test_two_sessions_cross_a_threshold_together(world, connect, wait_until_blocked):
    world.gitpoap(2020, 1, 2)
    world.gitpoap(2020, 2, 3)
    world.pr(1, "alice", "2020-01-01Z")
    first, second = connect(), connect()
    first_world, second_world = world.on(first), world.on(second)

    with first.transaction():
        first_world.pr(2, "alice", "2020-02-01Z")  # count 1 → 2: level 1, not yet committed
        join = run_in_thread(lambda: second_world.pr(3, "alice", "2020-03-01Z"))
        wait_until_blocked(second.info.backend_pid)
    join()
    assert world.claims() == {(2020, 1, "alice", 2), (2020, 2, "alice", 3)}
    assert world.count("alice", 2020) == 3


def test_two_sessions_adding_a_new_contributor_at_once(world, connect, wait_until_blocked):
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 2, 2)
    world.user("alice")
    first, second = connect(), connect()
    sql = """INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)
             SELECT %s, %s, %s, id, '2020-01-01Z' FROM gitpoap.github_user WHERE login = 'alice'"""
    with first.transaction():
        first.execute(sql, (world.repo_id, world.project_id, 1))
        join = run_in_thread(lambda: second.execute(sql, (world.repo_id, world.project_id, 2)))
        wait_until_blocked(second.info.backend_pid)
    join()
    assert world.claims() == {(2020, 1, "alice", 1), (2020, 2, "alice", 2)}


def test_gitpoap_added_while_a_pr_is_in_flight(world, connect, wait_until_blocked):
    """The PR's transaction is open when the GitPOAP arrives: the GitPOAP waits, then issues."""
    writer, admin = connect(), connect()
    bob = world.user("bob")
    with writer.transaction():
        writer.execute(
            "INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)"
            " VALUES (%s, %s, 1, %s, '2020-05-05Z')", (world.repo_id, world.project_id, bob))
        join = run_in_thread(lambda: admin.execute(
            "INSERT INTO gitpoap.gitpoap (project_id, name, year, level, threshold) VALUES (%s, 'g', 2020, 1, 1)",
            (world.project_id,)))
        wait_until_blocked(admin.info.backend_pid)
    join()
    assert world.claims() == {(2020, 1, "bob", 1)}


def test_pr_arriving_while_a_gitpoap_is_in_flight(world, connect, wait_until_blocked):
    """The GitPOAP's transaction is open when the PR arrives: the PR waits, then issues."""
    writer, admin = connect(), connect()
    bob = world.user("bob")
    with admin.transaction():
        admin.execute(
            "INSERT INTO gitpoap.gitpoap (project_id, name, year, level, threshold) VALUES (%s, 'g', 2020, 1, 1)",
            (world.project_id,))
        join = run_in_thread(lambda: writer.execute(
            "INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)"
            " VALUES (%s, %s, 1, %s, '2020-05-05Z')", (world.repo_id, world.project_id, bob)))
        wait_until_blocked(writer.info.backend_pid)
    join()
    assert world.claims() == {(2020, 1, "bob", 1)}


def test_two_gitpoaps_breaking_the_order_at_once_cannot_both_commit(world, connect, wait_until_blocked):
    first, second = connect(), connect()
    insert = "INSERT INTO gitpoap.gitpoap (project_id, name, year, level, threshold) VALUES (%s, 'g', 2020, %s, %s)"
    failures = []

    def second_insert():
        try:
            second.execute(insert, (world.project_id, 2, 3))
        except Exception as exc:
            failures.append(exc)

    with first.transaction():
        first.execute(insert, (world.project_id, 1, 5))
        join = run_in_thread(second_insert)
        wait_until_blocked(second.info.backend_pid)
    join()
    assert len(failures) == 1 and "level 2 needs a threshold greater than level 1's 5" in str(failures[0])
    assert world.conn.execute("SELECT level, threshold FROM gitpoap.gitpoap").fetchall() == [(1, 5)]
