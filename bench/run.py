"""Benchmarks: python bench/run.py [--scale S] [--only NAME[,NAME…]] [--rounds N] [--json OUT] [--keep].

Creates its own database on the default server (--dsn, else $DATABASE_URL, else libpq's defaults, like
`runner`), migrates it with runner.migrate.migrate, generates data deterministically, runs every scenario
(A and B alternately, several rounds), prints the table (scenario, A, B, ratio, target, pass/fail), writes
the same as JSON, and drops the database. Exit status 0 when every scenario ran (targets are reported, not
enforced), 1 when one raised. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import core  # noqa: E402
from bench.core import SCENARIOS, Bench, machine_info, run_scenarios, table  # noqa: E402

# Scenario modules register themselves on import; add a domain's module here (e.g. bench.tiers).
import bench.gitpoap  # noqa: E402,F401
import bench.human_points  # noqa: E402,F401
import bench.reporting  # noqa: E402,F401
import bench.tiers  # noqa: E402,F401


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[1])
    parser.add_argument("--scale", type=float, default=1.0, help="data size; 1 = 1M PRs / 100k authors (default 1)")
    parser.add_argument("--only", help=f"comma-separated scenarios (of: {', '.join(SCENARIOS)})")
    parser.add_argument("--rounds", type=int, help="A/B pairs per scenario (default 3; 2 below scale 0.2)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--dsn", help="server to create the bench database on (default $DATABASE_URL, else libpq defaults)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database (its name is printed)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    names = [n.strip() for n in args.only.split(",")] if args.only else list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    args.names = [n for n in SCENARIOS if n in names]
    if args.rounds is None:
        args.rounds = 3 if args.scale >= 0.2 else 2
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A kill (SIGTERM) unwinds like Ctrl-C, so the bench database is still dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    dbname = f"bench_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="pg-rewards-bench-") as tmp:
        bench = Bench(core.default_server_dsn(args.dsn), dbname, args.scale, args.rounds, Path(tmp))
        print(f"bench: database {dbname}, scale {args.scale:g}, {args.rounds} rounds, scenarios {', '.join(args.names)}",
              file=sys.stderr, flush=True)
        bench.create()
        try:
            machine = machine_info(bench.conn)
            results = run_scenarios(bench, args.names)
        finally:
            if args.keep:
                print(f"bench: kept database {dbname}", file=sys.stderr)
                if bench.conn is not None:
                    bench.conn.close()
            else:
                bench.drop()
    elapsed = time.perf_counter() - started
    print()
    print(f"scale {args.scale:g}, {args.rounds} rounds, {elapsed:.0f} s — {machine['cpu']}, {machine['cores']} cores, "
          f"{machine['memory_gb']} GB, PostgreSQL {machine['postgres']}")
    print(table(results))
    if args.json:
        report = {
            "scale": args.scale,
            "rounds": args.rounds,
            "finished_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "seconds": round(elapsed, 1),
            "machine": machine,
            "scenarios": {
                name: ({"error": f"{type(res).__name__}: {res}", "target": SCENARIOS[name].target}
                       if isinstance(res, Exception) else
                       {"a_is": SCENARIOS[name].a, "b_is": SCENARIOS[name].b, **res.as_json()})
                for name, res in results.items()
            },
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return 1 if any(isinstance(res, Exception) for res in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
