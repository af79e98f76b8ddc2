"""gitpoap scenarios: bulk load, single inserts, backfill and its growth, the replaced app loop, import memory.

Data (all deterministic, generated in SQL by bench.pr_history, see bench/sql/gitpoap_setup.sql): at scale 1 the
main history is 1,000,000 merged PRs by 100,000 authors (each has at least one PR, the rest follow a Zipf(1)-like
long tail; 3 % of the tail is bots) over the UTC years 2019–2023, in project/repo ``bench/main``, with a GitPOAP of
4 levels (thresholds 1, 5, 20, 50) per year. Live inserts (pgbench, app_loop) go to repo ``bench/live`` of the
same project, merged in 2023.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import psycopg
from psycopg import sql

from bench.core import BENCH_DIR, Bench, Side, compare, scenario
from runner.db import connect
from runner.gitpoap import backfill_claims, import_pull_requests

FIRST_YEAR, YEARS = 2019, 5
LIVE_YEAR = 2023
LEVELS = [1, 5, 20, 50]
PROJECT = MAIN_REPO = "bench/main"
LIVE_REPO = "bench/live"
PLAIN_COLUMNS = "repo_id, project_id, number, title, author_id, merged_at, merge_commit_sha"
ALL_TABLES = ("gitpoap.pull_request, gitpoap.contribution, gitpoap.claim, gitpoap.github_user, gitpoap.pr_import, "
              "bench.pull_request_plain, bench.claim_plain, bench.seed_claim")


# --- fixtures ----------------------------------------------------------------------------------------------


def sizes(b: Bench) -> tuple[int, int]:
    """(PRs, authors) of the main history at this scale."""
    return b.n(1_000_000, 2_000), b.n(100_000, 200)


def setup(b: Bench) -> dict:
    """Once per run: bench schema, project bench/main with repos main and live, GitPOAPs for every year."""
    if "gitpoap" not in b.state:
        b.run_sql_file(BENCH_DIR / "sql" / "gitpoap_setup.sql")
        project_id = b.one("INSERT INTO gitpoap.project (name) VALUES (%s) RETURNING id", (PROJECT,))
        repo_id = b.one("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, %s) RETURNING id", (project_id, MAIN_REPO))
        live_id = b.one("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, %s) RETURNING id", (project_id, LIVE_REPO))
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            b.sql("SELECT * FROM gitpoap.add_gitpoaps(%s::text, %s::integer, %s::integer[])", (PROJECT, year, LEVELS))
        b.state["gitpoap"] = {"project_id": project_id, "repo_id": repo_id, "live_repo_id": live_id}
    return b.state["gitpoap"]


def history_file(b: Bench, name: str, prs: int, authors: int, seed: int = 1) -> Path:
    """Write (once) a CSV in runner import-prs' format: number,title,author,merged_at,merge_commit_sha."""
    setup(b)
    path = b.workdir / f"{name}.csv"
    if not path.exists():
        query = sql.SQL(
            "COPY (SELECT number, title, login AS author,"
            " to_char(merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS merged_at, merge_commit_sha"
            " FROM bench.pr_history({}, {}, {}, {}, {})) TO STDOUT (FORMAT csv, HEADER)"
        ).format(sql.Literal(prs), sql.Literal(authors), sql.Literal(seed), sql.Literal(FIRST_YEAR), sql.Literal(YEARS))
        with open(path, "wb") as out, b.conn.cursor().copy(query) as copy:
            for block in copy:
                out.write(block)
    return path


def main_file(b: Bench) -> Path:
    prs, authors = sizes(b)
    return history_file(b, "history", prs, authors)


def reset_all(b: Bench) -> None:
    """Empty every gitpoap data table and the plain twins (projects, repos and GitPOAPs stay)."""
    b.sql(f"TRUNCATE {ALL_TABLES} RESTART IDENTITY")
    for flag in ("history", "growth", "claim_plain"):
        b.state.pop(flag, None)


