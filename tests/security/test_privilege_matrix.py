"""The privilege matrix: every role × every table and view of the project's schemas × SELECT / INSERT /
UPDATE / DELETE, and every function × EXECUTE, tried for real with ``SET ROLE`` inside a savepoint that is
rolled back.

What is allowed comes from the expectation tables below, written from DESIGN's role table — never from the
catalog (the catalog only lists which objects exist, so that a new table or function without an expectation
fails the test):

| role | may |
|---|---|
| rewards_app | INSERT into event tables (pull requests, users, repos, scores, mints, wallet balances); read its domains' tables; EXECUTE public read functions. Cannot write claims, points, counters or tiers |
| rewards_admin | rewards_app + tier CRUD, GitPOAP admin, settings, batch functions |
| rewards_bi | SELECT on the reporting schema only |
| a login with no grants | nothing |

Writes are tried column by column (``INSERT INTO t (c) SELECT NULL WHERE false``, ``UPDATE t SET c = NULL
WHERE false``): no row is touched, but PostgreSQL checks the privileges of the statement before it runs, so
an allowed statement succeeds and a refused one fails with insufficient_privilege (42501). Identity columns
(GENERATED ALWAYS) are skipped: nobody may write them, whatever the grants. Functions are called with
non-constant NULL arguments (``(SELECT NULL::type)``; a constant NULL passed to a STRICT function is folded
by the planner before any privilege check): an allowed call may still fail on its arguments, but never with
insufficient_privilege.
"""

from __future__ import annotations

import psycopg
from psycopg import errors, sql

from tests.support import PROJECT_SCHEMAS

ALL = "*"  # every column

# --- what DESIGN allows -------------------------------------------------------------------------------------
# Per role: table -> {operation: ALL or the set of columns}. A table absent from a role's entry: nothing.

APP_TABLES = {
    "gitpoap.project": {"SELECT": ALL},
    "gitpoap.repo": {"SELECT": ALL, "INSERT": ALL},
    "gitpoap.github_user": {"SELECT": ALL, "INSERT": ALL},
    "gitpoap.pull_request": {"SELECT": ALL, "INSERT": ALL, "UPDATE": {"title", "merged_at", "merge_commit_sha"}},
    "gitpoap.gitpoap": {"SELECT": ALL},
    "gitpoap.contribution": {"SELECT": ALL},
    "gitpoap.claim": {"SELECT": ALL},
    "gitpoap.issuing_gitpoap": {"SELECT": ALL},
    "gitpoap.webhook_delivery": {"SELECT": ALL},  # written by gitpoap.receive_github_delivery only
    "gitpoap.webhook_repo": {"SELECT": ALL},  # written by gitpoap.register_repo only
    # gitpoap.pr_import: the importer's (admin's) staging table.
    "tiers.tier": {"SELECT": ALL},  # read by tiers.tier_for_balance with the caller's rights
    "tiers.wallet": {"SELECT": ALL, "INSERT": {"address", "balance"}, "UPDATE": {"balance"}},
    "human_points.community": {"SELECT": ALL},
    "human_points.action": {"SELECT": ALL},
    "human_points.action_chain": {"SELECT": ALL},
    "human_points.settings": {"SELECT": ALL},
    "human_points.score": {"SELECT": ALL, "INSERT": ALL},
    "human_points.mint": {"SELECT": ALL, "INSERT": ALL},
    # COPY only (never xact_id, the staging transaction); import_scores() reads and deletes as its owner.
    "human_points.score_import": {"INSERT": {"idx", "event"}},
    "human_points.qualified_community": {"SELECT": ALL},
    "human_points.program_stats": {"SELECT": ALL},
    "human_points.points": {"SELECT": ALL},
    "human_points.stamp_nullifier": {"SELECT": ALL},
    "human_points.multiplier": {"SELECT": ALL},
}

ADMIN_EXTRA_TABLES = {  # on top of rewards_app's (rewards_admin is a member of rewards_app)
    "gitpoap.project": {"INSERT": ALL, "UPDATE": ALL},
    "gitpoap.gitpoap": {"INSERT": ALL, "UPDATE": ALL},
    "gitpoap.repo": {"UPDATE": {"backloaded_at"}},
    "gitpoap.claim": {"UPDATE": {"status"}},
    "gitpoap.pull_request": {"DELETE": ALL},
    "gitpoap.pr_import": {"INSERT": {"ordinal", "number", "title", "login", "merged_at", "merge_commit_sha", "record",
                                     "from_json"}},  # never xact_id, the staging transaction
    "human_points.community": {"INSERT": ALL, "UPDATE": ALL, "DELETE": ALL},
    "human_points.multiplier": {"INSERT": ALL, "UPDATE": ALL, "DELETE": ALL},
    "human_points.settings": {"UPDATE": ALL},
}

