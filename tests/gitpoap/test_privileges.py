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
        "SELECT gitpoap._count_merged_prs('{}', '{}')",
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