def export_plain_rows(b: Bench) -> Path:
    """The main history as stored in gitpoap.pull_request, in the plain table's COPY format (ids in order)."""
    path = b.workdir / "history.copy"
    if not path.exists():
        repo_id = setup(b)["repo_id"]
        query = sql.SQL("COPY (SELECT {} FROM gitpoap.pull_request WHERE repo_id = {} ORDER BY id) TO STDOUT").format(
            sql.SQL(PLAIN_COLUMNS), sql.Literal(repo_id))
        with open(path, "wb") as out, b.conn.cursor().copy(query) as copy:
            for block in copy:
                out.write(block)
    return path


def copy_plain(b: Bench, path: Path) -> None:
    """COPY the exported rows into bench.pull_request_plain (one statement, streamed in 1 MiB blocks)."""
    with b.conn.cursor().copy(f"COPY bench.pull_request_plain ({PLAIN_COLUMNS}) FROM STDIN") as copy, open(path, "rb") as src:
        while block := src.read(1 << 20):
            copy.write(block)


def vacuum_gitpoap(b: Bench) -> None:
    b.sql("VACUUM (ANALYZE) gitpoap.pull_request, gitpoap.contribution, gitpoap.claim, gitpoap.github_user, "
          "bench.pull_request_plain, bench.claim_plain")


def ensure_history(b: Bench) -> None:
    """The main history loaded through the triggers (counters and claims up to date) and its plain twin."""
    if b.state.get("history"):
        return
    path = main_file(b)
    b.log(f"loading the main history ({path.stat().st_size >> 20} MiB CSV)")
    reset_all(b)
    with open(path, "rb") as stream:
        import_pull_requests(b.conn, stream, MAIN_REPO)
    copy_plain(b, export_plain_rows(b))
    vacuum_gitpoap(b)
    b.state["history"] = True


def user_offset(b: Bench) -> int:
    """id(dev<rank>) - rank, checked to be the same for every author (users are created in login order)."""
    offsets = b.sql("SELECT DISTINCT id - substr(login, 4)::integer FROM gitpoap.github_user WHERE login LIKE 'dev%'")
    if len(offsets) != 1:
        raise RuntimeError(f"author ids are not rank + constant ({len(offsets)} offsets)")
    return offsets[0][0]


# --- scenarios -----------------------------------------------------------------------------------------------


@scenario("pr_bulk_load", a="runner import-prs of the main history (triggers on, GitPOAPs defined)",
          b="COPY of the same rows into the trigger-less twin table", target="A/B >= 0.65 (rows/s)")
def pr_bulk_load(b: Bench):
    info = setup(b)
    path = main_file(b)
    prs, authors = sizes(b)
    rss = []

    def run_a(_i):
        seconds, peak_kb, _ = b.python(["runner", "--dsn", b.dsn, "import-prs", str(path), "--repo", MAIN_REPO],
                                       measure_rss=True)
        rss.append(round(peak_kb / 1024, 1))
        return prs / seconds

    def before_b(_i):
        export_plain_rows(b)
        b.sql("TRUNCATE bench.pull_request_plain RESTART IDENTITY CASCADE")

    def run_b(_i):
        rows = export_plain_rows(b)
        started = time.perf_counter()
        copy_plain(b, rows)
        return prs / (time.perf_counter() - started)

    a_runs, b_runs = b.alternate(run_a, run_b, before_a=lambda _i: reset_all(b), before_b=before_b)
    vacuum_gitpoap(b)
    b.state["history"] = True
    details = {
        "prs": prs, "authors": authors, "file_mib": round(path.stat().st_size / 2**20, 1),
        "a_seconds": [round(prs / r, 2) for r in a_runs], "b_seconds": [round(prs / r, 2) for r in b_runs],
        "a_peak_rss_mib": rss,
        "claims": b.one("SELECT count(*) FROM gitpoap.claim"),
        "counters": b.one("SELECT count(*) FROM gitpoap.contribution WHERE project_id = %s", (info["project_id"],)),
    }
    return compare(Side("import-prs", "rows/s", a_runs), Side("COPY plain", "rows/s", b_runs), "A/B", ">=", 0.65, details)


@scenario("pr_insert_single", a="pgbench, 2 clients: one merged PR per transaction, every trigger on",
          b="the same into the identical table without triggers", target="A/B >= 0.85 (tps)")
