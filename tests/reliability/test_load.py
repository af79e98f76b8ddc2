"""Load: 8 writer threads send thousands of mixed events at once (PRs, scores, mints, wallet balances, and tier
changes from the admin writer) to one database; afterwards every claim, counter, point and wallet tier equals
what an oracle computed here in Python says.

Bounded: each writer has a fixed list of statements (generated from a seed), all start together at a barrier,
and the test fails if they have not all finished within LOAD_DEADLINE_S (a hang or a lock cycle would fail,
not stall the suite). Statements are small (1-8 rows) and autocommit, so the writers interleave constantly:
PR authors, scored addresses, mint hashes and community ids are shared between writers on purpose; each wallet
belongs to one writer, so its final balance is known.

What the oracles may assume, and why it is enough: claims, points and tiers are order-independent facts of the
final data (the earning PR of a claim is not — under concurrency it is whichever PR's statement reached the
threshold — so only its author and year are checked).
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import psycopg

from tests.gitpoap.oracle import assert_claims_and_counters_match

WRITERS = 8
STATEMENTS_PER_WRITER = 150  # ~3.3 events per statement: ~4,000 events in all
LOAD_DEADLINE_S = 120       # generous on a loaded 2-core machine; a normal run takes a few seconds
UTC = timezone.utc

LOGINS = [f"dev{i}" for i in range(30)] + ["dependabot[bot]"]
YEARS = (2023, 2024)
LADDER = [1, 5, 20]
ADDRESSES = [f"0x{i:040x}" for i in range(1, 121)]  # the first 8 are "hot": half of all picks
MULTIPLIERS = {ADDRESSES[0]: 2, ADDRESSES[1]: 3, ADDRESSES[5]: 2}
PROGRAM, OUTSIDE = (1, 2, 3, 4), (5, 6)
PROVIDERS = {"SelfStakingBronze": "identity_staking_bronze", "SelfStakingGold": "identity_staking_gold",
             "BeginnerCommunityStaker": "community_staking_beginner", "TrustedCitizen": "community_staking_trusted",
             "Google": None}
ACTION_POINTS = {"scoring_bonus": 500, "human_keys": 100, "identity_staking_bronze": 100, "identity_staking_gold": 500,
                 "community_staking_beginner": 100, "community_staking_trusted": 500,
                 "passport_mint": 300, "holonym_mint": 1000}
SCORED_AT = datetime(2025, 7, 1, 12, tzinfo=UTC)
# The admin writer moves elite and grandmaster around during the load and ends with these minimums.
FINAL_TIERS = [("legend", Decimal(300000)), ("grandmaster", Decimal(40000)), ("elite", Decimal(6000))]


def _address(rng: random.Random) -> str:
    return rng.choice(ADDRESSES[:8] if rng.random() < 0.5 else ADDRESSES)


def _mixed_case(rng: random.Random, address: str) -> str:
    return address if rng.random() < 0.5 else "0x" + address[2:].upper()


def _stamp(rng: random.Random, address: str) -> dict:
    provider = rng.choice(list(PROVIDERS))
    expires = SCORED_AT + timedelta(days=rng.choice((-1, 30)))
    subject = {"provider": provider}
    if rng.random() < 0.15:
        # One credential per address: which of two concurrent presenters gets a shared nullifier is the isolation
        # spec's (human_points_shared_nullifier), not an oracle's.
        subject["nullifiers"] = [f"v0:{address.lower()}"]
    return {"provider": provider, "credential": {"expirationDate": expires.isoformat(), "credentialSubject": subject}}


def plan(writer: int) -> list[tuple]:
    """The writer's statements: ("prs", rows) | ("scores", rows) | ("mints", rows) | ("wallets", rows) | ("tier", key, min)."""
    rng = random.Random(1000 + writer)
    wallets = [f"0x{(writer + 1) * 0x1000 + i:040x}" for i in range(6)]
    numbers = iter(range(writer + 1, 100_000, WRITERS))  # PR numbers never collide between writers
    statements: list[tuple] = []
    for _ in range(STATEMENTS_PER_WRITER):
        kind = rng.choice(("prs", "prs", "scores", "scores", "mints", "wallets"))
        size = rng.randint(1, 8 if kind in ("prs", "scores") else 4)
        if kind == "prs":
            rows = []
            for _ in range(size):
                merged = None if rng.random() < 0.1 else datetime(rng.choice(YEARS), 1, 1, tzinfo=UTC) + timedelta(
                    hours=rng.randint(-3, 24 * 360))
                rows.append((next(numbers), rng.choice(LOGINS[:6] if rng.random() < 0.4 else LOGINS), merged))
        elif kind == "scores":
            rows = []
            for _ in range(size):
                address = _mixed_case(rng, _address(rng))
                rows.append((address, rng.choice(PROGRAM + OUTSIDE),
                             Decimal(rng.choice(("0", "12.5", "19.99", "20", "20.01", "35"))),
                             [_stamp(rng, address) for _ in range(rng.randint(0, 2))]))
        elif kind == "mints":
            rows = [(_mixed_case(rng, _address(rng)), rng.choice(("passport_mint", "holonym_mint")),
                     f"0x{rng.randint(1, 12):064x}") for _ in range(size)]
        else:
            rows = [(rng.choice(wallets), Decimal(rng.choice(("0", "4999.99", "5000", "6500", "45000", "60000", "350000"))))
                    for _ in range(size)]
        statements.append((kind, rows))
        if writer == 0 and rng.random() < 0.15:
            statements.append(rng.choice((("tier", "elite", Decimal(rng.choice((4000, 6000, 7000)))),
                                          ("tier", "grandmaster", Decimal(rng.choice((40000, 45000, 55000)))))))
    if writer == 0:
        statements += [("tier", "grandmaster", FINAL_TIERS[1][1]), ("tier", "elite", FINAL_TIERS[2][1])]
    return statements


