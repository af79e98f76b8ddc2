"""A pull request names an existing author and a repo with its project, checked once per statement by its trigger
(no foreign key per row): the same SQLSTATE, field and rule as the foreign keys it replaces, for one row or a COPY;
users and repos with pull requests are not deleted, and a repo's changed key is carried to its pull requests."""

import psycopg
import pytest
from psycopg import errors

from runner.errors import constraint_rule, explain

INSERT = ("INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)"
          " VALUES (%s, %s, %s, %s, '2020-01-01Z')")


def test_an_unknown_author_fails_like_the_foreign_key_did(world):
    alice = world.user("alice")
    with pytest.raises(errors.ForeignKeyViolation, match="pull_request_author_id_fkey") as failed:
        world.conn.execute(INSERT, (world.repo_id, world.project_id, 1, alice + 1000))
    failure = explain(failed.value, constraint_rule(world.conn))
    assert (failure.field, failure.column, failure.sqlstate) == ("gitpoap.pull_request.author_id", "author_id", "23503")
    assert failure.rule == f"must be the id of a gitpoap.github_user (got {alice + 1000})"
    assert world.conn.execute("SELECT count(*) FROM gitpoap.pull_request").fetchone()[0] == 0


def test_an_unknown_repo_or_another_project_fails_like_the_foreign_key_did(world):
    alice = world.user("alice")
    other = world.project("other")
    for repo_id, project_id in ((world.repo_id + 1000, world.project_id), (world.repo_id, other)):
        with pytest.raises(errors.ForeignKeyViolation, match="pull_request_repo_project_fkey") as failed:
            world.conn.execute(INSERT, (repo_id, project_id, 1, alice))
        failure = explain(failed.value, constraint_rule(world.conn))
        assert failure.line() == ("gitpoap.pull_request (repo_id, project_id) must name a gitpoap.repo and that "
                                  f"repo's project (got {repo_id}, {project_id})")


def test_one_bad_row_among_many_fails_the_whole_statement(world):
    alice = world.user("alice")
    rows = [(world.repo_id, world.project_id, n, alice if n != 500 else alice + 1, "2020-01-01Z") for n in range(1, 1001)]
    with pytest.raises(errors.ForeignKeyViolation, match="pull_request_author_id_fkey"):
        with world.conn.cursor().copy("COPY gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)"
                                      " FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    world.conn.execute("UPDATE gitpoap.pull_request SET author_id = author_id")  # nothing stored, nothing to check
    assert world.conn.execute("SELECT count(*) FROM gitpoap.pull_request").fetchone()[0] == 0


def test_an_update_to_an_unknown_author_fails(world):
    world.pr(1, "alice", "2020-01-01Z")
    with pytest.raises(errors.ForeignKeyViolation, match="pull_request_author_id_fkey"):
        world.conn.execute("UPDATE gitpoap.pull_request SET author_id = author_id + 1000")


def test_a_user_or_repo_with_pull_requests_is_not_deleted(world):
    world.pr(1, "alice", None)  # unmerged: no counter, no claim refers to alice
    bob = world.user("bob")
    with pytest.raises(errors.ForeignKeyViolation, match="github_user .* referred to by gitpoap.pull_request"):
        world.conn.execute("DELETE FROM gitpoap.github_user WHERE login = 'alice'")
    with pytest.raises(errors.ForeignKeyViolation, match="repo .* referred to by gitpoap.pull_request"):
        world.conn.execute("DELETE FROM gitpoap.repo WHERE id = %s", (world.repo_id,))
    world.conn.execute("DELETE FROM gitpoap.github_user WHERE id = %s", (bob,))
    world.conn.execute("DELETE FROM gitpoap.pull_request")
    world.conn.execute("DELETE FROM gitpoap.github_user WHERE login = 'alice'")
    world.conn.execute("DELETE FROM gitpoap.repo WHERE id = %s", (world.repo_id,))


def test_a_repo_moved_to_another_project_takes_its_pull_requests_and_their_counts(world):
    other = world.project("other")
    world.pr(1, "alice", "2020-01-01Z")
    assert world.count("alice", 2020) == 1
    world.conn.execute("UPDATE gitpoap.repo SET project_id = %s WHERE id = %s", (other, world.repo_id))
    assert world.conn.execute("SELECT repo_id, project_id FROM gitpoap.pull_request").fetchall() == [
        (world.repo_id, other)]
    assert world.count("alice", 2020) == 0
    assert world.on(world.conn).count("alice", 2020) == 0
    moved = world.conn.execute("SELECT merged_prs FROM gitpoap.contribution WHERE project_id = %s", (other,))
    assert moved.fetchall() == [(1,)]


def test_deleting_or_moving_referenced_rows_needs_read_committed(world, connect):
    world.pr(1, "alice", None)
    session = connect(autocommit=False)
    session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    with pytest.raises(errors.FeatureNotSupported, match="READ COMMITTED"):
        session.execute("DELETE FROM gitpoap.github_user WHERE login = 'nobody'")  # a statement firing the guard
    session.rollback()
    session.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
    with pytest.raises(errors.FeatureNotSupported, match="READ COMMITTED"):
        session.execute("UPDATE gitpoap.repo SET project_id = %s", (world.project("other"),))
    session.rollback()
    with pytest.raises(psycopg.errors.ForeignKeyViolation):  # READ COMMITTED: the guard runs and finds alice's PR
        world.conn.execute("DELETE FROM gitpoap.github_user WHERE login = 'alice'")
