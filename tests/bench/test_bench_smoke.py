"""bench/run.py at --scale 0.05 as a smoke run: it finishes and writes every scenario's figures.

Targets are reported, not enforced here (timings belong to bench/, never to tests); the headline table at
scale 1 is in bench/README.md.
"""

import json
import subprocess
import sys
from pathlib import Path

from psycopg.conninfo import make_conninfo

from bench.run import SCENARIOS  # importing the driver registers every scenario module

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_run_writes_every_scenario(dsn, tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "bench/run.py", "--scale", "0.05", "--json", str(out), "--dsn", make_conninfo(dsn, dbname="postgres")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())
    assert set(report["scenarios"]) == set(SCENARIOS)
    for name, result in report["scenarios"].items():
        assert "error" not in result, f"{name}: {result.get('error')}"
        assert result["a"]["runs"] and result["b"]["runs"]
        assert result["ratio"]["value"] > 0 and isinstance(result["passed"], bool)
    assert "| scenario" in proc.stdout