def run(conn: psycopg.Connection, statement: tuple, logins: dict[str, int], repo: tuple[int, int]) -> None:
    kind = statement[0]
    if kind == "prs":
        numbers, authors, merged = zip(*statement[1])
        conn.execute(
            """INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at)
               SELECT %s, %s, r.n, r.a, r.m FROM unnest(%s::integer[], %s::bigint[], %s::timestamptz[]) AS r(n, a, m)""",
            (*repo, list(numbers), [logins[a] for a in authors], list(merged)))
    elif kind == "scores":
        conn.execute(
            """INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)
               SELECT r.a, r.c, r.s, r.j, %s FROM unnest(%s::text[], %s::integer[], %s::numeric[], %s::jsonb[]) AS r(a, c, s, j)""",
            (SCORED_AT, *map(list, zip(*[(a, c, s, json.dumps(j)) for a, c, s, j in statement[1]]))))
    elif kind == "mints":
        conn.execute(
            """INSERT INTO human_points.mint (address, action, tx_hash, chain_id)
               SELECT r.a, r.k, r.t, 10 FROM unnest(%s::text[], %s::text[], %s::text[]) AS r(a, k, t)""",
            tuple(map(list, zip(*statement[1]))))
    elif kind == "wallets":
        # One statement may name a wallet twice: keep its last balance (an upsert cannot touch a row twice).
        last = dict(statement[1])
        conn.execute(
            """INSERT INTO tiers.wallet (address, balance) SELECT * FROM unnest(%s::text[], %s::numeric[])
               ON CONFLICT (address) DO UPDATE SET balance = excluded.balance""",
            (list(last), list(last.values())))
    else:
        _, key, minimum = statement
        conn.execute("SELECT tiers.update_tier((tiers.tier_by_key(%s)).id, p_minimum_balance => %s)", (key, minimum))


# --- oracles ------------------------------------------------------------------------------------------------


def points_oracle(events: list[tuple]) -> tuple[list[tuple], dict[str, int]]:
    """(sorted points rows (address, action, points, tx_hash), {address: passing_scores})."""
    qualified, earned, mints = defaultdict(set), defaultdict(set), set()
    for statement in events:
        if statement[0] == "scores":
            for address, community, score, stamps in statement[1]:
                address = address.lower()
                if community not in PROGRAM:
                    continue
                if score >= 20:
                    qualified[address].add(community)
                for stamp in stamps:
                    if datetime.fromisoformat(stamp["credential"]["expirationDate"]) <= SCORED_AT:
                        continue
                    if PROVIDERS[stamp["provider"]]:
                        earned[address].add(PROVIDERS[stamp["provider"]])
                    if stamp["credential"]["credentialSubject"].get("nullifiers"):
                        earned[address].add("human_keys")
        elif statement[0] == "mints":
            mints |= {(address.lower(), action, tx) for address, action, tx in statement[1]}
    for address, communities in qualified.items():
        if len(communities) >= 3:
            earned[address].add("scoring_bonus")
    rows = [(a, action, ACTION_POINTS[action] * MULTIPLIERS.get(a, 1), None) for a, actions in earned.items()
            for action in actions]
    rows += [(a, action, ACTION_POINTS[action] * MULTIPLIERS.get(a, 1), tx) for a, action, tx in mints]
    return sorted(rows, key=lambda r: (r[0], r[1], r[3] or "")), {a: len(c) for a, c in qualified.items() if c}


