"""The `runner` command line: migrate, import, backfill, demo and the domain sub-commands."""

from __future__ import annotations

import json
from contextlib import ExitStack
from importlib import metadata
from pathlib import Path

import click
import psycopg
import psycopg.conninfo

from runner import embedded
from runner import migrate as migrations
from runner import points as human_points
from runner.cli_dev import dev
from runner.cli_gitpoap import backfill_claims_command, gitpoaps, import_prs
from runner.cli_points import points
from runner.cli_support import Context, database_errors, fail
from runner.cli_tiers import serve, tiers_group
from runner.db import connect, describe
from runner.demo import DEMO_LEVELS, YearsSeen, generated_history, throwaway_database
from runner.docs import sql_api_markdown
from runner.importers import import_pull_requests, read_pull_requests
from runner.report import UnknownReport, fetch_report, list_reports, render


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"runner {metadata.version('pg-rewards')} (pg-rewards), migrations up to "
                   f"{migrations.newest_migration() or 'none: installed without its SQL'}")
        ctx.exit()


@click.group()
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print the package version and the newest migration it carries, then exit.")
@click.option(
    "--dsn",
    envvar="DATABASE_URL",
    help="libpq connection string or URI; default $DATABASE_URL, else libpq's defaults (PGHOST, PGDATABASE, …).",
)
@click.pass_context
def main(ctx: click.Context, dsn: str | None) -> None:
    """pg-rewards: a rewards engine that lives in PostgreSQL."""
    ctx.obj = Context(dsn)


@main.command()
@click.option("--status", "show_status", is_flag=True, help="List migrations and whether each is applied.")
@click.option("--rollback", "rollback_steps", type=click.IntRange(min=1), help="Roll back the last N migrations.")
@click.pass_obj
@database_errors
def migrate(obj: Context, show_status: bool, rollback_steps: int | None) -> None:
    """Apply versioned migrations, then re-apply every function and trigger file."""
    if show_status:
        for state in migrations.status(obj.dsn):
            click.echo(f"{'applied' if state.applied else 'pending'}  {state.id}")
        return
    if rollback_steps:
        done = migrations.rollback(obj.dsn, rollback_steps)
        for migration_id in done:
            click.echo(f"rolled back {migration_id}")
        click.echo(f"{len(done)} migration(s) rolled back")
        return
    applied, repeatables = migrations.migrate(obj.dsn)
    for migration_id in applied:
        click.echo(f"applied {migration_id}")
    click.echo(f"{len(applied)} migration(s) applied, {repeatables} function/trigger file(s) re-applied")

# --- demo ----------------------------------------------------------------------------------------------


@main.command()
@click.option("--prs", "prs_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A gh pr list --json … export to load instead of the generated history.")
@click.option("--repo", default="acme/rocket", show_default=True, help="Repository name to load the PRs under.")
@click.option("--keep", is_flag=True, help="Keep the demo database (its name is printed).")
@click.pass_obj
@database_errors
def demo(obj: Context, prs_file: Path | None, repo: str, keep: bool) -> None:
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
                       f"{where} (choose a server with --dsn or DATABASE_URL)")
        _demo(server, prs_file, repo, keep)


def _demo(server: str, prs_file: Path | None, repo: str, keep: bool) -> None:
    with throwaway_database(server, keep) as dsn:
        click.echo(f"database: {psycopg.conninfo.conninfo_to_dict(dsn)['dbname']}{' (kept)' if keep else ''}")
        applied, _ = migrations.migrate(dsn)
        click.echo(f"migrated: {len(applied)} migrations")
        with connect(dsn, autocommit=True) as conn:
            if prs_file:
                with open(prs_file, "rb") as stream:
                    records = YearsSeen(read_pull_requests(stream))
                    result = import_pull_requests(conn, records, repo)
            else:
                records = YearsSeen(generated_history())
                result = import_pull_requests(conn, records, repo)
            click.echo(f"imported {result.inserted} PRs into {repo} ({result.bot_prs} by bots, "
                       f"{result.duplicates} duplicates)")
            for year in sorted(records.years):
                conn.execute("SELECT * FROM gitpoap.add_gitpoaps(%s::text, %s::integer, %s::integer[])",
                             (repo, year, DEMO_LEVELS))
            click.echo(f"\nclaims per year and level (thresholds {', '.join(map(str, DEMO_LEVELS))} merged PRs):")
            click.echo(f"{'year':>6} {'level':>6} {'threshold':>10} {'claims':>7}")
            for _gid, _name, year, level, threshold, _status, _enabled, claims in conn.execute(
                "SELECT * FROM gitpoap.list_gitpoaps(%s::text)", (repo,)
            ):
                click.echo(f"{year:>6} {level:>6} {threshold:>10} {claims:>7}")
            click.echo("\ntop contributors:")
            click.echo(f"{'login':<20} {'merged PRs':>10} {'claims':>7} {'best level':>10}")
            for login, merged, claims, level in conn.execute(
                "SELECT * FROM gitpoap.top_contributors(%s::text, 10)", (repo,)
            ):
                click.echo(f"{login:<20} {merged:>10} {claims:>7} {level or '-':>10}")
            click.echo("\nhuman points (a short run: three addresses, three program communities):")
            for address, total in human_points.demo_points(conn):
                click.echo(f"{address}  {total:>6} points")


