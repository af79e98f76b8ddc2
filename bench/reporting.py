"""reporting scenario: every view of the reporting schema read whole on the benchmark data (issue: each under 1 s)."""

from __future__ import annotations

import time

from psycopg import sql

from bench import gitpoap, human_points, tiers
from bench.core import Bench, Side, compare, scenario

BUDGET_S = 1.0


@scenario("reporting_views", a="the slowest reporting view, read whole (SELECT * … as rewards_bi would)",
          b="the budget: 1 second", target="A/B <= 1 (seconds)")
def reporting_views(b: Bench):
    gitpoap.ensure_history(b)
    tiers.setup(b)
    human_points.setup(b)
    views = [name for (name,) in b.sql(
        "SELECT table_name FROM information_schema.views WHERE table_schema = 'reporting' ORDER BY 1")]
    timings: dict[str, list[float]] = {view: [] for view in views}

    def slowest(_i):
        for view in views:
            started = time.perf_counter()
            rows = b.sql(sql.SQL("SELECT * FROM reporting.{}").format(sql.Identifier(view)))
            timings[view].append(time.perf_counter() - started)
            b.state.setdefault("view_rows", {})[view] = len(rows)
        return max(times[-1] for times in timings.values())

    a_runs, b_runs = b.alternate(slowest, lambda _i: BUDGET_S)
    details = {"seconds_per_view": {v: round(max(t), 3) for v, t in timings.items()}, "rows": b.state["view_rows"]}
    return compare(Side("slowest view", "s", a_runs), Side("budget", "s", b_runs), "A/B", "<=", 1.0, details)