def wallet_oracle(plans: list[list[tuple]]) -> dict[str, tuple[Decimal, str]]:
    """{address: (final balance, tier key under FINAL_TIERS)}."""
    balances: dict[str, Decimal] = {}
    for statements in plans:
        for statement in statements:
            if statement[0] == "wallets":
                balances.update(statement[1])
    tier = lambda b: next((key for key, minimum in FINAL_TIERS if b >= minimum), "none")  # noqa: E731
    return {address: (balance, tier(balance)) for address, balance in balances.items()}


# --- the test -----------------------------------------------------------------------------------------------


def test_eight_writers_of_mixed_events_end_exactly_where_the_oracles_say(db, connect):
    project_id = db.execute("INSERT INTO gitpoap.project (name) VALUES ('load/test') RETURNING id").fetchone()[0]
    repo_id = db.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, 'load/test') RETURNING id",
                         (project_id,)).fetchone()[0]
    logins = {login: db.execute("INSERT INTO gitpoap.github_user (login) VALUES (%s) RETURNING id", (login,)).fetchone()[0]
              for login in LOGINS}
    for year in YEARS:
        db.execute("SELECT gitpoap.add_gitpoaps('load/test', %s, %s)", (year, LADDER))
    for community in PROGRAM + OUTSIDE:
        db.execute("SELECT human_points.upsert_community(%s, 'c', %s)", (community, community in PROGRAM))
    for address, factor in MULTIPLIERS.items():
        db.execute("INSERT INTO human_points.multiplier (address, multiplier) VALUES (%s, %s)", (address, factor))

    plans = [plan(w) for w in range(WRITERS)]
    assert sum(len(s[1]) for statements in plans for s in statements if s[0] != "tier") > 3000
    sessions = [connect() for _ in range(WRITERS)]
    for number, session in enumerate(sessions):
        session.execute("SET ROLE rewards_admin" if number == 0 else "SET ROLE rewards_app")
    barrier = threading.Barrier(WRITERS)
    failures: list[str] = []

    def write(number: int) -> None:
        barrier.wait()
        for statement in plans[number]:
            try:
                run(sessions[number], statement, logins, (repo_id, project_id))
            except psycopg.Error as exc:  # a deadlock or any refusal is a failure of the promise
                failures.append(f"writer {number}: {statement[0]}: {exc.sqlstate} {exc}")
                return

    threads = [threading.Thread(target=write, args=(n,), daemon=True) for n in range(WRITERS)]
    deadline = time.monotonic() + LOAD_DEADLINE_S
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), f"writers still running after {LOAD_DEADLINE_S} s"
    assert failures == []

    events = [s for statements in plans for s in statements]
    # gitpoap: claims (which contributor holds which level) and counters.
    prs = [row for kind, *rest in events if kind == "prs" for row in rest[0]]
    assert_claims_and_counters_match(db, prs, {year: LADDER for year in YEARS})

    # human_points: every points row, and the distinct-community counters.
    rows, passing = points_oracle(events)
    assert db.execute("SELECT address, action, points, tx_hash FROM human_points.points "
                      "ORDER BY address, action, coalesce(tx_hash, '')").fetchall() == rows
    assert dict(db.execute("SELECT address, passing_scores FROM human_points.program_stats "
                           "WHERE passing_scores > 0").fetchall()) == passing

    # tiers: each wallet's balance and tier, and a history that chains from none to the wallet's tier.
    assert [(k, m) for k, m in db.execute("SELECT tier_key, minimum_balance FROM tiers.tier WHERE is_active "
                                          "ORDER BY minimum_balance DESC").fetchall()] == FINAL_TIERS
    wallets = {a: (b, k) for a, b, k in db.execute("SELECT address, balance, tier_key FROM tiers.wallet").fetchall()}
    assert wallets == wallet_oracle(plans)
    history = defaultdict(list)
    for address, before, after in db.execute(
            "SELECT address, from_tier_key, to_tier_key FROM tiers.tier_change ORDER BY id").fetchall():
        history[address].append((before, after))
    for address, (_, tier_key) in wallets.items():
        chain = history.get(address, [])
        assert all(a != b for a, b in chain), (address, chain)
        assert [b for _, b in chain[:-1]] == [a for a, _ in chain[1:]], (address, chain)  # each starts where the last ended
        assert (chain[0][0] if chain else "none") == "none" and (chain[-1][1] if chain else "none") == tier_key