# --- docs ----------------------------------------------------------------------------------------------


@main.command()
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("docs/sql-api.md"),
              show_default=True, help="Where to write the reference.")
@click.pass_obj
@database_errors
def docs(obj: Context, output: Path) -> None:
    """Write the SQL API reference from the catalog of a migrated database."""
    with connect(obj.dsn) as conn:
        text = sql_api_markdown(conn)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    click.echo(f"wrote {output} ({len(text.splitlines())} lines)")


# --- reporting -----------------------------------------------------------------------------------------


@main.command()
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="At most N rows.")
@click.option("--where", help="SQL condition over the view's columns, e.g. \"year = 2019\" (runs read-only).")
@click.pass_obj
@database_errors
def report(obj: Context, name: str | None, fmt: str, limit: int | None, where: str | None) -> None:
    """Print a reporting view; without NAME, list the views and what they answer."""
    with connect(obj.dsn, autocommit=True) as conn:
        if not name:
            for view, comment in list_reports(conn):
                click.echo(f"{view:<28} {comment}")
            return
        try:
            columns, rows = fetch_report(conn, name, where, limit)
        except UnknownReport as exc:
            fail(str(exc))
    click.echo(render(columns, rows, fmt))

# --- status --------------------------------------------------------------------------------------------


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_obj
@database_errors
def status(obj: Context, as_json: bool) -> None:
    """Migration version, row counts per domain, settings, repos and newest activity."""
    states = migrations.status(obj.dsn)
    applied = [s.id for s in states if s.applied]
    with connect(obj.dsn) as conn:
        gitpoap, tier_activity, points, settings = conn.execute(
            "SELECT gitpoap.activity(), tiers.activity(), human_points.activity(), human_points.status()"
        ).fetchone()
    report_ = {
        "migration": applied[-1] if applied else None,
        "pending_migrations": [s.id for s in states if not s.applied],
        "gitpoap": gitpoap, "tiers": tier_activity, "human_points": {**points, "settings": settings},
    }
    if as_json:
        click.echo(json.dumps(report_, indent=2))
        return
    click.echo(f"migration      {report_['migration']} ({len(applied)} applied, "
               f"{len(report_['pending_migrations'])} pending)")
    for domain in ("gitpoap", "tiers", "human_points"):
        counts = ", ".join(f"{k} {v}" for k, v in report_[domain]["counts"].items())
        click.echo(f"{domain:<14} {counts}")
    click.echo(f"points switch  write_enabled={'true' if settings['write_enabled'] else 'false'}, "
               f"pass_threshold={settings['pass_threshold']}, bonus_communities={settings['bonus_communities']}")
    for repo in gitpoap["repos"]:
        click.echo(f"repo           {repo['name']}: {'backloaded ' + repo['backloaded_at'] if repo['backloaded_at'] else 'not backloaded'}")
    click.echo(f"newest claim   {gitpoap['newest_claim_at'] or '-'}")
    click.echo(f"newest point   {points['newest_point_at'] or '-'}")
    click.echo(f"newest change  {tier_activity['newest_tier_change_at'] or '-'}")


for _command in (import_prs, backfill_claims_command, gitpoaps, points, tiers_group, serve, dev):
    main.add_command(_command)
