"""gitpoap.contributor_claims: a contributor's claims (login in any case) with the PR that earned each, as rewards_app."""

from datetime import datetime

import pytest
from psycopg import errors

COLUMNS = "gitpoap, project, year, level, threshold, status, earned_repo, earned_number"


@pytest.fixture
def two_projects(world, db):
    """acme/rocket 2020 levels 1/2 (thresholds 1, 2) and 2021 level 1; acme/tools 2020 level 1. Alice earns all."""
    tools = world.project("acme/tools")
    tools_repo = world.repo("acme/tools", tools)
    world.gitpoap(2021, 1, 1)
    world.gitpoap(2020, 2, 2)
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 1, 1, project_id=tools, name="tools 2020")
    world.prs([(7, "Alice", "2020-03-01Z"), (3, "Alice", "2020-02-01Z"), (9, "Alice", "2021-01-01Z"),
               (4, "bob", "2020-05-01Z")])
    world.prs([(11, "Alice", "2020-06-01Z")], repo_id=tools_repo, project_id=tools)
    return world


def claims(db, login: str) -> list[tuple]:
    return db.execute(f"SELECT {COLUMNS} FROM gitpoap.contributor_claims(%s)", (login,)).fetchall()


def test_claims_by_project_year_and_level_with_their_earning_pr(two_projects, db):
    db.execute("SET ROLE rewards_app")
    assert claims(db, "Alice") == [
        ("2020 level 1", "acme/rocket", 2020, 1, 1, "UNCLAIMED", "acme/rocket", 3),
        ("2020 level 2", "acme/rocket", 2020, 2, 2, "UNCLAIMED", "acme/rocket", 7),
        ("2021 level 1", "acme/rocket", 2021, 1, 1, "UNCLAIMED", "acme/rocket", 9),
        ("tools 2020", "acme/tools", 2020, 1, 1, "UNCLAIMED", "acme/tools", 11),
    ]
    assert claims(db, "bob") == [("2020 level 1", "acme/rocket", 2020, 1, 1, "UNCLAIMED", "acme/rocket", 4)]
    issued_at, gitpoap_id = db.execute(
        "SELECT issued_at, gitpoap_id FROM gitpoap.contributor_claims('bob')").fetchone()
    assert isinstance(issued_at, datetime) and issued_at.tzinfo is not None
    assert gitpoap_id == db.execute("SELECT gitpoap_id FROM gitpoap.claim c JOIN gitpoap.github_user u "
                                    "ON u.id = c.user_id WHERE u.login = 'bob'").fetchone()[0]


def test_logins_match_in_any_case_and_an_unknown_one_holds_nothing(two_projects, db):
    db.execute("SET ROLE rewards_app")
    assert claims(db, "aLICE") == claims(db, "alice") == claims(db, "Alice")
    assert claims(db, "nobody") == []
    assert claims(db, "") == []


def test_status_and_a_deleted_earning_pr(two_projects, db):
    db.execute("UPDATE gitpoap.claim SET status = 'CLAIMED' WHERE pull_request_earned_id = "
               "(SELECT id FROM gitpoap.pull_request WHERE number = 4)")
    db.execute("DELETE FROM gitpoap.pull_request WHERE number = 3")
    assert claims(db, "bob")[0][5] == "CLAIMED"
    assert claims(db, "Alice")[0] == ("2020 level 1", "acme/rocket", 2020, 1, 1, "UNCLAIMED", None, None)


def test_bi_cannot_call_it(two_projects, db):
    db.execute("SET ROLE rewards_bi")
    with pytest.raises(errors.InsufficientPrivilege):
        claims(db, "Alice")


def test_one_contributor_reads_their_rows_only(two_projects, connect):
    two_projects.prs([(100 + i, f"user{i}", "2020-01-01Z") for i in range(40)])  # 40 more users, counters and claims
    with connect() as session, session.transaction():  # a new session: its statistics are this call's alone
        session.execute("SET LOCAL enable_seqscan = off")  # what still scans a table is what no index serves
        assert len(claims(session, "ALICE")) == 4
        read = dict(session.execute("""SELECT relname, seq_tup_read + coalesce(idx_tup_fetch, 0)
                                       FROM pg_stat_xact_user_tables WHERE schemaname = 'gitpoap'
                                       AND relname IN ('github_user', 'contribution', 'claim')""").fetchall())
    assert read and max(read.values()) <= 4, read  # Alice's own rows, not the 40 others'
