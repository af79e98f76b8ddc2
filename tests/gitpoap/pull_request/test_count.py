"""The gitpoap rules, one by one, with exact claims (year, level, login, earning PR number)."""

import psycopg
import pytest
from psycopg import errors


def test_first_merged_pr_issues_level_one_with_its_pr(world):
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 2, 3)
    world.pr(10, "alice", "2020-03-01T12:00:00Z")
    assert world.claims() == {(2020, 1, "alice", 10)}
    assert world.count("alice", 2020) == 1


def test_one_statement_reaching_several_levels_issues_all_with_the_threshold_th_pr(world):
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 2, 3)
    world.gitpoap(2020, 3, 5)
    # Numbers deliberately not in time order: (merged_at, number) order decides the earning PR.
    world.prs([
        (5, "alice", "2020-05-01Z"),
        (1, "alice", "2020-04-01Z"),
        (9, "alice", "2020-01-01Z"),
        (2, "alice", "2020-01-01Z"),
        (7, "alice", "2020-02-01Z"),
    ])
    # Order: #2 (Jan 1), #9 (Jan 1), #7 (Feb), #1 (Apr), #5 (May).
    assert world.claims() == {(2020, 1, "alice", 2), (2020, 2, "alice", 7), (2020, 3, "alice", 5)}
    assert world.count("alice", 2020) == 5


def test_rows_arriving_out_of_order_credit_the_arrival_that_reached_the_threshold(world):
    world.gitpoap(2020, 1, 2)
    world.pr(3, "alice", "2020-09-01Z")
    world.pr(1, "alice", "2020-01-01Z")  # earlier merge, later arrival: it brought the count to 2
    assert world.claims() == {(2020, 1, "alice", 1)}


def test_at_least_not_equal_level_added_below_existing_count(world):
    world.prs([(n, "alice", f"2020-0{n}-01Z") for n in range(1, 5)])
    world.gitpoap(2020, 1, 2)
    assert world.claims() == {(2020, 1, "alice", 2)}
    world.pr(9, "alice", "2020-09-01Z")  # count 5, far past 2: nothing new, nothing twice
    assert world.claims() == {(2020, 1, "alice", 2)}


def test_bots_and_unmerged_prs_never_count(world):
    world.gitpoap(2020, 1, 1)
    world.pr(1, "dependabot[bot]", "2020-01-01Z")
    world.pr(2, "alice", None)
    assert world.claims() == set()
    assert world.count("alice", 2020) is None
    assert world.conn.execute(
        "SELECT is_bot FROM gitpoap.github_user WHERE login = 'dependabot[bot]'"
    ).fetchone() == (True,)


def test_merge_later_counts_like_an_insert(world):
    world.gitpoap(2020, 1, 1)
    world.pr(2, "alice", None)
    world.conn.execute("UPDATE gitpoap.pull_request SET merged_at = '2020-06-01Z' WHERE number = 2")
    assert world.claims() == {(2020, 1, "alice", 2)}
    assert world.count("alice", 2020) == 1


def test_unmerge_and_delete_decrement_but_never_revoke(world):
    world.gitpoap(2020, 1, 2)
    world.gitpoap(2020, 2, 3)
    world.prs([(1, "alice", "2020-01-01Z"), (2, "alice", "2020-02-01Z")])
    assert world.claims() == {(2020, 1, "alice", 2)}
    world.conn.execute("UPDATE gitpoap.pull_request SET merged_at = NULL WHERE number = 1")
    assert world.count("alice", 2020) == 1
    world.conn.execute("DELETE FROM gitpoap.pull_request WHERE number = 2")
    assert world.count("alice", 2020) == 0
    # The claim stays; its earning PR is gone, so the reference is cleared.
    assert world.claims() == {(2020, 1, "alice", None)}
    # Counting starts again from the decremented value: two more PRs reach level 1 (held) and then level 2 at 3.
    world.prs([(3, "alice", "2020-03-01Z"), (4, "alice", "2020-04-01Z"), (5, "alice", "2020-05-01Z")])
    assert world.claims() == {(2020, 1, "alice", None), (2020, 2, "alice", 5)}


