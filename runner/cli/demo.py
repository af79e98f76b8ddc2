"""`runner demo`: a throwaway database, migrated, loaded with PR history, GitPOAPs added, results printed."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import click
import psycopg.conninfo

from runner import embedded, gitpoap, migrate as migrations, reporting
from runner.cli.common import Context, echo_json, fail, json_option, sql_command
from runner.db import connect, describe
from runner.demo import DEMO_LEVELS, demo_points, generated_history, throwaway_database
from runner.output import table


@click.command()
@click.option("--prs", "prs_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A gh pr list --json … export (or a CSV) to load instead of the generated history.")
@click.option("--repo", default="acme/rocket", show_default=True, help="Repository name to load the PRs under.")
@click.option("--keep", is_flag=True, help="Keep the demo database (its name is printed).")
@json_option
@click.pass_obj
@sql_command(aliases={"name": "repo"}, prefix="prs_file")
def demo(obj: Context, prs_file: Path | None, repo: str, keep: bool, as_json: bool) -> None:
    """Migrate a throwaway database, load PRs, add 3-level GitPOAPs per year, print claims and top contributors.

    With no --dsn / DATABASE_URL and nothing answering at libpq's defaults, it runs on a throwaway embedded server.
    """
    with ExitStack() as stack:
        server = obj.dsn
        if not obj.dsn and embedded.nothing_answers(""):
            where = describe("")
            if keep:
                fail(f"nothing answers at {where}, and --keep needs a server that outlives the demo: "
                     "run `runner dev start` and export the DATABASE_URL it prints")
            try:
                server = stack.enter_context(embedded.throwaway_server())
            except embedded.EmbeddedError as exc:
                fail(f"nothing answers at {where} (choose a server with --dsn or DATABASE_URL), and {exc}", 2)
            click.echo(f"server: a throwaway embedded PostgreSQL {embedded.version()}, because nothing answers at "
                       f"{where} (choose a server with --dsn or DATABASE_URL)", err=as_json)
        _demo(server, prs_file, repo, keep, as_json)


def _demo(server: str, prs_file: Path | None, repo: str, keep: bool, as_json: bool) -> None:
    with throwaway_database(server, keep) as dsn:
        database = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
        applied, _ = migrations.migrate(dsn)
        with connect(dsn, autocommit=True) as conn:
            with open(prs_file, "rb") if prs_file else generated_history() as stream:
                imported = gitpoap.import_pull_requests(conn, stream, repo)
            _, progress = reporting.fetch_report(conn, "contributor_progress")
            for year in sorted({row[1] for row in progress}):
                gitpoap.add_gitpoaps(conn, repo, year, DEMO_LEVELS)
            levels = gitpoap.list_gitpoaps(conn, repo)
            contributors = gitpoap.top_contributors(conn, repo, 10)
            points = demo_points(conn)
    if as_json:
        echo_json({
            "database": database, "kept": keep, "migrations": len(applied), "repo": repo,
            "imported": {"inserted": imported.inserted, "bot_prs": imported.bot_prs, "duplicates": imported.duplicates},
            "gitpoaps": [dict(zip(gitpoap.GITPOAP_COLUMNS, row)) for row in levels],
            "top_contributors": [dict(zip(gitpoap.CONTRIBUTOR_COLUMNS, row)) for row in contributors],
            "points": {address: total for address, total in points},
        })
        return
    click.echo(f"database: {database}{' (kept)' if keep else ''}")
    click.echo(f"migrated: {len(applied)} migrations")
    click.echo(f"imported {imported.inserted} PRs into {repo} ({imported.bot_prs} by bots, "
               f"{imported.duplicates} duplicates)")
    click.echo(f"\nclaims per year and level (thresholds {', '.join(map(str, DEMO_LEVELS))} merged PRs):")
    click.echo(table(("year", "level", "threshold", "claims"), [(r[2], r[3], r[4], r[7]) for r in levels]))
    click.echo("\ntop contributors:")
    click.echo(table(("login", "merged PRs", "claims", "best level"),
                     [(login, merged, claims, level or "-") for login, merged, claims, level in contributors]))
    click.echo("\nhuman points (a short run: three addresses, three program communities):")
    for address, total in points:
        click.echo(f"{address}  {total:>6} points")
