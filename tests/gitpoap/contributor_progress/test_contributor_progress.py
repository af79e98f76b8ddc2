"""gitpoap.contributor_progress: reporting.contributor_progress of one contributor (login in any case), as rewards_app."""

import pytest
from psycopg import errors


@pytest.fixture
def history(world):
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 2, 3)
    world.gitpoap(2020, 3, 6)
    world.gitpoap(2021, 1, 2)
    world.prs([(n, "Alice", f"2020-0{n}-01Z") for n in range(1, 5)] + [(9, "bob", "2020-01-01Z"),
              (10, "Alice", "2021-01-01Z"), (11, "Alice", "2019-01-01Z"), (12, "dependabot[bot]", "2020-01-01Z")])
    return world


def progress(db, login: str) -> list[tuple]:
    return db.execute("SELECT * FROM gitpoap.contributor_progress(%s)", (login,)).fetchall()


def test_progress_per_project_and_year(history, db):
    db.execute("SET ROLE rewards_app")
    assert progress(db, "Alice") == [
        ("acme/rocket", 2019, 1, None, None, None, None),  # no GitPOAP that year
        ("acme/rocket", 2020, 4, 2, 3, 6, 2),
        ("acme/rocket", 2021, 1, None, 1, 2, 1),
    ]
    assert progress(db, "bob") == [("acme/rocket", 2020, 1, 1, 2, 3, 2)]
    assert progress(db, "dependabot[bot]") == []  # bots are never counted


def test_it_is_the_reporting_view_of_that_login(history, db):
    every = db.execute("""SELECT lower(login), project, year, merged_prs, current_level, next_level, next_threshold,
                                 prs_to_go FROM reporting.contributor_progress ORDER BY 1, 2, 3""").fetchall()
    mine = [("alice", *row) for row in progress(db, "ALICE")] + [("bob", *row) for row in progress(db, "Bob")]
    assert mine == every


def test_an_unknown_login_has_none_and_bi_cannot_call_it(history, db):
    db.execute("SET ROLE rewards_app")
    assert progress(db, "nobody") == []
    db.execute("RESET ROLE")
    db.execute("SET ROLE rewards_bi")
    with pytest.raises(errors.InsufficientPrivilege):
        progress(db, "Alice")


def test_one_contributor_reads_their_rows_only(history, connect):
    history.prs([(100 + i, f"user{i}", "2020-01-01Z") for i in range(40)])  # 40 more users, counters and claims
    with connect() as session, session.transaction():  # a new session: its statistics are this call's alone
        session.execute("SET LOCAL enable_seqscan = off")  # what still scans a table is what no index serves
        assert len(progress(session, "ALICE")) == 3
        read = dict(session.execute("""SELECT relname, seq_tup_read + coalesce(idx_tup_fetch, 0)
                                       FROM pg_stat_xact_user_tables WHERE schemaname = 'gitpoap'
                                       AND relname IN ('github_user', 'contribution', 'claim')""").fetchall())
    assert read and max(read.values()) <= 3, read  # Alice's own rows, not the 40 others'
