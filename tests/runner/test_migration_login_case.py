"""Migration 0069 (logins unique ignoring case) on a database already holding logins that differ only in case: they
become one contributor, spelt as first seen, with the union of their pull requests, counters and claims."""

from __future__ import annotations

import psycopg

from runner import migrate as migrations

BEFORE = "d3145c7"  # main before 0069: logins unique as written (its function files know no login_key)


def test_case_duplicates_are_merged_into_the_first_seen_login(fresh_dsn, release_tree):
    migrations.migrate(fresh_dsn, db_dir=release_tree(BEFORE) / "db")
    with psycopg.connect(fresh_dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO gitpoap.project (name) VALUES ('acme/rocket')")
        conn.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (1, 'acme/rocket')")
        users = [conn.execute("INSERT INTO gitpoap.github_user (login) VALUES (%s) RETURNING id", (login,)).fetchone()[0]
                 for login in ("alice", "Alice", "ALICE", "bob")]
        conn.execute("SELECT gitpoap.add_gitpoaps('acme/rocket', 2020, '{1,3}')")
        for number, author in enumerate(users, start=1):  # one PR each: every user holds level 1
            conn.execute("INSERT INTO gitpoap.pull_request (repo_id, project_id, number, title, author_id, merged_at)"
                         " VALUES (1, 1, %s, 'x', %s, %s)", (number, author, f"2020-0{number}-01T00:00:00Z"))
        conn.execute("UPDATE gitpoap.claim SET status = 'CLAIMED' WHERE user_id = %s", (users[1],))  # Alice's minted
        assert conn.execute("SELECT count(*) FROM gitpoap.claim").fetchone() == (4,)

        migrations.migrate(fresh_dsn)

        assert conn.execute("SELECT id, login, login_key FROM gitpoap.github_user ORDER BY id").fetchall() == [
            (users[0], "alice", "alice"), (users[3], "bob", "bob")]
        assert conn.execute("SELECT number, author_id FROM gitpoap.pull_request ORDER BY 1").fetchall() == [
            (1, users[0]), (2, users[0]), (3, users[0]), (4, users[3])]
        assert conn.execute("SELECT user_id, merged_prs FROM gitpoap.contribution ORDER BY 1").fetchall() == [
            (users[0], 3), (users[3], 1)]
        # Level 1: the minted claim kept (moved to alice); level 3 reached by the merge, earned by the third PR.
        assert conn.execute("""SELECT c.user_id, g.level, c.status, pr.number FROM gitpoap.claim c
                               JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
                               LEFT JOIN gitpoap.pull_request pr ON pr.id = c.pull_request_earned_id
                               ORDER BY 1, 2""").fetchall() == [
            (users[0], 1, "CLAIMED", 2), (users[0], 2, "UNCLAIMED", 3), (users[3], 1, "UNCLAIMED", 4)]