def pr_insert_single(b: Bench):
    info = setup(b)
    ensure_history(b)
    _, authors = sizes(b)
    variables = {"authors": authors, "user_offset": user_offset(b), "repo_id": info["live_repo_id"],
                 "project_id": info["project_id"], "year": LIVE_YEAR}
    # Short runs, more of them: on a shared server a checkpoint storm hits one run, not the median.
    seconds = max(2, round(10 * b.scale))
    rounds = b.rounds if b.scale < 0.2 else max(b.rounds, 5)
    stats = {"A": [], "B": []}

    # This server runs with autovacuum off (its conf.d/90-ci.conf): without a VACUUM per round the counters'
    # dead versions pile up under A's hot authors (one counter read 199 stale index entries) and A slows round by
    # round for a reason no production server has. Each side's written tables are vacuumed before its run.
    vacuum = {"A": "VACUUM gitpoap.pull_request, gitpoap.contribution, gitpoap.claim",
              "B": "VACUUM bench.pull_request_plain"}

    def run(side, script):
        def _run(_i):
            b.sql(vacuum[side])
            result = b.pgbench(BENCH_DIR / "pgbench" / script, clients=2, seconds=seconds, variables=variables)
            stats[side].append(result)
            return result["tps"]
        return _run

    a_runs, b_runs = b.alternate(run("A", "pr_insert_trigger.sql"), run("B", "pr_insert_plain.sql"), rounds=rounds)
    details = {"clients": 2, "seconds_per_run": seconds,
               "a_latency_ms": [s.get("latency_ms") for s in stats["A"]],
               "b_latency_ms": [s.get("latency_ms") for s in stats["B"]],
               "failed": sum(s.get("failed", 0) for s in stats["A"] + stats["B"])}
    return compare(Side("triggers on", "tps", a_runs), Side("plain table", "tps", b_runs), "A/B", ">=", 0.85, details)


# The seed's query, from the same files as the by-hand pgbench runs (their :variables become bound parameters):
# as written (filtered on the repo, whose PRs every count reads) and given this schema's (project, author) index.
def _seed_sql(name: str) -> str:
    text = (BENCH_DIR / "pgbench" / name).read_text()
    return text.replace("(:project_id)::bigint", "%(project_id)s::bigint").replace("(:repo_id)::bigint", "%(repo_id)s::bigint")


SEED_BACKFILL = _seed_sql("backfill_seed.sql")
SEED_BACKFILL_INDEXED = _seed_sql("backfill_seed_indexed.sql")
# The seed's query as written is cut after this many times the backfill's time in the same round: a cut run shows
# as_written/A >= SEED_CUT without waiting the hours it takes at scale 1.
SEED_CUT = 6


def run_backfill(b: Bench, project_id: int) -> float:
    """Seconds for the whole chunked backfill of one project, as `runner backfill-claims --project` runs it."""
    started = time.perf_counter()
    for _chunk in backfill_claims(b.conn, project_id=project_id):
        pass
    return time.perf_counter() - started


@scenario("backfill", a="gitpoap.backfill_claims() over the main history (chunks of 10,000 counter keys)",
          b="the seed's query given this schema's (project, author, merged_at) index: per GitPOAP and user,"
            " threshold <= (SELECT COUNT(*) …), its claims inserted",
          target="B/A >= 1.5 (time)")