def test_moving_a_pr_to_another_year_moves_its_count(world):
    world.gitpoap(2021, 1, 1)
    world.pr(1, "alice", "2020-12-01Z")
    world.conn.execute("UPDATE gitpoap.pull_request SET merged_at = '2021-01-02Z' WHERE number = 1")
    assert (world.count("alice", 2020), world.count("alice", 2021)) == (0, 1)
    assert world.claims() == {(2021, 1, "alice", 1)}


def test_title_only_update_changes_nothing(world):
    world.gitpoap(2020, 1, 2)
    world.pr(1, "alice", "2020-01-01Z")
    world.conn.execute("UPDATE gitpoap.pull_request SET title = 'renamed'")
    assert world.count("alice", 2020) == 1
    assert world.claims() == set()


def test_update_of_counted_prs_keeps_counts_and_earning_prs(world):
    # An UPDATE counts its old rows -1 and its new rows +1: a counter at a threshold passes it again, and the
    # claim it already holds keeps the PR that earned it.
    world.gitpoap(2020, 1, 2)
    world.prs([(1, "alice", "2020-01-01Z"), (2, "alice", "2020-02-01Z"), (3, "bob", "2020-03-01Z")])
    assert world.claims() == {(2020, 1, "alice", 2)}
    world.conn.execute("UPDATE gitpoap.pull_request SET title = title || '!', merged_at = merged_at + interval '1 hour'")
    assert (world.count("alice", 2020), world.count("bob", 2020)) == (2, 1)
    assert world.claims() == {(2020, 1, "alice", 2)}


@pytest.mark.parametrize(
    ("merged_at", "year"),
    [
        ("2020-12-31T23:30:00-05:00", 2021),  # 04:30 UTC on Jan 1st
        ("2021-01-01T00:30:00+02:00", 2020),  # 22:30 UTC on Dec 31st
        ("2020-12-31T23:59:59.999999Z", 2020),
        ("2021-01-01T00:00:00Z", 2021),
    ],
)
def test_utc_calendar_year_decides(world, merged_at, year):
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2021, 1, 1)
    world.pr(1, "alice", merged_at)
    assert world.claims() == {(year, 1, "alice", 1)}


def test_prs_of_all_repos_of_a_project_count_together_and_projects_apart(world):
    second_repo = world.repo("acme/rocket-docs", world.project_id)
    other_project = world.project("other")
    other_repo = world.repo("other/thing", other_project)
    world.gitpoap(2020, 1, 2)
    world.gitpoap(2020, 1, 1, project_id=other_project)
    world.pr(1, "alice", "2020-01-01Z")
    world.pr(1, "alice", "2020-02-01Z", repo_id=second_repo)
    assert world.claims() == {(2020, 1, "alice", 1)}
    earned_repo = world.conn.execute(
        "SELECT pr.repo_id FROM gitpoap.claim c JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id"
    ).fetchone()[0]
    assert earned_repo == second_repo
    world.pr(7, "bob", "2020-03-01Z", repo_id=other_repo, project_id=other_project)
    assert world.claims() == {(2020, 1, "alice", 1), (2020, 1, "bob", 7)}


def test_pr_project_must_match_its_repo(world):
    other_project = world.project("other")
    with pytest.raises(errors.ForeignKeyViolation, match="pull_request_repo_project_fkey"):
        world.pr(1, "alice", "2020-01-01Z", project_id=other_project)


def test_gitpoap_added_after_its_prs_takes_the_threshold_th_pr(world):
    world.prs([(3, "alice", "2020-03-01Z"), (1, "alice", "2020-01-01Z"), (2, "alice", "2020-02-01Z"),
               (4, "bob", "2020-01-01Z")])
    world.gitpoap(2020, 1, 1)
    world.gitpoap(2020, 2, 3)
    assert world.claims() == {(2020, 1, "alice", 1), (2020, 2, "alice", 3), (2020, 1, "bob", 4)}


