"""No lock a read-only role can take may stall a writer (DESIGN, "Locks and upgrades").

A holder — rewards_bi, or a login with no grants — opens a transaction and takes every lock it is allowed to:
advisory locks (callable by PUBLIC) on the keys the engine once used for its counters and tiers, every LOCK TABLE
mode on every relation of the project's schemas, and row locks (FOR UPDATE … FOR KEY SHARE) on every relation.
While it holds them, the application and admin writers of every domain run with a short lock_timeout: none may
wait. The engine's own serialisation uses table and row locks only the domain roles can take.
"""

from __future__ import annotations


import psycopg
import pytest
from psycopg import errors, sql
from psycopg.conninfo import make_conninfo

from tests.support import PROJECT_SCHEMAS

MODES = ("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE",
         "EXCLUSIVE", "ACCESS EXCLUSIVE")
ROW_LOCKS = ("UPDATE", "NO KEY UPDATE", "SHARE", "KEY SHARE")
ALICE = "0x" + "a" * 40


@pytest.fixture
def scene(db):
    """A project with GitPOAPs in 2023, a user with a merged PR and an unmerged one, a wallet, a community."""
    project_id = db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme/rocket') RETURNING id").fetchone()[0]
    repo_id = db.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, 'acme/rocket') RETURNING id",
                         (project_id,)).fetchone()[0]
    user_id = db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('alice') RETURNING id").fetchone()[0]
    db.execute("SELECT gitpoap.add_gitpoaps('acme/rocket', 2023, '{1,3}')")
    db.execute("""INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)
                  VALUES (%s, %s, 1, %s, '2023-03-01Z'), (%s, %s, 2, %s, NULL)""", (repo_id, project_id, user_id) * 2)
    db.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 100)", (ALICE,))
    db.execute("SELECT human_points.upsert_community(1, 'c', true)")
    return {"project_id": project_id, "repo_id": repo_id, "user_id": user_id}


def advisory_keys(scene) -> list[str]:
    """Keys the engine's advisory locks used (tiers; counters of each (project, year) it writes)."""
    keys = ["hashtextextended('tiers.tier', 0)"]
    keys += [f"hashtextextended('gitpoap.contribution:{scene['project_id']}:{year}', 0)" for year in (2023, 2024)]
    return keys


def hold_every_lock(conn: psycopg.Connection, scene) -> list[str]:
    """In conn's open transaction, take every lock its role is allowed to; returns the ones it got."""
    relations = [r for (r,) in conn.execute(
        """SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'v', 'p') ORDER BY 1""", (list(PROJECT_SCHEMAS),))]
    attempts = [sql.SQL(f"SELECT pg_advisory_lock({key}), pg_advisory_xact_lock({key})") for key in advisory_keys(scene)]
    for relation in relations:
        name = sql.SQL(relation)
        attempts += [sql.SQL("LOCK TABLE {} IN {} MODE NOWAIT").format(name, sql.SQL(mode)) for mode in MODES]
        attempts += [sql.SQL("SELECT FROM {} FOR {} NOWAIT").format(name, sql.SQL(lock)) for lock in ROW_LOCKS]
    held = []
    for attempt in attempts:
        try:
            with conn.transaction():  # a savepoint: a refused attempt leaves the locks already held
                conn.execute(attempt)
            held.append(attempt.as_string(conn))
        except (errors.InsufficientPrivilege, errors.InvalidSchemaName, errors.FeatureNotSupported,
                errors.WrongObjectType):
            pass
    return held


def writers(scene) -> list[tuple[str, str, sql.Composable]]:
    """(role, what, statement): every kind of write an application or an admin makes."""
    p, r, u = scene["project_id"], scene["repo_id"], scene["user_id"]
    return [
        ("rewards_app", "PR insert", sql.SQL(
            f"INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)"
            f" VALUES ({r}, {p}, 10, {u}, '2023-05-01Z'), ({r}, {p}, 11, {u}, '2024-05-01Z')")),
        ("rewards_app", "PR merge", sql.SQL("UPDATE gitpoap.pull_request SET merged_at = '2023-06-01Z' WHERE number = 2")),
        ("rewards_app", "user insert", sql.SQL("INSERT INTO gitpoap.github_user (login) VALUES ('bob')")),
        ("rewards_app", "wallet insert", sql.SQL(f"INSERT INTO tiers.wallet (address, balance) VALUES ('0x{'b' * 40}', 6000)")),
        ("rewards_app", "wallet upsert", sql.SQL(
            f"INSERT INTO tiers.wallet (address, balance) VALUES ('{ALICE}', 60000)"
            " ON CONFLICT (address) DO UPDATE SET balance = excluded.balance")),
        ("rewards_app", "score insert", sql.SQL(
            f"INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)"
            f" VALUES ('{ALICE}', 1, 25, '[]', '2025-07-01Z')")),
        ("rewards_app", "mint insert", sql.SQL(
            f"INSERT INTO human_points.mint (address, action, tx_hash) VALUES ('{ALICE}', 'passport_mint', '0x01')")),
        ("rewards_admin", "GitPOAP add", sql.SQL("SELECT gitpoap.add_gitpoaps('acme/rocket', 2024, '{1,2}')")),
        ("rewards_admin", "GitPOAP change", sql.SQL("UPDATE gitpoap.gitpoap SET threshold = 2 WHERE year = 2023 AND level = 2")),
        ("rewards_admin", "backfill", sql.SQL("SELECT * FROM gitpoap.backfill_claims()")),
        ("rewards_admin", "tier update", sql.SQL("SELECT tiers.update_tier(1, p_minimum_balance => 5500)")),
        ("rewards_admin", "tier create", sql.SQL(
            "SELECT tiers.create_tier('VIP', 'vip', 1000000, 5)")),
    ]


def run_writers(connect, scene) -> list[str]:
    """Each writer in its own session with lock_timeout 2 s; returns the ones that waited (and timed out)."""
    stalled = []
    for role, what, statement in writers(scene):
        conn = connect()
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
        conn.execute("SET lock_timeout = '2s'")
        try:
            conn.execute(statement)
        except errors.LockNotAvailable:
            stalled.append(what)
    return stalled


def test_rewards_bi_holding_every_lock_it_can_stalls_no_writer(db, connect, scene):
    holder = connect(autocommit=False)
    holder.execute("SET ROLE rewards_bi")
    held = hold_every_lock(holder, scene)
    assert any("reporting." in h and "ACCESS SHARE" in h for h in held)  # it did take what it may
    assert run_writers(connect, scene) == []
    holder.rollback()


def test_a_login_with_no_grants_holding_every_lock_it_can_stalls_no_writer(db, connect, scene, dsn, nobody):
    holder = psycopg.connect(make_conninfo(dsn, user=nobody))
    try:
        held = hold_every_lock(holder, scene)
        assert held and all("pg_advisory" in h for h in held)  # advisory locks are all it may take
        assert run_writers(connect, scene) == []
    finally:
        holder.close()


def test_no_function_of_the_project_takes_an_advisory_lock(db):
    """Advisory locks are callable by PUBLIC with guessable keys: the engine serialises with table and row locks."""
    found = db.execute(
        """SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = ANY(%s) AND p.prosrc ~ 'pg_(try_)?advisory' ORDER BY 1""", (list(PROJECT_SCHEMAS),)).fetchall()
    assert found == []