def backfill(b: Bench):
    info = setup(b)
    ensure_history(b)
    pid, repo_id = info["project_id"], info["repo_id"]
    params = {"project_id": pid, "repo_id": repo_id}
    claims, last_a, cut_rounds, as_written_runs = {}, {}, [], []

    def run_a(_i):
        seconds = run_backfill(b, pid)
        claims["backfill"] = b.one("SELECT count(*) FROM gitpoap.claim WHERE project_id = %s", (pid,))
        last_a["s"] = seconds
        return seconds

    def run_b(_i):
        started = time.perf_counter()
        b.sql(SEED_BACKFILL_INDEXED, params)
        seconds = time.perf_counter() - started
        claims["seed"], claims["seed_non_bot"] = b.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE NOT u.is_bot) FROM bench.seed_claim c"
            " JOIN gitpoap.github_user u ON u.id = c.user_id").fetchone()
        return seconds

    def as_written(i):
        # Reported beside the target: the query as written (on the repo), cut at SEED_CUT × this round's A
        # (statement_timeout; the INSERT is rolled back).
        b.sql("TRUNCATE bench.seed_claim")
        cut = SEED_CUT * last_a["s"]
        started = time.perf_counter()
        try:
            with b.conn.transaction():
                b.sql("SELECT set_config('statement_timeout', %s, true)", (f"{round(cut * 1000)}ms",))
                b.sql(SEED_BACKFILL, params)
            as_written_runs.append(time.perf_counter() - started)
        except psycopg.errors.QueryCanceled:
            as_written_runs.append(cut)
            cut_rounds.append(i + 1)
        b.sql("TRUNCATE bench.seed_claim")

    a_runs, b_runs = b.alternate(
        run_a, run_b,
        before_a=lambda _i: b.sql("TRUNCATE gitpoap.contribution, gitpoap.claim"),
        before_b=as_written,
    )
    over_a = [y / x for x, y in zip(a_runs, as_written_runs)]
    details = {
        "prs": b.one("SELECT count(*) FROM gitpoap.pull_request WHERE project_id = %s", (pid,)),
        "prs_in_seed_repo": b.one("SELECT count(*) FROM gitpoap.pull_request WHERE repo_id = %s", (repo_id,)),
        "users": b.one("SELECT count(*) FROM gitpoap.github_user"),
        "gitpoaps": b.one("SELECT count(*) FROM gitpoap.gitpoap WHERE project_id = %s", (pid,)),
        "as_written_cut_after_a_times": SEED_CUT,
        "as_written_cut_in_rounds": cut_rounds,
        "as_written_runs_s": as_written_runs,
        "as_written_over_a": {"per_round": over_a, "median": statistics.median(over_a)},
        "claims_backfill": claims["backfill"], "claims_seed_indexed": claims["seed"],
        "claims_seed_indexed_without_bots": claims["seed_non_bot"],
    }
    b.log(f"  the seed's query as written: >= {details['as_written_over_a']['median']:.2f} x A"
          + (f" (cut in rounds {cut_rounds})" if cut_rounds else ""))
    return compare(Side("backfill_claims", "s", a_runs), Side("seed query, indexed", "s", b_runs), "B/A", ">=", 1.5,
                   details)


def ensure_growth(b: Bench) -> dict:
    """Projects growth/1x (the main history's size) and growth/4x (4 times the PRs and authors), loaded with
    counting off (session_replication_role = replica skips triggers), GitPOAPs defined, counters empty."""
    setup(b)
    if b.state.get("growth"):
        return b.state["growth"]
    prs, authors = sizes(b)
    projects = {}
    for label, factor, seed in (("1x", 1, 11), ("4x", 4, 12)):
        name = f"growth/{label}"
        with b.conn.transaction():
            project_id = b.one("INSERT INTO gitpoap.project (name) VALUES (%s) ON CONFLICT (name) DO UPDATE SET name = excluded.name"
                               " RETURNING id", (name,))
            repo_id = b.one("INSERT INTO gitpoap.repo (project_id, name) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE"
                            " SET name = excluded.name RETURNING id", (project_id, name))
            b.sql("SET LOCAL session_replication_role = replica")
            args = (prs * factor, authors * factor, seed)
            b.sql("INSERT INTO gitpoap.github_user (login) SELECT DISTINCT login FROM bench.pr_history(%s, %s, %s)"
                  " ORDER BY 1 ON CONFLICT (login) DO NOTHING", args)
            b.sql("DELETE FROM gitpoap.pull_request WHERE repo_id = %s", (repo_id,))
            b.sql(f"INSERT INTO gitpoap.pull_request ({PLAIN_COLUMNS})"
                  " SELECT %s, %s, h.number, h.title, u.id, h.merged_at, h.merge_commit_sha"
                  " FROM bench.pr_history(%s, %s, %s) h JOIN gitpoap.github_user u ON u.login = h.login",
                  (repo_id, project_id, *args))
        if not b.one("SELECT count(*) FROM gitpoap.gitpoap WHERE project_id = %s", (project_id,)):
            for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
                b.sql("SELECT * FROM gitpoap.add_gitpoaps(%s::text, %s::integer, %s::integer[])", (name, year, LEVELS))
        projects[label] = {"project_id": project_id, "prs": prs * factor, "authors": authors * factor}
        b.log(f"growth/{label}: {prs * factor} PRs loaded")
    b.sql("VACUUM (ANALYZE) gitpoap.pull_request, gitpoap.github_user")
    b.state["growth"] = projects
    return projects


