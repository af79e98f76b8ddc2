"""The `runner` command line: one module per command group, each only parsing input and formatting output
(runner.output) around the domain modules' SQL calls; errors are one line (runner.cli.common.sql_command)."""

from __future__ import annotations

from importlib import metadata

import click

from runner import migrate as migrations
from runner.cli.common import Context
from runner.cli.demo import demo
from runner.cli.dev import dev
from runner.cli.gitpoap import backfill_claims, gitpoaps, import_prs
from runner.cli.migrate import migrate
from runner.cli.points import points
from runner.cli.reporting import docs, report, status
from runner.cli.repos import repos
from runner.cli.serve import serve
from runner.cli.tiers import tiers


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


for _command in (migrate, status, report, docs, demo, import_prs, backfill_claims, gitpoaps, repos, points, tiers, serve,
                 dev):
    main.add_command(_command)
