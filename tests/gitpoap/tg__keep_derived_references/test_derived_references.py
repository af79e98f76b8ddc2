"""Pull requests, counters and claims keep their references without a foreign-key check per row: where the
referenced rows go, a deleted PR leaves its claims without an earning PR, and a user, repo, project or GitPOAP that
pull requests, counters or claims refer to is not deleted, truncated or (a GitPOAP) moved to another project."""

import pytest
from psycopg import errors


@pytest.fixture
def claimed(world):
    """alice holds level 1 of 2020 (earned by PR 1); bob has no PR at all."""
    gitpoap_id = world.gitpoap(2020, 1, 1)
    world.pr(1, "alice", "2020-03-01Z")
    world.user("bob")
    assert world.claims() == {(2020, 1, "alice", 1)}
    return gitpoap_id


def test_a_deleted_pr_leaves_its_claim_without_an_earning_pr(world, claimed):
    world.conn.execute("DELETE FROM gitpoap.pull_request WHERE number = 1")
    assert world.claims() == {(2020, 1, "alice", None)}
    assert world.count("alice", 2020) == 0


def test_a_pr_deleted_with_counting_deferred_also_leaves_no_earning_pr(world, claimed):
    with world.conn.transaction():
        world.conn.execute("SET LOCAL rewards.defer_claims = on")
        world.conn.execute("DELETE FROM gitpoap.pull_request WHERE number = 1")
    assert world.claims() == {(2020, 1, "alice", None)}


def test_a_user_with_counters_or_claims_is_not_deleted(world, claimed):
    world.conn.execute("DELETE FROM gitpoap.pull_request")  # alice keeps her counter (0) and her claim
    with pytest.raises(errors.ForeignKeyViolation, match="github_user"):
        world.conn.execute("DELETE FROM gitpoap.github_user WHERE login = 'alice'")
    world.conn.execute("DELETE FROM gitpoap.github_user WHERE login = 'bob'")  # nothing refers to bob
    assert [r for (r,) in world.conn.execute("SELECT login FROM gitpoap.github_user")] == ["alice"]


def test_a_project_with_counters_is_not_deleted(world, claimed):
    other = world.project("other")
    repo = world.repo("other/repo", other)
    world.pr(7, "bob", "2021-01-05Z", repo_id=repo, project_id=other)
    world.conn.execute("DELETE FROM gitpoap.pull_request WHERE repo_id = %s", (repo,))
    world.conn.execute("DELETE FROM gitpoap.repo WHERE id = %s", (repo,))
    with pytest.raises(errors.ForeignKeyViolation, match="project"):
        world.conn.execute("DELETE FROM gitpoap.project WHERE id = %s", (other,))


def test_a_gitpoap_with_claims_is_not_deleted_nor_moved_to_another_project(world, claimed, connect):
    unclaimed = world.gitpoap(2021, 1, 1)
    other = world.project("other")
    with pytest.raises(errors.ForeignKeyViolation, match="gitpoap"):
        world.conn.execute("DELETE FROM gitpoap.gitpoap WHERE id = %s", (claimed,))
    admin = connect()
    admin.execute("SET ROLE rewards_admin")
    with pytest.raises(errors.ForeignKeyViolation, match="gitpoap"):
        admin.execute("UPDATE gitpoap.gitpoap SET project_id = %s WHERE id = %s", (other, claimed))
    admin.execute("UPDATE gitpoap.gitpoap SET project_id = %s WHERE id = %s", (other, unclaimed))
    world.conn.execute("DELETE FROM gitpoap.gitpoap WHERE id = %s", (unclaimed,))
    assert world.claims() == {(2020, 1, "alice", 1)}


@pytest.mark.parametrize("table", ["github_user", "repo", "project", "gitpoap", "pull_request"])
def test_a_referenced_table_is_truncated_only_with_the_rows_that_refer_to_it(world, claimed, table):
    with pytest.raises(errors.ForeignKeyViolation, match=table):
        world.conn.execute(f"TRUNCATE gitpoap.{table} CASCADE")
    # Pull requests refer to users and repos without a foreign key, so CASCADE does not reach them: name them too.
    world.conn.execute(f"TRUNCATE gitpoap.{table}, gitpoap.claim, gitpoap.contribution, gitpoap.pull_request CASCADE")
    assert world.claims() == set()
