"""Bad input, as one table: every entry point (application INSERTs as rewards_app, SQL admin functions as
rewards_admin, `runner` commands and their files, GraphQL arguments through the ASGI app in process) refuses
wrong types, negative/zero/NaN/infinite numbers, overlong strings, non-hex addresses, unknown actions,
malformed JSON and stamps, zone-less timestamps, duplicate keys, thresholds that break monotonicity,
SQL-injection strings and a query nested 50 levels deep — with the expected error (SQLSTATE, exit code or
payload error) and a message naming the field or rule — and leaves every table exactly as it was (the
``checksum`` fixture: an md5 of all rows of every table, before and after each case).

Where PostgreSQL itself rejects a value before any rule of ours runs (a text that is not a number, not JSON,
not a time), its message names the type and the value, not the column: those cases say so.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg
from click.testing import CliRunner

from runner.cli import main
from runner.server.app import create_app

A = "0x" + "a" * 40
B = "0x" + "b" * 40
TOKEN = "bad-input-token"
INJECTION = "x'); DROP TABLE human_points.points; --"


@dataclass
class Case:
    name: str
    entry: str  # app | admin (SQL as that role) | cli | graphql
    what: object  # SQL text | CLI args | GraphQL query
    params: tuple | dict | None = None  # SQL parameters | GraphQL variables
    code: str | int = ""  # SQLSTATE | exit code | HTTP status
    message: str = ""  # regular expression the error must match: our words, or only the name a library's error gives
    files: dict = field(default_factory=dict)  # CLI: {placeholder: file content}


def sql_insert(table: str, columns: str, values: str) -> str:
    return f"INSERT INTO {table} ({columns}) VALUES ({values})"


SCORE = "human_points.score", "address, community_id, score, stamps, scored_at"
MINT = "human_points.mint", "address, action, tx_hash, chain_id"
WALLET = "tiers.wallet", "address, balance"
PR = "gitpoap.pull_request", "repo_id, project_id, number, title, author_id, merged_at"

GOOD_EVENT = {"address": A, "community_id": 1, "score": 25, "scored_at": "2025-07-01T00:00:00Z",
              "stamps": [{"provider": "SelfStakingGold", "credential": {"expirationDate": "2026-01-01T00:00:00Z"}}]}
GOOD_PR = {"number": 7, "title": "x", "author": {"login": "alice"}, "mergedAt": "2024-05-01T00:00:00Z",
           "mergeCommit": {"oid": "abc1234"}}


def events(**change) -> str:
    return json.dumps([GOOD_EVENT, {**GOOD_EVENT, **change}])


CASES = [
    # --- application INSERTs (rewards_app) ---------------------------------------------------------------
    Case("score: non-hex address", "app", sql_insert(*SCORE, "%s, 1, 25, '[]', '2025-07-01Z'"), ("0x" + "g" * 40,),
         "23514", r"human_points\.score\.address must be 0x followed by 40 hex digits \(got '0xggg"),
    Case("score: short address", "app", sql_insert(*SCORE, "'0x123', 1, 25, '[]', '2025-07-01Z'"), None,
         "23514", r"human_points\.score\.address must be 0x followed by 40 hex digits \(got '0x123'\)"),
    Case("score: SQL injection as address", "app", sql_insert(*SCORE, "%s, 1, 25, '[]', '2025-07-01Z'"), (INJECTION,),
         "23514", r"human_points\.score\.address must be .* \(got 'x''\); DROP TABLE"),
    Case("score: negative score", "app", sql_insert(*SCORE, f"'{A}', 1, -1, '[]', '2025-07-01Z'"), None,
         "23514", r'"score_score_at_least_0"'),
    Case("score: NaN score", "app", sql_insert(*SCORE, f"'{A}', 1, 'NaN', '[]', '2025-07-01Z'"), None,
         "23514", r'"score_score_is_finite"'),
    Case("score: infinite score", "app", sql_insert(*SCORE, f"'{A}', 1, 'Infinity', '[]', '2025-07-01Z'"), None,
         "23514", r'"score_score_is_finite"'),
    Case("score: score of the wrong type (PostgreSQL names the type)", "app",
         sql_insert(*SCORE, f"'{A}', 1, %s, '[]', '2025-07-01Z'"), ("lots",),
         "22P02", r'invalid input syntax for type numeric: "lots"'),
    Case("score: infinite scored_at", "app", sql_insert(*SCORE, f"'{A}', 1, 25, '[]', 'infinity'"), None,
         "23514", r'"score_scored_at_is_finite"'),
    Case("score: stamps not an array", "app", sql_insert(*SCORE, f"'{A}', 1, 25, %s, '2025-07-01Z'"),
         ('{"provider": "SelfStakingGold"}',), "23514", r'"score_stamps_is_an_array"'),
    Case("score: malformed stamps JSON (PostgreSQL names the type)", "app",
         sql_insert(*SCORE, f"'{A}', 1, 25, %s, '2025-07-01Z'"), ('[{"provider": ',),
         "22P02", r"invalid input syntax for type json"),
    Case("score: unknown community", "app", sql_insert(*SCORE, f"'{A}', 999, 25, '[]', '2025-07-01Z'"), None,
         "23503", r'"score_community_id_fkey".*\(community_id\)=\(999\)'),
    Case("mint: unknown action", "app", sql_insert(*MINT, f"'{A}', 'airdrop', '0x01', 10"), None,
         "23503", r'"mint_action_kind_fkey"'),
    Case("mint: a binary action", "app", sql_insert(*MINT, f"'{A}', 'scoring_bonus', '0x01', 10"), None,
         "23503", r'"mint_action_kind_fkey"'),
    Case("mint: empty tx hash", "app", sql_insert(*MINT, f"'{A}', 'passport_mint', '', 10"), None,
         "23514", r'"mint_tx_hash_not_empty"'),
    Case("mint: overlong tx hash", "app", sql_insert(*MINT, f"'{A}', 'passport_mint', %s, 10"), ("0x" + "f" * 300,),
         "23514", r'"mint_tx_hash_printable_at_most_200_characters"'),
    Case("mint: tx hash with spaces", "app", sql_insert(*MINT, f"'{A}', 'passport_mint', ' 0x01 ', 10"), None,
         "23514", r'"mint_tx_hash_printable_at_most_200_characters"'),
    Case("mint: zero chain id", "app", sql_insert(*MINT, f"'{A}', 'passport_mint', '0x01', 0"), None,
         "23514", r'"mint_chain_id_positive"'),
    Case("mint: upper-case 0X prefix and non-hex", "app", sql_insert(*MINT, "'0Xzz', 'passport_mint', '0x01', 1"), None,
         "23514", r"human_points\.mint\.address must be 0x followed by 40 hex digits \(got '0Xzz'\)"),
    Case("wallet: negative balance", "app", sql_insert(*WALLET, f"'{B}', -5"), None,
         "23514", r'"wallet_balance_not_negative"'),
    Case("wallet: NaN balance", "app", sql_insert(*WALLET, f"'{B}', 'NaN'"), None,
         "23514", r'"wallet_balance_is_finite"'),
    Case("wallet: infinite balance", "app", sql_insert(*WALLET, f"'{B}', 'Infinity'"), None,
         "23514", r'"wallet_balance_is_finite"'),
    Case("wallet: balance of 100,001 digits", "app", sql_insert(*WALLET, f"'{B}', %s::numeric"), ("9" * 100_001,),
         "23514", r'"wallet_balance_under_2_256"'),
    Case("wallet: balance with 19 decimal places", "app", sql_insert(*WALLET, f"'{B}', 0.0000000000000000001"), None,
         "23514", r'"wallet_balance_with_at_most_18_decimals"'),
    Case("wallet: upper-case EVM address", "app", sql_insert(*WALLET, "%s, 1"), ("0x" + "B" * 40,),
         "23514", r"tiers\.wallet\.address must be lower-case 0x \+ 40 hex digits .* \(got '0xBBB"),
    Case("wallet: the same address twice in one statement", "app",
         f"INSERT INTO tiers.wallet (address, balance) VALUES ('{B}', 1), ('{B}', 2)", None,
         "23505", r'"wallet_pkey".*\(address\)=\(0xb{40}\) already exists'),
    Case("pull request: zero number", "app", sql_insert(*PR, "1, 1, 0, 'x', 1, '2024-01-01Z'"), None,
         "23514", r'"pull_request_number_positive"'),
    Case("pull request: overlong title", "app", sql_insert(*PR, "1, 1, 50, %s, 1, '2024-01-01Z'"), ("t" * 1001,),
         "23514", r'"pull_request_title_length"'),
    Case("pull request: infinite merged_at", "app", sql_insert(*PR, "1, 1, 50, 'x', 1, 'infinity'"), None,
         "23514", r'"pull_request_merged_at_finite"'),
    Case("pull request: the same number twice in one statement", "app",
         "INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at) "
         "VALUES (1, 1, 60, 1, '2024-01-01Z'), (1, 1, 60, 1, '2024-02-01Z')", None,
         "23505", r'"pull_request_repo_id_number_key".*\(repo_id, number\)=\(1, 60\)'),
    Case("pull request: merged_at not a time (PostgreSQL names the type)", "app",
         sql_insert(*PR, "1, 1, 50, 'x', 1, %s"), ("next tuesday-ish",),
         "22007", r'invalid input syntax for type timestamp with time zone: "next tuesday-ish"'),
    Case("github user: SQL injection as login", "app", "INSERT INTO gitpoap.github_user (login) VALUES (%s)", (INJECTION,),
         "23514", r'"github_user_login_format"'),
    Case("github user: overlong login", "app", "INSERT INTO gitpoap.github_user (login) VALUES (%s)", ("a" * 101,),
         "23514", r'"github_user_login_format"'),
    Case("repo: name without owner", "app", "INSERT INTO gitpoap.repo (project_id, name) VALUES (1, 'rocket')", None,
         "23514", r'"repo_name_owner_slash_name"'),
    # --- SQL functions (rewards_admin; read functions as rewards_app) --------------------------------------
    Case("create_tier: NaN minimum", "admin", "SELECT tiers.create_tier('VIP', 'vip', 'NaN')", None,
         "23514", r"tiers\.tier\.minimum_balance must be a finite number \(got NaN\)"),
    Case("create_tier: negative minimum", "admin", "SELECT tiers.create_tier('VIP', 'vip', -1)", None,
         "23514", r"tiers\.tier\.minimum_balance must be >= 0 \(got -1\)"),
    Case("create_tier: discount above 100", "admin", "SELECT tiers.create_tier('VIP', 'vip', 1, 150)", None,
         "23514", r"tiers\.tier\.discount_percent must be between 0 and 100 \(got 150\)"),
    Case("create_tier: infinite discount", "admin", "SELECT tiers.create_tier('VIP', 'vip', 1, '-Infinity')", None,
         "23514", r"tiers\.tier\.discount_percent must be a finite number \(got -Infinity\)"),
    Case("create_tier: overlong name", "admin", "SELECT tiers.create_tier(repeat('n', 101), 'vip', 1)", None,
         "23514", r"tiers\.tier\.name must be at most 100 characters \(got 'n{40}…'\)"),
    Case("create_tier: overlong badge colour", "admin",
         "SELECT tiers.create_tier('VIP', 'vip', 1, p_badge_color => repeat('c', 51))", None,
         "23514", r"tiers\.tier\.badge_color must be at most 50 characters \(got 'c{40}…'\)"),
    Case("create_tier: SQL injection as tier_key", "admin", "SELECT tiers.create_tier('VIP', %s, 1)", (INJECTION,),
         "23514", r"tiers\.tier\.tier_key must be lower-case letters, digits or _"),
    Case("create_tier: duplicate tier_key", "admin", "SELECT tiers.create_tier('Elite 2', 'elite', 1)", None,
         "23505", r"tiers\.tier\.tier_key must be unique \('elite' already exists\)"),
    Case("create_tier: a minimum another active tier has (ambiguous ordering)", "admin",
         "SELECT tiers.create_tier('VIP', 'vip', 50000)", None,
         "23505", r"tiers\.tier\.minimum_balance must differ between active tiers \(50000 is already the minimum of 'grandmaster'\)"),
    Case("create_tier: metadata not an object", "admin", "SELECT tiers.create_tier('VIP', 'vip', 1, p_metadata => '[1]')",
         None, "23514", r"tiers\.tier\.metadata must be a JSON object \(got \[1\]\)"),
    Case("update_tier: tier_key changed", "admin", "SELECT tiers.update_tier(1, p_tier_key => 'vip')", None,
         "23514", r"tiers\.tier\.tier_key cannot change"),
    Case("update_tier: unknown id", "admin", "SELECT tiers.update_tier(99, 'X')", None,
         "P0002", r"tiers\.tier\.id 99 does not exist"),
    Case("preview_tier_update: infinite minimum", "admin", "SELECT * FROM tiers.preview_tier_update(1, 'Infinity')", None,
         "23514", r"tiers\.tier\.minimum_balance must be a finite number \(got Infinity\)"),
    Case("tier_for_balance: NaN", "app", "SELECT tiers.tier_for_balance('NaN')", None,
         "22023", r"tiers\.tier_for_balance\.balance must be a finite number \(got NaN\)"),
    Case("list_tiers: SQL injection as sort_by", "app", "SELECT * FROM tiers.list_tiers(%s)", ("order; DELETE FROM tiers.wallet",),
         "22023", r"sort_by must be one of order, balance, discount"),
    Case("add_gitpoaps: thresholds out of order", "admin", "SELECT * FROM gitpoap.add_gitpoaps('acme/rocket', 2023, '{5,3}')",
         None, "23514", r"gitpoap\.threshold: level 2 needs a threshold greater than level 1's 5 \(got 3\)"),
    Case("add_gitpoaps: zero threshold", "admin", "SELECT * FROM gitpoap.add_gitpoaps('acme/rocket', 2023, '{0}')", None,
         "23514", r'"gitpoap_threshold_at_least_1"'),
    Case("add_gitpoaps: year out of range", "admin", "SELECT * FROM gitpoap.add_gitpoaps('acme/rocket', 1900, '{1}')", None,
         "23514", r'"gitpoap_year_range"'),
    Case("gitpoap INSERT: a higher level with a lower threshold", "admin",
         "INSERT INTO gitpoap.gitpoap (project_id, name, year, level, threshold) VALUES (1, 'l2', 2024, 2, 1)", None,
         "23514", r"gitpoap\.threshold: level 2 needs a threshold greater than level 1's 1 \(got 1\)"),
    Case("upsert_community: zero id", "admin", "SELECT human_points.upsert_community(0, 'zero', true)", None,
         "23514", r'"community_id_positive"'),
    Case("upsert_community: overlong name", "admin", "SELECT human_points.upsert_community(9, repeat('c', 201), true)",
         None, "23514", r'"community_name_at_most_200_characters"'),
    Case("populate_multipliers: non-hex address", "admin", "SELECT human_points.populate_multipliers(%s::text[])",
         ([A, "0xnothex"],), "23514", r"populate_multipliers\.addresses\[2\] must be 0x followed by 40 hex digits"),
    Case("populate_multipliers: infinite cut-off", "admin", "SELECT human_points.populate_multipliers('infinity'::timestamptz)",
         None, "22023", r"populate_multipliers\.returning_before must be a finite timestamp \(got infinity\)"),
    Case("settings: NaN pass threshold", "admin", "UPDATE human_points.settings SET pass_threshold = 'NaN'", None,
         "23514", r'"settings_pass_threshold_is_finite"'),
    Case("multiplier: too large for integer points", "admin",
         f"INSERT INTO human_points.multiplier (address, multiplier) VALUES ('{B}', 5000000)", None,
         "23514", r'"multiplier_multiplier_at_most_1000"'),
    Case("points_data: non-hex address", "app", "SELECT human_points.points_data('0x12345')", None,
         "23514", r"points_data\.address must be 0x followed by 40 hex digits \(got '0x12345'\)"),
    # --- runner commands and their files -----------------------------------------------------------------
    Case("import-prs: malformed JSON", "cli", ["import-prs", "{f}", "--repo", "acme/rocket"], None, 1,
         r"records\[1\] is not valid JSON", {"f": json.dumps([GOOD_PR])[:-1] + ', {"number": 8,'}),
    Case("import-prs: time without a zone", "cli", ["import-prs", "{f}", "--repo", "acme/rocket"], None, 1,
         r'records\[0\]\.mergedAt must be an ISO 8601 timestamp with a time zone.* \(got "2024-05-01T00:00:00"\)',
         {"f": json.dumps([{**GOOD_PR, "mergedAt": "2024-05-01T00:00:00"}])}),
    Case("import-prs: negative number", "cli", ["import-prs", "{f}", "--repo", "acme/rocket"], None, 1,
         r"records\[0\]\.number must be a whole number from 1 to 2147483647 \(got -3\)",
         {"f": json.dumps([{**GOOD_PR, "number": -3}])}),
    Case("import-prs: SQL injection as login", "cli", ["import-prs", "{f}", "--repo", "acme/rocket"], None, 1,
         r"records\[0\]\.author\.login must be a GitHub login", {"f": json.dumps([{**GOOD_PR, "author": {"login": INJECTION}}])}),
    Case("points import-scores: malformed JSON", "cli", ["points", "import-scores", "{f}"], None, 1,
         r"events\[1\]", {"f": events()[:-2] + ', "score": }]'}),
    Case("points import-scores: score of the wrong type", "cli", ["points", "import-scores", "{f}"], None, 1,
         r'events\[1\]\.score must be a number >= 0 \(got "lots"\)', {"f": events(score="lots")}),
    Case("points import-scores: negative score", "cli", ["points", "import-scores", "{f}"], None, 1,
         r"events\[1\]\.score must be a number >= 0 \(got -3\)", {"f": events(score=-3)}),
    Case("points import-scores: scored_at without a zone", "cli", ["points", "import-scores", "{f}"], None, 1,
         r'events\[1\]\.scored_at must be an ISO 8601 timestamp with a time zone \(got "2025-07-01T00:00:00"\)',
         {"f": events(scored_at="2025-07-01T00:00:00")}),
    Case("points import-scores: malformed stamp", "cli", ["points", "import-scores", "{f}"], None, 1,
         r"events\[1\]\.stamps\[0\] must be an object \(got 7\)", {"f": events(stamps=[7])}),
    Case("points import-scores: stamp expiring 'soon'", "cli", ["points", "import-scores", "{f}"], None, 1,
         r'events\[1\]\.stamps\[0\]\.credential\.expirationDate must be an ISO 8601 timestamp with a time zone \(got "soon"\)',
         {"f": events(stamps=[{"provider": "Google", "credential": {"expirationDate": "soon"}}])}),
    Case("points import-scores: non-hex address", "cli", ["points", "import-scores", "{f}"], None, 1,
         r'events\[1\]\.address must be 0x followed by 40 hex digits \(got "0xZZ"\)', {"f": events(address="0xZZ")}),
    Case("points populate-multipliers: a bad address in the file", "cli",
         ["points", "populate-multipliers", "--file", "{f}"], None, 1,
         r"populate_multipliers\.addresses\[2\] must be 0x followed by 40 hex digits \(got '0xabc'\)", {"f": f"{A}\n0xabc\n"}),
    Case("points populate-multipliers: cut-off without a zone", "cli",
         ["points", "populate-multipliers", "--returning-before", "2025-01-01 00:00:00"], None, 1,
         r"--returning-before must be an ISO 8601 timestamp with a time zone.* \(got '2025-01-01 00:00:00'\)"),
    Case("points show: non-hex address", "cli", ["points", "show", "0xnothex"], None, 1,
         r"ADDRESS must be 0x followed by 40 hex digits \(got '0xnothex'\)"),
    Case("tiers create: NaN minimum", "cli",
         ["tiers", "create", "--key", "vip", "--name", "VIP", "--minimum-balance", "NaN"], None, 2,
         r"Invalid value for '--minimum-balance': 'NaN' is not a number"),
    Case("tiers create: discount above 100", "cli",
         ["tiers", "create", "--key", "vip", "--name", "VIP", "--minimum-balance", "1", "--discount-percent", "101"],
         None, 1, r"--discount-percent must be between 0 and 100 \(got 101\)"),
    Case("tiers create: metadata not JSON", "cli",
         ["tiers", "create", "--key", "vip", "--name", "VIP", "--minimum-balance", "1", "--metadata", "{oops"], None, 2,
         r"--metadata\b.*'\{oops' is not JSON"),
    Case("tiers for-balance: infinite amount", "cli", ["tiers", "for-balance", "inf"], None, 2,
         r"\bAMOUNT\b.*'inf' is not a number"),
    Case("gitpoaps add: levels out of order", "cli",
         ["gitpoaps", "add", "--project", "acme/rocket", "--year", "2023", "--levels", "5,2"], None, 1,
         r"level 2 needs a threshold greater than level 1's 5 \(got 2\)"),
    # --- GraphQL (the ASGI app in process) ------------------------------------------------------------------
    Case("createTier: NaN minimumBalance", "graphql",
         'mutation { createTier(name: "VIP", tierKey: "vip", minimumBalance: "NaN") { tier { id } errors } }', None,
         200, r"minimumBalance must be a number \(got 'NaN'\)"),
    Case("createTier: infinite minimumBalance", "graphql",
         'mutation { createTier(name: "VIP", tierKey: "vip", minimumBalance: "-Infinity") { tier { id } errors } }', None,
         200, r"minimumBalance must be a number \(got '-Infinity'\)"),
    Case("createTier: negative discount", "graphql",
         'mutation { createTier(name: "VIP", tierKey: "vip", minimumBalance: "1", discountPercent: "-5") { errors } }',
         None, 200, r"discountPercent must be between 0 and 100 \(got -5\)"),
    Case("createTier: overlong name", "graphql",
         'mutation($name: String) { createTier(name: $name, tierKey: "vip", minimumBalance: "1") { errors } }',
         {"name": "n" * 101}, 200, r"^name must be at most 100 characters \(got 'n{40}…'\)"),
    Case("createTier: SQL injection as tierKey", "graphql",
         'mutation($key: String) { createTier(name: "VIP", tierKey: $key, minimumBalance: "1") { errors } }',
         {"key": INJECTION}, 200, r"tierKey must be lower-case letters"),
    Case("createTier: displayOrder of the wrong type", "graphql",
         'mutation($displayOrder: Int) { createTier(name: "VIP", tierKey: "vip", minimumBalance: "1", '
         'displayOrder: $displayOrder) { errors } }', {"displayOrder": "first"}, 400,
         r"\$displayOrder\b"),
    Case("createTier: metadata not an object", "graphql",
         'mutation { createTier(name: "VIP", tierKey: "vip", minimumBalance: "1", metadata: "x") { errors } }', None,
         200, r"metadata must be a JSON object \(got str\)"),
    Case("updateTier: SQL injection as id", "graphql",
         'mutation { updateTier(id: "1 OR 1=1", name: "X") { errors } }', None,
         200, r"id must be an integer \(got '1 OR 1=1'\)"),
    Case("updateTier: minimum shared with another active tier", "graphql",
         'mutation { updateTier(id: "1", minimumBalance: "300000") { errors } }', None,
         200, r"minimumBalance must differ between active tiers \(300000 is already the minimum of 'legend'\)"),
    Case("tiers: unknown sortBy", "graphql", '{ tiers(sortBy: "name; DROP TABLE tiers.tier") { name } }', None,
         200, r"sortBy must be one of order, balance, discount"),
    Case("a query nested 50 levels deep", "graphql",
         "{ __schema { types { " + "fields { type { " * 24 + "name" + " } }" * 24 + " } } }", None,
         400, r"query is nested more than 15 levels deep"),
    Case("a body that is not JSON", "graphql", b'{"query": "{ tiers { name } ', None, 400, r"(?i)\bJSON\b"),
]


def _base_state(db) -> None:
    """Rows in every table, so that an unwanted change anywhere shows in the checksum."""
    db.execute("INSERT INTO gitpoap.project (name) VALUES ('acme/rocket')")
    db.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (1, 'acme/rocket')")
    db.execute("INSERT INTO gitpoap.github_user (login) VALUES ('alice')")
    db.execute("SELECT gitpoap.add_gitpoaps('acme/rocket', 2024, '{1}')")
    db.execute("INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at) "
               "VALUES (1, 1, 1, 1, '2024-03-01Z')")
    for community in (1, 2, 3, 4):
        db.execute("SELECT human_points.upsert_community(%s, 'c', %s)", (community, community < 4))
    db.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, 2)", (A,))
    db.execute("INSERT INTO human_points.score (address, community_id, score, stamps, scored_at) VALUES (%s, 1, 25, %s, "
               "'2025-07-01Z')", (A, json.dumps(GOOD_EVENT["stamps"])))
    db.execute("INSERT INTO human_points.mint (address, action, tx_hash) VALUES (%s, 'passport_mint', '0x01')", (A,))
    db.execute("INSERT INTO tiers.wallet (address, balance) VALUES (%s, 6000)", (A,))
    counts = db.execute("SELECT (SELECT count(*) FROM gitpoap.claim), (SELECT count(*) FROM human_points.points), "
                        "(SELECT count(*) FROM tiers.tier_change)").fetchone()
    assert counts == (1, 2, 1)


def _error_text(exc: psycopg.Error) -> str:
    diag = exc.diag
    return " ".join(part for part in (diag.message_primary, diag.message_detail) if part)


def test_bad_input_is_refused_everywhere_and_changes_nothing(db, dsn, connect, checksum, tmp_path):
    assert len(CASES) >= 40
    assert {case.entry for case in CASES} == {"app", "admin", "cli", "graphql"}
    _base_state(db)
    sessions = {}
    for role in ("app", "admin"):
        sessions[role] = connect()
        sessions[role].execute(f"SET ROLE rewards_{role}")
    app = create_app(dsn, TOKEN)
    app.pool.open(wait=True)  # what the server's lifespan does (httpx's ASGI transport sends no lifespan events)
    loop = asyncio.new_event_loop()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://rewards.test")
    wrong: list[str] = []
    try:
        before = checksum()
        for case in CASES:
            got = _run(case, sessions, dsn, tmp_path, loop, client)
            if got is None:
                wrong.append(f"{case.name}: accepted")
            elif got[0] != case.code or not re.search(case.message, got[1]):
                wrong.append(f"{case.name}: expected {case.code} /{case.message}/, got {got[0]} {got[1]!r}")
            after = checksum()
            if after != before:
                wrong.append(f"{case.name}: changed {sorted(t for t in after if after[t] != before.get(t))}")
                before = after
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()
        app.pool.close()
    assert wrong == [], "\n".join(wrong)


def _run(case: Case, sessions, dsn, tmp_path: Path, loop, client) -> tuple | None:
    """(code, message) of the refusal, or None when the input was accepted."""
    if case.entry in ("app", "admin"):
        try:
            sessions[case.entry].execute(case.what, case.params)
        except psycopg.Error as exc:
            return exc.sqlstate, _error_text(exc)
        return None
    if case.entry == "cli":
        paths = {}
        for name, content in case.files.items():
            paths[name] = tmp_path / f"{re.sub(r'[^a-z0-9]+', '-', case.name.lower())}-{name}.json"
            paths[name].write_text(content)
        args = [str(paths[a[1:-1]]) if a.startswith("{") and a[1:-1] in paths else a for a in case.what]
        result = CliRunner().invoke(main, ["--dsn", dsn, *args])
        if result.exit_code == 0:
            return None
        if result.exit_code == 1 and len(result.output.strip().splitlines()) != 1:
            return result.exit_code, f"not one line: {result.output!r}"  # runner's errors are one line
        return result.exit_code, result.output  # exit 2: click's usage error, naming the option
    # GraphQL: errors in the payload (mutations: {…, errors}) or at the top level (query problems).
    if isinstance(case.what, bytes):
        response = loop.run_until_complete(client.post(
            "/graphql", content=case.what, headers={"Content-Type": "application/json"}))
        return (response.status_code, response.text) if response.status_code != 200 else None
    body = {"query": case.what, **({"variables": case.params} if case.params else {})}
    response = loop.run_until_complete(client.post("/graphql", json=body, headers={"Authorization": f"Bearer {TOKEN}"}))
    payload = response.json()
    messages = [e["message"] for e in payload.get("errors", [])]
    for value in (payload.get("data") or {}).values():
        if isinstance(value, dict):
            messages += value.get("errors", [])
    return (response.status_code, " | ".join(messages)) if messages else None