REPORTING_VIEWS = (
    "reporting.gitpoap_claims", "reporting.contributor_progress", "reporting.wallet_tiers",
    "reporting.tier_changes_daily", "reporting.points_leaderboard", "reporting.points_program_summary",
    "reporting.points_daily",
)
BI_TABLES = {view: {"SELECT": ALL} for view in REPORTING_VIEWS}

# Written only by the owner's SECURITY DEFINER functions and triggers, read through functions: nobody else.
OWNER_ONLY_TABLES = {"tiers.tier_change"}

# Functions (regprocedure text) -> roles that may EXECUTE them. rewards_admin inherits rewards_app's.
APP_FUNCTIONS = {
    "gitpoap.project_id(text)",
    "gitpoap.top_contributors(text,integer)",
    "gitpoap.list_gitpoaps(text)",
    "gitpoap.contributor_claims(text)",
    "gitpoap.contributor_progress(text)",
    "gitpoap.gitpoap_claims(text,integer)",
    "gitpoap.list_repos(text)",
    "gitpoap.contribution_year(timestamp with time zone)",
    "human_points.status()",
    "human_points.points_data(text)",
    "human_points.normalize_address(text,text)",
    "human_points.import_scores()",
    "tiers.tier_for_balance(numeric)",
    "tiers.tier_none()",
    "tiers.tier_keys()",
    "tiers.tier_by_key(text)",
    "tiers.tier_thresholds()",
    "tiers.list_tiers(text,boolean)",
    "tiers.get_tier(text)",
    "tiers.tier_status(text)",
    "tiers.set_balances(text[],text[])",  # SECURITY INVOKER: the writer's own rights on tiers.wallet apply
    "tiers.find_tier(text)",
    "tiers.display_name(tiers.tier)",
    "tiers.badge_info(tiers.tier)",
    "tiers.tier_benefits(tiers.tier)",
    # The rules every domain shares: CHECK constraints and import_scores' validation run with the writer's
    # privileges; runner reads a failed constraint's rule.
    "core.is_evm_address(text)",
    "core.is_iso_timestamptz(text)",
    "core.to_timestamptz(text,text)",
    "core.constraint_rule(text,text,text)",
    # Internal helpers the app's own statements need: the wallet address CHECK runs with the writer's
    # privileges; import_scores' validation helpers.
    "tiers._valid_address(text)",
    "tiers._tier_for_balance(numeric)",  # tiers.tier_for_balance runs with the caller's rights and inlines it
    "human_points._score_event_problem(jsonb)",
    "human_points._stamps_problem(jsonb)",  # score_stamps_within_bounds runs with the writer's privileges
    "core._check_row(regclass,anyelement)",  # tiers.set_balances judges records with the writer's rights
}
ADMIN_EXTRA_FUNCTIONS = {
    "gitpoap.activity()",
    "gitpoap.add_gitpoaps(text,integer,integer[])",
    "gitpoap.backfill_claims(bigint,bigint,integer,bigint,integer,bigint)",
    "gitpoap.import_pull_requests(text,text,boolean,boolean)",
    "gitpoap.register_repo(text,text)",
    "gitpoap.receive_github_delivery(text,text,text)",
    "human_points.activity()",
    "human_points.set_write_enabled(boolean)",
    "human_points.upsert_community(integer,text,boolean)",
    "human_points.set_program(integer,boolean)",
    "human_points.count_past_scores(integer,timestamp with time zone)",
    "human_points.populate_multipliers(text[])",
    "human_points.populate_multipliers(timestamp with time zone)",
    "tiers.activity()",
    "tiers.create_tier(text,text,numeric,numeric,text,text,text,integer,jsonb,boolean)",
    "tiers.update_tier(bigint,text,numeric,numeric,text,text,text,integer,boolean,jsonb,text)",
    "tiers.delete_tier(bigint)",
    "tiers.preview_tier_update(bigint,numeric)",
}
# Every other function (internal helpers `_…` and trigger functions `tg_…`): nobody.

NOBODY = "nobody"  # stands for a login role created by the test with no grants at all


