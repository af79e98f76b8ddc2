"""tiers scenarios: tier_lookup (pgbench) and wallet_retier (1M balance updates, tiers and history kept)."""

from __future__ import annotations

import time

from bench.core import BENCH_DIR, Bench, Side, compare, scenario


def setup(b: Bench) -> None:
    """Once per run: the plain twins, and N wallets with log-normal balances (median ~20k tokens) in both tables."""
    if b.state.get("wallets"):
        return
    b.run_sql_file(BENCH_DIR / "sql" / "tiers_points_setup.sql")
    wallets = b.n(1_000_000, 2_000)
    b.log(f"creating {wallets} wallets")
    b.sql("SELECT setseed(0.42)")
    b.sql("""INSERT INTO tiers.wallet (address, balance)
             SELECT '0x' || lpad(to_hex(i), 40, '0'),
                    round(exp(10 + 1.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))::numeric, 2)
             FROM generate_series(1, %s) i""", (wallets,))
    b.sql("INSERT INTO bench.wallet_plain SELECT * FROM tiers.wallet")
    b.sql("VACUUM (ANALYZE) tiers.wallet, tiers.tier_change, bench.wallet_plain")
    b.state["wallets"] = wallets


@scenario("tier_lookup", a="pgbench, 2 clients: SELECT tiers.tier_for_balance(x)",
          b="pgbench, 2 clients: SELECT x", target="A/B >= 0.7 (tps)")
def tier_lookup(b: Bench):
    setup(b)
    a_runs, b_runs, seconds = b.alternate_pgbench("tier_lookup.sql", "tier_lookup_plain.sql")
    return compare(Side("tier_for_balance", "tps", a_runs), Side("SELECT x", "tps", b_runs), "A/B", ">=", 0.7,
                   {"seconds_per_run": seconds})


# Each round multiplies every balance by a factor that moves a share of the wallets across tier boundaries;
# both tables get the same factors in the same order, so they hold the same balances at every round.
FACTORS = [1.7, 0.6, 1.3, 0.8, 1.9]


@scenario("wallet_retier", a="UPDATE of every wallet balance in tiers.wallet (tiers and history maintained)",
          b="the same UPDATE on an identical table without triggers", target="A/B >= 0.6 (rows/s)")
def wallet_retier(b: Bench):
    setup(b)
    wallets = b.state["wallets"]

    def update(table):
        def _run(i):
            started = time.perf_counter()
            b.sql(f"UPDATE {table} SET balance = round(balance * %s::numeric, 2)", (FACTORS[i % len(FACTORS)],))
            return wallets / (time.perf_counter() - started)
        return _run

    def vacuum(table):
        return lambda _i: b.sql(f"VACUUM {table}")

    changes_before = b.one("SELECT count(*) FROM tiers.tier_change")
    a_runs, b_runs = b.alternate(update("tiers.wallet"), update("bench.wallet_plain"),
                                 vacuum("tiers.wallet"), vacuum("bench.wallet_plain"))
    details = {"wallets": wallets, "tier_changes_written": b.one("SELECT count(*) FROM tiers.tier_change") - changes_before}
    return compare(Side("triggers on", "rows/s", a_runs), Side("plain table", "rows/s", b_runs), "A/B", ">=", 0.6, details)