@scenario("backfill_growth", a="backfill of a project the size of the main history (S)",
          b="backfill of a project 4 times larger (4×S: PRs and authors)", target="B/A <= 4.4 (time, linear)")
def backfill_growth(b: Bench):
    projects = ensure_growth(b)
    ids = [p["project_id"] for p in projects.values()]
    claims = {}

    def reset(_i):
        b.sql("DELETE FROM gitpoap.claim WHERE project_id = ANY(%s)", (ids,))
        b.sql("DELETE FROM gitpoap.contribution WHERE project_id = ANY(%s)", (ids,))
        b.sql("VACUUM gitpoap.claim, gitpoap.contribution")

    def run(label):
        def _run(_i):
            pid = projects[label]["project_id"]
            seconds = run_backfill(b, pid)
            claims[label] = b.one("SELECT count(*) FROM gitpoap.claim WHERE project_id = %s", (pid,))
            return seconds
        return _run

    a_runs, b_runs = b.alternate(run("1x"), run("4x"), before_a=reset, before_b=reset)
    reset(None)  # the scenarios after this one (reporting_views) see the headline data, not 1.25M more counters
    details = {"prs": {k: v["prs"] for k, v in projects.items()}, "authors": {k: v["authors"] for k, v in projects.items()},
               "claims": claims}
    return compare(Side("backfill S", "s", a_runs), Side("backfill 4×S", "s", b_runs), "B/A", "<=", 4.4, details)


def ensure_claim_plain(b: Bench) -> None:
    """bench.claim_plain holds the same claims as gitpoap.claim for the main project (app_loop's side A)."""
    if b.state.get("claim_plain"):
        return
    pid = setup(b)["project_id"]
    b.sql("TRUNCATE bench.claim_plain")
    b.sql("INSERT INTO bench.claim_plain (gitpoap_id, project_id, user_id, status, created_at)"
          " SELECT gitpoap_id, project_id, user_id, status, created_at FROM gitpoap.claim WHERE project_id = %s", (pid,))
    b.sql("VACUUM (ANALYZE) bench.claim_plain")
    b.state["claim_plain"] = True


APP_INSERT = (f"INSERT INTO bench.pull_request_plain ({PLAIN_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
              " RETURNING id")
APP_COUNT = ("SELECT count(*) FROM bench.pull_request_plain"
             " WHERE project_id = %s AND author_id = %s AND merged_at >= %s AND merged_at < %s")
APP_UPSERT = ("INSERT INTO bench.claim_plain (gitpoap_id, project_id, user_id, pull_request_earned_id)"
              " VALUES (%s, %s, %s, %s) ON CONFLICT (gitpoap_id, user_id) DO NOTHING")
TRIGGER_INSERT = f"INSERT INTO gitpoap.pull_request ({PLAIN_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)"


@scenario("app_loop", a="the replaced backends' loop from Python: per PR insert, count the author's PRs of the year,"
          " upsert a claim per level reached (autocommit statements)",
          b="the same PR stream as single-row INSERTs, the triggers doing the rest", target="B/A >= 3 (PRs/s)")