def _merge(*parts: dict) -> dict:
    merged: dict = {}
    for part in parts:
        for table, ops in part.items():
            for op, columns in ops.items():
                have = merged.setdefault(table, {}).get(op)
                merged[table][op] = ALL if ALL in (have, columns) else set(have or ()) | set(columns)
    return merged


EXPECTED_TABLES = {
    "rewards_app": APP_TABLES,
    "rewards_admin": _merge(APP_TABLES, ADMIN_EXTRA_TABLES),
    "rewards_bi": BI_TABLES,
    NOBODY: {},
}
EXPECTED_FUNCTIONS = {
    "rewards_app": APP_FUNCTIONS,
    "rewards_admin": APP_FUNCTIONS | ADMIN_EXTRA_FUNCTIONS,
    "rewards_bi": set(),
    NOBODY: set(),
}

# --- the catalog: which objects exist -------------------------------------------------------------------------


def _relations(db) -> dict[str, tuple[str, list[str]]]:
    """{schema.name: (relkind, [writable column names])} for every table and view of the project schemas."""
    rows = db.execute(
        """SELECT format('%%s.%%s', n.nspname, c.relname), c.relkind,
                  array(SELECT a.attname FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                          AND a.attidentity <> 'a' AND a.attgenerated = ''
                        ORDER BY a.attnum)
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = ANY (%s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
           ORDER BY 1""",
        (list(PROJECT_SCHEMAS),),
    ).fetchall()
    return {name: (kind, columns) for name, kind, columns in rows}


def _functions(db) -> dict[str, list[str]]:
    """{regprocedure text: [argument types]} for every function of the project schemas."""
    rows = db.execute(
        """SELECT p.oid::regprocedure::text, array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t)
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = ANY (%s) AND p.prokind = 'f'
           ORDER BY 1""",
        (list(PROJECT_SCHEMAS),),
    ).fetchall()
    return dict(rows)


# --- trying things ------------------------------------------------------------------------------------------


def _attempt(conn: psycopg.Connection, role: str, statement: sql.Composable) -> str:
    """'ok', 'denied' (42501) or 'error <sqlstate>': ``statement`` run as ``role`` in a rolled-back savepoint."""
    try:
        with conn.transaction(force_rollback=True):
            conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role)))
            conn.execute(statement)
    except errors.InsufficientPrivilege:
        return "denied"
    except psycopg.Error as exc:
        return f"error {exc.sqlstate}"
    return "ok"


def _table_statements(name: str, kind: str, columns: list[str]):
    """(operation, column or None, statement) for every check of one table or view."""
    schema, table = name.split(".")
    target = sql.Identifier(schema, table)
    yield "SELECT", None, sql.SQL("SELECT * FROM {} LIMIT 0").format(target)
    if kind == "v":
        return  # views: writes are checked through has_table_privilege (most are not auto-updatable)
    for column in columns:
        col = sql.Identifier(column)
        yield "INSERT", column, sql.SQL("INSERT INTO {} ({}) SELECT NULL WHERE false").format(target, col)
        yield "UPDATE", column, sql.SQL("UPDATE {} SET {} = NULL WHERE false").format(target, col)
    yield "DELETE", None, sql.SQL("DELETE FROM {} WHERE false").format(target)


def _allowed(expected: dict, name: str, operation: str, column: str | None) -> bool:
    columns = expected.get(name, {}).get(operation)
    if columns is None:
        return False
    return columns == ALL or column is None or column in columns


def test_every_object_has_an_expectation(db):
    """A new table, view or public function must be added to the expectation tables above."""
    relations = set(_relations(db))
    known = set(APP_TABLES) | set(ADMIN_EXTRA_TABLES) | set(BI_TABLES) | OWNER_ONLY_TABLES
    assert relations - known == set(), "tables/views without an expectation"
    assert known - relations == set(), "expectations for tables/views that do not exist"
    functions = set(_functions(db))
    public = {f for f in functions if not f.split(".", 1)[1].startswith(("_", "tg_"))}
    listed = APP_FUNCTIONS | ADMIN_EXTRA_FUNCTIONS
    assert public - listed == set(), "public functions without an expectation"
    assert listed - functions == set(), "expectations for functions that do not exist"


