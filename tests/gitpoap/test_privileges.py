"""Roles on the gitpoap schema: the app inserts events and the triggers still issue; nobody else writes claims."""

import pytest
from psycopg import errors


def test_app_role_inserts_prs_and_triggers_issue_claims(world, db):
    world.gitpoap(2020, 1, 1)
    db.execute("SET ROLE rewards_app")
    db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('alice')")
    world.pr(1, "alice", None)
    db.execute("UPDATE gitpoap.pull_request SET merged_at = '2020-01-01Z' WHERE number = 1")
    assert world.claims() == {(2020, 1, "alice", 1)}


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id) SELECT id, project_id, 1 FROM gitpoap.gitpoap",
        "UPDATE gitpoap.contribution SET merged_prs = 100",
        "DELETE FROM gitpoap.claim",
        "UPDATE gitpoap.claim SET status = 'CLAIMED'",
        "INSERT INTO gitpoap.gitpoap (project_id, name, year) SELECT id, 'x', 2021 FROM gitpoap.project",
        "DELETE FROM gitpoap.pull_request",
        "SELECT * FROM gitpoap.backfill_claims()",
        "SELECT gitpoap._uncount_merged_prs('{}', '{}')",
        "SELECT * FROM gitpoap.import_pull_requests('a/b')",
    ],
)
def test_app_role_cannot_write_claims_counters_or_gitpoaps(world, db, statement):
    world.gitpoap(2020, 1, 1)
    world.pr(1, "alice", "2020-01-01Z")
    db.execute("SET ROLE rewards_app")
    with pytest.raises(errors.InsufficientPrivilege):
        db.execute(statement)


def test_admin_role_runs_batch_functions_and_manages_gitpoaps(world, db):
    world.pr(1, "alice", "2020-01-01Z")
    db.execute("SET ROLE rewards_admin")
    db.execute("SELECT * FROM gitpoap.add_gitpoaps('acme/rocket', 2020, '{1}')")
    db.execute("UPDATE gitpoap.claim SET status = 'CLAIMED'")
    assert db.execute("SELECT claims_issued FROM gitpoap.backfill_claims()").fetchone() == (0,)
    assert world.claims() == {(2020, 1, "alice", 1)}
    with pytest.raises(errors.InsufficientPrivilege):
        db.execute("DELETE FROM gitpoap.claim")


def test_bi_role_reads_nothing_here(world, db):
    db.execute("SET ROLE rewards_bi")
    with pytest.raises(errors.InsufficientPrivilege):
        db.execute("SELECT * FROM gitpoap.claim")


def test_only_admin_may_defer_counting(world, db, checksum):
    """rewards.defer_claims is a setting any session can set: honoured for rewards_admin only, or an app
    could insert uncounted PRs and later delete/un-merge them, lowering counters it never raised."""
    world.gitpoap(2020, 1, 1)
    world.user("alice")
    before = checksum()
    db.execute("SET ROLE rewards_app")
    db.execute("SET rewards.defer_claims = on")
    with pytest.raises(errors.InsufficientPrivilege,
                       match=r"rewards.defer_claims: only rewards_admin may write pull requests with counting deferred \(role rewards_app\)"):
        world.pr(1, "alice", "2020-01-01Z")
    db.execute("RESET ROLE")
    assert checksum() == before
    db.execute("SET ROLE rewards_admin")  # the importer's role: deferred, counted later by the backfill
    world.pr(1, "alice", "2020-01-01Z")
    assert world.claims() == set() and world.count("alice", 2020) is None
    db.execute("RESET rewards.defer_claims")
    assert db.execute("SELECT claims_issued FROM gitpoap.backfill_claims()").fetchone() == (1,)
    assert world.claims() == {(2020, 1, "alice", 1)}
