"""Upgrades while applications write: from the previous release's schema, applied by the previous release's own
runner, to this tree, with application writers running all along.

The previous release is commit PREVIOUS_RELEASE of this repository (db/ at 0042_core_validate_input_rules):
the upgrade then drops gitpoap._count_merged_prs (0043) that the old pull_request trigger calls, and turns
tiers.tier_for_balance into an invoker-rights function (0044). The configured lock_timeout is 2 s
(``ALTER DATABASE … SET lock_timeout``, seen by the writers and by `runner migrate`).
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from runner import migrate as migrations
from runner.upgrade import MigrateError
from tests.gitpoap.oracle import expected_claims
from tests.support import ROOT

PREVIOUS_RELEASE = "1cdde31"  # db/ and runner/ at 0042_core_validate_input_rules
LOCK_TIMEOUT_S = 2
UTC = timezone.utc
PROJECT = "upgrade/test"
LOGINS = [f"dev{i}" for i in range(6)]
LADDER = [2, 5, 10, 20, 40, 80]
ADDRESSES = [f"0x{i:040x}" for i in range(1, 11)]
PROGRAM, OUTSIDE = (1, 2, 3, 4), (5,)
BALANCES = [Decimal(b) for b in ("0", "4999.99", "5000", "49999", "60000", "350000")]
TIERS = [("legend", Decimal(300000)), ("grandmaster", Decimal(50000)), ("elite", Decimal(5000))]  # seeded
SCORED_AT = datetime(2025, 7, 1, tzinfo=UTC)


def previous_release(release_tree, fresh_dsn: str, db) -> None:
    """The empty database configured with the lock_timeout and migrated by the previous release's runner."""
    db.execute(f"ALTER DATABASE \"{conninfo_to_dict(fresh_dsn)['dbname']}\" SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
    tree = release_tree(PREVIOUS_RELEASE)
    old = subprocess.run([sys.executable, "-m", "runner", "--dsn", fresh_dsn, "migrate"], cwd=tree,
                         capture_output=True, text=True, timeout=300)
    assert old.returncode == 0, old.stderr
    assert "applied 0042_core_validate_input_rules" in old.stdout and "0043" not in old.stdout


def seed(dsn: str) -> dict[str, int]:
    """A project with a GitPOAP ladder for 2023, its contributors, and program communities; {login: user id}."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        project = conn.execute("INSERT INTO gitpoap.project (name) VALUES (%s) RETURNING id", (PROJECT,)).fetchone()[0]
        conn.execute("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, %s)", (project, PROJECT))
        users = {login: conn.execute("INSERT INTO gitpoap.github_user (login) VALUES (%s) RETURNING id",
                                     (login,)).fetchone()[0] for login in LOGINS}
        conn.execute("SELECT gitpoap.add_gitpoaps(%s, 2023, %s)", (PROJECT, LADDER))
        for community in PROGRAM + OUTSIDE:
            conn.execute("SELECT human_points.upsert_community(%s, 'c', %s)", (community, community in PROGRAM))
        return users


def migrate_cli(dsn: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "runner", "--dsn", dsn, "migrate"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


@dataclass
class Writers:
    """Application sessions (``SET ROLE rewards_app``, the database's lock_timeout), one thread per kind of
    write, each writing one statement after another until stopped: a merged PR, a score, a mint, a wallet
    balance (upsert), and two-statement transactions score-then-mint and mint-then-score. Every statement's
    start, duration and error is logged; what committed is kept for the oracles."""

    dsn: str
    users: dict[str, int]
    log: list[tuple[str, float, float, str | None]] = field(default_factory=list)
    prs: list[tuple[int, str, datetime]] = field(default_factory=list)
    scores: list[tuple[str, int, Decimal]] = field(default_factory=list)
    mints: list[tuple[str, str]] = field(default_factory=list)
    wallets: dict[str, Decimal] = field(default_factory=dict)
    stopped: threading.Event = field(default_factory=threading.Event)
    guard: threading.Lock = field(default_factory=threading.Lock)
    threads: list[threading.Thread] = field(default_factory=list)
    numbers: object = field(default_factory=lambda: iter(range(1, 10_000_000)))

    KINDS = ("pr", "score", "mint", "wallet", "score+mint", "mint+score")

    def start(self) -> None:
        ids = psycopg.connect(self.dsn, autocommit=True)
        self.repo, self.project = ids.execute("SELECT id, project_id FROM gitpoap.repo WHERE name = %s",
                                              (PROJECT,)).fetchone()
        ids.close()
        self.threads = [threading.Thread(target=self._write, args=(n, kind), daemon=True)
                        for n, kind in enumerate(self.KINDS)]
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopped.set()
        for thread in self.threads:
            thread.join(30)
        assert not any(t.is_alive() for t in self.threads)

    def count(self, kind: str | None = None, after: float = 0.0) -> int:
        return sum(1 for k, started, _, _ in list(self.log) if (kind is None or k == kind) and started >= after)

    def _write(self, number: int, kind: str) -> None:
        rng = random.Random(number)
        conn = psycopg.connect(self.dsn, autocommit=True)
        conn.execute("SET ROLE rewards_app")
        assert conn.execute("SHOW lock_timeout").fetchone()[0] == f"{LOCK_TIMEOUT_S}s"
        txs = (f"0x{number:02x}{n:062x}" for n in range(1, 10_000_000))
        try:
            while not self.stopped.is_set():
                steps, kept = self._statement(kind, rng, txs)
                started = time.monotonic()
                error = None
                try:
                    if len(steps) > 1:
                        conn.execute("BEGIN")
                    for sql, params in steps:
                        conn.execute(sql, params)
                    if len(steps) > 1:
                        conn.execute("COMMIT")
                except psycopg.Error as exc:
                    error = f"{exc.sqlstate} {exc.diag.message_primary}"
                    if len(steps) > 1:
                        conn.execute("ROLLBACK")
                with self.guard:
                    self.log.append((kind, started, time.monotonic() - started, error))
                    if error is None:
                        kept()
                time.sleep(0.002)  # think time: the writers leave the machine's two cores some air
        finally:
            conn.close()

    def _statement(self, kind: str, rng: random.Random, txs):
        """(statements of one transaction, a callable that keeps what they wrote)."""
        if kind == "pr":
            row = (next(self.numbers), rng.choice(LOGINS), datetime(2023, 1, 1, tzinfo=UTC)
                   + timedelta(minutes=rng.randint(0, 360 * 24 * 60)))
            sql = ("INSERT INTO gitpoap.pull_request (repo_id, project_id, number, author_id, merged_at) "
                   "VALUES (%s, %s, %s, %s, %s)")
            return [(sql, (self.repo, self.project, row[0], self.users[row[1]], row[2]))], lambda: self.prs.append(row)
        if kind == "wallet":
            address, balance = rng.choice(ADDRESSES), rng.choice(BALANCES)
            sql = ("INSERT INTO tiers.wallet (address, balance) VALUES (%s, %s) "
                   "ON CONFLICT (address) DO UPDATE SET balance = excluded.balance")
            return [(sql, (address, balance))], lambda: self.wallets.__setitem__(address, balance)
        score = (rng.choice(ADDRESSES), rng.choice(PROGRAM + OUTSIDE), Decimal(rng.choice(("10", "25"))))
        mint = (rng.choice(ADDRESSES), next(txs))
        score_sql = ("INSERT INTO human_points.score (address, community_id, score, stamps, scored_at) "
                     "VALUES (%s, %s, %s, '[]', %s)", (*score, SCORED_AT))
        mint_sql = ("INSERT INTO human_points.mint (address, action, tx_hash, chain_id) "
                    "VALUES (%s, 'passport_mint', %s, 10)", mint)
        if kind == "score":
            return [score_sql], lambda: self.scores.append(score)
        if kind == "mint":
            return [mint_sql], lambda: self.mints.append(mint)
        order = [score_sql, mint_sql] if kind == "score+mint" else [mint_sql, score_sql]
        return order, lambda: (self.scores.append(score), self.mints.append(mint))


def assert_rewards_are_right(dsn: str, writers: Writers) -> None:
    """Claims, counters, points, passing scores and wallet tiers equal what the writers' committed rows give."""
    with psycopg.connect(dsn, autocommit=True) as db:
        claims = db.execute("""SELECT g.year, g.level, u.login FROM gitpoap.claim c
                               JOIN gitpoap.gitpoap g ON g.id = c.gitpoap_id
                               JOIN gitpoap.github_user u ON u.id = c.user_id""").fetchall()
        assert sorted(claims) == sorted(c[:3] for c in expected_claims(writers.prs, {2023: LADDER}))
        counts = defaultdict(int)
        for _, login, _ in writers.prs:
            counts[login] += 1
        assert dict(db.execute("SELECT u.login, c.merged_prs FROM gitpoap.contribution c "
                               "JOIN gitpoap.github_user u ON u.id = c.user_id").fetchall()) == dict(counts)

        qualified = defaultdict(set)
        for address, community, score in writers.scores:
            if community in PROGRAM and score >= 20:
                qualified[address].add(community)
        points = [(a, "passport_mint", 300, tx) for a, tx in writers.mints]
        points += [(a, "scoring_bonus", 500, None) for a, c in qualified.items() if len(c) >= 3]
        assert sorted(db.execute("SELECT address, action, points, tx_hash FROM human_points.points").fetchall(),
                      key=str) == sorted(points, key=str)
        assert dict(db.execute("SELECT address, passing_scores FROM human_points.program_stats "
                               "WHERE passing_scores > 0").fetchall()) == {a: len(c) for a, c in qualified.items()}

        tier = lambda b: next((key for key, minimum in TIERS if b >= minimum), "none")  # noqa: E731
        assert {a: (b, k) for a, b, k in db.execute("SELECT address, balance, tier_key FROM tiers.wallet")} == {
            a: (b, tier(b)) for a, b in writers.wallets.items()}


def test_upgrade_from_the_previous_release_while_applications_write(release_tree, fresh_dsn, db):
    """Writers of every kind run before, through and after `runner migrate` from the previous release: the
    upgrade succeeds, no writer statement fails, none takes as long as the lock_timeout, and every claim,
    counter, point and wallet tier is what the committed rows give."""
    previous_release(release_tree, fresh_dsn, db)
    writers = Writers(fresh_dsn, seed(fresh_dsn))
    writers.start()
    try:
        deadline = time.monotonic() + 60
        while min(writers.count(kind) for kind in Writers.KINDS) < 20:  # all of them write on the old schema
            assert time.monotonic() < deadline, "writers did not start"
            time.sleep(0.05)
        began = time.monotonic()
        upgrade = migrate_cli(fresh_dsn)
        stdout, stderr = upgrade.communicate(timeout=300)
        ended = time.monotonic()
        while min(writers.count(kind, after=ended) for kind in Writers.KINDS) < 20:  # and on the new one
            assert time.monotonic() < ended + 60, "writers stopped"
            time.sleep(0.05)
    finally:
        writers.stop()
    assert upgrade.returncode == 0, stderr
    assert "applied 0043_gitpoap_drop_count_merged_prs" in stdout and "applied 0044_tiers_tier_readable" in stdout
    assert all(state.applied for state in migrations.status(fresh_dsn))

    assert [entry for entry in writers.log if entry[3] is not None] == []
    during = [entry for entry in writers.log if began <= entry[1] <= ended]
    assert {entry[0] for entry in during} == set(Writers.KINDS)  # every kind wrote while the upgrade ran
    slowest = max(entry[2] for entry in writers.log)
    assert slowest < LOCK_TIMEOUT_S, slowest
    assert_rewards_are_right(fresh_dsn, writers)


def test_an_upgrade_blocked_by_an_admin_transaction_keeps_applications_working(release_tree, fresh_dsn, db):
    """From the previous release, with an admin transaction open on gitpoap.gitpoap: the upgrade waits for it
    (giving way again and again, until SIGTERM or its last attempt), and meanwhile PR inserts keep working on
    the previous version. It then leaves the previous version whole (every newer migration pending, the old
    pull_request trigger with the function it calls); once the admin commits, the upgrade goes through."""
    previous_release(release_tree, fresh_dsn, db)
    writers = Writers(fresh_dsn, seed(fresh_dsn))
    with psycopg.connect(fresh_dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO gitpoap.project (name) VALUES ('admin/other')")
    admin = psycopg.connect(fresh_dsn, autocommit=True)
    admin.execute("SET ROLE rewards_admin")
    admin.execute("BEGIN")
    admin.execute("SELECT gitpoap.add_gitpoaps('admin/other', 2024, ARRAY[1, 3])")  # holds gitpoap.gitpoap
    upgrade = migrate_cli(fresh_dsn)
    writers.start()
    watch = psycopg.connect(fresh_dsn, autocommit=True)
    admin_pid = admin.info.backend_pid
    held_up = False  # the upgrade waited on the admin's locks (it alone can: the writers touch other rows)
    try:
        started = time.monotonic()
        deadline = started + 60
        while writers.count("pr", after=started) < 50 or not held_up:
            assert time.monotonic() < deadline, "writers stopped, or the upgrade never waited on the admin"
            held_up = held_up or watch.execute(
                "SELECT count(*) > 0 FROM pg_stat_activity WHERE %s = ANY (pg_blocking_pids(pid))",
                (admin_pid,)).fetchone()[0]
            time.sleep(0.01)
        if upgrade.poll() is None:  # still waiting and giving way: stop it; else it stopped by itself
            upgrade.send_signal(signal.SIGTERM)
        _, stderr = upgrade.communicate(timeout=15)
        killed = time.monotonic()
        while writers.count("pr", after=killed) < 20:
            assert time.monotonic() < deadline + 60, "writers stopped"
            time.sleep(0.05)
    finally:
        writers.stop()
        if upgrade.poll() is None:
            upgrade.kill()
    assert upgrade.returncode != 0 and "Traceback" not in stderr
    assert [entry for entry in writers.log if entry[3] is not None] == []
    assert max(entry[2] for entry in writers.log) < LOCK_TIMEOUT_S
    pending = [s.id for s in migrations.status(fresh_dsn) if not s.applied]
    assert pending == [m.id for m in migrations.migration_files() if m.id > "0042_core_validate_input_rules"]
    assert watch.execute("SELECT to_regprocedure('gitpoap._count_merged_prs(gitpoap.pull_request[], "
                         "gitpoap.pull_request[])') IS NOT NULL").fetchone()[0]
    watch.close()

    admin.execute("COMMIT")
    admin.close()
    after = migrate_cli(fresh_dsn)
    stdout, stderr = after.communicate(timeout=300)
    assert after.returncode == 0, stderr
    assert "applied 0044_tiers_tier_readable" in stdout
    assert_rewards_are_right(fresh_dsn, writers)



def test_a_migration_that_cannot_run_in_a_transaction_is_refused(dsn, db, tmp_path):
    """`-- transactional: false` (yoyo would commit what came before it): refused in one line, nothing applied."""
    db_dir = tmp_path / "db"
    shutil.copytree(ROOT / "db", db_dir)
    newest = migrations.status(dsn)[-1].id
    (db_dir / "migrations" / "9999_zz_outside.sql").write_text(
        f"-- depends: {newest}\n-- transactional: false\nCREATE SCHEMA zz_outside;\n")
    (db_dir / "migrations" / "9999_zz_outside.rollback.sql").write_text("DROP SCHEMA zz_outside;\n")
    with pytest.raises(MigrateError, match="9999_zz_outside is marked `-- transactional: false`"):
        migrations.migrate(dsn, db_dir=db_dir)
    assert db.execute("SELECT to_regnamespace('zz_outside')").fetchone() == (None,)
    assert not migrations.status(dsn, db_dir=db_dir)[-1].applied


def test_a_migration_that_drops_a_trigger_gets_it_back_from_its_unchanged_file(dsn, db, tmp_path):
    """Files are applied when their text changed, and all of them when a migration dropped or changed a
    function or trigger: here a migration drops wallet's triggers (as a table rebuilt would lose them)."""
    db_dir = tmp_path / "db"
    shutil.copytree(ROOT / "db", db_dir)
    triggers = [name for (name,) in db.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'tiers.wallet'::regclass AND NOT tgisinternal ORDER BY 1")]
    assert triggers
    newest = migrations.status(dsn)[-1].id
    (db_dir / "migrations" / "9999_zz_drop.sql").write_text(
        f"-- depends: {newest}\n-- Drops wallet's triggers.\nSET LOCAL lock_timeout = '5s';\n"
        + "".join(f"DROP TRIGGER {name} ON tiers.wallet;\n" for name in triggers))
    (db_dir / "migrations" / "9999_zz_drop.rollback.sql").write_text("SET LOCAL lock_timeout = '5s';\n")
    assert migrations.migrate(dsn, db_dir=db_dir) == (["9999_zz_drop"], len(migrations.repeatable_files(db_dir)))
    assert [name for (name,) in db.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'tiers.wallet'::regclass AND NOT tgisinternal ORDER BY 1")
    ] == triggers
