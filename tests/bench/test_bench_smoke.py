"""Smoke run of the benchmarks: `python bench/run.py --scale 0.05 --json OUT` finishes and reports every scenario.

Targets are reported by the bench, not enforced here (speed is measured in bench/, never in tests).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

from psycopg.conninfo import make_conninfo

from bench.run import SCENARIOS  # importing the driver registers every scenario module
from runner import embedded

ROOT = Path(__file__).resolve().parents[2]
GITPOAP_SCENARIOS = {"pr_bulk_load", "pr_insert_single", "backfill", "backfill_growth", "app_loop", "import_memory"}


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_smoke_run_reports_every_scenario_with_numbers(postgresql_server, tmp_path):
    server = make_conninfo(host=postgresql_server.host, port=postgresql_server.port, user=postgresql_server.user,
                           dbname="postgres", password=postgresql_server.password or None)
    out = tmp_path / "bench.json"
    # pgbench: the machine's, else the embedded PostgreSQL wheel's.
    path = os.pathsep.join((os.environ.get("PATH", ""), str(embedded.bin_dir())))
    proc = subprocess.run(
        [sys.executable, "bench/run.py", "--scale", "0.05", "--dsn", server, "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "PATH": path},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())

    assert report["scale"] == 0.05
    assert set(report["scenarios"]) == set(SCENARIOS) >= GITPOAP_SCENARIOS
    for name, result in report["scenarios"].items():
        assert "error" not in result, f"{name}: {result.get('error')}"
        for side in ("a", "b"):
            assert _number(result[side]["median"]), (name, side, result[side])
            assert result[side]["runs"] and all(map(_number, result[side]["runs"])), (name, side, result[side])
            assert result[side]["unit"]
        assert len(result["a"]["runs"]) == len(result["b"]["runs"]) == len(result["ratio"]["per_round"])
        assert result["ratio"]["expr"] in ("A/B", "B/A") and _number(result["ratio"]["value"]), (name, result["ratio"])
        assert isinstance(result["passed"], bool) and result["target"]
    assert report["machine"]["postgres"]
    # The table printed on stdout names every scenario too.
    assert all(f"| {name} " in proc.stdout for name in SCENARIOS)
