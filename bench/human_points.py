"""human_points scenario: score_events (pgbench, single-row events with 5 stamps, triggers on vs a plain table)."""

from __future__ import annotations

from bench.core import BENCH_DIR, Bench, Side, compare, scenario


def setup(b: Bench) -> None:
    """Once per run: communities 1–6 (1–4 in the program), the plain twin, and a scored population for the views."""
    if b.state.get("points"):
        return
    b.run_sql_file(BENCH_DIR / "sql" / "tiers_points_setup.sql")
    events = b.n(200_000, 1_000)
    b.log(f"scoring {events} events")
    b.sql("""INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)
             SELECT '0x' || lpad(to_hex(n %% %(addresses)s + 1), 40, '0'), n %% 6 + 1, 10 + n %% 25, bench.five_stamps(n),
                    '2025-07-01T00:00:00Z'::timestamptz + n * interval '1 second'
             FROM generate_series(1, %(events)s) n""", {"addresses": max(1, events // 3), "events": events})
    b.sql("VACUUM (ANALYZE) human_points.score, human_points.points, human_points.qualified_community, "
          "human_points.program_stats")
    b.state["points"] = events


@scenario("score_events", a="pgbench, 2 clients: one score event with 5 stamps per transaction, triggers on",
          b="the same into an identical table without triggers", target="A/B >= 0.75 (tps)")
def score_events(b: Bench):
    setup(b)
    a_runs, b_runs, seconds = b.alternate_pgbench("score_trigger.sql", "score_plain.sql")
    return compare(Side("triggers on", "tps", a_runs), Side("plain table", "tps", b_runs), "A/B", ">=", 0.75,
                   {"seconds_per_run": seconds, "points_rows": b.one("SELECT count(*) FROM human_points.points")})