def test_privilege_matrix(db, connect, nobody):
    relations = _relations(db)
    functions = _functions(db)
    conn = connect(autocommit=False)
    wrong: list[str] = []
    checks = 0
    with conn.transaction():
        for role in ("rewards_app", "rewards_admin", "rewards_bi", nobody):
            expected_tables = EXPECTED_TABLES[NOBODY if role == nobody else role]
            expected_functions = EXPECTED_FUNCTIONS[NOBODY if role == nobody else role]
            for name, (kind, columns) in relations.items():
                for operation, column, statement in _table_statements(name, kind, columns):
                    want = "ok" if _allowed(expected_tables, name, operation, column) else "denied"
                    got = _attempt(conn, role, statement)
                    checks += 1
                    if got != want:
                        wrong.append(f"{role} {operation} {name}{f'({column})' if column else ''}: "
                                     f"expected {want}, got {got}")
                if kind == "v":
                    for operation in ("INSERT", "UPDATE", "DELETE"):
                        checks += 1
                        if db.execute("SELECT has_table_privilege(%s, %s, %s)", (role, name, operation)).fetchone()[0]:
                            wrong.append(f"{role} may {operation} view {name}")
            for function, argtypes in functions.items():
                schema_name = function.split("(", 1)[0]
                args = sql.SQL(", ").join(sql.SQL("(SELECT NULL::{})").format(sql.SQL(t)) for t in argtypes)
                statement = sql.SQL("SELECT {}({})").format(sql.SQL(schema_name), args)
                got = _attempt(conn, role, statement)
                checks += 1
                allowed = function in expected_functions
                # Allowed: the call gets past the privilege check (it may then fail on its NULL arguments).
                if (got == "denied") == allowed:
                    wrong.append(f"{role} EXECUTE {function}: expected {'allowed' if allowed else 'denied'}, got {got}")
    assert wrong == [], "\n".join(wrong)
    assert checks > 1000  # the matrix really was walked


def test_the_app_role_writes_every_event_and_the_triggers_still_award(db, connect):
    """rewards_app inserts repos, users, PRs, scores, mints and wallet balances; the SECURITY DEFINER
    triggers write the claims, counters, points and tiers it may not write itself."""
    project_id = db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme/rocket') RETURNING id").fetchone()[0]
    db.execute("SELECT gitpoap.add_gitpoaps('acme/rocket', 2024, '{1,2}')")
    db.execute("SELECT human_points.upsert_community(c, 'c', true) FROM generate_series(1, 3) c")
    alice = "0x" + "a" * 40
    app = connect()
    app.execute("SET ROLE rewards_app")
    repo_id = app.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, 'acme/rocket') RETURNING id",
                          (project_id,)).fetchone()[0]
    user_id = app.execute("INSERT INTO gitpoap.github_user (login) VALUES ('alice') RETURNING id").fetchone()[0]
    app.execute("""INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)
                   VALUES (%s, %s, 1, %s, '2024-03-01Z'), (%s, %s, 2, %s, '2024-04-01Z')""",
                (repo_id, project_id, user_id) * 2)
    app.execute("""INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)
                   SELECT upper(%s), c, 25,
                          '[{"provider": "SelfStakingGold", "credential": {"expirationDate": "2030-01-01T00:00:00Z"}}]',
                          '2025-07-01Z'
                   FROM generate_series(1, 3) c""", (alice,))
    app.execute("INSERT INTO human_points.mint (address, action, tx_hash) VALUES (%s, 'passport_mint', '0x01')", (alice,))
    app.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 60000)", (alice,))
    app.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 6000) "
                "ON CONFLICT (address) DO UPDATE SET balance = excluded.balance", (alice,))

    assert app.execute("""SELECT g.level, c.pull_request_earned_id = pr.id FROM gitpoap.claim c
                          JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
                          JOIN gitpoap.pull_request pr ON pr.number = g.level ORDER BY 1""").fetchall() == [
        (1, True), (2, True)]
    assert app.execute("SELECT merged_prs FROM gitpoap.contribution").fetchall() == [(2,)]
    assert app.execute("SELECT human_points.points_data(%s)", (alice,)).fetchone()[0] == {
        "total_points": 1300, "is_eligible": True, "multiplier": 1,
        "breakdown": {"scoring_bonus": 500, "identity_staking_gold": 500, "passport_mint": 300}}
    assert app.execute("SELECT tier_key FROM tiers.wallet").fetchall() == [("elite",)]
    assert db.execute("SELECT from_tier_key, to_tier_key, balance, cause FROM tiers.tier_change ORDER BY id").fetchall() == [
        ("none", "grandmaster", 60000, "balance"), ("grandmaster", "elite", 6000, "balance")]