def test_lowering_a_threshold_issues_what_it_now_reaches(world):
    level2 = world.gitpoap(2020, 2, 5)
    world.gitpoap(2020, 1, 1)
    world.prs([(n, "alice", f"2020-0{n}-01Z") for n in range(1, 4)])
    assert world.claims() == {(2020, 1, "alice", 1)}
    world.conn.execute("UPDATE gitpoap.gitpoap SET threshold = 3 WHERE id = %s", (level2,))
    assert world.claims() == {(2020, 1, "alice", 1), (2020, 2, "alice", 3)}


def test_disabled_and_deprecated_issue_nothing_until_enabled(world):
    disabled = world.gitpoap(2020, 1, 1, is_enabled=False)
    deprecated = world.gitpoap(2020, 2, 2, status="DEPRECATED")
    world.prs([(1, "alice", "2020-01-01Z"), (2, "alice", "2020-02-01Z")])
    assert world.claims() == set()
    world.conn.execute("UPDATE gitpoap.gitpoap SET is_enabled = true WHERE id = %s", (disabled,))
    assert world.claims() == {(2020, 1, "alice", 1)}
    world.conn.execute("UPDATE gitpoap.gitpoap SET status = 'APPROVED' WHERE id = %s", (deprecated,))
    assert world.claims() == {(2020, 1, "alice", 1), (2020, 2, "alice", 2)}


def test_deprecating_keeps_issued_claims(world):
    level1 = world.gitpoap(2020, 1, 1)
    world.pr(1, "alice", "2020-01-01Z")
    world.conn.execute("UPDATE gitpoap.gitpoap SET status = 'DEPRECATED' WHERE id = %s", (level1,))
    world.pr(2, "bob", "2020-01-01Z")
    assert world.claims() == {(2020, 1, "alice", 1)}


@pytest.mark.parametrize("threshold", [1, 2])
def test_higher_level_needs_strictly_higher_threshold(world, threshold):
    world.gitpoap(2020, 1, 2)
    with pytest.raises(errors.CheckViolation) as caught:
        world.gitpoap(2020, 2, threshold)
    assert caught.value.diag.constraint_name == "gitpoap_threshold_increases_with_level"
    assert f"level 2 needs a threshold greater than level 1's 2 (got {threshold})" in str(caught.value)
    assert world.conn.execute("SELECT count(*) FROM gitpoap.gitpoap").fetchone()[0] == 1


def test_threshold_order_checked_on_update_and_across_gaps(world):
    world.gitpoap(2020, 1, 2)
    level3 = world.gitpoap(2020, 3, 10)
    with pytest.raises(errors.CheckViolation, match="level 3 needs a threshold greater than level 1's 2"):
        world.conn.execute("UPDATE gitpoap.gitpoap SET threshold = 2 WHERE id = %s", (level3,))
    # Another year is another ladder.
    world.gitpoap(2021, 2, 1)


@pytest.mark.parametrize(
    ("column", "value", "constraint"),
    [("level", 0, "gitpoap_level_at_least_1"), ("threshold", 0, "gitpoap_threshold_at_least_1"),
     ("threshold", -3, "gitpoap_threshold_at_least_1"), ("status", "LIVE", "gitpoap_status_known")],
)
def test_gitpoap_column_rules(world, column, value, constraint):
    values = {"level": 1, "threshold": 1, "status": "APPROVED", column: value}
    with pytest.raises(errors.CheckViolation) as caught:
        world.gitpoap(2020, values["level"], values["threshold"], status=values["status"])
    assert caught.value.diag.constraint_name == constraint


def test_duplicate_level_is_refused(world):
    world.gitpoap(2020, 1, 1)
    with pytest.raises(errors.UniqueViolation, match="gitpoap_project_year_level_key"):
        world.gitpoap(2020, 1, 4)


def test_claims_cannot_be_issued_twice(world):
    gid = world.gitpoap(2020, 1, 1)
    world.pr(1, "alice", "2020-01-01Z")
    alice = world.user("alice")
    with pytest.raises(psycopg.errors.UniqueViolation):
        world.conn.execute(
            "INSERT INTO gitpoap.claim (gitpoap_id, project_id, user_id) VALUES (%s, %s, %s)",
            (gid, world.project_id, alice),
        )
