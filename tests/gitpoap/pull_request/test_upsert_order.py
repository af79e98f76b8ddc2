"""An upsert (INSERT … ON CONFLICT DO UPDATE) is one statement: its inserted and its updated rows are taken
together in (merged_at, number) order for the earning PR, although PostgreSQL fires its UPDATE and its INSERT
statement triggers one after the other."""

from psycopg import sql

UPSERT = sql.SQL("""
    INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)
    SELECT {repo}, {project}, r.number, u.id, r.merged_at
    FROM unnest(%s::integer[], %s::text[], %s::timestamptz[]) AS r(number, login, merged_at)
    JOIN gitpoap.github_user u ON u.login = r.login
    ON CONFLICT (repo_id, number) DO UPDATE SET merged_at = excluded.merged_at, title = 'upserted'
""")


def upsert(world, rows, conn=None):
    for _, login, _ in rows:
        world.user(login)
    statement = UPSERT.format(repo=sql.Literal(world.repo_id), project=sql.Literal(world.project_id))
    (conn or world.conn).execute(statement, ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]))


def test_upsert_adding_one_pr_and_merging_two_takes_all_three_in_merged_at_order(world):
    world.gitpoap(2020, 1, 2)
    world.gitpoap(2020, 2, 3)
    world.prs([(11, "alice", None), (12, "alice", None)])
    upsert(world, [(10, "alice", "2020-01-01Z"), (11, "alice", "2020-02-01Z"), (12, "alice", "2020-02-02Z")])
    # (merged_at, number) order: 10 (count 1), 11 (count 2: level 1), 12 (count 3: level 2).
    assert world.claims() == {(2020, 1, "alice", 11), (2020, 2, "alice", 12)}
    assert world.count("alice", 2020) == 3


def test_upsert_whose_inserted_row_is_the_earliest_earns_with_an_updated_row(world):
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 2, 2)
    world.pr(5, "alice", None)
    upsert(world, [(5, "alice", "2020-06-01Z"), (6, "alice", "2020-03-01Z")])
    assert world.claims() == {(2020, 1, "alice", 6), (2020, 2, "alice", 5)}


def test_upsert_leaves_claims_issued_before_it_alone(world):
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 2, 3)
    world.pr(1, "alice", "2020-05-01Z")                      # level 1, earned by 1
    world.pr(2, "alice", None)
    world.pr(3, "bob", None)
    # An earlier merge of an existing PR, a title-only change of PR 1 (counted -1 then +1) and a new PR:
    # alice's three rows of this statement in order are 4 (Jan), 2 (Mar), 1 (May); count before them 0.
    upsert(world, [(1, "alice", "2020-05-01Z"), (2, "alice", "2020-03-01Z"), (4, "alice", "2020-01-01Z"),
                   (3, "bob", "2020-02-01Z")])
    assert world.claims() == {(2020, 1, "alice", 1), (2020, 2, "alice", 1), (2020, 1, "bob", 3)}
    assert world.count("alice", 2020) == 3


def test_upsert_inside_a_savepoint_and_in_several_years(world, db):
    for year in (2020, 2021):
        world.gitpoap(year, 1, 2)
    world.prs([(11, "alice", None), (21, "alice", None)])
    with db.transaction(), db.transaction():  # a savepoint: rows and claims carry the subtransaction's id
        upsert(world, [(10, "alice", "2020-01-01Z"), (11, "alice", "2020-02-01Z"),
                       (20, "alice", "2021-01-01Z"), (21, "alice", "2021-02-01Z")])
    assert world.claims() == {(2020, 1, "alice", 11), (2021, 1, "alice", 21)}


def test_plain_update_then_insert_in_one_transaction_keeps_arrival_order(world, db):
    """Two statements are two arrivals: the later statement's row earns, whatever its merged_at."""
    world.gitpoap(2020, 1, 2)
    world.pr(11, "alice", None)
    with db.transaction():
        db.execute("UPDATE gitpoap.pull_request SET merged_at = '2020-02-01Z' WHERE number = 11")
        world.pr(10, "alice", "2020-01-01Z")
    assert world.claims() == {(2020, 1, "alice", 10)}
