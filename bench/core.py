"""bench core: the scenario registry, the throwaway database, alternating A/B runs, the table and the JSON.

A scenario is one function ``fn(bench: Bench) -> Result`` registered with :func:`scenario`. It measures a
side A and a side B ``bench.rounds`` times, alternating (A, B, A, B, …), and returns both series;
:func:`compare` turns them into a ratio per round (the median is reported) checked against the target.
Fixtures a scenario needs (a loaded history, a plain twin table) are built lazily by the domain module and
remembered in ``bench.state``, so ``--only NAME`` works for every scenario.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from runner.db import connect, resolve_dsn, with_dbname  # noqa: E402
from runner.migrate import migrate  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent


# --- results ----------------------------------------------------------------------------------------------


@dataclass
class Side:
    """One side of a comparison: what was measured, in which unit, one value per round."""

    label: str
    unit: str
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def as_json(self) -> dict:
        return {"label": self.label, "unit": self.unit, "runs": self.runs, "median": self.median}


@dataclass
class Result:
    """What a scenario reports: both sides, the ratio (median of per-round ratios), the target and the verdict."""

    a: Side
    b: Side
    ratio_expr: str
    per_round: list[float]
    target: str
    passed: bool
    details: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return statistics.median(self.per_round)

    def as_json(self) -> dict:
        return {
            "a": self.a.as_json(),
            "b": self.b.as_json(),
            "ratio": {"expr": self.ratio_expr, "value": self.ratio, "per_round": self.per_round},
            "target": self.target,
            "passed": self.passed,
            "details": self.details,
        }


_OPS = {">=": lambda x, y: x >= y, "<=": lambda x, y: x <= y}


def compare(a: Side, b: Side, ratio: str, op: str, threshold: float, details: dict | None = None) -> Result:
    """Pair the rounds (A_i with B_i), take ``A/B`` or ``B/A`` of each pair, and check the median against
    ``op threshold`` (``>=`` or ``<=``)."""
    if ratio == "A/B":
        per_round = [x / y for x, y in zip(a.runs, b.runs)]
    elif ratio == "B/A":
        per_round = [y / x for x, y in zip(a.runs, b.runs)]
    else:
        raise ValueError(f"ratio must be A/B or B/A, got {ratio!r}")
    value = statistics.median(per_round)
    return Result(a, b, ratio, per_round, f"{ratio} {op} {threshold:g}", _OPS[op](value, threshold), details or {})


# --- registry ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    name: str
    func: Callable[["Bench"], Result]
    a: str
    b: str
    target: str


SCENARIOS: dict[str, Scenario] = {}


def scenario(name: str, *, a: str, b: str, target: str):
    """Register ``fn(bench) -> Result`` under ``name`` (run order = registration order)."""

    def register(func):
        if name in SCENARIOS:
            raise ValueError(f"scenario {name} registered twice")
        SCENARIOS[name] = Scenario(name, func, a, b, target)
        return func

    return register


# --- the bench: database, helpers -------------------------------------------------------------------------


class Bench:
    """The run's context: scale, rounds, its own database (``dsn``), a work folder, lazily built fixtures."""

    def __init__(self, server_dsn: str, dbname: str, scale: float, rounds: int, workdir: Path, log=None):
        self.server_dsn = server_dsn
        self.dbname = dbname
        self.dsn = with_dbname(server_dsn, dbname)
        self.scale = scale
        self.rounds = rounds
        self.workdir = workdir
        self.state: dict = {}
        self._log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.conn: psycopg.Connection | None = None
        self.checkpoints: dict[str, list[int]] = {}

    # lifecycle

    def create(self) -> None:
        with connect(self.server_dsn, autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.dbname)))
        migrate(self.dsn)
        self.conn = connect(self.dsn, autocommit=True)
        self.conn.execute("SET TimeZone = 'UTC'")

    def drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        for name in [self.dbname, *self.state.get("extra_databases", [])]:
            with connect(self.server_dsn, autocommit=True) as admin:
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def scratch_database(self, suffix: str) -> str:
        """Create (once) and migrate another database dropped with this one; returns its DSN."""
        name = f"{self.dbname}_{suffix}"
        if name not in self.state.setdefault("extra_databases", []):
            with connect(self.server_dsn, autocommit=True) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            self.state["extra_databases"].append(name)
            migrate(with_dbname(self.server_dsn, name))
        return with_dbname(self.server_dsn, name)

    # helpers

    def log(self, message: str) -> None:
        self._log(f"  {message}")

    def n(self, at_scale_1: int, minimum: int = 1) -> int:
        """``at_scale_1`` scaled by --scale, at least ``minimum``."""
        return max(minimum, round(at_scale_1 * self.scale))

    def sql(self, query, params=None) -> list[tuple]:
        cur = self.conn.execute(query, params)
        return cur.fetchall() if cur.description else []

    def one(self, query, params=None):
        return self.conn.execute(query, params).fetchone()[0]

    def run_sql_file(self, path: Path) -> None:
        self.conn.execute(path.read_text())

    def quiesce(self) -> None:
        """Before a timed run: flush dirty buffers so neither side pays for the other's writes."""
        self.conn.execute("CHECKPOINT")

    def alternate(self, run_a: Callable[[int], float], run_b: Callable[[int], float],
                  before_a: Callable[[int], None] | None = None,
                  before_b: Callable[[int], None] | None = None,
                  rounds: int | None = None) -> tuple[list[float], list[float]]:
        """Run A then B, ``rounds`` (default --rounds) times; ``before_*`` (untimed) resets state and is followed
        by a checkpoint."""
        a_runs, b_runs = [], []
        rounds = rounds or self.rounds
        self.checkpoints = {"A": [], "B": []}
        for i in range(rounds):
            for runs, before, run, side in ((a_runs, before_a, run_a, "A"), (b_runs, before_b, run_b, "B")):
                if before:
                    before(i)
                self.quiesce()
                started = self.server_checkpoints()
                value = run(i)
                self.checkpoints[side].append(self.server_checkpoints() - started)
                runs.append(value)
                self.log(f"round {i + 1}/{rounds} {side}: {value:.4g}")
        return a_runs, b_runs

    def alternate_pgbench(self, script_a: str, script_b: str, clients: int = 2) -> tuple[list[float], list[float], int]:
        """tps of two bench/pgbench scripts without variables, alternated as :meth:`alternate` does, each run
        ``max(2, 10 × scale)`` seconds; returns (A's tps per round, B's, the seconds per run)."""
        seconds = max(2, round(10 * self.scale))

        def run(script):
            return lambda _i: self.pgbench(BENCH_DIR / "pgbench" / script, clients=clients, seconds=seconds,
                                           variables={})["tps"]

        a_runs, b_runs = self.alternate(run(script_a), run(script_b))
        return a_runs, b_runs, seconds

    def server_checkpoints(self) -> int:
        """Checkpoints the server has made so far (any database: a shared server's other tenants count too).
        Each one makes the next change of every page write a full-page image to WAL."""
        if self.one("SELECT current_setting('server_version_num')::int") >= 170000:  # counters moved in 17
            return self.one("SELECT num_timed + num_requested FROM pg_stat_checkpointer")
        return self.one("SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")

    def python(self, args: list[str], measure_rss: bool = False) -> tuple[float, int | None, str]:
        """Run ``python -m <args>`` from the worktree in a fresh process.

        Returns ``(wall seconds, peak RSS in KiB of that process or None, stdout)``; raises RuntimeError
        with its stderr on a non-zero exit. Peak RSS comes from ``wait4`` (the child's own rusage).
        """
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
        out_path, err_path = self.workdir / "child.out", self.workdir / "child.err"
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", *args], cwd=REPO_ROOT, env=env, stdout=out, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"python -m {' '.join(args[:3])} … exited {proc.returncode}: {err_path.read_text()[-2000:]}")
        return elapsed, (usage.ru_maxrss if measure_rss else None), out_path.read_text()

    def pgbench(self, script: Path, clients: int, seconds: int, variables: dict[str, object]) -> dict:
        """Run pgbench (``-n -M prepared``) on this database; returns ``{"tps", "latency_ms", "transactions"}``."""
        binary = shutil.which("pgbench")
        if binary is None:
            candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"))
            if not candidates:
                raise RuntimeError("pgbench not found on PATH nor in /usr/lib/postgresql/*/bin")
            binary = str(candidates[-1])
        args = [binary, "-n", "-M", "prepared", "-c", str(clients), "-j", str(clients), "-T", str(seconds),
                "-f", str(script)]
        for key, value in variables.items():
            args += ["-D", f"{key}={value}"]
        args.append(self.dsn)
        proc = subprocess.run(args, capture_output=True, text=True)
        if proc.returncode != 0 or "tps = " not in proc.stdout:
            raise RuntimeError(f"pgbench failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
        parsed = {}
        for line in proc.stdout.splitlines():
            if line.startswith("tps = "):
                parsed["tps"] = float(line.split()[2])
            elif line.startswith("latency average = "):
                parsed["latency_ms"] = float(line.split()[3])
            elif line.startswith("number of transactions actually processed: "):
                parsed["transactions"] = int(line.split(":")[1].split("/")[0])
            elif line.startswith("number of failed transactions: "):
                parsed["failed"] = int(line.split(":")[1].split()[0])
        return parsed


# --- machine, table -------------------------------------------------------------------------------------


def machine_info(conn: psycopg.Connection) -> dict:
    """CPU, cores, memory, OS and the PostgreSQL server's version and settings that move the figures."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    settings = dict(conn.execute(
        "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s) ORDER BY 1",
        (["shared_buffers", "work_mem", "maintenance_work_mem", "synchronous_commit", "fsync", "max_wal_size",
          "jit", "effective_cache_size"],),
    ).fetchall())
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgres": conn.execute("SHOW server_version").fetchone()[0],
        "settings": settings,
    }


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3g} s" if value < 100 else f"{value:.0f} s"
    if value >= 1000:
        return f"{value:,.0f} {unit}"
    return f"{value:.3g} {unit}"


def table(results: dict[str, Result | Exception]) -> str:
    """The headline table (Markdown): scenario, A, B, ratio, target, pass/fail."""
    rows = [("scenario", "A", "B", "ratio", "target", "result")]
    for name, res in results.items():
        if isinstance(res, Exception):
            rows.append((name, "—", "—", "—", SCENARIOS[name].target, f"ERROR: {str(res).splitlines()[0][:60]}"))
            continue
        rows.append((
            name,
            _fmt(res.a.median, res.a.unit),
            _fmt(res.b.median, res.b.unit),
            f"{res.ratio_expr} = {res.ratio:.2f}",
            res.target,
            "pass" if res.passed else "FAIL",
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def run_scenarios(bench: Bench, names: list[str]) -> dict[str, Result | Exception]:
    """Run the named scenarios in registry order; an exception is recorded and the next one runs."""
    results: dict[str, Result | Exception] = {}
    for name in names:
        entry = SCENARIOS[name]
        print(f"[{name}] A: {entry.a} | B: {entry.b} | target {entry.target}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            bench.checkpoints = {}
            result = entry.func(bench)
            result.details.setdefault("seconds", round(time.perf_counter() - started, 1))
            if bench.checkpoints:
                result.details.setdefault("server_checkpoints_during_runs", bench.checkpoints)
                quiet = [r for r, a, b in zip(result.per_round, bench.checkpoints["A"], bench.checkpoints["B"])
                         if a == 0 and b == 0]
                result.details.setdefault("ratio_in_rounds_without_checkpoints",
                                          round(statistics.median(quiet), 3) if quiet else None)
            results[name] = result
            print(f"[{name}] {result.ratio_expr} = {result.ratio:.3f} ({'pass' if result.passed else 'FAIL'}) "
                  f"in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        except Exception as exc:  # noqa: BLE001 — reported in the table and the JSON, the run goes on
            traceback.print_exc()
            results[name] = exc
    return results


def default_server_dsn(dsn: str | None) -> str:
    """The server to create the bench database on: --dsn, else $DATABASE_URL, else libpq's defaults."""
    return resolve_dsn(dsn)