def app_loop(b: Bench):
    info = setup(b)
    ensure_history(b)
    ensure_claim_plain(b)
    pid, live = info["project_id"], info["live_repo_id"]
    _, authors = sizes(b)
    per_round = b.n(5_000, 300)
    stream = b.sql(
        "SELECT h.number, h.title, u.id, h.merged_at, h.merge_commit_sha"
        " FROM bench.pr_history(%s, %s, 3, %s, 1, 50000000, false) h JOIN gitpoap.github_user u ON u.login = h.login"
        " ORDER BY h.number", (per_round * b.rounds, authors, LIVE_YEAR))
    levels: dict[int, list[tuple[int, int]]] = {}
    for gid, year, threshold in b.sql("SELECT id, year, threshold FROM gitpoap.issuing_gitpoap"
                                      " WHERE project_id = %s ORDER BY year, threshold", (pid,)):
        levels.setdefault(year, []).append((gid, threshold))
    statements = {"A": 0, "B": 0}

    def slice_of(i):
        return stream[i * per_round:(i + 1) * per_round]

    def run_a(i):
        with connect(b.dsn, autocommit=True) as conn:
            conn.execute("SET TimeZone = 'UTC'")
            started = time.perf_counter()
            for number, title, author, merged_at, sha in slice_of(i):
                pr_id = conn.execute(APP_INSERT, (live, pid, number, title, author, merged_at, sha)).fetchone()[0]
                year = merged_at.year
                start, end = merged_at.replace(year, 1, 1, 0, 0, 0), merged_at.replace(year + 1, 1, 1, 0, 0, 0)
                count = conn.execute(APP_COUNT, (pid, author, start, end)).fetchone()[0]
                statements["A"] += 2
                for gid, threshold in levels.get(year, []):
                    if count >= threshold:
                        conn.execute(APP_UPSERT, (gid, pid, author, pr_id))
                        statements["A"] += 1
            return per_round / (time.perf_counter() - started)

    def run_b(i):
        with connect(b.dsn, autocommit=True) as conn:
            started = time.perf_counter()
            for number, title, author, merged_at, sha in slice_of(i):
                conn.execute(TRIGGER_INSERT, (live, pid, number, title, author, merged_at, sha))
                statements["B"] += 1
            return per_round / (time.perf_counter() - started)

    a_runs, b_runs = b.alternate(run_a, run_b)
    details = {"prs_per_round": per_round, "statements_per_pr_a": round(statements["A"] / (per_round * b.rounds), 2),
               "statements_per_pr_b": round(statements["B"] / (per_round * b.rounds), 2)}
    return compare(Side("app loop", "PR/s", a_runs), Side("triggers", "PR/s", b_runs), "B/A", ">=", 3, details)


@scenario("import_memory", a="peak RSS of runner import-prs on a quarter-size file (0.25M rows at scale 1)",
          b="peak RSS of runner import-prs on the full file (1M rows at scale 1)",
          target="B <= 300 MB and B/A <= 1.25 (flat)")
def import_memory(b: Bench):
    prs, authors = sizes(b)
    quarter = history_file(b, "history_quarter", max(1, prs // 4), max(1, authors // 4))
    full = main_file(b)
    scratch = b.scratch_database("mem")

    def reset(_i):
        with psycopg.connect(scratch, autocommit=True) as conn:
            conn.execute("TRUNCATE gitpoap.pull_request, gitpoap.contribution, gitpoap.claim, gitpoap.github_user,"
                         " gitpoap.pr_import, gitpoap.repo, gitpoap.project CASCADE")

    def run(path):
        def _run(_i):
            _, peak_kb, _ = b.python(["runner", "--dsn", scratch, "import-prs", str(path), "--repo", "mem/import"],
                                     measure_rss=True)
            return peak_kb / 1024
        return _run

    # Peak RSS does not drift like time does: two rounds show it is stable, and each costs a full import.
    a_runs, b_runs = b.alternate(run(quarter), run(full), before_a=reset, before_b=reset, rounds=min(b.rounds, 2))
    result = compare(Side(f"{max(1, prs // 4):,} rows", "MB", a_runs), Side(f"{prs:,} rows", "MB", b_runs),
                     "B/A", "<=", 1.25, {"rows": [max(1, prs // 4), prs]})
    result.target = "B <= 300 MB and B/A <= 1.25"
    result.passed = result.passed and max(b_runs) <= 300
    return result
